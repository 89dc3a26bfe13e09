"""Document kinds (issue 13's held-out set), pdfLaTeX: a bilingual municipal plan (report class,
LaTeX's own contents with bold chapter rows without leaders, running heads, "Page 3 of 40",
booktabs and ruled tables, a landscape page, English and French in parallel columns), a journal
article (title block with superscript affiliations, abstract, keywords, received/accepted line,
footnotes, hanging references, running heads with journal name and pages), a two-column
conference paper (equations, a table and a figure across both columns, footnotes in a column), a
textbook chapter (boxes, margin glossary, numbered figures, key points, exercises 1.1 ...), a
sentence-splitting test. Type 1 fonts throughout (lmodern, Times): T1 without them falls back on
bitmap Type 3 fonts here (no cm-super), whose ligatures neither reader decodes. Text from kinds_text.py (invented)."""
import shutil
import subprocess

from common import main, tmpdir
from kinds_text import (CHAPTERS, JOURNAL, JOURNAL_ABSTRACT, REFERENCES, SPLIT_LIST, SPLIT_TEST, Gen)
from latex_pdfs import esc

FIG = r"\fbox{\parbox[c][3cm][c]{0.9\linewidth}{\centering\small [chart]}}"


def plan():
    g = Gen(11)
    out = [r"""\documentclass[11pt]{report}
\usepackage[T1]{fontenc}\usepackage[utf8]{inputenc}\usepackage{lmodern}\usepackage[french,english]{babel}
\usepackage[margin=2.3cm]{geometry}\usepackage{booktabs,longtable,lastpage,fancyhdr,pdflscape,paracol}
\pagestyle{fancy}\fancyhf{}\fancyhead[L]{\small City of Lakeshore / Ville de Lakeshore}\fancyhead[R]{\small Official Plan 2024--2044}
\fancyfoot[C]{\small Page \thepage\ of \pageref{LastPage}}
\fancypagestyle{plain}{\fancyhf{}\fancyfoot[C]{\small Page \thepage\ of \pageref{LastPage}}}
\begin{document}
\begin{titlepage}\centering\vspace*{4cm}{\Huge Official Plan\\[4pt] Plan d'urbanisme\par}\vspace{1cm}{\Large City of Lakeshore -- Ville de Lakeshore\par}\vspace{1cm}Adopted by By-law No. 2024-117\par\end{titlepage}
\tableofcontents\listoftables"""]
    for c, (en, fr) in enumerate(CHAPTERS):
        out.append(f"\\chapter{{{esc(en)} / {esc(fr)}}}")
        for s in range(3):
            out.append(f"\\section{{{esc(g.r.choice(['Context', 'Objectives', 'Policies', 'Actions', 'Targets', 'Monitoring']))} {c + 1}.{s + 1}}}")
            out += [esc(p) for p in g.paras(2, "en")]
            if s == 1:
                out.append("\\subsection{Policies}\n\\begin{enumerate}" + "".join(
                    f"\\item {esc(g.para('en', 1))}" for _ in range(3)) + "\\end{enumerate}")
        if c % 3 == 1:
            rows = "\\\\\n".join(f"{esc(p)} & {g.r.randint(900, 9000):,} & {g.r.randint(1, 40)}.{g.r.randint(0, 9)} & {g.r.choice(['Low', 'Medium', 'High'])}" for p in g.r.sample(["Riverside", "Old Town", "North Quay", "Hillcrest", "Mill Park", "Eastgate", "Pine Ridge", "Westmount"], 7))
            out.append(f"\\begin{{table}}[ht]\\centering\\caption{{Dwellings by district, {2010 + c} / Logements par quartier}}\n"
                       f"\\begin{{tabular}}{{lrrl}}\\toprule District & Dwellings & Growth (\\%) & Priority\\\\\\midrule\n{rows}\\\\\\bottomrule\\end{{tabular}}\\end{{table}}")
        if c % 3 == 2:
            rows = "\\\\\\hline\n".join(f"{esc(t)} & {esc(g.para('en', 1))} & {g.r.randint(2025, 2040)}" for t in ["Housing", "Transit", "Parks", "Water"])
            out.append(f"\\begin{{table}}[ht]\\centering\\caption{{Actions and deadlines, chapter {c + 1}}}\n"
                       f"\\begin{{tabular}}{{|l|p{{9cm}}|r|}}\\hline Theme & Action & Year\\\\\\hline\n{rows}\\\\\\hline\\end{{tabular}}\\end{{table}}")
        if c == 4:
            rows = "\\\\\n".join(" & ".join([esc(p)] + [str(g.r.randint(10, 999)) for _ in range(8)]) for p in ["Riverside", "Old Town", "North Quay", "Hillcrest", "Mill Park", "Saint-Roch", "Beaulieu", "Les Prés", "Eastgate", "Pine Ridge"])
            out.append("\\begin{landscape}\\section*{Annex table: land use by district, hectares}\\begin{longtable}{lrrrrrrrr}\\toprule District & Resid. & Comm. & Indust. & Parks & Roads & Water & Vacant & Other\\\\\\midrule\\endhead\n"
                       + rows + "\\\\\\bottomrule\\end{longtable}\\end{landscape}")
        if c == 6:
            out.append("\\section{Summary / Résumé}\\begin{paracol}{2}")
            for _ in range(3):
                out.append(esc(g.para("en", 3)) + "\n\\switchcolumn\n\\begin{otherlanguage}{french}" + esc(g.para("fr", 3)) + "\\end{otherlanguage}\n\\switchcolumn*")
            out.append("\\end{paracol}")
        if c == 7:
            out.append("\\begin{otherlanguage}{french}\\section{Orientations en français}" + "\n\n".join(esc(p) for p in g.paras(4, "fr")) + "\\end{otherlanguage}")
    out.append("\\end{document}")
    return "\n\n".join(out)


def journal():
    g = Gen(5)
    head = r"""\documentclass[10pt,twoside]{article}
\usepackage[T1]{fontenc}\usepackage[utf8]{inputenc}\usepackage{mathptmx}\usepackage[margin=2.4cm,top=2.8cm]{geometry}\usepackage{fancyhdr,authblk}
\setcounter{page}{412}
\pagestyle{fancy}\fancyhf{}\fancyhead[LE]{\small\thepage\quad Journal of Peace and Conflict Studies 58(3)}\fancyhead[RO]{\small Coulibaly et al.\quad\thepage}
\fancyfoot[C]{}\renewcommand{\headrulewidth}{0pt}
\fancypagestyle{plain}{\fancyhf{}\fancyfoot[L]{\footnotesize Journal of Peace and Conflict Studies 2023, Vol. 58(3) 412--428\\ \copyright\ The Author(s) 2023. DOI: 10.1177/00223433231234567}}
\title{Grazing rights and the durability of local ceasefires: evidence from central Mali}
\author[1]{Aminata Coulibaly}\author[2]{Jean-Pierre Martin}\author[1,3]{Sarah K. Lindqvist}
\affil[1]{Department of Political Science, University of Bamako, Mali}
\affil[2]{Institut d'études politiques, Université de Bordeaux, France}
\affil[3]{Peace Research Institute Oslo (PRIO), Norway}
\date{\small Received 12 March 2022; accepted 9 November 2022}
\begin{document}\maketitle\thispagestyle{plain}
\begin{abstract}\noindent """ + esc(JOURNAL_ABSTRACT) + r"""\par\medskip\noindent\textbf{Keywords:} ceasefires, customary authority, land, Mali, mediation, rebel governance\end{abstract}"""
    out = [head]
    secs = ["Introduction", "Local ceasefires in the literature", "Argument", "Data and methods", "Results", "Robustness", "Discussion", "Conclusion"]
    for i, s in enumerate(secs):
        out.append(f"\\section{{{s}}}")
        out.append(esc(JOURNAL[i % len(JOURNAL)]) + (f"\\footnote{{{esc(g.para('en', 2))}}}" if i % 2 == 0 else ""))
        out += [esc(p) for p in g.paras(5, "en", 5)]
        if i == 3:
            out.append("\\subsection{Interview sample}" + esc(g.para("en", 4)) + "\\footnote{Interviews were conducted in Bambara and French, e.g. in Ségou, and transcribed by the authors.}")
        if i == 4:
            out.append("\\begin{table}[t]\\centering\\caption{Cox models of ceasefire collapse}\\begin{tabular}{lccc}\\hline & (1) & (2) & (3)\\\\\\hline Chief controls grazing & 0.61** & 0.64** & 0.66*\\\\ & (0.11) & (0.12) & (0.14)\\\\ State forces present & & 1.21 & 1.18\\\\ Distance to town (log) & & & 0.93\\\\\\hline N & 312 & 312 & 298\\\\\\hline\\end{tabular}\\par\\footnotesize Note: hazard ratios; standard errors in parentheses. ** p < 0.01, * p < 0.05.\\end{table}")
    out.append("\\section*{Funding}The author(s) received financial support from the Research Council of Norway (grant no. 301234).")
    out.append("\\section*{References}{\\small\\setlength{\\parindent}{-1.5em}\\setlength{\\leftskip}{1.5em}" + "\n\n".join(esc(r) for r in REFERENCES) + "\\par}")
    out.append("\\end{document}")
    return "\n\n".join(out)


def conference():
    g = Gen(9)
    out = [r"""\documentclass[10pt,twocolumn]{article}
\usepackage[T1]{fontenc}\usepackage[utf8]{inputenc}\usepackage{times}\usepackage[margin=1.9cm]{geometry}\usepackage{amsmath}
\title{\Large\bfseries Detecting Ceasefire Announcements in Multilingual News with Weak Supervision}
\author{Ana Ruiz\textsuperscript{1} \and Omar Diallo\textsuperscript{2}\\ \textsuperscript{1}University of Edinburgh \quad \textsuperscript{2}Université Gaston Berger\\ \texttt{\{a.ruiz,o.diallo\}@example.org}}\date{}
\begin{document}\maketitle
\begin{abstract}We present a weakly supervised classifier for ceasefire announcements in English, French and Arabic news. Trained on 12k automatically labelled sentences, it reaches an F1 of 0.81 on a hand-annotated test set, 9 points above a keyword baseline.\end{abstract}"""]
    for i, s in enumerate(["Introduction", "Related Work", "Method", "Experiments", "Analysis", "Conclusion"]):
        out.append(f"\\section{{{s}}}")
        for k in range(3):
            p = esc(g.para("en", 4))
            if k == 1 and i in (0, 3):
                p += f"\\footnote{{{esc(g.para('en', 1))}}}"
            out.append(p)
        if i == 2:
            out.append(r"Given a sentence $x$ with tokens $x_1,\dots,x_n$, the encoder yields $h = f_\theta(x)$ and the classifier predicts \begin{equation} p(y \mid x) = \mathrm{softmax}(W h + b). \end{equation} We minimise the noise-aware loss \begin{equation} \mathcal{L} = -\sum_{i=1}^{N} \lambda_i \log p(\tilde{y}_i \mid x_i), \end{equation} where $\lambda_i$ is the labelling function's estimated accuracy.")
            out.append("\\begin{figure*}[t]\\centering" + FIG.replace("0.9\\linewidth", "0.8\\textwidth") + "\\caption{Architecture of the weakly supervised pipeline: labelling functions, label model and the final classifier.}\\end{figure*}")
        if i == 3:
            out.append("\\begin{table*}[t]\\centering\\begin{tabular}{lcccccc}\\hline Model & P (en) & R (en) & F1 (en) & P (fr) & R (fr) & F1 (fr)\\\\\\hline Keywords & 0.64 & 0.81 & 0.72 & 0.59 & 0.77 & 0.67\\\\ mBERT & 0.77 & 0.80 & 0.78 & 0.74 & 0.75 & 0.74\\\\ Ours & 0.83 & 0.79 & 0.81 & 0.80 & 0.78 & 0.79\\\\\\hline\\end{tabular}\\caption{Precision, recall and F1 on the test sets.}\\end{table*}")
    out.append("\\begin{thebibliography}{9}\\small" + "".join(f"\\bibitem{{r{i}}} {esc(r)}" for i, r in enumerate(REFERENCES[:6])) + "\\end{thebibliography}\\end{document}")
    return "\n\n".join(out)


def textbook():
    g = Gen(3)
    out = [r"""\documentclass[11pt]{book}
\usepackage[T1]{fontenc}\usepackage[utf8]{inputenc}\usepackage{lmodern}
\usepackage[paperwidth=19cm,paperheight=25cm,inner=2cm,outer=5.2cm,marginparwidth=3.4cm,marginparsep=0.5cm,top=2.5cm,bottom=2.5cm]{geometry}
\usepackage[most]{tcolorbox}\usepackage{fancyhdr}
\pagestyle{fancy}\fancyhf{}\fancyhead[LE]{\small\thepage\quad Introduction to Urban Studies}\fancyhead[RO]{\small Chapter 1\quad Cities and Regions\quad\thepage}
\newcommand{\gloss}[2]{\marginpar{\footnotesize\raggedright\textbf{#1}\quad #2}}
\begin{document}\mainmatter\chapter{Cities and Regions}
\begin{tcolorbox}[colback=gray!10,title=Learning objectives]\begin{itemize}\item Define urbanisation and describe its main drivers.\item Compare the monocentric and polycentric models of the city.\item Explain why zoning shapes land values.\end{itemize}\end{tcolorbox}"""]
    for i, s in enumerate(["What is a city?", "Models of urban form", "Land markets and zoning"]):
        out.append(f"\\section{{{s}}}")
        for k in range(3):
            p = esc(g.para("en", 4))
            if k == 0:
                term = ["Urbanisation", "Agglomeration", "Zoning"][i]
                p = f"\\gloss{{{term}}}{{The {'growth of the share of people living in towns' if i == 0 else 'clustering of firms and people in one place' if i == 1 else 'rules that say what may be built where'}.}}" + p
            out.append(p)
        out.append(f"\\begin{{figure}}[ht]\\centering{FIG}\\caption{{Population density against distance from the centre, model {i + 1}.}}\\end{{figure}}")
        if i == 1:
            out.append("\\begin{tcolorbox}[colback=blue!5,title=Case study: Lakeshore]" + esc(g.para("en", 5)) + "\\end{tcolorbox}")
    out.append("\\begin{tcolorbox}[colback=yellow!10,title=Key points]\\begin{itemize}" + "".join(f"\\item {esc(g.para('en', 1))}" for _ in range(4)) + "\\end{itemize}\\end{tcolorbox}")
    out.append("\\section*{Exercises}\\begin{description}" + "".join(f"\\item[1.{k + 1}] {q}" for k, q in enumerate([
        "Define urbanisation in your own words. Give two examples from your region.",
        "Why do land values fall with distance from the centre? Use Figure 1.2 in your answer.",
        "Compare the monocentric and polycentric models. Which fits your city better, and why?",
        "A city raises the height limit from 4 to 8 storeys. What happens to land prices near the limit?"])) + "\\end{description}")
    out.append("\\end{document}")
    return "\n\n".join(out)


def splits():
    g = Gen(13)
    out = [r"""\documentclass[11pt]{article}\usepackage[T1]{fontenc}\usepackage[utf8]{inputenc}\usepackage{lmodern}\usepackage[margin=2.5cm]{geometry}\usepackage{enumitem}
\begin{document}\section*{Sentence splitting test}"""]
    for k in range(4):
        out.append(f"\\section{{Part {k + 1}}}")
        for j, s in enumerate(SPLIT_TEST):
            out.append(esc(s) + " " + esc(g.para("en", 2)))
        out.append(esc(SPLIT_LIST[0]) + "\\begin{enumerate}" + "".join(f"\\item {esc(x[3:])}" for x in SPLIT_LIST[1:4]) + "\\end{enumerate}")
        out.append(esc(SPLIT_LIST[4]) + "\\begin{enumerate}[label=\\alph*)]" + "".join(f"\\item {esc(x[3:])}" for x in SPLIT_LIST[5:8]) + "\\end{enumerate}")
        out.append(esc(SPLIT_LIST[8]) + " " + esc(g.para("en", 3)))
        out.append("\\newpage")
    out.append("\\end{document}")
    return "\n\n".join(out)


DOCS = {"kind_plan_tex": plan, "kind_journal_tex": journal, "kind_conf_tex": conference,
        "kind_textbook_tex": textbook, "kind_splits_tex": splits}


def build(out, name):
    d = tmpdir()
    (d / f"{name}.tex").write_text(DOCS[name](), encoding="utf-8")
    for _ in range(3):
        done = subprocess.run(["pdflatex", "-interaction=nonstopmode", f"{name}.tex"], cwd=d,
                              capture_output=True, text=True, timeout=600, errors="replace")
    if not (d / f"{name}.pdf").exists():
        errors = [line for line in done.stdout.splitlines() if line.startswith("!")]
        raise RuntimeError("pdflatex: " + (errors[0] if errors else "no PDF"))
    shutil.copy(d / f"{name}.pdf", out / f"{name}.pdf")


BUILDERS = {name: (lambda out, name=name: build(out, name)) for name in DOCS}

if __name__ == "__main__":
    main(BUILDERS)
