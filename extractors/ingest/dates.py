"""Dates in sentences: the time a sentence speaks of, as a period of years.

Pure functions, no state. Month names, relative phrases ("last year", "l'année dernière") and the
parsing of a found expression into a date come from ``dateparser``'s language data and parser
(no month table here); this module only finds where a date expression starts and ends, and how
several of them combine.

What a sentence gets (:class:`SentenceDate`)
--------------------------------------------
* ``basis="text"``: the sentence itself states a date (``in January 2013``, ``since 2015``,
  ``between 2012 and 2013``, ``the 2015 accord``, ``the 1990s``, ``last year``, ``now``).
  A day and month without a year (``on 6 April``) take the year last named before them in the
  sentence or its paragraph. ``start``/``end`` span every expression found (ISO ``YYYY``,
  ``YYYY-MM`` or ``YYYY-MM-DD``, as precise as the text); ``years`` lists the years they cover
  (``1963-1964, 1990-1996 and 2006`` covers 1963, 1964, 1990..1996 and 2006, not the gaps).
  ``since X`` runs to the document's date. A birth year (``b. 1977``) and a lifespan after a name
  (``Intalla ag Attaher (1927-2014)``) say when someone lived, not when the sentence happens:
  they are left out.
* ``basis="context"``: no date in the sentence, but an earlier sentence of the same paragraph
  has one, and the sentence reads as part of that narrative: it inherits that sentence's date.
  An English sentence in the present tense (``is``, ``are``, ``has``, ``have``, ``remains``...
  with no ``was``/``were``/``had``) speaks of the time of writing and does not inherit.
* ``basis="document"``: otherwise the document's own date (:func:`document_date`); with no
  document date either, ``basis`` and the dates are empty.

So a sentence without a date in its text or its paragraph never gets a date other than the
document's.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

BASES = ("text", "context", "document")
LANGUAGES = ("en", "fr")
MIN_YEAR, MAX_YEAR = 1500, 2099
LIFESPAN = 50  # a bracketed range of at least this many years right after a name is a lifespan
TITLE_SENTENCES = 8  # the document's date is looked for in its first sentences (the title page)


@dataclass(frozen=True)
class DateSpan:
    """One date expression found in a text: character offsets, its text, the first and last
    ISO dates it covers and the years it covers."""

    start: int
    end: int
    text: str
    first: str
    last: str
    years: tuple[int, ...]


@dataclass(frozen=True)
class SentenceDate:
    doc_id: str
    sentence_id: str
    start: str = ""  # ISO YYYY[-MM[-DD]]
    end: str = ""
    basis: str = ""  # text | context | document | "" (no date known)
    expressions: tuple[str, ...] = ()  # the text that gave the date (that of the sentence inherited from)
    years: tuple[int, ...] = ()
    source: str = ""  # for basis context: the sentence id the date comes from

    @property
    def first_year(self) -> int | None:
        return int(self.start[:4]) if self.start else None

    @property
    def last_year(self) -> int | None:
        return int(self.end[:4]) if self.end else None


def year_of(iso: str) -> int | None:
    return int(iso[:4]) if iso else None


# ---------------------------------------------------------------------------------------------
# language data from dateparser


@lru_cache(maxsize=8)
def _locale_info(lang: str) -> dict:
    from dateparser.languages import default_loader

    try:
        return default_loader.get_locale(lang).info
    except Exception:  # a language dateparser does not know: no month names from it
        return {}


_MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december")


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@lru_cache(maxsize=8)
def _grammar(languages: tuple[str, ...]) -> dict[str, re.Pattern]:
    months: set[str] = set()
    relative: set[str] = set()
    now: set[str] = set()
    for lang in languages:
        info = _locale_info(lang)
        for k in _MONTH_KEYS:
            months.update(m for m in info.get(k, ()) if len(m.rstrip(".")) >= 3 and m.rstrip(".").isalpha())
        for key, phrases in (info.get("relative-type") or {}).items():
            # this/last/next year and month; "now" and "today" mean the time of writing
            if re.fullmatch(r"(?:in )?[01] (?:year|month)(?: ago)?", key):
                relative.update(phrases)
            elif key in ("0 second ago", "0 day ago"):
                now.update(p for p in phrases if " " not in p or "'" in p)
        for key, patterns in (info.get("relative-type-regex") or {}).items():
            if re.fullmatch(r"(?:in )?\\1 (?:year|month)(?: ago)?", key):
                relative.update(p.replace("\\d++[.,]?\\d*+", "\\d+") for p in patterns)
    month = rf"(?:{_alternation(months)})\.?"
    year = r"(?:1[5-9]\d\d|20\d\d)"
    day = r"(?:[0-3]?\d)(?:st|nd|rd|th|er)?"
    rel = "|".join(sorted(relative, key=lambda p: (-len(p), p)))
    parts = {
        # 17 January 2012 | January 17, 2012 | le 1er mars 2013
        "dmy": rf"(?i:{day}\s+{month}),?\s+{year}|(?i:{month})\s+{day},?\s+{year}",
        # May-June 2012 | March to April 2017 | janvier et février 2014
        "mmy": rf"(?i:{month}\s*(?:[-\u2013/]|\s(?:and|to|et|à)\s)\s*{month})\s+(?:of\s+)?{year}",
        # January 2012 | January of 2012 | mars 2013
        "my": rf"(?i:{month})\s+(?:of\s+)?{year}",
        # 12/2018, 01 /2018, 2018-03-14, 14/03/2018
        "num": rf"{year}-[01]\d-[0-3]\d|(?:[0-3]?\d\s*/\s*)?[01]?\d\s*/\s*{year}",
        # the 1990s | mid-1990s | les années 1990
        "decade": rf"(?:(?i:early|mid|late)[-\s]+)?(?:the\s+)?(?:19|20)\d0s|(?i:années)\s+(?:19|20)\d0",
        # 1990-1996 | 2012-13
        "yrange": rf"{year}\s*[-\u2013\u2014/]\s*(?:{year}|\d\d)(?!\d)",
        "year": rf"(?:(?i:early|mid|late)[-\s]+)?{year}",
        # 6 April | April 6 | (27 January) — a year is taken from around it
        "dm": rf"(?i:{day}\s+{month}|{month}\s+{day})(?!\d)",
        # in late March | en mars — a month alone, after a preposition (a year is taken from around it)
        "m": rf"(?i:(?:in|by|until|since|during|en|depuis|début|fin|mi)[\s-]+(?:(?:early|late|mid)[-\s]+)?(?:{_alternation(m for m in months if m[:1].isalpha())}))\b(?![\s.,]*(?:of\s+)?\d)(?!\s*(?:[-\u2013/]|(?:and|to|et|à)\s))",
        "rel": rf"(?i:{rel})" if rel else r"(?!x)x",
        "now": rf"(?i:{_alternation(now | _PRESENT)})",
    }
    order = ("dmy", "mmy", "my", "num", "decade", "yrange", "year", "dm", "m", "rel", "now")
    body = "|".join(f"(?P<{k}>{parts[k]})" for k in order)
    scan = re.compile(rf"(?<![\w$€£%.,/\-'’])(?:{body})(?![\w%]|[.,]\d)")
    # a cheap first look: a sentence with no digit and none of these words has no date
    units = {u for lang in languages for k in ("year", "month") for u in _locale_info(lang).get(k, ()) if len(u) > 2}
    words = {w for phrase in months | now | _PRESENT | units for w in re.findall(r"[^\W\d_]+", phrase.lower())}
    words = {w for w in words if len(w) > 2}
    return {"scan": scan, "words": frozenset(words)}


# words for the time of writing that dateparser's relative phrases do not list
_PRESENT = {"currently", "at present", "nowadays", "actuellement", "à présent", "aujourd'hui", "désormais",
            "de nos jours", "now", "today"}
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[^\W\d_]+")
_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.I)
_BIRTH = re.compile(r"(?:\bb\.|\bborn(?:\s+in)?|\bnée?(?:\s+en)?)\s*$", re.I)
_NOT_A_YEAR = re.compile(r"(?:\bresolution|\bno\.|\bn°|\bnumber|\bp\.|\bpp\.|\bpage|\barticle|\bart\.)\s*$", re.I)
_SINCE = re.compile(r"(?:\bsince|\bdepuis|\bever since)\s+(?:the\s+|les\s+|l'|le\s+|la\s+)?$", re.I)
_RANGE_OPEN = re.compile(r"(?:\bbetween|\bfrom|\bentre|\bde|\bdu)\s+(?:the\s+|les\s+|le\s+)?$", re.I)
_RANGE_MID = re.compile(r"^\s*(?:and|to|until|till|through|et|à|au|jusqu'(?:en|à|au))\s+(?:the\s+|les\s+)?$", re.I)


@lru_cache(maxsize=64)
def _parser(languages: tuple[str, ...], base: str):
    from dateparser.date import DateDataParser

    settings = {"PREFER_DAY_OF_MONTH": "first", "PREFER_DATES_FROM": "past", "DATE_ORDER": "DMY"}
    if base:
        settings["RELATIVE_BASE"] = datetime(*(int(x) for x in (base.split("-") + ["1", "1"])[:3]))
    return DateDataParser(languages=list(languages), settings=settings)


@lru_cache(maxsize=4096)
def _parse(expression: str, languages: tuple[str, ...], base: str) -> tuple[str, str]:
    """dateparser on one expression: (ISO date at the precision dateparser reports, period)."""
    data = _parser(languages, base).get_date_data(expression)
    if data is None or data.date_obj is None:
        return "", ""
    d, period = data.date_obj, data.period or "day"
    iso = {"year": f"{d.year:04d}", "month": f"{d.year:04d}-{d.month:02d}"}.get(period, f"{d:%Y-%m-%d}")
    return iso, period


def _years(first: str, last: str) -> tuple[int, ...]:
    a, b = year_of(first), year_of(last)
    if a is None or b is None:
        return ()
    a, b = min(a, b), max(a, b)
    return tuple(range(a, b + 1))


def _qualified_decade(text: str) -> tuple[int, int]:
    y = int(re.search(r"\d{3}0", text).group(0))
    low = text.lower()
    if low.startswith("early"):
        return y, y + 3
    if low.startswith("mid"):
        return y + 3, y + 6
    if low.startswith("late"):
        return y + 7, y + 9
    return y, y + 9


def find_dates(text: str, *, today: str = "", languages: Sequence[str] = LANGUAGES,
               year_hint: int | None = None) -> list[DateSpan]:
    """The date expressions in ``text``, in order. ``today`` (ISO) resolves relative phrases and
    ends ``since`` periods; ``year_hint`` completes a day and month without a year when no year
    is named before them in the text."""
    langs = tuple(dict.fromkeys(languages))
    grammar = _grammar(langs)
    if not _DIGIT.search(text) and not grammar["words"].intersection(_WORD.findall(text.lower())):
        return []
    scan = grammar["scan"]
    masked = _URL.sub(lambda m: " " * len(m.group(0)), text)
    raw: list[tuple[str, re.Match]] = []
    for m in scan.finditer(masked):
        kind = m.lastgroup
        before = masked[: m.start()]
        if kind in ("year", "yrange", "num") and (_BIRTH.search(before) or _NOT_A_YEAR.search(before)):
            continue
        if kind == "yrange" and _is_lifespan(masked, m):
            continue
        raw.append((kind, m))
    spans: list[DateSpan] = []
    last_year = year_hint
    for kind, m in raw:
        s = m.group(0)
        first = last = ""
        # an expression naming its year does not depend on the document's date: parsed without
        # it, so that the documents of a corpus share one parse per expression
        if kind in ("dmy", "my", "num"):
            first, _ = _parse(s, langs, "")
            last = first
        elif kind == "mmy":
            y = re.search(r"(?:1[5-9]|20)\d\d$", s).group(0)
            a, b = re.split(r"\s*(?:[-\u2013/]|\s(?:and|to|et|à)\s)\s*", s[: -len(y)].strip().removesuffix("of").strip(), maxsplit=1)
            first, _ = _parse(f"{a} {y}", langs, "")
            last, _ = _parse(f"{b} {y}", langs, "")
        elif kind == "decade":
            a, b = _qualified_decade(s)
            first, last = str(a), str(b)
        elif kind == "yrange":
            a, b = re.split(r"\s*[-\u2013\u2014/]\s*", s, maxsplit=1)
            if len(b) == 2:
                b = a[:2] + b
            if int(b) < int(a):
                continue
            first, last = a, b
        elif kind == "year":
            first = last = re.search(r"\d{4}", s).group(0)
        elif kind in ("dm", "m"):
            if last_year is None:
                continue
            words = s if kind == "dm" else re.split(r"[\s-]+", s)[-1]
            iso, period = _parse(words, langs, f"{last_year}-12-31")
            if not iso:
                continue
            first = last = f"{last_year:04d}{iso[4:]}"
        elif kind == "rel":
            if not today:
                continue
            first, _ = _parse(s, langs, today)
            last = first
        elif kind == "now":
            if not today:
                continue
            first = last = today
        if not first:
            continue
        if kind not in ("rel", "now"):
            last_year = year_of(last)
        spans.append(DateSpan(m.start(), m.end(), text[m.start():m.end()], first, last, _years(first, last)))
    return _combine(masked, spans, today)


def _is_lifespan(text: str, m: re.Match) -> bool:
    """``Intalla ag Attaher (1927-2014)``: a bracketed range of LIFESPAN years or more right after a name."""
    years = [int(x) for x in re.findall(r"\d{4}", m.group(0))]
    if len(years) != 2 or years[1] - years[0] < LIFESPAN:
        return False
    before, after = text[: m.start()], text[m.end():]
    return bool(re.search(r"[A-ZÀ-Ý][\w'’-]+\s*\($", before)) and after.startswith(")")


def _combine(text: str, spans: list[DateSpan], today: str) -> list[DateSpan]:
    """``since X`` runs to ``today``; ``between X and Y`` / ``from X to Y`` covers the years between."""
    out: list[DateSpan] = []
    i = 0
    while i < len(spans):
        s = spans[i]
        before = text[: s.start]
        if i + 1 < len(spans) and _RANGE_OPEN.search(before) and _RANGE_MID.match(text[s.end:spans[i + 1].start]):
            t = spans[i + 1]
            out.append(DateSpan(s.start, t.end, text[s.start:t.end], s.first, t.last, _years(s.first, t.last)))
            i += 2
            continue
        if _SINCE.search(before) and today and today > s.first:
            out.append(DateSpan(s.start, s.end, s.text, s.first, today, _years(s.first, today)))
        else:
            out.append(s)
        i += 1
    return out


# ---------------------------------------------------------------------------------------------
# sentences and documents

_PRESENT_TENSE = re.compile(r"\b(?:is|are|has|have|remains?|seems?|appears?|continues?|cannot|does|do|can|must|should)\b", re.I)
_PAST_TENSE = re.compile(r"\b(?:was|were|had|did)\b", re.I)


def _present_tense(text: str, language: str) -> bool:
    """An English sentence speaking of the time of writing: a present-tense auxiliary, no past one.
    (French passé composé uses the present auxiliary, so French sentences are never judged so.)"""
    return language == "en" and bool(_PRESENT_TENSE.search(text)) and not _PAST_TENSE.search(text)


_THAT_YEAR = re.compile(r"\b(?:that|the same|that same) year\b|\bcette année-là\b|\bla même année\b", re.I)
_SINCE_THEN = re.compile(r"\b(?:since then|since that time|ever since|depuis lors|depuis cette date)\b", re.I)


def date_sentences(sentences: Sequence, document_date: str = "", *, language: str = "en",
                   memo: dict | None = None) -> list[SentenceDate]:
    """One :class:`SentenceDate` per sentence (of one document, in document order).

    Context: a sentence without a date of its own takes the last date expression of the nearest
    earlier dated sentence of its paragraph (``That year`` its first year, ``Since then`` from it
    to the document's date), unless it is an English sentence in the present tense.

    ``memo``: a dict the caller keeps for one corpus, so that a sentence met again (a report
    in two formats, sources quoting each other) is not searched twice."""
    langs = tuple(dict.fromkeys((language, *LANGUAGES))) if language else LANGUAGES
    out: list[SentenceDate] = []
    paragraph = None
    last: DateSpan | None = None  # the last date expression of the paragraph so far
    last_sid = ""
    anchor: int | None = None  # the year last named in the paragraph
    doc_years = _years(document_date, document_date)
    for s in sentences:
        if s.paragraph_id != paragraph:
            paragraph, last, last_sid, anchor = s.paragraph_id, None, "", None
        if memo is None:
            spans = find_dates(s.text, today=document_date, languages=langs, year_hint=anchor)
        else:
            key = (s.text, document_date, langs, anchor)
            if key not in memo:
                memo[key] = tuple(find_dates(s.text, today=document_date, languages=langs, year_hint=anchor))
            spans = memo[key]
        if spans:
            years = tuple(sorted({y for sp in spans for y in sp.years}))
            d = SentenceDate(s.doc_id, s.sentence_id, min(sp.first for sp in spans), max(sp.last for sp in spans),
                             "text", tuple(sp.text for sp in spans), years)
            named = [sp for sp in spans if (sp.first, sp.last) != (document_date, document_date)]
            if named:
                last, last_sid, anchor = named[-1], s.sentence_id, year_of(named[-1].first)
        elif last is not None and _THAT_YEAR.search(s.text):
            y = f"{anchor:04d}"
            d = SentenceDate(s.doc_id, s.sentence_id, y, y, "context", (last.text,), (anchor,), last_sid)
        elif last is not None and _SINCE_THEN.search(s.text) and document_date:
            d = SentenceDate(s.doc_id, s.sentence_id, last.first, max(document_date, last.last), "context",
                             (last.text,), _years(last.first, max(document_date, last.last)), last_sid)
        elif last is not None and not _present_tense(s.text, language):
            d = SentenceDate(s.doc_id, s.sentence_id, last.first, last.last, "context", (last.text,), last.years,
                             last_sid)
        elif document_date:
            d = SentenceDate(s.doc_id, s.sentence_id, document_date, document_date, "document", (), doc_years)
        else:
            d = SentenceDate(s.doc_id, s.sentence_id)
        out.append(d)
    return out


def document_date(sentences: Sequence, *, cited: str = "", metadata: str = "",
                  languages: Sequence[str] = LANGUAGES) -> tuple[str, str]:
    """The document's date and where it was found: ``citation`` (a fetched source: the date the
    citing footnote gives it), ``title page`` (the first date in its first sentences), ``metadata``
    (e.g. a PDF's creation date, which may be that of a later re-typesetting), or ("", "")."""
    if cited:
        return cited, "citation"
    for s in list(sentences)[:TITLE_SENTENCES]:
        for sp in find_dates(s.text, languages=languages):
            if sp.first == sp.last:
                return sp.first, "title page"
    if metadata:
        return metadata, "metadata"
    return "", ""


def pdf_metadata_date(value: str) -> str:
    """``D:20140611045715-07'00'`` -> ``2014-06-11`` (a PDF's CreationDate)."""
    m = re.match(r"(?:D:)?(\d{4})(\d{2})?(\d{2})?", value or "")
    if not m or not MIN_YEAR <= int(m.group(1)) <= MAX_YEAR:
        return ""
    return "-".join(g for g in m.groups() if g)
