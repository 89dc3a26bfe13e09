"""Characters for the glyphs pdfium gives wrong or without one, by font.

- Glyphs named by their parts: a simple font's /Encoding /Differences may name ligatures so
  ("f_f", "f_f_i", "T_h", the Adobe Glyph List's convention, as Ghostscript's pdfwrite and some
  foundries write them) at codes under 32. pdfium does not map those names: its text page holds
  the raw code, a control character, and the ligature's letters were lost ("e\\x1dorts" for
  "efforts", "classi cation"). pdfminer maps them (`pdfminer.encodingdb.name2unicode`, the Adobe
  Glyph List with its "_"-joined and "uniXXXX" forms).
- Bare TrueType fonts: embedded, symbolic, with neither /Encoding nor /ToUnicode (Ghostscript
  writes a Windows font so), whose codes are the Windows code page's (cp1252, as pdfminer and
  the other readers take them). pdfium decodes the codes as Mac Roman where the font program has
  a Macintosh (1, 0) cmap ("MÈnaka" for "Ménaka", "seÒor" for "señor") and as Latin-1 otherwise,
  where the quotes and dashes of 0x80-0x9F become control characters ("Mali\\x92s").

- CID TrueType fonts without /ToUnicode (Identity-H, as "Microsoft Print to PDF" and other
  producers write them): pdfium gives each glyph's CID as its code point ("0«QDND" for "Ménaka").
  The program's own cmap, reversed, gives each glyph its letter, as pdfminer reads such fonts.
  A subset embedded with no cmap and no glyph names (Acrobat Distiller writes InDesign's and
  Word's TrueType fonts so) keeps its glyph ids; where the font is built on Apple's standard glyph
  order (space is glyph 3, "A" 36, "a" 68) and its widths say so (`standard_order`), that order
  names the letters. pdfminer gives such glyphs as "(cid:72)"; the pdfplumber engine takes the
  same letters (`cid_letters`). So too the glyphs a font's /ToUnicode leaves out (Acrobat's
  subsets of Arial whose /ToUnicode maps some pages' letters only: "WKH" for "the").

The document's font dictionaries are read once with pdfminer, only when a page holds a glyph of
such a font, and give per font (`font_key`) the code points pdfium gives and the letters they
stand for.
"""
from __future__ import annotations

import functools
import hashlib
import io
import re
import statistics
import unicodedata
from pathlib import Path

# (pdfminer comes with pdfplumber)
from pdfminer.encodingdb import name2unicode
from pdfminer.fontmetrics import FONT_METRICS
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import PDFObjRef, resolve1
from pdfminer.psparser import PSLiteral

SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")
# the codes whose glyphs a text page gives as control characters (line ends aside)
UNMAPPED = frozenset(range(1, 32)) - {2, 9, 10, 13}
# code points under 32 that pdfium gives for glyphs it could not map (its own line ends and hyphen
# mark aside): a page holding one may have a font pdfium reads by CID (`PdfiumPage._letters`)
SUSPECT = frozenset(range(1, 32)) - {2, 10, 13}


# Accents set as glyphs of their own over or under a letter (TeX's OT1 fonts, `\accent`: "´" then
# "e", the cedilla's box on the c's), as spacing characters, with the combining mark each stands for
ACCENTS = {"´": "\u0301", "`": "\u0300", "¨": "\u0308", "ˆ": "\u0302", "˜": "\u0303",
           "¸": "\u0327", "˘": "\u0306", "ˇ": "\u030c", "˙": "\u0307", "˚": "\u030a", "¯": "\u0304", "˝": "\u030b",
           "˛": "\u0328"}
ACCENT_CODES = frozenset(map(ord, ACCENTS))
DOTLESS = {"ı": "i", "ȷ": "j"}  # TeX sets "î" as "ˆ" over a dotless i


def with_accent(first: str, second: str) -> str | None:
    """The one letter an accent glyph and the letter it is set on make, in either order ("´" and
    "e" -> "é", "c" and "¸" -> "ç", "ˆ" and "ı" -> "î"), or None where they make no single
    character (the accent is then kept as it stands)."""
    accent, letter = (first, second) if first in ACCENTS else (second, first)
    if accent not in ACCENTS or len(letter) != 1 or not letter.isalpha():
        return None
    composed = unicodedata.normalize("NFC", DOTLESS.get(letter, letter) + ACCENTS[accent])
    return composed if len(composed) == 1 else None


def overlaps(a0: float, a1: float, b0: float, b1: float) -> bool:
    """Two glyphs' boxes share at least half the narrower one's width: one is set on the other."""
    return min(a1, b1) - max(a0, b0) >= 0.5 * min(a1 - a0, b1 - b0) > 0


def _name(value) -> str:
    value = resolve1(value)
    if isinstance(value, PSLiteral):
        value = value.name
    return value.decode("latin-1") if isinstance(value, bytes) else str(value or "")


def _differences(encoding) -> dict[int, str]:
    """The letters of the glyphs an encoding's /Differences names at the codes in `UNMAPPED`."""
    encoding = resolve1(encoding)
    if not isinstance(encoding, dict):
        return {}
    out: dict[int, str] = {}
    code = 0
    for item in resolve1(encoding.get("Differences")) or ():
        item = resolve1(item)
        if isinstance(item, int):
            code = item
            continue
        if code in UNMAPPED:
            try:
                text = name2unicode(_name(item))
            except (KeyError, ValueError):
                text = ""
            if text and text.isprintable():
                out[code] = text
        code += 1
    return out


def _cp1252(code: int) -> str | None:
    try:
        return bytes([code]).decode("cp1252")
    except UnicodeDecodeError:
        return None


# a C1 control character (U+0080-U+009F) is never text: a cp1252 code read as Latin-1 ("\x92" for
# "’"), as pdfium reads a symbolic font's codes through a (3, 0) cmap
C1_AS_CP1252 = {code: _cp1252(code) for code in range(0x80, 0xA0) if _cp1252(code)}


# a symbol font's glyphs as both readers give them, in the private use area (U+F000 + the code: a
# box in a spreadsheet): the bullets Word's bullet library sets in Symbol ("·", 0xB7) and
# Wingdings ("§ Ø ü q v n l"), and Symbol's signs of measure; by the font's name without its
# subset tag (`symbol_letters`)
_WINGDINGS = {0x6C: "●", 0x6E: "■", 0x71: "❑", 0x75: "◆", 0x76: "❖", 0x9F: "•", 0xA7: "▪", 0xA8: "◻",
              0xD8: "➢", 0xFC: "✔", 0xFB: "✘"}
SYMBOL_FONT_LETTERS = {
    # (and Symbol's Greek letters at the codes of the Latin ones: "a" is α)
    "symbol": {0xB7: "•", 0xB0: "°", 0xB1: "±", 0xB4: "×", 0xB8: "÷", 0xA3: "≤", 0xB3: "≥", 0xAE: "→",
               **dict(zip(map(ord, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"),
                          "αβχδεφγηιϕκλμνοπθρστυϖωξψζΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ"))},
    "wingdings": _WINGDINGS,
    "opensymbol": _WINGDINGS,  # (LibreOffice writes Word's Wingdings bullets in its OpenSymbol, at their codes)
}
# Adobe's private-use signs of its fonts' serif and sans copyright, registered and trademark signs
# (the Adobe Glyph List: "copyrightserif" U+F6D9 ...), in any font
ADOBE_PRIVATE_SIGNS = {0xF6D9: "©", 0xF6DA: "®", 0xF6DB: "™", 0xF8E8: "®", 0xF8E9: "©", 0xF8EA: "™"}


@functools.lru_cache(maxsize=256)
def symbol_letters(fontname: str) -> dict[int, str]:
    """{private use code point: the sign meant} for a Symbol or Wingdings font (`SYMBOL_FONT_LETTERS`,
    "ABCDEE+Symbol", "SymbolMT", "Wingdings-Regular"), else {}."""
    name = SUBSET_TAG.sub("", fontname).casefold()
    for family, letters in SYMBOL_FONT_LETTERS.items():
        if name.startswith(family):
            return {0xF000 + code: sign for code, sign in letters.items()}
    return {}


# Ligatures of Microsoft's ClearType fonts that have no code point ("ti", "tt", "tti", "ft" in
# Calibri): Word's PDFs map them to none, so that pdfium gives the glyph's id as its code point (a
# mapping error: "selecƟon", "HarmaƩan", "aŌer") and pdfminer "(cid:415)", or to U+100000 + the
# glyph id (Word's use of plane 16's private area). {family: {glyph id: letters}}, the same ids in
# the regular, bold, italic and light faces (Word 2016 through Distiller 20's, round 15).
OFFICE_LIGATURES = {"calibri": {332: "ft", 415: "ti", 425: "tt", 427: "tti"}}
OFFICE_LIGATURE_IDS = frozenset(gid for ids in OFFICE_LIGATURES.values() for gid in ids)
PLANE_16 = 0x100000


@functools.lru_cache(maxsize=256)
def office_ligatures(fontname: str) -> dict[int, str]:
    """{glyph id: letters} of the ligatures without a code point of an Office font
    (`OFFICE_LIGATURES`, by the font's name without its subset tag: "ABCDEF+Calibri-Bold"), else {}."""
    name = SUBSET_TAG.sub("", fontname).casefold()
    return next((ids for family, ids in OFFICE_LIGATURES.items() if name.startswith(family)), {})


# TeX's math symbol fonts (cmsy, its bold, Latin Modern's) in their own encoding (OMS): without a
# /ToUnicode, their glyphs at the codes of digits and lower-case letters are read as those ("h"
# and "i" for the angle brackets of "⟨nom⟩", "y" for a dagger, "x" for a section sign). The
# symbols at those codes (cmsy10's encoding); the codes of capitals are its calligraphic capitals.
TEX_SYMBOL_FAMILIES = ("cmsy", "cmbsy", "lmmathsymbols", "lmsy")
OMS_SYMBOLS = dict(zip(map(ord, "0123456789`abcdefghijklmnopqrstuvwxyz"),
                       "′∞∈∋△▽/↦∀∃⊢⊣⌊⌋⌈⌉{}⟨⟩|‖↕⇕\\≀√⨿∇∫⊔⊓⊑⊒§†‡"))


@functools.lru_cache(maxsize=256)
def tex_symbols(fontname: str) -> dict[int, str]:
    """{code: the symbol meant} for a TeX math symbol font (`TEX_SYMBOL_FAMILIES`, "ABCDEF+CMSY10"),
    else {}: its digits and lower-case letters, which only a font without /ToUnicode gives."""
    name = SUBSET_TAG.sub("", fontname).casefold()
    return OMS_SYMBOLS if name.startswith(TEX_SYMBOL_FAMILIES) else {}


def mac_roman_cmap(program: bytes) -> bool:
    """Does a TrueType font program carry a Macintosh Roman (1, 0) cmap, through which pdfium
    decodes a bare TrueType font's codes? (False for other font programs.)"""
    if program[:4] not in (b"\x00\x01\x00\x00", b"true"):
        return False
    from fontTools.ttLib import TTFont  # (only for such fonts)

    try:
        return any((t.platformID, t.platEncID) == (1, 0) for t in TTFont(io.BytesIO(program), lazy=True)["cmap"].tables)
    except Exception:  # noqa: BLE001 — a program fontTools cannot read: leave pdfium's reading
        return False


def _is_bare_truetype(font: dict) -> bool:
    """A TrueType font with neither /Encoding nor /ToUnicode, marked symbolic (its program,
    embedded or not, is looked at by `_bare_truetype`)."""
    if _name(font.get("Subtype")) != "TrueType" or font.get("ToUnicode") is not None or font.get("Encoding") is not None:
        return False
    descriptor = resolve1(font.get("FontDescriptor"))
    return isinstance(descriptor, dict) and bool(int(resolve1(descriptor.get("Flags")) or 0) & 4)


def _bare_truetype(font: dict, program: bytes | None) -> dict[int, str]:
    """{code point pdfium gives: the letter meant} for a bare TrueType font (embedded, symbolic,
    no /Encoding, no /ToUnicode): its codes are cp1252's, which pdfium decodes as Mac Roman when
    the program has a (1, 0) cmap and as Latin-1 otherwise; {} for any other font."""
    if not program or not _is_bare_truetype(font):
        return {}
    mac = mac_roman_cmap(program)
    out: dict[int, str] = {}
    for code in range(0x80, 0x100):
        given, meant = bytes([code]).decode("mac_roman" if mac else "latin-1"), _cp1252(code)
        if meant is not None and given != meant:
            out[ord(given)] = meant
    return out


def _cid_truetype(font: dict) -> tuple[str, dict[int, str]]:
    """(font name, {CID: letter}) for a Type0 font whose descendant is an embedded TrueType
    (CIDFontType2): the CID to glyph map (/CIDToGIDMap, Identity or a stream) and the program's
    cmap reversed (the first code point naming each glyph, as pdfminer's
    `TrueTypeFont.create_unicode_map`); ("", {}) for any other font. A font with a /ToUnicode
    too, for the glyphs it leaves out (Acrobat's subsets of Arial whose /ToUnicode leaves out
    the letters of some pages: "WKH SDVW ZHHN" for "the past week"): the readers take the table
    only for the glyphs they find no letter for."""
    if _name(font.get("Subtype")) != "Type0":
        return "", {}
    descendants = resolve1(font.get("DescendantFonts"))
    cid_font = resolve1(descendants[0]) if isinstance(descendants, list) and descendants else None
    if not isinstance(cid_font, dict) or _name(cid_font.get("Subtype")) != "CIDFontType2":
        return "", {}
    descriptor = resolve1(cid_font.get("FontDescriptor"))
    if not isinstance(descriptor, dict) or "FontFile2" not in descriptor:
        return "", {}
    program = resolve1(descriptor["FontFile2"]).get_data()
    from fontTools.ttLib import TTFont  # (only for such fonts)

    try:
        tt = TTFont(io.BytesIO(program), lazy=True)
        order = {name: gid for gid, name in enumerate(tt.getGlyphOrder())}
        letters: dict[int, str] = {}
        for code, name in sorted((tt.getBestCmap() or {}).items()):
            gid = order.get(name)
            if gid is not None and gid not in letters and chr(code).isprintable():
                letters[gid] = chr(code)
    except Exception:  # noqa: BLE001 — a program fontTools cannot read: leave pdfium's reading
        return "", {}
    to_gid = resolve1(cid_font.get("CIDToGIDMap"))
    cids = None
    if hasattr(to_gid, "get_data"):  # a stream: two bytes per CID
        data = to_gid.get_data()
        cids = {cid: int.from_bytes(data[2 * cid:2 * cid + 2], "big") for cid in range(len(data) // 2)}
    if not letters:  # no cmap: the glyph ids, where the font keeps the standard order
        letters = standard_order(cid_widths(cid_font.get("W")), cids)
    elif cids is not None:
        letters = {cid: letters[gid] for cid, gid in cids.items() if gid in letters}
    return font_key(_name(font.get("BaseFont")), program), letters


def cid_widths(w) -> dict[int, float]:
    """{CID: width} from a CID font's /W array ("c [w1 w2 ...]" and "c_first c_last w" entries)."""
    items = [resolve1(x) for x in (resolve1(w) or ())]
    out: dict[int, float] = {}
    i = 0
    try:
        while i + 1 < len(items):
            first, nxt = items[i], items[i + 1]
            if isinstance(nxt, list):
                out.update((int(first) + k, float(resolve1(x))) for k, x in enumerate(nxt))
                i += 2
            else:
                out.update((cid, float(items[i + 2])) for cid in range(int(first), int(nxt) + 1))
                i += 3
    except (TypeError, ValueError, IndexError):  # a malformed array: what was read before
        pass
    return out


@functools.cache
def standard_order_letters() -> dict[int, str]:
    """Apple's standard order of a TrueType font's first 258 glyphs (the 'post' table's format 1
    names: space 3, "A" 36, "a" 68, accented letters after 97), as {glyph id: letters}."""
    from fontTools.ttLib.standardGlyphOrder import standardGlyphOrder  # (only for such fonts)

    return {gid: name2unicode(name) for gid, name in enumerate(standardGlyphOrder) if gid >= 3}


# how well the widths of a font's letters and digits, read in the standard order, must agree with
# Helvetica's or Times's (Pearson's r; measured: Georgia 0.95, PT Sans Bold 0.74; a font in
# another order 0.2, a CJK font -0.06), over at least STANDARD_ORDER_MIN_GLYPHS glyphs
STANDARD_ORDER_MIN_CORRELATION = 0.6
STANDARD_ORDER_MIN_GLYPHS = 20
STANDARD_ORDER_SHIFT = 3
# past the accented letters (glyph 130 on), a Windows font's order leaves Apple's by a place
# (Arial's en dash is glyph 177, Apple's "oe"; its closing German quote 179, Apple's em dash): a
# glyph there is named only where its width goes with the name's in the font the widths agree
# with (Arial and Times New Roman keep Helvetica's and Times's widths), at the order's place or
# one place either side; else it has no letter (a bullet past the standard order's 258 glyphs
# neither): the reader gives U+FFFD for it
STANDARD_ORDER_CHECKED_FROM = 130
STANDARD_ORDER_WIDTH_TOLERANCE = 0.06


def standard_order(widths: dict[int, float], to_gid: dict[int, int] | None = None,
                   min_correlation: float = STANDARD_ORDER_MIN_CORRELATION,
                   min_glyphs: int = STANDARD_ORDER_MIN_GLYPHS) -> dict[int, str]:
    """{CID: letter} for a CID TrueType font whose glyph ids follow the standard order
    (`standard_order_letters`), or that order moved by up to STANDARD_ORDER_SHIFT places (a font
    with a glyph more or less before its letters), told from its widths: read so, the widths of
    its letters and digits must go with those of Helvetica or of Times (letters wide and narrow in
    the same places), as a font read in another order's do not; the reading that agrees best
    wins. {} where none agrees or too few glyphs say. `to_gid`: the /CIDToGIDMap (None: Identity)."""
    order = standard_order_letters()
    gids = {cid: cid if to_gid is None else to_gid.get(cid) for cid in widths}
    best, choice = min_correlation, None
    for shift in range(-STANDARD_ORDER_SHIFT, STANDARD_ORDER_SHIFT + 1):
        letters = {cid: order[gid + shift] for cid, gid in gids.items() if gid is not None and gid + shift in order}
        for metrics in (FONT_METRICS["Helvetica"][1], FONT_METRICS["Times-Roman"][1]):
            pairs = [(widths[cid], metrics[ch]) for cid, ch in letters.items() if ch.isalnum() and ch in metrics]
            r = _correlation(pairs) if len(pairs) >= min_glyphs else 0.0
            if r >= best:
                best, choice = r, (shift, metrics, pairs)
    if choice is None:
        return {}
    shift, metrics, pairs = choice
    scale = statistics.median(w / m for w, m in pairs if m)
    found = {}
    for cid, gid in gids.items():
        if gid is None:
            continue
        if gid < STANDARD_ORDER_CHECKED_FROM:
            ch = order.get(gid + shift, "")
            if ch.isprintable() and ch:
                found[cid] = ch
            continue
        for s in (shift, shift + 1, shift - 1):  # a Windows font's order leaves Apple's by a place
            ch = order.get(gid + s, "")
            if ch and ch.isprintable() and ch in metrics \
                    and abs(widths[cid] - scale * metrics[ch]) <= STANDARD_ORDER_WIDTH_TOLERANCE * scale * metrics[ch]:
                found[cid] = ch
                break
    return found


def _correlation(pairs: list[tuple[float, float]]) -> float:
    """Pearson's r of the pairs' two values (`statistics.correlation`; 0 where either does not vary)."""
    try:
        return statistics.correlation([x for x, _ in pairs], [y for _, y in pairs])
    except statistics.StatisticsError:  # a constant side, or fewer than two pairs
        return 0.0


def font_key(name: str, program: bytes | None) -> tuple[str, str]:
    """A font's identity: its name without the subset tag ("XVHVPS+Caslon" is "Caslon", as pdfium
    names it) and a digest of its embedded program (a producer may subset one font many times
    over a document, Ghostscript does, each subset giving the same code another glyph)."""
    return SUBSET_TAG.sub("", name), hashlib.sha1(program).hexdigest() if program else ""


def cid_key(key: tuple[str, str]) -> tuple[str, str]:
    """The key of a CID font's {CID: letter} in `named_glyphs`, apart from the codes of a simple
    font of the same name and program (pdfium's code points of the one are CIDs, of the other
    codes: a CID table applied to codes read "Andrħ" for "André")."""
    return key[0], key[1] + "/cid"


def _program(font: dict) -> bytes | None:
    descriptor = resolve1(font.get("FontDescriptor"))
    if isinstance(descriptor, dict):
        for key in ("FontFile", "FontFile2", "FontFile3"):
            if key in descriptor:
                return resolve1(descriptor[key]).get_data()
    return None


def named_glyphs(path: Path | str, max_pages: int = 2000) -> dict[tuple[str, str], dict[int, str]]:
    """{`font_key`: {code point pdfium gives: the letters meant}} for the document's simple fonts
    (those of its pages and of the forms they draw): glyphs named at codes under 32, and the
    codes of bare TrueType fonts (`_bare_truetype`); and {`cid_key`: {CID: letter}} for its CID
    TrueType fonts (`_cid_truetype`). Two fonts of one key naming a code apart
    (fonts not embedded, of one name): neither is trusted (""). Best effort: a file
    pdfminer cannot parse gives what was read before the failure (the other glyphs stay without
    a character, as before)."""
    fonts: dict[tuple[str, str], dict[int, str]] = {}
    seen: set[int] = set()

    def add_font(ref) -> None:
        if isinstance(ref, PDFObjRef):
            if ref.objid in seen:
                return
            seen.add(ref.objid)
        font = resolve1(ref)
        if isinstance(font, dict) and _name(font.get("Subtype")) == "Type0":
            key, letters = _cid_truetype(font)
            if letters:  # (apart from a simple font's codes of one name and program)
                fonts.setdefault(cid_key(key), letters)
            return
        if not isinstance(font, dict) or _name(font.get("Subtype")) not in ("Type1", "MMType1", "TrueType", "Type3"):
            return
        named = _differences(font.get("Encoding"))
        if not named and not _is_bare_truetype(font):
            return  # (the font's program, which costs decoding, only for the fonts that need it)
        program = _program(font)
        codes = {**named, **_bare_truetype(font, program)}
        if codes:
            known = fonts.setdefault(font_key(_name(font.get("BaseFont")), program), {})
            for code, text in codes.items():
                known[code] = text if known.get(code, text) == text else ""

    try:
        with open(path, "rb") as fh:
            document = PDFDocument(PDFParser(fh))
            for n, page in enumerate(PDFPage.create_pages(document)):
                if n >= max_pages:
                    break
                for ref in _fonts(page.resources, seen):
                    add_font(ref)
    except Exception:  # noqa: BLE001 — a recovery, never a new way to fail
        return fonts
    return fonts


def _fonts(resources, seen: set[int], depth: int = 0):
    """The font references of a page's resources and of the forms it draws (each object once:
    `seen` holds the ids of those met)."""
    resources = resolve1(resources)
    if not isinstance(resources, dict) or depth > 8:
        return
    yield from (resolve1(resources.get("Font")) or {}).values()
    for ref in (resolve1(resources.get("XObject")) or {}).values():
        if isinstance(ref, PDFObjRef):
            if ref.objid in seen:
                continue
            seen.add(ref.objid)
        attrs = getattr(resolve1(ref), "attrs", None)
        if attrs and _name(attrs.get("Subtype")) == "Form":
            yield from _fonts(attrs.get("Resources"), seen, depth + 1)


CID_TEXT = re.compile(r"\(cid:(\d+)\)")


def cid_letters(resources) -> dict[str, dict[int, str]]:
    """{font name: {CID: letter}} for the CID TrueType fonts of a page's resources
    (`_cid_truetype`), by the name pdfminer gives its characters' font: pdfminer reads a glyph of
    such a font that neither its /ToUnicode nor its cmap maps as "(cid:72)" (the pdfplumber
    engine recodes those)."""
    out: dict[str, dict[int, str]] = {}
    try:
        for ref in _fonts(resources, set()):
            font = resolve1(ref)
            if isinstance(font, dict) and _name(font.get("Subtype")) == "Type0":
                letters = _cid_truetype(font)[1]
                if letters:
                    out.setdefault(_name(font.get("BaseFont")), letters)
    except Exception:  # noqa: BLE001 — a recovery, never a new way to fail
        return out
    return out
