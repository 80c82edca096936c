"""LangChain fake chat models for the LLM tests: no network, scripted replies.

Each fake answers `invoke` (`_call`) and `stream` (`_stream`) alike, as a real chat model does."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from langchain_core.language_models.fake_chat_models import FakeListChatModel
from langchain_core.messages import AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGenerationChunk
from pydantic import Field


class RecordingChat(FakeListChatModel):
    """Remembers the messages it got (and the options of each call), so tests can read the prompt."""

    seen: list[list[BaseMessage]] = Field(default_factory=list)
    options: list[dict[str, Any]] = Field(default_factory=list)

    def _call(self, messages: list[BaseMessage], *args: Any, **kwargs: Any) -> str:
        self.seen.append(messages)
        self.options.append(kwargs)
        return super()._call(messages, *args, **kwargs)

    def _stream(
        self, messages: list[BaseMessage], *args: Any, **kwargs: Any
    ) -> Iterator[ChatGenerationChunk]:
        self.seen.append(messages)
        self.options.append(kwargs)
        yield from super()._stream(messages, *args, **kwargs)


class FailingChat(FakeListChatModel):
    """A server that is down."""

    def _call(self, *args: Any, **kwargs: Any) -> str:
        raise ConnectionError("Connection refused")

    def _stream(self, *args: Any, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        raise ConnectionError("Connection refused")


class WordChat(FakeListChatModel):
    """Streams its replies word by word, `pause` seconds apart (a slow model)."""

    pause: float = 0.0

    def _stream(
        self, messages: list[BaseMessage], *args: Any, **kwargs: Any
    ) -> Iterator[ChatGenerationChunk]:
        reply = self._call(messages, *args, **kwargs)
        for word in reply.split(" "):
            time.sleep(self.pause)
            yield ChatGenerationChunk(message=AIMessageChunk(content=word + " "))
