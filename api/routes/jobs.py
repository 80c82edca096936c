"""`GET /api/jobs/{id}`: the state of a background ingest started by an upload."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException

from api.deps import JobsDep, MessagesDep
from api.schemas import ErrorOut, JobOut

router = APIRouter(tags=["documenten"])


@router.get(
    "/api/jobs/{job_id}",
    response_model=JobOut,
    summary="Status van een upload",
    responses={404: {"model": ErrorOut}},
)
def job_status(job_id: str, jobs: JobsDep, msg: MessagesDep) -> JobOut:
    job = jobs.get(job_id)
    if job is None:
        raise HTTPException(404, msg("job_not_found", job=job_id))
    return jobs.view(job)
