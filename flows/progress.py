"""Progress reporting from tasks to whoever listens (the CLI's progress bars).

The flow calls `stage(name, total)` and tasks call `advance(name)`; with no listener these
are no-ops, so the flow runs the same under a scheduler, in tests or from the CLI.
"""
from __future__ import annotations

import threading
from typing import Protocol


class Listener(Protocol):
    def stage(self, name: str, total: int) -> None: ...
    def advance(self, name: str, n: int = 1) -> None: ...


_lock = threading.Lock()
_listener: Listener | None = None


def listen(listener: Listener | None) -> None:
    global _listener
    with _lock:
        _listener = listener


def stage(name: str, total: int) -> None:
    with _lock:
        if _listener is not None:
            _listener.stage(name, total)


def advance(name: str, n: int = 1) -> None:
    with _lock:
        if _listener is not None:
            _listener.advance(name, n)
