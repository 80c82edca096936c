"""The soak run's hostile files really are what they claim, and each fails ingest on its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.soak import hostile_pdfs
from assistant.errors import (
    CorruptPdfError,
    EncryptedPdfError,
    NotAPdfError,
    TooManyPagesError,
    TooMuchTextError,
)
from assistant.settings import Settings
from ingest.parse import parse_document

EXPECTED = {
    "opblazer.pdf": TooMuchTextError,
    "beveiligd.pdf": EncryptedPdfError,
    "kapot.pdf": CorruptPdfError,
    "veel-paginas.pdf": TooManyPagesError,
    "geen-pdf.pdf": NotAPdfError,
}


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    return hostile_pdfs()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_hostile_file_fails_with_its_own_error(
    files: dict[str, bytes], name: str, tmp_path: Path
) -> None:
    data = files[name]
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(EXPECTED[name]):
        parse_document(path, path.stem, Settings(home=tmp_path))


def test_the_inflating_pdf_is_small(files: dict[str, bytes]) -> None:
    assert len(files["opblazer.pdf"]) < 20_000  # and its one page inflates to about 5 MB of text
