"""Readers: one per external format, each turning raw bytes into canonical records.

Readers never write storage; the workspace does.
"""
