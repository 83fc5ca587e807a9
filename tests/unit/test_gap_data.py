"""Hand-built canonical dataset for the gap tests (and checks that it is canonical).

As of 2026-06-15, window 2026-04-01 … 2026-05-31, April fiscal start (the
current fiscal quarter is FY2026 Q1: 2026-04-01 … 2026-06-30). Expected
numbers are written out in the tests, computed by hand from the tables below.

Leads (classic funnel, stage dates)::

    id  company  emp   source   created  mql    sal    opp    won    disq   reason        owner  budget  fit eng
    L1  Alpha    500   seminar  04-01    04-05  04-07  04-20  05-30                        rep    -       70  50
    L2  Beta     1200  seminar  04-02    04-06  04-20  05-10                               rep    あり    45  35
    L3  Gamma    20    web      04-03    04-08                       04-10  規模が小さい   rep    なし    10  40
    L4  Delta    30    web      04-04    04-09                       04-11  規模が小さい   rep    未定    15  60
    L5  Epsilon  300   web      04-05    04-10                              予算なし       -      -       30  35
    L6  Zeta     10    web      04-06    04-12                                             -      -        5  12
    L7  Eta      800   ad       04-07    05-01                                             -      -       50   5
    L8  Theta    2000  ad       04-08                                                      -      -       65   0
    L9  Iota     50    -        05-31                                                      -      500万円 25  20
    L10 Kappa    100   seminar  03-15    03-20  03-25   (outside the window)                               50  50
    L11 Lambda   100   web      07-01    (created after as_of: excluded)                                    0   0
"""

from __future__ import annotations

import pandas as pd

from abm.dataset import Dataset
from abm.schema import validate

AS_OF = pd.Timestamp("2026-06-15")
START = pd.Timestamp("2026-04-01")
END = pd.Timestamp("2026-05-31")

#: Canary personal data: must never reach the meeting report.
CANARY_EMAIL = "canary.person@example.test"
CANARY_PHONE = "090-0000-1234"
CANARY_NAME = "カナリア太郎"
CANARY_OWNER = "営業花子"


def _d(values: list[str | None]) -> pd.Series:
    return pd.Series(pd.to_datetime(values), dtype="datetime64[ns]")


def _s(values: list[object]) -> pd.Series:
    return pd.Series(values, dtype="string")


def make_leads() -> pd.DataFrame:
    n = 11
    ids = [f"L{i}" for i in range(1, n + 1)]
    return pd.DataFrame(
        {
            "lead_id": _s(ids),
            "email": _s([CANARY_EMAIL] + [f"{i.lower()}@example.test" for i in ids[1:]]),
            "full_name": _s([CANARY_NAME] + [f"Person {i}" for i in ids[1:]]),
            "phone": _s([CANARY_PHONE] + [None] * (n - 1)),
            "company": _s(
                [
                    "Alpha",
                    "Beta",
                    "Gamma",
                    "Delta",
                    "Epsilon",
                    "Zeta",
                    "Eta",
                    "Theta",
                    "Iota",
                    "Kappa",
                    "Lambda",
                ]
            ),
            "employees": pd.array([500, 1200, 20, 30, 300, 10, 800, 2000, 50, 100, 100], "Int64"),
            "lead_source": _s(
                [
                    *("seminar", "seminar", "web", "web", "web", "web"),
                    "ad",
                    "ad",
                    None,
                    "seminar",
                    "web",
                ]
            ),
            "campaign": _s(["spring"] * 4 + ["summer"] * 7),
            "created_at": _d(
                [
                    "2026-04-01",
                    "2026-04-02",
                    "2026-04-03",
                    "2026-04-04",
                    "2026-04-05",
                    "2026-04-06",
                    "2026-04-07",
                    "2026-04-08",
                    "2026-05-31",
                    "2026-03-15",
                    "2026-07-01",
                ]
            ),
            "mql_at": _d(
                [
                    *("2026-04-05", "2026-04-06", "2026-04-08", "2026-04-09", "2026-04-10"),
                    *("2026-04-12", "2026-05-01", None, None, "2026-03-20", "2026-07-02"),
                ]
            ),
            "sal_at": _d(["2026-04-07", "2026-04-20"] + [None] * 7 + ["2026-03-25", None]),
            "opportunity_at": _d(["2026-04-20", "2026-05-10"] + [None] * 9),
            "won_at": _d(["2026-05-30"] + [None] * 10),
            "disqualified_at": _d([None, None, "2026-04-10", "2026-04-11"] + [None] * 7),
            "rejection_reason": _s(
                [None, None, "規模が小さい", "規模が小さい", "予算なし"] + [None] * 6
            ),
            "owner": _s([CANARY_OWNER] * 4 + [None] * 7),
            "budget": _s(
                [None, "あり", "なし", "未定", None, None, None, None, "500万円", None, None]
            ),
            "web_visits": pd.array([2, 3, 10, 8, 5, 6, 0, 1, 0, 4, 0], "Int64"),
            "source_file": _s(["leads.csv"] * n),
            "source_row": pd.array(range(2, n + 2), "Int64"),
        }
    )


def make_scores() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "fit_score": pd.array([70, 45, 10, 15, 30, 5, 50, 65, 25, 50, 0], "Float64"),
            "engagement_score": pd.array([50, 35, 40, 60, 35, 12, 5, 0, 20, 50, 0], "Float64"),
        }
    )


def make_activities() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "lead_id": _s(["L6", "L6", None, "L1", "L8"]),
            "email": _s([None, None, "L6@Example.test", None, None]),
            "timestamp": _d(["2026-04-11", "2026-04-13", "2026-04-14", "2026-04-02", "2026-06-01"]),
            "activity_type": _s(["架電", "Page View", "電話", "Page View", "Page View"]),
            "url": _s([None, "/product", None, "/", "/"]),
        }
    )


def make_opportunities() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "opportunity_id": _s(["O1", "O2", "O3", "O4", "O5", "O6"]),
            "company": _s(["Alpha", "Beta", "Omega", "Psi", "Kappa", "Chi"]),
            "lead_id": _s(["L1", "L2", None, None, "L10", None]),
            "amount": pd.array([1e6, 2e6, 3e6, 5e5, 4e5, 7e5], "Float64"),
            "created_at": _d(
                ["2026-04-20", "2026-05-10", "2026-05-15", "2026-03-01", "2026-04-25", "2026-06-20"]
            ),
            "close_date": _d(
                ["2026-05-30", "2026-06-20", "2026-07-15", "2026-06-01", "2026-04-30", "2026-06-25"]
            ),
            "is_won": pd.array([True, False, False, False, False, False], "boolean"),
            "is_closed": pd.array([True, False, False, False, True, False], "boolean"),
            "lead_source": _s(["seminar", None, "ad", "web", "seminar", "web"]),
        }
    )


def make_accounts() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "company": _s(["Alpha株式会社", "Theta", "Gamma"]),
            "is_target": pd.array([True, True, False], "boolean"),
        }
    )


def make_dataset() -> Dataset:
    return Dataset(
        leads=make_leads(),
        activities=make_activities(),
        opportunities=make_opportunities(),
        accounts=make_accounts(),
    )


def test_fixture_is_canonical():
    ds = make_dataset()
    for name, frame in ds.tables().items():
        issues = validate(frame.drop(columns=["source_file", "source_row"], errors="ignore"), name)
        assert not (issues["severity"] == "error").any(), (name, issues)
    assert ds.row_counts() == {"leads": 11, "activities": 5, "opportunities": 6, "accounts": 3}
