"""Plain files, written safely: the one atomic writer, and spreadsheet-safe text cells.

`atomic_file` makes a file appear at its path whole or not at all (a temporary file beside it,
then `os.replace`), so a killed run leaves the previous file or the new one, never half of one;
`durable=True` also flushes it to disk first (the source store, which outlives runs). Run tables,
the document cache and the source store all write through it.

A CSV cell holding document text that starts with `=`, `+`, `-`, `@`, tab or carriage return is
written with a leading apostrophe (`guard`), so a spreadsheet shows it as text and never evaluates
it; `unguard` takes the apostrophe off again when a script reads the table back.
"""
from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def guard(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_START) else text


def unguard(text: str) -> str:
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_START) else text


@contextmanager
def atomic_file(path: Path, mode: str = "w", *, durable: bool = False) -> Iterator[IO]:
    """A file (text mode "w", UTF-8 with newlines as written; or bytes "wb") that appears at
    `path` whole when the block ends, or not at all."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    text = "b" not in mode
    try:
        with open(tmp, mode, **({"encoding": "utf-8", "newline": ""} if text else {})) as fh:
            yield fh
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str, *, durable: bool = False) -> None:
    """Atomic write of a text file: a reader never sees half of it."""
    with atomic_file(path, "w", durable=durable) as fh:
        fh.write(text)


def write_bytes(path: Path, data: bytes, *, durable: bool = False) -> None:
    """Atomic write of a binary file."""
    with atomic_file(path, "wb", durable=durable) as fh:
        fh.write(data)
