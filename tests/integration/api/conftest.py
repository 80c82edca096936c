from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from assistant.core import Assistant
from assistant.settings import Settings
from tests.api_support import build_fake_assistant, fake_ingest, make_settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path / "home")


@pytest.fixture
def assistant(settings: Settings, tmp_path: Path) -> Assistant:
    return build_fake_assistant(settings, tmp_path / "corpus")


@pytest.fixture
def client(settings: Settings, assistant: Assistant) -> Iterator[TestClient]:
    app = create_app(settings, assistant_factory=lambda s: assistant, ingest_factory=fake_ingest)
    with TestClient(app) as test_client:
        yield test_client
