"""Recognition and linking: the gazetteer (knowledge base), abbreviations the corpus defines,
the linker (`recognize`), the review queue (`candidates`: which unknown names are worth a review,
with types, evidence, graded suggestions and clusters), reviewer decisions (`review`), the WRatio
prefilter (`fuzzy`) and the gazetteer as a spaCy component."""
