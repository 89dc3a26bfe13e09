"""xhtml2pdf (pisa, on reportlab): HTML with bordered tables, nested ordered and unordered lists,
and @page static frames for a running head and a footer with the page number; and a page of two
content frames (columns) declared with @frame, with a sidebar frame."""
import html

from common import headings, main, paragraphs


def doc(ps, hs, table_every=7):
    parts = []
    for i, p in enumerate(ps):
        if i % 6 == 0:
            parts.append(f"<h2>{html.escape(hs[(i // 6 + 6) % len(hs)])}</h2>")
        sents = [html.escape(s.strip()) for s in p.split(". ") if len(s) > 15]
        if i % table_every == 3:
            parts.append("<table border='1' cellpadding='3' repeat='1'><tr><th>Group</th><th>Region</th><th>Note</th></tr>"
                         + "".join(f"<tr><td>{g}</td><td>{r}</td><td>{s}.</td></tr>"
                                   for g, r, s in zip(("MNLA", "GATIA", "HCUA", "CMA"), ("Kidal", "Gao", "Kidal", "Timbuktu"), sents))
                         + "</table>")
        elif i % 5 == 2 and len(sents) > 2:
            parts.append("<ol>" + "".join(f"<li>{s}.</li>" for s in sents[:2])
                         + f"<li>{sents[2]}.<ul>" + "".join(f"<li>{s}.</li>" for s in sents[3:6]) + "</ul></li></ol>")
        else:
            parts.append(f"<p>{html.escape(p)}</p>")
    return "".join(parts)


def tables_lists(out):
    from xhtml2pdf import pisa
    css = """@page { size: a4; margin: 2.5cm 2cm 2.5cm 2cm;
      @frame header { -pdf-frame-content: head; top: 1cm; left: 2cm; right: 2cm; height: 1cm; }
      @frame footer { -pdf-frame-content: foot; bottom: 1cm; left: 2cm; right: 2cm; height: 1cm; } }
    body { font-family: Helvetica; font-size: 10pt; } p { text-align: justify; }
    #head { font-size: 8pt; color: #555; } #foot { font-size: 8pt; text-align: center; }"""
    src = (f"<html><head><style>{css}</style></head><body>"
           "<div id='head'>Rosa Luxemburg Stiftung - Research Papers</div>"
           "<div id='foot'>Page <pdf:pagenumber> of <pdf:pagecount></div>"
           f"<h1>{html.escape(headings()[0])}</h1>" + doc(paragraphs(40, 30), headings()) + "</body></html>")
    with open(out / "xhtml2pdf_tables_lists.pdf", "wb") as f:
        if pisa.CreatePDF(src, dest=f).err:
            raise RuntimeError("pisa errors")


def frames_2col(out):
    from xhtml2pdf import pisa
    css = """@page { size: letter;
      @frame side { -pdf-frame-content: side; left: 1.5cm; top: 2cm; width: 4cm; height: 23cm; }
      @frame col1 { left: 6cm; top: 2cm; width: 6.5cm; height: 23.5cm; }
      @frame col2 { left: 13.2cm; top: 2cm; width: 6.5cm; height: 23.5cm; } }
    body { font-family: Times-Roman; font-size: 10pt; } #side { font-size: 8pt; font-family: Helvetica; }"""
    src = (f"<html><head><style>{css}</style></head><body>"
           f"<div id='side'><b>Key points</b><p>{html.escape(paragraphs(1, 2)[0])}</p></div>"
           + doc(paragraphs(40, 70), headings(), table_every=11) + "</body></html>")
    with open(out / "xhtml2pdf_frames_2col.pdf", "wb") as f:
        if pisa.CreatePDF(src, dest=f).err:
            raise RuntimeError("pisa errors")


BUILDERS = {"xhtml2pdf_tables_lists": tables_lists, "xhtml2pdf_frames_2col": frames_2col}

if __name__ == "__main__":
    main(BUILDERS)
