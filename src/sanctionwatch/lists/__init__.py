"""Sanctions lists in the workspace: read, load, compare, pull, export."""
