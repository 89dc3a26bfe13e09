"""The whole document: open the PDF (clear one-line errors), read its pages one at a time, and
assemble the `Layout`."""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pdfplumber

from extractors.ingest.layout import Block, build_paragraphs
from extractors.model import Layout


from extractors.ingest.pdf.engines import ENGINES, PdfiumDocument, engine_lock
from extractors.ingest.pdf.blocks import CONTENTS_TITLE, column_edges, group_to_block, paragraphs_of
from extractors.ingest.pdf.joining import soft_break_hyphens, vocabulary_of
from extractors.ingest.pdf.lines import PageInfo, read_pages
from extractors.ingest.pdf.notes import footnotes_at_the_end, glued_markers, read_endnotes, wrapped_markers
from extractors.ingest.pdf.types import IngestError, PdfSettings
from extractors.ingest.pdf.zones import body_size, drop_running, read_footnotes, set_aside_paragraphs


def open_pdf(path: Path, engine: str = PdfSettings().engine):
    if engine not in ENGINES:
        raise ValueError(f"unknown PDF engine {engine!r} (one of {', '.join(ENGINES)})")
    if not path.exists():
        raise IngestError("file not found")
    if path.stat().st_size == 0:
        raise IngestError("empty file (0 bytes)")
    with path.open("rb") as fh:
        head = fh.read(1024)
    if b"%PDF-" not in head:
        raise IngestError("not a PDF (no %PDF- header)")
    try:
        if engine == "pdfium":
            return PdfiumDocument(path)
        pdf = pdfplumber.open(path)
        _ = pdf.pages  # forces the cross-reference and encryption checks
    except Exception as exc:  # pdfminer raises many kinds; each becomes one clear line
        raise IngestError(describe_open_error(exc)) from exc
    return pdf


def describe_open_error(exc: Exception) -> str:
    name = type(exc).__name__
    inner = exc.args[0] if exc.args else exc
    inner_name = type(inner).__name__ if isinstance(inner, Exception) else ""
    text = f"{name} {inner_name} {exc}".lower()
    if "password" in text or "encrypt" in text:
        return "encrypted PDF: a password is needed to read it"
    detail = " ".join(str(inner).split())[:160]
    return f"malformed PDF ({inner_name or name}: {detail})"


def read_pdf(path: Path | str, settings: PdfSettings = PdfSettings()) -> Layout:
    path = Path(path)
    with engine_lock(settings.engine):
        pdf = open_pdf(path, settings.engine)
        try:
            try:
                n_pages = len(pdf.pages)
                pages = list(read_pages(pdf, settings))
                meta_title = str(pdf.metadata.get("Title") or "") if pdf.metadata else ""
            except IngestError:
                raise
            except RecursionError as exc:
                raise IngestError("malformed PDF (objects nested too deep to read)") from exc
            except Exception as exc:
                raise IngestError.because("malformed PDF", exc) from exc
        finally:
            pdf.close()
    try:
        return layout_from_pages(pages, n_pages, meta_title, settings)
    except IngestError:
        raise
    except Exception as exc:  # a layout this reader cannot follow: one document fails, not the run
        raise IngestError.because("unreadable page layout", exc) from exc


JUNK_TITLE = re.compile(r"\.(exe|docx?|pdf|indd|tex|dvi|rtf|odt|qxd|pub|ps|eps)$|^microsoft (word|powerpoint) - |^untitled"
                        r"|^[\w-]*\d[\w-]*$|^\W*$", re.I)


def usable_title(meta: str) -> str:
    """The metadata title unless it is a producer's leftover: a file name ("10811.exe",
    "report_final.docx"), "Microsoft Word - ...", "Untitled" or a code without words."""
    meta = " ".join(meta.split())
    return "" if JUNK_TITLE.search(meta) else meta


def first_line(blocks: list[Block]) -> str:
    """No heading and no usable metadata: the document's first short line of text."""
    for b in blocks:
        text = b.text.strip()
        if WORD.search(text):
            return text[:120].rsplit(" ", 1)[0] if len(text) > 120 else text
    return ""


WORD = re.compile(r"[^\W_]{2}")  # two letters or digits running: a title holds a word or a number


# a heading that names no document: a copyright or version line, a web address (a contents'
# title, `blocks.CONTENTS_TITLE`, neither)
NO_TITLE = re.compile(r"©|\bcopyright\b|https?://|\bwww\.", re.I)


def document_title(blocks: list[Block], meta_title: str) -> str:
    """The first heading, else the metadata title, else the first line of text; never one with no
    word or a number (a font with no Unicode read as its codes, "'- ( # (", had made the title "'-"),
    nor a heading that names no document (`NO_TITLE`: a manual whose title is a picture had the
    title "Version 1.0 Copyright © 2006 – 2009 http://www.winff.org")."""
    heading = next((b.text for b in blocks if b.kind == "heading" and WORD.search(b.text)
                    and not NO_TITLE.search(b.text) and not CONTENTS_TITLE.fullmatch(b.text.strip().casefold())), "")
    return heading or usable_title(meta_title) or first_line(blocks)


def title_page_text(blocks: list[Block]) -> list[Block]:
    """A page set only in headings (a title page: title, subtitle, authors, grant, date) keeps
    its largest heading as a heading and the rest as front text, so that its words are read as
    sentences of their page and not only as section names."""
    by_page: dict[int | None, list[int]] = {}
    for i, b in enumerate(blocks):
        by_page.setdefault(b.page, []).append(i)
    out = list(blocks)
    for page, idxs in by_page.items():
        kinds = {blocks[i].kind for i in idxs}
        if kinds != {"heading"} or len(idxs) < 3:
            continue
        top = min(blocks[i].level for i in idxs)
        keep = next(i for i in idxs if blocks[i].level == top)
        for i in idxs:
            if i != keep:
                out[i] = replace(blocks[i], kind="para", level=0, zone="front")
    return out


def headings_that_head(blocks: list[Block]) -> list[Block]:
    """A heading heads something: text, or a heading of a lower rank (a subsection). One that is
    followed at once by a heading of its own or a higher rank, or that ends the document, heads
    nothing: it is a line of large or bold type (a slide's bullet, a form's label, an agenda
    item), read as text of its page, since the next heading would replace it as the section and
    its words would be in no output."""
    shown = [b for b in blocks if b.text.strip()]
    heads_nothing = {
        id(b) for b, nxt in zip(shown, shown[1:] + [None])
        if b.kind == "heading" and (nxt is None or (nxt.kind == "heading" and nxt.level <= b.level))
    }
    return [replace(b, kind="para", level=0) if id(b) in heads_nothing else b for b in blocks]


def page_list(pages: list[PageInfo]) -> str:
    """The numbers of some pages, as a warning names them ("2, 4, 5", the first ten and "...")."""
    return ", ".join(str(p.number) for p in pages[:10]) + (" ..." if len(pages) > 10 else "")


def layout_from_pages(pages: list[PageInfo], n_pages: int, meta_title: str, settings: PdfSettings) -> Layout:
    chars = sum(p.chars for p in pages)
    if chars == 0 or not any(p.lines for p in pages):
        if any(p.images for p in pages):
            raise IngestError(f"no text layer: scanned or image-only PDF ({n_pages} pages; OCR is not supported)")
        raise IngestError(f"no text found in {n_pages} page(s)")
    size = body_size(pages)
    kept, aside = drop_running(pages, settings, size)
    kept = wrapped_markers(soft_break_hyphens(kept))  # a browser's hyphens and markers at its line breaks
    vocab = vocabulary_of(kept)  # the words of the whole document decide where a hyphen goes
    footnotes, bodies = read_footnotes(kept, pages, size, settings, vocab)
    endnotes, bodies = read_endnotes(bodies, size, settings, vocab, {f.n for f in footnotes},
                                     {p.number: p.links for p in pages})
    note_pages: dict[int, set[int]] = {}
    for f in footnotes:
        note_pages.setdefault(f.n, set()).add(f.page)
    end_numbers = {f.n for f in endnotes} | footnotes_at_the_end(footnotes, bodies)
    footnotes = footnotes + endnotes
    edges = column_edges(bodies, size)

    def accept_marker(page: int, n: int) -> bool:
        """A raised number is the marker of note n when n is an endnote (its markers may stand
        anywhere before the notes), or when a footnote n starts on the marker's page (or, pushed
        on, the next one). Any other raised figure is text: an exponent or a superscript of a
        formula ("S²", "R²", "cos²"), read as a marker only because some note somewhere bears
        its number (issue 13: a lecture script's exponents taken for the markers of its 8 notes)."""
        if n in end_numbers:
            return True
        pages = note_pages.get(n)
        return bool(pages) and (page in pages or page + 1 in pages)

    glued = glued_markers(footnotes, bodies)
    blocks = [group_to_block(g, vocab, accept_marker, edges, glued) for g in paragraphs_of(bodies, size, settings, edges)]
    blocks = title_page_text(blocks)
    title = document_title(blocks, meta_title)
    blocks = headings_that_head(blocks)  # after the title: a title over a larger heading is still the title
    warnings: tuple[str, ...] = ()
    if n_pages > settings.max_pages:
        warnings = (f"only the first {settings.max_pages} of {n_pages} pages were read",)
    turned = [p for p in pages if p.margin]
    if turned:  # set aside, not silently lost: the document's row says where
        warnings += (f"text set against the page's direction (margin stamps, rotated labels) left out on "
                     f"page(s) {page_list(turned)}: {turned[0].margin[:60]!r}",)
    scanned = [p for p in pages if p.images and not p.chars and not p.failed]
    if scanned:  # a scanned annex or a page pasted in as a picture: its text is in no sentence
        warnings += (f"page(s) {page_list(scanned)} hold images and no text: left out "
                     f"(a scanned page is not read: OCR is not supported)",)
    for reread, what in ((True, "read by pdfplumber, the pdfium reading having failed"), (False, "could not be read")):
        hit = [p for p in pages if p.failed and p.reread == reread]
        if hit:  # not silently: the document's row says which pages and why
            warnings += (f"page(s) {page_list(hit)} {what} ({hit[0].failed})",)
    paragraphs = build_paragraphs(blocks) + set_aside_paragraphs(aside, pages)
    return Layout(title=title, pages=n_pages, paragraphs=paragraphs, footnotes=tuple(footnotes), warnings=warnings)
