"""The `beleid` command end to end over the demo corpus, with the hashing embedder."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from beleid.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    home = tmp_path_factory.mktemp("cli-home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("BELEID_HOME", str(home))
        mp.setenv("BELEID_EMBEDDING_MODEL", "hash-64")
        first = runner.invoke(app, ["ingest", "--json"])
        assert first.exit_code == 0, first.output
        report = json.loads(first.stdout)
        assert report["added"] == 5 and report["failed"] == [] and report["chunks"] > 100
        assert set(report) == {
            "added",
            "updated",
            "unchanged",
            "removed",
            "failed",
            "documents",
            "chunks",
            "seconds",
        }
        yield home


def test_second_ingest_reports_everything_unchanged(home: Path) -> None:
    result = runner.invoke(app, ["ingest", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["unchanged"] == 5


def test_ingest_of_a_bad_file_exits_1_and_says_why(home: Path, tmp_path: Path) -> None:
    bad = tmp_path / "kapot.pdf"
    bad.write_text("geen pdf", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(bad), "--json"])
    assert result.exit_code == 1
    assert "%PDF" in json.loads(result.stdout)["failed"][0]["error"]


def test_ask_json_follows_the_result_format(home: Path) -> None:
    result = runner.invoke(app, ["ask", "Hoeveel scootmobielen zijn er teruggegeven in Almelo?", "--json"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert {"answer", "refused", "citations", "retrieved", "latency_ms"} <= set(answer)
    assert len(answer["retrieved"]) >= 5
    assert all({"doc", "page", "quote"} <= set(c) for c in answer["citations"])


def test_search_applies_the_municipality_filter(home: Path) -> None:
    result = runner.invoke(app, ["search", "mantelzorg", "-m", "Leusden", "--k", "5", "--json"])
    assert result.exit_code == 0
    hits = json.loads(result.stdout)
    assert hits and all(h["doc"].startswith("leusden") for h in hits)


def test_register_and_compare(home: Path) -> None:
    records = json.loads(runner.invoke(app, ["register", "--type", "goal", "--json"]).stdout)
    assert records and all(r["type"] == "goal" for r in records)
    result = runner.invoke(app, ["compare", "jeugd", "--csv"])
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert {"Almelo", "Hengelo", "Leusden", "Twenterand"} <= set(rows[0])


def test_bad_input_is_a_clear_error(home: Path) -> None:
    result = runner.invoke(app, ["register", "--type", "wens"])
    assert result.exit_code == 2 and "goal, indicator, budget of measure" in result.output
    result = runner.invoke(app, ["compare", "ruimtevaart"])
    assert result.exit_code == 2 and "Onbekend thema" in result.output


def test_commitments_are_read_back_until_an_ingest_changes_a_document(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = runner.invoke(app, ["commitments", "Almelo", "--json"])
    assert first.exit_code == 0, first.output
    items = json.loads(first.stdout)
    assert any(i["status"] not in ("no_later", "not_mentioned") and i["later"] for i in items)
    assert list((home / "cache").glob("commitments-*.json"))

    # A second run reads what the first kept: the check is not built again.
    import assistant.register.commitment_cache as cache

    def no_build(*args: object, **kwargs: object) -> None:
        raise AssertionError("built again")

    monkeypatch.setattr(cache, "commitments", no_build)
    second = runner.invoke(app, ["commitments", "Almelo", "--json"])
    assert second.exit_code == 0, second.output
    assert json.loads(second.stdout) == items
