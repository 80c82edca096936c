"""The "Vergelijken" view in Debian's headless Chromium: pick a theme and municipalities, read the
table, click a cell item and see its PDF page with the quote highlighted.

Screenshots land in test-output/screenshots/ (compare-*.png) for a human to look at.
"""

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
    with fake_app_server(tmp_path_factory.mktemp("compare-ui"), register=True) as live:
        yield live


@pytest.fixture
def compare_at(browser: Any, server: LiveServer) -> Iterator[Any]:
    """`compare_at(width, height)`: the compare view with its first table shown; no console errors."""

    def ready(page: Any) -> None:
        page.click("a[data-view='compare']")
        page.wait_for_selector(".compare-table")

    with page_opener(browser, server.url, ready) as open_page:
        yield open_page


def expect(locator: Any) -> Any:
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def cell(page: Any, row: str, municipality: str) -> Any:
    """The <td> of a row group ("goal", "budget", ...) in a municipality's column."""
    names = page.locator(".compare-table thead th").all_inner_texts()
    return page.locator(f".group-{row} tr:nth-child(2) td").nth(names.index(municipality))


def test_compare_table_opens_the_pdf_at_the_quote(compare_at: Any) -> None:
    page = compare_at()
    assert page.locator("a[data-view='compare']").get_attribute("aria-current") == "page"
    # The theme most municipalities write about comes first: here "jeugd", with both of them.
    assert page.input_value("#c-theme") == "jeugd"
    assert page.locator("#c-theme option:checked").inner_text() == "Jeugd · 2 gemeenten"
    assert page.locator(".compare-table thead th").all_inner_texts() == ["Anderstad", "Testdorp"]
    labels = page.locator(".group-head th").all_inner_texts()
    assert [x.lower() for x in labels] == ["doelen", "indicatoren", "budget (euro per jaar)", "toezeggingen"]
    indicator = cell(page, "indicator", "Anderstad").locator(".cell-item")
    assert "nulmeting 12,1% (2022); streefwaarde 10% (2026)" in indicator.inner_text()
    assert "anderstad-jeugdplan-2023 p. 1" in indicator.inner_text()
    empty = cell(page, "indicator", "Testdorp")
    assert empty.inner_text() == "Niets gevonden: geen indicatoren over jeugd in de documenten van Testdorp."
    export = page.locator("#compare-export")
    assert export.inner_text() == "Exporteer CSV"
    href = export.get_attribute("href") or ""
    assert href == "/api/compare?theme=jeugd&municipalities=Anderstad%2CTestdorp&format=csv&limit=0"
    shot(page, "compare-01-table.png")

    budget = cell(page, "budget", "Testdorp").locator(".cell-item").first
    assert "2022: € 2.400.000" in budget.inner_text()
    budget.click()
    page.locator(".pdf-highlight").first.wait_for(state="visible", timeout=20_000)
    assert page.locator("#panel-title").inner_text() == "Beleidsplan Sociaal Domein Testdorp 2022"
    assert page.locator("#page-label").inner_text() == "Pagina 2 van 2"
    assert page.locator("#panel-quote").inner_text() == "een budget van 2,4 miljoen euro"
    assert page.locator("#panel-status").inner_text() == "Het citaat is geel gemarkeerd op de pagina."
    assert page.locator(".pdf-highlight").count() == 2  # the quote wraps over two lines in the PDF
    assert budget.get_attribute("aria-pressed") == "true"
    shot(page, "compare-02-panel.png")

    page.keyboard.press("Escape")
    page.locator("#panel").wait_for(state="hidden")
    assert page.evaluate("document.activeElement.classList.contains('cell-item')")
    assert budget.get_attribute("aria-pressed") == "false"


def test_choosing_theme_and_municipalities_by_keyboard(compare_at: Any) -> None:
    page = compare_at()
    page.focus("#c-theme")
    with page.expect_response(lambda r: "/api/compare?" in r.url) as response:
        page.select_option("#c-theme", "armoede-schulden")
    assert "theme=armoede-schulden" in response.value.url
    expect(page.locator(".compare-table caption")).to_have_text("Armoede en schulden: gemeenten naast elkaar")
    # Anderstad's 2021 commitment cites the kadernota, not the youth plan.
    sources = cell(page, "measure", "Anderstad").locator(".item-source").all_inner_texts()
    assert sources == ["anderstad-kadernota-2021 p. 1"]

    testdorp = page.get_by_role("checkbox", name="Testdorp")
    testdorp.focus()
    with page.expect_response(lambda r: "/api/compare?" in r.url) as response:
        page.keyboard.press("Space")
    assert "municipalities=Anderstad&" in response.value.url + "&"
    # Locator waits, not wait_for_function("..."): a bare expression is eval'd, which the page's CSP blocks.
    expect(page.locator(".compare-table thead th")).to_have_count(1)
    assert "municipalities=Anderstad" in (page.locator("#compare-export").get_attribute("href") or "")

    page.get_by_role("checkbox", name="Anderstad").uncheck()
    expect(page.locator(".compare-table")).to_have_count(0)
    assert page.locator("#compare-status").inner_text() == "Kies ten minste één gemeente om te vergelijken."

    # Choices survive a reload (sessionStorage), like the chat's filters.
    page.reload()
    page.wait_for_selector("#c-municipality-list input", state="attached")
    assert page.input_value("#c-theme") == "armoede-schulden"
    assert not page.get_by_role("checkbox", name="Testdorp").is_checked()

    # A keyboard user reaches a cell item and opens it with Enter.
    page.get_by_role("checkbox", name="Anderstad").check()
    page.wait_for_selector(".compare-table .cell-item")
    item = page.locator(".compare-table .cell-item").first
    item.focus()
    page.keyboard.press("Enter")
    page.locator("#panel").wait_for(state="visible")
    assert page.evaluate("document.activeElement.id") == "panel-close"


def test_phone_width_scrolls_columns_and_panel_covers_the_screen(compare_at: Any) -> None:
    page = compare_at(390, 844)
    shot(page, "compare-03-phone.png")
    # No page-wide horizontal scroll: only the table's own region scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    region = page.locator(".compare-scroll")
    assert page.evaluate("el => el.scrollWidth > el.clientWidth", region.element_handle())
    assert page.locator(".compare-hint").is_visible()
    first = page.locator(".compare-table thead th").first.bounding_box()
    assert 240 <= first["width"] <= 340  # one municipality readable at a time
    page.locator(".group-budget .cell-item").first.scroll_into_view_if_needed()
    shot(page, "compare-04-phone-budget.png")
    page.locator(".group-budget .cell-item").first.click()
    page.locator(".pdf-highlight").first.wait_for(state="visible", timeout=20_000)
    box = page.locator("#panel").bounding_box()
    assert box["x"] == 0 and box["width"] == 390
    shot(page, "compare-05-phone-panel.png")
