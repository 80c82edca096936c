"""English social-domain words rewritten to Dutch, so keyword search helps English questions too.

The dense model is multilingual; BM25 is not. Rewriting the handful of domain words a question
in English hinges on ("informal carers" -> "mantelzorgers") gives BM25 something to match. The
list only holds English words that are not Dutch words too, so Dutch questions pass unchanged.
"""

from __future__ import annotations

from functools import lru_cache

from assistant.resources import package_path
from assistant.tokenize import words

GLOSSARY_FILE = package_path("assistant", "data", "glossary_en_nl.txt")


@lru_cache(maxsize=1)
def glossary() -> dict[tuple[str, ...], str]:
    """English phrase (as normalised words) -> Dutch words."""
    entries: dict[tuple[str, ...], str] = {}
    for line in GLOSSARY_FILE.read_text(encoding="utf-8").splitlines():
        if "=" not in line or line.lstrip().startswith("#"):
            continue
        english, dutch = line.split("=", 1)
        key = tuple(words(english))
        if key:
            entries[key] = dutch.strip()
    return entries


def to_dutch(text: str) -> str:
    """The question's words with known English phrases replaced by Dutch ones (longest first)."""
    entries = glossary()
    longest = max((len(k) for k in entries), default=0)
    tokens = words(text)
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for size in range(min(longest, len(tokens) - i), 0, -1):
            dutch = entries.get(tuple(tokens[i : i + size]))
            if dutch is not None:
                out.append(dutch)
                i += size
                break
        else:
            out.append(tokens[i])
            i += 1
    return " ".join(out)
