"""PyMuPDF (PyPI `pymupdf`): a Story (HTML laid out by MuPDF) flowed into two rectangles a page,
with headings, lists and a table; text written one line at a time with insert_text (core Helvetica,
lines wrapped here, each page's footer and page number written before its body); justified
insert_textbox paragraphs in a Type 1 core font (Times); insert_htmlbox into a main box and a
shaded sidebar box on each page; two columns written line by line whose baselines are never level."""
import html

from common import headings, main, paragraphs


def story_2col(out):
    import pymupdf
    ps, hs = paragraphs(40, 20), headings()
    parts = [f"<h1>{html.escape(hs[0])}</h1>"]
    for i, p in enumerate(ps):
        if i % 6 == 0:
            parts.append(f"<h2>{html.escape(hs[(i // 6 + 6) % len(hs)])}</h2>")
        if i % 9 == 4:
            items = [s.strip() for s in p.split(". ") if len(s) > 15][:4]
            parts.append("<ul>" + "".join(f"<li>{html.escape(s)}.</li>" for s in items) + "</ul>")
        elif i % 13 == 7:
            parts.append("<table border='1' cellpadding='3'><tr><th>Actor</th><th>Role</th></tr>"
                         + "".join(f"<tr><td>{a}</td><td>{html.escape(s[:90])}</td></tr>"
                                   for a, s in zip(("MNLA", "GATIA", "HCUA"), p.split(". ")))
                         + "</table>")
        else:
            parts.append(f"<p>{html.escape(p)}</p>")
    css = "body {font-family: serif; font-size: 10pt; text-align: justify;} h2 {font-size: 12pt;}"
    story = pymupdf.Story(html="".join(parts), user_css=css)
    writer = pymupdf.DocumentWriter(str(out / "pymupdf_story_2col.pdf"))
    page_rect = pymupdf.paper_rect("a4")
    cols = [pymupdf.Rect(50, 60, 290, 790), pymupdf.Rect(305, 60, 545, 790)]
    more, k = True, 0
    while more:
        if k % 2 == 0:
            device = writer.begin_page(page_rect)
        more, _ = story.place(cols[k % 2])
        story.draw(device)
        if k % 2 == 1 or not more:
            writer.end_page()
        k += 1
    writer.close()


def wrap(text, font, size, width):
    import pymupdf
    lines, line = [], ""
    for w in text.split():
        t = (line + " " + w).strip()
        if pymupdf.get_text_length(t, fontname=font, fontsize=size) > width and line:
            lines.append(line)
            line = w
        else:
            line = t
    return lines + ([line] if line else [])


def insert_text_lines(out):
    import pymupdf
    doc = pymupdf.open()
    ps, hs = paragraphs(45, 60), headings()
    blocks = []
    for i, p in enumerate(ps):
        if i % 7 == 0:
            blocks.append(("hebo", 13, hs[(i // 7 + 7) % len(hs)]))
        blocks.append(("helv", 10, p))
    page, y = None, 0
    for font, size, text in blocks:
        for line in wrap(text, font, size, 480):
            if page is None or y > 780:
                page = doc.new_page()
                page.insert_text((297 - 10, 815), f"{doc.page_count}", fontname="helv", fontsize=9)
                page.insert_text((57, 815), "RLS Research Papers - Mali", fontname="helv", fontsize=8)
                y = 60
            page.insert_text((57, y), line, fontname=font, fontsize=size)
            y += size * 1.35
        y += 8
    doc.save(out / "pymupdf_insert_text_lines.pdf")


def textbox_justify(out):
    import pymupdf
    doc = pymupdf.open()
    ps = paragraphs(30, 90)
    page, y = None, 0
    for p in ps:
        need = len(wrap(p, "tiro", 11, 460)) * 11 * 1.25 + 20
        if page is None or y + need > 790:
            page = doc.new_page()
            y = 50
        rect = pymupdf.Rect(65, y, 530, y + need)
        left = page.insert_textbox(rect, p, fontname="tiro", fontsize=11, align=pymupdf.TEXT_ALIGN_JUSTIFY)
        y += need - max(left, 0) + 6
    doc.save(out / "pymupdf_textbox_justify.pdf")


def htmlbox_sidebar(out):
    import pymupdf
    doc = pymupdf.open()
    ps, hs = paragraphs(36, 110), headings()
    for k in range(0, len(ps), 4):
        page = doc.new_page()
        main_html = f"<h2>{html.escape(hs[(k // 4) % len(hs)])}</h2>" + "".join(
            f"<p>{html.escape(p)}</p>" for p in ps[k:k + 3])
        page.insert_htmlbox(pymupdf.Rect(40, 50, 390, 800), main_html,
                            css="* {font-family: sans-serif; font-size: 9.5pt;} p {text-align: justify;}")
        page.draw_rect(pymupdf.Rect(405, 50, 560, 600), color=None, fill=(0.9, 0.9, 0.9))
        side = ps[k + 3] if k + 3 < len(ps) else ps[0]
        page.insert_htmlbox(pymupdf.Rect(410, 55, 555, 595),
                            f"<b>In brief</b><p>{html.escape(side[:700])}</p>",
                            css="* {font-family: serif; font-size: 8pt; font-style: italic;}")
    doc.save(out / "pymupdf_htmlbox_sidebar.pdf")


def offset_columns(out):
    """Two columns of the same 10 pt text, written line by line, the right column's baselines half a
    line (6 pt) below the left's, so that no line of one is level with a line of the other (as when
    one column starts under a heading or a list of another spacing)."""
    import pymupdf
    doc = pymupdf.open()
    lines = [("hebo", 12, headings()[6])]
    for p in paragraphs(40, 5):
        lines += [("helv", 10, ln) for ln in wrap(p, "helv", 10, 235)] + [("helv", 10, "")]
    k = 0
    while k < len(lines):
        page = doc.new_page()
        for x, dy in ((50, 0.0), (310, 6.0)):
            y = 70 + dy
            while k < len(lines) and y < 790:
                font, size, text = lines[k]
                if text:
                    page.insert_text((x, y), text, fontname=font, fontsize=size)
                y += 12
                k += 1
        page.insert_text((290, 820), str(doc.page_count), fontname="helv", fontsize=9)
    doc.save(out / "pymupdf_2col_offset_baselines.pdf")


BUILDERS = {"pymupdf_2col_offset_baselines": offset_columns, "pymupdf_story_2col": story_2col, "pymupdf_insert_text_lines": insert_text_lines,
            "pymupdf_textbox_justify": textbox_justify, "pymupdf_htmlbox_sidebar": htmlbox_sidebar}

if __name__ == "__main__":
    main(BUILDERS)
