"""Footnotes into citations: note splitting and fields (`parse`), URLs in notes (`urls`), and the
citation tables and chart (`tables`). Reads `Document`s; knows nothing of entities or networks."""
