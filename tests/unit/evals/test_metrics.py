"""Each metric rewards what the contract asks for and nothing else: these are the ways to fail."""

from __future__ import annotations

import pytest

from evals.matching import (
    ANSWER_WORDS,
    QUOTE_WORDS,
    answer_correct,
    citation_holds,
    quote_on,
    source_cited,
    source_rank,
)
from evals.metrics import MissingResultError, compute_metrics
from evals.results import failed_result
from tests.unit.evals.builders import chunk, cite, gold_item, result, unanswerable

LONG_SENTENCE = " ".join(f"woord{i}" for i in range(QUOTE_WORDS + 5))
PAGES = {
    (
        "doc-a",
        1,
    ): "Gemeente Almelo | Beleidsplan\nDe gemeente investeert in preven-\ntie en vroegsignalering.\n"
    "Het budget voor 2022 is € 1,2 miljoen.",
    ("doc-a", 2): "Gemeente Almelo | Beleidsplan\nWij verminderen eenzaamheid onder ouderen.\n"
    + LONG_SENTENCE,
    ("doc-a", 3): "Inleiding over jeugdhulp. "
    + "Meer over het beleid. " * 30
    + "De wachtlijsten in de jeugdhulp worden korter doordat wij",
    ("doc-a", 4): "Pagina 4\nmeer samenwerken met huisartsen en scholen.",
    ("doc-b", 1): "Tabel 1: vrij willigerswerk 120 uur per jaar",
}


# --- citation precision ---------------------------------------------------------------------


def test_verbatim_quote_holds_across_case_whitespace_and_line_end_hyphenation() -> None:
    assert citation_holds(
        cite("doc-a", 1, "De gemeente investeert in  PREVENTIE en vroegsignalering."), PAGES
    )


def test_quote_not_on_the_page_fails() -> None:
    assert not citation_holds(cite("doc-a", 1, "De gemeente investeert in sport."), PAGES)


def test_quote_on_another_page_of_the_same_document_fails() -> None:
    assert not citation_holds(cite("doc-a", 2, "De gemeente investeert in preventie"), PAGES)


def test_quote_in_another_document_fails() -> None:
    assert not citation_holds(cite("doc-b", 1, "De gemeente investeert in preventie"), PAGES)


def test_quote_over_the_word_limit_fails_even_when_verbatim() -> None:
    assert quote_on(LONG_SENTENCE, PAGES[("doc-a", 2)])
    assert not citation_holds(cite("doc-a", 2, LONG_SENTENCE), PAGES)


@pytest.mark.parametrize(
    "citation",
    [
        cite("doc-a", 9, "De gemeente"),  # no such page
        cite("doc-x", 1, "De gemeente"),  # no such document
        cite("doc-a", 1, "   "),  # empty quote
        {"doc": "doc-a", "quote": "De gemeente"},  # no page
        {"doc": "doc-a", "page": "een", "quote": "De gemeente"},  # page not a number
    ],
)
def test_malformed_or_dangling_citations_fail(citation: dict[str, object]) -> None:
    assert not citation_holds(citation, PAGES)


def test_ellipsis_fragments_must_each_be_found_in_order() -> None:
    assert citation_holds(cite("doc-a", 1, "De gemeente investeert … het budget voor 2022"), PAGES)
    assert not citation_holds(cite("doc-a", 1, "Het budget voor 2022 ... de gemeente investeert"), PAGES)


def test_words_split_by_pdf_extraction_still_match_a_joined_quote() -> None:
    assert citation_holds(cite("doc-b", 1, "vrijwilligerswerk 120 uur per jaar"), PAGES)


def test_quote_may_run_on_to_the_next_page_but_not_from_the_middle_of_a_page() -> None:
    run_on = "De wachtlijsten in de jeugdhulp worden korter doordat wij meer samenwerken met huisartsen"
    assert citation_holds(cite("doc-a", 3, run_on), PAGES)
    assert not citation_holds(
        cite("doc-a", 3, "Inleiding over jeugdhulp. meer samenwerken met huisartsen"), PAGES
    )


# --- answer correctness ---------------------------------------------------------------------


def test_answer_must_contain_every_fragment_ignoring_case_and_spacing() -> None:
    assert answer_correct("Het budget is €  1,2 MILJOEN.", ["€ 1,2 miljoen"])
    assert not answer_correct("Het budget is € 1,2 miljoen.", ["€ 1,2 miljoen", "2022"])


def test_fragment_past_the_first_150_words_does_not_count() -> None:
    padding = " ".join(["tekst"] * ANSWER_WORDS)
    assert answer_correct(f"preventie {padding}", ["preventie"])
    assert not answer_correct(f"{padding} preventie", ["preventie"])


def test_refused_answer_is_not_correct_even_when_it_holds_the_fragments() -> None:
    gold = [gold_item()]
    results = {"q1": result(answer="Niet gevonden; wel iets over preventie.", refused=True)}
    overall = compute_metrics(gold, results, PAGES).overall
    assert overall.answer_correctness == 0.0
    assert overall.false_refusal_rate == 1.0
    assert overall.answer_words_p50 is None  # refused answers are not measured


# --- retrieval recall -----------------------------------------------------------------------


def test_source_found_only_in_the_right_document() -> None:
    quote = "de gemeente investeert in preventie"
    assert source_rank("doc-a", quote, [chunk("doc-b", quote), chunk("doc-a", quote)]) == 2
    assert source_rank("doc-a", quote, [chunk("doc-b", quote)]) is None


def test_chunk_must_hold_80_percent_of_the_quote_words_within_its_first_300() -> None:
    quote = "een twee drie vier vijf zes zeven acht negen tien"
    assert source_rank("doc-a", quote, [chunk("doc-a", "een twee drie vier vijf zes zeven acht")])
    assert not source_rank("doc-a", quote, [chunk("doc-a", "een twee drie vier vijf zes zeven")])
    page_dump = " ".join(["vulling"] * 300) + " " + quote
    assert not source_rank("doc-a", quote, [chunk("doc-a", page_dump)])


def test_recall_at_k_and_mrr_follow_the_rank_of_each_source() -> None:
    quotes = ("eerste bron over preventie", "tweede bron over eenzaamheid")
    gold = [gold_item(sources=[("doc-a", 1, quotes[0]), ("doc-a", 2, quotes[1])])]
    ranked = [chunk("doc-a", f"ruis {i}") for i in range(10)]
    ranked[2] = chunk("doc-a", quotes[0])  # rank 3
    ranked[7] = chunk("doc-a", quotes[1])  # rank 8
    overall = compute_metrics(gold, {"q1": result(retrieved=ranked)}, PAGES).overall
    assert (overall.recall_at_1, overall.recall_at_5, overall.recall_at_10) == (0.0, 0.5, 1.0)
    assert overall.mrr == round(1 / 3, 4)


def test_only_the_top_five_chunks_are_measured_for_length() -> None:
    ranked = [chunk("doc-a", "kort")] * 5 + [chunk("doc-a", " ".join(["lang"] * 500))] * 5
    overall = compute_metrics([gold_item()], {"q1": result(retrieved=ranked)}, PAGES).overall
    assert overall.retrieved_words_p50 == 1


# --- citation recall ------------------------------------------------------------------------


def test_citation_of_the_wrong_document_does_not_recall_the_source() -> None:
    quote = "de gemeente investeert in preventie"
    assert not source_cited("doc-a", 1, quote, [cite("doc-b", 1, quote)])


def test_citation_recall_accepts_same_page_or_half_the_words() -> None:
    quote = "de gemeente investeert in preventie"
    assert source_cited("doc-a", 1, quote, [cite("doc-a", 1, "iets heel anders")])
    assert source_cited("doc-a", 1, quote, [cite("doc-a", 5, "de gemeente investeert")])
    assert not source_cited("doc-a", 1, quote, [cite("doc-a", 5, "gemeente sport cultuur")])


# --- refusals -------------------------------------------------------------------------------


def test_unanswerable_must_be_refused_and_its_citations_are_ignored() -> None:
    gold = [unanswerable("u1"), unanswerable("u2")]
    results = {
        "u1": result("u1", answer="Het budget is 5 miljoen.", citations=[cite("doc-a", 1, "verzonnen")]),
        "u2": result("u2", refused=True),
    }
    overall = compute_metrics(gold, results, PAGES).overall
    assert overall.refusal_accuracy == 0.5
    assert overall.citation_precision is None  # no answerable item cited anything
    assert overall.correctness_by_type == {"unanswerable": 0.5}


def test_item_without_sources_counts_as_unanswerable_whatever_its_type() -> None:
    gold = [gold_item(kind="budget", sources=())]
    overall = compute_metrics(gold, {"q1": result(refused=True)}, PAGES).overall
    assert (overall.answerable, overall.unanswerable, overall.refusal_accuracy) == (0, 1, 1.0)


# --- failures and bookkeeping ---------------------------------------------------------------


def test_failed_question_counts_as_wrong_and_not_refused() -> None:
    gold = [gold_item("q1"), unanswerable("u1")]
    results = {
        "q1": failed_result("q1", ValueError("boom"), 5.0),
        "u1": failed_result("u1", "QuestionTimeout: no answer within 1 s", 1000.0),
    }
    overall = compute_metrics(gold, results, PAGES).overall
    assert overall.failed == 2
    assert overall.answer_correctness == 0.0
    assert overall.false_refusal_rate == 0.0
    assert overall.refusal_accuracy == 0.0
    assert overall.recall_at_10 == 0.0
    assert overall.latency_p95_ms == 1000.0


def test_missing_result_is_an_error_not_a_skipped_question() -> None:
    with pytest.raises(MissingResultError):
        compute_metrics([gold_item("q1"), gold_item("q2")], {"q1": result("q1")}, PAGES)


def test_citation_precision_counts_every_citation_of_answerable_items() -> None:
    results = {
        "q1": result(
            citations=[
                cite("doc-a", 1, "De gemeente investeert in preventie"),
                cite("doc-a", 1, "De gemeente investeert in sport"),
                cite("doc-a", 2, LONG_SENTENCE),
            ]
        )
    }
    overall = compute_metrics([gold_item()], results, PAGES).overall
    assert overall.citation_precision == round(1 / 3, 4)
    assert overall.quote_words_p50 == 5


def test_latency_percentiles_use_nearest_rank() -> None:
    gold = [gold_item(f"q{i}") for i in range(1, 21)]
    results = {f"q{i}": result(f"q{i}", latency_ms=float(i)) for i in range(1, 21)}
    overall = compute_metrics(gold, results, PAGES).overall
    assert overall.latency_p50_ms == 10.5
    assert overall.latency_p95_ms == 20.0


def test_breakdowns_put_a_cross_municipality_question_under_each_municipality() -> None:
    gold = [
        gold_item("q1", municipalities=["Almelo"]),
        gold_item("q2", kind="cross", municipalities=["Almelo", "Hengelo"]),
        unanswerable("u1", municipalities=["Hengelo"]),
    ]
    results = {
        "q1": result("q1", answer="preventie"),
        "q2": result("q2", answer="niets"),
        "u1": result("u1", refused=True),
    }
    metrics = compute_metrics(gold, results, PAGES)
    assert metrics.by_municipality["Almelo"].n == 2
    assert metrics.by_municipality["Almelo"].answer_correctness == 0.5
    assert metrics.by_municipality["Hengelo"].n == 2
    assert metrics.by_municipality["Hengelo"].accuracy == 0.5
    assert set(metrics.by_type) == {"fact", "cross", "unanswerable"}
    assert metrics.by_type["fact"].answer_correctness == 1.0
    assert metrics.overall.accuracy == round(2 / 3, 4)
