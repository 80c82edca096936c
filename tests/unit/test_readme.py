"""The README cannot drift from the code: its command table, configuration tables, API table and
test command are checked against the Typer app, the settings, the OpenAPI routes and `.ci/run`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer.core
import typer.main

from api.app import create_app
from assistant.settings import PROJECT_ROOT, Settings
from beleid import settings_doc
from beleid.cli import app

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
CI = (PROJECT_ROOT / ".ci" / "run").read_text(encoding="utf-8")
ROUTE = re.compile(r"\b(GET|POST|PUT|PATCH|DELETE) (/[^\s`?,]*)")


def _section(title: str) -> str:
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end > 0 else None]


def _command_rows() -> dict[str, str]:
    """`beleid NAME ...` of each row of the command table -> the row's first cell."""
    rows = {}
    for line in _section("Commands").splitlines():
        found = re.match(r"\| `beleid (\S+)(.*?)` \|", line)
        if found:
            rows[found.group(1)] = found.group(0)
    return rows


def _commands() -> dict[str, typer.core.TyperCommand]:
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    return {
        name: command
        for name, command in group.commands.items()
        if isinstance(command, typer.core.TyperCommand)
    }


def test_command_table_names_every_command_and_no_other() -> None:
    assert set(_command_rows()) == set(_commands())


@pytest.mark.parametrize("name", sorted(_commands()))
def test_command_row_shows_every_option(name: str) -> None:
    row = _command_rows()[name]
    for param in _commands()[name].params:
        if isinstance(param, typer.core.TyperOption) and "--help" not in param.opts:
            shown = [
                opt for opt in (*param.opts, *param.secondary_opts) if re.search(rf"{re.escape(opt)}\b", row)
            ]
            assert shown, f"README's row for `beleid {name}` does not show {param.opts[-1]}"


def test_configuration_tables_are_the_settings() -> None:
    start, end = README.index(settings_doc.README_START), README.index(settings_doc.README_END)
    block = README[start : end + len(settings_doc.README_END)]
    assert block == settings_doc.markdown(), "run `beleid config --markdown` and paste it into the README"


def test_every_setting_has_a_description() -> None:
    assert all(row.description for row in settings_doc.rows())


def test_api_table_is_the_openapi_routes(tmp_path: Path) -> None:
    paths = create_app(Settings(home=tmp_path)).openapi()["paths"]
    routes = {(method.upper(), path) for path, methods in paths.items() for method in methods}
    documented = set(ROUTE.findall(_section("API").split("\n\n")[2]))
    assert documented == routes


def test_ci_runs_the_readme_test_command() -> None:
    command = next(
        line for line in README.splitlines() if line.startswith("python3 -m venv") and "pytest" in line
    )
    assert command in CI.splitlines()
