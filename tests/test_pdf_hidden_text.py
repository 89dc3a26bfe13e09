"""Issue 13: text drawn not to be seen is read as whole words. An OCR layer laid invisible over a
scanned page (render mode 3) and type of about 1 pt left for screen readers place their glyphs
with gaps that are no word breaks. PDFs written here object by object (tests/pdfgen.write_raw)."""
from __future__ import annotations

import pytest

from extractors.ingest.documents import ingest
from extractors.ingest.pdf import PdfSettings

from . import pdfgen
from .conftest import segmenter

COURIER = b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>"
LINES = ["China Ocean Shipping Company Limited", "Hamburg Germany and Valparaiso Chile",
         "The Peoples Republic of China"]


def spaced_words(line: str, spacing: tuple[float, ...]) -> bytes:
    """A line as an Epson scanner's OCR writes it: each word fitted to the scan with a character
    spacing of its own (Tc, points, taken in turn from `spacing`) but for its last letter, drawn
    apart at no spacing; the space before a word typed as a glyph at the word's start."""
    out = b""
    for k, word in enumerate(line.split()):
        head = (" " if k else "") + word[:-1]
        out += b"%.2f Tc (%s) Tj 0 Tc (%s) Tj " % (spacing[k % len(spacing)], head.encode(), word[-1:].encode())
    return out


def read(path, engine="pdfium"):
    return ingest(path, path.stem, path.name, segmenter, PdfSettings(engine=engine))


def test_an_ocr_layer_with_its_own_spaces_is_read_in_whole_words(tmp_path):
    """Issue 13 (an Epson scanner's OCR layer, Courier drawn invisible): the engine fitted each
    word to the scan with gaps of 0.1-0.2 em between its letters, where pdfium inserts spaces and
    the x tolerance breaks words: "Chin a Ocea n Shippin g (Group ) C omp a n y". Where the layer
    types its own spaces between words, those and wide gaps alone break them."""
    content = b"BT 3 Tr /F1 12 Tf "
    for k, line in enumerate(LINES):
        content += b"1 0 0 1 50 %d Tm " % (520 - 16 * k) + spaced_words(line, (1.7, 2.1, 1.3, 2.6))
    content += b"ET"
    doc = read(pdfgen.write_raw(tmp_path / "ocr.pdf", [content], {"F1": COURIER}))
    assert " ".join(s.text for s in doc.sentences) == " ".join(LINES)


def test_an_ocr_layer_without_spaces_keeps_its_word_gaps(tmp_path):
    """Tesseract's layer types no spaces: each word is placed on its own, and the gaps between
    them are its word breaks (the rule above must not glue "willbe", "ofthe")."""
    content = b"BT 3 Tr /F1 12 Tf "
    for k, line in enumerate(LINES):
        x = 50.0
        for word in line.split():
            content += b"1 0 0 1 %.2f %.2f Tm (%s) Tj " % (x, 520 - 16 * k, word.encode())
            x += 7.2 * len(word) + 3.0  # a gap of a quarter em
    content += b"ET"
    doc = read(pdfgen.write_raw(tmp_path / "tesseract.pdf", [content], {"F1": COURIER}))
    assert " ".join(s.text for s in doc.sentences) == " ".join(LINES)


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_type_of_one_point_for_screen_readers_is_read_in_whole_words(tmp_path, engine):
    """Issue 13 (a US Department of Labor form, Acrobat Pro): white text of 0.96 pt beside each
    field ("Required Field") whose glyph places are rounded to a hundredth of a point, a tenth of
    its em: pdfium inserted spaces and the x tolerance parted words, "Required F ield", "For conve
    nie nce and compat ibility"."""
    visible = "Each field marked with an asterisk must be completed before the form is sent."
    content = (b"BT /F1 10 Tf 1 0 0 1 50 520 Tm (%s) Tj ET " % visible.encode()
               + b"BT 1 g /F1 0.96 Tf 1 0 0 1 50 500 Tm "
               + b"[(For conve) -170 (nience and compat) -165 (ibility, a Required F) -170 (ield.)] TJ ET")
    doc = read(pdfgen.write_raw(tmp_path / "tiny.pdf", [content], {"F1": pdfgen.HELVETICA}), engine)
    assert [s.text for s in doc.sentences] == [visible, "For convenience and compatibility, a Required Field."]
