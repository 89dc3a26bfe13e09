"""Citation tables for any report's notes (issue 16): the bundled report against its hand-checked
reading, and notes written in other styles (tests/fixtures/citation_styles.yaml)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from extractors.citations.parse import (
    author_date, author_date_citations, find_document_symbol, find_doi, find_report_number, original_url,
    parse_date, parse_footnotes, parse_reference_list,
)
from extractors.ingest.markdown import read_markdown
from tests.citation_gold import GOLD, fold, from_citation, read_csv, score

FIXTURES = Path(__file__).resolve().parent / "fixtures"
STYLES = yaml.safe_load((FIXTURES / "citation_styles.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def report():
    layout = read_markdown(FIXTURES / "mali-status-quo-2018.md")
    return parse_footnotes("mali-status-quo-2018", layout.footnotes)


@pytest.fixture(scope="module")
def gold_scores(report):
    parses, citations = report
    notes = [{"n": p.n, "kind": p.kind, "n_citations": p.n_citations} for p in parses]
    return score(read_csv(GOLD), [from_citation(c) for c in citations], notes)


@pytest.mark.parametrize("field,floor", [
    ("first author", 0.95), ("backref", 0.95), ("footnote kind", 0.98), ("citation kind", 0.98),
    ("citation count", 0.97), ("outlet", 0.98), ("year", 1.0), ("urls", 1.0), ("author kind", 0.95),
])
def test_bundled_report_against_gold(gold_scores, field, floor):
    scores, errors = gold_scores
    right, total = scores[field]
    assert total > 0
    assert right / total >= floor, errors.get(field)


def test_gold_covers_every_footnote():
    rows = read_csv(GOLD)
    assert {int(r["footnote"]) for r in rows} == set(range(1, 112))


def by_note(citations):
    out: dict[int, list] = {}
    for c in citations:
        out.setdefault(c.footnote, []).append(c)
    return out


def first_author(c) -> str:
    if c.kind == "interview":
        return c.interviewee if c.anonymous is False else ""
    return c.authors[0] if c.authors else ""


def field(c, name: str):
    if name == "first_author":
        return first_author(c)
    v = getattr(c, name)
    return "" if v is None else v


@pytest.mark.parametrize("doc", [d for d in STYLES if "notes" in d], ids=lambda d: d["style"])
def test_note_style(doc):
    """Every note of the style gives the expected citations, fields and back-references."""
    _, citations = parse_footnotes(doc["style"], [(n["n"], n["text"], ()) for n in doc["notes"]])
    got = by_note(citations)
    for note in doc["notes"]:
        cs = got.get(note["n"], [])
        assert len(cs) == len(note["expect"]), (note["n"], [c.text for c in cs])
        for c, want in zip(cs, note["expect"]):
            for name, value in want.items():
                assert fold(field(c, name)) == fold(value), (note["n"], name, field(c, name), value)


def test_author_date_reference_list_and_in_text():
    doc = next(d for d in STYLES if d["style"] == "author-date")
    refs = parse_reference_list("ad", doc["references"])
    assert len(refs) == len(doc["references"])
    for c, want in zip(refs, doc["expect_references"]):
        for name, value in want.items():
            assert fold(field(c, name)) == fold(value), (c.idx, name, field(c, name))
    found = author_date_citations("ad", doc["text"], refs)
    assert len(found) == len(doc["expect_in_text"])
    for c, want in zip(found, doc["expect_in_text"]):
        for name, value in want.items():
            assert fold(field(c, name)) == fold(value), (c.text, name, field(c, name))


def test_author_date_without_a_matching_entry_cites_nothing():
    refs = parse_reference_list("ad", ["Lacher, Wolfram. 2012. Organized Crime. Washington, DC: Carnegie."])
    assert author_date_citations("ad", "Troops arrived (Smith 2012) in (March 2013).", refs) == []


# ---------------------------------------------------------------- the bundled report's hard cases


def test_corporate_author_is_an_author_and_the_outlet(report):
    """Regression: "Human Rights Watch, "Mali: War Crimes …"" filed the organisation as the outlet only."""
    c = by_note(report[1])[56][0]
    assert c.authors == ("Human Rights Watch",)
    assert c.author_kind == "organisation" and c.outlet == "Human Rights Watch"
    assert by_note(report[1])[111][0].authors == ("United Nations Panel of Experts on Mali",)
    assert by_note(report[1])[4][0].author_kind == "person"


def test_repeated_full_interview_points_back(report):
    """Regression: an interview cited again in full (same interviewee, place and date) had no backref."""
    notes = by_note(report[1])
    assert notes[54][0].backref == 28  # Brema Ely Dicko, Bamako, 22 January 2018
    assert notes[29][0].backref == 27  # the anonymous Malian journalist of 9 March 2018
    assert notes[59][0].backref == 55  # Boubacar Cissé, described differently, same day
    assert notes[99][0].backref is None  # a specialist on the north, but another day than note 34


def test_boubacar_sangare_is_not_boukary_sangare(report):
    """Notes 72, 74, 80 cite "Boubacar Sangaré", a different person from the interviewee of note
    24 (Boukary Sangaré); no earlier note cites him, so 72 is the first citation and the later
    ones point to it."""
    notes = by_note(report[1])
    assert notes[72][0].backref is None and notes[72][0].interviewee == "Boubacar Sangaré"
    assert notes[74][0].backref == 72
    assert notes[80][0].backref == 72


def test_interviewee_named_as_a_source_in_prose(report):
    """Note 37: "Other interviewees, such as Assinamar ag Ousmane, confirmed this sense." cites
    the interview of note 26."""
    cs = by_note(report[1])[37]
    assert [c.kind for c in cs] == ["interview", "interview"]
    assert cs[1].interviewee == "Assinamar ag Ousmane" and cs[1].backref == 26


def test_quotation_note_is_not_a_publication(report):
    """Regression: "Quotation from an unpublished translation from Fulfulde to French by …" was
    read as a publication by its translator."""
    parses = {p.n: p for p in report[0]}
    assert parses[76].kind == "note" and parses[76].n_citations == 0
    assert parses[83].kind == "note"
    _, cs = parse_footnotes("d", [(1, "Translated from the Arabic by the author.", ())])
    assert cs == []


def test_un_symbol_from_the_cited_url(report):
    assert by_note(report[1])[111][0].document_symbol == "S/2018/581"


# ---------------------------------------------------------------- identifiers and dates


@pytest.mark.parametrize("text,symbol", [
    ("Letter dated 8 August 2018, S/2018/581, para. 3", "S/2018/581"),
    ("resolution A/RES/70/1 of 2015", "A/RES/70/1"),
    ("A/HRC/40/77, 21 January 2019", "A/HRC/40/77"),
    ("S/RES/2374 (2017)", "S/RES/2374"),
    ("and/or 2019/12", ""),
    ("15/11/1831", ""),
])
def test_document_symbols(text, symbol):
    assert find_document_symbol(text) == symbol


@pytest.mark.parametrize("text,number", [
    ("Africa Report N°238, 6 July 2016", "Africa Report N°238"),
    ("West Africa Report Issue 17, June 2016", "West Africa Report Issue 17"),
    ("GAO-23-106826, June 2023", "GAO-23-106826"),
    ("CRS Report R42664, 14 January 2013", "CRS Report R42664"),
    ("Human Rights Watch, World Report 2019", ""),
])
def test_report_numbers(text, number):
    assert find_report_number(text) == number


def test_dois_in_text_and_in_urls():
    assert find_doi("doi:10.1080/01436597.2013.824647.") == "10.1080/01436597.2013.824647"
    assert find_doi("", ["https://www.stabilityjournal.org/articles/10.5334/sta.bn/"]) == "10.5334/sta.bn"
    assert find_doi("Report 10, 2019", ["https://example.org/2018/10/report.pdf"]) == ""


def test_archived_urls_name_the_original():
    assert original_url("https://web.archive.org/web/20190102030405/https://www.rfi.fr/a") == "https://www.rfi.fr/a"
    assert original_url("https://swap.stanford.edu/20120706230941/http://www.theafricareport.com/x") \
        == "http://www.theafricareport.com/x"
    assert original_url("https://www.rfi.fr/a") == ""


@pytest.mark.parametrize("text,iso", [
    ("12 mars 2013", "2013-03-12"), ("1er février 2018", "2018-02-01"), ("mars 2013", "2013-03"),
    ("15/11/1831", "1831-11-15"), ("30.04.2022", "2022-04-30"), ("März 2015", "2015-03"),
    ("9 August 2018", "2018-08-09"), ("August 9, 2018", "2018-08-09"), ("Sept. 2012", "2012-09"),
])
def test_dates_in_other_languages_and_formats(text, iso):
    assert parse_date(text) == iso


def test_idem_with_a_title_is_the_same_author_and_a_new_work():
    notes = [(1, "Olivier Dubois, « Mali : le centre sous tension », Journal du Mali, 12 mars 2018.", ()),
             (2, "Idem, « Kidal, une ville à part », Journal du Mali, 3 avril 2018.", ()),
             (3, "Idem.", ())]
    _, cs = parse_footnotes("d", notes)
    assert cs[1].authors == ("Olivier Dubois",) and cs[1].backref is None and cs[1].date == "2018-04-03"
    assert cs[2].backref == 2 and cs[2].title == "Kidal, une ville à part"


def test_ibid_after_a_note_without_citation_skips_it():
    notes = [(1, 'Baz Lecocq, Disputed Desert (Leiden: Brill, 2010), 5.', ()),
             (2, "The figures were never published.", ()),
             (3, "Ibid., 9.", ())]
    _, cs = parse_footnotes("d", notes)
    assert cs[-1].footnote == 3 and cs[-1].backref == 1 and cs[-1].locator == "9"


def test_supra_note_to_a_note_not_read_keeps_the_number():
    """A law review's first page may be lost by the PDF reader: "supra note 2" still points to 2."""
    _, cs = parse_footnotes("d", [(10, "MALLOY, supra note 2, at 4.", ())])
    assert cs[0].backref == 2 and cs[0].authors == ("MALLOY",) and cs[0].locator == "at 4"


def test_bluebook_books_keep_their_title_pages_and_year():
    """A law review cites a book as AUTHOR, TITLE IN CAPITALS, pages, then the edition's parenthetical
    (The Bluebook, rule 15): the parenthetical and the title's last words had been read as its outlet
    ("at vii (... 1973) (1941)"), and a title with a comma cut in two. A journal article in the same
    style keeps its journal."""
    notes = [(1, "GREGORY MANN, FROM EMPIRES TO NGOS IN THE WEST AFRICAN SAHEL, at xi (2015).", ()),
             (2, "See BRUCE HALL, A HISTORY OF RACE IN MUSLIM WEST AFRICA, 1600-1960 112-15 "
                 "(Cambridge Univ. Press 2014) (2011).", ()),
             (3, "Baz Lecocq, Tuareg City Blues, in THE TUAREG SOCIETY WITHIN A GLOBALIZED WORLD: SAHARAN LIFE "
                 "IN TRANSITION 120, 125 (Ines Kohl & Anja Fischer eds., 2010).", ()),
             (4, "MANN, supra note 1, at 40.", ()),
             (5, "Morten Bøås, Crime, Coping, and Resistance in the Mali-Sahel Periphery, 22 AFR. SEC. 299, "
                 "301 (2015).", ()),
             (6, "See MARTIN LUTHER KING, JR., WHY WE CAN'T WAIT 77 (1964).", ())]
    _, cs = parse_footnotes("d", notes)
    got = [(c.authors, c.title, c.outlet, c.year, c.locator) for c in cs]
    assert got[0] == (("GREGORY MANN",), "FROM EMPIRES TO NGOS IN THE WEST AFRICAN SAHEL", "", 2015, "xi")
    assert got[1] == (("BRUCE HALL",), "A HISTORY OF RACE IN MUSLIM WEST AFRICA, 1600-1960", "Cambridge Univ. Press",
                      2011, "112-15")
    assert got[2] == (("Baz Lecocq",), "Tuareg City Blues",
                      "THE TUAREG SOCIETY WITHIN A GLOBALIZED WORLD: SAHARAN LIFE IN TRANSITION", 2010, "120, 125")
    assert cs[3].backref == 1 and cs[3].title == got[0][1] and cs[3].locator == "at 40"
    assert got[4] == (("Morten Bøås",), "Crime, Coping, and Resistance in the Mali-Sahel Periphery", "AFR. SEC.", 2015,
                      "301")
    assert got[5] == (("MARTIN LUTHER KING JR.",), "WHY WE CAN'T WAIT", "", 1964, "77")


def test_cross_references_to_text_cite_nothing():
    for text in ("See infra notes 34-44 and accompanying text.", "See supra text accompanying note 31."):
        parses, cs = parse_footnotes("d", [(40, text, ())])
        assert cs == [] and parses[0].kind == "note", text


def test_reference_list_section_and_in_text_rows():
    """A document with a References section: its entries and the body's author-date citations."""
    from extractors.model import Sentence

    def sent(i, zone, section, para, text):
        return Sentence("ad", f"ad:s{i}", f"ad:p{para}", None, section, zone, text)

    sentences = [
        sent(1, "body", "Introduction", 1, "Smuggling grew in the 2000s (Lacher 2012, 14)."),
        sent(2, "body", "Introduction", 1, "Lecocq (2010) reads the rebellions otherwise; others differ (Smith 2001)."),
        sent(3, "back", "References", 2, "Lacher, Wolfram. 2012. Organized Crime and Conflict in the Sahel-Sahara"),
        sent(4, "back", "References", 2, "Region. Washington, DC: Carnegie Endowment for International Peace."),
        sent(5, "back", "References", 3, "Lecocq, Baz. 2010. Disputed Desert. Leiden: Brill."),
        sent(6, "back", "Annex", 4, "Lacher, Wolfram. 2013. Not a reference list entry."),
    ]
    cs = author_date("ad", sentences)
    assert [(c.cited_in, c.idx, c.ref, c.sentence_id) for c in cs] == [
        ("references", 1, None, ""), ("references", 2, None, ""),
        ("text", 3, 1, "ad:s1"), ("text", 4, 2, "ad:s2")]
    assert cs[0].authors == ("Wolfram Lacher",) and cs[0].year == 2012 and cs[0].title.startswith("Organized Crime")
    assert cs[2].locator == "14" and cs[2].authors == ("Wolfram Lacher",)
    assert author_date("ad", sentences[:2]) == []  # no reference list: nothing


AUTHOR_DATE_MD = """# Land and conflict in central Mali

## Introduction

Herders and farmers compete for the same land (Lacher 2012, 14). The state withdrew from the
centre after 2012 (Bøås and Torheim 2013; Lacher 2012).

## References

Bøås, Morten, and Liv Elin Torheim. 2013. "The Trouble in Mali: Corruption, Collusion, Resistance." Third World Quarterly 34 (7): 1279–92.

Lacher, Wolfram. 2012. Organized Crime and Conflict in the Sahel-Sahara Region. Washington, DC: Carnegie Endowment for International Peace.
"""


def test_author_date_document_read_by_the_ingester(tmp_path):
    """A markdown report with a References section, read as the pipeline reads it (real spaCy
    sentence splitting): two entries, three in-text citations linked to them."""
    from extractors.ingest.documents import ingest
    from tests.conftest import segmenter

    path = tmp_path / "land.md"
    path.write_text(AUTHOR_DATE_MD, encoding="utf-8")
    doc = ingest(path, "land", "land.md", segmenter)
    cs = author_date(doc.doc_id, doc.sentences)
    entries = [c for c in cs if c.cited_in == "references"]
    assert [c.authors[0] for c in entries] == ["Morten Bøås", "Wolfram Lacher"]
    assert entries[0].outlet == "Third World Quarterly" and entries[1].year == 2012
    in_text = [(c.authors[0], c.ref, c.locator) for c in cs if c.cited_in == "text"]
    assert in_text == [("Wolfram Lacher", 2, "14"), ("Morten Bøås", 1, ""), ("Wolfram Lacher", 2, "")]
    assert all(c.sentence_id.startswith("land:s") for c in cs if c.cited_in == "text")


def test_reference_list_paragraph_holding_several_entries_is_split():
    """A PDF reader joins a hanging-indent reference list into one paragraph: a new entry starts
    after a full stop with "Surname, Given"."""
    from extractors.citations.parse import reference_list_entries
    from extractors.model import Sentence

    text = ("Lacher, Wolfram. 2012. Organized Crime. Washington, DC: Carnegie. "
            "Lecocq, Baz. 2010. Disputed Desert. Leiden: Brill. Scheele, J. 2012. Smugglers and Saints.")
    sentences = [Sentence("d", "d:s1", "d:p1", None, "Bibliography", "back", text)]
    assert [e.split(",")[0] for e in reference_list_entries(sentences)] == ["Lacher", "Lecocq", "Scheele"]
