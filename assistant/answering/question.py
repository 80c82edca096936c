"""What a question asks: its intents, its subject, the places and years it names, and its parts.

"Welk subdoel gaat over eenzaamheid, en tegen welk jaar moet het bereikt zijn?" is two questions:
a goal about loneliness and a year. Each part keeps its own intents and subject terms, so the
answer can be checked to cover both. The subject is what the question is about once the question
words, the cue words of its intent, municipality names and years are set aside.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import lru_cache
from itertools import pairwise

from assistant.lexicon import (
    ASKS_FIGURE,
    BACKGROUND,
    CUE_REPAIR_MIN_LENGTH,
    CUE_SPELLINGS,
    DEADLINE_PHRASE,
    DIGIT,
    DOCUMENT_PART,
    EREN_PLURALS,
    FINITE_AFTER,
    FINITE_AFTER_NOUN,
    FRAMING_WORDS,
    FREQUENCY,
    LENGTH_OF_TIME,
    LIST_NOUN,
    MONEY_ASKING,
    MONEY_COMPOUND,
    MONEY_WORDS,
    MONEY_WORDS_IN_TEXT,
    MONTHS,
    NAMED_DOCUMENT_YEAR,
    NUMBER_WORDS,
    PREPOSITIONS,
    QUESTION_CUES,
    RATE_NOUN,
    SEPARABLE_PARTICLES,
    YEAR,
    column_ask_words,
    fold,
    phrasing_words,
    reads_english,
)
from assistant.nlp import is_dutch_word, lemmas, past_tense_infinitive
from assistant.query_parse import detect_municipalities
from assistant.tokenize import base_terms, edit_distance, split_particles, stem


class Intent(StrEnum):
    AMOUNT = "amount"  # money
    NUMBER = "number"  # a count or a measured value
    PERCENT = "percent"
    LIST = "list"
    GOAL = "goal"
    INDICATOR = "indicator"  # how something is measured
    MEASURE = "measure"  # what will be done
    WHEN = "when"
    WHO = "who"
    WHERE = "where"  # a place: where something is housed, or where people can go
    WHY = "why"
    FUNDING = "funding"  # where the money comes from: a reserve, a grant, a budget
    RESULT = "result"  # what something achieved or delivered
    TABLE = "table"  # the question points at a table ("in de maatregelentabel")
    YESNO = "yes-no"
    COMPARE = "compare"  # across municipalities, years or documents
    DESCRIBE = "describe"  # anything else: what is X, how does X work

    @property
    def wants_figure(self) -> bool:
        return self in (Intent.AMOUNT, Intent.NUMBER, Intent.PERCENT)


# A second question joined by "en"/"," starts with a question word: "..., en tegen welk jaar ...".
_PART_SPLIT = re.compile(
    r"\?\s+(?=\S)|,?\s+(?:en|maar)\s+(?=(?:(?:tegen|onder|in|met|voor|op|uit|door|vanaf|per|tot|aan|bij|van|over|"
    r"naar|om|via|sinds)\s+)?(?:wat|wie|hoe|hoeveel|welke?|wanneer|waarom|waardoor|waar\w*)\b)"
    r"|,\s+(?:en|maar)\s+(?=(?:is|zijn|was|waren|heeft|hebben|wordt|worden|gaat|gaan|kan|kunnen|moet|moeten)\b)",
    re.IGNORECASE,
)
_QUESTION_WORDS = frozenset(
    fold(w)
    for w in [
        "wat",
        "wie",
        "hoe",
        "hoeveel",
        "welk",
        "welke",
        "wanneer",
        "waarom",
        "waardoor",
        "waar",
        "waaraan",
        "waarvoor",
        "waarmee",
        "noem",
        "geef",
        "beschrijf",
        "leg",
        "uit",
        "what",
        "which",
        "how",
        "who",
        "when",
        "why",
        "does",
        "do",
        "is",
        "are",
    ]
)
_MONTHS = frozenset(MONTHS)
# "hoeveel meer moet ... betalen" asks how much more; "hoeveel minder cliënten" counts cliënten.
_COUNTED = re.compile(
    r"\b(?:hoeveel|aantal|how many|number of)\s+(?:(?:meer|minder|more|fewer|less)\s+)?"
    r"(?P<words>(?:[\w-]+\s*){1,3})"
)
# Units and generic people: "hoeveel kilo restafval" measures, "hoeveel mensen" may be "69 ontheemden".
_NOT_COUNTED = frozenset(
    {
        "keer", "jaar", "jaren", "maanden", "weken", "dagen", "uur", "uren", "procent", "fte", "kilo", "kg",
        "ton", "meter", "liter", "mensen", "personen", "inwoners", "huishoudens",
    }
)  # fmt: skip
# Infinitives the lookup table keeps as they are: -eren verbs and separable verbs ("vrijmaken").
_VERB_ENDINGS = (
    "eren", "maken", "stellen", "zetten", "geven", "nemen", "houden", "brengen", "komen", "gaan",
    "laten", "leggen", "voeren", "zoeken", "werken", "pakken", "vullen", "richten",
)  # fmt: skip
# Words of money or shares, which are no counts: "hoeveel geld", "hoeveel procent".
_MONEY_OR_SHARE = (QUESTION_CUES[Intent.AMOUNT], QUESTION_CUES[Intent.PERCENT], MONEY_WORDS)
# Intents whose cue words say what kind of answer is wanted, not what it is about.
_FORM_INTENTS = (
    Intent.AMOUNT, Intent.NUMBER, Intent.PERCENT, Intent.WHEN, Intent.WHO, Intent.WHERE, Intent.WHY,
    Intent.FUNDING,
)  # fmt: skip
# The intents a question part can have by its cue words, figures first: a percentage before money
# before a count, of which a part asks for one at most.
_PART_INTENTS = (
    Intent.PERCENT, Intent.AMOUNT, Intent.NUMBER, Intent.LIST, Intent.WHEN, Intent.WHO, Intent.WHERE,
    Intent.WHY, Intent.FUNDING, Intent.RESULT, Intent.TABLE, Intent.INDICATOR, Intent.GOAL, Intent.MEASURE,
)  # fmt: skip


@dataclass(frozen=True)
class QuestionPart:
    text: str
    intents: frozenset[Intent]
    subject: tuple[str, ...]  # the words (folded) of what this part is about
    # Nouns that say what kind of figure is asked and also name it ("subsidie", "eigen bijdrage",
    # "reserve"): not the subject, but an answer that repeats them is the better one.
    kind_nouns: tuple[str, ...] = ()


@dataclass(frozen=True)
class Analysis:
    question: str
    intents: frozenset[Intent]
    parts: tuple[QuestionPart, ...]
    subject: tuple[str, ...]
    years: tuple[int, ...]  # every year the question mentions
    list_size: int | None
    # Subject words an answer cannot do without: not verbs ("betaalt", "verankeren"), which
    # documents phrase their own way.
    distinctive: tuple[str, ...] = ()
    english: bool = False  # asked in English: unknown words are untranslated, not absent topics
    asks_figure: bool = False  # asks outright for an amount, a count or a percentage ("hoeveel ...")
    # What a count question counts: ("mantelzorgers",) in "Hoeveel mantelzorgers ...", two nouns
    # in "Hoeveel woonservicegebieden en zorgloketten ...".
    counted: tuple[str, ...] = ()
    # Subject words only in a closing bracket: what a follow-up inherited from the conversation
    # ("Welke subsidie krijgt de SKOW (Internationale Taalklas)?"), context rather than the point.
    background: tuple[str, ...] = ()
    # The plural noun a list question asks for: "actielijnen" in "Welke vier actielijnen ...".
    list_noun: str | None = None
    # "Hoeveel" right before a finite verb ("Hoeveel legt Wassenaar in ...?", "Hoeveel betaalt
    # ...?"): how much, which a count of something else does not answer.
    how_much: bool = False
    # What a rate in the question is per ("inwoners" in "hoeveel banen per 1.000 inwoners"): the
    # base of the figure, not what it counts.
    rate_base: tuple[str, ...] = ()

    @property
    def kind_nouns(self) -> tuple[str, ...]:
        nouns = (n for part in self.parts for n in part.kind_nouns if n not in self.subject)
        return tuple(dict.fromkeys(nouns))

    def wants(self, *intents: Intent) -> bool:
        return any(i in self.intents for i in intents)

    @property
    def wants_figure(self) -> bool:
        return any(i.wants_figure for i in self.intents)


def question_parts(question: str) -> list[str]:
    """The questions a question asks: "..., en tegen welk jaar ...?" is two."""
    return [p.strip(" ?,") for p in _PART_SPLIT.split(question) if p and p.strip(" ?,")] or [question]


def analyze_question(question: str, names: Sequence[str] = (), source: Sequence[str] = ()) -> Analysis:
    """Intents, subject and parts of `question`; `names` are municipality names to set aside
    (with their adjectives: "Almelose", "Hengelose"), `source` the words with which the question
    names the document to look in (see `query_parse.named_document`), unless they are all it
    asks about. A typo in a word the intent is read from is repaired first ("hoe wordt dat
    gemeetn" asks how it is measured)."""
    question = repair_cues(question)
    pieces = question_parts(question)
    name_terms = {t for name in names for t in base_terms(name)}
    folded = fold(question)
    said = re.findall(r"\w+", folded)
    name_forms = frozenset(w for w in said if detect_municipalities(w, names))
    # A title word the question uses again besides the title ("op welk eerder beleidskader volgt
    # het beleidskader sociaal domein") is also what it asks about.
    titled = {fold(w) for w in source if said.count(fold(w)) <= source.count(w)}
    parts = _pointing_back(tuple(_part(piece, name_terms, name_forms | titled) for piece in pieces))
    if source and not any(part.subject for part in parts):
        parts = _pointing_back(tuple(_part(piece, name_terms, name_forms) for piece in pieces))
    intents = frozenset(i for part in parts for i in part.intents)
    if QUESTION_CUES[Intent.COMPARE].search(folded):
        intents |= {Intent.COMPARE}
    subject = tuple(dict.fromkeys(t for part in parts for t in part.subject))
    # A split verb ("stroomden ... uit") is the topic itself: its forms join into "uitstroom".
    split_verb = bool(split_particles(question))
    size = next((n for word, n in NUMBER_WORDS.items() if re.search(rf"\b{word}\b", folded)), None)
    years = tuple(dict.fromkeys(int(y) for y in YEAR.findall(question)))
    english = reads_english(question)
    # "Weten Almelo en Wassenaar hoeveel laaggeletterden ze hebben?" asks whether, not how many.
    # What a follow-up inherited in its closing bracket ("en landelijk (hoeveel ...)?") guides the
    # answer but does not make the figure a must: only what was typed does.
    typed = fold(BACKGROUND.sub("", question))
    asks_figure = bool(ASKS_FIGURE.search(typed)) and not QUESTION_CUES[Intent.YESNO].match(typed)
    counted = _counted(folded, name_forms)
    how_much = _asks_how_much(folded)
    list_noun = _list_noun(folded) if Intent.LIST in intents else None
    bracket = BACKGROUND.search(question)
    background: tuple[str, ...] = ()
    if bracket:
        own = set(_subject(fold(question[: bracket.start()]), name_terms, name_forms))
        background = tuple(w for w in subject if w not in own)
    return Analysis(
        question,
        intents,
        parts,
        subject,
        years,
        size,
        _distinctive(subject, split_verb, _finite_verbs(pieces, split_verb) | _framing(folded)),
        english,
        asks_figure,
        counted,
        background,
        list_noun,
        how_much,
        tuple(dict.fromkeys(m.group("noun") for m in RATE_NOUN.finditer(folded))),
    )


def _framing(folded: str) -> frozenset[str]:
    """The words of the question that frame it rather than name its subject: `FRAMING_WORDS` and
    the words of a time phrase ("voor eind 2024", "in het tweede kwartaal van 2023"), which say
    when as the year alone does."""
    timed = {w for m in DEADLINE_PHRASE.finditer(folded) for w in re.findall(r"[^\W\d_]+", m.group())}
    return FRAMING_WORDS | frozenset(timed)


def _distinctive(subject: Sequence[str], split_verb: bool, finite: frozenset[str]) -> tuple[str, ...]:
    """The subject less its verbs; when the verb is all the subject says ("Hoeveel procent van de
    Almeloërs rookt?"), the verb is the topic, as its infinitive ("roken"): without it any
    percentage of Almelo would do."""
    kept = tuple(w for w in _not_verbs(subject, split_verb) if w not in finite)
    if kept:
        return kept
    verbs = [w for w in subject if w not in finite]
    return tuple(dict.fromkeys((lemmas(w) or [w])[-1] for w in verbs))


def _list_noun(folded: str) -> str | None:
    """The plural noun a list question asks for, after "welke", "noem", "wat zijn de" or a count."""
    match = LIST_NOUN.search(folded)
    if match is None:
        return None
    noun = match.group("noun")
    return None if noun in phrasing_words() or noun in _QUESTION_WORDS else noun


def _finite_verbs(pieces: Sequence[str], split_verb: bool = False) -> frozenset[str]:
    """The word right after a question adverb or pronoun, or after "welke"/"hoeveel" and its noun,
    is the finite verb, whatever its form: "Wanneer verwachten ...", "Hoe pakken ...", "en wie
    wijst toe", "Welke maatregelen horen daarbij" (V2 word order)."""
    verbs = set()
    for piece in pieces:
        # A split verb after its noun is the topic ("Hoeveel mensen stroomden ... uit": uitstroom).
        for pattern in (FINITE_AFTER,) if split_verb else (FINITE_AFTER, FINITE_AFTER_NOUN):
            match = pattern.match(fold(piece))
            if match:
                verbs.add(match.group("verb"))
    return frozenset(verbs)


def _counted(folded: str, names: frozenset[str]) -> tuple[str, ...]:
    """The nouns a count question counts ("hoeveel mantelzorgers", "het aantal verwijzingen",
    "hoeveel woonservicegebieden en zorgloketten"); not money or shares, which are no counts."""
    match = _COUNTED.search(folded)
    if match is None:
        return ()
    nouns: list[str] = []
    words = match.group("words").split()
    for i, word in enumerate(words):
        if word in names and not nouns:
            continue  # "hoeveel Hengelose inwoners"
        if nouns and word in ("en", "of"):
            continue  # a second counted noun may follow
        if word.endswith("e") and i + 1 < len(words) and words[i + 1] not in ("en", "of"):
            continue  # an adjective: "hoeveel oekraiense ontheemden" counts ontheemden
        # "Hoeveel legt ... in": a finite verb after "hoeveel" counts nothing (it asks how much).
        # A figure ("hoeveel 2019/20 ...", as a follow-up carries a year) counts nothing either.
        generic = (
            word in _NOT_COUNTED
            or word in phrasing_words()
            or not base_terms(word)
            or _verb_at(words, i)
            or DIGIT.search(word) is not None
        )
        if generic or any(cue.search(word) for cue in _MONEY_OR_SHARE):
            break
        nouns.append(word)
        if len(nouns) == 1 and not re.search(rf"\b{re.escape(word)}\s+(?:en|of)\s", folded):
            break
    return tuple(nouns)


def repair_cues(question: str) -> str:
    """`question` with each word one edit away from a cue word (lexicon.CUE_SPELLINGS) or a
    phrasing word ("oplvert", "haneert") spelt as that word; other words as typed."""
    spellings = _repairable()

    def repaired(match: re.Match[str]) -> str:
        word = match.group(0)
        folded = fold(word)
        if len(folded) < CUE_REPAIR_MIN_LENGTH or folded in spellings or folded in _QUESTION_WORDS:
            return word
        near = [c for c in spellings if c[0] == folded[0] and edit_distance(folded, c, 1) <= 1]
        # A word of its own ("werken", not a slip for "werden") is read as typed; only a cue
        # word is worth the doubt ("wanner" is a word, and a slip for "wanneer").
        if len(near) != 1 or (is_dutch_word(folded) and near[0] not in CUE_SPELLINGS):
            return word
        # Another form of a phrasing word ("bijdrage" / "bijdragen") is no slip: left as typed.
        return near[0] if near[0] in CUE_SPELLINGS or stem(near[0]) != stem(folded) else word

    return re.sub(r"[^\W\d_]+", repaired, question)


@lru_cache(maxsize=1)
def _repairable() -> frozenset[str]:
    """The words a typo is read as: cue words, and the longer phrasing words, which name no
    subject, so a slip in one ("haneert") is no word the documents lack."""
    return CUE_SPELLINGS | {w for w in phrasing_words() if len(w) >= CUE_REPAIR_MIN_LENGTH}


def _counts_money(folded: str) -> bool:
    """ "hoeveel" before a sum of money of some kind ("hoeveel exploitatiebudget", "hoeveel
    investeringsbedrag"); not before what is also counted ("hoeveel uitkeringen")."""
    match = _COUNTED.search(folded)
    return match is not None and bool(MONEY_COMPOUND.fullmatch(match.group("words").split()[0]))


def _asks_how_much(folded: str) -> bool:
    """ "Hoeveel legt Wassenaar in ...?": a finite verb after "hoeveel" asks how much, not how
    many; a word that a preposition follows is a noun, whatever else it may be ("hoeveel
    verzekerden in de collectieve zorgverzekering", "verzekerden" a past tense too)."""
    match = _COUNTED.search(folded)
    if match is None:
        return False
    words = match.group("words").split()
    # "Hoeveel stonden er op de wachtlijst?": the verb and "er" ask how many.
    return _verb_at(words, 0) and not (len(words) > 1 and words[1] == "er")


def _verb_at(words: Sequence[str], i: int) -> bool:
    """`words[i]` is a finite verb, not a noun that a preposition follows."""
    return _finite(words[i]) and not (i + 1 < len(words) and words[i + 1] in PREPOSITIONS)


def _finite(word: str) -> bool:
    """An inflected or past verb form ("legt", "betaalt", "telde"); "onderzoeken" is a plural,
    whatever the infinitive looks like."""
    return _inflected(word, (lemmas(word) or [word])[-1]) or past_tense_infinitive(word) is not None


def _not_verbs(words: Sequence[str], split_verb: bool = False) -> tuple[str, ...]:
    """The words that are not verbs, as far as the lookup lemmatizer tells (plural nouns in -en
    such as "doelen" and "kosten" stay); with `split_verb` a past form the lemmatizer does not
    know stays too, as the verb whose particle the question holds."""
    if not words:
        return ()
    forms = lemmas(" ".join(words))
    if len(forms) != len(words):  # the lemmatizer split a word: judge them one by one
        forms = [(lemmas(w) or [w])[-1] for w in words]
    return tuple(w for w, lemma in zip(words, forms, strict=True) if not _verb(w, lemma, split_verb))


def _verb(word: str, lemma: str, split_verb: bool = False) -> bool:
    """An inflected verb ("betaalt" -> "betalen"), a past form the lemmatizer does not list
    ("telde"; not when the question splits a verb), or an infinitive in -eren ("verankeren")."""
    infinitive = word.endswith(_VERB_ENDINGS) and not word.endswith(EREN_PLURALS)
    past = not split_verb and past_tense_infinitive(word) is not None
    return _inflected(word, lemma) or infinitive or past


def _inflected(word: str, lemma: str) -> bool:
    """A form the lemmatizer leads back to an infinitive ("betaalt" -> "betalen", "gingen" ->
    "gaan")."""
    return lemma != word and lemma.endswith(("en", "aan"))


def _pointing_back(parts: tuple[QuestionPart, ...]) -> tuple[QuestionPart, ...]:
    """A part that names nothing but a verb, or nothing ("..., en hoe lang loopt die?", "..., en wat
    kost dat?"), asks about the subject of the part before it: the pilot, not whatever else "loopt"."""
    out: list[QuestionPart] = []
    for part in parts:
        if out and not _not_verbs(part.subject):
            part = replace(part, subject=out[-1].subject)
            # "Hoeveel exploitatiebudget ... 2024, en hoeveel ... 2025?": the same sum of money.
            before = out[-1].intents & {Intent.AMOUNT, Intent.PERCENT}
            if Intent.NUMBER in part.intents and before:
                part = replace(part, intents=(part.intents - {Intent.NUMBER}) | before)
        out.append(part)
    return tuple(out)


def _part(text: str, name_terms: set[str], names: frozenset[str]) -> QuestionPart:
    folded = fold(text)
    intents = set(_intents(folded))
    if Intent.NUMBER in intents and _counts_money(folded):
        # "Hoeveel exploitatiebudget": how much of a sum of money, not how many of something.
        intents = (intents - {Intent.NUMBER}) | {Intent.AMOUNT}
    if not intents:
        intents.add(Intent.DESCRIBE)
    subject = _subject(folded, name_terms, names)
    # "de peilwaarde voor eenzaamheid": the column of the figure asked, named in every indicator
    # table's header, so it says which figure to give, not which row or passage holds it.
    # Asked on its own ("En de streefwaarde?"), the column is all the subject there is.
    columns = tuple(w for w in subject if w in column_ask_words())
    if len(columns) == len(subject):
        columns = ()
    subject = tuple(w for w in subject if w not in columns)
    return QuestionPart(text, frozenset(intents), subject, (*_kind_nouns(folded), *columns))


def _kind_nouns(folded: str) -> tuple[str, ...]:
    """The money nouns the amount cue took from the subject ("subsidie", "bijdrage"), not the
    words that only ask for money ("geld", "euro", "kosten")."""
    found = [m.group(0) for m in MONEY_WORDS_IN_TEXT.finditer(folded)]
    nouns = _not_verbs(list(dict.fromkeys(w for w in found if w not in MONEY_ASKING)))
    # "Welk investeringsbedrag": an amount of an investment.
    kinds = [m.group("kind") for m in MONEY_COMPOUND.finditer(folded) if m.group("kind") not in MONEY_ASKING]
    return tuple(dict.fromkeys([*nouns, *kinds]))


def _intents(folded: str) -> list[Intent]:
    """The intents whose cue words `folded` holds; a yes-no question only when it asks nothing else."""
    cued = [intent for intent in _PART_INTENTS if QUESTION_CUES[intent].search(folded)]
    figures = [intent for intent in cued if intent.wants_figure]
    found = [intent for intent in cued if not intent.wants_figure or intent is figures[0]]
    if not found and QUESTION_CUES[Intent.YESNO].match(folded):
        found.append(Intent.YESNO)
    return found


def _subject(folded: str, name_terms: set[str], names: frozenset[str]) -> tuple[str, ...]:
    """The words (folded) left without question words, the cue words of amount/count/time
    questions, names, years and stop words: what the answer has to be about."""
    stripped = folded
    for intent in _FORM_INTENTS:
        stripped = QUESTION_CUES[intent].sub(" ", stripped)
    # "volgens de begroting 2025" and "volgens de beleidsindicatoren" name where to look, not what
    # the answer is about.
    stripped = DOCUMENT_PART.sub(" ", YEAR.sub(" ", NAMED_DOCUMENT_YEAR.sub(" ", stripped)))
    stripped = FREQUENCY.sub(" ", stripped)
    phrasing = phrasing_words()
    # A name in quotes ("de opgave 'Vormgeven integrale toegang en regie'") leaves its quotes.
    found = (w.strip("'") for w in re.findall(r"[\w'-]+", stripped))
    words = [w for w in found if w and w not in _QUESTION_WORDS and w not in phrasing]
    # A verb's particle ("werken ... mee") is no subject of its own ("samen" is a word of its own).
    skip = names | NUMBER_WORDS.keys() | (set(SEPARABLE_PARTICLES) - {"samen"})
    kept = [w for w in words if w not in skip and (terms := base_terms(w)) and not set(terms) & name_terms]
    return tuple(dict.fromkeys(w for w in kept if not w.isdigit()))


def topic_words(question: str, names: Sequence[str] = ()) -> tuple[str, ...]:
    """What a question is about, as typed, for a follow-up to inherit: its content words,
    including those that say what kind of answer it wants ("eigen bijdrage", "budget"), without
    question words, names, years, months, verbs and phrasing."""
    question = repair_cues(question)
    analysis = analyze_question(question, names)
    name_terms = {t for name in names for t in base_terms(name)}
    # An age or a length of time ("jongeren tot 18 jaar", "binnen zes weken") says of whom or how
    # long, not what about: "jaar" is no topic to carry.
    words = [w.strip(",.;:?!()'\"") for w in LENGTH_OF_TIME.sub(" ", question).split()]
    kept = []
    for before, word in pairwise(["", *words]):
        folded = fold(word)
        if not word or folded in _QUESTION_WORDS or folded in phrasing_words() or folded in _MONTHS:
            continue
        if fold(before) in ("hoe", "how"):
            continue  # "hoe groot", "hoe hoog", "hoe vaak": the question's, not a subject word
        terms = base_terms(word)
        if not terms or set(terms) & name_terms or YEAR.fullmatch(word) or word.isdigit():
            continue
        if detect_municipalities(word, names) or (
            folded in analysis.subject and folded not in analysis.distinctive
        ):
            continue  # a name form ("Almelose"), or a verb the analysis set aside
        kept.append(word)
    return tuple(dict.fromkeys(kept))
