"""`reportgraph add`: copy checked documents into the corpus, safely and without duplicates.

Each source is read once (no symlinks, regular files only), checked (a PDF that pdfplumber opens
with at least one page, or UTF-8/Latin-1 text without NUL bytes), hashed, and written under a
slugged name next to the other reports: temp file in the destination folder, then an atomic
no-clobber link (or os.replace), so an existing file is never overwritten.
"""
from __future__ import annotations

import hashlib
import io
import os
import secrets
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from extractors.ingest.documents import FORMATS_BY_SUFFIX, discover, sha256_file
from extractors.text import slug

MAX_SUFFIX = 1000


class Refused(Exception):
    """A document that cannot be added; the message says why."""


@dataclass(frozen=True)
class AddResult:
    source: str
    status: str  # added | duplicate | refused
    dest: str = ""  # path relative to the corpus, or ""
    reason: str = ""


# ---------------------------------------------------------------- checks (pure)


def safe_name(source: Path) -> str:
    """Slugged base name with its (lower-cased) extension; never a path, never hidden."""
    name = Path(source).name
    suffix = Path(name).suffix.lower()
    return slug(Path(name).stem) + suffix


def check_pdf(data: bytes) -> None:
    import pdfplumber

    from extractors.ingest.pdf import describe_open_error

    if b"%PDF-" not in data[:1024]:
        raise Refused("not a PDF (no %PDF- header)")
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = len(pdf.pages)
    except Exception as exc:  # pdfminer raises many kinds; each becomes one clear line
        raise Refused(describe_open_error(exc)) from exc
    if pages < 1:
        raise Refused("PDF has no pages")


def check_text(data: bytes) -> None:
    from extractors.ingest.markdown import decode_text

    try:
        text = decode_text(data, "")
    except ValueError:
        raise Refused("contains NUL bytes (binary file, not text)") from None
    if not text.strip():
        raise Refused("no text (only white space)")


def check_name(name: str) -> str:
    """The format a file name says (pdf, markdown, text); Refused for other kinds."""
    fmt = FORMATS_BY_SUFFIX.get(Path(name).suffix.lower())
    if fmt is None:
        supported = ", ".join(sorted(FORMATS_BY_SUFFIX))
        raise Refused(f"unsupported file type {Path(name).suffix or '(no extension)'!r}; supported: {supported}")
    return fmt


def check_document(name: str, data: bytes) -> None:
    """Raise Refused unless `data` is a readable document of the kind its name says."""
    fmt = check_name(name)
    if not data:
        raise Refused("empty file (0 bytes)")
    if fmt == "pdf":
        check_pdf(data)
    else:
        check_text(data)


# ---------------------------------------------------------------- file system


def read_source(path: Path) -> bytes:
    """The bytes of a regular file that is not a symlink (checked on the open descriptor)."""
    if path.is_symlink():
        raise Refused("is a symbolic link; pass the file it points to")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        raise Refused("file not found") from None
    except OSError as exc:
        raise Refused(f"cannot open: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise Refused("not a regular file")
        try:
            return fh.read()
        except OSError as exc:
            raise Refused(f"cannot read: {exc.strerror or exc}") from None


def inside(path: Path, root: Path) -> bool:
    """True when `path`, symlinks resolved, lies in `root` (resolved)."""
    return path.resolve().is_relative_to(root.resolve())


def target_dir(corpus: Path) -> Path:
    """corpus/reports/, unless the corpus keeps its documents at the top and has no reports/."""
    reports = corpus / "reports"
    if os.path.lexists(reports) or not discover(corpus):
        return reports
    return corpus


def check_target(folder: Path, corpus: Path) -> None:
    if folder.is_symlink() and not inside(folder, corpus):
        raise Refused(f"{folder} is a symbolic link pointing outside the corpus")
    if os.path.lexists(folder) and not folder.is_dir():
        raise Refused(f"{folder} exists and is not a folder")


def corpus_hashes(corpus: Path) -> dict[str, str]:
    """sha256 -> path (relative to the corpus) of every document already in it."""
    root = corpus.resolve()
    out: dict[str, str] = {}
    for p in discover(corpus):
        if p.is_file() and inside(p, root):
            try:
                out.setdefault(sha256_file(p), p.relative_to(corpus).as_posix())
            except OSError:
                continue
    return out


def candidate_names(name: str):
    stem, suffix = name[: -len(Path(name).suffix) or None], Path(name).suffix
    yield name
    for n in range(2, MAX_SUFFIX + 1):
        yield f"{stem}-{n}{suffix}"


def write_new(folder: Path, name: str, data: bytes, corpus: Path) -> Path:
    """Write `data` under `name` (or name-2, name-3, ...) in `folder`; never overwrite."""
    folder.mkdir(parents=True, exist_ok=True)
    check_target(folder, corpus)
    tmp = folder / f".{name}.{secrets.token_hex(4)}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        for candidate in candidate_names(name):
            dest = folder / candidate
            if dest.is_symlink() and not inside(dest, corpus):
                raise Refused(f"destination {candidate} is a symbolic link pointing outside the corpus")
            if os.path.lexists(dest):
                continue
            if publish(tmp, dest):
                return dest
        raise Refused(f"too many files named like {name}")
    finally:
        if os.path.lexists(tmp):
            tmp.unlink()


def publish(tmp: Path, dest: Path) -> bool:
    """Atomically make `tmp` appear as `dest`; False when `dest` appeared meanwhile."""
    try:
        os.link(tmp, dest, follow_symlinks=False)  # fails if dest exists: no clobbering
        return True
    except FileExistsError:
        return False
    except OSError:  # file system without hard links
        if os.path.lexists(dest):
            return False
        os.replace(tmp, dest)
        return True


# ---------------------------------------------------------------- the command


def add_one(source: Path, corpus: Path, folder: Path, known: dict[str, str]) -> AddResult:
    label = str(source)
    try:
        name = safe_name(source)
        check_name(name)
        data = read_source(source)
        check_document(name, data)
        digest = hashlib.sha256(data).hexdigest()
        if digest in known:
            return AddResult(label, "duplicate", known[digest], f"same content as {known[digest]}")
        check_target(folder, corpus)
        dest = write_new(folder, name, data, corpus)
    except Refused as exc:
        return AddResult(label, "refused", "", str(exc))
    except OSError as exc:
        return AddResult(label, "refused", "", f"cannot write into the corpus: {exc.strerror or exc}")
    rel = dest.relative_to(corpus).as_posix()
    known[digest] = rel
    return AddResult(label, "added", rel, "")


def add_documents(paths: Sequence[Path], corpus: Path) -> list[AddResult]:
    """Add each file to the corpus: added, duplicate (of an existing file) or refused (why)."""
    corpus = Path(corpus)
    folder = target_dir(corpus)
    known = corpus_hashes(corpus)
    return [add_one(Path(p), corpus, folder, known) for p in paths]
