"""Benchmark: a configured source the server prepares ahead (``prepare_ahead``), in Chromium.

A company database generated inside DuckDB (:func:`tests.support.crm_source.write_crm`:
``--leads`` leads, ten activities each) is the administrator's source, with a store.
Before each round new rows arrive in it (so no stored preparation is current), then a
server is started and one browser session opens the funnel page:

* ``plain``: ``streamlit run app.py`` on an empty store — the first session reads, cleans
  and aggregates the source itself (what every first opening of a changed source cost
  before the server prepared it);
* ``ahead, at once, first``: started as ``make run`` starts it (:mod:`abm.ui.launch`) on a
  source never prepared (an empty store), the session comes as soon as the server answers
  and waits for the server's preparation;
* ``ahead, at once``: the same on a source prepared and stored before (by the ``plain``
  round), which changed since: the session opens the data as last prepared while the
  server prepares the new rows (and is offered them once ready);
* ``ahead, later``: the same, the session comes once that preparation is done (the
  ``at once, first`` round's start-to-chart time plus ``--margin`` seconds after the start).

Each figure is the seconds from ``page.goto`` to the funnel's first chart (and, for the
rounds, from the server's start). Peak memory is not measured (two processes and a
worker). Usage::

    .venv/bin/python -m bench.bench_ahead [--leads 1000000] [--margin 20]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from bench.common import Figure, emit
from tests.support.crm_source import source_section, write_crm
from tests.support.server import CHROMIUM, CHROMIUM_ARGS, streamlit_server

TARGET = 15.0


def _funnel(url: str) -> float:
    """Seconds from opening the funnel page in a new browser until its first chart."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        t0 = time.perf_counter()
        page.goto(url + "/Funnel")
        page.get_by_test_id("stPlotlyChart").first.wait_for(timeout=1_800_000)
        seconds = time.perf_counter() - t0
        browser.close()
    return seconds


def _new_rows(db: Path) -> None:
    """New rows arrive in the company's database: its stored preparation is not current."""
    import duckdb

    con = duckdb.connect(str(db))
    con.execute("INSERT INTO crm_leads SELECT * FROM crm_leads LIMIT 3")
    con.close()


def _newest(store: Path) -> str | None:
    """The key stored last in ``store`` (``None``: none yet, or being written)."""
    from abm.engine.prepared import newest

    try:
        found = newest(store)
    except Exception:  # a store another process writes: asked again later
        return None
    return None if found is None else found[0]


def _round(
    db: Path,
    env: dict[str, str],
    log: Path,
    store: Path,
    *,
    launch: bool,
    wait: float = 0.0,
    fresh: bool = False,
) -> tuple:
    _new_rows(db)
    if fresh:  # nothing prepared before: the store starts empty
        for old in store.parent.glob(store.name + "*"):
            old.unlink()
    before = _newest(store)
    t0 = time.perf_counter()
    with streamlit_server(log, env=env, launch=launch) as (url, _proc):
        answered = time.perf_counter() - t0
        time.sleep(max(0.0, wait - answered))
        came = time.perf_counter() - t0
        chart = _funnel(url)
        # the server stores the new data in the background: the next round finds it there
        for _ in range(240):
            found = _newest(store)
            if found is not None and found != before:
                break
            time.sleep(5)
    return answered, came, chart, came + chart


def main() -> None:
    """Run the rounds and print their figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--leads", type=int, default=1_000_000)
    ap.add_argument("--margin", type=float, default=20.0)
    ap.add_argument("--skip-plain", action="store_true")
    args = ap.parse_args()
    n = args.leads
    folder = Path(tempfile.mkdtemp(prefix="mori-ahead-"))
    db = folder / "crm.duckdb"
    print(f"{n:,} leads: {write_crm(db, n)}")
    admin = folder / "mori.toml"
    engine = f'[engine]\nmemory_limit = "4GB"\ntemp_directory = "{folder / "spill"}"\n\n'
    store = folder / "prepared.duckdb"
    admin.write_text(engine + source_section(db, store=store), "utf-8")
    env = {**os.environ, "MORI_CONFIG": str(admin), "HOME": str(folder), "MORI_PERSIST": "0"}
    log = folder / "server.log"
    rounds = [("ahead, at once, first", True, False)]  # the store is empty: nothing older
    if not args.skip_plain:  # on an empty store too; it stores what it prepares
        rounds.append(("plain streamlit run", False, True))
    rounds.append(("ahead, at once", True, False))
    figures, at_once = [], None
    for name, launch, fresh in rounds:
        answered, came, chart, total = _round(db, env, log, store, launch=launch, fresh=fresh)
        if name == "ahead, at once, first":
            at_once = total
        print(f"  {name:<22} answered {answered:6.1f} s · session at {came:6.1f} s · "
              f"chart after {chart:6.1f} s · start to chart {total:6.1f} s", flush=True)  # fmt: skip
        figures.append((name, chart, total))
    assert at_once is not None
    answered, came, chart, total = _round(
        db, env, log, store, launch=True, wait=at_once + args.margin
    )  # the session comes once the server's preparation is done
    print(f"  {'ahead, later':<22} answered {answered:6.1f} s · session at {came:6.1f} s · "
          f"chart after {chart:6.1f} s · start to chart {total:6.1f} s", flush=True)  # fmt: skip
    figures.append(("ahead, later", chart, total))
    big = n >= 1_000_000
    emit(
        Figure("source", f"browser: first session on a changed source, {name} "
               "(funnel chart; start to chart in the note)", n, chart, 1, None, "rss",
               f"≤ {TARGET:.0f} s at 1M", (chart <= TARGET) if big else None,
               f"start to chart {total:.1f} s")
        for name, chart, total in figures
    )  # fmt: skip


if __name__ == "__main__":
    main()
