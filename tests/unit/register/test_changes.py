"""Year over year from the register: lines matched across renumbered taakvelden, each side its
own budget year's amounts and its own quote."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.register.changes import (
    BudgetYearError,
    UnknownTaakveldError,
    budget_year,
    changes,
    line_key,
    taakveld_table,
)
from assistant.register.models import Amount, Provenance, Record
from assistant.register.store import RegisterStore
from assistant.types import DocumentMeta


def _meta(year: int) -> DocumentMeta:
    title, period = f"Programmabegroting {year}", f"{year}-{year + 3}"
    return DocumentMeta(f"w-{year}", "Wassenaar", title, year - 1, period, "programmabegroting")


def _line(year: int, row: str, amounts: dict[str, float], page: int, taakveld: str = "onbekend") -> Record:
    quote = f"{row} | " + " | ".join(str(v) for v in amounts.values())
    return Record(
        "budget", row, Provenance(f"w-{year}", page, quote, 0, len(quote)), "Wassenaar", year - 1,
        amounts=(*(Amount(v, year, f"Begroting {year} {m}", m) for m, v in amounts.items()),
                 Amount(1.0, year + 1, "later", "lasten")),
        row=row, programme="P2 Mens en maatschappij", taakveld=taakveld,
    )  # fmt: skip


@pytest.fixture
def store(tmp_path: Path) -> RegisterStore:
    store = RegisterStore(tmp_path / "register.sqlite")
    store.replace_document(_meta(2024), [
        _line(2024, "6.82a Jeugdbescherming", {"lasten": -212_705}, 115, "6.82a"),
        _line(2024, "6.1 Samenkracht en burgerparticipatie", {"lasten": -5_172_215}, 115, "6.1"),
        _line(2024, "6.81a Beschermd wonen (WMO)", {"lasten": -390_553}, 115, "6.81a"),
    ])  # fmt: skip
    store.replace_document(_meta(2025), [
        _line(2025, "6.821 25 Jeugdbescherming", {"lasten": -225_000}, 132, "6.82"),
        _line(2025, "6.1 Samenkracht en burgerparticipatie", {"lasten": -5_172_215}, 132, "6.1"),
        _line(2025, "6.751 25 Jeugdhulp ambulant lokaal", {"lasten": -636_693}, 132, "6.72"),
    ])  # fmt: skip
    return store


def test_budget_year_is_the_year_in_the_title_not_the_year_of_publication() -> None:
    assert budget_year(_meta(2025)) == 2025


def test_line_key_sets_codes_and_stray_numbers_aside() -> None:
    assert line_key("6.821 25 Jeugdbescherming") == line_key("6.82a Jeugdbescherming") == "jeugdbescherming"


def test_changed_added_and_removed_lines_with_both_sides(store: RegisterStore) -> None:
    result = changes(store, "wassenaar", 2024, 2025)
    assert [(c.status, c.label) for c in result.items] == [
        ("changed", "Jeugdbescherming"),
        ("added", "Jeugdhulp ambulant lokaal"),
        ("removed", "Beschermd wonen (WMO)"),
    ]
    changed = result.items[0]
    assert changed.before is not None and changed.after is not None
    assert changed.before.amounts == {"lasten": -212_705} and changed.before.page == 115
    assert changed.after.amounts == {"lasten": -225_000} and changed.after.doc == "w-2025"
    assert result.unchanged == 1
    assert "1 gewijzigd, 1 nieuw, 1 vervallen, 1 gelijk gebleven" in result.summary()


def test_changes_on_one_taakveld(store: RegisterStore) -> None:
    result = changes(store, "Wassenaar", 2024, 2025, taakveld="6.82")
    assert [c.label for c in result.items] == ["Jeugdbescherming"]
    assert "taakveld 6.82 Geëscaleerde zorg 18-" in result.summary()


def test_a_year_without_a_budget_says_which_years_there_are(store: RegisterStore) -> None:
    with pytest.raises(BudgetYearError, match=r"Geen begroting 2023 van Wassenaar.*wel: 2024, 2025"):
        changes(store, "Wassenaar", 2023, 2025)
    with pytest.raises(BudgetYearError, match="Geen documenten van Leusden"):
        changes(store, "Leusden", 2024, 2025)
    with pytest.raises(UnknownTaakveldError):
        changes(store, "Wassenaar", 2024, 2025, taakveld="jeugd")


def test_taakveld_table_aligns_municipalities(store: RegisterStore) -> None:
    table = taakveld_table(store, "6.82", ["Wassenaar", "Leusden"])
    assert [r.row for r in table.cells["Wassenaar"]] == [
        "6.82a Jeugdbescherming",
        "6.821 25 Jeugdbescherming",
    ]
    assert table.cells["Leusden"] == ()
    cells = table.to_json()["cells"]
    assert cells["Leusden"]["empty"] == "Geen begrotingsregels op taakveld 6.82 bij Leusden."
    assert table.to_json()["taakveld"] == {"code": "6.82", "name": "Geëscaleerde zorg 18-"}
