"""Plain records passed between the read, extract and store steps.

Reading turns file bytes into an :class:`Article`; extraction turns an article's
cleaned text into an :class:`Extraction`; storing writes both.  None of these
records know about the database, so extraction stays pure and testable.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

PLATFORM_KINDS = ("corridor", "zone", "park", "incubator")
ENTITY_KINDS = ("platform", "enterprise", "project", "institution")
SUBJECT_KINDS = ("platform", "enterprise", "project", "region")
QUALIFIERS = ("more_than", "about", "less_than")
PERIOD_KINDS = ("actual", "asof", "target", "unknown")
PROJECT_STATUSES = ("planned", "signed", "under_construction", "completed", "operating")
DATE_PRECISIONS = ("day", "month", "year")
DATE_BASES = ("explicit", "manifest", "inferred", "review")  # review: set by an analyst's judgement
REVIEW_STATUSES = ("extracted", "confirmed", "corrected", "added", "rejected")


@dataclass(frozen=True)
class Article:
    """One article as read from a file: the cleaned text that spans point into, and its metadata."""

    text: str                       # cleaned text; every char_start/char_end points into it
    raw_text: str                   # the decoded file, untouched
    title: str | None = None
    subtitle: str | None = None
    authors: tuple[str, ...] = ()
    publisher: str | None = None
    url: str | None = None
    published_on: date | None = None
    date_precision: str | None = None   # one of DATE_PRECISIONS
    date_basis: str | None = None       # one of DATE_BASES
    date_note: str | None = None        # why that date (which line, which rule)
    encoding: str = "utf-8"
    media_type: str = "text/plain"      # or text/html
    canonical_url: str | None = None    # the page's own URL (canonical link, og:url), never one quoted in the text


@dataclass(frozen=True)
class Entity:
    """An entity an article names, under its canonical (fullest) name in that article."""

    kind: str                       # one of ENTITY_KINDS
    name: str
    aliases: tuple[str, ...] = ()
    platform_kind: str | None = None   # platforms: one of PLATFORM_KINDS
    parent: str | None = None          # platforms: canonical name of the parent platform
    district: str | None = None        # platforms: administrative district
    platform: str | None = None        # enterprises/projects: the platform they sit on
    enterprise: str | None = None      # projects: the enterprise behind it
    investment_yuan: Decimal | None = None  # projects: planned total investment
    status: str | None = None          # projects: one of PROJECT_STATUSES


@dataclass(frozen=True)
class Mention:
    """One occurrence of an entity in the text."""

    kind: str
    name: str                       # canonical name (Entity.name)
    surface: str                    # exactly text[start:end]
    start: int
    end: int


@dataclass(frozen=True)
class Fact:
    """One quantitative statement: subject, metric, number, unit, period, and where it was said."""

    subject_kind: str               # one of SUBJECT_KINDS
    subject_name: str
    metric: str                     # canonical metric name
    metric_text: str                # the phrase as written
    value: Decimal                  # as written
    unit: str                       # as written
    value_base: Decimal | None      # in base_unit
    base_unit: str | None
    qualifier: str | None           # one of QUALIFIERS or None
    period_kind: str                # one of PERIOD_KINDS
    period_start: date | None
    period_end: date | None
    quote: str                      # exactly text[start:end]
    start: int
    end: int
    # How sure the extractor is (0..1) and what lowered it; a fact under the threshold
    # (loaders.extract.CONFIDENCE_THRESHOLD) is kept as a candidate for review, not shown.
    confidence: float = 1.0
    reasons: tuple[str, ...] = ()
    # The period as the text gives it, before the publication date is applied
    # (``actual:Y-1``, ``actual:Y:01..03``, ``asof:P``, ``actual:2023``; None when the
    # period needs no anchor).  loaders.extract.periods.resolve_expr(expr, published_on)
    # gives (period_kind, period_start, period_end) again, so a date supplied later
    # re-dates the fact without re-extracting it.
    period_expr: str | None = None


@dataclass(frozen=True)
class Designation:
    """An honour or list a subject was named to (国家级绿色工厂, 专精特新)."""

    subject_kind: str
    subject_name: str
    designation: str
    year: int | None
    quote: str
    start: int
    end: int


@dataclass
class Extraction:
    """Everything extracted from one article."""

    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)          # confidence >= the threshold: shown
    candidates: list[Fact] = field(default_factory=list)     # below it: kept for review, not shown
    designations: list[Designation] = field(default_factory=list)
