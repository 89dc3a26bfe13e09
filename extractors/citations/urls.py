"""URLs in footnote text, exactly as cited.

Rules (pure functions, no I/O):
- a URL starts with ``http://``, ``https://``, ``ftp://`` or ``www.`` and runs to whitespace
  or a character that cannot be part of it (angle brackets, double quotes, guillemets);
- punctuation that closes the sentence is not part of it (``.,;:!?'"*…``), nor an unbalanced
  closing ``)`` or ``]``;
- backslashes are markdown escapes (``sipriinsight\\_1713``) and are removed: RFC 3986 has
  no backslash in a URL;
- a URL split by a PDF line break (one whitespace character in the middle) is re-joined when
  the next token can only be the rest of a URL (``%20…``, a path, a file name);
- link targets (PDF hyperlink annotations, markdown link targets) are authoritative: when a
  target matches a text occurrence (compared with whitespace and backslashes dropped and
  percent-escapes decoded) the target is the URL cited there. Footnote 106 of the Mali
  report shows its URL with ``%20`` rendered as spaces; the cited URL is the link target.
  A target that matches no text is still cited (it is a hyperlink in the footnote) and comes
  after the text occurrences.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence
from urllib.parse import unquote, urlsplit

_URL_CHARS = r"[^\s<>\"“”«»‘’\[\]{}|]"
_URL_RE = re.compile(r"(?<![\w@.\\/-])(?:https?://|ftp://|www\.)" + _URL_CHARS + "+", re.I)
_SCHEME_RE = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)", re.I)
_IS_URL_RE = re.compile(r"^(?:https?://|ftp://|www\.)\S", re.I)
_CONT_RE = re.compile(r"\s(" + _URL_CHARS + "+)")
_PCT_RUN_RE = re.compile(r"(?:%[0-9A-Fa-f]{2})+")
_PCT_RE = re.compile(r"%[0-9A-Fa-f]{2}")
_FILE_EXT_RE = re.compile(r"\.(?:s?html?|php\d?|aspx?|jsp|cfm|pdf|docx?|xlsx?|pptx?|txt|xml|json)$", re.I)
_URLISH_RE = re.compile(r"[\w\-.%~/=&?#+:;,@!$*'()]+")
_AFTER_END_RE = re.compile(r"[.,;:!?)\]'\"”’*…>]*(?:\s|$)")
_TRAILING = ".,;:!?'\"*…\\"
_MAX_JOINS = 8

_SECOND_LEVEL = frozenset(
    "ac co com edu gob gouv gov govt go info ltd mil ne net nic or org plc sch".split()
)
_IPV4_RE = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")
_WWW_RE = re.compile(r"^www\d*\.")
_HOST_RE = re.compile(r"[\w.:-]+")


@dataclass(frozen=True)
class UrlSpan:
    """A cited URL and where it sits in the text; start = end = -1 for a link not shown in it."""

    start: int
    end: int
    url: str

    @property
    def placed(self) -> bool:
        return self.start >= 0


def is_url(s: str) -> bool:
    """True for a string that starts like a web URL (http, https, ftp or www.)."""
    return bool(_IS_URL_RE.match(s.strip()))


def clean_url(url: str) -> str:
    """Drop markdown escapes, surrounding whitespace and trailing punctuation."""
    return _trim(_trim(url.strip()).strip("<>").replace("\\", "")).strip("<>")


def _trim(url: str) -> str:
    """Drop trailing punctuation that closes the sentence rather than the URL."""
    while url:
        c = url[-1]
        if c in _TRAILING:
            url = url[:-1]
        elif c == ")" and url.count("(") < url.count(")"):
            url = url[:-1]
        elif c == "]" and url.count("[") < url.count("]"):
            url = url[:-1]
        else:
            break
    return url


def _valid(url: str) -> bool:
    rest = _SCHEME_RE.sub("", url)
    if rest.lower().startswith("www."):
        rest = rest[4:]
    return bool(rest) and rest[0].isalnum()


def _continues(url: str, token: str) -> bool:
    """Whether `token`, one whitespace after `url`, is the rest of a split URL."""
    if not url or url[-1] in ".,;:!?)]'\"":
        return False
    tok = _trim(token.replace("\\", ""))
    if not tok or _IS_URL_RE.match(tok) or not _URLISH_RE.fullmatch(tok):
        return False
    if tok[0] in "%/_=&?#~" or (tok[0] in "-." and len(tok) > 1 and tok[1].isalnum()):
        return True
    if _PCT_RE.search(tok) or "/" in tok or "=" in tok or "_" in tok or _FILE_EXT_RE.search(tok):
        return True
    return url[-1] in "-_=&?%#~+"


def _text_urls(text: str) -> list[tuple[int, int, str]]:
    """URL occurrences in the text itself: (start, end, cleaned URL)."""
    out: list[tuple[int, int, str]] = []
    for m in _URL_RE.finditer(text):
        start, end = m.start(), m.end()
        if out and start < out[-1][1]:
            continue
        raw = m.group()
        for _ in range(_MAX_JOINS):
            nxt = _CONT_RE.match(text, end)
            if not nxt or not _continues(raw.replace("\\", ""), nxt.group(1)):
                break
            raw += nxt.group(1)
            end = nxt.end()
        url = clean_url(raw)
        if not _valid(url):
            continue
        # end of the URL proper in the text (trailing punctuation excluded)
        trimmed = len(raw) - len(_trim(raw))
        out.append((start, end - trimmed, url))
    return out


def _canon(s: str) -> tuple[str, list[tuple[int, int]]]:
    """Comparison form: whitespace and backslashes dropped, %-escapes decoded; with source spans."""
    chars: list[str] = []
    spans: list[tuple[int, int]] = []
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c.isspace() or c == "\\":
            i += 1
            continue
        m = _PCT_RUN_RE.match(s, i)
        if m:
            for ch in unquote(m.group(), errors="replace"):
                if not ch.isspace():
                    chars.append(ch)
                    spans.append((m.start(), m.end()))
            i = m.end()
            continue
        chars.append(c)
        spans.append((i, i + 1))
        i += 1
    return "".join(chars), spans


def _loose(url: str) -> str:
    """Looser comparison form: no scheme, no www., no trailing slash, lower case."""
    c = _canon(_SCHEME_RE.sub("", url))[0].lower()
    if c.startswith("www."):
        c = c[4:]
    return c.rstrip("/")


def _overlaps(a: int, b: int, taken: list[tuple[int, int]]) -> bool:
    return any(a < e and s < b for s, e in taken)


def _find_link(text: str, canon: str, spans: list[tuple[int, int]], link: str,
               taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Text spans where a link target is shown (all non-overlapping occurrences)."""
    found: list[tuple[int, int]] = []
    variants = [_canon(link)[0]]
    bare = _SCHEME_RE.sub("", link)
    if bare != link:
        variants.append(_canon(bare)[0])
    for target in variants:
        if not target:
            continue
        pos = canon.find(target)
        while pos >= 0:
            last = pos + len(target) - 1
            start, end = spans[pos][0], spans[last][1]
            aligned = (pos == 0 or spans[pos - 1] != spans[pos]) and (
                last + 1 == len(spans) or spans[last + 1] != spans[last]
            )
            before_ok = start == 0 or not (text[start - 1].isalnum() or text[start - 1] in "/.-_%")
            after_ok = bool(_AFTER_END_RE.match(text, end))
            if aligned and before_ok and after_ok and not _overlaps(start, end, taken + found):
                found.append((start, end))
            pos = canon.find(target, pos + 1)
        if found:
            break
    return found


def locate_urls(text: str, links: Sequence[str] = ()) -> tuple[UrlSpan, ...]:
    """Every cited URL occurrence, in text order; links not shown in the text come last."""
    targets = _dedupe(clean_url(t) for t in links if is_url(t))
    canon, spans = _canon(text)
    placed: list[UrlSpan] = []
    taken: list[tuple[int, int]] = []
    unplaced: list[str] = []
    for link in sorted(targets, key=len, reverse=True):
        hits = _find_link(text, canon, spans, link, taken)
        taken.extend(hits)
        placed.extend(UrlSpan(s, e, link) for s, e in hits)
        if not hits:
            unplaced.append(link)
    for start, end, url in _text_urls(text):
        if _overlaps(start, end, taken):
            continue
        match = next((t for t in unplaced if _loose(t) == _loose(url)), None)
        if match is not None:
            unplaced.remove(match)
            url = match
        placed.append(UrlSpan(start, end, url))
        taken.append((start, end))
    placed.sort(key=lambda s: s.start)
    rest = [UrlSpan(-1, -1, t) for t in targets if t in unplaced]
    return tuple(placed + rest)


def _dedupe(items) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        if item and item not in seen:
            seen[item] = None
    return list(seen)


def find_urls(text: str, links: Sequence[str] = ()) -> list[str]:
    """URLs exactly as cited, in order of appearance, each once."""
    return _dedupe(s.url for s in locate_urls(text, links))


def url_domain(url: str) -> str:
    """Registrable-ish host without "www.": the last two labels, three under ccTLD second levels
    such as ``co.uk`` or ``gov.ml``; an IP address or a bare host is returned as is."""
    u = clean_url(url)
    if not _SCHEME_RE.match(u):
        u = "http://" + u
    try:
        host = (urlsplit(u).hostname or "").rstrip(".").lower()
    except ValueError:
        return ""
    host = _WWW_RE.sub("", host)
    if not _HOST_RE.fullmatch(host):
        return ""
    if _IPV4_RE.match(host) or ":" in host:
        return host
    labels = host.split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])
