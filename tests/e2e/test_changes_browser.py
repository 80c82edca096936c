"""The years mode of the "Vergelijken" view in Debian's headless Chromium: two budgets of one
municipality, line by line, each side opening its PDF page at the quote."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.api_support import LiveServer
from tests.e2e.browser_support import CHROMIUM, fake_app_server, page_opener, shot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium: apt-get install -y chromium"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with fake_app_server(tmp_path_factory.mktemp("changes-ui"), register=True, budgets=True) as live:
        yield live


def test_years_mode_lists_changed_new_and_removed_lines_with_both_sources(
    browser: Any, server: LiveServer
) -> None:
    from playwright.sync_api import expect

    def ready(page: Any) -> None:
        page.click("a[data-view='compare']")
        page.wait_for_selector("#y-municipality option[value='Anderstad']", state="attached")

    with page_opener(browser, server.url, ready) as open_page:
        page = open_page(1280, 900)
        page.select_option("#y-municipality", "Anderstad")
        page.fill("#y-from", "2024")
        page.fill("#y-to", "2025")
        page.click("#years-submit")
        table = page.locator(".changes-table")
        expect(table).to_be_visible()
        expect(page.locator("#years-status")).to_contain_text("1 gewijzigd, 1 nieuw, 1 vervallen")
        changed = page.locator("tr.change-changed")
        expect(changed.locator("th")).to_have_text("Jeugdhulp")
        expect(changed.locator("td").nth(3)).to_contain_text("1.200.000")
        expect(changed.locator("td").nth(4)).to_contain_text("1.350.000")
        expect(page.locator("tr.change-added th")).to_have_text("Schoolmaatschappelijk werk")
        expect(page.locator("tr.change-removed th")).to_have_text("Leerlingenvervoer")
        shot(page, "changes-years.png")

        # The 2024 side opens the 2024 budget at its line.
        changed.locator("td").nth(3).locator("button").click()
        page.locator(".pdf-highlight").first.wait_for(state="visible", timeout=20_000)
        expect(page.locator("#panel-quote")).to_have_text("Jeugdhulp 1.200.000")
        expect(page.locator("#panel-status")).to_have_text("Het citaat is geel gemarkeerd op de pagina.")
        expect(page.locator("#panel-title")).to_have_text("Programmabegroting 2024")
