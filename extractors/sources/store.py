"""The source store: bodies and their metadata cached on disk by URL hash, written atomically."""
from __future__ import annotations

import hashlib
import json
import os
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any


from extractors.storage import write_bytes

from extractors.sources.results import SourceResult, _CHUNK, _EXTENSIONS
from extractors.sources.transport import _Response


def cache_key(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def _count_chars(path: Path, content_type: str, headers: dict[str, str]) -> int:
    if content_type == "application/pdf":
        return 0
    data = path.read_bytes()
    match = re.search(r"charset=[\"']?([\w.:-]+)", headers.get("content-type", ""), re.I)
    for encoding in ([match.group(1)] if match else []) + ["utf-8"]:
        try:
            return len(data.decode(encoding))
        except (LookupError, UnicodeDecodeError):
            continue
    return len(data.decode("cp1252", "replace"))


def cached_result(url: str, cache_dir: Path, max_age: float | None = None) -> SourceResult | None:
    """The cached copy of `url` as a `cached` result, or None (missing, incomplete or too old)."""
    cache_dir = Path(cache_dir)
    key = cache_key(url)
    meta_path = cache_dir / f"{key}.json"
    meta = _read_json(meta_path)
    if meta is None or meta.get("url") != url:
        return None
    body = cache_dir / str(meta.get("body", ""))
    try:
        if not body.is_file() or body.stat().st_size != int(meta.get("size", -1)):
            return None
    except (OSError, ValueError):
        return None
    if max_age is not None:
        try:
            fetched = datetime.fromisoformat(str(meta["fetched_at"]))
        except (KeyError, ValueError):
            return None
        if (datetime.now(timezone.utc) - fetched).total_seconds() > max_age:
            return None
    return SourceResult(
        url=url,
        final_url=str(meta.get("final_url", "")),
        status="cached",
        http_status=meta.get("http_status"),
        content_type=str(meta.get("content_type", "")),
        chars=int(meta.get("chars", 0)),
        size=int(meta.get("size", 0)),
        path=str(body),
        headers_path=str(meta_path),
        fetched_at=str(meta.get("fetched_at", "")),
        via_archive=str(meta.get("via_archive", "")),
        sha256=str(meta.get("sha256", "")),
    )


def _store(url: str, response: _Response, cache_dir: Path, via_archive: str) -> SourceResult:
    assert response.body_path is not None
    key = cache_key(url)
    body = cache_dir / f"{key}{_EXTENSIONS.get(response.content_type, '.bin')}"
    meta_path = cache_dir / f"{key}.json"
    old = _read_json(meta_path)
    digest = hashlib.sha256()
    with response.body_path.open("rb") as f:
        for block in iter(lambda: f.read(_CHUNK), b""):
            digest.update(block)
    chars = _count_chars(response.body_path, response.content_type, response.headers)
    os.replace(response.body_path, body)
    fetched_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    meta = {
        "url": url,
        "final_url": str(response.url),
        "via_archive": via_archive,
        "http_status": response.status,
        "content_type": response.content_type,
        "headers": response.headers,
        "fetched_at": fetched_at,
        "body": body.name,
        "size": response.size,
        "chars": chars,
        "sha256": digest.hexdigest(),
    }
    write_bytes(meta_path, json.dumps(meta, indent=1, ensure_ascii=False).encode("utf-8"), durable=True)
    if old and old.get("body") and old["body"] != body.name:
        (cache_dir / str(old["body"])).unlink(missing_ok=True)
    return SourceResult(
        url=url,
        final_url=str(response.url),
        status="fetched",
        http_status=response.status,
        content_type=response.content_type,
        chars=chars,
        size=response.size,
        path=str(body),
        headers_path=str(meta_path),
        fetched_at=fetched_at,
        via_archive=via_archive,
        sha256=meta["sha256"],
    )
