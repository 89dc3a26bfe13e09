"""Networks over time: years of mentions, entities and co-mention edges, the timeline table and
the time-aware graph files (GEXF spells, per-year GraphML weights).

Pure functions over the shared records and the :class:`~extractors.dates.SentenceDate` of each
sentence. The years of a window are those its dated sentences cover: a sentence window's are
its sentence's; in a paragraph window, a pair's are those of the paragraph's sentences that
mention either entity. A window counts once in every year it covers (a sentence about
2012-2014 counts in 2012, 2013 and 2014), so the per-year weights of an edge can add up to more
than its weight.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import networkx as nx

import extractors.network.graph as net
from extractors.ingest.dates import SentenceDate
from extractors.model import Mention, Sentence

@dataclass(frozen=True)
class EdgeTime:
    """When a pair was co-mentioned: windows per year, and how many of its windows had no date
    but the document's."""

    years: tuple[tuple[int, int], ...]  # (year, windows covering it), by year
    undated: int = 0

    @property
    def first_year(self) -> int | None:
        return self.years[0][0] if self.years else None

    @property
    def last_year(self) -> int | None:
        return self.years[-1][0] if self.years else None


def format_years(years: Iterable[tuple[int, int]]) -> str:
    """``((2012, 3), (2013, 1))`` -> ``"2012:3 | 2013:1"``."""
    return " | ".join(f"{y}:{n}" for y, n in years)


def parse_years(text: str) -> tuple[tuple[int, int], ...]:
    """The inverse of :func:`format_years`."""
    out = []
    for part in (text or "").split("|"):
        if part.strip():
            y, n = part.strip().split(":")
            out.append((int(y), int(n)))
    return tuple(out)


def _by_sentence(dates: Iterable[SentenceDate]) -> dict[tuple[str, str], SentenceDate]:
    return {(d.doc_id, d.sentence_id): d for d in dates}


def edge_times(
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    dates: Iterable[SentenceDate],
    *,
    zones: Iterable[str] = ("body",),
    include_footnotes: bool = False,
    windows: Iterable[str] = net.WINDOWS,
) -> dict[tuple[str, str, str], EdgeTime]:
    """(source, target, window) -> :class:`EdgeTime`, over the same windows as
    :func:`extractors.network.build_edges`."""
    by_sid = _by_sentence(dates)
    zs = net.resolve_zones(zones, include_footnotes)
    all_windows = net._windows(sentences, mentions, zs, None)
    out: dict[tuple[str, str, str], EdgeTime] = {}
    for kind in windows:
        per_year: dict[tuple[str, str], Counter] = defaultdict(Counter)
        undated: Counter = Counter()
        for w in all_windows[kind]:
            ids = sorted(w.entities)
            if len(ids) < 2:
                continue
            for i, a in enumerate(ids):
                for b in ids[i + 1:]:
                    years: set[int] = set()
                    only_document = True
                    for _, sid, ents in w.sentences:
                        if a in ents or b in ents:
                            d = by_sid.get((w.doc_id, sid))
                            if d is not None:
                                years.update(d.years)
                                only_document &= d.basis == "document"
                    per_year[(a, b)].update(years)
                    if only_document and years:
                        undated[(a, b)] += 1
        for (a, b), c in per_year.items():
            out[(a, b, kind)] = EdgeTime(tuple(sorted(c.items())), undated[(a, b)])
    return out


def entity_years(
    mentions: Sequence[Mention],
    dates: Iterable[SentenceDate],
    *,
    zones: Iterable[str] = ("body",),
    include_footnotes: bool = False,
    bases: Iterable[str] = ("text", "context", "document"),
    share: bool = False,
) -> dict[str, Counter]:
    """entity_id -> Counter(year -> mentions whose sentence covers that year), for mentions in
    the network's zones whose sentence date has one of ``bases``. With ``share``, a mention
    counts 1/k in each of the k years its sentence covers (so each mention adds up to one)."""
    by_sid = _by_sentence(dates)
    zs = set(net.resolve_zones(zones, include_footnotes))
    wanted = set(bases)
    out: dict[str, Counter] = defaultdict(Counter)
    for m in mentions:
        if not m.entity_id or m.zone not in zs:
            continue
        d = by_sid.get((m.doc_id, m.sentence_id))
        if d is not None and d.basis in wanted and d.years:
            if share:
                for y in d.years:
                    out[m.entity_id][y] += 1 / len(d.years)
            else:
                out[m.entity_id].update(d.years)
    return dict(out)


def timeline_rows(
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    dates: Iterable[SentenceDate],
    names: Mapping[str, str],
    types: Mapping[str, str],
    *,
    zones: Iterable[str] = ("body",),
    include_footnotes: bool = False,
) -> list[dict]:
    """timeline.csv (columns: extractors.outputs.tables.TIMELINE_COLUMNS): one row per entity and
    sentence naming it (network zones), by entity, then date, then document and position."""
    by_sid = _by_sentence(dates)
    zs = set(net.resolve_zones(zones, include_footnotes))
    rank = {(s.doc_id, s.sentence_id): (i, s) for i, s in enumerate(sentences)}
    seen: set[tuple[str, str, str]] = set()
    rows = []
    for m in mentions:
        key = (m.entity_id, m.doc_id, m.sentence_id)
        if not m.entity_id or m.zone not in zs or key in seen or (m.doc_id, m.sentence_id) not in rank:
            continue
        seen.add(key)
        i, s = rank[(m.doc_id, m.sentence_id)]
        d = by_sid.get((m.doc_id, m.sentence_id)) or SentenceDate(m.doc_id, m.sentence_id)
        rows.append(((m.entity_id, d.start or "9999", d.end or "9999", m.doc_id, i), {
            "entity_id": m.entity_id, "name": names.get(m.entity_id, ""), "type": types.get(m.entity_id, m.type),
            "date_start": d.start, "date_end": d.end, "date_basis": d.basis, "doc_id": m.doc_id, "page": s.page,
            "sentence_id": m.sentence_id, "text": s.text,
        }))
    rows.sort(key=lambda kv: kv[0])
    return [r for _, r in rows]


def spells(years: Iterable[int]) -> list[tuple[str, str]]:
    """Contiguous runs of years as GEXF date spells: [2012, 2013, 2015] ->
    [("2012-01-01", "2013-12-31"), ("2015-01-01", "2015-12-31")]."""
    ys = sorted(set(years))
    out: list[tuple[str, str]] = []
    for y in ys:
        if out and int(out[-1][1][:4]) == y - 1:
            out[-1] = (out[-1][0], f"{y:04d}-12-31")
        else:
            out.append((f"{y:04d}-01-01", f"{y:04d}-12-31"))
    return out


def dynamic_graph(g: nx.Graph, node_years: Mapping[str, Counter], times: Mapping[tuple[str, str, str], EdgeTime],
                  window: str = "sentence") -> nx.Graph:
    """A copy of ``g`` for GEXF in dynamic mode: every node and edge with the spells of the years
    it is seen in, and ``mentions_per_year`` / ``weight_per_year`` as dynamic attributes, so
    Gephi's timeline plays the network year by year. Nodes and edges without a year keep no
    spell (Gephi shows them throughout)."""
    h = g.copy()
    h.graph["mode"] = "dynamic"
    for n, d in h.nodes(data=True):
        c = node_years.get(n)
        if c:
            d["spells"] = spells(c)
            d["mentions_per_year"] = [(int(c[y]), f"{y:04d}-01-01", f"{y:04d}-12-31") for y in sorted(c)]
    for u, v, d in h.edges(data=True):
        t = times.get((min(u, v), max(u, v), window))
        if t and t.years:
            d["spells"] = spells(y for y, _ in t.years)
            d["weight_per_year"] = [(n, f"{y:04d}-01-01", f"{y:04d}-12-31") for y, n in t.years]
    return h


def graph_with_years(g: nx.Graph, node_years: Mapping[str, Counter], times: Mapping[tuple[str, str, str], EdgeTime],
                     window: str = "sentence") -> nx.Graph:
    """A copy of ``g`` for GraphML (which has no time): ``first_year``, ``last_year``, ``years``
    ("2012:3 | 2013:1") and one ``weight_YYYY`` / ``mentions_YYYY`` attribute per year seen."""
    h = g.copy()
    for n, d in h.nodes(data=True):
        c = node_years.get(n)
        if c:
            ys = sorted(c)
            d.update(first_year=ys[0], last_year=ys[-1], years=format_years((y, c[y]) for y in ys))
            for y in ys:
                d[f"mentions_{y}"] = int(c[y])
    for u, v, d in h.edges(data=True):
        t = times.get((min(u, v), max(u, v), window))
        if t and t.years:
            d.update(first_year=t.first_year, last_year=t.last_year, years=format_years(t.years), undated=t.undated)
            for y, n in t.years:
                d[f"weight_{y}"] = n
    return h


# ---------------------------------------------------------------------------------------------
# timeline.png

ACTOR_TYPES = ("PERSON", "ARMED_GROUP", "POLITICAL_ORG", "STATE_BODY", "FOREIGN_FORCE", "INTL_ORG", "ETHNIC_GROUP")
EARLY_SHARE = 0.05  # years before the first 5 % of dated mentions are gathered into one column


def _font(size_px: int, bold: bool = False):
    """DejaVu Sans (the font matplotlib ships, as in network.png) at a size in pixels."""
    from pathlib import Path

    import matplotlib
    from PIL import ImageFont

    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name), size_px)


def plot_timeline(
    years_of: Mapping[str, Counter],
    names: Mapping[str, str],
    types: Mapping[str, str],
    path,
    *,
    labels: Mapping[str, str] | None = None,
    top: int = 25,
    title: str = "Mentions per year of the most mentioned actors (dates stated in the sentence or its paragraph)",
    dpi: int = 110,
):
    """Heat-map: the ``top`` actors with the most dated mentions (places left out) as rows, years
    as columns, mentions per year in the cells (as given by :func:`entity_years` with ``share``:
    a mention of a period is shared among its years; cells of at least one are written in).
    Years before the first ``EARLY_SHARE`` of all dated mentions share one "before" column, so
    a stray 1903 does not stretch the picture. ``labels``: the row names (else ``names``).

    Drawn with Pillow on a pixel grid (cells, white rules, text in DejaVu Sans; colours from
    matplotlib's "Blues" on log(1 + mentions)): a matplotlib figure of ~300 text artists cost
    more than the rest of the time-aware network stage."""
    from pathlib import Path

    import numpy as np
    from matplotlib import colormaps
    from PIL import Image, ImageDraw

    path = Path(path)
    px = dpi / 72  # pixels per point
    actors = [e for e in years_of if types.get(e, "") in ACTOR_TYPES and years_of[e]]
    actors.sort(key=lambda e: (-sum(years_of[e].values()), names.get(e, e), e))
    actors = actors[:top]
    total = Counter()
    for e in years_of:
        if types.get(e, "") in ACTOR_TYPES:
            total.update(years_of[e])
    if not actors:
        img = Image.new("RGB", (round(8 * dpi), round(2 * dpi)), "white")
        ImageDraw.Draw(img).text((img.width / 2, img.height / 2), "No dated mention of an actor",
                                 font=_font(round(13 * px)), fill="#555555", anchor="mm")
        img.save(path, format="PNG")
        return path
    ys = sorted(total)
    cum, cut = 0, ys[0]
    n_all = sum(total.values())
    for y in ys:
        cum += total[y]
        if cum >= EARLY_SHARE * n_all:
            cut = y
            break
    first_col = cut  # years before it share the "< cut" column
    columns = ([f"< {cut}"] if cut > ys[0] else []) + [str(y) for y in range(first_col, ys[-1] + 1)]
    grid = np.zeros((len(actors), len(columns)))
    offset = 1 if cut > ys[0] else 0
    for i, e in enumerate(actors):
        for y, n in years_of[e].items():
            j = 0 if y < cut else offset + y - first_col
            grid[i, j] += n
    w = max(7.0, 2.8 + 0.42 * len(columns))
    h = max(3.0, 1.4 + 0.32 * len(actors))
    width, height = round(w * dpi), round(h * dpi)
    # the heat-map's box, in pixels: 2.6 in to its left, 0.7 in to its right, 0.7 in above, 0.9 in below
    x0, x1 = round(2.6 * dpi), width - round(0.7 * dpi)
    y0, y1 = round(0.7 * dpi), height - round(0.9 * dpi)
    cw, ch = (x1 - x0) / len(columns), (y1 - y0) / len(actors)
    shown = np.log1p(grid)
    high = max(float(shown.max()), 1.0)
    rgb = (colormaps["Blues"](shown / high)[..., :3] * 255).round().astype(np.uint8)
    img = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(img)
    xs = [round(x0 + j * cw) for j in range(len(columns) + 1)]
    yy = [round(y0 + i * ch) for i in range(len(actors) + 1)]
    for i in range(len(actors)):
        for j in range(len(columns)):
            draw.rectangle((xs[j], yy[i], xs[j + 1] - 1, yy[i + 1] - 1), fill=tuple(int(c) for c in rgb[i, j]))
    for x in xs:  # white rules between the cells
        draw.line((x, y0, x, y1), fill="white", width=1)
    for y in yy:
        draw.line((x0, y, x1, y), fill="white", width=1)
    label_font, cell_font = _font(round(9 * px)), _font(round(7 * px))
    labels = labels or {}
    for i, e in enumerate(actors):
        text = labels.get(e) or net.display_label(names.get(e, e) or e, ())
        draw.text((x0 - round(0.2 * cw), (yy[i] + yy[i + 1]) / 2), text, font=label_font, fill="black", anchor="rm")
    for j, c in enumerate(columns):  # column labels turned a quarter, their end under the cell
        box = draw.textbbox((0, 0), c, font=label_font, anchor="lt")
        tile = Image.new("L", (box[2] + 2, box[3] + 2), 0)
        ImageDraw.Draw(tile).text((1, 1), c, font=label_font, fill=255, anchor="lt")
        tile = tile.rotate(90, expand=True)
        at = (round((xs[j] + xs[j + 1]) / 2 - tile.width / 2), y1 + round(0.2 * ch))
        img.paste(Image.new("RGB", tile.size, "black"), at, tile)
    for i in range(len(actors)):
        for j in range(len(columns)):
            if grid[i, j] >= 1:
                draw.text(((xs[j] + xs[j + 1]) / 2, (yy[i] + yy[i + 1]) / 2), f"{grid[i, j]:.0f}", font=cell_font,
                          fill="white" if shown[i, j] > 0.6 * high else "#222222", anchor="mm")
    draw.text((width / 2, round(0.25 * dpi)), title, font=_font(round(12 * px)), fill="black", anchor="mt")
    img.save(path, format="PNG")
    return path
