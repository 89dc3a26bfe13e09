"""Property tests of the text/markdown ingestion: no exception, no lost footnote marker or URL."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.ingest.markdown import parse_markdown

WORDS = st.sampled_from(["Kidal", "the", "MNLA", "said", "*Jeune Afrique*", "**Gao**", "(IBK)", "—", "l’Azawad",
                         "175<sup>th</sup>", "x_y", "\\_", "1.", "-", "#", ">", "[a](b)", "“quote”", "2018."])
SAFE_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=400)


@settings(max_examples=200, deadline=None)
@given(SAFE_TEXT)
def test_arbitrary_text_never_crashes(text):
    layout = parse_markdown(text)
    for p in layout.paragraphs:
        for m in p.markers:
            assert 0 <= m.offset <= len(p.text)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(WORDS, min_size=1, max_size=25), min_size=1, max_size=8), st.data())
def test_every_marker_and_footnote_survives(paragraphs, data):
    n = 0
    body, notes = [], []
    for words in paragraphs:
        out = []
        for w in words:
            out.append(w)
            if data.draw(st.booleans()):
                n += 1
                out[-1] = w + f"<sup>{n}</sup>"
        body.append(" ".join(out))
    urls = []
    for i in range(1, n + 1):
        url = f"https://example.org/{data.draw(st.from_regex(r'[a-z0-9_/-]{1,20}', fullmatch=True))}"
        urls.append(url)
        notes.append(f"<sup>{i}</sup> Author, “Title,” <{url}>.")
    text = "# Title\n\n## Body\n\n" + "\n\n".join(body) + "\n\n---\n\n" + "\n\n".join(notes) + "\n"
    layout = parse_markdown(text)
    markers = sorted(m.n for p in layout.paragraphs for m in p.markers)
    assert markers == list(range(1, n + 1))
    assert [f.n for f in layout.footnotes] == list(range(1, n + 1))
    for f, url in zip(layout.footnotes, urls):
        assert url in f.text and url in f.links
    for p in layout.paragraphs:
        assert "<sup>" not in p.text
