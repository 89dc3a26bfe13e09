"""Fetched sources as corpus documents: text extracted from HTML or PDF, then sentences."""
from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from pathlib import Path

from extractors.citations.tables import CitedUrl
from extractors.text import guess_language
from extractors.sources.fetch import SourceResult, cache_key
from extractors.ingest.markdown import parse_markdown
from extractors.model import Document
from extractors.ingest.pdf import IngestError, PdfSettings, read_pdf
from extractors.ingest.documents import layout_language, split_sentences
from extractors.ingest.webtext import extract_html


def source_doc_id(url: str) -> str:
    return "src-" + cache_key(url)[:12]


def source_document(result: SourceResult, segmenter, citing: tuple[str, ...] = (),
                    pdf_settings: PdfSettings | None = None) -> Document | None:
    """The text of a fetched source as a document (format html or pdf); None when nothing was
    fetched. A source that cannot be read becomes a failed document. A PDF is read with
    `pdf_settings` (the run's; default the reader's own)."""
    if result.status not in ("fetched", "cached") or not result.path:
        return None
    path = Path(result.path)
    fmt = "pdf" if result.content_type == "application/pdf" else "html"
    base = Document(doc_id=source_doc_id(result.url), path=result.url, sha256=result.sha256, format=fmt)
    try:
        if fmt == "pdf":
            layout = read_pdf(path, pdf_settings or PdfSettings())
            language = layout_language(layout)
        else:
            web = extract_html(path.read_bytes(), result.final_url or result.url)
            if not web.text.strip():
                return replace(base, status="failed", error="no main text found in the page")
            layout = replace(parse_markdown(web.text.replace("\n", "\n\n")), title=web.title)
            language = web.language or guess_language(web.text)
    except IngestError as exc:
        return replace(base, status="failed", error=str(exc))
    except Exception as exc:  # a hostile page must fail its own row, not the run
        return replace(base, status="failed", error=f"unreadable source ({type(exc).__name__}: {str(exc)[:120]})")
    language = language or "en"
    try:
        sentences, footnotes = split_sentences(base.doc_id, layout, segmenter(language))
    except IngestError as exc:
        return replace(base, status="failed", error=str(exc))
    return replace(base, title=layout.title, pages=layout.pages, language=language, sentences=sentences,
                   footnotes=footnotes, warnings=(f"cited in {', '.join(citing)}",) if citing else ())


@dataclass(frozen=True)
class SourceRow:
    """One row of sources.csv: a distinct cited URL and what fetching it gave."""

    url: str
    domain: str
    doc_ids: tuple[str, ...]
    footnotes: tuple[str, ...]
    status: str
    http_status: int | None
    content_type: str
    language: str
    chars: int | None
    path: str
    error: str
    final_url: str
    via_archive: str
    source_doc_id: str

    def as_row(self) -> dict:
        return asdict(self)


def source_row(cited: CitedUrl, result: SourceResult, document: Document | None) -> SourceRow:
    return SourceRow(
        url=cited.url, domain=cited.domain, doc_ids=cited.doc_ids, footnotes=cited.footnotes,
        status=result.status, http_status=result.http_status, content_type=result.content_type,
        language=document.language if document is not None and document.status == "ok" else "",
        chars=sum(len(s.text) for s in document.sentences) if document is not None else None,
        path=result.path, error=result.error or (document.error if document is not None else ""),
        final_url=result.final_url if result.final_url != cited.url else "",
        via_archive=result.via_archive, source_doc_id=document.doc_id if document is not None else "",
    )
