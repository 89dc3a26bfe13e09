"""The spaCy pipelines the run loads: only what is read (issue 18: once PDF reading was fast,
sentence splitting ran the model's tok2vec for a rule-based sentencizer that never reads it)."""
from __future__ import annotations

import spacy

from extractors.ingest.nlp import ModelSettings, load_segmenter

TEXT = ("Le MNLA et le HCUA ont signé l'accord d'Alger en 2015. Mr. Keïta, i.e. IBK, left Bamako on "
        "12 Jan. 2013 for Kidal. The GATIA-MSA alliance is discussed further below. Who benefits?")


def test_issue_18_the_segmenter_runs_no_tok2vec_nothing_reads():
    for lang in ("en", "fr"):
        name = ModelSettings().name_for(lang)
        seg = load_segmenter(name)
        assert "tok2vec" not in seg.pipe_names and seg.pipe_names[-1] in ("senter", "sentencizer")
        # the same sentences and tokens as the model's tok2vec followed by the sentencizer
        full = spacy.load(name, exclude=["parser", "ner", "lemmatizer", "attribute_ruler", "tagger", "morphologizer"])
        full.add_pipe("sentencizer")
        assert "tok2vec" in full.pipe_names
        a, b = seg(TEXT), full(TEXT)
        assert [(s.start_char, s.end_char) for s in a.sents] == [(s.start_char, s.end_char) for s in b.sents]
        assert [t.text for t in a] == [t.text for t in b]


def test_issue_18_the_recognizer_runs_no_tok2vec_its_ner_does_not_read():
    """The NER of the small models embeds its own tokens; the shared tok2vec (read by the tagger
    and the parser only, both left out) ran for nothing: the same entities without it."""
    from extractors.ingest.nlp import load_recognizer

    for lang in ("en", "fr"):
        name = ModelSettings().name_for(lang)
        rec = load_recognizer(name)
        assert rec.pipe_names == ["ner"]
        full = spacy.load(name, exclude=["parser", "lemmatizer", "attribute_ruler", "tagger", "morphologizer", "senter"])
        assert "tok2vec" in full.pipe_names
        a, b = rec(TEXT), full(TEXT)
        assert [(e.start_char, e.end_char, e.label_) for e in a.ents] == [(e.start_char, e.end_char, e.label_) for e in b.ents]
        assert a.ents  # the text has entities: the comparison compares something
