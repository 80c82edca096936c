"""The generative answerer: the model writes, the verifier decides what reaches the user."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.adapters.langchain_llm import LangChainLLM
from assistant.answering.generative import GenerativeAnswerer, parse_claims, sentences
from assistant.catalog import Catalog
from assistant.errors import LLMError
from assistant.prompts import prompt
from assistant.settings import PROJECT_ROOT, Settings
from assistant.types import Answer, Chunk, DocumentMeta, Filters, Page, SearchHit
from tests.fake_chat import FailingChat, RecordingChat

PROMPTS = PROJECT_ROOT / "prompts"
REFUSAL = prompt("refusal.txt", PROMPTS)
SENTINEL = prompt("cannot_answer_sentinel.txt", PROMPTS)

PAGE_1 = (
    "Schuldhulpverlening\n"
    "Het budget voor schuldhulpverlening bedraagt in 2024\n€ 1.250.000. "
    "De gemeente wil de wachttijd terugbrengen tot vier weken.\n"
    "Daarnaast starten wij een pilot vroegsignalering met de woningcorporaties."
)
PAGE_2 = "Tabel 3 Uitgaven jeugd (x € 1.000)\nTaakveld\n2023\n2024\nJeugdhulp\n4.200\n4.500\n"
PAGE_3 = "Participatie\nIn 2025 begeleiden wij 300 inwoners naar betaald werk."

Q_BUDGET = "Wat is het budget voor schuldhulpverlening in 2024?"
QUOTE_BUDGET = "Het budget voor schuldhulpverlening bedraagt in 2024 € 1.250.000."
QUOTE_WAIT = "De gemeente wil de wachttijd terugbrengen tot vier weken."


class FixedRetriever:
    def __init__(self, hits: list[SearchHit]) -> None:
        self.hits = hits
        self.calls: list[tuple[str, int, Filters | None]] = []

    def search(self, query: str, k: int = 10, filters: Filters | None = None) -> list[SearchHit]:
        self.calls.append((query, k, filters))
        return self.hits


class FilteringRetriever(FixedRetriever):
    """Like the real retriever, reads filters out of the question and reports them."""

    def search_with_filters(
        self, query: str, k: int = 10, filters: Filters | None = None
    ) -> tuple[list[SearchHit], Filters]:
        self.calls.append((query, k, filters))
        return self.hits, Filters(municipalities=("Testdorp",))


class CannedAnswerer:
    def __init__(self) -> None:
        self.questions: list[str] = []

    def answer(self, question: str, filters: Filters | None = None) -> Answer:
        self.questions.append(question)
        return Answer(question, "extractief antwoord", False)


@pytest.fixture()
def catalog(tmp_path: Path) -> Catalog:
    catalog = Catalog(tmp_path / "catalog.sqlite")
    meta = DocumentMeta(
        "testdorp-2024", "Testdorp", "Beleidsplan sociaal domein", 2024, "2024-2027", "beleidsplan"
    )
    pages = [Page(1, PAGE_1), Page(2, PAGE_2), Page(3, PAGE_3)]
    catalog.publish(meta, "v1", "sha", "testdorp-2024.pdf", pages, chunk_count=3)
    return catalog


def _chunk(chunk_id: str, text: str, page: int, **extra: Any) -> Chunk:
    return Chunk(id=chunk_id, doc_id="testdorp-2024", text=text, page_start=page, page_end=page, **extra)


HITS = [
    SearchHit(_chunk("c1", " ".join(PAGE_1.split("\n")[1:]), 1, section="Schuldhulpverlening"), 0.9),
    SearchHit(
        _chunk(
            "c2",
            "Jeugdhulp | 4.200 | 4.500",
            2,
            kind="table",
            table_header="Taakveld | 2023 | 2024",
            unit="x € 1.000",
        ),
        0.5,
    ),
    SearchHit(_chunk("c3", "In 2025 begeleiden wij 300 inwoners naar betaald werk.", 3), 0.4),
]


def _answerer(catalog: Catalog, chat: Any, fallback: Any = None, retriever: Any = None) -> GenerativeAnswerer:
    return GenerativeAnswerer(
        Settings(prompts_dir=PROMPTS, llm="openai"),
        retriever or FixedRetriever(HITS),
        catalog,
        LangChainLLM(chat),
        fallback=fallback,
    )


def _reply(*responses: str) -> FakeListChatModel:
    return FakeListChatModel(responses=list(responses))


def test_a_cited_answer_keeps_its_verified_citations_and_markers(catalog: Catalog) -> None:
    reply = (
        f'In 2024 is er € 1.250.000 voor schuldhulpverlening. [S1: "{QUOTE_BUDGET}"] '
        f'De gemeente wil de wachttijd terugbrengen tot vier weken. [S1: "{QUOTE_WAIT}"]'
    )
    answer, report = _answerer(catalog, _reply(reply)).answer_with_report(Q_BUDGET)

    assert not answer.refused
    assert answer.text == (
        "In 2024 is er € 1.250.000 voor schuldhulpverlening. [1] "
        "De gemeente wil de wachttijd terugbrengen tot vier weken. [2]"
    )
    assert [(c.doc, c.page, c.quote, c.chunk_id) for c in answer.citations] == [
        ("testdorp-2024", 1, QUOTE_BUDGET, "c1"),
        ("testdorp-2024", 1, QUOTE_WAIT, "c1"),
    ]
    # The offsets point at the passage on the page, which breaks the quote across a line.
    first = answer.citations[0]
    assert " ".join(PAGE_1[first.start : first.end].split()) == QUOTE_BUDGET
    assert answer.retrieved == HITS
    assert report.dropped == []


def test_markers_are_numbered_by_first_use_and_a_repeated_source_keeps_its_number(catalog: Catalog) -> None:
    reply = (
        'Aan jeugdhulp gaat in 2024 4.500 (x € 1.000) uit. [S2: "Jeugdhulp | 4.200 | 4.500"]\n'
        f'Het budget voor schuldhulpverlening is € 1.250.000 [S1: "{QUOTE_BUDGET}"].\n'
        'Voor jeugdhulp was het in 2023 4.200. [S2: "Jeugdhulp 4.200 4.500"] [S1: “' + QUOTE_BUDGET + "”]"
    )
    answer = _answerer(catalog, _reply(reply)).answer(Q_BUDGET)

    assert [c.page for c in answer.citations] == [2, 1]
    assert answer.text == (
        "Aan jeugdhulp gaat in 2024 4.500 (x € 1.000) uit. [1] "
        "Het budget voor schuldhulpverlening is € 1.250.000. [2] "
        "Voor jeugdhulp was het in 2023 4.200. [1] [2]"
    )


def test_a_claim_with_a_fabricated_quote_is_dropped(catalog: Catalog) -> None:
    reply = (
        f'Het budget is € 1.250.000. [S1: "{QUOTE_BUDGET}"] '
        'Er komt een nieuw wijkteam in elke kern. [S1: "In elke kern komt een nieuw wijkteam."]'
    )
    answer, report = _answerer(catalog, _reply(reply)).answer_with_report(Q_BUDGET)

    assert answer.text == "Het budget is € 1.250.000. [1]"
    assert len(answer.citations) == 1
    assert [c.text for c in report.dropped] == ["Er komt een nieuw wijkteam in elke kern."]


def test_a_quote_with_a_changed_number_is_fabricated_too(catalog: Catalog) -> None:
    reply = 'Het budget is € 2.500.000. [S1: "bedraagt in 2024 € 2.500.000"]'
    answer = _answerer(catalog, _reply(reply)).answer(Q_BUDGET)

    assert answer.refused


def test_all_claims_fabricated_gives_the_refusal(catalog: Catalog) -> None:
    reply = (
        'Het budget is 3 miljoen euro. [S1: "Het budget bedraagt 3 miljoen euro."] '
        'Dit staat in het coalitieakkoord. [S3: "zoals afgesproken in het coalitieakkoord"]'
    )
    answer, report = _answerer(catalog, _reply(reply)).answer_with_report(Q_BUDGET)

    assert answer.refused
    assert answer.text == REFUSAL
    assert answer.citations == []
    assert answer.retrieved == HITS
    assert len(report.dropped) == 2


@pytest.mark.parametrize("reply", [SENTINEL, f"  {SENTINEL}.\n", f'"{SENTINEL}"', f"**{SENTINEL}**"])
def test_the_cannot_answer_sentinel_gives_the_refusal(catalog: Catalog, reply: str) -> None:
    answer, report = _answerer(catalog, _reply(reply)).answer_with_report("Hoeveel kost de nieuwe brug?")

    assert answer.refused
    assert answer.text == REFUSAL
    assert report.sentinel


def test_a_sentinel_in_passing_drops_that_part_only(catalog: Catalog) -> None:
    reply = f'Het budget is € 1.250.000. [S1: "{QUOTE_BUDGET}"] Over de wachttijd: {SENTINEL} [S1]'
    answer, report = _answerer(catalog, _reply(reply)).answer_with_report(Q_BUDGET)

    assert answer.text == "Het budget is € 1.250.000. [1]"
    assert len(report.dropped) == 1


def test_a_source_without_quote_is_cited_by_its_best_matching_sentence(catalog: Catalog) -> None:
    reply = "De gemeente wil de wachttijd naar vier weken terugbrengen. [S1]"
    answer = _answerer(catalog, _reply(reply)).answer("Welke wachttijd wil de gemeente?")

    assert answer.text == "De gemeente wil de wachttijd naar vier weken terugbrengen. [1]"
    assert [c.quote for c in answer.citations] == [QUOTE_WAIT]


@pytest.mark.parametrize(
    "reply",
    [
        "De gemeente bouwt een zwembad. [S1]",  # nothing in S1 says so
        'De gemeente bouwt een zwembad. [S1: "de gemeente"]',  # a trivial quote proves nothing
        f'Het budget is € 1.250.000. [S9: "{QUOTE_BUDGET}"]',  # there is no S9
        "Het budget is € 1.250.000.",  # no source at all
        f'Het budget is € 1.250.000. [S3: "{QUOTE_BUDGET}"]',  # verbatim, but not in the cited source
    ],
)
def test_claims_without_a_holding_citation_are_dropped(catalog: Catalog, reply: str) -> None:
    answer, report = _answerer(catalog, _reply(reply)).answer_with_report(Q_BUDGET)

    assert answer.refused
    assert len(report.dropped) == 1


def test_an_uncited_sentence_after_a_cited_one_is_dropped(catalog: Catalog) -> None:
    reply = f'Het budget is € 1.250.000. [S1: "{QUOTE_BUDGET}"] Dat is veel meer dan vorig jaar.'
    answer, report = _answerer(catalog, _reply(reply)).answer_with_report(Q_BUDGET)

    assert answer.text == "Het budget is € 1.250.000. [1]"
    assert [c.text for c in report.dropped] == ["Dat is veel meer dan vorig jaar."]


def test_an_llm_error_falls_back_to_the_extractive_answer(catalog: Catalog) -> None:
    fallback = CannedAnswerer()
    answer, report = _answerer(catalog, FailingChat(responses=[]), fallback).answer_with_report(Q_BUDGET)

    assert answer.text == "extractief antwoord"
    assert fallback.questions == [Q_BUDGET]
    assert report.fell_back


def test_an_llm_error_without_fallback_raises_llm_error(catalog: Catalog) -> None:
    with pytest.raises(LLMError, match="BELEID_LLM_BASE_URL"):
        _answerer(catalog, FailingChat(responses=[])).answer(Q_BUDGET)


def test_the_prompt_holds_the_numbered_sources_and_the_question(catalog: Catalog) -> None:
    chat = RecordingChat(responses=[SENTINEL])
    _answerer(catalog, chat).answer(Q_BUDGET)

    [(system, user)] = chat.seen
    assert SENTINEL in system.content
    assert '[S2: "' in system.content  # the citation format is spelled out
    assert Q_BUDGET in user.content
    assert "[S1] Testdorp, Beleidsplan sociaal domein (2024-2027) | blz. 1 | sectie: Schuldhulpverlening" in (
        user.content
    )
    assert "[S2] " in user.content and "Jeugdhulp | 4.200 | 4.500" in user.content
    assert "tabel: Taakveld | 2023 | 2024 x € 1.000" in user.content
    assert "[S3] " in user.content and "300 inwoners" in user.content
    assert "{" not in system.content + user.content  # every placeholder was filled


def test_it_uses_the_retrievers_filter_reading_and_reports_the_applied_filters(catalog: Catalog) -> None:
    retriever = FilteringRetriever(HITS)
    reply = f'Het budget is € 1.250.000. [S1: "{QUOTE_BUDGET}"]'
    answer = _answerer(catalog, _reply(reply), retriever=retriever).answer(Q_BUDGET + " In Testdorp")

    assert retriever.calls == [(Q_BUDGET + " In Testdorp", 10, None)]
    assert answer.filters == Filters(municipalities=("Testdorp",))


def test_nothing_retrieved_refuses_without_asking_the_model(catalog: Catalog) -> None:
    chat = RecordingChat(responses=["mag niet gevraagd worden"])
    answer = _answerer(catalog, chat, retriever=FixedRetriever([])).answer(Q_BUDGET)

    assert answer.refused and answer.text == REFUSAL
    assert chat.seen == []


def test_parse_claims_reads_quotes_punctuation_and_multiple_sources() -> None:
    claims = parse_claims(
        '- Eerste bewering [S1: "citaat met ] haak"].\n'
        "- Tweede bewering. [S2: „typografisch citaat”] [S3]\n"
        "Derde, zonder citaat [S1, S2]"
    )

    assert [c.text for c in claims] == ["Eerste bewering.", "Tweede bewering.", "Derde, zonder citaat"]
    assert [(r.source, r.quote) for r in claims[0].refs] == [(1, "citaat met ] haak")]
    assert [(r.source, r.quote) for r in claims[1].refs] == [(2, "typografisch citaat"), (3, None)]
    assert [(r.source, r.quote) for r in claims[2].refs] == [(1, None), (2, None)]


def test_sentences_splits_running_text_and_keeps_table_rows_whole() -> None:
    text = _chunk("t", "Eerste zin over 2024. Tweede zin, met € 5.\n\nKopje", 1)
    table = _chunk("r", "A | 1. | 2\nB | 3 | 4", 1, kind="table")

    assert sentences(text) == ["Eerste zin over 2024.", "Tweede zin, met € 5.", "Kopje"]
    assert sentences(table) == ["A | 1. | 2", "B | 3 | 4"]
