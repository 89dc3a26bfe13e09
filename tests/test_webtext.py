"""Main-text extraction from web pages (trafilatura on hand-written fixture pages)."""
from __future__ import annotations

from pathlib import Path

from extractors.ingest.webtext import WebText, extract_html
from extractors.text import guess_language

FIXTURES = Path(__file__).parent / "fixtures" / "sources"


def test_english_article():
    page = (FIXTURES / "article-en.html").read_bytes()
    text = extract_html(page, "https://sahel-monitor.example/news/kidal")
    assert text.title == "Armed groups regroup around Kidal as the peace deal stalls"
    assert text.date == "2018-03-14"
    assert text.language == "en"
    assert "Fighters of the MNLA" in text.text
    assert "coalition led by Iyad ag Ghali" in text.text
    assert "AQMI and the remnants of MUJAO" in text.text
    assert "road to Tombouctou" in text.text
    for noise in ("COMMENTSENTINEL", "desertfox88", "Subscribe to our newsletter", "Member login", "All rights reserved"):
        assert noise not in text.text


def test_french_article_from_str():
    page = (FIXTURES / "article-fr.html").read_text(encoding="utf-8")
    text = extract_html(page, "https://journal-du-sahel.example/actu/peuls")
    assert text.title == "Au centre du Mali, les Peuls pris entre les jihadistes et les milices"
    assert text.date == "2018-06-02"
    assert text.language == "fr"
    assert "les villages peuls se vident" in text.text
    assert "les hommes d'Iyad ag Ghali" in text.text
    assert "À Tombouctou comme à Kidal, les anciens rebelles du MNLA" in text.text
    assert "la stigmatisation des Peuls" in text.text
    for noise in ("SENTINELLECOMMENTAIRE", "Réactions", "Abonnez-vous", "Espace membres", "Mentions légales"):
        assert noise not in text.text


def test_language_without_declaration_comes_from_the_text():
    page = (FIXTURES / "article-fr.html").read_text(encoding="utf-8").replace('<html lang="fr-FR">', "<html>")
    assert extract_html(page, "https://x.example/a").language == "fr"
    page = (FIXTURES / "article-en.html").read_text(encoding="utf-8").replace('<html lang="en">', "<html>")
    assert extract_html(page, "https://x.example/a").language == "en"


def test_wrong_template_language_is_overruled_by_a_clear_count():
    page = (FIXTURES / "article-fr.html").read_text(encoding="utf-8").replace('lang="fr-FR"', 'lang="en"')
    assert extract_html(page, "https://x.example/a").language == "fr"


def test_declared_language_other_than_en_fr_is_kept():
    page = (
        '<html lang="ar"><head><title>t</title></head><body><article>'
        "<p>" + "نص عربي قصير عن مالي والساحل. " * 20 + "</p></article></body></html>"
    )
    assert extract_html(page, "https://x.example/a").language == "ar"


def test_empty_and_bodyless_pages():
    assert extract_html(b"", "https://x.example/") == WebText()
    empty = extract_html("<html><head><title>Only a title</title></head><body></body></html>", "https://x.example/")
    assert empty.text == "" and empty.title == "Only a title"


def test_guess_language():
    assert guess_language("The MNLA and the HCUA met in Kidal, and they said that the talks were over.") == "en"
    assert guess_language("Les Peuls sont dans la région de Mopti et ils ont fui les combats avec leurs troupeaux.") == "fr"
    assert guess_language("MNLA HCUA GATIA") == ""
