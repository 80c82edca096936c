"""Answerability: does the selected evidence answer the question, or only sound like it does?

Three checks, each one a way a near miss reads as an answer:
- the subject: the question's distinctive (rare) words must be found in the evidence; a question
  about "suïcidepreventie" is not answered by a passage about prevention in general;
- the figure: a question for an amount, a number or a percentage needs one in a unit that is
  about the subject;
- the year: a figure asked for a year must come from evidence that mentions that year (or from a
  document whose own period covers it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from assistant.answering.question import Analysis, Intent
from assistant.answering.select import Block, Selection
from assistant.lexicon import YEAR
from assistant.protocols import TermStats
from assistant.settings import Settings


@dataclass(frozen=True)
class Verdict:
    answerable: bool
    reason: str = ""  # "no-evidence", "subject", "figure" or "year"
    missing: tuple[str, ...] = ()  # distinctive subject terms the evidence lacks
    coverage: float = 0.0


def judge(
    analysis: Analysis,
    selection: Selection,
    weights: Mapping[str, float],
    stats: TermStats,
    settings: Settings,
) -> Verdict:
    if not selection.blocks:
        return Verdict(False, "no-evidence")
    found = frozenset().union(*(b.terms for b in selection.blocks))
    rare = settings.distinctive_idf
    distinctive = {
        t: w
        for t, w in weights.items()
        if stats.vocabulary.idf(t) >= rare and not (analysis.english and t in stats.unseen)
    }
    candidates = {t: w for t, w in weights.items() if not (analysis.english and t in stats.unseen)}
    if not distinctive and candidates:
        # Every subject has a core: with only common words, the rarest of them must be found.
        core = max(candidates, key=stats.vocabulary.idf)
        distinctive = {core: candidates[core]}
    total = sum(distinctive.values())
    coverage = sum(w for t, w in distinctive.items() if t in found) / total if total else 1.0
    missing = tuple(t for t in distinctive if t not in found)
    if coverage < settings.refusal_threshold:
        return Verdict(False, "subject", missing, coverage)
    if analysis.wants_figure and not _figure_about_subject(analysis, selection.blocks, distinctive):
        return Verdict(False, "figure", missing, coverage)
    if analysis.wants_figure and _misses_asked_year(analysis, selection.blocks):
        return Verdict(False, "year", missing, coverage)
    return Verdict(True, "", missing, coverage)


def _figure_about_subject(
    analysis: Analysis, blocks: Sequence[Block], distinctive: Mapping[str, float]
) -> bool:
    wanted = {i for i in analysis.intents if i.wants_figure}
    if Intent.AMOUNT in wanted and analysis.wants(Intent.NUMBER, Intent.PERCENT):
        wanted.discard(Intent.AMOUNT)  # "hoeveel ... en welk percentage": a count or share will do
    for block in blocks:
        if not wanted & block.intents:
            continue
        if not distinctive or any(t in block.terms for t in distinctive):
            return True
    return False


def _misses_asked_year(analysis: Analysis, blocks: Sequence[Block]) -> bool:
    """An amount asked for a year that no shown sentence, row, column, section or document
    period mentions is an amount the documents do not give."""
    asked = {str(y) for y in analysis.years}
    if not asked:
        return False
    shown: set[str] = set()
    for block in blocks:
        for unit in block.units:
            meta = unit.chunk.meta
            text = f"{unit.text} {unit.context} {meta.get('title', '')} {meta.get('year', '')}"
            shown.update(YEAR.findall(text))
            shown.update(_period_years(str(meta.get("period", ""))))
    return not asked & shown


def _period_years(period: str) -> set[str]:
    """ "2020-2023" covers 2020, 2021, 2022 and 2023."""
    years = [int(y) for y in YEAR.findall(period)]
    if len(years) == 2 and 0 <= years[1] - years[0] <= 10:
        return {str(y) for y in range(years[0], years[1] + 1)}
    return {str(y) for y in years}
