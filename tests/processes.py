"""Real processes for the server-mode tests: a Chroma server (`chroma run`, from the chromadb
package) and `beleid` commands, all on loopback with free ports."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMA = Path(sys.executable).parent / "chroma"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_http(url: str, timeout: float, process: subprocess.Popen[bytes] | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{process.args} ended with {process.returncode} before {url} answered")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


@contextmanager
def chroma_server(path: Path) -> Iterator[int]:
    """A Chroma server persisting under `path`; yields its port."""
    port = free_port()
    log = (path.parent / f"chroma-{port}.log").open("wb")
    process = subprocess.Popen(
        [str(CHROMA), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
    )
    try:
        wait_http(f"http://127.0.0.1:{port}/api/v2/heartbeat", 60, process)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def beleid_env(home: Path, **values: str) -> dict[str, str]:
    env = {**os.environ, "BELEID_HOME": str(home), "BELEID_EMBEDDING_MODEL": "hash-64"}
    env.update({f"BELEID_{k.upper()}": v for k, v in values.items()})
    return env


def beleid(env: dict[str, str], *args: str, log: Path | None = None) -> subprocess.Popen[bytes]:
    """`beleid <args>` in its own process (and process group, so a stop reaches its workers)."""
    out = log.open("ab") if log else subprocess.DEVNULL
    return subprocess.Popen(
        [sys.executable, "-c", "from beleid.cli import main; main()", *args],
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def serve_beleid(env: dict[str, str], log_dir: Path, *args: str) -> Iterator[str]:
    """`beleid serve <args>` on a free port (log in `log_dir`); yields its URL once /healthz answers."""
    port = free_port()
    process = beleid({**env, "BELEID_PORT": str(port)}, "serve", *args, log=log_dir / f"serve-{port}.log")
    url = f"http://127.0.0.1:{port}"
    try:
        wait_http(url + "/healthz", 120, process)
        yield url
    finally:
        stop(process)


def stop(process: subprocess.Popen[bytes], timeout: float = 15) -> None:
    """SIGTERM to the process group (uvicorn's workers too), SIGKILL when it does not end."""
    import signal

    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(5)
