"""candidates.html: the review queue as one self-contained page, offline like network.html.

Candidates are grouped into their clusters of likely-same names (`candidates.clusters`), each
with its evidence sentences and graded suggestions, a decision picker per candidate (accept with
a type and an optional canonical name, merge into any entity of the run, reject) and per cluster
(one entity: the chosen name accepted and the others merged into it; or reject all). "Save
decisions" downloads a `decisions.csv` (candidate_id, surface, type, decision) that
`reportgraph review apply` reads. CSS and JS are inlined from ``templates/candidates.html``; the
data is embedded as JSON that cannot close its script element.
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from extractors.entities.candidates import QueuedCandidate
from extractors.model import ENTITY_TYPES
from extractors.network.html import json_for_script
from extractors.storage import write_text

TEMPLATE = Path(__file__).parent / "templates" / "candidates.html"
TYPES = (*ENTITY_TYPES, "ORG")


def page_data(queue: Sequence[QueuedCandidate], entities: Iterable, *, title: str = "Review queue") -> dict:
    """The JSON the page shows. `entities`: the run's entities (`recognize.EntityRow`), the
    targets a merge may name."""
    names = {}
    entity_rows = []
    for entity_id, name, type_, status in sorted({(e.entity_id, e.name, e.type, e.status) for e in entities}):
        names[entity_id] = name
        entity_rows.append({"id": entity_id, "name": name, "type": type_, "status": status})
    order: dict[str, list[str]] = {}
    for c in queue:
        order.setdefault(c.cluster, []).append(c.candidate_id)
    return {
        "title": title,
        "types": list(TYPES),
        "entities": entity_rows,
        "clusters": [{"id": k, "members": v} for k, v in order.items()],
        "candidates": [
            {
                "candidate_id": c.candidate_id, "surface": c.surface, "type": c.type, "count": c.count,
                "documents": len(c.documents), "reason": c.reason, "cluster": c.cluster,
                "entity_id": c.entity_id, "suggested_entity_id": c.suggested_entity_id,
                "suggestions": [{"entity_id": s.entity_id, "name": names.get(s.entity_id, s.matched),
                                 "score": s.score, "method": s.method, "reason": s.reason} for s in c.suggestions],
                "evidence": [{"doc_id": e.doc_id, "sentence_id": e.sentence_id, "page": e.page, "zone": e.zone,
                              "text": e.text, "start": e.start, "end": e.end} for e in c.evidence],
            }
            for c in queue
        ],
    }


def render_page(queue: Sequence[QueuedCandidate], entities: Iterable, *,
                title: str = "reportgraph review queue") -> str:
    """The whole page (deterministic: same input, same bytes)."""
    data = page_data(queue, entities, title=title)
    fill = {"__TITLE__": html.escape(title), "__DATA__": json_for_script(data)}
    return re.sub(r"__TITLE__|__DATA__", lambda m: fill[m.group(0)], TEMPLATE.read_text(encoding="utf-8"))


def write_page(path: Path, queue: Sequence[QueuedCandidate], entities: Iterable, **options) -> Path:
    write_text(Path(path), render_page(queue, entities, **options))
    return Path(path)
