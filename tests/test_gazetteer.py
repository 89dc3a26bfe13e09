"""Tests for the gazetteer loader and the Sahel gazetteer."""
from __future__ import annotations

import re
import textwrap
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.entities.gazetteer import (
    COMMON_WORDS,
    Gazetteer,
    GazetteerError,
    acronym_key,
    load_gazetteer,
    load_gazetteer_dir,
    normalise_alias,
)
from extractors.model import ENTITY_TYPES

ROOT = Path(__file__).resolve().parents[1]
GAZETTEERS = ROOT / "gazetteers"
REPORT = ROOT / "tests" / "fixtures" / "mali-status-quo-2018.md"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer_dir(GAZETTEERS)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def load_error(paths: list[Path]) -> str:
    with pytest.raises(GazetteerError) as info:
        load_gazetteer(paths)
    return str(info.value)


# ------------------------------------------------------------------ normalise_alias


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ménaka", "Menaka"),
        ("SÉGOU", "segou"),
        ("Fulɓe", "Fulbe"),
        ("al-Qa’ida", "AL-QA'IDA"),
        ("ʿAbd al-Hamid", "'abd al hamid"),
        ("Ansar al‑Din", "ansar al din"),  # non-breaking hyphen
        ("Ansar al-Din", "Ansar al Din"),
        ("Tin–Essako", "tin essako"),  # en dash
        ("  Iyad\u00a0ag\tGhali \n", "iyad ag ghali"),
        ("Tom\u00adbouctou", "tombouctou"),  # soft hyphen
        ("«Ras Bath»", '"ras bath"'),
        ("Œuvre", "oeuvre"),
    ],
)
def test_normalise_alias_unifies(a: str, b: str) -> None:
    assert normalise_alias(a) == normalise_alias(b)


def test_normalise_alias_keeps_real_differences() -> None:
    assert normalise_alias("Ifoghas") != normalise_alias("lfoghas")
    assert normalise_alias("Ansar Dine") != normalise_alias("Ansar Eddine")
    assert normalise_alias("Diallo") != normalise_alias("Diall")


@given(st.text())
def test_normalise_alias_is_idempotent(text: str) -> None:
    once = normalise_alias(text)
    assert normalise_alias(once) == once


def test_acronym_key_keeps_case() -> None:
    assert acronym_key("UN") != acronym_key("un")
    assert acronym_key("FC‑G5S") == "FC-G5S"


# ------------------------------------------------------------ the real gazetteer


def test_real_gazetteer_loads_without_warnings(gaz: Gazetteer) -> None:
    assert gaz.warnings == ()
    assert 500 <= len(gaz.entities) <= 1000  # sahel.yaml (the report) + the sahel-*.yaml files (2012-today)
    assert len(gaz.by_id) == len(gaz.entities)


def test_every_type_is_used_and_valid(gaz: Gazetteer) -> None:
    counts = Counter(e.type for e in gaz.entities)
    assert set(counts) == set(ENTITY_TYPES)


def test_sources_name_file_and_line(gaz: Gazetteer) -> None:
    for entity in gaz.entities:
        assert re.search(r"sahel(-[a-z]+)?\.yaml:\d+$", entity.source), entity


@pytest.mark.parametrize(
    ("text", "entity_id"),
    [
        ("MUJWA", "mujao"),
        ("MUJAO", "mujao"),
        ("MOJWA", "mujao"),
        ("Movement for Unity and Jihad in West Africa", "mujao"),
        ("Mouvement pour l'unicité et le jihad en Afrique de l'Ouest", "mujao"),
        ("IBK", "ibrahim-boubacar-keita"),
        ("Ibrahim Boubacar Keïta", "ibrahim-boubacar-keita"),
        ("Ibrahim Boubacar Keita", "ibrahim-boubacar-keita"),
        ("ATT", "amadou-toumani-toure"),
        ("Ménaka", "menaka"),
        ("Menaka", "menaka"),
        ("MENAKA", "menaka"),
        ("Ifoghas", "ifoghas"),
        ("lfoghas", "ifoghas"),
        ("lfergoumessen", "ifergoumessen"),
        ("Macina Liberation Front", "katiba-macina"),
        ("Macina Battalion", "katiba-macina"),
        ("Katiba Macina", "katiba-macina"),
        ("Front de libération du Macina", "katiba-macina"),
        ("Macina", "macina"),
        ("Tombouctou", "timbuktu"),
        ("Timbuktu", "timbuktu"),
        ("Peul", "peul"),
        ("Fulani", "peul"),
        ("Peuls", "peul"),
        ("Fulbe", "peul"),
        ("Ségou", "segou"),
        ("Segou", "segou"),
        ("Ansar Dine", "ansar-al-din"),
        ("Ansar al-Din", "ansar-al-din"),
        ("Ansar Eddine", "ansar-al-din"),
        ("AQMI", "aqim"),
        ("AQIM", "aqim"),
        ("Al-Qa’ida in the Islamic Maghreb", "aqim"),
        ("GSPC", "aqim"),
        ("EIGS", "isgs"),
        ("ISGS", "isgs"),
        ("Islamic State in the Greater Sahara", "isgs"),
        ("État islamique dans le Grand Sahara", "isgs"),
        ("Jama’at Nusrat al-Islam wa-l-Muslimin", "jnim"),
        ("Operation Barkhane", "operation-barkhane"),
        ("Barkhane", "operation-barkhane"),
        ("Operation Serval", "operation-serval"),  # distinct operations stay distinct (issue 14)
        ("French forces", "french-armed-forces"),
        ("MINUSMA", "minusma"),
        ("G-5 Sahel", "g5-sahel"),
        ("G5 Sahel", "g5-sahel"),
        ("Joint Force of the G-5 Sahel", "g5-sahel-joint-force"),
        ("FAMa", "fama"),
        ("Malian Armed Forces", "fama"),
        ("ECOWAS", "ecowas"),
        ("CEDEAO", "ecowas"),
        ("Gao", "gao"),
        ("Kidal", "kidal"),
        ("Mopti", "mopti"),
        ("Abeibera", "abeibara"),
        ("Idran", "idnan"),
        ("Ganda Iso", "ganda-izo"),
        ("Alhabass ag Intalla", "alghabass-ag-intalla"),
        ("Mohammad ag Intalla", "mohamed-ag-intalla"),
        ("‘Abd al-Hamid Abu Zayd", "abd-al-hamid-abu-zayd"),
        ("Ras Bath", "mohamed-youssouf-bathily"),
        ("Self-Defense Group for Imghad Tuareg and Allies", "gatia"),
        ("Gatia", "gatia"),
        ("UN", "united-nations"),
        ("French Sudan", "mali"),
    ],
)
def test_key_aliases_resolve_to_one_id(gaz: Gazetteer, text: str, entity_id: str) -> None:
    assert gaz.lookup(text) == (entity_id,)


@pytest.mark.parametrize("text", ["un", "au", "eu", "us", "Malian", "French", "the government", "Platform"])
def test_common_words_and_lowercased_acronyms_resolve_to_nothing(gaz: Gazetteer, text: str) -> None:
    assert gaz.lookup(text) == ()


SHARED_SURNAMES = {
    "Cissé": {"soumaila-cisse", "aba-cisse", "boubacar-cisse", "boubou-cisse"},
    "Sangaré": {"boukary-sangare", "boubacar-sangare"},
    "Maïga": {"soumeylou-boubeye-maiga", "ibrahim-maiga", "choguel-kokalla-maiga", "abdoulaye-maiga",
              "abdoulaye-idrissa-maiga", "mahamadou-djeri-maiga"},
    "Keïta": {"ibrahim-boubacar-keita", "naffet-keita", "youssouf-keita", "modibo-keita", "karim-keita"},
    "Touré": {"amadou-toumani-toure", "oumar-ibrahima-toure"},
    "Dicko": {"brema-ely-dicko", "issa-dicko", "mahmoud-dicko", "ibrahim-malam-dicko", "jafar-dicko"},
    "Diarra": {"cheick-modibo-diarra", "ousmane-diarra"},
    "ag Intalla": {"mohamed-ag-intalla", "alghabass-ag-intalla"},
    "Traoré": {"dioncounda-traore", "ibrahim-traore"},
    "al-Sahraoui": {"adnan-abu-walid-al-sahraoui", "abu-al-bara-al-sahrawi", "abdelhakim-al-sahrawi"},
}


@pytest.mark.parametrize("surname", sorted(SHARED_SURNAMES))
def test_shared_surnames_are_short_forms_of_distinct_people(gaz: Gazetteer, surname: str) -> None:
    expected = SHARED_SURNAMES[surname]
    assert set(gaz.short_form_ids(surname)) == expected
    assert gaz.lookup(surname) == ()  # a bare surname never auto-links
    for entity_id in expected:
        assert gaz.by_id[entity_id].type == "PERSON"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Soumaïla Cissé", "Aba Cissé"),
        ("Soumaïla Cissé", "Boubacar Cissé"),
        ("Aba Cissé", "Boubacar Cissé"),
        ("Boukary Sangaré", "Boubacar Sangaré"),
        ("Ali Nouhoum Diallo", "Amadou Mody Diall"),
        ("Intalla ag Attaher", "Mohamed ag Intalla"),
        ("Mohamed ag Intalla", "Alghabass ag Intalla"),
        ("Intalla ag Attaher", "Alghabass ag Intalla"),
        ("Soumeylou Boubèye Maïga", "Ibrahim Maïga"),
        ("Amadou Toumani Touré", "Oumar Ibrahima Touré"),
        ("Ibrahim Boubacar Keïta", "Naffet Keïta"),
        ("Ibrahim Boubacar Keïta", "Modibo Keïta"),
        ("Choguel Kokalla Maïga", "Abdoulaye Maïga"),
        ("Abdoulaye Maïga", "Abdoulaye Idrissa Maïga"),
        ("Mahmoud Dicko", "Ibrahim Malam Dicko"),
        ("Ibrahim Malam Dicko", "Jafar Dicko"),
        ("Dioncounda Traoré", "Ibrahim Traoré"),
        ("Adnan Abu Walid al-Sahraoui", "Abu al-Bara al-Sahrawi"),
    ],
)
def test_people_sharing_a_surname_have_distinct_ids(gaz: Gazetteer, a: str, b: str) -> None:
    (id_a,) = gaz.lookup(a)
    (id_b,) = gaz.lookup(b)
    assert id_a != id_b


def test_short_forms_the_report_uses(gaz: Gazetteer) -> None:
    for text, entity_id in [
        ("ag Ghali", "iyad-ag-ghali"),
        ("Ag Ghali", "iyad-ag-ghali"),
        ("Kouffa", "amadou-kouffa"),
        ("ag Gamou", "el-hajj-ag-gamou"),
        ("ag Achérif", "bilal-ag-acherif"),
        ("ag Aharib", "mohamed-ag-aharib"),
        ("Mara", "moussa-mara"),
        ("Salif", "nouhoum-salif"),
        ("Diall", "amadou-mody-diall"),
        ("Diallo", "ali-nouhoum-diallo"),
    ]:
        assert gaz.short_form_ids(text) == (entity_id,), text


def test_no_alias_is_a_common_word(gaz: Gazetteer) -> None:
    spacy_words: set[str] = set()
    try:
        from spacy.lang.en.stop_words import STOP_WORDS as en
        from spacy.lang.fr.stop_words import STOP_WORDS as fr

        spacy_words = {normalise_alias(w) for w in en | fr}
    except ImportError:  # pragma: no cover - spaCy is a project dependency
        pass
    for entity in gaz.entities:
        for text in (entity.name, *entity.aliases, *entity.former_names, *entity.short_forms):
            key = normalise_alias(text)
            assert key not in COMMON_WORDS, (entity.id, text)
            assert key not in spacy_words, (entity.id, text)


def test_ids_are_slugs_and_persons_are_named_in_full(gaz: Gazetteer) -> None:
    for entity in gaz.entities:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", entity.id)
        if entity.type == "PERSON":
            assert len(entity.name.split()) >= 2, entity.name


# ---------------------------------------------- coverage of the bundled report


def _report() -> str:
    return REPORT.read_text(encoding="utf-8")


def test_every_abbreviation_of_the_report_resolves(gaz: Gazetteer) -> None:
    text = _report()
    section = text.split("# Abbreviations", 1)[1].split("# Glossary", 1)[0]
    acronyms = re.findall(r"^(?:- )?([A-Z]{2,})\s+[–-]\s", section, flags=re.M)
    assert len(acronyms) >= 13
    for acronym in acronyms:
        assert len(gaz.lookup(acronym)) == 1, acronym


def test_every_glossary_actor_resolves_to_a_person(gaz: Gazetteer) -> None:
    text = _report()
    section = text.split("## Key Actors", 1)[1].split("# Executive Summary", 1)[0]
    names = re.findall(r"^\*\*(.+?), (.+?)\*\*", section, flags=re.M)
    assert len(names) == 16
    ids = set()
    for surname, given in names:
        inverted = gaz.lookup(f"{surname}, {given}")
        direct = gaz.lookup(f"{given} {surname}")
        assert len(inverted) == 1 and inverted == direct, (surname, given)
        assert gaz.by_id[inverted[0]].type == "PERSON"
        ids.add(inverted[0])
    assert len(ids) == 16


@pytest.mark.parametrize(
    "name",
    [
        # actors and interviewees named in the body or footnotes
        "Ibrahim ag Bahanga", "Nabil Makhlouf", "Cheikh ag Aoussa", "Alpha Oumar Konaré",
        "Moussa Mara", "Mohamed Youssouf Bathily", "Mohamed ag Najem", "Mohamed ag Aharib",
        "Mohamed Ould Mahmoud", "Assinamar ag Ousmane", "Oumar Ould Hamaha", "Abdelkrim al-Targui",
        "Ibrahim ag Mohamed Assaleh", "Ibrahim Maïga", "Salim Ould M'Begui", "Fahad ag Almahmoud",
        "Ahmoudène ag Iknass", "Sidi Mohamed ag Ichrach", "Boukary Sangaré", "Brema Ely Dicko",
        "Aba Cissé", "Boubacar Cissé", "Boubacar Sangaré", "Amadou Mody Diall", "Yoby Guindo",
        "Issa Dicko", "Nouhoum Salif", "Oumar Sow", "Mahmoud Zouber", "Malick ag Wanasnat",
        "Sultan Ould Badi", "Nicolas Sarkozy", "Abdelaziz Bouteflika", "Bajan ag Hamatou",
        "Bruno Guibert", "Cheick Modibo Diarra", "Mokhtar Belmokhtar", "Adnan Abu Walid al-Sahraoui",
    ],
)
def test_named_people_resolve(gaz: Gazetteer, name: str) -> None:
    (entity_id,) = gaz.lookup(name)
    assert gaz.by_id[entity_id].type == "PERSON"


@pytest.mark.parametrize(
    ("name", "entity_type"),
    [
        ("Kel Adagh", "ETHNIC_GROUP"), ("Imghad", "ETHNIC_GROUP"), ("Daoussak", "ETHNIC_GROUP"),
        ("Kel Afella", "ETHNIC_GROUP"), ("Iriyaken", "ETHNIC_GROUP"), ("Kel Ansar", "ETHNIC_GROUP"),
        ("Dogon", "ETHNIC_GROUP"), ("Bambara", "ETHNIC_GROUP"), ("Songhai", "ETHNIC_GROUP"),
        ("Tuareg", "ETHNIC_GROUP"), ("Arab", "ETHNIC_GROUP"), ("Mandinka", "ETHNIC_GROUP"),
        ("Ganda Koy", "ARMED_GROUP"), ("Dan Na Ambassagou", "ARMED_GROUP"), ("Plateforme", "ARMED_GROUP"),
        ("ARLA", "ARMED_GROUP"), ("MPLA", "ARMED_GROUP"), ("MAA", "ARMED_GROUP"), ("CPA", "ARMED_GROUP"),
        ("Boko Haram", "ARMED_GROUP"), ("National Assembly", "STATE_BODY"), ("CMDT", "STATE_BODY"),
        ("Malian government", "STATE_BODY"), ("European Union", "INTL_ORG"), ("EUTM", "INTL_ORG"),
        ("Carter Center", "INTL_ORG"), ("HD Centre", "INTL_ORG"), ("World Bank", "INTL_ORG"),
        ("International Monetary Fund", "INTL_ORG"), ("African Union", "INTL_ORG"),
        ("United Nations Panel of Experts on Mali", "INTL_ORG"), ("Chadian forces", "FOREIGN_FORCE"),
        ("Mali", "PLACE"), ("France", "PLACE"), ("Algeria", "PLACE"), ("Niger", "PLACE"),
        ("Burkina Faso", "PLACE"), ("Libya", "PLACE"), ("Mauritania", "PLACE"), ("Morocco", "PLACE"),
        ("Bamako", "PLACE"), ("Tessalit", "PLACE"), ("Aguelhoc", "PLACE"), ("Tin-Essako", "PLACE"),
        ("Tinzawaten", "PLACE"), ("Zakak", "PLACE"), ("Konna", "PLACE"), ("Sévaré", "PLACE"),
        ("Tenenkou", "PLACE"), ("Youwarou", "PLACE"), ("Djenné", "PLACE"), ("Dogo", "PLACE"),
        ("Gondo-Ogouro", "PLACE"), ("Soosoobé", "PLACE"), ("Sasalbé", "PLACE"), ("Tamanrasset", "PLACE"),
        ("Algiers", "PLACE"), ("Azawad", "PLACE"), ("Sahel", "PLACE"), ("Kurdistan Region of Iraq", "PLACE"),
    ],
)
def test_report_entities_have_the_right_type(gaz: Gazetteer, name: str, entity_type: str) -> None:
    (entity_id,) = gaz.lookup(name)
    assert gaz.by_id[entity_id].type == entity_type


# ------------------------------------------------------------- malformed files

GOOD = """
entities:
  - id: mnla
    name: National Movement for the Liberation of Azawad
    type: ARMED_GROUP
    acronyms: [MNLA]
"""


def test_good_minimal_file_loads(tmp_path: Path) -> None:
    gaz = load_gazetteer([write(tmp_path, "a.yaml", GOOD)])
    assert gaz.lookup("MNLA") == ("mnla",)
    assert gaz.lookup("mnla") == ()
    entity = gaz.by_id["mnla"]
    assert entity.source.endswith("a.yaml:2")
    assert entity.aliases == () and entity.notes == ""


def test_bad_yaml_names_file_and_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "bad.yaml",
        """
        entities:
          - id: mnla
            name: MNLA movement
            type: ARMED_GROUP
            aliases: [one, two
          - id: other
        """,
    )
    message = load_error([path])
    assert re.search(rf"{re.escape(str(path))}:\d+: malformed YAML", message)


def test_tab_indentation_is_malformed_yaml(tmp_path: Path) -> None:
    path = tmp_path / "tab.yaml"
    path.write_text("entities:\n\t- id: x\n", encoding="utf-8")
    assert f"{path}:2: malformed YAML" in load_error([path])


def test_unknown_type_names_file_line_and_choices(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "sahel.yaml",
        """
        entities:
          - id: mnla
            name: National Movement for the Liberation of Azawad
            type: GROUP
        """,
    )
    message = load_error([path])
    assert f"{path}:4: entity 'mnla': unknown type 'GROUP' (expected one of PERSON, ARMED_GROUP" in message


def test_missing_name_names_file_and_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.yaml",
        """
        entities:
          - id: gao
            name: Gao
            type: PLACE
          - id: mnla
            type: ARMED_GROUP
        """,
    )
    assert f"{path}:5: entity 'mnla': missing required field 'name'" in load_error([path])


def test_duplicate_id_across_files_names_both_places(tmp_path: Path) -> None:
    first = write(tmp_path, "a.yaml", GOOD)
    second = write(
        tmp_path,
        "b.yaml",
        """
        entities:
          - id: gao
            name: Gao
            type: PLACE
          - id: mnla
            name: MNLA again
            type: ARMED_GROUP
        """,
    )
    message = load_error([first, second])
    assert f"{second}:5: entity 'mnla': duplicate id (first defined at {first}:2)" in message


def test_duplicate_id_in_one_file(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.yaml",
        """
        entities:
          - {id: gao, name: Gao, type: PLACE}
          - {id: gao, name: Gao city, type: PLACE}
        """,
    )
    assert f"{path}:3: entity 'gao': duplicate id (first defined at {path}:2)" in load_error([path])


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.yaml",
        """
        entities:
          - id: Bad Id
            name: Something
            type: PLACE
          - id: x
            name: Ixworth
            type: PLACE
            alias: [Ix]
          - id: y
            name: Why
            type: PLACE
            aliases: US
        """,
    )
    with pytest.raises(GazetteerError) as info:
        load_gazetteer([path])
    problems = info.value.problems
    assert any(f"{path}:2: entity 'Bad Id': id must be a lowercase slug" in p for p in problems)
    assert any(f"{path}:8: entity 'x': unknown field 'alias'" in p and "did you mean 'aliases'" in p for p in problems)
    assert any(f"{path}:12: entity 'y': 'aliases' must be a list of strings" in p for p in problems)


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ("  - {id: usa, name: United States, type: PLACE, aliases: [US]}\n", "is a common word when lowercased"),
        ("  - {id: mali, name: Mali, type: PLACE, aliases: [Malian]}\n", "is a common word when lowercased"),
        ("  - {id: gov, name: Government of Mali, type: STATE_BODY, aliases: [the government]}\n", "generic phrase"),
        ("  - {id: un, name: United Nations, type: INTL_ORG, acronyms: [un]}\n", "has no capital letter"),
        ("  - {id: gao, name: Gao, type: PLACE, aliases: ['']}\n", "is empty"),
        ("  - {id: gao, name: Gao, type: PLACE, short_forms: [GAO]}\n", "is also a name or alias"),
        ("  - {id: gao, name: Gao, type: PLACE, type: PLACE}\n", "given twice"),
        ("  - {id: gao, name: Gao, type: PLACE, aliases: [[x]]}\n", "must be text"),
        ("  - gao\n", "must be a mapping"),
    ],
)
def test_invalid_entities(tmp_path: Path, body: str, needle: str) -> None:
    path = write(tmp_path, "a.yaml", "entities:\n" + body)
    message = load_error([path])
    assert f"{path}:2" in message and needle in message


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("", ":1: empty file"),
        ("- id: gao\n", ":1: the file must be a mapping"),
        ("entitys: []\n", "unknown field 'entitys'"),
        ("entities: {}\n", "'entities' must be a list"),
        ("entities: []\n---\nentities: []\n", "malformed YAML"),
    ],
)
def test_invalid_files(tmp_path: Path, text: str, needle: str) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(text, encoding="utf-8")
    message = load_error([path])
    assert message.startswith(str(path)) and needle in message


def test_forbidden_character_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("entities:\n  - id: gao\n    name: G\x07o\n", encoding="utf-8")
    assert f"{path}:3: malformed YAML" in load_error([path])


def test_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"entities:\n  - id: gao\n    name: G\xe9o\n")
    assert f"{path}:3: not valid UTF-8" in load_error([path])


def test_same_canonical_name_twice_is_an_error(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.yaml",
        """
        entities:
          - {id: boubacar-cisse, name: Boubacar Cissé, type: PERSON}
          - {id: boubacar-cisse-2, name: Boubacar Cisse, type: PERSON}
        """,
    )
    message = load_error([path])
    assert f"{path}:3: entity 'boubacar-cisse-2': name 'Boubacar Cisse' is also the name of 'boubacar-cisse'" in message


def test_yaml_scalars_are_read_as_text(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.yaml",
        """
        entities:
          - id: norway
            name: Norway
            type: PLACE
            acronyms: [NO]
            aliases: [Norge, 1905 kingdom]
        """,
    )
    gaz = load_gazetteer([path])
    assert gaz.by_id["norway"].acronyms == ("NO",)
    assert gaz.lookup("1905 Kingdom") == ("norway",)


# -------------------------------------------------------------- shared aliases


def test_shared_alias_is_reported_with_both_ids(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.yaml",
        """
        entities:
          - id: gao
            name: Gao
            type: PLACE
          - id: gao-region
            name: Gao Region
            type: PLACE
            aliases: [GAO]
          - id: mnla
            name: National Movement for the Liberation of Azawad
            type: ARMED_GROUP
            acronyms: [MNLA]
          - id: mnla-2
            name: MNLA copy
            type: ARMED_GROUP
            acronyms: [MNLA]
        """,
    )
    gaz = load_gazetteer([path])
    assert gaz.lookup("Gao") == ("gao", "gao-region")
    alias_warning = next(w for w in gaz.warnings if "alias" in w and "'gao'" in w)
    assert "'gao-region'" in alias_warning
    assert f"{path}:3" in alias_warning and f"{path}:8" in alias_warning
    acronym_warning = next(w for w in gaz.warnings if "acronym 'MNLA'" in w)
    assert "'mnla'" in acronym_warning and "'mnla-2'" in acronym_warning


def test_shared_short_forms_are_not_reported(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.yaml",
        """
        entities:
          - {id: aba-cisse, name: Aba Cissé, type: PERSON, short_forms: [Cissé]}
          - {id: boubacar-cisse, name: Boubacar Cissé, type: PERSON, short_forms: [Cisse]}
        """,
    )
    gaz = load_gazetteer([path])
    assert gaz.warnings == ()
    assert gaz.short_form_ids("CISSÉ") == ("aba-cisse", "boubacar-cisse")
    assert gaz.lookup("Cissé") == ()


def test_short_form_shadowed_by_another_alias_is_reported(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.yaml",
        """
        entities:
          - {id: macina, name: Macina, type: PLACE}
          - {id: katiba-macina, name: Katiba Macina, type: ARMED_GROUP, short_forms: [Macina]}
        """,
    )
    (warning,) = load_gazetteer([path]).warnings
    assert "short form 'Macina'" in warning and "'macina'" in warning and "'katiba-macina'" in warning


def test_diacritic_variants_in_one_entity_are_not_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "a.yaml", "entities:\n  - {id: menaka, name: Ménaka, type: PLACE, aliases: [Menaka]}\n")
    assert load_gazetteer([path]).warnings == ()


# ------------------------------------------------------------------- folders


def test_folder_loads_yaml_files_in_sorted_order(tmp_path: Path) -> None:
    write(tmp_path, "b.yaml", "entities:\n  - {id: gao, name: Gao, type: PLACE}\n")
    write(tmp_path, "a.yaml", "entities:\n  - {id: kidal, name: Kidal, type: PLACE}\n")
    write(tmp_path, "c.yml", "entities:\n  - {id: mopti, name: Mopti, type: PLACE}\n")
    gaz = load_gazetteer_dir(tmp_path)
    assert [e.id for e in gaz.entities] == ["kidal", "gao"]
    assert any("c.yml" in w and "ignored" in w for w in gaz.warnings)


def test_empty_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="no \\*.yaml gazetteer files"):
        load_gazetteer_dir(tmp_path)
