"""A lead's linked deals place it in the waterfall (#13): the opportunity report counts.

Hand-built leads and opportunities; every expected count is written out. The engine's
twin of the same rule is checked in ``test_engine_parity.py``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from abm.core.opportunities import person_deals
from abm.funnel import compute_reach, get_model
from abm.funnel.display import method_message
from abm.funnel.reach import NO_DATE, to_days

AS_OF = pd.Timestamp("2026-06-30")
CLASSIC = get_model("classic")  # inquiry, mql, sal, sql, opportunity, won
OPP, WON = 4, 5
STAGE_COLUMNS = ("mql_at", "sal_at", "sql_at", "opportunity_at", "won_at", "lost_at")


def status_leads() -> pd.DataFrame:
    """A BowNow-style export: a status, no stage dates."""
    return pd.DataFrame(
        {
            "lead_id": ["a", "b", "c", "d", "e"],
            "email": ["a@x.co.jp", "b@x.co.jp", "c@y.co.jp", "d@y.co.jp", "e@z.co.jp"],
            "lead_status": ["MQL", "新規", "SQL", "新規", "受注"],
            "created_at": pd.to_datetime(["2026-01-05"] * 5),
        }
    )


def report(rows: list[tuple]) -> pd.DataFrame:
    """Opportunities ``(lead_id, link_rule, phase, created, closed)``."""
    cols = ["lead_id", "link_rule", "stage", "created_at", "close_date"]
    frame = pd.DataFrame(rows, columns=cols)
    for c in ("created_at", "close_date"):
        frame[c] = pd.to_datetime(frame[c])
    return frame


def test_linked_deals_reach_opportunity_and_won():
    opps = report(
        [
            ("a", "email", "受注", "2026-02-01", "2026-04-01"),  # a: MQL status, won deal
            ("b", "id", "提案中", "2026-03-01", "2026-09-30"),  # b: open deal
            ("b", "id", "失注", "2026-02-10", "2026-03-01"),  # b's earlier lost deal
            ("c", "account", "受注", "2026-02-01", "2026-03-01"),  # c's company only
            (None, "none", "受注", "2026-02-01", "2026-03-01"),
        ]
    )
    before = compute_reach(status_leads(), CLASSIC, as_of=AS_OF)
    after = compute_reach(status_leads(), CLASSIC, as_of=AS_OF, opportunities=opps)
    assert before.counts().tolist() == [5, 3, 2, 2, 1, 1]  # c at SQL, e's status says won
    # a and b now reach 商談化 (and every stage before it: MQL a, b, c, e); a also 受注. c's deal is its
    # company's, not c's: c stays at SQL.
    assert after.counts().tolist() == [5, 4, 4, 4, 3, 2]
    assert after.by_deal.tolist() == [True, True, False, False, False]
    assert after.from_deals == 2
    # the stage days a status cannot give come from the deals: first creation, won's close
    assert after.days[0, OPP] == to_days(pd.Series(pd.to_datetime(["2026-02-01"])))[0]
    assert after.days[0, WON] == to_days(pd.Series(pd.to_datetime(["2026-04-01"])))[0]
    assert after.days[1, OPP] == to_days(pd.Series(pd.to_datetime(["2026-02-10"])))[0]
    assert after.days[1, WON] == NO_DATE


def test_a_deal_counts_only_as_of_its_days():
    opps = report(
        [
            ("a", "id", "受注", "2026-05-01", "2026-08-01"),  # won after the as-of day
            ("b", "id", "受注", "2026-07-15", "2026-07-20"),  # created after the as-of day
        ]
    )
    r = compute_reach(status_leads(), CLASSIC, as_of=AS_OF, opportunities=opps)
    assert r.reached[0, OPP] and not r.reached[0, WON]  # a: an open deal on 30 June
    assert not r.reached[1, OPP]  # b: no deal yet
    assert r.from_deals == 1


def test_phase_words_and_flags_decide_won_as_everywhere():
    opps = report(
        [
            ("a", "id", "Closed Won", "2026-02-01", "2026-03-01"),
            ("b", "id", "成立", "2026-02-01", "2026-03-01"),  # Salesforce JA default stage
            ("d", "id", "不成立", "2026-02-01", "2026-03-01"),
        ]
    )
    deals = person_deals(status_leads(), opps, AS_OF)
    assert deals.won.tolist() == [True, True, False, False, False]
    assert deals.opened.tolist() == [True, True, False, True, False]
    r = compute_reach(status_leads(), CLASSIC, as_of=AS_OF, opportunities=opps)
    assert r.reached[:, WON].tolist() == [True, True, False, False, True]
    assert r.reached[:, OPP].tolist() == [True, True, False, True, True]


def test_unprepared_opportunities_link_by_email():
    """A report never prepared (no link_rule) links by id, else by e-mail."""
    opps = pd.DataFrame(
        {
            "email": ["C@Y.CO.JP", "nobody@q.jp"],
            "stage": ["受注", "受注"],
            "close_date": pd.to_datetime(["2026-03-01", "2026-03-01"]),
        }
    )
    r = compute_reach(status_leads(), CLASSIC, as_of=AS_OF, opportunities=opps)
    assert r.reached[:, WON].tolist() == [False, False, True, False, True]
    assert r.days[2, OPP] == NO_DATE  # an undated deal: reached, day unknown


def dated_leads() -> pd.DataFrame:
    """A HubSpot-style export: lifecycle dates, one column (won) empty for both leads."""
    return pd.DataFrame(
        {
            "lead_id": ["h1", "h2"],
            "created_at": pd.to_datetime(["2026-01-05", "2026-01-05"]),
            "mql_at": pd.to_datetime(["2026-01-10", "2026-01-10"]),
            "sql_at": pd.to_datetime(["2026-01-20", None]),
            "opportunity_at": pd.to_datetime(["2026-02-01", None]),
            "won_at": pd.to_datetime([None, None]),
        }
    ).astype({"won_at": "datetime64[ns]"})


def test_dated_leads_take_the_deal_where_their_own_date_is_missing():
    opps = report(
        [
            ("h1", "email", "closedwon", "2026-02-01", "2026-05-01"),
            ("h2", "email", "closedwon", "2026-02-01", "2026-05-01"),
        ]
    )
    strict = compute_reach(dated_leads(), CLASSIC, as_of=AS_OF, opportunities=opps)
    # h1 has its own path to 商談化; its won deal closes it. h2 has no SQL date while the
    # SQL column exists: placed from its dates, it skipped SQL, so strict mode stops at MQL.
    assert strict.reached[0].tolist() == [True, True, True, True, True, True]
    assert strict.reached[1].tolist() == [True, True, True, False, False, False]
    assert strict.by_deal.tolist() == [True, False]  # h2 is not counted at the deal's stage
    assert strict.skipped == 1
    loose = compute_reach(dated_leads(), CLASSIC, as_of=AS_OF, opportunities=opps, strict=False)
    assert loose.reached[1, OPP] and loose.reached[1, WON]
    assert strict.method == "dates"  # both leads have dates of their own


def test_no_opportunities_changes_nothing_and_subsets_keep_the_mark():
    leads = status_leads()
    plain = compute_reach(leads, CLASSIC, as_of=AS_OF)
    empty = compute_reach(leads, CLASSIC, as_of=AS_OF, opportunities=report([]))
    np.testing.assert_array_equal(plain.reached, empty.reached)
    assert plain.from_deals == empty.from_deals == 0
    opps = report([("a", "id", "受注", "2026-02-01", "2026-04-01")])
    r = compute_reach(leads, CLASSIC, as_of=AS_OF, opportunities=opps)
    part = r.subset(np.array([True, False, True, False, True]))
    assert part.by_deal.tolist() == [True, False, False] and part.from_deals == 1
    assert r.created_between(pd.Timestamp("2026-02-01"), None).from_deals == 0


def test_method_message_says_how_many_leads_a_deal_placed():
    opps = report([("a", "id", "受注", "2026-02-01", "2026-04-01")])
    r = compute_reach(status_leads(), CLASSIC, as_of=AS_OF, opportunities=opps)
    _, en = method_message(r, "en")
    _, ja = method_message(r, "ja")
    assert "1 leads are counted at Opportunity or beyond from the deals linked" in en
    assert "1件のリードは、ひも付いた商談（商談ファイル）から「商談化」以降" in ja
    _, plain = method_message(compute_reach(status_leads(), CLASSIC, as_of=AS_OF), "en")
    assert "deals linked" not in plain


def test_a_deal_only_adds_stages_to_a_status_placed_lead_in_a_dated_export():
    """Review finding: a lead placed by its status (no dates of its own) in an export with
    stage dates kept its MQL..SQL when a deal was linked, and gains 商談化."""
    leads = pd.DataFrame(
        {
            "lead_id": ["x", "y", "z"],
            "lead_status": ["SQL", "新規", "SQL"],
            "created_at": pd.to_datetime(["2026-01-05"] * 3),
            "mql_at": pd.to_datetime([None, None, "2026-01-10"]),
            "sql_at": pd.to_datetime([None, None, "2026-01-20"]),
        }
    )
    opps = report(
        [
            ("x", "id", "提案中", "2026-03-01", "2026-09-30"),
            ("y", "id", "受注", "2026-03-01", "2026-04-30"),
        ]
    )
    alone = compute_reach(leads, CLASSIC, as_of=AS_OF)
    r = compute_reach(leads, CLASSIC, as_of=AS_OF, opportunities=opps)
    assert alone.reached[0].tolist() == [True, True, True, True, False, False]
    assert r.reached[0].tolist() == [True, True, True, True, True, False]  # x: + 商談化
    # y: 新規 with a won deal and no MQL in a dated export skipped MQL: strict stops there
    assert r.reached[1].tolist() == [True, False, False, False, False, False]
    # (SAL has no date column in this export: passed, as a dated lead passes it)
    assert r.seen[1].tolist() == [True, False, True, False, True, True]
    loose = compute_reach(leads, CLASSIC, as_of=AS_OF, opportunities=opps, strict=False)
    assert loose.reached[1].tolist() == [True, False, True, False, True, True]
    assert np.all(r.seen >= alone.seen)  # a deal never takes a stage away
    assert r.skipped == alone.skipped + 1
    assert r.by_deal.tolist() == [True, False, False]  # y is not counted at its deal's stage
    assert loose.by_deal.tolist() == [True, True, False]


def test_a_lead_whose_deals_are_all_lost_takes_the_lost_detour():
    opps = report(
        [
            ("a", "id", "失注", "2026-02-01", "2026-03-01"),
            ("b", "id", "失注", "2026-02-01", "2026-03-01"),
            ("b", "id", "提案中", "2026-04-01", "2026-09-30"),  # b still has an open deal
        ]
    )
    deals = person_deals(status_leads(), opps, AS_OF)
    assert deals.lost.tolist() == [True, False, False, False, False]
    r = compute_reach(status_leads(), CLASSIC, as_of=AS_OF, opportunities=opps)
    assert r.detour[:, 0].tolist() == [True, False, False, False, False]  # lost, not stalled
    from abm.funnel import stalled_leads

    stalled = stalled_leads(r, {"opportunity": 1})
    assert stalled["row"].tolist() == [1]  # b's open deal waits; a's lost one does not


def test_a_model_that_starts_at_the_opportunity_adds_nothing_there():
    from abm.funnel import custom_model

    model = custom_model(["opportunity", "won"])
    opps = report([("a", "id", "受注", "2026-02-01", "2026-04-01")])
    r = compute_reach(status_leads(), model, as_of=AS_OF, opportunities=opps)
    assert r.counts().tolist() == [5, 2]  # a by its deal, e by its status
    assert r.from_deals == 1
    assert r.days[0, 0] == to_days(pd.Series(pd.to_datetime(["2026-01-05"])))[0]  # creation


def test_a_deal_dated_before_the_leads_own_stage_takes_nothing_away():
    """Second review: a deal's day filled where the lead's own record already reached the
    stage (status 商談化 / 受注, no opportunity column) failed the strict order check."""
    leads = pd.DataFrame(
        {
            "lead_id": ["p", "q"],
            "lead_status": ["商談化", "受注"],
            "created_at": pd.to_datetime(["2024-01-05", "2022-01-05"]),
            "mql_at": pd.to_datetime(["2024-01-10", "2022-02-01"]),
            "sql_at": pd.to_datetime(["2024-03-10", "2022-03-01"]),
            "won_at": pd.to_datetime([None, "2023-05-01"]),
        }
    )
    opps = report(
        [
            ("p", "id", "提案中", "2024-02-20", "2026-09-30"),  # before p's own SQL date
            ("q", "id", "提案中", "2024-01-10", "2026-09-30"),  # q's later upsell
        ]
    )
    alone = compute_reach(leads, CLASSIC, as_of=AS_OF)
    r = compute_reach(leads, CLASSIC, as_of=AS_OF, opportunities=opps)
    assert alone.reached[:, OPP].tolist() == [True, True]
    np.testing.assert_array_equal(r.reached, alone.reached)
    assert r.days[0, OPP] == NO_DATE  # its own record says 商談化: the deal adds no day
    assert r.from_deals == 0


def test_an_optional_stage_a_status_gives_stays_beside_a_deal():
    """Second review: in an export without stage dates a deal lifted the lead past the
    optional AQL its status named, which then was not counted."""
    model = get_model("sd2012")
    aql = next(s for s in model.stages if s.optional)
    leads = pd.DataFrame(
        {"lead_id": ["u"], "lead_status": [aql.ja], "created_at": pd.to_datetime(["2026-01-05"])}
    )
    opps = report([("u", "id", "提案中", "2026-03-01", "2026-09-30")])
    alone = compute_reach(leads, model, as_of=AS_OF)
    r = compute_reach(leads, model, as_of=AS_OF, opportunities=opps)
    j = model.keys.index(aql.key)
    assert alone.seen[0, j] and r.seen[0, j]
    assert np.all(r.seen >= alone.seen) and r.from_deals == 1


@settings(max_examples=40)
@given(seed=st.integers(0, 2**32 - 1), columns=st.sets(st.sampled_from(STAGE_COLUMNS)))
def test_a_deal_never_takes_a_stage_away(seed, columns):
    """Property: on any small world (any stage-date columns, statuses, deals), every model,
    strict or not, a lead counted at a stage without the deals is counted with them."""
    rng = np.random.default_rng(seed)
    n = 40
    created = pd.Timestamp("2025-01-01") + pd.to_timedelta(rng.integers(0, 400, n), unit="D")
    leads = pd.DataFrame(
        {
            "lead_id": [f"L{i}" for i in range(n)],
            "created_at": created,
            "lead_status": rng.choice(
                ["新規", "MQL", "SAL", "SQL", "商談化", "受注", "AQL", None], n
            ),
        }
    )
    for c in sorted(columns):
        shift = pd.to_timedelta(rng.integers(-30, 200, n), unit="D")
        leads[c] = (created + shift).where(rng.random(n) < 0.5)
    m = 25
    opened = pd.Timestamp("2025-01-01") + pd.to_timedelta(rng.integers(0, 500, m), unit="D")
    opps = pd.DataFrame(
        {
            "lead_id": [f"L{i}" for i in rng.integers(0, n, m)],
            "link_rule": rng.choice(["id", "email", "account"], m),
            "stage": rng.choice(["受注", "失注", "提案中"], m),
            "created_at": opened.where(rng.random(m) < 0.8),
            "close_date": opened + pd.to_timedelta(rng.integers(0, 120, m), unit="D"),
        }
    )
    for key in ("classic", "sd2012", "the_model", "the_model_sal_after_sql"):
        model = get_model(key)
        for strict in (True, False):
            alone = compute_reach(leads, model, as_of=AS_OF, strict=strict)
            r = compute_reach(leads, model, as_of=AS_OF, strict=strict, opportunities=opps)
            assert np.all(r.seen >= alone.seen), (key, strict)
            assert np.all(r.reached >= alone.reached), (key, strict)
