"""LibreOffice Writer, headless: a flat ODT made here (header and footer with page fields, footnotes
and endnotes, a two- and a three-column section, a text frame floating beside the text, a table
with merged cells, a drop cap, small caps, lists, hidden text) exported as it is and as tagged
PDF/A-2b; a .docx made with python-docx (a PAGE field in the header, two- and three-column
sections, a column rule, merged cells, a numbered list) converted to PDF."""
import html

from common import headings, main, paragraphs, run, tmpdir

E = html.escape
NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
      'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text"')
STYLES = """<office:font-face-decls><style:font-face style:name="Liberation Serif" svg:font-family="'Liberation Serif'"/></office:font-face-decls>
<office:styles><style:default-style style:family="paragraph"><style:text-properties style:font-name="Liberation Serif" fo:font-size="11pt" fo:language="en" fo:country="GB" fo:hyphenate="true"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph"/>
<style:style style:name="Body" style:family="paragraph"><style:paragraph-properties fo:text-align="justify" fo:margin-bottom="0.2cm"/></style:style>
<style:style style:name="H1" style:family="paragraph" style:default-outline-level="1"><style:paragraph-properties fo:margin-top="0.4cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"/><style:text-properties fo:font-size="15pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Drop" style:family="paragraph" style:parent-style-name="Body"><style:paragraph-properties><style:drop-cap style:lines="3" style:length="1" style:distance="0.1cm"/></style:paragraph-properties></style:style>
<style:style style:name="Small" style:family="paragraph"><style:text-properties fo:font-size="8pt"/></style:style>
<style:style style:name="SC" style:family="text"><style:text-properties fo:font-variant="small-caps"/></style:style>
<style:style style:name="Hidden" style:family="text"><style:text-properties text:display="none"/></style:style>
</office:styles>
<office:automatic-styles>
<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2cm" fo:margin-right="2cm"/>
<style:header-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-bottom="0.3cm"/></style:header-style><style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.3cm"/></style:footer-style></style:page-layout>
<style:style style:name="Sect2" style:family="section"><style:section-properties><style:columns fo:column-count="2" fo:column-gap="0.6cm"/></style:section-properties></style:style>
<style:style style:name="Sect3" style:family="section"><style:section-properties><style:columns fo:column-count="3" fo:column-gap="0.4cm"><style:column-sep style:width="0.02cm" style:color="#000000" style:height="100%"/></style:columns></style:section-properties></style:style>
<style:style style:name="fr1" style:family="graphic"><style:graphic-properties style:wrap="parallel" style:horizontal-pos="right" style:horizontal-rel="paragraph" style:vertical-pos="top" style:vertical-rel="paragraph" fo:border="0.05pt solid #000000" fo:padding="0.15cm" fo:background-color="#eeeeee"/></style:style>
<style:style style:name="Tbl" style:family="table"><style:table-properties style:width="17cm" table:align="margins"/></style:style>
<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:border="0.5pt solid #000000" fo:padding="0.1cm"/></style:style>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1">
<style:header><text:p text:style-name="Small">RLS Research Papers on Peace and Conflict Studies — Mali's Tragic But Persistent Status Quo</text:p></style:header>
<style:footer><text:p text:style-name="Small">Page <text:page-number text:select-page="current"/> of <text:page-count/></text:p></style:footer>
</style:master-page></office:master-styles>"""

def doc():
    ps, hs = paragraphs(None, 0), headings()
    k = notes = 0

    def P(style="Body", fn=False, en=False, sc=False, hidden=False):
        nonlocal k, notes
        t = E(ps[k % len(ps)])
        k += 1
        if sc:
            w = t.split(" ", 2)
            t = f'<text:span text:style-name="SC">{w[0]} {w[1]}</text:span> {w[2]}'
        if fn or en:
            notes += 1
            cls = "endnote" if en else "footnote"
            cut = t.find(". ") + 1 or len(t)
            t = t[:cut] + f'<text:note text:id="n{notes}" text:note-class="{cls}"><text:note-citation>{notes}</text:note-citation><text:note-body><text:p text:style-name="Small">{E(ps[(k+50) % len(ps)][:240])}</text:p></text:note-body></text:note>' + t[cut:]
        if hidden:
            t += ' <text:span text:style-name="Hidden">HIDDENWORD secret draft remark not printed</text:span>'
        return f'<text:p text:style-name="{style}">{t}</text:p>'

    def H(i):
        return f'<text:h text:style-name="H1" text:outline-level="1">{E(hs[i % len(hs)])}</text:h>'
    body = [H(1), P("Drop", sc=True), P(fn=True), P(hidden=True), P(en=True)]
    # a frame beside the text
    body.append(f'<text:p text:style-name="Body"><draw:frame draw:style-name="fr1" draw:name="Box1" text:anchor-type="paragraph" svg:width="7cm" draw:z-index="0"><draw:text-box fo:min-height="3cm"><text:p text:style-name="Small">{E(ps[90][:600])}</text:p></draw:text-box></draw:frame>{E(ps[k])}</text:p>')
    k += 1
    body += [P(fn=True), P()]
    body.append('<text:list><text:list-item>' + '</text:list-item><text:list-item>'.join(f'<text:p text:style-name="Body">{E(s.strip())}.</text:p>' for s in ps[k].split(". ")[:5]) + '</text:list-item></text:list>')
    k += 1
    body += [H(2), '<text:section text:style-name="Sect2" text:name="S2">'] + [P(fn=(j % 3 == 0)) for j in range(14)] + ['</text:section>']
    # table with merged cells
    rows = ['<table:table-row><table:table-cell table:style-name="Cell" table:number-columns-spanned="2"><text:p>Armed group and region</text:p></table:table-cell><table:covered-table-cell/><table:table-cell table:style-name="Cell"><text:p>Description</text:p></table:table-cell></table:table-row>']
    for j, (g, r) in enumerate([("MNLA", "Kidal"), ("GATIA", "Gao"), ("MUJWA", "Gao"), ("Ansar Dine", "Kidal"), ("Katiba Macina", "Mopti")]):
        span = ' table:number-rows-spanned="2"' if j == 1 else ""
        cell1 = f'<table:table-cell table:style-name="Cell"{span}><text:p>{g}</text:p></table:table-cell>' if j != 2 else '<table:covered-table-cell/>'
        rows.append(f'<table:table-row>{cell1}<table:table-cell table:style-name="Cell"><text:p>{r}</text:p></table:table-cell><table:table-cell table:style-name="Cell"><text:p>{E(ps[(j*7+30) % len(ps)][:300])}</text:p></table:table-cell></table:table-row>')
    body += [H(3), '<table:table table:name="T1" table:style-name="Tbl"><table:table-column/><table:table-column/><table:table-column/>' + "".join(rows) + '</table:table>']
    body += [P(), P(fn=True), H(4), '<text:section text:style-name="Sect3" text:name="S3">'] + [P(fn=(j % 4 == 1)) for j in range(18)] + ['</text:section>']
    body += [H(5), '<text:list>' + "".join(f'<text:list-item><text:p text:style-name="Body">{E(ps[(k+j) % len(ps)][:350])}</text:p></text:list-item>' for j in range(8)) + '</text:list>']
    k += 8
    body += [P(en=True) for _ in range(4)] + [P() for _ in range(6)]
    return f'<?xml version="1.0" encoding="UTF-8"?><office:document {NS}>{STYLES}<office:body><office:text>' + "".join(body) + '</office:text></office:body></office:document>'

EXPORTS = {"lo_fodt_mixed": "pdf",
           "lo_fodt_mixed_tagged_pdfa": 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"},'
                                        '"UseTaggedPDF":{"type":"boolean","value":"true"}}'}


def convert(out, src, export="pdf"):
    run(["soffice", "--headless", f"-env:UserInstallation=file://{src.parent}/profile", "--convert-to", export,
         "--outdir", out, src])
    if not (out / (src.stem + ".pdf")).exists():
        raise RuntimeError("soffice wrote no PDF")


def fodt(out, name):
    src = tmpdir() / f"{name}.fodt"
    src.write_text(doc(), encoding="utf-8")
    convert(out, src, EXPORTS[name])


def section_columns(section, n, space, rule=False):
    """A python-docx section set in n columns, `space` twentieths of a point apart (w:cols)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    c = section._sectPr.find(qn("w:cols"))
    if c is None:
        c = OxmlElement("w:cols")
        section._sectPr.append(c)
    c.set(qn("w:num"), str(n))
    c.set(qn("w:space"), str(space))
    if rule:
        c.set(qn("w:sep"), "1")


def docx(out):
    from docx import Document
    from docx.enum.section import WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    def columns(section, n, rule=False):
        section_columns(section, n, 340, rule)

    def justified(text):
        p = d.add_paragraph(text)
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        return p

    ps, hs = iter(paragraphs()), headings()
    d = Document()
    d.styles["Normal"].font.name = "Liberation Serif"
    d.styles["Normal"].font.size = Pt(10.5)
    head = d.sections[0].header.paragraphs[0]
    head.text = "Mali's Tragic But Persistent Status Quo — page "
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    head.add_run()._r.append(field)
    d.add_heading(hs[1], 1)
    for _ in range(6):
        w = next(ps).split(" ", 2)
        p = justified("")
        p.add_run(w[0] + " " + w[1] + " ").font.small_caps = True
        p.add_run(w[2])
    for n, rule, count in ((2, False, 12), (3, True, 15)):
        columns(d.add_section(WD_SECTION.CONTINUOUS), n, rule)
        d.add_heading(hs[n], 2)
        for _ in range(count):
            justified(next(ps))
    columns(d.add_section(WD_SECTION.NEW_PAGE), 1)
    t = d.add_table(rows=5, cols=3)
    t.style = "Table Grid"
    t.cell(0, 0).merge(t.cell(0, 1)).text = "Group and region"
    t.cell(0, 2).text = "Description"
    for j, (group, region) in enumerate((("MNLA", "Kidal"), ("GATIA", "Gao"), ("MUJWA", "Gao"), ("Ansar Dine", "Kidal")), 1):
        t.cell(j, 0).text, t.cell(j, 1).text, t.cell(j, 2).text = group, region, next(ps)[:300]
    t.cell(2, 1).merge(t.cell(3, 1))
    for _ in range(8):
        d.add_paragraph(next(ps)[:400], style="List Number")
    for _ in range(10):
        d.add_paragraph(next(ps))
    src = tmpdir() / "docx_lo_sections.docx"
    d.save(src)
    convert(out, src)

BUILDERS = {"lo_fodt_mixed": lambda out: fodt(out, "lo_fodt_mixed"),
            "lo_fodt_mixed_tagged_pdfa": lambda out: fodt(out, "lo_fodt_mixed_tagged_pdfa"),
            "docx_lo_sections": docx}

if __name__ == "__main__":
    main(BUILDERS)
