"""Acronyms a text defines itself (Schwartz–Hearst, extended to the report's styles)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.entities.abbreviations import AbbreviationPair, find_abbreviations, initials_match

CASES = [
    ("the Self-Defense Group for Imghad Tuareg and Allies (French acronym GATIA) was formed",
     [("GATIA", "Self-Defense Group for Imghad Tuareg and Allies", "definition")]),
    ("MUJWA (also known by the French acronym MUJAO) was", [("MUJAO", "MUJWA", "alias")]),
    ("MUJWA – Movement for Unity and Jihad in West Africa (also known by the French acronym MUJAO), an offshoot",
     [("MUJWA", "Movement for Unity and Jihad in West Africa", "definition"), ("MUJAO", "MUJWA", "alias")]),
    ("who created the Movement for the Salvation of Azawad (MSA) in September 2016",
     [("MSA", "Movement for the Salvation of Azawad", "definition")]),
    ("the Coordination of Movements of Understanding (French acronym CME), which demands",
     [("CME", "Coordination of Movements of Understanding", "definition")]),
    ("MNLA - Mouvement national de libération de l’Azawad (National Movement for the Liberation of Azawad), a movement",
     [("MNLA", "Mouvement national de libération de l’Azawad", "definition"),
      ("MNLA", "National Movement for the Liberation of Azawad", "definition")]),
    ("Nothing (here) is defined in this sentence.", []),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_definitions_in_the_report_styles(text, expected):
    assert [(p.short, p.long, p.kind) for p in find_abbreviations(text)] == expected


def test_regression_trailing_words_are_not_part_of_the_long_form():
    """Bug: "re-elect President Ibrahim Boubacar Keïta in 2018 (IBK)" gave the long form
    "Ibrahim Boubacar Keïta in 2018", which then matched as a name in the text."""
    pairs = find_abbreviations("helped re-elect President Ibrahim Boubacar Keïta in 2018 (IBK).")
    assert pairs == [AbbreviationPair("IBK", "Ibrahim Boubacar Keïta", "definition")]


def test_initials_must_start_a_word():
    assert initials_match("MSA", "Movement for the Salvation of Azawad")
    assert not initials_match("XYZ", "Movement for the Salvation of Azawad")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_never_crashes_and_pairs_come_from_the_text(text):
    for p in find_abbreviations(text):
        assert p.short in text
