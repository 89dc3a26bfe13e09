"""Main text of a fetched web page (no menus, no comments) with title, date and language.

trafilatura does the extraction (`include_comments=False`). It only reports a language when a
language detector is installed, so the language comes from the page's own declaration
(`<html lang>`, `Content-Language`, `og:locale`) checked against a small stopword count for
English and French; the count alone decides when the page declares nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import trafilatura
from lxml import html as lxml_html
from trafilatura.utils import load_html

from extractors.text import LANGUAGES, guess_language

@dataclass(frozen=True)
class WebText:
    title: str = ""
    date: str = ""  # ISO date (YYYY-MM-DD) when the page gives one
    language: str = ""  # ISO 639-1 code, e.g. en, fr; empty when unknown
    text: str = ""


def _normalise_language(value: str | None) -> str:
    match = re.match(r"\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*\s*$", value or "")
    return match.group(1).lower() if match else ""


def _declared_language(tree: lxml_html.HtmlElement) -> str:
    candidates: list[str | None] = [tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang")]
    for meta in tree.iter("meta"):
        key = (meta.get("http-equiv") or meta.get("property") or meta.get("name") or "").lower()
        if key in ("content-language", "og:locale", "language", "dc.language"):
            candidates.append((meta.get("content") or "").split(",")[0])
    for value in candidates:
        code = _normalise_language(value)
        if code:
            return code
    return ""


def _title_tag(tree: lxml_html.HtmlElement) -> str:
    for element in tree.iter("title"):
        return " ".join((element.text_content() or "").split())
    return ""


def extract_html(html: bytes | str, url: str) -> WebText:
    """Title, date, language and main body text of an HTML page; empty fields when unknown."""
    tree = load_html(html)
    if tree is None:
        return WebText()
    declared = _declared_language(tree)
    title_tag = _title_tag(tree)
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        include_comments=False,
        include_tables=True,
        with_metadata=True,
        deduplicate=False,
    )
    text = title = date = language = ""
    if doc is not None:
        text = (getattr(doc, "text", None) or "").strip()
        title = (getattr(doc, "title", None) or "").strip()
        date = (getattr(doc, "date", None) or "").strip()
        language = _normalise_language(getattr(doc, "language", None))
    guessed = guess_language(text or tree.text_content())
    if not language:
        language = declared
    # A template that says lang="en" around a French article: trust a clear count over it.
    if guessed and language in LANGUAGES and guessed != language:
        strong = guess_language(text, min_hits=20)
        if strong:
            language = strong
    if not language:
        language = guessed
    return WebText(title=title or title_tag, date=date, language=language, text=text)
