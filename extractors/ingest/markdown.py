"""Ingest the text/markdown rendition of a report (as PDF-to-markdown extractors write it).

Recognised: `#` headings, `<sup>N</sup>` footnote markers in running text, footnote lines
`<sup>N</sup> text` (in blocks after `---` lines), italic-only lines (pull quotes), list items,
inline markup (`**bold**`, `*italic*`, `[text](target)`, `<url>`, backslash escapes).
A plain .txt file goes through the same path: it simply has no markup.
"""
from __future__ import annotations

import re
from pathlib import Path

from extractors.ingest.layout import Block, build_paragraphs, title_of
from extractors.model import Layout, Marker, RawFootnote

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
FOOTNOTE_LINE = re.compile(r"^\s*<sup>\s*(\d+)\s*</sup>\s*(.*)$")
SUP = re.compile(r"<sup>\s*([^<]*?)\s*</sup>")
RULE = re.compile(r"^\s*(-{3,}|\*{3,}|_{3,})\s*$")
LIST_ITEM = re.compile(r"^\s*(?:[-*+•]\s+|(\d+)[.)]\s+)")
ITALIC_LINE = re.compile(r"^\s*(\*|_)(?!\1)(.+?)(?<!\1)\1\s*$")
LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]*(?:\([^)\s]*\)[^)\s]*)*)\)")
AUTOLINK = re.compile(r"<((?:https?|ftp)://[^>\s]+)>")
EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # any escaped ASCII punctuation


def unescape(text: str) -> str:
    return ESCAPE.sub(r"\1", text)


def inline_to_text(text: str) -> tuple[str, tuple[str, ...]]:
    """Markdown inline markup to plain text; returns the text and the link targets."""
    links: list[str] = []

    def link(m: re.Match) -> str:
        links.append(unescape(m.group(2)))
        return m.group(1)

    def autolink(m: re.Match) -> str:
        links.append(m.group(1))
        return m.group(1)

    text = LINK.sub(link, text)
    text = AUTOLINK.sub(autolink, text)
    for _ in range(2):  # nested bold inside italic
        text = EMPHASIS.sub(lambda m: m.group(2) or m.group(3), text)
    return unescape(text), tuple(links)


def text_with_markers(raw: str) -> tuple[str, tuple[Marker, ...]]:
    """Remove `<sup>N</sup>` footnote markers, recording where they stood; keep other
    superscripts (`175<sup>th</sup>`) as text."""
    out: list[str] = []
    markers: list[Marker] = []
    pos = 0
    plain_len = 0
    for m in SUP.finditer(raw):
        before, _ = inline_to_text(raw[pos : m.start()])
        out.append(before)
        plain_len += len(before)
        if m.group(1).isdigit():
            markers.append(Marker(plain_len, int(m.group(1))))
        else:
            out.append(m.group(1))
            plain_len += len(m.group(1))
        pos = m.end()
    rest, _ = inline_to_text(raw[pos:])
    out.append(rest)
    text = "".join(out)
    # markers never sit after trailing spaces: normalise whitespace and shift offsets
    return normalise_spaces(text, markers)


def normalise_spaces(text: str, markers: list[Marker]) -> tuple[str, tuple[Marker, ...]]:
    """Collapse runs of whitespace, keeping marker offsets pointing at the same characters."""
    new_chars: list[str] = []
    mapping = [0] * (len(text) + 1)
    prev_space = True
    for i, ch in enumerate(text):
        mapping[i] = len(new_chars)
        if ch.isspace():
            if not prev_space:
                new_chars.append(" ")
            prev_space = True
        else:
            new_chars.append(ch)
            prev_space = False
    mapping[len(text)] = len(new_chars)
    result = "".join(new_chars)
    stripped = result.rstrip()
    moved = tuple(Marker(min(mapping[m.offset], len(stripped)), m.n) for m in markers)
    return stripped, moved


def parse_markdown(source: str) -> Layout:
    blocks: list[Block] = []
    footnotes: list[RawFootnote] = []
    para: list[str] = []

    def flush() -> None:
        nonlocal para
        if para:
            raw = " ".join(s.strip() for s in para)
            is_list = bool(LIST_ITEM.match(para[0]))
            if is_list and not LIST_ITEM.match(para[0]).group(1):
                raw = LIST_ITEM.sub("", raw, count=1)
            whole_italic = bool(ITALIC_LINE.match(raw)) and "**" not in raw
            text, markers = text_with_markers(raw)
            blocks.append(Block("para", text, None, 0, markers, whole_italic, is_list))
        para = []

    for line in source.splitlines():
        if not line.strip() or RULE.match(line):
            flush()
            continue
        fn = FOOTNOTE_LINE.match(line)
        if fn:
            flush()
            text, links = inline_to_text(fn.group(2))
            footnotes.append(RawFootnote(int(fn.group(1)), " ".join(text.split()), None, links))
            continue
        heading = HEADING.match(line)
        if heading:
            flush()
            text, markers = text_with_markers(heading.group(2))
            blocks.append(Block("heading", text.strip(), None, len(heading.group(1)), markers))
            continue
        if LIST_ITEM.match(line) and para:
            flush()
        para.append(line)
    flush()
    return Layout(
        title=title_of(blocks),
        pages=None,
        paragraphs=build_paragraphs(blocks),
        footnotes=tuple(merge_footnotes(footnotes)),
    )


def merge_footnotes(footnotes: list[RawFootnote]) -> list[RawFootnote]:
    """A footnote number seen twice (a note continued on the next page) is one footnote."""
    merged: dict[int, RawFootnote] = {}
    for fn in footnotes:
        if fn.n in merged:
            prev = merged[fn.n]
            merged[fn.n] = RawFootnote(fn.n, prev.text + " " + fn.text, prev.page, prev.links + fn.links)
        else:
            merged[fn.n] = fn
    return [merged[n] for n in sorted(merged)]


def read_markdown(path: Path | str) -> Layout:
    data = Path(path).read_bytes()
    return parse_markdown(decode_text(data, str(path)))


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), else Latin-1; NUL bytes are refused."""
    if b"\x00" in data:
        raise ValueError(f"{name}: contains NUL bytes (binary file, not text)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")
