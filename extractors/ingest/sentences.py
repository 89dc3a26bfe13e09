"""Sentence splitting with spaCy, footnote markers linked to the sentence that carries them."""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from spacy.language import Language

from extractors.model import Footnote, Layout, Marker, Sentence

ENDS_SENTENCE = re.compile(r"[.!?…:;]['’\"”»)\]]*$")
STARTS_AS_CONTINUATION = re.compile(r"^[a-zà-ÿ,.;:)\]\-–—…]|^\d+[.)]?$|^\W+$")


def spans(nlp: Language, texts: Sequence[str], batch_size: int = 64) -> list[list[tuple[int, int]]]:
    """Character spans of the sentences of each text, bad splits repaired."""
    out = []
    for doc in nlp.pipe(texts, batch_size=batch_size):
        raw = [(s.start_char, s.end_char) for s in doc.sents if s.text.strip()]
        out.append(repair(doc.text, raw))
    return out


def repair(text: str, raw: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge a split that left a sentence without end punctuation or started one in lowercase
    ("Mohamed Youssouf | Bathily", "Pre | -existing", "...go talk with X... | he is our guide")."""
    merged: list[tuple[int, int]] = []
    for start, end in raw:
        if merged:
            prev = text[merged[-1][0] : merged[-1][1]].rstrip()
            cur = text[start:end].strip()
            if not ENDS_SENTENCE.search(prev) or STARTS_AS_CONTINUATION.match(cur):
                merged[-1] = (merged[-1][0], end)
                continue
        merged.append((start, end))
    return merged


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


def segment(doc_id: str, layout: Layout, nlp: Language) -> tuple[tuple[Sentence, ...], tuple[Footnote, ...]]:
    """Body paragraphs then footnotes, split into sentences with stable ids."""
    paragraphs = layout.paragraphs
    texts = [p.text for p in paragraphs] + [f.text for f in layout.footnotes]
    all_bounds = spans(nlp, texts)
    sentences: list[Sentence] = []
    anchors: dict[int, Sentence] = {}
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
                anchors.setdefault(n, s)
    footnotes: list[Footnote] = []
    for fn, bounds in zip(layout.footnotes, all_bounds[len(paragraphs):]):
        anchor = anchors.get(fn.n)
        section = anchor.section if anchor else ""
        pid = f"{doc_id}:fn{fn.n:04d}"
        for start, end in bounds:
            counter += 1
            sentences.append(
                Sentence(doc_id, f"{doc_id}:s{counter:05d}", pid, fn.page, section, "footnote",
                         fn.text[start:end].strip(), ())
            )
        footnotes.append(
            Footnote(doc_id, fn.n, fn.page, section, anchor.sentence_id if anchor else "",
                     anchor.text if anchor else "", fn.text, fn.links)
        )
    return tuple(sentences), tuple(footnotes)
