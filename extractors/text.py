"""Text folding, slugs and language guessing: the one home of every comparison key.

Each key answers one question, and every module asks it here:

- `fold`: are two passages the same text? (typographic quotes, dashes, ellipses and spacing
  unified, case folded; accents kept). Pull quotes against body text, run-to-run comparisons.
- `normalise_alias`: are two names the same name? (`fold`'s unification, plus accents and
  hyphens away, apostrophes and quotes unified, ø ł æ ... transliterated). The gazetteer's and
  the linker's key.
- `acronym_key`: the same acronym? (case and letters kept, only hyphens and spacing unified).
- `loose_key`: the same title or author in two citations? (`normalise_alias` without
  apostrophes or punctuation).
- `slug`: an identifier (`a-z0-9` and hyphens) for a document or an entity.
- `guess_language`: English or French, from function words.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


_APOSTROPHES = "'\u2019\u2018\u201b\u02bc\u02bb\u02bd\u02be\u02bf`\u00b4\u2032\uff07"
_DOUBLE_QUOTES = '"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a\u2033\uff02'
_HYPHENS = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d"
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"

_PUNCT_TABLE = {ord(c): "'" for c in _APOSTROPHES}
_PUNCT_TABLE.update({ord(c): '"' for c in _DOUBLE_QUOTES})
_PUNCT_TABLE.update({ord(c): " " for c in _HYPHENS})
_PUNCT_TABLE.update({ord(c): None for c in _INVISIBLE})

# Letters that NFKD does not decompose into base letter + mark.
_LETTER_TABLE = str.maketrans(
    {
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "ħ": "h",
        "ı": "i",
        "ɓ": "b",
        "ɗ": "d",
        "ƴ": "y",
        "ŋ": "ng",
        "þ": "th",
        "æ": "ae",
        "œ": "oe",
    }
)

_WHITESPACE = re.compile(r"\s+")

_ACRONYM_TABLE = {ord(c): "-" for c in _HYPHENS}
_ACRONYM_TABLE.update({ord(c): None for c in _INVISIBLE})


def _fold_once(text: str) -> str:
    text = text.translate(_PUNCT_TABLE).casefold()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.translate(_LETTER_TABLE)
    return _WHITESPACE.sub(" ", text).strip()


@lru_cache(maxsize=1 << 17)
def normalise_alias(text: str) -> str:
    """The lookup key of an alias, name, former name or short form.

    Case-folded; diacritics stripped (NFKD, combining marks dropped, plus
    ø ł đ æ œ ɓ ɗ ... transliterated); every apostrophe-like character becomes
    ``'`` and every double quote ``"``; hyphens and dashes count as spaces (so
    "Ansar al-Din" = "Ansar al Din" = "ANSAR AL‑DIN"); soft hyphens and
    zero-width characters vanish; runs of whitespace become one space; the
    result is stripped. Idempotent. Memoised: loading a gazetteer and linking ask for the same
    strings many times.
    """
    folded = _fold_once(text)
    for _ in range(3):  # a further pass only changes exotic input
        again = _fold_once(folded)
        if again == folded:
            break
        folded = again
    return folded


def acronym_key(text: str) -> str:
    """The lookup key of an acronym: case and letters kept as written, only
    Unicode composition (NFC), hyphen variants (to ``-``) and whitespace unified."""
    text = unicodedata.normalize("NFC", text).translate(_ACRONYM_TABLE)
    return _WHITESPACE.sub(" ", text).strip()




def loose_key(text: str) -> str:
    """Comparison form of titles and names in citations: no accents, straight quotes, lower case,
    apostrophes dropped, punctuation as spaces."""
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = _PUNCT.sub(" ", s.casefold().replace("’", "'").replace("'", ""))
    return _WHITESPACE.sub(" ", s).strip()


_PUNCT = re.compile(r"[^\w\s]")
_TYPOGRAPHY = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"',
                             "–": "-", "—": "-"})


def fold(text: str) -> str:
    """Comparison key of a passage: typographic quotes, dashes, ellipses and spacing unified, case folded."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("--", "–").translate(_TYPOGRAPHY).replace("...", "…")
    return _WHITESPACE.sub(" ", text).strip().casefold()


def slug(text: str) -> str:
    """Readable identifier: ASCII letters and digits joined by single hyphens ("document" if none)."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "document"


# Frequent function words that are (almost) never words of the other language.
_STOPWORDS = {
    "en": frozenset(
        "the and of to is that for with was were are this from have has which their its be "
        "been by at an or not but they after who would will also into than".split()
    ),
    "fr": frozenset(
        "le la les des du et est dans que qui une pour par sur au aux avec ce cette sont ont "
        "pas ne il elle ils été leur leurs selon être comme mais".split()
    ),
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
LANGUAGES = frozenset(_STOPWORDS)  # the languages `guess_language` can tell


def guess_language(text: str, *, min_hits: int = 5) -> str:
    """'en' or 'fr' from stopword counts, '' when the text is too short or undecided."""
    counts = {lang: 0 for lang in _STOPWORDS}
    for word in _WORD.findall(text[:20000].lower()):
        for lang, words in _STOPWORDS.items():
            if word in words:
                counts[lang] += 1
    best = max(counts, key=lambda lang: counts[lang])
    others = [n for lang, n in counts.items() if lang != best]
    if counts[best] < min_hits or counts[best] < 2 * max(others, default=0):
        return ""
    return best
