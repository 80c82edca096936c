"""An eval run end to end with fake systems: results, metrics, report and figures on disk."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.embedders.hashing import HashEmbedder
from assistant.types import Answer, Chunk, Citation, SearchHit
from evals.cli_support import run_eval_command
from evals.naive import NaiveRAG
from evals.pages import pages_from_pdfs
from evals.results import read_results
from evals.runner import run_eval
from tests.unit.evals.pdfs import write_text_pdf

DOC = "almelo-plan-2022"
PAGES = [
    ["Doelen", "Wij verminderen eenzaamheid onder ouderen met buurtcirkels."],
    ["Budget", "Het budget voor schuldhulp is 2,5 miljoen euro per jaar."],
]
GOLD = [
    (
        "q1",
        "goal",
        1,
        "Wij verminderen eenzaamheid onder ouderen",
        ["eenzaamheid"],
        "Hoe gaat Almelo eenzaamheid tegen?",
    ),
    (
        "q2",
        "budget",
        2,
        "Het budget voor schuldhulp is 2,5 miljoen euro",
        ["2,5 miljoen"],
        "Wat is het budget?",
    ),
    ("q3", "budget", 2, "Het budget voor schuldhulp is 2,5 miljoen euro", ["2,5 miljoen"], "boem"),
    ("q4", "goal", 1, "Wij verminderen eenzaamheid onder ouderen", ["eenzaamheid"], "traag"),
]


def _gold_file(path: Path) -> Path:
    lines = [
        {
            "id": i,
            "question": q,
            "answer": "",
            "type": t,
            "sources": [{"doc": DOC, "page": p, "quote": s}],
            "must_contain": m,
            "municipalities": ["Almelo"],
        }
        for i, t, p, s, m, q in GOLD
    ]
    lines.append(
        {
            "id": "u1",
            "question": "Wat kost een paspoort?",
            "answer": "",
            "type": "unanswerable",
            "sources": [],
            "must_contain": [],
            "municipalities": ["Almelo"],
        }
    )
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    return path


class FakeAssistant:
    """Answers from the PDF text it was given; raises on 'boem'; hangs on 'traag' until released."""

    def __init__(self, release: threading.Event) -> None:
        self.embedder = HashEmbedder(64)
        self.release = release
        self.warmed = False

    def warm_up(self) -> None:
        self.warmed = True

    def ask(self, question: str) -> Answer:
        if question == "boem":
            raise RuntimeError("index kapot")
        if question == "traag":
            self.release.wait(10)
        page = 2 if "budget" in question else 1
        sentence = PAGES[page - 1][1]
        if "paspoort" in question:
            return Answer(question=question, text="Dat staat niet in de documenten.", refused=True)
        chunk = Chunk(id=f"c{page}", doc_id=DOC, text=sentence, page_start=page, page_end=page)
        return Answer(
            question=question,
            text=f"{sentence} [1]",
            refused=False,
            citations=[Citation(doc=DOC, page=page, quote=sentence.rstrip("."))],
            retrieved=[SearchHit(chunk, 0.9)],
        )


class Bm25StandIn:
    def ask(self, question: str) -> Answer:
        return Answer(question=question, text="", refused=True)


@pytest.fixture
def release() -> Iterator[threading.Event]:
    event = threading.Event()
    yield event
    event.set()  # lets the timed-out worker thread finish


@pytest.fixture
def corpus(tmp_path: Path) -> list[Path]:
    return [write_text_pdf(tmp_path / f"{DOC}.pdf", PAGES)]


def test_run_eval_writes_a_line_per_question_and_records_failures(
    tmp_path: Path, corpus: list[Path], release: threading.Event
) -> None:
    system = FakeAssistant(release)
    run = run_eval(
        system,
        _gold_file(tmp_path / "gold.jsonl"),
        tmp_path / "out",
        "ours",
        pages=lambda: pages_from_pdfs(corpus),
        timeout_s=0.5,
        progress=False,
    )
    assert system.warmed
    results = read_results(run.results_path)
    assert list(results) == ["q1", "q2", "q3", "q4", "u1"]
    assert results["q3"]["failed"] and "RuntimeError: index kapot" in results["q3"]["error"]
    assert results["q4"]["failed"] and "QuestionTimeout" in results["q4"]["error"]
    assert results["q4"]["latency_ms"] >= 500
    assert not results["q1"].get("failed") and results["u1"]["refused"]

    metrics = json.loads(run.metrics_path.read_text(encoding="utf-8"))
    assert metrics["n"] == 5 and metrics["failed"] == 2
    assert metrics["answer_correctness"] == 0.5  # q1, q2 right; q3, q4 failed
    assert metrics["citation_precision"] == 1.0
    assert metrics["refusal_accuracy"] == 1.0
    assert metrics["by_type"]["budget"]["answer_correctness"] == 0.5
    assert metrics["by_municipality"]["Almelo"]["n"] == 5


def test_run_eval_selects_by_type_and_limit(
    tmp_path: Path, corpus: list[Path], release: threading.Event
) -> None:
    run = run_eval(
        FakeAssistant(release),
        _gold_file(tmp_path / "gold.jsonl"),
        tmp_path / "out",
        "budget-only",
        pages=pages_from_pdfs(corpus),
        types=["budget"],
        limit=1,
        progress=False,
    )
    assert list(run.results) == ["q2"]
    assert run.metrics.overall.answer_correctness == 1.0


def test_eval_command_runs_ours_and_baselines_and_writes_the_report(
    tmp_path: Path, corpus: list[Path], release: threading.Event
) -> None:
    out = tmp_path / "eval"
    report = run_eval_command(
        lambda: FakeAssistant(release),
        _gold_file(tmp_path / "gold.jsonl"),
        out,
        baselines=["naive", "bm25"],
        limit=None,
        types=None,
        pdf_paths=corpus,
        bm25_factory=Bm25StandIn,
        timeout_s=0.5,
        progress=False,
    )
    assert report == out / "report.md"
    for system in ("ours", "naive", "bm25"):
        assert len(read_results(out / system / "results.jsonl")) == 5
        assert json.loads((out / system / "metrics.json").read_text(encoding="utf-8"))["n"] == 5

    text = report.read_text(encoding="utf-8")
    assert "| ours | naive | bm25 | Δ vs naive | Δ vs bm25 |" in text
    assert "## By question type" in text and "## By municipality" in text
    assert "## Failed questions" in text and "index kapot" in text
    figures = ["headline", "by_type", "by_municipality", "latency"]
    for name in figures:
        assert f"](figures/{name}.png)" in text
        png = out / "figures" / f"{name}.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_eval_command_rejects_an_unknown_baseline_before_running(tmp_path: Path, corpus: list[Path]) -> None:
    with pytest.raises(ValueError, match="unknown baseline"):
        run_eval_command(
            lambda: pytest.fail("must not build the assistant"),  # type: ignore[arg-type,return-value]
            _gold_file(tmp_path / "gold.jsonl"),
            tmp_path / "out",
            baselines=["bm42"],
            pdf_paths=corpus,
        )


def test_naive_run_on_the_real_corpus_scores_the_same_with_the_reference_scorer(tmp_path: Path) -> None:
    """The whole chain on real PDFs (hashing vectors for speed), judged by `score.py` itself."""
    root = Path(__file__).resolve().parents[2]
    scorer = root.parent / "shared" / "evals" / "score.py"
    if not scorer.exists():
        pytest.skip(f"reference scorer not found at {scorer} (the shared folder is not shipped)")
    pdfs = sorted((root / "corpus").glob("*.pdf"))
    naive = NaiveRAG(HashEmbedder(), pdfs)
    try:
        run = run_eval(
            naive,
            root / "evals" / "dev.jsonl",
            tmp_path,
            "naive",
            pages=pages_from_pdfs(pdfs),
            progress=False,
        )
    finally:
        naive.close()
    assert all(len(r["retrieved"]) == 10 for r in run.results.values())

    gold = tmp_path / "gold.jsonl"  # the scorer takes the questions that were run
    gold.write_text("".join(json.dumps(g.to_json()) + "\n" for g in run.gold), encoding="utf-8")
    scored = subprocess.run(
        [sys.executable, str(scorer), str(gold), str(run.results_path), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(scored.stdout) == run.metrics.overall.scorer_view()


class LlmStandIn:
    """The generative mode: a verified answer for some questions, the extractive one for the rest."""

    def __init__(self) -> None:
        self.asked = 0

    def ask(self, question: str) -> Answer:
        self.asked += 1
        mode = "generative" if self.asked % 2 else "extractive-fallback"
        return Answer(question=question, text="", refused=True, mode=mode)


def test_eval_llm_runs_the_generative_mode_beside_ours_and_reports_its_fallback_rate(
    tmp_path: Path, corpus: list[Path], release: threading.Event
) -> None:
    out = tmp_path / "eval"
    report = run_eval_command(
        lambda: FakeAssistant(release),
        _gold_file(tmp_path / "gold.jsonl"),
        out,
        pdf_paths=corpus,
        llm_factory=LlmStandIn,
        timeout_s=0.5,
        progress=False,
    )
    rows = read_results(out / "llm" / "results.jsonl")
    assert len(rows) == 5 and {r["mode"] for r in rows.values()} == {"generative", "extractive-fallback"}
    text = report.read_text(encoding="utf-8")
    assert "| ours | llm | Δ vs llm |" in text
    assert "## Answer paths" in text
    assert "| llm | 0 | 3 | 2 | 0 | 0.400 |" in text
