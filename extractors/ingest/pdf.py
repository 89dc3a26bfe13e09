"""PDF ingestion with pdfplumber: layout-aware, not tied to one typesetter.

A chain of small functions over plain data:
  page -> words (rotated or mirrored text first turned upright)            [one page in memory]
  words -> rows across the page -> column gutters -> bands of full-width rows and of columns
        -> `Line`s in reading order (superscripts kept apart, each line knows its column)
  lines -> running headers/footers and page numbers dropped
  lines -> footnote zone (smaller type under the text of its column, numbered) and body
  body lines -> headings and paragraphs (`Block`s), hyphenation undone where a word was split,
        paragraphs re-joined across column and page breaks
  blocks -> paragraphs with sections and zones (shared with the markdown ingester)
"""
from __future__ import annotations

import bisect
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import pdfplumber
from pdfplumber.utils import extract_words

from extractors.ingest.layout import TERMINAL, Block, build_paragraphs, join_text
from extractors.model import Layout, Marker, RawFootnote


class IngestError(Exception):
    """A document that cannot be read; the message is one clear line for documents.csv."""


@dataclass(frozen=True)
class PdfSettings:
    x_tolerance: float = 1.5
    y_tolerance: float = 3.0
    superscript_ratio: float = 0.8  # a word this much smaller than its line and raised
    footnote_ratio: float = 0.92  # footnote type is at most this fraction of the body size
    heading_ratio: float = 1.12  # heading type is at least this multiple of the body size
    paragraph_gap: float = 1.45  # a gap this many line pitches apart starts a paragraph
    margin: float = 0.08  # top/bottom fraction of the page where running heads live
    running_pages: int = 3  # a margin line repeated at one place on this many pages is furniture
    gutter_rows: float = 0.25  # a gutter is a wide gap in at least this share of the page's rows
    max_pages: int = 2000
    max_seconds: float = 600.0  # a document still being read after this long fails (never hangs a run)


@dataclass(frozen=True)
class Seg:
    """A run of a line's text; superscripts are kept apart so markers can be read."""

    text: str
    sup: bool = False
    link: str = ""


@dataclass
class Line:
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    chars: int
    bold: bool
    italic: bool
    segs: list[Seg] = field(default_factory=list)
    page_height: float = 792.0
    page_width: float = 612.0
    seg: int = 0  # the column segment of the page it belongs to, in reading order
    col: int = 0  # its column in a band of columns (0 when the line runs across the page)
    ncols: int = 1  # how many columns its band has

    @cached_property
    def text(self) -> str:
        return "".join(s.text for s in self.segs).strip()


# ---------------------------------------------------------------- page -> words

LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})


@lru_cache(maxsize=256)
def is_bold(font: str) -> bool:
    return bool(re.search(r"bold|black|heavy|semibold", font, re.I))


@lru_cache(maxsize=256)
def is_italic(font: str) -> bool:
    return bool(re.search(r"italic|oblique", font, re.I))


def has_doubled_chars(words: list[dict]) -> bool:
    """Fake-bold typesetting prints each glyph twice at almost the same place, which reads as
    the same word twice at one place, or as words with every letter doubled ("SSppoonnddyyll")."""
    seen: set = set()
    doubled = 0
    for w in words:
        t = w["text"]
        key = (t, int(w["x0"] + 0.5), int(w["top"] + 0.5))
        if key in seen or (len(t) >= 4 and t[0::2] == t[1::2] and t.isalpha() and len(set(t)) > 1):
            doubled += 1
        seen.add(key)
    return doubled >= 3 or doubled > 0.01 * len(words)


def text_direction(chars: list[dict], sample: int = 400) -> tuple[str, str]:
    """(line_dir, char_dir) of a page, read from where consecutive glyphs stand (the median step
    over a few hundred pairs spread through the page)."""
    glyphs = [c for c in chars if c["text"] != " "]
    if len(glyphs) < 2:
        return "ttb", "ltr"
    step = max(1, (len(glyphs) - 1) // sample)
    pairs = [(glyphs[i], glyphs[i + 1]) for i in range(0, len(glyphs) - 1, step)]
    dxs = sorted(b["x0"] - a["x0"] for a, b in pairs)
    dys = sorted(b["top"] - a["top"] for a, b in pairs)
    dx, dy = dxs[len(dxs) // 2], dys[len(dys) // 2]
    first, last = glyphs[0], glyphs[-1]
    if abs(dx) >= abs(dy):
        return ("ttb" if last["top"] >= first["top"] else "btt"), ("ltr" if dx >= 0 else "rtl")
    return ("ltr" if last["x0"] >= first["x0"] else "rtl"), ("ttb" if dy >= 0 else "btt")


def _span(c: dict, direction: str, width: float, height: float) -> tuple[float, float]:
    if direction == "ltr":
        return c["x0"], c["x1"]
    if direction == "rtl":
        return width - c["x1"], width - c["x0"]
    if direction == "ttb":
        return c["top"], c["bottom"]
    return height - c["bottom"], height - c["top"]


def upright_chars(chars: list[dict], line_dir: str, char_dir: str, width: float, height: float
                  ) -> tuple[list[dict], float, float]:
    """Rotated or mirrored text moved into an upright frame (lines top to bottom, characters left
    to right), so that it goes through the same steps as any page; returns the new page size."""
    out = []
    for c in chars:
        x0, x1 = _span(c, char_dir, width, height)
        top, bottom = _span(c, line_dir, width, height)
        out.append({**c, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top,
                    "size": bottom - top, "upright": True})
    if char_dir in ("ltr", "rtl"):
        return out, width, height
    return out, height, width


@dataclass(frozen=True)
class PageWords:
    """A page's words (text, box, size, font) in an upright frame, and that frame's size."""

    words: list
    width: float
    height: float
    turned: bool = False  # the text was rotated or mirrored and has been turned upright


def page_words(page, settings: PdfSettings) -> PageWords:
    """Words of a page, upright, each glyph once, text running against the page left out."""
    if not page.chars:
        return PageWords([], float(page.width), float(page.height))
    found = upright_words(page, settings)
    if has_doubled_chars(found.words):
        found = upright_words(page.dedupe_chars(tolerance=1), settings)  # costly: only here
    # text turned against the page's own direction (margin stamps, rotated table heads) is left out
    words = [w for w in found.words if w["upright"] and w["text"].strip()]
    return PageWords(words, found.width, found.height, found.turned)


def upright_words(page, settings: PdfSettings) -> PageWords:
    options = dict(x_tolerance=settings.x_tolerance, y_tolerance=settings.y_tolerance,
                   keep_blank_chars=False, use_text_flow=False, extra_attrs=["size", "fontname"])
    chars = page.chars
    width, height = float(page.width), float(page.height)
    line_dir, char_dir = text_direction(chars)
    if (line_dir, char_dir) == ("ttb", "ltr"):
        return PageWords(page.extract_words(**options), width, height)
    chars, width, height = upright_chars(chars, line_dir, char_dir, width, height)
    chars.sort(key=lambda c: (round(c["top"]), c["x0"]))
    return PageWords(extract_words(chars, **options), width, height, turned=True)


# ---------------------------------------------------------------- words -> lines in reading order


def rows_of(words: list[dict]) -> list[list[dict]]:
    """Words standing on the same text line anywhere across the page, top to bottom; a word joins
    a row when it overlaps most of the height of the row's first word (a superscript joins its
    line, the next line of the same column does not)."""
    rows: list[tuple[float, float, list[dict]]] = []  # (top, bottom) of the first word, words
    for w in sorted(words, key=lambda w: (w["bottom"], w["x0"])):
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
    return sorted(out, key=lambda ws: min(w["top"] for w in ws))


def wide_gap(gap: float, size: float) -> bool:
    """Wider than any word space, even a stretched one: a gutter between columns."""
    return gap >= max(6.0, 0.7 * size)


def gutters(rows: list[list[dict]], settings: PdfSettings) -> list[float]:
    """x positions of column gutters: where many rows have a wide gap between two of their words.
    Rows running across a gutter (a title, footnotes set across the page) do not hide it."""
    multi = [r for r in rows if len(r) > 1]
    if len(multi) < 8:
        return []
    left = min(r[0]["x0"] for r in rows)
    right = max(max(w["x1"] for w in r) for r in rows)
    lo, hi = int(left + 0.15 * (right - left)), int(right - 0.15 * (right - left))
    cover = [0] * (int(right) + 2)
    for r in multi:
        reach = r[0]["x1"]
        for w in r[1:]:
            if wide_gap(w["x0"] - reach, w["size"]):
                for x in range(max(int(reach) + 1, lo), min(int(w["x0"]), hi) + 1):
                    cover[x] += 1
            reach = max(reach, w["x1"])
    need = max(6, settings.gutter_rows * len(multi))
    peaks: list[tuple[int, float]] = []
    x = lo
    while x <= hi:
        if cover[x] >= need:
            start = x
            while x <= hi and cover[x] >= need:
                x += 1
            peak = max(cover[start:x])
            best = [i for i in range(start, x) if cover[i] == peak]
            peaks.append((peak, (best[0] + best[-1] + 1) / 2))
        x += 1
    top = max((p for p, _c in peaks), default=0)
    cuts = []
    for peak, c in peaks:
        ink = sum(1 for r in rows for w in r if w["x0"] < c < w["x1"])
        # a gutter runs the height of the columns: not a lesser gap under the ragged ends of lines
        if peak >= 0.5 * top and ink < peak:
            cuts.append(c)
    return cuts


def crosses(row: list[dict], cuts: list[float]) -> bool:
    """Does a row run across a gutter: a word over it, or words on both sides closer than a gutter?"""
    for c in cuts:
        reach, after, size = None, None, 0.0
        for w in row:
            if w["x0"] < c < w["x1"]:
                return True
            if w["x1"] <= c:
                reach = w["x1"] if reach is None else max(reach, w["x1"])
            elif after is None:
                after, size = w["x0"], w["size"]
        if reach is not None and after is not None and not wide_gap(after - reach, size):
            return True
    return False


def bands(rows: list[list[dict]], cuts: list[float], rules: tuple[float, ...] = ()
          ) -> list[tuple[int, int, list[list[dict]]]]:
    """Reading order of a page with gutters: runs of rows that cross a gutter are read across the
    page, runs that do not are read column by column; a rule drawn across the page (under a
    masthead) also ends a run. Returns segments (columns, column, rows)."""
    if not cuts:
        return [(1, 0, rows)]
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

    for r in rows:
        spans = crosses(r, cuts)
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


def page_rules(page) -> tuple[float, ...]:
    """Heights of the rules drawn across most of the page (a masthead's underline)."""
    width = float(page.width)
    found = [l["top"] for l in page.lines if abs(l["top"] - l["bottom"]) < 1 and l["x1"] - l["x0"] > 0.5 * width]
    found += [r["top"] for r in page.rects if r["bottom"] - r["top"] < 2 and r["x1"] - r["x0"] > 0.5 * width]
    return tuple(sorted(found))


def page_lines(words: list[dict], page_no: int, height: float, width: float, settings: PdfSettings,
               rules: tuple[float, ...] = ()) -> list[Line]:
    rows = rows_of(words)
    cuts = gutters(rows, settings)
    if cuts:
        sides = Counter(sum(1 for c in cuts if (w["x0"] + w["x1"]) / 2 > c) for w in words)
        if len(sides) < len(cuts) + 1 or min(sides.values()) < 0.1 * len(words):
            cuts = []  # a "column" with hardly any words is a stray gap, not a column
    lines = []
    for seg_no, (ncols, col, segment) in enumerate(bands(rows, cuts, rules)):
        if cuts:  # rows across the page may have mixed lines of two columns: group again, alone
            segment = rows_of([w for r in segment for w in r])
        for ws in segment:
            line = make_line(ws, page_no, height, width, settings)
            line.seg, line.col, line.ncols = seg_no, col, ncols
            lines.append(line)
    return lines


def make_line(words: list[dict], page_no: int, height: float, width: float, settings: PdfSettings) -> Line:
    sizes: Counter = Counter()
    for w in words:
        sizes[round(w["size"], 1)] += len(w["text"])
    main = sizes.most_common(1)[0][0]
    main_words = [w for w in words if round(w["size"], 1) >= main * settings.superscript_ratio]
    baseline = max(w["bottom"] for w in main_words)
    segs: list[Seg] = []
    prev = None
    for w in words:
        sup = w["size"] < main * settings.superscript_ratio and w["bottom"] < baseline - 0.12 * main
        gap = (w["x0"] - prev["x1"]) if prev else 0.0
        space = prev is not None and gap > 0.15 * min(w["size"], prev["size"]) and not sup
        if prev is not None and sup and gap > 0.25 * main:
            space = False  # a marker after a space is still a marker
        text = w["text"].translate(LIGATURES)
        if space:
            segs.append(Seg(" "))
        segs.append(Seg(text, sup))
        prev = w
    return Line(
        page=page_no,
        top=min(w["top"] for w in words),
        bottom=max(w["bottom"] for w in words),
        x0=words[0]["x0"],
        x1=max(w["x1"] for w in words),
        size=main,
        chars=sum(sizes.values()),
        bold=all(is_bold(w["fontname"]) for w in main_words),
        italic=all(is_italic(w["fontname"]) for w in main_words),
        segs=segs,
        page_height=height,
        page_width=width,
    )


@dataclass(frozen=True)
class PageInfo:
    number: int
    lines: tuple
    links: tuple[tuple[str, float, float], ...]  # uri, top, bottom
    images: int
    chars: int


def page_links(page) -> tuple[tuple[str, float, float], ...]:
    try:
        return tuple((h["uri"], float(h["top"]), float(h["bottom"])) for h in page.hyperlinks if h.get("uri"))
    except Exception:  # broken annotation trees (cycles) must not lose the page's text
        return ()


def read_pages(pdf, settings: PdfSettings) -> Iterator[PageInfo]:
    """One page at a time; each page is closed after use so memory stays bounded by a page."""
    import time

    started = time.monotonic()
    for i, page in enumerate(pdf.pages, start=1):
        if i > settings.max_pages:
            break
        if time.monotonic() - started > settings.max_seconds:
            page.close()
            raise IngestError(f"gave up after {settings.max_seconds:.0f} s at page {i} (too slow to read)")
        try:
            found = page_words(page, settings)
            lines: list[Line] = []
            links: tuple = ()
            if found.words:
                rules = () if found.turned else page_rules(page)
                lines = page_lines(found.words, i, found.height, found.width, settings, rules)
                links = page_links(page)
            yield PageInfo(i, tuple(lines), links, len(page.images), len(page.chars))
        finally:
            page.close()


# ---------------------------------------------------------------- lines -> zones

PAGE_NUMBER = re.compile(r"^(page\s*)?[\divxlc]{1,6}(\s*(/|of)\s*\d+)?$|^[-–—]\s*\d+\s*[-–—]$", re.I)


def body_size(pages: list[PageInfo]) -> float:
    sizes: Counter = Counter()
    for p in pages:
        for line in p.lines:
            sizes[line.size] += line.chars
    return sizes.most_common(1)[0][0] if sizes else 10.0


def running_key(line: Line) -> str:
    return re.sub(r"\d+", "#", line.text.casefold())


def in_margin(line: Line, settings: PdfSettings) -> bool:
    return line.top < settings.margin * line.page_height or line.bottom > (1 - settings.margin) * line.page_height


def drop_running(pages: list[PageInfo], settings: PdfSettings) -> list[list[Line]]:
    """Remove page numbers and running headers/footers: margin lines that repeat (digits aside)
    at the same height on several pages, alternating recto/verso heads included."""
    tops: dict[str, list[float]] = defaultdict(list)
    for p in pages:
        seen = set()
        for line in p.lines:
            key = running_key(line)
            if in_margin(line, settings) and (key, round(line.top)) not in seen:
                seen.add((key, round(line.top)))
                tops[key].append(line.top)
    for values in tops.values():
        values.sort()
    need = min(settings.running_pages, max(2, len(pages)))

    def repeated(line: Line) -> bool:
        values = tops[running_key(line)]
        return bisect.bisect_right(values, line.top + 2) - bisect.bisect_left(values, line.top - 2) >= need

    out = []
    for p in pages:
        kept = [
            line for line in p.lines
            if not (in_margin(line, settings) and (PAGE_NUMBER.match(line.text) or repeated(line)))
        ]
        out.append(kept)
    return out


FOOTNOTE_NUMBER = re.compile(r"^(\d{1,3})(\.?)(\s*)(.?)")


def footnote_start(line: Line, last: int, plain: bool = True, after_end: bool = True) -> int | None:
    """The number that opens a footnote on this line, if it opens one: a superscript number; or,
    where the document numbers its notes in running text, the next number glued to the text
    ("5Olivier"), or followed by a space or a period once the previous note has ended."""
    first = line.segs[0] if line.segs else None
    if first is None:
        return None
    if first.sup and first.text.strip().isdigit():
        return int(first.text)
    if not plain:
        return None
    m = FOOTNOTE_NUMBER.match(line.text)
    if not m:
        return None
    n, dot, space, nxt = int(m.group(1)), m.group(2), m.group(3), m.group(4)
    if not last < n <= last + 5:
        return None
    if not dot and not space:  # glued to the note text
        if nxt[:1].isupper() or nxt in "“\"'‘([«" or (nxt[:1].islower() and n == last + 1):
            return n
        return None
    return n if after_end and (nxt == "" or not nxt.islower()) else None


def footnote_zone(lines: list[Line], size: float, settings: PdfSettings) -> set[int]:
    """Indexes of the footnote lines of a page: in each column segment, the run of small-type lines
    at its bottom with no body-size text under them in the same column."""
    small = [l.size <= size * settings.footnote_ratio for l in lines]
    body = [l for l, s in zip(lines, small) if not s]
    zone: set[int] = set()
    by_seg: dict[int, list[int]] = defaultdict(list)
    for i, line in enumerate(lines):
        by_seg[line.seg].append(i)
    for idxs in by_seg.values():
        run = []
        for i in reversed(idxs):
            if not small[i]:
                break
            run.append(i)
        if not run:
            continue
        x0 = min(lines[i].x0 for i in run)
        x1 = max(lines[i].x1 for i in run)
        below = [b.bottom for b in body if b.x0 < x1 and b.x1 > x0]
        floor = max(below, default=0.0)
        zone.update(i for i in run if lines[i].top >= floor - 1)
    return zone


def strip_number(line: Line, n: int) -> list[Seg]:
    segs = list(line.segs)
    if segs and segs[0].sup:
        return segs[1:]
    text = line.text
    m = re.match(rf"^{n}\.?\s*", text)
    return [Seg(text[m.end():])] if m else segs


def ends_note(line: Line, zone_right: float, zone_left: float) -> bool:
    """Does this footnote line end its note (end punctuation, or a line well short of the edge)?"""
    return bool(TERMINAL.search(line.text)) or line.x1 < zone_right - 0.15 * (zone_right - zone_left)


def read_footnotes(pages_lines: list[list[Line]], pages: list[PageInfo], size: float, settings: PdfSettings,
                   vocab: Counter | None = None):
    """Footnotes (joined across lines and pages) and the body lines of every page."""
    zones: list[list[Line]] = []
    bodies: list[list[Line]] = []
    for lines in pages_lines:
        idx = footnote_zone(lines, size, settings)
        zones.append([l for i, l in enumerate(lines) if i in idx])
        bodies.append([l for i, l in enumerate(lines) if i not in idx])
    # notes numbered with superscripts: a plain number opening a note line is just text
    sup_starts = sum(1 for zone in zones for l in zone if l.segs and l.segs[0].sup and l.segs[0].text.strip().isdigit())
    plain = sup_starts < 2

    notes: dict[int, dict] = {}
    order: list[int] = []
    last = 0
    prev_ended = True
    for p_idx, (zone, info) in enumerate(zip(zones, pages)):
        current = order[-1] if order else None
        if zone and current is None and footnote_start(zone[0], last, plain, True) is None:
            bodies[p_idx] = pages_lines[p_idx]  # small type that opens no footnote: a caption
            continue
        left = min((l.x0 for l in zone), default=0.0)
        right = max((l.x1 for l in zone), default=0.0)
        line_owner: list[tuple[int, Line]] = []
        for line in zone:
            n = footnote_start(line, last, plain, prev_ended)
            if n is not None and n not in notes:
                notes[n] = {"parts": [strip_number(line, n)], "page": info.number, "links": []}
                order.append(n)
                current, last = n, n
            elif current is not None:
                notes[current]["parts"].append(list(line.segs))
            if current is not None:
                line_owner.append((current, line))
            prev_ended = ends_note(line, right, left)
        for uri, top, bottom in info.links:
            mid = (top + bottom) / 2
            for n, line in line_owner:
                if line.top - 1 <= mid <= line.bottom + 1:
                    if uri not in notes[n]["links"]:
                        notes[n]["links"].append(uri)
                    break
    footnotes = []
    for n in sorted(notes):
        text = ""
        for segs in notes[n]["parts"]:
            text = join_line(text, "".join(s.text for s in segs).strip(), vocab)
        footnotes.append(RawFootnote(n, text, notes[n]["page"], tuple(notes[n]["links"])))
    return footnotes, bodies


# ---------------------------------------------------------------- joining lines

URL_TAIL = re.compile(r"(?:https?://|www\.)\S*$")
URL_CONTINUATION = re.compile(r"^[^\s]*[/%=&?#_.\-][^\s]*")
# first halves of compounds that a line end can split at their own hyphen ("self-" / "defense")
COMPOUND_HEADS = frozenset(
    "anti self non pro post pre co ex multi inter intra well long short cross semi counter neo pseudo "
    "quasi ultra mid half all sub super socio geo ethno trans pan extra re de un "
    "one two three four five six seven eight nine ten eleven twelve twenty thirty hundred".split()
)


def join_line(left: str, right: str, vocabulary: Counter | None = None) -> str:
    """Join a line to running text: URLs split by a line end are re-joined; a hyphen at the
    line end is dropped only where a word really was split."""
    if not left:
        return right
    if not right:
        return left
    end = left[-400:]  # only the end matters; searching all of a long paragraph is quadratic
    tail = URL_TAIL.search(end)
    if tail and left[-1] not in ".,;)" and URL_CONTINUATION.match(right) and not right[:1].isupper():
        return left + right
    if left.endswith("\u00ad"):
        return left[:-1] + right
    m = re.search(r"(\w+)-$", end)
    if m:
        head = m.group(1)
        tail_word = re.match(r"[\w’']+", right)
        if vocabulary is not None and tail_word and right[:1].islower():
            tail = tail_word.group(0)
            if should_dehyphenate(head, tail, vocabulary):
                return left[:-1] + right
        return left + right  # a compound's hyphen ("anti-colonial", "2002-2012", "al-Din")
    return join_text(left, right)[0]


def should_dehyphenate(head: str, tail: str, vocabulary: Counter) -> bool:
    """Drop a line-end hyphen where a word was split. The document decides first: the hyphenated
    form used elsewhere keeps the hyphen, and so does a compound prefix before a word of the
    document ("counter-" / "terrorism"); the whole word used elsewhere drops it ("govern-" /
    "ment"); two halves that are words of their own keep it. Otherwise a compound prefix keeps it
    ("self-" / "defense") and any other head is a split word ("fragmen-" / "tation")."""
    h, t = head.casefold(), tail.casefold()
    if vocabulary[f"{h}-{t}"] > 0:
        return False
    halves = known(h, vocabulary) and known(t, vocabulary)
    if halves and h in COMPOUND_HEADS:
        return False
    if vocabulary[h + t] > 0:
        return True
    if halves:
        return False
    return h not in COMPOUND_HEADS and not head[:1].isdigit()


def known(word: str, vocabulary: Counter) -> bool:
    """A word of the document, in this form or with/without a plural -s."""
    return vocabulary[word] > 0 or vocabulary[word + "s"] > 0 or (word.endswith("s") and vocabulary[word[:-1]] > 0)


def vocabulary_of(pages_lines: list[list[Line]]) -> Counter:
    vocab: Counter = Counter()
    for lines in pages_lines:
        for line in lines:
            vocab.update(w.casefold() for w in re.findall(r"[\w’'-]+", line.text))
    return vocab


# ---------------------------------------------------------------- body -> blocks

BULLET = re.compile(r"^([•●▪◦‣·]|[-–]\s)\s*")
NUMBERED = re.compile(r"^\d{1,2}[.)]\s")


def heading_levels(bodies: list[list[Line]], size: float, settings: PdfSettings) -> dict[float, int]:
    sizes = sorted({l.size for lines in bodies for l in lines if l.size >= size * settings.heading_ratio}, reverse=True)
    return {s: i + 1 for i, s in enumerate(sizes)}


def line_pitch(bodies: list[list[Line]], size: float) -> float:
    gaps = []
    for lines in bodies:
        for a, b in zip(lines, lines[1:]):
            if abs(a.size - size) < 0.5 and abs(b.size - size) < 0.5 and 0 < b.top - a.top < 3 * size:
                gaps.append(round(b.top - a.top, 1))
    return statistics.median(gaps) if gaps else size * 1.2


Edges = dict[tuple[int, int, int], tuple[float, float]]


def column_edges(bodies: list[list[Line]], size: float) -> Edges:
    """(page, columns, column) -> (left, right) of the running text in that column."""
    edges: dict[tuple[int, int, int], list[float]] = {}
    for lines in bodies:
        for line in lines:
            key = (line.page, line.ncols, line.col)
            lo, hi = edges.get(key, [line.x0, line.x1])
            if abs(line.size - size) < 0.5 or key not in edges:
                edges[key] = [min(lo, line.x0), max(hi, line.x1)]
    return {k: (v[0], v[1]) for k, v in edges.items()}


def edge_of(line: Line, edges: Edges) -> tuple[float, float]:
    return edges.get((line.page, line.ncols, line.col), (line.x0, line.x1))


def open_end(line: Line, edges: Edges) -> bool:
    """Does the line run to the right edge of its column (the text goes on)?"""
    left, right = edge_of(line, edges)
    return line.x1 >= right - 0.06 * (right - left)


def indented(line: Line, edges: Edges) -> bool:
    left, _right = edge_of(line, edges)
    return 6 < line.x0 - left < 40


def uses_first_line_indents(bodies: list[list[Line]], edges: Edges, size: float) -> bool:
    """Are paragraphs marked by an indented first line (rather than by space between them)?"""
    indents = 0
    for lines in bodies:
        for a, b, c in zip(lines, lines[1:], lines[2:]):
            if a.seg == b.seg == c.seg and abs(b.size - size) < 0.5 and abs(c.size - size) < 0.5:
                if indented(b, edges) and not indented(c, edges) and TERMINAL.search(a.text):
                    indents += 1
    return indents >= 3


@dataclass
class Group:
    kind: str  # heading | para
    lines: list[Line]
    level: int
    after_break: bool  # its first line opens a page or a column


def paragraphs_of(bodies: list[list[Line]], size: float, settings: PdfSettings, edges: Edges) -> list[Group]:
    """Group body lines into headings and paragraphs, then re-join paragraphs split by a column or
    page break."""
    levels = heading_levels(bodies, size, settings)
    pitch = line_pitch(bodies, size)
    indent_style = uses_first_line_indents(bodies, edges, size)
    groups: list[Group] = []
    for lines in bodies:
        prev: Line | None = None
        for line in lines:
            level = levels.get(line.size, 0)
            kind = "heading" if level else "para"
            broken = prev is None or (line.seg != prev.seg and line.top < prev.top)
            new = True
            if not broken and groups and groups[-1].kind == kind:
                first = groups[-1].lines[0]
                gap = line.top - prev.top
                same_style = line.italic == prev.italic and (kind == "para" or line.size == prev.size)
                limit = pitch * settings.paragraph_gap if kind == "para" else max(pitch * settings.paragraph_gap, 1.5 * line.size)
                starts_item = bool(BULLET.match(line.text) or NUMBERED.match(line.text)) and line.x0 <= first.x0 + 1
                indent = line.x0 > prev.x0 + 8 and re.search(r"[.!?:”\"]$", prev.text) and line.x0 > first.x0 + 8
                new_by_indent = (indent and not first.x0 < line.x0 - 20) or (
                    indent_style and indented(line, edges)
                    and (TERMINAL.search(prev.text) or not open_end(prev, edges))
                )
                if same_style and gap <= limit and not starts_item and not new_by_indent:
                    new = False
            if new:
                groups.append(Group(kind, [line], level, broken))
            else:
                groups[-1].lines.append(line)
            prev = line
    return join_breaks(groups, edges, indent_style)


def join_breaks(groups: list[Group], edges: Edges, indent_style: bool) -> list[Group]:
    """A paragraph goes on after a column or page break when the next column starts without a
    new-paragraph mark: not indented where paragraphs are indented, else after a last line that
    runs to the margin without end punctuation."""
    out: list[Group] = []
    for g in groups:
        prev = out[-1] if out else None
        if g.after_break and prev is not None and prev.kind == g.kind == "para":
            a, b = prev.lines[-1], g.lines[0]
            if a.italic == b.italic and not BULLET.match(b.text) and not NUMBERED.match(b.text):
                if indent_style:
                    goes_on = not indented(b, edges)
                else:
                    goes_on = open_end(a, edges) and not TERMINAL.search(a.text)
                if goes_on:
                    prev.lines.extend(g.lines)
                    continue
        out.append(g)
    return out


def group_to_block(g: Group, vocab: Counter, accept_marker, edges: Edges) -> Block:
    text = ""
    markers: list[Marker] = []
    for line in g.lines:
        piece = ""
        line_markers: list[tuple[int, int]] = []
        for seg in line.segs:
            numbers = [int(x) for x in re.findall(r"\d+", seg.text)] if seg.sup and re.fullmatch(r"[\d,\s–-]+", seg.text) else []
            if numbers and all(accept_marker(n) for n in numbers):
                for n in numbers:
                    line_markers.append((len(piece.rstrip()) if piece.endswith(" ") else len(piece), n))
            else:
                piece += seg.text
        piece_stripped = piece.strip()
        lead = len(piece) - len(piece.lstrip())
        joined = join_line(text, piece_stripped, vocab)
        shift = len(joined) - len(piece_stripped)
        for off, n in line_markers:
            markers.append(Marker(max(0, min(len(joined), shift + off - lead)), n))
        text = joined
    list_item = bool(BULLET.match(text) or NUMBERED.match(text))
    bullet = BULLET.match(text)
    if bullet:
        cut = bullet.end()
        text = text[cut:]
        markers = [Marker(max(0, m.offset - cut), m.n) for m in markers]
    italic = all(l.italic for l in g.lines)
    return Block(g.kind, text, g.lines[0].page, g.level, tuple(markers), italic and g.kind == "para", list_item,
                 open_end(g.lines[-1], edges))


# ---------------------------------------------------------------- whole document


def open_pdf(path: Path):
    if not path.exists():
        raise IngestError("file not found")
    if path.stat().st_size == 0:
        raise IngestError("empty file (0 bytes)")
    with path.open("rb") as fh:
        head = fh.read(1024)
    if b"%PDF-" not in head:
        raise IngestError("not a PDF (no %PDF- header)")
    try:
        pdf = pdfplumber.open(path)
        _ = pdf.pages  # forces the cross-reference and encryption checks
    except Exception as exc:  # pdfminer raises many kinds; each becomes one clear line
        raise IngestError(describe_open_error(exc)) from exc
    return pdf


def describe_open_error(exc: Exception) -> str:
    name = type(exc).__name__
    inner = exc.args[0] if exc.args else exc
    inner_name = type(inner).__name__ if isinstance(inner, Exception) else ""
    text = f"{name} {inner_name} {exc}".lower()
    if "password" in text or "encrypt" in text:
        return "encrypted PDF: a password is needed to read it"
    detail = " ".join(str(inner).split())[:160]
    return f"malformed PDF ({inner_name or name}: {detail})"


def read_pdf(path: Path | str, settings: PdfSettings = PdfSettings()) -> Layout:
    path = Path(path)
    pdf = open_pdf(path)
    try:
        try:
            n_pages = len(pdf.pages)
            pages = list(read_pages(pdf, settings))
            meta_title = str(pdf.metadata.get("Title") or "") if pdf.metadata else ""
        except IngestError:
            raise
        except RecursionError as exc:
            raise IngestError("malformed PDF (objects nested too deep to read)") from exc
        except Exception as exc:
            detail = " ".join(str(exc).split())[:160]
            raise IngestError(f"malformed PDF ({type(exc).__name__}: {detail})") from exc
    finally:
        pdf.close()
    try:
        return layout_from_pages(pages, n_pages, meta_title, settings)
    except IngestError:
        raise
    except Exception as exc:  # a layout this reader cannot follow: one document fails, not the run
        detail = " ".join(str(exc).split())[:160]
        raise IngestError(f"unreadable page layout ({type(exc).__name__}: {detail})") from exc


def layout_from_pages(pages: list[PageInfo], n_pages: int, meta_title: str, settings: PdfSettings) -> Layout:
    chars = sum(p.chars for p in pages)
    if chars == 0 or not any(p.lines for p in pages):
        if any(p.images for p in pages):
            raise IngestError(f"no text layer: scanned or image-only PDF ({n_pages} pages; OCR is not supported)")
        raise IngestError(f"no text found in {n_pages} page(s)")
    size = body_size(pages)
    kept = drop_running(pages, settings)
    vocab = vocabulary_of(kept)  # the words of the whole document decide where a hyphen goes
    footnotes, bodies = read_footnotes(kept, pages, size, settings, vocab)
    numbers = {f.n for f in footnotes}
    edges = column_edges(bodies, size)

    def accept_marker(n: int) -> bool:
        return n in numbers

    blocks = [group_to_block(g, vocab, accept_marker, edges) for g in paragraphs_of(bodies, size, settings, edges)]
    title = next((b.text for b in blocks if b.kind == "heading"), "") or meta_title
    warnings = ()
    if n_pages > settings.max_pages:
        warnings = (f"only the first {settings.max_pages} of {n_pages} pages were read",)
    return Layout(title=title, pages=n_pages, paragraphs=build_paragraphs(blocks), footnotes=tuple(footnotes), warnings=warnings)
