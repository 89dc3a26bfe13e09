"""Shared fixtures: the bundled report read once per test session, in both renditions."""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REPORT_PDF = ROOT / "corpus" / "reports" / "mali-status-quo-2018.pdf"
REPORT_MD = ROOT / "tests" / "fixtures" / "mali-status-quo-2018.md"
SHARED = ROOT.parent / "shared"
REAL_PDFS = SHARED / "fixtures" / "real-pdfs"
# a small markdown document (two paragraphs, one footnote) for flow tests that need a second document
BRIEF = """# A brief on Kidal

The MNLA took Kidal in 2012, and Iyad ag Ghali soon followed with Ansar Dine.<sup>1</sup>

In 2013 the MNLA returned to Kidal while Iyad ag Ghali withdrew to the mountains of the Adrar.

---

<sup>1</sup> Interview with a Malian journalist, Bamako, 20 January 2018.
"""

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")  # a loaded machine starts it slowly
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")  # no INFO lines after pytest closes its streams


@lru_cache(maxsize=4)
def segmenter(lang: str):
    from extractors.ingest.nlp import ModelSettings, load_segmenter

    return load_segmenter(ModelSettings().name_for(lang))


@pytest.fixture(scope="session")
def report_pdf():
    from extractors.ingest.documents import ingest

    return ingest(REPORT_PDF, "mali-status-quo-2018", "mali-status-quo-2018.pdf", segmenter)


@pytest.fixture(scope="session")
def report_md():
    from extractors.ingest.documents import ingest

    return ingest(REPORT_MD, "mali-status-quo-2018", "mali-status-quo-2018.md", segmenter)
