"""Run history (`runs.csv` beside `runs/`) and what changed between two run folders.

`diff_runs` reads the tables of two runs (a table missing from an older run counts as empty)
and lists entities, edges and citations that appeared, went away or changed weight.
Citations are matched on what they cite (document, title, URL, interviewee), not on their
footnote number, so renumbered footnotes do not show up as changes.
"""
from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from extractors.text import fold
from extractors.outputs import tables
from extractors.outputs.tables import RUNS_COLUMNS, write_csv
from extractors.storage import unguard

CHANGE_KINDS = ("entity_added", "entity_removed", "edge_added", "edge_removed", "edge_weight_changed",
                "citation_added", "citation_removed")
DOC_CLASSES = ("new", "changed", "unchanged", "removed")
CITATION_KEY = ("doc_id", "title", "url", "interviewee")
CITATION_FALLBACK = ("kind", "authors", "outlet", "year", "date", "interview_place", "interview_date", "text")


# ---------------------------------------------------------------- reading tables


def read_table(path: Path) -> list[dict[str, str]]:
    """Rows of a CSV with the spreadsheet guard undone; a missing file is an empty table."""
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return [{k: unguard(v or "") for k, v in row.items() if k is not None} for row in csv.DictReader(fh)]


def read_run_table(folder: Path | None, name: str) -> list[dict[str, str]]:
    return read_table(folder / name) if folder is not None else []


# ---------------------------------------------------------------- runs.csv


def last_run_id(out: Path) -> str:
    """The greatest run id of an output folder: its rows of runs.csv (refused runs included) and
    its run folders; "" for a new folder."""
    ids = [r.get("run_id", "") for r in read_table(Path(out) / tables.RUNS.name)]
    runs = Path(out) / "runs"
    if runs.is_dir():
        ids += [p.name for p in runs.iterdir() if p.is_dir() and not p.name.startswith(".")]
    return max(ids, default="")


def append_run(out: Path, row: Mapping) -> Path:
    """Add (or replace) one run's row in out/runs.csv, rows in run_id order; atomic rewrite."""
    path = Path(out) / tables.RUNS.name
    rows = {r.get("run_id", ""): r for r in read_table(path)}
    rows[str(row["run_id"])] = dict(row)
    extra = sorted({k for r in rows.values() for k in r} - set(RUNS_COLUMNS))
    path.parent.mkdir(parents=True, exist_ok=True)
    write_csv(path, RUNS_COLUMNS + tuple(extra), (rows[k] for k in sorted(rows)))
    return path


def run_row(run_id: str, start: str, end: str, status: str, changes: Changes | None = None, note: str = "") -> dict:
    """A runs.csv row; the document counts come from `diff_runs` (empty without it). `status`:
    ok, failed, or refused (a shrink refused before anything was read; `note` says why)."""
    row = {"run_id": run_id, "start": start, "end": end, "status": status}
    if note:
        row["note"] = note
    if changes is not None:
        docs = changes.documents
        row["documents"] = sum(len(docs[c]) for c in ("new", "changed", "unchanged"))
        row["failed"] = len(changes.failed_documents)
        row.update({c: len(docs[c]) for c in DOC_CLASSES})
    return row


# ---------------------------------------------------------------- refusing a shrinking run


class ShrinkRefused(ValueError):
    """A run would replace a non-empty latest with no documents, or lose too many of them."""


@dataclass(frozen=True)
class Shrink:
    previous: int  # corpus documents of the latest run
    current: int  # documents in the corpus now
    lost: tuple[str, ...]  # doc_ids of the latest run that the corpus no longer holds

    @property
    def share(self) -> float:
        return len(self.lost) / self.previous if self.previous else 0.0


def shrink(previous_ids: Iterable[str], current_ids: Iterable[str]) -> Shrink:
    previous, current = set(previous_ids), set(current_ids)
    return Shrink(len(previous), len(current), tuple(sorted(previous - current)))


def shrink_problem(s: Shrink, max_share: float) -> str | None:
    """Why a run of this corpus must not replace latest (None: it may): no documents where latest
    has some, or more than `max_share` of latest's documents gone."""
    if s.previous == 0:
        return None
    if s.current == 0:
        return f"the corpus holds no documents, and latest has {s.previous}"
    if s.share > max_share:
        shown = ", ".join(s.lost[:3]) + (f" and {len(s.lost) - 3} more" if len(s.lost) > 3 else "")
        return (f"{len(s.lost)} of latest's {s.previous} documents are gone from the corpus ({s.share:.0%}, "
                f"more than the {max_share:.0%} allowed): {shown}")
    return None


# ---------------------------------------------------------------- documents


def classify_documents(previous: Mapping[str, str], current: Mapping[str, str]) -> dict[str, list[str]]:
    """doc_ids as new, changed (other sha256), unchanged and removed; each list sorted."""
    return {
        "new": sorted(d for d in current if d not in previous),
        "changed": sorted(d for d in current if d in previous and previous[d] != current[d]),
        "unchanged": sorted(d for d in current if d in previous and previous[d] == current[d]),
        "removed": sorted(d for d in previous if d not in current),
    }


def corpus_rows(rows: Iterable[Mapping[str, str]]) -> list[Mapping[str, str]]:
    """documents.csv rows of corpus documents (fetched sources, whose path is a URL, left out)."""
    return [r for r in rows if r.get("doc_id") and "://" not in r.get("path", "")]


def document_hashes(rows: Iterable[Mapping[str, str]]) -> dict[str, str]:
    """doc_id -> sha256 of the corpus documents in documents.csv rows."""
    return {r["doc_id"]: r.get("sha256", "") for r in corpus_rows(rows)}


# ---------------------------------------------------------------- changes


@dataclass(frozen=True)
class EntityChange:
    entity_id: str
    name: str
    type: str
    mentions: str


@dataclass(frozen=True)
class EdgeChange:
    kind: str  # edge_added | edge_removed | edge_weight_changed
    source: str
    target: str
    window: str
    source_name: str
    target_name: str
    old: str  # "" when the edge is new
    new: str  # "" when the edge was removed


@dataclass(frozen=True)
class CitationChange:
    doc_id: str
    footnote: str
    idx: str
    kind: str
    label: str  # title, else interviewee, authors, URL or text
    url: str


@dataclass(frozen=True)
class Changes:
    documents: dict = field(default_factory=lambda: {c: [] for c in DOC_CLASSES})  # corpus documents only
    failed_documents: tuple[str, ...] = ()  # corpus documents of the current run with status failed
    entities_added: tuple[EntityChange, ...] = ()
    entities_removed: tuple[EntityChange, ...] = ()
    edges: tuple[EdgeChange, ...] = ()  # added, removed and reweighted
    citations_added: tuple[CitationChange, ...] = ()
    citations_removed: tuple[CitationChange, ...] = ()

    def count(self, kind: str) -> int:
        if kind.startswith("edge_"):
            return sum(e.kind == kind for e in self.edges)
        return len({"entity_added": self.entities_added, "entity_removed": self.entities_removed,
                    "citation_added": self.citations_added, "citation_removed": self.citations_removed}[kind])


def _number(text: str) -> float | None:
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def _same_weight(a: str, b: str) -> bool:
    x, y = _number(a), _number(b)
    return x == y if x is not None and y is not None else a.strip() == b.strip()


def _entity(row: Mapping[str, str]) -> EntityChange:
    return EntityChange(row.get("entity_id", ""), row.get("name", ""), row.get("type", ""), row.get("mentions", ""))


def entity_changes(previous: list[dict], current: list[dict]) -> tuple[tuple, tuple]:
    """(added, removed) entities by entity_id, most mentioned first."""
    old = {r["entity_id"]: r for r in previous if r.get("entity_id")}
    new = {r["entity_id"]: r for r in current if r.get("entity_id")}
    order = lambda e: (-(_number(e.mentions) or 0), e.entity_id)  # noqa: E731
    added = sorted((_entity(new[k]) for k in new.keys() - old.keys()), key=order)
    removed = sorted((_entity(old[k]) for k in old.keys() - new.keys()), key=order)
    return tuple(added), tuple(removed)


def _edge_key(row: Mapping[str, str]) -> tuple[str, str, str]:
    a, b = sorted((row.get("source", ""), row.get("target", "")))
    return a, b, row.get("window", "")


def edge_changes(previous: list[dict], current: list[dict]) -> tuple[EdgeChange, ...]:
    """Edges added, removed or with another weight, keyed by (pair, window); biggest change first."""
    old = {}
    for r in previous:
        old.setdefault(_edge_key(r), r)
    new = {}
    for r in current:
        new.setdefault(_edge_key(r), r)
    out = []
    for key in old.keys() | new.keys():
        o, n = old.get(key), new.get(key)
        ow, nw = (o or {}).get("weight", ""), (n or {}).get("weight", "")
        if o and n and _same_weight(ow, nw):
            continue
        kind = "edge_weight_changed" if o and n else "edge_added" if n else "edge_removed"
        row = n or o
        out.append(EdgeChange(kind, row.get("source", ""), row.get("target", ""), key[2],
                              row.get("source_name", ""), row.get("target_name", ""), ow, nw))
    delta = lambda e: abs((_number(e.new) or 0) - (_number(e.old) or 0))  # noqa: E731
    return tuple(sorted(out, key=lambda e: (-delta(e), e.source, e.target, e.window)))


def citation_key(row: Mapping[str, str]) -> tuple[str, ...]:
    """What a citation cites, independent of its footnote number (fallback fields if it names nothing)."""
    key = tuple(fold(row.get(c, "")) if c != "url" else row.get(c, "").strip() for c in CITATION_KEY)
    if any(key[1:]):
        return key
    return key + tuple(fold(row.get(c, "")) for c in CITATION_FALLBACK)


def _position(row: Mapping[str, str]) -> tuple:
    return (row.get("doc_id", ""), _number(row.get("footnote", "")) or 0, _number(row.get("idx", "")) or 0)


def _citation(row: Mapping[str, str]) -> CitationChange:
    label = next((row.get(c, "") for c in ("title", "interviewee", "authors", "url", "text") if row.get(c)), "")
    return CitationChange(row.get("doc_id", ""), row.get("footnote", ""), row.get("idx", ""), row.get("kind", ""),
                          label, row.get("url", ""))


def citation_changes(previous: list[dict], current: list[dict]) -> tuple[tuple, tuple]:
    """(added, removed) citations; a key cited k times more (fewer) than before adds (removes) k."""
    old: dict[tuple, list] = {}
    new: dict[tuple, list] = {}
    for rows, groups in ((previous, old), (current, new)):
        for r in sorted(rows, key=_position):
            groups.setdefault(citation_key(r), []).append(r)
    added, removed = [], []
    for key in old.keys() | new.keys():
        o, n = old.get(key, []), new.get(key, [])
        added += n[len(o):]
        removed += o[len(n):]
    return (tuple(_citation(r) for r in sorted(added, key=_position)),
            tuple(_citation(r) for r in sorted(removed, key=_position)))


def diff_runs(previous_folder: Path | None, current_folder: Path) -> Changes:
    """What changed from one run folder to the next (previous None: everything is new)."""
    def both(name: str) -> tuple[list[dict], list[dict]]:
        return read_run_table(previous_folder, name), read_run_table(current_folder, name)

    old_docs, new_docs = both(tables.DOCUMENTS.name)
    entities_added, entities_removed = entity_changes(*both(tables.ENTITIES.name))
    citations_added, citations_removed = citation_changes(*both(tables.CITATIONS.name))
    return Changes(
        documents=classify_documents(document_hashes(old_docs), document_hashes(new_docs)),
        failed_documents=tuple(sorted(r["doc_id"] for r in corpus_rows(new_docs) if r.get("status") == "failed")),
        entities_added=entities_added,
        entities_removed=entities_removed,
        edges=edge_changes(*both(tables.EDGES.name)),
        citations_added=citations_added,
        citations_removed=citations_removed,
    )


# ---------------------------------------------------------------- changes.csv and summary.md


def _entity_rows(kind: str, items: Sequence[EntityChange]) -> list[dict]:
    added = kind == "entity_added"
    return [{"change": kind, "key": e.entity_id, "name": e.name, "detail": e.type,
             "old": "" if added else e.mentions, "new": e.mentions if added else ""} for e in items]


def edge_name(e: EdgeChange) -> str:
    return f"{e.source_name or e.source} — {e.target_name or e.target}"


def _citation_rows(kind: str, items: Sequence[CitationChange]) -> list[dict]:
    return [{"change": kind, "key": f"{c.doc_id}:{c.footnote}.{c.idx}", "name": c.label,
             "detail": " ".join(x for x in (c.kind, c.url) if x), "old": "", "new": ""} for c in items]


def changes_rows(changes: Changes) -> list[dict]:
    """Rows of changes.csv (CHANGES_COLUMNS), in CHANGE_KINDS order, biggest first within a kind."""
    rows = _entity_rows("entity_added", changes.entities_added)
    rows += _entity_rows("entity_removed", changes.entities_removed)
    for kind in ("edge_added", "edge_removed", "edge_weight_changed"):
        rows += [{"change": kind, "key": f"{e.source}|{e.target}|{e.window}", "name": edge_name(e),
                  "detail": e.window, "old": e.old, "new": e.new} for e in changes.edges if e.kind == kind]
    rows += _citation_rows("citation_added", changes.citations_added)
    rows += _citation_rows("citation_removed", changes.citations_removed)
    return rows
