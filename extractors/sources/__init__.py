"""Fetching the sources that footnotes cite: the safe fetcher (`fetch`: address policy, pinned
transport, robots.txt, retries, the body store, the archive fallback) and turning a fetched body
into a `Document` (`documents`)."""
