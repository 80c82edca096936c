"""Chat models through LangChain, behind our small `LLM` protocol.

This is the only module that knows LangChain: the answerers see `complete(system, user) -> str`
and `stream(system, user) -> Iterator[str]`, and every failure (server down, unknown model, bad
key, timeout) arrives as one `LLMError` whose Dutch message says which setting to check.

Every call is bounded (`settings.llm`): at most `max_tokens` tokens, a client timeout no longer
than the question's time budget (shorter per call when the server takes it: OpenAI-compatible),
and `max_retries` retries (0 by default: a retry after a timeout would double the wait).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from assistant.errors import LLMError
from assistant.settings import Settings


class LangChainLLM:
    """Wraps any LangChain chat model (`invoke(messages)` -> message with `.content`)."""

    def __init__(self, chat_model: Any, base_url: str | None = None, per_call_timeout: bool = False) -> None:
        self.chat_model = chat_model
        self.base_url = base_url
        # The OpenAI client takes a timeout per request; Ollama's only the one it was built with.
        self.per_call_timeout = per_call_timeout

    @property
    def model(self) -> str:
        for attribute in ("model_name", "model"):
            value = getattr(self.chat_model, attribute, None)
            if isinstance(value, str) and value:
                return value
        return "?"

    @property
    def name(self) -> str:
        return f"{type(self.chat_model).__name__}:{self.model}"

    def complete(self, system: str, user: str, timeout_s: float | None = None) -> str:
        try:
            reply = self.chat_model.invoke(_messages(system, user), **self._options(timeout_s))
        except Exception as exc:  # the providers raise their own types; callers need one
            raise LLMError(_message(self.model, self.base_url, exc)) from exc
        return _text(reply.content)

    def stream(self, system: str, user: str, timeout_s: float | None = None) -> Iterator[str]:
        """The answer's text in pieces as the server sends them."""
        try:
            for chunk in self.chat_model.stream(_messages(system, user), **self._options(timeout_s)):
                text = _text(chunk.content)
                if text:
                    yield text
        except Exception as exc:
            raise LLMError(_message(self.model, self.base_url, exc)) from exc

    def _options(self, timeout_s: float | None) -> dict[str, Any]:
        return {"timeout": timeout_s} if self.per_call_timeout and timeout_s is not None else {}


def _messages(system: str, user: str) -> list[Any]:
    from langchain_core.messages import HumanMessage, SystemMessage

    return [SystemMessage(content=system), HumanMessage(content=user)] if system else [HumanMessage(user)]


def _text(content: Any) -> str:
    """Message content is a string, or (multimodal providers) a list of text/other blocks."""
    if isinstance(content, str):
        return content
    parts: list[str] = []
    for block in content or []:
        if isinstance(block, str):
            parts.append(block)
        elif isinstance(block, dict) and block.get("type") == "text":
            parts.append(str(block.get("text", "")))
    return "".join(parts)


def _message(model: str, base_url: str | None, exc: Exception) -> str:
    where = base_url or "de standaardserver van de provider"
    return (
        f"Het taalmodel '{model}' gaf geen antwoord ({type(exc).__name__}: {exc}). "
        f"Controleer of de server draait en bereikbaar is op BELEID_LLM_BASE_URL ({where}), "
        f"of het model '{model}' daar bestaat (BELEID_LLM_MODEL) en of BELEID_LLM_API_KEY klopt "
        "als de server een sleutel vraagt."
    )


def make_llm(settings: Settings) -> LangChainLLM:
    """The chat model `settings.llm.provider` names; builds the client only, contacts no server."""
    llm = settings.llm
    try:
        if settings.llm.provider == "openai":
            from langchain_openai import ChatOpenAI

            # Any OpenAI-compatible server (vLLM, llama.cpp, LM Studio) accepts a dummy key.
            chat: Any = ChatOpenAI(
                base_url=settings.llm.base_url,
                model=settings.llm.model,
                api_key=settings.llm.api_key or "not-needed",  # type: ignore[arg-type]
                temperature=settings.llm.temperature,
                timeout=llm.budget_s,
                max_retries=llm.max_retries,
                # `max_tokens` in the body: ChatOpenAI would send `max_completion_tokens`, which
                # llama.cpp's server (and older vLLM) ignore, letting a model ramble to its context.
                extra_body={"max_tokens": llm.max_tokens},
            )
        elif settings.llm.provider == "ollama":
            from langchain_ollama import ChatOllama

            chat = ChatOllama(
                base_url=settings.llm.base_url,
                model=settings.llm.model,
                temperature=settings.llm.temperature,
                num_predict=llm.max_tokens,
                client_kwargs={"timeout": llm.budget_s},
            )
        else:
            raise LLMError(
                f"Geen taalmodel ingesteld (BELEID_LLM={settings.llm.provider}); kies 'openai' of 'ollama', "
                "of gebruik het extractieve antwoord."
            )
    except ImportError as exc:
        raise LLMError(
            f"De LangChain-koppeling voor BELEID_LLM={settings.llm.provider} is niet geïnstalleerd "
            f"({exc.name}); "
            "installeer het project opnieuw met `pip install -e .`."
        ) from exc
    return LangChainLLM(chat, base_url=llm.base_url, per_call_timeout=llm.provider == "openai")
