"""Parse the five corpus PDFs and check the chunks against the pages and the dev gold quotes."""

from __future__ import annotations

import importlib.util
import json
import re
import time
from pathlib import Path
from types import ModuleType

import pytest

from assistant.settings import PROJECT_ROOT
from ingest.chunking import verify_chunk
from ingest.dedupe import normalise
from ingest.parse import ParsedDocument, parse_document

CORPUS = PROJECT_ROOT / "corpus"
SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "evals"
LEUSDEN = "leusden-beleidskader-sociaal-domein-2016"
TWENTERAND = "twenterand-programma-sociaal-domein-2020"
# Gold-source coverage measured when the test was written (189/189): a floor, not a target.
MIN_COVERAGE = 0.97


@pytest.fixture(scope="module")
def corpus() -> dict[str, ParsedDocument]:
    pdfs = sorted(CORPUS.glob("*.pdf"))
    if len(pdfs) < 5:
        pytest.skip("corpus PDFs not present")
    start = time.perf_counter()
    parsed = {pdf.stem: parse_document(pdf, pdf.stem) for pdf in pdfs}
    print(f"\nparsed {len(parsed)} documents in {time.perf_counter() - start:.1f} s")
    return parsed


def _scorer() -> ModuleType | None:
    path = SHARED / "score.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location("gold_score", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_chunk_is_found_on_its_pages(corpus: dict[str, ParsedDocument]) -> None:
    for doc, parsed in corpus.items():
        numbers = {p.number for p in parsed.pages}
        for chunk in parsed.chunks:
            assert chunk.spans, (doc, chunk.id)
            assert {s.page for s in chunk.spans} <= numbers
            assert set(chunk.also_on) <= numbers
            assert chunk.page_start == min(s.page for s in chunk.spans)
            assert chunk.page_end == max(s.page for s in chunk.spans)
            for span in chunk.spans:
                assert 0 <= span.start < span.end <= len(parsed.pages[span.page - 1].text)
            assert verify_chunk(chunk, parsed.pages), (doc, chunk.id, chunk.text[:80])


def test_chunks_have_unique_ids_and_reasonable_sizes(corpus: dict[str, ParsedDocument]) -> None:
    for doc, parsed in corpus.items():
        ids = [c.id for c in parsed.chunks]
        assert len(ids) == len(set(ids)), doc
        words = sorted(len(c.text.split()) for c in parsed.chunks)
        median = words[len(words) // 2]
        print(f"{doc}: {len(words)} chunks, median {median} words, max {words[-1]}")
        assert 60 <= median <= 200 and words[-1] < 300


def _rows(text: str, labels: list[str]) -> list[str]:
    return [line for line in text.split("\n") if any(line.startswith(label) for label in labels)]


LEUSDEN_ROWS = {
    "Huidig budget begroting Sociaal Domein": ["17.246", "17.175", "17.254", "17.400"],
    "wensen beleidskader → werkbudget uitwerking beleidskader SD": ["50", "50", "50", "50"],
    "→ regie werkprocessen SD (Twijnstra en Gudde)": ["112", "112", "112", "112"],
    "Realiseren stelpost taakstelling Soc. Domein": ["175", "164", "188", "374"],
    "→ stelpost resterende ruimte Sociaal Domein": ["123", "134", "210", "24"],
    "Budget na verwerking begrotingsvoorstel": ["17.246", "17.175", "17.254", "17.400"],
    "Stand 1-1-2016 (jaarrekening 2015)": ["1.509", "1.884", "1.716", "1.578"],
    "Stand einde dienstjaar": ["1.884", "1.716", "1.578", "1.526"],
    "formatie regievoering Sociaal Domein (rapport T&G)": ["-69", "-69", "-52"],
}


def test_leusden_budget_rows_are_whole(corpus: dict[str, ParsedDocument]) -> None:
    tables = [c for c in corpus[LEUSDEN].chunks if c.kind == "table"]
    assert tables and all("x € 1 .000" in c.unit for c in tables)
    for label, values in LEUSDEN_ROWS.items():
        rows = [row for c in tables for row in _rows(c.text, [label])]
        assert rows, label
        assert all(row == " | ".join([label, *values]) for row in rows), rows
    stand = next(c for c in tables if "Stand einde dienstjaar" in c.text)
    assert 1_526_000.0 in stand.amounts_eur


TWENTERAND_ROWS = [
    # (label words, the values that must stand in the same chunk)
    ("Inzet van wettelijke regelingen (m.n. minimabeleid)", ["€ 80.000", "2023", "€ 100.000"]),
    ("Uitvoering geven aan het actieplan laaggeletterdheid", ["2020", "€ 25.000", "2021"]),
    ("Tweede jongereninloop Vriezenveen", ["2020", "€ 25.000", "2021"]),
    ("Uitrol regionale meldpunt loverboyproblematiek", ["Enschede", "2023", "€ 14.400"]),
    ("Expertisecentrum Duurzame Gezinsvormen (operationalisering en uitvoering) | s", ["2020", "€ 7.400"]),
    ("Verlenging innovatiefonds voor 1 jaar", ["€ 75.000"]),
    ("Aantal individueel ondersteunde mantelzorgers", ["250*", "450", "203*", "455", "413"]),
]


def test_twenterand_budget_rows_are_not_split(corpus: dict[str, ParsedDocument]) -> None:
    """Each proposal row (label, i/s, year, amount) sits whole in one table chunk."""
    chunks = corpus[TWENTERAND].chunks
    flat = [re.sub(r"\s+", " ", c.text) for c in chunks if c.kind == "table"]
    for label, values in TWENTERAND_ROWS:
        holders = [text for text in flat if label in text]
        assert holders, label
        for text in holders:
            tail = text[text.index(label) :]
            assert all(v in tail for v in values), (label, tail[:200])


def test_repeated_innovatiefonds_paragraph_is_indexed_once(corpus: dict[str, ParsedDocument]) -> None:
    chunks = corpus[TWENTERAND].chunks
    for phrase in (
        "heeft de gemeente Twenterand geïnvesteerd in innovatieve",
        "Het Innovatiefonds biedt vele kansen",
    ):
        holders = [c for c in chunks if c.kind == "text" and normalise(phrase) in normalise(c.text)]
        assert len(holders) == 1, phrase
        assert len(holders[0].pages) >= 4
    keys = [normalise(c.text) for c in chunks]
    assert len(keys) == len(set(keys))


def test_gold_sources_are_covered_by_some_chunk(corpus: dict[str, ParsedDocument]) -> None:
    """The ceiling for retrieval recall: a gold quote must fit in one chunk's first 300 words."""
    score = _scorer()
    gold_path = SHARED / "dev.jsonl"
    if score is None or not gold_path.exists():
        pytest.skip("shared evals not present")
    gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    sources = [s for item in gold for s in item["sources"] if s["doc"] in corpus]
    missed = [
        s
        for s in sources
        if not any(score.covers(c.text, s["quote"], 0.8, score.CHUNK_WORDS) for c in corpus[s["doc"]].chunks)
    ]
    covered = len(sources) - len(missed)
    print(f"\ngold sources covered by a chunk: {covered}/{len(sources)} = {covered / len(sources):.3f}")
    for s in missed:
        print("  missed:", s["doc"], s["page"], s["quote"][:100])
    assert covered / len(sources) >= MIN_COVERAGE
