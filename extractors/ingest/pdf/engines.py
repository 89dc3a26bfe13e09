"""Where a page's text comes from: the PDF engines behind one small page interface (issue 18).

The layout steps (`words`, `lines`, `tables`) read a page through a few members: its words
(`words.page_words`), `width`, `height`, `lines`/`rects`/`curves` (drawn shapes), `images`,
`hyperlinks`, `find_tables` and `close`, and, on the slow path, `chars` (dicts with text, x0, x1,
top, bottom, size, fontname, upright, matrix), `extract_words` and `dedupe_chars`. A pdfplumber
page has them all. `PdfiumPage` gives the same from pypdfium2's text page, in pdfplumber's frame
(top-left origin, the page's /Rotate applied, the media box's origin taken off):

- `stream_words`: an upright page's words in one pass over pdfium's characters, with no record
  per character (pdfplumber's word rule: one size and font, one line, gaps within the x
  tolerance), spaces from space glyphs and from pdfium's inserted spaces; about five times faster
  than pdfplumber's reading of the same page (bench/RESULTS.md, item 8);
- `chars`: per-character records for what the one pass does not read (pages turned by /Rotate,
  text set turned or mirrored, text printed twice over), grouped by pdfplumber's `extract_words`;
- drawn shapes sorted as pdfminer sorts them, and pdfplumber's own `TableFinder` run on their
  edges, so ruled tables are found without pdfminer.

Both engines feed the same layout code; tests/test_pdf_engines.py reads every fixture with both.
"pdfplumber" (pdfminer's parser) is the reference; "pdfium" is the default, chosen by measurement
(same text, five times faster); `--pdf-engine` chooses, and the choice is part of the cache key.
"""
from __future__ import annotations

import bisect
import contextlib
import ctypes
import math
import re
import threading
from functools import cached_property, lru_cache
from pathlib import Path

from pdfplumber.utils import dedupe_chars, extract_words

from extractors.ingest.pdf.glyphs import (ACCENT_CODES, ADOBE_PRIVATE_SIGNS, C1_AS_CP1252, OFFICE_LIGATURE_IDS, PLANE_16,
                                          SUSPECT, UNMAPPED, cid_key, font_key, mac_roman_cmap, named_glyphs,
                                          office_ligatures, overlaps, symbol_letters, with_accent)
from extractors.ingest.pdf.types import PRIVATE_SPACES, TINY, is_rtl, runs_level

ENGINES = ("pdfium", "pdfplumber")
# PDFium is not thread-safe, not even across documents: one pdfium call at a time in a process
# (pypdfium2's "Incompatibility with Threading"). Threads of one process may read PDFs at once
# (document tasks, fetched sources), so a whole pdfium reading holds this lock; another thread
# goes on with its spaCy work meanwhile, and worker processes (--workers N) each have their own.
_PDFIUM = threading.RLock()


def engine_lock(engine: str):
    """The lock a reading with `engine` must hold (none for pdfplumber)."""
    return _PDFIUM if engine == "pdfium" else contextlib.nullcontext()


OVERHANG = frozenset(map(ord, "fſƒ"))  # roman glyphs whose ink reaches past their advance
SHEAR = 0.05  # a text matrix slanting upright text more than this (c/d) sets an oblique
# the glyphs that end a word (pdfplumber's `keep_blank_chars=False`: what `str.isspace` holds
# blank, the no-break space too, but a C1 code: a cp1252 letter, `C1_AS_CP1252`; and a symbol
# font's space, `types.PRIVATE_SPACES`)
SPACE_GLYPHS = (frozenset(c for c in range(32, 0x3001) if chr(c).isspace() and not 0x80 <= c < 0xA0)
                | frozenset(map(ord, PRIVATE_SPACES)))
DESCENT = -0.2  # a glyph's box reaches this far under the baseline, in em (the common descent)
INVISIBLE = 3  # FPDF_TEXTRENDERMODE_INVISIBLE
# an OCR layer (text drawn invisible over a scan) places each glyph where the engine saw it, and
# the engine's fitting leaves gaps inside words ("Chin a Ocea n Shippin g"): where the layer types
# its own spaces between words, pdfium's inserted ones are no word breaks, and a gap must be this
# wide (in em) to be one
# a drawn path smaller than SMALL_PATH each way (pt), and not thinner than THIN_PATH, is a glyph
# drawn as a shape, a chart's marker, a bullet: its segments are not read (a table's rulings, a
# note's separator are longer, or thin: a ruling drawn piece by piece, 0.5 pt by 5, is read; a
# stroked piece's bounds hold its line width, about 1.2 pt across for a 0.6 pt line)
SMALL_PATH, THIN_PATH = 6.0, 2.0
OCR_GAP = 0.3
# a Type 3 font's glyph boxes are its glyphs' ink (the bounding box each glyph procedure declares),
# not their advances: between the ink of two letters of a word stands up to 0.2 em (a tabular "1"
# beside a "9": "14,9 18,000" for "14,918,000", Skia's Type 3 figures), between words 0.23 em or
# more where pdfium inserts its spaces (measured on Chromium's and pdfminer's samples); the word
# breaks of such text are pdfium's, and a gap parts letters only from this wide (in em)
INK_GAP = 0.3


class PdfiumDocument:
    """A PDF opened with pypdfium2."""

    def __init__(self, path: Path):
        import pypdfium2 as pdfium

        self.path = Path(path)
        self.doc = pdfium.PdfDocument(str(path))
        self._plumber = None  # pdfplumber's reading of the document, for pages pdfium cannot parse

    @cached_property
    def pages(self) -> "PdfiumPages":
        return PdfiumPages(self)

    @cached_property
    def named_glyphs(self) -> dict[tuple[str, str], dict[int, str]]:
        """Letters for the glyphs pdfium gives as control codes, by font (`glyphs.named_glyphs`):
        read on the first such glyph only."""
        return named_glyphs(self.path)

    def mac_roman_cmap(self, program: bytes) -> bool:
        """`glyphs.mac_roman_cmap`, once per font program in the document."""
        cache = self.__dict__.setdefault("_mac", {})
        key = (len(program), hash(program))
        if key not in cache:
            cache[key] = mac_roman_cmap(program)
        return cache[key]

    @cached_property
    def metadata(self) -> dict:
        try:
            return dict(self.doc.get_metadata_dict(skip_empty=True))
        except Exception:
            return {}

    def plumber_page(self, index: int):
        """Page `index` read by pdfplumber, where it finds characters (else None): for a page
        whose content stream pdfium parses no object out of. pdfium drops the whole stream at
        an inline image whose data runs short, which pdfminer reads past (a manual's index page
        lost all its text). The pdfplumber document is opened on the first such page."""
        if self._plumber is None:
            import pdfplumber

            try:
                self._plumber = pdfplumber.open(self.path)
            except Exception:  # noqa: BLE001 — the pdfium reading stands
                self._plumber = False
        if not self._plumber:
            return None
        try:
            page = self._plumber.pages[index]
            if page.chars:
                return page
            page.close()
        except Exception:  # noqa: BLE001 — the pdfium reading stands
            pass
        return None

    def close(self) -> None:
        if self._plumber:
            self._plumber.close()
        self.doc.close()


class PdfiumPages:
    """`pdf.pages`: a length and one page at a time (nothing kept once a page is closed)."""

    def __init__(self, owner: PdfiumDocument):
        self.owner = owner

    def __len__(self) -> int:
        return len(self.owner.doc)

    def __iter__(self):
        """Each page read by pdfium, but one pdfium parsed nothing out of (not even an image),
        which pdfplumber reads if it finds text on it (`PdfiumDocument.plumber_page`)."""
        for i in range(len(self)):
            page = PdfiumPage(self.owner, i)
            if page.raw.FPDFPage_CountObjects(page.page.raw) == 0:
                fallback = self.owner.plumber_page(i)
                if fallback is not None:
                    page.close()
                    yield fallback
                    continue
            yield page


# pdfminer's matrix for a page turned by /Rotate (pdfminer.pdfinterp.PDFPageInterpreter.process_page)
def _rotation(rotate: int, x0: float, y0: float, x1: float, y1: float) -> tuple:
    if rotate == 90:
        return (0, -1, 1, 0, -y0, x1)
    if rotate == 180:
        return (-1, 0, 0, -1, x1, y1)
    if rotate == 270:
        return (0, 1, -1, 0, y1, -x0)
    return (1, 0, 0, 1, -x0, -y0)


SURROGATE = re.compile("[\ud800-\udfff]")
NO_CHARACTER = -1  # the second half of a surrogate pair: no glyph of its own (read by neither pass)


def paired_surrogates(codes: list[int]) -> list[int]:
    """pdfium's text page holds a character beyond the BMP (a mathematical italic "𝑥", U+1D465)
    as two UTF-16 code units, each at its own index: the pair becomes the one code point at the
    first index and NO_CHARACTER at the second, so that no lone surrogate reaches the text (it
    cannot be encoded, and spaCy fails on it). A lone surrogate is left out too."""
    out = list(codes)
    for i, u in enumerate(out):
        if 0xD800 <= u <= 0xDBFF and i + 1 < len(out) and 0xDC00 <= out[i + 1] <= 0xDFFF:
            out[i] = 0x10000 + ((u - 0xD800) << 10) + (out[i + 1] - 0xDC00)
            out[i + 1] = NO_CHARACTER
        elif 0xD800 <= u <= 0xDFFF:
            out[i] = NO_CHARACTER
    return out


def _gap_record(prev: dict, nxt: dict) -> dict:
    """A blank record for a space pdfium inserted between two glyphs: the gap between their
    boxes, along the way the text runs (across for text set upright, down for text turned)."""
    gap = dict(prev, text=" ", generated=True)
    if abs(nxt["x0"] - prev["x0"]) >= abs(nxt["top"] - prev["top"]):
        lo, hi = (prev["x1"], nxt["x0"]) if nxt["x0"] >= prev["x0"] else (nxt["x1"], prev["x0"])
        gap.update(x0=min(lo, hi), x1=max(lo, hi))
    else:
        lo, hi = (prev["bottom"], nxt["top"]) if nxt["top"] >= prev["top"] else (nxt["bottom"], prev["top"])
        gap.update(top=min(lo, hi), bottom=max(lo, hi), doctop=min(lo, hi))
    gap.update(width=gap["x1"] - gap["x0"], height=gap["bottom"] - gap["top"])
    return gap


def _word(text: list[str], x0: float, x1: float, top: float, bottom: float, info: tuple, space: bool) -> dict:
    """A word as pdfplumber's `extract_words` gives it (with extra_attrs size and fontname)."""
    w = {"text": "".join(text), "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top,
         "upright": info[2] == "up", "size": info[0], "fontname": info[1], "width": x1 - x0,
         "height": bottom - top, "direction": "ltr"}
    if space:
        w["space_before"] = True
    return w


def _once_each(words: list[dict]) -> list[dict]:
    """A run printed twice over gives its words twice at one place (within a point): kept once."""
    seen: dict[tuple, list[float]] = {}
    kept = []
    for w in words:
        x, y, row = w["x0"], w["top"], int(w["top"])
        if any(abs(px - x) <= 1 and abs(py - y) <= 1
               for r in (row - 1, row, row + 1) for px, py in seen.get((w["text"], r), ())):
            continue
        seen.setdefault((w["text"], row), []).append((x, y))
        kept.append(w)
    return kept


MARKS = frozenset("´`¨^˜~¸˘ˇ˙˚¯˝˛") | frozenset(chr(c) for c in range(0x300, 0x370))


def _place_marks(words: list[dict], starts: list[list[float]], y_tolerance: float) -> list[dict]:
    """An accent drawn apart from its letter, later in the page's stream (after the rest of the
    line), stands inside the word it belongs to: it goes into that word where it stands, as
    pdfplumber orders a line's glyphs by x ("Germa´n", not "German ´"). `starts`: where each
    word's glyphs start."""
    marks = [k for k, w in enumerate(words) if w["text"][0] in MARKS and all(ch in MARKS for ch in w["text"])]
    if not marks:
        return words
    drop = set()
    for k in marks:
        m = words[k]
        for j, w in enumerate(words):
            if w is not m and w["x0"] <= m["x0"] < w["x1"] and abs(w["top"] - m["top"]) <= y_tolerance \
                    and not all(ch in MARKS for ch in w["text"]):
                xs = starts[j]
                for ch, x in zip(m["text"], starts[k]):
                    at = bisect.bisect_right(xs, x)
                    xs.insert(at, x)
                    w["text"] = w["text"][:at] + ch + w["text"][at:]
                drop.add(k)
                break
    return [w for k, w in enumerate(words) if k not in drop]


def _space_between(boxes: tuple, before: tuple[float, float], x_after: float, top: float, size: float, empty,
                   level: bool = False) -> tuple[float, float] | None:
    """(x0, x1) of a space standing after the glyph `before` (its x0, x1) and at most half a
    point past `x_after` (where the next glyph starts), on the line whose glyphs' top is `top`
    (of type `size`): the first of `boxes` (the page's text objects, sorted,
    `PdfiumPage._text_boxes`) there for which `empty(object)` says it has no character in
    pdfium's text page; None when there is none. A space that moved the pen on by nothing is
    no word space: one drawn where a glyph starts, or inside the glyph before when the next
    glyph touches it on the same line (`level`: same top). (Chromium writes a soft hyphen
    inside a word as such a space: "sep arat ist", "subj ected" were read for "separatist",
    "subjected".)"""
    x_before, x_end = before
    at = bisect.bisect_right(boxes, (x_before, float("inf")))
    near = 0.002 * size  # the same origin, but for rounding
    for bx0, bx1, btop, bbottom, obj in boxes[at:]:
        if bx0 > x_after + 0.5:
            return None
        if btop < top + size and bbottom > top and empty(obj):
            if abs(bx0 - x_after) <= near or abs(bx0 - x_before) <= near:
                continue
            if level and bx0 < x_end - 0.1 * size and x_after <= x_end + 0.1 * size:
                continue
            return bx0, bx1
    return None


def _font_name(raw, font) -> str:
    if not font:
        return ""
    buf = ctypes.create_string_buffer(256)
    k = raw.FPDFFont_GetBaseFontName(font, buf, 256)
    return buf.raw[: max(0, k - 1)].decode("utf-8", "replace") if k else ""


def _is_type3(raw, font, name: str) -> bool:
    """A Type 3 font, as pdfium shows one: embedded, with no font program (its glyphs are content
    streams) and no base font name (`name`, `_font_name`'s)."""
    if name or not raw.FPDFFont_GetIsEmbedded(font):
        return False
    n = ctypes.c_size_t(0)
    return not raw.FPDFFont_GetFontData(font, None, 0, ctypes.byref(n)) or n.value == 0


def _proto(fn, restype, *args):
    """A pdfium function called with plain C types (addresses as ints): ctypes converts no
    pointer object per call, and a pointer comes back as an address to compare."""
    return ctypes.CFUNCTYPE(restype, *args)(ctypes.cast(fn, ctypes.c_void_p).value)


@lru_cache(maxsize=1)
def _calls(raw) -> tuple:
    """The per-character calls: (get_unicode, get_loose_box, is_generated, get_text_object)."""
    proto, vp, i = _proto, ctypes.c_void_p, ctypes.c_int
    return (proto(raw.FPDFText_GetUnicode, ctypes.c_uint, vp, i), proto(raw.FPDFText_GetLooseCharBox, i, vp, i, vp),
            proto(raw.FPDFText_IsGenerated, i, vp, i), proto(raw.FPDFText_GetTextObject, vp, vp, i))


def _inside_word(codes: list[int], i: int) -> bool:
    """Do letters stand on both sides of code i (a glyph with no character inside a word: an
    unmapped ligature, "e?cacy"; not a formula's operator standing alone)?"""
    return 0 < i < len(codes) - 1 and chr(codes[i - 1]).isalpha() and chr(codes[i + 1]).isalpha()


@lru_cache(maxsize=1)
def _path_calls(raw) -> tuple:
    """The per-object and per-segment calls of the drawing walk."""
    proto, vp, i = _proto, ctypes.c_void_p, ctypes.c_int
    return (proto(raw.FPDFPageObj_GetType, i, vp), proto(raw.FPDFPageObj_GetMatrix, i, vp, vp),
            proto(raw.FPDFPath_CountSegments, i, vp), proto(raw.FPDFPath_GetPathSegment, vp, vp, i),
            proto(raw.FPDFPathSegment_GetPoint, i, vp, vp, vp), proto(raw.FPDFPathSegment_GetType, i, vp),
            proto(raw.FPDFPathSegment_GetClose, i, vp), proto(raw.FPDFFormObj_CountObjects, i, vp),
            proto(raw.FPDFFormObj_GetObject, vp, vp, ctypes.c_ulong), proto(raw.FPDFPage_GetObject, vp, vp, i),
            proto(raw.FPDFPageObj_GetBounds, i, vp, vp, vp, vp, vp))


@lru_cache(maxsize=1)
def _glyph_calls(raw) -> tuple:
    """The per-object and per-glyph calls of `_object_info` and `_advance_box`: (get_matrix,
    get_font_size, get_font, get_origin, glyph_width, get_render_mode)."""
    proto, vp, i = _proto, ctypes.c_void_p, ctypes.c_int
    return (proto(raw.FPDFText_GetMatrix, i, vp, i, vp), proto(raw.FPDFText_GetFontSize, ctypes.c_double, vp, i),
            proto(raw.FPDFTextObj_GetFont, vp, vp), proto(raw.FPDFText_GetCharOrigin, i, vp, i, vp, vp),
            proto(raw.FPDFFont_GetGlyphWidth, i, vp, ctypes.c_uint, ctypes.c_float, vp),
            proto(raw.FPDFTextObj_GetTextRenderMode, i, vp))


@lru_cache(maxsize=1)
def _text_object_calls(raw) -> tuple:
    """The per-object calls of the look for dropped spaces: (get_text, get_bounds)."""
    proto, vp = _proto, ctypes.c_void_p
    return (proto(raw.FPDFTextObj_GetText, ctypes.c_ulong, vp, vp, vp, ctypes.c_ulong),
            proto(raw.FPDFPageObj_GetBounds, ctypes.c_int, vp, vp, vp, vp, vp))


def _axis_box(pts: list[tuple[float, float]]) -> bool:
    """Four corners (the fifth closing the box) joined by horizontal and vertical sides."""
    corners = pts[:4]
    sides = zip(corners, corners[1:] + corners[:1])
    return all(abs(p[0] - q[0]) < 1e-3 or abs(p[1] - q[1]) < 1e-3 for p, q in sides)


def _mult(m: tuple, n: tuple) -> tuple:
    a, b, c, d, e, f = m
    a1, b1, c1, d1, e1, f1 = n
    return (a * a1 + b * c1, a * b1 + b * d1, c * a1 + d * c1, c * b1 + d * d1,
            e * a1 + f * c1 + e1, e * b1 + f * d1 + f1)


class PdfiumPage:
    """One page read with pdfium's text page, in pdfplumber's frame."""

    def __init__(self, owner: PdfiumDocument, index: int):
        import pypdfium2.raw as raw

        self.raw = raw
        self.owner = owner
        self.index = index
        self.page = owner.doc[index]
        self.page_number = index + 1
        # the media box, as pdfplumber frames a page; pdfium reads it only from the page's own
        # dictionary (crbug.com/pdfium/1786), so an inherited one comes from the bounding box
        l, b, r, t = self.page.get_mediabox(fallback_ok=False) or self.page.get_bbox()
        self.rotate = self.page.get_rotation() % 360
        self.ctm = _rotation(self.rotate, l, b, r, t)
        w, h = r - l, t - b
        self.width, self.height = (h, w) if self.rotate in (90, 270) else (w, h)
        self._textpage = None
        self._objects = None
        self._last_origin = (-2, 0.0, 0.0)  # (index, x, y) of the last glyph `_advance_box` placed
        # buffers the plain-C calls write into, by address: a text matrix (FPDFText_GetMatrix),
        # an origin's x and y (FPDFText_GetCharOrigin), a glyph's width (FPDFFont_GetGlyphWidth)
        self._matrix = raw.FS_MATRIX()
        self._xy = (ctypes.c_double * 2)()
        self._x_addr = ctypes.addressof(self._xy)
        self._y_addr = self._x_addr + ctypes.sizeof(ctypes.c_double)
        self._w = (ctypes.c_float * 1)()
        self._w_addr = ctypes.addressof(self._w)
        # font -> its embedded program (`_font_program`), its {code point pdfium gives: letters}
        # (`_font_letters`), and what `_recoding` makes of them
        self._programs: dict = {}
        self._named: dict = {}
        self._recoded: dict = {}

    # -- characters ---------------------------------------------------------------------------

    def textpage(self):
        if self._textpage is None:
            self._textpage = self.raw.FPDFText_LoadPage(self.page.raw)
        return self._textpage

    @cached_property
    def _tp(self) -> int:
        """The text page's address, for the plain-C calls."""
        return ctypes.cast(self.textpage(), ctypes.c_void_p).value

    def _object_info(self, obj: int, i: int, fonts: dict) -> tuple:
        """(size, fontname, frame, bottom, matrix, advance, hidden, inked) shared by the characters of
        one text object (one show operator: one font, one size, one matrix, one baseline). `frame` is "up" for
        text set upright, "turned" for text rotated or mirrored. `bottom` (text set upright on
        an unrotated page) is the baseline plus a descent of DESCENT em, the same for every
        font: pdfminer takes each font's own descent, which puts a maths font's glyphs (CMSY:
        0.96 em) a line lower than the text beside them, and pdfium's loose boxes reach over
        the glyphs' ink; None otherwise (the box comes from the glyph's loose box). `hidden`: text
        drawn invisible (render mode 3), as an OCR engine lays its text over a scanned page.
        `inked`: the font is a Type 3 font, whose glyph boxes are their ink (`INK_GAP`)."""
        raw = self.raw
        get_matrix, get_font_size, get_font, get_origin, _width, get_render_mode = _glyph_calls(raw)
        tp = self._tp
        mat = self._matrix
        get_matrix(tp, i, ctypes.addressof(mat))
        m = (mat.a, mat.b, mat.c, mat.d, mat.e, mat.f)
        if self.rotate:
            m = _mult(m, self.ctm)
        # pdfium's size is the one set by Tf; the text matrix scales it (a producer may set
        # 1-point type drawn ten times larger): pdfminer's size is the glyph's rendered height
        set_size = get_font_size(tp, i)
        turn = 1.0
        if set_size < 0:
            # a negative size (Tf -8) turns the glyphs half round, as a matrix [-1 0 0 -1] does:
            # a producer that sets both draws upright text (EDGAR's PDFlib), pdfminer's matrix,
            # which holds the size, says so, and a size is read as its magnitude
            turn, set_size = -1.0, -set_size
            m = (-m[0], -m[1], -m[2], -m[3], m[4], m[5])
        size = set_size * math.hypot(m[2], m[3])
        font = get_font(obj) if obj else None
        key = font or 0
        if key not in fonts:
            handle = ctypes.cast(ctypes.c_void_p(font), raw.FPDF_FONT) if font else None
            angle = ctypes.c_int(0)
            slanted = bool(font) and bool(raw.FPDFFont_GetItalicAngle(handle, angle)) and angle.value != 0
            name = _font_name(raw, handle)
            fonts[key] = (name, slanted, bool(font) and _is_type3(raw, handle, name))
        name, slanted, inked = fonts[key]
        if inked and m[3] < 0 < m[0] and self._stands_up(i):
            # a Type 3 font whose own matrix turns y back ([1 0 0 -1]: dvips's bitmap fonts through
            # Distiller 3, under a text matrix of d < 0): the glyph stands upright, and its page
            # was read bottom line first, taken for upside down
            m = (m[0], m[1], -m[2], -m[3], m[4], m[5])
        a, b, c, d = m[:4]
        up = a > 0 and d > 0 and runs_level(m)
        # a text matrix that shears upright text (an oblique made from a roman: Tm [1 0 0.27 1])
        # slants its glyphs' boxes as an italic font's are
        if up and not slanted:
            slanted = abs(c) > SHEAR * abs(d)
        bottom = None
        if up and not self.rotate:
            get_origin(tp, i, self._x_addr, self._y_addr)
            bottom = self.height - (self._xy[1] + self.ctm[5]) - DESCENT * size
        # pdfium's loose box holds the glyph's ink, which reaches past its advance in a slanted
        # font and for a roman "f" (its hook: "of the" read "ofthe"): those glyphs' boxes are
        # taken from the origin and the advance instead (`OVERHANG`)
        # (`advance`: what `_advance_box` needs: font, size set, the text's direction, slanted)
        advance = (font, set_size, turn * mat.a, turn * mat.b, slanted)
        hidden = bool(obj) and get_render_mode(obj) == INVISIBLE
        return size, name, "up" if up else "turned", bottom, m, advance, hidden, inked

    def _stands_up(self, i: int) -> bool:
        """Does glyph i's box reach higher above its origin than below it (pdfium's box of a Type 3
        glyph is its ink through the font's matrix and the text's)?"""
        rect = self.raw.FS_RECTF()
        if not _calls(self.raw)[1](self._tp, i, ctypes.addressof(rect)):  # (its loose box: the same here)
            return False
        _glyph_calls(self.raw)[3](self._tp, i, self._x_addr, self._y_addr)  # its origin
        y = self._xy[1]
        return rect.top - y > y - rect.bottom

    def _advance_box(self, i: int, u: int, advance: tuple) -> tuple[float, float, float, float] | None:
        """(x0, x1, top, bottom) of glyph i from its origin and advance, in pdfplumber's frame,
        where top/bottom are None for text running across and x0/x1 None for text running down
        (those come from the loose box); None when the font has no width for it."""
        font, tf, a, b, _slanted = advance
        if not font:
            return None
        _m, _s, _f, get_origin, glyph_width, _r = _glyph_calls(self.raw)
        if not glyph_width(font, u, tf, self._w_addr) or self._w[0] <= 0:
            return None  # (pdfium gives 0 for every glyph of a font it maps through a symbol cmap)
        get_origin(self._tp, i, self._x_addr, self._y_addr)
        ox, oy = self._xy[0], self._xy[1]
        w = self._w[0]
        last, self._last_origin = self._last_origin, (i, ox, oy)
        if last[0] == i - 1 and abs(last[1] - ox) < 0.01 and abs(last[2] - oy) < 0.01:
            return None  # a ligature's second letter ("fi" read as f + i from one origin): its loose box
        ex, ey = ox + w * a, oy + w * b
        a0, b0, c0, d0, e0, f0 = self.ctm
        p = (ox * a0 + oy * c0 + e0, self.height - (ox * b0 + oy * d0 + f0))
        q = (ex * a0 + ey * c0 + e0, self.height - (ex * b0 + ey * d0 + f0))
        if abs(q[0] - p[0]) >= abs(q[1] - p[1]):
            return min(p[0], q[0]), max(p[0], q[0]), None, None
        return None, None, min(p[1], q[1]), max(p[1], q[1])

    def stream_words(self, x_tolerance_ratio: float | None, x_tolerance: float, y_tolerance: float
                     ) -> list[dict] | None:
        """The words of a page set upright, read in one pass over pdfium's characters without a
        record per character: a word grows while its characters come from text of one size and
        font on one line, each within the x tolerance of the last (pdfplumber's rule for
        `extract_words` with `extra_attrs=["size", "fontname"]`), and ends at a space glyph or
        at a space pdfium inserts. A word after a space glyph is marked `space_before` (as
        `words.mark_spaces` marks pdfplumber's). A glyph printed again over itself (fake bold) is
        read once, as `dedupe_chars(tolerance=1)` does, and so is a word printed again at its own
        place (a run printed twice over): no second reading of such pages. Returns None when the
        page is not mostly upright text on an unrotated page (the caller then reads `chars`)."""
        if self.rotate:
            return None
        raw = self.raw
        rect = raw.FS_RECTF()
        get_box, is_generated, get_object = _calls(raw)[1:]
        tp_addr = self._tp
        box_addr = ctypes.addressof(rect)
        height, dx, dy = self.height, self.ctm[4], self.ctm[5]
        infos: dict[int, tuple] = {}
        fonts: dict = {}
        words: list[dict] = []
        text: list[str] = []
        xs: list[float] = []  # where each glyph of the word starts
        starts: list[list[float]] = []  # and of each word read (for `_place_marks`)
        upright = turned = 0
        # the word being read, and its last glyph
        wx0 = wx1 = wtop = wbottom = lx0 = lx1 = ltop = tol = 0.0
        winfo = info = last_obj = recoded = None
        wspace = False
        spaced = False  # a space (glyph or inserted) stands before the next glyph
        gap = False  # pdfium inserted a space before the next glyph
        blank = None  # the space glyph before the next glyph: (x0, x1)
        typed = False  # and it is a glyph of the page's stream (not a space object found beside it)
        last_u, last_left = -1, 0.0
        back = False  # a word began left of the last glyph on its line (text printed twice starts so)
        # pdfium leaves a text object holding only a space out of its text page: where a word
        # runs on from one text object into another, such a space may stand between them (a
        # producer that shows each word and each space apart: "Augustineasthe"); those spaces
        # are looked up where a word runs on so, in this same pass (the page's text objects'
        # boxes read at the first such join, and whether one has characters only for those there)
        boxes: tuple | None = None
        emptiness: dict[int, bool] = {}

        def empty(obj: int) -> bool:
            if obj not in emptiness:
                emptiness[obj] = self._has_no_chars(obj)
            return emptiness[obj]

        named = None  # the letters of a glyph pdfium gives as a control code ("f_f": "ff")
        unseen, out_of_sight = self._unseen, False  # text a form's clip hides (`_unseen`)
        letters, by_table = self._letters()
        typed_spaces = None  # does the page's text carry space glyphs of its own? (`OCR_GAP`)
        for i, u in enumerate(letters):
            if (u < 32 and u != 2) or u == 0xFFFE:
                # line ends pdfium inserts, control codes of glyphs without a character, but
                # for those a font names (`_named_glyph`)
                named = self._named_glyph(i, u, get_object, infos, fonts)
                if named is None:
                    if u or not _inside_word(letters, i):
                        continue
                    u = 0xFFFD  # a glyph with no character inside a word (an unmapped ligature: "e\ufffdcacy")
            if u == 32 and is_generated(tp_addr, i):
                # a space pdfium inserted where the glyphs' advances leave a word's gap: a word
                # break even where the boxes seem to touch (an italic "f" reaches over its
                # advance, and pdfium's boxes hold the ink: "of the" read "ofthe"); not in tiny type
                # (`types.TINY`: the gaps between its words decide, as on the pdfplumber engine),
                # nor where pdfium put it back before the word's last glyph (at an earlier
                # glyph: no gap of the line's, "t he", "loa ns" in 1-pt type scaled six times)
                if text and not (winfo[0] < TINY or (winfo[6] and typed_spaces)):
                    get_box(tp_addr, i, box_addr)
                    if rect.left + dx >= lx0 - 0.5 or is_rtl(last_u):  # (right-to-left text runs leftwards)
                        spaced = gap = True
                continue
            get_box(tp_addr, i, box_addr)
            left = rect.left
            x0 = left + dx
            if u in SPACE_GLYPHS:  # a space glyph ends the word (keep_blank_chars=False)
                blank, typed = (x0, rect.right + dx), True
                spaced = True
                continue
            obj = get_object(tp_addr, i)
            if obj != last_obj:
                last_obj = obj
                out_of_sight = obj in unseen
                if out_of_sight:
                    continue
                info = infos.get(obj)
                if info is None:
                    info = infos[obj] = self._object_info(obj, i, fonts)
                    if info[6] and typed_spaces is None:
                        typed_spaces = self._typed_spaces(letters)
                size, base, advance = info[0], info[3], info[5]
                slanted = advance[4]
                recoded = self._recoding(info)
                if text and not spaced:  # a word going on into another text object
                    if boxes is None:
                        boxes = self._text_boxes()
                    level = base is not None and abs(base - size - ltop) <= 0.05 * size
                    between = _space_between(boxes, (lx0, lx1), x0, ltop, winfo[0], empty, level)
                    if between is not None:
                        spaced, blank, typed = True, between, False
            elif out_of_sight:
                continue
            ch = chr(u) if u > 32 else "-" if u == 2 else named
            if u > 127:
                ch = recoded.get(u, ch)
            x1 = rect.right + dx
            # (not for a glyph whose letter a table gave (`_letters`): pdfium finds the width by the
            # code point it gave, and a CID's has none: "of optional" was one word, "of" as wide as an em)
            if (slanted or u in OVERHANG) and i not in by_table:
                box = self._advance_box(i, u, advance)
                if box is not None and box[0] is not None:
                    x0, x1 = box[0], box[1]
            if base is not None:
                bottom = base
                top = base - size
            else:
                top, bottom = height - rect.top - dy, height - rect.bottom - dy
            if text:
                if u == last_u and 0 < abs(left - last_left) <= min(1.0, 0.1 * size) and abs(top - ltop) <= 1:
                    # the same glyph printed again over itself, a little off (fake bold); a
                    # letter's double is an advance away, and a ligature's two letters ("ff")
                    # share one box exactly
                    continue
                same = (info is winfo or info[:3] == winfo[:3]) and -y_tolerance <= top - ltop <= y_tolerance
                if (u in ACCENT_CODES or last_u in ACCENT_CODES) and same and not spaced \
                        and overlaps(lx0, lx1, x0, x1):
                    letter = with_accent(text[-1], ch)  # an accent set on its letter (`words.set_accents`)
                    if letter is not None:
                        text[-1] = letter
                        if last_u in ACCENT_CODES:  # the letter's box, not the accent's
                            lx0, lx1, ltop = x0, x1, top
                            if x1 > wx1:
                                wx1 = x1
                        last_u, last_left = ord(letter), left
                        continue
                # the word goes on: the glyph stands after the last one, or (right-to-left
                # letters: Arabic, Hebrew) just before it, the word growing leftwards, its text kept
                # as the line shows it, left to right, as pdfplumber gives it (`lines.make_line`
                # puts the line in reading order)
                leftwards = x0 < lx0 and lx0 - tol <= x1 <= lx1 and is_rtl(u) and is_rtl(last_u)
                if same and not spaced and (leftwards or lx0 - tol <= x0 <= lx1 + tol):
                    if leftwards:
                        text.insert(0, ch)
                        xs.insert(0, x0)
                        wx0 = x0
                    else:
                        text.append(ch)
                        xs.append(x0)
                        if x1 > wx1:
                            wx1 = x1
                    if top < wtop:
                        wtop = top
                    if bottom > wbottom:
                        wbottom = bottom
                    lx0, lx1, ltop, last_u, last_left = x0, x1, top, u, left
                    continue
                if same and (not spaced or (gap and blank is None)) and wx0 - tol <= x0 < lx0 - tol:
                    # drawn back into the word (an accent set over its letter after the word:
                    # "German" + "´" over the a): in the word where it stands, as pdfplumber
                    # orders a line's glyphs by x
                    k = bisect.bisect_right(xs, x0)
                    text.insert(k, ch)
                    xs.insert(k, x0)
                    spaced = gap = False
                    continue
                words.append(_word(text, wx0, wx1, wtop, wbottom, winfo, wspace))
                starts.append(xs)
                if winfo[2] == "up":
                    upright += len(text)
                else:
                    turned += len(text)
                    if turned > 200 and turned > 4 * upright:
                        return None  # a turned page: its characters are read instead
                text = []
            if top - ltop < -y_tolerance or (x0 < lx0 - 1 and top - ltop <= y_tolerance):
                back = True  # drawn again from further up or left: maybe printed twice
            # a space glyph before the word: between the words' boxes, or (the stream says so) one
            # typed after the last glyph where the word starts at or after it, though their boxes
            # overlap it (tracking tightened: "Journalof"; an OCR layer that sets each word at its
            # place over the space typed after the one before: "grandplaisirque")
            wspace = gap or (blank is not None and (
                (blank[0] < x0 - 0.05 * size and x0 - 0.4 * size <= blank[1] <= x0 + 0.25 * size)
                or (typed and lx0 < blank[0] <= lx1 + 0.25 * size and x0 >= blank[0] - 0.1 * size)))
            text.append(ch)
            xs = [x0]
            wx0, wx1, wtop, wbottom, winfo = x0, x1, top, bottom, info
            tol = x_tolerance if x_tolerance_ratio is None else x_tolerance_ratio * size  # the word's
            if info[6] and typed_spaces:
                tol = max(tol, OCR_GAP * size)
            if info[7]:
                tol = max(tol, INK_GAP * size)
            lx0, lx1, ltop, last_u, last_left = x0, x1, top, u, left
            spaced = gap = False
            blank = None
        if text:
            words.append(_word(text, wx0, wx1, wtop, wbottom, winfo, wspace))
            starts.append(xs)
            if winfo[2] == "up":
                upright += len(text)
            else:
                turned += len(text)
        if turned > upright:
            return None
        words = _place_marks(words, starts, y_tolerance)
        return _once_each(words) if back else words

    def _typed_spaces(self, letters: list[int]) -> bool:
        """Does the page's text carry space glyphs of its own between its words (one character in
        twenty or more, besides those pdfium inserts)? An OCR layer that does marks its words with
        them (`OCR_GAP`); one that does not (Tesseract's) leaves its gaps to mark them."""
        is_generated = _calls(self.raw)[2]
        tp = self._tp
        typed = sum(1 for i, u in enumerate(letters) if u == 32 and not is_generated(tp, i))
        return typed >= 0.05 * len(letters)

    def _letters(self) -> tuple[list[int], frozenset[int]]:
        """The page's code points (`_codes`), where pdfium gives a glyph it cannot map by its CID
        (a CID TrueType font without /ToUnicode, or whose /ToUnicode leaves glyphs out:
        "0«QDND" for "Ménaka", "7XIWV" for "Tufts") those glyphs' letters
        (`glyphs._cid_truetype`), and U+FFFD for a glyph of such a font that has none. Looked for
        only on a page holding a code under 32 that pdfium did not insert, as such a font's glyphs
        almost always include: punctuation has low CIDs (or an Office font's ligature's id). With
        the indexes of the glyphs so read, whose width pdfium cannot find by the code point given."""
        codes = self._codes()
        if not SUSPECT.intersection(codes) and not OFFICE_LIGATURE_IDS.intersection(codes):
            return codes, frozenset()
        raw = self.raw
        get_object = _calls(raw)[3]
        tp, textpage = self._tp, self.textpage()
        tables: dict = {}  # font -> its {CID: letter} or None
        out = list(codes)
        read: set[int] = set()
        for i, u in enumerate(codes):
            if raw.FPDFText_HasUnicodeMapError(textpage, i) != 1:
                continue  # (a glyph pdfium maps, and the line ends and spaces it inserts)
            obj = get_object(tp, i)
            font = raw.FPDFTextObj_GetFont(ctypes.cast(ctypes.c_void_p(obj), raw.FPDF_PAGEOBJECT)) if obj else None
            key = ctypes.cast(font, ctypes.c_void_p).value if font else 0
            if key not in tables:
                name = _font_name(raw, font) if key else ""
                found = self._font_letters(key, name, cid=True) if key else {}
                tables[key] = ({c: t for c, t in found.items() if len(t) == 1} or None, office_ligatures(name))
            table, ligatures = tables[key]
            if u in ligatures:  # an Office font's ligature: its letters (`_recoding`), as Word may map it
                out[i] = PLANE_16 + u
            elif table is not None:  # (a glyph of such a font the table does not name: pdfium's
                out[i] = ord(table.get(u, "\ufffd"))  # CID is no letter, "ฦ" for a bullet)
            else:
                continue
            read.add(i)
        return out, frozenset(read)

    def _named_glyph(self, i: int, u: int, get_object, infos: dict, fonts: dict) -> str | None:
        """The letters of glyph i, which pdfium gives as the control code u: those its font's
        /Differences name (`glyphs.named_glyphs`: "f_f" is "ff"), else None (no character)."""
        if u not in UNMAPPED or self.raw.FPDFText_IsGenerated(self.textpage(), i):
            return None
        obj = get_object(self._tp, i)
        info = infos.get(obj)
        if info is None:
            info = infos[obj] = self._object_info(obj, i, fonts)
        return self._font_letters(info[5][0], info[1]).get(u) or None

    def _recoding(self, info: tuple) -> dict[int, str]:
        """{code point pdfium gives: the letter meant} for the glyphs of a text object's font
        (`info`): a C1 control character is the cp1252 letter of its code (`C1_AS_CP1252`), and a
        bare TrueType font's codes, which pdfium decodes as Mac Roman through a (1, 0) cmap, are
        recoded (`glyphs._bare_truetype`), and a Symbol or Wingdings font's bullets and signs
        are themselves (`glyphs.symbol_letters`). Asked once per font and page; the document's font
        dictionaries are read only for an embedded symbolic TrueType font with such a cmap."""
        font = info[5][0]
        found = self._recoded.get(font)
        if found is None:
            signs = symbol_letters(info[1])
            found = {**C1_AS_CP1252, **ADOBE_PRIVATE_SIGNS, **signs}
            ligatures = office_ligatures(info[1])
            if ligatures:
                found = {**found, **{PLANE_16 + gid: letters for gid, letters in ligatures.items()}}
            handle = ctypes.cast(ctypes.c_void_p(font), self.raw.FPDF_FONT) if font else None
            if font and self.raw.FPDFFont_GetIsEmbedded(handle) and self.raw.FPDFFont_GetFlags(handle) & 4:
                program = self._font_program(font)
                if program and self.owner.mac_roman_cmap(program):
                    found = {**found, **self._font_letters(font, info[1])}
            self._recoded[font] = found
        return found

    def _font_letters(self, font: int | None, name: str, cid: bool = False) -> dict[int, str]:
        """{code point pdfium gives: the letters meant} for a font (`glyphs.named_glyphs`, found by
        the font's name and program), once per font and page; {} for most fonts. `cid`: the
        {CID: letter} of a CID font (`glyphs.cid_key`), else a simple font's codes."""
        if (font, cid) not in self._named:
            key = font_key(name, self._font_program(font))
            self._named[font, cid] = self.owner.named_glyphs.get(cid_key(key) if cid else key, {})
        return self._named[font, cid]

    def _font_program(self, font: int | None) -> bytes | None:
        """The embedded program of a font (FPDFFont_GetFontData: the font file's decoded data),
        once per font and page; None for a font not embedded (pdfium would give the program it
        draws it with)."""
        if not font:
            return None
        if font not in self._programs:
            self._programs[font] = self._read_program(font)
        return self._programs[font]

    def _read_program(self, font: int) -> bytes | None:
        raw = self.raw
        handle = ctypes.cast(ctypes.c_void_p(font), raw.FPDF_FONT)
        if not raw.FPDFFont_GetIsEmbedded(handle):
            return None
        n = ctypes.c_size_t(0)
        if not raw.FPDFFont_GetFontData(handle, None, 0, ctypes.byref(n)) or not n.value:
            return None
        buf = (ctypes.c_uint8 * n.value)()
        raw.FPDFFont_GetFontData(handle, buf, n.value, ctypes.byref(n))
        return bytes(buf)

    def _codes(self) -> list[int]:
        """The page's characters as code points: the page's text in one call (it gives a line
        end's hyphen, code 2, and a glyph with no character, code 0, both as U+FFFE: those asked
        one by one), or one call per character where that text does not hold one code per
        character (it leaves out NULs; characters beyond the BMP)."""
        n = self.raw.FPDFText_CountChars(self.textpage())
        buf = (ctypes.c_ushort * (n + 1))()
        k = self.raw.FPDFText_GetText(self.textpage(), 0, n, buf)
        text = bytes(buf)[: 2 * max(0, k - 1)].decode("utf-16-le", "surrogatepass")
        if len(text) == n:  # (a pair of surrogates decodes to one character: shorter)
            codes = list(map(ord, text))
            if "\ufffe" in text:  # a line end's hyphen (code 2), or a glyph with no character (0:
                get_unicode = _calls(self.raw)[0]  # an unmapped ligature, "e\ufffecacy")
                codes = [get_unicode(self._tp, i) if c == 0xFFFE else c for i, c in enumerate(codes)]
            return paired_surrogates(codes) if SURROGATE.search(text) else codes
        get_unicode = _calls(self.raw)[0]
        return paired_surrogates([get_unicode(self._tp, i) for i in range(n)])

    def _text_boxes(self) -> tuple:
        """Boxes (x0, x1, top, bottom, object), sorted, of the page's text objects: where to look
        for the spaces shown on their own that pdfium leaves out of its text page."""
        raw = self.raw
        obj_type, page_object = _path_calls(raw)[0], _path_calls(raw)[9]
        get_bounds = _text_object_calls(raw)[1]
        page = ctypes.cast(self.page.raw, ctypes.c_void_p).value
        corners = (ctypes.c_float * 4)()
        l_, b_, r_, t_ = (ctypes.addressof(corners) + 4 * k for k in range(4))
        text = raw.FPDF_PAGEOBJ_TEXT
        out = []
        for k in range(raw.FPDFPage_CountObjects(self.page.raw)):
            obj = page_object(page, k)
            if obj_type(obj) == text and get_bounds(obj, l_, b_, r_, t_):
                box = self._box(*corners)
                out.append((box["x0"], box["x1"], box["top"], box["bottom"], obj))
        return tuple(sorted(out))

    def _has_no_chars(self, obj: int) -> bool:
        """A text object with no character in pdfium's text page (a space shown on its own).
        (FPDFTextObj_GetText looks through the whole text page: asked only where it matters.)"""
        get_text = _text_object_calls(self.raw)[0]
        buf = (ctypes.c_ushort * 4)()
        return get_text(obj, self._tp, ctypes.addressof(buf), ctypes.sizeof(buf)) <= 2

    @cached_property
    def chars(self) -> list[dict]:
        """Every glyph as pdfplumber's char record (the slow path: pages turned by /Rotate or set
        in turned text, and pages printed twice over, which `dedupe_chars` needs)."""
        raw = self.raw
        rect = raw.FS_RECTF()
        get_box, is_generated, get_object = _calls(raw)[1:]
        tp_addr = self._tp
        box_addr = ctypes.addressof(rect)
        e0, f0 = self.ctm[4], self.ctm[5]
        height = self.height
        turned = self.rotate != 0
        infos: dict[int, tuple] = {}
        fonts: dict = {}
        out: list[dict] = []
        gap = False
        unseen = self._unseen
        letters, by_table = self._letters()
        for i, u in enumerate(letters):
            named = None
            if (u < 32 and u != 2) or u == 0xFFFE:
                # line ends pdfium inserts, control codes of glyphs without a character, but
                # for those a font names (`_named_glyph`)
                named = self._named_glyph(i, u, get_object, infos, fonts)
                if named is None:
                    if u or not _inside_word(letters, i):
                        continue
                    u = 0xFFFD  # a glyph with no character inside a word (an unmapped ligature: "e\ufffdcacy")
            if u == 32 and is_generated(tp_addr, i):
                # a space pdfium inserted: a blank record between the two glyphs (not in tiny type)
                gap = gap or not (out and out[-1]["size"] < TINY)
                continue
            if u == 2:
                u = 45  # a hyphen pdfium took for a line end's (FPDFText_IsHyphen): the glyph is "-"
            obj = get_object(tp_addr, i)
            if obj in unseen:
                continue
            info = infos.get(obj)
            if info is None:
                info = infos[obj] = self._object_info(obj, i, fonts)
            size, fontname, _frame, base, m, advance, _hidden, _inked = info
            if u > 127:
                named = self._recoding(info).get(u, named)
            get_box(tp_addr, i, box_addr)
            if turned:
                x0, x1, y0, y1 = self._span(rect.left, rect.bottom, rect.right, rect.top)
            else:
                x0, x1, y0, y1 = rect.left + e0, rect.right + e0, rect.bottom + f0, rect.top + f0
            # (pdfminer's test, and a baseline that runs level: Word turns text by a matrix whose
            # a and d are -4.4e-08, not 0)
            upright = m[0] * m[3] > 0 and m[1] * m[2] <= 0 and runs_level(m)
            if base is not None:
                top, bottom = base - size, base
            elif upright:
                top, bottom = height - y0 - size, height - y0
            else:
                top, bottom = height - y1, height - y0
            # (not for a glyph whose letter a table gave: pdfium finds a width by its own code point)
            if (u in OVERHANG or advance[4]) and i not in by_table:
                box = self._advance_box(i, u, advance)
                if box is not None:
                    x0, x1 = (box[0], box[1]) if box[0] is not None else (x0, x1)
                    top, bottom = (box[2], box[3]) if box[2] is not None else (top, bottom)
            c = {"text": named or chr(u), "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top,
                 "size": size, "fontname": fontname, "upright": upright, "matrix": m,
                 "width": x1 - x0, "height": bottom - top}
            if gap and out:
                out.append(_gap_record(out[-1], c))
            gap = False
            out.append(c)
        return out

    def dedupe_chars(self, tolerance: float = 1) -> "PdfiumPage":
        twin = object.__new__(PdfiumPage)
        twin.__dict__.update(self.__dict__)
        twin.__dict__["chars"] = dedupe_chars(self.chars, tolerance=tolerance)
        return twin

    def extract_words(self, **options) -> list[dict]:
        return extract_words(self.chars, **options)

    # -- drawings, images, links ------------------------------------------------------------

    def _walk(self) -> tuple[list, list, list]:
        """Every path's subpaths as points in pdfplumber's frame (form contents included, each
        through its form's matrix), the boxes of the images the page draws, and the boxes of the small
        paths (`SMALL_PATH`), whose segments are not read (a drawn glyph, a chart's marker: many
        segments each, no ruling line or table cell among them)."""
        if self._objects is not None:
            return self._objects
        raw = self.raw
        paths: list[list[tuple[float, float]]] = []
        images: list[dict] = []
        mat = raw.FS_MATRIX()
        x_, y_ = ctypes.c_float(), ctypes.c_float()
        height = self.height

        (obj_type, obj_matrix, count_segments, get_segment, segment_point, segment_type, segment_close,
         form_count, form_object, page_object, get_bounds) = _path_calls(raw)
        mat_addr, x_addr, y_addr = ctypes.addressof(mat), ctypes.addressof(x_), ctypes.addressof(y_)
        box_ = [ctypes.c_float() for _ in range(4)]
        box_addr = [ctypes.addressof(v) for v in box_]
        image, path, form, moveto = raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM, raw.FPDF_SEGMENT_MOVETO

        def frame(outer: tuple) -> tuple[float, float, float, float]:
            """The box `get_bounds` gave (in the space the object's own matrix leads to), through
            the outer matrix, in pdfplumber's frame: (x0, top, x1, bottom)."""
            left, bottom, right, top = (v.value for v in box_)
            a, b, c, d, e, f = outer
            corners = [(x * a + y * c + e, height - (x * b + y * d + f))
                       for x, y in ((left, bottom), (right, top), (left, top), (right, bottom))]
            xs, ys = [q[0] for q in corners], [q[1] for q in corners]
            return min(xs), min(ys), max(xs), max(ys)

        def visit(obj: int, outer: tuple) -> None:
            kind = obj_type(obj)
            if kind == image:
                x0, y0, x1, y1 = frame(outer) if get_bounds(obj, *box_addr) else (0.0, 0.0, 0.0, 0.0)
                images.append({"x0": x0, "top": y0, "x1": x1, "bottom": y1})
                return
            if kind != path and kind != form:
                return
            m = outer
            if obj_matrix(obj, mat_addr):
                m = _mult((mat.a, mat.b, mat.c, mat.d, mat.e, mat.f), outer)
            if kind == form:
                for k in range(form_count(obj)):
                    visit(form_object(obj, k), m)
                return
            if get_bounds(obj, *box_addr):
                x0, y0, x1, y1 = frame(outer)
                if THIN_PATH <= x1 - x0 < SMALL_PATH and THIN_PATH <= y1 - y0 < SMALL_PATH:
                    small.append((x0, y0, x1, y1))
                    return
            a, b, c, d, e, f = m
            pts: list[tuple[float, float]] = []
            for k in range(count_segments(obj)):
                seg = get_segment(obj, k)
                segment_point(seg, x_addr, y_addr)
                x, y = x_.value, y_.value
                pt = (x * a + y * c + e, height - (x * b + y * d + f))
                if pts and segment_type(seg) == moveto:
                    paths.append(pts)
                    pts = []
                pts.append(pt)
                if segment_close(seg):
                    paths.append(pts if pts[-1] == pts[0] else pts + [pts[0]])
                    pts = []
            if pts:
                paths.append(pts)

        page = ctypes.cast(self.page.raw, ctypes.c_void_p).value
        small: list[tuple[float, float, float, float]] = []
        for k in range(raw.FPDFPage_CountObjects(self.page.raw)):
            visit(page_object(page, k), self.ctm)
        self._objects = (paths, images, small)
        return self._objects

    @cached_property
    def _unseen(self) -> frozenset[int]:
        """The text objects drawn by the page's forms that lie wholly outside their clip: a
        form's /BBox shows only part of what it draws (a figure cut out of a whole page of
        another PDF, LaTeX's `\\includegraphics[clip]`), and the text of the rest of that page,
        which no one sees, was read into the page's lines ("assessment.|sessment.|Their|Their").
        A form's clip and its objects' bounds are both in the form's own space."""
        raw = self.raw
        obj_type, form_count, form_object, page_object = (_path_calls(raw)[k] for k in (0, 7, 8, 9))
        form, text = raw.FPDF_PAGEOBJ_FORM, raw.FPDF_PAGEOBJ_TEXT
        found: set[int] = set()

        def visit(obj: int, depth: int) -> None:
            for k in range(form_count(obj)):
                child = form_object(obj, k)
                kind = obj_type(child)
                if kind == text and self._outside_clip(child):
                    found.add(child)
                elif kind == form and depth < 8:
                    visit(child, depth + 1)

        page = ctypes.cast(self.page.raw, ctypes.c_void_p).value
        for k in range(raw.FPDFPage_CountObjects(self.page.raw)):
            obj = page_object(page, k)
            if obj_type(obj) == form:
                visit(obj, 0)
        return frozenset(found)

    def _outside_clip(self, obj: int) -> bool:
        """Do a page object's bounds lie wholly outside one of its clip paths' bounding boxes?"""
        raw = self.raw
        handle = ctypes.cast(ctypes.c_void_p(obj), raw.FPDF_PAGEOBJECT)
        clip = raw.FPDFPageObj_GetClipPath(handle)
        if not clip:
            return False
        box = [ctypes.c_float() for _ in range(4)]
        if not raw.FPDFPageObj_GetBounds(handle, *(ctypes.byref(v) for v in box)):
            return False
        left, bottom, right, top = (v.value for v in box)
        x, y = ctypes.c_float(), ctypes.c_float()
        for i in range(raw.FPDFClipPath_CountPaths(clip)):
            xs, ys = [], []
            for j in range(raw.FPDFClipPath_CountPathSegments(clip, i)):
                segment = raw.FPDFClipPath_GetPathSegment(clip, i, j)
                if raw.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y)):
                    xs.append(x.value)
                    ys.append(y.value)
            if xs and (right < min(xs) - 1 or left > max(xs) + 1 or top < min(ys) - 1 or bottom > max(ys) + 1):
                return True
        return False

    @cached_property
    def _shapes(self) -> dict[str, list[dict]]:
        """Subpaths sorted as pdfminer sorts them: a straight segment is a line, an axis-aligned
        box a rect, anything else a curve (with its points)."""
        out: dict[str, list[dict]] = {"line": [], "rect": [], "curve": []}

        def box_of(x0: float, top: float, x1: float, bottom: float) -> dict:
            return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "width": x1 - x0, "height": bottom - top,
                    "doctop": top, "y0": self.height - bottom, "y1": self.height - top}

        paths, _, small = self._walk()
        for corners in small:  # a curve each, with no segment to make an edge of
            out["curve"].append({**box_of(*corners), "pts": [], "object_type": "curve"})
        for pts in paths:
            if len(pts) < 2:
                continue
            xs, ys = [p[0] for p in pts], [p[1] for p in pts]
            box = box_of(min(xs), min(ys), max(xs), max(ys))
            if len(pts) == 2:
                kind = "line"
            elif len(pts) in (4, 5) and _axis_box(pts):
                kind = "rect"
            else:
                kind = "curve"
                box["pts"] = pts
            box["object_type"] = kind
            out[kind].append(box)
        return out

    @property
    def lines(self) -> list[dict]:
        return self._shapes["line"]

    @property
    def rects(self) -> list[dict]:
        return self._shapes["rect"]

    @property
    def curves(self) -> list[dict]:
        return self._shapes["curve"]

    @property
    def images(self) -> list[dict]:
        """The boxes of the images the page draws (x0, top, x1, bottom), as pdfplumber's."""
        return self._walk()[1]

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (0.0, 0.0, self.width, self.height)

    @cached_property
    def edges(self) -> list[dict]:
        """pdfplumber's edges (`Container.edges`), from pdfium's paths."""
        from pdfplumber.utils import line_to_edge, rect_to_edges

        # a curve's slanted segments have no orientation, and the table finder drops them: only
        # its horizontal and vertical ones are made (a chart's curve has thousands of points),
        # each as pdfplumber's `curve_to_edges` makes it (a curve's doctop is its top here)
        straight = []
        for c in self.curves:
            pts = c["pts"]
            for (px, py), (qx, qy) in zip(pts, pts[1:]):
                if px == qx or py == qy:
                    top = min(py, qy)
                    straight.append({"object_type": "curve_edge", "x0": min(px, qx), "x1": max(px, qx), "top": top,
                                     "doctop": top, "bottom": max(py, qy), "width": abs(px - qx),
                                     "height": abs(py - qy), "orientation": "v" if px == qx else "h"})
        return [line_to_edge(x) for x in self.lines] + [e for r in self.rects for e in rect_to_edges(r)] + straight

    def find_tables(self, table_settings=None):
        """pdfplumber's table finder (ruling lines -> cells -> tables) on pdfium's edges."""
        from pdfplumber.table import TableFinder, TableSettings

        return TableFinder(self, TableSettings.resolve(table_settings)).tables

    def _span(self, l: float, b: float, r: float, t: float) -> tuple[float, float, float, float]:
        """(x0, x1, y0, y1) of a rectangle of the page's space, the page's /Rotate and media box
        applied (y still upwards)."""
        a, bb, c, d, e, f = self.ctm
        xs = (l * a + b * c + e, r * a + t * c + e)
        ys = (l * bb + b * d + f, r * bb + t * d + f)
        return min(xs), max(xs), min(ys), max(ys)

    def _box(self, l: float, b: float, r: float, t: float) -> dict:
        """A rectangle of the page's space in pdfplumber's frame."""
        x0, x1, y0, y1 = self._span(l, b, r, t)
        return {"x0": x0, "x1": x1, "top": self.height - y1, "bottom": self.height - y0}

    @property
    def hyperlinks(self) -> list[dict]:
        raw = self.raw
        out = []
        pos = ctypes.c_int(0)
        link = raw.FPDF_LINK()
        rect = raw.FS_RECTF()
        buf = ctypes.create_string_buffer(2048)
        while raw.FPDFLink_Enumerate(self.page.raw, pos, link):
            action = raw.FPDFLink_GetAction(link)
            if not action or raw.FPDFAction_GetType(action) != raw.PDFACTION_URI:
                continue
            k = raw.FPDFAction_GetURIPath(self.owner.doc.raw, action, buf, len(buf))
            if not k or k > len(buf) or not raw.FPDFLink_GetAnnotRect(link, rect):
                continue
            uri = buf.raw[: k - 1].decode("utf-8", "replace")
            out.append({"uri": uri, **self._box(rect.left, rect.bottom, rect.right, rect.top)})
        return out

    def close(self) -> None:
        if self._textpage is not None:
            self.raw.FPDFText_ClosePage(self._textpage)
            self._textpage = None
        self.page.close()
