"""The real embedding model and the real Chroma, end to end over a real policy document."""

from __future__ import annotations

import shutil

import pytest

from assistant.factory import build_assistant
from assistant.settings import PROJECT_ROOT, Settings
from assistant.types import Filters

pytestmark = pytest.mark.slow

DOC = "almelo-midterm-review-programma-zorg-2020"


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory):
    from assistant.catalog import Catalog
    from assistant.embedders import make_embedder
    from assistant.factory import build_store
    from ingest.pipeline import Ingestor

    root = tmp_path_factory.mktemp("e2e")
    docs = root / "docs"
    docs.mkdir()
    shutil.copy(PROJECT_ROOT / "corpus" / f"{DOC}.pdf", docs)
    shutil.copy(PROJECT_ROOT / "corpus" / "manifest.csv", docs)
    settings = Settings(home=root / "home")
    embedder = make_embedder(settings)
    report = Ingestor(
        settings, embedder, build_store(settings, embedder), Catalog(settings.catalog_path)
    ).run([docs])
    assert report.failed == [] and report.added == [DOC]
    return build_assistant(settings, embedder)


def test_real_model_answers_with_a_verified_citation(assistant) -> None:
    answer = assistant.ask("Wat heeft de herbeoordeling van verstrekte scootmobielen in 2019 opgeleverd?")
    assert not answer.refused
    assert "scootmobiel" in answer.text.lower()
    assert answer.citations and all(c.doc == DOC for c in answer.citations)
    for citation in answer.citations:
        page = assistant.page(citation.doc, citation.page).text
        assert page[citation.start : citation.end].split() == citation.quote.replace("|", " ").split() or (
            citation.quote.split()[0] in page
        )


def test_real_model_dense_search_finds_the_passage_without_shared_words(assistant) -> None:
    # English question, Dutch document: only the multilingual model can bridge that.
    hits = assistant.search("mobility scooters reassessment result", k=5, filters=Filters())
    assert any("scootmobiel" in h.chunk.text.lower() for h in hits)


def test_real_model_refuses_what_the_document_does_not_say(assistant) -> None:
    answer = assistant.ask("Hoeveel kost een nieuwe ijsbaan in het centrum van Almelo?")
    assert answer.refused
    assert answer.citations == []
