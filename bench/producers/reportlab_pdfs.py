"""reportlab: platypus one column; two-column frames; three-column landscape frames; a canvas whose
lines are written bottom line first; a MediaBox away from the origin (moved with pypdf)."""
from reportlab.lib import colors
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, SimpleDocTemplate, Table, TableStyle

from common import headings, main, paragraphs

SS = getSampleStyleSheet()
BODY = ParagraphStyle("b", parent=SS["BodyText"], alignment=TA_JUSTIFY, fontName="Times-Roman", fontSize=10.5, leading=13)


def head_foot(c, doc):
    c.saveState()
    c.setFont("Helvetica", 8)
    c.drawString(2 * cm, A4[1] - 1.2 * cm, "RLS Research Papers on Peace and Conflict Studies")
    c.drawRightString(doc.pagesize[0] - 2 * cm, 1.2 * cm, "Page %d" % doc.page)
    c.restoreState()


def story(paras):
    s, hs = [], headings()
    for i, p in enumerate(paras):
        if i % 6 == 0:
            s.append(Paragraph(hs[(i // 6) % len(hs)], SS["Heading2"]))
        s.append(Paragraph(p, BODY))
        if i == 8:
            data = [["Group", "Region", "Year", "Notes"]] + [
                [f"Actor {k}", ["Kidal", "Gao", "Mopti", "Ségou"][k % 4], str(2012 + k), "Signed the accord"] for k in range(6)]
            t = Table(data)
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), .5, colors.grey), ("SPAN", (2, 1), (2, 2))]))
            s.append(t)
    return s


def one_col(out):
    SimpleDocTemplate(str(out / "rl_platypus_1col.pdf"), pagesize=A4).build(
        story(paragraphs(40)), onFirstPage=head_foot, onLaterPages=head_foot)


def columns(out, name, size, ncol, paras):
    (w_page, h_page), m, gap = size, 1.8 * cm, .6 * cm
    w = (w_page - 2 * m - (ncol - 1) * gap) / ncol
    d = BaseDocTemplate(str(out / name), pagesize=size)
    d.addPageTemplates([PageTemplate(id="p", frames=[Frame(m + k * (w + gap), m, w, h_page - 2 * m) for k in range(ncol)],
                                     onPage=head_foot)])
    d.build(story(paras))


def lines_pages(out, name, paras, font, size, step, draw):
    lines = []
    for p in paras:
        lines += simpleSplit(p, font, size, A4[0] - 4 * cm) + [""]
    per = int((A4[1] - 4 * cm) // step)
    c = canvas.Canvas(str(out / name), pagesize=A4)
    for i in range(0, len(lines), per):
        draw(c, lines[i:i + per])
        c.showPage()
    c.save()


def bottom_up(out):
    """Lines in their places on the page, written in the content stream bottom line first."""
    def draw(c, chunk):
        for j in reversed(range(len(chunk))):
            c.setFont("Times-Roman", 11)
            c.drawString(2 * cm, A4[1] - 2 * cm - j * 14, chunk[j])
    lines_pages(out, "rl_canvas_bottomup.pdf", paragraphs(30, 100), "Times-Roman", 11, 14, draw)


def mediabox_offset(out):
    """MediaBox [200 300 795 1142]: A4, moved away from the origin, the text moved with it."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import RectangleObject

    def draw(c, chunk):
        c.translate(200, 300)
        c.setFont("Helvetica", 10)
        for j, line in enumerate(chunk):
            c.drawString(2 * cm, A4[1] - 2 * cm - j * 13, line)
    path = out / "rl_mediabox_offset.pdf"
    lines_pages(out, path.name, paragraphs(20, 130), "Helvetica", 10, 13, draw)
    r, w = PdfReader(str(path)), PdfWriter()
    for page in r.pages:
        page.mediabox = RectangleObject([200, 300, 200 + A4[0], 300 + A4[1]])
        w.add_page(page)
    w.write(str(path))


BUILDERS = {
    "rl_platypus_1col": one_col,
    "rl_frames_2col": lambda out: columns(out, "rl_frames_2col.pdf", A4, 2, paragraphs(60, 40)),
    "rl_frames_3col_landscape": lambda out: columns(out, "rl_frames_3col_landscape.pdf", landscape(A4), 3, paragraphs(40, 100)),
    "rl_canvas_bottomup": bottom_up,
    "rl_mediabox_offset": mediabox_offset,
}

if __name__ == "__main__":
    main(BUILDERS)
