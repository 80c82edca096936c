"""An answer as Markdown, with its numbered sources: the one format behind `beleid ask --md`, the
`markdown` field of `/api/ask` and the UI's "Kopieer als Markdown" button.

    Testdorp reserveert ... 2,4 miljoen euro [1].

    **Bronnen**

    1. *Beleidsplan Sociaal Domein Testdorp 2022* (`testdorp-...`), p. 2
       > reserveert de gemeente in 2022 een budget van 2,4 miljoen euro
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from assistant.prompts import say
from assistant.types import Answer


def _cell(value: Any) -> str:
    return " ".join(str(value).split()).replace("|", "\\|")


def _table(rows: list[dict[str, Any]]) -> list[str]:
    columns = list(rows[0])
    lines = ["| " + " | ".join(_cell(c) for c in columns) + " |", "|" + " --- |" * len(columns)]
    lines += ["| " + " | ".join(_cell(row.get(c, "")) for c in columns) + " |" for row in rows]
    return lines


def answer_markdown(answer: Answer, titles: Mapping[str, str] | None = None) -> str:
    """The answer text, its table (if any) and its citations numbered as the text cites them
    ([1], [2], ...): document title and id, page, and the verbatim quote. `titles` maps document
    ids to titles (from the catalog); without one the id stands alone."""
    titles = titles or {}
    lines = [answer.text.strip()]
    if answer.table:
        lines += ["", *_table(answer.table)]
    if answer.citations:
        lines += ["", f"**{say('markdown_sources')}**", ""]
        for n, citation in enumerate(answer.citations, 1):
            title = titles.get(citation.doc)
            name = f"*{_cell(title)}* (`{citation.doc}`)" if title else f"`{citation.doc}`"
            lines.append(say("markdown_source", n=n, document=name, page=citation.page))
            lines.append(f"   > {' '.join(citation.quote.split())}")
    return "\n".join(lines) + "\n"
