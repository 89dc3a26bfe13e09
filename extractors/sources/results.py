"""What fetching a source gives (`SourceResult`), its settings, and the caller-owned helpers that
pace requests per host and notice an offline machine."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import httpx



from extractors.sources.policy import address_problem
from extractors.sources.transport import _resolve


USER_AGENT = "reportgraph/0.1 (+https://github.com/reportgraph; research use)"
ROBOTS_AGENT = "reportgraph"  # the product token matched against robots.txt User-agent lines
ALLOWED_CONTENT_TYPES = ("text/html", "application/xhtml+xml", "application/pdf", "text/plain")
STATUSES = ("fetched", "cached", "failed", "blocked", "offline")

_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_UNSURE_TYPES = frozenset(
    {"", "application/octet-stream", "binary/octet-stream", "application/download",
     "application/force-download", "application/x-download", "application/unknown"}
)
_TYPE_ALIASES = {"application/x-pdf": "application/pdf", "application/acrobat": "application/pdf"}
_EXTENSIONS = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "application/pdf": ".pdf",
    "text/plain": ".txt",
}
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class FetchSettings:
    user_agent: str = USER_AGENT
    connect_timeout: float = 5.0  # seconds for the TCP (and TLS) connect
    read_timeout: float = 15.0  # seconds of silence tolerated while reading
    total_timeout: float = 45.0  # deadline for one request chain (robots, redirects, retries)
    dns_timeout: float = 3.0  # getaddrinfo has no timeout: a resolver that hangs is abandoned
    retries: int = 2  # extra attempts on 429 / 5xx
    backoff: float = 1.0  # first wait between attempts, doubled each time (without Retry-After)
    retry_after_cap: float = 30.0  # a Retry-After longer than this is not waited for
    host_delay: float = 1.0  # minimum seconds between two requests to one host (via HostPacer)
    max_redirects: int = 5
    max_bytes: int = 40 * 2**20  # bytes on the wire
    max_decoded_bytes: int = 80 * 2**20  # bytes after gzip/deflate decoding
    allowed_content_types: tuple[str, ...] = ALLOWED_CONTENT_TYPES
    respect_robots: bool = True
    robots_max_bytes: int = 512 * 1024
    robots_max_age: float = 7 * 86400.0  # seconds a cached robots.txt is trusted
    max_age: float | None = None  # seconds a cached body is trusted; None = forever
    archive_base: str = "https://web.archive.org"  # "" disables the Wayback fallback
    archive_raw: bool = True  # ask for the original bytes (`<ts>id_`), not the Wayback page
    probe_host: str = "web.archive.org"  # control name for offline detection without archive
    verify_tls: bool = True
    ca_bundle: str = ""  # PEM file of trusted CAs instead of certifi's (a corporate CA, tests)
    # Tests only: lets exactly 127.0.0.1 through. Every other non-public address stays blocked.
    allow_loopback_for_tests: bool = False


@dataclass(frozen=True)
class SourceResult:
    url: str
    final_url: str = ""
    status: str = "failed"  # fetched | cached | failed | blocked | offline
    http_status: int | None = None
    content_type: str = ""  # bare media type, e.g. text/html
    chars: int = 0  # characters of the decoded body (HTML markup included) for text types; 0 for PDF
    size: int = 0  # bytes of the body file (after gzip/deflate decoding)
    path: str = ""  # cached body file
    headers_path: str = ""  # cached JSON with headers, status, final URL, fetch time
    fetched_at: str = ""  # ISO 8601 UTC of the network fetch (also for cached results)
    via_archive: str = ""  # Wayback URL used when the original was dead
    error: str = ""
    sha256: str = ""  # of the body


class HostPacer:
    """Minimum delay between requests to one host, shared by the threads of one process.

    The caller creates one and passes it to every `fetch_source` call of a run."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._next: dict[str, float] = {}

    def wait(self, host: str, min_delay: float) -> float:
        """Block until `host` may be contacted again; return the seconds waited."""
        if min_delay <= 0:
            return 0.0
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next.get(host, 0.0))
            self._next[host] = slot + min_delay
        delay = slot - now
        if delay > 0:
            time.sleep(delay)
        return max(delay, 0.0)


def _host_of(url: str) -> str:
    try:
        return httpx.URL(url).host.lower()
    except (httpx.InvalidURL, ValueError, TypeError):
        return url


class OfflineDetector:
    """Counts hosts found offline; once `threshold` different hosts were offline and nothing was
    reached, `offline` is True and `fetch_source` answers `offline` without touching the network."""

    def __init__(self, threshold: int = 3) -> None:
        self.threshold = threshold
        self._lock = threading.Lock()
        self._hosts: set[str] = set()
        self._reached = False

    def record(self, result: SourceResult) -> None:
        with self._lock:
            if result.status == "offline":
                self._hosts.add(_host_of(result.url))
            elif result.status == "fetched" or result.http_status is not None:
                self._reached = True

    @property
    def offline(self) -> bool:
        with self._lock:
            return not self._reached and len(self._hosts) >= self.threshold


def network_available(timeout: float = 2.0, host: str = "web.archive.org") -> bool:
    """True when `host` resolves to a public address within `timeout` seconds (no connection)."""
    try:
        addresses = _resolve(host, 443, timeout)
    except (OSError, TimeoutError):
        return False
    return any(address_problem(a) is None for a in addresses)
