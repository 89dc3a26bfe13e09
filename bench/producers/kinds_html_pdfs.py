"""Document kinds (issue 13's held-out set) from HTML: Chromium's print to PDF (a software manual
with a breadcrumb head line on every page (an @page margin box), code blocks, an options table, note and warning boxes,
numbered procedures; a two-column conference paper in CSS columns with a figure and a table across
both), WeasyPrint (a two-page government form with labelled fields, check boxes, a boxed
instruction, two-column small print and the form number turned in the margin; a journal article
with running heads from the section, CSS footnotes and hanging references; a school board agenda
with times in a right column; a textbook page with a sidebar, margin glossary terms, figures, key
points and exercises). Text from kinds_text.py (invented)."""
import html

from chromium_pdfs import print_pdf
from common import main, tmpdir
from kinds_text import JOURNAL, JOURNAL_ABSTRACT, REFERENCES, Gen

E = html.escape


def weasy(out, name, page):
    from weasyprint import HTML
    HTML(string=page, base_url=str(tmpdir())).write_pdf(out / f"{name}.pdf")


MANUAL_CSS = """@page{size:A4;margin:2cm 2cm 2cm 2cm;@top-left{content:'Docs » User Guide » 3. Command line';font:8pt 'DejaVu Sans';color:#555}@bottom-right{content:'reportgraph 2.4 — page ' counter(page);font:8pt 'DejaVu Sans'}} body{font:10pt 'DejaVu Sans'}
pre{background:#f3f3f3;border:1px solid #ccc;padding:6px;font:8.5pt 'DejaVu Sans Mono';white-space:pre-wrap} .note,.warn{border-left:4px solid #369;background:#eef;padding:6px;margin:8px 0}
.warn{border-color:#c33;background:#fee} table{border-collapse:collapse;width:100%} td,th{border:1px solid #999;padding:3px;font-size:9pt;vertical-align:top} code{font:9pt 'DejaVu Sans Mono'}"""


def manual(out):
    g = Gen(31)
    cmds = [("--input FILE", "Read the reports listed in FILE, one path a line."), ("--out DIR", "Write the tables into DIR (created if missing)."),
            ("-j, --jobs N", "Use N worker processes. The default is the number of CPUs."), ("--lang CODE", "Force the language, e.g. en or fr; otherwise it is detected."),
            ("--no-footnotes", "Do not write footnotes.csv."), ("-v, --verbose", "Print one line per document read.")]
    parts = [f"<html><head><style>{MANUAL_CSS}</style></head><body>",
             "<h1>3. Command line</h1><p>" + E(g.para("en", 2)) + " The <code>rg</code> command reads PDF, DOCX and HTML files and writes one table per kind of record.</p>",
             "<h2>3.1 Installing</h2><ol>"]
    parts += [f"<li>{s}</li>" for s in ["Download the wheel from the release page.", "Create a virtual environment: <code>python -m venv .venv</code>.",
                                         "Install the package with <code>pip install reportgraph</code>.", "Check the version with <code>rg --version</code>. It should print 2.4.1 or later."]]
    parts.append("</ol><div class=note><b>Note:</b> On Windows, use <code>.venv\\Scripts\\activate</code> instead of <code>source .venv/bin/activate</code>. The rest of the steps are the same.</div>")
    parts.append("<h2>3.2 Running a batch</h2><p>" + E(g.para("en", 3)) + "</p><pre>$ rg run --input reports.txt --out results/ -j 4\nreading 12 documents ...\n[ok]   mali-2018.pdf        212 sentences\n[ok]   niger-2019.pdf       187 sentences\n[warn] chad-2020.pdf        no text layer, skipped\ndone in 14.2 s</pre>")
    parts.append("<p>The options are:</p><table><tr><th>Option</th><th>Description</th></tr>" + "".join(f"<tr><td><code>{E(a)}</code></td><td>{E(b)}</td></tr>" for a, b in cmds) + "</table>")
    parts.append("<div class=warn><b>Warning:</b> Running two batches into the same output folder overwrites the tables of the first. Use a new folder for each run.</div>")
    for sec in range(3, 7):
        parts.append(f"<h2>3.{sec} {['Configuration files', 'Languages', 'Logging', 'Troubleshooting'][sec - 3]}</h2><p>{E(g.para('en', 4))}</p>")
        parts.append("<pre>[run]\nout = \"results\"\njobs = 4\n\n[pdf]\nengine = \"pdfium\"   # or \"pdfminer\"\nmargins = true</pre>" if sec % 2 else
                     "<ol>" + "".join(f"<li>{E(g.para('en', 1))}</li>" for _ in range(4)) + "</ol>")
        parts.append(f"<p>{E(g.para('en', 3))}</p><div class=note><b>Tip:</b> {E(g.para('en', 1))}</div>")
    print_pdf(out, "kind_manual_chromium", "".join(parts) + "</body></html>")


def conference(out):
    g = Gen(41)
    css = """@page{size:letter;margin:1.8cm} body{font:9.5pt 'Liberation Serif';} .cols{columns:2;column-gap:0.8cm;text-align:justify}
h1{text-align:center;font-size:16pt} .auth{text-align:center} .span{column-span:all;text-align:center;margin:8px 0} h2{font-size:11pt}
.fn{font-size:7.5pt;border-top:1px solid #000;margin-top:6px} table{margin:auto;border-collapse:collapse} td,th{border-bottom:1px solid #000;padding:2px 8px}
.fig{border:1px solid #000;height:3.5cm;width:90%;margin:auto}"""
    parts = [f"<html><head><style>{css}</style></head><body><h1>Measuring Local Violence from Radio Transcripts</h1>",
             "<div class=auth>Mariam Touré<sup>1</sup>, David Chen<sup>2</sup>, Lucie Moreau<sup>1</sup><br><sup>1</sup>Université de Montréal, <sup>2</sup>Carnegie Mellon University<br>{m.toure, l.moreau}@umontreal.ca</div><div class=cols>",
             "<p><b><i>Abstract</i>—" + E(g.para("en", 4)) + "</b></p>"]
    for i, s in enumerate(["I. Introduction", "II. Related Work", "III. Method", "IV. Evaluation", "V. Conclusion"]):
        parts.append(f"<h2>{s}</h2>")
        for k in range(3):
            parts.append(f"<p>{E(g.para('en', 4))}{'<sup>1</sup>' if (i, k) == (0, 1) else ''}</p>")
            if (i, k) == (0, 1):
                parts.append("<div class=fn><sup>1</sup> Transcripts are available on request from the first author, subject to the broadcasters' consent.</div>")
        if i == 2:
            parts.append("<p style='text-align:center'><i>s</i>(<i>d</i>) = Σ<sub><i>t</i>∈<i>d</i></sub> <i>w<sub>t</sub></i> · log(1 + <i>f<sub>t,d</sub></i>)&nbsp;&nbsp;&nbsp;&nbsp;(1)</p>")
            parts.append("<div class=span><div class=fig></div><p>Fig. 1. Weekly counts of violent events from radio transcripts (solid) and from ACLED (dashed), 2019–2022.</p></div>")
        if i == 3:
            parts.append("<div class=span><p>TABLE I. Correlation with event data by region</p><table><tr><th>Region</th><th>Weeks</th><th>Pearson r</th><th>Spearman ρ</th></tr>"
                         + "".join(f"<tr><td>{r}</td><td>{w}</td><td>0.{a}</td><td>0.{b}</td></tr>" for r, w, a, b in [("Mopti", 156, 71, 68), ("Ségou", 156, 64, 66), ("Tombouctou", 104, 52, 49), ("Gao", 104, 58, 55)]) + "</table></div>")
    parts.append("<h2>References</h2>" + "".join(f"<p style='font-size:8pt'>[{i + 1}] {E(r)}</p>" for i, r in enumerate(REFERENCES[:6])))
    print_pdf(out, "kind_conf_chromium", "".join(parts) + "</div></body></html>")


def form(out):
    css = """@page{size:letter;margin:1.5cm 1.5cm 1.5cm 2.2cm} body{font:9pt 'Liberation Sans'} .side{position:absolute;left:-1.6cm;top:9cm;transform:rotate(-90deg);transform-origin:left top;font-size:8pt;white-space:nowrap}
.head{display:flex;border-bottom:2px solid #000} .head div{padding:4px} .fld{border:1px solid #000;padding:2px 4px;height:0.9cm;margin:0} .lbl{font-size:7pt}
.box{border:1.5px solid #000;padding:6px;margin:8px 0;background:#f4f4f4} .small{columns:2;column-gap:0.6cm;font-size:7.5pt;text-align:justify} .cb{display:inline-block;width:9px;height:9px;border:1px solid #000;margin:0 4px 0 10px}
table{width:100%;border-collapse:collapse} td{border:1px solid #000;vertical-align:top;padding:2px 4px} .foot{font-size:7pt;display:flex;justify-content:space-between;border-top:1px solid #000;margin-top:6px}"""
    fields = [("1 Name (as shown on your income tax return). Name is required on this line; do not leave this line blank.", "Aminata Coulibaly"),
              ("2 Business name/disregarded entity name, if different from above", ""),
              ("5 Address (number, street, and apt. or suite no.) See instructions.", "1200 Lakeshore Blvd., Apt. 4B"),
              ("6 City, state, and ZIP code", "Lakeshore, ON  K7L 3N6")]
    small = ("Section references are to the Internal Revenue Code unless otherwise noted. Future developments. For the latest information about developments related to Form W-9 and its instructions, such as legislation enacted after they were published, go to www.irs.gov/FormW9. "
             "Purpose of Form. An individual or entity (Form W-9 requester) who is required to file an information return with the IRS must obtain your correct taxpayer identification number (TIN) which may be your social security number (SSN), individual taxpayer identification number (ITIN), adoption taxpayer identification number (ATIN), or employer identification number (EIN), to report on an information return the amount paid to you, or other amount reportable on an information return. "
             "Examples of information returns include, but are not limited to, the following. Form 1099-INT (interest earned or paid). Form 1099-DIV (dividends, including those from stocks or mutual funds). Form 1099-MISC (various types of income, prizes, awards, or gross proceeds). "
             "Use Form W-9 only if you are a U.S. person (including a resident alien), to provide your correct TIN. If you do not return Form W-9 to the requester with a TIN, you might be subject to backup withholding. See What is backup withholding, later. ")
    p1 = (f"<div class=side>Form W-9 (Rev. 10-2018)</div><table><tr><td style='width:22%'><b style='font-size:12pt'>Form W-9</b><br>(Rev. October 2018)<br>Department of the Treasury Internal Revenue Service</td>"
          "<td style='text-align:center'><b style='font-size:14pt'>Request for Taxpayer Identification Number and Certification</b><br>▶ Go to www.irs.gov/FormW9 for instructions and the latest information.</td>"
          "<td style='width:22%'><b>Give Form to the requester. Do not send to the IRS.</b></td></tr></table>"
          + "".join(f"<div class=lbl>{E(a)}</div><div class=fld>{E(b)}</div>" for a, b in fields[:2])
          + "<div class=lbl>3 Check appropriate box for federal tax classification of the person whose name is entered on line 1. Check only one of the following seven boxes.</div><div>"
          + "".join(f"<span class=cb></span>{E(x)}" for x in ["Individual/sole proprietor or single-member LLC", "C Corporation", "S Corporation", "Partnership", "Trust/estate"])
          + "<br><span class=cb></span>Limited liability company. Enter the tax classification (C=C corporation, S=S corporation, P=Partnership) ▶ ____ <span class=cb></span>Other (see instructions) ▶ ______</div>"
          + "".join(f"<div class=lbl>{E(a)}</div><div class=fld>{E(b)}</div>" for a, b in fields[2:])
          + "<table><tr><td><b>Part I</b></td><td><b>Taxpayer Identification Number (TIN)</b></td></tr></table>"
          "<div class=box>Enter your TIN in the appropriate box. The TIN provided must match the name given on line 1 to avoid backup withholding. For individuals, this is generally your social security number (SSN). However, for a resident alien, sole proprietor, or disregarded entity, see the instructions for Part I, later.</div>"
          "<table><tr><td>Social security number<br>___ – __ – ____</td><td>or</td><td>Employer identification number<br>__ – _______</td></tr></table>"
          "<table><tr><td><b>Part II</b></td><td><b>Certification</b></td></tr></table><p>Under penalties of perjury, I certify that:</p><ol>"
          "<li>The number shown on this form is my correct taxpayer identification number (or I am waiting for a number to be issued to me); and</li>"
          "<li>I am not subject to backup withholding because: (a) I am exempt from backup withholding, or (b) I have not been notified by the Internal Revenue Service (IRS) that I am subject to backup withholding; and</li>"
          "<li>I am a U.S. citizen or other U.S. person (defined below).</li></ol>"
          "<table><tr><td style='width:12%'><b>Sign Here</b></td><td>Signature of U.S. person ▶</td><td style='width:25%'>Date ▶</td></tr></table>"
          "<div class=lbl><b>General Instructions</b></div><div class=small>" + E(small) + "</div>"
          "<div class=foot><span>Cat. No. 10231X</span><span>Form <b>W-9</b> (Rev. 10-2018)</span></div>")
    p2 = ("<div style='page-break-before:always'></div><div class=foot style='border:0;border-bottom:1px solid #000'><span>Form W-9 (Rev. 10-2018)</span><span>Page <b>2</b></span></div><div class=small>"
          + E(small.replace("Purpose of Form.", "By signing the filled-out form, you:").replace("Examples", "Other examples")) * 2
          + "</div><div class=box><b>Note:</b> If you are a U.S. person and a requester gives you a form other than Form W-9 to request your TIN, you must use the requester's form if it is substantially similar to this Form W-9.</div>"
          + "<div class=foot><span></span><span>Form <b>W-9</b> (Rev. 10-2018)</span></div>")
    weasy(out, "kind_form_weasy", f"<html><head><style>{css}</style></head><body>{p1}{p2}</body></html>")


def journal(out):
    g = Gen(51)
    css = """@page{size:A4;margin:2.5cm 2.2cm;@top-left{content:string(sect);font-size:8pt}@top-right{content:'Peace Review 41 (2024) 233–249';font-size:8pt}@bottom-center{content:counter(page);font-size:8pt}}
@page:first{@top-left{content:none}@top-right{content:none}} body{font:10pt 'DejaVu Serif';text-align:justify;hyphens:auto} h2{string-set:sect content();font-size:11pt}
.fn{float:footnote;font-size:8pt} ::footnote-call{content:counter(footnote);vertical-align:super;font-size:7pt} .refs p{padding-left:1.5em;text-indent:-1.5em;font-size:9pt;margin:2px 0}
.abs{border-top:1px solid;border-bottom:1px solid;padding:6px 0;font-size:9pt} h1{font-size:17pt;text-align:left}"""
    parts = [f"<html lang=en><head><style>{css}</style></head><body><p style='font-size:8pt'>Peace Review, 41: 233–249, 2024<br>Copyright © Taylor &amp; Francis Group, LLC<br>https://doi.org/10.1080/10402659.2024.1234567</p>",
             "<h1>Customary Authority and Ceasefire Durability in the Inner Niger Delta</h1><p><b>Fatoumata Diarra<sup>a</sup> and Hugo Lefèvre<sup>b</sup></b><br><sup>a</sup>University of Ségou, Mali; <sup>b</sup>Sciences Po, Paris, France</p>",
             f"<p style='font-size:8pt'>ARTICLE HISTORY Received 2 February 2023; Accepted 14 October 2023</p><div class=abs><b>ABSTRACT</b> {E(JOURNAL_ABSTRACT)}<br><b>KEYWORDS</b> Ceasefires; Mali; customary authority; pastoralism</div>"]
    for i, s in enumerate(["Introduction", "Background", "Argument", "Data", "Findings", "Alternative explanations", "Discussion", "Conclusion"] * 2):
        if i == 8:
            s = "Appendix " + s
        parts.append(f"<h2>{i % 8 + 1 if i < 8 else 'A' + str(i - 7)}. {s}</h2>")
        parts.append(f"<p>{E(JOURNAL[i % 8])}<span class=fn>{E(g.para('en', 2))}</span></p>")
        parts += [f"<p>{E(p)}</p>" for p in g.paras(3, "en", 5)]
    parts.append("<h2>Notes on contributors</h2><p><b>Fatoumata Diarra</b> is a lecturer in political science at the University of Ségou.</p>")
    parts.append("<div class=refs><h2>References</h2>" + "".join(f"<p>{E(r)}</p>" for r in REFERENCES) + "</div>")
    weasy(out, "kind_journal_weasy", "".join(parts) + "</body></html>")


def agenda(out):
    css = """@page{size:letter;margin:1.8cm} body{font:10.5pt 'Liberation Sans'} table{width:100%;border-collapse:collapse} td{vertical-align:top;padding:3px 4px}
td.n{width:1.2cm;font-weight:bold} td.t{width:2.2cm;text-align:right} .sub td{font-weight:normal} .ca td{border:1px solid #000;font-size:9.5pt} h1,h2,h3{text-align:center;margin:2px}"""
    rows = [("1.", "CALL TO ORDER", "6:30 PM", []), ("2.", "PLEDGE OF ALLEGIANCE", "", []),
            ("3.", "APPROVAL OF AGENDA", "6:35 PM", ["Motion to approve the agenda as presented. Moved by: ______ Seconded by: ______"]),
            ("4.", "PUBLIC COMMENT", "6:40 PM", ["a. Speakers are limited to three (3) minutes each.", "b. The Board will not take action on items not on the agenda."]),
            ("5.", "CONSENT AGENDA", "7:00 PM", ["CA"]),
            ("6.", "SUPERINTENDENT'S REPORT", "7:05 PM", ["a. Enrollment update (Dr. R. Alvarez)", "b. Facilities: roof replacement at Pine Ridge Elem.", "c. Budget calendar FY 2024–25"]),
            ("7.", "ACTION ITEMS", "7:45 PM", ["a. Approve Resolution No. 24-07, Teacher Appreciation Week. Moved by Member Walsh; seconded by Member Kim. Vote: 5–0.",
                                               "b. Approve the contract with Lakeshore Transit Co. for student transportation, not to exceed $1,240,000."]),
            ("8.", "BOARD MEMBER COMMENTS", "8:30 PM", []), ("9.", "ADJOURNMENT", "8:45 PM", [])]
    body = ["<h1>Pine Ridge Unified School District</h1><h2>Board of Education — Regular Meeting</h2><h3>Thursday, April 18, 2024 · District Office, 200 Oak Ave.</h3><p>Members: J. Walsh (President), S. Kim (Vice-President), M. Ortiz, L. Becker, T. Nakamura</p><table>"]
    for n, title, t, subs in rows:
        body.append(f"<tr><td class=n>{n}</td><td><b>{title}</b></td><td class=t>{t}</td></tr>")
        for s in subs:
            if s == "CA":
                body.append("<tr class=sub><td></td><td colspan=2><p>All items are routine and acted on by a single motion.</p><table class=ca><tr><td>5.1</td><td>Minutes, regular meeting of March 21, 2024</td><td>Approve</td></tr>"
                            "<tr><td>5.2</td><td>Warrants and payroll, March 2024</td><td>Approve</td></tr><tr><td>5.3</td><td>Personnel report No. 8</td><td>Approve</td></tr>"
                            "<tr><td>5.4</td><td>Out-of-state travel: FFA, Indianapolis, Oct. 2024</td><td>Approve</td></tr></table></td></tr>")
            else:
                body.append(f"<tr class=sub><td></td><td colspan=2 style='padding-left:{'1.2em' if s[1] == '.' else '0'}'>{E(s)}</td></tr>")
    body.append("</table><p style='font-size:8.5pt'>Individuals who require special accommodation, including but not limited to an American Sign Language interpreter, should contact the Superintendent's office at least 48 hours before the meeting.</p>")
    weasy(out, "kind_agenda_weasy", f"<html><head><style>{css}</style></head><body>{''.join(body)}</body></html>")


def textbook(out):
    g = Gen(61)
    css = """@page{size:8in 10in;margin:2cm 5cm 2cm 2cm;@top-right{content:'Chapter 2 · Public Finance';font-size:8pt}@bottom-right{content:counter(page);font-size:8pt}}
body{font:10.5pt 'DejaVu Serif'} .gl{float:right;width:3.5cm;margin-right:-4.2cm;font:8pt 'DejaVu Sans';color:#036} .side{border:1px solid #036;background:#eef4fa;padding:8px;margin:10px 0;font:9pt 'DejaVu Sans'}
.fig{border:1px dashed #666;height:4cm} .cap{font:8.5pt 'DejaVu Sans'} .kp{background:#fff6d5;padding:8px;font-size:9.5pt} h1{font-size:20pt} h2{color:#036}"""
    parts = [f"<html><head><style>{css}</style></head><body><h1>2 Public Finance in Cities</h1>"]
    for i, (s, term, gloss) in enumerate([("2.1 Where the money comes from", "property tax", "A tax levied on the assessed value of land and buildings."),
                                           ("2.2 Where the money goes", "operating budget", "Spending on day-to-day services such as salaries and fuel."),
                                           ("2.3 Borrowing", "debt service", "Payments of interest and principal on municipal loans.")]):
        parts.append(f"<h2>{s}</h2><p><span class=gl><b>{term}</b> {gloss}</span>{E(g.para('en', 4))} The <b>{term}</b> is central here.</p><p>{E(g.para('en', 4))}</p>")
        if i == 0:
            parts.append(f"<div class=side><b>BOX 2.1 Paying for snow removal</b><br>{E(g.para('en', 4))}</div>")
        parts.append(f"<div class=fig></div><p class=cap><b>Figure 2.{i + 1}</b> Revenue sources of Canadian municipalities, {2000 + 5 * i}–{2020 + i} (per cent of total).</p>")
    parts.append("<div class=kp><b>KEY POINTS</b><ul>" + "".join(f"<li>{E(g.para('en', 1))}</li>" for _ in range(4)) + "</ul></div>")
    parts.append("<h2>Exercises</h2>" + "".join(f"<p><b>2.{k + 1}</b> {q}</p>" for k, q in enumerate(["What share of revenue comes from property tax in your city? Compare with Figure 2.1.",
                                                                                              "Explain the difference between an operating and a capital budget.", "Why do provinces limit municipal borrowing? Give two reasons."])))
    weasy(out, "kind_textbook_weasy", "".join(parts) + "</body></html>")


BUILDERS = {"kind_manual_chromium": manual, "kind_conf_chromium": conference, "kind_form_weasy": form,
            "kind_journal_weasy": journal, "kind_agenda_weasy": agenda, "kind_textbook_weasy": textbook}

if __name__ == "__main__":
    main(BUILDERS)
