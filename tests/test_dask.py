"""Scale-out: the document tasks run on a Dask cluster (two worker processes) and give the same
tables, byte for byte, as the default thread pool; the workers report to one Prefect server.
`RunSettings.dask_address` makes `run_pipeline` map its document tasks on
`flows.runtime.cluster.task_runner_for(address)`; `one_prefect_server` gives them one server to report to."""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import distributed  # prefect-dask's dependency: a missing package fails here, loudly, not skipped
import pytest

from flows.pipeline import RunSettings, run_pipeline
from flows.fetching import SourceSettings

from .conftest import BRIEF, REPORT_PDF

ROOT = Path(__file__).resolve().parents[1]
COMPARED = ["network.gexf", "network.graphml", "network.html"]


def test_task_runner_for_without_address_keeps_the_default():
    from prefect_dask import DaskTaskRunner

    from flows.runtime.cluster import task_runner_for

    assert task_runner_for(None) is None and task_runner_for("") is None
    runner = task_runner_for("tcp://127.0.0.1:8786")
    assert isinstance(runner, DaskTaskRunner) and runner.address == "tcp://127.0.0.1:8786"


def test_an_unreachable_scheduler_is_a_clear_error():
    from flows.runtime.cluster import connect

    with pytest.raises(RuntimeError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:1"):
        connect("tcp://127.0.0.1:1", timeout=1)


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as c:
        yield c


def settings(base: Path, out: str, dask_address: str = "") -> RunSettings:
    # full: read every document, never from the cache the other run filled
    return RunSettings(corpus=base / "corpus", out=base / out, gazetteer=ROOT / "gazetteers", full=True,
                       dask_address=dask_address,
                       sources=SourceSettings(enabled=False, cache_dir=base / "corpus" / "sources"))


def task_run_names(flow_run_id) -> list[str]:
    from prefect import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    with get_client(sync_client=True) as client:
        runs = client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id])))
    return sorted(r.name for r in runs)


def executed(client) -> dict[str, int]:
    """Tasks each worker has executed so far."""
    return client.run(lambda dask_worker: dask_worker.state.executed_count)


@pytest.mark.slow
def test_dask_cluster_gives_byte_identical_tables(tmp_path, cluster, monkeypatch):
    import psutil

    from flows.runtime.cluster import one_prefect_server

    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    reports = tmp_path / "corpus" / "reports"
    reports.mkdir(parents=True)
    shutil.copy(REPORT_PDF, reports / REPORT_PDF.name)
    (reports / "brief.md").write_text(BRIEF, encoding="utf-8")
    messages: list[str] = []
    client = distributed.Client(cluster, set_as_default=False)
    worker_pids = client.run(os.getpid)
    try:
        address = cluster.scheduler_address
        with one_prefect_server(address, home=tmp_path / "prefect-home", echo=messages.append) as url:
            assert os.environ["PREFECT_API_URL"] == url
            assert url.startswith("http://127.0.0.1:") and "started a local Prefect server" in messages[0]
            assert set(client.run(os.getenv, "PREFECT_API_URL").values()) == {url}

            default = run_pipeline(settings(tmp_path, "out-default"))
            before = executed(client)
            state = run_pipeline(settings(tmp_path, "out-dask", address), return_state=True)
            after = executed(client)
            on_dask = state.result()
            names = []
            for _ in range(40):  # task runs are recorded from events, a moment after they ran
                names = task_run_names(state.state_details.flow_run_id)
                if sum(n.startswith("ingest ") for n in names) == 2:
                    break
                time.sleep(0.25)
        assert "PREFECT_API_URL" not in os.environ
        assert set(client.run(os.getenv, "PREFECT_API_URL").values()) == {None}  # restored
    finally:
        client.close()

    # the two documents were read in the workers, and their task runs reached our one server
    assert sum(after.values()) - sum(before.values()) == 2
    assert [n for n in names if n.startswith("ingest ")] == ["ingest brief", "ingest mali-status-quo-2018"]
    for pid in worker_pids.values():  # no worker started a temporary server of its own
        assert psutil.Process(pid).children(recursive=True) == []

    assert [d.status for d in on_dask.documents] == ["ok", "ok"]
    assert sorted(on_dask.ingested) == ["brief", "mali-status-quo-2018"]
    csvs = sorted(p.name for p in default.folder.glob("*.csv"))
    assert "sentences.csv" in csvs and "edges.csv" in csvs
    assert csvs == sorted(p.name for p in on_dask.folder.glob("*.csv"))
    for name in csvs + COMPARED:
        assert (default.folder / name).read_bytes() == (on_dask.folder / name).read_bytes(), name


def test_cli_run_with_an_unreachable_dask_address_fails_clearly_and_writes_nothing(tmp_path):
    from typer.testing import CliRunner

    from flows.cli import app

    import dask.config

    (tmp_path / "corpus" / "reports").mkdir(parents=True)
    (tmp_path / "corpus" / "reports" / "brief.md").write_text(BRIEF, encoding="utf-8")
    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):
        result = CliRunner().invoke(app, ["run", "--corpus", str(tmp_path / "corpus"), "--out", str(tmp_path / "out"),
                                          "--no-sources", "--dask-address", "tcp://127.0.0.1:1"])
    assert result.exit_code == 7 and "cannot reach the Dask scheduler at tcp://127.0.0.1:1" in result.output
    assert not (tmp_path / "out").exists()
