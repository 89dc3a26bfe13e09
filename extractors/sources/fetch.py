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

import email.utils
import errno
import hashlib
import ipaddress
import json
import os
import re
import socket
import ssl
import tempfile
import threading
import time
import urllib.robotparser
import zlib
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import certifi
import httpcore
import httpx

from extractors.storage import write_bytes

USER_AGENT = "reportgraph/0.1 (+https://github.com/reportgraph; research use)"
ROBOTS_AGENT = "reportgraph"  # the product token matched against robots.txt User-agent lines
ALLOWED_CONTENT_TYPES = ("text/html", "application/xhtml+xml", "application/pdf", "text/plain")
STATUSES = ("fetched", "cached", "failed", "blocked", "offline")

_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_ARCHIVE_STATUSES = frozenset({404, 410})  # plus every 5xx
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


# ---------------------------------------------------------------------------------------------
# Settings and results


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


# ---------------------------------------------------------------------------------------------
# Address policy

_NETS = {
    "unspecified": ("0.0.0.0/8", "::/128"),
    "loopback": ("127.0.0.0/8", "::1/128"),
    "private": ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"),
    "shared (CGNAT)": ("100.64.0.0/10",),
    "link-local": ("169.254.0.0/16", "fe80::/10"),
    "site-local": ("fec0::/10",),
    "multicast": ("224.0.0.0/4", "ff00::/8"),
    "reserved": (
        "192.0.0.0/24", "192.88.99.0/24", "198.18.0.0/15", "240.0.0.0/4", "::/96",
        "100::/64", "2001::/23", "64:ff9b:1::/48",
    ),
    "documentation": (
        "192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32", "3fff::/20",
    ),
}
_BLOCKED = tuple(
    (label, ipaddress.ip_network(net)) for label, nets in _NETS.items() for net in nets
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def address_problem(address: str, *, allow_loopback: bool = False) -> str | None:
    """Why `address` (an IP literal) must not be contacted, or None when it is public.

    `allow_loopback` (tests only) lets exactly 127.0.0.1 through."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return f"not an IP address: {address}"
    if allow_loopback and ip == ipaddress.IPv4Address("127.0.0.1"):
        return None
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            inner = address_problem(str(embedded))  # never loopback-allowed through a wrapper
            return None if inner is None else f"{inner} (embedded in {ip})"
    for label, net in _BLOCKED:
        if ip.version == net.version and ip in net:
            return label
    if ip.is_multicast:
        return "multicast"
    if not ip.is_global or ip.is_reserved or ip.is_unspecified:
        return "not globally routable"
    return None


# ---------------------------------------------------------------------------------------------
# Internals: failures, budgets, name resolution, the pinned transport


class _Blocked(Exception):
    pass


class _Failure(Exception):
    def __init__(self, kind: str, message: str, http_status: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind  # dns | unreachable | connect | timeout | http | size | type | other
        self.http_status = http_status

    @property
    def network_down(self) -> bool:
        return self.kind in ("dns", "unreachable")

    @property
    def archivable(self) -> bool:
        if self.kind == "http":
            return self.http_status in _ARCHIVE_STATUSES or (self.http_status or 0) >= 500
        return self.kind in ("dns", "unreachable", "connect", "timeout")


class _Budget:
    """Time left for one request chain; pacing waits do not count against it."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds

    def remaining(self) -> float:
        return max(0.0, self.deadline - time.monotonic())

    def extend(self, seconds: float) -> None:
        self.deadline += seconds

    def expired_failure(self) -> _Failure:
        return _Failure("timeout", f"timeout: total deadline of {self.seconds:g} s exceeded")


def _resolve(host: str, port: int, timeout: float) -> list[str]:
    """getaddrinfo with a timeout (it has none of its own); IP literals are returned as they are."""
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        pass
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["infos"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except BaseException as exc:  # handed over to the waiting thread
            box["error"] = exc

    worker = threading.Thread(target=run, name=f"resolve-{host}", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise TimeoutError(f"name resolution of {host} took over {timeout:g} s")
    if "error" in box:
        raise box["error"]
    seen: list[str] = []
    for family, _type, _proto, _canon, sockaddr in box["infos"]:
        if family in (socket.AF_INET, socket.AF_INET6) and sockaddr[0] not in seen:
            seen.append(str(sockaddr[0]))
    return seen


class _TrackedStream(httpcore.NetworkStream):
    """A network stream whose socket the watchdog can shut down from another thread."""

    def __init__(self, inner: httpcore.NetworkStream, backend: _PinnedBackend) -> None:
        self._inner = inner
        self._backend = backend
        backend._track(self)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, timeout)

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, timeout)

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        return _TrackedStream(self._inner.start_tls(ssl_context, server_hostname, timeout), self._backend)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)

    def shutdown(self) -> None:
        sock = self._inner.get_extra_info("socket")
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


class _PinnedBackend(httpcore.NetworkBackend):
    """Connects only to addresses pinned (after checking) for a host name; never resolves."""

    def __init__(self) -> None:
        self._inner = httpcore.SyncBackend()
        self._pins: dict[str, tuple[str, ...]] = {}
        self._lock = threading.Lock()
        self._streams: list[_TrackedStream] = []
        self.aborted = False

    def pin(self, host: str, addresses: tuple[str, ...]) -> None:
        with self._lock:
            self._pins[host.lower()] = addresses

    def _track(self, stream: _TrackedStream) -> None:
        with self._lock:
            self._streams.append(stream)
            if self.aborted:
                stream.shutdown()

    def abort(self) -> None:
        with self._lock:
            self.aborted = True
            streams = list(self._streams)
        for stream in streams:
            stream.shutdown()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        with self._lock:
            addresses = self._pins.get(host.lower().strip("[]"))
        if not addresses:
            raise httpcore.ConnectError(f"refusing to connect to unchecked host {host}")
        last: Exception | None = None
        for address in addresses:
            if self.aborted:
                break
            try:
                stream = self._inner.connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:  # e.g. no IPv6 route: try the next address
                last = exc
                continue
            return _TrackedStream(stream, self)
        raise last or httpcore.ConnectTimeout("total deadline exceeded")

    def connect_unix_socket(self, path: str, timeout: float | None = None, socket_options: Any = None) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("unix sockets are not allowed")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class _PinnedTransport(httpx.HTTPTransport):
    """httpx's own transport with its connection pool rebuilt on the pinned network backend."""

    def __init__(self, backend: _PinnedBackend, verify: bool, ca_bundle: str = "") -> None:
        if verify:
            ctx = ssl.create_default_context(cafile=ca_bundle or certifi.where())
        else:
            ctx = ssl.create_default_context()
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
        super().__init__(verify=ctx, trust_env=False)
        if not isinstance(getattr(self, "_pool", None), httpcore.ConnectionPool):
            raise RuntimeError("unsupported httpx version: cannot pin connections")  # fail closed
        self._pool = httpcore.ConnectionPool(
            ssl_context=ctx,
            max_connections=10,
            max_keepalive_connections=5,
            keepalive_expiry=5.0,
            network_backend=backend,
        )


@dataclass
class _Response:
    url: httpx.URL
    status: int
    headers: dict[str, str]
    content_type: str = ""
    body_path: Path | None = None  # temporary file holding the decoded body
    body: bytes = b""  # small bodies kept in memory (robots.txt)
    size: int = 0


# ---------------------------------------------------------------------------------------------
# Body decoding with bounded output


class _Decoder:
    def __init__(self, encoding: str, limit: int) -> None:
        names = [e.strip().lower() for e in encoding.split(",") if e.strip()]
        names = [n for n in names if n != "identity"]
        for name in names:
            if name not in ("gzip", "x-gzip", "deflate"):
                raise _Failure("other", f"unsupported content-encoding: {name}")
        # applied in reverse order of the header
        self._stages = [self._make(n) for n in reversed(names)]
        self._limit = limit
        self.out = 0

    @staticmethod
    def _make(name: str) -> list[Any]:
        if name in ("gzip", "x-gzip"):
            return [zlib.decompressobj(16 + zlib.MAX_WBITS), name, True]
        return [zlib.decompressobj(zlib.MAX_WBITS), name, False]  # zlib-wrapped deflate first

    def feed(self, data: bytes) -> list[bytes]:
        pieces = [data]
        for stage in self._stages:
            pieces = [p for piece in pieces for p in self._run(stage, piece)]
        for piece in pieces:
            self.out += len(piece)
            if self.out > self._limit:
                raise _Failure("size", f"too large: more than {self._limit} bytes after decompression")
        return pieces

    def _run(self, stage: list[Any], data: bytes) -> list[bytes]:
        out: list[bytes] = []
        produced = 0
        buf = data
        while buf:
            try:
                piece = stage[0].decompress(buf, _CHUNK)
            except zlib.error as exc:
                if stage[1] == "deflate" and not stage[2]:  # raw deflate, as some servers send
                    stage[0], stage[2] = zlib.decompressobj(-zlib.MAX_WBITS), True
                    continue
                raise _Failure("other", f"bad {stage[1]} body: {exc}") from None
            stage[2] = True
            produced += len(piece)
            if self.out + produced > self._limit:
                raise _Failure("size", f"too large: more than {self._limit} bytes after decompression")
            out.append(piece)
            buf = stage[0].unconsumed_tail
        return out

    def finish(self) -> list[bytes]:
        pieces: list[bytes] = []
        for stage in self._stages:
            pieces = [p for piece in pieces for p in self._run(stage, piece)] + [stage[0].flush()]
        for piece in pieces:
            self.out += len(piece)
        if self.out > self._limit:
            raise _Failure("size", f"too large: more than {self._limit} bytes after decompression")
        return pieces


def _media_type(value: str) -> str:
    media = value.split(";", 1)[0].strip().lower()
    return _TYPE_ALIASES.get(media, media)


def _sniff(head: bytes) -> str:
    start = head.lstrip()[:512].lower()
    if head[:1024].find(b"%PDF-") != -1:
        return "application/pdf"
    if start.startswith((b"<!doctype html", b"<html", b"<head")) or b"<html" in start:
        return "text/html"
    return ""


# ---------------------------------------------------------------------------------------------
# One request chain: checks, robots, pacing, retries, redirects


class _Chain:
    def __init__(self, settings: FetchSettings, pacer: HostPacer, cache_dir: Path, budget: _Budget) -> None:
        self.settings = settings
        self.pacer = pacer
        self.cache_dir = cache_dir
        self.budget = budget
        self.backend = _PinnedBackend()
        self._client: httpx.Client | None = None  # built on first use: TLS setup costs ~50 ms

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                transport=_PinnedTransport(self.backend, self.settings.verify_tls, self.settings.ca_bundle),
                trust_env=False,
                follow_redirects=False,
                headers={
                    "User-Agent": self.settings.user_agent,
                    "Accept": "text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8,*/*;q=0.1",
                    "Accept-Language": "en,fr;q=0.9",
                    "Accept-Encoding": "gzip, deflate",
                },
            )
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()

    # -- checks ---------------------------------------------------------------------------

    def check(self, url: httpx.URL) -> None:
        """Scheme and address checks for one hop; pins the checked addresses for the connect."""
        if url.scheme not in ("http", "https"):
            raise _Blocked(f"scheme not allowed: {url.scheme or '(none)'}")
        host = url.raw_host.decode("ascii", "replace").lower()
        if not host:
            raise _Blocked("no host in URL")
        port = url.port or (443 if url.scheme == "https" else 80)
        timeout = min(self.settings.dns_timeout, max(self.budget.remaining(), 0.01))
        try:
            addresses = _resolve(host, port, timeout)
        except TimeoutError as exc:
            raise _Failure("dns", f"name not resolved: {exc}") from None
        except socket.gaierror as exc:
            raise _Failure("dns", f"name not resolved: {host} ({exc.strerror or exc})") from None
        except (OSError, UnicodeError) as exc:
            raise _Failure("dns", f"name not resolved: {host} ({exc})") from None
        if not addresses:
            raise _Failure("dns", f"name not resolved: {host} (no address)")
        allow = self.settings.allow_loopback_for_tests
        for address in addresses:
            problem = address_problem(address, allow_loopback=allow)
            if problem is not None:
                named = "" if address == host else f"{host} -> "
                raise _Blocked(f"address not public: {named}{address} ({problem})")
        self.backend.pin(host, tuple(addresses))

    # -- robots.txt -------------------------------------------------------------------------

    def robots_allows(self, url: httpx.URL) -> bool:
        origin = f"{url.scheme}://{url.netloc.decode('ascii', 'replace').lower()}"
        key = hashlib.sha256(origin.encode()).hexdigest()
        path = self.cache_dir / "robots" / f"{key}.json"
        entry = _read_json(path)
        fresh = entry is not None and time.time() - float(entry.get("checked", 0)) < self.settings.robots_max_age
        if not fresh:
            entry = self._fetch_robots(httpx.URL(origin + "/robots.txt"))
            write_bytes(path, json.dumps(entry).encode(), durable=True)
        assert entry is not None
        if entry["rule"] == "allow-all":
            return True
        parser = urllib.robotparser.RobotFileParser()
        parser.parse(entry["body"].splitlines())
        return parser.can_fetch(ROBOTS_AGENT, str(url))

    def _fetch_robots(self, url: httpx.URL) -> dict[str, Any]:
        """RFC 9309: 2xx -> rules; 4xx -> allow all; 5xx or unreachable -> failure of the site."""
        try:
            response = self.get(url, robots=True)
        except _Blocked as exc:
            raise _Blocked(f"robots.txt: {exc}") from None
        except _Failure as exc:
            if exc.kind == "http" and exc.http_status is not None and exc.http_status < 500:
                return {"checked": time.time(), "rule": "allow-all", "status": exc.http_status, "body": ""}
            raise _Failure(exc.kind, f"robots.txt: {exc}", exc.http_status) from None
        text = response.body.decode("utf-8", "replace")
        return {"checked": time.time(), "rule": "parse", "status": response.status, "body": text}

    # -- requests ---------------------------------------------------------------------------

    def get(self, url: httpx.URL, *, robots: bool = False) -> _Response:
        current = url
        for _hop in range(self.settings.max_redirects + 1):
            self.check(current)
            if self.settings.respect_robots and not robots and not self.robots_allows(current):
                raise _Blocked(f"robots.txt disallows {current}")
            response = self._with_retries(current, robots)
            if response.status in _REDIRECT_STATUSES and response.headers.get("location"):
                try:
                    current = current.join(response.headers["location"])
                except (httpx.InvalidURL, ValueError) as exc:
                    raise _Failure("other", f"bad redirect location: {exc}", response.status) from None
                continue
            if response.status >= 300:
                raise _Failure("http", f"HTTP {response.status}", response.status)
            return response
        raise _Failure("other", f"too many redirects (over {self.settings.max_redirects})")

    def _with_retries(self, url: httpx.URL, robots: bool) -> _Response:
        attempt = 0
        while True:
            waited = self.pacer.wait(url.netloc.decode("ascii", "replace").lower(), self.settings.host_delay)
            self.budget.extend(waited)
            response = self._send(url, robots)
            if response.status not in _RETRY_STATUSES or attempt >= self.settings.retries:
                return response
            delay = self.settings.backoff * (2**attempt)
            retry_after = _retry_after(response.headers.get("retry-after", ""))
            if retry_after is not None:
                if retry_after > self.settings.retry_after_cap:
                    return response  # asked to wait longer than we are willing to: give up
                delay = retry_after
            if delay >= self.budget.remaining():
                return response
            time.sleep(delay)
            attempt += 1

    def _send(self, url: httpx.URL, robots: bool) -> _Response:
        remaining = self.budget.remaining()
        if remaining <= 0:
            raise self.budget.expired_failure()
        s = self.settings
        timeout = httpx.Timeout(
            connect=min(s.connect_timeout, remaining),
            read=min(s.read_timeout, remaining),
            write=min(s.read_timeout, remaining),
            pool=min(s.connect_timeout, remaining),
        )
        watchdog = threading.Timer(remaining, self.backend.abort)
        watchdog.daemon = True
        watchdog.start()
        tmp: Path | None = None
        try:
            request = self.client.build_request("GET", url, timeout=timeout)
            response = self.client.send(request, stream=True, follow_redirects=False)
            try:
                headers = {k.lower(): v for k, v in response.headers.items()}
                result = _Response(url=url, status=response.status_code, headers=headers)
                if response.status_code >= 300:
                    return result  # status, redirect and retry decisions only: no body kept
                limit_raw = s.robots_max_bytes if robots else s.max_bytes
                limit_out = s.robots_max_bytes if robots else s.max_decoded_bytes
                declared = headers.get("content-length", "")
                if declared.isdigit() and int(declared) > limit_raw:
                    raise _Failure("size", f"too large: declared {declared} bytes (cap {limit_raw})", response.status_code)
                ctype = _media_type(headers.get("content-type", ""))
                if not robots and ctype not in s.allowed_content_types and ctype not in _UNSURE_TYPES:
                    raise _Failure("type", f"unsupported content type: {ctype}", response.status_code)
                decoder = _Decoder(headers.get("content-encoding", ""), limit_out)
                raw = 0
                head = b""
                fd, name = tempfile.mkstemp(prefix=".tmp-", suffix=".part", dir=self.cache_dir)
                tmp = Path(name)
                with os.fdopen(fd, "wb") as out:
                    for chunk in response.iter_raw(_CHUNK):
                        raw += len(chunk)
                        if raw > limit_raw:
                            raise _Failure("size", f"too large: more than {limit_raw} bytes", response.status_code)
                        for piece in decoder.feed(chunk):
                            if len(head) < 2048:
                                head += piece[: 2048 - len(head)]
                            out.write(piece)
                        if self.budget.remaining() <= 0:
                            raise self.budget.expired_failure()
                    for piece in decoder.finish():
                        if len(head) < 2048:
                            head += piece[: 2048 - len(head)]
                        out.write(piece)
                if self.backend.aborted:  # the watchdog cut the body short
                    raise self.budget.expired_failure()
                if not robots and ctype in _UNSURE_TYPES:
                    sniffed = _sniff(head)
                    if sniffed not in s.allowed_content_types:
                        raise _Failure("type", f"unsupported content type: {ctype or '(none)'}", response.status_code)
                    ctype = sniffed
                result.content_type = ctype
                result.size = decoder.out
                if robots:
                    result.body = tmp.read_bytes()
                else:
                    result.body_path, tmp = tmp, None
                return result
            except _Failure as exc:
                exc.http_status = exc.http_status or response.status_code
                raise
            finally:
                response.close()
        except _Failure:
            if self.backend.aborted:
                raise self.budget.expired_failure() from None
            raise
        except httpx.TimeoutException as exc:
            if self.backend.aborted:
                raise self.budget.expired_failure() from None
            phase = "connect" if isinstance(exc, httpx.ConnectTimeout) else "read"
            limit = s.connect_timeout if phase == "connect" else s.read_timeout
            raise _Failure("timeout", f"timeout: {phase} timed out (limit {limit:g} s)") from None
        except httpx.HTTPError as exc:
            if self.backend.aborted:
                raise self.budget.expired_failure() from None
            raise _classify(exc) from None
        finally:
            watchdog.cancel()
            if tmp is not None:
                tmp.unlink(missing_ok=True)


def _classify(exc: httpx.HTTPError) -> _Failure:
    code = None
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, OSError) and cause.errno is not None:
            code = cause.errno
            break
        cause = cause.__cause__ or cause.__context__
    message = str(exc) or type(exc).__name__
    if code in (errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ENETDOWN, errno.EADDRNOTAVAIL):
        return _Failure("unreachable", f"network unreachable: {message}")
    if isinstance(exc, httpx.ConnectError):
        if "network is unreachable" in message.lower() or "no route to host" in message.lower():
            return _Failure("unreachable", f"network unreachable: {message}")
        return _Failure("connect", f"connection failed: {message}")
    if isinstance(exc, httpx.InvalidURL):
        return _Failure("other", f"invalid URL: {message}")
    return _Failure("other", f"{type(exc).__name__}: {message}")


def _retry_after(value: str) -> float | None:
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


# ---------------------------------------------------------------------------------------------
# Cache


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


# ---------------------------------------------------------------------------------------------
# Public entry point


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


def _host_of(url: str) -> str:
    try:
        return httpx.URL(url).host.lower()
    except (httpx.InvalidURL, ValueError, TypeError):
        return url


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
