from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.processes import CHROMA, chroma_server


@pytest.fixture(scope="session")
def chroma_port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """One real Chroma server for the session; tests keep apart by collection name."""
    if not CHROMA.exists():
        pytest.skip("the chromadb package's `chroma` command is missing")
    with chroma_server(tmp_path_factory.mktemp("chroma-server") / "data") as port:
        yield port
