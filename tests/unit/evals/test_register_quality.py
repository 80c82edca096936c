"""The register scorer: an item repeated on its page is one gold record per occurrence."""

from __future__ import annotations

from assistant.register.models import Provenance, Record
from assistant.types import Page
from evals.register_quality import evaluate

PAGE = "Subdoel: A\n- Tegengaan eenzaamheid\nSubdoel: B\n- Tegengaan eenzaamheid\n"


def _record(*starts: int) -> Record:
    places = [Provenance("d", 1, "Tegengaan eenzaamheid", s, s + 21) for s in starts]
    return Record(
        type="measure", text="Tegengaan eenzaamheid", provenance=places[0], municipality="X", year=2020,
        also_at=tuple(places[1:]),
    )  # fmt: skip


def test_a_repeated_item_is_found_at_each_place_it_stands() -> None:
    gold = [{"doc": "d", "page": 1, "type": "measure", "quote": "Tegengaan eenzaamheid"}] * 2
    scope = {("d", "measure"): {1}}
    first, second = PAGE.index("Tegengaan"), PAGE.rindex("Tegengaan")
    both = evaluate(gold, scope, {"d": [_record(first, second)]}, {"d": [Page(1, PAGE)]})
    assert (both.scores["measure"].tp, both.scores["measure"].fn) == (2, 0)
    # Standing only at its first place, the record answers for one occurrence.
    once = evaluate(gold, scope, {"d": [_record(first)]}, {"d": [Page(1, PAGE)]})
    assert (once.scores["measure"].tp, once.scores["measure"].fn) == (1, 1)
