"""Real-world and hostile inputs: every file either ingests or fails with one clear line.

The real PDFs come from pdfplumber's own test suite (see NOTICE.md next to them); they are shared
by the repositories of this workspace, so they are found next to the repository, not inside it.
The hostile inputs (truncated, random bytes, thousands of blank pages, odd text files) are made
here, in tmp_path.
"""
from __future__ import annotations

import random
import re
import time
from functools import lru_cache
from pathlib import Path

import pytest

from extractors.ingest.documents import ingest
from extractors.text import fold

from . import pdfgen
from .conftest import REPORT_PDF, segmenter

REAL_PDFS = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures" / "real-pdfs"
REAL_FILES = sorted(p.name for p in REAL_PDFS.iterdir() if p.is_file()) if REAL_PDFS.is_dir() else []
needs_real = pytest.mark.skipif(not REAL_PDFS.is_dir(), reason=f"{REAL_PDFS} not found")

# file -> words the one-line error must contain; every other file must ingest
MUST_FAIL = {
    "empty.pdf": ("empty",),
    "password-example.pdf": ("encrypted", "password"),
}


@lru_cache(maxsize=None)
def real(name: str):
    """Each real file ingested once per test session."""
    return ingest(REAL_PDFS / name, Path(name).stem, name, segmenter)


def ingest_file(path: Path):
    return ingest(path, path.stem, path.name, segmenter)


def assert_clean_failure(doc, *words):
    assert doc.status == "failed"
    assert doc.error and "\n" not in doc.error and len(doc.error) <= 240, doc.error
    assert not doc.sentences
    for word in words:
        assert word in doc.error.lower(), doc.error


def sentence_text(doc) -> str:
    """The text read, without the running heads and page numbers set aside in zones header/footer."""
    return " ".join(s.text for s in doc.sentences if s.zone not in ("header", "footer"))


# ---------------------------------------------------------------- every real file


@needs_real
@pytest.mark.parametrize("name", REAL_FILES)
def test_every_real_file_ingests_or_fails_with_one_clear_line(name):
    doc = real(name)
    assert doc.status in ("ok", "failed")
    if name in MUST_FAIL:
        assert_clean_failure(doc, *MUST_FAIL[name])
    else:
        assert doc.status == "ok", doc.error
        assert doc.sentences and all(s.text.strip() for s in doc.sentences)
        assert doc.error == ""


@needs_real
def test_the_real_fixtures_are_there():
    assert {"empty.pdf", "password-example.pdf", "federal-register-2020-17221.pdf", "issue-848.pdf",
            "issue-71-duplicate-chars-2.pdf"} <= set(REAL_FILES)


@needs_real
def test_doubled_glyphs_are_read_once_in_french():
    doc = real("issue-71-duplicate-chars-2.pdf")
    assert doc.status == "ok" and doc.language == "fr" and doc.pages == 20
    text = sentence_text(doc)
    assert "Spondylarthrite" in text and "SSppoonn" not in text
    assert "Troubles de l’équilibre acido-basique et désordres hydro-électrolytiques." in text
    assert not re.findall(r"\b(\w{3,})\1\b", text)  # no word printed twice ("TroublesTroubles")
    assert not re.findall(r"\b\w*(?:([a-zé])\1){3,}\w*", text)  # no letters doubled ("ddééffiinniirr")
    # the recto/verso running heads ("72 UE 8. Circulation - Métabolismes") are furniture
    assert not re.search(r"\d UE 8\. Circulation|Chapitre 5 – Item 265 \d", text)


@needs_real
def test_a_court_transcript_s_line_numbers_are_set_apart():
    """Issue 13: the Supreme Court transcript numbers its lines 1-25 in the text's own Courier, some
    of them lines with no text; they stood in the text ("1 IN THE SUPREME COURT ... 2 - - -") and
    made its title. They are the page's row of zone lineno."""
    doc = real("scotus-transcript-p1.pdf")
    assert [s.text for s in doc.sentences if s.zone == "lineno"] == [" ".join(str(k) for k in range(1, 26))]
    text = " ".join(s.text for s in doc.sentences if s.zone != "lineno")
    assert "The above-entitled matter came on for oral argument before the Supreme Court" in text
    assert not re.search(r"\b(1[0-9]|2[0-5])\b [A-Z]", text)  # no "12 The", "15 APPEARANCES"


@needs_real
def test_three_column_federal_register_reads_column_after_column():
    doc = real("federal-register-2020-17221.pdf")
    assert doc.status == "ok" and doc.pages == 15 and doc.language == "en"
    text = sentence_text(doc)
    # sentences that run from the foot of one column to the head of the next
    assert ("The most helpful comments reference a specific portion of the proposal, explain the reason for "
            "any recommended change, and include supporting data.") in text
    assert ("ADDRESSES: You may send comments, using the procedures found in 14 CFR 11.43 and 11.45, by any of "
            "the following methods:") in text
    assert ("On October 29, 2018, a Boeing Model 737–8 airplane operated by Lion Air (Lion Air Flight 610) was "
            "involved in an accident after takeoff from Soekarno-Hatta International Airport in Jakarta, "
            "Indonesia, resulting in 189 fatalities.") in text
    # the footnotes under each column, numbered in order and each tied to its marker
    assert [f.n for f in doc.footnotes] == list(range(1, 16))
    assert all(f.anchor_sentence_id for f in doc.footnotes)
    fn = {f.n: f for f in doc.footnotes}
    assert fn[13].text == "More than 10 degrees difference for more than 10 seconds."
    assert "reports of the Ethiopian Airlines Flight 302 accident" in fn[8].anchor_text
    assert "VerDate" not in text  # the print shop's slug line at the foot of every page


@needs_real
def test_text_in_every_orientation_reads_as_english():
    """issue-848: the same English page set upright, mirrored, upside down and rotated."""
    doc = real("issue-848.pdf")
    assert doc.status == "ok" and doc.pages == 8 and doc.language == "en"
    pages: dict[int, list[str]] = {}
    for s in doc.sentences:
        pages.setdefault(s.page, []).append(s.text)
    assert sorted(pages) == list(range(1, 9))
    first = " ".join(pages[1])
    assert first.startswith("The movie opens with a news report advertising the way of life in this future")
    assert "veteran officer Alex Murphy (Peter Weller) arrives" in first
    for n in range(2, 9):
        assert fold(" ".join(pages[n])) == fold(first), n


# ---------------------------------------------------------------- hostile inputs made here


def test_truncated_pdf_fails_cleanly_or_reads_what_is_there(tmp_path):
    data = REPORT_PDF.read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(data[: len(data) // 2])
    doc = ingest_file(path)
    if doc.status == "failed":
        assert_clean_failure(doc, "pdf")
    else:
        assert doc.sentences


def test_random_bytes_named_pdf_fail_cleanly(tmp_path):
    rng = random.Random(848)
    path = tmp_path / "noise.pdf"
    path.write_bytes(bytes(rng.randrange(256) for _ in range(20_000)))
    assert_clean_failure(ingest_file(path), "not a pdf")
    headed = tmp_path / "noise-with-header.pdf"
    headed.write_bytes(b"%PDF-1.7\n" + bytes(rng.randrange(256) for _ in range(20_000)))
    assert_clean_failure(ingest_file(headed), "pdf")


def test_two_thousand_blank_pages_report_no_text_quickly(tmp_path):
    path = pdfgen.write_blank_pages(tmp_path / "blank.pdf", 2000)
    start = time.perf_counter()
    doc = ingest_file(path)
    elapsed = time.perf_counter() - start
    assert_clean_failure(doc, "no text")
    assert "2000 page" in doc.error
    assert elapsed < 15, elapsed


def test_latin1_text_file_is_read(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_bytes("Le Mouvement national de libération de l'Azawad a proclamé l'indépendance du nord "
                     "du Mali en 2012. Les groupes armés se sont ensuite divisés et la France est intervenue "
                     "dans la région pour soutenir l'armée malienne.\n".encode("latin-1"))
    doc = ingest_file(path)
    assert doc.status == "ok", doc.error
    assert doc.language == "fr"
    assert "libération de l'Azawad a proclamé l'indépendance" in sentence_text(doc)


def test_text_file_with_nul_bytes_fails_cleanly(tmp_path):
    path = tmp_path / "binary.txt"
    path.write_bytes(b"Some text\x00\x00\x01 and then binary \x00 data\n" * 20)
    assert_clean_failure(ingest_file(path), "nul")


def test_empty_and_blank_text_files_fail_cleanly(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert_clean_failure(ingest_file(empty), "empty")
    blank = tmp_path / "blank.md"
    blank.write_text("   \n\n\t\n")
    assert_clean_failure(ingest_file(blank), "empty")


def test_a_document_that_reads_too_slowly_fails_its_own_row_instead_of_hanging():
    from extractors.ingest.documents import ingest
    from extractors.ingest.pdf import PdfSettings

    from .conftest import REPORT_PDF, segmenter

    doc = ingest(REPORT_PDF, "slow", "slow.pdf", segmenter, PdfSettings(max_seconds=0.0))
    assert doc.status == "failed" and doc.error.startswith("gave up after 0 s at page 1")
