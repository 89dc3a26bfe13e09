"""Document kinds (issue 13's held-out set), more producers: Typst (a software manual with a
breadcrumb running head, numbered procedures, code blocks, an options table and note boxes; a
municipal plan in French with an outline, two columns of bilingual text and a table without
rulings), reportlab's canvas (a one-page government application form drawn field by field: labels
above boxes, check boxes, a boxed instruction, small print in two columns, the form number turned
in the left margin). Text from kinds_text.py (invented)."""
from common import main, tmpdir
from kinds_text import CHAPTERS, Gen
from typst_pdfs import esc


def typst_manual(out):
    g = Gen(71)
    src = ["""#set page(paper: "us-letter", margin: 2cm, header: context [#set text(8pt, fill: gray); Home › Admin Guide › #h(0.2em) Backups #h(1fr) v5.2], footer: context [#set text(8pt); #h(1fr) #counter(page).display("1")])
#set text(font: "Liberation Sans", size: 10pt)
#set heading(numbering: "1.1")
#let note(kind, body) = block(fill: luma(235), stroke: (left: 3pt + blue), inset: 6pt, width: 100%)[*#kind:* #body]
= Backups and restore"""]
    src.append(esc(g.para("en", 4)))
    src.append("== Creating a backup\n\nTo back up a server:\n\n+ Stop the ingest service: `sudo systemctl stop rg-ingest`.\n+ Run the backup tool with the target folder.\n+ Check that the archive is listed by `rg-backup list`.\n+ Start the service again.")
    src.append("```\n$ sudo rg-backup create --target /srv/backups --compress zstd\nCreating snapshot 2024-03-12T02:00:01Z ... done (1.2 GB)\n$ rg-backup list\nID   DATE                  SIZE\n17   2024-03-12 02:00:01   1.2G\n```")
    src.append("#note[Note][" + esc(g.para("en", 2)) + "]")
    src.append("== Command options\n\n#table(columns: (auto, 1fr), stroke: none, align: left, table.hline(), [*Option*], [*Meaning*], table.hline(),"
               + ", ".join(f"[`{a}`], [{esc(b)}]" for a, b in [("--target DIR", "Where to write the archive."), ("--compress ALG", "One of none, gzip or zstd (the default)."),
                                                                ("--keep N", "Keep the N newest archives and delete the others."), ("--dry-run", "Print what would be done, e.g. the files, but do not write.")])
               + ", table.hline())")
    for s in ["Restoring", "Scheduling", "Troubleshooting"]:
        src.append(f"== {s}\n\n" + esc(g.para("en", 4)) + "\n\n" + esc(g.para("en", 3)))
        src.append("#note[Warning][" + esc(g.para("en", 1)) + "]")
        src.append("+ " + "\n+ ".join(esc(g.para("en", 1)) for _ in range(3)))
    import typst
    f = tmpdir() / "m.typ"
    f.write_text("\n\n".join(src), encoding="utf-8")
    (out / "kind_manual_typst.pdf").write_bytes(typst.compile(str(f)))


def typst_plan(out):
    g = Gen(81)
    src = ["""#set page(paper: "a4", margin: 2.2cm, header: context [#set text(8pt); Schéma d'aménagement — Land Use Plan #h(1fr) Ville de Lakeshore], footer: context [#set text(8pt); #h(1fr) Page #counter(page).display() de #counter(page).final().first()])
#set text(font: "Liberation Serif", size: 10.5pt, lang: "fr")
#set heading(numbering: "1.1")
#set par(justify: true)
#outline(title: [Table des matières / Contents])
#pagebreak()"""]
    for c, (en, fr) in enumerate(CHAPTERS[:6]):
        src.append(f"= {esc(fr)} / {esc(en)}")
        src.append(esc(g.para("fr", 4)))
        src.append(f"== Orientations {c + 1}")
        src.append("#columns(2)[" + esc(g.para("fr", 4)) + "\n\n#colbreak()\n\n#text(lang: \"en\")[" + esc(g.para("en", 4)) + "]]")
        if c % 2 == 0:
            src.append(f"#figure(caption: [Objectifs {c + 1} / Targets {c + 1}], table(columns: 4, stroke: none, align: (left, right, right, right), [*Indicateur*], [*2016*], [*2021*], [*Cible 2044*], "
                       + ", ".join(f"[{esc(t)}], [{g.r.randint(100, 999)}], [{g.r.randint(100, 999)}], [{g.r.randint(100, 999)}]" for t in ["Logements", "Emplois", "Parcs (ha)", "Arbres plantés"]) + "))")
        src.append(esc(g.para("fr", 4)) + "\n\n" + esc(g.para("en", 4)))
    import typst
    f = tmpdir() / "p.typ"
    f.write_text("\n\n".join(src), encoding="utf-8")
    (out / "kind_plan_typst.pdf").write_bytes(typst.compile(str(f)))


def rl_form(out):
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas
    W, H = letter
    c = canvas.Canvas(str(out / "kind_form_reportlab.pdf"), pagesize=letter)
    c.saveState()
    c.translate(30, 300)
    c.rotate(90)
    c.setFont("Helvetica", 7)
    c.drawString(0, 0, "Form SF-424 (Rev. 12-2022)  OMB No. 4040-0004  Expiration Date: 11/30/2025")
    c.restoreState()
    c.setFont("Helvetica-Bold", 13)
    c.drawCentredString(W / 2, H - 50, "APPLICATION FOR FEDERAL ASSISTANCE SF-424")
    c.setFont("Helvetica", 8)
    c.drawRightString(W - 40, H - 64, "OMB Number: 4040-0004")
    y = H - 90
    c.setFont("Helvetica-Bold", 9)
    c.drawString(50, y, "* 1. Type of Submission:")
    c.drawString(250, y, "* 2. Type of Application:")
    c.setFont("Helvetica", 9)
    for i, (a, b) in enumerate([("Preapplication", "New"), ("Application", "Continuation"), ("Changed/Corrected Application", "Revision")]):
        yy = y - 14 - 13 * i
        c.rect(52, yy - 1, 8, 8)
        c.drawString(64, yy, a)
        c.rect(252, yy - 1, 8, 8)
        c.drawString(264, yy, b)
    c.drawString(56 - 2, y - 14, "X") if False else None
    y -= 62
    for label, value, x, w in [("* 3. Date Received:", "03/14/2024", 50, 150), ("4. Applicant Identifier:", "LSK-2024-017", 220, 150), ("5a. Federal Entity Identifier:", "", 390, 170),
                               ("* a. Legal Name:", "City of Lakeshore, Department of Planning", 50, 320), ("* b. Employer/Taxpayer Identification Number (EIN/TIN):", "98-7654321", 390, 170),
                               ("* Street1:", "1200 Lakeshore Blvd.", 50, 250), ("* City:", "Lakeshore", 320, 120), ("* State:", "ON", 460, 100),
                               ("* Name and contact information of person to be contacted on matters involving this application:", "Dr. Marie-Claude Tremblay, Director", 50, 510)]:
        c.setFont("Helvetica", 7.5)
        c.drawString(x, y, label)
        c.rect(x, y - 20, w, 16)
        c.setFont("Helvetica", 9)
        c.drawString(x + 3, y - 15, value)
        if x + w > 500:
            y -= 34
    y -= 10
    c.setFillGray(0.93)
    c.rect(50, y - 58, 510, 58, fill=1)
    c.setFillGray(0)
    c.setFont("Helvetica-Bold", 8.5)
    t = c.beginText(56, y - 12)
    t.setFont("Helvetica", 8.5)
    for line in ["INSTRUCTIONS: Complete all items marked with an asterisk (*). Item 8 must match the legal name", "registered in SAM.gov. Attach a certified copy of the council resolution authorizing this application.",
                 "Applications received after 5:00 p.m. Eastern Time on the due date will not be considered.", "See the agency's Notice of Funding Opportunity (NOFO), Sect. IV.2, for page limits."]:
        t.textLine(line)
    c.drawText(t)
    y -= 80
    small = ("By signing this application, I certify (1) to the statements contained in the list of certifications and (2) that the statements herein are true, complete and accurate to the best of my knowledge. "
             "I also provide the required assurances and agree to comply with any resulting terms if I accept an award. I am aware that any false, fictitious, or fraudulent statements or claims may subject me "
             "to criminal, civil, or administrative penalties (U.S. Code, Title 18, Section 1001). The list of certifications and assurances, or an internet site where you may obtain this list, is contained "
             "in the announcement or agency specific instructions. Paperwork Burden Statement: the public reporting burden for this collection of information is estimated to average 60 minutes per response, "
             "including time for reviewing instructions, searching existing data sources, gathering and maintaining the data needed, and completing and reviewing the collection of information.")
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Frame, Paragraph
    st = ParagraphStyle("s", fontName="Helvetica", fontSize=7, leading=8.4)
    half = len(small) // 2
    cut = small.find(". ", half) + 1
    for k, part in enumerate([small[:cut], small[cut:].strip()]):
        Frame(50 + 262 * k, y - 110, 248, 110, showBoundary=0, leftPadding=0, rightPadding=0).addFromList([Paragraph(part, st)], c)
    y -= 130
    c.setFont("Helvetica", 7.5)
    c.rect(50, y - 20, 14, 14)
    c.drawString(70, y - 14, "** I AGREE")
    c.drawString(50, y - 40, "* Signature of Authorized Representative:")
    c.line(220, y - 42, 420, y - 42)
    c.drawString(430, y - 40, "* Date Signed:")
    c.line(490, y - 42, 560, y - 42)
    c.setFont("Helvetica", 7)
    c.drawString(50, 30, "Previous Edition Usable")
    c.drawString(160, 30, "Authorized for Local Reproduction")
    c.drawRightString(W - 50, 30, "Standard Form 424 (Rev. 12-2022) Prescribed by OMB Circular A-102")
    c.showPage()
    c.save()


BUILDERS = {"kind_manual_typst": typst_manual, "kind_plan_typst": typst_plan, "kind_form_reportlab": rl_form}

if __name__ == "__main__":
    main(BUILDERS)
