"""Theme assignment: keywords first, then linked goals, then (optionally) embeddings, then a fallback."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from assistant.register.models import Provenance, Record
from assistant.register.themes import ThemeAssigner, load_taxonomy


def _record(
    text: str, kind: str = "goal", links: tuple[str, ...] = (), page: int = 1, section: str = ""
) -> Record:
    return Record(
        kind,
        text,
        Provenance("d", page, text, page * 100, page * 100 + len(text)),
        "Testgem",
        2022,
        section=section,
        links=links,
    )


class TopicEmbedder:
    """Children on one axis, other theme descriptions on a second, other passages on a third."""

    name = "topic"
    dim = 3

    @staticmethod
    def _young(text: str) -> bool:
        return any(w in text.lower() for w in ("kinder", "jeugd", "allerkleinsten"))

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return np.stack([np.array([1.0, 0, 0]) if self._young(t) else np.array([0, 0, 1.0]) for t in texts])

    def embed_query(self, text: str) -> np.ndarray:
        # Only the jeugd theme itself: other descriptions mention children too (kinderen in armoede).
        return np.array([1.0, 0, 0]) if text.startswith("Jeugd:") else np.array([0, 1.0, 0])


def test_the_taxonomy_is_a_data_file_with_the_required_themes() -> None:
    ids = {t.id for t in load_taxonomy().themes}
    required = {
        "armoede-schulden",
        "jeugd",
        "wmo-zorg",
        "participatie-werk",
        "mantelzorg-vrijwilligers",
        "preventie-gezondheid",
        "toegang-wijkteams",
        "inkoop-contractmanagement",
        "financien",
    }
    assert required <= ids


def test_keywords_match_word_starts_and_compounds() -> None:
    tax = load_taxonomy()
    assert "armoede-schulden" in tax.keyword_hits(
        "Inwoners met problematische schulden en schuldhulpverlening"
    )
    assert "armoede-schulden" in tax.keyword_hits("Bestrijden van kinderarmoede")
    assert "participatie-werk" not in tax.keyword_hits("Versterken van het netwerk van inwoners")
    assert tax.resolve("armoede").id == "armoede-schulden"
    assert tax.resolve("Wmo en zorg").id == "wmo-zorg"
    assert tax.resolve("mantelzorg").id == "mantelzorg-vrijwilligers"
    assert tax.resolve("iets onbekends") is None


def test_records_without_keywords_take_their_goals_themes_then_a_fallback() -> None:
    goal = _record("In 2024 hebben minder inwoners problematische schulden")
    measure = _record("Uitvoeren van het plan van aanpak", "measure", links=(goal.id,), page=2)
    budget = _record("Post zonder trefwoord", "budget", page=3)
    loose = _record("Een algemene uitspraak over de koers", "measure", page=4)
    themed = {r.text: r.themes for r in ThemeAssigner().assign([goal, measure, budget, loose])}
    assert themed[goal.text] == ("armoede-schulden",)
    assert themed[measure.text] == ("armoede-schulden",)
    assert themed[budget.text] == ("financien",)
    assert themed[loose.text] == ("sociaal-domein-algemeen",)


def test_embeddings_theme_what_keywords_miss_when_close_enough() -> None:
    near = _record("Opvang voor de allerkleinsten in de buurt", "measure")
    far = _record("Een algemene uitspraak over de koers", "measure", page=2)
    kids = _record("Zorg voor alle kinderen thuis", "measure", page=3)  # keyword 'kind' decides, no embedding
    assigner = ThemeAssigner(embedder=TopicEmbedder(), threshold=0.9)
    themed = {r.text: r.themes for r in assigner.assign([near, far, kids])}
    assert themed[kids.text] == ("jeugd",)
    assert themed[far.text] == ("sociaal-domein-algemeen",)  # close to nothing: no theme forced
    assert themed[near.text] == ("jeugd",)  # no keyword, but its meaning is close to the jeugd theme


def test_embeddings_do_not_pick_between_themes_that_are_equally_close() -> None:
    tie = _record("Een algemene uitspraak over de koers", "measure")
    assigner = ThemeAssigner(embedder=TopicEmbedder(), threshold=0.0, margin=0.01)
    assert assigner.assign([tie])[0].themes == ("sociaal-domein-algemeen",)
