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

from assistant.lexicon import (
    BARE_YEAR,
    MEASURED_FIGURE,
    MONEY_CUES,
    MONTH_TEXT,
    NOTE_START,
    NUMBER_WORDS,
    TIME_MENTION,
    YEAR_CELL,
    YEAR_TEXT,
    compile_table,
)
from assistant.nlp import get_nlp
from assistant.types import DocumentMeta

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
    # Looking, asking and searching are work too: "kijken we welke voorzieningen ...", "vragen wij
    # de initiatiefnemers ...", "zoeken we naar een nieuwe balans", "denken wij mee".
    "beoordelen", "kijken", "vragen", "zoeken", "denken", "voegen", "beschouwen", "toetsen", "verlengen",
]  # fmt: skip
# Any other present-tense verb of "we" in a main clause states what the municipality does ("We
# behouden ...", "Daartoe sturen we ...", "benaderen we integraal"), except these verbs of being,
# having, seeing, thinking and finding, and the modals and auxiliaries that other patterns read.
NON_COMMITTING_VERBS = [
    "hebben", "zijn", "worden", "kunnen", "moeten", "mogen", "willen", "zullen", "gaan", "hoeven",
    "zien", "weten", "vinden", "merken", "constateren", "denken", "verwachten", "hopen", "menen",
    "signaleren", "concluderen", "herkennen", "erkennen", "beseffen", "begrijpen", "noemen", "bedoelen",
    "lezen", "horen", "staan", "liggen", "komen", "krijgen", "kennen", "ervaren", "missen", "voelen",
    "zitten", "blijken", "lijken", "geloven", "achten", "hechten", "onderschrijven", "beschrijven",
    "lopen", "steken", "delen", "ontvangen", "besteden", "betalen", "praten", "leven", "wonen", "doen",
    "houden", "bevinden", "verkeren", "waarderen", "onderkennen", "volgen", "streven", "beogen", "vrezen",
    "twijfelen", "gebruiken", "stuiten", "verliezen", "winnen", "tekenen", "schetsen", "vatten", "sommen",
    "scoren", "voorzien", "laten", "voldoen", "presteren", "behoren",
    # Valuing what there is: "We koesteren de centrale ligging ...".
    "koesteren",
]  # fmt: skip
_PLURAL_VERB = {
    "LOWER": {"REGEX": r"^[a-zà-ÿ]{3,}en$", "NOT_IN": [*NON_COMMITTING_VERBS, "ons", "tegen", "samen"]}
}
# After "we willen": these infinitives make the sentence an action (measure); aims such as
# "versterken", "vergroten" or "bevorderen" keep it a goal.
_WANT_ACTIONS = {
    "inzetten", "investeren", "opmerken", "gebruiken", "aansluiten", "samenwerken", "verweven", "zoeken",
    "aanjagen", "uitvoeren", "opstellen", "aanbieden", "voeren", "vormgeven", "maken", "doorontwikkelen",
    "aangaan", "brengen", "verschuiven", "geven", "bieden", "organiseren", "ontwikkelen", "onderzoeken",
    "werken", "koppelen", "verkennen", "formuleren", "faciliteren", "ondersteunen", "monitoren",
    "evalueren", "betrekken", "regelen", "inrichten", "opzetten", "starten", "bepalen",
    # Taking on people and means: "een coördinator aantrekken", "een regisseur aan te stellen".
    "aantrekken", "aanstellen", "inhuren", "werven", "aanschaffen", "inkopen",
    # Having something done, or letting ourselves be led: "ons laten voeden door", "laten onderzoeken".
    "laten",
}  # fmt: skip
# The infinitives after "moeten we" that make the obligation an action of ours.
_MUST_ACTIONS = sorted({*ACTION_VERBS, *_WANT_ACTIONS, "inzetten"})
# What the municipality does, in the third person: "de gemeente investeert", "zet de gemeente in".
_MUNICIPALITY_VERBS = [
    "zorgt", "gaat", "zal", "zet", "investeert", "faciliteert", "draagt", "ondersteunt", "stimuleert",
    "biedt", "organiseert", "subsidieert", "werkt", "treft", "realiseert", "ontwikkelt", "probeert",
    "verleent", "betrekt",
    # "Wassenaar legt de nadruk op preventie" (GUIDELINE.md: "leggen de nadruk op" commits).
    "legt",
]  # fmt: skip

# Between "we zijn" and "bezig" / "doende": "nu druk doende", "al volop bezig".
_BUSY_ADVERBS = ["nu", "al", "inmiddels", "volop", "druk", "hard", "ook", "momenteel", "daarom"]
_BUSY = {"LOWER": {"IN": ["bezig", "doende"]}}

# Which goal a sentence names: "Het uiteindelijke doel is ...", "Ons belangrijkste streven is ...".
_GOAL_RANKS = [
    "uiteindelijk", "uiteindelijke", "belangrijkste", "voornaamste", "centrale", "overkoepelende", "algemene",
    "gezamenlijke", "gemeenschappelijke", "grootste", "hoogste",
]  # fmt: skip

# Adverbs that may open a main clause with its verb before the subject: "Daarnaast herijkt de gemeente".
_THEN_ADVERBS = ["daarnaast", "ook", "verder", "tevens", "daarom", "hiervoor", "daarvoor", "vervolgens"]
# A verb in the third person that is work, not being, having, a modal or a state.
_THIRD_PERSON_WORK = {
    "LOWER": {
        "REGEX": r"^[a-zà-ÿ]{3,}t$",
        "NOT_IN": [
            "wordt", "moet", "heeft", "krijgt", "staat", "ligt", "komt", "kent", "weet", "ziet", "vindt",
            "betekent", "bestaat", "blijft", "kost", "telt", "geldt", "loopt", "zit", "lijkt", "blijkt",
            "houdt", "mist", "hecht", "acht", "past", "verwacht", "hoopt", "merkt", "ontvangt", "besteedt",
            "betaalt", "draagt", "neemt", "wenst", "gaat", "mogelijk",
        ],
    }
}  # fmt: skip

_PATTERNS: dict[str, list[list[dict[str, Any]]]] = {
    "GOAL": [
        [{"LOWER": {"IN": ["ons", "onze", "het", "de"]}}, {"LOWER": {"IN": _GOAL_RANKS}, "OP": "?"},
         {"LOWER": {"IN": ["doel", "ambitie", "doelstelling", "hoofddoel", "streven", "speerpunt"]}},
         {"LOWER": "is"}],
        [{"LOWER": {"IN": ["doel", "doelstelling", "hoofddoel"]}}, {"LOWER": "van"}],
        # "Doel hierbij is om ...", "met als hoofddoel om ...", "zien we de volgende doelstelling als
        # leidend: ...".
        [{"LOWER": {"IN": ["doel", "doelstelling", "hoofddoel"]}},
         {"LOWER": {"IN": ["hierbij", "daarbij", "hiervan", "daarvan"]}}, {"LOWER": "is"}],
        [{"LOWER": "met"}, {"LOWER": "als"}, {"LOWER": "hoofddoel"}],
        # "Doel is om toe te werken naar ...", "Doel is tevens inzicht in ..." opening a sentence of a
        # Toelichting; "Met deze middelen wordt getracht ... terug te dringen" (GUIDELINE.md, fresh4).
        [{"IS_SENT_START": True, "LOWER": {"IN": ["doel", "doelstelling", "hoofddoel"]}}, {"LOWER": "is"}],
        # ... also dated: "Doel in 2025 is de verkennende fase af te ronden" (fresh6).
        [{"IS_SENT_START": True, "LOWER": {"IN": ["doel", "doelstelling", "hoofddoel"]}},
         {"LOWER": {"IN": ["in", "voor"]}}, {"SHAPE": "dddd"}, {"LOWER": "is"}],
        [{"LOWER": {"IN": ["wordt", "worden"]}}, {"LOWER": "getracht"}],
        [{"LOWER": "volgende"}, {"LOWER": {"IN": ["doelstelling", "hoofddoel"]}}],
        # More wordings of a stated goal (GUIDELINE.md, fresh5): the aim named passively ("Beoogd
        # wordt daarmee dat ...", "Hiermee wordt beoogd ..."), an ambition or intention with its
        # content ("We hebben de ambitie om ...", "De intentie is om ..."), the goal after its verb
        # ("... is het doel te komen tot ...") and the goal nouns as the subject that opens the
        # sentence ("De algemene doelstelling van het plan ...", "Specifieke doelstellingen zijn ...").
        [{"IS_SENT_START": True, "LOWER": "beoogd"}, {"LOWER": {"IN": ["wordt", "worden"]}}],
        [{"LOWER": {"IN": ["hiermee", "daarmee", "hierdoor", "daardoor"]}},
         {"LOWER": {"IN": ["wordt", "worden"]}}, {"LOWER": "beoogd"}],
        [{"LOWER": {"IN": ["ambitie", "intentie"]}}, {"LOWER": "om"}],
        [{"LOWER": {"IN": ["de", "onze"]}}, {"LOWER": "intentie"}, {"LOWER": "is"}],
        [{"LOWER": "is"}, {"LOWER": "het"}, {"LOWER": {"IN": ["doel", "streven"]}},
         {"LOWER": {"IN": ["te", "om"]}}],
        [{"IS_SENT_START": True, "LOWER": {"IN": ["de", "het"]}}, {"IS_ALPHA": True, "OP": "?"},
         {"LOWER": {"IN": ["doel", "doelstelling", "doelstellingen"]}},
         {"LOWER": {"IN": ["van", "is", "zijn"]}}],
        [{"IS_SENT_START": True, "IS_ALPHA": True}, {"LOWER": "doelstellingen"}, {"LOWER": "zijn"}],
        [_WE, {"LOWER": {"IN": ["streven", "beogen"]}}],
        [{"LOWER": {"IN": ["ons", "onze"]}}, {"LOWER": "streven"}],
        [{"LOWER": {"IN": ["streven", "beogen"]}}, _WE],
        [{"LOWER": "gemeente"}, {"IS_TITLE": True, "OP": "?"}, {"LOWER": "streeft"}],
        [{"LOWER": "programma"}, {"LOWER": "streeft"}],
        [{"LOWER": {"IN": ["speerpunt", "speerpunten"]}}, {"LOWER": {"IN": ["is", "zijn", "voor", "van"]}}],
        [{"LOWER": "als"}, {"IS_ALPHA": True, "OP": "?"}, {"LOWER": "speerpunten"}],
    ],
    "WANT": [
        [_WE, {"LOWER": "willen"}],
        [{"LOWER": "willen"}, _WE],
        [{"LOWER": "wil"}, {"LOWER": "de"}, {"LOWER": "gemeente"}],
        # "De gemeente wil investeren in ...": like "we willen", the infinitive decides.
        [{"LOWER": "gemeente"}, {"IS_TITLE": True, "OP": "?"}, {"LOWER": "wil"}],
    ],
    "MEASURE": [
        [_WE, {"LOWER": {"IN": ["gaan", "zullen"]}}],
        [{"LOWER": {"IN": ["gaan", "zullen"]}}, _WE],
        [{"LOWER": "de"}, {"LOWER": "gemeente"}, {"IS_TITLE": True, "OP": "?"},
         {"LOWER": {"IN": _MUNICIPALITY_VERBS}}],
        [{"LOWER": {"IN": _MUNICIPALITY_VERBS}}, {"LOWER": "de"}, {"LOWER": "gemeente"}],
        [_WE, {"LOWER": {"IN": ACTION_VERBS}}],
        [{"LOWER": {"IN": ACTION_VERBS}}, _WE],
        # Other verbs only where the clause is a main one: "We behouden ..." opening the sentence,
        # or the verb before "we" ("Daartoe sturen we ..."); "de zorg die we bieden" describes.
        [{"IS_SENT_START": True, "LOWER": {"IN": ["we", "wij"]}}, _PLURAL_VERB],
        [_PLURAL_VERB, _WE],
        # What we must do is what we take on: "Daarom moeten we sterk blijven inzetten op ...".
        [{"LOWER": "moeten"}, _WE, {"IS_ALPHA": True, "OP": "*"}, {"LOWER": {"IN": _MUST_ACTIONS}}],
        [_WE, {"LOWER": "ons", "OP": "?"}, {"LOWER": "moeten"}, {"IS_ALPHA": True, "OP": "*"},
         {"LOWER": {"IN": _MUST_ACTIONS}}],
        [{"LOWER": "voorgesteld"}, {"LOWER": "wordt"}],
        [{"LOWER": {"IN": ["wordt", "worden"]}}, {"LOWER": "voorgesteld"}],
        [{"LOWER": {"IN": ["dit", "dat"]}}, {"LOWER": "doen"}, _WE],
        # "We zijn nu druk doende de visie om te zetten", "zijn we volop bezig met ...".
        [{"LOWER": "zijn"}, _WE, {"LOWER": {"IN": _BUSY_ADVERBS}, "OP": "*"}, _BUSY],
        [_WE, {"LOWER": "zijn"}, {"LOWER": {"IN": _BUSY_ADVERBS}, "OP": "*"}, _BUSY],
        [{"LOWER": "moeten"}, _WE, {"LOWER": "er", "OP": "?"}, {"LOWER": "voor", "OP": "?"},
         {"LOWER": "zorgen"}],
        [{"LOWER": "voorstel"}, {"LOWER": "is"}],
        # "Het voornemen is om ...", "De bestuurlijke wens is om ... te intensiveren".
        [{"LOWER": {"IN": ["voornemen", "wens"]}}, {"LOWER": {"IN": ["is", "om"]}}],
        # The task the year sets us: "Voor 2025 ligt er dan de opgave om de verordening aan te passen".
        [{"LOWER": "ligt"}, {"LOWER": "er"}, {"LOWER": {"IN": ["dan", "nu", "ook", "daarom"]}, "OP": "*"},
         {"LOWER": {"IN": ["de", "een"]}}, {"LOWER": {"IN": ["opgave", "taak"]}}, {"LOWER": "om"}],
        [{"LOWER": "college"}, {"LOWER": {"IN": ["wil", "gaat", "zal"]}}],
        # A step of the raad: "Naar verwachting zal de Raad eind 2024 een besluit nemen" (round 12).
        [{"LOWER": "zal"}, {"LOWER": "de"}, {"LOWER": {"IN": ["raad", "gemeenteraad"]}}],
        [{"LOWER": "de"}, {"LOWER": {"IN": ["raad", "gemeenteraad"]}}, {"LOWER": "zal"}],
        # "De gemeente blijft zich inzetten om ...": work that goes on.
        [{"LOWER": "de"}, {"LOWER": "gemeente"}, {"IS_TITLE": True, "OP": "?"}, {"LOWER": "blijft"},
         {"LOWER": "zich", "OP": "?"}, {"LOWER": {"IN": _MUST_ACTIONS}}],
        # The verb before the municipality after an adverb: "Daarnaast herijkt en vernieuwt de gemeente
        # de sportsubsidieregeling".
        [{"LOWER": {"IN": _THEN_ADVERBS}}, _THIRD_PERSON_WORK, {"LOWER": "en", "OP": "?"},
         {**_THIRD_PERSON_WORK, "OP": "?"}, {"LOWER": "de"}, {"LOWER": "gemeente"}],
        # Where the work puts its weight: "Daarnaast ligt de focus op een goede inbedding" (as "legt de
        # nadruk op").
        [{"LOWER": "ligt"}, {"LOWER": "de"}, {"LOWER": {"IN": ["focus", "nadruk"]}}, {"LOWER": "op"}],
        [{"LOWER": "de"}, {"LOWER": {"IN": ["focus", "nadruk"]}}, {"LOWER": "ligt"}, {"LOWER": "op"}],
        [{"LOWER": {"IN": ["wil", "gaat", "zal"]}}, {"LOWER": "het"}, {"LOWER": "college"}],
    ],
    "EXPECT": [
        [_WE, {"LOWER": "verwachten"}],
        [{"LOWER": "verwachten"}, _WE],
    ],
}  # fmt: skip

_lock = threading.Lock()
_matcher: Any = None

# A moment a result is promised for: "Eind 2024", "In 2025", "Medio 2026"; a quarter or a season of a
# year: "in het 4e kwartaal van 2025", "In het najaar van 2025".
_DATED = rf"(?:eind|begin|medio|in|per|voor)\s+(?:(?:{MONTH_TEXT})\s+)?{YEAR_TEXT}"
_QUARTER = rf"(?:\w+\s+)?(?:kwartaal|helft|voorjaar|najaar|zomer|winter)\s+(?:van\s+)?{YEAR_TEXT}"
# A moment the text names relative to its own year, which dates a plan as a year does: "de komende
# jaren", "later dit jaar", "in de loop van 2025" (round 12).
_RELATIVE_MOMENT = (
    rf"(?:de\s+)?komende\s+jaren|(?:later|eerder)\s+dit\s+jaar|(?:in\s+)?de\s+loop\s+van\s+{YEAR_TEXT}|"
    r"(?:volgend|komend)\s+jaar"
)
_DATE = re.compile(rf"\b(?:{_DATED}|{_QUARTER}|{_RELATIVE_MOMENT})\b", re.IGNORECASE)

# Checks on a whole sentence (any case) that token patterns cannot express.
_CHECK = compile_table(
    {
        # Assumptions and observations that share the words of a promise.
        "not a promise": r"\bga(a|at)n?\b[^.]{0,30}?\b(uit van|er ?vanuit|ervan uit|er van uit|uit dat)\b|"
        # Descriptions in the words of a promise: "wordt hiermee rekening gehouden", "Het gaat hier
        # om een kwetsbare doelgroep".
        r"\brekening (wordt )?gehouden\b|\bsprake (is )?van\b|"
        r"\bhet gaat (hier |daarbij |dan )?om\b|"
        r"\bgaan (we|wij) er\b|\bnemen (we|wij) aan\b|\b(we|wij) nemen aan\b|"
        r"\bgaan (we|wij) in op\b|\bzullen (we|wij) zien\b|"
        r"\bwillen (we|wij) (nog )?opmerken\b|\bniet willen\b|\bwil overigens niet\b|\bwillen (we|wij)\s*\?|"
        r"\b(die|dat|wat) (we|wij) willen\b|"
        # Stating, not doing: "kunnen we stellen dat ons beleid staat", "stellen we vast dat ..."; and
        # how we deal with something, "gaan we (te) verschillend om met" (omgaan, no future).
        r"\bstellen(\s+(we|wij|vast|dan|ook|nu|daarom))*\s+dat\b|"
        r"\b(gaan (we|wij)|(we|wij) gaan)\b[^.;]{0,40}?\bom met\b|"
        # "We moeten de opgaven ... kunnen monitoren": a condition to meet, not an action.
        r"\bmoeten\b[^.;]{0,80}\bkunnen\b|"
        # Reflection and opinion in the words of work: "vragen we ons af", "denken we dat", "kijken we
        # terug", "realiseren wij ons", "zetten we ... af tegen" (a comparison), "stellen we ... centraal"
        # (a principle), "later ... dan verwacht" (a delay).
        r"\bons af\b|\b(denken (we|wij)|(we|wij) denken) (dat|aan)\b|\bkijken (we|wij) terug\b|"
        r"\b(realiseren (we|wij)|(we|wij) realiseren) ons\b|\baf tegen\b|"
        # ... not what stands central in a clause about its noun ("waar meedoen centraal staat").
        r"(?:^|[,;])(?:(?!\b(?:waar|waarin|waarbij|die|dat)\b)[^,;])*\bcentraal\b|"
        r"\blater\b[^.]{0,40}\bdan (verwacht|gepland)\b|\b(uitgesteld|vertraagd)\b|"
        # How the costs just named are covered ("Deze lasten worden gedekt vanuit de Algemene Reserve"),
        # a note under a budget heading, and what is
        # expected of something ("wordt er een impuls verwacht van een nieuw systeem").
        r"\w*(lasten|kosten)\b[^;]{0,100}?\b(wordt|worden)\b[^;]{0,40}?\bgedekt\b|"
        r"\b(wordt|worden)\b[^.;]{0,40}\b(lasten|kosten)\b[^.;]{0,20}\bgedekt\b|\bverwacht van\b|"
        # What something consists of or is based on, and what a passive does not do: "Het kader wordt
        # gevormd door ...", "De aanslag wordt ... gebaseerd op ...", "wordt hierin niet meegenomen".
        r"\b(wordt|worden) gevormd\b|\b(wordt|worden)\b[^.;]{0,60}\bgebaseerd op\b|"
        r"\b(wordt|worden)\s+(\w+\s+){0,4}niet\s+(\w+\s+){0,5}?(\w*ge\w+|\w+d)\b|"
        # ... nor what it does not take up: "Er wordt in 2024 dus geen lange financiering aangetrokken".
        r"\b(wordt|worden)\s+(\w+\s+){0,4}geen\s+(\w+\s+){0,3}(\w*ge\w+|\w+d)\b|"
        # What is used now, not what is worked on: "Op dit moment wordt gewerkt met twee applicaties".
        r"\b(wordt|worden)\s+(\w+\s+){0,3}gewerkt met\b|"
        # How a figure is expressed or computed, what is left out of it, and a principle applied
        # ("Het weerstandsvermogen wordt uitgedrukt in een ratio", "worden ... buiten beschouwing
        # gelaten", "wordt het uitgangspunt gehanteerd dat ...") (round 12).
        r"\b(wordt|worden)\s+(\w+\s+){0,3}uitgedrukt\s+in\b|\bbuiten beschouwing\b|"
        r"\buitgangspunt\w*\b[^.;]{0,30}\bgehanteerd\b|"
        # Whose task it is: "Wassenaar gaat zelf over de inhoud" (round 12).
        r"\bgaat\s+(zelf\s+|niet\s+)?over\s+(de|het|haar|hun|zijn)\b",
        # A consequence or an explanation of what went before: "Hierdoor stimuleren we ...", "Daarmee
        # dragen we bij aan ...", "Hiermee wordt voorkomen dat ...", "Dit wordt veroorzaakt doordat ...".
        # "En daarmee bouwen we aan het vertrouwen", "Hiermee voldoen wij aan de minimale eisen".
        "consequence": r"^(en |maar )?(hierdoor|daardoor|daarmee|hiermee|zo)\b(\s+\S+){0,2}?\s+"
        r"(dragen|draagt|stimuleren|stimuleert|bevorderen|bevordert|voorkomen|voorkomt|versterken|vergroten|"
        r"verbeteren|ontstaat|leidt|wordt|worden|bouwen|bouwt|voldoen|voldoet)\b|\bwordt veroorzaakt\b|"
        r"^(en )?(hierdoor|daardoor|daarmee|hiermee)\s+zorg(en|t)\b|"
        # "Het effect hiervan is, dat ..." (round 12).
        r"^(het|een) (effect|gevolg) (hiervan|daarvan) is\b|"
        r"^kortom\b|\bop deze (manier|wijze) (wordt|worden)\b|"
        r"\b(wordt|worden)\b[^.;]{0,40}\bop deze (manier|wijze)\b",
        # What goes on, said of the municipality's own work: "blijft ... bestaan", "voort te zetten",
        # "door loopt", "lopend traject"; its aim in so many words, "Onze inspanningen zijn gericht op";
        # and its search, "we zijn op zoek naar".
        "ongoing": r"\bblijf(t|en)\b[^.;]{0,80}\bbestaan\b|\bvoort te zetten\b|\bte verlengen\b|"
        r"\bdoor ?(loopt|lopen)\b|\blopend traject\b|\bonze inspanning(en)?\b[^.;]{0,30}\bgericht\b|"
        r"\b(we|wij)\b(\s+\w+){0,2}\s+op zoek\b",
        # "Om dat te bereiken wil de gemeente ...": the means to an end already named.
        # ... or names the means we deploy for what we want: "Deze mantelzorgers willen we beter kunnen
        # ondersteunen met de inzet van respijtzorg" (GUIDELINE.md: the means is the commitment).
        # Not in a relative clause about a result ("het resultaat dat met de inzet van ... moet worden
        # bereikt").
        "means": r"^om (dat|dit|deze \w+) te (bereiken|realiseren)\b|"
        r"(?<!\bdat )(?<!\bdie )\b(met|door) (de )?inzet van\b|(?<!\bdat )(?<!\bdie )\bdoor middel van\b",
        # A condition or a circumstance opening the sentence: "Willen we dit blijven realiseren, ...".
        "condition": r"^\s*((willen|als|indien|wanneer) (we|wij)\b|sinds\b|inmiddels\b)|"
        # "Wanneer vervolgcontacten nodig zijn, kijken we ...": what happens in a case, a procedure;
        # "Als laatste deel ..." is no condition.
        r"^\s*(als|indien|wanneer)\b(?!\s+(eerste|tweede|derde|laatste|onderdeel|gevolg)\b)[^,.]{0,120},",
        # Sentences about the document itself: "In hoofdstuk 5 geven we ...", "In dit hoofdstuk vindt u ...";
        # "(hierna IVB)" introduces an abbreviation, not a later passage.
        "about the document": r"\b(in (dit|deze|het volgende|het vorige) (hoofdstuk|notitie|nota|paragraaf|"
        r"document)|in hoofdstuk \d|\(H\d\)|antwoord op de vraag|vindt u|overzicht gegeven|"
        r"geven we (kort )?aan|per opgave|hieronder|(?<!\()hierna|hierboven|onderstaand\w*|"
        r"(volgende|vorige) hoofdstuk|(in|uit) (het|dit|de|deze) (volgende )?(overzicht|tabel)|"
        # Another document that works it out: "In ons Transformatieprogramma wordt dit nader uitgewerkt".
        r"^in (ons|onze|het|de)\s+[^,;.]{0,60}?\b(wordt|worden) (dit|deze|dat|die)\s+(nader|verder)\s+"
        r"(uitgewerkt|beschreven|toegelicht)|"
        # What the document or another one shows (round 12): "worden ook per heffing aangegeven",
        # "In de Nota ... wordt beschreven hoe ...", "Dat wordt zichtbaar gemaakt in paragraaf
        # Weerstandsvermogen", "We verwijzen naar bijlage II", "Ook vertellen we kort hoe ...".
        r"\bverwijz\w* (we |wij )?naar\b|\bvertellen (we|wij)\b|"
        r"\b(beginnen|openen) (we|wij) (deze|dit) (notitie|nota|document|hoofdstuk)\b|"
        # Where the document puts it: "Dit wordt hier als verzamelpost meegenomen".
        r"(wordt|worden) hier\s+(\w+\s+){0,3}(meegenomen|opgenomen|verwerkt|weergegeven|toegelicht|"
        r"gepresenteerd))\b",
        # A perfect or past tense: what was done, not what will be ("hebben we ... gestart").
        "past": r"\b(hadden|had|was|waren|werd|werden)\b|"
        # ... also in a simple past of our own: "We wisten dat we meer taken kregen", "wat we konden doen".
        r"\b(wisten|kregen|konden|wilden|moesten|mochten|gingen|zagen|deden|kwamen|dachten|bleken|"
        r"stonden|hielden|namen|gaven|brachten|zochten|kozen|begonnen)\b|"
        r"\b(hebben|heeft|zijn|is)\b(\s+\S+){0,6}?\s+ge\w+(d|t)\b",
        # A subordinate clause opening the sentence sets the scene; its tense is not the promise's:
        # "En daar waar het al is georganiseerd, maken we een vervolgstap".
        "scene": r"^(en |maar )?(daar waar|waar|nu|omdat|doordat|zoals|hoewel|nadat|aangezien)\b[^,]*,\s*",
        # "Lokaal zal ... een sluitend vervoersnetwerk worden ontwikkeld": a promise in the passive.
        # Participles of separable verbs carry their ge- inside: "zal ... moeten worden ingezet".
        "future passive": r"\b(zal|zullen)\b[^.;]{0,140}\b(worden\s+(\w*ge\w+|\w+d)|(\w*ge\w+|\w+d)\s+"
        r"(gaan\s+|moeten\s+)?worden)\b|\bzal er\b[^.;]{0,120}\bkomen\b|"
        # ... or with "gaan": "Dit gaat vorm gegeven worden door een scheidingsloket".
        r"\b(gaat|gaan)\b[^.;]{0,80}\b(\w*ge\w+|\w+d)\s+worden\b|"
        r"\b(zal|zullen)\b[^.;]{0,80}\b(plaatsvinden|starten)\b",
        # An event planned for a moment: "De vaststelling ... vindt eind 2024 plaats".
        "dated event": rf"\b(vindt|vinden)\b[^.;]{{0,80}}\b(?:{_DATED}|{_QUARTER})\b[^.;]{{0,40}}\bplaats\b|"
        rf"\b(?:{_DATED}|{_QUARTER})\b[^.;]{{0,40}}\b(vindt|vinden)\b[^.;]{{0,80}}\bplaats\b",
        # A result dated in the present tense, "In 2025 is de crisisorganisatie geëvalueerd", "In 2025 is
        # ook de website beschikbaar": planned when the year is that of the plan or later ("In 2025 zijn
        # wij gestart" is what we did) ...
        "dated result": r"^(?:in|eind|medio|begin|per|uiterlijk)\s+(?:het\s+\w+\s+van\s+)?"
        rf"(?P<year>{YEAR_TEXT})\s+(?:is|zijn)\b(?!\s+(?:we|wij)\b)"
        # ... with a participle or a state of completion in its clause ("In 2026 is er een tekort" is
        # a state, no result).
        r"(?=[^.;]{0,140}?\b(?:\w*ge\w+(?:d|t|en)|beschikbaar|gereed|klaar|operationeel|in gebruik|"
        r"in werking)\b)",
        # ... or with the moment after its verb: "Om ... te organiseren is in 2024 een visie ontwikkeld".
        "dated result after": r"^(?:(?!\b(?:we|wij)\b)[^.;])*?\b(?:is|zijn)\s+"
        rf"(?:in|eind|medio|begin|uiterlijk)\s+(?P<year>{YEAR_TEXT})\b(?=[^.;]{{0,140}}?\b\w*ge\w+(?:d|t|en)\b)",
        # Work planned for a moment, in its own words or in a relative clause: "die staan gepland vanaf
        # 2026", "maatregelen ... die in 2020 worden geïmplementeerd".
        # The moment may be a quarter or a season before its year ("staat gepland voor het 3e kwartaal
        # 2024", "staat vooralsnog gepland voor eind 2025"); the project's planning states it too ("De
        # (huidige) planning is dat in het 2e kwartaal 2024 de voorbereidingen zijn afgerond").
        "planned": rf"\b(?:staat|staan|is|zijn)\s+(?:\w+\s+)?gepland\s+"
        rf"(?:voor|in|vanaf|per|na|begin|eind|medio|rond|omstreeks)\s+(?:(?:het|de)\s+)?"
        rf"(?:(?:\d+e|eerste|tweede|derde|vierde|begin|eind|medio|voorjaar|najaar|zomer|winter|"
        rf"kwartaal|helft|van)\s+){{0,4}}(?P<year>{YEAR_TEXT})\b|"
        rf"^(?:de\s+)?(?:huidige\s+)?planning\s+is\s+(?:dat|om)\b[^.;]{{0,60}}?\b(?P<year4>{YEAR_TEXT})\b|"
        rf"\b(?:die|welke)\s+(?:in|eind|begin|medio|vanaf|per)\s+(?P<year2>{YEAR_TEXT})\s+(?:wordt|worden)\s+"
        r"\w*ge\w+(?:d|t|en)\b|"
        # ... or what the means make possible for a year: "Door uitbreiding van de formatie kan in 2024
        # een sportvisie worden opgeleverd".
        rf"\b(?:kan|kunnen)\s+(?:er\s+)?(?:in|eind|begin|medio|vanaf|per)\s+(?P<year3>{YEAR_TEXT})\b[^.;]{{0,100}}"
        r"\bworden\s+\w*ge\w+(?:d|t|en)\b",
        # A dated plan in the present passive whose participle has no ge- (inseparable verbs: "Begin
        # 2021 worden alle reacties verwerkt") or has it after "vast" ("In het 4e kwartaal van 2025
        # worden deze vastgesteld"); undated, such passives mostly describe ("wordt verstrekt").
        "dated passive": r"\b(wordt|worden)\b(\s+\S+){0,12}?\s+((?!beleid\b|bekend\b|verband\b|bericht\b|"
        r"bestand\b|herfst\b)(ver|be|ont|her|onder)\w{3,}(d|t)|vastge\w+(d|t))\b",
        # Money meant for something: an action it pays for ("Dit geld is bedoeld voor het aantrekken
        # van een regisseur") commits, an aim ("bedoeld om de samenwerking te verbeteren") does not.
        "money for": r"\b(?:geld|budget|bedrag|middelen)\b[^.;]{0,30}\bbedoeld\s+(?:voor|om)\b",
        # Work begun, told in the perfect: "Eind 2019 is gestart met een inventarisatie".
        "started": r"\b(?:is|zijn)\s+(?:\w+\s+)?(?:gestart|begonnen)\s+met\b",
        # A need, not a commitment: "Om ... voort te zetten is een investering nodig".
        # The financing rules of a kapitaalgoederen paragraph, how upkeep is paid for and booked
        # ("treffen we voorzieningen", "onttrekken we uit de voorzieningen", "worden geactiveerd en
        # afgeschreven", "wordt een evenredig bedrag gestort", "maken we een onderscheid tussen"):
        # principles, no measures (GUIDELINE.md, fresh7), unless dated.
        "bookkeeping": r"\btreffen (we|wij) (een )?voorziening(en)?\b|"
        r"\bonttrekken (we|wij)\b[^.;]{0,60}\bvoorziening|"
        r"\b(wordt|worden)\s+(\w+\s+){0,3}?(geactiveerd|afgeschreven)\b|"
        r"\b(wordt|worden)\s+(\w+\s+){0,4}?bedrag\w*\s+(\w+\s+){0,4}?gestort\b|"
        r"\bmaken (we|wij) (een )?onderscheid\b|"
        # Smoothing through a reserve ("Eventuele meer- of minderopbrengsten worden glad getrokken
        # via de bestemmingsreserve"): a financing rule (GUIDELINE.md, fresh8).
        r"\b(wordt|worden)\s+(\w+\s+){0,3}?(glad\s?getrokken|geëgaliseerd)\s+(via|met|uit)\b",
        # What a heffing is and who carries it out, as the Paragraaf Lokale heffingen describes it
        # ("Marktgelden worden geheven voor het gebruiken van openbare grond", "De kwijtschelding
        # wordt uitgevoerd door de Belastingsamenwerking ..."): a description, no measure, unless dated.
        "levy described": r"\b(wordt|worden)\s+geheven\b|"
        r"\b(wordt|worden)\s+uitgevoerd\s+door\s+(de|het)\s+(?!gemeente\b|college\b|raad\b)(?-i:[A-Z])",
        "need": r"\b(is|zijn)\s+(?:\w+\s+){0,5}nodig\b",
        # A result promised for a date: "Eind 2024 zullen de bruggen ... zijn hersteld".
        "future perfect": rf"\b{_DATED}\b[^.;]{{0,20}}\b(zal|zullen)\b[^.;]{{0,140}}"
        r"\bzijn\s+(\w*ge\w+|\w+d)\b",
        # A commitment in the present passive: "Daarnaast wordt er ingezet op ...", "worden geïmplementeerd".
        # Nouns that start with ge- ("gemeenten", "gebied", "geld") are no participles; separable verbs
        # put ge- after their particle ("uitgezet", "opgepakt").
        "present passive": r"\b(wordt|worden)\b(\s+\S+){0,12}?\s+((?!gemeente|gebied|geld\b|gezin|gesprek|"
        r"gegeven|geval|gevolg|gedrag|gebruik|geheel|gemiddeld|gelijk|geen\b|gelden\b|gebouw|gezondheid)ge\w+(d|t|en)|"
        r"(aan|af|bij|in|mee|na|om|op|over|toe|uit|voor|door|terug|samen|voort|los|vast|weg|neer|rond|dicht|open)"
        r"ge\w+(d|t|en)|"
        r"\w*(ingezet|opgenomen|aangeboden|ingebracht|afgeslankt|vormgegeven|uitgevoerd|ontwikkeld|georganiseerd|"
        r"verwacht|gezocht|getoetst|voorgelegd|gekozen|betrokken|ondersteund|beoordeeld|verlengd|versterkt|"
        r"verbeterd|vernieuwd|herzien|besproken|beëindigd|ondernomen|onderzocht|ondergebracht|onderhouden))\b",
        # What the Rijk or the law decides, or what may or must happen.
        "not ours": r"\b(rijk|rijksoverheid|landelijk\w*|centrumgemeente|kabinet|minister\w*|wet|wetgeving|"
        r"kan|kunnen|moet|moeten|mag|mogen|zou|zouden|hoeft|hoeven|betekent|genoemd|gezien|beschouwd|bepaald|"
        r"geacht|"
        # What the law lays on us: "Er wordt vanuit wettelijke kaders beleid opgevoerd".
        r"wettelijk\w*|"
        r"wordt bedoeld|bekostigd|"
        # How others value it: "wordt door inwoners zeer gewaardeerd", "wordt als zwaar ervaren".
        r"gewaardeerd|ervaren)\b",
        # Predictions and opinions read like passive promises: "wordt in de toekomst minder aanspraak
        # gemaakt".
        "prediction": r"\b(in de toekomst|naa?r? verwachting|men|inwoners vinden|vindt men|leidt ertoe)\b|"
        # "In Wassenaar wordt verwacht dat deze wijziging zal leiden tot ...".
        r"\b(wordt|worden)\s+(\w+\s+)?verwacht\s+dat\b|\b(zal|zullen)\s+(\w+\s+)?leiden\s+tot\b|"
        # ... and what is expected to happen: "Voor de komende jaren wordt een afnemend
        # financieringsoverschot verwacht."
        r"\b(wordt|worden)\b[^.;]{0,80}\bverwacht\s*[.;]?\s*$|"
        r"^(maar |en )?(als|indien|wanneer)\b(?!\s+(eerste|tweede|derde|laatste|onderdeel|gevolg)\b)",
        # "Verzoek in kadernota is om ...": a proposal.
        "proposal": r"\bverzoek\b[^.]{0,40}\bis\b[^.]{0,15}\bom\b",
        # A duty the municipality states for its own instruments, opening the sentence: "Ook moet de
        # subsidieverordening worden geactualiseerd", "In 2025 moet er een nieuw subsidieplan
        # ingaan", "Het is daarom noodzakelijk het beleid door te ontwikkelen".
        "own duty": rf"^(?:(?:ook|daarom|daarnaast|verder|(?:in|eind|per|vanaf) {YEAR_TEXT})\s+)*moet\s+"
        r"[^.;]{0,100}\b(?:worden\s+\w*ge\w+[dt]|ingaan|starten|komen)\b|"
        # ... or of what is ours by its demonstrative: "Dit beleid moet worden geëvalueerd".
        r"^(?:dit|deze|ons|onze)\s+\w+\s+moet(?:en)?\s+(?:ook\s+|nog\s+)?worden\s+\w*ge\w+[dt]\b|"
        r"^het is (?:daar(?:door|om)\s+|dan ook\s+)?noodzakelijk (?:om\s+)?[^.;,]{0,100}\bte\s+\w+en\b",
        "uncertain": r"\b(onduidelijk|onzeker|mogelijk|misschien|waarschijnlijk|of het|wellicht)\b",
        "want that": r"\b(willen (we|wij)|(we|wij) willen|wil de gemeente|gemeente wil) dat\b|"
        # "Het liefst willen we ... bieden": a wish, the end state wanted, whatever its verb.
        r"\b(het )?liefst (willen|wil)\b",
        # "willen we een volgende stap zetten en zullen we onder andere ...": the promise decides.
        "want and promise": r"\b(zullen|gaan) (we|wij)\b|\b(we|wij) (zullen|gaan)\b",
        "goal of": r"\b(hoofd)?doel(stelling)? van\b[^.]{0,90}?\b(is|zijn)\b",
        # "Langs beleidslijnen willen we de doelen bereiken": about the goals, not one of them.
        "about goals": r"(?<!gestelde )\bdoelen\b",
        # "Uitgangspunt is dat wij ... willen instaan voor ...": the premise names what is wanted.
        "premise": r"\buitgangspunt (is )?dat (we|wij)\b[^.;]{0,120}\bwillen\b",
        "past goal": r"\b(was|waren)\b",
        # The aim of the municipality's own policy, instrument or partnership (GUIDELINE.md, fresh6):
        # "De werkwijze ... is erop gericht om ...", "Dit beleid zal er onder meer op gericht zijn
        # ...", "Deze campagne is bedoeld om ...", "Het is de bedoeling dat ...", and the aim pursued
        # in the passive, "er wordt te allen tijde gestreefd naar ..."; not what a partner
        # concentrates on ("richt zich op") nor what a budget is meant for (money for, above).
        "aim": r"\ber\s*(?:\w+\s+){0,3}?op\s+gericht\b|\b(?:is|zijn)\s+bedoeld\s+om\b|"
        r"\b(?:het\s+is|is\s+het)\s+de\s+bedoeling\s+(?:dat|om)\b|^(?:de\s+)?bedoeling\s+is\b|"
        r"\b(?:wordt|worden)\s+(?:er\s+)?(?:\w+\s+){0,4}?gestreefd\b|"
        # "Beoogd is om voor de zomer van 2024 ... te evalueren" (round 12).
        r"^beoogd\s+is\s+(?:om|dat)\b",
        # Policy of the Rijk or another tier, whose aim is context, not ours.
        "national": r"\b(?:rijk\w*|kabinet|minister\w*|landelijk\w*|europe\w*|provinci\w*)\b",
        # The aim of a law ("Het doel van de wet is overheden transparanter te maken"): a national
        # instrument's, context (GUIDELINE.md, fresh8), not ours.
        "law aim": r"\bdoel\w* van (?:de|deze) wet\w*\b",
        # Subordinate clauses after "we willen ..." describe a purpose, not what is wanted.
        "subclause": r"\b(zodat|waardoor|waarbij|omdat|die|dat|hoe|waar|om|door)\b",
    },
    re.IGNORECASE,
)


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


# A relative pronoun before "we": what follows describes its noun ("Een grens die wij stellen is ...").
_RELATIVE = {"die", "wat", "welke"}


def labels(text: str) -> set[str]:
    """The cue labels (GOAL, WANT, MEASURE, EXPECT) whose patterns occur in `text`; "we" + a verb of
    doing in a relative clause ("de grens die wij stellen") is no work of ours."""
    nlp = get_nlp()
    doc = nlp.make_doc(text)
    found = set()
    for match_id, start, _ in matcher()(doc):
        label = nlp.vocab.strings[match_id]
        relative = start > 0 and doc[start].lower_ in ("we", "wij") and doc[start - 1].lower_ in _RELATIVE
        if label == "MEASURE" and relative:
            continue
        found.add(label)
    return found


def classify(text: str, plan_year: int | None = None, municipality: str = "") -> str | None:
    """ "goal", "measure" or None for one sentence, from its cue words. `plan_year`, the first year
    the document plans for, dates results stated in the present tense ("In 2025 is ... geëvalueerd");
    the `municipality` by its name is "de gemeente" ("Wassenaar werkt al jaren aan ...")."""
    if _COUNTED_LIST.search(text):
        text = text.rstrip()[:-1] + "."  # "We zetten in op 4 actielijnen:" commits to the lines it counts
    if municipality:
        by_name = rf"^(?:de\s+)?(?:gemeente\s+)?{re.escape(municipality)}\s+(?=[a-z])"
        text = re.sub(by_name, "De gemeente ", text, count=1)
        # ... also inside the sentence: "maakt gemeente Wassenaar gebruik van" (round 12).
        text = re.sub(rf"\b(de\s+)?(gemeente)\s+{re.escape(municipality)}\b", r"\1\2", text, flags=re.I)
        text = re.sub(rf"\bdoor\s+{re.escape(municipality)}\b", "door de gemeente", text)
    shown = _SHOWN.search(text)
    if (
        text.rstrip().endswith(("?", ":"))
        or _CHECK["condition"].match(text)
        or _CHECK["about the document"].search(text)
        or (shown is not None and _in_main_clause(text, shown.start()))
    ):
        return None  # a question, a condition, a list's introduction, or talk about the document
    if (_CHECK["bookkeeping"].search(text) or _CHECK["levy described"].search(text)) and not _DATE.search(
        text
    ):
        return None  # how upkeep is financed and booked, what a heffing is: a principle, a description
    meaning = _MEANS_FOR_US.match(text) or _DECIDED_THAT.match(text)
    if meaning and _commits_in_clause(meaning.group("clause")):
        return "measure"
    money = _CHECK["money for"].search(text)
    if money:
        return "measure" if _names_action(text[money.end() :]) else None
    result = _CHECK["dated result"].match(text) or _CHECK["dated result after"].match(text)
    work = None if result else _dated_work(text)
    dated = result or work
    if dated and _CHECK["started"].search(text):
        dated = None  # "Eind 2019 is gestart met een inventarisatie": work begun, no result promised
    year = int(dated.group("year")) if dated else None
    planned = _CHECK["planned"].search(text)
    if planned and year is None:
        year = int(next(planned.group(g) for g in ("year", "year2", "year3", "year4") if planned.group(g)))
    # Work told in the present tense after its moment may be dated in the year the plan is written,
    # the year before its first ("In de loop van 2024 volgt een plan" in the budget for 2025); a
    # result told as done in that year, or work planned then, is past (round 12).
    first = (
        plan_year - (WRITTEN_YEARS_BEFORE if work and year is not None and not planned else 0)
        if plan_year
        else None
    )
    if first is not None and year is not None and year >= first and not _uncertain(text):
        return "measure"
    if (
        _CHECK["ongoing"].search(text)
        and not _uncertain(text)
        and not _CHECK["condition"].match(text)
        and not _CHECK["need"].search(text)
        and not _RISK_REMAINS.search(text)
    ):
        return "measure"
    if _CHECK["premise"].search(text):
        return "goal"
    aim = _CHECK["aim"].search(text)
    if aim and not _CHECK["past goal"].search(text) and not _CHECK["national"].search(text):
        # An aim dated in the plan's first years is a step planned ("Bedoeling is dat begin 2025 door
        # de Raad het financieel kader wordt vastgesteld").
        return "measure" if _plan_dated(text, plan_year) else "goal"
    found = labels(text)
    if _municipality_works(text, municipality):
        found.add("MEASURE")
    if not found:
        return "measure" if _passive_promise(text) else None
    if "GOAL" in found and (
        _CHECK["past goal"].search(text) or _only_goal_of(text) or _CHECK["law aim"].search(text)
    ):
        found.discard("GOAL")
    if _CHECK["about goals"].search(text):
        found -= {"GOAL", "WANT"}
    promise = "MEASURE" in found and not _CHECK["not a promise"].search(text)
    if "GOAL" in found:
        # "We streven ernaar deze afspraken na de zomer vast te leggen" is a dated commitment.
        # ... and so is "streven we naar" + a moment in the plan's first years ("streven we naar een
        # opening van de nieuwe gemeentewerf eind 2025") (round 12).
        striving = bool(re.search(r"\bstreven (we |wij )?ernaar\b", text, re.I) and TIME_MENTION.search(text))
        striving = striving or bool(
            re.search(r"\bstreven (we |wij )?naar\b", text, re.I) and _plan_dated(text, plan_year)
        )
        if promise or striving:
            return "measure" if not re.search(r"\b(doel|ambitie|doelstelling)\b", text, re.I) else "goal"
        return "goal"
    if "WANT" in found and not _CHECK["not a promise"].search(text):
        if _plan_dated(text, plan_year) and not _CHECK["want that"].search(text):
            return "measure"  # "In 2024 wil de gemeente één loketfunctie uitbouwen": planned for the year
        promised = "MEASURE" in found and _CHECK["want and promise"].search(text)
        if _CHECK["means"].search(text) or (promised and not _CHECK["want that"].search(text)):
            return "measure"
        return "goal" if _CHECK["want that"].search(text) or not _wants_action(text) else "measure"
    if _CHECK["consequence"].search(text):
        return None
    main = _CHECK["scene"].sub("", text, count=1)
    # A relative clause after a comma tells of its noun: its tense is not the main clause's ("...
    # vangt Wassenaar ontheemden op, die gevlucht zijn voor ...") (round 12).
    main = _COMMA_RELATIVE.split(main, maxsplit=1)[0]
    if promise and not (_CHECK["past"].search(main) and "gaan" not in text.lower()):
        return "measure"
    if "EXPECT" in found and TIME_MENTION.search(text) and re.search(r"\bte\b|\bkunnen\b", text):
        return "measure"
    if "EXPECT" in found and re.search(r"\bte kunnen\b", text) and _BY_DOING.search(text):
        return "measure"  # "We verwachten ... € 150.000 te kunnen besparen door scherper te kijken naar ..."
    return None


# What the document or another one shows, in the passive of its main clause: "worden ook per heffing
# aangegeven", "In de Nota ... wordt beschreven hoe ...", "Dat wordt zichtbaar gemaakt in paragraaf
# Weerstandsvermogen" (round 12); not what a programme drawn up shows ("een uitvoeringsprogramma
# waarin ... worden aangegeven").
_SHOWN = re.compile(
    r"\b(?:wordt|worden)\s+(?:\w+\s+){0,3}(?:aangegeven|aangeven|beschreven|weergegeven|zichtbaar\s+gemaakt)\b",
    re.IGNORECASE,
)

# A risk or a shortfall that remains is no work that goes on: "het risico op hogere lasten blijft
# bestaan" (round 12).
_RISK_REMAINS = re.compile(
    r"\b(?:risico|tekort|probleem|onzekerheid)\w*\b[^.;]{0,60}\bblijf(?:t|en)\b[^.;]{0,20}\bbestaan\b",
    re.IGNORECASE,
)

# How many years before its first year a plan is written: work it plans in the present tense for
# that year is still to come.
WRITTEN_YEARS_BEFORE = 1

# The municipality as the subject of a verb of work in the present tense (round 12): "De gemeente
# geeft uitvoering aan ...", "Hierbij maakt de gemeente gebruik van ...", "Als gevolg hiervan neemt
# het college ... op", "In 2024 blijft de gemeente de Klimaattafel faciliteren", "Wassenaar vangt
# ... op". Not being, having, receiving, knowing or expecting, nor a modal (other patterns read
# those).
_NOT_MUNICIPAL_WORK = {
    "wordt", "moet", "heeft", "krijgt", "ontvangt", "staat", "ligt", "komt", "kent", "weet", "ziet",
    "vindt", "betekent", "bestaat", "kost", "telt", "geldt", "loopt", "zit", "lijkt", "blijkt", "hecht",
    "acht", "past", "verwacht", "hoopt", "merkt", "constateert", "signaleert", "erkent", "herkent",
    "beseft", "begrijpt", "denkt", "gelooft", "meent", "vreest", "twijfelt", "wenst", "streeft", "beoogt",
    "beschikt", "valt", "hoort", "behoort", "voldoet", "mist", "verliest", "betaalt", "besteedt", "rekent",
    "gaat",
    "niet", "met", "tot", "dat", "wat", "vanuit", "uit", "licht", "recht", "echt", "zelf",
    # Roles and attitudes, no work: "De gemeente behartigt het algemeen belang", "treedt verbindend op",
    # "opereert binnen de kaders", "accepteert dat ...".
    "behartigt", "treedt", "opereert", "accepteert", "respecteert", "bruist",
}  # fmt: skip
# A role the municipality has, no work it does: "De gemeente voert regie en is wettelijk
# verantwoordelijk voor ...", "geeft invulling aan haar verantwoordelijkheid".
_ROLE = re.compile(r"\bverantwoordelijk\w*", re.IGNORECASE)
_LEADING_WORDS = (
    r"in|op|met|bij|voor|na|vanaf|per|uit|vanuit|door|tot|naast|binnen|over|tijdens|via|als|zo|ook|verder|"
    r"tevens|daarnaast|vervolgens|bovendien|eveneens|jaarlijks|periodiek|momenteel|nu|daarbij|hierbij|"
    r"daarom|hiervoor|daarvoor|hiermee|daarmee|hierin|daarin|hierop|daarop|allereerst|ten|tot|ondertussen"
)


def _municipality_works(text: str, municipality: str = "") -> bool:
    """Whether the municipality (de gemeente, het college, or its name) is the subject of a verb of
    work in the present tense in the sentence's main clause: opening the sentence before its verb,
    or after its verb where an adverb or a phrase of time or place opens it."""
    names = ["de gemeente", "het college"] + ([re.escape(municipality)] if municipality else [])
    subject = rf"(?:{'|'.join(names)}|gemeente)"
    verb = r"(?P<verb>[a-zà-ÿ]{3,}t)"
    first = re.match(rf"^\W*{subject}\s+(?:(?:ook|zelf|nu|al|daarom)\s+)?{verb}\b", text, re.IGNORECASE)
    inverted = re.match(
        rf"^\W*(?:{_LEADING_WORDS})\b[^,;:.]{{0,80}}?\s{verb}\s+{subject}\b", text, re.IGNORECASE
    )
    if _ROLE.search(text):
        return False
    for match in (first, inverted):
        if match is None:
            continue
        word = match.group("verb").lower()
        if word in _NOT_MUNICIPAL_WORK or (re.fullmatch(r"(?:\w+)?ge\w+[dt]", word) and word != "geeft"):
            continue
        if word == "blijft":  # "blijft de gemeente ... faciliteren": it goes on doing it
            rest = re.split(r"[,;]", text[match.end() :], maxsplit=1)[0].lower()
            if not any(w in _MUST_ACTIONS for w in re.findall(r"[a-zà-ÿ]+", rest)):
                continue
        return True
    return False


# A moment in a plan year: "In 2024", "begin 2025", "in het najaar van 2024", "Voor 2025".
_PLAN_MOMENT = re.compile(
    rf"\b(?:eind|begin|medio|in|per|vanaf|voor)\s+(?:(?:het|de)\s+\w+\s+(?:van\s+)?)?(?P<year>{YEAR_TEXT})\b",
    re.IGNORECASE,
)
# How far past the plan's first year a wish or an aim is still the work planned: a wish for 2030 is a
# target ("In 2030 willen we klimaatneutraal zijn"), one for the budget year the year's work.
PLANNED_YEARS_AHEAD = 1


def _plan_dated(text: str, plan_year: int | None) -> bool:
    """Whether `text` names a moment in the plan's first years ("In 2024 willen we ...")."""
    if plan_year is None:
        return False
    years = [int(m.group("year")) for m in _PLAN_MOMENT.finditer(text)]
    return any(plan_year <= year <= plan_year + PLANNED_YEARS_AHEAD for year in years)


def plan_year(meta: DocumentMeta) -> int:
    """The first year a document plans for: the start of its period ("2025-2028"), else its year."""
    years = [int(y) for y in BARE_YEAR.findall(meta.period)]
    return years[0] if years else meta.year


def _passive_promise(text: str) -> bool:
    """What will be done, said without a subject: "zal ... worden ontwikkeld", "wordt er ingezet op",
    "Verzoek in kadernota is om ..."; not what the Rijk decides or what may or must happen."""
    if _CHECK["proposal"].search(text):
        return True
    doubts = ("not a promise", "past", "consequence")
    if _uncertain(text) or _DATES_BEFORE.match(text):
        return False
    # What was done and what is being done, in one sentence: "In 2024 is het beleid geoptimaliseerd en
    # worden nieuwe regelingen opgesteld": the second clause promises.
    coordinated = _COORDINATED_PASSIVE.search(text)
    if coordinated and _CHECK["past"].search(text[: coordinated.start()]):
        return _passive_promise(text[coordinated.end() :])
    # A purpose clause ("om ... het tekort van € 400.000 te kunnen halveren") says what for: its modal
    # and its figures are not the main clause's.
    text = _PURPOSE.sub("", text)
    if _CHECK["future perfect"].search(text) and not _CHECK["not a promise"].search(text):
        return True  # its "zijn hersteld" is no past tense
    if any(_CHECK[name].search(text) for name in doubts):
        return False
    if any(_CHECK[name].search(text) for name in ("future passive", "own duty", "dated event")):
        return True
    dated = _DATE.search(text) is not None
    passives = [*_CHECK["present passive"].finditer(text)]
    passives += _CHECK["dated passive"].finditer(text) if dated else ()
    # Something new the municipality brings about, without a subject: "Er komt een
    # verduurzamingsplan", "In 2025 komt er een plan binnen bestaande budgetten" (round 12).
    passives += _COMES_THERE.finditer(text)
    present = next(
        (m for m in sorted(passives, key=lambda m: m.start()) if _in_main_clause(text, m.start())), None
    )
    if not present:
        return False
    # What may, must or is expected to happen, or what the Rijk does, voids the promise in its own
    # clause only: a subordinate clause after it ("..., waarna er nog vervolgstappen moeten worden
    # genomen", "... onderzocht welke maatregelen genomen kunnen worden") and a purpose clause
    # before it ("Om de ervaren hinder te voorkomen wordt ...") speak of something else (round 12).
    clause = _main_clause(text, present)
    if _CHECK["not ours"].search(clause) or _OTHER_AGENT.search(clause):
        return False
    # An expected moment for a step of ours is its planning ("wordt naar verwachting in 2024
    # voorgesteld aan de Raad"), not a prediction, unless the sentence only dates the one before
    # ("Naar verwachting zal dit in 2025 plaatsvinden") (round 12).
    prediction = _CHECK["prediction"].search(clause)
    expected = prediction is not None and re.fullmatch(r"na(?:ar)? verwachting", prediction.group(0), re.I)
    if prediction and not (expected and _DATE.search(clause) and not _DATES_BEFORE.match(clause)):
        return False
    if present.re is _COMES_THERE and _CHECK["national"].search(clause):
        return False  # "Er komt een nieuw verdeelmodel voor de rijksmiddelen": the Rijk's
    # Without a subject, a sentence of counts or amounts reports ("Er wordt op jaarbasis door ca.
    # 200 à 300 mensen gebruik gemaakt"); an amount assigned is a budget line. What a relative
    # clause adds is about its noun ("actielijnen die ... bijdragen aan een besparing van € 275.000").
    # Done by an action of ours ("wordt gerealiseerd door externe inhuur te beperken"), it commits
    # whatever its amounts.
    return not _counts(_RELATIVE_CLAUSE.split(text, maxsplit=1)[0]) or bool(_BY_DOING.search(text))


# "Er komt een ...", "komt er specifiek advies": something new brought about, the municipality's
# own where nothing in its clause says otherwise ("Er komt een wet" is the Rijk's).
_COMES_THERE = re.compile(
    r"\b(?:er\s+komt|komt\s+er)\s+(?:\w+\s+){0,2}?(?:een|nieuwe?|specifiek\w*|extra|ook)\b", re.IGNORECASE
)
# A sentence that only dates the one before: "Naar verwachting zal dit in 2025 plaatsvinden".
_DATES_BEFORE = re.compile(
    r"^(?:naar\s+verwachting\s+)?(?:(?:zal|wordt|gaat)\s+(?:dit|dat|het)|(?:dit|dat|het)\s+(?:zal|wordt|gaat|vindt))\b"
    r"(?=[^.;]*\b(?:plaatsvinden|plaats|gebeuren|gedaan|afgerond)\b)",
    re.IGNORECASE,
)
# A passive done by someone else, named as its agent: "wordt uitgevoerd door Onderzoeksbureau AEF",
# "worden geleverd door Dunea", "worden door hen uitgewerkt" (round 12); the municipality, its raad
# and college are ours ("door de Raad vastgesteld", "door Wassenaar zelfstandig opgepakt", read as
# "door de gemeente").
_OTHER_AGENT = re.compile(
    r"\bdoor\s+(?:hen|hun|derden|(?:de\s+|het\s+)?(?!(?:Raad|College|Gemeente|Wethouder|B&W|Rijk)\b)(?-i:[A-Z])\w+)",
    re.IGNORECASE,
)
# Where the clause of a main-clause verb ends: a subordinate clause after it (a relative, an indirect
# question, a consequence or a time), or a second main clause with a modal.
_CLAUSE_END = re.compile(
    r",?\s+(?:waarna|waarin|waarbij|waarmee|waardoor|waarvoor|waarop|zodat|zodra|die|dat|welke|wat|waar|"
    r"of|hoe|omdat|wanneer|indien|voordat|nadat|totdat|tot\s+dat)\s|"
    r",?\s+en\s+(?=(?:er\s+)?(?:moet|moeten|kan|kunnen|mag|mogen|zou|zouden)\b)|,\s+(?:maar|echter)\b",
    re.IGNORECASE,
)
_COMMA_RELATIVE = re.compile(r",\s+(?:die|dat|welke|waarin|waarbij|waarmee|waardoor|waarna)\s", re.IGNORECASE)
# A purpose clause opening the sentence, up to the main clause's finite verb: "Om de hinder te
# voorkomen wordt ...".
_LEADING_PURPOSE = re.compile(r"^om\s+[^,;]*?\bte\s+\w+en\s+(?=(?:wordt|worden|komt)\b)", re.IGNORECASE)


def _main_clause(text: str, verb: re.Match[str]) -> str:
    """The clause of the main-clause verb `verb`: from the sentence's start (less a purpose clause
    opening it) to the first subordinate clause after the verb."""
    end = _CLAUSE_END.search(text, verb.end())
    clause = text[: end.start() if end else len(text)]
    return _LEADING_PURPOSE.sub("", clause, count=1)


# The action a passive is done by: "door externe inhuur te beperken en meer werk uit te voeren".
_BY_DOING = re.compile(r"\bdoor\s+[^.;]{1,80}?\bte\s+\w+en\b", re.IGNORECASE)
# "... en worden ...": a second main clause in the present passive.
_COORDINATED_PASSIVE = re.compile(r",?\s+en\s+(?:(?:er|ook|daarnaast|tevens)\s+)?(?=(?:wordt|worden)\b)")
# A purpose clause at the end of a sentence: "om d.m.v. controles het tekort te kunnen halveren".
_PURPOSE = re.compile(r",?\s+om\s+.*?\bte\s+(?:kunnen\s+)?\w+en\b.*$", re.IGNORECASE)

# The start of a relative clause after its noun (or a bracket closing after it): ") die vanaf 2027".
_RELATIVE_CLAUSE = re.compile(r"[),]?\s+(?:die|welke|waarmee|waardoor)\s")
# A word that opens a subordinate clause: a relative pronoun, "dat", or "of" after a verb of asking.
_SUBORDINATE = re.compile(
    r"\s(?:die|dat|welke|waarin|waarmee|waarvoor|waardoor|waarbij|waarop|waarover|waaraan)\s|"
    r"\b(?:horen|weten|vragen|kijken|nagaan|bekijken|bezien|zien|beoordelen|afvragen|onderzoeken)\s+of\s",
    re.IGNORECASE,
)


def _in_main_clause(text: str, at: int) -> bool:
    """Whether the verb at `at` belongs to the main clause: a passive in a relative or an indirect
    question ("voorzieningen die door de gemeente worden gefinancierd", "horen of de analyse wordt
    gedeeld") describes; a comma or bracket closes such a clause."""
    clause = re.split(r"[,;:()]", text[:at])[-1]
    return _SUBORDINATE.search(clause.lstrip()) is None  # "Dat wordt ..." opens with a pronoun


def _uncertain(text: str) -> bool:
    """Doubt in the sentence; "zo veel mogelijk" and "zo thuis mogelijk" say how far, not whether, and
    the question a study asks is what it examines ("wordt onderzocht waar nog meer plekken mogelijk
    zijn")."""
    text = _EXAMINED.sub(r"\1", text)
    degree = re.sub(r"\bzo(veel)?\s+(\w+\s+)?mogelijk\b", "", text, flags=re.IGNORECASE)
    return bool(_CHECK["uncertain"].search(degree))


# A verb of examining and the indirect question after it: "onderzocht waar ... mogelijk zijn".
_EXAMINED = re.compile(
    r"\b(onderzocht|onderzoeken|bekeken|bekijken|verkend|verkennen|nagegaan|nagaan)\s+(?:of|waar|welke|hoe|wat)\b.*$",
    re.IGNORECASE,
)


def _counts(text: str) -> bool:
    """Whether `text` gives figures (not years, dates or list numbers): counts, shares, amounts."""
    return any(not YEAR_CELL.fullmatch(f) for f in MEASURED_FIGURE.findall(text)) or bool(
        MONEY_CUES["mention"].search(text)
    )


def not_a_commitment(text: str) -> str:
    """Why a sentence is no measure however its words read, or "": a footnote or table note ("¹ Bron:
    ...", "*) exclusief ..."), a sentence of figures without anyone committing to anything."""
    if NOTE_START.match(text):
        return "note"
    if _counts(text) and not _commits(text):
        return "figures"
    return ""


def _commits(text: str) -> bool:
    """Someone commits: we / the college / the municipality, or a proposal or a future tense."""
    found = labels(text)
    return (
        bool(found & {"MEASURE", "WANT", "EXPECT"})
        or any(_CHECK[name].search(text) for name in ("future passive", "proposal"))
        or (not found and _passive_promise(text))
    )


# A list's introduction that counts what it lists: "We zetten regionaal in op 4 actielijnen:"; a bare
# one ("Dit gaan we hiervoor doen:", "We zetten in op:") only announces.
_COUNTED_LIST = re.compile(rf"\b(?:\d{{1,2}}|{'|'.join(NUMBER_WORDS)})\s+[\w'’-]+\s*:\s*$", re.IGNORECASE)

# A moment opening the sentence and the finite verb after it: "In het voorjaar van 2026 organiseert
# ...", "In 2026 sluiten de praktijken aan op ...".
_DATED_VERB = re.compile(
    rf"^(?:in|eind|medio|begin|per|vanaf|uiterlijk)\s+(?:(?:het|de)\s+)?(?:\w+\s+)?(?:\w+\s+van\s+)?"
    rf"(?P<year>{YEAR_TEXT})\s+(?P<verb>[a-zà-ÿ]{{3,}})\b",
    re.IGNORECASE,
)
# Finite verbs after such a moment that state no work of the municipality's: being, having, modals,
# and the growth or decline of what is counted.
_NOT_WORK = {
    "is", "zijn", "was", "waren", "heeft", "hebben", "had", "hadden", "wordt", "worden", "werd", "werden",
    "kan", "kunnen", "moet", "moeten", "mag", "mogen", "zal", "zullen", "wil", "willen", "staat", "staan",
    "ligt", "liggen", "komt", "komen", "krijgt", "krijgen", "blijft", "blijven", "bestaat", "bestaan",
    "geldt", "gelden", "loopt", "lopen", "vond", "vonden", "telt", "tellen", "kost", "kosten", "zag", "zagen",
    # What happens outside: "In 2030 stijgt de vraag naar zorg".
    "stijgt", "stijgen", "daalt", "dalen", "groeit", "groeien", "neemt", "nemen", "verandert", "veranderen",
}  # fmt: skip


def _dated_work(text: str) -> re.Match[str] | None:
    """A dated sentence whose verb is work in the present tense ("In 2026 organiseert het team een
    sessie"), not being, having or a modal."""
    match = _DATED_VERB.match(text)
    verb = match.group("verb").lower() if match else ""
    if not match or verb in _NOT_WORK or not re.fullmatch(r"[a-zà-ÿ]+(?:t|en)", verb):
        return None
    return match if not _CHECK["past"].search(text) else None


# What a choice means or asks of the municipality's work, in a dat-clause: "Dit betekent dat we
# inzetten op ...", "Dit vraagt dat we afspraken maken ...", "... dat initiatieven worden beoordeeld".
_MEANS_FOR_US = re.compile(
    r"^(?:dit|dat|het)\s+(?:betekent|vraagt|vereist|houdt\s+in)\s+(?:\w+\s+)?dat\s+(?P<clause>.+)$",
    re.IGNORECASE,
)
# A decision taken or an agreement made, in a dat-clause: "In het coalitieakkoord is opgenomen dat we
# bij scheidingen inzetten op ...", "Er is afgesproken dat ... worden beoordeeld".
_DECIDED_THAT = re.compile(
    r"^(?:(?:in|met)\s+[^,.;]{1,60}?\s+)?(?:er\s+)?(?:is|staat)\s+(?:\w+\s+)?(?:opgenomen|afgesproken|besloten|"
    r"vastgelegd|overeengekomen)\s+dat\s+(?P<clause>.+)$",
    re.IGNORECASE,
)
_SUBORDINATE_WE = re.compile(r"^(?:we|wij)\b(?P<rest>[^,;]*)", re.IGNORECASE)


def _commits_in_clause(clause: str) -> bool:
    """Whether a dat-clause (verb last) says what we do or what is done: "we ... inzetten", "we ...
    moeten geven", "initiatieven worden ... beoordeeld"."""
    if _uncertain(clause):
        return False
    we = _SUBORDINATE_WE.match(clause)
    if we is not None:
        words = re.findall(r"[a-zà-ÿ]+", we.group("rest").lower())
        verbs = [w for w in words if w.endswith("en") and w not in NON_COMMITTING_VERBS]
        return any(w in _MUST_ACTIONS or w in _WANT_ACTIONS for w in verbs)
    # A passive that may or must happen, or will not, is no commitment.
    doubts = ("not ours", "prediction")
    passive = _CHECK["present passive"].search(clause) is not None
    return (
        passive and not any(_CHECK[n].search(clause) for n in doubts) and not re.search(r"\bniet\b", clause)
    )


def _names_action(clause: str) -> bool:
    """Whether `clause` (up to a subordinate clause) names an action, not an aim; a separable verb's
    infinitive counts whole ("aan te stellen")."""
    clause = _CHECK["subclause"].split(clause, maxsplit=1)[0]
    clause = re.sub(r"\b(aan|in|op|uit|af|mee|bij|door|samen)\s+te\s+(\w+en)\b", r"\1\2", clause.lower())
    return "kunnen" not in clause.split() and any(
        w in _WANT_ACTIONS for w in re.findall(r"[a-zà-ÿ]+", clause)
    )


def _wants_action(text: str) -> bool:
    """Whether what "willen we" / "wil de gemeente" wants is an action (invest, organise, ...) rather
    than a state; wanting to be able to act ("beter kunnen ondersteunen") is a state."""
    return _names_action(re.split(r"\bwil(?:len)?\b", text, maxsplit=1, flags=re.I)[-1])


def _only_goal_of(text: str) -> bool:
    """ "doel(stelling) van" only states a goal when an "is" follows ("Doel van dit project is ...")."""
    plain = re.search(
        rf"\b(ons|onze|het|de) (?:(?:{'|'.join(_GOAL_RANKS)}) )?"
        r"(doel|ambitie|doelstelling|hoofddoel|streven|speerpunt) is\b|"
        r"\b(doel|doelstelling|hoofddoel) (hierbij|daarbij|hiervan|daarvan) is\b|\bmet als hoofddoel\b|"
        r"\bvolgende (doelstelling|hoofddoel)\b|^(doel|doelstelling|hoofddoel) ((in|voor) \d{4} )?is\b|"
        r"\b(wordt|worden) getracht\b|^beoogd (wordt|worden)\b|"
        r"\b(hier|daar)(mee|door) (wordt|worden) beoogd\b|"
        r"\b(ambitie|intentie) om\b(?![^.]*\b(hebben|heeft) (wij|we)\b)|\b(de|onze) intentie is\b|"
        r"\bis het (doel|streven) (te|om)\b|"
        r"^(de|het) (\w+ )?(doel|doelstelling|doelstellingen) "
        r"(is|zijn|van\b(?![^.]*\b(wordt|worden|werd|werden)\b))|"
        r"^\w+ doelstellingen zijn\b",
        text,
        re.I,
    )
    other = re.search(r"\b(streven|streeft|beogen|wil|speerpunt\w*)\b", text, re.I)
    return not plain and not other and not _CHECK["goal of"].search(text)


# The layout of Dutch programme budgets (BBV): per programme "Wat willen we bereiken?" with its
# doelstellingen, "Wat gaan we daarvoor doen?" with the results planned per doelstelling and their
# "Toelichting", a table of effect indicators, and new policy or savings as headings with their
# amount ("Formatie-uitbreiding griffie (hogere lasten € 20.000)").
PROGRAMME_BUDGET = compile_table(
    {
        # The first header cell of an effect-indicator table ("Effectindicator", "Indicator").
        "indicator header": r"^(?:effect|beleids|prestatie)?indicator(?:en)?(?:\s+peilwaarde)?$",
        # A header line of such a table: its column words, bracketed reference moments and years
        # ("Peilwaarde", "(begin 2022", "obv JR 2021)", "(peiljaar)", "Streefwaarde", "Begroting",
        # "eind 2024", "2025 (%)").
        "indicator header line": r"^(?:(?:peilwaarde|peiljaar|streefwaarde|realisatie|begroting|eind|begin|"
        rf"medio|o\.?b\.?v\.?|jr|%|\(|\)|{YEAR_TEXT})[\s().:,]*)+$",
        # The column a header names: the reference value measured, or a target.
        "indicator column": r"\b(?P<column>peilwaarde|realisatie|streefwaarde)\b",
        # A value cell of such a row: "6,1% (2021)", "27,1", "€ 30,4 mln", "12.367", "214,4 kg".
        "indicator value": r"(?:€\s?)?[-−–]?\d[\d.,]*(?:\s?(?:%|kg|ton|km|mln\.?|miljoen|mld\.?)(?!\w))?"
        rf"(?:\s?\({YEAR_TEXT}\))?",
        # A remark printed under a value in its own bracket: "(plus 65)".
        "value note": r"\([^()]{1,20}\)",
        # The bracket of a new-policy or savings heading: "(hogere lasten € 50.000 in 2024)",
        # "(structureel lagere lasten vanaf 2026 € 159.000)", "(€ 15.000 hogere lasten)"; a bracket
        # may hold one of its own ("Dekking voor het gedeelte van Wassenaar (52%) vanuit de leges").
        "budget change": r"\((?=(?:[^()]|\([^()]*\))*?\b(?:hogere|lagere)\s+(?:lasten|baten)\b)"
        r"(?:[^()]|\([^()]*\))*\)",
        # The mandatory (BBV) policy-indicator table: "Progr. Nr. Naam Indicator Eenheid Bron
        # Realisatie Wassenaar (jaartal) Realisatie Nederland (jaartal)"; a row starts with its
        # programme and indicator number ("2 21.  Banen") and ends in values with their year.
        "policy indicator header": r"\beenheid\b.*\bbron\b",
        "policy indicator row": r"^\d{1,2}\s+\d{1,2}\.(?:\s|$)",
        "dated value": rf"[-−–]?\d[\d.,]*(?:\s?%)?\s?\(\s?{YEAR_TEXT}\s?\)",
        # A value column that compares with the country, not the municipality's own figure.
        "national column": r"\b(?:nederland|landelijk|nl)\b",
        # The investment table: "Reeds beschikbaar gesteld krediet ... Beschikbaar te stellen
        # krediet | Meerjarenbeeld | Totaal", then a line of its years; amounts in whole euros, a
        # dash for none.
        "investment years": r"\bmeerjarenbeeld\b",
        "investment credit": r"\bkrediet\b",
        "investment cell": r"(?<!\S)(?:-?\d{1,3}(?:\.\d{3})+|-)(?!\S)",
        # The planned results of a programme ("Belangrijkste resultaten 2024", "... resultaten voor
        # 2025"), and the heading of their explanation.
        "results heading": r"^(?:belangrijkste\s+)?(?:beoogde\s+)?resultaten"
        rf"(?:\s+(?:voor\s+|in\s+)?{YEAR_TEXT})?\s*:?$",
        "explanation heading": r"^toelichting\s*:?$",
        # The vision a programme opens with, before its doelstellingen.
        "vision heading": r"^visie\s*:?$",
        # The financial kengetallen of the Paragraaf Weerstandsvermogen (BBV art. 11): a table
        # titled "Tabel 8.3 Overzicht kengetallen gemeente Wassenaar" or headed "Kengetallen:", a
        # line of its year columns ("2022 2023 2024", the first the Verslag or Rekening, the others
        # Begroting), then one row per kengetal the BBV prescribes, perhaps numbered ("1a. Netto
        # schuldquote 23 25 18", "3. Structurele" / "-0,85 2,63 0,04" / "exploitatie ruimte"), its
        # VNG norms printed after its values ("<100", ">100 /", "Geen norm").
        "kengetallen title": r"^(?:(?:tabel|overzicht)\b.*\bkengetallen\b.*|kengetallen\s*:.*)$",
        "kengetallen years": rf"^(?:{YEAR_TEXT}\s+)+{YEAR_TEXT}\b",
        "kengetallen budget year": rf"\bbegroting\s+({YEAR_TEXT})\b",
        "kengetal row": r"^(?:\d[a-z]?\.?\s+)?(?:netto[\s-]+schuldquote|solvabiliteit\w*|structurele\b"
        r"|grondexploitatie|belastingcapaciteit|weerstandsratio)",
        "kengetal value": r"[-−–]?\d+(?:,\d+)?\s?%?|n\.v\.t\.?",
        # The cost-recovery calculation of a heffing (Paragraaf Lokale heffingen, BBV art. 10):
        # "Tabel 7.3 - Berekening kostendekkingspercentage riool- en waterzorgheffing", its rows
        # the costs of the taakvelden, the overhead and BTW, the totals and the opbrengsten, the
        # last the percentage ("Kostendekkendheid 99,0%"). pypdf may print labels and amounts apart
        # ("Overhead" / "BTW" / "368.000" / "175.000"): the amounts follow the labels in order.
        "cost recovery title": r"^(?:tabel\b|berekening\b).*\bkostendekk\w*",
        "cost recovery share": r"^kostendekk\w*\s+(?P<share>\d[\d.,]*\s?%)$",
        "cost recovery amounts": r"(?:(?:^|\s+)[-−–]?\d{1,3}(?:\.\d{3})*)+$",
        "cost recovery group": r":\s*$",
        # A cost-recovery table by row (the leges per title): the columns "Kosten baten kostendek."
        # head rows that each end in their own share ("Burgerlijke stand 129.000 109.000 84%",
        # "nnb nnb < 100%" where the figures are not known yet).
        "cost recovery columns": r"^kosten\s+baten\s+kostendek\w*\.?$",
        "row share": r"(?:^|\s)(?P<share>(?:[<>]\s?)?\d[\d.,]*\s?%)$",
        "row cell": r"(?:^|\s)(?:[-−–]?\d{1,3}(?:\.\d{3})*|nnb)$",
        # The table of verbonden partijen (BBV art. 15): a header cell names the financial
        # interest, the deelnemersbijdrage of a regeling or the dividend of a vennootschap; per row
        # the partner's name, that amount ("€ 2.207.160", "GGD Haaglanden € 543.000"), perhaps its
        # parts ("waarvan" / "€395.053" / "Deelnemers" / "bijdrage en" / "€128.947"), then the
        # bestuurlijk belang, the equity, debt and risks (no budget lines).
        "partner table header": r"\bdeelnemers-?\s?bijdrage\b|^dividend\b",
        "partner amount": r"^(?P<label>[^€]*?)\s*€\s?(?P<amount>\d{1,3}(?:\.\d{3})+)$",
        # A list of amounts under an introduction ("Over het jaar 2025 worden naar verwachting de
        # volgende bedragen aan kwijtschelding verleend:"), one a line: "- OZB € 3.078".
        "amount list intro": r"\bvolgende\s+bedragen\b.*:$",
        "amount list item": r"^(?:-\s+)?(?P<label>[A-Z][^€]{0,40}?)\s*€\s?(?P<amount>\d{1,3}(?:\.\d{3})*)$",
        # The overview of reserves and of voorzieningen (BBV art. 24): a header line "Overzicht
        # reserves Begroting Vermeerde- Verminde- Begroting ..." over its years ("2023-2027 per 31
        # december 2023 ..."); per row the stand at the start of the first year, then the
        # vermeerderingen, verminderingen and stand of each year after it.
        "reserve overview": r"^overzicht\s+(?:reserves|voorzieningen)\b.*\bvermeerde",
        "reserve years": rf"(?P<first>{YEAR_TEXT})\s*[-–]\s*(?P<last>{YEAR_TEXT})",
        # What is no part of a kengetal's name: its values, its norms and their words.
        "kengetal cell": r"[-−–]?\d+(?:,\d+)?\s?%?|n\.v\.t\.?|\S*[<>/=]\S*|geen|norm",
    },
    re.IGNORECASE,
)
