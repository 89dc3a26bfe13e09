"""The sources stage: one task per distinct cited URL, a bounded number at a time."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from extractors.citations.tables import CitedUrl
from extractors.sources.fetch import (FetchSettings, address_problem, HostPacer, OfflineDetector, SourceResult, cached_result, fetch_source,
                              network_available)

from flows import progress


@dataclass(frozen=True)
class SourceSettings:
    enabled: bool = True
    refresh: bool = False  # fetch again even when a cached copy exists
    workers: int = 4  # URLs fetched at once
    cache_dir: Path = Path("corpus/sources")
    fetch: FetchSettings = field(default_factory=FetchSettings)


@dataclass
class _Shared:
    pacer: HostPacer
    offline: OfflineDetector
    slots: threading.BoundedSemaphore


@task(name="fetch-source", retries=0, cache_policy=NO_CACHE, task_run_name="fetch {cited.url}")
def fetch_one(cited: CitedUrl, settings: SourceSettings, shared: _Shared) -> SourceResult:
    with shared.slots:
        result = fetch_source(cited.url, settings.fetch, settings.cache_dir, cited_date=cited.cited_date or None,
                              refresh=settings.refresh, pacer=shared.pacer, offline=shared.offline)
    if result.status not in ("fetched", "cached"):
        get_run_logger().info("%s: %s %s", cited.url, result.status, result.error)
    progress.advance("sources")
    return result


def fetch_all(cited: list[CitedUrl], settings: SourceSettings) -> list[SourceResult]:
    progress.stage("sources", len(cited))
    if not settings.enabled:
        progress.advance("sources", len(cited))
        return [SourceResult(url=c.url, status="skipped", error="sources stage not run (--no-sources)") for c in cited]
    results: dict[str, SourceResult] = {}
    todo: list[CitedUrl] = []
    online = network_available(host=settings.fetch.probe_host) if cited else True
    for c in cited:
        hit = None if settings.refresh else cached_result(c.url, settings.cache_dir, settings.fetch.max_age)
        if hit is not None:
            results[c.url] = hit
        elif not online and not decidable_offline(c.url, settings.fetch):
            # decided once, up front, so an offline run is fast and its tables are the same every time
            results[c.url] = SourceResult(url=c.url, status="offline",
                                          error=f"not fetched: no network ({settings.fetch.probe_host} does not resolve)")
        else:
            todo.append(c)
    progress.advance("sources", len(cited) - len(todo))
    shared = _Shared(HostPacer(), OfflineDetector(threshold=3), threading.BoundedSemaphore(max(1, settings.workers)))
    futures = fetch_one.map(todo, [settings] * len(todo), [shared] * len(todo))
    for c, f in zip(todo, futures):
        results[c.url] = f.result()
    return [results[c.url] for c in cited]


def decidable_offline(url: str, fetch: FetchSettings) -> bool:
    """URLs the fetcher settles without DNS even offline: other schemes and literal or local
    addresses (blocked at once; 127.0.0.1 fetched only when a test allowed loopback)."""
    import ipaddress
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    host = (parts.hostname or "").strip("[]")
    if parts.scheme not in ("http", "https") or host in ("", "localhost"):
        return True
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return address_problem(host, allow_loopback=fetch.allow_loopback_for_tests) is not None or host == "127.0.0.1"
