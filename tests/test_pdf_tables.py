"""Issue 13: a table's rows kept as rows (zone `table`, cells joined with " | "), never word salad
in the running text; and word breaks read from a font's space glyphs where the space is tight.
Small PDFs drawn here (tests/pdfgen.py), plus a real table of the development set."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractors.ingest.documents import ingest
from extractors.ingest.pdf import PdfSettings

from . import pdfgen
from .conftest import segmenter
from .pdfgen import Run
from .test_pdf_real_world import PARAS

DEV = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "real-pdfs-dev"

BEFORE = ("The district office counted the villages of each region and the incidents reported there "
          "during the year, as the table below shows.")
AFTER = "The figures for the southern region were collected by the prefecture and not by the office."
HEADER = ["Region", "Villages", "Incidents"]
ROWS = [["North", "412", "37"], ["Centre", "1,208", "145"], ["South", "96", "4"]]


def read(path: Path):
    return ingest(path, path.stem, path.name, segmenter)


def table_page(stacked: bool) -> tuple[list[Run], list[tuple[float, float, float, float]]]:
    """A paragraph, a three-column table, a paragraph. Ruled as a grid, or (stacked) with column
    rules and a rule under the header only, so that the body rows share one cell per column."""
    runs, y = pdfgen.flow(BEFORE, 50, 80, 320)
    cols = [50.0, 170.0, 270.0, 370.0]
    top = y + 8
    rules = [(cols[0], top, cols[-1], top)]
    row_h = 16.0
    for r, cells in enumerate([HEADER] + ROWS):
        base = top + 12 + r * row_h
        for c, text in enumerate(cells):
            runs.append(Run(cols[c] + 4, base, text, "bold" if r == 0 else "serif", 9))
        if r == 0 or not stacked:
            rules.append((cols[0], base + 4, cols[-1], base + 4))
    bottom = top + 12 + len(ROWS) * row_h + 4  # under the last row
    if stacked:
        rules.append((cols[0], bottom, cols[-1], bottom))
    rules += [(x, top, x, bottom) for x in cols]
    after, _ = pdfgen.flow(AFTER, 50, bottom + 24, 320)
    return runs + after, rules


@pytest.mark.parametrize("stacked", [False, True], ids=["grid", "rows-in-one-cell"])
def test_table_rows_are_kept_as_rows_in_zone_table(tmp_path, stacked):
    """Issue 13 (8): "tables turned into word salad". Each row is one unit of zone `table`, its cells
    in order; the paragraphs around the table stay body text and hold none of its words."""
    runs, rules = table_page(stacked)
    doc = read(pdfgen.write_pages(tmp_path / "table.pdf", [runs], rules=[rules]))
    table = [s.text for s in doc.sentences if s.zone == "table"]
    assert table == [" | ".join(r) for r in [HEADER] + ROWS]
    body = [s.text for s in doc.sentences if s.zone != "table"]
    assert body == [BEFORE, AFTER]
    assert all(s.page == 1 for s in doc.sentences)


def test_a_frame_of_rulings_without_a_text_grid_is_not_a_table(tmp_path):
    """A box drawn around a paragraph (a framed note) is read as running text, not as a table."""
    runs, y = pdfgen.flow(BEFORE, 60, 90, 300)
    frame = [(50, 76, 370, 76), (50, y, 370, y), (50, 76, 50, y), (370, 76, 370, y)]
    doc = read(pdfgen.write_pages(tmp_path / "frame.pdf", [runs], rules=[frame]))
    assert [(s.zone, s.text) for s in doc.sentences] == [("body", BEFORE)]


def test_tight_space_glyphs_are_word_breaks(tmp_path):
    """Issue 13 (6), glued words: a font whose space glyph is narrow (justified lines, large titles:
    about 0.12 em) was read "Augustineasthe rootofallsins" although the PDF sets a space there."""
    text = "Avaritia was described by Augustine as the root of all sins in the early church."
    runs, x = [], 50.0
    for word in text.split():
        runs.append(Run(x, 100, word, "serif", 10))
        end = x + pdfgen.width(word, "serif", 10)
        runs.append(Run(end, 100, " ", "serif", 10))  # the space glyph, overlapped by the next word
        x = end + 1.2
    doc = read(pdfgen.write_pages(tmp_path / "tight.pdf", [runs], size=(600.0, 400.0)))
    assert [s.text for s in doc.sentences] == [text]


needs_dev = pytest.mark.skipif(not DEV.is_dir(), reason=f"{DEV} not found")


@needs_dev
def test_real_ruled_table_reads_as_rows():
    """The Ithaka report's table of most-used titles (page 13): a ruled table of ten rows."""
    name = "ithaka-2019-open-access-latin-american-scholarship.pdf"
    doc = ingest(DEV / name, Path(name).stem, name, segmenter)
    rows = [s for s in doc.sentences if s.zone == "table"]
    texts = [s.text for s in rows]
    assert "Historia general de México: volumen I | 1994 | 9,323" in texts
    assert "Mexico | 151,601" in texts
    assert all(s.text.count(" | ") >= 1 for s in rows)
    body = " ".join(s.text for s in doc.sentences if s.zone != "table")
    assert "9,323" not in body and "151,601" not in body


DE = ("Die Gesellschaft der Moderne wird von ihren autonomen Funktionssystemen getragen, die jeweils nur "
      "ihre eigene Rationalität verfolgen und sich dabei um die Folgen für die anderen Systeme nicht kümmern, "
      "so dass die Krisen der einen auch die Krisen der anderen werden und das Recht auf diese Lage mit einer "
      "eigenen Verfassung der Gesellschaft antworten muss, die nicht mehr nur die des Staates ist")
EN = ("The society of modernity is carried by its autonomous functional systems, each of which pursues only "
      "its own rationality and does not care about the consequences for the other systems, so that the crises "
      "of the one become the crises of the others and the law has to answer this situation with a "
      "constitution of society of its own, which is no longer only that of the state")


def test_parallel_language_columns_do_not_run_into_each_other(tmp_path):
    """Issue 13, parallel-text columns (original left, translation right, over a page break): a
    column ending without end punctuation went on into the next column, which is its translation
    ("... which many cryptic formula lose Entlarvung eines deutschen Götzendienstes ...")."""
    pages = []
    for half in (0, 1):
        runs: list[Run] = []
        for x, text in ((40.0, DE), (225.0, EN)):
            part = text if half == 0 else text[:1].lower() + text[1:] + "."  # page 1 ends mid-sentence
            lines, _ = pdfgen.flow(part, x, 60, 160, size=9, leading=12)
            runs += lines
        pages.append(runs)
    doc = read(pdfgen.write_pages(tmp_path / "parallel.pdf", pages))
    assert doc.status == "ok"
    for s in doc.sentences:
        words = set(s.text.lower().split())
        assert not ({"die", "der", "und"} & words and {"the", "of", "and"} & words), s.text


def test_an_endless_sentence_over_a_whole_page_is_cut_at_its_page_breaks():
    """Issue 13 (3), pages with text and no sentence: a symbol index set without sentence ends ran
    from page 112 over all of page 113 into page 114 as one "sentence" claiming page 112."""
    from extractors.ingest.sentences import cut_at_page_breaks

    text = "Homöo(X) Homöomorphismengruppe Iso(X) Isometriengruppe X#Y Verklebung von X und Y dn Abbildung"
    breaks = ((0, 112), (31, 113), (40, 113), (80, 114))
    bounds = cut_at_page_breaks(text, [(0, len(text))], breaks)
    assert [text[a:b].strip() for a, b in bounds] == [
        "Homöo(X) Homöomorphismengruppe", "Iso(X) Isometriengruppe X#Y Verklebung von X und",
        "Y dn Abbildung"]
    # a sentence of prose running over one page break stays whole
    prose = "The council met on a Tuesday to discuss the roads between the villages of the district."
    assert cut_at_page_breaks(prose, [(0, len(prose))], ((0, 4), (40, 5))) == [(0, len(prose))]


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_a_word_split_at_a_line_end_inside_a_cell_is_joined(tmp_path, engine):
    """Issue 13 (lost text, LuaLaTeX `longtable` with `p{}` cells): a cell's lines were joined
    with a space, so a word hyphenated at a line end inside the cell stayed split ("The gov-
    ernment", "in re- sponse"). The break is joined as any line end is, by the document's words:
    "government" (written whole in the text) is joined, "long-established" keeps its hyphen."""
    from extractors.ingest.pdf import PdfSettings

    text = ("The government of Mali answered the long-established militias of the centre, and the "
            "government of Niger watched the border.")
    runs, y = pdfgen.flow(text, 50, 80, 320)
    cols, top = [50.0, 170.0, 370.0], y + 8
    cells = [("Actor", ["Description"]), ("Bamako", ["The gov-", "ernment answered", "in force."]),
             ("Mopti", ["The long-", "established militias", "armed themselves."])]
    rules = [(cols[0], top, cols[-1], top)]
    base = top
    for label, lines in cells:
        runs.append(Run(cols[0] + 4, base + 12, label, "serif", 9))
        for k, line in enumerate(lines):
            runs.append(Run(cols[1] + 4, base + 12 + 11 * k, line, "serif", 9))
        base += 12 + 11 * len(lines)
        rules.append((cols[0], base - 6, cols[-1], base - 6))
    rules += [(x, top, x, base - 6) for x in cols]
    path = pdfgen.write_pages(tmp_path / "cells.pdf", [runs], rules=[rules])
    doc = ingest(path, path.stem, path.name, segmenter, PdfSettings(engine=engine))
    table = [s.text for s in doc.sentences if s.zone == "table"]
    assert table == ["Actor | Description", "Bamako | The government answered in force.",
                     "Mopti | The long-established militias armed themselves."]


def test_a_heading_at_the_margin_above_a_centred_table_is_read_before_it(tmp_path):
    """Issue 13 (a Sphinx manual's "4.3 Exit codes" over a table of codes): a table was placed
    after the last line above it that shares its span, so a heading at the left margin, narrower
    than the indent of a centred table, came after the table's rows, and the rows took the
    section before. In its column the table stands where its top does."""
    runs, y = pdfgen.flow(BEFORE, 50, 80, 320)
    runs.append(Run(50, y + 20, "4.3 Incidents", "bold", 11))
    cols = [200.0, 280.0, 360.0, 440.0]
    top = y + 34
    rules = [(cols[0], top, cols[-1], top)]
    for r, cells in enumerate([HEADER] + ROWS):
        base = top + 12 + r * 16.0
        for c, text in enumerate(cells):
            runs.append(Run(cols[c] + 4, base, text, "bold" if r == 0 else "serif", 9))
        rules.append((cols[0], base + 4, cols[-1], base + 4))
    bottom = top + 12 + len(ROWS) * 16.0 + 4
    rules += [(x, top, x, bottom) for x in cols]
    after, _ = pdfgen.flow(AFTER, 50, 80, 320)  # the table ends its page: no line under it
    doc = read(pdfgen.write_pages(tmp_path / "centred-table.pdf", [runs, after], rules=[rules, []]))
    rows = [(s.section, s.zone, s.text) for s in doc.sentences if s.zone in ("body", "table")]
    assert rows == [("", "body", BEFORE)] + [("4.3 Incidents", "table", " | ".join(r))
                                              for r in [HEADER] + ROWS] + [("4.3 Incidents", "body", AFTER)]


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_small_capitals_made_by_size_stay_one_word_in_a_cell(tmp_path, engine):
    """Issue 13 (a police crash report from Microsoft Reporting Services): small capitals made by
    size, a capital at full size and the rest of the word smaller on the same baseline, are read
    apart by both engines (a word breaks where its size changes), and a cell joined its pieces
    with spaces: "EMS A GENCY", "M EDICAL F ACILITY". Pieces that abut are one word; a raised
    marker beside a number stays a token of its own."""
    from extractors.ingest.pdf import PdfSettings

    runs, y = pdfgen.flow(BEFORE, 50, 80, 320)
    cols, top = [50.0, 170.0, 370.0], y + 8
    rows = [[("Unit", 9)], [("1", 9)]], [[("E", 9), ("MS ", 7.2), ("A", 9), ("GENCY", 7.2)],
                                         [("M", 9), ("EDICAL ", 7.2), ("F", 9), ("ACILITY", 7.2)]]
    rules = [(cols[0], top, cols[-1], top)]
    base = top + 12
    for r in range(2):
        for c in range(2):
            x = cols[c] + 4
            for text, size in rows[c][r]:
                runs.append(Run(x, base, text, "bold", size))
                x += pdfgen.width(text, "bold", size)
        rules.append((cols[0], base + 4, cols[-1], base + 4))
        base += 16
    runs.append(Run(cols[0] + 4 + pdfgen.width("1", "bold", 9), base - 16 - 3, "2", "serif", 5.5))  # "1²"
    rules += [(x, top, x, base - 12) for x in cols]
    path = pdfgen.write_pages(tmp_path / "smallcaps.pdf", [runs], rules=[rules])
    doc = ingest(path, path.stem, path.name, segmenter, PdfSettings(engine=engine))
    table = [s.text for s in doc.sentences if s.zone == "table"]
    assert table == ["Unit | EMS AGENCY", "1 2 | MEDICAL FACILITY"]


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_issue_13_a_units_raised_power_in_a_cell_is_part_of_the_unit(tmp_path, engine):
    """Bug: a table cell's "m²" (a raised "2" after "m", a Finnish tax form's area column) was read
    "m 2", as a note's marker apart from its word; in the running text it was already "m2". A raised
    figure after a number ("1²") stays a token of its own."""
    from extractors.ingest.pdf import PdfSettings

    runs, y = pdfgen.flow(BEFORE, 50, 80, 320)
    cols, top = [50.0, 170.0, 370.0], y + 8
    rules = [(cols[0], top, cols[-1], top)]
    base = top + 12
    for label, value, power in (("Plot", "Surface", ""), ("Camp", "300 m", "2"), ("Cercle", "1,200 km", "2"),
                                ("Tank", "40 m", "3"), ("Note", "1", "2")):
        runs.append(Run(cols[0] + 4, base, label, "serif", 9))
        runs.append(Run(cols[1] + 4, base, value, "serif", 9))
        if power:
            runs.append(Run(cols[1] + 4 + pdfgen.width(value, "serif", 9), base - 3.5, power, "serif", 5.5))
        rules.append((cols[0], base + 4, cols[-1], base + 4))
        base += 16
    rules += [(x, top, x, base - 12) for x in cols]
    path = pdfgen.write_pages(tmp_path / "areas.pdf", [runs], rules=[rules])
    doc = ingest(path, path.stem, path.name, segmenter, PdfSettings(engine=engine))
    assert [s.text for s in doc.sentences if s.zone == "table"] == [
        "Plot | Surface", "Camp | 300 m2", "Cercle | 1,200 km2", "Tank | 40 m3", "Note | 1 2"]


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_a_table_ruled_piece_by_piece_beside_small_shapes_reads_as_rows(tmp_path, engine):
    """The pdfium engine leaves unread the segments of paths smaller than 6 pt each way (drawn
    glyphs, a chart's markers: `engines.SMALL_PATH`, for speed); a first version also skipped the
    rulings some producers draw piece by piece (a development-set report's table, each rule in
    5.5 pt pieces 0.5 pt thick), and the table's rows fell into the body text. Thin pieces are read
    (a stroked piece's bounds hold its line width: 4 pt by 1.2 here)."""
    from extractors.ingest.pdf import PdfSettings

    runs, rules = table_page(stacked=False)
    pieces = []
    for x0, y0, x1, y1 in rules:  # every rule drawn in 4 pt pieces
        n = max(1, int(max(abs(x1 - x0), abs(y1 - y0)) // 4))
        pieces += [(x0 + (x1 - x0) * k / n, y0 + (y1 - y0) * k / n, x0 + (x1 - x0) * (k + 1) / n,
                    y0 + (y1 - y0) * (k + 1) / n) for k in range(n)]
    dots = [(60 + 12 * k, 560) for k in range(20)]  # small shapes the walk skips
    path = pdfgen.write_pages(tmp_path / "pieces.pdf", [runs], rules=[pieces], dots=[dots])
    doc = ingest(path, "pieces", path.name, segmenter, PdfSettings(engine=engine))
    assert [s.text for s in doc.sentences if s.zone == "table"] == [" | ".join(r) for r in [HEADER] + ROWS]
    assert [s.text for s in doc.sentences if s.zone != "table"] == [BEFORE, AFTER]


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_regression_a_raised_note_letter_in_a_cell_stays_after_its_word(tmp_path, engine):
    """Round 13 (a 180-page InDesign catalogue): a catalogue number with raised note letters
    ("BQD115" + raised "ab") in a table cell was read "a b BQD115": the raised letters, whose top
    is higher, made a line of their own before the word's (the word's top being lower than half
    of the word's own height above their foot); a line takes a word overlapping it by half the
    smaller height."""
    from extractors.ingest.pdf import PdfSettings

    runs, y = pdfgen.flow(BEFORE, 50, 80, 320)
    cols, top, row_h = [50.0, 170.0, 270.0], y + 8, 16.0
    cells = [["Rating", "Catalog"], ["15", "BQD115"], ["20", "BQD120"]]
    rules = [(cols[0], top, cols[-1], top)]
    for r, (rating, number) in enumerate(cells):
        base = top + 12 + r * row_h
        runs += [Run(cols[0] + 4, base, rating, "sans", 7), Run(cols[1] + 4, base, number, "sans", 7)]
        if r:  # the note letters, raised and smaller, right after the number (the catalogue's sizes)
            runs.append(Run(cols[1] + 4 + pdfgen.width(number, "sans", 7) + 0.7, base - 3.0, "ab", "sans", 4.25))
        rules.append((cols[0], base + 4, cols[-1], base + 4))
    bottom = top + 12 + (len(cells) - 1) * row_h + 4
    rules += [(x, top, x, bottom) for x in cols]
    after, _ = pdfgen.flow(AFTER, 50, bottom + 24, 320)
    path = pdfgen.write_pages(tmp_path / "notes.pdf", [runs + after], rules=[rules])
    doc = ingest(path, "notes", path.name, segmenter, PdfSettings(engine=engine))
    rows = [s.text for s in doc.sentences if s.zone == "table"]
    assert rows[0] == "Rating | Catalog" and len(rows) == 3
    for row, number in zip(rows[1:], ["BQD115", "BQD120"]):
        assert row.split(" | ")[1].replace(" ", "") == number + "ab", rows


TREATMENTS = [
    ("Tebuconazole emulsion", "24", "2,000", ["Soak the seed for a day,", "then let it sprout."]),
    ("Benomyl wettable powder", "4-12", "1,000", ["Sprout the seed first,", "dip it in the solution", "and stir it now and then."]),
    ("Prochloraz emulsion", "24", "1,000", ["Soak the seed for a day."]),
    ("Thiabendazole suspension", "1-6", "2,000", ["Sprout the seed first,", "then dip it."]),
]


def test_regression_a_table_ruled_only_between_columns_keeps_its_rows(tmp_path):
    """Round 14 (a Taiwanese agency's table of seed treatments, DocuCom PDF Driver over Word):
    rules frame the table, cut its columns and underline the header, none between the body's rows,
    which stand a blank line apart. The body was one cell per column, so all ten treatments were
    one row ("Tebuconazole emulsion Benomyl wettable powder ... | 24 4-12 ... | 2,000 1,000 ..."),
    each dose no longer tied to its product. Read as one row per treatment."""
    runs, y = pdfgen.flow(BEFORE, 50, 80, 320, "serif", 8, 10)
    cols = [50.0, 170.0, 210.0, 250.0, 380.0]
    top = y + 8
    for c, text in enumerate(["Product", "Hours", "Dilution", "Method"]):
        runs.append(Run(cols[c] + 3, top + 12, text, "bold", 8))
    rules = [(cols[0], top, cols[-1], top), (cols[0], top + 16, cols[-1], top + 16)]
    base = top + 30
    for name, hours, dilution, method in TREATMENTS:
        runs += [Run(cols[0] + 3, base, name, "serif", 8), Run(cols[1] + 3, base, hours, "serif", 8),
                 Run(cols[2] + 3, base, dilution, "serif", 8)]
        runs += [Run(cols[3] + 3, base + 10 * i, line, "serif", 8) for i, line in enumerate(method)]
        base += 10 * len(method) + 12  # a blank line between treatments
    bottom = base - 8
    rules.append((cols[0], bottom, cols[-1], bottom))
    rules += [(x, top, x, bottom) for x in cols]
    after, _ = pdfgen.flow(AFTER, 50, bottom + 24, 320, "serif", 8, 10)
    doc = read(pdfgen.write_pages(tmp_path / "treatments.pdf", [runs + after], rules=[rules]))
    table = [s.text for s in doc.sentences if s.zone == "table"]
    assert table == ["Product | Hours | Dilution | Method"] + [
        f"{name} | {hours} | {dilution} | {' '.join(method)}" for name, hours, dilution, method in TREATMENTS]
    assert [s.text for s in doc.sentences if s.zone != "table"] == [BEFORE, AFTER]



def test_regression_a_table_ruled_by_image_masks_is_a_table(tmp_path):
    """Round 15 (a LaTeX manual through dvips and Ghostscript 9.14): the tabulars' rules are drawn
    as one-bit image masks, not as paths, so no table was found and its columns were read one
    after the other ("Syntax ADDLW ADDWF ANDLW ..." then "Description Add immediate to W ...").
    An image no thicker than a rule, five times as long, is a rule. Both engines."""
    rows = [("Syntax", "Description"), ("ADDLW k", "Add immediate to W"), ("ANDLW k", "And W and literal"),
            ("CLRW", "Write zero to W"), ("GOTO addr", "Go to the address")]
    h = 595.0
    top, row_h, cols = 120.0, 16.0, (60.0, 150.0, 330.0)

    def rule(x0: float, y_top: float, x1: float, y_bottom: float) -> bytes:  # an inline image mask, 1 x 1
        return (b"q %g 0 0 %g %g %g cm BI /W 1 /H 1 /BPC 1 /IM true /D [1 0] ID \x00 EI Q "
                % (x1 - x0, y_bottom - y_top, x0, h - y_bottom))

    content = b"BT /F1 10 Tf 60 520 Td (The instructions are listed in the table below, by name.) Tj ET "
    for r, (a, b) in enumerate(rows):
        base = h - (top + 12 + r * row_h)
        content += b"BT /F1 9 Tf %g %g Td (%s) Tj ET BT /F1 9 Tf %g %g Td (%s) Tj ET " % (
            cols[0] + 4, base, a.encode(), cols[1] + 4, base, b.encode())
    bottom = top + len(rows) * row_h + 4
    for r in range(len(rows) + 1):
        y = top if r == 0 else top + r * row_h + 4
        content += rule(cols[0], y, cols[2], y + 0.4)
    for x in cols:
        content += rule(x, top, x + 0.4, bottom)
    path = pdfgen.write_raw(tmp_path / "masks.pdf", [content], {"F1": pdfgen.HELVETICA})
    for engine in ("pdfium", "pdfplumber"):
        doc = ingest(path, path.stem, path.name, segmenter, PdfSettings(engine=engine))
        assert [s.text for s in doc.sentences if s.zone == "table"] == [" | ".join(r) for r in rows], engine


BOOKS = [("Genèse", "Gn", "Ge.", "Gen."), ("Exode", "Ex", "Ex.", "Ex."), ("Lévitique", "Lv", "Lé.", "Lév."),
         ("Nombres", "Nb", "No.", "Nombr."), ("Deutéronome", "Dt", "De.", "Deut."), ("Josué", "Jos", "Jos.", "Jos.")]


def test_regression_an_unruled_table_is_read_row_by_row(tmp_path):
    """Round 15 (a French article from QuarkXPress through Distiller 5): a table without any rule,
    the names of the Bible's books and their abbreviations in three editions, its rows in groups
    of three set apart by more leading. The wide gaps between its columns were read as a page's
    gutters: the first column's three names, then the second's ("Genèse Exode Lévitique", "Gn Ex
    Lv" ...), each book's abbreviations sentences away from its name. Rows of three or more short
    cells in aligned columns are a table's rows (zone table), the prose around it stays text."""
    runs, y = pdfgen.flow(BEFORE, 50, 80, 320, "serif", 9, 11)
    cols = (50.0, 160.0, 230.0, 300.0)
    y += 14
    for k, row in enumerate(BOOKS):
        runs += [Run(x, y, cell, "serif", 9) for x, cell in zip(cols, row)]
        y += 11 + (5 if k % 3 == 2 else 0)
    after, _ = pdfgen.flow(AFTER, 50, y + 12, 320, "serif", 9, 11)
    doc = read(pdfgen.write_pages(tmp_path / "books.pdf", [runs + after]))
    assert [s.text for s in doc.sentences if s.zone == "table"] == [" | ".join(r) for r in BOOKS]
    assert [s.text for s in doc.sentences if s.zone != "table"] == [BEFORE, AFTER]


def test_regression_an_unruled_table_under_a_header_spanning_its_columns_keeps_its_columns(tmp_path):
    """Round 14 (a state's voter counts, InDesign 18.5): over the unruled columns of figures, a
    header whose cells stand centred over pairs of columns ("April", "July") and a row of two
    cells between the rows. Taken into the run, the header's cells joined the columns they stand
    over, the table had too few columns to be one, and its columns were read one after the other
    (every county, then every figure). The columns are those of the run's most usual rows; the
    header's words go to the nearest, none lost."""
    cols = (50.0, 150.0, 210.0, 270.0, 330.0)
    runs = [Run(165, 90, "April", "bold", 9), Run(285, 90, "July", "bold", 9)]
    runs += [Run(x, 102, t, "bold", 9) for x, t in zip(cols, ("County", "Active", "All", "Active", "All"))]
    counties = [("ALCONA", "8,842", "10,308", "8,850", "10,311"), ("ALGER", "6,319", "7,552", "6,320", "7,560"),
                ("ALLEGAN", "85,317", "96,928", "85,400", "96,990"), ("ALPENA", "21,206", "24,840", "21,210", "24,845"),
                ("ANTRIM", "19,869", "22,630", "19,870", "22,640"), ("ARENAC", "11,350", "13,035", "11,360", "13,040")]
    y = 116.0
    for k, row in enumerate(counties):
        runs += [Run(x, y, t, "serif", 9) for x, t in zip(cols, row)]
        y += 12
        if k == 2:  # a row of two cells between the rows
            runs += [Run(50, y, "GRAND TRAVERSE", "serif", 9), Run(150, y, "72,556", "serif", 9)]
            y += 12
    after, _ = pdfgen.flow(AFTER, 50, y + 30, 320, "serif", 9, 11)
    doc = read(pdfgen.write_pages(tmp_path / "voters.pdf", [runs + after]))
    table = [s.text for s in doc.sentences if s.zone == "table"]
    assert [" | ".join(r) for r in counties] == [t for t in table if t.split(" | ")[0] in {r[0] for r in counties}]
    assert "GRAND TRAVERSE | 72,556" in table
    words = " ".join(f"{s.text} {s.section}" for s in doc.sentences).split()  # (the top line: a heading)
    assert all(w in words for w in ("April", "July", "County", "Active", "All"))
    assert [s.text for s in doc.sentences if s.zone == "body"][-1] == AFTER


def test_regression_two_unruled_tables_side_by_side_in_two_columns_are_two_tables(tmp_path):
    """Round 15's check on the development set (a two-column ACL paper): a small table in each
    column, side by side. Found over the whole page, their rows ran across both ("velluto (velvet)
    | Thr. | Cov."). In a page set in columns of running text each column's tables are its own."""
    left_text, left_end = pdfgen.flow(" ".join(PARAS[:2]), 40, 60, 150, "serif", 8, 10)
    right_text, right_end = pdfgen.flow(" ".join(PARAS[2:4]), 220, 60, 150, "serif", 8, 10)
    y = max(left_end, right_end) + 16
    left = [("Thr.", "Cov.", "Acc."), ("0.00", "100%", "0.21"), ("0.55", "63%", "0.25"), ("0.60", "37%", "0.31"),
            ("0.65", "16%", "0.45")]
    right = [("Input", "Output", "Rank"), ("A.N", "A, N", "11"), ("P.N", "P, N", "171"), ("A◦N", "N", "67"),
             ("N◦N", "A, N", "29")]
    runs = left_text + right_text
    for k, (a, b) in enumerate(zip(left, right)):
        runs += [Run(x, y + 10 * k, t, "serif", 8) for x, t in zip((40, 90, 140), a)]
        runs += [Run(x, y + 10 * k, t, "serif", 8) for x, t in zip((220, 270, 320), b)]
    doc = read(pdfgen.write_pages(tmp_path / "two-tables.pdf", [runs]))
    table = [s.text for s in doc.sentences if s.zone == "table"]
    assert sorted(table) == sorted([" | ".join(r) for r in left] + [" | ".join(r) for r in right])
