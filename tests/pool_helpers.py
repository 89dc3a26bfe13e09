"""A stand-in document reader for tests of `flows.runtime.pool.DocumentPool`, in a module of its own so
that the spawned worker processes import only this (and `flows.runtime.pool`), not the test module."""
from __future__ import annotations

import os
import time
from pathlib import Path

from extractors.model import Document


def flaky_reader(path: str, doc_id: str, rel_path: str, key: str, model_en: str, model_fr: str,
                 cache_dir: str | None, pdf_settings=None) -> Document:
    """crash*.md kills its process, hang*.md never finishes, anything else is read as a title."""
    name = Path(path).name
    if name.startswith("crash"):
        os._exit(3)
    if name.startswith("hang"):
        time.sleep(600)
    return Document(doc_id=doc_id, path=rel_path, sha256="-", format="markdown",
                    title=Path(path).read_text(encoding="utf-8").strip(), language=str(os.getpid()))


def crash_and_hang_scenario(folder: str, timeout: float) -> dict[str, list]:
    """Six documents read by a `DocumentPool` of 2 from 2 threads, as the flow's document tasks
    call it: a.md, crash.md, b.md, hang.md, c.md, d.md. Returns doc_id -> [status, error, title,
    path, len(sha256), format]. Run in a fresh interpreter by tests/test_parallel.py (see there)."""
    from concurrent.futures import ThreadPoolExecutor

    from flows.runtime.pool import DocumentPool

    names = ["a.md", "crash.md", "b.md", "hang.md", "c.md", "d.md"]
    for name in names:
        (Path(folder) / name).write_text(f"title of {name}\n", encoding="utf-8")
    with DocumentPool(2, reader=flaky_reader, load_models=False, timeout=timeout) as pool:
        with ThreadPoolExecutor(2) as threads:
            docs = list(threads.map(lambda n: pool.read(Path(folder) / n, n[:-3], n, "key"), names))
    return {d.doc_id: [d.status, d.error, d.title, d.path, len(d.sha256), d.format] for d in docs}


if __name__ == "__main__":  # python -m tests.pool_helpers FOLDER TIMEOUT: the scenario's result as JSON
    import json
    import sys

    print(json.dumps(crash_and_hang_scenario(sys.argv[1], float(sys.argv[2]))))
