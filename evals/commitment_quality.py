"""The commitment check against hand-made plan→later pairs: is the status right, and is the later
quote the statement the pair names?

    python -m evals.commitment_quality [--pairs evals/register/commitment_pairs.jsonl] [--json] [--misses]

The register is extracted from the corpus PDFs the way ingestion does (`register_quality`), the page
texts are the parsed pages, and the check runs exactly as `beleid commitments` does. A pair is right
when the commitment check has a record on the pair's plan quote, gives the pair's status and, when
the pair names later quotes, its later quote overlaps one of them on the same page. See
`evals/register/COMMITMENTS.md` for how the pairs were made.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.answering.verify import locate
from assistant.register.commitments import CommitmentItem, commitments
from assistant.register.models import Record
from assistant.register.store import RegisterStore
from assistant.settings import PROJECT_ROOT, Settings
from assistant.types import Page
from evals.register_quality import extract_corpus

PAIRS = PROJECT_ROOT / "evals" / "register" / "commitment_pairs.jsonl"


@dataclass
class Report:
    pairs: int = 0
    found: int = 0  # the plan quote is a commitment of the check
    status_right: int = 0
    right: int = 0  # status right and, where the pair names one, the later quote right
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    misses: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "pairs": self.pairs,
            "found": self.found,
            "status_accuracy": round(self.status_right / self.pairs, 3) if self.pairs else 0.0,
            "accuracy": round(self.right / self.pairs, 3) if self.pairs else 0.0,
            "confusion": {f"{gold}->{got}": n for (gold, got), n in sorted(self.confusion.items())},
        }


class _Pages:
    def __init__(self, pages: Mapping[str, Sequence[Page]]) -> None:
        self._pages = pages

    def pages(self, doc_id: str) -> Sequence[Page]:
        return self._pages.get(doc_id, [])


def load_pairs(path: Path = PAIRS) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate(
    pairs: Sequence[dict[str, Any]], items: Sequence[CommitmentItem], pages: Mapping[str, Sequence[Page]]
) -> Report:
    texts = {(doc, p.number): p.text for doc, found in pages.items() for p in found}
    report = Report(pairs=len(pairs))
    for pair in pairs:
        plan = pair["plan"]
        item = _item_for(plan, items, texts)
        got = item.status if item else "missing"
        report.confusion[(pair["status"], got)] += 1
        if item is None:
            report.misses.append(
                {"id": pair["id"], "why": "no commitment on the plan quote", "gold": pair["status"]}
            )
            continue
        report.found += 1
        status_right = got == pair["status"]
        later = item.followups[0] if item.followups else None
        quote_right = not pair["later"] or (
            later is not None
            and any(_overlaps(q, later.doc, later.page, later.quote, texts) for q in pair["later"])
        )
        report.status_right += status_right
        report.right += status_right and quote_right
        if not (status_right and quote_right):
            report.misses.append(
                {
                    "id": pair["id"], "gold": pair["status"], "got": got,
                    "commitment": item.record.text[:90],
                    "later": f"p{later.page}: {later.quote[:110]}" if later else "",
                }
            )  # fmt: skip
    return report


def _item_for(
    plan: Mapping[str, Any], items: Sequence[CommitmentItem], texts: Mapping[tuple[str, int], str]
) -> CommitmentItem | None:
    """The commitment whose quote overlaps the pair's plan quote (the longest overlap wins)."""
    best: tuple[int, CommitmentItem] | None = None
    span = locate(plan["quote"], texts.get((plan["doc"], plan["page"]), ""))
    if span is None:
        return None
    for item in items:
        r: Record = item.record
        if (r.doc_id, r.page) != (plan["doc"], plan["page"]):
            continue
        size = min(span[1], r.provenance.end) - max(span[0], r.provenance.start)
        if size > 0 and (best is None or size > best[0]):
            best = (size, item)
    return best[1] if best else None


def _overlaps(
    gold: Mapping[str, Any], doc: str, page: int, quote: str, texts: Mapping[tuple[str, int], str]
) -> bool:
    if (gold["doc"], gold["page"]) != (doc, page):
        return False
    text = texts.get((doc, page), "")
    a, b = locate(gold["quote"], text), locate(quote, text)
    return a is not None and b is not None and min(a[1], b[1]) > max(a[0], b[0])


def run(pairs: Sequence[dict[str, Any]], corpus: Path | None = None) -> tuple[Report, list[CommitmentItem]]:
    docs = sorted({p["plan"]["doc"] for p in pairs} | {q["doc"] for p in pairs for q in p["later"]})
    records, pages = extract_corpus(docs, corpus)
    from ingest.manifest import load_manifest

    manifest = load_manifest(corpus or Settings().corpus_dir)
    items: list[CommitmentItem] = []
    with tempfile.TemporaryDirectory() as tmp:
        store = RegisterStore(Path(tmp) / "register.sqlite")
        try:
            for doc in docs:
                store.replace_document(manifest[doc], records[doc])
            for municipality in sorted({p["municipality"] for p in pairs}):
                items += commitments(store, municipality, _Pages(pages), Settings().commitments)
        finally:
            store.close()
    return evaluate(pairs, items, pages), items


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--pairs", type=Path, default=PAIRS)
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--json", action="store_true", help="figures as JSON")
    parser.add_argument("--misses", action="store_true", help="list the pairs the check gets wrong")
    args = parser.parse_args(argv)
    report, items = run(load_pairs(args.pairs), args.corpus)
    if args.json:
        print(json.dumps(report.to_json(), indent=2))
        return 0
    data = report.to_json()
    print(f"Commitment check vs {report.pairs} hand-made plan→later pairs")
    print(f"  commitment found:      {report.found}/{report.pairs}")
    print(f"  status right:          {report.status_right}/{report.pairs} ({data['status_accuracy']:.3f})")
    print(f"  status + quote right:  {report.right}/{report.pairs} ({data['accuracy']:.3f})")
    print("  gold->got: " + ", ".join(f"{k} {v}" for k, v in data["confusion"].items()))
    statuses = Counter(i.status for i in items)
    print("  all commitments: " + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())))
    if args.misses:
        for miss in report.misses:
            print("MISS " + json.dumps(miss, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
