"""The vectorised encoder against pyais's decoder, and its lines against the project's reader."""

from __future__ import annotations

import numpy as np
from pyais import decode

from sanctionwatch.simulate.bits import text_sextets
from sanctionwatch.simulate.geo import quantise
from sanctionwatch.simulate.nmea import (
    Positions,
    Statics,
    channels,
    join,
    lines,
    position_payloads,
    static_payloads,
    voyage_payloads,
)
from sanctionwatch.sources.nmea_framing import parse_tag_blocks


def _sentences(rows: np.ndarray) -> list[str]:
    return [row.tobytes().decode("ascii") for row in rows]


def _body(line: str) -> str:
    return line.rstrip("\n").rsplit("\\", 1)[1]


def test_position_reports_decode_to_what_was_encoded() -> None:
    rng = np.random.default_rng(3)
    n = 400
    kinds = np.where(rng.random(n) < 0.5, 1, 18)
    # the extremes of every field are in the sample, not only typical values
    lat = quantise(np.r_[-90.0, 90.0, 0.0, rng.uniform(-90, 90, n - 3)])
    lon = quantise(np.r_[-180.0, 180.0, -0.0000017, rng.uniform(-180, 180, n - 3)])
    p = Positions(
        kinds,
        rng.integers(100_000_000, 999_999_999, n),
        rng.integers(0, 16, n),
        np.r_[0, 1022, rng.integers(0, 1023, n - 2)],
        lon,
        lat,
        np.r_[0, 3599, rng.integers(0, 3600, n - 2)],
        np.r_[0, 359, rng.integers(0, 360, n - 2)],
        rng.integers(0, 60, n),
    )
    times = rng.integers(1_000_000_000, 2_000_000_000, n)
    rows = lines(position_payloads(p), 0, channels(rng, n), times)
    for i, line in enumerate(_sentences(rows)):
        message = decode(_body(line)).asdict()  # pyais checks the checksum too
        assert message["msg_type"] == kinds[i]
        assert message["mmsi"] == p.mmsi[i]
        assert message["lat"] == lat[i] and message["lon"] == lon[i]
        assert round(message["speed"] * 10) == p.sog_dkn[i]
        assert round(message["course"] * 10) == p.cog_ddeg[i]
        assert message["heading"] == p.heading[i] and message["second"] == p.second[i]
        if kinds[i] == 1:
            assert message["status"] == p.status[i]
        parsed = parse_tag_blocks(line.rstrip("\n").encode())
        assert parsed is not None
        _, time_ms, valid = parsed
        assert valid and time_ms == times[i] * 1000
        assert line.startswith("\\s:SIMULATED,")


def _statics(n: int, rng: np.random.Generator, kind: int, part: int) -> Statics:
    names = ["HAN PYOL 2", "A", "NORTHERN BREEZE", "LU YU 2831", "VOSTOCHNYY TERMINAL 12"]

    def texts(chars: int) -> np.ndarray:
        return np.stack([text_sextets(names[i % len(names)], chars) for i in range(n)])

    return Statics(
        np.full(n, kind),
        np.full(n, part),
        rng.integers(200_000_000, 800_000_000, n),
        rng.integers(0, 9_999_999, n),
        texts(7),
        texts(20),
        rng.integers(0, 100, n),
        rng.integers(0, 512, n),
        rng.integers(0, 512, n),
        rng.integers(0, 64, n),
        rng.integers(0, 64, n),
        rng.integers(1, 13, n),
        rng.integers(1, 32, n),
        rng.integers(0, 24, n),
        rng.integers(0, 60, n),
        rng.integers(0, 256, n),
        texts(20),
    )


def test_type_5_is_two_sentences_pyais_reassembles() -> None:
    rng = np.random.default_rng(4)
    s = _statics(50, rng, 5, 0)
    payload = voyage_payloads(s)
    assert payload.shape == (50, 71)
    seq = np.full(50, ord("7"), dtype=np.uint8)
    channel = channels(rng, 50)
    first = _sentences(
        lines(
            payload[:, :60], 0, channel, np.full(50, 1_709_251_200), fragment=(2, 1), sequence=seq
        )
    )
    second = _sentences(
        lines(
            payload[:, 60:], 2, channel, np.full(50, 1_709_251_200), fragment=(2, 2), sequence=seq
        )
    )
    for i in range(50):
        assert ",2,1,7," in first[i] and ",2,2,7," in second[i]
        message = decode(_body(first[i]), _body(second[i])).asdict()
        assert message["mmsi"] == s.mmsi[i] and message["imo"] == s.imo[i]
        assert (
            message["shipname"]
            == ["HAN PYOL 2", "A", "NORTHERN BREEZE", "LU YU 2831", "VOSTOCHNYY TERMINAL"][i % 5]
        )
        assert message["draught"] == s.draught_dm[i] / 10
        assert (message["month"], message["day"], message["hour"], message["minute"]) == (
            s.eta_month[i],
            s.eta_day[i],
            s.eta_hour[i],
            s.eta_minute[i],
        )
        assert (
            message["to_bow"],
            message["to_stern"],
            message["to_port"],
            message["to_starboard"],
        ) == (s.to_bow[i], s.to_stern[i], s.to_port[i], s.to_starboard[i])


def test_type_24_parts_a_and_b() -> None:
    rng = np.random.default_rng(5)
    for part in (0, 1):
        s = _statics(30, rng, 24, part)
        rows = _sentences(
            lines(static_payloads(s), 0, channels(rng, 30), np.full(30, 1_709_251_200))
        )
        for i, line in enumerate(rows):
            message = decode(_body(line)).asdict()
            assert message["partno"] == part and message["mmsi"] == s.mmsi[i]
            if part == 0:
                assert (
                    message["shipname"]
                    == ["HAN PYOL 2", "A", "NORTHERN BREEZE", "LU YU 2831", "VOSTOCHNYY TERMINAL"][
                        i % 5
                    ]
                )
            else:
                assert message["ship_type"] == s.ship_type[i]
                assert message["to_bow"] == s.to_bow[i]
                assert message["to_starboard"] == s.to_starboard[i]


def test_join_puts_rows_of_several_widths_in_rank_order() -> None:
    wide = np.frombuffer(b"bbbb\nBBBB\n", dtype=np.uint8).reshape(2, 5)
    narrow = np.frombuffer(b"a\nc\n", dtype=np.uint8).reshape(2, 2)
    out = join([(np.array([1, 3]), wide), (np.array([0, 2]), narrow)])
    assert out == b"a\nbbbb\nc\nBBBB\n"
