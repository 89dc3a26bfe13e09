"""Sentence splitting with spaCy, footnote markers linked to the sentence that carries them."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from spacy.language import Language

from extractors.model import Footnote, Layout, Marker, Sentence, note_label

ENDS_SENTENCE = re.compile(r"[.!?…:;]['’\"”»)\]]*$")
STARTS_AS_CONTINUATION = re.compile(r"^[a-zà-ÿ,.;:)\]\-–—…]|^\d+[.)]?$|^\W+$")
# abbreviations a period does not end a sentence after: bibliographic (English, French, German)
# and titles; an initial ("J. Smith") too
ABBREVIATIONS = frozenset(
    "vol vols no nos nr pp p ed eds cf ch chap fig figs n nn para paras art arts sec secs al op cit ibid id "
    "ca approx e.g i.e viz vs v mr mrs ms dr prof st jr sr gen col lt capt "
    "bd hrsg hg ff s abs aufl vgl nº éd trad coll chap t mme mlle me dir p.ex env av apr".split()
)
ABBREVIATION_END = re.compile(r"(?:^|[\s(\[])((?:[\w.]*\w))\.$")
INITIAL_END = re.compile(r"(?:^|\s)[A-Z]\.$")
# a list marker standing alone: it opens the item that follows ("1.", "(a)", "iv.")
LIST_MARKER = re.compile(r"^(?:\(?\d{1,3}[.)]|\(?[a-z][.)]|\(?[ivxlc]{1,5}[.)]|[•●▪◦‣·–-])$", re.I)


def ends_with_abbreviation(text: str) -> bool:
    """Does the text end with an abbreviation whose period ends no sentence ("Vol.", "pp.", "No.")?"""
    m = ABBREVIATION_END.search(text)
    if m and m.group(1).casefold() in ABBREVIATIONS:
        return True
    return bool(INITIAL_END.search(text)) and len(text) > 2


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
    one after an abbreviation ("Vol. | 24 No. | 3", "pp. | 12-19"), and a list marker standing
    alone ("1. | The first item")."""
    merged: list[tuple[int, int]] = []
    for start, end in raw:
        if merged:
            prev = text[merged[-1][0] : merged[-1][1]].rstrip()
            cur = text[start:end].strip()
            if (not ENDS_SENTENCE.search(prev) or STARTS_AS_CONTINUATION.match(cur) or LIST_MARKER.match(prev)
                    or ends_with_abbreviation(prev)):
                merged[-1] = (merged[-1][0], end)
                continue
        merged.append((start, end))
    return keep_markers_with_items(text, merged)


TRAILING_MARKER = re.compile(r"[.!?:;]['’\"”»)\]]*\s+(\(?\d{1,3}[.)]|\(?[a-z][.)]|[•●▪◦‣])\s*$")


def keep_markers_with_items(text: str, bounds: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A list marker left at the end of a sentence ("... here. 2.") opens the next one."""
    out = list(bounds)
    for i in range(len(out) - 1):
        start, end = out[i]
        m = TRAILING_MARKER.search(text[start:end])
        if m:
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
    for i, para in enumerate(paragraphs):  # a table row or a heading is one unit, never split at its periods
        if para.zone in ("table", "heading"):
            all_bounds[i] = [(0, len(para.text))]
        elif para.breaks:
            all_bounds[i] = cut_at_page_breaks(para.text, all_bounds[i], para.breaks)
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
