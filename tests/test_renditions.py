"""Issue 13: the bundled report typeset by other tools (tests/fixtures/renditions/make.py: LaTeX,
a browser's print to PDF with endnotes, a Word-like two-column page from LibreOffice, a browser's
two justified columns with hyphenated words and endnotes in columns too, a web page's print with
bracketed markers, margin-box running heads and a site footer) reads like
its markdown: every footnote with its number and text, the sentence carrying its marker, and the
section of that sentence (>= 0.95 each, against the markdown's footnotes.csv)."""
from __future__ import annotations

import difflib
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest

from extractors.ingest.documents import ingest
from extractors.text import fold

from .conftest import segmenter

RENDITIONS = Path(__file__).resolve().parent / "fixtures" / "renditions"
NAMES = ["latex", "browser", "twocolumn", "columns", "web"]


def key(text: str) -> str:
    return " ".join(fold(text).split())


def similar(a: str, b: str, ratio: float = 0.9) -> bool:
    a, b = key(a), key(b)
    return bool(a) and (a == b or difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= ratio)


def agreement(doc, ref) -> dict[str, float]:
    """Shares of the reference's footnotes found (number and text), anchored to the same sentence,
    and given the same section."""
    got: dict[int, object] = {}
    for f in doc.footnotes:
        got.setdefault(f.n, f)
    found = anchors = sections = 0
    for want in ref.footnotes:
        f = got.get(want.n)
        if f is None or not similar(f.text, want.text):
            continue
        found += 1
        anchors += similar(f.anchor_text, want.anchor_text)
        sections += key(f.section) == key(want.section)
    total = len(ref.footnotes)
    return {"footnotes": found / total, "anchors": anchors / total, "sections": sections / total}


@lru_cache(maxsize=None)
def rendition(name: str):
    path = RENDITIONS / f"{name}.pdf"
    return ingest(path, f"mali-{name}", path.name, segmenter)


@pytest.mark.parametrize("name", NAMES)
def test_rendition_gives_the_markdowns_footnotes_anchors_and_sections(name, report_md):
    doc = rendition(name)
    assert doc.status == "ok", doc.error
    assert len(report_md.footnotes) == 111
    assert len(doc.footnotes) == 111, [f.n for f in doc.footnotes]
    scores = agreement(doc, report_md)
    assert min(scores.values()) >= 0.95, scores


def test_browser_endnotes_are_read_as_notes_and_left_out_of_the_body():
    """Chromium printed pandoc's HTML notes as a numbered list at the end of the document (markers
    are superscripts in the text): they yielded 0 footnotes and were read as body text."""
    doc = rendition("browser")
    body = " ".join(s.text for s in doc.sentences if s.zone != "footnote")
    assert "For an analysis of IBK" not in body and "↩" not in body
    assert all("↩" not in f.text for f in doc.footnotes)


def tokens(sentences) -> Counter:
    return Counter(t.lower() for s in sentences for t in re.findall(r"[^\W_]+", s.text))


def test_browser_hyphenation_leaves_words_whole(report_md):
    """Chromium writes a soft hyphen inside a word as a space glyph that moves the pen on by
    nothing (pdfium leaves it out of its text page, pdfplumber reads a space), and prints U+2010
    where it breaks a word at a line's end: "sep arat ist", "subj ected", "und‐ erlying",
    "rep-risals" were read for "separatist", "subjected", "underlying", "reprisals"."""
    doc = rendition("columns")
    got, want = tokens(doc.sentences), tokens(report_md.sentences)
    extra = 1 - sum((got & want).values()) / sum(got.values())
    assert extra <= 0.005, sorted(t for t in got if t not in want)[:30]
    text = " ".join(s.text for s in doc.sentences)
    assert "\u2010" not in text
    for word in ("separatist", "underlying", "reprisals", "subjected", "associations"):
        assert word in text


def test_endnotes_set_in_columns_keep_their_markers():
    """The browser's endnotes in two columns on the last pages are read as the foot of those
    pages; their markers, pages before, were then refused as exponents are (no anchor at all)."""
    doc = rendition("columns")
    assert {f.page for f in doc.footnotes} >= {17, 18}
    assert sum(1 for f in doc.footnotes if f.anchor_text) == 111


def test_web_page_print_reads_bracketed_markers_and_leaves_its_furniture_out():
    """A web page printed by a browser: note markers in brackets ("[12]", as Wikipedia prints
    them) were no markers (0 notes: the "Notes" list was read as body text), a marker the browser
    carried over to a line of its own ("authorities." / "[62]") was lost, and the site's footer
    after the notes ran on into the last note."""
    doc = rendition("web")
    assert len(doc.footnotes) == 111
    assert sum(1 for f in doc.footnotes if f.anchor_text) == 111
    last = max(doc.footnotes, key=lambda f: f.n)
    assert "©" not in last.text and last.text.rstrip().endswith("581.")
    body = [s.text for s in doc.sentences if s.zone == "body"]
    assert not [t for t in body if "Page 3 of 33" in t or "Sahel Research" in t]
