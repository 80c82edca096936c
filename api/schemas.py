"""Request and response models: what `/docs` shows and what requests are validated against."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

# Real questions are short: the longest of 281 gold questions has 178 characters. The cap leaves
# room for a pasted sentence and keeps a question within one window of the embedding model.
MAX_QUESTION_CHARS = 500
MAX_ANSWER_CHARS = 5000  # an earlier answer sent back as history; ours stay well under it
MAX_HISTORY_TURNS = 20

Question = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_QUESTION_CHARS)
]


def _blank_to_none(value: Any) -> Any:
    # HTML selects send "" for "all"; treat it as no filter rather than as a validation error.
    if isinstance(value, str) and not value.strip():
        return None
    return value


Municipality = Annotated[
    Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] | None,
    BeforeValidator(_blank_to_none),
]
Year = Annotated[Annotated[int, Field(ge=1900, le=2100)] | None, BeforeValidator(_blank_to_none)]


class HistoryTurn(BaseModel):
    """One earlier turn as the UI remembers it; only used to resolve follow-up questions."""

    question: Annotated[str, StringConstraints(max_length=MAX_QUESTION_CHARS)]
    answer: Annotated[str, StringConstraints(max_length=MAX_ANSWER_CHARS)] = ""
    municipality: Municipality = None
    year: Year = None


class AskRequest(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "question": "Hoeveel geeft Almelo uit aan jeugdhulp?",
                    "municipality": "Almelo",
                    "year": 2022,
                }
            ]
        }
    )

    question: Question
    municipality: Municipality = None
    year: Year = None
    history: list[HistoryTurn] = Field(default_factory=list, max_length=MAX_HISTORY_TURNS)


class AppliedFilters(BaseModel):
    municipality: str | None = None
    year: int | None = None
    from_history: bool = Field(
        default=False, description="The municipality was taken over from an earlier turn."
    )


class CitationOut(BaseModel):
    doc: str
    page: int
    quote: str
    start: int = -1
    end: int = -1


class RetrievedOut(BaseModel):
    doc: str
    page_start: int
    page_end: int
    section: str
    text: str
    score: float


class SourceOut(BaseModel):
    title: str
    municipality: str
    year: int
    doc_type: str
    pages: int


class AskResponse(BaseModel):
    question: str = Field("", description="The question as asked.")
    answer: str
    refused: bool
    citations: list[CitationOut]
    retrieved: list[RetrievedOut]
    latency_ms: float
    table: list[dict[str, Any]] = Field(default_factory=list)
    filters: AppliedFilters
    resolved_question: str = Field(
        "", description="The question as understood: a follow-up resolved against the history."
    )
    inherited: list[str] = Field(
        default_factory=list,
        description="What a follow-up took over from earlier turns (onderwerp, gemeente).",
    )
    mode: str = Field("extractive", description="extractive, generative, extractive-fallback or register")
    sources: dict[str, SourceOut] = Field(
        default_factory=dict, description="Metadata of the documents cited or retrieved, by document id."
    )
    markdown: str = Field(
        "", description="The answer as Markdown with its numbered sources (document, page, quote)."
    )


class HitOut(BaseModel):
    doc: str
    title: str
    municipality: str
    year: int
    page_start: int
    page_end: int
    pages: list[int]
    section: str
    kind: str
    text: str
    score: float


class SearchResponse(BaseModel):
    query: str
    filters: AppliedFilters
    hits: list[HitOut]


class DocumentOut(BaseModel):
    doc_id: str
    title: str
    municipality: str
    year: int
    period: str
    doc_type: str
    source: str
    pages: int
    chunks: int
    updated_at: float
    pdf_url: str


class DocumentsResponse(BaseModel):
    count: int
    chunks: int
    documents: list[DocumentOut]


class QuoteMatch(BaseModel):
    start: int
    end: int


class PageOut(BaseModel):
    doc: str
    page: int
    pages: int
    text: str
    quote: str | None = None
    match: QuoteMatch | None = Field(
        default=None, description="Offsets of the quote in `text`; null when not found."
    )


JobStatus = Literal["queued", "running", "done", "failed"]


class JobOut(BaseModel):
    id: str
    status: JobStatus
    message: str
    filename: str
    doc_id: str
    created_at: float
    started_at: float | None = None
    finished_at: float | None = None
    report: dict[str, Any] | None = None
    error: str | None = None


class HealthOut(BaseModel):
    status: Literal["ok", "empty", "degraded"] = Field(
        description="ok: vragen worden beantwoord; empty: nog geen documenten; "
        "degraded: de probe faalde (zie reason)"
    )
    reason: str | None = Field(None, description="Waarom de status degraded is, en wat te doen")
    index_loaded: bool
    model: str
    llm: str
    documents: int
    chunks: int
    uploads_enabled: bool


class ErrorOut(BaseModel):
    detail: str
