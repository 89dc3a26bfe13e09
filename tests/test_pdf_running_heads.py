"""Running heads and feet whose line as a whole never repeats: a slot that changes from page to page
(the current section's title) beside a fixed one (a journal's reference), a form's head beside its
page number, the same words closing a page short of the margin. They are set aside as header/footer
rows, never read into the sentence running over the page break; a page's first line of text and a
heading at the top of pages stay text. Synthetic PDFs drawn with tests/pdfgen.py."""
from __future__ import annotations

from pathlib import Path

from extractors.ingest.documents import ingest

from . import pdfgen
from .conftest import segmenter
from .pdfgen import Run
from .test_pdf_real_world import PARAS, assert_heads_set_aside


def read(path: Path):
    return ingest(path, path.stem, path.name, segmenter)


def paged(text: str, per_page: int, y: float = 80.0, x: float = 50.0, measure: float = 300.0) -> list[list[Run]]:
    lines, _ = pdfgen.flow(text, x, y, measure)
    pages = []
    for i in range(0, len(lines), per_page):
        chunk = lines[i:i + per_page]
        shift = chunk[0].y - y
        pages.append([Run(r.x, r.y - shift, r.text, r.face, r.size) for r in chunk])
    return pages


def test_a_section_title_head_beside_a_fixed_journal_reference_is_set_aside(tmp_path):
    """A journal's head: the current section's title in the left slot (WeasyPrint's
    `string(sect)`), the journal's reference in the right one. The line as a whole never repeats,
    so it was read into the sentence running over the page break ("... within walking distance of a
    frequent 3. Argument Peace Review 41 (2024) 233–249 bus line."). It stands at one height, in
    type smaller than the text, apart from it, on every page but the first."""
    text = " ".join(PARAS * 4)
    sections = ["1. Introduction", "2. Background", "3. Argument", "4. Findings", "5. Discussion",
                "6. Conclusion", "Notes on contributors"]
    pages = paged(text, 7)
    heads = []
    for n, page in enumerate(pages[1:], 1):
        left = sections[(n - 1) % len(sections)]
        page[:0] = [Run(50, 40, left, "serif", 8), Run(240, 40, "Peace Review 41 (2024) 233–249", "serif", 8)]
        heads.append(f"{left} Peace Review 41 (2024) 233–249")
    for n, page in enumerate(pages, 1):
        page.append(Run(205, 560, str(n), "serif", 8))
    assert len(pages) >= 6
    doc = read(pdfgen.write_pages(tmp_path / "journal.pdf", pages))
    assert_heads_set_aside(doc, text, heads, "Peace Review", *sections)


def test_a_chapter_head_alone_in_its_slot_changing_by_chapter_is_set_aside(tmp_path):
    """"Chapter 3 · Bridges" flush right at the head of every page but the chapters' first: the
    wording changes with the chapter (on two or three pages each), no page number beside it."""
    text = " ".join(PARAS * 5)
    pages = paged(text, 6)
    chapters = ["Chapter 1 · Meetings", "Chapter 2 · Roads", "Chapter 3 · Bridges", "Chapter 4 · Funds"]
    heads = []
    for n, page in enumerate(pages):
        if n % 3 == 0:
            continue  # a chapter's first page has no head
        head = chapters[n // 3 % len(chapters)]
        x = 350 - pdfgen.width(head, "sans", 8)
        page.insert(0, Run(x, 40, head, "sans", 8))
        heads.append(head)
    doc = read(pdfgen.write_pages(tmp_path / "chapters.pdf", pages))
    assert_heads_set_aside(doc, text, heads, "Chapter")


def two_columns(text: str, y: float, size: float = 7.5) -> tuple[list[Run], list[Run], float]:
    left, end = pdfgen.flow(text, 50, y, 150, "sans", size, 9)
    half = (len(left) + 1) // 2
    right = [Run(215, r.y - left[half].y + y, r.text, r.face, r.size) for r in left[half:]]
    return left[:half], right, max(end - (left[half].y - y), left[half - 1].y + 9)


def test_a_form_head_beside_its_page_number_and_the_same_foot_closing_a_page_are_set_aside(tmp_path):
    """A form of two pages (a W-9): page 1 closes short of the margin on the row "Cat. No. 10231X
    ... Form W-9 (Rev. 10-2018)"; page 2 opens with "Form W-9 (Rev. 10-2018) ... Page 2" over two
    columns of small print, and closes with the form's name again. The form's name was glued
    into the sentence the page break cut ("Form W-9 (Rev. 10-2018) Form W-9 (Rev. 10-2018)
    Section references are ...")."""
    first = " ".join(PARAS[:3])
    second = " ".join(PARAS[3:] + PARAS[:2])
    page1 = [Run(50, 60, "Request for Taxpayer Identification Number", "bold", 12)]
    lines, y = pdfgen.flow(first, 50, 90, 300, "sans", 9, 12)
    page1 += lines
    page1 += [Run(50, y + 10, "Cat. No. 10231X", "sans", 7), Run(265, y + 10, "Form W-9 (Rev. 10-2018)", "sans", 7)]
    page2 = [Run(50, 42, "Form W-9 (Rev. 10-2018)", "sans", 7), Run(340, 42, "Page 2", "sans", 7)]
    left, right, end = two_columns(second, 52)
    page2 += left + right
    page2.append(Run(265, end + 12, "Form W-9 (Rev. 10-2018)", "sans", 7))
    doc = read(pdfgen.write_pages(tmp_path / "form.pdf", [page1, page2]))
    body = " ".join(s.text for s in doc.sentences if s.zone == "body")
    assert "Form W-9" not in body and "Cat. No." not in body and "Page 2" not in body
    assert body.endswith(second)
    set_aside = {}
    for s in doc.sentences:
        if s.zone in ("header", "footer"):
            set_aside[s.page, s.zone] = f"{set_aside.get((s.page, s.zone), '')} {s.text}".strip()
    assert set_aside == {(1, "footer"): "Cat. No. 10231X Form W-9 (Rev. 10-2018)",
                         (2, "header"): "Form W-9 (Rev. 10-2018) Page 2", (2, "footer"): "Form W-9 (Rev. 10-2018)"}


def test_alternating_heads_author_on_even_pages_title_on_odd_are_set_aside(tmp_path):
    """Recto/verso heads: the author's name flush left on even pages, the title flush right on
    odd ones, each with the page's number on the outer edge."""
    text = " ".join(PARAS * 5)
    pages = paged(text, 6)
    heads = []
    for n, page in enumerate(pages, 1):
        if n == 1:
            continue
        if n % 2 == 0:
            page[:0] = [Run(50, 40, str(n), "serif", 8), Run(80, 40, "Aminata Coulibaly", "serif", 8)]
            heads.append(f"{n} Aminata Coulibaly")
        else:
            title = "Roads and Councils in the Sahel"
            page[:0] = [Run(330 - pdfgen.width(title, "serif", 8), 40, title, "serif", 8), Run(340, 40, str(n), "serif", 8)]
            heads.append(f"{title} {n}")
    doc = read(pdfgen.write_pages(tmp_path / "recto-verso.pdf", pages))
    assert_heads_set_aside(doc, text, heads, "Coulibaly", "Sahel")


def test_regression_a_latex_report_head_below_the_margin_band_is_set_aside(tmp_path):
    """Round 14 (gpsim's manual, LaTeX through dvips and Ghostscript 7): "CHAPTER 2. COMMAND LINE
    INTERFACE 9" heads every page at 12 % of its height, under the band where running heads were
    looked for, and was read into the sentence the page break cut ("... display the new net list.
    CHAPTER 2. COMMAND LINE INTERFACE 10"). A page's first line, high on it, repeating at one
    height (digits aside) on several pages, is a head too."""
    text = " ".join(PARAS * 4)
    pages = paged(text, 7, y=110)
    heads = []
    for n, page in enumerate(pages, 1):
        if n == 1:
            continue
        head = "CHAPTER 2. COMMAND LINE INTERFACE"
        page[:0] = [Run(50, 75, head, "serif", 10), Run(340, 75, str(n), "serif", 10)]
        heads.append(f"{head} {n}")
    doc = read(pdfgen.write_pages(tmp_path / "latex-report.pdf", pages))
    body = " ".join(s.text for s in doc.sentences if s.zone == "body")
    assert "CHAPTER" not in body and body == text
    by_page: dict[int, list[str]] = {}
    for s in doc.sentences:
        if s.zone == "header":  # (the sentence splitter cuts a head after "2.")
            by_page.setdefault(s.page, []).append(s.text)
    assert [" ".join(t) for _, t in sorted(by_page.items())] == heads

def test_first_lines_of_text_and_headings_at_the_top_of_pages_are_not_running_heads(tmp_path):
    """What stands at one height at the top of every page with changing words is not always a
    head: the first line of each page's text, set high in the margin band (a page with narrow
    margins), and a heading opening some pages, larger than the text, stay in the body."""
    pages = []
    expected = []
    for n in range(6):
        paras = PARAS[n % 5:] + PARAS[:n % 5]
        runs, y = [], 30.0
        if n % 2 == 0:
            heading = f"Part {n // 2 + 1}: The {['roads', 'bridges', 'funds'][n // 2]} of the district"
            runs.append(Run(50, y, heading, "bold", 14))
            expected.append(heading)
            y += 24
        for para in paras:
            lines, y = pdfgen.flow(para, 50, y, 300)
            runs += lines
            y += 6
        expected += paras
        pages.append(runs)
    doc = read(pdfgen.write_pages(tmp_path / "high-text.pdf", pages))
    assert not [s.text for s in doc.sentences if s.zone in ("header", "footer")]
    text = " ".join(s.text for s in doc.sentences)  # (the first page's text is the front matter)
    assert text == " ".join(t for t in expected if not t.startswith("Part "))
    assert {s.section for s in doc.sentences} >= {t for t in expected if t.startswith("Part ")}


PLEADING = ("Plaintiff, by and through its attorneys, states as follows: the defendant entered into a loan "
            "agreement with the plaintiff in the spring, and failed to make the payments that the agreement "
            "required of him, so that the full balance became due and owing to the plaintiff at once.")


def test_a_page_s_line_numbers_are_a_zone_of_their_own(tmp_path):
    """Issue 13 (a court complaint on pleading paper, PDFsam): the numbers 1-28 down the left
    margin were read into the lines beside them ("1 THE CIRCUIT COURT", "follows: 13") and cut
    the paragraphs apart. They are one row of zone lineno per page; the text runs on without them."""
    runs = [Run(30, 60 + 24 * k, str(k + 1), "serif", 8) for k in range(28)]  # pleading paper: every 24 pt
    text, _ = pdfgen.flow(PLEADING, 60, 108, 300, leading=24)  # double-spaced, on the numbered lines
    doc = read(pdfgen.write_pages(tmp_path / "pleading.pdf", [runs + text, runs + text], size=(420.0, 760.0)))
    numbered = [(s.page, s.text) for s in doc.sentences if s.zone == "lineno"]
    assert numbered == [(1, " ".join(str(k) for k in range(1, 29))), (2, " ".join(str(k) for k in range(1, 29)))]
    body = [s.text for s in doc.sentences if s.zone not in ("lineno", "header", "footer")]
    assert body == [PLEADING, PLEADING]


def test_a_numbered_list_at_the_text_margin_keeps_its_numbers(tmp_path):
    """The line numbers stand in a margin, left of all the text: a list numbered at the text's own
    edge ("1 Bamako", one item a line, the page through) keeps its numbers in its items."""
    towns = ["Bamako", "Mopti", "Gao", "Kidal", "Tombouctou", "Ségou", "Sikasso", "Kayes", "Ménaka", "Koulikoro",
             "Taoudénit", "Douentza", "Bandiagara", "Djenné", "Niono", "Nara", "Diré", "Ansongo", "Bourem", "Tessalit"]
    runs = [Run(50, 60, "The council listed the towns where its offices stand, from north to south.", "serif", 10)]
    for k, town in enumerate(towns):
        runs += [Run(50, 84 + 24 * k, str(k + 1), "serif", 10), Run(66, 84 + 24 * k, f"{town} office", "serif", 10)]
    doc = read(pdfgen.write_pages(tmp_path / "list.pdf", [runs], size=(420.0, 595.0)))
    assert not [s for s in doc.sentences if s.zone == "lineno"]
    text = " ".join(s.text for s in doc.sentences)
    assert "1 Bamako office" in text and "20 Tessalit office" in text


def test_code_points_down_a_table_s_first_column_are_no_line_numbers():
    """A font's glyph table (TeX Gyre Heros' documentation) lists code points 0050, 0051, ... down
    its first column in small type: they count up by one at a steady pitch like line numbers, but
    a line number has no leading zero."""
    from extractors.ingest.pdf.lines import line_numbers

    words = []
    for k in range(20):
        words.append({"text": f"{50 + k:04d}", "x0": 40.0, "x1": 58.0, "top": 60.0 + 30 * k, "bottom": 66.0 + 30 * k,
                      "size": 6.0})
        words += [{"text": g, "x0": 70.0 + 20 * j, "x1": 78.0 + 20 * j, "top": 58.0 + 30 * k, "bottom": 68.0 + 30 * k,
                   "size": 10.0} for j, g in enumerate("PPPPP")]
    kept, numbers = line_numbers(words, 700.0)
    assert numbers == [] and kept == words
    pleading = [dict(w, text=str(int(w["text"]) - 49)) if w["x0"] == 40.0 else w for w in words]
    kept, numbers = line_numbers(pleading, 700.0)  # the same column numbered 1-20: line numbers
    assert [w["text"] for w in numbers] == [str(k) for k in range(1, 21)] and len(kept) == 100


def test_regression_a_first_page_s_number_over_a_licence_line_is_set_aside(tmp_path):
    """Round 15 (a French article from QuarkXPress): each page's number stands at one height at
    the foot of the text; on the first page a licence line is set under it, so the number was not
    the page's last line and was read as a sentence ("1") between the notes and the licence. A
    bare number at the height of the other pages' numbers, numbering the pages as they do, is
    the page's number."""
    text = " ".join(PARAS * 3)
    pages = paged(text, 8)
    licence = "Published under a Creative Commons licence, which may be read at creativecommons.org."
    for n, page in enumerate(pages, 1):
        page.append(Run(205, 520, str(n), "serif", 9))
        if n == 1:
            page.append(Run(50, 560, licence, "serif", 7))
    assert len(pages) >= 3
    doc = read(pdfgen.write_pages(tmp_path / "folios.pdf", pages))
    assert [(s.page, s.text) for s in doc.sentences if s.zone == "footer"] == [(n, str(n)) for n in range(1, len(pages) + 1)]
    assert not [s for s in doc.sentences if s.zone == "body" and s.text.strip().isdigit()]
    assert licence in " ".join(s.text for s in doc.sentences if s.zone == "body")


def test_regression_a_slide_title_repeated_over_its_slides_is_no_running_head(tmp_path):
    """Round 16 (a survey's slides from Keynote, a talk's from LibreOffice Impress): the title
    "Insights" heads several slides at one place, set large. Repeating, it was set aside as a running
    head (zone header) on all but the first, and a slide title split in two was read half as a head
    and half as a section. A line set a quarter larger than the text is no running head; a heading
    that repeats the section it stands in is a row of its own (zone heading), so that each slide
    shows its title."""
    points = ["Powermeters make no difference in what users need from their software.",
              "Athletes of one sport and of several have the same needs and use the same tools.",
              "There is no single tool that does everything the users want it to do.",
              "People mix and match the programs they use to fit what they need.",
              "Tracking progress over time is what users value most of all."]
    pages = []
    for n in range(4):
        runs = [Run(40, 40, "Insights", "bold", 24)]
        runs += [Run(40, 90 + 24 * k, f"{k + 1}. {p}", "sans", 12) for k, p in enumerate(points[n:] + points[:n])]
        runs.append(Run(560, 400, str(n + 1), "sans", 9))
        pages.append(runs)
    doc = read(pdfgen.write_pages(tmp_path / "slides.pdf", pages, size=(595.0, 420.0)))
    assert not [s.text for s in doc.sentences if s.zone == "header"]
    assert [s.page for s in doc.sentences if s.zone == "heading" and s.text == "Insights"] == [2, 3, 4]
    assert {s.section for s in doc.sentences if s.zone == "body"} == {"Insights"}
