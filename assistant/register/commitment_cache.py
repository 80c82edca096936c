"""The commitment check of each municipality, kept until what it was built from changes.

The check reads every sentence of every later document of a municipality (seconds for a large
one), and `beleid commitments` and GET /api/commitments ask for it whole. `CommitmentCache` keys
it on the catalog's generation (`VersionedPages`: a document published or removed), the register's
documents (their fingerprints and record counts: a register rebuilt by a newer extractor, or one
updated just after the catalog during an ingest) and the settings.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from assistant.protocols import VersionedPages
from assistant.register.commitments import STATUSES, CommitmentItem, Followup, commitments
from assistant.register.models import record_from_json
from assistant.register.store import RegisterStore
from assistant.settings import CommitmentSettings


class CommitmentCache:
    """The check of each municipality, built once and kept until what it was built from changes:
    the catalog's generation (a document published or removed), the register's documents (their
    fingerprints and record counts: a register rebuilt by a newer extractor) and the settings. The
    check reads every sentence of every later document, seconds for a large municipality; a second
    request for the same municipality is a dictionary lookup (and, with `directory`, a file read in
    another process: `beleid commitments` run twice).

    Thread-safe; two requests for a municipality that is not cached yet may both build it."""

    def __init__(self, directory: Path | None = None, size: int = 64) -> None:
        self.directory = directory
        self.size = size
        self.builds = 0  # how many checks were built rather than found: what a test can count
        self._items: OrderedDict[str, tuple[str, list[CommitmentItem]]] = OrderedDict()
        self._lock = threading.Lock()

    def get(
        self,
        store: RegisterStore,
        municipality: str,
        pages: VersionedPages | None,
        settings: CommitmentSettings | None = None,
    ) -> list[CommitmentItem]:
        settings = settings or CommitmentSettings()
        key = _cache_key(store, municipality, pages, settings)
        with self._lock:
            found = self._items.get(municipality)
            if found is not None and found[0] == key:
                self._items.move_to_end(municipality)
                return list(found[1])
        items = self._read(municipality, key)
        if items is None:
            items = commitments(store, municipality, pages, settings)
            with self._lock:
                self.builds += 1
            self._write(municipality, key, items)
        with self._lock:
            self._items[municipality] = (key, items)
            self._items.move_to_end(municipality)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return list(items)

    def _file(self, municipality: str) -> Path | None:
        if self.directory is None:
            return None
        name = hashlib.sha1(municipality.encode()).hexdigest()[:16]
        return self.directory / f"commitments-{name}.json"

    def _read(self, municipality: str, key: str) -> list[CommitmentItem] | None:
        path = self._file(municipality)
        try:
            data = json.loads(path.read_text(encoding="utf-8")) if path is not None else None
            if not data or data.get("key") != key:
                return None
            return [_item_from_json(entry) for entry in data["items"]]
        except (OSError, ValueError, KeyError, TypeError):
            return None  # no file, or one an older version wrote: build again

    def _write(self, municipality: str, key: str, items: Sequence[CommitmentItem]) -> None:
        path = self._file(municipality)
        if path is None:
            return
        data = {"key": key, "items": [_item_to_json(item) for item in items]}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
            partial.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            partial.replace(path)
        except OSError:
            pass  # a cache that cannot be written is only slower


def _cache_key(
    store: RegisterStore, municipality: str, pages: VersionedPages | None, settings: CommitmentSettings
) -> str:
    registered = [(d.meta.doc_id, d.fingerprint, d.records) for d in store.documents()]
    generation = pages.generation() if pages is not None else None
    return json.dumps([municipality, generation, registered, settings.model_dump(mode="json")])


def _item_to_json(item: CommitmentItem) -> dict[str, Any]:
    return {
        "record": item.record.to_json(),
        "status": item.status,
        "followups": [asdict(f) for f in item.followups],  # read back by `Followup(**f)`
    }


def _item_from_json(data: dict[str, Any]) -> CommitmentItem:
    status = data["status"]
    if status not in STATUSES:
        raise ValueError(status)
    followups = tuple(Followup(**f) for f in data["followups"])
    return CommitmentItem(record_from_json(data["record"]), status, followups)
