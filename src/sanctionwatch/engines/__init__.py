"""Engines run the maritime kernels over a workspace: ``local`` (DuckDB and a process pool).

An engine takes the workspace, the parameters and the event types to find, and returns the
events in a fixed order; the kernels and the results are the same whichever engine runs them.
"""

from __future__ import annotations

ENGINES = ("local",)
