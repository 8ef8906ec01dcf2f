"""Member state reports with their claims, and official petroleum notifications.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "member_reports",
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.String(length=200), nullable=False),
        sa.Column("submitting_member", sa.String(length=2), nullable=False),
        sa.Column("submitted", sa.Date(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("simulated", sa.Boolean(), nullable=False),
        sa.Column("entities", sa.JSON(), nullable=False),
        sa.Column("claims", sa.Integer(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"]),
        sa.PrimaryKeyConstraint("source_id"),
    )
    with op.batch_alter_table("member_reports", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_member_reports_submitting_member"), ["submitting_member"]
        )
    op.create_table(
        "report_claims",
        sa.Column("id", sa.String(length=16), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.String(length=200), nullable=False),
        sa.Column("type", sa.String(length=30), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("start", sa.Date(), nullable=True),
        sa.Column("end", sa.Date(), nullable=True),
        sa.Column("provisions", sa.JSON(), nullable=False),
        sa.Column("entities", sa.JSON(), nullable=False),
        sa.Column("reliability", sa.String(length=1), nullable=False),
        sa.Column("credibility", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("source_id", "claim_id"),
    )
    with op.batch_alter_table("report_claims", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_report_claims_source_id"), ["source_id"])
        batch_op.create_index(batch_op.f("ix_report_claims_type"), ["type"])
    op.create_table(
        "petroleum_notifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("supplier_state", sa.String(length=2), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("barrels", sa.Float(), nullable=False),
        sa.Column("tonnes", sa.Float(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("source_id", "line"),
    )
    with op.batch_alter_table("petroleum_notifications", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_petroleum_notifications_month"), ["month"])
        batch_op.create_index(batch_op.f("ix_petroleum_notifications_source_id"), ["source_id"])
        batch_op.create_index(
            batch_op.f("ix_petroleum_notifications_supplier_state"), ["supplier_state"]
        )


def downgrade() -> None:
    with op.batch_alter_table("petroleum_notifications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_petroleum_notifications_supplier_state"))
        batch_op.drop_index(batch_op.f("ix_petroleum_notifications_source_id"))
        batch_op.drop_index(batch_op.f("ix_petroleum_notifications_month"))
    op.drop_table("petroleum_notifications")
    with op.batch_alter_table("report_claims", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_claims_type"))
        batch_op.drop_index(batch_op.f("ix_report_claims_source_id"))
    op.drop_table("report_claims")
    with op.batch_alter_table("member_reports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_member_reports_submitting_member"))
    op.drop_table("member_reports")
