"""Ingest through the real Chroma store with a fake embedder: incremental, atomic, bad input."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from assistant.catalog import Catalog
from assistant.embedders.hashing import HashEmbedder
from assistant.errors import EmbedderMismatchError
from assistant.retrieval import HybridRetriever
from assistant.settings import PROJECT_ROOT, Settings
from assistant.store_chroma import ChromaStore
from assistant.types import Chunk
from ingest.pipeline import Ingestor, Progress, embedding_text
from tests import pdf_factory

CORPUS = PROJECT_ROOT / "corpus"


def _ingestor(home: Path, embedder: HashEmbedder | None = None) -> Ingestor:
    settings = Settings(home=home)
    embedder = embedder or HashEmbedder(64)
    return Ingestor(settings, embedder, ChromaStore(settings, embedder), Catalog(settings.catalog_path))


@pytest.fixture(scope="module")
def corpus_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("home")


def _small_corpus(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    pdf_factory.make_text_pdf(
        directory / "almelo-test-plan-2022.pdf",
        [
            ["1. Inleiding", "De gemeente Almelo wil dat inwoners zelfredzaam zijn.", "Dat doen we samen."],
            ["2. Doelen", "Wij willen eenzaamheid onder ouderen verminderen.", "Daarvoor is geld nodig."],
        ],
        title="Testplan",
    )
    (directory / "manifest.csv").write_text(
        "slug,municipality,title,year,period,doc_type\n"
        "almelo-test-plan-2022,Almelo,Testplan sociaal domein,2022,2022-2025,beleidsplan\n",
        encoding="utf-8",
    )
    return directory


def test_corpus_ingests_then_second_run_is_unchanged(corpus_home: Path) -> None:
    embedder = HashEmbedder(64)
    first = _ingestor(corpus_home, embedder).run([CORPUS])
    assert first.failed == []
    assert len(first.added) == 5
    assert first.documents == 5 and first.chunks > 100
    calls_after_first = embedder.calls

    second = _ingestor(corpus_home, embedder).run([CORPUS])
    assert len(second.unchanged) == 5
    assert second.added == second.updated == []
    assert second.embedded == 0 and embedder.calls == calls_after_first
    assert second.seconds < first.seconds


def test_corpus_chunks_carry_document_metadata(corpus_home: Path) -> None:
    ingestor = _ingestor(corpus_home)
    live = {d.doc_id: d for d in ingestor.catalog.documents()}
    chunks = ingestor.store.chunks([d.version for d in live.values()])
    assert {c.doc_id for c in chunks} == set(live)
    for chunk in chunks:
        meta = live[chunk.doc_id].meta
        assert chunk.meta["municipality"] == meta.municipality
        assert chunk.meta["year"] == meta.year
        assert 1 <= chunk.page_start <= chunk.page_end <= live[chunk.doc_id].page_count
    assert ingestor.store.versions() == {d.version for d in live.values()}


def test_changed_document_replaces_old_version_whole(tmp_path: Path) -> None:
    docs = _small_corpus(tmp_path / "docs")
    ingestor = _ingestor(tmp_path / "home")
    assert ingestor.run([docs]).added == ["almelo-test-plan-2022"]
    old = ingestor.catalog.document("almelo-test-plan-2022").version

    pdf_factory.make_text_pdf(
        docs / "almelo-test-plan-2022.pdf",
        [["1. Inleiding", "Een nieuwe versie met andere tekst over mantelzorg en vrijwilligers."]],
        title="Testplan",
    )
    report = ingestor.run([docs])
    assert report.updated == ["almelo-test-plan-2022"]
    new = ingestor.catalog.document("almelo-test-plan-2022").version
    assert new != old
    assert ingestor.store.versions() == {new}
    texts = " ".join(c.text for c in ingestor.store.chunks([new]))
    assert "mantelzorg" in texts and "eenzaamheid" not in texts


def test_prune_removes_documents_whose_file_is_gone(tmp_path: Path) -> None:
    docs = _small_corpus(tmp_path / "docs")
    ingestor = _ingestor(tmp_path / "home")
    ingestor.run([docs])
    (docs / "almelo-test-plan-2022.pdf").unlink()
    assert ingestor.run([docs]).removed == []  # without --prune nothing is deleted
    report = ingestor.run([docs], prune=True)
    assert report.removed == ["almelo-test-plan-2022"]
    assert ingestor.catalog.documents() == [] and ingestor.store.count() == 0


class _CrashingEmbedder(HashEmbedder):
    def __init__(self, crash_after: int) -> None:
        super().__init__(64)
        self.crash_after = crash_after

    def embed_passages(self, texts: list[str]) -> np.ndarray:  # type: ignore[override]
        if self.calls + len(texts) > self.crash_after:
            raise KeyboardInterrupt("simulated crash mid-ingest")
        return super().embed_passages(texts)


def test_crash_mid_ingest_keeps_previous_state(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(CORPUS / "almelo-midterm-review-programma-zorg-2020.pdf", docs)
    shutil.copy(CORPUS / "manifest.csv", docs)
    home = tmp_path / "home"
    _ingestor(home).run([docs])
    before = _ingestor(home).catalog.document("almelo-midterm-review-programma-zorg-2020")

    # A new version of the same document (another municipality, which the embedded text names, so
    # no vector of the old version can be reused) whose embedding dies halfway.
    manifest = (docs / "manifest.csv").read_text(encoding="utf-8").replace(",Almelo,", ",Almelo-Oost,")
    (docs / "manifest.csv").write_text(manifest, encoding="utf-8")
    crashing = _CrashingEmbedder(crash_after=20)
    crashing.calls = 0
    with pytest.raises(KeyboardInterrupt):
        _ingestor(home, crashing).run([docs])

    after = _ingestor(home)
    record = after.catalog.document("almelo-midterm-review-programma-zorg-2020")
    assert record.version == before.version and record.chunk_count == before.chunk_count
    assert after.store.versions() == {before.version}


def test_bad_files_are_reported_and_good_ones_ingested(tmp_path: Path) -> None:
    docs = _small_corpus(tmp_path / "docs")
    pdf_factory.make_corrupt_pdf(docs / "kapot.pdf")
    pdf_factory.make_encrypted_pdf(docs / "versleuteld.pdf")
    pdf_factory.make_scanned_pdf(docs / "gescand.pdf")
    (docs / "notitie.pdf").write_text("dit is geen pdf", encoding="utf-8")
    report = _ingestor(tmp_path / "home").run([docs])
    assert report.added == ["almelo-test-plan-2022"]
    errors = {Path(f["file"]).name: f["error"] for f in report.failed}
    assert set(errors) == {"kapot.pdf", "versleuteld.pdf", "gescand.pdf", "notitie.pdf"}
    assert "OCR" in errors["gescand.pdf"]
    assert all("\n" not in e and e for e in errors.values())


def test_aes_encrypted_pdfs_open_with_the_empty_password_or_are_reported_protected(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    # Encrypted only to restrict printing and copying: opens without a password, like many exports.
    pdf_factory.make_text_pdf(
        docs / "almelo-open-plan-2023.pdf",
        [["1. Inleiding", "Almelo bestrijdt laaggeletterdheid met taalhuizen in elke wijk."]],
        title="Open plan", password="", algorithm="AES-256",
    )  # fmt: skip
    pdf_factory.make_encrypted_pdf(docs / "almelo-dicht-plan-2023.pdf", algorithm="AES-256")
    (docs / "manifest.csv").write_text(
        "slug,municipality,title,year,period,doc_type\n"
        "almelo-open-plan-2023,Almelo,Open plan,2023,2023,beleidsplan\n"
        "almelo-dicht-plan-2023,Almelo,Dicht plan,2023,2023,beleidsplan\n",
        encoding="utf-8",
    )
    ingestor = _ingestor(tmp_path / "home")
    report = ingestor.run([docs])

    assert report.added == ["almelo-open-plan-2023"]
    assert [Path(f["file"]).name for f in report.failed] == ["almelo-dicht-plan-2023.pdf"]
    error = report.failed[0]["error"]
    assert "beveiligd met een wachtwoord" in error and "beschadigd" not in error
    assert [d.doc_id for d in ingestor.catalog.documents()] == ["almelo-open-plan-2023"]

    retriever = HybridRetriever(ingestor.store, ingestor.embedder, ingestor.catalog, ingestor.settings)
    hits = retriever.search("taalhuizen tegen laaggeletterdheid", k=3).hits
    assert hits and hits[0].chunk.doc_id == "almelo-open-plan-2023"
    assert "taalhuizen" in hits[0].chunk.text


def test_missing_metadata_says_what_to_add(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    pdf_factory.make_text_pdf(
        docs / "rapport.pdf", [["Zomaar een tekst zonder gegevens."]], title="", author=""
    )
    report = _ingestor(tmp_path / "home").run([docs])
    assert report.added == []
    assert "manifest.csv" in report.failed[0]["error"]


def test_metadata_from_pdf_and_file_name_without_manifest(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    pdf_factory.make_text_pdf(
        docs / "leusden-kadernota-2021.pdf",
        [["1. Inleiding", "Leusden investeert in jeugd en in ondersteuning van mantelzorgers."]],
        title="Kadernota 2021",
        author="",  # the municipality then comes from the file name
    )
    ingestor = _ingestor(tmp_path / "home")
    assert ingestor.run([docs]).failed == []
    meta = ingestor.catalog.document("leusden-kadernota-2021").meta
    assert (meta.municipality, meta.year, meta.doc_type) == ("Leusden", 2021, "kadernota")


def test_opening_index_with_other_embedder_says_to_reingest(tmp_path: Path) -> None:
    docs = _small_corpus(tmp_path / "docs")
    _ingestor(tmp_path / "home", HashEmbedder(64)).run([docs])
    other = _ingestor(tmp_path / "home", HashEmbedder(32))
    with pytest.raises(EmbedderMismatchError, match="ingest --rebuild"):
        other.run([docs])


def test_a_rebuild_switches_embedder_in_place(tmp_path: Path) -> None:
    """Under the lock, with the files kept: a running server's open catalog stays valid."""
    docs = _small_corpus(tmp_path / "docs")
    first = _ingestor(tmp_path / "home", HashEmbedder(64))
    first.run([docs])
    catalog_file = first.settings.catalog_path.stat().st_ino
    rebuilt = _ingestor(tmp_path / "home", HashEmbedder(32)).run([docs], rebuild=True)
    assert rebuilt.failed == [] and rebuilt.added == ["almelo-test-plan-2022"]
    assert first.settings.catalog_path.stat().st_ino == catalog_file
    # the old reader sees the rebuilt index
    assert [d.doc_id for d in first.catalog.documents()] == ["almelo-test-plan-2022"]


def test_a_new_version_with_the_same_text_reuses_the_stored_vectors(tmp_path: Path) -> None:
    docs = _small_corpus(tmp_path / "docs")
    embedder = HashEmbedder(64)
    first = _ingestor(tmp_path / "home", embedder).run([docs])
    embedded = embedder.calls
    assert embedded == first.chunks > 0
    manifest = (docs / "manifest.csv").read_text(encoding="utf-8").replace("Testplan sociaal", "Testplan")
    (docs / "manifest.csv").write_text(manifest, encoding="utf-8")
    ingestor = _ingestor(tmp_path / "home", embedder)
    second = ingestor.run([docs])
    # The title is not part of the embedded text: a new version, and not one passage embedded.
    assert second.updated == ["almelo-test-plan-2022"] and embedder.calls == embedded
    record = ingestor.catalog.document("almelo-test-plan-2022")
    chunks, vectors = ingestor.store.chunks_with_vectors([record.version])
    assert len(chunks) == first.chunks and ingestor.store.versions() == {record.version}
    assert np.allclose(vectors, embedder.embed_passages([embedding_text(c) for c in chunks]), atol=1e-6)


def test_identical_text_is_embedded_once_per_run(tmp_path: Path) -> None:
    docs = _small_corpus(tmp_path / "docs")
    twin = docs / "almelo-test-tweeling-2022.pdf"
    shutil.copy(docs / "almelo-test-plan-2022.pdf", twin)
    with (docs / "manifest.csv").open("a", encoding="utf-8") as manifest:
        manifest.write("almelo-test-tweeling-2022,Almelo,Tweeling,2022,2022-2025,beleidsplan\n")
    embedder = HashEmbedder(64)
    report = _ingestor(tmp_path / "home", embedder).run([docs])
    assert len(report.added) == 2 and report.embedded == report.chunks
    assert embedder.calls == report.chunks // 2  # the twin's chunks have the same embedded text


def test_the_progress_bar_counts_the_bytes_of_the_run(tmp_path: Path) -> None:
    docs = _small_corpus(tmp_path / "docs")
    pdf_factory.make_corrupt_pdf(docs / "kapot.pdf")
    bars: list[tuple[str, int, list[int]]] = []

    class Bar(Progress):
        def __init__(self, label: str, total: int) -> None:
            self.steps: list[int] = []
            bars.append((label, total, self.steps))

        def update(self, n: int) -> None:
            self.steps.append(n)

    settings = Settings(home=tmp_path / "home")
    embedder = HashEmbedder(64)
    store = ChromaStore(settings, embedder)
    Ingestor(settings, embedder, store, Catalog(settings.catalog_path), progress=Bar).run([docs])
    size = sum(p.stat().st_size for p in docs.glob("*.pdf"))
    assert [(label, total) for label, total, _ in bars] == [("ingest", size)]
    assert sum(bars[0][2]) == size and len(bars[0][2]) >= 2  # one step per batch, one per failed file


def test_leftovers_are_found_in_the_journal_without_reading_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = _small_corpus(tmp_path / "docs")
    ingestor = _ingestor(tmp_path / "home")
    reads: list[int] = []
    original = ChromaStore.versions

    def counted(store: ChromaStore) -> set[str]:
        reads.append(1)
        return original(store)

    monkeypatch.setattr(ChromaStore, "versions", counted)
    # An index from before the journal: a stray version the catalog never heard of.
    stray = _chunks_of(ingestor, "almelo-weg")
    ingestor.store.add(stray, HashEmbedder(64).embed_passages([c.text for c in stray]), "oud")
    ingestor.run([docs])
    assert reads == [1] and "oud" not in ingestor.store.versions()
    reads.clear()
    # A crash between writing a version's chunks and publishing it: the journal has it.
    ingestor.catalog.expect("half")
    ingestor.store.add(stray, HashEmbedder(64).embed_passages([c.text for c in stray]), "half")
    ingestor.run([docs])
    assert reads == [] and ingestor.catalog.unpublished() == set()
    record = ingestor.catalog.document("almelo-test-plan-2022")
    assert original(ingestor.store) == {record.version}


def _chunks_of(ingestor: Ingestor, doc_id: str) -> list[Chunk]:
    return [
        Chunk(id=f"{doc_id}-{i}", doc_id=doc_id, text=f"tekst {i}", page_start=1, page_end=1)
        for i in range(2)
    ]
