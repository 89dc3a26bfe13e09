"""fpdf2: justified text in an embedded TrueType font (Identity-H) and in a core font, with a running
header and page numbers; and, with pypdf, the same pages given /Rotate (all 180; 0, 90, 180, 270)."""
from fpdf import FPDF

from common import headings, main, paragraphs

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSerif"  # Debian fonts-dejavu-core


class Doc(FPDF):
    fam = "Times"

    def header(self):
        self.set_font(self.fam, size=8)
        self.cell(0, 6, "Mali's Tragic But Persistent Status Quo", align="R")
        self.ln(10)

    def footer(self):
        self.set_y(-12)
        self.set_font(self.fam, size=8)
        self.cell(0, 6, f"{self.page_no()}", align="C")


def build(out, name, ttf, paras):
    d = Doc()
    if ttf:
        d.add_font("DejaVu", "", DEJAVU + ".ttf")
        d.add_font("DejaVu", "B", DEJAVU + "-Bold.ttf")
        d.fam = "DejaVu"
    d.add_page()
    hs = headings()
    for i, p in enumerate(paras):
        if i % 7 == 0:
            d.set_font(d.fam, "B", 13)
            d.multi_cell(0, 8, hs[(i // 7) % len(hs)])
            d.ln(1)
        d.set_font(d.fam, "", 10.5)
        d.multi_cell(0, 5.2, p if ttf else p.encode("latin-1", "replace").decode("latin-1"), align="J")
        d.ln(2)
    d.output(str(out / name))


def rotated(out, src, name, rots):
    from pypdf import PdfReader, PdfWriter
    if not (out / src).exists():
        raise FileNotFoundError(f"needs {src}")
    r, w = PdfReader(str(out / src)), PdfWriter()
    for i, page in enumerate(r.pages):
        page.rotate(rots[i % len(rots)])
        w.add_page(page)
    w.write(str(out / name))


BUILDERS = {
    "fpdf_ttf_justified": lambda out: build(out, "fpdf_ttf_justified.pdf", True, paragraphs(30, 10)),
    "fpdf_core_justified": lambda out: build(out, "fpdf_core_justified.pdf", False, paragraphs(30, 50)),
    "rot_mixed_0_90_180_270": lambda out: rotated(out, "fpdf_core_justified.pdf", "rot_mixed_0_90_180_270.pdf", [0, 90, 180, 270]),
    "rot_all_180": lambda out: rotated(out, "fpdf_ttf_justified.pdf", "rot_all_180.pdf", [180]),
}

if __name__ == "__main__":
    main(BUILDERS)
