"""Rounds 9 and 10 of issue 13's material: real PDFs that Python packages ship in their sdists.

Real PDFs nobody here wrote, that Python packages ship as test or example files in their source
distributions on the package index. Round 9 (Microsoft Word 2010 and 365,
Adobe Acrobat Pro DC, LiveCycle Designer forms, Microsoft Reporting Services, InDesign CS4,
Acrobat Distiller + iText, PDFsharp over Adobe PDF Library, Corel, AutoCAD, Excel, Google Docs,
Quartz on macOS and iOS, Pages, LibreOffice, pdfTeX, XeTeX, PDFsam, OCR layers from an Epson
scanner, LuraDocument and ocrmypdf/Tesseract). Not tuned on: the 30 with text (of 194 distinct
PDFs in these packages) are scored as they come. Round 10 (`--round 10`): the 128 PDFs with text
of PyMuPDF 2.1 (gathered from its users' bug reports: PDF-XChange, WPS, iLovePDF, Canva, Skia,
FastReport, ReportMill, OmniForm, Atypon, Compart, Designer, Arbortext, Illustrator, PDFMaker for
Word, Excel and PowerPoint, Distiller over InDesign and PScript5, Tesseract, Adobe Scan...),
pdf2docx 0.5.13 (Word 2019/365, Excel, wkhtmltopdf, iTextSharp, 3-Heights, Ghostscript), marker-pdf
2.0.0 (pages of the olmOCR benchmark) and pdfjinja 1.1.0.

Fetches each listed sdist from the package index (pinned versions), takes the listed files out into
a folder (names: package__path), and scores that folder with bench/pdf_fidelity_dev.py:

    PYTHONPATH=$PWD .venv/bin/python bench/package_pdfs.py [--round 9|10] [--pdfs DIR] [--out DIR] [--diff] [--engine E]
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
ROUND_9 = {
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


ROUND_10 = {
    ("marker-pdf", "2.0.0"): [f"tests/data/olmocr_bench/pdfs/{n}.pdf" for n in (
        'headers_footers_page1', 'long_tiny_text_pg36', 'multi_column_page1')],
    ("pdf2docx", "0.5.13"): [f"test/samples/{n}.pdf" for n in (
        'demo-image-vector-graphic', 'demo-image', 'demo-issue-340', 'demo-path-transformation', 'demo-section-spacing', 'demo-section',
        'demo-table-align-borders', 'demo-table-close-underline', 'demo-table-empty-cell', 'demo-table-lattice-one-cell', 'demo-table-lattice', 'demo-table-nested',
        'demo-table-shading-highlight', 'demo-table-shading', 'demo-table-stream', 'demo-table', 'demo-text-alignment', 'demo-text-hidden',
        'demo-text-scaling', 'demo-text-unnamed-fonts', 'demo-text-vertical', 'demo-text', 'demo-whisper_2_3', 'demo')],
    ("pdfjinja", "1.1.0"): [f"examples/{n}.pdf" for n in (
        'output',)],
    ("PyMuPDF", "2.1"): [f"tests/resources/{n}.pdf" for n in (
        '001003ED', '2', '2201.00069', 'battery-file-22', 'bug1945', 'chinese-tables',
        'cms-etc-filled', 'cython', 'dotted-gridlines', 'github_sample', 'has-bad-fonts', 'joined',
        'test-2333', 'test-2462', 'test-2812', 'test-3820', 'test-4055', 'test-4503',
        'test-707448', 'test-707673', 'test-E+A', 'test-styled-table', 'test2093', 'test_2108',
        'test_2548', 'test_2553-2', 'test_2553', 'test_2634', 'test_2635', 'test_2645_1',
        'test_2645_2', 'test_2645_3', 'test_2730', 'test_2791_content', 'test_2791_coverpage', 'test_2861',
        'test_2871', 'test_2904', 'test_2954', 'test_2957_1', 'test_2979', 'test_3062',
        'test_3072', 'test_3179', 'test_3186', 'test_3197', 'test_3357', 'test_3362',
        'test_3376', 'test_3450', 'test_3478', 'test_3594', 'test_3624', 'test_3725',
        'test_3727', 'test_3780', 'test_3842', 'test_3848', 'test_3854', 'test_3933',
        'test_3994', 'test_4017', 'test_4026', 'test_4047', 'test_4079', 'test_4079_after',
        'test_4079_after_1.25', 'test_4114', 'test_4139', 'test_4147', 'test_4180', 'test_4182',
        'test_4224', 'test_4245', 'test_4388_BOZ1', 'test_4388_BUL1', 'test_4412', 'test_4423',
        'test_4435', 'test_4505', 'test_4546', 'test_4599', 'test_4614', 'test_4639',
        'test_4670', 'test_4699', 'test_4751', 'test_4790', 'test_4846', 'test_4896',
        'test_4907', 'test_4942', 'test_4965', 'test_5001', 'test_5049', 'test_5125',
        'test_natural', 'test_open2', 'v110-changes')] + [f"tests/{n}.pdf" for n in (
        'test_4466',)],
}
ROUNDS = {9: ROUND_9, 10: ROUND_10}


def sdist(package: str, version: str) -> bytes:
    index = f"https://pypi.org/pypi/{package}/json"
    with urllib.request.urlopen(index, timeout=60) as r:
        urls = [u["url"] for u in json.load(r)["releases"][version] if u["packagetype"] == "sdist"]
    with urllib.request.urlopen(urllib.parse.urljoin(index, urls[0]), timeout=300) as r:  # (a mirror's are relative)
        return r.read()


def fetch(out: Path, files: dict) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for (package, version), paths in files.items():
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
    ap.add_argument("--round", type=int, choices=sorted(ROUNDS), default=9, help="which round's files")
    ap.add_argument("--pdfs", type=Path, default=None, help="where the PDFs go (default: a folder per round in /tmp)")
    ap.add_argument("--out", type=Path, default=None, help="run folder of the scoring")
    ap.add_argument("--engine", default=None)
    ap.add_argument("--diff", action="store_true")
    a = ap.parse_args()
    a.pdfs = a.pdfs or Path(f"/tmp/reportgraph-package-pdfs-{a.round}")
    fetch(a.pdfs, ROUNDS[a.round])
    cmd = [sys.executable, str(HERE / "pdf_fidelity_dev.py"), str(a.pdfs)]
    cmd += ["--out", str(a.out)] if a.out else []
    cmd += ["--engine", a.engine] if a.engine else []
    cmd += ["--diff"] if a.diff else []
    sys.exit(subprocess.call(cmd))


if __name__ == "__main__":
    main()
