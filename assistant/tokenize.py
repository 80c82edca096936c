"""Dutch keyword terms for BM25.

A term is a normalised (NFKC, lower case, no diacritics), stemmed word that is not a stop word, or
a number. Two things make keyword search forgiving, both driven by the `Lexicon` of the indexed
corpus: compounds are split into known parts on both sides ("schuldhulpverlening" also yields
"schuld", "hulp", "schuldhulp"), and a query word the corpus does not know is mapped to the
nearest known terms ("jeugdhlup" finds "jeugdhulp").
"""

from __future__ import annotations

import bisect
import re
import threading
import unicodedata
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

from assistant.lexicon import (
    DECIMAL_COMMA,
    DEGREE_ENDINGS,
    DERIVATION_ENDINGS,
    GROUPED_NUMBER,
    SEPARABLE_PARTICLES,
    SHORTENED_WORDS,
    VERB_ENDINGS,
    VOICED_ENDINGS,
    acronyms,
)
from assistant.resources import package_path

STOPWORDS_FILE = package_path("assistant", "data", "stopwords_nl.txt")

# The classic Dutch Porter stemmer. Snowball's newer "dutch" strips the ge- prefix, which also
# mangles content words ("gezondheid" -> "zon", "gezin" -> "zin").
STEMMER = "dutch_porter"

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")
_BROKEN_WORD = re.compile(r"(\w)-\s*\n\s*(\w)")
_LINKERS = ("s", "en", "e")  # Dutch linking sounds between compound parts: gezondheid-s-zorg

MIN_PART = 4  # shorter compound parts match too much ("ouder" in "schouder")
# A compound's head (its last part) may be shorter: it names what the whole is ("eis" in
# "kwaliteitseis", "wet" in "jeugdwet"), and the rest must split into known parts first.
MIN_HEAD = 3
RELATED_LIMIT = 3  # compounds an unknown word stands for, most frequent first
MIN_COMPOUND = 8
_stem_lock = threading.Lock()


def normalize(text: str) -> str:
    """NFKC, lower case, diacritics removed ("geïndiceerde" == "geindiceerde"), hyphenation joined."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    text = _BROKEN_WORD.sub(r"\1\2", text).casefold()
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """Normalised words and numbers, nothing dropped."""
    return _TOKEN.findall(normalize(text))


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    lines = STOPWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(normalize(w.strip()) for w in lines if w.strip() and not w.startswith("#"))


@lru_cache(maxsize=1)
def _stemmer() -> snowballstemmer.Stemmer:
    return snowballstemmer.stemmer(STEMMER)


@lru_cache(maxsize=500_000)
def stem(word: str) -> str:
    # Snowball stemmers keep state in the instance: one caller at a time.
    with _stem_lock:
        return str(_stemmer().stemWord(word))


def number_terms(number: str) -> list[str]:
    """A number and its other spellings: 1.605 also as 1605, 12,6 also as 12.6 (writers differ)."""
    terms = [number]
    if GROUPED_NUMBER.fullmatch(number):
        terms.append(re.sub(r"[.,]", "", number))
    if DECIMAL_COMMA.fullmatch(number):
        terms.append(number.replace(",", "."))
    return terms


def analyze(text: str) -> tuple[list[str], list[str]]:
    """Terms (stemmed words without stop words, and numbers; no compound parts yet) and the
    unstemmed words they came from. A text that spells out an acronym ("persoonsgebonden budget")
    also gets the acronym ("pgb"), so either form finds the other."""
    terms, surfaces = _plain(text)
    phrases = _acronym_phrases()
    found = [
        acronym
        for i, term in enumerate(terms)
        for phrase, acronym in phrases.get(term, ())
        if tuple(terms[i : i + len(phrase)]) == phrase
    ]
    return terms + [a for a in dict.fromkeys(found) if a not in terms], surfaces


def _plain(text: str) -> tuple[list[str], list[str]]:
    stops = stopwords()
    terms: list[str] = []
    surfaces: list[str] = []
    for token in _TOKEN.findall(normalize(text)):
        if token[0].isdigit():
            terms.extend(number_terms(token))
        elif len(token) > 1 and token not in stops:
            token = SHORTENED_WORDS.get(token, token)
            terms.append(stem(token))
            surfaces.append(token)
    return terms, surfaces


@lru_cache(maxsize=1)
def _acronym_phrases() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """Each acronym's long forms as term sequences, by their first term."""
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for acronym, forms in acronyms().items():
        for form in forms:
            terms = tuple(_plain(form)[0])
            if len(terms) > 1 or (terms and terms[0] != acronym):
                phrases.setdefault(terms[0], []).append((terms, stem(acronym)))
    return phrases


def base_terms(text: str) -> list[str]:
    """Stemmed words without stop words, and numbers; no compound parts yet."""
    return analyze(text)[0]


class Lexicon:
    """The terms of an indexed corpus: splits compounds into known parts and repairs typos.

    Built once per index from the base terms of all chunks; read-only afterwards except for its
    caches, which are filled under a lock so one lexicon can serve many threads.
    """

    def __init__(
        self,
        term_counts: Mapping[str, int],
        surfaces: Iterable[str] = (),
        acronyms: Mapping[str, tuple[str, ...]] | None = None,
    ) -> None:
        self._counts = dict(term_counts)
        # Acronyms the documents define ("Internationale Taalklas (ITK)"): the acronym's parts are
        # the terms of its long form, so either form finds the other.
        self._acronyms = {a: tuple(t for t in terms if t != a) for a, terms in (acronyms or {}).items()}
        self._words = frozenset(t for t in self._counts if not t[0].isdigit())
        # Compound parts are unstemmed ("gezondheid" in "gezondheidszorg") while the index holds
        # stems ("gezond"): the corpus' own surface words bridge the two without stemming every
        # substring, which would cost seconds per thousand chunks.
        self._surface_stems: dict[str, str] = {}
        # The stemmer cuts long words harder ("beleidswijzigingen" -> "beleidswijz", but
        # "wijzigingen" -> "wijzig"): a compound is also split as the corpus writes it, so its head
        # is stemmed as a word of its own.
        self._compound_surfaces: dict[str, str] = {}
        # Every word the corpus writes, as written (normalised), for spelling a question out.
        spellings: set[str] = set()
        for word in surfaces:
            if len(word) < MIN_HEAD:
                continue
            if len(word) >= MIN_PART and word.isalpha():
                spellings.add(word)
            stemmed = stem(word)
            if stemmed in self._words and stemmed != word:
                self._surface_stems[word] = stemmed
                if len(word) >= MIN_COMPOUND and word.isalpha():
                    known = self._compound_surfaces.get(stemmed)
                    self._compound_surfaces[stemmed] = word if known is None else min(known, word)
        self._lock = threading.Lock()
        self._splitting = threading.local()  # terms whose surface this thread is splitting
        self._parts_cache: dict[str, tuple[str, ...]] = {}
        self._deletes: dict[str, list[str]] | None = None
        self._surface_deletes: dict[str, list[str]] | None = None  # the same over surface words
        self._spellings = frozenset(spellings)
        self._spelling_deletes: dict[str, list[str]] | None = None
        self._sorted: list[str] | None = None  # the words in order, for compounds a word begins

    def __contains__(self, term: object) -> bool:
        return term in self._counts

    def count(self, term: str) -> int:
        return self._counts.get(term, 0)

    @property
    def counts(self) -> Mapping[str, int]:
        """Chunks holding each term (read only)."""
        return self._counts

    def successor(
        self,
        term_counts: Mapping[str, int],
        surfaces: Iterable[str],
        acronyms: Mapping[str, tuple[str, ...]] | None = None,
    ) -> tuple[Lexicon, set[str]]:
        """The lexicon of the corpus after a change, and the terms of this one (the corpus before)
        that the new one splits differently.

        A term's parts depend only on which of its substrings are known words (or surface words
        of known stems), and on the parts of the parts it finds. So the parts worked out before
        are kept for every term without a substring whose standing changed, and a typo index
        already built is patched: a change costs what it touches, not the vocabulary."""
        new = Lexicon(term_counts, surfaces, acronyms)
        redefined = {a for a in self._acronyms.keys() | new._acronyms.keys() if self.parts(a) != new.parts(a)}
        redefined &= self._counts.keys() & new._counts.keys()
        pieces = {w for w in self._words ^ new._words if len(w) >= MIN_HEAD}
        pieces.update(w for w, _ in set(self._surface_stems.items()) ^ set(new._surface_stems.items()))
        spelled = set(self._compound_surfaces.items()) ^ set(new._compound_surfaces.items())
        resurfaced = {term for term, _ in spelled}
        with self._lock:
            cached = dict(self._parts_cache)
            deletes = self._deletes
            surface_deletes = self._surface_deletes
        if surface_deletes is not None:
            new._surface_deletes = _patched_deletes(
                surface_deletes,
                self._surface_stems.keys() - new._surface_stems.keys(),
                new._surface_stems.keys() - self._surface_stems.keys(),
            )
        if not pieces and not resurfaced:
            new._parts_cache = cached
            new._deletes = deletes
            return new, redefined
        candidates = set(cached) | {p for found in cached.values() for p in found} | set(self._counts)
        # A surface holding a piece changes its stem's split too ("wijzigingen" in
        # "beleidswijzigingen"): the stems of such surfaces are touched as well.
        surfaces_of = {w: t for t, w in self._compound_surfaces.items()}
        touched = _holding(candidates, pieces) | resurfaced
        touched |= {surfaces_of[w] for w in _holding(surfaces_of, pieces)}
        # A term is also touched through a part it takes the parts of ("jeugdhulp" in
        # "jeugdhulpverlening"): follow the cached splits until nothing more is touched.
        grown = True
        while grown:
            more = {t for t, found in cached.items() if t not in touched and touched.intersection(found)}
            touched |= more
            grown = bool(more)
        new._parts_cache = {t: found for t, found in cached.items() if t not in touched}
        if deletes is not None:
            new._deletes = _patched_deletes(deletes, self._words - new._words, new._words - self._words)
        kept = touched.intersection(self._counts).intersection(new._counts)
        return new, {t for t in kept if self.parts(t) != new.parts(t)} | redefined

    def _known(self, piece: str, shortest: int = MIN_PART) -> str | None:
        """The indexed form (stem) of a compound part, if the corpus knows the part."""
        if len(piece) < shortest:
            return None
        if piece in self._words:
            return piece
        return self._surface_stems.get(piece)

    def parts(self, term: str) -> tuple[str, ...]:
        """Known parts of a compound and the known runs of adjacent parts, without `term` itself;
        for an acronym a document defines, the terms of its long form."""
        acronym = self._acronyms.get(term)
        if acronym is not None:
            return acronym
        if len(term) < MIN_COMPOUND or not term.isalpha():
            return ()
        with self._lock:
            cached = self._parts_cache.get(term)
        if cached is not None:
            return cached
        found = self._split(term)
        surface = self._compound_surfaces.get(term)
        splitting = self._splitting.__dict__.setdefault("terms", set())
        if surface is not None and term not in splitting:
            # A part's own parts are taken too, and a surface may lead back to a term being split.
            splitting.add(term)
            try:
                found += tuple(p for p in self._split(surface) if p not in found and p != term)
            finally:
                splitting.discard(term)
        with self._lock:
            if len(self._parts_cache) > 200_000:
                self._parts_cache.clear()
            self._parts_cache[term] = found
        return found

    def _split(self, term: str) -> tuple[str, ...]:
        n = len(term)
        # best[i]: fewest parts covering term[:i]; cuts[i]: (start, end of core) of the last part.
        best: list[int | None] = [0] + [None] * n
        cuts: list[tuple[int, int]] = [(0, 0)] * (n + 1)
        for end in range(MIN_HEAD, n + 1):
            shortest = MIN_HEAD if end == n else MIN_PART
            for start in range(0, end - shortest + 1):
                prev = best[start]
                if prev is None or (start == 0 and end == n):
                    continue
                if end == n and term[start:] in DERIVATION_ENDINGS:
                    continue
                for core_end in self._core_ends(term, start, end, final=end == n):
                    current = best[end]
                    known = self._known(term[start:core_end], shortest)
                    if known and (current is None or prev + 1 < current):
                        best[end] = prev + 1
                        cuts[end] = (start, core_end)
        if best[n] is None:
            return self._affixes(term)
        spans: list[tuple[int, int]] = []
        pos = n
        while pos > 0:
            start, core_end = cuts[pos]
            spans.append((start, core_end))
            pos = start
        spans.reverse()
        found: list[str] = []
        # Runs of adjacent parts ("schuldhulp" in "schuldhulpverlening") when the corpus knows them.
        for i in range(len(spans)):
            for j in range(i, len(spans)):
                if i == 0 and j == len(spans) - 1:
                    continue
                known = self._known(
                    term[spans[i][0] : spans[j][1]], MIN_HEAD if j == len(spans) - 1 else MIN_PART
                )
                if known and known not in found:
                    found.append(known)
                    # "jeugdhulp" in "jeugdhulpverlening" also yields "jeugd" and "hulp".
                    found.extend(p for p in self.parts(known) if p not in found)
        return tuple(found)

    def _affixes(self, term: str) -> tuple[str, ...]:
        """For a compound with an unknown part: its longest known head and tail."""
        found: list[str] = []
        for cut in range(len(term) - MIN_PART, MIN_PART - 1, -1):
            head = self._known(term[:cut])
            if head:
                found.append(head)
                break
        for cut in range(MIN_PART, len(term) - MIN_PART + 1):
            tail = None if term[cut:] in DERIVATION_ENDINGS else self._known(term[cut:])
            if tail:
                if tail not in found:
                    found.append(tail)
                break
        return tuple(found)

    @staticmethod
    def _core_ends(term: str, start: int, end: int, final: bool) -> Iterator[int]:
        yield end
        if final:
            return
        for linker in _LINKERS:
            if term.endswith(linker, start, end) and end - len(linker) - start >= MIN_PART:
                yield end - len(linker)

    def corrections(self, term: str, limit: int = 2, surface: str = "") -> tuple[str, ...]:
        """Known words within a small edit distance of an unknown `term`, most frequent first.

        A typo may keep the stemmer from cutting a word's ending ("ontvlechitng" stays whole,
        "ontvlechting" is "ontvlecht"): then the word as typed (`surface`) is compared with the
        corpus' words as written, and their stems are returned."""
        found = self._nearest(term, self._delete_index(), limit, lambda word: word)
        if found or not surface:
            return found
        return self._nearest(surface, self._surface_delete_index(), limit, self._surface_stems.__getitem__)

    def spelled(self, text: str, is_word: Callable[[str], bool] = lambda word: False) -> str:
        """`text` with each word the corpus does not write ("begrotnig", "hegnelo") written as the
        nearest word it does, or the nearest stop word ("volgnes"): of equally near ones a stop
        word first, then two letters swapped, then the most frequent. A word with no near one
        stays as typed, and so does one `is_word` knows (a dictionary's: "boekt" is no slip of the
        corpus' "zoekt"), and one whose stem the corpus knows unless the near word has that stem
        too ("begrooting": "begroting")."""

        def spell(match: re.Match[str]) -> str:
            word = normalize(match.group(0))
            if len(word) <= MIN_PART or word in self._spellings or word in stopwords() or is_word(word):
                return match.group(0)
            found = self._nearest_spelling(word)
            if found is None:
                return match.group(0)
            term = stem(word)
            # A word whose stem the corpus knows is a form of a known word ("mantelzorgers"), or a
            # slip that stems the same ("begrooting"): only then written as the word it meets.
            if term in self._counts and stem(found) != term:
                return match.group(0)
            return found

        return re.sub(r"[^\W\d_]+", spell, text)

    def _nearest_spelling(self, word: str) -> str | None:
        with self._lock:
            if self._spelling_deletes is None:
                self._spelling_deletes = _delete_map(self._spellings | stopwords(), MIN_PART)
            deletes = self._spelling_deletes
        scored = []
        for distance, candidate in _near(word, deletes):
            if candidate[0] != word[0]:
                # A slip in the first letter is rare, and a word one letter from another in
                # front is more often another word ("bezocht" / "gezocht") than a slip.
                continue
            # A stop word is never counted in the index, and is the likelier word where it is as
            # near ("hoeeel": "hoeveel", not the corpus' own slip "hoevel"); two letters swapped
            # is the likelier slip where another word is as near ("daaravn": "daarvan", not
            # "daaraan").
            common = candidate in stopwords()
            swapped = sorted(candidate) == sorted(word)
            count = self._counts.get(stem(candidate), 0)
            scored.append((distance, not common, not swapped, -count, candidate))
        return min(scored)[-1] if scored else None

    def _nearest(
        self, word: str, deletes: Mapping[str, list[str]], limit: int, to_term: Callable[[str], str]
    ) -> tuple[str, ...]:
        if len(word) < 4 or not word.isalpha():
            return ()
        scored = []
        for distance, candidate in _near(word, deletes):
            term = to_term(candidate)
            scored.append((distance, -self._counts[term], term))
        scored.sort()
        if not scored:
            return ()
        nearest = scored[0][0]
        return tuple(dict.fromkeys(t for d, _, t in scored if d == nearest))[:limit]

    def _surface_delete_index(self) -> dict[str, list[str]]:
        with self._lock:
            if self._surface_deletes is None:
                self._surface_deletes = _delete_map(self._surface_stems, 4)
            return self._surface_deletes

    def _delete_index(self) -> dict[str, list[str]]:
        # Symmetric-delete lookup (SymSpell): words sharing a one-letter deletion are within two
        # edits. Built on the first typo, not at index time: most queries never need it.
        with self._lock:
            if self._deletes is None:
                self._deletes = _delete_map(self._words, 3)
            return self._deletes

    def document_terms(self, base: Sequence[str]) -> list[str]:
        """Base terms plus the known parts of the compounds among them."""
        terms = list(base)
        for term in base:
            terms.extend(self.parts(term))
        return terms

    def query_terms(self, text: str) -> dict[str, float]:
        """Weighted terms for a query: known words, compound parts, and typo repairs."""
        return self.query(text).weights

    def query(self, text: str) -> QueryTerms:
        """Weighted terms for a query, and how much of the query the corpus vocabulary covers."""
        weights: dict[str, float] = {}
        known_share = 0.0
        count = 0
        unseen: set[str] = set()
        found: dict[str, dict[str, float]] = {}
        completes: dict[str, dict[str, float]] = {}
        surfaces = {stem(w): w for w in words(text) if w.isalpha()}
        particles = split_particles(text)

        def add(term: str, weight: float) -> None:
            weights[term] = max(weights.get(term, 0.0), weight)

        for term in base_terms(text):
            count += 1
            known = term in self._counts
            if known:
                add(term, 1.0)
            parts = self.parts(term)
            # An unknown word that splits into known parts may still be a typo of a known word
            # ("laaggeletterheid": "laag" + "letter", or "laaggeletterd" misspelt): the repair
            # then counts, and the parts as loosely as those of a known compound.
            surface = surfaces.get(term, term)
            fixes = self.corrections(term, surface=surface) if parts and not known else ()
            for fixed in fixes:
                add(fixed, 0.8)
            for part in parts:
                # A part of a known compound is a looser match than the compound itself.
                add(part, 0.5 if known or fixes else 1.0)
            if known and particles:
                # "wijst ... toe": the verb the particle completes ("toewijzing") is what the
                # documents say, though "wijst" is a word of their own too.
                completed = self.joined(surfaces.get(term, term), particles)
                if completed:
                    completes[term] = completed
            positive = self.positive(surface, term)
            if positive:
                # "gezonder leven" is answered by a passage on "gezond leven".
                completes[term] = completes.get(term, {}) | positive
            if known or parts:
                known_share += 1.0
                continue
            related = self.related(surfaces.get(term, term), particles)
            for other, weight in related.items():
                add(other, weight)
            if related:
                found[term] = related
                known_share += 1.0
                continue
            fixes = self.corrections(term, surface=surface)
            for fixed in fixes:
                add(fixed, 0.8)
                for part in self.parts(fixed):
                    add(part, 0.4)
            known_share += 0.5 if fixes else 0.0
            unglued = {} if fixes else self.unglued(surface)
            for other, weight in unglued.items():
                add(other, weight)
            if unglued:
                found[term] = unglued
                known_share += 0.5
            elif not fixes and term.isalpha():
                unseen.add(term)
        return QueryTerms(weights, known_share / count if count else 0.0, frozenset(unseen), found, completes)

    def joined(self, word: str, particles: Collection[str]) -> dict[str, float]:
        """Known terms a verb and a particle of its clause make together: "stroomden ... uit" ->
        "uitstroom", "uitgestroomd"; "wijst ... toe" -> "toewijzing" (each a looser match)."""
        joined: dict[str, float] = {}
        for ending in ("", *VERB_ENDINGS):
            root = word[: len(word) - len(ending)]
            if word.endswith(ending) and len(root) >= MIN_PART:
                for particle in particles:
                    # the noun or infinitive ("uitstroom", "toewijzen") and the participle
                    forms = (
                        particle + root,
                        f"{particle}{_voiced(root)}en",
                        f"{particle}ge{root}d",
                        f"{particle}ge{root}t",
                    )
                    for form in forms:
                        if (term := stem(form)) in self._counts:
                            joined[term] = 0.8
        return joined

    def related(self, word: str, particles: Collection[str] = ()) -> dict[str, float]:
        """Known terms an unknown question word stands for: a split verb joined with its particle
        ("stroomden ... uit" -> "uitstroom", "uitgestroomd"), or the compounds the word begins ("uitwijken" ->
        "uitwijkmogelijkheid"); each a looser match than the word itself."""
        joined = self.joined(word, particles)
        if joined:
            return joined
        term = stem(word)
        if len(term) < MIN_COMPOUND - MIN_HEAD or not term.isalpha():
            return {}
        with self._lock:
            if self._sorted is None:
                self._sorted = sorted(self._words)
            ordered = self._sorted
        start = bisect.bisect_left(ordered, term)
        begun: list[str] = []
        for other in ordered[start:]:
            if not other.startswith(term):
                break
            if len(other) - len(term) >= MIN_HEAD:
                begun.append(other)
        begun.sort(key=lambda t: -self._counts[t])
        return {t: 0.5 for t in begun[:RELATED_LIMIT]}

    def positive(self, word: str, term: str) -> dict[str, float]:
        """The adjective a comparative or superlative is the degree of ("gezonder", "hoogste":
        "gezond", "hoog"), when the corpus uses it more often than the form asked: a noun in "-er"
        ("ouder", "dienst") is at least as common as the word it seems to grow from."""
        for ending in DEGREE_ENDINGS:
            base = word[: -len(ending)]
            if not word.endswith(ending) or len(base) < MIN_PART - 1 or not base.isalpha():
                continue
            # "sneller" -> "snel"; "groter", "hoger" -> "groot", "hoog" (the open syllable's vowel)
            forms = (base, base[:-1] if base[-1:] == base[-2:-1] else "", base[:-1] + base[-2:])
            for form in forms:
                found = stem(form) if form else ""
                if found and found != term and self._counts.get(found, 0) > self._counts.get(term, 0):
                    return {found: 0.8}
        return {}

    def unglued(self, word: str) -> dict[str, float]:
        """Known terms of a separable verb written as one word that the corpus never writes so
        ("waar Twenterand aanwerkt"): what the verb makes with its particle, as for a split one,
        or else the verb itself; each a looser match than the word. Tried after typo repair, so
        "inzett" is "inzet", not "zet"."""
        for particle in SEPARABLE_PARTICLES:
            rest = word[len(particle) :]
            if not word.startswith(particle) or len(rest) < MIN_PART or not rest.isalpha():
                continue
            found = self.joined(rest, [particle])
            if not found and (term := stem(rest)) in self._counts:
                found = {term: 0.5}
            if found:
                return found
        return {}


def _voiced(root: str) -> str:
    """A verb's root as its infinitive and nouns spell it: "wijs" (wijst) -> "wijz" (toewijzen,
    toewijzing), "schrijf" -> "schrijv"."""
    voiced = VOICED_ENDINGS.get(root[-1:]) if len(root) > 2 else None
    return root[:-1] + voiced if voiced else root


def split_particles(text: str) -> set[str]:
    """Particles of split verbs: a particle ends its clause ("stroomden ... uit naar werk",
    "... uit?"), where a preposition is followed by what it governs ("in Twenterand")."""
    tokens = re.findall(r"[^\W\d_]+|\d+|[^\w\s]", normalize(text))
    stops = stopwords()
    found = set()
    for i, token in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if token in SEPARABLE_PARTICLES and (not nxt or not nxt[0].isalnum() or nxt in stops):
            found.add(token)
    return found


@dataclass(frozen=True)
class QueryTerms:
    """`coverage` is the share of the query's words the corpus knows (a repaired typo counts
    half): low for a question in English, so keyword scores deserve less trust."""

    weights: dict[str, float]
    coverage: float
    unseen: frozenset[str] = frozenset()  # words the corpus knows in no form
    related: dict[str, dict[str, float]] = field(default_factory=dict)  # see `Lexicon.related`
    completed: dict[str, dict[str, float]] = field(default_factory=dict)  # see `Lexicon.joined`


def _holding(terms: Collection[str], pieces: Collection[str]) -> set[str]:
    """The compound-shaped `terms` that hold one of `pieces` as a substring: one scan of the
    joined terms per piece instead of every substring of every term."""
    shaped = sorted(t for t in terms if len(t) >= MIN_COMPOUND and t.isalpha())
    joined = "\n".join(shaped)
    starts: list[int] = []
    offset = 0
    for term in shaped:
        starts.append(offset)
        offset += len(term) + 1
    found: set[str] = set()
    for piece in pieces:
        at = joined.find(piece)
        while at >= 0:
            index = bisect.bisect_right(starts, at) - 1
            found.add(shaped[index])
            # Skip to the next term: one hit is enough for this one.
            at = joined.find(piece, starts[index] + len(shaped[index]))
    return found


def _patched_deletes(
    deletes: dict[str, list[str]], removed: Iterable[str], added: Iterable[str]
) -> dict[str, list[str]]:
    """A typo index (see `Lexicon._delete_index`) without `removed` and with `added` words; the
    lists it shares with `deletes` are replaced, never changed."""
    index = dict(deletes)
    for word in removed:
        if len(word) >= 3 and word.isalpha():
            for variant in _deletions(word):
                rest = [w for w in index.get(variant, ()) if w != word]
                if rest:
                    index[variant] = rest
                else:
                    index.pop(variant, None)
    for word in added:
        if len(word) >= 3 and word.isalpha():
            for variant in _deletions(word):
                index[variant] = [*index.get(variant, ()), word]
    return index


def _delete_map(words: Iterable[str], shortest: int) -> dict[str, list[str]]:
    """Every one-letter deletion of each word (of at least `shortest` letters) to the words."""
    index: dict[str, list[str]] = {}
    for word in words:
        if len(word) >= shortest and word.isalpha():
            for variant in _deletions(word):
                index.setdefault(variant, []).append(word)
    return index


def _near(word: str, deletes: Mapping[str, list[str]]) -> Iterator[tuple[int, str]]:
    """The words of a typo index (see `_delete_map`) within one edit of `word`, two for a word
    of eight letters or more, each with its distance."""
    max_distance = 1 if len(word) < 8 else 2
    candidates: set[str] = set()
    for variant in _deletions(word):
        candidates.update(deletes.get(variant, ()))
    for candidate in candidates:
        if abs(len(candidate) - len(word)) > max_distance:
            continue
        distance = edit_distance(word, candidate, max_distance)
        if distance <= max_distance:
            yield distance, candidate


def _deletions(word: str) -> set[str]:
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Optimal string alignment distance (transpositions count once); > `limit` means far."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


def count_terms(documents: Iterable[Sequence[str]]) -> dict[str, int]:
    """Document frequency of each term, for building a `Lexicon`."""
    counts: dict[str, int] = {}
    for terms in documents:
        for term in set(terms):
            counts[term] = counts.get(term, 0) + 1
    return counts
