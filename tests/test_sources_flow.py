"""The sources stage inside the flow, against a real HTTP server on 127.0.0.1 (issue 6): fetched
English and French articles and a PDF become documents whose entities link to the report's ids."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
from werkzeug import Response

from extractors.sources.fetch import FetchSettings
from flows.pipeline import RunSettings, run_pipeline
from flows.fetching import SourceSettings

from .conftest import REPORT_PDF

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "sources"


def read(folder: Path, name: str) -> list[dict]:
    with (folder / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def served_run(tmp_path_factory):
    from pytest_httpserver import HTTPServer

    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    try:
        base = server.url_for("/").rstrip("/")
        server.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /private/\n", content_type="text/plain")
        server.expect_request("/en/article.html").respond_with_data(
            (FIXTURES / "article-en.html").read_bytes(), content_type="text/html; charset=utf-8")
        server.expect_request("/fr/article.html").respond_with_data(
            (FIXTURES / "article-fr.html").read_bytes(), content_type="text/html; charset=utf-8")
        server.expect_request("/report.pdf").respond_with_data(REPORT_PDF.read_bytes(), content_type="application/pdf")
        server.expect_request("/gone.html").respond_with_response(Response("gone", status=404))
        server.expect_request("/web/20180301id_/" + base + "/gone.html").respond_with_data(
            (FIXTURES / "article-en.html").read_bytes(), content_type="text/html")
        server.expect_request("/private/secret.html").respond_with_data("secret", content_type="text/html")
        work = tmp_path_factory.mktemp("sources")
        corpus = work / "corpus" / "reports"
        corpus.mkdir(parents=True)
        (corpus / "brief.md").write_text(
            "# A short brief\n\n## Body\n\nThe MNLA and Iyad ag Ghali were in Kidal.<sup>1</sup> "
            "The MUJAO held Gao.<sup>2</sup> Tombouctou fell.<sup>3</sup> More here.<sup>4</sup>\n\n---\n\n"
            f"<sup>1</sup> Jane Doe, “Kidal,” *The Test*, 1 March 2018, <{base}/en/article.html>.\n\n"
            f"<sup>2</sup> Jean Dupont, « Le centre », *Le Test*, 2 mars 2018, <{base}/fr/article.html>.\n\n"
            f"<sup>3</sup> Alex Thurston, “Status Quo,” RLS, 2018, <{base}/report.pdf>; "
            f"Old Paper, “Gone,” 1 March 2018, <{base}/gone.html>.\n\n"
            f"<sup>4</sup> Hidden, “Secret,” 2018, <{base}/private/secret.html>; "
            "Metadata, “Inside,” 2018, <http://169.254.169.254/latest/meta-data/>.\n",
            encoding="utf-8")
        fetch = FetchSettings(allow_loopback_for_tests=True, archive_base=base, host_delay=0.0, total_timeout=10)
        settings = RunSettings(corpus=work / "corpus", out=work / "out", gazetteer=ROOT / "gazetteers",
                               sources=SourceSettings(cache_dir=work / "corpus" / "sources", fetch=fetch))
        result = run_pipeline(settings)
        yield result, base
    finally:
        server.clear()
        server.stop()


def test_sources_are_fetched_and_recorded(served_run):
    result, base = served_run
    rows = {r["url"]: r for r in read(result.folder, "sources.csv")}
    assert rows[f"{base}/en/article.html"]["status"] == "fetched"
    assert rows[f"{base}/fr/article.html"]["language"] == "fr"
    assert rows[f"{base}/report.pdf"]["content_type"] == "application/pdf"
    gone = rows[f"{base}/gone.html"]
    assert gone["status"] == "fetched" and gone["via_archive"].startswith(f"{base}/web/20180301")
    assert rows[f"{base}/private/secret.html"]["status"] == "blocked" and "robots" in rows[f"{base}/private/secret.html"]["error"]
    assert rows["http://169.254.169.254/latest/meta-data/"]["status"] == "blocked"
    assert all(rows[u]["footnotes"].startswith("brief#") for u in rows)


def test_source_entities_link_to_the_same_ids_as_the_report(served_run):
    result, base = served_run
    sources = {r["url"]: r["source_doc_id"] for r in read(result.folder, "sources.csv")}
    mentions = read(result.folder, "mentions.csv")
    english = {m["entity_id"] for m in mentions if m["doc_id"] == sources[f"{base}/en/article.html"]}
    french = {m["entity_id"] for m in mentions if m["doc_id"] == sources[f"{base}/fr/article.html"]}
    assert {"mnla", "iyad-ag-ghali", "kidal"} <= english
    assert {"mnla", "iyad-ag-ghali", "mujao", "aqim", "timbuktu", "peul"} <= french
    documents = {r["doc_id"]: r for r in read(result.folder, "documents.csv")}
    assert documents[sources[f"{base}/fr/article.html"]]["format"] == "html"
    assert documents[sources[f"{base}/report.pdf"]]["format"] == "pdf"
    assert documents[sources[f"{base}/report.pdf"]]["status"] == "ok"
