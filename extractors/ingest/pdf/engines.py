"""Where a page's characters come from: the PDF engines behind one small page interface.

The layout steps (`words`, `lines`, `tables`) read a page through a few members only: `chars`
(dicts with text, x0, x1, top, bottom, doctop, size, fontname, upright, matrix), `width`,
`height`, `lines`/`rects`/`curves` (drawn segments), `images`, `hyperlinks`, `extract_words`,
`dedupe_chars`, `find_tables` and `close`. A pdfplumber page has them all; `PdfiumPage` gives the
same from pypdfium2's text page (issue 18), in pdfplumber's frame (top-left origin, the page's
/Rotate applied, the media box's origin taken off), about fifteen times faster than pdfminer's
parser. Words are grouped by pdfplumber's own `extract_words` on those characters, so both
engines feed the same layout code; `find_tables` (ruled tables need pdfplumber's edges and
cells) opens the pdfplumber page only on a page whose drawn segments could make a table grid.

Engines: "pdfplumber" (pdfminer's parser: the reference) and "pdfium" (the default, chosen by
measurement: bench/RESULTS.md item 8; `--pdf-engine` chooses, and the choice is part of the
cache key)."""
from __future__ import annotations

import ctypes
import math
from functools import cached_property
from pathlib import Path

from pdfplumber.utils import dedupe_chars, extract_words

ENGINES = ("pdfium", "pdfplumber")


class PdfiumDocument:
    """A PDF opened with pypdfium2."""

    def __init__(self, path: Path):
        import pypdfium2 as pdfium

        self.path = Path(path)
        self.doc = pdfium.PdfDocument(str(path))

    @cached_property
    def pages(self) -> "PdfiumPages":
        return PdfiumPages(self)

    @cached_property
    def metadata(self) -> dict:
        try:
            return {k: v for k, v in self.doc.get_metadata_dict(skip_empty=True).items()}
        except Exception:
            return {}

    def close(self) -> None:
        self.doc.close()


class PdfiumPages:
    """`pdf.pages`: a length and one page at a time (nothing kept once a page is closed)."""

    def __init__(self, owner: PdfiumDocument):
        self.owner = owner

    def __len__(self) -> int:
        return len(self.owner.doc)

    def __iter__(self):
        for i in range(len(self)):
            yield PdfiumPage(self.owner, i)


# pdfminer's matrix for a page turned by /Rotate (pdfminer.pdfinterp.PDFPageInterpreter.process_page)
def _rotation(rotate: int, x0: float, y0: float, x1: float, y1: float) -> tuple:
    if rotate == 90:
        return (0, -1, 1, 0, -y0, x1)
    if rotate == 180:
        return (-1, 0, 0, -1, x1, y1)
    if rotate == 270:
        return (0, 1, -1, 0, y1, -x0)
    return (1, 0, 0, 1, -x0, -y0)


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

    # -- characters ---------------------------------------------------------------------------

    @cached_property
    def chars(self) -> list[dict]:
        raw = self.raw
        tp = raw.FPDFText_LoadPage(self.page.raw)
        self._textpage = tp
        n = raw.FPDFText_CountChars(tp)
        rect = raw.FS_RECTF()
        mat = raw.FS_MATRIX()
        get_unicode, get_box, get_size = raw.FPDFText_GetUnicode, raw.FPDFText_GetLooseCharBox, raw.FPDFText_GetFontSize
        get_matrix, get_object, is_generated = raw.FPDFText_GetMatrix, raw.FPDFText_GetTextObject, raw.FPDFText_IsGenerated
        addr = ctypes.addressof
        fonts: dict[int, str] = {}
        a0, b0, c0, d0, e0, f0 = self.ctm
        height = self.height
        turned = self.rotate != 0
        out = []
        last_obj = None
        last_key = None
        fontname = ""
        for i in range(n):
            u = get_unicode(tp, i)
            if u in (13, 10, 0xFFFE) or (u == 32 and is_generated(tp, i)):
                continue  # line ends and spaces pdfium inserts: no glyph of the page
            if u == 2:
                u = 45  # a hyphen pdfium took for a line end's (FPDFText_IsHyphen): the glyph is "-"
            obj = get_object(tp, i)
            key = ctypes.cast(obj, ctypes.c_void_p).value
            if key != last_key:
                last_key = key
                fontname = fonts.get(key) if key in fonts else self._fontname(obj, fonts, key)
            get_box(tp, i, rect)
            get_matrix(tp, i, mat)
            m = (mat.a, mat.b, mat.c, mat.d, mat.e, mat.f)
            if turned:
                m = _mult(m, self.ctm)
                xs = (rect.left * a0 + rect.top * c0 + e0, rect.right * a0 + rect.bottom * c0 + e0)
                ys = (rect.left * b0 + rect.top * d0 + f0, rect.right * b0 + rect.bottom * d0 + f0)
                x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
            else:
                x0, x1, y0, y1 = rect.left + e0, rect.right + e0, rect.bottom + f0, rect.top + f0
            # pdfium's size is the one set by Tf; the text matrix scales it (a producer may set
            # 1-point type drawn ten times larger): pdfminer's size is the glyph's rendered height
            size = get_size(tp, i) * math.hypot(m[2], m[3])
            upright = m[0] * m[3] > 0 and m[1] * m[2] <= 0
            if upright:  # pdfminer's box: the font size tall, from the descent up
                top, bottom = height - y0 - size, height - y0
            else:
                top, bottom = height - y1, height - y0
            out.append({"text": chr(u), "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top,
                        "size": size, "fontname": fontname, "upright": upright, "matrix": m,
                        "width": x1 - x0, "height": bottom - top})
        return out

    def _fontname(self, obj, fonts: dict, key) -> str:
        raw = self.raw
        name = ""
        font = raw.FPDFTextObj_GetFont(obj) if obj else None
        if font:
            buf = ctypes.create_string_buffer(256)
            k = raw.FPDFFont_GetBaseFontName(font, buf, 256) if hasattr(raw, "FPDFFont_GetBaseFontName") \
                else raw.FPDFFont_GetFontName(font, buf, 256)
            name = buf.raw[: max(0, k - 1)].decode("utf-8", "replace") if k else ""
        fonts[key] = name
        return name

    def dedupe_chars(self, tolerance: float = 1) -> "PdfiumPage":
        twin = object.__new__(PdfiumPage)
        twin.__dict__.update(self.__dict__)
        twin.__dict__["chars"] = dedupe_chars(self.chars, tolerance=tolerance)
        return twin

    def extract_words(self, **options) -> list[dict]:
        return extract_words(self.chars, **options)

    # -- drawings, images, links ------------------------------------------------------------

    def _walk(self) -> tuple[list, int]:
        """Every path's subpaths as points in pdfplumber's frame (form contents included, each
        through its form's matrix), and how many images the page draws."""
        if self._objects is not None:
            return self._objects
        raw = self.raw
        paths: list[tuple[list[tuple[float, float]], bool]] = []
        images = 0
        mat = raw.FS_MATRIX()
        x_, y_ = ctypes.c_float(), ctypes.c_float()
        height = self.height

        def visit(obj, outer: tuple) -> None:
            nonlocal images
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_IMAGE:
                images += 1
                return
            if kind not in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM):
                return
            m = outer
            if raw.FPDFPageObj_GetMatrix(obj, mat):
                m = _mult((mat.a, mat.b, mat.c, mat.d, mat.e, mat.f), outer)
            if kind == raw.FPDF_PAGEOBJ_FORM:
                for k in range(raw.FPDFFormObj_CountObjects(obj)):
                    visit(raw.FPDFFormObj_GetObject(obj, k), m)
                return
            a, b, c, d, e, f = m
            pts: list[tuple[float, float]] = []
            for k in range(raw.FPDFPath_CountSegments(obj)):
                seg = raw.FPDFPath_GetPathSegment(obj, k)
                raw.FPDFPathSegment_GetPoint(seg, x_, y_)
                x, y = x_.value, y_.value
                pt = (x * a + y * c + e, height - (x * b + y * d + f))
                if raw.FPDFPathSegment_GetType(seg) == raw.FPDF_SEGMENT_MOVETO and pts:
                    paths.append((pts, False))
                    pts = []
                pts.append(pt)
                if raw.FPDFPathSegment_GetClose(seg):
                    paths.append((pts if pts[-1] == pts[0] else pts + [pts[0]], True))
                    pts = []
            if pts:
                paths.append((pts, False))

        for k in range(raw.FPDFPage_CountObjects(self.page.raw)):
            visit(raw.FPDFPage_GetObject(self.page.raw, k), self.ctm)
        self._objects = (paths, images)
        return self._objects

    @cached_property
    def _shapes(self) -> dict[str, list[dict]]:
        """Subpaths sorted as pdfminer sorts them: a straight segment is a line, an axis-aligned
        box a rect, anything else a curve (with its points)."""
        out: dict[str, list[dict]] = {"line": [], "rect": [], "curve": []}
        for pts, _closed in self._walk()[0]:
            if len(pts) < 2:
                continue
            xs, ys = [p[0] for p in pts], [p[1] for p in pts]
            box = {"x0": min(xs), "x1": max(xs), "top": min(ys), "bottom": max(ys)}
            box.update(width=box["x1"] - box["x0"], height=box["bottom"] - box["top"],
                       doctop=box["top"], y0=self.height - box["bottom"], y1=self.height - box["top"])
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
    def images(self) -> list:
        return [None] * self._walk()[1]

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (0.0, 0.0, self.width, self.height)

    @cached_property
    def edges(self) -> list[dict]:
        """pdfplumber's edges (`Container.edges`), from pdfium's paths."""
        from pdfplumber.utils import curve_to_edges, line_to_edge, rect_to_edges

        return ([line_to_edge(x) for x in self.lines] + [e for r in self.rects for e in rect_to_edges(r)]
                + [e for c in self.curves for e in curve_to_edges(c)])

    def find_tables(self, table_settings=None):
        """pdfplumber's table finder (ruling lines -> cells -> tables) on pdfium's edges."""
        from pdfplumber.table import TableFinder, TableSettings

        return TableFinder(self, TableSettings.resolve(table_settings)).tables

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
