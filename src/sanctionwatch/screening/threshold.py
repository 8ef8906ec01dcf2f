"""The default match threshold, apart so the CLI can show it without loading the model."""

DEFAULT_THRESHOLD = 0.5
