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
import random
import re
from collections import Counter, defaultdict, deque
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from heapq import heappop, heappush
from pathlib import Path

import networkx as nx
import numpy as np

from extractors.model import WINDOWS, ZONES, Edge, Mention, Sentence


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
    status: str = ""  # gazetteer | decision | unreviewed (entities.csv); "" when not known
    coordinates: tuple[float, float] | None = None  # (lat, lon) of a place, from the gazetteer


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
    both = next(((r, sid) for r, sid, e in window.sentences if a in e and b in e), None)
    if both is not None:  # the first sentence naming both is all that is kept
        return [both]
    first_a = next((r, sid) for r, sid, e in window.sentences if a in e)
    first_b = next((r, sid) for r, sid, e in window.sentences if b in e)
    return sorted({first_a, first_b})


def _edges_for(windows: list[_Window], window: str) -> list[Edge]:
    n_windows = len(windows)
    single: Counter[str] = Counter()
    # (a, b) -> [windows, documents, evidence]: one look-up per pair and window
    pairs: dict[tuple[str, str], list] = {}
    for w in windows:
        ids = sorted(w.entities)
        single.update(ids)
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                seen = pairs.get((a, b))
                if seen is None:
                    seen = pairs[(a, b)] = [0, set(), []]
                seen[0] += 1
                seen[1].add(w.doc_id)
                if len(seen[2]) < MAX_EVIDENCE:
                    seen[2].extend(_evidence(w, a, b))
    edges = []
    for (a, b), (n_ab, docs, evidence) in sorted(pairs.items()):
        p_ab = n_ab / n_windows
        p_a, p_b = single[a] / n_windows, single[b] / n_windows
        if p_ab >= 1.0:
            npmi = 1.0
        else:
            npmi = math.log(p_ab / (p_a * p_b)) / -math.log(p_ab)
        jaccard = n_ab / (single[a] + single[b] - n_ab)
        ev: list[str] = []
        for _, sid in evidence:
            if sid not in ev:
                ev.append(sid)
        edges.append(
            Edge(
                source=a,
                target=b,
                window=window,
                weight=n_ab,
                documents=len(docs),
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


@dataclass(frozen=True)
class DocumentNetwork:
    """The network of one document alone: its entities, its edges (both windows; N, NPMI and
    Jaccard over that document's windows) and the sentence-window graph with node metrics."""

    doc_id: str
    entities: dict[str, EntityInfo]
    edges: list[Edge]
    graph: nx.Graph


def document_networks(
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    *,
    names: Mapping[str, str] | None = None,
    types: Mapping[str, str] | None = None,
    include_footnotes: bool = False,
    coordinates: Mapping[str, tuple[float, float]] | None = None,
) -> list[DocumentNetwork]:
    """One `DocumentNetwork` per document that has sentences, by doc_id. Each document's
    sentences and mentions are grouped first, so the cost is that of the corpus network once."""
    sentences_of: dict[str, list[Sentence]] = defaultdict(list)
    mentions_of: dict[str, list[Mention]] = defaultdict(list)
    for s in sentences:
        sentences_of[s.doc_id].append(s)
    for m in mentions:
        mentions_of[m.doc_id].append(m)
    out = []
    for doc_id in sorted(sentences_of):
        edges = build_edges(sentences_of[doc_id], mentions_of[doc_id], include_footnotes=include_footnotes)
        info = entities_from_mentions(mentions_of[doc_id], names=names, types=types, include_footnotes=include_footnotes,
                                      coordinates=coordinates)
        # `mentions` means every mention of the entity (all zones), here within the document
        every = Counter(m.entity_id for m in mentions_of[doc_id] if m.entity_id)
        info = {k: replace(v, mentions=every[k], documents=1) for k, v in info.items()}
        out.append(DocumentNetwork(doc_id, info, edges, build_graph(info, edges, "sentence")))
    return out


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
    statuses: Mapping[str, str] | None = None,
    zones: Iterable[str] = ("body",),
    include_footnotes: bool = False,
    coordinates: Mapping[str, tuple[float, float]] | None = None,
) -> dict[str, EntityInfo]:
    """One :class:`EntityInfo` per entity mentioned in the selected zones.

    ``name``: ``names[id]`` (e.g. the gazetteer's canonical name) or the most frequent surface
    form; ``type``: ``types[id]`` or the most frequent mention type (ties: alphabetical);
    ``coordinates``: ``coordinates[id]`` (lat, lon) where the gazetteer locates the place.
    """
    zs = set(resolve_zones(zones, include_footnotes))
    names, types, aliases, coordinates = names or {}, types or {}, aliases or {}, coordinates or {}
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
            status=(statuses or {}).get(eid, ""),
            coordinates=coordinates.get(eid),
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


def _betweenness(g: nx.Graph, pivots: int | None = None, seed: int = SEED) -> dict:
    """``nx.betweenness_centrality(g, normalized=True)`` (unweighted) as networkx 3.6 computes it,
    to the bit: a breadth-first search from each node in the graph's order, neighbours in its
    order, the same sums of path counts and dependencies in the same order, the same scale; on
    node numbers and lists instead of dicts keyed by node, which was most of its time.

    ``pivots``: searches from that many source nodes only, drawn with ``seed`` (the same every
    run), the sums scaled by n / pivots: the estimate of U. Brandes and C. Pich, "Centrality
    estimation in large networks", Int. J. Bifurcation and Chaos 17(7), 2007 (networkx's
    ``k``); None or at least n: every node, the exact value."""
    nodes = list(g)
    index = {v: i for i, v in enumerate(nodes)}
    adjacent = [[index[w] for w in g[v]] for v in nodes]
    n = len(nodes)
    betweenness = [0.0] * n
    sources = range(n)
    if pivots is not None and pivots < n:
        sources = sorted(random.Random(seed).sample(range(n), pivots))
    for s in sources:
        order = []  # nodes in the order they are reached
        preds: list[list[int]] = [[] for _ in range(n)]
        sigma = [0.0] * n
        depth = [-1] * n
        sigma[s] = 1.0
        depth[s] = 0
        queue = deque([s])
        while queue:
            v = queue.popleft()
            order.append(v)
            dv = depth[v] + 1
            sigmav = sigma[v]
            for w in adjacent[v]:
                if depth[w] < 0:
                    queue.append(w)
                    depth[w] = dv
                if depth[w] == dv:
                    sigma[w] += sigmav
                    preds[w].append(v)
        delta = [0] * n
        while order:
            w = order.pop()
            coeff = (1 + delta[w]) / sigma[w]
            for v in preds[w]:
                delta[v] += sigma[v] * coeff
            if w != s:
                betweenness[w] += delta[w]
    others = n - 1  # pairs (s, t) that can pass through a node: neither end is that node
    if others >= 2:
        scale = 1 / (others * (others - 1))
        if len(sources) < n:
            scale *= n / len(sources)
        if scale != 1:
            betweenness = [b * scale for b in betweenness]
    return dict(zip(nodes, betweenness))


def node_metrics(
    entities_info: Mapping[str, EntityInfo] | Iterable[EntityInfo],
    edges: Iterable[Edge],
    window: str = "sentence",
    *,
    seed: int = SEED,
) -> dict[str, NodeMetrics]:
    """Per-entity metrics on the graph of one window kind.

    ``degree``: neighbours; ``weighted_degree``: sum of edge weights; ``betweenness``: normalised,
    unweighted shortest paths (exact up to ``EXACT_BETWEENNESS`` nodes, above that estimated from
    ``BETWEENNESS_PIVOTS`` seeded source pivots: `_betweenness`); ``community``: Louvain (weight =
    edge weight, fixed seed), labels numbered by community size then smallest entity id. Entities
    without edges are kept (degree 0, a community of their own); edge endpoints missing from
    ``entities_info`` get an empty name/type.
    """
    if window not in WINDOWS:
        raise ValueError(f"unknown window {window!r}; expected one of {WINDOWS}")
    info = as_entity_map(entities_info)
    g = _window_graph(info, edges, window)
    big = g.number_of_nodes() > EXACT_BETWEENNESS
    betw = _betweenness(g, BETWEENNESS_PIVOTS if big else None, seed) if g.number_of_nodes() > 2 else {}
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


def complete_metrics(metrics: Mapping[str, NodeMetrics], entity_ids: Iterable[str]) -> dict[str, NodeMetrics]:
    """Metrics for every entity of ``entity_ids``: one never in a counted window (named only in
    front matter or footnotes, say) is no node of the network and gets degree 0, weighted degree
    0, betweenness 0 and a community of its own, numbered after the network's in id order, so
    that no metric cell is empty."""
    out = dict(metrics)
    label = max((m.community for m in metrics.values()), default=-1) + 1
    for eid in sorted(set(entity_ids) - set(metrics)):
        out[eid] = NodeMetrics(eid, eid, "", 0, 0, degree=0, weighted_degree=0, betweenness=0.0, community=label)
        label += 1
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
            status=e.status,
        )
        if e.coordinates is not None:  # places the gazetteer locates; GEXF and GraphML omit it elsewhere
            g.nodes[n].update(lat=float(e.coordinates[0]), lon=float(e.coordinates[1]))
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


def _path_lengths(adjacent: Sequence[Sequence[tuple[int, float]]]) -> np.ndarray:
    """All-pairs shortest path lengths (0 where there is no path): row ``s`` from source ``s``.

    The same Dijkstra as networkx's ``all_pairs_dijkstra_path_length`` (a heap of (distance,
    push count, node), a node's neighbours in the order given, a length kept only when strictly
    shorter), so every distance is the same sum of the same lengths in the same order, to the
    bit; on node numbers and plain lists instead of a graph and a weight function it was most of
    the time of a layout."""
    n = len(adjacent)
    out = np.zeros((n, n))
    for s in range(n):
        out[s] = _lengths_from(adjacent, s)
    return out


def _lengths_from(adjacent: Sequence[Sequence[tuple[int, float]]], s: int) -> list[float]:
    """Shortest path lengths from node ``s`` (0 where there is no path), as `_path_lengths` needs
    them. A node's shortest length so far; a node is pushed again only with a shorter one, so an
    entry longer than it is stale, and the first entry popped at it is final. A node already
    final is never pushed again (lengths are positive: d + length >= d), which is why networkx's
    check for that can go."""
    seen = [math.inf] * len(adjacent)
    seen[s] = 0
    fringe = [(0, 0, s)]
    pushed = 1
    while fringe:
        d, _, v = heappop(fringe)
        if d > seen[v]:
            continue
        for u, length in adjacent[v]:
            du = d + length
            if du < seen[u]:
                seen[u] = du
                heappush(fringe, (du, pushed, u))
                pushed += 1
    return [0.0 if d == math.inf else d for d in seen]


def _symmetric_hypot(xs: np.ndarray, ys: np.ndarray, block: int = 16) -> np.ndarray:
    """``np.hypot(gx, gy)`` of the differences of positions ``gx = xs[:, None] - xs[None, :]``
    (``gy`` likewise), which is symmetric to the bit (``a - b`` and ``b - a`` round alike and
    hypot drops signs): each band of rows is worked out from the diagonal on and mirrored, half
    the hypot calls (the stress step's costliest operation), the same values."""
    n = len(xs)
    out = np.empty((n, n))
    for a in range(0, n, block):
        b = min(a + block, n)
        band = np.hypot(xs[a:b, None] - xs[None, a:], ys[a:b, None] - ys[None, a:])
        out[a:b, a:] = band
        out[a:, a:b] = band.T
    return out


def _stress(h: nx.Graph, start: Mapping[str, Sequence[float]], weight: str | None, iterations: int = 300) -> dict:
    """Stress majorization of one connected graph, started from ``start``.

    Target distances are shortest paths over edges whose length grows with the neighbours their
    two ends do *not* share (``1 + LINK_SPREAD * sqrt(|N(u) ^ N(v)|)``, as in WebCola's
    symmetric-difference link lengths) and shrinks a little with weight (``w ** -WEIGHT_PULL``;
    ignored when ``weight`` is None). So hubs keep their distance from each other, leaves hang
    outside, and the dense core is spread instead of collapsing into a hairball as in a spring
    layout. Jacobi updates in a fixed order: the result depends on the input only. The result is
    scaled so that the median edge is one unit long and turned so that its long axis is horizontal.
    """
    nodes, adjacent = _link_lengths(h, weight)
    dist = _path_lengths(adjacent)
    x = np.array([[float(start[n][0]), float(start[n][1])] for n in nodes])
    # start at the scale of the target distances
    span = np.sqrt(((x[:, None, :] - x[None, :, :]) ** 2).sum(-1))
    mask = dist > 0
    x *= dist[mask].mean() / max(span[mask].mean(), 1e-12)
    w = np.zeros_like(dist)
    w[mask] = dist[mask] ** -2.0
    wsum = w.sum(1)[:, None]
    wd = w * dist  # the products ``w * dist / now`` starts with, the same at every step
    for _ in range(iterations):
        # x_i <- sum_j w_ij (x_j + d_ij (x_i - x_j) / |x_i - x_j|) / sum_j w_ij, all i at once
        now = np.maximum(_symmetric_hypot(x[:, 0], x[:, 1]), 1e-9)
        pull = wd / now
        new = (w @ x + pull.sum(1)[:, None] * x - pull @ x) / wsum
        moved = np.abs(new - x).max()
        x = new
        if moved < 1e-5:
            break
    return _settle(h, nodes, x)


def _link_lengths(h: nx.Graph, weight: str | None) -> tuple[list, list[list[tuple[int, float]]]]:
    """The nodes, sorted, and each one's (neighbour number, edge length) in the order the edges
    are met, as a networkx graph built from them would list its neighbours (that order decides
    ties, see _path_lengths). The lengths are those `_stress` describes."""
    nodes = sorted(h)
    idx = {n: i for i, n in enumerate(nodes)}
    nbrs = {n: set(h[n]) for n in nodes}
    adjacent: list[list[tuple[int, float]]] = [[] for _ in nodes]
    for u, v, d in sorted((min(a, b), max(a, b), d) for a, b, d in h.edges(data=True)):
        w = float(d.get(weight, 1) or 1) if weight else 1.0
        own = len((nbrs[u] ^ nbrs[v]) - {u, v})
        length = (1.0 + LINK_SPREAD * math.sqrt(own)) * max(w, 1e-9) ** -WEIGHT_PULL
        adjacent[idx[u]].append((idx[v], length))
        if u != v:
            adjacent[idx[v]].append((idx[u], length))
    return nodes, adjacent


def _pivot_mds(h: nx.Graph, weight: str | None, pivots: int) -> dict:
    """Positions of one connected graph too large for `_stress` (its n × n distances), by
    PivotMDS — U. Brandes and C. Pich, "Eigensolver methods for progressive multidimensional
    scaling of large data", Graph Drawing 2006, LNCS 4372, pp. 42–53: classical MDS on the
    n × k matrix of squared distances (the lengths `_stress` uses) to k pivots, double-centred,
    projected on the two leading eigenvectors of its k × k Gram matrix. The pivots are chosen
    max-min (each the node farthest from those chosen), from the node of highest degree: no
    randomness. Then centred, fisheye, axis and scale as `_stress` does (`_settle`)."""
    nodes, adjacent = _link_lengths(h, weight)
    first = max(range(len(nodes)), key=lambda i: (len(adjacent[i]), -i))
    columns = [np.array(_lengths_from(adjacent, first))]
    nearest = columns[0].copy()
    while len(columns) < min(pivots, len(nodes)):
        far = int(np.argmax(nearest))  # the first of the farthest
        if nearest[far] <= 0:
            break
        columns.append(np.array(_lengths_from(adjacent, far)))
        nearest = np.minimum(nearest, columns[-1])
    squared = np.array(columns).T ** 2  # n × k
    centred = -0.5 * (squared - squared.mean(0)[None, :] - squared.mean(1)[:, None] + squared.mean())
    _, vecs = np.linalg.eigh(centred.T @ centred)
    return _settle(h, nodes, centred @ vecs[:, ::-1][:, :2])


def _settle(h: nx.Graph, nodes: list, x: np.ndarray) -> dict:
    """Positions ``x`` (rows in ``nodes`` order) centred, spread in the middle (fisheye), turned
    with their long axis horizontal, scaled so that the median edge is one unit long."""
    idx = {n: i for i, n in enumerate(nodes)}
    x -= x.mean(0)
    # radial r -> R (r / R) ** FISHEYE: more room in the middle, where the ties are densest
    if FISHEYE != 1.0 and len(nodes) > 2:
        r = np.hypot(x[:, 0], x[:, 1])
        big_r = float(r.max())
        if big_r > 1e-12:
            x *= ((np.maximum(r, 1e-12) / big_r) ** (FISHEYE - 1.0))[:, None]
    # principal axis horizontal, so a wide picture is filled; signs fixed by the data
    if len(nodes) > 2:
        _, vecs = np.linalg.eigh(np.cov(x.T))
        x = x @ vecs[:, ::-1]
        for k in range(2):
            col = x[:, k]
            if col[np.argmax(np.abs(col) > 1e-9)] < 0:
                x[:, k] = -col
        # symmetric shapes end up with edges exactly along an axis, which some viewers (and
        # browsers' hit boxes) treat as zero-sized: turn those a few degrees
        ends = np.array([(idx[u], idx[v]) for u, v in h.edges])
        if len(ends):
            d = np.abs(x[ends[:, 0]] - x[ends[:, 1]])
            if (d.min(1) < 1e-3 * max(float(d.max()), 1e-9)).any():
                a = math.radians(7)
                x = x @ np.array([[math.cos(a), math.sin(a)], [-math.sin(a), math.cos(a)]])
    edge_len = [float(np.hypot(*(x[idx[u]] - x[idx[v]]))) for u, v in h.edges]
    unit = float(np.median(edge_len)) if edge_len else 1.0
    x /= unit if unit > 1e-12 else 1.0
    return {n: (float(x[idx[n], 0]), float(x[idx[n], 1])) for n in nodes}


def _fruchterman_reingold(h: nx.Graph, *, seed: int, weight: str | None, k: float, iterations: int,
                          threshold: float = 1e-4) -> dict:
    """``nx.spring_layout(h, seed=seed, weight=weight, k=k, iterations=iterations)`` as networkx
    3.6 computes it for fewer than 500 nodes (its dense "force" method, no fixed nodes, scale 1,
    centre 0), to the bit: the same random start, the same numpy operations on the same values.
    Only two steps are done another way with the same results, for they were most of the time:
    the differences between positions, (n, n, 2), are stacked from the (n, n) differences of each
    coordinate (the same subtractions), and the distances are ``sqrt(dx * dx + dy * dy)``, which
    is what ``np.linalg.norm(delta, axis=-1)`` adds up over an axis of two."""
    A = nx.to_numpy_array(h, weight=weight)
    n = A.shape[0]
    pos = np.asarray(np.random.RandomState(seed).rand(n, 2), dtype=A.dtype)
    t = max(max(pos.T[0]) - min(pos.T[0]), max(pos.T[1]) - min(pos.T[1])) * 0.1
    dt = t / (iterations + 1)
    for _ in range(iterations):
        dx = pos[:, 0][:, np.newaxis] - pos[:, 0][np.newaxis, :]
        dy = pos[:, 1][:, np.newaxis] - pos[:, 1][np.newaxis, :]
        delta = np.stack((dx, dy), axis=-1)
        distance = np.sqrt(dx * dx + dy * dy)
        np.clip(distance, 0.01, None, out=distance)
        displacement = np.einsum("ijk,ij->ik", delta, (k * k / distance**2 - A * distance / k))
        length = np.linalg.norm(displacement, axis=-1)
        length = np.clip(length, a_min=0.01, a_max=None)
        delta_pos = np.einsum("ij,i->ij", displacement, t / length)
        pos += delta_pos
        t -= dt
        if (np.linalg.norm(delta_pos) / n) < threshold:
            break
    pos = nx.rescale_layout(pos, scale=1) + np.zeros(2)
    return dict(zip(h, pos))


def _spring(h: nx.Graph, *, seed: int, weight: str | None, k: float) -> dict:
    """Seeded spring layout, or for 500+ nodes (where networkx needs scipy, not a dependency)
    seeded random positions, which :func:`_stress` then untangles."""
    if h.number_of_nodes() < 500:
        return _fruchterman_reingold(h, seed=seed, weight=weight, k=k, iterations=200)
    xy = np.random.RandomState(seed).uniform(-1.0, 1.0, size=(h.number_of_nodes(), 2))
    return {n: (float(a), float(b)) for n, (a, b) in zip(sorted(h), xy)}


def _rows(blocks: Sequence[Mapping[str, tuple[float, float]]], width: float, gap: float) -> dict:
    """Blocks (each with its top-left corner at (0, 0)) in rows at most ``width`` wide, in order."""
    out: dict[str, tuple[float, float]] = {}
    x, y, row_h = 0.0, 0.0, 0.0
    for b in blocks:
        w_, h_ = _extent(b)
        if x > 0 and x + w_ > width + 1e-9:
            x, y, row_h = 0.0, y - row_h - gap, 0.0
        out.update({n: (x + px, y + py) for n, (px, py) in b.items()})
        x += w_ + gap
        row_h = max(row_h, h_)
    return out


def _extent(block: Mapping[str, tuple[float, float]]) -> tuple[float, float]:
    """Width and height of a block whose top-left corner is at (0, 0)."""
    return max(x for x, _ in block.values()), -min(y for _, y in block.values())


LINK_SPREAD = 0.5  # an edge is longer by this × √(neighbours its two ends do not share)
WEIGHT_PULL = 0.5  # and shorter with weight: × weight ** -WEIGHT_PULL
FISHEYE = 0.7  # radial r -> R (r / R) ** FISHEYE after the stress step: more room for the core
PAIR_TILT = math.radians(20)  # a two-node component is drawn slanted, not as a flat line
MAX_STRETCH = 1.3  # the largest component may be stretched this much to fit ``aspect``
STRESS_BUDGET = 300 * 400 * 400  # stress steps × nodes² per component
STRESS_MAX_NODES = 1000  # a larger component is laid out by PivotMDS (`_pivot_mds`), not stress
MDS_PIVOTS = 100  # pivots of PivotMDS
EXACT_BETWEENNESS = 1000  # betweenness of a larger graph is estimated from pivots (`_betweenness`)
BETWEENNESS_PIVOTS = 250  # its source pivots


def layout(
    g: nx.Graph, *, seed: int = SEED, weight: str | None = "weight", aspect: float = 1.0
) -> dict[str, tuple[float, float]]:
    """Deterministic 2-D positions in [-1, 1], rounded to 4 decimals.

    Each connected component is laid out on its own: a seeded spring layout, refined by stress
    majorization (:func:`_stress`: hubs apart, leaves outside, a mild fisheye for the dense core;
    a component of more than ``STRESS_MAX_NODES`` by PivotMDS instead, :func:`_pivot_mds`),
    turned so that its long axis is horizontal and scaled so that its median edge is one unit
    long (so all components share a scale). The largest may be widened up to ``MAX_STRETCH`` to
    fill an area ``aspect`` times wider than tall. The other components, then isolated nodes (one
    unit apart, in id order), are packed in rows: in an empty corner of the largest component's
    box, or else below it or to its right, whichever draws the whole larger.
    """
    if g.number_of_nodes() == 0:
        return {}
    comps = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c[0]))
    linked = [c for c in comps if len(c) > 1]
    lonely = [c[0] for c in comps if len(c) == 1]
    blocks: list[dict[str, tuple[float, float]]] = []
    for c in linked:
        h = nx.Graph()
        h.add_nodes_from(c)
        h.add_edges_from(sorted((min(u, v), max(u, v), d) for u, v, d in g.subgraph(c).edges(data=True)))
        if len(c) == 2:
            p = {c[0]: (0.0, 0.0), c[1]: (math.cos(PAIR_TILT), -math.sin(PAIR_TILT))}
        elif len(c) > STRESS_MAX_NODES:  # all pairs' distances cost minutes and gigabytes there
            p = _pivot_mds(h, weight, MDS_PIVOTS)
        else:
            k = 1.5 / math.sqrt(len(c))
            p = _spring(h, seed=seed, weight=weight, k=k)
            # fewer stress steps on big components, so that the time stays about that of 400 nodes
            p = _stress(h, p, weight, iterations=max(30, min(300, STRESS_BUDGET // (len(c) * len(c)))))
        xs = [p[n][0] for n in c]
        ys = [p[n][1] for n in c]
        w_, h_ = max(xs) - min(xs), max(ys) - min(ys)
        if not blocks and len(c) > 2 and 0 < w_ < aspect * h_:  # widen the main block a little
            sx = min(aspect * h_ / w_, MAX_STRETCH)
            p = {n: (p[n][0] * sx, p[n][1]) for n in c}
            xs = [p[n][0] for n in c]
        blocks.append({n: (p[n][0] - min(xs), p[n][1] - max(ys)) for n in c})  # top-left at (0, 0)

    # the rest (smaller components, then isolated nodes one unit apart) packed in rows: in an
    # empty corner of the largest component's box if one is big enough, else below it or to its
    # right, whichever leaves the whole drawn larger
    gap = 1.0
    rest = blocks[1:] + [{n: (0.0, 0.0)} for n in lonely]
    main = blocks[0] if blocks else {}
    if not rest:
        pos = dict(main)
    elif not main:
        area = sum((_extent(b)[0] + gap) * (_extent(b)[1] + gap) for b in rest)
        pos = _rows(rest, max(math.sqrt(area * aspect) - gap, max(_extent(b)[0] for b in rest)), gap)
    else:
        main_w, main_h = _extent(main)
        widest = max(_extent(b)[0] for b in rest)
        area = sum((_extent(b)[0] + gap) * (_extent(b)[1] + gap) for b in rest)

        def scale_of(p: dict) -> float:  # how large the whole is drawn in an ``aspect`` area
            xs_ = [x for x, _ in p.values()]
            ys_ = [y for _, y in p.values()]
            return min(aspect / max(max(xs_) - min(xs_), 1e-9), 1.0 / max(max(ys_) - min(ys_), 1e-9))

        options = []
        corner = _rows(rest, max(widest, main_w / 2), gap)
        cw, ch = _extent(corner)
        margin = 0.75 * gap
        corners = ((main_w - cw, -main_h + ch), (0.0, -main_h + ch), (main_w - cw, 0.0), (0.0, 0.0))
        for ox, oy in corners if cw <= main_w and ch <= main_h else ():
            free = not any(
                ox - margin <= x <= ox + cw + margin and oy - ch - margin <= y <= oy + margin for x, y in main.values()
            )
            if free:
                options.append({**main, **{n: (ox + x, oy + y) for n, (x, y) in corner.items()}})
                break
        below = _rows(rest, max(main_w, widest), gap)
        options.append({**main, **{n: (x, y - main_h - gap) for n, (x, y) in below.items()}})
        side = _rows(rest, max(widest, min(aspect * main_h - main_w - gap, math.sqrt(area * aspect)), gap), gap)
        options.append({**main, **{n: (x + main_w + gap, y) for n, (x, y) in side.items()}})
        pos = max(options, key=scale_of)  # the first of equals
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


_DANGLING = frozenset("a an and at de des du et for in la le les of on the to".split())
_WORD_SPLIT = re.compile(r"[\s\-\u2010\u2011\u2013'\u2019/]+")


def _acronym(form: str) -> bool:
    """``MNLA``, ``U.S.``, ``G5``-like tokens: no space, 2-8 characters, at least two capitals and
    (apart from digits and dots) capitals only, or one lower-case letter after three capitals
    (``FAMa``) but not a plural (``MOCs``)."""
    if not form or any(c.isspace() for c in form) or "," in form:
        return False
    core = form.replace(".", "").replace("-", "").replace("&", "")
    if not 2 <= len(core) <= 8 or not core.isalnum():
        return False
    upper = sum(c.isupper() for c in core)
    lower = [c for c in core if c.islower()]
    if upper < 2:
        return False
    return not lower or (len(lower) == 1 and upper >= 3 and not core.endswith("s"))


def _initials(text: str) -> str:
    return "".join(w[0] for w in _WORD_SPLIT.split(text) if w).upper()


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(c in it for c in short)


def display_label(
    name: str, surface_forms: str | Iterable[str] = (), *, max_len: int = 24, hard_len: int = 32
) -> str:
    """A short label for a node, taken from what the text itself writes.

    ``surface_forms``: the forms seen in the text (a `` | ``-joined string, as in the graph's
    ``surface_forms`` attribute, or any iterable). Rules, first that applies:

    1. a one-word ``name`` (``Mali``, ``Plateforme``) is kept;
    2. an acronym the text uses (``MNLA``, ``CMA``, ``IBK``) replaces a longer name of several
       words; with several, the one spelling the initials of the name (or of another long form)
       wins (``AQIM`` over ``GSPC``), then the shortest, then alphabetical order;
    3. a name of at most ``max_len`` characters is kept (``Iyad ag Ghali``);
    4. else the longest multi-word form of at most ``max_len`` characters that shares a word with
       the name (``National Assembly of Mali`` -> ``National Assembly``);
    5. else the name itself if it has at most ``hard_len`` characters, or cut there at a word
       boundary, with an ellipsis.

    Pure: same arguments, same label; the canonical name stays in the data, this is display only.
    """
    name = " ".join(str(name or "").split())
    if isinstance(surface_forms, str):
        forms = [f.strip() for f in surface_forms.split(" | ")]
    else:
        forms = [" ".join(str(f).split()) for f in surface_forms]
    forms = sorted({f for f in forms if f and f != name})
    words = name.split()
    if len(words) <= 1:
        return name if len(name) <= hard_len else name[: hard_len - 1] + "\u2026"
    acronyms = [f for f in forms if _acronym(f) and len(f) < len(name)]
    if acronyms:
        spelled = [_initials(name)] + [_initials(f) for f in forms if len(f.split()) > 2]

        def rank(a: str) -> tuple:
            letters = "".join(c for c in a if c.isalpha()).upper()
            return (0 if any(_is_subsequence(letters, s) for s in spelled) else 1, len(a), a)

        return min(acronyms, key=rank)
    if len(name) <= max_len:
        return name
    name_words = {w.casefold() for w in _WORD_SPLIT.split(name) if len(w) > 2}
    shorter = [
        f for f in forms
        if len(f.split()) > 1 and len(f) <= max_len and "," not in f
        and name_words & {w.casefold() for w in _WORD_SPLIT.split(f) if len(w) > 2}
    ]
    if shorter:
        return min(shorter, key=lambda f: (-len(f), not f[:1].isupper(), f))
    if len(name) <= hard_len:
        return name
    cut = name[: hard_len - 1]
    if " " in cut and name[hard_len - 1] != " ":
        cut = cut[: cut.rindex(" ")]
    kept = cut.rstrip(" ,;:-").split(" ")
    while len(kept) > 1 and kept[-1].casefold() in _DANGLING:
        kept.pop()
    return " ".join(kept) + "\u2026"


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


def _xml_text(writer) -> str:
    """The text networkx's ``generate_gexf`` / ``generate_graphml`` give for the tree a networkx
    GEXF or GraphML writer has built (lines joined with "\\n", one at the end), serialised here:
    ElementTree's ``tostring`` (pure Python, with a namespace pass over every element) was most
    of the time of writing the graph files. Same bytes: attributes in insertion order, the same
    escaping, ``<tag />`` for an empty element, a namespace ``{uri}tag`` written with its
    registered prefix (else ``ns0``...) and declared on the root element, characters outside
    ASCII as character references (``tostring``'s default us-ascii encoding)."""
    from xml.etree.ElementTree import _escape_attrib, _escape_cdata, _namespace_map

    writer.indent(writer.xml)
    out: list[str] = []
    write = out.append
    namespaces: dict[str, str] = {}  # uri -> prefix, in the order ElementTree meets them
    qnames: dict[str, str] = {}

    def qname(name) -> str:
        q = qnames.get(name)
        if q is None:
            if not isinstance(name, str):
                raise TypeError(f"cannot serialize {name!r} in a graph file")
            q = name
            if name[:1] == "{":
                uri, local = name[1:].rsplit("}", 1)
                prefix = namespaces.get(uri)
                if prefix is None:
                    prefix = _namespace_map.get(uri)
                    if prefix is None:
                        prefix = f"ns{len(namespaces)}"
                    if prefix != "xml":
                        namespaces[uri] = prefix
                q = f"{prefix}:{local}" if prefix else local
            qnames[name] = q
        return q

    def element(e, root: bool = False) -> None:
        tag = qname(e.tag)
        write("<" + tag)
        at = len(out)
        for k, v in e.items():
            write(f' {qname(k)}="{_escape_attrib(v)}"')
        text = e.text
        if text or len(e):
            write(">")
            if text:
                write(_escape_cdata(text))
            for child in e:
                element(child)
            write("</" + tag + ">")
        else:
            write(" />")
        if e.tail:
            write(_escape_cdata(e.tail))
        if root and namespaces:  # declared first on the root, by prefix (as ElementTree does)
            out.insert(at, "".join(f' xmlns{":" + p if p else ""}="{_escape_attrib(u)}"'
                                   for u, p in sorted(namespaces.items(), key=lambda x: x[1])))

    element(writer.xml, root=True)
    text = "".join(out).encode("ascii", "xmlcharrefreplace").decode("ascii")
    return "\n".join(text.splitlines()) + "\n"


_GEXF_NODE_KEYS = frozenset({"id", "pid", "start", "end", "parents", "slices"})  # what _gexf_text leaves to networkx
_GEXF_EDGE_KEYS = frozenset({"id", "key", "label", "type", "start", "end", "slices", "viz"})
_VIZ_KEYS = frozenset({"color", "size", "thickness", "shape", "position"})


def _gexf_text(g: nx.Graph, writer) -> str | None:
    """What ``_xml_text`` gives for ``writer`` (a fresh networkx ``GEXFWriter``, version 1.2) after
    ``writer.add_graph(g)``, with ``<meta>``'s date left out, written straight from the graph:
    networkx builds an element per attribute value and per year (and looks up its attribute
    blocks by walking the tree), most of the time of a GEXF file. The same text: node and edge
    attributes numbered in the order networkx meets them and listed in blocks by class and mode,
    the newest block first (networkx inserts each new one at the top), ``mode`` and
    ``timeformat`` of the graph changed where networkx changes them, values as it writes them
    (``true``/``false``, ``INF``, ``NaN``), spells, ``viz:`` elements, escaping and indentation.
    None for what this does not cover (directed or multigraphs, node or edge defaults, ids,
    parents, slices, times, edge labels, types or viz): the caller then uses networkx."""
    from xml.etree.ElementTree import _escape_attrib as attr
    from xml.etree.ElementTree import _escape_cdata as cdata

    if g.is_directed() or g.is_multigraph() or {"node_default", "edge_default"} & set(g.graph):
        return None
    for _, d in g.nodes(data=True):
        viz = d.get("viz")
        if _GEXF_NODE_KEYS & d.keys() or (viz and (not isinstance(viz, Mapping) or viz.keys() - _VIZ_KEYS)):
            return None
    for _, _, d in g.edges(data=True):
        if _GEXF_EDGE_KEYS & d.keys():
            return None
    xml_type = writer.xml_type
    graph_attrs = {"defaultedgetype": "undirected", "mode": "dynamic" if g.graph.get("mode") == "dynamic" else "static",
                   "name": g.graph.get("name", "")}
    blocks: dict[tuple[str, str], list[str]] = {}  # (class, mode) -> its attribute lines, in the order made
    ids: dict[tuple[str, str, str], str] = {}
    viz_used = False

    def met_time(t) -> None:  # GEXFWriter.alter_graph_mode_timeformat
        if t is None:
            return
        if isinstance(t, str):
            kind = "date"
        elif isinstance(t, float):
            kind = "double"
        elif isinstance(t, int):
            kind = "long"
        else:
            raise nx.NetworkXError("timeformat should be of the type int, float or str")
        graph_attrs["timeformat"] = kind
        if graph_attrs["mode"] == "static":
            graph_attrs["mode"] = "dynamic"

    def attr_id(title: str, kind: str, cls: str, mode: str) -> str:  # GEXFWriter.get_attr_id
        key = (cls, mode, title)
        if key not in ids:
            ids[key] = str(len(ids))
            blocks.setdefault((cls, mode), []).append(
                f'      <attribute id="{ids[key]}" title="{attr(title)}" type="{attr(kind)}" />')
        return ids[key]

    def value_text(v, kind) -> str:
        text = str(v)
        if kind is float:
            text = {"inf": "INF", "nan": "NaN", "-inf": "-INF"}.get(text, text)
        return text

    def children(d: dict, cls: str, out: list[str]) -> None:
        """spells, viz and attvalues of a node or an edge (what remains of its data in ``d``)"""
        nonlocal viz_used
        spells = d.pop("spells", False)
        if spells:
            out.append("        <spells>")
            for start, end in spells:
                a = ""
                if start is not None:
                    a += f' start="{attr(str(start))}"'
                    met_time(start)
                if end is not None:
                    a += f' end="{attr(str(end))}"'
                    met_time(end)
                out.append(f"          <spell{a} />")
            out.append("        </spells>")
        viz = d.pop("viz", False)
        if viz:
            color = viz.get("color")
            if color is not None:
                out.append(f'        <viz:color r="{attr(str(color.get("r")))}" g="{attr(str(color.get("g")))}" '
                           f'b="{attr(str(color.get("b")))}" a="{attr(str(color.get("a", 1.0)))}" />')
            for name in ("size", "thickness"):
                if viz.get(name) is not None:
                    out.append(f'        <viz:{name} value="{attr(str(viz.get(name)))}" />')
            shape = viz.get("shape")
            if shape is not None:
                out.append(f'        <viz:shape value="image" uri="{attr(str(shape))}" />' if shape.startswith("http")
                           else f'        <viz:shape value="{attr(str(shape))}" />')
            position = viz.get("position")
            if position is not None:
                x, y, z = (attr(str(position.get(k))) for k in "xyz")
                out.append(f'        <viz:position x="{x}" y="{y}" z="{z}" />')
            viz_used = viz_used or any(viz.get(k) is not None for k in _VIZ_KEYS)
        if not d:
            return
        out.append("        <attvalues>")
        mode = "static"  # as in GEXFWriter.add_attributes: a list keeps the mode of the value before
        for k, v in d.items():
            if k == "key":
                k = "networkx_key"
            kind = type(v)
            if kind not in xml_type:
                raise TypeError(f"attribute value type is not allowed: {kind}")
            if isinstance(v, list):
                for val, start, end in v:
                    kind = type(val)
                    if start is not None or end is not None:
                        mode = "dynamic"
                        met_time(start)
                        met_time(end)
                        break
                a_id = attr_id(str(k), xml_type[kind], cls, mode)
                for val, start, end in v:
                    a = f' start="{attr(str(start))}"' if start is not None else ""
                    a += f' end="{attr(str(end))}"' if end is not None else ""
                    out.append(f'          <attvalue for="{a_id}" value="{attr(value_text(val, kind))}"{a} />')
            else:
                mode = "static"
                a_id = attr_id(str(k), xml_type[kind], cls, mode)
                text = str(v).lower() if isinstance(v, bool) else value_text(v, kind)
                out.append(f'          <attvalue for="{a_id}" value="{attr(text)}" />')
        out.append("        </attvalues>")

    nodes: list[str] = []
    for n, data in g.nodes(data=True):
        d = data.copy()
        head = f'      <node id="{attr(str(n))}" label="{attr(str(d.pop("label", n)))}"'
        inner: list[str] = []
        children(d, "node", inner)
        nodes += [head + ">", *inner, "      </node>"] if inner else [head + " />"]
    edges: list[str] = []
    for i, (u, v, data) in enumerate(g.edges(data=True)):
        d = data.copy()
        head = f'      <edge source="{attr(str(u))}" target="{attr(str(v))}" id="{i}"'
        if "weight" in d:
            head += f' weight="{attr(str(d.pop("weight")))}"'
        inner = []
        children(d, "edge", inner)
        edges += [head + ">", *inner, "      </edge>"] if inner else [head + " />"]
    ns = f' xmlns:viz="{attr(writer.NS_VIZ)}"' if viz_used else ""
    lines = [f'<gexf{ns} xmlns="{attr(writer.NS_GEXF)}" xmlns:xsi="{attr(writer.NS_XSI)}" '
             f'xsi:schemaLocation="{attr(writer.SCHEMALOCATION)}" version="{attr(writer.VERSION)}">',
             "  <meta>", f"    <creator>{cdata(f'NetworkX {nx.__version__}')}</creator>", "  </meta>",
             "  <graph" + "".join(f' {k}="{attr(v)}"' for k, v in graph_attrs.items()) + ">"]
    for (cls, mode), attribute_lines in reversed(blocks.items()):
        lines += [f'    <attributes mode="{mode}" class="{cls}">', *attribute_lines, "    </attributes>"]
    lines += ["    <nodes>", *nodes, "    </nodes>"] if nodes else ["    <nodes />"]
    lines += ["    <edges>", *edges, "    </edges>"] if edges else ["    <edges />"]
    lines += ["  </graph>", "</gexf>"]
    text = "\n".join(lines).encode("ascii", "xmlcharrefreplace").decode("ascii")
    return "\n".join(text.splitlines()) + "\n"


def write_gexf(g: nx.Graph, path: str | Path, *, viz: bool = True, positions: bool | Mapping = True,
               seed: int = SEED) -> Path:
    """GEXF 1.2 for Gephi; with ``viz`` each node also carries a colour by type, a size by mentions
    and (with ``positions``, which costs a layout) a deterministic position; ``positions`` may
    also be the positions themselves (``layout`` of another graph on the same nodes: the two
    window graphs share one). The date networkx stamps in ``<meta>`` is dropped so the bytes
    depend on the graph only."""
    path = Path(path)
    h = g.copy()
    if viz and h.number_of_nodes():
        pos = positions if isinstance(positions, Mapping) else layout(h, seed=seed) if positions else {}
        colors = type_colors(d.get("type", "") for _, d in h.nodes(data=True))
        for n, d in h.nodes(data=True):
            r, gr, b = _hex_rgb(colors[d.get("type", "")])
            d["viz"] = {
                "color": {"r": r, "g": gr, "b": b, "a": 1.0},
                "size": round(4.0 + 3.0 * math.sqrt(max(0, d.get("mentions", 0))), 3),
            }
            if n in pos:
                d["viz"]["position"] = {"x": round(pos[n][0] * 1000, 2), "y": round(pos[n][1] * 1000, 2), "z": 0.0}
    from networkx.readwrite.gexf import GEXFWriter

    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    text = _gexf_text(h, writer)
    if text is None:
        writer.add_graph(h)
        text = _DATE.sub("", _xml_text(writer), count=1)
    path.write_text(text, encoding="utf-8")
    return path


def _graphml_text(g: nx.Graph) -> str | None:
    """The text ``nx.generate_graphml(g, prettyprint=True)`` gives (lines joined with "\\n", one
    at the end), written straight from the graph: networkx builds an element per attribute
    value (per-year weights make many) and then serialises them, most of the time of the
    file. Same keys (ids ``d0``.. in the order networkx meets them, listed last first), same
    order (nodes, edges, then the graph's own data), escaping and indentation. None for what
    this does not cover (directed or multigraphs, a graph ``id``, node or edge defaults): the
    caller then uses networkx."""
    from xml.etree.ElementTree import _escape_attrib as attr
    from xml.etree.ElementTree import _escape_cdata as cdata

    from networkx.readwrite.graphml import GraphMLWriter

    if g.is_directed() or g.is_multigraph() or {"id", "node_default", "edge_default"} & set(g.graph):
        return None
    xml_type = GraphMLWriter().get_xml_type
    keys: dict[tuple[str, str, str], str] = {}
    key_lines: list[str] = []

    def data(items, scope: str, pad: str, out: list[str]) -> None:
        for k, v in items:
            name, kind = str(k), xml_type(type(v))
            key = keys.get((name, kind, scope))
            if key is None:
                key = keys[(name, kind, scope)] = f"d{len(keys)}"
                key_lines.append(f'  <key id="{key}" for="{scope}" attr.name="{attr(name)}" attr.type="{kind}" />')
            text = str(v)
            out.append(f'{pad}<data key="{key}">{cdata(text)}</data>' if text else f'{pad}<data key="{key}" />')

    body: list[str] = []
    graph_data = [(k, v) for k, v in g.graph.items()]
    graph_lines: list[str] = []
    data(graph_data, "graph", "    ", graph_lines)  # keys first, lines last (as networkx does)
    for n, d in g.nodes(data=True):
        if d:
            body.append(f'    <node id="{attr(str(n))}">')
            data(d.items(), "node", "      ", body)
            body.append("    </node>")
        else:
            body.append(f'    <node id="{attr(str(n))}" />')
    for u, v, d in g.edges(data=True):
        if d:
            body.append(f'    <edge source="{attr(str(u))}" target="{attr(str(v))}">')
            data(d.items(), "edge", "      ", body)
            body.append("    </edge>")
        else:
            body.append(f'    <edge source="{attr(str(u))}" target="{attr(str(v))}" />')
    body += graph_lines
    head = ('<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
            ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
            'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">')
    graph = (["  <graph edgedefault=\"undirected\">", *body, "  </graph>"] if body
             else ["  <graph edgedefault=\"undirected\" />"])
    text = "\n".join([head, *reversed(key_lines), *graph, "</graphml>"])
    text = text.encode("ascii", "xmlcharrefreplace").decode("ascii")
    return "\n".join(text.splitlines()) + "\n"


def write_graphml(g: nx.Graph, path: str | Path) -> Path:
    """GraphML with typed attribute keys (opens in Gephi, yEd, networkx, igraph)."""
    path = Path(path)
    text = _graphml_text(g)
    if text is None:
        from networkx.readwrite.graphml import GraphMLWriter

        writer = GraphMLWriter(encoding="utf-8", prettyprint=True)
        writer.add_graph_element(g)
        text = _xml_text(writer)
    path.write_text(text, encoding="utf-8")
    return path
