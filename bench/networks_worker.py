"""One side of the networks benchmark (bench/run.py `--only networks`), run as a subprocess.

    PYTHONPATH=<checkout> python bench/networks_worker.py INPUTS.pickle

The checkout on PYTHONPATH decides which code runs: this repository's, or an older commit's
(`git worktree add --detach`), so two versions of the network stage can be timed in one
benchmark, interleaved. INPUTS holds the documents and their recognition, made once by the
current code, so both sides draw the same network from the same records.

Protocol: one JSON line out when ready ({"code": where flows.stages was imported from,
"dating": whether the code dates sentences}); then for every line in, the name of an empty
folder, one network stage is run into that folder and one JSON line out: {"seconds": the
whole stage (dating included where the code dates), "dating": seconds of dating alone,
"cpu": CPU seconds of the process meanwhile, "digest": sha256 over every file written (names
and bytes)}. An empty line ends it. The per-text cache of dateparser's results is emptied
before each repetition (dateparser's loaded data is not: a run pays that once per process,
as the first repetition, reported apart, shows).
"""
from __future__ import annotations

import gc
import hashlib
import json
import pickle
import sys
import time
from pathlib import Path


def digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(folder).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def main() -> None:
    import flows.stages as stages

    with open(sys.argv[1], "rb") as f:
        inputs = pickle.load(f)
    documents, rec, reports = inputs["documents"], inputs["recognition"], inputs["reports"]
    dates = hasattr(stages, "dating_stage")
    print(json.dumps({"code": stages.__file__, "dating": dates}), flush=True)
    for line in sys.stdin:
        line = line.strip()
        if not line:
            break
        folder = Path(line)
        folder.mkdir(parents=True, exist_ok=True)
        if dates:  # per-text caches start empty every repetition, as in a run's own process
            import extractors.ingest.dates as dates_mod

            if hasattr(dates_mod._parse, "cache_clear"):
                dates_mod._parse.cache_clear()
        gc.collect()
        c0 = time.process_time()
        t0 = time.perf_counter()
        if dates:
            dating = stages.dating_stage(documents, reports=Path(reports))
            t1 = time.perf_counter()
            stages.network_stage(folder, documents, rec, dating=dating)
        else:
            t1 = t0
            stages.network_stage(folder, documents, rec)
        t2 = time.perf_counter()
        cpu = time.process_time() - c0
        print(json.dumps({"seconds": t2 - t0, "cpu": cpu, "dating": t1 - t0, "digest": digest(folder)}), flush=True)


if __name__ == "__main__":
    main()
