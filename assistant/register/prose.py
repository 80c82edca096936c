"""Records stated in running text: goals and commitments by their cue words, and the figures a
text reports about its population ("het aantal 75-plussers neemt toe van 9400 naar 11.800")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.register import cues
from assistant.register.candidate import PRIORITY_CUE, Candidate, clean_label, years_in
from assistant.register.doctext import DocText
from assistant.register.models import STRATEGIC, Measurement

_MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
DEADLINE = re.compile(
    rf"\b(?:in|vanaf|per|voor|na|medio|begin|eind|uiterlijk|tot en met|t/m|rond|met ingang van)\s+"
    rf"(?:de\s+|het\s+)?(?:\d{{1,2}}\s+)?(?:(?:{_MONTHS})\s+)?"
    rf"(?:(?:eerste|tweede|derde|vierde)\s+(?:helft|kwartaal)\s+(?:van\s+)?)?(?:19|20)\d\d\b|"
    r"\b(?:na|voor) de zomer(?:vakantie)?(?:\s+(?:van\s+)?\(?(?:19|20)\d\d\)?)?",
    re.IGNORECASE,
)
_PARTNER = re.compile(
    r"\b(?:samen met|in samenwerking met|i\.s\.m\.|met|aan|door)\s+((?:de\s+|het\s+)?"
    r"[A-Z][\w&'-]+(?:\s+(?:[A-Z][\w&'-]+|van|voor|en|de))*)"
)
_COLLEGE = re.compile(r"\bhet college\b|\bde (gemeente)?raad\b", re.IGNORECASE)
_MEASURE_NOUN = re.compile(r"\b(percentage|aandeel|aantal)\b", re.IGNORECASE)
_FIGURE = re.compile(r"\d+(?:,\d+)?\s?%|\b\d{1,3}(?:\.\d{3})+\b|(?<![\d.,])\d{2,}(?![\d.,]?\d)")
_SHARE = re.compile(r"\b(drie-kwart|driekwart|de helft|een derde|twee derde|een kwart)\b", re.IGNORECASE)
_LEVEL = re.compile(
    r"\b(hoog|laag|hoger|lager)\s+(is|zijn|ligt)\b|\b(is|zijn|ligt)\s+(hoog|laag|hoger|lager)\b",
    re.IGNORECASE,
)
_TREND = re.compile(r"^(toename|afname|stijging|daling|groei)\b", re.IGNORECASE)
_NOT_A_FIGURE = re.compile(r"€|\beuro\b|\bcases?\b|\bcasussen\b|\bdeelnemers\b", re.IGNORECASE)


def cue_sentences(doc: DocText) -> Iterator[Candidate]:
    for sentence in doc.sentences:
        if doc.fragmented(sentence):
            continue
        text = re.sub(r"^[-•▪]\s+(\d{1,2}(\.\d{1,2})*\.?\s+)?", "", doc.sentence_text(sentence))
        words = len(text.split())
        if words < 4 or words > 90 or "|" in text:
            continue
        kind = cues.classify(text)
        if kind == "goal":
            level = STRATEGIC if re.search(r"\bambitie\b", text, re.IGNORECASE) else ""
            yield Candidate("goal", text, text, sentence.page, PRIORITY_CUE, {"level": level})
        elif kind == "measure":
            yield Candidate(
                "measure",
                text,
                text,
                sentence.page,
                PRIORITY_CUE,
                {"deadline": deadline(text), "actor": actor(text)},
            )
        indicator = _figure(text)
        if indicator is not None:
            yield Candidate("indicator", text, text, sentence.page, PRIORITY_CUE, indicator)


def _figure(text: str) -> dict[str, object] | None:
    """A reported figure: a measured quantity (percentage/aantal/aandeel) with a value and a year,
    or with a share ("driekwart") or a level ("is hoog") where the text gives no number."""
    noun = _MEASURE_NOUN.search(text)
    share = _SHARE.search(text)
    if (noun is None and share is None) or _NOT_A_FIGURE.search(text) or cues.classify(text) is not None:
        return None
    if noun is None and share is not None:
        # "ongeveer drie-kwart van de alleenstaande ouderen van 75+ jaar is een vrouw"
        return {
            "measurements": (Measurement("", share.group(0), None, "realised"),),
            "baseline_value": share.group(0),
        }
    assert noun is not None
    after = text[noun.start() :]
    figures = [f for f in _FIGURE.findall(after) if not re.fullmatch(r"(19|20)\d\d", f.strip())]
    years = years_in(text)
    if figures and years:
        value = figures[-1].strip()
        cells = (Measurement(str(years[-1]), value, years[-1], "realised"),)
        return {
            "measurements": cells,
            "baseline_value": value,
            "baseline_year": years[-1],
            "unit": _unit(value),
        }
    level = _LEVEL.search(text) or _TREND.search(text)
    if level is not None and not figures:
        return {
            "measurements": (Measurement("", level.group(0), None, "realised"),),
            "baseline_value": level.group(0),
        }
    return None


def _unit(value: str) -> str:
    return "%" if "%" in value else "aantal"


def deadline(text: str) -> str:
    match = DEADLINE.search(text)
    return " ".join(match.group(0).split()) if match else ""


def actor(text: str) -> str:
    """Who is named as doing it: the college, or partners ("samen met Menzis", "aan Avedan")."""
    names = [clean_label(m.group(1)) for m in _PARTNER.finditer(text)]
    names = [n for n in names if not re.match(r"^(de |het )?(Rijk|Wmo|Jeugdwet|Participatiewet|Wet)\b", n)]
    college = _COLLEGE.search(text)
    found = ([college.group(0)] if college else []) + names
    return ", ".join(dict.fromkeys(found))[:120]
