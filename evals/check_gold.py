"""Check hand-written gold files: every field there, follow-up history well formed, every quote on its page.

usage: python -m evals.check_gold FILE [FILE ...] [--pages DIR ...]

Quotes are held to the reference scorer's rule for a citation (`matching.citation_holds`: at most 80
words, verbatim on the page or running on to the next), so a gold source is never one that a
perfect answer could not cite. Page texts come from the corpus pages beside the checkout and the
project's own `evals/pages` unless `--pages` names other directories. Prints one line per problem;
exits 1 if there is any.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from evals.gold import QUESTION_TYPES, UNANSWERABLE, GoldFormatError, GoldItem, parse_gold_item
from evals.jsonl import read_lines
from evals.matching import citation_holds
from evals.pages import PageTexts, pages_from_jsonl_dir

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PAGE_DIRS = (ROOT.parent / "shared" / "corpus" / "pages", ROOT / "evals" / "pages")
DIFFICULTIES = ("easy", "medium", "hard")
# Beyond what `parse_gold_item` demands: the fields a hand-written item must spell out.
TEXT_FIELDS = ("answer", "difficulty")
LIST_FIELDS = ("must_contain", "municipalities", "tags")


def load_pages(directories: Sequence[Path]) -> tuple[dict[tuple[str, int], str], list[str]]:
    """All page texts of the directories, and a problem line for each directory that is missing."""
    pages: dict[tuple[str, int], str] = {}
    missing = [f"pages directory not found: {d}" for d in directories if not d.is_dir()]
    for directory in directories:
        pages.update(pages_from_jsonl_dir(directory))
    return pages, missing


def field_problems(data: Mapping[str, Any]) -> Iterator[str]:
    for key in TEXT_FIELDS:
        if not isinstance(data.get(key), str) or not data[key].strip():
            yield f"{key!r} must be a non-empty string"
    for key in LIST_FIELDS:
        if key not in data:
            yield f"{key!r} is missing"
    if data.get("difficulty") not in DIFFICULTIES:
        yield f"'difficulty' must be one of {', '.join(DIFFICULTIES)}"
    if data.get("type") not in QUESTION_TYPES:
        yield f"'type' {data.get('type')!r} is not one of {', '.join(QUESTION_TYPES)}"


def history_problems(item: GoldItem, data: Mapping[str, Any]) -> Iterator[str]:
    """The reader (`parse_gold_item`) checks each turn's shape; a hand-written follow-up must
    also have at least one earlier turn."""
    if "history" in data and not item.history:
        yield "'history' must be a non-empty list of earlier turns"


def answer_problems(item: GoldItem) -> Iterator[str]:
    if item.type == UNANSWERABLE:
        if item.sources or item.must_contain:
            yield "an unanswerable item has no sources and no must_contain"
    elif not item.sources or not item.must_contain:
        yield f"a {item.type!r} item needs sources and must_contain"


def quote_problems(item: GoldItem, pages: PageTexts) -> Iterator[str]:
    for n, source in enumerate(item.sources):
        citation = {"doc": source.doc, "page": source.page, "quote": source.quote}
        if (source.doc, source.page) not in pages:
            yield f"sources[{n}]: no page text for {source.doc} page {source.page}"
        elif not citation_holds(citation, pages):
            yield f"sources[{n}]: quote not on {source.doc} page {source.page}: {source.quote[:60]!r}"


def check_item(data: Any, where: str, pages: PageTexts) -> list[str]:
    try:
        item = parse_gold_item(data, where)
    except GoldFormatError as exc:
        return [str(exc)]
    problems = [*field_problems(data), *history_problems(item, data), *answer_problems(item)]
    problems += quote_problems(item, pages)
    return [f"{where} ({item.id}): {p}" for p in problems]


def check_files(paths: Sequence[Path], pages: PageTexts) -> list[str]:
    """Problem lines for all items of all files; an id may occur only once over all of them."""
    problems: list[str] = []
    seen: dict[str, str] = {}
    for path in paths:
        try:
            for where, data in read_lines(path, GoldFormatError):
                problems += check_item(data, where, pages)
                item_id = data.get("id") if isinstance(data, dict) else None
                if isinstance(item_id, str):
                    if item_id in seen:
                        problems.append(f"{where} ({item_id}): id already used at {seen[item_id]}")
                    seen.setdefault(item_id, where)
        except (OSError, GoldFormatError) as exc:
            problems.append(f"{path}: {exc}")
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.check_gold", description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path, help="gold JSONL files")
    parser.add_argument(
        "--pages",
        nargs="+",
        type=Path,
        default=list(DEFAULT_PAGE_DIRS),
        help="directories of <doc>.jsonl page texts",
    )
    args = parser.parse_args(argv)
    pages, problems = load_pages(args.pages)
    problems += check_files(args.files, pages)
    for line in problems:
        print(line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
