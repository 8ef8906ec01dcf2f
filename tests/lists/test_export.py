import json
from pathlib import Path

from followthemoney import model

from sanctionwatch.lists.export import export_ftm
from sanctionwatch.lists.load import load_snapshots
from sanctionwatch.lists.read import read_lists
from sanctionwatch.workspace.workspace import Workspace


def test_export_writes_valid_ftm_entities(tmp_path: Path, lists_dir: Path) -> None:
    ws = Workspace.open(tmp_path / "ws")
    load_snapshots(
        ws,
        read_lists(
            [
                lists_dir / "un" / "consolidated-2024-09-26.xml",
                lists_dir / "un" / "consolidated-2025-08-02.xml",
            ]
        ),
    )
    out = tmp_path / "entities.ftm.json"
    result = export_ftm(ws, out)
    ws.close()
    lines = out.read_text(encoding="utf-8").splitlines()
    assert result["by_list"] == {"un": 879}  # only the newest snapshot
    assert len(lines) == result["entities"] == 2 * 879
    schemata: dict[str, int] = {}
    sanctioned: set[str] = set()
    for line in lines:
        proxy = model.get_proxy(json.loads(line))
        schemata[proxy.schema.name] = schemata.get(proxy.schema.name, 0) + 1
        if proxy.schema.name == "Sanction":
            sanctioned.update(proxy.get("entity"))
    assert schemata["Sanction"] == 879
    assert "KPi.033" in sanctioned
    assert list(tmp_path.glob(".incoming-*")) == []
