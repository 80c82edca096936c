"""The deterministic extractor: one document in, verified register records out.

Candidates come from the layouts documents use (labelled goals, lists, tables, proposal tables)
and from cue words in sentences. Every candidate's quote is checked with the citation verifier
against the cleaned page texts; what is not found verbatim is dropped. Overlaps are resolved in
favour of structure (a table row beats a sentence about the same figure), repeats of the same
goal or measure are folded into their first statement, and links are drawn last.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import fields

from assistant.answering.verify import locate, trim_quote
from assistant.lexicon import BULLET
from assistant.register import budgets, indicators, iv3, lists, prose
from assistant.register.candidate import PRIORITY_CUE, Candidate
from assistant.register.doctext import DocText
from assistant.register.link import Anchor, link_records
from assistant.register.models import Provenance, Record
from assistant.tokenize import base_terms
from assistant.types import Chunk, DocumentMeta, Page

# Bump when extraction changes, so `sync` rebuilds registers made by an older extractor.
# 65: measures in the words of programme budgets (round 12): the municipality, its college or its name
#     as the subject of any verb of work ("De gemeente geeft uitvoering aan", "Hierbij maakt de
#     gemeente gebruik van", "Wassenaar vangt ... op"), not a role ("is verantwoordelijk voor"); a
#     modal, a law or an expectation voids a passive promise in its own clause only, not in a clause
#     after it; "Er komt een ..."; moments relative to the plan ("de komende jaren", "later dit jaar",
#     "in de loop van 2025", a month) date a passive; present-tense work dated in the year the plan
#     is written; an expected moment for a step of ours ("wordt naar verwachting in 2024
#     voorgesteld"), a step of the raad, "streven we naar" + a dated step and a dated "Beoogd is om"
#     commit; a sentence that only dates the one before, a passive done by another named agent, how a
#     figure is expressed, what a document shows, whose task it is, a risk that remains and a
#     consequence ("Daarmee zorgen we ervoor") do not;
# 64: a line table's years up to three lines under its title (kasgeldlimiet), a lone dash above an
#     amount is its minus sign, a row whose label would be figures only is none (fresh9, round 11);
# 63: an expected development ("wordt ... verwacht.") and what is not taken up ("wordt ... geen ...
#     aangetrokken") are no measures; a whole sentence set in a narrow table column is read (fresh9);
# 62: a verbonden-partijen header cell broken inside its word ("deelnemer" / "s- bijdrage"); the
#     sentences of such a table are the partner's, no goal, measure or figure (fresh9, round 11);
# 61: a dash keeps its column in a row with a cell per column, years with baten/lasten/saldo columns,
#     an untitled header line with unit and years, a numbered label that wraps, a budget sentence
#     under a change heading with its amount stands in that line (fresh9, round 11);
# 60: line tables with a figure in a label, short rows, a table ingestion read in part and one-year
#     tables (balance, EMU-saldo, kasstroomoverzicht), the reserves and voorzieningen overview
#     (fresh9, round 11);
# 59: a share of a norm ("100% van de bijstandsnorm") is a threshold set, no figure (fresh8);
# 58: the aim of a law ("Het doel van de wet is ...") is a national instrument's, no goal (fresh8);
# 57: a sentence that reads as narrow columns only because it runs into a table row structure read
#     ("... vervangen door elektrische voertuigen" / "Vastgoed" / "2021-2024") is read up to the row (fresh8);
# 56: what a heffing is levied for ("Marktgelden worden geheven voor ..."), who carries it out ("wordt
#     uitgevoerd door de Belastingsamenwerking ...") and smoothing through a reserve, undated, are no
#     measures (fresh8);
# 55: a cost-recovery label without an amount above a row with its own has none (fresh8, fresh6);
# 54: a numbered enumeration in lower case after its introduction ("te weten:" / "1. tijdigere ...;")
#     gives items (fresh8);
# 53: list items with a Symbol-font bullet ("\uf0b7"), which ingestion leaves, are list items (fresh8);
# 52: each line of a list of amounts ("de volgende bedragen ...:" / "OZB € 3.078") a budget line in the
#     year its introduction names (fresh8);
# 51: the financial interest in each verbonden partij (deelnemersbijdrage, dividend) a budget line with
#     year unknown; the partners' equity, debt and risks no budget lines (fresh8);
# 50: an areaal table on the page it runs on to (its header repeated, no title), labels over two lines,
#     plans with a note or none ("Nvt"), parts with their quantity, level words ("sober", "Basis") (fresh8);
# 49: a cost-recovery table by row ("Kosten baten kostendek.", the leges per title): each row a budget
#     line with its kosten and baten (year unknown) and an indicator for its own share (fresh8);
# 48: how upkeep is financed and booked ("treffen we voorzieningen", "worden geactiveerd en
#     afgeschreven"), undated, is a principle, no measure (fresh7);
# 47: each row of an areaal table ("Tabel 9.1 - Overzicht beheerareaal": label, plan, "75 stuks") is
#     an indicator without baseline (fresh7);
# 46: a line table's unit printed under it ("Bedragen x € 1.000 (inclusief ...)"), its text column
#     wrapping onto lines of their own, and rows with fewer amounts than year columns (years unknown);
#     a sentence whose only amount is a table's unit is no budget line (fresh7);
# 45: year tables printed as lines that ingestion gave no table chunk ("Tabel 9.2 - Exploitatiegegevens
#     kapitaalgoederen (bedragen x € 1.000)" with a text column after the amounts, a table of one cell a
#     line under the Meerjarenbeeld taking its unit); a dash in a table's first year column is its
#     empty cell (fresh6);
# 44: the aim of our own policy or instrument ("is erop gericht om", "is bedoeld om", "Het is de
#     bedoeling dat", "wordt ... gestreefd naar", "Doel in 2025 is") is a goal, a wish dated in the plan
#     year ("In 2024 wil de gemeente ... uitbouwen") a measure; the themes ambitions are set on
#     ("ambities op de volgende beleidsthema's:") are no goals; a result title wrapped after a colon
#     is one result, in the list and as its explanation heading (fresh6);
# 43: "willen" + an aim with the means we deploy for it ("met de inzet van respijtzorg", "door middel
#     van") is a measure (GUIDELINE.md, settled in round 7);
# 42: work planned for a quarter or a season of a plan year ("staat gepland voor het 3e kwartaal 2024",
#     "staat vooralsnog gepland voor eind 2025") and the project's planning ("De (huidige) planning is
#     dat in het 2e kwartaal 2024 ...") commit (fresh5);
# 41: the goal line heading rows of a measurement table ("Financieel zelfredzame inwoners") is an
#     operational goal (GUIDELINE.md, settled in round 7);
# 40: more wordings of a stated goal: "Beoogd wordt daarmee dat", "We hebben de ambitie om", "De
#     intentie is om", "is het doel te komen tot", the goal noun opening the sentence ("De algemene
#     doelstelling van het plan ...", "Specifieke doelstellingen zijn ...") (fresh5);
# 39: the cost-recovery calculation of a heffing ("Berekening kostendekkendheid rioolheffing"): each
#     row a budget line without a year, amounts printed after their labels in the labels' order, the
#     percentage it ends in an indicator (fresh5);
# 38: the financial kengetallen table of the Paragraaf Weerstandsvermogen ("1a. Netto schuldquote 23
#     25 18"): one indicator per kengetal, the Verslag its baseline, the budget year its target (fresh5);
# 37: what stands central in a clause about its noun ("waar meedoen centraal staat") is no principle
#     that voids the commitment before it (fresh4);
# 36: the algemene uitkering and the circulars that set it ("De meicirculaire 2023 levert in 2024
#     een voordeel op van € 2.200.000") are budget words; "realisatie" in running text ("bij te staan
#     in de realisatie") no column of an effect-indicator table (fresh4);
# 35: the municipality that keeps working ("De gemeente blijft zich inzetten om"), its verb before it
#     after an adverb ("Daarnaast herijkt en vernieuwt de gemeente ..."), where the focus lies
#     ("ligt de focus op") commit (fresh4);
# 34: our duty in a future passive with moeten ("zal een procedure opgesteld moeten worden") or of
#     what is ours by its demonstrative ("Dit beleid moet worden geëvalueerd"), a study's question no
#     doubt ("wordt onderzocht waar ... mogelijk zijn"), a saving expected from an action of ours
#     ("verwachten ... te kunnen besparen door ... te kijken") commit (fresh4);
# 33: "Doel is ..." opening a sentence and "wordt getracht ... te" are goals (fresh4);
# 32: a simple past of ours ("We wisten dat ...", "wat we konden doen") is no commitment, nor what
#     a thing is made of or based on ("wordt gevormd door", "wordt ... gebaseerd op"), a passive
#     negated ("wordt hierin niet meegenomen"), costs covered ("Het deel van de kosten ... zal worden
#     gedekt uit"), what is used now ("wordt gewerkt met"), what the law lays on us ("vanuit
#     wettelijke kaders"), another document that works it out or the next table (fresh4);
# 31: a table's unit printed in its title line above it ("Tabel 7.1 - Opbrengst uit belastingen
#     bedragen x € 1.000"), a title that ends in its year columns ("Meerjarenbeeld 2025 2026 2027
#     2028"), a year cell that belongs to the row's label ("Kadernota | 2025 | 1.512 ..."), a bare
#     year printed again a comparison column ("mutatie t.o.v. 2023"), dashes at a row's end empty
#     cells (fresh4);
# 30: a deficit forecast in the budget ("het voor 2025 verwachte tekort van € 400.000") is a budget
#     line (fresh3);
# 29: a sentence that goes on about what the Rijk or the kabinet decided ("Deze invoering zal
#     plaatsvinden op 1 januari 2026") is no commitment of ours (fresh3);
# 28: a sentence running on to the next page is read whole and quoted on its first page; what the
#     means make possible for a plan year ("kan in 2024 een sportvisie worden opgeleverd") and a
#     passive done by an action of ours ("wordt gerealiseerd door inhuur te beperken", amounts or
#     not) commit; a count as the subject of its sentence ("Het aantal mensen in de opvang is ...
#     rond de 200") is a figure without a year (fresh3);
# 27: a heading line glued before a sentence (short, no stop, a capital after) is no part of it;
#     "we zijn (nu druk) doende/bezig", "ligt er de opgave om", "willen we ons laten ...", "Wassenaar
#     legt de nadruk op" commit; work planned for a year ("staan gepland vanaf 2026", "maatregelen die
#     in 2020 worden geïmplementeerd"), a present passive after a past one ("is ... herzien en worden
#     ... opgesteld"), a future with gaan ("gaat vorm gegeven worden"), a decision in a dat-clause
#     ("is opgenomen dat we ... richten op") commit, a purpose clause's modal and figures are not the
#     main clause's; stating ("kunnen we stellen dat"), valuing ("koesteren", "wordt ... gewaardeerd"),
#     dealing with ("gaan ... om met"), expecting ("wordt verwacht dat", "zal leiden tot"), where the
#     document puts it ("wordt hier ... meegenomen"), "we" + a verb in a relative clause ("die wij
#     stellen") and work begun ("is gestart met") do not; a share of money is no indicator (fresh3);
# 26: a change heading's bracket over several lines or with a bracket inside, the year that opens
#     the next amount ("2025 € 191.450, vanaf 2026 € 126.450") not the first's, the year of the note
#     that decided an amount ("in de kadernota 2023") no year of it, "Dit is ... € N" after a
#     sentence with its own amount a line of its own, "structurele"/"begrote" budget words, a saving
#     that "wordt gerealiseerd door" planned (issue 16, fresh3);
# 24: a change by a share ("de SW-populatie jaarlijks met 6% vermindert") is an indicator;
# 23: an enumeration closed by "etc." or "enz." before a capital ends its sentence;
# 22: also what it asks of our work ("Dit vraagt dat we afspraken maken ...");
# 21: what a choice means for our work, in its dat-clause ("Dit betekent dat we inzetten op ...",
#     "... dat initiatieven worden beoordeeld op ...");
# 20: sub-items of an activity whose colon wrapped to a line of its own ("... opvoeden in" / "Hengelo!
#     door:") are activities; a passive after "waarbij/waarop/..." describes;
# 19: a list's introduction that counts its lines of work ("We zetten in op 4 actielijnen:") a measure;
#     passives of onder- verbs ("worden er acties ondernomen");
# 18: a saving to be made ("de te realiseren besparing van 137.000 euro") a budget line, a possible
#     saving not;
# 17: a ranked goal ("Het uiteindelijke streven is ...", "Ons belangrijkste doel is ..."); a result dated
#     after its verb ("is in 2024 een visie ontwikkeld") in the plan's years;
# 16: work dated in the plan's years whoever does it ("In het voorjaar van 2025 organiseert het
#     kernteam ..."); a result dated in the present tense needs a participle or "beschikbaar";
# 15: the figure of a subset of the set before ("50 daarvan werken ...", "Hiervan woont 95% ...");
#     estimates ("jaarlijks € 110.000 geraamd") budget lines, a year compared with ("ten opzichte van
#     2023") no amount's year; money meant for an action ("bedoeld voor het aantrekken van") a measure;
# 14: "de gemeente wil" + an action a measure (its infinitive decides, as after "we willen"); a
#     programme's Visie holds no goals; passives in relative clauses, cost cover and needs no measures;
#     dated present passives and events ("vindt eind 2024 plaats"), results dated in the plan's years
#     ("In 2025 is ... geëvalueerd"), the municipality by its name (issue 16, fresh2);
# 13: change headings with a broken thousands point ("€20. 000") or one amount "in 2024 en 2025";
# 12: duties for the municipality's own instruments ("Ook moet de verordening worden geactualiseerd",
#     "Het is noodzakelijk ... door te ontwikkelen"), present-passive work whose amount stands in a
#     relative clause (also a measure, beside the budget line) (issue 16, round 3);
# 11: shares of a named set in running text ("40% van de meldingen"), two shares in one sentence as
#     two figures, a target against the realised count ("doel was 75, realisatie bedroeg 60"), counts
#     of cases (issue 16, round 3);
# 10: present-tense work of "we" in a main clause whatever its verb ("We behouden", "sturen we"),
#     "moeten we" + an action, a wish ("het liefst willen we") a goal, a promise beside a wish a
#     measure, consequences opening with "En daarmee"; the tail of a sentence from the page before
#     is read where it starts (issue 16, round 3);
# 9: an activity repeated under each subgoal stands at every occurrence (also short bulleted items,
#    also on its own page); results headed "Belangrijkste resultaten voor 2025" and explained
#    without a "Toelichting" heading (issue 16, fresh split, round 3);
# 8: programme budgets (BBV): effect-indicator tables, change headings "(hogere lasten € N)",
#    planned results and their explanation headings, dated future results (issue 16, real split);
# 7: rounded shares in running text ("Ongeveer 27% wordt ...") as indicators;
# 6: goals labelled in running text ("Doel hierbij is"), premises; programmalijnen no goals;
# 5: measures from present-tense work, passive proposals and continuations (issue 16, round 2);
# 4: every place a record stands (also_at); 3: programmes, Iv3 taakvelden
EXTRACTOR_VERSION = "65"

_RECORD_FIELDS = {f.name for f in fields(Record)}
# A restatement must be long enough that finding it again is no coincidence ("Lasten" is not).
RESTATEMENT_MIN_WORDS = 3
RESTATEMENT_MIN_CHARS = 20
# A list marker or number before an item ("- ", "3. ", "2.1 "), which a restatement may lack.
_ITEM_PREFIX = re.compile(rf"^\s*(?:[{BULLET}]\s*)?(?:\d{{1,2}}(?:\.\d{{1,2}})*[.)]?\s+)?")
_CONFLICTING = {"goal", "measure", "indicator"}
# A bulleted item ("- Aanpak scheidingsproblematiek"): short items repeat as items, not by chance.
_BULLETED = re.compile(rf"^\s*[{BULLET}]\s*")
SHORT_ITEM_MIN_CHARS = 12


def extract_records(meta: DocumentMeta, pages: Sequence[Page], chunks: Sequence[Chunk]) -> list[Record]:
    """All records of one document, each with a quote verified on its page."""
    doc = DocText(meta, pages, chunks)
    partners = budgets.partner_table_pages(doc)
    structural: list[Candidate] = [
        *lists.labelled_goals(doc),
        *lists.ambition_goals(doc),
        *lists.structure_goals(doc),
        # The planned results of a programme budget go before lists: a result restated as the
        # heading of its explanation is that result (a measure), not an item of a goal list.
        *lists.programme_results(doc),
        *lists.list_records(doc),
        *indicators.measurement_tables(doc),
        *indicators.effect_tables(doc),
        *indicators.effect_indicator_tables(doc),
        *indicators.policy_indicator_tables(doc),
        *indicators.kengetallen_tables(doc),
        *indicators.numbered_indicators(doc),
        *indicators.caption_tables(doc),
        *indicators.areaal_tables(doc),
        *budgets.table_budgets(doc),
        *budgets.investment_tables(doc),
        *budgets.cost_recovery_tables(doc),
        *budgets.cost_recovery_rows(doc),
        *budgets.partner_tables(doc, partners),
        *budgets.amount_lists(doc),
        *budgets.line_tables(doc),
        *budgets.reserve_tables(doc),
        *budgets.proposal_budgets(doc),
        *budgets.change_headings(doc),
    ]
    records = verified(doc, structural)
    # Sentences only add what the structure did not already say.
    covered = [(r.page, r.provenance.start, r.provenance.end) for r in records]
    money = [c for c, r in zip(covered, records, strict=True) if r.type == "budget"]
    records += verified(
        doc,
        [
            *budgets.prose_budgets(doc, doc.sentences, money, partners),
            *prose.cue_sentences(doc, covered, partners),
        ],
    )
    kept, anchors = dedupe(records)
    kept = restatements(doc, kept)
    return link_records([_with_taakveld(r) for r in kept], anchors)


def restatements(doc: DocText, records: Sequence[Record]) -> list[Record]:
    """Each record with the other places where its quote stands again as an item of its own (a line,
    a list item, a table row): goals restated in a summary, proposals repeated in an overview table,
    and an activity listed again under each subgoal of the same page ("- Tegengaan eenzaamheid"
    under six subdoelen is six records: GUIDELINE.md). Running text that merely mentions the same
    words is not a restatement."""
    taken: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for r in records:
        for p in r.places:
            taken.setdefault((r.type, p.page), []).append((p.start, p.end))
    out: list[Record] = []
    for record in records:
        quote = trim_quote(_ITEM_PREFIX.sub("", record.quote))
        # A short quote is a coincidence unless it is a bulleted item standing again as a bulleted
        # item: a two-word activity ("Aanpak scheidingsproblematiek") repeated under each subgoal.
        short = len(quote.split()) < RESTATEMENT_MIN_WORDS or len(quote) < RESTATEMENT_MIN_CHARS
        bulleted = record.type in ("goal", "measure") and _BULLETED.match(record.quote) is not None
        if not re.search(r"\w", quote) or (short and not (bulleted and len(quote) >= SHORT_ITEM_MIN_CHARS)):
            out.append(record)
            continue
        places = list(record.also_at)
        for page in doc.page_numbers:
            text = doc.texts[page]
            for start, end in _occurrences(quote, text):
                spans = taken.setdefault((record.type, page), [])
                if any(s < end and start < e for s, e in spans) or not _stands_alone(text, start, end):
                    continue
                if short and not _BULLETED.match(text[text.rfind("\n", 0, start) + 1 : start]):
                    continue
                places.append(Provenance(doc.doc_id, page, quote, start, end))
                spans.append((start, end))
        out.append(record.with_(also_at=tuple(sorted(places, key=lambda p: (p.page, p.start)))))
    return out


def _occurrences(quote: str, text: str) -> Iterator[tuple[int, int]]:
    """Every [start, end) where `quote` stands verbatim in `text`, first to last."""
    at = 0
    while (span := locate(quote, text[at:])) is not None:
        yield at + span[0], at + span[1]
        at += span[1]


def _stands_alone(text: str, start: int, end: int) -> bool:
    """Whether [start, end) is a line of its own (perhaps after a list marker, perhaps wrapped)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    before = text[line_start:start]
    after = text[end : len(text) if line_end < 0 else line_end]
    return bool(_ITEM_PREFIX.fullmatch(before) or not before.strip()) and not re.search(r"\w", after)


def _with_taakveld(record: Record) -> Record:
    """Every budget line carries a taakveld: the one its row names, a confident mapping, or onbekend."""
    if record.type != "budget" or record.taakveld:
        return record
    tag = iv3.classify(record.row or record.text)
    return record.with_(taakveld=tag.code, taakveld_printed=tag.printed)


def verified(doc: DocText, candidates: Iterable[Candidate]) -> list[Record]:
    out: list[Record] = []
    for candidate in candidates:
        citation = doc.verify(candidate.quote, candidate.page)
        if citation is None:
            continue
        known = {k: v for k, v in candidate.fields.items() if k in _RECORD_FIELDS and v not in (None, "")}
        extra = {k: v for k, v in candidate.fields.items() if k not in _RECORD_FIELDS}
        extra["priority"] = candidate.priority
        out.append(
            Record(
                type=candidate.type,
                text=candidate.text,
                provenance=Provenance(
                    doc.doc_id, citation.page, citation.quote, citation.start, citation.end
                ),
                municipality=doc.meta.municipality,
                year=doc.meta.year,
                section=doc.section_at(citation.page, citation.start),
                extra=extra,
                **known,
            )
        )
    return out


def dedupe(records: Sequence[Record]) -> tuple[list[Record], list[Anchor]]:
    """Resolve overlaps and repeats; the positions of folded repeats of goals stay as anchors."""
    ordered = sorted(
        records, key=lambda r: (-int(r.extra.get("priority", PRIORITY_CUE)), r.page, r.provenance.start)
    )
    kept: list[Record] = []
    for record in ordered:
        if not any(_overlaps(record, other) for other in kept):
            kept.append(record)
    kept.sort(key=lambda r: (r.page, r.provenance.start))
    out: list[Record] = []
    anchors: list[Anchor] = []
    seen: dict[tuple[str, str], Record] = {}
    repeats: dict[str, list[Provenance]] = {}
    for record in kept:
        key = (record.type, _key(record))
        first = seen.get(key) or _contained(record, out)
        if first is not None:
            if record.type == "goal":
                anchors.append(Anchor(record.page, record.provenance.start, record.section, first.id))
            if record.page != first.page or _restated_on_page(record, first):
                # Restated on another page, or as a line of its own further down the page (a result
                # explained under its own heading): the record stands there too, with that quote.
                repeats.setdefault(first.id, []).append(record.provenance)
            continue
        seen[key] = record
        out.append(record)
    out = [r.with_(also_at=tuple(repeats[r.id])) if r.id in repeats else r for r in out]
    out = [r for r in out if not (r.type == "budget" and _restates_table(r, out))]
    return out, anchors


def _restated_on_page(record: Record, first: Record) -> bool:
    """A goal or measure that stands again on its own page under a quote of its own, or a budget
    sentence below a heading that names the same post and amount ("Groencompensatie ... (neutraal,
    hogere lasten ... € 200.000)" / "... stellen wij ... een bedrag van € 200.000 beschikbaar"): the
    heading's budget line stands in that sentence too."""
    sentence = record.type == "budget" and record.extra.get("priority") == PRIORITY_CUE
    return (
        (record.type in ("goal", "measure") or sentence)
        and record.page == first.page
        and record.provenance.start >= first.provenance.end
        and record.quote != first.quote
    )


def _overlaps(record: Record, other: Record) -> bool:
    a, b = record.provenance, other.provenance
    if a.page != b.page or a.start >= b.end or b.start >= a.end:
        return False
    if record.type == other.type:
        return True
    return record.type in _CONFLICTING and other.type in _CONFLICTING


def _key(record: Record) -> str:
    text = record.row if record.type == "budget" and record.row else record.text
    if record.type == "budget" and record.programme:
        # "Lasten" of P1 and "Lasten" of P4 are different lines.
        text = f"{record.programme} {record.table} {text}"
    text = re.sub(r"^(programmalijn \d+:|doel \d+:|\d{1,2}(\.\d{1,2})*\.?)\s*", "", text.casefold())
    text = re.sub(r"[^\w]+", " ", text).strip()
    if record.type == "budget":
        text += "|" + ",".join(f"{a.eur:.0f}" for a in record.amounts)
    return text


def _contained(record: Record, kept: Sequence[Record]) -> Record | None:
    """A goal or measure restated with a word more or less ("... inclusief Participatiewet")."""
    if record.type not in ("goal", "measure"):
        return None
    mine = _key(record)
    if len(mine.split()) < 4:
        return None
    for other in kept:
        if other.type != record.type:
            continue
        theirs = _key(other)
        if len(theirs.split()) >= 4 and (mine in theirs or theirs in mine):
            return other
    return None


def _restates_table(record: Record, kept: Sequence[Record]) -> bool:
    """A sentence announcing the amounts of a proposal table next to it adds nothing."""
    if record.extra.get("priority", PRIORITY_CUE) != PRIORITY_CUE:
        return False
    mine = {round(a.eur) for a in record.amounts}
    for other in kept:
        if other.type != "budget" or other.extra.get("priority") == PRIORITY_CUE or not other.table:
            continue  # a change heading is no table: the sentences under it say more about it
        # Same amounts on a page nearby, and naming what the table row names ("innovatiefonds").
        nearby = abs(other.page - record.page) <= 1 and mine <= {round(a.eur) for a in other.amounts}
        if nearby and set(base_terms(other.text)) & set(base_terms(record.text)):
            return True
    return False
