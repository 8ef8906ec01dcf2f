"""Alembic environment: run migrations on the connection the catalog hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from sanctionwatch.workspace.models import Base

connection: Connection | None = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only used by `alembic` run by hand
    raise RuntimeError("run migrations through sanctionwatch.workspace.catalog.migrate()")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
