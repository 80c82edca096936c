from __future__ import annotations

from pathlib import Path

import pytest

from assistant.catalog import Catalog, matcher, matches, named_by_year
from assistant.errors import UnknownDocumentError
from assistant.types import DocumentMeta, Filters, Page

ALMELO = DocumentMeta("almelo-plan", "Almelo", "Beleidsplan", 2022, "2022-", "beleidsplan")
HENGELO = DocumentMeta("hengelo-prog", "Hengelo", "Programma", 2021, "2021-2025", "programma")


def publish(catalog: Catalog, meta: DocumentMeta, version: str = "v1") -> None:
    catalog.publish(meta, version, "sha", "x.pdf", [Page(1, "tekst")], 1)


def test_records_are_read_again_only_when_the_generation_moves(tmp_path: Path) -> None:
    reader, writer = Catalog(tmp_path / "c.sqlite"), Catalog(tmp_path / "c.sqlite")
    publish(writer, ALMELO)
    first = reader.documents()
    assert [r.doc_id for r in first] == ["almelo-plan"]
    assert reader.documents()[0] is first[0]  # the same generation: not parsed again
    publish(writer, HENGELO)  # another process, as far as `reader` knows
    assert [r.doc_id for r in reader.documents()] == ["almelo-plan", "hengelo-prog"]
    publish(writer, ALMELO, "v2")
    assert reader.document("almelo-plan").version == "v2"
    writer.remove("hengelo-prog")
    with pytest.raises(UnknownDocumentError):
        reader.document("hengelo-prog")
    reader.documents().clear()  # a caller's list is its own
    assert len(reader.documents()) == 1


def test_matcher_is_matches_prepared_once() -> None:
    filters = [
        Filters(),
        Filters(municipalities=("almelo",)),
        Filters(years=(2026,)),  # Almelo's open period 2022- covers it, Hengelo's 2021-2025 not
        Filters(years=(2021,), doc_types=("PROGRAMMA",)),
        Filters(docs=(*(f"doc-{i}" for i in range(5000)), "hengelo-prog")),
    ]
    for f in filters:
        test = matcher(f)
        assert [test(m) for m in (ALMELO, HENGELO)] == [matches(m, f) for m in (ALMELO, HENGELO)]
    assert [matches(m, filters[2]) for m in (ALMELO, HENGELO)] == [True, False]
    assert [matches(m, filters[4]) for m in (ALMELO, HENGELO)] == [False, True]


def test_the_journal_lists_versions_written_or_retired_but_not_deleted(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path / "c.sqlite")
    catalog.expect("v1")
    assert catalog.unpublished() == {"v1"}  # written, not yet live
    publish(catalog, ALMELO, "v1")
    assert catalog.unpublished() == set()
    catalog.expect("v2")
    publish(catalog, ALMELO, "v2")
    assert catalog.unpublished() == {"v1"}  # retired by the publish: its chunks are still there
    catalog.forget("v1")
    publish(catalog, ALMELO, "v2")  # the same version again retires nothing
    assert catalog.unpublished() == set()
    catalog.remove("almelo-plan")
    assert catalog.unpublished() == {"v2"}


def test_a_year_names_the_document_titled_with_it_before_those_whose_period_covers_it(
    tmp_path: Path,
) -> None:
    catalog = Catalog(tmp_path / "c.sqlite")
    budget = DocumentMeta("w-2024", "Wassenaar", "Programmabegroting 2024", 2023, "2024-2027", "begroting")
    later = DocumentMeta("w-2025", "Wassenaar", "Programmabegroting 2025", 2024, "2025-2028", "begroting")
    for meta in (budget, later, ALMELO, HENGELO):
        publish(catalog, meta)
    records = catalog.documents()
    # Both budgets run through 2025; "de begroting 2025" is the one titled so.
    assert [r.doc_id for r in named_by_year(records, (2025,))] == ["w-2025"]
    assert [r.doc_id for r in named_by_year(records, (2024, 2025))] == ["w-2024", "w-2025"]
    # No title names 2021: the document dated 2021; 2026 is dated by none, so every period covering it.
    assert [r.doc_id for r in named_by_year(records, (2021,))] == ["hengelo-prog"]
    assert [r.doc_id for r in named_by_year(records, (2026,))] == ["almelo-plan", "w-2024", "w-2025"]
    assert named_by_year(records, (1999,)) == records  # names none: the filter had its say
