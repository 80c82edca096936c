"""Per-document ingest limits: pages, text per page and per document, time (with a fake clock)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.errors import IngestTimeLimitError, TooManyPagesError, TooMuchTextError
from assistant.settings import Settings
from assistant.types import Page
from ingest import limits as limits_module
from ingest.chunking import chunk_document
from ingest.limits import Deadline, DocumentLimits, TextMeter, number
from ingest.parse import parse_document
from ingest.pdf import read_pdf
from tests import pdf_factory

PAGE = ["1. Inleiding", "De gemeente ondersteunt mantelzorgers met respijtzorg en advies."]


def _clock(step: float) -> Iterator[float]:
    t = 0.0
    while True:
        yield t
        t += step


def test_numbers_read_dutch() -> None:
    assert (number(5_000_000), number(300), number(300.0), number(0.5)) == ("5.000.000", "300", "300", "0,5")


def test_deadline_raises_once_its_seconds_have_passed() -> None:
    ticks = iter([0.0, 100.0, 300.0, 300.5])
    deadline = Deadline(300, "plan.pdf", clock=lambda: next(ticks))
    deadline.check()  # 100 s
    deadline.check()  # 300 s: not beyond
    with pytest.raises(IngestTimeLimitError) as info:
        deadline.check()
    message = str(info.value)
    assert message.startswith("plan.pdf:") and "300 s" in message and "BELEID_INGEST_MAX_SECONDS" in message


def test_too_many_pages_is_refused_before_any_text_is_read(tmp_path: Path) -> None:
    path = pdf_factory.make_text_pdf(tmp_path / "dik.pdf", [PAGE, PAGE, PAGE])
    with pytest.raises(TooManyPagesError) as info:
        read_pdf(path, DocumentLimits("dik.pdf", max_pages=2))
    assert "3 pagina's" in str(info.value) and "BELEID_INGEST_MAX_PAGES" in str(info.value)
    assert len(read_pdf(path, DocumentLimits("dik.pdf", max_pages=3))[0]) == 3


def test_a_page_that_expands_is_stopped_while_it_is_extracted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = pdf_factory.make_inflating_pdf(tmp_path / "bom.pdf", lines=3000)  # about 36,000 characters
    assert path.stat().st_size < 5000
    meters: list[TextMeter] = []
    original = DocumentLimits.meter

    def keep(self: DocumentLimits, page: int, before: int) -> TextMeter:
        meters.append(original(self, page, before))
        return meters[-1]

    monkeypatch.setattr(DocumentLimits, "meter", keep)
    with pytest.raises(TooMuchTextError) as info:
        read_pdf(path, DocumentLimits("bom.pdf", max_page_chars=1000))
    assert "pagina 1" in str(info.value) and "BELEID_INGEST_MAX_PAGE_CHARS" in str(info.value)
    (meter,) = meters
    assert 1000 < meter.chars < 1100  # extraction stopped at the limit, not after the whole page


def test_the_text_of_the_whole_document_is_limited(tmp_path: Path) -> None:
    path = pdf_factory.make_text_pdf(tmp_path / "lang.pdf", [PAGE] * 4)
    page_chars = len(read_pdf(path)[0][0])
    with pytest.raises(TooMuchTextError) as info:
        read_pdf(path, DocumentLimits("lang.pdf", max_chars=int(page_chars * 2.5)))
    assert "pagina 3" in str(info.value) and "BELEID_INGEST_MAX_CHARS" in str(info.value)


def test_without_limits_nothing_changes(tmp_path: Path) -> None:
    path = pdf_factory.make_text_pdf(tmp_path / "plan.pdf", [PAGE, ["Tweede pagina met tekst erop."]])
    limited = DocumentLimits.from_settings(Settings(), "plan.pdf")
    assert read_pdf(path, limited) == read_pdf(path)


def test_the_time_limit_is_checked_while_a_document_is_parsed(tmp_path: Path) -> None:
    path = pdf_factory.make_text_pdf(tmp_path / "plan.pdf", [PAGE, PAGE])
    settings = Settings(ingest_max_seconds=4)
    ticks = _clock(1.0)
    limits = DocumentLimits.from_settings(settings, "plan.pdf", clock=lambda: next(ticks))
    with pytest.raises(IngestTimeLimitError):
        parse_document(path, "plan", settings, limits)
    # Generous enough, the same document parses.
    assert parse_document(path, "plan", settings).chunks


def test_chunking_checks_between_its_stages() -> None:
    calls = 0

    def check() -> None:
        nonlocal calls
        calls += 1

    chunk_document("d", [Page(1, "\n".join(PAGE))], check=check)
    assert calls >= 4

    def stop() -> None:
        raise IngestTimeLimitError("te langzaam")

    with pytest.raises(IngestTimeLimitError):
        chunk_document("d", [Page(1, "\n".join(PAGE))], check=stop)


def test_the_meter_checks_the_clock_now_and_then(monkeypatch: pytest.MonkeyPatch) -> None:
    checks = 0

    def count(self: DocumentLimits) -> None:
        nonlocal checks
        checks += 1

    monkeypatch.setattr(DocumentLimits, "check_time", count)
    meter = DocumentLimits("x.pdf").meter(1, 0)
    for _ in range(limits_module._CLOCK_EVERY * 3):
        meter("ab", None, None, None, None)
    assert checks == 3 and meter.chars == 2 * limits_module._CLOCK_EVERY * 3
