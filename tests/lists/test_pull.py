import socket
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from sanctionwatch.errors import NetworkError
from sanctionwatch.lists.pull import pull_list
from sanctionwatch.workspace.workspace import Workspace
from tests.helpers import workspace_state


def _serve_with_etag(
    server: HTTPServer, path: str, data: bytes, seen: list[dict[str, str]]
) -> None:
    etag = '"v1"'

    def handler(request: Request) -> Response:
        seen.append(dict(request.headers))
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        return Response(
            data, headers={"ETag": etag, "Last-Modified": "Fri, 03 May 2024 12:00:00 GMT"}
        )

    server.expect_request(path).respond_with_handler(handler)


def test_pull_downloads_then_asks_conditionally(
    httpserver: HTTPServer, tmp_path: Path, lists_dir: Path
) -> None:
    seen: list[dict[str, str]] = []
    data = (lists_dir / "un" / "consolidated-2025-08-02.xml").read_bytes()
    _serve_with_etag(httpserver, "/resources/xml/en/consolidated.xml", data, seen)
    url = httpserver.url_for("/resources/xml/en/consolidated.xml")
    ws = Workspace.open(tmp_path / "ws")
    first = pull_list(ws, "un", url)
    assert first["files"][0]["status"] == "downloaded"
    assert first["snapshots"][0]["loaded"] is True
    assert first["snapshots"][0]["dprk"]["Person"] == 80
    before = workspace_state(ws.root)
    second = pull_list(ws, "un", url)
    assert seen[-1].get("If-None-Match") == '"v1"'
    assert second["files"][0]["status"] == "not_modified"
    assert second["snapshots"][0]["loaded"] is False
    after = workspace_state(ws.root)
    assert after["rows"]["list_snapshots"] == before["rows"]["list_snapshots"]
    assert after["files"] == before["files"]
    with ws.catalog.reading() as session:
        from sanctionwatch.workspace.sources import list_sources

        [source] = list_sources(session)
    assert source["origin"] == url
    ws.close()


def test_pull_ofac_fetches_companions_and_tolerates_missing_ones(
    httpserver: HTTPServer, tmp_path: Path, lists_dir: Path
) -> None:
    folder = lists_dir / "ofac" / "2021-04"
    for name in ("sdn.csv", "add.csv", "alt.csv"):
        httpserver.expect_request(f"/full/{name}").respond_with_data((folder / name).read_bytes())
    httpserver.expect_request("/only/sdn.csv").respond_with_data(
        (lists_dir / "ofac" / "2024-05-03" / "sdn.csv").read_bytes(),
        headers={"Last-Modified": "Fri, 03 May 2024 12:00:00 GMT"},
    )
    for name in ("add.csv", "alt.csv"):
        httpserver.expect_request(f"/only/{name}").respond_with_data("missing", status=404)
    ws = Workspace.open(tmp_path / "ws")
    full = pull_list(ws, "ofac", httpserver.url_for("/full/sdn.csv"))
    assert [f["url"].rsplit("/", 1)[1] for f in full["files"]] == ["sdn.csv", "add.csv", "alt.csv"]
    assert full["snapshots"][0]["entries"] == 8890
    only = pull_list(ws, "ofac", httpserver.url_for("/only/sdn.csv"))
    assert len(only["files"]) == 1
    assert only["snapshots"][0]["entries"] == 14965
    assert only["snapshots"][0]["generated"].startswith("2024-05-03")
    ws.close()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def test_offline_pull_fails_clearly_and_changes_nothing(tmp_path: Path) -> None:
    ws = Workspace.open(tmp_path / "ws")
    before = workspace_state(ws.root)
    with pytest.raises(NetworkError, match="Nothing was changed"):
        pull_list(ws, "un", f"http://127.0.0.1:{_closed_port()}/consolidated.xml")
    assert workspace_state(ws.root) == before
    ws.close()


def test_a_broken_download_names_the_url(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/consolidated.xml").respond_with_data(b"<CONSOLIDATED_LIST><IND")
    ws = Workspace.open(tmp_path / "ws")
    before = workspace_state(ws.root)
    with pytest.raises(Exception, match=r"http://.*/consolidated.xml"):
        pull_list(ws, "un", httpserver.url_for("/consolidated.xml"))
    assert workspace_state(ws.root) == before
    ws.close()
