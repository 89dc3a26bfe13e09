"""Text fidelity of PDF ingestion on a folder of real PDFs, fast (issue 13): no NER, no flow.

Reads each PDF with the same `ingest` a run calls for its documents (layout, sentence splitting),
writes documents.csv / sentences.csv / footnotes.csv into a run-like folder, then scores it with
../shared/tools/pdf_fidelity.py (the same tool, the same columns). With --diff, per file, the
tokens the run lost against pdfplumber's reference and the tokens it has in excess, most common
first, to find classes of defects.

    PYTHONPATH=$PWD .venv/bin/python bench/pdf_fidelity_dev.py ../shared/fixtures/real-pdfs-dev \
        [--out DIR] [--only NAME ...] [--diff] [--classes]
"""
from __future__ import annotations

import argparse
import collections
import importlib.util
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from extractors.ingest.documents import doc_ids, ingest  # noqa: E402
from extractors.ingest.pdf import PdfSettings  # noqa: E402
from extractors.ingest.pdf.engines import ENGINES  # noqa: E402
from extractors.ingest.nlp import ModelSettings, load_segmenter  # noqa: E402
from extractors.outputs.tables import DOCUMENTS, FOOTNOTES, SENTENCES  # noqa: E402

TOOL = ROOT.parent / "shared" / "tools" / "pdf_fidelity.py"


def tool():
    spec = importlib.util.spec_from_file_location("pdf_fidelity", TOOL)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def segmenter(lang: str):
    return load_segmenter(ModelSettings().name_for(lang))


def without_placeholders(ref: list) -> list:
    """The reference of `pdf_fidelity.reference` without pdfplumber's placeholders for glyphs it
    cannot map to Unicode: "(cid:13)" is read as the tokens "cid" and "13", which no engine that
    maps the glyph (pdfium reads CMSY's "∈", "→") and no text can contain. The tool's own figure
    counts them as lost; this one leaves them out of the reference."""
    out = []
    for tokens, tops in ref:
        kept, skip = [], False
        for t in tokens:
            if skip and t.isdigit():
                skip = False
                continue
            skip = t == "cid"
            if not skip:
                kept.append(t)
        out.append((kept, {k: v for k, v in tops.items() if k != "cid"}))
    return out


def lost_classes(lost: collections.Counter, extra: collections.Counter
                 ) -> tuple[dict[str, int], collections.Counter]:
    """Lost reference tokens by class (a greedy pairing with the run's extra tokens), and the rest."""
    lost, extra = collections.Counter(lost), collections.Counter(extra)
    out = dict.fromkeys(["doubled glyphs in the reference", "run word in two halves in the reference",
                         "two run words glued in the reference", "numbers"], 0)
    for t, n in list(lost.items()):
        if len(t) >= 2 and len(t) % 2 == 0 and t[0::2] == t[1::2]:  # fake bold read twice
            out["doubled glyphs in the reference"] += n
            extra[t[0::2]] -= min(n, extra[t[0::2]])
            lost[t] = 0
    for w, n in list(extra.items()):
        for k in range(1, len(w)):
            h, t = w[:k], w[k:]
            m = min(n, lost[h], lost[t])
            if m > 0:
                out["run word in two halves in the reference"] += 2 * m
                lost[h] -= m
                lost[t] -= m
                extra[w] -= m
                break
    for t, n in list(lost.items()):
        for k in range(2, len(t) - 1):
            if n > 0 and extra[t[:k]] > 0 and extra[t[k:]] > 0:
                out["two run words glued in the reference"] += n
                extra[t[:k]] -= 1
                extra[t[k:]] -= 1
                lost[t] = 0
                break
    out["numbers"] = sum(n for t, n in lost.items() if n > 0 and t.isdigit())
    rest = collections.Counter({t: n for t, n in lost.items() if n > 0 and not t.isdigit()})
    out["rest"] = sum(rest.values())
    return out, rest


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("pdf_dir", type=Path)
    ap.add_argument("--out", type=Path, default=None, help="run-like folder to write (default: a temporary one)")
    ap.add_argument("--only", nargs="*", default=(), help="file names (or parts of them) to read")
    ap.add_argument("--diff", action="store_true", help="per file: lost and extra tokens")
    ap.add_argument("--classes", action="store_true", help="per file: lost tokens by class (reference artifacts)")
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--engine", default=PdfSettings().engine, choices=ENGINES, help="PDF character engine")
    ap.add_argument("--no-placeholders", action="store_true",
                    help="also score against the reference without pdfplumber's (cid:n) placeholders")
    a = ap.parse_args()
    paths = sorted(p for p in a.pdf_dir.glob("*.pdf") if not a.only or any(o in p.name for o in a.only))
    out = a.out or Path(tempfile.mkdtemp(prefix="pdf-fidelity-"))
    out.mkdir(parents=True, exist_ok=True)
    docs = []
    for path, doc_id in zip(paths, doc_ids(paths)):
        t = time.monotonic()
        docs.append(ingest(path, doc_id, path.name, segmenter, PdfSettings(engine=a.engine)))
        print(f"read {path.name} in {time.monotonic() - t:.1f} s", file=sys.stderr)
    DOCUMENTS.write(out, (DOCUMENTS.row(d) for d in docs))
    SENTENCES.write(out, (SENTENCES.row(s) for d in docs for s in d.sentences))
    FOOTNOTES.write(out, (FOOTNOTES.row(f) for d in docs for f in d.footnotes))
    rc = subprocess.call([sys.executable, str(TOOL), str(out), str(a.pdf_dir)])
    if a.no_placeholders:
        fid = tool()
        print("without (cid:n) placeholders in the reference:")
        met = scored = 0
        for d in docs:
            if d.status != "ok":
                continue
            rows = [{"text": x.text, "page": str(x.page or ""), "section": x.section} for x in d.sentences]
            good, line = fid.score(d.doc_id, rows, without_placeholders(fid.reference(a.pdf_dir / d.path)))
            print(line)
            met, scored = met + bool(good), scored + 1
        print(f"meeting the goal without placeholders: {met}/{scored}")
    if a.diff or a.classes:
        fid = tool()
        for d in docs:
            if d.status != "ok":
                continue
            ref = fid.reference(a.pdf_dir / d.path)
            ref_all = collections.Counter(t for p in ref for t in p[0])
            run_all = collections.Counter(t for s in d.sentences for t in fid.toks(s.text))
            for sec in {s.section for s in d.sentences}:
                run_all.update(fid.toks(sec))
            lost, extra = ref_all - run_all, run_all - ref_all
            print(f"\n== {d.doc_id}: lost {sum(lost.values())} of {sum(ref_all.values())}, "
                  f"extra {sum(extra.values())} of {sum(run_all.values())}")
            if a.diff:
                print("  lost: " + " ".join(f"{t}×{n}" for t, n in lost.most_common(a.top)))
                print("  extra: " + " ".join(f"{t}×{n}" for t, n in extra.most_common(a.top)))
            if a.classes:
                classes, rest = lost_classes(lost, extra)
                print("  classes: " + ", ".join(f"{k} {v}" for k, v in classes.items()))
                print("  rest: " + " ".join(f"{t}×{n}" for t, n in rest.most_common(a.top)))
    print(f"run folder: {out}", file=sys.stderr)
    return rc


if __name__ == "__main__":
    sys.exit(main())
