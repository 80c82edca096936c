"""The commitments mode of the "Vergelijken" view in Debian's headless Chromium: each promise with
its status and both quotes, each opening its PDF page at the quote."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.api_support import PLAN_DOC, LiveServer
from tests.e2e.browser_support import CHROMIUM, fake_app_server, page_opener, shot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium: apt-get install -y chromium"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with fake_app_server(tmp_path_factory.mktemp("commitments-ui"), register=True) as live:
        yield live


def test_commitments_show_status_and_open_both_quotes(browser: Any, server: LiveServer) -> None:
    from playwright.sync_api import expect

    def ready(page: Any) -> None:
        page.click("a[data-view='compare']")
        page.wait_for_selector("#p-municipality option[value='Anderstad']", state="attached")

    with page_opener(browser, server.url, ready) as open_page:
        page = open_page(1280, 900)
        page.select_option("#p-municipality", "Anderstad")
        page.click("#promises-submit")
        expect(page.locator("#promises-status")).to_contain_text(
            "4 doelen en toezeggingen van Anderstad", timeout=30_000
        )
        row = page.locator("tr.promise-on_schedule")
        expect(row.locator("td").nth(0)).to_have_text("loopt (op schema)")
        expect(row.locator("td").nth(1)).to_contain_text("Schuldhulp blijft gratis")
        expect(row.locator("td").nth(2)).to_contain_text(PLAN_DOC)
        expect(page.locator("tr.promise-no_later")).to_have_count(3)
        shot(page, "commitments.png")

        # The later side opens the 2023 plan at the sentence that speaks about the promise.
        row.locator("td").nth(2).locator("button").click()
        page.locator(".pdf-highlight").first.wait_for(state="visible", timeout=20_000)
        expect(page.locator("#panel-quote")).to_contain_text("Schuldhulp blijft gratis, ook voor gezinnen")
        expect(page.locator("#panel-status")).to_have_text("Het citaat is geel gemarkeerd op de pagina.")
