"""Declarative base with a naming convention, so every constraint has a stable name.

PUDL once had to regenerate its base migration only to name unnamed constraints;
we start named: pk_facts, fk_facts_source_id_sources, ck_facts_period_order, ...
"""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)


def id_column(what: str) -> Mapped[int]:
    """A surrogate bigint identity primary key."""
    return mapped_column(sa.BigInteger, sa.Identity(), primary_key=True, comment=f"Surrogate key of the {what}.")


def created_column() -> Mapped[datetime]:
    """When the row was first written."""
    return mapped_column(
        sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now(),
        comment="When this row was first written.",
    )


def one_of(column: str, values: tuple[str, ...], *, nullable: bool = False) -> str:
    """SQL for a CHECK that column holds one of values."""
    listed = ", ".join(f"'{v}'" for v in values)
    clause = f"{column} IN ({listed})"
    return f"{column} IS NULL OR {clause}" if nullable else clause


def span_check() -> sa.CheckConstraint:
    """char_start/char_end form a non-empty span inside the article text."""
    return sa.CheckConstraint("char_start >= 0 AND char_end > char_start", name="valid_span")


def span_columns(what: str) -> tuple[Mapped[int], Mapped[int]]:
    """The character span of a quote or surface in sources.text."""
    return (
        mapped_column(sa.Integer, nullable=False,
                      comment=f"Offset of the first character of the {what} in sources.text (0-based, Python str index)."),
        mapped_column(sa.Integer, nullable=False,
                      comment=f"Offset just past the last character of the {what} in sources.text."),
    )


def kind_matches_ids(kind_column: str, ids: dict[str, str]) -> sa.CheckConstraint:
    """Exactly one of the id columns is set, and it is the one kind_column names."""
    columns = ", ".join(ids.values())
    cases = " ".join(f"WHEN '{kind}' THEN {col} IS NOT NULL" for kind, col in ids.items())
    return sa.CheckConstraint(
        f"num_nonnulls({columns}) = 1 AND CASE {kind_column} {cases} ELSE false END",
        name="one_subject",
    )
