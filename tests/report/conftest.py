"""One small simulated workspace, assessed and reported on, shared by the report tests."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import cli

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PARTY = "Example Permanent Mission (SIMULATED reply)"
# A made-up report only JP may see: every name in it carries this mark, so a report for
# anyone else must not contain the mark anywhere.
JP_ONLY = Path(__file__).with_name("member-report-jp-only.json")
JP_MARK = "ZZJPONLY"


def ok(*args: str | Path, workspace: Path) -> Any:
    result = cli(*args, "--json", workspace=workspace)
    assert result.code == 0, result.stderr
    return result.json()


@dataclass
class Built:
    root: Path
    ws: Path
    member: Path  # the report for NZ
    public: Path
    member_result: dict[str, Any]
    public_result: dict[str, Any]
    replied: str  # id of the public finding a party replied to

    def data(self, folder: Path) -> dict[str, Any]:
        value: dict[str, Any] = json.loads((folder / "data.json").read_text())
        return value


NOTE_MARK = "ZZANALYSTNOTE"


@pytest.fixture(scope="package")
def built(tmp_path_factory: pytest.TempPathFactory, shared: Path) -> Built:
    root = tmp_path_factory.mktemp("report")
    sim, ws = root / "sim", root / "ws"
    ok("simulate", "dprk-2024", "--seed", "5", "--vessels", "40", "--days", "3",
       "--interval", "60", "--format", "parquet", "--out", sim, workspace=ws)  # fmt: skip
    ok("ingest", "ais", sim, workspace=ws)
    ok("detect", "--ports", shared / "data/ports/wpi-2023.csv", workspace=ws)
    ok("lists", "load", shared / "data/lists/ofac/2024-05-03", workspace=ws)
    ok("screen", "vessels", workspace=ws)
    ok("ingest", "report", EXAMPLES / "report-example.json", workspace=ws)
    ok("ingest", "report", JP_ONLY, workspace=ws)
    ok("ingest", "notifications", EXAMPLES / "notifications-example.csv", workspace=ws)
    ok("assess", workspace=ws)
    public_findings = ok("findings", "--audience", "public", workspace=ws)["findings"]
    replied = public_findings[0]["id"]
    ok("reply", replied, "--party", PARTY, "--text", "We reject this finding.", workspace=ws)
    # An analyst's note is the team's own working: it may rest on anything the team has seen.
    ok("decide", replied, "--confirmed", "--note", f"{NOTE_MARK} per the JP report",
       workspace=ws)  # fmt: skip
    member_result = ok("report", "--out", root / "nz", "--audience", "NZ", workspace=ws)
    public_result = ok("report", "--out", root / "public", workspace=ws)
    return Built(root, ws, root / "nz", root / "public", member_result, public_result, replied)
