"""The review loop: a reviewer's decisions on candidates, kept under `gazetteers/`.

A reviewer fills the `decision` column of a run's `candidates.csv`:
  accept            the name is a real entity (type as suggested)
  accept:TYPE       ... of this type (PERSON, ARMED_GROUP, ...)
  merge:ENTITY_ID   the name is another way of writing that entity
  reject            the name is not an entity; never report it again
`read_decisions` validates them (errors name file and line), `store_decisions` merges them into
`gazetteers/review.csv` (one row per name, the latest decision wins), and `load_review` turns
that file into what recognition uses on every later run.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from extractors.text import slug
from extractors.entities.gazetteer import Gazetteer, normalise_alias
from extractors.model import ENTITY_TYPES, GazetteerEntity
from extractors.entities.recognize import ReviewDecisions
from extractors.storage import unguard

REVIEW_COLUMNS = ("surface", "type", "decision", "candidate_id")
DECISION = re.compile(r"^(accept|reject|merge)(?::(.+))?$")
EXTRA_TYPES = ("ORG",)


class ReviewError(ValueError):
    """A decision that cannot be applied; the message names file, line and problem."""


@dataclass(frozen=True)
class Decision:
    surface: str
    type: str
    action: str  # accept | merge | reject
    target: str  # type for accept:TYPE, entity id for merge:ID
    candidate_id: str = ""
    where: str = ""


def parse_decision(text: str, where: str, gazetteer: Gazetteer | None) -> tuple[str, str]:
    m = DECISION.match(text.strip())
    if not m:
        raise ReviewError(f"{where}: decision {text!r} is not one of accept, accept:TYPE, merge:ENTITY_ID, reject")
    action, target = m.group(1), (m.group(2) or "").strip()
    if action == "accept" and target and target not in ENTITY_TYPES + EXTRA_TYPES:
        raise ReviewError(f"{where}: unknown type {target!r} in {text!r} (expected one of {', '.join(ENTITY_TYPES)})")
    if action == "merge":
        if not target:
            raise ReviewError(f"{where}: merge needs an entity id, as in merge:mnla")
        if gazetteer is not None and target not in gazetteer.by_id:
            raise ReviewError(f"{where}: merge target {target!r} is not an entity id of the gazetteer")
    if action == "reject" and target:
        raise ReviewError(f"{where}: reject takes no argument (got {text!r})")
    return action, target


def read_decisions(path: Path, gazetteer: Gazetteer | None = None) -> list[Decision]:
    """The filled-in rows of a candidates.csv (rows with an empty decision are skipped)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReviewError(f"{path}: cannot read ({exc})") from exc
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in ("surface", "decision") if c not in (reader.fieldnames or [])]
    if missing:
        raise ReviewError(f"{path}:1: missing column(s) {', '.join(missing)}")
    out = []
    for row in reader:
        where = f"{path}:{reader.line_num}"
        decision = (row.get("decision") or "").strip()
        if not decision:
            continue
        surface = unguard((row.get("surface") or "").strip())
        if not surface:
            raise ReviewError(f"{where}: empty surface")
        action, target = parse_decision(decision, where, gazetteer)
        out.append(Decision(surface, (row.get("type") or "").strip(), action, target,
                            (row.get("candidate_id") or "").strip(), where))
    return out


def decision_text(d: Decision) -> str:
    return f"{d.action}:{d.target}" if d.target else d.action


def read_store(path: Path) -> list[Decision]:
    if not path.exists():
        return []
    reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))
    out = []
    for row in reader:
        where = f"{path}:{reader.line_num}"
        action, target = parse_decision(row.get("decision") or "", where, None)
        out.append(Decision(row["surface"], row.get("type") or "", action, target, row.get("candidate_id") or "", where))
    return out


def store_decisions(decisions: Iterable[Decision], path: Path) -> list[Decision]:
    """Merge decisions into the store (the latest per name wins); rows sorted by name."""
    merged: dict[str, Decision] = {normalise_alias(d.surface): d for d in read_store(path)}
    for d in decisions:
        merged[normalise_alias(d.surface)] = d
    rows = [merged[k] for k in sorted(merged)]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(REVIEW_COLUMNS)
    for d in rows:
        writer.writerow([d.surface, d.type, decision_text(d), d.candidate_id])
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(buf.getvalue(), encoding="utf-8")
    tmp.replace(path)
    return rows


def load_review(path: Path, gazetteer: Gazetteer) -> ReviewDecisions:
    """The store as recognition input; a merge into an id the gazetteer lost is an error."""
    entities: list[GazetteerEntity] = []
    merges: list[tuple[str, str]] = []
    rejected: set[str] = set()
    taken = set(gazetteer.by_id)
    for d in read_store(path):
        if d.action == "merge":
            if d.target not in gazetteer.by_id:
                raise ReviewError(f"{d.where}: merge target {d.target!r} is not an entity id of the gazetteer")
            merges.append((d.surface, d.target))
        elif d.action == "reject":
            rejected.add(normalise_alias(d.surface))
        else:
            type_ = d.target or d.type or "ORG"
            entity_id = slug(d.surface)
            while entity_id in taken:
                entity_id += "-r"
            taken.add(entity_id)
            entities.append(GazetteerEntity(entity_id, d.surface, type_, source=d.where, notes="accepted in review"))
    return ReviewDecisions(tuple(entities), tuple(merges), frozenset(rejected))
