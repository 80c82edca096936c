"""Document metadata: from `manifest.csv` beside the PDFs, else from the PDF itself and its file name."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

from assistant.errors import MissingMetadataError
from assistant.lexicon import DOCUMENT_YEAR, named_places
from assistant.prompts import say
from assistant.types import DocumentMeta

MANIFEST_NAME = "manifest.csv"
MANIFEST_COLUMNS = ("slug", "municipality", "title", "year", "period", "doc_type")

# File-name words that name the kind of document, most specific first.
DOC_TYPES = (
    ("midterm", "voortgangsrapportage"),
    ("voortgang", "voortgangsrapportage"),
    ("kadernota", "kadernota"),
    ("begroting", "begroting"),
    ("jaarrekening", "jaarrekening"),
    ("beleidskader", "beleidskader"),
    ("beleidsprogramma", "beleidsprogramma"),
    ("beleidsplan", "beleidsplan"),
    ("programma", "programma"),
    ("nota", "beleidsnota"),
    ("verordening", "verordening"),
    ("evaluatie", "evaluatie"),
)
MUNICIPALITY_PREFIX = re.compile(r"^\s*(?:gemeente|gem\.)\s+", re.IGNORECASE)


def load_manifest(directory: Path) -> dict[str, DocumentMeta]:
    """Rows of `manifest.csv` beside the PDFs, keyed by slug (the PDF file stem); {} when absent.

    A manifest one folder up counts too (`corpus/manifest.csv` describing `corpus/pdf/*.pdf`);
    the nearer one wins for a slug both name."""
    rows = _read_manifest(directory.parent / MANIFEST_NAME)
    rows.update(_read_manifest(directory / MANIFEST_NAME))
    return rows


def _read_manifest(path: Path) -> dict[str, DocumentMeta]:
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        missing = [c for c in MANIFEST_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise MissingMetadataError(say("error_manifest_columns", file=path, columns=", ".join(missing)))
        out = {}
        for row in reader:
            slug = (row.get("slug") or "").strip()
            if not slug:
                continue
            out[slug] = DocumentMeta(
                doc_id=slug,
                municipality=row["municipality"].strip(),
                title=row["title"].strip(),
                year=int(row["year"]),
                period=(row.get("period") or "").strip() or row["year"].strip(),
                doc_type=row["doc_type"].strip(),
                source=(row.get("source") or "").strip(),
            )
        return out


def infer_metadata(path: Path, pdf_meta: dict[str, Any], known_municipalities: set[str]) -> DocumentMeta:
    """Best effort from PDF metadata and the file name; says what to add when it cannot."""
    stem = path.stem
    title = str(pdf_meta.get("title") or "").strip() or stem.replace("-", " ").replace("_", " ")
    raw_author = str(pdf_meta.get("author") or "")
    author = MUNICIPALITY_PREFIX.sub("", raw_author).strip()
    # An author is the municipality only when it says so: Word exports carry a person's name.
    author_is_place = bool(MUNICIPALITY_PREFIX.match(raw_author)) or author in named_places(author)
    words = re.split(r"[-_\s]+", stem.lower())
    named = named_places(" ".join(words).title()) or named_places(title)
    municipality = (author if author_is_place else "") or next(
        (m for m in sorted(known_municipalities) if m.lower() in words or m.lower() in title.lower()),
        named[0] if named else "",
    )
    if not municipality and words and words[0].isalpha() and len(words) > 1:
        municipality = words[0].capitalize()
    years = DOCUMENT_YEAR.findall(f"{stem} {title}")
    kind = next((t for key, t in DOC_TYPES if key in stem.lower() or key in title.lower()), "")
    missing = [
        name
        for name, value in (("municipality", municipality), ("year", years), ("doc_type", kind))
        if not value
    ]
    if missing:
        raise MissingMetadataError(
            say("error_metadata_missing", fields=", ".join(missing), stem=stem, manifest=MANIFEST_NAME)
        )
    period = f"{years[0]}-{years[1]}" if len(years) > 1 and years[1] > years[0] else years[0]
    return DocumentMeta(
        doc_id=stem,
        municipality=municipality,
        title=title,
        year=int(years[0]),
        period=period,
        doc_type=kind,
    )
