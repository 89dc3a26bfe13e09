"""WeasyPrint (CSS Paged Media): a running head and "Page n of N" in @page margin boxes, CSS
footnotes (float: footnote), a float:right box, a table with a rowspan, justified hyphenated text;
one column and two (columns: 2, headings spanning both)."""
import html

import weasyprint

from common import headings, main, paragraphs

E = html.escape
CSS = """@page{size:A4;margin:2cm 1.8cm;@top-right{content:"Mali's Tragic But Persistent Status Quo";font-size:8pt}
@bottom-center{content:"Page " counter(page) " of " counter(pages);font-size:8pt}}
body{font-family:'DejaVu Serif';font-size:10pt} .cols{columns:2;column-gap:1.2em;text-align:justify;hyphens:auto}
h2{column-span:all;font-size:14pt} .fn{float:footnote;font-size:8pt} .side{float:right;width:40%;font-size:8pt;border:1px solid #555;padding:4pt;margin:0 0 4pt 6pt}
table{border-collapse:collapse;width:100%} td,th{border:1px solid #333;padding:3pt;font-size:9pt;vertical-align:top}"""


def table(ps, k):
    def first(r):
        return "<td rowspan=2>Platform</td>" if r == 0 else "" if r == 1 else f"<td>Group {r}</td>"
    return ("<table><tr><th>Group</th><th>Region</th><th>Description</th></tr>" + "".join(
        f"<tr>{first(r)}<td>{['Kidal', 'Gao', 'Mopti', 'Ségou'][r]}</td><td>{E(ps[(k + r) % len(ps)][:260])}</td></tr>"
        for r in range(4)) + "</table>")


def build(out, name, cols):
    ps, hs, k = paragraphs(), headings(), 0
    parts = [f"<html lang=en><head><meta charset=utf-8><style>{CSS}</style></head><body><h1>{E(hs[0])}</h1>"]
    for sec in range(6):
        parts.append(f"<h2>{E(hs[(sec + 1) % len(hs)])}</h2><div class='{'cols' if cols else ''}'>")
        for j in range(7):
            p = E(ps[k])
            k += 1
            if j == 2:
                p = p.replace(". ", f".<span class=fn>{E(ps[(k + 60) % len(ps)][:220])}</span> ", 1)
            if j == 4 and sec % 2 == 0:
                parts.append(f"<div class=side><b>Box.</b> {E(ps[(k + 80) % len(ps)][:380])}</div>")
            parts.append(f"<p>{p}</p>")
        parts.append("</div>")
        if sec == 2:
            parts.append(table(ps, k))
    weasyprint.HTML(string="".join(parts) + "</body></html>").write_pdf(out / f"{name}.pdf")


BUILDERS = {"weasy_1col_footnotes": lambda out: build(out, "weasy_1col_footnotes", False),
            "weasy_2col_footnotes": lambda out: build(out, "weasy_2col_footnotes", True)}

if __name__ == "__main__":
    main(BUILDERS)
