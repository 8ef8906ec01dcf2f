"""Spread the workspace's positions and static reports over buckets of vessels.

Positions: a shuffle. Map tasks (one per group of Parquet parts, run in the pool) read their
parts batch by batch, keep what the kernels can use (vessel stations with a time and a usable
position; speed and course "not available" become NaN), and append each batch's rows to one
flat record file per bucket (MMSI mod the bucket count; each batch's rows gathered once, in
bucket order). A worker then reads one bucket: memory is bounded by a batch while mapping and
by a bucket while detecting, never by the dataset. Static reports (far fewer, with strings) go
through one DuckDB ``COPY ... PARTITION_BY``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
from numpy.typing import NDArray

from sanctionwatch.workspace.store import AnalyticalStore

RECORD = np.dtype(
    [
        ("mmsi", "<i8"),
        ("t", "<i8"),  # UTC seconds
        ("lat", "<f8"),
        ("lon", "<f8"),
        ("speed", "<f4"),
        ("course", "<f4"),
        ("source_id", "<i8"),
        ("line", "<i8"),
    ]
)
_COLUMNS = ["source_id", "line", "mmsi", "timestamp", "station", "lat", "lon", "speed", "course",
            "flags"]  # fmt: skip
# positions flags (sources/ais_records.py): 1 | 2 | 64 make a fix unusable (position not
# available or out of range, no time); 4 and 16: speed, course not available
_UNUSABLE, _SPEED_NA, _COURSE_NA = 1 | 2 | 64, 4, 16
_BATCH = 500_000
_STATICS = """
    SELECT mmsi, CAST(epoch_ms(timestamp) // 1000 AS BIGINT) AS t, CAST(draught AS DOUBLE)
           AS draught, imo, name, callsign, shiptype, source_id, line, mmsi % {buckets} AS bucket
    FROM statics WHERE timestamp IS NOT NULL
"""


def count_positions(store: AnalyticalStore) -> int:
    """Position reports in the store (from Parquet metadata: cheap)."""
    return sum(pq.ParquetFile(p).metadata.num_rows for p in store.parts("positions"))


def map_groups(store: AnalyticalStore, groups: int) -> list[list[Path]]:
    """The position parts dealt into ``groups`` groups of similar row counts."""
    parts = sorted(store.parts("positions"), key=lambda p: -pq.ParquetFile(p).metadata.num_rows)
    dealt: list[list[Path]] = [[] for _ in range(max(groups, 1))]
    for index, part in enumerate(parts):
        dealt[index % len(dealt)].append(part)
    return [g for g in dealt if g]


def _numbers(column: pa.ChunkedArray | pa.Array, dtype: str, fill: float) -> NDArray[np.generic]:
    values: NDArray[np.generic] = (
        column.fill_null(fill).to_numpy(zero_copy_only=False).astype(dtype, copy=False)
    )
    return values


def _records(batch: pa.RecordBatch, buckets: int = 1) -> NDArray[np.void]:
    """The usable fixes of one batch as records, in bucket order (MMSI mod ``buckets``; stable,
    so the rows of one bucket keep the batch's order): gathered once, column by column."""
    flags = batch.column("flags").to_numpy()
    station = batch.column("station")
    if isinstance(station, pa.DictionaryArray):
        names = station.dictionary.to_pylist()
        code = names.index("vessel") if "vessel" in names else -1
        is_vessel = station.indices.fill_null(-1).to_numpy() == code
    else:
        is_vessel = np.asarray(station.to_pylist(), dtype=object) == "vessel"
    stamp = batch.column("timestamp")
    has_time = stamp.is_valid().to_numpy(zero_copy_only=False)
    lat = _numbers(batch.column("lat"), "f8", np.nan)
    lon = _numbers(batch.column("lon"), "f8", np.nan)
    keep = is_vessel & has_time & (flags & _UNUSABLE == 0) & np.isfinite(lat) & np.isfinite(lon)
    rows = np.flatnonzero(keep)
    mmsi = batch.column("mmsi").to_numpy()
    if buckets > 1:
        # a stable sort of 16-bit keys is a radix sort (linear); wider keys need a merge sort
        key = (mmsi[rows] % buckets).astype(np.uint16 if buckets <= 1 << 16 else np.int64)
        rows = rows[np.argsort(key, kind="stable")]
    out = np.empty(rows.size, dtype=RECORD)
    ms = stamp.cast(pa.int64()).fill_null(0).to_numpy()
    out["mmsi"] = mmsi[rows]
    out["t"] = ms[rows] // 1000
    out["lat"], out["lon"] = lat[rows], lon[rows]
    speed = _numbers(batch.column("speed"), "f4", np.nan)[rows]
    course = _numbers(batch.column("course"), "f4", np.nan)[rows]
    out["speed"] = np.where(flags[rows] & _SPEED_NA, np.float32(np.nan), speed)
    out["course"] = np.where(flags[rows] & _COURSE_NA, np.float32(np.nan), course)
    out["source_id"] = _numbers(batch.column("source_id"), "i8", 0)[rows]
    out["line"] = _numbers(batch.column("line"), "i8", 0)[rows]
    return out


def bucket_path(folder: Path, bucket: int, task: int) -> Path:
    return folder / "positions" / f"bucket={bucket}" / f"map-{task}.rec"


def map_positions(parts: list[Path], folder: Path, buckets: int, task: int) -> int:
    """Append the usable fixes of ``parts`` to ``folder``'s bucket files; returns fixes kept."""
    handles = {}
    kept = 0
    try:
        for part in parts:
            source = pq.ParquetFile(part)
            for batch in source.iter_batches(batch_size=_BATCH, columns=_COLUMNS):
                records = _records(batch, buckets)
                kept += records.size
                bucket = (records["mmsi"] % buckets).astype(np.int32)
                bounds = np.searchsorted(bucket, np.arange(buckets + 1))
                for k in np.flatnonzero(np.diff(bounds)):
                    if k not in handles:
                        path = bucket_path(folder, int(k), task)
                        path.parent.mkdir(parents=True, exist_ok=True)
                        handles[k] = path.open("ab")
                    records[bounds[k] : bounds[k + 1]].tofile(handles[k])
    finally:
        for handle in handles.values():
            handle.close()
    return kept


def read_bucket(folder: Path, bucket: int) -> NDArray[np.void]:
    """The bucket's records, map task by map task, read straight into one array."""
    files = sorted((folder / "positions" / f"bucket={bucket}").glob("map-*.rec"))
    sizes = [f.stat().st_size // RECORD.itemsize for f in files]
    out = np.empty(sum(sizes), dtype=RECORD)
    at = 0
    for path, size in zip(files, sizes, strict=True):
        with path.open("rb") as handle:
            handle.readinto(out[at : at + size].data)
        at += size
    return out


def partition_statics(
    store: AnalyticalStore, folder: Path, buckets: int, *, memory: str = "1GB"
) -> None:
    """``folder/statics/bucket=K/*.parquet`` from the statics table."""
    if not store.has("statics"):
        return
    with store.connect() as connection:
        connection.execute(f"SET memory_limit = '{memory}'")
        connection.execute("SET preserve_insertion_order = false")
        target = (folder / "statics").as_posix().replace("'", "''")
        connection.execute(
            f"COPY ({_STATICS.format(buckets=buckets)}) TO '{target}' "
            "(FORMAT PARQUET, PARTITION_BY (bucket), COMPRESSION 'lz4_raw', OVERWRITE_OR_IGNORE)"
        )


def statics_files(folder: Path, bucket: int) -> list[Path]:
    return sorted((folder / "statics" / f"bucket={bucket}").glob("*.parquet"))
