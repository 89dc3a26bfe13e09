"""LibreOffice, headless, from files made with python-docx and python-pptx: a .docx with a table of
contents field (its entries written in, with dot-leader tab stops and page numbers, as Word leaves
them), Heading 1 and 2 set one right after the other, numbered and bulleted lists, a header and a
footer with PAGE and NUMPAGES fields, and text frames (w:framePr, shaded and bordered) floating at the right margin, the text wrapped
around them (Writer); a
.pptx slide deck with titles, bullet points, a two-column slide and notes-free text boxes
(Impress)."""
from common import headings, main, paragraphs, tmpdir
from libreoffice_pdfs import convert


def field(paragraph, instr):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    f = OxmlElement("w:fldSimple")
    f.set(qn("w:instr"), instr)
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    r.append(t)
    f.append(r)
    paragraph._p.append(f)


def page_x_of_y(foot, alignment):
    """A footer paragraph "Page N of M" (PAGE and NUMPAGES fields)."""
    foot.alignment = alignment
    foot.add_run("Page ")
    field(foot, "PAGE")
    foot.add_run(" of ")
    field(foot, "NUMPAGES")


def toc(d, entries):
    """A TOC field whose result is written in: begin, instr, separate, entries, end."""
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    def fld(p, kind):
        r = p.add_run()
        c = OxmlElement("w:fldChar")
        c.set(qn("w:fldCharType"), kind)
        r._r.append(c)

    d.add_paragraph("Contents", style="Title")
    for k, (level, text, page) in enumerate(entries):
        p = d.add_paragraph(style=f"toc {level}" if f"toc {level}" in [s.name for s in d.styles] else None)
        p.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        p.paragraph_format.tab_stops.add_tab_stop(Cm(16), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        if k == 0:
            fld(p, "begin")
            r = p.add_run()
            it = OxmlElement("w:instrText")
            it.set(qn("xml:space"), "preserve")
            it.text = ' TOC \\o "1-2" \\h \\z \\u '
            r._r.append(it)
            fld(p, "separate")
        run = p.add_run(f"{text}\t{page}")
        run.bold = level == 1
        if k == len(entries) - 1:
            fld(p, "end")


def textbox(d, before, text):
    """A framed paragraph (w:framePr, as Word writes a text frame) floating at the right margin,
    shaded and bordered, the body text wrapped around it; put before the paragraph `before`."""
    from docx.oxml import parse_xml
    W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    ppr = (f'<w:pPr {W}><w:framePr w:w="3200" w:hSpace="200" w:vSpace="100" w:wrap="around" w:vAnchor="text" '
           'w:hAnchor="margin" w:xAlign="right" w:y="1"/><w:pBdr><w:top w:val="single" w:sz="4" w:space="2" w:color="000000"/>'
           '<w:left w:val="single" w:sz="4" w:space="2" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="2" w:color="000000"/>'
           '<w:right w:val="single" w:sz="4" w:space="2" w:color="000000"/></w:pBdr><w:shd w:val="clear" w:color="auto" w:fill="EEEEEE"/></w:pPr>')
    for k, (t, size, bold) in enumerate((("Box: the key point", 18, True), (text, 16, False))):
        p = before.insert_paragraph_before()
        p._p.insert(0, parse_xml(ppr))
        r = p.add_run(t)
        r.bold = bold
        from docx.shared import Pt
        r.font.size = Pt(size / 2)


def docx_toc(out):
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    ps, hs = paragraphs(50, 5), headings()
    d = Document()
    d.styles["Normal"].font.name = "Liberation Sans"
    d.styles["Normal"].font.size = Pt(10)
    sec = d.sections[0]
    sec.header.paragraphs[0].text = "Rosa Luxemburg Stiftung | Research Papers"
    page_x_of_y(sec.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.CENTER)
    plan, k = [], 0
    for part in range(5):
        plan.append((1, hs[6 + part % 5], part + 2))
        plan.append((2, ps[(part * 10 + 3) % len(ps)].split(",")[0][:55], part + 2))
    toc(d, plan)
    d.add_page_break()
    it = iter(ps)
    for part in range(5):
        d.add_heading(plan[2 * part][1], 1)
        d.add_heading(plan[2 * part + 1][1], 2)  # straight after the chapter heading
        for j in range(9):
            p = next(it, None)
            if p is None:
                break
            if j == 2:
                for s in [s for s in p.split(". ") if len(s) > 20][:4]:
                    d.add_paragraph(s.strip() + ".", style="List Number")
            elif j == 5:
                for s in [s for s in p.split(". ") if len(s) > 20][:4]:
                    d.add_paragraph(s.strip() + ".", style="List Bullet")
            else:
                para = d.add_paragraph(p)
                para.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
                if j == 1:
                    textbox(d, para, ps[(k + 17) % len(ps)][:380])
            k += 1
    src = tmpdir() / "docx_toc_textbox.docx"
    d.save(src)
    convert(out, src)


def pptx_deck(out):
    from pptx import Presentation
    from pptx.util import Inches, Pt

    ps, hs = paragraphs(24, 40, minlen=300), headings()
    prs = Presentation()
    s = prs.slides.add_slide(prs.slide_layouts[0])
    s.shapes.title.text = hs[0]
    s.placeholders[1].text = "Alexander Thurston - Rosa Luxemburg Stiftung"
    for k, p in enumerate(ps):
        sents = [x.strip() for x in p.split(". ") if len(x) > 20][:4]
        if k % 4 == 3:  # two columns of bullets
            s = prs.slides.add_slide(prs.slide_layouts[4])
            s.shapes.title.text = hs[(k + 6) % len(hs)]
            bodies = [ph for ph in s.placeholders if ph.placeholder_format.idx in (1, 2, 3, 4)]
            left, right = bodies[1], bodies[3] if len(bodies) > 3 else bodies[-1]
            left.text_frame.text = sents[0] + "."
            right.text_frame.text = (sents[1] if len(sents) > 1 else p[:120]) + "."
        else:
            s = prs.slides.add_slide(prs.slide_layouts[1])
            s.shapes.title.text = hs[(k + 6) % len(hs)]
            tf = s.placeholders[1].text_frame
            tf.text = sents[0] + "."
            for x in sents[1:]:
                para = tf.add_paragraph()
                para.text = x + "."
                para.level = 1 if len(x) < 80 else 0
            for para in tf.paragraphs:
                for r in para.runs:
                    r.font.size = Pt(16)
        box = s.shapes.add_textbox(Inches(0.3), Inches(7.0), Inches(9), Inches(0.4))
        box.text_frame.text = f"RLS Research Papers - slide {k + 2}"
        box.text_frame.paragraphs[0].runs[0].font.size = Pt(9)
    src = tmpdir() / "pptx_impress_deck.pptx"
    prs.save(src)
    convert(out, src)


BUILDERS = {"docx_toc_textbox": docx_toc, "pptx_impress_deck": pptx_deck}

if __name__ == "__main__":
    main(BUILDERS)
