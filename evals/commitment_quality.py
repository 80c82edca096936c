"""The commitment check against hand-made plan→later pairs: is the status right, and is the later
quote the statement the pair names?

    python -m evals.commitment_quality [--pairs evals/register/commitment_pairs.jsonl] [--json]
        [--misses [tune|report|all]] [--goals]

The register is extracted from the corpus PDFs the way ingestion does (`register_quality`), the page
texts are the parsed pages, and the check runs exactly as `beleid commitments` does. A pair is right
when the commitment check has a record on the pair's plan quote, gives the pair's status and, when
the pair names later quotes, its later quote overlaps one of them on the same page. See
`evals/register/COMMITMENTS.md` for how the pairs were made.

The pairs fall in two halves by a rule fixed before any result was looked at: an odd pair number
("almelo-07") is the tune half, an even one the report half. Matching is tuned on the tune half
only (`--misses` lists its misses); the report half says how well that carries over.

A second figure, "given the plan sentence", checks the plan quotes that have no register record
too, as the check would if extraction had made one (`follow_up` on the sentence itself): it
separates what the matcher gets right from what extraction misses.

`--goals` lists every goal of the plan documents with its status and the later statement, so that
"every goal the later document discusses has a status and both quotes" can be read off (which goals
the 2022 plan does not discuss: `evals/register/COMMITMENTS.md`).
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
from assistant.register.commitments import CommitmentItem, commitments, follow_up
from assistant.register.models import Record
from assistant.register.store import RegisterStore
from assistant.settings import PROJECT_ROOT, Settings
from assistant.types import Page
from evals.register_quality import extract_corpus

PAIRS = PROJECT_ROOT / "evals" / "register" / "commitment_pairs.jsonl"
HALVES = ("tune", "report")


def half(pair: Mapping[str, Any]) -> str:
    """The half a pair belongs to, by the parity of the number its id ends in (fixed in advance)."""
    digits = "".join(c for c in str(pair["id"]).rsplit("-", 1)[-1] if c.isdigit())
    return "tune" if digits and int(digits) % 2 else "report"


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
    pairs: Sequence[dict[str, Any]],
    items: Sequence[CommitmentItem],
    pages: Mapping[str, Sequence[Page]],
    sentences: Mapping[str, CommitmentItem] | None = None,
) -> Report:
    """`sentences`: by pair id, the check of the plan sentence itself, for the pairs whose plan
    quote has no record (the matcher given what extraction missed)."""
    texts = {(doc, p.number): p.text for doc, found in pages.items() for p in found}
    report = Report(pairs=len(pairs))
    for pair in pairs:
        plan = pair["plan"]
        item = _item_for(plan, items, texts) or (sentences or {}).get(pair["id"])
        got = item.status if item else "missing"
        report.confusion[(pair["status"], got)] += 1
        if item is None:
            report.misses.append(
                {"id": pair["id"], "half": half(pair), "why": "no commitment on the plan quote",
                 "gold": pair["status"]}
            )  # fmt: skip
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
                    "id": pair["id"], "half": half(pair), "gold": pair["status"], "got": got,
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


@dataclass
class Run:
    items: list[CommitmentItem]
    pages: dict[str, list[Page]]
    sentences: dict[str, CommitmentItem]  # by pair id: the plan sentence checked itself, no record on it


def run(pairs: Sequence[dict[str, Any]], corpus: Path | None = None) -> Run:
    docs = sorted({p["plan"]["doc"] for p in pairs} | {q["doc"] for p in pairs for q in p["later"]})
    records, pages = extract_corpus(docs, corpus)
    from ingest.manifest import load_manifest

    manifest = load_manifest(corpus or Settings().corpus_dir)
    settings = Settings().commitments
    items: list[CommitmentItem] = []
    sentences: dict[str, CommitmentItem] = {}
    texts = {(doc, p.number): p.text for doc, found in pages.items() for p in found}
    with tempfile.TemporaryDirectory() as tmp:
        store = RegisterStore(Path(tmp) / "register.sqlite")
        try:
            for doc in docs:
                store.replace_document(manifest[doc], records[doc])
            for municipality in sorted({p["municipality"] for p in pairs}):
                items += commitments(store, municipality, _Pages(pages), settings)
            for pair in pairs:
                plan = pair["plan"]
                if _item_for(plan, items, texts) is None:
                    found = follow_up(
                        store,
                        pair["municipality"],
                        plan["doc"],
                        plan["page"],
                        plan["quote"],
                        _Pages(pages),
                        settings,
                    )
                    if found is not None:
                        sentences[pair["id"]] = found
        finally:
            store.close()
    return Run(items, {doc: list(found) for doc, found in pages.items()}, sentences)


def with_status(items: Sequence[CommitmentItem], docs: set[str]) -> dict[str, tuple[int, int]]:
    """Per type, of the commitments of `docs` that have a later document: how many get a status
    with a later quote (the commitment's own quote they always have)."""
    out: dict[str, tuple[int, int]] = {}
    for kind in ("goal", "measure"):
        mine = [
            i for i in items if i.record.doc_id in docs and i.record.type == kind and i.status != "no_later"
        ]
        said = [i for i in mine if i.status != "not_mentioned" and i.followups]
        out[kind] = (len(said), len(mine))
    return out


def goal_lines(items: Sequence[CommitmentItem], docs: set[str]) -> list[str]:
    """Each goal of `docs` that has a later document: status, page and text, and the later
    statement's page and quote."""
    lines = []
    for item in items:
        r = item.record
        if r.doc_id not in docs or r.type != "goal" or item.status == "no_later":
            continue
        later = item.followups[0] if item.followups else None
        said = f"p{later.page} ({later.score:.2f}): {later.quote[:100]}" if later else "-"
        lines.append(f"GOAL {item.status:13} p{r.page} {r.text[:90]}\n     later {said}")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--pairs", type=Path, default=PAIRS)
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--json", action="store_true", help="figures as JSON")
    parser.add_argument(
        "--goals", action="store_true", help="list each plan goal with its status and later statement"
    )
    parser.add_argument(
        "--misses",
        nargs="?",
        const="tune",
        choices=[*HALVES, "all"],
        help="list the pairs of a half (tune unless named) the check gets wrong, given the plan sentence",
    )
    args = parser.parse_args(argv)
    pairs = load_pairs(args.pairs)
    result = run(pairs, args.corpus)
    groups = {"total": pairs, **{h: [p for p in pairs if half(p) == h] for h in HALVES}}
    reports = {name: evaluate(group, result.items, result.pages) for name, group in groups.items()}
    given = {
        name: evaluate(group, result.items, result.pages, result.sentences) for name, group in groups.items()
    }
    plans = {p["plan"]["doc"] for p in pairs}
    said = with_status(result.items, plans)
    if args.json:
        data: dict[str, Any] = {name: report.to_json() for name, report in reports.items()}
        data["given_plan_sentence"] = {name: report.to_json() for name, report in given.items()}
        data["plan_commitments_with_status"] = {k: {"with_status": a, "of": b} for k, (a, b) in said.items()}
        print(json.dumps(data, indent=2))
        return 0
    print(f"Commitment check vs {len(pairs)} hand-made plan→later pairs (tune: odd numbers, report: even)")
    print(f"  {'':26}" + "".join(f"{name:>16}" for name in groups))
    rows = [
        ("commitment found", lambda r: (r.found, r.pairs)),
        ("status right", lambda r: (r.status_right, r.pairs)),
        ("status + quote right", lambda r: (r.right, r.pairs)),
    ]
    for label, get in rows:
        print(f"  {label:26}" + "".join(_fraction(*get(reports[name])) for name in groups))
    label = "  given the plan sentence"
    print(f"{label:28}" + "".join(_fraction(given[name].right, given[name].pairs) for name in groups))
    data = reports["total"].to_json()
    print("  gold->got (total): " + ", ".join(f"{k} {v}" for k, v in data["confusion"].items()))
    statuses = Counter(i.status for i in result.items)
    print("  all commitments: " + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())))
    print(
        "  plan commitments with a status and a later quote: "
        + ", ".join(f"{kind}s {a}/{b}" for kind, (a, b) in said.items())
    )
    if args.goals:
        for line in goal_lines(result.items, plans):
            print(line)
    if args.misses:
        shown = HALVES if args.misses == "all" else (args.misses,)
        for miss in given["total"].misses:
            if miss["half"] in shown:
                print("MISS " + json.dumps(miss, ensure_ascii=False))
    return 0


def _fraction(right: int, of: int) -> str:
    return f"{right:>3}/{of:<3} ({right / of if of else 0.0:.2f})".rjust(16)


if __name__ == "__main__":
    sys.exit(main())
