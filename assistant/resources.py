"""Runtime data shipped inside the packages (prompts, word lists, the web UI, the dev questions).

Everything is found through `importlib.resources`, never through a path relative to the checkout,
so a wheel or a plain `pip install .` finds it as well as an editable install does. A package
imported from a zip file has its data extracted to a temporary folder, kept until the process ends.
"""

from __future__ import annotations

import atexit
from contextlib import ExitStack
from functools import lru_cache
from importlib.resources import as_file, files
from pathlib import Path

_extracted = ExitStack()
atexit.register(_extracted.close)


@lru_cache(maxsize=64)
def package_path(package: str, *parts: str) -> Path:
    """A file system path to `parts` inside `package` (e.g. `package_path("prompts")`,
    `package_path("assistant", "data", "stopwords_nl.txt")`)."""
    resource = files(package).joinpath(*parts)
    if isinstance(resource, Path):
        return resource
    return _extracted.enter_context(as_file(resource))
