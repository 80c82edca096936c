"""Our metrics equal the reference scorer's on the same inputs, key for key and digit for digit."""

from __future__ import annotations

import importlib.util
import json
import random
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from evals.gold import GoldItem, load_gold, parse_gold_item
from evals.metrics import compute_metrics
from evals.pages import pages_from_jsonl_dir, pages_from_pdfs
from evals.results import failed_result, write_results
from tests.unit.evals.builders import chunk, cite, result

ROOT = Path(__file__).resolve().parents[3]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "evals" / "score.py"
SHARED_PAGES = SHARED / "corpus" / "pages"


@pytest.fixture(scope="module")
def scorer() -> ModuleType:
    if not SCORER.exists():
        pytest.skip(f"reference scorer not found at {SCORER} (the shared folder is not shipped)")
    spec = importlib.util.spec_from_file_location("reference_score", SCORER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _agree(scorer: ModuleType, gold: list[GoldItem], results: dict[str, Any], pages: dict[Any, str]) -> None:
    ours = compute_metrics(gold, results, pages)
    reference = scorer.score([g.to_json() for g in gold], results, pages)
    assert ours.overall.scorer_view() == reference
    # A slice is scored exactly as the scorer would score that subset on its own.
    for municipality, metrics in ours.by_municipality.items():
        subset = [g.to_json() for g in gold if municipality in g.municipalities]
        assert metrics.scorer_view() == scorer.score(subset, results, pages), municipality


PAGES = {
    ("plan", 1): "Gemeente X | Plan\nWij investeren in preven-\ntie. Het budget is € 2,5 miljoen per jaar.",
    ("plan", 2): "Gemeente X | Plan\nDoel 1: minder eenzaamheid. Doel 2: meer mantelzorgondersteuning. " * 3
    + "De toegang tot zorg wordt",
    ("plan", 3): "Pagina 3\neenvoudiger voor alle inwoners.",
    ("nota", 1): "Tabel | Jeugd | 1.200 | Wmo | 3.400\nvrij willigerswerk 40 uur",
}
GOLD = [
    {
        "id": "f1",
        "question": "Budget?",
        "answer": "",
        "type": "budget",
        "municipalities": ["X"],
        "sources": [{"doc": "plan", "page": 1, "quote": "Het budget is € 2,5 miljoen per jaar"}],
        "must_contain": ["2,5 miljoen"],
    },
    {
        "id": "g1",
        "question": "Doelen?",
        "answer": "",
        "type": "goal",
        "municipalities": ["X", "Y"],
        "sources": [
            {"doc": "plan", "page": 2, "quote": "Doel 1: minder eenzaamheid"},
            {"doc": "plan", "page": 2, "quote": "Doel 2: meer mantelzorgondersteuning"},
        ],
        "must_contain": ["eenzaamheid", "mantelzorg"],
    },
    {
        "id": "t1",
        "question": "Tabel?",
        "answer": "",
        "type": "table",
        "municipalities": ["Y"],
        "sources": [{"doc": "nota", "page": 1, "quote": "Wmo 3.400"}],
        "must_contain": ["3.400"],
    },
    {
        "id": "c1",
        "question": "Toegang?",
        "answer": "",
        "type": "cross",
        "municipalities": ["X"],
        "sources": [{"doc": "plan", "page": 2, "quote": "De toegang tot zorg wordt eenvoudiger"}],
        "must_contain": ["eenvoudiger"],
    },
    {
        "id": "u1",
        "question": "Onbekend?",
        "answer": "",
        "type": "unanswerable",
        "municipalities": ["Y"],
        "sources": [],
        "must_contain": [],
    },
    {
        "id": "u2",
        "question": "Onbekend 2?",
        "answer": "",
        "type": "unanswerable",
        "municipalities": ["X"],
        "sources": [],
        "must_contain": [],
    },
]


def test_agrees_on_a_fixture_touching_every_rule(scorer: ModuleType) -> None:
    gold = [parse_gold_item(g) for g in GOLD]
    padding = " ".join(["woord"] * 160)
    results = {
        "f1": result(
            "f1",
            answer="Het budget is € 2,5 miljoen [1].",
            latency_ms=12.3,
            citations=[
                cite("plan", 1, "Wij investeren in preventie."),
                cite("plan", 1, "Het budget is € 2,5 miljoen per jaar"),
            ],
            retrieved=[
                chunk("nota", "Het budget is € 2,5 miljoen per jaar"),
                chunk("plan", "Het budget is € 2,5 miljoen per jaar"),
            ],
        ),
        "g1": result(
            "g1",
            answer=f"{padding} eenzaamheid mantelzorg",
            latency_ms=40.0,
            citations=[
                cite("plan", 2, "Doel 1: minder eenzaamheid … Doel 2: meer"),
                cite("plan", 2, "Doel 2 … Doel 1"),
                cite("plan", 2, padding),
            ],
            retrieved=[chunk("plan", f"r{i}") for i in range(6)]
            + [chunk("plan", "Doel 1: minder eenzaamheid Doel 2: meer mantelzorgondersteuning")],
        ),
        "t1": result(
            "t1",
            answer="Wmo: 3.400",
            refused=True,
            latency_ms=3.0,
            citations=[cite("nota", 1, "vrijwilligerswerk 40 uur")],
            retrieved=[chunk("nota", "Tabel Wmo 3.400")],
        ),
        "c1": result(
            "c1",
            answer="Het wordt eenvoudiger.",
            latency_ms=8.0,
            citations=[cite("plan", 2, "De toegang tot zorg wordt eenvoudiger voor alle inwoners")],
            retrieved=[chunk("plan", "De toegang tot zorg wordt eenvoudiger", page=2)],
        ),
        "u1": result("u1", refused=True, latency_ms=1.0, citations=[cite("plan", 9, "nergens")]),
        "u2": dict(failed_result("u2", TimeoutError("too slow"), 5000.0)),
    }
    _agree(scorer, gold, results, PAGES)


def _synthetic_results(gold: list[GoldItem], pages: dict[tuple[str, int], str], seed: int) -> dict[str, Any]:
    """Plausible good and bad answers for the real dev set: right and wrong quotes, pages, docs."""
    rng = random.Random(seed)
    keys = sorted(pages)

    def window(key: tuple[str, int], n: int) -> str:
        tokens = pages[key].split()
        start = rng.randrange(max(1, len(tokens) - n))
        return " ".join(tokens[start : start + n])

    results: dict[str, Any] = {}
    for item in gold:
        if rng.random() < 0.05:
            results[item.id] = dict(failed_result(item.id, RuntimeError("boom"), rng.uniform(1, 900)))
            continue
        citations, retrieved = [], []
        for source in item.sources:
            quote = source.quote
            variant = rng.choice(["exact", "head", "page+1", "doc", "ellipsis", "window"])
            if variant == "head":
                quote = " ".join(quote.split()[: max(2, len(quote.split()) // 2)])
            elif variant == "ellipsis":
                parts = quote.split()
                quote = " ".join(parts[:3]) + " … " + " ".join(parts[-3:])
            elif variant == "window":
                quote = window((source.doc, source.page), rng.choice([20, 90]))
            page = source.page + (variant == "page+1")
            doc = rng.choice([k[0] for k in keys]) if variant == "doc" else source.doc
            citations.append({"doc": doc, "page": page, "quote": quote})
            retrieved.append(
                chunk(source.doc, rng.choice([source.quote, window((source.doc, source.page), 60)]))
            )
        retrieved += [chunk(k[0], window(k, rng.choice([40, 400]))) for k in rng.sample(keys, 10)]
        rng.shuffle(retrieved)
        answer = rng.choice(
            [item.answer, " ".join(item.must_contain), "", " ".join(["x"] * 200) + item.answer]
        )
        results[item.id] = result(
            item.id,
            answer=answer,
            refused=rng.random() < 0.15,
            citations=citations,
            retrieved=retrieved,
            latency_ms=round(rng.uniform(1, 2000), 1),
        )
    return results


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_agrees_on_the_dev_set_with_synthetic_answers(scorer: ModuleType, seed: int) -> None:
    if not SHARED_PAGES.exists():
        pytest.skip(f"scorer page texts not found at {SHARED_PAGES}")
    gold = load_gold(ROOT / "evals" / "dev.jsonl")
    pages = pages_from_jsonl_dir(SHARED_PAGES)
    _agree(scorer, gold, _synthetic_results(gold, pages, seed), pages)


def test_the_scorer_accepts_the_results_file_we_write(
    scorer: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = [parse_gold_item(g) for g in GOLD]
    gold_path = tmp_path / "gold.jsonl"
    gold_path.write_text("".join(json.dumps(g) + "\n" for g in GOLD), encoding="utf-8")
    pages_dir = tmp_path / "pages"
    pages_dir.mkdir()
    with (pages_dir / "all.jsonl").open("w", encoding="utf-8") as out:
        for (doc, page), text in PAGES.items():
            out.write(json.dumps({"doc": doc, "page": page, "text": text}) + "\n")
    rows = [failed_result(g.id, "TimeoutError: no answer", 10.0) for g in gold]
    results_path = write_results(tmp_path / "results.jsonl", rows)

    assert scorer.main([str(gold_path), str(results_path), "--pages", str(pages_dir), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == compute_metrics(gold, {r["id"]: r for r in rows}, PAGES).overall.scorer_view()


def test_pypdf_page_texts_are_the_scorers_page_texts() -> None:
    """Why `pages_from_pdfs` is what the runner scores against: it reproduces the scorer's pages."""
    if not SHARED_PAGES.exists():
        pytest.skip(f"scorer page texts not found at {SHARED_PAGES}")
    pdfs = sorted((ROOT / "corpus").glob("*.pdf"))
    assert pdfs, "the demo corpus is missing"
    assert pages_from_pdfs(pdfs) == pages_from_jsonl_dir(SHARED_PAGES)
