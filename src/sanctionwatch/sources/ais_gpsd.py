"""gpsd's AIS JSON ("class": "AIS") from pyais-decoded messages.

pyais does the bit decoding; this module only re-expresses a decoded message the way gpsd's
``json_aivdm_dump`` prints it (ntpsec/gpsd @ 46977faa, checked against gpsd's own regression
outputs in ``shared/conformance/gpsd-ais``), so that ``--format gpsd-json`` output can be fed to
gpsd tooling.

- :func:`gpsd_json` maps one message (``pyais.decode(...).asdict()``): gpsd's field names, key
  order, units and controlled-vocabulary ``*_text`` fields, in gpsd's scaled form (degrees,
  knots; floats rounded to the decimals gpsd prints) or unscaled form (raw integers).
- :class:`Type24Merger` reproduces gpsd's stream-level handling of type 24: a part A is held
  (per radio channel, 8 slots) until a part B of the same MMSI arrives, and only the merged
  report is printed; a lone part A or an unmatched part B prints nothing.
- :func:`sentence_bitlen` gives a message's payload bit length, which gpsd prints as the bit
  count of binary ``data`` and which pyais's dict does not carry.

The message bodies are built by ``gpsd_fields`` (per type) and ``gpsd_payloads`` (the type 6/8
application payloads, which pyais often leaves as raw bytes), with the texts of ``gpsd_legends``.
``gpsd_values`` converts pyais's values back to gpsd's raw integers (pyais scales and rounds:
e.g. positions to 6 decimals, rate of turn to whole degrees per minute, so tiny turn rates
cannot be recovered exactly).

Not pinned by the reference outputs, so taken from gpsd's source and kept consistent with what
is: the legends of unseen codes (navigational status 6/10/11/13/14, EPFD 2/4-6/8-13), the
scaled "n/a"/"fast"/"high" strings of speed and altitude (the reference prints "n/a", not
gpsd's documented "nan", for turn), and a non-trivial scaled turn ("%.2f" like its "0.00").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sanctionwatch.sources.gpsd_fields import MESSAGE_BODIES
from sanctionwatch.sources.gpsd_legends import shiptype_text, status_text
from sanctionwatch.sources.gpsd_payloads import APPLICATION_BODIES
from sanctionwatch.sources.gpsd_values import Obj, PyaisFields, turn_index, turn_scaled

# The legend and turn helpers moved out but stay importable from here, where callers know them.
__all__ = [
    "Type24Merger",
    "gpsd_json",
    "sentence_bitlen",
    "shiptype_text",
    "status_text",
    "turn_index",
    "turn_scaled",
]

_BODIES: dict[int, Callable[[PyaisFields], Obj]] = MESSAGE_BODIES | APPLICATION_BODIES


def gpsd_json(
    decoded: Mapping[str, Any],
    *,
    scaled: bool = True,
    device: str = "stdin",
    bitlen: int | None = None,
) -> Obj:
    """gpsd's JSON object for one pyais-decoded message (``pyais.decode(...).asdict()``).

    ``device`` is omitted when empty, as gpsd does. ``bitlen`` is the message's payload bit
    length (:func:`sentence_bitlen`); gpsd prints it in the bit count of binary ``data``
    (types 6, 8, 17, 25, 26); without it the count is pyais's byte-padded length. Type 24
    halves carry ``"part": "A"|"B"`` (gpsd's split24 form); pass them through
    :class:`Type24Merger` to get what gpsd prints. Types gpsd does not know (28+) get the
    header only.
    """
    msg_type = int(decoded["msg_type"])
    out: Obj = {"class": "AIS"}
    if device:
        out["device"] = device
    out |= {
        "type": msg_type,
        "repeat": int(decoded.get("repeat") or 0),
        "mmsi": int(decoded.get("mmsi") or 0),
        "scaled": scaled,
    }
    body = _BODIES.get(msg_type)
    if body is not None:
        out |= body(PyaisFields(decoded, scaled, bitlen))
    return out


def sentence_bitlen(*sentences: str | bytes) -> int:
    """Payload bit length of one message: 6 × payload characters − the last fill bits.

    Accepts the message's NMEA fragments (``!AIVDM,2,1,...``), with or without trailing
    receiver fields after the checksum.
    """
    total, fill = 0, 0
    for sentence in sentences:
        text = sentence.decode("ascii", "replace") if isinstance(sentence, bytes) else sentence
        parts = text[text.index("!") :].split(",") if "!" in text else text.split(",")
        total += 6 * len(parts[5])
        fill = int(parts[6].split("*", 1)[0] or 0)
    return total - fill


# --- type 24 merging ---------------------------------------------------------------------

TYPE24_SLOTS = 8  # gpsd's MAX_TYPE24_INTERLEAVE


@dataclass
class _Type24Queue:
    """gpsd's circular queue of part-A (MMSI, shipname) pairs for one channel."""

    slots: list[tuple[int, str]] = field(default_factory=lambda: [(0, "")] * TYPE24_SLOTS)
    index: int = 0

    def stash(self, mmsi: int, shipname: str) -> None:
        self.slots[self.index] = (mmsi, shipname)
        self.index = (self.index + 1) % TYPE24_SLOTS

    def take(self, mmsi: int) -> str | None:
        """The first slot holding ``mmsi`` (in slot order, as gpsd searches), then forget it.

        gpsd clears only the MMSI so a repeated B does not match again; like gpsd, an empty
        slot (MMSI 0) matches a part B from MMSI 0.
        """
        for i, (held, name) in enumerate(self.slots):
            if held == mmsi:
                self.slots[i] = (0, name)
                return name
        return None


class Type24Merger:
    """gpsd's default type 24 behaviour: print one report per matched part A + part B.

    ``feed(obj)`` takes :func:`gpsd_json` objects in stream order and returns those to print:
    non-24 objects pass through; a part A is held and prints nothing; a part B whose MMSI
    matches a held part A (same channel, one of the last 8 part As) prints the merged report
    (B's header, A's shipname, then B's fields) and releases that A; any other part B prints
    nothing. A B before its A is therefore lost, and an A is forgotten once 8 newer As arrived
    on its channel. ``split24=True`` mirrors gpsd's option of printing the halves as they come.
    """

    def __init__(self, *, split24: bool = False) -> None:
        self._split24 = split24
        self._queues: dict[str, _Type24Queue] = {}

    def feed(self, obj: Obj, *, channel: str = "") -> list[Obj]:
        """The objects to print after ``obj``; ``channel`` is the NMEA radio channel (A/B)."""
        part = obj.get("part")
        if obj.get("type") != 24 or part not in ("A", "B") or self._split24:
            return [obj]
        queue = self._queues.setdefault(channel, _Type24Queue())
        if part == "A":
            queue.stash(int(obj["mmsi"]), str(obj.get("shipname", "")))
            return []
        shipname = queue.take(int(obj["mmsi"]))
        return [] if shipname is None else [_merged(obj, shipname)]


_ENVELOPE = ("class", "device", "type", "repeat", "mmsi", "scaled")


def _merged(part_b: Obj, shipname: str) -> Obj:
    head = {k: part_b[k] for k in _ENVELOPE if k in part_b}
    rest = {k: v for k, v in part_b.items() if k not in head and k != "part"}
    return head | {"shipname": shipname} | rest
