"""A conversation in the browser: a follow-up is resolved, shown as understood, and answered on
the same topic, or refused with what the documents do hold."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from api.app import create_app
from tests.answering_support import assistant_over, world
from tests.api_support import LiveServer, fake_ingest, make_settings
from tests.e2e.browser_support import CHROMIUM, ask, municipality_listed, page_opener, shot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium: apt-get install -y chromium"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    root = tmp_path_factory.mktemp("followup")
    built = world(root / "world")
    assistant = assistant_over(built)
    settings = make_settings(root / "world")
    app = create_app(settings, assistant_factory=lambda s: assistant, ingest_factory=fake_ingest)
    with LiveServer(app) as live:
        yield live


@pytest.fixture
def page(browser: Any, server: LiveServer) -> Iterator[Any]:
    with page_opener(browser, server.url, municipality_listed("Leusden")) as open_page:
        yield open_page()


def test_a_follow_up_shows_what_was_understood_and_stays_on_topic(page: Any) -> None:
    first = ask(page, "Hoeveel geld reserveert Twenterand voor laaggeletterdheid?")
    assert "25.000" in first.locator(".answer-text").inner_text()
    assert first.locator(".resolved").count() == 0  # asked as it stands: nothing to explain

    second = ask(page, "En in Leusden?")
    understood = second.locator(".resolved").inner_text()
    assert understood == "Vraag begrepen als: Hoeveel geld reserveert Leusden voor laaggeletterdheid?"
    text = second.locator(".answer-text").inner_text()
    # Leusden's documents do not discuss it: an honest refusal that says where it does stand.
    assert "refusal" in (second.get_attribute("class") or "")
    assert "laaggeletterdheid" in text and "Twenterand" in text and "25.000" in text
    assert second.locator(".chip").count() >= 1
    shot(page, "followup-leusden.png")

    third = ask(page, "En in Almelo?")
    assert "Almelo" in third.locator(".resolved").inner_text()
