"""Nothing is lost (issue #8): for every fixture, kept + merged + excluded = input rows.

Each lead export we have — the ingestion fixtures (every encoding, delimiter,
title rows, xlsx), the demo's two lead exports alone and together, the XSS
and PII-canary fixtures, and the benches' synthetic exports — goes through
the real path (``read_table`` → ``suggest_mapping`` → ``build_dataset`` →
``abm.pipeline.prepare``). The number of data rows is counted independently
from the file (``csv`` / openpyxl, non-blank records below the header), and
every one of those rows must come out exactly once: kept, merged into a kept
person (saying which), or excluded with a reason — matched by its lineage
(``source_file``, ``source_row``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

import pandas as pd
import pytest
from test_ingest_fixtures import files

from abm.demo import demo_files
from abm.errors import MoriError
from abm.ingest import build_dataset, read_table, suggest_mapping
from abm.pipeline import prepare


def _bench_export() -> bytes:
    from tests.support.exports import make_export

    return make_export(3000, seed=3)


def _namegen_export() -> bytes:
    from tests.support.namegen import generate

    leads, _ = generate(3000, seed=5)
    return leads.to_csv(index=False).encode("utf-8")


def _hostile() -> bytes:
    from tests.e2e.test_xss import hostile_csv

    return hostile_csv()


def _canary() -> bytes:
    from tests.e2e.test_privacy import canary_csv

    return canary_csv()


SOURCES: dict[str, Callable[[], list[tuple[str, bytes]]]] = {
    **{
        name: (lambda name=name: [(name, files()[name])])
        for name in sorted(files())
        if name.startswith(("leads", "bownow"))
    },
    **{
        f"demo/{name}": (lambda name=name, data=data: [(name, data)])
        for name, data in demo_files()
        if "leads" in name or "contacts" in name
    },
    "demo: both lead exports together": lambda: [
        (n, d) for n, d in demo_files() if "leads" in n or "contacts" in n
    ],
    "bench_ingest export (CP932, title rows)": lambda: [("bownow_bench.csv", _bench_export())],
    "bench namegen (名寄せ labelled names)": lambda: [("namegen.csv", _namegen_export())],
    "xss fixture": lambda: [("hostile.csv", _hostile())],
    "pii canary fixture": lambda: [("canary.csv", _canary())],
}


def _data_rows(raw) -> set[int]:
    """Lines (sheet rows) of the non-blank records below the header, read independently."""
    if raw.encoding == "xlsx":
        from openpyxl import load_workbook

        wb = load_workbook(io.BytesIO(raw_bytes[raw.file]), read_only=True, data_only=True)
        ws = wb[raw.sheet] if raw.sheet else wb.worksheets[0]
        out = set()
        for i, row in enumerate(ws.iter_rows(values_only=True), start=1):
            if i > raw.header_row and any(str(v).strip() for v in row if v is not None):
                out.add(i)
        wb.close()
        return out
    text = raw_bytes[raw.file].decode(raw.encoding)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=raw.delimiter)
    out, start = set(), 1
    for record in reader:
        if start > raw.header_row and any(c.strip() for c in record):
            out.add(start)
        start = reader.line_num + 1
    return out


raw_bytes: dict[str, bytes] = {}


@pytest.mark.parametrize("source", sorted(SOURCES))
def test_every_lead_row_is_kept_merged_or_excluded(source: str) -> None:
    parts, expected = [], set()
    for name, data in SOURCES[source]():
        raw_bytes[name] = data
        try:
            raw = read_table(data, name)
        except MoriError:  # pragma: no cover - every source here is a good file
            pytest.fail(f"{source}: {name} was refused")
        mapping = suggest_mapping(raw)
        assert mapping.table == "leads", (source, name, mapping.table)
        rows = _data_rows(raw)
        assert set(raw.frame.index) == rows, (source, name, "read_table dropped or added rows")
        expected |= {(name, r) for r in rows}
        parts.append((raw, mapping))
    dataset = build_dataset(parts)
    assert len(dataset.leads) == len(expected)
    clean = prepare(dataset).clean
    kept, merged, excluded = clean.kept, clean.merged, clean.excluded
    assert len(kept) + len(merged) + len(excluded) == len(expected), source
    seen = pd.concat(
        [f[["source_file", "source_row"]] for f in (kept, merged, excluded)], ignore_index=True
    )
    pairs = list(zip(seen["source_file"], seen["source_row"].astype(int), strict=True))
    assert len(pairs) == len(set(pairs)), f"{source}: a row came out twice"
    assert set(pairs) == expected, f"{source}: rows lost or invented"
    assert excluded["exclusion_reason"].notna().all()
    assert merged["merged_into"].isin(kept.index.astype(str)).all() or merged.empty
    assert clean.summary["rows_in"] == len(expected)
