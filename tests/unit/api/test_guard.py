"""The slot guard in front of heavy routes: a fixed number run, a bounded queue waits, the rest
hear when to come back; one client cannot hold more than its share."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.guard import SlotGuard
from api.messages import load_messages
from assistant.settings import Settings


class SlowApp:
    """Answers every request once `release` is set; counts how many ran at once."""

    def __init__(self) -> None:
        self.release = asyncio.Event()
        self.running = 0
        self.most = 0

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        self.running += 1
        self.most = max(self.most, self.running)
        try:
            await self.release.wait()
        finally:
            self.running -= 1
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})


def _client(app: Any, host: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app, client=(host, 1234)), base_url="http://t")


def _guard(tmp_path: Path, **values: Any) -> tuple[SlotGuard, SlowApp]:
    settings = Settings(home=tmp_path, **values)
    inner = SlowApp()
    return SlotGuard(inner, settings, load_messages(settings)), inner


async def _until(condition: Any) -> None:
    for _ in range(200):
        if condition():
            return
        await asyncio.sleep(0.005)
    raise AssertionError("condition not reached")


def test_slots_queue_then_503_with_retry_after(tmp_path: Path) -> None:
    async def run() -> None:
        guard, inner = _guard(tmp_path, max_concurrent=2, max_queued=1, queue_wait_s=5, max_per_client=9)
        clients = [_client(guard, f"10.0.0.{i}") for i in range(4)]
        first = [asyncio.create_task(c.get("/api/ask")) for c in clients[:3]]
        await _until(lambda: inner.running == 2 and guard.waiting == 1)
        refused = await clients[3].get("/api/ask")
        assert refused.status_code == 503 and refused.headers["Retry-After"].isdigit()
        assert "te druk" in refused.json()["detail"]
        inner.release.set()
        assert [(await t).status_code for t in first] == [200, 200, 200]
        assert inner.most == 2  # the queued one ran only once a slot was free

    asyncio.run(run())


def test_a_wait_that_runs_out_is_503(tmp_path: Path) -> None:
    async def run() -> None:
        guard, inner = _guard(tmp_path, max_concurrent=1, max_queued=5, queue_wait_s=0.05)
        holding = asyncio.create_task(_client(guard, "10.0.0.1").get("/api/search"))
        await _until(lambda: inner.running == 1)
        late = await _client(guard, "10.0.0.2").get("/api/search")
        assert late.status_code == 503
        inner.release.set()
        assert (await holding).status_code == 200

    asyncio.run(run())


def test_one_client_beyond_its_share_gets_429_and_others_still_get_in(tmp_path: Path) -> None:
    async def run() -> None:
        guard, inner = _guard(tmp_path, max_concurrent=4, max_per_client=2)
        greedy = _client(guard, "10.0.0.1")
        held = [asyncio.create_task(greedy.get("/api/ask")) for _ in range(2)]
        await _until(lambda: inner.running == 2)
        third = await greedy.get("/api/ask")
        assert third.status_code == 429 and "Retry-After" in third.headers
        other = asyncio.create_task(_client(guard, "10.0.0.2").get("/api/ask"))
        await _until(lambda: inner.running == 3)
        inner.release.set()
        assert [(await t).status_code for t in [*held, other]] == [200, 200, 200]

    asyncio.run(run())


def test_cheap_routes_take_no_slot(tmp_path: Path) -> None:
    async def run() -> None:
        guard, inner = _guard(tmp_path, max_concurrent=1, max_queued=0, queue_wait_s=0.05)
        inner.release.set()
        responses = await asyncio.gather(*(_client(guard, "10.0.0.1").get("/healthz") for _ in range(6)))
        assert {r.status_code for r in responses} == {200}

    asyncio.run(run())


@pytest.mark.parametrize("path", ["/api/ask", "/api/compare"])
def test_heavy_routes_are_guarded(tmp_path: Path, path: str) -> None:
    async def run() -> None:
        guard, inner = _guard(tmp_path, max_concurrent=1, max_queued=0, queue_wait_s=0.05)
        holding = asyncio.create_task(_client(guard, "10.0.0.1").get(path))
        await _until(lambda: inner.running == 1)
        assert (await _client(guard, "10.0.0.2").get(path)).status_code == 503
        inner.release.set()
        await holding

    asyncio.run(run())
