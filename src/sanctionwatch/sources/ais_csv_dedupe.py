"""Statics de-duplication: keep a static row only when the vessel's identity changed.

For the row-per-report formats (MarineCadastre, generic, Parquet) the identity fields are
repeated on every row, so a static row is emitted only when the (mmsi, name, imo, callsign,
shiptype, draught, destination, dimensions) tuple differs from the previous one emitted for that
MMSI in the file (the workspace aggregates identities anyway). Spire rows are separate messages
and each gives its own static row: they skip this step.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from sanctionwatch.sources.ais_csv_convert import BoolMask, mask
from sanctionwatch.sources.ais_csv_formats import IDENTITY


class StaticState:
    """The last identity tuple kept per MMSI in one file (an Arrow table: mmsi + IDENTITY)."""

    def __init__(self) -> None:
        self.kept: Any = None

    def differs(self, heads: Any) -> BoolMask:
        """For one row per MMSI: does it differ from the row kept before (or is it new)?"""
        if self.kept is None:
            return np.ones(heads.num_rows, np.bool_)
        heads = heads.append_column("_row", pa.array(np.arange(heads.num_rows), pa.int64()))
        joined = heads.join(self.kept, keys="mmsi", join_type="left outer", right_suffix="_kept")
        result = ~mask(pc.is_valid(joined.column("_seen")))
        for name in IDENTITY:
            result |= _differs(joined.column(name), joined.column(f"{name}_kept"))
        ordered = np.zeros(heads.num_rows, np.bool_)
        ordered[np.asarray(joined.column("_row").to_numpy())] = result
        return ordered

    def update(self, tails: Any) -> None:
        tails = tails.append_column("_seen", pa.array(np.ones(tails.num_rows, np.bool_)))
        if self.kept is not None:
            stale = pc.is_in(self.kept.column("mmsi"), value_set=tails.column("mmsi"))
            tails = pa.concat_tables([self.kept.filter(pc.invert(stale)), tails])
        self.kept = tails.combine_chunks()  # one chunk, however many batches came before


def changed_rows(table: Any, state: StaticState) -> BoolMask:
    """Rows whose identity tuple differs from the one kept before for the same MMSI."""
    order = pc.sort_indices(table, sort_keys=[("mmsi", "ascending"), ("line", "ascending")])
    ordered = table.select(["mmsi", *IDENTITY]).take(order)
    mmsi = np.asarray(ordered.column("mmsi").to_numpy())
    starts = np.flatnonzero(np.concatenate(([True], mmsi[1:] != mmsi[:-1])))
    keep = np.zeros(len(mmsi), np.bool_)
    for name in IDENTITY:
        column = ordered.column(name).combine_chunks()
        keep[1:] |= _differs(column.slice(1), column.slice(0, len(column) - 1))
    # A group's first row compares with what the file's earlier batches kept instead.
    keep[starts] = state.differs(ordered.take(pa.array(starts, pa.int64())))
    ends = np.append(starts[1:] - 1, len(mmsi) - 1)
    state.update(ordered.take(pa.array(ends, pa.int64())))
    result = np.zeros(len(mmsi), np.bool_)
    result[np.asarray(order.to_numpy())] = keep
    return result


def _differs(current: Any, previous: Any) -> BoolMask:
    """Element-wise "not the same value"; a null equals only a null."""
    unequal = mask(pc.not_equal(current, previous))
    one_null: BoolMask = mask(pc.is_null(current)) != mask(pc.is_null(previous))
    return unequal | one_null
