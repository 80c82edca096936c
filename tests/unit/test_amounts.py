import pytest

from assistant.amounts import find_amounts, format_eur, parse_amount, unit_multiplier


@pytest.mark.parametrize(
    ("unit", "factor"),
    [
        ("bedragen x € 1.000", 1000.0),
        ("(bedragen x € 1 .000)", 1000.0),
        ("x €1.000", 1000.0),
        ("x € 1.000.000", 1_000_000.0),
        ("bedragen in miljoen", 1_000_000.0),
        ("€", 1.0),
        ("%", 1.0),
        ("", 1.0),
    ],
)
def test_unit_multiplier(unit: str, factor: float) -> None:
    assert unit_multiplier(unit) == factor


@pytest.mark.parametrize(
    ("text", "unit", "euros"),
    [
        ("1.884", 1000.0, 1_884_000.0),
        ("17.246", 1000.0, 17_246_000.0),
        ("-150", 1000.0, -150_000.0),
        ("-150", 1.0, -150.0),
        ("€ 1,2 mln", 1.0, 1_200_000.0),
        ("€ 1,2 miljoen", 1000.0, 1_200_000.0),  # a scale word overrides the table unit
        ("4,5 miljoen", 1.0, 4_500_000.0),
        ("€ 25.000", 1.0, 25_000.0),
        ("€ 1.884.000", 1.0, 1_884_000.0),
        ("25.000,-", 1.0, 25_000.0),
        ("7,5 miljoen euro", 1.0, 7_500_000.0),
        ("€ 75.000 (dekking reserve)", 1.0, 75_000.0),
        ("2,6", 1.0, 2.6),
        ("-€ 150", 1.0, -150.0),
    ],
)
def test_parse_amount(text: str, unit: float, euros: float) -> None:
    assert parse_amount(text, unit) == pytest.approx(euros)


@pytest.mark.parametrize("text", ["12%", "12,6 %", "", "Doorbraakmethode", "PM"])
def test_not_amounts(text: str) -> None:
    assert parse_amount(text) is None


def test_find_amounts_in_running_text() -> None:
    text = (
        "Voorgesteld wordt € 80.000 toe te voegen en daarna € 1,2 mln; de besparing is 7,5 miljoen euro "
        "en 25.000,- per jaar. Het aandeel is 12% in 2020 voor 400 inwoners."
    )
    assert find_amounts(text) == [
        ("€ 80.000", 80_000.0),
        ("€ 1,2 mln", 1_200_000.0),
        ("7,5 miljoen euro", 7_500_000.0),
        ("25.000,-", 25_000.0),
    ]


def test_find_amounts_across_a_line_break() -> None:
    assert find_amounts("een bedrag van €\n50.000 beschikbaar") == [("€\n50.000", 50_000.0)]


@pytest.mark.parametrize(
    ("value", "text"),
    [(1_884_000, "€ 1.884.000"), (-150, "-€ 150"), (1234.5, "€ 1.234,50"), (0, "€ 0"), (999, "€ 999")],
)
def test_format_eur(value: float, text: str) -> None:
    assert format_eur(value) == text
    assert parse_amount(text) == value
