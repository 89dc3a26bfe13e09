"""The house shows the pipeline (issue 12): stage subpackages, no import circles, no stage that
reaches forward into a later one, and a document cache key that covers all the code making a
cached document (regression: the key once left out the module producing the NER analyses)."""
from __future__ import annotations

import shutil
from pathlib import Path

from extractors.ingest import cache

ROOT = Path(__file__).resolve().parents[1]
# the order data flows through extractors/: a module may import its own stage or earlier ones
STAGES = ("ingest", "citations", "sources", "entities", "network", "outputs")
SHARED = ("extractors.model", "extractors.text", "extractors.storage")


def project_modules(package: str) -> list[str]:
    base = ROOT / package
    return sorted(
        ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for p in base.rglob("*.py")
    )


def import_graph() -> dict[str, set[str]]:
    graph = {}
    for package in ("extractors", "flows"):
        for m in project_modules(package):
            found = cache.imported_modules(ROOT, m) | {
                n for n in _flows_imports(m) if cache.module_file(ROOT, n) is not None}
            graph[m] = {n for n in found if n != m}
    return graph


def _flows_imports(module: str) -> set[str]:
    import ast

    path = cache.module_file(ROOT, module)
    out = set()
    for node in ast.walk(ast.parse(path.read_bytes())):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module and node.module.startswith("flows"):
            out |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("flows")}
    return out


def test_no_import_circles():
    graph = import_graph()
    state: dict[str, int] = {}
    circles = []

    def visit(m, path):
        state[m] = 1
        for n in sorted(graph.get(m, ())):
            if state.get(n) == 1:
                circles.append(path[path.index(n):] + [n] if n in path else [m, n])
            elif n not in state:
                visit(n, path + [n])
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [m])
    assert circles == []


def stage_of(module: str) -> int | None:
    parts = module.split(".")
    if parts[0] == "extractors" and len(parts) > 2 and parts[1] in STAGES:
        return STAGES.index(parts[1])
    return None


def test_no_stage_imports_a_later_stage():
    graph = import_graph()
    forward = [(m, n) for m, deps in graph.items() for n in deps
               if stage_of(m) is not None and stage_of(n) is not None and stage_of(n) > stage_of(m)]
    assert forward == []


def test_extractors_top_holds_only_shared_primitives():
    """At the top of extractors/: the stage subpackages and a few shared modules, nothing else."""
    top = {m for m in project_modules("extractors") if m.count(".") == 1}
    assert top == set(SHARED) | {f"extractors.{s}" for s in STAGES}
    assert all(stage_of(m) is not None for m in project_modules("extractors") if m.count(".") == 2)


def test_extractors_never_import_flows_or_prefect():
    for m in project_modules("extractors"):
        text = cache.module_file(ROOT, m).read_text()
        assert "import prefect" not in text and "from prefect" not in text, m
        assert "from flows" not in text and "import flows" not in text, m


def test_cache_key_covers_the_analysis_code_regression_stale_ner_analyses():
    """Regression: the cache key was built from a hand-kept module list that left out the module
    making the NER analyses, so editing it kept serving stale analyses until `--full`."""
    modules = cache.producing_modules()
    assert "extractors.ingest.analysis" in modules  # `analyse` and NER_TYPES
    assert {"extractors.ingest.pdf", "extractors.ingest.markdown", "extractors.ingest.sentences",
            "extractors.model", "extractors.text"} <= set(modules)


def test_cache_key_changes_when_any_producing_module_changes(tmp_path):
    """Edit one function of the analysis path in a copy of the code: the key must change; edit a
    module outside it (the linker): the key must not."""
    copy = tmp_path / "code"
    shutil.copytree(ROOT / "extractors", copy / "extractors", ignore=shutil.ignore_patterns("__pycache__"))
    before = cache.code_version(copy)
    linker = copy / "extractors" / "entities" / "recognize.py"
    linker.write_text(linker.read_text() + "\n# a linking change: not cached\n")
    assert cache._code_version.__wrapped__(copy) == before
    analysis = copy / "extractors" / "ingest" / "analysis.py"
    analysis.write_text(analysis.read_text().replace('"GPE": "PLACE"', '"GPE": "PLACE", "NORP": "ETHNIC_GROUP"'))
    assert cache._code_version.__wrapped__(copy) != before
