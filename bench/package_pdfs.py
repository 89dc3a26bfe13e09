"""Rounds 9 to 16 of issue 13's material: real PDFs that packages ship (PyPI sdists, npm, Debian).

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
2.0.0 (pages of the olmOCR benchmark) and pdfjinja 1.1.0. Round 11 (`--round 11`): the 149 PDFs with
text of eleven more sdists: megaparse 0.0.55 (Acrobat Paper Capture and Word OCR layers, a
144-page InDesign book, a 111-page PowerPoint deck, a 234-page pdfTeX book, Google Docs),
sycamore-ai 0.1.34 (a 131-page 10-K through EDGAR's PDFlib, NTSB reports from Aspose.Words,
papers re-saved by macOS Preview, calibre), mmda 0.4.8 (Acrobat's XPS conversion, Distiller over
PScript5), refextract (dvipdfm and dvips theses and papers), docling-parse 2.0.0 (InDesign CS6),
PyMuPDF 1.24.0's files that 2.1 no longer ships (a 285-page MiKTeX book, forms, tables),
invoice2data 0.3.6, playa-pdf 1.1.0 (pdfminer's hand-made corner cases: rotations, ToUnicode
forms, vertical Japanese, encryption), pdftotext 4.0.0, pypdfium2 5.15.2 and pdfsplit 0.4.2
(pypdfium2's box_fallback.pdf is left out: pdfplumber cannot open its page, and the shared tool
stops on it). Round 12 (`--round 12`): the 83 PDFs with text of 27 more sdists (ocrmypdf 9.0.0 and
17.13.0's OCR layers, pdfminer 20191125's samples: IRS forms from Amgraf OneForm and Distiller 7, a
WordPerfect file through PDFWriter 3, a Japanese gazette; paper-qa's papers and a Chrome print with
KaTeX; rpaframework's invoices and a Finnish tax form from InDesign; docassemble's forms from
Microsoft Print To PDF; a Japanese white paper from Switch; a WPS slide deck; Nuitka's ReportLab
manuals; PDFlib, Photoshop, Apache FOP, PDFpen, cairo...); python-poppler's error_log.pdf is left out
(pdfplumber cannot open it, and the shared tool stops on it). Round 13 (`--round 13`): 40 PDFs with
text of twelve more sdists (kreuzberg 3.18.0: a German municipal gazette from Distiller 15 over PScript5
with no /ToUnicode, a Google Docs table, Distiller 9 contract, OpenOffice.org 3.1 article, Paper Capture
OCR; excalibur-py 0.4.2: a 180-page InDesign CC catalogue, Ghostscript 9.06, cairo 1.10; pymupdf4llm
1.28.2: iText 5.3 Land Registry notes, a Japanese-locale macOS Word paper, Hindi from InDesign via Quartz,
pdf-lib, Internet Archive; pdf2zh 1.8.9: PDF Expert, pikepdf, pdfTeX; pdfminer.six 20170720 and 20200121:
activePDF Toolkit, AFP Batch Processor, mPDF, dvipdfmx vertical Japanese, InDesign CC 2015; rst2pdf's
ReportLab output, Mayan EDMS's Sphinx/pdfTeX manual, dvipdfm, Distiller 4 over Word 8, Skia); none
made pdfplumber fail. Round 14 (`--round 14`): 62 PDFs with text from npm tarballs (pdf-parse 1.1.1:
QuarkXPress 7 through Distiller 8, Google Docs, pdfeTeX; pdf-data-parser: US election tables from Telerik
Reporting, Excel and Word 365, InDesign 2023, PDFMaker 11; pdf-merger-js: Prince 14, ABBYY FineReader 14's
UDHR, LibreOffice 5.1, Distiller 7; pdf2json 0.7.1's IRS forms from LiveCycle Designer ES 8.2; pdf-extract's
Y&Y DVIPSONE through Distiller 4; pdf2html's Nevrona Rave; pdf-table-extractor's DocuCom PDF Driver;
pdfreader's Skia, InDesign CS6 and TextEdit files) and Debian 12 .debs (groff's gropdf and
groff-through-Ghostscript manuals, mom's French "mon premier doc"; xorg-docs from Apache FOP 2.5 over
DocBook; graphviz's Distiller 3 for Solaris guides; SIL Gentium's cairo-made pages; Prawn's 111-page manual;
htmldoc's 176-page xfig reference; GNU Ghostscript 7.07's gpsim manual; TCPDF; LibreOffice 4.0 and 5.2
forms and manual; the French Debian FAQ and live-manual from xdvipdfmx); none made pdfplumber fail. Round 15
(`--round 15`): 51 PDFs with text from 28 more Debian 12 .debs (PyPI and npm gave no new PDFs): SIL fonts'
feature and type-sample documents for Tifinagh, West African and Kano Arabic, Ethiopic, Khmer, Burmese, Lepcha, Miao and
Tai scripts from Word ("Microsoft"), LibreOffice 5.1 to 7.1 (Writer and Draw), Distiller 9.4 to 21 over PScript5, GNU
Ghostscript 8.64 over PScript5, PDFMaker 7 for Excel and Pages through Quartz on Mac OS X 10.6, and one more cairo page;
French documents: a QuarkXPress 4.11 article through Distiller 5 for Macintosh, WinFF's LibreOffice 7.4 manual (with
its English, Spanish and Dutch siblings), the Debian Edu and LinuxCNC manuals from DBLaTeX/xdvipdfmx, an XeTeX invoice,
LuaTeX newsletter and typography guides, pdfTeX law and journal templates, the Debian developers' reference and
Ubuntu packaging guide; and TeXmacs with Hummus (giac's 182-page graph theory manual), gputils' dvips through
Ghostscript 9.14, and Amiri's Arabic documentation from xdvipdfmx. Round 16 (`--round 16`): 65 PDFs with text
from 42 more Debian 12 .debs, chosen for their producers (few TeX): OpenOffice.org 1.1 to 3.2 and LibreOffice 3.5 to
7.0 Writer (manuals, bank statements, German dunning letters and a donation receipt from jverein, a French unit
table from pampi, the French PreviSat manual, a student report), OpenOffice.org Impress slides (faust), soffice slides
through Quartz, Word 2010 and 2013, Word through Quartz on Mac OS X 10.3 to 10.13, Keynote, PowerPoint 2016, PDFMaker 6
and 8.1 (Spanish) for Word, Distiller 3 for Power Macintosh (the French and Spanish Lure of the Temptress manuals),
Distiller 8 over PScript5, AdobePS5, LibreOffice Draw test pages, Ghostscript 8.15 and 9.19 over PScript5,
Ghostscript 8.54 (a German power-of-attorney form), Ghostscript 8.64 over Mozilla's PostScript (Warmux's French and
German guides), Scribus 1.3.4, calibre 2.41, Asciidoctor PDF over Prawn, Apache FOP 2.7 and 2.8 (GnuCash's
Portuguese help, 165 pp), Inkscape/cairo, diagrams.net through pdf-lib, MacDown through Quartz, a Pdf.Capture 5.2
OCR layer (NASA RP-1311, 184 pp), a Czech OpenOffice.org leaflet, a Hebrew lexicon; and one pdfTeX file, the French
Claws Mail manual.

Fetches each listed sdist from the package index (pinned versions), takes the listed files out into
a folder (names: package__path), and scores that folder with bench/pdf_fidelity_dev.py. A key
("npm:NAME", version) takes the files from that npm tarball (paths under its package/ folder, names
npm_NAME__path); ("deb:NAME", version) from Debian's .deb at exactly that version, fetched with
`apt-get download` (paths from the file system's root; a .pdf.gz is stored unzipped; names
deb_NAME__path); the archive keeps only current versions, so a version gone from it stops the fetch
with a message saying so:

    PYTHONPATH=$PWD .venv/bin/python bench/package_pdfs.py [--round 9|10|11|12|13|14|15|16] [--pdfs DIR] [--out DIR] [--diff] [--engine E]
"""
from __future__ import annotations

import argparse
import gzip
import io
import json
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections import Counter
import urllib.error
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
ROUND_11 = {
    ("docling-parse", "2.0.0"): [f"tests/pdf_docs/tests/{n}.pdf" for n in (
        '2305.14962v1',)] + [f"docling_parse/pdf_resources_v2/documentation/{n}.pdf" for n in (
        'MathematicalPi', 'MathematicalPiStd')],
    ("invoice2data", "0.3.6"): [f"tests/compare/{n}.pdf" for n in (
        'AmazonWebServices', 'FlipkartInvoice', 'QualityHosting', 'free_fiber', 'oyo')],
    ("megaparse", "0.0.55"): [f"tests/pdf/ocr/{n}.pdf" for n in (
        '0168003', '0168004', '0168119', '0168123', '0168126', '0168127')]
        + [f"tests/pdf/native/{n}.pdf" for n in (
        '0168011', '0168014', '0168029')] + [f"tests/data/{n}.pdf" for n in (
        'MegaFake_report', 'dummy')] + [f"tests/pdf/{n}.pdf" for n in (
        'mlbook', 'rust', 'sample_native', 'sample_table')],
    ("mmda", "0.4.8"): [f"src/ai2_internal/bibentry_detection_predictor/data/{n}.pdf" for n in (
        '000026bab3c52aa8ff37dc3e155ffbcb506aa1f6', 'no_bibs',
        'spanless_bibs_3cf45514384bbb7d083ae53e19bdc22300e648ab')]
        + [f"src/ai2_internal/citation_mentions/data/{n}.pdf" for n in (
        'arxiv-1906.08632-page0', 'arxiv-1906.08632-pages1-2')]
        + [f"src/ai2_internal/figure_table_predictors/test_fixtures/{n}.pdf" for n in (
        'test_doc_sha_08f02e7888f140a76a00ed23fce2f2fc303a',
        'test_doc_sha_d0450478c38dda61f9943f417ab9fcdb2ebeae0a')],
    ("pdfsplit", "0.4.2"): [f"samples/{n}.pdf" for n in (
        'test',)],
    ("pdftotext", "4.0.0"): [f"tests/{n}.pdf" for n in (
        'abcde', 'both_passwords', 'corrupt', 'corrupt_page', 'landscape_0', 'landscape_90',
        'portrait', 'table', 'three_columns', 'two_pages', 'user_password')],
    ("playa-pdf", "1.1.0"): [f"samples/rotation/{n}.pdf" for n in (
        '0', '0mb', '180', '180mb', '270', '270mb', '90', '90mb')] + [f"samples/acroform/{n}.pdf" for n in (
        'AcroForm_TEST', 'AcroForm_TEST_compiled')] + [f"samples/{n}.pdf" for n in (
        'actualtext', 'ascii_tounicode', 'broken_xobjects', 'character_spacing', 'core_font_encodings',
        'duplicate_encoding_tounicode', 'empty_content', 'evil_cmap', 'evil_xobjects', 'extgstate',
        'font-size-test', 'graphics_state_in_text_object', 'hello_structure', 'image_structure', 'jo',
        'missing_rolemap', 'multi-xrefs', 'pdf_structure', 'pie', 'rotated', 'rotated_type3_fonts',
        'sampleOneByteIdentityEncode', 'simple1', 'simple3', 'simple4', 'simple5',
        'structure_xobjects', 'text_displacement', 'text_side_effects', 'text_space', 'type3_fonts',
        'utf16_tounicode', 'utf8_tounicode', 'vertical_writing', 'vertical_writing_offset',
        'xobject_graphicstate', 'zen_of_python_corrupted')] + [f"samples/encryption/{n}.pdf" for n in (
        'aes-128', 'aes-128-m', 'aes-256', 'aes-256-m', 'aes-256-r6', 'base', 'rc4-128', 'rc4-40')] + [f"tests/{n}.pdf" for n in (
        'bad_operators', 'bad_pages', 'fallback-xref')],
    ("PyMuPDF", "1.24.0"): [f"tests/resources/{n}.pdf" for n in (
        'circular-toc', 'mupdf_explored', 'quad-calc-0', 'small-table', 'strict-yes-no', 'symbol-list',
        'test2182', 'test2238', 'test_1645_expected', 'test_1645_expected_1.22',
        'test_1645_expected_1.24', 'test_2742', 'test_2788', 'test_2907', 'test_2957_2', 'test_3058',
        'test_3070', 'test_annot_file_info', 'type3font', 'widgettest')],
    ("pypdfium2", "5.15.2"): [f"tests/resources/{n}.pdf" for n in (
        'attachments', 'encrypted', 'forms', 'images', 'multipage', 'render', 'text', 'toc',
        'toc_circular', 'toc_maxdepth', 'toc_style', 'toc_viewmodes')],
    ("refextract", "0.2.5"): [f"tests/data/{n}.pdf" for n in (
        '1503.07589v1', '1508.05632v2', '1706.09498v1', '1707.04066v1', 'DIS_SHEILA_final')],
    ("refextract", "1.0.0"): [f"tests/data/{n}.pdf" for n in (
        '1805.05865',)],
    ("sycamore-ai", "0.1.34"): [f"sycamore/tests/resources/data/pdfs/{n}.pdf" for n in (
        'NVDA_10k_2025', 'Ray', 'Ray_page1', 'Ray_page11', 'Transformer', 'basic_table',
        'doctor_testimonial', 'ntsb-report', 'ntsb1', 'ntsb3', 'visit_aryn')],
}
ROUND_12 = {
    ("cognee", "1.6.5"): ["cognee/tests/test_data/artificial-intelligence.pdf"],
    ("d8s-pdfs", "0.7.0"): ["tests/data/sample.pdf"],
    ("diff-pdf-visually", "1.8.1"): ["tests/base.pdf", "tests/base_plus_white_text.pdf", "tests/base_twice.pdf"],
    ("docassemble.base", "1.10.14"): [f"docassemble/base/data/{n}.pdf" for n in (
        "static/Transfer-of-Ownership", "static/fruit_template", "static/hello", "static/letter",
        "static/sample-form-checkbox-export-value", "static/sample-form", "templates/delme",
        "templates/sample-form-different-export-values")],
    ("extractous", "0.3.0"): ["bindings/extractous-python/tests/quarkus.pdf"],
    ("factur-x", "7.8"): ["tests/fixtures/pdf/invoice_EN16931.pdf"],
    ("img2table", "2.0.0"): [".github/scripts/test.pdf"],
    ("monopoly-core", "0.23.4"): ["src/monopoly/examples/example_statement.pdf", "tests/integration/fixtures/protected.pdf"],
    ("Nuitka", "0.6.0"): ["Developer_Manual.pdf", "README.pdf"],
    ("ocrmypdf", "17.13.0"): [f"tests/resources/{n}.pdf" for n in (
        "cmyk", "formxobject", "graph_ocred", "invalid", "link", "missing_docinfo", "multipage", "negzero", "overlay",
        "tagged", "toc", "truetype_font_nomapping", "type3_font_nomapping")],
    ("ocrmypdf", "9.0.0"): [f"tests/resources/{n}.pdf" for n in ("graph_ocred", "multipage", "skew-encrypted")],
    ("paper-qa", "2026.8.12"): [f"tests/stub_data/{n}.pdf" for n in ("duplicate_media", "influence", "paper", "pasa")],
    ("paperwork-backend", "2.2.5"): ["tests/docexport/test_pdf_doc/doc.pdf", "tests/docimport/test_password.pdf",
                                     "tests/model/doc.pdf"],
    ("pdfdeal", "1.0.2"): ["tests/pdf/sample.pdf", "tests/pdf/sample_bad.pdf"],
    ("pdfly", "0.5.1"): [f"resources/{n}.pdf" for n in ("b", "c", "file-with-fixed-offsets", "input8")],
    ("pdfminer", "20191125"): [f"samples/nonfree/{n}.pdf" for n in (
        "dmca", "f1040nr", "i1040nr", "kampo", "naacl06-shinyama", "nlp2004slides")] + ["samples/simple3.pdf"],
    ("pyhanko", "0.38.0"): ["pyhanko_testing_commons/test_data/data/pdf/safedocs/CompactedPDFSyntaxTest.pdf",
                            "pyhanko_testing_commons/test_data/data/pdf/simple-acroform-states.pdf"],
    ("PyPDF3", "1.0.6"): ["Resources/includeSJISfontname.pdf", "Resources/jpeg.pdf"],
    ("python-poppler", "0.4.1"): ["tests/data/document.pdf", "tests/data/sample.pdf"],
    ("pyxpdf", "0.2.3"): ["samples/nonfree/mandarin.pdf"],
    ("resume-parser", "0.8.4"): ["resume_parser/ASHOK RESUME (1).pdf"],
    ("rpaframework", "12.0.0"): ["tests/resources/generated.pdf", "tests/resources/vero2.pdf"],
    ("rpaframework-pdf", "11.0.3"): [f"tests/resources/{n}.pdf" for n in (
        "18467", "LoremIpsum", "alianz", "encrypted", "foersom", "imagesandtext", "invoice", "receipt",
        "sparebin-receipt", "vero")],
    ("stapler", "1.0.0"): ["staplelib/testfiles/1page.pdf", "staplelib/testfiles/5page.pdf"],
    ("tables", "3.11.1"): ["doc/source/usersguide/images/objecttree.pdf", "doc/source/usersguide/images/pytables-front-logo.pdf"],
    ("yomitoku", "0.15.1"): ["demo/sample.pdf", "tests/data/test.pdf"],
}
ROUND_13 = {
    ("collective.documentviewer", "5.0.0"): ["collective/documentviewer/tests/test_files/test.pdf"],
    ("excalibur-py", "0.4.2"): [f"excalibur/www/static/uploads/{n}.pdf" for n in (
        "42a7a845-d4bb-4903-84dc-4016166953f8/mitch", "517a752d-6136-4da0-82d2-e51302161df0/foo",
        "7dd8eb76-fcfd-4831-89d5-c29ce69b2f3d/us-007")],
    ("invenio-previewer", "1.3.0a3"): ["examples/demo_files/pdffile.pdf"],
    ("kreuzberg", "3.18.0"): [f"tests/test_source_files/{n}.pdf" for n in (
        "google-doc-document", "non-ascii-text", "pdfs_with_tables/large", "pdfs_with_tables/tiny", "sample-contract",
        "scanned", "searchable", "test-article")],
    ("mayan-edms", "3.0"): ["mayan/apps/documents/tests/contrib/sample_documents/mayan_11_1.pdf"],
    ("pdf2zh", "1.8.9"): [f"test/file/translate.cli.{n}.pdf" for n in ("font.unknown", "plain.text", "text.with.figure")],
    ("pdfminer.six", "20170720"): [f"samples/{n}.pdf" for n in (
        "contrib/2b", "contrib/stamp-no", "jo", "nonfree/arm_ed_t_board_elektor_magazine_article")],
    ("pdfminer.six", "20200121"): ["samples/contrib/issue-00352-hash-twos-complement.pdf", "samples/font-size-test.pdf"],
    ("Products.PortalTransforms", "2.1.9"): ["Products/PortalTransforms/tests/input/demo1.pdf"],
    ("pymupdf4llm", "1.28.2"): ["examples/country-capitals/national-capitals.pdf"] + [f"tests/{n}.pdf" for n in (
        "test_137", "test_370", "test_ocr_loremipsum_FFFD", "test_sce_150_1", "test_sce_150_2", "test_sce_150_3",
        "test_sce_156", "test_tablulate_bug")],
    ("PyPDF2", "1.28.6"): ["Resources/selenium-PyPDF2-issue-177.pdf"],
    ("rst2pdf", "0.105"): [f"tests/reference/{n}.pdf" for n in (
        "source", "sphinx-issue318", "sphinx-repeat-table-rows", "sphinx-toc-depth", "test-referencing-an-aliased-font",
        "test_greek")],
}
ROUND_14 = {
    # npm tarballs (top folder package/, left out of the paths)
    ("npm:parse-pdf", "3.1.0"): ["test/Invoice.pdf"],
    ("npm:pdf-data-parser", "1.2.22"): [f"test/data/pdf/{n}.pdf" for n in (
        "2023-Registered-Voter-Count", "2024presgeresults", "ClassCodes", "CoJul22", "CongJul22",
        "Nat_State_Topic_File_formats", "state_voter_registration_jan2024")],
    ("npm:pdf-extract", "1.0.11"): ["test/test_data/multipage_searchable.pdf", "test/test_data/single_page_searchable.pdf"],
    ("npm:pdf-merger-js", "5.1.2"): [f"test/fixtures/{n}.pdf" for n in (
        "MergeDemo", "Testfile_A", "UDHR", "issue-42", "issue-88")],
    ("npm:pdf-parse", "1.1.1"): [f"test/data/{n}.pdf" for n in ("01-valid", "02-valid", "04-valid", "05-versions-space")],
    ("npm:pdf-table-extractor", "1.0.3"): ["temp.pdf"],
    ("npm:pdf2html", "4.4.0"): ["test/sample.pdf", "test/sample-images.pdf"],
    ("npm:pdf2json", "0.7.1"): [f"test/data/{n}.pdf" for n in ("f1040", "f1040a", "f1040ez", "f1040ezt")],
    ("npm:pdf2pic", "3.2.0"): ["examples/docker/example.pdf"],
    ("npm:pdfreader", "1.0.0"): ["Scenario-4.1-RiskTables-FQA.pdf", "test/issue-14-uncaught-error.pdf", "test/sample.pdf"],
    # Debian's .debs (Debian 12), paths from the file system's root; a .pdf.gz is stored unzipped
    ("deb:cups-filters", "1.28.17-3+deb12u2"): [f"usr/share/cups/data/{n}.pdf" for n in ("form_english", "form_russian")],
    ("deb:debian-faq-fr", "11.1"): ["usr/share/doc/debian/FAQ/debian-faq.fr.pdf.gz"],
    ("deb:fonts-sil-gentiumplus", "6.101-1"): [
        f"usr/share/doc/fonts-sil-gentiumplus/documentation/pdf/{n}.pdf.gz" for n in ("about", "faq", "features", "history")],
    ("deb:gpsim-doc", "0.22.0-2.2"): ["usr/share/doc/gpsim-doc/gpsim.pdf.gz"],
    ("deb:graphviz-doc", "2.42.2-7+deb12u1"): [f"usr/share/doc/graphviz/pdf/{n}.pdf.gz" for n in (
        "dottyguide", "leftyguide", "osage.1", "prune")],
    ("deb:groff", "1.22.4-10"): [f"usr/share/doc/groff-base/examples/mom/{n}.pdf.gz" for n in (
        "letter", "mom-pdf", "mon_premier_doc", "sample_docs", "slide-demo", "typesetting")] + [
        f"usr/share/doc/groff-base/pdf/{n}.pdf.gz" for n in ("automake", "pdfmark")],
    ("deb:gutenprint-doc", "5.3.4.20220624T01008808d602-1"): ["usr/share/doc/gutenprint-doc/gutenprint-users-manual.pdf"],
    ("deb:live-manual-pdf", "2:20151217.2"): ["usr/share/doc/live-manual/pdf/live-manual.portrait.fr.a4.pdf.gz"],
    ("deb:php-tcpdf", "6.6.2+dfsg1-1+deb12u1"): ["usr/share/doc/php-tcpdf/examples/example_012.pdf"],
    ("deb:ruby-prawn-doc", "2.4.0+dfsg-1~"): ["usr/share/doc/ruby-prawn/manual.pdf.gz"],
    ("deb:xfig-doc", "1:3.2.8b-2"): ["usr/share/doc/xfig/xfig-howto.pdf", "usr/share/doc/xfig/xfig_ref_en.pdf"],
    ("deb:xorg-docs", "1:1.7.1-1.2"): [f"usr/share/doc/xorg-docs/{n}.pdf.gz" for n in (
        "License", "README", "ReleaseNotes", "input/XKB-Config", "icccm/icccm", "xlfd/xlfd")],
}
ROUND_15 = {
    # Debian 12 .debs only (PyPI and npm candidates checked had no new PDFs); paths from the root
    ("deb:debian-edu-doc-fr", "2.12.23~deb12u1"): ["usr/share/doc/debian-edu-doc-fr/debian-edu-bookworm-manual.pdf"],
    ("deb:developers-reference-fr", "12.18"): ["usr/share/developers-reference/fr/developers-reference.pdf"],
    ("deb:expeyes-doc-fr", "4.3-3"): ["usr/share/expeyes/doc/fr-eyesj-progman.pdf"],
    ("deb:fonts-hosny-amiri", "0.113-1"): ["usr/share/doc/fonts-hosny-amiri/Documentation-Arabic.pdf.gz"],
    ("deb:fonts-sil-abyssinica", "2.100-3"): [f"usr/share/doc/fonts-sil-abyssinica/documentation/{n}.pdf.gz" for n in (
        "AbyssinicaSILFontFeatures", "AbyssinicaSILTypeSample")],
    ("deb:fonts-sil-akatab", "2.000-3"): [f"usr/share/doc/fonts-sil-akatab/documentation/{n}.pdf.gz" for n in (
        "Akatab-Character-Inventory", "Akatab-documentation")],
    ("deb:fonts-sil-alkalami", "1.200-1"): [f"usr/share/doc/fonts-sil-alkalami/documentation/{n}.pdf.gz" for n in (
        "Alkalami-features", "Alkalami-typesample")],
    ("deb:fonts-sil-andika", "6.101-2"): ["usr/share/doc/fonts-sil-andika/documentation/pdf/features.pdf.gz"],
    ("deb:fonts-sil-andikanewbasic", "5.500-3.1"): [
        "usr/share/doc/fonts-sil-andikanewbasic/documentation/AndikaNewBasic-features.pdf.gz"],
    ("deb:fonts-sil-annapurna", "1.204-2"): ["usr/share/doc/fonts-sil-annapurna/documentation/AnnapurnaSIL-features.pdf.gz"],
    ("deb:fonts-sil-awami-nastaliq", "2.200-1"): [
        f"usr/share/doc/fonts-sil-awami-nastaliq/documentation/{n}.pdf.gz" for n in (
            "AwamiNastaliq-Features", "AwamiNastaliq-TypeSample")],
    ("deb:fonts-sil-charis-compact", "5.000-2"): [
        "usr/share/doc/fonts-sil-charis-compact/documentation/CharisSIL-features.pdf.gz"],
    ("deb:fonts-sil-dai-banna", "2.200-2"): ["usr/share/doc/fonts-sil-dai-banna/doc/DaiBannaSIL.pdf.gz"],
    ("deb:fonts-sil-ezra", "2.51-9"): ["usr/share/doc/fonts-sil-ezra/Unicode-Ezra-Chart17short.pdf.gz"],
    ("deb:fonts-sil-harmattan", "2.000-1"): [f"usr/share/doc/fonts-sil-harmattan/documentation/{n}.pdf.gz" for n in (
        "Harmattan-features", "Harmattan-typesample")],
    ("deb:fonts-sil-mingzat", "1.000-3"): ["usr/share/doc/fonts-sil-mingzat/documentation/Mingzat-typesample.pdf.gz"],
    ("deb:fonts-sil-mondulkiri", "7.100-3"): [f"usr/share/doc/fonts-sil-mondulkiri/documentation/{n}.pdf.gz" for n in (
        "Differences in the Implementations of Khmer Unicode", "Quick Guide to Stylistic Sets and Typography Options",
        "Quick guide to typing Khmer", "Stylistic sets in Mondulkiri fonts", "The Mondulkiri Font Family",
        "The orthographical syllable in Khmer and rules for the rendering of register shifters",
        "Typography options in Mondulkiri fonts")],
    ("deb:fonts-sil-padauk", "5.000-3"): [f"usr/share/doc/fonts-sil-padauk/documentation/{n}.pdf.gz" for n in (
        "Padauk-features", "Padauk-typesample")],
    ("deb:fonts-sil-scheherazade", "2.100-2.1"): [
        "usr/share/doc/fonts-sil-scheherazade/documentation/Scheherazade-features.pdf.gz"],
    ("deb:fonts-sil-shimenkan", "1.000-3"): [f"usr/share/doc/fonts-sil-shimenkan/documentation/{n}.pdf.gz" for n in (
        "UsingTheFonts", "字体使用说明")],
    ("deb:fonts-sil-tagmukay", "2.000-2.1"): [f"usr/share/doc/fonts-sil-tagmukay/documentation/{n}.pdf.gz" for n in (
        "Tagmukay-Glyphs", "Tagmukay-SmartFontFeatures")],
    ("deb:fonts-sil-taiheritagepro", "2.600-2"): [
        "usr/share/doc/fonts-sil-taiheritagepro/documentation/TaiHeritagePro-features.pdf.gz"],
    ("deb:giac-doc", "1.9.0.35+dfsg2-1.1"): ["usr/share/giac/doc/graphtheory-user_manual.pdf"],
    ("deb:gputils-doc", "1.4.0-0.2"): ["usr/share/doc/gputils-doc/gputils.pdf.gz"],
    ("deb:linuxcnc-doc-fr", "2.9.0~pre1+git20230208.f1270d6ed7-1+deb12u2"): [
        f"usr/share/doc/linuxcnc/LinuxCNC_{n}_fr.pdf" for n in ("Getting_Started", "Integrator")],
    ("deb:texlive-lang-french", "2022.20230122-1"): [f"usr/share/doc/texlive-doc/{n}.pdf" for n in (
        "latex/bibleref-french/Lacroux-Bible", "latex/droit-fr/droit-fr", "latex/impnattypo/impnattypo-fr",
        "latex/matapli/examples/modeleauteur/modele", "lualatex/letgut/letgut", "xelatex/facture/exemple")],
    ("deb:ubuntu-packaging-guide-pdf-fr", "1.0.4"): [
        "usr/share/doc/ubuntu-packaging-guide-pdf-fr/ubuntu-packaging-guide.pdf.gz"],
    ("deb:winff-doc", "1.5.5-9"): [f"usr/share/doc/winff/WinFF.{n}.pdf.gz" for n in ("en", "es", "fr", "nl")],
}
ROUND_16 = {
    # Debian 12 .debs only (PyPI and npm were exhausted in round 15); paths from the root
    ("deb:altos", "1.9.16-2"): [
        "usr/share/doc/altos/altos.pdf.gz",
        "usr/share/doc/altos/telemetry.pdf.gz",
    ],
    ("deb:amoebax", "0.2.1+dfsg-6"): ["usr/share/doc/amoebax/manual.pdf"],
    ("deb:beancount", "2.3.5-2"): [
        "usr/share/doc/beancount/examples/ingest/Downloads/Statement.pdf",
        "usr/share/doc/beancount/examples/ingest/office/importers/acme/acmebank1.pdf",
    ],
    ("deb:bibledit-data", "5.0.994-3"): ["usr/share/bibledit/sources/hebrewlexicon/HebrewLexicon.pdf"],
    ("deb:brewtarget", "3.0.6-1"): ["usr/share/brewtarget/manual-en.pdf"],
    ("deb:cardpeek-data", "0.8.4-1.1"): ["usr/share/doc/cardpeek/cardpeek_ref.en.pdf.gz"],
    ("deb:claws-mail-doc", "4.1.1-2"): ["usr/share/doc/claws-mail/manual/fr/claws-mail-manual.pdf.gz"],
    ("deb:cqrlog-data", "2.5.2-3"): ["usr/share/cqrlog/help/img/setting_rigctld_for_all_programs.pdf"],
    ("deb:e2guardian", "5.3.5-4+deb12u1"): [
        "usr/share/doc/e2guardian/V5_Storyboard.pdf.gz",
        "usr/share/doc/e2guardian/V5_list_definition.pdf.gz",
        "usr/share/doc/e2guardian/V5_mode_comparison.pdf.gz",
    ],
    ("deb:eclipse-titan", "8.2.0-1"): ["usr/share/doc/eclipse-titan/help/docs/naming.pdf.gz"],
    ("deb:faust-common", "2.54.9+ds0-1"): [
        "usr/share/faust/examples/SAM/SHARC Audio Module Faust Interface.pdf",
        "usr/share/faust/examples/bela/ReadMe.pdf",
        "usr/share/doc/faust-common/misc/faust-den-haag-april-2006-v6.pdf.gz",
        "usr/share/doc/faust-common/misc/faust_tutorial.pdf.gz",
        "usr/share/doc/faust-common/misc/lac07_slides_graef.pdf.gz",
    ],
    ("deb:fop-doc", "1:2.8-2"): ["usr/share/doc/fop/examples/fo/advanced/cid-fonts.pdf"],
    ("deb:gentle", "1.9+cvs20100605+dfsg1-10+b2"): [
        "usr/share/doc/gentle/GENtle_manual.pdf",
        "usr/share/doc/gentle/GENtle_manual_de.pdf",
    ],
    ("deb:gnucash-docs", "4.13-1"): ["usr/share/doc/gnucash-docs/gnucash-help-pt.pdf.gz"],
    ("deb:gnumed-server", "22.19-1"): [
        "var/lib/gnumed/server/sql/v16-v17/data/DE_BMJ-Vorsorgevollmacht_Vorlage-11_2009.pdf",
    ],
    ("deb:goldencheetah", "1:3.5-1.1"): [
        "usr/share/doc/goldencheetah/Cycling_Training_Software_User_Survey.pdf.gz",
        "usr/share/doc/goldencheetah/GC V3.4 Flyer.pdf.gz",
        "usr/share/doc/goldencheetah/Golden Cheetah Science v1.pdf.gz",
    ],
    ("deb:gpredict", "2.3-72-gc596101-3"): ["usr/share/doc/gpredict/gpredict-user-manual.pdf.gz"],
    ("deb:impressive-display", "0.4.1-1"): ["usr/share/doc/impressive-display/examples/testpage1.pdf.gz"],
    ("deb:jcadencii", "3.3.9+svn20110818.r1732-6.1"): ["usr/share/doc/jcadencii/manual_en.pdf.gz"],
    ("deb:jmeter-help", "2.13-5"): [
        "usr/share/jmeter/printable_docs/extending/jmeter_tutorial.pdf",
        "usr/share/jmeter/printable_docs/usermanual/jmeter_distributed_testing_step_by_step.pdf",
        "usr/share/jmeter/printable_docs/usermanual/jmeter_proxy_step_by_step.pdf",
    ],
    ("deb:jverein", "2.8.19+dfsg-1"): [
        "usr/share/doc/jverein/examples/Mahnung.pdf",
        "usr/share/doc/jverein/examples/Rechnung.pdf",
        "usr/share/doc/jverein/examples/Spendenbescheinigung.pdf",
    ],
    ("deb:k3b-data", "22.12.3-1"): ["usr/share/k3b/cdi/vcd_on_cdi_41.pdf"],
    ("deb:kball-data", "0.0.20041216-11"): [
        "usr/share/doc/kball-data/kball_manual_en.pdf.gz",
        "usr/share/doc/kball-data/kball_manual_es.pdf.gz",
    ],
    ("deb:lazarus-src-2.2", "2.2.6+dfsg2-2"): [
        "usr/lib/lazarus/2.2.6/components/lazreport/doc/fr_eng.pdf",
        "usr/lib/lazarus/2.2.6/components/lazreport/doc/tutorials/stringgrid/es/Tutorial LazReport y StringGrid.pdf",
    ],
    ("deb:libimage-exiftool-perl", "12.57+dfsg-1"): ["usr/share/doc/libimage-exiftool-perl/html/MIE1.1-20070121.pdf"],
    ("deb:libur-perl", "0.470+ds-2"): ["usr/share/doc/libur-perl/UR_Presentation.pdf.gz"],
    ("deb:lightyears", "1.5.0-2"): ["usr/share/doc/lightyears/manual.pdf"],
    ("deb:lure-of-the-temptress", "1.1+ds3-1"): [
        "usr/share/doc/lure-of-the-temptress/Manual_es.pdf",
        "usr/share/doc/lure-of-the-temptress/Manual_fr.pdf",
        "usr/share/doc/lure-of-the-temptress/Manual_it.pdf",
    ],
    ("deb:macsyfinder", "2.0-2+b1"): ["usr/share/doc/macsyfinder/html/_static/macsyfinder_classes.pdf.gz"],
    ("deb:metastudent", "2.0.1-9"): ["usr/lib/python3/dist-packages/metastudentPkg/lib/groupC/Report.pdf"],
    ("deb:mixxx-data", "2.3.3~dfsg-2"): ["usr/share/doc/mixxx/Mixxx-Keyboard-Shortcuts.pdf.gz"],
    ("deb:openlp", "3.0.2-2"): ["usr/share/doc/openlp/PJLink_Notes.pdf.gz"],
    ("deb:pampi", "1.1+dfsg1-7"): ["usr/share/pampi/presentations/data/pampi-help/tableau_conversion_volumes.pdf"],
    ("deb:previsat", "3.5.1.7+dfsg1-5"): ["usr/share/Astropedia/PreviSat/doc/PreviSat_fr.pdf"],
    ("deb:pymca-data", "5.8.0+dfsg-2"): ["usr/share/pymca/doc/HTML/PyMCA.pdf"],
    ("deb:python3-sasview", "5.0.5-5"): [
        "usr/lib/python3/dist-packages/sas/sasview/media/basic_1d_fitting_in_sasview_v5.pdf",
        "usr/lib/python3/dist-packages/sas/sasview/media/getting_started_with_sasview_v5.pdf",
        "usr/lib/python3/dist-packages/sas/sasview/media/subtracting_a_model_calculation_from_real_data_v5.pdf",
    ],
    ("deb:rocketcea", "1.1.18+dfsg-3+b1"): [
        "usr/lib/python3/dist-packages/rocketcea/sphinx_html/_static/CEA_User_Manual_(NASA_RP-1311).pdf",
    ],
    ("deb:sumatra", "1.0.36+ds-2"): ["usr/share/doc/sumatra/sumatra_user_manual.pdf"],
    ("deb:tucnak", "4.36-2"): ["usr/share/doc/tucnak/NAVOD.pdf.gz"],
    ("deb:vmg", "3.7.1-7"): [
        "usr/share/doc/vmg/GUIDE-EN.pdf.gz",
        "usr/share/doc/vmg/README-PT.pdf.gz",
    ],
    ("deb:warmux-data", "1:11.04.1+repack2-4"): [
        "usr/share/doc/warmux-data/howto_play/de.pdf",
        "usr/share/doc/warmux-data/howto_play/fr.pdf",
    ],
    ("deb:xmlstarlet", "1.6.1-3"): ["usr/share/doc/xmlstarlet/xmlstarlet-ug.pdf.gz"],
}
ROUNDS = {9: ROUND_9, 10: ROUND_10, 11: ROUND_11, 12: ROUND_12, 13: ROUND_13, 14: ROUND_14, 15: ROUND_15,
          16: ROUND_16}


def sdist(package: str, version: str) -> bytes:
    index = f"https://pypi.org/pypi/{package}/json"
    with urllib.request.urlopen(index, timeout=60) as r:
        urls = [u["url"] for u in json.load(r)["releases"][version] if u["packagetype"] == "sdist"]
    with urllib.request.urlopen(urllib.parse.urljoin(index, urls[0]), timeout=300) as r:  # (a mirror's are relative)
        return r.read()


def npm_tarball(package: str, version: str) -> bytes:
    """The .tgz of an npm package at a pinned version (its top folder is package/)."""
    meta = f"https://registry.npmjs.org/{package.replace('/', '%2F')}/{version}"
    try:
        with urllib.request.urlopen(meta, timeout=60) as r:
            url = json.load(r)["dist"]["tarball"]
    except urllib.error.HTTPError as e:
        sys.exit(f"npm:{package} {version}: not on the npm registry ({e.code})")
    with urllib.request.urlopen(url, timeout=300) as r:
        return r.read()


def deb_members(package: str, version: str):
    """(path inside the .deb's file system, without the leading ./; file bytes reader) of Debian's
    package PACKAGE at exactly VERSION, fetched with `apt-get download` (not installed). The archive
    keeps only the current version of a package: when VERSION is gone, stop and say so."""
    with tempfile.TemporaryDirectory() as tmp:
        got = subprocess.run(["apt-get", "download", "-q", f"{package}={version}"], cwd=tmp,
                             capture_output=True, text=True)
        debs = list(Path(tmp).glob("*.deb"))
        if got.returncode or not debs:
            policy = subprocess.run(["apt-cache", "policy", package], capture_output=True, text=True).stdout
            now = next((line.split(":", 1)[1].strip() for line in policy.splitlines()
                        if line.strip().startswith("Candidate:")), "none")
            said = (got.stderr.strip().splitlines() or ["no .deb"])[-1]
            sys.exit(f"deb:{package} {version}: this version is no longer in Debian's archive as this machine "
                     f"sees it (apt-get download: {said}; "
                     f"candidate now: {now}; run `apt-get update` first if the lists are old, else update "
                     "the round's pinned version and paths)")
        data = subprocess.run(["dpkg-deb", "--fsys-tarfile", str(debs[0])], capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        for member in tar.getmembers():
            if member.isfile():
                yield member.name.removeprefix("./"), lambda member=member: tar.extractfile(member).read()


def members(data: bytes):
    """(path inside the sdist's top folder, file bytes reader) of a .tar.gz or .zip sdist."""
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            for info in z.infolist():
                yield info.filename.split("/", 1)[-1], lambda info=info: z.read(info)
        return
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        for member in tar.getmembers():
            if member.isfile():
                yield member.name.split("/", 1)[-1], lambda member=member: tar.extractfile(member).read()


def source(key: str, version: str):
    """Members of what a round's key names: "npm:NAME" an npm tarball, "deb:NAME" a Debian .deb,
    any other a PyPI sdist."""
    kind, _, name = key.partition(":")
    if kind == "npm" and name:
        return members(npm_tarball(name, version))
    if kind == "deb" and name:
        return deb_members(name, version)
    return members(sdist(key, version))


def local_name(key: str, version: str, path: str, twice: bool) -> str:
    """The file's name in the folder: package__path (PyPI, as rounds 9-13 had them), npm_NAME__path,
    deb_NAME__path; a gzipped PDF (Debian compresses docs) loses its .gz."""
    kind, _, name = key.partition(":")
    prefix = f"{kind}_{name}" if kind in ("npm", "deb") and name else key
    prefix = prefix.replace("-", "_").replace("@", "").replace("/", "_")
    path = path.removesuffix(".gz")
    return prefix + (f"-{version}" if twice else "") + "__" + path.replace("/", "__")


def fetch(out: Path, files: dict) -> None:
    out.mkdir(parents=True, exist_ok=True)
    taken = Counter((package, p) for (package, _), paths in files.items() for p in paths)
    for (package, version), paths in files.items():
        # (a file a package ships at two versions is named with the version: ocrmypdf-9.0.0__...)
        wanted = {p: out / local_name(package, version, p, taken[package, p] > 1) for p in paths}
        if all(dest.exists() for dest in wanted.values()):
            continue
        for inner, read in source(package, version):
            if inner in wanted:
                data = read()
                wanted[inner].write_bytes(gzip.decompress(data) if inner.endswith(".gz") else data)
        missing = [p for p, dest in wanted.items() if not dest.exists()]
        if missing:
            sys.exit(f"{package} {version}: not in its package: {', '.join(missing)}")


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
