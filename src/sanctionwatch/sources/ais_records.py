"""Canonical AIS tables that every AIS reader produces (as Arrow) and the workspace stores.

Readers fill every column except ``source_id``, which the workspace adds when it
knows the source record. Values are kept as received; out-of-range values are
flagged in ``flags`` (a bitmask), never dropped or altered.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import pyarrow as pa

# --- position flags (bitmask in POSITIONS.flags) -----------------------------------------
FLAG_POSITION_NOT_AVAILABLE = 1  # lon 181 / lat 91: "not available" in the AIS standard
FLAG_POSITION_OUT_OF_RANGE = 2  # |lat| > 90 or |lon| > 180 other than the codes above
FLAG_SPEED_NOT_AVAILABLE = 4  # 102.3 kn (1023 raw)
FLAG_HEADING_NOT_AVAILABLE = 8  # 511
FLAG_COURSE_NOT_AVAILABLE = 16  # 360.0 (3600 raw)
FLAG_MMSI_NOT_9_DIGITS = 32  # MMSI outside 100000000..999999999
FLAG_NO_TIME = 64  # no timestamp could be established for this message
FLAG_ANONYMISED_ID = 128  # ``mmsi`` holds a provider's anonymised vessel id, not an MMSI

# --- statics flags (bitmask in STATICS.flags) ----------------------------------------------
FLAG_IMO_INVALID = 1  # IMO number present (non-zero) with a bad check digit
# FLAG_MMSI_NOT_9_DIGITS and FLAG_NO_TIME apply to statics too (same bit values).

# Station kinds in POSITIONS.station
VESSEL = "vessel"
BASE_STATION = "base_station"  # type 4 (and 11)
SAR_AIRCRAFT = "sar_aircraft"  # type 9

TIMESTAMP = pa.timestamp("ms", tz="UTC")

POSITIONS = pa.schema(
    [
        pa.field("source_id", pa.int64()),
        pa.field("line", pa.int64()),  # 1-based line (CSV: row) of the message's last fragment
        pa.field("mmsi", pa.int64(), nullable=False),
        pa.field("timestamp", TIMESTAMP),  # null when no time is known
        pa.field("msg_type", pa.int8()),  # AIS message type; 0 for provider CSV rows
        pa.field("station", pa.dictionary(pa.int8(), pa.string())),  # VESSEL, BASE_STATION, …
        pa.field("lat", pa.float64()),
        pa.field("lon", pa.float64()),
        pa.field("speed", pa.float32()),  # knots over ground
        pa.field("course", pa.float32()),  # degrees over ground
        pa.field("heading", pa.int16()),  # degrees true
        pa.field("status", pa.int8()),  # navigational status 0-15
        pa.field("accuracy", pa.bool_()),
        pa.field("flags", pa.int32(), nullable=False),
    ]
)

STATICS = pa.schema(
    [
        pa.field("source_id", pa.int64()),
        pa.field("line", pa.int64()),
        pa.field("mmsi", pa.int64(), nullable=False),
        pa.field("timestamp", TIMESTAMP),
        pa.field("msg_type", pa.int8()),  # 5, 19, 24 (part A or B); 0 for provider CSV rows
        pa.field("imo", pa.int64()),  # null when absent or 0
        pa.field("name", pa.string()),  # trailing '@' and spaces stripped; null when empty
        pa.field("callsign", pa.string()),
        pa.field("shiptype", pa.int16()),
        pa.field("draught", pa.float32()),  # metres
        pa.field("destination", pa.string()),
        pa.field("to_bow", pa.int16()),
        pa.field("to_stern", pa.int16()),
        pa.field("to_port", pa.int16()),
        pa.field("to_starboard", pa.int16()),
        pa.field("flags", pa.int32(), nullable=False),
    ]
)

RAW_MESSAGES = pa.schema(
    [
        pa.field("source_id", pa.int64()),
        pa.field("line", pa.int64()),
        pa.field("mmsi", pa.int64()),
        pa.field("timestamp", TIMESTAMP),
        pa.field("msg_type", pa.int8()),
        pa.field("payload", pa.string()),  # armoured payload, fragments joined (`ais decode`)
        pa.field("fill_bits", pa.int8()),
    ]
)

QUARANTINE = pa.schema(
    [
        pa.field("source_id", pa.int64()),
        pa.field("line", pa.int64()),
        pa.field("reason", pa.string()),
        pa.field("text", pa.string()),  # the line as read (decoded as latin-1), max 1,000 chars
    ]
)

# Quarantine reasons (a closed vocabulary, so counts compare across files and runs)
BAD_CHECKSUM = "bad_checksum"
ORPHAN_FRAGMENT = "orphan_fragment"  # a fragment whose siblings never arrived
BAD_ARMOURING = "bad_armouring"  # payload characters outside the 6-bit alphabet, bad fill
UNKNOWN_SENTENCE = "unknown_sentence"  # not NMEA at all, or an unparseable sentence
UNDECODABLE = "undecodable"  # framing fine but the payload is too short for its type
BAD_FIELD = "bad_field"  # a provider file row with an unusable value (names the column)


@dataclass
class LineAccount:
    """Where every input line went: lines == consumed + sum(ignored) + sum(quarantined)."""

    lines: int = 0
    consumed: int = 0  # lines that became (part of) a decoded message
    messages: int = 0
    ignored: Counter[str] = field(default_factory=Counter)  # by kind: "$PGHP", "$BSALR", "blank"
    quarantined: Counter[str] = field(default_factory=Counter)  # by reason

    def balanced(self) -> bool:
        return self.lines == self.consumed + sum(self.ignored.values()) + sum(
            self.quarantined.values()
        )


@dataclass
class AisBatch:
    """A slice of a reader's output; a reader yields many, so memory stays bounded."""

    positions: pa.Table
    statics: pa.Table
    raw: pa.Table
    quarantine: pa.Table


def empty_batch() -> AisBatch:
    return AisBatch(
        POSITIONS.empty_table(),
        STATICS.empty_table(),
        RAW_MESSAGES.empty_table(),
        QUARANTINE.empty_table(),
    )
