"""More PDFs from producers the development sets lack, made on this machine from the bundled report's
text (issue 13): not tuned on. The builders are in bench/producers/ (one per producer family, each
file small; the text is ../shared/corpus/mali-status-quo-2018.md's own prose, but for four French
paragraphs written for xe_french_babel in bench/producers/latex_pdfs.py):

- XeLaTeX and LuaLaTeX (fontspec: article with footnotes and margin notes, two columns with
  microtype, KOMA-Script in three multicol columns, memoir with longtable, French with babel, beamer)
  and pdfLaTeX (wrapfig), then qpdf and mutool re-writes of two of them;
- LibreOffice Writer (a flat ODT: sections in columns, a floating frame, notes, merged cells;
  exported plain and tagged PDF/A-2b) and a python-docx .docx converted by LibreOffice;
- Chromium's print to PDF (CSS columns, floats, fixed head and foot lines, SVG text, side notes),
  WeasyPrint (CSS paged media: margin boxes, CSS footnotes, columns), pandoc's HTML through
  wkhtmltopdf;
- groff -ms (two columns), enscript and a2ps (through ps2pdf), reportlab (platypus frames in one to
  three columns, a canvas written bottom line first, a MediaBox off the origin), fpdf2 (TrueType and
  core fonts), matplotlib (Type 3 and TrueType text), an OCR text layer (ocrmypdf, tesseract), a
  CropBox inside the MediaBox (pypdf);
- rot_all_180 and rot_mixed_0_90_180_270 (fpdf2's pages given /Rotate): made, put in the folder's
  not-scored/ and left out of the figures, as ../shared/tools/pdf_fidelity.py says of files whose
  pages its reference (pdfplumber) garbles: it reads a /Rotate 180 page backwards.

Round 6 adds: Typst (outline with dot leaders, numbered headings set one right after another,
footnotes, two page columns with a spanning float, notes placed in a wide margin, flipped landscape
pages), PyMuPDF (a Story in two rectangles a page, insert_text line by line, justified
insert_textbox, insert_htmlbox with a sidebar box), pdfLaTeX (KOMA scrreprt with contents and list
of tables, fancyhdr twoside with lists and run-in paragraphs, two columns with footnotes and a
bibliography, IEEEtran, pdflscape's /Rotate 90 page, lineno line numbers, paracol, tufte-handout),
pandoc's default LaTeX, xhtml2pdf (tables, lists, @frame columns), rst2pdf (contents, footnotes,
sidebar), a python-docx .docx with a TOC field and framed boxes and a python-pptx deck through
LibreOffice Writer and Impress.

Round 7 adds document kinds like the held-out set's (kinds_*_pdfs.py, invented text): bilingual
municipal plans, government forms, school board agendas, journal articles, conference papers,
textbook pages, software manuals and sentence-splitting tests, from pdfLaTeX, LibreOffice, Chromium,
WeasyPrint, Typst and reportlab.

Then `bench/pdf_fidelity_dev.py` (the shared tool's figures) on that folder:

    PYTHONPATH=$PWD .venv/bin/python bench/more_producers.py [--out DIR] [--venv DIR] [--engine E] [--diff]

The builders run in a virtual environment of their own, not the project's: --venv DIR (default
bench/.work/producers-venv), made with `python -m venv` and `pip install` of VENV_PACKAGES when it
does not exist (first made with reportlab 5.1.0, fpdf2 2.8.9, python-docx 1.2.0, matplotlib 3.11.2,
pypdf 7.1.1, weasyprint 70.0, pillow 13.0.0; Python 3.11; round 6 with typst 0.15.2, pymupdf 2.0,
xhtml2pdf 0.2.28, rst2pdf 0.105, python-pptx 1.0). Debian packages: texlive-xetex texlive-luatex
texlive-latex-recommended texlive-latex-extra texlive-lang-french texlive-fonts-recommended
texlive-publishers (IEEEtran) fonts-lmodern fonts-dejavu-core fonts-liberation
libreoffice-writer-nogui libreoffice-impress-nogui chromium wkhtmltopdf pandoc groff enscript a2ps ghostscript qpdf mupdf-tools poppler-utils ocrmypdf
tesseract-ocr-eng (and WeasyPrint's libpango-1.0-0 libpangoft2-1.0-0). Files already in the folder
are kept; a file whose program or package is missing is skipped, one line per missing thing saying
which files; a builder's failure is one line per file.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILDERS = ROOT / "bench" / "producers"
VENV_PACKAGES = ("reportlab", "fpdf2", "python-docx", "matplotlib", "pypdf", "weasyprint", "pillow",
                 "typst", "pymupdf", "xhtml2pdf", "rst2pdf", "python-pptx")
MODULE = {"fpdf2": "fpdf", "python-docx": "docx", "pillow": "PIL", "python-pptx": "pptx"}  # PyPI name -> import name, where they differ
DEBIAN = {"xelatex": "texlive-xetex", "lualatex": "texlive-luatex", "pdflatex": "texlive-latex-extra",
          "soffice": "libreoffice-writer-nogui", "chromium": "chromium", "wkhtmltopdf": "wkhtmltopdf",
          "pandoc": "pandoc", "groff": "groff", "enscript": "enscript", "a2ps": "a2ps", "ps2pdf": "ghostscript",
          "qpdf": "qpdf", "mutool": "mupdf-tools", "pdftoppm": "poppler-utils", "ocrmypdf": "ocrmypdf"}
# file (stem) -> (builder in bench/producers/, programs it runs, PyPI packages it imports); in build
# order: a file made from another comes after it (crop_inside_media, rot_*, qpdf_*, mutool_*, ocr_*)
FILES = {
    "rl_platypus_1col": ("reportlab_pdfs", (), ("reportlab",)),
    "rl_frames_2col": ("reportlab_pdfs", (), ("reportlab",)),
    "rl_frames_3col_landscape": ("reportlab_pdfs", (), ("reportlab",)),
    "rl_canvas_bottomup": ("reportlab_pdfs", (), ("reportlab",)),
    "rl_mediabox_offset": ("reportlab_pdfs", (), ("reportlab", "pypdf")),
    "fpdf_ttf_justified": ("fpdf_pdfs", (), ("fpdf2",)),
    "fpdf_core_justified": ("fpdf_pdfs", (), ("fpdf2",)),
    "rot_mixed_0_90_180_270": ("fpdf_pdfs", (), ("fpdf2", "pypdf")),
    "rot_all_180": ("fpdf_pdfs", (), ("fpdf2", "pypdf")),
    "mpl_type3": ("matplotlib_pdfs", (), ("matplotlib",)),
    "mpl_truetype42": ("matplotlib_pdfs", (), ("matplotlib",)),
    "xe_article_fn_margin": ("latex_pdfs", ("xelatex",), ()),
    "lua_twocolumn_microtype": ("latex_pdfs", ("lualatex",), ()),
    "xe_scrartcl_multicol3": ("latex_pdfs", ("xelatex",), ()),
    "lua_memoir_longtable": ("latex_pdfs", ("lualatex",), ()),
    "xe_french_babel": ("latex_pdfs", ("xelatex",), ()),
    "lua_beamer": ("latex_pdfs", ("lualatex",), ()),
    "tex_wrapfig": ("latex_pdfs", ("pdflatex",), ()),
    "chr_css_3col_fixed": ("chromium_pdfs", ("chromium",), ()),
    "chr_svg_text": ("chromium_pdfs", ("chromium",), ()),
    "chr_abs_sidenotes": ("chromium_pdfs", ("chromium",), ()),
    "weasy_1col_footnotes": ("weasyprint_pdfs", (), ("weasyprint",)),
    "weasy_2col_footnotes": ("weasyprint_pdfs", (), ("weasyprint",)),
    "lo_fodt_mixed": ("libreoffice_pdfs", ("soffice",), ()),
    "lo_fodt_mixed_tagged_pdfa": ("libreoffice_pdfs", ("soffice",), ()),
    "docx_lo_sections": ("libreoffice_pdfs", ("soffice",), ("python-docx",)),
    "enscript_2up_landscape": ("tools_pdfs", ("enscript", "ps2pdf"), ()),
    "enscript_courier_header": ("tools_pdfs", ("enscript", "ps2pdf"), ()),
    "a2ps_2up": ("tools_pdfs", ("a2ps", "ps2pdf"), ()),
    "groff_ms_2col": ("tools_pdfs", ("groff",), ()),
    "wk_pandoc_headerfooter": ("tools_pdfs", ("pandoc", "wkhtmltopdf"), ()),
    "wk_pandoc_css2col": ("tools_pdfs", ("pandoc", "wkhtmltopdf"), ()),
    "ocr_tesseract_layer": ("tools_pdfs", ("pdftoppm", "ocrmypdf"), ("pillow",)),
    "qpdf_objstm_linear": ("tools_pdfs", ("qpdf",), ()),
    "mutool_clean_twocol": ("tools_pdfs", ("mutool",), ()),
    "crop_inside_media": ("tools_pdfs", (), ("pypdf",)),
    # round 6 (bench/producers/{typst,pymupdf,latex2,xhtml2pdf,rst,office2}_pdfs.py)
    "typst_report_outline": ("typst_pdfs", (), ("typst",)),
    "typst_2col_footnotes": ("typst_pdfs", (), ("typst",)),
    "typst_margin_notes": ("typst_pdfs", (), ("typst",)),
    "typst_landscape_table": ("typst_pdfs", (), ("typst",)),
    "pymupdf_story_2col": ("pymupdf_pdfs", (), ("pymupdf",)),
    "pymupdf_2col_offset_baselines": ("pymupdf_pdfs", (), ("pymupdf",)),
    "pymupdf_insert_text_lines": ("pymupdf_pdfs", (), ("pymupdf",)),
    "pymupdf_textbox_justify": ("pymupdf_pdfs", (), ("pymupdf",)),
    "pymupdf_htmlbox_sidebar": ("pymupdf_pdfs", (), ("pymupdf",)),
    "tex_scrreprt_toc": ("latex2_pdfs", ("pdflatex",), ()),
    "tex_fancyhdr_twoside_lists": ("latex2_pdfs", ("pdflatex",), ()),
    "tex_twocol_fn_bib": ("latex2_pdfs", ("pdflatex",), ()),
    "tex_ieeetran_conf": ("latex2_pdfs", ("pdflatex",), ()),
    "tex_lscape_rotate90": ("latex2_pdfs", ("pdflatex",), ()),
    "tex_lineno_review": ("latex2_pdfs", ("pdflatex",), ()),
    "tex_paracol_bilingual": ("latex2_pdfs", ("pdflatex",), ()),
    "tex_tufte_sidenotes": ("latex2_pdfs", ("pdflatex",), ()),
    "pandoc_latex_default": ("latex2_pdfs", ("pandoc", "pdflatex"), ()),
    "xhtml2pdf_tables_lists": ("xhtml2pdf_pdfs", (), ("xhtml2pdf",)),
    "xhtml2pdf_frames_2col": ("xhtml2pdf_pdfs", (), ("xhtml2pdf",)),
    "rst2pdf_contents_footnotes": ("rst_pdfs", (), ("rst2pdf",)),
    "docx_toc_textbox": ("office2_pdfs", ("soffice",), ("python-docx",)),
    "pptx_impress_deck": ("office2_pdfs", ("soffice",), ("python-pptx",)),
    # round 7: document kinds of the held-out set (bench/producers/kinds_{tex,office,html,misc}_pdfs.py; text invented in kinds_text.py)
    "kind_plan_tex": ("kinds_tex_pdfs", ("pdflatex",), ()),
    "kind_journal_tex": ("kinds_tex_pdfs", ("pdflatex",), ()),
    "kind_conf_tex": ("kinds_tex_pdfs", ("pdflatex",), ()),
    "kind_textbook_tex": ("kinds_tex_pdfs", ("pdflatex",), ()),
    "kind_splits_tex": ("kinds_tex_pdfs", ("pdflatex",), ()),
    "kind_plan_docx": ("kinds_office_pdfs", ("soffice",), ("python-docx",)),
    "kind_agenda_docx": ("kinds_office_pdfs", ("soffice",), ("python-docx",)),
    "kind_splits_docx": ("kinds_office_pdfs", ("soffice",), ("python-docx",)),
    "kind_manual_chromium": ("kinds_html_pdfs", ("chromium",), ()),
    "kind_conf_chromium": ("kinds_html_pdfs", ("chromium",), ()),
    "kind_form_weasy": ("kinds_html_pdfs", (), ("weasyprint",)),
    "kind_journal_weasy": ("kinds_html_pdfs", (), ("weasyprint",)),
    "kind_agenda_weasy": ("kinds_html_pdfs", (), ("weasyprint",)),
    "kind_textbook_weasy": ("kinds_html_pdfs", (), ("weasyprint",)),
    "kind_manual_typst": ("kinds_misc_pdfs", (), ("typst",)),
    "kind_plan_typst": ("kinds_misc_pdfs", (), ("typst",)),
    "kind_form_reportlab": ("kinds_misc_pdfs", (), ("reportlab",)),
}
NOT_SCORED = {"rot_all_180": "reference tool cannot read rotated pages",
              "rot_mixed_0_90_180_270": "reference tool cannot read rotated pages"}


def venv_python(venv: Path) -> tuple[str, list[str]]:
    """The producers' venv's python (made with VENV_PACKAGES if missing), else this one; and notes."""
    python = venv / "bin" / "python"
    if not python.exists():
        print(f"making the producers' venv {venv} (pip install {' '.join(VENV_PACKAGES)})", file=sys.stderr)
        made = subprocess.run([sys.executable, "-m", "venv", str(venv)], capture_output=True, text=True)
        if made.returncode == 0:
            made = subprocess.run([str(python), "-m", "pip", "install", "-q", *VENV_PACKAGES], capture_output=True, text=True)
        if made.returncode != 0:
            tail = " ".join((made.stderr or made.stdout).split())[-160:]
            return (str(python) if python.exists() else sys.executable), [f"producers' venv not made: {tail}"]
    return str(python), []


def missing_modules(python: str) -> set[str]:
    wanted = {p: MODULE.get(p, p) for p in VENV_PACKAGES}
    code = ("import importlib.util, sys; print(' '.join(p for p, m in zip(sys.argv[1::2], sys.argv[2::2]) "
            "if importlib.util.find_spec(m) is None))")
    done = subprocess.run([python, "-c", code, *(x for kv in wanted.items() for x in kv)], capture_output=True, text=True)
    return set(done.stdout.split()) if done.returncode == 0 else set(VENV_PACKAGES)


def target(folder: Path, stem: str) -> Path:
    return (folder / "not-scored" if stem in NOT_SCORED else folder) / f"{stem}.pdf"


def build(folder: Path, venv: Path) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    if all(target(folder, stem).exists() for stem in FILES):
        return []
    python, notes = venv_python(venv)
    no_module = missing_modules(python)
    skipped: dict[str, list[str]] = {}
    todo: dict[str, list[str]] = {}
    for stem, (builder, programs, packages) in FILES.items():
        if target(folder, stem).exists():
            continue
        why = [f"{p} (Debian {DEBIAN[p]})" for p in programs if not shutil.which(p)]
        if lacking := [p for p in packages if p in no_module]:
            why.append(f"PyPI {' '.join(lacking)} in the producers' venv")
        if why:
            skipped.setdefault(", ".join(why), []).append(stem)
        else:
            todo.setdefault(builder, []).append(stem)
    notes += [f"skipped, needs {why}: {', '.join(stems)}" for why, stems in skipped.items()]
    for builder, stems in todo.items():  # in FILES order, one after another
        done = subprocess.run([python, str(BUILDERS / f"{builder}.py"), str(folder), *stems],
                              capture_output=True, text=True, cwd=BUILDERS)
        notes += done.stdout.splitlines()
        if done.returncode != 0:
            notes.append(f"{builder}: exited {done.returncode}: " + " ".join(done.stderr.split())[-200:])
        for stem in stems:
            if stem in NOT_SCORED and (folder / f"{stem}.pdf").exists():
                target(folder, stem).parent.mkdir(exist_ok=True)
                (folder / f"{stem}.pdf").replace(target(folder, stem))
    return notes


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / ".work" / "more-producers")
    ap.add_argument("--venv", type=Path, default=ROOT / "bench" / ".work" / "producers-venv",
                    help="the builders' virtual environment (made if missing)")
    ap.add_argument("--engine", help="PDF character engine (bench/pdf_fidelity_dev.py --engine)")
    ap.add_argument("--diff", action="store_true", help="per file: lost and extra tokens")
    a, rest = ap.parse_known_args()
    for note in build(a.out.resolve(), a.venv.resolve()):
        print(note, file=sys.stderr)
    options = [*(["--engine", a.engine] if a.engine else []), *(["--diff"] if a.diff else []), *rest]
    rc = subprocess.call([sys.executable, str(ROOT / "bench" / "pdf_fidelity_dev.py"), str(a.out), *options])
    made = [stem for stem in NOT_SCORED if target(a.out, stem).exists()]
    for why in sorted({NOT_SCORED[s] for s in made}):
        print(f"not scored ({why}; in {a.out / 'not-scored'}): "
              + ", ".join(f"{s}.pdf" for s in made if NOT_SCORED[s] == why))
    return rc


if __name__ == "__main__":
    sys.exit(main())
