"""Dutch cue words for goals and commitments, as spaCy Matcher patterns (built once, lazily).

The patterns only look at lower-cased tokens, so the blank Dutch pipeline is enough. Classification
of a whole sentence (`classify`) adds the few checks token patterns cannot express: "we gaan ervan
uit" is an assumption, not a promise; "willen we dit blijven realiseren" opening a sentence is a
condition; a "we willen" sentence is a goal when it names an outcome and a measure when it names
an action.
"""

from __future__ import annotations

import re
import threading
from typing import Any

from assistant.nlp import get_nlp

_WE = {"LOWER": {"IN": ["we", "wij"]}}

# Verbs of doing: "we <verb>" / "<verb> we" in the present tense states what the municipality does.
ACTION_VERBS = [
    "formuleren", "ontwikkelen", "organiseren", "stellen", "brengen", "geven", "leggen", "kiezen",
    "breiden", "werken", "continueren", "ondersteunen", "faciliteren", "stimuleren", "bieden",
    "monitoren", "onderzoeken", "betrekken", "bevorderen", "realiseren", "richten", "sluiten", "dragen",
    "bouwen", "maken", "investeren", "zetten", "starten", "verbinden", "verkennen", "treffen",
    "begeleiden", "onderhouden", "vertalen", "koppelen", "benutten", "hanteren", "pakken",
    "intensiveren", "versterken", "verbeteren", "evalueren", "registreren", "subsidiëren", "regelen",
    "nemen", "blijven", "proberen", "spreken", "beginnen",
]  # fmt: skip
# After "we willen": these infinitives make the sentence an action (measure); aims such as
# "versterken", "vergroten" or "bevorderen" keep it a goal.
_WANT_ACTIONS = {
    "inzetten", "investeren", "opmerken", "gebruiken", "aansluiten", "samenwerken", "verweven", "zoeken",
    "aanjagen", "uitvoeren", "opstellen", "aanbieden", "voeren", "vormgeven", "maken", "doorontwikkelen",
    "aangaan", "brengen", "verschuiven", "geven", "bieden", "organiseren", "ontwikkelen", "onderzoeken",
    "werken", "koppelen", "verkennen", "formuleren", "faciliteren", "ondersteunen", "monitoren",
    "evalueren", "betrekken", "regelen", "inrichten", "opzetten", "starten", "bepalen",
}  # fmt: skip
# What the municipality does, in the third person: "de gemeente investeert", "zet de gemeente in".
_MUNICIPALITY_VERBS = [
    "zorgt", "gaat", "zal", "zet", "investeert", "faciliteert", "draagt", "ondersteunt", "stimuleert",
    "biedt", "organiseert", "subsidieert", "werkt", "treft", "realiseert", "ontwikkelt", "probeert",
]  # fmt: skip

_PATTERNS: dict[str, list[list[dict[str, Any]]]] = {
    "GOAL": [
        [{"LOWER": {"IN": ["ons", "onze", "het", "de"]}},
         {"LOWER": {"IN": ["doel", "ambitie", "doelstelling", "hoofddoel", "streven", "speerpunt"]}},
         {"LOWER": "is"}],
        [{"LOWER": {"IN": ["doel", "doelstelling", "hoofddoel"]}}, {"LOWER": "van"}],
        [_WE, {"LOWER": {"IN": ["streven", "beogen"]}}],
        [{"LOWER": {"IN": ["ons", "onze"]}}, {"LOWER": "streven"}],
        [{"LOWER": {"IN": ["streven", "beogen"]}}, _WE],
        [{"LOWER": "gemeente"}, {"IS_TITLE": True, "OP": "?"}, {"LOWER": {"IN": ["wil", "streeft"]}}],
        [{"LOWER": "programma"}, {"LOWER": "streeft"}],
        [{"LOWER": {"IN": ["speerpunt", "speerpunten"]}}, {"LOWER": {"IN": ["is", "zijn", "voor", "van"]}}],
        [{"LOWER": "als"}, {"IS_ALPHA": True, "OP": "?"}, {"LOWER": "speerpunten"}],
    ],
    "WANT": [
        [_WE, {"LOWER": "willen"}],
        [{"LOWER": "willen"}, _WE],
    ],
    "MEASURE": [
        [_WE, {"LOWER": {"IN": ["gaan", "zullen"]}}],
        [{"LOWER": {"IN": ["gaan", "zullen"]}}, _WE],
        [{"LOWER": "de"}, {"LOWER": "gemeente"}, {"IS_TITLE": True, "OP": "?"},
         {"LOWER": {"IN": _MUNICIPALITY_VERBS}}],
        [{"LOWER": {"IN": _MUNICIPALITY_VERBS}}, {"LOWER": "de"}, {"LOWER": "gemeente"}],
        [_WE, {"LOWER": {"IN": ACTION_VERBS}}],
        [{"LOWER": {"IN": ACTION_VERBS}}, _WE],
        [{"LOWER": "voorgesteld"}, {"LOWER": "wordt"}],
        [{"LOWER": {"IN": ["dit", "dat"]}}, {"LOWER": "doen"}, _WE],
        [{"LOWER": "zijn"}, _WE, {"LOWER": "bezig"}],
        [_WE, {"LOWER": "zijn"}, {"LOWER": "bezig"}],
        [{"LOWER": "moeten"}, _WE, {"LOWER": "er", "OP": "?"}, {"LOWER": "voor", "OP": "?"},
         {"LOWER": "zorgen"}],
        [{"LOWER": "voorstel"}, {"LOWER": "is"}],
        [{"LOWER": "voornemen"}, {"LOWER": {"IN": ["is", "om"]}}],
        [{"LOWER": "college"}, {"LOWER": {"IN": ["wil", "gaat", "zal"]}}],
        [{"LOWER": {"IN": ["wil", "gaat", "zal"]}}, {"LOWER": "het"}, {"LOWER": "college"}],
    ],
    "EXPECT": [
        [_WE, {"LOWER": "verwachten"}],
        [{"LOWER": "verwachten"}, _WE],
    ],
}  # fmt: skip

_lock = threading.Lock()
_matcher: Any = None

# Assumptions and observations that share the words of a promise.
_NOT_A_PROMISE = re.compile(
    r"\bga(a|at)n?\b[^.]{0,30}?\b(uit van|er ?vanuit|ervan uit|er van uit|uit dat)\b|\bgaan (we|wij) er\b|"
    r"\bnemen (we|wij) aan\b|\b(we|wij) nemen aan\b|"
    r"\bgaan (we|wij) in op\b|\bzullen (we|wij) zien\b|"
    r"\bwillen (we|wij) (nog )?opmerken\b|\bniet willen\b|\bwil overigens niet\b|\bwillen (we|wij)\s*\?|"
    r"\b(die|dat|wat) (we|wij) willen\b",
    re.IGNORECASE,
)
_CONDITION_START = re.compile(
    r"^\s*((willen|als|indien|wanneer) (we|wij)\b|sinds\b|inmiddels\b)", re.IGNORECASE
)
# Sentences about the document itself: "In hoofdstuk 5 geven we ...", "In dit hoofdstuk vindt u ...".
_ABOUT_DOCUMENT = re.compile(
    r"\b(in (dit|deze|het volgende|het vorige) (hoofdstuk|notitie|nota|paragraaf|document)|in hoofdstuk \d|"
    r"\(H\d\)|antwoord op de vraag|vindt u|overzicht gegeven|geven we (kort )?aan|per opgave|"
    r"hieronder|hierna|hierboven|onderstaand\w*|(volgende|vorige) hoofdstuk)\b",
    re.IGNORECASE,
)
# A perfect or past tense: what was done, not what will be ("hebben we ... gestart").
_PAST = re.compile(
    r"\b(hadden|had|was|waren|werd|werden)\b|\b(hebben|heeft|zijn|is)\b(\s+\S+){0,6}?\s+ge\w+(d|t)\b",
    re.IGNORECASE,
)
_TIME = re.compile(
    r"\b(?:19|20)\d\d\b|\b(?:na|voor|in) de (?:zomer|zomervakantie)\b|\b(?:medio|eind|begin|uiterlijk)\b",
    re.IGNORECASE,
)
# "Lokaal zal ... een sluitend vervoersnetwerk worden ontwikkeld": a promise in the passive.
_FUTURE_PASSIVE = re.compile(
    r"\b(zal|zullen)\b[^.;]{0,140}\b(worden\s+(ge\w+|\w+d)|(ge\w+|\w+d)\s+(gaan\s+)?worden)\b|"
    r"\bzal er\b[^.;]{0,120}\bkomen\b",
    re.IGNORECASE,
)
# A commitment in the present passive: "Daarnaast wordt er ingezet op ...", "worden geïmplementeerd".
_PRESENT_PASSIVE = re.compile(
    r"\b(wordt|worden)\b(\s+\S+){0,12}?\s+(ge\w+(d|t|en)|\w*(ingezet|opgenomen|aangeboden|ingebracht|afgeslankt|"
    r"vormgegeven|uitgevoerd|ontwikkeld|georganiseerd|verwacht|gezocht|getoetst|voorgelegd|gekozen))\b",
    re.IGNORECASE,
)
_NOT_OURS = re.compile(
    r"\b(rijk|landelijk\w*|kabinet|minister\w*|wet|wetgeving|kan|kunnen|moet|moeten|mag|mogen|zou|zouden|"
    r"betekent|genoemd|gezien|beschouwd|bepaald|geacht|wordt bedoeld|bekostigd)\b",
    re.IGNORECASE,
)
# Predictions and opinions read like passive promises: "wordt in de toekomst minder aanspraak gemaakt".
_PREDICTION = re.compile(
    r"\b(in de toekomst|naar verwachting|men|inwoners vinden|vindt men|leidt ertoe)\b|"
    r"^(maar |en )?(als|indien|wanneer)\b",
    re.IGNORECASE,
)
_PROPOSAL = re.compile(r"\bverzoek\b[^.]{0,40}\bis\b[^.]{0,15}\bom\b", re.IGNORECASE)
_WANT_THAT = re.compile(r"\b(willen (we|wij)|(we|wij) willen) dat\b", re.IGNORECASE)
_GOAL_OF = re.compile(r"\b(hoofd)?doel(stelling)? van\b[^.]{0,90}?\b(is|zijn)\b", re.IGNORECASE)
_UNCERTAIN = re.compile(r"\b(onduidelijk|onzeker|mogelijk|misschien|waarschijnlijk|of het|wellicht)\b", re.I)
_META = re.compile(r"\bdoelen\b", re.IGNORECASE)  # "Langs beleidslijnen willen we de doelen bereiken"
_PAST_GOAL = re.compile(r"\b(was|waren)\b", re.IGNORECASE)
# Subordinate clauses after "we willen ..." describe a purpose, not what is wanted.
_SUBCLAUSE = re.compile(r"\b(zodat|waardoor|waarbij|omdat|die|dat|hoe|waar|om|door)\b", re.IGNORECASE)


def _build() -> Any:
    from spacy.matcher import Matcher

    matcher = Matcher(get_nlp().vocab)
    for label, patterns in _PATTERNS.items():
        matcher.add(label, patterns)
    return matcher


def matcher() -> Any:
    global _matcher
    if _matcher is None:
        with _lock:
            if _matcher is None:
                _matcher = _build()
    return _matcher


def labels(text: str) -> set[str]:
    """The cue labels (GOAL, WANT, MEASURE, EXPECT) whose patterns occur in `text`."""
    nlp = get_nlp()
    doc = nlp.make_doc(text)
    return {nlp.vocab.strings[match_id] for match_id, _, _ in matcher()(doc)}


def classify(text: str) -> str | None:
    """ "goal", "measure" or None for one sentence, from its cue words."""
    if text.rstrip().endswith(("?", ":")) or _CONDITION_START.match(text) or _ABOUT_DOCUMENT.search(text):
        return None  # a question, a condition, a list's introduction, or talk about the document
    found = labels(text)
    if not found:
        return "measure" if _passive_promise(text) else None
    if "GOAL" in found and (_PAST_GOAL.search(text) or _only_goal_of(text)):
        found.discard("GOAL")
    if _META.search(text):
        found -= {"GOAL", "WANT"}
    promise = "MEASURE" in found and not _NOT_A_PROMISE.search(text)
    if "GOAL" in found:
        # "We streven ernaar deze afspraken na de zomer vast te leggen" is a dated commitment.
        if promise or (re.search(r"\bstreven (we |wij )?ernaar\b", text, re.I) and _TIME.search(text)):
            return "measure" if not re.search(r"\b(doel|ambitie|doelstelling)\b", text, re.I) else "goal"
        return "goal"
    if "WANT" in found and not _NOT_A_PROMISE.search(text):
        return "goal" if _WANT_THAT.search(text) or not _wants_action(text) else "measure"
    if promise and not (_PAST.search(text) and "gaan" not in text.lower()):
        return "measure"
    if "EXPECT" in found and _TIME.search(text) and re.search(r"\bte\b|\bkunnen\b", text):
        return "measure"
    return None


def _passive_promise(text: str) -> bool:
    """What will be done, said without a subject: "zal ... worden ontwikkeld", "wordt er ingezet op",
    "Verzoek in kadernota is om ..."; not what the Rijk decides or what may or must happen."""
    if _PROPOSAL.search(text):
        return True
    if _NOT_A_PROMISE.search(text) or _UNCERTAIN.search(text) or _PAST.search(text):
        return False
    if _FUTURE_PASSIVE.search(text):
        return True
    return bool(_PRESENT_PASSIVE.search(text)) and not _NOT_OURS.search(text) and not _PREDICTION.search(text)


def _wants_action(text: str) -> bool:
    """Whether what "willen we" wants is an action (invest, organise, ...) rather than a state."""
    after = re.split(r"\bwillen\b", text, maxsplit=1, flags=re.I)[-1]
    clause = _SUBCLAUSE.split(after, maxsplit=1)[0]
    words = re.findall(r"[a-zà-ÿ]+", clause.lower())
    return any(word in _WANT_ACTIONS for word in words)


def _only_goal_of(text: str) -> bool:
    """ "doel(stelling) van" only states a goal when an "is" follows ("Doel van dit project is ...")."""
    plain = re.search(
        r"\b(ons|onze|het|de) (doel|ambitie|doelstelling|hoofddoel|streven|speerpunt) is\b", text, re.I
    )
    other = re.search(r"\b(streven|streeft|beogen|wil|speerpunt\w*)\b", text, re.I)
    return not plain and not other and not _GOAL_OF.search(text)
