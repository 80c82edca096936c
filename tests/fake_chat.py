"""LangChain fake chat models for the LLM tests: no network, scripted replies."""

from __future__ import annotations

from typing import Any

from langchain_core.language_models.fake_chat_models import FakeListChatModel
from langchain_core.messages import BaseMessage
from pydantic import Field


class RecordingChat(FakeListChatModel):
    """Remembers the messages it got, so tests can read the prompt."""

    seen: list[list[BaseMessage]] = Field(default_factory=list)

    def _call(self, messages: list[BaseMessage], *args: Any, **kwargs: Any) -> str:
        self.seen.append(messages)
        return super()._call(messages, *args, **kwargs)


class FailingChat(FakeListChatModel):
    """A server that is down."""

    def _call(self, *args: Any, **kwargs: Any) -> str:
        raise ConnectionError("Connection refused")
