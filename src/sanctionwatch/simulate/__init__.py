"""Scenario simulator: realistic AIS around the Korean peninsula with labelled evasion.

``simulate(Request(...), out)`` writes a folder that ``sanctionwatch ingest ais`` takes as it is
(raw NMEA or Parquet positions), with the ships' particulars, what they broadcast, and
``truth.jsonl``: every event a detector should find, in the detectors' type names. The same
seed gives the same bytes. Everything written is marked simulated.

Modules, each with one job: ``scenarios`` (what happens), ``world`` + ``land`` +
``grid_kernels`` + ``lanes`` + ``ports`` (where: land mask, sea lanes, real ports), ``geo``
(distances and the AIS position grid), ``fleet`` (ship types and identities),
``plan`` + ``voyages`` + ``shuttles`` + ``sts`` + ``disguise`` (what each ship does), ``motion``
+ ``render`` (AIS as a receiver logs it, window by window), ``bits`` + ``nmea`` (encoding),
``writers`` (files), ``truth`` (labels), ``run`` (the command's work).
"""

from sanctionwatch.simulate.run import FORMATS, Request, simulate
from sanctionwatch.simulate.scenarios import SCENARIOS

__all__ = ["FORMATS", "SCENARIOS", "Request", "simulate"]
