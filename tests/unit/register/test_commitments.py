"""The commitment check on tiny documents: which later sentence is about a commitment, and the
status its wording gives (realised, on schedule, delayed, dropped) or not mentioned."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from assistant.answering.verify import locate
from assistant.register.commitments import CommitmentItem, commitments
from assistant.register.store import RegisterStore
from assistant.settings import CommitmentSettings
from assistant.types import DocumentMeta
from tests.register_support import PageTexts, record_on

PLAN = DocumentMeta("stad-plan-2020", "Stad", "Plan", 2020, "2020-2023", "beleidsplan")
LATER = DocumentMeta("stad-plan-2022", "Stad", "Nieuw plan", 2022, "2022-", "beleidsplan")
REVIEW = DocumentMeta("stad-review-2020", "Stad", "Midterm review", 2020, "2020", "voortgangsrapportage")

PLAN_PAGE = (
    "Doel 1: minder eenzaamheid onder ouderen.\n"
    "We starten met de Doorbraakmethode voor gezinnen.\n"
    "We stellen een preventieagenda op.\n"
    "We bieden een blijverslening aan.\n"
    "We breiden de pubercoach uit.\n"
    "We openen een vlekkenkaart voor zorglocaties.\n"
)
LATER_PAGES = [
    "1 Minder eenzaamheid bij ouderen en mantelzorgers in alle wijken.\n"
    "Gezinnen krijgen hulp volgens de Doorbraakmethode in twee wijken. "
    "Dit project verloopt conform planning.\n"
    "De preventieagenda is in 2021 door de raad vastgesteld.\n",
    "De blijverslening loopt vertraging op door de coronamaatregelen.\n"
    "Het college heeft besloten om geen extra uren voor de pubercoach in te zetten.\n",
]


@pytest.fixture
def store(tmp_path: Path) -> RegisterStore:
    s = RegisterStore(tmp_path / "register.sqlite")
    lines = PLAN_PAGE.splitlines()
    s.replace_document(
        PLAN,
        [
            record_on(
                "goal", "minder eenzaamheid onder ouderen.", PLAN, PLAN_PAGE, number="1", level="strategic"
            )
        ]
        + [record_on("measure", line, PLAN, PLAN_PAGE) for line in lines[1:]],
    )
    s.replace_document(LATER, [record_on("measure", "De preventieagenda is in 2021 door de raad vastgesteld.",
                                       LATER, LATER_PAGES[0])])  # fmt: skip
    return s


def _by_text(items: Sequence[CommitmentItem]) -> dict[str, CommitmentItem]:
    return {i.record.text: i for i in items if i.record.doc_id == PLAN.doc_id}


def test_each_commitment_gets_the_status_the_later_statement_reports(store: RegisterStore) -> None:
    pages = PageTexts({LATER.doc_id: LATER_PAGES})
    items = _by_text(commitments(store, "stad", pages, CommitmentSettings(min_score=0.3)))
    status = {text[:30]: item.status for text, item in items.items()}
    assert status == {
        "minder eenzaamheid onder ouder": "on_schedule",
        "We starten met de Doorbraakmet": "on_schedule",
        "We stellen een preventieagenda": "realised",
        "We bieden een blijverslening a": "delayed",
        "We breiden de pubercoach uit": "dropped",
        "We openen een vlekkenkaart voo": "not_mentioned",
    }
    # The status sentence after the statement joins its quote, which stands verbatim on the page.
    doorbraak = items["We starten met de Doorbraakmethode voor gezinnen"].followups[0]
    assert doorbraak.quote.endswith("Dit project verloopt conform planning.")
    for item in items.values():
        for f in item.followups:
            assert locate(f.quote, LATER_PAGES[f.page - 1]) is not None, f.quote
    assert items["We openen een vlekkenkaart voor zorglocaties"].followups == ()
    # The goal is found under its own number and title.
    goal = items["minder eenzaamheid onder ouderen"].followups[0]
    assert goal.quote.startswith("1 Minder eenzaamheid bij ouderen")


def test_negation_and_threshold(store: RegisterStore) -> None:
    pages = PageTexts({LATER.doc_id: ["De preventieagenda is nog niet vastgesteld door de raad.\n"]})
    items = _by_text(commitments(store, "Stad", pages))
    assert items["We stellen een preventieagenda op"].status == "delayed"  # "nog niet vastgesteld"
    # Common words alone ("agenda", "raad") do not make a statement about the preventieagenda.
    vague = PageTexts({LATER.doc_id: ["De agenda van de raad is nog niet vastgesteld.\n"]})
    assert _by_text(commitments(store, "Stad", vague))["We stellen een preventieagenda op"].status == (
        "not_mentioned"
    )


def test_latest_documents_have_no_later_one_and_a_review_of_the_same_year_is_later(
    store: RegisterStore,
) -> None:
    later = [i for i in commitments(store, "Stad") if i.record.doc_id == LATER.doc_id]
    assert [i.status for i in later] == ["no_later"]
    review_text = "De blijverslening is afgerond en gerealiseerd.\n"
    store.replace_document(REVIEW, [record_on("goal", "De blijverslening is afgerond en gerealiseerd.",
                                            REVIEW, review_text)])  # fmt: skip
    items = _by_text(commitments(store, "Stad", PageTexts({REVIEW.doc_id: [review_text]})))
    assert items["We bieden een blijverslening aan"].status == "realised"


def test_without_page_texts_the_later_records_are_the_statements(store: RegisterStore) -> None:
    items = _by_text(commitments(store, "Stad"))
    agenda = items["We stellen een preventieagenda op"]
    assert agenda.status == "realised" and agenda.followups[0].record_id
    assert items["We bieden een blijverslening aan"].status == "not_mentioned"
