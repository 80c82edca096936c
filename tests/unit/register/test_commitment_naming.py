"""The commitment check names a project the way a later document does: a project title by its own
name, not its theme; one of the activities a commitment lists; a word in its other form
("preventieve" for "preventief"); and words of when and how ("de eerste versie", "uit te voeren")
are no match."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.register.commitments import CommitmentItem, commitments
from assistant.register.concepts import concepts, theme_words
from assistant.register.store import RegisterStore
from assistant.settings import CommitmentSettings
from assistant.types import DocumentMeta
from tests.register_support import PageTexts, record_on

REVIEW = DocumentMeta("wijk-review-2020", "Wijk", "Midterm review", 2020, "2020", "voortgangsrapportage")
PLAN = DocumentMeta("wijk-plan-2022", "Wijk", "Beleidsplan", 2022, "2022-", "beleidsplan")

REVIEW_PAGE = (
    "Verder sluiten wij ons aan bij de gelijke kansen alliantie.\n"
    "We verwachten de eerste versie van de kaart na de zomer te kunnen gebruiken.\n"
    "Er vindt bij hen preventief huisbezoek plaats en zo nodig overleg tussen wijkcoach, JMW en ZGT.\n"
    "Ons voornemen is om deze herbeoordeling jaarlijks uit te voeren.\n"
    "Elke doelgroeppeuter krijgt VVE in de wijk.\n"
    "Voor de langere termijn wordt een prognose-tool ontwikkeld.\n"
    "Dit jaar plaatsen we twintig statushouders bij leerbedrijven.\n"
    "We sluiten aan bij het nationale actieprogramma tegen eenzaamheid.\n"
)
PLAN_PAGE = (
    "Eenzaamheid onder ouderen bestrijden we met buurtactiviteiten in de wijkaanpak.\n"
    "We dragen bij aan de ontwikkeling van talenten van jongeren in alle wijken.\n"
    "Op de kaarten hieronder staan de huishoudens per wijk van de stad.\n"
    "Het eerste jaar met betrouwbare cijfers over het gebruik van voorzieningen is 2016.\n"
    "We zetten de preventieve huisbezoeken bij inwoners die een baby verwachten voort.\n"
    "Wij voeren de toegang tot voorzieningen uit via de sociale teams en de wijkaanpak.\n"
    "We bieden een hoogwaardig aanbod voorschoolse educatie aan in elke wijk.\n"
    "Effecten zijn vaak pas op langere termijn zichtbaar en worden ontwikkeld met de wijkteams.\n"
    "Naast de doorlopende prestatie-indicatoren staat de begroting in de tabel.\n"
)


def _pages() -> PageTexts:
    return PageTexts({REVIEW.doc_id: [REVIEW_PAGE], PLAN.doc_id: [PLAN_PAGE]})


@pytest.fixture
def items(tmp_path: Path) -> dict[str, CommitmentItem]:
    store = RegisterStore(tmp_path / "register.sqlite")
    lines = REVIEW_PAGE.splitlines()
    sections = ["Coalitie tegen eenzaamheid", "Vlekkenkaart", "", "Onderzoek scootmobielen", "", "",
                "Doorlopende wijkaanpak", "Coalitie tegen eenzaamheid"]  # fmt: skip
    store.replace_document(
        REVIEW,
        [
            record_on("measure", line, REVIEW, REVIEW_PAGE, section=section)
            for line, section in zip(lines, sections, strict=True)
        ],
    )
    store.replace_document(PLAN, [record_on("goal", PLAN_PAGE.splitlines()[1], PLAN, PLAN_PAGE)])
    try:
        found = commitments(store, "Wijk", _pages(), CommitmentSettings())
    finally:
        store.close()
    return {i.record.text[:20]: i for i in found if i.record.doc_id == REVIEW.doc_id}


def test_a_theme_is_no_mention_of_a_project(items: dict[str, CommitmentItem]) -> None:
    # The title "Coalitie tegen eenzaamheid" is named by "coalitie", not by a sentence on
    # eenzaamheid; "gelijke kansen" named in passing is a theme, not the alliance.
    assert items["Verder sluiten wij o"].status == "not_mentioned"


def test_a_part_of_the_title_means_the_title(items: dict[str, CommitmentItem]) -> None:
    # "de kaart" under "Vlekkenkaart" is the vlekkenkaart; "eerste" and "gebruiken" say nothing.
    assert items["We verwachten de eer"].status == "not_mentioned"


def test_one_listed_activity_in_its_other_form_is_a_mention(items: dict[str, CommitmentItem]) -> None:
    visits = items["Er vindt bij hen pre"]
    assert visits.status == "on_schedule"
    assert visits.followups[0].quote.startswith("We zetten de preventieve huisbezoeken")


def test_a_split_verb_of_doing_is_no_match(items: dict[str, CommitmentItem]) -> None:
    # "uit te voeren" and "voeren ... uit" share the verb only.
    assert items["Ons voornemen is om "].status == "not_mentioned"


def test_a_measure_is_reworded_in_the_concept_it_is_about(items: dict[str, CommitmentItem]) -> None:
    # "doelgroeppeuter" and "VVE" both name voorschoolse educatie: the measure is about it.
    early = items["Elke doelgroeppeuter"]
    assert early.status == "on_schedule"
    assert early.followups[0].quote.startswith("We bieden een hoogwaardig aanbod voorschoolse educatie")


def test_a_law_is_no_concept_and_a_compound_of_a_concept_word_is() -> None:
    # The Participatiewet is a law about benefits, not "meedoen"; a leefstijlwijziging is lifestyle.
    assert "participatie" not in concepts("maatwerkvoorzieningen inclusief Participatiewet")
    assert "participatie" in concepts("tot meer participatie leidt")
    assert "gezondheid" in concepts("een structurele leefstijlwijziging realiseren")


def test_words_of_when_and_verbs_in_any_form_are_no_match(items: dict[str, CommitmentItem]) -> None:
    # "langere termijn" says when, "ontwikkeld" what is done: neither what the tool is.
    assert items["Voor de langere termi"[:20]].status == "not_mentioned"


def test_a_title_of_several_words_is_named_by_two(items: dict[str, CommitmentItem]) -> None:
    # "doorlopende" alone is not the "Doorlopende wijkaanpak" (a word that the plan uses more often).
    assert items["Dit jaar plaatsen we"].status == "not_mentioned"


def test_a_word_that_is_a_concept_by_itself_is_a_theme(items: dict[str, CommitmentItem]) -> None:
    # "eenzaamheid" names the theme; the later sentence on eenzaamheid is not the programme.
    assert items["We sluiten aan bij h"].status == "not_mentioned"
    assert theme_words("het actieprogramma tegen eenzaamheid en de toegang") == {"eenzaamheid", "toegang"}
    # A compound that starts with a concept word is a thing of its own.
    assert theme_words("het opstellen van de preventieagenda") == frozenset()
