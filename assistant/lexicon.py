"""Dutch patterns in one place: years, amounts, list markers, footnotes, captions and question cues.

Ingest (which lines are footnotes, captions or list items), question analysis (what kind of
answer a question wants) and answer selection (does a sentence hold an amount, a year, a reason)
read the same patterns, so a form added here is recognised everywhere. Patterns match text that
has been lower-cased and stripped of diacritics (`fold`) unless their name says otherwise.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).parent / "data"

# -- text -----------------------------------------------------------------------------------------


def fold(text: str) -> str:
    """Lower case without diacritics: hurried users type `geindiceerde` for `geïndiceerde`."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# -- years, numbers and amounts (case-sensitive text) ---------------------------------------------

YEAR = re.compile(r"\b(?:19|20)\d\d\b")
DIGIT = re.compile(r"\d")
PERCENTAGE = re.compile(r"\d\s?%|\bprocent\b", re.IGNORECASE)
# Money as running text writes it: "€ 25.000", "25.000 euro", "€ 1,2 mln", "6,9 miljoen euro".
AMOUNT = re.compile(
    r"€\s?-?\d|\d\s?(?:euro|mln|miljoen|miljard|mld)\b|\d{1,3}(?:\.\d{3})+(?:,\d+)?(?:,-)?",
    re.IGNORECASE,
)
# An amount of money as text writes it ("€ 25.000", "1,2 miljoen euro"): what a count is not.
MONEY = re.compile(
    r"€\s?-?[\d.,]+(?:\s?(?:mln|miljoen|miljard))?|[\d.,]+\s?(?:euro|mln|miljoen)\b", re.IGNORECASE
)
# A figure a sentence states: 750, 4.500, 12,6%.
FIGURE = re.compile(r"\d+(?:[.,]\d+)*\s?%?")
NUMBER_WORDS = {
    "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9,
    "tien": 10, "elf": 11, "twaalf": 12,
}  # fmt: skip

# -- layout: list markers, footnotes, captions, tables of contents (case-sensitive lines) ---------

BULLET = "-•▪●◦■"
# A list or section number at the start of a unit ("1.4 ", "- 2. ", "7.2"), and numbered
# references inside one ("doel 6.2.4").
# A bare number before a lower-case word is a count, not a number: "- 4 zorgloketten".
MARKER = re.compile(
    r"^\s*(?:[-•▪●◦■]\s*)?(?:\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}\.|\d{1,2}(?=\s+[^\s\da-zà-ÿ]))(?=\s)"
    r"|\b\d{1,2}(?:\.\d{1,2}){1,3}\b(?![.,]?\d)"
)
# A day and month: "1 januari", "31 december".
DATE = re.compile(
    r"\b\d{1,2}\s+(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|"
    r"december)\b",
    re.IGNORECASE,
)
# A line that starts a list item: a bullet, "1.", "2.3", "1)", "a." or "a)".
ITEM_START = re.compile(rf"^\s*(?:[{BULLET}]\s+|\d{{1,2}}(?:\.\d{{1,2}})*[.)]?\s+(?=\S)|[a-z][.)]\s+(?=\S))")
BULLET_START = re.compile(rf"^\s*[{BULLET}]\s+")
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
# A footnote line: a superscript number, or "*" / "1)" style markers at the start.
FOOTNOTE_START = re.compile(rf"^\s*(?:[{SUPERSCRIPTS}]+|\*{{1,3}})\s*\S")
# A caption or source line under a table or figure: "Tabel: ...", "Figuur 3 ...", "Bron: CBS".
CAPTION_START = re.compile(
    r"^\s*(?:tabel|figuur|grafiek|afbeelding|kaart|illustratie|bron|bronnen)\b\s*(?:\d+[a-z]?\b)?\s*[:.]?",
    re.IGNORECASE,
)
# A table-of-contents entry: dot leaders before a page number, or a title ending in one.
TOC_ENTRY = re.compile(r"(?:\.{3,}|…+|\s{2,}|\t)\s*\d{1,3}\s*$")
TOC_TITLE = re.compile(r"^\s*(?:inhoudsopgave|inhoud|inhoudstafel|table of contents)\s*$", re.IGNORECASE)
PAGE_MARK = re.compile(r"^\s*(?:pagina|page|blz\.?)\s*\d+(?:\s*(?:van|of|/)\s*\d+)?\s*$", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?:;]['\"”’)]*\s*$")
# A line that labels what follows in a policy framework: "Doel: ...", "Subdoel: ...", "Activiteiten".
LABEL_LINE = re.compile(
    r"^\s*(?:(?:(?:sub)?doel(?:stelling)?(?:en)?|resultaat|resultaten|effect|indicator(?:en)?|ambitie|"
    r"opgave|speerpunt(?:en)?|voorstel|ontwikkeling)\s*:"
    r"|(?:activiteiten|maatregelen|beoogd maatschappelijk effect)\s*$)",
    re.IGNORECASE,
)
# The name of a measured quantity, as indicator tables start their rows.
INDICATOR_START = re.compile(
    r"^(?:percentage|aantal|aandeel|mate|gemiddeld\w*|score|rapportcijfer|waardering|tevredenheid|"
    r"het aantal|het percentage|gebruik van|omvang)\b",
    re.IGNORECASE,
)
# A labelled statement that heads a paragraph in a goal tree: "Doel: Laaggeletterdheid is afgenomen".
# Statements under the same label form a list ("the goals of this programme").
LABEL_ITEM = re.compile(
    r"^\s*(?P<label>(?:sub)?doel(?:stelling)?|ambitie|speerpunt|opgave|resultaat|effect|prestatie)\s*:\s*\S",
    re.IGNORECASE,
)
# Column names of tables without years in their header (folded).
TABLE_COLUMN_WORDS = frozenset(
    [
        "jaar",
        "jaren",
        "i/s",
        "financien",
        "bedrag",
        "bedragen",
        "omschrijving",
        "voorstel",
        "product",
        "producten",
        "programma",
        "indicator",
        "indicatoren",
        "bron",
        "eenheid",
        "realisatie",
        "begroting",
        "raming",
        "totaal",
        "lasten",
        "baten",
        "saldo",
        "doel",
        "prestatie",
        "resultaat",
        "waarde",
        "streefwaarde",
        "nulmeting",
        "peildatum",
        "frequentie",
        "type",
        "soort",
        "aantal",
        "kosten",
        "dekking",
        "toelichting",
        "maatregel",
        "maatregelen",
        "structureel",
        "incidenteel",
    ]
)

# -- question cues (folded text) ------------------------------------------------------------------

CUE_AMOUNT = re.compile(
    r"\b(hoeveel (?:geld|euro|budget)|bedrag\w*|budget\w*|kost(?:en|te|ten)?|geld|euro|besparing\w*|"
    r"bespar\w*|opbrengst\w*|saldo|reserv\w*|begroot|begrote|uitgave\w*|uitgeven|uitgegeven|bijdrage\w*|stelpost\w*|"
    r"taakstelling\w*|invester\w*|subsidie\w*|lasten|baten|dekking|gedekt|financier\w*|"
    r"how much money|amount|cost\w*|budget|money|saving\w*|spend\w*)\b|€",
)
# A question that asks for a figure outright (not one that only mentions money or counts).
CUE_FIGURE_ASK = re.compile(
    r"\b(hoeveel|hoe (?:hoog|groot|veel|duur)|welke? (?:\w+ )?(?:bedrag|budget|bedragen|percentage|deel|"
    r"aandeel|aantal|omvang|bijdrage|besparing|besparingen|kosten|saldo|subsidie|peilwaarde|streefwaarde|"
    r"waarde)|wat kost\w*|wat (?:is|zijn|was|waren) (?:de|het) (?:\w+ )?(?:bedrag|budget|kosten|omvang|"
    r"percentage|aantal|saldo|besparing|lasten|baten|peilwaarde|streefwaarde|waarde)|how much|how many|"
    r"what percentage)\b"
)
# Nouns that name money: taxes, levies, revenues, costs ("hoeveel toeristenbelasting").
MONEY_WORDS = re.compile(
    r"(belasting|heffing|opbrengst|inkomst|uitgave|lasten|baten|tarief|tarieven|subsidie|budget|kosten|"
    r"premie|uitkering|vergoeding|bijdrage|leges|reserve|dotatie|onttrekking|besparing|middelen)"
)
CUE_COUNT = re.compile(r"\b(hoeveel|aantal|hoe groot|how many|number of)\b")
CUE_PERCENT = re.compile(r"\b(percentage|procent\w*|welk deel|welk aandeel|aandeel|percent|share)\b|%")
CUE_WHEN = re.compile(
    r"\b(wanneer|per wanneer|vanaf wanneer|welk jaar|in welk jaar|welke datum|welke termijn|tegen welk jaar|"
    r"uiterlijk|deadline|when|by when|what year)\b"
)
CUE_WHO = re.compile(
    r"\b(wie|welke partner\w*|welke organisatie\w*|met wie|door wie|who|which organi[sz]ation)\b"
)
CUE_WHY = re.compile(r"\b(waarom|waardoor|hoe komt het|om welke reden|welke reden|why|reason)\b")
CUE_RESULT = re.compile(
    r"\b(opgeleverd|opleveren|oplevert|resultaat|resultaten|bereikt|gerealiseerd|realisatie|effect\w*|"
    r"uitkomst\w*|gevolg\w*|voortgang|stand van zaken|hoe staat het|achieved|result\w*|outcome\w*)\b"
)
CUE_TABLE = re.compile(r"\b(tabel\w*|\w+tabel|overzicht\w*|staat .{0,20}(?:kolom|rij))\b")
CUE_YESNO = re.compile(
    r"^(is|zijn|heeft|hebben|wordt|worden|gaat|gaan|komt|komen|kan|kunnen|moet|moeten|wil|willen|"
    r"betaalt|investeert|krijgt|krijgen|staat|staan|blijft|blijven|does|do|is|are|has|have|will)\b"
)
CUE_GOAL = re.compile(
    r"\b(doel\w*|ambitie\w*|streef\w*|streven|bereiken|wat wil|willen bereiken|speerpunt\w*|"
    r"opgave\w*|beoogd\w*|resultaat|resultaten|goal\w*|aim\w*|objective\w*)\b"
)
CUE_INDICATOR = re.compile(
    r"\b(indicator\w*|meten|meet|gemeten|nulmeting|streefwaarde\w*|monitor\w*|kengetal\w*|"
    r"hoe (?:volgt|volgen|houdt|houden)|measure[sd]?|indicator)\b"
)
CUE_MEASURE = re.compile(
    r"\b(maatregel(?:en)?|wat (?:gaat|gaan|doet|doen)|hoe (?:gaat|gaan|pakt|pakken|wil|willen|zorgt|zorgen)|"
    r"activiteit\w*|acties?|aanpak\w*|inzet|inzetten|voorstel\w*|toezegging\w*|plan\w*|what will)\b"
)
CUE_COMPARE = re.compile(
    r"\b(vergelijk\w*|verschil\w*|verschillen|beide|allebei|allemaal|per gemeente|welke gemeenten?|"
    r"gemeenten|tussen \d{4} en \d{4}|ten opzichte van|t\.o\.v\.|veranderd|compare\w*|differ\w*|both)\b"
)
# "welke" + a plural noun (one or two words between), "noem", or a count ("vijf doelen").
CUE_LIST = re.compile(
    r"\b(welke|noem|wat zijn de|which|what are|list)\s+(?:\w+\s+){0,2}?\w{2,}(?:en|s|'s)\b|"
    r"\b(twee|drie|vier|vijf|zes|zeven|acht|negen|tien)\s+\w+"
)

# Function words that mark a question as English: its unknown words are then untranslated English,
# not topics the documents lack.
ENGLISH_WORDS = frozenset(
    {
        "the", "which", "what", "how", "did", "does", "do", "is", "are", "was", "were", "of", "for", "with",
        "its", "has", "have", "many", "much", "when", "who", "where", "why", "whose", "this", "that", "there",
        "their",
    }
)  # fmt: skip

# -- answer cues (folded text of a sentence) ------------------------------------------------------

REASON = re.compile(
    r"\b(omdat|doordat|want|daardoor|daarom|vanwege|als gevolg van|reden|oorzaak|komt door|"
    r"aanleiding|om die reden|hierdoor|dankzij|zodat)\b"
)
DEADLINE = re.compile(
    r"\b(in|per|vanaf|voor|uiterlijk|eind|begin|medio|tot en met|t/m|tegen)\s+"
    r"(?:(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)\s+)?"
    r"(?:19|20)\d\d\b|\b\d{1,2}\s+(?:januari|februari|maart|april|mei|juni|juli|augustus|september|"
    r"oktober|november|december)\b"
)
ACTOR = re.compile(
    r"\b(samen met|in samenwerking met|met|door|via|partner\w*|stichting|organisatie\w*|aanbieder\w*|"
    r"college|wijkteam\w*|ggd|uwv|coa)\b"
)
RESULT_WORDS = re.compile(
    r"\b(geleid tot|leidde|leidt tot|opgeleverd|levert op|resulteer\w*|gerealiseerd|bereikt|behaald|"
    r"gehaald|afgenomen|toegenomen|gedaald|gestegen|verminderd|uitkomst|resultaat|resultaten)\b"
)
# A sentence that leans on the one before it: it cannot be read alone.
LEANS_BACK = re.compile(
    r"^(dit|deze|dat|die|daarom|daarnaast|daarbij|daarvoor|hierdoor|hiermee|hiervoor|hierbij|ook|verder|"
    r"tevens|bovendien|zo|dus|wel|(?:voor|met|in|bij|door|op|aan|van|om|na|uit) (?:deze|dit|die|dat))\b"
)
# What a sentence offers (folded text): a goal, a measurement, an action.
GOAL_WORDS = re.compile(
    r"\b(doel\w*|ambitie\w*|streven|streeft|streefwaarde|beogen|beoogd\w*|bereiken|willen|wil|"
    r"speerpunt\w*|opgave\w*|is afgenomen|is toegenomen|zijn teruggedrongen)\b"
)
INDICATOR_WORDS = re.compile(
    r"\b(indicator\w*|gemeten|meten|meting\w*|nulmeting|percentage|aantal|monitor\w*|peildatum|"
    r"waarstaatjegemeente|cbs|bron)\b|%"
)
ACTION_WORDS = re.compile(
    r"\b(gaan|gaat|zullen|zal|starten|start|inzetten|zetten in|ontwikkelen|organiseren|voeren|"
    r"realiseren|investeren|subsidieren|versterken|uitbreiden|verlengen|continueren|voorstel\w*|"
    r"activiteit\w*|maatregel\w*|actie\w*|aanpak)\b"
)


# -- places ---------------------------------------------------------------------------------------

# Municipality names that are also ordinary words ("buren", "putten", "best"): only a capitalised
# mention counts.
_AMBIGUOUS_NAMES = frozenset(
    [
        "best",
        "beek",
        "buren",
        "putten",
        "sluis",
        "laren",
        "bergen",
        "stein",
        "ede",
        "epe",
        "oss",
        "urk",
        "goes",
        "tiel",
        "soest",
        "baarn",
        "venray",
        "elburg",
        "huizen",
        "rijswijk",
        "heerde",
        "staphorst",
    ]
)


@lru_cache(maxsize=1)
def municipality_names() -> tuple[str, ...]:
    """All Dutch municipalities (`assistant/data/gemeenten_nl.txt`)."""
    lines = (_DATA / "gemeenten_nl.txt").read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def named_places(text: str) -> tuple[str, ...]:
    """The municipalities `text` names, as whole words; short or ambiguous names only when
    capitalised."""
    folded = fold(text)
    found: list[tuple[int, str]] = []
    for name in municipality_names():
        careful = len(name) <= 4 or fold(name) in _AMBIGUOUS_NAMES
        haystack, needle = (text, name) if careful else (folded, fold(name))
        match = re.search(rf"(?<![\w-]){re.escape(needle)}(?![\w-])", haystack)
        if match:
            found.append((match.start(), name))
    return tuple(name for _, name in sorted(found))


@lru_cache(maxsize=1)
def phrasing_words() -> frozenset[str]:
    """Folded words that phrase a question rather than name its subject (`data/phrasing_nl.txt`)."""
    lines = (_DATA / "phrasing_nl.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(fold(line.strip()) for line in lines if line.strip() and not line.startswith("#"))
