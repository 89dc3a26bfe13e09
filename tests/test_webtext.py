"""Main-text extraction from web pages (trafilatura on hand-written fixture pages)."""
from __future__ import annotations

from pathlib import Path

import pytest

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


@pytest.mark.parametrize("text, expected", [
    ("O conselho regional reuniu-se em Gao com os delegados das comunas, e a sua decisão não foi "
     "aceite pelos chefes, que também pediram uma nova reunião ao governador.", "pt"),
    ("El consejo regional se reunió en Gao con los delegados, pero la decisión del gobernador fue "
     "muy discutida y ya no hay acuerdo sobre las elecciones cuando vuelvan los refugiados.", "es"),
    ("Der Regionalrat traf sich in Gao mit den Vertretern der Gemeinden, und die Entscheidung wird "
     "auch von den Behörden nicht anerkannt, wie sie nach der Sitzung sagten.", "de"),
    ("Il consiglio regionale si è riunito a Gao con i delegati dei comuni, ma la decisione non è "
     "stata accettata anche dalle autorità della regione e questo pone problemi.", "it"),
    ("Regionrådet möttes i Gao och delegaterna sa att beslutet inte är klart, men att det ska tas "
     "upp igen efter valet eller när detta är möjligt för alla som har rätt.", "sv"),
    ("Les délégués des communes se sont réunis à Gao avec le gouverneur et ils ont dit que la "
     "décision était prise pour la région selon leurs chefs.", "fr"),
    ("The regional council met in Gao with the delegates of the communes, and they said that the "
     "decision had been taken by the governor after the talks.", "en"),
    # round 16: Spanish manuals whose "la" and "que" made them French or left them English
    ("Para instalar el programa, haga clic en el botón de la ventana que se abre y seleccione la "
     "carpeta de destino; la instalación puede tardar unos minutos según la máquina.", "es"),
    ("Program je určen pro radioamatéry, kteří se účastní závodů, a také pro ty, kdo jej chtějí "
     "používat při práci na pásmu nebo jako deník.", "cs"),
])
def test_issue_13_a_document_in_neither_english_nor_french_is_tagged_with_its_own_language(text, expected):
    """A Portuguese report was tagged fr (its "que"), a Swedish form fr (its "du"), German and
    Spanish ones en: `among=KNOWN_LANGUAGES` tells them; the default stays English or French."""
    from extractors.text import KNOWN_LANGUAGES

    assert guess_language(text, among=KNOWN_LANGUAGES) == expected
    if expected in ("en", "fr"):
        assert guess_language(text) == expected
    # a table of figures and a single-letter variable is no language at all
    assert guess_language("Y≥20000 | 500≤Y<20000 | X≥1000 | y = 3 | x = 4 | Y | y | y", among=KNOWN_LANGUAGES) == ""


def test_issue_13_a_portuguese_report_is_tagged_pt_and_read_with_the_english_model(tmp_path):
    """Read as the pipeline reads a document (documents.csv's language column): before, a document
    was English or French whatever its language (this one en, a real Portuguese form fr)."""
    from extractors.ingest.documents import ingest
    from extractors.ingest.nlp import ModelSettings
    from tests.conftest import segmenter

    path = tmp_path / "relatorio.md"
    path.write_text("# Relatório\n\n" + "O conselho regional reuniu-se em Gao com os delegados das comunas, e a "
                    "sua decisão não foi aceite pelos chefes, que também pediram uma nova reunião. " * 4,
                    encoding="utf-8")
    doc = ingest(path, "relatorio", path.name, segmenter)
    assert doc.status == "ok" and doc.language == "pt"
    assert ModelSettings().name_for("pt") == ModelSettings().name_for("en")


@pytest.mark.parametrize("text, expected", [
    ("قالت الحكومة في باماكو إن الجماعات المسلحة هاجمت قافلة قرب مدينة غاو في شمال مالي.", "ar"),
    ("گروه‌های مسلح در شمال مالی به کاروانی نزدیک گائو حمله کردند و چند نفر کشته شدند.", "fa"),
    ("Вооружённые группы напали на колонну возле Гао на севере Мали, сообщило правительство.", "ru"),
    ("Збройні групи напали на колону поблизу Гао на півночі Малі, повідомив уряд країни.", "uk"),
    ("Ένοπλες ομάδες επιτέθηκαν σε φάλαγγα κοντά στο Γκάο, στο βόρειο Μάλι, ανέφερε η κυβέρνηση.", "el"),
    ("सरकार ने कहा कि सशस्त्र समूहों ने उत्तरी माली में गाओ के पास एक काफिले पर हमला किया।", "hi"),
    ("政府によると、武装勢力がマリ北部のガオ近くで車列を襲撃した。", "ja"),
    ("政府表示，武装团体在马里北部加奥附近袭击了一支车队。", "zh"),
    ("The council said that the armed groups (in Arabic الجماعات المسلحة) had attacked the convoy "
     "near Gao, and that the talks were over.", "en"),
])
def test_issue_13_a_document_in_another_script_is_tagged_by_it(tmp_path, text, expected):
    """Round 13: a Japanese, a Hindi and a Greek document were tagged English (function words of
    Latin-script languages only, English the default), and so read for names by the English model.
    A document mostly in another script is tagged by that script's language; a few words of it
    quoted in an English text leave it English."""
    from extractors.ingest.documents import ingest
    from tests.conftest import segmenter

    path = tmp_path / "note.md"
    path.write_text(f"# Note\n\n{text} {text}\n", encoding="utf-8")
    assert ingest(path, "note", path.name, segmenter).language == expected
