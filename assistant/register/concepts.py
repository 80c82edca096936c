"""Policy concepts in a text, whatever words it uses for them: a later plan says "versterken
zelfredzaamheid" where the earlier one said "redden zich zonder hulp". The concepts and their
phrasings are data (`assistant/data/concepts_nl.txt`); this module finds them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from assistant.resources import package_path
from assistant.tokenize import stem, words

CONCEPTS_FILE = package_path("assistant", "data", "concepts_nl.txt")
MAX_GAP = 2  # "redden meer Almeloërs zich": a phrase's words may stand a few words apart
PREFIX = "*"
MAX_ENDING = 4  # "eenzaam-heid", "monitor-ing": an ending; "preventie-agenda": another word


@dataclass(frozen=True)
class _Word:
    text: str
    prefix: bool

    def matches(self, word: str, stemmed: str) -> bool:
        return word.startswith(self.text) if self.prefix else stemmed == self.text


@dataclass(frozen=True)
class Phrase:
    concept: str
    words: tuple[_Word, ...]

    def found_at(self, tokens: Sequence[tuple[str, str]], start: int, k: int = 1) -> bool:
        """Whether the phrase's words from the k-th on follow `start` (its first word before it)."""
        if k == len(self.words):
            return True
        for j in range(start, min(len(tokens), start + MAX_GAP + 1)):
            if self.words[k].matches(*tokens[j]) and self.found_at(tokens, j + 1, k + 1):
                return True
        return False


@dataclass(frozen=True)
class ConceptList:
    by_stem: dict[str, tuple[Phrase, ...]]  # phrases by their first word, when it is a stem
    by_prefix: tuple[Phrase, ...]  # phrases whose first word is a prefix

    def find(self, text: str) -> dict[str, int]:
        """Each concept the text names, with how many times (at most once per word)."""
        tokens = [(w, stem(w)) for w in words(text)]
        found: dict[str, int] = {}
        for i, (word, stemmed) in enumerate(tokens):
            named = {
                phrase.concept
                for phrase in (*self.by_stem.get(stemmed, ()), *self.by_prefix)
                if phrase.words[0].matches(word, stemmed) and phrase.found_at(tokens, i + 1)
            }
            for concept in named:
                found[concept] = found.get(concept, 0) + 1
        return found

    def theme_words(self, text: str) -> frozenset[str]:
        """The words of the text that name a concept all by themselves ("eenzaamheid",
        "toegang", "monitoring"): a theme. A compound that only starts with one names a thing of
        its own ("preventieagenda" is an agenda, not prevention)."""
        found = set()
        for word, stemmed in ((w, stem(w)) for w in words(text)):
            for phrase in (*self.by_stem.get(stemmed, ()), *self.by_prefix):
                first = phrase.words[0]
                if len(phrase.words) == 1 and first.matches(word, stemmed):
                    rest = word[len(first.text) :] if first.prefix else ""
                    if len(rest) <= MAX_ENDING:
                        found.add(word)
        return frozenset(found)


def load(path: Path = CONCEPTS_FILE) -> ConceptList:
    by_stem: dict[str, list[Phrase]] = {}
    by_prefix: list[Phrase] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, _, listed = line.partition(":")
        for phrasing in listed.split("|"):
            parts = tuple(w for raw in phrasing.split() for w in _words(raw))
            if not parts:
                continue
            phrase = Phrase(name.strip(), parts)
            if parts[0].prefix:
                by_prefix.append(phrase)
            else:
                by_stem.setdefault(parts[0].text, []).append(phrase)
    return ConceptList({k: tuple(v) for k, v in by_stem.items()}, tuple(by_prefix))


def _words(raw: str) -> list[_Word]:
    """A listed word as the tokenizer splits it ("re-integratie" is two words in a text)."""
    star = raw.endswith(PREFIX)
    found = words(raw.rstrip(PREFIX))
    last = len(found) - 1
    return [_Word(w, True) if star and i == last else _Word(stem(w), False) for i, w in enumerate(found)]


@lru_cache(maxsize=1)
def concept_list() -> ConceptList:
    return load()


@lru_cache(maxsize=20_000)
def mentions(text: str) -> tuple[tuple[str, int], ...]:
    """The concepts the text names and how often: a sentence that names "zelfredzaamheid",
    "eigen kracht" and "zelfoplossend vermogen" is about self-reliance, not only touching it."""
    return tuple(sorted(concept_list().find(text).items()))


def concepts(text: str) -> frozenset[str]:
    """The names of the concepts the text speaks of."""
    return frozenset(name for name, _ in mentions(text))


def theme_words(text: str) -> frozenset[str]:
    """The words of the text that are a policy concept by themselves (see `ConceptList.theme_words`)."""
    return concept_list().theme_words(text)
