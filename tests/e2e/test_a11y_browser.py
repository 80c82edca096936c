"""Accessibility, copy-out, upload and delete in Debian's headless Chromium.

axe-core (vendored in tests/e2e/vendor/, never served by the app, no CDN) checks the chat after an
answer, the chat with the source panel open and the compare view against WCAG 2.1 A/AA: no
violation of impact "serious" or "critical" may remain. A keyboard-only walkthrough asks, opens a
source, closes it with Escape and switches views without a mouse.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.api_support import LiveServer, make_pdf
from tests.e2e.browser_support import CHROMIUM, ask, fake_app_server, municipality_listed, page_opener, shot

QUESTION = "Hoeveel budget heeft Testdorp voor jeugdhulp in 2022?"
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium: apt-get install -y chromium"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with fake_app_server(tmp_path_factory.mktemp("a11y-ui"), register=True) as live:
        yield live


@pytest.fixture
def page_at(browser: Any, server: LiveServer) -> Iterator[Any]:
    with page_opener(browser, server.url, municipality_listed("Testdorp")) as open_page:
        yield open_page


def serious_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.1 A/AA violations of impact serious or critical on the page as it is now.
    Evaluated through the DevTools protocol, so the page's CSP (script-src 'self') stays as it is."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;void 0")
    violations: list[dict[str, Any]] = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, { runOnly: { type: "tag", values: tags } });
            return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
              nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")) }));
        }""",
        WCAG_21_AA,
    )
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def focused(page: Any, selector: str) -> bool:
    return bool(page.evaluate("s => document.activeElement?.matches(s) ?? false", selector))


def tab_to(page: Any, selector: str, key: str = "Tab", presses: int = 40) -> None:
    for _ in range(presses):
        if focused(page, selector):
            return
        page.keyboard.press(key)
    raise AssertionError(f"{selector} not reached with {key}")


def test_axe_finds_no_serious_violations_in_chat_panel_and_compare(page_at: Any) -> None:
    page = page_at()
    ask(page, QUESTION)
    assert serious_violations(page) == []

    page.locator(".msg-bot .chip").first.click()
    page.locator(".pdf-highlight").first.wait_for(state="visible", timeout=20_000)
    assert serious_violations(page) == []
    page.keyboard.press("Escape")

    page.click("a[data-view='compare']")
    page.wait_for_selector(".compare-table")
    assert serious_violations(page) == []

    page.click("a[data-view='documents']")
    page.wait_for_selector("#docs-body tr")
    assert serious_violations(page) == []


def test_keyboard_only_walkthrough(page_at: Any) -> None:
    page = page_at()
    page.keyboard.press("Tab")
    assert focused(page, ".skip-link")
    page.keyboard.press("Enter")  # the skip link lands in the question field
    if not focused(page, "#question"):
        tab_to(page, "#question")
    page.keyboard.type(QUESTION)
    page.keyboard.press("Enter")
    page.wait_for_selector(".msg-bot:not([aria-busy]) .chip")

    tab_to(page, ".chip", key="Shift+Tab")  # the answer stands above the question field
    page.keyboard.press("Enter")
    page.locator("#panel").wait_for(state="visible")
    assert focused(page, "#panel-close")
    page.keyboard.press("Escape")
    page.locator("#panel").wait_for(state="hidden")
    assert focused(page, ".chip")

    tab_to(page, "a[data-view='compare']", key="Shift+Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector(".compare-table")
    assert focused(page, "#compare-heading")
    assert page.locator("#view-chat").is_hidden()
    shot(page, "a11y-keyboard-compare.png")


def test_copy_as_markdown_puts_the_answer_with_numbered_sources_on_the_clipboard(page_at: Any) -> None:
    page = page_at()
    card = ask(page, QUESTION)
    page.evaluate("navigator.clipboard.writeText = async (text) => { window.copied = text; }")
    button = card.get_by_role("button", name="Kopieer als Markdown: dit antwoord met de genummerde bronnen")
    assert button.inner_text() == "Kopieer als Markdown"
    button.click()
    page.wait_for_function("() => window.copied !== undefined")
    copied = page.evaluate("window.copied")
    assert copied.startswith(
        "Testdorp reserveert voor jeugdhulp in 2022 een budget van 2,4 miljoen euro [1]."
    )
    assert "**Bronnen**" in copied
    assert (
        "1. *Beleidsplan Sociaal Domein Testdorp 2022* (`testdorp-beleidsplan-sociaal-domein-2022`), p. 2"
        in copied
    )
    assert "   > reserveert de gemeente in 2022 een budget van 2,4 miljoen euro" in copied
    assert card.locator(".copy-status").inner_text() == "Gekopieerd als Markdown."


def test_upload_form_and_delete_button(page_at: Any, tmp_path: Path) -> None:
    pdf = make_pdf(
        tmp_path / "testdorp-evaluatie-2024.pdf", [("Evaluatie Testdorp 2024", ["Het loket werkt."])]
    )
    page = page_at()
    dialogs: list[str] = []

    def answer(dialog: Any) -> None:
        dialogs.append(dialog.type)
        dialog.accept("geheim") if dialog.type == "prompt" else dialog.accept()

    page.on("dialog", answer)
    page.click("a[data-view='documents']")
    rows = page.locator("#docs-body tr")
    rows.first.wait_for()
    before = rows.count()

    page.set_input_files("#upload-file", str(pdf))
    page.click("#upload-send")
    status = page.locator("#upload-status")
    assert status.get_attribute("aria-live") == "polite"
    page.wait_for_function("() => document.getElementById('upload-status').textContent.includes('Klaar')")
    assert "testdorp-evaluatie-2024" in status.inner_text()
    page.wait_for_function("n => document.querySelectorAll('#docs-body tr').length === n", arg=before + 1)
    shot(page, "a11y-upload-done.png")

    row = rows.filter(has_text="testdorp-evaluatie-2024")
    row.locator("button.danger").click()
    page.wait_for_function("n => document.querySelectorAll('#docs-body tr').length === n", arg=before)
    assert "is verwijderd" in status.inner_text()
    assert dialogs == ["prompt", "confirm"]  # the token was asked once, then kept for the session
    assert page.evaluate("sessionStorage.getItem('beleid.upload-token.v1')") == "geheim"
