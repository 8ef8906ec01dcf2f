"""`report`: gather, compute the figures, render HTML and PDF, write the folder atomically."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sanctionwatch.assess.regime import Regime
from sanctionwatch.errors import SanctionwatchError
from sanctionwatch.report.entities import party_entities
from sanctionwatch.report.figures import build_figures
from sanctionwatch.report.gather import gather
from sanctionwatch.report.manifest import (
    DATA,
    HTML,
    MANIFEST,
    PDF,
    data_document,
    manifest_document,
)
from sanctionwatch.report.rederive import detection_record
from sanctionwatch.report.render import context, render_html, write_pdf
from sanctionwatch.report.scope import Scope
from sanctionwatch.workspace.archive import file_sha256
from sanctionwatch.workspace.workspace import Workspace

Progress = Callable[[str], None]


def _dump(value: Any) -> str:
    return json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _publish(staged: Path, out: Path) -> None:
    """Put the finished folder at ``out`` by renames: readers never see half a report."""
    if out.exists():
        if not out.is_dir():
            raise SanctionwatchError(f"{out}: exists and is not a folder")
        if any(out.iterdir()) and not (out / MANIFEST).is_file():
            raise SanctionwatchError(f"{out}: a folder that is not a report; choose another --out")
        old = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".replaced-{out.name}."))
        out.replace(old / out.name)
        staged.replace(out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        staged.replace(out)


def build_report(
    ws: Workspace, regime: Regime, scope: Scope, out: Path, progress: Progress | None = None
) -> dict[str, Any]:
    say = progress or (lambda _message: None)
    say("gathering findings, ledger, events and sources")
    data = gather(ws, regime, scope)
    figures = build_figures(data)
    entities = party_entities(data)
    say("drawing the map and charts")
    html = render_html(context(data, figures, entities))
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staged = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".incoming-{out.name}."))
    try:
        (staged / HTML).write_text(html, encoding="utf-8")
        say("writing the PDF")
        pages = write_pdf(html, staged / PDF)
        (staged / DATA).write_text(_dump(data_document(data, figures, entities)), "utf-8")
        outputs = {name: file_sha256(staged / name) for name in (HTML, PDF, DATA)}
        detection = detection_record(ws, data.sources)
        manifest = manifest_document(data, figures, outputs, detection)
        (staged / MANIFEST).write_text(_dump(manifest), encoding="utf-8")
        _publish(staged, out)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    return {
        "html": str(out / HTML),
        "pdf": str(out / PDF),
        "data": str(out / DATA),
        "manifest": str(out / MANIFEST),
        "findings": len(data.findings),
        "pages": pages,
        "figures": len(figures),
        "audience": scope.audience,
        "simulated_inputs": len(data.simulated),
    }
