"""network.png: a static overview of the co-mention graph (matplotlib, Agg, no pyplot state).

Nodes are coloured by entity type (legend) and sized by mentions; only the most central
entities are labelled; on a dense graph the weakest edges are hidden (the caption says which);
positions come from :func:`extractors.network.layout`, so the picture is the same every run.
"""
from __future__ import annotations

import math
from pathlib import Path

import networkx as nx
from matplotlib import patheffects
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .network import SEED, edge_threshold, label_nodes, layout, type_colors


def _short(s: str, n: int = 30) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def plot_network(
    g: nx.Graph,
    path: str | Path,
    *,
    top_labels: int = 25,
    max_edges: int | None = None,
    title: str | None = None,
    seed: int = SEED,
    size: tuple[float, float] = (14.0, 10.0),
    dpi: int = 110,
) -> Path:
    """Draw ``g`` (as made by :func:`extractors.network.build_graph`) to a PNG at ``path``.

    ``max_edges`` (default: ``max(120, 2 × nodes)``) caps the edges drawn; above it, edges
    lighter than a threshold are hidden (they still shape the layout).
    """
    path = Path(path)
    fig = Figure(figsize=size, dpi=dpi, facecolor="white")
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.01, 0.06, 0.80, 0.88))
    ax.set_axis_off()
    window = g.graph.get("window", "")
    fig.suptitle(title or f"Co-mention network ({window} window)" if window or title else "Co-mention network",
                 fontsize=15, x=0.41, y=0.975)

    if g.number_of_nodes() == 0:
        ax.text(0.5, 0.5, "No entities to draw", ha="center", va="center", fontsize=14, color="#555")
        fig.savefig(path, format="png", facecolor="white", metadata={"Software": None})
        return path

    pos = layout(g, seed=seed)
    nodes = sorted(g.nodes)
    types = {n: g.nodes[n].get("type", "") or "UNKNOWN" for n in nodes}
    colors = type_colors(types.values())
    mentions = {n: max(0, int(g.nodes[n].get("mentions", 0) or 0)) for n in nodes}
    max_m = max(mentions.values()) or 1

    # edges: hide the weakest when the graph is dense
    edges = sorted(
        ((u, v, d.get("weight", 1)) for u, v, d in g.edges(data=True)),
        key=lambda e: (e[2], min(e[0], e[1]), max(e[0], e[1])),
    )
    cap = max_edges if max_edges is not None else max(120, 2 * len(nodes))
    t = edge_threshold([w for _, _, w in edges], cap) if edges else 0
    shown = [e for e in edges if e[2] >= t]
    if shown:
        max_w = max(w for _, _, w in shown)
        min_w = min(w for _, _, w in shown)
        span = (max_w - min_w) or 1
        segs = [(pos[u], pos[v]) for u, v, _ in shown]
        rel = [(w - min_w) / span for _, _, w in shown]
        lc = LineCollection(
            segs,
            linewidths=[0.6 + 3.4 * r for r in rel],
            colors=[(0.25, 0.25, 0.3, 0.25 + 0.45 * r) for r in rel],
            zorder=1,
            capstyle="round",
        )
        ax.add_collection(lc)

    # nodes: big ones first so small ones stay visible on top
    order = sorted(nodes, key=lambda n: (-mentions[n], n))
    area = {n: 25 + 900 * math.sqrt(mentions[n] / max_m) for n in nodes}
    ax.scatter(
        [pos[n][0] for n in order],
        [pos[n][1] for n in order],
        s=[area[n] for n in order],
        c=[colors[types[n]] for n in order],
        edgecolors="white",
        linewidths=0.8,
        zorder=2,
    )

    ax.set_xlim(-1.12, 1.12)
    ax.set_ylim(-1.1, 1.14)
    ax.set_aspect("equal", adjustable="box")

    # labels for the most central nodes, outlined in white to stay readable over edges; each
    # label takes the first of a few spots around its node that overlaps no label already placed
    # (most central first) and no other node; when none is free it takes the spot above anyway.
    stroke = [patheffects.withStroke(linewidth=3, foreground="white")]
    renderer = fig.canvas.get_renderer()
    to_px = ax.transData.transform
    node_boxes = []
    for n in nodes:
        x, y = to_px(pos[n])
        rp = math.sqrt(area[n] / math.pi) * dpi / 72
        node_boxes.append((n, x - rp, y - rp, x + rp, y + rp))
    placed: list[tuple[float, float, float, float]] = []

    def overlaps(b, boxes):
        return any(b[0] < o[2] and o[0] < b[2] and b[1] < o[3] and o[1] < b[3] for o in boxes)

    for n in label_nodes(g, top_labels):
        label = _short(str(g.nodes[n].get("label") or n))
        r = math.sqrt(area[n] / math.pi)  # radius in points
        spots = [
            ((0, r + 2), "center", "bottom"),
            ((0, -r - 2), "center", "top"),
            ((r + 3, 0), "left", "center"),
            ((-r - 3, 0), "right", "center"),
            ((r * 0.7 + 2, r * 0.7 + 2), "left", "bottom"),
            ((-r * 0.7 - 2, r * 0.7 + 2), "right", "bottom"),
            ((r * 0.7 + 2, -r * 0.7 - 2), "left", "top"),
            ((-r * 0.7 - 2, -r * 0.7 - 2), "right", "top"),
        ]
        others = [b[1:] for b in node_boxes if b[0] != n]
        weight = "bold" if mentions[n] >= 0.5 * max_m else "normal"

        def put(offset, ha, va, label=label, n=n, weight=weight):
            ann = ax.annotate(label, xy=pos[n], xytext=offset, textcoords="offset points", ha=ha, va=va,
                              fontsize=9, fontweight=weight, color="#111", zorder=3, path_effects=stroke)
            bb = ann.get_window_extent(renderer)
            return ann, (bb.x0 - 1, bb.y0 - 1, bb.x1 + 1, bb.y1 + 1)

        chosen = None
        # first a spot clear of labels and nodes, then one clear of labels, else above the node
        for clear_of in (placed + others, placed):
            for spot in spots:
                ann, box = put(*spot)
                if not overlaps(box, clear_of):
                    chosen = (ann, box)
                    break
                ann.remove()
            if chosen:
                break
        if chosen is None:
            chosen = put(*spots[0])
        placed.append(chosen[1])

    # legend: types present (with counts), then what size and width mean
    counts = {t_: sum(1 for n in nodes if types[n] == t_) for t_ in colors}
    handles = [
        Line2D([], [], marker="o", linestyle="", markersize=10, markerfacecolor=c, markeredgecolor="white",
               label=f"{t_.replace('_', ' ').lower()} ({counts[t_]})")
        for t_, c in colors.items()
    ]
    leg = fig.legend(handles=handles, title="Entity type", loc="upper left", bbox_to_anchor=(0.815, 0.93),
                     frameon=False, fontsize=10, title_fontsize=11, alignment="left")
    leg._legend_box.align = "left"
    size_handles = [
        Line2D([], [], marker="o", linestyle="", color="#999",
               markersize=math.sqrt(25 + 900 * math.sqrt(m / max_m)), label=f"{m} mention" + ("" if m == 1 else "s"))
        for m in sorted({max(1, max_m // 10), max(1, max_m // 2), max_m})
    ]
    fig.legend(handles=size_handles, title="Node size", loc="upper left", bbox_to_anchor=(0.815, 0.50),
               frameon=False, fontsize=10, title_fontsize=11, labelspacing=1.6, borderpad=1.0, alignment="left")

    hidden = len(edges) - len(shown)
    note = f"{len(nodes)} entities, {len(edges)} co-mention pairs"
    note += f"; edges with weight < {t} hidden ({len(shown)} drawn)" if hidden else "; all edges drawn"
    note += f"; labels: {min(top_labels, len(nodes))} most central (betweenness, weighted degree) or most mentioned"
    note += "; line width = co-mentions"
    fig.text(0.01, 0.015, note, fontsize=9, color="#444")

    fig.savefig(path, format="png", facecolor="white", metadata={"Software": None})
    return path
