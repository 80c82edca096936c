"""`GET /healthz`: is there an index, which model serves it, how big is it."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import AssistantDep, SettingsDep
from api.schemas import HealthOut

router = APIRouter(tags=["beheer"])


@router.get("/healthz", response_model=HealthOut, summary="Gezondheid")
def health(assistant: AssistantDep, settings: SettingsDep) -> HealthOut:
    records = assistant.documents()
    chunks = sum(r.chunk_count for r in records)
    loaded = bool(records) and chunks > 0
    return HealthOut(
        status="ok" if loaded else "empty",
        index_loaded=loaded,
        model=assistant.embedder.name,
        llm=settings.llm if settings.llm == "none" else f"{settings.llm}:{settings.llm_model}",
        documents=len(records),
        chunks=chunks,
        uploads_enabled=bool(settings.upload_token),
    )
