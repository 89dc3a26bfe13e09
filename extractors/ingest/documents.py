"""Corpus discovery and the ingestion of one document into the document model."""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from spacy.language import Language

from extractors.ingest.analysis import analyse
from extractors.ingest.markdown import decode_text, parse_markdown
from extractors.model import Document, Layout
from extractors.ingest.pdf import IngestError, PdfSettings, read_pdf
from extractors.ingest.sentences import segment
from extractors.text import KNOWN_LANGUAGES, guess_language, script_language, slug

FORMATS_BY_SUFFIX = {".pdf": "pdf", ".md": "markdown", ".markdown": "markdown", ".txt": "text"}

EN_WORDS = frozenset("the of and to in is that for with as was on by are this from have has be which".split())
FR_WORDS = frozenset("le la les de des et du un une est dans pour que qui sur par au aux avec pas ce ont".split())


def reports_dir(corpus: Path) -> Path:
    """`corpus/reports/` when it exists, else the folder itself."""
    sub = corpus / "reports"
    return sub if sub.is_dir() else corpus


def discover(corpus: Path) -> list[Path]:
    """The corpus documents in a stable order (hidden files and unknown kinds left out)."""
    root = reports_dir(corpus)
    if not root.is_dir():
        return []
    found = [
        p for p in root.rglob("*")
        if p.suffix.lower() in FORMATS_BY_SUFFIX and not any(part.startswith(".") for part in p.relative_to(root).parts)
    ]
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def doc_ids(paths: Sequence[Path]) -> list[str]:
    """Readable, stable ids from file names; a clash gets -2, -3 in path order."""
    seen: dict[str, int] = {}
    out = []
    for p in paths:
        base = slug(p.stem)
        seen[base] = seen.get(base, 0) + 1
        out.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return out


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def read_layout(path: Path, fmt: str, pdf_settings: PdfSettings) -> Layout:
    if fmt == "pdf":
        return read_pdf(path, pdf_settings)
    try:
        text = decode_text(path.read_bytes(), path.name)
    except ValueError as exc:
        raise IngestError(str(exc).split(": ", 1)[-1]) from exc
    if not text.strip():
        raise IngestError("empty text file")
    return parse_markdown(text)


def document_base(path: Path, doc_id: str, rel_path: str) -> Document:
    """What is known of a document before reading it: id, path, content hash and format."""
    fmt = FORMATS_BY_SUFFIX.get(path.suffix.lower(), "text")
    return Document(doc_id=doc_id, path=rel_path, sha256=sha256_file(path), format=fmt)


def split_sentences(doc_id: str, layout: Layout, nlp: Language) -> tuple:
    """`segment`, where text the language model cannot take (spaCy fails on it) fails this
    document with a one-line IngestError, not the run."""
    try:
        return segment(doc_id, layout, nlp)
    except Exception as exc:
        raise IngestError.because("text the sentence splitter cannot read", exc) from exc


def analysed(sentences: tuple, nlp: Language) -> tuple:
    """`analyse`, failing this document alone as `split_sentences` does."""
    try:
        return analyse(sentences, nlp)
    except Exception as exc:
        raise IngestError.because("text the recognition model cannot read", exc) from exc


def layout_language(layout: Layout) -> str:
    """A read document's language from its first 200 paragraphs ('' when undecided), among every
    language `guess_language` can tell, not only the models' two: a Portuguese or German report is
    tagged as such (its function words had made it French or left it English); one the models do
    not cover is read with the English model (`ModelSettings.name_for`). A text mostly in another
    script than the Latin alphabet is tagged by its script (`script_language`: 'ar', 'ru', 'ja'...)."""
    text = " ".join(p.text for p in layout.paragraphs[:200])
    return script_language(text) or guess_language(text, among=KNOWN_LANGUAGES)


def ingest(
    path: Path,
    doc_id: str,
    rel_path: str,
    segmenter: Callable[[str], Language],
    pdf_settings: PdfSettings = PdfSettings(),
    analyser: Callable[[str], Language] | None = None,
) -> Document:
    """Read one document; any failure becomes a `failed` document with a one-line error.
    With an `analyser` (the recognition model), the sentences' tokens and NER names come too."""
    base = document_base(path, doc_id, rel_path)
    try:
        layout = read_layout(path, base.format, pdf_settings)
    except IngestError as exc:
        return replace(base, status="failed", error=str(exc))
    except RecursionError:
        return replace(base, status="failed", error="malformed file (nesting too deep to read)")
    language = layout_language(layout) or "en"
    try:
        sentences, footnotes = split_sentences(doc_id, layout, segmenter(language))
        analyses = analysed(sentences, analyser(language)) if analyser is not None and sentences else ()
    except IngestError as exc:
        return replace(base, status="failed", title=layout.title, pages=layout.pages, error=str(exc))
    if not sentences:
        return replace(base, status="failed", title=layout.title, pages=layout.pages, error="no text found")
    return replace(
        base,
        title=layout.title,
        pages=layout.pages,
        language=language,
        sentences=sentences,
        footnotes=footnotes,
        warnings=layout.warnings,
        analyses=analyses,
    )
