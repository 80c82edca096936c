"""Links within a document: a goal to the indicators, budget lines and measures that serve it.

Three signals, strongest first: the document's numbering ("2.1" under goal "2"), the goal a table
row names ("Financieel zelfredzame inwoners" above its indicators), and position (the goal under
which a measure or budget line is listed, in the same chapter). A record that names a goal in its
own words is linked to it as well.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.register.models import Record
from assistant.tokenize import base_terms


@dataclass(frozen=True)
class Anchor:
    """A place where a goal is stated (its record, or a repeated statement folded into it)."""

    page: int
    start: int
    section: str
    goal_id: str


def link_records(records: Sequence[Record], anchors: Sequence[Anchor] = ()) -> list[Record]:
    goals = [r for r in records if r.type == "goal"]
    if not goals:
        return list(records)
    by_id = {r.id: r for r in records}
    places = sorted(
        [Anchor(g.page, g.provenance.start, g.section, g.id) for g in goals] + list(anchors),
        key=lambda a: (a.page, a.start),
    )
    terms = {g.id: set(base_terms(g.text)) for g in goals}
    links: dict[str, set[str]] = defaultdict(set)
    for record in records:
        targets = set(_by_number(record, goals))
        ref = str(record.extra.get("goal_ref", ""))
        if ref:
            targets |= _by_name(ref, goals, terms, threshold=0.6)
        if not targets and record.type != "goal":
            targets |= _by_position(record, places)
        if record.type != "goal":
            targets |= _by_name(record.text, goals, terms, threshold=0.9, min_terms=3)
        targets.discard(record.id)
        for target in targets:
            links[record.id].add(target)
            links[target].add(record.id)
    return [r.with_(links=tuple(sorted(links.get(r.id, ())))) if r.id in by_id else r for r in records]


def _by_number(record: Record, goals: Sequence[Record]) -> list[str]:
    """ "2.1" belongs to goal "2"; an Almelo indicator "2.1" to strategic goal "2"."""
    if "." not in record.number:
        return []
    parent = record.number.rsplit(".", 1)[0]
    top = record.number.split(".", 1)[0]
    out = [g.id for g in goals if g.number == parent and g.id != record.id]
    if not out and record.type != "goal":
        out = [g.id for g in goals if g.number == top and g.level == "strategic"]
    return out


def _by_name(
    text: str, goals: Sequence[Record], terms: dict[str, set[str]], threshold: float, min_terms: int = 1
) -> set[str]:
    words = set(base_terms(text))
    out: set[str] = set()
    for goal in goals:
        goal_terms = terms[goal.id]
        if len(goal_terms) < min_terms or not words:
            continue
        share = len(goal_terms & words) / len(goal_terms)
        if share >= threshold and len(goal_terms & words) >= min(2, len(goal_terms)):
            out.add(goal.id)
    return out


def _by_position(record: Record, places: Sequence[Anchor]) -> set[str]:
    """The goal stated last before the record, in the same chapter."""
    chapter = _chapter(record.section)
    best: Anchor | None = None
    for place in places:
        if (place.page, place.start) > (record.page, record.provenance.start):
            break
        if _chapter(place.section) == chapter and chapter:
            best = place
    return {best.goal_id} if best else set()


def _chapter(section: str) -> str:
    """The chapter, down to its numbered sub-section ("5 Opgaven > 5.1 Toegang"): measures and
    budget lines in 7.4 do not belong to the goals of 7.2."""
    parts = [p.strip() for p in section.split(" > ") if p.strip()]
    if not parts:
        return ""
    keep = (
        parts[:2]
        if len(parts) > 1 and re.match(r"^\d", parts[0]) and re.match(r"^\d", parts[1])
        else parts[:1]
    )
    return " > ".join(keep)
