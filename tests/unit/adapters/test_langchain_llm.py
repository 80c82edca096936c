"""The LangChain chat-model adapter: built from settings without contacting any server."""

from __future__ import annotations

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

from assistant.adapters.langchain_llm import LangChainLLM, make_llm
from assistant.errors import LLMError
from assistant.protocols import LLM
from assistant.settings import Settings
from tests.fake_chat import FailingChat, RecordingChat


def test_openai_builds_a_chat_openai_for_any_compatible_server() -> None:
    from langchain_openai import ChatOpenAI

    settings = Settings(
        llm="openai",
        llm_base_url="http://localhost:8080/v1",
        llm_model="qwen2.5-7b-instruct",
        llm_temperature=0.2,
    )
    llm = make_llm(settings)

    assert isinstance(llm, LLM)
    assert isinstance(llm.chat_model, ChatOpenAI)
    assert llm.chat_model.openai_api_base == "http://localhost:8080/v1"
    assert llm.chat_model.model_name == "qwen2.5-7b-instruct"
    assert llm.chat_model.temperature == 0.2
    # Local servers want no key, but the client refuses to start without one.
    assert llm.chat_model.openai_api_key.get_secret_value() == "not-needed"
    assert llm.name == "ChatOpenAI:qwen2.5-7b-instruct"


def test_openai_passes_a_given_api_key() -> None:
    llm = make_llm(Settings(llm="openai", llm_api_key="sk-test", llm_base_url="http://localhost:1/v1"))

    assert llm.chat_model.openai_api_key.get_secret_value() == "sk-test"


def test_ollama_builds_a_chat_ollama() -> None:
    from langchain_ollama import ChatOllama

    llm = make_llm(Settings(llm="ollama", llm_base_url="http://localhost:11434", llm_model="llama3.1:8b"))

    assert isinstance(llm.chat_model, ChatOllama)
    assert llm.chat_model.base_url == "http://localhost:11434"
    assert llm.chat_model.model == "llama3.1:8b"
    assert llm.name == "ChatOllama:llama3.1:8b"


def test_no_llm_configured_is_an_llm_error() -> None:
    with pytest.raises(LLMError, match="BELEID_LLM=none"):
        make_llm(Settings(llm="none"))


def test_complete_sends_system_and_user_messages_and_returns_the_text() -> None:
    chat = RecordingChat(responses=["Het antwoord."])
    llm = LangChainLLM(chat)

    assert llm.complete("systeem", "vraag") == "Het antwoord."
    [messages] = chat.seen
    assert [type(m) for m in messages] == [SystemMessage, HumanMessage]
    assert [m.content for m in messages] == ["systeem", "vraag"]


def test_complete_joins_the_text_blocks_of_a_structured_reply() -> None:
    reply = AIMessage(content=[{"type": "text", "text": "Het "}, {"type": "image", "url": "x"}, "antwoord."])
    llm = LangChainLLM(GenericFakeChatModel(messages=iter([reply])))

    assert llm.complete("systeem", "vraag") == "Het antwoord."


def test_provider_errors_become_an_llm_error_that_says_what_to_check() -> None:
    llm = LangChainLLM(FailingChat(responses=[]), base_url="http://localhost:9/v1")

    with pytest.raises(LLMError) as raised:
        llm.complete("systeem", "vraag")

    message = str(raised.value)
    assert "Connection refused" in message
    assert "BELEID_LLM_BASE_URL (http://localhost:9/v1)" in message
    assert "BELEID_LLM_MODEL" in message
    assert "server draait" in message


def test_openai_calls_are_bounded_by_the_settings() -> None:
    llm = make_llm(
        Settings(llm="openai", llm_base_url="http://localhost:1/v1", llm_max_tokens=200, llm_budget_s=20)
    )

    # `max_tokens` itself: llama.cpp's server ignores the `max_completion_tokens` ChatOpenAI sends.
    assert llm.chat_model.extra_body == {"max_tokens": 200}
    assert llm.chat_model.request_timeout == 20
    assert llm.chat_model.max_retries == 0
    assert llm.per_call_timeout


def test_ollama_calls_are_bounded_by_the_settings() -> None:
    llm = make_llm(Settings(llm="ollama", llm_max_tokens=250, llm_budget_s=15))

    assert llm.chat_model.num_predict == 250
    assert llm.chat_model.client_kwargs == {"timeout": 15}
    assert not llm.per_call_timeout


def test_stream_yields_the_pieces_and_passes_the_timeout() -> None:
    chat = RecordingChat(responses=["Het antwoord."])
    llm = LangChainLLM(chat, per_call_timeout=True)

    assert "".join(llm.stream("systeem", "vraag", timeout_s=3.5)) == "Het antwoord."
    assert chat.options[0]["timeout"] == 3.5


def test_stream_errors_become_an_llm_error() -> None:
    llm = LangChainLLM(FailingChat(responses=[]), base_url="http://localhost:9/v1")

    with pytest.raises(LLMError, match="BELEID_LLM_BASE_URL"):
        list(llm.stream("systeem", "vraag"))
