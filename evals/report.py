"""`report.md` comparing our system with the baselines: tables of metrics and deltas, and plots.

The first system given is "ours"; every other one is a baseline that ours is compared against.
Figures go to `figures/` beside the report and are linked relatively, so the folder can be moved
or attached to a pull request as a whole.
"""

from __future__ import annotations

import math
import random
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from evals.gold import GoldItem
from evals.metrics import EvalMetrics, Metrics
from evals.results import ResultRow
from evals.runner import EvalRun

if TYPE_CHECKING:
    from matplotlib.axes import Axes

REPORT_FILE = "report.md"
FIGURES_DIR = "figures"

RunData = EvalRun | tuple[EvalMetrics, Mapping[str, ResultRow], Sequence[GoldItem]]


@dataclass(frozen=True)
class MetricSpec:
    key: str
    label: str
    higher_is_better: bool
    kind: str  # "rate" (0..1), "ms", "count" or "words"


HEADLINE = (
    MetricSpec("n", "questions", True, "count"),
    MetricSpec("failed", "failed (raised / timed out)", False, "count"),
    MetricSpec("recall_at_1", "recall@1", True, "rate"),
    MetricSpec("recall_at_5", "recall@5", True, "rate"),
    MetricSpec("recall_at_10", "recall@10", True, "rate"),
    MetricSpec("mrr", "MRR", True, "rate"),
    MetricSpec("answer_correctness", "answer correctness", True, "rate"),
    MetricSpec("citation_precision", "citation precision", True, "rate"),
    MetricSpec("citation_recall", "citation recall", True, "rate"),
    MetricSpec("refusal_accuracy", "refusal accuracy (unanswerable)", True, "rate"),
    MetricSpec("false_refusal_rate", "false refusal rate (answerable)", False, "rate"),
    MetricSpec("accuracy", "accuracy (all questions)", True, "rate"),
    MetricSpec("followup_accuracy", "follow-ups handled right", True, "rate"),
    MetricSpec("latency_p50_ms", "latency p50 (ms)", False, "ms"),
    MetricSpec("latency_p95_ms", "latency p95 (ms)", False, "ms"),
    MetricSpec("answer_words_p50", "answer words p50", False, "words"),
    MetricSpec("quote_words_p50", "quote words p50", False, "words"),
    MetricSpec("retrieved_words_p50", "retrieved chunk words p50", False, "words"),
)
# The rates that share one 0..1 axis in the headline chart.
CHARTED = (
    "recall_at_5",
    "recall_at_10",
    "mrr",
    "answer_correctness",
    "citation_precision",
    "citation_recall",
    "refusal_accuracy",
    "false_refusal_rate",
)


@dataclass(frozen=True)
class System:
    name: str
    metrics: EvalMetrics
    results: Mapping[str, ResultRow]
    gold: Sequence[GoldItem]


def _system(name: str, data: RunData) -> System:
    if isinstance(data, EvalRun):
        return System(name, data.metrics, data.results, data.gold)
    metrics, results, gold = data
    return System(name, metrics, results, gold)


def write_report(out_dir: Path, runs: Mapping[str, RunData], title: str = "Eval report") -> Path:
    """Write `report.md` and its figures under `out_dir`; the first run is ours."""
    if not runs:
        raise ValueError("no runs to report")
    systems = [_system(name, data) for name, data in runs.items()]
    figures = out_dir / FIGURES_DIR
    figures.mkdir(parents=True, exist_ok=True)
    plots = {
        "headline": plot_headline(systems, figures / "headline.png"),
        "by_type": plot_breakdown(systems, "by_type", "question type", figures / "by_type.png"),
        "by_municipality": plot_breakdown(
            systems, "by_municipality", "municipality", figures / "by_municipality.png"
        ),
        "latency": plot_latency(systems, figures / "latency.png"),
    }
    links = {key: path.relative_to(out_dir).as_posix() for key, path in plots.items()}
    path = out_dir / REPORT_FILE
    path.write_text(render_markdown(systems, links, title), encoding="utf-8")
    return path


# --- Markdown -------------------------------------------------------------------------------


def render_markdown(systems: Sequence[System], figures: Mapping[str, str], title: str) -> str:
    ours, baselines = systems[0], systems[1:]
    against = f" · baselines: {', '.join(b.name for b in baselines)}" if baselines else ""
    lines = [
        f"# {title}",
        "",
        f"{datetime.now():%Y-%m-%d %H:%M} · {len(ours.gold)} gold questions · ours: **{ours.name}**{against}",
        "",
        "Metrics as defined by the eval contract (`score.py`); *accuracy* counts every question "
        "answered correctly or rightly refused. Δ is ours minus the baseline; ↑/↓ says which "
        "direction is better.",
        "",
        "## Headline",
        "",
        *headline_table(systems),
        "",
        f"![Headline metrics per system]({figures['headline']})",
        "",
        "## By question type",
        "",
        "Answer correctness (for *unanswerable*: refusal accuracy):",
        "",
        *breakdown_table(systems, "by_type", "accuracy"),
        "",
        "Recall@10:",
        "",
        *breakdown_table(systems, "by_type", "recall_at_10"),
        "",
        f"![Correctness and recall by question type]({figures['by_type']})",
        "",
        "## By municipality",
        "",
        "A question about several municipalities counts for each of them.",
        "",
        "Accuracy:",
        "",
        *breakdown_table(systems, "by_municipality", "accuracy"),
        "",
        "Recall@10:",
        "",
        *breakdown_table(systems, "by_municipality", "recall_at_10"),
        "",
        f"![Accuracy and recall by municipality]({figures['by_municipality']})",
        "",
        "## Latency",
        "",
        f"![Latency per question]({figures['latency']})",
        "",
        *modes_section(systems),
        *failures_section(systems),
    ]
    return "\n".join(lines).rstrip() + "\n"


def _fmt(value: Any, kind: str) -> str:
    if value is None:
        return "–"
    if kind == "rate":
        return f"{value:.3f}"
    if kind == "ms":
        return f"{value:,.1f}"
    return f"{value:g}"


def _delta(ours: Any, base: Any, spec: MetricSpec) -> str:
    if ours is None or base is None:
        return "–"
    diff = ours - base
    if diff == 0:
        return "0"
    text = f"{diff:+.3f}" if spec.kind == "rate" else f"{diff:+,.1f}" if spec.kind == "ms" else f"{diff:+g}"
    better = (diff > 0) == spec.higher_is_better
    # Bold marks a delta in ours' favour, so a reader can scan for regressions.
    return f"**{text}**" if better else text


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def headline_table(systems: Sequence[System]) -> list[str]:
    baselines = systems[1:]
    header = ["metric", "", *(s.name for s in systems), *(f"Δ vs {b.name}" for b in baselines)]
    lines = [_row(header), _row(["---", ":-:", *["---:"] * (len(header) - 2)])]
    for spec in HEADLINE:
        values = [getattr(s.metrics.overall, spec.key) for s in systems]
        arrow = "" if spec.key == "n" else "↑" if spec.higher_is_better else "↓"
        cells = [spec.label, arrow, *(_fmt(v, spec.kind) for v in values)]
        cells += [_delta(values[0], getattr(b.metrics.overall, spec.key), spec) for b in baselines]
        lines.append(_row(cells))
    return lines


def breakdown_table(systems: Sequence[System], slicing: str, key: str) -> list[str]:
    baselines = systems[1:]
    spec = MetricSpec(key, key, True, "rate")
    groups = _groups(systems, slicing)
    header = ["group", "n", *(s.name for s in systems), *(f"Δ vs {b.name}" for b in baselines)]
    lines = [_row(header), _row(["---", "---:", *["---:"] * (len(header) - 2)])]
    for group in groups:
        slices = [_slice(s, slicing, group) for s in systems]
        values = [getattr(m, key) if m else None for m in slices]
        if all(v is None for v in values):
            continue  # e.g. recall of unanswerable questions: nothing to retrieve
        n = next((m.n for m in slices if m), 0)
        cells = [group, str(n), *(_fmt(v, "rate") for v in values)]
        cells += [_delta(values[0], v, spec) for v in values[1:]]
        lines.append(_row(cells))
    return lines


MODES = ("extractive", "generative", "extractive-fallback", "register")


def modes_section(systems: Sequence[System]) -> list[str]:
    """Which path produced each answer, per system that reports one (`mode`), and the fallback
    rate: the share of questions where the model's answer was replaced by the extractive one."""
    rows = []
    for system in systems:
        modes = [str(r["mode"]) for r in system.results.values() if r.get("mode")]
        if not modes:
            continue
        counts = {m: modes.count(m) for m in (*MODES, *sorted(set(modes) - set(MODES)))}
        fallback = counts["extractive-fallback"] / len(modes)
        rows.append(_row([system.name, *(str(c) for c in counts.values()), f"{fallback:.3f}"]))
        header = ["system", *counts, "fallback rate"]
    if not rows:
        return []
    return [
        "## Answer paths",
        "",
        "How each answer was produced (`mode`). *extractive-fallback*: the language model failed, ran "
        "out of its time budget, or wrote no claim whose citation held, so the extractive answer "
        "was shown.",
        "",
        _row(header),
        _row(["---"] * len(header)),
        *rows,
        "",
    ]


def failures_section(systems: Sequence[System]) -> list[str]:
    failed = [(s.name, row) for s in systems for row in s.results.values() if row.get("failed")]
    if not failed:
        return []
    lines = ["## Failed questions", "", _row(["system", "id", "error"]), _row(["---", "---", "---"])]
    for name, row in failed:
        error = str(row.get("error", "")).replace("|", "\\|").replace("\n", " ")[:200]
        lines.append(_row([name, row["id"], error]))
    return lines


def _groups(systems: Sequence[System], slicing: str) -> list[str]:
    seen: dict[str, None] = {}
    for s in systems:
        seen.update(dict.fromkeys(getattr(s.metrics, slicing)))
    return sorted(seen)


def _slice(system: System, slicing: str, group: str) -> Metrics | None:
    slices: dict[str, Metrics] = getattr(system.metrics, slicing)
    return slices.get(group)


# --- Figures --------------------------------------------------------------------------------


def _pyplot() -> Any:
    # Imported here: matplotlib is slow to import and only the report needs it; Agg needs no display.
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _colour(index: int) -> str:
    palette = ("#1f6fb4", "#e8862a", "#3c9a48", "#c8413c", "#8a63b8", "#7f7f7f")
    return palette[index % len(palette)]


def _p95(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def _num(value: float | None) -> float:
    return math.nan if value is None else float(value)


def _grouped_bars(
    ax: Axes, labels: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]], title: str
) -> None:
    """Bars of each system side by side per label, values printed on top, shared 0..1 axis."""
    count = max(len(series), 1)
    width = 0.8 / count
    for index, (name, values) in enumerate(series):
        offsets = [x + (index - (count - 1) / 2) * width for x in range(len(labels))]
        heights = [_num(v) for v in values]
        bars = ax.bar(offsets, heights, width, label=name, color=_colour(index))
        tags = ["" if math.isnan(h) else f"{h:.2f}" for h in heights]
        ax.bar_label(bars, labels=tags, fontsize=7, padding=1, rotation=90 if count > 2 else 0)
    ax.set_xticks(range(len(labels)), labels, fontsize=8)
    ax.set_ylim(0, 1.18)
    ax.set_title(title, fontsize=10)
    ax.grid(axis="y", alpha=0.3)
    ax.set_axisbelow(True)
    # Outside the axes: inside, it would cover bars that reach 1.0.
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.005, 1.0), frameon=False)


def plot_headline(systems: Sequence[System], path: Path) -> Path:
    plt = _pyplot()
    labels = [next(s.label for s in HEADLINE if s.key == key) for key in CHARTED]
    labels = [label.replace(" (", "\n(").replace("citation ", "citation\n") for label in labels]
    series = [(s.name, [getattr(s.metrics.overall, key) for key in CHARTED]) for s in systems]
    fig, ax = plt.subplots(figsize=(12, 4.8))
    _grouped_bars(ax, labels, series, "Headline metrics (false refusal rate: lower is better)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def plot_breakdown(systems: Sequence[System], slicing: str, what: str, path: Path) -> Path:
    plt = _pyplot()
    all_groups = _groups(systems, slicing)
    counts = {g: next((m.n for s in systems if (m := _slice(s, slicing, g))), 0) for g in all_groups}
    fig, axes = plt.subplots(2, 1, figsize=(max(8.0, 1.2 * len(all_groups) + 3), 8))
    for ax, key, title in (
        (axes[0], "accuracy", f"Accuracy by {what} (answered correctly, or rightly refused)"),
        (axes[1], "recall_at_10", f"Recall@10 by {what}"),
    ):
        values = {
            g: [getattr(m, key) if (m := _slice(s, slicing, g)) else None for s in systems]
            for g in all_groups
        }
        # Groups with nothing to show (recall of unanswerable questions) would be empty slots.
        groups = [g for g in all_groups if any(v is not None for v in values[g])]
        labels = [f"{g}\n(n={counts[g]})" for g in groups]
        series = [(s.name, [values[g][i] for g in groups]) for i, s in enumerate(systems)]
        _grouped_bars(ax, labels, series, title)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def plot_latency(systems: Sequence[System], path: Path) -> Path:
    plt = _pyplot()
    data = [[float(r.get("latency_ms", 0.0)) for r in s.results.values()] or [0.0] for s in systems]
    fig, ax = plt.subplots(figsize=(max(6.0, 1.8 * len(systems) + 3), 4.8))
    box = ax.boxplot(data, patch_artist=True, showfliers=False, widths=0.5)
    for index, patch in enumerate(box["boxes"]):
        patch.set_facecolor(_colour(index))
        patch.set_alpha(0.35)
    # Every question as a dot (jittered sideways): with ~100 questions the shape says more than a box.
    jitter = random.Random(0)
    for index, values in enumerate(data, 1):
        xs = [index + jitter.uniform(-0.18, 0.18) for _ in values]
        ax.scatter(xs, values, s=9, color=_colour(index - 1), alpha=0.7, linewidths=0, zorder=3)
    labels = [
        f"{s.name}\np50 {statistics.median(v):,.0f} ms · p95 {_p95(v):,.0f} ms"
        for s, v in zip(systems, data, strict=True)
    ]
    ax.set_xticks(range(1, len(systems) + 1), labels, fontsize=9)
    positive = [v for values in data for v in values if v > 0]
    # Baselines can be 100x faster than ours: a log axis keeps every box readable.
    if positive and max(positive) / min(positive) > 50:
        ax.set_yscale("log")
    ax.set_ylabel("latency per question (ms)")
    ax.set_title("Latency distribution per system", fontsize=10)
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
