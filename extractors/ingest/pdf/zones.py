"""Lines -> running headers/footers and page numbers dropped; the footnote zone (smaller type under
the text of its column, numbered) separated from the body and read into notes."""
from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict


from extractors.ingest.layout import TERMINAL, reference_heading
from extractors.model import Paragraph, RawFootnote


from extractors.ingest.pdf.joining import join_line
from extractors.ingest.pdf.lines import PageInfo
from extractors.ingest.pdf.types import Line, PdfSettings, Seg


PAGE_NUMBER = re.compile(r"^(page\s*)?[\divxlc]{1,6}(\s*(/|of)\s*\d+)?$|^[-–—]\s*\d+\s*[-–—]$", re.I)


def body_size(pages: list[PageInfo]) -> float:
    """The size of the running text: the most used size in the upper half of the pages (where
    notes do not stand: a law review's notes can outweigh its text), else on the whole pages;
    code listings set in a typewriter face left out where other text is a sixth of the whole at
    least (a manual's or a package's documentation whose listings outweigh its prose made the
    prose "larger than the text": each short paragraph of it a heading; a court transcript all
    in Courier keeps its size)."""
    sizes: Counter = Counter()
    upper: Counter = Counter()
    mono = sum(line.chars for p in pages for line in p.lines if line.mono)
    prose = sum(line.chars for p in pages for line in p.lines) - mono >= 0.2 * mono  # not a transcript set in Courier
    for p in pages:
        for line in p.lines:
            if line.mono and prose:
                continue
            sizes[line.size] += line.chars
            if line.top < 0.5 * line.page_height:
                upper[line.size] += line.chars
    best = upper or sizes
    return best.most_common(1)[0][0] if best else 10.0


TITLE_SIZE = 1.25  # times the body's size: a line this large repeating at one place is a slide's title


def running_key(line: Line) -> str:
    # digits aside: "Scholarship 12" and a foot split in two ("Scholarship", "12") share a key
    return re.sub(r"\s*\d+\s*", "#", line.text.casefold()).strip("#")


# a number standing first or last on a line ("Chapter 2: Structures 3", "4 GNU Libtasn1")
EDGE_NUMBERS = re.compile(r"^\d{1,4}(?=\s|$)|(?<=\s)\d{1,4}$")


def folio_offsets(line: Line) -> set[int]:
    """For each number first or last on a line: the page's place in the file minus that number
    (the same for every running head that prints the page's number, whatever its text)."""
    return {line.page - int(m.group()) for m in EDGE_NUMBERS.finditer(line.text.strip())} if len(line.text) <= 150 else set()


def in_margin(line: Line, settings: PdfSettings) -> bool:
    return line.top < settings.margin * line.page_height or line.bottom > (1 - settings.margin) * line.page_height


def drop_running(pages: list[PageInfo], settings: PdfSettings, size: float
                 ) -> tuple[list[list[Line]], list[list[Line]]]:
    """Set aside page numbers and running headers/footers: margin lines that repeat (digits aside)
    at the same height on several pages, alternating recto/verso heads included, and a page's last
    line that so repeats a little above the margin (a running foot under the notes). Returns the
    lines kept and the lines set aside, per page."""
    tops: dict[str, list[float]] = defaultdict(list)
    edge: dict[int, float] = {}  # page -> bottom of its last line

    head: dict[int, float] = {}  # page -> top of its first line

    def at_edge(line: Line) -> bool:  # a running foot may stand above the margin band: the last line
        return line.bottom >= edge[line.page] - 1

    def at_head(line: Line) -> bool:  # a running head may stand under the margin band (a LaTeX
        # report's head at 12 % of the page): the first line, high on the page, over a gap
        return line.top <= head[line.page] + 1 and line.top < 0.15 * line.page_height and _apart(
            line, lines_of[line.page], 0.8)

    for p in pages:
        if p.lines:
            edge[p.number] = max(l.bottom for l in p.lines)
            head[p.number] = min(l.top for l in p.lines)
    lines_of = {p.number: p.lines for p in pages}

    # margin lines by their wording (digits aside), once a page, and by the page number they print
    # (`folio_offsets`): a running head whose words change from chapter to chapter ("Chapter 2:
    # ASN.1 structure handling 3" on two pages only) stands at the height of the others and numbers
    # the pages the same way
    folios: dict[int, list[float]] = defaultdict(list)
    for p in pages:
        seen = set()
        for line in p.lines:
            if not (in_margin(line, settings) or at_edge(line) or at_head(line)):
                continue
            key = running_key(line)
            if (key, round(line.top)) not in seen:
                seen.add((key, round(line.top)))
                tops[key].append(line.top)
            for offset in folio_offsets(line):
                folios[offset].append(line.top)
    for values in (*tops.values(), *folios.values()):
        values.sort()
    need = min(settings.running_pages, max(2, len(pages)))

    def near(values: list[float], top: float) -> int:
        return bisect.bisect_right(values, top + 2) - bisect.bisect_left(values, top - 2)

    def repeated(line: Line) -> bool:
        return near(tops[running_key(line)], line.top) >= need or any(
            near(folios[offset], line.top) >= need for offset in folio_offsets(line))

    steady = steady_slots(pages, settings, need, size)
    found: set[int] = set()
    for p in pages:
        for line in p.lines:
            furniture = in_margin(line, settings) and (PAGE_NUMBER.match(line.text) or repeated(line)) or (
                at_edge(line) and line.bottom > 0.85 * line.page_height and repeated(line)) or (
                at_head(line) and repeated(line)) or (
                # a page's last line that is its number, at the same height on other pages: a
                # book's folio set well above a wide bottom margin
                at_edge(line) and line.bottom > 0.6 * line.page_height and PAGE_NUMBER.match(line.text)
                and repeated(line)) or (
                # a page's number at the height of the other pages' numbers, numbering the pages
                # as they do, with a line under it on this page only (a licence on the first)
                line.bottom > 0.6 * line.page_height and PAGE_NUMBER.match(line.text)
                and any(near(folios[o], line.top) >= need for o in folio_offsets(line))) or id(line) in steady
            if furniture and len(line.segs) > 1 and line.segs[0].sup and line.segs[0].text.strip().isdigit():
                furniture = False  # a note opening with its raised number ("²⁴ Para 431 ff."), low on the page
            if furniture and line.size > TITLE_SIZE * size and not PAGE_NUMBER.match(line.text):
                furniture = False  # a slide's title, set large, repeated over its build steps or sections
            if furniture and line.zone != "lineno":  # (a page's line numbers are a zone of their own)
                found.add(id(line))
    found |= slot_mates(pages, settings, found)
    found |= feet_like_heads(pages, found)
    out, aside = [], []
    for p in pages:
        out.append([l for l in p.lines if id(l) not in found])
        aside.append([l for l in p.lines if id(l) in found])
    return out, aside


def _apart(line: Line, lines: tuple, factor: float) -> bool:
    """Does the line stand apart from the text on the body's side of it (a running head over a
    wide gap, a running foot under one), by at least `factor` times its size?"""
    top_band = line.top < line.page_height / 2
    gaps = [(o.top - line.bottom) if top_band else (line.top - o.bottom) for o in lines
            if o is not line and abs(o.top - line.top) > 2 and (o.top > line.top if top_band else o.top < line.top)]
    return min(gaps, default=1e9) >= factor * line.size


def _slot_x(line: Line, edge: str) -> float:
    """Where a line stands in its slot: its left edge, right edge or middle."""
    return line.x0 if edge == "x0" else line.x1 if edge == "x1" else (line.x0 + line.x1) / 2


def steady_slots(pages: list[PageInfo], settings: PdfSettings, need: int, size: float) -> set[int]:
    """Running heads and feet whose wording changes from page to page (the current section's
    title, "Chapter 3 · Title", a title beside a fixed journal reference in the slots of one head):
    margin lines no larger than the body's type, set apart from the text by a wide gap, that stand
    at the same height, in the same size and flush with the same edge (left, right or centre) on
    most pages, or on several pages sharing their first or last words there (one slot's fixed
    part). A page's first line of text is not apart from the next; a heading is larger than the
    body's type, `size` (`body_size`)."""
    cands: list[Line] = []
    for p in pages:
        for line in p.lines:
            if (in_margin(line, settings) and line.size <= size + 0.3 and len(line.text) <= 150
                    and _apart(line, p.lines, 1.2) and any(c.isalpha() for c in line.text)):
                cands.append(line)
    if not cands:
        return set()
    with_text = sum(1 for p in pages if p.lines)
    most = max(need, -(-4 * with_text // 10))
    words = {id(l): re.sub(r"\d+", "#", l.text.casefold()).split() for l in cands}
    by_top: dict[int, list[Line]] = defaultdict(list)  # (only lines within 2 pt of a height are compared)
    for line in cands:
        by_top[int(line.top)].append(line)
    found: set[int] = set()
    for line in cands:
        level = [o for t in range(int(line.top) - 3, int(line.top) + 4) for o in by_top.get(t, ())
                 if abs(o.top - line.top) <= 2 and abs(o.size - line.size) <= 0.3]
        mine = words[id(line)]
        for edge in ("x0", "x1", "mid"):
            at = _slot_x(line, edge)
            pages_at: set[int] = set()
            sharing: set[int] = set()
            for o in level:
                if abs(_slot_x(o, edge) - at) <= 3:
                    pages_at.add(o.page)
                    theirs = words[id(o)]
                    if edge == "x0" and len(mine) > 2 and theirs[:2] == mine[:2] and mine != theirs or \
                            edge == "x1" and len(mine) > 2 and theirs[-2:] == mine[-2:] and mine != theirs:
                        sharing.add(o.page)
            if len(pages_at) >= most or len(sharing | {line.page}) >= need:
                found.add(id(line))
                break
    return found


def slot_mates(pages: list[PageInfo], settings: PdfSettings, found: set[int]) -> set[int]:
    """The other slots of a running head or foot read as lines of their own (a head's left part
    in one column, its page number in the other: "Form W-9 (Rev. 10-2018)" ... "Page 2"): short
    margin lines on the row of a line set aside, a wide gap apart from it."""
    out: set[int] = set()
    for p in pages:
        aside = [l for l in p.lines if id(l) in found]
        for line in p.lines:
            if id(line) in found or not in_margin(line, settings) or len(line.text) > 60:
                continue
            for a in aside:
                gap = max(a.x0 - line.x1, line.x0 - a.x1)
                if abs(a.top - line.top) <= 2 and abs(a.size - line.size) <= 1 and gap >= 2 * line.size:
                    out.add(id(line))
                    break
    return out


def _holds(key: str, size: float, keys: dict[str, set[float]]) -> bool:
    """Is the wording one of `keys` in the same type, alone or as the first or last slot of a row
    read as one line ("cat. no. #x form w-#(rev. #-#)")? (A contents' last entry naming a chapter
    is in the text's type, not in its running head's.)"""
    return any((key == k or key.endswith(" " + k) or key.startswith(k + " ")) and any(abs(size - s) <= 0.5 for s in sizes)
               for k, sizes in keys.items())


def feet_like_heads(pages: list[PageInfo], found: set[int]) -> set[int]:
    """A page's last row, set apart from the text above it, that prints the wording of a running
    head or foot set aside, alone or in one of its slots (a form's "Cat. No. 10231X ... Form W-9
    (Rev. 10-2018)" closing a page short of the margin), with the short lines beside it on that row."""
    keys: dict[str, set[float]] = defaultdict(set)  # wording -> the sizes it is set in
    for p in pages:
        for line in p.lines:
            if id(line) in found and len(running_key(line)) >= 6:
                keys[running_key(line)].add(line.size)
    out: set[int] = set()
    if not keys:
        return out
    for p in pages:
        rest = [l for l in p.lines if id(l) not in found]
        if not rest:
            continue
        low = max(l.bottom for l in rest)
        row = [l for l in rest if l.bottom >= low - 2]
        if any(len(l.text) > 60 for l in row):
            continue
        if any(_holds(running_key(l), l.size, keys) and _apart(l, p.lines, 0.8) for l in row):
            out.update(id(l) for l in row)
    return out


def set_aside_paragraphs(aside: list[list[Line]], pages: list[PageInfo]) -> tuple[Paragraph, ...]:
    """What reading leaves out of the running text, one paragraph per line so that nothing is
    silently lost: running heads (`header`), page numbers and running feet (`footer`)."""
    out = []
    for lines, info in zip(aside, pages):
        set_aside = {id(l) for l in lines}
        for line in lines:
            if line.text:
                # a foot closing a short page stands high on it, under the page's text
                zone = "header" if line.top < 0.1 * line.page_height or (
                    line.top < line.page_height / 2
                    and not any(o.bottom <= line.top for o in info.lines if id(o) not in set_aside)) else "footer"
                out.append(Paragraph(join_line("", line.text), info.number, "", zone))
    return tuple(out)


DATE_START = re.compile(r"\d{1,2}\.?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|janv|févr|mars|avr|mai|juin|juil"
                        r"|août|sept|déc|märz|okt|dez)\w*\.?\s+\d{4}", re.I)
FOOTNOTE_NUMBER = re.compile(r"^(\d{1,3})(\.?)(\s*)(.?)")


def footnote_start(line: Line, last: int, plain: bool = True, after_end: bool = True) -> int | None:
    """The number that opens a footnote on this line, if it opens one: a superscript number; or,
    where the document numbers its notes in running text, the next number glued to the text
    ("5Olivier"), or followed by a space or a period once the previous note has ended."""
    first = line.segs[0] if line.segs else None
    if first is None or line.mono:  # a numbered line of a code listing opens no note
        return None
    if first.sup and first.text.strip().isdigit():
        return int(first.text)
    m = FOOTNOTE_NUMBER.match(line.text)
    if not m:
        return None
    n, dot, space, nxt = int(m.group(1)), m.group(2), m.group(3), m.group(4)
    if not plain:  # notes numbered with superscripts: a plain number opens only the very next note
        # (Word sets some note numbers on the text's baseline), after a note that ended
        ok = (n == last + 1 and after_end and bool(space or dot) and (nxt[:1].isupper() or nxt in "“\"'‘([«")
              and not DATE_START.match(line.text))
        return n if ok else None
    if not last < n <= last + 5:
        return None
    if not nxt:
        return None  # a number alone on its line: a label (a diagram's multiplicity, a chart's axis)
    if not dot and not space:  # glued to the note text
        if nxt[:1].isupper() or nxt in "“\"'‘([«" or (nxt[:1].islower() and n == last + 1):
            return n
        return None
    return n if after_end and (nxt == "" or not nxt.islower()) else None


def footnote_zone(lines: list[Line], size: float, settings: PdfSettings) -> set[int]:
    """Indexes of the footnote lines of a page: in each column segment, the run of small-type lines
    at its bottom with no body-size text under them in the same column."""
    small = [l.size <= size * settings.footnote_ratio and not l.zone for l in lines]
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
        height = max(lines[i].bottom for i in run) - min(lines[i].top for i in run)
        numbered = sum(1 for i in run if re.match(r"\d{1,3}\.?\s*[^\W\d_]", lines[i].text))
        if not below and height > 0.4 * lines[run[0]].page_height and numbered <= 1:
            continue  # a tall block of small type, no text above it, no note numbers: a reference list
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


def under_reference_heading(first: Line, body: list[Line]) -> bool:
    """Is a page's small type set under a "References" heading (the body line right above it in
    its column)? A reference list set in the notes' size after the last note was read as that
    note's continuation: the whole bibliography in one footnote (issue 13)."""
    above = [l for l in body if l.seg == first.seg and l.bottom <= first.top + 1]
    return bool(above) and reference_heading(max(above, key=lambda l: l.bottom).text)


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

    # notes in document order, keyed by their place: numbering that restarts (per chapter or
    # section: "1" on page 5, "1" and "2" on page 8) gives notes of the same number
    notes: dict[int, dict] = {}
    order: list[int] = []
    latest: dict[int, int] = {}  # note number -> key of the latest note with that number
    run = 0  # how many times the numbering restarted
    last = 0
    prev_ended = True
    in_list = False  # the last small type read was a reference list's
    own_list = False  # and that list is numbered 1, 2, 3 of its own

    def opens(line: Line, first: bool, after_end: bool = True) -> int | None:
        """The number of the note this zone line opens (`footnote_start`), or 1 for the first line
        of a page's notes numbered plainly that start again at 1 (per page or section)."""
        n = footnote_start(line, last, plain, after_end)
        if (n is None and first and plain and last and footnote_start(line, 0, plain, True) == 1
                and not DATE_START.match(line.text)):
            return 1
        return n

    def numbered_list(lines: list[Line]) -> bool:
        """Are these lines a list numbered from 1 ("1. Quandt F, ...")? Its first numbered line is 1."""
        return next((n for n in (footnote_start(l, 0, plain, True) for l in lines) if n is not None), None) == 1

    for p_idx, (zone, info) in enumerate(zip(zones, pages)):
        # the last note runs on into this page only from the page before (a small block at a later
        # page's foot, a caption's end, is no part of a note of pages ago: issue 13)
        current = order[-1] if order and notes[order[-1]]["pages"][-1] == info.number - 1 else None
        # a reference list in small type (under its heading, or running on from the page before
        # in the page's upper half, under a float maybe): no note runs on into it; and a list
        # numbered 1, 2, 3 of its own holds no notes at all (issue 13: a journal's numbered
        # references were read as footnotes 1-27), where notes after an unnumbered list may
        # still start further down ("7. <http://...>" under a bibliography's entries)
        going_on = in_list and bool(zone) and zone[0].top < 0.5 * zone[0].page_height
        listed = going_on or (bool(zone) and under_reference_heading(zone[0], bodies[p_idx]))
        if listed:
            current = None
            if (going_on and own_list) or (not going_on and numbered_list(zone)):
                bodies[p_idx] = pages_lines[p_idx]
                in_list = own_list = True
                continue
        own_list = False
        if zone and current is None and opens(zone[0], True) is None:
            # small type that opens no footnote (a caption, an abstract, a licence) stays text; the
            # notes may still start further down the block
            k = next((k for k, l in enumerate(zone) if opens(l, k == 0) is not None), None)
            if k is None:
                bodies[p_idx] = pages_lines[p_idx]
                in_list = listed  # a page of nothing but the list: the next page's small type runs on with it
                continue
            notes_part = {id(l) for l in zone[k:]}
            bodies[p_idx] = [l for l in pages_lines[p_idx] if id(l) not in notes_part]
            zone = zone[k:]
        left = min((l.x0 for l in zone), default=0.0)
        right = max((l.x1 for l in zone), default=0.0)
        line_owner: list[tuple[int, Line]] = []
        as_text: set[int] = set()  # small type under a "References" heading in its column: a list, not notes
        seen_segs = {zone[0].seg} if zone else set()
        listing = False  # from a "References" heading on, the small type is a numbered list
        for k, line in enumerate(zone):
            if line.seg not in seen_segs:
                seen_segs.add(line.seg)
                if under_reference_heading(line, bodies[p_idx]):
                    current, listing = None, numbered_list(zone[k:])
            if not listing and reference_heading(line.text, whole=True):
                # "References" as a line of the small type: the list under it
                current = None
                listing = numbered_list(zone[k + 1:])
                as_text.add(id(line))
                continue
            if listing:
                as_text.add(id(line))
                continue
            n = opens(line, k == 0, prev_ended)
            if current is None and n is None:
                as_text.add(id(line))
                continue
            restart = (n is not None and n in latest and n <= last and notes[latest[n]]["page"] != info.number
                       and (not plain or n == 1))
            if restart:
                run += 1
            if n is not None and (n not in latest or restart):
                key = len(notes)
                notes[key] = {"n": n, "run": run, "parts": [strip_number(line, n)], "page": info.number, "links": [],
                              "pages": [info.number]}
                order.append(key)
                latest[n] = key
                current, last = key, n
            elif current is not None:
                notes[current]["parts"].append(list(line.segs))
                notes[current]["pages"].append(info.number)
            if current is not None:
                line_owner.append((current, line))
            prev_ended = ends_note(line, right, left)
        if zone:  # a list that reaches the foot of the page runs on at the next one's top
            in_list = id(zone[-1]) in as_text
            own_list = listing
        if as_text:
            notes_here = {id(l) for l in zone} - as_text
            bodies[p_idx] = [l for l in pages_lines[p_idx] if id(l) not in notes_here]
        for uri, top, bottom in info.links:
            mid = (top + bottom) / 2
            for n, line in line_owner:
                if line.top - 1 <= mid <= line.bottom + 1:
                    if uri not in notes[n]["links"]:
                        notes[n]["links"].append(uri)
                    break
    footnotes = []
    for key in sorted(notes, key=lambda k: (notes[k]["run"], notes[k]["n"])):
        n = notes[key]["n"]
        text = ""
        breaks: list[tuple[int, int]] = []
        for segs, page in zip(notes[key]["parts"], notes[key]["pages"]):
            piece = "".join(s.text for s in segs).strip()
            text = join_line(text, piece, vocab)
            if not breaks or breaks[-1][1] != page:
                breaks.append((max(0, len(text) - len(piece)), page))
        footnotes.append(RawFootnote(n, text, notes[key]["page"], tuple(notes[key]["links"]), tuple(breaks)))
    return footnotes, bodies
