import json
import subprocess
import sys
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


ALGORITHMS = ["AES-256", "AES-128", "RC4-128"]


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_empty_password_pdf_is_read_whatever_the_cipher(tmp_path: Path, algorithm: str) -> None:
    path = pdf_factory.make_text_pdf(
        tmp_path / "open.pdf", [["Leesbaar zonder wachtwoord, alleen beveiligd."]], title="Open plan",
        password="", algorithm=algorithm,
    )  # fmt: skip
    texts, meta = read_pdf(path)
    assert "Leesbaar zonder wachtwoord" in texts[0] and meta["title"] == "Open plan"


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_user_password_pdf_is_reported_as_protected(tmp_path: Path, algorithm: str) -> None:
    path = pdf_factory.make_encrypted_pdf(tmp_path / "dicht.pdf", algorithm=algorithm)
    with pytest.raises(EncryptedPdfError, match="beveiligd met een wachtwoord") as info:
        read_pdf(path)
    assert "beschadigd" not in str(info.value)


# Run in a child process: pypdf picks its AES backend when it is first imported.
_WITHOUT_CRYPTO = """
import json, sys
sys.modules["cryptography"] = None  # as if not installed; pycryptodome would serve pypdf too
sys.modules["Crypto"] = None
from ingest.pdf import read_pdf
out = {}
for path in sys.argv[1:]:
    try:
        read_pdf(path)
        out[path] = ["ok", ""]
    except Exception as exc:
        out[path] = [type(exc).__name__, str(exc)]
print(json.dumps(out))
"""


def test_without_an_aes_backend_the_error_says_what_to_install(tmp_path: Path) -> None:
    paths = [
        pdf_factory.make_text_pdf(tmp_path / f"{alg}.pdf", [["Leesbaar zonder wachtwoord."]], password="",
                                  algorithm=alg)
        for alg in ("AES-256", "AES-128")
    ]  # fmt: skip
    paths.append(pdf_factory.make_encrypted_pdf(tmp_path / "dicht.pdf", algorithm="AES-256"))
    child = subprocess.run(
        [sys.executable, "-c", _WITHOUT_CRYPTO, *map(str, paths)],
        cwd=Path(__file__).resolve().parents[3], capture_output=True, text=True, check=True,
    )  # fmt: skip
    results = json.loads(child.stdout)
    for path in paths:
        kind, message = results[str(path)]
        assert kind == "EncryptedPdfError", (path.name, kind, message)
        assert "pip install cryptography" in message and "beschadigd" not in message
        assert message.startswith(path.name) and "\n" not in message


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
