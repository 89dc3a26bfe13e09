"""Worker processes that read documents for `run --workers N` (N > 1).

`DocumentPool` wraps a `concurrent.futures.ProcessPoolExecutor` of N *spawned* processes (never
forked from this process, which runs Prefect's threads). Each process loads the spaCy models once
(its initializer) and then reads documents with `extractors.ingest.documents.ingest` and writes their
cache entries: plain functions, so a worker imports neither Prefect nor the flow and needs no
Prefect server. The flow keeps one Prefect task per document (task runs, logs, the per-document
row) in a pool of N threads, and each task hands its document to `DocumentPool.read`, which
blocks until a process returns the `Document` (dataclasses pickle: the same object as a read in
this process gives).

A document that kills its worker process (a crash, the out-of-memory killer) breaks the
executor and every document in flight with it: those are read again, each in a process of its
own, so the one that crashes again fails its own row and the others come back intact. A document
still being read after `timeout` seconds fails its own row, and its process is stopped.

The same pool can run other module-level functions (`submit`): the network stage draws
network.png and timeline.png in workers while this process writes the other graph files.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable

import extractors.ingest.cache as cache_mod
import extractors.ingest.documents as docs_mod
from extractors.model import Document
from extractors.ingest.pdf import PdfSettings

# PDF reading gives up by itself after PdfSettings.max_seconds; this only catches a process that
# hangs beyond that (and a very long model pass), so a run never waits for ever.
DEFAULT_TIMEOUT = PdfSettings().max_seconds + 600.0


# ------------------------------------------------------------------ in the worker processes


def start_worker(model_en: str, model_fr: str, load_models: bool = True) -> None:
    """Initializer of each worker: Ctrl-C is the parent's to handle (it stops the pool), and the
    English models load once here (French ones on first use)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if load_models:
        from flows.runtime.models import recognizer_for, segmenter_for

        segmenter_for(model_en, model_fr)("en")
        recognizer_for(model_en, model_fr)("en")


def read_document(path: str, doc_id: str, rel_path: str, key: str, model_en: str, model_fr: str,
                  cache_dir: str | None, pdf_settings: PdfSettings | None = None) -> Document:
    """Read one document and store its cache entry (atomic; the file name of the temporary carries
    the process id): what the `ingest-document` task runs, in a worker or in the flow's process.
    `pdf_settings` (the run's, engine included; pickled to the worker) must be the ones its cache
    key was made with (`flows.pipeline.ingest_key`)."""
    from flows.runtime.models import recognizer_for, segmenter_for

    document = docs_mod.ingest(Path(path), doc_id, rel_path, segmenter_for(model_en, model_fr),
                               pdf_settings or PdfSettings(), analyser=recognizer_for(model_en, model_fr))
    if cache_dir is not None:
        cache_mod.store(Path(cache_dir), key, document)
    return cache_mod.share_tokens(document)  # each token once in the pickle too


def ready() -> None:
    """Nothing: what `DocumentPool.start` gives each process, once its models are loaded."""


def prepare_to_draw() -> None:
    """Run once reading is over: free the models (no document is left to read) and import the
    drawing code ahead of the network stage."""
    import gc

    import flows.runtime.models as models

    models._segmenter.cache_clear()
    models._recognizer.cache_clear()
    gc.collect()
    import extractors.network.plot  # noqa: F401  (matplotlib)


# ------------------------------------------------------------------ in the flow's process


class DocumentPool:
    """N spawned processes reading documents; thread-safe (one call per document task thread).

    The processes start with `start` or the first call, and stop when the `with` block ends."""

    def __init__(self, workers: int, model_en: str = "", model_fr: str = "", cache_dir: Path | None = None, *,
                 timeout: float = DEFAULT_TIMEOUT, reader: Callable[..., Document] = read_document,
                 load_models: bool = True, context: str = "spawn", pdf_settings: PdfSettings | None = None):
        self.workers = max(1, int(workers))
        self.model_en, self.model_fr = model_en, model_fr
        self.cache_dir = None if cache_dir is None else str(cache_dir)
        self.pdf_settings = pdf_settings or PdfSettings()  # the run's (engine included), for every document
        self.timeout = timeout
        self.reader = reader
        self.load_models = load_models
        self._context = multiprocessing.get_context(context)
        self._lock = threading.Lock()
        self._executor: ProcessPoolExecutor | None = None
        self._closed = False
        # executors a thread is shutting down or has shut down (kept, not ids: an id can be reused)
        self._shutting: set[ProcessPoolExecutor] = set()

    # -- life cycle

    def __enter__(self) -> DocumentPool:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        self.close(kill=exc_type is not None)

    def close(self, kill: bool = False) -> None:
        """Stop the processes: tell them to exit and wait for them (a third of a second, with the
        models loaded), or kill them at once (`kill`: the run failed or was interrupted, a
        document may still be in a worker). Always waited for: see `_shut`."""
        with self._lock:
            executor, self._closed = self._executor, True
        if executor is not None:
            self._discard(executor, kill=kill)

    @property
    def started(self) -> bool:
        return self._executor is not None

    def _new_executor(self, workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(workers, mp_context=self._context, initializer=start_worker,
                                   initargs=(self.model_en, self.model_fr, self.load_models))

    def _current(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._closed:
                raise RuntimeError("the document pool is closed")
            if self._executor is None:
                self._executor = self._new_executor(self.workers)
            return self._executor

    def _discard(self, executor: ProcessPoolExecutor, kill: bool = False) -> None:
        """Drop a broken (or stuck) executor; the next call starts fresh processes."""
        with self._lock:
            if self._executor is executor:
                self._executor = None
        if kill:
            _stop_processes(executor)
        self._shut(executor)

    def _shut(self, executor: ProcessPoolExecutor) -> None:
        """Shut an executor down once, whichever of the threads whose documents it held gets here
        first, and wait for its manager thread: never `shutdown(wait=False)`, never twice.

        On Python < 3.14, `shutdown(wait=False)` resets the executor while its manager thread may
        still be failing the futures of a pool a crashed worker broke; the thread dies on that
        state and the documents in flight never come back (CPython gh-132969; an idle worker it
        forgot also kept the interpreter from exiting, gh-83386). Two threads shutting one executor
        down close its result pipe twice, and the second close can hit a descriptor a new pool has
        just been given. Regression: the crash-and-hang test of tests/test_parallel.py failed in
        the full suite, first with a document that never came back, then with a bad descriptor.
        Waiting costs a third of a second when the pool closes normally; a broken or killed pool's
        thread ends at once."""
        with self._lock:
            if executor in self._shutting:
                return
            self._shutting.add(executor)
        executor.shutdown(wait=True, cancel_futures=True)

    # -- work

    def start(self) -> None:
        """Start the processes now (each loads its models, over a second) rather than with the
        first document: the flow calls it before it hashes the files and reads the cache."""
        try:
            executor = self._current()
            for _ in range(self.workers):  # a process per call until there are `workers` of them
                executor.submit(ready)
        except (BrokenProcessPool, RuntimeError):
            pass  # the first document starts fresh ones

    def submit(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Future:
        """Run a module-level function in a worker (arguments and result are pickled)."""
        return self._current().submit(fn, *args, **kwargs)

    def prepare_to_draw(self) -> None:
        """Let idle workers import the drawing code while this process recognises entities."""
        if self.started:
            try:
                for _ in range(self.workers):
                    self.submit(prepare_to_draw)
            except (BrokenProcessPool, RuntimeError):
                pass  # drawing will import it, or draw here

    def read(self, path: Path, doc_id: str, rel_path: str, key: str) -> Document:
        """The document as `extractors.ingest.documents.ingest` reads it, read in a worker process;
        its cache entry is written there. A crash or a time-out gives a `failed` document (not
        cached: the next run tries again)."""
        args = (str(path), doc_id, rel_path, key, self.model_en, self.model_fr, self.cache_dir, self.pdf_settings)
        future = None
        for _ in range(2):
            executor = self._current()
            try:
                future = executor.submit(self.reader, *args)
                break
            except (BrokenProcessPool, RuntimeError):  # broken, or just replaced by another thread
                self._discard(executor)
        if future is None:
            return self._read_alone(path, doc_id, rel_path, args)
        try:
            return future.result(timeout=self.timeout)
        except BrokenProcessPool:
            # some document killed a worker; every one in flight lands here: read each again alone
            self._discard(executor)
        except FutureTimeout:
            self._discard(executor, kill=True)  # the others in flight are read again alone
            return self._failed(path, doc_id, rel_path, self._timeout_error())
        return self._read_alone(path, doc_id, rel_path, args)

    def _read_alone(self, path: Path, doc_id: str, rel_path: str, args: tuple) -> Document:
        executor = self._new_executor(1)
        try:
            document = executor.submit(self.reader, *args).result(timeout=self.timeout)
        except BrokenProcessPool:
            return self._failed(path, doc_id, rel_path, "the worker process reading it stopped abruptly "
                                                        "(crashed or ran out of memory)")
        except FutureTimeout:
            _stop_processes(executor)
            return self._failed(path, doc_id, rel_path, self._timeout_error())
        finally:
            executor.shutdown(wait=True, cancel_futures=True)
        return document

    def _timeout_error(self) -> str:
        return f"gave up after {self.timeout:.0f} s (worker process stopped)"

    @staticmethod
    def _failed(path: Path, doc_id: str, rel_path: str, error: str) -> Document:
        return replace(docs_mod.document_base(Path(path), doc_id, rel_path), status="failed", error=error)


def _stop_processes(executor: ProcessPoolExecutor) -> None:
    """Kill an executor's worker processes (Python < 3.14 has no public call for it)."""
    for process in list((getattr(executor, "_processes", None) or {}).values()):
        try:
            if process.is_alive():
                os.kill(process.pid, signal.SIGKILL)
        except (OSError, ValueError, AttributeError):
            pass


def by_size(paths: list[Path]) -> list[int]:
    """Indexes of `paths`, largest file first (the long documents start first, so that the
    workers finish together), ties in path order."""
    def size(i: int) -> int:
        try:
            return paths[i].stat().st_size
        except OSError:
            return 0

    return sorted(range(len(paths)), key=lambda i: -size(i))
