"""Dutch sentence splitting (and a lemmatizer for whoever needs one), loaded lazily, once.

`nl_core_news_sm` is used when installed; otherwise a blank Dutch pipeline with a rule-based
sentencizer, taught not to break on the abbreviations policy texts are full of ("o.a.", "t/m",
"i.v.m."). On top of spaCy we add the boundaries that matter in PDF text: a blank line, and a
line break before a bullet or list number.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Container, Iterable
from functools import lru_cache
from itertools import pairwise
from typing import Any

from assistant.lexicon import (
    ABBREVIATIONS,
    ITEM_NUMBER,
    ITEM_START,
    NO_BREAK_WORDS,
    WEAK_PAST_ENDINGS,
    strong_pasts,
)

_MODEL = "nl_core_news_sm"
_lock = threading.Lock()
_nlp: Any = None
_name = ""


# A line that starts a new item: a bullet or a list number ("1.", "2.3", "a.", "a)").
_ITEM_START = re.compile(rf"\n[ \t]*(?=[-•▪●◦■]\s|{ITEM_NUMBER}\S|[a-z][.)]\s+\S)")
_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")
# A question or exclamation mark (and a closing quote), and the word before a closing full stop.
_QUESTION_STOP = re.compile(r"[?!][\"'”’)]*$")
_LAST_WORD = re.compile(r"(?:^|\s)([^\W\d_][\w.]*)\.$")
_TAIL = 80  # characters before a cut in which its closing mark and last word are looked for
# Fragments that are only an enumeration marker or an abbreviation-looking stub.
_MARKER_ONLY = re.compile(r"^(?:(?:[-•]\s*)?(?:\(?\d{1,2}(?:\.\d{1,2})*[.)]?|[a-z][.)])|[-•])$")


def _build() -> tuple[Any, str]:
    import spacy
    from spacy.symbols import ORTH

    if spacy.util.is_package(_MODEL):
        nlp = spacy.load(_MODEL, disable=["ner"])
        name = _MODEL
    else:
        nlp = spacy.blank("nl")
        nlp.add_pipe("sentencizer")
        name = "blank:nl+sentencizer"
    # One assignment instead of add_special_case per form: each call re-validates the cache.
    tokenizer: Any = nlp.tokenizer
    rules = dict(tokenizer.rules or {})
    for abbr in ABBREVIATIONS + NO_BREAK_WORDS:
        for form in (abbr, abbr[:1].upper() + abbr[1:]):
            rules[form] = [{ORTH: form}]
    tokenizer.rules = rules
    return nlp, name


def get_nlp() -> Any:
    """The shared spaCy pipeline (built on first use, thread-safe)."""
    global _nlp, _name
    if _nlp is None:
        with _lock:
            if _nlp is None:
                _nlp, _name = _build()
    return _nlp


def model_name() -> str:
    """Which pipeline is in use, e.g. "nl_core_news_sm" or "blank:nl+sentencizer"."""
    get_nlp()
    return _name


def lemmas(text: str) -> list[str]:
    """Lower-cased lemmas of the words in `text` (token texts when no lemmatizer is available).

    The lookup lemmatizer of a blank pipeline is added on first use: loading its tables costs
    seconds that sentence splitting should not pay.
    """
    nlp = _with_lemmatizer()
    return [(t.lemma_ or t.text).lower() for t in nlp(text) if not t.is_space and not t.is_punct]


def past_tense_infinitive(word: str) -> str | None:
    """The infinitive of a past-tense form the lemmatizer does not know, or None for any other
    word: a strong one as the lexicon lists it ("gaven" -> "geven"), a weak one by its ending
    ("telde" -> a verb in "-en", "betaalde" -> "betalen").

    spaCy's lookup table lists many past forms but not all; a question word it leaves as it is
    would count as subject. Only a form that is itself no known word or lemma is read this way,
    so nouns in "-te" and "-de" ("ruimte", "waarde") stay nouns.
    """
    forms, infinitives = _lookup_table()
    word = word.lower()
    strong = strong_pasts().get(word)
    if strong is not None:
        return strong
    if not infinitives or word in forms or word in infinitives:
        return None
    for ending in WEAK_PAST_ENDINGS:
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= 2:
            return next((c for c in _infinitives(stem) if c in infinitives), None)
    return None


def is_dutch_word(word: str) -> bool:
    """The lookup lemmatizer lists `word` (lower case) as a form or a lemma, or it is a past form
    of a verb it lists ("maakte"), or a noun in -e whose plural in -n it lists ("naaste",
    "naasten"): a Dutch word, though the documents may not use it ("boekt", "bereidt"). Always
    False without such a table."""
    forms, lemmas = _lookup_table()
    if word in forms or word in lemmas:
        return True
    plural = f"{word}n" if word.endswith("e") else ""
    return (bool(plural) and (plural in forms or plural in lemmas)) or past_tense_infinitive(word) is not None


def _infinitives(stem: str) -> list[str]:
    """Spellings of the infinitive a past-tense stem may come from: "zorg" -> "zorgen",
    "betaal" -> "betalen" (an open syllable loses its double vowel), "tel" -> "tellen" (a short
    vowel doubles the consonant), "leef" -> "leven", "reis" -> "reizen"."""
    found = [f"{stem}en"]
    vowels = "aeiou"
    if len(stem) >= 3 and stem[-2] == stem[-3] and stem[-2] in vowels and stem[-1] not in vowels:
        found.append(f"{stem[:-2]}{stem[-1]}en")
    if stem[-1] not in vowels and stem[-2] in vowels and (len(stem) < 3 or stem[-3] not in vowels):
        found.append(f"{stem}{stem[-1]}en")
    voiced = {"f": "v", "s": "z"}.get(stem[-1])
    if voiced:
        found.append(f"{stem[:-1]}{voiced}en")
    return found


@lru_cache(maxsize=1)
def _lookup_table() -> tuple[Container[str], frozenset[str]]:
    """The lookup lemmatizer's forms (a spaCy table, which hashes the strings it is asked for)
    and its lemmas; both empty without one (nl_core_news_sm's lemmatizer reads past forms itself)."""
    nlp = _with_lemmatizer()
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset(), frozenset()
    try:
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
    except KeyError:
        return frozenset(), frozenset()
    return table, frozenset(table.values())


def _with_lemmatizer() -> Any:
    global _name
    nlp = get_nlp()
    if "lemmatizer" in nlp.pipe_names or _name.endswith("-no-lemmas"):
        return nlp
    with _lock:
        if "lemmatizer" not in nlp.pipe_names and not _name.endswith("-no-lemmas"):
            try:
                nlp.add_pipe("lemmatizer", config={"mode": "lookup"}).initialize()
                _name += "+lookup-lemmatizer"
            except Exception:  # spacy-lookups-data missing or incompatible: fall back to tokens
                if "lemmatizer" in nlp.pipe_names:
                    nlp.remove_pipe("lemmatizer")
                _name += "-no-lemmas"
    return nlp


def _sentence_pipes(nlp: Any) -> list[str]:
    # Only what finds sentence boundaries runs; tagging/lemmatizing every page would be wasted time.
    keep = {"sentencizer", "senter", "parser", "tok2vec"}
    if "senter" in nlp.pipe_names:
        keep = {"senter", "tok2vec"}
    return [name for name in nlp.pipe_names if name not in keep]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences of `text` as (start, end) character offsets, surrounding whitespace excluded."""
    return sentence_spans_many([text])[0]


def sentence_spans_many(texts: Iterable[str]) -> list[list[tuple[int, int]]]:
    """`sentence_spans` for many texts at once (one spaCy pass through nlp.pipe)."""
    texts = list(texts)
    nlp = get_nlp()
    out: list[list[tuple[int, int]]] = []
    pieces = [_hard_pieces(text) for text in texts]
    flat = [text[s:e] for text, spans in zip(texts, pieces, strict=True) for s, e in spans]
    docs = iter(nlp.pipe(flat, disable=_sentence_pipes(nlp), batch_size=64))
    for spans in pieces:
        result: list[tuple[int, int]] = []
        for start, _end in spans:
            doc = next(docs)
            for sent in doc.sents:
                result.extend(_strip(doc.text, sent.start_char, sent.end_char, start))
        text = texts[len(out)]
        out.append(_attach_parentheticals(text, _join_lower_starts(text, _merge_markers(text, result))))
    return out


def _hard_pieces(text: str) -> list[tuple[int, int]]:
    """Split at blank lines and before bullets/list items: boundaries spaCy cannot see."""
    cuts = {0, len(text)}
    for match in _BLANK_LINE.finditer(text):
        cuts.update((match.start(), match.end()))
    for match in _ITEM_START.finditer(text):
        cuts.add(match.end())
    points = sorted(cuts)
    return [(a, b) for a, b in pairwise(points) if text[a:b].strip()]


def _strip(text: str, start: int, end: int, offset: int) -> list[tuple[int, int]]:
    piece = text[start:end]
    left = len(piece) - len(piece.lstrip())
    right = len(piece.rstrip())
    return [(offset + start + left, offset + start + right)] if right > left else []


def _attach_parentheticals(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A bracket that opens a sentence after a full stop annotates the sentence before it
    ("... weergegeven. (bron: CBS)\nHet beroep ..."): it joins that sentence, and what follows the
    bracket starts its own."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        # spaCy may leave the "(" at the end of the sentence before.
        opens = text.startswith("(", start) or bool(out and text[out[-1][1] - 1] == "(")
        close = text.find(")", start, end) if opens else -1
        if out and close != -1 and not text[out[-1][1] : start].strip():
            out[-1] = (out[-1][0], close + 1)
            rest = close + 1 + (len(text[close + 1 : end]) - len(text[close + 1 : end].lstrip()))
            if rest < end:
                out.append((rest, end))
            continue
        out.append((start, end))
    return out


def _join_lower_starts(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A Dutch sentence opens with a capital: one that would open in lower case goes on with the
    sentence before, cut at an abbreviation spaCy does not know ("zorg a.g.v." / "investeringen
    in ...") or after a quoted question ("... de mooie woorden?” vraagt de VNG"). A letter that
    numbers a list item ("a. ...") and a blank line still part them."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and _goes_on(text, out[-1][1], start):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _goes_on(text: str, prev_end: int, start: int) -> bool:
    between = text[prev_end:start]
    if between.strip() or between.count("\n") > 1 or not text[start : start + 1].islower():
        return False
    if ITEM_START.match(text[start : start + 8]) is not None:
        return False
    before = text[max(0, prev_end - _TAIL) : prev_end]  # the end of the sentence before is enough
    if _QUESTION_STOP.search(before):
        return True  # "... op koers? bevestigt dit", "... woorden?” vraagt de VNG"
    # A full stop after a shortened word ("a.g.v.", "Verkeersmaatr."), not after a whole one:
    # "... duurzaam te maken." / "ga terug" (a web page's footer) is a sentence, then another.
    last = _LAST_WORD.search(before)
    if last is None:
        return False
    word = last.group(1)
    return "." in word or not is_dutch_word(word.lower())


def _merge_markers(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Glue "1." or "-" fragments to the item text they introduce, and tiny stubs to neighbours."""
    out: list[tuple[int, int]] = []
    carry: int | None = None
    for start, end in spans:
        if carry is not None:
            start, carry = carry, None
        if _MARKER_ONLY.match(text[start:end].strip()):
            carry = start
            continue
        out.append((start, end))
    if carry is not None:
        if out:
            out[-1] = (out[-1][0], len(text.rstrip()))
        else:
            out.append((carry, len(text.rstrip())))
    return out
