"""Score citations against the hand-checked reading of the bundled report's 111 footnotes
(tests/fixtures/citations_gold.csv; its `comment` column gives the reasons for the hard cases).

Used by tests/test_citation_styles.py on the parser's output, and on a run's tables:

    python -m tests.citation_gold outputs/latest [-v]

Fields: footnote kind and citation count per footnote; per cited work (matched within its
footnote by title, interviewee or author): kind, first author (people and organisations; for
an interview the named interviewee), outlet (publications), year, back-reference, URLs,
author kind, DOI, document symbol.
"""
from __future__ import annotations

import csv
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

GOLD = Path(__file__).resolve().parent / "fixtures" / "citations_gold.csv"


def fold(s) -> str:
    s = unicodedata.normalize("NFKD", "" if s is None else str(s))
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold().replace("’", "'")
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", s)).strip()


def _unguard(v: str) -> str:
    return v[1:] if v[:1] == "'" and v[1:2] in ("=", "+", "-", "@", "\t", "\r") else v


def read_csv(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as f:
        return [{k: _unguard(v or "") for k, v in r.items()} for r in csv.DictReader(f)]


def from_citation(c) -> dict:
    """A Citation as the scorer reads it (the same fields as a citations.csv row)."""
    return {
        "footnote": str(c.footnote), "idx": str(c.idx), "kind": c.kind, "authors": " | ".join(c.authors),
        "title": c.title, "outlet": c.outlet, "year": "" if c.year is None else str(c.year),
        "interviewee": c.interviewee, "anonymous": "" if c.anonymous is None else str(c.anonymous).lower(),
        "backref": "" if c.backref is None else str(c.backref), "urls": " ".join(c.urls),
        "author_kind": getattr(c, "author_kind", ""), "doi": getattr(c, "doi", ""),
        "document_symbol": getattr(c, "document_symbol", ""),
    }


def first_author(r: dict) -> str:
    if r.get("kind") == "interview":
        return r.get("interviewee", "") if r.get("anonymous") == "false" else ""
    a = r.get("authors", "")
    return a.split(" | ")[0] if a else ""


def score(gold_rows: list[dict], citations: list[dict], footnotes: list[dict]):
    """({field: (right, total)}, {field: [what was wrong]}); footnotes: dicts with n, kind, n_citations."""
    gold: dict[int, list[dict]] = defaultdict(list)
    for g in gold_rows:
        gold[int(g["footnote"])].append(g)
    pred: dict[int, list[dict]] = defaultdict(list)
    for c in citations:
        pred[int(c["footnote"])].append(c)
    fkind = {int(f["n"]): f["kind"] for f in footnotes}
    fcount = {int(f["n"]): int(f["n_citations"]) for f in footnotes}
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    errors: dict[str, list[str]] = defaultdict(list)

    def count(name: str, ok: bool, where: str) -> None:
        tally[name][0] += ok
        tally[name][1] += 1
        if not ok:
            errors[name].append(where)

    for n in sorted(gold):
        gs = [g for g in gold[n] if g["kind"] != "note"]
        kinds = {g["kind"] for g in gs}
        gk = "mixed" if len(kinds) == 2 else (kinds.pop() if kinds else "note")
        count("footnote kind", fkind.get(n) == gk, f"{n}: {fkind.get(n)} != {gk}")
        count("citation count", fcount.get(n) == len(gs), f"{n}: {fcount.get(n)} != {len(gs)}")
        left = list(pred[n])
        for g in gs:
            def sim(p: dict, g: dict = g) -> float:
                s = 1.0 if p["kind"] == g["kind"] else 0.0
                if g["title"] and fold(p.get("title")) == fold(g["title"]):
                    s += 4
                if g["interviewee"] and fold(p.get("interviewee")).split()[-1:] == fold(g["interviewee"]).split()[-1:]:
                    s += 2
                if g["first_author"] and fold(first_author(p)) == fold(g["first_author"]):
                    s += 2
                return s + (0.5 if p["idx"] == g["idx"] else 0)
            p = max(left, key=sim) if left else None
            if p is not None and sim(p) < 1.5:
                p = None
            if p is not None:
                left.remove(p)
            p = p or {}
            w = f"{n}.{g['idx']}"
            count("citation kind", p.get("kind") == g["kind"], f"{w}: {p.get('kind')}")
            if g["first_author"]:
                count("first author", fold(first_author(p)) == fold(g["first_author"]),
                      f"{w}: {first_author(p)!r} != {g['first_author']!r}")
            if g["kind"] == "publication" and g["author_kind"]:
                count("author kind", p.get("author_kind", "") == g["author_kind"],
                      f"{w}: {p.get('author_kind')!r} != {g['author_kind']!r}")
            if g["backref"] or p.get("backref"):
                count("backref", p.get("backref", "") == g["backref"],
                      f"{w}: {p.get('backref')!r} != {g['backref']!r}")
            if g["kind"] == "publication":
                count("outlet", fold(p.get("outlet")) == fold(g["outlet"]), f"{w}: {p.get('outlet')!r} != {g['outlet']!r}")
            if g["year"]:
                count("year", p.get("year", "") == g["year"], f"{w}: {p.get('year')!r} != {g['year']!r}")
            if g["urls"]:
                count("urls", set(p.get("urls", "").split()) == set(g["urls"].split()), w)
            for col in ("doi", "document_symbol"):
                if g[col] or p.get(col):
                    count(col, p.get(col, "") == g[col], f"{w}: {p.get(col)!r} != {g[col]!r}")
    return {k: (v[0], v[1]) for k, v in tally.items()}, dict(errors)


def main(argv: list[str]) -> int:
    run = Path(argv[0])
    scores, errors = score(read_csv(GOLD), read_csv(run / "citations.csv"), read_csv(run / "footnotes.csv"))
    for k, (ok, n) in scores.items():
        print(f"{k:16s} {ok:4d}/{n:<4d} {ok / n:.3f}")
    if "-v" in argv:
        for k, e in errors.items():
            print(k, e)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
