"""Scheduled runs: `reportgraph serve --interval ...` starts its
own Prefect server when no PREFECT_API_URL is set, runs the pipeline on schedule, and on SIGTERM
stops cleanly without leaving the server behind."""
from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import BRIEF

ROOT = Path(__file__).resolve().parents[1]
SERVER_LINE = re.compile(r"started a local Prefect server at http://127\.0\.0\.1:(\d+) \(pid (\d+)")


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie is dead too; only the serve process could reap it
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return True


def listening(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) == 0


def wait_for(condition, timeout: float, step: float = 0.5) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(step)
    return condition()


def test_a_bad_schedule_is_refused_before_any_server_starts():
    from flows.runtime.schedule import make_schedule

    for cron, interval, tz, message in [(None, None, None, "exactly one"), ("0 6 * * *", 60, None, "exactly one"),
                                        ("every morning", None, None, "Invalid cron"),
                                        ("0 6 * * *", None, "Mars/Olympus", "Invalid timezone"),
                                        (None, 0, None, "positive")]:
        with pytest.raises(ValueError, match=message):
            make_schedule(cron, interval, tz)
    assert make_schedule("0 6 * * *", None, "Africa/Bamako").cron == "0 6 * * *"
    assert make_schedule(None, 3600.0).interval.total_seconds() == 3600


def test_deployment_parameters_carry_every_run_option_absolute_and_json(tmp_path, monkeypatch):
    """Regression (issue 17): serve lacked --workers, --refresh-sources, --dask-address; the
    deployment now carries every run option, paths made absolute from where serve started."""
    import json
    from dataclasses import fields

    from flows.config import RunOptions, options_from_json, resolve_run
    from flows.runtime.schedule import deployment_parameters

    (tmp_path / "gazetteers").mkdir()
    monkeypatch.chdir(tmp_path)
    options, _ = resolve_run({"corpus": "corpus", "out": "out", "sources": False, "workers": 2,
                              "refresh_sources": True, "dask_address": "tcp://127.0.0.1:8786"})
    params = deployment_parameters(options)["options"]
    assert params["corpus"] == str(tmp_path / "corpus") and params["out"] == str(tmp_path / "out")
    assert params["gazetteer"] == str(tmp_path / "gazetteers")
    assert {f.name for f in fields(RunOptions)} - {"config"} <= set(params)
    assert json.loads(json.dumps(params)) == params
    assert options_from_json(params) == options


def test_local_server_uses_a_configured_api_url(tmp_path, monkeypatch):
    from flows.runtime.server import local_server

    monkeypatch.setenv("PREFECT_API_URL", "http://prefect.example:4200/api")
    with local_server(tmp_path / "home") as url:
        assert url == "http://prefect.example:4200/api"
    assert not (tmp_path / "home").exists()  # nothing started, nothing written


def test_local_server_that_cannot_start_says_why(tmp_path, monkeypatch):
    from flows.runtime.server import local_server

    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(RuntimeError, match=r"(?s)exited with code.*already in use"):
            with local_server(tmp_path / "home", port=port, ui=False):
                pass
    assert "PREFECT_API_URL" not in os.environ


@pytest.mark.slow
def test_serve_runs_on_schedule_and_stops_its_server(tmp_path):
    reports = tmp_path / "corpus" / "reports"
    reports.mkdir(parents=True)
    (reports / "brief.md").write_text(BRIEF, encoding="utf-8")
    out = tmp_path / "out"
    log = tmp_path / "serve.log"
    env = {k: v for k, v in os.environ.items() if k not in ("PREFECT_API_URL", "PREFECT_PROFILE")}
    env.update(PREFECT_HOME=str(tmp_path / "prefect-home"), PREFECT_SERVER_ANALYTICS_ENABLED="false",
               PREFECT_RUNNER_POLL_FREQUENCY="1",  # default 10 s: the first run would start later
               PREFECT_LOGGING_LEVEL="INFO")
    cmd = [sys.executable, "-m", "flows.cli", "serve", "--interval", "2", "--corpus", "corpus", "--out", "out",
           "--gazetteer", str(ROOT / "gazetteers"), "--no-sources", "--no-ui"]
    server_pid = port = None
    with log.open("wb") as fh:
        proc = subprocess.Popen(cmd, cwd=tmp_path, env=env, stdout=fh, stderr=subprocess.STDOUT)
    try:
        summary = out / "latest" / "summary.md"
        wait_for(lambda: summary.exists() or proc.poll() is not None, timeout=180)
        text = log.read_text(encoding="utf-8", errors="replace")
        assert summary.exists(), f"no scheduled run finished within 180 s:\n{text[-4000:]}"
        m = SERVER_LINE.search(text)
        assert m, text[-4000:]
        port, server_pid = int(m.group(1)), int(m.group(2))
        assert alive(server_pid) and listening(port)

        proc.send_signal(signal.SIGTERM)  # what `systemctl stop` or `docker stop` sends
        proc.wait(timeout=60)
        text = log.read_text(encoding="utf-8", errors="replace")
        assert proc.returncode == 0, text[-4000:]
        assert "stopped serving" in text
        assert not alive(server_pid), "the local Prefect server outlived `serve`"
        assert not listening(port)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if server_pid and alive(server_pid):
            os.kill(server_pid, signal.SIGKILL)

    run = (out / "latest").resolve()
    assert run.parent == out / "runs"
    documents = (run / "documents.csv").read_text(encoding="utf-8")
    assert "brief" in documents and ",ok," in documents
    entities = (run / "entities.csv").read_text(encoding="utf-8")
    assert "Kidal" in entities and "MNLA" in entities
    assert "Iyad ag Ghali" in entities or "iyad-ag-ghali" in entities
    footnotes = (run / "footnotes.csv").read_text(encoding="utf-8").splitlines()
    assert len(footnotes) == 2  # header and the one footnote


def test_cli_serve_refuses_a_bad_schedule_with_a_clear_message(tmp_path):
    from typer.testing import CliRunner

    from flows.cli import app

    runner = CliRunner()
    both = runner.invoke(app, ["serve", "--cron", "0 6 * * *", "--interval", "60", "--prefect-home", str(tmp_path)])
    assert both.exit_code == 2 and "exactly one of --cron or --interval" in both.output
    bad = runner.invoke(app, ["serve", "--cron", "every morning", "--prefect-home", str(tmp_path)])
    assert bad.exit_code == 2 and "Invalid cron" in bad.output
    assert not (tmp_path / "server.log").exists()  # refused before any server started
