from __future__ import annotations

import pytest

from assistant.bm25 import BM25Index


def index() -> BM25Index:
    return BM25Index(
        [
            ["jeugdhulp", "wijk", "team"],
            ["mantelzorg", "steun", "mantelzorg"],
            ["jeugdhulp", "kosten", "stijg", "jeugdhulp"],
            ["begroting", "2020"],
        ],
        ["a", "a", "b", "c"],
    )


def test_ranks_by_term_frequency_and_rarity() -> None:
    hits = index().search(["jeugdhulp"], k=10)
    assert [i for i, _ in hits] == [2, 0]
    assert hits[0][1] > hits[1][1] > 0


def test_chunks_without_query_terms_are_left_out() -> None:
    assert index().search(["onbekend"], k=10) == []
    assert index().search([], k=10) == []


def test_allowed_documents_restrict_the_search() -> None:
    assert [i for i, _ in index().search(["jeugdhulp"], k=10, allowed={"a"})] == [0]
    assert index().search(["jeugdhulp"], k=10, allowed={"zzz"}) == []


def test_k_limits_the_result() -> None:
    assert len(index().search(["jeugdhulp", "mantelzorg"], k=1)) == 1
    assert index().search(["jeugdhulp"], k=0) == []


def test_weighted_query_terms() -> None:
    idx = index()
    plain = dict(idx.search({"jeugdhulp": 1.0, "mantelzorg": 1.0}, k=10))
    light = dict(idx.search({"jeugdhulp": 1.0, "mantelzorg": 0.1}, k=10))
    assert light[1] == pytest.approx(plain[1] * 0.1, rel=1e-5)


def test_rare_terms_weigh_more() -> None:
    idx = index()
    assert idx.idf[idx.vocabulary["begroting"]] > idx.idf[idx.vocabulary["jeugdhulp"]]


def test_empty_index() -> None:
    empty = BM25Index([], [])
    assert len(empty) == 0
    assert empty.search(["x"], k=3) == []


def test_mismatched_lengths_are_refused() -> None:
    with pytest.raises(ValueError):
        BM25Index([["a"]], [])
