"""Tiny PDFs for tests, built with reportlab (a dev dependency).

    make_text_pdf(path, [["1. Inleiding", "Eerste zin."], ["Tweede pagina."]], title="Testplan")
    make_text_pdf(path, pages, password="", algorithm="AES-256")  # encrypted, opens without one
    make_encrypted_pdf(path)             # needs a password to open
    make_encrypted_pdf(path, algorithm="AES-128")
    encrypt_pdf(path, "geheim", algorithm="RC4-128")  # encrypts an existing PDF in place
    make_scanned_pdf(path)               # an image only: no text layer
    make_inflating_pdf(path, 400_000)    # a few KB whose page extracts to 400,000 short lines
    make_corrupt_pdf(path)               # starts with %PDF, but the rest is garbage
    make_not_pdf(path)                   # a text file with a .pdf name

Each function writes `path` and returns it. Text is drawn line by line in Helvetica, so pypdf
reads it back line by line.
"""

from __future__ import annotations

from pathlib import Path

_TOP = 800
_LEFT = 56
_LEADING = 14


def make_text_pdf(
    path: Path,
    pages: list[list[str]],
    title: str = "Testdocument",
    author: str = "Gemeente Test",
    subject: str = "",
    password: str | None = None,
    owner_password: str | None = None,
    algorithm: str | None = None,
) -> Path:
    """One PDF page per inner list, one text line per string; metadata from title/author/subject.

    `password` encrypts with that user password ("" encrypts but opens without one, like PDFs that
    only restrict printing); `owner_password` defaults to a fixed value when encrypting. Without
    `algorithm` reportlab encrypts (RC4); with one ("AES-256", "AES-128", "RC4-128", "RC4-40")
    pypdf does, as `encrypt_pdf`.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    encrypt = None
    if password is not None and algorithm is None:
        from reportlab.lib import pdfencrypt

        encrypt = pdfencrypt.StandardEncryption(password, ownerPassword=owner_password or "eigenaar")
    path = Path(path)
    pdf = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    if title:
        pdf.setTitle(title)
    if author:
        pdf.setAuthor(author)
    if subject:
        pdf.setSubject(subject)
    for lines in pages:
        pdf.setFont("Helvetica", 10)
        y = _TOP
        for line in lines:
            pdf.drawString(_LEFT, y, line)
            y -= _LEADING
        pdf.showPage()
    pdf.save()
    if password is not None and algorithm is not None:
        encrypt_pdf(path, password, owner_password or "eigenaar", algorithm=algorithm)
    return path


def make_encrypted_pdf(path: Path, password: str = "geheim", algorithm: str | None = None) -> Path:
    """A text PDF that cannot be opened without `password` (reportlab's RC4 without `algorithm`)."""
    return make_text_pdf(
        path,
        [["Vertrouwelijk beleidsstuk over de Wmo en jeugdhulp."]],
        password=password,
        algorithm=algorithm,
    )


def encrypt_pdf(
    path: Path, user_password: str = "", owner_password: str = "eigenaar", algorithm: str = "AES-256"
) -> Path:
    """Encrypts the PDF at `path` in place with pypdf (AES needs the `cryptography` package)."""
    import io

    from pypdf import PdfReader, PdfWriter

    path = Path(path)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(path.read_bytes())))
    writer.encrypt(user_password, owner_password, algorithm=algorithm)
    with path.open("wb") as f:
        writer.write(f)
    return path


def make_scanned_pdf(path: Path, pages: int = 1) -> Path:
    """Pages holding only an image (a grey box with shapes), as a scanner without OCR makes them."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    path = Path(path)
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for _ in range(pages):
        pdf.drawImage(ImageReader(io.BytesIO(_tiny_png())), 56, 400, width=400, height=300)
        pdf.showPage()
    pdf.save()
    return path


def make_inflating_pdf(path: Path, lines: int, line: str = "korte regel") -> Path:
    """One page drawing `line` `lines` times: the same text operators over and over compress a
    thousandfold, so 400,000 lines (about 5 MB of extracted text) take some 25 KB."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = Path(path)
    pdf = canvas.Canvas(str(path), pagesize=A4, pageCompression=1)
    text = pdf.beginText(_LEFT, _TOP)
    text.setFont("Helvetica", 10)
    for _ in range(lines):
        text.textLine(line)
    pdf.drawText(text)
    pdf.showPage()
    pdf.save()
    return path


def make_corrupt_pdf(path: Path) -> Path:
    """A file with a PDF signature but no readable structure."""
    path = Path(path)
    path.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R\nstream\x00\xff")
    return path


def make_not_pdf(path: Path, text: str = "Dit is geen PDF maar een tekstbestand.\n") -> Path:
    """A plain text file, whatever its name says."""
    path = Path(path)
    path.write_text(text, encoding="utf-8")
    return path


def _tiny_png() -> bytes:
    """An 8x8 grey PNG, written by hand so that no imaging library is needed."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + bytes([128 if (x + y) % 2 else 200 for x in range(8)]) for y in range(8))
    header = struct.pack(">IIBBBBB", 8, 8, 8, 0, 0, 0, 0)
    body = chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body
