"""Copy-out as Markdown: `beleid ask --md` and the `markdown` of `/api/ask` are the same text."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.app import create_app
from assistant.core import Assistant
from beleid.cli import app
from tests.api_support import DOC, build_fake_assistant, make_settings

QUESTION = "Hoeveel budget is er voor jeugdhulp in Testdorp?"
EXPECTED = f"""Testdorp reserveert voor jeugdhulp in 2022 een budget van 2,4 miljoen euro [1]. \
De gemeente investeert daarnaast in preventie en sterke sociale wijkteams [2].

**Bronnen**

1. *Beleidsplan Sociaal Domein Testdorp 2022* (`{DOC}`), p. 2
   > reserveert de gemeente in 2022 een budget van 2,4 miljoen euro
2. *Beleidsplan Sociaal Domein Testdorp 2022* (`{DOC}`), p. 1
   > investeren we in preventie, in sterke sociale wijkteams
"""


@pytest.fixture
def fake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Assistant:
    settings = make_settings(tmp_path / "home")
    assistant = build_fake_assistant(settings, tmp_path / "corpus")
    monkeypatch.setenv("BELEID_HOME", str(settings.home))
    monkeypatch.setenv("BELEID_EMBEDDING_MODEL", "hash-64")
    monkeypatch.setattr("assistant.factory.build_assistant", lambda *a, **k: assistant)
    return assistant


def test_ask_md_prints_the_answer_with_numbered_sources(fake: Assistant) -> None:
    result = CliRunner().invoke(app, ["ask", QUESTION, "--md"])
    assert result.exit_code == 0, result.output
    assert result.stdout == EXPECTED


def test_api_answer_carries_the_same_markdown(fake: Assistant) -> None:
    with TestClient(create_app(fake.settings, assistant_factory=lambda s: fake)) as client:
        body = client.post("/api/ask", json={"question": QUESTION}).json()
    assert body["markdown"] == EXPECTED
