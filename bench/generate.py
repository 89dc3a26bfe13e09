"""Deterministic benchmark corpora and gazetteers.

Corpora: markdown briefings cut from the report's own text (tests/fixtures/mali-status-quo-2018.md:
paragraphs sampled in short runs and shuffled with a seed, headings between sections, `<sup>N</sup>`
markers renumbered in order of appearance with their footnotes in `---` blocks after the paragraphs
that cite them, lengths varying from a few paragraphs to a long report) plus copies of real PDFs
(the report itself and the pdfplumber fixtures that ingest). A PDF copy gets a one-line comment
after `%%EOF` naming the copy, so no two files of a corpus have the same bytes (the pipeline would
list a byte-identical file as a duplicate and skip it).

Gazetteers: `synthetic_entities(n_aliases, seed)` makes plausible Sahel-style entities (people with
honorifics and name particles, armed groups with French/English names and acronyms, places,
organisations) whose surface forms (names, aliases, acronyms, short forms) add up to `n_aliases`.

    .venv/bin/python bench/generate.py corpus bench/.work/corpora/c20 --docs 20
    .venv/bin/python bench/generate.py gazetteer bench/.work/gaz50k --aliases 50000
"""
from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

FIXTURE_MD = ROOT / "tests" / "fixtures" / "mali-status-quo-2018.md"
REPORT_PDF = ROOT / "corpus" / "reports" / "mali-status-quo-2018.pdf"
REAL_PDFS = Path("/work/shared/fixtures/real-pdfs")
# PDFs that ingest (multi-page prose first); the broken ones (empty, encrypted, malformed) are left out
PDF_CYCLE = (
    REPORT_PDF,
    REAL_PDFS / "issue-848.pdf",
    REAL_PDFS / "federal-register-2020-17221.pdf",
    REAL_PDFS / "scotus-transcript-p1.pdf",
    REAL_PDFS / "issue-71-duplicate-chars-2.pdf",
    REAL_PDFS / "nics-background-checks-2015-11-rotated.pdf",
)
MULTI_PAGE_PDFS = (
    REPORT_PDF,
    REAL_PDFS / "federal-register-2020-17221.pdf",
    REAL_PDFS / "issue-71-duplicate-chars-2.pdf",
    REAL_PDFS / "issue-848.pdf",
)

FOOTNOTE_LINE = re.compile(r"^\s*<sup>\s*(\d+)\s*</sup>\s*(.*)$")
MARKER = re.compile(r"<sup>\s*(\d+)\s*</sup>")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
RULE = re.compile(r"^\s*(-{3,}|\*{3,}|_{3,})\s*$")


# ------------------------------------------------------------------ the report's pieces


@dataclass(frozen=True)
class Pieces:
    paragraphs: tuple[str, ...]  # body paragraphs (markdown, markers as in the report)
    headings: tuple[str, ...]  # heading texts (no #)
    footnotes: dict  # n -> footnote text (markdown)


def report_pieces(path: Path = FIXTURE_MD) -> Pieces:
    paragraphs: list[str] = []
    headings: list[str] = []
    footnotes: dict[int, str] = {}
    para: list[str] = []

    def flush() -> None:
        if para:
            text = " ".join(s.strip() for s in para)
            if len(text.split()) >= 12:  # prose, not table-of-contents lines or bylines
                paragraphs.append(text)
            para.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or RULE.match(line):
            flush()
            continue
        fn = FOOTNOTE_LINE.match(line)
        if fn:
            flush()
            n = int(fn.group(1))
            footnotes[n] = (footnotes[n] + " " + fn.group(2)) if n in footnotes else fn.group(2)
            continue
        h = HEADING.match(line)
        if h:
            flush()
            text = h.group(2).replace("*", "").strip()
            if text and text.lower() not in {"table of contents"}:
                headings.append(text)
            continue
        para.append(line)
    flush()
    return Pieces(tuple(paragraphs), tuple(headings), footnotes)


# ------------------------------------------------------------------ one markdown document


def doc_length(rng: random.Random) -> int:
    """Paragraph count: mostly short briefings, some long reports (5 .. 90)."""
    r = rng.random()
    if r < 0.5:
        return rng.randint(5, 15)
    if r < 0.85:
        return rng.randint(16, 40)
    return rng.randint(41, 90)


def markdown_document(pieces: Pieces, rng: random.Random, number: int) -> str:
    n_paras = doc_length(rng)
    chosen: list[str] = []
    while len(chosen) < n_paras:  # runs of 1-4 consecutive paragraphs keep local context
        start = rng.randrange(len(pieces.paragraphs))
        run = rng.randint(1, 4)
        chosen.extend(pieces.paragraphs[start : start + run])
    chosen = chosen[:n_paras]
    with_notes = rng.random() < 0.85
    title = rng.choice(pieces.headings)
    out = [f"# {title}: briefing {number}", "", f"**Sahel Analysis Unit, note {number:04d}**", ""]
    renumber: dict[int, int] = {}
    pending: list[int] = []  # new numbers whose notes are not written yet

    def new_number(m: re.Match) -> str:
        old = int(m.group(1))
        if not with_notes or old not in pieces.footnotes:
            return ""
        if old not in renumber:
            renumber[old] = len(renumber) + 1
            pending.append(old)
        return f"<sup>{renumber[old]}</sup>"

    next_heading = rng.randint(2, 6)
    next_notes = rng.randint(1, 4)
    for i, para in enumerate(chosen, start=1):
        out += [MARKER.sub(new_number, para), ""]
        if i == next_heading and i < len(chosen):
            level = rng.choice(("##", "##", "###"))
            out += [f"{level} {rng.choice(pieces.headings)}", ""]
            next_heading += rng.randint(3, 8)
        if pending and (i >= next_notes or i == len(chosen)):
            out += ["---", ""]
            for old in pending:
                out += [f"<sup>{renumber[old]}</sup> {pieces.footnotes[old]}", ""]
            pending.clear()
            next_notes = i + rng.randint(1, 4)
    return "\n".join(out).rstrip() + "\n"


# ------------------------------------------------------------------ corpora


def corpus_plan(n_docs: int, pdf_share: float = 0.2) -> list[str]:
    """Kinds of the documents in order: 'md' or the index into PDF_CYCLE, PDFs spread evenly."""
    n_pdf = round(n_docs * pdf_share)
    plan = ["md"] * n_docs
    if n_pdf:
        step = n_docs / n_pdf
        for k in range(n_pdf):
            plan[int(k * step)] = str(k % len(PDF_CYCLE))
    return plan


def make_corpus(dest: Path, n_docs: int, seed: int = 8, pdf_share: float = 0.2) -> list[Path]:
    """Write `n_docs` documents under dest/reports/ (replacing what was there); returns the files."""
    dest = Path(dest)
    reports = dest / "reports"
    if dest.exists():
        shutil.rmtree(dest)
    reports.mkdir(parents=True)
    pieces = report_pieces()
    files = []
    for i, kind in enumerate(corpus_plan(n_docs, pdf_share), start=1):
        rng = random.Random(seed * 1_000_003 + i)
        if kind == "md":
            path = reports / f"briefing-{i:04d}.md"
            path.write_text(markdown_document(pieces, rng, i), encoding="utf-8")
        else:
            src = PDF_CYCLE[int(kind)]
            path = reports / f"pdf-{i:04d}-{src.stem}.pdf"
            path.write_bytes(src.read_bytes() + f"\n% reportgraph bench copy {i}\n".encode())
        files.append(path)
    return files


# ------------------------------------------------------------------ gazetteers

GIVEN = ("Mohamed Ahmed Ibrahim Moussa Oumar Boubacar Amadou Hamadoun Souleymane Abdoulaye Alassane "
         "Cheick Modibo Soumeylou Bilal Intalla Alghabass Fahad Hamada Sidi Baba Mahamadou Aliou "
         "Issa Youssouf Tiébilé Housseini Aminata Fatoumata Mariam Aïcha Kadidia Hawa Salif Bakary "
         "Yacouba Lassine Hassan Adnane Abdelmalek Mokhtar Nabil Djibrilla Ousmane Seydou Idrissa").split()
FAMILY = ("Traoré Keïta Coulibaly Diarra Cissé Touré Maïga Sidibé Diallo Konaté Sangaré Dicko Koné "
          "Sissoko Dembélé Kanté Doumbia Bathily Tounkara Sylla Camara Kouyaté Haïdara Cissoko "
          "Guindo Togo Dolo Ongoïba Tembely Bocoum Tall Barry Sow Ba Kane Niang Ndiaye").split()
TUAREG = ("Ghali Gamou Intalla Attaher Bahanga Najim Assaleh Aoussa Acharatoumane Ahmeyede Alkhabas "
          "Bibi Ousmane Aharib Mohamed Alhousseini Elmehdi Inawelene").split()
PARTICLES = ("ag", "ould", "ben", "al", "ibn")
HONORIFIC = ("General", "Colonel", "Imam", "Sheikh", "Minister", "Captain", "Dr.")
PLACE_ROOTS = ("Tin Mb Ansong Gao Kid Men Ta Ber Dou Ko Ségou Mop Djen Ni Tessa Ag Aguel Boni Ham "
               "Léré Gour Dia Tenen Bou Ka Lab Ti Anef Ine Tal In Ou Ber Ke Zar Ti Bam Fa").split()
PLACE_ENDS = ("ka", "al", "ti", "ou", "ra", "gou", "bouctou", "da", "ma", "bara", "kou", "hok",
              "dié", "sso", "lit", "fara", "ssa", "rou", "lé", "mé", "naba", "gay", "kiné")
GROUP_HEADS_FR = ("Mouvement", "Front", "Groupe", "Coordination", "Alliance", "Congrès", "Rassemblement",
                  "Plateforme", "Union", "Ligue")
GROUP_HEADS_EN = ("Movement", "Front", "Group", "Coordination", "Alliance", "Congress", "Rally",
                  "Platform", "Union", "League")
GROUP_MIDS_FR = ("pour la justice", "pour le salut", "de libération", "d'autodéfense", "populaire",
                 "pour l'unité", "patriotique", "islamique", "républicain", "des peuples")
GROUP_MIDS_EN = ("for Justice", "for Salvation", "of Liberation", "for Self-Defense", "Popular",
                 "for Unity", "Patriotic", "Islamic", "Republican", "of Peoples")
REGIONS_FR = ("de l'Azawad", "du Macina", "du Gourma", "du Liptako", "de l'Adrar", "du Sahel",
              "du Delta", "du Hodh", "de l'Aïr", "du Tilemsi", "de la Boucle", "du Nord")
REGIONS_EN = ("of Azawad", "of Macina", "of Gourma", "of Liptako", "of Adrar", "of the Sahel",
              "of the Delta", "of Hodh", "of Aïr", "of Tilemsi", "of the Bend", "of the North")
ORG_KINDS = ("Agency", "Office", "Commission", "Institute", "Foundation", "Council", "Observatory",
             "Network", "Centre", "Fund")
ORG_TOPICS = ("Development", "Security", "Pastoralism", "Water", "Reconciliation", "Elections",
              "Human Rights", "Migration", "Education", "Health", "Food Security", "Mediation")


def _acronym(words: list[str]) -> str:
    letters = [w[0] for w in words if w[:1].isupper() and w.lower() not in {"de", "du", "la", "of", "the"}]
    return "".join(letters).upper()


def synthetic_entities(n_aliases: int, seed: int = 50_000, start: int = 0, base=None):
    """Plausible gazetteer entities whose surface forms total `n_aliases` (names, aliases,
    acronyms, short forms); deterministic for a seed. Ids are unique (`syn-...-N`). With `base`
    (a Gazetteer), no generated name, alias or acronym repeats one of its names or acronyms."""
    from extractors.entities.gazetteer import COMMON_WORDS, normalise_alias
    from extractors.model import GazetteerEntity

    rng = random.Random(seed)
    out: list = []
    total = 0
    names_seen: set[str] = set(base.by_alias) if base is not None else set()
    acronyms_seen: set[str] = set(base.by_acronym) if base is not None else set()
    k = start
    while total < n_aliases:
        k += 1
        kind = rng.random()
        aliases: list[str] = []
        acronyms: list[str] = []
        shorts: list[str] = []
        if kind < 0.4:  # a person
            given = rng.choice(GIVEN)
            if rng.random() < 0.4:
                family = f"{rng.choice(PARTICLES)} {rng.choice(TUAREG)}"
            else:
                family = rng.choice(FAMILY)
            middle = f" {rng.choice(GIVEN)}" if rng.random() < 0.3 else ""
            name = f"{given}{middle} {family}"
            etype = "PERSON"
            aliases.append(f"{rng.choice(HONORIFIC)} {name}")
            if middle:
                aliases.append(f"{given} {family}")
            if rng.random() < 0.3:
                aliases.append(f"{given[0]}. {family}")
            shorts.append(family)
        elif kind < 0.7:  # an armed group or political movement
            i = rng.randrange(len(GROUP_HEADS_FR))
            j = rng.randrange(len(GROUP_MIDS_FR))
            r = rng.randrange(len(REGIONS_FR))
            fr = f"{GROUP_HEADS_FR[i]} {GROUP_MIDS_FR[j]} {REGIONS_FR[r]}"
            en = f"{GROUP_HEADS_EN[i]} {GROUP_MIDS_EN[j]} {REGIONS_EN[r]}"
            suffix = rng.choice(("", "", " (Tendance Nord)", " Reconstitué", f" {rng.randint(1990, 2020)}"))
            name, etype = en + suffix, rng.choice(("ARMED_GROUP", "ARMED_GROUP", "POLITICAL_ORG"))
            aliases.append(fr + suffix)
            acronyms.append(_acronym(fr.replace("'", " ").split()) + ("-" + suffix.strip()[:2].upper() if suffix.strip() else ""))
            if rng.random() < 0.5:
                acronyms.append(_acronym(en.split()))
        elif kind < 0.85:  # a place
            root = rng.choice(PLACE_ROOTS)
            name = root + rng.choice(PLACE_ENDS)
            if rng.random() < 0.3:
                name = f"{name} {rng.choice(('Nord', 'Sud', 'Est', 'Ouest', 'Centre'))}"
            etype = "PLACE"
            aliases.append(name.replace("é", "e").replace("è", "e"))
            if rng.random() < 0.3:
                aliases.append(f"Cercle de {name}")
        else:  # an organisation
            name = f"{rng.choice(('National', 'Regional', 'Sahel', 'West African', 'Malian'))} " \
                   f"{rng.choice(ORG_TOPICS)} {rng.choice(ORG_KINDS)}"
            name += rng.choice(("", f" of {rng.choice(PLACE_ROOTS)}{rng.choice(PLACE_ENDS)}"))
            etype = rng.choice(("INTL_ORG", "STATE_BODY"))
            acronyms.append(_acronym(name.split()))
        key = normalise_alias(name)
        if key in names_seen or key in COMMON_WORDS:
            continue
        names_seen.add(key)
        aliases = [a for a in dict.fromkeys(aliases) if normalise_alias(a) != key and normalise_alias(a) not in names_seen]
        names_seen.update(normalise_alias(a) for a in aliases)
        acronyms = [a for a in dict.fromkeys(acronyms) if len(a) >= 2 and a not in acronyms_seen]
        acronyms_seen.update(acronyms)
        shorts = [s for s in shorts if normalise_alias(s) not in {normalise_alias(a) for a in aliases} | {key}]
        ident = f"syn-{re.sub(r'[^a-z0-9]+', '-', key.encode('ascii', 'ignore').decode()).strip('-')[:40]}-{k}"
        ident = re.sub(r"-+", "-", ident)
        out.append(GazetteerEntity(id=ident, name=name, type=etype, aliases=tuple(aliases), acronyms=tuple(acronyms),
                                   short_forms=tuple(shorts), source="bench/generate.py"))
        total += 1 + len(aliases) + len(acronyms) + len(shorts)
    return out


def surface_count(entities) -> int:
    return sum(1 + len(e.aliases) + len(e.acronyms) + len(e.short_forms) + len(e.former_names) for e in entities)


def scaled_gazetteer(base, n_aliases: int, seed: int = 50_000):
    """The real gazetteer plus synthetic entities, `n_aliases` surface forms in all."""
    from extractors.entities.gazetteer import Gazetteer, acronym_key, normalise_alias
    from types import MappingProxyType

    extra = synthetic_entities(max(0, n_aliases - surface_count(base.entities)), seed, base=base)
    entities = tuple(base.entities) + tuple(extra)
    by_alias: dict[str, list[str]] = {}
    by_acronym: dict[str, list[str]] = {}
    by_short: dict[str, list[str]] = {}
    for e in entities:
        for text in (e.name, *e.aliases, *e.former_names):
            ids = by_alias.setdefault(normalise_alias(text), [])
            if e.id not in ids:
                ids.append(e.id)
        for text in e.acronyms:
            ids = by_acronym.setdefault(acronym_key(text), [])
            if e.id not in ids:
                ids.append(e.id)
        for text in e.short_forms:
            ids = by_short.setdefault(normalise_alias(text), [])
            if e.id not in ids:
                ids.append(e.id)

    def freeze(table):
        return MappingProxyType({k: tuple(v) for k, v in table.items()})

    return Gazetteer(entities=entities, by_id=MappingProxyType({e.id: e for e in entities}),
                     by_alias=freeze(by_alias), by_acronym=freeze(by_acronym), by_short_form=freeze(by_short))


def write_gazetteer_yaml(dest: Path, entities, base_dir: Path = ROOT / "gazetteers") -> Path:
    """A gazetteer folder: the real YAML files plus `synthetic.yaml` with `entities`."""
    import yaml

    dest = Path(dest)
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for p in sorted(Path(base_dir).glob("*.yaml")):
        shutil.copy(p, dest / p.name)
    rows = []
    for e in entities:
        row = {"id": e.id, "name": e.name, "type": e.type}
        for f in ("aliases", "acronyms", "short_forms", "former_names"):
            if getattr(e, f):
                row[f] = list(getattr(e, f))
        rows.append(row)
    (dest / "zz-synthetic.yaml").write_text(
        yaml.safe_dump({"description": "generated by bench/generate.py", "entities": rows},
                       allow_unicode=True, sort_keys=False), encoding="utf-8")
    return dest


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="what", required=True)
    c = sub.add_parser("corpus")
    c.add_argument("dest", type=Path)
    c.add_argument("--docs", type=int, default=20)
    c.add_argument("--seed", type=int, default=8)
    c.add_argument("--pdf-share", type=float, default=0.2)
    g = sub.add_parser("gazetteer")
    g.add_argument("dest", type=Path)
    g.add_argument("--aliases", type=int, default=50_000)
    g.add_argument("--seed", type=int, default=50_000)
    args = ap.parse_args(argv)
    if args.what == "corpus":
        files = make_corpus(args.dest, args.docs, args.seed, args.pdf_share)
        print(f"{len(files)} documents in {args.dest / 'reports'}")
    else:
        from extractors.entities.gazetteer import load_gazetteer_dir

        base = load_gazetteer_dir(ROOT / "gazetteers")
        extra = synthetic_entities(max(0, args.aliases - surface_count(base.entities)), args.seed, base=base)
        write_gazetteer_yaml(args.dest, extra)
        print(f"{surface_count(base.entities)} + {surface_count(extra)} surface forms in {args.dest}")


if __name__ == "__main__":
    main()
