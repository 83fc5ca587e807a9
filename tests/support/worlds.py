"""Datasets to test agreement on: the demo, generated worlds, and the edge cases.

A *world* is a loaded :class:`abm.dataset.Dataset` plus the as-of date its
pages are read at. :func:`generated_world` runs the demo generator with
another seed and loads its files through the real ingestion path;
:func:`with_edge_cases` adds the rows that made two pages disagree:

* an opportunity closed (won) at 15:00 on the as-of day;
* one with ``is_won`` true and ``is_closed`` false;
* opportunities that name only a company (no person), open and won;
* existing-customer wins of a company with no lead at all;
* leads with no account evidence (free mail, no company) and their activities,
  including sales touches (``電話``, ``商談``) that only the shared activity
  vocabulary classes as sales.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from abm.dataset import Dataset

__all__ = ["World", "demo_world", "generated_world", "with_edge_cases"]


@dataclass(frozen=True)
class World:
    """A dataset and the as-of date its pages are compared at."""

    name: str
    dataset: Dataset
    as_of: pd.Timestamp


def demo_world() -> World:
    """The bundled demo, at its latest date."""
    from abm.demo import load_demo

    ds = load_demo()
    return World("demo", ds, ds.latest_date())


def generated_world(seed: int, folder: Path) -> World:
    """The demo generator's world for ``seed``, written to ``folder`` and loaded as a user would."""
    from abm.ingest import load_files
    from data.generate import generate

    generate(folder, seed=seed)
    files = sorted((folder / "demo").iterdir())
    dataset, errors = load_files([(f.name, f.read_bytes()) for f in files])
    if errors:
        raise RuntimeError(f"generated world {seed} did not load: {errors}")
    return World(f"seed{seed}", dataset, dataset.latest_date())


def _append(frame: pd.DataFrame | None, rows: list[dict]) -> pd.DataFrame:
    extra = pd.DataFrame(rows)
    if frame is None:
        return extra
    for col in extra.columns:
        if col in frame.columns:
            extra[col] = extra[col].astype(frame[col].dtype)
    return pd.concat([frame, extra], ignore_index=True)


def with_edge_cases(world: World) -> World:
    """``world`` plus the edge-case rows of the module docstring."""
    ds, day = world.dataset, world.as_of.normalize()
    leads = ds.leads
    some = leads.dropna(subset=["company", "email"]).iloc[:3]
    company = str(some["company"].iloc[0])
    email = str(some["email"].iloc[1])
    when = day - pd.Timedelta(days=20)
    opp_rows = [
        {"opportunity_id": "edge-15h", "company": company, "amount": 1_000_000.0,
         "stage": "受注", "is_won": True, "is_closed": True, "created_at": when,
         "close_date": day + pd.Timedelta(hours=15)},
        {"opportunity_id": "edge-won-open-flag", "email": email, "amount": 2_000_000.0,
         "stage": "受注", "is_won": True, "is_closed": False, "created_at": when,
         "close_date": day - pd.Timedelta(days=1)},
        {"opportunity_id": "edge-company-open", "company": company, "amount": 3_000_000.0,
         "stage": "提案", "created_at": when, "close_date": day + pd.Timedelta(days=30)},
        {"opportunity_id": "edge-phase-won", "company": company, "amount": 4_000_000.0,
         "stage": "成立", "created_at": when, "close_date": day - pd.Timedelta(days=2)},
        {"opportunity_id": "edge-customer", "company": "株式会社既存顧客だけの会社",
         "amount": 5_000_000.0, "stage": "受注", "is_won": True, "is_closed": True,
         "created_at": when, "close_date": day - pd.Timedelta(days=3)},
        {"opportunity_id": "edge-future", "company": company, "amount": 6_000_000.0,
         "stage": "受注", "is_won": True, "is_closed": True,
         "created_at": day + pd.Timedelta(days=1), "close_date": day + pd.Timedelta(days=2)},
    ]  # fmt: skip
    n = len(leads)
    lead_rows = [
        {"lead_id": f"edge-free-{i}", "email": f"edge.person{i}@gmail.com",
         "full_name": f"端 太郎{i}", "created_at": when,
         "source_file": "edge.csv", "source_row": i + 2}
        for i in range(2)
    ]  # fmt: skip
    act_rows = [
        {"lead_id": "edge-free-0", "email": "edge.person0@gmail.com", "timestamp": when,
         "activity_type": t, "source_file": "edge_activities.csv", "source_row": i + 2}
        for i, t in enumerate(("電話", "商談", "ページ閲覧"))
    ]  # fmt: skip
    out = replace(
        ds,
        leads=_append(leads, lead_rows),
        activities=_append(ds.activities, act_rows) if ds.activities is not None else None,
        opportunities=_append(ds.opportunities, opp_rows),
    )
    assert len(out.leads) == n + 2
    return World(world.name + "+edges", out, world.as_of)
