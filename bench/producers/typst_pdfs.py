"""Typst (the compiler's Python bindings, PyPI `typst`): a report with numbered headings, an outline
(table of contents with dot leaders), footnotes, a table and a figure with its caption; two page
columns with footnotes and a figure spanning both; notes placed in a wide outer margin beside the
text, with running heads; landscape pages (flipped, not /Rotate) holding a four-column grid."""
import re

from common import headings, main, paragraphs, tmpdir


def esc(s):
    return re.sub(r"([\\#*_$@<>\[\]`~/=+\-])", r"\\\1", s)


def body(n, start, fn_every=0, sec_every=6, level=1):
    ps, hs, parts = paragraphs(n, start), headings(), []
    for i, p in enumerate(ps):
        if sec_every and i % sec_every == 0:
            parts.append("=" * level + " " + esc(hs[(i // sec_every) % len(hs)]))
            if i and i % (2 * sec_every) == sec_every:
                parts.append("==" + " " + esc(ps[(i + 3) % len(ps)].split(",")[0][:60]))
        p = esc(p)
        if fn_every and i % fn_every == 1:
            k = p.find(". ") + 1 or len(p)
            p = p[:k] + f"#footnote[{esc(ps[(i + 7) % len(ps)][:260])}]" + p[k:]
        parts.append(p)
    return "\n\n".join(parts)


TABLE = """#figure(caption: [Armed groups by region and year of the ceasefire],
  table(columns: 4, stroke: 0.5pt, align: left,
    [*Group*], [*Region*], [*Founded*], [*Position*],
    [MNLA], [Kidal], [2011], [Signatory of the Algiers accord, member of the CMA],
    [GATIA], [Gao], [2014], [Pro-government militia within the Platform],
    [HCUA], [Kidal], [2013], [Signatory, close to the Ifoghas leadership],
    [Dan Na Ambassagou], [Mopti], [2016], [Dozo militia, not a signatory],
  ))
"""

FIGURE = """#figure(rect(width: 70%, height: 4cm, stroke: 0.5pt)[#align(center + horizon)[Map of central Mali]],
  caption: [Areas of intercommunal violence in the Mopti and Segou regions, 2015 to 2018])
"""


def report():
    return ("""#set page(paper: "a4", margin: 2.5cm, numbering: "1",
  header: context { if counter(page).get().first() > 1 [_Mali's Tragic But Persistent Status Quo_ #h(1fr) RLS] })
#set text(font: "DejaVu Serif", size: 10.5pt, lang: "en")
#set par(justify: true)
#set heading(numbering: "1.1")
#align(center, text(17pt)[*Mali's Tragic But Persistent Status Quo*])
#align(center)[Alexander Thurston]
#outline(indent: auto)
#pagebreak()
""" + body(18, 0, fn_every=3, sec_every=4) + "\n\n" + TABLE + "\n\n" + body(10, 18, fn_every=4, sec_every=5)
        + "\n\n" + FIGURE + "\n\n" + body(10, 28, fn_every=3, sec_every=5))


def twocol():
    return ("""#set page(paper: "us-letter", margin: (x: 1.6cm, y: 2cm), columns: 2, numbering: "1 / 1")
#set columns(gutter: 0.8cm)
#set text(font: "Liberation Serif", size: 10pt)
#set par(justify: true, first-line-indent: 1em)
#set heading(numbering: "I.A.")
#place(top + center, scope: "parent", float: true)[#text(16pt)[*Politics That Enable Violence in Mali*] \\ #v(2pt) Research paper]
""" + body(16, 40, fn_every=3, sec_every=4) + "\n\n" + FIGURE.replace("#figure(", "#figure(placement: top, scope: \"parent\", ")
        + "\n\n" + body(16, 56, fn_every=4, sec_every=5))


def margin_notes():
    ps = paragraphs(30, 72)
    notes = []
    for i, p in enumerate(ps):
        if i % 6 == 0:
            notes.append("= " + esc(headings()[(i // 6) % len(headings())]))
        note = ""
        if i % 3 == 1:
            note = (f"#place(right, dx: 5.2cm, block(width: 4.2cm, text(size: 8pt, fill: rgb(\"#444\"))"
                    f"[{esc(ps[(i + 5) % len(ps)][:150])}]))")
        notes.append(note + esc(p))
    return ("""#set page(paper: "a4", margin: (left: 2cm, right: 6.5cm, y: 2.5cm),
  header: [#set text(8pt); Rosa Luxemburg Stiftung #h(1fr) Research Papers],
  footer: context [#set text(8pt); #h(1fr) #counter(page).display() #h(1fr)])
#set text(font: "Liberation Sans", size: 10pt)
#set par(justify: false, leading: 0.7em, spacing: 1.1em)
""" + "\n\n".join(notes))


def landscape():
    rows = []
    for k, p in enumerate(paragraphs(24, 100)):
        s = p.split(". ")
        rows.append(f"[{['Kidal', 'Gao', 'Mopti', 'Segou', 'Timbuktu'][k % 5]}], [{esc(s[0][:160])}.], "
                    f"[{esc((s[1] if len(s) > 1 else p)[:160])}], [{2012 + k % 7}]")
    return ("""#set page(paper: "a4", flipped: true, margin: 1.8cm, numbering: "1")
#set text(font: "DejaVu Sans", size: 9pt)
= Incidents and responses by region
#table(columns: (2.5cm, 1fr, 1fr, 1.6cm), stroke: 0.4pt, inset: 5pt,
  table.header([*Region*], [*Event*], [*Response*], [*Year*]),
""" + ",\n".join(rows) + ")\n\n" + body(8, 130, sec_every=0))


DOCS = {"typst_report_outline": report, "typst_2col_footnotes": twocol, "typst_margin_notes": margin_notes,
        "typst_landscape_table": landscape}


def build(out, name):
    import typst
    d = tmpdir()
    (d / f"{name}.typ").write_text(DOCS[name](), encoding="utf-8")
    typst.compile(str(d / f"{name}.typ"), output=str(out / f"{name}.pdf"))


BUILDERS = {name: (lambda out, name=name: build(out, name)) for name in DOCS}

if __name__ == "__main__":
    main(BUILDERS)
