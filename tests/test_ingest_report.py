"""The bundled report, in both renditions: footnotes, anchors, sections, zones, clean text."""
from __future__ import annotations

import re

from extractors.text import fold

GLUED_MARKER = re.compile(r"(?<![\d][.,])(?<=[A-Za-z.,;:”\"’)])\d{1,3}(?=\s|$)")


def by_zone(doc, zone):
    return [s for s in doc.sentences if s.zone == zone]


def test_both_renditions_have_111_footnotes_numbered_in_order(report_pdf, report_md):
    for doc in (report_pdf, report_md):
        assert doc.status == "ok", doc.error
        assert [f.n for f in doc.footnotes] == list(range(1, 112))


def test_every_footnote_is_linked_to_the_body_sentence_carrying_its_marker(report_pdf, report_md):
    for doc in (report_pdf, report_md):
        sentences = {s.sentence_id: s for s in doc.sentences}
        for f in doc.footnotes:
            anchor = sentences[f.anchor_sentence_id]
            assert anchor.zone == "body", (f.n, anchor.zone)
            assert f.n in anchor.footnotes
            assert anchor.text == f.anchor_text


def test_no_marker_digits_left_in_sentence_text(report_pdf, report_md):
    for doc in (report_pdf, report_md):
        glued = [s.text for s in doc.sentences if s.zone == "body" and GLUED_MARKER.search(s.text)]
        assert glued == []


def test_anchor_sections_agree_between_renditions(report_pdf, report_md):
    assert [f.section for f in report_pdf.footnotes] == [f.section for f in report_md.footnotes]
    assert report_pdf.footnotes[0].section == "Executive Summary"
    assert report_pdf.footnotes[110].section == "An Atmosphere of Accusation"


def test_sample_of_footnotes_and_anchors_matches_the_report(report_pdf, report_md):
    for doc in (report_pdf, report_md):
        fn = {f.n: f for f in doc.footnotes}
        assert "helped re-elect President Ibrahim Boubacar Keïta in 2018 (IBK)." in fn[1].anchor_text
        assert "assassinations of leading commanders and politicians are relatively rare" in fn[2].anchor_text
        assert fn[5].text.startswith("Olivier Dubois and Boubacar Sangaré")
        assert "journaldumali.com/2017/01/05/centre-mali-cest-far-west/" in fn[5].text
        assert fold(fn[109].text) == fold("Interview with ag Aharib.")
        assert fn[6].anchor_text.startswith("In the 2016 Human Development Index, Mali ranked 175th")


def test_both_renditions_give_the_same_sentences(report_pdf, report_md):
    for zone in ("body", "footnote", "pullquote"):
        pdf = [fold(s.text) for s in by_zone(report_pdf, zone)]
        md = [fold(s.text) for s in by_zone(report_md, zone)]
        assert pdf == md, zone


def test_pdf_body_has_no_split_words_or_page_numbers(report_pdf):
    body = " ".join(s.text for s in by_zone(report_pdf, "body"))
    assert "degree-holders" in body and "degree- holders" not in body
    assert "anti-colonial" in body
    assert not re.search(r"\w- \w", body.replace(" - ", " ").replace("– ", ""))
    assert all(not re.fullmatch(r"\d{1,3}", s.text) for s in report_pdf.sentences)
    assert report_pdf.pages == 30


def test_pull_quotes_are_marked_and_not_counted_as_body(report_pdf, report_md):
    for doc in (report_pdf, report_md):
        quotes = by_zone(doc, "pullquote")
        assert len({s.paragraph_id for s in quotes}) == 6
        body = " ".join(fold(s.text) for s in by_zone(doc, "body"))
        for q in quotes:
            assert fold(q.text).strip(".… ")[:60] in body
        assert quotes[0].text.startswith("The core challenge for Mali involves simultaneously brokering")


def test_sections_and_zones(report_pdf):
    zones = {s.zone for s in report_pdf.sentences}
    assert zones == {"front", "body", "pullquote", "footnote", "back", "heading"}
    # issue 13: a heading with no text of its own, over the next heading, is a row of its own
    # (its words were in no sentence and no section value)
    parts = [(s.text, s.section) for s in by_zone(report_pdf, "heading")]
    assert ("Part One: The Politics That Enable and Drive Violence", "Introduction") in parts
    assert [t for t, _ in parts] == ["Glossary", "Key Actors", "Part One: The Politics That Enable and Drive Violence",
                                     "Part Two: Flaws in Existing Peace and Stability Frameworks"]
    first_body = by_zone(report_pdf, "body")[0]
    assert first_body.section == "Executive Summary"
    assert first_body.text == "The West African nation of Mali has been in crisis since 2012."
    sections = {s.section for s in by_zone(report_pdf, "body")}
    assert {"Introduction", "A Stagnant Political Class in Bamako", "Attrition and Ambition in the North",
            "Conclusion"} <= sections
    back = " ".join(s.text for s in by_zone(report_pdf, "back"))
    assert "ROSA LUXEMBURG" in back
    assert report_pdf.title == "Mali’s Tragic But Persistent Status Quo"


def test_sentence_ids_are_stable_and_ordered(report_pdf):
    ids = [s.sentence_id for s in report_pdf.sentences]
    assert ids == [f"mali-status-quo-2018:s{i:05d}" for i in range(1, len(ids) + 1)]
