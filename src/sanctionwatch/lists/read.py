"""Recognise list files on disk and hand them to the right reader."""

from __future__ import annotations

from pathlib import Path

from sanctionwatch.errors import InputError
from sanctionwatch.sources.ofac_csv import companion_files, read_ofac_sdn
from sanctionwatch.sources.records import ListFile, ListSnapshot
from sanctionwatch.sources.un_xml import read_un_list

_COMPANION_NAMES = {"add.csv", "alt.csv"}


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror}") from None


def sniff(data: bytes, path: Path) -> str:
    """``"un"`` or ``"ofac"`` from the bytes; an InputError when neither."""
    head = data[:4096]
    if not head.strip():
        raise InputError(path, "empty file")
    if b"\x00" in head:
        raise InputError(path, "binary data, not a sanctions list (XML or CSV expected)")
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"<"):
        return "un"
    first_field = text.split(b",", 1)[0].strip(b'" ')
    if first_field.isdigit():
        return "ofac"
    raise InputError(
        path, "not a recognised list: expected UN consolidated XML or OFAC SDN legacy CSV", line=1
    )


def read_list_file(path: Path) -> ListSnapshot:
    """Read one list; an OFAC ``sdn.csv`` brings ``add.csv``/``alt.csv`` found beside it."""
    if path.name.lower() in _COMPANION_NAMES:
        raise InputError(path, "OFAC companion file: load the sdn.csv beside it instead")
    data = read_bytes(path)
    kind = sniff(data, path)
    if kind == "un":
        return read_un_list(data, path)
    add_path, alt_path = companion_files(path)
    add = ListFile("add", add_path, read_bytes(add_path)) if add_path else None
    alt = ListFile("alt", alt_path, read_bytes(alt_path)) if alt_path else None
    return read_ofac_sdn(ListFile("sdn", path, data), add, alt)


def list_files_in(folder: Path) -> list[Path]:
    """The list files under ``folder``: every ``*.xml`` and every ``sdn.csv``."""
    found = [
        p
        for p in folder.rglob("*")
        if p.is_file() and (p.suffix.lower() == ".xml" or p.name.lower() == "sdn.csv")
    ]
    return sorted(found)


def expand_paths(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = list_files_in(path)
            if not inside:
                raise InputError(path, "folder holds no list files (*.xml, sdn.csv)")
            files.extend(inside)
        else:
            files.append(path)
    return files


def read_lists(paths: list[Path]) -> list[ListSnapshot]:
    """Read every list named (folders searched); fails on the first bad file."""
    return [read_list_file(path) for path in expand_paths(paths)]
