"""The MCP server through the SDK's own client: `beleid mcp` over stdio, and `/mcp` of a real
`beleid serve` over streamable HTTP, both on a one-document index built with the hashing embedder."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import anyio
import pytest
from mcp import ClientSession, StdioServerParameters, stdio_client
from mcp.client.streamable_http import streamable_http_client

from tests.api_support import DOC, QUOTES, TESTDORP_PAGES, make_pdf
from tests.processes import beleid_env, serve_beleid

BELEID = Path(sys.executable).parent / "beleid"
TOOLS = {"ask", "search", "register", "compare", "document_page"}
QUESTION = "Hoeveel budget reserveert Testdorp in 2022 voor jeugdhulp?"
MANIFEST = (
    "slug,municipality,title,year,period,doc_type\n"
    f"{DOC},Testdorp,Beleidsplan Sociaal Domein Testdorp 2022,2022,2022,beleidsplan\n"
)

Session = Callable[[ClientSession], Awaitable[None]]


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("mcp")
    corpus = root / "corpus"
    corpus.mkdir()
    make_pdf(corpus / f"{DOC}.pdf", TESTDORP_PAGES)
    (corpus / "manifest.csv").write_text(MANIFEST, encoding="utf-8")
    env = beleid_env(root / "home", corpus_dir=str(corpus))
    done = subprocess.run([str(BELEID), "ingest", "--json"], env=env, capture_output=True, timeout=180)
    assert done.returncode == 0, done.stderr.decode()
    assert json.loads(done.stdout)["added"] == 1
    return env


def _run(session: Callable[[], Any], check: Session, timeout: float = 90) -> None:
    """Opens `session()` (a transport's stream pair), initializes, and runs `check` on it."""

    async def main() -> None:
        with anyio.fail_after(timeout):
            async with session() as (read, write), ClientSession(read, write) as client:
                await client.initialize()
                await check(client)

    anyio.run(main)


async def _call(client: ClientSession, name: str, **arguments: Any) -> dict[str, Any]:
    result = await client.call_tool(name, arguments)
    assert not result.is_error, result.content
    assert result.structured_content is not None
    return result.structured_content


def _assert_sourced(items: list[dict[str, Any]]) -> None:
    assert items
    for item in items:
        assert item["doc"] == DOC and item["page"] >= 1 and item["quote"].strip()


async def _check_tools(client: ClientSession) -> None:
    tools = {tool.name: tool for tool in (await client.list_tools()).tools}
    assert set(tools) == TOOLS
    for tool in tools.values():
        assert tool.description and tool.annotations is not None
        assert tool.annotations.read_only_hint is True
        assert tool.annotations.destructive_hint is False
        assert tool.output_schema is not None and tool.output_schema["type"] == "object"
        for prop in tool.input_schema["properties"].values():
            assert prop.get("description"), tool.name
    assert tools["ask"].input_schema["required"] == ["question"]
    assert set(tools["document_page"].input_schema["required"]) == {"doc", "page"}
    cited = tools["ask"].output_schema["$defs"]["Citation"]["required"]
    assert {"doc", "page", "quote"} <= set(cited)


async def _check_answers(client: ClientSession) -> None:
    answer = await _call(client, "ask", question=QUESTION)
    assert answer["refused"] is False
    assert "2,4 miljoen" in answer["answer"]
    _assert_sourced(answer["citations"])
    assert any(c["page"] == 2 and "2,4 miljoen" in c["quote"] for c in answer["citations"])

    found = await _call(client, "search", query="jeugdhulp budget", k=3)
    assert 1 <= len(found["hits"]) <= 3
    assert all(h["doc"] == DOC and h["page"] >= 1 and h["text"] for h in found["hits"])

    page, quote = QUOTES[0]
    shown = await _call(client, "document_page", doc=DOC, page=page, quote=quote)
    assert shown["doc"] == DOC and shown["page"] == page and shown["match"] is not None
    start, end = shown["match"]["start"], shown["match"]["end"]
    assert " ".join(shown["text"][start:end].split()) == quote

    refused = await client.call_tool("document_page", {"doc": "bestaat-niet", "page": 1})
    assert refused.is_error and "bestaat-niet" in str(refused.content)
    invalid = await client.call_tool("search", {"query": "x", "k": 500})
    assert invalid.is_error


async def _check_register(client: ClientSession) -> None:
    records = await _call(client, "register", municipality="Testdorp", limit=5)
    assert len(records["records"]) <= 5 and records["count"] >= len(records["records"])
    _assert_sourced([r["provenance"] for r in records["records"]])
    table = await _call(client, "compare", theme="jeugd", municipalities=["Testdorp"])
    assert table["theme"]["id"] and table["municipalities"] in ([], ["Testdorp"])
    unknown = await client.call_tool("compare", {"theme": "geen-thema-xyz"})
    assert unknown.is_error


def test_stdio_server_lists_read_only_tools_and_answers_with_sources(env: dict[str, str]) -> None:
    params = StdioServerParameters(command=str(BELEID), args=["mcp"], env=env)

    async def check(client: ClientSession) -> None:
        await _check_tools(client)
        await _check_answers(client)
        await _check_register(client)

    _run(lambda: stdio_client(params), check)


def test_stdio_stdout_carries_only_the_protocol(env: dict[str, str]) -> None:
    """A question loads the whole stack (Chroma, spaCy, the model) while fd 1 is in use: not one
    stray line may reach stdout, or a client could not parse the stream."""
    messages = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "protocolVersion": "2025-06-18", "capabilities": {},
            "clientInfo": {"name": "test", "version": "0"}}},
        {"jsonrpc": "2.0", "method": "notifications/initialized"},
        {"jsonrpc": "2.0", "id": 2, "method": "tools/call",
         "params": {"name": "ask", "arguments": {"question": QUESTION}}},
    ]  # fmt: skip
    process = subprocess.Popen(
        [str(BELEID), "mcp"], env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdin is not None and process.stdout is not None
    for message in messages:
        process.stdin.write(json.dumps(message).encode() + b"\n")
        process.stdin.flush()
    lines = []
    try:
        for line in iter(process.stdout.readline, b""):
            lines.append(json.loads(line))  # fails on anything that is not JSON-RPC
            if lines[-1].get("id") == 2:
                break
    finally:
        process.stdin.close()
        process.wait(30)
    assert [m.get("id") for m in lines] == [1, 2]
    assert all(m["jsonrpc"] == "2.0" for m in lines)
    assert lines[1]["result"]["structuredContent"]["citations"]


@pytest.fixture(scope="module")
def server(env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from serve_beleid(env, tmp_path_factory.mktemp("mcp-serve"))


def test_http_endpoint_at_mcp_serves_the_same_tools(server: str) -> None:
    async def check(client: ClientSession) -> None:
        await _check_tools(client)
        answer = await _call(client, "ask", question=QUESTION, municipality="Testdorp")
        assert answer["refused"] is False
        _assert_sourced(answer["citations"])

    _run(lambda: streamable_http_client(server + "/mcp"), check)
