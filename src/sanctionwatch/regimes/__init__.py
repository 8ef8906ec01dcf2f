"""Sanctions regimes as data: one YAML file per regime, read by ``assess.regime``."""
