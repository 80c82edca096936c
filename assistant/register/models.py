"""Register records: goals, indicators, budget lines and measures, each with a verified source.

One flat frozen dataclass for all four types keeps storage, filtering and rendering uniform; the
fields that only make sense for one type stay empty for the others. `id` is derived from where the
record stands (document, page, offsets, type), so re-extracting an unchanged document gives the
same ids and links between records survive a rebuild.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any, Literal

RecordType = Literal["goal", "indicator", "budget", "measure"]
RECORD_TYPES: tuple[RecordType, ...] = ("goal", "indicator", "budget", "measure")

# Goal levels where the document shows them; measures from "beleidslijnen" get their own level.
STRATEGIC = "strategic"
OPERATIONAL = "operational"


@dataclass(frozen=True)
class Provenance:
    """Where the record comes from: `quote` stands verbatim at [start, end) of the cleaned page."""

    doc: str
    page: int
    quote: str
    start: int
    end: int


@dataclass(frozen=True)
class Measurement:
    """One cell of an indicator: `label` is the column as printed ("Begroot 2020", "2018")."""

    label: str
    value: str
    year: int | None = None
    kind: str = "realised"  # "realised", "target" or "other" (a comparison column, e.g. Nederland)


@dataclass(frozen=True)
class Amount:
    """Euros for one year (or `year` None when the table does not say which column it is)."""

    eur: float
    year: int | None = None
    label: str = ""  # the column or phrase it came from ("2020", "per jaar", "Begroting 2025 lasten")
    measure: str = ""  # "baten", "lasten", "saldo", "toevoeging" or "onttrekking" (reserves), when known


@dataclass(frozen=True)
class Record:
    type: RecordType
    text: str
    provenance: Provenance
    municipality: str
    year: int
    section: str = ""
    number: str = ""  # the document's own numbering ("2.5", "1"), when it has one
    level: str = ""  # goals: strategic / operational; measures: "beleidslijn", "beslispunt", ...
    # indicator
    unit: str = ""
    source: str = ""  # who measures: CBS, waarstaatjegemeente.nl, Cognos, ...
    baseline_value: str = ""
    baseline_year: int | None = None
    target_value: str = ""
    target_year: int | None = None
    measurements: tuple[Measurement, ...] = ()
    # budget
    amounts: tuple[Amount, ...] = ()
    nature: str = ""  # "incidenteel" or "structureel" when stated
    table: str = ""  # the table's header or title
    row: str = ""  # the row label as printed
    note: str = ""  # how amounts were read ("x € 1.000 in de tabelkop") and what covers them
    programme: str = ""  # the budget programme it belongs to ("P2 Mens en maatschappij"), when named
    taakveld: str = ""  # Iv3 taakveld code ("6.72", "6.71a") or "onbekend"; empty for other types
    taakveld_printed: str = ""  # the code as the row prints it ("6.752"), which may be a local one
    # measure
    deadline: str = ""
    actor: str = ""
    # cross-references
    themes: tuple[str, ...] = ()
    links: tuple[str, ...] = ()  # ids of linked records in the same document
    origin: str = "rules"  # "rules" or "llm"
    # The other places the same item stands (a goal restated in an annex, a proposal repeated in an
    # overview), each with its own verified quote: a reader of either page finds the record there.
    also_at: tuple[Provenance, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def doc_id(self) -> str:
        return self.provenance.doc

    @property
    def page(self) -> int:
        return self.provenance.page

    @property
    def quote(self) -> str:
        return self.provenance.quote

    @property
    def places(self) -> tuple[Provenance, ...]:
        """Every place the record stands, its first statement first."""
        return (self.provenance, *self.also_at)

    @property
    def id(self) -> str:
        p = self.provenance
        key = f"{p.doc}|{self.type}|{p.page}|{p.start}|{p.end}"
        return hashlib.sha1(key.encode()).hexdigest()[:16]

    def with_(self, **changes: Any) -> Record:
        return replace(self, **changes)

    def to_json(self) -> dict[str, Any]:
        """Plain JSON (ids included) for `--json`, the API and the store's data column."""
        data = asdict(self)
        data.pop("extra", None)
        data["id"] = self.id
        data["doc"] = self.doc_id
        data["page"] = self.page
        return data


def record_from_json(data: dict[str, Any]) -> Record:
    """Inverse of `Record.to_json` (extra keys are ignored, missing ones take their defaults)."""
    plain = {f.name for f in fields(Record)} - {"extra"}
    values = {key: value for key, value in data.items() if key in plain}
    values.update(
        provenance=Provenance(**data["provenance"]),
        year=int(data["year"]),
        measurements=tuple(Measurement(**m) for m in data.get("measurements", ())),
        amounts=tuple(Amount(**a) for a in data.get("amounts", ())),
        themes=tuple(data.get("themes", ())),
        links=tuple(data.get("links", ())),
        also_at=tuple(Provenance(**p) for p in data.get("also_at", ())),
    )
    return Record(**values)
