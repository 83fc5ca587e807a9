"""Shared support for tests and benchmarks: worlds to test on, app sessions, servers.

Tests and ``bench/`` both import from here, never tests from ``bench``
(``tests/unit/test_support.py`` checks it):

* :mod:`~tests.support.worlds`, :mod:`~tests.support.scoring_world` — datasets
  to test agreement on; :mod:`~tests.support.hostile` — hostile files;
  :mod:`~tests.support.exports` — big synthetic tool exports;
  :mod:`~tests.support.namegen` and :mod:`~tests.support.realnames` —
  labelled company names for 名寄せ;
* :mod:`~tests.support.apptest` — AppTest sessions with data installed as the
  loader does;
* :mod:`~tests.support.server` — ``streamlit run app.py`` on a free loopback
  port; :mod:`~tests.support.protocol` — the browser's websocket protocol
  (a session, a simulated person); :mod:`~tests.support.load` — many of them.
"""
