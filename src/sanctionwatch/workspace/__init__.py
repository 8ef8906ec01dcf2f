"""The store: archive of raw inputs, the catalog, and the analytical tables."""
