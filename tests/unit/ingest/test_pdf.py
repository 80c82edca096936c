from pathlib import Path

import pytest

from assistant.errors import CorruptPdfError, EncryptedPdfError, NotAPdfError, NoTextLayerError
from ingest.pdf import read_pdf
from tests import pdf_factory


def test_reads_pages_and_metadata(tmp_path: Path) -> None:
    path = pdf_factory.make_text_pdf(
        tmp_path / "plan.pdf",
        [["1. Inleiding", "De gemeente ondersteunt mantelzorgers."], ["Tweede pagina met tekst."]],
        title="Beleidsplan",
        author="Gemeente Almelo",
        subject="Sociaal domein",
    )
    texts, meta = read_pdf(path)
    assert len(texts) == 2
    assert "De gemeente ondersteunt mantelzorgers." in texts[0]
    assert "Tweede pagina" in texts[1]
    assert meta == {"title": "Beleidsplan", "author": "Gemeente Almelo", "subject": "Sociaal domein"}


def test_placeholder_metadata_is_left_out(tmp_path: Path) -> None:
    path = pdf_factory.make_text_pdf(tmp_path / "x.pdf", [["Een pagina met genoeg woorden erop."]], title="")
    assert "title" not in read_pdf(path)[1]


def test_empty_password_pdf_is_read(tmp_path: Path) -> None:
    path = pdf_factory.make_text_pdf(
        tmp_path / "open.pdf", [["Leesbaar zonder wachtwoord, alleen beveiligd."]], password=""
    )
    texts, _ = read_pdf(path)
    assert "Leesbaar zonder wachtwoord" in texts[0]


@pytest.mark.parametrize(
    ("make", "error", "hint"),
    [
        (pdf_factory.make_encrypted_pdf, EncryptedPdfError, "wachtwoord"),
        (pdf_factory.make_scanned_pdf, NoTextLayerError, "OCR"),
        (pdf_factory.make_corrupt_pdf, CorruptPdfError, "beschadigd"),
        (pdf_factory.make_not_pdf, NotAPdfError, "geen PDF"),
    ],
)
def test_unreadable_files_raise_typed_one_line_errors(tmp_path: Path, make, error, hint) -> None:
    path = make(tmp_path / "bestand.pdf")
    with pytest.raises(error) as info:
        read_pdf(path)
    message = str(info.value)
    assert hint in message and "bestand.pdf" in message and "\n" not in message


def test_missing_file_is_reported_as_not_a_pdf(tmp_path: Path) -> None:
    with pytest.raises(NotAPdfError):
        read_pdf(tmp_path / "bestaat-niet.pdf")


def test_pypdf_noise_is_silenced(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = pdf_factory.make_corrupt_pdf(tmp_path / "kapot.pdf")
    with pytest.raises(CorruptPdfError):
        read_pdf(path)
    assert not [r for r in caplog.records if r.name.startswith("pypdf") and r.levelname == "WARNING"]
