"""The register: goals, indicators, budget lines and commitments per municipality, with sources.

Public entry points (import them from their modules; nothing is loaded at import time):

- `extract.extract_records(meta, pages, chunks)`: the deterministic extractor for one document.
- `listener.RegisterListener(store, embedder=None, llm=None)`: a `protocols.DocumentListener`;
  `listener.sync(catalog, store, chunks_for)`: rebuild what is missing or stale.
- `store.RegisterStore(settings.register_path)`: `query(municipality, type, theme)`, `counts()`, ...
- `compare.compare(store, theme, municipalities)` and `commitments.commitments(store, municipality)`.
- `render.*`: those results as a terminal table, CSV, JSON or Markdown.
- `answer.RegisterAnswerer(store, fallback_answerer, catalog, retriever=None)`.
- `llm_extract.make_structured_extractor(chat_model)`: the optional LLM pass.
"""
