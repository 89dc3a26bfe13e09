"""A stand-in document reader for tests of `flows.runtime.pool.DocumentPool`, in a module of its own so
that the spawned worker processes import only this (and `flows.runtime.pool`), not the test module."""
from __future__ import annotations

import os
import time
from pathlib import Path

from extractors.model import Document


def flaky_reader(path: str, doc_id: str, rel_path: str, key: str, model_en: str, model_fr: str,
                 cache_dir: str | None) -> Document:
    """crash*.md kills its process, hang*.md never finishes, anything else is read as a title."""
    name = Path(path).name
    if name.startswith("crash"):
        os._exit(3)
    if name.startswith("hang"):
        time.sleep(600)
    return Document(doc_id=doc_id, path=rel_path, sha256="-", format="markdown",
                    title=Path(path).read_text(encoding="utf-8").strip(), language=str(os.getpid()))
