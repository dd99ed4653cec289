"""Articles (sources), the paths they were read from, and the load-run audit."""
from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from loaders.records import DATE_BASES, DATE_PRECISIONS
from models.base import Base, created_column, id_column, one_of

RUN_STATUSES = ("running", "succeeded", "partial", "failed", "interrupted")


class LoadRun(Base):
    """One row per `parkdb load` invocation: when, with which extractor, and what it did."""

    __tablename__ = "load_runs"
    __table_args__ = (
        sa.CheckConstraint(one_of("status", RUN_STATUSES), name="status"),
        sa.CheckConstraint("finished_at IS NULL OR finished_at >= started_at", name="finished_after_start"),
        sa.CheckConstraint(
            "files_seen >= 0 AND files_stored >= 0 AND files_unchanged >= 0"
            " AND files_replaced >= 0 AND files_rejected >= 0 AND files_skipped >= 0",
            name="counts_not_negative",
        ),
        {"comment": "One row per `parkdb load` run: start, end, status and counts of files. "
                    "A re-run over the same files shows only files_unchanged (the proof of idempotence)."},
    )

    id: Mapped[int] = id_column("load run")
    started_at: Mapped[datetime] = mapped_column(
        sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now(), comment="When the run began.")
    finished_at: Mapped[datetime | None] = mapped_column(
        sa.DateTime(timezone=True), comment="When the run ended; NULL while running or if it crashed.")
    status: Mapped[str] = mapped_column(
        sa.Text, nullable=False, server_default="running",
        comment="running, succeeded (no file rejected), partial (some files rejected), failed (the run itself failed) "
                "or interrupted (stopped by Ctrl-C or SIGTERM, or its process died).")
    extractor_version: Mapped[str] = mapped_column(
        sa.Text, nullable=False, comment="Version of the extractor (loaders.extract.EXTRACTOR_VERSION) used by the run.")
    dictionary_hash: Mapped[str] = mapped_column(
        sa.Text, nullable=False, comment="sha256 of the jieba domain dictionary the extractor loaded.")
    paths: Mapped[list[str]] = mapped_column(
        ARRAY(sa.Text), nullable=False, server_default="{}", comment="The paths given to `parkdb load`.")
    files_seen: Mapped[int] = mapped_column(
        sa.Integer, nullable=False, server_default="0", comment="Article files (.txt/.html/.htm) found.")
    files_stored: Mapped[int] = mapped_column(
        sa.Integer, nullable=False, server_default="0", comment="Files stored as new sources.")
    files_unchanged: Mapped[int] = mapped_column(
        sa.Integer, nullable=False, server_default="0",
        comment="Files skipped because path, sha256 and extractor version were already stored.")
    files_replaced: Mapped[int] = mapped_column(
        sa.Integer, nullable=False, server_default="0",
        comment="Files whose source was re-extracted (changed bytes or a new extractor version).")
    files_rejected: Mapped[int] = mapped_column(
        sa.Integer, nullable=False, server_default="0", comment="Files rejected; see rejected_files.")
    files_skipped: Mapped[int] = mapped_column(
        sa.Integer, nullable=False, server_default="0", comment="Other files in the folders (not .txt/.html/.htm).")
    facts_written: Mapped[int] = mapped_column(
        sa.Integer, nullable=False, server_default="0", comment="Fact rows inserted by the run.")
    mentions_written: Mapped[int] = mapped_column(
        sa.Integer, nullable=False, server_default="0", comment="Entity-mention rows inserted by the run.")
    hostname: Mapped[str | None] = mapped_column(sa.Text, comment="Host the run's process ran on.")
    pid: Mapped[int | None] = mapped_column(sa.Integer, comment="Process id of the run on that host.")
    backend_pid: Mapped[int | None] = mapped_column(
        sa.Integer, comment="Server process id of the session that held the load lock "
                            "(gone from pg_stat_activity: the run is dead).")


class RejectedFile(Base):
    """One row per file a load run rejected, with the reason."""

    __tablename__ = "rejected_files"
    __table_args__ = (
        sa.Index("ix_rejected_files_path_sha256", "path", "sha256"),
        {"comment": "One row per file rejected by a load run (empty, binary, too large, "
                    "undecodable, no Chinese text, extraction error), with the reason."},
    )

    id: Mapped[int] = id_column("rejection")
    load_run_id: Mapped[int] = mapped_column(
        sa.ForeignKey("load_runs.id", ondelete="CASCADE"), nullable=False, index=True,
        comment="The run that rejected the file.")
    path: Mapped[str] = mapped_column(sa.Text, nullable=False, comment="Absolute path of the rejected file.")
    reason: Mapped[str] = mapped_column(sa.Text, nullable=False, comment="Why it was rejected, in words.")
    sha256: Mapped[str | None] = mapped_column(
        sa.Text, comment="sha256 of the rejected bytes (NULL when the file could not be read).")
    created_at: Mapped[datetime] = created_column()


class Source(Base):
    """One row per article (its current version)."""

    __tablename__ = "sources"
    __table_args__ = (
        sa.CheckConstraint(one_of("published_precision", DATE_PRECISIONS, nullable=True), name="published_precision"),
        sa.CheckConstraint(one_of("published_basis", DATE_BASES, nullable=True), name="published_basis"),
        sa.CheckConstraint("(published_on IS NULL) = (published_precision IS NULL)", name="precision_with_date"),
        sa.CheckConstraint("(published_on IS NULL) = (published_basis IS NULL)", name="basis_with_date"),
        sa.CheckConstraint("sha256 ~ '^[0-9a-f]{64}$'", name="sha256_hex"),
        sa.CheckConstraint("last_loaded_at >= first_loaded_at", name="loaded_order"),
        sa.CheckConstraint("reprint_of_id <> id", name="not_own_reprint"),
        {"comment": "One row per article, in its current version: the decoded text, the cleaned text that every "
                    "char_start/char_end points into, and its metadata. A changed file replaces its row's "
                    "facts and mentions; the same bytes under another path stay one source (see source_paths)."},
    )

    id: Mapped[int] = id_column("source")
    source_key: Mapped[str] = mapped_column(
        sa.Text, nullable=False, unique=True,
        comment="The file's path relative to the folder given to `parkdb load` (its bare name when it sat "
                "directly in that folder or was named directly). Unique; the analysts' handle on an article.")
    identity: Mapped[str] = mapped_column(
        sa.Text, nullable=False, unique=True,
        comment="What makes two files the same article: its URL when known (manifest, the page's canonical "
                "URL), else the resolved absolute path of the file it was first read from. Unique.")
    original_path: Mapped[str] = mapped_column(
        sa.Text, nullable=False, comment="Absolute path the file was first read from.")
    sha256: Mapped[str] = mapped_column(
        sa.Text, nullable=False, unique=True, comment="sha256 of the raw file bytes (lowercase hex).")
    byte_size: Mapped[int] = mapped_column(sa.Integer, nullable=False, comment="Size of the raw file in bytes.")
    media_type: Mapped[str] = mapped_column(
        sa.Text, nullable=False, comment="text/plain or text/html, as detected from the content.")
    encoding: Mapped[str] = mapped_column(
        sa.Text, nullable=False, comment="Character encoding the bytes were decoded with (utf-8, gb18030, big5, ...).")
    raw_text: Mapped[str] = mapped_column(
        sa.Text, nullable=False, comment="The decoded file, untouched (HTML markup included).")
    text: Mapped[str] = mapped_column(
        sa.Text, nullable=False,
        comment="The cleaned article text (boilerplate removed, whitespace normalised); all spans point into it.")
    title: Mapped[str | None] = mapped_column(sa.Text, comment="Headline.")
    subtitle: Mapped[str | None] = mapped_column(sa.Text, comment="Kicker or sub-headline, when the article has one.")
    authors: Mapped[list[str]] = mapped_column(
        ARRAY(sa.Text), nullable=False, server_default="{}", comment="Byline names, in order.")
    publisher: Mapped[str | None] = mapped_column(sa.Text, comment="Publishing outlet, when known.")
    url: Mapped[str | None] = mapped_column(sa.Text, comment="URL of the article, when the file or manifest gives one.")
    published_on: Mapped[date | None] = mapped_column(
        sa.Date, index=True,
        comment="Publication date; the first day of the month/year when only those are known (see published_precision).")
    published_precision: Mapped[str | None] = mapped_column(
        sa.Text, comment="How precise published_on is: day, month or year.")
    published_basis: Mapped[str | None] = mapped_column(
        sa.Text, comment="Where published_on comes from: manifest (manifest.csv), explicit (printed in the "
                         "article or page) or inferred (from the content, e.g. the latest reported period).")
    published_note: Mapped[str | None] = mapped_column(
        sa.Text, comment="How the publication date was determined, in words.")
    manifest_entry: Mapped[str | None] = mapped_column(
        sa.Text, comment="The manifest.csv row (url, publisher, published_on as written) the metadata was last taken "
                         "from; NULL when no manifest listed the file.")
    extractor_version: Mapped[str] = mapped_column(
        sa.Text, nullable=False, comment="Extractor version that produced this source's facts and mentions.")
    dictionary_hash: Mapped[str] = mapped_column(
        sa.Text, nullable=False, comment="sha256 of the jieba domain dictionary used for this source.")
    first_loaded_at: Mapped[datetime] = mapped_column(
        sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now(),
        comment="When the article was first stored.")
    last_loaded_at: Mapped[datetime] = mapped_column(
        sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now(),
        comment="When the article's extraction was last (re)written.")
    load_run_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("load_runs.id", ondelete="SET NULL"), index=True,
        comment="The load run that last wrote this source.")
    reprint_of_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("sources.id", ondelete="SET NULL"), index=True,
        comment="The article this one reprints (the same story), as an analyst judged it (parkdb review reprint); "
                "its figures then count once. Written by review.apply_article_judgements, never by the loader.")


class SourcePath(Base):
    """One row per file path a source was read from (the same bytes may sit in several places)."""

    __tablename__ = "source_paths"
    __table_args__ = {"comment": "One row per file path a source's bytes were found at. The same bytes under "
                                 "another path are one source; the extra paths are recorded here."}

    id: Mapped[int] = id_column("source path")
    source_id: Mapped[int] = mapped_column(
        sa.ForeignKey("sources.id", ondelete="CASCADE"), nullable=False, index=True, comment="The source.")
    path: Mapped[str] = mapped_column(sa.Text, nullable=False, unique=True, comment="Absolute path of the file.")
    source_key: Mapped[str] = mapped_column(
        sa.Text, nullable=False, comment="The path relative to the folder given to `parkdb load` for this file.")
    first_seen_at: Mapped[datetime] = created_column()
