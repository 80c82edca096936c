"""Shared by the browser tests: where Chromium is and where screenshots go."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"


def shot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name))


@contextmanager
def page_opener(browser: Any, url: str, ready: Callable[[Any], object]) -> Iterator[Callable[..., Any]]:
    """Yields `open_page(width, height)`: a fresh context on the app at `url`, returned once
    `ready(page)` has waited for what the test needs. On exit the contexts close and no console
    error or page error may have been logged on any of the pages."""
    contexts: list[Any] = []
    errors: list[str] = []

    def open_page(width: int = 1280, height: int = 860) -> Any:
        context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
        contexts.append(context)
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(url + "/")
        ready(page)
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert errors == [], errors
