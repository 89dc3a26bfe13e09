"""The gazetteer as a spaCy component: pattern ids are entity ids, NER entities survive."""
from __future__ import annotations

from pathlib import Path

import spacy

import extractors.entities.spacy_component  # noqa: F401  (registers the factory)
from extractors.entities.gazetteer import load_gazetteer_dir
from extractors.ingest.nlp import ModelSettings

ROOT = Path(__file__).resolve().parents[1]


def test_component_writes_entity_ids_and_keeps_statistical_entities():
    nlp = spacy.load(ModelSettings().name_for("en"), exclude=["parser", "lemmatizer"])
    ruler = nlp.add_pipe("reportgraph_gazetteer", last=True)
    ruler.set_gazetteer(load_gazetteer_dir(ROOT / "gazetteers"))
    text = "MUJWA and the MNLA fought in Ménaka while John Smith watched from Menaka."
    bare = spacy.load(ModelSettings().name_for("en"), exclude=["parser", "lemmatizer"])
    doc = nlp(text)
    assert [(e.text, e.label_) for e in doc.ents] == [(e.text, e.label_) for e in bare(text).ents]
    found = {(s.text, s.id_, s.label_) for s in doc.spans["gazetteer"]}
    assert ("MUJWA", "mujao", "ARMED_GROUP") in found
    assert ("MNLA", "mnla", "ARMED_GROUP") in found
    assert {s.id_ for s in doc.spans["gazetteer"] if s.text in ("Ménaka", "Menaka")} == {"menaka"}
