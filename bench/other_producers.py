"""PDFs from producers the development sets lack, made on this machine (issue 13): not tuned on.

- Ghostscript's pdfwrite re-distillation of every PDF of ../shared/fixtures/real-pdfs-dev, of
  real-pdfs (the readable ones) and of the report (`gs -sDEVICE=pdfwrite`, as `ps2pdf` and many
  print-to-PDF set-ups write): the same text, another producer's fonts (subsets re-encoded,
  ligatures named by their parts, TrueType fonts written bare, without /Encoding or /ToUnicode);
- groff's typesetting of a few manual pages, through PostScript and Ghostscript (`man -Tps`);
- the PDFs Debian's documentation packages installed here (pdfTeX manuals), if any.

Then `bench/pdf_fidelity_dev.py` (the shared tool's figures) on that folder:

    PYTHONPATH=$PWD .venv/bin/python bench/other_producers.py [--out DIR] [--engine E] [--diff]

Needs Ghostscript and groff (Debian: `apt-get install ghostscript groff`); files that cannot be
made are left out with a line saying why.
"""
from __future__ import annotations

import argparse
import gzip
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SOURCES = sorted((SHARED / "fixtures" / "real-pdfs-dev").glob("*.pdf")) + [
    SHARED / "fixtures" / "real-pdfs" / name for name in (
        "federal-register-2020-17221.pdf", "issue-71-duplicate-chars-2.pdf",
        "nics-background-checks-2015-11-rotated.pdf", "scotus-transcript-p1.pdf")
] + sorted((SHARED / "corpus").glob("*.pdf"))
MAN_PAGES = ("bash", "git", "tar")
DOC_PDFS = ("/usr/share/doc/libtasn1-doc/libtasn1.pdf", "/usr/share/doc/shared-mime-info/shared-mime-info-spec.pdf")


def redistill(src: Path, out: Path) -> str | None:
    done = subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite",
                           f"-sOutputFile={out}", str(src)], capture_output=True, timeout=600)
    return None if done.returncode == 0 and out.exists() else f"gs failed ({done.returncode})"


def man_page(name: str, out: Path) -> str | None:
    found = subprocess.run(["man", "-w", name], capture_output=True, text=True)
    if found.returncode != 0:
        return "no such manual page"
    source = Path(found.stdout.strip())
    text = gzip.decompress(source.read_bytes()) if source.suffix == ".gz" else source.read_bytes()
    ps = subprocess.run(["groff", "-man", "-Tps"], input=text, capture_output=True, timeout=300)
    if ps.returncode != 0:
        return "groff failed"
    done = subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite",
                           f"-sOutputFile={out}", "-"], input=ps.stdout, capture_output=True, timeout=300)
    return None if done.returncode == 0 else "gs failed"


def build(folder: Path) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    notes = []
    if not shutil.which("gs"):
        return ["Ghostscript (gs) not installed: nothing made"]
    for src in SOURCES:
        target = folder / f"gs-{src.stem}.pdf"
        if not target.exists() and (why := redistill(src, target)):
            notes.append(f"{src.name}: {why}")
    if shutil.which("groff") and shutil.which("man"):
        for name in MAN_PAGES:
            target = folder / f"groff-{name}.pdf"
            if not target.exists() and (why := man_page(name, target)):
                notes.append(f"man {name}: {why}")
    else:
        notes.append("groff or man not installed: no manual pages")
    for doc in map(Path, DOC_PDFS):
        if doc.exists() and not (folder / doc.name).exists():
            shutil.copy(doc, folder / doc.name)
    return notes


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / ".work" / "other-producers")
    ap.add_argument("rest", nargs=argparse.REMAINDER, help="passed on to bench/pdf_fidelity_dev.py (--diff, --engine E)")
    a = ap.parse_args()
    for note in build(a.out):
        print(note, file=sys.stderr)
    return subprocess.call([sys.executable, str(ROOT / "bench" / "pdf_fidelity_dev.py"), str(a.out), *a.rest])


if __name__ == "__main__":
    sys.exit(main())
