"""Register extraction quality against the hand-annotated sample: precision and recall per type.

    python -m evals.register_quality [--gold tests/fixtures/register_gold.jsonl] [--json] [--misses]
        [--split dev|heldout|untuned|fresh|fresh2|fresh3|fresh4|fresh5|fresh6|fresh7|fresh8|fresh9
        |fresh10|real|all] [--real DIR]

The sample (`tests/fixtures/register_gold.jsonl`) was annotated by reading the pages, not the
extractor's output. Its "scope" lines name the pages annotated per document and type: on those
pages *every* goal, indicator and budget line (and, on the pages listed for it, every measure) is
in the sample. Fourteen splits, reported apart: "dev" (the pages the rules were developed on),
"heldout" (annotated afterwards), "untuned" (pages no rule was tuned on, annotated before the
extractor's output was looked at; guideline and decisions in `evals/register/GUIDELINE.md`),
"fresh" (a second such holdout, made when "untuned" began to be used for tuning), "fresh2" (a
third, made when "fresh" was about to be tuned on), "fresh3" (a fourth, made when fresh2 began to
be tuned on), "fresh4" (a fifth, made when fresh3 was about to be tuned on), "fresh5" (a sixth,
made when fresh4 was about to be tuned on), "fresh6" (a seventh blind holdout made when fresh5 was
about to be tuned on), "fresh7" (an eighth, made from the Wassenaar pages fresh6 left free),
"fresh8" (a ninth, made from the Wassenaar pages fresh7 left free when fresh7 was released for
tuning), "fresh9" (a tenth, made from the Wassenaar pages fresh8 left free when fresh8 was released
for tuning), "fresh10" (the last, made from the Wassenaar pages fresh9 left free when fresh9 was
released for tuning; nobody tunes on fresh10) and "real" (pages of the published Wassenaar programme
budgets, other than the fresh splits', annotated before the output was looked at and then used to
tune the rules for real budgets). Documents are read from the corpus and, for the Wassenaar budgets
that "fresh", "fresh2" ... "fresh10" and "real" sample, from `--real` (`../shared/real/pdf`); a
document found in neither is left out of the figures, and said so.
The guidelines:

- goal: a desired end state the municipality sets itself: labelled doel / subdoel / doelstelling /
  strategisch doel / ambitie / speerpunt / beoogd maatschappelijk effect; an item of a list of
  goals; a sentence with "ons doel is", "het doel van ... is", "onze ambitie is", "we willen
  dat ...", "wij streven (naar) ..." or "we willen" + an aim (not an action). A goal restated
  later in the document (an annex, a table of indicators) is the same record, not a new one.
- indicator: a named measure of the municipality's population or services: a row of a table of
  figures, an item of a list of indicators, or a sentence reporting a named figure with a value.
  Footnotes are out of scope.
- budget line: an amount of money the document assigns to a named programme, post or purpose for
  one or more years: a table row with amounts (rows with only "PM" are not), a proposal table, a
  sentence assigning a budget or a savings target. Realised results and national totals are not.
- measure: what the municipality will do: activities, decisions (beslispunten), beleidslijnen,
  "we gaan / zullen / zetten in op / investeren / organiseren ...", "we willen" + an action.

A gold record is found when an extracted record of the same type overlaps its quote on its page
(at any of the places the record stands: `Record.places`, one gold record per place), or (for a
record the extractor folded into an earlier statement of the same text) when the texts agree.
Precision counts extracted records whose first statement stands on an annotated page of their type
and that match no gold record (a restatement is judged with its first statement, into which the
sample folds it).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.answering.verify import locate
from assistant.register.models import RECORD_TYPES, Provenance, Record
from assistant.settings import PROJECT_ROOT, Settings
from assistant.tokenize import base_terms
from assistant.types import Page

GOLD = PROJECT_ROOT / "tests" / "fixtures" / "register_gold.jsonl"
REAL_PDFS = PROJECT_ROOT.parent / "shared" / "real" / "pdf"  # published PDFs outside the demo corpus
SPLITS = (
    "dev",
    "heldout",
    "untuned",
    "fresh",
    "fresh2",
    "fresh3",
    "fresh4",
    "fresh5",
    "fresh6",
    "fresh7",
    "fresh8",
    "fresh9",
    "fresh10",
    "real",
)


@dataclass
class TypeScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    values_checked: int = 0
    values_right: int = 0
    years_unknown: int = 0  # budget lines with the right euros whose year column the table leaves open
    misses: list[dict[str, Any]] = field(default_factory=list)
    wrong_values: list[dict[str, Any]] = field(default_factory=list)
    false_positives: list[dict[str, Any]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0


@dataclass
class QualityReport:
    scores: dict[str, TypeScore]
    gold_records: int
    documents: int

    def to_json(self) -> dict[str, Any]:
        return {
            "gold_records": self.gold_records,
            "documents": self.documents,
            "types": {
                t: {
                    "precision": round(s.precision, 3), "recall": round(s.recall, 3), "tp": s.tp, "fp": s.fp,
                    "fn": s.fn, "values_right": s.values_right, "values_checked": s.values_checked,
                    "years_unknown": s.years_unknown,
                }
                for t, s in self.scores.items()
            },
        }  # fmt: skip


def load_gold(
    path: Path = GOLD, split: str | None = None
) -> tuple[list[dict[str, Any]], dict[tuple[str, str], set[int]]]:
    """Gold records and, per (doc, type), the pages annotated for that type; `split` "dev" (the
    pages the rules were developed on), "heldout" (annotated afterwards), "untuned", "fresh",
    "fresh2", "fresh3", "fresh4", "fresh5", "fresh6", "fresh7", "fresh8", "fresh9" or "fresh10" (pages
    no rule was tuned on, annotated before looking at the output), "real" (published budget pages annotated
    before looking at the output, then tuned on), None for all."""
    records: list[dict[str, Any]] = []
    scope: dict[tuple[str, str], set[int]] = defaultdict(set)
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if split is not None and row.get("split", "dev") != split:
            continue
        if row.get("scope"):
            for kind in row["types"]:
                scope[(row["doc"], kind)].update(row["pages"])
        else:
            records.append(row)
    return records, dict(scope)


def evaluate(
    gold: Sequence[dict[str, Any]],
    scope: Mapping[tuple[str, str], set[int]],
    records: Mapping[str, Sequence[Record]],
    pages: Mapping[str, Sequence[Page]],
) -> QualityReport:
    texts = {doc: {p.number: p.text for p in ps} for doc, ps in pages.items()}
    scores: dict[str, TypeScore] = {t: TypeScore() for t in RECORD_TYPES}
    # A record answers one gold record per place it stands (a goal restated on page 14 is found
    # there too); one matched by its text alone answers for all its places.
    used: set[tuple[str, int, int]] = set()
    folded: set[str] = set()
    for item in gold:
        candidates = [
            r for r in records.get(item["doc"], ()) if r.type == item["type"] and r.id not in folded
        ]
        match = _match(item, candidates, texts.get(item["doc"], {}), used)
        score = scores[item["type"]]
        if match is None:
            score.fn += 1
            score.misses.append(item)
            continue
        record, place = match
        if place is None:
            folded.add(record.id)
        else:
            used.add((record.id, place.page, place.start))
        score.tp += 1
        _check_values(item, record, score)
    # Precision counts records at their first statement: a restatement (the same quote standing
    # again) is judged with it, and the sample folds restatements into the first statement.
    matched = folded | {key[0] for key in used}
    for doc, recs in records.items():
        for record in recs:
            place = record.provenance
            if place.page in scope.get((doc, record.type), set()) and record.id not in matched:
                scores[record.type].fp += 1
                scores[record.type].false_positives.append(
                    {"doc": doc, "page": place.page, "type": record.type, "text": record.text[:160]}
                )
    return QualityReport(scores, len(gold), len({g["doc"] for g in gold}))


def _match(
    item: dict[str, Any],
    candidates: Sequence[Record],
    texts: Mapping[int, str],
    used: set[tuple[str, int, int]],
) -> tuple[Record, Provenance | None] | None:
    best: tuple[int, Record, Provenance] | None = None
    # An item really repeated on its page (the same activity under each subgoal) is annotated once
    # per occurrence with the same quote (GUIDELINE.md): any occurrence may be this one's.
    for span in _occurrences(item["quote"], texts.get(item["page"], "")):
        for record in candidates:
            for p in record.places:
                if p.page != item["page"] or (record.id, p.page, p.start) in used:
                    continue
                overlap = min(span[1], p.end) - max(span[0], p.start)
                if overlap > 0 and (best is None or overlap > best[0]):
                    best = (overlap, record, p)
    if best is not None:
        return best[1], best[2]
    # Folded into an earlier statement of the same goal or measure elsewhere in the document.
    wanted = set(base_terms(_strip_number(item["quote"])))
    for record in candidates:
        if any(key[0] == record.id for key in used):
            continue
        have = set(base_terms(record.text))
        if wanted and len(wanted & have) / len(wanted) >= 0.9 and len(have) <= 2 * len(wanted) + 3:
            return record, None
    return None


def _occurrences(quote: str, text: str) -> list[tuple[int, int]]:
    """Every [start, end) where `quote` stands in `text`, first to last."""
    spans: list[tuple[int, int]] = []
    at = 0
    while (span := locate(quote, text[at:])) is not None:
        spans.append((at + span[0], at + span[1]))
        at += span[1]
    return spans


def _strip_number(text: str) -> str:
    return re.sub(r"^\s*(-\s*)?(\d{1,2}(\.\d{1,2})*\.?\s+)?((Sub)?doel:\s*)?", "", text)


def _check_values(item: dict[str, Any], record: Record, score: TypeScore) -> None:
    """Budget lines: euros right (years may be unknown where the table leaves the column open);
    indicators: baseline value and year right."""
    if item["type"] == "budget" and "amounts" in item:
        score.values_checked += 1
        want = sorted(round(a[1]) for a in item["amounts"])
        have = sorted(round(a.eur) for a in record.amounts)
        years_known = [a.year for a in record.amounts if a.year is not None]
        years_wrong = any(
            a.year is not None
            and [round(a.eur), a.year] not in [[round(w[1]), w[0]] for w in item["amounts"]]
            for a in record.amounts
        )
        if want == have and not years_wrong:
            score.values_right += 1
            score.years_unknown += 0 if len(years_known) == len(have) else 1
        else:
            score.wrong_values.append({**item, "got": [(a.year, a.eur) for a in record.amounts]})
    elif item["type"] == "indicator" and "baseline" in item:
        score.values_checked += 1
        value, year = item["baseline"]
        if _same(value, record.baseline_value) and year == record.baseline_year:
            score.values_right += 1
        else:
            score.wrong_values.append({**item, "got": (record.baseline_value, record.baseline_year)})


def _same(a: str, b: str) -> bool:
    return re.sub(r"\s+", "", a).casefold() == re.sub(r"\s+", "", b).casefold()


def extract_corpus(
    doc_ids: Sequence[str], corpus: Path | None = None, more: Sequence[Path] = (REAL_PDFS,)
) -> tuple[dict[str, list[Record]], dict[str, list[Page]]]:
    """Parse and extract the given documents the way ingestion does: each from the first of the
    corpus and the `more` folders that holds its PDF (with a manifest beside it or one folder up).
    A document found in none is left out of both results."""
    from assistant.register.extract import extract_records
    from ingest.manifest import load_manifest
    from ingest.parse import parse_document

    settings = Settings()
    folders = [corpus or settings.corpus_dir, *more]
    records: dict[str, list[Record]] = {}
    pages: dict[str, list[Page]] = {}
    for doc_id in doc_ids:
        folder = next((f for f in folders if (f / f"{doc_id}.pdf").is_file()), None)
        if folder is None:
            continue
        parsed = parse_document(folder / f"{doc_id}.pdf", doc_id, settings)
        pages[doc_id] = parsed.pages
        records[doc_id] = extract_records(load_manifest(folder)[doc_id], parsed.pages, parsed.chunks)
    return records, pages


def format_report(report: QualityReport, misses: bool = False) -> str:
    lines = [
        f"Register extraction vs {report.gold_records} hand-annotated records "
        f"in {report.documents} documents",
        "",
    ]
    lines.append(f"{'type':10} {'precision':>9} {'recall':>7} {'tp':>4} {'fp':>4} {'fn':>4}  values right")
    for kind, s in report.scores.items():
        values = f"{s.values_right}/{s.values_checked}" if s.values_checked else "-"
        if s.years_unknown:
            values += f" ({s.years_unknown} without a year)"
        lines.append(f"{kind:10} {s.precision:9.3f} {s.recall:7.3f} {s.tp:4} {s.fp:4} {s.fn:4}  {values}")
    if misses:
        for kind, s in report.scores.items():
            for item in s.misses:
                lines.append(f"MISSED {kind:9} {item['doc'][:24]} p{item['page']}: {item['quote'][:100]}")
            for item in s.wrong_values:
                lines.append(
                    f"VALUE  {kind:9} {item['doc'][:24]} p{item['page']}: {item['quote'][:60]}"
                    f" -> {item['got']}"
                )
            for fp in s.false_positives:
                lines.append(f"EXTRA  {kind:9} {fp['doc'][:24]} p{fp['page']}: {fp['text'][:100]}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--real", type=Path, default=REAL_PDFS, help="published PDFs outside the corpus")
    parser.add_argument("--json", action="store_true", help="figures as JSON")
    parser.add_argument("--misses", action="store_true", help="list missed and extra records")
    parser.add_argument("--split", choices=(*SPLITS, "all"), default=None, help="default: each apart")
    args = parser.parse_args(argv)
    all_gold, _ = load_gold(args.gold, None if args.split in (None, "all") else args.split)
    wanted = sorted({g["doc"] for g in all_gold})
    records, pages = extract_corpus(wanted, args.corpus, (args.real,))
    if missing := [doc for doc in wanted if doc not in pages]:
        print("left out (no PDF found): " + ", ".join(missing), file=sys.stderr)
    splits = [args.split] if args.split else [*SPLITS, "all"]
    out: dict[str, Any] = {}
    for split in splits:
        gold, scope = load_gold(args.gold, None if split == "all" else split)
        gold = [g for g in gold if g["doc"] in pages]
        report = evaluate(gold, scope, records, pages)
        out[split] = report.to_json()
        if not args.json:
            print(f"== {split} ==")
            print(format_report(report, args.misses and split != "all") + "\n")
    if args.json:
        print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
