"""Chat models through LangChain, behind our small `LLM` protocol.

This is the only module that knows LangChain: the answerers see `complete(system, user) -> str`,
and every failure (server down, unknown model, bad key, timeout) arrives as one `LLMError` whose
Dutch message says which setting to check.
"""

from __future__ import annotations

from typing import Any

from assistant.errors import LLMError
from assistant.settings import Settings

# Local models on a CPU can take minutes for one answer; a hung server should still end.
TIMEOUT_S = 180.0
MAX_RETRIES = 1


class LangChainLLM:
    """Wraps any LangChain chat model (`invoke(messages)` -> message with `.content`)."""

    def __init__(self, chat_model: Any, base_url: str | None = None) -> None:
        self.chat_model = chat_model
        self.base_url = base_url

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

    def complete(self, system: str, user: str) -> str:
        from langchain_core.messages import HumanMessage, SystemMessage

        try:
            reply = self.chat_model.invoke([SystemMessage(content=system), HumanMessage(content=user)])
        except Exception as exc:  # the providers raise their own types; callers need one
            raise LLMError(_message(self.model, self.base_url, exc)) from exc
        return _text(reply.content)


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
    try:
        if settings.llm.provider == "openai":
            from langchain_openai import ChatOpenAI

            # Any OpenAI-compatible server (vLLM, llama.cpp, LM Studio) accepts a dummy key.
            chat: Any = ChatOpenAI(
                base_url=settings.llm.base_url,
                model=settings.llm.model,
                api_key=settings.llm.api_key or "not-needed",  # type: ignore[arg-type]
                temperature=settings.llm.temperature,
                timeout=TIMEOUT_S,
                max_retries=MAX_RETRIES,
            )
        elif settings.llm.provider == "ollama":
            from langchain_ollama import ChatOllama

            chat = ChatOllama(
                base_url=settings.llm.base_url,
                model=settings.llm.model,
                temperature=settings.llm.temperature,
                client_kwargs={"timeout": TIMEOUT_S},
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
    return LangChainLLM(chat, base_url=settings.llm.base_url)
