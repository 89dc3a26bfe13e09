"""Issue 13: notes as other typesetters set them, on small PDFs drawn here (tests/pdfgen.py): numbering
that restarts per section, markers set at full size on the baseline, endnotes, notes set in columns
at the page foot. Each note must be found with its number and text and anchored at its sentence."""
from __future__ import annotations

from pathlib import Path

from extractors.ingest.documents import ingest

from . import pdfgen
from .conftest import segmenter
from .pdfgen import Run


def read(path: Path):
    return ingest(path, path.stem, path.name, segmenter)


def marked(text: str, n: int, x: float, y: float, raised: bool = True) -> list[Run]:
    """A body line ending in the marker of note n: a small raised figure, or (raised=False) a
    full-size figure glued to the text on the baseline."""
    if not raised:
        return [Run(x, y, f"{text}{n}", "serif", 10)]
    return [Run(x, y, text, "serif", 10), Run(x + pdfgen.width(text, "serif", 10) + 0.3, y - 4, str(n), "serif", 6)]


def note(n: int, text: str, x: float, y: float) -> list[Run]:
    return [Run(x, y, f"{n} {text}", "serif", 8)]


def test_note_numbering_that_restarts_per_section_keeps_every_note(tmp_path):
    """ithaka (Word): notes numbered 1 on page 1, 1 and 2 on page 2, 1 on page 3 were keyed by their
    number alone, so 2 of 4 were found and the second "1" was read into the first."""
    words = {1: ["river"], 2: ["bridge", "market"], 3: ["school"]}
    pages = []
    for p, names in words.items():
        runs = [Run(50, 60, f"Part {p}: the district", "bold", 14)]
        y = 100.0
        for n, name in enumerate(names, 1):
            runs += marked(f"The council spoke about the {name} of the district.", n, 50, y)
            runs.append(Run(50, y + 13, "The members agreed to meet again in the spring.", "serif", 10))
            y += 40
        fy = 500.0
        for n, name in enumerate(names, 1):
            runs += note(n, f"Minutes of the {name} committee, part {p}.", 50, fy)
            fy += 11
        pages.append(runs)
    doc = read(pdfgen.write_pages(tmp_path / "restart.pdf", pages))
    assert [(f.n, f.page) for f in doc.footnotes] == [(1, 1), (1, 2), (2, 2), (1, 3)]
    for f, name in zip(doc.footnotes, ["river", "bridge", "market", "school"]):
        assert name in f.text and name in f.anchor_text, (f.n, f.text, f.anchor_text)
    assert len({s.paragraph_id for s in doc.sentences if s.zone == "footnote"}) == 4


def test_note_markers_set_full_size_on_the_baseline_are_anchored(tmp_path):
    """jeps (InDesign): markers are the font's superior figures at full size on the baseline
    ("sources,4"); all 34 notes were found and none anchored."""
    pages = []
    n = 0
    for p in range(2):
        runs = []
        y = 80.0
        for k in range(3):
            n += 1
            runs += marked(f"Citation counts differ between the databases{',' if k else '.'}", n, 50, y, raised=False)
            runs.append(Run(50, y + 13, f"and the humanities fare worse in case {n} of the study.", "serif", 10))
            y += 40
        fy = 480.0
        for m in range(n - 2, n + 1):
            runs += note(m, f"Source number {m} of the survey of citation indexes.", 50, fy)
            fy += 11
        pages.append(runs)
    doc = read(pdfgen.write_pages(tmp_path / "glued.pdf", pages))
    assert [f.n for f in doc.footnotes] == [1, 2, 3, 4, 5, 6]
    assert all(f.anchor_sentence_id for f in doc.footnotes)
    body = " ".join(s.text for s in doc.sentences if s.zone == "body")
    assert "databases," in body and "databases,2" not in body and "databases.1" not in body


def test_endnotes_at_the_end_of_the_document_are_read_as_notes(tmp_path):
    """A browser's print of HTML notes: a numbered list at the end of the document, at text size,
    whose markers are superscripts in the text, gave 0 footnotes and was read as body."""
    runs = [Run(50, 50, "Roads of the district", "bold", 14)]
    y = 90.0
    for n, name in enumerate(["bridge", "market", "school"], 1):
        runs += marked(f"The council spoke about the {name} again.", n, 50, y)
        y += 26
    page2 = []
    y = 60.0
    for n, name in enumerate(["bridge", "market", "school"], 1):
        page2.append(Run(50, y, f"{n}. Report of the {name} committee to the council,", "serif", 10))
        page2.append(Run(62, y + 13, "spring session, pages 4 to 9.", "serif", 10))
        y += 30
    doc = read(pdfgen.write_pages(tmp_path / "endnotes.pdf", [runs, page2]))
    assert [f.n for f in doc.footnotes] == [1, 2, 3]
    for f, name in zip(doc.footnotes, ["bridge", "market", "school"]):
        assert f.text == f"Report of the {name} committee to the council, spring session, pages 4 to 9."
        assert name in f.anchor_text
    assert not [s for s in doc.sentences if s.zone != "footnote" and "committee" in s.text]


def test_notes_set_in_columns_under_text_in_one_are_read_column_by_column(tmp_path):
    """rechtsgeschichte: notes in columns at the page foot under text in one column were read
    across the columns as one line (37 of 183 notes found)."""
    runs = []
    y = 60.0
    for n in range(1, 5):
        runs += marked(f"The council spoke of the road number {n} again.", n, 40, y)
        runs.append(Run(40, y + 13, "The members agreed to meet in the spring.", "serif", 10))
        y += 40
    left = ["1 Minutes of the council,", "spring session, page 4.", "2 Letter of the mayor,", "May 1998, page 2."]
    right = ["3 Report of the roads", "office, page 9.", "4 Map of the district."]
    for i, text in enumerate(left):
        runs.append(Run(40, 430 + 10 * i, text, "serif", 8))
    for i, text in enumerate(right):
        runs.append(Run(230, 430 + 10 * i, text, "serif", 8))
    doc = read(pdfgen.write_pages(tmp_path / "note-columns.pdf", [runs]))
    got = {f.n: f.text for f in doc.footnotes}
    assert got == {1: "Minutes of the council, spring session, page 4.", 2: "Letter of the mayor, May 1998, page 2.",
                   3: "Report of the roads office, page 9.", 4: "Map of the district."}
    assert all(f.anchor_sentence_id for f in doc.footnotes)


def test_superscript_markers_in_brackets_carry_their_numbers():
    """Issue 13: a web page prints its note markers in brackets ("[12]", "[3][4]"); only bare
    figures were read as markers."""
    from extractors.ingest.pdf.types import Seg

    assert Seg("[12]", True).note_numbers() == [12]
    assert Seg("[3][4]", True).note_numbers() == [3, 4]
    assert Seg("3, 4", True).note_numbers() == [3, 4] and Seg("5–7", True).note_numbers() == [5, 7]
    assert Seg("[a]", True).note_numbers() == [] and Seg("[12]", False).note_numbers() == []
    assert Seg("-", True).note_numbers() == []


REFERENCES = ["1. Quandt F, Hummel FC. The influence of electrical stimulation on hand motor recovery.",
              "2. Gallego JA, Rocon E. A neuroprosthesis for tremor management. J Neuroeng Rehabil. 2013;10:36.",
              "3. Van der Linden ML, Hooper JE. Habitual stimulation therapy improves gait. PLoS One. 2014;9:8."]


def test_a_numbered_reference_list_in_small_type_is_no_footnotes(tmp_path):
    """Issue 13 (a BioMed Central article, Acrobat Distiller + iText): the back matter and the
    numbered reference list are set in the notes' size, "References" a line of that small type:
    the entries were read as footnotes 1-27 on the last two pages. From such a line on, the small
    type is the list, on the pages it runs on to as well: zone references, no notes."""
    body = "The stimulation protocol was tested on twelve healthy subjects over three sessions."
    page1 = marked(body, 1, 50, 100) + [Run(50, 113, "The sessions took place in the spring.", "serif", 10)]
    page1 += note(1, "Division of Functional Neurosurgery, University of Tübingen.", 50, 520)
    page2 = [Run(50, 100, "The results show a selective activation of the finger extensors.", "serif", 10),
             Run(50, 440, "References", "bold", 8)]
    page2 += [Run(50, 452 + 11 * k, ref, "serif", 7) for k, ref in enumerate(REFERENCES[:2])]
    page3 = [Run(50, 60, REFERENCES[2], "serif", 7)]  # the list runs on at the next page's top
    doc = read(pdfgen.write_pages(tmp_path / "refs.pdf", [page1, page2, page3], size=(500.0, 595.0)))
    assert [(f.n, f.page) for f in doc.footnotes] == [(1, 1)]
    refs = [s for s in doc.sentences if s.zone == "references"]
    assert " ".join(s.text for s in refs) == " ".join(REFERENCES)
    assert {s.section for s in refs} == {"References"}


def test_a_note_does_not_run_on_into_small_type_pages_later(tmp_path):
    """Issue 13 (the same article; the Federal Register's note 15 took in 8,000 characters of pages
    5-14): the last note ran on into the first small type at the foot of any later page (a
    caption's end four pages on). A note runs on only into the next page."""
    page1 = marked("The protocol was tested on twelve healthy subjects.", 1, 50, 100)
    page1 += note(1, "Full list of author information is available at the end of the", 50, 520)
    page2 = [Run(50, 100, "The sessions took place in the spring of that year.", "serif", 10)]
    page3 = [Run(50, 100, "The figure shows the finger extension of each subject.", "serif", 10),
             Run(50, 530, "Left panel: the control measurements for each pattern.", "serif", 8)]
    doc = read(pdfgen.write_pages(tmp_path / "later.pdf", [page1, page2, page3]))
    assert [(f.n, f.text) for f in doc.footnotes] == [(1, "Full list of author information is available at the end of the")]
    assert any(s.page == 3 and s.text.startswith("Left panel") for s in doc.sentences)
