"""Provenance: every record's quote stands verbatim on its page; what cannot be verified is dropped."""

from __future__ import annotations

from assistant.answering.verify import locate
from assistant.register.candidate import Candidate
from assistant.register.doctext import DocText
from assistant.register.extract import extract_records, verified
from tests.unit.register.conftest import document
from tests.unit.register.test_extract_goals import STRATEGIC, TREE
from tests.unit.register.test_extract_indicators import ANNEX, MEASUREMENTS


def test_every_record_quote_is_found_on_its_page_at_its_offsets() -> None:
    meta, pages, chunks = document([STRATEGIC, TREE, MEASUREMENTS, ANNEX])
    texts = {p.number: p.text for p in pages}
    records = extract_records(meta, pages, chunks)
    assert len(records) > 10
    for record in records:
        p = record.provenance
        assert locate(p.quote, texts[p.page]) is not None, record
        assert " ".join(texts[p.page][p.start : p.end].split()) == " ".join(p.quote.split()), record


def test_a_candidate_whose_quote_is_not_on_the_page_is_dropped() -> None:
    doc = DocText(*document(["Onze ambitie is dat iedereen meedoet."]))
    good = Candidate("goal", "iedereen doet mee", "Onze ambitie is dat iedereen meedoet.", 1)
    invented = Candidate("goal", "iedereen werkt", "Onze ambitie is dat iedereen werkt.", 1)
    wrong_page = Candidate("goal", "iedereen doet mee", "Onze ambitie is dat iedereen meedoet.", 7)
    assert [r.text for r in verified(doc, [good, invented, wrong_page])] == ["iedereen doet mee"]
