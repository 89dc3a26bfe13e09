"""rst2pdf (reStructuredText through reportlab): a contents directive, numbered sections, auto-
numbered footnotes gathered at the document's end, a grid table, a sidebar and a topic."""
import re
import shutil
import sys
from pathlib import Path

from common import headings, main, paragraphs, run, tmpdir


def esc(s):
    return re.sub(r"([\\*`|_<>\[\]])", r"\\\1", s)


def rst(out):
    ps, hs = paragraphs(40, 15), headings()
    parts = [hs[0], "=" * len(hs[0]) * 2, "", ".. contents::", "", ".. sectnum::", ""]
    for i, p in enumerate(ps):
        if i % 6 == 0:
            h = hs[(i // 6 + 6) % len(hs)]
            parts += [h, "-" * (len(h) + 4), ""]
        text = esc(p)
        if i % 3 == 1:
            k = text.find(". ") + 1 or len(text)
            text = text[:k] + " [#]_" + text[k:]
            parts += [text, "", f".. [#] {esc(ps[(i + 5) % len(ps)][:200])}", ""]
        elif i % 10 == 4:
            parts += [".. sidebar:: In brief", "", "   " + esc(p[:400]), ""]
        elif i % 10 == 8:
            s = [esc(x.strip())[:40] for x in p.split(". ")[:3]]
            w = 44
            line = "+" + "-" * 10 + "+" + "-" * w + "+"
            parts += [line, "| Group    | " + "Statement".ljust(w - 1) + "|", line.replace("-", "=")]
            for g, x in zip(("MNLA", "GATIA", "HCUA"), s):
                parts += [f"| {g:<9}| {x:<{w - 1}}|", line]
            parts += [""]
        else:
            parts += [text, ""]
    d = tmpdir()
    (d / "in.rst").write_text("\n".join(parts), encoding="utf-8")
    rst2pdf = shutil.which("rst2pdf", path=str(Path(sys.executable).parent)) or shutil.which("rst2pdf")
    run([rst2pdf, "in.rst", "-o", "out.pdf"], cwd=d)
    shutil.copy(d / "out.pdf", out / "rst2pdf_contents_footnotes.pdf")


BUILDERS = {"rst2pdf_contents_footnotes": rst}

if __name__ == "__main__":
    main(BUILDERS)
