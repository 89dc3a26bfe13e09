"""The review loop (issue 15): decisions on anything of a run, rules, every error at once, list and
undo, stable ids of accepted names, and a review that the next recognition obeys."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractors.entities.gazetteer import load_gazetteer_dir
from extractors.entities.recognize import recognize_corpus
from extractors.entities.review import (
    ReviewError,
    load_review,
    load_rules,
    read_decisions,
    read_store,
    store_decisions,
)
from extractors.model import Sentence
from flows.cli import app
from flows.runtime.models import recognizer_for

ROOT = Path(__file__).resolve().parents[1]

# our own text: two people the gazetteer lacks, one named in full and then by surname alone
TEXT = [
    "Alex Murphy met Dina Okafor in Kidal in March.",
    "Murphy later told reporters that the MNLA had left the town.",
    "Okafor went on to Gao with the convoy.",
]


def sentences(doc_id: str = "brief") -> dict[str, list[Sentence]]:
    return {doc_id: [Sentence(doc_id, f"{doc_id}:s{i + 1:05d}", f"{doc_id}:p0001", 1, "", "body", t)
                     for i, t in enumerate(TEXT)]}


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer_dir(ROOT / "gazetteers")


def recognise(gazetteer, store: Path):
    review = load_review(store, gazetteer)
    return recognize_corpus(sentences(), {"brief": "en"}, recognizer_for(), gazetteer, review)


def write(path: Path, rows: list[list[str]], header=("candidate_id", "surface", "type", "decision")) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path


def entity_of(rec, text: str) -> set[str]:
    return {m.entity_id for m in rec.mentions if m.text == text}


def test_merge_into_an_unreviewed_name_of_the_run(gazetteer, tmp_path):
    store = tmp_path / "review.csv"
    before = recognise(gazetteer, store)
    assert "x-alex-murphy" in {e.entity_id for e in before.entities}
    decisions = read_decisions(write(tmp_path / "d.csv", [["c-1", "Murphy", "PERSON", "merge:x-alex-murphy"]]),
                               known_ids={e.entity_id for e in before.entities} | set(gazetteer.by_id))
    store_decisions(decisions, store)
    after = recognise(gazetteer, store)
    assert entity_of(after, "Murphy") == {"x-alex-murphy"}
    murphy = next(e for e in after.entities if e.entity_id == "x-alex-murphy")
    assert murphy.name == "Alex Murphy" and murphy.type == "PERSON" and murphy.status == "unreviewed"


def test_accepted_name_keeps_its_id_and_takes_merges_a_run_later(gazetteer, tmp_path):
    store = tmp_path / "review.csv"
    store_decisions(read_decisions(write(tmp_path / "d1.csv", [["c-1", "Dina Okafor", "PERSON", "accept:PERSON"]])), store)
    first = recognise(gazetteer, store)
    okafor = next(e for e in first.entities if e.entity_id == "x-dina-okafor")  # the id it had unreviewed
    assert okafor.status == "decision"
    # one run later, a merge into the accepted name is accepted and obeyed
    known = {e.entity_id for e in first.entities} | set(gazetteer.by_id)
    store_decisions(read_decisions(write(tmp_path / "d2.csv", [["c-2", "Okafor", "PERSON", "merge:x-dina-okafor"]]),
                                   known_ids=known), store)
    second = recognise(gazetteer, store)
    assert entity_of(second, "Okafor") == {"x-dina-okafor"}
    assert {m.method for m in second.mentions if m.entity_id == "x-dina-okafor"} == {"review"}


def test_accept_with_a_name_and_type(gazetteer, tmp_path):
    store = tmp_path / "review.csv"
    store_decisions(read_decisions(write(tmp_path / "d.csv", [["c-1", "Alex Murphy", "ORG", "accept:PERSON:Alexander Murphy"]])), store)
    rec = recognise(gazetteer, store)
    e = next(e for e in rec.entities if e.entity_id == "x-alex-murphy")
    assert (e.name, e.type, e.status) == ("Alexander Murphy", "PERSON", "decision")


def test_every_bad_decision_of_a_file_is_reported_with_its_line(tmp_path):
    path = write(tmp_path / "d.csv", [
        ["c-1", "Alex Murphy", "PERSON", "accept:PERSON"],   # line 2: fine
        ["c-2", "Murphy", "PERSON", "merge:x-nobody"],        # line 3: unknown target
        ["c-3", "Okafor", "PERSON", "acept"],                 # line 4: typo
        ["c-4", "", "PERSON", "reject"],                      # line 5: no surface
        ["c-5", "Kidal", "PLACE", "accept:TOWN"],             # line 6: unknown type
        ["c-6", "Murphy", "PERSON", "merge:x-alex-murphy"],   # line 7: fine, accepted in this file
    ])
    with pytest.raises(ReviewError) as err:
        read_decisions(path, known_ids={"kidal"})
    text = str(err.value)
    for line in (3, 4, 5, 6):
        assert f"{path}:{line}:" in text
    assert f"{path}:2:" not in text and f"{path}:7:" not in text
    assert text.splitlines()[0].startswith("4 bad decisions")


def test_rules_reject_names_by_pattern_type_and_place(tmp_path):
    path = write(tmp_path / "d.csv", [
        ["", "*", "", "reject", "in footnotes"],
        ["", "re:.* University( Press)?", "ORG", "reject", ""],
        ["", "re:(", "", "reject", ""],
        ["", "*", "", "accept", ""],
    ], header=("candidate_id", "surface", "type", "decision", "where"))
    with pytest.raises(ReviewError) as err:
        read_decisions(path)
    assert f"{path}:4:" in str(err.value) and f"{path}:5:" in str(err.value)
    good = [d for d in read_decisions(write(tmp_path / "ok.csv", [
        ["", "*", "", "reject", "in footnotes"], ["", "re:.* University( Press)?", "ORG", "reject", ""]],
        header=("candidate_id", "surface", "type", "decision", "where")))]
    store = tmp_path / "review.csv"
    store_decisions(good, store)
    footnotes, press = load_rules(store)
    assert footnotes.rejects("Reuters", "ORG", ["footnote", "footnote"])
    assert not footnotes.rejects("Reuters", "ORG", ["footnote", "body"])
    assert press.rejects("Princeton University Press", "ORG", ["body"])
    assert not press.rejects("Princeton University Press", "PERSON", ["body"])
    assert not press.rejects("Kidal", "ORG", ["body"])


def test_review_list_and_undo_on_the_command_line(tmp_path):
    gaz = tmp_path / "gazetteers"
    gaz.mkdir()
    (gaz / "sahel.yaml").write_text((ROOT / "gazetteers" / "sahel.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    path = write(tmp_path / "d.csv", [["c-1", "Alex Murphy", "PERSON", "accept:PERSON"], ["c-2", "Turnout", "", "reject"]])
    runner = CliRunner()
    assert runner.invoke(app, ["review", "apply", str(path), "--gazetteer", str(gaz)]).exit_code == 0
    listed = runner.invoke(app, ["review", "list", "--gazetteer", str(gaz)])
    assert listed.exit_code == 0 and "Alex Murphy" in listed.output and "Turnout" in listed.output
    assert "x-alex-murphy" in listed.output
    undone = runner.invoke(app, ["review", "undo", "Turnout", "--gazetteer", str(gaz)])
    assert undone.exit_code == 0, undone.output
    assert [d.surface for d in read_store(gaz / "review.csv")] == ["Alex Murphy"]
    missing = runner.invoke(app, ["review", "undo", "Nobody", "--gazetteer", str(gaz)])
    assert missing.exit_code == 2 and "Nobody" in missing.output
