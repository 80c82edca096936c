"""Iv3 taakvelden: the national classification of every municipal budget line (0.1 Bestuur …
8.3 Wonen en bouwen), so budgets of different municipalities line up on the same task.

A budget record gets the taakveld its document prints ("6.82a Jeugdbescherming"), or the one a
name in `iv3_mapping.csv` points to without doubt ("Huishoudelijke hulp (WMO)" -> 6.71), or
"onbekend". Codes the list does not hold are never stretched to a neighbour: "6.91 Coordinatie en
beleid WMO" stays onbekend.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.lexicon import TAAKVELD_CODE, fold
from assistant.resources import package_path

UNKNOWN = "onbekend"


@dataclass(frozen=True)
class Taakveld:
    code: str
    name: str
    source: str  # "BBV", or where a subtaakveld's name was taken from


@dataclass(frozen=True)
class Tag:
    """A record's taakveld: the Iv3 code (or UNKNOWN), the code as printed, and how it was found."""

    code: str
    printed: str = ""
    how: str = ""  # "document" (the row prints the code) or "mapping" (a name in the mapping)


@lru_cache(maxsize=1)
def taakvelden() -> dict[str, Taakveld]:
    with package_path("assistant", "data", "iv3_taakvelden.csv").open(encoding="utf-8") as handle:
        return {
            row["code"]: Taakveld(row["code"], row["name"], row["source"]) for row in csv.DictReader(handle)
        }


@lru_cache(maxsize=1)
def _mapping() -> tuple[tuple[re.Pattern[str], str], ...]:
    with package_path("assistant", "data", "iv3_mapping.csv").open(encoding="utf-8") as handle:
        return tuple((re.compile(row["pattern"]), row["code"]) for row in csv.DictReader(handle))


def name_of(code: str) -> str:
    known = taakvelden().get(code)
    return known.name if known else ""


def printed_code(label: str) -> str:
    """The taakveld code a row label starts with ("6.71a Hulp bij …" -> "6.71a"), or ""."""
    match = TAAKVELD_CODE.match(label)
    return match.group("code").lower() if match else ""


def classify(label: str) -> Tag:
    """The taakveld of a budget line from its label: printed code first, then a confident name."""
    printed = printed_code(label)
    if printed in taakvelden():
        return Tag(printed, printed, "document")
    codes = {code for pattern, code in _mapping() if pattern.search(fold(label))}
    if len(codes) == 1:
        return Tag(codes.pop(), printed, "mapping")
    return Tag(UNKNOWN, printed, "")


def matches(tag_code: str, asked: str) -> bool:
    """Whether a record's taakveld falls under the asked one: 6.71 holds 6.71 and 6.71a-d, not 6.7."""
    asked = asked.strip().lower()
    if not tag_code or tag_code == UNKNOWN:
        return False
    return tag_code == asked or (tag_code.startswith(asked) and tag_code[len(asked) :].isalpha())
