"""The register over the real corpus, parsed the way ingestion parses it.

Every record's quote is verified on its page (precision of provenance 1.0); all four municipalities
have goals, indicators and commitments, and budget lines wherever their documents give euro amounts;
compare covers at least five themes across all four; and the extraction quality against the
hand-annotated sample is printed (sanity-checked only: the figures are reported, not thresholds).
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from pathlib import Path

import pytest

from assistant.amounts import find_amounts
from assistant.answering.verify import locate, verify
from assistant.lexicon import NOTE_START
from assistant.register import cues, render
from assistant.register.candidate import PRIORITY_CUE
from assistant.register.compare import compare
from assistant.register.listener import build_records
from assistant.register.models import Record
from assistant.register.store import RegisterStore
from assistant.register.themes import load_taxonomy
from assistant.settings import PROJECT_ROOT, Settings
from assistant.types import DocumentMeta, Page
from evals.register_quality import evaluate, format_report, load_gold
from ingest.manifest import load_manifest
from ingest.parse import parse_document

CORPUS = PROJECT_ROOT / "corpus"
MUNICIPALITIES = {"Almelo", "Hengelo", "Leusden", "Twenterand"}

Corpus = dict[str, tuple[DocumentMeta, list[Page], list[Record]]]


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    settings = Settings()
    manifest = load_manifest(CORPUS)
    out: Corpus = {}
    for path in sorted(CORPUS.glob("*.pdf")):
        parsed = parse_document(path, path.stem, settings)
        meta = manifest[path.stem]
        out[path.stem] = (meta, parsed.pages, build_records(meta, parsed.pages, parsed.chunks))
    return out


@pytest.fixture(scope="module")
def store(corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> RegisterStore:
    register = RegisterStore(Path(tmp_path_factory.mktemp("register")) / "register.sqlite")
    for meta, _, records in corpus.values():
        register.replace_document(meta, records)
    return register


def test_every_record_quote_is_verified_on_its_page(corpus: Corpus) -> None:
    texts = {(doc, p.number): p.text for doc, (_, pages, _) in corpus.items() for p in pages}
    checked = 0
    for doc, (_, _, records) in corpus.items():
        for record in records:
            citation = verify(doc, record.quote, [record.page], lambda d, n: texts.get((d, n)))
            assert citation is not None and citation.page == record.page, record
            assert (citation.start, citation.end) == (record.provenance.start, record.provenance.end), record
            checked += 1
            for place in record.also_at:  # a restatement carries its own verified quote
                again = verify(doc, place.quote, [place.page], lambda d, n: texts.get((d, n)))
                assert again is not None and again.page == place.page, place
                # An item repeated on one page (an activity under each subgoal) keeps its quote:
                # it must stand verbatim at this occurrence, not only at the first.
                here = locate(place.quote, texts[(doc, place.page)][place.start : place.end])
                assert again.start == place.start or here == (0, place.end - place.start), place
    assert checked > 500


def test_no_measure_is_a_note_a_description_or_only_figures(corpus: Corpus) -> None:
    """Every measure commits to something: it does not open with a footnote or table-note mark
    ("¹", "*)", "Bron:"); a measure read from a sentence names who commits (we, the college, the
    municipality), a future or a proposal, or is a promise in the passive without figures; and no
    measure is figures alone."""
    checked = sentences = 0
    for meta, _, records in corpus.values():
        for record in records:
            if record.type != "measure":
                continue
            checked += 1
            assert not NOTE_START.match(record.quote), record.quote
            assert re.search(
                r"[^\W\d]{3}", re.sub(r"\b(ca|circa|ongeveer|euro|mln|miljoen)\b", "", record.text)
            ), record.text
            if record.extra.get("priority") == PRIORITY_CUE and record.origin == "rules":
                assert cues.classify(record.text, cues.plan_year(meta), meta.municipality) == "measure", (
                    record.text
                )
                assert not cues.not_a_commitment(record.text), record.text
                sentences += 1
    assert checked > 100 and sentences > 50


def test_every_municipality_has_each_type_where_its_documents_have_it(corpus: Corpus) -> None:
    counts = Counter((meta.municipality, r.type) for meta, _, records in corpus.values() for r in records)
    print("\nrecords per municipality and type:", dict(sorted(counts.items())))
    assert {m for m, _ in counts} == MUNICIPALITIES
    for municipality in MUNICIPALITIES:
        for kind in ("goal", "indicator", "measure"):
            assert counts[(municipality, kind)] > 0, (municipality, kind)
    for municipality in MUNICIPALITIES:
        if counts[(municipality, "budget")]:
            continue
        # No budget lines is only right when the documents name no municipal euro amounts: Hengelo's
        # programme names one figure, a national total ("1,6 à 1,8 miljard euro").
        amounts = [
            value
            for meta, pages, _ in corpus.values()
            if meta.municipality == municipality
            for page in pages
            for _, value in find_amounts(page.text)
        ]
        assert all(abs(v) >= 1e9 for v in amounts), (municipality, amounts)
    assert sum(counts[(m, "budget")] > 0 for m in MUNICIPALITIES) >= 3


def test_every_record_has_a_theme_from_the_taxonomy(corpus: Corpus) -> None:
    known = {t.id for t in load_taxonomy().themes}
    for _, _, records in corpus.values():
        for record in records:
            assert record.themes and set(record.themes) <= known, record


def test_compare_covers_five_themes_across_all_four_municipalities(store: RegisterStore) -> None:
    covered = []
    for theme in load_taxonomy().themes:
        table = compare(store, theme.id)
        if set(table.municipalities) == MUNICIPALITIES and all(
            any(table.cell(row, m).items for row in table.rows) for m in table.municipalities
        ):
            covered.append(theme.id)
    print("\nthemes with entries for all four municipalities:", covered)
    assert len(covered) >= 5
    table = compare(store, covered[0])
    text = render.compare_to_text(table)
    assert all(m in text for m in MUNICIPALITIES)
    rows = list(csv.reader(io.StringIO(render.compare_to_csv(table))))
    assert rows[0][1:] == sorted(MUNICIPALITIES) and len(rows) == 5
    for row in rows[1:]:
        assert all(cell.strip() for cell in row[1:])  # an empty cell says so, it is never blank


def test_quality_on_the_annotated_sample_is_reported(corpus: Corpus) -> None:
    gold, scope = load_gold()
    gold = [g for g in gold if g["doc"] in corpus]  # the fresh split also samples the Wassenaar budgets
    records = {doc: recs for doc, (_, _, recs) in corpus.items()}
    pages = {doc: pgs for doc, (_, pgs, _) in corpus.items()}
    for split in ("dev", "heldout", "untuned", "fresh"):
        split_gold, split_scope = load_gold(split=split)
        split_gold = [g for g in split_gold if g["doc"] in corpus]
        print("\n" + split + "\n" + format_report(evaluate(split_gold, split_scope, records, pages)))
    report = evaluate(gold, scope, records, pages)
    assert report.gold_records >= 60 and report.documents >= 3
    for kind, score in report.scores.items():
        assert score.tp > 0 and score.precision > 0 and score.recall > 0, kind
