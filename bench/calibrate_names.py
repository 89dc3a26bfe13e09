"""Calibrate the fuzzy name-linking thresholds (issue 14) on labelled pairs from the gazetteer.

    .venv/bin/python bench/calibrate_names.py [--gazetteer gazetteers]

Labelled pairs, none from the development set: two names of ONE entity (its name, aliases and
former names; pairs with the same number of words whose variant keys differ) are a match; two
names of TWO entities that `names.FuzzyIndex` would compare (same number of words, same first
letters of the first and last words, persons with persons, the rest with the rest) are not.
For each threshold the script counts how many matches `names.word_similarity` accepts and how
many non-matches it wrongly accepts, and names the lowest threshold at which at least 97 % of
the accepted pairs name one entity (`--precision`): the default of
`RecognizerSettings.fuzzy_link_threshold` (0.935 on the grown gazetteer of 569 entities, taken
as 0.94; the threshold with no wrong acceptance at all, 0.965, would accept a third as many
variants). Linking also needs the best entity to lead the second by `fuzzy_link_margin`; the
script lists the closest pairs of two entities.
"""
from __future__ import annotations

import argparse
import sys
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from extractors.entities.gazetteer import load_gazetteer_dir  # noqa: E402
from extractors.entities.names import FuzzyIndex, word_similarity  # noqa: E402
from extractors.text import normalise_alias, phrase_key  # noqa: E402


MIN_CHARS = 6  # names.FuzzyIndex.best(min_chars=...): shorter names are never guessed


def labelled_pairs(gazetteer):
    names = []  # (words, entity id, person?)
    for e in gazetteer.entities:
        for text in dict.fromkeys((e.name, *e.aliases, *e.former_names)):
            words = tuple(phrase_key(normalise_alias(text)).split())
            if words and sum(map(len, words)) >= MIN_CHARS:
                names.append((words, e.id, e.type == "PERSON"))
    same, different = [], []
    by_entity: dict[str, list] = {}
    for n in names:
        by_entity.setdefault(n[1], []).append(n[0])
    for entity_id, forms in by_entity.items():
        for a, b in combinations(sorted(set(forms)), 2):
            if len(a) == len(b) and a != b:
                same.append((a, b))
    buckets: dict[tuple, list] = {}
    for words, entity_id, person in names:
        buckets.setdefault((FuzzyIndex.bucket(words), person), []).append((words, entity_id))
    for items in buckets.values():
        for (a, ea), (b, eb) in combinations(items, 2):
            if ea != eb and a != b:
                different.append((a, b))
    return same, different


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gazetteer", type=Path, default=ROOT / "gazetteers")
    parser.add_argument("--precision", type=float, default=0.97,
                        help="share of accepted pairs that must name one entity")
    args = parser.parse_args()
    gazetteer = load_gazetteer_dir(args.gazetteer)
    same, different = labelled_pairs(gazetteer)
    s_scores = sorted(word_similarity(a, b) for a, b in same)
    d_scores = sorted(((word_similarity(a, b), a, b) for a, b in different), reverse=True)
    print(f"{len(gazetteer.entities)} entities: {len(same)} pairs naming one entity, "
          f"{len(different)} pairs naming two\n")
    print(f"{'threshold':>9} {'one entity accepted':>20} {'two entities accepted':>22}")
    chosen = zero = None
    for t in [x / 1000 for x in range(800, 1000, 5)]:
        tp = sum(x >= t for x in s_scores)
        fp = sum(x >= t for x, *_ in d_scores)
        print(f"{t:>9.3f} {tp:>11} ({100 * tp / max(1, len(same)):4.1f} %) {fp:>15}")
        if chosen is None and tp and tp / (tp + fp) >= args.precision:
            chosen = t
        if zero is None and fp == 0:
            zero = t
    print(f"\nlowest threshold whose accepted pairs name one entity in {100 * args.precision:.0f} % of cases: {chosen}")
    print(f"lowest threshold with no pair of two entities accepted: {zero}")
    print("closest pairs of two entities:")
    for score, a, b in d_scores[:8]:
        print(f"  {score:.3f}  {' '.join(a)!r} ~ {' '.join(b)!r}")


if __name__ == "__main__":
    main()
