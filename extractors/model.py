"""The document model: plain, typed records shared by every stage.

One name per concept, the same in code, tables and docs:
document, page, paragraph, sentence, footnote, citation, entity, alias, mention, edge.
Every record is a frozen dataclass so it can be cached, compared and written as a row.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, get_args

# The closed vocabularies of the tables, each a Literal type and its values (in contract order).
Zone = Literal["front", "body", "pullquote", "footnote", "back",
               "toc", "table", "caption", "references", "header", "footer", "heading", "lineno"]
Format = Literal["pdf", "markdown", "text", "html"]
Status = Literal["ok", "failed", "skipped", "duplicate"]
CitationKind = Literal["publication", "interview"]
FootnoteKind = Literal["publication", "interview", "mixed", "note"]
Method = Literal["gazetteer", "ner", "acronym", "alias", "fuzzy", "review", "variant"]
Window = Literal["sentence", "paragraph"]
ZONES: tuple[Zone, ...] = get_args(Zone)
FORMATS: tuple[Format, ...] = get_args(Format)
STATUSES: tuple[Status, ...] = get_args(Status)
METHODS: tuple[Method, ...] = get_args(Method)
WINDOWS: tuple[Window, ...] = get_args(Window)
ENTITY_TYPES = (
    "PERSON",
    "ARMED_GROUP",
    "POLITICAL_ORG",
    "STATE_BODY",
    "FOREIGN_FORCE",
    "INTL_ORG",
    "ETHNIC_GROUP",
    "PLACE",
)


@dataclass(frozen=True)
class Marker:
    """A footnote marker found in paragraph text; `offset` indexes the marker-free text."""

    offset: int
    n: int


def page_at(page: int | None, breaks: tuple[tuple[int, int], ...], offset: int) -> int | None:
    """The page of the character at `offset` of a text that starts on `page` and moves to another
    page at each (offset, page) of `breaks`."""
    for at, p in breaks:
        if at > offset:
            break
        page = p
    return page


@dataclass(frozen=True)
class Paragraph:
    """A block of running text before sentence splitting, markers already removed."""

    text: str
    page: int | None
    section: str
    zone: Zone
    markers: tuple[Marker, ...] = ()
    # (offset into `text`, page) where the text moves to another page: a sentence carries the
    # page where it starts
    breaks: tuple[tuple[int, int], ...] = ()

    def page_at(self, offset: int) -> int | None:
        return page_at(self.page, self.breaks, offset)


def note_label(n: int) -> str:
    """The label a footnote's first sentence opens with: its number as the page prints it before
    the note ("12. See ..."), so that every word of the page is in some sentence (issue 13: note
    numbers were in no sentence). footnotes.csv keeps the note's text without it (its number is
    the `n` column). The period keeps the number from reading as the day of a date that opens
    the note ("12. January 2013" is January 2013)."""
    return f"{n}. "


@dataclass(frozen=True)
class RawFootnote:
    """A footnote as read from the page: number, text, page where it starts, link targets."""

    n: int
    text: str
    page: int | None
    links: tuple[str, ...] = ()
    breaks: tuple[tuple[int, int], ...] = ()  # (offset, page) where a note runs on overleaf

    def page_at(self, offset: int) -> int | None:
        return page_at(self.page, self.breaks, offset)


@dataclass(frozen=True)
class Layout:
    """What an ingester (PDF, markdown, text) hands to sentence splitting."""

    title: str
    pages: int | None
    paragraphs: tuple[Paragraph, ...]
    footnotes: tuple[RawFootnote, ...]
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sentence:
    doc_id: str
    sentence_id: str
    paragraph_id: str
    page: int | None
    section: str
    zone: Zone
    text: str
    footnotes: tuple[int, ...] = ()  # numbers of the footnote markers this sentence carries


@dataclass(frozen=True)
class Footnote:
    doc_id: str
    n: int
    page: int | None
    section: str
    anchor_sentence_id: str
    anchor_text: str
    text: str
    links: tuple[str, ...] = ()  # hyperlink annotation targets from the PDF, if any


@dataclass(frozen=True)
class Analysis:
    """One sentence as the statistical model read it: tokens and the names its NER found.
    Kept with the document so that re-linking after a gazetteer edit needs no model run."""

    sentence_id: str
    tokens: tuple[str, ...]
    offsets: tuple[int, ...]  # start character of each token in the sentence text
    ents: tuple[tuple[int, int, str], ...] = ()  # (first token, end token exclusive, label)
    model: str = ""


@dataclass(frozen=True)
class Document:
    doc_id: str
    path: str
    sha256: str
    format: Format
    title: str = ""
    pages: int | None = None
    language: str = ""
    status: Status = "ok"
    error: str = ""
    sentences: tuple[Sentence, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    warnings: tuple[str, ...] = ()
    analyses: tuple[Analysis, ...] = ()  # one per sentence, in order (empty until analysed)


@dataclass(frozen=True)
class Citation:
    """One cited work (or interview) inside a footnote."""

    doc_id: str
    footnote: int
    idx: int  # 1-based position inside the footnote
    kind: CitationKind
    text: str  # the raw citation text
    authors: tuple[str, ...] = ()
    title: str = ""
    outlet: str = ""
    year: int | None = None
    date: str = ""  # ISO date when known (YYYY-MM-DD, YYYY-MM or YYYY)
    urls: tuple[str, ...] = ()
    locator: str = ""
    interviewee: str = ""
    role: str = ""
    interview_place: str = ""
    interview_date: str = ""
    anonymous: bool | None = None
    backref: int | None = None  # footnote number holding the full citation
    author_kind: str = ""  # person | organisation (of the first author); "" without authors
    doi: str = ""
    document_symbol: str = ""  # UN document symbol, e.g. S/2018/581
    report_number: str = ""  # e.g. "Africa Report N°238", "GAO-23-106826"
    original_url: str = ""  # the page an archived URL (web.archive.org/web/.../http://...) is a copy of
    ref: int | None = None  # author-date in-text citation: number of the reference-list entry it cites
    cited_in: str = "footnote"  # footnote | references (an entry of the reference list) | text (author-date)
    sentence_id: str = ""  # cited_in text: the sentence that carries it


@dataclass(frozen=True)
class GazetteerEntity:
    """A canonical entity of the gazetteer (scispacy-style: id, canonical name, aliases, type)."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()  # matched case-sensitively
    short_forms: tuple[str, ...] = ()  # e.g. a surname; linked only when the document context is unambiguous
    former_names: tuple[str, ...] = ()
    notes: str = ""
    source: str = ""  # file:line it was read from
    sources: tuple[str, ...] = ()  # where the names come from (addresses, package data), from the YAML
    lat: float | None = None  # a point for a PLACE, decimal degrees (WGS 84)
    lon: float | None = None


@dataclass(frozen=True)
class Mention:
    doc_id: str
    sentence_id: str
    page: int | None
    zone: Zone
    start: int  # character offsets in the sentence text
    end: int
    text: str
    entity_id: str
    type: str
    method: Method
    score: float = 1.0
    paragraph_id: str = ""


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    window: Window
    weight: int
    documents: int
    npmi: float
    jaccard: float
    evidence: tuple[str, ...] = field(default=())
