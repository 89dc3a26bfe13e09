"""Run options from the command line, a config file and the defaults, in that order of precedence.

The config file is `reportgraph.toml` (options at its top level, schedule under `[serve]`) or the
`[tool.reportgraph]` table of a `pyproject.toml` (schedule under `[tool.reportgraph.serve]`).
It is the file given with `--config` (or `REPORTGRAPH_CONFIG`); else the first found in the corpus
folder given with `--corpus` or its parent; else in the working directory or one of its parents.
Relative paths in the file are relative to the file's folder, the *project* folder.

Without a config file the project folder is the corpus folder's parent (the layout of this
repository: `corpus/`, `gazetteers/`, `outputs/` side by side), so that paths resolve the same from
any working directory. The gazetteer defaults to `<project>/gazetteers`, else the `gazetteers/`
of this checkout. Paths given on the command line are relative to the working directory, as
usual. Every value is checked here, before Prefect starts or a document is read.
"""
from __future__ import annotations

import os
import sys
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from flows.errors import ConfigError, UsageError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_FILE = "reportgraph.toml"
PYPROJECT = "pyproject.toml"
CONFIG_ENV = "REPORTGRAPH_CONFIG"
CODE_ROOT = Path(__file__).resolve().parents[1]  # the checkout holding flows/ and extractors/
DEFAULT_MAX_SHRINK = 0.5


def default_pdf_engine() -> str:
    """The PDF reader's default engine (`PdfSettings.engine`, its one definition); imported only
    when a RunOptions is made without an engine, so that reading the options stays light."""
    from extractors.ingest.pdf import PdfSettings

    return PdfSettings().engine


def pdf_engines() -> tuple[str, ...]:
    """The engines `--pdf-engine` accepts (`extractors.ingest.pdf.engines.ENGINES`)."""
    from extractors.ingest.pdf.engines import ENGINES

    return ENGINES


@dataclass(frozen=True)
class RunOptions:
    """Every option of `run` (and of the runs `serve` starts), resolved: absolute paths."""

    corpus: Path
    out: Path
    gazetteer: Path | None
    include_footnotes: bool = False
    sources: bool = True
    refresh_sources: bool = False
    model_en: str = ""
    model_fr: str = ""
    full: bool = False
    workers: int = 0  # 0: threads in this process
    dask_address: str = ""
    wait: bool = True
    allow_shrink: bool = False
    max_shrink: float = DEFAULT_MAX_SHRINK
    keep_runs: int = 0  # 0: keep every run folder
    pdf_engine: str = field(default_factory=default_pdf_engine)  # where PDF characters come from
    config: Path | None = None  # the config file read, if any


@dataclass(frozen=True)
class ServeOptions:
    cron: str | None = None
    interval: float | None = None
    timezone: str | None = None
    prefect_home: Path | None = None
    ui: bool = True
    limit_runs: int | None = None


def _file_types(cls) -> dict[str, type | tuple]:
    """What a config file may hold for each field of `cls`: a path or text is a string, a float
    may be written as an integer. (A new run option is one field of RunOptions, one typer option
    in flows/cli.py, and the file accepts it.)"""
    hints = typing.get_type_hints(cls)
    out: dict[str, type | tuple] = {}
    for f in fields(cls):
        if f.name == "config":
            continue
        args = [a for a in typing.get_args(hints[f.name]) if a is not type(None)] or [hints[f.name]]
        t = args[0]
        out[f.name] = str if t in (Path, str) else (int, float) if t is float else t
    return out


_PATHS = ("corpus", "out", "gazetteer")


@dataclass(frozen=True)
class ConfigFile:
    path: Path
    run: dict[str, Any]
    serve: dict[str, Any]

    @property
    def project(self) -> Path:
        return self.path.parent


def _type_name(t) -> str:
    names = {bool: "true or false", int: "an integer", str: "a string", (int, float): "a number"}
    return names.get(t, str(t))


def _check_table(path: Path, table: Mapping[str, Any], types: Mapping[str, Any], where: str) -> dict[str, Any]:
    out = {}
    for key, value in table.items():
        name = key.replace("-", "_")
        if name not in types:
            known = ", ".join(sorted(types))
            raise ConfigError(f"{path}: unknown key {where}{key!r} (known: {known})")
        t = types[name]
        ok = isinstance(value, t) and not (isinstance(value, bool) and t is not bool)
        if not ok:
            raise ConfigError(f"{path}: {where}{key} must be {_type_name(t)} (got {value!r})")
        out[name] = value
    return out


def read_config(path: Path) -> ConfigFile:
    """Read and type-check a reportgraph.toml or pyproject.toml ([tool.reportgraph])."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such config file") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: malformed TOML: {exc}") from None
    prefix = ""
    if path.name == PYPROJECT:
        data = data.get("tool", {}).get("reportgraph")
        if data is None:
            raise ConfigError(f"{path}: no [tool.reportgraph] table")
        prefix = "tool.reportgraph."
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: [tool.reportgraph] must be a table")
    serve = data.pop("serve", {})
    if not isinstance(serve, dict):
        raise ConfigError(f"{path}: {prefix}serve must be a table ([{prefix}serve])")
    run = _check_table(path, data, _file_types(RunOptions), prefix)
    serve = _check_table(path, serve, _file_types(ServeOptions), f"{prefix}serve.")
    return ConfigFile(path.resolve(), run, serve)


def _holds_config(folder: Path) -> Path | None:
    own = folder / CONFIG_FILE
    if own.is_file():
        return own
    py = folder / PYPROJECT
    if py.is_file():
        try:
            with py.open("rb") as fh:
                if "reportgraph" in tomllib.load(fh).get("tool", {}):
                    return py
        except (OSError, tomllib.TOMLDecodeError):
            return None  # someone else's broken pyproject.toml is not our config
    return None


def find_config(explicit: Path | None, corpus: Path | None, cwd: Path) -> Path | None:
    """The config file to read (see module doc), or None."""
    if explicit is not None:
        return explicit
    if os.environ.get(CONFIG_ENV):
        return Path(os.environ[CONFIG_ENV])
    if corpus is not None:
        corpus = (cwd / corpus).resolve()
        for folder in (corpus, corpus.parent):
            if (found := _holds_config(folder)) is not None:
                return found
        return None
    for folder in (cwd, *cwd.parents):
        if (found := _holds_config(folder)) is not None:
            return found
    return None


def _default_gazetteer(project: Path, corpus: Path) -> Path:
    """`<project>/gazetteers`, else `<corpus>/gazetteers`, else the `gazetteers/` of this checkout."""
    looked = list(dict.fromkeys((project / "gazetteers", corpus / "gazetteers", CODE_ROOT / "gazetteers")))
    for candidate in looked:
        if candidate.is_dir():
            return candidate
    raise ConfigError(f"no gazetteer folder (looked for {', '.join(map(str, looked))}); "
                      "give --gazetteer or set gazetteer in reportgraph.toml")


def _check_range(values: Mapping[str, Any], given: Mapping[str, Any], config: ConfigFile | None) -> None:
    checks = (("workers", lambda v: v >= 1, "at least 1"),
              ("keep_runs", lambda v: v >= 0, "0 (keep every run folder) or more"),
              ("max_shrink", lambda v: 0 <= v <= 1, "a share between 0 and 1"))
    if "pdf_engine" in values:  # the engines known only then: the PDF reader is not imported otherwise
        engines = pdf_engines()
        checks += (("pdf_engine", lambda v: v in engines, f"one of {', '.join(engines)}"),)
    for key, ok, what in checks:
        if key in values and not ok(values[key]):
            got = repr(values[key]) if isinstance(values[key], str) else values[key]
            if key in given or config is None:
                raise UsageError(f"--{key.replace('_', '-')} must be {what} (got {got})")
            raise ConfigError(f"{config.path}: {key} must be {what} (got {got})")


def resolve_run(cli: Mapping[str, Any], cwd: Path | None = None, *,
                need_gazetteer: bool = True) -> tuple[RunOptions, ConfigFile | None]:
    """RunOptions from the command line values (`None` = not given) over the config file over the
    defaults. `cli` may hold `config` (a path) and any RunOptions field. Without
    `need_gazetteer` (`add`), a missing gazetteer folder is no error (gazetteer None)."""
    cwd = Path(cwd or os.getcwd()).resolve()
    given = {k: v for k, v in cli.items() if v is not None and k != "config"}
    path = find_config(cli.get("config"), given.get("corpus"), cwd)
    config = read_config(cwd / path) if path is not None else None
    values: dict[str, Any] = {}
    if config is not None:
        for key, value in config.run.items():
            values[key] = (config.project / Path(value).expanduser()).resolve() if key in _PATHS else value
    for key, value in given.items():
        values[key] = (cwd / value).resolve() if key in _PATHS else value
    if "corpus" not in values:
        values["corpus"] = ((config.project if config else cwd) / "corpus").resolve()
    project = config.project if config else values["corpus"].parent
    values.setdefault("out", project / "outputs")
    _check_range(values, given, config)
    if "gazetteer" not in values:
        try:
            values["gazetteer"] = _default_gazetteer(project, values["corpus"])
        except ConfigError:
            if need_gazetteer:
                raise
            values["gazetteer"] = None
    known = {f.name for f in fields(RunOptions)}
    options = RunOptions(**{k: v for k, v in values.items() if k in known}, config=config.path if config else None)
    return options, config


def resolve_serve(cli: Mapping[str, Any], config: ConfigFile | None) -> ServeOptions:
    """The schedule and server options: the command line over the config file's [serve] table.
    A schedule on the command line (--cron or --interval) replaces the file's whole schedule."""
    values = dict(config.serve) if config else {}
    if config and "prefect_home" in values:
        values["prefect_home"] = (config.project / Path(values["prefect_home"]).expanduser()).resolve()
    given = {k: v for k, v in cli.items() if v is not None}
    if "cron" in given or "interval" in given:
        values.pop("cron", None)
        values.pop("interval", None)
    values.update(given)
    if values.get("limit_runs") is not None and values["limit_runs"] < 1:
        raise UsageError(f"--limit-runs must be at least 1 (got {values['limit_runs']})")
    return ServeOptions(**values)


def options_to_json(options: RunOptions) -> dict[str, Any]:
    """RunOptions as JSON values (paths as strings): the parameters of a served deployment."""
    return {f.name: (str(v) if isinstance(v, Path) else v)
            for f in fields(RunOptions) if (v := getattr(options, f.name)) is not None}


def options_from_json(data: Mapping[str, Any]) -> RunOptions:
    paths = set(_PATHS) | {"config"}
    return RunOptions(**{k: (Path(v) if k in paths and v is not None else v) for k, v in data.items()})
