"""Index facts by (subject, metric, period_end) and mentions by (entity, source) for the reporting views.

Why: analysts filter the reporting views on one subject or platform. With these
indexes a filter reaches only that subject's rows: metric_series and
platform_comparison read one subject × metric range, latest_metrics walks each
subject × metric backwards to its last period and stops, and the article counts
of platforms, enterprises and projects are index-only scans. bench/RESULTS.md
has the figures (100,000 articles). The project index carries source_id so the
article lists of reporting.projects never visit the facts heap.

Revision ID: 0008
Revises: 0007
Created: 2026-11-22 03:50:00
"""
from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

FACT_SUBJECTS = ["subject_platform_id", "subject_enterprise_id", "subject_region_id"]
MENTIONED = ["platform_id", "enterprise_id", "project_id"]


def upgrade() -> None:
    for column in FACT_SUBJECTS:
        op.create_index(f"ix_facts_{column}_metric_id_period_end", "facts", [column, "metric_id", "period_end"])
    op.create_index("ix_facts_subject_project_id_metric_id_period_end", "facts",
                    ["subject_project_id", "metric_id", "period_end"], postgresql_include=["source_id"])
    for column in MENTIONED:
        op.create_index(f"ix_entity_mentions_{column}_source_id", "entity_mentions", [column, "source_id"])


def downgrade() -> None:
    for column in reversed(MENTIONED):
        op.drop_index(f"ix_entity_mentions_{column}_source_id", table_name="entity_mentions")
    op.drop_index("ix_facts_subject_project_id_metric_id_period_end", table_name="facts")
    for column in reversed(FACT_SUBJECTS):
        op.drop_index(f"ix_facts_{column}_metric_id_period_end", table_name="facts")
