"""Footnotes into citations: split, parse, resolve short forms (pure functions, no I/O).

A footnote is cut into units: at top-level ``;`` (outside quotes, parentheses and URLs), at
sentence ends, and at "and" between two complete works. Each unit is an interview
("Interview with ...", "author's interview with ...", "Entretien avec ...", a note opening with
"Meeting with ..."), a publication (it has a URL, a quoted title, a "(Place: Publisher, Year)",
a "see ...", "Ibid.", "supra note 12", "(n. 12)", a DOI or UN symbol, or an author lead followed
by a date or page) or a note (prose that cites nothing, a cross-reference to text such as
"infra" or "accompanying text", a quotation or translation acknowledgement). Prose before a
citation ("For an analysis of ..., see") is not part of the citation text. A note written as a
bibliography entry ("Scheele, Judith. Title. Place: Publisher, 2012.") is read as the note it
stands for.

Short forms are resolved in `parse_footnotes` against the earlier citations of the same
document: ``Thiam, "Centre du Mali," 24.`` (surname and title prefix), ``Boilley's Les
Touaregs Kel Adagh`` (possessive), ``Interview with ag Aharib.`` (a name that ends the full
interviewee's name, or the same anonymous description), ``Ibid.``/``Id.``/``Idem``/``op. cit.``
alone (the previous citation, skipping notes that cite none), ``Berring, supra note 1``,
``Motte, Savigny (n. 1) 12`` and ``see note 4`` (the citation of that note by the same author,
or the note number itself when that note was not read), the same DOI or UN symbol, an interview
cited in full again (same interviewee, place and date), and an interviewee named as a source in
prose ("Other interviewees, such as ..."). `backref` is the footnote holding the full citation
(a chain, such as Ibid. after a short form, follows it to the original). ``Idem, <title>`` is
the previous citation's author with a new work. An interview first cited in a short form is
the one its later repeats point to.

Without that context (`split_citations`, `parse_citation`) a possessive short form in prose
is not seen, and a short form keeps only what it says itself.

Fields: `authors` are people or, for a corporate author before the title ("Human Rights Watch,
"Mali: ..."", "MINUSMA, ..."), the institution, which is then also the `outlet`;
`author_kind` says which. `outlet` is the newspaper or journal, the publisher of a book or
chapter, or the institution that issued the work. `locator` is the page as cited ("quotation at
480", "p. 18", "24", "at 191", "para. 34"). Dates: English, French, German, Spanish, Portuguese
and Italian month names (dateparser's locale data) and numeric day-first dates. `doi`,
`document_symbol` (S/2018/581, S/RES/2374 (2017)), `report_number` ("Africa Report N°238",
"GAO-23-106826") and `original_url` (the page an archived URL copies) come from the citation's
text and URLs. Interviews carry their ISO date in `interview_date` and also in `date`/`year`; an
anonymous interviewee is its description ("a specialist on the north"), which is also its `role`.

Author-date documents: `author_date` reads a document's reference list (a back-matter section
headed References, Bibliography, ...) and the body's "(Lacher 2012, 14)" citations that match
its entries.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Sequence
from urllib.parse import unquote

from extractors.model import Citation
from extractors.text import loose_key
from extractors.citations.urls import UrlSpan, locate_urls

FOOTNOTE_KINDS = ("publication", "interview", "mixed", "note")

# ---------------------------------------------------------------- words and patterns

_MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december")


def _month_names() -> dict[str, int]:
    """Month names and abbreviations: English and French in full (dateparser's locale data), and
    the full names of German, Spanish, Portuguese and Italian months (their short forms clash with
    English words: "mar", "set", "out")."""
    from dateparser.languages.loader import default_loader

    names: dict[str, int] = {"sept": 9, "fevrier": 2, "aout": 8, "decembre": 12, "janv": 1, "fevr": 2,
                             "juil": 7, "avr": 4}
    for lang in ("en", "fr", "de", "es", "pt", "it"):
        info = default_loader.get_locale(lang).info
        for i, key in enumerate(_MONTH_KEYS, start=1):
            for name in info.get(key, ()):
                name = name.lower().rstrip(".")
                if lang in ("en", "fr") or len(name) >= 4:
                    names.setdefault(name, i)
    return names


_MONTHS = MappingProxyType(_month_names())
_MONTH = "(?:" + "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True)) + r")\.?"
_YEAR = r"(?:1[89]\d{2}|20\d{2})"
_DATE_RES = (
    ("dmy", re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th|er)?\s+({_MONTH})\s+({_YEAR})\b", re.I)),
    ("mdy", re.compile(rf"\b({_MONTH})\s+(\d{{1,2}}),?\s+({_YEAR})\b", re.I)),
    ("iso", re.compile(rf"\b({_YEAR})-(\d{{2}})-(\d{{2}})\b")),
    ("num", re.compile(rf"(?<![\d/.])(\d{{1,2}})[./](\d{{1,2}})[./]\s?({_YEAR})\b")),
    ("my", re.compile(rf"\b({_MONTH})\s+({_YEAR})\b", re.I)),
    ("y", re.compile(rf"\b({_YEAR})\b")),
)
_MONTH_DAY_RE = re.compile(rf"^(?:.*\s)?{_MONTH}\s+\d{{1,2}}$", re.I)
_YEAR_RE = re.compile(rf"^{_YEAR}\b")
_SEASON = r"(?:(?:early|late|mid|spring|summer|autumn|fall|winter)[\s-]+)?"
_DATE_PART_RE = re.compile(
    rf"^(?:(?:on|in|dated|published)\s+)?{_SEASON}(?:\d{{1,2}}(?:st|nd|rd|th|er)?\s+{_MONTH}\s+{_YEAR}"
    rf"|{_MONTH}\s+\d{{1,2}},?\s+{_YEAR}|{_YEAR}-\d{{2}}-\d{{2}}|{_MONTH}\s+{_YEAR}|{_YEAR}[a-z]?"
    rf"|\d{{1,2}}[./]\d{{1,2}}[./]\s?{_YEAR})$",
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
    r"\b(?:(?:[Tt]ele)?[Pp]hone\s+|[Ss]kype\s+|[Ee]-?mail\s+|WhatsApp\s+)?(?:[Ii]nterview(?:s|ed)?\b"
    r"(?=\s+(?:with|by|conducted|mit)\b|\s*[,.;:]|\s*$)|(?:[Cc]onversations?|[Cc]orrespondence|[Mm]eetings?|"
    r"[Dd]iscussions?|[Ee]xchanges?|[Ff]ocus\s+groups?)\s+(?=with\b)"
    r"|(?:[Ee]ntretiens?|[Ee]ntrevues?|[Ee]ntrevistas?|[Gg]espräch)(?:\s+(?:téléphoniques?|telefónica))?"
    r"(?=(?:\s+de\s+l['’]auteur)?\s+(?:avec|con|com|mit)\b|\s*[,.;:]|\s*$))"
)
_WEAK_INTERVIEW_RE = re.compile(r"(?:meetings?|discussions?|exchanges?|focus\s+groups?)\b", re.I)  # only opening a note
_INTERVIEW_HEAD_RE = re.compile(
    r"^(?:(?:tele)?phone\s+|skype\s+|e-?mail\s+|whatsapp\s+)?(?:interview(?:s|ed)?|conversations?|correspondence|"
    r"meetings?|discussions?|exchanges?|focus\s+groups?|"
    r"entretiens?|entrevues?|entrevistas?|gespräch)(?:\s+(?:téléphoniques?|telefónica))?"
    r"(?:\s+(?:conducted\s+)?by\s+the\s+author|\s+(?:réalisé|mené)e?s?\s+par\s+l['’]auteur"
    r"|\s+de\s+l['’]auteur)?"
    r"(?P<with>\s+(?:with|avec|con|com|mit)\b)?[\s,:]*|^(?P<with2>with|avec)\s+",
    re.I,
)
_INTERVIEW_BY_RE = re.compile(r"(?:[A-ZÀ-Þ][\w’'.-]*\s+){1,3}")  # "Crisis Group interview", "Author interview"
_OP_CIT_RE = re.compile(r"^(?:op|loc|art)\.?\s*cit\.?$", re.I)
_ANONYMITY_RE = re.compile(
    r",?\s*\b(?:who\s+(?:requested|asked\s+for|asked|wished\s+to\s+remain|preferred)\s+"
    r"(?:anonymity|not\s+to\s+be\s+(?:named|identified)|anonymous)"
    r"|(?:on\s+(?:the\s+)?condition\s+of|requesting)\s+anonymity|name\s+withheld)\b",
    re.I,
)
_SEE_RE = re.compile(
    r"\b(?:[Ss]ee|[Vv]oir|[Vv]gl\.|[Ss]iehe)(?:\s+(?:also|aussi|auch|generally))?(?:,?\s+(?:for\s+example|for\s+instance|"
    r"e\.g\.|inter\s+alia|especially|in\s+particular|notably|notamment|par\s+exemple),?)?\s+"
)
_LEADING_RE = re.compile(
    r"^(?:(?:and|also|et)\s+|(?:[Ss]ee|[Vv]oir|[Vv]gl\.|[Ss]iehe)(?:\s+(?:also|aussi|auch|generally))?(?:,?\s+"
    r"(?:for\s+example|for\s+instance|e\.g\.|inter\s+alia|especially|in\s+particular|notably|notamment|"
    r"par\s+exemple),?)?\s+|[Cc]f\.?\s+|[Cc]ompare\s+)+"
)
_IBID_RE = re.compile(
    r"^(?:ibid(?:em)?|id(?:em)?|ebd|eod(?:em)?\.?\s*loc|(?:loc|op|art)\.?\s*cit)\.?(?:,\s*|\s+|$)(?P<loc>.*)$", re.I)
_BOOK_PAREN_RE = re.compile(
    rf"\((?:(?P<place>[^():]+):\s*)?(?P<pub>[^(),]+(?:,\s*[^(),\d][^(),]*)*),\s*(?P<year>{_YEAR}|n\.\s?d\.)[a-z]?\)"
)
_JOURNAL_RE = re.compile(
    r"^(?P<journal>[^()]+?)\s+(?:vol\.\s*)?(?P<vol>\d+(?:[:.]\d+)?)(?:,?\s*no\.\s*\d+)?\s*"
    r"\((?P<date>[^()]*\d{4}[^()]*)\)(?:\s*:?\s*(?P<pages>\d+(?:\s*[-–]\s*\d+)?))?$",
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
    r"consulted|et\s+al\.?)\b.*$|^(?:ed|eds|trans|online|url|link|web|pdf|at)\.?$|^(?:op|loc|art)\.?\s*cit\.?$",
    re.I,
)
_BY_RE = re.compile(r"^(?:(?:an?\s+)?interview\s+(?:of|with)\s+.+?\s+)?by\s+(?P<who>.+)$", re.I)
_AUTHOR_SPLIT_RE = re.compile(r"\s*,\s*and\s+|\s*,\s*&\s*|\s+and\s+|\s+&\s+|\s+with\s+|\s*,\s*|\s*/\s*|\s+et\s+")
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

# identifiers: DOIs (Crossref's pattern), UN document symbols, report numbers, archived URLs
_DOI_RE = re.compile(r"(?<![\w/.])(?:doi:\s*|https?://(?:dx\.)?doi\.org/)?(10\.\d{4,9}/[^\s\"<>“”«»]+)", re.I)
_DOI_IN_URL_RE = re.compile(r"/(10\.\d{4,9}/[^\s?#]+?)(?:/(?:full|pdf|abstract|epdf|html))?/?(?:[?#].*)?$", re.I)
_UN_BODIES = (r"A|S|E|ST|UNEP|CCPR|CRC|CEDAW|CERD|CAT|CMW|CRPD|TD|DP|HRI|ECE|ECA|ESCAP|ECLAC|ESCWA|UNW|ICEF|"
              r"SG|SC|GA|FCCC|UNCTAD|IDB|ITU")
_UN_SYMBOL_RE = re.compile(
    rf"(?<![\w/])(?:{_UN_BODIES})(?:/[A-Z][A-Za-z0-9.-]*)*(?:/\d[\w.-]*){{1,3}}(?:/[A-Z][\w.-]*)*(?![\w/])")
_SC_RESOLUTION_RE = re.compile(r"\bresolutions?\s+(\d{3,4})\s+\((1[89]\d\d|20\d\d)\)", re.I)
_REPORT_RE = re.compile(
    r"(?<![\w-])(?:(?:[A-Z][\w.&'’-]*\s+){0,4}(?:Report|Paper|Brief|Briefing|Note|Bulletin|Study|Series|Memo)"
    r"\s+(?P<marker>(?:No\.?|N°|Nº|n°|no\.|Number|Issue|#)\s*)?(?P<num>[A-Z]{0,3}\d+[\w/.-]*)"
    r"|[A-Z]{2,6}-\d{2}-\d{3,6}"
    r"|CRS\s+Report\s+[A-Z]{1,2}\d{4,6}"
    # French: the kind first, then the series, then the number ("Rapport Afrique N°293", "Briefing
    # Afrique n° 105", "Note d'analyse n°12", "Document de travail no 3")
    r"|(?:Rapport|Briefing|Note|Bulletin|Étude|Document\s+de\s+travail|Cahier)(?:\s+(?:d['’]\w+|du|de|des|[A-ZÉ][\w'’-]*)){0,4}"
    r"\s+(?:N°|Nº|n°|no\.?|numéro)\s*\d+[\w/.-]*)(?![\w-])"
)
_ARCHIVE_RE = re.compile(
    r"^https?://(?:web\.archive\.org/web|wayback\.archive-it\.org/\d+|swap\.stanford\.edu|arquivo\.pt/wayback|"
    r"webarchive\.nationalarchives\.gov\.uk|webarchive\.loc\.gov/all|archive\.(?:today|ph|is|li|md|vn)|"
    r"webcitation\.org)/(?:[\d.]+-?\d*[a-z_]*/)(?P<orig>.+)$",
    re.I,
)
_ORIGINAL_SCHEME_RE = re.compile(r"^(?:https?:/+|ftp:/+)", re.I)


def find_doi(text: str, urls: Sequence[str] = ()) -> str:
    """The DOI a citation gives ("doi:10...", a doi.org link, or a DOI inside a cited URL), or ""."""
    m = _DOI_RE.search(text)
    if m:
        return m.group(1).rstrip(".,;:)]}/'’\"")
    for u in urls:
        m = _DOI_IN_URL_RE.search(unquote(u))
        if m:
            return m.group(1).rstrip(".,;:)]}/'’\"")
    return ""


def find_document_symbol(text: str, urls: Sequence[str] = ()) -> str:
    """A UN document symbol (S/2018/581, A/HRC/40/77, S/RES/2374 (2017)) in the text or a URL's
    query; "Security Council resolution 2374 (2017)" is S/RES/2374 (2017)."""
    m = _UN_SYMBOL_RE.search(text)
    if m:
        return m.group().rstrip(".,;:")
    m = _SC_RESOLUTION_RE.search(text)
    if m:
        return f"S/RES/{m.group(1)} ({m.group(2)})"
    for u in urls:
        q = unquote(u)
        at = q.lower().find("symbol=")
        if at >= 0:
            m = _UN_SYMBOL_RE.search(q[at + 7:].lstrip())
            if m:
                return m.group().rstrip(".,;:")
    return ""


def find_report_number(text: str) -> str:
    """A report number: "Africa Report N°238", "West Africa Report Issue 17", "GAO-23-106826",
    "Rapport Afrique N°293"."""
    for m in _REPORT_RE.finditer(text):
        num = m.group("num")
        if num and not m.group("marker") and re.fullmatch(_YEAR, num):
            continue  # "World Report 2019" is a title, not a number
        return _WS_RE.sub(" ", m.group()).strip().rstrip(".")
    return ""


def original_url(url: str) -> str:
    """The page an archive snapshot copies (web.archive.org/web/2019.../http://...), or ""."""
    m = _ARCHIVE_RE.match(url)
    if not m:
        return ""
    orig = m.group("orig")
    if not _ORIGINAL_SCHEME_RE.match(orig):
        return "http://" + orig
    return _ORIGINAL_SCHEME_RE.sub(lambda s: s.group().split(":")[0] + "://", orig, count=1)


def _is_identifier(part: str) -> bool:
    p = part.strip().rstrip(".")
    for rx in (_UN_SYMBOL_RE, _REPORT_RE):
        m = rx.search(p)
        if m and len(m.group()) >= len(p) - 12 and not re.search(r"[a-z]{4}", p.replace(m.group(), "")):
            return True
    return bool(_DOI_RE.fullmatch(p))


# references to another note: "supra note 12", "(n. 12)", "(fn. 12)", "note 12 above", "see note 12"
_NOTE_REF_RE = re.compile(
    r"\bsupra,?\s+(?:notes?|nn?\.?)\s*(?P<a>\d+)"
    r"|\b(?:préc\.?|précité|op\.\s*cit\.|art\.\s*cit\.),?\s+(?:note|n\.)\s*(?P<f>\d+)"
    r"|\((?:see\s+|voir\s+)?(?:n|nn|fn|note|nt|Fn|Anm)\.?\s*(?P<b>\d+)\)"
    r"|\babove,?\s+(?:n|note)\.?\s*(?P<c>\d+)"
    r"|\b(?:note|n\.)\s*(?P<d>\d+)\s+(?:above|supra|ci-dessus)\b"
    r"|^(?:(?:see|voir|cf\.?)\s+(?:also\s+)?)?(?:note|n\.)\s+(?P<e>\d+)\s*\.?$",
    re.I,
)
# a cross-reference to text, or forward: not a citation
_CROSS_REF_RE = re.compile(r"\binfra\b|accompanying\s+text|\bsupra\s+(?:text|part|section|p\.)|"
                           r"\bsupra\s+notes?\s+\d+\s*[-–]\s*\d+|\bsupra\s+notes\b", re.I)
# notes that acknowledge a quotation or a translation cite no publication
_QUOTE_NOTE_RE = re.compile(
    r"^(?:quotation|quoted|translation|translated|my\s+translation|author['’]s\s+translation|"
    r"traduction|citation\s+traduite)\b", re.I)
_INTERVIEWEES_RE = re.compile(r"\binterviewees?\b|\binterlocutors?\b|\bsources?\s+interviewed\b", re.I)
_PAREN_YEAR_RE = re.compile(rf"\((?:[^()]*?\s)?{_YEAR}\)")
# "Berne 1983", "Frankfurt am Main 1991", "Paris: Actes Sud 2001": place (and publisher) and year
_PLACE_YEAR_RE = re.compile(rf"^(?:(?P<place>[A-ZÀ-Þ][^:,()]*):\s*)?(?P<pub>[A-ZÀ-Þ][^:,()\d]*?)\s+(?P<year>{_YEAR})$")
_VOLUME_ISSUE_RE = re.compile(r"(\d+),\s+((?:no|n°|nr|issue)\.?\s*\d+\s*\()", re.I)
# "1er janvier – 31 mars 2019", "January–March 2019": the period a report covers
_DATE_RANGE_RE = re.compile(
    rf"(?:\d{{1,2}}(?:st|nd|rd|th|er)?\s+)?{_MONTH}(?:\s+{_YEAR})?\s*[–-]\s*(?:\d{{1,2}}(?:st|nd|rd|th|er)?\s+)?"
    rf"{_MONTH}\s+{_YEAR}", re.I)
_VOLUME_DATE_RE = re.compile(
    r"^(?:vol\.\s*)?\d+(?:[.:]\d+)?\s*\((?P<date>[^()]*\d{4}[^()]*)\)(?:\s*[:,]?\s*[\d–-]+(?:\s*ff?\.?)?)?$", re.I)
_END_PAREN_YEAR_RE = re.compile(rf"\((?:[^()]*?\s)?(?P<year>{_YEAR})(?:[-–/]\d{{2,4}})?\)\s*\.?$")
# A book as the Bluebook cites it (rule 15; US law reviews): the title in (small) capitals, the pages
# cited straight after it, then the edition's parenthetical, and a reprint's original year:
# "NIGEL ATKINSON, RICHARD HOOKER, TRADITION AND REASON, at ix (1997)", "D'ENTRÈVES, NATURAL LAW 24-25,
# 27-33 (Transaction Publishers 1994) (1951)"; a chapter in such a book: "John H. Langbein, Blackstone on
# Judging, in BLACKSTONE AND HIS COMMENTARIES 65, 77 (Wilfrid Prest ed., 2009)"
_PIN = r"(?:\d+|[ivxlc]+)(?:\s*[-–]\s*(?:\d+|[ivxlc]+))?"
_BLUEBOOK_BOOK_RE = re.compile(
    rf"^(?P<body>.+?),?\s+(?:at\s+)?(?P<pin>{_PIN}(?:,\s*{_PIN})*)?(?:\s+n\.\s*\d+)?\s*"
    rf"\((?:(?P<editor>[^()]+?)\s+eds?\.,\s*)?(?P<pub>[^()\d]*?)\s*(?P<year>{_YEAR})\)"
    rf"(?:\s*\((?:orig\.\s*)?(?P<orig>{_YEAR})\))?$")
# an article as the Bluebook cites it (rule 16): "Author, Title, With Commas, 22 AFR. SEC. 299, 301 (2015)"
_BLUEBOOK_CITE = r"(?P<vol>\d+)\s+(?P<journal>[A-Z][\w.&'’ ]*?[\w.])\s+(?P<page>\d+)"  # "57 TUL. L. REV. 1092"
_BLUEBOOK_ARTICLE_RE = re.compile(
    rf"^(?P<lead>[^,]+),\s+(?P<title>.+?),\s+{_BLUEBOOK_CITE}"
    rf"(?:,\s*(?P<pin>\d+(?:\s*[-–]\s*\d+)?))?(?:\s+n\.\s*\d+)?\s+\((?P<year>{_YEAR})\)$")
_BLUEBOOK_JOURNAL_RE = re.compile(rf"^{_BLUEBOOK_CITE}(?:\s*,\s*[\d–-]+)*$")


def _note_ref(s: str) -> tuple[int, re.Match[str]] | None:
    m = _NOTE_REF_RE.search(s)
    if not m:
        return None
    return int(next(g for g in m.groups() if g)), m


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
    author_kind: str = ""
    doi: str = ""
    document_symbol: str = ""
    report_number: str = ""
    original_url: str = ""
    note_ref: int | None = None  # "supra note 12", "(n. 12)", "see note 12": the note it points to
    same_author: bool = False  # "Idem, <another title>": the previous citation's authors, a new work

    def to_citation(self, doc_id: str, footnote: int, idx: int, backref: int | None = None) -> Citation:
        return Citation(
            doc_id=doc_id, footnote=footnote, idx=idx, kind=self.kind, text=self.text,
            authors=self.authors, title=self.title, outlet=self.outlet, year=self.year,
            date=self.date, urls=self.urls, locator=self.locator, interviewee=self.interviewee,
            role=self.role, interview_place=self.interview_place,
            interview_date=self.interview_date, anonymous=self.anonymous, backref=backref,
            author_kind=self.author_kind, doi=self.doi, document_symbol=self.document_symbol,
            report_number=self.report_number, original_url=self.original_url,
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
        elif form == "num":
            d, mo, y = int(g[0]), int(g[1]), int(g[2])
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


# towns books and reports are published in, as a book's imprint names them ("Paris, Karthala,
# 2021", "Uppsala: Nordic Africa Institute, 2019"): the part after one is the publisher, not an
# outlet, and the parts before it the title's
PUBLICATION_PLACES = frozenset([
    "Paris", "London", "Londres", "New York", "Oxford", "Cambridge", "Princeton", "Chicago", "Berkeley",
    "Washington", "Washington, DC", "Washington DC", "Washington D.C.", "Boston", "Toronto", "Montréal",
    "Montreal", "Québec", "Bruxelles", "Brussels", "Genève", "Geneva", "Lausanne", "Berlin", "Bonn",
    "Hamburg", "Munich", "München", "Frankfurt", "Leiden", "Amsterdam", "Uppsala", "Stockholm", "Oslo",
    "Copenhagen", "Bergen", "Dakar", "Bamako", "Niamey", "Ouagadougou", "Abidjan", "Nouakchott",
    "N'Djamena", "Rabat", "Alger", "Algiers", "Tunis", "Le Caire", "Cairo", "Nairobi", "Addis Ababa",
    "Addis-Abeba", "Johannesburg", "Pretoria", "Lyon", "Marseille", "Bordeaux", "Aix-en-Provence",
    "Rome", "Madrid", "Lisbon", "Lisbonne", "Vienna", "Wien", "Zurich", "Zürich", "Bern", "Berne",
    "Edinburgh", "Abingdon", "Cheltenham", "Basingstoke", "Boulder", "Lanham", "Bloomington", "Ithaca",
    "Stanford", "Santa Monica", "Arlington", "New Haven", "Baltimore", "Philadelphia", "Los Angeles",
    # the state after an American town ("Cambridge, MA: MIT Press", "Washington, DC: Brookings")
    "DC", "D.C.", "MA", "NJ", "NY", "CA", "CT", "IL", "CO", "MD", "VA", "PA",
])
_PLACE_PUBLISHER_RE = re.compile(r"^(?P<place>[^:]{2,30}):\s*(?P<pub>[^:\d][^:]*)$")


def _place_publisher(part: str) -> str:
    """The publisher of a "Place: Publisher" part whose place is a publication place ("Uppsala:
    Nordic Africa Institute"), else ""."""
    m = _PLACE_PUBLISHER_RE.match(part)
    return m.group("pub").strip() if m and m.group("place") in PUBLICATION_PLACES else ""


def _imprint_at(parts: Sequence[str]) -> int | None:
    """Where a book's imprint starts among an unquoted title's parts: a place of publication alone
    before a publisher and a year ("Leiden", "Brill", "2010"), or with its publisher ("Uppsala:
    Nordic Africa Institute", "2019"; "Paris: Privat 1976"); None where there is none."""
    for k, part in enumerate(parts):
        p = part.strip().rstrip(".").strip()
        if p.lower().startswith(("in ", "in:")):
            return None  # a chapter "in" a book: the book's parts are no title's
        if _place_publisher(p) and (_PLACE_YEAR_RE.match(p) or k + 1 < len(parts) and _is_date_part(parts[k + 1])):
            return k
        if p in PUBLICATION_PLACES and k + 2 < len(parts) and _is_date_part(parts[k + 2]):
            return k
    return None


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
        if c not in '"“«‘\'' or not top[i]:
            continue
        single = c in "‘'"
        if single and not (i == s or _PART_START_RE.search(text, s, i)):
            continue  # a single quote opens a title only where a part starts: "…, ‘Title’, Journal"
        close = {"“": "”", "«": "»", "‘": "’", "'": "'"}.get(c, '"')
        depth = 0
        for j in range(i + 1, e):
            if c not in "\"'" and text[j] == c:
                depth += 1
            elif text[j] == close and not (single and (text[j - 1].isspace()
                                                       or (j + 1 < e and text[j + 1].isalnum()))):
                if depth == 0:
                    return i, j
                depth -= 1
        if not single:
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


_SITE_RE = re.compile(r"^[A-Za-z][\w-]*(?:\.[\w-]+)*\.(?:com|net|org|info|ml|fr|int|news|africa|io|co)$", re.I)


def _is_org(s: str) -> bool:
    if _SITE_RE.match(s.strip()):
        return True  # a web site as the author: "Mali24.info", "Bamada.net"
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


def _caps_abbreviation(text: str, s: int, i: int, nxt: int, e: int) -> bool:
    """ "57 TUL. L. REV. 1092": a law-review abbreviation in capitals, not a sentence end."""
    m = _LAST_WORD_RE.search(text, s, i)
    nm = re.match(r"\S+", text[nxt:e])
    if not m or not nm:
        return False
    word, after = m.group(1), nm.group()
    caps = lambda w: w.rstrip(".,").replace(".", "").replace("&", "").isalpha() and w.rstrip(".,").isupper()
    return caps(word) and len(word) <= 6 and (caps(after) and (after.endswith(".") or len(after) <= 6))


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
        if text[i] == "." and _caps_abbreviation(text, s, i, nxt, e):
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
    if seg[:1] in '"“«‘':
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
    elif _is_author_lead(lead):
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
        if rest[:1].isupper() or rest[:1].isdigit() or rest.lower().startswith(("in ", "in:", "p.", "pp.")) \
                or parse_date(rest):
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
            if _END_PAREN_YEAR_RE.search(parts[-1]) or any(_PAREN_YEAR_RE.search(p) or _PLACE_YEAR_RE.match(p)
                                                            for p in tail):
                return start
    return None


def _ref_lead_start(lead: str) -> int:
    """Where the citation starts in the text before "supra note 12" / "(n. 12)": its author."""
    see = list(_SEE_RE.finditer(lead))
    base = see[-1].end() if see else 0
    top = _top_level(lead)
    parts = [m for m in re.finditer(r"[^,]+", lead[base:]) if top[base + m.start()]]
    if not parts:
        return base
    for part in parts:
        word = part.group().strip()
        if word and (_is_name_list(word) or _is_org(word)):
            return base + part.start() + (len(part.group()) - len(part.group().lstrip()))
    last = parts[-1]
    off = _name_suffix_start(last.group().rstrip())
    return base + last.start() + off if off is not None else base


def _classify(text: str, top: list[bool], s: int, e: int, spans: Sequence[UrlSpan], prev: str) -> _Unit:
    seg = text[s:e]
    lead = _LEADING_RE.match(seg)
    body_s = s + (lead.end() if lead else 0)
    body = text[body_s:e]
    has_url = any(s <= sp.start < e for sp in spans if sp.placed)
    if prev == "interview" and _WITH_RE.match(body):
        return _Unit(body_s, e, "interview")
    m = next((m for m in _INTERVIEW_RE.finditer(text, s, e) if top[m.start()]
              and (text[body_s:m.start()].strip() == "" or not _WEAK_INTERVIEW_RE.match(m.group()))), None)
    if m is not None:
        before = text[body_s:m.start()]
        pubby = has_url and any(s <= sp.start < m.start() for sp in spans if sp.placed)
        if not pubby and not any(c in before for c in _QUOTES) and not _BOOK_PAREN_RE.search(before):
            by = _INTERVIEW_BY_RE.fullmatch(before)
            return _Unit(body_s if by else m.start(), e, "interview")
    if _QUOTE_NOTE_RE.match(body):
        return _Unit(s, e, "note")
    if _IBID_RE.match(body):
        return _Unit(body_s, e, "publication")
    ref = _note_ref(body)
    if ref is not None or _CROSS_REF_RE.search(body):
        if ref is None or _CROSS_REF_RE.search(body[ref[1].start():ref[1].end() + 30]):
            return _Unit(s, e, "note")
        return _Unit(body_s + _ref_lead_start(body[:ref[1].start()]), e, "publication")
    see = next((m for m in _SEE_RE.finditer(text, s, e) if top[m.start()] and m.end() < e
                and (text[m.end()].isupper() or text[m.end()] in '"“«' or text[m.end()].isdigit())), None)
    if see is not None:
        return _Unit(see.end(), e, "publication")
    start = _lead_start(text, top, body_s, e)
    if start is None and _author_year(_uninvert_names(body))[1]:
        start = body_s  # "Lacher, W. (2012), Title" / "International Crisis Group (2019) Title"
    if start is not None:
        return _Unit(start, e, "publication")
    if _UN_SYMBOL_RE.search(body) or _DOI_RE.search(body) or _SC_RESOLUTION_RE.search(body) or (
            _REPORT_RE.search(body) and _END_PAREN_YEAR_RE.search(body) is None and parse_date(body)):
        return _Unit(body_s, e, "publication")
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
        if len(parts) >= 2 and _split_name(parts[0])[1] == parts[0].strip() and not _split_name(parts[1])[1] \
                and _is_person(parts[0]):
            interviewee = parts[0].strip()
            role = _strip_article(", ".join(parts[1:]).strip())
        elif len(parts) >= 2 and _split_name(parts[-1])[1] == parts[-1].strip():
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
    s = _VOLUME_ISSUE_RE.sub(r"\1 \2", s)
    s, year_hint = _author_year(_uninvert_names(s))
    ibid = _IBID_RE.match(s)
    if ibid:
        rest = ibid.group("loc").strip()
        if rest and not _locator(rest) and s[:2].lower() == "id" and (rest[:1] in '"“«*' or rest[:1].isupper()):
            # "Idem, <another title>": the same author, another work
            p = _parse_publication(rest, (), urls)
            return replace(p, text=raw, same_author=True, short=False)
        return ParsedCitation(kind="publication", text=raw, urls=urls,
                              locator=_locator(rest), short=True, ibid=True)
    ref = _note_ref(s)
    if ref is not None:
        return _parse_note_ref(raw, s, ref, urls)
    book = _bluebook_book(raw, s, urls)
    if book is not None:
        return book
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
            # an unquoted title is one part; what follows it is outlet, date, page; before a
            # book's imprint ("Leiden, Brill, 2010"), every part is the title's
            k = _imprint_at(tparts)
            if k is not None and k > 0:
                title, rest_parts = ", ".join(tparts[:k]).strip(), tparts[k:]
            elif tparts and (_LOCATOR_RE.match(tparts[0]) or _is_date_part(tparts[0])):
                title, rest_parts = "", tparts
            elif len(tparts) > 1:
                title, rest_parts = tparts[0], tparts[1:]
        if rest:
            rest_parts = _parts(rest, _top_level(rest), 0, len(rest))
    publisher = ""
    after_place = False
    for part in rest_parts:
        p = part.strip().rstrip(".").strip()
        if not p or _SKIP_PART_RE.match(p) or _is_identifier(p):
            continue
        if p in PUBLICATION_PLACES and not publisher:  # "Paris, IRSEM, 2017": the publisher follows
            after_place = True
            continue
        named = _place_publisher(p)
        if (named or after_place) and not publisher \
                and not _is_date_part(p) and not _LOCATOR_RE.match(p) and not _PLACE_YEAR_RE.match(p):
            publisher = named or p
            after_place = False
            continue
        after_place = False
        bj = _BLUEBOOK_JOURNAL_RE.match(p)
        if bj and not outlet and "." in bj.group("journal"):  # "57 TUL. L. REV. 1092, 1095"
            outlet = bj.group("journal")
            continue
        if p.lower().startswith(("in ", "in:")):
            bm = _BOOK_PAREN_RE.search(p)
            if bm:
                publisher = publisher or bm.group("pub").strip()
                date = date or parse_date(bm.group("year"))
                continue
            container = p[3:].strip()
            jm = _JOURNAL_RE.match(container)
            if jm and not outlet:
                outlet = jm.group("journal").strip()
                date = date or parse_date(jm.group("date"))
            elif _PAREN_YEAR_RE.search(container):
                date = date or parse_date(_PAREN_YEAR_RE.search(container).group())
            continue
        py = _PLACE_YEAR_RE.match(p)
        if py and not _MONTH_DAY_RE.match(p) and not _is_date_part(p) and len(p.split()) <= 6:
            if py.group("place"):
                publisher = publisher or py.group("pub").strip()
            date = date or py.group("year")
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
        vm = _VOLUME_DATE_RE.match(p)
        if vm and parse_date(vm.group("date")):
            date = date or parse_date(vm.group("date"))
            continue
        om = _OUTLET_PAREN_RE.match(p)
        if om and parse_date(om.group("date")) and not outlet:
            outlet = om.group("outlet").strip()
            date = date or parse_date(om.group("date"))
            continue
        if _is_date_part(p) or _DATE_RANGE_RE.fullmatch(p):
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
    if lead_org:
        authors = (lead_org,)  # a corporate author: also the institution that issued the work
        res = _SC_RESOLUTION_RE.search(lead_org)
        if res and res.start() > 0:  # "Security Council resolution 2374 (2017)": the council, the resolution
            authors = outlet = lead_org[:res.start()].strip()
            title = title or lead_org[res.start():].strip()
            authors = (authors,)
            lead_org = outlet
    if not outlet:
        outlet = publisher
    if not date and q is None and title:
        date = parse_date(_without_ids(title))
    if not date:
        end_year = _END_PAREN_YEAR_RE.search(s)  # "THE COMMON LAW 15 (1881)", "4 J.L. 189, 190 (2014)"
        date = end_year.group("year") if end_year else year_hint
    ids = _identifiers(s, urls)
    kind_of_author = author_kind(authors[0]) if authors else ""
    if kind_of_author == "organisation" and not outlet and (date or urls):
        outlet = lead_org = authors[0]  # "MINUSMA, Note sur …, mai 2019": the institution issued it
    # a short form: names (or the institution) and a title, nothing that places the work
    short = not (date or urls or publisher or (outlet and outlet != lead_org)) and bool(authors or title)
    return ParsedCitation(
        kind="publication", text=raw, authors=authors, title=title, outlet=outlet,
        year=_year_of(date) if date else None, date=date, urls=urls, locator=locator, short=short,
        author_kind=kind_of_author, **ids,
    )


def _capitals(s: str) -> bool:
    """Set in capitals (a Bluebook book title): most of its letters, and it has some."""
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _bluebook_book(raw: str, s: str, urls: tuple[str, ...]) -> ParsedCitation | None:
    """A book, a chapter or an article cited as the Bluebook cites them (`_BLUEBOOK_BOOK_RE`,
    `_BLUEBOOK_ARTICLE_RE`): the whole title and the pages cited, not the title's last words as
    the outlet and the parenthetical as a publisher ("at vii (Peter Smith 1973) (1941)" was a
    work's outlet), nor a title cut at its commas. None for anything else."""
    m = _BLUEBOOK_BOOK_RE.match(s)
    if m is None:
        return None
    body = m.group("body")
    top = _top_level(body)
    commas = _top_commas(body, top, 0, len(body))
    if not commas:
        return None
    lead, rest = body[:commas[0]], body[commas[0] + 1:].strip()
    authors, _org = _lead(lead)
    if not authors:
        return None
    suffix = re.match(r"(?:jr|sr|ii|iii|iv)\.?(?=,)", rest, re.I)  # "OLIVER WENDELL HOLMES, JR., THE COMMON LAW"
    if suffix and len(authors) == 1:
        authors, rest = (f"{authors[0]} {suffix.group()}",), rest[suffix.end() + 1:].strip()
    chapter, book = "", rest
    inside = re.search(r",\s+in\s+", rest)
    if inside:
        chapter, book = rest[:inside.start()].strip(), rest[inside.end():].strip()
        if chapter.count(",") > 1:  # several chapters listed before their book: not one work
            return None
    if re.search(r"(?:^|,\s*)\d+\s+[A-Z]", book):  # a volume: an article in a journal
        a = _BLUEBOOK_ARTICLE_RE.match(s)
        if a is None or not _capitals(a.group("journal")):
            return None
        title, outlet, date, locator = a.group("title").strip(), a.group("journal"), a.group("year"), a.group("pin") or ""
    elif _capitals(book):
        title, outlet = chapter or book, book if chapter else m.group("pub").strip()
        date, locator = m.group("orig") or m.group("year"), (m.group("pin") or "").strip()
    else:
        return None
    return ParsedCitation(
        kind="publication", text=raw, authors=authors, title=title, outlet=outlet, year=int(date), date=date,
        urls=urls, locator=locator, author_kind=author_kind(authors[0]), **_identifiers(s, urls),
    )


def _without_ids(s: str) -> str:
    """`s` without its UN symbols, report numbers and DOIs (their digits are not dates)."""
    for rx in (_UN_SYMBOL_RE, _REPORT_RE, _DOI_RE):
        s = rx.sub(" ", s)
    return s


_PART_START_RE = re.compile(r"(?:^|[,:;(])\s*$")
_SURNAME = r"(?:[A-ZÀ-Þ][\w'’-]+\s){0,2}[A-ZÀ-Þ][\w'’-]+"
_INITIALS = r"(?:[A-ZÀ-Þ]\.\s?-?)+"
_INVERTED_RE = re.compile(
    rf"^(?:{_SURNAME},\s{_INITIALS}(?:(?:,?\s+(?:and|&|et)\s+|,\s+)(?={_SURNAME},\s{_INITIALS}))?)+(?=,|\s*\(|\s*$)")
_INVERTED_ONE_RE = re.compile(rf"({_SURNAME}),\s({_INITIALS})")


_AUTHOR_YEAR_RE = re.compile(rf"^(?P<names>[^()]{{2,120}}?)\s*\((?P<year>{_YEAR})[a-z]?\)[.,:]?\s+(?P<rest>\S.*)$")


def _author_year(s: str) -> tuple[str, str]:
    """ "Lacher, W. (2012), Title, …" (a name, then the year in brackets): the citation without the
    year, and the year."""
    m = _AUTHOR_YEAR_RE.match(s)
    if not m or m.group("names").rstrip()[-1:].isdigit() or not (
            _is_name_list(m.group("names").rstrip(",")) or _is_org(m.group("names"))):
        return s, ""
    return f"{m.group('names').rstrip(',')}, {m.group('rest')}", m.group("year")


def _is_author_lead(lead: str) -> bool:
    """Names or an institution, possibly surname-first ("Raineri, L.") and with a year ("(2018)")."""
    lead = _uninvert_names(lead.strip().rstrip(","))
    m = re.match(rf"^(?P<names>[^()]+?)\s*\({_YEAR}[a-z]?\)$", lead)
    names = m.group("names").strip().rstrip(",") if m else lead
    return _is_name_list(names) or _is_org(names)


def _uninvert_names(s: str) -> str:
    """ "Sidibe, B., Title" and "Bagayoko, N. and Kone, F. R., Title" (surname first, then
    initials: COI and APA-like notes) -> "B. Sidibe, Title", "N. Bagayoko and F. R. Kone, Title"."""
    m = _INVERTED_RE.match(s)
    if not m:
        return s
    names = _INVERTED_ONE_RE.sub(
        lambda n: f"{n.group(2).strip()} {n.group(1)}{n.group(2)[len(n.group(2).rstrip()):]}", m.group())
    return names + s[m.end():]


def _identifiers(s: str, urls: Sequence[str]) -> dict[str, str]:
    return {
        "doi": find_doi(s, urls), "document_symbol": find_document_symbol(s, urls),
        "report_number": find_report_number(s),
        "original_url": next((o for o in map(original_url, urls) if o), ""),
    }


def author_kind(name: str) -> str:
    """organisation for an institution ("Human Rights Watch", "MINUSMA"), else person."""
    bare = _ET_AL_RE.sub("", name).strip()
    if _is_org(bare) or not _is_name_list(bare) or re.search(r"\w\.(?:com|net|org|info|ml|fr|int)\b", bare):
        return "organisation"
    letters = [c for c in bare if c.isalpha()]
    if " " not in bare and len(letters) >= 2 and all(c.isupper() for c in letters):
        return "organisation"  # an acronym
    return "person"


def _parse_note_ref(raw: str, s: str, ref: tuple[int, re.Match[str]], urls: tuple[str, ...]) -> ParsedCitation:
    """ "Berring, supra note 1, at 191", "Motte, Savigny (n. 1) 12", "See note 4": a short form that
    names the note holding the full citation."""
    n, m = ref
    lead = s[:m.start()].strip().rstrip(",").strip()
    parts = [p for p in _parts(lead, _top_level(lead), 0, len(lead)) if p] if lead else []
    authors: tuple[str, ...] = ()
    first = next((i for i, p in enumerate(parts) if _is_name_list(p) or _is_org(p)), None)
    if first is not None:
        p0 = parts[first]
        authors = tuple(_split_authors(p0)) if _is_name_list(p0) else (p0,)
        parts = parts[first + 1:]
    elif parts:
        off = _name_suffix_start(parts[-1])
        if off is not None:
            authors = tuple(_split_authors(parts[-1][off:]))
            parts = []
    title = ", ".join(p for p in parts if not _SKIP_PART_RE.match(p)).strip(' "“”«»*')
    locator = _locator(s[m.end():].strip().lstrip(",").strip())
    return ParsedCitation(kind="publication", text=raw, authors=authors, title=title, urls=urls,
                          locator=locator, short=True, note_ref=n,
                          author_kind=author_kind(authors[0]) if authors else "")


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


def _interviewee_refs(text: str, u: _Unit, history: Sequence[Citation]) -> list[tuple[int, int, Citation]]:
    """Interviewees named as sources in prose ("Other interviewees, such as Assinamar ag Ousmane,
    confirmed this"): the earlier interview with each, by full name."""
    seg = text[u.start:u.end]
    if not _INTERVIEWEES_RE.search(seg):
        return []
    found: list[tuple[int, int, Citation]] = []
    seen: set[str] = set()
    for c in history:
        name = c.interviewee
        if c.kind != "interview" or c.anonymous or len(name.split()) < 2 or name in seen:
            continue
        at = seg.find(name)
        if at >= 0:
            seen.add(name)
            found.append((u.start + at, u.start + at + len(name), c))
    return sorted(found, key=lambda t: t[0])


def _same_interview(p: ParsedCitation, history: Sequence[Citation]) -> Citation | None:
    """An earlier full citation of the same interview: same interviewee (or the same anonymous
    description), same place and date."""
    if not p.interview_date:
        return None
    key = _name_key(p.interviewee)
    for c in history:
        if c.interview_date != p.interview_date or c.interview_place != p.interview_place or not key:
            continue
        full = _name_key(c.interviewee)
        if bool(c.anonymous) != bool(p.anonymous):
            continue
        if full == key or (not p.anonymous and len(key) >= 2 and full[-2:] == key[-2:]):
            return c
    return None


def _find_by_id(p: ParsedCitation, history: Sequence[Citation]) -> Citation | None:
    for c in history:
        if (p.doi and c.doi.lower() == p.doi.lower()) or (
                p.document_symbol and c.document_symbol == p.document_symbol):
            return c
    return None


def _in_note(p: ParsedCitation, cited: Sequence[Citation]) -> Citation | None:
    """Which citation of the note named by "supra note N" is meant: the one by the same author."""
    if not cited:
        return None
    want = {loose_key(a).split()[-1] for a in p.authors if loose_key(a)}
    if want:
        for c in cited:
            if want <= _surnames(c.authors):
                return c
        return None if len(cited) > 1 else cited[0]
    return cited[0]


_NAME_WORD = r"[A-ZÀ-Þ][\w'’-]+"
_GIVEN = rf"(?:[A-ZÀ-Þ]\.|{_NAME_WORD})(?:\s(?:[A-ZÀ-Þ]\.|{_NAME_WORD})){{0,2}}"
_BIBLIO_RE = re.compile(
    rf"^(?P<names>{_NAME_WORD}(?:\s{_NAME_WORD})?,\s{_GIVEN}"
    rf"(?:,?\s(?:and|&)\s{_GIVEN}\s{_NAME_WORD})?)\.\s+(?P<rest>[A-ZÀ-Þ“\"«‘].+)$")
_PUBLISHER_RE = re.compile(rf"^[^:()]+:\s*[^:()]+,\s*{_YEAR}\.?$")


def _bibliography_note(text: str) -> str | None:
    """A note written as a bibliography entry ("Lacher, Wolfram. Title. Place: Publisher, 2012.")
    rewritten as a note ("Wolfram Lacher, Title (Place: Publisher, 2012)"), or None."""
    m = _BIBLIO_RE.match(text.strip())
    if not m:
        return None
    authors = _ref_authors(m.group("names"))
    if not authors or not all(_is_person(a) for a in authors):
        return None
    rest = m.group("rest").strip()
    top = _top_level(rest)
    q = _first_quote(rest, top, 0, len(rest))
    names = " and ".join(authors)
    if q is not None and q[0] == 0:
        title = rest[1:q[1]].strip().rstrip(".,")
        after = rest[q[1] + 1:].strip(" .,")
        return f"{names}, “{title},” {after}."
    sentences = _sentences(rest, top, 0, len(rest))
    if len(sentences) < 2:
        return None
    title = rest[sentences[0][0]:sentences[0][1]].rstrip(".")
    after = rest[sentences[1][0]:].strip().rstrip(".")
    if _PUBLISHER_RE.match(after):
        return f"{names}, {title} ({after})."
    return f"{names}, {title}, {after}."


def parse_footnotes(doc_id: str, footnotes: Sequence) -> tuple[list[FootnoteParse], list[Citation]]:
    """Parse a document's footnotes, (n, text, links) in order, resolving short forms.

    Also accepts records with `n`, `text` and `links` attributes (RawFootnote, Footnote)."""
    parses: list[FootnoteParse] = []
    citations: list[Citation] = []
    full_pubs: list[Citation] = []
    full_interviews: list[Citation] = []
    previous: list[Citation] = []  # the citations of the latest note that cited anything
    by_note: dict[int, list[Citation]] = {}
    for f in footnotes:
        n, text, links = _as_tuple(f)
        as_written = text
        text = _bibliography_note(text) or text
        spans = locate_urls(text, links)
        units = _units(text, spans)
        found: list[tuple[ParsedCitation, Citation | None]] = []
        for u in units:
            if u.kind == "note":
                refs = _possessive_refs(text, u, full_pubs)
                for a, b, target in _interviewee_refs(text, u, full_interviews):
                    if not any(a < e and s < b for s, e, _ in refs):
                        refs.append((a, b, target))
                for a, b, target in sorted(refs, key=lambda t: t[0]):
                    found.append((ParsedCitation(kind=target.kind, text=text[a:b], short=True), target))
                continue
            inside = [sp for sp in spans if sp.placed and u.start <= sp.start < u.end]
            p = _parse(text[u.start:u.end], [replace(sp, start=sp.start - u.start, end=sp.end - u.start)
                                              for sp in inside], u.kind, prefix=text[:u.start])
            urls = tuple(dict.fromkeys(sp.url for sp in spans if sp.placed and u.lo <= sp.start < u.end))
            if urls != p.urls and p.kind == "publication":
                p = replace(p, urls=urls, **_identifiers(p.text, urls) if not p.short else {})
            found.append((replace(p, urls=urls, short=p.short and not urls), None))
        unplaced = tuple(sp.url for sp in spans if not sp.placed)
        if unplaced and found:
            p, t = found[-1]
            found[-1] = (replace(p, urls=tuple(dict.fromkeys(p.urls + unplaced)), short=False), t)
        elif unplaced:
            found.append((ParsedCitation(kind="publication", text=" ".join(unplaced), urls=unplaced), None))
        mine: list[Citation] = []
        for idx, (p, target) in enumerate(found, start=1):
            before = mine or previous
            repeat = False
            if target is None:
                if p.ibid:
                    target = before[-1] if before else None
                elif p.note_ref is not None:
                    target = _in_note(p, by_note.get(p.note_ref, ()))
                elif p.kind == "publication" and (p.doi or p.document_symbol):
                    target = _find_by_id(p, full_pubs + mine)
                    repeat = target is not None and not p.short
                if target is None and p.short and not p.ibid and p.note_ref is None:
                    if p.kind == "interview":
                        target = _find_interview(p, full_interviews + [c for c in mine if c.kind == "interview"])
                    else:
                        target = _find_publication(p, full_pubs + mine)
                if target is None and p.kind == "interview" and not p.short:
                    target = _same_interview(p, full_interviews)
                    repeat = target is not None
            if target is not None and repeat:
                # the same work or interview cited in full again: its own reading, pointing back
                holder = target.backref if target.backref is not None else target.footnote
                c = p.to_citation(doc_id, n, idx, backref=holder)
            elif target is not None:
                holder = target.backref if target.backref is not None else target.footnote
                locator = p.locator or (target.locator if p.ibid else "")
                c = replace(target, doc_id=doc_id, footnote=n, idx=idx, text=p.text,
                            locator=locator, backref=holder,
                            urls=tuple(dict.fromkeys(p.urls + target.urls)))
            else:
                if p.same_author and before and before[-1].kind == "publication":
                    p = replace(p, authors=before[-1].authors, author_kind=before[-1].author_kind)
                c = p.to_citation(doc_id, n, idx, backref=p.note_ref)
                if p.note_ref is None and (not p.short or p.kind == "interview"):
                    # an interview first cited in a short form ("Interview with X.") is the one
                    # its later repeats point to
                    (full_interviews if c.kind == "interview" else full_pubs).append(c)
            mine.append(c)
        if text != as_written and len(mine) == 1:
            mine[0] = replace(mine[0], text=as_written)
        kinds = {c.kind for c in mine}
        kind = "mixed" if len(kinds) == 2 else (kinds.pop() if kinds else "note")
        parses.append(FootnoteParse(n=n, kind=kind, n_citations=len(mine),
                                    urls=tuple(dict.fromkeys(sp.url for sp in spans))))
        citations.extend(mine)
        by_note[n] = mine
        if mine:
            previous = mine
    return parses, citations


# ---------------------------------------------------------------- author-date: reference list and in-text

_REF_HEAD_RE = re.compile(
    rf"^(?P<names>[^()]+?)[.,]?\s+\(?(?P<year>{_YEAR}|n\.\s?d\.)(?P<suffix>[a-z])?\)?[.,:]?\s+(?P<rest>.+)$")
_SURNAME_FIRST_RE = re.compile(r"^(?P<last>[^,]+),\s*(?P<first>[^,]+?)$")
_IN_TEXT_ITEM_RE = re.compile(
    rf"(?P<names>[A-ZÀ-Þ][^();\d]*?)\s*,?\s+(?P<year>{_YEAR})(?P<suffix>[a-z])?"
    r"(?:\s*[,:]\s*(?:pp?\.\s*)?(?P<loc>\d+(?:\s*[-–]\s*\d+)?(?:\s*,\s*\d+(?:\s*[-–]\s*\d+)?)*))?")
_NARRATIVE_RE = re.compile(
    rf"(?P<names>[A-ZÀ-Þ][\w’'-]+(?:\s+(?:and|&|et)\s+[A-ZÀ-Þ][\w’'-]+|\s+et\s+al\.)?)\s+\((?P<year>{_YEAR})"
    r"(?P<suffix>[a-z])?(?:\s*[,:]\s*(?:pp?\.\s*)?(?P<loc>\d+(?:\s*[-–]\s*\d+)?))?\)")
_PAREN_RE = re.compile(r"\(([^()]*\d{4}[^()]*)\)")


def _ref_authors(names: str) -> tuple[str, ...]:
    """"Lacher, Wolfram" -> Wolfram Lacher; "Bøås, Morten, and Liv Elin Torheim" -> both."""
    names = _ET_AL_RE.sub("", names).strip().rstrip(".,").strip()
    if _is_org(names) or not any(c.islower() for c in names if c.isalpha()) and " " in names:
        return (names,)
    pieces = [p.strip() for p in re.split(r",\s*(?:and|&)\s+|\s+(?:and|&)\s+|;\s*", names) if p.strip()]
    out: list[str] = []
    for i, piece in enumerate(pieces):
        m = _SURNAME_FIRST_RE.match(piece)
        if m and (i == 0 or "," in piece):
            out.append(f"{m.group('first').strip()} {m.group('last').strip()}")
        elif i == 0 and "," in piece:
            last, _, rest = piece.partition(",")
            out.append(f"{rest.strip()} {last.strip()}".strip())
        else:
            out.append(piece)
    return tuple(out)


def parse_reference_list(doc_id: str, entries: Sequence[str]) -> list[Citation]:
    """The entries of an author-date reference list ("Lacher, Wolfram. 2012. Title. Place: Publisher.")
    as citations: `footnote` 0, `idx` the entry's number."""
    out: list[Citation] = []
    for i, entry in enumerate(entries, start=1):
        entry = _WS_RE.sub(" ", entry).strip()
        spans = locate_urls(entry)
        urls = tuple(dict.fromkeys(sp.url for sp in spans))
        body = _cut_urls(entry, spans)
        m = _REF_HEAD_RE.match(body)
        if not m:
            p = _parse_publication(entry, spans, urls)
            out.append(replace(p.to_citation(doc_id, 0, i), cited_in="references"))
            continue
        authors = _ref_authors(m.group("names"))
        rest = m.group("rest").strip()
        top = _top_level(rest)
        q = _first_quote(rest, top, 0, len(rest))
        outlet = ""
        if q is not None and q[0] <= 1:
            title = rest[q[0] + 1:q[1]].strip().rstrip(".,").strip()
            after = rest[q[1] + 1:].strip(" .,")
        else:
            cut = next((sp[1] for sp in _sentences(rest, top, 0, len(rest))[:1]), len(rest))
            title, after = rest[:cut].strip().rstrip("."), rest[cut:].strip(" .,")
        if after:
            jm = re.match(r"^(?:in:?\s+)?(?P<journal>[^():.]+?)\s+\d+\s*(?:\(\d+\))?\s*[:,]", after)
            pub = re.search(r"(?:^|\.\s+)(?:[^:.]+):\s*(?P<pub>[^.:]+?)\s*(?:\.|$)", after)
            if jm:
                outlet = jm.group("journal").strip()
            elif pub:
                outlet = pub.group("pub").strip()
        year = m.group("year")
        out.append(Citation(
            doc_id=doc_id, footnote=0, idx=i, kind="publication", text=entry, authors=authors, title=title,
            outlet=outlet, year=int(year) if year.isdigit() else None, date=year if year.isdigit() else "",
            urls=urls, author_kind=author_kind(authors[0]) if authors else "", cited_in="references",
            **_identifiers(body, urls),
        ))
    return out


def _ref_key(c: Citation) -> tuple[str, int | None]:
    first = c.authors[0] if c.authors else ""
    f = loose_key(first).split()
    return (" ".join(f) if c.author_kind == "organisation" else (f[-1] if f else "")), c.year


def author_date_citations(doc_id: str, text: str, refs: Sequence[Citation]) -> list[Citation]:
    """In-text author-date citations in `text` ("(Lacher 2012, 14)", "(Lecocq 2010; Bøås and
    Torheim 2013)", "Lacher (2012)") that match an entry of the reference list `refs`: each a
    copy of the entry with `ref` its number and `locator` the page cited."""
    keys: dict[tuple[str, int | None], Citation] = {}
    for r in refs:
        keys.setdefault(_ref_key(r), r)
    found: list[tuple[int, str, str, str, str]] = []  # (offset, names, year, locator, text)
    for pm in _PAREN_RE.finditer(text):
        inner, base = pm.group(1), pm.start(1)
        for piece in re.finditer(r"[^;]+", inner):
            im = _IN_TEXT_ITEM_RE.search(piece.group())
            if im:
                found.append((base + piece.start() + im.start(), im.group("names"), im.group("year"),
                              im.group("loc") or "", im.group().strip()))
    for nm in _NARRATIVE_RE.finditer(text):
        found.append((nm.start(), nm.group("names"), nm.group("year"), nm.group("loc") or "", nm.group()))
    out: list[Citation] = []
    for at, names, year, loc, cited in sorted(found):
        names = _LEADING_RE.sub("", names.strip()).strip().rstrip(",")
        names = re.sub(r"^(?:e\.g\.|cf\.|see)\s*,?\s*", "", names, flags=re.I)
        first = re.split(r"\s+(?:and|&|et)\s+|,", _ET_AL_RE.sub("", names))[0].strip()
        f = loose_key(first).split()
        target = keys.get((" ".join(f), int(year))) or (keys.get((f[-1], int(year))) if f else None)
        if target is None:
            continue
        out.append(replace(target, footnote=0, idx=len(out) + 1, text=cited, locator=loc, ref=target.idx,
                           cited_in="text"))
    return out


_REFERENCE_SECTION_RE = re.compile(
    r"^(?:\d+[.)]?\s*)?(?:references?|bibliograph(?:y|ie)|works\s+cited|sources(?:\s+cited)?|literature(?:\s+cited)?|"
    r"literatur(?:verzeichnis)?|références(?:\s+bibliographiques)?|ouvrages\s+cités|referencias|bibliografía)\b",
    re.I)


_ENTRY_START_RE = re.compile(r"(?<=[.)])\s+(?=[A-ZÀ-Þ][\w'’-]+(?:\s[A-ZÀ-Þ][\w'’-]+)?,\s+[A-ZÀ-Þ][\w'’-]*\.?[\s,.])")


def reference_list_entries(sentences: Sequence) -> list[str]:
    """The entries of a document's reference list: each paragraph of a back-matter section headed
    References, Bibliography, Works cited, Sources, Bibliographie, Références..."""
    entries: dict[str, list[str]] = {}
    for s in sentences:
        # the layout zones a reference list `references`; older readers left it in back matter
        if s.zone == "references" or (s.zone == "back" and _REFERENCE_SECTION_RE.match(s.section.strip())):
            entries.setdefault(s.paragraph_id, []).append(s.text)
    # a paragraph may hold several entries (a PDF reader joins a hanging-indent list): a new entry
    # starts after a full stop with "Surname, Given" or "Surname, I."
    return [e.strip() for texts in entries.values() for e in _ENTRY_START_RE.split(" ".join(texts)) if e.strip()]


def author_date(doc_id: str, sentences: Sequence) -> list[Citation]:
    """A document's reference list (rows cited_in "references", idx the entry's number) and the
    in-text citations of its body that match an entry (cited_in "text", idx numbered on after the
    entries, `ref` the entry, `sentence_id` the sentence)."""
    refs = parse_reference_list(doc_id, reference_list_entries(sentences))
    if not refs:
        return []
    out = list(refs)
    for s in sentences:
        if s.zone not in ("body", "pullquote"):
            continue
        for c in author_date_citations(doc_id, s.text, refs):
            out.append(replace(c, idx=len(out) + 1, sentence_id=s.sentence_id))
    return out
