"""Stages of the flow that combine several extractors and write their tables."""
from __future__ import annotations

from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path

import extractors.network.graph as net
import extractors.network.timeline as timeline
import extractors.outputs.tables as tables
from extractors.ingest.dates import SentenceDate, date_sentences, document_date, pdf_metadata_date
from extractors.entities.gazetteer import load_gazetteer_dir
from extractors.model import Document
from extractors.network.html import page_graph, write_html
from extractors.network.plot import plot_network
from extractors.entities.candidates import Queue, review_queue, without_rule_rejections
from extractors.entities.recognize import Recognition, recognize_corpus
from extractors.entities.review import load_review, load_rules
from extractors.outputs.review_page import write_page

from flows.preflight import REVIEW_FILE  # noqa: E402,F401 - one home: flows.preflight


@dataclass
class RecognitionOutput:
    recognition: Recognition
    queue: Queue = Queue((), ())  # the candidates worth a review, and the names left out


def recognition_stage(documents: list[Document], gazetteer_dir: Path, nlp_for, citations=(),
                      gazetteer=None) -> RecognitionOutput:
    """Mentions and entities of the corpus, and the review queue (`citations`: the footnotes'
    cited works, whose authors, outlets and publishers are no actor candidates). `gazetteer`:
    `gazetteer_dir` already loaded (`load_gazetteer_dir`), else it is loaded here."""
    if gazetteer is None:
        gazetteer = load_gazetteer_dir(Path(gazetteer_dir))
    store = Path(gazetteer_dir) / REVIEW_FILE
    review = load_review(store, gazetteer)
    sentences = {d.doc_id: d.sentences for d in documents}
    languages = {d.doc_id: d.language for d in documents}
    analyses = {d.doc_id: d.analyses for d in documents if d.analyses}
    result = recognize_corpus(sentences, languages, nlp_for, gazetteer, review, analyses_by_doc=analyses)
    queue = review_queue(result, documents, citations, gazetteer, review, load_rules(store))
    return RecognitionOutput(without_rule_rejections(result, queue), queue)


@dataclass
class NetworkOutput:
    entities: int  # entities in the body text: the network's nodes
    edges: list  # Edge, both windows
    names: dict  # entity id -> name


GRAPH_FILES = tables.GRAPH_FILES
NETWORKS_DIR = tables.NETWORKS_DIR


# ---------------------------------------------------------------- dates

@dataclass
class DatingOutput:
    dates: list  # SentenceDate, one per sentence of the documents, in order
    documents: dict  # doc_id -> (date, where it was found)

    def of(self) -> dict:
        """(doc_id, sentence_id) -> SentenceDate"""
        return {(d.doc_id, d.sentence_id): d for d in self.dates}


def pdf_creation_date(path: Path) -> str:
    """A PDF's CreationDate as an ISO date, or "" (unreadable, absent)."""
    try:
        import pdfplumber

        with pdfplumber.open(path) as pdf:
            return pdf_metadata_date(str((pdf.metadata or {}).get("CreationDate", "")))
    except Exception:
        return ""


def dating_stage(documents: list[Document], *, cited_dates: dict | None = None, reports: Path | None = None
                 ) -> DatingOutput:
    """The date of each document (a fetched source: the date its citation gives; else its title
    page; else a PDF's creation date) and of each of its sentences."""
    cited_dates = cited_dates or {}
    dates: list[SentenceDate] = []
    docs = {}
    memo: dict = {}  # sentences met again in another document are searched once
    for d in documents:
        metadata = ""
        if d.format == "pdf" and reports is not None and d.doc_id not in cited_dates:
            if not document_date(d.sentences)[0] and (reports / d.path).is_file():
                metadata = pdf_creation_date(reports / d.path)
        date, source = document_date(d.sentences, cited=cited_dates.get(d.doc_id, ""), metadata=metadata)
        docs[d.doc_id] = (date, source)
        dates.extend(date_sentences(d.sentences, date, language=d.language or "en", memo=memo))
    return DatingOutput(dates, docs)


def graph_key(tables_text: list[str], sentences, edges, include_footnotes: bool) -> str:
    """Digest of everything the graph files are drawn from, and of the code that draws them."""
    import hashlib

    import extractors.network.html as html_mod
    import extractors.network.plot as plot_mod

    h = hashlib.sha256()
    for text in tables_text:
        h.update(text.encode("utf-8"))
    evidence = {sid for e in edges for sid in e.evidence}
    for s in sentences:
        if s.sentence_id in evidence:
            h.update(f"{s.sentence_id}\t{s.doc_id}\t{s.page}\t{s.text}\n".encode("utf-8"))
    h.update(str(include_footnotes).encode())
    for module in (net, html_mod, plot_mod, timeline):
        h.update(Path(module.__file__).read_bytes())
    h.update((Path(html_mod.__file__).parent / "templates" / "network.html").read_bytes())
    return h.hexdigest()


def reuse_graph_files(previous: Path | None, folder: Path, key: str) -> bool:
    """Copy the previous run's graph files when they were drawn from exactly the same inputs
    (an unchanged re-run need not lay out and draw the network again)."""
    import shutil

    if previous is None or not (previous / tables.GRAPH_KEY).exists():
        return False
    if (previous / tables.GRAPH_KEY).read_text(encoding="utf-8").strip() != key:
        return False
    if not all((previous / name).exists() for name in GRAPH_FILES) or not (previous / NETWORKS_DIR).is_dir():
        return False
    for name in GRAPH_FILES:
        shutil.copyfile(previous / name, folder / name)
    shutil.copytree(previous / NETWORKS_DIR, folder / NETWORKS_DIR)
    return True


def write_document_networks(folder: Path, sentences, mentions, names, types, include_footnotes: bool,
                            coordinates=None) -> None:
    """networks/<doc_id>.edges.csv, .gexf and .graphml: each document's own network (the GEXF with
    colours and sizes but no positions: a layout per document was most of the cost)."""
    out = folder / NETWORKS_DIR
    out.mkdir(exist_ok=True)
    for n in net.document_networks(sentences, mentions, names=names, types=types, include_footnotes=include_footnotes,
                                   coordinates=coordinates):
        tables.write_csv(out / f"{n.doc_id}.edges.csv", tables.EDGE_COLUMNS, (tables.edge_row(e, names) for e in n.edges))
        net.write_gexf(n.graph, out / f"{n.doc_id}.gexf", positions=False)  # no layout: Gephi lays it out
        net.write_graphml(n.graph, out / f"{n.doc_id}.graphml")


def elsewhere(pool, fn, *args, **options):
    """`fn(*args, **options)` started in a worker of a running `flows.runtime.pool.DocumentPool`: its
    future, or None (no pool, or none running: the caller runs it here)."""
    if pool is None or not pool.started:
        return None
    try:
        return pool.submit(fn, *args, **options)
    except (BrokenProcessPool, RuntimeError):
        return None


def finish(future, fn, *args, **options):
    """Wait for work started `elsewhere` (its result); run it here if it was not started or its
    worker died."""
    if future is not None:
        try:
            return future.result()
        except BrokenProcessPool:
            pass
    return fn(*args, **options)


def network_stage(folder: Path, documents: list[Document], rec: RecognitionOutput, *, include_footnotes: bool = False,
                  previous: Path | None = None, pool=None, dating: DatingOutput | None = None) -> NetworkOutput:
    """entities, mentions, edges, candidates and timeline tables, the graph files and the
    per-document networks. `pool`: a started `flows.runtime.pool.DocumentPool` lays the network
    out and draws network.png and timeline.png in its worker processes meanwhile. `dating`: the dates
    of the sentences (years of mentions, entities and edges; spells in the GEXF, per-year weights
    in the GraphML, the slider in network.html, timeline.csv and timeline.png)."""
    recognition = rec.recognition
    sentences = [s for d in documents for s in d.sentences]
    mentions = list(recognition.mentions)
    names = {e.entity_id: e.name for e in recognition.entities}
    types = {e.entity_id: e.type for e in recognition.entities}
    statuses = {e.entity_id: e.status for e in recognition.entities}
    edges = net.build_edges(sentences, mentions, include_footnotes=include_footnotes)
    coordinates = {e.entity_id: (e.lat, e.lon) for e in recognition.entities if e.lat is not None}
    info = net.entities_from_mentions(mentions, names=names, types=types, statuses=statuses,
                                      include_footnotes=include_footnotes, coordinates=coordinates)
    # one meaning per column in every file: `mentions` and `documents` count all of an entity's
    # rows in mentions.csv (every zone), as entities.csv does; the network is drawn from the
    # counted zones only (body text, and footnotes with --include-footnotes)
    totals = {e.entity_id: e for e in recognition.entities}
    info = {k: replace(v, mentions=totals[k].mentions, documents=len(totals[k].documents)) if k in totals else v
            for k, v in info.items()}
    metrics = net.node_metrics(info, edges, "sentence")
    every = net.complete_metrics(metrics, totals)  # no empty metric cell in entities.csv
    dates = dating.dates if dating is not None else []
    date_of = dating.of() if dating is not None else {}
    times = timeline.edge_times(sentences, mentions, dates, include_footnotes=include_footnotes)
    node_years = timeline.entity_years(mentions, dates, include_footnotes=include_footnotes)
    texts = {
        tables.ENTITIES: tables.ENTITIES.text(tables.entity_row(e, every[e.entity_id], node_years.get(e.entity_id))
                                              for e in recognition.entities),
        tables.MENTIONS: tables.MENTIONS.text(tables.mention_row(m, date_of.get((m.doc_id, m.sentence_id)))
                                              for m in mentions),
        tables.EDGES: tables.EDGES.text(tables.edge_row(e, names, times.get((e.source, e.target, e.window)))
                                        for e in edges),
        tables.TIMELINE: tables.TIMELINE.text(timeline.timeline_rows(sentences, mentions, dates, names, types,
                                                                     include_footnotes=include_footnotes)),
        tables.CANDIDATES: tables.CANDIDATES.text(tables.candidate_row(c) for c in rec.queue.candidates),
    }
    for table, text in texts.items():
        tables.write_text(folder / table.name, text)
    write_page(folder / tables.REVIEW_PAGE, rec.queue.candidates, recognition.entities)
    key = graph_key([texts[tables.ENTITIES], texts[tables.MENTIONS], texts[tables.EDGES]], sentences, edges,
                    include_footnotes)
    if not reuse_graph_files(previous, folder, key):
        graph = net.build_graph(info, edges, "sentence", metrics=metrics)
        png, title = folder / "network.png", "Co-mentions (sentence window, body text)"
        # with worker processes (`--workers N`), they draw network.png and timeline.png and lay
        # the network out (the GEXFs' positions, and network.html's from the union of both
        # windows) while this one writes the files that need no positions; without, all of it
        # happens here. (The per-document networks are written here: sending every sentence and
        # mention to a worker cost more than writing them, 3.5 s against 2.2 s for the stage on
        # the bench corpus; the graphs and the positions are small.) The drawing, the longest,
        # goes first; then the layouts, in the order this process needs them.
        drawing = elsewhere(pool, plot_network, graph, png, title=title)
        laying = elsewhere(pool, net.layout, graph)
        page = page_graph(info, edges)  # network.html's positions: their own layout
        laying_page = elsewhere(pool, net.layout, page)
        labels = {e.entity_id: net.display_label(e.name, e.surface_forms) for e in recognition.entities}
        dated = timeline.entity_years(mentions, dates, bases=("text", "context"), share=True,
                                      include_footnotes=include_footnotes)
        chart = (dated, names, types, folder / tables.TIMELINE_CHART)
        charting = elsewhere(pool, timeline.plot_timeline, *chart, labels=labels)
        net.write_graphml(timeline.graph_with_years(graph, node_years, times), folder / "network.graphml")
        # the paragraph-window graph too, with its own metrics, at the same positions
        paragraph_metrics = net.node_metrics(info, edges, "paragraph")
        paragraphs = net.build_graph(info, edges, "paragraph", metrics=paragraph_metrics)
        net.write_graphml(timeline.graph_with_years(paragraphs, node_years, times, window="paragraph"),
                          folder / tables.PARAGRAPH_GRAPHML)
        write_document_networks(folder, sentences, mentions, names, types, include_footnotes, coordinates)
        positions = finish(laying, net.layout, graph)
        net.write_gexf(timeline.dynamic_graph(graph, node_years, times), folder / "network.gexf", positions=positions)
        net.write_gexf(timeline.dynamic_graph(paragraphs, node_years, times, window="paragraph"),
                       folder / tables.PARAGRAPH_GEXF, positions=positions)
        write_html(folder / "network.html", info, edges, sentences, mentions, title="reportgraph co-mention network",
                   dates=dates, include_footnotes=include_footnotes, times=times, node_years=node_years,
                   metrics={"sentence": metrics, "paragraph": paragraph_metrics},
                   positions=finish(laying_page, net.layout, page))
        finish(charting, timeline.plot_timeline, *chart, labels=labels)
        finish(drawing, plot_network, graph, png, title=title)
    tables.write_text(folder / tables.GRAPH_KEY, key + "\n")
    return NetworkOutput(len(info), edges, names)


# ---------------------------------------------------------------- citations

@dataclass
class CitationOutput:
    parses: dict  # doc_id -> {n: FootnoteParse}
    citations: list  # Citation
    all_parses: list  # FootnoteParse, in document order


def citation_stage(documents: list[Document]) -> CitationOutput:
    from extractors.citations.parse import author_date, parse_footnotes

    parses: dict = {}
    citations: list = []
    all_parses = []
    for d in documents:
        if d.footnotes:
            fps, cits = parse_footnotes(d.doc_id, d.footnotes)
            parses[d.doc_id] = {p.n: p for p in fps}
            citations.extend(cits)
            all_parses.extend(fps)
        citations.extend(author_date(d.doc_id, d.sentences))  # a reference list and its in-text citations
    return CitationOutput(parses, citations, all_parses)


def write_citation_tables(folder: Path, documents: list[Document], cites: CitationOutput, mentions, sources,
                          chart: bool = True) -> None:
    """The citation tables, and citations.png unless `chart` is False (the caller draws it)."""
    import extractors.citations.tables as ct

    tables.CITATIONS.write(folder, (tables.citation_row(c) for c in cites.citations))
    tables.INTERVIEWS.write(folder, ct.interview_rows(cites.citations))
    tables.ENTITY_CITATIONS.write(folder, ct.entity_citation_rows(documents, cites.citations, mentions))
    tables.SOURCES.write(folder, sources)
    if chart and cites.citations:
        ct.plot_citations(cites.citations, folder / tables.CITATIONS_CHART)
