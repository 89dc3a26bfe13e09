"""Chromium's headless print to PDF: CSS three columns with floated boxes, small caps, a drop cap and
position:fixed head and foot lines repeated on each page; text drawn in SVG; a position:absolute
column of side notes in the left margin."""
import html
import re
import textwrap

from common import headings, main, paragraphs, run, tmpdir

E = html.escape


def print_pdf(out, name, page):
    f = tmpdir() / f"{name}.html"
    f.write_text(page, encoding="utf-8")
    run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={out / (name + '.pdf')}", f])


def three_columns(out):
    ps, hs = paragraphs(45, 20), headings()
    css = """body{font-family:'DejaVu Serif';font-size:10pt;margin:0}
  .fixed-h{position:fixed;top:0;left:0;right:0;font-size:8pt;border-bottom:1px solid #888}
  .fixed-f{position:fixed;bottom:0;right:0;font-size:8pt}
  main{column-count:3;column-gap:1.2em;text-align:justify;hyphens:auto;padding-top:2em}
  h2{column-span:all;font-size:13pt}
  p:first-of-type::first-letter{float:left;font-size:3em;line-height:.8;padding-right:.1em}
  .side{float:right;width:45%;font-size:8pt;border:1px solid #444;margin:.3em;padding:.3em}
  .sc{font-variant:small-caps}"""
    parts = [f"<html lang=en><head><meta charset=utf-8><style>{css}</style></head><body>"
             "<div class=fixed-h>Mali's Tragic But Persistent Status Quo — RLS Research Papers</div>"
             "<div class=fixed-f>Rosa Luxemburg Stiftung</div><main>"]
    for i, p in enumerate(ps):
        if i % 9 == 0:
            parts.append(f"<h2>{E(hs[(i // 9) % len(hs)])}</h2>")
        if i % 5 == 3:
            parts.append(f"<div class=side><b>Box.</b> {E(ps[(i + 20) % len(ps)][:400])}</div>")
        w = E(p).split(" ", 3)
        parts.append(f"<p><span class=sc>{' '.join(w[:3])}</span> {w[3] if len(w) > 3 else ''}</p>")
    print_pdf(out, "chr_css_3col_fixed", "".join(parts) + "</main></body></html>")


def svg_text(out):
    ps = paragraphs(45, 20)
    parts = ["<html lang=en><head><meta charset=utf-8><style>body{font-family:'DejaVu Sans';font-size:10pt} "
             "svg{display:block;margin:1em 0}</style></head><body>"]
    for k, p in enumerate(ps[:24]):
        lines = textwrap.wrap(p, 90)
        text = "".join(f'<text x="10" y="{18 * (j + 1)}" font-size="13">{E(line)}</text>' for j, line in enumerate(lines))
        parts.append(f'<p>{E(ps[(k + 24) % len(ps)])}</p><svg width="720" height="{18 * len(lines) + 8}">{text}</svg>')
    print_pdf(out, "chr_svg_text", "".join(parts) + "</body></html>")


def side_notes(out):
    ps = [re.sub(r"<[^>]*>", "", p).replace("%", " per cent").replace("&", "and").replace("$", "").replace("#", "")
          .replace("_", " ") for p in paragraphs(30, 60)]
    side = "".join(f"<div class=note style='top:{80 + 260 * j}px'>{E(ps[20 + j][:260])}</div>" for j in range(6))
    body = "".join(f"<p>{E(p)}</p>" for p in ps[:14])
    print_pdf(out, "chr_abs_sidenotes", f"""<html><head><meta charset=utf-8><style>body{{font-family:'Liberation Sans';font-size:11pt;margin:0 0 0 6cm;position:relative}}
.note{{position:absolute;left:-5.6cm;width:5cm;font-size:7.5pt;color:#333}} p{{text-align:justify}}</style></head><body>{side}{body}</body></html>""")


BUILDERS = {"chr_css_3col_fixed": three_columns, "chr_svg_text": svg_text, "chr_abs_sidenotes": side_notes}

if __name__ == "__main__":
    main(BUILDERS)
