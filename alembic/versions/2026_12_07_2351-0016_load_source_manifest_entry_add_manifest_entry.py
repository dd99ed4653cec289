"""Record the manifest.csv row each source's metadata was last taken from.

Why: an edited manifest row (date, publisher, URL) must update its source on the
next load even when the file's bytes are unchanged; comparing the row with the one
applied last time tells, without reading or extracting the file again, which
sources need their metadata (and relative periods) redone.

Revision ID: 0016_load_source_manifest_entry
Revises: 0015_load_source_identity
Created: 2026-12-07 23:51:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016_load_source_manifest_entry"
down_revision = "0015_load_source_identity"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("sources", sa.Column(
        "manifest_entry", sa.Text(), nullable=True,
        comment="The manifest.csv row (url, publisher, published_on as written) the metadata was last taken "
                "from; NULL when no manifest listed the file."))


def downgrade() -> None:
    op.drop_column("sources", "manifest_entry")
