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
- `variant_key` / `phrase_key`: the same name in another transliteration? (a word, a phrase of
  `normalise_alias` output; see below).
- `slug`: an identifier (`a-z0-9` and hyphens) for a document or an entity.
- `guess_language`: English or French (or another language), from function words.

The variant key (`variant_key`) folds the spelling differences that French, English and
scholarly transliterations of Arabic, Tamasheq and Fulfulde names make, and nothing else:
- the Arabic article and conjunctions as separate or hyphenated words (al-, el-, ul-, ad-, as-,
  wal-, wa-l-, bil-) and French elisions (l', d') are dropped; an article assimilated into the
  word ("Eddine", "Addine") loses its first two letters;
- apostrophes (hamza/ayn: Jama'at, Jama’a) and hyphens go;
- digraphs: dj -> j, tch -> ch, sh -> ch, kh -> k, gh -> g, th -> t, dh -> d, ph -> f, q -> k;
  French ou and o -> u, w -> u, y -> i (Sahraoui = Sahrawi, Ghaly = Ghali, Nosrat = Nusrat,
  Mourabitoun = Murabitun);
  mb -> m (Ambassagou = Amassagou);
- doubled letters collapse (Kouffa = Koufa, Jamaat = Jamat);
- endings: a final -at after three letters becomes -a (ta marbuta: Katibat = Katiba,
  Jama'at = Jama'a); French -gue -> -g (touarègue), a final silent e and a plural s go
  (Mourabitoune, peule, Touaregs), and a final h after a consonant (Peulh).
Both sides of a comparison are keyed alike, so a key only has to be consistent, not pretty.
Libraries looked at first (README, dependencies): `fingerprints` (entity fingerprints: case,
accents, company forms), `rigour`/`nomenklatura` (sanctions-list name normalisation and
matching, with the followthemoney stack), `jellyfish` (Soundex, Metaphone: English phonetic
codes), `anyascii`/`unidecode` (script transliteration, which `normalise_alias` already does for
Latin text); none folds a French-style against an English-style romanisation of an Arabic name
(ou/u, dj/j, the article's forms, ta marbuta), so this key is ours.
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


# ------------------------------------------------------------------ transliteration variants (issue 14)

# the Arabic article in its assimilated and unassimilated spellings, conjunctions and
# prepositions fused with it, and French elisions: words the key drops
PARTICLES = frozenset(
    "al el ul il ad ed ud an un ar er ur as es us at ut az ash wal wel wa wa'l wal' bil fil lil l d"
    .split()
)
# particles a match may start with (the article before a name: "al-Sahraoui", "el Ghali")
LEADING_PARTICLES = frozenset("al el ul ad ed ud an ar as at az ash".split())
_ASSIMILATED = re.compile(r"^[aeu]([dnrstz])\1(?=[aeiouy])")
_DIGRAPHS = (("tch", "ch"), ("dj", "j"), ("sh", "ch"), ("kh", "k"), ("gh", "g"), ("th", "t"),
             ("dh", "d"), ("ph", "f"), ("q", "k"), ("ou", "u"), ("o", "u"), ("w", "u"), ("y", "i"), ("mb", "m"))
_DOUBLES = re.compile(r"(.)\1+")
_CONSONANT_H = re.compile(r"(?<=[^aeiouh])h$")


@lru_cache(maxsize=1 << 18)
def variant_key(folded: str) -> str:
    """Matching key of one folded word ("" for a particle, a hyphen or an apostrophe)."""
    w = folded.replace("'", "").replace("-", "").replace(".", "")
    if not w or folded.rstrip("'") in PARTICLES or w in PARTICLES:
        return ""
    if not w.isalpha():
        return w
    if len(w) > 4:
        w = _ASSIMILATED.sub(r"\1", w)
    for a, b in _DIGRAPHS:
        if a in w:
            w = w.replace(a, b)
    w = _DOUBLES.sub(r"\1", w)
    if len(w) > 4 and w.endswith("s"):
        w = w[:-1]
    if w.endswith("gue"):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    if len(w) > 4 and w.endswith("at"):
        w = w[:-1]
    if len(w) > 3:
        w = _CONSONANT_H.sub("", w)
    return w


_ELISION = re.compile(r"^(?:[ldjmnst]|qu)'(?=.)")


@lru_cache(maxsize=1 << 18)
def phrase_key(folded: str) -> str:
    """Variant key of a folded phrase (`normalise_alias` output: hyphens are spaces), word by
    word ("al qa'ida au maghreb islamique" -> "kaida au magreb islamiku"); for whole names.
    Memoised like `normalise_alias`: a gazetteer's names are keyed again by every run."""
    keys = []
    for w in folded.split():
        if "'" in w:
            w = _ELISION.sub("", w)
        k = variant_key(w)
        if k:
            keys.append(k)
    return " ".join(keys)


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


# Frequent function words, each (almost) never a word of the other languages listed (but Spanish's
# "la" and "que", French's too: counted for both, they tell neither). English and
# French are the languages the models cover (`LANGUAGES`); the others are told only so that a
# passage or a document in one of them is not taken for English or French (a Portuguese report
# read as French for its "que"; parallel-text columns in two languages).
_STOPWORDS = {
    "en": frozenset(
        "the and of to is that for with was were are this from have has which their its be "
        "been by at an or not but they after who would will also into than".split()
    ),
    "fr": frozenset(
        "le la les des du et est dans que qui une pour par sur au aux avec ce cette sont ont "
        "pas ne il elle ils été leur leurs selon être comme mais".split()
    ),
    "de": frozenset("der die das und ist nicht den dem des sich mit auf für von zu ein eine einer wird "
                    "sind auch als oder aber wie nur bei aus nach noch über".split()),
    "es": frozenset("el los las del lo más pero fue muy hay sin ya cuando donde también había fueron sus "
                    "esto eso están ellos es al se para este esta estos estas puede pueden unos unas hasta la que "
                    "según tiene tienen otro otra otros otras porque sólo todos todas así usted".split()),
    "it": frozenset("il di che della delle degli gli per con non una sono nel nella alla anche come "
                    "più ma dei questo questa".split()),
    "pt": frozenset("não uma um os da dos das em com ao aos às são também seu sua seus suas isso muito "
                    "já ainda pelo pela pelos pelas foram está estão num numa nas você".split()),
    "nl": frozenset("het een van dat niet zijn met voor ook wordt aan bij werd door naar maar nog deze "
                    "worden heeft hebben wij".split()),
    "sv": frozenset("och att det som är på för av inte ett sig ska eller efter också från vid mot detta "
                    "dessa har kan så vi jag dig nej".split()),
    "cs": frozenset("je že jsou které který která také při jeho podle nebo jako pro jsem jsme byl bylo "
                    "byla mezi pouze není jejich tím".split()),
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
LANGUAGES = ("en", "fr")  # the languages the models cover, and `guess_language`'s default choice
KNOWN_LANGUAGES = tuple(_STOPWORDS)  # those it can tell with `among=KNOWN_LANGUAGES`


def _counts(text: str, among) -> dict[str, int]:
    counts = dict.fromkeys(among, 0)
    tables = [(lang, _STOPWORDS[lang]) for lang in among]
    for word in _WORD.findall(text.lower()):
        for lang, words in tables:
            if word in words:
                counts[lang] += 1
    return counts


def passage_language(text: str, *, min_hits: int = 3) -> str:
    """The language of a short passage by its function words ('' when undecided), among every
    language `_STOPWORDS` knows: meant only to compare passages."""
    return guess_language(text, min_hits=min_hits, among=KNOWN_LANGUAGES)


def other_language(a: str, b: str) -> bool:
    """Are two passages decidedly in two different languages (the end of one paragraph and the
    start of the next: a paragraph never runs on into its translation)?"""
    la, lb = passage_language(a[-300:]), passage_language(b[:300])
    return bool(la and lb and la != lb)


# scripts other than the Latin alphabet, by the language a document mostly written in one is
# taken to be in (code-point ranges of the Unicode blocks): its function words cannot tell it, and
# such a text was tagged English (a Japanese, Hindi, Greek document). Within a script, a few
# letters tell a language from the script's main one (Persian's "پ چ ژ گ", Ukrainian's "і ї є ґ").
_SCRIPTS = (
    ("ar", ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))),
    ("ru", ((0x0400, 0x04FF),)),
    ("el", ((0x0370, 0x03FF), (0x1F00, 0x1FFF))),
    ("he", ((0x0590, 0x05FF),)),
    ("hi", ((0x0900, 0x097F),)),
    ("th", ((0x0E00, 0x0E7F),)),
    ("ko", ((0x1100, 0x11FF), (0xAC00, 0xD7AF))),
    ("ja", ((0x3040, 0x30FF),)),  # kana
    ("zh", ((0x4E00, 0x9FFF), (0x3400, 0x4DBF))),  # Han: Chinese, or Japanese where kana are many
)
_WITHIN_SCRIPT = {"ar": ("fa", frozenset("پچژگ")), "ru": ("uk", frozenset("іїєґ"))}
SCRIPT_SHARE = 0.5  # the share of a text's letters in one script that makes it that script's


def script_language(text: str) -> str:
    """The language of a text (its first 20,000 characters) written mostly in a script other than
    the Latin alphabet ('' when its letters are mostly Latin): 'ar', 'fa', 'ru', 'uk', 'el', 'he',
    'hi', 'th', 'ko', 'ja', 'zh' (`_SCRIPTS`); Japanese is told from Chinese by its kana, which
    Japanese writes among the Han characters."""
    head = text[:20000]
    counts: dict[str, int] = {}
    letters = 0
    for ch in head:
        if not ch.isalpha():
            continue
        letters += 1
        if ch < "\u0370":
            continue
        code = ord(ch)
        for lang, ranges in _SCRIPTS:
            if any(lo <= code <= hi for lo, hi in ranges):
                counts[lang] = counts.get(lang, 0) + 1
                break
    if counts.get("zh") and counts.get("ja", 0) >= 0.1 * counts["zh"]:  # kana among Han: Japanese
        counts["ja"] += counts.pop("zh")
    best = max(counts, key=counts.get, default="")
    if not best or counts[best] < SCRIPT_SHARE * letters:
        return ""
    other, marks = _WITHIN_SCRIPT.get(best, ("", frozenset()))
    if other and sum(head.count(m) for m in marks) >= max(3, 0.01 * counts[best]):
        return other
    return best


def guess_language(text: str, *, min_hits: int = 5, among=LANGUAGES) -> str:
    """The language of a text (its first 20,000 characters) from its function words, among
    `among` ('en' or 'fr' by default; `KNOWN_LANGUAGES` for a document, which may be in neither:
    'pt', 'de', ...); '' when the text is too short or undecided (no language with `min_hits`
    function words and twice as many as the next)."""
    counts = _counts(text[:20000], among)
    best = max(counts, key=lambda lang: counts[lang])
    others = [n for lang, n in counts.items() if lang != best]
    if counts[best] < min_hits or counts[best] < 2 * max(others, default=0):
        return ""
    return best


def plural(k: int, word: str, many: str | None = None) -> str:
    """'1 document', '2 documents' (`many` for irregular plurals: plural(2, 'entity', 'entities'))."""
    return f"{k} {word if k == 1 else many or word + 's'}"
