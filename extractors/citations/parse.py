"""Footnotes into citations: split, parse, resolve short forms (pure functions, no I/O).

A footnote is cut into units: at top-level ``;`` (outside quotes, parentheses and URLs), at
sentence ends, and at "and" between two complete works. Each unit is an interview
("Interview with ...", "author's interview with ...", "; and with ..."), a publication (it
has a URL, a quoted title, a "(Place: Publisher, Year)", a "see ...", "Ibid.", or an author
lead followed by a date or page) or a note (prose that cites nothing). Prose before a
citation ("For an analysis of ..., see") is not part of the citation text.

Short forms are resolved in `parse_footnotes` against the earlier full citations of the
same document: ``Thiam, "Centre du Mali," 24.`` (surname and title prefix),
``Boilley's Les Touaregs Kel Adagh`` (possessive), ``Interview with ag Aharib.`` (a name that
ends the full interviewee's name, or the same anonymous description) and ``Ibid.`` (the
previous footnote's last citation). `backref` is the footnote holding the full citation
(an Ibid. that points at a short form follows it to its full citation).

Without that context (`split_citations`, `parse_citation`) a possessive short form in prose
is not seen, and a short form keeps only what it says itself.

Fields: `outlet` is the newspaper or journal, the publisher of a book or chapter, or the
institution that issued an unsigned report (an institution before the title is an outlet,
not an author). `locator` is the page as cited ("quotation at 480", "p. 18", "24").
Interviews ("Interview with ...", "Crisis Group interview, ...", "Telephone interview ...")
carry their ISO date in `interview_date` and also in `date`/`year`; an anonymous interviewee
is its description ("a specialist on the north"), which is also its `role`.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Sequence

from extractors.model import Citation
from extractors.text import loose_key
from extractors.citations.urls import UrlSpan, locate_urls

FOOTNOTE_KINDS = ("publication", "interview", "mixed", "note")

# ---------------------------------------------------------------- words and patterns

_MONTHS = MappingProxyType({
    "january": 1, "jan": 1, "janvier": 1,
    "february": 2, "feb": 2, "février": 2, "fevrier": 2,
    "march": 3, "mar": 3, "mars": 3,
    "april": 4, "apr": 4, "avril": 4,
    "may": 5, "mai": 5,
    "june": 6, "jun": 6, "juin": 6,
    "july": 7, "jul": 7, "juillet": 7,
    "august": 8, "aug": 8, "août": 8, "aout": 8,
    "september": 9, "sep": 9, "sept": 9, "septembre": 9,
    "october": 10, "oct": 10, "octobre": 10,
    "november": 11, "nov": 11, "novembre": 11,
    "december": 12, "dec": 12, "décembre": 12, "decembre": 12,
})
_MONTH = "(?:" + "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True)) + r")\.?"
_YEAR = r"(?:1[89]\d{2}|20\d{2})"
_DATE_RES = (
    ("dmy", re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th|er)?\s+({_MONTH})\s+({_YEAR})\b", re.I)),
    ("mdy", re.compile(rf"\b({_MONTH})\s+(\d{{1,2}}),?\s+({_YEAR})\b", re.I)),
    ("iso", re.compile(rf"\b({_YEAR})-(\d{{2}})-(\d{{2}})\b")),
    ("my", re.compile(rf"\b({_MONTH})\s+({_YEAR})\b", re.I)),
    ("y", re.compile(rf"\b({_YEAR})\b")),
)
_MONTH_DAY_RE = re.compile(rf"^(?:.*\s)?{_MONTH}\s+\d{{1,2}}$", re.I)
_YEAR_RE = re.compile(rf"^{_YEAR}\b")
_SEASON = r"(?:(?:early|late|mid|spring|summer|autumn|fall|winter)[\s-]+)?"
_DATE_PART_RE = re.compile(
    rf"^(?:(?:on|in|dated|published)\s+)?{_SEASON}(?:\d{{1,2}}(?:st|nd|rd|th|er)?\s+{_MONTH}\s+{_YEAR}"
    rf"|{_MONTH}\s+\d{{1,2}},?\s+{_YEAR}|{_YEAR}-\d{{2}}-\d{{2}}|{_MONTH}\s+{_YEAR}|{_YEAR}[a-z]?)$",
    re.I,
)

_PARTICLES = frozenset(
    "ag al el ould ben bin ibn bint ou wuld wa de di da du des del della der den van von le la dit".split()
)
_TITLES = frozenset(
    "general gen. colonel col. lieutenant captain commander major ambassador president minister "
    "imam sheikh cheikh chief dr. dr mr. mr mrs. mrs ms. ms prof. professor senator governor".split()
)
_ORG_WORDS = frozenset(
    """Ministry Ministère Ministere Program Programme Organization Organisation Nations Watch
    Institute Institution Forces Force Army Panel Group Commission Council Agency Bank Fund
    Office Center Centre Committee Association Union Government Department Foundation
    Endowment University Université Amnesty International Service Services Mission Assembly
    Court Tribunal Network Project Initiative Coalition Movement Mouvement Party Embassy
    Secretariat Studies Research Society Corporation Company Agence Conseil Survey Crisis
    Observatory Press Media News Times Direction Division Bureau Board Authority Alliance
    Federation Republic Ministries Documentation Affairs Reuters""".split()
)
_ABBREVIATIONS = frozenset(
    """p pp ed eds vol vols no nos mr mrs ms dr st jr sr gen col lt capt prof rev cf al fig ch
    para paras trans op cit n nn art sec dept univ inc ltd co corp approx ca c vs v mt sgt maj
    adm gov sen rep hon pres amb fr esp""".split()
)
_ARTICLES = ("a ", "an ", "the ")
_PREPOSITIONS = frozenset("from of in at to near on for with the a an by".split())

_OPEN_CLOSE = MappingProxyType({"“": "”", "«": "»", "(": ")", "[": "]"})
_CLOSERS = MappingProxyType({v: k for k, v in _OPEN_CLOSE.items()})

_INTERVIEW_RE = re.compile(
    r"\b(?:(?:[Tt]ele)?[Pp]hone\s+|[Ss]kype\s+|[Ee]-?mail\s+)?(?:[Ii]nterview(?:s|ed)?\b"
    r"(?=\s+(?:with|by|conducted)\b|\s*[,.;:]|\s*$)|(?:[Cc]onversations?|[Cc]orrespondence)\s+(?=with\b))"
)
_INTERVIEW_HEAD_RE = re.compile(
    r"^(?:(?:tele)?phone\s+|skype\s+|e-?mail\s+)?(?:interview(?:s|ed)?|conversations?|correspondence)"
    r"(?:\s+(?:conducted\s+)?by\s+the\s+author)?(?P<with>\s+with\b)?[\s,:]*|^(?P<with2>with)\s+",
    re.I,
)
_INTERVIEW_BY_RE = re.compile(r"(?:[A-ZÀ-Þ][\w’'.-]*\s+){1,3}")  # "Crisis Group interview", "Author interview"
_OP_CIT_RE = re.compile(r"^(?:op|loc)\.?\s*cit\.?$", re.I)
_ANONYMITY_RE = re.compile(
    r",?\s*\b(?:who\s+(?:requested|asked\s+for|asked|wished\s+to\s+remain|preferred)\s+"
    r"(?:anonymity|not\s+to\s+be\s+(?:named|identified)|anonymous)"
    r"|(?:on\s+(?:the\s+)?condition\s+of|requesting)\s+anonymity|name\s+withheld)\b",
    re.I,
)
_SEE_RE = re.compile(
    r"\b[Ss]ee(?:\s+also)?(?:,?\s+(?:for\s+example|for\s+instance|e\.g\.|inter\s+alia|especially|"
    r"in\s+particular|notably),?)?\s+"
)
_LEADING_RE = re.compile(
    r"^(?:(?:and|also)\s+|[Ss]ee(?:\s+also)?(?:,?\s+(?:for\s+example|for\s+instance|e\.g\.|inter\s+alia|"
    r"especially|in\s+particular|notably),?)?\s+|[Cc]f\.\s+)+"
)
_IBID_RE = re.compile(r"^(?:ibid(?:em)?|id)\.?(?:,\s*|\s+|$)(?P<loc>.*)$", re.I)
_BOOK_PAREN_RE = re.compile(
    rf"\((?:(?P<place>[^():]+):\s*)?(?P<pub>[^(),]+(?:,\s*[^(),\d][^(),]*)*),\s*(?P<year>{_YEAR}|n\.\s?d\.)[a-z]?\)"
)
_JOURNAL_RE = re.compile(
    r"^(?P<journal>[^()]+?)\s+(?:vol\.\s*)?(?P<vol>\d+(?:[:.]\d+)?)(?:,?\s*no\.\s*\d+)?\s*"
    r"\((?P<date>[^()]*\d{4}[^()]*)\)(?:\s*:\s*(?P<pages>\d+(?:\s*[-–]\s*\d+)?))?$",
    re.I,
)
_OUTLET_PAREN_RE = re.compile(r"^(?P<outlet>[^()]+?)\s*\((?P<date>[^()]*\d{4}[^()]*)\)$")
_LOCATOR_RE = re.compile(
    r"^(?:(?:pp?\.|pages?|at)\s*\d+[a-z]?(?:\s*[-–]\s*\d+)?(?:\s*(?:,|and)\s*\d+(?:\s*[-–]\s*\d+)?)*"
    r"(?:\s*(?:ff|n\.?\s*\d+))?"
    r"|(?:quotation|quoted|cited)\s+(?:at|on)\s+(?:pp?\.\s*)?\d+(?:\s*[-–]\s*\d+)?"
    r"|\d+[a-z]?(?:\s*[-–]\s*\d+)?(?:\s*,\s*\d+(?:\s*[-–]\s*\d+)?)*"
    r"|(?:chapter|ch\.|chap\.|section|para\.|paragraph|annex|appendix)\s+[\w.-]+"
    r"|(?=[xivl])l?x{0,3}(?:ix|iv|v?i{0,3})(?:\s*[-–]\s*[xivl]+)?)$",
    re.I,
)
_SKIP_PART_RE = re.compile(
    r"^\(?(?:available\s+(?:at|from|online)|online\s+at|accessed|retrieved|last\s+accessed|viewed|"
    r"consulted|et\s+al\.?)\b.*$|^(?:ed|eds|trans|online|url|link|web|pdf|at)\.?$|^(?:op|loc)\.?\s*cit\.?$",
    re.I,
)
_BY_RE = re.compile(r"^(?:(?:an?\s+)?interview\s+(?:of|with)\s+.+?\s+)?by\s+(?P<who>.+)$", re.I)
_AUTHOR_SPLIT_RE = re.compile(r"\s*,\s*and\s+|\s*,\s*&\s*|\s+and\s+|\s+&\s+|\s+with\s+|\s*,\s*")
_ET_AL_RE = re.compile(r",?\s*\bet\s+al\.?", re.I)
_PROSE_TOLD_RE = re.compile(
    r"(?:^|[.;:,]\s+)(?P<who>[^.;:,]+?)\s+(?:described|told|explained|recounted|related|said|recalled|"
    r"confirmed|stated)\b[^.;]{0,60}?\bthe\s+author\b"
)
_SENT_END_RE = re.compile(r"[.?!]+(?=\s+\S)")
_LAST_WORD_RE = re.compile(r"(\S+)$")
_INITIAL_RE = re.compile(r"[A-ZÀ-Þ]|(?:[A-Za-z]\.)+[A-Za-z]")  # "D" of "D.", "U.S" of "U.S."
_INITIALS_RE = re.compile(r"(?:[A-ZÀ-Þ]\.)+(?:-[A-ZÀ-Þ]\.)?")  # "D.", "J.-P."
_STARTER_RE = re.compile(r"(?:[Ss]ee|[Ii]nterview|[Ii]bid)\b")
_POSSESSIVE_RE = re.compile(r"([^,;]+?)['’]s\s+[A-ZÀ-Þ]")
_WITH_RE = re.compile(r"with\s+\S")
_AVAILABLE_RE = re.compile(
    r"(?:,?\s*\b(?:available\s+(?:at|from|online)|online\s+at|at)\s*)+(?=[,.;]|\s*$)", re.I)
_EMPTY_PART_RE = re.compile(r"\s*,\s*(?=[,.;]|$)")
_TRAILING_STOP_RE = re.compile(r"[.\s]+$")
_ET_AL_PART_RE = re.compile(r"et al\.?")
_AND_PREFIX_RE = re.compile(r"^(?:and|&)\s+")
_TITLE_WORD_RE = re.compile(r"\w+")
_SEMI_RE = re.compile(r";")
_AND_RE = re.compile(r"(?:,\s+|\s+)and\s+")
_WORD_RE = re.compile(r"\S+")
_WS_RE = re.compile(r"\s+")
_PUNCT_RE = re.compile(r"[^\w\s]")
_QUOTES = "“”\"«»"

# ---------------------------------------------------------------- records


@dataclass(frozen=True)
class FootnoteParse:
    """What a footnote cites: its kind, how many citations, the URLs as cited in its text."""

    n: int
    kind: str  # publication | interview | mixed | note
    n_citations: int
    urls: tuple[str, ...]


@dataclass(frozen=True)
class ParsedCitation:
    """One citation's fields, before it is placed in a document (see `to_citation`)."""

    kind: str  # publication | interview
    text: str
    authors: tuple[str, ...] = ()
    title: str = ""
    outlet: str = ""
    year: int | None = None
    date: str = ""
    urls: tuple[str, ...] = ()
    locator: str = ""
    interviewee: str = ""
    role: str = ""
    interview_place: str = ""
    interview_date: str = ""
    anonymous: bool | None = None
    short: bool = False  # a short form that refers to an earlier full citation
    ibid: bool = False

    def to_citation(self, doc_id: str, footnote: int, idx: int, backref: int | None = None) -> Citation:
        return Citation(
            doc_id=doc_id, footnote=footnote, idx=idx, kind=self.kind, text=self.text,
            authors=self.authors, title=self.title, outlet=self.outlet, year=self.year,
            date=self.date, urls=self.urls, locator=self.locator, interviewee=self.interviewee,
            role=self.role, interview_place=self.interview_place,
            interview_date=self.interview_date, anonymous=self.anonymous, backref=backref,
        )


@dataclass(frozen=True)
class _Unit:
    start: int  # where the citation proper starts (prose and "See" excluded)
    end: int
    kind: str  # publication | interview | note
    lo: int = -1  # where the piece starts, prose included (its URLs belong to the citation)


# ---------------------------------------------------------------- small helpers


def parse_date(s: str) -> str:
    """The first date in `s` as ISO (YYYY-MM-DD, YYYY-MM or YYYY), or ""."""
    found = []
    for form, rx in _DATE_RES:
        for m in rx.finditer(s):
            iso = _iso(form, m.groups())
            if iso:
                found.append((m.start(), -len(m.group()), iso))
                break
    return min(found)[2] if found else ""


def _iso(form: str, g: tuple[str, ...]) -> str:
    def month(name: str) -> int:
        return _MONTHS.get(name.rstrip(".").lower(), 0)

    try:
        if form == "dmy":
            d, mo, y = int(g[0]), month(g[1]), int(g[2])
        elif form == "mdy":
            mo, d, y = month(g[0]), int(g[1]), int(g[2])
        elif form == "iso":
            y, mo, d = int(g[0]), int(g[1]), int(g[2])
        elif form == "my":
            return f"{int(g[1]):04d}-{month(g[0]):02d}" if month(g[0]) else ""
        else:
            return f"{int(g[0]):04d}"
    except ValueError:
        return ""
    if not 1 <= mo <= 12:
        return f"{y:04d}"
    try:
        return datetime.date(y, mo, d).isoformat()
    except ValueError:
        return f"{y:04d}-{mo:02d}"


def _year_of(iso: str) -> int | None:
    return int(iso[:4]) if iso[:4].isdigit() else None


def _is_date_part(s: str) -> bool:
    return bool(_DATE_PART_RE.match(s.strip().rstrip(".").strip()))


def _top_level(text: str, spans: Sequence[UrlSpan] = ()) -> list[bool]:
    """For each character, whether it is outside quotes, parentheses, brackets and URLs."""
    stack: list[tuple[str, int]] = []
    pairs: list[tuple[int, int]] = []
    for i, c in enumerate(text):
        if c == '"':
            if stack and stack[-1][0] == '"':
                pairs.append((stack.pop()[1], i))
            else:
                stack.append((c, i))
        elif c in _OPEN_CLOSE and not (c in "([" and stack and stack[-1][0] in '"“«'):
            stack.append((c, i))
        elif c in _CLOSERS:
            opener = _CLOSERS[c]
            for j in range(len(stack) - 1, -1, -1):
                if stack[j][0] == opener:
                    pairs.append((stack[j][1], i))
                    del stack[j:]
                    break
                if c in ")]" and stack[j][0] in '"“«':
                    break  # a bracket does not close across a quotation
    depth = [0] * (len(text) + 1)
    for a, b in pairs:  # the quote marks and brackets themselves stay top-level
        depth[a + 1] += 1
        depth[b] -= 1
    for sp in spans:
        if sp.placed:
            depth[sp.start] += 1
            depth[sp.end] -= 1
    out, level = [], 0
    for i in range(len(text)):
        level += depth[i]
        out.append(level == 0)
    return out


def _strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in ";,"):
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _split_at(text: str, top: list[bool], s: int, e: int, rx: re.Pattern[str]) -> list[tuple[int, int]]:
    out, cur = [], s
    for m in rx.finditer(text, s, e):
        if top[m.start()]:
            out.append((cur, m.start()))
            cur = m.end()
    out.append((cur, e))
    return [p for p in (_strip_span(text, a, b) for a, b in out) if p[0] < p[1]]


def _top_commas(text: str, top: list[bool], s: int, e: int) -> list[int]:
    return [i for i in range(s, e) if text[i] == "," and top[i]]


def _parts(text: str, top: list[bool], s: int, e: int) -> list[str]:
    """Top-level comma-separated parts of text[s:e], stripped; "March 3, 2019" stays one part."""
    cuts = [s - 1] + _top_commas(text, top, s, e) + [e]
    parts: list[str] = []
    for a, b in zip(cuts, cuts[1:]):
        part = text[a + 1:b].strip()
        if parts and _MONTH_DAY_RE.match(parts[-1]) and _YEAR_RE.match(part):
            parts[-1] = f"{parts[-1]}, {part}"
        else:
            parts.append(part)
    return parts


def _first_quote(text: str, top: list[bool], s: int, e: int) -> tuple[int, int] | None:
    """The first top-level quoted stretch (opening, closing index) in text[s:e]."""
    for i in range(s, e):
        c = text[i]
        if c not in '"“' or not top[i]:
            continue
        depth = 0
        for j in range(i + 1, e):
            if c == "“" and text[j] == "“":
                depth += 1
            elif text[j] == "”" or (c == '"' and text[j] == '"'):
                if depth == 0:
                    return i, j
                depth -= 1
        return None
    return None


# ---------------------------------------------------------------- names


def _clean_token(t: str) -> str:
    return t.strip(",;:()[]\"“”«»")


def _is_name_token(t: str) -> bool:
    t = _clean_token(t)
    if not t:
        return False
    if t.lower() in _PARTICLES:
        return True
    low = t.lower()
    if low.startswith(("al-", "el-", "ag-", "ad-", "ould-", "ben-", "bin-")):
        return True
    if _INITIALS_RE.fullmatch(t):
        return True
    return t[0].isupper() and not any(ch.isdigit() for ch in t) and t.lower() not in ("i",)


def _is_person(s: str) -> bool:
    s = _ET_AL_RE.sub("", s).strip().rstrip(",")
    tokens = s.split()
    if not 1 <= len(tokens) <= 6 or ":" in s or any(ch.isdigit() for ch in s):
        return False
    if any(_clean_token(t) in _ORG_WORDS for t in tokens):
        return False
    if not all(_is_name_token(t) for t in tokens):
        return False
    return any(_clean_token(t)[:1].isupper() for t in tokens)


def _is_org(s: str) -> bool:
    tokens = [_clean_token(t) for t in s.split()]
    return bool(tokens) and tokens[0][:1].isupper() and any(t in _ORG_WORDS for t in tokens) \
        and not any(ch in s for ch in _QUOTES) and len(tokens) <= 12


def _split_authors(s: str) -> list[str]:
    s = _ET_AL_RE.sub("", s).strip().rstrip(",").strip()
    out = []
    for a in _AUTHOR_SPLIT_RE.split(s):
        a = a.strip().strip(",")
        if a and a.lower().rstrip(".") not in ("ed", "eds", "trans", "dir", "dirs", "and"):
            out.append(a)
    return out


def _is_name_list(s: str) -> bool:
    authors = _split_authors(s)
    return bool(authors) and all(_is_person(a) for a in authors)


def _name_suffix_start(lead: str) -> int | None:
    """Offset in `lead` where a trailing list of names starts after prose, or None."""
    words = list(_WORD_RE.finditer(lead))
    i = len(words)
    while i > 0:
        w = words[i - 1].group()
        if _is_name_token(w) or w in ("and", "&", "with"):
            i -= 1
        else:
            break
    while i < len(words) and (words[i].group() in ("and", "&", "with")
                              or _clean_token(words[i].group()).lower() in _PARTICLES):
        i += 1
    if i >= len(words) or i == 0:
        return None
    candidate = lead[words[i].start():].strip().rstrip(",")
    return words[i].start() if _is_name_list(candidate) else None


def _split_name(s: str) -> tuple[str, str]:
    """(role, name) from "Malian analyst Boukary Sangaré"; name is "" when none ends the phrase."""
    s = s.strip().rstrip(".,")
    words = s.split()
    if not words:
        return "", ""
    i = len(words)
    while i > 0 and _is_name_token(words[i - 1]):
        i -= 1
    run = words[i:]
    if not run:
        return s, ""
    if i > 0 and words[i - 1].lower() in _PREPOSITIONS:
        return s, ""
    # a particle cannot open a name unless the whole phrase is the name ("ag Aharib")
    while i > 0 and run and run[0].lower() in _PARTICLES:
        i += 1
        run = run[1:]
    while run and run[0].lower() in _TITLES and len(run) > 1:
        i += 1
        run = run[1:]
    if not run or not any(w[:1].isupper() for w in run):
        return s, ""
    name = " ".join(run)
    if _is_org(name):
        return s, ""
    return _strip_article(" ".join(words[:i])), name


def _strip_article(s: str) -> str:
    low = s.lower()
    for art in _ARTICLES:
        if low.startswith(art):
            return s[len(art):]
    return s


# ---------------------------------------------------------------- segmentation


def _abbreviation_before(text: str, s: int, i: int) -> bool:
    m = _LAST_WORD_RE.search(text, s, i)
    if not m:
        return False
    word = m.group(1).lstrip("(\"“«[")
    if _INITIAL_RE.fullmatch(word):
        return True
    return word.lower() in _ABBREVIATIONS


def _sentences(text: str, top: list[bool], s: int, e: int) -> list[tuple[int, int]]:
    """Sentences of text[s:e]; keeps a book title with a full stop in it in one piece."""
    cuts: list[tuple[int, int]] = []  # (end of sentence, start of next)
    for m in _SENT_END_RE.finditer(text, s, e):
        i = m.start()
        if not top[i]:
            continue
        nxt = m.end()
        while nxt < e and text[nxt].isspace():
            nxt += 1
        if nxt >= e:
            continue
        c = text[nxt]
        if not (c.isupper() or c in "“\"«"):
            continue
        if text[i] == "." and m.end() - i == 1 and _abbreviation_before(text, s, i):
            continue
        cuts.append((m.end(), nxt))
    pieces: list[tuple[int, int]] = []
    cur = s
    for end, nxt in cuts:
        pieces.append((cur, end))
        cur = nxt
    pieces.append((cur, e))
    merged: list[tuple[int, int]] = []
    for a, b in pieces:
        if merged and _continues_title(text, top, merged[-1], (a, b)):
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return [p for p in (_strip_span(text, a, b) for a, b in merged) if p[0] < p[1]]


def _continues_title(text: str, top: list[bool], prev: tuple[int, int], nxt: tuple[int, int]) -> bool:
    """Whether `nxt` is the rest of an unquoted book title cut at a full stop in `prev`."""
    p, n = text[prev[0]:prev[1]], text[nxt[0]:nxt[1]]
    if not _BOOK_PAREN_RE.search(n) or _BOOK_PAREN_RE.search(p):
        return False
    if _STARTER_RE.match(n):
        return False
    paren = nxt[0] + _BOOK_PAREN_RE.search(n).start()
    if _top_commas(text, top, nxt[0], paren):
        return False
    if not _top_commas(text, top, prev[0], prev[1]) or any(c in p for c in _QUOTES):
        return False
    last = p.rstrip(". ").split()[-1:] or [""]
    return last[0][:1].isupper() and not parse_date(p)


def _complete(text: str, top: list[bool], s: int, e: int, spans: Sequence[UrlSpan]) -> bool:
    """Whether text[s:e] already holds a whole work (title and a date, URL or publisher)."""
    seg = text[s:e]
    if any(s <= sp.start < e for sp in spans if sp.placed):
        return True
    if _BOOK_PAREN_RE.search(seg):
        return True
    q = _first_quote(text, top, s, e)
    return q is not None and bool(parse_date(text[q[1]:e]))


def _starts_work(text: str, top: list[bool], s: int, e: int) -> bool:
    """Whether text[s:e] opens with a citation head: a quoted title or names then a title."""
    seg = text[s:e]
    if seg[:1] in '"“':
        return True
    q = _first_quote(text, top, s, e)
    if q is not None:
        lead = text[s:q[0]].strip().rstrip(",")
        if lead and _is_name_list(lead) and text[s:q[0]].rstrip().endswith(","):
            return True
    m = _POSSESSIVE_RE.match(seg)
    return bool(m and _is_name_list(m.group(1)))


def _split_and(text: str, top: list[bool], s: int, e: int, spans: Sequence[UrlSpan]) -> list[tuple[int, int]]:
    """Cut text[s:e] at "and" between two works."""
    out, cur = [], s
    for m in _AND_RE.finditer(text, s, e):
        if not top[m.start()] or m.start() <= cur:
            continue
        if _complete(text, top, cur, m.start(), spans) and _starts_work(text, top, m.end(), e):
            out.append((cur, m.start()))
            cur = m.end()
    out.append((cur, e))
    return [p for p in (_strip_span(text, a, b) for a, b in out) if p[0] < p[1]]


def _lead_start(text: str, top: list[bool], s: int, e: int) -> int | None:
    """Where the citation starts if text[s:e] is a publication judged by its lead, else None."""
    seg = text[s:e]
    q = _first_quote(text, top, s, e)
    book = _BOOK_PAREN_RE.search(seg)
    book_at = s + book.start() if book else None
    commas = _top_commas(text, top, s, e)
    if q is not None and (book_at is None or q[0] < book_at):
        lead_end = q[0]
    elif commas:
        lead_end = commas[0]
    else:
        lead_end = book_at if book_at is not None else e
    raw_lead = text[s:lead_end]
    lead = raw_lead.strip().rstrip(",").strip()
    start: int | None
    if not lead:
        start = s
    elif _is_name_list(lead) or _is_org(lead):
        start = s
    else:
        off = _name_suffix_start(raw_lead)
        start = s + off if off is not None else (q[0] if q is not None else None)
    if start is None:
        return None
    if book_at is not None and book_at > start:
        return start
    if q is not None and q[0] >= start:
        rest = text[q[1] + 1:e].strip().lstrip(",").strip()
        named = start < q[0]
        if rest[:1].isupper() or rest[:1].isdigit() or rest.lower().startswith(("in ", "p.", "pp.")):
            return start
        if named and not rest.strip(" .,"):
            return start
        return None
    # author lead, then a title, then a date or a page
    parts = _parts(text, top, start, e)
    if len(parts) >= 2 and (parts[0] and (_is_name_list(parts[0]) or _is_org(parts[0]))):
        if _OP_CIT_RE.match(parts[1].strip()):
            return start
        if parts[1][:1].isupper() or parts[1][:1].isdigit():
            tail = parts[2:]
            if any(_is_date_part(p) for p in tail) or (tail and _LOCATOR_RE.match(tail[-1].rstrip(". "))):
                return start
    return None


def _classify(text: str, top: list[bool], s: int, e: int, spans: Sequence[UrlSpan], prev: str) -> _Unit:
    seg = text[s:e]
    lead = _LEADING_RE.match(seg)
    body_s = s + (lead.end() if lead else 0)
    body = text[body_s:e]
    has_url = any(s <= sp.start < e for sp in spans if sp.placed)
    if prev == "interview" and _WITH_RE.match(body):
        return _Unit(body_s, e, "interview")
    m = next((m for m in _INTERVIEW_RE.finditer(text, s, e) if top[m.start()]), None)
    if m is not None:
        before = text[body_s:m.start()]
        pubby = has_url and any(s <= sp.start < m.start() for sp in spans if sp.placed)
        if not pubby and not any(c in before for c in _QUOTES) and not _BOOK_PAREN_RE.search(before):
            by = _INTERVIEW_BY_RE.fullmatch(before)
            return _Unit(body_s if by else m.start(), e, "interview")
    if _IBID_RE.match(body):
        return _Unit(body_s, e, "publication")
    see = next((m for m in _SEE_RE.finditer(text, s, e) if top[m.start()] and m.end() < e
                and (text[m.end()].isupper() or text[m.end()] in '"“«' or text[m.end()].isdigit())), None)
    if see is not None:
        return _Unit(see.end(), e, "publication")
    start = _lead_start(text, top, body_s, e)
    if start is not None:
        return _Unit(start, e, "publication")
    if has_url:
        first = min(sp.start for sp in spans if sp.placed and s <= sp.start < e)
        off = _name_suffix_start(text[body_s:first])
        return _Unit(body_s + off if off is not None else body_s, e, "publication")
    return _Unit(s, e, "note")


def _units(text: str, spans: Sequence[UrlSpan]) -> list[_Unit]:
    top = _top_level(text, spans)
    units: list[_Unit] = []
    for a, b in _split_at(text, top, 0, len(text), _SEMI_RE):
        for c, d in _sentences(text, top, a, b):
            for f, g in _split_and(text, top, c, d, spans):
                prev = units[-1].kind if units else ""
                units.append(replace(_classify(text, top, f, g, spans, prev), lo=f))
    return units


def split_citations(text: str) -> list[str]:
    """The citations of one footnote, each as its own text (prose and "See also" left out)."""
    spans = locate_urls(text)
    return [text[u.start:u.end] for u in _units(text, spans) if u.kind != "note"]


# ---------------------------------------------------------------- parsing one citation


def parse_citation(text: str, links: Sequence[str] = ()) -> ParsedCitation:
    """Parse one citation (as returned by `split_citations`)."""
    spans = locate_urls(text, links)
    body = _LEADING_RE.sub("", text.strip(), count=1)
    return _parse(text, spans, "interview" if _interview_at(body) is not None else "publication")


def _interview_at(body: str) -> int | None:
    """Where the interview phrase starts if `body` cites an interview ("Crisis Group interview, ...")."""
    if _INTERVIEW_HEAD_RE.match(body):
        return 0
    at = _INTERVIEW_RE.search(body)
    return at.start() if at and _INTERVIEW_BY_RE.fullmatch(body[:at.start()]) else None


def _parse(text: str, spans: Sequence[UrlSpan], kind: str, prefix: str = "") -> ParsedCitation:
    urls = tuple(dict.fromkeys(sp.url for sp in spans))
    if kind == "interview":
        return _parse_interview(text.strip(), urls, prefix)
    return _parse_publication(text, spans, urls)


def _parse_interview(text: str, urls: tuple[str, ...], prefix: str) -> ParsedCitation:
    body = _LEADING_RE.sub("", text)
    body = body[_interview_at(body) or 0:]
    head = _INTERVIEW_HEAD_RE.match(body)
    named = bool(head and (head.group("with") or head.group("with2")))
    body = body[head.end():] if head else body
    body = body.strip().rstrip(".").strip()
    anonymous_said = bool(_ANONYMITY_RE.search(body))
    body = _ANONYMITY_RE.sub("", body)
    top = _top_level(body)
    parts = [p for p in _parts(body, top, 0, len(body)) if p]
    date = ""
    if parts and _is_date_part(parts[-1]):
        date = parse_date(parts.pop())
    place = ""
    if parts:
        cand = parts[-1]
        placeish = 1 <= len(cand.split()) <= 4 and all(_is_name_token(w) or w in ("and", "&")
                                                       for w in cand.split()) \
            or cand.lower().startswith(("by ", "via ", "over "))
        if not named:
            place = parts.pop() if placeish else ""
        elif len(parts) >= 2 and placeish and (date or len(cand.split()) == 1):
            place = parts.pop()
    role = interviewee = ""
    if parts:
        if len(parts) >= 2 and _split_name(parts[-1])[1] == parts[-1].strip():
            interviewee = parts[-1].strip()
            role = _strip_article(", ".join(parts[:-1]).strip())
        else:
            phrase = ", ".join(parts)
            role, interviewee = _split_name(phrase)
            if not interviewee:
                interviewee, role = phrase, _strip_article(phrase)
                anonymous_said = True
    elif prefix:
        told = list(_PROSE_TOLD_RE.finditer(prefix))  # "X described to the author ..." before it
        if told:
            role, interviewee = _split_name(told[-1].group("who"))
    anonymous = True if anonymous_said else (False if interviewee else None)
    return ParsedCitation(
        kind="interview", text=text, urls=urls, interviewee=interviewee, role=role,
        interview_place=place, interview_date=date, date=date, year=_year_of(date) if date else None,
        anonymous=anonymous, short=named and not place and not date,
    )


def _cut_urls(text: str, spans: Sequence[UrlSpan]) -> str:
    """The citation with its URLs (and "available at" before them) left out."""
    out, cur = [], 0
    for sp in sorted((sp for sp in spans if sp.placed), key=lambda sp: sp.start):
        out.append(text[cur:sp.start])
        cur = sp.end
    out.append(text[cur:])
    s = "".join(out)
    s = _AVAILABLE_RE.sub("", s)
    s = _EMPTY_PART_RE.sub("", s)
    return s.strip()


def _parse_publication(text: str, spans: Sequence[UrlSpan], urls: tuple[str, ...]) -> ParsedCitation:
    raw = text.strip()
    s = _LEADING_RE.sub("", _cut_urls(text, spans)).strip()
    s = _TRAILING_STOP_RE.sub("", s) if not s.endswith(("...", "…", '."', ".”")) else s
    ibid = _IBID_RE.match(s)
    if ibid:
        return ParsedCitation(kind="publication", text=raw, urls=urls,
                              locator=_locator(ibid.group("loc")), short=True, ibid=True)
    top = _top_level(s)
    authors: tuple[str, ...] = ()
    title = outlet = date = locator = ""
    rest_parts: list[str] = []
    q = _first_quote(s, top, 0, len(s))
    book = _BOOK_PAREN_RE.search(s)
    if q is not None and (book is None or q[0] < book.start()):
        lead = s[:q[0]].strip().rstrip(",").strip()
        title = s[q[0] + 1:q[1]].strip().rstrip(",").strip()
        rest = s[q[1] + 1:].strip().lstrip(",").strip()
        rest_parts = _parts(rest, _top_level(rest), 0, len(rest))
        authors, outlet = _lead(lead)
    else:
        end = book.start() if book else len(s)
        head = _parts(s, top, 0, end)
        n_auth = _author_parts(head)
        lead = ", ".join(head[:n_auth])
        authors, outlet = _lead(lead)
        tparts = [p for p in head[n_auth:] if not _SKIP_PART_RE.match(p)]
        title = ", ".join(tparts).strip()
        if book:
            rest = s[book.start():]
        else:
            rest = ""
            # an unquoted title is one part; what follows it is outlet, date, page
            if tparts and (_LOCATOR_RE.match(tparts[0]) or _is_date_part(tparts[0])):
                title, rest_parts = "", tparts
            elif len(tparts) > 1:
                title, rest_parts = tparts[0], tparts[1:]
        if rest:
            rest_parts = _parts(rest, _top_level(rest), 0, len(rest))
    publisher = ""
    for part in rest_parts:
        p = part.strip().rstrip(".").strip()
        if not p or _SKIP_PART_RE.match(p):
            continue
        if p.lower().startswith("in "):
            bm = _BOOK_PAREN_RE.search(p)
            if bm:
                publisher = publisher or bm.group("pub").strip()
                date = date or parse_date(bm.group("year"))
            continue
        bm = _BOOK_PAREN_RE.fullmatch(p) or _BOOK_PAREN_RE.search(p)
        if bm and bm.end() == len(p):
            publisher = publisher or bm.group("pub").strip()
            date = date or parse_date(bm.group("year"))
            continue
        jm = _JOURNAL_RE.match(p)
        if jm and not outlet:
            outlet = jm.group("journal").strip()
            date = date or parse_date(jm.group("date"))
            continue
        om = _OUTLET_PAREN_RE.match(p)
        if om and parse_date(om.group("date")) and not outlet:
            outlet = om.group("outlet").strip()
            date = date or parse_date(om.group("date"))
            continue
        if _is_date_part(p):
            date = date or parse_date(p)
            continue
        if _LOCATOR_RE.match(p) and (title or authors):
            locator = locator or p
            continue
        by = _BY_RE.match(p)
        if by and _is_name_list(by.group("who")):
            authors = authors or tuple(_split_authors(by.group("who")))
            continue
        if not outlet and not date and not locator:
            outlet = p
    lead_org = outlet if not authors and outlet and outlet == _lead(lead)[1] else ""
    if not outlet:
        outlet = publisher
    if not date and q is None and title:
        date = parse_date(title)
    # a short form: names (or the institution) and a title, nothing that places the work
    short = not (date or urls or publisher or (outlet and outlet != lead_org)) and bool(authors or title)
    return ParsedCitation(
        kind="publication", text=raw, authors=authors, title=title, outlet=outlet,
        year=_year_of(date) if date else None, date=date, urls=urls, locator=locator, short=short,
    )


def _author_parts(head: list[str]) -> int:
    """How many leading comma parts of an unquoted citation are its authors (or institution)."""
    if not head:
        return 0
    if _is_org(head[0]) and not _is_name_list(head[0]):
        return 1
    if not _is_name_list(head[0]):
        return 0
    n = 1
    ands = [i for i, p in enumerate(head) if p.startswith(("and ", "& "))]
    last_and = ands[0] if ands and all(
        _is_name_list(_AND_PREFIX_RE.sub("", p)) for p in head[1:ands[0] + 1]) else 0
    while n < len(head):
        p = head[n]
        if p.lower().rstrip(".") in ("ed", "eds", "dir", "dirs", "trans") or _ET_AL_PART_RE.fullmatch(p):
            n += 1
        elif n <= last_and:
            n += 1
        else:
            break
    return n


def _lead(lead: str) -> tuple[tuple[str, ...], str]:
    """(authors, institution) from the text before the title."""
    lead = lead.strip().rstrip(",").strip()
    if not lead:
        return (), ""
    if _is_name_list(lead):
        return tuple(_split_authors(lead)), ""
    if _is_org(lead):
        return (), lead
    return (), lead if len(lead.split()) <= 8 else ""


def _locator(s: str) -> str:
    s = s.strip().strip(",").rstrip(".").strip()
    return s if s and _LOCATOR_RE.match(s) else ""


# ---------------------------------------------------------------- footnotes and back-references


def _surnames(authors: Sequence[str]) -> set[str]:
    out = set()
    for a in authors:
        f = loose_key(a).split()
        if f:
            out.add(f[-1])
            out.add(" ".join(f))
    return out


def _find_publication(p: ParsedCitation, history: Sequence[Citation]) -> Citation | None:
    """The first full citation by the same surnames (or institution) whose title starts the same."""
    want = {loose_key(a).split()[-1] for a in p.authors if loose_key(a)}
    title = loose_key(p.title)
    for c in history:
        if c.kind != "publication":
            continue
        if want and not want <= _surnames(c.authors):
            continue
        if not want and p.outlet and loose_key(p.outlet) != loose_key(c.outlet):
            continue
        ct = loose_key(c.title)
        if title and not (ct.startswith(title) or (len(title) > 12 and title in ct)):
            continue
        if not title and not want:
            continue
        return c
    return None


def _name_key(s: str) -> tuple[str, ...]:
    return tuple(loose_key(_strip_article(_ANONYMITY_RE.sub("", s))).split())


def _find_interview(p: ParsedCitation, history: Sequence[Citation]) -> Citation | None:
    key = _name_key(p.interviewee)
    if not key:
        return None
    for c in history:
        full = _name_key(c.interviewee)
        if c.anonymous:
            if full == key:
                return c
        elif len(full) >= len(key) and full[-len(key):] == key and any(
                t not in _PARTICLES for t in key):
            return c
    return None


def _possessive_refs(text: str, u: _Unit, history: Sequence[Citation]) -> list[tuple[int, int, Citation]]:
    """Works named in prose as "Surname's Title" or "Surname, Title": (start, end, full citation)."""
    found: list[tuple[int, int, Citation]] = []
    seg = text[u.start:u.end]
    for c in history:
        if c.kind != "publication" or not c.authors or not c.title:
            continue
        words = _TITLE_WORD_RE.findall(c.title)[:2]
        if not words:
            continue
        for a in c.authors:
            surname = a.split()[-1]
            # "Boilley's Les Touaregs ..." or "Boilley, Les Touaregs ...", up to "and" or punctuation
            head = re.escape(surname) + r"(?:['’]s\s+|,\s+[\"“]?)" + r"\W+".join(map(re.escape, words))
            rx = re.compile(head + r"[^,;.]*?(?=\s+and\s+|[,;.]|$)", re.I)
            for m in rx.finditer(seg):
                a0, b0 = u.start + m.start(), u.start + m.end()
                if not any(a0 < e and s < b0 for s, e, _ in found):
                    found.append((a0, b0, c))
    return sorted(found, key=lambda t: t[0])


def _as_tuple(f) -> tuple[int, str, tuple[str, ...]]:
    if isinstance(f, tuple):
        n, text, *rest = f
        return int(n), text, tuple(rest[0]) if rest else ()
    return int(f.n), f.text, tuple(getattr(f, "links", ()) or ())


def parse_footnotes(doc_id: str, footnotes: Sequence) -> tuple[list[FootnoteParse], list[Citation]]:
    """Parse a document's footnotes, (n, text, links) in order, resolving short forms.

    Also accepts records with `n`, `text` and `links` attributes (RawFootnote, Footnote)."""
    parses: list[FootnoteParse] = []
    citations: list[Citation] = []
    full_pubs: list[Citation] = []
    full_interviews: list[Citation] = []
    previous: list[Citation] = []
    for f in footnotes:
        n, text, links = _as_tuple(f)
        spans = locate_urls(text, links)
        units = _units(text, spans)
        found: list[tuple[ParsedCitation, Citation | None]] = []
        for u in units:
            if u.kind == "note":
                for a, b, target in _possessive_refs(text, u, full_pubs):
                    found.append((ParsedCitation(kind="publication", text=text[a:b], short=True), target))
                continue
            inside = [sp for sp in spans if sp.placed and u.start <= sp.start < u.end]
            p = _parse(text[u.start:u.end], [replace(sp, start=sp.start - u.start, end=sp.end - u.start)
                                              for sp in inside], u.kind, prefix=text[:u.start])
            urls = tuple(dict.fromkeys(sp.url for sp in spans if sp.placed and u.lo <= sp.start < u.end))
            found.append((replace(p, urls=urls, short=p.short and not urls), None))
        unplaced = tuple(sp.url for sp in spans if not sp.placed)
        if unplaced and found:
            p, t = found[-1]
            found[-1] = (replace(p, urls=tuple(dict.fromkeys(p.urls + unplaced)), short=False), t)
        elif unplaced:
            found.append((ParsedCitation(kind="publication", text=" ".join(unplaced), urls=unplaced), None))
        mine: list[Citation] = []
        for idx, (p, target) in enumerate(found, start=1):
            if target is None and p.short:
                if p.ibid:
                    target = previous[-1] if previous else None
                elif p.kind == "interview":
                    target = _find_interview(p, full_interviews + [c for c in mine if c.kind == "interview"])
                else:
                    target = _find_publication(p, full_pubs + mine)
            if target is not None:
                holder = target.backref if target.backref is not None else target.footnote
                locator = p.locator or (target.locator if p.ibid else "")
                c = replace(target, doc_id=doc_id, footnote=n, idx=idx, text=p.text,
                            locator=locator, backref=holder,
                            urls=tuple(dict.fromkeys(p.urls + target.urls)))
            else:
                c = p.to_citation(doc_id, n, idx)
                if not p.short:
                    (full_interviews if c.kind == "interview" else full_pubs).append(c)
            mine.append(c)
        kinds = {c.kind for c in mine}
        kind = "mixed" if len(kinds) == 2 else (kinds.pop() if kinds else "note")
        parses.append(FootnoteParse(n=n, kind=kind, n_citations=len(mine),
                                    urls=tuple(dict.fromkeys(sp.url for sp in spans))))
        citations.extend(mine)
        previous = mine
    return parses, citations
