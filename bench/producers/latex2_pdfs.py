"""More pdfLaTeX layouts (Type 1 fonts): KOMA scrreprt with a table of contents and list of tables
(dot leaders, page numbers), fancyhdr running heads on twoside pages with lists and run-in
\\paragraph headings, a two-column article with footnotes and a thebibliography reference list,
IEEEtran's conference two columns, a landscape table page (pdflscape: the page has /Rotate 90),
line numbers in the margin (lineno), English and French in parallel columns (paracol), a Tufte
handout (sidenotes in a wide margin); and pandoc's default LaTeX template from markdown."""
import shutil
import subprocess

from common import headings, main, paragraphs, run, tmpdir
from latex_pdfs import FR, body, esc


def lists_body(n, start):
    ps, hs, parts = paragraphs(n, start), headings(), []
    for i, p in enumerate(ps):
        if i % 5 == 0:
            parts.append(f"\\section{{{esc(hs[(i // 5 + 6) % len(hs)])}}}")
        sents = [esc(s.strip()) for s in p.split(". ") if len(s) > 20]
        if i % 4 == 1 and len(sents) >= 3:
            env = "enumerate" if i % 8 == 1 else "itemize"
            parts.append(f"\\begin{{{env}}}" + "".join(f"\\item {s}." for s in sents[:5]) + f"\\end{{{env}}}")
        elif i % 4 == 3:
            parts.append(f"\\paragraph{{{esc(p.split(',')[0][:40])}.}} {esc(p)}")
        else:
            parts.append(esc(p))
    return "\n\n".join(parts)


def bib():
    refs = [("thurston", "Thurston, A.", "Mali's Tragic But Persistent Status Quo", "Rosa Luxemburg Stiftung, 2018"),
            ("lebovich", "Lebovich, A.", "Reconstructing Local Orders in Mali", "Brookings, 2017"),
            ("bencherif", "Bencherif, A.", "Le Mali post Accord d'Alger", "Centre FrancoPaix, 2018"),
            ("icg", "International Crisis Group", "Central Mali: An Uprising in the Making?", "Africa Report 238, 2016"),
            ("boisvert", "Boisvert, M.-A.", "Failing at Violence: The Longer-lasting Impact of Pro-government "
                         "Militias in Northern Mali since 2012", "Small Wars and Insurgencies 28(2), 2017")]
    return ("\\begin{thebibliography}{9}" + "".join(f"\\bibitem{{{k}}} {a} \\emph{{{t}}}. {w}." for k, a, t, w in refs * 3)
            + "\\end{thebibliography}")


def scrreprt_toc():
    chapters = "".join(
        f"\\chapter{{{esc(h)}}}\n" + body(8, 8 * k, fn_every=3, sec_every=3)
        + (f"\\begin{{table}}[h]\\centering\\caption{{Armed groups, part {k}}}\\begin{{tabular}}{{lll}}\\hline "
           f"Group & Region & Year\\\\\\hline MNLA & Kidal & 2011\\\\ GATIA & Gao & 2014\\\\\\hline\\end{{tabular}}\\end{{table}}\n"
           if k % 2 else "")
        for k, h in enumerate(headings()[6:11]))
    return (r"""\documentclass[11pt,a4paper]{scrreprt}\usepackage[T1]{fontenc}\usepackage{lmodern}
\usepackage[english]{babel}\usepackage{microtype}
\begin{document}\title{Mali's Tragic But Persistent Status Quo}\author{Alexander Thurston}\maketitle
\tableofcontents\listoftables
""" + chapters + r"\end{document}")


def fancyhdr_twoside():
    return (r"""\documentclass[11pt,twoside,a4paper]{article}\usepackage[T1]{fontenc}\usepackage{mathptmx}
\usepackage[inner=2cm,outer=4cm,top=3cm,bottom=3cm]{geometry}\usepackage{fancyhdr,enumitem}
\pagestyle{fancy}\fancyhf{}\fancyhead[LE]{\thepage\quad\textsc{Rosa Luxemburg Stiftung}}
\fancyhead[RO]{\nouppercase{\rightmark}\quad\thepage}\fancyfoot[C]{\footnotesize Research Papers 2018}
\renewcommand{\headrulewidth}{0.4pt}\renewcommand{\footrulewidth}{0.4pt}
\begin{document}
""" + lists_body(40, 20) + r"\end{document}")


def twocol_bib():
    return (r"""\documentclass[twocolumn,10pt,a4paper]{article}\usepackage[T1]{fontenc}\usepackage{times}
\usepackage[margin=1.7cm]{geometry}
\begin{document}\title{Politics That Enable Violence in Mali}\author{A. Thurston\thanks{Northwestern University.}}\maketitle
\begin{abstract}""" + esc(paragraphs(1, 3)[0]) + r"""\end{abstract}
""" + body(30, 50, fn_every=3, sec_every=5) + r"\nocite{*}" + bib() + r"\end{document}")


def ieeetran():
    return (r"""\documentclass[conference]{IEEEtran}\usepackage[T1]{fontenc}
\begin{document}\title{Mali's Tragic But Persistent Status Quo}
\author{\IEEEauthorblockN{Alexander Thurston}\IEEEauthorblockA{Rosa Luxemburg Stiftung\\New York}}\maketitle
\begin{abstract}""" + esc(paragraphs(1, 5)[0]) + r"""\end{abstract}
\begin{IEEEkeywords}Mali, jihadism, peace agreements\end{IEEEkeywords}
""" + body(30, 10, fn_every=4, sec_every=5) + bib() + r"\end{document}")


def landscape_table():
    rows = "".join(f"{['Kidal', 'Gao', 'Mopti', 'Segou', 'Timbuktu'][k % 5]} & {esc(p.split('. ')[0][:180])} & "
                   f"{esc(p.split('. ')[-1][:180])} & {2012 + k % 7}\\\\\\hline\n"
                   for k, p in enumerate(paragraphs(22, 100)))
    return (r"""\documentclass[11pt,a4paper]{article}\usepackage[T1]{fontenc}\usepackage{lmodern}
\usepackage[margin=2.5cm]{geometry}\usepackage{pdflscape,longtable}
\begin{document}
""" + body(6, 0, sec_every=3) + r"""\begin{landscape}\section{Incidents and responses}\small
\begin{longtable}{|p{2cm}|p{8cm}|p{8cm}|p{1.2cm}|}\hline\textbf{Region} & \textbf{Event} & \textbf{Response} & \textbf{Year}\\\hline\endhead
""" + rows + r"""\end{longtable}\end{landscape}
""" + body(6, 6, sec_every=3) + r"\end{document}")


def lineno():
    return (r"""\documentclass[11pt,a4paper]{article}\usepackage[T1]{fontenc}\usepackage{lmodern}
\usepackage[margin=2.5cm]{geometry}\usepackage[modulo]{lineno}\linenumbers
\begin{document}\title{Mali's Tragic But Persistent Status Quo (review copy)}\author{Anonymous}\maketitle
""" + body(28, 30, fn_every=4, sec_every=5) + r"\end{document}")


def paracol():
    ps = paragraphs(12, 0)
    pairs = "".join(f"{esc(ps[k])}\n\\switchcolumn\n{FR[k % 4]}\n\\switchcolumn*\n" for k in range(12))
    return (r"""\documentclass[10pt,a4paper]{article}\usepackage[T1]{fontenc}\usepackage{lmodern}
\usepackage[utf8]{inputenc}\usepackage[french,english]{babel}
\usepackage[margin=2cm]{geometry}\usepackage{paracol}
\begin{document}\section*{Mali / Le Mali}\begin{paracol}{2}
""" + pairs + r"\end{paracol}\end{document}")


def tufte():
    ps = paragraphs(30, 40)
    parts = []
    for i, p in enumerate(ps):
        if i % 6 == 0:
            parts.append(f"\\section{{{esc(headings()[(i // 6 + 7) % len(headings())])}}}")
        p = esc(p)
        if i % 2 == 1:
            k = p.find(". ") + 1 or len(p)
            p = p[:k] + f"\\sidenote{{{esc(ps[(i + 5) % len(ps)][:200])}}}" + p[k:]
        if i % 5 == 3:
            p = f"\\marginnote{{{esc(ps[(i + 9) % len(ps)][:120])}}}" + p
        parts.append(p)
    return (r"""\documentclass{tufte-handout}
\title{Mali's Tragic But Persistent Status Quo}\author{Alexander Thurston}
\begin{document}\maketitle
""" + "\n\n".join(parts) + r"\end{document}")


DOCS = {"tex_scrreprt_toc": ("pdflatex", scrreprt_toc), "tex_fancyhdr_twoside_lists": ("pdflatex", fancyhdr_twoside),
        "tex_twocol_fn_bib": ("pdflatex", twocol_bib), "tex_ieeetran_conf": ("pdflatex", ieeetran),
        "tex_lscape_rotate90": ("pdflatex", landscape_table), "tex_lineno_review": ("pdflatex", lineno),
        "tex_paracol_bilingual": ("pdflatex", paracol), "tex_tufte_sidenotes": ("pdflatex", tufte)}


def build(out, name):
    engine, source = DOCS[name]
    d = tmpdir()
    (d / f"{name}.tex").write_text(source(), encoding="utf-8")
    for _ in range(3):  # contents, longtable widths
        done = subprocess.run([engine, "-interaction=nonstopmode", f"{name}.tex"], cwd=d,
                              capture_output=True, text=True, timeout=600, errors="replace")
    if not (d / f"{name}.pdf").exists():
        errors = [line for line in done.stdout.splitlines() if line.startswith("!")]
        raise RuntimeError(f"{engine}: " + (errors[0] if errors else "no PDF"))
    shutil.copy(d / f"{name}.pdf", out / f"{name}.pdf")


def pandoc_latex(out):
    ps, hs = paragraphs(36, 70), headings()
    md = ["---\ntitle: \"Mali's Tragic But Persistent Status Quo\"\nauthor: Alexander Thurston\n"
          "numbersections: true\ntoc: true\ngeometry: margin=2.5cm\n---\n"]
    for i, p in enumerate(ps):
        if i % 6 == 0:
            md.append(f"# {hs[(i // 6 + 6) % len(hs)]}\n")
        if i % 5 == 2:
            md.append("\n".join(f"{k + 1}. {s.strip()}." for k, s in enumerate(p.split(". ")[:4])) + "\n")
        else:
            text = p.replace("<", "&lt;").replace("$", "\\$")
            md.append(text + (f"[^{i}]\n\n[^{i}]: {ps[(i + 3) % len(ps)][:200]}" if i % 4 == 1 else "") + "\n")
    d = tmpdir()
    (d / "in.md").write_text("\n".join(md), encoding="utf-8")
    run(["pandoc", "in.md", "-o", "out.pdf", "--pdf-engine=pdflatex"], cwd=d)
    shutil.copy(d / "out.pdf", out / "pandoc_latex_default.pdf")


BUILDERS = {name: (lambda out, name=name: build(out, name)) for name in DOCS}
BUILDERS["pandoc_latex_default"] = pandoc_latex

if __name__ == "__main__":
    main(BUILDERS)
