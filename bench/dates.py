"""Quality of the dates of sentences (issue 19) on the labelled sample of the bundled report.

    .venv/bin/python bench/dates.py

tests/fixtures/sentence_dates.csv holds 150 sentences labelled by hand: `dev` (105, used while
writing the rules) and `holdout` (45, labelled before the rules were run on them). For each set:
the share of sentences stating a date whose resolved first and last years are right, the share of
undated sentences given the document's date, and the misses. Prints; writes nothing.
"""
from __future__ import annotations

import csv
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractors.ingest.dates import date_sentences, document_date  # noqa: E402
from extractors.ingest.documents import ingest  # noqa: E402
from extractors.ingest.nlp import ModelSettings, load_segmenter  # noqa: E402

REPORT_MD = ROOT / "tests" / "fixtures" / "mali-status-quo-2018.md"
LABELS = ROOT / "tests" / "fixtures" / "sentence_dates.csv"


def main() -> None:
    segmenters = {}

    def segmenter(lang):
        if lang not in segmenters:
            segmenters[lang] = load_segmenter(ModelSettings().name_for(lang))
        return segmenters[lang]

    doc = ingest(REPORT_MD, "mali-status-quo-2018", REPORT_MD.name, segmenter)
    started = time.perf_counter()
    ddate, source = document_date(doc.sentences)
    dates = {d.sentence_id: d for d in date_sentences(doc.sentences, ddate, language=doc.language)}
    elapsed = time.perf_counter() - started
    text = {s.sentence_id: s.text for s in doc.sentences}
    print(f"document date {ddate} ({source}); {len(dates)} sentences dated in {elapsed:.2f} s (first call loads "
          f"dateparser's data); bases: {dict(sorted(Counter(d.basis for d in dates.values()).items()))}")
    labels = list(csv.DictReader(LABELS.open(encoding="utf-8")))
    for part in ("dev", "holdout"):
        rows = [r for r in labels if r["set"] == part]
        stated = [r for r in rows if r["basis"] == "text"]
        undated = [r for r in rows if r["basis"] == "document"]

        def right(r):
            d = dates[r["sentence_id"]]
            return (d.first_year, d.last_year) == (int(r["start_year"]), int(r["end_year"]))

        ok = sum(right(r) for r in stated)
        before = sum((int(r["start_year"]), int(r["end_year"])) == (int(ddate[:4]),) * 2 for r in stated)
        doc_ok = sum(dates[r["sentence_id"]].basis == "document" for r in undated)
        ctx = [r for r in rows if r["basis"] == "context"]
        print(f"{part}: {len(rows)} labelled; stating a date: {ok}/{len(stated)} = {ok / len(stated):.1%} right "
              f"(before, every sentence at the document's date: {before}/{len(stated)} = {before / len(stated):.1%}); "
              f"undated: {doc_ok}/{len(undated)} given the document's date; "
              f"context: {sum(right(r) for r in ctx)}/{len(ctx)} right")
        for r in rows:
            d = dates[r["sentence_id"]]
            if not right(r) or (r["basis"] == "document" and d.basis != "document"):
                print(f"  miss {r['sentence_id']} labelled {r['start_year']}-{r['end_year']} {r['basis']}, got "
                      f"{d.first_year}-{d.last_year} {d.basis}: {text[r['sentence_id']][:70]}")


if __name__ == "__main__":
    main()
