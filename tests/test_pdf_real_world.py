"""Issue 13: PDFs typeset by other producers read right. One regression test per symptom class, on
small PDFs drawn here (tests/pdfgen.py), plus the fidelity goals over the real development set."""
from __future__ import annotations

import importlib.util
import json
import random
import re
from functools import lru_cache
from pathlib import Path

import pytest

from extractors.ingest.documents import ingest
from extractors.ingest.nlp import ModelSettings, load_segmenter
from extractors.ingest.pdf import PdfSettings
from extractors.ingest.sentences import spans

from . import pdfgen
from .conftest import segmenter
from .pdfgen import Run

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "fixtures" / "real-pdfs-dev"
FIDELITY_TOOL = ROOT.parent / "shared" / "tools" / "pdf_fidelity.py"
EXPECTED = json.loads((ROOT / "tests" / "fixtures" / "pdf_dev_expected.json").read_text())["footnotes"]

PARAS = [
    "The council met on a Tuesday to discuss the state of the roads between the villages of the district.",
    "Several members asked why the repairs promised last year had not begun before the rainy season.",
    "The treasurer answered that the funds had been delayed by the ministry and would arrive in March.",
    "A farmer from the northern hamlet said that the bridge over the river could no longer carry trucks.",
    "The chair closed the meeting after agreeing to write to the governor about the bridge and the roads.",
]


def read(path: Path):
    return ingest(path, path.stem, path.name, segmenter)


def body_page(paras: list[str], y: float = 80.0, x: float = 50.0, measure: float = 300.0) -> list[Run]:
    runs: list[Run] = []
    for text in paras:
        lines, y = pdfgen.flow(text, x, y, measure)
        runs += lines
        y += 8.0
    return runs


# ---------------------------------------------------------------- text dropped


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
@pytest.mark.parametrize("rotate", [0, 90])
def test_ligatures_named_by_their_parts_keep_their_letters(tmp_path, engine, rotate):
    """Issue 13 (2), text dropped: a font whose /Differences name ligatures by their parts
    ("f_f", "f_f_i", "T_h", "uni0066006C", as Ghostscript's pdfwrite and some foundries write them)
    at codes under 32. pdfium gives those glyphs as control codes, and the letters were lost
    ("e orts", "o ce", "e armed groups"; a Ghostscript re-distillation of the GAO report and the
    JEPS article lost 2-3 % of their words so). Upright pages (one-pass words) and turned ones
    (per-character records) alike."""
    font = (b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding "
            b"/BaseEncoding /WinAnsiEncoding /Differences [27 /f_f /f_f_i /T_h /f_i /uni0066006C] >> >>")
    lines = [b"(\035e armed groups made e\033orts to reach the o\034ce in Kidal.) Tj",
             b"(\035e \036ghters \037ed after the truce, and the e\033ort failed.) Tj"]
    content = b"BT /F1 11 Tf 14 TL 60 520 Td " + b" T* ".join(lines) + b" ET"
    path = pdfgen.write_raw(tmp_path / "ligatures.pdf", [content], {"F1": font}, rotate=rotate)
    doc = ingest(path, path.stem, path.name, segmenter, PdfSettings(engine=engine))
    assert " ".join(s.text for s in doc.sentences) == (
        "The armed groups made efforts to reach the office in Kidal. "
        "The fighters fled after the truce, and the effort failed.")


def test_issue_13_a_cid_font_that_is_not_truetype_does_not_end_the_reading_of_the_fonts_after_it(tmp_path):
    """Round 11, pinned in review: the document's fonts are read once (`glyphs.named_glyphs`); a
    Type0 font whose descendant is no TrueType (a CFF CID font, the commonest) gave an empty key
    that `glyphs.cid_key` could not take, and the IndexError ended the reading there: the
    ligatures of every font after it were lost again ("e armed groups", "e orts")."""
    cff = (b"<< /Type /Font /Subtype /Type0 /BaseFont /KozMinPro-Regular /Encoding /Identity-H /DescendantFonts "
           b"[<< /Type /Font /Subtype /CIDFontType0 /BaseFont /KozMinPro-Regular /CIDSystemInfo << /Registry (Adobe) "
           b"/Ordering (Japan1) /Supplement 4 >> /DW 1000 >>] >>")
    font = (b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding "
            b"/BaseEncoding /WinAnsiEncoding /Differences [27 /f_f /f_f_i /T_h /f_i /uni0066006C] >> >>")
    content = (b"BT /F2 11 Tf 60 560 Td <0001> Tj ET "
               b"BT /F1 11 Tf 60 520 Td (\035e armed groups made e\033orts to reach Kidal.) Tj ET")
    path = pdfgen.write_raw(tmp_path / "fonts.pdf", [content], {"F2": cff, "F1": font})
    doc = ingest(path, path.stem, path.name, segmenter, PdfSettings(engine="pdfium"))
    assert "The armed groups made efforts to reach Kidal." in " ".join(s.text for s in doc.sentences)


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
@pytest.mark.parametrize("cmaps", [((1, 0), (3, 0)), ((1, 0),), ((3, 0),)], ids=["mac+symbol", "mac", "symbol"])
def test_accents_and_quotes_of_a_bare_truetype_font_are_read_as_meant(tmp_path, engine, cmaps):
    """Issue 13 (2), text garbled: a TrueType font embedded with neither /Encoding nor /ToUnicode
    (Ghostscript writes a Windows font so; its codes are cp1252's). pdfium decoded the codes as
    Mac Roman where the program has a Macintosh cmap ("MÈnaka" for "Ménaka", "seÒor", "¸" for
    "ü": found on a Ghostscript re-distillation of the ITHAKA report, 1 % of its words) and as
    Latin-1 otherwise (quotes and dashes became control characters: "Mali\x92s")."""
    text = "Ménaka, Ségou, Kidal: señor Maïga’s “reprisals” – 1 000 € … Tombouctou, Gao, Mopti, Diré, Niafunké"
    path = pdfgen.write_bare_truetype(tmp_path / "bare.pdf", text, cmaps)
    doc = ingest(path, path.stem, path.name, segmenter, PdfSettings(engine=engine))
    assert " ".join(s.text for s in doc.sentences) == text


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_a_cid_truetype_font_without_tounicode_is_read_by_its_program_cmap(tmp_path, engine):
    """Issue 13 (2), text garbled: a CID TrueType font (Identity-H) embedded without /ToUnicode,
    as "Microsoft Print to PDF" writes one. pdfium gave each glyph's id as its character ("0«QDND"
    for "Ménaka", every letter of such a document wrong); the program's own cmap, reversed, gives
    the letters, as pdfminer reads it."""
    text = "Ménaka, Kidal and Tombouctou: the MNLA’s “reprisals” – 2012. Gao, Mopti & Ségou (‘Sahel’)."
    path = pdfgen.write_cid_truetype(tmp_path / "cid.pdf", text)
    doc = ingest(path, path.stem, path.name, segmenter, PdfSettings(engine=engine))
    assert " ".join(s.text for s in doc.sentences) == text



@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_regression_an_f_before_a_space_in_a_cid_font_read_by_its_cmap_ends_its_word(tmp_path, engine):
    """Round 15: in a CID TrueType font without /ToUnicode (Microsoft Print to PDF), whose letters
    come from the program's cmap, an "f" took its box from the width pdfium finds for the code
    point "f", which such a font does not map: a whole em, over the space after it, so that "of
    optional" was one word. The glyph's own box serves."""
    text = "The selection of optional letters, of the fund and of its staff."
    path = pdfgen.write_cid_truetype(tmp_path / "cid.pdf", text)
    doc = ingest(path, path.stem, path.name, segmenter, PdfSettings(engine=engine))
    assert " ".join(s.text for s in doc.sentences) == text

@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_regression_calibri_s_ligatures_without_a_code_point_are_their_letters(tmp_path, engine):
    """Round 15 (Word through PScript5 and Distiller 20, set in Calibri): Calibri's "ti", "tt",
    "tti" and "ft" ligatures have no code point, and Word's PDF maps them to none. pdfium gave
    their glyph ids as characters ("HarmaƩan", "selecƟon", "seƫng", "aŌer": the title, every page,
    the names a user searches for), pdfminer "(cid:425)". Read as their letters."""
    text = "The Harmattan settings: after the selection of optional letters, by Word (2016)."
    marked = (text.replace("tti", "③").replace("tt", "②").replace("ti", "①").replace("ft", "④"))
    # (no cmap in the program, as in Word's subsets: its glyph order gives the other letters)
    path = pdfgen.write_cid_truetype(tmp_path / "calibri.pdf", marked, cmap=False, name="Calibri",
                                     glyphs={"①": 415, "②": 425, "③": 427, "④": 332})
    doc = ingest(path, path.stem, path.name, segmenter, PdfSettings(engine=engine))
    assert " ".join(s.text for s in doc.sentences) == text

@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_a_cid_truetype_font_without_cmap_is_read_by_its_standard_glyph_order(tmp_path, engine):
    """Issue 13 (2), text garbled, round 10: a CID TrueType font without /ToUnicode whose program
    has no cmap and no glyph names either, as Acrobat Distiller subsets InDesign's and Word's
    fonts (a French film review, a German magazine page, an Italian brochure). pdfium gave each
    glyph id as its character, every letter 29 places off ("$FWH GX SULQWHPSV" for "Acte du
    printemps"), pdfminer "(cid:36)(cid:70)..."; the glyph ids follow Apple's standard order,
    which the font's widths confirm."""
    text = "Gao, Kidal and Tombouctou: the MNLA took 3 towns in 2012 (Menaka, Mopti & Segou) with JNIM."
    path = pdfgen.write_cid_truetype(tmp_path / "cid.pdf", text, cmap=False)
    doc = ingest(path, path.stem, path.name, segmenter, PdfSettings(engine=engine))
    assert " ".join(s.text for s in doc.sentences) == text


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_issue_13_glyphs_a_partial_tounicode_leaves_out_are_read_by_the_standard_glyph_order(tmp_path, engine):
    """Round 11 (a child-development questionnaire, Acrobat Pro DC over Word: subsets of Arial
    whose /ToUnicode maps the glyphs of the first page and leaves out the letters of the second):
    pdfium gave the glyph ids ("WKH SDVW ZHHN" for "the past week"), pdfminer "(cid:87)". The
    glyphs the /ToUnicode leaves out are read as where there is none; those it maps stay as it
    maps them (looked for where a page holds a code under 32, a digit's glyph id here). (On that
    file the pdfplumber engine still reads "(cid:87)": pdfminer's interpreter names those glyphs'
    fonts otherwise than the page's resources do; left alone.)"""
    text = "During the past 7 days, how many days did you read to your child in Gao and Kidal?"
    path = pdfgen.write_cid_truetype(tmp_path / "cid.pdf", text, cmap=False, mapped="D ,?")
    doc = ingest(path, path.stem, path.name, segmenter, PdfSettings(engine=engine))
    assert " ".join(s.text for s in doc.sentences) == text


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_issue_13_a_cid_fonts_letters_are_not_taken_for_a_simple_fonts_codes(tmp_path, engine):
    """Round 11, pinned while mending the reading above: a symbolic CID TrueType font with a Mac
    cmap and a whole /ToUnicode (LuaTeX's subsets of DejaVu Serif) had its {CID: letter} table
    applied to pdfium's letters as a bare TrueType font's codes are recoded: "Andrħ" for
    "André", "Sħgou" for "Ségou". The two tables are kept apart (`glyphs.cid_key`)."""
    text = "Marc-André Boisvert wrote on Ségou, Mopti and Ménaka in 2015."
    path = pdfgen.write_cid_truetype(tmp_path / "cid.pdf", text, mapped=text, symbolic=True)
    doc = ingest(path, path.stem, path.name, segmenter, PdfSettings(engine=engine))
    assert " ".join(s.text for s in doc.sentences) == text


def test_the_standard_glyph_order_is_taken_only_where_the_widths_agree_with_it():
    """The guard of the reading above: a font whose ids follow the standard order moved by a
    place or two (a glyph more before its letters: "3WCPF" for "Quand") is read in that order;
    a font in another order (a CJK font, glyphs in the order a designer drew them) is not, nor
    one whose few glyphs cannot say."""
    from fontTools.ttLib import TTFont

    from extractors.ingest.pdf.glyphs import standard_order

    program = TTFont(pdfgen.FONT_DIR / "DejaVuSans.ttf")
    order, em = program.getGlyphOrder(), program["head"].unitsPerEm
    widths = {gid: program["hmtx"][order[gid]][0] * 1000 / em for gid in range(3, 98)}
    letters = standard_order(widths)
    assert "".join(letters[g] for g in range(36, 62)) == "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    moved = standard_order({gid + 1: w for gid, w in widths.items()})
    assert "".join(moved[g + 1] for g in range(68, 94)) == "abcdefghijklmnopqrstuvwxyz"
    shuffled = dict(zip(sorted(widths), random.Random(7).sample(list(widths.values()), len(widths))))
    assert standard_order(shuffled) == {}
    assert standard_order({gid: widths[gid] for gid in range(68, 80)}) == {}  # 12 glyphs: too few


def test_regression_past_the_accented_letters_a_windows_fonts_glyphs_are_named_by_their_widths():
    """Round 13 (a German municipal gazette, Word through Distiller 15 and PScript5: subsets of
    Arial with no cmap and no /ToUnicode): the standard order read its letters right but its en
    dash as "œ" ("Wochenmarkt œ Keine Winterpause", 58 times), its closing quote as an em dash and
    its opening "„" as "‚": past the accented letters, Arial's order leaves Apple's by a place. There
    a glyph is named where its width goes with the name's (Arial keeps Helvetica's widths), at the
    order's place or one either side; else it has none (the reader gives U+FFFD)."""
    from fontTools.ttLib.standardGlyphOrder import standardGlyphOrder
    from pdfminer.encodingdb import name2unicode
    from pdfminer.fontmetrics import FONT_METRICS

    from extractors.ingest.pdf.glyphs import standard_order

    helvetica = FONT_METRICS["Helvetica"][1]
    widths = {gid: helvetica[name2unicode(name)] for gid, name in enumerate(standardGlyphOrder)
              if 3 <= gid < 130 and name2unicode(name) in helvetica}
    windows = {"\u2013": 177, "\u201c": 179, "\u201e": 196, "\u2014": 178, "\u00a7": 134}  # one place before Apple's
    widths.update({gid: helvetica[ch] for ch, gid in windows.items()})
    widths[300] = 350  # a bullet past the 258 glyphs of the order
    letters = standard_order(widths)
    assert "".join(letters[g] for g in range(68, 94)) == "abcdefghijklmnopqrstuvwxyz"
    assert {ch: letters.get(gid) for ch, gid in windows.items()} == {ch: ch for ch in windows}
    assert 300 not in letters


def test_regression_a_glyph_the_standard_order_does_not_name_is_no_letter(tmp_path):
    """Round 13, the same gazette: its bullets, glyphs past the standard order's 258, were read as
    pdfium gives their CIDs, Thai and Lao letters ("ฦ Montag, 10."). In a font read by the standard
    order, a glyph it does not name is U+FFFD, the replacement character, not a letter of some
    script."""
    text = "Gao, Kidal and Tombouctou: the MNLA took 3 towns in 2012 \u2022 Menaka, Mopti & Segou with JNIM."
    path = pdfgen.write_cid_truetype(tmp_path / "cid.pdf", text, cmap=False)
    doc = ingest(path, path.stem, path.name, segmenter, PdfSettings(engine="pdfium"))
    assert " ".join(s.text for s in doc.sentences) == text.replace("\u2022", "\ufffd")


# ---------------------------------------------------------------- reading order


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
@pytest.mark.parametrize("rotate", [90, 180, 270])
def test_text_on_a_page_turned_by_rotate_is_read_first_line_first(tmp_path, engine, rotate):
    """Issue 13 (1), lines in reverse order: a page turned by /Rotate whose text is set plainly in
    the page's own space (it shows sideways or upside down). pdfium's text page gives such a
    page's lines last first, and the lines' direction was read from that order: on /Rotate 90
    the pdfium engine read the paragraph bottom line first. The direction comes from the glyphs'
    matrices now."""
    words = " ".join(PARAS[:2]).split()
    lines = [" ".join(words[i:i + 7]) for i in range(0, len(words), 7)]
    content = (b"BT /F1 11 Tf 14 TL 60 520 Td " + b" T* ".join(b"(%s) Tj" % line.encode() for line in lines)
               + b" ET")
    path = pdfgen.write_raw(tmp_path / "turned.pdf", [content], {"F1": pdfgen.HELVETICA}, rotate=rotate)
    doc = ingest(path, path.stem, path.name, segmenter, PdfSettings(engine=engine))
    assert " ".join(s.text for s in doc.sentences) == " ".join(PARAS[:2])


def drop_cap_paragraph(text: str, y: float, cap_lines: int, x: float = 50.0, measure: float = 300.0,
                       leading: float = 13.0) -> tuple[list[Run], float]:
    """A paragraph opening with a drop cap `cap_lines` lines tall (its foot on that line's
    baseline, the lines beside it indented past it), as InDesign and Word set one."""
    cap, words = text[0], text[1:].split(" ")
    cap_size = (cap_lines + 0.6) * leading
    indent = pdfgen.width(cap, "serif", cap_size) + 3
    runs, line, n = [], "", 0
    for word in words:
        lx, m = (x + indent, measure - indent) if n < cap_lines else (x, measure)
        trial = f"{line} {word}" if line else word
        if line and pdfgen.width(trial, "serif", 10) > m:
            runs.append(Run(lx, y + n * leading, line, "serif", 10))
            n, line = n + 1, word
        else:
            line = trial
    runs.append(Run(x + indent if n < cap_lines else x, y + n * leading, line, "serif", 10))
    runs.append(Run(x, y + (cap_lines - 1) * leading, cap, "serif", cap_size))
    return runs, y + (n + 1) * leading


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_a_drop_cap_starts_its_paragraph(tmp_path, engine):
    """Issue 13 (1), misplaced text: a paragraph opening with a drop cap (its first letter set
    three lines tall, its foot on the third line) was read from the third line, the cap's, since
    the cap's top stands above the first: "T had proposed, ... he armed groups met". The cap goes
    back to the first line beside it and joins its word; a letter that is a word itself ("A")
    stays apart when the page uses the word beside it alone ("A new")."""
    first = ("The armed groups met in Kidal in March 2015 to discuss the peace agreement that the government had "
             "proposed, and the representatives of the coordination asked for more time to consult their bases "
             "before any signature could take place in Algiers or in Bamako, which the mediators accepted.")
    second = ("A new round of talks opened in Algiers in May, where the parties agreed on a ceasefire that held for "
              "some weeks before new fighting resumed near Anefis between the Platform and the coordination.")
    third = ("In Gao the youth movements marched against the interim authorities for three days in a row.")
    runs1, y = drop_cap_paragraph(first, 100, 3)
    runs2, y = drop_cap_paragraph(second, y + 20, 2)
    runs3, _ = drop_cap_paragraph(third, y + 20, 2)
    path = pdfgen.write_pages(tmp_path / "drop-caps.pdf", [[Run(50, 60, "Introduction", "bold", 14)] + runs1 + runs2 + runs3])
    doc = ingest(path, path.stem, path.name, segmenter, PdfSettings(engine=engine))
    assert " ".join(s.text for s in doc.sentences if s.zone == "body") == " ".join([first, second, third])


def test_upright_page_whose_footer_is_written_first_is_not_read_bottom_to_top(tmp_path):
    """Issue 13 (1): Word and InDesign write a page's footer before its text; the page was taken for
    a mirrored one and its sentences came out bottom-to-top."""
    footer = [Run(50, 560, "Council minutes, spring session", "sans", 8), Run(350, 560, "1", "sans", 8)]
    doc = read(pdfgen.write_pages(tmp_path / "footer-first.pdf", [footer + body_page(PARAS)]))
    assert doc.status == "ok", doc.error
    body = [s.text for s in doc.sentences if s.zone == "body"]
    assert body == PARAS


def test_each_sentence_carries_the_page_where_it_starts(tmp_path):
    """Issue 13 (3): a paragraph running over four pages gave every sentence the page where the
    paragraph started."""
    text = " ".join(f"Point{n} of the long paragraph tells of the road and the bridge again." for n in range(1, 41))
    lines, _ = pdfgen.flow(text, 50, 80, 300)
    pages = [lines[i:i + 12] for i in range(0, len(lines), 12)]
    for page in pages:  # every page starts at the same height
        shift = page[0].y - 80
        page[:] = [Run(r.x, r.y - shift, r.text, r.face, r.size) for r in page]
    doc = read(pdfgen.write_pages(tmp_path / "long.pdf", pages))
    assert len(pages) >= 3 and len(doc.sentences) == 40
    where = {word: n for n, page in enumerate(pages, 1) for r in page for word in r.text.split()}
    for s in doc.sentences:
        assert s.page == where[s.text.split()[0]], s.text


def test_a_paragraph_broken_by_a_page_runs_on_past_a_figure_at_the_top_of_the_next(tmp_path):
    """Issue 13: a paragraph broken at the foot of a page was joined into the first text of the
    next page, a figure's label ("these trends helped shape ag Map of central Mali"), and its end
    came after the figure's caption as a paragraph of its own. The figure's label and caption are
    not joined into; the paragraph runs on past them."""
    text = " ".join([AROUND, *PARAS])
    lines, _ = pdfgen.flow(text, 50, 80, 300)
    k = next(i for i in range(4, len(lines)) if not lines[i - 1].text.endswith("."))
    rest = [Run(r.x, r.y - lines[k].y + 220, r.text, r.face, r.size) for r in lines[k:]]
    figure = [Run(120, 90, "Map of the northern district", "sans", 9),
              Run(50, 190, "Figure 1: Roads and bridges of the district in 2019.", "serif", 9)]
    doc = read(pdfgen.write_pages(tmp_path / "figure.pdf", [lines[:k], figure + rest]))
    body = [s.text for s in doc.sentences if s.zone == "body"]
    assert [t for t in body if "Map of" not in t] == [AROUND, *PARAS]
    assert [s.text for s in doc.sentences if s.zone == "caption"] == [figure[1].text]


# ---------------------------------------------------------------- text kept, in the right place


def test_numbered_items_are_kept_with_their_markers(tmp_path):
    """Issue 13 (2, 7): numbered agenda items were dropped or their markers "1." became sentences."""
    items = ["1. Approval of the minutes of the previous meeting.", "2. Report of the treasurer on the road fund.",
             "3. Letters from the parents of the northern hamlet."]
    runs = [Run(50, 80, "Agenda of the meeting", "bold", 14)]
    y = 110.0
    for item in items:
        runs.append(Run(60, y, item, "serif", 10))
        y += 16
    runs += body_page(PARAS[:2], y=y + 20)
    doc = read(pdfgen.write_pages(tmp_path / "agenda.pdf", [runs]))
    texts = [s.text for s in doc.sentences]
    for item in items:
        assert item in texts
    assert not [t for t in texts if t.strip() in ("1.", "2.", "3.")]


def test_running_heads_and_page_numbers_are_set_aside_not_inside_sentences(tmp_path):
    """Issue 13 (5): a page number in the middle of a sentence ("Monday to 163 Friday"), a running
    head as the section. They are kept in zones header/footer, never inside body sentences."""
    text = " ".join(PARAS * 3)
    lines, _ = pdfgen.flow(text, 50, 80, 300)
    pages = []
    for n, i in enumerate(range(0, len(lines), 10), 1):
        chunk = lines[i:i + 10]
        shift = chunk[0].y - 80
        page = [Run(50, 40, "District Council Minutes", "sans", 8)]
        page += [Run(r.x, r.y - shift, r.text, r.face, r.size) for r in chunk]
        page.append(Run(205, 560, str(160 + n), "sans", 8))
        pages.append(page)
    doc = read(pdfgen.write_pages(tmp_path / "running.pdf", pages))
    body = " ".join(s.text for s in doc.sentences if s.zone == "body")
    assert "District Council" not in body and not any(str(160 + n) in body for n in range(1, len(pages) + 1))
    assert body == text
    header = [s for s in doc.sentences if s.zone == "header"]
    footer = [s for s in doc.sentences if s.zone == "footer"]
    assert len(header) == len(pages) and {s.text for s in header} == {"District Council Minutes"}
    assert sorted(s.text for s in footer) == [str(160 + n) for n in range(1, len(pages) + 1)]
    assert all(s.page == int(s.text) - 160 for s in footer)


def test_running_heads_whose_words_change_by_chapter_are_set_aside(tmp_path):
    """Issue 13 (5), running heads that name the chapter and print the page's number ("Chapter 2:
    Roads 3", verso "4 Council Minutes"), each wording on two pages only: below the three
    repeats a wording needs, they were read into the sentence running over the page break
    ("... the villages Chapter 2: Roads 3 of the district"). They number the pages as the other
    heads at their height do, so they are heads too (found on a pdfTeX manual and LaTeX notes)."""
    text = " ".join(PARAS * 6)
    lines, _ = pdfgen.flow(text, 50, 80, 300)
    chapters = ["Chapter 1: Meetings", "Chapter 2: Roads", "Chapter 3: Bridges", "Chapter 4: Funds"]
    pages, heads = [], []
    for n, i in enumerate(range(0, len(lines), 6), 1):
        chunk = lines[i:i + 6]
        shift = chunk[0].y - 80
        folio = n + 2  # the file's first pages are the cover and contents
        head = f"{folio} District Council Minutes" if n % 2 == 0 else f"{chapters[(n - 1) // 4]} {folio}"
        heads.append(head)
        page = [Run(50, 40, head, "sans", 8)] + [Run(r.x, r.y - shift, r.text, r.face, r.size) for r in chunk]
        pages.append(page)
    assert len(pages) >= 8 and all(sum(h.startswith(c) for h in heads) <= 2 for c in chapters)
    doc = read(pdfgen.write_pages(tmp_path / "chapter-heads.pdf", pages))
    assert_heads_set_aside(doc, text, heads, "Chapter", "District Council")


def assert_heads_set_aside(doc, text: str, heads: list[str], *words: str) -> None:
    """The body reads `text` whole, none of `words` (the heads' own) in it, and the running heads
    are header rows of their own."""
    body = " ".join(s.text for s in doc.sentences if s.zone == "body")
    assert not [w for w in words if w in body]
    assert body == text
    assert sorted(s.text for s in doc.sentences if s.zone == "header") == sorted(heads)


def test_large_lines_that_head_nothing_are_kept_as_text(tmp_path):
    """Issue 13 (2, 4): on a slide or a form, short lines set large one after another were each
    taken for a heading; every heading replaced the one before it as the section, so their words
    were in no output file. A heading heads text or a lower-ranked heading; the others are text."""
    items = ["Founded by the district in 1998", "Rebuilt after the floods of 2007",
             "Run by a council of nine members", "Funded by the regional ministry"]
    runs = [Run(40, 60, "History of the road fund", "bold", 30)]
    y = 120.0
    for item in items:
        runs.append(Run(50, y, item, "sans", 20))
        y += 40
    runs += body_page(PARAS[2:3], y=y + 10)
    pages = [runs, [Run(40, 60, "Next steps", "bold", 30)] + body_page(PARAS[:2], y=110)]
    doc = read(pdfgen.write_pages(tmp_path / "slides.pdf", pages))
    assert doc.status == "ok", doc.error
    texts = [s.text for s in doc.sentences]
    for item in items[:3]:  # each followed by a line of its own rank: text of page 1
        assert any(t.startswith(item) for t in texts if t) and all(s.page == 1 for s in doc.sentences
                                                                   if s.text.startswith(item))
    assert {s.section for s in doc.sentences if s.text == PARAS[2]} == {items[3]}  # heads the paragraph
    assert {s.section for s in doc.sentences if s.text in PARAS[:2]} == {"Next steps"}


def test_body_text_set_large_is_not_taken_for_a_heading(tmp_path):
    """Issue 13 (4): a form's narrative set in large type (up to 473 characters) landed only in the
    section column. A heading is never longer than three lines."""
    narrative = " ".join(PARAS[:4])
    big, y = pdfgen.flow(narrative, 40, 80, 330, face="sans", size=13, leading=16)
    runs = [Run(40, 50, "Request for a road permit", "bold", 18)] + big + body_page(PARAS[4:], y=y + 20)
    doc = read(pdfgen.write_pages(tmp_path / "form.pdf", [runs]))
    assert all(len(s.section) <= 200 for s in doc.sentences)
    text = " ".join(s.text for s in doc.sentences)
    assert narrative in text


def test_issue_13_a_heading_over_200_characters_as_its_lines_join_is_text(tmp_path):
    """Round 11 (a 111-page PowerPoint deck whose slides are headed by three bold lines): a title
    of 200 letters passed the 200-character cap, counted line by line, and became a
    section value of 202 characters once its lines were joined with spaces. The cap counts the
    joined text."""
    lines = ["Improving literacy requires important shifts in the education system",
             "to serve all students, particularly those with learning differences and",
             "who face additional adversity due to racism and deep poverty"]
    assert sum(map(len, lines)) <= 200 < len(" ".join(lines))
    runs = [Run(40, 50 + 26 * k, line, "bold", 18) for k, line in enumerate(lines)]
    first = [Run(40, 60, "Literacy in the district", "bold", 30)] + body_page(PARAS[2:3], y=110)
    doc = read(pdfgen.write_pages(tmp_path / "slides.pdf", [first, runs + body_page(PARAS[:2], y=150)], size=(900.0, 600.0)))
    assert all(len(s.section) <= 200 for s in doc.sentences)
    assert " ".join(lines) in " ".join(s.text for s in doc.sentences)


def test_small_type_set_tight_is_not_glued_into_one_word(tmp_path):
    """Issue 13 (6): "Received4October2005", "EmployeeRelations": 8 pt notes whose word spaces
    (1.3 pt) are narrower than a fixed 1.5 pt tolerance. The tolerance scales with the type size."""
    note = "Received 4 October 2005 and accepted for the Employee Relations review"
    runs = body_page(PARAS[:3]) + pdfgen.tight_words(note, 50, 500, "serif", 8.0, gap=1.3)
    doc = read(pdfgen.write_pages(tmp_path / "tight.pdf", [runs]))
    text = " ".join(s.text for s in doc.sentences)
    assert note in text
    assert "Received4October" not in text and "EmployeeRelations" not in text


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
@pytest.mark.parametrize("how", ["char-spacing", "letters-apart"])
def test_letter_spaced_headings_keep_their_words(tmp_path, engine, how):
    """Issue 13 (6), word segmentation that adapts to the spacing: a heading or title set
    letter-spaced (a designer's tracking, 0.2 em and more after every letter) came out one letter
    a word with its words' breaks lost: "E X E C U T I V E S U M M A R Y" as the section. Set with
    character spacing (Tc, space glyphs between the words) or each letter shown apart (no space
    glyph at all). A line of single letters with spaces between them ("options a b c d") and the
    body stay as they are."""
    body = ("The armed groups met in Kidal in March 2015 to discuss the peace agreement that the government "
            "had proposed, and the representatives asked for more time. The options were a b c d in turn.")
    lines, _ = pdfgen.flow(body, 50, 130, 300)
    if how == "char-spacing":
        font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"
        content = (b"BT /F1 14 Tf 3.5 Tc 50 520 Td (EXECUTIVE SUMMARY) Tj ET "
                   b"BT /F2 11 Tf 2.5 Tc 50 495 Td (Armed groups in northern Mali) Tj ET "
                   + b"".join(b"BT /F2 10 Tf 0 Tc %g %g Td (%s) Tj ET " % (r.x, 595 - r.y, r.text.encode()) for r in lines))
        path = pdfgen.write_raw(tmp_path / "tracked.pdf", [content], {"F1": font, "F2": pdfgen.HELVETICA})
    else:
        runs: list[Run] = []
        for y, text, face, size in ((60, "EXECUTIVE SUMMARY", "bold", 14), (85, "Armed groups in northern Mali", "sans", 11)):
            x = 50.0
            for ch in text:
                if ch != " ":
                    runs.append(Run(x, y, ch, face, size))
                x += pdfgen.width(ch, face, size) + 0.25 * size
        path = pdfgen.write_pages(tmp_path / "tracked.pdf", [runs + lines])
    doc = ingest(path, path.stem, path.name, segmenter, PdfSettings(engine=engine))
    assert {s.section for s in doc.sentences if s.zone == "body"} == {"EXECUTIVE SUMMARY"}
    texts = [s.text for s in doc.sentences]
    assert texts[0] == "Armed groups in northern Mali"
    assert " ".join(texts[1:]) == body


def test_bibliographic_abbreviations_do_not_end_sentences():
    """Issue 13 (7): "Vol.", "pp.", "No." made fragments such as "24 No."; a list marker "2." was
    left at the end of the sentence before it."""
    nlp = load_segmenter(ModelSettings().name_for("en"))
    text = ("See the Review of Rural Roads, Vol. 24, No. 3, pp. 12-19, for the figures. The council agreed. "
            "1. The first point was the bridge. 2. The second point was the school.")
    got = [text[a:b].strip() for a, b in spans(nlp, [text])[0]]
    assert got == ["See the Review of Rural Roads, Vol. 24, No. 3, pp. 12-19, for the figures.",
                   "The council agreed.", "1. The first point was the bridge.", "2. The second point was the school."]


# ---------------------------------------------------------------- what is not running prose


def test_toc_captions_and_references_get_their_own_zones(tmp_path):
    """Issue 13 (8): dot-leader contents lines, captions and reference lists were zoned body."""
    toc = [Run(50, 80, "Contents", "bold", 16)]
    for i, (name, page) in enumerate([("Roads", 2), ("Bridges", 2), ("References", 2)]):
        toc.append(Run(50, 110 + 16 * i, f"{i + 1} {name} " + ". " * 40 + f" {page}", "serif", 10))
    page2 = [Run(50, 60, "1 Roads", "bold", 14)] + body_page(PARAS[:2], y=85)
    page2.append(Run(50, 230, "Figure 1: The bridge over the river in the dry season.", "serif", 9))
    page2 += [Run(50, 270, "2 Bridges", "bold", 14)] + body_page(PARAS[2:4], y=295)
    page2.append(Run(50, 440, "References", "bold", 14))
    refs = ["Diallo, A. (2015). Roads and markets in the Sahel. Bamako: Editions du Fleuve.",
            "Traoré, B. (2019). Rural bridges. Journal of Rural Works 12(3), 45-67."]
    for i, r in enumerate(refs):
        page2.append(Run(50, 465 + 16 * i, r, "serif", 10))
    doc = read(pdfgen.write_pages(tmp_path / "zones.pdf", [toc, page2]))
    zones = {}
    for s in doc.sentences:
        zones.setdefault(s.zone, []).append(s.text)
    assert len(zones.get("toc", [])) >= 3 and all(". . ." in t or "..." in t or t for t in zones["toc"])
    assert not [t for t in zones.get("body", []) if ". . . ." in t]
    assert any(t.startswith("Figure 1") for t in zones.get("caption", []))
    assert " ".join(zones.get("references", [])).count("Sahel") == 1
    assert not [t for t in zones.get("body", []) if "Figure 1" in t or "Rural bridges" in t]


def test_contents_rows_of_chapters_without_leaders_stay_in_the_contents(tmp_path):
    """Issue 13: a table of contents whose chapter rows are set in bold without dot leaders
    (KOMA-Script, LaTeX's report class) had those rows taken for headings: sections named
    "1 Roads and markets 2", and the rows lost from the contents. A row ending in a page number
    next to a row with leaders is a contents row."""
    rows = [("1 Roads and markets", 2, "bold"), ("1.1 The northern road", 2, "serif"),
            ("1.2 The river crossing", 3, "serif"), ("2 Bridges", 4, "bold"), ("3 The budget", 5, "bold"),
            ("3.1 Funds from the ministry", 5, "serif")]
    toc = [Run(50, 80, "Contents", "bold", 16)]
    for i, (name, page, face) in enumerate(rows):
        leaders = "" if face == "bold" else " " + ". " * 30
        toc.append(Run(50, 110 + 16 * i, f"{name}{leaders} {page}", face, 10))
    page2 = [Run(50, 60, "1 Roads and markets", "bold", 14)] + body_page(PARAS[:3], y=85)
    doc = read(pdfgen.write_pages(tmp_path / "contents.pdf", [toc, page2]))
    toc_rows = [s.text for s in doc.sentences if s.zone == "toc"]
    assert [t.split(" .")[0] for t in toc_rows] == [f"{n} {p}" if f == "bold" else n for n, p, f in rows]
    assert {s.section for s in doc.sentences if s.zone == "body"} == {"1 Roads and markets"}
    assert not [s for s in doc.sentences if s.section[-1:].isdigit()]


LEADERLESS = [("Acknowledgements", "vi", "bold"), ("Executive summary", "xii", "bold"),
              ("Chapter 1. Introduction", "1", "bold"), ("1.1 Objectives and scope of the guidelines", "1", "serif"),
              ("1.2 Related guidelines", "2", "serif"), ("Chapter 2. Background", "4", "bold"),
              ("2.1 Epidemiology of the disease in the northern regions and the challenge of its",
               "", "serif"), ("elimination", "4", "serif"), ("2.2 Routes of transmission", "5", "serif"),
              ("Chapter 3. Methods", "8", "bold"), ("3.1 Overview", "8", "serif"), ("3.2 Roles", "9", "serif")]


def test_regression_contents_without_leaders_are_read_row_by_row(tmp_path):
    """Round 15 (a WHO guideline's contents, an InDesign book's, a LaTeX book's chapter rows):
    titles flush left, page numbers flush right, no dot leaders. The page numbers were read as a
    column of their own ("8 8 9 9 11 14 15 15 17" one paragraph after all the titles), the rows as
    body text and headings. A column holding only numbers, each on a row of the other, is no
    column; rows ending in a number set well apart, the numbers never falling, are the contents'
    rows (an entry wrapped over two lines included), each title with its number."""
    toc = [Run(50, 60, "Contents", "bold", 16)]
    for i, (name, page, face) in enumerate(LEADERLESS):
        toc.append(Run(50, 90 + 15 * i, name, face, 9))
        if page:
            toc.append(Run(372 - pdfgen.width(page, face, 9), 90 + 15 * i, page, face, 9))
    toc.append(Run(205, 560, "iii", "serif", 8))  # the page's folio
    page2 = [Run(50, 60, "Chapter 1. Introduction", "bold", 14)] + body_page(PARAS[:3], y=85)
    doc = read(pdfgen.write_pages(tmp_path / "contents.pdf", [toc, page2]))
    rows = [s.text for s in doc.sentences if s.zone == "toc"]
    expected, wrapped = [], ""
    for name, page, _ in LEADERLESS:
        if not page:
            wrapped = name + " "
            continue
        expected.append(f"{wrapped}{name} {page}")
        wrapped = ""
    assert rows == expected
    assert {s.section for s in doc.sentences if s.zone == "body"} == {"Chapter 1. Introduction"}

def test_regression_contents_numbers_after_pg_are_read_on_their_rows(tmp_path):
    """Round 15's check on round 11 (a foundation's report from InDesign): contents rows whose page
    numbers, flush right, follow "pg." ("1 Summary ... pg. 3"); the column of "pg. N" was read as
    a column of its own, after all the titles. Each number, "pg." with it, is read on its row."""
    rows = [("1 Summary", 3), ("2 Background", 12), ("3 The need", 18), ("4 Key insights from research", 28),
            ("The science of reading and equity", 29), ("Key elements of the system", 43),
            ("Lessons from bright spots", 65), ("5 Promising strategies", 81), ("6 Appendices", 92),
            ("Root causes", 92), ("Sources", 104)]
    toc = [Run(50, 60, "Table of contents", "bold", 16)]
    for i, (name, page) in enumerate(rows):
        toc += [Run(50, 90 + 18 * i, name, "bold" if name[0].isdigit() else "serif", 10),
                Run(330, 90 + 18 * i, f"pg. {page}", "serif", 10)]
    page2 = [Run(50, 60, "1 Summary", "bold", 14)] + body_page(PARAS[:3], y=85)
    doc = read(pdfgen.write_pages(tmp_path / "pg.pdf", [toc, page2]))
    assert [s.text for s in doc.sentences if s.zone == "toc"] == [f"{n} pg. {p}" for n, p in rows]

def test_contents_rows_whose_leaders_start_at_one_edge_are_not_two_columns():
    """Issue 13: LaTeX sets a contents row's dot leaders from one edge on every row, so short
    titles leave a wide gap before the first dot: the gap was taken for a column gutter, and the
    titles and their leaders and page numbers were read as two columns ("1.2.1 Policies" as body
    text, ". . . . 4" apart). On pdfLaTeX's own contents pages (report class, made here)."""
    doc = read(ROOT / "tests" / "fixtures" / "typesetters" / "latex-report-contents.pdf")
    assert doc.status == "ok", doc.error
    rows = [s.text for s in doc.sentences if s.zone == "toc"]
    assert len(rows) >= 40
    assert all(re.match(r"\d+(\.\d+)* \S", r) and re.search(r"\d$", r) for r in rows), rows
    assert not [s.text for s in doc.sentences if s.zone == "body" and re.match(r"\d+\.\d", s.text)]


def test_a_caption_keeps_its_label(tmp_path):
    """Issue 13: a caption was split after its label ("Fig. 1." | "Weekly counts of events ..."),
    the label a sentence of its own. A caption's label stays with its text."""
    caption = "Fig. 1. Weekly counts of events in the district. Source: the council's records."
    page = body_page(PARAS[:2]) + [Run(50, 200, caption, "serif", 9)] + body_page(PARAS[2:], y=230)
    doc = read(pdfgen.write_pages(tmp_path / "caption.pdf", [page]))
    assert [s.text for s in doc.sentences if s.zone == "caption"] == [
        "Fig. 1. Weekly counts of events in the district.", "Source: the council's records."]


def test_the_first_item_of_a_numbered_list_set_larger_is_not_a_heading(tmp_path):
    """Issue 13: on a form whose small print is the body, numbered items set a point larger were
    taken for headings: the first item's words were only a section value ("1. The number shown
    on this form ..."), the next items under it. An item followed by the next number of its list
    at its own indent is text."""
    small = []
    y = 80.0
    for text in PARAS[:3]:
        lines, y = pdfgen.flow(text, 50, y, 300, size=8.0, leading=10.0)
        small += lines
        y += 6
    items = ["1. The number shown on this form is my correct number", "2. I am not subject to backup withholding",
             "3. I am a citizen of the district"]
    page = small + [Run(60, y + 20 + 16 * i, t, "serif", 9) for i, t in enumerate(items)]
    page += pdfgen.flow(" ".join(PARAS[3:]), 50, y + 90, 300, size=8.0, leading=10.0)[0]
    doc = read(pdfgen.write_pages(tmp_path / "items.pdf", [page]))
    texts = [s.text for s in doc.sentences]
    assert all(any(t.startswith(item) for t in texts) for item in items), texts
    assert not [s.section for s in doc.sentences if s.section.startswith("1.")]


def test_bold_headings_at_body_size_make_sections(tmp_path):
    """Issue 13 (9): LaTeX sets subsection headings in bold at about body size; only the top-level
    parts were found and most anchors got the wrong section."""
    runs = [Run(50, 60, "A Report on Rural Roads", "bold", 18)]
    y = 100.0
    for heading, paras in [("1.1 Roads in the north", PARAS[:2]), ("1.2 Roads in the south", PARAS[2:4]),
                           ("Bridges", PARAS[4:])]:
        runs.append(Run(50, y, heading, "bold", 10))
        body = body_page(paras, y=y + 20)
        runs += body
        y = body[-1].y + 34
    doc = read(pdfgen.write_pages(tmp_path / "latex-like.pdf", [runs]))
    sections = {s.text: s.section for s in doc.sentences if s.zone == "body"}
    assert sections[PARAS[0]] == "1.1 Roads in the north"
    assert sections[PARAS[3]] == "1.2 Roads in the south"
    assert sections[PARAS[4]] == "Bridges"


def test_regression_a_bold_line_of_code_heads_nothing(tmp_path):
    """Round 14 (groff's and automake's manuals: examples set in a bold typewriter face): a bold line
    of code at body size ("make install-roads DESTDIR", a macro call) was a run-in heading, the section of
    the text after it and in no sentence. A line in a typewriter face is no heading; a bold heading
    in the text face still is."""
    runs = [Run(50, 60, "A Manual of the District Build", "bold", 18), Run(50, 100, "Building programs", "bold", 10)]
    body = body_page(PARAS[:2], y=120)
    runs += body
    y = body[-1].y + 34
    runs.append(Run(50, y, "make install-roads DESTDIR", "monobold", 10))
    runs += body_page(PARAS[2:4], y=y + 20)
    doc = read(pdfgen.write_pages(tmp_path / "code.pdf", [runs]))
    sections = {s.text: s.section for s in doc.sentences if s.zone == "body"}
    assert sections[PARAS[0]] == sections[PARAS[3]] == "Building programs"
    assert any("make install-roads DESTDIR" in s.text for s in doc.sentences if s.zone == "body")


def with_note(note_n: int, note: str, y: float = 520.0) -> list[Run]:
    """A footnote at the page foot: its raised number, then its text in 8 pt."""
    return [Run(50, y - 3.0, str(note_n), "serif", 5.0), Run(55, y, note, "serif", 8.0)]


def raised(x: float, y: float, text: str, size: float = 10.0) -> Run:
    return Run(x, y - 0.38 * size, text, "serif", pdfgen.sup_size(size))


def test_exponents_are_not_taken_for_note_markers(tmp_path):
    """Issue 13: a raised figure was read as a note marker wherever some note of the document
    bore its number, so that the exponents of a lecture script ("S²", "R²") became markers of its
    few notes and left the text ("the sphere S lies in R"). A raised number is a marker only on
    the page where its note starts (or the page before it)."""
    width = pdfgen.width
    line1 = "The sphere S"
    page1 = [Run(50, 80, line1, "serif", 10), raised(50 + width(line1, "serif", 10) + 0.3, 80, "2")]
    line2 = "lies in the plane R"
    page1 += [Run(50, 96, line2, "serif", 10), raised(50 + width(line2, "serif", 10) + 0.3, 96, "2"),
              Run(50 + width(line2 + "2 ", "serif", 10), 96, "and is compact.", "serif", 10)]
    page1 += body_page(PARAS[:2], y=120)
    claim = "A metric on the plane gives it a topology."
    page2 = [Run(50, 80, claim, "serif", 10), raised(50 + width(claim, "serif", 10) + 0.3, 80, "2")]
    page2 += body_page(PARAS[2:4], y=100) + with_note(2, "Also called the Euclidean topology.")
    doc = read(pdfgen.write_pages(tmp_path / "exponents.pdf", [page1, body_page(PARAS[4:]), page2]))
    assert doc.status == "ok", doc.error
    first = next(s for s in doc.sentences if s.text.startswith("The sphere"))
    assert "S2" in first.text and "R2" in first.text and not first.footnotes
    (note,) = doc.footnotes
    assert note.n == 2 and note.anchor_text == claim


def test_a_raised_number_marking_no_note_is_not_glued_to_the_number_before_it(tmp_path):
    """Issue 13: a raised number that marks no note found on the page (an exponent, a marker
    whose note the document does not give) was glued to the figures before it: "in 1977" + "³¹"
    read "in 197731" (a year lost to dates and to the reader). It is read apart; after a
    letter it stays glued ("S²" is "S2", pinned by the test above)."""
    width = pdfgen.width
    line = "The accord was first signed in 1977"
    runs = [Run(50, 80, line, "serif", 10), raised(50 + width(line, "serif", 10) + 0.3, 80, "31"),
            Run(50 + width(line + "31", "serif", 10), 80, ", long before the war.", "serif", 10)]
    runs += body_page(PARAS[:2], y=100)
    doc = read(pdfgen.write_pages(tmp_path / "stray.pdf", [runs]))
    assert doc.status == "ok", doc.error
    first = next(s for s in doc.sentences if s.text.startswith("The accord"))
    assert "1977 31" in first.text and "197731" not in first.text and not first.footnotes


def test_a_reference_list_in_small_type_is_not_the_last_footnote_run_on(tmp_path):
    """Issue 13: a reference list set in the notes' size under a "References" heading, after the
    last footnote, was read as that note's continuation: the whole bibliography in footnotes.csv
    as note 1, and no `references` zone. Small type under a references heading is a list."""
    claim = "A metric on the plane gives it a topology."
    page1 = [Run(50, 80, claim, "serif", 10), raised(50 + pdfgen.width(claim, "serif", 10) + 0.3, 80, "1")]
    page1 += body_page(PARAS[:3], y=100) + with_note(1, "Also called the Euclidean topology.")
    refs = ["Diallo, A. (2015). Roads and markets in the Sahel. Bamako: Editions du Fleuve.",
            "Traore, B. (2019). Rural bridges. Journal of Rural Works 12(3), 45-67.",
            "Coulibaly, C. (2021). The district council. Paris: Karthala."]
    page2 = body_page(PARAS[3:], y=80) + [Run(50, 200, "References", "bold", 12)]
    page2 += [Run(50, 222 + 12 * i, r, "serif", 8) for i, r in enumerate(refs)]
    doc = read(pdfgen.write_pages(tmp_path / "refs.pdf", [page1, page2]))
    (note,) = doc.footnotes
    assert note.text == "Also called the Euclidean topology."
    assert " ".join(s.text for s in doc.sentences if s.zone == "references") == " ".join(refs)


def test_a_reference_list_filling_a_page_does_not_run_on_into_the_last_footnote(tmp_path):
    """Issue 13 (found in review): a reference list in small type that filled its page under the
    References heading was read as a list, but its run on to the next page was appended to the
    document's last footnote (the page of nothing but the list did not say the list went on)."""
    claim = "A metric on the plane gives it a topology."
    page1 = [Run(50, 80, claim, "serif", 10), raised(50 + pdfgen.width(claim, "serif", 10) + 0.3, 80, "1")]
    page1 += body_page([*PARAS, AROUND, AROUND], y=100) + with_note(1, "Also called the Euclidean topology.")
    refs = [f"Diallo, A. ({2000 + i}). Roads in the Sahel, volume {i + 1}. Bamako: Editions du Fleuve."
            for i in range(6)]
    page2 = body_page([AROUND, AROUND, *PARAS], y=80)
    y = page2[-1].y + 30
    page2 += [Run(50, y, "References", "bold", 12)] + [Run(50, y + 22 + 12 * i, r, "serif", 8)
                                                       for i, r in enumerate(refs[:4])]
    page3 = [Run(50, 60 + 12 * i, r, "serif", 8) for i, r in enumerate(refs[4:])]
    doc = read(pdfgen.write_pages(tmp_path / "refs-run-on.pdf", [page1, page2, page3]))
    (note,) = doc.footnotes
    assert note.text == "Also called the Euclidean topology."
    assert " ".join(s.text for s in doc.sentences if s.zone == "references") == " ".join(refs)


def test_an_author_line_s_affiliation_figures_do_not_take_the_notes(tmp_path):
    """Issue 13: affiliation figures on an author line ("Sarah Lindqvist¹") were taken for the
    markers of the notes of the same numbers, and the notes were anchored to the author line.
    A number raised more often than it has notes: the spare markers on lines that are not prose
    are dropped, and the note keeps its call in the text."""
    width = pdfgen.width
    authors = "Aminata Coulibaly and Sarah Lindqvist"
    claim = "A metric on the plane gives it a topology."
    page = [Run(50, 60, "Roads of the District", "bold", 16), Run(50, 84, authors, "serif", 10),
            raised(50 + width(authors, "serif", 10) + 0.3, 84, "1"),
            Run(50, 120, "1 Introduction", "bold", 12),
            Run(50, 140, claim, "serif", 10), raised(50 + width(claim, "serif", 10) + 0.3, 140, "1")]
    page += body_page(PARAS[:3], y=160) + with_note(1, "Also called the Euclidean topology.")
    doc = read(pdfgen.write_pages(tmp_path / "authors.pdf", [page]))
    (note,) = doc.footnotes
    assert note.anchor_text == claim
    assert [s.footnotes for s in doc.sentences if s.text.startswith("Aminata")] == [()]


def test_an_affiliation_letter_is_not_glued_to_the_name(tmp_path):
    """Issue 13: a raised letter marking an author's affiliation was glued to the name
    ("Diarra" + "ᵃ" read "Diarraa", a name no gazetteer knows). It is read apart; a raised letter
    after a single letter or a numeral stays in its word ("nᵒ", "XIXᵉ")."""
    width = pdfgen.width
    x, runs = 50.0, []
    for text, mark in [("Fatoumata Diarra", "a"), (" and Hugo Lefevre", "b"), (", in the decree n", "o"),
                       (" 12 of the XIX", "e"), (" century.", "")]:
        runs.append(Run(x, 80, text, "serif", 10))
        x += width(text, "serif", 10)
        if mark:
            runs.append(raised(x + 0.2, 80, mark))
            x += width(mark, "serif", 7) + 0.4
    runs += body_page(PARAS[:2], y=100)
    doc = read(pdfgen.write_pages(tmp_path / "affiliations.pdf", [runs]))
    first = doc.sentences[0].text
    assert "Diarra a and Hugo Lefevre b," in first and "no 12 of the XIXe century" in first, first


def test_footnote_sentences_open_with_their_number(tmp_path):
    """Issue 13: a note's number was in no sentence (only in footnotes.csv `n`), so every note
    number of a law review was missing from the text read. The note's first sentence opens with
    its label ("2. Also ..."); footnotes.csv keeps the text without it, and its anchor."""
    claim = "A metric on the plane gives it a topology."
    runs = [Run(50, 80, claim, "serif", 10), raised(50 + pdfgen.width(claim, "serif", 10) + 0.3, 80, "2")]
    runs += body_page(PARAS[2:4], y=100) + with_note(2, "Also called the Euclidean topology. It is the usual one.")
    doc = read(pdfgen.write_pages(tmp_path / "label.pdf", [runs]))
    notes = [s.text for s in doc.sentences if s.zone == "footnote"]
    assert notes == ["2. Also called the Euclidean topology.", "It is the usual one."]
    (note,) = doc.footnotes
    assert note.text == "Also called the Euclidean topology. It is the usual one." and note.anchor_text == claim


def test_subscripts_are_read_apart_from_their_letter(tmp_path):
    """Issue 13: a subscript (smaller, below the baseline) was glued to the letter before it, so
    that "a" with index "i" read as the word "ai" and "PCO" with index "2" as "PCO2"; it is a
    token of its own, as in the reference reading."""
    size, x = 10.0, 50.0
    runs: list[Run] = []
    # (text, subscript, how far below the baseline): TeX lowers an inline subscript by ~0.12 em only;
    # small capitals ("R" + "EALM" in smaller type) stand on the baseline and stay one word
    for text, sub, drop in [("The R", "EALM", 0.0), (" pair (a", "i", 0.25), (", b", "i", 0.12),
                            (") is correct and the PCO", "2", 0.25), (" is low.", "", 0)]:
        runs.append(Run(x, 80, text, "serif", size))
        x += pdfgen.width(text, "serif", size) + 0.2
        if sub:
            small = 8.0 if sub.isupper() else pdfgen.sup_size(size)
            runs.append(Run(x, 80 + drop * size, sub, "serif", small))
            x += pdfgen.width(sub, "serif", small) + 0.2
    runs += body_page(PARAS[:2], y=110)
    doc = read(pdfgen.write_pages(tmp_path / "subscripts.pdf", [runs]))
    text = " ".join(s.text for s in doc.sentences)
    assert "The REALM pair (a i , b i )" in text, text
    assert "PCO 2 is low" in text and "PCO2" not in text


def test_junk_metadata_title_gives_way_to_the_document(tmp_path):
    """Issue 13 (10): a title taken from junk metadata ("10811.exe")."""
    runs = body_page(PARAS[:2])
    doc = read(pdfgen.write_pages(tmp_path / "junk.pdf", [runs], title="10811.exe"))
    assert doc.title and doc.title != "10811.exe" and doc.title in PARAS[0]
    runs = [Run(50, 50, "Minutes of the District Council", "bold", 16)] + body_page(PARAS[:2], y=90)
    doc = read(pdfgen.write_pages(tmp_path / "junk2.pdf", [runs], title="report_final.docx"))
    assert doc.title == "Minutes of the District Council"


# ---------------------------------------------------------------- the real development set

needs_dev = pytest.mark.skipif(not DEV.is_dir() or not FIDELITY_TOOL.is_file(), reason=f"{DEV} not found")
# the dev files that read fast enough for the suite (the whole set: bench/RESULTS.md, issue 13)
DEV_FAST = ["austrian-law-journal-2024-klimaseniorinnen.pdf", "bologna-law-review-2016-malloy.pdf",
            "jeps-2019-citation-mining-humanities.pdf", "gao-23-106826-national-cybersecurity-strategy.pdf",
            "metropolis-beamer-demo-slides.pdf", "libreoffice-form.pdf"]


@lru_cache(maxsize=None)
def fidelity_tool():
    spec = importlib.util.spec_from_file_location("pdf_fidelity", FIDELITY_TOOL)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@lru_cache(maxsize=None)
def dev_doc(name: str):
    return ingest(DEV / name, Path(name).stem, name, segmenter)


@lru_cache(maxsize=None)
def fidelity_dev():
    spec = importlib.util.spec_from_file_location("pdf_fidelity_dev", ROOT / "bench" / "pdf_fidelity_dev.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@needs_dev
@pytest.mark.parametrize("name", DEV_FAST)
def test_dev_pdf_meets_the_fidelity_goal(name):
    """recall >= 0.97, dup <= 0.03, page_ok >= 0.95, no reversed or empty page, no section over 200
    characters, as ../shared/tools/pdf_fidelity.py measures them against pdfplumber's own words,
    less pdfplumber's "(cid:n)" placeholders for glyphs it cannot map (the pdfium engine reads
    them: the slides' "n→∞" and "−0.5" are no loss; `pdf_fidelity_dev.without_placeholders`)."""
    doc = dev_doc(name)
    assert doc.status == "ok", doc.error
    tool = fidelity_tool()
    rows = [{"text": s.text, "page": str(s.page or ""), "section": s.section} for s in doc.sentences]
    good, line = tool.score(doc.doc_id, rows, fidelity_dev().without_placeholders(tool.reference(DEV / name)))
    assert good, line


def test_placeholders_leave_the_reference_but_nothing_else():
    """The cleaned reference drops "cid" and its number, and keeps every other token (numbers too)."""
    ref = [(["cid", "13", "c", "2014", "cid", "0", "0", "5"], {"cid": [1.0], "c": [1.0]})]
    assert fidelity_dev().without_placeholders(ref) == [(["c", "2014", "0", "5"], {"c": [1.0]})]


# the footnoted files of the fast set, and those whose notes other typesetters set in their own
# ways: numbering restarted per section (ithaka), XeTeX markers against small capitals (stern),
# notes in columns at the page foot (rechtsgeschichte); jeps sets its markers at full size on
# the baseline ("sources,4")
DEV_NOTES = [n for n in DEV_FAST if n in EXPECTED] + [
    "ithaka-2019-open-access-latin-american-scholarship.pdf", "bologna-law-review-2019-stern.pdf",
    "rechtsgeschichte-rg01-ecole-historique-francaise-fr.pdf"]


@needs_dev
@pytest.mark.parametrize("name", DEV_NOTES)
def test_dev_pdf_footnotes_match_the_hand_count(name):
    """Every footnote found with its number, its text and the sentence carrying its marker."""
    doc = dev_doc(name)
    want = EXPECTED[name]["count"]
    assert len(doc.footnotes) >= 0.95 * want, (len(doc.footnotes), want)
    assert len(doc.footnotes) <= want
    with_text = [f for f in doc.footnotes if f.text.strip()]
    anchored = [f for f in doc.footnotes if f.anchor_sentence_id]
    assert len(with_text) == len(doc.footnotes)
    assert len(anchored) >= 0.95 * len(doc.footnotes), (len(anchored), len(doc.footnotes))


# ---------------------------------------------------------------- a browser's columns

LATER = [
    "The second part looks at the markets where the farmers of the district sell their grain each week.",
    "Traders said that the prices had risen since the bridge was closed to heavy trucks in the spring.",
    "Women who sell vegetables walk for hours to reach the market now that the buses no longer run.",
    "The council agreed to ask the ministry for a ferry until the bridge over the river is rebuilt.",
]


def two_column_band(left: list[str], right: list[str], y: float) -> tuple[list[Run], float]:
    a, b = body_page(left, y=y, x=50, measure=240), body_page(right, y=y, x=320, measure=240)
    return a + b, max(a[-1].y, b[-1].y)


def test_heading_set_across_the_columns_is_read_between_its_bands(tmp_path):
    """Issue 13 (reading order): a heading set across two columns (CSS `column-span: all`, a word
    processor's one-column section) but short enough to fit in the left one was read as a line of
    that column: the left column's text under it came before the right column's text above it,
    and the sections went wrong (a browser's two-column print of the report: 0.61 of its notes'
    sections right)."""
    top, y = two_column_band(PARAS[:2], PARAS[2:4], 80.0)
    heading = [Run(50, y + 30, "The Second Part", "bold", 16)]
    bottom, _ = two_column_band(LATER[:2], LATER[2:], y + 60)
    doc = read(pdfgen.write_pages(tmp_path / "spanning.pdf", [top + heading + bottom], size=(612.0, 792.0)))
    body = [s for s in doc.sentences if s.zone == "body"]
    assert [s.text for s in body] == PARAS[:4] + LATER
    assert {s.text: s.section for s in body}[LATER[2]] == "The Second Part"

    # a heading inside the left column, the right one's text beside it: read in its column
    right = body_page(PARAS[2:4] + LATER[2:], y=80.0, x=320, measure=240)
    left = body_page(PARAS[:2], y=80.0, x=50, measure=240)
    inner = [Run(50, left[-1].y + 30, "The Second Part", "bold", 16)]
    left += body_page(LATER[:2], y=left[-1].y + 60, x=50, measure=240)
    doc = read(pdfgen.write_pages(tmp_path / "in-column.pdf", [left + inner + right], size=(612.0, 792.0)))
    assert [s.text for s in doc.sentences if s.zone == "body"] == PARAS[:2] + LATER[:2] + PARAS[2:4] + LATER[2:]


# ---------------------------------------------------------------- boxes and pull quotes beside the text

AROUND = ("The mediators met the armed groups in Algiers during the spring to discuss the cantonment of the "
          "combatants and the return of the administration to the towns of the north, where the interim "
          "authorities had not yet been installed by the government in Bamako, and the talks went on for "
          "several weeks before the parties agreed to meet again in the summer.")
BOX = ("Box 1. The accord in brief. The agreement provided for decentralisation and the integration of former "
       "rebels into a reconstituted army. Its implementation has been slow and the mixed patrols were attacked "
       "several times.")
QUOTE = "Nobody in Kidal believes that the accord will change their lives at all."


def around_a_float(side: list[Run], beside_x: float, measure: float, y: float = 80.0) -> list[Run]:
    """AROUND and PARAS[:2] set as paragraphs flowing around a float (`side`, already placed):
    lines at the full measure, at `measure` from `beside_x` on the rows the float stands beside
    (from its first baseline less a line to its last baseline plus a line)."""
    top, bottom = min(r.y for r in side) - 14, max(r.y for r in side) + 14
    runs = []
    for text in (AROUND, *PARAS[:2]):
        line = ""
        for word in text.split() + [None]:
            x, width = (beside_x, measure) if top <= y <= bottom else (50, 480)
            trial = f"{line} {word}".strip() if word else line
            if word is None or (line and pdfgen.width(trial, "serif", 10.0) > width):
                runs.append(Run(x, y, line, "serif", 10.0))
                y += 13.0
                line = word or ""
            else:
                line = trial
        y += 8.0
    return runs + side


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_a_box_beside_the_text_is_read_after_it_not_line_by_line(tmp_path, engine):
    """Issue 13 (misplaced text): a box floated beside the running text for a few lines (a
    sidebar, "Box 1", set smaller, too short for a column gutter of the page) was read row by
    row with the text beside it: "... the towns of the Box 1. The accord north, where ...". Its
    text is read as its own paragraph after the text it stands beside, which goes on unbroken."""
    box, _ = pdfgen.flow(BOX, 372, 130, 150, face="sans", size=8.0, leading=10.0)
    runs = around_a_float(box, 50, 300)
    doc = ingest(pdfgen.write_pages(tmp_path / "box.pdf", [runs], size=(612.0, 792.0)), "box", "box.pdf",
                 segmenter, PdfSettings(engine=engine))
    text = [s.text for s in doc.sentences]
    assert text[:3] == [AROUND, *PARAS[:2]]
    assert " ".join(text[3:]) == BOX


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_a_pull_quote_beside_the_text_keeps_its_words_apart(tmp_path, engine):
    """Issue 13 (glued words): a pull quote set large beside the text (floated left) was read row
    by row with it, and the text's words, smaller than the quote's on its rows, were taken for
    superscripts and glued ("KidaltheKelAdaghtribalconfederacy"). The quote is read apart,
    after the paragraph it stands beside."""
    quote, _ = pdfgen.flow(QUOTE, 50, 130, 130, face="sans", size=14.0, leading=17.0)
    runs = around_a_float(quote, 200, 330)
    doc = ingest(pdfgen.write_pages(tmp_path / "quote.pdf", [runs], size=(612.0, 792.0)), "quote", "quote.pdf",
                 segmenter, PdfSettings(engine=engine))
    assert [s.text for s in doc.sentences] == [AROUND, *PARAS[:2], QUOTE]


def test_two_short_columns_under_a_full_width_paragraph_are_read_column_by_column(tmp_path):
    """Issue 13 (reading order): two columns of the same type, a few lines each, under text set
    across the page (too few rows for a gutter of the page): read left column, then right, not
    row by row."""
    top, y = pdfgen.flow(AROUND, 50, 80, 480)
    band, _ = two_column_band(PARAS[2:3], PARAS[3:4], y + 8)
    doc = read(pdfgen.write_pages(tmp_path / "short-columns.pdf", [top + band], size=(612.0, 792.0)))
    assert [s.text for s in doc.sentences] == [AROUND, PARAS[2], PARAS[3]]


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_columns_whose_lines_stand_at_other_heights_are_read_column_by_column(tmp_path, engine):
    """Issue 13 (reading order): two columns whose lines do not stand level (the right one half a
    line lower: a column opening with a list, a tool that does not line columns up) had no row
    with words on both sides, so no gutter was found and the page was read line by line across
    both columns ("accountability, in that a true The report makes two arguments")."""
    left, _ = pdfgen.flow(" ".join([AROUND, *PARAS[:2]]), 50, 80, 240)
    right, _ = pdfgen.flow(" ".join([*PARAS[2:], AROUND]), 320, 86.5, 240)
    doc = ingest(pdfgen.write_pages(tmp_path / "offset.pdf", [left + right], size=(612.0, 792.0)),
                 "offset", "offset.pdf", segmenter, PdfSettings(engine=engine))
    assert [s.text for s in doc.sentences] == [AROUND, *PARAS, AROUND]


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_a_gutter_beside_offset_lines_is_found_where_another_gutter_shows_in_the_rows(tmp_path, engine):
    """Round 10 (a three-column page of a sustainability report): the second and third columns'
    lines stand level, so the rows showed the gutter between them, but the first column's lines
    stand half a line higher than the second's, and the gutter between those two, found only as
    a blank strip where rows show none, was not looked for: the first two columns were read line
    by line across ("... $19 per Comprehensive and ...")."""
    first, _ = pdfgen.flow(" ".join([AROUND, *PARAS[:2]]), 40, 80, 160)
    second, _ = pdfgen.flow(" ".join(PARAS[2:]), 220, 86.5, 160)
    third, _ = pdfgen.flow(" ".join([AROUND, AROUND]), 400, 86.5, 160)
    doc = ingest(pdfgen.write_pages(tmp_path / "three-offset.pdf", [first + second + third], size=(612.0, 792.0)),
                 "three-offset", "three-offset.pdf", segmenter, PdfSettings(engine=engine))
    assert [s.text for s in doc.sentences] == [AROUND, *PARAS, AROUND, AROUND]


def test_a_shorter_middle_column_does_not_hide_the_gutter_after_it(tmp_path):
    """Issue 13 (reading order): a sidebar column, then two columns of which the middle one ends
    early. The rows it has left reach from the first gutter to the second, one run of gaps, and
    only the first gutter was found: the last two columns were read line by line across."""
    side, _ = pdfgen.flow(" ".join([AROUND, AROUND]), 40, 80, 110)
    middle = body_page(PARAS[:2], y=80, x=170, measure=180)
    last, _ = pdfgen.flow(" ".join([*PARAS[2:], AROUND, AROUND]), 380, 80, 180)
    doc = read(pdfgen.write_pages(tmp_path / "three.pdf", [side + middle + last], size=(612.0, 792.0)))
    assert [s.text for s in doc.sentences] == [AROUND, AROUND, *PARAS, AROUND, AROUND]


def test_a_first_section_is_not_front_matter():
    """Issue 13: the first heading of a document was taken for its title and everything under it
    for a title page, zone front (out of every network): a whole first section ("1 Part 1"), or
    the pages under a first heading that is not a title. A numbered first heading is a section;
    more than a title page's few lines of text under the first heading, on its page, are body."""
    from extractors.ingest.layout import Block, build_paragraphs

    prose = [Block("para", " ".join(PARAS), 1), Block("para", AROUND, 1)]
    numbered = build_paragraphs([Block("heading", "1 Part one", 1, 1), *prose, Block("heading", "2 Part two", 2, 1),
                                 *prose])
    assert {p.zone for p in numbered} == {"body"}
    first = build_paragraphs([Block("heading", "Test page", 1, 1), *prose, *prose,
                              Block("heading", "Second page", 2, 1), *prose])
    assert {p.zone for p in first} == {"body"}
    titled = build_paragraphs([Block("heading", "Roads of the District", 1, 1), Block("para", "A. Diallo", 1),
                               Block("para", "March 2019", 1), Block("heading", "Acknowledgements", 2, 1),
                               Block("para", PARAS[0], 2), Block("heading", "Introduction", 3, 1), *prose])
    assert [p.zone for p in titled] == ["front", "front", "front", "body", "body"]


def test_regression_a_chapter_named_like_front_matter_does_not_keep_its_sections_in_front():
    """Issue 13, round 13: a Sphinx manual's first chapter is titled "Contents" ("Chapter One /
    Contents"), a front-matter heading; every heading under it was a deeper one, "a sub-heading
    inside the front matter", and 1025 of the book's 1184 sentences were zoned front (out of every
    network). A numbered sub-heading ("1.1 Features") is a section: the body starts there; a
    glossary's unnumbered groups stay front."""
    from extractors.ingest.layout import Block, build_paragraphs

    prose = [Block("para", " ".join(PARAS), 2), Block("para", AROUND, 2)]
    book = build_paragraphs([Block("heading", "Manual of the District Office", 1, 1),
                             Block("heading", "Contents", 2, 1), Block("para", AROUND, 2),
                             Block("heading", "1.1 Features", 2, 2), *prose,
                             Block("heading", "1.2 Requirements", 3, 2), *prose])
    assert [p.zone for p in book] == ["heading", "front", "body", "body", "body", "body"]
    glossary = build_paragraphs([Block("heading", "Manual of the District Office", 1, 1),
                                 Block("heading", "Glossary", 2, 1), Block("heading", "Roads", 2, 2),
                                 Block("para", "Track: a road without a surface.", 2),
                                 Block("heading", "1 Introduction", 3, 1), *prose])
    assert [p.zone for p in glossary] == ["heading", "heading", "front", "body", "body"]


def test_a_page_of_items_without_full_stops_is_not_back_matter():
    """Issue 13: a document none of whose paragraphs ends like a sentence (an agenda's items, a
    page of lists, a text cut short) was all "back" matter, taken for a trailing imprint, and so
    out of every network. An imprint is a few short paragraphs at the end, a small part of the
    text."""
    from extractors.ingest.layout import Block, build_paragraphs

    items = [Block("para", f"{n}. Report of the committee on roads and bridges of the district {n}", 1)
             for n in range(1, 9)]
    tail = Block("para", " ".join(PARAS) + " and the meeting went on without", 2)
    paragraphs = build_paragraphs([Block("heading", "Regular Meeting Agenda", 1, 1), *items, tail])
    assert {p.zone for p in paragraphs} == {"body"}
    imprint = [Block("para", "Printed by the district office", 3), Block("para", "ISBN 978-0-00-000000-0", 3)]
    paragraphs = build_paragraphs([Block("heading", "Minutes", 1, 1), Block("para", " ".join(PARAS), 1), *imprint])
    assert [p.zone for p in paragraphs] == ["body", "back", "back"]


CAPTION = ("Figure 2: Members of the interim authorities of the region at the ceremony held in the town hall "
           "of Kidal in March.")


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_text_wrapped_around_a_figure_runs_on_past_its_caption(tmp_path, engine):
    """Issue 13 (misplaced text, a LaTeX `wrapfigure`): a caption set beside the text in the
    text's own type, the text wrapped around it: read as two short columns, the text's line
    before the caption ended "Soumey-" and the caption's first word joined it ("Soumeyjihadist").
    The side whose lines run on into the text under the run at its line pitch is the text; the
    other is read after it."""
    caption, _ = pdfgen.flow(CAPTION, 372, 150, 150)
    runs = around_a_float(caption, 50, 300)
    doc = ingest(pdfgen.write_pages(tmp_path / "wrapfig.pdf", [runs], size=(612.0, 792.0)), "wrapfig", "wrapfig.pdf",
                 segmenter, PdfSettings(engine=engine))
    assert [(s.text, s.zone) for s in doc.sentences] == [(AROUND, "body"), (PARAS[0], "body"), (PARAS[1], "body"),
                                                         (CAPTION, "caption")]


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_smaller_words_sharing_a_row_with_a_heading_keep_their_spaces(tmp_path, engine):
    """Issue 13 (glued words): words of smaller type standing a little higher on the row of a
    larger heading (the heading of a column beside a line of the other, a box beside a title)
    were all taken for superscripts, so no space was put between them: "bothpoliticallifeand
    civilsociety". A run of raised words holding two words of letters is text; an ordinal
    ("19th") stays raised."""
    runs = [Run(50, 100, "Table of Contents", "bold", 16),
            Run(250, 96.5, "both political life and civil society, as a multitude of", "serif", 10),
            Run(50, 140, "The council met in the 19", "serif", 10)]
    x = 50 + pdfgen.width("The council met in the 19", "serif", 10)
    runs += [Run(x, 136, "th", "serif", 6), Run(x + pdfgen.width("th ", "serif", 6), 140, "century, as the archives say.", "serif", 10)]
    doc = ingest(pdfgen.write_pages(tmp_path / "raised.pdf", [runs], size=(612.0, 792.0)), "raised", "raised.pdf",
                 segmenter, PdfSettings(engine=engine))
    text = " ".join(s.text for s in doc.sentences) + " " + " ".join(s.section for s in doc.sentences)
    assert "both political life and civil society, as a multitude of" in text
    assert "The council met in the 19th century, as the archives say." in text


def test_a_heading_beside_a_narrow_gutter_does_not_join_the_columns(tmp_path):
    """Issue 13 (reading order, LaTeX two-column): a 14 pt heading opening the right column on a
    row of the left column's text, across LaTeX's 10 pt column separation: the gap was measured
    against the heading's size (0.7 em = 9.8 pt > 9.5), the row taken for one running across the page
    and read as a band of its own ("... as a multitude of 2 Table of Contents voices crowded").
    The gap is measured against the smaller of the two words beside it."""
    left = body_page(PARAS + LATER[:2], y=80.0, x=50, measure=240)
    row = left[3]  # set justified: to the column's right edge, 9.5 pt before the heading
    left[3] = Run(290.5 - pdfgen.width(row.text, row.face, row.size), row.y, row.text, row.face, row.size)
    heading = [Run(300, row.y, "2 The Markets", "bold", 14)]
    right = body_page(LATER[2:] + PARAS[:2], y=left[3].y + 24, x=300, measure=240)
    doc = read(pdfgen.write_pages(tmp_path / "narrow-gutter.pdf", [left + heading + right], size=(612.0, 792.0)))
    body = [s for s in doc.sentences if s.zone == "body"]
    assert [s.text for s in body] == PARAS + LATER[:2] + LATER[2:] + PARAS[:2]
    assert {s.text: s.section for s in body}[LATER[2]] == "2 The Markets"


def justified(text: str, x: float, y: float, measure: float, size: float, leading: float) -> tuple[list[Run], float]:
    """`text` set justified in lines of `measure` points (each word placed, the spaces stretched
    so that every line but the last ends at x + measure); returns the runs and the next baseline."""
    runs: list[Run] = []
    line: list[str] = []
    words = text.split()
    for k, word in enumerate(words + [None]):
        trial = line + [word] if word else line
        if word is None or (line and pdfgen.width(" ".join(trial), "serif", size) > measure):
            natural = sum(pdfgen.width(w, "serif", size) for w in line)
            gap = (measure - natural) / (len(line) - 1) if word is not None and len(line) > 1 else pdfgen.width(" ", "serif", size)
            at = x
            for w in line:
                runs.append(Run(at, y, w, "serif", size))
                at += pdfgen.width(w, "serif", size) + gap
            y += leading
            line = [word] if word else []
        else:
            line = trial
    return runs, y


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_a_box_set_close_beside_justified_text_is_read_apart(tmp_path, engine):
    """Issue 13 (misplaced text, a browser's three-column print with a box floated in a column):
    a box in small type set 4 pt beside justified text, a gap narrower than the text's stretched
    spaces, was read row by row with it ("In the north, local is discussed in more detail
    politics has"). A narrow gap parts two blocks when both are aligned on it, the text's
    lines ending and the box's starting at one x, over three rows or more."""
    main, y = justified(AROUND + " " + PARAS[0], 50, 100, 100, 6.7, 8.5)
    box, _ = pdfgen.flow(BOX, 154, 100, 60, face="sans", size=5.3, leading=6.5)
    rest, _ = justified(PARAS[1], 50, y, 170, 6.7, 8.5)
    path = pdfgen.write_pages(tmp_path / "close-box.pdf", [main + box + rest], size=(300.0, 400.0))
    doc = ingest(path, path.stem, path.name, segmenter, PdfSettings(engine=engine))
    text = [s.text for s in doc.sentences]
    assert text[:3] == [AROUND, PARAS[0], PARAS[1]]
    assert " ".join(text[3:]) == BOX


def test_a_box_title_is_not_the_section_of_the_text_after_the_box(tmp_path):
    """Issue 13 (sections): the bold title of a box set beside the text ("Box 1: The accord") was
    read as a heading, and every sentence after the box, to the next real heading, got it as its
    section. A box's title is the first line of its text."""
    box, _ = pdfgen.flow("The agreement provided for decentralisation and the integration of former rebels into "
                         "a reconstituted army, and its implementation has been slow.", 372, 142, 150,
                         face="sans", size=8.0, leading=10.0)
    box = [Run(372, 128, "Box 1: The accord", "bold", 12.0)] + box
    runs = [Run(50, 80, "The Peace Process", "bold", 14)] + around_a_float(box, 50, 300, y=111.0)
    doc = read(pdfgen.write_pages(tmp_path / "box-title.pdf", [runs], size=(612.0, 792.0)))
    assert {s.section for s in doc.sentences} == {"The Peace Process"}
    assert any(s.text.startswith("Box 1: The accord") for s in doc.sentences)


def test_an_affiliation_letter_set_nearly_full_size_or_before_a_name_stands_apart(tmp_path):
    """Issue 13: a browser's <sup> at 90 % of the text ("Diarra" + "a", raised but hardly
    smaller) was no superscript, and glued to the name ("Diarraa"); on the affiliation line the
    letter before each institution was glued to it ("aUniversity of Ségou; bSciences Po"). Both
    now stand apart; a smaller word of the row that is a word ("and") is still no mark."""
    width = pdfgen.width
    x, runs = 50.0, []
    for text, mark in [("Fatoumata Diarra", "a"), (" and Hugo Lefevre", "b")]:
        runs.append(Run(x, 80, text, "serif", 10))
        x += width(text, "serif", 10)
        runs.append(Run(x, 80 - 3.7, mark, "serif", 9))
        x += width(mark, "serif", 9)
    x = 50.0
    for mark, text in [("a", "University of Segou, Mali; "), ("b", "Sciences Po, Paris")]:
        runs.append(Run(x, 96 - 3.7, mark, "serif", 9))
        x += width(mark, "serif", 9)
        runs.append(Run(x, 96, text, "serif", 10))
        x += width(text, "serif", 10)
    runs += body_page(PARAS[:2], y=120)
    doc = read(pdfgen.write_pages(tmp_path / "affiliations-90.pdf", [runs]))
    text = " ".join(s.text for s in doc.sentences) + " " + " ".join(s.section for s in doc.sentences)
    assert "Fatoumata Diarra a and Hugo Lefevre b" in text, text
    assert "a University of Segou, Mali; b Sciences Po, Paris" in text, text


def test_a_bare_number_or_symbols_set_large_are_no_heading(tmp_path):
    """Issue 13: a page number set mid-page a size above the notes (a QuarkXPress article: "1"
    between the notes and the licence line) was a heading, and "1" the section of the whole next
    page; a figure's symbols set large ("= = ∼") the section of a lecture's page. A heading has a
    letter or is more than a bare number; such a line is text of its page."""
    runs = body_page(PARAS[:2], y=80)
    runs.append(Run(200, 300, "1", "bold", 13))
    runs += body_page(PARAS[2:4], y=340)
    doc = read(pdfgen.write_pages(tmp_path / "number.pdf", [runs]))
    assert {s.section for s in doc.sentences} == {""}, {s.section for s in doc.sentences}
    assert "1" in [s.text for s in doc.sentences]
    runs = body_page(PARAS[:2], y=80) + [Run(50, 300, "2.6", "bold", 13)] + body_page(PARAS[2:4], y=330)
    doc = read(pdfgen.write_pages(tmp_path / "version.pdf", [runs]))
    assert {s.section for s in doc.sentences} == {"", "2.6"}  # a changelog's version heading


def test_code_listings_do_not_set_the_size_of_the_running_text(tmp_path):
    """Issue 13 (a package's documentation, a manual with many examples): code listings in a
    typewriter face at 8 pt outweighed the prose at 10 pt in the upper half of the pages, so the
    prose was "larger than the text" and each short paragraph of it a heading ("Every row in the
    file must have the same number of columns; …" a section name). The size of the running text
    is measured on the text that is not code."""
    code = ["[project]", 'name = "Household survey 2024"', 'database = "postgresql://office/survey"',
            "[[teams]]", 'name = "Mopti"', 'tablets = ["T-014", "T-015", "T-016"]', 'name = "Gao"',
            'tablets = ["T-020", "T-021"]', "[conflicts]", 'rule = "ask"', "report = true", 'folder = "reports"']
    prose = ["Each team lists the tablets it uses, and a tablet may belong to one team only.",
             "The program refuses to start when a tablet is listed twice in the file."]
    pages = []
    for k in range(2):
        runs = [Run(50, 60 + 11 * i, line, "mono", 8) for i, line in enumerate(code * 2)]
        runs += [Run(50, 340, "Configuration" if k == 0 else "Conflicts", "bold", 14)]
        runs += [Run(50, 370 + 40 * i, text, "serif", 10) for i, text in enumerate(prose)]
        pages.append(runs)
    doc = read(pdfgen.write_pages(tmp_path / "manual.pdf", pages))
    assert {s.section for s in doc.sentences if s.zone == "body"} <= {"", "Configuration", "Conflicts"}
    assert [s.section for s in doc.sentences if s.text == prose[1]] == ["Configuration", "Conflicts"]


def test_a_numbered_code_listing_at_the_page_foot_opens_no_note(tmp_path):
    """Issue 13 (a package's documentation): the numbered lines of a code listing set small at the
    foot of a page ("2 \\gdef\\Tabbing{...", "3 % %") were read as footnotes 2, 3, 4 ... A line set
    in a typewriter face opens no note."""
    code = ["1 \\def\\TAB#1{%", "2 \\ifx #1>\\relax", "3 \\else \\@tabrj", "4 \\fi}", "5 \\let\\>\\@rtab"]
    runs = body_page(PARAS[:3], y=80)
    runs += [Run(50, 420 + 10 * i, line, "mono", 8) for i, line in enumerate(code)]
    doc = read(pdfgen.write_pages(tmp_path / "listing.pdf", [runs]))
    assert doc.footnotes == ()
    assert not [s for s in doc.sentences if s.zone == "footnote"]


def test_a_folio_well_above_a_wide_bottom_margin_is_set_aside(tmp_path):
    """Issue 13 (a LaTeX book on A4 with wide margins): the page number, the page's last line but
    standing well above the bottom margin band, was read as text and joined to the paragraph
    running over from the page before ("6 168 \\newcommand ..."), whose page it then claimed. A
    page's last line that prints its number at the same height on other pages is its folio."""
    pages = []
    for n in range(1, 5):
        runs = body_page(PARAS[(n - 1) % 4:(n - 1) % 4 + 2], y=80)
        runs.append(Run(200, 470, str(n), "serif", 10))
        pages.append(runs)
    doc = read(pdfgen.write_pages(tmp_path / "folios.pdf", pages))
    assert [s.text for s in doc.sentences if s.zone == "footer"] == ["1", "2", "3", "4"]
    assert not [s for s in doc.sentences if s.zone == "body" and s.text[:1].isdigit()]


def test_a_chapter_label_over_its_title_is_a_heading_row(tmp_path):
    """Issue 13 (every Sphinx manual: fncychap sets "CHAPTER" and "ONE" on lines of their own over
    the chapter's title): the label's lines were read as body sentences of the chapter before.
    They are rows of zone heading, like a heading over a heading."""
    page1 = [Run(50, 60, "Preface", "bold", 14)] + body_page(PARAS[:2], y=90)
    page2 = [Run(300, 70, "CHAPTER", "bold", 10), Run(300, 92, "ONE", "bold", 14),
             Run(50, 140, "INTRODUCTION", "bold", 14)] + body_page(PARAS[2:4], y=180)
    doc = read(pdfgen.write_pages(tmp_path / "chapter.pdf", [page1, page2]))
    rows = [(s.zone, s.text) for s in doc.sentences if s.text in ("CHAPTER", "ONE")]
    assert rows == [("heading", "CHAPTER"), ("heading", "ONE")], rows
    assert {s.section for s in doc.sentences if s.page == 2 and s.zone == "body"} == {"INTRODUCTION"}
    from extractors.ingest.layout import CHAPTER_LABEL  # a numeral, not any word of the letters ivxlcdm
    assert [t for t in ("Part II", "xiv", "Annexe A", "civil", "mild", "vivid") if CHAPTER_LABEL.fullmatch(t)] == [
        "Part II", "xiv", "Annexe A"]


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_arabic_set_right_to_left_is_read_in_reading_order(tmp_path, engine):
    """Round 10 (a Chromium page of headlines in Persian and Urdu, a translation textbook quoting
    Arabic): text of a right-to-left script was read as the line shows it, left to right, its
    letters and words backwards ("ةعامج" for "جماعة"); on the pdfium engine, which reads glyphs
    in the order drawn, each letter was a word of its own ("ن ي م ل س م ل ا"). Here each letter
    is drawn left of the one before, in reading order, as a shaping engine sets them."""
    before, arabic, after = "The group calls itself ", "جماعة نصرة الإسلام والمسلمين", " in its statements."
    x = 40.0 + pdfgen.width(before, "sans", 10)
    right = x + sum(pdfgen.width(ch, "sans", 10) for ch in arabic)
    runs = [Run(40.0, 100, before, "sans", 10), Run(right, 100, after, "sans", 10)]
    for k, ch in enumerate(arabic):
        runs.insert(1 + k, Run(right - sum(pdfgen.width(c, "sans", 10) for c in arabic[:k + 1]), 100, ch, "sans", 10))
    path = pdfgen.write_pages(tmp_path / "arabic.pdf", [runs])
    doc = ingest(path, path.stem, path.name, segmenter, PdfSettings(engine=engine))
    assert " ".join(s.text for s in doc.sentences) == before + arabic + after


def test_regression_a_title_holds_a_word():
    """Round 13: a drawing whose Type 3 fonts map no glyph to Unicode is read as its codes ("'- ( #
    ( - ,,"), and its first "heading" "'-" was the document's title in documents.csv. A title holds
    a word: the first heading with one, else the metadata title, else the first line with one."""
    from extractors.ingest.layout import Block
    from extractors.ingest.pdf.reader import document_title

    junk = [Block("heading", "'-", 1, 1), Block("para", "( # ( - ,, $( ) - (", 1)]
    assert document_title(junk, "") == ""
    assert document_title(junk, "Site plan, sheet 4") == "Site plan, sheet 4"
    assert document_title([*junk, Block("para", "Drawing of the district office", 1)], "") == \
        "Drawing of the district office"
    assert document_title([*junk, Block("heading", "Ground floor", 1, 1)], "Site plan") == "Ground floor"


def test_regression_a_copyright_line_or_a_contents_title_is_no_title():
    """Round 15 (WinFF's manuals, LibreOffice 7.4: the title a picture, the first heading the
    edition's line): documents.csv's title was "Version 1.0 Copyright © 2006 – 2009
    http://www.winff.org". A heading that names no document (a copyright or version line, a web
    address, a contents' title) is passed over for the next; a title's first line ending in a
    colon ("Research to Action:") is a title."""
    from extractors.ingest.layout import Block
    from extractors.ingest.pdf.reader import document_title

    assert document_title([Block("heading", "Research to Action:", 1, 1)], "") == "Research to Action:"
    blocks = [Block("heading", "Version 1.0 Copyright © 2006 – 2009 http://www.winff.org", 1, 2),
              Block("heading", "Table of contents", 1, 2),
              Block("heading", "Conversion vidéo simple et libre grâce à WinFF", 1, 1),
              Block("para", "WinFF est une interface graphique pour FFmpeg.", 1)]
    assert document_title(blocks, "") == "Conversion vidéo simple et libre grâce à WinFF"
    assert document_title(blocks[:2] + blocks[3:], "Manuel de WinFF") == "Manuel de WinFF"


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_regression_a_tex_symbol_font_without_tounicode_gives_its_symbols(tmp_path, engine):
    """Round 15 (a LuaTeX class's documentation, in French): the angle brackets of "⟨nom⟩" are set
    in cmsy10, TeX's math symbol font, which had no /ToUnicode: they were read by their codes,
    "hnomi" (246 times), and its dagger and section sign would be "y" and "x". A TeX symbol
    font's digits and lower-case letters are its symbols (the OMS encoding)."""
    cmsy = (b"<< /Type /Font /Subtype /Type1 /BaseFont /ABCDEF+CMSY10 /FirstChar 104 /LastChar 121 "
            b"/Widths [" + b" ".join([b"389"] * 18) + b"] /FontDescriptor 5 0 R >>")
    descriptor = (b"<< /Type /FontDescriptor /FontName /ABCDEF+CMSY10 /Flags 4 /FontBBox [-166 -225 1000 931] "
                  b"/ItalicAngle 0 /Ascent 718 /Descent -207 /CapHeight 718 /StemV 88 >>")  # (not embedded here)

    def show(*parts: tuple[str, bytes]) -> bytes:
        return b"".join(b"/%s 10 Tf (%s) Tj " % (font.encode(), text) for font, text in parts)

    content = (b"BT 50 500 Td " + show(("F1", b"The command takes "), ("F2", b"h"), ("F1", b"options"), ("F2", b"i"),
                                     ("F1", b" and a "), ("F2", b"h"), ("F1", b"name"), ("F2", b"i"),
                                     ("F1", b" \\(see "), ("F2", b"x"), ("F1", b" 2, note"), ("F2", b"y"), ("F1", b"\\).")) + b"ET")
    path = pdfgen.write_raw(tmp_path / "cmsy.pdf", [content], {"F1": pdfgen.HELVETICA, "F2": cmsy}, extra=[descriptor])
    doc = ingest(path, path.stem, path.name, segmenter, PdfSettings(engine=engine))
    assert " ".join(s.text for s in doc.sentences) == "The command takes ⟨options⟩ and a ⟨name⟩ (see § 2, note†)."
