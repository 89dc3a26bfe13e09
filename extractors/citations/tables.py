"""Citation tables: citations, distinct cited URLs (sources), interviews, entity × cited work,
counts for the summary and the citations chart."""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from extractors.citations.parse import FootnoteParse
from extractors.model import Citation, Document, Mention
from extractors.citations.urls import url_domain
from extractors.text import guess_language

CITATION_COLUMNS = ("doc_id", "footnote", "idx", "kind", "authors", "title", "outlet", "year", "date", "url",
                    "domain", "locator", "interviewee", "role", "interview_place", "interview_date", "anonymous",
                    "backref", "language", "urls", "author_kind", "doi", "document_symbol", "report_number",
                    "original_url", "cited_in", "ref", "sentence_id", "text")
SOURCE_COLUMNS = ("url", "domain", "doc_ids", "footnotes", "status", "http_status", "content_type", "language",
                  "chars", "path", "error", "final_url", "via_archive", "source_doc_id")
INTERVIEW_COLUMNS = ("doc_id", "interviewee", "role", "anonymous", "place", "date", "footnotes")
ENTITY_CITATION_COLUMNS = ("entity_id", "doc_id", "footnote", "idx", "url", "outlet", "title", "sentences")


def citation_language(c: Citation) -> str:
    """Language of the cited work, guessed from its title (interviews: empty)."""
    if c.kind != "publication" or not c.title:
        return ""
    return guess_language(c.title, min_hits=1)


def citation_row(c: Citation) -> dict:
    url = c.urls[0] if c.urls else ""
    return {
        "doc_id": c.doc_id, "footnote": c.footnote if c.cited_in == "footnote" else None, "idx": c.idx, "kind": c.kind, "authors": c.authors,
        "title": c.title, "outlet": c.outlet, "year": c.year, "date": c.date, "url": url,
        "domain": url_domain(url) if url else "", "locator": c.locator, "interviewee": c.interviewee,
        "role": c.role, "interview_place": c.interview_place, "interview_date": c.interview_date,
        "anonymous": c.anonymous, "backref": c.backref, "language": citation_language(c),
        "urls": " ".join(c.urls), "author_kind": c.author_kind, "doi": c.doi, "document_symbol": c.document_symbol,
        "report_number": c.report_number, "original_url": c.original_url, "cited_in": c.cited_in, "ref": c.ref,
        "sentence_id": c.sentence_id, "text": c.text,
    }


def footnote_parse_row(p: FootnoteParse) -> dict:
    return {"kind": p.kind, "n_citations": p.n_citations, "urls": p.urls}


@dataclass(frozen=True)
class CitedUrl:
    url: str
    domain: str
    doc_ids: tuple[str, ...]
    footnotes: tuple[str, ...]  # "doc_id#n"
    cited_date: str  # the earliest date of a citation of it (for archive snapshots)


def cited_urls(citations: Sequence[Citation]) -> list[CitedUrl]:
    by_url: dict[str, list[Citation]] = defaultdict(list)
    for c in citations:
        for u in c.urls:
            by_url[u].append(c)
    out = []
    for url in sorted(by_url):
        cs = by_url[url]
        dates = sorted(c.date for c in cs if c.date)
        out.append(CitedUrl(
            url, url_domain(url),
            tuple(sorted({c.doc_id for c in cs})),
            tuple(sorted({f"{c.doc_id}#{c.footnote}" for c in cs}, key=_footnote_key)),
            dates[0] if dates else "",
        ))
    return out


def _footnote_key(ref: str) -> tuple[str, int]:
    doc, _, n = ref.rpartition("#")
    return doc, int(n)


def interview_rows(citations: Sequence[Citation]) -> list[dict]:
    """One row per interview (interviewee, place and date), with every footnote citing it."""
    groups: dict[tuple, list[Citation]] = defaultdict(list)
    for c in citations:
        if c.kind == "interview":
            key = (c.doc_id, c.interviewee, c.interview_place, c.interview_date)
            groups[key].append(c)
    rows = []
    for (doc_id, who, place, date), cs in sorted(groups.items(), key=lambda kv: (kv[0][0], min(c.footnote for c in kv[1]))):
        rows.append({
            "doc_id": doc_id, "interviewee": who, "role": next((c.role for c in cs if c.role), ""),
            "anonymous": cs[0].anonymous, "place": place, "date": date,
            "footnotes": tuple(sorted({c.footnote for c in cs})),
        })
    return rows


def entity_citation_rows(documents: Sequence[Document], citations: Sequence[Citation],
                         mentions: Sequence[Mention]) -> list[dict]:
    """For every entity mentioned in a sentence that carries a footnote marker, the works that
    footnote cites; and in a sentence with an author-date citation, the work it cites."""
    carrying = {s.sentence_id: (s.doc_id, s.footnotes) for d in documents for s in d.sentences if s.footnotes}
    by_note: dict[tuple[str, int], list[Citation]] = defaultdict(list)
    in_text: dict[str, list[Citation]] = defaultdict(list)
    for c in citations:
        if c.cited_in == "footnote":
            by_note[(c.doc_id, c.footnote)].append(c)
        elif c.cited_in == "text":
            in_text[c.sentence_id].append(c)
    rows: dict[tuple, set[str]] = defaultdict(set)
    for m in mentions:
        if m.zone != "body":
            continue
        for c in in_text.get(m.sentence_id, ()):
            rows[(m.entity_id, c.doc_id, c.footnote, c.idx)].add(m.sentence_id)
        if m.sentence_id not in carrying:
            continue
        doc_id, notes = carrying[m.sentence_id]
        for n in notes:
            for c in by_note.get((doc_id, n), ()):
                rows[(m.entity_id, doc_id, n, c.idx)].add(m.sentence_id)
    cites = {(c.doc_id, c.footnote, c.idx): c for c in citations}
    out = []
    for (entity_id, doc_id, n, idx) in sorted(rows, key=lambda k: (k[0], k[1], k[2], k[3])):
        c = cites[(doc_id, n, idx)]
        out.append({
            "entity_id": entity_id, "doc_id": doc_id, "footnote": n or None, "idx": idx,
            "url": c.urls[0] if c.urls else "", "outlet": c.outlet or (f"interview: {c.interviewee}" if c.kind == "interview" else ""),
            "title": c.title, "sentences": tuple(sorted(rows[(entity_id, doc_id, n, idx)])),
        })
    return out


def source_kind(c: Citation) -> str:
    """A coarse kind of source for counts and the chart."""
    if c.kind == "interview":
        return "interview"
    return "online publication" if c.urls else "print publication"


def plot_citations(citations: Sequence[Citation], path: Path) -> Path:
    """citations.png: citations by year, stacked by kind of source, and the top outlets."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    kinds = ["interview", "online publication", "print publication"]
    colors = {"interview": "#d95f02", "online publication": "#1b9e77", "print publication": "#7570b3"}
    years = sorted({c.year for c in citations if c.year})
    counts = {k: [sum(1 for c in citations if c.year == y and source_kind(c) == k) for y in years] for k in kinds}
    outlets = Counter(c.outlet for c in citations if c.kind == "publication" and c.outlet)
    top = sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0]))[:12][::-1]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(13, 5.5), gridspec_kw={"width_ratios": [3, 2]})
    bottom = [0] * len(years)
    for k in kinds:
        ax1.bar([str(y) for y in years], counts[k], bottom=bottom, color=colors[k], label=f"{k} ({sum(counts[k])})")
        bottom = [b + v for b, v in zip(bottom, counts[k])]
    undated = sum(1 for c in citations if not c.year)
    ax1.set_title("Citations by year and kind of source" + (f" ({undated} undated)" if undated else ""))
    ax1.set_ylabel("citations")
    ax1.tick_params(axis="x", rotation=60)
    ax1.legend(frameon=False)
    ax1.spines[["top", "right"]].set_visible(False)
    ax2.barh([o if len(o) <= 38 else o[:36] + "…" for o, _ in top], [n for _, n in top], color="#1b9e77")
    ax2.set_title("Most cited outlets")
    ax2.set_xlabel("citations")
    ax2.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    fig.savefig(path, dpi=110, metadata={"Software": None})
    plt.close(fig)
    return path


def footnote_urls(parses: Sequence[FootnoteParse]) -> Mapping[int, tuple[str, ...]]:
    return {p.n: p.urls for p in parses}
