"""Networks over time (extractors.timeline): years of edges and entities worked out by hand on a
small dated corpus, the timeline table, dynamic GEXF (read back by networkx, checked against
GEXF 1.2's rules for spells) and per-year GraphML, and timeline.png."""
from __future__ import annotations

import struct
import xml.etree.ElementTree as ET

import networkx as nx

from extractors.ingest.dates import date_sentences
from extractors.model import Mention, Sentence
from extractors.network.graph import build_edges, build_graph, entities_from_mentions, write_gexf, write_graphml
from extractors.network.timeline import (
    dynamic_graph,
    edge_times,
    entity_years,
    format_years,
    graph_with_years,
    parse_years,
    plot_timeline,
    spells,
    timeline_rows,
)

TYPES = {"mnla": "ARMED_GROUP", "ansar": "ARMED_GROUP", "cma": "ARMED_GROUP", "kidal": "PLACE", "gao": "PLACE"}
SURFACE = {"mnla": "MNLA", "ansar": "Ansar Dine", "cma": "CMA", "kidal": "Kidal", "gao": "Gao"}
NAMES = {"mnla": "Mouvement national de libération de l'Azawad", "ansar": "Ansar al-Din",
         "cma": "Coordination des mouvements de l'Azawad", "kidal": "Kidal", "gao": "Gao"}


def S(sid, pid, text, doc="A", page=1, zone="body"):
    return Sentence(doc_id=doc, sentence_id=sid, paragraph_id=pid, page=page, section="", zone=zone, text=text)


def M(s, eid):
    start = s.text.index(SURFACE[eid])
    return Mention(doc_id=s.doc_id, sentence_id=s.sentence_id, page=s.page, zone=s.zone, start=start,
                   end=start + len(SURFACE[eid]), text=SURFACE[eid], entity_id=eid, type=TYPES[eid], method="gazetteer")


# doc A, dated 2018 on its title page
#   p1  s1 "In January 2012 the MNLA and Ansar Dine took Kidal."  2012 text      mnla ansar kidal
#       s2 "The MNLA then left Gao."                              2012 context   mnla gao
#   p2  s3 "Since 2015 the CMA has held Kidal."                   2015-2018 text cma kidal
#   p3  s4 "The CMA is a coalition that includes the MNLA."       2018 document  cma mnla
#   p4  s5 "En mars 2013, le MNLA a quitté Gao."                  2013 text      mnla gao
A = [
    S("s0", "p0", "01 /2018", zone="front"),
    S("s1", "p1", "In January 2012 the MNLA and Ansar Dine took Kidal."),
    S("s2", "p1", "The MNLA then left Gao."),
    S("s3", "p2", "Since 2015 the CMA has held Kidal.", page=2),
    S("s4", "p3", "The CMA is a coalition that includes the MNLA.", page=2),
    S("s5", "p4", "En mars 2013, le MNLA a quitté Gao.", page=3),
]
MENTIONS = [M(A[1], "mnla"), M(A[1], "ansar"), M(A[1], "kidal"), M(A[2], "mnla"), M(A[2], "gao"),
            M(A[3], "cma"), M(A[3], "kidal"), M(A[4], "cma"), M(A[4], "mnla"), M(A[5], "mnla"), M(A[5], "gao")]
DATES = date_sentences(A, "2018")


def test_sentence_dates_of_the_small_corpus():
    assert [(d.sentence_id, d.start, d.end, d.basis) for d in DATES] == [
        ("s0", "2018-01", "2018-01", "text"),
        ("s1", "2012-01", "2012-01", "text"),
        ("s2", "2012-01", "2012-01", "context"),
        ("s3", "2015", "2018", "text"),
        ("s4", "2018", "2018", "document"),
        ("s5", "2013-03", "2013-03", "text"),
    ]


def test_edge_years_by_hand():
    t = edge_times(A, MENTIONS, DATES)
    # sentence window
    assert t[("ansar", "mnla", "sentence")].years == ((2012, 1),)
    assert t[("gao", "mnla", "sentence")].years == ((2012, 1), (2013, 1))
    assert t[("cma", "kidal", "sentence")].years == tuple((y, 1) for y in range(2015, 2019))
    cma_mnla = t[("cma", "mnla", "sentence")]
    assert cma_mnla.years == ((2018, 1),) and cma_mnla.undated == 1
    assert (cma_mnla.first_year, cma_mnla.last_year) == (2018, 2018)
    # paragraph window p1: gao-kidal co-occur through s1 (kidal, 2012) and s2 (gao, 2012)
    assert t[("gao", "kidal", "paragraph")].years == ((2012, 1),)
    # every edge of build_edges has its years, and nothing else does
    edges = build_edges(A, MENTIONS)
    assert set(t) == {(e.source, e.target, e.window) for e in edges}
    assert format_years(t[("gao", "mnla", "sentence")].years) == "2012:1 | 2013:1"
    assert parse_years("2012:1 | 2013:1") == ((2012, 1), (2013, 1))


def test_entity_years_and_timeline_rows():
    years = entity_years(MENTIONS, DATES)
    assert dict(years["mnla"]) == {2012: 2, 2013: 1, 2018: 1}
    dated = entity_years(MENTIONS, DATES, bases=("text", "context"))
    assert dict(dated["mnla"]) == {2012: 2, 2013: 1}
    shared = entity_years(MENTIONS, DATES, bases=("text", "context"), share=True)
    assert dict(shared["kidal"]) == {2012: 1.0, 2015: 0.25, 2016: 0.25, 2017: 0.25, 2018: 0.25}
    rows = timeline_rows(A, MENTIONS, DATES, NAMES, TYPES)
    mnla = [(r["date_start"], r["date_basis"], r["sentence_id"], r["page"]) for r in rows if r["entity_id"] == "mnla"]
    assert mnla == [("2012-01", "text", "s1", 1), ("2012-01", "context", "s2", 1), ("2013-03", "text", "s5", 3),
                    ("2018", "document", "s4", 2)]
    assert rows[0]["entity_id"] == "ansar" and rows[0]["text"] == A[1].text


def test_spells_merge_consecutive_years():
    assert spells([2015, 2012, 2013]) == [("2012-01-01", "2013-12-31"), ("2015-01-01", "2015-12-31")]
    assert spells([]) == []


def _graph():
    edges = build_edges(A, MENTIONS)
    info = entities_from_mentions(MENTIONS, names=NAMES, types=TYPES)
    return build_graph(info, edges, "sentence"), edge_times(A, MENTIONS, DATES), entity_years(MENTIONS, DATES)


def test_dynamic_gexf_round_trip(tmp_path):
    g, times, years = _graph()
    path = write_gexf(dynamic_graph(g, years, times), tmp_path / "network.gexf")
    text = path.read_bytes()
    # dynamic mode with date spells: what Gephi's timeline plays year by year
    root = ET.fromstring(text)
    ns = {"g": "http://www.gexf.net/1.2draft"}
    graph = root.find("g:graph", ns)
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"
    for spell in root.iter("{http://www.gexf.net/1.2draft}spell"):
        assert spell.get("start") <= spell.get("end")
    h = nx.read_gexf(path)
    assert h.graph["mode"] == "dynamic"
    assert h.nodes["kidal"]["spells"] == [("2012-01-01", "2012-12-31"), ("2015-01-01", "2018-12-31")]
    e = h.edges["gao", "mnla"]
    assert e["spells"] == [("2012-01-01", "2013-12-31")]
    assert sorted(e["weight_per_year"]) == [(1, "2012-01-01", "2012-12-31"), (1, "2013-01-01", "2013-12-31")]
    assert h.edges["gao", "mnla"]["weight"] == 2
    # deterministic bytes
    again = write_gexf(dynamic_graph(g, years, times), tmp_path / "again.gexf")
    assert again.read_bytes() == text


def test_graphml_carries_weights_per_year(tmp_path):
    g, times, years = _graph()
    path = write_graphml(graph_with_years(g, years, times), tmp_path / "network.graphml")
    h = nx.read_graphml(path)
    e = h.edges["gao", "mnla"]
    assert (e["weight_2012"], e["weight_2013"], e["first_year"], e["last_year"], e["years"]) == (
        1, 1, 2012, 2013, "2012:1 | 2013:1")
    assert "weight_2014" not in e
    assert h.nodes["kidal"]["mentions_2016"] == 1 and h.nodes["kidal"]["first_year"] == 2012
    assert "spells" not in h.nodes["kidal"]


def test_timeline_png(tmp_path):
    years = entity_years(MENTIONS, DATES, bases=("text", "context"), share=True)
    path = plot_timeline(years, NAMES, TYPES, tmp_path / "timeline.png", labels={"mnla": "MNLA"})
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width >= 700 and height >= 300
    assert plot_timeline(years, NAMES, TYPES, tmp_path / "again.png", labels={"mnla": "MNLA"}).read_bytes() == data
    # places are not actors: a corpus naming only places draws the empty picture
    empty = plot_timeline({"kidal": years["kidal"]}, NAMES, TYPES, tmp_path / "empty.png")
    assert struct.unpack(">II", empty.read_bytes()[16:24])[1] < height
