"""Run folders: `runs/<run_id>/` written under a temporary name, `latest` switched atomically.

A run that fails or is killed leaves a `.partial` folder behind and never touches `latest`.
"""
from __future__ import annotations

import os
import secrets
import shutil
from datetime import datetime, timezone
from pathlib import Path


def new_run_id(now: datetime | None = None) -> str:
    now = now or datetime.now(timezone.utc)
    return f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(2)}"


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


class RunLocked(RuntimeError):
    pass


class run_lock:
    """One run at a time on an output folder: the second waits (wait=True) or fails clearly."""

    def __init__(self, out: Path, wait: bool = True):
        self.path = out / ".reportgraph.lock"
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
