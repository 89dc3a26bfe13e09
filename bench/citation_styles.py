"""Score the citation parser on notes of other styles.

    PYTHONPATH=. python bench/citation_styles.py [--verbose]          # tests/fixtures/citation_styles.yaml
    PYTHONPATH=. python bench/citation_styles.py --pdfs [--verbose]   # bench/citation_dev_pdfs.yaml

The first is the notes the tests are written on (one document per style); the second, the
development set kept apart from them: notes of the real PDFs in ../shared/fixtures/real-pdfs-dev/
as the PDF reader gives them, read by hand.

Per style: the share of expected fields read right (first author, author kind, outlet, year,
back-reference, locator, DOI, document symbol, report number, original URL) and of footnotes
whose citation count is right. A field an older parser does not have counts as wrong.
"""
from __future__ import annotations

import importlib
import os
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import yaml

import extractors

# the parser: extractors/citations/parse.py (extractors/citations.py before the stage subpackages,
# so that the same script measures the code before and after)
_OLD_LAYOUT = (Path(extractors.__file__).parent / "citations.py").exists()
cz = importlib.import_module("extractors.citations" if _OLD_LAYOUT else "extractors.citations.parse")

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "citation_styles.yaml"
DEV_PDFS = ROOT / "bench" / "citation_dev_pdfs.yaml"
PDF_DIR = Path(os.environ.get("REAL_PDFS_DEV", ROOT.parent / "shared" / "fixtures" / "real-pdfs-dev"))
FIELDS = ("kind", "first_author", "author_kind", "outlet", "year", "backref", "locator", "doi",
          "document_symbol", "report_number", "original_url", "ref")


def fold(v) -> str:
    s = unicodedata.normalize("NFKD", "" if v is None else str(v))
    return " ".join("".join(c for c in s if not unicodedata.combining(c)).casefold().split())


def value(c, field: str):
    if field == "first_author":
        if c.kind == "interview":
            return c.interviewee if c.anonymous is False else ""
        return c.authors[0] if c.authors else ""
    if field == "kind" and c is None:
        return None
    if field == "backref":
        return c.backref if c.backref is not None else ""
    if field == "year":
        return c.year if c.year is not None else ""
    return getattr(c, field, None)


def compare(expect: dict, c, tally, where: str, errors: list) -> None:
    for field in FIELDS:
        if field not in expect:
            continue
        got = value(c, field) if c is not None else None
        ok = got is not None and fold(got) == fold(expect[field])
        tally[field][0] += ok
        tally[field][1] += 1
        if not ok:
            errors.append(f"{where} {field}: {got!r} != {expect[field]!r}")


def score_style(doc: dict, tally, errors: list) -> None:
    style = doc["style"]
    if "notes" in doc:
        notes = [(n["n"], n["text"], ()) for n in doc["notes"]]
        _, cits = cz.parse_footnotes(style, notes)
        by_note = defaultdict(list)
        for c in cits:
            by_note[c.footnote].append(c)
        for n in doc["notes"]:
            got = by_note.get(n["n"], [])
            ok = len(got) == len(n["expect"])
            tally["citation count"][0] += ok
            tally["citation count"][1] += 1
            if not ok:
                errors.append(f"{style} {n['n']} count: {len(got)} != {len(n['expect'])}")
            for i, e in enumerate(n["expect"]):
                compare(e, got[i] if i < len(got) else None, tally, f"{style} {n['n']}.{i + 1}", errors)
    if "references" in doc:
        parse_refs = getattr(cz, "parse_reference_list", None)
        refs = parse_refs(style, doc["references"]) if parse_refs else []
        for i, e in enumerate(doc["expect_references"]):
            compare(e, refs[i] if i < len(refs) else None, tally, f"{style} ref {i + 1}", errors)
        link = getattr(cz, "author_date_citations", None)
        found = link(style, doc["text"], refs) if link else []
        for i, e in enumerate(doc["expect_in_text"]):
            compare(e, found[i] if i < len(found) else None, tally, f"{style} in-text {i + 1}", errors)


def read_pdf_footnotes(path: Path):
    read_pdf = importlib.import_module("extractors.pdf" if _OLD_LAYOUT else "extractors.ingest.pdf").read_pdf
    return read_pdf(path).footnotes


def score_pdfs(verbose: bool) -> int:
    docs = yaml.safe_load(DEV_PDFS.read_text(encoding="utf-8"))
    all_tally = defaultdict(lambda: [0, 0])
    errors: list[str] = []
    print("| document | fields right | share |\n| --- | --- | --- |")
    for doc in docs:
        tally = defaultdict(lambda: [0, 0])
        _, cits = cz.parse_footnotes(doc["pdf"], read_pdf_footnotes(PDF_DIR / doc["pdf"]))
        by_note = defaultdict(list)
        for c in cits:
            by_note[c.footnote].append(c)
        for note in doc["notes"]:
            got = by_note.get(note["n"], [])
            if "count" in note:
                ok = len(got) == note["count"]
                tally["citation count"][0] += ok
                tally["citation count"][1] += 1
                if not ok:
                    errors.append(f"{doc['pdf']} {note['n']} count: {len(got)} != {note['count']}")
            for i, e in enumerate(note.get("cites", ())):
                compare(e, got[i] if i < len(got) else None, tally, f"{doc['pdf']} {note['n']}.{i + 1}", errors)
        ok = sum(v[0] for v in tally.values())
        n = sum(v[1] for v in tally.values())
        print(f"| {doc['pdf']} | {ok}/{n} | {ok / n:.2f} |")
        for k, v in tally.items():
            all_tally[k][0] += v[0]
            all_tally[k][1] += v[1]
    print("\n| field | right | share |\n| --- | --- | --- |")
    for k, (ok, n) in sorted(all_tally.items()):
        print(f"| {k} | {ok}/{n} | {ok / n:.2f} |")
    if verbose:
        print("\n".join(errors))
    return 0


def main(argv: list[str]) -> int:
    if "--pdfs" in argv:
        return score_pdfs("--verbose" in argv)
    docs = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    rows = []
    all_tally = defaultdict(lambda: [0, 0])
    all_errors: list[str] = []
    for doc in docs:
        tally = defaultdict(lambda: [0, 0])
        errors: list[str] = []
        score_style(doc, tally, errors)
        ok = sum(v[0] for v in tally.values())
        n = sum(v[1] for v in tally.values())
        rows.append((doc["style"], ok, n))
        for k, v in tally.items():
            all_tally[k][0] += v[0]
            all_tally[k][1] += v[1]
        all_errors += errors
    print("| style | fields right | share |\n| --- | --- | --- |")
    for style, ok, n in rows:
        print(f"| {style} | {ok}/{n} | {ok / n:.2f} |")
    print("\n| field | right | share |\n| --- | --- | --- |")
    for k, (ok, n) in sorted(all_tally.items()):
        print(f"| {k} | {ok}/{n} | {ok / n:.2f} |")
    if "--verbose" in argv:
        print("\n".join(all_errors))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
