"""Answerability: does the selected evidence answer the question, or only sound like it does?

Six checks, each one a way a near miss reads as an answer:
- the subject: the question's distinctive (rare) words must be found in the evidence; a question
  about "suïcidepreventie" is not answered by a passage about prevention in general (unless the
  planner found the evidence says it in other words);
- the figure: a question for an amount, a number or a percentage needs one in a unit that is
  about the subject;
- the outcome: a question for what something brought about needs a passage that tells a result,
  not one that only announces the evaluation;
- the place: a question that asks only for a place ("op welk adres", "in welk gebouw") needs a
  passage that names one;
- the year: a figure asked for a year must come from evidence that mentions that year (or from a
  document whose own period covers it);
- the time: a question that asks only when needs a passage that says when.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from assistant.answering.features import counts_in
from assistant.answering.question import Analysis, Intent
from assistant.answering.select import Block, Selection
from assistant.answering.units import EvidenceUnit
from assistant.lexicon import (
    ASKS_LENGTH,
    ASKS_MONEY,
    ASKS_PLACE,
    COUNT_LABEL,
    NAMED_DOCUMENT_YEAR,
    PRINTED_ROW,
    SAME_DOCUMENT_YEAR,
    SAYS_LENGTH,
    SAYS_WHEN,
    YEAR,
    fold,
)
from assistant.protocols import TermStats
from assistant.settings import Settings
from assistant.types import UnitKind


@dataclass(frozen=True)
class Verdict:
    answerable: bool
    reason: str = ""  # "no-evidence", "subject", "figure", "result", "where", "when", "year" or "period"
    missing: tuple[str, ...] = ()  # distinctive subject terms the evidence lacks
    coverage: float = 0.0
    years: tuple[str, ...] = ()  # asked years the evidence gives nothing for


def judge(
    analysis: Analysis,
    selection: Selection,
    weights: Mapping[str, float],
    stats: TermStats,
    settings: Settings,
    reworded: Sequence[Block] = (),
) -> Verdict:
    """`reworded`: the blocks of the selection found to say what the question asks in other words
    (by dense similarity; see `Planner`). With them, missing subject words do not make the question
    unanswered, and a figure they give is one about the subject; every other check still holds."""
    if not selection.blocks:
        return Verdict(False, "no-evidence")
    found = frozenset().union(*(b.terms for b in selection.blocks))
    rare = settings.answer.distinctive_idf
    distinctive = {
        t: w
        for t, w in weights.items()
        if stats.vocabulary.idf(t) >= rare and not (analysis.english and t in stats.unseen)
    }
    # What a list question asks to list ("Met welke thema's ...?") is what the items are, not a
    # word they must repeat: "langer zelfstandig wonen, gezondheid en inclusieve samenleving".
    listed = set(stats.vocabulary.terms(analysis.list_noun)) if analysis.list_noun else set()
    if set(distinctive) - listed:
        distinctive = {t: w for t, w in distinctive.items() if t not in listed or t in found}
    candidates = {t: w for t, w in weights.items() if not (analysis.english and t in stats.unseen)}
    if not distinctive and candidates:
        # Every subject has a core: with only common words, the rarest of them must be found.
        core = max(candidates, key=stats.vocabulary.idf)
        distinctive = {core: candidates[core]}
    total = sum(distinctive.values())
    coverage = sum(w for t, w in distinctive.items() if t in found) / total if total else 1.0
    missing = tuple(t for t in distinctive if t not in found)
    # In English, Dutch evidence holds the translations, not the words: a lower bar.
    threshold = settings.answer.refusal_threshold * (
        settings.answer.english_share if analysis.english else 1.0
    )
    if coverage < threshold and not reworded:
        return Verdict(False, "subject", missing, coverage)
    asked = analysis.asks_figure and analysis.wants_figure
    if asked and not _figure_about_subject(
        analysis, selection.blocks, distinctive, settings.answer.figure_subject_share, found, reworded
    ):
        return Verdict(False, "figure", missing, coverage)
    if _asks_outcome(analysis) and not any(Intent.RESULT in b.intents for b in selection.blocks):
        # "Wat kwam er uit de evaluatie?" is not answered by "In 2021 vindt de evaluatie plaats."
        return Verdict(False, "result", missing, coverage)
    folded = fold(analysis.question)
    if _asks_only(analysis, Intent.WHEN):
        length = bool(ASKS_LENGTH.search(folded))
        if not any(_says_when(b, length) for b in selection.blocks):
            # "Wanneer stelt Almelo het Actieplan vast?" is not answered by what the plan will
            # hold, "Hoe lang wachten jeugdigen op jeugdhulp?" not by a table of clients per year.
            return Verdict(False, "when", missing, coverage)
    asks_place = _asks_only(analysis, Intent.WHERE) and ASKS_PLACE.search(folded)
    if asks_place and not any(Intent.WHERE in b.intents for b in selection.blocks):
        # "In welk gebouw zit de dagbesteding?" is not answered by whom it is for.
        return Verdict(False, "where", missing, coverage)
    asked_years = [str(y) for y in analysis.years]
    if asked_years:
        shown, horizon = _years_in_view(selection.blocks)
        # A figure asked for a year the evidence never mentions ("welke lasten ... in 2029") is
        # not given, however the question asks for it; a year of a part that asks no figure ("...,
        # en hoe ontwikkelde het tekort zich in 2018?") is no year of a figure.
        figure_years = _years_of_figure_parts(analysis)
        if figure_years and not shown.intersection(figure_years):
            return Verdict(False, "year", missing, coverage, figure_years)
        # A table row that gives its figures year by year ("2020: € 25.000; 2021: € 25.000") and
        # not for the year asked of the figure does not give it, though the document's period
        # covers that year. ("volgens de begroting 2025" names a document, not the figure's year.)
        of_figure = _figure_years(analysis.question) if analysis.wants_figure else ()
        if of_figure:
            rows = [u for b in selection.blocks for u in b.units if u.kind == UnitKind.ROW]
            stated = set(YEAR.findall(" ".join(f"{u.text} {u.context}" for u in rows)))
            if len(stated) > 1 and not stated.intersection(of_figure):
                return Verdict(False, "year", missing, coverage, of_figure)
        # Whatever is asked, a year after the period of every document shown ("en 2029?" of a
        # budget for 2025-2028, "2015 vs 2021" of a plan for 2017-2020) is one they do not cover,
        # unless the evidence itself mentions it.
        later = tuple(y for y in asked_years if y not in shown and horizon is not None and int(y) > horizon)
        if later:
            return Verdict(False, "period", missing, coverage, later)
    return Verdict(True, "", missing, coverage)


def _asks_outcome(analysis: Analysis) -> bool:
    """The question asks what something brought about, and nothing else but a description."""
    return _asks_only(analysis, Intent.RESULT)


def _asks_only(analysis: Analysis, intent: Intent) -> bool:
    """The question asks for `intent`, and nothing else but a description."""
    return intent in analysis.intents and analysis.intents <= {intent, Intent.DESCRIBE, Intent.YESNO}


def _says_when(block: Block, length: bool = False) -> bool:
    """The block gives a time: a year, a length of time or a deadline, or words like "medio",
    "het tweede kwartaal", "na de zomer", "binnenkort"; with `length`, how long: a length of time
    or until when."""
    if length:
        return any(SAYS_LENGTH.search(u.text) for u in block.units)
    return Intent.WHEN in block.intents or any(SAYS_WHEN.search(u.text) for u in block.units)


def _years_of_figure_parts(analysis: Analysis) -> tuple[str, ...]:
    """The years the parts of the question that ask for a figure mention."""
    parts = [p for p in analysis.parts if any(i.wants_figure for i in p.intents)]
    return tuple(dict.fromkeys(y for p in parts for y in YEAR.findall(p.text)))


def _figure_years(question: str) -> tuple[str, ...]:
    """The years a question asks a figure for, not those that name the document to look in."""
    return tuple(YEAR.findall(SAME_DOCUMENT_YEAR.sub(" ", NAMED_DOCUMENT_YEAR.sub(" ", question))))


def _figure_about_subject(
    analysis: Analysis,
    blocks: Sequence[Block],
    distinctive: Mapping[str, float],
    subject_share: float,
    found: frozenset[str],
    reworded: Sequence[Block] = (),
) -> bool:
    wanted = {i for i in analysis.intents if i.wants_figure}
    if Intent.AMOUNT in wanted and analysis.wants(Intent.NUMBER, Intent.PERCENT):
        wanted.discard(Intent.AMOUNT)  # "hoeveel ... en welk percentage": a count or share will do
    money = wanted == {Intent.AMOUNT} and bool(ASKS_MONEY.search(fold(analysis.question)))
    # An amount may stand as a bare number in a table whose unit is said elsewhere, and a share
    # as "1/3": both accept a plain figure. A count ("hoeveel mantelzorgers") is never money.
    if wanted & {Intent.AMOUNT, Intent.PERCENT}:
        wanted.add(Intent.NUMBER)
    elif wanted == {Intent.NUMBER} and not analysis.counted:
        # "Hoe groot was de integratie-uitkering?" counts nothing: it asks how large, and an
        # amount or a share says that as well as a number does.
        wanted |= {Intent.AMOUNT, Intent.PERCENT}
    if analysis.how_much:
        # "Hoeveel legt Wassenaar in voor ...?": an amount, not a count or a share of something else.
        wanted = {Intent.AMOUNT}
    # The figures must stand with the subject: a percentage for 18-65-year-olds does not answer
    # a question about 75-plussers. Blocks that give figures are judged together ("X compared
    # with Y" finds each in its own sentence).
    figures = [b for b in blocks if wanted & b.intents and not (money and not _may_be_money(b))]
    if not figures:
        return False
    close = {b.key for b in reworded}
    if any(b.key in close for b in figures):
        # The figure stands in a unit that says the question in other words: the subject's
        # words are not there to be tied to it ("woningcorporatie": "corporatievoorraad 32,8%").
        return True
    if (
        analysis.counted
        and wanted == {Intent.NUMBER}
        and not any(counts_noun(noun, b, distinctive) for noun in analysis.counted for b in figures)
    ):
        # "hoeveel mantelzorgers": a number, but none that counts mantelzorgers (of two counted
        # nouns one will do: half an answer, said so, beats a refusal)
        return False
    total = sum(distinctive.values())
    held = frozenset().union(*(b.terms for b in figures))
    # The weightiest subject word the evidence holds must stand with a figure: "structureel
    # middelen" for suïcidepreventie and "€ 30.000" for other actiepunten give no amount for it.
    core = max((t for t in distinctive if t in found), key=lambda t: distinctive[t], default=None)
    if core is not None and core not in held:
        return False
    return not total or sum(w for t, w in distinctive.items() if t in held) / total >= subject_share


def _may_be_money(block: Block) -> bool:
    """An amount, or a bare number in a table row (whose unit the table states): a question that
    asks for euros is not answered by a percentage or a count in a sentence ("100% van de
    bijstandsnorm" for "hoeveel euro")."""
    return Intent.AMOUNT in block.intents or any(_money_row(unit) for unit in block.units)


def _money_row(unit: EvidenceUnit) -> bool:
    """A table row, also one printed as a line of text ("Speelvoorzieningen 176 176 176 176"), may
    count euros, unless its label says it counts something else or gives a share ("Aantal
    mantelzorgers dat de waardebonnen heeft ontvangen | 675 | 660")."""
    label = unit.text.split("|")[0].split("—")[0]
    row = unit.kind == UnitKind.ROW or bool(PRINTED_ROW.match(unit.text))
    return row and not COUNT_LABEL.search(label)


def _years_in_view(blocks: Sequence[Block]) -> tuple[set[str], int | None]:
    """The years the shown sentences, rows, columns, sections and document periods mention, and
    the last year of the latest document period shown (None when one is open, "2022-", or unknown)."""
    shown: set[str] = set()
    ends: list[int] = []
    open_ended = False
    for block in blocks:
        for unit in block.units:
            meta = unit.chunk.meta
            text = f"{unit.text} {unit.context} {meta.get('title', '')} {meta.get('year', '')}"
            shown.update(YEAR.findall(text))
            period = str(meta.get("period", ""))
            shown.update(_period_years(period))
            bounds = YEAR.findall(period)
            if len(bounds) == 2:
                ends.append(int(bounds[1]))
            else:
                open_ended = True
    return shown, (max(ends) if ends and not open_ended else None)


def _period_years(period: str) -> set[str]:
    """ "2020-2023" covers 2020, 2021, 2022 and 2023."""
    years = [int(y) for y in YEAR.findall(period)]
    if len(years) == 2 and 0 <= years[1] - years[0] <= 10:
        return {str(y) for y in range(years[0], years[1] + 1)}
    return {str(y) for y in years}


def counts_noun(noun: str, block: Block, distinctive: Mapping[str, float]) -> bool:
    """The block counts `noun` (see `features.counts_in`)."""
    return counts_in(noun, block.units, distinctive)
