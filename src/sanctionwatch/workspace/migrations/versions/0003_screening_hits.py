"""Screening hits with their evidence hash and the analyst's decision.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "screening_hits",
        sa.Column("id", sa.String(length=16), nullable=False),
        sa.Column("subject_kind", sa.String(length=20), nullable=False),
        sa.Column("subject_id", sa.String(length=100), nullable=False),
        sa.Column("list", sa.String(length=10), nullable=False),
        sa.Column("entry_id", sa.String(length=100), nullable=False),
        sa.Column("basis", sa.String(length=20), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("renamed", sa.Boolean(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("evidence_sha256", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("decision_note", sa.Text(), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("decided_evidence_sha256", sa.String(length=64), nullable=True),
        sa.Column("first_seen", sa.DateTime(), nullable=False),
        sa.Column("last_screened", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("screening_hits", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_screening_hits_entry_id"), ["entry_id"])
        batch_op.create_index(batch_op.f("ix_screening_hits_subject_id"), ["subject_id"])
        batch_op.create_index(batch_op.f("ix_screening_hits_subject_kind"), ["subject_kind"])


def downgrade() -> None:
    with op.batch_alter_table("screening_hits", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_screening_hits_subject_kind"))
        batch_op.drop_index(batch_op.f("ix_screening_hits_subject_id"))
        batch_op.drop_index(batch_op.f("ix_screening_hits_entry_id"))
    op.drop_table("screening_hits")
