"""Document kinds (issue 13's held-out set), python-docx .docx converted by LibreOffice Writer: a
bilingual municipal plan (Word-style contents with dot leaders, numbered chapters, a running head
and "Page 3 of 30" footer, ruled and unruled tables, a two-column French/English section, a
landscape section with a wide table), a school board agenda (numbered items with times at the
right, a./b. sub-items, motions, a consent agenda table), a sentence-splitting test (four pages).
Text from kinds_text.py (invented)."""
from common import main, tmpdir
from kinds_text import CHAPTERS, SPLIT_LIST, SPLIT_TEST, Gen
from libreoffice_pdfs import convert, section_columns
from office2_pdfs import page_x_of_y, toc


def _page_of(section, left):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    section.header.is_linked_to_previous = True
    hp = section.header.paragraphs[0]
    hp.text = left
    page_x_of_y(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)


def _table(d, header, rows, ruled=True):
    t = d.add_table(rows=1 + len(rows), cols=len(header))
    if ruled:
        t.style = "Table Grid"
    for j, h in enumerate(header):
        t.cell(0, j).text = h
        for r in t.cell(0, j).paragraphs[0].runs:
            r.bold = True
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            t.cell(i + 1, j).text = str(v)
    return t


def plan(out):
    from docx import Document
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt
    g = Gen(21)
    d = Document()
    d.styles["Normal"].font.name = "Liberation Sans"
    d.styles["Normal"].font.size = Pt(10)
    _page_of(d.sections[0], "Plan d'urbanisme / Official Plan — Ville de Lakeshore")
    entries = []
    for c, (en, fr) in enumerate(CHAPTERS):
        entries.append((1, f"{c + 1}. {en} / {fr}", 3 + 3 * c))
        for s in range(2):
            entries.append((2, f"{c + 1}.{s + 1} {['Context / Contexte', 'Policies / Orientations'][s]}", 3 + 3 * c + s))
    toc(d, entries)
    d.add_page_break()
    for c, (en, fr) in enumerate(CHAPTERS):
        d.add_heading(f"{c + 1}. {en} / {fr}", 1)
        for s in range(2):
            d.add_heading(f"{c + 1}.{s + 1} {['Context / Contexte', 'Policies / Orientations'][s]}", 2)
            for p in g.paras(3, "en"):
                d.add_paragraph(p).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            d.add_paragraph(g.para("fr", 3)).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            if s == 1:
                for _ in range(3):
                    d.add_paragraph(g.para("en", 1), style="List Number")
        if c % 2 == 0:
            d.add_paragraph(f"Table {c + 1}. Key figures for chapter {c + 1} / Tableau {c + 1}. Données clés").runs[0].italic = True
            _table(d, ["Indicator / Indicateur", "2016", "2021", "Target 2044"],
                   [[t, g.r.randint(100, 999), g.r.randint(100, 999), g.r.randint(100, 999)] for t in g.r.sample(["Dwellings / Logements", "Jobs / Emplois", "Transit trips / Déplacements", "Park area (ha) / Parcs (ha)", "Trees / Arbres", "Bike lanes (km) / Pistes (km)"], 4)],
                   ruled=c % 4 == 0)
        if c == 3:  # a two-column bilingual section, then back to one column
            sec = d.add_section(WD_SECTION.CONTINUOUS)
            section_columns(sec, 2, 400)
            for _ in range(3):
                d.add_paragraph(g.para("en", 3))
            for _ in range(3):
                d.add_paragraph(g.para("fr", 3))
            sec = d.add_section(WD_SECTION.CONTINUOUS)
            section_columns(sec, 1, 400)
        if c == 5:  # a landscape section
            sec = d.add_section(WD_SECTION.NEW_PAGE)
            sec.orientation, sec.page_width, sec.page_height = WD_ORIENT.LANDSCAPE, sec.page_height, sec.page_width
            d.add_paragraph("Annex A. Capital works programme 2024–2030 / Programme triennal d'immobilisations").runs[0].bold = True
            _table(d, ["Project / Projet", "District", "2024", "2025", "2026", "2027", "2028", "Total ($k)"],
                   [[g.r.choice(["Water main renewal", "Réfection de la rue", "New library / Bibliothèque", "Bus shelters", "Park lighting", "Sewer separation"]),
                     g.r.choice(["Riverside", "Saint-Roch", "Beaulieu", "Old Town"])] + [g.r.randint(50, 900) for _ in range(6)] for _ in range(12)])
            sec = d.add_section(WD_SECTION.NEW_PAGE)
            sec.orientation, sec.page_width, sec.page_height = WD_ORIENT.PORTRAIT, sec.page_height, sec.page_width
    src = tmpdir() / "kind_plan_docx.docx"
    d.save(src)
    convert(out, src)


def agenda(out):
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
    from docx.shared import Cm, Pt
    d = Document()
    d.styles["Normal"].font.name = "Liberation Serif"
    d.styles["Normal"].font.size = Pt(10.5)
    sec = d.sections[0]
    sec.top_margin = sec.bottom_margin = Cm(1.5)
    for t, size in (("LAKESHORE DISTRICT SCHOOL BOARD", 14), ("Regular Meeting of the Board of Trustees", 12),
                    ("Tuesday, March 12, 2024, 7:00 p.m. — Board Room, 45 Main St.", 10.5), ("AGENDA", 13)):
        p = d.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        r = p.add_run(t)
        r.bold, r.font.size = True, Pt(size)
    items = [("1.", "Call to Order and Land Acknowledgement", "7:00", []),
             ("2.", "Approval of the Agenda", "7:05", ["Moved by Trustee Nguyen, seconded by Trustee Bouchard, that the agenda be approved as presented."]),
             ("3.", "Declarations of Conflict of Interest", "7:06", []),
             ("4.", "Presentations", "7:10", ["a. Grade 8 robotics team, Hillcrest Public School (10 min.)", "b. Student trustee report, Ms. A. Patel"]),
             ("5.", "Consent Agenda", "7:30", []),
             ("6.", "Reports from the Director of Education", "7:35", ["a. Enrolment update, Jan. 2024", "b. 2024–25 school year calendar (see Appendix B, p. 14)", "c. Capital priorities: Riverside S.S. addition"]),
             ("7.", "Business Arising", "8:15", ["a. Motion: Transportation policy No. 402", "Moved by Trustee Lee. Seconded by Trustee Okafor. THAT the Board approve revisions to Policy No. 402, Student Transportation, as amended."]),
             ("8.", "Trustee Reports and Questions", "8:40", []),
             ("9.", "Future Meetings", "8:55", ["a. Committee of the Whole, Mar. 26, 2024, 6:30 p.m.", "b. Regular Board Meeting, Apr. 9, 2024, 7:00 p.m."]),
             ("10.", "Adjournment", "9:00", [])]
    for num, title, time, subs in items:
        p = d.add_paragraph()
        p.paragraph_format.tab_stops.add_tab_stop(Cm(1.0))
        p.paragraph_format.tab_stops.add_tab_stop(Cm(16.5), WD_TAB_ALIGNMENT.RIGHT)
        p.paragraph_format.space_before = Pt(6)
        r = p.add_run(f"{num}\t{title}\t{time} p.m.")
        r.bold = True
        for s in subs:
            q = d.add_paragraph(s)
            q.paragraph_format.left_indent = Cm(1.0 if s[1] == "." else 1.5)
        if title == "Consent Agenda":
            q = d.add_paragraph("The following items are approved together by one motion unless a trustee asks that an item be removed.")
            q.paragraph_format.left_indent = Cm(1.0)
            _table(d, ["Item", "Description", "Recommendation"],
                   [["5.1", "Minutes of the Regular Meeting, Feb. 13, 2024", "Approve"],
                    ["5.2", "Minutes of the Audit Committee, Feb. 20, 2024", "Receive"],
                    ["5.3", "Field trip: Gr. 11 history, Ottawa, May 2–4", "Approve"],
                    ["5.4", "Donation of $2,500 from the Rotary Club", "Accept with thanks"]])
    src = tmpdir() / "kind_agenda_docx.docx"
    d.save(src)
    convert(out, src)


def splits(out):
    from docx import Document
    from docx.shared import Pt
    g = Gen(17)
    d = Document()
    d.styles["Normal"].font.name = "Liberation Serif"
    d.styles["Normal"].font.size = Pt(11)
    for k in range(4):
        d.add_heading(f"Test page {k + 1}", 1)
        for s in SPLIT_TEST[k * 3:(k + 1) * 3] + SPLIT_TEST:
            d.add_paragraph(s + " " + g.para("en", 1))
        d.add_paragraph(SPLIT_LIST[0])
        for x in SPLIT_LIST[1:4]:
            d.add_paragraph(x[3:], style="List Number")
        d.add_paragraph(SPLIT_LIST[4])
        for x in SPLIT_LIST[5:8]:
            d.add_paragraph(x)  # typed "a) ..."
        d.add_paragraph(SPLIT_LIST[8])
        d.add_paragraph(SPLIT_LIST[9])
        if k < 3:
            d.add_page_break()
    src = tmpdir() / "kind_splits_docx.docx"
    d.save(src)
    convert(out, src)


BUILDERS = {"kind_plan_docx": plan, "kind_agenda_docx": agenda, "kind_splits_docx": splits}

if __name__ == "__main__":
    main(BUILDERS)
