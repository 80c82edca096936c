"""`GET /healthz`: a real probe of catalog and store, which model serves, how big the index is.

A degraded probe answers 503, so a load balancer stops sending questions to this worker."""

from __future__ import annotations

from fastapi import APIRouter, Response

from api.deps import AssistantDep, SettingsDep
from api.schemas import HealthOut

router = APIRouter(tags=["beheer"])


@router.get("/healthz", response_model=HealthOut, summary="Gezondheid")
def health(assistant: AssistantDep, settings: SettingsDep, response: Response) -> HealthOut:
    probe = assistant.probe()
    if probe.status == "degraded":
        response.status_code = 503
    return HealthOut(
        status=probe.status,
        reason=probe.reason,
        index_loaded=probe.status == "ok",
        model=assistant.embedder.name,
        llm=settings.llm.provider
        if settings.llm.provider == "none"
        else f"{settings.llm.provider}:{settings.llm.model}",
        documents=probe.documents,
        chunks=probe.chunks,
        uploads_enabled=bool(settings.serve.upload_token),
    )
