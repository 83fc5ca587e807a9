"""Loopback load bench: 20 people on the demo's scoring page at once (``make bench``).

Starts a real ``streamlit run app.py`` with the repository's config
(:func:`tests.support.server.streamlit_server`), runs the load of
:mod:`tests.support.load` — each simulated person speaks the browser's
websocket protocol (:mod:`tests.support.protocol`): it loads the demo with
``?demo=1``, opens the scoring page and moves a scoring slider with think
time between moves — and prints the table: open times, rerun p50 / p95 per
round and the server's resident memory after each round. A *rerun* is timed
from sending the widget change to receiving ``script_finished``, what a
person waits for. ``tests/load/test_load.py`` runs the same load and asserts
what must hold (every move answered, no cross-talk, bounded memory growth).

Usage::

    .venv/bin/python -m bench.load [--sessions 20] [--rounds 3] [--moves 5] [--think 1,3]
"""

from __future__ import annotations

import argparse
import os

from tests.support.load import run_load_blocking
from tests.support.server import streamlit_server


def main(argv: list[str] | None = None) -> None:
    """Start a server, run the load, print the table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--moves", type=int, default=5)
    ap.add_argument("--think", default="1,3", help="think-time range in seconds, 'lo,hi'")
    ap.add_argument("server_args", nargs="*", help="extra `streamlit run` options, after --")
    args = ap.parse_args(argv)
    lo, hi = (float(x) for x in args.think.split(","))
    with streamlit_server(extra_args=tuple(args.server_args)) as (url, proc):
        report = run_load_blocking(
            url,
            proc.pid,
            sessions=args.sessions,
            rounds=args.rounds,
            moves=args.moves,
            think=(lo, hi),
        )
    print(
        f"{args.sessions} sessions on the demo data, scoring slider, think {lo:g}–{hi:g} s, "
        f"{args.moves} moves × {args.rounds} rounds; {os.cpu_count()} cores; "
        f"wall {report.wall_seconds:.0f} s"
    )
    print(report.table())
    from abm.demo import load_demo
    from bench.common import Figure, emit

    demo_leads = len(load_demo().leads)
    who = f"{args.sessions} sessions at once"
    emit(
        [
            Figure(
                "load (loopback server)",
                f"{who}: open the demo + scoring page (slowest)",
                demo_leads,
                max(report.open_seconds),
                args.sessions,
                report.round_rss_mib[0],
                memory="rss",
            ),
            Figure(
                "load (loopback server)",
                f"{who}: slider rerun p95, think {lo:g}–{hi:g} s",
                demo_leads,
                report.p95,
                len(report.reruns),
                max(report.round_rss_mib),
                memory="rss",
                target="p95 ≤ 1 s; memory growth ≤ 5 % a round",
                met=report.p95 <= 1.0 and report.growth_last <= 0.05,
                note=f"p50 {report.p50:.2f} s, growth {report.growth_last:+.1%}",
            ),
        ]
    )


if __name__ == "__main__":
    main()
