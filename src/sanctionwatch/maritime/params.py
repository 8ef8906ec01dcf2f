"""The detectors' parameters: load the versioned file, apply overrides, name the version."""

from __future__ import annotations

import copy
import hashlib
import json
import math
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from sanctionwatch.errors import InputError, SanctionwatchError

DEFAULT_PARAMS = "params.yaml"


@dataclass(frozen=True)
class Params:
    """Every detector's parameters, as nested sections (``params["gap"]["min_h"]``)."""

    values: dict[str, dict[str, Any]]
    declared_version: str

    @property
    def version(self) -> str:
        """The declared version plus a hash of the values in effect."""
        canonical = json.dumps(self.values, sort_keys=True, separators=(",", ":"))
        return f"{self.declared_version}+{hashlib.sha256(canonical.encode()).hexdigest()[:8]}"

    def section(self, name: str) -> dict[str, Any]:
        return self.values[name]

    def get(self, key: str) -> Any:
        section, _, field = key.partition(".")
        return self.values[section][field]


def _read(text: str, origin: str) -> tuple[str, dict[str, dict[str, Any]]]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InputError(origin, f"not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("version"), str):
        raise InputError(origin, "a parameters file is a mapping with a `version` string")
    sections = {k: v for k, v in data.items() if k != "version"}
    for name, section in sections.items():
        if not isinstance(section, dict):
            raise InputError(origin, "each section must be a mapping of keys", field=name)
    return data["version"], sections


def default_params() -> Params:
    text = resources.files("sanctionwatch.maritime").joinpath(DEFAULT_PARAMS).read_text()
    version, sections = _read(text, DEFAULT_PARAMS)
    return Params(sections, version)


def _coerce(key: str, raw: str, default: Any) -> Any:
    try:
        if isinstance(default, bool):
            if raw.lower() not in ("true", "false"):
                raise ValueError(raw)
            return raw.lower() == "true"
        if isinstance(default, int):
            return int(raw)
        if isinstance(default, float):
            return float(raw)
        if isinstance(default, list):
            return [item.strip() for item in raw.split(",") if item.strip()]
    except ValueError as exc:
        kind = type(default).__name__
        raise SanctionwatchError(f"--param {key}={raw}: expected a {kind}") from exc
    return raw


def _problem(value: Any, default: Any) -> str | None:
    """Why ``value`` cannot replace ``default`` (same kind; numbers finite and not negative)."""
    if isinstance(default, bool):
        return None if isinstance(value, bool) else "expected true or false"
    if isinstance(default, int | float):
        if isinstance(value, bool) or not isinstance(value, int | float):
            return f"expected a number, got {value!r}"
        if isinstance(default, int) and not isinstance(value, int):
            return f"expected a whole number, got {value!r}"
        if not math.isfinite(value) or value < 0:
            return f"expected a finite number of at least 0, got {value!r}"
        return None
    if isinstance(default, list):
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        return None if ok else "expected a list of names"
    return None if isinstance(value, type(default)) else f"expected a {type(default).__name__}"


def load_params(path: Path | None = None, overrides: list[str] | None = None) -> Params:
    """The defaults, replaced by a file's values where it has them, then ``KEY=VALUE`` overrides.

    Unknown sections or keys are errors, so a typo never silently leaves a default in place.
    """
    base = default_params()
    values = copy.deepcopy(base.values)
    version = base.declared_version
    if path is not None:
        if not path.is_file():
            raise InputError(path, "no such file")
        version, from_file = _read(path.read_text(encoding="utf-8"), str(path))
        for name, entries in from_file.items():
            if name not in values:
                raise InputError(path, "unknown section", field=name)
            for key, value in entries.items():
                if key not in values[name]:
                    raise InputError(path, "unknown parameter", field=f"{name}.{key}")
                problem = _problem(value, values[name][key])
                if problem is not None:
                    raise InputError(path, problem, field=f"{name}.{key}")
                values[name][key] = value
    for item in overrides or []:
        key, sep, raw = item.partition("=")
        part, _, field = key.partition(".")
        if not sep or part not in values or field not in values[part]:
            raise SanctionwatchError(
                f"--param {item}: expected KEY=VALUE with a key of the parameters file "
                f"(e.g. gap.min_h=6)"
            )
        value = _coerce(key, raw.strip(), values[part][field])
        problem = _problem(value, values[part][field])
        if problem is not None:
            raise SanctionwatchError(f"--param {item}: {problem}")
        values[part][field] = value
    return Params(values, version)
