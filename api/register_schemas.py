"""Response models of the register endpoints: records, themes, the compare table, commitments.

Every item that states something about a municipality carries `doc`, `page` and `quote`, so a
client can always show where it comes from (the UI opens the PDF there).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

RecordTypeName = Literal["goal", "indicator", "budget", "measure"]
ExportFormat = Literal["json", "csv"]

# Dutch words people will type in a URL; the API's own values stay the English ids of the core.
_TYPE_ALIASES = {
    "doel": "goal",
    "doelen": "goal",
    "indicatoren": "indicator",
    "begroting": "budget",
    "begrotingsregel": "budget",
    "begrotingsregels": "budget",
    "maatregel": "measure",
    "maatregelen": "measure",
    "toezegging": "measure",
    "toezeggingen": "measure",
}


def _type_param(value: Any) -> Any:
    if isinstance(value, str):
        key = value.strip().lower()
        return _TYPE_ALIASES.get(key, key) or None
    return value


RecordTypeParam = Annotated[RecordTypeName | None, BeforeValidator(_type_param)]


class ProvenanceOut(BaseModel):
    doc: str
    page: int
    quote: str = Field(description="Letterlijk op de pagina.")
    start: int = -1
    end: int = -1


class AmountOut(BaseModel):
    eur: float
    year: int | None = None
    label: str = ""
    measure: str = Field(default="", description="baten, lasten, saldo, toevoeging of onttrekking (reserves)")


class MeasurementOut(BaseModel):
    label: str
    value: str
    year: int | None = None
    kind: str = "realised"


class RecordOut(BaseModel):
    # Built from `Record.to_json()`; keys the API does not promise are dropped.
    model_config = ConfigDict(extra="ignore")

    id: str
    type: RecordTypeName
    type_label: str
    text: str
    detail: str = Field(description="De waarden die ertoe doen, in één Nederlandse regel.")
    municipality: str
    year: int
    section: str
    themes: list[str]
    doc: str
    page: int
    provenance: ProvenanceOut
    number: str = ""
    level: str = ""
    unit: str = ""
    source: str = ""
    baseline_value: str = ""
    baseline_year: int | None = None
    target_value: str = ""
    target_year: int | None = None
    measurements: list[MeasurementOut] = Field(default_factory=list)
    amounts: list[AmountOut] = Field(default_factory=list)
    nature: str = ""
    programme: str = Field(default="", description="Begrotingsprogramma, bijv. P2 Mens en maatschappij")
    taakveld: str = Field(
        default="", description="Iv3-taakveld (6.72, 6.71a) of 'onbekend'; leeg buiten budget"
    )
    taakveld_printed: str = Field(default="", description="De taakveldcode zoals het document hem drukt")
    deadline: str = ""
    actor: str = ""
    links: list[str] = Field(default_factory=list)
    origin: str = "rules"
    also_at: list[ProvenanceOut] = Field(
        default_factory=list,
        description="De andere plaatsen waar hetzelfde staat (een doel herhaald in een bijlage), elk met "
        "een letterlijk citaat; `provenance` is de eerste.",
    )


class RegisterFilters(BaseModel):
    municipality: str | None = None
    type: RecordTypeName | None = None
    theme: str | None = None


class RegisterOut(BaseModel):
    filters: RegisterFilters
    count: int
    records: list[RecordOut]
    note: str | None = Field(default=None, description="Waarom de lijst leeg is, als hij leeg is.")


class ThemeOut(BaseModel):
    id: str
    label: str
    description: str
    municipalities: list[str] = Field(description="Gemeenten met minstens één registerregel over dit thema.")
    records: int


class ThemesOut(BaseModel):
    themes: list[ThemeOut]
    municipalities: list[str] = Field(description="Alle gemeenten in het register.")


class CellItemOut(BaseModel):
    text: str
    detail: str
    doc: str
    page: int
    quote: str
    id: str


class CellOut(BaseModel):
    items: list[CellItemOut]
    empty: str = Field(description="Wat er te zeggen valt als `items` leeg is: nooit een stille lege cel.")
    more: int = Field(description="Aantal vermeldingen dat niet getoond wordt (zie `limit`).")


class CompareRowOut(BaseModel):
    type: RecordTypeName
    label: str
    cells: dict[str, CellOut]


class ThemeRef(BaseModel):
    id: str
    label: str


class CompareOut(BaseModel):
    theme: ThemeRef
    municipalities: list[str]
    rows: list[CompareRowOut]
    note: str | None = None


class FollowupOut(BaseModel):
    doc: str
    page: int
    quote: str
    id: str
    score: float


class CommitmentOut(BaseModel):
    commitment: RecordOut
    status: Literal["realised", "on_schedule", "delayed", "dropped", "not_mentioned", "no_later"] = Field(
        description="Wat het latere document erover zegt; not_mentioned: geen latere uitspraak gevonden"
    )
    status_label: str
    later: list[FollowupOut]
    later_note: str | None = Field(default=None, description="Gezet als geen later document erover gaat.")


class CommitmentsOut(BaseModel):
    municipality: str
    count: int
    items: list[CommitmentOut]
    note: str | None = None


class ChangeSideOut(BaseModel):
    doc: str
    page: int
    quote: str
    id: str
    amounts: dict[str, float] = Field(description="Per soort (baten, lasten, saldo; leeg: één bedrag) euro's")
    text: str


class ChangeOut(BaseModel):
    status: Literal["changed", "added", "removed"]
    status_label: str
    label: str
    programme: str
    taakveld: str
    before: ChangeSideOut | None
    after: ChangeSideOut | None


class ChangesOut(BaseModel):
    municipality: str
    from_: int = Field(alias="from")
    to: int
    doc_from: str
    doc_to: str
    scope: str
    summary: str
    unchanged: int
    items: list[ChangeOut]

    model_config = ConfigDict(populate_by_name=True)


class TaakveldRef(BaseModel):
    code: str
    name: str


class TaakveldItemOut(CellItemOut):
    taakveld: str
    printed: str
    programme: str


class TaakveldCellOut(BaseModel):
    items: list[TaakveldItemOut]
    empty: str


class TaakveldOut(BaseModel):
    taakveld: TaakveldRef
    municipalities: list[str]
    cells: dict[str, TaakveldCellOut]
