"""Fuzzy merge suggestions: the gazetteer key that `fuzz.WRatio` scores best against a name,
found without scoring every key of a large gazetteer.

A suggestion is the first key, in sorted order, with the best `fuzz.WRatio` >= the threshold:
what `process.extractOne` over every gazetteer key returns. Scoring every key costs O(names x
keys) (~20 ms a name with 38k keys), so `plausible_keys` first drops the keys that provably
score below the threshold, from lengths, shared characters and, for a short string against a
much longer one, substring containment, and `extractOne` scores the rest in the same order: the
same key and score as the full scan, not an approximation (`wratio_bounds` has the proof,
tests/test_recognition.py pins it), as long as the threshold is above 85.5; at or below it every
key is scored.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process


@dataclass(frozen=True)
class WRatioBounds:
    """What `fuzz.WRatio(a, b) >= cutoff` implies; s = the shorter length, C = the characters
    a and b share, counted with multiplicity."""

    close: float  # length ratio <= 1.5: C >= close x the shorter length of the de-duplicated words
    far: float  # length ratio 1.5 to 8: C >= far x s (and never beyond 8)
    substring_below: float  # length ratio 1.5 to 8 and s below this: the shorter is in the longer


def wratio_bounds(cutoff: float) -> WRatioBounds | None:
    """Bounds for a cutoff above 85.5; None at or below (no bound is proven there).

    Why (rapidfuzz 3 WRatio, no processor; t = cutoff / 100; a' = the distinct words of a joined
    by spaces, as token_set_ratio builds them; C' = the characters a' and b' share <= C; an LCS or
    an alignment never exceeds the shared characters):
    - ratio = 2 LCS / (len a + len b) >= t needs C >= t s.
    - length ratio < 1.5: otherwise token_ratio >= u = t / 0.95. Token sort compares the sorted
      words (the same characters): C >= u s. Token set: with no shared word it compares a' and
      b': C' >= u min(len a', len b'). With a shared word, one side's words among the other's
      gives 100 and C' = min(len a', len b'); otherwise its three ratios are
      (2S + 2 + 2L) / (len a' + len b') (S the joined shared words, L the LCS of the rest,
      S + 1 + L <= C') and 2S / (2S + 1 + D) for each side (len a' = S + 1 + D), the latter
      needing C' > S >= u / (2 - u) len a'. So close = min(t, u / (2 - u)) (0.863 for 88).
    - 1.5 to 8: ratio <= 2 / 2.5 < t and partial_token_ratio x 0.855 < t, so
      partial_ratio >= p = t / 0.9: the shorter string against a window of the longer no longer
      than itself, 2 LCS / (s + w) >= p with LCS <= w <= s: C >= LCS >= p / (2 - p) s = far
      (0.957 for 88); and unless LCS = w = s (the window is the shorter string),
      2 (s - 1) / (2s - 1) >= p, i.e. s >= (2 - p) / (2 - 2p) (23 for 88).
    - beyond 8: ratio <= 2/9, partial ratios x 0.6 <= 0.6 < t.
    Each bound gives up 1e-6 so that float rounding can only keep a key, never drop one.
    """
    t = cutoff / 100
    if t <= 0.95 * 0.9:
        return None
    u, p = t / 0.95, t / 0.9
    substring_below = (2 - p) / (2 - 2 * p) - 1e-6 if p < 1 else float("inf")
    return WRatioBounds(min(t, u / (2 - u)) - 1e-6, p / (2 - p) - 1e-6, substring_below)


@dataclass(frozen=True)
class FuzzyIndex:
    """Gazetteer keys with their lengths and character counts, built once per run."""

    keys: tuple[str, ...]  # in the order a full scan visits them
    lengths: np.ndarray  # len(key)
    word_lengths: np.ndarray  # len(distinct_words(key))
    columns: Mapping[str, int]  # character -> its row in `counts`
    counts: np.ndarray  # [character row, key] -> occurrences of the character in the key
    unbounded: np.ndarray  # positions of the keys that are not single-spaced: no bound, always scored


def fuzzy_index(keys: Sequence[str]) -> FuzzyIndex:
    keys = tuple(keys)
    lengths = np.fromiter(map(len, keys), dtype=np.int64, count=len(keys))
    unbounded = np.flatnonzero([not single_spaced(k) for k in keys])
    word_lengths = lengths.copy()  # differs only where a word repeats
    for i in [i for i, k in enumerate(keys) if repeats_a_word(k)]:
        word_lengths[i] = len(distinct_words(keys[i]))
    alphabet, counts = character_counts(keys, lengths)
    return FuzzyIndex(keys, lengths, word_lengths, {c: i for i, c in enumerate(alphabet)}, counts, unbounded)


def character_counts(keys: Sequence[str], lengths: np.ndarray) -> tuple[list[str], np.ndarray]:
    """The characters of the keys, and how often each occurs in each key ([character, key])."""
    joined = "".join(keys)
    alphabet = sorted(set(joined))
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    rows = np.searchsorted(np.array([ord(c) for c in alphabet], dtype=np.uint32), codes)
    key_of_char = np.repeat(np.arange(len(keys)), lengths)
    counts = np.bincount(rows * len(keys) + key_of_char, minlength=len(alphabet) * len(keys))
    counts = counts.reshape(len(alphabet), len(keys))
    return alphabet, counts.astype(np.min_scalar_type(int(counts.max(initial=0))))


def single_spaced(text: str) -> bool:
    """Words separated by single spaces (as normalised keys are): what `wratio_bounds` assumes.
    (rapidfuzz splits words at the characters `str.split` splits at.)"""
    return " ".join(text.split()) == text


def repeats_a_word(text: str) -> bool:
    words = text.split()
    return len(set(words)) < len(words)


def distinct_words(text: str) -> str:
    """The words of `text` without repeats, in order, joined by spaces."""
    return " ".join(dict.fromkeys(text.split()))


def plausible_keys(index: FuzzyIndex, query: str, bounds: WRatioBounds) -> list[str]:
    """The keys a single-spaced `query` may score >= the cutoff against (`wratio_bounds`), in
    index order: every key that does, and usually few others."""
    shared = shared_characters(index, query)
    # the loosest bound first (close <= far, and de-duplicated lengths are the shorter ones) ...
    rough = np.flatnonzero(shared >= bounds.close * np.minimum(index.word_lengths, len(distinct_words(query))))
    # ... then the bound that goes with each key's length ratio
    kept = rough[meets_bounds(index, rough, shared[rough], query, bounds)]
    return [index.keys[i] for i in np.union1d(kept, index.unbounded).tolist()]


def shared_characters(index: FuzzyIndex, query: str) -> np.ndarray:
    """For each key, the characters it shares with `query`, counted with multiplicity."""
    shared = np.zeros(len(index.keys), dtype=np.int32)
    most = int(np.iinfo(index.counts.dtype).max)  # no count is larger: min(count, n) unchanged
    for char, n in Counter(query).items():
        row = index.columns.get(char)
        if row is not None:
            shared += np.minimum(index.counts[row], min(n, most))
    return shared


def meets_bounds(index: FuzzyIndex, at: np.ndarray, shared: np.ndarray, query: str,
                 bounds: WRatioBounds) -> np.ndarray:
    """Which of the keys at positions `at` (sharing `shared` characters with `query`) meet the
    bound of their length ratio to `query`."""
    lengths, keys = index.lengths[at], index.keys
    shorter = np.minimum(lengths, len(query))
    longer = np.maximum(lengths, len(query))
    close = 2 * longer <= 3 * shorter  # a ratio of exactly 1.5 gets the looser bound
    far = ~close & (longer <= 8 * shorter)
    needed = np.where(close, bounds.close * np.minimum(index.word_lengths[at], len(distinct_words(query))),
                      bounds.far * shorter)
    ok = (close | far) & (shared >= needed)
    must_contain = ok & far & (shorter < bounds.substring_below)  # the shorter inside the longer
    query_inside = np.flatnonzero(must_contain & (lengths > len(query)))
    ok[query_inside] = [query in keys[i] for i in at[query_inside].tolist()]
    key_inside = np.flatnonzero(must_contain & (lengths < len(query)))
    ok[key_inside] = [keys[i] in query for i in at[key_inside].tolist()]
    return ok


def best_fuzzy_match(index: FuzzyIndex, query: str, cutoff: float) -> tuple[str, float] | None:
    """(key, score) of what `process.extractOne(query, index.keys, scorer=fuzz.WRatio,
    score_cutoff=cutoff)` finds, scoring only the plausible keys; None when no key reaches it."""
    bounds = wratio_bounds(cutoff)
    keys = plausible_keys(index, query, bounds) if bounds and single_spaced(query) else index.keys
    best = process.extractOne(query, keys, scorer=fuzz.WRatio, score_cutoff=cutoff)
    return (best[0], best[1]) if best else None