"""Words a question may use for what a document says in other words ("zaken" for "casussen").

The groups are data (`assistant/data/synonyms_nl.txt`, read by `lexicon.synonym_groups`); this
module maps them onto a corpus vocabulary's terms: for the answerer, a unit holding a synonym of
a subject word holds that word. (The keyword search does not expand a question with them: at half
a word's weight that moved as many tune answers one way as the other.)
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.lexicon import synonym_groups
from assistant.protocols import Vocabulary


def synonym_terms(words: Sequence[str], vocabulary: Vocabulary) -> dict[str, frozenset[str]]:
    """For each query term of `words` whose word has synonyms, the stems of those synonyms."""
    aliases: dict[str, frozenset[str]] = {}
    if not words:
        return aliases
    groups = [frozenset(s for w in group for s in vocabulary.terms(w)[:1]) for group in synonym_groups()]
    for word in words:
        stem = vocabulary.terms(word)[:1]
        for stems in groups:
            if stem and stem[0] in stems:
                for term in vocabulary.query_terms(word):
                    aliases[term] = aliases.get(term, frozenset()) | (stems - {stem[0]})
    return aliases
