"""Co-mention networks: edges, weights and node metrics, graph exports (`graph`), the static
picture (`plot`) and the offline HTML page (`html`)."""
