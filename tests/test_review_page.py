"""candidates.html and the hide-unreviewed switch of network.html in a real headless browser
(Debian's Chromium driven by Playwright), offline: decisions chosen in the page, saved, applied
with `reportgraph review apply`, obeyed by the next recognition (issue 15)."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import extractors.outputs.tables as tables
from extractors.model import Document, Sentence
from extractors.network.graph import build_edges, build_graph, entities_from_mentions
from extractors.network.html import write_html
from extractors.outputs.review_page import render_page, write_page
from flows.cli import app
from flows.runtime.models import recognizer_for
from flows.stages import recognition_stage
from tests.test_network_html import Session, assert_offline
from tests.test_network_html import browser  # noqa: F401  (the Chromium fixture, shared)

ROOT = Path(__file__).resolve().parents[1]

# our own sentences: four people the gazetteer lacks, one of them written two ways
BODY = [
    "Aminata Diarra, who leads the Tessit women's association, met the governor of Gao in March.",
    "Later that month Aminata Diara travelled to Bamako with a delegation of elders.",
    "The talks were chaired by Oumar Sangho, a former mayor of Ansongo.",
    "Fatoumata Kéita of the Gao youth council said that the roads were closed </script><b>.",
]


def brief() -> Document:
    sentences = tuple(Sentence("brief", f"brief:s{i + 1:05d}", f"brief:p{i + 1:04d}", i + 1, "Findings", "body", t)
                      for i, t in enumerate(BODY))
    return Document("brief", "brief.md", "0" * 64, "markdown", language="en", sentences=sentences)


@pytest.fixture
def run(tmp_path):
    """A gazetteer folder of our own, and a run folder with entities.csv and candidates.html."""
    gaz = tmp_path / "gazetteers"
    gaz.mkdir()
    shutil.copy(ROOT / "gazetteers" / "sahel.yaml", gaz / "sahel.yaml")
    folder = tmp_path / "run"
    folder.mkdir()
    out = recognition_stage([brief()], gaz, recognizer_for(), [])
    tables.ENTITIES.write(folder, (tables.entity_row(e) for e in out.recognition.entities))
    write_page(folder / tables.REVIEW_PAGE, out.queue.candidates, out.recognition.entities)
    return gaz, folder, out


def test_page_is_self_contained_and_deterministic(run):
    gaz, folder, out = run
    page = (folder / tables.REVIEW_PAGE).read_text(encoding="utf-8")
    assert page == render_page(out.queue.candidates, out.recognition.entities)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "@import" not in page and "fetch(" not in page
    data_block = page.split('id="review-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data_block and ">" not in data_block
    data = json.loads(data_block)
    assert {c["surface"] for c in data["candidates"]} >= {"Aminata Diarra", "Aminata Diara", "Oumar Sangho"}
    diarra = {c["cluster"] for c in data["candidates"] if c["surface"].startswith("Aminata")}
    assert len(diarra) == 1  # one cluster of likely-same names


def open_page(browser, path: Path) -> Session:
    context = browser.new_context(viewport={"width": 1300, "height": 900}, offline=True, accept_downloads=True)
    page = context.new_page()
    s = Session(page)

    def route(r):
        if r.request.url.startswith(("file://", "blob:", "data:")):
            r.continue_()
        else:
            s.blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page.on("request", lambda req: s.requests.append(req.url))
    page.on("console", lambda m: s.errors.append(f"console.{m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda exc: s.errors.append(f"pageerror: {exc}"))
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready=true]", timeout=10_000)
    return s


def card(page, surface: str):
    return page.locator("article.candidate").filter(has=page.locator(".name", has_text=re.compile(f"^{surface}$")))


@pytest.mark.browser
def test_decisions_chosen_in_the_page_are_obeyed_by_the_next_run(browser, run, tmp_path):
    gaz, folder, before = run
    s = open_page(browser, folder / tables.REVIEW_PAGE)
    page = s.page
    # evidence with document and page, the hostile sentence shown as text
    keita = card(page, "Fatoumata Kéita")
    assert "brief · p. 4" in keita.locator("li.evidence").first.inner_text()
    assert keita.locator("mark").inner_text() == "Fatoumata Kéita"
    # one decision for the cluster: the two spellings are one person, named as the first
    cluster = page.locator("section.cluster").filter(has=card(page, "Aminata Diarra"))
    cluster.locator("select.cluster-action").select_option(label="one entity: Aminata Diarra")
    assert card(page, "Aminata Diara").locator("select.action").input_value() == "merge"
    # accept with a type and a canonical name; reject the last
    sangho = card(page, "Oumar Sangho")
    sangho.locator("select.action").select_option("accept")
    sangho.locator("select.type").select_option("PERSON")
    sangho.locator("input.name-input").fill("Oumar A. Sangho")
    keita.locator("select.action").select_option("reject")
    assert page.locator("#stats").get_attribute("data-decided") == "4"
    with page.expect_download() as download:
        page.click("#save")
    saved = tmp_path / "decisions.csv"
    download.value.save_as(saved)
    assert download.value.suggested_filename == "decisions.csv"
    assert_offline(s)
    page.context.close()

    result = CliRunner().invoke(app, ["review", "apply", str(saved), "--gazetteer", str(gaz), "--run", str(folder)])
    assert result.exit_code == 0, result.output
    after = recognition_stage([brief()], gaz, recognizer_for(), [])
    entities = {e.entity_id: e for e in after.recognition.entities}
    assert {m.entity_id for m in after.recognition.mentions if m.text == "Aminata Diara"} == {"x-aminata-diarra"}
    assert entities["x-aminata-diarra"].status == "decision" and entities["x-aminata-diarra"].type == "PERSON"
    assert (entities["x-oumar-sangho"].name, entities["x-oumar-sangho"].status) == ("Oumar A. Sangho", "decision")
    assert not [m for m in after.recognition.mentions if m.text == "Fatoumata Kéita"]
    assert not {"Aminata Diarra", "Aminata Diara", "Oumar Sangho", "Fatoumata Kéita"} & {
        c.surface for c in after.queue.candidates}
    # the accepted names kept the ids they had while unreviewed
    assert {"x-aminata-diarra", "x-oumar-sangho"} <= {e.entity_id for e in before.recognition.entities}


@pytest.mark.browser
def test_network_page_hides_unreviewed_names(browser, run, tmp_path):
    _, _, out = run
    rec = out.recognition
    sentences = list(brief().sentences)
    statuses = {e.entity_id: e.status for e in rec.entities}
    info = entities_from_mentions(rec.mentions, names={e.entity_id: e.name for e in rec.entities}, statuses=statuses)
    edges = build_edges(sentences, rec.mentions)
    graph = build_graph(info, edges)  # GEXF and GraphML carry the status too
    assert {graph.nodes[n]["status"] for n in graph} == {statuses[n] for n in graph}
    path = write_html(tmp_path / "network.html", info, edges, sentences, rec.mentions)
    s = open_page(browser, path)
    page = s.page
    unreviewed = sorted(i for i, st in statuses.items() if st == "unreviewed" and i in info)
    assert unreviewed and any(st == "gazetteer" for st in statuses.values())
    total = int(page.locator("#stats").get_attribute("data-nodes"))
    assert page.locator('g.node[data-status="unreviewed"]').count() == len(unreviewed)
    page.check("#hide-unreviewed")
    assert page.locator('g.node[data-status="unreviewed"]:visible').count() == 0
    assert int(page.locator("#stats").get_attribute("data-nodes")) == total - len(unreviewed)
    page.uncheck("#hide-unreviewed")
    assert int(page.locator("#stats").get_attribute("data-nodes")) == total
    assert_offline(s)
    page.context.close()
