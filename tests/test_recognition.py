"""Recognition and alias linking on the report (issue 3) and on a French text written for the test."""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from extractors.entities.fuzzy import best_fuzzy_match, fuzzy_index, plausible_keys, wratio_bounds
from extractors.entities.gazetteer import load_gazetteer_dir, normalise_alias
from extractors.model import METHODS, Sentence
from extractors.entities.recognize import (
    AliasTokenizer,
    RecognizerSettings,
    ReviewDecisions,
    analyse,
    build_tries,
    corpus_vocabulary,
    recognize_corpus,
    sentence_matches,
    suggestion_choices,
    tokenize,
    words_tokenize_apart,
)
from flows.runtime.models import recognizer_for

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


def test_regression_common_word_is_not_a_surname_of_a_title_taken_for_a_person(report):
    # the model reads the title "Decentralized Non-State Armed Groups" (footnote 15) as a PERSON;
    # its last word linked every capitalised "Groups" of the footnotes to it as a surname
    doc, rec = report
    assert not [m for m in rec.mentions if m.text == "Groups" and m.method == "alias"]
    # a real surname the document never writes in lower case still links to the full name
    assert {(m.entity_id, m.method) for m in rec.mentions if m.text == "Lecocq"} == {("x-baz-lecocq", "alias")}


def test_every_mention_traces_back_to_its_sentence(report):
    doc, rec = report
    sentences = {s.sentence_id: s for s in doc.sentences}
    for m in rec.mentions:
        s = sentences[m.sentence_id]
        assert s.text[m.start : m.end] == m.text
        assert m.page == s.page and m.zone == s.zone
        assert m.method in METHODS


def test_names_the_gazetteer_lacks_become_candidates(report):
    doc, rec = report
    assert rec.candidates
    for c in rec.candidates:
        assert c.count >= 1 and c.example and c.example_sentence_id
    ambiguous = [c for c in rec.candidates if c.reason.startswith("ambiguous")]
    assert all(c.suggested_entity_id for c in ambiguous)


FRENCH = [
    "Le MUJAO et AQMI ont pris Tombouctou et Gao en 2012, avant l'intervention de l'opération Serval.",
    "Les Peuls du centre du pays accusent l'armée du Mali d'exactions près de Mopti.",
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
                "kidal", "operation-serval", "mali"}  # Serval is not Barkhane (issue 14)
    assert expected - found == set()
    assert expected <= {m.entity_id for m in english.mentions} | {"operation-serval"}
    assert {m.text for m in rec.mentions if m.entity_id == "peul"} == {"Peuls"}


def test_regression_names_the_gazetteer_writes_in_lower_case_are_found_in_lower_case(gazetteer):
    """Bug: a French text's "l'armée malienne", "les forces françaises", "le gouvernement malien",
    "les chasseurs dozos" were in no mention, although the gazetteer lists them so: a match in
    lower case was taken only for an ethnonym, a name of four words or a generic head ("katiba");
    nor "les forces armées maliennes", a name French capitalises on its first word only. A
    lower-case word that merely starts some alias still finds nothing."""
    texts = ["L'armée malienne et les forces françaises ont repris Gao, mais le gouvernement malien a rompu.",
             "Les chasseurs dozos et l'armée burkinabè patrouillent ; la junte malienne dément.",
             "Les forces de sécurité et le gouvernement ont parlé aux chasseurs.",
             "Les forces armées maliennes et le haut conseil islamique ont répondu."]
    sentences = [Sentence("fr-low", f"fr-low:s{i + 1:05d}", "fr-low:p0001", None, "", "body", t)
                 for i, t in enumerate(texts)]
    rec = recognize_corpus({"fr-low": sentences}, {"fr-low": "fr"}, recognizer_for(), gazetteer)
    got = {(m.sentence_id[-1], m.text, m.entity_id) for m in rec.mentions}
    assert {("1", "armée malienne", "fama"), ("1", "forces françaises", "french-armed-forces"),
            ("1", "gouvernement malien", "government-of-mali"), ("2", "chasseurs dozos", "dozo"),
            ("2", "armée burkinabè", "burkina-armed-forces"), ("2", "junte malienne", "government-of-mali"),
            ("4", "forces armées maliennes", "fama"), ("4", "haut conseil islamique", "hcim")} <= got
    assert not [m for m in rec.mentions if m.sentence_id.endswith("3")]


# ------------------------------------------------------------------ fast paths give the slow paths' answers

MISSPELT = [
    "Kidall", "Kidal", "lyad ag Ghali", "Iyad Ag Ghaly", "Iyad ag Ghali Iyad", "Amadou Koufa", "Kouffa", "Ansar Dine",
    "Ansar al-Din", "Ansar Eddine", "MUJAO", "Mujwa", "Mouvement pour l'unicite et le jihad", "Tombouctou", "Timbuktoo",
    "Menaka", "Ménaka Ménaka", "lfoghas", "Ibrahim Boubacar Keita", "Keita", "Keïta", "Soumeila Cise", "Gao",
    "Operation Barkhane", "Barkhan", "Al Mourabitoune", "Katiba Macina", "Front de Libération du Macina", "al",
    "G5 Sahel Joint Force", "MINUSMA", "Minusma peacekeepers", "Bamako Bamako", "Azawad", "the Azawad Movement",
    "a", "xyz", "Mohamed ag Intalla of the High Council for the Unity of Azawad",
]


@pytest.mark.parametrize("cutoff", [88.0, 85.0, 86.0, 92.0, 100.0])
def test_fuzzy_suggestion_is_the_full_extractone_scan_result(gazetteer, report, cutoff):
    """Names with typos and OCR look-alikes, and the report's own candidates: the prefiltered
    suggestion is exactly what `extractOne` over every gazetteer key finds (85: no prefilter)."""
    keys = sorted(suggestion_choices(gazetteer))
    index = fuzzy_index(keys)
    names = {normalise_alias(n) for n in MISSPELT} | {normalise_alias(c.surface) for c in report[1].candidates}
    for name in sorted(names):
        full = process.extractOne(name, keys, scorer=fuzz.WRatio, score_cutoff=cutoff)
        assert best_fuzzy_match(index, name, cutoff) == (full[:2] if full else None), name
    assert best_fuzzy_match(index, "kidall", RecognizerSettings().fuzzy_threshold) == ("kidal", 90.9090909090909)
    assert best_fuzzy_match(index, "lyad ag ghali", RecognizerSettings().fuzzy_threshold)[0] == "iyad ag ghali"


WORDS = st.text(alphabet="abdeil'", min_size=1, max_size=7)
NAMES = st.lists(WORDS, min_size=1, max_size=5).map(" ".join)


@st.composite
def near_misses(draw):
    """A name and keys made from it (a letter dropped or added, words reordered or repeated,
    cut out of it or set inside a longer name) among unrelated keys."""
    name = draw(NAMES)
    i = draw(st.integers(0, len(name)))
    word = draw(WORDS)
    variants = [name[:i] + name[i + 1:], name[:i] + word[0] + name[i:], " ".join(reversed(name.split())),
                f"{name} {word}", f"{word} {name} {word}", name[i // 2:i], f"{name} {name}", name.replace("l", "i")]
    keys = draw(st.lists(st.one_of(NAMES, st.sampled_from(variants)), min_size=1, max_size=30))
    return name, [" ".join(k.split()) for k in keys]


@settings(max_examples=400, deadline=None)
@given(near_misses(), st.floats(85.6, 100.0))
def test_prefilter_keeps_every_key_wratio_scores_at_the_cutoff(case, cutoff):
    name, keys = case
    index = fuzzy_index(sorted(set(keys)))
    reaching = {k for k in index.keys if fuzz.WRatio(name, k, score_cutoff=cutoff)}
    assert reaching <= set(plausible_keys(index, name, wratio_bounds(cutoff)))
    full = process.extractOne(name, index.keys, scorer=fuzz.WRatio, score_cutoff=cutoff)
    assert best_fuzzy_match(index, name, cutoff) == (full[:2] if full else None)


def test_prefilter_keeps_a_partial_match_exactly_at_the_cutoff():
    """23 characters against a longer key that starts with 22 of them: partial_ratio 44/45, WRatio
    88.0 exactly, no substring; the shortest such name (at 22 it is a substring or below 88)."""
    name = "abcdefghijk lmnopqrstuv"
    key = name[:11] + name[12:] + " wwwwwwww zzzzzzzzz"
    assert fuzz.WRatio(name, key, score_cutoff=88) == 88.0 and name not in key
    assert plausible_keys(fuzzy_index([key]), name, wratio_bounds(88)) == [key]


def test_keys_and_names_with_other_whitespace_get_the_full_scan_result():
    keys = ["iyad\u00a0ag ghali", "iyad ag  ghali", " kidal", "kidal\tregion", "iyad ag ghali ag", "gao"]
    index = fuzzy_index(keys)
    for name in ["iyad ag ghali", "iyad\u2003ag ghali", "kidal region", "kidal", "ag ghali", "ga0"]:
        full = process.extractOne(name, keys, scorer=fuzz.WRatio, score_cutoff=88)
        assert best_fuzzy_match(index, name, 88) == (full[:2] if full else None), name
    assert best_fuzzy_match(fuzzy_index([]), "kidal", 88) is None


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_word_by_word_alias_tokens_equal_whole_string_tokens(gazetteer, lang):
    tokenizer = recognizer_for()(lang).tokenizer
    assert words_tokenize_apart(tokenizer)  # else the fast path is never taken
    texts = [t for e in gazetteer.entities for t in (e.name, *e.aliases, *e.former_names, *e.acronyms,
                                                     *e.short_forms)]
    texts += ["Cannot gonna Ain't", "cannot Cant Dont", "xD xDD Mali", "Mr Keita", "St Louis", "Ag Intalla ag",
              "Ansar  Dine", " Kidal", "Gao ", "Groupe de soutien à l'islam", "Katiba\tMacina", "Ménaka Ménaka",
              "Front 2007", "G5 Sahel", "10km 2nd 1990s", "Dr. Dolo", "Fronts1990",
              # pieces with punctuation, tokenized piece by piece too (bench/generate.py's names)
              "Alliance pour l'unité de l'Aïr (Tendance Nord)", "Y. ag Aharib", "Rally for Self-Defense of Azawad 1994",
              "CL-20", "Qa'ida al-Jihad (AQIM)", "U.S. Army", "Mr. Smith's", "N'Djamena", "Côte d'Ivoire's",
              "etc.) Mali", ":-) x", "a.m. p.m.", "don't stop", "e.g. Mali", "Ag-Intalla.", "l'Azawad - Nord"]
    by_word = AliasTokenizer.for_(tokenizer)
    for text in texts:
        assert list(by_word(text)) == tokenize(tokenizer, text), text


def test_tries_pruned_to_the_corpus_vocabulary_find_the_same_matches(gazetteer):
    """Only names whose every token the corpus has can match, OCR look-alikes included."""
    texts = ["lyad ag Ghali and the lfoghas left Kidall for Kidal.", "MUJAO and the MNLA met the Plateforme in Gao.",
             "President Keïta's government and IBK's allies", "Ansar Dine, Ansar al-Din and AQIM near Ménaka.",
             "ag Gamou and Alghabass ag Intalla spoke in Bamako."]
    sentences = [Sentence("t", f"t:s{i:05d}", "t:p0001", None, "", "body", t) for i, t in enumerate(texts)]
    nlp = recognizer_for()("en")
    analyses = analyse(sentences, nlp)
    args = (nlp.tokenizer, gazetteer, ReviewDecisions(), [])
    pruned, full = build_tries(*args, corpus_vocabulary(analyses)), build_tries(*args)
    found = [sentence_matches(a, pruned, RecognizerSettings()) for a in analyses]
    assert found == [sentence_matches(a, full, RecognizerSettings()) for a in analyses]
    found_ids = {i for ms in found for m in ms for i in m.entity_ids}
    assert {"iyad-ag-ghali", "ifoghas", "kidal", "mujao", "ibrahim-boubacar-keita", "el-hajj-ag-gamou"} <= found_ids
