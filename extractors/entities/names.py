"""Name variants without listing each one (issue 14): administrative forms of place names,
French lower-case ethnonyms, partial and reordered person names, and fuzzy matching with
thresholds calibrated on labelled pairs. The transliteration-aware key they build on,
`text.variant_key`, lives with the other comparison keys in extractors/text.py.

Pure functions over folded text (`text.normalise_alias` output).

Fuzzy matching (`FuzzyIndex`) compares variant keys word by word with the Jaro-Winkler
similarity (W. E. Winkler, "String Comparator Metrics and Enhanced Decision Rules in the
Fellegi-Sunter Model of Record Linkage", 1990; rapidfuzz's `JaroWinkler`, prefix weight 0.1):
every word of the name must reach the threshold against the word in the same position, and one
entity alone must reach it. The thresholds are arguments; bench/calibrate_names.py derives them
from labelled pairs (aliases of one entity vs names of two entities of the same type).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import JaroWinkler

from extractors.text import phrase_key, variant_key

# ------------------------------------------------------------------ administrative forms

# "Kidal region", "Bankass district", "Niono cercle" | "region of Kidal", "région de Mopti", "cercle de Koro"
ADMIN_AFTER = frozenset("region regions district province cercle commune department departement prefecture".split())
ADMIN_BEFORE = frozenset({
    ("region", "of"), ("region", "de"), ("region", "du"), ("regions", "de"), ("district", "of"),
    ("district", "de"), ("cercle", "de"), ("cercles", "de"), ("province", "of"), ("province", "de"),
    ("commune", "de"), ("wilaya", "de"), ("prefecture", "de"), ("departement", "de"),
})


def admin_extension(folded: Sequence[str], start: int, end: int) -> tuple[int, int]:
    """The span of an administrative form around a place name at [start, end): "Mopti region",
    "region of Mopti", "région de Mopti", "cercle de Koro" (folded tokens). The form names the
    same place entity (gazetteers/README.md, Matching rules)."""
    if start >= 2 and (folded[start - 2], folded[start - 1]) in ADMIN_BEFORE:
        return start - 2, end
    if end < len(folded) and folded[end] in ADMIN_AFTER:
        return start, end + 1
    return start, end


# ------------------------------------------------------------------ French ethnonyms

# nouns an ethnonym adjective describes without naming people of the group ("la musique
# touarègue", "la langue peule", "le pays dogon"); after "en" it is the language ("en arabe")
NOT_PEOPLE_HEADS = frozenset(
    "langue langues musique musiques cuisine culture cultures art arts nom noms mot mots acronyme "
    "sigle dialecte dialectes tenue tenues habit habits style poesie litterature chanson chansons "
    "alphabet ecriture pays region regions tente tentes bijoux artisanat theatre cinema danse "
    "danses festival marche proverbe proverbes terme termes expression".split()
)
LANGUAGE_BEFORE = frozenset({"en"})
# "arabe" is also the everyday adjective of the language and the Arab world ("pays arabes",
# "printemps arabe"): it names the group only as a noun after a determiner
DETERMINERS = frozenset("les des un une aux du le la l' d' ces deux entre et".split())
NOUN_ONLY_ETHNONYMS = frozenset({"arab"})


def ethnonym_names_group(folded: Sequence[str], start: int, end: int) -> bool:
    """Does a lower-case ethnonym at [start, end) of a French sentence name the group? Yes as a
    noun ("les peuls", "des touaregs") and as an adjective of people ("civils peuls",
    "la rébellion touarègue", "la communauté dogon"); no as the language ("en arabe") or as an
    adjective of a thing ("la musique touarègue", "le pays dogon"). Folded tokens."""
    prev = folded[start - 1] if start else ""
    if prev in LANGUAGE_BEFORE or prev in NOT_PEOPLE_HEADS:
        return False
    if any(variant_key(t) in NOUN_ONLY_ETHNONYMS for t in folded[start:end]):
        return prev in DETERMINERS
    return True


# ------------------------------------------------------------------ persons


def name_words(folded_name: str) -> frozenset[str]:
    """Variant keys of the words of a person's name, particles off."""
    return frozenset(k for k in phrase_key(folded_name).split() if k)


# "son of", "daughter of" in Tamasheq, Hassaniya and Arabic names (variant keys): the words after
# it name the father ("Ibrahim ag Mohamed Assaleh" is the son of Mohamed Assaleh)
PATRONYMIC = frozenset(variant_key(w) for w in "ag agg ould ben bin ibn wallet walet mint".split())


def father_words(folded_name: str) -> frozenset[str]:
    """Variant keys of the words after the first patronymic particle ("" if none)."""
    return person_name(folded_name)[1]


@lru_cache(maxsize=1 << 16)
def person_name(folded_name: str) -> tuple[frozenset[str], frozenset[str]]:
    """(variant keys of the words of a person's name, those of its father's name: the words
    after the first patronymic particle, empty if none)."""
    words = phrase_key(folded_name).split()
    for i, w in enumerate(words[:-1]):
        if w in PATRONYMIC and i > 0:
            return frozenset(words), frozenset(words[i + 1:])
    return frozenset(words), frozenset()


def fits_name(words: frozenset[str], name: frozenset[str], father: frozenset[str] = frozenset()) -> bool:
    """Are these words part of this name, and not the father's whole name inside it ("Mohamed
    Assaleh" is not "Ibrahim ag Mohamed Assaleh"; one word after the particle stays a surname:
    "Ghali", "ag Ghali" of "Iyad ag Ghali")?"""
    return words <= name and not (len(words) >= 2 and words <= father)


def partial_owner(words: frozenset[str], persons: Mapping[str, Iterable[tuple[frozenset[str], frozenset[str]]]],
                  particles: frozenset[str] = frozenset()) -> str:
    """The one person whose name contains all these words, in any order ("Malam Dicko",
    "Dicko", "Ag Ghaly" of "Iyad Ag Ghaly", "Dicko Malam"); "" when none or several do (two
    people sharing a surname are never merged). `persons`: entity id -> (word set, father's
    word set) of each of its names (leave out the name's own entity)."""
    if not words or words <= particles:
        return ""
    owners = {pid for pid, names in persons.items() if any(fits_name(words, n, f) for n, f in names)}
    return next(iter(owners)) if len(owners) == 1 else ""


# ------------------------------------------------------------------ fuzzy


@dataclass(frozen=True)
class FuzzyChoice:
    entity_id: str
    key: str
    score: float


def word_similarity(a: Sequence[str], b: Sequence[str]) -> float:
    """Jaro-Winkler of the words in the same positions, the weakest pair; 0 when the counts differ."""
    if len(a) != len(b) or not a:
        return 0.0
    return min(JaroWinkler.normalized_similarity(x, y) for x, y in zip(a, b))


@dataclass
class FuzzyIndex:
    """Variant phrase keys of the gazetteer's names, by word count and the first letters of the
    first and last words (a name is compared only with names that share them)."""

    buckets: dict[tuple[int, str, str], list[tuple[tuple[str, ...], str, str]]]

    @staticmethod
    def bucket(words: Sequence[str]) -> tuple[int, str, str]:
        return len(words), words[0][0], words[-1][0]

    @classmethod
    def build(cls, names: Iterable[tuple[str, str, str]]) -> FuzzyIndex:
        """names: (phrase_key of the name, entity id, entity type)."""
        buckets: dict[tuple[int, str, str], list] = {}
        seen = set()
        for key, entity_id, type_ in names:
            words = tuple(key.split())
            if not words or (words, entity_id) in seen:
                continue
            seen.add((words, entity_id))
            buckets.setdefault(cls.bucket(words), []).append((words, entity_id, type_))
        for b in buckets.values():
            b.sort()
        return cls(buckets)

    def best(self, folded: str, types: frozenset[str], threshold: float, margin: float,
             min_chars: int = 6) -> FuzzyChoice | None:
        """The entity whose name is at least `threshold` similar word by word, when no other
        entity comes within `margin` of it; names shorter than `min_chars` are never guessed."""
        words = tuple(phrase_key(folded).split())
        if not words or sum(map(len, words)) < min_chars:
            return None
        scores: dict[str, tuple[float, str]] = {}
        for cand, entity_id, type_ in self.buckets.get(self.bucket(words), ()):
            if types and type_ not in types:
                continue
            s = word_similarity(words, cand)
            if s >= threshold - margin and s > scores.get(entity_id, (-1.0, ""))[0]:
                scores[entity_id] = (s, " ".join(cand))
        if not scores:
            return None
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1][0], kv[0]))
        (best_id, (best, key)) = ranked[0]
        if best < threshold or (len(ranked) > 1 and best - ranked[1][1][0] < margin):
            return None
        return FuzzyChoice(best_id, key, best)
