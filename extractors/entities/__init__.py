"""Recognition and linking: the gazetteer (knowledge base), abbreviations the corpus defines,
fuzzy candidate generation, the linker (`recognize`), reviewer decisions (`review`) and the
gazetteer as a spaCy component."""
