"""Keep each fact's period as the text gives it, before the publication date anchors it.

Why: a date supplied later (an edited manifest row) must re-date relative periods
(去年, 今年1~3月, 截至目前) without re-extracting the article;
loaders.extract.periods.resolve_expr(period_expr, published_on) gives the period again.

Revision ID: 0017_load_fact_period_expr
Revises: 0016_load_source_manifest_entry
Created: 2026-11-23 01:20:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017_load_fact_period_expr"
down_revision = "0016_load_source_manifest_entry"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("facts", sa.Column(
        "period_expr", sa.Text(), nullable=True,
        comment="The period as written, before the publication date is applied (actual:Y-1, asof:P, ...); "
                "NULL when the period needs no anchor."))


def downgrade() -> None:
    op.drop_column("facts", "period_expr")
