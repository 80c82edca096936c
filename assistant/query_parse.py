"""Filters a question implies: the municipalities it names, a document it names by its title
and, cautiously, a document year.

A wrong filter hides the answer, so detection errs on the side of not filtering: a year only
counts when it names a document ("beleidsplan 2022", "begroting 2020") that exists, never when it
is the subject of the question ("doel voor 2024").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from assistant.catalog import matcher
from assistant.lexicon import PERIOD_TEXT, QUESTION_CUES, QUESTION_DOCUMENT_YEAR, YEAR, fold, named_places
from assistant.tokenize import edit_distance, normalize
from assistant.types import DocumentMeta, Filters

# Endings of adjectives, possessives and inhabitants: Almelose, Almelo's, Hengeloërs, Leusdenaren.
_NAME_ENDINGS = ("", "s", "se", "ers", "er", "aren", "aar", "naren", "naar", "ner", "ners")
_TYPO_MIN_LENGTH = 6  # shorter names are too close to ordinary words to forgive a typo

# Words that name a policy document; a year right after one (within a few words) dates it.
_DOCUMENT_WORDS = (
    "plan", "programma", "begroting", "nota", "kader", "review", "rapportage", "verslag",
    "rekening", "visie", "agenda", "monitor", "notitie", "koers", "evaluatie", "document",
    "strategie", "beleid", "budget", "report", "policy",
)  # fmt: skip
_DOCUMENT_POINTERS = frozenset({"die", "dat", "deze", "dit"})
_TITLE_RUN = 2  # title words in a row that name a document
_YEAR_JOINTS = frozenset({"en", "vs", "versus", "of", "tegenover", "met"})
_WINDOW = 4  # words between the document word and its year ("beleidsplan sociaal domein 2022")
# A year right after one of these is what the question is about, not the document's date.
_SUBJECT_MARKERS = frozenset(
    {"voor", "tot", "tegen", "na", "sinds", "vanaf", "per", "eind", "begin", "medio", "in", "tm", "en", "of"}
)
# A question about "gemeenten" in general ("Welke gemeenten gebruiken ...?") must not be narrowed
# to the one municipality it happens to name.
_ACROSS_WORDS = frozenset(
    {"gemeenten", "vergelijk", "vergelijken", "vergeleken", "municipalities", "compare", "compared"}
)
# Words, numbers, and years or periods as one word ("2020-2023").
_WORD = re.compile(rf"{PERIOD_TEXT}|[^\W\d_]+|\d+")
# A statement, then the question itself: "<premise>. <asked>?" (or "; <asked>?").
_PREMISE = re.compile(r"^(?P<premise>.+[.;])\s+(?P<asked>[^.;?]+\?)$", re.DOTALL)


@dataclass(frozen=True)
class NamedDocument:
    """The documents a question names by their title ("volgens het strategisch beleidsplan
    sociaal domein") and the stretches of the question's words that name them (normalised):
    where to look, not what the answer is about."""

    doc_ids: tuple[str, ...] = ()
    runs: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class ParsedQuery:
    """The question as asked, the filters to apply, what was detected (for display), and what
    the question names that no document matches (`unmatched`: other municipalities, document
    years that are not indexed)."""

    question: str
    filters: Filters
    detected: Filters
    unmatched: Filters = field(default_factory=Filters)
    named: NamedDocument = field(default_factory=NamedDocument)


def detect_municipalities(question: str, names: Sequence[str]) -> tuple[str, ...]:
    """Names from `names` the question mentions, in the catalog's spelling and question order."""
    tokens = _WORD.findall(normalize(question))
    found: list[tuple[int, str]] = []
    for name in dict.fromkeys(names):
        parts = _WORD.findall(normalize(name))
        if not parts:
            continue
        position = _find_name(tokens, parts)
        if position is not None:
            found.append((position, name))
    return tuple(name for _, name in sorted(found))


def asked_municipalities(question: str, names: Sequence[str]) -> tuple[str, ...]:
    """The municipalities a question asks about: those its own sentence names when a sentence
    before it states what another has ("Twenterand heeft een wekelijkse inloop. Heeft Almelo ook
    zo'n inloop?" asks about Almelo), else all it names."""
    premise = _PREMISE.match(question.strip())
    if premise:
        asked = detect_municipalities(premise.group("asked"), names)
        if asked:
            return asked
    return detect_municipalities(question, names)


def _find_name(tokens: Sequence[str], parts: Sequence[str]) -> int | None:
    span = len(parts)
    for i in range(len(tokens) - span + 1):
        window = tokens[i : i + span]
        if window[:-1] == list(parts[:-1]) and _is_name_form(window[-1], parts[-1]):
            return i
    # "Rijssen-Holten" typed as one word.
    if span > 1:
        joined = "".join(parts)
        for i, token in enumerate(tokens):
            if _is_name_form(token, joined):
                return i
    return None


def _is_name_form(token: str, name: str) -> bool:
    for ending in _NAME_ENDINGS:
        if ending and not token.endswith(ending):
            continue
        stem = token[: len(token) - len(ending)] if ending else token
        if stem == name:
            return True
        if len(name) >= _TYPO_MIN_LENGTH and edit_distance(stem, name, 1) <= 1:
            return True
    return False


def detect_years(question: str, documents: Sequence[DocumentMeta]) -> tuple[int, ...]:
    """Years that date a document named in the question and match an existing document."""
    return _document_years(question, documents)[0]


def _document_years(
    question: str, documents: Sequence[DocumentMeta]
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(years that date a named document and match one, years that date one and match none)."""
    tokens = _WORD.findall(normalize(question))
    years: list[int] = []
    missing: list[int] = []
    for i, token in enumerate(tokens):
        match = QUESTION_DOCUMENT_YEAR.match(token)
        # "de begroting 2024 en 2025": a year listed after a document's year dates a document too.
        earlier = {str(y) for y in years + missing}
        listed = i >= 2 and tokens[i - 1] in ("en", "of") and tokens[i - 2] in earlier
        if not match or (i > 0 and tokens[i - 1] in _SUBJECT_MARKERS and not listed):
            continue
        before = tokens[max(0, i - _WINDOW) : i]
        # "de begroting 2024 en die van 2025": a pronoun for the document named before.
        pointing = (
            bool(years) and i >= 2 and tokens[i - 2] in _DOCUMENT_POINTERS and tokens[i - 1] in ("van", "uit")
        )
        if not (pointing or listed) and not any(
            word.endswith(_DOCUMENT_WORDS) or word in _DOCUMENT_WORDS for word in before
        ):
            continue
        year = int(match.group(1))
        if year in years or year in missing:
            continue
        dated = matcher(Filters(years=(year,)))
        if any(dated(d) for d in documents):
            years.append(year)
        else:
            missing.append(year)
    return tuple(years), tuple(missing)


def named_document(question: str, documents: Sequence[DocumentMeta]) -> NamedDocument:
    """The documents whose title the question quotes: a run of at least two of the title's words,
    in its order, one of them naming a kind of document ("beleidsplan", "review"). Where titles
    share words, the longest run names the document; a question may name two ("hoe verschilt het
    strategisch beleidsplan 2022 van de midterm review 2020"). "Sociaal domein" alone names a
    subject, not a document."""
    tokens = _WORD.findall(normalize(question))
    present = set(tokens)
    found: list[tuple[str, int, tuple[str, ...]]] = []
    for document in documents:
        title = [t for t in _WORD.findall(normalize(document.title)) if not t[0].isdigit()]
        if len(present.intersection(title)) < _TITLE_RUN:
            continue  # most titles share no two words with the question: no run to look for
        at, run = _longest_run(tokens, title)
        if len(run) >= _TITLE_RUN and any(w.endswith(_DOCUMENT_WORDS) for w in run):
            found.append((document.doc_id, at, run))
    chosen: list[tuple[str, int, tuple[str, ...]]] = []
    for doc_id, at, run in sorted(found, key=lambda f: -len(f[2])):
        overlaps = [c for c in chosen if at < c[1] + len(c[2]) and c[1] < at + len(run)]
        # A shorter run inside a longer one is the same words read against a lesser title.
        if all(len(c[2]) == len(run) for c in overlaps):
            chosen.append((doc_id, at, run))
    runs = tuple(dict.fromkeys(run for _, _, run in sorted(chosen, key=lambda c: c[1])))
    order = {doc_id: k for k, (doc_id, _, _) in enumerate(found)}
    return NamedDocument(tuple(sorted((c[0] for c in chosen), key=order.__getitem__)), runs)


def without_words(text: str, runs: Sequence[Sequence[str]]) -> str:
    """`text` without, for each of `runs`, the first stretch of words that reads it
    (normalised), as `named_document` found them."""
    for words in runs:
        found = list(_WORD.finditer(text))
        for i in range(len(found) - len(words) + 1):
            if words and all(normalize(found[i + n].group(0)) == w for n, w in enumerate(words)):
                text = f"{text[: found[i].start()]}{text[found[i + len(words) - 1].end() :]}"
                break
    return text


def without_years(text: str, years: Sequence[int]) -> str:
    """`text` without the mentions of `years` ("2024 vs 2025" with both asked: " vs ")."""
    return YEAR.sub(lambda m: " " if int(m.group(0)) in years else m.group(0), text)


def _longest_run(tokens: Sequence[str], title: Sequence[str]) -> tuple[int, tuple[str, ...]]:
    """The longest stretch of `tokens` that stands in `title` word for word, and where it starts."""
    found: tuple[str, ...] = ()
    start = 0
    for i in range(len(tokens)):
        for j in range(len(title)):
            n = 0
            while i + n < len(tokens) and j + n < len(title) and tokens[i + n] == title[j + n]:
                n += 1
            if n > len(found):
                found, start = tuple(tokens[i : i + n]), i
    return start, found


def _compared_documents(question: str, documents: Sequence[DocumentMeta]) -> tuple[int, ...]:
    """Two years a comparing question sets side by side ("begroting 2024 vs 2025", "zeggen 2024
    en 2025 hetzelfde") where each is in the title of a document of its own: those documents,
    even without a document word before the years."""
    if not QUESTION_CUES["compare"].search(fold(question)):
        return ()
    tokens = _WORD.findall(normalize(question))
    for i in range(len(tokens) - 2):
        first, joint, second = tokens[i : i + 3]
        if joint not in _YEAR_JOINTS or not all(QUESTION_DOCUMENT_YEAR.fullmatch(y) for y in (first, second)):
            continue
        titled = [{d.doc_id for d in documents if year in _WORD.findall(d.title)} for year in (first, second)]
        if all(titled) and not titled[0] & titled[1]:
            return (int(first), int(second))
    return ()


def parse_query(
    question: str, documents: Sequence[DocumentMeta], explicit: Filters | None = None
) -> ParsedQuery:
    """Detected filters, with each field the caller gave explicitly taking precedence."""
    # Distinct names: with thousands of documents, folding each one's name per question adds up.
    names = list(dict.fromkeys(d.municipality for d in documents if d.municipality))
    municipalities = asked_municipalities(question, names)
    if len(municipalities) == 1 and asks_across(question):
        municipalities = ()
    in_scope = [d for d in documents if not municipalities or d.municipality in municipalities]
    years, missing_years = _document_years(question, in_scope)
    years = years or _compared_documents(question, in_scope)
    named = named_document(question, in_scope)
    detected = Filters(municipalities=municipalities, years=years, docs=named.doc_ids)
    indexed = {fold(n) for n in names}
    others = tuple(p for p in named_places(question) if fold(p) not in indexed)
    unmatched = Filters(municipalities=others if not municipalities else (), years=missing_years)
    return ParsedQuery(question, merge_filters(explicit, detected), detected, unmatched, named)


def asks_across(question: str) -> bool:
    """The question is about municipalities in general or compares them ("Welke gemeenten ...?")."""
    return bool(_ACROSS_WORDS & set(_WORD.findall(normalize(question))))


def merge_filters(explicit: Filters | None, detected: Filters) -> Filters:
    """Field by field: what the caller set wins, detection fills the rest."""
    if explicit is None:
        return detected
    return replace(
        explicit,
        municipalities=explicit.municipalities or detected.municipalities,
        years=explicit.years or detected.years,
        docs=explicit.docs or detected.docs,
    )
