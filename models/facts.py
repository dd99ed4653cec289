"""The metric catalogue, quantitative facts, entity mentions and designations.

Every row here carries its provenance: the source, the character span in
sources.text, the quoted text, and the extractor version that wrote it.
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

from loaders.records import ENTITY_KINDS, PERIOD_KINDS, QUALIFIERS, REVIEW_STATUSES, SUBJECT_KINDS
from models.base import Base, created_column, id_column, kind_matches_ids, one_of, span_check, span_columns

DESIGNATION_SUBJECT_KINDS = (*SUBJECT_KINDS, "institution")


def source_column(what: str) -> Mapped[int]:
    """The article a row was extracted from; rows go when their source is re-extracted."""
    return mapped_column(sa.ForeignKey("sources.id", ondelete="CASCADE"), nullable=False, index=True,
                         comment=f"The article this {what} was extracted from.")


def entity_column(table: str, what: str, *, index: bool = True) -> Mapped[int | None]:
    """An optional reference to one entity table (index=False where a composite index leads with it)."""
    return mapped_column(sa.ForeignKey(f"{table}.id", ondelete="CASCADE"), index=index,
                         comment=f"The {what}, when the {what} is the one meant (see the kind column).")


def version_column() -> Mapped[str]:
    """Provenance: which extractor wrote the row."""
    return mapped_column(sa.Text, nullable=False, comment="Extractor version that wrote this row.")


def quote_check() -> sa.CheckConstraint:
    """The stored quote is as long as its span (it is exactly sources.text[char_start:char_end])."""
    return sa.CheckConstraint("char_length(quote) = char_end - char_start", name="quote_fits_span")


class Metric(Base):
    """One row per canonical metric."""

    __tablename__ = "metrics"
    __table_args__ = {"comment": "The metric catalogue: one row per canonical metric (规上工业增加值, 固定资产投资, ...). "
                                 "Phrases outside the catalogue become metrics of their own with is_catalogued false."}

    id: Mapped[int] = id_column("metric")
    name: Mapped[str] = mapped_column(sa.Text, nullable=False, unique=True, comment="Canonical metric name.")
    unit_family: Mapped[str | None] = mapped_column(
        sa.Text, comment="The base unit its values are normally in (yuan, percent, count, m2, mu, tce, ...).")
    description: Mapped[str | None] = mapped_column(sa.Text, comment="What the metric measures.")
    is_catalogued: Mapped[bool] = mapped_column(
        sa.Boolean, nullable=False, server_default=sa.false(),
        comment="True for metrics from the shipped catalogue; false for phrases first seen in an article.")
    created_at: Mapped[datetime] = created_column()


class MetricAlias(Base):
    """One row per phrase that names a catalogued metric."""

    __tablename__ = "metric_aliases"
    __table_args__ = {"comment": "One row per synonym of a metric (规模以上工业增加值 -> 规上工业增加值)."}

    id: Mapped[int] = id_column("metric alias")
    metric_id: Mapped[int] = mapped_column(
        sa.ForeignKey("metrics.id", ondelete="CASCADE"), nullable=False, index=True, comment="The metric.")
    alias: Mapped[str] = mapped_column(sa.Text, nullable=False, unique=True, comment="A phrase naming the metric.")
    created_at: Mapped[datetime] = created_column()


SUBJECT_IDS = {
    "platform": "subject_platform_id",
    "enterprise": "subject_enterprise_id",
    "project": "subject_project_id",
    "region": "subject_region_id",
}


class Fact(Base):
    """One row per quantitative statement in an article."""

    __tablename__ = "facts"
    __table_args__ = (
        kind_matches_ids("subject_kind", SUBJECT_IDS),
        sa.CheckConstraint(one_of("subject_kind", SUBJECT_KINDS), name="subject_kind"),
        sa.CheckConstraint(one_of("qualifier", QUALIFIERS, nullable=True), name="qualifier"),
        sa.CheckConstraint(one_of("period_kind", PERIOD_KINDS), name="period_kind"),
        sa.CheckConstraint("period_start <= period_end", name="period_order"),
        sa.CheckConstraint(
            "CASE period_kind"
            " WHEN 'actual' THEN period_start IS NOT NULL AND period_end IS NOT NULL"
            " WHEN 'asof' THEN period_start IS NULL AND period_end IS NOT NULL"
            " WHEN 'unknown' THEN period_start IS NULL AND period_end IS NULL"
            " ELSE (period_start IS NULL) = (period_end IS NULL) END",
            name="period_shape",
        ),
        sa.CheckConstraint("(value_base IS NULL) = (base_unit IS NULL)", name="base_unit_with_value"),
        span_check(),
        quote_check(),
        sa.UniqueConstraint("source_id", "fact_key"),
        sa.CheckConstraint("confidence >= 0 AND confidence <= 1", name="confidence_range"),
        # parkdb review takes a fact_key alone (migration 0023).
        sa.Index(None, "fact_key"),
        sa.CheckConstraint(one_of("review_status", REVIEW_STATUSES), name="review_status"),
        # Reporting filters (migration 0008): one subject × metric, latest period first.
        sa.Index(None, "subject_platform_id", "metric_id", "period_end"),
        sa.Index(None, "subject_enterprise_id", "metric_id", "period_end"),
        sa.Index(None, "subject_project_id", "metric_id", "period_end", postgresql_include=["source_id"]),
        sa.Index(None, "subject_region_id", "metric_id", "period_end"),
        {"comment": "One row per quantitative fact stated in an article: subject, metric, the number and unit as "
                    "written, the value in the base unit, qualifier, period, and the quote with its span."},
    )

    id: Mapped[int] = id_column("fact")
    source_id: Mapped[int] = source_column("fact")
    fact_key: Mapped[str] = mapped_column(
        sa.Text, nullable=False,
        comment="Deterministic hash of the fields that identify the statement, so a re-load writes the same rows.")
    subject_kind: Mapped[str] = mapped_column(
        sa.Text, nullable=False, comment="platform, enterprise, project or region: which subject_*_id is set.")
    subject_platform_id: Mapped[int | None] = entity_column("platforms", "platform", index=False)
    subject_enterprise_id: Mapped[int | None] = entity_column("enterprises", "enterprise", index=False)
    subject_project_id: Mapped[int | None] = entity_column("projects", "project", index=False)
    subject_region_id: Mapped[int | None] = entity_column("regions", "region", index=False)
    metric_id: Mapped[int] = mapped_column(
        sa.ForeignKey("metrics.id"), nullable=False, index=True, comment="The canonical metric.")
    metric_text: Mapped[str] = mapped_column(
        sa.Text, nullable=False, comment="The metric phrase as written in the article.")
    value: Mapped[Decimal] = mapped_column(
        sa.Numeric, nullable=False, comment="The number as written (113.8 for 113.8亿元); negative for a fall.")
    unit: Mapped[str] = mapped_column(sa.Text, nullable=False, comment="The unit as written (亿元, %, 万元/亩).")
    value_base: Mapped[Decimal | None] = mapped_column(
        sa.Numeric, comment="The value in base_unit (11380000000 for 113.8亿元); NULL for units without a base.")
    base_unit: Mapped[str | None] = mapped_column(
        sa.Text, comment="Base unit of value_base: yuan, percent, pp, count, m2, mu, tce, ...")
    qualifier: Mapped[str | None] = mapped_column(
        sa.Text, comment="more_than (余, 超过, 以上), about (约, 近, 左右), less_than (不足, 以下), or NULL.")
    period_kind: Mapped[str] = mapped_column(
        sa.Text, nullable=False,
        comment="actual (a flow over period_start..period_end), asof (a stock at period_end), "
                "target (a goal or forecast), unknown (no time given).")
    period_start: Mapped[date | None] = mapped_column(
        sa.Date, comment="First day the figure covers; NULL for asof and unknown.")
    period_end: Mapped[date | None] = mapped_column(
        sa.Date, comment="Last day the figure covers, or the as-of date.")
    period_expr: Mapped[str | None] = mapped_column(
        sa.Text, comment="The period as written, before the publication date is applied (actual:Y-1, asof:P, ...); "
                         "NULL when the period needs no anchor.")
    quote: Mapped[str] = mapped_column(
        sa.Text, nullable=False, comment="The clause of the article that states the fact, exactly as stored in sources.text.")
    char_start: Mapped[int]
    char_end: Mapped[int]
    char_start, char_end = span_columns("quote")
    extractor_version: Mapped[str] = version_column()
    created_at: Mapped[datetime] = created_column()
    confidence: Mapped[Decimal] = mapped_column(
        sa.Numeric, nullable=False, server_default=sa.text("1"),
        comment="The extractor's confidence, 0 to 1; under public.fact_confidence_threshold() the fact is a "
                "candidate (reporting.fact_candidates), not shown in the reporting views.")
    reasons: Mapped[list[str]] = mapped_column(
        ARRAY(sa.Text), nullable=False, server_default=sa.text("'{}'::text[]"),
        comment="What lowered the confidence (the extractor's reasons), empty when nothing did.")
    review_status: Mapped[str] = mapped_column(
        sa.Text, nullable=False, server_default=sa.text("'extracted'"),
        comment="extracted, confirmed, corrected, added or rejected: what analysts' judgements (review.judgements) "
                "made of the fact; set only by review.apply_article_judgements().")
    extracted: Mapped[dict | None] = mapped_column(
        JSONB, comment="The extractor's values of a fact a judgement corrected, so undoing or re-applying "
                       "judgements starts from them; NULL for a fact as extracted.")


MENTION_IDS = {
    "platform": "platform_id",
    "enterprise": "enterprise_id",
    "project": "project_id",
    "institution": "institution_id",
}


class EntityMention(Base):
    """One row per occurrence of an entity in an article."""

    __tablename__ = "entity_mentions"
    __table_args__ = (
        kind_matches_ids("entity_kind", MENTION_IDS),
        sa.CheckConstraint(one_of("entity_kind", ENTITY_KINDS), name="entity_kind"),
        sa.CheckConstraint("char_length(surface) = char_end - char_start", name="surface_fits_span"),
        span_check(),
        sa.UniqueConstraint("source_id", "entity_kind", "char_start", "char_end"),
        # Reporting filters (migration 0008): the articles naming one entity, index-only.
        sa.Index(None, "platform_id", "source_id"),
        sa.Index(None, "enterprise_id", "source_id"),
        sa.Index(None, "project_id", "source_id"),
        {"comment": "One row per mention of a platform, enterprise, project or institution in an article, "
                    "with the form written and its span."},
    )

    id: Mapped[int] = id_column("mention")
    source_id: Mapped[int] = source_column("mention")
    entity_kind: Mapped[str] = mapped_column(
        sa.Text, nullable=False, comment="platform, enterprise, project or institution: which *_id is set.")
    platform_id: Mapped[int | None] = entity_column("platforms", "platform", index=False)
    enterprise_id: Mapped[int | None] = entity_column("enterprises", "enterprise", index=False)
    project_id: Mapped[int | None] = entity_column("projects", "project", index=False)
    institution_id: Mapped[int | None] = entity_column("institutions", "institution")
    surface: Mapped[str] = mapped_column(
        sa.Text, nullable=False, comment="The form written in the article (exactly sources.text[char_start:char_end]).")
    char_start: Mapped[int]
    char_end: Mapped[int]
    char_start, char_end = span_columns("surface")
    extractor_version: Mapped[str] = version_column()


DESIGNATION_IDS = {
    "platform": "platform_id",
    "enterprise": "enterprise_id",
    "project": "project_id",
    "region": "region_id",
    "institution": "institution_id",
}


class Designation(Base):
    """One row per honour or list a subject was named to, per article."""

    __tablename__ = "designations"
    __table_args__ = (
        kind_matches_ids("subject_kind", DESIGNATION_IDS),
        sa.CheckConstraint(one_of("subject_kind", DESIGNATION_SUBJECT_KINDS), name="subject_kind"),
        sa.CheckConstraint("year IS NULL OR year BETWEEN 1949 AND 2100", name="year_range"),
        span_check(),
        quote_check(),
        sa.UniqueConstraint("source_id", "designation_key"),
        {"comment": "One row per honour or list a subject was named to (国家级绿色工厂, 专精特新) as an article "
                    "reports it, with the year when given."},
    )

    id: Mapped[int] = id_column("designation")
    source_id: Mapped[int] = source_column("designation")
    designation_key: Mapped[str] = mapped_column(
        sa.Text, nullable=False, comment="Deterministic hash of subject, designation and year within the source.")
    subject_kind: Mapped[str] = mapped_column(
        sa.Text, nullable=False, comment="platform, enterprise, project, region or institution.")
    platform_id: Mapped[int | None] = entity_column("platforms", "platform")
    enterprise_id: Mapped[int | None] = entity_column("enterprises", "enterprise")
    project_id: Mapped[int | None] = entity_column("projects", "project")
    region_id: Mapped[int | None] = entity_column("regions", "region")
    institution_id: Mapped[int | None] = entity_column("institutions", "institution")
    designation: Mapped[str] = mapped_column(
        sa.Text, nullable=False, comment="The honour or list as written (国家级绿色工厂).")
    year: Mapped[int | None] = mapped_column(sa.Integer, comment="The year of the honour, when the article gives it.")
    quote: Mapped[str] = mapped_column(sa.Text, nullable=False, comment="The clause that states it.")
    char_start: Mapped[int]
    char_end: Mapped[int]
    char_start, char_end = span_columns("quote")
    extractor_version: Mapped[str] = version_column()


class FactSeries(Base):
    """One row per subject × metric × period: which fact the series shows, and how many report it.

    Derived, never written by the loader: triggers on facts and sources (migration 0012,
    sql/derived/fact_series.sql) keep it equal to the view public.fact_series_computed in
    the same transaction as the facts they summarise, so reporting.metric_series reads one
    row per period instead of ranking every fact of a subject at query time.
    """

    __tablename__ = "fact_series"
    __table_args__ = (
        sa.Index("uq_fact_series_key", "subject_kind", "subject_id", "metric_id", "period_kind", "period_start",
                 "period_end", unique=True, postgresql_nulls_not_distinct=True),
        sa.Index(None, "metric_id", "subject_kind", "period_kind", "period_end"),
        {"comment": "Derived, kept by triggers: one row per subject × metric × period with the fact the series "
                    "shows (an exact figure before a bound or approximation, then the latest published article, "
                    "then the lowest fact id) and how many facts, articles and distinct values report it. "
                    "Rebuild with SELECT public.rebuild_fact_series()."},
    )

    id: Mapped[int] = id_column("series row")
    subject_kind: Mapped[str] = mapped_column(
        sa.Text, nullable=False, comment="platform, enterprise, project or region.")
    subject_id: Mapped[int] = mapped_column(
        sa.BigInteger, nullable=False, comment="The id in the table subject_kind names (facts.subject_*_id).")
    metric_id: Mapped[int] = mapped_column(sa.BigInteger, nullable=False, comment="The canonical metric.")
    period_kind: Mapped[str] = mapped_column(sa.Text, nullable=False, comment="As facts.period_kind.")
    period_start: Mapped[date | None] = mapped_column(sa.Date, comment="As facts.period_start.")
    period_end: Mapped[date | None] = mapped_column(sa.Date, comment="As facts.period_end.")
    fact_id: Mapped[int] = mapped_column(
        sa.BigInteger, nullable=False,
        comment="The fact shown: from the latest published article reporting this period (ties: lowest id).")
    published_on: Mapped[date | None] = mapped_column(sa.Date, comment="Publication date of that fact's article.")
    fact_count: Mapped[int] = mapped_column(sa.BigInteger, nullable=False, comment="Facts reporting this period.")
    source_count: Mapped[int] = mapped_column(
        sa.BigInteger, nullable=False,
        comment="Distinct stories reporting this period: articles, a reprint counted once with the article it "
                "reprints (sources.reprint_of_id).")
    value_count: Mapped[int] = mapped_column(
        sa.BigInteger, nullable=False,
        comment="Distinct values reported (compared in the base unit, else as written with the unit); "
                "more than one across several articles is a candidate conflict.")


class EntityArticle(Base):
    """One row per entity × article: how often the article mentions it and states facts about it.

    Derived, never written by the loader: triggers on entity_mentions, facts and sources
    (migration 0013, sql/derived/entity_articles.sql) keep it equal to the view
    public.entity_articles_computed, so the directory views count and list a subject's
    articles from one index range.
    """

    __tablename__ = "entity_articles"
    __table_args__ = (
        # Covering: an entity's article count, dates and key list are an index-only range.
        sa.PrimaryKeyConstraint("entity_kind", "entity_id", "source_id",
                                postgresql_include=["source_key", "published_on", "mention_count", "fact_count"]),
        {"comment": "Derived, kept by triggers: one row per entity × article with the article's key and date "
                    "and how many mentions and facts of the entity it holds. Rebuild with "
                    "SELECT public.rebuild_entity_articles()."},
    )

    entity_kind: Mapped[str] = mapped_column(
        sa.Text, comment="platform, enterprise, project, region or institution.")
    entity_id: Mapped[int] = mapped_column(
        sa.BigInteger, comment="The id in the table entity_kind names.")
    source_id: Mapped[int] = mapped_column(
        sa.ForeignKey("sources.id", ondelete="CASCADE"), index=True, comment="The article.")
    source_key: Mapped[str] = mapped_column(sa.Text, nullable=False, comment="The article's key (sources.source_key).")
    published_on: Mapped[date | None] = mapped_column(sa.Date, comment="The article's publication date.")
    mention_count: Mapped[int] = mapped_column(
        sa.BigInteger, nullable=False, comment="Mentions of the entity in the article.")
    fact_count: Mapped[int] = mapped_column(
        sa.BigInteger, nullable=False, comment="Facts about the entity (as subject) in the article.")
