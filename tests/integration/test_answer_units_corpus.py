"""Every dev question answered over the real corpus (production parsing, a hash embedder): each
quote shown is a whole citable unit, never a footnote, caption, heading or table-of-contents line,
and never a piece cut out of the middle of a sentence or a table row."""

from __future__ import annotations

import json
import re

import pytest

from assistant.answering.verify import trim_quote
from assistant.settings import PROJECT_ROOT
from assistant.types import UnitKind
from ingest.manifest import load_manifest
from ingest.parse import parse_document
from tests.answering_support import AnswerWorld

CORPUS = PROJECT_ROOT / "corpus"
DEV = PROJECT_ROOT / "evals" / "dev.jsonl"
_BULLET = re.compile(r"^\s*[-•▪●◦■]\s+")


def _norm(text: str) -> str:
    return " ".join(_BULLET.sub("", text).split())


@pytest.fixture(scope="module")
def answered(tmp_path_factory: pytest.TempPathFactory) -> tuple[AnswerWorld, list[tuple[str, object]]]:
    pdfs = sorted(CORPUS.glob("*.pdf"))
    if len(pdfs) < 5:
        pytest.skip("corpus PDFs not present")
    built = AnswerWorld(tmp_path_factory.mktemp("corpus"))
    manifest = load_manifest(CORPUS)
    for pdf in pdfs:
        parsed = parse_document(pdf, pdf.stem)
        built.publish_pages(manifest[pdf.stem], parsed.pages, parsed.chunks)
    answerer = built.answerer()
    questions = [
        json.loads(line)["question"] for line in DEV.read_text(encoding="utf-8").splitlines() if line
    ]
    return built, [(q, answerer.answer(q)) for q in questions]


def test_every_quote_is_a_whole_citable_unit(answered: tuple[AnswerWorld, list[tuple[str, object]]]) -> None:
    built, answers = answered
    chunks = built.store.chunks([d.version for d in built.catalog.documents()])
    citable: dict[str, set[str]] = {}
    barred: set[str] = set()
    for chunk in chunks:
        for mark in chunk.units:
            text = _norm(chunk.text[mark.start : mark.end])
            if mark.kind.citable:
                citable.setdefault(chunk.id, set()).update({text, trim_quote(text)})
            elif mark.kind in (UnitKind.FOOTNOTE, UnitKind.TOC, UnitKind.CAPTION, UnitKind.HEADER):
                barred.add(text)
    quotes = 0
    for question, answer in answers:
        for citation in answer.citations:  # type: ignore[attr-defined]
            quote = _norm(citation.quote)
            quotes += 1
            assert quote not in barred, (question, quote)
            assert quote in citable.get(citation.chunk_id, set()), (question, quote)
    assert quotes > 100  # the answers do quote, and each quote was checked
