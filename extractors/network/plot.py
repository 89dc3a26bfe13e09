"""network.png: a static overview of the co-mention graph (matplotlib, Agg, no pyplot state).

What is drawn is the graph's *backbone*: on a dense graph the weakest edges are hidden (at most
``max_edges`` are drawn, see :func:`extractors.network.edge_threshold`) and so are the entities
left without a drawn edge; the caption says how many. The backbone is laid out on its own with
:func:`extractors.network.layout` (seeded spring layout refined by stress majorization, so the
core is spread evenly instead of a hairball). Nodes are coloured by entity type (legend) and sized
by mentions; the most central or most mentioned entities are labelled with the short form the text
uses (:func:`extractors.network.display_label`: ``MNLA`` rather than the canonical name), each
label put in the free spot nearest its node that covers no other label and no node (a thin leader
line when it had to move away). Same graph, same bytes.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import numpy as np
from matplotlib import patheffects
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from extractors.network.graph import (SEED, STRESS_MAX_NODES, display_label, edge_threshold, label_nodes, layout,
                                      type_colors)
from extractors.text import plural

# axes for the graph (figure fractions); the legend sits to their right, the caption below
AX_RECT = (0.01, 0.075, 0.80, 0.855)
FONT = "DejaVu Sans"


def _area(m: int, max_m: int) -> float:
    """Marker area in points² for ``m`` mentions (area grows with √mentions)."""
    return 30.0 + 1000.0 * math.sqrt(max(0, m) / max(1, max_m))


def _segments_hit_boxes(segs: np.ndarray, boxes: np.ndarray) -> np.ndarray:
    """For each box (m × 4 array of x0, y0, x1, y1, pixels), how many segments (n × 2 × 2 array)
    cross or touch it. Liang–Barsky clipping of every (box, segment) pair at once: a placement
    asks this for the sixteen spots of a ring, or for a leader line against the labels near it,
    in one numpy pass instead of one per spot or per label."""
    if len(segs) == 0 or len(boxes) == 0:
        return np.zeros(len(boxes), dtype=int)
    p, q = segs[:, 0, :], segs[:, 1, :]
    d = q - p
    x0, y0, x1, y1 = (boxes[:, k][:, np.newaxis] for k in range(4))
    shape = (len(boxes), len(segs))
    t0 = np.zeros(shape)
    t1 = np.ones(shape)
    ok = np.ones(shape, bool)
    for pk, qk in ((-d[:, 0], p[:, 0] - x0), (d[:, 0], x1 - p[:, 0]), (-d[:, 1], p[:, 1] - y0), (d[:, 1], y1 - p[:, 1])):
        parallel = np.abs(pk) < 1e-12
        ok &= ~(parallel & (qk < 0))
        with np.errstate(divide="ignore", invalid="ignore"):
            r = np.where(parallel, 0.0, qk / np.where(parallel, 1.0, pk))
        t0 = np.where(~parallel & (pk < 0), np.maximum(t0, r), t0)
        t1 = np.where(~parallel & (pk > 0), np.minimum(t1, r), t1)
    return np.count_nonzero(ok & (t0 <= t1), axis=1)


def _box_hits_circle(box, cx: float, cy: float, r: float) -> bool:
    nx_ = min(max(cx, box[0]), box[2])
    ny_ = min(max(cy, box[1]), box[3])
    return (nx_ - cx) ** 2 + (ny_ - cy) ** 2 < r * r


def _box_circle_gap(box, cx: float, cy: float, r: float) -> float:
    nx_ = min(max(cx, box[0]), box[2])
    ny_ = min(max(cy, box[1]), box[3])
    return math.hypot(nx_ - cx, ny_ - cy) - r


def _boxes_overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


# label spots around a node, in order of preference: directions (degrees) and gaps (points)
_ANGLES = (90, 270, 0, 180, 45, 135, 315, 225, 68, 112, 248, 292, 22, 158, 202, 338)
# (cos, sin, the larger of their sizes) of each direction, worked out once
_DIRECTIONS = tuple((c, s, max(abs(c), abs(s))) for c, s in ((math.cos(math.radians(a)), math.sin(math.radians(a)))
                                                             for a in _ANGLES))
_GAPS = (2, 6, 12, 20, 30, 44, 60, 80, 105)
LEADER_GAP = 12  # labels this many points or more from their node get a leader line


def _leader(x: float, y: float, r: float, box) -> tuple[tuple[float, float], tuple[float, float]]:
    """The segment from a node's rim to the edge of its label box, aimed at the box's centre."""
    bx, by = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    dx, dy = bx - x, by - y
    d = math.hypot(dx, dy) or 1.0
    hw, hh = (box[2] - box[0]) / 2, (box[3] - box[1]) / 2
    k = min(hw / abs(dx) if dx else math.inf, hh / abs(dy) if dy else math.inf)
    return (x + dx / d * r, y + dy / d * r), (bx - dx * k, by - dy * k)


def _segment_hits_circle(seg, cx: float, cy: float, r: float) -> bool:
    (x0, y0), (x1, y1) = seg
    dx, dy = x1 - x0, y1 - y0
    t = ((cx - x0) * dx + (cy - y0) * dy) / ((dx * dx + dy * dy) or 1.0)
    t = min(1.0, max(0.0, t))
    return math.hypot(x0 + t * dx - cx, y0 + t * dy - cy) < r


def _mistaken_for(box, cx: float, cy: float, x: float, y: float, r: float, discs, leader: bool, px_per_pt: float,
                  partial: float, limit: float) -> int | None:
    """How many other nodes a reader could take the label in ``box`` (centre ``cx``, ``cy``) of the
    node at (``x``, ``y``) for: about as near to the box as its own node, or nearer to the box's
    centre (with a ``leader`` line: only nodes it nearly touches). None as soon as the spot's
    cost so far, ``partial + count * 1.5``, reaches ``limit``: it only grows from there."""
    own = _box_circle_gap(box, x, y, r)
    own_c = math.hypot(cx - x, cy - y)
    count = 0
    for dx, dy, dr in discs:
        if (dx, dy) == (x, y):
            continue
        near = _box_circle_gap(box, dx, dy, dr)
        if leader:
            mistaken = near < 4 * px_per_pt
        else:
            mistaken = near < own + 3 * px_per_pt or math.hypot(cx - dx, cy - dy) < own_c
        if mistaken:
            count += 1
            if partial + count * 1.5 >= limit:
                return None
    return count


def _ring_reach(x: float, y: float, dist: float, w: float, h: float, px_per_pt: float, leader: bool
                ) -> tuple[tuple[float, float, float, float], float]:
    """What the spots of one ring of :func:`_place_labels` can touch: (``reach``, ``far``).

    A spot's box has its centre within ``dist + w/2`` (``dist + h/2``) of the node, so every box of
    the ring, the node's disc and any leader line between them lie in ``reach``. A label box or a
    line that touches none of ``reach`` touches no box or leader of the ring, and a node disc counts
    for a spot only if its centre is within ``far + its radius`` of ``reach``: ``1.5`` for covering
    the box, ``4 pt`` for a leader-line spot's neighbour, or for a spot without a leader the node's
    own distance to the box (at most ``hypot(dist + w/2, dist + h/2)``) plus ``3 pt``. Both are
    widened by 2 px, far more than any rounding, so the filtered counts equal the full ones.
    """
    margin = 2.0
    reach = (x - dist - w - margin, y - dist - h - margin, x + dist + w + margin, y + dist + h + margin)
    if leader:
        far = max(1.5, 4 * px_per_pt)
    else:
        far = max(1.5, math.hypot(dist + w / 2, dist + h / 2) + 3 * px_per_pt)
    return reach, far + margin


def _discs_near(discs: np.ndarray, reach, far: float) -> np.ndarray:
    """Indices (in order) of the discs (x, y, r) whose centre is within ``far + r`` of ``reach``."""
    if len(discs) == 0:
        return np.zeros(0, dtype=int)
    pad = far + discs[:, 2]
    ok = ((discs[:, 0] >= reach[0] - pad) & (discs[:, 0] <= reach[2] + pad)
          & (discs[:, 1] >= reach[1] - pad) & (discs[:, 1] <= reach[3] + pad))
    return np.flatnonzero(ok)


def _boxes_near(boxes: np.ndarray, reach) -> np.ndarray:
    """Indices (in order) of the boxes that overlap or touch ``reach``."""
    if len(boxes) == 0:
        return np.zeros(0, dtype=int)
    ok = (boxes[:, 0] <= reach[2]) & (reach[0] <= boxes[:, 2]) & (boxes[:, 1] <= reach[3]) & (reach[1] <= boxes[:, 3])
    return np.flatnonzero(ok)


def _segments_near(lo: np.ndarray, hi: np.ndarray, reach) -> np.ndarray:
    """Mask of the segments whose bounding box (``lo``, ``hi`` corners) overlaps or touches ``reach``."""
    if len(lo) == 0:
        return np.zeros(0, dtype=bool)
    return (lo[:, 0] <= reach[2]) & (reach[0] <= hi[:, 0]) & (lo[:, 1] <= reach[3]) & (reach[1] <= hi[:, 1])


@dataclass
class _Ring:
    """What one ring of label spots is tested against (see :func:`_ring_reach`): the nodes, label
    boxes (as a list and an array) near it, and per spot of the ring how many leader lines its box
    covers and how many drawn edges it crosses."""

    discs: list
    boxes: list
    box_arr: np.ndarray
    leaders_covered: np.ndarray
    crossings: np.ndarray

    def covers_something(self, box, ai: int, leader) -> bool:
        """Whether the spot covers a label, leader line or node, or its leader line a label."""
        return bool(self.leaders_covered[ai] or any(_boxes_overlap(box, b) for b in self.boxes)
                    or any(_box_hits_circle(box, dx, dy, dr + 1.5) for dx, dy, dr in self.discs)
                    or (leader is not None and self._leader_hits(leader)))

    def covered(self, box, ai: int, leader) -> tuple[int, int]:
        """(labels and leader lines the spot covers, plus labels its leader line crosses; nodes it covers)."""
        labels = sum(_boxes_overlap(box, b) for b in self.boxes) + int(self.leaders_covered[ai])
        nodes = sum(_box_hits_circle(box, dx, dy, dr + 1.5) for dx, dy, dr in self.discs)
        if leader is not None:
            labels += self._leader_hits(leader)
        return labels, nodes

    def _leader_hits(self, leader) -> int:
        return int(_segments_hit_boxes(np.array([leader], dtype=float), self.box_arr).sum())


def _spot_cost(ring: _Ring, gi: int, ai: int, cx: float, cy: float, box, leader, x: float, y: float, r: float,
               px_per_pt: float, limit: float) -> float | None:
    """The cost of a spot (ring ``gi``, direction ``ai``) for the label of the node at (``x``, ``y``):
    distance, then edges crossed, nodes the label could be taken for, nodes its leader line
    crosses. None once it is sure to be no less than ``limit``."""
    crossings = int(ring.crossings[ai])
    partial = gi * 1.0 + ai * 0.04 + crossings * 0.35
    if partial >= limit:
        return None
    closer = _mistaken_for(box, cx, cy, x, y, r, ring.discs, leader is not None, px_per_pt, partial, limit)
    if closer is None:
        return None
    lead_cost = 0.0
    if leader is not None:
        lead_cost = sum(_segment_hits_circle(leader, dx, dy, dr) for dx, dy, dr in ring.discs if (dx, dy) != (x, y))
    return partial + closer * 1.5 + lead_cost * 1.0  # summed in the same order as the terms are listed


def _place_labels(items, node_discs, segs, bounds, px_per_pt, *, taken=(), taken_leaders=(), max_gap=None,
                  strict=False):
    """Greedy label placement in pixel space.

    ``items``: (node, x, y, radius_px, width_px, height_px) in priority order; ``node_discs``:
    (x, y, radius_px) of every drawn node; ``segs``: drawn edges as an n × 2 × 2 array; ``bounds``:
    the box labels must stay in; ``taken`` / ``taken_leaders``: boxes and leader lines already
    drawn. Returns {node: (box, leader or None)}.

    Each label takes the cheapest spot around its node (cost: distance, then edges crossed, then a
    fixed order of directions) whose box covers no other label, leader line or node, and — when
    the spot is ``LEADER_GAP`` points or more away, so that it gets a leader line — whose line
    crosses no label. A spot about as near to another node as to its own costs extra, so a label is
    not read as its neighbour's. When no spot is free the label takes the one overlapping least,
    or, with ``strict``, is left out. ``max_gap`` (points) limits how far a label may go.
    """
    placed: dict[str, tuple[tuple[float, float, float, float], tuple | None]] = {}
    boxes: list[tuple[float, float, float, float]] = list(taken)
    leaders: list = list(taken_leaders)
    gaps = [g_ for g_ in _GAPS if max_gap is None or g_ <= max_gap]
    disc_arr = np.array(node_discs, dtype=float).reshape(-1, 3)
    seg_lo, seg_hi = (segs.min(axis=1), segs.max(axis=1)) if len(segs) else (np.zeros((0, 2)), np.zeros((0, 2)))
    for n, x, y, r, w, h in items:
        best = None
        blocked = []  # (gi, ai, cx, cy, box, leader, ring) of the spots covering a label or node, in order
        lead_all = np.array(leaders, dtype=float).reshape(-1, 2, 2)
        box_all = np.array(boxes, dtype=float).reshape(-1, 4)
        for gi, gap in enumerate(gaps):
            dist = r + gap * px_per_pt
            # Only what lies near this ring of spots can touch one of them, so each ring looks at
            # that part alone: the same counts as over everything (see _ring_reach), much faster.
            reach, far = _ring_reach(x, y, dist, w, h, px_per_pt, gap >= LEADER_GAP)
            near_discs = [node_discs[i] for i in _discs_near(disc_arr, reach, far)]
            near_boxes = [boxes[i] for i in _boxes_near(box_all, reach)]
            lead_arr = lead_all[_segments_near(lead_all.min(axis=1), lead_all.max(axis=1), reach)]
            near_segs = segs[_segments_near(seg_lo, seg_hi, reach)]
            near_box_arr = box_all[_boxes_near(box_all, reach)]
            spots = []
            for c, s, m in _DIRECTIONS:
                cx = x + c * dist + (c / m) * w / 2
                cy = y + s * dist + (s / m) * h / 2
                spots.append((cx, cy, (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)))
            ring = None  # what the ring's spots are tested against, with the edges each crosses (when first asked)
            for ai, (cx, cy, box) in enumerate(spots):
                # a spot's cost is at least gi + ai * 0.04 (the terms added after are >= 0, and a
                # rounded sum never falls below either term), which only grows with ai: once that
                # is no less than the best free spot's cost, no spot left in the ring can win
                if best is not None and gi * 1.0 + ai * 0.04 >= best[0]:
                    break
                if box[0] < bounds[0] or box[1] < bounds[1] or box[2] > bounds[2] or box[3] > bounds[3]:
                    continue
                if ring is None:
                    boxes_arr = np.array([b_ for _, _, b_ in spots], dtype=float)
                    ring = _Ring(near_discs, near_boxes, near_box_arr, _segments_hit_boxes(lead_arr, boxes_arr),
                                 _segments_hit_boxes(near_segs, boxes_arr))
                leader = _leader(x, y, r, box) if gap >= LEADER_GAP else None
                if ring.covers_something(box, ai, leader):
                    # what such a spot costs matters only if no free spot turns up at all (then the
                    # label takes the one overlapping least), never with ``strict``: worked out then
                    if best is None and not strict:
                        blocked.append((gi, ai, cx, cy, box, leader, ring))
                    continue
                # with a free spot known this one counts only if cheaper, and its cost only grows as
                # the nodes it could be taken for are counted: counting stops once it is no less
                cost = _spot_cost(ring, gi, ai, cx, cy, box, leader, x, y, r, px_per_pt,
                                  best[0] if best is not None else math.inf)
                if cost is not None and (best is None or cost < best[0]):
                    best = (cost, box, leader)
            if best is not None and best[0] < gi + 1:  # nothing further out can be cheaper
                break
        fallback = None
        if best is None and not strict:
            for gi, ai, cx, cy, box, leader, ring in blocked:
                hits_label, hits_node = ring.covered(box, ai, leader)
                bad = (hits_label * 100 + hits_node * 10
                       + _spot_cost(ring, gi, ai, cx, cy, box, leader, x, y, r, px_per_pt, math.inf), box, leader)
                if fallback is None or bad[0] < fallback[0]:
                    fallback = bad
        chosen = best or (None if strict else fallback)
        if chosen is None and strict:
            continue
        if chosen is None:  # the box cannot fit inside the bounds at all: centre it on the node
            chosen = (0.0, (x - w / 2, y + r, x + w / 2, y + r + h), None)
        placed[n] = (chosen[1], chosen[2])
        boxes.append(chosen[1])
        if chosen[2] is not None:
            leaders.append(chosen[2])
    return placed


@dataclass
class _Backbone:
    """What is drawn of a graph: the edges at or above the weight threshold and the nodes they
    touch (every node when there is no edge), and what is left out."""

    all_nodes: list
    mentions: dict
    edges: list  # (u, v, weight), all of them
    shown: list  # the drawn ones
    threshold: float
    nodes: list  # the drawn nodes
    sub: nx.Graph
    isolated: list  # never co-mentioned
    weak_only: list  # only in pairs under the threshold


def _backbone(g: nx.Graph, max_edges: int | None) -> _Backbone:
    all_nodes = sorted(g.nodes)
    mentions = {n: max(0, int(g.nodes[n].get("mentions", 0) or 0)) for n in all_nodes}
    edges = sorted(
        ((min(u, v), max(u, v), d.get("weight", 1)) for u, v, d in g.edges(data=True)),
        key=lambda e: (e[2], e[0], e[1]),
    )
    cap = max_edges if max_edges is not None else max(120, 2 * len(all_nodes))
    t = edge_threshold([w for _, _, w in edges], cap) if edges else 0
    shown = [e for e in edges if e[2] >= t]
    if shown:
        nodes = sorted({n for u, v, _ in shown for n in (u, v)})
    else:  # no edge at all: the nodes alone, in rows
        nodes = all_nodes
    sub = nx.Graph()
    for n in nodes:
        sub.add_node(n, **g.nodes[n])
    sub.add_edges_from((u, v, {"weight": w}) for u, v, w in shown)
    isolated = [n for n in all_nodes if g.degree(n) == 0 and n not in sub]
    weak_only = [n for n in all_nodes if n not in sub and g.degree(n) > 0]
    return _Backbone(all_nodes, mentions, edges, shown, t, nodes, sub, isolated, weak_only)


def _fit_limits(ax, pos: dict, nodes: list, aspect: float) -> None:
    """Axes limits: the positions plus a margin, stretched to the axes' shape so units are square."""
    xs = np.array([pos[n][0] for n in nodes])
    ys = np.array([pos[n][1] for n in nodes])
    cx, cy = (xs.max() + xs.min()) / 2, (ys.max() + ys.min()) / 2
    hx = (xs.max() - xs.min()) / 2 + 0.07
    hy = (ys.max() - ys.min()) / 2 + 0.07
    if hx / hy < aspect:
        hx = hy * aspect
    else:
        hy = hx / aspect
    ax.set_xlim(cx - hx, cx + hx)
    ax.set_ylim(cy - hy, cy + hy)


def _draw_edges_and_nodes(ax, b: _Backbone, pos: dict, area: dict, colors: dict, types: dict) -> None:
    # edges: light, wider and darker with weight
    shown = b.shown
    if shown:
        max_w = max(w for _, _, w in shown)
        min_w = min(w for _, _, w in shown)
        span = (max_w - min_w) or 1
        rel = [(w - min_w) / span for _, _, w in shown]
        lc = LineCollection(
            [(pos[u], pos[v]) for u, v, _ in shown],
            linewidths=[0.7 + 3.3 * r for r in rel],
            colors=[(0.42, 0.45, 0.52, 0.22 + 0.38 * r) for r in rel],
            zorder=1,
            capstyle="round",
        )
        ax.add_collection(lc)

    # nodes: big ones first so small ones stay visible on top
    order = sorted(b.nodes, key=lambda n: (-b.mentions[n], n))
    ax.scatter(
        [pos[n][0] for n in order],
        [pos[n][1] for n in order],
        s=[area[n] for n in order],
        c=[colors[types[n]] for n in order],
        edgecolors="white",
        linewidths=1.0,
        zorder=2,
    )


def _draw_labels(fig, ax, g: nx.Graph, b: _Backbone, pos: dict, area: dict, max_m: int, *, top_labels: int,
                 minor_labels: bool, dpi: int) -> None:
    """Labels: short forms, placed in pixel space clear of other labels and of every node; the
    most central get large ones (with leader lines where needed), others small ones where they fit."""
    nodes, mentions, shown = b.nodes, b.mentions, b.shown
    renderer = fig.canvas.get_renderer()
    to_px = ax.transData.transform
    from_px = ax.transData.inverted().transform
    px_per_pt = dpi / 72.0
    discs = []
    node_px = {}
    for n in nodes:
        x, y = to_px(pos[n])
        r = math.sqrt(area[n] / math.pi) * px_per_pt
        node_px[n] = (float(x), float(y), r)
        discs.append((float(x), float(y), r))
    segs = np.array([[to_px(pos[u]), to_px(pos[v])] for u, v, _ in shown]) if shown else np.zeros((0, 2, 2))
    axbox = ax.get_window_extent(renderer)
    bounds = (axbox.x0 + 2, axbox.y0 + 2, axbox.x1 - 2, axbox.y1 - 2)
    stroke = [patheffects.withStroke(linewidth=3.2, foreground="white")]
    wanted = label_nodes(b.sub, top_labels)
    texts = {}
    items = []
    for n in wanted:
        text = display_label(str(g.nodes[n].get("label") or n), g.nodes[n].get("surface_forms", ""))
        big = mentions[n] >= 0.4 * max_m
        tx = ax.text(0, 0, text, fontsize=11.5 if big else 10.5, fontweight="bold" if big else "normal",
                     color="#111", ha="center", va="center", zorder=4, path_effects=stroke, family=FONT)
        bb = tx.get_window_extent(renderer)
        texts[n] = tx
        x, y, r = node_px[n]
        items.append((n, x, y, r, bb.width + 4, bb.height + 2))
    spots = _place_labels(items, discs, segs, bounds, px_per_pt)
    for n, (box, _) in spots.items():
        texts[n].set_position(tuple(from_px(((box[0] + box[2]) / 2, (box[1] + box[3]) / 2))))
    leaders = [tuple(tuple(from_px(pt)) for pt in lead) for _, lead in spots.values() if lead is not None]
    if leaders:
        ax.add_collection(LineCollection(leaders, linewidths=0.7, colors="#555", zorder=3))

    # the other drawn nodes get a small grey label too, where one fits right next to them
    if minor_labels:
        rest = sorted((n for n in nodes if n not in spots), key=lambda n: (-mentions[n], n))
        small = {}
        items = []
        for n in rest:
            text = display_label(str(g.nodes[n].get("label") or n), g.nodes[n].get("surface_forms", ""))
            tx = ax.text(0, 0, text, fontsize=8.5, color="#555", ha="center", va="center", zorder=4,
                         path_effects=stroke, family=FONT)
            bb = tx.get_window_extent(renderer)
            small[n] = tx
            x, y, r = node_px[n]
            items.append((n, x, y, r, bb.width + 3, bb.height + 1))
        more = _place_labels(items, discs, segs, bounds, px_per_pt, taken=[b_ for b_, _ in spots.values()],
                             taken_leaders=[lead for _, lead in spots.values() if lead is not None],
                             max_gap=6, strict=True)
        for n, tx in small.items():
            if n in more:
                box = more[n][0]
                tx.set_position(tuple(from_px(((box[0] + box[2]) / 2, (box[1] + box[3]) / 2))))
            else:
                tx.remove()


def _draw_legends(fig, b: _Backbone, types: dict, colors: dict, max_m: int, unit: str) -> None:
    """Legends: types drawn (with counts), then what size and width mean."""
    nodes, shown = b.nodes, b.shown
    counts = {t_: sum(1 for n in nodes if types[n] == t_) for t_ in colors}
    handles = [
        Line2D([], [], marker="o", linestyle="", markersize=11, markerfacecolor=c, markeredgecolor="white",
               label=f"{t_.replace('_', ' ').lower()} ({counts[t_]})")
        for t_, c in colors.items()
    ]
    leg = fig.legend(handles=handles, title="Entity type (drawn)", loc="upper left", bbox_to_anchor=(0.82, 0.92),
                     frameon=False, fontsize=11, title_fontsize=12, alignment="left")
    leg._legend_box.align = "left"
    size_handles = [
        Line2D([], [], marker="o", linestyle="", color="#999", markeredgecolor="white",
               markersize=math.sqrt(_area(m, max_m)), label=plural(m, "mention"))
        for m in sorted({max(1, max_m // 10), max(1, max_m // 2), max_m})
    ]
    fig.legend(handles=size_handles, title="Node size", loc="upper left", bbox_to_anchor=(0.82, 0.50),
               frameon=False, fontsize=11, title_fontsize=12, labelspacing=1.7, borderpad=1.0, alignment="left")
    width_handles = [
        Line2D([], [], color=(0.42, 0.45, 0.52, 0.22 + 0.38 * r), linewidth=0.7 + 3.3 * r, label=plural(w, unit))
        for w, r in (((min(w for *_, w in shown), 0.0), (max(w for *_, w in shown), 1.0)) if shown else ())
    ]
    if width_handles and width_handles[0].get_label() != width_handles[-1].get_label():
        fig.legend(handles=width_handles, title="Co-mentioned in", loc="upper left", bbox_to_anchor=(0.82, 0.25),
                   frameon=False, fontsize=11, title_fontsize=12, alignment="left", handlelength=2.5)


def layout_method(g: nx.Graph) -> str:
    """How `layout` places this graph, for the caption."""
    if any(len(c) > STRESS_MAX_NODES for c in nx.connected_components(g)):
        return "PivotMDS for components over 1,000 nodes, spring + stress majorization for the others"
    return "spring + stress majorization"


def _draw_caption(fig, b: _Backbone, unit: str, top_labels: int, minor_labels: bool) -> None:
    """Caption: what is drawn, what is left out (shrunk to the figure's width if need be)."""
    nodes, edges, shown = b.nodes, b.edges, b.shown
    renderer = fig.canvas.get_renderer()
    line1 = f"{len(nodes)} of {plural(len(b.all_nodes), 'entity', 'entities')} and "
    line1 += f"{len(shown)} of {len(edges)} co-mention pairs drawn" if edges else "no co-mention pairs"
    hidden = []
    if len(shown) < len(edges):
        hidden.append(f"pairs in fewer than {plural(b.threshold, unit)}")
    if b.weak_only:
        hidden.append(f"{plural(len(b.weak_only), 'entity', 'entities')} with only such pairs")
    if b.isolated:
        hidden.append(f"{len(b.isolated)} never co-mentioned")
    if hidden:
        line1 += "; not drawn: " + ", ".join(hidden) + " (all are in network.html and the tables)"
    line1 += "."
    line2 = (f"Labels: short forms the text uses; large for the {min(top_labels, len(nodes))} most central or most "
             "mentioned" + (", small for others where they fit" if minor_labels else "")
             + ". Layout: " + layout_method(b.sub) + ".")
    for y, line in ((0.032, line1), (0.010, line2)):
        tx = fig.text(0.01, y, line, fontsize=10, color="#444", family=FONT)
        room = fig.bbox.width * 0.985
        wide = tx.get_window_extent(renderer).width
        if wide > room:
            tx.set_fontsize(max(6.0, 10 * room / wide))


def plot_network(
    g: nx.Graph,
    path: str | Path,
    *,
    top_labels: int = 25,
    minor_labels: bool = True,
    max_edges: int | None = None,
    title: str | None = None,
    seed: int = SEED,
    size: tuple[float, float] = (14.0, 10.0),
    dpi: int = 110,
) -> Path:
    """Draw ``g`` (as made by :func:`extractors.network.graph.build_graph`) to a PNG at ``path``.

    ``max_edges`` (default: ``max(120, 2 × nodes)``) caps the edges drawn; above it, edges
    lighter than a threshold are hidden, and entities left without a drawn edge (or with no edge
    at all) are not drawn; the caption counts them. ``top_labels`` entities are labelled.
    """
    path = Path(path)
    fig = Figure(figsize=size, dpi=dpi, facecolor="white")
    FigureCanvasAgg(fig)
    ax = fig.add_axes(AX_RECT)
    ax.set_axis_off()
    window = g.graph.get("window", "")
    heading = title or (f"Co-mention network ({window} window)" if window else "Co-mention network")
    fig.suptitle(heading, fontsize=16, x=AX_RECT[0] + AX_RECT[2] / 2, y=0.975, family=FONT)

    def save() -> Path:
        fig.savefig(path, format="png", facecolor="white", metadata={"Software": None})
        return path

    if g.number_of_nodes() == 0:
        ax.text(0.5, 0.5, "No entities to draw", ha="center", va="center", fontsize=14, color="#555")
        return save()

    b = _backbone(g, max_edges)
    unit = "paragraph" if window == "paragraph" else "sentence"
    fig_w, fig_h = size
    aspect = (AX_RECT[2] * fig_w) / (AX_RECT[3] * fig_h)
    pos = layout(b.sub, seed=seed, aspect=aspect)
    types = {n: g.nodes[n].get("type", "") or "UNKNOWN" for n in b.nodes}
    colors = type_colors(types.values())
    max_m = max(b.mentions[n] for n in b.nodes) or 1
    area = {n: _area(b.mentions[n], max_m) for n in b.nodes}
    _fit_limits(ax, pos, b.nodes, aspect)
    _draw_edges_and_nodes(ax, b, pos, area, colors, types)
    _draw_labels(fig, ax, g, b, pos, area, max_m, top_labels=top_labels, minor_labels=minor_labels, dpi=dpi)
    _draw_legends(fig, b, types, colors, max_m, unit)
    _draw_caption(fig, b, unit, top_labels, minor_labels)
    return save()
