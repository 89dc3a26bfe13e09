"""`--pdf-engine`: where a run's PDF characters come from (pdfium or pdfplumber), from the command
line, the environment or a config file, checked before anything starts; the engine is part of
each document's cache key (a run with the other engine never reuses what this one read), and it
reaches every reader: this process, the worker pool's processes, fetched PDF sources."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from extractors.ingest.pdf import PdfSettings
from extractors.ingest.pdf.engines import ENGINES
from flows.errors import CONFIG, USAGE, ConfigError, UsageError
from flows.fetching import SourceSettings

from . import pdfgen
from .conftest import BRIEF

ROOT = Path(__file__).resolve().parents[1]
OTHER = next(e for e in ENGINES if e != PdfSettings().engine)  # the engine that is not the default
DRIVER = ("import atexit, sys\n"
          "atexit.register(lambda: sys.stderr.write('[prefect imported]\\n' if 'prefect' in sys.modules else ''))\n"
          "from flows.cli import app\n"
          "app(prog_name='reportgraph')\n")


@pytest.fixture()
def project(tmp_path) -> Path:
    reports = tmp_path / "project" / "corpus" / "reports"
    reports.mkdir(parents=True)
    (reports / "brief.md").write_text(BRIEF, encoding="utf-8")
    (tmp_path / "project" / "gazetteers").mkdir()
    return tmp_path / "project"


def cli(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items()
               if k not in ("PREFECT_API_URL", "PREFECT_PROFILE", "REPORTGRAPH_CONFIG", "REPORTGRAPH_PDF_ENGINE")}
    environ.update(PYTHONPATH=str(ROOT), **env)
    return subprocess.run([sys.executable, "-c", DRIVER, *args], cwd=cwd, env=environ, capture_output=True,
                          text=True, timeout=300)


# ---------------------------------------------------------------- options

def test_the_default_is_the_readers_and_the_command_line_beats_the_config_file(project, tmp_path):
    from flows.config import resolve_run
    from flows.pipeline import RunSettings

    options, _ = resolve_run({"corpus": project / "corpus"}, cwd=tmp_path)
    assert options.pdf_engine == PdfSettings().engine
    assert RunSettings.from_options(options).pdf_settings() == PdfSettings()
    (project / "reportgraph.toml").write_text(f'pdf_engine = "{OTHER}"\n', encoding="utf-8")
    options, _ = resolve_run({"corpus": project / "corpus"}, cwd=tmp_path)
    assert options.pdf_engine == OTHER
    assert RunSettings.from_options(options).pdf_settings() == PdfSettings(engine=OTHER)
    for engine in ENGINES:
        assert resolve_run({"corpus": project / "corpus", "pdf_engine": engine}, cwd=tmp_path)[0].pdf_engine == engine
    (project / "reportgraph.toml").unlink()
    (project / "pyproject.toml").write_text(f'[tool.reportgraph]\npdf-engine = "{OTHER}"\n', encoding="utf-8")
    assert resolve_run({"corpus": project / "corpus"}, cwd=tmp_path)[0].pdf_engine == OTHER


def test_an_unknown_engine_is_one_line_naming_the_engines(project, tmp_path):
    from flows.config import resolve_run

    with pytest.raises(UsageError) as given:
        resolve_run({"corpus": project / "corpus", "pdf_engine": "mupdf"}, cwd=tmp_path)
    assert str(given.value) == f"--pdf-engine must be one of {', '.join(ENGINES)} (got 'mupdf')"
    (project / "reportgraph.toml").write_text('pdf_engine = "mupdf"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as filed:
        resolve_run({"corpus": project / "corpus"}, cwd=tmp_path)
    assert str(filed.value) == (f"{project / 'reportgraph.toml'}: pdf_engine must be one of "
                                f"{', '.join(ENGINES)} (got 'mupdf')")
    (project / "reportgraph.toml").write_text("pdf_engine = 1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="pdf_engine must be a string"):
        resolve_run({"corpus": project / "corpus"}, cwd=tmp_path)


def test_run_and_serve_parse_the_option_and_its_environment_variable(monkeypatch):
    import typer.main

    from flows.cli import app

    commands = typer.main.get_command(app).commands
    monkeypatch.delenv("REPORTGRAPH_PDF_ENGINE", raising=False)
    for name in ("run", "serve"):
        assert commands[name].make_context(name, ["--pdf-engine", OTHER]).params["pdf_engine"] == OTHER
        assert commands[name].make_context(name, []).params["pdf_engine"] is None  # the file's, else the default
    monkeypatch.setenv("REPORTGRAPH_PDF_ENGINE", OTHER)
    assert commands["run"].make_context("run", []).params["pdf_engine"] == OTHER


def test_the_command_line_refuses_an_unknown_engine_before_prefect_starts(project, tmp_path):
    allowed = ", ".join(ENGINES)
    for args, env in ((["--pdf-engine", "mupdf"], {}), ([], {"REPORTGRAPH_PDF_ENGINE": "mupdf"})):
        proc = cli("run", "--corpus", str(project / "corpus"), "--out", str(tmp_path / "out"), *args, cwd=tmp_path,
                   **env)
        lines = proc.stderr.splitlines()
        assert proc.returncode == USAGE and len(lines) == 1, proc.stderr  # no "[prefect imported]" either
        assert "--pdf-engine must be one of" in lines[0] and allowed in lines[0] and "'mupdf'" in lines[0]
    (project / "reportgraph.toml").write_text('pdf_engine = "mupdf"\n', encoding="utf-8")
    proc = cli("serve", "--interval", "60", "--corpus", str(project / "corpus"), cwd=tmp_path)
    lines = proc.stderr.splitlines()
    assert proc.returncode == CONFIG and len(lines) == 1 and f"pdf_engine must be one of {allowed}" in lines[0]
    assert not (tmp_path / "out").exists() and not (project / "outputs").exists()


# ---------------------------------------------------------------- cache key and readers

def test_the_cache_key_holds_the_engine(tmp_path):
    from flows.pipeline import RunSettings, ingest_key

    path = tmp_path / "a.pdf"
    path.write_bytes(b"%PDF-1.4 not really\n")
    keys = {e: ingest_key(path, "a", "a.pdf", RunSettings(pdf_engine=e))[1] for e in ENGINES}
    assert len(set(keys.values())) == len(ENGINES)
    assert ingest_key(path, "a", "a.pdf", RunSettings())[1] == keys[PdfSettings().engine]


def test_pool_workers_read_with_the_runs_engine(tmp_path):
    from flows.runtime.pool import DocumentPool

    from .pool_helpers import engine_reader

    (tmp_path / "a.md").write_text("a\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("b\n", encoding="utf-8")
    with DocumentPool(2, reader=engine_reader, load_models=False, pdf_settings=PdfSettings(engine=OTHER)) as pool:
        docs = [pool.read(tmp_path / n, n[0], n, "key") for n in ("a.md", "b.md")]
    assert [d.title for d in docs] == [OTHER, OTHER]


def tiny_pdf(path: Path) -> Path:
    runs, y = pdfgen.flow("Armed groups in Kidal", 50, 80, 320, face="bold", size=16)
    body, _ = pdfgen.flow("The MNLA took Kidal in 2012, and Iyad ag Ghali soon followed with Ansar Dine. "
                          "In 2013 the MNLA returned to Kidal while Iyad ag Ghali withdrew to the Adrar.",
                          50, y + 20, 320)
    return pdfgen.write_pages(path, [runs + body])


def test_a_small_run_with_each_engine_reads_the_pdf_and_never_reuses_the_other_engines_reading(tmp_path):
    import extractors.ingest.cache as cache_mod
    from flows.pipeline import RunSettings, ingest_key, run_pipeline

    reports = tmp_path / "corpus" / "reports"
    reports.mkdir(parents=True)
    pdf = tiny_pdf(reports / "tiny.pdf")
    base = RunSettings(corpus=tmp_path / "corpus", out=tmp_path / "out", gazetteer=ROOT / "gazetteers",
                       sources=SourceSettings(enabled=False, cache_dir=tmp_path / "corpus" / "sources"))
    for engine in (PdfSettings().engine, OTHER):
        result = run_pipeline(replace(base, pdf_engine=engine))
        assert result.ingested == ["tiny"] and result.cached == [], engine  # never the other engine's reading
        (doc,) = result.documents
        assert doc.status == "ok", (engine, doc.error)
        assert "Iyad ag Ghali withdrew to the Adrar" in " ".join(s.text for s in doc.sentences), engine
    for engine in ENGINES:  # each engine's reading cached under its own key, for its next run
        key = ingest_key(pdf, "tiny", "tiny.pdf", replace(base, pdf_engine=engine))[1]
        assert cache_mod.load(base.document_cache(), key) is not None, engine
