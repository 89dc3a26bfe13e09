"""PDF ingestion with pdfplumber: layout-aware, not tied to one typesetter.

A chain of small steps over plain data, one module each:
  `words`    page -> words (rotated or mirrored text first turned upright)      [one page in memory]
  `tables`   ruled tables -> one `Line` of zone `table` per row (cells joined with " | "), their
             words taken out of the running text
  `lines`    words -> rows across the page -> column gutters -> bands of full-width rows and of
             columns -> `Line`s in reading order (superscripts kept apart, subscripts read as tokens of their own,
             each line knows its column),
             table rows placed where the table stands
  `zones`    lines -> running headers/footers and page numbers set aside (zones header/footer);
             lines -> footnote zone (smaller type under the text of its column, numbered) and body
  `joining`  hyphenation undone where a word was split (only where the document uses the whole word)
  `blocks`   body lines -> headings (by size, or bold at body size opening text) and paragraphs
             (`Block`s), contents rows and captions zoned, paragraphs re-joined across column and page
             breaks, each block knowing where its text moves to another page
  `reader`   the whole document: open, read page by page, blocks -> paragraphs with sections and
             zones (shared with the markdown ingester, `extractors.ingest.layout`)
`types` holds the settings, the error and the `Line`/`Seg` records the steps pass on.
"""
from extractors.ingest.pdf.joining import join_line
from extractors.ingest.pdf.reader import describe_open_error, open_pdf, read_pdf
from extractors.ingest.pdf.types import IngestError, Line, PdfSettings, Seg
from extractors.ingest.pdf.zones import footnote_start

__all__ = ["IngestError", "Line", "PdfSettings", "Seg", "describe_open_error", "footnote_start", "join_line",
           "open_pdf", "read_pdf"]
