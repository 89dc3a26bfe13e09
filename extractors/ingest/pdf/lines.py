"""Words -> rows across the page -> column gutters -> bands of full-width rows and of columns ->
`Line`s in reading order (superscripts kept apart, each line knows its column), per page."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from operator import itemgetter




from extractors.ingest.pdf.tables import (MIN_GRID_ROWS, has_rulings, page_tables, place_tables, row_cells, table_lines,
                                          text_tables)
from extractors.ingest.pdf.types import AFFILIATION_MARK, RTL, IngestError, Line, PdfSettings, Seg, is_rtl
from extractors.ingest.pdf.words import LIGATURES, is_bold, is_italic, is_mono, page_words, word_break


def rows_of(words: list[dict]) -> list[list[dict]]:
    """Words standing on the same text line anywhere across the page, top to bottom; a word joins
    a row when it overlaps most of the height of the row's first word (a superscript joins its
    line, the next line of the same column does not)."""
    rows: list[tuple[float, float, list[dict]]] = []  # (top, bottom) of the first word, words
    for w in sorted(words, key=itemgetter("bottom", "x0")):
        for i in range(len(rows) - 1, -1, -1):
            top, bottom, ws = rows[i]
            if bottom <= w["top"]:
                rows.append((w["top"], w["bottom"], [w]))  # rows are in order of bottom: none above
                break
            overlap = min(bottom, w["bottom"]) - max(top, w["top"])
            if overlap > 0.5 * min(bottom - top, w["bottom"] - w["top"]):
                ws.append(w)
                break
        else:
            rows.append((w["top"], w["bottom"], [w]))
    out = [sorted(ws, key=lambda w: w["x0"]) for _t, _b, ws in rows]
    return join_raised(sorted(out, key=lambda ws: min(w["top"] for w in ws)))


def join_raised(rows: list[list[dict]]) -> list[list[dict]]:
    """A row of nothing but a few small figures standing over the top of the row under it joins
    that row: a raised note number whose line a smaller word (small capitals) began, so that the
    number did not overlap the row's first word (XeTeX notes "²⁸ BLACKSTONE")."""
    out: list[list[dict]] = []
    for i, r in enumerate(rows):
        nxt = rows[i + 1] if i + 1 < len(rows) else None
        if nxt is not None and len(r) <= 2 and all(w["text"].isdigit() and len(w["text"]) <= 3 for w in r):
            size = max(w["size"] for w in nxt)
            top = min(w["top"] for w in nxt)
            if max(w["size"] for w in r) <= 0.8 * size and max(w["bottom"] for w in r) > top + 0.5:
                if not any(a["x0"] < b["x1"] and b["x0"] < a["x1"] for a in r for b in nxt):
                    rows[i + 1] = sorted(r + nxt, key=lambda w: w["x0"])
                    continue
        out.append(r)
    return out


SPACE = Seg(" ")  # (frozen: one for every word space of every line)
LEADER = re.compile(r"[.·…]+")  # a dot leader's word


def wide_gap(gap: float, size: float) -> bool:
    """Wider than any word space, even a stretched one: a gutter between columns."""
    return gap >= max(6.0, 0.7 * size)


def gutters(rows: list[list[dict]], settings: PdfSettings, min_rows: int = 6) -> list[float]:
    """x positions of column gutters: where many rows have a wide gap between two of their words.
    Rows running across a gutter (a title, footnotes set across the page) do not hide it."""
    multi = [r for r in rows if len(r) > 1]
    if len(multi) < (8 if min_rows >= 6 else min_rows + 1):
        return []
    found = _row_gutters(rows, multi, settings, min_rows)
    if min_rows < 6:
        return found
    # a gutter between columns whose lines stand at other heights, beside those the rows show
    # (a three-column page whose first two columns' lines are offset: read line by line across)
    strips = [c for c in _blank_strips(rows, min_rows) if all(abs(c - g) > 20 for g in found)]
    return sorted(found + strips)


def _row_gutters(rows: list[list[dict]], multi: list[list[dict]], settings: PdfSettings, min_rows: int
                 ) -> list[float]:
    left = min(r[0]["x0"] for r in rows)
    right = max(max(w["x1"] for w in r) for r in rows)
    lo, hi = int(left + 0.15 * (right - left)), int(right - 0.15 * (right - left))
    cover = [0] * (int(right) + 2)
    for r in multi:
        reach = r[0]["x1"]
        for w in r[1:]:
            # (a contents row's dot leaders, set from one edge on every row, are no column)
            if wide_gap(w["x0"] - reach, w["size"]) and not LEADER.fullmatch(w["text"]):
                for x in range(max(int(reach) + 1, lo), min(int(w["x0"]), hi) + 1):
                    cover[x] += 1
            reach = max(reach, w["x1"])
    need = max(min_rows, settings.gutter_rows * len(multi))
    peaks: list[tuple[int, float]] = []
    ink: list[int] | None = None
    x = lo
    while x <= hi:
        if cover[x] >= need:
            start = x
            while x <= hi and cover[x] >= need:
                x += 1
            found = []
            if x - start > 60:  # wide enough to hold a column between two gutters
                ink = ink or _ink(rows, int(right) + 2)
                found = _gutters_in_one_run(cover, ink, start, x)
            if not found:
                peak = max(cover[start:x])
                best = [i for i in range(start, x) if cover[i] == peak]
                found = [(peak, (best[0] + best[-1] + 1) / 2)]
            peaks += found
        x += 1
    top = max((p for p, _c in peaks), default=0)
    cuts = []
    for peak, c in peaks:
        ink = sum(1 for r in rows for w in r if w["x0"] < c < w["x1"])
        # a gutter runs the height of the columns: not a lesser gap under the ragged ends of lines
        if peak >= 0.5 * top and ink < peak:
            cuts.append(c)
    return cuts


def _ink(rows: list[list[dict]], width: int) -> list[int]:
    """How many words stand over each x of the page."""
    ink = [0] * (width + 2)
    for r in rows:
        for w in r:
            ink[min(width, max(0, int(w["x0"]) + 1))] += 1
            ink[min(width + 1, max(0, int(w["x1"]) + 1))] -= 1
    for x in range(1, len(ink)):
        ink[x] += ink[x - 1]
    return ink


def _gutters_in_one_run(cover: list[int], ink: list[int], start: int, end: int) -> list[tuple[int, float]]:
    """Two gutters in one run of gaps: where a column between two gutters ends before the others
    (a sidebar, then two columns, the middle one shorter), the rows it has left reach from the
    first gutter to the second, and the run holds both; its single peak fell on one of them or,
    both as high, inside the column between (the columns were read line by line across, issue
    13). Each stretch of the run that hardly any word covers (a tenth of its gaps), parted from
    the next by a column's words (three words deep over 40 pt), is a gutter; [] when the run
    holds one such stretch."""
    stretches: list[list[int]] = []
    for i in range(start, end):
        if ink[i] * 10 <= cover[i]:
            if stretches and i - stretches[-1][-1] <= 2:
                stretches[-1].append(i)
            else:
                stretches.append([i])
    kept: list[list[int]] = []
    for st in stretches:
        if kept and sum(1 for i in range(kept[-1][-1], st[0]) if ink[i] >= 3) < 40:
            kept[-1] += st  # no column between: one gutter
        else:
            kept.append(st)
    if len(kept) < 2:
        return []
    out = []
    for st in kept:  # the gutter's middle: where fewest words stand, the edges of lines aside
        least = min(ink[i] for i in st)
        best = [i for i in st if ink[i] == least]
        out.append((max(cover[i] for i in st), (best[0] + best[-1] + 1) / 2))
    return out


def _blank_strips(rows: list[list[dict]], min_rows: int) -> list[float]:
    """Gutters between columns whose lines stand at other heights (a column opening with a list,
    a sidebar set in smaller type, columns of a tool that does not line them up): no row has words
    on both sides, so `_row_gutters` sees none, and the columns were read line by line across
    the page (issue 13). A gutter here is a strip of the page's text block, an em wide or more,
    that no row's words cover (but for a few: a title across the columns), with at least
    `min_rows` lines of text (`_prose_row`) wholly on each side of it."""
    left = int(min(r[0]["x0"] for r in rows))
    right = int(max(max(w["x1"] for w in r) for r in rows)) + 1
    lo, hi = left + 0.15 * (right - left), right - 0.15 * (right - left)
    covered = _ink(rows, right)
    allowed = max(1, 0.03 * len(rows))
    cuts: list[float] = []
    if min(covered[int(lo):int(hi) + 1], default=allowed + 1) > allowed:
        return []  # (most pages: words over every x of the middle of the text block)
    size = None
    x = left
    while x < right:
        if covered[x] <= allowed and lo <= x <= hi:
            start = x
            while x < right and covered[x] <= allowed:
                x += 1
            a, b = start, x  # a blank strip [a, b)
            if size is None and b - a >= 6.0:
                size = _main_size(rows)
            if size and b - a >= max(6.0, size):
                c = (a + b) / 2
                before = sum(1 for r in rows if max(w["x1"] for w in r) <= c and _prose_row(r))
                after = sum(1 for r in rows if min(w["x0"] for w in r) >= c and _prose_row(r))
                if before >= min_rows and after >= min_rows:
                    cuts.append(c)
        x += 1
    return cuts


def _prose_row(row: list[dict]) -> bool:
    """A line of running text, not a figure's labels or a table's figures: three words or more,
    most of them of letters."""
    return len(row) >= 3 and sum(1 for w in row if any(ch.isalpha() for ch in w["text"])) > len(row) / 2


def crosses(row: list[dict], cuts: list[float]) -> bool:
    """Does a row run across a gutter: a word over it, or words on both sides closer than a
    gutter? The gap is measured against the smaller of the two words beside it: a heading
    starting the next column (LaTeX's 10 pt column separation beside a 14 pt heading) does not
    make the gutter a word space."""
    for c in cuts:
        reach, after, size = None, None, 0.0
        for w in row:
            if w["x0"] < c < w["x1"]:
                return True
            if w["x1"] <= c:
                if reach is None or w["x1"] > reach:
                    reach, size_before = w["x1"], w["size"]
            elif after is None:
                after, size = w["x0"], w["size"]
        if reach is not None and after is not None and not wide_gap(after - reach, min(size, size_before)):
            return True
    return False


def column_of(w: dict, cuts: list[float]) -> int:
    """The column a word stands in: how many gutters lie left of its middle."""
    mid = (w["x0"] + w["x1"]) / 2
    return sum(1 for c in cuts if mid > c)


def spanning_headings(rows: list[list[dict]], cuts: list[float]) -> set[int]:
    """Rows that are headings set across the columns though they fit in one: a title over columns
    that start again under it (CSS `column-span: all`, a word processor's section of one column
    between two of two). Such a row is larger than the text, stands in one column with nothing
    beside it in the others, and the columns end above it, and start again under it, at about
    one height (the columns of a band are balanced), so the columns above are read before it
    and those under it after it. (A heading inside a column has the other column's text beside
    it, or that column does not end and start again at its height.)"""
    main = _main_size(rows)
    if not main:
        return set()
    out = set()
    n = len(cuts) + 1
    for k, r in enumerate(rows):
        if max(w["size"] for w in r) < 1.2 * main or len({column_of(w, cuts) for w in r}) != 1:
            continue
        top, bottom = min(w["top"] for w in r), max(w["bottom"] for w in r)
        pad = 0.5 * main
        above: list[float | None] = [None] * n  # per column: the foot of its last word above
        below: list[float | None] = [None] * n  # and the top of its first word under
        beside = False
        for j, row in enumerate(rows):
            if j == k:
                continue
            for w in row:
                c = column_of(w, cuts)
                if w["bottom"] <= top + 0.5:
                    above[c] = w["bottom"] if above[c] is None else max(above[c], w["bottom"])
                elif w["top"] >= bottom - 0.5:
                    below[c] = w["top"] if below[c] is None else min(below[c], w["top"])
                if w["bottom"] > top - pad and w["top"] < bottom + pad:
                    beside = True
        if beside or None in above:
            continue
        if None in below and any(b is not None for b in below):
            continue
        ends = [a for a in above if a is not None]
        starts = [b for b in below if b is not None]
        if max(ends) - min(ends) <= 2.5 * main and (not starts or max(starts) - min(starts) <= main):
            out.add(k)
    return out


def bands(rows: list[list[dict]], cuts: list[float], rules: tuple[float, ...] = ()
          ) -> list[tuple[int, int, list[list[dict]]]]:
    """Reading order of a page with gutters: runs of rows that cross a gutter (or are headings
    set across the columns, `spanning_headings`) are read across the page, runs that do not are
    read column by column; a rule drawn across the page (under a masthead) also ends a run.
    Returns segments (columns, column, rows)."""
    if not cuts:
        return [(1, 0, rows)]
    across = spanning_headings(rows, cuts)
    segments: list[tuple[int, int, list[list[dict]]]] = []
    run: list[list[dict]] = []
    run_spans = False

    def flush():
        if run_spans:
            segments.append((1, 0, list(run)))
            return
        for i in range(len(cuts) + 1):
            lo = cuts[i - 1] if i else float("-inf")
            hi = cuts[i] if i < len(cuts) else float("inf")
            part = [[w for w in r if lo <= (w["x0"] + w["x1"]) / 2 < hi] for r in run]
            segments.append((len(cuts) + 1, i, [r for r in part if r]))

    for k, r in enumerate(rows):
        spans = k in across or crosses(r, cuts)
        top = min(w["top"] for w in r)
        ruled = run and any(max(w["bottom"] for w in run[-1]) <= y <= top for y in rules)
        if run and (spans != run_spans or ruled):
            flush()
            run = []
        run.append(r)
        run_spans = spans
    if run:
        flush()
    return segments


def _wide_part(size: float) -> float:
    """A gap between two blocks this wide is not a justified line's stretched space."""
    return max(7.0, 0.75 * size)


def _row_gaps(row: list[dict]) -> list[tuple[float, float, float, bool]]:
    """The gaps between a row's words that may part two blocks of text, as (left, right, least
    width, narrow): wide ones (`_wide_part`, the least width a run on them keeps), and those of
    half an em or more (a box set close to the text in small type), which `side_by_side` asks
    more of."""
    out = []
    reach = row[0]["x1"]
    for w in row[1:]:
        gap = w["x0"] - reach
        if gap >= 3.0:  # (most gaps are word spaces under 3 pt: nothing more to look at)
            size = w["size"]
            wide = _wide_part(size)
            if gap >= wide:
                out.append((reach, w["x0"], wide, False))
            elif gap >= 0.45 * size:
                out.append((reach, w["x0"], max(3.0, 0.45 * size), True))
        if w["x1"] > reach:
            reach = w["x1"]
    return out


def _prose_side(rows: list[list[dict]], words_a_row: int = 4) -> bool:
    """Running text, not a column of table cells: `words_a_row` or more words a row, mostly words
    of letters, most rows filling the side's measure."""
    counts = sorted(len(r) for r in rows)
    if counts[len(counts) // 2] < words_a_row:
        return False
    words = [w["text"] for r in rows for w in r]
    if sum(1 for t in words if sum(c.isalpha() for c in t) >= 2) < 0.7 * len(words):
        return False
    left = min(r[0]["x0"] for r in rows)
    ends = [max(w["x1"] for w in r) for r in rows]
    measure = max(ends) - left
    return sum(1 for r, end in zip(rows, ends) if end - r[0]["x0"] >= 0.7 * measure) >= 0.5 * len(rows)


def _aligned(left: list[list[dict]], right: list[list[dict]], both: bool = False) -> bool:
    """Two blocks of text side by side, not a river of wide spaces down a justified paragraph:
    the lines of one side start at one x, or (`both`: and) those of the other end at one x, in
    most rows."""
    def agree(xs: list[float]) -> bool:
        xs = sorted(xs)
        best = max(sum(1 for y in xs if x <= y <= x + 1.5) for x in xs)
        return best >= max(2, 0.6 * len(xs))

    starts, ends = agree([r[0]["x0"] for r in right]), agree([max(w["x1"] for w in r) for r in left])
    return starts and ends if both else starts or ends


def _main_size(rows: list[list[dict]]) -> float:
    """The size most of the rows' characters are set in (0.0 for no rows)."""
    sizes: Counter = Counter()
    for r in rows:
        for w in r:
            sizes[round(w["size"], 1)] += len(w["text"])
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _narrowed(row: list[dict], lo: float, hi: float, need: float) -> tuple[float, float] | None:
    """The gap (lo, hi) left between a row's words on either side of it, if still `need` wide
    (None: a word runs across it)."""
    mid = (lo + hi) / 2
    for w in row:
        if w["x1"] <= mid:
            lo = max(lo, w["x1"])
        elif w["x0"] >= mid:
            hi = min(hi, w["x0"])
        else:
            return None
    return (lo, hi) if hi - lo >= need else None


def _gutter_runs(rows: list[list[dict]], gaps: list[list[tuple[float, float, float, bool]]], min_rows: int
                 ) -> list[tuple[int, int, float, float, float]]:
    """Runs of consecutive rows (first, last, left, right, need) that share one gap of
    `_row_gaps`, at least `need` wide in every row: at least `min_rows` rows with words on both
    sides of it, none with a word across it, and no more than three rows in a row with words on
    one side only (a box's blank line, a paragraph's short last line). Every run found, the
    likeliest first: wide gaps before narrow ones, then by the rows with words on both sides
    (a river of stretched spaces over two rows does not come before the box beside them)."""
    found = []
    for i, row_gaps in enumerate(gaps):
        for lo, hi, need, narrow in row_gaps:
            last, two_sided, one_sided = i, 1, 0
            for j in range(i + 1, len(rows)):
                inside = [(max(lo, a), min(hi, b)) for a, b, *_ in gaps[j] if min(hi, b) - max(lo, a) >= need]
                if inside:
                    lo, hi = max(inside, key=lambda g: g[1] - g[0])
                    last, two_sided, one_sided = j, two_sided + 1, 0
                    continue
                gap = _narrowed(rows[j], lo, hi, need) if one_sided < 3 else None
                if gap is None:
                    break
                lo, hi = gap
                one_sided += 1
            if two_sided >= (max(3, min_rows) if narrow else min_rows):  # (a narrow gap: three rows)
                found.append((narrow, -two_sided, i, last, lo, hi, need))
    return [(i, last, lo, hi, need) for _narrow, _n, i, last, lo, hi, need in sorted(found)]


def _continues(side: list[list[dict]], above: list[dict] | None, below: list[dict] | None) -> bool:
    """Does the text of `side` run on from the row above it or into the row under it, at its own
    line pitch and from its own left or right edge (text flowing around a float does; a box,
    a caption or a column under a paragraph stands apart, with space around it)?"""
    if len(side) < 2:
        return False
    tops = [min(w["top"] for w in r) for r in side]
    pitch = sorted(b - a for a, b in zip(tops, tops[1:]))[(len(tops) - 1) // 2]
    x0, x1 = min(r[0]["x0"] for r in side), max(max(w["x1"] for w in r) for r in side)

    def runs_on(row: list[dict] | None, step: float) -> bool:
        if row is None or not 0.75 * pitch <= step <= 1.25 * pitch:
            return False
        return abs(row[0]["x0"] - x0) <= 2.0 or abs(max(w["x1"] for w in row) - x1) <= 2.0

    return (runs_on(above, tops[0] - min(w["top"] for w in above) if above else 0.0)
            or runs_on(below, min(w["top"] for w in below) - tops[-1] if below else 0.0))


def side_by_side(rows: list[list[dict]], min_rows: int = 3) -> list[tuple[list[list[dict]], bool]]:
    """Text set beside the running text for a few lines only, a gap between them too short for a
    gutter of the page (`gutters`): a box or a sidebar floated to one side, a pull quote, a
    figure's caption, two short columns. Read row by row they are interleaved ("Alex Thurston
    is Visiting Box 1. Professor at The Algiers accord ..."). Each run of rows sharing a gap
    (`_gutter_runs`) whose two sides are running text aligned on it is split there. A side is set beside the text when the other side is the running text:
    set in the size of the text around the run where the two sizes differ (a box in smaller
    type, a pull quote in larger), else the only side whose lines run on from the text above
    or into the text under the run (text flowing around a float). Then the text goes on
    through the run in one segment and the side is read after it, its lines marked `beside`
    (a paragraph is not joined across it). Otherwise the sides are short columns: read left,
    then right, each a segment of its own. Returns the segments in reading order, each with its
    `beside` flag. Issue 13 (side boxes, pull quotes, text wrapped around figures)."""
    if len(rows) < min_rows:
        return [(rows, False)]
    gaps = [_row_gaps(r) if len(r) > 1 else [] for r in rows]
    if sum(1 for g in gaps if g) < 2:
        return [(rows, False)]
    runs = []

    def free(k: int) -> bool:
        return 0 <= k < len(rows) and not any(a <= k <= b for a, b, *_ in runs)

    for start, last, lo, hi, need in _gutter_runs(rows, gaps, 2):
        if not all(free(k) for k in range(start, last + 1)):
            continue
        # up to three rows of one side only just above or under the run belong to it (a box's
        # first line, a paragraph's last)
        first, end = start, last
        while start - first < 3 and free(first - 1) and _narrowed(rows[first - 1], lo, hi, need):
            first -= 1
        while end - last < 3 and free(end + 1) and _narrowed(rows[end + 1], lo, hi, need):
            end += 1
        last = end
        cut = (lo + hi) / 2
        # (a first look at the rows as they stand, before grouping each side's words again: most
        # runs found on tables and forms are not two blocks of running text)
        raw = [([w for w in r if w["x1"] <= cut], [w for w in r if w["x1"] > cut]) for r in rows[first:last + 1]]
        if not (_prose_side([a for a, _b in raw if a], 1) and _prose_side([b for _a, b in raw if b], 1)):
            continue
        left = rows_of([w for r in rows[first:last + 1] for w in r if w["x1"] <= cut])
        right = rows_of([w for r in rows[first:last + 1] for w in r if w["x1"] > cut])
        if not left or not right:
            continue
        sizes = (_main_size(left), _main_size(right))
        differ = abs(sizes[0] - sizes[1]) > 0.1 * max(sizes)
        # a gap narrower than a word space can stretch: both sides aligned on it, three rows
        narrow = hi - lo < _wide_part(max(sizes))
        # a side set in another size may be a pull quote of a few words a line
        if not (_prose_side(left, 2 if differ and len(left) >= 3 else 4)
                and _prose_side(right, 2 if differ and len(right) >= 3 else 4) and _aligned(left, right, narrow)):
            continue
        both = sum(1 for r in rows[first:last + 1] if any(w["x1"] <= cut for w in r) and any(w["x1"] > cut for w in r))
        if both < (2 if differ and not narrow else min_rows):
            continue
        runs.append((first, last, left, right, differ))
    if not runs:
        return [(rows, False)]
    runs.sort(key=lambda r: r[0])
    around = _main_size([r for k, r in enumerate(rows) if not any(a <= k <= b for a, b, *_ in runs)] or rows)
    out: list[tuple[list[list[dict]], bool]] = []
    flow: list[list[dict]] = []
    later: list[list[list[dict]]] = []
    at = 0
    for first, last, left, right, differ in runs:
        flow.extend(rows[at:first])
        at = last + 1
        main = None
        if differ:
            main = left if abs(_main_size(left) - around) <= abs(_main_size(right) - around) else right
        else:
            above = rows[first - 1] if first else None
            below = rows[last + 1] if last + 1 < len(rows) else None
            runs_on = [side for side in (left, right) if _continues(side, above, below)]
            main = runs_on[0] if len(runs_on) == 1 else None
        if main is not None:
            flow.extend(main)
            later.append(right if main is left else left)
        else:
            if flow:
                out.append((flow, False))
            out += [(left, False), (right, False)]
            flow = []
    flow.extend(rows[at:])
    if flow:
        out.append((flow, False))
    return out + [(side, True) for side in later]


def foot_columns(rows: list[list[dict]], settings: PdfSettings) -> tuple[list, list, list[float]]:
    """The rows at the foot of a page set in smaller type than its text (a block of notes), and the
    gutters of that block alone: notes set in two or three columns under text set in one (their
    gutters are too few among the page's rows to be found on the whole page)."""
    sizes: Counter = Counter(round(w["size"], 1) for r in rows for w in r)
    if not sizes:
        return rows, [], []
    main = sizes.most_common(1)[0][0]
    k = len(rows)
    while k > 0 and all(w["size"] <= settings.footnote_ratio * main for w in rows[k - 1]):
        k -= 1
    foot = rows[k:]
    if len(foot) < 4 or k == 0:
        return rows, [], []
    return rows[:k], foot, gutters(foot, settings, min_rows=3)


def page_rules(page) -> tuple[float, ...]:
    """Heights of the rules drawn across most of the page (a masthead's underline)."""
    width = float(page.width)
    found = [l["top"] for l in page.lines if abs(l["top"] - l["bottom"]) < 1 and l["x1"] - l["x0"] > 0.5 * width]
    found += [r["top"] for r in page.rects if r["bottom"] - r["top"] < 2 and r["x1"] - r["x0"] > 0.5 * width]
    return tuple(sorted(found))


# a page's number in a contents' row, or its section's ("1.2.3")
CONTENTS_NUMBER = re.compile(r"\d{1,4}|[ivxlc]{1,6}|\d{1,3}(?:\.\d{1,3})+\.?", re.I)
PAGE_WORD = re.compile(r"(?:pg?|pp|page|s)\.?", re.I)  # before a contents row's number: "pg. 3"


def numbers_column(rows: list[list[dict]], cuts: list[float], k: int) -> bool:
    """Does column `k` hold nothing but numbers, each on the row of a line of another column, in
    the rows read column by column: the page numbers of contents rows set without dot leaders
    (a book's chapter rows beside its sections' leadered ones, "2 Mannigfaltigkeiten ... 24"),
    or a list's figures; a row of its own there is a number too (the page's folio); "pg." or
    "page" may stand before the numbers? Not a column: each number is read on its row."""
    words = [w for r in rows if not crosses(r, cuts) and any(column_of(w, cuts) != k for w in r)
             for w in r if column_of(w, cuts) == k]
    alone = [w for r in rows if not crosses(r, cuts) and all(column_of(w, cuts) == k for w in r) for w in r]
    numbers = [w for w in words + alone if CONTENTS_NUMBER.fullmatch(w["text"])]
    return len(numbers) >= 2 and all(CONTENTS_NUMBER.fullmatch(w["text"]) or PAGE_WORD.fullmatch(w["text"])
                                     for w in words + alone)


def page_lines(words: list[dict], page_no: int, height: float, width: float, settings: PdfSettings,
               rules: tuple[float, ...] = (), rows: list[list[dict]] | None = None) -> list[Line]:
    """The page's lines in reading order; `rows`: the words' `rows_of`, where the caller has them."""
    rows = rows_of(words) if rows is None else rows
    cuts = gutters(rows, settings)
    if cuts:
        sides = Counter(column_of(w, cuts) for w in words)
        thin = [k for k, n in sides.items() if n < 0.1 * len(words)]
        lines_in = Counter(k for r in rows for k in thin if _prose_row([w for w in r if column_of(w, cuts) == k]))
        if len(sides) < len(cuts) + 1 or any(lines_in[k] < 3 for k in thin):
            # a "column" with hardly any words is a stray gap, not a column; one of a few lines
            # of text is a column (the middle one of three, where a table took the rest of it)
            cuts = []
        numeric = {k for k in range(len(cuts) + 1) if numbers_column(rows, cuts, k)}
        cuts = [c for k, c in enumerate(cuts) if k not in numeric and k + 1 not in numeric]
    lines = []
    seg_no = 0
    for ncols, col, segment in bands(rows, cuts, rules):
        if cuts:  # rows across the page may have mixed lines of two columns: group again, alone
            segment = rows_of([w for r in segment for w in r])
        # text over notes set in columns of their own: the notes are read column by column
        body, foot, foot_cuts = foot_columns(segment, settings)
        parts = [(ncols, col, part, beside) for part, beside in side_by_side(body if foot_cuts else segment)]
        if foot_cuts:
            parts += [(n, c, rows_of([w for r in part for w in r]), False) for n, c, part in bands(foot, foot_cuts)]
        for n, c, part, beside in parts:
            for ws in part:
                line = make_line(ws, page_no, height, width, settings)
                line.seg, line.col, line.ncols = seg_no, c if n > 1 else col, n if n > 1 else ncols
                line.beside = beside
                lines.append(line)
            seg_no += 1
    return lines


def is_line_number(text: str) -> bool:
    """1 to 9999 written plainly (no leading zero: "0050" is a code point in a table)."""
    return text.isdecimal() and len(text) <= 4 and text[0] != "0"


def line_numbers(words: list[dict], height: float) -> tuple[list[dict], list[dict]]:
    """A page's numbered lines (pleading paper's 1-28, a bill's or a draft's numbered lines, LaTeX's
    lineno, a court transcript's 1-25): a column of bare numbers in a margin beside the text,
    counting up by one (or by five) at a steady pitch down two fifths of the page or more, aligned
    on one edge, in smaller type or numbering some lines that hold no text (a list's numbers are
    set in its own type beside its items; margin notes' numbers come unevenly). They were read into
    the lines they stand beside ("1 THE CIRCUIT COURT", "follows: 13") and cut paragraphs apart
    (issue 13). Returns the page's other words and those numbers, top to bottom; the words as
    they were and [] where there is no such column."""
    digits = [w for w in words if is_line_number(w["text"])]
    if len(digits) < 6:
        return words, []
    numbers = {id(w) for w in digits}
    text = [w for w in words if id(w) not in numbers]
    if len(text) < 20:
        return words, []
    sizes = sorted(w["size"] for w in text)
    body = sizes[len(sizes) // 2]
    starts = sorted(w["x0"] for w in text)
    ends = sorted(w["x1"] for w in text)
    left, right = starts[len(starts) // 20], ends[-1 - len(ends) // 20]  # the text's edges, strays aside
    for column in ([w for w in digits if w["x1"] <= left - 2], [w for w in digits if w["x0"] >= right + 2]):
        if len(column) < 6:
            continue
        column.sort(key=lambda w: w["top"])
        values = [int(w["text"]) for w in column]
        steps = [b - a for a, b in zip(values, values[1:])]
        step = max(set(steps), key=steps.count)
        x1s = sorted(w["x1"] for w in column)
        x0s = sorted(w["x0"] for w in column)
        mid = len(column) // 2
        aligned = sum(abs(w["x1"] - x1s[mid]) <= 2 or abs(w["x0"] - x0s[mid]) <= 2 for w in column)
        # set smaller than the text, or numbering lines that hold no text (a list's numbers are set
        # in its own type, and every one has its item beside it)
        alone = sum(not any(abs(t["top"] - w["top"]) < 0.5 * w["size"] for t in text) for w in column)
        if sorted(w["size"] for w in column)[len(column) // 2] > 0.9 * body and alone < 2:
            continue
        gaps = sorted(b["top"] - a["top"] for a, b in zip(column, column[1:]))
        pitch = gaps[len(gaps) // 2]
        steady = sum(abs(g - pitch) <= 0.1 * pitch for g in gaps)  # (margin notes' numbers come unevenly)
        if (step in (1, 5) and steps.count(step) >= 0.8 * len(steps) and aligned >= 0.8 * len(column)
                and steady >= 0.7 * len(gaps) and column[-1]["top"] - column[0]["top"] >= 0.4 * height):
            # the run counting up; a number out of it (a folio "3" set in the margin) stays text
            first = next((k for k, v in enumerate(values) if v + step in values[k + 1:k + 3]), 0)
            run, counted = [column[first]], values[first]
            for w, v in zip(column[first + 1:], values[first + 1:]):
                if v == counted + step:
                    run.append(w)
                    counted = v
            taken = {id(w) for w in run}
            return [w for w in words if id(w) not in taken], run
    return words, []


def numbers_line(numbers: list[dict], page_no: int, height: float, width: float) -> Line:
    """A page's line numbers as one `Line` of zone lineno, after the page's text."""
    return Line(page=page_no, top=numbers[0]["top"], bottom=numbers[-1]["bottom"], x0=min(w["x0"] for w in numbers),
                x1=max(w["x1"] for w in numbers), size=numbers[0]["size"], chars=sum(len(w["text"]) for w in numbers),
                bold=False, italic=False, segs=[Seg(" ".join(w["text"] for w in numbers))], page_height=height,
                page_width=width, zone="lineno")


def letter_spaced(words: list[dict]) -> list[dict]:
    """A line set letter-spaced (a designer's tracking of a title or a heading: 0.2 em or more
    after every letter) has each letter as a word of its own, the words' own breaks lost among
    them ("E X E C U T I V E S U M M A R Y"). Where most of a line's words are single letters of
    one font, standing at about one distance from each other (formulas' letters are not so even),
    a run of single characters closer than that distance plus a little is joined, unless a space
    glyph stands between two of them: the gaps between words are the letters' plus a space
    ("EXECUTIVE SUMMARY"). Issue 13: word segmentation that adapts to the spacing."""
    if len(words) < 4 or sum(len(w["text"]) == 1 for w in words) < 0.6 * len(words):
        return words
    single = [len(w["text"]) == 1 and w["text"].isalpha() for w in words]
    letters = sum(single)
    if letters < 4 or letters < 0.6 * len(words):
        return words
    if len({(w["fontname"], round(w["size"], 1)) for w, one in zip(words, single) if one}) > 1:
        return words
    gaps = sorted(b["x0"] - a["x1"] for a, b, sa, sb in zip(words, words[1:], single, single[1:]) if sa and sb)
    if len(gaps) < 3:
        return words
    letter = gaps[len(gaps) // 2]  # most gaps are between letters
    size = sorted(w["size"] for w in words)[len(words) // 2]
    if not 0.05 * size < letter < 0.8 * size or sum(abs(g - letter) <= 0.06 * size for g in gaps) < 0.6 * len(gaps):
        return words  # set tight (not letter-spaced), spread (spaced digits, table cells) or uneven (a formula)
    # a space before most letters is no word break but an engine's guess (pdfium inserts one
    # between letters shown apart): the gaps alone decide then
    spaces = sum(bool(w.get("space_before")) for w in words[1:]) < 0.5 * (len(words) - 1)
    out = [words[0]]
    run = len(words[0]["text"]) == 1  # the last word out is a run of single characters
    for w in words[1:]:
        prev = out[-1]
        gap = w["x0"] - prev["x1"]
        if run and len(w["text"]) == 1 and gap <= letter + 0.12 * size and not (spaces and w.get("space_before")) \
                and abs(w["size"] - prev["size"]) < 0.1 * size and abs(w["bottom"] - prev["bottom"]) < 0.2 * size:
            out[-1] = {**prev, "text": prev["text"] + w["text"], "x1": w["x1"], "top": min(prev["top"], w["top"]),
                       "bottom": max(prev["bottom"], w["bottom"])}
        else:
            out.append(w)
            run = len(w["text"]) == 1
    return out


def raised_words(words: list[dict], small_below: float, foot_above: float, high_above: float = -1.0,
                 smaller_below: float = 0.0) -> list[bool]:
    """Which words of a line are superscripts (note markers, "th", "e" of "XIXe"): smaller than
    the line's text and standing above its baseline, or an author's affiliation mark ("a", "a,b",
    "*"; not a chart's raised "120", not a margin note's "and") only a little smaller
    (`smaller_below`) but standing high (foot above `high_above`: a browser's <sup> at 90 %).
    A run of such words holding two words of letters, or one of four letters or more, is text,
    not a superscript: a smaller block sharing
    the row with larger type (a box beside a heading, a caption beside a pull quote), whose words
    were glued as markers ("bothpoliticallifeandcivilsociety"). Issue 13."""
    out = [(w["size"] < small_below and w["bottom"] < foot_above)
           or (w["size"] < smaller_below and w["bottom"] < high_above and AFFILIATION_MARK.fullmatch(w["text"]))
           for w in words]
    i = 0
    while i < len(out):
        if not out[i]:
            i += 1
            continue
        j = i
        while j < len(out) and out[j]:
            j += 1
        letters = [sum(c.isalpha() for c in w["text"]) for w in words[i:j]]
        if sum(1 for n in letters if n >= 2) >= 2 or max(letters) >= 4:
            out[i:j] = [False] * (j - i)
        i = j
    return out


FAR_MARKER = 1.5  # em: a note marker stands at its word or a space after it, never this far off


def make_line(words: list[dict], page_no: int, height: float, width: float, settings: PdfSettings) -> Line:
    words = letter_spaced(words)
    rounded = [round(w["size"], 1) for w in words]
    sizes: dict[float, int] = {}
    for w, r in zip(words, rounded):
        sizes[r] = sizes.get(r, 0) + len(w["text"])
    main = max(sizes.items(), key=itemgetter(1))[0]  # the first of the most used (Counter.most_common)
    # a line set mostly in small capitals ("108 ¹RICHARD HOOKER, OF THE LAWS") still has its text
    # size: the largest size holding a fifth of its characters, against which a marker is small
    total = sum(sizes.values())
    text_size = max((s for s, n in sizes.items() if n >= 0.2 * total and s <= 1.6 * main), default=main)
    floor = main * settings.superscript_ratio
    main_words = [w for w, r in zip(words, rounded) if r >= floor]
    baseline = max(w["bottom"] for w in main_words)
    small_below = text_size * settings.superscript_ratio
    # (most lines hold no word smaller than their text: no superscript to look for)
    smaller_below = 0.95 * text_size
    raised = raised_words(words, small_below, baseline - 0.12 * main, baseline - 0.3 * main, smaller_below) \
        if min(sizes) < smaller_below else [False] * len(words)
    segs: list[Seg] = []
    prev = None
    prev_sub = False
    top, bottom, x1 = words[0]["top"], words[0]["bottom"], words[0]["x1"]
    for w, sup in zip(words, raised):
        size, wbottom = w["size"], w["bottom"]
        small = size < small_below
        # a subscript (smaller, set below the baseline: "a_i", "x_0", "PCO_2") is an index, not
        # letters of the word it follows: read apart from it, as a token of its own (issue 13:
        # non-words "ai", "z1", "pco2"). Its foot only needs to stand a little below the line's:
        # a smaller glyph on the baseline has its foot higher (a smaller descent: small capitals
        # "R" + "EALM" stay one word), and TeX lowers an inline subscript by only ~0.12 em
        sub = small and wbottom > baseline + 0.02 * main
        if prev is not None:
            gap = w["x0"] - prev["x1"]
            if sup and gap > FAR_MARKER * main:
                sup = False  # a small raised word standing far off (an OCR layer's stray letters) marks nothing
            space = not sup and (word_break(prev, w, main) or sub != prev_sub)
            if sup and gap > 0.25 * main:
                space = False  # a marker after a space is still a marker
            if space:
                segs.append(SPACE)
        prev_sub = sub
        segs.append(Seg(w["text"].translate(LIGATURES), sup))
        prev = w
        if w["top"] < top:
            top = w["top"]
        if wbottom > bottom:
            bottom = wbottom
        if w["x1"] > x1:
            x1 = w["x1"]
    if any(RTL.search(w["text"]) for w in words):
        segs = reading_order(segs)
    tab_number = len(words) > 1 and words[-1]["x0"] - words[-2]["x1"] >= 2 * main and words[-1]["text"].isdecimal() \
        and len(words[-1]["text"]) <= 4
    return Line(
        page=page_no,
        top=top,
        bottom=bottom,
        x0=words[0]["x0"],
        x1=x1,
        size=main,
        chars=total,
        bold=all(is_bold(w["fontname"]) for w in main_words),
        italic=all(is_italic(w["fontname"]) for w in main_words),
        segs=segs,
        mono=all(is_mono(w["fontname"]) for w in main_words),
        page_height=height,
        page_width=width,
        tab_number=tab_number,
    )


def _direction(text: str) -> int:
    """1 for a word of a right-to-left script (a letter of one, none of another), -1 for a word
    of letters written left to right, 0 for one of neither (figures, punctuation)."""
    rtl = any(is_rtl(ord(ch)) for ch in text)
    ltr = any(ch.isalpha() and not is_rtl(ord(ch)) for ch in text)
    return -1 if ltr else 1 if rtl else 0


def _base_letters(text: str) -> str:
    """Arabic presentation forms (a letter's shape at the start, middle or end of a word, as
    pdfminer gives them: "ﺗﻈﺎﻫﺮات") as the letters they shape (NFKC), as pdfium gives them."""
    return "".join(unicodedata.normalize("NFKC", ch) if 0xFB50 <= ord(ch) <= 0xFDFF or 0xFE70 <= ord(ch) <= 0xFEFC
                   else ch for ch in text)


def reading_order(segs: list[Seg]) -> list[Seg]:
    """A line's words, as both engines give them in the order the line shows them (left to
    right, each word's letters too), put in reading order where they are of a right-to-left
    script: each run of such words (with the figures and punctuation between them) read from
    its right end, each word's letters from the right ("ركذلاب ريدجو" is "وجدير بالذكر").
    The Unicode bidirectional algorithm's visual-to-logical step, for lines whose runs do not
    nest; a raised marker ends a run."""
    out = list(segs)
    kinds = [None if seg is SPACE else 9 if seg.sup else _direction(seg.text) for seg in segs]
    i = 0
    while i < len(out):
        if kinds[i] != 1:
            i += 1
            continue
        j = last = i  # the run: from an RTL word to the last RTL word after it, across neutral ones
        while j + 1 < len(out) and kinds[j + 1] in (None, 0, 1):
            j += 1
            if kinds[j] == 1:
                last = j
        run = out[i:last + 1]
        out[i:last + 1] = [seg if seg is SPACE or kinds[i + k] != 1 else Seg(_base_letters(seg.text[::-1]), seg.sup)
                           for k, seg in reversed(list(enumerate(run)))]
        i = last + 1
    return out


@dataclass(frozen=True)
class PageInfo:
    number: int
    lines: tuple
    links: tuple[tuple[str, float, float], ...]  # uri, top, bottom
    images: int
    chars: int
    margin: str = ""  # text set against the page's direction (named in the document's warnings)
    failed: str = ""  # why the engine's reading failed on the page (named in the document's warnings)
    reread: bool = False  # and pdfplumber read it instead


def page_links(page) -> tuple[tuple[str, float, float], ...]:
    try:
        return tuple((h["uri"], float(h["top"]), float(h["bottom"])) for h in page.hyperlinks if h.get("uri"))
    except Exception:  # broken annotation trees (cycles) must not lose the page's text
        return ()


def read_pages(pdf, settings: PdfSettings) -> Iterator[PageInfo]:
    """One page at a time; each page is closed after use so memory stays bounded by a page. A
    page this reader fails on (a glyph no rule foresaw) is read by pdfplumber where the document
    was opened with pdfium, and else left out with its reason (`PageInfo.failed`, named in the
    document's warnings): the document's other pages are not lost with it. A document none of
    whose pages can be read fails as a whole."""
    import time

    started = time.monotonic()
    failed: list[Exception] = []
    n = 0
    for i, page in enumerate(pdf.pages, start=1):
        if i > settings.max_pages:
            break
        if time.monotonic() - started > settings.max_seconds:
            page.close()
            raise IngestError(f"gave up after {settings.max_seconds:.0f} s at page {i} (too slow to read)")
        n += 1
        try:
            info = read_page(page, i, settings)
        except (IngestError, RecursionError):
            raise
        except Exception as exc:  # noqa: BLE001 — this page's reason, named in the warnings
            info = reread_page(pdf, i, settings, exc)
            if not info.reread:
                failed.append(exc)
        finally:
            page.close()
        yield info
    if n and len(failed) == n:
        raise failed[0]


def reread_page(pdf, i: int, settings: PdfSettings, exc: Exception) -> PageInfo:
    """Page i, which the engine's reading failed on, read by pdfplumber (a pdfium document's
    `plumber_page`), or an empty page that says why it was left out."""
    reason = " ".join(f"{type(exc).__name__}: {exc}".split())[:120]
    fallback = pdf.plumber_page(i - 1) if hasattr(pdf, "plumber_page") else None
    if fallback is not None:
        try:
            return replace(read_page(fallback, i, settings), failed=reason, reread=True)
        except Exception:  # noqa: BLE001 — the first reason stands
            pass
        finally:
            fallback.close()
    return PageInfo(i, (), (), 0, 0, failed=reason)


def column_text_tables(rows: list[list[dict]], settings: PdfSettings) -> tuple[list, set[int]]:
    """`tables.text_tables` in each column of text of a page set in columns of running text (two
    small tables side by side, one in each column of a paper, are two tables, not one whose rows
    run across both), else over the page (a table's own gaps are no gutter between columns of
    text: a gutter counts here where both its sides hold four lines of prose: five words or more
    with no gap wider than a word space between them, `tables.row_cells`)."""

    def prose(side: list[dict]) -> bool:
        return len(side) >= 5 and _prose_row(side) and len(row_cells(side)) == 1

    if sum(1 for r in rows if len(row_cells(r)) >= 3) < MIN_GRID_ROWS:
        return [], set()  # (most pages: too few rows of three cells for a table; no gutters looked for)
    found, taken = text_tables(rows)
    cuts = [c for c in gutters(rows, settings)
            if sum(1 for r in rows if not crosses(r, [c]) and prose([w for w in r if w["x1"] <= c])) >= 4
            and sum(1 for r in rows if not crosses(r, [c]) and prose([w for w in r if w["x0"] >= c])) >= 4]
    if not cuts:
        return found, taken
    found, taken = [], set()
    for k in range(len(cuts) + 1):
        part = [[w for w in r if column_of(w, cuts) == k] for r in rows if not crosses(r, cuts)]
        grids, gone = text_tables([r for r in part if r])
        found += grids
        taken |= gone
    return found, taken


def read_page(page, i: int, settings: PdfSettings) -> PageInfo:
    """Page i's lines (tables placed among them), links, image count and characters."""
    found = page_words(page, settings)
    lines: list[Line] = []
    links: tuple = ()
    if found.words:
        rules = () if found.turned else page_rules(page)
        words, tables = found.words, []
        if not found.turned and has_rulings(page):  # table boxes are in the page's own frame
            found_tables, taken = page_tables(page, words)
            words = [w for k, w in enumerate(words) if k not in taken]
            tables = [table_lines(t, i, found.height, found.width, settings) for t in found_tables]
        words, numbers = line_numbers(words, found.height)
        rows = rows_of(words) if words else None
        if not found.turned and rows:  # tables without rules: rows of short cells in aligned columns
            grids, gone = column_text_tables(rows, settings)
            if grids:
                words = [w for w in words if id(w) not in gone]
                rows = None
                tables += [table_lines(t, i, found.height, found.width, settings) for t in grids]
        lines = page_lines(words, i, found.height, found.width, settings, rules, rows) if words else []
        if tables:
            lines = place_tables(lines, tables)
        if numbers:
            lines.append(numbers_line(numbers, i, found.height, found.width))
        links = page_links(page)
    if found.level:  # upright words of a page read turned: lines of their own frame, after the page's
        lines = list(lines) + page_lines(list(found.level), i, float(page.height), float(page.width), settings)
    margin = "".join(w["text"].translate(LIGATURES) for w in found.aside)
    return PageInfo(i, tuple(lines), links, len(page.images), found.chars, margin)
