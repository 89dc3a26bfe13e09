"""Checks made before a run starts: before Prefect starts, before any document is read, before
anything is written. The command line calls them first (so a broken gazetteer is a few lines in
well under the time Prefect takes to start); `run_pipeline` calls them again under the output
folder's lock, so scheduled runs and scripts get the same refusals.

Order, cheapest first: the corpus folder exists; the gazetteer loads; the review store loads
(this imports spaCy); the corpus holds documents; the run would not shrink `latest` (needs the
lock, as it reads `latest` and records a refusal in runs.csv).
"""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from flows.errors import ConfigError, CorpusError

REVIEW_FILE = "review.csv"  # the review store inside the gazetteer folder


def check_corpus_folder(corpus: Path) -> None:
    corpus = Path(corpus)
    if corpus.is_file():
        raise CorpusError(f"corpus {corpus} is a file, not a folder (give the folder holding reports/)")
    if not corpus.is_dir():
        raise CorpusError(f"corpus folder {corpus} does not exist")


def check_gazetteer(folder: Path):
    """Load the gazetteer (GazetteerError: file:line: problem) and return it."""
    from extractors.entities.gazetteer import load_gazetteer_dir

    folder = Path(folder)
    if folder.is_file():
        raise ConfigError(f"gazetteer {folder} is a file, not a folder of *.yaml files")
    return load_gazetteer_dir(folder)


def check_review(folder: Path, gazetteer) -> None:
    """Load the review store of the gazetteer folder (ReviewError: file:line: problem)."""
    from extractors.entities.review import load_review

    load_review(Path(folder) / REVIEW_FILE, gazetteer)


def corpus_ids(corpus: Path) -> list[str]:
    import extractors.ingest.documents as docs_mod

    return docs_mod.doc_ids(docs_mod.discover(Path(corpus)))


def check_configuration(corpus: Path, gazetteer: Path) -> list[str]:
    """Everything that needs no lock; returns the corpus's doc_ids."""
    check_corpus_folder(corpus)
    check_review(gazetteer, check_gazetteer(gazetteer))
    return corpus_ids(corpus)


def check_shrink(out: Path, corpus: Path, ids: list[str], *, allow: bool, max_share: float) -> None:
    """Refuse (ShrinkRefused, recorded in runs.csv as `refused`) a run that would replace a
    non-empty latest with no documents or lose more than `max_share` of its documents; refuse
    (CorpusError) an empty corpus with nothing to replace. `allow` lets both through.
    Call it holding the output folder's lock."""
    import extractors.outputs.history as history
    from extractors.outputs.rundir import latest_run, new_run_id

    if allow:
        return
    previous = latest_run(Path(out))
    before = history.document_hashes(history.read_run_table(previous, "documents.csv")) if previous else {}
    problem = history.shrink_problem(history.shrink(before, ids), max_share)
    if problem is None:
        if not ids:
            import extractors.ingest.documents as docs_mod

            raise CorpusError(f"corpus {docs_mod.reports_dir(Path(corpus))} holds no documents "
                              f"({', '.join(sorted(docs_mod.FORMATS_BY_SUFFIX))}); --allow-shrink to run anyway")
        return
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    lost = len(set(before) - set(ids))
    row = history.run_row(new_run_id(after=history.last_run_id(Path(out))), now, now, "refused", note=problem)
    row.update(documents=len(ids), removed=lost)
    history.append_run(Path(out), row)
    raise history.ShrinkRefused(f"refused: {problem}; latest still points at {previous.name}. "
                                "If this is meant, run again with --allow-shrink")
