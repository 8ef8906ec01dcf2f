import gzip
from pathlib import Path

from sanctionwatch.sources.compressed import decompressed, open_maybe_gzip

NMEA = Path("data") / "ais" / "nmea"


def test_open_maybe_gzip(tmp_path: Path, shared: Path) -> None:
    plain = tmp_path / "log.nmea"
    plain.write_bytes(b"x\n")
    packed = tmp_path / "log.nmea.bin"
    packed.write_bytes(gzip.compress(b"x\n"))
    for path in (plain, packed):
        with open_maybe_gzip(path) as stream:
            assert stream.read() == b"x\n"
    with open_maybe_gzip(shared / NMEA / "amsa" / "ais.txt.gz") as stream:
        assert stream.readline().startswith(b"!ABVDM,1,1,6,B,")


def test_decompressed_keeps_the_raw_handle_for_progress(tmp_path: Path) -> None:
    packed = tmp_path / "log.gz"
    packed.write_bytes(gzip.compress(b"!AIVDM\n" * 1000))
    with packed.open("rb") as raw, decompressed(raw) as stream:
        assert stream.read() == b"!AIVDM\n" * 1000
        assert raw.tell() == packed.stat().st_size
