"""network.html over time: the year range slider and an entity's timeline, in headless Chromium
(the small dated corpus of tests/test_timeline.py)."""
from __future__ import annotations

import json

import pytest

from extractors.network.graph import build_edges, entities_from_mentions
from extractors.network.html import graph_data, render_html
from tests.test_network_html import browser  # noqa: F401 (the Chromium fixture)
from tests.test_timeline import DATES, MENTIONS, NAMES, TYPES, A


def page_html(dates=DATES) -> str:
    edges = build_edges(A, MENTIONS)
    info = entities_from_mentions(MENTIONS, names=NAMES, types=TYPES)
    return render_html(info, edges, A, MENTIONS, title="Dated network", dates=dates)


def test_graph_data_years_and_timelines():
    edges = build_edges(A, MENTIONS)
    info = entities_from_mentions(MENTIONS, names=NAMES, types=TYPES)
    data = graph_data(info, edges, A, MENTIONS, dates=DATES)
    assert data["years"] == {"min": 2012, "max": 2018}
    mnla = next(n for n in data["nodes"] if n["id"] == "mnla")
    assert mnla["years"] == [2012, 2013, 2018]
    # the dated sentences naming it, by date (s4 has only the document's date: not in its timeline)
    assert mnla["timeline"] == [["s1", "2012-01", "2012-01", "text"], ["s2", "2012-01", "2012-01", "context"],
                                ["s5", "2013-03", "2013-03", "text"]]
    assert data["sentences"]["s5"]["text"] == A[5].text and [A[5].text.index("MNLA"), A[5].text.index("MNLA") + 4, "mnla"] in data["sentences"]["s5"]["marks"]
    e = next(e for e in data["edges"] if (e["source"], e["target"], e["window"]) == ("gao", "mnla", "sentence"))
    assert e["years"] == [[2012, 1], [2013, 1]]
    # without dates, no slider: the page is as before
    plain = graph_data(info, edges, A, MENTIONS)
    assert plain["years"] is None and "timeline" not in plain["nodes"][0]
    assert json.loads(json.dumps(data)) == data
    assert page_html() == page_html()  # same input, same bytes


@pytest.fixture
def page(browser, tmp_path):  # noqa: F811
    path = tmp_path / "network.html"
    path.write_text(page_html(), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1400, "height": 900}, offline=True)
    p = context.new_page()
    errors: list[str] = []
    p.on("pageerror", lambda exc: errors.append(str(exc)))
    p.on("console", lambda msg: errors.append(msg.text) if msg.type in ("error", "warning") else None)
    p.goto(path.as_uri())
    p.wait_for_selector("body[data-ready=true]", timeout=10_000)
    yield p
    context.close()
    assert errors == []


def visible_ids(page, what):
    sel = "g.node:visible" if what == "nodes" else 'g.edge[data-window="sentence"]:visible'
    attr = "e => e.dataset.id" if what == "nodes" else "e => e.dataset.source + '-' + e.dataset.target"
    return sorted(page.locator(sel).evaluate_all(f"els => els.map({attr})"))


@pytest.mark.browser
def test_year_slider_filters_edges_and_nodes(page):
    assert page.locator("#time-controls").is_visible()
    assert page.locator("#year-from").input_value() == "2012" and page.locator("#year-to").input_value() == "2018"
    page.locator("#min-weight").fill("1")
    every = visible_ids(page, "edges")
    assert len(every) == 6
    # 2013 alone: the MNLA leaving Gao (s5)
    page.locator("#year-from").fill("2013")
    page.locator("#year-to").fill("2013")
    assert page.locator("#year-range-value").inner_text() == "2013"
    assert visible_ids(page, "edges") == ["gao-mnla"]
    assert visible_ids(page, "nodes") == ["gao", "mnla"]
    # 2015-2016: the CMA holding Kidal (since 2015)
    page.locator("#year-to").fill("2016")
    page.locator("#year-from").fill("2015")
    assert page.locator("body").get_attribute("data-years") == "2015-2016"
    assert visible_ids(page, "edges") == ["cma-kidal"]
    assert visible_ids(page, "nodes") == ["cma", "kidal"]
    # "from" past "to" pushes "to" along
    page.locator("#year-from").fill("2018")
    assert page.locator("#year-to").input_value() == "2018"
    assert visible_ids(page, "edges") == ["cma-kidal", "cma-mnla"]
    # the whole range again: everything
    page.locator("#year-from").fill("2012")
    assert visible_ids(page, "edges") == every


@pytest.mark.browser
def test_entity_timeline(page):
    page.fill("#search", "MNLA")
    page.press("#search", "Enter")
    items = page.locator("#timeline-list li.timeline-item")
    assert items.evaluate_all("els => els.map(e => e.dataset.sentenceId)") == ["s1", "s2", "s5"]
    first = items.first
    assert first.locator(".when").inner_text() == "2012-01"
    assert first.locator("mark").all_inner_texts() == ["MNLA"]
    assert items.nth(1).get_attribute("data-basis") == "context"
    assert "date from its paragraph" in items.nth(1).inner_text()
    assert "A \u00b7 p. 3" in items.nth(2).inner_text()
    # the slider narrows the timeline too
    page.locator("#year-from").fill("2013")
    page.locator("#year-to").fill("2013")
    assert page.locator("#timeline-list li.timeline-item").evaluate_all(
        "els => els.map(e => e.dataset.sentenceId)") == ["s5"]


@pytest.mark.browser
def test_page_without_dates_has_no_slider(browser, tmp_path):  # noqa: F811
    path = tmp_path / "plain.html"
    path.write_text(page_html(dates=()), encoding="utf-8")
    context = browser.new_context(offline=True)
    p = context.new_page()
    p.goto(path.as_uri())
    p.wait_for_selector("body[data-ready=true]")
    assert not p.locator("#time-controls").is_visible()
    p.locator("#min-weight").fill("1")
    assert p.locator('g.edge[data-window="sentence"]:visible').count() == 6
    context.close()
