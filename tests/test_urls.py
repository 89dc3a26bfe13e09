"""URLs exactly as cited: escapes, trailing punctuation, split URLs, link targets, domains."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.citations.urls import clean_url, find_urls, locate_urls, url_domain

MALIJET = (
    "http://malijet.com/actualite%20dans%20les%20regions%20du%20mali/rebellion%20au%20nord%20du%20mali/"
    "204631-lutte-antiterroriste-malick-ag-wanasnat%2C-un-fid%C3%A8le-d%E2%80%99iyad-ag-gha.html"
)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Outlet, 3 May 2016, https://example.org/a/b.", ["https://example.org/a/b"]),
        ("see http://example.org/x?y=1&z=2; and more", ["http://example.org/x?y=1&z=2"]),
        ("(available at www.example.org/report.pdf)", ["www.example.org/report.pdf"]),
        ("at https://en.example.org/wiki/Gao_(city).", ["https://en.example.org/wiki/Gao_(city)"]),
        ("(https://en.example.org/wiki/Gao_(city))", ["https://en.example.org/wiki/Gao_(city)"]),
        ("“Title,” https://example.org/t”", ["https://example.org/t"]),
        ("Report, https://example.org/a\\_b\\_c.pdf.", ["https://example.org/a_b_c.pdf"]),
        ("Report, https://example.org/a\\\\_b.pdf.", ["https://example.org/a_b.pdf"]),
        ("x https://example.org/1 and https://example.org/1.", ["https://example.org/1"]),
        ("x https://example.org/1 then https://example.org/2!", ["https://example.org/1", "https://example.org/2"]),
        ("nothing to see here: http:// or www. alone", []),
        ("archived https://swap.example.edu/2012/http://news.example.com/a.html.",
         ["https://swap.example.edu/2012/http://news.example.com/a.html"]),
    ],
)
def test_find_urls_in_text(text, expected):
    assert find_urls(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a PDF line break left one space inside the URL
        ("Résultats, 16 August 2018, http://www.example.gov.ml/files/resultats %20election%20pr%C3%A9sident.pdf.",
         "http://www.example.gov.ml/files/resultats%20election%20pr%C3%A9sident.pdf"),
        ("Report, https://www.example.org/sites/default/files/2018-02/ insight_1713_mali.pdf.",
         "https://www.example.org/sites/default/files/2018-02/insight_1713_mali.pdf"),
        ("Report, https://www.example.org/files/insight\\_1713\\_ mali\\_3.pdf.",
         "https://www.example.org/files/insight_1713_mali_3.pdf"),
        ("Story, https://www.example.com/politique/mali-une- visite-haute.",
         "https://www.example.com/politique/mali-une-visite-haute"),
    ],
)
def test_split_urls_rejoined(text, expected):
    assert find_urls(text) == [expected]


def test_words_after_a_url_are_not_joined():
    assert find_urls("see https://example.org/a and Other Things") == ["https://example.org/a"]
    assert find_urls("see https://example.org/a/ and then") == ["https://example.org/a/"]
    assert find_urls("https://example.org/a. Next/sentence") == ["https://example.org/a"]


def test_link_target_is_authoritative_for_footnote_106():
    shown = (
        "Armed Forces of Mali, “Lutte antiterroriste,” 15 February 2018, http://malijet.com/actualite dans les "
        "regions du mali/rebellion au nord du mali/204631-lutte-antiterroriste-malick-ag-wanasnat%2C-un-"
        "fid%C3%A8le-d%E2%80%99iyad-ag-gha.html."
    )
    assert find_urls(shown, [MALIJET]) == [MALIJET]
    (span,) = locate_urls(shown, [MALIJET])
    assert shown[span.start:span.end].startswith("http://malijet.com/actualite dans")
    assert shown[span.start:span.end].endswith("ag-gha.html")


def test_link_target_replaces_escaped_and_split_text():
    target = "https://www.example.org/files/insight_1713_mali_3_eng.pdf"
    assert find_urls("SIPRI, https://www.example.org/files/insight\\_1713\\_mali\\_3\\_eng.pdf.", [target]) == [target]
    assert find_urls("SIPRI, https://www.example.org/files/insight_1713 _mali_3_eng.pdf.", [target]) == [target]
    assert find_urls("SIPRI, https://www.example.org/files/ insight_1713_mali_3_eng.pdf.", [target]) == [target]


def test_link_with_scheme_matches_text_without():
    target = "http://www.example.org/about"
    assert find_urls("Site: www.example.org/about.", [target]) == [target]
    assert find_urls("Site: http://example.org/about.", ["http://example.org/about/"]) == ["http://example.org/about/"]


def test_links_not_shown_are_kept_after_the_text_urls():
    links = ["https://hidden.example.org/a", "mailto:someone@example.org", "#page=3"]
    assert find_urls("A report, https://shown.example.org/b.", links) == [
        "https://shown.example.org/b", "https://hidden.example.org/a"]


def test_prefix_link_does_not_claim_a_longer_url():
    text = "See https://example.org/a/b and https://example.org/a."
    assert find_urls(text, ["https://example.org/a"]) == ["https://example.org/a/b", "https://example.org/a"]


def test_clean_url():
    assert clean_url("<https://example.org/a\\_b>.") == "https://example.org/a_b"
    assert clean_url(" https://example.org/(x)) ") == "https://example.org/(x)"


@pytest.mark.parametrize(
    "url, domain",
    [
        ("https://www.jeuneafrique.com/619504/politique/x/", "jeuneafrique.com"),
        ("http://www.rfi.fr/afrique/20141014-x", "rfi.fr"),
        ("https://www.lrb.co.uk/v34/n16/x", "lrb.co.uk"),
        ("http://www.matcl.gov.ml/sites/default/files/x.pdf", "matcl.gov.ml"),
        ("http://filiu.blog.lemonde.fr/2018/10/21/x/", "lemonde.fr"),
        ("https://issafrica.s3.amazonaws.com/site/uploads/x.pdf", "amazonaws.com"),
        ("www.example.org/a", "example.org"),
        ("https://WWW.Example.ORG:8080/a", "example.org"),
        ("http://127.0.0.1:8000/x", "127.0.0.1"),
        ("https://kibaru.ml/fr/art/vwjfm", "kibaru.ml"),
        ("not a url", ""),
    ],
)
def test_url_domain(url, domain):
    assert url_domain(url) == domain


_label = st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=10)
_seg = st.text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~%=&?", min_size=1, max_size=12)
_end = st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789/")
urls = st.builds(
    lambda scheme, www, host, tld, segs, end: f"{scheme}{www}{host}.{tld}/{'/'.join(segs)}{end}",
    st.sampled_from(["http://", "https://"]), st.sampled_from(["", "www."]), _label,
    st.sampled_from(["com", "org", "fr", "ml", "co.uk"]), st.lists(_seg, max_size=4), _end,
)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.lists(st.text(max_size=40), max_size=3))
def test_never_crashes(text, links):
    found = find_urls(text, links)
    assert len(found) == len(set(found))
    for u in found:
        url_domain(u)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), urls, st.sampled_from([".", ",", ";", "", ").", ". See", "; and"]),
       st.text(max_size=80), st.booleans())
def test_inserted_url_is_found_exactly(before, url, after, rest, escaped):
    shown = url.replace("_", "\\_") if escaped else url
    text = f"{before} {shown}{after} {rest}" if after else f"{before} {shown}"
    assert url in find_urls(text)
    assert url in find_urls(text, [url])
