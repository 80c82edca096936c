"""The results file of an eval run: one JSON line per gold question, in the eval contract's format.

A question that raised or timed out still gets a line (`failed: true`, `error`), with no answer and
no citations, so it counts as wrong and not refused instead of silently shrinking the test set.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, NotRequired, TypedDict

from assistant.types import Answer
from evals.jsonl import read_lines


class CitationRow(TypedDict):
    doc: str
    page: int
    quote: str
    start: NotRequired[int]
    end: NotRequired[int]


class RetrievedRow(TypedDict):
    doc: str
    page_start: int
    page_end: int
    text: str
    score: NotRequired[float]
    section: NotRequired[str]


class ResultRow(TypedDict):
    id: str
    answer: str
    refused: bool
    citations: list[CitationRow]
    retrieved: list[RetrievedRow]
    latency_ms: float
    table: NotRequired[list[dict[str, Any]]]
    resolved_question: NotRequired[str]
    mode: NotRequired[str]
    failed: NotRequired[bool]
    error: NotRequired[str]


class ResultsFormatError(ValueError):
    """A results file that the scorer would reject; the message names the line."""


_REQUIRED: dict[str, type | tuple[type, ...]] = {
    "id": str,
    "answer": str,
    "refused": bool,
    "citations": list,
    "retrieved": list,
    "latency_ms": (int, float),
}


def result_from_answer(item_id: str, answer: Answer, latency_ms: float) -> ResultRow:
    """The contract line for one answered question; `latency_ms` is what the runner measured."""
    data = answer.to_json()
    row: ResultRow = {
        "id": item_id,
        "answer": data["answer"],
        "refused": bool(data["refused"]),
        "citations": data["citations"],
        "retrieved": data["retrieved"],
        "latency_ms": round(latency_ms, 1),
    }
    if "table" in data:
        row["table"] = data["table"]
    row["resolved_question"] = data["resolved_question"]
    row["mode"] = data["mode"]
    return row


def failed_result(item_id: str, error: BaseException | str, latency_ms: float) -> ResultRow:
    """The line for a question that raised or timed out: scored as not answered, not refused."""
    message = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
    return {
        "id": item_id,
        "answer": "",
        "refused": False,
        "citations": [],
        "retrieved": [],
        "latency_ms": round(latency_ms, 1),
        "failed": True,
        "error": message,
    }


def validate_result(data: Any, where: str = "result") -> ResultRow:
    """Check the fields the scorer relies on; extra fields are allowed (and kept)."""
    if not isinstance(data, dict):
        raise ResultsFormatError(f"{where}: expected a JSON object, got {type(data).__name__}")
    for key, kind in _REQUIRED.items():
        if key not in data:
            raise ResultsFormatError(f"{where}: missing field {key!r}")
        # bool is an int subclass: a latency of `true` is as wrong as a refused of `1`.
        value = data[key]
        if not isinstance(value, kind) or (key == "latency_ms" and isinstance(value, bool)):
            raise ResultsFormatError(f"{where}: field {key!r} has type {type(value).__name__}")
    for n, citation in enumerate(data["citations"]):
        _require_keys(citation, ("doc", "page", "quote"), f"{where}: citations[{n}]")
    for n, chunk in enumerate(data["retrieved"]):
        _require_keys(chunk, ("doc", "page_start", "page_end", "text"), f"{where}: retrieved[{n}]")
    row: ResultRow = data  # type: ignore[assignment]  # checked field by field above
    return row


def _require_keys(data: Any, keys: Iterable[str], where: str) -> None:
    if not isinstance(data, dict):
        raise ResultsFormatError(f"{where}: expected an object")
    missing = [k for k in keys if k not in data]
    if missing:
        raise ResultsFormatError(f"{where}: missing {', '.join(missing)}")


def write_results(path: Path, rows: Iterable[ResultRow]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def append_result(path: Path, row: ResultRow) -> None:
    """Write one line as soon as it exists, so an interrupted run keeps what it answered."""
    with path.open("a", encoding="utf-8") as out:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")


def read_results(path: Path) -> dict[str, ResultRow]:
    """Results by id; a malformed line or a repeated id is an error, not a skipped line."""
    rows: dict[str, ResultRow] = {}
    for where, data in read_lines(path, ResultsFormatError):
        row = validate_result(data, where)
        if row["id"] in rows:
            raise ResultsFormatError(f"{where}: id {row['id']!r} occurs twice")
        rows[row["id"]] = row
    return rows


def missing_ids(gold_ids: Iterable[str], results: Mapping[str, ResultRow]) -> list[str]:
    return [item_id for item_id in gold_ids if item_id not in results]
