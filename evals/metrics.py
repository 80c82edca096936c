"""The eval metrics: the reference scorer's numbers, plus breakdowns per question type and
municipality and a count of failed questions.

Each question is scored once into an `ItemScore`; the headline numbers and every breakdown are
aggregates over those, so a slice is computed exactly like the whole. Aggregation follows
`score.py` operation for operation (same rounding, same medians, same p95 index) so the two agree
to the last digit; see `matching.py` for the text rules.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from evals.gold import GoldItem
from evals.matching import answer_correct, citation_holds, source_cited, source_rank, words
from evals.pages import PageTexts
from evals.results import ResultRow

RECALL_KS = (1, 5, 10)
# Only the top 5 chunks are measured for length: those are what an answer is built from.
MEASURED_CHUNKS = 5

# The keys `score.py` prints, in its order; everything else in `Metrics` is ours.
SCORER_KEYS = (
    "n",
    "answerable",
    "unanswerable",
    "recall_at_1",
    "recall_at_5",
    "recall_at_10",
    "mrr",
    "answer_correctness",
    "citation_precision",
    "citation_recall",
    "refusal_accuracy",
    "false_refusal_rate",
    "latency_p50_ms",
    "latency_p95_ms",
    "answer_words_p50",
    "quote_words_p50",
    "retrieved_words_p50",
    "correctness_by_type",
)


class MissingResultError(ValueError):
    """A gold id has no result line: the run is incomplete and its numbers would flatter it."""


@dataclass(frozen=True)
class ItemScore:
    """How one question fared; `ok` is "answered correctly" or, if unanswerable, "refused"."""

    id: str
    type: str
    municipalities: tuple[str, ...]
    answerable: bool
    refused: bool
    failed: bool
    ok: bool
    latency_ms: float
    followup: bool = False  # asked with a history: a follow-up in a conversation
    recall: dict[int, float] = field(default_factory=dict)
    reciprocal_rank: float = 0.0
    citations: int = 0
    citations_held: int = 0
    citation_recall: float = 0.0
    answer_words: int | None = None
    quote_words: tuple[int, ...] = ()
    chunk_words: tuple[int, ...] = ()


@dataclass(frozen=True)
class Metrics:
    n: int
    answerable: int
    unanswerable: int
    recall_at_1: float | None
    recall_at_5: float | None
    recall_at_10: float | None
    mrr: float | None
    answer_correctness: float | None
    citation_precision: float | None
    citation_recall: float | None
    refusal_accuracy: float | None
    false_refusal_rate: float | None
    latency_p50_ms: float | None
    latency_p95_ms: float | None
    answer_words_p50: float | None
    quote_words_p50: float | None
    retrieved_words_p50: float | None
    correctness_by_type: dict[str, float | None]
    # Ours, not the scorer's: questions that raised or timed out, and the share of all questions
    # handled right (answered correctly or rightly refused), one number for a slice of mixed types.
    failed: int = 0
    accuracy: float | None = None
    # Follow-up questions (with a history) handled right, answerable or not.
    followup_accuracy: float | None = None

    def scorer_view(self) -> dict[str, Any]:
        """Exactly what `score.py --json` prints for the same inputs."""
        data = asdict(self)
        return {key: data[key] for key in SCORER_KEYS}

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Metrics:
        known = {key: data[key] for key in cls.__dataclass_fields__ if key in data}
        return cls(**known)


@dataclass(frozen=True)
class EvalMetrics:
    """The whole run plus the same metrics per question type and per municipality."""

    overall: Metrics
    by_type: dict[str, Metrics]
    by_municipality: dict[str, Metrics]

    def to_json(self) -> dict[str, Any]:
        # Flat headline keys first, so metrics.json reads like the scorer's output.
        return {
            **self.overall.to_json(),
            "by_type": {k: m.to_json() for k, m in self.by_type.items()},
            "by_municipality": {k: m.to_json() for k, m in self.by_municipality.items()},
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> EvalMetrics:
        return cls(
            overall=Metrics.from_json(data),
            by_type={k: Metrics.from_json(v) for k, v in data.get("by_type", {}).items()},
            by_municipality={k: Metrics.from_json(v) for k, v in data.get("by_municipality", {}).items()},
        )


def score_item(item: GoldItem, result: ResultRow | Mapping[str, Any], pages: PageTexts) -> ItemScore:
    refused = bool(result.get("refused"))
    common: dict[str, Any] = {
        "id": item.id,
        "type": item.scored_type,
        "municipalities": item.municipalities,
        "answerable": item.answerable,
        "refused": refused,
        "failed": bool(result.get("failed")),
        "latency_ms": float(result.get("latency_ms", 0.0)),
        "followup": bool(item.history),
    }
    if not item.answerable:
        # The scorer looks at nothing but the refusal here: citations of a rightly refused
        # question are neither rewarded nor punished.
        return ItemScore(ok=refused, **common)

    ranked = result.get("retrieved", [])
    citations = result.get("citations", [])
    ranks = [source_rank(s.doc, s.quote, ranked) for s in item.sources]
    first = min((r for r in ranks if r is not None), default=None)
    answer = result.get("answer", "")
    return ItemScore(
        ok=not refused and answer_correct(answer, item.must_contain),
        recall={k: sum(r is not None and r <= k for r in ranks) / len(ranks) for k in RECALL_KS},
        reciprocal_rank=1.0 / first if first else 0.0,
        citations=len(citations),
        citations_held=sum(citation_holds(c, pages) for c in citations),
        citation_recall=sum(source_cited(s.doc, s.page, s.quote, citations) for s in item.sources)
        / len(item.sources),
        answer_words=None if refused else len(words(answer)),
        quote_words=tuple(len(words(c.get("quote", ""))) for c in citations),
        chunk_words=tuple(len(words(c.get("text", ""))) for c in ranked[:MEASURED_CHUNKS]),
        **common,
    )


def score_items(
    gold: Sequence[GoldItem], results: Mapping[str, ResultRow | Mapping[str, Any]], pages: PageTexts
) -> list[ItemScore]:
    missing = [item.id for item in gold if item.id not in results]
    if missing:
        raise MissingResultError(f"{len(missing)} gold ids have no result, e.g. {missing[:5]}")
    return [score_item(item, results[item.id], pages) for item in gold]


def _mean(values: Sequence[float | bool]) -> float | None:
    return round(sum(values) / len(values), 4) if values else None


def _median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None


def _p95(values: Sequence[float]) -> float | None:
    # The scorer's nearest-rank flavour (no interpolation); keep it, or p95 would not agree.
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 1)


def aggregate(scores: Sequence[ItemScore]) -> Metrics:
    answerable = [s for s in scores if s.answerable]
    unanswerable = [s for s in scores if not s.answerable]
    latencies = [s.latency_ms for s in scores]
    cited = sum(s.citations for s in answerable)
    by_type: dict[str, list[bool]] = {}
    for s in scores:
        by_type.setdefault(s.type, []).append(s.ok)
    median_latency = _median(latencies)
    return Metrics(
        n=len(scores),
        answerable=len(answerable),
        unanswerable=len(unanswerable),
        recall_at_1=_mean([s.recall[1] for s in answerable]),
        recall_at_5=_mean([s.recall[5] for s in answerable]),
        recall_at_10=_mean([s.recall[10] for s in answerable]),
        mrr=_mean([s.reciprocal_rank for s in answerable]),
        answer_correctness=_mean([s.ok for s in answerable]),
        citation_precision=round(sum(s.citations_held for s in answerable) / cited, 4) if cited else None,
        citation_recall=_mean([s.citation_recall for s in answerable]),
        refusal_accuracy=_mean([s.refused for s in unanswerable]),
        false_refusal_rate=_mean([s.refused for s in answerable]),
        latency_p50_ms=round(median_latency, 1) if median_latency is not None else None,
        latency_p95_ms=_p95(latencies),
        answer_words_p50=_median([s.answer_words for s in answerable if s.answer_words is not None]),
        quote_words_p50=_median([n for s in answerable for n in s.quote_words]),
        retrieved_words_p50=_median([n for s in answerable for n in s.chunk_words]),
        correctness_by_type={t: _mean(v) for t, v in sorted(by_type.items())},
        failed=sum(s.failed for s in scores),
        accuracy=_mean([s.ok for s in scores]),
        followup_accuracy=_mean([s.ok for s in scores if s.followup]),
    )


def breakdown(scores: Iterable[ItemScore], keys: Callable[[ItemScore], Iterable[str]]) -> dict[str, Metrics]:
    """Metrics per group; an item with several keys (a cross-municipality question) is in each."""
    groups: dict[str, list[ItemScore]] = {}
    for s in scores:
        for key in keys(s):
            groups.setdefault(key, []).append(s)
    return {key: aggregate(group) for key, group in sorted(groups.items())}


def compute_metrics(
    gold: Sequence[GoldItem], results: Mapping[str, ResultRow | Mapping[str, Any]], pages: PageTexts
) -> EvalMetrics:
    scores = score_items(gold, results, pages)
    return EvalMetrics(
        overall=aggregate(scores),
        by_type=breakdown(scores, lambda s: (s.type,)),
        by_municipality=breakdown(scores, lambda s: s.municipalities or ("(none)",)),
    )
