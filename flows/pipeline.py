"""The main Prefect flow: discover the corpus, ingest each document (in parallel), recognise
entities, build networks and citation tables, and publish a run folder.

Orchestration only: every step calls pure functions of `extractors/`.
"""
from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.utilities.annotations import quote, unmapped

import extractors.ingest.cache as cache_mod
import extractors.ingest.documents as docs_mod
import extractors.outputs.history as history
import extractors.outputs.tables as tables
from extractors.citations.tables import plot_citations
from extractors.entities.gazetteer import load_gazetteer_dir
from extractors.model import Document
from extractors.ingest.pdf import PdfSettings
from extractors.outputs.summary import RunFacts, summary_markdown

from flows import progress
from flows.runtime.models import recognizer_for, segmenter_for
from flows.runtime.pool import DocumentPool, by_size, read_document
from extractors.outputs.rundir import (clean_partials, discard_partial, finish_run, latest_run, new_run_id,
                                       prune_runs, run_lock, start_run)
from flows import preflight
from flows.fetching import SourceSettings, fetch_all
from flows.stages import (citation_stage, dating_stage, elsewhere, finish, network_stage, recognition_stage,
                          write_citation_tables)


@dataclass(frozen=True)
class RunSettings:
    corpus: Path = Path("corpus")
    out: Path = Path("outputs")
    gazetteer: Path = Path("gazetteers")
    model_en: str = ""
    model_fr: str = ""
    include_footnotes: bool = False
    wait_for_lock: bool = True
    full: bool = False  # read every document again, ignoring the cache
    workers: int = 0  # >1: read documents in that many processes (0/1: threads in this process)
    dask_address: str = ""  # read documents on this Dask cluster (tcp://host:port)
    cache_dir: Path | None = None  # default: <corpus>/.cache/documents
    sources: SourceSettings = field(default_factory=SourceSettings)
    allow_shrink: bool = False  # let a run with no documents, or one losing many, replace latest
    max_shrink: float = 0.5  # share of latest's documents a run may lose without allow_shrink
    keep_runs: int = 0  # >0: after a successful run, keep only this many run folders
    lock_held: bool = False  # the caller holds the output folder's lock (the command line does)
    pdf_engine: str = PdfSettings().engine  # where PDF characters come from (`--pdf-engine`)

    def document_cache(self) -> Path:
        return self.cache_dir or Path(self.corpus) / ".cache" / "documents"

    def pdf_settings(self) -> PdfSettings:
        """The PDF reader's settings of this run: what every PDF of the corpus (and every fetched
        PDF source) is read with, and part of each document's cache key."""
        return PdfSettings(engine=self.pdf_engine)

    @classmethod
    def from_options(cls, options, **changes) -> "RunSettings":
        """The settings of a run from `flows.config.RunOptions` (command line, config file)."""
        return cls(corpus=options.corpus, out=options.out, gazetteer=options.gazetteer, model_en=options.model_en,
                   model_fr=options.model_fr, include_footnotes=options.include_footnotes, wait_for_lock=options.wait,
                   full=options.full, workers=options.workers, dask_address=options.dask_address,
                   sources=SourceSettings(enabled=options.sources, refresh=options.refresh_sources,
                                          cache_dir=Path(options.corpus) / "sources"),
                   allow_shrink=options.allow_shrink, max_shrink=options.max_shrink, keep_runs=options.keep_runs,
                   pdf_engine=options.pdf_engine, **changes)


class RunResult:
    """What a run made. A plain class on purpose, not a dataclass: Prefect walks a flow's return
    value looking for futures (`resolve_futures_to_states`), descending into lists, tuples,
    dicts and dataclasses, and remembering every object it meets; a dataclass holding every
    document, sentence and token of the corpus cost hundreds of MB at the end of a big run."""

    __slots__ = ("run_id", "folder", "documents", "summary", "ingested", "cached", "changes")

    def __init__(self, run_id: str, folder: Path, documents: list[Document] | None = None, summary: str = "",
                 ingested: list[str] | None = None, cached: list[str] | None = None,
                 changes: history.Changes | None = None):
        self.run_id = run_id
        self.folder = folder
        self.documents = documents if documents is not None else []
        self.summary = summary
        self.ingested = ingested if ingested is not None else []  # doc_ids read from their files in this run
        self.cached = cached if cached is not None else []  # doc_ids taken from the cache
        self.changes = changes  # what changed since the previous successful run

    def __repr__(self) -> str:
        return (f"RunResult(run_id={self.run_id!r}, folder={str(self.folder)!r}, documents={len(self.documents)}, "
                f"ingested={len(self.ingested)}, cached={len(self.cached)})")


def ingest_key(path: Path, doc_id: str, rel_path: str, settings: RunSettings) -> tuple[str, str]:
    """(sha256 of the file, cache key): content, name, code version, model and PDF settings (the
    run's, engine included: a document read by one engine is never reused by a run with another)."""
    from extractors.ingest.nlp import ModelSettings

    sha = docs_mod.sha256_file(path)
    models = ModelSettings(settings.model_en, settings.model_fr)
    parts = (cache_mod.code_version(), models.name_for("en"), models.name_for("fr"), repr(settings.pdf_settings()))
    return sha, cache_mod.cache_key(sha, doc_id, rel_path, *parts)


@task(name="ingest-document", retries=0, cache_policy=NO_CACHE, task_run_name="ingest {doc_id}")
def ingest_document(path: Path, doc_id: str, rel_path: str, key: str, settings: RunSettings,
                    pool: DocumentPool | None = None) -> Document:
    if pool is not None:  # `--workers N`: read (and cached) in a worker process; this thread waits
        # tokens shared again here: the run holds every document, one copy of each token across them
        document = cache_mod.share_tokens(pool.read(path, doc_id, rel_path, key))
    else:  # the same reading, in this process
        document = read_document(path, doc_id, rel_path, key, settings.model_en, settings.model_fr,
                                 str(settings.document_cache()), settings.pdf_settings())
    logger = get_run_logger()
    if document.status == "failed":
        logger.warning("%s: %s", rel_path, document.error)
    else:
        logger.info("%s: %s pages, %s sentences, %s footnotes", rel_path, document.pages,
                    len(document.sentences), len(document.footnotes))
    return document


def ingest_runner(settings: RunSettings, pool: DocumentPool | None = None):
    """Where document tasks run: a Dask cluster, or threads here (one more than the pool has
    processes when a `DocumentPool` does the reading: a document waits in the pool's queue, so a
    process that finishes one starts the next at once instead of after this process has closed
    the task and opened the next; ingest stage 7.2 -> 6.8 s on the bench corpus, medians of 7)."""
    from prefect.task_runners import ThreadPoolTaskRunner

    if settings.dask_address:
        from flows.runtime.cluster import task_runner_for

        return task_runner_for(settings.dask_address)
    if pool is not None:
        return ThreadPoolTaskRunner(max_workers=pool.workers + 1)
    # one thread by default: documents read in two threads of one process took 35 % longer
    # than in one (spaCy and the PDF engines hold the interpreter; bench/RESULTS.md, issue 18)
    return ThreadPoolTaskRunner(max_workers=max(1, settings.workers or 1))


def document_pool(settings: RunSettings, documents: int) -> DocumentPool | None:
    """`--workers N` (N > 1, no Dask address) with more than one document to read: a pool of
    worker processes (no more than there are documents); otherwise None (threads here)."""
    if settings.dask_address or settings.workers <= 1 or documents <= 1:
        return None
    return DocumentPool(min(settings.workers, documents), settings.model_en, settings.model_fr,
                        settings.document_cache(), pdf_settings=settings.pdf_settings())


def started_pool(settings: RunSettings, documents: int) -> DocumentPool | None:
    """`document_pool`, its processes started (they load their models meanwhile)."""
    pool = document_pool(settings, documents)
    if pool is not None:
        pool.start()
    return pool


def read_documents(settings: RunSettings, pool: DocumentPool | None, paths: list[Path], ids: list[str],
                   rels: list[str], keys: list[str], todo: list[int]) -> dict[str, Document]:
    """Run one `ingest-document` task per document in `todo` (indexes); {cache key: Document}."""
    fresh: dict[str, Document] = {}
    if not todo:
        return fresh
    if pool is not None:  # largest files first, so that the workers finish together
        todo = [todo[i] for i in by_size([paths[j] for j in todo])]
    parameters = {
        "path": [paths[j] for j in todo], "doc_id": [ids[j] for j in todo],
        "rel_path": [rels[j] for j in todo], "key": [keys[j] for j in todo],
        "settings": [settings] * len(todo),
    }
    if pool is not None:  # quote: Prefect passes the pool as it is, never walks or copies it
        parameters["pool"] = quote(unmapped(pool))
    with ingest_runner(settings, pool) as runner:
        futures = runner.map(ingest_document, parameters)
        if pool is None:
            for j, f in zip(todo, futures):
                fresh[keys[j]] = f.result()
                progress.advance("ingest")
        else:
            from prefect.futures import as_completed

            index = {id(f): j for j, f in zip(todo, futures)}
            for f in as_completed(futures):
                fresh[keys[index[id(f)]]] = f.result()
                progress.advance("ingest")
    return fresh


def mark_duplicates(documents: list[Document]) -> list[Document]:
    """A document whose bytes equal an earlier one's is listed once as `duplicate`."""
    seen: dict[str, str] = {}
    out = []
    for d in documents:
        if d.sha256 in seen and d.status == "ok":
            out.append(replace(d, status="duplicate", error=f"same content as {seen[d.sha256]}",
                               sentences=(), footnotes=()))
        else:
            seen.setdefault(d.sha256, d.doc_id)
            out.append(d)
    return out


@task(name="recognize", cache_policy=NO_CACHE)
def recognize(documents: list[Document], settings: RunSettings, citations=(), gazetteer=None):
    progress.stage("recognize", 1)
    result = recognition_stage(documents, settings.gazetteer, recognizer_for(settings.model_en, settings.model_fr),
                               citations, gazetteer=gazetteer)
    progress.advance("recognize")
    return result


@task(name="write-tables", cache_policy=NO_CACHE)
def write_document_tables(folder: Path, documents: list[Document], parses: dict, dating=None) -> None:
    from extractors.citations.tables import footnote_parse_row

    ok = [d for d in documents if d.status == "ok"]
    doc_dates = dating.documents if dating is not None else {}
    date_of = dating.of() if dating is not None else {}
    tables.DOCUMENTS.write(folder, (tables.document_row(d, doc_dates.get(d.doc_id)) for d in documents))
    tables.SENTENCES.write(folder, (tables.sentence_row(s, date_of.get((s.doc_id, s.sentence_id)))
                                    for d in ok for s in d.sentences))
    tables.FOOTNOTES.write(folder, (
        tables.footnote_row(f, footnote_parse_row(parses[d.doc_id][f.n]) if f.n in parses.get(d.doc_id, {}) else None)
        for d in ok for f in d.footnotes
    ))


@task(name="dates", cache_policy=NO_CACHE)
def date_sentences(documents: list[Document], cites, source_rows, reports: Path):
    """The date each sentence speaks of (extractors.ingest.dates); a fetched source is dated by
    the citation that led to it."""
    from extractors.citations.tables import cited_urls

    cited = {c.url: c.cited_date for c in cited_urls(cites.citations)}
    cited_dates = {r.source_doc_id: cited.get(r.url, "") for r in source_rows if r.source_doc_id}
    return dating_stage(documents, cited_dates={k: v for k, v in cited_dates.items() if v}, reports=reports)


@task(name="citations", cache_policy=NO_CACHE)
def citations(documents: list[Document]):
    progress.stage("citations", 1)
    result = citation_stage(documents)
    progress.advance("citations")
    return result


def fetch_sources(cites, settings: RunSettings):
    """Fetch every distinct cited URL; the fetched texts become source documents."""
    import time

    from extractors.citations.tables import cited_urls
    from extractors.sources.documents import source_document, source_row

    started = time.monotonic()
    cited = cited_urls(cites.citations)
    results = fetch_all(cited, settings.sources)
    segmenter = segmenter_for(settings.model_en, settings.model_fr)
    docs, rows = [], []
    for c, r in zip(cited, results):
        doc = source_document(r, segmenter, c.footnotes, settings.pdf_settings())
        if doc is not None:
            docs.append(doc)
        rows.append(source_row(c, r, doc))
    return docs, rows, time.monotonic() - started


# persist_result=False: the return value holds the whole corpus; Prefect never pickles it to storage
@flow(name="reportgraph", log_prints=False, validate_parameters=False, persist_result=False)
def run_pipeline(settings: RunSettings = RunSettings()) -> RunResult:
    logger = get_run_logger()
    out = Path(settings.out)
    with nullcontext() if settings.lock_held else run_lock(out, wait=settings.wait_for_lock):
        # before anything is read or written: gazetteer, review store, corpus, shrinking latest
        ids = preflight.check_configuration(settings.corpus, settings.gazetteer)
        preflight.check_shrink(out, settings.corpus, ids, allow=settings.allow_shrink, max_share=settings.max_shrink)
        clean_partials(out)  # left by killed runs; under the lock, so never a running one's
        run_id = new_run_id(after=history.last_run_id(out))
        started = datetime.now(timezone.utc).isoformat(timespec="seconds")
        previous = latest_run(out)
        folder = start_run(out, run_id)
        try:
            result = _run(settings, run_id, folder, previous, logger)
        except BaseException as exc:
            discard_partial(folder)
            ended = datetime.now(timezone.utc).isoformat(timespec="seconds")
            note = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
            history.append_run(out, history.run_row(run_id, started, ended, "failed", note=note))
            raise
        ended = datetime.now(timezone.utc).isoformat(timespec="seconds")
        history.append_run(out, history.run_row(run_id, started, ended, "ok", result.changes))
        if settings.keep_runs:
            prune_runs(out, settings.keep_runs, history.read_table(out / tables.RUNS.name))
    create_markdown_artifact(result.summary, key="reportgraph-summary", description=f"run {run_id}")
    create_table_artifact([tables.document_row(d) for d in result.documents], key="reportgraph-documents",
                          description=f"documents of run {run_id}")
    logger.info("run %s finished: %s", run_id, dict(Counter(d.status for d in result.documents)))
    return result


def _run(settings: RunSettings, run_id: str, folder: Path, previous: Path | None, logger) -> RunResult:
    out = Path(settings.out)
    corpus = Path(settings.corpus)
    paths = docs_mod.discover(corpus)
    root = docs_mod.reports_dir(corpus)
    ids = docs_mod.doc_ids(paths)
    logger.info("run %s: %d documents in %s", run_id, len(paths), root)
    progress.stage("ingest", len(paths))
    # with `--workers N`, the worker processes start at once and load their models (over a
    # second) while this process hashes the files (a full run reads them all) or reads the cache
    # (the documents without an entry)
    pool = started_pool(settings, len(paths)) if settings.full else None
    try:
        rels = [p.relative_to(root).as_posix() for p in paths]
        keys = [ingest_key(p, i, r, settings)[1] for p, i, r in zip(paths, ids, rels)]
        if not settings.full:
            pool = started_pool(settings, sum(not cache_mod.has(settings.document_cache(), k) for k in keys))
        cached = {} if settings.full else {
            k: d for k in keys if (d := cache_mod.load(settings.document_cache(), k)) is not None
        }
    except BaseException:
        if pool is not None:
            pool.close(kill=True)
        raise
    todo = [j for j, k in enumerate(keys) if k not in cached]
    progress.advance("ingest", len(paths) - len(todo))
    n_cached = len(cached)
    if pool is None:  # (an entry that could not be read: its document is read again)
        pool = document_pool(settings, len(todo))
    # the worker processes read the documents, then draw the charts and lay the network out while
    # this process recognises entities and writes; they exit while it writes the tables
    with pool or nullcontext() as pool, ThreadPoolExecutor(1) as aside:
        # while they read, this process (otherwise waiting) loads the gazetteer recognition needs
        gazetteer = aside.submit(load_gazetteer_dir, Path(settings.gazetteer)) if pool is not None else None
        fresh = read_documents(settings, pool, paths, ids, rels, keys, todo)
        documents = mark_duplicates([cached.get(k) or fresh[k] for k in keys])
        del cached, fresh  # `documents` holds them all (a duplicate's full text is not kept twice)
        if pool is not None:
            pool.prepare_to_draw()
        logger.info("%d documents read, %d from the cache", len(todo), n_cached)
        # quote(): Prefect would otherwise walk every sentence of every document looking for futures
        cites = citations(quote([d for d in documents if d.status == "ok"]))
        chart = (cites.citations, folder / tables.CITATIONS_CHART)
        charting = elsewhere(pool, plot_citations, *chart) if cites.citations else None
        source_docs, source_rows, sources_seconds = fetch_sources(cites, settings)
        documents = mark_duplicates(documents + source_docs)
        ok = [d for d in documents if d.status == "ok"]
        recognition = recognize(quote(ok), settings, quote(cites.citations),
                                quote(gazetteer.result() if gazetteer is not None else None))
        dating = date_sentences(quote(ok), quote(cites), quote(source_rows), root)
        progress.stage("network", 1)
        network = network_stage(folder, ok, recognition, include_footnotes=settings.include_footnotes,
                                previous=previous, pool=pool, dating=dating)
        progress.advance("network")
        if cites.citations:
            finish(charting, plot_citations, *chart)
        if pool is not None:  # nothing left for the workers: they exit while this process writes the tables
            aside.submit(pool.close)
        progress.stage("write", 1)
        write_document_tables(folder, quote(documents), quote(cites.parses), quote(dating))
        write_citation_tables(folder, ok, cites, recognition.recognition.mentions, [r.as_row() for r in source_rows],
                              chart=False)
        changes = history.diff_runs(previous, folder)
        tables.CHANGES.write(folder, history.changes_rows(changes))
        summary = summary_markdown(RunFacts(
            run_id, documents, read=len(todo), cached=n_cached, changes=changes,
            previous_run_id=previous.name if previous else None, citations=cites.citations, parses=cites.all_parses,
            sources=source_rows, sources_seconds=sources_seconds, recognition=recognition.recognition, queue=recognition.queue,
            network_entities=network.entities, edges=network.edges, names=network.names,
            sentence_dates=dating.dates, document_dates=dating.documents))
        tables.write_text(folder / tables.SUMMARY, summary)
        progress.advance("write")
        final = finish_run(out, run_id, folder)
    fresh_ids = {ids[j] for j in todo}
    return RunResult(run_id, final, documents, summary, [ids[j] for j in todo],
                     [i for i in ids if i not in fresh_ids], changes)
