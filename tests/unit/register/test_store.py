"""The register store: schema and version, replace/remove per document, filters, links, cascade."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from assistant.register.models import Amount, Provenance, Record
from assistant.register.store import SCHEMA_VERSION, RegisterStore
from tests.unit.register.conftest import meta


def _records(doc: str, municipality: str) -> list[Record]:
    goal = Record(
        "goal",
        "Minder schulden",
        Provenance(doc, 1, "Minder schulden", 0, 15),
        municipality,
        2022,
        level="strategic",
        themes=("armoede-schulden",),
    )
    budget = Record(
        "budget",
        "Schuldhulp",
        Provenance(doc, 2, "Schuldhulp | 100", 0, 16),
        municipality,
        2022,
        amounts=(Amount(100_000, 2022, "2022"),),
        themes=("armoede-schulden", "financien"),
        links=(goal.id,),
    )
    goal = goal.with_(links=(budget.id,))
    return [goal, budget]


def test_replace_query_and_remove(tmp_path: Path) -> None:
    store = RegisterStore(tmp_path / "register.sqlite")
    a, b = meta("a-plan-2022", "Almelo"), meta("b-plan-2021", "Hengelo", 2021)
    store.replace_document(a, _records(a.doc_id, "Almelo"), "fp-a")
    store.replace_document(b, _records(b.doc_id, "Hengelo"), "fp-b")
    assert store.schema_version() == SCHEMA_VERSION
    assert len(store.query()) == 4
    assert [r.municipality for r in store.query(municipality="almelo")] == ["Almelo", "Almelo"]
    assert [r.type for r in store.query(type="budget", theme="financien")] == ["budget", "budget"]
    assert store.query(theme="jeugd") == []
    budget = store.query(municipality="Hengelo", type="budget")[0]
    assert budget.amounts[0].eur == 100_000 and budget.themes == ("armoede-schulden", "financien")
    assert [r.type for r in store.linked(budget.id)] == ["goal"]
    assert store.counts() == {
        ("Almelo", "goal"): 1,
        ("Almelo", "budget"): 1,
        ("Hengelo", "goal"): 1,
        ("Hengelo", "budget"): 1,
    }

    store.replace_document(a, _records(a.doc_id, "Almelo")[:1], "fp-a2")  # a new version: replaced, not added
    assert len(store.query(municipality="Almelo")) == 1 and store.fingerprint(a.doc_id) == "fp-a2"
    store.remove_document(b.doc_id)
    assert store.municipalities() == ["Almelo"]
    db = sqlite3.connect(tmp_path / "register.sqlite")
    assert db.execute("SELECT COUNT(*) FROM record_themes").fetchone()[0] == 1  # cascaded with the records
    assert db.execute("SELECT COUNT(*) FROM links").fetchone()[0] == 0


def test_schema_has_foreign_keys_indexes_and_a_version(tmp_path: Path) -> None:
    RegisterStore(tmp_path / "r.sqlite").close()
    db = sqlite3.connect(tmp_path / "r.sqlite")
    indexes = {row[1] for row in db.execute("SELECT * FROM sqlite_master WHERE type = 'index'")}
    assert {"records_municipality", "records_type", "record_themes_theme"} <= indexes
    assert db.execute("PRAGMA foreign_key_list(records)").fetchall()
    assert db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == str(
        SCHEMA_VERSION
    )


def test_an_older_schema_is_dropped_and_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    db.execute("INSERT INTO meta VALUES ('schema_version', '0')")
    db.execute("CREATE TABLE records (id TEXT)")
    db.commit()
    db.close()
    store = RegisterStore(path)
    assert store.schema_version() == SCHEMA_VERSION and store.query() == []
