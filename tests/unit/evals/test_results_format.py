"""The results file is the eval contract's format, written and read back without loss."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.types import Answer, Chunk, Citation, SearchHit
from evals.results import (
    ResultsFormatError,
    failed_result,
    missing_ids,
    read_results,
    result_from_answer,
    validate_result,
    write_results,
)
from tests.unit.evals.builders import result


def _answer() -> Answer:
    hits = [
        SearchHit(
            Chunk(id=f"c{i}", doc_id="plan", text=f"tekst {i}", page_start=i, page_end=i + 1), 1 / (i + 1)
        )
        for i in range(1, 11)
    ]
    return Answer(
        question="Wat is het budget?",
        text="Het budget is € 2,5 miljoen [1].",
        refused=False,
        citations=[Citation(doc="plan", page=4, quote="Het budget is € 2,5 miljoen", start=10, end=37)],
        retrieved=hits,
        latency_ms=999.0,
        table=[{"post": "Wmo", "bedrag": 3400}],
    )


def test_result_from_answer_has_the_contract_fields() -> None:
    row = result_from_answer("ga-001", _answer(), latency_ms=41.26)
    assert row["id"] == "ga-001"
    assert row["answer"] == "Het budget is € 2,5 miljoen [1]."
    assert row["refused"] is False
    assert row["citations"] == [
        {"doc": "plan", "page": 4, "quote": "Het budget is € 2,5 miljoen", "start": 10, "end": 37}
    ]
    assert len(row["retrieved"]) == 10
    assert set(row["retrieved"][0]) >= {"doc", "page_start", "page_end", "text", "score"}
    assert row["retrieved"][0]["page_end"] == 2
    assert row["latency_ms"] == 41.3  # the runner's clock, not the answer's own
    assert row["table"] == [{"post": "Wmo", "bedrag": 3400}]
    assert "failed" not in row
    validate_result(row)


def test_failed_result_is_a_wrong_unrefused_answer_with_the_error() -> None:
    row = failed_result("ga-002", ValueError("kapot"), 12.0)
    assert row == {
        "id": "ga-002",
        "answer": "",
        "refused": False,
        "citations": [],
        "retrieved": [],
        "latency_ms": 12.0,
        "failed": True,
        "error": "ValueError: kapot",
    }
    validate_result(row)


def test_results_round_trip_in_order(tmp_path: Path) -> None:
    rows = [result_from_answer("a", _answer(), 5.0), failed_result("b", "QuestionTimeout: te traag", 9.0)]
    path = write_results(tmp_path / "run" / "results.jsonl", rows)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and "€" in lines[0]  # one line each, readable UTF-8
    back = read_results(path)
    assert list(back) == ["a", "b"]
    assert list(back.values()) == rows
    assert missing_ids(["a", "b", "c"], back) == ["c"]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not JSON"),
        (json.dumps([1, 2]), "JSON object"),
        (json.dumps({k: v for k, v in result().items() if k != "refused"}), "missing field 'refused'"),
        (json.dumps(result(refused="ja")), "'refused'"),
        (json.dumps(result(latency_ms=True)), "'latency_ms'"),
        (json.dumps(result(citations=[{"doc": "plan", "page": 1}])), "citations[0]: missing quote"),
        (json.dumps(result(retrieved=[{"doc": "plan", "text": "x"}])), "retrieved[0]: missing page_start"),
    ],
)
def test_malformed_lines_are_rejected_with_their_line_number(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "results.jsonl"
    path.write_text(json.dumps(result("ok")) + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(ResultsFormatError, match="line 2") as caught:
        read_results(path)
    assert message in str(caught.value)


def test_a_repeated_id_is_rejected(tmp_path: Path) -> None:
    path = write_results(tmp_path / "results.jsonl", [failed_result("a", "x", 1.0)] * 2)
    with pytest.raises(ResultsFormatError, match="occurs twice"):
        read_results(path)
