"""What routes get injected: everything lives on `app.state`, built once by the lifespan."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Annotated, Any, TypeVar, cast

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.jobs import JobManager
from api.messages import Messages
from api.uploads import UploadStore, check_token
from assistant.core import Assistant
from assistant.register.commitment_cache import CommitmentCache
from assistant.register.store import RegisterStore
from assistant.settings import Settings

T = TypeVar("T")


def _from_state(name: str, kind: type[T]) -> Callable[[Request], T]:
    """A dependency that hands a route what the lifespan put on `app.state` under `name`."""

    def get(request: Request) -> T:
        return cast(T, getattr(request.app.state, name))

    get.__name__ = f"get_{name}"
    return get


get_assistant = _from_state("assistant", Assistant)
get_settings = _from_state("settings", Settings)
get_messages = _from_state("messages", Messages)
get_jobs = _from_state("jobs", JobManager)
get_uploads = _from_state("uploads", UploadStore)


_register_lock = threading.Lock()


def get_register(request: Request) -> RegisterStore:
    return app_register(request.app.state)


def app_register(state: Any) -> RegisterStore:
    """The assistant's own register when it has one (the one ingest keeps in step); otherwise the
    database at `settings.register_path`, opened on first use so that an app that is never asked
    about the register never creates it. `state` is `app.state` (the MCP server uses it too)."""
    own = cast(Assistant, state.assistant).register
    if own is not None:
        return own
    with _register_lock:
        store: RegisterStore | None = getattr(state, "register", None)
        if store is None:
            store = RegisterStore(cast(Settings, state.settings).register_path)
            state.register = store
    return store


def get_commitment_cache(request: Request) -> CommitmentCache:
    """The app's commitment checks by municipality (see `api.app.create_app`)."""
    return cast(CommitmentCache, request.app.state.commitment_cache)


AssistantDep = Annotated[Assistant, Depends(get_assistant)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
MessagesDep = Annotated[Messages, Depends(get_messages)]
JobsDep = Annotated[JobManager, Depends(get_jobs)]
UploadsDep = Annotated[UploadStore, Depends(get_uploads)]
RegisterDep = Annotated[RegisterStore, Depends(get_register)]
CommitmentCacheDep = Annotated[CommitmentCache, Depends(get_commitment_cache)]

# auto_error=False: our own check answers in Dutch (and says how to enable uploads).
_bearer = HTTPBearer(auto_error=False, description="BELEID_UPLOAD_TOKEN")


def require_upload_token(
    settings: SettingsDep,
    msg: MessagesDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    header = f"{credentials.scheme} {credentials.credentials}" if credentials else None
    check_token(settings, header, msg)
