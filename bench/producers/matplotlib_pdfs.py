"""matplotlib's PDF backend: pages of prose drawn as fig.text lines, in Type 3 fonts
(pdf.fonttype 3) and in embedded TrueType (42)."""
import textwrap

import matplotlib

matplotlib.use("pdf")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.backends.backend_pdf import PdfPages  # noqa: E402

from common import main, paragraphs  # noqa: E402


def build(out, name, fonttype, per=52):
    matplotlib.rcParams["pdf.fonttype"] = fonttype
    lines = []
    for p in paragraphs(18, 70):
        lines += textwrap.wrap(p, 95) + [""]
    with PdfPages(str(out / name)) as pdf:
        for i in range(0, len(lines), per):
            fig = plt.figure(figsize=(8.27, 11.69))
            for j, line in enumerate(lines[i:i + per]):
                fig.text(0.08, 0.95 - j * 0.0175, line, fontsize=9, family="DejaVu Serif")
            fig.text(0.5, 0.02, str(i // per + 1), ha="center", fontsize=8)
            pdf.savefig(fig)
            plt.close(fig)


BUILDERS = {"mpl_type3": lambda out: build(out, "mpl_type3.pdf", 3),
            "mpl_truetype42": lambda out: build(out, "mpl_truetype42.pdf", 42)}

if __name__ == "__main__":
    main(BUILDERS)
