"""Reports anyone can check: figures, HTML and PDF, the manifest and `verify`."""
