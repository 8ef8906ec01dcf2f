"""`python -m sanctionwatch` runs the CLI."""

from sanctionwatch.cli import run

run()
