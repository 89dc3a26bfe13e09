"""network.html in a real headless browser (Debian's Chromium driven by Playwright), offline.

Locally the browser tests skip when Chromium is missing; under CI=true they fail instead.
"""
from __future__ import annotations

import json
import os
import pickle
import re
import shutil
from pathlib import Path

import pytest

from extractors.network.graph import build_edges, entities_from_mentions, layout
from extractors.network.html import graph_data, page_graph, render_html, write_html
from tests.test_network import MENTIONS, SENTENCES, M, S

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
IN_CI = os.environ.get("CI", "").lower() == "true"

# one more document whose sentence text tries to break out of the embedded JSON
HOSTILE = S("C", "C-s1", "C-p1", "body", "MNLA </script><script>window.pwned = 1</script> & Kidal <!-- x")
ALL_SENTENCES = SENTENCES + [HOSTILE]
ALL_MENTIONS = MENTIONS + [M(HOSTILE, "mnla"), M(HOSTILE, "kidal")]
NAMES = {
    "mnla": "Mouvement national de libération de l'Azawad",
    "hcua": "Haut Conseil pour l'unité de l'Azawad",
    "barkhane": "Opération Barkhane",
}


def page_html() -> str:
    edges = build_edges(ALL_SENTENCES, ALL_MENTIONS)
    info = entities_from_mentions(ALL_MENTIONS, names=NAMES, aliases={"mnla": ("Azawad National Liberation Movement",)})
    return render_html(info, edges, ALL_SENTENCES, ALL_MENTIONS, title="Test network <&>")


# ---------------------------------------------------------------------------------------------
# without a browser


def test_page_is_self_contained_and_deterministic():
    page = page_html()
    assert page == page_html()
    assert "__DATA__" not in page and "__TITLE__" not in page
    assert "<title>Test network &lt;&amp;&gt;</title>" in page
    # nothing is loaded from elsewhere: no src/href to a URL, no @import, no fetch
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "@import" not in page and "fetch(" not in page
    # the embedded JSON cannot close its script element
    data_block = page.split('id="graph-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data_block and ">" not in data_block
    assert page.count("</script>") == 2  # the data block and the code, nothing from the text
    data = json.loads(data_block)
    assert data["sentences"]["C-s1"]["text"] == HOSTILE.text


def test_positions_laid_out_elsewhere_give_the_same_page():
    # the flow lays the page's graph out in a worker process (`--workers N`) and passes the
    # positions in: the page must be the one laid out here, byte for byte
    edges = build_edges(ALL_SENTENCES, ALL_MENTIONS)
    info = entities_from_mentions(ALL_MENTIONS, names=NAMES)
    page = page_graph(info, edges)
    assert sorted(page.nodes) == ["barkhane", "gao", "hcua", "kidal", "mnla"]
    positions = pickle.loads(pickle.dumps(layout(pickle.loads(pickle.dumps(page)))))
    assert (render_html(info, edges, ALL_SENTENCES, ALL_MENTIONS, positions=positions)
            == render_html(info, edges, ALL_SENTENCES, ALL_MENTIONS))
    moved = {n: (-x, y) for n, (x, y) in positions.items()}
    assert (render_html(info, edges, ALL_SENTENCES, ALL_MENTIONS, positions=moved)
            != render_html(info, edges, ALL_SENTENCES, ALL_MENTIONS))  # they are used


def test_graph_data():
    edges = build_edges(ALL_SENTENCES, ALL_MENTIONS)
    info = entities_from_mentions(ALL_MENTIONS, names=NAMES)
    data = graph_data(info, edges, ALL_SENTENCES, ALL_MENTIONS)
    assert data["windows"] == ["sentence", "paragraph"]
    assert [n["id"] for n in data["nodes"]] == ["barkhane", "gao", "hcua", "kidal", "mnla"]
    mnla = next(n for n in data["nodes"] if n["id"] == "mnla")
    assert mnla["forms"] == ["MNLA"]
    assert set(mnla["metrics"]) == {"sentence", "paragraph"}
    assert all(0 <= n["x"] <= data["canvas"] and 0 <= n["y"] <= data["canvas"] for n in data["nodes"])
    # every evidence sentence is embedded with doc, page and text
    for e in data["edges"]:
        for sid in e["evidence"]:
            s = data["sentences"][sid]
            assert s["text"] and s["doc_id"]
    assert data["sentences"]["A-s1"] == {
        "doc_id": "A", "page": 1, "text": "The MNLA and the HCUA met in Kidal.",
        "marks": [[4, 8, "mnla"], [17, 21, "hcua"], [29, 34, "kidal"]],
    }


# ---------------------------------------------------------------------------------------------
# in the browser


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - the venv has it
        if IN_CI:
            pytest.fail(f"playwright is not installed: {exc}")
        pytest.skip(f"playwright is not installed: {exc}")
    executable = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if not executable:
        if IN_CI:
            pytest.fail(f"Chromium not found at {CHROMIUM} (CI must install it: apt-get install -y chromium)")
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    pw = sync_playwright().start()
    try:
        b = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
    except Exception as exc:
        pw.stop()
        if IN_CI:
            pytest.fail(f"Chromium did not start: {exc}")
        pytest.skip(f"Chromium did not start: {exc}")
    yield b
    b.close()
    pw.stop()


class Session:
    def __init__(self, page):
        self.page = page
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.blocked: list[str] = []


@pytest.fixture
def session(browser, tmp_path):
    path = tmp_path / "network.html"
    path.write_text(page_html(), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1400, "height": 900}, offline=True)
    page = context.new_page()
    s = Session(page)

    def route(r):
        url = r.request.url
        if url.startswith("file://"):
            r.continue_()
        else:
            s.blocked.append(url)
            r.abort()

    context.route("**/*", route)
    page.on("request", lambda req: s.requests.append(req.url))
    page.on("console", lambda msg: s.errors.append(f"console.{msg.type}: {msg.text}") if msg.type in ("error", "warning") else None)
    page.on("pageerror", lambda exc: s.errors.append(f"pageerror: {exc}"))
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready=true]", timeout=10_000)
    yield s
    context.close()


def assert_offline(s: Session):
    assert s.blocked == []
    assert [u for u in s.requests if not u.startswith(("file://", "data:"))] == []
    assert s.errors == []


@pytest.mark.browser
def test_page_loads_offline_and_draws_the_graph(session, tmp_path):
    page = session.page
    nodes = page.locator("g.node")
    assert nodes.count() == 5
    for node_id in ("barkhane", "gao", "hcua", "kidal", "mnla"):
        circle = page.locator(f'g.node[data-id="{node_id}"] circle')
        assert circle.is_visible()
        box = circle.bounding_box()
        assert box and box["width"] > 3 and box["height"] > 3
    # sentence window by default: its 4 pairs (C-s1 adds no new pair), no paragraph edge shown
    assert page.locator('g.edge[data-window="sentence"]:visible').count() == 4
    assert page.locator('g.edge[data-window="paragraph"]:visible').count() == 0
    assert page.locator("#stats").get_attribute("data-edges") == "4"
    # the hostile text did not run
    assert page.evaluate("window.pwned") is None
    page.screenshot(path=str(tmp_path / "network.png"))
    assert_offline(session)


@pytest.mark.browser
def test_search_finds_mnla_and_highlights_neighbours(session):
    page = session.page
    page.fill("#search", "MNLA")
    first = page.locator("#search-results li.result").first
    assert first.get_attribute("data-id") == "mnla"
    assert "MNLA" in first.inner_text()
    first.locator("button").click()
    assert page.locator("#details h3").inner_text() == "Mouvement national de libération de l'Azawad"
    assert "selected" in page.locator('g.node[data-id="mnla"]').get_attribute("class")
    neighbours = sorted(page.locator("g.node.neighbour").evaluate_all("els => els.map(e => e.dataset.id)"))
    assert neighbours == ["gao", "hcua", "kidal"]  # sentence window
    # accents and case do not matter, aliases are searched
    page.fill("#search", "liberation movement")
    assert page.locator("#search-results li.result").first.get_attribute("data-id") == "mnla"
    page.fill("#search", "operation barkhane")
    page.press("#search", "Enter")
    assert page.locator("#details").get_attribute("data-id") == "barkhane"
    assert_offline(session)


@pytest.mark.browser
def test_clicking_an_edge_shows_its_evidence(session):
    page = session.page
    edge = page.locator('g.edge[data-source="kidal"][data-target="mnla"][data-window="sentence"]')
    edge.click()  # a real mouse click on the line
    box = page.locator("#evidence")
    assert box.is_visible()
    assert page.locator("#evidence-title").inner_text() == "Kidal \u2014 Mouvement national de libération de l'Azawad"
    items = page.locator("#evidence-list li.evidence")
    assert items.evaluate_all("els => els.map(e => e.dataset.sentenceId)") == ["A-s1", "A-s2", "B-s2", "C-s1"]
    first = items.first
    assert first.get_attribute("data-doc-id") == "A" and first.get_attribute("data-page") == "1"
    assert "A \u00b7 p. 1 \u00b7 A-s1" in first.inner_text()
    assert first.locator(".text").inner_text() == "The MNLA and the HCUA met in Kidal."
    assert first.locator("mark").all_inner_texts() == ["MNLA", "Kidal"]  # the pair, not HCUA
    # the hostile sentence is shown as text
    assert items.nth(3).locator(".text").inner_text() == HOSTILE.text
    assert "active" in edge.get_attribute("class")
    assert_offline(session)


@pytest.mark.browser
def test_window_switch_weight_slider_and_type_filter(session):
    page = session.page
    stats = page.locator("#stats")
    page.check("#window-paragraph")
    # paragraph window: gao-hcua, gao-kidal, gao-mnla, hcua-kidal, hcua-mnla, kidal-mnla
    assert stats.get_attribute("data-edges") == "6"
    assert page.locator('g.edge[data-window="sentence"]:visible').count() == 0
    # minimum weight 2 keeps only kidal-mnla (A-p1, B-p1, C-p1: weight 3)
    page.locator("#min-weight").fill("2")
    assert page.locator("#min-weight-value").inner_text() == "2"
    assert stats.get_attribute("data-edges") == "1"
    visible = page.locator("g.edge:visible")
    assert (visible.get_attribute("data-source"), visible.get_attribute("data-target")) == ("kidal", "mnla")
    page.locator("#min-weight").fill("1")
    # hiding places hides gao and kidal and every edge touching them
    page.uncheck('#type-filters input[data-type="PLACE"]')
    assert page.locator('g.node[data-type="PLACE"]:visible').count() == 0
    assert stats.get_attribute("data-nodes") == "3"
    assert stats.get_attribute("data-edges") == "1"  # hcua-mnla
    page.check('#type-filters input[data-type="PLACE"]')
    assert stats.get_attribute("data-edges") == "6"
    # clicking a node highlights its neighbours; its list leads to the evidence too
    page.locator('g.node[data-id="gao"] circle').click()
    assert sorted(page.locator("g.node.neighbour").evaluate_all("els => els.map(e => e.dataset.id)")) == [
        "hcua", "kidal", "mnla"]
    page.locator('#neighbour-list li[data-id="hcua"] button').click()
    assert page.locator("#evidence-list li.evidence").evaluate_all("els => els.map(e => e.dataset.sentenceId)") == [
        "A-s3", "A-s4"]
    assert_offline(session)


@pytest.mark.browser
def test_generated_graph_page(browser, tmp_path):
    """A bigger page (80 entities, 300 pairs) loads without errors and keeps its nodes in view."""
    from tests.test_network import generated

    info, edges = generated()
    path = write_html(tmp_path / "network.html", info, edges)
    context = browser.new_context(viewport={"width": 1400, "height": 900}, offline=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready=true]")
    assert page.locator("g.node").count() == 80
    # dense: the slider starts at the weight that keeps at most max(120, 2 x 80) edges, as in the png
    start = graph_data(info, edges)["min_weight"]["sentence"]
    kept = sum(1 for e in edges if e.window == "sentence" and e.weight >= start)
    assert start > 1 and kept <= 160
    assert page.locator("#min-weight").input_value() == str(start)
    assert page.locator("#stats").get_attribute("data-edges") == str(kept)
    page.locator("#min-weight").fill("1")
    assert page.locator("#stats").get_attribute("data-edges") == "300"
    # labels stay 12 screen pixels high whatever the zoom
    size = page.locator("text.label.major").first.evaluate("e => e.getBoundingClientRect().height")
    page.click("#zoom-in")
    page.click("#zoom-in")
    size2 = page.locator("text.label.major").first.evaluate("e => e.getBoundingClientRect().height")
    assert 10 <= size <= 20 and abs(size - size2) < 1.5
    page.click("#zoom-reset")
    svg = page.locator("#graph").bounding_box()
    inside = page.locator("g.node circle").evaluate_all(
        """(els, b) => els.filter(e => { const r = e.getBoundingClientRect();
             return r.left >= b.x && r.right <= b.x + b.width && r.top >= b.y && r.bottom <= b.y + b.height; }).length""",
        svg,
    )
    assert inside == 80
    page.screenshot(path=str(tmp_path / "generated.png"))
    context.close()
    assert errors == []
