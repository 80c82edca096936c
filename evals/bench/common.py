"""What every part of the benchmark shares: results that turn into the report's JSON, the load
average, rates and ratios, and where progress goes."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, ClassVar

Log = Callable[[str], None]


def stderr_log(message: str) -> None:
    """Progress goes to stderr, so that stdout carries only the report."""
    print(message, file=sys.stderr, flush=True)


def loadavg() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:  # pragma: no cover - not on Linux/macOS
        return []


def rate(count: float, seconds: float) -> float | None:
    return round(count / seconds, 2) if seconds > 0 else None


def ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 3) if a is not None and b else None


def error_text(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {' '.join(str(exc).split())}"[:300]


@dataclass(frozen=True)
class JsonResult:
    """A result of the benchmark: `to_json()` gives its fields by name and in order, nested
    results as their own JSON; the fields named in `OMIT_NONE` are left out while None."""

    OMIT_NONE: ClassVar[frozenset[str]] = frozenset()

    def to_json(self) -> dict[str, Any]:
        return {
            f.name: to_json(getattr(self, f.name))
            for f in fields(self)
            if not (f.name in self.OMIT_NONE and getattr(self, f.name) is None)
        }


def to_json(value: Any) -> Any:
    if isinstance(value, JsonResult):
        return value.to_json()
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    return value


def write_json(path: Path, result: JsonResult) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(result.to_json(), indent=2, ensure_ascii=False, default=str)
    path.write_text(text, encoding="utf-8")
