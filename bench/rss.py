"""Run one command and report its memory and time as JSON on the last line of stdout.

    python bench/rss.py OUT.json -- command args...

Peak RSS three ways (all in MiB):
  maxrss_mib     getrusage(RUSAGE_CHILDREN).ru_maxrss of this wrapper after the command: the peak of
                 the largest single process among the command and the children it waited for (this
                 wrapper runs nothing else, so nothing else is counted)
  main_hwm_mib   VmHWM of the command's own process, read from /proc until it exits
  tree_peak_mib  the largest sum of RSS over the command's process tree (sampled every 0.1 s):
                 what the machine needed at once, Prefect's server process included
"""
from __future__ import annotations

import json
import resource
import subprocess
import sys
import time

import psutil


def hwm_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def main() -> None:
    out = sys.argv[1]
    cmd = sys.argv[sys.argv.index("--") + 1:]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd)
    root = psutil.Process(proc.pid)
    main_hwm = 0
    tree_peak = 0
    while proc.poll() is None:
        main_hwm = max(main_hwm, hwm_kib(proc.pid))
        total = 0
        try:
            procs = [root] + root.children(recursive=True)
        except psutil.Error:
            procs = [root]
        for p in procs:
            try:
                total += p.memory_info().rss
            except psutil.Error:
                pass
        tree_peak = max(tree_peak, total // 1024)
        time.sleep(0.1)
    wall = time.perf_counter() - started
    maxrss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    result = {"returncode": proc.returncode, "wall_s": wall, "maxrss_mib": maxrss / 1024,
              "main_hwm_mib": main_hwm / 1024, "tree_peak_mib": tree_peak / 1024}
    with open(out, "w") as fh:
        json.dump(result, fh)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
