"""Side by side per municipality: what each wants, measures, spends and promises on one theme,
every entry with its source (the commitment check is `commitments.py`)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from assistant.amounts import format_eur
from assistant.errors import BeleidError
from assistant.prompts import DEFAULT_DIR
from assistant.register.models import RECORD_TYPES, Record
from assistant.register.store import RegisterStore
from assistant.register.themes import Taxonomy, Theme, load_taxonomy

LABELS_PATH = DEFAULT_DIR / "register_labels_nl.json"


class UnknownThemeError(BeleidError):
    pass


@lru_cache(maxsize=1)
def labels() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(LABELS_PATH.read_text(encoding="utf-8"))
    return data


@dataclass(frozen=True)
class CellItem:
    text: str
    detail: str
    doc: str
    page: int
    quote: str
    record_id: str

    @property
    def source(self) -> str:
        return labels()["source_ref"].format(doc=self.doc, page=self.page)

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text, "detail": self.detail, "doc": self.doc, "page": self.page, "quote": self.quote,
            "id": self.record_id,
        }  # fmt: skip


@dataclass(frozen=True)
class Cell:
    items: tuple[CellItem, ...]
    empty: str = ""  # what to show when the municipality has nothing: never a silent blank
    hidden: int = 0  # items beyond the limit

    def to_json(self) -> dict[str, Any]:
        return {"items": [i.to_json() for i in self.items], "empty": self.empty, "more": self.hidden}


@dataclass(frozen=True)
class CompareTable:
    theme: Theme
    municipalities: tuple[str, ...]
    rows: tuple[str, ...] = RECORD_TYPES
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)

    def cell(self, row: str, municipality: str) -> Cell:
        return self.cells[(row, municipality)]

    def to_json(self) -> dict[str, Any]:
        return {
            "theme": {"id": self.theme.id, "label": self.theme.label},
            "municipalities": list(self.municipalities),
            "rows": [
                {"type": row, "label": labels()["type_plural"][row],
                 "cells": {m: self.cell(row, m).to_json() for m in self.municipalities}}
                for row in self.rows
            ],
        }  # fmt: skip


def compare(
    store: RegisterStore,
    theme: str,
    municipalities: Sequence[str] | None = None,
    limit: int | None = 6,
    taxonomy: Taxonomy | None = None,
) -> CompareTable:
    """One column per municipality, rows goals / indicators / budget / commitments, for one theme."""
    taxonomy = taxonomy or load_taxonomy()
    found = taxonomy.resolve(theme)
    if found is None:
        known = ", ".join(t.id for t in taxonomy.themes)
        raise UnknownThemeError(f"Onbekend thema '{theme}'. Kies uit: {known}.")
    known_names = {m.casefold(): m for m in store.municipalities()}
    names = (
        tuple(known_names.get(m.casefold(), m) for m in municipalities)
        if municipalities
        else tuple(known_names.values())
    )
    records = store.query(municipality=list(names), theme=found.id) if names else []
    cells: dict[tuple[str, str], Cell] = {}
    for municipality in names:
        own = [r for r in records if r.municipality.casefold() == municipality.casefold()]
        for row in RECORD_TYPES:
            chosen = rank([r for r in own if r.type == row], found.id)
            shown = chosen if limit is None else chosen[:limit]
            empty = ""
            if not chosen:
                key = "empty_cell" if municipality.casefold() in known_names else "no_documents"
                empty = labels()[key].format(
                    none=labels()["type_none"][row], theme=found.label.lower(), municipality=municipality
                )
            cells[(row, municipality)] = Cell(tuple(item(r) for r in shown), empty, len(chosen) - len(shown))
    return CompareTable(found, names, RECORD_TYPES, cells)


def rank(records: Sequence[Record], theme_id: str) -> list[Record]:
    """Most telling first: the theme as main theme, strategic before operational, totals last."""

    def key(r: Record) -> tuple[int, int, int, int, int]:
        main = 0 if r.themes and r.themes[0] == theme_id else 1
        level = {"strategic": 0, "operational": 1}.get(r.level, 2)
        total = 1 if r.level == "totaal" else 0
        structure = -int(bool(r.number or r.table or r.measurements))
        return (main, total, level, structure, -r.year)

    return sorted(records, key=key)


def item(record: Record) -> CellItem:
    return CellItem(record.text, detail(record), record.doc_id, record.page, record.quote, record.id)


def detail(record: Record) -> str:
    """The values that matter per type, in Dutch, in one line."""
    lab = labels()
    if record.type == "goal":
        parts = [lab["level"].get(record.level, record.level)] if record.level else []
        return ", ".join(parts + ([record.number] if record.number else []))
    if record.type == "indicator":
        parts = []
        if record.baseline_value:
            year = f" ({record.baseline_year})" if record.baseline_year else ""
            parts.append(f"{lab['baseline']} {record.baseline_value}{year}")
        if record.target_value:
            year = f" ({record.target_year})" if record.target_year else ""
            parts.append(f"{lab['target']} {record.target_value}{year}")
        if record.source:
            parts.append(f"{lab['source']}: {record.source}")
        return "; ".join(parts)
    if record.type == "budget":
        return amounts_text(record)
    return "; ".join(x for x in (record.deadline, record.actor) if x)


def amounts_text(record: Record) -> str:
    lab = labels()
    parts = [
        f"{a.year}{' ' + a.measure if a.measure else ''}: {format_eur(a.eur)}"
        if a.year
        else f"{format_eur(a.eur)} ({a.label or lab['year_unknown']})"
        for a in record.amounts
    ]
    text = "; ".join(parts)
    return f"{text} ({record.nature})" if record.nature else text
