"""Iv3 taakvelden: the printed code first, a name only when it points to one taakveld, else onbekend."""

from __future__ import annotations

from assistant.register import iv3


def test_the_list_holds_the_social_domain_taakvelden() -> None:
    known = iv3.taakvelden()
    assert known["6.1"].name == "Samenkracht en burgerparticipatie"
    assert known["6.72"].name == "Maatwerkdienstverlening 18-"
    assert known["6.71a"].name == "Hulp bij het huishouden (WMO)"
    assert len(known) > 60


def test_a_printed_code_wins() -> None:
    assert iv3.classify("6.82a Jeugdbescherming") == iv3.Tag("6.82a", "6.82a", "document")
    assert iv3.classify("1.1 Crisisbeheersing en brandweer").code == "1.1"


def test_a_local_code_is_mapped_by_its_name_only_when_the_name_is_clear() -> None:
    assert iv3.classify("6.711 25 Huishoudelijke hulp (WMO)") == iv3.Tag("6.71", "6.711", "mapping")
    assert iv3.classify("6.752 25 Jeugdhulp ambulant regionaal").code == "6.72"
    # A code the list does not hold and a name that maps nowhere: never a neighbour's code.
    assert iv3.classify("6.91 25 Coordinatie en beleid WMO") == iv3.Tag(iv3.UNKNOWN, "6.91", "")
    # Two taakvelden named at once is no confident mapping.
    assert iv3.classify("Jeugdbescherming en huishoudelijke hulp").code == iv3.UNKNOWN
    assert iv3.classify("Saldo van baten en lasten").code == iv3.UNKNOWN


def test_a_taakveld_holds_its_subtaakvelden_only() -> None:
    assert iv3.matches("6.71a", "6.71")
    assert iv3.matches("6.71", "6.71")
    assert not iv3.matches("6.71", "6.7")
    assert not iv3.matches("6.711", "6.71")  # a local code is no subtaakveld
    assert not iv3.matches(iv3.UNKNOWN, "6.71")
