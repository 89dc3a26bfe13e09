"""Reading documents: corpus discovery and `add`, PDF and markdown/text readers, the layout they
share, sentence splitting, web text, the spaCy models, the per-sentence analyses (tokens and NER
names) and the per-document cache. Stage 1: everything later reads the `Document`s made here."""
