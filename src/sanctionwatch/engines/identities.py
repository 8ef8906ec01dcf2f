"""The identities table as the identity kernels' rows."""

from __future__ import annotations

from sanctionwatch.maritime.identity import IdentityRow
from sanctionwatch.workspace.store import AnalyticalStore


def identity_rows(store: AnalyticalStore) -> list[IdentityRow]:
    """Every identity broadcast, by MMSI and first sighting (a fixed order)."""
    if not store.has("identities"):
        return []
    rows = store.query(
        """
        SELECT mmsi, CAST(epoch(first_seen) AS BIGINT), CAST(epoch(last_seen) AS BIGINT),
               imo, name, callsign, shiptype, source_id
        FROM identities
        WHERE first_seen IS NOT NULL AND last_seen IS NOT NULL
        ORDER BY mmsi, 2, 3, imo NULLS FIRST, name NULLS FIRST, callsign NULLS FIRST,
                 shiptype NULLS FIRST, source_id
        """
    )
    return [
        IdentityRow(
            mmsi=int(r[0]),
            first_seen=int(r[1]),
            last_seen=int(r[2]),
            imo=None if r[3] is None else int(r[3]),
            name=r[4],
            callsign=r[5],
            shiptype=None if r[6] is None else int(r[6]),
            source_id=None if r[7] is None else int(r[7]),
        )
        for r in rows
    ]
