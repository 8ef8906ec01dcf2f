"""Write the member report JSON Schema the models generate (docs/member-report.schema.json).

Run after changing ``sanctionwatch.sources.member_report``; a test fails until the
committed file equals what the models generate.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from sanctionwatch.sources.member_report import report_json_schema

TARGET = Path(__file__).resolve().parent.parent / "docs" / "member-report.schema.json"


def render() -> str:
    return json.dumps(report_json_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    sys.stdout.write(f"wrote {TARGET}\n")
