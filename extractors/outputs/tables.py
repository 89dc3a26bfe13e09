"""Writing tables as the output contract says: CSV, UTF-8, RFC 4180, spreadsheet-safe.

Multi-valued cells are joined with " | ", booleans are true/false, None is empty. A text cell
that starts with =, +, -, @, tab or carriage return gets a leading apostrophe so spreadsheets
show it as text and never evaluate it (`extractors.storage.unguard` takes it off again).
"""
from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from extractors.citations.tables import (CITATION_COLUMNS, ENTITY_CITATION_COLUMNS, INTERVIEW_COLUMNS, SOURCE_COLUMNS,
                                         citation_row)
from extractors.model import Document, Footnote, Sentence
from extractors.storage import atomic_file, guard

JOIN = " | "


def cell(value) -> str | int | float:
    kind = type(value)
    if kind is str:  # most cells (and ints next): what the tests below come to for them, sooner
        return guard(value)
    if kind is int:
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.6g}" if abs(value) < 1e6 else f"{value:.0f}"
    if isinstance(value, int):
        return value
    if isinstance(value, (tuple, list, frozenset, set)):
        return guard(JOIN.join(str(v) for v in value))
    return guard(str(value))


def _write_rows(fh, columns: Sequence[str], rows: Iterable[Mapping]) -> None:
    writer = csv.writer(fh, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(v) for v in map(row.get, columns)])


def to_csv(columns: Sequence[str], rows: Iterable[Mapping]) -> str:
    buf = io.StringIO()
    _write_rows(buf, columns, rows)
    return buf.getvalue()


def write_text(path: Path, text: str) -> None:
    """Atomic write: a reader never sees half a file."""
    with atomic_file(path) as fh:
        fh.write(text)


def write_csv(path: Path, columns: Sequence[str], rows: Iterable[Mapping]) -> None:
    """The same bytes as `write_text(path, to_csv(columns, rows))`, written row by row (never the
    whole table in memory: sentences.csv holds the text of every document), atomically."""
    with atomic_file(path) as fh:
        _write_rows(fh, columns, rows)


DOCUMENT_COLUMNS = ("doc_id", "path", "sha256", "format", "title", "pages", "language", "status", "error",
                    "sentences", "footnotes", "date", "date_source", "warnings")
# the date a sentence speaks of (extractors.ingest.dates.SentenceDate): ISO start and end, basis
# (text, context, document) and the expressions that gave it
SENTENCE_DATE_COLUMNS = ("date_start", "date_end", "date_basis", "date_text")
SENTENCE_COLUMNS = ("doc_id", "sentence_id", "paragraph_id", "page", "section", "zone", "text",
                    "footnotes") + SENTENCE_DATE_COLUMNS
FOOTNOTE_COLUMNS = ("doc_id", "n", "page", "section", "anchor_sentence_id", "anchor_text", "text", "kind",
                    "n_citations", "urls")


def document_row(d: Document, date: tuple[str, str] | None = None) -> dict:
    """``date``: the document's date and where it was found (extractors.ingest.dates.document_date)."""
    date_, source = date or (None, None)
    return {
        "doc_id": d.doc_id, "path": d.path, "sha256": d.sha256, "format": d.format, "title": d.title,
        "pages": d.pages, "language": d.language, "status": d.status, "error": d.error,
        "sentences": len(d.sentences) if d.status == "ok" else None,
        "footnotes": len(d.footnotes) if d.status == "ok" else None,
        "date": date_ or None, "date_source": source or None,
        # what the reading set aside or could not read (pages left out, scanned pages), as summary.md lists it
        "warnings": " | ".join(d.warnings) or None,
    }


def date_cells(date) -> dict:
    """The date columns of a sentence (or of a mention, from its sentence's date)."""
    if date is None:
        return {}
    return {"date_start": date.start or None, "date_end": date.end or None, "date_basis": date.basis or None,
            "date_text": date.expressions or None}


def sentence_row(s: Sentence, date=None) -> dict:
    return {
        "doc_id": s.doc_id, "sentence_id": s.sentence_id, "paragraph_id": s.paragraph_id, "page": s.page,
        "section": s.section, "zone": s.zone, "text": s.text, "footnotes": s.footnotes, **date_cells(date),
    }


def footnote_row(f: Footnote, parse: Mapping | None = None) -> dict:
    parse = parse or {}
    return {
        "doc_id": f.doc_id, "n": f.n, "page": f.page, "section": f.section,
        "anchor_sentence_id": f.anchor_sentence_id, "anchor_text": f.anchor_text, "text": f.text,
        "kind": parse.get("kind"), "n_citations": parse.get("n_citations"),
        "urls": " ".join(parse.get("urls", ())) or None,
    }


ENTITY_COLUMNS = ("entity_id", "name", "type", "in_gazetteer", "status", "mentions", "documents", "surface_forms",
                  "degree", "weighted_degree", "betweenness", "community", "lat", "lon", "first_year", "last_year")
MENTION_COLUMNS = ("doc_id", "sentence_id", "page", "zone", "start", "end", "text", "entity_id", "type",
                   "method", "score", "date_start", "date_end", "date_basis")
CANDIDATE_COLUMNS = ("candidate_id", "surface", "type", "count", "documents", "suggested_entity_id", "score",
                     "example_sentence_id", "example", "reason", "suggestions", "evidence", "cluster", "entity_id",
                     "decision")
RUNS_COLUMNS = ("run_id", "start", "end", "status", "documents", "new", "changed", "unchanged", "removed", "failed",
                "note")
CHANGES_COLUMNS = ("change", "key", "name", "detail", "old", "new")
EDGE_COLUMNS = ("source", "target", "source_name", "target_name", "window", "weight", "documents", "npmi",
                "jaccard", "evidence", "first_year", "last_year", "years", "undated")
TIMELINE_COLUMNS = ("entity_id", "name", "type", "date_start", "date_end", "date_basis", "doc_id", "page",
                    "sentence_id", "text")  # rows: extractors.network.timeline.timeline_rows


def entity_row(e, metrics=None, years=None) -> dict:
    """``years``: the years its mentions speak of (a Counter or any collection of years)."""
    row = {
        "entity_id": e.entity_id, "name": e.name, "type": e.type, "in_gazetteer": e.in_gazetteer,
        "status": e.status, "mentions": e.mentions, "documents": len(e.documents), "surface_forms": e.surface_forms,
        "lat": e.lat, "lon": e.lon,
    }
    if metrics is not None:
        row.update(degree=metrics.degree, weighted_degree=metrics.weighted_degree,
                   betweenness=metrics.betweenness, community=metrics.community)
    if years:
        row.update(first_year=min(years), last_year=max(years))
    return row


def mention_row(m, date=None) -> dict:
    """``date``: the SentenceDate of the mention's sentence."""
    row = {c: getattr(m, c) for c in MENTION_COLUMNS if hasattr(m, c)}
    row.update(date_cells(date))
    row.pop("date_text", None)
    return row


def candidate_row(c) -> dict:
    """A queued candidate (`extractors.entities.candidates.QueuedCandidate`): its suggestions as
    "entity_id score (method: reason)", its evidence as "doc_id p. N: sentence"."""
    row = {col: getattr(c, col, None) for col in CANDIDATE_COLUMNS}
    row["documents"] = len(c.documents)
    row["suggestions"] = tuple(f"{s.entity_id} {s.score:g} ({s.method}: {s.reason})" for s in c.suggestions)
    row["evidence"] = tuple(f"{e.doc_id} p. {'?' if e.page is None else e.page}: {e.text}" for e in c.evidence)
    row["decision"] = ""
    return row


def edge_row(e, names, time=None) -> dict:
    """``time``: the edge's extractors.network.timeline.EdgeTime (years and undated windows)."""
    row = {
        "source": e.source, "target": e.target, "source_name": names.get(e.source, ""),
        "target_name": names.get(e.target, ""), "window": e.window, "weight": e.weight,
        "documents": e.documents, "npmi": e.npmi, "jaccard": e.jaccard, "evidence": e.evidence,
    }
    if time is not None and time.years:
        row.update(first_year=time.first_year, last_year=time.last_year,
                   years=JOIN.join(f"{y}:{n}" for y, n in time.years), undated=time.undated)
    return row


# ---------------------------------------------------------------- the registry of output files

@dataclass(frozen=True)
class OutputTable:
    """One CSV file of a run folder: its name, its columns (in order), and how one row is made.
    `row` is None where the rows are made whole by their stage (aggregates)."""

    name: str
    columns: tuple[str, ...]
    row: Callable[..., Mapping] | None = None
    integers: tuple[str, ...] = ()  # columns holding whole numbers (written as 12, never 12.0)

    def dtypes(self) -> dict[str, str]:
        """For `pandas.read_csv(path, dtype=table.dtypes())`: the integer columns as pandas'
        nullable "Int64", so a column with empty cells (a markdown document has no pages) is
        read as integers, not floats. Columns that are never empty read as int64 anyway."""
        return {c: "Int64" for c in self.integers}

    def write(self, folder: Path, rows: Iterable[Mapping]) -> Path:
        path = Path(folder) / self.name
        write_csv(path, self.columns, rows)
        return path

    def text(self, rows: Iterable[Mapping]) -> str:
        return to_csv(self.columns, rows)


DOCUMENTS = OutputTable("documents.csv", DOCUMENT_COLUMNS, document_row, ("pages", "sentences", "footnotes"))
SENTENCES = OutputTable("sentences.csv", SENTENCE_COLUMNS, sentence_row, ("page",))
FOOTNOTES = OutputTable("footnotes.csv", FOOTNOTE_COLUMNS, footnote_row, ("n", "page", "n_citations"))
CITATIONS = OutputTable("citations.csv", CITATION_COLUMNS, citation_row, ("footnote", "idx", "year", "backref"))
INTERVIEWS = OutputTable("interviews.csv", INTERVIEW_COLUMNS)  # rows: citations.tables.interview_rows
# rows: sources.documents.SourceRow.as_row
SOURCES = OutputTable("sources.csv", SOURCE_COLUMNS, None, ("http_status", "chars"))
ENTITIES = OutputTable("entities.csv", ENTITY_COLUMNS, entity_row,
                       ("mentions", "documents", "degree", "weighted_degree", "community", "first_year", "last_year"))
MENTIONS = OutputTable("mentions.csv", MENTION_COLUMNS, mention_row, ("page", "start", "end"))
CANDIDATES = OutputTable("candidates.csv", CANDIDATE_COLUMNS, candidate_row, ("count", "documents"))
EDGES = OutputTable("edges.csv", EDGE_COLUMNS, edge_row, ("weight", "documents", "first_year", "last_year", "undated"))
# rows: extractors.network.timeline.timeline_rows
TIMELINE = OutputTable("timeline.csv", TIMELINE_COLUMNS, None, ("page",))
# rows: citations.tables.entity_citation_rows
ENTITY_CITATIONS = OutputTable("entity_citations.csv", ENTITY_CITATION_COLUMNS, None, ("footnote", "idx"))
CHANGES = OutputTable("changes.csv", CHANGES_COLUMNS)  # rows: history.changes_rows
# outputs/runs.csv, one row appended per run
RUNS = OutputTable("runs.csv", RUNS_COLUMNS, None, ("documents", "new", "changed", "unchanged", "removed", "failed"))
RUN_TABLES = (DOCUMENTS, SENTENCES, FOOTNOTES, CITATIONS, INTERVIEWS, SOURCES, ENTITIES, MENTIONS, CANDIDATES,
              EDGES, ENTITY_CITATIONS, CHANGES, TIMELINE)  # the tables of every run folder

# the other files of a run folder
SUMMARY = "summary.md"
CITATIONS_CHART = "citations.png"
PARAGRAPH_GEXF = "network-paragraph.gexf"  # the paragraph-window graph (network.gexf: sentence window)
PARAGRAPH_GRAPHML = "network-paragraph.graphml"
TIMELINE_CHART = "timeline.png"  # mentions per year of the most mentioned actors
GRAPH_FILES = ("network.gexf", "network.graphml", PARAGRAPH_GEXF, PARAGRAPH_GRAPHML, "network.png", "network.html",
               TIMELINE_CHART)
REVIEW_PAGE = "candidates.html"  # the review queue as a page (beside candidates.csv)
GRAPH_KEY = "network.key"  # digest of what the graph files were drawn from (reused when unchanged)
NETWORKS_DIR = "networks"  # one network per document: <doc_id>.edges.csv, .gexf, .graphml
