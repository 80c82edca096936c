from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.errors import ConfigurationError
from assistant.settings import FLAT_NAMES, GROUPS, Settings, load_settings
from beleid import settings_doc
from beleid.cli import app


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import os

    for name in list(os.environ):
        if name.upper().startswith("BELEID_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)  # no stray .env


def test_nested_variable_sets_a_group_field(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BELEID_RETRIEVAL__DENSE_WEIGHT", "0.5")
    assert Settings().retrieval.dense_weight == 0.5


def test_flat_names_still_work(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BELEID_DENSE_WEIGHT", "0.6")
    monkeypatch.setenv("BELEID_INGEST_MAX_PAGES", "7")
    monkeypatch.setenv("BELEID_LLM", "ollama")
    monkeypatch.setenv("BELEID_LLM_MODEL", "llama3.1:8b")
    settings = Settings()
    assert settings.retrieval.dense_weight == 0.6
    assert settings.ingest.max_pages == 7
    assert (settings.llm.provider, settings.llm.model) == ("ollama", "llama3.1:8b")


def test_nested_name_wins_over_flat_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BELEID_TOP_K", "3")
    monkeypatch.setenv("BELEID_RETRIEVAL__TOP_K", "5")
    assert Settings().retrieval.top_k == 5


def test_arguments_win_over_environment_flat_or_nested(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BELEID_RETRIEVAL__TOP_K", "5")
    assert Settings(top_k=8).retrieval.top_k == 8
    assert Settings(retrieval={"top_k": 9}).retrieval.top_k == 9


def test_dotenv_file_is_read_and_environment_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("BELEID_RETRIEVAL__TOP_K=4\nBELEID_SERVE__PORT=9000\nOTHER=1\n")
    monkeypatch.setenv("BELEID_SERVE__PORT", "9100")
    settings = Settings()
    assert (settings.retrieval.top_k, settings.serve.port) == (4, 9100)


def test_unknown_variable_is_a_dutch_error_naming_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BELEID_DENSE_WIEGHT", "0.5")
    with pytest.raises(ConfigurationError, match="BELEID_DENSE_WIEGHT"):
        Settings()


def test_value_out_of_bounds_names_the_variable_and_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BELEID_TOP_K", "0")
    with pytest.raises(ConfigurationError, match=r"BELEID_RETRIEVAL__TOP_K: '0' moet ≥ 1"):
        load_settings()


def test_groups_forbid_unknown_fields() -> None:
    with pytest.raises(ValueError, match="extra"):
        Settings(retrieval={"no_such_field": 1})
    with pytest.raises(ConfigurationError, match="no_such_setting"):
        Settings(no_such_setting=1)


def test_chunk_target_may_not_exceed_maximum() -> None:
    with pytest.raises(ValueError, match="chunk_target_words"):
        Settings(chunk_target_words=300, chunk_max_words=200)


def test_replaced_changes_one_setting_and_keeps_the_rest() -> None:
    settings = Settings(top_k=6, upload_token="secret")
    changed = settings.replaced(upload_token=None)
    assert changed.serve.upload_token is None
    assert changed.retrieval.top_k == 6
    assert settings.serve.upload_token == "secret"


def test_every_flat_name_points_at_a_field() -> None:
    for group, field in FLAT_NAMES.values():
        assert field in GROUPS[group].model_fields


def test_config_json_shows_changes_and_hides_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BELEID_DENSE_WEIGHT", "0.5")
    monkeypatch.setenv("BELEID_LLM_API_KEY", "sk-secret")
    result = CliRunner().invoke(app, ["config", "--json"])
    assert result.exit_code == 0, result.output
    rows = {row["name"]: row for row in json.loads(result.stdout)}
    assert rows["retrieval.dense_weight"]["value"] == 0.5 and rows["retrieval.dense_weight"]["changed"]
    assert rows["retrieval.dense_weight"]["flat_env"] == "BELEID_DENSE_WEIGHT"
    assert rows["llm.api_key"]["value"] == settings_doc.HIDDEN
    assert "sk-secret" not in result.stdout
    assert not rows["retrieval.top_k"]["changed"]


def test_unknown_field_of_a_group_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BELEID_RETRIEVAL__NO_SUCH_FIELD", "1")
    with pytest.raises(ConfigurationError, match="Onbekende instelling BELEID_RETRIEVAL__NO_SUCH_FIELD"):
        load_settings()


def test_any_command_stops_on_a_wrong_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BELEID_RETRIEVAL__TOPK", "3")
    result = CliRunner().invoke(app, ["search", "armoede"])
    assert result.exit_code == 2
    assert "BELEID_RETRIEVAL__TOPK" in result.output
