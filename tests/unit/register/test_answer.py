"""Register-aware answering: comparing questions from the register with citations, the rest falls back."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from assistant.catalog import Catalog
from assistant.evidence import CatalogEvidence
from assistant.protocols import TextSink
from assistant.register.answer import RegisterAnswerer
from assistant.register.listener import RegisterListener
from assistant.register.store import RegisterStore
from assistant.types import Answer, Filters
from tests.unit.register.conftest import document, meta

ALMELO = (
    "Strategische doelen\nWe formuleren de volgende strategische doelen:\n"
    "1 Minder inwoners met problematische schulden\nToelichting bij het doel.\n"
    "Voor schuldhulpverlening stelt het college een budget van € 250.000 per jaar beschikbaar."
)
HENGELO = (
    "Maatschappelijke doelen:\n- 1. In 2024 hebben minder inwoners problematische schulden\n"
    "- 2. In 2024 zijn minder inwoners eenzaam"
)


class Fallback:
    def __init__(self) -> None:
        self.questions: list[str] = []

    def answer(
        self,
        question: str,
        filters: Filters | None = None,
        on_text: TextSink | None = None,
        said: Sequence[str] = (),
    ) -> Answer:
        self.questions.append(question)
        return Answer(question=question, text="fallback", refused=False)


@pytest.fixture
def answerer(tmp_path: Path) -> tuple[RegisterAnswerer, Fallback]:
    catalog = Catalog(tmp_path / "catalog.sqlite")
    store = RegisterStore(tmp_path / "register.sqlite")
    listener = RegisterListener(store)
    for text, doc_meta in (
        (ALMELO, meta("almelo-plan-2022", "Almelo")),
        (HENGELO, meta("hengelo-plan-2021", "Hengelo", 2021)),
    ):
        m, pages, chunks = document([text], doc=doc_meta)
        catalog.publish(m, "v1", "sha", "/x.pdf", pages, len(chunks))
        listener.published(m, pages, chunks)
    fallback = Fallback()
    return RegisterAnswerer(store, fallback, CatalogEvidence(catalog)), fallback


def test_a_comparing_question_is_answered_from_the_register(answerer) -> None:
    register, fallback = answerer
    answer = register.answer("Welke gemeenten hebben een doel voor schuldhulp, en met welk budget?")
    assert fallback.questions == []
    assert not answer.refused and answer.citations
    assert "Almelo" in answer.text and "Hengelo" in answer.text
    assert "geen begrotingsregels" in answer.text  # Hengelo: said, not left out
    kinds = {(row["gemeente"], row["type"]) for row in answer.table}
    assert ("Almelo", "begrotingsregel") in kinds and ("Hengelo", "doel") in kinds
    for citation in answer.citations:
        assert citation.page == 1 and citation.start >= 0
    assert answer.to_json()["table"]


def test_questions_the_register_does_not_fit_go_to_the_fallback(answerer) -> None:
    register, fallback = answerer
    register.answer("Wat is de Doorbraakmethode?")
    register.answer("Welke doelen heeft Almelo voor schulden?")  # one municipality: the extractive answerer
    register.answer("Welke gemeenten hebben een doel voor schuldhulp?", Filters(docs=("almelo-plan-2022",)))
    # "gemeenten" in general, one municipality asked about: nothing to compare.
    register.answer("Welke doelen moeten gemeenten voor schulden stellen, en welke aanpak kiest Almelo?")
    assert len(fallback.questions) == 4


def test_the_fit_names_types_theme_and_municipalities(answerer) -> None:
    register, _ = answerer
    query = register.fits("Vergelijk de budgetten en doelen voor armoede van Almelo en Hengelo")
    assert query is not None
    assert set(query.types) == {"goal", "budget"} and query.theme == "armoede-schulden"
    assert query.municipalities == ("Almelo", "Hengelo")


class Refusing(Fallback):
    def answer(
        self,
        question: str,
        filters: Filters | None = None,
        on_text: TextSink | None = None,
        said: Sequence[str] = (),
    ) -> Answer:
        self.questions.append(question)
        return Answer(question=question, text="niet gevonden", refused=True)


def test_two_named_municipalities_without_overview_cue_get_passages_first(answerer) -> None:
    register, fallback = answerer
    streamed: list[str] = []
    answer = register.answer("Wat willen Almelo en Hengelo doen tegen schulden?", on_text=streamed.append)
    assert fallback.questions == ["Wat willen Almelo en Hengelo doen tegen schulden?"]
    assert answer.text == "fallback" and streamed == ["fallback"]


def test_the_register_answers_when_the_passages_do_not(answerer) -> None:
    register, _ = answerer
    refusing = Refusing()
    register.fallback = refusing
    answer = register.answer("Wat willen Almelo en Hengelo doen tegen schulden?")
    assert refusing.questions and not answer.refused
    assert "Almelo" in answer.text and "Hengelo" in answer.text and answer.citations
