"""Scheduled runs: a deployment of the pipeline served by this process, on a local Prefect server.

Prefect's temporary server (the one a plain `reportgraph run` starts) does not run schedules, so
`serve()` starts a real one (`prefect server start`, SQLite under the project's own Prefect home,
`.prefect/` by default) unless `PREFECT_API_URL` already points at a server, registers the
`reportgraph-scheduled` deployment with a cron or interval schedule, and polls for its runs until
stopped (Ctrl-C or SIGTERM). Each scheduled run executes in a subprocess and publishes a run folder
like `reportgraph run` does; runs of one deployment never overlap (limit 1).

The local Prefect server itself is `flows.runtime.server.local_server()`.
"""
from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import time

from prefect import flow

from flows.pipeline import RunSettings, run_pipeline
from flows.runtime.server import Echo, default_home, local_server

FLOW_NAME = "reportgraph-scheduled"
DEPLOYMENT_NAME = "scheduled"
_log = logging.getLogger("reportgraph.serve")


@flow(name=FLOW_NAME, log_prints=False)
def scheduled_run(options: dict) -> str:
    """One scheduled run of the pipeline. `options`: every option of `reportgraph run`
    (`flows.config.options_to_json`: JSON, absolute paths), so a deployment can carry them."""
    from flows.config import options_from_json
    from flows.runtime.cluster import one_prefect_server

    run_options = options_from_json(options)
    with one_prefect_server(run_options.dask_address or None):  # the server `serve` started, shared
        result = run_pipeline(RunSettings.from_options(run_options))
    return str(result.folder)


def deployment_parameters(options) -> dict:
    """Parameters of the served deployment: every run option, paths absolute (no cwd matters)."""
    from flows.config import options_to_json

    return {"options": options_to_json(options)}


def schedule_text(cron: str | None, interval: float | None, timezone: str | None = None) -> str:
    return f"cron '{cron}' {timezone or 'UTC'}" if cron else f"every {interval:g} s"


def check_schedule(cron: str | None, interval: float | None, timezone: str | None = None) -> None:
    """ValueError for a bad schedule (both or neither, a bad cron, zone or interval)."""
    make_schedule(cron, interval, timezone)


def make_schedule(cron: str | None, interval: float | None, timezone: str | None = None, *, anchor=None):
    """A Prefect schedule, checked here (ValueError) before any server is started. An interval
    schedule counts its intervals from `anchor` (default: now)."""
    from prefect.schedules import Cron, Interval

    if (cron is None) == (interval is None):
        raise ValueError("give exactly one of --cron or --interval")
    if interval is not None:
        if interval <= 0:
            raise ValueError("--interval must be a positive number of seconds")
        return Interval(interval, anchor_date=anchor, timezone=timezone)
    from prefect.client.schemas.schedules import CronSchedule
    from pydantic import ValidationError

    try:
        CronSchedule(cron=cron, timezone=timezone)
    except (ValidationError, ValueError) as exc:
        errors = exc.errors() if isinstance(exc, ValidationError) else [{"msg": str(exc)}]
        raise ValueError("; ".join(str(e["msg"]).removeprefix("Value error, ") for e in errors)) from None
    return Cron(cron, timezone=timezone)


def serve(options, schedule, *, name: str = DEPLOYMENT_NAME, echo: Echo | None = None) -> None:
    """Serve the pipeline with `options` (`flows.config.RunOptions`) on `schedule`
    (`flows.config.ServeOptions`: a cron, UTC unless its timezone, or an interval in seconds)
    until Ctrl-C/SIGTERM, or with `limit_runs` until that many runs have finished, whatever their
    state. Raises ValueError for a bad schedule, RuntimeError if the local server does not start."""
    from datetime import datetime, timezone

    from prefect.deployments.runner import EntrypointType

    echo = echo or _log.info
    cron, interval, zone = schedule.cron, schedule.interval, schedule.timezone
    make_schedule(cron, interval, zone)
    parameters = deployment_parameters(options)
    previous = _terminate_gracefully()  # until Prefect's runner installs its own SIGTERM handler
    try:
        with local_server(schedule.prefect_home or default_home(), echo=echo, ui=schedule.ui) as url:
            removed = _forget_missed_runs(name)
            if removed:
                echo(f"dropped {removed} scheduled run(s) missed while nothing was serving")
            echo(f"serving {FLOW_NAME}/{name} ({schedule_text(cron, interval, zone)}) on {url}; "
                 f"outputs under {options.out}; stop with Ctrl-C")
            if schedule.limit_runs:
                _RunLimit(name, schedule.limit_runs, echo).start()
            if interval is not None:  # the first run now, the next one interval later
                _FirstRunNow(name, echo).start()
            anchored = make_schedule(cron, interval, zone, anchor=datetime.now(timezone.utc))
            scheduled_run.serve(name=name, schedule=anchored, parameters=parameters, limit=1,
                                print_starting_message=False, entrypoint_type=EntrypointType.MODULE_PATH)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    echo("stopped serving")


def _terminate_gracefully():
    """SIGTERM raises SystemExit in the main thread, so `local_server` stops its server.
    Returns the handler it replaced (None outside the main thread)."""
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


def _forget_missed_runs(name: str) -> int:
    """Delete scheduled runs of an existing deployment whose time has passed (left behind when
    the serving process was killed): otherwise they would all run at once on restart."""
    from datetime import datetime, timezone

    from prefect import get_client
    from prefect.client.schemas.filters import (DeploymentFilter, DeploymentFilterId, FlowRunFilter,
                                                FlowRunFilterExpectedStartTime, FlowRunFilterState,
                                                FlowRunFilterStateType)
    from prefect.client.schemas.objects import StateType
    from prefect.exceptions import ObjectNotFound

    with get_client(sync_client=True) as client:
        try:
            deployment = client.read_deployment_by_name(f"{FLOW_NAME}/{name}")
        except ObjectNotFound:
            return 0
        runs = client.read_flow_runs(
            deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[deployment.id])),
            flow_run_filter=FlowRunFilter(
                state=FlowRunFilterState(type=FlowRunFilterStateType(any_=[StateType.SCHEDULED])),
                expected_start_time=FlowRunFilterExpectedStartTime(before_=datetime.now(timezone.utc))),
        )
        missed = [r for r in runs if r.auto_scheduled]
        for r in missed:
            client.delete_flow_run(r.id)
        return len(missed)


class _FirstRunNow(threading.Thread):
    """An interval schedule's first run, started at once: Prefect's scheduler only makes runs
    after the moment it sees the deployment, so the run at the schedule's anchor is always
    missed and the first one came a whole interval after `serve` started. This thread waits
    for the deployment `serve` registers and asks for one run of it now."""

    def __init__(self, name: str, echo: Echo, poll: float = 0.5, timeout: float = 120.0):
        super().__init__(name="reportgraph-first-run", daemon=True)
        self.deployment = f"{FLOW_NAME}/{name}"
        self.echo, self.poll, self.timeout = echo, poll, timeout

    def run(self) -> None:
        from prefect import get_client
        from prefect.exceptions import ObjectNotFound

        end = time.monotonic() + self.timeout
        while time.monotonic() < end:
            try:
                with get_client(sync_client=True) as client:
                    deployment = client.read_deployment_by_name(self.deployment)
                    client.create_flow_run_from_deployment(deployment.id)
                self.echo("first run requested")
                return
            except ObjectNotFound:
                time.sleep(self.poll)
            except Exception as exc:  # the server may be briefly busy; try again
                _log.debug("first run: %s", exc)
                time.sleep(self.poll)


class _RunLimit(threading.Thread):
    """Prefect's `serve(limit=...)` bounds concurrent runs, not their number: this thread counts
    finished runs of the deployment (started after serving began) and sends this process SIGTERM,
    Prefect's runner's graceful shutdown, once `limit` have finished."""

    def __init__(self, name: str, limit: int, echo: Echo, poll: float = 1.0):
        super().__init__(name="reportgraph-run-limit", daemon=True)
        self.deployment = f"{FLOW_NAME}/{name}"
        self.limit, self.echo, self.poll = limit, echo, poll
        from datetime import datetime, timezone

        self.since = datetime.now(timezone.utc)

    def run(self) -> None:
        while True:
            time.sleep(self.poll)
            try:
                done = self.finished()
            except Exception as exc:  # the server may be briefly busy; try again
                _log.debug("run limit: %s", exc)
                continue
            if done >= self.limit:
                self.echo(f"{done} run(s) finished; stopping (limit {self.limit})")
                os.kill(os.getpid(), signal.SIGTERM)
                return

    def finished(self) -> int:
        from prefect import get_client
        from prefect.client.schemas.filters import (DeploymentFilter, DeploymentFilterId, FlowFilter,
                                                    FlowFilterName, FlowRunFilter, FlowRunFilterStartTime,
                                                    FlowRunFilterState, FlowRunFilterStateType)
        from prefect.client.schemas.objects import StateType
        from prefect.exceptions import ObjectNotFound

        final = [StateType.COMPLETED, StateType.FAILED, StateType.CRASHED, StateType.CANCELLED]
        with get_client(sync_client=True) as client:
            try:
                deployment = client.read_deployment_by_name(self.deployment)
            except ObjectNotFound:
                return 0
            runs = client.read_flow_runs(  # the flow filter leaves out the run_pipeline subflows
                flow_filter=FlowFilter(name=FlowFilterName(any_=[FLOW_NAME])),
                deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[deployment.id])),
                flow_run_filter=FlowRunFilter(state=FlowRunFilterState(type=FlowRunFilterStateType(any_=final)),
                                              start_time=FlowRunFilterStartTime(after_=self.since)),
            )
        return len(runs)
