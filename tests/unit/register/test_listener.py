"""The register follows ingestion: rebuilt per published document, removed on prune, healed by sync."""

from __future__ import annotations

from pathlib import Path

from assistant.catalog import Catalog
from assistant.embedders.hashing import HashEmbedder
from assistant.protocols import DocumentListener
from assistant.register.listener import RegisterListener, fingerprint, sync
from assistant.register.store import RegisterStore
from assistant.settings import Settings
from ingest.pipeline import Ingestor
from tests import pdf_factory
from tests.fakes import MemoryStore
from tests.unit.register.conftest import document, meta

TEXT = (
    "3.3 Strategische doelen\nWe formuleren de volgende strategische doelen:\n"
    "1 Minder inwoners met schulden\n"
    "Toelichting op dit doel.\nWe gaan in 2021 starten met vroegsignalering van schulden."
)


def _publish(catalog: Catalog, doc_meta, pages) -> None:
    catalog.publish(doc_meta, "v1", "sha", f"/corpus/{doc_meta.doc_id}.pdf", pages, 1)


def test_published_and_removed(tmp_path: Path) -> None:
    store = RegisterStore(tmp_path / "register.sqlite")
    listener = RegisterListener(store)
    doc_meta, pages, chunks = document([TEXT], ["3.3 Strategische doelen"])
    listener.published(doc_meta, pages, chunks)
    kinds = sorted(r.type for r in store.query())
    assert kinds == ["goal", "measure"]
    assert store.fingerprint(doc_meta.doc_id) == fingerprint(doc_meta, pages)
    assert all(r.themes for r in store.query())
    listener.removed(doc_meta.doc_id)
    assert store.query() == [] and store.documents() == []


def test_sync_rebuilds_a_lost_register_and_drops_documents_no_longer_live(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path / "catalog.sqlite")
    doc_meta, pages, chunks = document([TEXT], ["3.3 Strategische doelen"])
    _publish(catalog, doc_meta, pages)
    other = meta("oud-plan-2015", "Testgem", 2015)
    _publish(catalog, other, pages)
    calls: list[str] = []

    def chunks_for(record):
        calls.append(record.doc_id)
        return [c for c in chunks] if record.doc_id == doc_meta.doc_id else []

    store = RegisterStore(tmp_path / "register.sqlite")
    first = sync(catalog, store, chunks_for)
    assert set(first.rebuilt) == {doc_meta.doc_id, other.doc_id} and first.failed == []
    assert len(store.query(doc_id=doc_meta.doc_id)) == 2

    again = sync(catalog, store, chunks_for)
    assert again.rebuilt == [] and set(again.unchanged) == {doc_meta.doc_id, other.doc_id}

    catalog.remove(other.doc_id)
    store.close()
    (tmp_path / "register.sqlite").unlink()  # the register file is lost
    healed_store = RegisterStore(tmp_path / "register.sqlite")
    healed = sync(catalog, healed_store, chunks_for)
    assert healed.rebuilt == [doc_meta.doc_id]
    assert [d.meta.doc_id for d in healed_store.documents()] == [doc_meta.doc_id]


def test_ingestion_with_the_listener_fills_the_register(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    pdf_factory.make_text_pdf(
        corpus / "testgem-plan-2022.pdf",
        [
            [
                "Doelen",
                "Onze ambitie is dat alle inwoners van Testgem kunnen meedoen in de samenleving.",
                "We gaan in 2022 starten met een preventieagenda samen met de GGD.",
            ]
        ],
        title="Testplan",
    )
    (corpus / "manifest.csv").write_text(
        "slug,municipality,title,year,period,doc_type\ntestgem-plan-2022,Testgem,Testplan,2022,2022-2025,beleidsplan\n",
        encoding="utf-8",
    )
    settings = Settings(home=tmp_path / "home")
    catalog = Catalog(settings.catalog_path)
    register = RegisterStore(settings.register_path)
    ingestor = Ingestor(
        settings, HashEmbedder(32), MemoryStore(), catalog, listeners=[RegisterListener(register)]
    )
    report = ingestor.run([corpus])
    assert report.added == ["testgem-plan-2022"]
    assert {r.type for r in register.query(municipality="Testgem")} == {"goal", "measure"}
    register.remove_document("testgem-plan-2022")  # as if the register file were lost
    healed = ingestor.run([corpus])
    assert healed.unchanged == ["testgem-plan-2022"] and register.query(municipality="Testgem")
    (corpus / "testgem-plan-2022.pdf").unlink()
    ingestor.run([corpus], prune=True)
    assert register.query() == []


def test_the_register_listener_is_a_document_listener(tmp_path: Path) -> None:
    listener: DocumentListener = RegisterListener(RegisterStore(tmp_path / "register.sqlite"))
    assert listener.reconcile(Catalog(tmp_path / "catalog.sqlite"), MemoryStore()) == []
