"""Follow-up questions resolved against the conversation before retrieval.

"En in Leusden?" after "Hoeveel geld reserveert Twenterand voor laaggeletterdheid?" asks the same
thing of Leusden; "Hoe wordt dat gemeten?" asks how *that* goal is measured. An elliptical
question (one that starts with "En ...", points back with "dat", "daarvoor", "hiervoor", or has
almost no subject of its own) inherits the topic, municipality and year of the turn before; a
question that names its own subject starts fresh. Each earlier turn is resolved against the
ones before it, so a chain of follow-ups keeps its topic.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from assistant.answering.question import Intent, analyze_question, repair_cues, topic_words
from assistant.lexicon import (
    ASKING_WORD,
    BACKGROUND,
    DOCUMENT_KIND,
    DOCUMENT_KIND_WORD,
    FIGURE_ASKING,
    ITEM_START,
    MONEY_ASKING,
    NAMED_DOCUMENT_YEAR,
    ORDINAL_NOT_ITEM,
    ORDINAL_REFERENCE,
    ORDINALS,
    PREPOSITIONS,
    QUESTION_CUES,
    RELATIVE_YEAR,
    SAME_DOCUMENT_YEAR,
    SIBLING_TERMS,
    YEAR,
    fold,
)
from assistant.query_parse import asked_municipalities, asks_across, detect_municipalities
from assistant.tokenize import edit_distance, stem, stopwords
from assistant.types import Filters

# A question that continues the one before ("En ...", "Ook ...", "Welke nog meer?", "Wie zorgt
# dan nog voor ...?", "Wie doet dat dan?").
_CONTINUES = re.compile(
    r"^\s*(?:en|ook|maar|dan|verder|and|also|what about)\b|\bnog meer\b|^\s*waarom\s*\??\s*$"
    r"|\bdan nog\b|\bdan\s*\?\s*$"
)
# Words that point back at the previous topic; the weak ones are also articles or pronouns
# ("dit jaar", "die gemeente") and only count in a question with little subject of its own.
_ANAPHORS = frozenset(
    {
        "daar", "daarover", "daarvoor", "daarmee", "daarin", "daarbij", "daaraan", "daarvan", "daarop",
        "daardoor", "daarbinnen", "daarbuiten", "daaruit", "daartoe", "daartegen", "daaronder", "daarna",
        "daarachter", "daarnaar", "daarzonder", "daartussen",
        "hierover", "hiervoor", "hiermee", "hierin", "hierbij", "hieraan", "hiervan", "hieronder",
        "hierbinnen", "hieruit", "hiertoe", "hierna", "hierop", "hierdoor", "hiertegen",
        "dezelfde", "hetzelfde", "that", "those", "it", "they",
    }
)  # fmt: skip
_SAME = frozenset({"hetzelfde", "dezelfde"})  # point back, and ask to compare (lexicon: compare cue)
# "er" with a preposition points back as well ("Hoeveel geld is ervoor?"), but also at what the
# question itself names ("Welke regeling is er, en wie maakt ervan gebruik?"): weak.
_WEAK_ANAPHORS = frozenset(
    {
        "dat", "die", "dit", "deze", "ze", "zij", "hun", "hen", "this", "these",
        "ervoor", "erover", "ermee", "erbij", "eraan", "ervan", "erin", "erop", "eruit", "ertoe", "erna",
    }
)  # fmt: skip
_DEMONSTRATIVE_NOUN = re.compile(r"\b(?:dat|die|dit|deze|this|that|these|those)\s+(\w+)")
_TYPO_MIN = 6  # a word this long one slip from a pointer word is that word typed in haste ("daarovor")
_WEAK_MAX_SUBJECT = 3
_MIN_HEAD = 4  # letters of a noun that may be the head of a compound ("visie", "regels")
# "En in Leusden?", "En in 2021?", "En volgens de begroting van 2025?": only a place or a year.
_SUBSTITUTION = re.compile(
    r"^\s*(?:en|and|what about|ook)\s+(?:(?:in|bij|voor|van|volgens|over|for|in the)\s+)*"
    r"(?:(?:de|het|the)\s+)?(?:(?:begroting|programmabegroting|kadernota|jaar|year|budget)\s+(?:van\s+)?)?"
    r"(?P<rest>[^?]*?)\s*\??\s*$",
    re.IGNORECASE,
)
# "En aan de Metropoolregio?", "en voor meerpersoonshuishoudens": another thing in the same role.
_SWAP = re.compile(
    rf"^\s*(?:en|ook)\s+(?P<prep>{'|'.join(sorted(PREPOSITIONS))})\s+(?P<phrase>[^?]+?)\s*\??\s*$",
    re.IGNORECASE,
)
# Where the phrase a preposition opens ends: a sign, or a word that opens the next part.
_PHRASE_END = re.compile(
    rf"[?,.;:!]|\s(?=(?:{'|'.join(sorted(PREPOSITIONS | {'en', 'of', 'om', 'die', 'dat', 'volgens'}))})\b)",
    re.IGNORECASE,
)
_MIN_OWN_SUBJECT = 2  # subject words a question needs to stand on its own
# Numbered items written on one line: "1) Bevorderen ...; 2) Versterken ...", or without the
# bracket after a colon or semicolon: "In 2022: 1 redden meer ...; 2 ontwikkelen ...".
_INLINE_NUMBERS = (
    re.compile(r"(?:^|(?<=[\s;:]))(\d{1,2})[.)]\s+"),
    re.compile(r"(?:^|(?<=[;:]))\s*(\d{1,2})\s+(?=[a-zà-ÿ])"),
)
_CITATION = re.compile(r"\s*\[\d+\]")
# Intents whose cue words say what kind of statement was asked for ("doel", "bereiken", "meten").
_KIND_INTENTS = (Intent.GOAL, Intent.INDICATOR, Intent.MEASURE, Intent.RESULT)
# Intents a question has whatever it asks, or that its own form carries: not handed on.
_OWN_INTENTS = frozenset({Intent.DESCRIBE, Intent.YESNO, Intent.COMPARE})


@dataclass(frozen=True)
class Turn:
    """An earlier question (and optionally its answer and the filters it was asked with)."""

    question: str
    answer: str = ""
    municipality: str | None = None
    year: int | None = None


@dataclass(frozen=True)
class Resolution:
    """`text` is what retrieval and answering see; `display` what the user is shown as
    "Vraag begrepen als: ..."; `inherited` names what was carried over."""

    question: str
    text: str
    display: str
    filters: Filters = field(default_factory=Filters)
    inherited: tuple[str, ...] = ()
    topic: tuple[str, ...] = ()
    said: tuple[str, ...] = ()  # the answer before a follow-up that asks more about its topic

    @property
    def changed(self) -> bool:
        return self.text != self.question


def resolve(
    question: str,
    history: Sequence[Turn],
    municipalities: Sequence[str],
    explicit: Filters | None = None,
) -> Resolution:
    """`question` understood in the light of `history` (oldest turn first)."""
    explicit = explicit or Filters()
    own = _fresh(question, municipalities, explicit)
    if not history:
        return own
    last = history[-1]
    turn_filters = Filters(
        municipalities=(last.municipality,) if last.municipality else (),
        years=(last.year,) if last.year else (),
    )
    previous = resolve(last.question, history[:-1], municipalities, turn_filters)
    dated = _dated(question, previous)
    if dated != question:
        # Understood with the year written out; still the question the user asked.
        return replace(resolve(dated, history, municipalities, explicit), question=question)
    pointed = _pointed_item(question, last.answer)
    if pointed is not None:
        return _about_item(question, *pointed, own, previous, explicit)
    if _points_within(question, municipalities):
        return _places_only(question, own, previous, explicit)
    if not (_elliptical(question, own) or _names_again(question, previous, last.answer)):
        # A subject of its own, asked in the place the conversation is about unless it names
        # one, or asks across municipalities ("Welke gemeenten ...?").
        if own.filters.municipalities or asks_across(question):
            return own
        return _places_only(question, own, previous, explicit)
    return _follow_up(question, own, previous, municipalities, explicit, last.answer)


def answer_items(answer: str) -> list[str]:
    """The items of a list in an earlier answer, in order, without bullets, numbers and citation
    marks: its bullet lines, or else numbered items on one line ("1) ...; 2) ...")."""
    lines = [line for line in answer.splitlines() if ITEM_START.match(line)]
    for numbered in _INLINE_NUMBERS:
        if len(lines) >= 2:
            break
        parts = numbered.split(answer)
        numbers = [int(n) for n in parts[1::2]]
        if len(numbers) >= 2 and numbers == list(range(1, len(numbers) + 1)):
            lines = parts[2::2]
    if len(lines) < 2:
        return []
    items = [_CITATION.sub("", ITEM_START.sub("", line, count=1)).strip(" ;,.") for line in lines]
    # "• 2 Versterken ...": the list's own number, once the bullet is gone.
    items = [re.sub(rf"^{n}[.)]?\s+", "", item) for n, item in enumerate(items, 1)]
    return [item for item in items if item]


def _pointed_item(question: str, answer: str) -> tuple[str, re.Match[str]] | None:
    """The item of the answer before that the question points at by its place ("Hoe wordt het
    tweede doel gemeten?"), with the words that point, if it does and the answer has one there."""
    match = ORDINAL_REFERENCE.search(fold(question))
    if match is None or match.group("noun") in ORDINAL_NOT_ITEM:
        return None
    items = answer_items(answer)
    place = ORDINALS[match.group("ordinal")]
    index = len(items) - 1 if place < 0 else place - 1
    return (items[index], match) if 0 <= index < len(items) else None


def _about_item(
    question: str,
    item: str,
    pointer: re.Match[str],
    own: Resolution,
    previous: Resolution,
    explicit: Filters,
) -> Resolution:
    """The question asked of the item it points at: the item's words are its subject; the place
    and the documents of the conversation carry over, the earlier topic does not (the second
    goal is not the five goals)."""
    # The item stands in for the words that pointed at it, with the noun that says what the
    # earlier question listed ("doel" in "het tweede doel" after the goals would make "Hoe wordt
    # ... gemeten?" ask for goals as well); a word that is no such noun stays ("de derde gemeten").
    noun = pointer.group("noun") or ""
    end = pointer.end() if _listed_before(noun, previous.question) else pointer.end("ordinal")
    core = f'{question[: pointer.start()]}"{item}"{question[end:]}'.rstrip(" ?")
    places = own.filters.municipalities or previous.filters.municipalities
    place_words = [p for p in places if p not in own.filters.municipalities]
    carried = " ".join([*place_words, *_when(previous.text)])
    text = f"{core} ({carried})?" if carried else f"{core}?"
    filters = replace(explicit, municipalities=explicit.municipalities or places)
    inherited = ("onderwerp", *(["gemeente"] if place_words else []))
    return Resolution(question, text, text, filters, inherited, (item,))


def _listed_before(noun: str, previous: str) -> bool:
    """`noun` (folded) names what `previous` asked to list: "doel" after "Welke vijf hoofddoelen
    ...?", "maatregel" after "... maatregelen"; its stem (an inflection's last two letters off)
    stands in the earlier question."""
    return len(noun) >= 4 and noun[: max(4, len(noun) - 2)] in fold(previous)


def _points_within(question: str, municipalities: Sequence[str]) -> bool:
    """ "Er komt ook lokale dagbesteding toch? Hoeveel geld is daarvoor gereserveerd?": the words
    that point back point at the question's own first sentence, which names a subject."""
    sentences = [s for s in re.split(r"(?<=[?.!])\s+", question.strip()) if s.strip(" ?.!")]
    if len(sentences) < 2:
        return False
    pointers = _ANAPHORS | _WEAK_ANAPHORS
    first = set(re.findall(r"\w+", fold(sentences[0])))
    later = {w for s in sentences[1:] for w in re.findall(r"\w+", fold(s))}
    return (
        bool(later & pointers)
        and len(_topic(sentences[0], municipalities)) >= _MIN_OWN_SUBJECT
        and not (first & _ANAPHORS)
    )


def _places_only(question: str, own: Resolution, previous: Resolution, explicit: Filters) -> Resolution:
    """The question as asked, in the place the conversation was about when it names none."""
    places = own.filters.municipalities or previous.filters.municipalities
    carried = [p for p in places if p not in own.filters.municipalities]
    display = f"{question.rstrip(' ?')} ({' '.join(carried)})?" if carried else question
    filters = replace(explicit, municipalities=explicit.municipalities or places)
    # The place goes to the filters and the display only: in a search inside its documents, its
    # name is one more word to match, and favours passages that happen to repeat it.
    return Resolution(question, question, display, filters, ("gemeente",) if carried else (), own.topic)


def _fresh(question: str, municipalities: Sequence[str], explicit: Filters) -> Resolution:
    named = asked_municipalities(question, municipalities)
    filters = replace(explicit, municipalities=explicit.municipalities or named)
    return Resolution(question, question, question, filters, (), _topic(question, municipalities))


def _elliptical(question: str, own: Resolution) -> bool:
    folded = fold(question)
    words = set(re.findall(r"\w+", folded))
    weak = bool(words & _WEAK_ANAPHORS) and len(_subject(own.topic)) < _WEAK_MAX_SUBJECT
    strong = any(_points_back(w) for w in words)
    return bool(_CONTINUES.search(folded) or strong or weak or len(own.topic) < _MIN_OWN_SUBJECT)


def _subject(topic: Sequence[str]) -> list[str]:
    """The topic words that name a subject: not the money a question asks about ("wat kost dat")
    nor the document it names ("in de begroting 2025")."""
    return [w for w in topic if fold(w) not in MONEY_ASKING and not DOCUMENT_KIND_WORD.fullmatch(fold(w))]


def _dated(question: str, previous: Resolution) -> str:
    """`question` with a year said relative to the turn before ("in de begroting van vorig jaar"
    after a question about the begroting 2025) as that year ("... van 2024")."""
    years = YEAR.findall(previous.text)
    if not years:
        return question
    year = int(years[-1])

    def absolute(match: re.Match[str]) -> str:
        return str(year - 1 if match.group("back") else year + 1)

    return RELATIVE_YEAR.sub(absolute, question)


def _names_again(question: str, previous: Resolution, said: str) -> bool:
    """ "Werd dat risico in 2024 ook zo hoog ingeschat?" after "Welk financieel risico loopt
    Wassenaar met de jeugdzorgplus?": a demonstrative before a noun of the turn before (its
    question, or the answer it got: "die visie" after an answer about the "omgevingsvisie")
    points back at that turn's topic, however much else the question says."""
    nouns = [m.group(1) for m in _DEMONSTRATIVE_NOUN.finditer(fold(question))]
    if not nouns:
        return False  # most questions: the answer before need not be read
    before = {stem(fold(w)) for w in previous.topic}
    answered = [w for w in re.findall(r"\w+", fold(said)) if w not in stopwords()]
    answered_stems = {stem(w) for w in answered}

    def named(noun: str) -> bool:
        if stem(noun) in before or stem(noun) in answered_stems:
            return True
        # The head of a compound the answer used ("visie" in "omgevingsvisie").
        return len(noun) >= _MIN_HEAD and any(w.endswith(noun) for w in answered)

    return any(named(noun) for noun in nouns)


def _pointer(word: str) -> bool:
    """A word (folded) that points back, weakly ("dat", "die") or outright ("daarover", "daarovor")."""
    return word in _WEAK_ANAPHORS or _points_back(word)


def _points_back(word: str) -> bool:
    """A word that points back at the topic before ("daarover"), also with a slip ("daarovor")."""
    if word in _ANAPHORS:
        return True
    # "daarom", "waarvoor", "waarna" are words of their own, one letter from a pointer.
    if len(word) < _TYPO_MIN or word in stopwords() or word.startswith("waar"):
        return False
    near = (a for a in _ANAPHORS if len(a) >= _TYPO_MIN and abs(len(word) - len(a)) <= 1)
    return any(edit_distance(word, a, 1) <= 1 for a in near)


def _follow_up(
    question: str,
    own: Resolution,
    previous: Resolution,
    municipalities: Sequence[str],
    explicit: Filters,
    said: str,
) -> Resolution:
    inherited: list[str] = []
    named = own.filters.municipalities
    places = named or previous.filters.municipalities
    if places and not named:
        inherited.append("gemeente")
    years = tuple(int(y) for y in YEAR.findall(question))
    substitution = _SUBSTITUTION.match(question)
    rest = substitution.group("rest") if substitution else ""
    if substitution and _only_places_and_years(rest, municipalities):
        document = NAMED_DOCUMENT_YEAR.search(question)
        text = _substitute(previous, named, years, document.group("word") if document else "")
        inherited.append("onderwerp")
        filters = replace(explicit, municipalities=explicit.municipalities or places)
        return Resolution(question, text, text, filters, tuple(inherited), previous.topic)
    # A follow-up that names its own place as well ("En voor de jeugdhulp in Almelo?") is no
    # question before asked again: that one named another place.
    swapped = None if named else _swapped(question, previous.text, municipalities)
    if swapped is not None:
        # The earlier question asked again of the new thing: it stands on its own.
        filters = replace(explicit, municipalities=explicit.municipalities or places)
        subject = _topic(swapped, municipalities)
        return Resolution(question, swapped, swapped, filters, tuple([*inherited, "onderwerp"]), subject)
    own_words = {fold(t) for t in own.topic}
    # "En de baten?" after a question about lasten asks about baten instead, not as well.
    replaced = {w for group in SIBLING_TERMS if own_words & group for w in group}
    asked = analyze_question(question)
    asks = asked.intents
    # "Welke groepen krijgen daarbij extra aandacht?" after "Op welke pijlers ...?" asks for
    # another list: the pillars stay behind.
    replaced |= _other_list_noun(asked.list_noun, previous.text)
    # "En voor ouderen?" after "En voor jeugd?" asks the same of another group: what the follow-up
    # before typed as its subject gives way to what this one types.
    if own_words and previous.changed and _CONTINUES.search(fold(question)):
        replaced |= {fold(w) for w in _topic(previous.question, municipalities)} - own_words
    topic = [
        w for w in previous.topic if fold(w) not in own_words | replaced and not _asked_otherwise(w, asks)
    ]
    # The document the turn before said to look in ("in het beleidsprogramma") is where its
    # answer was, not what it was about (a cover page is all about its own title).
    source = {w for m in DOCUMENT_KIND.finditer(fold(previous.question)) for w in m.group(0).split()[2:]}
    topic = [w for w in topic if fold(w) not in source] or topic
    if topic:
        inherited.append("onderwerp")
    # "En landelijk?" after "Hoeveel Almeloërs ...?" still asks how many: a follow-up that asks
    # nothing of its own asks what the turn before asked.
    cues = (
        _asked_before(previous.text, own_words | {fold(w) for w in topic})
        if asks <= {Intent.DESCRIBE}
        else []
    )
    when = [] if years else _when(previous.text)
    if when:
        inherited.append("jaar")
    # "zeggen 2024 en 2025 hetzelfde" still asks to compare: "hetzelfde" points back and stays.
    typed = question.rstrip(" ?")
    # "in die van 2025" names a document, and its "die" stays.
    naming = {m.start() for m in SAME_DOCUMENT_YEAR.finditer(typed)}
    core = " ".join(
        w.group()
        for w in re.finditer(r"\S+", typed)
        if (word := fold(w.group().strip(",."))) in _SAME or not _pointer(word) or w.start() in naming
    )
    place_words = [p for p in places if p not in named]
    # What was carried over stands in brackets at the end: the answerer weighs the follow-up's
    # own words above the topic it inherited ("Welke subsidie krijgt de SKOW (Taalklas)?").
    carried = " ".join([*cues, *topic, *place_words, *when])
    text = f"{core.strip()} ({carried})?" if carried and core.strip() else f"{core} {carried}".strip() + "?"
    about = ", ".join([*topic, *when])
    where = ", ".join(place_words)
    display = (
        question.rstrip(" ?")
        + "?"
        + (f" (over: {about}" + (f"; {where}" if where else "") + ")" if about or where else "")
    )
    filters = replace(explicit, municipalities=explicit.municipalities or places)
    # The answer before covered the topic this follow-up carries on; another place or year (above)
    # asks the same again, and may be answered by the same table row.
    return Resolution(
        question,
        text,
        display,
        filters,
        tuple(inherited),
        tuple([*own.topic, *topic]),
        (said,) if said else (),
    )


def _swapped(question: str, previous: str, municipalities: Sequence[str]) -> str | None:
    """ "En aan de Metropoolregio?" after "Hoeveel betaalt Wassenaar aan de Belastingsamenwerking?
    Graag ...": the earlier question with what its preposition governed replaced ("Hoeveel betaalt
    Wassenaar aan de Metropoolregio? Graag ..."); None when the follow-up is not of that form, or
    the earlier question has no such phrase other than a place, a year or a document."""
    match = _SWAP.match(question)
    if match is None or ASKING_WORD.match(match.group("phrase")):
        return None  # "En aan wie?" asks again, of nothing new
    if _only_places_and_years(match.group("phrase"), municipalities):
        return None
    if BACKGROUND.search(previous):
        return None  # a follow-up itself, its topic in brackets: no whole question to ask again
    for earlier in re.finditer(rf"\b{match.group('prep')}\s+", previous, re.IGNORECASE):
        end = _PHRASE_END.search(previous, earlier.end())
        stop = end.start() if end else len(previous)
        phrase = previous[earlier.end() : stop]
        # "voor 2025 gereserveerd", "volgens de begroting 2025": when, or where to look; not what.
        dated = phrase[:1].isdigit() or NAMED_DOCUMENT_YEAR.search(f"{match.group('prep')} {phrase}")
        if not phrase.strip() or dated or _only_places_and_years(phrase, municipalities):
            continue
        return f"{previous[: earlier.end()]}{match.group('phrase')}{previous[stop:]}"
    return None


def _asked_before(previous: str, known: set[str]) -> list[str]:
    """The words with which `previous` asked for something ("hoeveel", "wanneer", "hoe meet"),
    in its order, without the words the follow-up carries anyway (folded, in `known`). The
    bracket counts: a cue `previous` carried itself is handed on down a chain of follow-ups."""
    folded = fold(repair_cues(previous))
    found: list[tuple[int, str]] = []
    for intent in analyze_question(previous).intents - _OWN_INTENTS:
        match = QUESTION_CUES[intent].search(folded)
        words = [w for w in match.group(0).split() if w not in known] if match else []
        if match is not None and words:
            found.append((match.start(), " ".join(words)))
    return list(dict.fromkeys(cue for _, cue in sorted(found)))


def _other_list_noun(own: str | None, previous: str) -> set[str]:
    """The plural noun the previous question listed, when the follow-up lists another (folded)."""
    if own is None:
        return set()
    before = analyze_question(previous).list_noun
    return {before} if before is not None and before != own else set()


def _asked_otherwise(word: str, own: frozenset[Intent]) -> bool:
    """A word that asked the turn before for a kind of statement the follow-up (whose intents are
    `own`) does not ask for: "Wat gaan ze daarvoor doen?" after "Welk doel wil Hengelo bereiken
    met ...?" asks for measures, so "doel" and "bereiken" stay behind (the rest of the topic
    carries over)."""
    if own <= {Intent.DESCRIBE}:
        return False
    folded = fold(word)
    if folded in MONEY_ASKING | FIGURE_ASKING and not any(i.wants_figure for i in own):
        return True  # "Waarom?" after "Hoeveel geld ...?" asks why, not for money
    return any(
        intent not in own
        and (match := QUESTION_CUES[intent].search(folded)) is not None
        and match.group(0) == folded
        for intent in _KIND_INTENTS
    )


def _when(text: str) -> list[str]:
    """The documents' years and the years a question asks about, as phrases to carry over:
    ["volgens de begroting 2024 en 2025", "in 2026"]."""
    documents = list(NAMED_DOCUMENT_YEAR.finditer(text))
    phrases: list[str] = []
    rest = NAMED_DOCUMENT_YEAR.sub(" ", text)
    if documents:
        # "volgens de begroting 2024 en volgens die van 2025": the second names a document too.
        named = [m.group("year") for m in documents] + SAME_DOCUMENT_YEAR.findall(rest)
        rest = SAME_DOCUMENT_YEAR.sub(" ", rest)
        years = " en ".join(dict.fromkeys(named))
        phrases.append(f"volgens de {documents[0].group('word').lower()} {years}")
    bare = list(dict.fromkeys(YEAR.findall(rest)))
    if bare:
        phrases.append("in " + " en ".join(bare))
    return phrases


def _only_places_and_years(rest: str, municipalities: Sequence[str]) -> bool:
    """ "Leusden", "2021", "Hengelo en Almelo": nothing but names and years."""
    leftover = YEAR.sub(" ", rest)
    for name in detect_municipalities(rest, municipalities):
        leftover = re.sub(re.escape(name) + r"\w*", " ", leftover, flags=re.IGNORECASE)
    leftover = re.sub(r"\b(?:en|and|of|gemeente|de|het)\b", " ", leftover, flags=re.IGNORECASE)
    return not leftover.strip(" ,.?")


def _substitute(previous: Resolution, places: Sequence[str], years: Sequence[int], document: str) -> str:
    """The previous question with its municipality or year replaced by the new ones. A year that
    names a document ("en in de begroting 2025?") replaces the previous document's year, or is
    added as the source; a bare year ("En in 2021?") replaces the year asked about, or is added."""
    text = previous.text
    if places:
        old = previous.filters.municipalities
        replaced = False
        for name in old:
            pattern = re.compile(rf"\b{re.escape(name)}\w*", re.IGNORECASE)
            if pattern.search(text):
                text = pattern.sub(" en ".join(places), text, count=1)
                replaced = True
        if not replaced:
            text = f"{text.rstrip(' ?')} in {' en '.join(places)}?"
    if not years:
        return text
    new_years = " en ".join(str(y) for y in years)
    if document:
        earlier = NAMED_DOCUMENT_YEAR.search(text)
        if earlier:
            return text[: earlier.start("year")] + new_years + text[earlier.end("year") :]
        return f"{text.rstrip(' ?')} volgens de {document} {new_years}?"
    # The year asked about, not one that names the document ("... volgens de begroting 2025"):
    # "En in 2028?" asks for 2028 in that same budget, which has no "begroting 2028". Nor one of a
    # sentence before the question ("In 2022 kreeg de jeugdhulp extra budget. Hoeveel ...?").
    named = [m.span("year") for m in NAMED_DOCUMENT_YEAR.finditer(text)]
    question = max(text.rstrip(" ?").rfind(stop) for stop in (". ", "? ", "! ")) + 1
    asked = [m for m in YEAR.finditer(text, question) if not any(s <= m.start() < e for s, e in named)]
    if asked:
        return text[: asked[-1].start()] + new_years + text[asked[-1].end() :]
    return f"{text.rstrip(' ?')} in {new_years}?"


def _topic(question: str, municipalities: Sequence[str]) -> tuple[str, ...]:
    """The subject words of a question as typed ("laaggeletterdheid", "eigen", "bijdrage")."""
    return tuple(w for w in topic_words(question, municipalities) if not _pointer(fold(w)))
