from __future__ import annotations

import gc

import pytest

from assistant import memory


def test_give_back_collects_garbage_and_trims_the_heap(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    class Libc:
        def malloc_trim(self, pad: int) -> int:
            calls.append(f"trim {pad}")
            return 1

    monkeypatch.setattr(memory, "_libc", lambda: Libc())
    monkeypatch.setattr(gc, "collect", lambda: calls.append("collect") or 0)
    memory.give_back_free_memory()
    assert calls == ["collect", "trim 0"]


def test_without_glibc_it_only_collects(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memory, "_libc", lambda: None)
    memory.give_back_free_memory()  # no error on a C library without malloc_trim
