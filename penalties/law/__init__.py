"""The law as pure code: standard library (and the `holidays` data package) only."""
