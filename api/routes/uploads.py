"""`POST /api/documents`: upload a PDF; it is ingested in the background (see `/api/jobs/{id}`)."""

from __future__ import annotations

from typing import Annotated

import anyio.to_thread
from fastapi import APIRouter, Depends, File, Form, HTTPException, UploadFile
from fastapi.responses import JSONResponse

from api.deps import AssistantDep, JobsDep, MessagesDep, SettingsDep, UploadsDep, require_upload_token
from api.schemas import ErrorOut, JobOut, Municipality, Year
from api.uploads import MAGIC_WINDOW, limit_bytes, looks_like_pdf, safe_stem, too_large

router = APIRouter(tags=["documenten"])

OptionalText = Annotated[Municipality, Form()]


@router.post(
    "/api/documents",
    status_code=202,
    response_model=JobOut,
    summary="Upload een PDF",
    description="Vereist `Authorization: Bearer <BELEID_UPLOAD_TOKEN>`. Gemeente, jaar en type samen "
    "invullen, of alle drie leeg laten (dan worden ze uit de PDF afgeleid).",
    dependencies=[Depends(require_upload_token)],
    responses={code: {"model": ErrorOut} for code in (400, 401, 403, 409, 413, 415, 422)},
)
async def upload_document(
    file: Annotated[UploadFile, File(description="Het PDF-bestand")],
    assistant: AssistantDep,
    settings: SettingsDep,
    msg: MessagesDep,
    jobs: JobsDep,
    uploads: UploadsDep,
    municipality: OptionalText = None,
    title: OptionalText = None,
    year: Annotated[Year, Form()] = None,
    doc_type: OptionalText = None,
    period: OptionalText = None,
) -> JSONResponse:
    if file.size is not None and file.size > limit_bytes(settings):
        raise too_large(settings, msg)
    head = await file.read(MAGIC_WINDOW)
    if not head:
        raise HTTPException(400, msg("upload_empty"))
    if not looks_like_pdf(head):
        raise HTTPException(415, msg("upload_not_pdf"))

    stem = safe_stem(file.filename)
    existing = next((r for r in assistant.documents() if r.doc_id == stem), None)
    if existing is not None and not uploads.owns(existing.path):
        raise HTTPException(409, msg("upload_name_taken", doc=stem))

    given = {"municipality": municipality, "year": year, "doc_type": doc_type}
    missing = [name for name, value in given.items() if not value]
    if 0 < len(missing) < len(given) or (missing and (title or period)):
        raise HTTPException(422, msg("upload_metadata_incomplete", missing=", ".join(missing)))

    row = None
    if not missing:
        row = {
            "slug": stem,
            "municipality": municipality or "",
            "title": title or stem.replace("-", " ").capitalize(),
            "year": str(year),
            "period": period or str(year),
            "doc_type": doc_type or "",
            "source": "upload",
        }
    # Staged, not yet in place: the PDF served changes only when its new text goes live.
    staged = await anyio.to_thread.run_sync(uploads.stage, file.file, stem, row)
    job = await anyio.to_thread.run_sync(jobs.submit, staged, file.filename or staged.target.name, stem)
    return JSONResponse(
        jobs.view(job).model_dump(), status_code=202, headers={"Location": f"/api/jobs/{job.id}"}
    )
