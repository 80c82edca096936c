"""Any sentence-transformers model by name or local folder (`BELEID_EMBEDDING_MODEL`)."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np


class SentenceTransformerEmbedder:
    """Loads lazily. e5-family models get their `query: ` / `passage: ` prefixes automatically;
    other models may declare prompts in their config, which sentence-transformers applies."""

    def __init__(self, model: str, device: str = "cpu", batch_size: int = 16) -> None:
        self._model_name = model
        self._device = device
        self._batch_size = batch_size
        self._model: Any = None
        self._lock = threading.Lock()
        self._dim: int | None = None

    @property
    def name(self) -> str:
        path = Path(self._model_name)
        # A local folder is named by its last two parts: "model" alone says nothing.
        return f"st/{'/'.join(path.resolve().parts[-2:]) if path.exists() else self._model_name}"

    @property
    def dim(self) -> int:
        if self._dim is None:
            model = self._get()
            # sentence-transformers renamed the method; older releases only have the old name.
            getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
            self._dim = int(getter())
        return self._dim

    @property
    def _is_e5(self) -> bool:
        return "e5" in self._model_name.lower()

    def _get(self) -> Any:
        with self._lock:
            if self._model is None:
                from sentence_transformers import SentenceTransformer

                self._model = SentenceTransformer(self._model_name, device=self._device)
            return self._model

    def _encode(self, texts: list[str]) -> np.ndarray:
        vectors = self._get().encode(
            texts, batch_size=self._batch_size, normalize_embeddings=True, show_progress_bar=False
        )
        return np.asarray(vectors, dtype=np.float32)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        prefix = "passage: " if self._is_e5 else ""
        return self._encode([prefix + t for t in texts])

    def embed_query(self, text: str) -> np.ndarray:
        prefix = "query: " if self._is_e5 else ""
        return self._encode([prefix + text])[0]
