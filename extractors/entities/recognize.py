"""Recognition and alias linking: gazetteer rules + statistical NER, one entity per name.

Order of trust when linking a name to an entity:
  1. gazetteer   name, alias or acronym of a curated entity (OCR look-alike l/I: score 0.9)
  2. review      a reviewer's decision (`gazetteers/review.csv`)
  3. acronym     an acronym defined in the corpus itself ("... (French acronym GATIA)")
  4. alias       a short form ("Kouffa", "ag Gamou", "Keïta") linked to the one entity of
                 the document that carries it; several candidates in the document -> unlinked
  5. ner         a name the statistical model found that nothing above knows (a candidate)
  -  suggestions graded suggestions for candidates.csv come from `candidates`, never merge.

Finding matches is separate from writing them: `find_matches` walks tokens through an alias
trie, `resolve_overlaps` is a small pure rule, and only `recognize_corpus` builds mentions.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS as EN_STOP_WORDS
from spacy.lang.fr.stop_words import STOP_WORDS as FR_STOP_WORDS
from spacy.language import Language
from spacy.tokenizer import Tokenizer

from extractors.entities.abbreviations import find_abbreviations
from extractors.entities.gazetteer import Gazetteer, acronym_key, normalise_alias
from extractors.entities.names import (
    FuzzyIndex,
    admin_extension,
    ethnonym_names_group,
    father_words,
    fits_name,
    name_words,
    partial_owner,
    person_name,
)
from extractors.ingest.analysis import NER_TYPES, analyse
from extractors.model import Analysis, GazetteerEntity, Mention, Sentence
from extractors.text import LEADING_PARTICLES, phrase_key, slug, variant_key

HONORIFICS = re.compile(
    r"^(?:(?:former|late|then|current|interim|acting|l['’])\s*)*"
    r"(?:president|prime minister|minister|(?:brigadier |major |lieutenant[- ])?general|gen\.|"
    r"(?:lieutenant[- ]|lt\.? ?|lieut\.? ?)?colonel|(?:lt\.? ?|lieut\.? ?)?col\.|commander|captain|capt\.|"
    r"lieutenant|lt\.|lieut\.|major|maj\.|"
    r"imam|sheikh|cheikh|shaykh|mr\.?|mrs\.?|ms\.?|dr\.?|professor|prof\.|king|emir|amir|chief|"
    r"deputy|ambassador|governor|mayor|senator|sergeant|"
    r"général(?: de (?:brigade|division|corps d['’]armée|armée))?|président|premier ministre|"
    r"ministre|colonel-major|lieutenant-colonel|capitaine|commandant|m\.|mme)\s+",
    re.I,
)
# the offices and ranks `title_length` takes off a listed name; not the religious and noble titles
# (cheikh, imam, emir...) of HONORIFICS, which are also first names ("Cheikh ag Aoussa")
TITLES = re.compile(
    r"^(?:(?:former|late|then|current|interim|acting)\s+)*"
    r"(?:president|prime minister|minister|(?:brigadier |major |lieutenant[- ])?general|gen\.|"
    r"(?:lieutenant[- ]|lt\.? ?|lieut\.? ?)?colonel|(?:lt\.? ?|lieut\.? ?)?col\.|commander|captain|capt\.|"
    r"lieutenant|lt\.|lieut\.|major|maj\.|mr\.?|mrs\.?|ms\.?|dr\.?|professor|prof\.|"
    r"ambassador|governor|mayor|senator|sergeant|"
    r"général(?: de (?:brigade|division|corps d['’]armée|armée))?|président|premier ministre|"
    r"ministre|colonel-major|lieutenant-colonel|capitaine|commandant|m\.|mme)\s+",
    re.I,
)
POSSESSIVE = re.compile(r"\s*(?:['’]s|['’])$")
LEADING_ARTICLE = re.compile(r"^(?:the|les?|la|l['’])\s*", re.I)
NAME_PARTICLES = {"ag", "ould", "ben", "bin", "ibn", "abu", "al", "el", "ould", "ag."}
NOT_NAMES = frozenset(
    "malian malians french jihadist jihadists jihadism islamist islamists tuareg-led western "
    "northern southern central government state army militia militias rebels rebel accord "
    "bamako-based ex-jihadists".split()
)


@dataclass(frozen=True)
class RecognizerSettings:
    fuzzy_threshold: float = 88.0  # rapidfuzz WRatio needed to *suggest* a merge
    ocr_score: float = 0.9  # score of a match that needed an l/I look-alike swap
    short_form_score: float = 0.95
    ner_score: float = 0.7
    max_alias_tokens: int = 16
    variant_score: float = 0.9  # a name matched through its transliteration variant key
    partial_score: float = 0.9  # part of a person's name linked to the one person it fits
    # fuzzy linking of the model's unknown names: Jaro-Winkler of the variant keys, word by word
    # (names.FuzzyIndex); calibrated by bench/calibrate_names.py on labelled pairs
    fuzzy_link_threshold: float = 0.94
    fuzzy_link_margin: float = 0.02
    # languages whose documents keep the statistical model's names: a document in another language
    # (German, Spanish... read with the English model, which takes its capitalised nouns for people
    # and places: "Sanktionen", "Die Wirtschaft des Landes") gets its names from the gazetteer, the
    # review and the acronyms it defines, and is named in the summary
    ner_languages: frozenset[str] = frozenset({"en", "fr"})


@dataclass(frozen=True)
class Match:
    start: int  # token offsets, end exclusive
    end: int
    entity_ids: tuple[str, ...]
    method: str  # gazetteer | review | acronym | variant | alias (short form) | ner
    score: float = 1.0
    label: str = ""  # NER label or type for unknown names
    name_tokens: frozenset[int] = frozenset()  # NER: the positions of its words that look like names
    default: str = ""  # a shared form: the entity it names when the document's context names none


@dataclass(frozen=True)
class Candidate:
    candidate_id: str
    surface: str
    type: str
    count: int
    documents: tuple[str, ...]
    suggested_entity_id: str
    score: float | None
    example_sentence_id: str
    example: str
    reason: str  # unknown name | ambiguous short form: id | id ...
    spans: tuple[tuple[str, int, int, str], ...] = ()  # (sentence id, start, end, text) of every occurrence
    short_form_ids: tuple[str, ...] = ()  # the entities an ambiguous short form may name
    entity_id: str = ""  # the unreviewed id its mentions carry (x-...); empty for a short form


@dataclass(frozen=True)
class EntityRow:
    entity_id: str
    name: str
    type: str
    in_gazetteer: bool
    mentions: int
    documents: tuple[str, ...]
    surface_forms: tuple[str, ...]
    status: str = "unreviewed"  # gazetteer | decision (accepted in review) | unreviewed
    lat: float | None = None  # the gazetteer's point for a place (decimal degrees)
    lon: float | None = None


@dataclass(frozen=True)
class Recognition:
    mentions: tuple[Mention, ...]
    entities: tuple[EntityRow, ...]
    candidates: tuple[Candidate, ...]
    learned_acronyms: tuple[tuple[str, str, str], ...]  # (acronym, long form, entity id)
    without_model: tuple[tuple[str, str], ...] = ()  # (doc_id, language) read without the model's names


# ------------------------------------------------------------------ alias trie

END = "\x00"


@lru_cache(maxsize=1 << 18)
def variant_token(text: str) -> str:
    """The transliteration-aware key of one token (names.variant_key; "" for a particle)."""
    return variant_key(normalise_alias(text))


def ocr_variant(key: str) -> str:
    """l/I look-alike: "lfoghas" for "ifoghas", "lyad" for "iyad" (l before a consonant or y)."""
    if len(key) > 2 and key[0] == "l" and key[1] not in "aeiou'":
        return "i" + key[1:]
    return key


@dataclass
class AliasTrie:
    """Token-sequence trie; each terminal holds the entity ids the sequence names."""

    root: dict = field(default_factory=dict)
    case_sensitive: bool = False
    variant: bool = False  # keyed by names.variant_key of the folded token
    # the keys a walk over the corpus can ask for (`corpus_vocabulary`); a sequence with any other
    # key could never match and is not stored. None: store every sequence.
    vocabulary: frozenset[str] | None = None

    def key(self, token: str) -> str:
        return acronym_key(token) if self.case_sensitive else variant_token(token) if self.variant else normalise_alias(token)

    def add(self, tokens: Sequence[str], entity_id: str) -> None:
        # `key`, without a method call per token
        fold = acronym_key if self.case_sensitive else variant_token if self.variant else normalise_alias
        keys = [k for k in map(fold, tokens) if k]
        if not keys or (self.vocabulary is not None and not self.vocabulary.issuperset(keys)):
            return
        node = self.root
        for k in keys:
            child = node.get(k)
            if child is None:
                child = node[k] = {}
            node = child
        ids = node.get(END, ())
        if entity_id not in ids:
            node[END] = tuple(sorted(ids + (entity_id,)))

    def longest(self, keys: Sequence[str], start: int, ocr: bool = False) -> tuple[int, tuple[str, ...], bool]:
        """Longest match starting at `start`: (end, ids, used_ocr). Empty keys are skipped."""
        node = self.root
        best = (start, (), False)
        used = False
        i = start
        while i < len(keys):
            k = keys[i]
            if not k:
                if i == start:
                    break
                i += 1
                continue
            nxt = node.get(k)
            if nxt is None and ocr:
                alt = ocr_variant(k)
                if alt != k:
                    nxt = node.get(alt)
                    used = used or nxt is not None
            if nxt is None:
                break
            node = nxt
            i += 1
            if END in node:
                best = (i, node[END], used)
        return best


def tokenize(tokenizer: Callable[[str], Iterable], text: str) -> list[str]:
    return [t.text for t in tokenizer(text)]


@dataclass
class AliasTokenizer:
    """`tokenize` for gazetteer strings, cheaper for many: a string of pieces joined by single
    spaces is tokenized piece by piece, each distinct piece once ("(Tendance", "l'Azawad",
    "Dr." recur across thousands of names), when `words_tokenize_apart` says that gives the same
    tokens; a string with other whitespace is tokenized whole. (A Doc per alias was most of the
    cost of the tries with a 50,000-alias gazetteer; pieces with punctuation were still a Doc
    each per string until they were memoised too.) One per index build."""

    tokenizer: Callable[[str], Iterable]
    by_word: bool
    words: dict[str, tuple[str, ...]] = field(default_factory=dict)  # memo

    @classmethod
    def for_(cls, tokenizer) -> AliasTokenizer:
        return cls(tokenizer, words_tokenize_apart(tokenizer))

    def __call__(self, text: str) -> Sequence[str]:
        words = text.split(" ")
        if not (self.by_word and all(words) and (len(words) == 1 or not _OTHER_SPACE.search(text))):
            return tokenize(self.tokenizer, text)
        if len(words) == 1:
            return self.word(text)
        return [t for w in words for t in self.word(w)]

    def word(self, word: str) -> tuple[str, ...]:
        tokens = self.words.get(word)
        if tokens is None:
            tokens = self.words[word] = tuple(tokenize(self.tokenizer, word))
        return tokens


_OTHER_SPACE = re.compile(r"[^\S ]")  # whitespace other than a plain space


def words_tokenize_apart(tokenizer) -> bool:
    """Does spaCy's tokenizer give a text of words of letters and digits, joined by single spaces,
    the tokens of its words one by one? It tokenizes each space-separated piece alone; the only
    step that looks across pieces is the special-case matcher. A match across a space changes
    nothing unless the rule contains a space (in spaCy's languages only whitespace-only rules do),
    and between such words it needs a pattern of several letter-and-digit tokens: a rule of letters
    and digits that a prefix, suffix or infix rule splits (none in spaCy's languages). Pieces with
    punctuation ("l'Azawad", "(Tendance") are tokenized alone as well: spaCy applies a special
    case only where the matched span's text, spaces included, is a rule (`_prepare_special_spans`),
    and with no spaced rule the tokens are those of the whole string (checked on every string of
    the gazetteer and of bench/generate.py's 50,000-alias one, English and French; the test:
    tests/test_recognition.py). Other tokenizers: no."""
    if not isinstance(tokenizer, Tokenizer):
        return False
    rules = tokenizer.rules
    spaced = any(" " in r and not r.isspace() for r in rules)
    split_words = any(r.isalnum() and (tokenizer.find_prefix(r) or tokenizer.find_suffix(r)
                                       or tokenizer.find_infix(r)) for r in rules)
    return not spaced and not split_words


@dataclass(frozen=True)
class Vocabulary:
    """What the tokens of a corpus can ask an `AliasTrie` for: folded keys and their l/I
    look-alikes (`longest` with ocr), and exact keys (acronyms)."""

    folded: frozenset[str]
    exact: frozenset[str]
    variants: frozenset[str] = frozenset()


def corpus_vocabulary(analyses: Iterable[Analysis]) -> Vocabulary:
    """The keys the tokens of these sentences can ask for: a gazetteer name with any other key
    can never match them, so the tries of a run leave it out (most of a large gazetteer)."""
    tokens = {t for a in analyses for t in a.tokens}
    folded = {normalise_alias(t) for t in tokens}
    return Vocabulary(frozenset(folded | {ocr_variant(k) for k in folded}), frozenset(map(acronym_key, tokens)),
                      frozenset(map(variant_token, tokens)))


@dataclass
class AliasIndex:
    aliases: AliasTrie  # names, aliases, former names (folded)
    acronyms: AliasTrie  # acronyms (case-sensitive)
    short_forms: AliasTrie  # context-gated
    method: dict[str, str] = field(default_factory=dict)  # entity id -> method for alias hits
    variants: AliasTrie = field(default_factory=lambda: AliasTrie(variant=True))  # names by variant key
    short_variants: AliasTrie = field(default_factory=lambda: AliasTrie(variant=True))  # short forms by variant key
    ethnic: set[str] = field(default_factory=set)  # ids of ethnic groups (French lower-case rule)
    # one-word acronyms by their lower case, for the title-case spelling ("Minusma", "Aqmi", "Fama")
    title_acronyms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # names that the gazetteer itself writes all in lower case ("armée malienne", "chasseurs dozos",
    # "gouvernement malien", and one-word names of militias named after a social category that
    # writers put in lower case: "koglweogo", "dozos"): so written in a text, they are those names
    # (one holding a capitalised name, "force Barkhane", is found by that name: "Barkhane")
    lower_names: set[tuple[str, ...]] = field(default_factory=set)
    # names of three words or more capitalised as French writes an institution's name, its first
    # word only ("Forces armées maliennes", "Haut conseil islamique"): a French text may write them
    # all in lower case ("les forces armées maliennes")
    first_capital_names: set[tuple[str, ...]] = field(default_factory=set)
    language: str = "en"


def build_index(entities: Iterable[GazetteerEntity], tokenizer, method: str = "gazetteer",
                vocabulary: Vocabulary | None = None) -> AliasIndex:
    """The tries of the entities' names; with a corpus vocabulary, only what can match there."""
    folded, exact, variants = (vocabulary.folded, vocabulary.exact, vocabulary.variants) if vocabulary else (None, None, None)
    index = AliasIndex(AliasTrie(vocabulary=folded), AliasTrie(case_sensitive=True, vocabulary=exact),
                       AliasTrie(vocabulary=folded), variants=AliasTrie(variant=True, vocabulary=variants),
                       short_variants=AliasTrie(variant=True, vocabulary=variants))
    add_entities(index, entities, tokenizer, method)
    return index


def add_entities(index: AliasIndex, entities: Iterable[GazetteerEntity], tokenizer, method: str) -> None:
    tokens = AliasTokenizer.for_(tokenizer)
    for e in entities:
        for text in (e.name, *e.aliases, *e.former_names):
            words = tokens(text)
            index.aliases.add(words, e.id)
            index.variants.add(words, e.id)
            bare = without_article(words)
            if bare is not words:  # "the Masked Brigade", "les Signataires par le sang"
                index.aliases.add(bare, e.id)
                index.variants.add(bare, e.id)
            if not any(w[:1].isupper() for w in bare):
                index.lower_names.add(folded_key(bare))
            elif first_capital_only(bare):
                index.first_capital_names.add(folded_key(bare))
        for text in e.acronyms:
            index.acronyms.add(tokens(text), e.id)
            if len(text) >= 3 and text.isalpha() and text[1:] != text[1:].lower():
                key = text.casefold()
                if e.id not in index.title_acronyms.get(key, ()):
                    index.title_acronyms[key] = index.title_acronyms.get(key, ()) + (e.id,)
        for text in e.short_forms:
            index.short_forms.add(tokens(text), e.id)
            index.short_variants.add(tokens(text), e.id)
        index.method.setdefault(e.id, method)
        if e.type == "ETHNIC_GROUP":
            index.ethnic.add(e.id)


ARTICLES = frozenset("the les le la l' l’".split())


def without_article(words: Sequence[str]) -> Sequence[str]:
    """A name's words without a leading article, so that the name matches with another article
    or none ("The Masked Brigade" in "a Masked Brigade commander"); the words themselves when
    there is none."""
    if len(words) > 1 and words[0].casefold() in ARTICLES:
        return words[1:]
    return words


# ------------------------------------------------------------------ finding matches


def find_matches(tokens: Sequence[str], index: AliasIndex, settings: RecognizerSettings) -> list[Match]:
    """Every gazetteer-style match (aliases, acronyms, short forms) at every token position."""
    folded = [normalise_alias(t) for t in tokens]
    exact = [acronym_key(t) for t in tokens]
    variants = [variant_token(t) for t in tokens]
    matches: list[Match] = []
    for i in range(len(tokens)):
        end, ids, used_ocr = index.aliases.longest(folded, i, ocr=True)
        if ids and (is_name_like(tokens[i]) or used_ocr or ocr_variant(folded[i]) != folded[i]
                    or lower_case_accepted(tokens, folded, i, end, ids, index)):
            method = index.method.get(ids[0], "gazetteer")
            matches.append(Match(i, end, ids, method, settings.ocr_score if used_ocr else 1.0))
        end, ids, _ = index.acronyms.longest(exact, i)
        if ids:
            shared = shared_acronym(index, folded, i, end, ids, settings)
            matches.append(shared or Match(i, end, ids, index.method.get(ids[0], "gazetteer"), 1.0))
        elif index.title_acronyms and title_case_acronym(tokens[i], index.language):
            ids = index.title_acronyms.get(tokens[i].casefold(), ())
            if len(ids) == 1:
                matches.append(Match(i, i + 1, ids, "variant", settings.variant_score))
        end, ids, _ = index.short_forms.longest(folded, i, ocr=True)
        if ids and is_name_like(tokens[i]):
            matches.append(Match(i, end, ids, "alias", settings.short_form_score))
        matches.extend(variant_matches(tokens, folded, variants, i, index, settings))
    return matches


def shared_acronym(index: AliasIndex, folded, i: int, end: int, ids, settings) -> Match | None:
    """An acronym another entity carries as a short form (CNSP: Mali's 2020 junta, and Niger's of
    2023): linked by the document's context like a short form, to the acronym's own entity when
    the document names neither in full. None when no other entity shares it."""
    short_end, short_ids, _ = index.short_forms.longest(folded, i)
    others = tuple(e for e in short_ids if e not in ids) if short_end == end else ()
    if not others:
        return None
    return Match(i, end, tuple(ids) + others, "alias", settings.short_form_score, default=ids[0])


def variant_matches(tokens, folded, variants, i: int, index: AliasIndex, settings) -> list[Match]:
    """Matches through the transliteration variant key at token i ("Jamaat Nosrat al-Islam
    wal-Mouslimin", "al Sahrawi", "Katibat Macina", "touarègue"). A match may start with the
    Arabic article ("al-Sahraoui"). One entity: method `variant`; several: a short form that
    context decides."""
    start = i
    if not variants[i]:
        # the article written apart ("al Sahrawi") or hyphenated ("as-Sahraoui"); "as", "an",
        # "at" apart are English words
        if folded[i] not in LEADING_PARTICLES or not (
                folded[i] in ("al", "el", "ul") or (i + 1 < len(tokens) and not folded[i + 1])):
            return []
        i += 1
        while i < len(tokens) and not variants[i] and not folded[i]:
            i += 1  # the hyphen of "al-"
        if i >= len(tokens) or not variants[i]:
            return []
    out = []
    end, ids, _ = index.variants.longest(variants, i)
    if ids and (is_name_like(tokens[i]) or lower_case_accepted(tokens, folded, start, end, ids, index)):
        if len(ids) == 1:
            out.append(Match(start, end, ids, "variant", settings.variant_score))
        else:
            out.append(Match(start, end, ids, "alias", settings.variant_score))
    end, ids, _ = index.short_variants.longest(variants, i)
    if ids and is_name_like(tokens[i]):
        out.append(Match(start, end, ids, "alias", round(settings.short_form_score - 0.05, 3)))
    return out


# words a title-case acronym must not be (sentence-initial "Car", "Est", "Une"...)
_STOP_WORDS = {"en": frozenset(EN_STOP_WORDS), "fr": frozenset(FR_STOP_WORDS)}


def title_case_acronym(token: str, language: str) -> bool:
    """Could this word be an acronym written in title case, as French and British press write
    the acronyms they pronounce as words ("Minusma", "Aqmi", "Onu", "Fama")? Title case, three
    letters or more (four in English, whose press writes most acronyms in capitals), not a
    common word of the language."""
    if not (token[:1].isupper() and token[1:].islower() and token.isalpha()):
        return False
    if len(token) < (3 if language == "fr" else 4):
        return False
    return token.casefold() not in _STOP_WORDS.get(language, frozenset())


def first_capital_only(words: Sequence[str]) -> bool:
    """Three words or more, the first one alone capitalised ("Forces armées maliennes")."""
    letters = [w for w in words if w[:1].isalpha()]
    return len(letters) >= 3 and letters[0][:1].isupper() and all(w[:1].islower() for w in letters[1:])


def folded_key(words: Sequence[str]) -> tuple[str, ...]:
    """A name's words as the alias trie keys them (`normalise_alias`, punctuation left out)."""
    return tuple(k for k in map(normalise_alias, words) if k)


def lower_case_accepted(tokens, folded, start: int, end: int, ids, index: AliasIndex) -> bool:
    """A match whose first word is in lower case: a French ethnonym that names the group
    ("les peuls", "la rébellion touarègue", names.ethnonym_names_group), a name the gazetteer
    writes in lower case itself ("armée malienne", `AliasIndex.lower_names`), in a French text a
    name whose first word alone it capitalises ("les forces armées maliennes",
    `AliasIndex.first_capital_names`), a name of four words or more, or a generic head before a
    capital ("katiba Macina", "nord du Mali")."""
    if index.language == "fr" and all(i in index.ethnic for i in ids):
        return ethnonym_names_group(folded, start, end)
    key = tuple(k for k in folded[start:end] if k)
    if key in index.lower_names or (index.language == "fr" and key in index.first_capital_names):
        return True
    if end - start >= 4:  # "groupe de soutien à l'islam et aux musulmans"
        return True
    return folded[start] in LOWER_CASE_HEADS and any(t[:1].isupper() for t in tokens[start + 1:end])


# generic heads of group names that writers often put in lower case ("katiba Macina")
LOWER_CASE_HEADS = frozenset(
    "katiba katibat "  # group names ("opération Barkhane", "la force Barkhane": the name is Barkhane)
    "northern southern eastern western central nord sud est ouest centre "  # "northern Mali", "nord du Mali"
    "falaise falaises plateau massif lac fleuve foret vallee delta mont monts".split()  # "falaises de Bandiagara"
)


def is_name_like(token: str) -> bool:
    """A gazetteer name starts with a capital or a name particle ("ag Ghali", "al-Din")."""
    return token[:1].isupper() or token.lower() in NAME_PARTICLES or token[:1].isdigit()


TIER = {"gazetteer": 0, "review": 0, "acronym": 0, "variant": 0, "ner": 1, "alias": 2}
PRIORITY = {"gazetteer": 0, "review": 0, "acronym": 1, "variant": 2, "ner": 3, "alias": 4}


def covered_by_short_forms(m: Match, shorts: Sequence[Match]) -> bool:
    """Is the model's name inside a short form, or made of short forms and words that are no
    names ("Ag Ghaly et Koufa", "Koufa n'")? Then the short forms stand, not the model's span."""
    inside = [a for a in shorts if m.start <= a.start and a.end <= m.end]
    if any(a.start <= m.start and m.end <= a.end for a in shorts):
        return True
    if not inside:
        return False
    covered = {t for a in inside for t in range(a.start, a.end)}
    return all(t in covered or not m.label or t not in m.name_tokens for t in range(m.start, m.end))


def resolve_overlaps(matches: Sequence[Match]) -> list[Match]:
    """Trusted rules first (gazetteer, review, acronym), then the model's names, then short
    forms, each only where nothing more trusted stands; within a tier the longest span wins."""
    shorts = [m for m in matches if m.method == "alias"]
    matches = [m for m in matches if not (m.method == "ner" and covered_by_short_forms(m, shorts))]
    chosen: list[Match] = []
    taken: set[int] = set()
    order = sorted(matches, key=lambda m: (TIER[m.method], -(m.end - m.start), PRIORITY[m.method], m.start))
    for m in order:
        if any(t in taken for t in range(m.start, m.end)):
            continue
        chosen.append(m)
        taken.update(range(m.start, m.end))
    return sorted(chosen, key=lambda m: m.start)


# ------------------------------------------------------------------ names the model found


def clean_name(text: str) -> str:
    """Honorifics, articles and possessives off: "President Keïta's" -> "Keïta"."""
    text = " ".join(text.split())
    text = POSSESSIVE.sub("", text)
    previous = None
    while previous != text:
        previous = text
        if HONORIFICS.fullmatch(LEADING_ARTICLE.sub("", text) + " "):
            return ""  # an office or rank alone ("Premier ministre", "Général de brigade") names no one
        text = HONORIFICS.sub("", text)
        text = LEADING_ARTICLE.sub("", text)
    return text.strip(" ,.;:–-\"“”'’()")


def title_length(text: str) -> int:
    """Characters of the offices and ranks before a name ("Lt. Col. ", "Général de brigade ",
    "President "): 0 when nothing but titles would be left. Religious titles stay (`TITLES`)."""
    offset, previous = 0, -1
    while offset != previous:
        previous = offset
        t = TITLES.match(text, offset)
        if t and t.end() < len(text) and text[t.end()].isalpha():
            offset = t.end()
    return offset


def acceptable_name(text: str) -> bool:
    if len(text) < 3 or not any(c.isupper() for c in text) or re.search(r"\d", text):
        return False
    if text.casefold() in NOT_NAMES or all(w.casefold() in NOT_NAMES for w in text.split()):
        return False
    return bool(re.match(r"^[A-ZÀ-ÖØ-Þ‘'’]", text))


def unknown_id(name: str, label: str) -> str:
    return f"x-{slug(name)}"


def candidate_id(surface: str, type_: str) -> str:
    return "c-" + hashlib.sha1(f"{type_}|{normalise_alias(surface)}".encode()).hexdigest()[:10]


# ------------------------------------------------------------------ the corpus


@dataclass
class _Hit:
    sentence: Sentence
    start_char: int
    end_char: int
    text: str
    entity_id: str
    type: str
    method: str
    score: float
    default: str = ""  # a shared acronym's own entity (Match.default)


@dataclass(frozen=True)
class ReviewDecisions:
    """A reviewer's decisions: new entities, extra aliases, rejected surfaces."""

    entities: tuple[GazetteerEntity, ...] = ()  # accepted names (method review)
    merges: tuple[tuple[str, str], ...] = ()  # (surface, entity id)
    rejected: frozenset[str] = frozenset()  # normalise_alias(surface)


def char_span(a: Analysis, start: int, end: int) -> tuple[int, int]:
    """Character offsets in the sentence text of tokens [start, end)."""
    return a.offsets[start], a.offsets[end - 1] + len(a.tokens[end - 1])


def recognize_corpus(
    sentences_by_doc: Mapping[str, Sequence[Sentence]],
    language_of: Mapping[str, str],
    nlp_for: Callable[[str], Language],
    gazetteer: Gazetteer,
    review: ReviewDecisions = ReviewDecisions(),
    settings: RecognizerSettings = RecognizerSettings(),
    analyses_by_doc: Mapping[str, Sequence[Analysis]] | None = None,
) -> Recognition:
    """Mentions, entities and candidates of a corpus. Documents whose analyses are given are
    linked without running the model (a gazetteer edit re-links in seconds)."""
    doc_ids = sorted(sentences_by_doc)
    # 1. the statistical model once over every sentence (tokens + NER), unless already done
    parsed: dict[str, Sequence[Analysis]] = {}
    for doc_id in doc_ids:
        given = (analyses_by_doc or {}).get(doc_id)
        if given and len(given) == len(sentences_by_doc[doc_id]):
            parsed[doc_id] = given
        else:
            parsed[doc_id] = analyse(sentences_by_doc[doc_id], nlp_for(language_of.get(doc_id, "en") or "en"))
    known = {e.id: e for e in gazetteer.entities}
    known.update({e.id: e for e in review.entities})

    # 2. acronyms the corpus defines, linked to what their long form names
    learned = learn_acronyms(sentences_by_doc, gazetteer, known)
    tables = name_tables(tuple(known.values()))
    tries_by_lang: dict[str, Tries] = {}

    hits: list[_Hit] = []
    without_model: list[tuple[str, str]] = []
    pending_short: list[tuple[_Hit, tuple[str, ...]]] = []
    for doc_id in doc_ids:
        lang = language_of.get(doc_id, "en") or "en"
        if lang not in tries_by_lang:  # patterns tokenized as this language's documents are
            vocabulary = corpus_vocabulary(a for d in doc_ids if (language_of.get(d, "en") or "en") == lang
                                           for a in parsed[d])
            tries_by_lang[lang] = build_tries(nlp_for(lang).tokenizer, gazetteer, review, learned, vocabulary)
            tries_by_lang[lang].index.language = lang
        tries = tries_by_lang[lang]
        ner = lang in settings.ner_languages
        if not ner:
            without_model.append((doc_id, lang))
        doc_hits: list[_Hit] = []
        pairs = list(zip(sentences_by_doc[doc_id], parsed[doc_id]))
        for sent, sdoc in pairs:
            matches = sentence_matches(sdoc, tries, settings, ner)
            for m in with_admin_forms(resolve_overlaps(matches), sdoc.tokens, known):
                hit, short_ids = write_hit(sent, sdoc, m, gazetteer, known, review, tables, settings)
                if hit is None:
                    continue
                if short_ids:
                    pending_short.append((hit, short_ids))
                else:
                    doc_hits.append(hit)
        doc_hits.extend(surname_hits(pairs, doc_hits, settings))
        doc_hits = link_partial_names(doc_hits, known, tables, settings, lower_case_words(pairs))
        hits.extend(doc_hits)

    # 3. short forms linked by their document's context
    position = {s.sentence_id: i for d in doc_ids for i, s in enumerate(sentences_by_doc[d])}
    resolved_hits, unresolved = link_short_forms(hits, pending_short, known, settings, position)
    mentions, entity_rows, candidates = assemble(resolved_hits, unresolved, known, gazetteer, review, settings, learned)
    return Recognition(tuple(mentions), tuple(entity_rows), tuple(candidates), tuple(learned), tuple(without_model))


@dataclass
class Tries:
    index: AliasIndex
    review: AliasTrie
    learned_acronyms: AliasTrie
    learned_long_forms: AliasTrie


def build_tries(tokenizer, gazetteer: Gazetteer, review: ReviewDecisions, learned,
                vocabulary: Vocabulary | None = None) -> Tries:
    index = build_index(gazetteer.entities, tokenizer, vocabulary=vocabulary)
    add_entities(index, review.entities, tokenizer, "review")
    review_alias = AliasTrie()
    for surface, entity_id in review.merges:
        review_alias.add(tokenize(tokenizer, surface), entity_id)
    learned_acronyms, learned_long = AliasTrie(case_sensitive=True), AliasTrie()
    for short, long, entity_id in learned:
        learned_acronyms.add([short], entity_id)
        learned_long.add(without_article(tokenize(tokenizer, long)), entity_id)  # "(The Society for ...)": the name
    return Tries(index, review_alias, learned_acronyms, learned_long)


def sentence_matches(sdoc: Analysis, tries: Tries, settings: RecognizerSettings, ner: bool = True) -> list[Match]:
    """Every candidate span of one sentence: rules (gazetteer, review, learned acronyms),
    short forms and, with `ner`, the model's names. Overlaps are resolved afterwards."""
    tokens = list(sdoc.tokens)
    folded = [normalise_alias(t) for t in tokens]
    exact = [acronym_key(t) for t in tokens]
    matches = find_matches(tokens, tries.index, settings)
    for i in range(len(tokens)):
        end, ids, _ = tries.review.longest(folded, i)
        if ids:
            matches.append(Match(i, end, ids, "review", 1.0))
        end, ids, _ = tries.learned_acronyms.longest(exact, i)
        if ids and not tries.index.acronyms.longest(exact, i)[1]:
            matches.append(Match(i, end, ids, "acronym", 1.0))
        end, ids, _ = tries.learned_long_forms.longest(folded, i)
        if ids and is_name_like(tokens[i]):
            matches.append(Match(i, end, ids, "acronym", 1.0))
    ners = []
    for start, end, label in sdoc.ents if ner else ():
        if label in NER_TYPES:
            named = frozenset(i for i in range(start, end) if tokens[i][:1].isupper())
            ners.append(Match(start, end, (), "ner", settings.ner_score, label, named))
    if ners and tries.review.root:
        matches = [m for m in matches if not (m.method == "review" and inside_own_name(m, ners, tokens))]
    return matches + ners


def inside_own_name(m: Match, ners: Sequence[Match], tokens: Sequence[str]) -> bool:
    """A reviewer merged a name into an unreviewed one ("Murphy" -> x-alex-murphy): inside that
    name's own full mention ("Alex Murphy") the merged part must not cut it down."""
    return any(n.start <= m.start and m.end <= n.end and n.end - n.start > m.end - m.start
               and unknown_id(clean_name(" ".join(tokens[n.start:n.end])), "") in m.entity_ids for n in ners)


@lru_cache(maxsize=4)
def name_tables(entities: tuple[GazetteerEntity, ...]) -> NameTables:
    """The `NameTables` of these entities, built once per gazetteer (memoised like the folding
    keys: a served or repeated run links again with the same gazetteer)."""
    return NameTables.build(entities)


@dataclass(eq=False)
class NameTables:
    """What linking a name beyond its listed forms needs (issue 14): the word sets of persons'
    names, and a fuzzy index of every name, built on first use. (A name the model found that a
    variant key of a listed form knows never gets here: the variant match wins over the model's
    span in `resolve_overlaps`.)"""

    # person id -> (word set, father's word set: names.person_name) of each of its names
    person_words: dict[str, tuple[tuple[frozenset[str], frozenset[str]], ...]]
    by_word: dict[str, set[str]]  # a word of a person's name -> person ids
    entities: tuple[GazetteerEntity, ...]
    _fuzzy: FuzzyIndex | None = None
    particles: frozenset[str] = frozenset()  # variant keys of name particles (ag, ould, ben...)

    @classmethod
    def build(cls, entities: tuple[GazetteerEntity, ...]) -> NameTables:
        person_words: dict[str, tuple[tuple[frozenset[str], frozenset[str]], ...]] = {}
        by_word: dict[str, set[str]] = defaultdict(set)
        for e in entities:
            if e.type == "PERSON":
                names = (person_name(normalise_alias(t)) for t in (e.name, *e.aliases))
                sets = tuple(dict.fromkeys(n for n in names if len(n[0]) >= 2))
                person_words[e.id] = sets
                for w, _ in sets:
                    for word in w:
                        by_word[word].add(e.id)
        return cls(person_words, dict(by_word), entities,
                   particles=frozenset(variant_key(p) for p in NAME_PARTICLES) | {""})

    def fuzzy(self) -> FuzzyIndex:
        if self._fuzzy is None:
            self._fuzzy = FuzzyIndex.build((phrase_key(normalise_alias(t)), e.id, e.type) for e in self.entities
                                           for t in (e.name, *e.aliases, *e.former_names))
        return self._fuzzy

    def containing_person(self, words: frozenset[str], father: frozenset[str] = frozenset()) -> str:
        """The one gazetteer person whose full name (two words or more) is among these words, in
        any order ("Ibrahim Malam Dicko" holds "Malam Dicko"), and is not the father's name in
        them (`father`: "Ibrahim ag Mohamed Assaleh" does not name Mohamed Assaleh); "" for
        none or several."""
        candidates = set().union(*(self.by_word.get(w, set()) for w in words)) if words else set()
        fits = {pid for pid in candidates
                if any(n <= words and not n <= father for n, _ in self.person_words[pid])}
        return next(iter(fits)) if len(fits) == 1 else ""

    def person_containing(self, words: frozenset[str]) -> str:
        """The one gazetteer person one of whose names holds these words, two or more that are
        not particles ("Amadou Sanogo" of "Amadou Haya Sanogo"); "" for none or several."""
        if len(words - self.particles) < 2:
            return ""
        candidates = set.intersection(*(self.by_word.get(w, set()) for w in words))
        fits = {pid for pid in candidates if any(fits_name(words, n, f) for n, f in self.person_words[pid])}
        return next(iter(fits)) if len(fits) == 1 else ""

# the model's label says person or not reliably, the kind of non-person less so ("Touaregs": LOC)
_NOT_PERSON = frozenset({"PLACE", "ARMED_GROUP", "POLITICAL_ORG", "STATE_BODY", "FOREIGN_FORCE", "INTL_ORG",
                         "ETHNIC_GROUP", "ORG"})
FUZZY_TYPES = {"PERSON": frozenset({"PERSON"}), "PLACE": _NOT_PERSON, "ORG": _NOT_PERSON}


def write_hit(sent: Sentence, sdoc: Analysis, m: Match, gazetteer: Gazetteer, known, review: ReviewDecisions,
              tables: NameTables | None = None, settings: RecognizerSettings = RecognizerSettings()):
    """A resolved match as a hit on the sentence text; short forms come back with their
    candidate ids for context linking. None when the name is rejected or is no name. A name the
    model found that no listed form knows is linked by its variant key, as the one gazetteer
    person whose full name it holds, or by a calibrated fuzzy match (in this order)."""
    start, end = char_span(sdoc, m.start, m.end)
    text = sent.text[start:end]
    if m.method != "ner" and m.entity_ids and all(getattr(known.get(i), "type", "") == "PERSON" for i in m.entity_ids):
        # a person's listed form with its title ("Colonel Assimi Goïta", "Captain Sanogo"): the
        # mention is the name, as for the model's names (clean_name); the title only told whom
        offset = title_length(text)
        start, text = start + offset, text[offset:]
    if m.method == "ner":
        name = clean_name(text)
        if not acceptable_name(name) or normalise_alias(name) in review.rejected:
            return None, ()
        offset = max(0, text.find(name))
        start, end = start + offset, start + offset + len(name)
        ids = gazetteer.lookup(name)
        if ids:  # a name the gazetteer knows once honorifics are off
            return _Hit(sent, start, end, name, ids[0], known[ids[0]].type, "gazetteer", 1.0), ()
        hit = _Hit(sent, start, end, name, unknown_id(name, m.label), NER_TYPES[m.label], "ner", m.score)
        short_ids = gazetteer.short_form_ids(name)
        if short_ids:
            return _replace_hit(hit, "", hit.type, "alias", m.score), short_ids
        if tables is not None:
            linked = link_unknown_name(name, NER_TYPES[m.label], tables, known, settings)
            if linked:
                entity_id, method, score = linked
                return _replace_hit(hit, entity_id, known[entity_id].type, method, score), ()
        return hit, ()
    if normalise_alias(text) in review.rejected:
        return None, ()
    if m.method == "alias":
        return _Hit(sent, start, end, text, "", known[m.entity_ids[0]].type, "alias", m.score, m.default), m.entity_ids
    entity_id = m.entity_ids[0]
    type_ = known[entity_id].type if entity_id in known else ""  # a merge into an unreviewed name: its own type
    return _Hit(sent, start, end, text, entity_id, type_, m.method, m.score), ()


def link_unknown_name(name: str, type_: str, tables: NameTables, known, settings: RecognizerSettings):
    """(entity id, method, score) for a name the model found that no listed form knows, or None."""
    folded = normalise_alias(name)
    if type_ == "PERSON":
        words = name_words(folded)
        owner = tables.containing_person(words, father_words(folded)) or tables.person_containing(words)
        if owner:
            return owner, "alias", settings.partial_score
    choice = tables.fuzzy().best(folded, FUZZY_TYPES.get(type_, frozenset()),
                                 settings.fuzzy_link_threshold, settings.fuzzy_link_margin)
    if choice:
        return choice.entity_id, "fuzzy", round(choice.score, 3)
    return None


def with_admin_forms(chosen: list[Match], tokens: Sequence[str], known) -> list[Match]:
    """Place matches widened to their administrative form ("Mopti region", "région de Mopti",
    "cercle de Koro": names.admin_extension) where no other match holds those words."""
    if not chosen:
        return chosen
    folded = [normalise_alias(t) for t in tokens]
    taken = {t for m in chosen for t in range(m.start, m.end)}
    out = []
    for m in chosen:
        if len(m.entity_ids) == 1 and m.method != "ner" and administrative(known.get(m.entity_ids[0])):
            start, end = admin_extension(folded, m.start, m.end)
            extra = set(range(start, m.start)) | set(range(m.end, end))
            if extra and not extra & taken:
                taken |= extra
                m = Match(start, end, m.entity_ids, m.method, m.score, m.label)
        out.append(m)
    return out


def administrative(entity) -> bool:
    """A place that can carry an administrative form: with coordinates where the gazetteer gives
    them (towns, regions, cercles; natural regions and countries have none: "the Sahel region"
    stays "Sahel")."""
    if entity is None or entity.type != "PLACE":
        return False
    return getattr(entity, "lat", "") is not None


def lower_case_words(pairs) -> frozenset[str]:
    """Variant keys of the words a document writes in lower case: common words, no surnames."""
    return frozenset(variant_token(t) for _, sdoc in pairs for t in sdoc.tokens if t.islower())


def link_partial_names(doc_hits: list[_Hit], known, tables: NameTables, settings,
                       common: frozenset[str] = frozenset()) -> list[_Hit]:
    """Names the model found that nothing links, whose words all belong to the name of exactly
    one person the same document names ("Dicko", "Malam Dicko", "Abou Walid" in a text that
    names Adnan Abou Walid al-Sahraoui; words in any order, names.partial_owner). Two persons
    sharing the words: left alone. A word the document also writes in lower case (`common`) is
    a common word ("Groups" of a title the model took for a person): no partial name."""
    persons: dict[str, list[tuple[frozenset[str], frozenset[str]]]] = defaultdict(list)
    for h in doc_hits:
        if h.type != "PERSON" or not h.entity_id:
            continue
        if h.entity_id in tables.person_words:
            persons[h.entity_id] = list(tables.person_words[h.entity_id])
        else:
            name = person_name(normalise_alias(h.text))
            if len(name[0]) >= 2 and name not in persons[h.entity_id]:
                persons[h.entity_id].append(name)
    if not persons:
        return doc_hits
    particles = frozenset(variant_key(p) for p in NAME_PARTICLES) | {""}
    out = []
    for h in doc_hits:
        if h.method == "ner" and h.entity_id not in known:
            words = name_words(normalise_alias(h.text))
            if words & common:
                out.append(h)
                continue
            others = {pid: names for pid, names in persons.items() if pid != h.entity_id}
            owner = partial_owner(words, others, particles)
            if owner and owner not in known and any(words == n for n, _ in persons[owner]):
                # two spellings of one name nobody listed ("Aminata Diarra", "Aminata Diara"):
                # not a part of the other, and each would claim the other; the reviewer decides
                owner = ""
            if owner:
                h = _replace_hit(h, owner, "PERSON", "alias", settings.partial_score)
        out.append(h)
    return out


def surname_hits(pairs, doc_hits: list[_Hit], settings: RecognizerSettings) -> list[_Hit]:
    """Surnames of persons the model named in full ("Mohamed ag Aharib" -> "ag Aharib"),
    linked where the document names only one person with that surname. A word the document also
    writes in lower case is a common word, not a surname (a title the model took for a person,
    "... Armed Groups", must not claim every "Groups")."""
    common = {normalise_alias(t) for _, sdoc in pairs for t in sdoc.tokens if t.islower()}
    owners: dict[str, set[str]] = defaultdict(set)
    for h in doc_hits:
        if h.method == "ner" and h.type == "PERSON" and len(h.text.split()) >= 2:
            for key in surname_keys(h.text):
                if normalise_alias(key.split()[-1]) not in common:
                    owners[key].add(h.entity_id)
    trie = AliasTrie()
    for key, ids in owners.items():
        if len(ids) == 1:
            trie.add(key.split(), next(iter(ids)))
    if not trie.root:
        return []
    covered: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for h in doc_hits:
        covered[h.sentence.sentence_id].append((h.start_char, h.end_char))
    found = []
    for sent, sdoc in pairs:
        folded = [normalise_alias(t) for t in sdoc.tokens]
        i = 0
        while i < len(folded):
            end, ids, _ = trie.longest(folded, i)
            if ids and is_name_like(sdoc.tokens[i]):
                a, b = char_span(sdoc, i, end)
                if not any(x < b and a < y for x, y in covered[sent.sentence_id]):
                    found.append(_Hit(sent, a, b, sent.text[a:b], ids[0], "PERSON", "alias", settings.short_form_score))
                i = end
            else:
                i += 1
    return found


def translates(long: str, short_ids, long_ids, gazetteer: Gazetteer) -> bool:
    """May a capitalised phrase before a known acronym whose letters it does not match be a
    translation of its name? Not when the phrase names another entity, or holds a name anywhere
    but at its end ("Burkina Faso and Niger (AES)", "Residents of Gao and Kidal (CMA)"); a name
    ends many translations ("... of the People of Azawad")."""
    if long_ids:
        return set(long_ids) == set(short_ids)
    words = long.split()
    return not any(gazetteer.lookup(" ".join(words[i:i + n])) for n in (1, 2) for i in range(len(words) - n))


def learn_acronyms(sentences_by_doc, gazetteer: Gazetteer, known) -> list[tuple[str, str, str]]:
    """(acronym, long form, entity id) for each pair a document defines where one side is
    known; pairs with neither side known define a new entity named by the long form."""
    out: dict[tuple[str, str], str] = {}
    known_acronym = lambda a: acronym_key(a) in gazetteer.by_acronym  # noqa: E731
    for doc_id in sorted(sentences_by_doc):
        for s in sentences_by_doc[doc_id]:
            for pair in find_abbreviations(s.text, known_acronym):
                short_ids = gazetteer.by_acronym.get(acronym_key(pair.short), ())
                long_ids = gazetteer.lookup(pair.long)
                if pair.kind == "translation" and not translates(pair.long, short_ids, long_ids, gazetteer):
                    continue
                ids = short_ids or long_ids
                if ids:
                    out.setdefault((pair.short, pair.long), ids[0])
                elif pair.kind == "definition" and len(pair.long.split()) >= 2:
                    out.setdefault((pair.short, pair.long), unknown_id(pair.short, "ORG"))
    return sorted((s, l, e) for (s, l), e in out.items())


def link_short_forms(hits: list[_Hit], pending: list[tuple[_Hit, tuple[str, ...]]], known, settings,
                     position: Mapping[str, int]):
    """A short form links to the one candidate entity the document names in full; when the
    document names several, to the one named earlier in the same paragraph or in the three sentences
    before, if only one is; otherwise it stays unlinked (a candidate for review)."""
    named: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    for h in hits:
        if h.entity_id:
            named[h.sentence.doc_id].append((position[h.sentence.sentence_id], h.sentence.paragraph_id, h.entity_id))
    named_ids = {doc_id: {e for _, _, e in entries} for doc_id, entries in named.items()}
    resolved = list(hits)
    unresolved: list[tuple[_Hit, tuple[str, ...]]] = []
    for hit, ids in pending:
        choice, score = pick_short_form(hit, ids, named[hit.sentence.doc_id], position, settings)
        if choice:
            resolved.append(_replace_hit(hit, choice, known[choice].type, "alias", score))
        else:
            present = tuple(i for i in ids if i in named_ids.get(hit.sentence.doc_id, ()))
            unresolved.append((hit, present or ids))
    return resolved, unresolved


def pick_short_form(hit: _Hit, ids: tuple[str, ...], named: list[tuple[int, str, str]], position, settings):
    candidates = frozenset(ids)  # a surname can be shared by hundreds of gazetteer entities
    named = [(pos, pid, e) for pos, pid, e in named if e in candidates]
    present = {e for _, _, e in named}
    if len(present) == 1:
        return next(iter(present)), settings.short_form_score
    if not present:
        if hit.default:
            return hit.default, round(settings.short_form_score - 0.1, 3)
        return (ids[0], round(settings.short_form_score - 0.1, 3)) if len(ids) == 1 else ("", 0.0)
    here = position[hit.sentence.sentence_id]
    same_paragraph = {e for pos, pid, e in named if pos <= here and pid == hit.sentence.paragraph_id}
    recent = {e for pos, _, e in named if here - 3 <= pos <= here}
    for near in (same_paragraph, recent):
        if len(near) == 1:
            return next(iter(near)), round(settings.short_form_score - 0.05, 3)
    return "", 0.0


def surname_keys(name: str) -> list[str]:
    words = name.split()
    if len(words) < 2:
        return []
    keys = [normalise_alias(words[-1])]
    if len(words) >= 3 and words[-2].lower() in NAME_PARTICLES:
        keys.append(normalise_alias(" ".join(words[-2:])))
    return keys


def _replace_hit(h: _Hit, entity_id: str, type_: str, method: str, score: float) -> _Hit:
    return _Hit(h.sentence, h.start_char, h.end_char, h.text, entity_id, type_, method, score)


def assemble(hits, unresolved, known, gazetteer: Gazetteer, review: ReviewDecisions, settings, learned):
    names: dict[str, str] = {}
    types: dict[str, str] = {}
    mentions: list[Mention] = []
    # an unreviewed name is named and typed by its own mentions before the names merged into it
    for h in sorted(hits, key=lambda h: h.method == "review"):
        entity_id = h.entity_id or f"x-{slug(h.text)}"
        if entity_id not in known:
            names.setdefault(entity_id, h.text)
            types.setdefault(entity_id, h.type or "ORG")
    for h in hits:
        entity_id = h.entity_id or f"x-{slug(h.text)}"
        s = h.sentence
        mentions.append(Mention(s.doc_id, s.sentence_id, s.page, s.zone, h.start_char, h.end_char, h.text,
                                entity_id, known[entity_id].type if entity_id in known else types[entity_id],
                                h.method, round(h.score, 3), s.paragraph_id))
    for short, long, entity_id in learned:
        if entity_id not in known and entity_id in names:
            names[entity_id] = long  # a corpus-defined acronym is named by its long form
    mentions.sort(key=lambda m: (m.doc_id, m.sentence_id, m.start, m.end, m.entity_id))
    by_entity: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_entity[m.entity_id].append(m)
    rows = []
    accepted = {e.id for e in review.entities}
    for entity_id in sorted(by_entity):
        ms = by_entity[entity_id]
        entity = known.get(entity_id)
        status = "gazetteer" if entity_id in gazetteer.by_id else "decision" if entity_id in accepted else "unreviewed"
        rows.append(EntityRow(
            entity_id,
            entity.name if entity else names[entity_id],
            entity.type if entity else types[entity_id],
            entity is not None,
            len(ms),
            tuple(sorted({m.doc_id for m in ms})),
            tuple(sorted({m.text for m in ms}, key=lambda t: (t.casefold(), t))),
            status,
            entity.lat if entity else None,
            entity.lon if entity else None,
        ))
    texts = {h.sentence.sentence_id: h.sentence.text for h in hits}
    candidates = build_candidates(mentions, unresolved, known, gazetteer, settings, texts)
    return mentions, rows, candidates


def build_candidates(mentions, unresolved, known, gazetteer: Gazetteer, settings, texts) -> list[Candidate]:
    """Every name nothing links, with all its occurrences. Which of them reach candidates.csv,
    with what type, evidence and suggestions, is `extractors.entities.candidates`' decision."""
    sentence_text: dict[str, str] = {}
    groups: dict[tuple[str, str], list] = defaultdict(list)
    for m in mentions:
        if m.entity_id not in known and m.method == "ner":
            groups[(normalise_alias(m.text), m.type)].append((m.text, m.doc_id, m.sentence_id, None, m.start, m.end, m.entity_id))
            sentence_text.setdefault(m.sentence_id, texts.get(m.sentence_id, ""))
    for hit, ids in unresolved:
        groups[(normalise_alias(hit.text), hit.type)].append((hit.text, hit.sentence.doc_id, hit.sentence.sentence_id, ids,
                                                              hit.start_char, hit.end_char, ""))
        sentence_text.setdefault(hit.sentence.sentence_id, hit.sentence.text)
    out = []
    for (key, type_), items in sorted(groups.items()):
        surface = Counter(t for t, *_ in items).most_common(1)[0][0]
        ids = next((i for *_, i, _, _, _ in items if i), None)
        example = min(items, key=lambda x: x[2])
        reason = "ambiguous short form: " + " | ".join(ids) if ids else "unknown name"
        entity_id = "" if ids else Counter(e for *_, e in items).most_common(1)[0][0]
        spans = tuple(sorted({(sid, a, b, t) for t, _, sid, _, a, b, _ in items}))
        out.append(Candidate(candidate_id(surface, type_), surface, type_, len(items),
                             tuple(sorted({d for _, d, *_ in items})), ids[0] if ids else "", None, example[2],
                             sentence_text.get(example[2], ""), reason, spans, tuple(ids or ()), entity_id))
    return out


def suggestion_choices(gazetteer: Gazetteer) -> dict[str, str]:
    """Key of each name and alias -> the entity it names (the first entity for a shared one)."""
    choices: dict[str, str] = {}
    for e in gazetteer.entities:
        for text in (e.name, *e.aliases):
            choices.setdefault(normalise_alias(text), e.id)
    return choices
