"""Goals, measures and indicators that documents write as labelled lines and lists.

- Labelled lines: "Doel: ...", "Subdoel: ...", "Doel 2: ...", "Beoogd maatschappelijk effect".
- Numbered and bulleted lists: what the list holds follows from its introduction ("formuleren we
  de volgende strategische doelen:", "Dit gaan we hiervoor doen:", "Activiteiten", "Beslispunten")
  and, where the introduction is silent, from the item itself ("In 2024 zijn minder inwoners
  eenzaam" is a target, "Percentage inwoners dat ..." an indicator).
- The first sentence under an "Ambitie" heading.

List numbering carries the hierarchy: "2.5" sits under "2", which gives goal levels and links.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from assistant.lexicon import (
    AIM_VERB,
    BBV_SECTION,
    BULLET,
    DIGIT,
    ITEM_START,
    NOTE_START,
    RESULT_STATE,
    SYMBOL_BULLETS,
    YEAR_TEXT,
    compile_table,
)
from assistant.register.candidate import (
    FOOTNOTE,
    MEASURE_WORD,
    PRIORITY_LIST,
    PRIORITY_STRUCTURE,
    Candidate,
    clean_label,
    continues,
    first_sentence,
)
from assistant.register.cues import PROGRAMME_BUDGET
from assistant.register.doctext import DocText, Line
from assistant.register.models import OPERATIONAL, STRATEGIC

_LABEL = re.compile(r"^(?P<kind>Subdoel|Doel|Hoofddoel)(?:\s+(?P<num>\d{1,2}))?\s*:\s*(?P<text>\S.*)$")
_PROPOSAL = re.compile(r"^VOORSTEL\s*:\s*(?P<text>\S.*)$")
_EFFECT = re.compile(r"^Beoogd\s+maatschappelijk\s+effect\s*:?\s*$", re.IGNORECASE)
# Ingestion turns bullets into "- ", a Symbol font's too; text that did not pass through it may
# still hold the private-use character pypdf gives for one ("\uf0b7 Verder invulling geven aan ...").
_DASHES = BULLET + SYMBOL_BULLETS
_NUMBERED = re.compile(
    rf"^(?P<dash>[{_DASHES}]\s+)?(?P<num>\d{{1,2}}(?:\.\d{{1,2}}){{0,2}})\.?\s+(?P<text>\S.*)$"
)
_MARKER_ONLY = re.compile(rf"^[{_DASHES}]\s*(?P<num>\d{{1,2}})\.?$")
_BULLET = re.compile(rf"^[{_DASHES}]\s+(?P<text>\S.*)$")
_PREFIX = re.compile(r"^(VOORSTEL|ONTWIKKELING|NIEUW)\s*:\s*")
# What a list's introduction says the list holds (any case), and a strategic level for goals.
_INTRO = compile_table(
    {
        "measure": r"^(activiteiten|beslispunten|dit gaan we( hiervoor)? doen|we zetten in op|daarnaast|"
        r"maatregelen|acties)\b|"
        r"\b(beleidslijnen|hoofdlijnen van het beleid|actiepunten|beslispunten|taken)\b",
        "goal": r"\b(doel|doelen|doelstelling|doelstellingen|sub-doelstellingen|ambitie|ambities|"
        r"speerpunten)\b|"
        # Programmalijnen are lines of work, not goals (guideline): a list of them is not a goal list.
        r"zetten in.{0,3}op een \w+ waar|\bwillen (we |wij )?(zijn|worden)\b",
        "indicator": r"\bindicator(en)?\b",
        # Ambitions "op de volgende beleidsthema's:" list the themes they are about, not goals
        # (GUIDELINE.md, fresh6): "Laaggeletterdheid terugdringen" heads a theme's paragraph.
        "themes": r"\b(op|voor|binnen|in)\s+de\s+volgende\s+\w*(thema|terrein|gebied|domein|onderwerp)\w*",
        "strategic": r"\b(strategisch\w*|ambitie|programmalijnen|maatschappelijke)\b",
    },
    re.IGNORECASE,
)
_WORK_LINE = re.compile(r"^programmalijn\s+\d{1,2}\s*:", re.IGNORECASE)
_MEASURE_HEADING = re.compile(r"^(activiteiten|beslispunten|maatregelen|acties)\s*:?$", re.IGNORECASE)
_CONDITION = re.compile(r"^\*?\s*mits\b", re.IGNORECASE)
# An introduction that enumerates things rather than announcing goals or activities: "Er ligt een
# gemeentelijke verantwoordelijkheid op zes leefgebieden, te weten:".
_ENUMERATION = re.compile(r"\b(te weten|namelijk|bestaande uit|waaronder)\s*:$", re.IGNORECASE)
_AMBITION_HEADING = re.compile(r"^(\d{1,2}(\.\d{1,2})*\.?\s+)?(onze\s+)?(ambitie|missie)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z‘“'(])")
_SO_MEANS = re.compile(r"^(dat|dit) (betekent|houdt in)|^(namelijk|te weten)", re.IGNORECASE)
# A target written as a sentence: "In 2024 zijn minder inwoners eenzaam", "Meer inwoners doen mee".
_TARGET_FORM = re.compile(
    rf"^(In\s+{YEAR_TEXT}\s+\w+\s+(meer|minder|de|inwoners)\b|(Meer|Minder)\s+\w+)", re.IGNORECASE
)
_REGISTERS = re.compile(r"\b(registreren we|we registreren)\b", re.IGNORECASE)
_INTRO_WINDOW = 6
_LINE_GOAL_WORDS = 14  # a goal line or heading is short; a longer line is running text


@dataclass
class _Item:
    start: int  # line index where the item begins (its number or bullet)
    first: int  # line index where the item text starts
    last: int  # last line index of the item text (title or first sentence)
    number: str
    text: str
    dashed: bool


def labelled_goals(doc: DocText) -> Iterator[Candidate]:
    lines = doc.lines
    for i, line in enumerate(lines):
        text = line.stripped
        match = _LABEL.match(text)
        if match:
            last = _wrap_end(lines, i)
            body = clean_label(
                match.group("text") + " " + doc.quote(i + 1, last) if last > i else match.group("text")
            )
            level = OPERATIONAL if match.group("kind") == "Subdoel" else STRATEGIC
            yield Candidate(
                "goal", body, doc.quote(i, last), line.page, PRIORITY_STRUCTURE,
                {"level": level, "number": match.group("num") or ""},
            )  # fmt: skip
        elif _PROPOSAL.match(text):
            # "VOORSTEL: Tweede jongereninloop Vriezenveen" heads a proposal outside a bullet list.
            last = _wrap_end(lines, i)
            body = clean_label(" ".join(x.stripped for x in lines[i : last + 1]).split(":", 1)[1])
            yield Candidate(
                "measure", body, doc.quote(i, last), line.page, PRIORITY_LIST, {"level": "voorstel"}
            )
        elif _EFFECT.match(text) and i + 1 < len(lines):
            sentence = first_sentence(doc.quote(i + 1, _wrap_end(lines, i + 1)))
            yield Candidate(
                "goal", sentence, sentence, lines[i + 1].page, PRIORITY_STRUCTURE, {"level": STRATEGIC}
            )


def ambition_goals(doc: DocText) -> Iterator[Candidate]:
    """The opening sentence of a section titled "Ambitie ..." states the ambition."""
    seen: set[str] = set()
    for sentence in doc.sentences:
        section = doc.section_at(sentence.page, sentence.start)
        heading = section.rsplit(" > ", 1)[-1].strip()
        if section in seen or not _AMBITION_HEADING.match(heading):
            continue
        text = " ".join(sentence.text.split())
        for part in section.split(" > "):
            for form in (part.strip(), _heading_key(part)):
                if form and text.startswith(form):
                    text = text[len(form) :].strip()
        text = first_sentence(text)
        if len(text.split()) >= 5:
            seen.add(section)
            yield Candidate("goal", text, text, sentence.page, PRIORITY_LIST, {"level": STRATEGIC})


def _opens_sublist(lines: Sequence[Line], prev: _Item, item: _Item) -> bool:
    """Whether `prev` ends on a colon right above `item`, also where its last line wrapped
    ("- We geven uitvoering aan het Actieplan ...: positief opgroeien in" / "Hengelo! door:")."""
    if item.start == prev.last + 1:
        return prev.text.endswith(":")
    # The wrapped tail: the item broke off mid-phrase ("... opvoeden in") and the short line below
    # it ends the item on a colon.
    between = lines[prev.last + 1].stripped if item.start == prev.last + 2 else ""
    unfinished = re.search(r"[a-zà-ÿ]$", prev.text) is not None
    return (
        unfinished and between.endswith(":") and len(between.split()) <= 4 and not ITEM_START.match(between)
    )


def list_records(doc: DocText) -> Iterator[Candidate]:
    lines = doc.lines
    kind, intro = "", ""
    prev: _Item | None = None
    prev_section = ""
    for item in _items(lines):
        line = lines[item.first]
        section = doc.section_at(line.page, line.start)
        same = prev is not None and _same_list(lines, prev, item, section == prev_section)
        if not same and _heading_key(line.stripped) in {_heading_key(part) for part in section.split(" > ")}:
            prev = None  # a numbered heading, not a list item: it ends any list before it
            continue
        if not same and prev is not None and kind and _opens_sublist(lines, prev, item):
            pass  # sub-items of "We geven uitvoering aan het actieplan ... door:" keep the list's kind
        elif not same:
            kind, intro = _intro(lines, item.start)
            opened = item.start > 0 and lines[item.start - 1].stripped.endswith(":")
            heading = section.rsplit(" > ", 1)[-1]
            if opened and not kind and _ENUMERATION.search(lines[item.start - 1].stripped):
                kind = "enumeration"  # its items are named things, whatever the section holds
            elif not opened and (
                _MEASURE_HEADING.match(heading) or _MEASURE_HEADING.match(lines[item.start - 1].stripped)
            ):
                # Under an "Activiteiten" heading every bullet list is activities, whatever the
                # paragraph before it says ("met als doel ...").
                kind = "measure"
            elif not kind:
                # Silent introduction: the section says what it holds ("Wat willen we bereiken?").
                kind = _section_kind(doc, item.start)
                intro = intro or heading
        prev, prev_section = item, section
        candidate = _classify_item(doc, item, kind, intro)
        if candidate is not None:
            yield candidate


def _classify_item(doc: DocText, item: _Item, kind: str, intro: str) -> Candidate | None:
    text = _PREFIX.sub("", item.text)
    if kind == "enumeration" or (item.start > 0 and NOTE_START.match(doc.lines[item.start - 1].stripped)):
        return None  # named things, or a remark among the notes under a table ("* ...", "- ...")
    if (
        _CONDITION.match(text)
        or NOTE_START.match(text)
        or len(text.split()) < (1 if kind == "measure" and len(text) >= 6 else 2)
    ):
        return None  # a one-word activity ("Welzijnswerk") only counts in a list of measures
    page = doc.lines[item.first].page
    quote = first_sentence(doc.quote(item.first, item.last))
    fields: dict[str, str] = {"number": item.number}
    depth = item.number.count(".") if item.number else 0
    label = clean_label(first_sentence(text))
    if kind in ("goal", "indicator") and (MEASURE_WORD.match(text) or _REGISTERS.search(text)):
        return Candidate("indicator", label, quote, page, PRIORITY_LIST, fields)
    if _WORK_LINE.match(text):
        return None  # "Programmalijn 1: Stimuleren van ..." names a line of work, not a goal
    if kind == "goal" or (kind == "indicator" and _TARGET_FORM.match(text)):
        level = STRATEGIC if not depth and _INTRO["strategic"].search(intro) else OPERATIONAL
        return Candidate("goal", label, quote, page, PRIORITY_LIST, {**fields, "level": level})
    if kind == "measure":
        about_goals = bool(_INTRO["goal"].search(intro))
        if about_goals and item.number and not depth and not item.dashed:
            # Beleidslijnen lists repeat their strategic goal as an undashed top-level item.
            return Candidate("goal", label, quote, page, PRIORITY_LIST, {**fields, "level": STRATEGIC})
        level = "beleidslijn" if about_goals and depth else ""
        return Candidate("measure", label, quote, page, PRIORITY_LIST, {**fields, "level": level})
    if (_TARGET_FORM.match(text) and item.number) or (not kind and _result_state(label)):
        return Candidate("goal", label, quote, page, PRIORITY_LIST, {**fields, "level": OPERATIONAL})
    return None


def _result_state(text: str) -> bool:
    """A subgoal written as the state reached, "Laaggeletterdheid is afgenomen"; a sentence with
    figures reports a change instead ("... is gedaald van 360 naar 250")."""
    return bool(RESULT_STATE.match(text)) and not DIGIT.search(text) and len(text.split()) <= _LINE_GOAL_WORDS


def _planned_results(title: str) -> bool:
    """A heading of planned results: "Belangrijkste resultaten voor 2025", "Resultaten 2024"."""
    return bool(
        PROGRAMME_BUDGET["results heading"].match(title)
        and re.search(rf"\b(?:belangrijkste|beoogde|{YEAR_TEXT})\b", title, re.IGNORECASE)
    )


def _section_kind(doc: DocText, first: int) -> str:
    """What the section around line `first` holds by its title: the deepest section the chunks
    name, or a short title line just above ("Wat gaan we daarvoor doen?")."""
    line = doc.lines[first]
    parts = doc.section_at(line.page, line.start).split(" > ")
    titles = [_heading_key(parts[-1]).split(" ", 1)[-1] if parts[-1][:1].isdigit() else parts[-1]]
    for j in range(first - 1, max(-1, first - 1 - _INTRO_WINDOW), -1):
        text = doc.lines[j].stripped
        if len(text.split()) <= 6:
            titles.append(text)
            break
    if any(_planned_results(title.strip()) for title in titles):
        # "Belangrijkste resultaten voor 2025" right above: the results planned under "Wat gaan we
        # daarvoor doen?", even where the chunk still names the goal section before it. A bare
        # "Resultaten" may report what was reached, so it needs the year or "belangrijkste".
        return "measure"
    for title in titles:
        for kind in ("goal", "measure"):
            if BBV_SECTION[kind].match(title.strip()):
                return kind
    return ""


def structure_goals(doc: DocText) -> Iterator[Candidate]:
    """Goals the layout states without a label or list introduction:

    - numbered headings naming an aim or a state to reach ("3 Ontwikkelen efficiënte en effectieve
      maatwerkvoorzieningen"), where the document numbers at least two such headings (one alone
      may be an ordinary chapter title);
    - lines of their own under a goal section ("Wat willen we bereiken?"): "Laaggeletterdheid is
      afgenomen", "In 2024 zijn minder inwoners eenzaam"."""
    lines = doc.lines
    headings: list[Candidate] = []
    for i, line in enumerate(lines):
        text = line.stripped
        numbered = _NUMBERED.match(text)
        if numbered and not numbered.group("dash") and _heading_like(lines, i):
            body = clean_label(numbered.group("text"))
            if AIM_VERB.match(body) or _result_state(body):
                fields = {"number": numbered.group("num"), "level": STRATEGIC}
                headings.append(Candidate("goal", body, text, line.page, PRIORITY_LIST, fields))
        elif (
            not numbered
            and not _starts_item(text)
            and _heading_like(lines, i)
            and _in_goal_section(doc, line)
        ):
            body = clean_label(text)
            if AIM_VERB.match(body) or _result_state(body) or _TARGET_FORM.match(body):
                yield Candidate("goal", body, text, line.page, PRIORITY_LIST, {"level": OPERATIONAL})
    if len(headings) >= 2:
        yield from headings


def _heading_like(lines: list[Line], i: int) -> bool:
    """A short line of its own: no sentence runs into it or on from it."""
    text = lines[i].stripped
    if len(text.split()) > _LINE_GOAL_WORDS or text.endswith((",", ":", ";")) or text[:1].islower():
        return False
    before = lines[i - 1].stripped if i > 0 else ""
    after = lines[i + 1].stripped if i + 1 < len(lines) else ""
    opened = (
        not before or _ends_sentence(before) or len(before.split()) <= 6 or lines[i - 1].page != lines[i].page
    )
    return opened and not continues(after)


def _in_goal_section(doc: DocText, line: Line) -> bool:
    part = doc.section_at(line.page, line.start).split(" > ")[-1].strip()
    return bool(BBV_SECTION["goal"].match(re.sub(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+", "", part)))


def _items(lines: list[Line]) -> Iterator[_Item]:
    i = 0
    while i < len(lines):
        text = lines[i].stripped
        marker = _MARKER_ONLY.match(text)
        numbered = _NUMBERED.match(text)
        bullet = _BULLET.match(text)
        if marker and i + 1 < len(lines):
            last = _wrap_end(lines, i + 1)
            yield _Item(i, i + 1, last, marker.group("num"), _join(lines, i + 1, last), True)
            i = last + 1
            continue
        if (
            numbered
            and _plausible_number(numbered.group("num"))
            and _item_text(lines, i, numbered.group("text"))
        ):
            last = _item_end(lines, i)
            body = _join(lines, i, last)
            body = _NUMBERED.sub(r"\g<text>", body, count=1) if not numbered.group("dash") else body
            body = re.sub(rf"^[{_DASHES}]\s+\d{{1,2}}(?:\.\d{{1,2}}){{0,2}}\.?\s+", "", body)
            yield _Item(i, i, last, numbered.group("num"), body, bool(numbered.group("dash")))
            i = last + 1
            continue
        if bullet:
            last = _item_end(lines, i)
            yield _Item(i, i, last, "", _join(lines, i, last)[2:].strip(), True)
            i = last + 1
            continue
        i += 1


def _item_text(lines: list[Line], i: int, text: str) -> bool:
    """Whether a numbered line's text opens an item: a capital, or an item of an enumeration in
    lower case after its introduction or the item before ("te weten:" / "1. tijdigere verzending
    van aanslagen;" / "2. belasten van ...;"); a number before a lower-case word is a figure."""
    return not text[0].islower() or (i > 0 and lines[i - 1].stripped.endswith((":", ";")))


def _heading_key(text: str) -> str:
    """ "2. Titel" and "2 Titel" are the same heading."""
    return re.sub(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s+", r"\1 ", text.strip())


def _plausible_number(number: str) -> bool:
    parts = [int(p) for p in number.split(".")]
    return 0 < parts[0] <= 30 and all(p <= 30 for p in parts) and not (len(parts) == 1 and parts[0] > 20)


def _item_end(lines: list[Line], i: int) -> int:
    """Last line of an item's first sentence (or its wrapped title when it has no full stop)."""
    last = i
    while last + 1 < len(lines) and not _ends_sentence(lines[last].stripped):
        nxt = lines[last + 1].stripped
        if not continues(nxt) or _starts_item(nxt) or last - i >= 6:
            break
        last += 1
    return last


def _wrap_end(lines: list[Line], i: int) -> int:
    """Last line of a title that may wrap onto short lower-case continuation lines."""
    last = i
    while last + 1 < len(lines) and continues(lines[last + 1].stripped):
        if _starts_item(lines[last + 1].stripped) or last - i >= 3:
            break
        last += 1
    return last


def _ends_sentence(text: str) -> bool:
    return text.endswith((".", "!", "?", ";", ":"))


def _starts_item(text: str) -> bool:
    return bool(_MARKER_ONLY.match(text) or _BULLET.match(text) or FOOTNOTE.match(text))


def _join(lines: list[Line], first: int, last: int) -> str:
    return " ".join(line.stripped for line in lines[first : last + 1])


def _same_list(lines: list[Line], prev: _Item, item: _Item, same_section: bool) -> bool:
    gap = item.start - prev.last - 1
    if lines[item.first].page - lines[prev.last].page > 1:
        return False
    if prev.number and item.number:
        a = [int(p) for p in prev.number.split(".")]
        b = [int(p) for p in item.number.split(".")]
        successor = b[:-1] == a[: len(b) - 1] and len(b) <= len(a) and b[-1] == a[len(b) - 1] + 1
        child = b[: len(a)] == a and len(b) == len(a) + 1 and b[-1] == 1
        # Results numbered per goal go on with the next goal's first: "1.6" then "2.1" (or "4.1"
        # where goals 2 and 3 have none).
        next_group = len(a) == len(b) >= 2 and b[:-2] == a[:-2] and b[-2] > a[-2] and b[-1] == 1
        return (successor or child or next_group) and gap <= 25
    if prev.number or item.number or gap > 30 or (gap > 1 and not same_section):
        return False
    # Bullets of one list may be separated by the paragraphs that explain them, but never by a
    # new introduction ("...:") or a goal label.
    between = [line.stripped for line in lines[prev.last + 1 : item.start]]
    return not any(text.endswith(":") or _LABEL.match(text) or _EFFECT.match(text) for text in between)


def _intro_here(lines: list[Line], first: int) -> bool:
    """A line ending in ':' right before an item opens a new list."""
    return first > 0 and lines[first - 1].stripped.endswith(":")


def _intro(lines: list[Line], first: int) -> tuple[str, str]:
    """The kind of list an item opens, from the sentence that introduces it ("formuleren we de
    volgende strategische doelen:"), or the one before a bare "Dat betekent:"."""
    parts: list[str] = []
    for j in range(first - 1, max(-1, first - 1 - _INTRO_WINDOW), -1):
        text = lines[j].stripped
        if _starts_item(text) or _NUMBERED.match(text) or _LABEL.match(text):
            break
        if parts and _ends_sentence(text) and not text.endswith(":"):
            break
        parts.append(text)
    sentences = _SENTENCE_END.split(" ".join(reversed(parts)))
    window = _window(lines, first)
    for sentence in reversed(sentences[-2:]):
        kind = _kind(sentence)
        if kind or not _SO_MEANS.match(sentence):
            return kind, window if kind else ""
    return "", ""


def _kind(text: str) -> str:
    """What an introduction says its list holds: "measure", "goal", "indicator", "" or, for the
    themes goals are set on, "enumeration" (named things)."""
    kind = next((kind for kind in ("measure", "goal", "indicator") if _INTRO[kind].search(text)), "")
    return "enumeration" if kind == "goal" and _INTRO["themes"].search(text) else kind


def _window(lines: list[Line], first: int) -> str:
    start = max(0, first - _INTRO_WINDOW)
    return " ".join(line.stripped for line in lines[start:first] if not _starts_item(line.stripped))


def programme_results(doc: DocText) -> Iterator[Candidate]:
    """The planned results of a programme budget: under "Wat gaan we daarvoor doen?" a list
    "Belangrijkste resultaten 2024" numbered per doelstelling (1.1, 2.1, 2.2, 5.1: the first number
    is the goal's, and goals without results are skipped), each a measure. The "Toelichting" after
    it explains them under the same numbers as headings, which stand for the same results however
    they are reworded ("6.1 Cementrustieke bruggen en start verfraaiing landgoed De Paauw")."""
    lines = doc.lines
    numbers: set[str] = set()
    explaining = False
    i = 0
    while i < len(lines):
        text = lines[i].stripped
        numbered = _NUMBERED.match(text)
        if PROGRAMME_BUDGET["results heading"].match(text):
            numbers, explaining = set(), False
            i += 1
            while (item := _result_item(lines, i)) is not None:
                last = _item_end(lines, i)
                numbers.add(item.group("num"))
                if _wrapped_tail(lines, last + 1, numbers):
                    last += 1
                yield _result(doc, i, last, doc.quote(i, last), item.group("num"))
                i = last + 1
            # The explanation may follow without a "Toelichting" heading of its own (2025 budgets go
            # straight to "1.1 ..." with the paragraphs under it).
            explaining = bool(numbers)
            continue
        if BBV_SECTION["goal"].match(text):
            numbers, explaining = set(), False  # the next programme numbers its results anew
        elif PROGRAMME_BUDGET["explanation heading"].match(text):
            explaining = bool(numbers)
        elif explaining and numbered and numbered.group("num") in numbers and _explains(lines, i):
            yield _result(doc, i, _wrap_end(lines, i), _unique_quote(doc, i), numbered.group("num"))
        i += 1


def _wrapped_tail(lines: list[Line], i: int, numbers: set[str]) -> bool:
    """A short line of its own between two results of a list: the end of the title above it, wrapped
    after a colon or a name ("6.1 Meer sport- ... en het Sportakkoord II: Fit in" / "Wassenaar").
    The list must go on below it with a result not yet listed; a heading ("Toelichting") above the
    results restated ends the list."""
    if i <= 0 or i + 1 >= len(lines) or lines[i].page != lines[i - 1].page:
        return False
    tail = lines[i].stripped
    after = _result_item(lines, i + 1)
    return (
        len(tail.split()) <= _TAIL_WORDS
        and not _ends_sentence(lines[i - 1].stripped)
        and _result_item(lines, i) is None
        and after is not None
        and after.group("num") not in numbers
    )


_TAIL_WORDS = 3  # a wrapped title's last words; a longer line is a paragraph


def _subtitled(lines: list[Line], i: int) -> bool:
    """A heading that ends on a colon, its subtitle a short line of its own below it."""
    title = lines[i].stripped
    sub = lines[i + 1].stripped if i + 1 < len(lines) and lines[i + 1].page == lines[i].page else ""
    return (
        title.endswith(":")
        and len(title.split()) <= 2 * _LINE_GOAL_WORDS
        and 0 < len(sub.split()) <= _TAIL_WORDS
        and not _ends_sentence(sub)
    )


def _explains(lines: list[Line], i: int) -> bool:
    """A numbered heading of the explanation, also one that wraps onto a lower-case line ("2.1 Het
    Sociaal Team Wassenaar is duidelijk vindbaar als toegang van ondersteuning en zorg" / "in het
    sociaal domein") or that ends on a colon before its subtitle ("6.1 Meer sport- ... en het
    Sportakkoord II:" / "Fit in Wassenaar") before its paragraph starts."""
    if _heading_like(lines, i) or _subtitled(lines, i):
        return True
    last = _wrap_end(lines, i)
    after = lines[last + 1].stripped if last + 1 < len(lines) else ""
    title = _join(lines, i, last)
    return (
        last > i
        and len(title.split()) <= 2 * _LINE_GOAL_WORDS
        and not _ends_sentence(title)
        and not continues(after)
        and all(line.page == lines[i].page for line in lines[i : last + 1])
    )


def _result_item(lines: list[Line], i: int) -> re.Match[str] | None:
    """A result numbered under its goal ("2.1 Opgestelde visie ..."), or None."""
    item = _NUMBERED.match(lines[i].stripped) if i < len(lines) else None
    return item if item is not None and "." in item.group("num") else None


def _result(doc: DocText, first: int, last: int, quote: str, number: str) -> Candidate:
    body = clean_label(_NUMBERED.sub(r"\g<text>", doc.quote(first, last), count=1))
    return Candidate(
        "measure", body, quote, doc.lines[first].page, PRIORITY_LIST, {"number": number, "level": "resultaat"}
    )


def _unique_quote(doc: DocText, i: int) -> str:
    """A heading's quote, with the first word of the next line where the same words stand earlier
    on the page (a result explained on the page that lists it): a quote is found where it stands."""
    line = doc.lines[i]
    if doc.texts[line.page].find(line.stripped) >= line.start or i + 1 >= len(doc.lines):
        return line.stripped
    nxt = doc.lines[i + 1]
    return f"{line.stripped} {nxt.stripped.split()[0]}" if nxt.page == line.page else line.stripped
