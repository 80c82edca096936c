"""Records stated in running text: goals and commitments by their cue words, and the figures a
text reports about its population ("het aantal 75-plussers neemt toe van 9400 naar 11.800")."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence

from assistant.lexicon import (
    APPROXIMATELY,
    DEADLINE_PHRASE,
    MARKER,
    MEASURED_FIGURE,
    MONEY_CUES,
    MONTH_TEXT,
    YEAR_CELL,
    YEAR_TEXT,
)
from assistant.register import cues
from assistant.register.candidate import PRIORITY_CUE, Candidate, clean_label, years_in
from assistant.register.cues import PROGRAMME_BUDGET
from assistant.register.doctext import DocText, Sentence
from assistant.register.models import STRATEGIC, Measurement

_PARTNER = re.compile(
    r"\b(?:samen met|in samenwerking met|i\.s\.m\.|met|aan|door)\s+((?:de\s+|het\s+)?"
    r"[A-Z][\w&'-]+(?:\s+(?:[A-Z][\w&'-]+|van|voor|en|de))*)"
)
_COLLEGE = re.compile(r"\bhet college\b|\bde (gemeente)?raad\b", re.IGNORECASE)
_MEASURE_NOUN = re.compile(
    r"\b(percentage|aandeel|aantal|werkloosheid|arbeidsdeelname|vaccinatiegraad)\b", re.I
)
# A change from one figure to another, not from one year to the next: "van 9400 naar 11.800".
_NOT_YEAR = rf"(?!{YEAR_TEXT}\b)"
# Counts over time name their moments and round their figures: "van ca. 360 eind 2018 naar ca. 250
# eind 2019".
_ABOUT = rf"(?:{APPROXIMATELY}\s+)?"
_WHEN = rf"(?:\s+(?:(?:eind|begin|medio|ultimo|in|per)\s+)?{YEAR_TEXT}\b)?"
_FROM_TO = re.compile(
    rf"\bvan\s+{_ABOUT}{_NOT_YEAR}(\d[\d.,]*\s?%?){_WHEN}\s+(?:tot|naar)\s+{_ABOUT}{_NOT_YEAR}(\d[\d.,]*\s?%?)"
)
# A share given as a rounded percentage ("Ongeveer 27% wordt verwezen ..."), unless the sentence
# restates the figure before it ("Dit betekent een toename van ruim 36%").
_ROUNDED_SHARE = re.compile(rf"\b{APPROXIMATELY}\s+\d+(?:,\d+)?\s?%", re.IGNORECASE)
_RESTATES = re.compile(r"^(dit|dat) (betekent|is|komt neer op)\b", re.IGNORECASE)
_SHARE = re.compile(r"\b(drie-kwart|driekwart|de helft|een derde|twee derde|een kwart)\b", re.IGNORECASE)
_LEVEL = re.compile(
    r"\b(hoog|laag|hoger|lager)\s+(is|zijn|ligt)\b|\b(is|zijn|ligt)\s+(hoog|laag|hoger|lager)\b",
    re.IGNORECASE,
)
_BACK_REFERENCE = re.compile(
    r"^(dat|dit|deze) (is|zijn) (een aantal |enkele |de |onze )?(doelen|doelstellingen|ambities)\b",
    re.IGNORECASE,
)
# A percentage of a named set ("32% van de werk-, zorg- en jeugdvragen"), not "% van het budget".
_SHARE_OF = re.compile(
    r"\b\d+(?:,\d+)?\s?%\s+van\s+(?:de|het|alle|onze)\s+"
    # not a share of money ("48% van de lasten wordt doorbelast"): a split of costs, no figure of ours;
    # nor a share of a norm ("100% van de bijstandsnorm"): a threshold set, no figure measured
    r"(?!totale?\b|budget|lasten\b|kosten\b|baten\b|uitgaven\b|inkomsten\b|middelen\b|\w*norm\b)",
    re.IGNORECASE,
)
# A target set against what was realised: "(doel was 75 cases, realisatie bedroeg 60 cases)".
_PLANNED_REALISED = re.compile(
    r"\b(?:doel|doelstelling|gepland|planning|streven|norm)\s+(?:was|is|bedroeg)\s+(?P<target>\d[\d.,]*)"
    r"[^.;()]{0,40}?\b(?:realisatie|gerealiseerd|resultaat)\s+(?:was|is|bedroeg)\s+(?P<realised>\d[\d.,]*)",
    re.IGNORECASE,
)
_NEXT_SHARE = re.compile(r",?\s+en\s+(?=\d+(?:,\d+)?\s?%\s+van\b)")
_CAP = re.compile(r"\b(maximaal|minimaal|hooguit|ten ?minste|tot|plafond|norm)\s+$", re.IGNORECASE)
# A share of the set the sentence before counted: "Van deze inwoners kon bijna de helft ...".
_BACK_SHARE = re.compile(r"^van (deze|die|dit|hen|hun)\b", re.IGNORECASE)
# A change by a share names the quantity that changes: "waardoor de SW-populatie jaarlijks met 6%
# vermindert", "het aantal is met 4% gestegen".
_CHANGE_BY = re.compile(
    r"\bmet\s+(?:\w+\s+)?\d+(?:,\d+)?\s?%\s+(?:\w+\s+)?(?:ge)?(?:stijg|steg|daal|daald|groei|verminder|"
    r"toegenom|afgenom|toeneem|afneem|neemt\s+(?:toe|af))",
    re.IGNORECASE,
)
# A count or share as the subject of its sentence, undated: "Het aantal mensen in de opvang is de
# afgelopen jaren stabiel gebleven, rond de 200".
_COUNT_SUBJECT = re.compile(r"^(?:het|de)\s+(?:aantal|percentage|aandeel)\b", re.IGNORECASE)
_DATE_DAY = re.compile(rf"\b\d{{1,2}}\s+(?:{MONTH_TEXT})\b", re.IGNORECASE)
# A figure for part of the set the sentence before counted: "50 daarvan werken in de stad",
# "Hiervan woont 95% zelfstandig".
_SUBSET_FIGURE = re.compile(
    r"^(?:\d[\d.,]*\s?%?\s+(?:daar|hier)van\b|(?:daar|hier)van\b[^.;]{0,40}?\b\d[\d.,]*\s?%?)", re.IGNORECASE
)


def cue_sentences(
    doc: DocText, covered: Sequence[tuple[int, int, int]] = (), partners: Mapping[int, int] | None = None
) -> Iterator[Candidate]:
    """Goals, measures and figures in sentences, leaving out what structure already covered: a
    sentence glued to a list item's title ("... meedoen Aansluitend bij Agenda22 willen we ...")
    keeps only its own part. The sentences of a verbonden-partijen table (`partners`: page -> where
    the table starts on it, see `budgets.partner_table_pages`) describe the partner, its equity,
    risks and weerstandscapaciteit: no goal, measure or figure of ours."""
    previous = ""
    plan_year = cues.plan_year(doc.meta)
    tails = _page_tails(doc)
    partners = partners or {}
    for sentence in doc.sentences:
        if sentence.page in partners and sentence.start >= partners[sentence.page]:
            continue
        fragmented = doc.fragmented(sentence) and not _column_prose(sentence.text)
        cut = _cut_by_structure(doc, sentence, covered) if fragmented else None
        if (cut is not None and not cut) or _runs_on(doc, sentence):
            continue
        tail = tails.get(sentence.page + 1, "") if _ends_page(doc, sentence) else ""
        # A programme's vision sketches the municipality it wants to be; its doelstellingen are the
        # goals (GUIDELINE.md, real split): the vision's sentences are no goals (what it says "we"
        # do still commits).
        vision = _in_vision(doc, sentence)
        parts = _uncovered(doc, sentence, covered, whole=bool(tail))
        for text, last in parts[:1] if cut else parts:
            # A sentence that runs on to the next page is read whole and quoted on its first page
            # (GUIDELINE.md): "Met deze partners" / "werken we onder meer aan beleid ...".
            quote, text = (text, f"{text} {tail}") if last and tail else (text, text)
            if len(text.split()) < _MIN_WORDS:
                continue
            if _BACK_REFERENCE.match(text) and previous and not vision:
                # "Dat is een aantal doelstellingen in het kader van 'dagactiviteiten'."
                yield Candidate("goal", previous, previous, sentence.page, PRIORITY_CUE, {"level": ""})
            before, previous = previous, text
            kind = cues.classify(text, plan_year, doc.meta.municipality)
            if vision and kind == "goal":
                kind = None
            if kind == "measure" and _NATIONAL_DECISION.search(before) and _ITS_CONTINUATION.match(text):
                kind = None  # "... heeft het kabinet besloten ... in te voeren. Deze invoering zal ..."
            yield from _classified(text, sentence.page, kind, quote)


# What text drawn in graphics or a footnote shows, and a sentence in a table column does not: one
# letter standing alone ("W erk maken", "mogelij k"), a full stop on a line of its own, a footnote
# mark opening a line.
_NOT_COLUMN_PROSE = re.compile(r"(?<!\S)[^\WuU\d_](?!\S)|\n\s*\.\s*$|(?:^|\n)\s*[¹²³⁴⁵⁶⁷⁸⁹⁰*]")


def _column_prose(text: str) -> bool:
    """A whole sentence set in a narrow table column (the *Maatregel* column of a risk table: "De
    gemeente zet in op" / "uitstroombeleid met een" / ...): it opens with a capital and ends with a
    full stop, with none of the marks of graphics text or a footnote."""
    text = text.strip()
    return (
        text[:1].isupper()
        and text.endswith(".")
        and "\n\n" not in text
        and not _NOT_COLUMN_PROSE.search(text)
        and not re.search(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]", text)
    )


def _cut_by_structure(doc: DocText, sentence: Sentence, covered: Sequence[tuple[int, int, int]]) -> bool:
    """Whether a sentence that reads as narrow columns only runs into a table row that structure
    read ("... zullen de voertuigen zoveel mogelijk worden vervangen door elektrische voertuigen"
    / "Vastgoed" / "2021-2024" / ...): its part before the row is a sentence of its own."""
    starts = [s for p, s, _ in covered if p == sentence.page and sentence.start < s < sentence.end]
    if not starts:
        return False
    end = min(starts)
    part = Sentence(sentence.page, sentence.start, end, doc.texts[sentence.page][sentence.start : end])
    return not doc.fragmented(part)


def _in_vision(doc: DocText, sentence: Sentence) -> bool:
    """Whether the sentence stands under a programme's "Visie" heading (not as an item of a list)."""
    section = doc.section_at(sentence.page, sentence.start).rsplit(" > ", 1)[-1]
    return bool(PROGRAMME_BUDGET["vision heading"].match(section.strip())) and not MARKER.match(sentence.text)


def _runs_on(doc: DocText, sentence: Sentence) -> bool:
    """The tail of a sentence from the page before ("realiseren, moeten we inzet blijven plegen"
    opening a page): it is read, and cited, on the page where it starts."""
    page = doc.texts[sentence.page]
    return (
        sentence.page - 1 in doc.texts
        and not page[: sentence.start].strip()
        and sentence.text.lstrip()[:1].islower()
    )


# What the Rijk decided, and a sentence that goes on about it without anyone of ours acting: "Om ...
# heeft het kabinet besloten een eigen bijdrage in te voeren." / "Deze invoering zal plaatsvinden op
# 1 januari 2026."
_NATIONAL_DECISION = re.compile(
    r"\b(?:het\s+)?(?:rijk|kabinet|minister\w*|tweede kamer|wetgever)\b[^.;]{0,40}\b"
    r"(?:heeft|hebben|heeft\s+\w+)?\s*(?:besloten|bepaald|besluit|besluiten|gekozen|voorgesteld|aangekondigd)\b|"
    r"\b(?:besloten|bepaald|gekozen|aangekondigd)\b[^.;]{0,20}\b(?:door\s+)?(?:het\s+)?"
    r"(?:rijk|kabinet|minister\w*)\b",
    re.IGNORECASE,
)
_ITS_CONTINUATION = re.compile(
    r"^(?:deze|die|dit|dat)\s+(?!\w+\s+(?:we|wij)\b)\w+\s+(?!we\b|wij\b)", re.IGNORECASE
)

_MIN_WORDS = 4  # a piece of a sentence shorter than this is no sentence of its own


def _page_tails(doc: DocText) -> dict[int, str]:
    """Per page, the tail of a sentence from the page before that opens it ("werken we onder meer
    aan ...")."""
    tails: dict[int, str] = {}
    for sentence in doc.sentences:
        if sentence.page not in tails and _runs_on(doc, sentence) and not doc.fragmented(sentence):
            tails[sentence.page] = doc.sentence_text(sentence)
    return tails


def _ends_page(doc: DocText, sentence: Sentence) -> bool:
    """Whether the sentence is the last words of its page and breaks off there (no stop)."""
    page = doc.texts[sentence.page]
    return not page[sentence.end :].strip() and not sentence.text.rstrip().endswith((".", "!", "?", ":", ";"))


def _uncovered(
    doc: DocText, sentence: Sentence, covered: Sequence[tuple[int, int, int]], whole: bool = False
) -> list[tuple[str, bool]]:
    """The parts of the sentence no record covers, each with whether it reaches the sentence's end;
    with `whole` (the sentence runs on to the next page) its last part however short."""
    spans = sorted(
        (s, e) for page, s, e in covered if page == sentence.page and s < sentence.end and sentence.start < e
    )
    pieces, at = [], sentence.start
    for s, e in spans:
        if s > at:
            pieces.append((at, s))
        at = max(at, e)
    if at < sentence.end:
        pieces.append((at, sentence.end))
    page = doc.texts[sentence.page]
    out = []
    for s, e in pieces:
        part = Sentence(sentence.page, s, e, page[s:e])
        text = (
            doc.sentence_text(part)
            if (s, e) == (sentence.start, sentence.end)
            else " ".join(page[s + doc.heading_lines(sentence.page, s, e) : e].split())
        )
        text = re.sub(r"^[-•▪;,.:)\s]+(\d{1,2}(\.\d{1,2})*\.?\s+)?", "", text)
        last = e == sentence.end
        if len(text.split()) >= _MIN_WORDS or (whole and last and text):
            out.append((text, last))
    return out


def _classified(text: str, page: int, kind: str | None, quote: str = "") -> Iterator[Candidate]:
    """The goal or measure `kind` says the sentence is (from its cue words), and its figures; `quote`
    is the part of it on `page` where it runs on to the next one."""
    quote = quote or text
    if len(text.split()) > 90 or "|" in text:
        return
    if kind == "goal":
        level = STRATEGIC if re.search(r"\bambitie\b", text, re.IGNORECASE) else ""
        yield Candidate("goal", text, quote, page, PRIORITY_CUE, {"level": level})
    elif kind == "measure" and not cues.not_a_commitment(text):
        fields = {"deadline": deadline(text), "actor": actor(text)}
        yield Candidate("measure", text, quote, page, PRIORITY_CUE, fields)
    if quote != text:
        return  # its figures are read on the page where they stand
    for clause in _figure_clauses(text):
        indicator = _figure(clause)
        if indicator is not None:
            yield Candidate("indicator", clause, clause, page, PRIORITY_CUE, indicator)


def _figure_clauses(text: str) -> list[str]:
    """One sentence reporting two shares ("32% van de vragen werd opgelost en 17% van de vragen
    Wmo") is two figures: each clause its own indicator."""
    parts = _NEXT_SHARE.split(text)
    return parts if len(parts) > 1 and all(_SHARE_OF.search(p) for p in parts[1:]) else [text]


def _figure(text: str) -> dict[str, object] | None:
    """A reported figure: a measured quantity (percentage/aantal/aandeel) with a value and a year,
    or with a share ("driekwart") or a level ("is hoog") where the text gives no number."""
    planned = _PLANNED_REALISED.search(text)
    if planned is not None and not MONEY_CUES["mention"].search(text):
        years = years_in(text)
        year = years[-1] if years else None
        realised, target = planned.group("realised"), planned.group("target")
        return {
            "measurements": (
                Measurement("realisatie", realised, year, "realised"),
                Measurement("doel", target, year, "target"),
            ),
            "baseline_value": realised,
            "baseline_year": year,
            "target_value": target,
            "target_year": year,
            "unit": _unit(realised),
        }
    noun = _MEASURE_NOUN.search(text)
    share = _SHARE.search(text)
    if noun is None and share is None:
        # A share stated as a rounded percentage names its own quantity: "Ongeveer 27% wordt verwezen
        # naar een algemene voorziening".
        # "Dit betekent een toename van ruim 36%" restates the figure before it.
        noun = None if _RESTATES.match(text) else _ROUNDED_SHARE.search(text)
    if noun is None and not _BACK_SHARE.match(text):
        # A share of a named set: "Wel vond 40% van de meldingen plaats via de wijk zelf"; not a cap
        # ("een plafond van maximaal 10% van de Rijksbijdrage").
        noun = next((m for m in _SHARE_OF.finditer(text) if not _CAP.search(text[: m.start()])), None)
    if noun is None:
        noun = _CHANGE_BY.search(text)  # "met 6% vermindert": the quantity that changes
    # The figure of a subset names its own quantity, dated or not.
    subset = None if noun is not None or share is not None else _SUBSET_FIGURE.match(text)
    noun = noun or subset
    if noun is None and years_in(text) and _FROM_TO.search(text):
        # A count that moves between two moments names its own quantity: "OMD 1 van ca. 360 eind
        # 2018 naar ca. 250 eind 2019".
        noun = re.search(r"\S", text)
    if (
        (noun is None and share is None)
        or MONEY_CUES["mention"].search(text)
        or cues.classify(text) is not None
    ):
        return None
    if noun is None and share is not None:
        if _BACK_SHARE.match(text):
            return None  # "Van deze inwoners kon bijna de helft ...": a share of the figure before
        # "ongeveer drie-kwart van de alleenstaande ouderen van 75+ jaar is een vrouw"
        return {
            "measurements": (Measurement("", share.group(0), None, "realised"),),
            "baseline_value": share.group(0),
        }
    assert noun is not None
    after = text[noun.start() :]
    figures = [f for f in MEASURED_FIGURE.findall(after) if not YEAR_CELL.fullmatch(f)]
    years = years_in(text)
    change = _FROM_TO.search(after)
    if change and years:
        # "van 9400 naar 11.800 personen" between 2020 and 2030: the first is the baseline.
        first, last = change.group(1).strip(), change.group(2).strip()
        cells: tuple[Measurement, ...] = (
            Measurement(str(years[0]), first, years[0], "realised"),
            Measurement(str(years[-1]), last, years[-1], "other"),
        )
        return {
            "measurements": cells,
            "baseline_value": first,
            "baseline_year": years[0],
            "unit": _unit(first),
        }
    if figures and not years and any("%" in f for f in figures):
        value = next(f for f in figures if "%" in f).strip()
        return {
            "measurements": (Measurement("", value, None, "realised"),),
            "baseline_value": value,
            "unit": "%",
        }
    if _COUNT_SUBJECT.match(text) and subset is None:
        # A day of a date ("op 31 december") is no figure of the count.
        figures = [f for f in MEASURED_FIGURE.findall(_DATE_DAY.sub("", after)) if not YEAR_CELL.fullmatch(f)]
    if figures and not years and (subset is not None or _COUNT_SUBJECT.match(text)):
        value = figures[0].strip()
        return {
            "measurements": (Measurement("", value, None, "realised"),),
            "baseline_value": value,
            "unit": _unit(value),
        }
    if figures and years:
        value = figures[-1].strip()
        cells = (Measurement(str(years[-1]), value, years[-1], "realised"),)
        return {
            "measurements": cells,
            "baseline_value": value,
            "baseline_year": years[-1],
            "unit": _unit(value),
        }
    level = _LEVEL.search(text)
    if level is not None and not figures:
        return {
            "measurements": (Measurement("", level.group(0), None, "realised"),),
            "baseline_value": level.group(0),
        }
    return None


def _unit(value: str) -> str:
    return "%" if "%" in value else "aantal"


def deadline(text: str) -> str:
    match = DEADLINE_PHRASE.search(text)
    return " ".join(match.group(0).split()) if match else ""


def actor(text: str) -> str:
    """Who is named as doing it: the college, or partners ("samen met Menzis", "aan Avedan")."""
    names = [clean_label(m.group(1)) for m in _PARTNER.finditer(text)]
    names = [n for n in names if not re.match(r"^(de |het )?(Rijk|Wmo|Jeugdwet|Participatiewet|Wet)\b", n)]
    college = _COLLEGE.search(text)
    found = ([college.group(0)] if college else []) + names
    return ", ".join(dict.fromkeys(found))[:120]
