"""spaCy pipelines loaded once per process and shared by the tasks of a run."""
from __future__ import annotations

import threading
from functools import lru_cache

import extractors.ingest.nlp as nlp_mod

_lock = threading.Lock()


@lru_cache(maxsize=4)
def _segmenter(name: str):
    return nlp_mod.load_segmenter(name)


@lru_cache(maxsize=4)
def _recognizer(name: str):
    return nlp_mod.load_recognizer(name)


def _by_language(load, model_en: str, model_fr: str):
    """A `lang -> pipeline` function over a cached loader (one load per model and process)."""
    models = nlp_mod.ModelSettings(model_en, model_fr)

    def get(lang: str):
        with _lock:
            return load(models.name_for(lang))

    return get


def segmenter_for(model_en: str = "", model_fr: str = ""):
    """Sentence splitting (tokenizer + parser)."""
    return _by_language(_segmenter, model_en, model_fr)


def recognizer_for(model_en: str = "", model_fr: str = ""):
    """Tokens and NER."""
    return _by_language(_recognizer, model_en, model_fr)
