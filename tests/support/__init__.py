"""Shared support for tests and benchmarks: worlds to test on, app sessions, servers.

Tests and ``bench/`` both import from here (never tests from ``bench``).
"""
