"""Shared pieces of the command line: the apps, the global options, option parsers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sanctionwatch import __version__

if TYPE_CHECKING:  # the workspace stack is imported only by commands that use it
    from sanctionwatch.workspace.workspace import Workspace

WORKSPACE_ENV = "SANCTIONWATCH_WORKSPACE"
app = typer.Typer(
    name="sanctionwatch",
    help="Monitor UN Security Council sanctions on the DPRK: sanctions lists, ship tracking, "
    "screening, findings and reports that rebuild from graded, hash-pinned inputs.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)
lists_app = typer.Typer(
    help="Sanctions lists: load, compare, pull and inspect.", no_args_is_help=True
)
export_app = typer.Typer(help="Export what the workspace holds.", no_args_is_help=True)
ingest_app = typer.Typer(
    help="Bring data into the workspace: AIS, member reports, petroleum notifications.",
    no_args_is_help=True,
)
ais_app = typer.Typer(help="AIS tools that work on files directly.", no_args_is_help=True)
app.add_typer(lists_app, name="lists")
app.add_typer(ingest_app, name="ingest")
app.add_typer(ais_app, name="ais")
screen_app = typer.Typer(
    help="Screen vessels, companies and people against the loaded lists.", no_args_is_help=True
)
app.add_typer(export_app, name="export")
app.add_typer(screen_app, name="screen")

JsonFlag = Annotated[
    bool, typer.Option("--json", help="Print one JSON document on stdout instead of tables.")
]


def _version(value: bool) -> None:
    if value:
        print(f"sanctionwatch {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    workspace: Annotated[
        Path,
        typer.Option(
            "--workspace",
            "-w",
            envvar=WORKSPACE_ENV,
            help="Workspace directory (archive, catalog, analytical store); created on first use.",
            show_default=True,
        ),
    ] = Path("workspace"),
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    ctx.obj = {"workspace": workspace}


@contextmanager
def workspace_of(ctx: typer.Context) -> Iterator[Workspace]:
    """The workspace named by --workspace, closed when the command is done with it."""
    ws = open_workspace(ctx)
    try:
        yield ws
    finally:
        ws.close()


def open_workspace(ctx: typer.Context, catalog_url: str | None = None) -> Workspace:
    from sanctionwatch.workspace.workspace import Workspace  # here: keeps --help fast

    root_ctx = ctx.find_root()
    return Workspace.open(root_ctx.obj["workspace"], catalog_url=catalog_url)


def parse_grade(grade: str) -> tuple[str, int]:
    grade = grade.strip().upper()
    if len(grade) != 2 or grade[0] not in "ABCDEF" or grade[1] not in "123456":
        raise typer.BadParameter(
            "an Admiralty grade such as A1 (A-F then 1-6)", param_hint="--grade"
        )
    return grade[0], int(grade[1])


def parse_releasability(value: str) -> tuple[str, ...]:
    audiences = tuple(p.strip() for p in value.split(",") if p.strip())
    if audiences == ("public",):
        return audiences
    if not audiences or not all(re.fullmatch(r"[A-Z]{2,3}", a) for a in audiences):
        raise typer.BadParameter(
            "'public', or member codes such as AU,GB,JP (ISO 3166 alpha-2 or alpha-3)",
            param_hint="--releasable-to",
        )
    return audiences


def parse_date(value: str | None, option: str) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter("an ISO date such as 2024-05-03", param_hint=option) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
