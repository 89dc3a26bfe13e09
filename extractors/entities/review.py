"""The review loop: a reviewer's decisions on candidates, kept under `gazetteers/`.

A reviewer fills the `decision` column of a run's `candidates.csv` (or saves the decisions of
`candidates.html`):
  accept                 the name is a real entity (type as the candidate says)
  accept:TYPE            ... of this type (PERSON, ARMED_GROUP, ...)
  accept:TYPE:NAME       ... under this canonical name (TYPE may be left empty: accept::NAME)
  merge:ENTITY_ID        the name is another way of writing that entity: any entity of the run,
                         from the gazetteer, accepted earlier, or unreviewed (`x-...`)
  reject                 the name is not an entity; never report it again
A row is a rule for many names when its `surface` is `*` (every name) or `re:PATTERN` (names
the regular expression matches whole, case-insensitively); its `type` limits it to names of that
type and its `where` to names every mention of which is `in footnotes`. Rules reject only.

`read_decisions` validates a file and reports every bad row at once (file:line each),
`store_decisions` merges them into `gazetteers/review.csv` (one row per name or rule, the latest
wins), `undo_decision` takes one back, and `load_review` / `load_rules` turn the store into what
every later run uses.

An accepted name keeps the id it had while unreviewed (`x-` + its slug), so `changes.csv` and
`summary.md` do not show it as removed and added again; its status in `entities.csv` says
`decision`.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from extractors.entities.gazetteer import Gazetteer, normalise_alias
from extractors.entities.recognize import ReviewDecisions, unknown_id
from extractors.model import ENTITY_TYPES, GazetteerEntity
from extractors.storage import unguard, write_text

REVIEW_COLUMNS = ("surface", "type", "decision", "where", "candidate_id")
DECISION = re.compile(r"^(accept|reject|merge)(?::(.*))?$", re.S)
EXTRA_TYPES = ("ORG",)
WHERE = ("", "in footnotes")
ANY = "*"
PATTERN = "re:"


class ReviewError(ValueError):
    """Decisions that cannot be applied; the message names file, line and problem of each."""


@dataclass(frozen=True)
class Decision:
    surface: str  # a name, or a rule: "*" or "re:PATTERN"
    type: str
    action: str  # accept | merge | reject
    target: str = ""  # type for accept:TYPE, entity id for merge:ID
    name: str = ""  # canonical name for accept:TYPE:NAME
    candidate_id: str = ""
    where: str = ""  # rules only: "" or "in footnotes"
    line: str = ""  # file:line it was read from

    @property
    def is_rule(self) -> bool:
        return self.surface == ANY or self.surface.startswith(PATTERN)

    @property
    def key(self) -> str:
        """One stored row per name (folded) or per rule (as written, with its type and where)."""
        return f"\x00{self.surface}\x00{self.type}\x00{self.where}" if self.is_rule else normalise_alias(self.surface)

    @property
    def entity_id(self) -> str:
        """The id an accepted name carries: the one it had while unreviewed."""
        return unknown_id(self.surface, self.type)

    def text(self) -> str:
        if self.action == "accept" and self.name:
            return f"accept:{self.target}:{self.name}"
        return f"{self.action}:{self.target}" if self.target else self.action


def parse_decision(text: str) -> tuple[str, str, str]:
    """(action, target, name) of a decision cell; ValueError says what is wrong."""
    m = DECISION.match(text.strip())
    if not m:
        raise ValueError(f"decision {text!r} is not one of accept, accept:TYPE, accept:TYPE:NAME, "
                         "merge:ENTITY_ID, reject")
    action, rest = m.group(1), (m.group(2) or "").strip()
    if action == "accept":
        target, _, name = rest.partition(":")
        target, name = target.strip(), " ".join(name.split())
        if target and target not in ENTITY_TYPES + EXTRA_TYPES:
            raise ValueError(f"unknown type {target!r} in {text!r} (expected one of {', '.join(ENTITY_TYPES + EXTRA_TYPES)})")
        return action, target, name
    if action == "merge" and not rest:
        raise ValueError("merge needs an entity id, as in merge:mnla")
    if action == "reject" and rest:
        raise ValueError(f"reject takes no argument (got {text!r})")
    return action, rest, ""


def check_rule(d: Decision) -> str:
    """What is wrong with a rule ("" when nothing)."""
    if not d.is_rule:
        return "" if not d.where else f"'where' ({d.where!r}) is for rules (surface * or re:PATTERN) only"
    if d.action != "reject":
        return f"a rule ({d.surface!r}) can only reject"
    if d.where not in WHERE:
        return f"where {d.where!r} is not one of: (empty), {', '.join(w for w in WHERE if w)}"
    if d.surface.startswith(PATTERN):
        try:
            re.compile(d.surface[len(PATTERN):])
        except re.error as exc:
            return f"pattern {d.surface!r} does not compile ({exc})"
    return ""


def read_decisions(path: Path, known_ids: Collection[str] | None = None) -> list[Decision]:
    """The filled-in rows of a candidates.csv or a saved decisions file (rows with an empty
    decision are skipped). `known_ids`: the entities a merge may name (None: not checked); the
    names accepted in the same file count too. Every bad row is reported, in one ReviewError."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReviewError(f"{path}: cannot read ({exc})") from exc
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in ("surface", "decision") if c not in (reader.fieldnames or [])]
    if missing:
        raise ReviewError(f"{path}:1: missing column(s) {', '.join(missing)}")
    out: list[Decision] = []
    errors: list[str] = []
    merges: list[Decision] = []
    for row in reader:
        where = f"{path}:{reader.line_num}"
        decision = unguard((row.get("decision") or "").strip())
        if not decision:
            continue
        surface = " ".join(unguard(row.get("surface") or "").split())
        if not surface:
            errors.append(f"{where}: empty surface")
            continue
        try:
            action, target, name = parse_decision(decision)
        except ValueError as exc:
            errors.append(f"{where}: {exc}")
            continue
        d = Decision(surface, unguard((row.get("type") or "").strip()), action, target, name,
                     (row.get("candidate_id") or "").strip(), " ".join((row.get("where") or "").split()).lower(), where)
        problem = check_rule(d)
        if problem:
            errors.append(f"{where}: {problem}")
            continue
        out.append(d)
        if action == "merge":
            merges.append(d)
    if known_ids is not None:
        known = set(known_ids) | {d.entity_id for d in out if d.action == "accept"}
        for d in merges:
            if d.target not in known:
                errors.append(f"{d.line}: merge target {d.target!r} is not an entity of the run "
                              "(the gazetteer, a name accepted in review, or entities.csv beside the file)")
    if errors:
        errors.sort(key=line_number)
        head = f"{len(errors)} bad decision{'s' if len(errors) > 1 else ''} in {path}; nothing was stored:"
        raise ReviewError("\n".join([head, *errors]))
    return out


def line_number(message: str) -> int:
    m = re.search(r":(\d+):", message)
    return int(m.group(1)) if m else 0


def read_store(path: Path) -> list[Decision]:
    if not path.exists():
        return []
    reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))
    out, errors = [], []
    for row in reader:
        where = f"{path}:{reader.line_num}"
        try:
            action, target, name = parse_decision(row.get("decision") or "")
        except ValueError as exc:
            errors.append(f"{where}: {exc}")
            continue
        out.append(Decision(row.get("surface") or "", row.get("type") or "", action, target, name,
                            row.get("candidate_id") or "", row.get("where") or "", where))
    if errors:
        raise ReviewError("\n".join(errors))
    return out


def write_store(rows: Sequence[Decision], path: Path) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(REVIEW_COLUMNS)
    for d in rows:
        writer.writerow([d.surface, d.type, d.text(), d.where, d.candidate_id])
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text(path, buf.getvalue())


def sort_store(merged: dict[str, Decision]) -> list[Decision]:
    """Names by their key, then the rules (as written)."""
    return sorted(merged.values(), key=lambda d: (d.is_rule, d.key))


def store_decisions(decisions: Iterable[Decision], path: Path) -> list[Decision]:
    """Merge decisions into the store (the latest per name or rule wins)."""
    merged = {d.key: d for d in read_store(path)}
    for d in decisions:
        merged[d.key] = replace(d, line="")
    rows = sort_store(merged)
    write_store(rows, path)
    return rows


def undo_decision(surface: str, path: Path, type_: str = "", where: str = "") -> Decision:
    """Take back the stored decision on a name (or the rule with this surface, type and where)."""
    probe = Decision(" ".join(surface.split()), type_, "reject", where=where)
    stored = {d.key: d for d in read_store(path)}
    gone = stored.pop(probe.key, None)
    if gone is None:
        rules = [d for d in stored.values() if d.is_rule and d.surface == probe.surface]
        if probe.is_rule and len(rules) == 1:
            gone = stored.pop(rules[0].key)
        else:
            raise ReviewError(f"{path}: no stored decision on {surface!r}"
                              + (f" (rules with that surface: {len(rules)}; give --type/--where)" if rules else ""))
    write_store(sort_store(stored), path)
    return gone


def load_review(path: Path, gazetteer: Gazetteer) -> ReviewDecisions:
    """The store as recognition input. A merge into an id that is neither in the gazetteer nor
    accepted nor an `x-` id (an unreviewed name of some run) is an error."""
    stored = read_store(path)
    accepted = {d.entity_id: d for d in stored if d.action == "accept" and not d.is_rule}
    entities: list[GazetteerEntity] = []
    for entity_id, d in sorted(accepted.items()):
        name = d.name or d.surface
        aliases = (d.surface,) if normalise_alias(d.surface) != normalise_alias(name) else ()
        entities.append(GazetteerEntity(entity_id, name, d.target or d.type or "ORG", aliases=aliases,
                                        source=d.line, notes="accepted in review"))
    merges, errors = [], []
    for d in stored:
        if d.action != "merge":
            continue
        if d.target in gazetteer.by_id or d.target in accepted or d.target.startswith("x-"):
            merges.append((d.surface, d.target))
        else:
            errors.append(f"{d.line}: merge target {d.target!r} is not an entity id of the gazetteer or of review")
    if errors:
        raise ReviewError("\n".join(errors))
    rejected = frozenset(normalise_alias(d.surface) for d in stored if d.action == "reject" and not d.is_rule)
    return ReviewDecisions(tuple(entities), tuple(merges), rejected)


@dataclass(frozen=True)
class Rule:
    surface: str
    type: str
    where: str
    line: str

    def rejects(self, surface: str, type_: str, zones: Sequence[str]) -> bool:
        if self.type and self.type != type_:
            return False
        if self.where == "in footnotes" and (not zones or any(z != "footnote" for z in zones)):
            return False
        if self.surface.startswith(PATTERN):
            return re.fullmatch(self.surface[len(PATTERN):], surface, re.I) is not None
        return True

    def describe(self) -> str:
        parts = ["every name" if self.surface == ANY else f"names matching {self.surface[len(PATTERN):]!r}"]
        if self.type:
            parts.append(f"of type {self.type}")
        if self.where:
            parts.append(f"only {self.where}")
        return "reject " + " ".join(parts)


def load_rules(path: Path) -> tuple[Rule, ...]:
    return tuple(Rule(d.surface, d.type, d.where, d.line) for d in read_store(path) if d.is_rule)
