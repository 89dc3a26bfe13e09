"""The whole flow on a small corpus: tables per the output contract, broken PDFs failing their own
row, latest switched, byte-identical re-runs, spreadsheet safety, and the review loop."""
from __future__ import annotations

import csv
import re
from dataclasses import replace
import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from extractors.storage import FORMULA_START, unguard
from flows.cli import app
from flows.pipeline import RunSettings, run_pipeline
from flows.fetching import SourceSettings

from .conftest import REAL_PDFS, REPORT_PDF, SHARED

ROOT = Path(__file__).resolve().parents[1]
CONTRACT = SHARED / "docs" / "outputs.md"
BROKEN = ["empty.pdf", "password-example.pdf", "malformed-from-issue-932.pdf"]
TABLES = ["documents.csv", "sentences.csv", "footnotes.csv", "citations.csv", "sources.csv", "entities.csv",
          "mentions.csv", "candidates.csv", "edges.csv", "entity_citations.csv"]


def contract_columns() -> dict[str, list[str]]:
    """Required columns per table, read from the output contract itself."""
    out = {}
    for line in CONTRACT.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\|\s*`(\w+\.csv)`\s*\|[^|]*\|\s*(.+?)\s*\|\s*$", line)
        if m:
            cols = re.sub(r"\([^)]*\)", "", m.group(2))
            out[m.group(1)] = [c.strip() for c in cols.split(",") if c.strip()]
    return out


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    base = tmp_path_factory.mktemp("flow")
    corpus = base / "corpus" / "reports"
    corpus.mkdir(parents=True)
    shutil.copy(REPORT_PDF, corpus / REPORT_PDF.name)
    for name in BROKEN:
        shutil.copy(REAL_PDFS / name, corpus / name)
    (corpus / "formula-notes.txt").write_text(
        "=HYPERLINK(\"http://example.org\",\"click\") was typed by a hostile author.\n\n"
        "-1 is where the MNLA stood in Kidal.\n\n+Kidal and @Gao were named.\n", encoding="utf-8")
    gaz = base / "gazetteers"
    shutil.copytree(ROOT / "gazetteers", gaz)
    return base


@pytest.fixture(scope="module")
def first_run(workspace):
    return run_pipeline(settings_for(workspace))


def settings_for(workspace: Path, **changes) -> RunSettings:
    """Sources are fetched for real, but this machine has no network: every URL ends offline."""
    sources = SourceSettings(cache_dir=workspace / "corpus" / "sources")
    return RunSettings(corpus=workspace / "corpus", out=workspace / "out", gazetteer=workspace / "gazetteers",
                       sources=sources, **changes)


def read(folder: Path, name: str) -> list[dict]:
    with (folder / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_tables_follow_the_output_contract(first_run):
    contract = contract_columns()
    assert set(TABLES) <= set(contract)
    for name in TABLES:
        header = (first_run.folder / name).read_text(encoding="utf-8").splitlines()[0].split(",")
        missing = [c for c in contract[name] if c not in header]
        assert missing == [], (name, missing)
    for name in ["summary.md", "network.gexf", "network.graphml", "network.html", "network.png", "citations.png",
                 "interviews.csv"]:
        assert (first_run.folder / name).stat().st_size > 0, name


def test_broken_pdfs_fail_their_own_row_and_the_run_goes_on(first_run, workspace):
    rows = {r["path"]: r for r in read(first_run.folder, "documents.csv")}
    assert rows["mali-status-quo-2018.pdf"]["status"] == "ok"
    assert rows["empty.pdf"]["status"] == "failed" and "empty" in rows["empty.pdf"]["error"]
    assert rows["password-example.pdf"]["status"] == "failed" and "encrypted" in rows["password-example.pdf"]["error"]
    assert rows["malformed-from-issue-932.pdf"]["status"] in {"ok", "failed"}
    for r in rows.values():
        assert "\n" not in r["error"]
    latest = workspace / "out" / "latest"
    assert latest.is_symlink() and latest.resolve() == first_run.folder.resolve()
    assert "empty.pdf" in (first_run.folder / "summary.md").read_text(encoding="utf-8")


def test_citation_tables_on_the_report(first_run):
    footnotes = [r for r in read(first_run.folder, "footnotes.csv") if r["doc_id"] == "mali-status-quo-2018"]
    assert {r["kind"] for r in footnotes} == {"publication", "interview", "mixed", "note"}
    citations = read(first_run.folder, "citations.csv")
    assert 125 <= len(citations) <= 140
    sources = read(first_run.folder, "sources.csv")
    assert len(sources) == len({u for r in footnotes for u in r["urls"].split()})
    assert {r["status"] for r in sources} <= {"offline", "failed"}
    assert "offline" in (first_run.folder / "summary.md").read_text(encoding="utf-8")
    interviews = read(first_run.folder, "interviews.csv")
    assert any(r["interviewee"] == "Boukary Sangaré" and r["place"] == "Bamako" for r in interviews)
    links = read(first_run.folder, "entity_citations.csv")
    assert any(r["entity_id"] == "ibrahim-boubacar-keita" and r["footnote"] == "1" for r in links)


def test_report_rows_in_the_tables(first_run):
    footnotes = read(first_run.folder, "footnotes.csv")
    assert [int(r["n"]) for r in footnotes if r["doc_id"] == "mali-status-quo-2018"] == list(range(1, 112))
    mentions = read(first_run.folder, "mentions.csv")
    sentences = {r["sentence_id"]: r for r in read(first_run.folder, "sentences.csv")}
    for m in mentions[:500]:
        text = unguard(sentences[m["sentence_id"]]["text"])
        assert text[int(m["start"]) : int(m["end"])] == unguard(m["text"])
    edges = read(first_run.folder, "edges.csv")
    pairs = {(e["source"], e["target"]) for e in edges if e["window"] == "sentence"}
    assert ("cma", "plateforme") in pairs
    assert ("el-hajj-ag-gamou", "gatia") in pairs
    assert ("amadou-kouffa", "mopti") in pairs


def test_document_text_is_safe_in_a_spreadsheet(first_run):
    csvs = sorted(p.name for p in first_run.folder.glob("*.csv"))
    assert set(TABLES) <= set(csvs)
    for name in csvs:
        with (first_run.folder / name).open(encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh):
                for value in row:
                    assert not value.startswith(FORMULA_START) or re.fullmatch(r"-?\d+(\.\d+)?(e-?\d+)?", value), (name, value)
    sentences = pd.read_csv(first_run.folder / "sentences.csv", keep_default_na=False)
    texts = [unguard(t) for t in sentences["text"]]
    assert any(t.startswith('=HYPERLINK("http://example.org"') for t in texts)
    assert any(t.startswith("-1 is where the MNLA stood") for t in texts)
    assert any(t.startswith("+Kidal and @Gao") for t in texts)


def test_rerun_gives_byte_identical_tables(first_run, workspace):
    second = run_pipeline(settings_for(workspace))
    assert second.run_id != first_run.run_id
    per_document = sorted(p.relative_to(first_run.folder).as_posix() for p in (first_run.folder / "networks").iterdir())
    assert per_document == sorted(p.relative_to(second.folder).as_posix() for p in (second.folder / "networks").iterdir())
    for name in TABLES + ["timeline.csv", "network.gexf", "network.graphml", "network.html"] + per_document:
        assert (first_run.folder / name).read_bytes() == (second.folder / name).read_bytes(), name


def test_each_document_has_its_own_network(first_run):
    ok = [r["doc_id"] for r in read(first_run.folder, "documents.csv") if r["status"] == "ok"]
    assert len(ok) >= 2
    for doc_id in ok:
        for suffix in (".edges.csv", ".gexf", ".graphml"):
            assert (first_run.folder / "networks" / f"{doc_id}{suffix}").exists(), (doc_id, suffix)
    # the report's own network holds its pairs; edges of another document never leak into it
    rows = read(first_run.folder / "networks", "mali-status-quo-2018.edges.csv")
    pairs = {(r["source"], r["target"]) for r in rows if r["window"] == "sentence"}
    assert ("cma", "plateforme") in pairs
    assert all(r["documents"] == "1" for r in rows)


def test_review_decisions_change_the_next_run_and_survive_a_fresh_copy(first_run, workspace, tmp_path):
    """The queue holds the report's actors (issue 15: no cited author such as Andrew Lebovich, no
    common word such as Assassinat); decisions on it, including a rule, apply to the next run."""
    rows = read(first_run.folder, "candidates.csv")
    by_surface = {unguard(r["surface"]): r for r in rows}
    assert {"Africa", "WhatsApp", "Council"} <= set(by_surface)
    assert "Andrew Lebovich" not in by_surface and "Assassinat" not in by_surface
    assert (first_run.folder / "candidates.html").is_file()
    for r in rows:
        surface = unguard(r["surface"])
        r["decision"] = {"Africa": "accept:PLACE", "WhatsApp": "reject", "Council": "merge:un-security-council"}.get(surface, "")
    rows.append({**{k: "" for k in rows[0]}, "surface": "re:.*University( Press)?", "type": "ORG", "decision": "reject"})
    reviewed = tmp_path / "candidates.csv"
    with reviewed.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    result = CliRunner().invoke(app, ["review", "apply", str(reviewed), "--gazetteer", str(workspace / "gazetteers"),
                                      "--run", str(first_run.folder)])
    assert result.exit_code == 0, result.output
    fresh = tmp_path / "fresh-clone" / "gazetteers"  # what a new clone of the gazetteer folder holds
    shutil.copytree(workspace / "gazetteers", fresh)
    after = run_pipeline(replace(settings_for(workspace), gazetteer=fresh))
    entities = {r["entity_id"]: r for r in read(after.folder, "entities.csv")}
    before = {r["entity_id"]: r for r in read(first_run.folder, "entities.csv")}
    # changes.csv and summary.md show the accepted name once: it is neither removed nor added
    changes = {(r["change"], r["key"]) for r in read(after.folder, "changes.csv")}
    assert ("entity_removed", "x-whatsapp") in changes
    assert not {k for c, k in changes if c.startswith("entity_") and k == "x-africa"}
    # an accepted name keeps its id: status decision now, unreviewed before
    assert (before["x-africa"]["status"], entities["x-africa"]["status"]) == ("unreviewed", "decision")
    assert entities["x-africa"]["type"] == "PLACE" and entities["mali"]["status"] == "gazetteer"
    surfaces = {unguard(r["surface"]) for r in read(after.folder, "candidates.csv")}
    assert not {"Africa", "WhatsApp", "Council"} & surfaces
    mentions = read(after.folder, "mentions.csv")
    assert not [m for m in mentions if m["text"] == "WhatsApp"]
    assert not [m for m in mentions if m["text"] == "Princeton University Press"]  # the rule
    assert {m["entity_id"] for m in mentions if m["text"] == "Council"} == {"un-security-council"}
    assert {m["method"] for m in mentions if m["entity_id"] == "x-africa"} == {"review"}


def test_review_apply_names_file_and_line_of_a_bad_decision(tmp_path, workspace):
    bad = tmp_path / "candidates.csv"
    bad.write_text("candidate_id,surface,type,decision\nc-1,Foo Bar,PERSON,accept\nc-2,Baz,ORG,merge:no-such-id\n",
                   encoding="utf-8")
    result = CliRunner().invoke(app, ["review", "apply", str(bad), "--gazetteer", str(workspace / "gazetteers")])
    assert result.exit_code == 2
    assert f"{bad}:3" in result.output.replace("\n", "") and "no-such-id" in result.output


DIGESTS = ROOT / "tests" / "fixtures" / "report-tables.sha256"


def test_tables_match_the_recorded_digests(first_run):
    """The tables of this corpus (the bundled report PDF, the broken PDFs, the hostile text), byte
    for byte: recorded when the code was restructured (issue 12) so that a change that should not
    change behaviour proves it. A change meant to change the tables updates the record after
    checking the difference: REPORTGRAPH_UPDATE_DIGESTS=1 pytest tests/test_flow.py -k digests"""
    import hashlib
    import os

    now = {name: hashlib.sha256((first_run.folder / name).read_bytes()).hexdigest() for name in TABLES}
    if os.environ.get("REPORTGRAPH_UPDATE_DIGESTS"):
        DIGESTS.write_text("".join(f"{d}  {n}\n" for n, d in sorted(now.items())), encoding="utf-8")
    recorded = dict(reversed(line.split("  ", 1)) for line in DIGESTS.read_text(encoding="utf-8").splitlines())
    changed = sorted(n for n in TABLES if recorded.get(n) != now[n])
    assert changed == [], f"tables changed: {changed}"
