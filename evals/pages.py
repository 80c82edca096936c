"""Page texts that citations are checked against: raw pypdf text, as the reference scorer holds it.

Deliberately not the assistant's cleaned pages: a quote must hold against the PDF as anyone can
extract it, running headers and all, or our precision would be graded on our own homework.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

PageTexts = Mapping[tuple[str, int], str]
PageProvider = Callable[[], PageTexts]


def pages_from_pdfs(paths: Iterable[Path]) -> dict[tuple[str, int], str]:
    """(file stem, 1-based page) -> `extract_text()` of every page of every PDF."""
    from pypdf import PdfReader

    pages: dict[tuple[str, int], str] = {}
    for path in paths:
        reader = PdfReader(str(path))
        for number, page in enumerate(reader.pages, 1):
            pages[(Path(path).stem, number)] = page.extract_text()
    return pages


def pages_from_jsonl_dir(directory: Path) -> dict[tuple[str, int], str]:
    """The scorer's own page files (`<doc>.jsonl`, one {"doc", "page", "text"} a line)."""
    pages: dict[tuple[str, int], str] = {}
    for path in sorted(directory.glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    row = json.loads(line)
                    pages[(row["doc"], int(row["page"]))] = row["text"]
    return pages


def resolve_pages(pages: PageTexts | PageProvider) -> PageTexts:
    """Accept the texts themselves or a callable that produces them (read only when needed)."""
    return pages() if callable(pages) else pages
