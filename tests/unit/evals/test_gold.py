"""Gold files are checked up front; selection by type and limit is predictable."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from evals.gold import QUESTION_TYPES, GoldFormatError, load_gold, select_gold

DEV = Path(__file__).resolve().parents[3] / "evals" / "dev.jsonl"


def _item(**changes: Any) -> dict[str, Any]:
    item = {
        "id": "q1",
        "question": "Wat?",
        "answer": "Dit.",
        "type": "fact",
        "sources": [{"doc": "plan", "page": 3, "quote": "dit"}],
        "must_contain": ["dit"],
        "municipalities": ["Almelo"],
    }
    item.update(changes)
    return item


def _write(tmp_path: Path, *items: dict[str, Any]) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    return path


def test_the_dev_set_loads() -> None:
    gold = load_gold(DEV)
    assert len(gold) == len({g.id for g in gold}) > 50
    assert {g.type for g in gold} <= set(QUESTION_TYPES)
    assert all(g.answerable == (g.type != "unanswerable") for g in gold)
    assert all(s.page >= 1 for g in gold for s in g.sources)


def test_round_trip_through_json(tmp_path: Path) -> None:
    (item,) = load_gold(_write(tmp_path, _item()))
    assert item.to_json() == {**_item(), "difficulty": "", "tags": []}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"id": ""}, "'id'"),
        ({"question": None}, "'question'"),
        ({"sources": "plan p3"}, "'sources' must be a list"),
        ({"sources": [{"doc": "plan", "page": 0, "quote": "x"}]}, "1-based"),
        ({"sources": [{"doc": "plan", "page": 2, "quote": ""}]}, "'quote'"),
        ({"must_contain": [3]}, "'must_contain' must hold strings"),
    ],
)
def test_malformed_items_are_rejected(tmp_path: Path, changes: dict[str, Any], message: str) -> None:
    with pytest.raises(GoldFormatError, match="line 1") as caught:
        load_gold(_write(tmp_path, _item(**changes)))
    assert message in str(caught.value)


def test_duplicate_ids_are_rejected(tmp_path: Path) -> None:
    with pytest.raises(GoldFormatError, match="occurs twice"):
        load_gold(_write(tmp_path, _item(), _item()))


def test_an_unknown_type_loads_as_the_scorer_would_take_it(tmp_path: Path) -> None:
    (item,) = load_gold(_write(tmp_path, _item(type="timeline")))
    assert item.type == "timeline" and item.answerable


def test_select_by_type_then_limit() -> None:
    gold = load_gold(DEV)
    budget = select_gold(gold, types={"budget"}, limit=2)
    assert [g.id for g in budget] == [g.id for g in gold if g.type == "budget"][:2]
    assert select_gold(gold, limit=0) == []
    with pytest.raises(ValueError, match="unknown question type"):
        select_gold(gold, types={"budgets"})
