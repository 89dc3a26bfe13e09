"""network.html: one self-contained page to explore the co-mention network offline.

Positions are computed here (the same seeded layout as network.png, on the union of both
windows so nodes stay put when the window is switched); the page only draws SVG and handles
search, filters, the minimum-weight slider, the sentence/paragraph switch, neighbour highlighting
and the evidence sentences of an edge. No CDN, no network: CSS and JS are inlined from
``templates/network.html`` and the data is embedded as JSON with ``<``, ``>``, ``&`` escaped so
document text can never close the script element.
"""
from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import networkx as nx

from extractors.ingest.dates import SentenceDate
from extractors.model import Edge, Mention, Sentence
from extractors.network.graph import (
    SEED,
    WINDOWS,
    EntityInfo,
    as_entity_map,
    display_label,
    label_nodes,
    layout,
    node_metrics,
    edge_threshold,
    type_colors,
)

TEMPLATE = Path(__file__).parent / "templates" / "network.html"
CANVAS = 1000  # the SVG's user space is CANVAS x CANVAS


def json_for_script(data) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def graph_data(
    entities_info: Mapping[str, EntityInfo] | Iterable[EntityInfo],
    edges: Sequence[Edge],
    sentences: Sequence[Sentence] = (),
    mentions: Sequence[Mention] = (),
    *,
    title: str = "Co-mention network",
    labels: int = 30,
    seed: int = SEED,
    dates: Sequence[SentenceDate] = (),
    include_footnotes: bool = False,
    times: Mapping | None = None,
    node_years: Mapping | None = None,
    metrics: Mapping | None = None,
    positions: Mapping[str, tuple[float, float]] | None = None,
) -> dict:
    """The JSON document the page draws (also handy to test without a browser).

    With ``dates`` (one per sentence, :mod:`extractors.ingest.dates`), nodes and edges carry the
    years they are seen in (for the year range slider; ``years`` is then the range, else None)
    and each node its ``timeline``: see :func:`time_data` (``times`` and ``node_years``: those
    already worked out, else they are computed here). ``metrics``: window -> the
    :func:`node_metrics` of that window already worked out (with the same ``seed``).
    ``positions``: ``layout(page_graph(entities_info, edges), seed=seed)`` already worked out."""
    info = as_entity_map(entities_info)
    windows = [w for w in WINDOWS if any(e.window == w for e in edges)] or ["sentence"]
    given = metrics or {}
    metrics = {w: given.get(w) or node_metrics(info, edges, w, seed=seed) for w in windows}
    ids = page_ids(info, edges)
    nodes = node_data(info, ids, edges, metrics, windows, labels=labels, seed=seed, positions=positions)
    colors = type_colors(nd["type"] for nd in nodes)
    counts = {t: sum(1 for nd in nodes if nd["type"] == t) for t in colors}
    data = {
        "title": title,
        "canvas": CANVAS,
        "windows": windows,
        # the slider starts where a dense window stops being a hairball (as in network.png)
        "min_weight": {
            w: edge_threshold([e.weight for e in edges if e.window == w], max(120, 2 * len(ids))) or 1
            for w in windows
        },
        "types": [{"type": t, "color": c, "count": counts[t]} for t, c in colors.items()],
        "nodes": nodes,
        "edges": [
            {
                "source": e.source,
                "target": e.target,
                "window": e.window,
                "weight": e.weight,
                "documents": e.documents,
                "npmi": e.npmi,
                "jaccard": e.jaccard,
                "evidence": list(e.evidence),
            }
            for e in sorted(edges, key=lambda e: (e.source, e.target, e.window))
        ],
        "sentences": evidence_sentences(edges, sentences, mentions),
        "years": None,
    }
    if dates:
        time_data(data, sentences, mentions, dates, include_footnotes, times=times, node_years=node_years)
    return data


def time_data(data: dict, sentences: Sequence[Sentence], mentions: Sequence[Mention], dates: Sequence[SentenceDate],
              include_footnotes: bool = False, *, times: Mapping | None = None, node_years: Mapping | None = None
              ) -> None:
    """Add time to the page's data: ``years`` (the range seen), each edge's ``years`` ([[year,
    windows]], :func:`extractors.network.timeline.edge_times`), each node's ``years`` (those its
    mentions speak of) and ``timeline``: the sentences naming it whose date is stated in the
    text or its paragraph, as [sentence id, start, end, basis] by date, their texts and marks
    added to ``sentences``."""
    from extractors.network.timeline import edge_times, entity_years

    if times is None:
        times = edge_times(sentences, mentions, dates, include_footnotes=include_footnotes)
    if node_years is None:
        node_years = entity_years(mentions, dates, include_footnotes=include_footnotes)
    seen = sorted({y for c in node_years.values() for y in c} | {y for t in times.values() for y, _ in t.years})
    data["years"] = {"min": seen[0], "max": seen[-1]} if seen else None
    for e in data["edges"]:
        t = times.get((e["source"], e["target"], e["window"]))
        e["years"] = [list(p) for p in t.years] if t else []
    by_sid = {(d.doc_id, d.sentence_id): d for d in dates}
    zones = {"body", "footnote"} if include_footnotes else {"body"}
    text_of = {(s.doc_id, s.sentence_id): s for s in sentences}
    timeline: dict[str, dict[tuple[str, str], list]] = {}
    for m in mentions:
        d = by_sid.get((m.doc_id, m.sentence_id))
        if not m.entity_id or m.zone not in zones or d is None or d.basis not in ("text", "context"):
            continue
        timeline.setdefault(m.entity_id, {})[(m.doc_id, m.sentence_id)] = [m.sentence_id, d.start, d.end, d.basis]
    sents = data["sentences"]
    for n in data["nodes"]:
        n["years"] = sorted(node_years.get(n["id"], ()))
        items = sorted(timeline.get(n["id"], {}).items(), key=lambda kv: (kv[1][1], kv[1][2], kv[0]))
        n["timeline"] = [v for _, v in items]
        for key, _ in items:
            if key[1] not in sents and key in text_of:
                s = text_of[key]
                sents[s.sentence_id] = {"doc_id": s.doc_id, "page": s.page, "text": s.text, "marks": []}
    wanted = {sid for n in data["nodes"] for sid, *_ in n["timeline"]}
    for m in sorted(mentions, key=lambda m: (m.doc_id, m.sentence_id, m.start, m.end, m.entity_id)):
        s = sents.get(m.sentence_id)
        if m.sentence_id in wanted and s is not None and s["doc_id"] == m.doc_id and m.entity_id:
            mark = [m.start, m.end, m.entity_id]
            if mark not in s["marks"]:
                s["marks"].append(mark)


def page_ids(info: Mapping[str, EntityInfo], edges: Sequence[Edge]) -> list[str]:
    """The page's nodes: every entity and every end of an edge, in id order."""
    return sorted(set(info) | {e.source for e in edges} | {e.target for e in edges})


def union_graph(ids: Sequence[str], edges: Sequence[Edge]) -> nx.Graph:
    """The graph the page is laid out from: the union of the windows (paragraph pairs include
    the sentence pairs), each pair with its largest weight."""
    union = nx.Graph()
    union.add_nodes_from(ids)
    for e in sorted(edges, key=lambda e: (e.source, e.target, e.window)):
        if union.has_edge(e.source, e.target):
            union[e.source][e.target]["weight"] = max(union[e.source][e.target]["weight"], e.weight)
        else:
            union.add_edge(e.source, e.target, weight=e.weight)
    return union


def page_graph(entities_info: Mapping[str, EntityInfo] | Iterable[EntityInfo], edges: Sequence[Edge]) -> nx.Graph:
    """What the page's positions are laid out from (``layout(page_graph(...), seed=seed)``: the
    ``positions`` of :func:`graph_data`, which lays it out itself when not given them)."""
    info = as_entity_map(entities_info)
    return union_graph(page_ids(info, edges), edges)


def node_data(info: Mapping[str, EntityInfo], ids: Sequence[str], edges: Sequence[Edge], metrics: Mapping,
              windows: Sequence[str], *, labels: int, seed: int,
              positions: Mapping[str, tuple[float, float]] | None = None) -> list[dict]:
    """The nodes the page draws: positions from one layout of the union of the windows (or
    ``positions``, that layout already done), size by mentions, the most central ones labelled,
    and their metrics in each window."""
    pos = positions if positions is not None else layout(union_graph(ids, edges), seed=seed)
    margin = 40
    scale = (CANVAS - 2 * margin) / 2

    first = metrics[windows[0]]
    ranked = nx.Graph()
    for n in ids:
        m = first[n]
        ranked.add_node(n, mentions=m.mentions, betweenness=m.betweenness, weighted_degree=m.weighted_degree)
    major = set(label_nodes(ranked, labels))

    max_m = max((first[n].mentions for n in ids), default=0) or 1
    nodes = []
    for n in ids:
        e = info.get(n, EntityInfo(n, "", ""))
        x, y = pos.get(n, (0.0, 0.0))
        forms = sorted((set(e.surface_forms) | set(e.aliases)) - {e.name})
        nodes.append(
            {
                "id": n,
                "name": e.name or n,
                "short": display_label(e.name or n, e.surface_forms),
                "type": e.type or "UNKNOWN",
                "status": e.status,
                "mentions": e.mentions,
                "documents": e.documents,
                "forms": forms,
                "x": round(CANVAS / 2 + x * scale, 1),
                "y": round(CANVAS / 2 - y * scale, 1),
                "r": round(4 + 14 * math.sqrt(max(0, e.mentions) / max_m), 2),
                "major": n in major,
                "metrics": {
                    w: {
                        "degree": metrics[w][n].degree,
                        "weighted_degree": metrics[w][n].weighted_degree,
                        "betweenness": metrics[w][n].betweenness,
                        "community": metrics[w][n].community,
                    }
                    for w in windows
                },
            }
        )
    return nodes


def evidence_sentences(edges: Sequence[Edge], sentences: Sequence[Sentence], mentions: Sequence[Mention]) -> dict:
    """The sentences behind the edges (their evidence), each with its document, page and the
    character spans of its mentions, for the reader panel."""
    wanted = {sid for e in edges for sid in e.evidence}
    sents: dict[str, dict] = {}
    for s in sentences:
        if s.sentence_id in wanted and s.sentence_id not in sents:
            sents[s.sentence_id] = {"doc_id": s.doc_id, "page": s.page, "text": s.text, "marks": []}
    for m in sorted(mentions, key=lambda m: (m.doc_id, m.sentence_id, m.start, m.end, m.entity_id)):
        s = sents.get(m.sentence_id)
        if s is not None and s["doc_id"] == m.doc_id and m.entity_id:
            s["marks"].append([m.start, m.end, m.entity_id])
    return sents


def render_html(
    entities_info: Mapping[str, EntityInfo] | Iterable[EntityInfo],
    edges: Sequence[Edge],
    sentences: Sequence[Sentence] = (),
    mentions: Sequence[Mention] = (),
    *,
    title: str = "Co-mention network",
    labels: int = 30,
    seed: int = SEED,
    dates: Sequence[SentenceDate] = (),
    include_footnotes: bool = False,
    times: Mapping | None = None,
    node_years: Mapping | None = None,
    metrics: Mapping | None = None,
    positions: Mapping[str, tuple[float, float]] | None = None,
) -> str:
    """The whole page as a string (deterministic: same input, same bytes).

    ``sentences`` supply the evidence texts (looked up by ``sentence_id``) and ``mentions`` the
    highlighted names in them; both are optional.
    """
    data = graph_data(entities_info, edges, sentences, mentions, title=title, labels=labels, seed=seed, dates=dates,
                      include_footnotes=include_footnotes, times=times, node_years=node_years, metrics=metrics,
                      positions=positions)
    fill = {"__TITLE__": html.escape(title), "__DATA__": json_for_script(data)}
    page = TEMPLATE.read_text(encoding="utf-8")
    return re.sub(r"__TITLE__|__DATA__", lambda m: fill[m.group(0)], page)


def write_html(
    path: str | Path,
    entities_info: Mapping[str, EntityInfo] | Iterable[EntityInfo],
    edges: Sequence[Edge],
    sentences: Sequence[Sentence] = (),
    mentions: Sequence[Mention] = (),
    **options,
) -> Path:
    path = Path(path)
    path.write_text(render_html(entities_info, edges, sentences, mentions, **options), encoding="utf-8")
    return path
