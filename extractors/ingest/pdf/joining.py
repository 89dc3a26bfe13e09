"""Joining lines: a line-end hyphen dropped only where the document uses the whole word, URLs and
compounds kept together."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace


from extractors.ingest.layout import join_text


from extractors.ingest.pdf.types import Line, Seg


URL_TAIL = re.compile(r"(?:https?://|www\.)\S*$")
URL_CONTINUATION = re.compile(r"^[^\s]*[/%=&?#_.\-][^\s]*")
# a piece of a web address: a scheme, "www.", an escaped byte or two slashes ("System/Lebens-" is not)
URL_PART = re.compile(r"://|www\.|%[0-9A-Fa-f]{2}|/[^/\s]*/")
# first halves of compounds that a line end can split at their own hyphen ("self-" / "defense")
COMPOUND_HEADS = frozenset(
    "anti self non pro post pre co ex multi inter intra well long short cross semi counter neo pseudo "
    "quasi ultra mid half all sub super socio geo ethno trans pan extra re de un "
    "one two three four five six seven eight nine ten eleven twelve twenty thirty hundred".split()
)


HYPHEN = "\u2010"
# after a hyphen ending a line inside a table's cell: the break, joined once the document's words
# are known (`join_cell_breaks`); tables are read page by page, before them (U+2063, invisible)
CELL_BREAK = "\u2063"
# compound prefixes that are also a word's first syllable ("de-" / "scendants", "pro-" / "vince",
# "re-" / "flected"): a compound only before a word of the document ("re-" / "election")
SYLLABLE_HEADS = frozenset("de re co un pro pre sub".split())
# the endings a split word's last line may start with that are also short words or abbreviations
# of a document ("ed." for an editor, "ing" in a name list): never the second word of a compound
SUFFIX_TAILS = frozenset("ed ing ings ly ness tion tions ment ments".split())
# the short words that link the parts of a compound of several ("commander-in-chief", "face-to-face")
LINKING_WORDS = frozenset("in of the to on and by for at a or en à".split())


def soft_break_hyphens(pages_lines: list[list[Line]]) -> list[list[Line]]:
    """A document whose U+2010 HYPHENs all stand at the end of a line printed them where it broke
    a word (a browser hyphenating, `hyphens: auto` or soft hyphens; its own hyphens are "-"):
    those line ends are soft hyphens, dropped when the lines are joined whatever the words
    ("rep‐" / "risals" is "reprisals" though "rep" and "risals" are each found at a line's
    edge). Where a document also prints U+2010 inside its lines, it is its hyphen, and a line
    end's is weighed as "-" is (`join_line`)."""
    lines = [line for page in pages_lines for line in page]
    at_ends = any(line.text.endswith(HYPHEN) for line in lines)
    if not at_ends or any(HYPHEN in line.text.rstrip(HYPHEN) for line in lines):
        return pages_lines

    def soft(line: Line) -> Line:
        if not line.text.endswith(HYPHEN) or not line.segs:
            return line
        segs = list(line.segs)
        k = max(i for i, seg in enumerate(segs) if seg.text.strip())
        segs[k] = Seg(segs[k].text.rstrip().removesuffix(HYPHEN) + "\u00ad", segs[k].sup, segs[k].link)
        return replace(line, segs=segs[:k + 1])

    return [[soft(line) for line in page] for page in pages_lines]


def join_line(left: str, right: str, vocabulary: Counter | None = None) -> str:
    """Join a line to running text: URLs split by a line end are re-joined; a hyphen at the
    line end is dropped only where a word really was split (in the line, too, where a table's
    cell broke a word: `CELL_BREAK`)."""
    if CELL_BREAK in right:
        right = join_cell_breaks(right, vocabulary)
    if not left:
        return right
    if not right:
        return left
    end = left[-400:]  # only the end matters; searching all of a long paragraph is quadratic
    tail = URL_TAIL.search(end)
    if tail and left[-1] not in ".,;)" and URL_CONTINUATION.match(right) and not right[:1].isupper():
        return left + right
    if left.endswith("\u00ad"):
        return left[:-1] + right
    if left.endswith(HYPHEN):  # as browsers print the break of a hyphenated word
        left, end = left[:-1] + "-", end[:-1] + "-"
    # (the search only where the line ends with a hyphen: tried at each of 400 places it costs)
    m = re.search(r"(\w+)-$", end) if end.endswith(("-", "-\n")) else None
    if m:
        head = m.group(1)
        tail_word = re.match(r"[\w’']+", right)
        if end[m.start(1) - 1:m.start(1)] == "-" and head.casefold() in LINKING_WORDS:
            # a linking word between two hyphens: a compound of several words ("Analyst-in-" /
            # "charge", "state-of-the-" / "art", "arc-en-" / "ciel")
            return left + right
        if URL_PART.search(end.rsplit(None, 1)[-1]):
            return left + right  # a web address's path broken at its own hyphen (spaces in it too)
        if vocabulary is not None and tail_word:
            tail = tail_word.group(0)
            if should_dehyphenate(head, tail, vocabulary) if right[:1].islower() \
                    else split_in_capitals(head, tail, vocabulary):
                return left[:-1] + right
        return left + right  # a compound's hyphen ("anti-colonial", "2002-2012", "al-Din")
    return join_text(left, right)[0]


def should_dehyphenate(head: str, tail: str, vocabulary: Counter) -> bool:
    """Drop a line-end hyphen where a word was split. The document decides first: the hyphenated
    form used elsewhere keeps the hyphen, and so does a compound prefix before a word of the
    document ("counter-" / "terrorism"); the whole word used elsewhere drops it ("govern-" /
    "ment"); two halves that are words of their own keep it, and so does a word of four letters or
    more before a tail found only after line-end hyphens (`Vocabulary.tails`), and so does an adverb
    in -ly before a word ("closely-" / "related"). Otherwise a compound prefix keeps it ("self-" /
    "defense"), one that is also a first syllable only before a word of the document ("de-" /
    "scendants" is a split word), and any other head is a split word ("fragmen-" / "tation")."""
    h, t = head.casefold(), tail.casefold()
    if vocabulary[f"{h}-{t}"] > 0:
        return False
    if t in SUFFIX_TAILS and len(h) >= 3 and h.isalpha():
        return True  # "result-" / "ed": a word's ending, no word of a compound ("ed" is also "ed.")
    halves = known(h, vocabulary) and known(t, vocabulary)
    if halves and h in COMPOUND_HEADS:
        return False
    if vocabulary[h + t] > 0:
        return True
    if halves:
        return False
    # a word of the document and a tail found only after line-end hyphens: a compound split at
    # its hyphen ("Mali-" / "centric", "longer-" / "lasting") where the head is a word of four
    # letters or more; a shorter head is a split word's first syllable ("ex-" / "pansion",
    # "in-" / "deed", "lin-" / "ear")
    tails = getattr(vocabulary, "tails", None)
    if tails is not None and len(h) >= 4 and known(h, vocabulary) and tails[t] > 0:
        return False
    # an adverb in -ly before a word: a compound ("closely-" / "related", "widely-" / "used"); a
    # word is hyphenated after "ly" only before a suffix ("sup-ply-" / "ing")
    if len(h) >= 5 and h.endswith("ly") and len(t) >= 4 and t.isalpha():
        return False
    if h in SYLLABLE_HEADS:
        return not known(t, vocabulary)
    return h not in COMPOUND_HEADS and not head[:1].isdigit()


def split_in_capitals(head: str, tail: str, vocabulary: Counter) -> bool:
    """A word set in capitals and split at a line end ("ELE-" / "MENT", "OP-" / "TIONAL" in a
    manual's constants, "YYM-" / "MDDhhmmss"): the hyphen is dropped only where the document uses
    the whole word elsewhere and never the hyphenated form. A capital after a line-end hyphen is
    otherwise a compound's ("MNLA-" / "HCUA", "Al-" / "Qaeda", "Franco-" / "Malian")."""
    if not head[-1:].isupper() or not tail[:1].isupper():
        return False
    h, t = head.casefold(), tail.casefold()
    return vocabulary[h + t] > 0 and vocabulary[f"{h}-{t}"] == 0


def known(word: str, vocabulary: Counter) -> bool:
    """A word of the document, in this form or with/without a plural -s."""
    return vocabulary[word] > 0 or vocabulary[word + "s"] > 0 or (word.endswith("s") and vocabulary[word[:-1]] > 0)


class Vocabulary(Counter):
    """The document's words (`vocabulary_of`), and apart (`tails`) the first words of the lines
    that follow a line-end hyphen: the tail of a split word or the second word of a compound."""

    tails: Counter


def vocabulary_of(pages_lines: list[list[Line]]) -> Vocabulary:
    """The document's words, for `should_dehyphenate`. A line's first word after a line that ends
    with a hyphen is kept apart (`Vocabulary.tails`): counted as a word of the document, the tail of
    a split word made the split look like a compound of two words, and the hyphen stayed
    ("ex-pansion" in a manual where "expansion" is written 271 times)."""
    vocab = Vocabulary()
    vocab.tails = Counter()
    after_hyphen = False
    for lines in pages_lines:
        for line in lines:
            # (U+2010 HYPHEN as "-": a line-end break "und‐" is a head, not the word "und")
            for k, chunk in enumerate(line.text.replace(HYPHEN, "-").split(CELL_BREAK)):
                words = [w.casefold() for w in re.findall(r"[\w’'-]+", chunk)]
                if (after_hyphen or k) and words:  # (a table cell's line break: a tail too)
                    vocab.tails[words[0]] += 1
                    words = words[1:]
                vocab.update(words)
                after_hyphen = False
            after_hyphen = line.text.rstrip().endswith(("-", HYPHEN))
    return vocab


def join_cell_breaks(text: str, vocabulary: Counter | None) -> str:
    """A table row's text with the hyphenated line breaks of its cells (`CELL_BREAK`, put by
    `tables.cell_text`) joined as any line end is, by the document's words ("The gov-" /
    "ernment" in a cell: "The government"; "Mali-" / "centric" stays a compound)."""
    if CELL_BREAK not in text:
        return text
    parts = text.split(CELL_BREAK)
    out = parts[0]
    for part in parts[1:]:
        out = join_line(out, part, vocabulary)
    return out
