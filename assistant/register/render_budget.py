"""Markdown for the year-over-year changes and the taakveld comparison (terminal and `--md`)."""

from __future__ import annotations

from assistant.register.changes import Change, Changes, Side, TaakveldTable, amounts_line
from assistant.register.compare import amounts_text, labels


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _side(side: Side | None) -> str:
    if side is None:
        return "—"
    return _cell(f"{amounts_line(side.amounts)} ({side.doc} p. {side.page}: “{side.quote}”)")


def change_line(change: Change) -> str:
    lab = labels()
    programme = f" ({change.programme})" if change.programme else ""
    before = amounts_line(change.before.amounts) if change.before else ""
    after = amounts_line(change.after.amounts) if change.after else ""
    key = {"changed": "changes_item", "added": "changes_item_added", "removed": "changes_item_removed"}
    return str(
        lab[key[change.status]].format(label=change.label, programme=programme, before=before, after=after)
    )


def changes_to_markdown(result: Changes) -> str:
    lab = labels()
    title = lab["changes_title"].format(
        municipality=result.municipality, year_a=result.year_a, year_b=result.year_b
    )
    lines = [f"## {title}", "", result.summary(), ""]
    if result.items:
        header = ["", "regel", "programma", "taakveld", str(result.year_a), str(result.year_b)]
        lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        for change in result.items:
            status = lab["changes_status"][change.status]
            row = [status, _cell(change.label), _cell(change.programme), change.taakveld or ""]
            lines.append("| " + " | ".join([*row, _side(change.before), _side(change.after)]) + " |")
    return "\n".join(lines)


def taakveld_to_markdown(table: TaakveldTable) -> str:
    lab = labels()
    lines = [f"## {lab['taakveld_title'].format(code=table.code, name=table.name).strip()}", ""]
    for municipality in table.municipalities:
        lines.append(f"### {municipality}")
        records = table.cells.get(municipality, ())
        if not records:
            lines += [lab["taakveld_empty"].format(code=table.code, municipality=municipality), ""]
            continue
        for record in records:
            source = f"{record.doc_id} p. {record.page}"
            lines.append(f"- {_cell(record.text)} ({record.taakveld}): {amounts_text(record)} — {source}")
        lines.append("")
    return "\n".join(lines).rstrip()
