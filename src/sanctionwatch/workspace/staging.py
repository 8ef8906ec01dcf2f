"""Files an operation writes beside the catalog, published only together with its transaction.

An operation writes its files under ``tmp/<op>/``. To publish, it first writes a
journal naming every final path, then renames the staged files into place, then
commits the catalog, then deletes the journal. Whatever kills the process, the
next ``recover`` finishes the story: a journal whose operation is not in the
catalog has its published files removed; scratch folders of dead processes go.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path

from sanctionwatch.workspace.atomic import atomic_path

SCRATCH = "tmp"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Staging:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.op = uuid.uuid4().hex
        self.dir = root / SCRATCH / self.op
        self.dir.mkdir(parents=True)
        (self.dir / "pid").write_text(str(os.getpid()))
        self.journal = root / SCRATCH / f"{self.op}.journal"
        self._staged: dict[str, Path] = {}  # final relative path → staged path

    def path(self, final: str) -> Path:
        """Where to write the file that will live at ``root/final``."""
        if final in self._staged:
            return self._staged[final]
        staged = self.dir / "files" / final
        staged.parent.mkdir(parents=True, exist_ok=True)
        self._staged[final] = staged
        return staged

    def adopt(self, final: str, staged: Path) -> None:
        """Publish an already written file (inside ``self.dir``) at ``final``."""
        self._staged[final] = staged

    def publish(self) -> list[str]:
        """Move staged files into place (existing finals are left alone: same content)."""
        finals = sorted(f for f, p in self._staged.items() if p.exists())
        fresh = [f for f in finals if not (self.root / f).exists()]
        with atomic_path(self.journal) as tmp:
            tmp.write_text(json.dumps({"op": self.op, "pid": os.getpid(), "files": fresh}))
        for final in fresh:
            target = self.root / final
            target.parent.mkdir(parents=True, exist_ok=True)
            self._staged[final].replace(target)
        return fresh

    def finish(self) -> None:
        """The catalog committed: forget the journal and the scratch folder."""
        self.journal.unlink(missing_ok=True)
        shutil.rmtree(self.dir, ignore_errors=True)

    def abort(self) -> None:
        """The operation failed: remove whatever it published, then its scratch."""
        _undo(self.root, self.journal)
        shutil.rmtree(self.dir, ignore_errors=True)


def _undo(root: Path, journal: Path) -> None:
    if journal.exists():
        for final in json.loads(journal.read_text()).get("files", []):
            (root / final).unlink(missing_ok=True)
        journal.unlink()


def recover(root: Path, committed: Callable[[str], bool]) -> None:
    """Finish or undo operations that a dead process left behind."""
    scratch = root / SCRATCH
    if not scratch.is_dir():
        return
    for journal in scratch.glob("*.journal"):
        info = json.loads(journal.read_text())
        if _pid_alive(int(info["pid"])):
            continue
        if committed(str(info["op"])):
            journal.unlink()
        else:
            _undo(root, journal)
    for folder in scratch.iterdir():
        if not folder.is_dir():
            continue
        pid_file = folder / "pid"
        pid = int(pid_file.read_text()) if pid_file.exists() else None
        journal = scratch / f"{folder.name}.journal"
        if journal.exists():
            continue
        if pid is None or not _pid_alive(pid):
            shutil.rmtree(folder, ignore_errors=True)
