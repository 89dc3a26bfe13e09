"""Name recognition and linking on the development set of other writers' texts (issue 14).

    .venv/bin/python bench/recognition_dev.py [--gazetteer gazetteers] [--texts bench/dev/.texts]
                                              [--code DIR] [--misses] [--set bench/dev/recognition.yaml]

bench/dev/recognition.yaml lists, per public text, the (surface form -> entity id) pairs a reader
expects; the texts themselves live only in the uncommitted cache bench/dev/.texts/<id>.txt (the
search tool's terms forbid copying them into the repository; re-retrieve them with the query and
address the YAML gives). The script writes a corpus of the bundled report plus the cached texts
under bench/.work/recognition-dev/, runs the pipeline's command line on it (`run --no-sources`,
the report and the texts as one corpus, as a user would) and compares the mentions with the
expected pairs:

- found: some mention of the text has the expected form (same `normalise_alias` key);
- linked right: one of those mentions carries the expected entity id.

It prints both, overall and per language, and the misses per class of form, the classes judged
against the gazetteer the run used: `ethnonym-fr` (French lower-case ethnonym), `lower-case`
(another name written in lower case: "katiba Macina", "nord du Mali"), `listed` (a name, alias
or acronym of the entity), `admin` ("Kidal region", "région de Mopti"),
`person-partial` (part of a person's name, or its words in another order), `variant` (any other
form of an entity the gazetteer has: a transliteration or a translation), `new-entity` (an entity
the gazetteer lacks). `--code DIR` runs another checkout's command line (e.g. the baseline tree)
with this repository's measuring; `--misses` lists every miss.
"""
from __future__ import annotations

import argparse
import csv
import os
import re
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
WORK = BENCH / ".work" / "recognition-dev"
DEV = BENCH / "dev" / "recognition.yaml"
REPORT = ROOT / "tests" / "fixtures" / "mali-status-quo-2018.md"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

ADMIN = re.compile(r"\b(region|région|district|cercle|province|northern|central|southern|nord|centre|sud)\b", re.I)


def load_gazetteer(folder: Path):
    from extractors.entities.gazetteer import load_gazetteer_dir
    return load_gazetteer_dir(folder)


def write_corpus(texts: list[dict], cache: Path, corpus: Path, dev: Path = DEV) -> dict[str, str]:
    """The report plus one .txt per cached text; returns file stem -> text id."""
    if corpus.exists():
        shutil.rmtree(corpus)
    reports = corpus / "reports"
    reports.mkdir(parents=True)
    shutil.copy(REPORT, reports / REPORT.name)
    stems = {}
    missing = [t["id"] for t in texts if not (cache / f"{t['id']}.txt").exists()]
    if missing:
        sys.exit(f"{cache}: no cached text for {', '.join(missing)} (re-retrieve them with the search "
                 f"tool: query and address in {dev})")
    for t in texts:
        stem = f"dev-{t['id']}"
        shutil.copy(cache / f"{t['id']}.txt", reports / f"{stem}.txt")
        stems[stem] = t["id"]
    return stems


def run_pipeline(code: Path, corpus: Path, out: Path, gazetteer: Path) -> Path:
    if out.exists():
        shutil.rmtree(out)
    env = dict(os.environ, PYTHONPATH=str(code), PREFECT_HOME=str(WORK / "prefect-home"),
               PREFECT_SERVER_ANALYTICS_ENABLED="false", PREFECT_LOGGING_LEVEL="WARNING",
               PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="300")
    cmd = [sys.executable, "-m", "flows.cli", "run", "--corpus", str(corpus), "--out", str(out),
           "--gazetteer", str(gazetteer), "--no-sources", "--no-wait", "--full"]
    done = subprocess.run(cmd, cwd=code, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"pipeline failed ({' '.join(cmd)}):\n{done.stderr[-2000:]}")
    return out / "latest"


def read_csv(path: Path) -> list[dict]:
    from extractors.storage import unguard
    with path.open(encoding="utf-8", newline="") as f:
        return [{k: unguard(v) for k, v in row.items()} for row in csv.DictReader(f)]


def classify(form: str, entity_id: str, lang: str, gazetteer) -> str:
    from extractors.text import acronym_key, normalise_alias
    known = {e.id: e for e in gazetteer.entities}
    entity = known.get(entity_id)
    if entity is None:
        return "new-entity"
    key = normalise_alias(form)
    if lang == "fr" and form[:1].islower() and entity.type == "ETHNIC_GROUP":
        return "ethnonym-fr"
    if form[:1].islower():
        return "lower-case"
    if entity_id in gazetteer.by_alias.get(key, ()) or entity_id in gazetteer.by_acronym.get(acronym_key(form), ()):
        return "listed"
    if ADMIN.search(form):
        return "admin"
    if entity.type == "PERSON":
        words = set(key.split())
        names = [set(normalise_alias(n).split()) for n in (entity.name, *entity.aliases, *entity.short_forms)]
        if any(words <= n for n in names):
            return "person-partial"
    return "variant"


def score(dev: dict, stems: dict[str, str], run: Path, gazetteer) -> dict:
    from extractors.text import normalise_alias
    docs = {r["doc_id"]: Path(r["path"]).stem for r in read_csv(run / "documents.csv")}
    by_text: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for m in read_csv(run / "mentions.csv"):
        text_id = stems.get(docs.get(m["doc_id"], ""))
        if text_id:
            by_text[text_id][normalise_alias(m["text"])].add(m["entity_id"])
    rows = []
    for t in dev["texts"]:
        for form, entity_id in t["expected"].items():
            ids = by_text[t["id"]].get(normalise_alias(form), set())
            rows.append({"text": t["id"], "lang": t["lang"], "form": form, "expected": entity_id,
                         "found": bool(ids), "linked": entity_id in ids, "got": sorted(ids),
                         "class": classify(form, entity_id, t["lang"], gazetteer)})
    return rows


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "-"


def report(rows: list[dict], show_misses: bool) -> None:
    print(f"{'':10} {'forms':>6} {'found':>9} {'linked right':>13}")
    for lang in ("all", "en", "fr"):
        sel = [r for r in rows if lang == "all" or r["lang"] == lang]
        print(f"{lang:10} {len(sel):>6} {pct(sum(r['found'] for r in sel), len(sel)):>9} "
              f"{pct(sum(r['linked'] for r in sel), len(sel)):>13}")
    print(f"\n{'class':16} {'forms':>6} {'not found':>10} {'wrong link':>11}")
    classes = Counter(r["class"] for r in rows)
    for cls in sorted(classes):
        sel = [r for r in rows if r["class"] == cls]
        print(f"{cls:16} {len(sel):>6} {sum(not r['found'] for r in sel):>10} "
              f"{sum(r['found'] and not r['linked'] for r in sel):>11}")
    entities = {r["expected"] for r in rows}
    print(f"\n{len(rows)} expected forms of {len(entities)} entities in {len({r['text'] for r in rows})} texts")
    if show_misses:
        print()
        for r in rows:
            if not r["linked"]:
                got = ", ".join(r["got"]) or "not found"
                print(f"{r['text']}  {r['class']:14} {r['form']!r} -> {r['expected']}  (got {got})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gazetteer", type=Path, default=ROOT / "gazetteers")
    parser.add_argument("--texts", type=Path, default=BENCH / "dev" / ".texts")
    parser.add_argument("--code", type=Path, default=ROOT, help="checkout whose command line runs")
    parser.add_argument("--misses", action="store_true", help="list every form not linked right")
    parser.add_argument("--set", type=Path, default=DEV, help="the annotated texts (default: the development set)")
    args = parser.parse_args()
    dev = yaml.safe_load(args.set.read_text(encoding="utf-8"))
    stems = write_corpus(dev["texts"], args.texts, WORK / "corpus", args.set)
    run = run_pipeline(args.code.resolve(), WORK / "corpus", WORK / "out", args.gazetteer.resolve())
    rows = score(dev, stems, run, load_gazetteer(args.gazetteer))
    print(f"code {args.code.resolve()}  gazetteer {args.gazetteer.resolve()}\n")
    report(rows, args.misses)


if __name__ == "__main__":
    main()
