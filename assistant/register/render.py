"""Renderers for the CLI and API: register listings, compare tables and commitment checklists as
a terminal table (rich), CSV, JSON and Markdown. They return strings (or a rich renderable) and
print nothing themselves."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table

from assistant.register.commitments import CommitmentItem
from assistant.register.compare import Cell, CompareTable, detail, labels
from assistant.register.models import Record


def _to_text(renderable: Any, width: int) -> str:
    buffer = io.StringIO()
    Console(file=buffer, width=width, force_terminal=False, color_system=None).print(renderable)
    return buffer.getvalue()


# CSV injection (OWASP): a spreadsheet runs a cell that starts with one of these as a formula, and
# cell texts come from PDFs and query parameters (`=HYPERLINK(...)`, `@SUM(...)`, DDE payloads).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Deliberate exception to OWASP's "prefix every such cell": a cell that is only a number (a sign,
# digits with `.`/`,` separators, an optional `%`) stays as it is, so that budget figures such as
# `-1.250` or `-12,5%` stay numbers in Excel. Without letters, parentheses or a second operator such
# a cell cannot call a function or reference anything; `-1+1` or `-1.250 euro` is still neutralised.
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*%?")


def neutralise_csv_cell(value: Any) -> Any:
    """A cell as every CSV export writes it: text that a spreadsheet would read as a formula gets a
    leading `'` (shown as text, not run). Leading whitespace does not save a formula (spreadsheets
    may trim it on import), so the first character after it counts too. Non-text values (page
    numbers) pass unchanged."""
    if not isinstance(value, str) or not value:
        return value
    start = value.lstrip()
    risky = value[0] in _FORMULA_START or start[:1] in _FORMULA_START
    if not risky or _PLAIN_NUMBER.fullmatch(value):
        return value
    return "'" + value


def _csv(rows: Sequence[Sequence[Any]]) -> str:
    """The one CSV writer of the product (register, compare, commitments; CLI and API alike)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows([neutralise_csv_cell(cell) for cell in row] for row in rows)
    return buffer.getvalue()


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


# Register listings -----------------------------------------------------------------------------

_RECORD_COLUMNS = ("municipality", "type", "text", "detail", "themes", "doc", "page", "quote")


def _record_row(record: Record) -> list[str]:
    return [
        record.municipality, labels()["type_singular"][record.type], record.text, detail(record),
        ", ".join(record.themes), record.doc_id, str(record.page), record.quote,
    ]  # fmt: skip


def records_renderable(records: Sequence[Record]) -> Table:
    cols = labels()["columns"]
    table = Table(show_lines=True)
    for key in ("municipality", "type", "text", "detail", "themes", "doc"):
        table.add_column(cols[key], overflow="fold")
    for record in records:
        row = _record_row(record)
        table.add_row(*row[:5], source_with_places(record))
    return table


def source_with_places(record: Record) -> str:
    """Where the record stands, with the other places it is restated: "almelo-plan p. 4 (ook p. 12,
    andere-nota p. 3)"."""
    lab = labels()
    source = lab["source_ref"].format(doc=record.doc_id, page=record.page)
    if not record.also_at:
        return source
    places = ", ".join(
        lab["page_ref"].format(page=p.page)
        if p.doc == record.doc_id
        else lab["source_ref"].format(doc=p.doc, page=p.page)
        for p in record.also_at
    )
    return f"{source} ({lab['also_at_ref'].format(places=places)})"


def records_to_text(records: Sequence[Record], width: int = 160) -> str:
    return _to_text(records_renderable(records), width)


def records_to_csv(records: Sequence[Record]) -> str:
    cols = labels()["columns"]
    return _csv([[cols[c] for c in _RECORD_COLUMNS], *[_record_row(r) for r in records]])


def records_to_json(records: Sequence[Record]) -> str:
    return json.dumps([r.to_json() for r in records], ensure_ascii=False, indent=2)


def records_to_markdown(records: Sequence[Record]) -> str:
    cols = labels()["columns"]
    head = [cols[c] for c in _RECORD_COLUMNS]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(_md_cell(x) for x in _record_row(r)) + " |" for r in records]
    return "\n".join(lines) + "\n"


# Compare tables ----------------------------------------------------------------------------------


def _cell_lines(cell: Cell) -> list[str]:
    if not cell.items:
        return [cell.empty]
    lines = []
    for entry in cell.items:
        value = f" — {entry.detail}" if entry.detail else ""
        lines.append(f"• {entry.text}{value} ({entry.source})")
    if cell.hidden:
        lines.append(labels()["more"].format(n=cell.hidden))
    return lines


def compare_renderable(table: CompareTable) -> Table:
    out = Table(title=labels()["theme_column"].format(theme=table.theme.label), show_lines=True)
    out.add_column("", style="bold", no_wrap=True)
    for municipality in table.municipalities:
        out.add_column(municipality, overflow="fold")
    for row in table.rows:
        out.add_row(
            labels()["type_plural"][row],
            *["\n".join(_cell_lines(table.cell(row, m))) for m in table.municipalities],
        )
    return out


def compare_to_text(table: CompareTable, width: int = 200) -> str:
    return _to_text(compare_renderable(table), width)


def compare_to_csv(table: CompareTable, long: bool = False) -> str:
    """Wide (as the terminal table: one column per municipality) or long (one row per entry)."""
    if long:
        cols = labels()["columns"]
        rows: list[list[Any]] = [
            [cols[c] for c in ("type", "municipality", "text", "detail", "doc", "page", "quote")]
        ]
        for row in table.rows:
            for municipality in table.municipalities:
                cell = table.cell(row, municipality)
                if not cell.items:
                    rows.append([row, municipality, cell.empty, "", "", "", ""])
                rows += [[row, municipality, e.text, e.detail, e.doc, e.page, e.quote] for e in cell.items]
        return _csv(rows)
    header = [labels()["theme_column"].format(theme=table.theme.label), *table.municipalities]
    body = [
        [
            labels()["type_plural"][row],
            *["\n".join(_cell_lines(table.cell(row, m))) for m in table.municipalities],
        ]
        for row in table.rows
    ]
    return _csv([header, *body])


def compare_to_json(table: CompareTable) -> str:
    return json.dumps(table.to_json(), ensure_ascii=False, indent=2)


def compare_to_markdown(table: CompareTable) -> str:
    head = [labels()["theme_column"].format(theme=table.theme.label), *table.municipalities]
    lines = ["| " + " | ".join(_md_cell(h) for h in head) + " |", "|" + "---|" * len(head)]
    for row in table.rows:
        cells = [_md_cell("\n".join(_cell_lines(table.cell(row, m)))) for m in table.municipalities]
        lines.append("| " + " | ".join([labels()["type_plural"][row], *cells]) + " |")
    return "\n".join(lines) + "\n"


# Commitment checklists -------------------------------------------------------------------------


def _checklist_lines(items: Sequence[CommitmentItem], municipality: str, box: str) -> list[str]:
    lab = labels()
    if not items:
        return [lab["no_commitments"].format(municipality=municipality)]
    lines = [lab["checklist_title"].format(municipality=municipality), ""]
    for entry in items:
        r = entry.record
        extra = f" — {detail(r)}" if detail(r) else ""
        source = lab["source_ref"].format(doc=r.doc_id, page=r.page)
        line = lab["commitment_line"].format(
            status=entry.status_label, text=r.text, extra=extra, source=source
        )
        lines.append(f"{box} {line}")
        for f in entry.followups:
            lines.append("    " + lab["later_statement"].format(doc=f.doc, page=f.page, quote=f.quote))
    return lines


def commitments_to_text(items: Sequence[CommitmentItem], municipality: str) -> str:
    return "\n".join(_checklist_lines(items, municipality, "[ ]")) + "\n"


def commitments_to_markdown(items: Sequence[CommitmentItem], municipality: str) -> str:
    lines = _checklist_lines(items, municipality, "- [ ]")
    if items:
        lines[0] = "## " + lines[0]
    return "\n".join(line.replace("    Later", "  - Later") for line in lines) + "\n"


def commitments_to_json(items: Sequence[CommitmentItem]) -> str:
    return json.dumps([i.to_json() for i in items], ensure_ascii=False, indent=2)


def commitments_to_csv(items: Sequence[CommitmentItem]) -> str:
    cols = labels()["columns"]
    rows: list[list[Any]] = [
        [cols["text"], cols["doc"], cols["page"], cols["quote"], labels()["status_column"],
         "later_doc", "later_page", "later_quote"]
    ]  # fmt: skip
    for entry in items:
        r = entry.record
        first = entry.followups[0] if entry.followups else None
        rows.append([
            r.text, r.doc_id, r.page, r.quote, entry.status_label,
            first.doc if first else "", first.page if first else "", first.quote if first else "",
        ])  # fmt: skip
    return _csv(rows)
