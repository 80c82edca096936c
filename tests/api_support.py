"""Shared by the API and browser tests: tiny real PDFs, a real Assistant on fakes, a live server.

The assistant is the real `Assistant` facade with a real `Catalog`, the `HashEmbedder`, the
in-memory store and the real retriever; only answering is faked (fixed, cited answers) so the tests
do not depend on its tuning. Page texts come from the PDFs themselves (pypdf), so quotes are verbatim
on the page that PDF.js renders.
"""

from __future__ import annotations

import hashlib
import json
import socket
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from api.quotes import find_quote
from api.uploads import StagedUpload
from assistant.catalog import Catalog
from assistant.core import Assistant
from assistant.embedders.hashing import HashEmbedder
from assistant.errors import IndexEmptyError
from assistant.protocols import TextSink
from assistant.retrieval import HybridRetriever
from assistant.settings import Settings
from assistant.types import Answer, Chunk, Citation, DocumentMeta, Filters, Page
from tests.fakes import MemoryStore

if TYPE_CHECKING:
    from assistant.register.models import Record

DOC = "testdorp-beleidsplan-sociaal-domein-2022"
OTHER_DOC = "anderstad-kadernota-2021"
REFUSE_WORD = "ruimtevaart"
FAIL_WORD = "index-leeg"
APART_WORD = "los"  # cites pieces that stand apart, as a table printed column by column is cited

# (heading, lines) per page; the budget sentence wraps over two lines on purpose.
TESTDORP_PAGES = [
    (
        "Beleidsplan Sociaal Domein Testdorp 2022",
        [
            "Inleiding",
            "De gemeente Testdorp wil dat alle inwoners mee kunnen doen in de samenleving.",
            "Daarom investeren we in preventie, in sterke sociale wijkteams en in een",
            "toegankelijk Wmo-loket voor iedereen die ondersteuning nodig heeft.",
        ],
    ),
    (
        "Financien jeugdhulp",
        [
            "Voor de jeugdhulp reserveert de gemeente in 2022 een budget van",
            "2,4 miljoen euro, vooral voor preventie en ondersteuning in de wijken.",
            "De uitgaven worden elk kwartaal gevolgd in de voortgangsrapportage.",
        ],
    ),
]
ANDERSTAD_PAGES = [
    ("Kadernota Anderstad 2021", ["Anderstad houdt de lokale lasten gelijk.", "Schuldhulp blijft gratis."]),
]
QUOTES = [
    (2, "reserveert de gemeente in 2022 een budget van 2,4 miljoen euro"),
    (1, "investeren we in preventie, in sterke sociale wijkteams"),
]
APART_QUOTE = (2, "Voor de jeugdhulp … 2,4 miljoen euro")
ANSWER_TEXT = (
    "Testdorp reserveert voor jeugdhulp in 2022 een budget van 2,4 miljoen euro [1]. "
    "De gemeente investeert daarnaast in preventie en sterke sociale wijkteams [2]."
)
REFUSAL_TEXT = "Dat staat niet in de documenten: ik heb geen passage gevonden die deze vraag beantwoordt."


def make_pdf(path: Path, pages: Sequence[tuple[str, Sequence[str]]], title: str = "") -> Path:
    """A small text PDF with an embedded font (reportlab's Vera), like real municipal PDFs."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("Vera", "Vera.ttf"))
    pdfmetrics.registerFont(TTFont("VeraBd", "VeraBd.ttf"))
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setTitle(title or pages[0][0])
    _, height = A4
    for heading, lines in pages:
        pdf.setFont("VeraBd", 18)
        pdf.drawString(60, height - 80, heading)
        pdf.setFont("Vera", 11)
        for i, line in enumerate(lines):
            pdf.drawString(60, height - 120 - 18 * i, line)
        pdf.showPage()
    pdf.save()
    return path


def pdf_pages(path: Path) -> list[Page]:
    from pypdf import PdfReader

    return [Page(i + 1, p.extract_text() or "") for i, p in enumerate(PdfReader(str(path)).pages)]


def index_pdf(
    assistant: Assistant,
    path: Path,
    meta: DocumentMeta,
    target: Path | None = None,
    on_publish: Callable[[], None] | None = None,
) -> int:
    """What ingest does, in miniature: one chunk per page, vectors in the store, pages in the
    catalog (recording `target` as the file, publishing with `on_publish`, as a staged upload)."""
    pages = pdf_pages(path)
    chunks = [
        Chunk(
            id=f"{meta.doc_id}:{p.number}",
            doc_id=meta.doc_id,
            text=p.text,
            page_start=p.number,
            page_end=p.number,
            section=p.text.splitlines()[0] if p.text else "",
            meta={"municipality": meta.municipality, "title": meta.title, "year": meta.year},
        )
        for p in pages
    ]
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    version = hashlib.sha256(f"{sha}{meta}".encode()).hexdigest()[:16]
    assistant.store.add(chunks, assistant.embedder.embed_passages([c.text for c in chunks]), version)
    previous = {d.doc_id: d for d in assistant.catalog.documents()}.get(meta.doc_id)
    where = str((target or path).resolve())
    assistant.catalog.publish(meta, version, sha, where, pages, len(chunks), on_publish)
    if previous is not None and previous.version != version:
        assistant.store.delete_version(previous.version)
    return len(chunks)


@dataclass
class FakeAnswerer:
    """Cites the Testdorp plan when it is retrievable; refuses on REFUSE_WORD; fails on FAIL_WORD;
    cites APART_QUOTE on APART_WORD."""

    retriever: HybridRetriever
    catalog: Catalog
    calls: list[tuple[str, Filters | None]] = field(default_factory=list)

    def answer(
        self,
        question: str,
        filters: Filters | None = None,
        on_text: TextSink | None = None,
        said: Sequence[str] = (),
    ) -> Answer:
        self.calls.append((question, filters))
        if FAIL_WORD in question:
            raise IndexEmptyError("De index is leeg: voer eerst `beleid ingest` uit.")
        hits = self.retriever.search(question, k=3, filters=filters).hits
        cited_doc = any(h.chunk.doc_id == DOC for h in hits)
        if REFUSE_WORD in question.lower() or not cited_doc:
            return Answer(question, REFUSAL_TEXT, refused=True, retrieved=hits, filters=filters or Filters())
        citations = []
        if APART_WORD in question.lower().split():
            number, quote = APART_QUOTE
            start, end = find_quote(self.catalog.page(DOC, number).text, quote) or (-1, -1)
            citation = Citation(DOC, number, quote, start, end, f"{DOC}:{number}")
            return Answer(question, "Jeugdhulp: 2,4 miljoen euro [1].", False, [citation], hits)
        for number, quote in QUOTES:
            text = self.catalog.page(DOC, number).text
            start, end = find_quote(text, quote) or (-1, -1)
            citations.append(Citation(DOC, number, text[start:end], start, end, f"{DOC}:{number}"))
        return Answer(question, ANSWER_TEXT, False, citations, hits, filters=filters or Filters())


def build_fake_assistant(settings: Settings, corpus: Path) -> Assistant:
    """A real Assistant (catalog in `settings.home`) over two tiny PDFs written to `corpus`."""
    embedder = HashEmbedder(64)
    catalog = Catalog(settings.catalog_path)
    store = MemoryStore()
    retriever = HybridRetriever(store, embedder, catalog, settings)
    assistant = Assistant(
        settings=settings,
        catalog=catalog,
        store=store,
        embedder=embedder,
        retriever=retriever,
        answerer=FakeAnswerer(retriever, catalog),
    )
    testdorp = make_pdf(corpus / f"{DOC}.pdf", TESTDORP_PAGES)
    anderstad = make_pdf(corpus / f"{OTHER_DOC}.pdf", ANDERSTAD_PAGES)
    index_pdf(
        assistant,
        testdorp,
        DocumentMeta(
            DOC, "Testdorp", "Beleidsplan Sociaal Domein Testdorp 2022", 2022, "2022-2025", "beleidsplan"
        ),
    )
    index_pdf(
        assistant,
        anderstad,
        DocumentMeta(OTHER_DOC, "Anderstad", "Kadernota Anderstad 2021", 2021, "2021", "kadernota"),
    )
    return assistant


def fake_ingest(assistant: Assistant) -> Any:
    """Upload jobs without the parsing stack: manifest metadata (or inferred), then `index_pdf`."""
    from ingest.manifest import infer_metadata, load_manifest

    def run(upload: StagedUpload) -> dict[str, Any]:
        path = upload.pdf
        meta = {**load_manifest(upload.target.parent), **load_manifest(path.parent)}.get(path.stem)
        try:
            if meta is None:
                known = {d.meta.municipality for d in assistant.documents()}
                meta = infer_metadata(path, {}, known)
            chunks = index_pdf(assistant, path, meta, upload.target, upload.publish)
        except Exception as exc:
            return {"added": [], "unchanged": [], "failed": [{"file": str(path), "error": str(exc)}]}
        return {"added": [path.stem], "unchanged": [], "failed": [], "embedded": chunks}

    return run


# A third document for the register: Anderstad's youth plan, so a compare on "jeugd" has two
# filled columns, and a later Anderstad document that follows up on the 2021 "Schuldhulp" promise.
PLAN_DOC = "anderstad-jeugdplan-2023"
PLAN_PAGES = [
    (
        "Jeugdplan Anderstad 2023",
        [
            "Elk kind in Anderstad groeit veilig en gezond op.",
            "Het aandeel jongeren met jeugdhulp daalt van 12,1 procent (2022) naar 10 procent in 2026.",
            "In 2024 opent de gemeente in elke wijk een jongerenpunt.",
        ],
    ),
    (
        "Financien en schuldhulp",
        [
            "Voor jeugdhulp is structureel 1,8 miljoen euro per jaar begroot.",
            "Schuldhulp blijft gratis, ook voor gezinnen met kinderen.",
        ],
    ),
]


def add_register(assistant: Assistant, corpus: Path) -> None:
    """Indexes the youth plan and fills the register at `settings.register_path` with records
    whose quotes stand verbatim on their PDF pages (Testdorp, Anderstad 2021 and 2023)."""
    from assistant.register.models import Amount, Provenance, Record
    from assistant.register.store import RegisterStore

    plan = DocumentMeta(PLAN_DOC, "Anderstad", "Jeugdplan Anderstad 2023", 2023, "2023-2026", "beleidsplan")
    index_pdf(assistant, make_pdf(corpus / f"{PLAN_DOC}.pdf", PLAN_PAGES), plan)
    metas = {d.doc_id: d.meta for d in assistant.documents()}

    def record(kind: Any, doc: str, page: int, quote: str, text: str, *themes: str, **kw: Any) -> Record:
        found = find_quote(assistant.page(doc, page).text, quote)
        assert found, f"{quote!r} is not on {doc} p. {page}"
        meta = metas[doc]
        prov = Provenance(doc, page, quote, *found)
        return Record(kind, text, prov, meta.municipality, meta.year, themes=themes, **kw)

    testdorp_goal = "De gemeente Testdorp wil dat alle inwoners mee kunnen doen in de samenleving."
    share = "Het aandeel jongeren met jeugdhulp daalt van 12,1 procent (2022) naar 10 procent in 2026."
    records = [
        record("goal", DOC, 1, testdorp_goal, "Alle inwoners doen mee", "sociaal-domein-algemeen", "jeugd",
               level="strategic"),
        record("measure", DOC, 1, "investeren we in preventie, in sterke sociale wijkteams",
               "Investeren in preventie en sterke sociale wijkteams", "toegang-wijkteams", "jeugd"),
        record("indicator", DOC, 1, "toegankelijk Wmo-loket voor iedereen die ondersteuning nodig heeft",
               "Toegankelijk Wmo-loket", "wmo-zorg", baseline_value="6 weken", target_value="2 weken"),
        record("budget", DOC, 2, "een budget van 2,4 miljoen euro", "Jeugdhulp", "jeugd", "financien",
               amounts=(Amount(2_400_000, 2022, "2022"),)),
        record("measure", DOC, 2, "De uitgaven worden elk kwartaal gevolgd in de voortgangsrapportage.",
               "Uitgaven jeugdhulp elk kwartaal volgen", "jeugd", "sturing-monitoring"),
        record("measure", OTHER_DOC, 1, "Schuldhulp blijft gratis.", "Schuldhulp blijft gratis",
               "armoede-schulden"),
        record("goal", PLAN_DOC, 1, "Elk kind in Anderstad groeit veilig en gezond op.",
               "Elk kind groeit veilig en gezond op", "jeugd", level="strategic"),
        record("indicator", PLAN_DOC, 1, share, "Aandeel jongeren met jeugdhulp", "jeugd", unit="%",
               baseline_value="12,1%", baseline_year=2022, target_value="10%", target_year=2026),
        record("measure", PLAN_DOC, 1, "In 2024 opent de gemeente in elke wijk een jongerenpunt.",
               "Een jongerenpunt in elke wijk", "jeugd", deadline="2024"),
        record("budget", PLAN_DOC, 2, "Voor jeugdhulp is structureel 1,8 miljoen euro per jaar begroot.",
               "Jeugdhulp", "jeugd", "financien", amounts=(Amount(1_800_000, 2023, "per jaar"),),
               nature="structureel"),
        record("goal", PLAN_DOC, 2, "Schuldhulp blijft gratis, ook voor gezinnen met kinderen.",
               "Schuldhulp blijft gratis voor gezinnen", "armoede-schulden"),
    ]  # fmt: skip
    store = RegisterStore(assistant.settings.register_path)
    try:
        for doc_id, meta in metas.items():
            store.replace_document(meta, [r for r in records if r.doc_id == doc_id])
    finally:
        store.close()


# Two budgets of Anderstad, for the years view: one line changed, one new, one gone.
BUDGET_PAGES = {
    2024: [("Programmabegroting 2024", ["Tabel 2.1 Lasten P2 Jeugd (bedragen in euro)",
                                        "Jeugdhulp 1.200.000", "Leerlingenvervoer 300.000"])],
    2025: [("Programmabegroting 2025", ["Tabel 2.1 Lasten P2 Jeugd (bedragen in euro)",
                                        "Jeugdhulp 1.350.000", "Schoolmaatschappelijk werk 80.000"])],
}  # fmt: skip


def add_budgets(assistant: Assistant, corpus: Path) -> None:
    """Indexes Anderstad's budgets 2024 and 2025 and adds their table lines to the register."""
    from assistant.register.models import Amount, Provenance, Record
    from assistant.register.store import RegisterStore

    store = RegisterStore(assistant.settings.register_path)
    try:
        for year, pages in BUDGET_PAGES.items():
            doc = f"anderstad-programmabegroting-{year}"
            title, period = f"Programmabegroting {year}", f"{year}-{year + 3}"
            meta = DocumentMeta(doc, "Anderstad", title, year - 1, period, "programmabegroting")
            index_pdf(assistant, make_pdf(corpus / f"{doc}.pdf", pages), meta)
            text = assistant.page(doc, 1).text
            records = []
            for line in pages[0][1][1:]:
                label, amount = line.rsplit(" ", 1)
                found = find_quote(text, line)
                assert found, f"{line!r} is not on {doc} p. 1"
                euros = float(amount.replace(".", ""))
                records.append(
                    Record("budget", label, Provenance(doc, 1, line, *found), "Anderstad", year - 1,
                           amounts=(Amount(euros, year, f"Begroting {year}", "lasten"),), row=label,
                           table="Tabel 2.1 Lasten P2 Jeugd", programme="P2 Jeugd", taakveld="onbekend")
                )  # fmt: skip
            store.replace_document(meta, records)
    finally:
        store.close()


def make_settings(home: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "home": home,
        "embedding_model": "hash-64",
        "upload_token": "geheim",
        "max_upload_mb": 1,
    }
    values.update(overrides)
    return Settings(**values)


class LiveServer:
    """The app under uvicorn in a daemon thread on a free loopback port, for the browser."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind(("127.0.0.1", 0))
        self.port = self._socket.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self._socket]}, daemon=True
        )

    def __enter__(self) -> LiveServer:
        self._thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self._thread.join(10)
        self._socket.close()


def sse_events(body: str) -> list[tuple[str, Any]]:
    """The (event, data) pairs of a server-sent-events body."""
    events = []
    for block in body.split("\n\n"):
        if not block.strip():
            continue
        lines = dict(line.split(": ", 1) for line in block.splitlines())
        events.append((lines["event"], json.loads(lines["data"])))
    return events


def ask_streaming(assistant: Assistant, question: str) -> list[tuple[str, Any]]:
    """`POST /api/ask` with `Accept: text/event-stream` on the real app over `assistant`: its events."""
    from fastapi.testclient import TestClient

    from api.app import create_app

    app = create_app(assistant.settings, assistant_factory=lambda _: assistant, ingest_factory=fake_ingest)
    headers = {"Accept": "text/event-stream"}
    with (
        TestClient(app) as client,
        client.stream("POST", "/api/ask", json={"question": question}, headers=headers) as response,
    ):
        assert response.status_code == 200
        return sse_events("".join(response.iter_text()))
