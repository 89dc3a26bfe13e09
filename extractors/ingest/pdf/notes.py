"""Notes that are not at the foot of their page: endnotes (a numbered list at the end of the
document or of a part, whose markers are superscripts in the text), as a browser prints HTML
notes or a word processor sets endnotes."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from extractors.model import RawFootnote

from extractors.ingest.pdf.joining import join_line
from extractors.ingest.pdf.types import Line, PdfSettings, Seg
from extractors.ingest.pdf.zones import DATE_START

ENTRY_NUMBER = re.compile(r"^(\d{1,3})(?:[.)]\s*|\s+)(?=[^\s\d.,;:)\-–—])")
# a back-reference link printed after an endnote (pandoc's "↩", Wikipedia's "^")
BACKLINK = re.compile(r"\s*[↩⤴↑][\ufe0e\ufe0f]?\s*$|^\s*\^\s*")
MIN_ENTRIES = 3


def entry_number(line: Line) -> int | None:
    """The number opening a note entry: a superscript number, or "12." / "12)" / "12 " before text."""
    if not line.segs:
        return None
    first = line.segs[0]
    if first.sup and first.text.strip().isdigit():
        return int(first.text)
    m = ENTRY_NUMBER.match(line.text)
    if not m or DATE_START.match(line.text):
        return None
    return int(m.group(1))


def marker_numbers(line: Line) -> list[int]:
    """Superscript numbers inside a line of text (not the one opening it)."""
    out = []
    for k, seg in enumerate(line.segs):
        if k:
            out += seg.note_numbers()
    return out


def first_marked(lines: list[Line]) -> dict[int, int]:
    """Note number -> index in ``lines`` of the first line whose text carries its marker."""
    out: dict[int, int] = {}
    for idx, line in enumerate(lines):
        for n in marker_numbers(line):
            out.setdefault(n, idx)
    return out


def strip_entry_number(line: Line, n: int) -> str:
    if line.segs and line.segs[0].sup:
        return "".join(s.text for s in line.segs[1:]).strip()
    return re.sub(rf"^{n}(?:[.)]\s*|\s+)", "", line.text)


BRACKETED = re.compile(r"(?:\[\d{1,3}\])+")


def wrapped_markers(pages_lines: list[list[Line]]) -> list[list[Line]]:
    """A marker in brackets that a browser carried over to the next line on its own ("... local
    authorities." / "[62]": a line may break before an opening bracket, not before a bare
    figure) goes back to the end of the line it marks, as a superscript: a line holding nothing
    but such markers, in smaller type, right under a line of its column."""
    out = []
    for lines in pages_lines:
        kept: list[Line] = []
        for line in lines:
            prev = kept[-1] if kept else None
            if (prev is not None and BRACKETED.fullmatch(line.text) and line.size < 0.9 * prev.size
                    and (line.seg, line.col) == (prev.seg, prev.col) and 0 <= line.top - prev.bottom <= prev.size
                    and not prev.segs[-1].sup):
                kept[-1] = replace(prev, segs=[*prev.segs, Seg(line.text, True)])
                continue
            kept.append(line)
        out.append(kept)
    return out


def footnotes_at_the_end(footnotes: list[RawFootnote], bodies: list[list[Line]]) -> set[int]:
    """The numbers of notes read at the foot of pages that are endnotes all the same: notes set
    in columns on the last pages (a browser's print of endnotes in two columns is read as the
    foot of those pages). They are so when the pages holding notes follow one another, one of
    them holds nothing but notes, and most notes' markers stand more than a page before their
    note. Their markers are then accepted on any page, as endnotes' are. (Footnotes at the foot
    of every page have their markers on the same page; a script of formulas whose exponents
    carry the notes' numbers everywhere has no page of notes alone.)"""
    if len(footnotes) < MIN_ENTRIES:
        return set()
    pages = sorted({f.page for f in footnotes})
    if pages != list(range(pages[0], pages[-1] + 1)):
        return set()
    body_pages = {line.page for lines in bodies for line in lines}
    if all(p in body_pages for p in pages):
        return set()
    flat = [line for lines in bodies for line in lines]
    marked = {n: flat[idx].page for n, idx in first_marked(flat).items()}  # page of a note's first marker
    early = sum(1 for f in footnotes if marked.get(f.n, f.page) < f.page - 1)
    return {f.n for f in footnotes} if early >= 0.8 * len(footnotes) else set()


def read_endnotes(bodies: list[list[Line]], size: float, settings: PdfSettings, vocab: Counter | None,
                  taken: set[int], links_by_page: dict[int, tuple] | None = None
                  ) -> tuple[list[RawFootnote], list[list[Line]]]:
    """Endnotes: a run of entries numbered 1, 2, 3 ... that goes on to the end of the document or
    to the next heading, after body text whose superscript markers carry those numbers. Each
    such run (a document may end every part with its notes) is read into notes and taken out of
    the body lines. Numbers already read as footnotes (`taken`) are left alone."""
    flat = [(p, line) for p, lines in enumerate(bodies) for line in lines]
    if len(flat) < MIN_ENTRIES:
        return [], bodies
    first = first_marked([line for _p, line in flat])  # note number -> index in flat
    heading_size = size * settings.heading_ratio

    def headingish(line: Line) -> bool:
        return line.size >= heading_size or (line.bold and len(line.text) < 90 and entry_number(line) is None)

    areas: list[list[tuple[int, int]]] = []  # per run: (n, index into flat) of each entry
    i = 0
    while i < len(flat):
        if entry_number(flat[i][1]) != 1:
            i += 1
            continue
        entries = [(1, i)]
        entry_size = flat[i][1].size
        j = i + 1
        while j < len(flat):
            line = flat[j][1]
            if headingish(line):
                break
            n = entry_number(line)
            if n == entries[-1][0] + 1:
                entries.append((n, j))
            elif n == 1 and len(entries) >= MIN_ENTRIES:
                break  # the next part's notes
            elif n is None and abs(line.size - entry_size) > 0.12 * entry_size:
                break  # text in other type after the notes (a web page's footer, a colophon)
            j += 1
        numbers = [n for n, _ in entries]
        marked = sum(1 for n in numbers if first.get(n, len(flat)) < i)
        if len(entries) >= MIN_ENTRIES and marked >= 0.8 * len(entries) and not taken & set(numbers):
            areas.append(entries + [(0, j)])  # (0, end) closes the run
            i = j
        else:
            i += 1
    if not areas:
        return [], bodies
    notes: list[RawFootnote] = []
    drop: set[int] = set()
    for area in areas:
        entries, end = area[:-1], area[-1][1]
        for k, (n, start) in enumerate(entries):
            stop = entries[k + 1][1] if k + 1 < len(entries) else end
            text, breaks, page_links = "", [], []
            for idx in range(start, stop):
                p, line = flat[idx]
                piece = strip_entry_number(line, n) if idx == start else line.text
                text = join_line(text, piece.strip(), vocab)
                if not breaks or breaks[-1][1] != line.page:
                    breaks.append((max(0, len(text) - len(piece.strip())), line.page))
                for uri, top, bottom in (links_by_page or {}).get(line.page, ()):
                    if line.top - 1 <= (top + bottom) / 2 <= line.bottom + 1 and uri not in page_links:
                        page_links.append(uri)
                drop.add(idx)
            text = BACKLINK.sub("", text).strip()
            notes.append(RawFootnote(n, text, flat[start][1].page, tuple(page_links), tuple(breaks)))
    kept: list[list[Line]] = [[] for _ in bodies]
    for idx, (p, line) in enumerate(flat):
        if idx not in drop:
            kept[p].append(line)
    return notes, kept


def glued_markers(footnotes: list[RawFootnote], bodies: list[list[Line]]):
    """Where the text carries (almost) no superscript marker of its notes, the markers may be set
    as the font's superior figures at full size on the baseline, glued to the word or punctuation
    before them ("sources,4", "most.9", InDesign): nothing but the glyph tells them from text. A
    number so glued is then read as a marker when it is the next note number (up to two may have
    been missed) and that note starts on the same page. Returns the test, or None."""
    if not footnotes:
        return None
    numbers = {f.n for f in footnotes}
    raised = sum(1 for lines in bodies for line in lines for n in marker_numbers(line) if n in numbers)
    if raised >= 0.2 * len(footnotes):
        return None
    pages: dict[int, set] = {}
    for f in footnotes:
        pages.setdefault(f.n, set()).add(f.page)
    last = [0]

    def glued(page: int, n: int) -> bool:
        if last[0] < n <= last[0] + 3 and page in pages.get(n, ()):
            last[0] = n
            return True
        return False

    return glued
