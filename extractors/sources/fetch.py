"""Fetch cited sources safely, once, and keep them in an on-disk cache.

`fetch_source(url, settings, cache_dir)` returns a `SourceResult` whose `status` is one of
fetched, cached, failed, blocked, offline (the `sources.csv` vocabulary; `skipped` is the flow's).

What it guarantees, so that a list of URLs copied out of footnotes cannot hurt the machine:

* only http and https; every request and every redirect hop (followed by hand, at most
  `max_redirects`) goes to an address that was resolved with `socket.getaddrinfo` and checked to
  be public (`address_problem`) -- loopback, private, link-local, CGNAT, multicast, reserved,
  documentation, unspecified, and IPv6 forms that embed such IPv4 addresses are refused;
* the TCP connection is made to the very address that was checked (a pinned network backend
  under httpx), so a DNS answer that changes between the check and the connect (DNS rebinding)
  cannot redirect the request; TLS still verifies the certificate against the host name;
* no proxies from the environment (`trust_env=False`): a proxy would resolve names itself;
* bounded time: connect/read timeouts, plus a total deadline per request chain enforced by a
  watchdog that shuts the socket down (a server trickling one byte a second cannot hang a run);
  the Internet Archive fallback gets its own deadline, so one URL takes at most about twice
  `total_timeout` plus pacing waits;
* bounded size: the body is streamed to a temporary file and abandoned past `max_bytes`; gzip and
  deflate are decoded here, step by step, and abandoned past `max_decoded_bytes` (gzip bombs);
* polite: an honest User-Agent, robots.txt obeyed (fetched through the same safe path, cached on
  disk per host), a minimum delay between requests to one host (`HostPacer`, owned by the
  caller), retries with backoff on 429/5xx honouring Retry-After up to a cap;
* a cache keyed by sha256(url): `<sha>.<ext>` (the body) and `<sha>.json` (headers, status,
  final URL, fetch time), both written atomically (temporary file + os.replace; the JSON is written
  last and is what makes an entry exist), so a killed run never leaves half an entry.

Offline machines: a name that does not resolve (or a network that is unreachable) is checked
against a control host (the archive host, or `probe_host`); when that fails too, the status is
`offline`, found in milliseconds. A caller-owned `OfflineDetector` passed to `fetch_source`
short-circuits the remaining URLs once a few different hosts were found offline.

Residual risks, documented rather than hidden: ports are not restricted (any port of a public
address may be reached); `urllib.robotparser` ignores `*`/`$` wildcards inside paths; a resolver
that hangs is abandoned after `dns_timeout` but its thread lives on until the OS gives up.
"""
from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

import httpx

from extractors.sources.chain import _Chain
from extractors.sources.policy import address_problem
from extractors.sources.results import (STATUSES, USER_AGENT, FetchSettings, HostPacer, OfflineDetector, SourceResult,
                                        network_available)
from extractors.sources.store import _store, cache_key, cached_result
from extractors.sources.transport import _Blocked, _Budget, _Failure

# the fetcher's public API: this facade, over one module per concern
__all__ = ["STATUSES", "USER_AGENT", "FetchSettings", "HostPacer", "OfflineDetector", "SourceResult", "address_problem",
           "archive_url", "cache_key", "cached_result", "fetch_source", "network_available"]


def archive_url(url: str, settings: FetchSettings, cited_date: str | None = None) -> str:
    """The Wayback URL of the snapshot closest to `cited_date` (YYYY, YYYY-MM or YYYY-MM-DD)."""
    digits = re.sub(r"\D", "", cited_date or "")
    if len(digits) >= 8:
        stamp = digits[:8]
    elif len(digits) >= 6:
        stamp = digits[:6] + "15"
    elif len(digits) >= 4:
        stamp = digits[:4] + "0701"
    else:
        stamp = datetime.now(timezone.utc).strftime("%Y%m%d")
    return f"{settings.archive_base.rstrip('/')}/web/{stamp}{'id_' if settings.archive_raw else ''}/{url}"


def fetch_source(
    url: str,
    settings: FetchSettings,
    cache_dir: Path,
    *,
    cited_date: str | None = None,
    refresh: bool = False,
    pacer: HostPacer | None = None,
    offline: OfflineDetector | None = None,
) -> SourceResult:
    """Fetch `url` (or its cached copy) safely; never raises for a network or content problem."""
    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    if not refresh:
        hit = cached_result(url, cache_dir, settings.max_age)
        if hit is not None:
            return hit
    if offline is not None and offline.offline:
        return SourceResult(url=url, status="offline", error="network unavailable (several hosts unreachable)")
    try:
        result = _fetch(url, settings, cache_dir, cited_date, pacer or HostPacer())
    except Exception as exc:  # one bad URL must not stop a run; the message says what happened
        result = SourceResult(url=url, status="failed", error=f"unexpected {type(exc).__name__}: {exc}")
    if offline is not None:
        offline.record(result)
    return result


def _fetch(url: str, settings: FetchSettings, cache_dir: Path, cited_date: str | None, pacer: HostPacer) -> SourceResult:
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError, TypeError) as exc:
        return SourceResult(url=url, status="failed", error=f"invalid URL: {exc}")
    if parsed.scheme not in ("http", "https"):
        return SourceResult(url=url, status="blocked", error=f"scheme not allowed: {parsed.scheme or '(none)'}")

    chain = _Chain(settings, pacer, cache_dir, _Budget(settings.total_timeout))
    try:
        return _store(url, chain.get(parsed), cache_dir, "")
    except _Blocked as exc:
        return SourceResult(url=url, status="blocked", error=str(exc))
    except _Failure as exc:
        first = exc
    finally:
        chain.close()

    if not first.archivable:
        return SourceResult(url=url, status="failed", http_status=first.http_status, error=str(first))
    if not settings.archive_base:
        if first.network_down and not network_available(settings.dns_timeout, settings.probe_host):
            return SourceResult(url=url, status="offline", error=str(first))
        return SourceResult(url=url, status="failed", http_status=first.http_status, error=str(first))

    snapshot = archive_url(url, settings, cited_date)
    chain = _Chain(settings, pacer, cache_dir, _Budget(settings.total_timeout))
    try:
        return _store(url, chain.get(httpx.URL(snapshot)), cache_dir, snapshot)
    except _Blocked as exc:
        second: Exception = exc
    except _Failure as exc:
        if first.network_down and exc.network_down:
            return SourceResult(url=url, status="offline", error=f"{first}; archive: {exc}")
        second = exc
    except (httpx.InvalidURL, ValueError) as exc:
        second = exc
    finally:
        chain.close()
    return SourceResult(
        url=url, status="failed", http_status=first.http_status, error=f"{first}; archive: {second}"
    )
