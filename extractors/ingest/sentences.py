"""Sentence splitting with spaCy, footnote markers linked to the sentence that carries them."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from spacy.language import Language

from extractors.ingest.layout import CAPTION_LABEL
from extractors.model import Footnote, Layout, Marker, Sentence, note_label

ENDS_SENTENCE = re.compile(r"[.!?…:;]['’\"”»)\]]*$")
STARTS_AS_CONTINUATION = re.compile(r"^[a-zà-ÿ,.;:)\]\-–—…]|^\d+[.)]?$|^\W+$")
# abbreviations that take a number after them ("No. 4", "p. 45", "ch. 4", "Sect. 4.2", "art. 12",
# "approx. 3"): the number is theirs, never a list marker opening the next sentence (issue 13:
# "Room No. | 4. The transit ...", "cf. p. | 45. Infill ...")
NUMBERED_ABBREVIATIONS = frozenset(
    "vol vols no nos nr nº n nn p pp s ff ch chap t fig figs tab tabs para paras art arts sec secs sect sects cf "
    "ca approx eq eqs eqn fn".split()
)
# months shortened before a day or a year ("on Jan. 5", "le 5 janv. 2019", "Sept. 2019"): no sentence
# ends there when a number follows (alone, "sept." may be French "seven" ending a sentence)
MONTH_ABBREVIATIONS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec janv fév févr avr juil déc".split())
# and other words shortened before a year: "(est. 2012)" (French "est" ends sentences: only so)
BEFORE_A_NUMBER = MONTH_ABBREVIATIONS | {"est"}
TAKES_A_NUMBER = NUMBERED_ABBREVIATIONS | BEFORE_A_NUMBER  # (a number after either is theirs)
# abbreviations a period does not end a sentence after: those and other bibliographic ones (English,
# French, German), titles, and the military and civil ranks a conflict report names its actors by
# ("Col. Maj. Diarra", "Lt.-Col.", "le gén. Gamou", "Brig. Gen.", "Amb.", "le Pr. Konaté"); an
# initial ("J. Smith") too
ABBREVIATIONS = NUMBERED_ABBREVIATIONS | frozenset(
    "ed eds al op cit ibid id e.g i.e viz vs v mr mrs ms messrs dr prof st jr sr esp "
    "gen col lt capt maj sgt cpl pvt brig adm cmdr cdr gov sen rep pres amb hon rev "
    "bd hrsg hg abs aufl vgl ders ebd éd trad coll mme mlle mgr me dir p.ex env av apr "
    "gén cdt cne lieut adj pr a.k.a".split()
)
NUMBER_SIGNS = "§¶"  # signs that take a number too, without a period ("§ 12", "¶ 4")
# a word before its period; an elided French article may stand before it ("l'art.", "d'art.")
# (or a hyphen: "Lt.-Col.", "Lt-Col.")
ABBREVIATION_END = re.compile(r"(?:^|[\s(\[\-–]|\b[a-zA-Z]['’])((?:[\w.]*\w))\.$")
INITIAL_END = re.compile(r"(?:^|\s)[A-Z]\.$")
# a list marker standing alone: it opens the item that follows ("1.", "(a)", "iv.")
LIST_MARKER = re.compile(r"^(?:\(?\d{1,3}[.)]|\(?[a-z][.)]|\(?[ivxlc]{1,5}[.)]|[•●▪◦‣·–-])$", re.I)


# a day written as an ordinal number, as German writes a date ("am 31. Januar 2025", "den 3.
# Oktober"; languages that write the month in lower case go on anyway): its period ends no
# sentence before the month's name
ORDINAL_DAY_END = re.compile(r"(?:^|[\s(])(?:[1-9]|[12]\d|3[01])\.$")
MONTH_NAME_START = re.compile(
    r"(?:Januar|Jänner|Februar|Feber|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)\b")


# a rank's "(retired)" between the rank and the name: "Gen. (ret.) Ag Gamou", "Col. (retd.) Diarra"
RETIRED_END = re.compile(r"\((?:ret|retd|rtd)\.\)$", re.I)


def ends_with_abbreviation(text: str) -> bool:
    """Does the text end with an abbreviation whose period ends no sentence ("Vol.", "pp.", "No.",
    a rank's "(ret.)")?"""
    if RETIRED_END.search(text):
        return True
    m = ABBREVIATION_END.search(text)
    if m and m.group(1).casefold() in ABBREVIATIONS:
        return True
    return bool(INITIAL_END.search(text)) and len(text) > 2


def ends_before_a_number(text: str) -> bool:
    """Does the text end with a word shortened before a number: a month ("Jan.", "janv.", "Sept."),
    "est." (`BEFORE_A_NUMBER`)? Its period ends no sentence when a number follows."""
    m = ABBREVIATION_END.search(text)
    return bool(m) and m.group(1).casefold() in BEFORE_A_NUMBER


def ends_with_numbered_abbreviation(text: str) -> bool:
    """Does the text end with an abbreviation that takes a number after it ("Room No.", "cf. p.",
    "l'art.", "§")? A number that follows is then its argument, not a list marker."""
    text = text.rstrip()
    if text.endswith(tuple(NUMBER_SIGNS)):
        return True
    m = ABBREVIATION_END.search(text)
    return bool(m) and m.group(1).casefold() in TAKES_A_NUMBER


def spans(nlp: Language, texts: Sequence[str], batch_size: int = 64) -> list[list[tuple[int, int]]]:
    """Character spans of the sentences of each text, bad splits repaired."""
    out = []
    for doc in nlp.pipe(texts, batch_size=batch_size):
        raw = [(s.start_char, s.end_char) for s in doc.sents if s.text.strip()]
        out.append(repair(doc.text, raw))
    return out


def repair(text: str, raw: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge a split that left a sentence without end punctuation or started one in lowercase
    ("Mohamed Youssouf | Bathily", "Pre | -existing", "...go talk with X... | he is our guide"),
    one after an abbreviation ("Vol. | 24 No. | 3", "pp. | 12-19", "Voir l'art. | 12", "Col. Maj. |
    Diarra", a month before its day: "Jan. | 5", a German date's ordinal day: "31. | Januar"), and a list
    marker standing alone ("1. | The first item"); a lettered item after a full stop is no
    continuation ("Vote: 5–0. | b. Approve ..."). Then cut what the model left joined: after a
    clock time's "p.m." or a shortened month before a new sentence, before each item of a lettered run ("a. ... b. ...");
    and move list markers and opening quotes to the item or sentence they open (issue 13)."""
    merged: list[tuple[int, int]] = []
    for start, end in openers_to_next(text, raw):
        if merged:
            prev = text[merged[-1][0] : merged[-1][1]].rstrip()
            cur = text[start:end].strip()
            continues = STARTS_AS_CONTINUATION.match(cur) and not LETTERED_ITEM.match(cur)
            if (not ENDS_SENTENCE.search(prev) or continues or LIST_MARKER.match(prev)
                    or ends_with_abbreviation(prev) or (ends_before_a_number(prev) and cur[:1].isdigit())
                    or (ORDINAL_DAY_END.search(prev) and MONTH_NAME_START.match(cur))):
                merged[-1] = (merged[-1][0], end)
                continue
        merged.append((start, end))
    merged = cut_at(merged, clock_time_ends(text) + month_ends(text) + lettered_items(text), text)
    return keep_markers_with_items(text, merged)


# an opening quote, bracket or bullet left at the end of a sentence ('... she said. "'): spaCy
# splits after it; it opens the next sentence (a straight quote after a space is an opening one)
DANGLING_OPENER = re.compile(r"[.!?…]['’\"”»)\]]*\s+([\"“«‘(\[•●▪◦‣]+)\s*$")
ONLY_OPENERS = re.compile(r"^\s*[\"“«‘(\[•●▪◦‣]+\s*$")
# what such an opener opens: a quotation that starts with a capital ('"We will', '“[L]aws'), a
# bulleted item, an item marked "(ii)" or "[4]"; not a bracket that goes on with the sentence before
# ("as in eq. (2), should", "Was ist Kritik? (1992), 15", "(Washington, D.C.: 2023)")
OPENS_SENTENCE = re.compile(
    r"^(?:[\"“«‘]+\s*\[?[A-ZÀ-Ý]|[•●▪◦‣]|[(\[](?:\d{1,3}|[a-z]|[ivxlc]{1,5})[)\]]\s+[^\W\d_])"
)


def openers_to_next(text: str, raw: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Raw sentence spans with an opening quote or bullet, or the bracket of an item's marker, left
    at the end of one after its full stop ('continued. "' | 'We will not leave," she said.',
    'ceasefire. (' | 'ii) Second') moved to the next, which it opens; a span of openers only is
    joined to the next. Not after an abbreviation's period, nor before what does not open a
    sentence (OPENS_SENTENCE)."""
    out = list(raw)
    for i in range(len(out) - 1):
        start, end = out[i]
        nxt = text[out[i + 1][0] : out[i + 1][1]].lstrip()
        if ONLY_OPENERS.match(text[start:end]):
            if OPENS_SENTENCE.match(text[start:end].strip() + nxt):
                out[i], out[i + 1] = (start, start), (start, out[i + 1][1])
            continue
        m = DANGLING_OPENER.search(text[start:end])
        if (m and OPENS_SENTENCE.match(m.group(1) + nxt)
                and not ends_with_abbreviation(text[start : start + m.start(1)].rstrip())):
            cut = start + m.start(1)
            out[i], out[i + 1] = (start, cut), (cut, out[i + 1][1])
    return [(a, b) for a, b in out if b > a]


def cut_at(bounds: list[tuple[int, int]], offsets: Iterable[int], text: str) -> list[tuple[int, int]]:
    """The sentence spans cut at each offset that falls inside one, after some text."""
    cuts = sorted(set(offsets))
    out = []
    for start, end in bounds:
        for at in cuts:
            if start < at < end and text[start:at].strip():
                out.append((start, at))
                start = at
        out.append((start, end))
    return out


# a clock time's "a.m."/"p.m." or French "h." before a capitalised word ends the sentence ("at
# approx. 3 p.m. They spoke", "vers 17 h. Elles sont"): spaCy keeps "p.m." and "h." as one token
# and never splits after it. Not before a weekday or a time zone or other capitals ("3 p.m.
# Monday", "10 a.m. GMT", "5:00 p.m. Eastern Time").
CLOCK_TIME_END = re.compile(r"\d\s*(?:[apAP]\.[mM]\.|h\.)(?=\s+([A-ZÀ-Ý][\w’'-]*))")
WEEKDAYS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun".split()
)
TIME_ZONE_NAME = re.compile(r"\s+(?:[A-Z][a-z]+\s+){1,3}(?:Time|Standard|Daylight)\b")


def clock_time_ends(text: str) -> list[int]:
    """Offsets after a clock time's "p.m." (or "a.m.", "h.") that ends a sentence."""
    out = []
    for m in CLOCK_TIME_END.finditer(text):
        word = m.group(1)
        if not word.isupper() and word.casefold() not in WEEKDAYS and not TIME_ZONE_NAME.match(text, m.end()):
            out.append(m.end())
    return out


# a shortened month (or French "sept", seven) not after a day and before a capitalised word ends the
# sentence ("He left in Sept. The rains came", "Ils étaient sept. Les autres"): spaCy keeps such a
# word and its period as one token and never splits after it
MONTH_END = re.compile(r"(?<!\d\s)\b(?:" + "|".join(sorted(MONTH_ABBREVIATIONS, key=len, reverse=True))
                       + r")\.(?=\s+[A-ZÀ-Ý][a-zà-ÿ])", re.I)


def month_ends(text: str) -> list[int]:
    """Offsets after a shortened month that ends a sentence (`MONTH_END`)."""
    return [m.end() for m in MONTH_END.finditer(text)]


# a lettered list item: a lowercase letter and its marker, then a capitalised word ("b. Approve ...")
LETTERED_ITEM = re.compile(r"^\(?[a-z][.)]\s+[A-ZÀ-Ý]")
LETTER_MARKER = re.compile(r"(?<!\S)([a-z])\.\s+(?=\S)")


def lettered_items(text: str) -> list[int]:
    """Offsets of the markers of a run of lettered items in a paragraph, "a." then "b." (then "c."
    ...), in order: each opens an item wherever it stands, even after no full stop (an agenda's
    "4. PUBLIC COMMENT 6:40 PM a. Speakers are limited ... b. The Board will not ..."). A lone
    "a." is no run (French "il y en a.")."""
    runs: list[list[int]] = []
    expected = ""
    for m in LETTER_MARKER.finditer(text):
        letter = m.group(1)
        if letter == "a":
            runs.append([m.start()])
            expected = "b"
        elif runs and letter == expected:
            runs[-1].append(m.start())
            expected = chr(ord(letter) + 1)
    return [at for run in runs if len(run) >= 2 for at in run]


TRAILING_MARKER = re.compile(r"[.!?:;]['’\"”»)\]]*\s+(\(?\d{1,3}[.)]|\(?[a-z][.)]|[•●▪◦‣])\s*$")


def keep_markers_with_items(text: str, bounds: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A list marker left at the end of a sentence ("... here. 2.") opens the next one; a number
    after an abbreviation that takes one ("Room No. 4.", "cf. p. 45.") is that abbreviation's."""
    out = list(bounds)
    for i in range(len(out) - 1):
        start, end = out[i]
        m = TRAILING_MARKER.search(text[start:end])
        if m and not ends_with_numbered_abbreviation(text[start : start + m.start(1)]):
            cut = start + m.start(1)
            out[i] = (start, cut)
            out[i + 1] = (cut, out[i + 1][1])
    return out


LONG_RUN = 600  # characters: longer than a sentence of prose runs over a page break


def cut_at_page_breaks(text: str, bounds: list[tuple[int, int]], breaks: tuple[tuple[int, int], ...]
                       ) -> list[tuple[int, int]]:
    """A "sentence" without an end (an index, a symbol list, a run of formulas) that runs over a
    whole page, or for several hundred characters over a page break, is cut where it moves to
    another page, so that every page with text has sentences of its own (issue 13: a symbol
    index's middle page claimed by no sentence)."""
    out = []
    for start, end in bounds:
        moves = [at for k, (at, page) in enumerate(breaks) if k == 0 or page != breaks[k - 1][1]]
        cuts = [at for at in moves if start + 1 < at < end - 1]
        if len(cuts) < 2 and end - start <= LONG_RUN:
            cuts = []
        for at in cuts:
            while at < end and not text[at - 1].isspace():  # a break falls between words
                at += 1
            if start < at < end:
                out.append((start, at))
                start = at
        out.append((start, end))
    return out


def marker_owner(markers: Iterable[Marker], bounds: list[tuple[int, int]]) -> dict[int, int]:
    """Footnote number -> index of the sentence that carries its marker (a marker standing
    between two sentences belongs to the one before it)."""
    owners: dict[int, int] = {}
    for m in markers:
        idx = 0
        for i, (start, _end) in enumerate(bounds):
            if start < m.offset or (i == 0):
                idx = i
            else:
                break
        owners.setdefault(m.n, idx)
    return owners


def drop_spare_markers(sentences: list[Sentence], anchors: dict[int, list[Sentence]], notes: Counter
                       ) -> tuple[list[Sentence], dict[int, list[Sentence]]]:
    """More markers of a number than notes of it: the spare ones are an author line's affiliation
    figures ("Lindqvist¹,³"), not calls of the notes, which were anchored to the author line
    (issue 13). Those in lines that are not prose (front matter, no end punctuation) are dropped,
    first ones first, until each note has one marker; the rest keep the k-th note at the k-th."""
    spare: set[tuple[str, int]] = set()
    for n, marked in anchors.items():
        extra = len(marked) - notes.get(n, 0)
        if extra <= 0 or not notes.get(n):
            continue
        for s in marked:
            if extra and (s.zone == "front" or not ENDS_SENTENCE.search(s.text)):
                spare.add((s.sentence_id, n))
                extra -= 1
    if not spare:
        return sentences, anchors
    out = [replace(s, footnotes=tuple(n for n in s.footnotes if (s.sentence_id, n) not in spare))
           if any((s.sentence_id, n) in spare for n in s.footnotes) else s for s in sentences]
    kept = {n: [s for s in marked if (s.sentence_id, n) not in spare] for n, marked in anchors.items()}
    by_id = {s.sentence_id: s for s in out}
    return out, {n: [by_id[s.sentence_id] for s in marked] for n, marked in kept.items()}


def segment(doc_id: str, layout: Layout, nlp: Language) -> tuple[tuple[Sentence, ...], tuple[Footnote, ...]]:
    """Body paragraphs then footnotes, split into sentences with stable ids."""
    paragraphs = layout.paragraphs
    texts = [p.text for p in paragraphs] + [f.text for f in layout.footnotes]
    all_bounds = spans(nlp, texts)
    for i, para in enumerate(paragraphs):  # a table or contents row, a heading, a page's line numbers: one unit each
        if para.zone in ("table", "toc", "heading", "lineno"):
            all_bounds[i] = [(0, len(para.text))]
            continue
        bounds = all_bounds[i]
        if para.zone == "caption" and len(bounds) > 1 and CAPTION_LABEL.fullmatch(para.text[slice(*bounds[0])].strip()):
            all_bounds[i] = bounds = [(bounds[0][0], bounds[1][1]), *bounds[2:]]  # "Fig. 1." stays with its caption
        if para.breaks:
            all_bounds[i] = cut_at_page_breaks(para.text, bounds, para.breaks)
    sentences: list[Sentence] = []
    anchors: dict[int, list[Sentence]] = {}  # note number -> sentences carrying its marker, in order
    counter = 0
    for p_idx, (para, bounds) in enumerate(zip(paragraphs, all_bounds)):
        owners = marker_owner(para.markers, bounds)
        carried: dict[int, list[int]] = {}
        for n, i in owners.items():
            carried.setdefault(i, []).append(n)
        pid = f"{doc_id}:p{p_idx + 1:04d}"
        for i, (start, end) in enumerate(bounds):
            counter += 1
            lead = len(para.text[start:end]) - len(para.text[start:end].lstrip())
            s = Sentence(  # a sentence carries the page where it starts, not its paragraph's
                doc_id, f"{doc_id}:s{counter:05d}", pid, para.page_at(start + lead), para.section, para.zone,
                para.text[start:end].strip(), tuple(sorted(carried.get(i, ()))),
            )
            sentences.append(s)
            for n in s.footnotes:
                anchors.setdefault(n, []).append(s)
    sentences, anchors = drop_spare_markers(sentences, anchors, Counter(fn.n for fn in layout.footnotes))
    footnotes: list[Footnote] = []
    repeats: dict[int, int] = {}
    for fn, bounds in zip(layout.footnotes, all_bounds[len(paragraphs):]):
        # numbering that restarts (per chapter) gives several notes of one number: the k-th note
        # numbered n is anchored at the k-th marker n
        k = repeats.get(fn.n, 0)
        repeats[fn.n] = k + 1
        marked = anchors.get(fn.n, [])
        anchor = marked[k] if k < len(marked) else None
        section = anchor.section if anchor else ""
        pid = f"{doc_id}:fn{fn.n:04d}" + (f"-{k + 1}" if k else "")
        for i, (start, end) in enumerate(bounds):
            counter += 1
            sentences.append(
                Sentence(doc_id, f"{doc_id}:s{counter:05d}", pid, fn.page_at(start), section, "footnote",
                         note_label(fn.n) * (i == 0) + fn.text[start:end].strip(), ())
            )
        footnotes.append(
            Footnote(doc_id, fn.n, fn.page, section, anchor.sentence_id if anchor else "",
                     anchor.text if anchor else "", fn.text, fn.links)
        )
    return tuple(sentences), tuple(footnotes)
