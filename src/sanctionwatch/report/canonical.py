"""One byte form per JSON value, so a figure's hash means the same everywhere."""

from __future__ import annotations

import hashlib
import json
from typing import Any


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def figure_hash(value: Any) -> str:
    return hashlib.sha256(canonical_json(value).encode("utf-8")).hexdigest()


def figure_hashes(figures: dict[str, Any]) -> dict[str, str]:
    return {key: figure_hash(value) for key, value in sorted(figures.items())}
