"""`GET /api/search`: the ranked passages without an answer, for inspection and debugging."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from api.deps import AssistantDep, MessagesDep
from api.followup import to_filters
from api.schemas import (
    MAX_QUESTION_CHARS,
    AppliedFilters,
    ErrorOut,
    HitOut,
    Municipality,
    SearchResponse,
    Year,
)

router = APIRouter(tags=["zoeken"])


@router.get(
    "/api/search",
    response_model=SearchResponse,
    summary="Zoek passages",
    responses={422: {"model": ErrorOut}},
)
def search(
    assistant: AssistantDep,
    msg: MessagesDep,
    q: Annotated[str, Query(max_length=MAX_QUESTION_CHARS, description="Zoekvraag")],
    municipality: Annotated[Municipality, Query()] = None,
    year: Annotated[Year, Query()] = None,
    k: Annotated[int, Query(ge=1, le=50)] = 10,
) -> SearchResponse:
    if not q.strip():
        raise HTTPException(422, msg("search_query_empty"))
    applied = AppliedFilters(municipality=municipality, year=year)
    records = {r.doc_id: r for r in assistant.documents()}
    hits = []
    for hit in assistant.search(q.strip(), k=k, filters=to_filters(municipality, year)):
        chunk = hit.chunk
        record = records.get(chunk.doc_id)
        meta = chunk.meta
        hits.append(
            HitOut(
                doc=chunk.doc_id,
                title=record.meta.title if record else str(meta.get("title", "")),
                municipality=record.meta.municipality if record else str(meta.get("municipality", "")),
                year=record.meta.year if record else int(meta.get("year", 0)),
                page_start=chunk.page_start,
                page_end=chunk.page_end,
                pages=list(chunk.pages),
                section=chunk.section,
                kind=chunk.kind,
                text=chunk.text,
                score=round(hit.score, 6),
            )
        )
    return SearchResponse(query=q.strip(), filters=applied, hits=hits)
