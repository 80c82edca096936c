"""Run a system over the gold questions and score it: `<out>/<name>/results.jsonl` + `metrics.json`.

Every question is asked in a worker thread with a deadline, so one hanging question costs
`timeout_s` instead of the whole run, and one raising question becomes a `failed` line instead of
a crash. Python cannot stop a thread: a timed-out call keeps running in the background (as a
daemon thread, so it never blocks exit) and may slow the questions after it.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from assistant.conversation import Turn
from assistant.core import Assistant
from assistant.types import Answer
from evals.gold import GoldItem, load_gold, select_gold
from evals.metrics import EvalMetrics, compute_metrics
from evals.pages import PageProvider, PageTexts, resolve_pages
from evals.results import (
    ResultRow,
    append_result,
    failed_result,
    read_results,
    result_from_answer,
)

DEFAULT_TIMEOUT_S = 120.0
RESULTS_FILE = "results.jsonl"
METRICS_FILE = "metrics.json"
_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")

AskFn = Callable[[str, Sequence[Turn]], Answer]


@runtime_checkable
class SupportsAsk(Protocol):
    """The baselines look like this: one question, no conversation."""

    def ask(self, question: str) -> Answer: ...


@runtime_checkable
class SupportsAnswer(Protocol):
    """The `Answerer` protocol of the core, without filters."""

    def answer(self, question: str) -> Answer: ...


System = Assistant | SupportsAsk | SupportsAnswer | Callable[[str], Answer]


class QuestionTimeout(TimeoutError):
    pass


@dataclass(frozen=True)
class EvalRun:
    """One system's run: what it answered and how that scored."""

    name: str
    directory: Path
    gold: list[GoldItem]
    results: dict[str, ResultRow]
    metrics: EvalMetrics
    wall_s: float = 0.0

    @property
    def results_path(self) -> Path:
        return self.directory / RESULTS_FILE

    @property
    def metrics_path(self) -> Path:
        return self.directory / METRICS_FILE


def as_ask_fn(system: System) -> AskFn:
    """The assistant answers follow-ups with their history; other systems get the question alone."""
    if isinstance(system, Assistant):
        return lambda question, history: system.ask(question, history=history)
    ask = getattr(system, "ask", None) or getattr(system, "answer", None)
    if callable(ask):
        return lambda question, history: ask(question)
    if callable(system):
        return lambda question, history: system(question)
    raise TypeError(f"{type(system).__name__} has no ask() or answer() and is not callable")


def call_with_timeout(
    fn: AskFn, question: str, timeout_s: float | None, history: Sequence[Turn] = ()
) -> Answer:
    """`fn(question, history)` in a daemon thread; raise what it raised, or QuestionTimeout past
    the deadline."""
    outcome: dict[str, Any] = {}
    done = threading.Event()

    def work() -> None:
        try:
            outcome["answer"] = fn(question, history)
        except Exception as exc:  # handed to the caller, which records it
            outcome["error"] = exc
        finally:
            done.set()

    threading.Thread(target=work, name="eval-question", daemon=True).start()
    if not done.wait(timeout_s):
        raise QuestionTimeout(f"no answer within {timeout_s:g} s")
    if "error" in outcome:
        raise outcome["error"]
    answer = outcome.get("answer")
    if not isinstance(answer, Answer):
        raise TypeError(f"expected an Answer, got {type(answer).__name__}")
    return answer


def ask_one(fn: AskFn, item: GoldItem, timeout_s: float | None) -> ResultRow:
    started = time.perf_counter()
    try:
        answer = call_with_timeout(fn, item.question, timeout_s, item.history)
    except Exception as exc:
        return failed_result(item.id, exc, (time.perf_counter() - started) * 1000)
    # Measured here rather than trusted from the system, so every system is timed the same way.
    return result_from_answer(item.id, answer, (time.perf_counter() - started) * 1000)


def run_eval(
    system: System,
    gold: Sequence[GoldItem] | Path,
    out_dir: Path,
    name: str,
    *,
    pages: PageTexts | PageProvider,
    limit: int | None = None,
    types: Collection[str] | None = None,
    timeout_s: float | None = DEFAULT_TIMEOUT_S,
    progress: bool = True,
) -> EvalRun:
    """Ask every selected gold question, write the results as they come, then score them."""
    from tqdm import tqdm

    if not _SAFE_NAME.match(name):
        raise ValueError(f"run name {name!r} must be a plain folder name (letters, digits, . _ -)")
    items = select_gold(load_gold(gold) if isinstance(gold, Path) else gold, types=types, limit=limit)
    directory = out_dir / name
    directory.mkdir(parents=True, exist_ok=True)
    results_path = directory / RESULTS_FILE
    results_path.write_text("", encoding="utf-8")

    fn = as_ask_fn(system)
    warm_up = getattr(system, "warm_up", None)
    if callable(warm_up):
        warm_up()  # model loading is not the first question's latency

    started = time.perf_counter()
    results: dict[str, ResultRow] = {}
    failed = 0
    with tqdm(total=len(items), desc=name, unit="q", disable=not progress) as bar:
        for item in items:
            row = ask_one(fn, item, timeout_s)
            append_result(results_path, row)
            results[item.id] = row
            if row.get("failed"):
                failed += 1
                bar.set_postfix(failed=failed)
            bar.update()
    wall_s = time.perf_counter() - started

    metrics = compute_metrics(items, results, resolve_pages(pages))
    write_metrics(directory / METRICS_FILE, metrics)
    return EvalRun(name, directory, items, results, metrics, wall_s)


def write_metrics(path: Path, metrics: EvalMetrics) -> Path:
    path.write_text(json.dumps(metrics.to_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def load_run(directory: Path, gold: Sequence[GoldItem], pages: PageTexts | None = None) -> EvalRun:
    """An earlier run from disk; rescored when page texts are given, else its metrics.json."""
    results = read_results(directory / RESULTS_FILE)
    ids = set(results)
    items = [item for item in gold if item.id in ids]
    if pages is not None:
        metrics = compute_metrics(items, results, pages)
    else:
        metrics = EvalMetrics.from_json(json.loads((directory / METRICS_FILE).read_text(encoding="utf-8")))
    return EvalRun(directory.name, directory, items, results, metrics)
