"""PDF ingestion with pdfplumber: layout-aware, not tied to one typesetter.

A chain of small functions over plain data:
  page -> `Line`s (words grouped on a baseline, superscripts kept apart)   [one page in memory]
  lines -> running headers/footers and page numbers dropped
  lines -> footnote zone (smaller type at the page bottom, numbered) and body
  body lines -> headings and paragraphs (`Block`s), hyphenation undone where a word was split
  blocks -> paragraphs with sections and zones (shared with the markdown ingester)
"""
from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber

from .layout import Block, build_paragraphs, join_text
from .model import Layout, Marker, RawFootnote


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
    max_pages: int = 2000


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

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segs).strip()


# ---------------------------------------------------------------- page -> lines

LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})


def is_bold(font: str) -> bool:
    return bool(re.search(r"bold|black|heavy|semibold", font, re.I))


def is_italic(font: str) -> bool:
    return bool(re.search(r"italic|oblique", font, re.I))


def has_doubled_chars(chars: list[dict]) -> bool:
    """Fake-bold typesetting prints each glyph twice at almost the same place."""
    seen = set()
    doubled = 0
    for c in chars:
        key = (c["text"], round(c["x0"]), round(c["top"]))
        doubled += key in seen
        seen.add(key)
    return doubled > 0.01 * max(1, len(chars))


def words_of(page, settings: PdfSettings) -> list[dict]:
    if has_doubled_chars(page.chars):
        page = page.dedupe_chars(tolerance=1)  # costly: only where glyphs really are doubled
    words = page.extract_words(
        x_tolerance=settings.x_tolerance,
        y_tolerance=settings.y_tolerance,
        keep_blank_chars=False,
        use_text_flow=False,
        extra_attrs=["size", "fontname"],
    )
    return [w for w in words if w["text"].strip()]


def columns(words: list[dict], width: float) -> list[list[dict]]:
    """Split a page's words into columns at vertical gutters (empty x ranges that run the
    height of the text), left to right; one column when there is no gutter."""
    if len(words) < 40:
        return [words]
    bins = [0] * (int(width) + 2)
    for w in words:
        for x in range(max(0, int(w["x0"])), min(len(bins), int(w["x1"]) + 1)):
            bins[x] += 1
    xs = [int(w["x0"]) for w in words] + [int(w["x1"]) for w in words]
    left, right = min(xs), max(xs)
    limit = max(1, len(words) // 200)
    gutters: list[tuple[int, int]] = []
    start = None
    for x in range(left + int(0.15 * (right - left)), right - int(0.15 * (right - left))):
        if bins[x] <= limit:
            start = x if start is None else start
        else:
            if start is not None and x - start >= 8:
                gutters.append((start, x))
            start = None
    if not gutters:
        return [words]
    cuts = [(a + b) / 2 for a, b in gutters]
    cols: list[list[dict]] = [[] for _ in range(len(cuts) + 1)]
    for w in words:
        mid = (w["x0"] + w["x1"]) / 2
        cols[sum(1 for c in cuts if mid > c)].append(w)
    if min(len(c) for c in cols) < 0.1 * len(words):
        return [words]
    return cols


def group_lines(words: list[dict], page_no: int, height: float, width: float, settings: PdfSettings) -> list[Line]:
    """Words to lines: a word joins the line whose vertical extent it overlaps."""
    lines: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (round(w["bottom"], 1), w["x0"])):
        placed = False
        for line in reversed(lines[-3:]):
            top = min(x["top"] for x in line)
            bottom = max(x["bottom"] for x in line)
            overlap = min(bottom, w["bottom"]) - max(top, w["top"])
            if overlap > 0.3 * min(w["bottom"] - w["top"], bottom - top):
                line.append(w)
                placed = True
                break
        if not placed:
            lines.append([w])
    out = [make_line(sorted(ws, key=lambda w: w["x0"]), page_no, height, width, settings) for ws in lines]
    return sorted(out, key=lambda l: (l.top, l.x0))


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
        x1=words[-1]["x1"],
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


def text_direction(chars: list[dict]) -> tuple[str, str]:
    """(line_dir, char_dir) of a page, read from where consecutive glyphs stand."""
    glyphs = [c for c in chars if c["text"].strip()]
    if len(glyphs) < 2:
        return "ttb", "ltr"
    dxs = sorted(b["x0"] - a["x0"] for a, b in zip(glyphs, glyphs[1:]))
    dys = sorted(b["top"] - a["top"] for a, b in zip(glyphs, glyphs[1:]))
    dx, dy = dxs[len(dxs) // 2], dys[len(dys) // 2]
    first, last = glyphs[0], glyphs[-1]
    if abs(dx) >= abs(dy):
        return ("ttb" if last["top"] >= first["top"] else "btt"), ("ltr" if dx >= 0 else "rtl")
    return ("ltr" if last["x0"] >= first["x0"] else "rtl"), ("ttb" if dy >= 0 else "btt")


def oriented_lines(page, page_no: int, line_dir: str, char_dir: str) -> list[Line]:
    """Rotated or mirrored text: plain lines in reading order (no superscripts or footnotes)."""
    text = page.extract_text(
        line_dir=line_dir, char_dir=char_dir, line_dir_rotated=line_dir, char_dir_rotated=char_dir,
        line_dir_render="ttb", char_dir_render="ltr",
    )
    sizes = sorted(c["size"] for c in page.chars) or [10.0]
    size = round(sizes[len(sizes) // 2], 1)
    lines = []
    for i, row in enumerate(t for t in text.splitlines() if t.strip()):
        top = 72.0 + i * size * 1.2
        lines.append(Line(page_no, top, top + size, 72.0, 72.0 + len(row) * size / 2, size, len(row),
                          False, False, [Seg(row.strip())], float(page.height), float(page.width)))
    return lines


def page_links(page) -> tuple[tuple[str, float, float], ...]:
    try:
        return tuple((h["uri"], float(h["top"]), float(h["bottom"])) for h in page.hyperlinks if h.get("uri"))
    except Exception:  # broken annotation trees (cycles) must not lose the page's text
        return ()


def read_pages(pdf, settings: PdfSettings) -> Iterator[PageInfo]:
    """One page at a time; each page is closed after use so memory stays bounded by a page."""
    for i, page in enumerate(pdf.pages, start=1):
        if i > settings.max_pages:
            break
        try:
            line_dir, char_dir = text_direction(page.chars)
            if (line_dir, char_dir) != ("ttb", "ltr"):
                lines = oriented_lines(page, i, line_dir, char_dir)
            else:
                words = words_of(page, settings)
                lines = []
                for col in columns(words, float(page.width)):
                    lines.extend(group_lines(col, i, float(page.height), float(page.width), settings))
            yield PageInfo(i, tuple(lines), page_links(page), len(page.images), len(page.chars))
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


def drop_running(pages: list[PageInfo], settings: PdfSettings) -> list[list[Line]]:
    """Remove page numbers and running headers/footers (text repeated in the margins)."""
    def in_margin(line: Line) -> bool:
        return line.top < settings.margin * line.page_height or line.bottom > (1 - settings.margin) * line.page_height

    repeated: Counter = Counter()
    for p in pages:
        for key in {running_key(l) for l in p.lines if in_margin(l)}:
            repeated[key] += 1
    threshold = max(3, int(0.3 * len(pages)))
    out = []
    for p in pages:
        kept = [
            l for l in p.lines
            if not (in_margin(l) and (PAGE_NUMBER.match(l.text) or repeated[running_key(l)] >= threshold))
        ]
        out.append(kept)
    return out


FOOTNOTE_START = re.compile(r"^(\d{1,3})(?=\s|[A-Z“\"'‘(\[«]|$)")


def footnote_start(line: Line, last: int) -> int | None:
    """The number that opens a footnote on this line, if it opens one."""
    first = line.segs[0] if line.segs else None
    if first is None:
        return None
    if first.sup and first.text.isdigit():
        return int(first.text)
    m = FOOTNOTE_START.match(line.text)
    if m:
        n = int(m.group(1))
        if last < n <= last + 5:
            return n
    return None


def split_footnote_zone(lines: list[Line], size: float, settings: PdfSettings) -> tuple[list[Line], list[Line]]:
    """The footnote zone is the run of small-type lines at the bottom of the page."""
    cut = len(lines)
    body_lines = [l for l in lines if l.size > size * settings.footnote_ratio]
    lowest_body = max((l.bottom for l in body_lines), default=0.0)
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if line.size <= size * settings.footnote_ratio and line.top >= lowest_body - 1:
            cut = i
        else:
            break
    return lines[:cut], lines[cut:]


def strip_number(line: Line, n: int) -> list[Seg]:
    segs = list(line.segs)
    if segs and segs[0].sup:
        return segs[1:]
    text = line.text
    m = re.match(rf"^{n}\s*", text)
    return [Seg(text[m.end():])] if m else segs


def read_footnotes(pages_lines: list[list[Line]], pages: list[PageInfo], size: float, settings: PdfSettings):
    """Footnotes (joined across lines and pages) and the body lines of every page."""
    notes: dict[int, dict] = {}
    order: list[int] = []
    bodies: list[list[Line]] = []
    last = 0
    for lines, info in zip(pages_lines, pages):
        body, zone = split_footnote_zone(lines, size, settings)
        current = order[-1] if order else None
        if zone and footnote_start(zone[0], last) is None and current is None:
            body, zone = lines, []  # small type that opens no footnote: a caption, not a note
        line_owner: list[tuple[int, Line]] = []
        for line in zone:
            n = footnote_start(line, last)
            if n is not None and n not in notes:
                notes[n] = {"parts": [strip_number(line, n)], "page": info.number, "links": []}
                order.append(n)
                current, last = n, n
            elif current is not None:
                notes[current]["parts"].append(list(line.segs))
            if current is not None:
                line_owner.append((current, line))
        for uri, top, bottom in info.links:
            mid = (top + bottom) / 2
            for n, line in line_owner:
                if line.top - 1 <= mid <= line.bottom + 1:
                    if uri not in notes[n]["links"]:
                        notes[n]["links"].append(uri)
                    break
        bodies.append(body)
    footnotes = []
    for n in sorted(notes):
        text = ""
        for segs in notes[n]["parts"]:
            text = join_line(text, "".join(s.text for s in segs).strip())
        footnotes.append(RawFootnote(n, text, notes[n]["page"], tuple(notes[n]["links"])))
    return footnotes, bodies


# ---------------------------------------------------------------- joining lines

URL_TAIL = re.compile(r"(?:https?://|www\.)\S*$")
URL_CONTINUATION = re.compile(r"^[^\s]*[/%=&?#_.\-][^\s]*")


def join_line(left: str, right: str, vocabulary: Counter | None = None) -> str:
    """Join a line to running text: URLs split by a line end are re-joined; a hyphen at the
    line end is dropped only where the word really was split (the whole word is known)."""
    if not left:
        return right
    if not right:
        return left
    tail = URL_TAIL.search(left)
    if tail and not re.search(r"[.,;)]$", left) and URL_CONTINUATION.match(right) and not right[:1].isupper():
        return left + right
    if left.endswith("\u00ad"):
        return left[:-1] + right
    m = re.search(r"(\w+)-$", left)
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
    """Drop a line-end hyphen only where a word was split: the whole word is used elsewhere in
    the document, while the hyphenated form and the two halves as words are not."""
    h, t = head.casefold(), tail.casefold()
    if vocabulary[f"{h}-{t}"] > 0 or (vocabulary[h] > 0 and vocabulary[t] > 0):
        return False
    return vocabulary[h + t] > 0


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


@dataclass
class _Para:
    lines: list[Line]


def line_pitch(bodies: list[list[Line]], size: float) -> float:
    gaps = []
    for lines in bodies:
        for a, b in zip(lines, lines[1:]):
            if abs(a.size - size) < 0.5 and abs(b.size - size) < 0.5 and 0 < b.top - a.top < 3 * size:
                gaps.append(round(b.top - a.top, 1))
    return statistics.median(gaps) if gaps else size * 1.2


def paragraphs_of(bodies: list[list[Line]], size: float, settings: PdfSettings) -> list[tuple[str, list[Line], int]]:
    """Group body lines into ('heading'|'para', lines, level)."""
    levels = heading_levels(bodies, size, settings)
    pitch = line_pitch(bodies, size)
    groups: list[tuple[str, list[Line], int]] = []
    for lines in bodies:
        prev: Line | None = None
        for line in lines:
            level = levels.get(line.size, 0)
            kind = "heading" if level else "para"
            new = True
            if prev is not None and groups and groups[-1][0] == kind:
                gap = line.top - prev.top
                same_style = line.italic == prev.italic and (kind == "para" or line.size == prev.size)
                starts_item = bool(BULLET.match(line.text) or NUMBERED.match(line.text)) and line.x0 <= groups[-1][1][0].x0 + 1
                indented = line.x0 > prev.x0 + 8 and re.search(r"[.!?:”\"]$", prev.text) and line.x0 > groups[-1][1][0].x0 + 8
                if same_style and gap <= pitch * settings.paragraph_gap and not starts_item and not (indented and not groups[-1][1][0].x0 < line.x0 - 20):
                    new = False
            if new:
                groups.append((kind, [line], level))
            else:
                groups[-1][1].append(line)
            prev = line
    return groups


def group_to_block(kind: str, lines: list[Line], level: int, vocab: Counter, accept_marker, right_edge: float) -> Block:
    text = ""
    markers: list[Marker] = []
    for line in lines:
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
    italic = all(l.italic for l in lines)
    page = lines[0].page
    last = lines[-1]
    open_end = last.x1 >= right_edge - 0.06 * (right_edge - lines[0].x0)
    return Block(kind, text, page, level, tuple(markers), italic and kind == "para", list_item, open_end)


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
    return f"malformed PDF ({inner_name or name}: {str(inner)[:160]})"


def read_pdf(path: Path | str, settings: PdfSettings = PdfSettings()) -> Layout:
    path = Path(path)
    pdf = open_pdf(path)
    try:
        n_pages = len(pdf.pages)
        try:
            pages = list(read_pages(pdf, settings))
        except IngestError:
            raise
        except Exception as exc:
            raise IngestError(f"malformed PDF ({type(exc).__name__}: {str(exc)[:160]})") from exc
        meta_title = str(pdf.metadata.get("Title") or "") if pdf.metadata else ""
    finally:
        pdf.close()
    return layout_from_pages(pages, n_pages, meta_title, settings)


def layout_from_pages(pages: list[PageInfo], n_pages: int, meta_title: str, settings: PdfSettings) -> Layout:
    chars = sum(p.chars for p in pages)
    if chars == 0 or not any(p.lines for p in pages):
        if any(p.images for p in pages):
            raise IngestError(f"no text layer: scanned or image-only PDF ({n_pages} pages; OCR is not supported)")
        raise IngestError(f"no text found in {n_pages} page(s)")
    size = body_size(pages)
    kept = drop_running(pages, settings)
    footnotes, bodies = read_footnotes(kept, pages, size, settings)
    numbers = {f.n for f in footnotes}
    vocab = vocabulary_of(bodies)

    def accept_marker(n: int) -> bool:
        return n in numbers

    right_edges = {
        lines[0].page: max(l.x1 for l in lines) for lines in bodies if lines
    }
    blocks = [
        group_to_block(kind, lines, level, vocab, accept_marker, right_edges[lines[-1].page])
        for kind, lines, level in paragraphs_of(bodies, size, settings)
    ]
    title = next((b.text for b in blocks if b.kind == "heading"), "") or meta_title
    warnings = ()
    if n_pages > settings.max_pages:
        warnings = (f"only the first {settings.max_pages} of {n_pages} pages were read",)
    return Layout(title=title, pages=n_pages, paragraphs=build_paragraphs(blocks), footnotes=tuple(footnotes), warnings=warnings)
