"""Name recognition on the bundled report, markdown and PDF: no step back (issue 14).

    .venv/bin/python bench/report_recognition.py [--corpus ../shared/corpus] [--code CHECKOUT]
                                                 [--gazetteer DIR] [--runs DIR] [--out DIR] [--verbose]

Runs the command line (`run --no-sources`) once on the report's markdown and once on its PDF (each
alone in a corpus) and scores the mentions against tests/fixtures/report_entities_gold.yaml:

- entity recall: gold entities with at least one mention linked to them;
- alias groups unified: gold entities with two forms or more whose every form is a mention
  linked to them;
- wrong merges: must-not-merge pairs (operations, people sharing a surname, a group and its
  coalition...) whose forms meet in one output entity, or a form of one linked to the other;
- mention F1 on the hand-annotated sample of sentences: a predicted mention matches a gold one
  of the same sentence with the same form (`normalise_alias`); "linked" also needs the same entity
  (or, for a gold `x-...` name the gazetteer lacks, any unlisted `x-...` id).

`--code DIR` runs another checkout's command line (a baseline); `--runs DIR` scores runs already
made there (DIR/md/latest, DIR/pdf/latest) without running anything.
"""
from __future__ import annotations

import argparse
import csv
import os
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "fixtures" / "report_entities_gold.yaml"
WORK = ROOT / "bench" / ".work" / "report-recognition"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from extractors.text import normalise_alias  # noqa: E402


def read_csv(path: Path) -> list[dict]:
    from extractors.storage import unguard
    with path.open(encoding="utf-8", newline="") as f:
        return [{k: unguard(v) for k, v in row.items()} for row in csv.DictReader(f)]


def run(code: Path, source: Path, out: Path, gazetteer: Path) -> Path:
    corpus = out / "corpus"
    if out.exists():
        shutil.rmtree(out)
    (corpus / "reports").mkdir(parents=True)
    shutil.copy(source, corpus / "reports" / source.name)
    env = dict(os.environ, PYTHONPATH=str(code), PREFECT_HOME=str(out.parent / f"prefect-home-{out.name}"),
               PREFECT_SERVER_ANALYTICS_ENABLED="false", PREFECT_LOGGING_LEVEL="WARNING",
               PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="300")
    cmd = [sys.executable, "-m", "flows.cli", "run", "--corpus", str(corpus), "--out", str(out / "run"),
           "--gazetteer", str(gazetteer), "--no-sources", "--no-wait", "--full"]
    done = subprocess.run(cmd, cwd=code, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"pipeline failed ({' '.join(cmd)}):\n{done.stderr[-2000:]}")
    return out / "run" / "latest"


def loose(text: str) -> tuple[str, list[int]]:
    """Letters and digits of the folded text, with the position in `text` of each (to find a
    sentence by its opening words whatever the PDF did to quotes, dashes and spaces)."""
    chars, where = [], []
    for i, c in enumerate(text):
        k = normalise_alias(c)
        for ch in k:
            if ch.isalnum():
                chars.append(ch)
                where.append(i)
    return "".join(chars), where


def same_entity(gold: str, got: str) -> bool:
    return got == gold or (gold.startswith("x-") and got.startswith("x-"))


def score(gold: dict, mentions: list[dict], sentences: list[dict]) -> dict:
    entities: dict[str, list[str]] = gold["entities"]
    by_form: dict[str, set[str]] = defaultdict(set)  # mention form key -> entity ids
    forms_of: dict[str, set[str]] = defaultdict(set)  # entity id -> mention form keys
    for m in mentions:
        key = normalise_alias(m["text"])
        by_form[key].add(m["entity_id"])
        forms_of[m["entity_id"]].add(key)
    recalled = [e for e in entities if forms_of.get(e)]
    groups = {e: fs for e, fs in entities.items() if len(fs) > 1}
    unified = [e for e, fs in groups.items() if all(e in by_form.get(normalise_alias(f), ()) for f in fs)]
    split = {e: [f"{f} -> {','.join(sorted(by_form.get(normalise_alias(f), ()))) or 'not found'}" for f in fs
                 if e not in by_form.get(normalise_alias(f), ())] for e, fs in groups.items() if e not in unified}
    owner: dict[str, set[str]] = defaultdict(set)  # gold form key -> gold entities with that form
    for e, fs in entities.items():
        for f in fs:
            owner[normalise_alias(f)].add(e)
    merges = []
    for a, b in gold["must_not_merge"]:
        only = {e: {normalise_alias(f) for f in entities.get(e, ()) if owner[normalise_alias(f)] == {e}} for e in (a, b)}
        meet = [x for x, keys in forms_of.items() if keys & only[a] and keys & only[b]]
        crossed = any(b in by_form.get(k, ()) for k in only[a]) or any(a in by_form.get(k, ()) for k in only[b])
        if meet or crossed:
            merges.append((a, b, meet))
    # mention F1 on the annotated sentences
    index = [(s, *loose(s["text"])) for s in sentences]
    by_sentence: dict[str, list[dict]] = defaultdict(list)
    for m in mentions:
        by_sentence[m["sentence_id"]].append(m)
    tp = fp = fn = tp_linked = 0
    lost, details = [], []
    for item in gold["sentences"]:
        anchor, _ = loose(item["anchor"])
        hit = next(((s, where, text.find(anchor)) for s, text, where in index if anchor in text), None)
        if hit is None:
            lost.append(item["id"])
            fn += len(item["expected"])
            continue
        s, where, at = hit
        start = where[at]
        end = start + int(item["length"] * 1.1) + 5
        got = {}
        for m in by_sentence[s["sentence_id"]]:
            if start <= int(m["start"]) < end:
                got.setdefault(normalise_alias(m["text"]), set()).add(m["entity_id"])
        want = {normalise_alias(f): i for f, i in item["expected"].items()}
        for key, entity in want.items():
            if key in got:
                tp += 1
                tp_linked += any(same_entity(entity, g) for g in got[key])
                if not any(same_entity(entity, g) for g in got[key]):
                    details.append(f"{item['id']}: {key!r} -> {sorted(got[key])}, expected {entity}")
            else:
                fn += 1
                details.append(f"{item['id']}: missed {key!r} ({entity})")
        for key in got.keys() - want.keys():
            fp += 1
            details.append(f"{item['id']}: extra {key!r} -> {sorted(got[key])}")
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    linked_f1 = 2 * tp_linked / (2 * tp_linked + fp + fn + (tp - tp_linked)) if tp_linked else 0.0
    return {
        "entities": len(entities), "recalled": len(recalled), "missed_entities": sorted(set(entities) - set(recalled)),
        "groups": len(groups), "unified": len(unified), "split_groups": split,
        "pairs": len(gold["must_not_merge"]), "merges": merges,
        "sentences": len(gold["sentences"]), "sentences_not_found": lost,
        "tp": tp, "fp": fp, "fn": fn, "f1": f1, "linked_f1": linked_f1, "details": details,
    }


def report_figures(name: str, r: dict, verbose: bool) -> None:
    print(f"{name}: entity recall {r['recalled']}/{r['entities']} = {r['recalled'] / r['entities']:.3f}; "
          f"alias groups unified {r['unified']}/{r['groups']} = {r['unified'] / r['groups']:.3f}; "
          f"wrong merges {len(r['merges'])} of {r['pairs']} pairs; mention F1 {r['f1']:.3f} "
          f"(linked {r['linked_f1']:.3f}; tp {r['tp']}, fp {r['fp']}, fn {r['fn']}; "
          f"{r['sentences'] - len(r['sentences_not_found'])}/{r['sentences']} sentences found)")
    if verbose:
        print("  entities not recalled:", ", ".join(r["missed_entities"]) or "-")
        for e, forms in sorted(r["split_groups"].items()):
            print(f"  group not unified: {e}: {'; '.join(forms)}")
        for a, b, meet in r["merges"]:
            print(f"  WRONG MERGE {a} + {b} (in {', '.join(meet) or 'a form of one linked to the other'})")
        print("  sentences not found:", ", ".join(r["sentences_not_found"]) or "-")
        for d in r["details"]:
            print("  ", d)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus",
                        help="folder with mali-status-quo-2018.md and .pdf")
    parser.add_argument("--code", type=Path, default=ROOT, help="checkout whose command line runs")
    parser.add_argument("--gazetteer", type=Path, default=None, help="default: the checkout's gazetteers/")
    parser.add_argument("--runs", type=Path, default=None, help="score the runs already in this folder")
    parser.add_argument("--out", type=Path, default=WORK, help="where to run (default bench/.work/report-recognition)")
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args()
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    code = args.code.resolve()
    gazetteer = (args.gazetteer or code / "gazetteers").resolve()
    base = (args.runs or args.out).resolve()
    for kind in ("md", "pdf"):
        if args.runs:
            latest = base / kind / "run" / "latest"
        else:
            latest = run(code, args.corpus / f"mali-status-quo-2018.{kind}", base / kind, gazetteer)
        docs = [r["doc_id"] for r in read_csv(latest / "documents.csv")]
        mentions = [m for m in read_csv(latest / "mentions.csv") if m["doc_id"] in docs]
        sentences = read_csv(latest / "sentences.csv")
        report_figures(kind, score(gold, mentions, sentences), args.verbose)


if __name__ == "__main__":
    main()
