"""One request chain: address checks on every hop, robots.txt, pacing, retries with backoff, and
redirects followed by hand."""
from __future__ import annotations

import email.utils
import errno
import hashlib
import json
import os
import socket
import tempfile
import threading
import time
import urllib.robotparser
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import httpx

from extractors.storage import write_bytes

from extractors.sources.decoding import _Decoder, _media_type, _sniff
from extractors.sources.policy import address_problem
from extractors.sources.results import FetchSettings, HostPacer, ROBOTS_AGENT, _CHUNK, _REDIRECT_STATUSES, _RETRY_STATUSES, _UNSURE_TYPES
from extractors.sources.store import _read_json
from extractors.sources.transport import _Blocked, _Budget, _Failure, _PinnedBackend, _PinnedTransport, _Response, _resolve


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

    def _check_headers(self, headers: dict[str, str], status: int, robots: bool, limit_raw: int) -> str:
        """Refuse a body by its headers alone: a declared size over the cap, a content type that
        is not allowed (types that servers often get wrong are sniffed later). Its media type."""
        s = self.settings
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit_raw:
            raise _Failure("size", f"too large: declared {declared} bytes (cap {limit_raw})", status)
        ctype = _media_type(headers.get("content-type", ""))
        if not robots and ctype not in s.allowed_content_types and ctype not in _UNSURE_TYPES:
            raise _Failure("type", f"unsupported content type: {ctype}", status)
        return ctype

    def _stream_body(self, response: httpx.Response, decoder: _Decoder, out, limit_raw: int) -> bytes:
        """Stream the body, decoded, into `out`: raw bytes and decoded bytes capped, the chain's
        deadline checked between chunks. The first 2 KiB, for sniffing."""
        raw = 0
        head = b""
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
        return head

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
                ctype = self._check_headers(headers, response.status_code, robots, limit_raw)
                decoder = _Decoder(headers.get("content-encoding", ""), limit_out)
                fd, name = tempfile.mkstemp(prefix=".tmp-", suffix=".part", dir=self.cache_dir)
                tmp = Path(name)
                with os.fdopen(fd, "wb") as out:
                    head = self._stream_body(response, decoder, out, limit_raw)
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
