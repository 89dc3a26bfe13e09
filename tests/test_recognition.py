"""Recognition and alias linking on the report (issue 3) and on a French text written for the test."""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from extractors.gazetteer import load_gazetteer_dir
from extractors.model import Sentence
from extractors.recognize import recognize_corpus
from flows.models import recognizer_for

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer_dir(ROOT / "gazetteers")


@pytest.fixture(scope="module")
def report(report_pdf, gazetteer):
    doc = report_pdf
    return doc, recognize_corpus({doc.doc_id: doc.sentences}, {doc.doc_id: "en"}, recognizer_for(), gazetteer)


def body_mentions(report):
    doc, rec = report
    zones = {s.sentence_id: s.zone for s in doc.sentences}
    return [m for m in rec.mentions if zones[m.sentence_id] == "body"]


def surfaces_by_entity(mentions):
    out = defaultdict(set)
    for m in mentions:
        out[m.entity_id].add(m.text)
    return out


GLOSSARY_AND_ABBREVIATIONS = [
    # abbreviation list: armed groups, coalitions, foreign forces/missions
    "aqim", "cja", "cma", "cme", "gatia", "hcua", "isgs", "jnim", "minusma", "mnla", "msa", "mujao", "plateforme",
    # glossary: persons
    "soumaila-cisse", "ali-nouhoum-diallo", "ibrahim-boubacar-keita", "soumeylou-boubeye-maiga",
    "amadou-toumani-toure", "bilal-ag-acherif", "intalla-ag-attaher", "ahmada-ag-bibi", "iyad-ag-ghali",
    "alghabass-ag-intalla", "mohamed-ag-intalla", "moussa-ag-acharatoumane", "el-hajj-ag-gamou",
    "yahya-abu-al-hammam", "abd-al-hamid-abu-zayd", "amadou-kouffa",
]


def named_in_body(doc, entity) -> bool:
    """Does the body text name the entity at all (its name, an acronym, or its last name)?"""
    body = " ".join(s.text for s in doc.sentences if s.zone == "body")
    words = [entity.name, *entity.acronyms]
    if entity.type == "PERSON":
        words.append(entity.name.split()[-1])
    return any(w in body for w in words)


def test_glossary_and_abbreviation_actors_are_recognised_in_the_body(report, gazetteer):
    doc, rec = report
    found_body = {m.entity_id for m in body_mentions(report)}
    found_any = {m.entity_id for m in rec.mentions}
    known = set(gazetteer.by_id)
    assert set(GLOSSARY_AND_ABBREVIATIONS) <= known, set(GLOSSARY_AND_ABBREVIATIONS) - known
    in_body = {e for e in GLOSSARY_AND_ABBREVIATIONS if named_in_body(doc, gazetteer.by_id[e])}
    assert len(in_body) >= len(GLOSSARY_AND_ABBREVIATIONS) - 3  # a few appear only in glossary and notes
    assert in_body - found_body == set()
    assert set(GLOSSARY_AND_ABBREVIATIONS) - found_any == set()
    assert {"operation-barkhane", "g5-sahel"} <= found_body


@pytest.mark.parametrize(
    "entity_id, forms",
    [
        ("mujao", {"MUJWA", "MUJAO"}),
        ("ibrahim-boubacar-keita", {"IBK", "Ibrahim Boubacar Keïta"}),
        ("menaka", {"Ménaka", "Menaka"}),
        ("ifoghas", {"Ifoghas", "lfoghas"}),
        ("katiba-macina", {"Macina Liberation Front", "Macina Battalion"}),
    ],
)
def test_aliases_end_on_one_entity(report, entity_id, forms):
    doc, rec = report
    by_entity = surfaces_by_entity(rec.mentions)
    assert forms <= by_entity[entity_id], (entity_id, by_entity[entity_id])
    for form in forms:
        assert {m.entity_id for m in rec.mentions if m.text == form} == {entity_id}, form


@pytest.mark.parametrize(
    "people",
    [
        ("soumaila-cisse", "aba-cisse", "boubacar-cisse"),
        ("boukary-sangare", "boubacar-sangare"),
        ("ali-nouhoum-diallo", "amadou-mody-diall"),
        ("intalla-ag-attaher", "mohamed-ag-intalla", "alghabass-ag-intalla"),
        ("soumeylou-boubeye-maiga", "ibrahim-maiga"),
    ],
)
def test_people_sharing_a_surname_stay_apart(report, people):
    doc, rec = report
    by_entity = surfaces_by_entity(rec.mentions)
    for person in people:
        assert by_entity[person], f"{person} never recognised"
    for a in people:
        for b in people:
            if a < b:
                full_a = {t for t in by_entity[a] if len(t.split()) > 1}
                assert not (full_a & by_entity[b]), (a, b)
    names = {e.entity_id: e.name for e in rec.entities}
    assert len({names[p] for p in people}) == len(people)


def test_bare_surname_goes_to_the_person_named_nearby(report):
    doc, rec = report
    text = {s.sentence_id: s.text for s in doc.sentences}
    cisse = [m for m in rec.mentions if m.text == "Cissé" and "either IBK or Cissé" in text[m.sentence_id]]
    assert [m.entity_id for m in cisse] == ["soumaila-cisse"]


def test_adjectives_and_generic_words_are_not_entities(report):
    doc, rec = report
    assert not [m for m in rec.mentions if m.text in {"Malian", "Malians", "French", "jihadist", "jihadists"}]
    assert not [e for e in rec.entities if e.name in {"Malian", "French", "jihadist"}]


def test_every_mention_traces_back_to_its_sentence(report):
    doc, rec = report
    sentences = {s.sentence_id: s for s in doc.sentences}
    for m in rec.mentions:
        s = sentences[m.sentence_id]
        assert s.text[m.start : m.end] == m.text
        assert m.page == s.page and m.zone == s.zone
        assert m.method in {"gazetteer", "ner", "acronym", "alias", "fuzzy", "review"}


def test_names_the_gazetteer_lacks_become_candidates(report):
    doc, rec = report
    assert rec.candidates
    for c in rec.candidates:
        assert c.count >= 1 and c.example and c.example_sentence_id
    ambiguous = [c for c in rec.candidates if c.reason.startswith("ambiguous")]
    assert all(c.suggested_entity_id for c in ambiguous)


FRENCH = [
    "Le MUJAO et AQMI ont pris Tombouctou et Gao en 2012, avant l'intervention de l'opération Serval.",
    "Les Peuls du centre du Mali accusent l'armée malienne d'exactions près de Mopti.",
    "Iyad Ag Ghali dirige le Groupe de soutien à l'islam et aux musulmans, selon la MINUSMA.",
    "Le Mouvement national de libération de l'Azawad (MNLA) contrôle Kidal.",
]


def test_french_text_links_to_the_same_entities(gazetteer, report):
    _, english = report
    sentences = [Sentence("fr-test", f"fr-test:s{i + 1:05d}", "fr-test:p0001", None, "", "body", t)
                 for i, t in enumerate(FRENCH)]
    rec = recognize_corpus({"fr-test": sentences}, {"fr-test": "fr"}, recognizer_for(), gazetteer)
    found = {m.entity_id for m in rec.mentions}
    expected = {"mujao", "aqim", "timbuktu", "gao", "peul", "mopti", "iyad-ag-ghali", "jnim", "minusma", "mnla",
                "kidal", "operation-barkhane", "mali"}
    assert expected - found == set()
    assert expected <= {m.entity_id for m in english.mentions} | {"operation-barkhane"}
    assert {m.text for m in rec.mentions if m.entity_id == "peul"} == {"Peuls"}
