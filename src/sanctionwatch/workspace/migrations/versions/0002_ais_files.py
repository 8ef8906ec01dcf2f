"""AIS files: one row per ingested AIS source with its line account.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "ais_files",
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("operation", sa.String(length=32), nullable=False),
        sa.Column("format", sa.String(length=20), nullable=False),
        sa.Column("lines", sa.BigInteger(), nullable=False),
        sa.Column("messages", sa.BigInteger(), nullable=False),
        sa.Column("positions", sa.BigInteger(), nullable=False),
        sa.Column("statics", sa.BigInteger(), nullable=False),
        sa.Column("raw_messages", sa.BigInteger(), nullable=False),
        sa.Column("rejected", sa.BigInteger(), nullable=False),
        sa.Column("account", sa.JSON(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"]),
        sa.PrimaryKeyConstraint("source_id"),
    )
    with op.batch_alter_table("ais_files", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ais_files_operation"), ["operation"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("ais_files", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ais_files_operation"))
    op.drop_table("ais_files")
