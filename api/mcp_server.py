"""The MCP server: the assistant's read-only tools for MCP clients (Claude Desktop, IDEs, agents).

Five tools: `ask`, `search`, `register`, `compare` and `document_page`. Each has typed, described
parameters, a structured result (an output schema) whose sources carry doc / page / quote, and the
read-only annotation. They call the API's own route functions, so a tool answers what the matching
`/api/...` endpoint answers, and an HTTP error there becomes a tool error here.

`beleid mcp` serves them over stdio (`run_stdio`); `create_app` serves the same tools at `/mcp`
(streamable HTTP, `McpEndpoint`) with the app's own assistant. The core does not import this module.
"""

import threading
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Annotated, Any, cast

from fastapi import HTTPException
from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import ToolAnnotations
from pydantic import BaseModel, Field
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.types import Receive, Scope, Send

from api.messages import Messages, load_messages
from api.register_schemas import CompareOut, RecordTypeParam, RegisterOut
from api.schemas import MAX_QUESTION_CHARS, AskRequest, PageOut
from assistant.core import Assistant
from assistant.errors import BeleidError
from assistant.prompts import texts
from assistant.register.store import RegisterStore
from assistant.settings import Settings

TEXTS = "mcp_nl.json"
READ_ONLY = ToolAnnotations(
    read_only_hint=True, destructive_hint=False, idempotent_hint=True, open_world_hint=False
)

# Parameters: the bounds of the HTTP API, so both refuse the same input.
QuestionArg = Annotated[
    str,
    Field(min_length=1, max_length=MAX_QUESTION_CHARS, description="De vraag, in gewone taal (Nederlands)"),
]
QueryArg = Annotated[
    str, Field(min_length=1, max_length=MAX_QUESTION_CHARS, description="Zoekvraag of trefwoorden")
]
MunicipalityArg = Annotated[
    str | None, Field(max_length=100, description="Alleen documenten van deze gemeente, bijv. Almelo")
]
YearArg = Annotated[int | None, Field(ge=1900, le=2100, description="Alleen documenten uit dit jaar")]
ThemeArg = Annotated[str, Field(min_length=1, max_length=100, description="Thema-id of -naam, bijv. jeugd")]
DocArg = Annotated[str, Field(min_length=1, max_length=200, description="Document-id, zoals in `doc`")]


class Citation(BaseModel):
    n: int = Field(description="Het nummer van de [n]-markering in het antwoord")
    doc: str = Field(description="Document-id")
    page: int = Field(description="Paginanummer, vanaf 1")
    quote: str = Field(description="Letterlijk op die pagina")
    title: str = ""
    municipality: str = ""
    year: int | None = None


class AskResult(BaseModel):
    question: str
    resolved_question: str = Field("", description="De vraag zoals begrepen")
    answer: str = Field(description="Kort antwoord met [n]-markeringen, of de weigering")
    refused: bool = Field(description="Waar als de documenten het antwoord niet bevatten")
    citations: list[Citation]
    mode: str = Field(description="extractive, generative, extractive-fallback of register")
    markdown: str | None = Field(None, description="Het antwoord als Markdown met genummerde bronnen")


class Passage(BaseModel):
    doc: str = Field(description="Document-id")
    page: int = Field(description="Eerste pagina van de passage")
    page_end: int = Field(description="Laatste pagina van de passage")
    text: str = Field(description="De passage zoals geïndexeerd")
    title: str
    municipality: str
    year: int
    section: str
    kind: str = Field(description="text of table")
    score: float


class SearchResult(BaseModel):
    query: str
    hits: list[Passage]


class Backend:
    """Where the tools get the assistant, the register and the messages: the app's own (`from_app`)
    or, for stdio, built from the settings on first use (`from_settings`)."""

    def __init__(
        self,
        messages: Messages,
        assistant: Callable[[], Assistant],
        register: Callable[[], RegisterStore],
        close: Callable[[], None] = lambda: None,
    ) -> None:
        self.messages = messages
        self.assistant = assistant
        self.register = register
        self.close = close

    @classmethod
    def from_app(cls, state: Any) -> "Backend":
        """`state` is `app.state`: the lifespan puts the assistant there, the app closes a register
        it opened."""
        from api.deps import app_register

        return cls(state.messages, lambda: cast(Assistant, state.assistant), lambda: app_register(state))

    @classmethod
    def from_settings(cls, settings: Settings) -> "Backend":
        lock = threading.Lock()
        built: dict[str, Any] = {}

        def assistant() -> Assistant:
            with lock:  # once, on the first call: loading the model must not delay the handshake
                if "assistant" not in built:
                    from assistant.factory import build_assistant

                    built["assistant"] = build_assistant(settings)
                return cast(Assistant, built["assistant"])

        def register() -> RegisterStore:
            own = assistant().register
            if own is not None:
                return own
            with lock:
                if "register" not in built:
                    built["register"] = RegisterStore(settings.register_path)
                return cast(RegisterStore, built["register"])

        def close() -> None:
            if "register" in built:
                built.pop("register").close()

        return cls(load_messages(settings), assistant, register, close)


@contextmanager
def _as_tool_errors() -> Iterator[None]:
    """The API's refusals (404 unknown document, 422 bad input) and the core's own errors reach the
    client as a tool error with the same Dutch text."""
    try:
        yield
    except HTTPException as exc:
        raise ToolError(str(exc.detail)) from None
    except BeleidError as exc:
        raise ToolError(" ".join(str(exc).split())) from None


def build_server(backend: Backend, settings: Settings) -> MCPServer[Any]:
    from api.routes import documents, register, search
    from api.routes.ask import answer_payload

    text = texts(TEXTS, settings.prompts_dir)
    server: MCPServer[Any] = MCPServer(
        "beleidsassistent",
        title="Beleidsassistent",
        instructions=text["instructions"],
        version="0.1.0",
        log_level="WARNING",  # the SDK configures logging (on stderr); INFO would log every call
    )

    def tool(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        return server.tool(name, title=text[f"{name}_title"], description=text[name], annotations=READ_ONLY)

    @tool("ask")
    def ask(question: QuestionArg, municipality: MunicipalityArg = None, year: YearArg = None) -> AskResult:
        with _as_tool_errors():
            body = AskRequest(question=question, municipality=municipality, year=year)
            payload = answer_payload(backend.assistant(), body)
        sources: dict[str, dict[str, Any]] = payload.get("sources", {})
        return AskResult(
            question=payload["question"],
            resolved_question=payload.get("resolved_question", ""),
            answer=payload["answer"],
            refused=payload["refused"],
            mode=payload.get("mode", ""),
            markdown=payload.get("markdown"),
            citations=[
                Citation(
                    n=n,
                    doc=c["doc"],
                    page=c["page"],
                    quote=c["quote"],
                    title=sources.get(c["doc"], {}).get("title", ""),
                    municipality=sources.get(c["doc"], {}).get("municipality", ""),
                    year=sources.get(c["doc"], {}).get("year"),
                )
                for n, c in enumerate(payload["citations"], start=1)
            ],
        )

    @tool("search")
    def search_passages(
        query: QueryArg,
        municipality: MunicipalityArg = None,
        year: YearArg = None,
        k: Annotated[int, Field(ge=1, le=50, description="Aantal passages")] = 10,
    ) -> SearchResult:
        with _as_tool_errors():
            found = search.search(backend.assistant(), backend.messages, query, municipality, year, k)
        return SearchResult(
            query=found.query,
            hits=[
                Passage(
                    doc=h.doc,
                    page=h.page_start,
                    page_end=h.page_end,
                    text=h.text,
                    title=h.title,
                    municipality=h.municipality,
                    year=h.year,
                    section=h.section,
                    kind=h.kind,
                    score=h.score,
                )
                for h in found.hits
            ],
        )

    @tool("register")
    def register_records(
        municipality: MunicipalityArg = None,
        type: Annotated[
            RecordTypeParam, Field(description="goal, indicator, budget of measure (ook: doel, maatregel)")
        ] = None,
        theme: Annotated[str | None, Field(max_length=100, description="Thema-id of -naam")] = None,
        limit: Annotated[int, Field(ge=1, le=500, description="Hoogstens zoveel records tonen")] = 50,
    ) -> RegisterOut:
        with _as_tool_errors():
            out = register.register_records(backend.register(), backend.messages, municipality, type, theme)
        out = cast(RegisterOut, out)
        out.records = out.records[:limit]
        return out

    @tool("compare")
    def compare_municipalities(
        theme: ThemeArg,
        municipalities: Annotated[
            list[str] | None,
            Field(max_length=register.MAX_MUNICIPALITIES, description="Gemeenten; leeg: alle gemeenten"),
        ] = None,
        limit: Annotated[int, Field(ge=0, le=200, description="Vermeldingen per cel; 0 = alle")] = 6,
    ) -> CompareOut:
        names = ",".join(m.replace(",", " ") for m in municipalities or ())
        with _as_tool_errors():
            out = register.compare_table(backend.register(), backend.messages, theme, names, limit)
        return cast(CompareOut, out)

    @tool("document_page")
    def document_page(
        doc: DocArg,
        page: Annotated[int, Field(ge=1, description="Paginanummer, vanaf 1")],
        quote: Annotated[
            str | None, Field(max_length=5000, description="Citaat om op de pagina terug te vinden")
        ] = None,
    ) -> PageOut:
        with _as_tool_errors():
            return documents.document_page(doc, page, backend.assistant(), backend.messages, quote)

    return server


def run_stdio(settings: Settings) -> None:
    """`beleid mcp`: serve over stdin/stdout until the client closes them. The SDK points file
    descriptor 1 at stderr while it serves, so nothing but the protocol reaches stdout."""
    backend = Backend.from_settings(settings)
    try:
        build_server(backend, settings).run("stdio")
    finally:
        backend.close()


class McpEndpoint:
    """The ASGI endpoint at `/mcp`: the server's streamable HTTP app, stateless (JSON responses) so
    that any of several API workers can answer any request. A session manager runs only once, so
    each app lifespan (`running`) makes a fresh one; outside a lifespan the endpoint answers 503."""

    def __init__(self, server: MCPServer[Any], settings: Settings) -> None:
        self.server = server
        self.settings = settings
        self._app: Starlette | None = None

    @asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        # host: the SDK checks Host/Origin (DNS rebinding) when the server listens on loopback only.
        app = self.server.streamable_http_app(
            streamable_http_path="/mcp",
            stateless_http=True,
            json_response=True,
            host=self.settings.serve.host,
        )
        async with self.server.session_manager.run():
            self._app = app
            try:
                yield
            finally:
                self._app = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self._app is None:
            await JSONResponse({"detail": "MCP server not running"}, 503)(scope, receive, send)
            return
        await self._app(scope, receive, send)


def http_endpoint(state: Any, settings: Settings) -> McpEndpoint:
    """The `/mcp` endpoint of the app whose `app.state` is `state`."""
    return McpEndpoint(build_server(Backend.from_app(state), settings), settings)
