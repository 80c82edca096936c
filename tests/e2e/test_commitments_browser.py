"""The commitments mode of the "Vergelijken" view in Debian's headless Chromium: each promise with
its status and both quotes, each opening its PDF page at the quote."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from api.quotes import find_quote
from assistant.catalog import Catalog
from assistant.register.models import Provenance
from assistant.register.store import RegisterStore
from tests.api_support import OTHER_DOC, PLAN_DOC, LiveServer
from tests.e2e.browser_support import CHROMIUM, fake_app_server, page_opener, shot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium: apt-get install -y chromium"),
]


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("commitments-ui")


@pytest.fixture(scope="module")
def server(root: Path) -> Iterator[LiveServer]:
    with fake_app_server(root, register=True) as live:
        yield live


def _compare_view(page: Any) -> None:
    page.click("a[data-view='compare']")
    page.wait_for_selector("#p-municipality option[value='Anderstad']", state="attached")


def test_commitments_show_status_and_open_both_quotes(browser: Any, server: LiveServer) -> None:
    from playwright.sync_api import expect

    with page_opener(browser, server.url, _compare_view) as open_page:
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


def test_a_promise_on_two_pages_says_ook_op_and_opens_the_other(
    browser: Any, server: LiveServer, root: Path
) -> None:
    from playwright.sync_api import expect

    # The 2021 promise also stands in the plan of 2023 (page 2): the register keeps that place.
    again = "Schuldhulp blijft gratis, ook voor gezinnen met kinderen."
    store = RegisterStore(root / "home" / "register.sqlite")
    try:
        meta = next(d.meta for d in store.documents() if d.meta.doc_id == OTHER_DOC)
        (promise,) = store.query(doc_id=OTHER_DOC)
        catalog = Catalog(root / "home" / "catalog.sqlite")
        found = find_quote(catalog.page(PLAN_DOC, 2).text, again)
        catalog.close()
        assert found is not None
        place = Provenance(PLAN_DOC, 2, again, *found)
        store.replace_document(meta, [promise.with_(also_at=(place,))], "also-at")
    finally:
        store.close()

    with page_opener(browser, server.url, _compare_view) as open_page:
        page = open_page(1280, 900)
        page.select_option("#p-municipality", "Anderstad")
        page.click("#promises-submit")
        also = page.locator("tr.promise-on_schedule td").nth(1).locator(".also-at")
        expect(also).to_have_text(f"ook op {PLAN_DOC} p. 2", timeout=30_000)
        also.scroll_into_view_if_needed()
        shot(page, "commitments-also-at.png")
        also.locator("button").click()
        page.locator(".pdf-highlight").first.wait_for(state="visible", timeout=20_000)
        expect(page.locator("#panel-quote")).to_contain_text(again)
