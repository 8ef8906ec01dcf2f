from datetime import UTC, datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select

from sanctionwatch.workspace.catalog import Catalog, current_revision, head_revision
from sanctionwatch.workspace.models import AuditRow, Base, Source


def test_migrations_build_the_schema_the_models_describe(catalog_url: str) -> None:
    catalog = Catalog(catalog_url)
    try:
        assert current_revision(catalog.engine) == head_revision()
        tables = set(inspect(catalog.engine).get_table_names())
        assert {"sources", "list_snapshots", "list_entries", "audit_log"} <= tables
        with catalog.engine.connect() as connection:
            context = MigrationContext.configure(connection)
            assert compare_metadata(context, Base.metadata) == []
    finally:
        catalog.close()


def test_migrate_is_idempotent(catalog_url: str) -> None:
    Catalog(catalog_url).close()
    catalog = Catalog(catalog_url)
    assert current_revision(catalog.engine) == head_revision()
    catalog.close()


def test_datetimes_come_back_as_aware_utc(catalog_url: str) -> None:
    catalog = Catalog(catalog_url)
    moment = datetime(2024, 5, 3, 12, 30, tzinfo=UTC)
    with catalog.transaction() as session:
        session.add(AuditRow(at=moment, action="test", detail={"k": [1, 2]}))
    with catalog.reading() as session:
        row = session.scalars(select(AuditRow)).one()
        assert row.at == moment and row.at.tzinfo is not None
        assert row.detail == {"k": [1, 2]}
    catalog.close()


def test_a_failed_transaction_leaves_nothing(catalog_url: str) -> None:
    catalog = Catalog(catalog_url)
    with pytest.raises(RuntimeError), catalog.transaction() as session:
        session.add(AuditRow(at=datetime.now(UTC), action="x", detail={}))
        session.flush()
        raise RuntimeError("boom")
    with catalog.reading() as session:
        assert session.scalars(select(AuditRow)).all() == []
        assert session.scalars(select(Source)).all() == []
    catalog.close()


def test_naive_datetimes_are_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    catalog = Catalog(f"sqlite:///{tmp_path / 'c.sqlite'}")
    with pytest.raises(Exception, match="naive datetime"), catalog.transaction() as session:
        session.add(AuditRow(at=datetime(2024, 1, 1), action="x", detail={}))
    catalog.close()
