import json
from pathlib import Path

import pytest

from sanctionwatch.errors import SanctionwatchError
from sanctionwatch.workspace.workspace import Workspace


def test_first_use_creates_the_layout(tmp_path: Path) -> None:
    ws = Workspace.open(tmp_path / "ws")
    ws.close()
    settings = json.loads((tmp_path / "ws" / "workspace.json").read_text())
    assert settings["catalog_url"].endswith("/ws/catalog.sqlite")
    assert (tmp_path / "ws" / "catalog.sqlite").is_file()


def test_catalog_url_is_remembered(tmp_path: Path, postgres_url: str) -> None:
    Workspace.open(tmp_path / "ws", catalog_url=postgres_url).close()
    ws = Workspace.open(tmp_path / "ws")
    assert ws.catalog.engine.dialect.name == "postgresql"
    assert not (tmp_path / "ws" / "catalog.sqlite").exists()
    ws.close()


def test_a_file_where_the_workspace_should_be_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "ws").write_text("not a folder")
    with pytest.raises(SanctionwatchError, match="not a directory"):
        Workspace.open(tmp_path / "ws")


def test_corrupt_settings_are_reported(tmp_path: Path) -> None:
    (tmp_path / "ws").mkdir()
    (tmp_path / "ws" / "workspace.json").write_text("{nope")
    with pytest.raises(SanctionwatchError, match=r"workspace\.json"):
        Workspace.open(tmp_path / "ws")
