"""Per-document limits of ingest: pages, extracted text and time.

A PDF of a few KB can expand to megabytes of text (a content stream of one short line repeated
compresses a thousandfold), and every later stage grows with the text. Such a document is refused
with an error that names the setting to raise, so that one file cannot hold the ingest lock for
hours, and the other files of the run go on. Time is checked cooperatively, between pages, while
a page's text is extracted and between the stages of chunking: nothing is interrupted from outside.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from assistant.errors import IngestTimeLimitError, TooManyPagesError, TooMuchTextError
from assistant.prompts import say
from assistant.settings import Settings

Clock = Callable[[], float]

# The visitor sees every piece of text pypdf extracts; reading the clock for each costs more than
# the piece, so the time is checked every this many pieces.
_CLOCK_EVERY = 256


def number(value: float) -> str:
    """A limit as the Dutch write it: 5.000.000, 300, 0,5."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:g}".replace(".", ",")


class Deadline:
    """`seconds` from now on `clock`; `check()` raises IngestTimeLimitError once they have passed."""

    def __init__(self, seconds: float, file: str, clock: Clock = time.monotonic) -> None:
        self.seconds = seconds
        self.file = file
        self._clock = clock
        self._end = clock() + seconds

    def check(self) -> None:
        if self._clock() > self._end:
            raise IngestTimeLimitError(
                say("error_ingest_too_slow", file=self.file, limit=number(self.seconds))
            )


@dataclass(frozen=True)
class DocumentLimits:
    """What one document may cost; None: no limit of that kind."""

    file: str
    max_pages: int | None = None
    max_chars: int | None = None
    max_page_chars: int | None = None
    deadline: Deadline | None = None

    @classmethod
    def from_settings(cls, settings: Settings, file: str, clock: Clock = time.monotonic) -> DocumentLimits:
        """The limits of `settings`, the time counted from now."""
        return cls(
            file=file,
            max_pages=settings.ingest.max_pages,
            max_chars=settings.ingest.max_chars,
            max_page_chars=settings.ingest.max_page_chars,
            deadline=Deadline(settings.ingest.max_seconds, file, clock),
        )

    def check_time(self) -> None:
        if self.deadline is not None:
            self.deadline.check()

    def check_pages(self, pages: int) -> None:
        if self.max_pages is not None and pages > self.max_pages:
            raise TooManyPagesError(
                say("error_too_many_pages", file=self.file, pages=number(pages), limit=number(self.max_pages))
            )

    def check_text(self, page: int, page_chars: int, total_chars: int) -> None:
        """After `page` (1-based) yielded `page_chars`, making `total_chars` for the document so far."""
        if self.max_page_chars is not None and page_chars > self.max_page_chars:
            raise TooMuchTextError(
                say("error_page_too_much_text", file=self.file, page=page, limit=number(self.max_page_chars))
            )
        if self.max_chars is not None and total_chars > self.max_chars:
            raise TooMuchTextError(
                say("error_too_much_text", file=self.file, page=page, limit=number(self.max_chars))
            )

    def meter(self, page: int, before: int) -> TextMeter:
        """A pypdf text visitor for `page` that stops the extraction as soon as a limit is passed;
        `before`: the document's characters on the pages before."""
        return TextMeter(self, page, before)


class TextMeter:
    """Counts the text pypdf extracts from one page and raises as soon as a limit is passed, so that
    a page that expands to megabytes is not extracted whole first.

    pypdf hands the visitor the pieces it joins into the page text (separators aside), so the count
    stays at or below the final length: what the meter refuses, the full text would exceed.
    """

    def __init__(self, limits: DocumentLimits, page: int, before: int) -> None:
        self._limits = limits
        self._page = page
        self._before = before
        self.chars = 0
        self._calls = 0

    def __call__(self, text: str, *_: Any) -> None:
        self.chars += len(text)
        self._limits.check_text(self._page, self.chars, self._before + self.chars)
        self._calls += 1
        if self._calls % _CLOCK_EVERY == 0:
            self._limits.check_time()
