"""The gold checker passes our own gold files and names what is wrong with a broken item."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from evals.check_gold import DEFAULT_PAGE_DIRS, check_files, load_pages, main

GOLD = Path(__file__).resolve().parents[3] / "evals" / "gold"
DOC = "plan-2020"
PAGE_TEXTS = {1: "Gemeente X | Plan\nWij investeren in preven-\ntie.", 2: "De raad besluit in 2021."}


def _item(**changes: Any) -> dict[str, Any]:
    item = {
        "id": "t-1",
        "question": "Waarin investeert de gemeente?",
        "answer": "In preventie.",
        "type": "fact",
        "sources": [{"doc": DOC, "page": 1, "quote": "Wij investeren in preventie."}],
        "must_contain": ["preventie"],
        "difficulty": "easy",
        "municipalities": ["X"],
        "tags": [DOC],
    }
    item.update(changes)
    return item


@pytest.fixture
def pages_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "pages"
    directory.mkdir()
    rows = [{"doc": DOC, "page": page, "text": text} for page, text in PAGE_TEXTS.items()]
    (directory / f"{DOC}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return directory


def _run(tmp_path: Path, pages_dir: Path, *items: dict[str, Any]) -> int:
    """The checker's exit code on a gold file of these items; its report goes to stdout."""
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
    return main([str(gold), "--pages", str(pages_dir)])


def test_our_gold_files_pass() -> None:
    if not DEFAULT_PAGE_DIRS[0].is_dir():
        pytest.skip(f"corpus pages not found at {DEFAULT_PAGE_DIRS[0]} (the shared folder is not shipped)")
    pages, missing = load_pages(DEFAULT_PAGE_DIRS)
    files = [GOLD / "own_tune.jsonl", GOLD / "own_holdout.jsonl"]
    assert missing == []
    assert check_files(files, pages) == []


def test_a_sound_item_passes(tmp_path: Path, pages_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    followup = _item(
        id="t-2",
        question="En wanneer?",
        history=[{"question": "Wat?", "answer": "Dit."}],
        sources=[{"doc": DOC, "page": 2, "quote": "De raad besluit in 2021."}],
        must_contain=["2021"],
    )
    assert _run(tmp_path, pages_dir, _item(), followup) == 0
    assert capsys.readouterr().out == ""


def test_a_quote_not_on_its_page_is_reported(
    tmp_path: Path, pages_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wrong_page = _item(sources=[{"doc": DOC, "page": 1, "quote": "De raad besluit in 2021."}])
    assert _run(tmp_path, pages_dir, wrong_page) == 1
    assert "quote not on plan-2020 page 1" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"type": "unanswerable", "must_contain": []}, "unanswerable item has no sources"),
        ({"history": [{"answer": "Dit."}]}, "history[0]: expected a question, or an object with 'question'"),
        ({"history": "Wat?"}, "history: must be a list"),
        ({"history": []}, "'history' must be a non-empty list"),
        ({"answer": ""}, "'answer' must be a non-empty string"),
        ({"difficulty": "lastig"}, "'difficulty' must be one of"),
        (
            {"sources": [{"doc": DOC, "page": 9, "quote": "Wij investeren"}]},
            "no page text for plan-2020 page 9",
        ),
        ({"sources": "plan p1"}, "'sources' must be a list"),
    ],
)
def test_broken_items_are_reported(
    tmp_path: Path, pages_dir: Path, capsys: pytest.CaptureFixture[str], changes: dict[str, Any], message: str
) -> None:
    assert _run(tmp_path, pages_dir, _item(**changes)) == 1
    assert message in capsys.readouterr().out


def test_an_id_used_twice_is_reported(
    tmp_path: Path, pages_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(tmp_path, pages_dir, _item(), _item()) == 1
    assert "id already used" in capsys.readouterr().out
