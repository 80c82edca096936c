"""Dutch patterns in one place: years, amounts, money words, list markers, footnotes, captions and
question cues.

Ingest (which lines are footnotes, captions, list items or table values), question analysis (what
kind of answer a question wants), answer selection (does a sentence hold an amount, a year, a
reason) and the register (budget lines, indicator tables, deadlines) read the same patterns, so a
form added here is recognised everywhere. Patterns match text that has been lower-cased and
stripped of diacritics (`fold`) unless their comment says otherwise. Names ending in `_TEXT` are
pattern fragments (strings) that the compiled patterns here, and a few layout patterns elsewhere,
are built from.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache

from assistant.resources import package_path

_DATA = package_path("assistant", "data")

# -- text -----------------------------------------------------------------------------------------


def fold(text: str) -> str:
    """Lower case without diacritics: hurried users type `geindiceerde` for `geïndiceerde`."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def compile_table(table: Mapping[str, str], flags: int = 0) -> dict[str, re.Pattern[str]]:
    """A family of named patterns (a question's intents, a sentence's cues), compiled with the
    same flags."""
    return {name: re.compile(pattern, flags) for name, pattern in table.items()}


# Characters for character classes: list bullets, superscript footnote marks, and the hyphen,
# minus sign and en dash that PDFs all print as a minus.
BULLET = "-•▪●◦■"
# Bullets of Word's Symbol and Wingdings fonts, which pypdf gives as private-use characters: the
# Symbol bullet (Word's default), and Wingdings' square, box, diamond, arrowheads and check mark.
SYMBOL_BULLETS = "\uf0b7\uf0a7\uf0a8\uf06e\uf076\uf0d8\uf0e8\uf0fc"
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
MINUS = "-−–"

# -- years and dates (case-sensitive text) --------------------------------------------------------

# A year, 1900-2099: the fragment every year pattern is built from.
YEAR_TEXT = r"(?:19|20)\d\d"
# A year as a word: "in 2022", both years of "2020-2023", "in 2040¹" (a footnote marker glued on).
YEAR = re.compile(rf"\b{YEAR_TEXT}(?:\b|(?=[{SUPERSCRIPTS}]))")
# A year that is no part of a larger number ("2.020", "12020" are not), captured: "2022", "2021*".
BARE_YEAR = re.compile(rf"(?<![\d.,])({YEAR_TEXT})(?![\d.,]\d)")
# A table cell or line that is only a year, for `fullmatch`: "2022", " 2022 ".
YEAR_CELL = re.compile(rf"\s*{YEAR_TEXT}\s*")
# The year a figure is compared with, not the year it is for: "is de bijdrage ten opzichte van 2023
# € 45.000 hoger".
REFERENCE_YEAR = re.compile(
    rf"\b(?:ten opzichte van|t\.o\.v\.|vergeleken met|in vergelijking met)\s+(?:\w+\s+)?{YEAR_TEXT}\b",
    re.IGNORECASE,
)
# Two or more years as a list or a range: "2021 en 2022", "2020, 2021", "2020 t/m 2023", "2020-2023".
YEAR_SPAN_TEXT = rf"{YEAR_TEXT}(?:\s*(?:,|en|t/m|tot en met|-)\s*{YEAR_TEXT})+"
# The year that dates a policy document in its file name or title: 1980-2049.
DOCUMENT_YEAR = re.compile(r"(?<!\d)(20[0-4]\d|19[89]\d)(?!\d)")
# A year in a question that may date a document it names, 2000-2039, at the start of a word: later
# years are horizons ("de koers 'Horizon naar 2040'"), not the dates of documents.
QUESTION_DOCUMENT_YEAR = re.compile(r"(20[0-3]\d)")
# The kinds of document a question names by their kind: "begroting", "kadernota", "beleidsplan".
DOCUMENT_KINDS = (
    r"(?:programma)?begroting|kadernota|jaarrekening|jaarverslag|beleidsplan|beleidskader|"
    r"voorjaarsnota|najaarsnota"
)
DOCUMENT_KIND_WORD = re.compile(DOCUMENT_KINDS)  # one word that names a kind of document
# A year that names a document in running text: "begroting 2025", "de kadernota van 2020".
NAMED_DOCUMENT_YEAR = re.compile(
    rf"\b(?P<word>{DOCUMENT_KINDS}|programma)\s+(?:van\s+)?(?P<year>{YEAR_TEXT})\b",
    re.IGNORECASE,
)
# A year said relative to the one a conversation is about: "de begroting van vorig jaar", "het
# jaar daarvoor" (back) or "volgend jaar", "het jaar daarna" (on).
RELATIVE_YEAR = re.compile(
    r"\b(?:(?P<back>vorig(?:e)? jaar|het jaar (?:daarvoor|ervoor)|een jaar eerder|the year before|last year)"
    r"|(?P<on>volgend(?:e)? jaar|het jaar (?:daarna|erna)|een jaar later|the year after|next year))\b",
    re.IGNORECASE,
)
# Another year's document, named after one ("volgens de begroting 2024 en volgens die van 2025").
SAME_DOCUMENT_YEAR = re.compile(rf"\b(?:die|dat|de|het)\s+(?:van|uit)\s+({YEAR_TEXT})\b", re.IGNORECASE)
# How often, in a question (folded): "per jaar", "jaarlijks". The rate of a figure, not its subject.
FREQUENCY = re.compile(
    r"\bper\s+(?:jaar|maand|week|dag|kwartaal)\b|\b(?:maand|wek|dag)elijkse?\b|\bjaarlijkse?\b"
)
# A part of a document a question names as its source (folded): "volgens de beleidsindicatoren",
# "in de bijlage over ...", "uit het overzicht". Where to look, not what the answer is about.
DOCUMENT_PART = re.compile(
    r"\b(?:volgens|in|uit)\s+(?:de|het)\s+(?:\w+\s+)?(?P<part>beleidsindicatoren|indicatorentabel|bijlagen?|"
    r"paragraaf|paragrafen|hoofdstuk(?:ken)?|kengetallen|toelichting|samenvatting|inleiding|tabellen|tabel|"
    r"overzicht)\b"
)
# A document a question names by its kind as its source (folded): "in het beleidsprogramma",
# "volgens de begroting". Where the answer was, not what it was about: a follow-up does not
# inherit it as its topic (a document's cover page is all about its own title).
DOCUMENT_KIND = re.compile(
    rf"\b(?:volgens|in|uit)\s+(?:de|het)\s+(?:\w+\s+)?(?:{DOCUMENT_KINDS}|beleidsprogramma|midterm\s+review)\b"
)
# A number that names a part rather than counts anything: "Programmalijn 1", "doel 3", "fase 2",
# "bijlage 4", "artikel 10", "tabel 10.1".
NUMBERED_LABEL = re.compile(
    r"\b(?:programmalijn|programma|doel|subdoel|doelstelling|fase|stap|thema|speerpunt|hoofdstuk|top|"
    r"paragraaf|bijlage|artikel|lid|tabel|figuur|actiepunt|niveau|ambitie|opgave|prioriteit)"
    r"\s+\d+(?:\.\d+)*[a-z]?\b",
    re.IGNORECASE,
)
# A year or a period as one word of a question: "2022", "2020-2023", "2020/21" (any four digits).
PERIOD_TEXT = r"\d{4}(?:\s*[-/]\s*\d{2,4})?"

MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
    "november", "december",
)  # fmt: skip
MONTH_TEXT = "|".join(MONTHS)
# A day and month: "1 januari", "31 december".
DATE_TEXT = rf"\b\d{{1,2}}\s+(?:{MONTH_TEXT})\b"
DATE = re.compile(DATE_TEXT, re.IGNORECASE)
# When something is due, in folded text: "per 2024", "uiterlijk januari 2025", "1 juli".
DEADLINE = re.compile(
    rf"\b(in|per|vanaf|voor|uiterlijk|eind|begin|medio|tot en met|t/m|tegen)\s+(?:(?:{MONTH_TEXT})\s+)?"
    rf"{YEAR_TEXT}\b|{DATE_TEXT}"
)
# The deadline a commitment states, any case, as the register quotes it: "vanaf 1 januari 2024",
# "in het tweede kwartaal van 2023", "voor de zomer(vakantie) van 2022".
DEADLINE_PHRASE = re.compile(
    r"\b(?:in|vanaf|per|voor|na|medio|begin|eind|uiterlijk|tot en met|t/m|rond|met ingang van)\s+"
    rf"(?:de\s+|het\s+)?(?:\d{{1,2}}\s+)?(?:(?:{MONTH_TEXT})\s+)?"
    rf"(?:(?:eerste|tweede|derde|vierde)\s+(?:helft|kwartaal)\s+(?:van\s+)?)?{YEAR_TEXT}\b|"
    rf"\b(?:na|voor) de zomer(?:vakantie)?(?:\s+(?:van\s+)?\(?{YEAR_TEXT}\)?)?",
    re.IGNORECASE,
)
# A sentence that says when, any case: a year, "na de zomer", "medio", "eind", "uiterlijk".
TIME_MENTION = re.compile(
    rf"\b{YEAR_TEXT}\b|\b(?:na|voor|in) de (?:zomer|zomervakantie)\b|\b(?:medio|eind|begin|uiterlijk)\b",
    re.IGNORECASE,
)

# A passage that says when in any way, for a question that asks nothing but when: a year or date,
# "na de zomer", "medio", a quarter, a season, a month, "binnenkort", "volgend jaar".
SAYS_WHEN = re.compile(
    rf"{TIME_MENTION.pattern}|\b(?:{MONTH_TEXT})\b|\bkwarta(?:al|len)\b|\b(?:voorjaar|najaar|binnenkort|"
    r"spoedig|jaarlijks|dit jaar|volgend jaar|komend jaar|komende jaren)\b",
    re.IGNORECASE,
)

# -- numbers and amounts (case-sensitive text) ----------------------------------------------------

# Words that round a figure: "ca. 360", "circa 250", "ruim 7,5 miljoen".
APPROXIMATELY = r"(?:ca\.|circa|ongeveer|ruim|bijna|rond|±|c\.a\.)"

# The base of a rate, which is no figure of its own: "per 1000 inwoners", "per 1.000 woningen".
RATE_BASE = re.compile(r"\bper\s+1(?:00\.000|0\.000|\.000|0{2,3})(?![.,]?\d)", re.IGNORECASE)
# What a rate is per: "inwoners" in "per 1.000 inwoners", the base, not what is counted.
RATE_NOUN = re.compile(rf"{RATE_BASE.pattern}\s+(?P<noun>[^\W\d_]+)", re.IGNORECASE)

# An age or a length of time ("van -9 maanden tot 100 jaar", "4 tot 12 jaar", "binnen 8 weken"):
# no count of anything.
_TIME_UNIT = r"(?:jaar|jaren|maanden|maand|weken|week|dagen)"
DURATION = re.compile(rf"\b\d+(?:[.,]\d+)?\s*(?:(?:tot|t/m|-|–)\s*\d+\s*)?{_TIME_UNIT}\b", re.IGNORECASE)
DIGIT = re.compile(r"\d")
# A digit that starts a figure, not one glued to a word ("Larikslaan2", "e5", "H2O").
NUMERAL = re.compile(r"(?<![^\W\d_])\d")
PERCENTAGE = re.compile(r"\d\s?%|\bprocent\b", re.IGNORECASE)
# Thousands as Dutch groups them: 4.500, 1.884.000.
THOUSANDS_TEXT = r"\d{1,3}(?:\.\d{3})+"
# Thousands grouped by a point or an (English) comma: 1.605, 1,605 (both spellings of 1605).
GROUPED_NUMBER = re.compile(r"\d{1,3}(?:[.,]\d{3})+")
# A decimal comma with one or two decimals: 12,6 (also written 12.6).
DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}")
# A number as Dutch documents write it: 1.884.000 / 1884 / 1,5 / -150 / 4,5.
NUMBER_TEXT = rf"[{MINUS}]?\s?{THOUSANDS_TEXT}(?:,\d+)?|[{MINUS}]?\s?\d+(?:,\d+)?"
# Scale words after a number and their factors: "1,2 mln", "3 miljard", "25 duizend".
SCALE_FACTORS = {
    "mld": 1e9,
    "mrd": 1e9,
    "miljard": 1e9,
    "mln": 1e6,
    "miljoen": 1e6,
    "dzd": 1e3,
    "duizend": 1e3,
}
SCALE_TEXT = r"(?:miljard|miljoen|mln\.?|mld\.?|mrd\.?|duizend|dzd\.?)"
_SCALED_NUMBER = rf"(?P<num>{NUMBER_TEXT})(?:\s*(?P<scale>{SCALE_TEXT}))?"
# Euros named before the number, any case: "€ 25.000", "EUR 1,2 mln", "€ 25.000,-", "-€ 150".
EURO_BEFORE = re.compile(
    rf"(?P<sign>(?<![\w.,])[{MINUS}]\s?)?(?:€|EUR\b|euro\b)\s*{_SCALED_NUMBER}(?:,-)?", re.IGNORECASE
)
# Euros named after the number, any case: "25.000 euro", "6,9 miljoen euro".
EURO_AFTER = re.compile(rf"(?<![\w.,]){_SCALED_NUMBER}\s*(?:euro\b|EUR\b)", re.IGNORECASE)
# A bare number with a trailing ",-" is money in Dutch tables: "25.000,-".
DASH_MONEY = re.compile(rf"(?<![\w.,])(?P<num>{NUMBER_TEXT}),-(?!\d)")
# A table cell that is only a number, perhaps with a scale word: "1.884", "4,5 mln".
PLAIN_AMOUNT = re.compile(rf"^\s*{_SCALED_NUMBER}\s*$", re.IGNORECASE)
# Amounts in a table are scaled: "x € 1.000" (case-sensitive).
SCALED_EURO = re.compile(r"x\s*€")
# A table's unit line, any case: "(bedragen x € 1.000)", "in x € 1 .000" (a stray PDF space).
TABLE_UNIT = re.compile(
    rf"\(?\s*(?:bedragen\s*)?(?:in\s*)?{SCALED_EURO.pattern}\s*(?:\d{{1,3}}(?:\s?\.\s?\d{{3}})+|\d+)(?:,-)?\s*\)?",
    re.IGNORECASE,
)
# The factor in a unit line, any case: the number of "x € 1.000" or "x 1000", or a scale word.
UNIT_FACTOR = re.compile(
    r"x\s*€?\s*(?P<num>\d[\d .]*\d|\d)|(?P<word>miljard|miljoen|mln|duizend)", re.IGNORECASE
)
# Money as running text writes it: "€ 25.000", "25.000 euro", "€ 1,2 mln", "6,9 miljoen euro",
# and grouped thousands ("4.500", "25.000,-"), any case.
AMOUNT = re.compile(
    rf"€\s?-?\d|\d\s?(?:euro|mln|miljoen|miljard|mld)\b|{THOUSANDS_TEXT}(?:,\d+)?(?:,-)?", re.IGNORECASE
)
# A bare figure in thousands and the word after it ("1.100 contacten", "12.367 woningen"): a count
# when that word is a noun it counts, not money (see `answering.features`).
BARE_THOUSANDS = re.compile(rf"(?<![€\d.,])(?<!€ ){THOUSANDS_TEXT}(?![\d,])\s+(?P<next>[^\W\d_]+)")
# A question for a place by its words alone (folded): "op welk adres", "in welk gebouw", "op welke
# locatie". Not "waar", which also asks "waar ... op gericht" or "waar ... aan werkt", and not a
# place on a ranking ("Op welke plek van de COELO-ranglijst staat ...?").
_RANKING = r"(?!.*\b(?:\w*ranglijst\w*|ranking\w*|klassement\w*|rangorde|rangschikking\w*)\b)"
PLACE_PHRASES = (
    rf"op welke (?:locatie|(?:plek|plaats){_RANKING})|welke (?:locatie|plek{_RANKING})|in welk gebouw|"
    r"(?:op )?welk adres|bij welk loket"
)
ASKS_PLACE = re.compile(rf"\b(?:{PLACE_PHRASES})\b")
# An amount of money as text writes it ("€ 25.000", "1,2 miljoen euro"): what a count is not.
MONEY = re.compile(
    r"€\s?-?[\d.,]+(?:\s?(?:mln|miljoen|miljard))?|[\d.,]+\s?(?:euro|mln|miljoen)\b", re.IGNORECASE
)
# A figure a sentence states: 750, 4.500, 12,6%.
FIGURE = re.compile(r"\d+(?:[.,]\d+)*\s?%?")
# A figure that can be a measured value: a percentage, grouped thousands, or two digits or more
# that are no part of a larger number ("4 scholen" is a count in passing).
MEASURED_FIGURE = re.compile(rf"\d+(?:,\d+)?\s?%|\b{THOUSANDS_TEXT}\b|(?<![\d.,])\d{{2,}}(?![\d.,]?\d)")
NUMBER_WORDS = {
    "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9,
    "tien": 10, "elf": 11, "twaalf": 12,
}  # fmt: skip
# A length of time, in figures or words ("zes maanden", "8 weken", "anderhalf jaar"): what "hoe
# lang" asks for.
LENGTH_OF_TIME = re.compile(
    rf"{DURATION.pattern}|\b(?:een|{'|'.join(NUMBER_WORDS)}|anderhalf|half)\s+{_TIME_UNIT}\b", re.IGNORECASE
)
# A question for a length of time (folded): "hoe lang moet je wachten", "how long".
ASKS_LENGTH = re.compile(r"\bhoe ?lang\b|\bhow long\b")
# What says how long, any case: a length of time, until when ("tot en met 2026", "tot medio
# 2025", "loopt tot 1 juli") or since when ("sinds 2019", "al vanaf 2015"). A year alone does
# not say how long one waits.
SAYS_LENGTH = re.compile(
    rf"{LENGTH_OF_TIME.pattern}|\b(?:tot en met|t/m|tot|until|sinds|vanaf|since)\s+"
    rf"(?:(?:medio|eind|begin|half)\s+)?(?:\d{{1,2}}\s+)?(?:(?:{MONTH_TEXT})\s+)?{YEAR_TEXT}\b",
    re.IGNORECASE,
)

# Ordinal words (folded), "laatste" as the last: "het tweede doel" is the second item of a list.
ORDINALS = {
    "eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "vijfde": 5, "zesde": 6, "zevende": 7,
    "achtste": 8, "negende": 9, "tiende": 10, "laatste": -1,
}  # fmt: skip
# What an ordinal counts that is no item of a list ("het eerste kwartaal", "de tweede helft"), and
# the care tiers ("de eerste lijn": huisarts and wijkteam; "de tweede lijn": specialist care).
ORDINAL_NOT_ITEM = frozenset(
    ["kwartaal", "helft", "jaar", "jaren", "maand", "maanden", "week", "weken", "keer", "plaats", "instantie",
     "lijn", "lijns"]
)  # fmt: skip
# "het tweede doel", "de laatste maatregel", "en de derde?" (folded text).
ORDINAL_REFERENCE = re.compile(
    rf"\b(?:het|de|dat|die)\s+(?P<ordinal>{'|'.join(ORDINALS)})(?:\s+(?P<noun>[a-zà-ÿ-]+))?"
)

# Table cells (one stripped cell). Digits with points and commas as cells print them, and the
# footnote marks that may follow a value.
_CELL_DIGITS = r"\d[\d.,]*"
_CELL_FOOTNOTE = rf"(?:\s?[{SUPERSCRIPTS}]+)?"
# A budget table's number: "1.884", "-150", "25.000,-", "4,5".
NUMBER_CELL = re.compile(rf"^[{MINUS}]?\s?\d[\d.]*(,\d+)?(,-)?$")
# A figure cell pypdf printed on a line of its own: "54.500", "-", "88,08", "72%", "-2.349"; not a
# year or a section number ("6.2.").
LONE_FIGURE_CELL = re.compile(
    rf"^(?:[-–]|[-–]?(?!{YEAR_TEXT}$)\d{{1,3}}(?:\.\d{{3}})*(?:,\d+)?%?|[-–]?\d+,\d+%?)$"
)
# The unit of a measured figure in a table cell: "214,4 kg", "2,5 fte".
_CELL_UNIT = r"(?:\s?%|\s(?:kg|ton|km|fte|ha))?"
# Any value cell: a number, an amount or a percentage, with its unit, stars, a footnote mark or a
# bracketed note: "€ 25.000", "12,5%*", "1.200¹", "350 (2019)", "25.000,-", "214,4 kg".
VALUE_CELL = re.compile(
    rf"^(?:[{MINUS}]\s?)?(?:€\s?)?{_CELL_DIGITS}{_CELL_UNIT}\*{{0,5}}{_CELL_FOOTNOTE}"
    r"(?:\s?\([\d/.,%\- ]+\))?(?:,-)?$"
)
# A value in an indicator table, any case: a figure (with "%", stars, a bracketed note or a footnote
# mark), an amount, or a placeholder ("-", "n.n.b.", "n.v.t.", "gereed", "PM").
INDICATOR_VALUE = re.compile(
    rf"^(?:[{MINUS}]|n\.?n\.?b\.?|n\.v\.t\.?|gereed|pm|p\.m\.|€\s?{_CELL_DIGITS}|"
    rf"[{MINUS}]?{_CELL_DIGITS}\s?%?\**(?:\s?\(\S[^)]*\))?{_CELL_FOOTNOTE})$",
    re.IGNORECASE,
)

# A unit in brackets after the name of a measured quantity: "(%)", "(aantal)", "(€)".
UNIT_MARK = re.compile(r"\((%|aantal|€)\)")

# -- money words ----------------------------------------------------------------------------------

# Words that name money wherever they occur: "budget", "budgetten", "bedrag", "bedragen".
MONEY_NOUN_TEXT = r"budget\w*|bedrag\w*"
# A compound money noun and what it says the money is for (folded): "investeringsbedrag" is an
# investment, "exploitatiebudget" running costs, "projectkosten" a project's.
MONEY_COMPOUND = re.compile(r"\b(?P<kind>[a-z]{4,}?)s?(?:budget|bedrag|kosten|krediet)(?:ten|en|s)?\b")
# Nouns that name money in folded text, also inside compounds: taxes, levies, revenues, costs
# ("hoeveel toeristenbelasting").
# Words that only ask for money without naming what it is for (folded): "hoeveel geld", "de kosten".
MONEY_ASKING = frozenset(
    {"geld", "euro", "bedrag", "kosten", "kost", "lasten", "baten", "middelen", "uitgaven", "uitgave"}
)
# Nouns that ask for a figure other than money: "Welk percentage ...?", "Het aantal ...?".
FIGURE_ASKING = frozenset({"percentage", "procent", "aantal", "cijfer"})
MONEY_WORDS = re.compile(
    r"(belasting|heffing|opbrengst|inkomst|uitgave|lasten|baten|tarief|tarieven|subsidie|budget|kosten|"
    r"premie|uitkering|vergoeding|bijdrage|leges|reserve|dotatie|onttrekking|besparing|middelen)"
)
# The same nouns as whole words of folded text, compounds included ("eigen bijdrage", "subsidies",
# "reservering"): what an amount question says it asks about.
MONEY_WORDS_IN_TEXT = re.compile(rf"\b\w*{MONEY_WORDS.pattern}\w*\b")
# What a text says about money, any case.
MONEY_CUES = compile_table(
    {
        # A mention of money in a sentence: "€", "euro", "bedrag(en)".
        "mention": r"€|\b(?:euro|bedrag\w*)\b",
        # A table header or row label about money (a table of counts has none).
        "label": rf"\b({MONEY_NOUN_TEXT}|besparing\w*|taakstelling\w*|kosten|lasten|baten|middelen|saldo|"
        r"reserve|begroting)\b",
        # A sentence that assigns money to a purpose: "een budget van € 75.000 incidenteel".
        "budget": r"\b(budget\w*|bedrag|beschikbaar|reserv\w*|taakstelling\w*|structurele?|incidentele?|"
        r"per jaar|begroting|begroot|begrote|stelpost|dotatie|rijksmiddelen|rijksbijdrage|"
        r"integratie-uitkering|middelen|subsidie\w*|toe te voegen|besparing\w*|doelstelling|stand|geraamd|"
        # The municipality's main income and the circulars that set it: "De meicirculaire 2023 levert
        # in 2024 een voordeel op van € 2.200.000", "zal de algemene uitkering ... worden verlaagd".
        r"algemene uitkering|(?:mei|september|december)circulaire|"
        r"(?:verwachte|begrote|geraamde) tekort\w*|"
        r"raming\w*)\b",
        # A sentence about money that is no budget: what was realised or earned, costs per case,
        # national figures, incomes.
        # A saving that "wordt gerealiseerd door ..." is planned, not realised.
        "not a budget": r"\b((?<!wordt )(?<!worden )gerealiseerd\w*|bedroeg|opgeleverd|opbrengst\w*|"
        r"terugvordering|per casus|miljard|kost ons|goedkoper|gemiddeld\w*|inkomen|harde besparing|"
        r"zachte besparing|landelijk|mogelijke|potentiële)\b",
        # A named budget, target or grant with its amount stays a budget line when the sentence
        # reports it ("In 2019 is de taakstelling van 300.000 euro gerealiseerd", "De
        # integratie-uitkering bedroeg in 2015 nog € 10,3 mln"); national and per-case figures do not.
        "named": r"\b(taakstelling\w*|budget\w*|integratie-uitkering\w*|rijksbijdrage\w*|dotatie\w*|"
        r"besparingsdoelstelling\w*|bezuiniging\w*|"
        r"(?:te realiseren|verwachte|beoogde|geraamde) (?:besparing|tekort)\w*)\b"
        r"[^.;]{0,60}?(€|\d[\d.,]*\s*(euro|mln|miljoen)\b)",
        "not ours": r"\b(miljard|landelijk\w*|per casus|gemiddeld\w*|inkomen\w*|opbrengst\w*)\b",
    },
    re.IGNORECASE,
)

# -- layout: list markers, footnotes, captions, tables of contents (case-sensitive lines) ---------

# A list or section number at the start of a unit ("1.4 ", "- 2. ", "7.2"), and numbered
# references inside one ("doel 6.2.4").
# A bare number before a lower-case word is a count, not a number: "- 4 zorgloketten".
MARKER = re.compile(
    rf"^\s*(?:[{BULLET}]\s*)?(?:\d{{1,2}}(?:\.\d{{1,2}})+\.?|\d{{1,2}}\.|\d{{1,2}}(?=\s+[^\s\da-zà-ÿ]))(?=\s)"
    r"|\b\d{1,2}(?:\.\d{1,2}){1,3}\b(?![.,]?\d)"
)
# A list number at the start of a line and the space after it: "1.", "2.3", "1)"; not the day of a
# date that wrapped to the line start ("Per" / "1 januari 2021 wordt ...").
ITEM_NUMBER = rf"\d{{1,2}}(?:\.\d{{1,2}})*[.)]?\s+(?!(?:{MONTH_TEXT})\b)"
# A line that starts a list item: a bullet, "1.", "2.3", "1)", "a." or "a)".
ITEM_START = re.compile(rf"^\s*(?:[{BULLET}]\s+|{ITEM_NUMBER}(?=\S)|[a-z][.)]\s+(?=\S))")
BULLET_START = re.compile(rf"^\s*[{BULLET}]\s+")
# A bullet alone on its line, or with its list number ("- 3.", "•"): the item's text starts on the
# next line. (A bare "2.1." alone is as often a heading's number as an item's.)
LONE_BULLET = re.compile(rf"^\s*[{BULLET}](?:\s*(?:\d{{1,2}}(?:\.\d{{1,2}})*[.)]|[a-z][.)]))?\s*$")
# A footnote line: a superscript number, or "*" / "1)" style markers at the start.
FOOTNOTE_START = re.compile(rf"^\s*(?:[{SUPERSCRIPTS}]+|\*{{1,3}})\s*\S")
# The mark in a sentence or a table label that refers to a footnote ("te verlenen (%) ¹⁶"), and the
# same mark opening the footnote ("¹⁶ intensief: 16% en incidenteel: 28%"); not a square or cubic
# metre ("per m²").
FOOTNOTE_MARK = re.compile(rf"(?<!\bm)(?<!\b[kcd]m)[{SUPERSCRIPTS}]+")
# A note under a table or at the foot of a page: a superscript or "*" mark, "1)", "Noot:", "NB", "Bron:".
NOTE_START = re.compile(
    rf"^\s*(?:[{SUPERSCRIPTS}]+|\*{{1,3}}\)?|\d{{1,2}}\)\s|(?:noot|nb|n\.b\.|bron|bronnen|toelichting)\s*:)",
    re.IGNORECASE,
)
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
# What may stand before a paragraph's first word: an opening quote or bracket ("“Gezinnen in ...").
OPENING_MARKS = "\"'“‘„(["


def opens_with_capital(line: str) -> bool:
    """The line's first word starts with a capital, also behind an opening quote or bracket."""
    return line.lstrip(OPENING_MARKS)[:1].isupper()


# Articles, prepositions and conjunctions: a line that ends in one is cut by a line wrap.
OPEN_ENDINGS = frozenset(
    {
        "de", "het", "een", "en", "of", "van", "voor", "met", "door", "in", "op", "aan", "naar", "te",
        "bij", "om", "die", "dat", "als", "tot", "uit", "over", "onder",
    }
)  # fmt: skip
# The words a question's intent is read from, as typed words to repair a typo towards ("hoeveeel",
# "wanner", "maatregellen", "percentgae"). Only words no common word is one edit away from: not
# "meten" (meter), "kosten" (kasten), "bereiken" (bereiden), "waarom" (waarop), "waardoor"
# (waarvoor), "voorstellen" (voorspellen); "doelen" (delen) only for words of six letters or more.
CUE_SPELLINGS = frozenset(
    {
        "hoeveel", "wanneer", "percentage", "procent", "maatregel", "maatregelen",
        "gemeten", "indicator", "indicatoren", "doelstelling", "doelstellingen", "streefwaarde",
        "streefwaarden", "resultaat", "resultaten", "gerealiseerd", "opgeleverd", "subsidie",
        "subsidies", "begroting", "budget", "bedrag", "bedragen", "tarief", "tarieven", "financieel",
        "investering", "investeringen", "activiteiten", "speerpunten", "ambitie", "ambities",
        "doelen", "maatregels", "monitor", "nulmeting", "bezuiniging", "besparing",
        "bijdrage", "bijdragen", "uitgaven", "opbrengst", "opbrengsten", "lasten", "reservering",
    }
)  # fmt: skip
CUE_REPAIR_MIN_LENGTH = 6  # a shorter word is too often another word one edit away
# Prepositions: after "hoeveel verzekerden" one says the word is the noun counted, not a verb
# ("Met hoeveel verzekerden in de collectieve ...", not "Hoeveel legt Wassenaar in ...").
PREPOSITIONS = frozenset(
    {
        "van", "voor", "met", "door", "in", "op", "aan", "naar", "bij", "uit", "over", "onder", "tot",
        "binnen", "per",
    }
)  # fmt: skip
# Text that holds a word, not only figures and signs: two letters in a row ("Aantal", "kg"; not
# "2 (31/5)" or "210.000 117.318").
HAS_WORD = re.compile(r"[^\W\d_]{2}")
# A line that cannot end where it ends: a comma or an opening bracket, or such a word, an auxiliary
# or a possessive as its last word ("... Mobiliteit in het sociaal domein, VNG, september 2020; de").
_RUNS_ON_WORDS = OPEN_ENDINGS | {
    "dan", "maar", "ook", "zoals", "tussen", "per", "is", "zijn", "wordt", "worden", "heeft", "hebben",
    "kan", "kunnen", "ons", "onze", "hun", "haar",
}  # fmt: skip
OPEN_END = re.compile(rf"(?:[,(/&-]|\b(?:{'|'.join(sorted(_RUNS_ON_WORDS))}))\s*$", re.IGNORECASE)
# A line that labels what follows in a policy framework: "Doel: ...", "Subdoel: ...", "Activiteiten".
LABEL_LINE = re.compile(
    r"^\s*(?:(?:(?:sub)?doel(?:stelling)?(?:en)?|resultaat|resultaten|effect|indicator(?:en)?|ambitie|"
    r"opgave|speerpunt(?:en)?|voorstel|ontwikkeling)\s*:"
    r"|(?:activiteiten|maatregelen|beoogd maatschappelijk effect)\s*$)",
    re.IGNORECASE,
)
# A table row printed as a line of text: a label, then three figures or more ("Speelvoorzieningen 176
# 176 176 176 Veiligheidscontroles, ...", "Kapitaalgoed 2025 2026 2027 2028 Specificatie").
_PRINTED_FIGURES = r"(?:[-–]?(?:€\s?)?\d[\d.,]*%?\s+){2,}[-–]?(?:€\s?)?\d[\d.,]*%?(?:\s|$)"
PRINTED_ROW = re.compile(rf"^[^\W\d_][^\d]{{0,60}}?\s+{_PRINTED_FIGURES}")
# The figures of such a row on a line of their own, its label on the lines above ("Civieltechnische" /
# "kunstwerken" / "124 204 334 336 Reinigingen, ...").
PRINTED_FIGURES = re.compile(rf"^{_PRINTED_FIGURES}")
# A row label that says it counts or gives a share ("Aantal individueel ondersteunde mantelzorgers",
# "Stichting Evenmens Aantal ...", "Percentage jongeren ..."): its bare figures are no euros.
COUNT_LABEL = re.compile(r"\b(?:aantal|percentage|aandeel|number of|share of)\b", re.IGNORECASE)
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
# The section titles Dutch programme documents share (the BBV's "Wat willen we bereiken?", "Wat
# gaan we daarvoor doen?", "Wat mag het kosten?") and plain titles used alike, by what they hold.
BBV_SECTION = compile_table(
    {
        "goal": r"^(?:(?:sub|hoofd)?doel(?:en|stelling(?:en)?)?|wat (?:willen|gaan) (?:we|wij) bereiken|"
        r"beoogd(?:e)? (?:maatschappelijk(?:e)? )?effect(?:en)?|maatschappelijke effecten)\s*[?:]?$",
        "measure": r"^(?:wat (?:gaan|zullen) (?:we|wij) (?:daar|er)?(?:voor )?doen|activiteiten|maatregelen|"
        r"acties|actiepunten|beslispunten)\s*[?:]?$",
        "budget": r"^wat (?:mag|gaat) het kosten\s*[?:]?$",
    },
    re.IGNORECASE,
)
# A goal stated as the state to reach, as goal trees write subgoals: "Laaggeletterdheid is
# afgenomen", "De zelfredzaamheid van inwoners is vergroot".
RESULT_STATE = re.compile(
    r"^[A-Z][^.:;?]{2,90}\b(?:is|zijn)\s+(?:\w+\s+){0,2}(?:afgenomen|toegenomen|gestegen|gedaald|verbeterd|"
    r"vergroot|verkleind|versterkt|verminderd|verhoogd|verlaagd|teruggedrongen|verkort|uitgebreid)\.?$"
)
# An aim named by its verb, as goal headings write it: "Ontwikkelen efficiënte en effectieve
# maatwerkvoorzieningen", "Versterken van de eigen kracht".
AIM_VERB = re.compile(
    r"^(?:Ontwikkelen|Versterken|Vergroten|Bevorderen|Verbeteren|Voorkomen|Verminderen|Stimuleren|"
    r"Behouden|Terugdringen|Verhogen|Verlagen|Bestrijden|Borgen|Creëren|Tegengaan|Beperken|Verkleinen|"
    r"Verduurzamen)\s+\S+\s+\S+"
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

# Spaced tables (Word exports, one row a line): a value token at the end of a row ("-6.100", "6,9",
# "47%", "-" for nothing), case-sensitive.
SPACED_VALUE = re.compile(
    rf"[{MINUS}]?\d{{1,3}}(?:\.\d{{3}})+(?:,\d+)?|[{MINUS}]?\d+(?:,\d+)?%?\*{{0,3}}|[{MINUS}]"
)
# A table's caption line: "Tabel 4.3 - Baten en lasten P4 Fysieke Leefomgeving".
TABLE_TITLE = re.compile(r"^\s*tabel\s+\d+(?:\.\d+)*\s*[-–:]", re.IGNORECASE)
# The sign legend of a budget table's header: '("-"= nadeel / "+"= voordeel)' (folded).
SIGN_LEGEND = re.compile(r"\bnadeel\b|\bvoordeel\b")
# An Iv3 taakveld code that starts a budget row's label: "6.71a Hulp bij het huishouden", "0.10 Mutaties".
TAAKVELD_CODE = re.compile(r"^\s*(?P<code>[0-8]\.\d{1,3}[a-dA-D]?)\s")
# A programme named in a budget table's title or row: "P4 Fysieke Leefomgeving", "Programma: P2 Mens en
# maatschappij" (case-sensitive: the P is a capital).
PROGRAMME = re.compile(
    r"(?:\bProgramma:?\s*)?\bP(?P<number>\d{1,2})\.?\s+(?P<name>[A-Z][\w ,'’-]*?)\s*(?=$|\||\(|—|\s{2})"
)
# What a budget amount is, from its column or row (folded): "begroting 2025 lasten", "toevoeging reserves".
BUDGET_MEASURE = re.compile(r"\b(?P<measure>baten|lasten|saldo|toevoeging|onttrekking)(?:en)?\b")
# Header words that name a table's label column, not a value column (folded).
LABEL_COLUMN_WORDS = frozenset(["effectindicator", "indicator", "omschrijving", "taakveld", "kapitaalgoed"])
# A row of the BBV indicator table every programme budget prints: programme and indicator number
# ("4 35. Gemiddelde WOZ waarde Duizend euro CBS 729 (2024) 379 (2024)").
INDICATOR_ROW = re.compile(r"^\d{1,2} \d{1,2}\.(?:\s|$)")
# A figure given with the year it is of, at the end of a cell or a row: "663,6 (2022)", "4,75 % ( 2024)".
FIGURE_WITH_YEAR = re.compile(rf"\(\s*{YEAR_TEXT}\s*\)\s*$")
# The year slot of such a table's value columns, filled in per row: "Realisatie Wassenaar (jaartal)".
YEAR_PLACEHOLDER = re.compile(r"\((?:jaartal|peiljaar|jaar)\)", re.IGNORECASE)
# The header words of that table's columns before its values: the value columns' names follow them.
INDICATOR_FIELD_WORDS = frozenset(["indicator", "eenheid", "bron"])
# A table's source line: "Bron peilwaarde: CBS".
SOURCE_LINE = re.compile(r"^\s*bron\b", re.IGNORECASE)
# The three columns of a budget: euros by definition (folded).
BUDGET_MEASURE_WORDS = frozenset(["baten", "lasten", "saldo"])
TOTAL_LABEL = "totaal"  # the label of a row that sums the rows above it (folded)
# Words that name a column of a budget or indicator table a question may ask for (folded).
INDICATOR_COLUMN_WORDS = frozenset(["peilwaarde", "streefwaarde"])  # an indicator table's baseline and target
COLUMN_ASK_WORDS = BUDGET_MEASURE_WORDS | INDICATOR_COLUMN_WORDS
# A column read against another: a target means little without the baseline it improves on.
READ_AGAINST = {"streefwaarde": "peilwaarde"}
# Words that stand in for one another in a follow-up: "En de baten?" after a question about the
# lasten asks about the baten instead (folded).
SIBLING_TERMS: tuple[frozenset[str], ...] = (
    BUDGET_MEASURE_WORDS,
    INDICATOR_COLUMN_WORDS,
    frozenset(["incidenteel", "structureel"]),
    frozenset(["regionaal", "lokaal", "landelijk"]),
)
# Words that name a column in a spaced table's header (folded): budget kinds, indicator columns.
SPACED_COLUMN_WORDS = frozenset(
    [
        "rekening",
        "jaarrekening",
        "begroting",
        "begroot",
        "realisatie",
        "raming",
        "meerjarenraming",
        "prognose",
        "streefwaarde",
        "peilwaarde",
        "nulmeting",
        "effectindicator",
        "indicator",
        "omschrijving",
        "taakveld",
        "totaal",
        *BUDGET_MEASURE_WORDS,
    ]
)

# -- question cues (folded text) ------------------------------------------------------------------

# What a question asks for, by the intent it signals (the values of `answering.question.Intent`).
QUESTION_CUES = compile_table(
    {
        "amount": rf"\b(hoeveel (?:geld|euro|budget)|{MONEY_NOUN_TEXT}|kost(?:en|te|ten)?|geld|euro|"
        r"besparing\w*|tarief|tarieven|prijs|prijzen|bespar\w*|opbrengst\w*|saldo|reserv\w*|begroot|begrote|"
        r"uitgave\w*|uitgeven|uitgegeven|"
        r"bijdrage\w*|stelpost\w*|taakstelling\w*|invester\w*|subsidie\w*|lasten|baten|dekking|gedekt|"
        r"raamt|ramen|geraamd\w*|raming\w*|uitgetrokken|uittrekken|"
        r"financiering\w*|financieel|financiele|how much money|amount|cost\w*|budget|money|saving\w*|"
        r"spend\w*)\b|€|"
        r"\bvoor hoeveel\s*\??\s*$",  # "... en voor hoeveel?": for how much money
        "number": r"\b(hoeveel|aantal(?:len)?|hoe (?:groot|hoog|duur)|(?:hoger|lager|groter|kleiner) dan|"
        r"how many|number of)\b",
        "percent": r"\b(percentages?|procent\w*|welk deel|welk aandeel|aandeel|percent|share)\b|%",
        "when": r"\b(wanneer|per wanneer|vanaf wanneer|hoe ?lang|welk jaar|in welk jaar|welke datum|"
        r"welke termijn|tegen welk jaar|uiterlijk|deadline|when|by when|what year|how long)\b",
        "who": r"\b(wie|welke partner\w*|welke organisatie\w*|met wie|door wie|who|which organi[sz]ation)\b",
        # "Waar kunnen inwoners terecht?", "Waar was de taalklas gehuisvest?"; not "waarom", "waarmee".
        "where": rf"\b(waar(?=\s)|terecht|{PLACE_PHRASES}|where)\b",
        "why": r"\b(waarom|waardoor|hoe komt het|om welke reden|welke reden|why|reason)\b",
        # Where the money comes from: "waaruit betaalt Almelo ...", "hoe wordt dat bekostigd", "wie
        # betaalt"; not "waaruit bestaat".
        "funding": r"\bwaaruit\b(?=.*\b(?:betaal\w*|financier\w*|gefinancierd|bekostig\w*|gedekt|dekt)\b)|"
        r"\b(?:uit|met) welke? (?:\w+ )?(?:budget\w*|pot|potje|middelen|reserve|fonds|geld)\b|"
        r"\b(?:wie|hoe) (?:betaalt|betaalde|financiert|financieren|bekostigt|bekostigen)\b|"
        # Only the cue words go, not the subject between them ("hoe wordt de pilot gefinancierd").
        r"\bhoe (?:wordt|worden|werd|werden|wil|willen|gaat|gaan|kan|kunnen|zal|zullen)\b"
        r"(?=.*\b(?:gefinancierd|bekostigd|betaald|gedekt|financieren|bekostigen|betalen|dekken)\b)|"
        r"\b(?:gefinancierd|bekostigd)\b|"
        r"\b(?:financiering|dekking|bekostiging)\b|\bwho pays\b|"
        # "Betaalt Wassenaar dat helemaal alleen?"
        r"^(?:betaalt|betalen|financiert|financieren|bekostigt|bekostigen)\b",
        # "Wat leverde dat op?": the separable verb with its particle at the end.
        "result": r"\blever(?:t|de|den)\b.{0,40}\bop\b|\bwat (?:kwam|komt) er\b.{0,40}\buit\b|"
        r"\b(?:uitgekomen|eruit gekomen|eruit kwam)\b|"
        r"\b(opgeleverd|opleveren|oplevert|resultaat|resultaten|bereikt|gerealiseerd|realisatie|"
        r"effect\w*|uitkomst\w*|gevolg\w*|voortgang|stand van zaken|hoe staat het|achieved|result\w*|"
        r"outcome\w*)\b",
        "table": r"\b(tabel\w*|\w+tabel|overzicht\w*|staat .{0,20}(?:kolom|rij))\b",
        "yes-no": r"^(is|zijn|heeft|hebben|wordt|worden|gaat|gaan|komt|komen|kan|kunnen|moet|moeten|wil|"
        r"willen|betaalt|investeert|krijgt|krijgen|staat|staan|blijft|blijven|weet|weten|kent|kennen|"
        r"bestaat|bestaan|houdt|houden|does|do|is|are|has|have|will)\b",
        "goal": r"\b(doel\w*|ambitie\w*|streef\w*|streven|bereiken|wat wil(?:t|len)?|willen bereiken|"
        r"speerpunt\w*|opgave\w*|beoogd\w*|resultaat|resultaten|goal\w*|aim\w*|objective\w*)\b",
        "indicator": r"\b(indicator\w*|meten|meet|gemeten|nulmeting|peilwaarde\w*|streefwaarde\w*|monitor\w*|"
        r"kengetal\w*|hoe (?:volgt|volgen|houdt|houden)|measure[sd]?|indicator)\b",
        "measure": r"\b(maatregel(?:en)?|wat (?:gaat|gaan|doet|doen)|hoe (?:gaat|gaan|pakt|pakken|wil|willen|"
        r"zorgt|zorgen)|activiteit\w*|acties?|aanpak\w*|inzet|inzetten|voorstel\w*|toezegging\w*|plan\w*|"
        r"what will)\b",
        "compare": r"\b(vergelijk\w*|verschil\w*|verschillen|beide|allebei|allemaal|per gemeente|"
        r"welke gemeenten?|gemeenten|tussen \d{4} en \d{4}|ten opzichte van|t\.o\.v\.|veranderd|compare\w*|"
        r"differ\w*|both|vs|versus|hetzelfde|dezelfde)\b",
        # "welke" + a plural noun (one or two words between), "noem", or a count ("vijf doelen").
        "list": r"\b(welke|noem|wat zijn de|which|what are|list)\s+(?:\w+\s+){0,2}?\w{2,}(?:en|s|'s)\b|"
        r"\b(twee|drie|vier|vijf|zes|zeven|acht|negen|tien)\s+\w+",
    }
)
# The plural noun a list question asks for (folded): "welke vier actielijnen", "noem de drie
# pijlers", "wat zijn de speerpunten", "welke voorbeelden van woonvormen".
LIST_NOUN = re.compile(
    r"\b(?:welke|noem(?: de)?|wat zijn de|which|what are(?: the)?)\s+"
    r"(?:(?:twee|drie|vier|vijf|zes|zeven|acht|negen|tien|\d+)\s+)?(?:\w+(?:e|ele)\s+)?"
    r"(?P<noun>\w{3,}(?:en|s)|\w{2,}['’]s)\b"  # "maatregelen", "partners", "thema's"
)
# A bracket that closes a question: context, not what is asked ("... de SKOW (Taalklas, 2024)?").
BACKGROUND = re.compile(r"\(([^()]*)\)\s*\??\s*$")
# A question may open with the preposition its question word governs: "met wie werkt ...",
# "langs welke 4 sporen werkt Leusden".
_OPENING_PREPOSITION = (
    r"(?:(?:aan|bij|binnen|door|in|langs|met|naar|op|over|tot|uit|van|vanuit|volgens|voor)\s+)?"
)
# A phrase that opens with a word that asks ("wie", "welke", "hoeveel"): "En aan wie?" names no
# thing in place of what the question before was about.
ASKING_WORD = re.compile(r"^\W*(?:wie|wat|welke?|wanneer|hoe|hoeveel|waar\w*)\b", re.IGNORECASE)
# A question (part) that opens with an adverb or pronoun, the finite verb next (folded): "wanneer
# verwachten", "hoe pakken", "en wie wijst toe". "Welke"/"hoeveel" take a noun first.
FINITE_AFTER = re.compile(
    rf"^\W*(?:(?:en|maar)\s+)?{_OPENING_PREPOSITION}"
    r"(?:wanneer|waarom|waar|waarmee|waardoor|waarvoor|wat|wie|hoe)\s+(?P<verb>\w+)\b"
)
# The same after "welke"/"hoeveel" and a plural noun: "welke maatregelen horen daarbij", "hoeveel
# leerlingen maken gebruik van" (the verb in second place, however its form reads).
FINITE_AFTER_NOUN = re.compile(
    rf"^\W*(?:(?:en|maar)\s+)?{_OPENING_PREPOSITION}(?:welke?|hoeveel)\s+"
    rf"(?:(?:\d+|{'|'.join(NUMBER_WORDS)})\s+)?(?:\w+e\s+)?\w+(?:en|s)\s+"
    r"(?P<verb>\w+(?:en|t)|is|zijn|wordt|heeft|gaat|kan|moet|zal|wil)\b"
)
# A question that names money as what it wants (folded): "hoeveel euro", "welk bedrag", "wat kost",
# "wat is het budget voor": a count or an age in the evidence ("300 zorgaanbieders", "75+ jaar")
# does not answer it.
_MONEY_ASKED = r"(?:bedrag|bedragen|budget|budgetten|kosten|tarief|tarieven|subsidie|lasten|baten|prijs)"
# What something costs or brings in, asked without a money word: "wat draagt ... financieel bij",
# "wat levert dat financieel op" (folded); a question for money, and for a figure.
_ASKS_FINANCIAL = r"financieel (?:bij|op)|financiele bijdrage"
ASKS_MONEY = re.compile(
    rf"\b(?:hoeveel (?:geld|euro|budget|subsidie)|welke? (?:\w+ )?(?:bedrag|budget|subsidie|tarief)|"
    rf"voor hoeveel geld|wat kost\w*|hoe duur|(?:wat|hoe hoog) (?:is|zijn|was|waren|wordt|worden) "
    rf"(?:de|het) (?:\w+ )?{_MONEY_ASKED}|hoe hoog (?:is|zijn|was|waren|wordt|worden) (?:de|het) "
    rf"(?:\w+ )?bijdrage|{_ASKS_FINANCIAL}|how much money|what does \w+ cost)\b"
)
# A question that asks for a figure outright (not one that only mentions money or counts).
ASKS_FIGURE = re.compile(
    r"\b(hoeveel|hoe (?:hoog|groot|veel|duur)|welke? (?:\w+ )?(?:bedrag|budget|bedragen|percentages?|deel|"
    r"aandeel|aantal(?:len)?|omvang|bijdrage|besparing|besparingen|kosten|saldo|subsidie|peilwaarde|streefwaarde|"
    r"waarde|tarief|tarieven)|wat kost\w*|wat (?:is|zijn|was|waren) (?:de|het) (?:\w+ )?(?:bedrag|budget|"
    r"kosten|omvang|percentage|aantal|saldo|besparing|lasten|baten|peilwaarde|streefwaarde|waarde|tarief|"
    rf"tarieven|prijs)|{_ASKS_FINANCIAL}|how much|how many|what percentage)\b"
)
# A question about what changed between two budgets or years (folded): "wat is er veranderd tussen
# de begroting 2024 en 2025", "verschillen tussen 2024 en 2025".
CHANGE_CUE = re.compile(
    r"\b(veranderd|verandering\w*|verander\w*|verschil\w*|gewijzigd|wijziging\w*|anders|nieuw en vervallen)\b"
)
# Words a question about what changed between two budgets uses besides a subject of its own:
# "Welke posten zijn gewijzigd in 2025 ten opzichte van 2024?" names no one thing.
CHANGE_QUESTION_WORDS = frozenset(
    {
        "opzichte", "vergeleken", "vergelijking", "belangrijkste", "grootste", "posten", "regels",
        "budgetregels", "begrotingsregels", "begrotingsposten", "onderdelen", "zaken", "programmas",
        "programma", "taakvelden", "jaar", "jaren", "vorig", "vorige", "nieuwe", "nieuw", "vervallen",
    }
)  # fmt: skip
# The register record type a question asks for: goals, indicators, budget lines or measures.
RECORD_TYPE_CUES = compile_table(
    {
        "goal": r"\b(doel\w*|ambitie\w*|streef\w*|streven|bereiken|wat willen|speerpunt\w*)\b",
        "indicator": r"\b(\w*indicator\w*|meten|meet|gemeten|nulmeting|peilwaarde\w*|streefwaarde\w*|"
        r"monitor\w*|cijfers?)\b",
        "budget": rf"\b({MONEY_NOUN_TEXT}|geld|euro|begroting\w*|begroot|kost\w*|middelen|uitgave\w*|"
        r"investering\w*)\b|€",
        "measure": r"\b(maatregel\w*|toezegging\w*|beloofd|gaan doen|acties?|activiteiten|aanpak|"
        r"aanpakken)\b|\bpakken\b.{0,30}\baan\b|\bhoe (gaan|pakken|doen|zorgen)\b",
    }
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
ENGLISH_MIN_WORDS = 2  # one such word ("is", "was") is as likely Dutch


def reads_english(text: str) -> bool:
    """The text is asked in English: enough of its words are English function words."""
    return len(set(re.findall(r"[a-z]+", fold(text))) & ENGLISH_WORDS) >= ENGLISH_MIN_WORDS


# Words that frame what a question asks without naming its subject: how many of the named ones
# ("werken beide gemeenten ...", "gezinnen met meerdere problemen", "een bepaald totaal"), and
# "wat moet er gebeuren", "met het idee dat". They help find a passage, but a passage that lacks
# them may still answer.
FRAMING_WORDS = frozenset(
    {
        "allebei", "beide", "meerdere", "diverse", "verschillende", "bepaald", "zekere",
        "gebeuren", "gebeurt", "gebeurd", "gebeurde", "idee",
    }
)  # fmt: skip

# -- answer cues (folded text of a sentence) ------------------------------------------------------

# What a sentence offers, by the intent it can satisfy: a reason, a date, an actor, a result, a
# goal, a measurement, an action.
SENTENCE_CUES = compile_table(
    {
        "why": r"\b(omdat|doordat|want|daardoor|daarom|vanwege|als gevolg van|reden|oorzaak|komt door|"
        r"aanleiding|om die reden|hierdoor|dankzij|zodat)\b",
        "when": DEADLINE.pattern,
        # Where the money comes from: "komt grotendeels uit beschikbare budgetten voor ...", "gedekt
        # uit de reserve", "ten laste van", "via een specifieke uitkering".
        "funding": r"\b(financiering|gefinancierd|financieren|bekostig\w*|betaald (?:uit|door|van|met)|"
        r"gedekt (?:uit|door|met|vanuit)|dekking|ten laste van|komt (?:\w+ ){0,3}uit|komen (?:\w+ ){0,3}uit|"
        r"(?:uit|vanuit) (?:de|het|een) (?:\w+ ){0,3}(?:reserve|budget\w*|fonds|middelen|uitkering)|"
        r"rijksmiddelen|specifieke uitkering|cofinanciering|bijdrage van|subsidie van|vergoed door|"
        r"doorbelast|doorberekend|betalen mee|betaalt mee|meebetalen)\b",
        "who": r"\b(samen met|in samenwerking met|met|door|via|partner\w*|stichting|organisatie\w*|"
        r"aanbieder\w*|college|wijkteam\w*|ggd|uwv|coa|"
        # who checks and decides: "opgestuurd naar de accountant voor validatie"
        r"accountant\w*|rekenkamer\w*|toezichthouder\w*|inspectie\w*|wethouder\w*|gemeenteraad|de raad|"
        r"ombudsman)\b",
        "where": r"\b(locatie\w*|gebouw\w*|adres\w*|gehuisvest|huisvesting|gevestigd|terecht|loket\w*|"
        r"\w*(?:huis|centrum|school|pand)|ruimte in|op het terrein|aanmelden bij|meld(?:en|t) zich)\b",
        # "levert in 2024 een voordeel op": the separable verb with its particle further on.
        "result": r"\b(geleid tot|leidde|leidt tot|opgeleverd|lever(?:t|de|den)\b.{0,40}?\bop|resulteer\w*|"
        r"gerealiseerd|bereikt|behaald|gehaald|afgenomen|toegenomen|gedaald|gestegen|verminderd|uitkomst|"
        r"resultaat|resultaten)\b",
        "goal": r"\b(doel\w*|ambitie\w*|streven|streeft|streefwaarde|beogen|beoogd\w*|bereiken|willen|wil|"
        r"speerpunt\w*|opgave\w*|is afgenomen|is toegenomen|zijn teruggedrongen)\b",
        "indicator": r"\b(indicator\w*|gemeten|meten|meting\w*|nulmeting|percentage|aantal|monitor\w*|"
        r"peildatum|waarstaatjegemeente|cbs|bron)\b|%",
        "measure": r"\b(gaan|gaat|zullen|zal|starten|start|inzetten|zetten in|ontwikkelen|organiseren|voeren|"
        r"realiseren|investeren|subsidieren|versterken|uitbreiden|verlengen|continueren|voorstel\w*|"
        r"activiteit\w*|maatregel\w*|actie\w*|aanpak)\b",
        # An enumeration in running text: "Leiden, Leiderdorp, Oegstgeest en Voorschoten" (items of
        # up to three words, at least three of them).
        "list": r"(?:\b[\w'-]+(?:\s[\w'-]+){0,2},\s){2,}[\w'-]+(?:\s[\w'-]+){0,2}\s(?:en|of)\s[\w'-]+",
    }
)
# -- commitment status (folded text of what a later document says) -----------------------------

# How a later document reports on a commitment, strongest first: a dropped or delayed commitment
# often also says what was realised before ("niet gerealiseerd", "nog niet"), so those win.
COMMITMENT_STATUS_CUES = compile_table(
    {
        "dropped": r"\b(vervallen|vervalt|gestopt|stoppen met|beeindigd|geschrapt|afgezien van|"
        r"niet doorgegaan|niet (?:langer|meer) (?:voort|uitgevoerd|ingezet)|besloten\b.{0,60}\bgeen|"
        r"on-?hold)\b",
        "delayed": r"\b(vertraging|vertraagd|uitgesteld|opgeschort|later (?:dan|realiseren)|"
        r"achter (?:op|het) schema|loopt achter|nog niet|niet gelukt|niet (?:wordt|worden|is) gehaald|"
        r"niet (?:hebben )?kunnen realiseren)\b",
        "realised": r"\b(gerealiseerd|afgerond|voltooid|tot stand gekomen|totstandkoming|vastgesteld|"
        r"in werking getreden|(?:hebben|heeft|is|zijn) (?:\w+ ){0,6}(?:opgesteld|ingevoerd|uitgevoerd|"
        r"afgesloten|behaald|ingevuld))\b",
        "on_schedule": r"\b(op koers|op schema|conform (?:de |onze )?planning|volgens (?:de )?planning|"
        r"verloopt|loopt|lopend\w*|in uitvoering|voortzetten|voortgezet|voort te zetten|gaan door|"
        r"blijven|blijft|continueren|startklaar)\b",
    }
)
# Document types (manifest `doc_type`, folded) that look back on the plans of their year.
REVIEW_DOC_TYPES = frozenset(
    {"voortgangsrapportage", "jaarverslag", "jaarrekening", "evaluatie", "midterm review", "verantwoording"}
)
# "niet gerealiseerd" and "(nog) niet opgesteld" are not realised: the negation turns them around.
COMMITMENT_NEGATION = re.compile(r"\b(niet|geen)\b(?:\s+\w+){0,3}\s*$")
# What plans do things to and with ("activiteiten", "mogelijkheden verkennen", "het voornemen"):
# shared by a commitment and a later sentence, these words do not make them about the same thing.
COMMITMENT_GENERIC_WORDS = (
    "activiteit", "activiteiten", "mogelijk", "mogelijkheid", "mogelijkheden", "maatregel", "maatregelen",
    "maatregelenplan", "voornemen", "plan", "verder", "versie", "uitbreiden", "uitbreiding",
    # how plans say when and where, not what: "zo nodig", "ten aanzien van", "vindt plaats",
    # "de eerste versie", "verwachten we", "te gebruiken"
    "nodig", "aanzien", "plaats", "plaatsvinden", "vindt", "vinden", "eerste", "verwachten", "gebruiken",
    "gezien", "aandacht", "termijn", "langere", "korte", "zoveel",
    # when, not what (like a year): "jaarlijks uitvoeren"
    "jaarlijks", "halfjaarlijks", "maandelijks", "wekelijks", "dagelijks", "periodiek",
)  # fmt: skip
# The particles of separable verbs: "uitvoeren" stands as "uit te voeren", "voeren ... uit".
SEPARABLE_PARTICLES = ("uit", "op", "in", "aan", "door", "mee", "voort", "af", "toe", "terug", "bij", "samen")
# Comparative and superlative endings of adjectives: "gezonder", "hoogste", "meest".
DEGREE_ENDINGS = ("ere", "er", "ste", "st")
# Derivations, not compounds: "jaarlijks" is no "jaar" + "lijk", "mogelijk" no "mo" + "gelijk".
DERIVATION_ENDINGS = ("lijk", "lijke", "lijks", "heid", "baar", "schap", "achtig", "loos", "isch")


# A sentence that opens a series ("Dit geld is ten eerste bedoeld voor ...") and the sentences
# that go on with it ("Ten tweede is dit geld bedoeld ..."), folded: the series reads whole.
SERIES_OPENS = re.compile(r"\b(ten eerste|allereerst|in de eerste plaats|enerzijds)\b")
SERIES_GOES_ON = re.compile(
    r"\b(ten (?:tweede|derde|vierde|vijfde|slotte)|in de (?:tweede|derde) plaats|anderzijds)\b"
)
# A sentence that leans on the one before it: it cannot be read alone.
LEANS_BACK = re.compile(
    r"^(dit|deze|dat|die|daar\w*|hier\w*|ook|verder|"
    r"tevens|bovendien|zo|dus|wel|(?:voor|met|in|bij|door|op|aan|van|om|na|uit) (?:deze|dit|die|dat))\b"
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


@lru_cache(maxsize=1)
def strong_pasts() -> dict[str, str]:
    """Past forms of strong and irregular verbs and their infinitives (`data/strong_pasts_nl.txt`):
    "gaven" -> "geven", "stonden" -> "staan"."""
    lines = (_DATA / "strong_pasts_nl.txt").read_text(encoding="utf-8").splitlines()
    pairs = (line.split() for line in lines if line.strip() and not line.startswith("#"))
    return {form: infinitive for form, infinitive in pairs}


@lru_cache(maxsize=1)
def synonym_groups() -> tuple[tuple[str, ...], ...]:
    """Words that stand for each other between a question and a document ("zaken", "casussen"),
    one group each (`data/synonyms_nl.txt`)."""
    lines = (_DATA / "synonyms_nl.txt").read_text(encoding="utf-8").splitlines()
    groups = (tuple(fold(w.strip()) for w in line.split("|") if w.strip()) for line in lines)
    return tuple(g for g, line in zip(groups, lines, strict=True) if g and not line.startswith("#"))


@lru_cache(maxsize=1)
def column_ask_words() -> dict[str, str]:
    """Words that ask for a table column, each to the column's own word: "baten", "streefwaarde",
    and the words an indicator column goes by ("streefcijfer" and "doelwaarde" for the
    streefwaarde, "nulmeting" for the peilwaarde; `data/synonyms_nl.txt`)."""
    words = {w: w for w in COLUMN_ASK_WORDS}
    for group in synonym_groups():
        for column in INDICATOR_COLUMN_WORDS & set(group):
            words.update({w: column for w in group})
    return words


@lru_cache(maxsize=1)
def acronyms() -> dict[str, tuple[str, ...]]:
    """Acronyms of the social domain and the long forms they stand for (`data/acronyms_nl.txt`):
    "pgb" -> ("persoonsgebonden budget",)."""
    table: dict[str, tuple[str, ...]] = {}
    for line in (_DATA / "acronyms_nl.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        acronym, _, forms = line.partition(":")
        table[fold(acronym.strip())] = tuple(fold(f.strip()) for f in forms.split("|") if f.strip())
    return table


# Abbreviations that end in a period but do not end a sentence. spaCy's Dutch exceptions know
# most; listing them all keeps us independent of its version.
ABBREVIATIONS = (
    "o.a.",
    "bijv.",
    "bv.",
    "m.b.t.",
    "art.",
    "nr.",
    "nrs.",
    "incl.",
    "excl.",
    "ca.",
    "d.w.z.",
    "i.v.m.",
    "e.d.",
    "enz.",
    "etc.",
    "z.s.m.",
    "resp.",
    "t.a.v.",
    "o.b.v.",
    "m.i.v.",
    "blz.",
    "p.",
    "pag.",
    "mr.",
    "dhr.",
    "mevr.",
    "jl.",
    "e.a.",
    "c.q.",
    "i.s.m.",
    "t.b.v.",
    "n.n.b.",
    "m.n.",
    "o.l.v.",
    "i.o.m.",
    "i.p.v.",
    "t.g.v.",
    "t.l.v.",
    "v.w.b.",
    "m.u.v.",
    "e.v.",
    "vs.",
    "min.",
    "max.",
    "gem.",
    "jr.",
    "inw.",
    "zgn.",
    "evt.",
    "mln.",
    "mld.",
    "mrd.",
    "st.",
    "o.m.",
    "w.o.",
    "a.s.",
    "j.l.",
    "z.g.",
    "n.a.v.",
    "i.r.t.",
    "p.m.",
    "e.e.a.",
    "t.z.t.",
    "o.i.d.",
    "n.v.t.",
    "t.o.v.",
    "vm.",
    "vml.",
    "ad.",  # "(ad. € 95.000)": to the amount of
)
# Slashed shortenings that are one token: "t/m" (tot en met).
NO_BREAK_WORDS = ("t/m", "v/m", "m/v")

# Words that tables shorten for room ("Verlagen max. snelheid"), as the words they stand for: so
# "maximumsnelheid" meets "max. snelheid". Only shortenings that stand for one word.
SHORTENED_WORDS = {"max": "maximum", "incl": "inclusief", "excl": "exclusief"}

# Endings of a finite verb, longest first: "stroomden" (past) and "stroomt" (present) -> "stroom".
VERB_ENDINGS = ("den", "ten", "de", "te", "en", "t", "d")
# A verb root's last letter as its infinitive and nouns spell it: "wijs" (wijst) -> "toewijzen",
# "schrijf" (schrijft) -> "inschrijving".
VOICED_ENDINGS = {"s": "z", "f": "v"}
# Endings of a weak past tense, longest first: "betaalden", "telde", "stopte".
WEAK_PAST_ENDINGS = ("den", "ten", "de", "te")
# Plural nouns in "-eren", the ending of many infinitives ("verankeren"): the closed class of
# "kind" -> "kinderen" and the nouns made of comparatives ("ouderen"), also at the end of a compound
# ("nieuwkomerskinderen").
EREN_PLURALS = (
    "kinderen", "ouderen", "jongeren", "goederen", "eieren", "liederen", "bladeren", "kalveren",
    "runderen", "lammeren", "beenderen", "volkeren",
)  # fmt: skip


# A document that defines an acronym: "de Internationale Taalklas (ITK)", "Stichting Katholiek
# Onderwijs Wassenaar (SKOW)". Matched on the text as written (capitals tell an acronym); the long
# form is looked for among the words before the bracket.
ACRONYM_DEFINITION = re.compile(r"\(\s*([A-Z][A-Z]{1,6}|[A-Z][a-z]{1,3})\s*\)")
_LONG_FORM_WORDS = 8


def defined_acronyms(text: str) -> dict[str, str]:
    """Acronyms a text defines, lower-cased, with their long forms: the shortest run of words
    before the bracket that starts with the acronym's first letter and holds its letters in order
    ("Schooladviesdienst Wassenaar (SAD)")."""
    found: dict[str, str] = {}
    for match in ACRONYM_DEFINITION.finditer(text):
        acronym = match.group(1).lower()
        words = text[max(0, match.start() - 200) : match.start()].split()[-_LONG_FORM_WORDS:]
        for start in range(len(words) - 1, max(-1, len(words) - len(acronym) - 3), -1):
            long_form = " ".join(words[start:])
            if _letters_in_order(acronym, fold(long_form)):
                found[acronym] = long_form
                break
    return found


def _letters_in_order(letters: str, text: str) -> bool:
    if not text.startswith(letters[0]):
        return False
    at = 0
    for letter in letters:
        at = text.find(letter, at)
        if at < 0:
            return False
        at += 1
    return True
