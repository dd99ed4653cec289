"""Remember the sha256 of each rejected file.

Why: a permanently bad file was reported (and made `load` exit 1) on every run;
a file rejected earlier with the same path and bytes is now counted but not
reported again, so exit 1 means new rejections.

Revision ID: 0020_load_rejection_sha256
Revises: 0019_load_run_holder
Created: 2026-12-07 23:55:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020_load_rejection_sha256"
down_revision = "0019_load_run_holder"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("rejected_files", sa.Column(
        "sha256", sa.Text(), nullable=True,
        comment="sha256 of the rejected bytes (NULL when the file could not be read)."))
    op.create_index(op.f("ix_rejected_files_path_sha256"), "rejected_files", ["path", "sha256"])


def downgrade() -> None:
    op.drop_index(op.f("ix_rejected_files_path_sha256"), table_name="rejected_files")
    op.drop_column("rejected_files", "sha256")
