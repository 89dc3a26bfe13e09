"""summary.md: what a run found, in words a reader takes in at a glance."""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .model import Document


def md_table(header: Sequence[str], rows: Sequence[Sequence]) -> str:
    def esc(v) -> str:
        return str("" if v is None else v).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(esc(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def summary_markdown(run_id: str, documents: Sequence[Document], sections: Sequence[str] = ()) -> str:
    statuses = Counter(d.status for d in documents)
    ok = [d for d in documents if d.status == "ok"]
    zones = Counter(s.zone for d in ok for s in d.sentences)
    pages = sum(d.pages or 0 for d in ok)
    footnotes = sum(len(d.footnotes) for d in ok)
    anchored = sum(1 for d in ok for f in d.footnotes if f.anchor_sentence_id)
    parts = [
        f"# reportgraph run {run_id}",
        "",
        f"**{len(documents)} documents**: " + ", ".join(f"{n} {s}" for s, n in sorted(statuses.items())) + ".",
        f"{pages} pages, {sum(zones.values())} sentences "
        f"({', '.join(f'{n} {z}' for z, n in sorted(zones.items()))}), "
        f"{footnotes} footnotes ({anchored} linked to the sentence carrying their marker).",
        "",
        "## Documents",
        "",
        md_table(
            ["doc_id", "format", "pages", "language", "status", "sentences", "footnotes", "title / error"],
            [
                [d.doc_id, d.format, d.pages, d.language, d.status, len(d.sentences), len(d.footnotes),
                 d.error or d.title]
                for d in documents
            ],
        ),
    ]
    failed = [d for d in documents if d.status == "failed"]
    if failed:
        parts += ["", "## Problems", ""] + [f"- `{d.path}`: {d.error}" for d in failed]
    warned = [(d, w) for d in ok for w in d.warnings]
    if warned:
        parts += ["", "## Warnings", ""] + [f"- `{d.path}`: {w}" for d, w in warned]
    parts += list(sections)
    return "\n".join(parts).rstrip() + "\n"
