"""A tiny text PDF for eval tests: one list of lines per page, drawn with reportlab."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


def write_text_pdf(path: Path, pages: Sequence[Sequence[str]]) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4)
    for lines in pages:
        y = 800.0
        for line in lines:
            pdf.drawString(50, y, line)
            y -= 16
        pdf.showPage()
    pdf.save()
    return path
