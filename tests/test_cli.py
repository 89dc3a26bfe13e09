"""The command line as a data engineer schedules it (issue 17): expected errors are a few lines
with their own exit code and no traceback, found before Prefect starts and leaving nothing behind;
paths resolve the same from any directory; a run never silently replaces latest with an empty or
much smaller one; options come from a config file with the command line on top; runs can be
listed and pruned. Commands run in a subprocess, as a user or cron would run them."""
from __future__ import annotations

import csv
import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from flows.errors import CONFIG, CORPUS, EXIT_CODES, LOCKED, SHRINK, USAGE

from .conftest import BRIEF

ROOT = Path(__file__).resolve().parents[1]
# runs the CLI and says on stderr, last, whether Prefect was imported (it must not be, for an
# error found before the run starts)
DRIVER = ("import atexit, sys\n"
          "atexit.register(lambda: sys.stderr.write('[prefect imported]\\n' if 'prefect' in sys.modules else ''))\n"
          "from flows.cli import app\n"
          "app(prog_name='reportgraph')\n")
PREFECT_IMPORTED = "[prefect imported]"


def cli(*args: str, cwd: Path, columns: int | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PREFECT_API_URL", "PREFECT_PROFILE", "REPORTGRAPH_CONFIG")}
    env["PYTHONPATH"] = str(ROOT)
    env.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")  # a loaded test machine
    if columns:
        env["COLUMNS"] = str(columns)
    return subprocess.run([sys.executable, "-c", DRIVER, *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout)


def error_lines(proc: subprocess.CompletedProcess) -> list[str]:
    return [line for line in proc.stderr.splitlines() if line and line != PREFECT_IMPORTED]


@pytest.fixture()
def project(tmp_path) -> Path:
    """A project folder as the README lays it out: corpus/reports/, gazetteers/."""
    reports = tmp_path / "project" / "corpus" / "reports"
    reports.mkdir(parents=True)
    (reports / "brief.md").write_text(BRIEF, encoding="utf-8")
    shutil.copytree(ROOT / "gazetteers", tmp_path / "project" / "gazetteers")
    return tmp_path / "project"


def read_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# ---------------------------------------------------------------- broken configuration

BROKEN_GAZETTEERS = {
    "yaml": ('- id: broken\n  name: "Broken [\n  type: PLACE\n', "malformed YAML"),
    "duplicate-id": ('\n- id: kidal\n  name: "Kidal again"\n  type: PLACE\n', "duplicate id"),
    "unknown-type": ('\n- id: new-thing\n  name: "New Thing"\n  type: THING\n', "unknown type 'THING'"),
}


@pytest.mark.parametrize("kind", sorted(BROKEN_GAZETTEERS))
def test_a_broken_gazetteer_is_one_line_exit_3_before_prefect_starts_and_leaves_nothing(project, tmp_path, kind):
    """Regression (issue 17): a gazetteer with a YAML error, a duplicate id or an unknown type
    printed 327-348 lines of tracebacks after every document had been read, and left an empty
    .partial folder and a failed row behind."""
    text, problem = BROKEN_GAZETTEERS[kind]
    with (project / "gazetteers" / "sahel.yaml").open("a", encoding="utf-8") as fh:
        fh.write(text)
    out = tmp_path / "out"
    proc = cli("run", "--corpus", str(project / "corpus"), "--out", str(out), "--no-sources", cwd=tmp_path)
    lines = error_lines(proc)
    assert proc.returncode == CONFIG, proc.stderr
    assert len(lines) == 1 and lines[0].startswith("error: ") and "sahel.yaml:" in lines[0] and problem in lines[0]
    assert "Traceback" not in proc.stderr and PREFECT_IMPORTED not in proc.stderr
    assert not out.exists()  # no run folder, no .partial, no runs.csv, no lock file


def test_verbose_adds_the_traceback(project, tmp_path):
    with (project / "gazetteers" / "sahel.yaml").open("a", encoding="utf-8") as fh:
        fh.write(BROKEN_GAZETTEERS["unknown-type"][0])
    proc = cli("run", "--corpus", str(project / "corpus"), "--out", str(tmp_path / "out"), "--verbose", cwd=tmp_path)
    assert proc.returncode == CONFIG and "Traceback" in proc.stderr and "GazetteerError" in proc.stderr


def test_a_bad_review_file_names_file_and_line(project, tmp_path):
    with (project / "gazetteers" / "review.csv").open("a", encoding="utf-8") as fh:
        fh.write("Somebody,PERSON,maybe,c-0000000000\r\n")
    proc = cli("run", "--corpus", str(project / "corpus"), "--out", str(tmp_path / "out"), cwd=tmp_path)
    lines = error_lines(proc)
    assert proc.returncode == CONFIG and len(lines) == 1, proc.stderr
    assert "review.csv:" in lines[0] and "'maybe'" in lines[0]
    assert PREFECT_IMPORTED not in proc.stderr and not (tmp_path / "out").exists()


def test_a_config_file_with_an_unknown_key_or_a_bad_value_is_refused(project, tmp_path):
    (project / "reportgraph.toml").write_text('wokers = 2\n', encoding="utf-8")
    proc = cli("run", "--corpus", str(project / "corpus"), cwd=tmp_path)
    assert proc.returncode == CONFIG and "reportgraph.toml: unknown key 'wokers'" in proc.stderr
    (project / "reportgraph.toml").write_text('workers = 0\n', encoding="utf-8")
    proc = cli("run", "--corpus", str(project / "corpus"), cwd=tmp_path)
    assert proc.returncode == CONFIG and "reportgraph.toml: workers must be at least 1" in proc.stderr
    (project / "reportgraph.toml").write_text('workers = [\n', encoding="utf-8")
    proc = cli("run", "--corpus", str(project / "corpus"), cwd=tmp_path)
    assert proc.returncode == CONFIG and "malformed TOML" in proc.stderr and len(error_lines(proc)) == 1
    assert not (project / "outputs").exists()


# ---------------------------------------------------------------- corpus, lock

def test_a_missing_corpus_and_a_corpus_that_is_a_file_say_which(tmp_path):
    """Regression (issue 17): a corpus path that is a file was reported as "does not exist"."""
    missing = cli("run", "--corpus", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert missing.returncode == CORPUS and "does not exist" in missing.stderr
    (tmp_path / "notes.md").write_text("text\n", encoding="utf-8")
    a_file = cli("run", "--corpus", str(tmp_path / "notes.md"), "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert a_file.returncode == CORPUS and "is a file, not a folder" in a_file.stderr
    assert PREFECT_IMPORTED not in missing.stderr + a_file.stderr and not (tmp_path / "out").exists()


def test_an_empty_corpus_with_no_earlier_run_is_refused_and_leaves_nothing(project, tmp_path):
    (project / "corpus" / "reports" / "brief.md").unlink()
    proc = cli("run", "--corpus", str(project / "corpus"), cwd=tmp_path)
    assert proc.returncode == CORPUS and "holds no documents" in proc.stderr, proc.stderr
    assert not (project / "outputs").exists() and PREFECT_IMPORTED not in proc.stderr


def test_no_wait_against_a_held_lock_is_one_line_exit_4_before_prefect(project, tmp_path):
    """Regression (issue 17): --no-wait took about 10 s and printed an 18-line traceback."""
    out = tmp_path / "out"
    out.mkdir()
    with (out / ".reportgraph.lock").open("a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # as a running run holds it
        proc = cli("run", "--corpus", str(project / "corpus"), "--out", str(out), "--no-wait", cwd=tmp_path)
    lines = error_lines(proc)
    assert proc.returncode == LOCKED and len(lines) == 1 and "another reportgraph run holds" in lines[0]
    assert PREFECT_IMPORTED not in proc.stderr and "Traceback" not in proc.stderr


def test_messages_fit_any_terminal(tmp_path):
    """Regression (issue 17): rich wrapped the last lines mid-path at the terminal's width."""
    deep = tmp_path / "a-rather-long-folder-name" / "and-another-one-below-it" / "corpus"
    proc = cli("run", "--corpus", str(deep), cwd=tmp_path, columns=40)
    assert proc.returncode == CORPUS
    assert error_lines(proc) == [f"error: corpus folder {deep} does not exist"]


# ---------------------------------------------------------------- shrinking latest

def fake_run(out: Path, run_id: str, doc_ids: list[str]) -> Path:
    """A published run folder with only its documents.csv (what the shrink check reads)."""
    folder = out / "runs" / run_id
    folder.mkdir(parents=True)
    rows = "".join(f"{d},{d}.md,{'0' * 64},markdown,,,en,ok,,1,0\r\n" for d in doc_ids)
    (folder / "documents.csv").write_text(
        "doc_id,path,sha256,format,title,pages,language,status,error,sentences,footnotes\r\n" + rows, encoding="utf-8")
    (folder / "summary.md").write_text("# fake\n", encoding="utf-8")
    link = out / "latest"
    if link.is_symlink():
        link.unlink()
    link.symlink_to(Path("runs") / run_id)
    return folder


def test_an_empty_corpus_never_replaces_a_non_empty_latest(project, tmp_path):
    """Regression (issue 17): a run on an empty folder (an unmounted share) exited 0, recorded
    status ok and moved latest to an empty run."""
    out = project / "outputs"
    fake_run(out, "20260101T000000Z-aaaa", ["brief", "other"])
    (project / "corpus" / "reports" / "brief.md").unlink()
    proc = cli("run", "--corpus", str(project / "corpus"), cwd=tmp_path)
    lines = error_lines(proc)
    assert proc.returncode == SHRINK, proc.stderr
    assert "no documents" in lines[0] and "--allow-shrink" in lines[0] and len(lines) == 1
    assert os.readlink(out / "latest") == "runs/20260101T000000Z-aaaa"
    [row] = read_rows(out / "runs.csv")
    assert row["status"] == "refused" and row["documents"] == "0" and row["removed"] == "2" and row["note"]
    assert not list((out / "runs").glob(".*.partial")) and PREFECT_IMPORTED not in proc.stderr


def test_a_run_that_loses_most_of_latest_is_refused_unless_allowed():
    from extractors.outputs.history import shrink, shrink_problem

    lost_two_of_three = shrink(["a", "b", "c"], ["a"])
    assert "2 of latest's 3 documents are gone" in shrink_problem(lost_two_of_three, 0.5)
    assert shrink_problem(lost_two_of_three, 0.7) is None
    assert shrink_problem(shrink(["a", "b"], ["a", "c"]), 0.5) is None  # half gone: not more than half
    assert shrink_problem(shrink([], []), 0.5) is None  # nothing to lose


# ---------------------------------------------------------------- the command line itself

def test_help_version_switches_and_ranges(tmp_path):
    """Regression (issue 17): switches shown as <bool>, `--full false` refused with no
    `--no-full`, no --version, no -h, --workers -1 accepted, serve lacking run options."""
    top = cli("-h", cwd=tmp_path)
    assert top.returncode == 0 and "Exit codes:" in top.stdout
    assert all(f"{c.code:>3}  {c.meaning}" in top.stdout for c in EXIT_CODES)
    version = cli("--version", cwd=tmp_path)
    assert version.returncode == 0 and version.stdout.startswith("reportgraph ")
    run_help = cli("run", "-h", cwd=tmp_path)
    assert run_help.returncode == 0 and "<bool>" not in run_help.stdout
    for switch in ("--full / --no-full", "--sources / --no-sources", "--wait / --no-wait", "--allow-shrink"):
        assert switch in run_help.stdout
    for bad in (["--workers", "0"], ["--workers", "-1"], ["--max-shrink", "2"], ["--keep-runs", "-1"]):
        proc = cli("run", *bad, cwd=tmp_path)
        assert proc.returncode == USAGE and "Invalid value" in proc.stderr, bad
    assert PREFECT_IMPORTED not in run_help.stderr


def test_serve_takes_every_run_option():
    import typer.main

    from flows.cli import app

    commands = typer.main.get_command(app).commands
    run_options = {o for p in commands["run"].params for o in p.opts + p.secondary_opts}
    serve_options = {o for p in commands["serve"].params for o in p.opts + p.secondary_opts}
    assert run_options - serve_options == set()


def test_serve_checks_its_configuration_before_any_server_starts(project, tmp_path):
    with (project / "gazetteers" / "sahel.yaml").open("a", encoding="utf-8") as fh:
        fh.write(BROKEN_GAZETTEERS["duplicate-id"][0])
    proc = cli("serve", "--interval", "60", "--corpus", str(project / "corpus"),
               "--prefect-home", str(tmp_path / "home"), cwd=tmp_path)
    assert proc.returncode == CONFIG and "duplicate id" in proc.stderr and len(error_lines(proc)) == 1
    assert not (tmp_path / "home").exists()


# ---------------------------------------------------------------- configuration

def test_config_file_values_under_command_line_values(project, tmp_path):
    from flows.config import resolve_run

    (project / "reportgraph.toml").write_text(
        'out = "../shared-out"\nworkers = 2\nsources = false\nmax_shrink = 0.2\n[serve]\ninterval = 3600\n',
        encoding="utf-8")
    options, config = resolve_run({"corpus": project / "corpus"}, cwd=tmp_path)
    assert config.path == project / "reportgraph.toml"
    assert options.out == tmp_path / "shared-out"  # relative to the config file's folder
    assert (options.workers, options.sources, options.max_shrink) == (2, False, 0.2)
    assert options.gazetteer == project / "gazetteers"
    options, _ = resolve_run({"corpus": project / "corpus", "workers": 3, "sources": True, "out": "here"}, cwd=tmp_path)
    assert (options.workers, options.sources, options.out) == (3, True, tmp_path / "here")


def test_pyproject_tool_table_is_a_config_file_found_from_a_subfolder(project, tmp_path):
    from flows.config import resolve_run

    (project / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.reportgraph]\nkeep_runs = 5\n',
                                            encoding="utf-8")
    options, config = resolve_run({}, cwd=project / "corpus" / "reports")
    assert config.path == project / "pyproject.toml" and options.keep_runs == 5
    assert options.corpus == project / "corpus" and options.out == project / "outputs"


def test_paths_resolve_the_same_from_any_directory(project, tmp_path):
    """Regression (issue 17): `--gazetteer` defaulted to ./gazetteers, so a run started anywhere
    but the repository failed (cron jobs)."""
    from flows.config import CODE_ROOT, resolve_run

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    a, _ = resolve_run({"corpus": project / "corpus"}, cwd=elsewhere)
    b, _ = resolve_run({"corpus": "corpus"}, cwd=project)
    assert a == b and a.gazetteer == project / "gazetteers" and a.out == project / "outputs"
    shutil.rmtree(project / "gazetteers")  # a corpus with no gazetteer beside it: this checkout's
    c, _ = resolve_run({"corpus": project / "corpus"}, cwd=elsewhere)
    assert c.gazetteer == CODE_ROOT / "gazetteers"


# ---------------------------------------------------------------- runs list / prune

def test_runs_list_and_prune(tmp_path):
    out = tmp_path / "out"
    for i, run_id in enumerate(["20260101T000000Z-aaaa", "20260102T000000Z-bbbb", "20260103T000000Z-cccc"]):
        fake_run(out, run_id, ["a", "b"][: i + 1])
    (out / "runs.csv").write_text(
        "run_id,start,end,status,documents\r\n20260101T000000Z-aaaa,2026-01-01T00:00:00+00:00,,ok,1\r\n"
        "20260102T000000Z-bbbb,2026-01-02T00:00:00+00:00,,ok,2\r\n20260102T120000Z-dddd,"
        "2026-01-02T12:00:00+00:00,,failed,\r\n20260103T000000Z-cccc,2026-01-03T00:00:00+00:00,,ok,2\r\n",
        encoding="utf-8")
    listed = cli("runs", "list", "--out", str(out), cwd=tmp_path)
    lines = listed.stdout.splitlines()
    assert listed.returncode == 0 and len(lines) == 5 and lines[0].split()[:4] == ["run_id", "start", "status", "documents"]
    assert lines[3].split()[2:] == ["failed", "-", "-"] and lines[4].endswith("(latest)")
    dry = cli("runs", "prune", "--keep", "1", "--dry-run", "--out", str(out), cwd=tmp_path)
    assert dry.returncode == 0 and len(list((out / "runs").iterdir())) == 3
    pruned = cli("runs", "prune", "--keep", "1", "--out", str(out), cwd=tmp_path)
    assert pruned.returncode == 0 and "deleted 2 run folder(s)" in pruned.stderr
    assert [p.name for p in (out / "runs").iterdir()] == ["20260103T000000Z-cccc"]
    assert len(read_rows(out / "runs.csv")) == 4  # the history stays
    assert cli("runs", "prune", "--keep", "0", "--out", str(out), cwd=tmp_path).returncode == USAGE


# ---------------------------------------------------------------- a real run

@pytest.mark.slow
def test_a_scheduled_style_run_from_another_directory_with_a_config_file(project, tmp_path):
    """The whole flow as cron would start it: from an unrelated folder, options in the project's
    reportgraph.toml, no --gazetteer. Then the one-meaning columns of the graph files, and an empty
    corpus refused with latest unchanged."""
    import networkx as nx
    import pandas as pd

    (project / "reportgraph.toml").write_text("sources = false\nwait = false\n", encoding="utf-8")
    elsewhere = tmp_path / "cron-home"
    elsewhere.mkdir()
    proc = cli("run", "--corpus", str(project / "corpus"), cwd=elsewhere)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr and not (elsewhere / "outputs").exists()
    latest = (project / "outputs" / "latest").resolve()
    entities = pd.read_csv(latest / "entities.csv")
    for column in ("mentions", "documents", "degree", "weighted_degree", "community"):
        assert entities[column].dtype == "int64", column  # regression: empty cells made them floats
    from extractors.outputs.tables import RUN_TABLES

    for table in RUN_TABLES:  # every integer column reads back as integers, empty cells or not
        frame = pd.read_csv(latest / table.name, dtype=table.dtypes())
        assert all(str(frame[c].dtype) == "Int64" for c in table.integers), table.name
    by_id = entities.set_index("entity_id")
    for name, window in (("network.gexf", "sentence"), ("network-paragraph.gexf", "paragraph"),
                         ("network.graphml", "sentence"), ("network-paragraph.graphml", "paragraph")):
        g = nx.read_gexf(latest / name) if name.endswith("gexf") else nx.read_graphml(latest / name)
        assert {d["window"] for *_, d in g.edges(data=True)} == {window}
        # regression: `mentions` counted body text only in the graph files, every zone in the CSV
        assert all(int(g.nodes[n]["mentions"]) == by_id.loc[n, "mentions"] for n in g), name

    (project / "corpus" / "reports" / "brief.md").unlink()
    refused = cli("run", "--corpus", str(project / "corpus"), cwd=elsewhere)
    assert refused.returncode == SHRINK and (project / "outputs" / "latest").resolve() == latest
    assert [r["status"] for r in read_rows(project / "outputs" / "runs.csv")] == ["ok", "refused"]
