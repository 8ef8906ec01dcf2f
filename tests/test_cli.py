"""The command line as a user meets it: real subprocesses, real files, real exit codes."""

from pathlib import Path

import pytest

from tests.helpers import cli, workspace_state

COMMANDS = [
    [],
    ["init"],
    ["sources"],
    ["lists"],
    ["lists", "load"],
    ["lists", "pull"],
    ["lists", "diff"],
    ["lists", "show"],
    ["lists", "snapshots"],
    ["lists", "summary"],
    ["export"],
    ["export", "ftm"],
    ["ingest"],
    ["ingest", "ais"],
    ["ais"],
    ["ais", "decode"],
    ["vessels"],
    ["demo"],
]


def test_version() -> None:
    result = cli("--version")
    assert result.code == 0
    assert result.stdout.startswith("sanctionwatch ")


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "root")
def test_every_command_explains_itself(command: list[str]) -> None:
    result = cli(*command, "--help")
    assert result.code == 0, result.stderr
    assert "Usage" in result.stdout
    assert len(result.stdout.splitlines()) > 5


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert cli("lists", "load", workspace=tmp_path / "ws").code == 2
    assert cli("lists", "frobnicate").code == 2
    assert cli("lists", "load", "x.xml", "--grade", "Z9", workspace=tmp_path / "ws").code == 2


def test_load_reports_acceptance_counts(tmp_path: Path, lists_dir: Path) -> None:
    result = cli(
        "lists",
        "load",
        lists_dir / "un" / "consolidated-2025-08-02.xml",
        lists_dir / "ofac" / "2024-05-03" / "sdn.csv",
        "--json",
        workspace=tmp_path / "ws",
    )
    assert result.code == 0, result.stderr
    un, ofac = result.json()["snapshots"]
    assert un["list"] == "un" and un["by_schema"]["Person"] == 684
    assert sum(un["by_schema"].values()) == 684 + 195
    assert un["dprk"] == {"Person": 80, "Organization": 75, "Vessel": 0, "Airplane": 0}
    assert ofac["entries"] == 14965
    assert ofac["dprk"] == {"Person": 164, "Organization": 199, "Vessel": 105, "Airplane": 16}
    for snapshot in (un, ofac):
        assert len(snapshot["sha256"]) == 64

    sources = cli("sources", "--json", workspace=tmp_path / "ws").json()["sources"]
    assert [s["kind"] for s in sources] == ["un_consolidated_xml", "ofac_sdn_csv"]

    shown = cli("lists", "show", "KPi.033", "--json", workspace=tmp_path / "ws")
    assert shown.code == 0, shown.stderr
    entry = shown.json()
    assert entry["schema"] == "Person" and entry["programmes"] == ["DPRK"]
    assert entry["sources"][0]["sha256"] == un["sha256"]
    assert "name" in entry["properties"]

    missing = cli("lists", "show", "KPi.999", "--json", workspace=tmp_path / "ws")
    assert missing.code == 1 and "KPi.999" in missing.stderr and missing.stdout == ""

    summary = cli("lists", "summary", "--json", workspace=tmp_path / "ws").json()
    by_list = {item["list"]: item for item in summary["lists"]}
    assert by_list["ofac"]["dprk_total"] == 484
    assert by_list["ofac"]["vessels_total"] == 105
    assert all(v["imo"] or v["id"] == "ofac:17104" for v in by_list["ofac"]["vessels"])
    assert by_list["un"]["newest"][0]["listed_on"] >= by_list["un"]["newest"][-1]["listed_on"]

    exported = tmp_path / "all.ftm.json"
    done = cli("export", "ftm", "--out", exported, "--json", workspace=tmp_path / "ws")
    assert done.code == 0 and done.json()["entities"] == 2 * (879 + 14965)


def test_diff_names_what_changed(lists_dir: Path, tmp_path: Path) -> None:
    result = cli(
        "lists",
        "diff",
        lists_dir / "un" / "consolidated-2024-09-26.xml",
        lists_dir / "un" / "consolidated-2025-08-02.xml",
        "--detail",
        "--json",
        workspace=tmp_path / "ws",
    )
    assert result.code == 0, result.stderr
    doc = result.json()
    assert [e["id"] for e in doc["added"]] == [
        "HTe.001",
        "HTe.002",
        "HTi.006",
        "HTi.007",
        "QDi.436",
        "SDi.005",
        "SDi.006",
    ]
    assert [e["id"] for e in doc["removed"]] == ["LYi.020", "QDi.095", "QDi.328"]
    assert all(e["changes"] for e in doc["changed"])
    plain = cli(
        "lists",
        "diff",
        lists_dir / "un" / "consolidated-2024-09-26.xml",
        lists_dir / "un" / "consolidated-2025-08-02.xml",
        workspace=tmp_path / "ws",
    )
    assert plain.code == 0 and "HTe.001" in plain.stdout


def _bad_inputs(tmp_path: Path, lists_dir: Path) -> dict[str, tuple[Path, str]]:
    real_xml = (lists_dir / "un" / "consolidated-2025-08-02.xml").read_bytes()
    real_csv = (lists_dir / "ofac" / "2024-05-03" / "sdn.csv").read_bytes()
    cases = {
        "external-entity": (
            b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
            b"<CONSOLIDATED_LIST>&e;</CONSOLIDATED_LIST>\n",
            "unsafe XML",
        ),
        "billion-laughs": (
            b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
            + b"".join(
                f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode()
                for i in range(1, 10)
            )
            + b"]>\n<CONSOLIDATED_LIST>&lol9;</CONSOLIDATED_LIST>\n",
            "unsafe XML",
        ),
        "truncated": (real_xml[: len(real_xml) // 2], "malformed XML"),
        "wrong-field-count": (
            real_csv.rstrip(b"\x1a") + b'99999999,"BROKEN ROW","individual"\r\n',
            "fields",
        ),
        "empty": (b"", "empty"),
        "binary": (bytes(range(256)) * 8, "binary"),
    }
    made = {}
    for name, (data, message) in cases.items():
        suffix = ".csv" if name == "wrong-field-count" else ".xml"
        if name in ("empty", "binary"):
            suffix = ".dat"
        folder = tmp_path / "inputs" / name
        folder.mkdir(parents=True)
        path = folder / (("sdn" if suffix == ".csv" else "list") + suffix)
        path.write_bytes(data)
        made[name] = (path, message)
    return made


def test_bad_input_exits_1_names_the_place_and_changes_nothing(
    tmp_path: Path, lists_dir: Path
) -> None:
    ws = tmp_path / "ws"
    seed = cli("lists", "load", lists_dir / "un" / "consolidated-2024-09-26.xml", workspace=ws)
    assert seed.code == 0, seed.stderr
    before = workspace_state(ws)
    for name, (path, message) in _bad_inputs(tmp_path, lists_dir).items():
        result = cli("lists", "load", path, "--json", workspace=ws)
        assert result.code == 1, (name, result.stderr)
        assert str(path) in result.stderr, (name, result.stderr)
        assert message.lower() in result.stderr.lower(), (name, result.stderr)
        assert result.stdout == "", name
        assert workspace_state(ws) == before, name
    wrong = cli(
        "lists",
        "load",
        _bad_inputs(tmp_path / "again", lists_dir)["wrong-field-count"][0],
        workspace=ws,
    )
    assert ":14966" in wrong.stderr  # the line of the bad row


def test_truncated_xml_names_its_line(tmp_path: Path, lists_dir: Path) -> None:
    path = _bad_inputs(tmp_path, lists_dir)["truncated"][0]
    result = cli("lists", "load", path, workspace=tmp_path / "ws")
    assert result.code == 1
    assert f"{path}:" in result.stderr


def test_bad_input_on_a_new_workspace_creates_nothing(tmp_path: Path) -> None:
    empty = tmp_path / "empty.xml"
    empty.write_bytes(b"")
    result = cli("lists", "load", empty, workspace=tmp_path / "ws")
    assert result.code == 1
    assert not (tmp_path / "ws").exists()


def test_demo_offline_without_lists_explains_and_exits_0(tmp_path: Path) -> None:
    result = cli(
        "demo",
        workspace=tmp_path / "ws",
        env={
            "SANCTIONWATCH_LISTS": "",
            "HTTPS_PROXY": "http://127.0.0.1:9",
            "HTTP_PROXY": "http://127.0.0.1:9",
        },
    )
    assert result.code == 0, result.stderr
    assert "SANCTIONWATCH_LISTS" in result.stderr


def test_demo_with_a_lists_folder_says_what_it_used(tmp_path: Path, lists_dir: Path) -> None:
    result = cli("demo", workspace=tmp_path / "ws", env={"SANCTIONWATCH_LISTS": str(lists_dir)})
    assert result.code == 0, result.stderr
    assert str(lists_dir) in result.stderr
    assert "DPRK designations" in result.stdout
    assert "KP" in result.stdout
