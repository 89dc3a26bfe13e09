"""Shared by the producers' builders: the text (the bundled report's own prose), a temporary
folder, the command line `python BUILDER.py OUT_DIR [NAME ...]`.

The text is that of ../shared/corpus/mali-status-quo-2018.md (relative to the repository):
its paragraphs without markdown marks, tables or notes' numbers, and its top headings."""
from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPORT = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "mali-status-quo-2018.md"


def paragraphs(n: int | None = None, start: int = 0, minlen: int = 200) -> list[str]:
    out = []
    for block in REPORT.read_text(encoding="utf-8").split("\n\n"):
        b = re.sub(r"[*_#`]|\[\^?\d+\]|\[|\]\([^)]*\)", "", " ".join(block.split())).strip()
        if len(b) >= minlen and "|" not in b and not b[0].isdigit():
            out.append(b)
    out = out[start:]
    return out[:n] if n else out


def headings() -> list[str]:
    return [re.sub(r"[*#]", "", line).strip()
            for line in REPORT.read_text(encoding="utf-8").splitlines() if line.startswith("# ")]


_TEMP = tempfile.TemporaryDirectory(prefix="producers-")  # removed when the builder exits


def tmpdir() -> Path:
    return Path(tempfile.mkdtemp(dir=_TEMP.name))


def run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    """Runs a command; raises with the tail of its output when it fails."""
    done = subprocess.run([str(c) for c in cmd], capture_output=True, timeout=600, **kw)
    if done.returncode != 0:
        tail = (done.stderr or done.stdout or b"")
        tail = tail.decode("utf-8", "replace") if isinstance(tail, bytes) else tail
        raise RuntimeError(f"{Path(str(cmd[0])).name} exited {done.returncode}: " + " ".join(tail.split())[-200:])
    return done


def main(builders: dict) -> None:
    """`python BUILDER.py OUT_DIR [NAME ...]`: makes OUT_DIR/NAME.pdf with builders[NAME](OUT_DIR)
    for the names given (all by default); prints one line per file that could not be made."""
    out = Path(sys.argv[1]).resolve()
    out.mkdir(parents=True, exist_ok=True)
    for name in sys.argv[2:] or builders:
        try:
            builders[name](out)
        except Exception as e:  # noqa: BLE001 - one line per file, the others still made
            print(f"{name}.pdf: not made: {type(e).__name__}: {e}".splitlines()[0])
