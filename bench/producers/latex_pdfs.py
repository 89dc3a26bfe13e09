"""XeLaTeX and LuaLaTeX (fontspec OpenType fonts, written as Identity-H CID fonts): an article with
footnotes and margin notes, two columns with microtype's protrusion and expansion, KOMA-Script in
three multicol columns with running heads, memoir with a longtable and a multirow table, French
with babel, a beamer deck; pdfLaTeX: text wrapped round a boxed figure (wrapfig)."""
import re
import shutil
import subprocess

from common import headings, main, paragraphs, tmpdir


def esc(s):
    s = re.sub(r"([&%$#_{}])", r"\\\1", s.replace("\\", " "))
    return s.replace("~", "-").replace("^", "")


def body(n, start, fn_every=0, margin_every=0, sec_every=6):
    ps, hs, parts = paragraphs(n, start), headings(), []
    for i, p in enumerate(ps):
        if sec_every and i % sec_every == 0:
            parts.append(f"\\section{{{esc(hs[(i // sec_every) % len(hs)])}}}")
        p = esc(p)
        if fn_every and i % fn_every == 1:
            k = p.find(". ") + 1 or len(p)
            p = p[:k] + f"\\footnote{{{esc(ps[(i + 7) % len(ps)][:260])}}}" + p[k:]
        if margin_every and i % margin_every == 2:
            p = f"\\marginpar{{\\footnotesize {esc(ps[(i + 3) % len(ps)][:120])}}}" + p
        parts.append(p + "\n")
    return "\n\n".join(parts)


# French prose written for this set (the report is in English): accents, guillemets, ’, ; : ? !
FR = ["Le gouvernement malien a signé en 2015 l’accord pour la paix et la réconciliation, issu du processus d’Alger ; pourtant, trois ans plus tard, la mise en œuvre demeure « lente et partielle », selon les observateurs internationaux. Les groupes armés du Nord, regroupés au sein de la Coordination des mouvements de l’Azawad (CMA) et de la Plateforme, se disputent le contrôle des routes commerciales.",
      "Dans le centre du pays, la violence a pris une dimension intercommunautaire : des milices dozo s’opposent aux éleveurs peuls, accusés – souvent à tort – de soutenir les djihadistes. « Nous n’avons plus confiance en l’État », affirme un élu local de Mopti ; il ajoute : « personne ne vient nous protéger ! »",
      "La présence militaire étrangère, qu’il s’agisse de l’opération Barkhane ou de la MINUSMA, n’a pas enrayé la dégradation sécuritaire. Au contraire, certains acteurs politiques de Bamako y voient un prétexte pour différer les réformes : décentralisation, réforme du secteur de la sécurité, intégration des combattants.",
      "Quelles leçons tirer de cette situation ? D’abord, que la stabilité ne se décrète pas ; ensuite, que les élites politiques maliennes ont intérêt au statu quo ; enfin, que les partenaires internationaux doivent repenser leur approche, fondée jusqu’ici sur une lecture essentiellement sécuritaire du conflit."]


def fr_body(n):
    parts = []
    for i in range(n):
        if i % 4 == 0:
            parts.append(f"\\section{{Partie {i // 4 + 1} : l’État malien et la « paix » d’Alger}}")
        note = f"\\footnote{{Entretien à Bamako, mars {2016 + i % 3} ; voir aussi « Rapport annuel », p.~{10 + i}.}}" if i % 3 == 1 else ""
        parts.append(FR[i % 4].replace("2015", str(2015 + i % 3)) + note + "\n")
    return "\n\n".join(parts)


def memoir():
    rows = "".join(f"Actor {k} & {['Kidal', 'Gao', 'Mopti', 'Ségou', 'Tombouctou'][k % 5]} & {esc(p[:220])}\\\\\\hline\n"
                   for k, p in enumerate(paragraphs(40, 10)))
    return (r"""\documentclass[11pt]{memoir}
\usepackage{fontspec}\setmainfont{DejaVu Serif}\usepackage{longtable,multirow}
\makeoddhead{headings}{}{}{\thepage}
\begin{document}\chapter{Politics That Enable Violence}
""" + body(14, 80, sec_every=5) + r"""\begin{longtable}{|p{3cm}|p{3cm}|p{7cm}|}\hline \textbf{Actor} & \textbf{Region} & \textbf{Description}\\\hline\endhead
""" + rows + r"""\end{longtable}
\begin{tabular}{|l|c|c|}\hline\multirow{2}{*}{Group} & \multicolumn{2}{c|}{Fighters}\\\cline{2-3} & 2014 & 2018\\\hline MNLA & 1200 & 800\\ GATIA & 500 & 1500\\\hline\end{tabular}

""" + body(14, 95, sec_every=5) + r"\end{document}")


def beamer():
    hs = headings()
    frames = "".join(
        f"\\begin{{frame}}{{{esc(hs[k % len(hs)])}}}\\small\\begin{{itemize}}"
        + "".join(f"\\item {esc(s.strip())}." for s in p.split(". ")[:4] if len(s) > 20) + "\\end{itemize}\\end{frame}\n"
        for k, p in enumerate(paragraphs(16, 40, minlen=400)))
    return (r"""\documentclass{beamer}\usetheme{Madrid}\usepackage{fontspec}
\begin{document}\title{Mali's Status Quo}\author{A. Thurston}\begin{frame}\titlepage\end{frame}
""" + frames + r"\end{document}")


def wrapfig():
    ps = [re.sub(r"<[^>]*>", "", p).replace("%", " per cent").replace("&", "and").replace("$", "").replace("#", "")
          .replace("_", " ") for p in paragraphs(30, 60)]
    fig = (r"\begin{wrapfigure}{r}{0.4\textwidth}\centering\fbox{\parbox{0.35\textwidth}{\vspace{2cm}\centering "
           r"Map of northern Mali\vspace{2cm}}}\caption{\small %s}\end{wrapfigure}")
    return (r"""\documentclass[11pt]{article}\usepackage[a4paper,margin=2.5cm]{geometry}\usepackage{wrapfig}
\begin{document}""" + "".join((fig % ps[k + 15][:200] if k % 4 == 0 else "") + ps[k] + "\n\n" for k in range(14))
            + r"\end{document}")


DOCS = {
    "xe_article_fn_margin": ("xelatex", lambda: r"""\documentclass[11pt]{article}
\usepackage{fontspec}\setmainfont{DejaVu Serif}\usepackage{microtype}
\usepackage[a4paper,left=2cm,right=5cm,marginparwidth=3.5cm]{geometry}
\begin{document}\title{Mali's Tragic But Persistent Status Quo}\author{Alex Thurston}\maketitle
""" + body(40, 0, fn_every=3, margin_every=4) + r"\end{document}"),
    "lua_twocolumn_microtype": ("lualatex", lambda: r"""\documentclass[twocolumn,10pt]{article}
\usepackage{fontspec}\setmainfont{Latin Modern Roman}\usepackage[protrusion=true,expansion=true]{microtype}
\usepackage[a4paper,margin=1.8cm]{geometry}
\begin{document}
""" + body(50, 30, fn_every=4) + r"\end{document}"),
    "xe_scrartcl_multicol3": ("xelatex", lambda: r"""\documentclass[10pt]{scrartcl}
\usepackage{fontspec}\setmainfont{DejaVu Sans}\usepackage{multicol}\usepackage[automark]{scrlayer-scrpage}
\pagestyle{scrheadings}\ihead{RLS Research Papers}\ohead{\pagemark}\cfoot{Mali Status Quo}
\usepackage[a4paper,margin=1.5cm]{geometry}
\begin{document}\begin{multicols}{3}
""" + body(45, 60, fn_every=5) + r"\end{multicols}\end{document}"),
    "lua_memoir_longtable": ("lualatex", memoir),
    "xe_french_babel": ("xelatex", lambda: r"""\documentclass[11pt]{article}
\usepackage{fontspec}\setmainfont{DejaVu Serif}\usepackage[french]{babel}\usepackage{microtype}
\usepackage[a4paper,margin=2.5cm]{geometry}
\begin{document}\title{Le statu quo malien}\author{Rapport}\maketitle
""" + fr_body(40) + r"\end{document}"),
    "lua_beamer": ("lualatex", beamer),
    "tex_wrapfig": ("pdflatex", wrapfig),
}


def build(out, name):
    engine, source = DOCS[name]
    d = tmpdir()
    (d / f"{name}.tex").write_text(source(), encoding="utf-8")
    for _ in range(2):  # twice: page references, longtable widths
        done = subprocess.run([engine, "-interaction=nonstopmode", f"{name}.tex"], cwd=d,
                              capture_output=True, text=True, timeout=600)
    if not (d / f"{name}.pdf").exists():
        errors = [line for line in done.stdout.splitlines() if line.startswith("!")]
        raise RuntimeError(f"{engine}: " + (errors[0] if errors else "no PDF"))
    shutil.copy(d / f"{name}.pdf", out / f"{name}.pdf")


BUILDERS = {name: (lambda out, name=name: build(out, name)) for name in DOCS}

if __name__ == "__main__":
    main(BUILDERS)
