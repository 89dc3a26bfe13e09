"""Per-document results cached by content hash plus the code, model and settings that made them.

A cache entry is a JSON file written atomically, so a killed run leaves either the old entry,
the new one, or none, never half a file. Changing any module that makes a cached document (found
from the imports of `extractors.ingest.documents`, not listed by hand), the spaCy model or the
PDF settings changes the key, and the document is read again.
"""
from __future__ import annotations

import ast
import dataclasses
import hashlib
import json
import sys
import threading
from functools import lru_cache
from pathlib import Path

from extractors.model import Analysis, Document, Footnote, Sentence
from extractors.storage import write_text

PRODUCER = "extractors.ingest.documents"  # `ingest` makes every cached Document, analyses included
PROJECT = "extractors"


def module_file(root: Path, module: str) -> Path | None:
    """The source file of a project module under `root` (the folder holding `extractors/`)."""
    base = root.joinpath(*module.split("."))
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def imported_modules(root: Path, module: str) -> set[str]:
    """Project modules that `module` imports, at its top or inside a function (read, not run)."""
    path = module_file(root, module)
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_bytes(), str(path))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        else:
            continue
        found.update(n for n in names if n.split(".")[0] == PROJECT and module_file(root, n) is not None)
    return found


def producing_modules(root: Path | None = None, producer: str = PRODUCER) -> tuple[str, ...]:
    """Every project module that the making of a cached document can run: `producer` and all it
    imports, transitively. Derived from the code, so no module can be left out of the key."""
    root = Path(root) if root is not None else Path(__file__).resolve().parents[2]
    seen: set[str] = set()
    todo = [producer]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(imported_modules(root, name) - seen)
    return tuple(sorted(seen))


@lru_cache(maxsize=None)
def _code_version(root: Path) -> str:
    h = hashlib.sha256()
    for name in producing_modules(root):
        h.update(name.encode())
        h.update(module_file(root, name).read_bytes())
    return h.hexdigest()[:16]


_CODE_VERSION_LOCK = threading.Lock()


def code_version(root: Path | None = None) -> str:
    """Hash of the code that makes a cached document (`producing_modules`). One thread computes it
    (document tasks ask at once; CPython 3.11's `ast.parse` is not safe in parallel threads:
    "AST constructor recursion depth mismatch")."""
    with _CODE_VERSION_LOCK:
        return _code_version(Path(root) if root is not None else Path(__file__).resolve().parents[2])


def cache_key(sha256: str, doc_id: str, rel_path: str, *parts: str) -> str:
    text = "|".join((sha256, doc_id, rel_path, *parts))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def document_to_json(document: Document) -> str:
    return json.dumps(dataclasses.asdict(document), ensure_ascii=False, sort_keys=True)


def share_tokens(document: Document) -> Document:
    """The same document, its analyses' token strings interned (`sys.intern`): a corpus repeats a
    few thousand distinct tokens a million times, and a run holds every document's analyses until
    its tables are written (300 documents: 154 MiB of documents, 92 MiB with shared tokens)."""
    if not document.analyses:
        return document
    analyses = tuple(dataclasses.replace(a, tokens=tuple(map(sys.intern, a.tokens))) for a in document.analyses)
    return dataclasses.replace(document, analyses=analyses)


def document_from_json(text: str) -> Document:
    data = json.loads(text)
    data["sentences"] = tuple(Sentence(**{**s, "footnotes": tuple(s["footnotes"])}) for s in data["sentences"])
    data["footnotes"] = tuple(Footnote(**{**f, "links": tuple(f["links"])}) for f in data["footnotes"])
    data["warnings"] = tuple(data.get("warnings", ()))
    data["analyses"] = tuple(
        Analysis(a["sentence_id"], tuple(map(sys.intern, a["tokens"])), tuple(a["offsets"]),
                 tuple(tuple(e) for e in a["ents"]), a["model"])
        for a in data.get("analyses", ())
    )
    return Document(**data)


def has(cache_dir: Path, key: str) -> bool:
    """Whether an entry is stored under `key` (readable or not: `load` tells)."""
    return (Path(cache_dir) / f"{key}.json").is_file()


def load(cache_dir: Path, key: str) -> Document | None:
    path = Path(cache_dir) / f"{key}.json"
    try:
        return document_from_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError, KeyError):
        return None  # missing or unreadable: read the document again


def store(cache_dir: Path, key: str, document: Document) -> None:
    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    write_text(cache_dir / f"{key}.json", document_to_json(document))
