"""summary.md: what a run found, in words a reader takes in at a glance.

The one place the summary is written: `summary_markdown` assembles it from the stages' results
(`RunFacts`), one section function per stage, each starting with an empty line.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from extractors.citations.parse import FootnoteParse
from extractors.citations.tables import citation_language
from extractors.citations.urls import url_domain
from extractors.entities.candidates import Queue
from extractors.entities.recognize import Recognition
from extractors.model import Citation, Document, Edge
from extractors.text import plural
from extractors.outputs.history import Changes, changes_rows, edge_name


@dataclass(frozen=True)
class RunFacts:
    """What the stages of one run found: everything summary.md says."""

    run_id: str
    documents: Sequence[Document]
    read: int = 0  # documents read from their files in this run
    cached: int = 0  # documents taken from the cache
    changes: Changes | None = None
    previous_run_id: str | None = None
    citations: Sequence[Citation] = ()
    parses: Sequence[FootnoteParse] = ()
    sources: Sequence = ()  # SourceRow
    sources_seconds: float = 0.0
    recognition: Recognition | None = None
    queue: Queue | None = None  # the review queue (candidates.csv) and the names left out of it
    network_entities: int = 0  # entities in the body text (the network's nodes)
    edges: Sequence[Edge] = ()
    names: dict = field(default_factory=dict)  # entity id -> name
    sentence_dates: Sequence = ()  # extractors.ingest.dates.SentenceDate, one per sentence
    document_dates: dict = field(default_factory=dict)  # doc_id -> (date, where it was found)


def summary_markdown(facts: RunFacts) -> str:
    parts = documents_section(facts.run_id, facts.documents)
    parts.append(reading_section(facts.read, facts.cached))
    if facts.changes is not None:
        parts.append(changes_section(facts.changes, facts.previous_run_id))
    if facts.parses:
        parts.append(citations_section(facts.citations, facts.parses))
    parts.append(sources_section(facts.sources, facts.sources_seconds))
    if facts.recognition is not None:
        parts.append(recognition_section(facts.recognition, facts.queue))
    parts.append(network_section(facts.network_entities, facts.edges, facts.names))
    if facts.sentence_dates:
        parts.append(time_section(facts.sentence_dates, facts.document_dates))
    return "\n".join(parts).rstrip() + "\n"


def time_section(dates: Sequence, document_dates: dict) -> str:
    """How the sentences were dated, and the years the text speaks of most."""
    bases = Counter(d.basis or "none" for d in dates)
    years = Counter(y for d in dates if d.basis in ("text", "context") for y in d.years)
    found = Counter(source or "no date" for _, source in document_dates.values())
    top = sorted(years.items(), key=lambda kv: (-kv[1], kv[0]))[:8]
    return "\n".join([
        "", "## Time", "",
        f"{len(dates)} sentences: {bases.get('text', 0)} state a date, {bases.get('context', 0)} take one from their "
        f"paragraph, {bases.get('document', 0)} have only their document's date"
        + (f", {bases['none']} none (their document has no date)" if bases.get("none") else "") + ". "
        "Documents dated by: " + ", ".join(f"{k} {n}" for k, n in sorted(found.items())) + ". "
        "Years most spoken of: " + (", ".join(f"{y} ({n} sentences)" for y, n in top) or "none") + ". "
        "(timeline.csv, timeline.png; edges.csv and the graph files carry years.)",
    ])


def md_table(header: Sequence[str], rows: Sequence[Sequence]) -> str:
    def esc(v) -> str:
        return str("" if v is None else v).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(esc(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def documents_section(run_id: str, documents: Sequence[Document]) -> list[str]:
    statuses = Counter(d.status for d in documents)
    ok = [d for d in documents if d.status == "ok"]
    zones = Counter(s.zone for d in ok for s in d.sentences)
    pages = sum(d.pages or 0 for d in ok)
    footnotes = sum(len(d.footnotes) for d in ok)
    anchored = sum(1 for d in ok for f in d.footnotes if f.anchor_sentence_id)
    parts = [
        f"# reportgraph run {run_id}",
        "",
        f"**{plural(len(documents), 'document')}**: " + ", ".join(f"{n} {s}" for s, n in sorted(statuses.items())) + ".",
        f"{pages} pages, {sum(zones.values())} sentences "
        f"({', '.join(f'{n} {z}' for z, n in sorted(zones.items()))}), "
        f"{footnotes} footnotes ({anchored} linked to the sentence carrying their marker).",
        "",
        "## Documents",
        "",
        md_table(
            ["doc_id", "format", "pages", "language", "status", "sentences", "footnotes", "title / error"],
            [
                [d.doc_id, d.format, d.pages, d.language, d.status, len(d.sentences), len(d.footnotes),
                 d.error or d.title]
                for d in documents
            ],
        ),
    ]
    failed = [d for d in documents if d.status == "failed"]
    if failed:
        parts += ["", "## Problems", ""] + [f"- `{d.path}`: {d.error}" for d in failed]
    warned = [(d, w) for d in ok for w in d.warnings]
    if warned:
        parts += ["", "## Warnings", ""] + [f"- `{d.path}`: {w}" for d, w in warned]
    return parts


def reading_section(read: int, cached: int) -> str:
    return (f"\n{plural(read, 'document')} read from their files, {cached} taken from the cache "
            f"(unchanged since an earlier run).")


_MD_SPECIAL = re.compile(r"([\\`*\[\]<>|])")


def _md(text: str, limit: int = 80) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return _MD_SPECIAL.sub(r"\\\1", text)


def _top(items: Sequence, show, n: int) -> str:
    shown = ", ".join(show(x) for x in items[:n])
    return shown + (f" and {len(items) - n} more" if len(items) > n else "")


def changes_section(changes: Changes, previous_run_id: str | None, top: int = 5) -> str:
    """The "Changes since run X" section of summary.md (counts, then the first few of each kind),
    in the form of the other sections: starts with an empty line, no trailing newline."""
    if not previous_run_id:
        return "\n## Changes since the previous run\n\nFirst run: there is no earlier run to compare with."
    docs = changes.documents
    c = changes.count
    lines = [
        "", f"## Changes since run {_md(previous_run_id)}", "",
        f"Documents: {len(docs['new'])} new, {len(docs['changed'])} changed, {len(docs['removed'])} removed, "
        f"{len(docs['unchanged'])} unchanged. "
        f"Entities: {c('entity_added')} added, {c('entity_removed')} removed. "
        f"Edges: {c('edge_added')} added, {c('edge_removed')} removed, {c('edge_weight_changed')} reweighted. "
        f"Citations: {c('citation_added')} added, {c('citation_removed')} removed.",
    ]
    if not changes_rows(changes) and not (docs["new"] or docs["changed"] or docs["removed"]):
        return "\n".join(lines + ["", "Nothing changed."])
    lines.append("")
    entity = lambda e: f"{_md(e.name or e.entity_id)} ({_md(e.type)}, {e.mentions or 0})"  # noqa: E731
    edge = lambda e: f"{_md(edge_name(e))} ({_md(e.window)}: {e.old or '–'} → {e.new or '–'})"  # noqa: E731
    cite = lambda x: f"{_md(x.doc_id)} fn {x.footnote}: {_md(x.label, 60)}"  # noqa: E731
    groups = [
        ("New documents", docs["new"], _md), ("Changed documents", docs["changed"], _md),
        ("Removed documents", docs["removed"], _md),
        ("Entities added", changes.entities_added, entity), ("Entities removed", changes.entities_removed, entity),
        ("Edges changed", changes.edges, edge),
        ("Citations added", changes.citations_added, cite), ("Citations removed", changes.citations_removed, cite),
    ]
    lines += [f"- {title}: {_top(items, show, top)}" for title, items, show in groups if items]
    return "\n".join(lines)


def citations_section(citations: Sequence[Citation], parses: Sequence[FootnoteParse]) -> str:
    entries = sum(1 for c in citations if c.cited_in == "references")
    in_text = sum(1 for c in citations if c.cited_in == "text")
    citations = [c for c in citations if c.cited_in == "footnote"]
    kinds = Counter(p.kind for p in parses)
    outlets = Counter(c.outlet for c in citations if c.kind == "publication" and c.outlet)
    domains = Counter(url_domain(u) for c in citations for u in c.urls[:1])
    languages = Counter(citation_language(c) or "unknown" for c in citations if c.kind == "publication")
    years = Counter(c.year for c in citations if c.year)
    interviews = [c for c in citations if c.kind == "interview"]
    anonymous = sum(1 for c in interviews if c.anonymous)
    lines = [
        "", "## Citations", "",
        f"{len(parses)} footnotes ({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))}) hold "
        f"{len(citations)} citations: {sum(1 for c in citations if c.kind == 'publication')} publications and "
        f"{len(interviews)} interviews ({anonymous} anonymous); "
        f"{len({u for c in citations for u in c.urls})} distinct URLs. Chart: citations.png.",
        *([f"Reference lists: {entries} entries, cited {in_text} times in the text (author-date).", ""]
          if entries else [""]),
        "Top outlets: " + ", ".join(f"{o} ({n})" for o, n in sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0]))[:10]) + ".",
        "",
        "Top domains: " + ", ".join(f"{d} ({n})" for d, n in sorted(domains.items(), key=lambda kv: (-kv[1], kv[0]))[:10]) + ".",
        "",
        "Languages of cited publications (from their titles): " + ", ".join(f"{l} {n}" for l, n in sorted(languages.items())) + ".",
        "",
        md_table(["year", "citations"], [[y, n] for y, n in sorted(years.items())]),
    ]
    return "\n".join(lines)


def sources_section(rows: Sequence, elapsed: float) -> str:
    counts = Counter(r.status for r in rows)
    line = ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))
    note = ""
    if rows and counts.get("offline", 0) + counts.get("failed", 0) == len(rows):
        note = " No source could be fetched: this machine looks offline (or every link is dead)."
    return "\n".join(["", "## Sources", "",
                      f"{len(rows)} distinct cited URLs: {line or 'none'} ({elapsed:.1f} s).{note}"])


def recognition_section(result: Recognition, queue: Queue | None = None) -> str:
    methods = Counter(m.method for m in result.mentions)
    types = Counter(e.type for e in result.entities)
    status = Counter(e.status for e in result.entities)
    top = sorted(result.entities, key=lambda e: (-e.mentions, e.entity_id))[:15]
    queued = len(queue.candidates) if queue is not None else len(result.candidates)
    left = Counter(x.why for x in queue.left_out) if queue is not None else Counter()
    return "\n".join([
        "", "## Entities", "",
        f"{len(result.entities)} entities ({status.get('gazetteer', 0)} from the gazetteer, "
        f"{status.get('decision', 0)} accepted in review, {status.get('unreviewed', 0)} unreviewed), "
        f"{len(result.mentions)} mentions (" + ", ".join(f"{n} {m}" for m, n in sorted(methods.items())) + "), "
        f"{queued} candidates for review in candidates.csv and candidates.html"
        + (f" ({sum(left.values())} names left out of the queue: "
           + ", ".join(f"{n} {LEFT_OUT.get(w, w)}" for w, n in sorted(left.items(), key=lambda kv: (-kv[1], kv[0]))) + ")"
           if left else "") + ".",
        "",
        "By type: " + ", ".join(f"{t} {n}" for t, n in sorted(types.items())) + ".",
        *without_model_line(result.without_model),
        "",
        md_table(["entity", "type", "mentions", "documents"],
                 [[e.name, e.type, e.mentions, len(e.documents)] for e in top]),
    ])


def without_model_line(docs: Sequence[tuple[str, str]]) -> list[str]:
    """The documents in a language no statistical model reads: their names are the gazetteer's."""
    if not docs:
        return []
    langs = Counter(lang for _, lang in docs)
    return ["", f"{plural(len(docs), 'document')} in a language with no statistical model here ("
            + ", ".join(f"{lang} {n}" for lang, n in sorted(langs.items()))
            + "): names found only from the gazetteer, the review and the acronyms a document defines."]


LEFT_OUT = {
    "citation": "only in citations", "attribution": "named as the author of a cited work",
    "matter": "only in front or back matter", "common word": "common words", "title fragment": "title fragments",
    "demonym": "demonyms", "rule": "rejected by a review rule",
}


def network_section(entities: int, edges: Sequence[Edge], names: dict) -> str:
    by_window = Counter(e.window for e in edges)
    strongest = sorted((e for e in edges if e.window == "sentence"), key=lambda e: (-e.weight, e.source, e.target))[:10]
    return "\n".join([
        "", "## Network", "",
        f"{entities} entities in the body text; {by_window.get('sentence', 0)} sentence-window and "
        f"{by_window.get('paragraph', 0)} paragraph-window edges (files: edges.csv, network.gexf, "
        "network.graphml, network.html, network.png; each document's own network under networks/).",
        "",
        md_table(["pair", "sentences together", "npmi"],
                 [[f"{names.get(e.source, e.source)} — {names.get(e.target, e.target)}", e.weight, e.npmi] for e in strongest]),
    ])
