"""Quality of the review queue (issue 15) on the bundled report, by our own labelling.

    PYTHONPATH=. .venv/bin/python bench/review_queue.py

1. The queue: for the PDF and the markdown rendition of the report, how many names reach
   candidates.csv and how many of them are actors, groups or places of the conflict according to
   tests/fixtures/candidate_labels.csv (every name the pre-issue-15 code queued, labelled by hand;
   a queued name without a label is reported). The baseline figures (all names recognition could
   not link, as candidates.csv held them before) come from the same run: `recognition.candidates`.
2. Suggestions: precision and recall of the shown suggestions on the labelled pairs of
   tests/fixtures/suggestion_pairs.csv, for thresholds from 50 to 95; the threshold in use
   (`SUGGESTION_THRESHOLD`) is the lowest with no wrong pair shown.
Prints a markdown report; nothing is timed.
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractors.citations.parse import parse_footnotes  # noqa: E402
from extractors.entities.candidates import SUGGESTION_THRESHOLD, review_queue, suggest, suggestion_index  # noqa: E402
from extractors.entities.gazetteer import load_gazetteer_dir  # noqa: E402
from extractors.entities.recognize import recognize_corpus  # noqa: E402
from extractors.entities.review import load_review, load_rules  # noqa: E402
from extractors.ingest.documents import ingest  # noqa: E402
from flows.runtime.models import recognizer_for, segmenter_for  # noqa: E402

REPORTS = {"pdf": ROOT / "corpus" / "reports" / "mali-status-quo-2018.pdf",
           "markdown": ROOT / "tests" / "fixtures" / "mali-status-quo-2018.md"}
LABELS = ROOT / "tests" / "fixtures" / "candidate_labels.csv"
PAIRS = ROOT / "tests" / "fixtures" / "suggestion_pairs.csv"


def rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def share(names: list[str], labels: dict[str, str]) -> str:
    yes = sum(1 for n in names if labels.get(n) == "yes")
    unknown = [n for n in names if n not in labels]
    return f"{yes} / {len(names)} = {yes / max(1, len(names)):.0%}" + (f" (unlabelled: {', '.join(unknown)})" if unknown else "")


def main() -> None:
    labels = {r["surface"]: r["label"] for r in rows(LABELS)}
    gazetteer = load_gazetteer_dir(ROOT / "gazetteers")
    store = ROOT / "gazetteers" / "review.csv"
    review = load_review(store, gazetteer)
    print("| rendition | before: candidates, actors among them | after: candidates, actors among them | names left out |")
    print("| --- | --- | --- | --- |")
    for rendition, path in REPORTS.items():
        doc = ingest(path, "mali-status-quo-2018", path.name, segmenter_for())
        _, citations = parse_footnotes(doc.doc_id, doc.footnotes)
        rec = recognize_corpus({doc.doc_id: doc.sentences}, {doc.doc_id: "en"}, recognizer_for(), gazetteer, review)
        queue = review_queue(rec, [doc], citations, gazetteer, review, load_rules(store))
        before = [c.surface for c in rec.candidates]
        after = [c.surface for c in queue.candidates]
        why: dict[str, int] = {}
        for x in queue.left_out:
            why[x.why] = why.get(x.why, 0) + 1
        print(f"| {rendition} | {share(before, labels)} | {share(after, labels)}: {', '.join(after)} | "
              + ", ".join(f"{n} {w}" for w, n in sorted(why.items(), key=lambda kv: (-kv[1], kv[0]))) + " |")
    index = suggestion_index(gazetteer.entities)
    pairs = rows(PAIRS)
    scored = []
    for p in pairs:
        got = {s.entity_id: s.score for s in suggest(p["surface"], p["type"], index, 0, limit=10_000)}
        scored.append((got.get(p["entity_id"], 0.0), p["label"] == "yes"))
    positives = sum(y for _, y in scored)
    print()
    print(f"Suggestions on {len(pairs)} labelled pairs ({positives} right, {len(pairs) - positives} wrong):")
    print()
    print("| threshold | shown | right | wrong | precision | recall |")
    print("| --- | --- | --- | --- | --- | --- |")
    for t in range(50, 100, 5):
        right = sum(1 for s, y in scored if y and s >= t)
        wrong = sum(1 for s, y in scored if not y and s >= t)
        mark = " (in use)" if t == SUGGESTION_THRESHOLD else ""
        print(f"| {t}{mark} | {right + wrong} | {right} | {wrong} | {right / max(1, right + wrong):.2f} | "
              f"{right / max(1, positives):.2f} |")


if __name__ == "__main__":
    main()
