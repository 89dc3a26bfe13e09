"""Page -> words: characters read with pdfplumber, rotated or mirrored text first turned upright,
doubled characters (fake bold) undone."""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from pdfplumber.utils import extract_words



from extractors.ingest.pdf.glyphs import (ACCENTS, ADOBE_PRIVATE_SIGNS, CID_TEXT, PLANE_16, cid_letters,
                                          office_ligatures, overlaps, symbol_letters, tex_symbols, with_accent)
from extractors.ingest.pdf.types import PRIVATE_SPACES, TINY, PdfSettings, runs_level


LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})


def word_break(prev: dict, w: dict, size: float) -> bool:
    """Is there a word break between two words read apart on one line (`size` the line's)? A gap
    wider than kerning, or a space glyph before the second. Pieces of one word read apart (the
    readers part a word where its size or font changes: small capitals made by size, "A" + "GENCY";
    a letter from another font) abut with neither."""
    gap = w["x0"] - prev["x1"]
    least = min(w["size"], prev["size"])
    return gap > (0.2 if least < TINY else 0.15) * least or (w.get("space_before", False) and gap > -0.1 * size)


def is_blank(text: str) -> bool:
    return not text.strip() or not text.strip(PRIVATE_SPACES + " ")


def blank_boxes(chars: list[dict]) -> list[tuple]:
    """The space glyphs of a page as (x1, x0, top, bottom)."""
    return [(c["x1"], c["x0"], c["top"], c["bottom"]) for c in chars if is_blank(c["text"])]


def mark_spaces(words: list[dict], blank: list[tuple]) -> None:
    """Mark the words that follow a space glyph on their line (`space_before`). pdfplumber splits
    words at space glyphs whatever their width, but a tight font's space (justified lines, large
    titles: 0.12-0.15 em) is narrower than the gap that alone makes a word break; the glyph says
    it is a space (issue 13: "Augustineasthe rootofallsins")."""
    blanks = sorted(blank)
    if not blanks:
        return
    ends = [b[0] for b in blanks]
    owner: dict[int, dict] = {}  # blank -> the word it stands before: the first after it
    for w in words:
        x0, size = w["x0"], w.get("size") or (w["bottom"] - w["top"])
        i = bisect.bisect_left(ends, x0 - 0.4 * size)
        while i < len(blanks) and blanks[i][0] <= x0 + 0.25 * size:  # kerning may pull a word into its space
            _x1, bx0, top, bottom = blanks[i]
            if bx0 < x0 - 0.05 * size and min(bottom, w["bottom"]) - max(top, w["top"]) > 0.3 * (w["bottom"] - w["top"]):
                # (a narrow word right after the space, a bracket in another font, is the one
                # after it, not the word it abuts: "⟨ options⟩")
                if i not in owner or x0 < owner[i]["x0"]:
                    owner[i] = w
                break
            i += 1
    for w in owner.values():
        w["space_before"] = True


@lru_cache(maxsize=256)
def is_bold(font: str) -> bool:
    """Bold by the font's name: "Bold", "Black", "Heavy", "Semibold", "Demi", the URW/TeX "Medi"
    (NimbusRomNo9L-Medi), Computer Modern's bold extended faces (CMBX10), Adobe's short "-Bd",
    "-BdIt", "SemiBd", and the ".B"/".BI" ending of the names a 3B2 typesetting gives its fonts
    ("PfghsfAdvTTaf7f9f4f.B": a journal's section headings, issue 13)."""
    return bool(re.search(r"bold|black|heavy|semibold|semibd|demi|-medi\b|medi$|\bcmbx|\+cmbx|-bd(it)?\b|\.bi?$",
                          font, re.I))


@lru_cache(maxsize=256)
def is_italic(font: str) -> bool:
    """Italic by the font's name: "Italic", "Oblique", Adobe's short "-It" and "-BdIt"
    (MinionPro-It: InDesign's documents) and the ".I"/".BI" ending of 3B2's names."""
    return bool(re.search(r"italic|oblique|-(bd|semibold|bold)?it\b|\.b?i$", font, re.I))


MONOSPACED = re.compile(r"mono|courier|cmtt|lmtt|sftt|txtt|typewriter|consola|menlo|inconsolata|sourcecode|firacode"
                        r"|\bpcrr|lucidaconsole", re.I)


@lru_cache(maxsize=256)
def is_mono(font: str) -> bool:
    """A typewriter face by the font's name (code listings: Courier, CMTT/LMMono, DejaVu Sans Mono,
    Consolas, Menlo, Source Code Pro)."""
    return bool(MONOSPACED.search(font))


def has_doubled_chars(words: list[dict]) -> bool:
    """Fake-bold typesetting prints each glyph twice at almost the same place, which reads as
    the same word twice at one place, or as words with every letter doubled ("SSppoonnddyyll")."""
    seen: set = set()
    doubled = 0
    for w in words:
        t = w["text"]
        key = (t, int(w["x0"] + 0.5), int(w["top"] + 0.5))
        if key in seen or (len(t) >= 4 and t[0] == t[1] and t[0::2] == t[1::2] and t.isalpha() and len(set(t)) > 1):
            doubled += 1
        seen.add(key)
    return doubled >= 3 or doubled > 0.01 * len(words)


def glyph_frame(glyphs: list[dict], sample: int = 400) -> tuple[str, str] | None:
    """(line_dir, char_dir) of a page read from its glyphs' text matrices (a, b, c, d, in the
    page's frame, y up): the characters run along the baseline (a, b), and the lines follow one
    another the way the glyphs' feet point, against their up (c, d). Upright (a > 0, d > 0) is
    lines top to bottom, characters left to right; mirrored left-right (a < 0); upside down
    (d < 0); a quarter turn (b or c larger than a and d): characters down the page (b < 0) and
    lines right to left (c > 0), or up the page and left to right. The order in which a producer
    writes its glyphs says nothing here: a page whose footer is written first is still upright
    (issue 13: Word and InDesign pages read bottom-to-top), and pdfium gives a turned page's
    lines last first (a page of /Rotate 90 read bottom line first). None without glyphs."""
    step = max(1, len(glyphs) // sample)
    votes = Counter(frame_of(c["matrix"]) for c in glyphs[::step])
    return votes.most_common(1)[0][0] if votes else None


UPRIGHT = ("ttb", "ltr")  # the frame of text set upright: lines top to bottom, characters left to right


def frame_of(matrix) -> tuple[str, str]:
    """(line_dir, char_dir) of one glyph from its text matrix (`glyph_frame`)."""
    a, b, c, d = matrix[:4]
    if abs(b) > abs(a) or abs(c) > abs(d):
        return ("rtl" if c > 0 else "ltr", "ttb" if b < 0 else "btt")
    return ("ttb" if d > 0 else "btt", "ltr" if a > 0 else "rtl")


def text_direction(chars: list[dict], sample: int = 400) -> tuple[str, str]:
    """(line_dir, char_dir) of a page, read from where consecutive glyphs stand (the median step
    over a few hundred pairs spread through the page)."""
    glyphs = [c for c in chars if c["text"] != " "]
    if len(glyphs) < 2:
        return UPRIGHT
    frame = glyph_frame(glyphs, sample) if "matrix" in glyphs[0] else None
    if frame is not None:
        return frame
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
    aside: tuple = ()  # words set against the page's direction (margin stamps, rotated labels)
    chars: int = 0  # characters read on the page (a one-pass reading counts its words' only)
    level: tuple = ()  # words set upright on a page read turned, in the page's own frame (`upright_words`)


def page_words(page, settings: PdfSettings) -> PageWords:
    """Words of a page, upright, each glyph once, text running against the page left out."""
    found = streamed_words(page, settings)
    doubled = found is not None and has_doubled_chars(found.words)
    if found is None or doubled:  # no one-pass reading, or text printed twice over: the page's characters
        if not page.chars:
            return PageWords([], float(page.width), float(page.height))
        if not doubled:  # (text the one pass read twice over is so in the characters too)
            found = upright_words(page, settings)
            doubled = has_doubled_chars(found.words)
        if doubled:
            found = upright_words(page.dedupe_chars(tolerance=1), settings)  # costly: only here
    # text turned against the page's own direction (margin stamps, rotated table heads) is left out
    words = drop_caps([w for w in tex_symbols_recoded(found.words) if w["upright"] and not is_blank(w["text"])])
    aside = tuple(w for w in found.words if not w["upright"] and not is_blank(w["text"]))
    return PageWords(words, found.width, found.height, found.turned, aside, found.chars, found.level)


WORD_LETTERS = frozenset("a i à y o ô".split())  # one-letter words of English and French


def _bare_word(text: str) -> str:
    """A word as `drop_caps` compares it: folded, without the punctuation after it."""
    return text.casefold().strip(".,;:!?’'\"”)")


def drop_caps(words: list[dict]) -> list[dict]:
    """A drop cap (a paragraph's first letter set two to four lines tall, its foot on a lower line's
    baseline, the lines beside it indented) taken back to the start of the first line beside it.
    Left where it stands, its line is the one of its foot, read before the lines above it since
    its top is higher ("T had proposed … he armed groups met"). It joins the word beside it
    ("T" + "he", "I" + "n"); a letter that is a word itself ("A", "I", "À", "Y", "O") stays apart
    where the page uses the word beside it alone and never the two joined ("A" + "new" is "A new"
    on a page with "new" and no "anew"). Issue 13 class 1, InDesign's and Word's drop caps."""
    if len(words) < 8:
        return words
    least = most = words[0]["size"]
    for w in words:
        size = w["size"]
        if size > most:
            most = size
        elif size < least:
            least = size
    if most < 2.0 * least:
        return words  # no word twice the size of another: no drop cap (most pages, cheaply)
    sizes = Counter(round(w["size"], 1) for w in words)
    body = sizes.most_common(1)[0][0]
    caps = [w for w in words if w["size"] >= 2.0 * body and len(w["text"]) <= 2 and w["text"][:1].isupper()]
    if not caps:
        return words
    counts = Counter(_bare_word(w["text"]) for w in words)
    out = list(words)
    for cap in caps:
        beside = [w for w in out if w is not cap and w["size"] < 1.3 * body
                  and cap["x1"] - 0.5 <= w["x0"] <= cap["x1"] + 3 * body
                  and w["top"] >= cap["top"] - 0.5 * body and w["bottom"] <= cap["bottom"] + 0.5 * body]
        if len({round(w["top"]) for w in beside}) < 2:
            continue  # beside one line only: a large initial or a symbol, not a drop cap
        first = min(beside, key=lambda w: (round(w["top"]), w["x0"]))
        word = _bare_word(first["text"])
        letter = cap["text"].casefold()
        joined = first["text"][:1].islower() and (letter not in WORD_LETTERS or counts[letter + word] > 0
                                                  or counts[word] <= 1)
        gap = 0.0 if joined else 0.3 * first["size"]
        width = (cap["x1"] - cap["x0"]) * first["size"] / cap["size"]
        out[out.index(cap)] = {**cap, "x0": first["x0"] - gap - width, "x1": first["x0"] - gap, "top": first["top"],
                               "bottom": first["bottom"], "size": first["size"], "fontname": first["fontname"],
                               "space_before": False}
        if not joined:
            first["space_before"] = True
    return out


def streamed_words(page, settings: PdfSettings) -> PageWords | None:
    """An engine that reads a page's words in one pass (`engines.PdfiumPage.stream_words`)
    saves the record per character; None where it has no such pass or the page is not upright."""
    stream = getattr(page, "stream_words", None)
    words = stream(settings.x_tolerance_ratio, settings.x_tolerance, settings.y_tolerance) if stream else None
    if words is None:
        return None
    return PageWords(words, float(page.width), float(page.height), chars=sum(len(w["text"]) for w in words))


def set_accents(chars: list[dict]) -> list[dict]:
    """An accent set as a glyph of its own on the letter next to it in the page's stream (TeX's
    OT1 fonts set "é" as "´" over "e" and "ç" as "¸" under "c"; both readers give the two apart:
    "math´ematiques", "franc¸aise", "M´enaka") made one letter with it, the letter's box kept.
    Only where the two boxes overlap (`glyphs.overlaps`): a "´" typed for an apostrophe stands
    beside its letters ("it´s"). The same list where no accent stands on a letter."""
    if not any(c["text"] in ACCENTS for c in chars):
        return chars
    out: list[dict] = []
    for c in chars:
        prev = out[-1] if out else None
        if prev is not None and (c["text"] in ACCENTS or prev["text"] in ACCENTS) \
                and prev["bottom"] > c["top"] and c["bottom"] > prev["top"] \
                and overlaps(prev["x0"], prev["x1"], c["x0"], c["x1"]):
            letter = with_accent(prev["text"], c["text"])
            if letter is not None:
                out[-1] = {**(c if prev["text"] in ACCENTS else prev), "text": letter}
                continue
        out.append(c)
    return out if len(out) < len(chars) else chars


def cids_recoded(page, chars: list[dict]) -> list[dict]:
    """pdfminer's "(cid:72)" characters, glyphs of a CID TrueType font that neither its
    /ToUnicode nor its cmap maps, as the letters the font's glyph order gives
    (`glyphs.cid_letters`; the pdfium engine reads them so), or an Office font's ligature
    (`glyphs.office_ligatures`, also where Word mapped it to U+100000 + its glyph id); the same
    list where the page has none."""
    if not any(c["text"].startswith("(cid:") or c["text"][:1] >= PLANE_16_TEXT for c in chars):
        return chars
    tables = cid_letters(getattr(getattr(page, "page_obj", None), "resources", None))
    out = []
    for c in chars:
        found = CID_TEXT.fullmatch(c["text"]) if c["text"].startswith("(cid:") else None
        letter = tables.get(c["fontname"], {}).get(int(found.group(1))) if found else None
        if letter is None and found:  # an Office font's ligature, a TeX symbol font's code
            code = int(found.group(1))
            letter = office_ligatures(c["fontname"]).get(code) or tex_symbols(c["fontname"]).get(code)
        elif letter is None and c["text"][:1] >= PLANE_16_TEXT:  # a ligature Word mapped to plane 16
            letter = office_ligatures(c["fontname"]).get(ord(c["text"][0]) - PLANE_16)
        out.append(c if letter is None else {**c, "text": letter})
    return out


PLANE_16_TEXT = chr(PLANE_16)


def tex_symbols_recoded(words: list[dict]) -> list[dict]:
    """The words of a TeX math symbol font without /ToUnicode read as its symbols
    (`glyphs.tex_symbols`: "h" and "i" are the angle brackets of "⟨nom⟩", "y" a dagger); the same
    list where none is."""
    out = None
    for k, w in enumerate(words):
        table = tex_symbols(w["fontname"]) if "fontname" in w else {}
        if table and any(ord(ch) in table for ch in w["text"]):
            out = out or list(words)
            out[k] = {**w, "text": "".join(table.get(ord(ch), ch) for ch in w["text"])}
    return out or words


def symbols_recoded(chars: list[dict]) -> list[dict]:
    """A Symbol, Wingdings or OpenSymbol font's bullets and signs, which pdfminer gives in the
    private use area ("\uf0b7" for Word's bullet), as themselves (`glyphs.symbol_letters`, as the
    pdfium engine reads them), and Adobe's private copyright signs (`glyphs.ADOBE_PRIVATE_SIGNS`);
    the same list where the page has none."""
    if not any(len(c["text"]) == 1 and "\uf000" <= c["text"] <= "\uf8ff" for c in chars):
        return chars
    return [{**c, "text": symbol_letters(c["fontname"]).get(ord(c["text"])) or ADOBE_PRIVATE_SIGNS.get(ord(c["text"]), c["text"])}
            if len(c["text"]) == 1 and "\uf000" <= c["text"] <= "\uf8ff" else c for c in chars]


def tilted_not_upright(chars: list[dict]) -> list[dict]:
    """Characters set at 45 degrees or more off level (`types.runs_level`: a watermark) are not
    upright, though pdfminer calls them so: they are set aside with text turned against the page,
    not read into the lines they cross. The same list where none is."""
    if all(runs_level(c["matrix"]) for c in chars if c["upright"] and "matrix" in c):
        return chars
    return [{**c, "upright": False} if c["upright"] and "matrix" in c and not runs_level(c["matrix"]) else c for c in chars]


def upright_words(page, settings: PdfSettings) -> PageWords:
    options = dict(x_tolerance=settings.x_tolerance, x_tolerance_ratio=settings.x_tolerance_ratio,
                   y_tolerance=settings.y_tolerance,
                   keep_blank_chars=False, use_text_flow=False, extra_attrs=["size", "fontname"])
    chars = tilted_not_upright(symbols_recoded(cids_recoded(page, page.chars)))
    width, height = float(page.width), float(page.height)
    line_dir, char_dir = text_direction(chars)
    if (line_dir, char_dir) == UPRIGHT:
        words = extract_words(set_accents(chars), **options)  # (what page.extract_words does, on these chars)
        mark_spaces(words, blank_boxes(chars))
        return PageWords(words, width, height, chars=len(chars))
    level: list[dict] = []
    if chars and "matrix" in chars[0]:
        # glyphs set upright on a page whose text runs turned (a LaTeX landscape table's page keeps
        # its running head, page number and caption upright; a Word table's horizontal cells beside
        # its vertical ones) are read as words of their own, in the page's own frame
        # (`PageWords.level`), not glyph by glyph across the turned lines ("E d u c a t i o n a l
        # Table 9"); glyphs of any third frame are text against the page's direction, set aside
        # and named in the warnings
        mine = [c for c in chars if c["upright"] and not c["text"].isspace() and frame_of(c["matrix"]) == UPRIGHT]
        if mine:
            level = extract_words(set_accents(mine), **options)
            mark_spaces(level, blank_boxes(chars))
            taken = {id(c) for c in mine}
            chars = [c for c in chars if id(c) not in taken]
    chars, width, height = upright_chars(chars, line_dir, char_dir, width, height)
    if chars and "matrix" in chars[0]:  # (glyphs of a third frame: set aside)
        chars = [c if c["text"].isspace() or frame_of(c["matrix"]) == (line_dir, char_dir) else {**c, "upright": False}
                 for c in chars]
    chars.sort(key=lambda c: (round(c["top"]), c["x0"]))
    words = extract_words(set_accents(chars), **options)
    # space glyphs are not used here (a mirrored glyph's box need not lie where its advance does),
    # but a space an engine inserted between two glyphs' boxes (`generated`) is
    mark_spaces(words, blank_boxes([c for c in chars if c.get("generated")]))
    return PageWords(words, width, height, turned=True, chars=len(chars) + sum(len(w["text"]) for w in level),
                     level=tuple(level))
