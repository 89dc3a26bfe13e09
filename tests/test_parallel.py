"""`--workers N`: documents read in N worker processes (flows/pool.py) give the same tables, byte
for byte, as a run that reads them in this process; a broken PDF still fails its own row; a
document that crashes or hangs its worker process fails its own row and the others come back."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from flows.pipeline import RunSettings, document_pool, run_pipeline
from flows.runtime.pool import by_size
from flows.fetching import SourceSettings

from .conftest import REAL_PDFS, REPORT_PDF

ROOT = Path(__file__).resolve().parents[1]
BRIEF = """# A brief on Kidal

The MNLA took Kidal in 2012, and Iyad ag Ghali soon followed with Ansar Dine.<sup>1</sup>

In 2013 the MNLA returned to Kidal while Iyad ag Ghali withdrew to the mountains of the Adrar.

---

<sup>1</sup> Interview with a Malian journalist, Bamako, 20 January 2018.
"""
# laid out and drawn by the workers with 2 (network.png, timeline.png, citations.png, the
# positions of the GEXFs and of network.html), here with 1
GRAPH_FILES = ["network.gexf", "network.graphml", "network-paragraph.gexf", "network-paragraph.graphml",
               "network.html", "network.png", "timeline.png", "citations.png"]


def settings(base: Path, out: str, workers: int) -> RunSettings:
    # full: every document read from its file, never from the cache the other run filled
    return RunSettings(corpus=base / "corpus", out=base / out, gazetteer=ROOT / "gazetteers", full=True,
                       workers=workers, sources=SourceSettings(enabled=False, cache_dir=base / "corpus" / "sources"))


def test_two_workers_give_byte_identical_tables_and_a_broken_pdf_fails_its_own_row(tmp_path):
    reports = tmp_path / "corpus" / "reports"
    reports.mkdir(parents=True)
    shutil.copy(REPORT_PDF, reports / REPORT_PDF.name)
    shutil.copy(REAL_PDFS / "password-example.pdf", reports / "locked.pdf")
    (reports / "brief.md").write_text(BRIEF, encoding="utf-8")

    one = run_pipeline(settings(tmp_path, "out-1", 1))
    two = run_pipeline(settings(tmp_path, "out-2", 2))

    assert sorted(two.ingested) == ["brief", "locked", "mali-status-quo-2018"] and two.cached == []
    for result in (one, two):
        status = {d.doc_id: (d.status, d.error) for d in result.documents}
        assert status["brief"] == ("ok", "") and status["mali-status-quo-2018"] == ("ok", "")
        assert status["locked"][0] == "failed" and "encrypted" in status["locked"][1]
    assert one.documents == two.documents  # the same Document objects, field by field
    csvs = sorted(p.name for p in one.folder.glob("*.csv"))
    assert {"documents.csv", "sentences.csv", "mentions.csv", "edges.csv"} <= set(csvs)
    assert csvs == sorted(p.name for p in two.folder.glob("*.csv"))
    per_document = sorted(f"networks/{p.name}" for p in (one.folder / "networks").iterdir())
    assert per_document == sorted(f"networks/{p.name}" for p in (two.folder / "networks").iterdir())
    assert "networks/brief.gexf" in per_document  # written by a worker with 2, here with 1
    for name in csvs + GRAPH_FILES + per_document:
        assert (one.folder / name).read_bytes() == (two.folder / name).read_bytes(), name
    # the workers wrote the cache entries: a normal run now reads nothing again
    again = run_pipeline(RunSettings(corpus=tmp_path / "corpus", out=tmp_path / "out-3", gazetteer=ROOT / "gazetteers",
                                     sources=SourceSettings(enabled=False)))
    assert again.ingested == [] and len(again.cached) == 3


def test_the_workers_start_before_the_files_are_hashed_or_the_cache_read(tmp_path, monkeypatch):
    # they load their models (over a second) meanwhile: at once for a full run, after hashing
    # for a run that reads the documents without a cache entry, not at all when all have one
    import flows.pipeline as pipeline
    from flows.runtime.pool import DocumentPool

    reports = tmp_path / "corpus" / "reports"
    reports.mkdir(parents=True)
    for n in "abc":
        (reports / f"{n}.md").write_text(BRIEF.replace("Kidal", f"Kidal {n}", 1), encoding="utf-8")
    events: list[str] = []
    hash_one, start, load = pipeline.ingest_key, DocumentPool.start, pipeline.cache_mod.load
    monkeypatch.setattr(pipeline, "ingest_key", lambda *a: events.append("hash") or hash_one(*a))
    monkeypatch.setattr(DocumentPool, "start", lambda self: events.append(f"start {self.workers}") or start(self))
    monkeypatch.setattr(pipeline.cache_mod, "load", lambda *a: events.append("load") or load(*a))

    full = run_pipeline(settings(tmp_path, "out", 2))
    assert events == ["start 2", "hash", "hash", "hash"] and sorted(full.ingested) == ["a", "b", "c"]
    (reports / "a.md").write_text(BRIEF.replace("Kidal", "Gao", 1), encoding="utf-8")
    (reports / "d.md").write_text(BRIEF.replace("Kidal", "Menaka", 1), encoding="utf-8")
    events.clear()
    again = run_pipeline(replace(settings(tmp_path, "out", 2), full=False))
    assert events == ["hash"] * 4 + ["start 2"] + ["load"] * 4 and sorted(again.ingested) == ["a", "d"]
    events.clear()
    unchanged = run_pipeline(replace(settings(tmp_path, "out", 2), full=False))
    assert events == ["hash"] * 4 + ["load"] * 4 and unchanged.ingested == []


def test_a_document_that_crashes_or_hangs_its_worker_fails_its_own_row(tmp_path):
    # Run in a fresh interpreter, as `reportgraph run --workers N` runs: inside the full suite's
    # long-lived pytest process (Prefect servers, Playwright, Dask clusters started and stopped by
    # earlier tests) the first document of the scenario failed to come back within the limit in
    # 3 of 4 full runs on a 2-core machine, never when this file ran alone; the cause in that
    # process was not found (see the pool's `_shut` for the two CPython races that were fixed).
    done = subprocess.run([sys.executable, "-m", "tests.pool_helpers", str(tmp_path), "30"], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    by_id = json.loads(done.stdout.strip().splitlines()[-1])
    for ok in "abcd":
        status, error, title, *_ = by_id[ok]
        assert (status, title) == ("ok", f"title of {ok}.md"), error
    crash, hang = by_id["crash"], by_id["hang"]
    assert crash[0] == "failed" and "stopped abruptly" in crash[1] and crash[3] == "crash.md"
    assert hang[0] == "failed" and hang[1] == "gave up after 30 s (worker process stopped)"
    assert crash[4] == 64 and crash[5] == "markdown"


def test_pool_only_for_several_workers_and_documents_and_never_with_dask():
    assert document_pool(RunSettings(workers=0), 10) is None
    assert document_pool(RunSettings(workers=1), 10) is None
    assert document_pool(RunSettings(workers=2), 1) is None
    assert document_pool(RunSettings(workers=2, dask_address="tcp://127.0.0.1:8786"), 10) is None
    pool = document_pool(RunSettings(workers=4), 3)
    assert pool is not None and pool.workers == 3 and not pool.started


def test_largest_files_go_first(tmp_path):
    paths = []
    for name, size in [("a", 10), ("b", 300), ("c", 10), ("d", 50)]:
        (tmp_path / name).write_bytes(b"x" * size)
        paths.append(tmp_path / name)
    assert by_size(paths) == [1, 3, 0, 2]
