"""AIS in the workspace: ingest files, list vessels, decode for other tools."""
