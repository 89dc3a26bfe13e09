"""A growing corpus (issue 7): only new or changed documents are read again, gazetteer edits
re-link without re-reading, killed and concurrent runs never corrupt the outputs."""
from __future__ import annotations

import csv
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.cli import app
from flows.pipeline import RunSettings, run_pipeline
from flows.fetching import SourceSettings

from .conftest import REAL_PDFS, REPORT_MD, REPORT_PDF

ROOT = Path(__file__).resolve().parents[1]
BRIEF = """# A brief on Kidal

## Body

The MNLA and Iyad ag Ghali were in Kidal in 2012.<sup>1</sup> GATIA fought the CMA near Ménaka.

---

<sup>1</sup> Interview with a Malian journalist, Bamako, 20 January 2018.
"""


def read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture()
def workspace(tmp_path):
    reports = tmp_path / "corpus" / "reports"
    reports.mkdir(parents=True)
    (reports / "brief.md").write_text(BRIEF, encoding="utf-8")
    # the report's first pages: enough text for real links and networks, quick to read
    lines = REPORT_MD.read_text(encoding="utf-8").splitlines()[:200]
    (reports / "report.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    shutil.copytree(ROOT / "gazetteers", tmp_path / "gazetteers")
    return tmp_path


def settings(ws: Path, **changes) -> RunSettings:
    return RunSettings(corpus=ws / "corpus", out=ws / "out", gazetteer=ws / "gazetteers",
                       sources=SourceSettings(enabled=False), **changes)


def test_only_new_documents_are_read_and_unchanged_reruns_read_nothing(workspace):
    first = run_pipeline(settings(workspace))
    assert sorted(first.ingested) == ["brief", "report"] and first.cached == []
    again = run_pipeline(settings(workspace))
    assert again.ingested == [] and sorted(again.cached) == ["brief", "report"]
    for name in ["sentences.csv", "mentions.csv", "edges.csv", "entities.csv"]:
        assert (first.folder / name).read_bytes() == (again.folder / name).read_bytes(), name

    result = CliRunner().invoke(app, ["add", str(REAL_PDFS / "issue-848.pdf"), "--corpus", str(workspace / "corpus")])
    assert result.exit_code == 0 and "1 added" in result.output
    added = run_pipeline(settings(workspace))
    assert added.ingested == ["issue-848"]
    assert sorted(added.cached) == ["brief", "report"]
    runs = read(workspace / "out" / "runs.csv")
    assert [r["new"] for r in runs] == ["2", "0", "1"]
    assert [r["unchanged"] for r in runs] == ["0", "2", "2"]
    assert "1 new" in (added.folder / "summary.md").read_text(encoding="utf-8")

    (workspace / "corpus" / "reports" / "brief.md").unlink()
    removed = run_pipeline(settings(workspace))
    assert removed.ingested == []
    docs = {r["doc_id"] for r in read(removed.folder / "documents.csv")}
    assert "brief" not in docs
    assert not [m for m in read(removed.folder / "mentions.csv") if m["doc_id"] == "brief"]
    assert read(workspace / "out" / "runs.csv")[-1]["removed"] == "1"

    full = run_pipeline(settings(workspace, full=True))
    assert sorted(full.ingested) == ["issue-848", "report"]


def test_a_gazetteer_edit_relinks_without_reading_documents_again(workspace):
    run_pipeline(settings(workspace))
    extra = workspace / "gazetteers" / "zz-test.yaml"
    extra.write_text(
        "entities:\n  - id: test-journalist-guild\n    name: Malian journalist\n    type: POLITICAL_ORG\n",
        encoding="utf-8")
    after = run_pipeline(settings(workspace))
    assert after.ingested == []
    mentions = read(after.folder / "mentions.csv")
    assert any(m["entity_id"] == "test-journalist-guild" for m in mentions)
    changes = read(after.folder / "changes.csv")
    assert any(c["change"] == "entity_added" and c["key"] == "test-journalist-guild" for c in changes)


def cli_run(ws: Path, *extra: str) -> subprocess.Popen:
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    return subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "run", "--corpus", str(ws / "corpus"), "--out", str(ws / "out"),
         "--gazetteer", str(ws / "gazetteers"), "--no-sources", *extra],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
    )


def test_a_killed_run_leaves_latest_readable_and_the_next_run_completes(workspace):
    first = run_pipeline(settings(workspace))
    before = (workspace / "out" / "latest").resolve()
    shutil.copy(REPORT_PDF, workspace / "corpus" / "reports" / "big.pdf")
    proc = cli_run(workspace)
    deadline = time.monotonic() + 120
    runs = workspace / "out" / "runs"
    while time.monotonic() < deadline and not list(runs.glob(".*.partial")):
        time.sleep(0.2)
    assert list(runs.glob(".*.partial")), proc.communicate()[0]
    time.sleep(1.0)  # mid-flow: reading the PDF
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    latest = workspace / "out" / "latest"
    assert latest.resolve() == before == first.folder.resolve()
    assert read(latest / "documents.csv")
    nxt = run_pipeline(settings(workspace))
    assert "big" in nxt.ingested or "big" in nxt.cached
    assert (workspace / "out" / "latest").resolve() == nxt.folder.resolve()
    assert {r["doc_id"] for r in read(nxt.folder / "documents.csv")} == {"brief", "report", "big"}


def test_two_concurrent_runs_do_not_corrupt_each_other(workspace):
    a = cli_run(workspace)
    b = cli_run(workspace)
    out_a, out_b = a.communicate(timeout=600)[0], b.communicate(timeout=600)[0]
    assert a.returncode == 0, out_a.decode(errors="replace")[-2000:]
    assert b.returncode == 0, out_b.decode(errors="replace")[-2000:]
    runs = read(workspace / "out" / "runs.csv")
    assert len(runs) == 2 and all(r["status"] == "ok" for r in runs)
    latest = (workspace / "out" / "latest").resolve()
    assert latest.name == max(r["run_id"] for r in runs)
    folders = sorted(p for p in (workspace / "out" / "runs").iterdir() if not p.name.startswith("."))
    assert len(folders) == 2
    assert (folders[0] / "sentences.csv").read_bytes() == (folders[1] / "sentences.csv").read_bytes()
    assert not list((workspace / "out" / "runs").glob(".*.partial"))


def test_add_refuses_traversal_fake_pdfs_and_duplicates(workspace, tmp_path):
    fake = tmp_path / "notes.pdf"
    fake.write_text("just text", encoding="utf-8")
    runner = CliRunner()
    corpus = str(workspace / "corpus")
    result = runner.invoke(app, ["add", "../../etc/passwd", str(fake), str(REAL_PDFS / "empty.pdf"), "--corpus", corpus])
    assert result.exit_code == 8  # flows.errors.REFUSED
    assert result.output.count("refused") >= 3
    assert sorted(p.name for p in (workspace / "corpus" / "reports").iterdir()) == ["brief.md", "report.md"]
    dup = tmp_path / "copy-of-brief.md"
    shutil.copy(workspace / "corpus" / "reports" / "brief.md", dup)
    result = runner.invoke(app, ["add", str(dup), "--corpus", corpus])
    assert "duplicate" in result.output and "0 added" in result.output
