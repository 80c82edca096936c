from __future__ import annotations

import io
from pathlib import Path

import pytest

from api.errors import describe_validation, field_name
from api.followup import to_filters, to_turns
from api.loadtest import is_loopback, main, percentile
from api.messages import Messages
from api.quotes import find_quote
from api.schemas import AskRequest
from api.sse import event, pieces
from api.uploads import UploadStore, looks_like_pdf, safe_stem
from assistant.conversation import Turn
from assistant.types import Filters


@pytest.mark.parametrize(
    ("text", "quote", "expected"),
    [
        ("Het budget is\n2,4 miljoen  euro.", "budget is 2,4 miljoen euro", (4, 31)),
        ("abc def", "c d", (2, 5)),
        ("Wmo-loket OPEN", "wmo-loket open", (0, 14)),
        ("abc", "xyz", None),
        ("abc", "   ", None),
        # A table row printed column by column: its cells in order, the span from the first to the last.
        ("Hond\neerste\ntweede\n89,28\n134,16", "Hond … tweede … 134,16", (0, 31)),
        ("Hond\neerste\ntweede\n89,28\n134,16", "tweede … eerste", None),
    ],
)
def test_find_quote_ignores_whitespace(text: str, quote: str, expected: tuple[int, int] | None) -> None:
    assert find_quote(text, quote) == expected


def test_find_quote_prefers_exact_case_and_maps_expanded_characters() -> None:
    text = "İstanbul budget; budget"
    start, end = find_quote(text, "budget") or (0, 0)
    assert text[start:end] == "budget"
    assert find_quote("Zie İSTANBUL", "i̇stanbul") == (4, 12)


def test_request_fields_become_filters_and_turns() -> None:
    request = AskRequest.model_validate(
        {"question": "En in Leusden?", "history": [{"question": "Jeugdhulp in Almelo?", "year": 2020}]}
    )
    assert to_filters("Almelo", 2020) == Filters(municipalities=("Almelo",), years=(2020,))
    assert to_filters(None, None) == Filters()
    assert to_turns(request.history) == [Turn("Jeugdhulp in Almelo?", "", None, 2020)]


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("Beleidsplan 2022.pdf", "beleidsplan-2022"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\x\\Nota_Armoede.PDF", "nota_armoede"),
        ("Café – Ëindrapport!!.pdf", "cafe-eindrapport"),
        ("--.pdf", None),
        (None, None),
    ],
)
def test_safe_stem(name: str | None, stem: str | None) -> None:
    result = safe_stem(name)
    assert set(result) <= set("abcdefghijklmnopqrstuvwxyz0123456789-_")
    if stem is None:
        assert result.startswith("document-")
    else:
        assert result == stem


def test_pdf_magic_within_the_first_kilobyte() -> None:
    assert looks_like_pdf(b"%PDF-1.7\n")
    assert looks_like_pdf(b"\n\n%PDF-1.4")
    assert not looks_like_pdf(b"PK\x03\x04 zip")
    assert not looks_like_pdf(b" " * 1024 + b"%PDF-")


def test_upload_store_stages_then_publishes_or_discards(tmp_path: Path) -> None:
    store = UploadStore(tmp_path / "uploads")
    row = {"slug": "nota", "municipality": "Testdorp", "title": "Nota", "year": "2023", "period": "2023"}
    staged = store.stage(io.BytesIO(b"%PDF-1.4 data"), "nota", {**row, "doc_type": "nota"})
    assert staged.pdf.read_bytes() == b"%PDF-1.4 data" and not staged.target.exists()
    assert (staged.pdf.parent / "manifest.csv").is_file()  # the form's metadata travels with it
    staged.publish()
    assert staged.target.read_bytes() == b"%PDF-1.4 data"
    assert "Testdorp" in (store.directory / "manifest.csv").read_text(encoding="utf-8")
    assert store.owns(staged.target) and not store.owns(tmp_path / "elders.pdf")
    store.discard(staged.key)
    other = store.stage(io.BytesIO(b"%PDF-1.4 anders"), "nota", None)
    store.discard(other.key)
    assert staged.target.read_bytes() == b"%PDF-1.4 data" and list(store.staging.iterdir()) == []


def test_sse_pieces_concatenate_to_the_text() -> None:
    text = "  Eerst dit [1].\nDan dat, met   spaties [2].  "
    parts = list(pieces(text))
    assert "".join(parts) == text and len(parts) > 2
    assert list(pieces("")) == []
    assert event("done", {"a": "é"}) == 'event: done\ndata: {"a": "é"}\n\n'


def test_validation_messages() -> None:
    msg = Messages(
        {"invalid_field": "{field}: {reason}", "reason_too_small": "min {limit}", "invalid_json": "json"}
    )
    assert field_name(("body", "history", 0, "question")) == "history[0].question"
    errors = [{"type": "greater_than_equal", "loc": ("query", "k"), "ctx": {"ge": 1}}]
    assert describe_validation(errors, msg) == "k: min 1"
    assert describe_validation([], msg) == "json"
    assert Messages({})("unknown_key") == "unknown_key"


def test_loadtest_helpers_and_loopback_only(capsys: pytest.CaptureFixture[str]) -> None:
    assert percentile([], 50) == 0.0
    assert percentile([5.0, 1.0, 3.0, 2.0, 4.0], 50) == 3.0
    assert percentile([float(i) for i in range(1, 101)], 95) == 95.0
    assert (
        is_loopback("http://127.0.0.1:8000")
        and is_loopback("http://localhost")
        and is_loopback("http://[::1]:80")
    )
    assert not is_loopback("http://example.org") and not is_loopback("http://10.0.0.1:8000")
    assert main(["--url", "http://example.org"]) == 2
    assert "loopback" in capsys.readouterr().err
    assert main(["--levels", "0"]) == 2
