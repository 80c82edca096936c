"""What is indexed: the document list, each PDF itself, and page texts with quote offsets."""

from __future__ import annotations

from pathlib import Path as FilePath
from typing import Annotated, Any
from urllib.parse import quote as urlquote

from fastapi import APIRouter, Depends, HTTPException, Path, Query
from fastapi.responses import FileResponse
from pydantic import BaseModel

from api.deps import AssistantDep, MessagesDep, RegisterDep, UploadsDep, require_upload_token
from api.messages import Messages
from api.quotes import find_quote
from api.schemas import DocumentOut, DocumentsResponse, ErrorOut, PageOut, QuoteMatch
from assistant.catalog import DocumentRecord
from assistant.core import Assistant


class DeletedOut(BaseModel):
    doc_id: str
    message: str


router = APIRouter(tags=["documenten"])
_NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorOut}}


def find_record(assistant: Assistant, doc: str, msg: Messages) -> DocumentRecord:
    record = next((r for r in assistant.documents() if r.doc_id == doc), None)
    if record is None:
        raise HTTPException(404, msg("document_not_found", doc=doc))
    return record


def document_out(record: DocumentRecord) -> DocumentOut:
    meta = record.meta
    return DocumentOut(
        doc_id=meta.doc_id,
        title=meta.title,
        municipality=meta.municipality,
        year=meta.year,
        period=meta.period,
        doc_type=meta.doc_type,
        source=meta.source,
        pages=record.page_count,
        chunks=record.chunk_count,
        updated_at=record.updated_at,
        pdf_url=f"/api/documents/{urlquote(meta.doc_id)}/pdf",
    )


@router.get("/api/documents", response_model=DocumentsResponse, summary="Geïndexeerde documenten")
def list_documents(assistant: AssistantDep) -> DocumentsResponse:
    records = assistant.documents()
    return DocumentsResponse(
        count=len(records),
        chunks=sum(r.chunk_count for r in records),
        documents=[document_out(r) for r in records],
    )


@router.get(
    "/api/documents/{doc}/pdf",
    response_class=FileResponse,
    summary="Het PDF-bestand",
    responses={200: {"content": {"application/pdf": {}}}, **_NOT_FOUND},
)
def document_pdf(doc: str, assistant: AssistantDep, msg: MessagesDep) -> FileResponse:
    record = find_record(assistant, doc, msg)
    # The path comes from the catalog, never from the request: no way to reach other files.
    path = FilePath(record.path)
    if not path.is_file():
        raise HTTPException(404, msg("pdf_file_missing", doc=doc))
    return FileResponse(
        path, media_type="application/pdf", filename=f"{doc}.pdf", content_disposition_type="inline"
    )


@router.get(
    "/api/documents/{doc}/pages/{n}",
    response_model=PageOut,
    summary="Tekst van een pagina",
    description="Met `quote` ook de tekenposities van het citaat in de paginatekst (witruimte telt niet).",
    responses=_NOT_FOUND,
)
def document_page(
    doc: str,
    n: Annotated[int, Path(ge=1, description="Paginanummer, vanaf 1")],
    assistant: AssistantDep,
    msg: MessagesDep,
    quote: Annotated[str | None, Query(max_length=5000)] = None,
) -> PageOut:
    record = find_record(assistant, doc, msg)
    if n > record.page_count:
        raise HTTPException(404, msg("page_not_found", page=n, doc=doc, pages=record.page_count))
    page = assistant.page(doc, n)
    found = find_quote(page.text, quote) if quote else None
    return PageOut(
        doc=doc,
        page=n,
        pages=record.page_count,
        text=page.text,
        quote=quote,
        match=QuoteMatch(start=found[0], end=found[1]) if found else None,
    )


@router.delete(
    "/api/documents/{doc}",
    response_model=DeletedOut,
    summary="Verwijder een document",
    description="Vereist `Authorization: Bearer <BELEID_UPLOAD_TOKEN>`. Haalt het document uit de index, "
    "de catalogus en het register (zoals `beleid ingest --prune` een verdwenen bestand); een geüpload "
    "PDF-bestand en zijn manifestregel gaan mee, een bestand uit het corpus blijft staan.",
    dependencies=[Depends(require_upload_token)],
    responses={code: {"model": ErrorOut} for code in (401, 403, 404, 409)},
)
def delete_document(
    doc: str, assistant: AssistantDep, msg: MessagesDep, uploads: UploadsDep, register: RegisterDep
) -> DeletedOut:
    from ingest.pipeline import ingestor_for  # the ingest stack is only needed here

    find_record(assistant, doc, msg)
    # Runs in a worker thread, under the ingest lock, through the code path of `--prune`.
    report = ingestor_for(assistant, register=register).remove(
        [doc], on_remove=lambda r: uploads.delete(r.path)
    )
    if doc not in report.removed:  # removed by someone else while this request waited for the lock
        raise HTTPException(404, msg("document_not_found", doc=doc))
    return DeletedOut(doc_id=doc, message=msg("document_deleted", doc=doc))
