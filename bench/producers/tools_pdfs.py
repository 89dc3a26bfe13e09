"""Command-line producers: enscript and a2ps (plain text set two pages up, through PostScript and
Ghostscript's ps2pdf); groff -ms in two columns with footnotes; pandoc's HTML printed by wkhtmltopdf
(head and foot lines with page numbers; CSS two columns); OCR: three pages of xe_french_babel
rasterised and given tesseract's invisible text layer by ocrmypdf. Re-writes of other files of the
folder: qpdf (object streams, linearised), mutool clean (decompressed, garbage collected), a
CropBox set inside the MediaBox with pypdf (head and foot lines cut off)."""
import subprocess
import textwrap

from common import REPORT, headings, main, paragraphs, run, tmpdir


def needs(out, name):
    if not (out / name).exists():
        raise FileNotFoundError(f"needs {name} in the folder (not made)")
    return out / name


def prose_txt(n, start, width):
    f = tmpdir() / "prose.txt"
    f.write_text("\n\n".join(textwrap.fill(p, width) for p in paragraphs(n, start)) + "\n", encoding="utf-8")
    return f


def enscript(out, name, *options):
    ps = tmpdir() / "e.ps"
    run(["enscript", "-q", *options, "-p", ps, prose_txt(30, 5, 78)])
    run(["ps2pdf", ps, out / name])


def a2ps(out):
    ps = tmpdir() / "a.ps"
    run(["a2ps", "-q", "-2", "--medium=A4", "-o", ps, prose_txt(24, 8, 76)])
    run(["ps2pdf", ps, out / "a2ps_2up.pdf"])


def groff_ms(out):
    hs = headings()
    lines = [".TL", "Mali's Tragic But Persistent Status Quo", ".AU", "Alex Thurston", ".2C"]
    for i, p in enumerate(paragraphs(40, 45)):
        if i % 6 == 0:
            lines += [".NH", hs[(i // 6) % len(hs)]]
        lines += [".PP", p.replace("\\", "").replace("'", "\u2019").lstrip(".")]
        if i % 5 == 2:
            lines += [".FS", "Interview in Bamako, 2017; see also the annual report of the panel of experts.", ".FE"]
    src = tmpdir() / "g.ms"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    pdf = run(["groff", "-ms", "-Tpdf", "-P-pa4", "-K", "utf8", src]).stdout
    (out / "groff_ms_2col.pdf").write_bytes(pdf)


def wkhtmltopdf(out, name, css=None, *options):
    d = tmpdir()
    (d / "r.md").write_text(REPORT.read_bytes()[:60000].decode("utf-8", "ignore"), encoding="utf-8")
    extra = []
    if css:
        (d / "c.css").write_text(css)
        extra = ["-c", d / "c.css"]
    run(["pandoc", d / "r.md", "-s", "--metadata", "title=Mali report", *extra, "-o", d / "r.html"])
    done = subprocess.run(["wkhtmltopdf", "-q", *options, d / "r.html", out / name], capture_output=True, timeout=600)
    if not (out / name).exists():  # it exits 1 on a resource it cannot load, the PDF written all the same
        raise RuntimeError(f"wkhtmltopdf exited {done.returncode}, no PDF")


def ocr(out):
    from PIL import Image
    d = tmpdir()
    run(["pdftoppm", "-r", "200", "-f", "1", "-l", "3", "-png", needs(out, "xe_french_babel.pdf"), d / "pg"])
    images = [Image.open(p).convert("RGB") for p in sorted(d.glob("pg-*.png"))]
    images[0].save(d / "scan.pdf", save_all=True, append_images=images[1:], resolution=200)
    run(["ocrmypdf", "-q", "-l", "eng", "--output-type", "pdf", d / "scan.pdf", out / "ocr_tesseract_layer.pdf"])


def crop_inside_media(out):
    """CropBox [40 50 560 800] on rl_platypus_1col: its "Page n" (y 34) and head line (y 808) outside."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import RectangleObject
    r, w = PdfReader(str(needs(out, "rl_platypus_1col.pdf"))), PdfWriter()
    for page in r.pages:
        page.cropbox = RectangleObject([40, 50, 560, 800])
        w.add_page(page)
    w.write(str(out / "crop_inside_media.pdf"))


CSS2 = """body{font-family:'DejaVu Serif';font-size:11pt;-webkit-column-count:2;-webkit-column-gap:1.5em;text-align:justify}
h1,h2{-webkit-column-span:all}
"""

BUILDERS = {
    "enscript_2up_landscape": lambda out: enscript(out, "enscript_2up_landscape.pdf", "-G", "-2", "-r", "-f", "Times-Roman9"),
    "enscript_courier_header": lambda out: enscript(out, "enscript_courier_header.pdf", "-f", "Courier10",
                                                    "--header=Mali report|$n|Page $% of $="),
    "a2ps_2up": a2ps,
    "groff_ms_2col": groff_ms,
    "wk_pandoc_headerfooter": lambda out: wkhtmltopdf(
        out, "wk_pandoc_headerfooter.pdf", None, "--header-right", "[page]/[topage]", "--header-font-size", "8",
        "--footer-center", "RLS Research Papers", "--footer-font-size", "8"),
    "wk_pandoc_css2col": lambda out: wkhtmltopdf(out, "wk_pandoc_css2col.pdf", CSS2, "--enable-local-file-access"),
    "ocr_tesseract_layer": ocr,
    "qpdf_objstm_linear": lambda out: run(["qpdf", "--object-streams=generate", "--linearize",
                                           needs(out, "xe_article_fn_margin.pdf"), out / "qpdf_objstm_linear.pdf"]),
    "mutool_clean_twocol": lambda out: run(["mutool", "clean", "-gggg", "-d", needs(out, "lua_twocolumn_microtype.pdf"),
                                            out / "mutool_clean_twocol.pdf"]),
    "crop_inside_media": crop_inside_media,
}

if __name__ == "__main__":
    main(BUILDERS)
