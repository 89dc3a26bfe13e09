"""From reading-order blocks to paragraphs: the steps every ingester shares.

An ingester (PDF, markdown, text) turns its input into `Block`s in reading order. The small
pure functions here then re-join paragraphs that a page break split, mark pull quotes, carry
section headings, and assign zones (front, body, pullquote, back).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from extractors.text import fold, other_language
from extractors.model import Marker, Paragraph

FRONT_HEADINGS = re.compile(
    r"^(table of )?contents$|^acknowledge?ments?$|^about the authors?$|^abbreviations?"
    r"|^acronyms|^list of (abbreviations|acronyms|figures|tables|maps)|^glossary|^key actors$"
    r"|^foreword$|^preface$|^imprint$",
    re.I,
)
BACK_HEADINGS = re.compile(
    r"^(references|bibliography|works cited|endnotes|notes|annex(es)?|appendix|appendices"
    r"|sources|literatur\w*|bibliographie|références)\b",
    re.I,
)
# a bibliography or reference list: its entries are zoned `references`, not running prose
REFERENCE_HEADINGS = re.compile(
    r"^(references|bibliography|works cited|literature( cited)?|literatur(verzeichnis)?|bibliographie"
    r"|références( bibliographiques)?|select bibliography|sources and literature)\b",
    re.I,
)
DOTTED_NUMBER = r"\d{1,2}(?:\.\d{1,2}){0,3}\.?"  # "2", "1.1", "3.2.1."
SECTION_NUMBER = re.compile(rf"^(?:{DOTTED_NUMBER}|[IVX]{{1,5}}\.|[A-H]\.)\s+")
NUMBERED_SECTION = re.compile(rf"^{DOTTED_NUMBER}\s+\S")  # "1.1 Features", "2 Methods"
# a figure's or table's caption opens with its label ("Figure 2:", "Tableau 1 –", "Fig. 3.")
CAPTION_WORDS = r"(?:Figure|Fig\.|Table|Tab\.|Tableau|Abbildung|Abb\.|Tabelle|Chart|Graph|Map|Carte|Exhibit)"
CAPTION = re.compile(CAPTION_WORDS + r"\s*[\dIVX]+[a-z]?\s*[.:–—-]", re.I)
CAPTION_LABEL = re.compile(CAPTION_WORDS + r"\s*[\dIVX]+(?:\.\d+)*[a-z]?\s*[.:–—-]?", re.I)  # the label alone
TITLE_PAGE_WORDS = 150  # more words than this under a document's title on its page: its text, not a title page
IMPRINT_WORDS = 60  # a paragraph longer than this is prose, not an imprint's line
IMPRINT_SHARE = 0.25  # an imprint is at most this share of a document's paragraph text
NUMBER_WORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
                "|seventeen|eighteen|nineteen|twenty|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze")
# a chapter's label set on lines of its own over its title ("CHAPTER" / "ONE" in a Sphinx manual,
# "Part II", "Chapitre 3", "Annexe A"), or its number alone
ROMAN = r"(?=[ivxlc])(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})"  # i to xcix: not "civil", "mild"
CHAPTER_LABEL = re.compile(r"(?:(?:chapter|chapitre|part|partie|book|livre|appendix|annex|annexe|titre|unit|module)"
                           r"(?:\s+(?:\d{1,3}|" + ROMAN + r"|[a-z]|" + NUMBER_WORDS + r"))?"
                           r"|\d{1,3}|" + ROMAN + r"|" + NUMBER_WORDS + r")\.?", re.I)
TERMINAL = re.compile(r"[.!?…:;]['’\"”»)\]]*$")


def reference_heading(text: str, whole: bool = False) -> bool:
    """"References", "4. Bibliographie", "Works cited": a heading that begins so, or (`whole`) a
    line that is nothing else (a note's last line "References’." ends a title)."""
    bare = SECTION_NUMBER.sub("", text).strip()
    m = REFERENCE_HEADINGS.search(bare)
    if whole:
        return m is not None and not bare[m.end():].strip(" :")
    return m is not None


@dataclass(frozen=True)
class Block:
    """A heading or a paragraph in reading order, before sections and zones are known."""

    kind: str  # "heading" | "para"
    text: str
    page: int | None = None
    level: int = 0  # heading level, 1 = largest
    markers: tuple[Marker, ...] = ()
    italic: bool = False  # the whole block is italic (pull-quote candidate)
    list_item: bool = False
    open_end: bool = False  # its last line runs to the right margin (the text goes on)
    breaks: tuple[tuple[int, int], ...] = ()  # (offset, page) where the text moves to another page
    zone: str = ""  # set by the ingester for what is not running prose (toc, caption); else from headings


def heading_text(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("*", "")).strip()


def continues(prev: Block, nxt: Block) -> bool:
    """Does `nxt` continue the paragraph `prev` (split by a page break or a footnote block)?"""
    if prev.kind != "para" or nxt.kind != "para" or prev.italic != nxt.italic or prev.zone or nxt.zone:
        return False
    if nxt.list_item or not nxt.text or other_language(prev.text, nxt.text):
        return False  # parallel-text columns: a paragraph never runs on into its translation
    if TERMINAL.search(prev.text.rstrip()):
        return False
    if prev.open_end and nxt.page is not None and prev.page is not None and nxt.page > prev.page:
        return True  # a full last line at the page bottom, no end punctuation: same paragraph
    first = nxt.text.lstrip()[:1]
    return first.islower() or first in "([–—-,;"


def join_text(left: str, right: str) -> tuple[str, int]:
    """Join two pieces of running text; returns the text and the offset where `right` starts.
    A hyphen ending `left` before a lowercase letter is kept and no space is added."""
    left, right = left.rstrip(), right.lstrip()
    if not left:
        return right, 0
    glued = left.endswith("-") and len(left) > 1 and left[-2].isalpha() and right[:1].islower()
    sep = "" if glued else " "
    return left + sep + right, len(left) + len(sep)


def merge_blocks(a: Block, b: Block) -> Block:
    text, shift = join_text(a.text, b.text)
    markers = a.markers + tuple(Marker(m.offset + shift, m.n) for m in b.markers)
    breaks = a.breaks + tuple((off + shift, p) for off, p in b.breaks)
    return replace(a, text=text, markers=markers, open_end=b.open_end, breaks=breaks)


def merge_continued(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    for block in blocks:
        if out and continues(out[-1], block):
            out[-1] = merge_blocks(out[-1], block)
        else:
            out.append(block)
    return out


def strip_ellipsis(text: str) -> str:
    return re.sub(r"^(\.\.\.|…)\s*|\s*(\.\.\.|…)$", "", text.strip())


def pullquote_flags(blocks: list[Block]) -> list[bool]:
    """An italic paragraph whose text also stands in a non-italic paragraph is a pull quote."""
    body = " ".join(fold(b.text) for b in blocks if b.kind == "para" and not b.italic)
    flags = []
    for b in blocks:
        key = fold(strip_ellipsis(b.text)) if b.kind == "para" and b.italic else ""
        flags.append(len(key) >= 20 and key in body)
    return flags


def chapter_label(blocks: list[Block], k: int) -> bool:
    """blocks[k] is a chapter's label over its title ("CHAPTER" then "ONE" then "INTRODUCTION",
    fncychap's style that every Sphinx manual uses): its lines were read as sentences of the
    chapter before. Like a heading over a heading, it is a row of zone heading."""
    j = k
    while j < len(blocks) and blocks[j].kind == "para" and CHAPTER_LABEL.fullmatch(blocks[j].text.strip()):
        j += 1
    return j > k and j < len(blocks) and blocks[j].kind == "heading" and j - k <= 2


def build_paragraphs(blocks: list[Block]) -> tuple[Paragraph, ...]:
    """Sections, zones and pull quotes for a document's blocks (title first if it has one)."""
    blocks = merge_continued([b for b in blocks if b.text.strip()])
    quotes = pullquote_flags(blocks)
    zones = assign_zones(blocks)
    section = ""
    out = []
    in_references = False
    listed = False  # the references were opened by a line of the list's own type, not a heading
    carried: tuple[Marker, ...] = ()  # markers of a heading go to the first sentence under it
    for k, (block, zone, quote) in enumerate(zip(blocks, zones, quotes)):
        if block.kind == "heading":
            text = heading_text(block.text)
            if (k + 1 < len(blocks) and blocks[k + 1].kind == "heading" or text == section) and text.strip():
                # a heading with no text of its own ("Part One: ...", a slide deck's section
                # slide) over the next heading: its words would be in no sentence and no
                # section value; it is a row of its own, zone heading, in the section it
                # closes (issue 13); so is a heading repeating the section it stands in (a
                # slide's title over each of its build steps, a running title set large)
                out.append(Paragraph(text, block.page, section, "heading", ()))
            section = text
            in_references, listed = reference_heading(section), False
            carried += tuple(Marker(0, m.n) for m in block.markers)
            continue
        if (block.kind == "para" and not block.zone and reference_heading(block.text, whole=True)
                and k + 1 < len(blocks) and blocks[k + 1].kind == "para" and len(blocks[k + 1].text.split()) >= 5):
            # "References" on a line of its own in the list's small type, no heading by its size
            # (a journal's back matter), over an entry (not a contents line): its section all the
            # same, and the list under it
            section, in_references, listed = block.text.strip(), True, True
            continue
        if block.kind == "para" and not block.zone and chapter_label(blocks, k):
            out.append(Paragraph(block.text.strip(), block.page, section, "heading", ()))
            continue
        if quote:
            zone = "pullquote"
        if block.zone and zone != "pullquote":
            zone = block.zone
        elif in_references and (zone == "back" or (listed and zone == "body")):
            zone = "references"
        lead = len(block.text) - len(block.text.lstrip())
        breaks = tuple((max(0, off - lead), p) for off, p in block.breaks)
        out.append(Paragraph(block.text.strip(), block.page, section, zone, carried + block.markers, breaks))
        carried = ()
    if carried and out:  # a marked heading with no text under it: its notes go to the last sentence
        last = out[-1]
        out[-1] = replace(last, markers=last.markers + tuple(Marker(len(last.text), m.n) for m in carried))
    elif carried:
        out.append(Paragraph(section, None, section, "body", carried))
    return tuple(out)


def assign_zones(blocks: list[Block]) -> list[str]:
    """front until the first heading that is not front matter, back for reference-like
    sections and for a trailing run of paragraphs with no sentence (an imprint)."""
    zones: list[str] = []
    headings = [b for b in blocks if b.kind == "heading"]
    zone = "front" if headings else "body"  # no headings: all body
    if headings and not any(not FRONT_HEADINGS.search(heading_text(h.text)) for h in headings[1:]):
        zone = "body"  # a title and nothing else to open the body: the text after the title is body
    front_level: int | None = None
    seen_title = False
    title_at: int | None = None
    for k, b in enumerate(blocks):
        if b.kind == "heading":
            text = SECTION_NUMBER.sub("", heading_text(b.text))
            if not seen_title and zone == "front" and front_level is None and SECTION_NUMBER.match(heading_text(b.text)):
                seen_title, zone = True, "body"  # a numbered section first ("1 Introduction"): no title heading
            elif not seen_title and zone == "front" and front_level is None:
                seen_title, title_at = True, k  # the document title opens the front matter
            elif FRONT_HEADINGS.search(text) and zone == "front":
                front_level = b.level if front_level is None else min(front_level, b.level)
            elif (zone == "front" and front_level is not None and b.level > front_level
                  and not NUMBERED_SECTION.match(heading_text(b.text))):
                pass  # a sub-heading inside the front matter (e.g. glossary groups); a numbered
                # one ("1.1 Features") is a chapter's section: a chapter named like front matter
                # (a Sphinx manual's "Chapter One: Contents") had kept a whole book in `front`
            elif BACK_HEADINGS.search(text) and zone == "body":
                zone = "back"
            else:
                zone = "body" if zone != "back" or not BACK_HEADINGS.search(text) else "back"
        zones.append(zone)
    if title_at is not None:
        # under the title on its page, a title page (a subtitle, authors, a date, a publisher): a
        # few lines; a text of prose there is the body, its first heading taken for the title
        # (issue 13: the first pages of a document were front matter, out of every network)
        run = range(title_at + 1, next((i for i in range(title_at + 1, len(blocks)) if blocks[i].kind == "heading"),
                                       len(blocks)))
        page = blocks[title_at].page
        if sum(len(blocks[i].text.split()) for i in run if blocks[i].kind == "para" and blocks[i].page == page) > TITLE_PAGE_WORDS:
            for i in run:
                if zones[i] == "front":
                    zones[i] = "body"
    # a trailing imprint: short paragraphs after the last one that ends like prose, a small part
    # of the text (an agenda's items or a page of lists end without a stop, and a long paragraph
    # cut short is prose: taken for an imprint, a whole document was back matter, issue 13)
    last_prose = max(
        (i for i, b in enumerate(blocks)
         if b.kind == "para" and (TERMINAL.search(b.text.rstrip()) or len(b.text.split()) > IMPRINT_WORDS)),
        default=-1,
    )
    tail = [i for i in range(last_prose + 1, len(blocks)) if blocks[i].kind == "para" and zones[i] == "body"]
    text = sum(len(b.text) for b in blocks if b.kind == "para")
    if sum(len(blocks[i].text) for i in tail) <= IMPRINT_SHARE * text:
        for i in tail:
            zones[i] = "back"
    return zones


def title_of(blocks: list[Block]) -> str:
    for b in blocks:
        if b.kind == "heading":
            return heading_text(b.text)
    return ""
