"""Giving memory back to the operating system after a large structure was replaced.

A long-running server rebuilds its keyword index after every catalog change. CPython frees the
old index, but glibc keeps the freed pages in its heap, so the process's resident memory only
grows with each rebuild (about 10 MB a rebuild on the demo corpus, measured with `api.soak`).
`malloc_trim` returns them. On other C libraries this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _libc() -> Any:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None


def give_back_free_memory() -> None:
    """Collect garbage and return the C heap's free pages; for rare moments, not per request."""
    gc.collect()
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)
