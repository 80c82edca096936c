from __future__ import annotations

from assistant.glossary import glossary, to_dutch


def test_english_domain_words_become_dutch() -> None:
    assert to_dutch("support for informal carers in Leusden") == "ondersteuning for mantelzorgers in leusden"


def test_longest_phrase_wins() -> None:
    assert to_dutch("youth care budget") == "jeugdhulp jeugdzorg budget"
    assert to_dutch("youth") == "jeugd jeugdigen jongeren"


def test_dutch_questions_pass_unchanged() -> None:
    question = "Hoeveel geïndiceerde jeugdhulp kregen 1.605 jongeren in 2024?"
    assert to_dutch(question) == "hoeveel geindiceerde jeugdhulp kregen 1.605 jongeren in 2024"


def test_glossary_keys_are_not_dutch_words() -> None:
    # A key that is also a Dutch word would rewrite Dutch questions.
    dutch_words = {"budget", "school", "reserve", "agenda", "partner", "monitor", "indicator"}
    assert not any(len(key) == 1 and key[0] in dutch_words for key in glossary())
