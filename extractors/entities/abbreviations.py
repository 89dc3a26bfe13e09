"""Acronyms defined in the text itself, as plain functions (Schwartz & Hearst 2003, extended).

Finds pairs such as
  "Self-Defense Group for Imghad Tuareg and Allies (French acronym GATIA)"
  "MUJWA (also known by the French acronym MUJAO)"            -> MUJWA = MUJAO
  "Movement for the Salvation of Azawad (MSA)"
  "MNLA - Mouvement national de libération de l'Azawad (National Movement ...)"
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

ACRONYM = r"[A-Z][A-Za-z0-9&\-]*[A-Z0-9][A-Za-z0-9]*"
PAREN = re.compile(
    r"\((?:(?:its |the )?(?:French|English|Arabic|Tamasheq)?\s*(?:acronym|abbreviation|initials)[:,]?\s+"
    r"|(?:also )?known (?:by the (?:French |English )?acronym |as )|or |i\.e\.,? )?"
    r"(" + ACRONYM + r")\)"
)
ALIAS_PAREN = re.compile(
    r"\b(" + ACRONYM + r")\s+\((?:also known (?:by the (?:French |English )?acronym |as )|or |a\.k\.a\.? )(" + ACRONYM + r")\)"
)
DASH_DEF = re.compile(r"^(" + ACRONYM + r")\s+[–—-]\s+([^,(]+?)(?:\s*\(([^)]+)\))?(?:,|$)")
SMALL = frozenset("of the for and in de des du la le l d et pour a an al el to on at".split())


@dataclass(frozen=True)
class AbbreviationPair:
    short: str
    long: str
    kind: str  # "definition" (short names long) | "alias" (two acronyms of one thing) | "translation"


def initials_match(short: str, long: str) -> bool:
    return matched_end(short, long) >= 0


def matched_end(short: str, long: str) -> int:
    """Schwartz–Hearst: every character of the short form, right to left, occurs in the long
    form in order, the first one at the start of a word. Returns the position in `long` of the
    match of the short form's last character (-1 when there is no match)."""
    s = _unaccented(short.lower())
    l = _unaccented(long.lower())  # ("État islamique ... (EIAO)": É is E)
    si, li = len(s) - 1, len(l) - 1
    last = -1
    while si >= 0:
        c = s[si]
        if not c.isalnum():
            si -= 1
            continue
        while li >= 0 and (l[li] != c or (si == 0 and li > 0 and l[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return -1
        last = max(last, li)
        si -= 1
        li -= 1
    return last


def _unaccented(text: str) -> str:
    """The text with each letter's accents taken off, one character for one."""
    return "".join(unicodedata.normalize("NFD", ch)[0] for ch in text)


ELIDED = re.compile(r"^[ldLD]['’](?=\w)")  # French "l'", "d'" before a name's first word


def best_long_form(short: str, before: str) -> str:
    """The shortest run of words ending just before the parenthesis that covers the acronym (a
    French elided article off its first word: "l'État islamique en Afrique de l'Ouest (EIAO)")."""
    words = before.split()
    letters = sum(c.isalpha() for c in short)
    limit = min(len(words), letters + 5, 2 * letters)
    for n in range(1, limit + 1):
        first = ELIDED.sub("", words[-n])
        candidate = " ".join([first, *words[len(words) - n + 1:]])
        if first.lower() in SMALL or re.search(r"\s[–—-]\s|[()]", candidate):
            continue
        end = matched_end(short, candidate)
        if end >= 0 and first[:1].isupper():
            # words after the one holding the last matched letter are not part of the name
            # ("Ibrahim Boubacar Keïta in 2018 (IBK)" -> "Ibrahim Boubacar Keïta")
            stop = candidate.find(" ", end)
            return (candidate if stop < 0 else candidate[:stop]).strip(" ,;:")
    return ""


def find_abbreviations(text: str, known_acronym: Callable[[str], bool] | None = None) -> list[AbbreviationPair]:
    """The pairs a sentence defines. With `known_acronym`, an acronym it knows also takes the
    capitalised phrase before it when the letters do not match: the name translated from the
    language of the acronym ("Strategic Framework for the Defence of the People of Azawad
    (CSP-DPA)", "Group for the Support of Islam and Muslims (JNIM)"), kind "translation"."""
    pairs: list[AbbreviationPair] = []
    for m in ALIAS_PAREN.finditer(text):
        pairs.append(AbbreviationPair(m.group(2), m.group(1), "alias"))
    for m in PAREN.finditer(text):
        short = m.group(1)
        if sum(c.isupper() for c in short) < 2:
            continue
        before = text[: m.start()].rstrip()
        if ALIAS_PAREN.search(text[max(0, m.start() - len(short) - 2) : m.end()]):
            continue
        long = best_long_form(short, before)
        kind = "definition"
        if not long and re.search(r"acronym", m.group(0)):
            long = translated_long_form(before)
        elif not long and known_acronym is not None and known_acronym(short):
            long, kind = translated_long_form(before), "translation"
        if long and long != short:
            pairs.append(AbbreviationPair(short, long, kind))
    d = DASH_DEF.match(text.strip())
    if d:
        pairs.append(AbbreviationPair(d.group(1), d.group(2).strip(), "definition"))
        other = re.fullmatch(
            r"(?:also known (?:by the (?:French |English )?acronym |as )|(?:French |English )?acronym |or )(" + ACRONYM + ")",
            (d.group(3) or "").strip(),
        )
        if other:
            pairs.append(AbbreviationPair(other.group(1), d.group(1), "alias"))
            pairs = [p for p in pairs if not (p.short == other.group(1) and p.kind == "definition")]
        elif d.group(3):
            pairs.append(AbbreviationPair(d.group(1), d.group(3).strip(), "definition"))
    return dedupe(pairs)


def translated_long_form(before: str) -> str:
    """"Coordination of Movements of Understanding (French acronym CME)": the acronym is of the
    French name, so letters need not match; take the capitalised phrase before the parenthesis."""
    m = re.search(r"((?:[A-Z][\w’'\-]*|of|the|for|and|in|de|du|des|la|l’|d’)(?:\s+(?:[A-Z][\w’'\-]*|of|the|for|and|in|de|du|des|la|l’|d’))*)\s*$", before)
    if not m:
        return ""
    phrase = m.group(1).strip()
    words = phrase.split()
    owner = [i for i, w in enumerate(words) if re.search(r"['’]s?$", w)]
    if owner:  # "Burkina Faso's Volunteers for ...": the name starts after the possessive
        words = words[owner[-1] + 1:]
    while words and words[0].lower() in SMALL:
        words.pop(0)
    return " ".join(words) if len(words) >= 2 else ""


def dedupe(pairs: list[AbbreviationPair]) -> list[AbbreviationPair]:
    seen = set()
    out = []
    for p in pairs:
        key = (p.short, p.long.casefold(), p.kind)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out
