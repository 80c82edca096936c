"""Runtime data is package data, found through importlib.resources (not paths into the checkout)."""

from __future__ import annotations

from assistant.prompts import DEFAULT_DIR
from assistant.resources import package_path
from assistant.settings import Settings


def test_package_path_finds_the_data_of_each_package() -> None:
    assert (package_path("prompts") / "messages_nl.json").is_file()
    assert package_path("assistant", "data", "stopwords_nl.txt").is_file()
    assert (package_path("api", "static") / "index.html").is_file()
    assert package_path("evals", "dev.jsonl").is_file()


def test_the_prompts_default_is_the_packaged_prompts() -> None:
    assert Settings().prompts_dir == DEFAULT_DIR == package_path("prompts")
