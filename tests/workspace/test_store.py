from pathlib import Path

import pyarrow as pa
import pytest

from sanctionwatch.workspace.store import AnalyticalStore


def test_parts_are_queryable_as_one_table(tmp_path: Path) -> None:
    store = AnalyticalStore(tmp_path / "store")
    store.write_part("names", "a", pa.table({"id": ["x", "y"], "n": [1, 2]}))
    store.write_part("names", "b", pa.table({"id": ["z"], "n": [3]}))
    assert store.query("select count(*), sum(n) from names") == [(3, 6)]
    store.remove_part("names", "a")
    assert store.query("select list(id) from names") == [(["z"],)]


def test_names_are_checked(tmp_path: Path) -> None:
    store = AnalyticalStore(tmp_path / "store")
    with pytest.raises(ValueError, match="invalid table"):
        store.write_part("../evil", "a", pa.table({"x": [1]}))
