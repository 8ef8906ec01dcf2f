"""Download lists from their publishers, with conditional requests, then load them.

The validators (ETag, Last-Modified) of each URL are kept in the catalog; a
304 answer reuses the archived bytes, so an unchanged list costs one request.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import httpx

from sanctionwatch import __version__
from sanctionwatch.errors import InputError, NetworkError
from sanctionwatch.lists.load import LoadOptions, load_snapshots
from sanctionwatch.sources.ofac_csv import read_ofac_sdn
from sanctionwatch.sources.records import ListFile, ListSnapshot
from sanctionwatch.sources.un_xml import read_un_list
from sanctionwatch.workspace.archive import sha256_hex
from sanctionwatch.workspace.models import HttpCacheRow
from sanctionwatch.workspace.workspace import Workspace, utc_now

DEFAULT_URLS = {
    "un": "https://scsanctions.un.org/resources/xml/en/consolidated.xml",
    "ofac": "https://www.treasury.gov/ofac/downloads/sdn.csv",
}
TIMEOUT = httpx.Timeout(120.0, connect=15.0)


@dataclass(frozen=True)
class Fetched:
    url: str
    data: bytes
    status: str  # "downloaded" or "not_modified"
    etag: str | None
    last_modified: str | None


def _sibling(url: str, name: str) -> str:
    parts = urlsplit(url)
    path = str(PurePosixPath(parts.path).with_name(name))
    return parts._replace(path=path, query="", fragment="").geturl()


def _file_name(url: str) -> str:
    return PurePosixPath(urlsplit(url).path).name or "download"


def fetch(
    ws: Workspace, client: httpx.Client, url: str, *, optional: bool = False
) -> Fetched | None:
    """GET ``url``, conditionally when its bytes are archived; None for a missing optional file."""
    with ws.catalog.reading() as session:
        cached = session.get(HttpCacheRow, url)
    headers = {}
    if cached is not None and ws.archive.has(cached.sha256):
        if cached.etag:
            headers["If-None-Match"] = cached.etag
        if cached.last_modified:
            headers["If-Modified-Since"] = cached.last_modified
    try:
        response = client.get(url, headers=headers)
    except httpx.HTTPError as exc:
        raise NetworkError(
            f"cannot download {url}: {exc or type(exc).__name__}. Nothing was changed. "
            "Offline? Load a local copy with `sanctionwatch lists load PATH`."
        ) from None
    if response.status_code == 304 and cached is not None:
        data = ws.archive.get(cached.sha256)
        return Fetched(url, data, "not_modified", cached.etag, cached.last_modified)
    if response.status_code == 404 and optional:
        return None
    if response.status_code != 200:
        raise NetworkError(
            f"cannot download {url}: HTTP {response.status_code}. Nothing was changed."
        )
    return Fetched(
        url,
        response.content,
        "downloaded",
        response.headers.get("ETag"),
        response.headers.get("Last-Modified"),
    )


def _published(fetched: Fetched) -> datetime | None:
    if not fetched.last_modified:
        return None
    try:
        return parsedate_to_datetime(fetched.last_modified)
    except (TypeError, ValueError):
        return None


def _read(kind: str, files: list[Fetched]) -> ListSnapshot:
    """Parse downloaded bytes; errors name the URL."""
    try:
        if kind == "un":
            main = files[0]
            return read_un_list(main.data, Path(_file_name(main.url)))
        roles = dict(zip(("sdn", "add", "alt"), files, strict=False))
        parts = {
            role: ListFile(role, Path(_file_name(f.url)), f.data)
            for role, f in roles.items()
            if f is not None
        }
        return read_ofac_sdn(parts["sdn"], parts.get("add"), parts.get("alt"))
    except InputError as exc:
        url = next(f.url for f in files if _file_name(f.url) == exc.path.rsplit("/", 1)[-1])
        raise InputError(url, exc.reason, line=exc.line, field=exc.field) from None


def _remember(ws: Workspace, fetched: list[Fetched]) -> None:
    with ws.catalog.transaction() as session:
        for item in fetched:
            row = session.get(HttpCacheRow, item.url) or HttpCacheRow(url=item.url)
            row.etag, row.last_modified = item.etag, item.last_modified
            row.sha256, row.fetched_at = sha256_hex(item.data), utc_now()
            session.add(row)


def pull_list(ws: Workspace, kind: str, url: str | None = None) -> dict[str, Any]:
    """Download list ``kind`` (``un`` or ``ofac``) and load it; unchanged lists are a no-op."""
    main_url = url or DEFAULT_URLS[kind]
    headers = {"User-Agent": f"sanctionwatch/{__version__}"}
    with httpx.Client(timeout=TIMEOUT, follow_redirects=True, headers=headers) as client:
        files: list[Fetched] = []
        main = fetch(ws, client, main_url)
        assert main is not None  # only optional fetches return None
        files.append(main)
        if kind == "ofac":
            for name in ("add.csv", "alt.csv"):
                companion = fetch(ws, client, _sibling(main_url, name), optional=True)
                if companion is not None:
                    files.append(companion)
    snapshot = _read(kind, files)
    options = LoadOptions(origin=main_url, retrieved_at=utc_now(), published=_published(main))
    report = load_snapshots(ws, [snapshot], options)
    _remember(ws, files)
    return {
        "list": kind,
        "url": main_url,
        "files": [
            {"url": f.url, "status": f.status, "sha256": sha256_hex(f.data), "bytes": len(f.data)}
            for f in files
        ],
        "snapshots": report,
    }
