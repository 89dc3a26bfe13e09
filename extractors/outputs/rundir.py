"""Run folders: `runs/<run_id>/` written under a temporary name, `latest` switched atomically.

A run that fails removes its `.partial` folder and never touches `latest`; one that is killed
leaves it, and the next run on the folder removes it (under the lock, so never another's).
`list_runs` and `prune_runs` are `reportgraph runs list` and `reportgraph runs prune --keep N`.
"""
from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path


def new_run_id(now: datetime | None = None, after: str = "") -> str:
    """A run's id: its start to the second and four random hex digits, sorting after `after` (the
    output folder's last id, `history.last_run_id`). A run started in the same second as the last
    one (or after the clock was set back) gets the last id and one more letter: runs.csv, whose
    rows are in id order, and the pruning of old runs keep the order the runs were made in (two
    quick runs could sort either way by their random digits)."""
    now = now or datetime.now(timezone.utc)
    run_id = f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(2)}"
    return run_id if run_id > after else after + "a"


def start_run(out: Path, run_id: str) -> Path:
    runs = out / "runs"
    runs.mkdir(parents=True, exist_ok=True)
    partial = runs / f".{run_id}.partial"
    if partial.exists():
        shutil.rmtree(partial)
    partial.mkdir()
    return partial


def finish_run(out: Path, run_id: str, partial: Path) -> Path:
    """Publish the run folder and point `latest` at it (symlink replaced atomically)."""
    final = out / "runs" / run_id
    os.replace(partial, final)
    link = out / "latest"
    tmp = out / f".latest.{run_id}.tmp"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(Path("runs") / run_id, tmp)
    os.replace(tmp, link)
    return final


def latest_run(out: Path) -> Path | None:
    link = out / "latest"
    return link.resolve() if link.exists() else None


def clean_partials(out: Path) -> list[Path]:
    """Remove the `.partial` folders that killed runs left behind."""
    runs = out / "runs"
    removed = []
    if runs.is_dir():
        for p in sorted(runs.glob(".*.partial")):
            shutil.rmtree(p, ignore_errors=True)
            removed.append(p)
    return removed


def discard_partial(partial: Path) -> None:
    """Remove the `.partial` folder of a run that failed."""
    shutil.rmtree(partial, ignore_errors=True)


@dataclass(frozen=True)
class RunInfo:
    """One run of an output folder, from runs.csv and runs/."""

    run_id: str
    start: str
    end: str
    status: str  # ok, failed, refused ("" for a folder runs.csv does not know)
    documents: str
    folder: Path | None  # None: no folder (failed, refused, or pruned)
    latest: bool
    size: int  # bytes in the folder

    @property
    def kept(self) -> bool:
        return self.folder is not None


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def list_runs(out: Path, rows: Iterable[Mapping[str, str]] = ()) -> list[RunInfo]:
    """Every run of `out`, oldest first: the rows of runs.csv (given by the caller) joined with
    the folders under runs/ (a folder runs.csv does not list is shown too)."""
    out = Path(out)
    current = latest_run(out)
    by_id = {r["run_id"]: r for r in rows if r.get("run_id")}
    runs = out / "runs"
    folders = {p.name: p for p in runs.iterdir() if p.is_dir() and not p.name.startswith(".")} if runs.is_dir() else {}
    infos = []
    for run_id in sorted(by_id.keys() | folders.keys()):
        row, folder = by_id.get(run_id, {}), folders.get(run_id)
        infos.append(RunInfo(run_id, row.get("start", ""), row.get("end", ""), row.get("status", ""),
                             row.get("documents", ""), folder, current is not None and current.name == run_id,
                             folder_size(folder) if folder else 0))
    return infos


def prune_runs(out: Path, keep: int, rows: Iterable[Mapping[str, str]] = (), dry_run: bool = False) -> list[RunInfo]:
    """Delete the run folders but the `keep` newest; the one `latest` points at is always kept.
    Also removes `.partial` folders left by killed runs. Returns the runs whose folder went (or
    would go, with `dry_run`). Call it under `run_lock`."""
    if keep < 1:
        raise ValueError("keep must be at least 1")
    kept = [i for i in list_runs(out, rows) if i.kept]
    newest = {i.run_id for i in kept[-keep:]}
    doomed = [i for i in kept if i.run_id not in newest and not i.latest]
    if not dry_run:
        for i in doomed:
            shutil.rmtree(i.folder)
        clean_partials(out)
    return doomed


def remove_unused_out(out: Path) -> None:
    """Remove an output folder a refused start created, if it holds nothing but the lock file."""
    out = Path(out)
    lock = out / LOCK_FILE
    if out.is_dir() and {p.name for p in out.iterdir()} <= {LOCK_FILE}:
        lock.unlink(missing_ok=True)
        out.rmdir()


LOCK_FILE = ".reportgraph.lock"


class RunLocked(RuntimeError):
    """Another run holds the output folder (and the caller asked not to wait)."""


class run_lock:
    """One run at a time on an output folder: the second waits (wait=True) or fails clearly."""

    def __init__(self, out: Path, wait: bool = True):
        self.path = Path(out) / LOCK_FILE
        self.wait = wait
        self.fh = None

    def __enter__(self):
        import fcntl

        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.fh = self.path.open("a+")
        flags = fcntl.LOCK_EX if self.wait else fcntl.LOCK_EX | fcntl.LOCK_NB
        try:
            fcntl.flock(self.fh, flags)
        except BlockingIOError:
            self.fh.close()
            raise RunLocked(f"another reportgraph run holds {self.path}; try again when it ends") from None
        self.fh.seek(0)
        self.fh.truncate()
        self.fh.write(f"{os.getpid()}\n")
        self.fh.flush()
        return self

    def __exit__(self, *exc):
        import fcntl

        fcntl.flock(self.fh, fcntl.LOCK_UN)
        self.fh.close()
        return False
