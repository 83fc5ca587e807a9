"""Benchmarks: scripts printing a table (median of runs, peak memory); never timed unit tests."""
