"""The pinned transport: names resolved with a deadline, connections made to the very address that
was checked (no DNS rebinding), a watchdog budget per request chain, failures classified."""
from __future__ import annotations

import ipaddress
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import certifi
import httpcore
import httpx



_ARCHIVE_STATUSES = frozenset({404, 410})  # plus every 5xx


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
