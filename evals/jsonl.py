"""Reading the JSONL files of the eval contract (gold items, results) with line-exact errors."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def read_lines(path: Path, error: type[ValueError]) -> Iterator[tuple[str, Any]]:
    """(`"<file> line <n>"`, parsed object) for each non-blank line; a line that is not JSON
    raises `error` naming it, since a skipped line would silently shrink the test set."""
    with path.open(encoding="utf-8") as lines:
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            where = f"{path.name} line {n}"
            try:
                yield where, json.loads(line)
            except json.JSONDecodeError as exc:
                raise error(f"{where}: not JSON ({exc.msg})") from exc
