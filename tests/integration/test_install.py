"""A real install: the wheel, installed into a fresh virtual environment, runs `beleid` far from the
checkout (issue 13, "A real install").

The wheel is built from a copy of the sources (a build writes `build/` and `*.egg-info` beside them)
and installed with `--no-deps` into a new venv without pip. Its dependencies come from this
environment's site-packages through a plain path line in a `.pth` file: a path line does not run
that directory's own `.pth` files, so the editable install of the checkout stays off and
`import assistant` can only find the installed package.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.settings import PROJECT_ROOT
from tests import pdf_factory
from tests.processes import free_port, stop, wait_http

SOURCES = ("pyproject.toml", "README.md", "assistant", "ingest", "api", "evals", "beleid", "prompts")
SLUG = "almelo-testplan-sociaal-domein-2022"
MANIFEST = (
    "slug,municipality,title,year,period,doc_type\n"
    f"{SLUG},Almelo,Testplan sociaal domein,2022,2022-2025,beleidsplan\n"
)
# Runtime data that must be in the wheel (read through importlib.resources).
PACKAGE_DATA = (
    "prompts/__init__.py",
    "prompts/messages_nl.json",
    "prompts/ui_nl.json",
    "prompts/answer_system.txt",
    "assistant/data/stopwords_nl.txt",
    "assistant/data/themes_nl.json",
    "assistant/data/glossary_en_nl.txt",
    "api/static/index.html",
    "api/static/docs.html",
    "api/static/app.js",
    "api/static/vendor/pdfjs/pdf.min.mjs",
    "api/static/vendor/pdfjs/pdf.worker.min.mjs",
    "api/static/vendor/swagger-ui/swagger-ui-bundle.js",
    "evals/dev.jsonl",
)

pytestmark = pytest.mark.slow  # about a minute: a build, a venv and five runs of `beleid`


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if importlib.util.find_spec("setuptools") is None:  # the build backend, used without isolation
        pytest.skip("setuptools is not installed here; the wheel is built without downloading it")
    source = tmp_path_factory.mktemp("source")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "runs", "*.egg-info", "build")
    for name in SOURCES:
        origin = PROJECT_ROOT / name
        if origin.is_dir():
            shutil.copytree(origin, source / name, ignore=ignore)
        else:
            shutil.copy2(origin, source / name)
    out = tmp_path_factory.mktemp("wheel")
    pip_wheel = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index"]
    _run([*pip_wheel, "-q", "-w", str(out), str(source)])
    (built,) = out.glob("beleidsassistent-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel installed; its `bin` folder."""
    root = tmp_path_factory.mktemp("venv") / "env"
    _run([sys.executable, "-m", "venv", "--without-pip", str(root)])
    python = root / "bin" / "python"
    # pip of this environment, run for the new interpreter: before the .pth exists it sees only the
    # new venv, so it installs there and nothing here is touched. No index: nothing is downloaded.
    pip_install = [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index"]
    _run([*pip_install, "-q", str(wheel)])
    here = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    target = _site_packages(python)
    (target / "_beleid_test_dependencies.pth").write_text("".join(f"{p}\n" for p in sorted(here)))
    return root / "bin"


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """An empty working directory far from the checkout: no corpus/, no .env."""
    work = tmp_path / "work"
    work.mkdir()
    return work


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BELEID_") and k != "PYTHONPATH"}
    env.update(BELEID_HOME=str(home), BELEID_EMBEDDING_MODEL="hash-64", **extra)
    return env


def _run(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(args, capture_output=True, text=True, timeout=300, **kwargs)  # type: ignore[call-overload]
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


def _site_packages(python: Path) -> Path:
    out = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    )
    return Path(out.stdout.strip())


def test_the_wheel_holds_the_runtime_data_and_no_checkout_files(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [name for name in PACKAGE_DATA if name not in names]
    assert not missing, f"not in the wheel: {missing}"
    assert not any(name.startswith(("corpus/", "tests/", "evals/runs/")) for name in names)


def test_the_installed_package_is_imported_not_the_checkout(venv: Path, workdir: Path) -> None:
    code = (
        "import json, assistant, prompts, api.app, importlib.metadata as m;"
        "from assistant.settings import Settings; s = Settings();"
        "print(json.dumps([assistant.__file__, prompts.__file__, str(api.app.STATIC_DIR),"
        " str(s.prompts_dir), m.version('beleidsassistent')]))"
    )
    result = _run([str(venv / "python"), "-c", code], cwd=workdir, env=_env(workdir / "home"))
    *paths, version = json.loads(result.stdout)
    site = _site_packages(venv / "python")
    for path in paths:
        assert Path(path).is_relative_to(site), path
        assert not Path(path).is_relative_to(PROJECT_ROOT), path
    assert (Path(paths[3]) / "messages_nl.json").is_file()
    assert (Path(paths[2]) / "vendor" / "pdfjs" / "pdf.min.mjs").is_file()
    assert version == tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]["version"]


def test_version(venv: Path, workdir: Path) -> None:
    for flag in ("--version", "-V"):
        result = _run([str(venv / "beleid"), flag], cwd=workdir, env=_env(workdir / "home"))
        assert result.stdout.split() == ["beleid", _installed_version(venv, workdir)]


def _installed_version(venv: Path, workdir: Path) -> str:
    code = "import importlib.metadata as m; print(m.version('beleidsassistent'))"
    return _run([str(venv / "python"), "-c", code], cwd=workdir).stdout.strip()


def test_ingest_without_a_corpus_says_to_set_the_corpus_dir(venv: Path, workdir: Path) -> None:
    result = subprocess.run(
        [str(venv / "beleid"), "ingest", "--json"],
        capture_output=True,
        text=True,
        cwd=workdir,
        env=_env(workdir / "home"),
        timeout=120,
    )
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    message = " ".join(result.stderr.split())
    assert "BELEID_CORPUS_DIR" in message and "bestaat niet" in message and "beleid ingest" in message


def test_ingest_and_ask_with_a_citation(venv: Path, workdir: Path) -> None:
    docs = workdir / "docs"
    docs.mkdir()
    pdf_factory.make_text_pdf(
        docs / f"{SLUG}.pdf",
        [
            ["1. Inleiding", "De gemeente Almelo wil dat inwoners zelfredzaam zijn.", "Dat doen we samen."],
            [
                "2. Eenzaamheid",
                "Wij willen eenzaamheid onder ouderen verminderen met een buurtaanpak.",
                "Daarvoor trekken wij jaarlijks 250.000 euro uit.",
            ],
        ],
        title="Testplan sociaal domein",
        author="Gemeente Almelo",
    )
    (docs / "manifest.csv").write_text(MANIFEST, encoding="utf-8")
    env = _env(workdir / "home")
    ingested = _run([str(venv / "beleid"), "ingest", str(docs), "--json"], cwd=workdir, env=env)
    report = json.loads(ingested.stdout)
    assert report["added"] == 1 and report["failed"] == [] and report["chunks"] >= 1

    question = "Wat wil Almelo doen tegen eenzaamheid onder ouderen?"
    asked = _run([str(venv / "beleid"), "ask", question, "--json"], cwd=workdir, env=env)
    answer = json.loads(asked.stdout)
    assert not answer["refused"], answer
    assert answer["citations"], answer
    assert {c["doc"] for c in answer["citations"]} == {SLUG}
    assert any("eenzaamheid" in c["quote"] for c in answer["citations"])


@pytest.fixture
def server(venv: Path, workdir: Path) -> Iterator[str]:
    port = free_port()
    with (workdir / "serve.log").open("wb") as log:
        process = subprocess.Popen(
            [str(venv / "beleid"), "serve", "--host", "127.0.0.1", "--port", str(port)],
            cwd=workdir,
            env=_env(workdir / "home"),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # so that `stop` reaches the whole process group
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_http(f"{url}/api/ui-text", 90, process)  # up once started
        yield url
    finally:
        stop(process, timeout=20)


def test_serve_finds_the_packaged_ui(server: str) -> None:
    for path, expected in (
        ("/", b"<html"),
        ("/static/app.js", b""),
        ("/static/vendor/pdfjs/pdf.min.mjs", b""),
        ("/docs", b"swagger"),
    ):
        with urllib.request.urlopen(server + path, timeout=10) as response:
            assert response.status == 200, path
            assert expected in response.read().lower(), path
