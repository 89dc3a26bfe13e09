"""spaCy pipelines loaded once per process and shared by the tasks of a run."""
from __future__ import annotations

import threading
from functools import lru_cache

from extractors import nlp as nlp_mod

_lock = threading.Lock()


@lru_cache(maxsize=4)
def _segmenter(name: str):
    return nlp_mod.load_segmenter(name)


@lru_cache(maxsize=4)
def _recognizer(name: str):
    return nlp_mod.load_recognizer(name)


def segmenter_for(model_en: str = "", model_fr: str = ""):
    models = nlp_mod.ModelSettings(model_en, model_fr)

    def get(lang: str):
        with _lock:
            return _segmenter(models.name_for(lang))

    return get


def recognizer_for(model_en: str = "", model_fr: str = ""):
    models = nlp_mod.ModelSettings(model_en, model_fr)

    def get(lang: str):
        with _lock:
            return _recognizer(models.name_for(lang))

    return get
