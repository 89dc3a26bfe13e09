"""Scale-out: run the document tasks of the flow on a Dask cluster.

With `RunSettings.dask_address` set, `run_pipeline` maps `ingest_document` on the
`DaskTaskRunner` that `task_runner_for()` returns: those task runs execute in the Dask workers'
processes (the flow itself and every other stage stay in the calling process). Workers report
their task runs and logs to the Prefect API, so they must all talk to one server: wrap the run in
`one_prefect_server()`, which starts the project's local server when no `PREFECT_API_URL` is
configured (otherwise every worker process that logs would start a temporary server of its own)
and sets `PREFECT_API_URL` on the workers for the duration of the run.

Needs the `prefect-dask` package (which pulls in dask and distributed). The workers must be able
to import this project (`flows`, `extractors`) and load the same spaCy models: start them from
the same environment (`.venv/bin/dask worker ...`, or a `distributed.LocalCluster`).
"""
from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

API_URL = "PREFECT_API_URL"


def task_runner_for(dask_address: str | None):
    """None: keep the flow's default task runner (threads in this process). An address
    (`tcp://host:8786`): a `prefect_dask.DaskTaskRunner` connected to that scheduler."""
    if not dask_address:
        return None
    try:
        from prefect_dask import DaskTaskRunner
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise RuntimeError("a Dask address needs the prefect-dask package: pip install prefect-dask") from exc
    return DaskTaskRunner(address=dask_address)


def set_api_url(url: str | None) -> str | None:
    """Run on each worker (module-level, so Dask pickles it by reference): set or clear
    PREFECT_API_URL there and return the previous value."""
    before = os.environ.get(API_URL)
    if url is None:
        os.environ.pop(API_URL, None)
    else:
        os.environ[API_URL] = url
    if "prefect.context" in sys.modules:  # Prefect already imported there: make it see the change
        sys.modules["prefect.context"].refresh_global_settings_context()
    return before


def connect(dask_address: str, timeout: float | str | None = None):
    """A `distributed.Client` for the scheduler, or RuntimeError saying it cannot be reached.
    The wait defaults to Dask's own setting `distributed.comm.timeouts.connect` (30 s; environment
    variable DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT)."""
    import dask.config
    from distributed import Client

    if timeout is None:
        timeout = dask.config.get("distributed.comm.timeouts.connect")

    try:
        return Client(dask_address, set_as_default=False, timeout=timeout)
    except (OSError, TimeoutError, ValueError) as exc:
        raise RuntimeError(f"cannot reach the Dask scheduler at {dask_address}: {exc}") from None


def drain_worker_clients() -> None:
    """Run on each worker before the server stops: send the logs and events it still holds (and
    stop those services, so the next run's start afresh with the next run's server URL)."""
    if "prefect.logging.handlers" in sys.modules:
        from flows.runtime.server import drain_prefect_clients

        drain_prefect_clients()


@contextmanager
def workers_report_to(client, url: str) -> Iterator[dict[str, Any]]:
    """Set PREFECT_API_URL on every worker connected to the client's scheduler now; restore on
    exit. Yields {worker address: previous value}. (Task runs also carry the flow's settings to
    the workers, but the workers' own Prefect services read their environment.)"""
    previous = client.run(set_api_url, url)
    try:
        yield previous
    finally:
        try:
            client.run(drain_worker_clients)
        except Exception:  # a worker may be gone; its logs with it
            pass
        for worker, value in previous.items():
            try:
                client.run(set_api_url, value, workers=[worker])
            except Exception:  # the worker may be gone; nothing to restore there
                pass


@contextmanager
def one_prefect_server(dask_address: str | None, home: Path | None = None,
                       echo: Callable[[str], None] | None = None) -> Iterator[str | None]:
    """Wrap a run whose document tasks go to the Dask cluster at `dask_address`: its workers
    and this process report to one Prefect server, the configured PREFECT_API_URL or a local
    server started here (under `home`, default ./.prefect, stopped on exit). Yields the API URL;
    without an address it does nothing and yields None. RuntimeError (before any server is
    started) if prefect-dask is missing or the scheduler cannot be reached."""
    if not dask_address:
        yield None
        return
    from flows.runtime.server import configured_api_url, default_home, local_server

    echo = echo or (lambda message: None)
    task_runner_for(dask_address)  # prefect-dask installed?
    with connect(dask_address) as client:
        if not configured_api_url() and not _is_loopback(client.scheduler.address):
            echo(f"the Dask scheduler {dask_address} is not on this machine: its workers cannot reach a local "
                 "Prefect server on 127.0.0.1; set PREFECT_API_URL to a server they can reach")
        with local_server(home or default_home(), echo=echo) as url:
            with workers_report_to(client, url):
                yield url


def _is_loopback(address: str) -> bool:
    from urllib.parse import urlsplit

    host = urlsplit(address if "://" in address else f"tcp://{address}").hostname or ""
    return host in ("localhost", "127.0.0.1", "::1") or host.startswith("127.")
