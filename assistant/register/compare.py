"""Side by side per municipality: what each wants, measures, spends and promises on one theme,
every entry with its source; and a municipality's commitments as a checklist with what later
documents say about them."""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from assistant.amounts import format_eur
from assistant.errors import BeleidError
from assistant.prompts import DEFAULT_DIR
from assistant.protocols import Embedder
from assistant.register.cues import ACTION_VERBS
from assistant.register.models import RECORD_TYPES, Record
from assistant.register.store import RegisterStore
from assistant.register.themes import Taxonomy, Theme, load_taxonomy
from assistant.tokenize import base_terms

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


@dataclass(frozen=True)
class Followup:
    doc: str
    page: int
    quote: str
    record_id: str
    score: float


@dataclass(frozen=True)
class CommitmentItem:
    record: Record
    followups: tuple[Followup, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "commitment": self.record.to_json(),
            "later": [
                {
                    "doc": f.doc,
                    "page": f.page,
                    "quote": f.quote,
                    "id": f.record_id,
                    "score": round(f.score, 3),
                }
                for f in self.followups
            ],
        }


def commitments(
    store: RegisterStore,
    municipality: str,
    embedder: Embedder | None = None,
    min_score: float = 0.25,
) -> list[CommitmentItem]:
    """Each commitment (measure) of the municipality, with what a later document of the same
    municipality says about it: the best-matching record of a later document, by shared rare terms
    (and, with an embedder, meaning)."""
    everything = store.query()
    records = [r for r in everything if r.municipality.casefold() == municipality.casefold()]
    measures = [r for r in records if r.type == "measure"]
    years = {r.doc_id: r.year for r in records}
    texts = {r.id: _about(r) for r in everything}
    # Rarity over the whole register: "preventieagenda" is Almelo's own word, "opstellen" everyone's.
    df = _df(texts.values())
    rare = max(3, len(everything) // 100)
    vectors = _vectors(records, embedder)
    out = []
    for measure in measures:
        later = [r for r in records if years[r.doc_id] > measure.year and r.type in ("measure", "goal")]
        scored = []
        for candidate in later:
            score = _overlap(texts[measure.id], texts[candidate.id], df, len(everything), rare)
            if vectors is not None and score:
                score = 0.5 * score + 0.5 * float(vectors[measure.id] @ vectors[candidate.id])
            if score >= min_score:
                scored.append((score, candidate))
        scored.sort(key=lambda sc: -sc[0])
        follow = tuple(Followup(c.doc_id, c.page, c.quote, c.id, s) for s, c in scored[:2])
        out.append(CommitmentItem(measure, follow))
    return out


def _about(record: Record) -> str:
    """A commitment's words and those of its heading: "We gaan door met het opstellen" is about the
    preventieagenda only because it stands under that heading."""
    return f"{record.text} {record.section.rsplit(' > ', 1)[-1]}"


def _df(texts: object) -> Counter[str]:
    df: Counter[str] = Counter()
    for text in texts:  # type: ignore[attr-defined]
        df.update(set(base_terms(str(text))))
    return df


def _overlap(a: str, b: str, df: Counter[str], n: int, rare: int) -> float:
    """Share of the commitment's term weight found in the candidate; it must share a rare term (a
    name such as "Doorbraakmethode" or "blijverslening"), not only common policy words."""
    verbs = _verb_terms()
    mine, theirs = set(base_terms(a)) - verbs, set(base_terms(b)) - verbs
    shared = mine & theirs
    if not any(df[t] <= rare for t in shared):
        return 0.0
    weight = {t: math.log(1 + n / max(1, df[t])) for t in mine}
    total = sum(weight.values())
    return sum(weight[t] for t in shared) / total if total else 0.0


@lru_cache(maxsize=1)
def _verb_terms() -> frozenset[str]:
    """What policy texts do ("opstellen", "inzetten", "organiseren") says nothing about what they do it to."""
    words = [
        *ACTION_VERBS,
        "opstellen",
        "inzetten",
        "uitvoeren",
        "aanbieden",
        "gaan",
        "doen",
        "komen",
        "werken",
    ]
    return frozenset(t for w in words for t in base_terms(w))


def _vectors(records: Sequence[Record], embedder: Embedder | None) -> dict[str, np.ndarray] | None:
    if embedder is None or not records:
        return None
    matrix = embedder.embed_passages([r.text for r in records])
    return {r.id: np.asarray(v) for r, v in zip(records, matrix, strict=True)}
