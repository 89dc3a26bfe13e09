"""Invented text for the document-kind builders (kinds_*.py): a municipal plan in English and
French, a form, an agenda, a journal article, a conference paper, a textbook, a software manual,
and sentences that test splitting. Seeded, so each build is the same; sentences vary (slots filled
from small lists) so that no sentence is repeated word for word."""
from __future__ import annotations

import random

PLACES = ["Riverside", "Old Town", "North Quay", "Hillcrest", "Mill Park", "Saint-Roch", "Beaulieu",
          "Les Prés", "Eastgate", "Pine Ridge", "Harbour Point", "Val-Fleuri", "Westmount", "Lakeshore"]
TOPICS = ["housing", "transit", "parks", "water supply", "stormwater", "cycling routes", "heritage buildings",
          "retail streets", "schools", "public health", "noise", "street trees", "parking", "snow removal"]
SUJETS = ["le logement", "le transport collectif", "les parcs", "l'eau potable", "les eaux pluviales",
          "les pistes cyclables", "le patrimoine bâti", "les rues commerçantes", "les écoles", "la santé publique",
          "le bruit", "les arbres de rue", "le stationnement", "le déneigement"]
QUARTIERS = ["Saint-Roch", "Beaulieu", "Les Prés", "Val-Fleuri", "le Vieux-Port", "la Haute-Ville",
             "Limoilou", "Montcalm", "Sainte-Foy", "Charlesbourg", "Vanier", "Sillery"]

EN = [
    "The plan sets out how {place} will grow over the next {n} years, with particular attention to {topic}.",
    "Residents of {place} asked for better {topic} during the {n2} public meetings held in {year}.",
    "Council will review the policy on {topic} every {n3} years and report on progress to the public.",
    "About {pct} per cent of new dwellings are expected within walking distance of a frequent bus line.",
    "In {place}, the existing zoning allows buildings of up to {n3} storeys along the main street.",
    "The city intends to reduce the share of trips made by car from {pct} to {pct2} per cent by {year2}.",
    "Funding for {topic} comes partly from development charges and partly from provincial grants.",
    "A heritage survey of {place} identified {n2} buildings that deserve protection under the by-law.",
    "Where a proposal conflicts with this plan, the plan prevails unless Council decides otherwise.",
    "Stormwater from the {place} catchment currently flows untreated into the river after heavy rain.",
    "The department of planning will publish an annual monitoring report on {topic} each spring.",
    "New parks should be located so that every household is within {n4} metres of green space.",
    "Consultation showed strong support for {topic}, although some merchants in {place} raised concerns.",
    "The population of the municipality rose from {pop} in {year0} to {pop2} at the last census.",
    "Employment lands near {place} are reserved for light industry, offices and research facilities.",
    "Infill housing on vacant lots in {place} will be encouraged through a simplified permit process.",
    "The transit authority plans to extend route {route} to {place} once the new depot opens.",
    "Each neighbourhood plan must describe its own priorities for {topic} and for {topic2}.",
]
FR = [
    "Le plan précise comment {quartier} se développera au cours des {n} prochaines années, en particulier pour {sujet}.",
    "Les résidents de {quartier} ont demandé de meilleurs services lors des {n2} séances publiques tenues en {year}.",
    "Le conseil municipal révisera la politique sur {sujet} tous les {n3} ans et en fera rapport à la population.",
    "Environ {pct} % des nouveaux logements seront situés à distance de marche d'une ligne d'autobus fréquente.",
    "Dans {quartier}, le zonage actuel permet des bâtiments d'au plus {n3} étages le long de la rue principale.",
    "La Ville entend réduire la part des déplacements en automobile de {pct} % à {pct2} % d'ici {year2}.",
    "Le financement pour {sujet} provient en partie des redevances de développement et en partie de subventions.",
    "Un inventaire du patrimoine de {quartier} a relevé {n2} bâtiments qui méritent une protection réglementaire.",
    "En cas de conflit entre un projet et le présent plan, le plan a préséance, sauf décision contraire du conseil.",
    "Le service de l'urbanisme publiera chaque printemps un rapport de suivi sur {sujet}.",
    "Chaque ménage devrait se trouver à moins de {n4} mètres d'un espace vert public.",
    "La consultation a montré un fort appui pour {sujet}, bien que des commerçants de {quartier} aient exprimé des réserves.",
    "La population de la municipalité est passée de {pop} habitants en {year0} à {pop2} au dernier recensement.",
    "La densification des terrains vacants de {quartier} sera favorisée par une procédure de permis simplifiée.",
    "La société de transport prévoit prolonger la ligne {route} jusqu'à {quartier} dès l'ouverture du nouveau garage.",
]


class Gen:
    def __init__(self, seed: int = 7):
        self.r = random.Random(seed)

    def slots(self):
        r = self.r
        return dict(place=r.choice(PLACES), topic=r.choice(TOPICS), topic2=r.choice(TOPICS), n=r.choice([10, 15, 20, 25]),
                    n2=r.randint(3, 40), n3=r.randint(2, 9), n4=r.choice([300, 400, 500, 800]), pct=r.randint(20, 70),
                    pct2=r.randint(5, 19), year=r.randint(2015, 2023), year2=r.choice([2030, 2035, 2040]),
                    year0=r.choice([1996, 2001, 2006]), pop=f"{r.randint(40, 90)},{r.randint(100, 999)}",
                    pop2=f"{r.randint(91, 140)},{r.randint(100, 999)}", route=r.randint(2, 99),
                    quartier=r.choice(QUARTIERS), sujet=r.choice(SUJETS))

    def para(self, lang: str = "en", k: int = 4) -> str:
        pool = EN if lang == "en" else FR
        s = self.slots()
        out = []
        for t in self.r.sample(pool, k):
            s = self.slots()
            out.append(t.format(**s))
        return " ".join(out)

    def paras(self, n: int, lang: str = "en", k: int = 4) -> list[str]:
        return [self.para(lang, k) for _ in range(n)]


CHAPTERS = [("Introduction", "Introduction"), ("Vision and Principles", "Vision et principes"),
            ("Housing", "Habitation"), ("Mobility and Transit", "Mobilité et transport collectif"),
            ("Parks and Natural Areas", "Parcs et milieux naturels"), ("Economic Development", "Développement économique"),
            ("Heritage", "Patrimoine"), ("Infrastructure", "Infrastructures"), ("Implementation", "Mise en œuvre")]

JOURNAL_ABSTRACT = ("This article examines how armed groups negotiate local ceasefires with community leaders in "
                    "contested rural districts. Drawing on 84 interviews conducted between 2019 and 2022, we show that "
                    "ceasefires last longer where customary authorities control access to grazing land. The findings "
                    "qualify the view that local agreements are merely tactical pauses. We discuss implications for "
                    "mediation practice and for the measurement of violence in event datasets.")

JOURNAL = [
    "Local ceasefires have received growing attention in the study of civil war (Kalyvas 2006; Arjona 2016). "
    "Most accounts treat them as by-products of military stalemate. Yet field evidence from the Sahel suggests "
    "that community leaders often initiate talks themselves, sometimes against the wishes of the state.",
    "We build on the literature on rebel governance, which has shown that armed groups provide services, "
    "collect taxes and settle disputes in the areas they control (Mampilly 2011, pp. 45–67). "
    "The question of how these arrangements end, or fail to end, has received less attention.",
    "Our argument is simple. Where customary authorities control access to land, they hold a resource that "
    "armed groups need, i.e. pasture for the herds that finance them. This gives them leverage in negotiations "
    "that urban civil society organisations lack.",
    "The data come from two sources. First, we conducted 84 semi-structured interviews with village chiefs, "
    "imams, herders' associations and former combatants. Second, we coded 312 violent events reported by ACLED "
    "between January 2019 and December 2022 in the districts of Ségou, Mopti and Tombouctou.",
    "Table 2 reports the results of the survival models. The hazard of a ceasefire collapsing is about 40 per cent "
    "lower where the chief controls grazing rights (HR = 0.61, 95% CI 0.44–0.85). The effect holds when we "
    "control for the presence of state forces, the distance to the nearest town and the ethnic composition of the commune.",
    "Several limitations should be noted. Interviews were conducted by local research assistants, and some "
    "respondents may have overstated their own role. Event data under-report violence in remote areas, as "
    "Dowd et al. (2020) have shown for the central regions.",
    "The findings have implications for mediators. International organisations tend to work through national "
    "governments or urban NGOs. Our results suggest that they should also engage customary authorities, "
    "even when these are viewed with suspicion in the capital.",
    "Future research could extend the analysis to other regions where land tenure is contested, for example "
    "northern Nigeria or the Central African Republic. Comparative work would help to establish whether the "
    "mechanism we identify is specific to pastoral economies.",
]

REFERENCES = [
    "Arjona, A. (2016). Rebelocracy: Social Order in the Colombian Civil War. Cambridge University Press.",
    "Benjaminsen, T. A., & Ba, B. (2019). Why do pastoralists in Mali join jihadist groups? A political ecological explanation. The Journal of Peasant Studies, 46(1), 1–20.",
    "Dowd, C., Justino, P., Kishi, R., & Marchais, G. (2020). Comparing 'new' and 'old' media for violence monitoring and crisis response. Research & Politics, 7(2), 1–9.",
    "Kalyvas, S. N. (2006). The Logic of Violence in Civil War. Cambridge University Press.",
    "Mampilly, Z. C. (2011). Rebel Rulers: Insurgent Governance and Civilian Life during War. Cornell University Press.",
    "Raleigh, C., Linke, A., Hegre, H., & Karlsen, J. (2010). Introducing ACLED: An armed conflict location and event dataset. Journal of Peace Research, 47(5), 651–660.",
    "Thurston, A. (2020). Jihadists of North Africa and the Sahel: Local Politics and Rebel Groups. Cambridge University Press.",
    "Zartman, I. W. (2000). Ripeness: The hurting stalemate and beyond. In P. C. Stern & D. Druckman (Eds.), International Conflict Resolution after the Cold War (pp. 225–250). National Academy Press.",
]

SPLIT_TEST = [
    "Dr. Smith arrived at 10 a.m. on Monday. She met Mr. Jones and Mrs. Brown in Room No. 4.",
    "The results are shown in Fig. 3 and discussed in Vol. 2, pp. 114–120. See also Sect. 4.2 of the same report.",
    "Several countries, e.g. Mali, Niger and Chad, reported an increase. Others, i.e. the coastal states, did not.",
    "The U.S. delegation left early. The U.N. envoy stayed until Friday.",
    "M. Dupont et Mme Martin ont signé l'accord le 3 mars. Voir l'art. 12 du règlement, cf. p. 45.",
    "Kalyvas et al. argue that control shapes violence. Their model predicts 0.75 of the variance in 3.5 per cent of cases.",
    "Prices rose by 2.5 % in 2021 and by 3.25 % in 2022. The budget was $4.7 million, i.e. about €4.3 million.",
    "He paused... then continued. \"We will not leave,\" she said. \"Not now.\"",
    "Was the mission a success? Most observers think so! A few remain unconvinced.",
    "The report (ca. 200 pp.) was published by the Inst. of Peace Studies, Oslo, in Jan. 2020.",
    "Gen. Keita met Col. Diarra and Lt. Traoré at approx. 3 p.m. They spoke for two hours.",
    "Ibid., p. 17. Op. cit., ch. 4. The author, St. Clair, wrote vs. the grain.",
]
SPLIT_LIST = [
    "The committee recommends the following measures:",
    "1. Strengthen local mediation. Village committees should meet monthly.",
    "2. Fund community radio. Stations broadcast in Bambara, Fulfulde and Tamasheq.",
    "3. Monitor the agreement. A joint team will report every three months.",
    "In addition, the donors should:",
    "a) publish their commitments;",
    "b) align their reporting periods, e.g. on the fiscal year;",
    "c) avoid duplicating efforts, i.e. coordinate through the cluster system.",
    "(i) First, the parties agreed on a ceasefire. (ii) Second, they exchanged prisoners.",
    "• Bullet point one ends here. • Bullet point two is on the same line.",
]
