"""Expected errors of the command line and their exit codes: one table, one place.

Every error a user can cause (a bad option, a broken config file, gazetteer or review file, a
locked output folder, a run that would shrink `latest`, a missing or empty corpus, Prefect or Dask
not answering) ends the command with a few lines on stderr and its own exit code; `--verbose`
adds the traceback. Every subcommand wraps its work in `expected_errors(verbose)`, so the same
error gives the same message and code everywhere (`run`, `serve`, `runs`, `review`, `add`).

The pure core (`extractors/`) raises its own exceptions (GazetteerError, ReviewError, RunLocked,
ShrinkRefused); `exit_code_for` maps them here, so `extractors/` never knows about exit codes.
"""
from __future__ import annotations

import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

OK = 0
UNEXPECTED = 1
USAGE = 2
CONFIG = 3
LOCKED = 4
SHRINK = 5
CORPUS = 6
SERVICE = 7
REFUSED = 8
INTERRUPTED = 130


@dataclass(frozen=True)
class ExitCode:
    code: int
    meaning: str


# the table README.md and `reportgraph --help` show (a test checks README lists every code)
EXIT_CODES = (
    ExitCode(OK, "success"),
    ExitCode(UNEXPECTED, "unexpected error (a bug): run again with --verbose and report the traceback"),
    ExitCode(USAGE, "bad option or value, option out of range, bad schedule"),
    ExitCode(CONFIG, "config file, gazetteer or review file missing or invalid"),
    ExitCode(LOCKED, "another run holds the output folder (with --no-wait)"),
    ExitCode(SHRINK, "refused: the run would replace latest with no documents or lose too many "
                     "(--allow-shrink to mean it)"),
    ExitCode(CORPUS, "corpus folder missing, not a folder, or holding no documents"),
    ExitCode(SERVICE, "Prefect server or Dask scheduler not answering"),
    ExitCode(REFUSED, "add: at least one file refused"),
    ExitCode(INTERRUPTED, "interrupted (Ctrl-C)"),
)
MAX_LINES = 6  # an error with more problems (a gazetteer with many) shows the first ones


class ReportgraphError(Exception):
    """An expected error: the message is for the user, `code` is the exit code."""

    code = UNEXPECTED


class UsageError(ReportgraphError):
    code = USAGE


class ConfigError(ReportgraphError):
    code = CONFIG


class CorpusError(ReportgraphError):
    code = CORPUS


class ServiceUnavailable(ReportgraphError):
    code = SERVICE


# exceptions of extractors/, by module and class name: mapping them must not import their
# modules (the gazetteer check runs before spaCy is imported)
_FOREIGN = {
    ("extractors.entities.gazetteer", "GazetteerError"): CONFIG,
    ("extractors.entities.review", "ReviewError"): CONFIG,
    ("extractors.outputs.rundir", "RunLocked"): LOCKED,
    ("extractors.outputs.history", "ShrinkRefused"): SHRINK,
}


def exit_code_for(exc: BaseException) -> int | None:
    """The exit code of an expected error; None for an unexpected one."""
    if isinstance(exc, ReportgraphError):
        return exc.code
    if isinstance(exc, KeyboardInterrupt):
        return INTERRUPTED
    for cls in type(exc).__mro__:
        code = _FOREIGN.get((cls.__module__, cls.__name__))
        if code is not None:
            return code
    text = str(exc)
    if isinstance(exc, RuntimeError) and ("Prefect API" in text or "Prefect server" in text):
        return SERVICE  # Prefect's temporary server did not start in time, or the local one died
    return None


def message_lines(exc: BaseException, limit: int = MAX_LINES) -> list[str]:
    """The user's lines for an error: its message, at most `limit` lines."""
    if isinstance(exc, KeyboardInterrupt):
        return ["interrupted"]
    lines = [line for line in str(exc).splitlines() if line.strip()] or [type(exc).__name__]
    if len(lines) > limit:
        lines = lines[: limit - 1] + [f"... and {len(lines) - limit + 1} more"]
    return lines


def say(line: str) -> None:
    """One line on stderr, as is: no markup, no hard wrapping (a terminal wraps it softly,
    and a path is never cut at the terminal's width)."""
    sys.stderr.write(line + "\n")
    sys.stderr.flush()


@contextmanager
def expected_errors(verbose: bool = False) -> Iterator[None]:
    """Turn an exception into `error: ...` lines on stderr and `SystemExit(code)`; an
    unexpected one exits 1 and says how to see its traceback. `verbose`: traceback first."""
    try:
        yield
    except (SystemExit, GeneratorExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - every error ends here, with its code
        code = exit_code_for(exc)
        if verbose:
            traceback.print_exception(exc, file=sys.stderr)
        lines = message_lines(exc)
        if code is None:
            code = UNEXPECTED
            lines[0] = f"unexpected {type(exc).__name__}: {lines[0]}"
            if not verbose:
                lines.append("run again with --verbose to see the traceback")
        for i, line in enumerate(lines):
            say(("error: " if i == 0 else "  ") + line)
        raise SystemExit(code) from None
