"""A local Prefect server on loopback: started for `serve` (schedules need a real server) and for
`run --dask-address` (so Dask workers report to one server), stopped with them.

`local_server()` runs `prefect server start` bound to 127.0.0.1, its SQLite database and
`server.log` under a Prefect home of the project's own (`.prefect/` by default), waits until it is
healthy and points this process at it; `configured_api_url()` says whether the user already has a
server; `drain_prefect_clients()` sends what this process still holds before it stops.
"""
from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

SERVER_LOG = "server.log"
HEALTH_TIMEOUT = 90.0

Echo = Callable[[str], None]
_log = logging.getLogger("reportgraph.serve")


def default_home() -> Path:
    """Where the local server keeps its SQLite database: $PREFECT_HOME if set, else ./.prefect."""
    return Path(os.environ.get("PREFECT_HOME") or ".prefect")


def configured_api_url() -> str | None:
    """The API URL from the environment or the active Prefect profile, if any."""
    if os.environ.get("PREFECT_API_URL"):
        return os.environ["PREFECT_API_URL"]
    from prefect.settings import get_current_settings

    return get_current_settings().api.url or None


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _parent_death_signal() -> Callable[[], None] | None:
    """Linux: a function for `preexec_fn` that makes the child get SIGTERM when the thread that
    started it dies, even by SIGKILL (so no server outlives a killed `serve`). Resolved here, in
    the parent: nothing may be imported between fork and exec."""
    if not sys.platform.startswith("linux") or threading.current_thread() is not threading.main_thread():
        return None
    try:
        import ctypes

        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    return lambda: prctl(1, int(signal.SIGTERM))  # PR_SET_PDEATHSIG


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def _healthy(url: str) -> bool:
    import httpx

    try:
        return httpx.get(f"{url}/health", timeout=2.0, trust_env=False).status_code == 200
    except httpx.HTTPError:
        return False


def _stop(proc: subprocess.Popen, grace: float = 15.0) -> None:
    """SIGTERM to the server's process group, SIGKILL after `grace` seconds."""
    if proc.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 10.0)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


@contextmanager
def _api_url_set(url: str) -> Iterator[None]:
    """PREFECT_API_URL for this process (settings context, global and current) and its children."""
    from prefect.context import refresh_global_settings_context
    from prefect.settings import PREFECT_API_URL, temporary_settings

    before = os.environ.get("PREFECT_API_URL")
    os.environ["PREFECT_API_URL"] = url
    refresh_global_settings_context()
    try:
        with temporary_settings(updates={PREFECT_API_URL: url}):
            yield
    finally:
        if before is None:
            os.environ.pop("PREFECT_API_URL", None)
        else:
            os.environ["PREFECT_API_URL"] = before
        refresh_global_settings_context()


@contextmanager
def local_server(home: Path, port: int | None = None, *, echo: Echo | None = None, ui: bool = True,
                 timeout: float = HEALTH_TIMEOUT) -> Iterator[str]:
    """Yield a Prefect API URL: the configured one if `PREFECT_API_URL` (or the profile) names a
    server, else one of a `prefect server start` subprocess on 127.0.0.1 with its SQLite
    database and log (`server.log`) under `home`, stopped on exit (also on errors and Ctrl-C)."""
    echo = echo or _log.info
    existing = configured_api_url()
    if existing:
        yield existing
        return
    home = Path(home).resolve()
    home.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    url = f"http://127.0.0.1:{port}/api"
    log_path = home / SERVER_LOG
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "PREFECT_SERVER_UI_ENABLED": str(ui).lower(), "PREFECT_SERVER_API_HOST": "127.0.0.1",
           "PREFECT_SERVER_API_PORT": str(port),
           # a new deployment's first runs are made within a second (Prefect's default: 5 s)
           "PREFECT_SERVER_SERVICES_SCHEDULER_RECENT_DEPLOYMENTS_LOOP_SECONDS": "1"}
    env.pop("PREFECT_API_URL", None)
    env.pop("PREFECT_PROFILE", None)
    cmd = [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)]
    with log_path.open("wb") as log:
        proc = subprocess.Popen(cmd, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True, preexec_fn=_parent_death_signal())
    try:
        started = time.monotonic()
        while not _healthy(url):
            if proc.poll() is not None:
                raise RuntimeError(f"the local Prefect server exited with code {proc.returncode} before "
                                   f"answering; last lines of {log_path}:\n{_tail(log_path)}")
            if time.monotonic() - started > timeout:
                raise RuntimeError(f"the local Prefect server did not answer {url}/health within "
                                   f"{timeout:.0f} s; last lines of {log_path}:\n{_tail(log_path)}")
            time.sleep(0.25)
        echo(f"started a local Prefect server at http://127.0.0.1:{port} (pid {proc.pid}, "
             f"{time.monotonic() - started:.0f} s); database and {SERVER_LOG} under {home}")
        with _api_url_set(url):
            try:
                yield url
            finally:
                drain_prefect_clients()
    finally:
        _stop(proc)


def drain_prefect_clients(timeout: float = 10.0) -> None:
    """Send the logs and events this process still holds to the server before it stops."""
    try:
        from prefect.events.worker import EventsWorker
        from prefect.logging.handlers import APILogWorker

        for worker in (APILogWorker, EventsWorker):
            worker.drain_all(timeout=timeout, at_exit=False)
    except Exception as exc:  # best effort: never hide the run's own outcome
        _log.debug("could not drain Prefect's log and event workers: %s", exc)
