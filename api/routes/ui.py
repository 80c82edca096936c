"""The web UI: `index.html` with the Dutch interface text inlined, and that text as JSON."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from api.deps import SettingsDep
from api.messages import load_ui_text
from assistant.resources import package_path

router = APIRouter()
STATIC = package_path("api", "static")
INDEX = STATIC / "index.html"
DOCS = STATIC / "docs.html"
PLACEHOLDER = "__UI_TEXT__"

# Everything the page loads comes from this server: the UI works offline and nothing can inject
# scripts. 'unsafe-inline' styles: PDF.js positions its text layer with inline styles.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'self'"
)


_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}


@lru_cache(maxsize=4)
def _page(template_mtime: float, ui_json: str) -> str:
    # "</" cannot end the script element early once escaped; the JSON stays valid.
    inline = ui_json.replace("<", "\\u003c")
    return INDEX.read_text(encoding="utf-8").replace(PLACEHOLDER, inline)


@router.get("/api/ui-text", tags=["beheer"], summary="Teksten van de interface")
def ui_text(settings: SettingsDep) -> dict[str, Any]:
    return load_ui_text(settings)


@router.get("/docs", response_class=HTMLResponse, include_in_schema=False)
def api_docs() -> HTMLResponse:
    """Swagger UI from this server's own files (FastAPI's default loads it from a CDN)."""
    return HTMLResponse(DOCS.read_text(encoding="utf-8"), headers=_HEADERS)


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def index(settings: SettingsDep) -> HTMLResponse:
    text = json.dumps(load_ui_text(settings), ensure_ascii=False, sort_keys=True)
    html = _page(INDEX.stat().st_mtime, text)
    return HTMLResponse(html, headers=_HEADERS)
