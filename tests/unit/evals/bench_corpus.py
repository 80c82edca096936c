"""A two-document corpus and three questions for the benchmark's tests."""

from __future__ import annotations

from pathlib import Path

from tests.unit.evals.pdfs import write_text_pdf

QUESTIONS = [
    "Hoe wil Almelo eenzaamheid onder ouderen verminderen?",
    "Wat doet Hengelo aan sport in de wijk?",
    "Welk budget is er voor schuldhulpverlening?",
]


def write_corpus(folder: Path) -> Path:
    """Two PDFs of three pages each, with a manifest; returns `folder`."""
    folder.mkdir()
    write_text_pdf(
        folder / "almelo-plan-2022.pdf",
        [
            ["Inleiding", "De gemeente Almelo wil dat alle inwoners meedoen in de samenleving."],
            ["Eenzaamheid", "Wij verminderen eenzaamheid onder ouderen met buurtcirkels en huisbezoeken."],
            [f"Regel {i}: het budget voor schuldhulpverlening groeit elk jaar." for i in range(25)],
        ],
    )
    write_text_pdf(
        folder / "hengelo-sport-2021.pdf",
        [
            ["Sport", "Iedereen in Hengelo kan sporten in de wijk dankzij de sportformateurs."],
            ["Jeugd", "De wachtlijsten voor jeugdhulp worden korter door samen te werken met scholen."],
            ["Werk", "Meer inwoners vinden betaald werk via het werkplein en leerwerkbanen."],
        ],
    )
    (folder / "manifest.csv").write_text(
        "slug,municipality,title,year,period,doc_type\n"
        "almelo-plan-2022,Almelo,Plan sociaal domein,2022,2022-,beleidsplan\n"
        "hengelo-sport-2021,Hengelo,Sportnota,2021,2021-2024,beleidsnota\n",
        encoding="utf-8",
    )
    return folder
