"""The commitment eval: the halves are fixed by the pair number, a pair is right with the status and
an overlapping later quote, and `--goals` lists each plan goal with what the later document says."""

from __future__ import annotations

from assistant.register.commitments import CommitmentItem, Followup
from assistant.types import DocumentMeta, Page
from evals.commitment_quality import evaluate, goal_lines, half
from tests.register_support import record_on

PLAN = DocumentMeta("stad-review-2020", "Stad", "Review", 2020, "2020", "voortgangsrapportage")
PLAN_PAGE = "In 2022 redden meer inwoners zich zonder hulp.\nWe starten met de vlekkenkaart.\n"
LATER_PAGE = "Bevorderen zelfredzaamheid van inwoners in alle wijken.\nDe wijkteams blijven.\n"
PAGES = {PLAN.doc_id: [Page(1, PLAN_PAGE)], "stad-plan-2022": [Page(1, LATER_PAGE)]}


def _items() -> list[CommitmentItem]:
    goal = record_on("goal", "In 2022 redden meer inwoners zich zonder hulp.", PLAN, PLAN_PAGE)
    measure = record_on("measure", "We starten met de vlekkenkaart.", PLAN, PLAN_PAGE)
    later = Followup("stad-plan-2022", 1, LATER_PAGE.splitlines()[0], "", 0.6)
    return [CommitmentItem(goal, "on_schedule", (later,)), CommitmentItem(measure, "not_mentioned")]


def _pair(number: str, quote: str, status: str, later: list[dict[str, object]]) -> dict[str, object]:
    plan = {"doc": PLAN.doc_id, "page": 1, "quote": quote}
    return {"id": f"stad-{number}", "municipality": "Stad", "plan": plan, "later": later, "status": status}


def test_halves_and_what_counts_as_right() -> None:
    assert [half({"id": f"almelo-{n}"}) for n in ("01", "02", "27")] == ["tune", "report", "tune"]
    right_quote = {"doc": "stad-plan-2022", "page": 1, "quote": "Bevorderen zelfredzaamheid van inwoners"}
    wrong_quote = {"doc": "stad-plan-2022", "page": 1, "quote": "De wijkteams blijven."}
    pairs = [
        _pair("01", "redden meer inwoners zich zonder hulp", "on_schedule", [right_quote]),
        _pair("03", "redden meer inwoners zich zonder hulp", "on_schedule", [wrong_quote]),
        _pair("05", "We starten met de vlekkenkaart.", "not_mentioned", []),
        _pair("07", "Dit staat er niet.", "not_mentioned", []),
    ]
    report = evaluate(pairs, _items(), PAGES)
    assert (report.found, report.status_right, report.right) == (3, 3, 2)
    assert [m["id"] for m in report.misses] == ["stad-03", "stad-07"]


def test_goal_lines_list_each_plan_goal_with_its_later_statement() -> None:
    (line,) = goal_lines(_items(), {PLAN.doc_id})
    assert line.startswith("GOAL on_schedule")
    assert "p1 (0.60): Bevorderen zelfredzaamheid" in line
