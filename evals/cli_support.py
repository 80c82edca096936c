"""One call for `beleid eval`: run ours and the requested baselines, score them, write the report.

The CLI owns the wiring of the core (settings, index, retrieval modes); it hands us factories, so
this package never has to know how a BM25-only assistant is put together.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from pathlib import Path

from assistant.protocols import Embedder
from evals.gold import load_gold, select_gold
from evals.pages import pages_from_pdfs
from evals.report import RunData, write_report
from evals.runner import DEFAULT_TIMEOUT_S, EvalRun, System, run_eval

OURS = "ours"
LLM = "llm"  # the generative mode, when `beleid eval --llm` asks for it
BASELINES = ("naive", "bm25")


def run_eval_command(
    assistant_factory: Callable[[], System],
    gold_path: Path,
    out_dir: Path,
    baselines: Sequence[str] = (),
    limit: int | None = None,
    types: Collection[str] | None = None,
    pdf_paths: Sequence[Path] = (),
    *,
    embedder: Embedder | None = None,
    bm25_factory: Callable[[], System] | None = None,
    llm_factory: Callable[[], System] | None = None,
    naive_index_dir: Path | None = None,
    timeout_s: float | None = DEFAULT_TIMEOUT_S,
    progress: bool = True,
) -> Path:
    """Runs land in `<out_dir>/<system>/`, the report in `<out_dir>/report.md`; returns its path.

    `pdf_paths` are the corpus PDFs: their raw page texts check the citations, and the naive
    baseline indexes them. The naive baseline embeds with `embedder`, else with the assistant's
    own `.embedder`, so both sides use one model. `bm25` needs `bm25_factory`. With
    `llm_factory`, the generative mode answers the same questions as the system `llm`, next to ours.
    """
    unknown = [b for b in baselines if b not in BASELINES]
    if unknown:
        raise ValueError(f"unknown baseline(s) {', '.join(unknown)}; known: {', '.join(BASELINES)}")
    if "bm25" in baselines and bm25_factory is None:
        raise ValueError("the bm25 baseline needs a factory for a BM25-only assistant")
    if not pdf_paths:
        raise ValueError("no PDFs given: citations are checked against their page texts")

    # Selected once, so every system answers exactly the same questions.
    gold = select_gold(load_gold(gold_path), types=types, limit=limit)
    pages = pages_from_pdfs(pdf_paths)

    def run(system: System, name: str) -> EvalRun:
        return run_eval(system, gold, out_dir, name, pages=pages, timeout_s=timeout_s, progress=progress)

    ours = assistant_factory()
    naive_embedder = embedder or getattr(ours, "embedder", None)
    # Checked before the long run of ours, not after it.
    if "naive" in baselines and naive_embedder is None:
        raise ValueError("the naive baseline needs an embedder (the assistant has none)")
    runs: dict[str, RunData] = {OURS: run(ours, OURS)}
    if llm_factory is not None:
        runs[LLM] = run(llm_factory(), LLM)

    for baseline in dict.fromkeys(baselines):  # a baseline named twice runs once
        if baseline == "naive" and naive_embedder is not None:
            from evals.naive import NaiveRAG

            naive = NaiveRAG(naive_embedder, pdf_paths, index_dir=naive_index_dir)
            try:
                runs[baseline] = run(naive, baseline)
            finally:
                naive.close()
        elif baseline == "bm25" and bm25_factory is not None:
            runs[baseline] = run(bm25_factory(), baseline)

    return write_report(out_dir, runs)
