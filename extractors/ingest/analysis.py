"""Per-sentence analyses: the tokens of each sentence and the names spaCy's NER finds in it.

This is the only step that runs the statistical model, and its result is cached with the
document (`extractors.ingest.cache`); linking those names to entities happens later
(`extractors.entities.recognize`) and is not cached.
"""
from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language

from extractors.model import Analysis, Sentence

# spaCy labels kept (English and French models), and the entity type each one suggests
NER_TYPES = {
    "PERSON": "PERSON", "PER": "PERSON",
    "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE",
    "ORG": "ORG",
}


def analyse(sentences: Sequence[Sentence], nlp: Language, batch_size: int = 256) -> tuple[Analysis, ...]:
    """Tokens and NER names of each sentence: the only step that runs the statistical model."""
    model = f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}"
    out = []
    for s, doc in zip(sentences, nlp.pipe((s.text for s in sentences), batch_size=batch_size)):
        ents = tuple((e.start, e.end, e.label_) for e in doc.ents if e.label_ in NER_TYPES)
        out.append(Analysis(s.sentence_id, tuple(t.text for t in doc), tuple(t.idx for t in doc), ents, model))
    return tuple(out)
