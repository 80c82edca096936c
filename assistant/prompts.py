"""Prompts and user-facing Dutch text live as files in `prompts/` (the package `prompts`, shipped
as package data); this reads them (once)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from assistant.resources import package_path

DEFAULT_DIR = package_path("prompts")


@lru_cache(maxsize=64)
def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8").strip()


def prompt(name: str, directory: Path = DEFAULT_DIR) -> str:
    """The text of `prompts/<name>` (e.g. `refusal.txt`)."""
    return _read(directory / name)


def render(name: str, directory: Path = DEFAULT_DIR, **values: Any) -> str:
    return prompt(name, directory).format(**values)


@lru_cache(maxsize=16)
def texts(name: str, directory: Path = DEFAULT_DIR) -> dict[str, str]:
    """A JSON file of short Dutch texts in `prompts/`, keyed by name."""
    data: dict[str, str] = json.loads(_read(directory / name))
    return data


def messages(directory: Path = DEFAULT_DIR) -> dict[str, str]:
    """Short Dutch UI and CLI messages, keyed by name (`prompts/messages_nl.json`)."""
    return texts("messages_nl.json", directory)


def say(key: str, **values: Any) -> str:
    """One message of `prompts/messages_nl.json`, filled in: for errors raised deep in the core,
    where no settings are at hand (the default prompts folder applies)."""
    return messages()[key].format(**values)
