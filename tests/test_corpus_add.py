"""`add_documents`: checked copies into corpus/reports, no traversal, no symlinks, no overwrites."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from extractors.ingest.corpus import AddResult, add_documents, safe_name

from .conftest import REAL_PDFS, REPORT_PDF

MD = "# Mali\n\nThe MNLA and Ansar Dine held Kidal in 2012.\n"


def tree(root: Path) -> dict[str, bytes]:
    """Every file under root (symlinks as their target string), relative path -> bytes."""
    out = {}
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root).as_posix()
        if p.is_symlink():
            out[rel] = os.readlink(p).encode()
        elif p.is_file():
            out[rel] = p.read_bytes()
    return out


@pytest.fixture
def corpus(tmp_path):
    c = tmp_path / "corpus"
    c.mkdir()
    return c


@pytest.fixture
def good_pdf(tmp_path):
    src = tmp_path / "incoming" / "Mali Status Quo (2018).PDF"
    src.parent.mkdir(exist_ok=True)
    shutil.copy(REPORT_PDF, src)
    return src


def test_good_pdf_is_copied_under_a_slugged_name(corpus, good_pdf):
    [r] = add_documents([good_pdf], corpus)
    assert r == AddResult(str(good_pdf), "added", "reports/mali-status-quo-2018.pdf", "")
    assert (corpus / r.dest).read_bytes() == REPORT_PDF.read_bytes()
    assert list(tree(corpus)) == ["reports/mali-status-quo-2018.pdf"]  # no temp files left


def test_markdown_file_is_added(corpus, tmp_path):
    src = tmp_path / "Notes é.markdown"
    src.write_text(MD, encoding="utf-8")
    latin = tmp_path / "old.txt"
    latin.write_bytes("Ségou et Mopti.\n".encode("latin-1"))
    results = add_documents([src, latin], corpus)
    assert [(r.status, r.dest) for r in results] == [("added", "reports/notes-e.markdown"),
                                                     ("added", "reports/old.txt")]
    assert (corpus / "reports" / "notes-e.markdown").read_text(encoding="utf-8") == MD


def test_path_traversal_is_refused_and_cannot_escape(corpus, tmp_path):
    sneaky = corpus / "reports" / ".." / ".." / "etc" / "passwd"
    results = add_documents([Path("../../etc/passwd"), sneaky, Path("/etc/passwd")], corpus)
    assert [r.status for r in results] == ["refused"] * 3
    assert all("unsupported file type" in r.reason and r.dest == "" for r in results)
    assert tree(tmp_path) == {} and not (corpus / "reports").exists()


def test_traversal_in_a_good_file_path_lands_inside_reports(corpus, tmp_path, good_pdf):
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    path = deep / ".." / ".." / "incoming" / good_pdf.name
    [r] = add_documents([path], corpus)
    assert r.status == "added" and r.dest == "reports/mali-status-quo-2018.pdf"
    assert safe_name(Path("../../x/..evil name.md")) == "evil-name.md"
    assert safe_name(Path("..")) == "document"


def test_non_pdf_renamed_pdf_is_refused(corpus, tmp_path):
    fake = tmp_path / "report.pdf"
    fake.write_text("<html>not a pdf</html>", encoding="utf-8")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\nnothing else here\n")
    binary = tmp_path / "binary.md"
    binary.write_bytes(b"abc\x00def")
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    results = {Path(r.source).name: r for r in add_documents([fake, broken, binary, empty], corpus)}
    assert {r.status for r in results.values()} == {"refused"}
    assert "no %PDF- header" in results["report.pdf"].reason
    assert "malformed PDF" in results["broken.pdf"].reason
    assert "NUL" in results["binary.md"].reason
    assert "empty" in results["empty.pdf"].reason
    assert not (corpus / "reports").exists()


def test_encrypted_pdf_is_refused(corpus):
    [r] = add_documents([REAL_PDFS / "password-example.pdf"], corpus)
    assert r.status == "refused" and "encrypted" in r.reason
    assert tree(corpus) == {}


def test_duplicate_by_content_under_another_name(corpus, tmp_path, good_pdf):
    copy = tmp_path / "same-bytes-other-name.pdf"
    shutil.copy(good_pdf, copy)
    first, second = add_documents([good_pdf, copy], corpus)
    assert first.status == "added"
    assert second == AddResult(str(copy), "duplicate", first.dest, f"same content as {first.dest}")
    [again] = add_documents([copy], corpus)  # against the documents already in the corpus
    assert again.status == "duplicate" and again.dest == first.dest
    assert list(tree(corpus)) == ["reports/mali-status-quo-2018.pdf"]


def test_symlink_source_is_refused(corpus, tmp_path, good_pdf):
    link = tmp_path / "link.pdf"
    link.symlink_to(good_pdf)
    [r] = add_documents([link], corpus)
    assert r.status == "refused" and "symbolic link" in r.reason
    assert tree(corpus) == {}


def test_missing_and_non_regular_sources_are_refused(corpus, tmp_path):
    folder = tmp_path / "folder.md"
    folder.mkdir()
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    results = add_documents([tmp_path / "nope.pdf", folder, fifo], corpus)
    assert [r.status for r in results] == ["refused"] * 3
    assert results[0].reason == "file not found"
    assert results[2].reason == "not a regular file"


def test_name_collision_with_different_content_gets_a_suffix(corpus, tmp_path):
    reports = corpus / "reports"
    reports.mkdir()
    (reports / "notes.md").write_text("# Existing\n\nOther text about Gao.\n", encoding="utf-8")
    (reports / "notes-2.md").write_text("# Also existing\n\nMore text about Timbuktu.\n", encoding="utf-8")
    before = tree(corpus)
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    (a / "Notes.md").write_text(MD, encoding="utf-8")
    (b / "notes.md").write_text(MD + "\nA second version.\n", encoding="utf-8")
    results = add_documents([a / "Notes.md", b / "notes.md"], corpus)
    assert [(r.status, r.dest) for r in results] == [("added", "reports/notes-3.md"), ("added", "reports/notes-4.md")]
    after = tree(corpus)
    assert {k: after[k] for k in before} == before  # nothing overwritten
    assert after["reports/notes-3.md"] == MD.encode()


def test_symlinked_reports_folder_or_destination_outside_the_corpus_is_refused(corpus, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    src = tmp_path / "notes.md"
    src.write_text(MD, encoding="utf-8")
    (corpus / "reports").symlink_to(outside)
    [r] = add_documents([src], corpus)
    assert r.status == "refused" and "outside the corpus" in r.reason
    assert tree(outside) == {}

    (corpus / "reports").unlink()
    (corpus / "reports").mkdir()
    (corpus / "reports" / "notes.md").symlink_to(outside / "target.md")  # dangling, points outside
    [r] = add_documents([src], corpus)
    assert r.status == "refused" and "outside the corpus" in r.reason
    assert tree(outside) == {} and not (outside / "target.md").exists()


def test_corpus_with_documents_at_the_top_keeps_them_visible(corpus, tmp_path):
    (corpus / "old.md").write_text("# Old\n\nText about Gao.\n", encoding="utf-8")
    src = tmp_path / "new.md"
    src.write_text(MD, encoding="utf-8")
    [r] = add_documents([src], corpus)
    assert (r.status, r.dest) == ("added", "new.md")  # creating reports/ would hide old.md from runs
    assert not (corpus / "reports").exists()
