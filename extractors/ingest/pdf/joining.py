"""Joining lines: a line-end hyphen dropped only where the document uses the whole word, URLs and
compounds kept together."""
from __future__ import annotations

import re
from collections import Counter


from extractors.ingest.layout import join_text


from extractors.ingest.pdf.types import Line


URL_TAIL = re.compile(r"(?:https?://|www\.)\S*$")
URL_CONTINUATION = re.compile(r"^[^\s]*[/%=&?#_.\-][^\s]*")
# first halves of compounds that a line end can split at their own hyphen ("self-" / "defense")
COMPOUND_HEADS = frozenset(
    "anti self non pro post pre co ex multi inter intra well long short cross semi counter neo pseudo "
    "quasi ultra mid half all sub super socio geo ethno trans pan extra re de un "
    "one two three four five six seven eight nine ten eleven twelve twenty thirty hundred".split()
)


def join_line(left: str, right: str, vocabulary: Counter | None = None) -> str:
    """Join a line to running text: URLs split by a line end are re-joined; a hyphen at the
    line end is dropped only where a word really was split."""
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
    # (the search only where the line ends with a hyphen: tried at each of 400 places it costs)
    m = re.search(r"(\w+)-$", end) if end.endswith(("-", "-\n")) else None
    if m:
        head = m.group(1)
        tail_word = re.match(r"[\w’']+", right)
        if vocabulary is not None and tail_word and right[:1].islower():
            tail = tail_word.group(0)
            if should_dehyphenate(head, tail, vocabulary):
                return left[:-1] + right
        return left + right  # a compound's hyphen ("anti-colonial", "2002-2012", "al-Din")
    return join_text(left, right)[0]


def should_dehyphenate(head: str, tail: str, vocabulary: Counter) -> bool:
    """Drop a line-end hyphen where a word was split. The document decides first: the hyphenated
    form used elsewhere keeps the hyphen, and so does a compound prefix before a word of the
    document ("counter-" / "terrorism"); the whole word used elsewhere drops it ("govern-" /
    "ment"); two halves that are words of their own keep it. Otherwise a compound prefix keeps it
    ("self-" / "defense") and any other head is a split word ("fragmen-" / "tation")."""
    h, t = head.casefold(), tail.casefold()
    if vocabulary[f"{h}-{t}"] > 0:
        return False
    halves = known(h, vocabulary) and known(t, vocabulary)
    if halves and h in COMPOUND_HEADS:
        return False
    if vocabulary[h + t] > 0:
        return True
    if halves:
        return False
    return h not in COMPOUND_HEADS and not head[:1].isdigit()


def known(word: str, vocabulary: Counter) -> bool:
    """A word of the document, in this form or with/without a plural -s."""
    return vocabulary[word] > 0 or vocabulary[word + "s"] > 0 or (word.endswith("s") and vocabulary[word[:-1]] > 0)


def vocabulary_of(pages_lines: list[list[Line]]) -> Counter:
    vocab: Counter = Counter()
    for lines in pages_lines:
        for line in lines:
            vocab.update(w.casefold() for w in re.findall(r"[\w’'-]+", line.text))
    return vocab
