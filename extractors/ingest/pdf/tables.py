"""Tables -> rows: a ruled table's words taken out of the running text and read row by row, each
row one `Line` of zone `table` (cells in reading order, joined with " | "), so that a table is
never word salad in a paragraph (issue 13). Ruled tables are found by pdfplumber's `find_tables`
(ruling lines and cell borders); a cell holding several aligned lines in several columns (a table
ruled only above and below its body, as LaTeX's booktabs sets them) is read as that many rows."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from extractors.ingest.pdf.joining import CELL_BREAK
from extractors.ingest.pdf.types import Line, PdfSettings, Seg
from extractors.ingest.pdf.words import LIGATURES, word_break

CELL_SEP = " | "


@dataclass(frozen=True)
class TableRows:
    """A table found on a page: its box and its rows (cells of words, left to right)."""

    bbox: tuple[float, float, float, float]  # x0, top, x1, bottom
    rows: tuple[tuple[tuple[dict, ...], ...], ...]  # row -> cell -> words


MAX_SEGMENTS = 2000  # a page drawing more lines than this is a map or a plot: not searched for tables


def has_rulings(page) -> bool:
    """Cheap test before `find_tables`: a table needs several ruling lines or cell borders (and a
    page of thousands of drawn segments would cost far more to search than to read)."""
    n = len(page.lines) + len(page.rects) + len(page.curves) + len(image_rules(page))
    return 2 <= n <= MAX_SEGMENTS


THIN_RULE = 2.0  # pt: an image no thicker than this, and five times as long, is a rule


def image_rules(page) -> list[dict]:
    """Rules drawn as images (Ghostscript writes dvips's table rules as one-bit image masks: a
    LaTeX tabular's grid was no table, its columns read one after the other), as rectangles
    for the table finder."""
    out = []
    for im in page.images:
        w, h = im["x1"] - im["x0"], im["bottom"] - im["top"]
        if 0 <= min(w, h) <= THIN_RULE and max(w, h) >= 5 * max(min(w, h), 0.5):
            out.append({"object_type": "rect", "x0": im["x0"], "x1": im["x1"], "top": im["top"],
                        "bottom": im["bottom"], "doctop": im["top"], "width": w, "height": h,
                        "y0": page.height - im["bottom"], "y1": page.height - im["top"]})
    return out


def _center(w: dict) -> tuple[float, float]:
    return (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2


def _inside(x: float, y: float, box) -> bool:
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def page_tables(page, words: list[dict]) -> tuple[list[TableRows], set[int]]:
    """The page's ruled tables, each word in at most one cell, and the indexes of the words they
    took. A box of rulings that holds no text grid (a figure's frame, a form's empty fields, a
    framed note) is not a table: a table has at least two rows and two columns with text, and
    most of its cells filled."""
    rules = image_rules(page)
    settings = {"explicit_vertical_lines": rules, "explicit_horizontal_lines": rules} if rules else None
    try:
        found = page.find_tables(settings)
    except Exception:  # a drawing pdfplumber cannot resolve into cells: read the page as text
        return [], set()
    out = []
    taken: set[int] = set()
    for table in found:
        box = table.bbox
        inside = [i for i, w in enumerate(words) if i not in taken and _inside(*_center(w), box)]
        if not inside:
            continue
        boxes = [sorted((c for c in row.cells if c is not None), key=lambda c: c[0]) for row in table.rows]
        boxes = [b for b in boxes if b]
        cells: list[list[list[int]]] = [[[] for _ in b] for b in boxes]
        placed = set()
        for i in inside:
            x, y = _center(words[i])
            for b, r in zip(boxes, cells):
                if b[0][1] - 1 <= y <= b[0][3] + 1:
                    # the cell holding the word, else the nearest cell of its row (merged cells)
                    k = min(range(len(b)), key=lambda j: 0 if b[j][0] <= x <= b[j][2]
                            else min(abs(x - b[j][0]), abs(x - b[j][2])))
                    r[k].append(i)
                    placed.add(i)
                    break
        grid = [[[words[i] for i in cell] for cell in r] for r in cells]
        grid = [sub for r in grid for sub in split_stacked_rows(r)]
        grid = [sub for r in grid for sub in split_spaced_rows(r)]
        grid = [r for r in grid if any(r)]
        if not is_text_grid(grid):
            continue
        taken |= placed
        out.append(TableRows(box, tuple(tuple(tuple(c) for c in r) for r in grid)))
    return out, taken


MIN_GRID_ROWS = 4  # rows of short cells in three or more aligned columns make an unruled table
MAX_CELL_CHARS = 40  # a cell of an unruled table is short: a name, a figure, an abbreviation
MEAN_CELL_CHARS = 16
MIN_GRID_FILL = 0.6  # of the run's rows times its columns: cells with words


def row_cells(row: list[dict]) -> list[list[dict]]:
    """A row's words in groups set apart by more than a word space (an em and a half)."""
    out: list[list[dict]] = []
    for w in row:
        if out and w["x0"] - out[-1][-1]["x1"] < 1.5 * max(w["size"], out[-1][-1]["size"]):
            out[-1].append(w)
        else:
            out.append([w])
    return out


def _grid_row(cells: list[list[dict]]) -> bool:
    """Is a row, in its cells (`row_cells`), one of an unruled table: three or more short cells?"""
    return len(cells) >= 3 and max(len(" ".join(w["text"] for w in c)) for c in cells) <= MAX_CELL_CHARS


def _columns(rows_cells: list[list[list[dict]]]) -> list[tuple[float, float]]:
    """The x spans of a run of rows' columns (the rows in their cells): stretches that the rows'
    cells cover, parted by strips no cell covers."""
    spans = sorted((c[0]["x0"], c[-1]["x1"]) for cells in rows_cells for c in cells)
    out: list[list[float]] = []
    for x0, x1 in spans:
        if out and x0 <= out[-1][1] + 1:
            out[-1][1] = max(out[-1][1], x1)
        else:
            out.append([x0, x1])
    return [(a, b) for a, b in out]


def text_tables(rows: list[list[dict]]) -> tuple[list[TableRows], set[int]]:
    """Unruled tables: runs of `MIN_GRID_ROWS` or more rows, each of three or more short cells
    set a wide gap apart (`_grid_row`), whose cells stand in three or more columns that no cell
    of the run crosses, most cells short (`MEAN_CELL_CHARS`), most of the grid filled
    (`MIN_GRID_FILL`). Read as a ruled table is (zone
    table, a row's cells in order), not column by column as the gaps made them: a French
    article's table of Bible books' abbreviations in seven editions had become lists of the
    first column's three names, then the second's (round 15), a font's feature tables page
    columns (round 14). A lone row of the run that does not fill the columns (a name wrapped
    onto a second line, a row of two cells) stays in it; the columns are those of the rows of the
    run's most usual shape. Returns the tables and the ids of the words they took."""
    out: list[TableRows] = []
    taken: set[int] = set()
    cells_of = [row_cells(r) for r in rows]
    flags = [_grid_row(cells) for cells in cells_of]
    i = 0
    while i < len(rows):
        if not flags[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(rows) and (flags[j + 1] or (j + 2 < len(rows) and flags[j + 2] and (
                len(rows[j + 1]) <= 3 or len(cells_of[j + 1]) >= 2))):
            j += 1
        run, run_cells = rows[i:j + 1], cells_of[i:j + 1]
        enough = sum(flags[i:j + 1]) >= MIN_GRID_ROWS
        i = j + 1
        if not enough:
            continue
        # the columns of the rows of the run's most usual shape (a header's cells, centred over
        # two columns or spanning them, do not join them); the other rows' words in the nearest
        usual = Counter(len(cells) for cells in run_cells).most_common(1)[0][0]
        typical = [cells for cells in run_cells if len(cells) == usual]
        columns = _columns(typical if len(typical) >= MIN_GRID_ROWS else run_cells)
        cells = [c for row in run_cells for c in row]
        mean = sum(len(" ".join(w["text"] for w in c)) for c in cells) / len(cells)
        if len(columns) < 3 or mean > MEAN_CELL_CHARS:
            continue
        grid = []
        for r in run:
            row: list[list[dict]] = [[] for _ in columns]
            for w in r:
                x = (w["x0"] + w["x1"]) / 2
                row[min(range(len(columns)), key=lambda k: max(columns[k][0] - x, x - columns[k][1], 0.0))].append(w)
            grid.append(row)
        if sum(1 for r in grid for c in r if c) < MIN_GRID_FILL * len(grid) * len(columns):
            continue  # (a flow chart's boxes, side by side, fill few of the columns of a row)
        box = (min(w["x0"] for r in run for w in r), min(w["top"] for r in run for w in r),
               max(w["x1"] for r in run for w in r), max(w["bottom"] for r in run for w in r))
        out.append(TableRows(box, tuple(tuple(tuple(c) for c in r) for r in grid)))
        taken.update(id(w) for r in run for w in r)
    return out, taken


def is_text_grid(grid: list[list[list[dict]]]) -> bool:
    def text(cell: list[dict]) -> bool:  # a cell with a letter or digit (not a plot's markers)
        return any(ch.isalnum() for w in cell for ch in w["text"])

    full_rows = [r for r in grid if sum(1 for c in r if text(c)) >= 2]
    cells = [c for r in grid for c in r]
    return len(full_rows) >= 2 and sum(1 for c in cells if c) >= 0.5 * len(cells)


def _lines_of(cell: list[dict]) -> list[list[dict]]:
    """A cell's words in text lines, top to bottom: a word overlapping the line above by half its
    height or half the line's, whichever is less (a raised note letter read first, then the word it
    is set after: "BQD115" + raised "ab", which had been a line of its own before its word)."""
    lines: list[list[dict]] = []
    for w in sorted(cell, key=lambda w: (w["top"], w["x0"])):
        if lines:
            top, bottom = min(x["top"] for x in lines[-1]), max(x["bottom"] for x in lines[-1])
            if w["top"] < bottom - 0.5 * min(w["bottom"] - w["top"], bottom - top):
                lines[-1].append(w)
                continue
        lines.append([w])
    return lines


def split_stacked_rows(row: list[list[dict]]) -> list[list[list[dict]]]:
    """A row whose filled cells all stack the same number of lines at the same heights holds as
    many rows of a table body ruled only above and below; otherwise (a header or a cell of wrapped
    text beside one-line cells) it is one row."""
    stacked = [_lines_of(c) for c in row]
    counts = {len(ls) for ls in stacked if ls}
    if len([ls for ls in stacked if ls]) < 2 or len(counts) != 1 or counts.pop() < 2:
        return [row]
    filled = [ls for ls in stacked if ls]
    for j in range(len(filled[0])):
        tops = [min(w["top"] for w in ls[j]) for ls in filled]
        if max(tops) - min(tops) > 2.5:
            return [row]
    n = len(filled[0])
    return [[list(ls[j]) if ls else [] for ls in stacked] for j in range(n)]


def split_spaced_rows(row: list[list[dict]]) -> list[list[list[dict]]]:
    """A row ruled only between its columns holds the table's rows one under another, set apart
    by a wider gap than a cell's own lines (an agency's table of treatments, each a name, figures
    and wrapped instructions): cut it where every column is blank over a gap wider than the
    cells' usual line gap by a third of a line, and at least two cells start a line again at one
    height (a cell's second paragraph, alone on its height, cuts nothing). The usual gap is the
    least between two lines of a cell (a wrapped cell's leading: in a cell of one line a row, the
    gaps between its lines are the rows' own)."""
    stacked = [[(min(w["top"] for w in ln), max(w["bottom"] for w in ln)) for ln in _lines_of(c)] for c in row]
    spans = sorted((top, bottom, k) for k, ls in enumerate(stacked) for top, bottom in ls)
    inner = [b[0] - a[1] for ls in stacked for a, b in zip(ls, ls[1:])]
    if len({k for _, _, k in spans}) < 2 or len(spans) < 4 or not inner:
        return [row]
    usual = max(0.0, min(inner))
    height = sorted(b - t for t, b, _ in spans)[len(spans) // 2]
    cuts = []
    reach = spans[0][1]
    for i, (top, bottom, _) in enumerate(spans[1:], 1):
        if top - reach > usual + height / 3 and len({k for t, _, k in spans[i:] if t - top <= 2.5}) >= 2:
            cuts.append(top - 0.5)
        reach = max(reach, bottom)
    if not cuts:
        return [row]
    return [[[w for w in cell if lo <= w["top"] < hi] for cell in row]
            for lo, hi in zip([float("-inf"), *cuts], [*cuts, float("inf")])]


# a unit of length before its raised power: "m" + "2" is m², "km" + "2" km², "m" + "3" m³
UNIT_END = re.compile(r"(?:^|[^\w]|\d)(?:[kcmdµ]?m|ft|in|mi|yd)$")


def unit_power(prev: dict, w: dict) -> bool:
    """Is `w` the raised power of a unit `prev` ends with ("300 m" + "2"), its top level with the
    unit's (a power set higher, as a browser sets <sup>, reads as a token of its own in the
    reference reader too)? Read as one word ("m2", as in the running text), not as a note's marker."""
    return (w["text"] in ("2", "3") and w["bottom"] < prev["bottom"] and abs(w["top"] - prev["top"]) <= 0.25 * prev["size"]
            and bool(UNIT_END.search(prev["text"])))


def cell_text(words: list[dict]) -> str:
    """A cell's lines, each its words in order (pieces of one word read apart joined:
    `words.word_break`), joined with a space, or after a hyphen ending a line before one starting in
    lower case with `CELL_BREAK` (a word split, or a compound's hyphen: decided later, with the
    document's words, `joining.join_cell_breaks`)."""
    out = ""
    for line in _lines_of(words):
        text = ""
        prev = None
        for w in sorted(line, key=lambda w: w["x0"]):
            # pieces of one word abut on one baseline; a raised or lowered one (a note's marker,
            # an index) stays a token of its own
            if prev is not None:
                size = max(prev["size"], w["size"])
                if word_break(prev, w, size) or (abs(w["bottom"] - prev["bottom"]) > 0.12 * size
                                                 and not unit_power(prev, w)):
                    text += " "
            text += w["text"].translate(LIGATURES)
            prev = w
        if not out:
            out = text
        elif out.endswith("-") and out[-2:-1].isalpha() and text[:1].islower():
            out += CELL_BREAK + text
        else:
            out += " " + text
    return out


def table_lines(table: TableRows, page_no: int, height: float, width: float, settings: PdfSettings) -> list[Line]:
    """One `Line` (zone table) per row: its cells' text joined with " | "."""
    out = []
    for row in table.rows:
        words = [w for c in row for w in c]
        sizes: Counter = Counter()
        for w in words:
            sizes[round(w["size"], 1)] += len(w["text"])
        text = CELL_SEP.join(cell_text(list(c)) for c in row if c)
        out.append(Line(
            page=page_no, top=min(w["top"] for w in words), bottom=max(w["bottom"] for w in words),
            x0=table.bbox[0], x1=table.bbox[2], size=sizes.most_common(1)[0][0], chars=sum(sizes.values()),
            bold=False, italic=False, segs=[Seg(text)], page_height=height, page_width=width, zone="table",
        ))
    return out


def place_tables(lines: list[Line], tables: list[list[Line]]) -> list[Line]:
    """Put each table's rows into the page's reading order, in the column of the first line under
    the table that shares its width (the text after it), else of the last line above it: where
    the table's top stands in that column, after any table placed there that starts as high (side
    by side). A line narrower than the table's span and not under it (a heading at the margin
    over a centred table) is so read before the table when it stands above it, after it when
    below. A table no line shares its span with goes last."""
    out = list(lines)
    placed: dict[int, float] = {}  # id of a table row placed -> its table's top
    for rows in sorted(tables, key=lambda rs: rs[0].top):
        x0, x1, top, bottom = rows[0].x0, rows[0].x1, rows[0].top, rows[-1].bottom
        overlap = [i for i, l in enumerate(out) if l.zone != "table" and min(l.x1, x1) - max(l.x0, x0) > 0]
        above = [i for i in overlap if out[i].top < top]
        ref_at = next((i for i in overlap if out[i].top >= bottom - 1), above[-1] if above else None)
        if ref_at is None:
            out.extend(rows)
            placed.update((id(r), top) for r in rows)
            continue
        ref = out[ref_at]
        column = [i for i, l in enumerate(out) if l.zone != "table" and l.seg == ref.seg and l.col == ref.col]
        at = next((i for i in column if out[i].top >= top), column[-1] + 1)
        while at < len(out) and placed.get(id(out[at]), top + 1) <= top:
            at += 1
        for r in rows:
            r.seg, r.col, r.ncols = ref.seg, ref.col, ref.ncols
        out[at:at] = rows
        placed.update((id(r), top) for r in rows)
    return out
