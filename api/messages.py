"""Dutch user-facing messages for the API, read from `prompts/messages_nl.json`."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from typing import Any

from assistant.prompts import messages, prompt
from assistant.settings import Settings

log = logging.getLogger(__name__)


class Messages:
    """`msg("key", name=value)` formats one message; a missing key degrades to the key, never a 500."""

    def __init__(self, texts: Mapping[str, str]) -> None:
        self._texts = dict(texts)

    def __call__(self, key: str, **values: Any) -> str:
        template = self._texts.get(key)
        if template is None:
            log.warning("message %r missing from messages_nl.json", key)
            return key
        try:
            return template.format(**values)
        except (KeyError, IndexError, ValueError):
            return template


def load_messages(settings: Settings) -> Messages:
    return Messages(messages(settings.prompts_dir))


def load_ui_text(settings: Settings) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(prompt("ui_nl.json", settings.prompts_dir))
    return data
