"""The gazetteer as a spaCy pipeline component, for use in your own spaCy pipelines.

    nlp = spacy.load("en_core_web_sm")
    ruler = nlp.add_pipe("reportgraph_gazetteer", last=True)
    ruler.set_gazetteer(load_gazetteer_dir(Path("gazetteers")))
    doc = nlp("MUJWA and the MNLA met in Ménaka.")
    [(s.text, s.id_, s.label_) for s in doc.spans["gazetteer"]]

Pattern ids are the entity ids (`span.id_`), labels the entity types. Matches go to
`doc.spans["gazetteer"]` only: the statistical `doc.ents` are left as the NER made them (a
span_ruler after `ner` with default settings would overwrite them). Matching is the same trie
and overlap rule the pipeline uses (extractors/recognize.py).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from extractors.entities.gazetteer import Gazetteer
from extractors.entities.recognize import AliasIndex, RecognizerSettings, build_index, find_matches, resolve_overlaps


class GazetteerComponent:
    def __init__(self, nlp: Language, name: str, spans_key: str = "gazetteer"):
        self.nlp = nlp
        self.name = name
        self.spans_key = spans_key
        self.index: AliasIndex | None = None
        self.types: dict[str, str] = {}
        self.settings = RecognizerSettings()

    def set_gazetteer(self, gazetteer: Gazetteer) -> None:
        self.index = build_index(gazetteer.entities, self.nlp.tokenizer)
        self.types = {e.id: e.type for e in gazetteer.entities}

    def __call__(self, doc: Doc) -> Doc:
        if self.index is None:
            raise ValueError(f"{self.name}: call set_gazetteer(...) before using the component")
        tokens = [t.text for t in doc]
        matches = [m for m in find_matches(tokens, self.index, self.settings) if m.method != "alias"]
        doc.spans[self.spans_key] = [
            Span(doc, m.start, m.end, label=self.types[m.entity_ids[0]], span_id=m.entity_ids[0])
            for m in resolve_overlaps(matches)
        ]
        return doc


@Language.factory("reportgraph_gazetteer", default_config={"spans_key": "gazetteer"})
def make_gazetteer_component(nlp: Language, name: str, spans_key: str) -> GazetteerComponent:
    return GazetteerComponent(nlp, name, spans_key)
