"""The commitment check on reworded later documents: a new plan says "versterken zelfredzaamheid"
where the review said "redden zich zonder hulp", and "druk uitoefenen op het Rijk" for a lobby;
a compound part or a broad concept alone is no match."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.register.commitments import commitments, follow_up
from assistant.register.concepts import concepts
from assistant.register.store import RegisterStore
from assistant.settings import CommitmentSettings
from assistant.types import DocumentMeta
from tests.register_support import PageTexts, record_on

REVIEW = DocumentMeta("dorp-review-2020", "Dorp", "Midterm review", 2020, "2020", "voortgangsrapportage")
PLAN = DocumentMeta("dorp-plan-2022", "Dorp", "Beleidsplan", 2022, "2022-", "beleidsplan")

REVIEW_PAGE = (
    "In 2022 redden meer inwoners zich zonder hulp van de overheid.\n"
    "In 2022 voelen minder ouderen zich eenzaam in hun wijk.\n"
    "We blijven inzetten op een lobby voor een kostendekkende rijksbijdrage aan de gemeente.\n"
    "Vlekkenkaart\n"
    "We verwachten de vlekkenkaart na de zomer te gebruiken.\n"
    "Er vindt bij jonge ouders een preventief huisbezoek plaats door de jeugdverpleegkundige.\n"
)
PLAN_PAGE = (
    "Bevorderen zelfredzaamheid en eigen kracht: inwoners met een zelfoplossend vermogen.\n"
    "Versterken van de sociale structuren en voorzieningen in alle wijken.\n"
    "Richting het Rijk blijven we druk uitoefenen voor meer middelen in het gemeentefonds.\n"
    "Op de kaarten hieronder staan de huishoudens per wijk van de stad.\n"
    "We zetten de preventieve huisbezoeken bij aanstaande ouders voort in elke wijk.\n"
    "Sociaal isolement en eenzaamheid voorkomen we samen met de buurtteams.\n"
)


def _pages() -> PageTexts:
    return PageTexts({REVIEW.doc_id: [REVIEW_PAGE], PLAN.doc_id: [PLAN_PAGE]})


@pytest.fixture
def store(tmp_path: Path) -> RegisterStore:
    s = RegisterStore(tmp_path / "register.sqlite")
    lines = REVIEW_PAGE.splitlines()
    s.replace_document(
        REVIEW,
        [
            record_on("goal", lines[0], REVIEW, REVIEW_PAGE),
            record_on("goal", lines[1], REVIEW, REVIEW_PAGE),
            record_on("measure", lines[2], REVIEW, REVIEW_PAGE),
            record_on("measure", lines[4], REVIEW, REVIEW_PAGE, section="Vlekkenkaart"),
        ],
    )
    plan = PLAN_PAGE.splitlines()
    s.replace_document(
        PLAN,
        [record_on("goal", plan[i], PLAN, PLAN_PAGE) for i in (0, 1, 5)],
    )
    return s


def test_concepts_are_found_in_other_words() -> None:
    assert "zelfredzaamheid" in concepts("In 2022 redden meer Almeloërs zich zonder hulp van de overheid.")
    assert "zelfredzaamheid" in concepts("Versterken zelfredzaamheid (eigen kracht) van inwoners")
    assert "eenzaamheid" in concepts("het voorkomen van sociaal isolement")
    assert "werk" in concepts("na re-integratie weer aan het werk")
    assert concepts("De raad vergadert op dinsdag.") == frozenset()


def test_reworded_goals_and_measures_are_found(store: RegisterStore) -> None:
    items = {
        i.record.text[:25]: i
        for i in commitments(store, "Dorp", _pages(), CommitmentSettings())
        if i.record.doc_id == REVIEW.doc_id
    }
    helped = items["In 2022 redden meer inwon"]
    assert helped.status == "on_schedule"
    assert helped.followups[0].quote.startswith("Bevorderen zelfredzaamheid")
    lonely = items["In 2022 voelen minder oud"]
    assert lonely.followups[0].quote.startswith("Sociaal isolement en eenzaamheid")
    lobby = items["We blijven inzetten op ee"]
    assert lobby.status == "on_schedule"
    assert lobby.followups[0].quote.startswith("Richting het Rijk blijven we druk uitoefenen")
    # "kaarten" is a part of "Vlekkenkaart", not the map itself.
    assert items["We verwachten de vlekkenk"].status == "not_mentioned"


def test_without_concepts_the_reworded_goal_is_not_found(store: RegisterStore) -> None:
    settings = CommitmentSettings(concept_weight=0.0)
    items = {i.record.text[:25]: i for i in commitments(store, "Dorp", _pages(), settings)}
    assert items["In 2022 redden meer inwon"].status == "not_mentioned"


def test_a_sentence_without_a_record_is_checked_itself(store: RegisterStore) -> None:
    quote = "Er vindt bij jonge ouders een preventief huisbezoek plaats door de jeugdverpleegkundige."
    item = follow_up(store, "Dorp", REVIEW.doc_id, 1, quote, _pages())
    assert item is not None and item.status == "on_schedule"
    assert item.followups[0].quote.startswith("We zetten de preventieve huisbezoeken")
    assert follow_up(store, "Dorp", REVIEW.doc_id, 1, "Deze zin staat er niet.", _pages()) is None
