"""The PDF reader's settings, its error, and the `Line`s and `Seg`s its steps pass on."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property






class IngestError(Exception):
    """A document that cannot be read; the message is one clear line for documents.csv."""

    @classmethod
    def because(cls, what: str, exc: BaseException) -> "IngestError":
        """"what (ExceptionName: its message on one line, 160 characters at most)"."""
        detail = " ".join(str(exc).split())[:160]
        return cls(f"{what} ({type(exc).__name__}: {detail})")


@dataclass(frozen=True)
class PdfSettings:
    x_tolerance: float = 1.5  # used only when x_tolerance_ratio is None
    # a gap wider than this fraction of the glyph's size ends a word: small type set tight (8 pt
    # notes whose spaces are 1.5 pt) is not glued into one word (issue 13: "Received4October2005")
    x_tolerance_ratio: float | None = 0.15
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
    # where the text comes from (`engines`): "pdfium" (pypdfium2's text page, about five times
    # faster to read) or "pdfplumber" (pdfminer's parser, the reference); one layout code for both
    engine: str = "pdfium"


@dataclass(frozen=True)
class Seg:
    """A run of a line's text; superscripts are kept apart so markers can be read."""

    text: str
    sup: bool = False
    link: str = ""

    def note_numbers(self) -> list[int]:
        """The note numbers a superscript carries ("12", "3, 4", "5–7", and in brackets as a web
        page prints them, "[12]", "[3][4]"); [] for text that is not such a marker."""
        if not self.sup or not SUP_MARKER.fullmatch(self.text):
            return []
        return [int(x) for x in re.findall(r"\d+", self.text)]


# type smaller than this, in points: text hidden for screen readers (1 pt, white). A hundredth of a
# point of rounding in its glyphs' places is a tenth of an em, so pdfium's inserted spaces and the
# x tolerance parted words there ("F ield", "conve nie nce"); its gaps are weighed more loosely
TINY = 2.0
AFFILIATION_MARK = re.compile(r"[a-z*†‡§]|[a-z](?:,[a-z])+")  # an author's raised "ᵃ", "ᵃ,ᵇ", "*"
SUP_MARKER = re.compile(r"[\d,\s–-]*\d[\d,\s–-]*|\s*(?:\[\s*\d+(?:\s*[,–-]\s*\d+)*\s*\]\s*)+")
# the letters of scripts written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko and their
# presentation forms), as ranges of code points, and a pattern finding one in a text
RTL_RANGES = ((0x0590, 0x08FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFC))
RTL = re.compile("[" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in RTL_RANGES) + "]")
# a space glyph some fonts map into the private use area (Symbol-encoded fonts: U+F020, U+F0A0)
PRIVATE_SPACES = "\uf020\uf0a0"


def is_rtl(code: int) -> bool:
    """Is this code point a letter of a script written right to left (`RTL_RANGES`)?"""
    return any(lo <= code <= hi for lo, hi in RTL_RANGES)


def runs_level(matrix) -> bool:
    """Does text set by this matrix (a, b, c, d, ...) run nearer the page's across than up, its
    glyphs' upright axis nearer the page's up than across? Not a watermark set at 45 degrees (a
    tie: its letters were read into the lines it crosses, "DONOTNovitasSEND"), nor text turned by
    a matrix whose a and d are all but 0 (Word's -4.4e-08); an oblique (a sheared matrix) does."""
    return abs(matrix[1]) < abs(matrix[0]) and abs(matrix[2]) <= abs(matrix[3])


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
    mono: bool = False  # set in a typewriter face (a code listing)
    page_height: float = 792.0
    page_width: float = 612.0
    seg: int = 0  # the column segment of the page it belongs to, in reading order
    col: int = 0  # its column in a band of columns (0 when the line runs across the page)
    ncols: int = 1  # how many columns its band has
    zone: str = ""  # "table" for a table row read apart from the running text (pdf.tables), "lineno" a page's line numbers
    beside: bool = False  # set beside the running text (a box, a pull quote): read after it (lines.side_by_side)
    tab_number: bool = False  # ends in a number set two ems or more after its text (a contents row without leaders)

    @cached_property
    def text(self) -> str:
        return "".join(s.text for s in self.segs).strip()
