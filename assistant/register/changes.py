"""Year over year: what changed between two budgets of one municipality, line by line, each side
cited; and budgets of several municipalities aligned on one Iv3 taakveld.

Lines are the register's budget-table rows. A row of one budget matches the row of the other with
the same programme and the same label once taakveld codes and stray numbers are set aside
("6.82a Jeugdbescherming" and "6.821 25 Jeugdbescherming"), so a renumbered taakveld still lines
up; a row whose label changed shows as vervallen and nieuw. Each side shows its own budget year's
amounts: the 2024 budget's 2024 column against the 2025 budget's 2025 column.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from assistant.amounts import format_eur
from assistant.errors import BeleidError
from assistant.lexicon import DOCUMENT_YEAR, TAAKVELD_CODE, fold
from assistant.register import iv3
from assistant.register.compare import item, labels
from assistant.register.models import Record
from assistant.register.store import RegisterStore
from assistant.types import DocumentMeta

Status = Literal["changed", "added", "removed"]
_MEASURE_ORDER = ("baten", "lasten", "saldo", "toevoeging", "onttrekking", "")


class BudgetYearError(BeleidError):
    """No budget of the asked year (or municipality) in the register."""


class UnknownTaakveldError(BeleidError):
    pass


def budget_year(meta: DocumentMeta) -> int:
    """The year a budget is for: "Programmabegroting 2024" (published in 2023) is 2024; else the
    first year of its period, else the document's year."""
    for text in (meta.title, meta.period):
        found = DOCUMENT_YEAR.search(text or "")
        if found:
            return int(found.group(1))
    return meta.year


@dataclass(frozen=True)
class Side:
    doc: str
    page: int
    quote: str
    record_id: str
    amounts: dict[str, float]  # measure ("" when the row has one kind) -> euros in the budget year

    def to_json(self) -> dict[str, Any]:
        return {"doc": self.doc, "page": self.page, "quote": self.quote, "id": self.record_id,
                "amounts": self.amounts, "text": amounts_line(self.amounts)}  # fmt: skip


@dataclass(frozen=True)
class Change:
    status: Status
    label: str
    programme: str
    taakveld: str
    before: Side | None
    after: Side | None

    @property
    def delta(self) -> float:
        a = self.before.amounts if self.before else {}
        b = self.after.amounts if self.after else {}
        return max((abs(b.get(m, 0.0) - a.get(m, 0.0)) for m in {*a, *b}), default=0.0)

    def to_json(self) -> dict[str, Any]:
        return {
            "status": self.status, "status_label": labels()["changes_status"][self.status],
            "label": self.label, "programme": self.programme, "taakveld": self.taakveld,
            "before": self.before.to_json() if self.before else None,
            "after": self.after.to_json() if self.after else None,
        }  # fmt: skip


@dataclass(frozen=True)
class Changes:
    municipality: str
    year_a: int
    year_b: int
    doc_a: str
    doc_b: str
    scope: str  # "" or the theme / taakveld the lines were limited to, in Dutch
    items: tuple[Change, ...] = ()
    unchanged: int = 0

    def count(self, status: Status) -> int:
        return sum(c.status == status for c in self.items)

    def summary(self) -> str:
        lab = labels()
        scope = f" ({self.scope})" if self.scope else ""
        values = {
            "municipality": self.municipality,
            "year_a": self.year_a,
            "year_b": self.year_b,
            "scope": scope,
        }
        if not self.items:
            return str(lab["changes_none"].format(**values))
        return str(
            lab["changes_summary"].format(
                **values, changed=self.count("changed"), added=self.count("added"),
                removed=self.count("removed"), unchanged=self.unchanged,
            )
        )  # fmt: skip

    def to_json(self) -> dict[str, Any]:
        return {
            "municipality": self.municipality, "from": self.year_a, "to": self.year_b,
            "doc_from": self.doc_a, "doc_to": self.doc_b, "scope": self.scope, "summary": self.summary(),
            "unchanged": self.unchanged, "items": [c.to_json() for c in self.items],
        }  # fmt: skip


def amounts_line(amounts: dict[str, float]) -> str:
    return ", ".join(f"{m} {format_eur(v)}".strip() for m, v in amounts.items())


def budget_documents(store: RegisterStore, municipality: str) -> dict[int, DocumentMeta]:
    """The municipality's budgets by budget year (the latest-ingested wins a tie)."""
    out: dict[int, DocumentMeta] = {}
    for document in store.documents():
        meta = document.meta
        if meta.municipality.casefold() == municipality.casefold() and "begroting" in fold(
            meta.doc_type + meta.title
        ):
            out[budget_year(meta)] = meta
    return out


def changes(
    store: RegisterStore,
    municipality: str,
    year_a: int,
    year_b: int,
    theme: str | None = None,
    taakveld: str | None = None,
    theme_label: str = "",
) -> Changes:
    """The budget-table lines that differ between the budgets for `year_a` and `year_b`."""
    lab = labels()
    budgets = budget_documents(store, municipality)
    if not budgets:
        raise BudgetYearError(lab["changes_no_municipality"].format(municipality=municipality))
    for year in (year_a, year_b):
        if year not in budgets:
            known = ", ".join(str(y) for y in sorted(budgets))
            raise BudgetYearError(
                lab["changes_no_year"].format(year=year, municipality=municipality, known=known)
            )
    if taakveld:
        check_taakveld(taakveld)
    meta_a, meta_b = budgets[year_a], budgets[year_b]
    rows_a = _lines(store, meta_a, year_a, theme, taakveld)
    rows_b = _lines(store, meta_b, year_b, theme, taakveld)
    items: list[Change] = []
    unchanged = 0
    for key, (record, side) in rows_b.items():
        old = rows_a.get(key)
        if old is None:
            items.append(_change("added", record, None, side))
        elif _differs(old[1].amounts, side.amounts):
            items.append(_change("changed", record, old[1], side))
        else:
            unchanged += 1
    items += [
        _change("removed", record, side, None) for key, (record, side) in rows_a.items() if key not in rows_b
    ]
    order = {"changed": 0, "added": 1, "removed": 2}
    items.sort(key=lambda c: (order[c.status], -c.delta, c.programme, c.label))
    scope = ""
    if taakveld:
        scope = lab["changes_scope_taakveld"].format(code=taakveld, name=iv3.name_of(taakveld)).strip()
    elif theme:
        scope = lab["changes_scope_theme"].format(theme=theme_label or theme)
    name = meta_b.municipality
    return Changes(name, year_a, year_b, meta_a.doc_id, meta_b.doc_id, scope, tuple(items), unchanged)


def check_taakveld(code: str) -> None:
    if not re.fullmatch(r"[0-8]\.\d{1,3}[a-d]?", code.strip().lower()):
        raise UnknownTaakveldError(labels()["taakveld_unknown"].format(code=code))


def _lines(
    store: RegisterStore, meta: DocumentMeta, year: int, theme: str | None, taakveld: str | None
) -> dict[tuple[str, str], tuple[Record, Side]]:
    out: dict[tuple[str, str], tuple[Record, Side]] = {}
    for record in store.query(doc_id=meta.doc_id, type="budget", theme=theme or None):
        if not record.row or (taakveld and not iv3.matches(record.taakveld, taakveld)):
            continue
        amounts = _in_year(record, year)
        if not amounts:
            continue
        key = (_programme_key(record.programme), line_key(record.row))
        if key[1] and key not in out:
            side = Side(record.doc_id, record.page, record.quote, record.id, amounts)
            out[key] = (record, side)
    return out


def _in_year(record: Record, year: int) -> dict[str, float]:
    amounts = {a.measure: a.eur for a in record.amounts if a.year == year}
    return {m: amounts[m] for m in _MEASURE_ORDER if m in amounts}


def _differs(a: dict[str, float], b: dict[str, float]) -> bool:
    return set(a) != set(b) or any(abs(a[m] - b[m]) >= 0.5 for m in a)


def _programme_key(programme: str) -> str:
    """ "P2 Mens en Maatschappij" and "P2 Mens en maatschappij" are one programme."""
    match = re.match(r"P\d+", programme)
    return match.group() if match else fold(programme)


def line_key(label: str) -> str:
    """A row label without its taakveld code and stray numbers, folded: what both years share."""
    text = TAAKVELD_CODE.sub("", f"{label} ") if TAAKVELD_CODE.match(label) else label
    words = [w for w in re.split(r"[^\w]+", fold(text)) if w and not w.isdigit()]
    return " ".join(words)


def _change(status: Status, record: Record, before: Side | None, after: Side | None) -> Change:
    label = TAAKVELD_CODE.sub("", f"{record.row} ").strip() if TAAKVELD_CODE.match(record.row) else record.row
    label = re.sub(r"^\d+\s+", "", label)  # a stray product number after the code ("6.821 25 …")
    return Change(status, label, record.programme, record.taakveld, before, after)


@dataclass(frozen=True)
class TaakveldTable:
    """Budget lines of several municipalities on one taakveld, side by side."""

    code: str
    name: str
    municipalities: tuple[str, ...]
    cells: dict[str, tuple[Record, ...]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        lab = labels()
        return {
            "taakveld": {"code": self.code, "name": self.name},
            "municipalities": list(self.municipalities),
            "cells": {
                m: {
                    "items": [{**item(r).to_json(), "taakveld": r.taakveld, "printed": r.taakveld_printed,
                               "programme": r.programme} for r in self.cells.get(m, ())],
                    "empty": "" if self.cells.get(m)
                    else lab["taakveld_empty"].format(code=self.code, municipality=m),
                }
                for m in self.municipalities
            },
        }  # fmt: skip


def taakveld_table(
    store: RegisterStore, code: str, municipalities: Sequence[str] | None = None
) -> TaakveldTable:
    """Per municipality the budget lines tagged with `code` or one of its subtaakvelden."""
    check_taakveld(code)
    code = code.strip().lower()
    known = {m.casefold(): m for m in store.municipalities()}
    names = (
        tuple(known.get(m.casefold(), m) for m in municipalities) if municipalities else tuple(known.values())
    )
    records = store.query(municipality=list(names), type="budget") if names else []
    cells = {
        m: tuple(
            r for r in records if r.municipality.casefold() == m.casefold() and iv3.matches(r.taakveld, code)
        )
        for m in names
    }
    return TaakveldTable(code, iv3.name_of(code), names, cells)
