"""Co-mention networks: edges, node metrics and graph files (GEXF, GraphML).

Pure functions over the shared records of :mod:`extractors.model`; nothing here prints, reads
configuration or keeps state, and every output is ordered and rounded so that two runs over the
same input give byte-identical files.

Windows
-------
Two entities are *co-mentioned* when both occur in the same window. Two kinds of window are
computed side by side (``Edge.window``):

* ``"sentence"`` – one window per :class:`~extractors.model.Sentence` whose zone is selected;
* ``"paragraph"`` – one window per ``(doc_id, paragraph_id)`` among the selected sentences.

Only sentences in the selected *zones* make windows: ``("body",)`` by default, ``("body",
"footnote")`` with ``include_footnotes=True``. Pull quotes (zone ``"pullquote"``) repeat body text
and are never counted; asking for them raises ``ValueError``. A mention belongs to the window of
its sentence (matched on ``(doc_id, sentence_id)``, using the *sentence's* zone and paragraph);
mentions whose sentence is not among the given sentences, or that have no ``entity_id``, are
ignored. A window counts an entity once however many times it is mentioned there.

N, the number of windows
------------------------
``N`` is the number of windows of that kind **including windows without any mention**: every
selected sentence (or paragraph) is a place where a pair could have been co-mentioned, so it is
part of the sample space. ``N`` is taken over everything passed in (the corpus), or over one
document with :func:`document_edges` / ``doc_ids=``.

Weights
-------
For a pair (a, b) with ``n_a``, ``n_b`` windows mentioning each and ``n_ab`` windows mentioning
both: ``weight = n_ab``; ``documents`` = distinct documents holding such a window;
``npmi = log(p_ab / (p_a p_b)) / -log(p_ab)`` with ``p = n / N`` (``1.0`` when ``p_ab == 1``);
``jaccard = n_ab / (n_a + n_b - n_ab)``. Floats are rounded to 6 decimals.

Evidence
--------
Up to five sentence ids, in document order (documents by ``doc_id``, sentences in the order they
were given). For a sentence window: the sentences mentioning both. For a paragraph window, per
co-mentioning paragraph: the first sentence mentioning both if there is one, otherwise the first
sentence mentioning each entity — so a reader sees both names.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from .model import ZONES, Edge, Mention, Sentence

WINDOWS = ("sentence", "paragraph")
NEVER_COUNTED_ZONES = frozenset({"pullquote"})
MAX_EVIDENCE = 5
DECIMALS = 6
SEED = 42


@dataclass(frozen=True)
class EntityInfo:
    """What the network needs to know about a canonical entity (a row of entities.csv)."""

    entity_id: str
    name: str
    type: str
    mentions: int = 0
    documents: int = 0
    surface_forms: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class NodeMetrics:
    entity_id: str
    name: str
    type: str
    mentions: int
    documents: int
    degree: int
    weighted_degree: int
    betweenness: float
    community: int


@dataclass(frozen=True)
class _Window:
    doc_id: str
    key: str  # sentence_id or paragraph_id
    entities: frozenset[str]
    # (rank, sentence_id, entities of that sentence) for the window's sentences, in document order
    sentences: tuple[tuple[tuple[str, int], str, frozenset[str]], ...] = field(default=())


def _r(x: float) -> float:
    v = round(float(x), DECIMALS)
    return 0.0 if v == 0 else v  # no "-0.0"


def resolve_zones(zones: Iterable[str] = ("body",), include_footnotes: bool = False) -> tuple[str, ...]:
    """The zones that make windows: ``zones`` plus ``footnote`` when asked; pull quotes refused."""
    out = list(dict.fromkeys(zones))
    if include_footnotes and "footnote" not in out:
        out.append("footnote")
    bad = [z for z in out if z not in ZONES]
    if bad:
        raise ValueError(f"unknown zone(s) {bad}; expected some of {ZONES}")
    never = [z for z in out if z in NEVER_COUNTED_ZONES]
    if never:
        raise ValueError(f"zone(s) {never} repeat body text and are never counted in the network")
    return tuple(out)


def _windows(
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    zones: tuple[str, ...],
    doc_ids: Collection[str] | None,
) -> dict[str, list[_Window]]:
    selected: list[tuple[tuple[str, int], Sentence]] = []
    seen: set[tuple[str, str]] = set()
    for i, s in enumerate(sentences):
        if s.zone in zones and (doc_ids is None or s.doc_id in doc_ids) and (s.doc_id, s.sentence_id) not in seen:
            seen.add((s.doc_id, s.sentence_id))  # a sentence given twice is one window
            selected.append(((s.doc_id, i), s))
    selected.sort(key=lambda x: x[0])
    known = {(s.doc_id, s.sentence_id) for _, s in selected}
    ents: dict[tuple[str, str], set[str]] = defaultdict(set)
    for m in mentions:
        key = (m.doc_id, m.sentence_id)
        if m.entity_id and key in known:
            ents[key].add(m.entity_id)

    sent_windows: list[_Window] = []
    paragraphs: dict[tuple[str, str], list] = {}
    for rank, s in selected:
        e = frozenset(ents.get((s.doc_id, s.sentence_id), ()))
        sent_windows.append(_Window(s.doc_id, s.sentence_id, e, ((rank, s.sentence_id, e),)))
        paragraphs.setdefault((s.doc_id, s.paragraph_id), []).append((rank, s.sentence_id, e))
    par_windows = [
        _Window(doc, pid, frozenset().union(*(e for _, _, e in sents)), tuple(sents))
        for (doc, pid), sents in paragraphs.items()  # insertion order == document order
    ]
    return {"sentence": sent_windows, "paragraph": par_windows}


def _evidence(window: _Window, a: str, b: str) -> list[tuple[tuple[str, int], str]]:
    both = [(r, sid) for r, sid, e in window.sentences if a in e and b in e]
    if both:
        return both[:1]
    first_a = next((r, sid) for r, sid, e in window.sentences if a in e)
    first_b = next((r, sid) for r, sid, e in window.sentences if b in e)
    return sorted({first_a, first_b})


def _edges_for(windows: list[_Window], window: str) -> list[Edge]:
    n_windows = len(windows)
    single: Counter[str] = Counter()
    pair: Counter[tuple[str, str]] = Counter()
    docs: dict[tuple[str, str], set[str]] = defaultdict(set)
    evidence: dict[tuple[str, str], list] = defaultdict(list)
    for w in windows:
        ids = sorted(w.entities)
        single.update(ids)
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                pair[(a, b)] += 1
                docs[(a, b)].add(w.doc_id)
                if len(evidence[(a, b)]) < MAX_EVIDENCE:
                    evidence[(a, b)].extend(_evidence(w, a, b))
    edges = []
    for (a, b), n_ab in sorted(pair.items()):
        p_ab = n_ab / n_windows
        p_a, p_b = single[a] / n_windows, single[b] / n_windows
        if p_ab >= 1.0:
            npmi = 1.0
        else:
            npmi = math.log(p_ab / (p_a * p_b)) / -math.log(p_ab)
        jaccard = n_ab / (single[a] + single[b] - n_ab)
        ev: list[str] = []
        for _, sid in evidence[(a, b)]:
            if sid not in ev:
                ev.append(sid)
        edges.append(
            Edge(
                source=a,
                target=b,
                window=window,
                weight=n_ab,
                documents=len(docs[(a, b)]),
                npmi=_r(npmi),
                jaccard=_r(jaccard),
                evidence=tuple(ev[:MAX_EVIDENCE]),
            )
        )
    return edges


def build_edges(
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    *,
    zones: Iterable[str] = ("body",),
    include_footnotes: bool = False,
    windows: Iterable[str] = WINDOWS,
    doc_ids: Collection[str] | None = None,
) -> list[Edge]:
    """Co-mention edges for every pair of entities sharing a window (see module doc).

    ``doc_ids`` restricts the corpus (windows *and* N) to those documents.
    Sorted by (source, target, window); ``source < target``; no self-pairs.
    """
    zs = resolve_zones(zones, include_footnotes)
    wanted = tuple(dict.fromkeys(windows))
    bad = [w for w in wanted if w not in WINDOWS]
    if bad:
        raise ValueError(f"unknown window(s) {bad}; expected some of {WINDOWS}")
    doc_filter = None if doc_ids is None else frozenset(doc_ids)
    all_windows = _windows(sentences, mentions, zs, doc_filter)
    edges: list[Edge] = []
    for w in wanted:
        edges.extend(_edges_for(all_windows[w], w))
    edges.sort(key=lambda e: (e.source, e.target, e.window))
    return edges


def document_edges(sentences: Sequence[Sentence], mentions: Sequence[Mention], doc_id: str, **options) -> list[Edge]:
    """Edges of one document alone (N counts that document's windows only)."""
    return build_edges(sentences, mentions, doc_ids=(doc_id,), **options)


def window_counts(
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    *,
    zones: Iterable[str] = ("body",),
    include_footnotes: bool = False,
    doc_ids: Collection[str] | None = None,
) -> dict[str, int]:
    """N per window kind, as used for NPMI (handy for summaries and tests)."""
    zs = resolve_zones(zones, include_footnotes)
    ws = _windows(sentences, mentions, zs, None if doc_ids is None else frozenset(doc_ids))
    return {k: len(v) for k, v in ws.items()}


# ---------------------------------------------------------------------------------------------
# Entities and node metrics


def entities_from_mentions(
    mentions: Sequence[Mention],
    *,
    names: Mapping[str, str] | None = None,
    types: Mapping[str, str] | None = None,
    aliases: Mapping[str, Sequence[str]] | None = None,
    zones: Iterable[str] = ("body",),
    include_footnotes: bool = False,
) -> dict[str, EntityInfo]:
    """One :class:`EntityInfo` per entity mentioned in the selected zones.

    ``name``: ``names[id]`` (e.g. the gazetteer's canonical name) or the most frequent surface
    form; ``type``: ``types[id]`` or the most frequent mention type (ties: alphabetical).
    """
    zs = set(resolve_zones(zones, include_footnotes))
    names, types, aliases = names or {}, types or {}, aliases or {}
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    mtypes: dict[str, Counter[str]] = defaultdict(Counter)
    docs: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if not m.entity_id or m.zone not in zs:
            continue
        forms[m.entity_id][m.text] += 1
        mtypes[m.entity_id][m.type] += 1
        docs[m.entity_id].add(m.doc_id)

    def top(c: Counter[str]) -> str:
        return min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] if c else ""

    return {
        eid: EntityInfo(
            entity_id=eid,
            name=names.get(eid) or top(forms[eid]),
            type=types.get(eid) or top(mtypes[eid]),
            mentions=sum(forms[eid].values()),
            documents=len(docs[eid]),
            surface_forms=tuple(sorted(forms[eid])),
            aliases=tuple(aliases.get(eid, ())),
        )
        for eid in sorted(forms)
    }


def as_entity_map(entities_info: Mapping[str, EntityInfo] | Iterable[EntityInfo]) -> dict[str, EntityInfo]:
    if isinstance(entities_info, Mapping):
        return {k: entities_info[k] for k in sorted(entities_info)}
    return {e.entity_id: e for e in sorted(entities_info, key=lambda e: e.entity_id)}


def _window_graph(info: Mapping[str, EntityInfo], edges: Iterable[Edge], window: str) -> nx.Graph:
    g = nx.Graph()
    es = sorted((e for e in edges if e.window == window), key=lambda e: (e.source, e.target))
    ids = set(info) | {e.source for e in es} | {e.target for e in es}
    g.add_nodes_from(sorted(ids))
    for e in es:
        g.add_edge(e.source, e.target, weight=e.weight)
    return g


def communities(g: nx.Graph, seed: int = SEED) -> dict[str, int]:
    """Louvain communities (fixed seed), numbered 0.. by size (largest first), then smallest id."""
    if g.number_of_nodes() == 0:
        return {}
    parts = nx.community.louvain_communities(g, weight="weight", seed=seed)
    ordered = sorted((sorted(p) for p in parts), key=lambda p: (-len(p), p[0]))
    return {n: i for i, p in enumerate(ordered) for n in p}


def node_metrics(
    entities_info: Mapping[str, EntityInfo] | Iterable[EntityInfo],
    edges: Iterable[Edge],
    window: str = "sentence",
    *,
    seed: int = SEED,
) -> dict[str, NodeMetrics]:
    """Per-entity metrics on the graph of one window kind.

    ``degree``: neighbours; ``weighted_degree``: sum of edge weights; ``betweenness``: normalised,
    unweighted shortest paths; ``community``: Louvain (weight = edge weight, fixed seed), labels
    numbered by community size then smallest entity id. Entities without edges are kept (degree 0,
    a community of their own); edge endpoints missing from ``entities_info`` get an empty name/type.
    """
    if window not in WINDOWS:
        raise ValueError(f"unknown window {window!r}; expected one of {WINDOWS}")
    info = as_entity_map(entities_info)
    g = _window_graph(info, edges, window)
    betw = nx.betweenness_centrality(g, normalized=True) if g.number_of_nodes() > 2 else {}
    comm = communities(g, seed)
    out = {}
    for n in g.nodes:
        e = info.get(n, EntityInfo(n, "", ""))
        out[n] = NodeMetrics(
            entity_id=n,
            name=e.name or n,
            type=e.type,
            mentions=e.mentions,
            documents=e.documents,
            degree=g.degree(n),
            weighted_degree=int(g.degree(n, weight="weight")),
            betweenness=_r(betw.get(n, 0.0)),
            community=comm[n],
        )
    return out


# ---------------------------------------------------------------------------------------------
# Graph and files


def build_graph(
    entities_info: Mapping[str, EntityInfo] | Iterable[EntityInfo],
    edges: Iterable[Edge],
    window: str = "sentence",
    *,
    metrics: Mapping[str, NodeMetrics] | None = None,
    seed: int = SEED,
) -> nx.Graph:
    """An undirected graph of one window kind: nodes = entities with their metrics, edges as in
    edges.csv. Attributes are plain str/int/float so GEXF and GraphML can hold them; multi-valued
    ones are joined with `` | ``. Nodes and edges are inserted in sorted order.
    """
    info = as_entity_map(entities_info)
    edges = [e for e in edges if e.window == window]
    metrics = metrics if metrics is not None else node_metrics(info, edges, window, seed=seed)
    g = nx.Graph(name=f"reportgraph co-mentions ({window} window)", window=window)
    for n in sorted(metrics):
        m = metrics[n]
        e = info.get(n, EntityInfo(n, "", ""))
        g.add_node(
            n,
            label=m.name,
            type=m.type,
            mentions=m.mentions,
            documents=m.documents,
            degree=m.degree,
            weighted_degree=m.weighted_degree,
            betweenness=float(m.betweenness),
            community=m.community,
            surface_forms=" | ".join(e.surface_forms),
        )
    for e in sorted(edges, key=lambda e: (e.source, e.target)):
        g.add_edge(
            e.source,
            e.target,
            window=e.window,
            weight=e.weight,
            documents=e.documents,
            npmi=float(e.npmi),
            jaccard=float(e.jaccard),
            evidence=" | ".join(e.evidence),
        )
    return g


def layout(g: nx.Graph, *, seed: int = SEED, weight: str | None = "weight") -> dict[str, tuple[float, float]]:
    """Deterministic 2-D positions in [-1, 1] (seeded spring layout, rounded to 4 decimals).

    Each connected component is laid out on its own and the components are packed on a grid
    (largest first), so isolated nodes and small islands do not crowd the main component.
    """
    if g.number_of_nodes() == 0:
        return {}
    comps = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c[0]))
    big = [c for c in comps if len(c) > 2]
    small = [n for c in comps if len(c) <= 2 for n in c]
    pos: dict[str, tuple[float, float]] = {}
    # big components: spring layout each, area proportional to size, placed left to right in rows
    blocks: list[tuple[list[str], dict]] = []
    for c in big:
        sub = g.subgraph(c)
        h = nx.Graph()
        h.add_nodes_from(c)
        h.add_edges_from(sorted((min(u, v), max(u, v), d) for u, v, d in sub.edges(data=True)))
        k = 1.5 / math.sqrt(len(c))
        p = nx.spring_layout(h, seed=seed, weight=weight, k=k, iterations=200)
        blocks.append((c, p))
    if small:
        cols = max(1, math.ceil(math.sqrt(len(small))))
        blocks.append(
            (small, {n: (i % cols, -(i // cols)) for i, n in enumerate(small)})
        )
    x0 = 0.0
    row_y, row_h, row_w = 0.0, 0.0, 0.0
    total = sum(len(c) for c, _ in blocks)
    max_row = math.sqrt(total) * 1.2
    for c, p in blocks:
        xs = [float(p[n][0]) for n in c]
        ys = [float(p[n][1]) for n in c]
        w = h = math.sqrt(len(c))  # side of the square given to this block
        sx = (max(xs) - min(xs)) or 1.0
        sy = (max(ys) - min(ys)) or 1.0
        if row_w + w > max_row and row_w > 0:
            row_y -= row_h + 0.6
            x0, row_h, row_w = 0.0, 0.0, 0.0
        inner = 0.0 if len(c) == 1 else 1.0
        for n in c:
            px = x0 + inner * (float(p[n][0]) - min(xs)) / sx * w
            py = row_y - inner * (max(ys) - float(p[n][1])) / sy * h
            pos[n] = (px, py)
        x0 += w + 0.6
        row_w += w + 0.6
        row_h = max(row_h, h)
    xs = [x for x, _ in pos.values()]
    ys = [y for _, y in pos.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    half = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9) / 2
    return {n: (round((x - cx) / half, 4) + 0.0, round((y - cy) / half, 4) + 0.0) for n, (x, y) in sorted(pos.items())}


def central_nodes(g: nx.Graph, k: int = 25) -> list[str]:
    """The ``k`` most central nodes: by betweenness, then weighted degree, then mentions, then id."""
    def key(n):
        d = g.nodes[n]
        wd = d.get("weighted_degree", g.degree(n, weight="weight"))
        return (-float(d.get("betweenness", 0.0)), -wd, -d.get("mentions", 0), str(n))

    return sorted(g.nodes, key=key)[:k]


def label_nodes(g: nx.Graph, k: int = 25) -> list[str]:
    """Nodes to label: taken in turn from the centrality ranking and from the mentions ranking
    (so the biggest dots are named as well as the brokers), ``k`` at most."""
    central = central_nodes(g, g.number_of_nodes())
    big = sorted(g.nodes, key=lambda n: (-g.nodes[n].get("mentions", 0), str(n)))
    out: list[str] = []
    for a, b in zip(central, big):
        for n in (a, b):
            if len(out) < k and n not in out:
                out.append(n)
    return out


def edge_threshold(weights: list[int | float], max_edges: int) -> int | float:
    """The smallest weight ``t`` such that at most ``max_edges`` edges have weight >= t
    (if even the heaviest ties exceed it, those are all kept)."""
    if len(weights) <= max_edges:
        return min(weights, default=0)
    ws = sorted(weights, reverse=True)
    t = ws[max_edges]  # the first weight that would overflow
    kept = [w for w in ws if w > t]
    return min(kept) if kept else ws[0]


TYPE_COLORS = {
    "PERSON": "#1f77b4",
    "ARMED_GROUP": "#d62728",
    "POLITICAL_ORG": "#9467bd",
    "STATE_BODY": "#2ca02c",
    "FOREIGN_FORCE": "#ff7f0e",
    "INTL_ORG": "#17becf",
    "ETHNIC_GROUP": "#8c564b",
    "PLACE": "#7f7f7f",
}
OTHER_COLORS = ("#e377c2", "#bcbd22", "#393b79", "#637939", "#843c39", "#7b4173")


def type_colors(types: Iterable[str]) -> dict[str, str]:
    """A fixed colour per entity type; types outside the model's list get spare colours."""
    types = set(types)
    known = [t for t in TYPE_COLORS if t in types]
    extra = sorted(types - set(TYPE_COLORS))
    out = {t: TYPE_COLORS[t] for t in known}
    out.update({t: OTHER_COLORS[i % len(OTHER_COLORS)] for i, t in enumerate(extra)})
    return out


def _hex_rgb(c: str) -> tuple[int, int, int]:
    c = c.lstrip("#")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)


_DATE = re.compile(r' lastmodifieddate="[^"]*"')


def write_gexf(g: nx.Graph, path: str | Path, *, viz: bool = True, seed: int = SEED) -> Path:
    """GEXF 1.2 for Gephi; with ``viz`` each node also carries a colour by type, a size by mentions
    and a deterministic position. The date networkx stamps in ``<meta>`` is dropped so the bytes
    depend on the graph only."""
    path = Path(path)
    h = g.copy()
    if viz and h.number_of_nodes():
        pos = layout(h, seed=seed)
        colors = type_colors(d.get("type", "") for _, d in h.nodes(data=True))
        for n, d in h.nodes(data=True):
            r, gr, b = _hex_rgb(colors[d.get("type", "")])
            d["viz"] = {
                "color": {"r": r, "g": gr, "b": b, "a": 1.0},
                "size": round(4.0 + 3.0 * math.sqrt(max(0, d.get("mentions", 0))), 3),
                "position": {"x": round(pos[n][0] * 1000, 2), "y": round(pos[n][1] * 1000, 2), "z": 0.0},
            }
    text = "\n".join(nx.generate_gexf(h)) + "\n"
    text = _DATE.sub("", text, count=1)
    path.write_text(text, encoding="utf-8")
    return path


def write_graphml(g: nx.Graph, path: str | Path) -> Path:
    """GraphML with typed attribute keys (opens in Gephi, yEd, networkx, igraph)."""
    path = Path(path)
    text = "\n".join(nx.generate_graphml(g, prettyprint=True)) + "\n"
    path.write_text(text, encoding="utf-8")
    return path
