"""Budgets over HTTP: what changed between two budgets of a municipality, and budgets aligned on
one Iv3 taakveld. The work is in `assistant.register.changes`, shared with the CLI."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from api.deps import MessagesDep, RegisterDep
from api.register_schemas import ChangesOut, TaakveldOut
from api.routes.register import THEME_HELP, Required, canonical, resolve_theme
from api.schemas import ErrorOut
from assistant.register.changes import BudgetYearError, UnknownTaakveldError, changes, taakveld_table

router = APIRouter(tags=["register"])
_RESPONSES: dict[int | str, dict[str, Any]] = {404: {"model": ErrorOut}, 422: {"model": ErrorOut}}


@router.get(
    "/api/changes",
    response_model=ChangesOut,
    response_model_by_alias=True,
    summary="Wat veranderde tussen twee begrotingen van een gemeente",
    description="Begrotingsregels die nieuw zijn, vervielen of een ander bedrag kregen, met het bedrag "
    "van elk begrotingsjaar en beide bronnen (document, pagina, citaat).",
    responses=_RESPONSES,
)
def budget_changes(
    store: RegisterDep,
    msg: MessagesDep,
    municipality: Annotated[Required, Query(description="Bijv. Wassenaar")],
    year_from: Annotated[int, Query(alias="from", ge=1900, le=2100, description="Bijv. 2024")],
    year_to: Annotated[int, Query(alias="to", ge=1900, le=2100, description="Bijv. 2025")],
    theme: Annotated[str | None, Query(max_length=100, description=THEME_HELP)] = None,
    taakveld: Annotated[str | None, Query(max_length=10, description="Iv3-taakveld, bijv. 6.72")] = None,
) -> Any:
    found = resolve_theme(theme, msg) if theme else None
    name, _ = canonical(store, municipality)
    try:
        result = changes(
            store, name, year_from, year_to, found.id if found else None, taakveld or None,
            found.label.lower() if found else "",
        )  # fmt: skip
    except BudgetYearError as exc:
        raise HTTPException(404, str(exc)) from None
    except UnknownTaakveldError as exc:
        raise HTTPException(422, str(exc)) from None
    return result.to_json()


@router.get(
    "/api/taakveld",
    response_model=TaakveldOut,
    summary="Begrotingsregels van gemeenten op één Iv3-taakveld",
    description="Per gemeente de regels met dit taakveld of een subtaakveld (6.71 omvat 6.71a-d), zoals "
    "het document het noemt of een eenduidige naam het aanwijst; elk met bron.",
    responses=_RESPONSES,
)
def taakveld_compare(
    store: RegisterDep,
    code: Annotated[Required, Query(description="Iv3-code, bijv. 6.72")],
    municipalities: Annotated[
        str | None, Query(max_length=2000, description="Komma-gescheiden; leeg = alle")
    ] = None,
) -> Any:
    names = [m.strip() for m in municipalities.split(",") if m.strip()] if municipalities else None
    try:
        return taakveld_table(store, code, names).to_json()
    except UnknownTaakveldError as exc:
        raise HTTPException(422, str(exc)) from None
