"""Selection by coverage: the smallest set of evidence blocks that covers every part of a question.

Each candidate unit is scored by the question terms it covers (weighted by rarity, its section,
table header and lead-in counting for less), its dense similarity to the question, how well it
fits the question's intent (an amount question wants an amount) and the rank of the hit it came
from. A unit becomes a block with what it cannot stand without: a list item its whole list when a
list is asked for, a sentence that starts "Dit ..." the sentence before it. Blocks are then taken
greedily while they add coverage of a part of the question that is still open; a comparison
takes the best block per municipality (or document) first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from assistant.answering.features import counts_in, facts_of, unit_intents
from assistant.answering.question import Analysis, Intent
from assistant.answering.synonyms import synonym_terms
from assistant.answering.units import EvidenceUnit, after, before, list_block, reading_order
from assistant.lexicon import LABEL_ITEM, LEANS_BACK, SENTENCE_END, SERIES_GOES_ON, SERIES_OPENS, fold
from assistant.protocols import TermStats
from assistant.settings import Settings
from assistant.types import UnitKind


@dataclass
class Scored:
    unit: EvidenceUnit
    terms: frozenset[str]
    context: frozenset[str]
    intents: frozenset[Intent]
    facts: frozenset[str]
    score: float = 0.0
    parts: tuple[float, ...] = ()  # lexical coverage of each part of the question


@dataclass
class Block:
    """Units shown together; `kind` says how they are rendered."""

    units: list[EvidenceUnit]
    kind: str  # "list", "row" or "text"
    terms: frozenset[str]
    intents: frozenset[Intent]
    score: float
    facts: frozenset[str] = frozenset()  # numbers and years it states

    @property
    def words(self) -> int:
        return sum(u.words for u in self.units)

    @property
    def key(self) -> tuple[tuple[str, str], ...]:
        return tuple((u.doc_id, u.text) for u in self.units)

    def overlaps(self, other: Block) -> bool:
        return bool(set(self.key) & set(other.key))


@dataclass
class Selection:
    blocks: list[Block] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)  # the municipalities or documents compared

    @property
    def units(self) -> list[EvidenceUnit]:
        return [u for b in self.blocks for u in b.units]


class Selector:
    """Scores units and picks blocks for one question."""

    def __init__(
        self,
        settings: Settings,
        analysis: Analysis,
        terms: TermStats,
        similarities: Callable[[Sequence[EvidenceUnit]], list[float | None]],
        said: Sequence[str] = (),
        intents: Callable[[EvidenceUnit], frozenset[Intent]] = unit_intents,
    ) -> None:
        self.settings = settings
        self.intents = intents  # what a unit offers (an `IntentReader` keeps what it read)
        self.said_terms = frozenset(terms.vocabulary.terms(" ".join(said)))
        self.said_facts = facts_of(" ".join(said))
        self.analysis = analysis
        # What the question asks for beyond a description: an amount, a date, a reason, ...
        self.wanted = analysis.intents - {Intent.DESCRIBE, Intent.COMPARE, Intent.YESNO}
        self.stats = terms
        self.similarities = similarities
        # A passage in the document's own words for a subject word ("casussen" for "zaken") holds
        # that word's terms.
        self.aliases = synonym_terms([*analysis.subject, *analysis.kind_nouns], terms.vocabulary)
        for term, completed in terms.completed.items():
            self.aliases[term] = self.aliases.get(term, frozenset()) | frozenset(completed)
        self.weights = self._weights(analysis.subject, analysis.kind_nouns)
        self.total = sum(self.weights.values()) or 1.0
        self.part_weights = [self._weights(part.subject, part.kind_nouns) for part in analysis.parts]
        self.kind_terms = frozenset(subject_weights(analysis.kind_nouns, terms))
        self.distinct_terms = frozenset(subject_weights(analysis.distinctive, terms))
        self.list_noun = frozenset(terms.vocabulary.terms(analysis.list_noun)) if analysis.list_noun else None
        # A row that counts the base of the asked rate ("Aantal inwoners met bijstandsuitkering"
        # for "banen per 1.000 inwoners") does not count what was asked.
        base = frozenset(terms.vocabulary.terms(" ".join(analysis.rate_base)))
        self.count_terms = frozenset(t for t in self.weights if t not in base)
        self._by_text: dict[tuple[str, str], Scored] = {}  # filled by `blocks`
        self._counting: dict[tuple[tuple[str, str], ...], bool] = {}

    def _weights(self, subject: Sequence[str], kind_nouns: Sequence[str]) -> dict[str, float]:
        """The subject's term weights, with what a follow-up inherited and the money noun of an
        amount question each at their share."""
        weights = _background(subject_weights(subject, self.stats), self.analysis, self.stats, self.settings)
        return _with(weights, kind_nouns, self.stats, self.settings.answer.kind_noun_weight)

    # -- scoring -------------------------------------------------------------------------------
    def score(self, units: Sequence[EvidenceUnit]) -> list[Scored]:
        vocab = self.stats.vocabulary
        scored = [
            Scored(
                u,
                self._aliased(frozenset(vocab.terms(u.text))),
                self._aliased(frozenset(vocab.terms(u.context))),
                self.intents(u),
                facts_of(u.text),
            )
            for u in units
        ]
        for s in scored:
            s.score = self._lexical(s, self.weights) * self.settings.answer.weight_lexical + self._prior(s)
            if self._said(s):
                s.score -= self.settings.answer.said_penalty
            s.parts = tuple(self._lexical(s, weights) for weights in self.part_weights)
        # Dense similarity of its own only for the lexically best (embedding costs ~30 ms a unit);
        # the others count with their chunk's. Both are read against the spread of the hits'
        # similarities, so one number means the same for every unit of the question.
        ranked = sorted(scored, key=lambda s: -s.score)
        sims = self.similarities([s.unit for s in ranked])
        chunk_sims = [s.unit.dense for s in ranked if s.unit.dense is not None]
        dense = _normalise(chunk_sims)
        for s, sim in zip(ranked, sims, strict=True):
            value = sim if sim is not None else s.unit.dense
            if value is not None:
                s.score += self.settings.answer.weight_dense * min(1.0, max(0.0, dense(value)))
        return sorted(scored, key=lambda s: -s.score)

    def _aliased(self, terms: frozenset[str]) -> frozenset[str]:
        """`terms` and the subject terms a synonym among them stands for."""
        return terms | {term for term, alternatives in self.aliases.items() if alternatives & terms}

    def _said(self, s: Scored) -> bool:
        """The conversation already showed the user this unit: all its figures and most of its
        words (the earlier answer may quote it, or say it in other words)."""
        if not self.said_terms or not s.terms or not s.facts <= self.said_facts:
            return False
        return len(s.terms & self.said_terms) >= self.settings.answer.said_share * len(s.terms)

    def _lexical(self, s: Scored, weights: dict[str, float]) -> float:
        got = 0.0
        for term, weight in weights.items():
            if term in s.terms:
                got += weight
            elif term in s.context:
                got += self.settings.answer.context_credit * weight
        return got / (sum(weights.values()) or 1.0)

    def _prior(self, s: Scored) -> float:
        met = self.wanted & s.intents
        fit = len(met) / len(self.wanted) if self.wanted else 0.0
        if Intent.AMOUNT in met and self.kind_terms and not self.kind_terms & (s.terms | s.context):
            fit -= 0.5 / len(self.wanted)  # an amount, but not of the kind asked ("welke subsidie")
        prior = self.settings.answer.weight_intent * fit
        prior += self.settings.answer.weight_rank / (1.0 + s.unit.rank)
        text = s.unit.text
        titled = s.unit.kind == UnitKind.SENTENCE and len(text.split()) < 6 and not SENTENCE_END.search(text)
        if titled and not self.analysis.wants(Intent.GOAL, Intent.LIST):
            prior -= self.settings.answer.title_penalty
        if s.unit.words > self.settings.answer.long_unit_words:
            prior -= self.settings.answer.title_penalty / 2
        return prior

    # -- blocks --------------------------------------------------------------------------------
    def blocks(
        self, scored: Sequence[Scored], units: Sequence[EvidenceUnit], sides: Sequence[str] = ()
    ) -> list[Block]:
        """`sides`: the municipalities or documents a comparison was searched on; each gets its own
        best units, so the side the question's words fit less is not left with one or two."""
        by_text = {(s.unit.doc_id, s.unit.text): s for s in scored}
        self._by_text = by_text
        top = self.settings.answer.top_units
        candidates = list(scored[:top])
        for side in sides:
            own = [s for s in scored if side in (s.unit.municipality, s.unit.doc_id)][:top]
            candidates += [s for s in own if s not in candidates]
        for part in range(len(self.analysis.parts)):
            # Each part of the question gets its own best units, not only the whole question's.
            weight, most = self.settings.answer.part_unit_score, self.settings.answer.per_part_units
            best = sorted(scored, key=lambda s: -(s.parts[part] + weight * s.score))[:most]
            candidates += [s for s in best if s not in candidates]
        out: list[Block] = []
        seen: set[tuple[tuple[str, str], ...]] = set()
        for s in candidates:
            members, kind = self._members(s.unit, units)
            if kind == "text":
                members = self._best_window(s, members, units)
            block = self._block(members, kind, by_text, self._window_score(s, members))
            if block.key not in seen:
                seen.add(block.key)
                out.append(block)
        for block in out:
            if block.kind == "list":
                # A list holds what its best item says, and what its items are of.
                items = (by_text.get((u.doc_id, u.text)) for u in block.units if u.kind == UnitKind.ITEM)
                block.score = max([block.score, *(s.score for s in items if s is not None)])
        # Between equal scores the list goes first: it says what its items are of.
        return sorted(out, key=lambda b: (-b.score, b.kind != "list"))

    def _best_window(
        self, anchor: Scored, members: list[EvidenceUnit], units: Sequence[EvidenceUnit]
    ) -> list[EvidenceUnit]:
        """The unit with up to two following sentences, whichever reads best: the sentence that
        names the subject and the one that gives its figure, date or reason belong together."""
        window = list(members)
        # A sentence rarely answers alone: the next one usually carries the amount, the result or
        # the "because" the question also asks for, so it comes along when it is short enough.
        nxt = after(window[-1], units)
        if (
            nxt is not None
            and nxt.kind != UnitKind.ROW
            and _continues(window[-1], nxt, self.settings.answer.pair_words)
            and not self._other_entry(nxt)
        ):
            window = [*window, nxt]
        options = [window]
        for _ in range(self.settings.answer.window_extra - 1):
            nxt = after(window[-1], units)
            if (
                nxt is None
                or nxt.kind == UnitKind.ROW
                or not _continues(window[-1], nxt, self.settings.answer.pair_words)
                or self._other_entry(nxt)
            ):
                break
            if sum(u.words for u in window) + nxt.words > self.settings.answer.window_words:
                break
            window = [*window, nxt]
            options.append(window)
        best = max(options, key=lambda option: self._window_score(anchor, option))
        # A sentence that goes on with the window's last one and gives what the question asks
        # ("Dit is vastgelegd in een bestuursovereenkomst." / "Deze overeenkomst loopt tot 12
        # maart 2028.") ends the window's thought.
        nxt = after(best[-1], units)
        if (
            nxt is not None
            and nxt.kind == UnitKind.SENTENCE
            and _leans_back(nxt)
            and _continues(best[-1], nxt, self.settings.answer.window_words)
            and sum(u.words for u in best) + nxt.words <= self.settings.answer.window_words
            and self._asked_in(nxt)
        ):
            best = [*best, nxt]
        return self._series(best, units)

    def _series(self, window: list[EvidenceUnit], units: Sequence[EvidenceUnit]) -> list[EvidenceUnit]:
        """The window through the end of a series one of its sentences opens: "Dit geld is ten
        eerste bedoeld voor een regiefunctionaris." / "Hiervoor is € 80.000 beschikbaar." / "Ten
        tweede is dit geld bedoeld om ..." / "Hiervoor is € 30.000 beschikbaar." The first alone
        answers half of "waar gaat dat geld naartoe?"."""
        folded = [fold(u.text) for u in window]
        opened = [i for i, text in enumerate(folded) if SERIES_OPENS.search(text)]
        # Open still: "enerzijds ..., anderzijds ..." in one sentence is a series already read.
        if not opened or any(SERIES_GOES_ON.search(text) for text in folded[opened[-1] :]):
            return window
        ahead: list[EvidenceUnit] = []
        end = 0
        nxt = after(window[-1], units)
        limit = self.settings.answer.max_words - sum(u.words for u in window)
        while (
            nxt is not None
            and nxt.kind == UnitKind.SENTENCE
            and len(ahead) < self.settings.answer.series_units
        ):
            if sum(u.words for u in ahead) + nxt.words > limit:
                break
            ahead.append(nxt)
            if SERIES_GOES_ON.search(fold(nxt.text)):
                end = len(ahead)
            elif end == len(ahead) - 1 and end and _leans_back(nxt):
                end = len(ahead)  # what the last of the series leans on it for: "Hiervoor is ..."
            nxt = after(nxt, units)
        return [*window, *ahead[:end]]

    def _other_entry(self, unit: EvidenceUnit) -> bool:
        """The unit opens the next entry of a budget's list of changes, and that entry is about
        something else: its figure is not the subject's ("Uitkering gemeentefonds (hogere baten
        € 2.070.000)" under the e-depot)."""
        scored = self._by_text.get((unit.doc_id, unit.text))
        return unit.opens_entry and (scored is None or not scored.terms & self.weights.keys())

    def _asked_in(self, unit: EvidenceUnit) -> bool:
        """The unit holds a word of the subject or something the question asks for (a date, an
        amount, a reason)."""
        scored = self._by_text.get((unit.doc_id, unit.text))
        return scored is not None and bool(scored.terms & self.weights.keys() or self.wanted & scored.intents)

    def _window_score(self, anchor: Scored, members: Sequence[EvidenceUnit]) -> float:
        """The anchor's score plus what the other units add in coverage and intent, less their length."""
        known = [self._by_text[(u.doc_id, u.text)] for u in members if (u.doc_id, u.text) in self._by_text]
        others = [k for k in known if k is not anchor][1:]  # the next sentence comes for free
        if not others:
            return anchor.score
        union = Scored(
            anchor.unit,
            frozenset().union(*(k.terms for k in known)),
            frozenset().union(*(k.context for k in known)),
            frozenset().union(*(k.intents for k in known)),
            frozenset(),
        )
        lexical = self._lexical(union, self.weights) - self._lexical(anchor, self.weights)
        fit = len(self.wanted & (union.intents - anchor.intents)) / len(self.wanted) if self.wanted else 0.0
        extra_words = sum(k.unit.words for k in others)
        return (
            anchor.score
            + self.settings.answer.weight_lexical * lexical
            + self.settings.answer.weight_intent * fit
            - self.settings.answer.length_cost * extra_words / 50
        )

    def _members(self, unit: EvidenceUnit, units: Sequence[EvidenceUnit]) -> tuple[list[EvidenceUnit], str]:
        if unit.kind == UnitKind.ROW:
            return [unit], "row"
        listing = unit.group >= 0 and unit.kind in (UnitKind.ITEM, UnitKind.LEAD)
        if listing and (self.analysis.wants(Intent.LIST) or unit.kind == UnitKind.LEAD):
            members = list_block(unit, units)
            # A lead-in needs the list it announces, when that list is short enough to show.
            short = sum(u.words for u in members) <= self.settings.answer.max_words
            if len(members) > 1 and (self.analysis.wants(Intent.LIST) or short):
                return [*self._leaned_on(members, units, sentence_only=True), *members], "list"
            headed = self._list_under(unit, units)
            if headed:
                return [unit, *headed], "list"
        return [*self._leaned_on([unit], units), unit], "text"

    def _list_under(self, unit: EvidenceUnit, units: Sequence[EvidenceUnit]) -> list[EvidenceUnit]:
        """The list a labelled line heads, for a list question: "Subdoel: Faciliteren van de
        transformatie" / "Activiteiten" / "- Inwonersinitiatieven ..." / "- Organiseren ...": the
        activities under the subgoal are what "welke activiteiten onder dat subdoel" asks for."""
        if not self.analysis.wants(Intent.LIST) or not LABEL_ITEM.match(unit.text):
            return []
        nxt = after(unit, units, across_sections=True)
        if nxt is None or nxt.kind != UnitKind.ITEM or nxt.group == unit.group or LABEL_ITEM.match(nxt.text):
            return []
        return list_block(nxt, units)

    @staticmethod
    def _leaned_on(
        members: list[EvidenceUnit], units: Sequence[EvidenceUnit], sentence_only: bool = False
    ) -> list[EvidenceUnit]:
        """The unit the first member leans on ("Dit ...", "Hiervoor wordt ... ingezet op:"), if it
        does; for a list only a sentence (an item or row before it belongs to something else)."""
        first = members[0]
        prev = before(first, units) if _leans_back(first) else None
        if prev is not None and (not sentence_only or prev.kind == UnitKind.SENTENCE):
            return [prev]
        return []

    def _block(
        self, members: list[EvidenceUnit], kind: str, by_text: dict[tuple[str, str], Scored], score: float
    ) -> Block:
        known = [by_text[(u.doc_id, u.text)] for u in members if (u.doc_id, u.text) in by_text]
        terms = frozenset().union(*(s.terms | s.context for s in known)) if known else frozenset()
        intents = frozenset().union(*(s.intents for s in known)) if known else frozenset()
        facts = frozenset().union(*(s.facts for s in known)) if known else frozenset()
        if kind == "list":
            # A list is judged as a whole: what its lead-in, section and items cover together.
            fit = sum(w for t, w in self.weights.items() if t in terms) / self.total
            size = self.analysis.list_size
            items = sum(u.kind == UnitKind.ITEM for u in members)
            score = max(score, fit + self.settings.answer.weight_intent) + (
                self.settings.answer.whole_list_bonus if size == items else 0.0
            )
            if self.list_noun and self.list_noun <= self._head_terms(known):
                # The list announces what was asked ("een viertal actielijnen, te weten:"),
                # rather than one of its items mentioning it.
                score += self.settings.answer.whole_list_bonus
        return Block(reading_order(members), kind, terms, intents, score, facts)

    @staticmethod
    def _head_terms(known: Sequence[Scored]) -> frozenset[str]:
        """The terms of a list's lead-in, section and table header: what the list is of."""
        heads = [s.terms for s in known if s.unit.kind == UnitKind.LEAD]
        return frozenset().union(*heads, *(s.context for s in known))

    # -- choosing ------------------------------------------------------------------------------
    def choose(self, blocks: Sequence[Block], groups: Sequence[str] = ()) -> Selection:
        """Greedy cover; with `groups` (municipalities or documents) each gets its best block first."""
        if not blocks:
            return Selection()
        budget = self.settings.answer.max_words
        chosen: list[Block] = []
        if groups:
            # Each group's best block that shares a word with the subject: a municipality whose
            # passages are about something else is said to have nothing on it, not quoted off topic.
            for group in groups:
                own = [b for b in blocks if group_of(b, groups) == group and self.relevance(b) > 0]
                # One that holds a word the answer cannot do without, when the group has one: a
                # row whose header only names the column asked ("Peilwaarde") is about something else.
                own = [b for b in own if b.terms & self.distinct_terms] or own
                # A count question takes each group's best block that counts what was asked.
                counting = [b for b in own if self.analysis.counted and self.counts_asked(b)]
                if own:
                    chosen.append((counting or own)[0])
            if not chosen:
                return Selection()
            budget = max(budget, 40 * len(chosen))
        else:
            chosen.append(blocks[0])
            self._answer_each_part(blocks, chosen)
        single = len(self.analysis.parts) == 1
        # The list is the answer, when it is about what was asked: a list of pillars does not
        # answer which groups get extra attention, however well it fits the inherited topic.
        about = self.relevance(chosen[0]) >= self.settings.answer.relevance
        if (
            chosen[0].kind == "list"
            and single
            and ((self.analysis.wants(Intent.LIST) and about) or self.covered(chosen))
        ):
            return Selection(chosen)
        extra = 0  # blocks taken after the question was covered: at most one, with new figures
        while sum(b.words for b in chosen) < budget and extra < self.settings.answer.after_covered:
            complete = self._complete(chosen, groups)
            addition, gain = self._best_addition(blocks, chosen, groups, figures_only=complete)
            if addition is None or gain < self.settings.answer.min_gain:
                break
            if (
                chosen
                and sum(b.words for b in chosen) + addition.words
                > budget * self.settings.answer.budget_overshoot
            ):
                break
            chosen.append(addition)
            extra += complete
        return Selection(_ordered([self._trimmed(b) for b in chosen], groups), list(groups))

    def _trimmed(self, block: Block) -> Block:
        """A text block without the sentences at its end that hold nothing the question asks:
        none of its words and none of the figures, dates or reasons it wants."""
        if block.kind != "text" or len(block.units) < 2:
            return block
        keep = len(block.units)
        while keep > 1:
            last = self._by_text.get((block.units[keep - 1].doc_id, block.units[keep - 1].text))
            before = self._by_text.get((block.units[keep - 2].doc_id, block.units[keep - 2].text))
            # A sentence that leans back ("Daar zijn we ...") goes on with what came before, as does
            # one that speaks of what the one before it did ("... 30 km/u te behouden." / "Een
            # aantal wegen blijft 50 km/u.").
            lead_in = block.units[keep - 2].text.rstrip().endswith(":")
            goes_on = lead_in or _leans_back(block.units[keep - 1])
            cohesive = last is not None and before is not None and bool(last.terms & before.terms)
            if last is None or goes_on or cohesive or self._asked_in(block.units[keep - 1]):
                break
            keep -= 1
        if keep == len(block.units):
            return block
        return self._block(block.units[:keep], "text", self._by_text, block.score)

    def _best_addition(
        self, blocks: Sequence[Block], chosen: list[Block], groups: Sequence[str], figures_only: bool = False
    ) -> tuple[Block | None, float]:
        best: Block | None = None
        best_gain = 0.0
        top = max((self.relevance(c) for c in chosen), default=0.0)
        floor = (
            self.settings.answer.relevance_after_covered if figures_only else self.settings.answer.relevance
        ) * top
        shown = {(u.doc_id, u.text) for c in chosen for u in c.units}
        # A side of a comparison is answered on its own: what another side's blocks cover does
        # not make this side's block less worth showing.
        sides = by_group(chosen, groups)
        for block in blocks:
            side = sides.get(group_of(block, groups), []) if groups else chosen
            have_facts = frozenset().union(*(c.facts for c in side)) if side else frozenset()
            if (
                self.relevance(block) < floor
                and not self._first_count(block, side)
                and not self._goes_on_with(block, chosen)
            ):
                continue
            fresh = self._fresh(block, shown)
            if fresh is None or (figures_only and not fresh.facts - have_facts):
                continue
            gain = self.gain(fresh, side)
            if groups and side:
                # A side's second block is about the subject too, not only the column or the
                # kind of figure asked ("peilwaarde" of another indicator).
                if not block.terms & self.distinct_terms:
                    continue
                gain -= self.settings.answer.per_group_extra_gain
            gain += self.settings.answer.tie_break * block.score  # between equal gains, the better block
            if gain > best_gain:
                best, best_gain = fresh, gain
        return best, best_gain

    def _goes_on_with(self, block: Block, chosen: Sequence[Block]) -> bool:
        """The block is further on in a chosen passage and gives what the question asks that no
        chosen block gives yet: "De financiering van de pilot komt uit ...", seven sentences after
        the pilot was named, says what it is paid from without naming the pilot in full."""
        have = frozenset().union(*(c.intents for c in chosen)) if chosen else frozenset()
        missing = self.wanted - have
        # The sentence that gives it names the subject too: "een geschikte locatie" further on is
        # no place of what was asked.
        giving = (self._by_text.get((u.doc_id, u.text)) for u in block.units)
        if not any(s is not None and s.intents & missing and s.terms & self.weights.keys() for s in giving):
            return False
        # Its chunk or the next: a passage may run on over a chunk's end.
        passages = {(u.doc_id, u.position[0] + step) for c in chosen for u in c.units for step in (0, 1)}
        return all((u.doc_id, u.position[0]) in passages for u in block.units)

    def _fresh(self, block: Block, shown: set[tuple[str, str]]) -> Block | None:
        """The block without the units already shown (a list or row block is all or nothing)."""
        units = [u for u in block.units if (u.doc_id, u.text) not in shown]
        if not units:
            return None
        if len(units) == len(block.units):
            return block
        if block.kind != "text":
            return None
        return self._block(units, "text", self._by_text, block.score)

    def _answer_each_part(self, blocks: Sequence[Block], chosen: list[Block]) -> None:
        """A question that asks two things gets the best block for each part still open."""
        for index in range(1, len(self.analysis.parts)):
            if self._part_done(index, chosen):
                continue
            best = max(
                blocks, key=lambda b: self._part_fit(index, b) + self.settings.answer.part_score * b.score
            )
            if self._part_fit(index, best) <= 0 or any(best.key == c.key for c in chosen):
                continue
            # Windows overlap: what the answer shows already is not shown twice.
            fresh = self._fresh(best, {(u.doc_id, u.text) for c in chosen for u in c.units})
            if fresh is not None:
                chosen.append(fresh)

    def _part_fit(self, index: int, block: Block) -> float:
        """How well a block answers one part of the question: its subject and what it asks for."""
        part, weights = self.analysis.parts[index], self.part_weights[index]
        total = sum(weights.values())
        coverage = sum(w for t, w in weights.items() if t in block.terms) / total if total else 0.0
        wanted = part.intents - {Intent.DESCRIBE, Intent.COMPARE, Intent.YESNO}
        fit = len(wanted & block.intents) / len(wanted) if wanted else 0.0
        intent = self.settings.answer.intent_share
        return coverage + intent * fit * coverage if coverage else fit * intent

    def _part_done(self, index: int, chosen: Sequence[Block]) -> bool:
        merged = Block([], "text", frozenset().union(*(b.terms for b in chosen)),
                       frozenset().union(*(b.intents for b in chosen)), 0.0)  # fmt: skip
        return self._part_fit(index, merged) >= self.settings.answer.part_done

    def _complete(self, chosen: Sequence[Block], groups: Sequence[str]) -> bool:
        """The answer is complete: for a comparison, every side that has a block is."""
        if not groups:
            return self.covered(chosen)
        return all(self.covered(side) for side in by_group(chosen, groups).values())

    def covered(self, chosen: Sequence[Block]) -> bool:
        """Every part of the question has its subject and what it asks for (an amount, a year,
        a reason) in the chosen blocks: the answer is complete."""
        if self.analysis.counted and not any(self.counts_asked(b) for b in chosen):
            return False
        terms = frozenset().union(*(b.terms for b in chosen))
        intents = frozenset().union(*(b.intents for b in chosen))
        for part, weights in zip(self.analysis.parts, self.part_weights, strict=True):
            total = sum(weights.values())
            if (
                total
                and sum(w for t, w in weights.items() if t in terms) / total
                < self.settings.answer.complete_share
            ):
                return False
            wanted = part.intents - {Intent.DESCRIBE, Intent.COMPARE, Intent.YESNO}
            if not wanted <= intents:
                return False
        return True

    def counts_asked(self, block: Block) -> bool:
        """The block counts what a count question asks for ("hoeveel onderzoeken": "35
        onderzoeken", not "onderzoeken bij 12 zorgaanbieders")."""
        if block.key not in self._counting:
            nouns = self.analysis.counted
            self._counting[block.key] = any(counts_in(n, block.units, self.count_terms) for n in nouns)
        return self._counting[block.key]

    def _first_count(self, block: Block, chosen: Sequence[Block]) -> bool:
        """The block gives the count that was asked, which no chosen block gives yet."""
        counted = bool(self.analysis.counted) and self.counts_asked(block)
        return counted and not any(self.counts_asked(c) for c in chosen)

    def relevance(self, block: Block) -> float:
        """The share of the question's subject (weighted) the block covers."""
        return sum(w for t, w in self.weights.items() if t in block.terms) / self.total

    def gain(self, block: Block, chosen: Sequence[Block]) -> float:
        """What `block` adds per part of the question: newly covered subject weight and newly met
        intents, averaged over the parts."""
        have_terms = frozenset().union(*(b.terms for b in chosen)) if chosen else frozenset()
        have_intents = frozenset().union(*(b.intents for b in chosen)) if chosen else frozenset()
        total = 0.0
        for part, weights in zip(self.analysis.parts, self.part_weights, strict=True):
            part_total = sum(weights.values()) or 1.0
            new_terms = sum(w for t, w in weights.items() if t in block.terms and t not in have_terms)
            wanted = part.intents - {Intent.DESCRIBE, Intent.COMPARE, Intent.YESNO}
            new_intents = len((wanted & block.intents) - have_intents) / len(wanted) if wanted else 0.0
            relevant = sum(w for t, w in weights.items() if t in block.terms) / part_total
            total += new_terms / part_total + self.settings.answer.intent_share * new_intents * relevant
        if self._first_count(block, chosen):
            total += self.settings.answer.intent_share
        have_facts = frozenset().union(*(b.facts for b in chosen)) if chosen else frozenset()
        new_facts = min(1.0, len(block.facts - have_facts) / 2)
        return total / max(
            1, len(self.analysis.parts)
        ) + self.settings.answer.fact_gain * new_facts * self.relevance(block)


def subject_weights(words: Sequence[str], terms: TermStats) -> dict[str, float]:
    """Weight (match weight x idf) of the terms of the subject `words`: the cue words of the
    question's intent ("hoeveel", "budget") and municipality names are not what an answer must
    repeat. Compound parts and typo repairs of the subject count, as the retriever found them."""
    vocab = terms.vocabulary
    query = vocab.query_terms(" ".join(words)) if words else {}
    # A word the subject alone leaves unknown may stand for known terms read in the whole
    # question ("stroomden" with the clause's closing "uit": "uitstroom").
    for term in [t for t in query if t in terms.related]:
        query = {t: w for t, w in query.items() if t != term} | dict(terms.related[term])
    return {t: w * vocab.idf(t) for t, w in query.items() if w * vocab.idf(t) > 0}


def distinctive_weights(analysis: Analysis, terms: TermStats, settings: Settings) -> dict[str, float]:
    """What the evidence must hold: the distinctive subject, and of a follow-up that names a subject
    of its own the inherited topic at a share ("en voor jeugd?" after mantelzorg asks about jeugd;
    a passage on jeugd alone may answer it)."""
    return _background(subject_weights(analysis.distinctive, terms), analysis, terms, settings)


def _with(
    weights: dict[str, float], words: Sequence[str], terms: TermStats, factor: float
) -> dict[str, float]:
    """`weights` and, at `factor` of their own weight, the terms of `words` not among them."""
    extra = subject_weights(words, terms) if words and factor > 0 else {}
    return weights | {t: w * factor for t, w in extra.items() if t not in weights}


def _background(
    weights: dict[str, float], analysis: Analysis, terms: TermStats, settings: Settings
) -> dict[str, float]:
    """`weights` with the terms of what a follow-up inherited (and did not say itself) at a share,
    when the follow-up names a subject of its own ("de SKOW"; not "Hoe wordt dat gemeten?")."""
    said = [w for w in analysis.distinctive if w not in analysis.background]
    if not analysis.background or not said:
        return weights
    inherited = set(subject_weights(analysis.background, terms))
    own = set(subject_weights(said, terms))
    share = settings.answer.background_weight
    return {t: w * share if t in inherited and t not in own else w for t, w in weights.items()}


def _leans_back(unit: EvidenceUnit) -> bool:
    """The unit goes on with what came before it: "Dit ...", "Daar ...", "Hiervoor ..."."""
    return LEANS_BACK.match(fold(unit.text)) is not None


def _normalise(values: Sequence[float]) -> Callable[[float], float]:
    if not values:
        return lambda v: 0.0
    low, high = min(values), max(values)
    span = high - low
    return (lambda v: (v - low) / span) if span > 1e-6 else (lambda v: 1.0)


def _continues(unit: EvidenceUnit, nxt: EvidenceUnit, pair_words: int) -> bool:
    """`nxt` goes with `unit`: same chunk or the one after, short enough to read along, and not
    the start of something else (a list item, a lead-in whose list would be cut off)."""
    same_place = nxt.chunk.id == unit.chunk.id or nxt.position[0] == unit.position[0] + 1
    if not same_place or nxt.kind in (UnitKind.ITEM, UnitKind.LEAD) or nxt.text.rstrip().endswith(":"):
        return False
    return unit.text.rstrip().endswith(":") or unit.words + nxt.words <= pair_words


def group_of(block: Block, groups: Sequence[str]) -> str:
    """The compared group (a municipality or a document) a block belongs to."""
    unit = block.units[0]
    for key in (unit.municipality, unit.doc_id):
        if key in groups:
            return key
    return ""


def by_group(blocks: Sequence[Block], groups: Sequence[str]) -> dict[str, list[Block]]:
    """The blocks of each compared group that has any, in their order."""
    out: dict[str, list[Block]] = {}
    for block in blocks:
        out.setdefault(group_of(block, groups), []).append(block)
    return out


def _ordered(chosen: list[Block], groups: Sequence[str]) -> list[Block]:
    """Grouped answers read per group, in the order the groups were named."""
    if not groups:
        return chosen
    rank = {g: i for i, g in enumerate(groups)}
    return sorted(chosen, key=lambda b: rank.get(group_of(b, groups), len(rank)))
