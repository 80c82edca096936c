from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pytest

from assistant import bm25 as bm25_module
from assistant.bm25 import BM25Index, DocumentRows

Expand = Callable[[str], Sequence[str]]


def rows(doc: str, *chunks: list[str]) -> DocumentRows[str]:
    return DocumentRows(doc, [f"{doc}-{i}" for i in range(len(chunks))], list(chunks))


DOCS = [
    rows("a", ["jeugdhulp", "wijk", "team"], ["mantelzorg", "steun", "mantelzorg"]),
    rows("b", ["jeugdhulp", "kosten", "stijg", "jeugdhulp"]),
    rows("c", ["begroting", "2020"]),
]


def index() -> BM25Index[str]:
    return BM25Index(DOCS)


def reference(
    documents: Sequence[DocumentRows[str]],
    query: Mapping[str, float],
    expand: Expand = lambda term: (),
    k1: float = 1.2,
    b: float = 0.75,
) -> dict[str, float]:
    """Okapi BM25 written out, for rows whose index terms are their base terms plus `expand`'s."""
    terms = {
        key: [t for base in chunk for t in (base, *expand(base))]
        for d in documents
        for key, chunk in zip(d.keys, d.terms, strict=True)
    }
    n = len(terms)
    average = sum(map(len, terms.values())) / n if n else 1.0
    df = Counter(t for chunk in terms.values() for t in set(chunk))
    out: dict[str, float] = {}
    for key, chunk in terms.items():
        tf = Counter(chunk)
        score = 0.0
        for term, weight in query.items():
            if tf[term]:
                idf = math.log1p((n - df[term] + 0.5) / (df[term] + 0.5))
                norm = k1 * (1 - b + b * len(chunk) / average)
                score += weight * idf * tf[term] * (k1 + 1) / (tf[term] + norm)
        if score > 0:
            out[key] = score
    return out


def assert_same(got: Mapping[str, float], want: Mapping[str, float]) -> None:
    assert set(got) == set(want)
    for key, score in want.items():
        assert got[key] == pytest.approx(score, rel=1e-5)


def test_ranks_by_term_frequency_and_rarity() -> None:
    hits = index().search(["jeugdhulp"], k=10)
    assert [key for key, _ in hits] == ["b-0", "a-0"]
    assert hits[0][1] > hits[1][1] > 0


def test_scores_are_okapi_bm25() -> None:
    query = {"jeugdhulp": 1.0, "mantelzorg": 0.5, "2020": 1.0}
    assert_same(index().scores(query), reference(DOCS, query))


def test_chunks_without_query_terms_are_left_out() -> None:
    assert index().search(["onbekend"], k=10) == []
    assert index().search([], k=10) == []


def test_allowed_documents_restrict_the_search() -> None:
    assert [key for key, _ in index().search(["jeugdhulp"], k=10, allowed={"a"})] == ["a-0"]
    assert index().search(["jeugdhulp"], k=10, allowed={"zzz"}) == []
    assert len(index().search(["jeugdhulp"], k=10, allowed={"a", "b", "c", "zzz"})) == 2


def test_k_limits_the_result() -> None:
    assert len(index().search(["jeugdhulp", "mantelzorg"], k=1)) == 1
    assert index().search(["jeugdhulp"], k=0) == []


def test_weighted_query_terms() -> None:
    idx = index()
    plain = dict(idx.search({"jeugdhulp": 1.0, "mantelzorg": 1.0}, k=10))
    light = dict(idx.search({"jeugdhulp": 1.0, "mantelzorg": 0.1}, k=10))
    assert light["a-1"] == pytest.approx(plain["a-1"] * 0.1, rel=1e-5)


def test_rare_terms_weigh_more() -> None:
    idx = index()
    assert idx.idf("begroting") > idx.idf("jeugdhulp") > 0
    assert idx.idf("onbekend") == 0.0


def test_empty_index() -> None:
    empty: BM25Index[str] = BM25Index()
    assert len(empty) == 0 and "x" not in empty
    assert empty.search(["x"], k=3) == []


def test_mismatched_lengths_are_refused() -> None:
    with pytest.raises(ValueError):
        BM25Index([DocumentRows("a", ["a-0"], [])])


def test_adding_a_document_gives_the_scores_of_a_full_build() -> None:
    extra = rows("d", ["jeugdhulp", "jeugdhulp", "nieuw"], ["wijk"])
    query = {"jeugdhulp": 1.0, "wijk": 1.0, "nieuw": 1.0, "begroting": 1.0}
    before = index()
    after = before.updated(added=[extra])
    assert_same(after.scores(query), reference([*DOCS, extra], query))
    assert_same(after.scores(query), BM25Index([*DOCS, extra]).scores(query))
    # idf and the average length moved for the rows already there, without touching them.
    assert after.scores(query)["a-0"] != pytest.approx(before.scores(query)["a-0"])
    assert_same(before.scores(query), reference(DOCS, query))  # the old index is unchanged
    assert len(after) == 6 and after.documents == {"a", "b", "c", "d"}


def test_removing_a_document_gives_the_scores_of_a_full_build() -> None:
    query = {"jeugdhulp": 1.0, "mantelzorg": 1.0, "begroting": 1.0}
    after = index().updated(removed=["b"])
    assert_same(after.scores(query), reference([DOCS[0], DOCS[2]], query))
    assert after.idf("kosten") == 0.0 and "kosten" not in after
    assert after.base_counts() == BM25Index([DOCS[0], DOCS[2]]).base_counts()
    assert after.documents == {"a", "c"} and len(after) == 3


def test_replacing_a_document_swaps_its_rows() -> None:
    query = {"jeugdhulp": 1.0, "scootmobiel": 1.0}
    new_b = rows("b", ["scootmobiel", "herbeoordeling"])
    after = index().updated(removed=["b"], added=[new_b])
    assert_same(after.scores(query), reference([DOCS[0], new_b, DOCS[2]], query))
    assert [key for key, _ in after.search(query, k=10)] == ["b-0", "a-0"]


def test_base_counts_per_document() -> None:
    idx = index()
    assert idx.base_counts(["a"]) == {"jeugdhulp": 1, "wijk": 1, "team": 1, "mantelzorg": 1, "steun": 1}
    assert idx.base_counts()["jeugdhulp"] == 2


PARTS = {"jeugdhulpverlening": ("jeugd", "hulp", "jeugdhulp"), "mantelzorgwaardering": ("mantelzorg",)}


def test_expansion_adds_parts_as_index_terms() -> None:
    docs = [
        rows("a", ["jeugdhulpverlening", "wijk"], ["mantelzorgwaardering"]),
        rows("b", ["jeugdhulp"], ["hulp", "hulp"]),
    ]

    def expand(term: str) -> Sequence[str]:
        return PARTS.get(term, ())

    idx = BM25Index(docs, expand)
    query = {"jeugdhulp": 1.0, "hulp": 0.5, "mantelzorg": 1.0}
    assert_same(idx.scores(query), reference(docs, query, expand))
    assert idx.base_counts()["jeugdhulp"] == 1  # base terms only: a part is not counted


def test_reexpanded_rows_take_the_new_parts() -> None:
    docs = [rows("a", ["jeugdhulpverlening"], ["wijk"]), rows("b", ["jeugdhulp", "wijk"])]
    idx = BM25Index(docs, lambda term: ())
    wider = dict(PARTS)

    def expand(term: str) -> Sequence[str]:
        return wider.get(term, ())

    after = idx.updated(expand=expand, reexpand={"jeugdhulpverlening"})
    query = {"jeugdhulp": 1.0, "jeugd": 1.0}
    assert_same(after.scores(query), reference(docs, query, expand))
    assert idx.search(["jeugd"], k=5) == []  # the old index keeps the old expansion


def test_many_small_additions_are_merged_into_few_segments(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bm25_module, "MAX_SEGMENT_ROWS", 64)
    rng = random.Random(7)
    words = [f"w{i}" for i in range(40)]
    docs: list[DocumentRows[str]] = []
    idx: BM25Index[str] = BM25Index()
    for n in range(120):
        doc = rows(
            f"d{n}",
            *[[rng.choice(words) for _ in range(rng.randint(1, 6))] for _ in range(rng.randint(1, 3))],
        )
        docs.append(doc)
        idx = idx.updated(added=[doc])
    assert len(idx._segments) <= 12  # the merge policy is the subject
    query = dict.fromkeys(words[:10], 1.0)
    assert_same(idx.scores(query), reference(docs, query))


def test_random_changes_match_a_full_build() -> None:
    """Documents added, removed and replaced in random order: after every step the index scores
    like one built from scratch on the documents then live."""
    rng = random.Random(11)
    words = [f"t{i}" for i in range(25)]
    live: dict[str, DocumentRows[str]] = {}
    idx: BM25Index[str] = BM25Index()
    for step in range(60):
        name = f"d{rng.randint(0, 12)}"
        if name in live and rng.random() < 0.4:
            idx = idx.updated(removed=[name])
            del live[name]
        else:
            doc = DocumentRows(
                name,
                [f"{name}-{step}-{i}" for i in range(rng.randint(1, 4))],
                [[rng.choice(words) for _ in range(rng.randint(1, 8))] for _ in range(4)],
            )
            doc = DocumentRows(name, doc.keys, doc.terms[: len(doc.keys)])
            idx = idx.updated(removed=[name] if name in live else [], added=[doc])
            live[name] = doc
        query = {w: 1.0 for w in rng.sample(words, 4)}
        assert_same(idx.scores(query), reference(list(live.values()), query))
        assert len(idx) == sum(len(d.keys) for d in live.values())


def with_vectors(doc: DocumentRows[str], rng: np.random.Generator) -> DocumentRows[str]:
    vectors = rng.standard_normal((len(doc.keys), 8)).astype(np.float32)
    return DocumentRows(doc.doc_id, doc.keys, doc.terms, vectors)


def test_nearest_is_exact_cosine_over_live_rows_of_the_allowed_documents() -> None:
    rng = np.random.default_rng(3)
    docs = [with_vectors(rows(f"d{n}", *[["w"]] * (n % 3 + 1)), rng) for n in range(12)]
    idx = BM25Index(docs[:8]).updated(removed=["d2"], added=docs[8:])
    live = [d for d in docs if d.doc_id != "d2"]
    query = rng.standard_normal(8).astype(np.float32)

    def exact(allowed: set[str] | None) -> list[tuple[str, float]]:
        pairs = [
            (key, float(v @ query / np.linalg.norm(v) / np.linalg.norm(query)))
            for d in live
            if allowed is None or d.doc_id in allowed
            for key, v in zip(d.keys, d.vectors if d.vectors is not None else [], strict=True)
        ]
        return sorted(pairs, key=lambda p: -p[1])

    assert idx.has_vectors
    for allowed in (None, {"d1", "d9"}, {"d2"}, {"d0", "d2", "d11"}):
        got = idx.nearest(query, 5, allowed)
        want = exact(allowed)[:5]
        assert [k for k, _ in got] == [k for k, _ in want]
        assert [s for _, s in got] == pytest.approx([s for _, s in want], abs=1e-5)
    assert idx.nearest(query, 0) == [] and idx.nearest(query, 3, {"zzz"}) == []


def test_an_index_without_vectors_cannot_search_by_vector() -> None:
    assert not index().has_vectors
    with pytest.raises(ValueError):
        index().nearest(np.ones(3, dtype=np.float32), 2)
