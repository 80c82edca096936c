"""Shared by the browser tests: where Chromium is, where screenshots go, the app they drive and how
they ask it a question."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from api.app import create_app
from tests.api_support import (
    LiveServer,
    add_budgets,
    add_register,
    build_fake_assistant,
    fake_ingest,
    make_settings,
)

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


@contextmanager
def fake_app_server(root: Path, register: bool = False, budgets: bool = False) -> Iterator[LiveServer]:
    """The real app on loopback over the fake Testdorp assistant (and its register, and two
    budgets of Anderstad, if asked)."""
    settings = make_settings(root / "home")
    assistant = build_fake_assistant(settings, root / "corpus")
    if register:
        add_register(assistant, root / "corpus")
    if budgets:
        add_budgets(assistant, root / "corpus")
    app = create_app(settings, assistant_factory=lambda s: assistant, ingest_factory=fake_ingest)
    with LiveServer(app) as live:
        yield live


def municipality_listed(name: str) -> Callable[[Any], object]:
    """A page is ready once the municipality filter offers `name` (the app has loaded its documents)."""
    return lambda page: page.wait_for_selector(f"#f-municipality option[value='{name}']", state="attached")


def ask(page: Any, question: str) -> Any:
    """Types and presses Enter; returns the new answer card once it is final."""
    before = page.locator(".msg-bot").count()
    page.fill("#question", question)
    with page.expect_request(lambda r: r.url.endswith("/api/ask")) as request:
        page.press("#question", "Enter")
    assert request.value.headers["accept"] == "text/event-stream"
    card = page.locator(".msg-bot").nth(before)
    card.wait_for(state="visible")
    page.wait_for_function(
        "n => document.querySelectorAll('.msg-bot')[n]?.getAttribute('aria-busy') === null", arg=before
    )
    return card
