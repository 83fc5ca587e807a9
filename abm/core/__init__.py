"""Shared layer between :mod:`abm.schema` and the feature packages.

Each module defines one thing once for every area, e.g. :mod:`abm.core.config`
(declared, validated configs) and :mod:`abm.core.safejson` (JSON read with
depth, size, number and Unicode guards).
"""
