"""Per-document limits and the bounded wait for the ingest lock, through the real Chroma store."""

from __future__ import annotations

import fcntl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from assistant.catalog import Catalog
from assistant.embedders.hashing import HashEmbedder
from assistant.errors import IngestBusyError
from assistant.settings import Settings
from assistant.store_chroma import ChromaStore
from ingest.pipeline import Ingestor
from tests import pdf_factory

GOOD = "almelo-test-plan-2022"
MANIFEST = (
    "slug,municipality,title,year,period,doc_type\n"
    f"{GOOD},Almelo,Testplan sociaal domein,2022,2022-2025,beleidsplan\n"
    "almelo-dik-plan-2022,Almelo,Dik plan,2022,2022,beleidsplan\n"
    "almelo-bom-2022,Almelo,Bom,2022,2022,beleidsplan\n"
)


def _ingestor(home: Path, told: list[float | None] | None = None, **limits: float) -> Ingestor:
    settings = Settings(home=home, **limits)
    embedder = HashEmbedder(64)
    return Ingestor(
        settings,
        embedder,
        ChromaStore(settings, embedder),
        Catalog(settings.catalog_path),
        on_lock_wait=(told.append if told is not None else lambda _: None),
    )


def _docs(directory: Path, manifest: str = MANIFEST) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    pdf_factory.make_text_pdf(
        directory / f"{GOOD}.pdf",
        [
            ["1. Inleiding", "De gemeente Almelo wil dat inwoners zelfredzaam zijn.", "Dat doen we samen."],
            ["2. Doelen", "Wij willen eenzaamheid onder ouderen verminderen.", "Daarvoor is geld nodig."],
        ],
    )
    (directory / "manifest.csv").write_text(manifest, encoding="utf-8")
    return directory


def _errors(failed: list[dict[str, str]]) -> dict[str, str]:
    return {Path(f["file"]).name: f["error"] for f in failed}


def test_documents_beyond_the_limits_fail_and_the_others_are_ingested(tmp_path: Path) -> None:
    docs = _docs(tmp_path / "docs")
    page = ["Een pagina over schuldhulp en armoedebeleid in Almelo."]
    pdf_factory.make_text_pdf(docs / "almelo-dik-plan-2022.pdf", [page, page, page])
    pdf_factory.make_inflating_pdf(docs / "almelo-bom-2022.pdf", lines=20_000)  # ~240,000 characters

    ingestor = _ingestor(tmp_path / "home", ingest_max_pages=2, ingest_max_page_chars=5000)
    report = ingestor.run([docs])

    assert report.added == [GOOD]
    errors = _errors(report.failed)
    assert set(errors) == {"almelo-dik-plan-2022.pdf", "almelo-bom-2022.pdf"}
    assert "BELEID_INGEST_MAX_PAGES" in errors["almelo-dik-plan-2022.pdf"]
    assert "BELEID_INGEST_MAX_PAGE_CHARS" in errors["almelo-bom-2022.pdf"]
    # Nothing of the refused documents is left behind.
    (record,) = ingestor.catalog.documents()
    assert record.doc_id == GOOD
    assert ingestor.store.versions() == {record.version}


def test_the_time_limit_fails_the_document(tmp_path: Path) -> None:
    docs = _docs(tmp_path / "docs")
    ingestor = _ingestor(tmp_path / "home", ingest_max_seconds=1e-6)
    report = ingestor.run([docs])
    assert report.added == []
    assert "BELEID_INGEST_MAX_SECONDS" in _errors(report.failed)[f"{GOOD}.pdf"]
    assert ingestor.catalog.documents() == [] and ingestor.store.versions() == set()


def test_an_update_beyond_a_limit_keeps_the_previous_version_live(tmp_path: Path) -> None:
    docs = _docs(tmp_path / "docs")
    home = tmp_path / "home"
    first = _ingestor(home)
    assert first.run([docs]).added == [GOOD]
    before = first.catalog.document(GOOD)

    (docs / "manifest.csv").write_text(MANIFEST.replace("Testplan sociaal", "Testplan v2 sociaal"), "utf-8")
    second = _ingestor(home, ingest_max_pages=1)
    report = second.run([docs])
    assert report.updated == [] and "BELEID_INGEST_MAX_PAGES" in _errors(report.failed)[f"{GOOD}.pdf"]
    after = second.catalog.document(GOOD)
    assert after.version == before.version and after.chunk_count == before.chunk_count
    assert second.store.versions() == {before.version}


@contextmanager
def _held(home: Path, release_after: float | None = None) -> Iterator[None]:
    """The ingest lock held as another ingest would: flock on its own open file description, which
    conflicts with any other one, in this process or another."""
    home.mkdir(parents=True, exist_ok=True)
    with (home / "ingest.lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        timer = None
        if release_after is not None:
            timer = threading.Timer(release_after, fcntl.flock, (handle, fcntl.LOCK_UN))
            timer.start()
        try:
            yield
        finally:
            if timer is not None:
                timer.join()
            fcntl.flock(handle, fcntl.LOCK_UN)


def test_waiting_for_another_ingest_is_told_and_bounded(tmp_path: Path) -> None:
    docs = _docs(tmp_path / "docs")
    home = tmp_path / "home"
    told: list[float | None] = []
    ingestor = _ingestor(home, told, ingest_lock_wait_seconds=0.3)
    with _held(home), pytest.raises(IngestBusyError) as info:
        ingestor.run([docs])
    assert told == [0.3]
    assert "0,3 s" in str(info.value) and "--wait" in str(info.value)
    assert ingestor.catalog.documents() == []


def test_an_ingest_goes_on_when_the_other_one_finishes_in_time(tmp_path: Path) -> None:
    docs = _docs(tmp_path / "docs")
    home = tmp_path / "home"
    told: list[float | None] = []
    ingestor = _ingestor(home, told, ingest_lock_wait_seconds=60)
    with _held(home, release_after=0.5):
        report = ingestor.run([docs])
    assert told == [60] and report.added == [GOOD]
    # A free lock is taken without a word.
    told.clear()
    assert ingestor.run([docs]).unchanged == [GOOD] and told == []
