"""Drop single-column indexes that the composite indexes of 0008 already cover.

Why: facts(subject_*_id) and entity_mentions({platform,enterprise,project}_id) each
have a composite index leading with the same column (0008), which serves every
lookup the single-column one did, foreign-key cascades included. The duplicates
only cost time on every load (each fact and mention row updated two indexes for
one purpose).

Revision ID: 0011
Revises: 0010
Created: 2026-11-22 04:20:00
"""
from __future__ import annotations

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

COVERED = [
    ("facts", "subject_platform_id"),
    ("facts", "subject_enterprise_id"),
    ("facts", "subject_project_id"),
    ("facts", "subject_region_id"),
    ("entity_mentions", "platform_id"),
    ("entity_mentions", "enterprise_id"),
    ("entity_mentions", "project_id"),
]


def upgrade() -> None:
    for table, column in COVERED:
        op.drop_index(f"ix_{table}_{column}", table_name=table)


def downgrade() -> None:
    for table, column in reversed(COVERED):
        op.create_index(f"ix_{table}_{column}", table, [column])
