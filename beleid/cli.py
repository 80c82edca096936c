"""The `beleid` command: the one place that wires core, ingestion, evaluation and the server."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stdout
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.table import Table

from assistant.errors import BeleidError, ConfigurationError
from assistant.prompts import say
from assistant.settings import Settings, load_settings
from assistant.types import Answer, Filters, SearchHit

app = typer.Typer(
    add_completion=False, no_args_is_help=True, help="Beleidsassistent: vragen over beleidsdocumenten."
)
console = Console()
err = Console(stderr=True)

MunicipalityOpt = Annotated[
    list[str] | None, typer.Option("--municipality", "-m", help="Gemeente (herhaalbaar)")
]
YearOpt = Annotated[list[int] | None, typer.Option("--year", "-y", help="Jaar (herhaalbaar)")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Uitvoer als JSON")]


def _filters(municipality: list[str] | None, year: list[int] | None, doc: list[str] | None = None) -> Filters:
    return Filters(municipalities=tuple(municipality or ()), years=tuple(year or ()), docs=tuple(doc or ()))


def _fail(exc: Exception) -> NoReturn:
    err.print(f"[red]{say('cli_error')}[/red] {exc}")
    raise typer.Exit(2)


class _Bar:
    """The ingest's one bar: bytes of PDF done, so tqdm's rate and ETA are the whole run's."""

    def __init__(self, label: str, total: int) -> None:
        from tqdm import tqdm

        self._bar = tqdm(
            total=total,
            desc=label[:40],
            unit="B",
            unit_scale=True,
            unit_divisor=1024,
            leave=False,
            file=sys.stderr,
        )

    def update(self, n: int) -> None:
        self._bar.update(n)

    def close(self) -> None:
        self._bar.close()


def package_version() -> str:
    """The installed package's version (`beleid --version`)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("beleidsassistent")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "0+unknown"


def _print_version(value: bool) -> None:
    if value:
        print(f"beleid {package_version()}")
        raise typer.Exit()


@app.callback()
def _check_settings(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_print_version, is_eager=True, help="Toon de versie en stop"
        ),
    ] = False,
) -> None:
    """A wrong setting is reported before any command starts, in the same words everywhere."""
    try:
        load_settings()
    except BeleidError as exc:
        _fail(exc)


@contextmanager
def _json_stdout(as_json: bool) -> Iterator[None]:
    """With `--json`, whatever a library prints while the command works goes to stderr: stdout holds
    exactly one JSON document (progress bars, warnings and logs are on stderr anyway)."""
    if not as_json:
        yield
        return
    with redirect_stdout(sys.stderr):
        yield


def _announce_wait(seconds: float | None) -> None:
    """On stderr, so that `--json` output stays one JSON document."""
    from ingest.limits import number

    print(say("ingest_waiting", seconds=number(seconds or 0)), file=sys.stderr, flush=True)


@app.command()
def ingest(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="PDF-bestanden of mappen (standaard: corpus/, of BELEID_CORPUS_DIR)"),
    ] = None,
    prune: Annotated[
        bool, typer.Option("--prune", help="Verwijder documenten waarvan het bestand weg is")
    ] = False,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Gooi de index weg en bouw opnieuw")] = False,
    as_json: JsonOpt = False,
    wait: Annotated[
        float | None,
        typer.Option(
            "--wait",
            min=0,
            metavar="SECONDEN",
            help="Wacht hoogstens zo lang als een andere inname loopt "
            "(standaard BELEID_INGEST_LOCK_WAIT_SECONDS)",
        ),
    ] = None,
) -> None:
    """Lees PDF's, knip ze in passages en indexeer ze (incrementeel)."""
    from assistant.embedders import make_embedder
    from assistant.errors import IngestBusyError
    from assistant.factory import build_assistant
    from ingest.pipeline import IngestReport, ingestor_for, no_progress, one_line

    settings = Settings() if wait is None else Settings().replaced(ingest_lock_wait_seconds=wait)
    embedder = make_embedder(settings)
    progress: Any = no_progress if as_json or not sys.stderr.isatty() else _Bar
    try:
        with _json_stdout(as_json):
            targets = paths or [settings.default_corpus()]
            assistant = build_assistant(settings, embedder)
            started = time.perf_counter()
            try:
                report = ingestor_for(assistant, progress, on_lock_wait=_announce_wait).run(
                    targets, prune=prune, rebuild=rebuild
                )
            except IngestBusyError as exc:
                # Nothing was read or written: every path asked for failed, as a file that fails does.
                failed = [{"file": str(path), "error": one_line(exc)} for path in targets]
                report = IngestReport(failed=failed)
                documents = assistant.catalog.documents()
                report.documents, report.chunks = len(documents), sum(d.chunk_count for d in documents)
                report.seconds = round(time.perf_counter() - started, 2)
    except BeleidError as exc:
        _fail(exc)
    if as_json:
        data = report.to_json()
        data.pop("embedded", None)
        for key in ("added", "updated", "unchanged", "removed"):
            data[key] = len(data[key])  # type: ignore[arg-type]
        print(json.dumps(data, ensure_ascii=False))
    else:
        table = Table(title="Ingest")
        for column in say("cli_ingest_columns").split("|"):
            table.add_column(column, justify="right")
        table.add_row(
            *map(
                str,
                (
                    len(report.added),
                    len(report.updated),
                    len(report.unchanged),
                    len(report.removed),
                    len(report.failed),
                    report.documents,
                    report.chunks,
                    report.seconds,
                ),
            )
        )
        console.print(table)
        for failure in report.failed:
            console.print(f"[red]✗[/red] {failure['file']}: {failure['error']}")
    if report.failed:
        raise typer.Exit(1)


def _print_hits(hits: list[SearchHit]) -> None:
    table = Table(show_lines=False)
    for column in ("#", "score", "document", "pagina", "sectie", "tekst"):
        table.add_column(column, overflow="fold")
    for rank, hit in enumerate(hits, 1):
        c = hit.chunk
        pages = f"{c.page_start}" if c.page_start == c.page_end else f"{c.page_start}-{c.page_end}"
        table.add_row(
            str(rank), f"{hit.score:.4f}", c.doc_id, pages, c.section[:40], c.text[:160].replace("\n", " ")
        )
    console.print(table)


@app.command()
def search(
    query: str,
    municipality: MunicipalityOpt = None,
    year: YearOpt = None,
    k: Annotated[int, typer.Option("--k", help="Aantal resultaten")] = 10,
    as_json: JsonOpt = False,
) -> None:
    """Zoek passages (hybride: dense + BM25)."""
    from assistant.factory import build_assistant

    try:
        with _json_stdout(as_json):
            hits = build_assistant().search(query, k=k, filters=_filters(municipality, year))
    except BeleidError as exc:
        _fail(exc)
    if as_json:
        print(json.dumps(Answer(query, "", False, retrieved=hits).to_json()["retrieved"], ensure_ascii=False))
    else:
        _print_hits(hits)


def print_answer(answer: Answer) -> None:
    style = "yellow" if answer.refused else "green"
    console.print(f"[{style}]{answer.text}[/{style}]")
    if answer.table:
        table = Table()
        for column in answer.table[0]:
            table.add_column(str(column))
        for row in answer.table:
            table.add_row(*(str(v) for v in row.values()))
        console.print(table)
    for n, c in enumerate(answer.citations, 1):
        console.print(f"  [{n}] {c.doc}, p. {c.page}: “{c.quote}”")
    mode = f" · {answer.mode}" if answer.mode != "extractive" else ""
    console.print(f"[dim]{answer.latency_ms:.0f} ms{mode}[/dim]")


@app.command()
def ask(
    question: str,
    municipality: MunicipalityOpt = None,
    year: YearOpt = None,
    as_json: JsonOpt = False,
    as_markdown: Annotated[
        bool, typer.Option("--md", help="Uitvoer als Markdown met genummerde bronnen, zoals de web-UI")
    ] = False,
) -> None:
    """Stel een vraag; het antwoord noemt voor elke bewering de bron."""
    from assistant.factory import build_assistant

    try:
        with _json_stdout(as_json):
            assistant = build_assistant()
            answer = assistant.ask(question, _filters(municipality, year))
    except BeleidError as exc:
        _fail(exc)
    if as_json:
        print(json.dumps(answer.to_json(), ensure_ascii=False))
    elif as_markdown:
        from assistant.markdown import answer_markdown

        print(answer_markdown(answer, {r.doc_id: r.meta.title for r in assistant.documents()}), end="")
    else:
        print_answer(answer)


@app.command()
def chat(
    municipality: MunicipalityOpt = None,
    year: YearOpt = None,
) -> None:
    """Een gesprek in de terminal: vervolgvragen ("En in Leusden?") bouwen voort op de vorige."""
    from assistant.conversation import Turn
    from assistant.factory import build_assistant

    assistant = build_assistant()
    history: list[Turn] = []
    err.print(f"[dim]{say('cli_chat_intro')}[/dim]")
    while True:
        try:
            question = input("> ").strip()
        except (EOFError, KeyboardInterrupt):
            break
        if not question:
            continue
        if question.casefold() in ("stop", "exit", "quit", ":q"):
            break
        try:
            answer = assistant.ask(question, _filters(municipality, year), history)
        except BeleidError as exc:
            err.print(f"[red]{say('cli_error')}[/red] {exc}")
            continue
        if answer.resolved_question and answer.resolved_question != question:
            console.print(f"[dim]{say('cli_understood_as', question=answer.resolved_question)}[/dim]")
        print_answer(answer)
        history.append(Turn(question, answer.text))


@app.command("eval")
def eval_command(
    gold: Annotated[
        Path | None, typer.Option("--gold", help="Gouden vragen (JSONL); standaard evals/dev.jsonl")
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Uitvoermap (standaard evals/runs/<tijd>)")
    ] = None,
    baseline: Annotated[list[str] | None, typer.Option("--baseline", help="naive en/of bm25")] = None,
    limit: Annotated[int | None, typer.Option("--limit", help="Alleen de eerste N vragen")] = None,
    kind: Annotated[
        list[str] | None, typer.Option("--type", help="Alleen dit vraagtype (herhaalbaar)")
    ] = None,
    llm: Annotated[
        bool,
        typer.Option("--llm", help="Ook de generatieve modus (BELEID_LLM) op dezelfde vragen: systeem 'llm'"),
    ] = False,
) -> None:
    """Draai de gouden vragen, schrijf results.jsonl, metrics.json en report.md met grafieken."""
    import time

    from assistant.embedders import make_embedder
    from assistant.factory import build_assistant
    from assistant.resources import package_path
    from evals.cli_support import run_eval_command

    settings = Settings()
    if llm and settings.llm.provider == "none":
        _fail(ConfigurationError(say("cli_eval_llm_none")))
    # With `--llm`, ours is the extractive answerer and the generative mode runs beside it.
    extractive = settings.replaced(llm="none") if llm else settings
    gold_path = gold or package_path("evals", "dev.jsonl")
    out_dir = out or Path("evals") / "runs" / time.strftime("%Y%m%d-%H%M%S")
    # The model loads once for the whole run; each system has its own cache of question vectors,
    # so a baseline does not find the questions ours embedded (nor its units read: one answerer each).
    embedder = make_embedder(extractive)
    assistant = build_assistant(extractive, embedder)
    pdfs = sorted(Path(d.path) for d in assistant.documents())
    if not pdfs:
        _fail(BeleidError(say("cli_index_empty")))
    try:
        report = run_eval_command(
            lambda: assistant,
            gold_path,
            out_dir,
            baselines=baseline or [],
            limit=limit,
            types=set(kind) if kind else None,
            pdf_paths=pdfs,
            embedder=embedder.sharing_model(),
            bm25_factory=lambda: build_assistant(extractive, embedder.sharing_model(), retrieval_mode="bm25"),
            llm_factory=(lambda: build_assistant(settings, embedder.sharing_model())) if llm else None,
            naive_index_dir=settings.home / "naive-index",
        )
    except (BeleidError, ValueError) as exc:
        _fail(exc)
    console.print(say("cli_report", path=report))
    metrics = json.loads((report.parent / "ours" / "metrics.json").read_text(encoding="utf-8"))
    overall = metrics.get("overall", metrics)
    from evals.report import CHARTED

    for key in (*CHARTED, "latency_p95_ms"):  # the report's headline, in the terminal
        if key in overall:
            console.print(f"  {key:22} {overall[key]}")


@app.command()
def serve(
    workers: Annotated[
        int | None,
        typer.Option("--workers", min=1, help="Aantal API-processen (meer dan 1 vraagt een Chroma-server)"),
    ] = None,
    host: Annotated[
        str | None, typer.Option("--host", help="Adres om op te luisteren (standaard BELEID_SERVE__HOST)")
    ] = None,
    port: Annotated[
        int | None,
        typer.Option("--port", min=1, max=65535, help="Poort (standaard BELEID_SERVE__PORT)"),
    ] = None,
) -> None:
    """Start de chat-UI en API (127.0.0.1:8000); indexeert eerst het corpus als de index leeg is."""
    from api.server import serve as run_server

    address = {name: value for name, value in (("host", host), ("port", port)) if value is not None}
    try:
        settings = Settings().replaced(serve=address) if address else Settings()
        run_server(settings, workers=workers)
    except (BeleidError, ValueError) as exc:
        _fail(exc)


@app.command()
def mcp() -> None:
    """MCP-server over stdio (voor Claude Desktop e.a.); stdout draagt alleen het protocol."""
    from api.mcp_server import run_stdio

    run_stdio(Settings())


def _register() -> Any:
    from assistant.register.store import RegisterStore

    settings = Settings()
    if not settings.register_path.exists():
        _fail(BeleidError(say("cli_no_register")))
    return RegisterStore(settings.register_path)


def _theme_id(theme: str | None) -> str | None:
    from assistant.register.themes import load_taxonomy

    if theme is None:
        return None
    taxonomy = load_taxonomy()
    found = taxonomy.resolve(theme)
    if found is None:
        names = ", ".join(t.id for t in taxonomy.themes)
        _fail(BeleidError(say("cli_unknown_theme", theme=theme, names=names)))
    return str(found.id) if found else None


@app.command()
def register(
    municipality: Annotated[str | None, typer.Option("--municipality", "-m", help="Gemeente")] = None,
    kind: Annotated[str | None, typer.Option("--type", help="goal, indicator, budget of measure")] = None,
    theme: Annotated[str | None, typer.Option("--theme", help="Thema, bijv. armoede-schulden")] = None,
    as_json: JsonOpt = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Uitvoer als CSV")] = False,
) -> None:
    """Doelen, indicatoren, begrotingsregels en maatregelen, elk met bron."""
    from assistant.register import render

    if kind is not None and kind not in ("goal", "indicator", "budget", "measure"):
        _fail(BeleidError(say("cli_bad_type")))
    records = _register().query(municipality=municipality, type=kind, theme=_theme_id(theme))
    if as_json:
        print(render.records_to_json(records))
    elif as_csv:
        print(render.records_to_csv(records), end="")
    else:
        console.print(render.records_renderable(records))
        console.print(f"[dim]{len(records)} records[/dim]")


@app.command()
def compare(
    theme: Annotated[str | None, typer.Argument(help="Thema, bijv. armoede-schulden of jeugd")] = None,
    municipalities: Annotated[
        str | None, typer.Option("--municipalities", help="Gemeenten, komma-gescheiden (standaard: alle)")
    ] = None,
    taakveld: Annotated[
        str | None, typer.Option("--taakveld", help="Iv3-taakveld in plaats van een thema, bijv. 6.72")
    ] = None,
    as_json: JsonOpt = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Uitvoer als CSV")] = False,
    as_md: Annotated[bool, typer.Option("--md", help="Uitvoer als Markdown-tabel")] = False,
) -> None:
    """Gemeenten naast elkaar op een thema (doelen, indicatoren, budget, toezeggingen) of op een
    Iv3-taakveld (begrotingsregels)."""
    from assistant.register import render
    from assistant.register.compare import compare as build_table

    names = [m.strip() for m in municipalities.split(",") if m.strip()] if municipalities else None
    if taakveld is not None:
        _compare_taakveld(taakveld, names, as_json)
        return
    if theme is None:
        _fail(BeleidError(say("cli_compare_what")))
    try:
        table = build_table(_register(), _theme_id(theme) or theme, names)
    except BeleidError as exc:
        _fail(exc)
    if as_json:
        print(render.compare_to_json(table))
    elif as_csv:
        print(render.compare_to_csv(table), end="")
    elif as_md:
        print(render.compare_to_markdown(table))
    else:
        console.print(render.compare_renderable(table))


def _compare_taakveld(code: str, names: list[str] | None, as_json: bool) -> None:
    from assistant.register.changes import taakveld_table
    from assistant.register.render_budget import taakveld_to_markdown

    try:
        table = taakveld_table(_register(), code, names)
    except BeleidError as exc:
        _fail(exc)
    if as_json:
        print(json.dumps(table.to_json(), ensure_ascii=False, indent=2))
    else:
        print(taakveld_to_markdown(table))


@app.command()
def changes(
    municipality: Annotated[str, typer.Argument(help="Gemeente, bijv. Wassenaar")],
    year_from: Annotated[int, typer.Argument(help="Begrotingsjaar van de eerste begroting, bijv. 2024")],
    year_to: Annotated[int, typer.Argument(help="Begrotingsjaar van de tweede begroting, bijv. 2025")],
    theme: Annotated[
        str | None, typer.Option("--theme", help="Alleen regels van dit thema, bijv. jeugd")
    ] = None,
    taakveld: Annotated[
        str | None, typer.Option("--taakveld", help="Alleen dit Iv3-taakveld, bijv. 6.72")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Wat veranderde tussen twee begrotingen van een gemeente: nieuwe, vervallen en gewijzigde
    begrotingsregels, met beide bedragen en beide bronnen."""
    from assistant.register.changes import changes as diff
    from assistant.register.render_budget import changes_to_markdown

    theme_id = _theme_id(theme)
    label = _theme_label(theme_id)
    try:
        result = diff(_register(), municipality, year_from, year_to, theme_id, taakveld, label)
    except BeleidError as exc:
        _fail(exc)
    if as_json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        print(changes_to_markdown(result))


def _theme_label(theme_id: str | None) -> str:
    from assistant.register.themes import load_taxonomy

    found = load_taxonomy().get(theme_id) if theme_id else None
    return found.label.lower() if found else ""


@app.command()
def commitments(
    municipality: Annotated[str, typer.Argument(help="Gemeente")],
    as_json: JsonOpt = False,
    as_md: Annotated[bool, typer.Option("--md", help="Uitvoer als Markdown")] = False,
) -> None:
    """Toezeggingen van een gemeente als checklist, met wat latere documenten erover zeggen."""
    from assistant.catalog import Catalog
    from assistant.register import render
    from assistant.register.commitment_cache import CommitmentCache

    settings = Settings()
    # The catalog's page texts let a later document's every sentence speak, not only its records.
    catalog = Catalog(settings.catalog_path) if settings.catalog_path.exists() else None
    # Kept on disk until a document is published or removed: a second run reads it.
    checks = CommitmentCache(settings.home / "cache")
    items = checks.get(_register(), municipality, catalog, settings.commitments)
    if as_json:
        print(render.commitments_to_json(items))
    elif as_md:
        print(render.commitments_to_markdown(items, municipality))
    else:
        console.print(render.commitments_to_text(items, municipality))


def _ints(text: str, option: str) -> list[int]:
    try:
        return [int(x) for x in text.replace(",", " ").split()]
    except ValueError:
        message = f"verwacht gehele getallen zoals 10,100: {text!r}"
        raise typer.BadParameter(message, param_hint=option) from None


@app.command()
def bench(
    skip_ingest: Annotated[
        bool, typer.Option("--skip-ingest", help="Gebruik een kopie van de bestaande index")
    ] = False,
    from_home: Annotated[
        Path | None,
        typer.Option("--from-home", help="Kopieer deze index (standaard BELEID_HOME); met --skip-ingest"),
    ] = None,
    scales: Annotated[str, typer.Option("--scales", help="Groeifactoren, komma-gescheiden")] = "10,50,100",
    concurrency: Annotated[
        str, typer.Option("--concurrency", help="Gelijktijdige vragers, komma-gescheiden")
    ] = "1,4,16",
    corpus: Annotated[
        list[Path] | None,
        typer.Option("--corpus", help="PDF's of mappen (herhaalbaar; standaard: corpus/)"),
    ] = None,
    questions: Annotated[
        int | None, typer.Option("--questions", min=1, help="Alleen de eerste N dev-vragen")
    ] = None,
    growth_questions: Annotated[
        int, typer.Option("--growth-questions", min=1, help="Vragen per groeistap")
    ] = 20,
    no_naive: Annotated[bool, typer.Option("--no-naive", help="Sla de naive LangChain-bouw over")] = False,
    work_dir: Annotated[Path | None, typer.Option("--work-dir", help="Waar de tijdelijke index komt")] = None,
    keep: Annotated[bool, typer.Option("--keep", help="Bewaar de tijdelijke index")] = False,
    trace_memory: Annotated[
        bool, typer.Option("--tracemalloc", help="Volg de Python-heap (maakt alles trager)")
    ] = False,
    out: Annotated[Path | None, typer.Option("--out", help="Schrijf de cijfers ook als JSON-bestand")] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Alleen de cijfers als één JSON-document; voortgang op stderr")
    ] = False,
    tables: Annotated[
        bool, typer.Option("--tables", help="Alleen tabeldetectie op 1k/4k/16k korte regels (schaalgedrag)")
    ] = False,
    table_sizes: Annotated[
        str, typer.Option("--table-sizes", help="Regels voor --tables, komma-gescheiden")
    ] = "1000,4000,16000",
) -> None:
    """Meet ingest-snelheid, latency bij 1/4/16 gelijktijdige vragen, geheugen en groei."""
    from evals.bench import bench_tables, format_report, format_tables, run_bench, write_json
    from evals.bench.common import JsonResult

    result: JsonResult
    try:
        if tables:
            table_result = bench_tables(_ints(table_sizes, "--table-sizes"))
            result, text = table_result, format_tables(table_result)
        else:
            settings = Settings()
            source = (from_home or settings.home).resolve() if skip_ingest else None
            report = run_bench(
                settings,
                scales=_ints(scales, "--scales"),
                concurrency=_ints(concurrency, "--concurrency"),
                corpus=corpus or None,
                question_limit=questions,
                growth_questions=growth_questions,
                skip_ingest_from=source,
                naive=not no_naive,
                work_dir=work_dir,
                keep=keep,
                trace_memory=trace_memory,
            )
            result, text = report, format_report(report)
    except (BeleidError, OSError, ValueError, RuntimeError) as exc:
        _fail(exc)
    if out:
        write_json(out, result)
    if as_json:
        print(json.dumps(result.to_json(), ensure_ascii=False))
    else:
        print(text)
        if out:
            print(f"\nJSON: {out}")


@app.command()
def config(
    as_json: JsonOpt = False,
    as_markdown: Annotated[
        bool, typer.Option("--markdown", help="De tabel van de README (standaardwaarden), in Markdown")
    ] = False,
) -> None:
    """Toon de geldende instellingen: naam, omgevingsvariabele, waarde en standaard (geheimen verborgen)."""
    from beleid import settings_doc

    if as_markdown:
        print(settings_doc.markdown())
        return
    settings = Settings()
    rows = settings_doc.rows(settings)
    if as_json:
        print(json.dumps([row.to_json() for row in rows], ensure_ascii=False, default=str))
        return
    table = Table(title=say("config_title", home=settings.home), show_lines=False)
    for column in ("instelling", "waarde", "omgevingsvariabele", "grenzen"):
        table.add_column(column, overflow="fold")
    for row in rows:
        mark = "*" if row.value != row.default else ""
        table.add_row(f"{row.name}{mark}", str(row.value), row.env, row.bounds)
    console.print(table)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
