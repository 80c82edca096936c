"""The web UI in Debian's headless Chromium: ask, stream, cite, open the PDF at the quote, refuse.

Screenshots land in test-output/screenshots/ for a human to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.api_support import APART_WORD, DOC, REFUSE_WORD, LiveServer
from tests.e2e.browser_support import CHROMIUM, ask, fake_app_server, municipality_listed, page_opener, shot

QUESTION = "Hoeveel budget heeft Testdorp voor jeugdhulp in 2022?"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium: apt-get install -y chromium"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with fake_app_server(tmp_path_factory.mktemp("ui")) as live:
        yield live


@pytest.fixture
def page_at(browser: Any, server: LiveServer) -> Iterator[Any]:
    """`page_at(width, height)`: a fresh page on the app, with console errors collected."""
    with page_opener(browser, server.url, municipality_listed("Testdorp")) as open_page:
        yield open_page


def test_cited_answer_opens_the_pdf_with_the_quote_highlighted(page_at: Any) -> None:
    page = page_at()
    shot(page, "01-start.png")
    card = ask(page, QUESTION)
    assert "2,4 miljoen euro" in card.inner_text()
    chips = card.locator(".chip")
    assert chips.count() == 2
    assert card.locator(".cite-ref").count() == 2
    shot(page, "02-answer.png")

    chips.first.click()
    panel = page.locator("#panel")
    panel.wait_for(state="visible")
    highlight = page.locator(".pdf-highlight").first
    highlight.wait_for(state="visible", timeout=20_000)
    assert page.locator("#panel-title").inner_text() == "Beleidsplan Sociaal Domein Testdorp 2022"
    assert page.locator("#panel-meta").inner_text() == "Testdorp · 2022"
    assert page.locator("#page-label").inner_text() == "Pagina 2 van 2"
    assert "2,4 miljoen euro" in page.locator("#panel-quote").inner_text()
    assert page.locator("#panel-status").inner_text() == "Het citaat is geel gemarkeerd op de pagina."
    # The quote wraps over two lines in the PDF: one box per line, both over the rendered page.
    assert page.locator(".pdf-highlight").count() == 2
    box, canvas = highlight.bounding_box(), page.locator("#pdf-canvas").bounding_box()
    assert box["width"] > 50 and box["height"] > 5
    assert canvas["x"] <= box["x"] and box["x"] + box["width"] <= canvas["x"] + canvas["width"]
    assert page.evaluate("document.activeElement.id") == "panel-close"
    shot(page, "03-source-panel.png")

    page.keyboard.press("Escape")
    panel.wait_for(state="hidden")
    assert page.evaluate("document.activeElement.classList.contains('chip')")


def test_a_quote_of_pieces_that_stand_apart_highlights_each_piece(page_at: Any) -> None:
    # A table printed column by column is cited "label … value … value": each piece is marked.
    page = page_at()
    card = ask(page, f"Hoeveel budget heeft Testdorp {APART_WORD} voor jeugdhulp in 2022?")
    card.locator(".chip").first.click()
    page.locator(".pdf-highlight").first.wait_for(state="visible", timeout=20_000)
    assert page.locator("#panel-status").inner_text() == "Het citaat is geel gemarkeerd op de pagina."
    assert "Voor de jeugdhulp … 2,4 miljoen euro" in page.locator("#panel-quote").inner_text()
    assert page.locator(".pdf-highlight").count() == 2  # one box per piece, each on its own line
    shot(page, "03b-pieces-highlighted.png")


def test_refusal_is_shown_as_not_found(page_at: Any) -> None:
    page = page_at()
    card = ask(page, f"Wat is het budget voor {REFUSE_WORD}?")
    assert "refusal" in (card.get_attribute("class") or "")
    assert card.locator(".refusal-title").inner_text() == "Niet gevonden in de documenten"
    assert card.locator(".chip").count() == 0
    shot(page, "04-refusal.png")


def test_conversation_survives_a_reload_and_filters_are_sent(page_at: Any) -> None:
    page = page_at()
    page.select_option("#f-municipality", "Testdorp")
    with page.expect_response(lambda r: r.url.endswith("/api/ask")) as response:
        ask(page, QUESTION)
    assert response.value.request.post_data_json["municipality"] == "Testdorp"
    page.reload()
    page.wait_for_selector(".msg-bot .chip")
    assert page.locator(".msg-user").count() == 1
    assert page.input_value("#f-municipality") == "Testdorp"
    with page.expect_request(lambda r: r.url.endswith("/api/ask")) as follow_up:
        ask(page, "En hoeveel gaat naar preventie?")
    assert follow_up.value.post_data_json["history"][0]["question"] == QUESTION


def test_documents_view_lists_the_index(page_at: Any) -> None:
    page = page_at()
    page.click("a[data-view='documents']")
    rows = page.locator("#docs-body tr")
    rows.first.wait_for()
    assert rows.count() == 2
    assert page.locator("a[data-view='documents']").get_attribute("aria-current") == "page"
    link = page.locator(f"#docs-body a[href='/api/documents/{DOC}/pdf']")
    assert link.count() == 1
    assert page.locator("a[data-view='compare']").inner_text() == "Vergelijken"
    shot(page, "05-documents.png")


def test_phone_width_panel_is_full_screen(page_at: Any) -> None:
    page = page_at(390, 844)
    shot(page, "06-phone-start.png")
    card = ask(page, QUESTION)
    shot(page, "07-phone-answer.png")
    card.locator(".chip").first.click()
    page.locator(".pdf-highlight").first.wait_for(state="visible", timeout=20_000)
    box = page.locator("#panel").bounding_box()
    assert box["x"] == 0 and box["width"] == 390 and box["height"] == 844
    shot(page, "08-phone-panel.png")
    page.keyboard.press("Escape")
    page.click("a[data-view='documents']")
    page.locator("#docs-body tr").first.wait_for()
    shot(page, "09-phone-documents.png")


def test_api_docs_render_offline_from_our_own_files(browser: Any, server: LiveServer) -> None:
    context = browser.new_context()
    page = context.new_page()
    foreign: list[str] = []
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    def only_local(route: Any) -> None:
        if route.request.url.startswith(server.url):
            route.continue_()
        else:  # no CDN: a request that leaves the server fails, as it would offline
            foreign.append(route.request.url)
            route.abort()

    page.route("**/*", only_local)
    page.goto(server.url + "/docs")
    page.wait_for_selector(".opblock-summary-path[data-path='/api/ask']")
    shot(page, "api-docs.png")
    context.close()
    assert foreign == [] and errors == [], (foreign, errors)
