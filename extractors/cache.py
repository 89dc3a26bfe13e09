"""Per-document results cached by content hash plus the code, model and settings that made them.

A cache entry is a JSON file written atomically, so a killed run leaves either the old entry,
the new one, or none, never half a file. Changing any ingestion module, the spaCy model or the
PDF settings changes the key, and the document is read again.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sys
from pathlib import Path

from .model import Analysis, Document, Footnote, Sentence

INGEST_MODULES = ("model.py", "pdf.py", "markdown.py", "layout.py", "sentences.py", "documents.py")
# recognize.py's `analyse` also makes cached data; its linking code is not cached and may change freely


def code_version() -> str:
    """Hash of the ingestion code itself."""
    h = hashlib.sha256()
    here = Path(__file__).parent
    for name in INGEST_MODULES:
        h.update(name.encode())
        h.update((here / name).read_bytes())
    return h.hexdigest()[:16]


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


def load(cache_dir: Path, key: str) -> Document | None:
    path = Path(cache_dir) / f"{key}.json"
    try:
        return document_from_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError, KeyError):
        return None  # missing or unreadable: read the document again


def store(cache_dir: Path, key: str, document: Document) -> None:
    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    path = cache_dir / f"{key}.json"
    tmp = cache_dir / f".{key}.{os.getpid()}.tmp"
    tmp.write_text(document_to_json(document), encoding="utf-8")
    os.replace(tmp, path)
