"""A small real index for answering tests: page texts go through the production chunker (so every
chunk carries its unit marks), into the in-memory store, the catalog and the hybrid retriever."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from assistant.answering.extractive import ExtractiveAnswerer
from assistant.answering.unit_vectors import UnitVectors
from assistant.catalog import Catalog
from assistant.core import Assistant
from assistant.embedders.hashing import HashEmbedder
from assistant.evidence import CatalogEvidence
from assistant.retrieval import HybridRetriever
from assistant.settings import Settings
from assistant.types import Chunk, DocumentMeta, Page
from ingest.chunking import chunk_document
from ingest.pipeline import with_document_meta
from tests.fakes import MemoryStore


class AnswerWorld:
    """Documents published into a catalog and a memory store, and an extractive answerer over them."""

    def __init__(self, tmp_path: Path, **settings: object) -> None:
        self.settings = Settings(home=tmp_path, dense_candidates=20, bm25_candidates=20, **settings)  # type: ignore[arg-type]
        self.catalog = Catalog(tmp_path / "catalog.sqlite")
        self.store = MemoryStore()
        self.embedder = HashEmbedder()
        self.retriever = HybridRetriever(self.store, self.embedder, self.catalog, self.settings)
        self.evidence = CatalogEvidence(self.catalog)
        self.vectors = UnitVectors(self.embedder)

    def publish(self, meta: DocumentMeta, pages: list[str]) -> None:
        cleaned = [Page(n, text) for n, text in enumerate(pages, 1)]
        self.publish_pages(meta, cleaned, chunk_document(meta.doc_id, cleaned))

    def publish_pages(self, meta: DocumentMeta, cleaned: list[Page], chunked: list[Chunk]) -> None:
        """Publish pages and their chunks as the ingest pipeline made them."""
        version = f"{meta.doc_id}-v1"  # a version names one document's chunks, as in production
        chunks = [with_document_meta(c, meta, i) for i, c in enumerate(chunked)]
        chunks = [replace(c, meta={**c.meta, "version": version}) for c in chunks]
        self.store.add(chunks, self.embedder.embed_passages([c.text for c in chunks]), version)
        self.catalog.publish(meta, version, "sha", f"/{meta.doc_id}.pdf", cleaned, len(chunks))

    def answerer(self) -> ExtractiveAnswerer:
        return ExtractiveAnswerer(self.settings, self.retriever, self.evidence, self.vectors)


ALMELO = DocumentMeta(
    "almelo-plan-2022", "Almelo", "Strategisch beleidsplan 2022", 2022, "2022-", "beleidsplan"
)
TWENTERAND = DocumentMeta(
    "twenterand-kadernota-2020", "Twenterand", "Programma Sociaal Domein", 2019, "2020-2023", "kadernota"
)
ALMELO_PAGES = [
    "3.3 Strategische doelen\n"
    "Op basis van onze visie formuleren we de volgende strategische doelen:\n"
    "1 Bevorderen zelfoplossend vermogen\n"
    "Versterken zelfredzaamheid van inwoners door aanpak van schulden en focus op betaalde arbeid.\n"
    "2 Versterken sociale structuren\n"
    "Adequaat ondersteunen van mantelzorgers en vrijwilligers in de wijken van de stad.\n"
    "3 Ontwikkelen effectieve maatwerkvoorzieningen\n"
    "Stroomlijnen inkoop van voorzieningen met aandacht voor de kwaliteit van de zorg.\n",
    "4 Hulpmiddelen\n"
    "In 2019 zijn wij gestart met de herbeoordeling van verstrekte scootmobielen.\n"
    "De herbeoordeling heeft geleid tot teruggave van ongeveer 60 scootmobielen.\n"
    "Daarnaast zijn 55 taxipassen beëindigd.\n"
    "¹ Bron: eigen registratie van de afdeling hulpmiddelen, peildatum december 2019\n",
    "5 Maatregelen\n"
    "In de tabel staan de besparingen van de maatregelen.\n"
    "Omschrijving (bedragen x € 1.000) |\n2019 |\n2022 |\n"
    "Doorbraakmethode |\n750 |\n4.500 |\nDagstructurering |\n300 |\n440 |\n",
]
TWENTERAND_PAGES = [
    "Doelenboom Onderwijs\n"
    "Doel: Laaggeletterdheid is afgenomen\n"
    "Laaggeletterden kunnen gedrukte informatie niet goed gebruiken en doen minder mee in de samenleving.\n"
    "Voorstel is de aanpak van laaggeletterdheid in 2020 en 2021 te continueren met incidentele middelen.\n"
    "Voorstel\ni/s\njaar\nFinanciën\nUitvoering geven aan het\nactieplan\nlaaggeletterdheid\ni\n2020\n"
    "€ 25.000 (dekking reserve\nSociaal Domein)\ni\n2021\n€ 25.000 (dekking reserve\nSociaal Domein)\n"
    "Subdoel: Onderwijshuisvesting voldoet aan de norm\n"
    "De schoolbesturen zijn zelf verantwoordelijk voor het onderhoud van de gebouwen.\n",
]


LEUSDEN = DocumentMeta(
    "leusden-kader-2016", "Leusden", "Beleidskader Sociaal Domein", 2016, "2017-2020", "beleidskader"
)
LEUSDEN_PAGES = [
    "2 Mantelzorg\n"
    "Leusden ondersteunt mantelzorgers met informatie, advies en respijtzorg.\n"
    "Het steunpunt mantelzorg organiseert ontmoetingen voor mantelzorgers in alle kernen.\n",
]

# One plan of three pages: prose, a table and a figure (the generative and `llm` tests).
TESTDORP = DocumentMeta(
    "testdorp-2024", "Testdorp", "Beleidsplan sociaal domein", 2024, "2024-2027", "beleidsplan"
)
TESTDORP_PAGES = [
    "Schuldhulpverlening\n"
    "Het budget voor schuldhulpverlening bedraagt in 2024 € 1.250.000.\n"
    "De gemeente wil de wachttijd voor schuldhulpverlening terugbrengen tot vier weken.\n"
    "Daarnaast starten wij een pilot vroegsignalering met de woningcorporaties.\n",
    "Jeugd\nUitgaven jeugd (x € 1.000) |\n2023 |\n2024 |\nJeugdhulp |\n4.200 |\n4.500 |\n",
    "Participatie\nIn 2025 begeleiden wij 300 inwoners naar betaald werk.\n",
]


def world(tmp_path: Path, **settings: object) -> AnswerWorld:
    built = AnswerWorld(tmp_path, **settings)
    built.publish(ALMELO, ALMELO_PAGES)
    built.publish(TWENTERAND, TWENTERAND_PAGES)
    built.publish(LEUSDEN, LEUSDEN_PAGES)
    return built


def assistant_over(built: AnswerWorld) -> Assistant:
    """The real assistant facade over the world: resolution, retrieval, extractive answers."""
    return Assistant(
        settings=built.settings,
        catalog=built.catalog,
        store=built.store,
        embedder=built.embedder,
        retriever=built.retriever,
        answerer=built.answerer(),
    )
