"""Co-mention edges, metrics and graph files over a hand-made corpus whose numbers are worked
out by hand below (no mocks: real Sentence/Mention records, real networkx, real files)."""
from __future__ import annotations

import math
import random
import statistics
import struct
from dataclasses import replace

import networkx as nx
import pytest

from extractors.model import Edge, Mention, Sentence
from extractors.network.graph import (
    EntityInfo,
    build_edges,
    build_graph,
    display_label,
    document_edges,
    document_networks,
    entities_from_mentions,
    layout,
    node_metrics,
    window_counts,
    write_gexf,
    write_graphml,
)

# ---------------------------------------------------------------------------------------------
# The hand-made corpus
#
# doc A
#   paragraph A-p1 (body)  A-s1 "The MNLA and the HCUA met in Kidal."          MNLA HCUA KIDAL
#                          A-s2 "The MNLA left Kidal, and the MNLA came back."  MNLA(x2) KIDAL
#   paragraph A-p2 (body)  A-s3 "Gao was calm."                                 GAO
#                          A-s4 "HCUA fighters arrived."                        HCUA
#   paragraph A-p3 (body)  A-s5 "Nothing else happened."                        (no mention)
#   pull quote  A-pq       A-q1 repeats A-s1                                    MNLA HCUA KIDAL
#   footnote    A-fn1      A-f1 "Interview with an HCUA official in Gao."       HCUA GAO
# doc B
#   paragraph B-p1 (body)  B-s1 "The MNLA attacked Gao."                        MNLA GAO
#                          B-s2 "Kidal remained under MNLA control."            KIDAL MNLA
#   paragraph B-p2 (body)  B-s3 "Barkhane patrolled."                           BARKHANE
#
# entity ids sort as: barkhane < gao < hcua < kidal < mnla

TYPES = {"mnla": "ARMED_GROUP", "hcua": "ARMED_GROUP", "kidal": "PLACE", "gao": "PLACE", "barkhane": "FOREIGN_FORCE"}
SURFACE = {"mnla": "MNLA", "hcua": "HCUA", "kidal": "Kidal", "gao": "Gao", "barkhane": "Barkhane"}


def S(doc, sid, pid, zone, text, page=1):
    return Sentence(doc_id=doc, sentence_id=sid, paragraph_id=pid, page=page, section="", zone=zone, text=text)


def M(s: Sentence, eid: str, occurrence: int = 0) -> Mention:
    surface = SURFACE[eid]
    start = -1
    for _ in range(occurrence + 1):
        start = s.text.index(surface, start + 1)
    return Mention(
        doc_id=s.doc_id, sentence_id=s.sentence_id, page=s.page, zone=s.zone, start=start,
        end=start + len(surface), text=surface, entity_id=eid, type=TYPES[eid], method="gazetteer",
        paragraph_id=s.paragraph_id,
    )


A1 = S("A", "A-s1", "A-p1", "body", "The MNLA and the HCUA met in Kidal.")
A2 = S("A", "A-s2", "A-p1", "body", "The MNLA left Kidal, and the MNLA came back.")
A3 = S("A", "A-s3", "A-p2", "body", "Gao was calm.", page=2)
A4 = S("A", "A-s4", "A-p2", "body", "HCUA fighters arrived.", page=2)
A5 = S("A", "A-s5", "A-p3", "body", "Nothing else happened.", page=2)
AQ = S("A", "A-q1", "A-pq", "pullquote", "The MNLA and the HCUA met in Kidal.", page=2)
AF = S("A", "A-f1", "A-fn1", "footnote", "Interview with an HCUA official in Gao.", page=2)
B1 = S("B", "B-s1", "B-p1", "body", "The MNLA attacked Gao.")
B2 = S("B", "B-s2", "B-p1", "body", "Kidal remained under MNLA control.")
B3 = S("B", "B-s3", "B-p2", "body", "Barkhane patrolled.")

SENTENCES = [A1, A2, A3, A4, A5, AQ, AF, B1, B2, B3]
MENTIONS = [
    M(A1, "mnla"), M(A1, "hcua"), M(A1, "kidal"),
    M(A2, "mnla"), M(A2, "kidal"), M(A2, "mnla", occurrence=1),
    M(A3, "gao"),
    M(A4, "hcua"),
    M(AQ, "mnla"), M(AQ, "hcua"), M(AQ, "kidal"),
    M(AF, "hcua"), M(AF, "gao"),
    M(B1, "mnla"), M(B1, "gao"),
    M(B2, "kidal"), M(B2, "mnla"),
    M(B3, "barkhane"),
]


def npmi(n_ab, n_a, n_b, n):
    p_ab, p_a, p_b = n_ab / n, n_a / n, n_b / n
    return 1.0 if p_ab == 1 else math.log(p_ab / (p_a * p_b)) / -math.log(p_ab)


def by_key(edges):
    return {(e.source, e.target, e.window): e for e in edges}


def weights(edges):
    return {(e.source, e.target, e.window): e.weight for e in edges}


def test_mentions_point_at_their_text():
    for m in MENTIONS:
        s = next(s for s in SENTENCES if s.sentence_id == m.sentence_id)
        assert s.text[m.start : m.end] == m.text


def test_window_counts_include_windows_without_mentions():
    # body sentences: A-s1..A-s5 and B-s1..B-s3 -> 8 (A-s5 has no mention and still counts)
    # body paragraphs: A-p1, A-p2, A-p3, B-p1, B-p2 -> 5 (A-p3 has no mention and still counts)
    assert window_counts(SENTENCES, MENTIONS) == {"sentence": 8, "paragraph": 5}
    # + the footnote sentence A-f1 and its paragraph A-fn1
    assert window_counts(SENTENCES, MENTIONS, include_footnotes=True) == {"sentence": 9, "paragraph": 6}


def test_sentence_window_by_hand():
    edges = [e for e in build_edges(SENTENCES, MENTIONS) if e.window == "sentence"]
    # N = 8 body sentences. Windows mentioning each entity (an entity counts once per window;
    # A-s2 names the MNLA twice):
    #   mnla: A-s1 A-s2 B-s1 B-s2 = 4   kidal: A-s1 A-s2 B-s2 = 3   hcua: A-s1 A-s4 = 2
    #   gao: A-s3 B-s1 = 2              barkhane: B-s3 = 1
    # pairs: kidal-mnla A-s1 A-s2 B-s2 = 3 (docs A, B); hcua-kidal A-s1; hcua-mnla A-s1; gao-mnla B-s1
    assert [(e.source, e.target) for e in edges] == [
        ("gao", "mnla"), ("hcua", "kidal"), ("hcua", "mnla"), ("kidal", "mnla"),
    ]
    e = by_key(edges)
    km = e[("kidal", "mnla", "sentence")]
    assert (km.weight, km.documents) == (3, 2)
    # p_ab = 3/8, p_a = 3/8, p_b = 4/8 -> pmi = log((3/8)/((3/8)(4/8))) = log 2
    # npmi = log 2 / -log(3/8) = 0.693147 / 0.980829 = 0.706695
    assert km.npmi == pytest.approx(math.log(2) / -math.log(3 / 8), abs=1e-6)
    assert km.npmi == 0.706695
    assert km.jaccard == 0.75  # 3 / (3 + 4 - 3)
    assert km.evidence == ("A-s1", "A-s2", "B-s2")

    hk = e[("hcua", "kidal", "sentence")]
    # pmi = log((1/8)/((2/8)(3/8))) = log(4/3) = 0.287682; -log(1/8) = 2.079442 -> 0.138346
    assert (hk.weight, hk.documents, hk.npmi, hk.jaccard) == (1, 1, 0.138346, 0.25)  # 1/(2+3-1)
    assert hk.npmi == pytest.approx(math.log(4 / 3) / math.log(8), abs=1e-6)
    assert hk.evidence == ("A-s1",)

    hm = e[("hcua", "mnla", "sentence")]
    # pmi = log((1/8)/((2/8)(4/8))) = log 1 = 0 -> npmi 0 (independent); jaccard 1/(2+4-1) = 0.2
    assert (hm.weight, hm.npmi, hm.jaccard, hm.evidence) == (1, 0.0, 0.2, ("A-s1",))
    gm = e[("gao", "mnla", "sentence")]
    # same counts as hcua-mnla: n_ab = 1, n_gao = 2, n_mnla = 4
    assert (gm.weight, gm.npmi, gm.jaccard, gm.evidence) == (1, 0.0, 0.2, ("B-s1",))
    # the generic formula agrees on every edge
    n = {"gao": 2, "hcua": 2, "kidal": 3, "mnla": 4}
    for x in edges:
        assert x.npmi == round(npmi(x.weight, n[x.source], n[x.target], 8), 6)


def test_paragraph_window_by_hand():
    edges = by_key(e for e in build_edges(SENTENCES, MENTIONS) if e.window == "paragraph")
    # N = 5 paragraphs: A-p1 {mnla hcua kidal}, A-p2 {gao hcua}, A-p3 {}, B-p1 {mnla gao kidal}, B-p2 {barkhane}
    # n: mnla 2, hcua 2, kidal 2, gao 2, barkhane 1
    assert sorted(edges) == [
        ("gao", "hcua", "paragraph"),   # A-p2
        ("gao", "kidal", "paragraph"),  # B-p1
        ("gao", "mnla", "paragraph"),   # B-p1
        ("hcua", "kidal", "paragraph"),  # A-p1
        ("hcua", "mnla", "paragraph"),  # A-p1
        ("kidal", "mnla", "paragraph"),  # A-p1, B-p1
    ]
    km = edges[("kidal", "mnla", "paragraph")]
    # p_ab = p_a = p_b = 2/5: pmi = log((2/5)/(2/5)^2) = log(5/2); npmi = log(5/2) / -log(2/5) = 1
    assert (km.weight, km.documents, km.npmi, km.jaccard) == (2, 2, 1.0, 1.0)  # 2/(2+2-2)
    # evidence: the first sentence naming both in each paragraph
    assert km.evidence == ("A-s1", "B-s2")
    for key in [("gao", "hcua"), ("gao", "kidal"), ("gao", "mnla"), ("hcua", "kidal"), ("hcua", "mnla")]:
        x = edges[(*key, "paragraph")]
        # n_ab = 1, n_a = n_b = 2, N = 5: pmi = log((1/5)/((2/5)(2/5))) = log(5/4) = 0.223144;
        # -log(1/5) = 1.609438 -> npmi 0.138647; jaccard 1/(2+2-1) = 1/3
        assert (x.weight, x.documents, x.npmi, x.jaccard) == (1, 1, 0.138647, 0.333333)
        assert x.npmi == pytest.approx(math.log(5 / 4) / math.log(5), abs=1e-6)
    # no sentence of A-p2 names both: one sentence for each side
    assert edges[("gao", "hcua", "paragraph")].evidence == ("A-s3", "A-s4")
    # B-p1: B-s1 names gao (and mnla), B-s2 names kidal
    assert edges[("gao", "kidal", "paragraph")].evidence == ("B-s1", "B-s2")
    assert edges[("gao", "mnla", "paragraph")].evidence == ("B-s1",)


def test_ordering_and_no_self_pairs():
    edges = build_edges(SENTENCES, MENTIONS, include_footnotes=True)
    keys = [(e.source, e.target, e.window) for e in edges]
    assert keys == sorted(keys)
    assert all(e.source < e.target for e in edges)
    assert all(isinstance(e, Edge) for e in edges)
    assert all(len(e.evidence) <= 5 for e in edges)


def test_pull_quote_does_not_raise_weights():
    with_quote = build_edges(SENTENCES, MENTIONS)
    without = build_edges(
        [s for s in SENTENCES if s.zone != "pullquote"], [m for m in MENTIONS if m.zone != "pullquote"]
    )
    assert with_quote == without  # weights, N (hence NPMI/Jaccard) and evidence untouched
    assert all("A-q1" not in e.evidence for e in with_quote)
    with pytest.raises(ValueError, match="pullquote"):
        build_edges(SENTENCES, MENTIONS, zones=("body", "pullquote"))


def test_include_footnotes_changes_exactly_what_it_should():
    base = build_edges(SENTENCES, MENTIONS)
    foot = build_edges(SENTENCES, MENTIONS, include_footnotes=True)
    assert foot == build_edges(SENTENCES, MENTIONS, zones=("body", "footnote"))
    # the footnote sentence A-f1 (own paragraph A-fn1) names hcua and gao: it adds a sentence edge
    # gao-hcua and raises the paragraph edge gao-hcua from 1 to 2; no other weight moves.
    expected = dict(weights(base))
    expected[("gao", "hcua", "sentence")] = 1
    expected[("gao", "hcua", "paragraph")] = 2
    assert weights(foot) == expected
    f = by_key(foot)
    # sentence, N = 9: kidal-mnla n_ab = 3, n_kidal = 3, n_mnla = 4
    #   pmi = log((3/9)/((3/9)(4/9))) = log(9/4); npmi = log(9/4) / -log(3/9) = 0.810930 / 1.098612 = 0.738140
    assert f[("kidal", "mnla", "sentence")].npmi == 0.738140
    # sentence gao-hcua: n_ab = 1 (A-f1), n_gao = 3 (A-s3 B-s1 A-f1), n_hcua = 3 (A-s1 A-s4 A-f1)
    #   pmi = log((1/9)/((3/9)(3/9))) = log 1 = 0; jaccard = 1/(3+3-1) = 0.2
    gh = f[("gao", "hcua", "sentence")]
    assert (gh.weight, gh.npmi, gh.jaccard, gh.evidence) == (1, 0.0, 0.2, ("A-f1",))
    # paragraph, N = 6: gao-hcua n_ab = 2 (A-p2 A-fn1), n_gao = 3 (A-p2 B-p1 A-fn1), n_hcua = 3 (A-p1 A-p2 A-fn1)
    #   pmi = log((2/6)/((3/6)(3/6))) = log(4/3) = 0.287682; -log(2/6) = 1.098612 -> 0.261860
    #   jaccard = 2/(3+3-2) = 0.5
    gp = f[("gao", "hcua", "paragraph")]
    assert (gp.weight, gp.documents, gp.npmi, gp.jaccard) == (2, 1, 0.26186, 0.5)
    # document order: A-p2 (one sentence per side), then the footnote paragraph A-fn1
    assert gp.evidence == ("A-s3", "A-s4", "A-f1")


def test_document_filter_uses_that_documents_windows():
    b = document_edges(SENTENCES, MENTIONS, "B")
    assert b == build_edges(SENTENCES, MENTIONS, doc_ids=["B"])
    e = by_key(b)
    assert sorted(e) == [
        ("gao", "kidal", "paragraph"),
        ("gao", "mnla", "paragraph"), ("gao", "mnla", "sentence"),
        ("kidal", "mnla", "paragraph"), ("kidal", "mnla", "sentence"),
    ]
    # sentence, N = 3 (B-s1 B-s2 B-s3): gao-mnla n_ab = 1, n_gao = 1, n_mnla = 2
    #   pmi = log((1/3)/((1/3)(2/3))) = log(3/2) = 0.405465; -log(1/3) = 1.098612 -> 0.369070
    assert e[("gao", "mnla", "sentence")].npmi == 0.36907
    assert e[("gao", "mnla", "sentence")].jaccard == 0.5  # 1/(1+2-1)
    # paragraph, N = 2: n_ab = n_a = n_b = 1 -> pmi = log((1/2)/(1/4)) = log 2; npmi = log 2 / log 2 = 1
    assert e[("gao", "kidal", "paragraph")].npmi == 1.0
    assert all(x.documents == 1 for x in b)


def test_document_networks_are_each_documents_own_network():
    nets = document_networks(SENTENCES, MENTIONS)
    assert [n.doc_id for n in nets] == sorted({s.doc_id for s in SENTENCES})
    for n in nets:
        assert n.edges == document_edges(SENTENCES, MENTIONS, n.doc_id)
        assert set(n.graph.nodes) == set(n.entities)
        assert n.graph.graph["window"] == "sentence"
        assert all(n.graph.nodes[e]["documents"] == 1 for e in n.graph.nodes)
    b = next(n for n in nets if n.doc_id == "B")
    assert sorted(b.graph.edges) == [("gao", "mnla"), ("kidal", "mnla")]
    assert b.graph.edges["gao", "mnla"]["npmi"] == 0.36907  # computed by hand above, N = B's 3 sentences


def test_npmi_is_one_when_the_pair_is_in_every_window():
    s = [S("C", "C-s1", "C-p1", "body", "The MNLA took Kidal.")]
    m = [M(s[0], "mnla"), M(s[0], "kidal")]
    (sent,) = build_edges(s, m, windows=("sentence",))
    assert (sent.weight, sent.npmi, sent.jaccard) == (1, 1.0, 1.0)  # p_ab = 1


def test_unknown_sentences_and_empty_entity_ids_are_ignored():
    stray = replace(MENTIONS[0], sentence_id="nowhere")
    blank = replace(MENTIONS[1], entity_id="")
    assert build_edges(SENTENCES, MENTIONS + [stray, blank]) == build_edges(SENTENCES, MENTIONS)
    # a sentence passed twice is still one window
    assert build_edges(SENTENCES + [A1], MENTIONS) == build_edges(SENTENCES, MENTIONS)
    with pytest.raises(ValueError):
        build_edges(SENTENCES, MENTIONS, windows=("page",))


# ---------------------------------------------------------------------------------------------
# Entities, metrics, graph files


def _info():
    return entities_from_mentions(
        MENTIONS, names={"mnla": "Mouvement national de libération de l'Azawad"}
    )


def test_entities_from_mentions():
    info = _info()
    assert list(info) == ["barkhane", "gao", "hcua", "kidal", "mnla"]
    mnla = info["mnla"]
    # body mentions only: A-s1, A-s2 (x2), B-s1, B-s2 -> 5 mentions in 2 documents
    assert (mnla.name, mnla.type, mnla.mentions, mnla.documents, mnla.surface_forms) == (
        "Mouvement national de libération de l'Azawad", "ARMED_GROUP", 5, 2, ("MNLA",)
    )
    assert info["gao"].name == "Gao" and info["gao"].mentions == 2  # A-s3, B-s1 (not the footnote)
    assert entities_from_mentions(MENTIONS, include_footnotes=True)["gao"].mentions == 3


def test_node_metrics_by_hand():
    info = _info()
    edges = build_edges(SENTENCES, MENTIONS)
    m = node_metrics(info, edges, window="sentence")
    # sentence graph: gao-mnla 1, hcua-kidal 1, hcua-mnla 1, kidal-mnla 3; barkhane isolated
    assert {k: (v.degree, v.weighted_degree) for k, v in m.items()} == {
        "barkhane": (0, 0), "gao": (1, 1), "hcua": (2, 2), "kidal": (2, 4), "mnla": (3, 5),
    }
    # mnla is the only node on a shortest path between two others: gao-kidal and gao-hcua.
    # normalised betweenness = 2 / ((n-1)(n-2)/2) = 2 / 6 with n = 5
    assert m["mnla"].betweenness == 0.333333
    assert all(m[k].betweenness == 0.0 for k in ("barkhane", "gao", "hcua", "kidal"))
    assert (m["mnla"].mentions, m["mnla"].documents, m["mnla"].type) == (5, 2, "ARMED_GROUP")
    # communities: numbered 0.. by size (largest first), then smallest id; the isolated node alone
    labels = sorted({v.community for v in m.values()})
    assert labels == list(range(len(labels)))
    groups = [sorted(k for k, v in m.items() if v.community == c) for c in labels]
    assert [len(g) for g in groups] == sorted((len(g) for g in groups), reverse=True)
    assert ["barkhane"] in groups
    assert node_metrics(info, edges, window="sentence") == m
    p = node_metrics(info, edges, window="paragraph")
    assert p["gao"].degree == 3  # hcua, kidal, mnla in the paragraph window


def test_graph_files_round_trip(tmp_path):
    edges = build_edges(SENTENCES, MENTIONS)
    g = build_graph(_info(), edges, window="sentence")
    assert g.number_of_nodes() == 5 and g.number_of_edges() == 4
    gexf = write_gexf(g, tmp_path / "network.gexf")
    graphml = write_graphml(g, tmp_path / "network.graphml")
    assert b"lastmodifieddate" not in gexf.read_bytes()

    for h in (nx.read_gexf(gexf), nx.read_graphml(graphml)):
        assert sorted(h.nodes) == ["barkhane", "gao", "hcua", "kidal", "mnla"]
        n = h.nodes["mnla"]
        assert n["label"] == "Mouvement national de libération de l'Azawad"
        assert n["type"] == "ARMED_GROUP"
        assert int(n["mentions"]) == 5 and int(n["documents"]) == 2
        assert int(n["degree"]) == 3 and int(n["weighted_degree"]) == 5
        assert float(n["betweenness"]) == pytest.approx(0.333333)
        assert "community" in n
        e = h.edges["kidal", "mnla"]
        assert float(e["weight"]) == 3 and int(e["documents"]) == 2
        assert float(e["npmi"]) == pytest.approx(0.706695)
        assert float(e["jaccard"]) == pytest.approx(0.75)
        assert e["evidence"] == "A-s1 | A-s2 | B-s2"
        assert e["window"] == "sentence"
    viz = nx.read_gexf(gexf).nodes["mnla"]["viz"]
    assert set(viz) >= {"color", "size", "position"}


def test_determinism_identical_bytes(tmp_path):
    outs = []
    for run in ("one", "two"):
        d = tmp_path / run
        d.mkdir()
        # a second build from shuffled inputs (documents interleaved differently)
        sents = list(SENTENCES) if run == "one" else [s for s in SENTENCES if s.doc_id == "B"] + [
            s for s in SENTENCES if s.doc_id == "A"]
        ments = list(MENTIONS) if run == "one" else list(reversed(MENTIONS))
        edges = build_edges(sents, ments, include_footnotes=True)
        info = entities_from_mentions(ments, include_footnotes=True)
        write_gexf(build_graph(info, edges, "sentence"), d / "network.gexf")
        write_graphml(build_graph(info, edges, "paragraph"), d / "network.graphml")
        outs.append(((d / "network.gexf").read_bytes(), (d / "network.graphml").read_bytes(), edges))
    assert outs[0] == outs[1]


# ---------------------------------------------------------------------------------------------
# A generated, bigger graph: layout and the static picture


def generated(n_nodes=80, n_edges=300, seed=7):
    """A random clustered co-mention graph: entities, edges (both windows)."""
    rnd = random.Random(seed)
    types = ["PERSON", "ARMED_GROUP", "POLITICAL_ORG", "STATE_BODY", "FOREIGN_FORCE", "INTL_ORG",
             "ETHNIC_GROUP", "PLACE"]
    info = {}
    for i in range(n_nodes):
        eid = f"e{i:03d}"
        t = types[i % len(types)]
        info[eid] = EntityInfo(eid, f"{t.title().replace('_', ' ')} {i}", t,
                               mentions=int(rnd.paretovariate(1.2) * 3), documents=rnd.randint(1, 5))
    ids = sorted(info)
    pairs = set()
    while len(pairs) < n_edges:
        a = rnd.choice(ids)
        # mostly within the same cluster of ten
        if rnd.random() < 0.7:
            b = ids[(ids.index(a) // 10) * 10 + rnd.randrange(10)]
        else:
            b = rnd.choice(ids)
        if a != b:
            pairs.add((min(a, b), max(a, b)))
    edges = []
    for a, b in sorted(pairs):
        w = max(1, int(rnd.expovariate(0.4)))
        for win, k in (("sentence", 1), ("paragraph", 2)):
            edges.append(Edge(a, b, win, w * k, 1, round(rnd.uniform(-0.2, 1), 6), round(rnd.random(), 6),
                              (f"{a}-s1",)))
    return info, edges


def test_graph_files_are_the_bytes_networkx_writes(tmp_path):
    """write_gexf/write_graphml serialise networkx's trees themselves (ElementTree's tostring was
    most of the network stage's file writing): the text must stay what nx.generate_gexf /
    nx.generate_graphml give, escapes, namespaces (viz:) and non-ASCII included."""
    from extractors.network.graph import _DATE, _hex_rgb, layout, type_colors

    g = nx.Graph(name='odd & <names> "quoted"\u2028', window="sentence")
    g.add_node("a&b", label="Ménaka \u2028 é\n\t\r<>\"'", type="PLACE", mentions=3, score=1.5, flag=True, empty="")
    g.add_node("ü", label="Ibrahim Boubacar Keïta \U0001F600", type="PERSON", mentions=0)
    g.add_node("alone")
    g.add_edge("a&b", "ü", weight=2, evidence="s1 | s2", npmi=0.5, odd="\x85\x0b")
    for positions in (True, False):
        h = g.copy()
        pos = layout(h) if positions else {}
        colors = type_colors(d.get("type", "") for _, d in h.nodes(data=True))
        for n, d in h.nodes(data=True):
            r, gr, b = _hex_rgb(colors[d.get("type", "")])
            d["viz"] = {"color": {"r": r, "g": gr, "b": b, "a": 1.0},
                        "size": round(4.0 + 3.0 * math.sqrt(max(0, d.get("mentions", 0))), 3)}
            if n in pos:
                d["viz"]["position"] = {"x": round(pos[n][0] * 1000, 2), "y": round(pos[n][1] * 1000, 2), "z": 0.0}
        expected = _DATE.sub("", "\n".join(nx.generate_gexf(h)) + "\n", count=1)
        assert write_gexf(g, tmp_path / "g.gexf", positions=positions).read_text(encoding="utf-8") == expected
    expected = "\n".join(nx.generate_graphml(g, prettyprint=True)) + "\n"
    assert write_graphml(g, tmp_path / "g.graphml").read_text(encoding="utf-8") == expected
    assert nx.read_gexf(tmp_path / "g.gexf").nodes["ü"]["label"] == "Ibrahim Boubacar Keïta \U0001F600"


def test_layout_is_deterministic_and_bounded():
    info, edges = generated()
    g = build_graph(info, edges, "sentence")
    p1, p2 = layout(g), layout(build_graph(info, list(reversed(edges)), "sentence"))
    assert p1 == p2
    assert set(p1) == set(g.nodes)
    assert all(-1.0 <= c <= 1.0 for xy in p1.values() for c in xy)


def test_layout_puts_isolated_nodes_in_a_row_below():
    info, edges = generated(n_nodes=30, n_edges=60)
    g = build_graph(info, edges, "sentence")
    lonely = ["z1", "z2", "z3", "z4"]
    g.add_nodes_from(lonely)
    pos = layout(g)
    assert set(pos) == set(g.nodes)
    ys = {pos[n][1] for n in lonely}
    assert len(ys) == 1  # one row ...
    row_y = ys.pop()
    assert all(pos[n][1] > row_y for n in g if n not in lonely)  # ... under everything else
    xs = [pos[n][0] for n in lonely]
    steps = [round(b - a, 3) for a, b in zip(xs, xs[1:])]
    assert len(set(steps)) == 1 and steps[0] > 0  # evenly spaced, in id order
    # no two nodes on the same spot, and every edge has some length
    assert len(set(pos.values())) == len(pos)
    assert all(pos[u] != pos[v] for u, v in g.edges)


@pytest.mark.parametrize(
    "name, forms, label",
    [
        # an acronym the text uses beats a long name
        ("National Movement for the Liberation of Azawad", "MNLA | National Movement for the Liberation of the Azawad",
         "MNLA"),
        ("Coordination of Azawad Movements", "CMA | Coordination des Mouvements de l\u2019Azawad", "CMA"),
        ("Self-Defense Group for Imghad Tuareg and Allies", "GATIA | Gatia", "GATIA"),
        ("Jama'at Nusrat al-Islam wal-Muslimin", "Group for Supporting Islam and Muslims | JNIM", "JNIM"),
        ("Ibrahim Boubacar Ke\u00efta", "IBK | Ibrahim Boubacar Ke\u00efta | Ke\u00efta", "IBK"),
        # the acronym that spells the name's initials wins (AQIM, not its predecessor GSPC)
        ("al-Qaida in the Islamic Maghreb", "AQIM | GSPC | al-Qa\u2019ida in the Islamic Maghreb", "AQIM"),
        # a plural is not an acronym to show
        ("Operational Coordination Mechanism", "MOCs | MOC", "MOC"),
        # one-word and short names stay; the acronym must come from the text
        ("Mali", "MALI | Mali", "Mali"),
        ("Iyad ag Ghali", "Ag Ghali | Iyad ag Ghali", "Iyad ag Ghali"),
        ("Amadou Kouffa", "", "Amadou Kouffa"),
        # a long name without an acronym: a shorter form sharing a word, else the name cut
        ("National Assembly of Mali", "National Assembly", "National Assembly"),
        ("United Nations Panel of Experts on Mali", "", "United Nations Panel of Experts\u2026"),
        ("Free Administration of Territorial Communities", (), "Free Administration\u2026"),
        ("", "", ""),
    ],
)
def test_display_label(name, forms, label):
    assert display_label(name, forms) == label
    if isinstance(forms, str):  # the graph's " | "-joined attribute and a list give the same label
        assert display_label(name, forms.split(" | ") if forms else []) == label


def test_display_label_on_the_graph():
    g = build_graph(_info(), build_edges(SENTENCES, MENTIONS), "sentence")
    labels = {n: display_label(d["label"], d["surface_forms"]) for n, d in g.nodes(data=True)}
    assert labels == {"barkhane": "Barkhane", "gao": "Gao", "hcua": "HCUA", "kidal": "Kidal", "mnla": "MNLA"}
    assert g.nodes["mnla"]["label"] == "Mouvement national de libération de l'Azawad"  # the data keeps the name


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_network_png(tmp_path):
    from extractors.network.plot import plot_network

    info, edges = generated()
    g = build_graph(info, edges, "sentence")
    out = plot_network(g, tmp_path / "network.png", title="Generated: 80 entities, 300 pairs")
    data = out.read_bytes()
    w, h = _png_size(data)
    assert w >= 1200 and h >= 900
    # two renders of the same graph give the same picture
    again = plot_network(g, tmp_path / "again.png", title="Generated: 80 entities, 300 pairs")
    assert again.read_bytes() == data
    # the small hand-made graph renders too, and so does an empty one
    small = build_graph(_info(), build_edges(SENTENCES, MENTIONS), "sentence")
    _png_size(plot_network(small, tmp_path / "small.png").read_bytes())
    _png_size(plot_network(nx.Graph(), tmp_path / "empty.png").read_bytes())
    # nodes without any edge are drawn in rows
    lonely = nx.Graph()
    lonely.add_nodes_from([("a", {"label": "A", "type": "PLACE", "mentions": 2}), ("b", {"label": "B", "type": "PERSON"})])
    _png_size(plot_network(lonely, tmp_path / "lonely.png").read_bytes())


# ---------------------------------------------------------------- large graphs


def test_large_component_is_laid_out_without_all_pairs_distances(monkeypatch):
    """Bug: a corpus of real PDFs from many producers names thousands of people and organisations (the
    22 fixtures: a largest component of 2,495 nodes): stress majorization's distances between all
    pairs took minutes and several n × n matrices (about a gigabyte there). A component above
    STRESS_MAX_NODES is laid out by PivotMDS, from a hundred pivots' distances only."""
    import networkx as nx

    import extractors.network.graph as graph_mod

    grid = nx.convert_node_labels_to_integers(nx.grid_2d_graph(40, 30), label_attribute=None)
    g = nx.relabel_nodes(grid, {n: f"e{n:05d}" for n in grid})
    assert g.number_of_nodes() > graph_mod.STRESS_MAX_NODES

    def all_pairs(*_args, **_kw):
        raise AssertionError("all pairs' distances computed for a large component")

    monkeypatch.setattr(graph_mod, "_path_lengths", all_pairs)
    pos = graph_mod.layout(g)
    assert pos == graph_mod.layout(g)  # deterministic
    assert set(pos) == set(g) and all(-1 <= x <= 1 and -1 <= y <= 1 for x, y in pos.values())
    # a grid drawn as a grid: distances on the page follow the distances in the graph
    sample = sorted(g)[::37]
    lengths = {s: nx.single_source_shortest_path_length(g, s) for s in sample}
    pairs = [(a, b) for i, a in enumerate(sample) for b in sample[i + 1:]]
    drawn = [math.dist(pos[a], pos[b]) for a, b in pairs]
    graph_d = [lengths[a][b] for a, b in pairs]
    assert statistics.correlation(drawn, graph_d) > 0.9


def test_betweenness_of_a_large_graph_is_estimated_from_pivots():
    """Exact betweenness is one search per node (tens of seconds on thousands of nodes); above
    EXACT_BETWEENNESS it is estimated from seeded source pivots (Brandes & Pich 2007): the same
    numbers every run, close to the exact ones, exact when the pivots are all the nodes."""
    import networkx as nx

    from extractors.network.graph import _betweenness

    g = nx.relabel_nodes(nx.barabasi_albert_graph(600, 2, seed=7), lambda n: f"n{n:04d}")
    exact = nx.betweenness_centrality(g, normalized=True)
    assert _betweenness(g, pivots=len(g)) == _betweenness(g)
    est = _betweenness(g, pivots=200, seed=42)
    assert est == _betweenness(g, pivots=200, seed=42)
    nodes = sorted(g)
    assert statistics.correlation([est[n] for n in nodes], [exact[n] for n in nodes]) > 0.95
    top = sorted(nodes, key=lambda n: -exact[n])[:10]
    assert len(set(top) & set(sorted(nodes, key=lambda n: -est[n])[:10])) >= 7


def test_png_caption_names_the_layout_used():
    """network.png's caption said "spring + stress majorization" whatever placed the nodes."""
    import networkx as nx

    from extractors.network.plot import layout_method

    assert layout_method(nx.path_graph(50)) == "spring + stress majorization"
    assert layout_method(nx.path_graph(1200)).startswith("PivotMDS")
