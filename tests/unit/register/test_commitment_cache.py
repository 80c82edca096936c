"""The commitment check is built once per municipality and kept until a document is published or
removed (the catalog's generation moves) or the register changes; with a directory a second
process (`beleid commitments` run again) reads it instead of building it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from assistant.catalog import Catalog
from assistant.register.commitment_cache import CommitmentCache
from assistant.register.commitments import CommitmentItem
from assistant.register.store import RegisterStore
from assistant.settings import CommitmentSettings
from assistant.types import DocumentMeta, Page
from tests.register_support import record_on

PLAN = DocumentMeta("stad-plan-2020", "Stad", "Plan", 2020, "2020-2023", "beleidsplan")
LATER = DocumentMeta("stad-plan-2022", "Stad", "Nieuw plan", 2022, "2022-", "beleidsplan")
PLAN_PAGE = "We starten met de Doorbraakmethode voor gezinnen.\n"
LATER_PAGE = "Gezinnen krijgen hulp volgens de Doorbraakmethode in twee wijken.\n"
LATER_PAGE_NEW = "De Doorbraakmethode voor gezinnen is in 2021 afgerond en geëvalueerd.\n"


def _publish(catalog: Catalog, meta: DocumentMeta, text: str, version: str) -> None:
    catalog.publish(meta, version, version, f"{meta.doc_id}.pdf", [Page(1, text)], 1)


@pytest.fixture
def world(tmp_path: Path) -> tuple[RegisterStore, Catalog]:
    catalog = Catalog(tmp_path / "catalog.sqlite")
    _publish(catalog, PLAN, PLAN_PAGE, "v1")
    _publish(catalog, LATER, LATER_PAGE, "v1")
    store = RegisterStore(tmp_path / "register.sqlite")
    store.replace_document(PLAN, [record_on("measure", PLAN_PAGE.strip(), PLAN, PLAN_PAGE)], "a")
    store.replace_document(LATER, [record_on("measure", LATER_PAGE.strip(), LATER, LATER_PAGE)], "a")
    return store, catalog


def _status(items: Sequence[CommitmentItem]) -> str:
    return next(i.status for i in items if i.record.doc_id == PLAN.doc_id)


def test_a_second_request_does_not_build_again(world: tuple[RegisterStore, Catalog]) -> None:
    store, catalog = world
    cache = CommitmentCache()
    first = cache.get(store, "Stad", catalog, CommitmentSettings())
    second = cache.get(store, "Stad", catalog, CommitmentSettings())
    assert cache.builds == 1
    assert second == first and _status(second) == "on_schedule"
    # Other settings are another check.
    cache.get(store, "Stad", catalog, CommitmentSettings(min_score=0.9))
    assert cache.builds == 2


def test_an_ingest_builds_it_again(world: tuple[RegisterStore, Catalog]) -> None:
    store, catalog = world
    cache = CommitmentCache()
    assert _status(cache.get(store, "Stad", catalog)) == "on_schedule"
    # A new version of the later document is published: the catalog's generation moves.
    _publish(catalog, LATER, LATER_PAGE_NEW, "v2")
    assert _status(cache.get(store, "Stad", catalog)) == "realised"
    assert cache.builds == 2
    # The register rebuilt on its own (a newer extractor: another fingerprint) counts too.
    store.replace_document(LATER, [], "b")
    cache.get(store, "Stad", catalog)
    assert cache.builds == 3
    # A removed document as well.
    catalog.remove(LATER.doc_id)
    cache.get(store, "Stad", catalog)
    assert cache.builds == 4


def test_another_process_reads_what_the_first_wrote(
    world: tuple[RegisterStore, Catalog], tmp_path: Path
) -> None:
    store, catalog = world
    first = CommitmentCache(tmp_path / "cache")
    built = first.get(store, "Stad", catalog)
    again = CommitmentCache(tmp_path / "cache")
    assert again.get(store, "Stad", catalog) == built
    assert (first.builds, again.builds) == (1, 0)
    _publish(catalog, LATER, LATER_PAGE_NEW, "v2")
    assert _status(CommitmentCache(tmp_path / "cache").get(store, "Stad", catalog)) == "realised"
    # A file that cannot be read is built again, not an error.
    for path in (tmp_path / "cache").iterdir():
        path.write_text("{kapot", encoding="utf-8")
    broken = CommitmentCache(tmp_path / "cache")
    assert _status(broken.get(store, "Stad", catalog)) == "realised" and broken.builds == 1
