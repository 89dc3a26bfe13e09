"""Body lines -> headings and paragraphs (`Block`s): type sizes, line pitch, column edges and
indents; paragraphs re-joined across column and page breaks."""
from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass


from extractors.ingest.layout import CAPTION, TERMINAL, Block
from extractors.model import Marker
from extractors.text import other_language


from extractors.ingest.pdf.joining import join_line
from extractors.ingest.pdf.types import AFFILIATION_MARK, Line, PdfSettings


BULLET = re.compile(r"^([•●▪◦‣·]|[-–]\s)\s*")
NUMBERED = re.compile(r"^\d{1,2}[.)]\s")
# a table of contents line: dot leaders (or a long gap of dots) before a page number
TOC_LINE = re.compile(r"(?:\.\s?){4,}\s*[\divxlc]{1,4}$|…{2,}\s*\d{1,4}$", re.I)
# a line ending in a page number after a word, as a contents row set without leaders ends
# (its number after "p.", "pg." or "page": "1 Summary pg. 3")
TOC_PAGE_END = re.compile(r"[^\W\d_][^.!?]*\s(?:(?:pg?|page)\.?\s?)?(?:\d{1,4}|[ivxlc]{1,6})$", re.I)
MAX_TOC_CHARS = 120


def toc_rows(lines: list[Line]) -> set[int]:
    """The rows of a table of contents among a column's lines: those with dot leaders before a
    page number; runs of three or more ending in a page number set apart by two ems or more
    (`Line.tab_number`), the numbers never falling (a contents without leaders, as InDesign and
    Word's plain styles set them); and next to them (before or after, in a chain) those ending in
    a page number without leaders: a chapter's row set in bold without them (KOMA-Script, LaTeX's
    report and book classes), which was taken for a heading and made a section of "1 Executive
    Summary 4" (issue 13); or under a contents' title ("Contents", "Sommaire", "Inhalt")."""
    found = {i for i, line in enumerate(lines) if TOC_LINE.search(line.text) and not line.zone}
    found |= tab_number_runs(lines)
    titles = [i for i, line in enumerate(lines) if len(line.text) <= 30 and CONTENTS_TITLE.fullmatch(line.text.casefold())]
    if not found and not titles:
        return found  # (most pages: the rows' ends not looked at)
    bare = {i for i, line in enumerate(lines) if not line.zone and i not in found
            and len(line.text) <= MAX_TOC_CHARS and TOC_PAGE_END.search(line.text)}
    # (the title's next two rows: a contents set as running text, entries and numbers in justified
    # lines, is no list of rows)
    found |= {i + 1 for i in titles if i + 1 in bare and i + 2 in bare}
    if not found:
        return found
    # an entry wrapped over two or three lines: its first lines, before a row ending in a number
    # (set close over it, no larger: not the contents' title over the first row, nor a running head)
    wrapped = {k for i in bare | found for k in (i - 1, i - 2) if 0 <= k < i and all(
        not lines[j].zone and len(lines[j].text) <= MAX_TOC_CHARS and not TERMINAL.search(lines[j].text)
        and lines[j].size <= lines[i].size + 0.5 and not CONTENTS_TITLE.fullmatch(lines[j].text.casefold())
        and 0 < lines[j + 1].top - lines[j].top <= 2 * lines[j].size for j in range(k, i))}
    chain = bare | wrapped
    for order in (range(len(lines)), range(len(lines) - 1, -1, -1)):  # chains after rows, then before
        for i in order:
            if i in chain and (i - 1 in found or i + 1 in found):
                found.add(i)
    return found


def ends_toc_row(line: Line) -> bool:
    """Does this contents line end its row (with a page number), or does its entry wrap on?"""
    return bool(TOC_LINE.search(line.text) or TOC_PAGE_END.search(line.text))


# a table of contents' title, in the languages of the documents read (casefolded)
CONTENTS_TITLE = re.compile(r"(?:table of )?contents|sommaire|table des matières|inhalt(?:sverzeichnis)?|índice"
                            r"|indice|contenidos?|sumário|sommario|inhoud|innehåll|spis treści|содержание|оглавление")
TRAILING_NUMBER = re.compile(r"(\d{1,4})$")


def tab_number_runs(lines: list[Line], least: int = 3) -> set[int]:
    """Runs of `least` or more lines in a row that end in a number set well apart from their text
    (`Line.tab_number`), the numbers never falling: a contents' rows without dot leaders."""
    out: set[int] = set()
    run: list[int] = []
    for i, line in enumerate([*lines, None]):
        m = TRAILING_NUMBER.search(line.text) if line is not None and line.tab_number and not line.zone else None
        if m and (not run or int(m.group(1)) >= int(TRAILING_NUMBER.search(lines[run[-1]].text).group(1))):
            run.append(i)
            continue
        if len(run) >= least:
            out.update(run)
        run = [i] if m else []
    return out


SECTION_NUMBER = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?|[IVX]{1,5}\.|[A-H]\.)\s+\S")
MAX_HEADING_LINES = 3
MAX_HEADING_CHARS = 200


def heading_levels(bodies: list[list[Line]], size: float, settings: PdfSettings) -> dict[float, int]:
    sizes = sorted({l.size for lines in bodies for l in lines if l.size >= size * settings.heading_ratio and not l.zone},
                   reverse=True)
    return {s: i + 1 for i, s in enumerate(sizes)}


def line_pitch(bodies: list[list[Line]], size: float) -> float:
    gaps = []
    for lines in bodies:
        for a, b in zip(lines, lines[1:]):
            if abs(a.size - size) < 0.5 and abs(b.size - size) < 0.5 and 0 < b.top - a.top < 3 * size:
                gaps.append(round(b.top - a.top, 1))
    return statistics.median(gaps) if gaps else size * 1.2


Edges = dict[tuple[int, int, int], tuple[float, float, int]]


def column_edges(bodies: list[list[Line]], size: float) -> Edges:
    """(page, columns, column) -> (left, right) of the running text in that column, and how many
    lines it holds."""
    edges: dict[tuple[int, int, int], list[float]] = {}
    counts: Counter = Counter()
    for lines in bodies:
        for line in lines:
            if line.zone:
                continue  # a table's rows span its own width, not the column's
            key = (line.page, line.ncols, line.col)
            counts[key] += 1
            lo, hi = edges.get(key, [line.x0, line.x1])
            if abs(line.size - size) < 0.5 or key not in edges:
                edges[key] = [min(lo, line.x0), max(hi, line.x1)]
    return {k: (v[0], v[1], counts[k]) for k, v in edges.items()}


def edge_of(line: Line, edges: Edges) -> tuple[float, float]:
    return edges.get((line.page, line.ncols, line.col), (line.x0, line.x1, 1))[:2]


def column_lines(line: Line, edges: Edges) -> int:
    """How many lines the column of `line` holds on its page."""
    return edges.get((line.page, line.ncols, line.col), (0.0, 0.0, 1))[2]


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


def starts_list_item(line: Line, prev: Line | None, edges: Edges) -> bool:
    """Does the line open a list item (a bullet, a dash, "1.")? A dash that a line break put at the
    start of a line of running text ("... in the 1990s" / "– a time when") does not: the line
    before it runs to the margin without end punctuation."""
    if not (BULLET.match(line.text) or NUMBERED.match(line.text)):
        return False
    if line.text[:1] in "-–" and prev is not None and open_end(prev, edges) and not TERMINAL.search(prev.text):
        return False
    return True


@dataclass
class Group:
    kind: str  # heading | para
    lines: list[Line]
    level: int
    after_break: bool  # its first line opens a page or a column
    zone: str = ""  # toc for a table of contents row


def run_in_heading(run: list[Line], prev: Line | None, nxt: Line | None, size: float, pitch: float) -> bool:
    """A heading set at about body size, as LaTeX and many word processors set subsections: one
    to three bold lines, short, not ending like a sentence, numbered or standing apart (space
    above or below it)."""
    line, last = run[0], run[-1]
    text = " ".join(l.text for l in run)
    if not all(l.bold for l in run) or abs(line.size - size) > 0.15 * size or len(text) > 90 * min(2, len(run)):
        return False
    if TERMINAL.search(last.text) and not last.text.endswith(":") or not re.search(r"[^\W\d_]", text):
        return False
    if nxt is None or nxt.bold or nxt.seg != line.seg or not 0.7 * size <= nxt.size <= 1.15 * size:
        return False  # a heading opens running text in its column (not a byline over a title)
    if not 0 < nxt.top - last.top < 3 * pitch:
        return False
    apart = prev is None or prev.seg != line.seg or line.top - prev.top > 1.3 * pitch
    return bool(SECTION_NUMBER.match(line.text)) or apart


def run_in_headings(lines: list[Line], size: float, pitch: float) -> set[int]:
    """Indexes of the lines of headings set at about body size (a heading may wrap: up to
    MAX_HEADING_LINES bold lines of one size, set close together); never a line in a typewriter
    face, which is code (groff's and automake's manuals set their examples' lines bold)."""
    out: set[int] = set()
    i = 0
    while i < len(lines):
        if lines[i].mono:  # a bold line of code ("bin_PROGRAMS =", a macro call) heads nothing
            i += 1
            continue
        j = i
        while (j + 1 < len(lines) and j - i < MAX_HEADING_LINES - 1 and lines[j + 1].bold and lines[j].bold
               and lines[j + 1].seg == lines[i].seg and abs(lines[j + 1].size - lines[i].size) < 0.5
               and 0 < lines[j + 1].top - lines[j].top < 1.5 * pitch):
            j += 1
        prev = lines[i - 1] if i else None
        for end in range(j, i - 1, -1):  # the longest run that reads as a heading
            if run_in_heading(lines[i:end + 1], prev, lines[end + 1] if end + 1 < len(lines) else None, size, pitch):
                out.update(range(i, end + 1))
                i = end
                break
        i += 1
    return out


def paragraphs_of(bodies: list[list[Line]], size: float, settings: PdfSettings, edges: Edges) -> list[Group]:
    """Group body lines into headings and paragraphs, then re-join paragraphs split by a column or
    page break. A heading is never more than a few lines: a longer run of large type is a
    paragraph (a form's narrative set large); nor a bare number or symbols (`no_heading_text`)."""
    levels = heading_levels(bodies, size, settings)
    low = max(levels.values(), default=0) + 1  # the level of headings set at body size
    pitch = line_pitch(bodies, size)
    indent_style = uses_first_line_indents(bodies, edges, size)
    groups: list[Group] = []
    for lines in bodies:
        prev: Line | None = None
        low_headings = run_in_headings(lines, size, pitch)
        tocs = toc_rows(lines)
        for i, line in enumerate(lines):
            level = levels.get(line.size, 0)
            if not level and i in low_headings:
                level = low
            kind = "heading" if level else "para"
            toc = i in tocs
            if toc or line.zone or line.beside:  # (a box's title is its text, not the section of the text after it)
                kind, level = "para", 0
            broken = prev is None or (line.seg != prev.seg and line.top < prev.top)
            new = True
            if toc and not broken and groups and groups[-1].zone == "toc" and not ends_toc_row(prev):
                new = False  # a contents entry wrapped: its row goes on
            elif toc or line.zone or (groups and groups[-1].zone in ("toc", "table")):
                pass  # a table of contents keeps its rows, a table its rows
            elif not broken and groups and groups[-1].kind == kind:
                first = groups[-1].lines[0]
                gap = line.top - prev.top
                same_style = line.italic == prev.italic and (kind == "para" or line.size == prev.size)
                limit = pitch * settings.paragraph_gap if kind == "para" else max(pitch * settings.paragraph_gap, 1.5 * line.size)
                starts_item = starts_list_item(line, prev, edges) and line.x0 <= first.x0 + 1
                indent = line.x0 > prev.x0 + 8 and re.search(r"[.!?:”\"]$", prev.text) and line.x0 > first.x0 + 8
                new_by_indent = (indent and not first.x0 < line.x0 - 20) or (
                    indent_style and indented(line, edges)
                    and (TERMINAL.search(prev.text) or not open_end(prev, edges))
                )
                if same_style and gap <= limit and not starts_item and not new_by_indent:
                    new = False
            if new:
                groups.append(Group(kind, [line], level, broken, "toc" if toc else line.zone))
            else:
                groups[-1].lines.append(line)
            prev = line
    for k, g in enumerate(groups):
        text = " ".join(l.text for l in g.lines) if g.kind == "heading" else ""
        # (the heading's text as its lines join: a slide's three-line title of 200 letters and
        # 2 spaces was a section value of 202 characters)
        if g.kind == "heading" and (len(g.lines) > MAX_HEADING_LINES or len(text) > MAX_HEADING_CHARS
                                    or no_heading_text(text)
                                    or in_its_list(groups[k - 1] if k else None, g,
                                                   groups[k + 1] if k + 1 < len(groups) else None)):
            g.kind, g.level = "para", 0
    return join_breaks(groups, edges, indent_style)


FORMULA = re.compile(r"[\w)\]}²³]\s*[=≈≠]\s*[\w(\[{−-]")  # an equation: "x + n = ax" (not "pH > 7,60")


def no_heading_text(text: str) -> bool:
    """A page number set large mid-page ("1": a QuarkXPress article's, between its notes and its
    licence line), a figure's symbols ("= = ∼") and a display formula set in a larger math font
    ("x + n + a = ax + (n + a)2": a browser's KaTeX at 14.5 pt over 12 pt text) are no section
    names; a version or a date ("2.6", "2022-11-06", a changelog's headings) are."""
    text = text.strip()
    return bool(re.fullmatch(r"\d{1,3}", text)) or not any(c.isalnum() for c in text) or bool(FORMULA.search(text))


LIST_NUMBER = re.compile(r"^\(?(\d{1,2})([.)])\s")


def in_its_list(prev: Group | None, g: Group, nxt: Group | None) -> bool:
    """A numbered line next to the next or the previous number of its list, at its own indent
    ("1. The number shown on this form is ..." then "2. I am not subject ..."): an item of a list,
    not a heading (a form's items set a point larger than its small print: item 1's words were
    only a section value, the last item the section of the text after the list, issue 13). A
    numbered heading is followed by its text or a subheading ("1.1"), and follows text."""
    m = LIST_NUMBER.match(g.lines[0].text)
    return bool(m) and (_next_item(g, m, nxt, 1) or _next_item(g, m, prev, -1))


def _next_item(g: Group, m: re.Match, other: Group | None, step: int) -> bool:
    if other is None:
        return False
    n = LIST_NUMBER.match(other.lines[0].text)
    return bool(n and int(n.group(1)) == int(m.group(1)) + step and n.group(2) == m.group(2)
                and abs(other.lines[0].x0 - g.lines[0].x0) <= 2)


def figure_matter(groups: list[Group]) -> set[int]:
    """The groups of a figure read in the text's flow: its caption ("Figure 1: ...") and the short
    labels set over it (a map's title inside its frame). A paragraph broken by a page or column
    break is not joined into them, and goes on in the text after them: "these trends helped
    shape ag" + "Map of central Mali" + caption + "Ghali's approach" (issue 13)."""
    out: set[int] = set()
    for k in range(len(groups) - 1, -1, -1):
        g = groups[k]
        if g.kind != "para" or g.zone:
            continue
        text = " ".join(l.text for l in g.lines)
        if CAPTION.match(text):
            out.add(k)
        elif (k + 1 in out and len(g.lines) <= 2 and len(text.split()) <= 12
              and not TERMINAL.search(text) and not g.lines[0].beside):
            out.add(k)
    return out


def join_breaks(groups: list[Group], edges: Edges, indent_style: bool) -> list[Group]:
    """A paragraph goes on after a column or page break when the next column starts without a
    new-paragraph mark: not indented where paragraphs are indented, else after a last line that
    runs to the margin without end punctuation."""
    out: list[Group] = []
    figure = figure_matter(groups)
    skip = {id(groups[k]) for k in figure}
    carried = False  # a break before figure matter: the text after the figure opens the column
    for k, g in enumerate(groups):
        if k in figure:
            carried = carried or g.after_break
            out.append(g)
            continue
        after_break, carried = g.after_break or carried, False
        prev = out[-1] if out else None
        beside = g.lines[0].beside
        if not beside:  # a box or pull quote read after the text it stands beside does not end that text
            prev = next((p for p in reversed(out) if not p.lines[-1].beside and id(p) not in skip), None)
        if prev is not None and prev.lines[-1].beside != beside:
            prev = None
        if after_break and prev is not None and prev.kind == g.kind == "para" and prev.zone == g.zone == "":
            a, b = prev.lines[-1], g.lines[0]
            if a.italic == b.italic and not starts_list_item(b, a, edges):
                if indent_style:
                    goes_on = not indented(b, edges) and prose_line(a, edges)
                else:
                    goes_on = runs_on(a, edges) and not TERMINAL.search(a.text)
                if goes_on and not other_language(" ".join(l.text for l in prev.lines[-4:]),
                                                  " ".join(l.text for l in g.lines[:4])):
                    prev.lines.extend(g.lines)
                    at = next(i for i in range(len(out) - 1, -1, -1) if out[i] is prev)
                    passed = [p for p in out[at + 1:] if id(p) in skip]
                    if passed:  # the figure the text ran past is read before it, as it stands above
                        rest = [p for p in out[at + 1:] if id(p) not in skip]
                        out[at:] = passed + [prev] + rest
                    continue
        out.append(g)
    return out


# a note number set on the baseline, glued after a word or its punctuation ("sources,4", "most.9")
NAME_END = re.compile(r"(?<![^\W\d_])[A-Z][^\W\d_]*[a-z]$")  # a capitalised word ("Diarra"), not "XIX" or "n"
GLUED_MARKER = re.compile(r"^(.*[^\W\d_][.,;:!?)\]’”'\"»]*)(\d{1,3})$")


def leads_a_name(segs, k: int) -> bool:
    """The next segment after segs[k] is text, glued to it, that begins with a capital."""
    nxt = segs[k + 1] if k + 1 < len(segs) else None
    return nxt is not None and not nxt.sup and nxt.text[:1].isupper()


def group_to_block(g: Group, vocab: Counter, accept_marker, edges: Edges, glued_marker=None) -> Block:
    """`accept_marker(page, n)` says whether a raised number on that page is the marker of note
    n; `glued_marker(page, n)`, where given, says whether a number glued to the end of a word on
    that page is the marker of note n (markers set as full-size figures on the baseline)."""
    text = ""
    breaks: list[tuple[int, int]] = []  # (offset, page) where the text moves to another page
    markers: list[Marker] = []
    for line in g.lines:
        piece = ""
        line_markers: list[tuple[int, int]] = []
        segs = line.segs
        for k, seg in enumerate(segs):
            numbers = seg.note_numbers()
            glued = GLUED_MARKER.match(seg.text) if glued_marker is not None and not seg.sup else None
            if numbers and all(accept_marker(line.page, n) for n in numbers):
                for n in numbers:
                    line_markers.append((len(piece.rstrip()) if piece.endswith(" ") else len(piece), n))
            elif glued and glued_marker(line.page, int(glued.group(2))):
                piece += glued.group(1)
                line_markers.append((len(piece), int(glued.group(2))))
            else:
                if (numbers and piece[-1:].isdigit()) or (seg.sup and AFFILIATION_MARK.fullmatch(seg.text)
                                                          and NAME_END.search(piece)):
                    # a raised number that marks no note, after a number: an exponent or a stray
                    # marker, never more figures of that number ("1977" + "³¹" is not "197731");
                    # a raised letter after a name: an affiliation's mark ("Diarra" + "ᵃ" is not
                    # "Diarraa"; "nᵒ", "XIXᵉ" stay one word)
                    piece += " "
                elif seg.sup and AFFILIATION_MARK.fullmatch(seg.text) and leads_a_name(segs, k):
                    # a raised letter glued before a name: an affiliation's mark ("ᵃUniversity
                    # of Ségou; ᵇSciences Po"), a word of its own
                    piece += ("" if not piece or piece.endswith(" ") else " ") + seg.text + " "
                    continue
                piece += seg.text
        piece_stripped = piece.strip()
        lead = len(piece) - len(piece.lstrip())
        joined = join_line(text, piece_stripped, vocab)
        shift = len(joined) - len(piece_stripped)
        if not breaks or breaks[-1][1] != line.page:
            breaks.append((shift, line.page))
        for off, n in line_markers:
            markers.append(Marker(max(0, min(len(joined), shift + off - lead)), n))
        text = joined
    list_item = bool(BULLET.match(text) or NUMBERED.match(text)) and g.zone != "table"
    bullet = BULLET.match(text) if g.zone != "table" else None
    if bullet:
        cut = bullet.end()
        text = text[cut:]
        markers = [Marker(max(0, m.offset - cut), m.n) for m in markers]
        breaks = [(max(0, off - cut), p) for off, p in breaks]
    italic = all(l.italic for l in g.lines)
    zone = g.zone or ("caption" if g.kind == "para" and CAPTION.match(text) else "")
    return Block(g.kind, text, g.lines[0].page, g.level, tuple(markers), italic and g.kind == "para", list_item,
                 runs_on(g.lines[-1], edges), tuple(breaks), zone)


RUN_ON_CHARS = 20  # a line too short to fill any column of running text


def runs_on(line: Line, edges: Edges) -> bool:
    """May the paragraph ending with this line go on at the next page's top? Its line runs to the
    right edge of its column, holds enough text to be a line of running prose, and is not the
    only line of its column: a page holding a single line (a slide's title "Test") is its own
    column, and ran on into the next slide's text ("Test 测试", issue 13)."""
    return open_end(line, edges) and prose_line(line, edges)


def prose_line(line: Line, edges: Edges) -> bool:
    """Long enough to be a line of running prose, and not the only line of its column."""
    return len(line.text.strip()) >= RUN_ON_CHARS and column_lines(line, edges) > 1
