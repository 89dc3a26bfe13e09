"""Run history (runs.csv) and the changes between two hand-written run folders."""
from __future__ import annotations

import csv
from pathlib import Path

from extractors.outputs.history import (
    CHANGE_KINDS,
    Changes,
    append_run,
    changes_rows,
    classify_documents,
    diff_runs,
    last_run_id,
    run_row,
)
from extractors.outputs.rundir import new_run_id
from extractors.outputs.summary import changes_section as changes_markdown
from extractors.outputs.tables import CHANGES_COLUMNS, RUNS_COLUMNS, write_csv

ENTITY_COLS = ("entity_id", "name", "type", "mentions")
EDGE_COLS = ("source", "target", "source_name", "target_name", "window", "weight")
CITATION_COLS = ("doc_id", "footnote", "idx", "kind", "authors", "title", "url", "interviewee", "text")
DOC_COLS = ("doc_id", "sha256", "status", "path")


def write_run(folder: Path, entities=(), edges=(), citations=None, documents=()) -> Path:
    folder.mkdir(parents=True)
    write_csv(folder / "documents.csv", DOC_COLS, [dict(zip(DOC_COLS, r)) for r in documents])
    write_csv(folder / "entities.csv", ENTITY_COLS, [dict(zip(ENTITY_COLS, r)) for r in entities])
    write_csv(folder / "edges.csv", EDGE_COLS, [dict(zip(EDGE_COLS, r)) for r in edges])
    if citations is not None:
        write_csv(folder / "citations.csv", CITATION_COLS, [dict(zip(CITATION_COLS, r)) for r in citations])
    return folder


def read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# ---------------------------------------------------------------- runs.csv


def test_append_run_writes_header_once_and_keeps_run_id_order(tmp_path):
    changes = Changes(documents={"new": ["a", "b"], "changed": [], "unchanged": ["c"], "removed": ["d"]},
                      failed_documents=("b",))
    append_run(tmp_path, run_row("20260102T000000Z-bbbb", "2026-01-02T00:00:00Z", "2026-01-02T00:01:00Z", "ok",
                                 changes))
    append_run(tmp_path, {"run_id": "20260101T000000Z-aaaa", "status": "ok", "documents": 1, "new": 1})
    append_run(tmp_path, run_row("20260103T000000Z-cccc", "2026-01-03T00:00:00Z", "", "failed"))
    text = (tmp_path / "runs.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0] == ",".join(RUNS_COLUMNS) and text.count("run_id") == 1
    rows = read(tmp_path / "runs.csv")
    assert [r["run_id"] for r in rows] == ["20260101T000000Z-aaaa", "20260102T000000Z-bbbb", "20260103T000000Z-cccc"]
    assert rows[1] == {
        "run_id": "20260102T000000Z-bbbb", "start": "2026-01-02T00:00:00Z", "end": "2026-01-02T00:01:00Z",
        "status": "ok", "documents": "3", "new": "2", "changed": "0", "unchanged": "1", "removed": "1", "failed": "1",
        "note": "",
    }
    assert not list(tmp_path.glob("*.tmp"))


def test_runs_started_in_one_second_keep_their_order(tmp_path):
    """Regression (clean-clone CI, stop 26): two runs started in the same second got ids that
    sorted by their random digits, so runs.csv (rows in id order) listed the third run before the
    second (test_incremental's "new" column read 2, 1, 0). A new id sorts after the folder's last
    one: the same second gives the last id and one more letter; a later second, a new id."""
    from datetime import datetime, timezone

    now = datetime(2026, 12, 7, 4, 28, 18, tzinfo=timezone.utc)
    assert last_run_id(tmp_path) == ""
    ids = []
    for _ in range(40):  # random digits would put some of them out of order
        ids.append(new_run_id(now, after=last_run_id(tmp_path)))
        append_run(tmp_path, {"run_id": ids[-1], "status": "ok"})
        (tmp_path / "runs" / ids[-1]).mkdir(parents=True)
    assert ids == sorted(ids) and len(set(ids)) == 40
    assert [r["run_id"] for r in read(tmp_path / "runs.csv")] == ids
    later = new_run_id(datetime(2026, 12, 7, 4, 28, 19, tzinfo=timezone.utc), after=last_run_id(tmp_path))
    assert later > ids[-1] and later.startswith("20261207T042819Z-") and len(later) == len(ids[0])
    earlier = new_run_id(datetime(2026, 12, 7, 4, 0, 0, tzinfo=timezone.utc), after=ids[-1])  # clock set back
    assert earlier > ids[-1]


def test_append_run_replaces_a_row_with_the_same_run_id(tmp_path):
    append_run(tmp_path, {"run_id": "r1", "status": "failed"})
    append_run(tmp_path, {"run_id": "r1", "status": "ok"})
    assert [(r["run_id"], r["status"]) for r in read(tmp_path / "runs.csv")] == [("r1", "ok")]


def test_classify_documents():
    previous = {"a": "1", "b": "2", "c": "3"}
    current = {"b": "2", "c": "x", "e": "5", "d": "4"}
    assert classify_documents(previous, current) == {
        "new": ["d", "e"], "changed": ["c"], "unchanged": ["b"], "removed": ["a"],
    }
    assert classify_documents({}, {}) == {"new": [], "changed": [], "unchanged": [], "removed": []}


# ---------------------------------------------------------------- diff_runs


ENTITIES_1 = [("mnla", "MNLA", "ARMED_GROUP", "10"), ("gatia", "GATIA", "ARMED_GROUP", "4"),
              ("iyad", "Iyad Ag Ghaly", "PERSON", "3")]
ENTITIES_2 = [("mnla", "MNLA", "ARMED_GROUP", "12"), ("iyad", "Iyad Ag Ghaly", "PERSON", "3"),
              ("minusma", "MINUSMA", "INTL_ORG", "7"), ("eq", "=SUM(A1)", "PERSON", "1")]
EDGES_1 = [("gatia", "mnla", "GATIA", "MNLA", "sentence", "3"),
           ("iyad", "mnla", "Iyad Ag Ghaly", "MNLA", "sentence", "2"),
           ("iyad", "mnla", "Iyad Ag Ghaly", "MNLA", "paragraph", "4")]
EDGES_2 = [("iyad", "mnla", "Iyad Ag Ghaly", "MNLA", "sentence", "2.0"),
           ("mnla", "iyad", "MNLA", "Iyad Ag Ghaly", "paragraph", "6"),
           ("minusma", "mnla", "MINUSMA", "MNLA", "sentence", "1")]
DOCS_1 = [("mali", "aaa", "ok", "mali.pdf"), ("niger", "bbb", "ok", "niger.md"), ("old", "ccc", "ok", "old.txt"),
          ("src-1", "eee", "ok", "https://example.org/a")]
DOCS_2 = [("mali", "aaa", "ok", "mali.pdf"), ("niger", "bbb2", "ok", "niger.md"),
          ("burkina", "ddd", "failed", "burkina.pdf"), ("src-1", "fff", "failed", "https://example.org/a")]


def test_diff_runs_entities_edges_documents(tmp_path):
    old = write_run(tmp_path / "r1", ENTITIES_1, EDGES_1, documents=DOCS_1)
    new = write_run(tmp_path / "r2", ENTITIES_2, EDGES_2, documents=DOCS_2)
    ch = diff_runs(old, new)
    assert ch.documents == {"new": ["burkina"], "changed": ["niger"], "unchanged": ["mali"], "removed": ["old"]}
    assert ch.failed_documents == ("burkina",)  # fetched sources (URL paths) are not corpus documents
    assert run_row("r2", "s", "e", "ok", ch) == {"run_id": "r2", "start": "s", "end": "e", "status": "ok",
                                                 "documents": 3, "failed": 1, "new": 1, "changed": 1,
                                                 "unchanged": 1, "removed": 1}
    assert [e.entity_id for e in ch.entities_added] == ["minusma", "eq"]  # most mentioned first
    assert ch.entities_added[1].name == "=SUM(A1)"  # spreadsheet guard undone
    assert [e.entity_id for e in ch.entities_removed] == ["gatia"]
    edges = {(e.kind, e.source, e.target, e.window): (e.old, e.new) for e in ch.edges}
    assert edges == {  # 2 -> 2.0 is no change; a swapped pair is the same edge
        ("edge_removed", "gatia", "mnla", "sentence"): ("3", ""),
        ("edge_weight_changed", "mnla", "iyad", "paragraph"): ("4", "6"),
        ("edge_added", "minusma", "mnla", "sentence"): ("", "1"),
    }


def test_first_run_everything_is_new_and_missing_citations_are_empty(tmp_path):
    new = write_run(tmp_path / "r1", ENTITIES_1, EDGES_1, documents=DOCS_1)
    ch = diff_runs(None, new)
    assert len(ch.entities_added) == 3 and not ch.entities_removed
    assert {e.kind for e in ch.edges} == {"edge_added"} and len(ch.edges) == 3
    assert ch.documents["new"] == ["mali", "niger", "old"]
    assert ch.citations_added == () and ch.citations_removed == ()
    text = changes_markdown(ch, None)
    assert "First run" in text and text.startswith("\n## Changes")


CIT_1 = [
    ("mali", "1", "1", "publication", "Thiam", "Centre du Mali", "https://example.org/a", "", "Thiam, Centre du Mali."),
    ("mali", "2", "1", "interview", "", "", "", "Moussa Ag", "Interview with Moussa Ag."),
    ("mali", "3", "1", "publication", "", "", "https://example.org/b", "", "https://example.org/b"),
    ("mali", "4", "1", "publication", "Thiam", "Centre du Mali", "https://example.org/a", "", "Ibid."),
]
# footnotes renumbered (a new footnote 1), one citation gone, one repeated citation gone, one new
CIT_2 = [
    ("mali", "1", "1", "publication", "", "New Report", "", "", "New Report."),
    ("mali", "2", "1", "publication", "Thiam", "Centre  du Mali", "https://example.org/a", "",
     "Thiam, Centre du Mali."),
    ("mali", "3", "1", "interview", "", "", "", "Moussa Ag", "Interview with Moussa Ag."),
]


def test_citations_are_matched_across_renumbering(tmp_path):
    old = write_run(tmp_path / "r1", citations=CIT_1)
    new = write_run(tmp_path / "r2", citations=CIT_2)
    ch = diff_runs(old, new)
    assert [(c.footnote, c.label) for c in ch.citations_added] == [("1", "New Report")]
    assert [(c.footnote, c.label) for c in ch.citations_removed] == [("3", "https://example.org/b"),
                                                                      ("4", "Centre du Mali")]
    older = write_run(tmp_path / "r0")  # an older run without citations.csv
    assert len(diff_runs(older, new).citations_added) == 3


def test_anonymous_citations_fall_back_on_other_fields(tmp_path):
    a = ("mali", "5", "1", "interview", "", "", "", "", "Interview with a local official, Mopti, March 2018.")
    b = ("mali", "6", "1", "interview", "", "", "", "", "Interview with a trader, Gao, May 2018.")
    ch = diff_runs(write_run(tmp_path / "r1", citations=[a]), write_run(tmp_path / "r2", citations=[b]))
    assert len(ch.citations_added) == 1 and len(ch.citations_removed) == 1


# ---------------------------------------------------------------- changes.csv and summary.md


def test_changes_rows_and_csv(tmp_path):
    old = write_run(tmp_path / "r1", ENTITIES_1, EDGES_1, CIT_1, DOCS_1)
    new = write_run(tmp_path / "r2", ENTITIES_2, EDGES_2, CIT_2, DOCS_2)
    rows = changes_rows(diff_runs(old, new))
    assert rows == changes_rows(diff_runs(old, new))  # deterministic
    kinds = [r["change"] for r in rows]
    assert kinds == sorted(kinds, key=CHANGE_KINDS.index)
    assert set(kinds) == set(CHANGE_KINDS)
    assert all(set(r) == set(CHANGES_COLUMNS) for r in rows)
    by = {(r["change"], r["key"]): r for r in rows}
    assert by[("edge_weight_changed", "mnla|iyad|paragraph")] == {
        "change": "edge_weight_changed", "key": "mnla|iyad|paragraph", "name": "MNLA — Iyad Ag Ghaly",
        "detail": "paragraph", "old": "4", "new": "6"}
    assert by[("entity_added", "minusma")]["new"] == "7"
    assert by[("entity_removed", "gatia")]["old"] == "4"
    assert by[("citation_added", "mali:1.1")]["name"] == "New Report"
    write_csv(tmp_path / "changes.csv", CHANGES_COLUMNS, rows)
    back = read(tmp_path / "changes.csv")
    assert [r["key"] for r in back] == [r["key"] for r in rows]
    assert any(r["name"] == "'=SUM(A1)" for r in back)  # guarded in the file


def test_changes_markdown(tmp_path):
    old = write_run(tmp_path / "r1", ENTITIES_1, EDGES_1, CIT_1, DOCS_1)
    new = write_run(tmp_path / "r2", ENTITIES_2, EDGES_2, CIT_2, DOCS_2)
    text = changes_markdown(diff_runs(old, new), "r1", top=1)
    assert "## Changes since run r1" in text
    assert "Entities: 2 added, 1 removed." in text
    assert "Edges: 1 added, 1 removed, 1 reweighted." in text
    assert "Citations: 1 added, 2 removed." in text
    assert "- Entities added: MINUSMA (INTL_ORG, 7) and 1 more" in text
    assert "- New documents: burkina" in text
    same = changes_markdown(diff_runs(old, old), "r1")
    assert "Nothing changed." in same and "0 added" in same


def test_changes_markdown_escapes_document_text():
    from extractors.outputs.history import Changes, EntityChange

    ch = Changes(entities_added=(EntityChange("x", "[click](javascript:alert(1)) <b>|", "PERSON", "1"),))
    text = changes_markdown(ch, "r0")
    assert "\\[click\\](javascript:alert(1)) \\<b\\>\\|" in text
