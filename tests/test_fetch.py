"""The safe fetcher against a real HTTP server on 127.0.0.1 (pytest-httpserver, no mocks).

Every test runs with `allow_loopback_for_tests=True` (exactly 127.0.0.1 allowed) unless it checks
that loopback is refused. Nothing here ever connects anywhere but 127.0.0.1: blocked addresses
are refused before any connection is made, and names that must not resolve end in `.invalid`.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import re
import socket
import time
from pathlib import Path

import httpx
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from extractors.sources.transport import (  # private: see test_connections_go_only_to_the_checked_address
    _PinnedBackend,
    _PinnedTransport,
)
from extractors.sources.fetch import (
    USER_AGENT,
    FetchSettings,
    HostPacer,
    OfflineDetector,
    SourceResult,
    address_problem,
    archive_url,
    cache_key,
    cached_result,
    fetch_source,
    network_available,
)
from extractors.ingest.webtext import extract_html

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "sources"
PDF = ROOT / "corpus" / "reports" / "mali-status-quo-2018.pdf"


@pytest.fixture(scope="module")
def server():
    httpd = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    httpd.start()
    yield httpd
    httpd.clear()
    if httpd.is_running():
        httpd.stop()


@pytest.fixture
def srv(server):
    """The server with an empty log and a robots.txt that allows everything (404)."""
    server.clear()
    server.expect_request("/robots.txt").respond_with_data("", status=404)
    yield server
    server.clear()


def settings(**overrides) -> FetchSettings:
    base = dict(
        allow_loopback_for_tests=True,
        host_delay=0.0,
        archive_base="",
        probe_host="probe.invalid",
        dns_timeout=1.0,  # this sandbox's resolver sometimes stalls 5 s on a name
        connect_timeout=2.0,
        read_timeout=2.0,
        total_timeout=6.0,
        retries=2,
        backoff=0.1,
    )
    base.update(overrides)
    return FetchSettings(**base)


def requests_to(server: HTTPServer, path: str) -> int:
    return sum(1 for request, _ in server.log if request.path == path)


def no_partial_files(cache_dir: Path) -> bool:
    return not [p for p in cache_dir.rglob("*") if p.name.startswith(".tmp-")]


# ---------------------------------------------------------------------------------------------
# Articles, PDF, cache


def test_english_article_fetched_and_extracted(srv, tmp_path):
    page = (FIXTURES / "article-en.html").read_bytes()
    srv.expect_request("/news/kidal").respond_with_data(page, content_type="text/html; charset=utf-8")
    url = srv.url_for("/news/kidal")

    result = fetch_source(url, settings(), tmp_path)

    assert result.status == "fetched", result.error
    assert result.http_status == 200
    assert result.content_type == "text/html"
    assert result.final_url == url and result.via_archive == ""
    assert Path(result.path).read_bytes() == page
    assert Path(result.path).name == cache_key(url) + ".html"
    assert result.size == len(page) and result.chars == len(page.decode("utf-8"))
    meta = json.loads(Path(result.headers_path).read_text())
    assert meta["url"] == url and meta["final_url"] == url and meta["http_status"] == 200
    assert meta["headers"]["content-type"].startswith("text/html") and meta["fetched_at"]
    request = next(r for r, _ in srv.log if r.path == "/news/kidal")
    assert request.headers["User-Agent"] == USER_AGENT

    text = extract_html(Path(result.path).read_bytes(), result.final_url)
    assert "Kidal" in text.title
    assert text.language == "en"
    assert text.date == "2018-03-14"
    for name in ("MNLA", "Iyad ag Ghali", "MUJAO", "AQMI", "Tombouctou", "Kidal"):
        assert name in text.text
    assert "COMMENTSENTINEL" not in text.text  # the comment section
    assert "Subscribe to our newsletter" not in text.text and "Member login" not in text.text  # menu
    assert "Privacy policy" not in text.text


def test_french_article_gzip_encoded(srv, tmp_path):
    page = (FIXTURES / "article-fr.html").read_bytes()
    srv.expect_request("/actu/peuls").respond_with_response(
        Response(gzip.compress(page), headers={"Content-Encoding": "gzip"}, content_type="text/html; charset=utf-8")
    )
    url = srv.url_for("/actu/peuls")

    result = fetch_source(url, settings(), tmp_path)

    assert result.status == "fetched", result.error
    assert Path(result.path).read_bytes() == page  # stored decoded
    text = extract_html(Path(result.path).read_bytes(), url)
    assert text.language == "fr"
    assert text.title.startswith("Au centre du Mali, les Peuls")
    for name in ("les Peuls", "Iyad ag Ghali", "AQMI", "Tombouctou", "MNLA", "MUJAO"):
        assert name in text.text
    assert "SENTINELLECOMMENTAIRE" not in text.text
    assert "Abonnez-vous" not in text.text and "Espace membres" not in text.text


def test_pdf_source_cached_as_pdf(srv, tmp_path):
    data = PDF.read_bytes()
    srv.expect_request("/reports/status-quo.pdf").respond_with_data(data, content_type="application/pdf")
    # A server that does not say what it sends: the bytes say PDF.
    srv.expect_request("/download").respond_with_data(data, content_type="application/octet-stream")

    result = fetch_source(srv.url_for("/reports/status-quo.pdf"), settings(), tmp_path)
    assert result.status == "fetched", result.error
    assert result.content_type == "application/pdf"
    assert result.path.endswith(".pdf") and Path(result.path).read_bytes() == data
    assert result.sha256 == hashlib.sha256(data).hexdigest()
    assert result.size == len(data) and result.chars == 0

    sniffed = fetch_source(srv.url_for("/download"), settings(), tmp_path)
    assert sniffed.status == "fetched" and sniffed.content_type == "application/pdf"


def test_second_call_is_served_from_cache_without_network(srv, tmp_path):
    srv.expect_request("/page").respond_with_data("<html><body><p>Gao</p></body></html>", content_type="text/html")
    url = srv.url_for("/page")
    first = fetch_source(url, settings(), tmp_path)
    assert first.status == "fetched"
    seen = len(srv.log)

    second = fetch_source(url, settings(), tmp_path)
    assert second.status == "cached"
    assert len(srv.log) == seen  # not even robots.txt was asked for
    assert (second.path, second.fetched_at, second.sha256) == (first.path, first.fetched_at, first.sha256)
    assert cached_result(url, tmp_path) == second

    again = fetch_source(url, settings(), tmp_path, refresh=True)
    assert again.status == "fetched" and requests_to(srv, "/page") == 2
    stale = fetch_source(url, settings(max_age=0.0), tmp_path)
    assert stale.status == "fetched" and requests_to(srv, "/page") == 3


def test_incomplete_cache_entry_is_ignored(srv, tmp_path):
    srv.expect_request("/page").respond_with_data("<html><body><p>Menaka</p></body></html>", content_type="text/html")
    url = srv.url_for("/page")
    first = fetch_source(url, settings(), tmp_path)
    Path(first.path).write_bytes(b"<html>half")  # a body that no longer matches its JSON
    assert cached_result(url, tmp_path) is None
    assert fetch_source(url, settings(), tmp_path).status == "fetched"


# ---------------------------------------------------------------------------------------------
# Dead links and the Internet Archive


def test_404_falls_back_to_archive_snapshot(srv, tmp_path):
    page = (FIXTURES / "article-en.html").read_bytes()
    srv.expect_request("/gone").respond_with_data("not here", status=404)
    srv.expect_request(re.compile(r"^/web/20180315id_/http:/+127\.0\.0\.1:\d+/gone$")).respond_with_data(
        page, content_type="text/html; charset=utf-8"
    )
    url = srv.url_for("/gone")
    base = srv.url_for("/").rstrip("/")
    s = settings(archive_base=base)

    result = fetch_source(url, s, tmp_path, cited_date="2018-03-15")

    assert result.status == "fetched", result.error
    assert result.via_archive == f"{base}/web/20180315id_/{url}" == archive_url(url, s, "2018-03-15")
    assert result.http_status == 200 and Path(result.path).read_bytes() == page
    assert "Iyad ag Ghali" in extract_html(page, url).text
    cached = fetch_source(url, s, tmp_path, cited_date="2018-03-15")
    assert cached.status == "cached" and cached.via_archive == result.via_archive


def test_dead_link_without_snapshot_fails_with_both_reasons(srv, tmp_path):
    srv.expect_request("/gone").respond_with_data("gone", status=410)
    srv.expect_request(re.compile(r"^/web/")).respond_with_data("no snapshot", status=404)
    s = settings(archive_base=srv.url_for("/").rstrip("/"))
    result = fetch_source(srv.url_for("/gone"), s, tmp_path, cited_date="2017")
    assert result.status == "failed"
    assert result.http_status == 410
    assert "HTTP 410" in result.error and "archive: HTTP 404" in result.error
    assert result.via_archive == "" and result.path == ""
    assert no_partial_files(tmp_path)


def test_archive_timestamps():
    s = FetchSettings(archive_base="https://web.archive.org/")
    assert archive_url("http://a.org/x", s, "2018-03-15") == "https://web.archive.org/web/20180315id_/http://a.org/x"
    assert archive_url("http://a.org/x", s, "2018-03").startswith("https://web.archive.org/web/20180315id_/")
    assert archive_url("http://a.org/x", s, "2018").startswith("https://web.archive.org/web/20180701id_/")
    plain = FetchSettings(archive_raw=False)
    assert archive_url("http://a.org/x", plain, "2012-01-17") == "https://web.archive.org/web/20120117/http://a.org/x"


def test_connection_refused_is_failed_not_offline(tmp_path):
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = fetch_source(f"http://127.0.0.1:{port}/x", settings(), tmp_path)
    assert result.status == "failed"
    assert "connection failed" in result.error


# ---------------------------------------------------------------------------------------------
# Time and size bounds


def test_slow_server_times_out(srv, tmp_path):
    def slow(request):
        time.sleep(4)
        return Response("<html>late</html>", content_type="text/html")

    srv.expect_request("/slow").respond_with_handler(slow)
    started = time.monotonic()
    result = fetch_source(srv.url_for("/slow"), settings(read_timeout=1.0, total_timeout=3.0), tmp_path)
    elapsed = time.monotonic() - started
    assert result.status == "failed"
    assert "timeout" in result.error
    assert elapsed < 10


def test_trickling_server_hits_total_deadline(srv, tmp_path):
    def trickle(request):
        def body():
            yield b"<html><body>"
            for _ in range(40):  # one byte every 0.25 s for 10 s: never a read timeout
                time.sleep(0.25)
                yield b"x"

        return Response(body(), content_type="text/html")

    srv.expect_request("/trickle").respond_with_handler(trickle)
    started = time.monotonic()
    result = fetch_source(srv.url_for("/trickle"), settings(read_timeout=2.0, total_timeout=1.5), tmp_path)
    elapsed = time.monotonic() - started
    assert result.status == "failed"
    assert "timeout" in result.error and "total deadline" in result.error
    assert elapsed < 8
    assert no_partial_files(tmp_path)


def test_body_over_the_cap_fails(srv, tmp_path):
    big = b"<html><body>" + b"a" * 300_000 + b"</body></html>"
    srv.expect_request("/big").respond_with_data(big, content_type="text/html")

    def streamed(request):
        return Response((big[i : i + 10_000] for i in range(0, len(big), 10_000)), content_type="text/html")

    srv.expect_request("/big-streamed").respond_with_handler(streamed)  # no Content-Length
    s = settings(max_bytes=100_000)

    for path in ("/big", "/big-streamed"):
        result = fetch_source(srv.url_for(path), s, tmp_path)
        assert result.status == "failed", path
        assert "too large" in result.error
        assert result.path == "" and cached_result(srv.url_for(path), tmp_path) is None
    assert no_partial_files(tmp_path)


def test_gzip_bomb_is_stopped(srv, tmp_path):
    bomb = gzip.compress(b"\0" * 30_000_000, compresslevel=9)
    assert len(bomb) < 100_000
    srv.expect_request("/bomb").respond_with_response(
        Response(bomb, headers={"Content-Encoding": "gzip"}, content_type="text/html")
    )
    result = fetch_source(srv.url_for("/bomb"), settings(max_bytes=1_000_000, max_decoded_bytes=2_000_000), tmp_path)
    assert result.status == "failed" and result.http_status == 200
    assert "too large" in result.error and "decompression" in result.error
    assert no_partial_files(tmp_path)


def test_unsupported_content_type_fails(srv, tmp_path):
    srv.expect_request("/archive.zip").respond_with_data(b"PK\x03\x04", content_type="application/zip")
    result = fetch_source(srv.url_for("/archive.zip"), settings(), tmp_path)
    assert result.status == "failed" and "unsupported content type: application/zip" in result.error


# ---------------------------------------------------------------------------------------------
# Retries


def test_429_with_retry_after_is_retried(srv, tmp_path):
    srv.expect_oneshot_request("/busy").respond_with_data("slow down", status=429, headers={"Retry-After": "1"})
    srv.expect_request("/busy").respond_with_data("<html><body>ok</body></html>", content_type="text/html")
    started = time.monotonic()
    result = fetch_source(srv.url_for("/busy"), settings(), tmp_path)
    elapsed = time.monotonic() - started
    assert result.status == "fetched", result.error
    assert requests_to(srv, "/busy") == 2
    assert elapsed >= 0.9  # Retry-After was honoured


def test_503_retried_with_backoff_then_archive(srv, tmp_path):
    srv.expect_request("/down").respond_with_data("maintenance", status=503)
    srv.expect_request(re.compile(r"^/web/")).respond_with_data("<html><body>old copy</body></html>", content_type="text/html")
    s = settings(retries=2, backoff=0.05, archive_base=srv.url_for("/").rstrip("/"))
    result = fetch_source(srv.url_for("/down"), s, tmp_path, cited_date="2016-05-01")
    assert requests_to(srv, "/down") == 3
    assert result.status == "fetched" and "/web/20160501id_/" in result.via_archive


def test_retry_after_beyond_cap_is_not_waited_for(srv, tmp_path):
    srv.expect_request("/busy").respond_with_data("later", status=429, headers={"Retry-After": "3600"})
    started = time.monotonic()
    result = fetch_source(srv.url_for("/busy"), settings(retry_after_cap=5), tmp_path)
    assert time.monotonic() - started < 3
    assert result.status == "failed" and result.http_status == 429
    assert requests_to(srv, "/busy") == 1


# ---------------------------------------------------------------------------------------------
# Safety


@pytest.mark.parametrize("target", ["http://10.0.0.1/", "http://169.254.169.254/latest/meta-data/"])
def test_redirect_to_private_address_is_blocked(srv, tmp_path, target):
    srv.expect_request("/jump").respond_with_data("", status=302, headers={"Location": target})
    result = fetch_source(srv.url_for("/jump"), settings(), tmp_path)
    assert result.status == "blocked"
    assert target.split("/")[2] in result.error
    assert ("private" if target.startswith("http://10.") else "link-local") in result.error
    assert requests_to(srv, "/jump") == 1


def test_redirects_are_followed_and_limited(srv, tmp_path):
    srv.expect_request("/a").respond_with_data("", status=301, headers={"Location": "/b"})
    srv.expect_request("/b").respond_with_data("", status=302, headers={"Location": srv.url_for("/c")})
    srv.expect_request("/c").respond_with_data("<html><body>here</body></html>", content_type="text/html")
    srv.expect_request("/loop").respond_with_data("", status=302, headers={"Location": "/loop"})
    ok = fetch_source(srv.url_for("/a"), settings(), tmp_path)
    assert ok.status == "fetched" and ok.final_url == srv.url_for("/c")
    loop = fetch_source(srv.url_for("/loop"), settings(max_redirects=3), tmp_path)
    assert loop.status == "failed" and "too many redirects" in loop.error
    assert requests_to(srv, "/loop") == 4


def test_redirect_to_other_loopback_address_blocked_even_in_test_mode(srv, tmp_path):
    srv.expect_request("/jump").respond_with_data("", status=302, headers={"Location": "http://127.0.0.2/"})
    result = fetch_source(srv.url_for("/jump"), settings(), tmp_path)
    assert result.status == "blocked" and "loopback" in result.error


def test_loopback_blocked_without_the_test_setting(srv, tmp_path):
    port = srv.port
    production = settings(allow_loopback_for_tests=False)
    for url in (
        f"http://localhost:{port}/x",  # a DNS name resolving to loopback
        f"http://127.0.0.1:{port}/x",
        f"http://2130706433:{port}/x",  # 127.0.0.1 written as one number
        f"http://[::1]:{port}/x",
        f"http://[::ffff:127.0.0.1]:{port}/x",
    ):
        result = fetch_source(url, production, tmp_path)
        assert result.status == "blocked", url
        assert "loopback" in result.error, url
    assert FetchSettings().allow_loopback_for_tests is False
    assert len(srv.log) == 0


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.com/report.pdf", "gopher://example.com/", "javascript:alert(1)", "data:text/html,hi"]
)
def test_non_http_schemes_blocked(tmp_path, url):
    result = fetch_source(url, settings(), tmp_path)
    assert result.status == "blocked"
    assert "scheme not allowed" in result.error


def test_redirect_to_file_scheme_blocked(srv, tmp_path):
    srv.expect_request("/jump").respond_with_data("", status=302, headers={"Location": "file:///etc/passwd"})
    result = fetch_source(srv.url_for("/jump"), settings(), tmp_path)
    assert result.status == "blocked" and "scheme not allowed: file" in result.error


@pytest.mark.parametrize(
    "address,reason",
    [
        ("10.0.0.1", "private"),
        ("172.16.5.4", "private"),
        ("192.168.1.1", "private"),
        ("127.0.0.1", "loopback"),
        ("127.0.0.2", "loopback"),
        ("169.254.169.254", "link-local"),
        ("100.64.0.1", "CGNAT"),
        ("0.0.0.0", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("239.255.255.250", "multicast"),
        ("255.255.255.255", "reserved"),
        ("240.0.0.1", "reserved"),
        ("192.0.2.10", "documentation"),
        ("198.18.0.1", "reserved"),
        ("::1", "loopback"),
        ("::", "unspecified"),
        ("fe80::1", "link-local"),
        ("fe80::1%eth0", "link-local"),
        ("fc00::1", "private"),
        ("fd12:3456::1", "private"),
        ("ff02::1", "multicast"),
        ("::ffff:10.0.0.1", "private"),
        ("::ffff:127.0.0.1", "loopback"),
        ("::ffff:169.254.169.254", "link-local"),
        ("64:ff9b::a00:1", "private"),  # NAT64 of 10.0.0.1
        ("2002:a00:1::1", "private"),  # 6to4 of 10.0.0.1
        ("2001:db8::1", "documentation"),
        ("::10.0.0.1", "reserved"),  # IPv4-compatible (deprecated)
    ],
)
def test_address_policy_blocks(address, reason):
    problem = address_problem(address)
    assert problem is not None and reason in problem
    if address != "127.0.0.1":
        assert address_problem(address, allow_loopback=True) is not None


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
def test_address_policy_allows_public(address):
    assert address_problem(address) is None


def test_connections_go_only_to_the_checked_address(srv):
    """DNS rebinding: the transport never resolves names itself; it connects to the address that
    was checked and pinned for the name, and refuses names that were not checked at all."""
    srv.expect_request("/pinned").respond_with_data("pinned", content_type="text/plain")
    backend = _PinnedBackend()
    with httpx.Client(transport=_PinnedTransport(backend, verify=True), trust_env=False) as client:
        with pytest.raises(httpx.ConnectError, match="unchecked host"):
            client.get(f"http://rebind.invalid:{srv.port}/pinned")
        backend.pin("rebind.invalid", ("127.0.0.1",))
        response = client.get(f"http://rebind.invalid:{srv.port}/pinned")
    assert response.text == "pinned"
    request = next(r for r, _ in srv.log if r.path == "/pinned")
    assert request.headers["Host"] == f"rebind.invalid:{srv.port}"  # the name is still sent


def test_only_127_0_0_1_is_allowed_in_test_mode():
    assert address_problem("127.0.0.1") == "loopback"
    assert address_problem("127.0.0.1", allow_loopback=True) is None
    assert address_problem("::1", allow_loopback=True) == "loopback"


# ---------------------------------------------------------------------------------------------
# robots.txt and pacing


def test_robots_txt_disallow_is_respected(server, tmp_path):
    server.clear()
    server.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nDisallow: /private/\n", content_type="text/plain"
    )
    server.expect_request("/public/page").respond_with_data("<html><body>fine</body></html>", content_type="text/html")
    server.expect_request("/private/page").respond_with_data("secret", content_type="text/html")
    try:
        blocked = fetch_source(server.url_for("/private/page"), settings(), tmp_path)
        assert blocked.status == "blocked" and "robots.txt" in blocked.error
        assert fetch_source(server.url_for("/public/page"), settings(), tmp_path).status == "fetched"
        assert requests_to(server, "/private/page") == 0
        assert requests_to(server, "/robots.txt") == 1  # cached per host
        ignoring = fetch_source(server.url_for("/private/page"), settings(respect_robots=False), tmp_path)
        assert ignoring.status == "fetched"
    finally:
        server.clear()


def test_robots_txt_group_for_our_user_agent(server, tmp_path):
    server.clear()
    server.expect_request("/robots.txt").respond_with_data(
        "User-agent: reportgraph\nDisallow: /no-bots/\n\nUser-agent: *\nDisallow: /\n", content_type="text/plain"
    )
    server.expect_request("/no-bots/page").respond_with_data("secret", content_type="text/html")
    server.expect_request("/news/page").respond_with_data("<html><body>fine</body></html>", content_type="text/html")
    try:
        assert fetch_source(server.url_for("/no-bots/page"), settings(), tmp_path).status == "blocked"
        # our own group applies, not the catch-all one
        assert fetch_source(server.url_for("/news/page"), settings(), tmp_path).status == "fetched"
        assert requests_to(server, "/no-bots/page") == 0
    finally:
        server.clear()


def test_robots_txt_server_error_counts_as_site_failure(server, tmp_path):
    server.clear()
    server.expect_request("/robots.txt").respond_with_data("oops", status=500)
    server.expect_request("/page").respond_with_data("<html><body>x</body></html>", content_type="text/html")
    try:
        result = fetch_source(server.url_for("/page"), settings(retries=0), tmp_path)
        assert result.status == "failed" and "robots.txt" in result.error
        assert requests_to(server, "/page") == 0
    finally:
        server.clear()


def test_host_pacer_spaces_requests():
    pacer = HostPacer()
    assert pacer.wait("a.org", 0.3) == 0.0
    started = time.monotonic()
    pacer.wait("a.org", 0.3)
    assert time.monotonic() - started >= 0.25
    assert pacer.wait("b.org", 0.3) == 0.0  # other hosts are not held up


def test_pacer_applies_between_fetches(srv, tmp_path):
    srv.expect_request("/p").respond_with_data("<html><body>x</body></html>", content_type="text/html")
    pacer = HostPacer()
    s = settings(host_delay=0.4)
    started = time.monotonic()
    fetch_source(srv.url_for("/p"), s, tmp_path, pacer=pacer)  # robots.txt, then the page
    fetch_source(srv.url_for("/p"), s, tmp_path, pacer=pacer, refresh=True)
    assert time.monotonic() - started >= 0.35 * 2


# ---------------------------------------------------------------------------------------------
# Offline


def test_unresolvable_name_with_unresolvable_archive_is_offline(tmp_path):
    started = time.monotonic()
    result = fetch_source(
        "https://news.sahel.invalid/article", settings(archive_base="https://archive.invalid"), tmp_path
    )
    assert result.status == "offline", result.error
    assert "name not resolved" in result.error
    no_archive = fetch_source("https://news.sahel.invalid/other", settings(), tmp_path)
    assert no_archive.status == "offline"
    assert time.monotonic() - started < 8


def test_unresolvable_name_with_reachable_archive_is_failed(srv, tmp_path):
    srv.expect_request(re.compile(r"^/web/")).respond_with_data("none", status=404)
    s = settings(archive_base=srv.url_for("/").rstrip("/"))
    result = fetch_source("https://dead-site.invalid/article", s, tmp_path)
    assert result.status == "failed"
    assert "name not resolved" in result.error and "archive: HTTP 404" in result.error


def test_offline_detector_short_circuits_but_keeps_cache(srv, tmp_path):
    srv.expect_request("/kept").respond_with_data("<html><body>x</body></html>", content_type="text/html")
    kept = fetch_source(srv.url_for("/kept"), settings(), tmp_path)
    assert kept.status == "fetched"
    srv.clear_log()

    detector = OfflineDetector(threshold=3)
    for host in ("a.invalid", "b.invalid", "c.invalid"):
        assert not detector.offline
        result = fetch_source(f"http://{host}/x", settings(), tmp_path, offline=detector)
        assert result.status == "offline"
    assert detector.offline
    skipped = fetch_source(srv.url_for("/fresh"), settings(), tmp_path, offline=detector)
    assert skipped.status == "offline" and len(srv.log) == 0
    assert fetch_source(srv.url_for("/kept"), settings(), tmp_path, offline=detector).status == "cached"

    reached = OfflineDetector(threshold=1)
    reached.record(SourceResult(url="http://x.org/", status="failed", http_status=404))
    reached.record(SourceResult(url="http://y.invalid/", status="offline"))
    assert not reached.offline


def test_network_available_is_false_for_unresolvable_probe():
    started = time.monotonic()
    assert network_available(timeout=2.0, host="probe.invalid") is False
    assert time.monotonic() - started < 3


# ---------------------------------------------------------------------------------------------
# TLS through the pinned transport (a throwaway CA; skipped where `cryptography` is missing)


def _make_tls_files(tmp_path: Path, names: list[str], ips: list[str]) -> tuple[Path, Path, Path]:
    import datetime as dt
    import ipaddress as ipa

    x509 = pytest.importorskip("cryptography.x509")
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = dt.datetime.now(dt.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "reportgraph test CA")])
    ca = (
        x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(hours=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    alt = [x509.DNSName(n) for n in names] + [x509.IPAddress(ipa.ip_address(i)) for i in ips]
    leaf = (
        x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, (names or ips)[0])]))
        .issuer_name(ca_name).public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1)).not_valid_after(now + dt.timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName(alt), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    ca_file, cert_file, key_file = tmp_path / "ca.pem", tmp_path / "cert.pem", tmp_path / "key.pem"
    ca_file.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_file.write_bytes(leaf.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return ca_file, cert_file, key_file


def test_https_through_pinned_transport_verifies_the_name(tmp_path):
    import ssl

    ca_file, cert_file, key_file = _make_tls_files(tmp_path, ["tls.invalid"], ["127.0.0.1"])
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    httpd = HTTPServer(host="127.0.0.1", port=0, ssl_context=context, threaded=True)
    httpd.start()
    try:
        httpd.expect_request("/robots.txt").respond_with_data("", status=404)
        httpd.expect_request("/secure").respond_with_data("<html><body>Gao</body></html>", content_type="text/html")
        url = f"https://127.0.0.1:{httpd.port}/secure"
        ok = fetch_source(url, settings(ca_bundle=str(ca_file)), tmp_path / "c1")
        assert ok.status == "fetched", ok.error
        untrusted = fetch_source(url, settings(), tmp_path / "c2")  # certifi does not know our CA
        assert untrusted.status == "failed" and "certificate" in untrusted.error.lower()

        def trickle(request):
            return Response((time.sleep(0.25) or b"x" for _ in range(40)), content_type="text/html")

        httpd.expect_request("/trickle").respond_with_handler(trickle)
        started = time.monotonic()
        slow = fetch_source(
            f"https://127.0.0.1:{httpd.port}/trickle", settings(ca_bundle=str(ca_file), total_timeout=1.5), tmp_path / "c1"
        )
        assert slow.status == "failed" and "total deadline" in slow.error
        assert time.monotonic() - started < 8
        assert untrusted.status == "failed" and "certificate" in untrusted.error.lower()

        # A pinned name: TLS checks the certificate against the name, not the pinned address.
        backend = _PinnedBackend()
        backend.pin("tls.invalid", ("127.0.0.1",))
        backend.pin("other.invalid", ("127.0.0.1",))
        with httpx.Client(transport=_PinnedTransport(backend, True, str(ca_file)), trust_env=False) as client:
            assert client.get(f"https://tls.invalid:{httpd.port}/secure").status_code == 200
            with pytest.raises(httpx.ConnectError, match="(?i)certificate|hostname"):
                client.get(f"https://other.invalid:{httpd.port}/secure")
    finally:
        httpd.clear()
        httpd.stop()
