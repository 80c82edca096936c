"""The register over HTTP: records, themes, municipalities side by side, and commitments.

Thin on purpose: selection, ranking and Dutch cell texts live in `assistant.register`, so the CLI
and the API cannot drift apart; this module validates input, explains empty results and picks
JSON or CSV.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import Response
from pydantic import StringConstraints

from api.deps import AssistantDep, CommitmentCacheDep, MessagesDep, RegisterDep
from api.messages import Messages
from api.register_schemas import (
    CommitmentOut,
    CommitmentsOut,
    CompareOut,
    ExportFormat,
    RecordOut,
    RecordTypeParam,
    RegisterFilters,
    RegisterOut,
    ThemeOut,
    ThemesOut,
)
from api.schemas import ErrorOut, Municipality
from assistant.register import render
from assistant.register.compare import compare, detail, labels
from assistant.register.models import Record
from assistant.register.store import RegisterStore
from assistant.register.themes import Theme, load_taxonomy

router = APIRouter(tags=["register"])
MAX_MUNICIPALITIES = 20
_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/csv": {}}, "description": "JSON, of CSV met `format=csv`."},
    404: {"model": ErrorOut},
    422: {"model": ErrorOut},
}

# Stripped before the length check: "  " is as missing as "".
Required = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
THEME_HELP = "Thema-id of -naam, zie /api/themes"
TYPE_HELP = "goal, indicator, budget of measure (ook: doel, indicator, begroting, toezegging)"
FormatParam = Annotated[ExportFormat, Query(alias="format", description="json of csv (download)")]


def resolve_theme(name: str, msg: Messages) -> Theme:
    taxonomy = load_taxonomy()
    theme = taxonomy.resolve(name)
    if theme is None:
        known = ", ".join(t.id for t in taxonomy.themes)
        raise HTTPException(404, msg("register_unknown_theme", theme=name.strip(), themes=known))
    return theme


def canonical(store: RegisterStore, municipality: str) -> tuple[str, bool]:
    """The register's spelling of a municipality, and whether the register has it at all."""
    known = {m.casefold(): m for m in store.municipalities()}
    found = known.get(municipality.casefold())
    return (found or municipality), found is not None


def record_out(record: Record) -> RecordOut:
    type_label = labels()["type_singular"][record.type]
    return RecordOut(**record.to_json(), type_label=type_label, detail=detail(record))


def csv_download(text: str, *parts: str) -> Response:
    return Response(
        text,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{_filename(parts)}.csv"'},
    )


def _filename(parts: tuple[str, ...]) -> str:
    # ASCII only: a header value cannot carry "Súdwest-Fryslân" without RFC 5987 encoding.
    text = "-".join(p for p in parts if p)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "register"


def _municipality_list(raw: str | None, msg: Messages) -> list[str]:
    names: dict[str, str] = {}
    for part in (raw or "").split(","):
        if part.strip():
            names.setdefault(part.strip().casefold(), part.strip())
    if len(names) > MAX_MUNICIPALITIES:
        raise HTTPException(422, msg("register_too_many_municipalities", max=MAX_MUNICIPALITIES))
    return list(names.values())


@router.get(
    "/api/register",
    response_model=RegisterOut,
    summary="Doelen, indicatoren, begrotingsregels en toezeggingen, met bron",
    responses=_RESPONSES,
)
def register_records(
    store: RegisterDep,
    msg: MessagesDep,
    municipality: Annotated[Municipality, Query()] = None,
    record_type: Annotated[RecordTypeParam, Query(alias="type", description=TYPE_HELP)] = None,
    theme: Annotated[str | None, Query(max_length=100, description=THEME_HELP)] = None,
    export: FormatParam = "json",
) -> RegisterOut | Response:
    found = resolve_theme(theme, msg) if theme and theme.strip() else None
    name, known = canonical(store, municipality) if municipality else (None, True)
    records = store.query(municipality=name, type=record_type, theme=found.id if found else None)
    if export == "csv":
        return csv_download(render.records_to_csv(records), "register", name or "", record_type or "",
                            found.id if found else "")  # fmt: skip
    note = None
    if not records:
        unknown = msg("register_unknown_municipality", municipality=name)
        note = msg("register_no_records") if known else unknown
    return RegisterOut(
        filters=RegisterFilters(municipality=name, type=record_type, theme=found.id if found else None),
        count=len(records),
        records=[record_out(r) for r in records],
        note=note,
    )


@router.get("/api/themes", response_model=ThemesOut, summary="De thema's en welke gemeenten erover schrijven")
def themes(store: RegisterDep) -> ThemesOut:
    per_theme: dict[str, set[str]] = defaultdict(set)
    counts: dict[str, int] = defaultdict(int)
    for record in store.query():
        for theme_id in record.themes:
            per_theme[theme_id].add(record.municipality)
            counts[theme_id] += 1
    return ThemesOut(
        themes=[
            ThemeOut(
                id=t.id,
                label=t.label,
                description=t.description,
                municipalities=sorted(per_theme[t.id]),
                records=counts[t.id],
            )
            for t in load_taxonomy().themes
        ],
        municipalities=store.municipalities(),
    )


@router.get(
    "/api/compare",
    response_model=CompareOut,
    summary="Gemeenten naast elkaar op één thema",
    description="Eén kolom per gemeente; rijen doelen, indicatoren (nulmeting, streefwaarde), budget "
    "(euro per jaar) en toezeggingen. Elke vermelding met document, pagina en citaat; "
    "een lege cel zegt waarom.",
    responses=_RESPONSES,
)
def compare_table(
    store: RegisterDep,
    msg: MessagesDep,
    theme: Annotated[Required, Query(description=THEME_HELP)],
    municipalities: Annotated[
        str | None, Query(max_length=2000, description="Komma-gescheiden, bijv. Almelo,Hengelo; leeg = alle")
    ] = None,
    limit: Annotated[int, Query(ge=0, le=200, description="Vermeldingen per cel; 0 = alle")] = 6,
    long: Annotated[bool, Query(description="CSV met één regel per vermelding")] = False,
    export: FormatParam = "json",
) -> CompareOut | Response:
    found = resolve_theme(theme, msg)
    names = _municipality_list(municipalities, msg)
    table = compare(store, found.id, names or None, limit=limit or None)
    if export == "csv":
        return csv_download(render.compare_to_csv(table, long=long), "vergelijking", found.id)
    out = CompareOut.model_validate(table.to_json())
    if not table.municipalities:
        out.note = msg("register_empty")
    return out


@router.get(
    "/api/commitments",
    response_model=CommitmentsOut,
    summary="Toezeggingen van een gemeente, met wat latere documenten erover zeggen",
    responses=_RESPONSES,
)
def commitment_list(
    store: RegisterDep,
    assistant: AssistantDep,
    checks: CommitmentCacheDep,
    msg: MessagesDep,
    municipality: Annotated[Required, Query(description="Bijv. Almelo")],
    export: FormatParam = "json",
) -> CommitmentsOut | Response:
    name, known = canonical(store, municipality)
    items = checks.get(store, name, assistant.catalog, assistant.settings.commitments)
    if export == "csv":
        return csv_download(render.commitments_to_csv(items), "toezeggingen", name)
    note = None
    if not items and not known:
        note = msg("register_unknown_municipality", municipality=name)
    elif not items:
        note = labels()["no_commitments"].format(municipality=name)
    out: list[CommitmentOut] = []
    for entry in items:
        data: dict[str, Any] = entry.to_json()
        out.append(
            CommitmentOut(
                commitment=record_out(entry.record),
                status=entry.status,
                status_label=entry.status_label,
                later=data["later"],
                later_note=None if entry.followups else labels()["no_later"],
            )
        )
    return CommitmentsOut(municipality=name, count=len(out), items=out, note=note)
