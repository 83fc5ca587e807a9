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
from abm.funnel.models import DETOURS
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
    assert "Of the leads shown, 1 are counted at Opportunity or beyond from the deals" in en
    assert "表示中のリードのうち1件は、ひも付いた商談（商談ファイル）から「商談化」以降" in ja
    # the sentence counts the leads the waterfall shows (QA: it counted every lead)
    leads = status_leads().assign(
        created_at=pd.to_datetime(["2026-01-05", "2026-03-01"] * 2 + ["2026-03-01"])
    )
    opps = report(
        [
            ("a", "id", "受注", "2026-02-01", "2026-04-01"),
            ("b", "id", "提案中", "2026-03-10", "2026-09-30"),
        ]
    )
    every = compute_reach(leads, CLASSIC, as_of=AS_OF, opportunities=opps)
    assert every.from_deals == 2
    shown = every.created_between(pd.Timestamp("2026-02-01"), AS_OF)
    assert shown.n == 3 and shown.from_deals == 1  # b only: a was created in January
    _, text = method_message(every, "en", shown)
    assert "Of the leads shown, 1 are counted" in text
    _, plain = method_message(compute_reach(status_leads(), CLASSIC, as_of=AS_OF), "en")
    assert "deals linked" not in plain


def test_a_status_placed_lead_in_a_dated_export_reads_its_deal_as_a_status():
    """Reviews and QA: a lead placed by its status (no dates of its own) in an export with
    stage dates keeps its MQL..SQL when a deal is linked (a review found them lost), and
    reads the deal as its status does (QA: lifecycle 'Opportunity' counted, a deal not)."""
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
            ("z", "id", "受注", "2026-03-01", "2026-04-30"),
        ]
    )
    alone = compute_reach(leads, CLASSIC, as_of=AS_OF)
    r = compute_reach(leads, CLASSIC, as_of=AS_OF, opportunities=opps)
    assert alone.reached[0].tolist() == [True, True, True, True, False, False]
    assert r.reached[0].tolist() == [True, True, True, True, True, False]  # x: + 商談化
    assert r.reached[1].tolist() == [True] * 6  # y: a won deal, as a 受注 status would
    assert r.reached[2].tolist() == [True] * 6  # z: its own dates, then its deal's
    assert np.all(r.seen >= alone.seen)  # a deal never takes a stage away
    assert r.skipped == alone.skipped == 0
    assert r.by_deal.tolist() == [True, True, True]
    assert r.method == alone.method == "mixed"


def test_a_lead_with_dates_of_its_own_gets_its_deal_as_one_more_dated_stage():
    leads = pd.DataFrame(
        {
            "lead_id": ["w", "v"],
            "created_at": pd.to_datetime(["2026-01-05", "2026-01-05"]),
            "mql_at": pd.to_datetime([None, "2026-01-10"]),  # v's MQL: the column is used
            "sql_at": pd.to_datetime(["2026-01-20", None]),
        }
    )
    opps = report([("w", "id", "受注", "2026-03-01", "2026-04-30")])
    r = compute_reach(leads, CLASSIC, as_of=AS_OF, opportunities=opps)
    assert r.seen[0].tolist() == [True, False, True, True, True, True]  # no MQL date
    assert r.reached[0].tolist() == [True, False, False, False, False, False]  # strict: a skip
    assert r.skipped == 1 and r.from_deals == 0
    loose = compute_reach(leads, CLASSIC, as_of=AS_OF, opportunities=opps, strict=False)
    assert loose.reached[0, OPP] and loose.reached[0, WON] and loose.from_deals == 1


def test_a_deals_day_is_never_before_the_leads_previous_stage():
    """QA: a deal logged after it closed (作成日 after 完了予定日) lost its win in strict mode,
    and a contact who joined a running deal after its own SQL date lost 商談化."""
    leads = pd.DataFrame(
        {
            "lead_id": ["a", "b"],
            "lead_status": ["新規", None],
            "created_at": pd.to_datetime(["2024-01-05", "2024-01-05"]),
            "sql_at": pd.to_datetime([None, "2024-05-01"]),
        }
    )
    opps = report(
        [
            ("a", "email", "受注", "2024-10-05", "2024-09-20"),  # logged after it closed
            ("b", "email", "提案中", "2024-02-20", "2026-09-30"),  # running before b's SQL
        ]
    )
    r = compute_reach(leads, CLASSIC, as_of=AS_OF, opportunities=opps)
    assert r.reached[0, WON] and r.reached[1, OPP]
    day = to_days(pd.Series(pd.to_datetime(["2024-10-05", "2024-05-01"])))
    assert r.days[0, WON] == day[0]  # 受注 no earlier than its 商談化
    assert r.days[1, OPP] == day[1]  # 商談化 no earlier than its own SQL
    assert r.out_of_order == 0


def test_a_lead_whose_deals_are_all_lost_takes_the_lost_detour():
    opps = report(
        [
            ("a", "id", "失注", "2026-02-01", "2026-03-01"),
            ("b", "id", "失注", "2026-02-01", "2026-03-01"),
            ("b", "id", "提案中", "2026-04-01", "2026-09-30"),  # b still has an open deal
        ]
    )
    opps = pd.concat([opps, report([("e", "id", "失注", "2026-02-01", "2026-03-01")])])
    deals = person_deals(status_leads(), opps, AS_OF)
    assert deals.lost.tolist() == [True, False, False, False, True]
    r = compute_reach(status_leads(), CLASSIC, as_of=AS_OF, opportunities=opps)
    # a: lost, not stalled; e: a customer by its status, not lost for a lost upsell
    assert r.detour[:, 0].tolist() == [True, False, False, False, False]
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


def test_a_lead_list_without_creation_dates_is_not_emptied_by_the_window():
    """QA: a status-only list without a creation date showed no lead at all under the
    page's default window; no window applies when no lead has a creation date."""
    leads = status_leads().drop(columns=["created_at"])
    r = compute_reach(leads, CLASSIC, as_of=AS_OF)
    assert not r.dated_leads
    assert r.created_between(AS_OF - pd.Timedelta(days=364), AS_OF).n == 5
    dated = compute_reach(status_leads(), CLASSIC, as_of=AS_OF)
    assert dated.created_between(pd.Timestamp("2026-02-01"), AS_OF).n == 0
    # review: the rule is the input's, not a segment's or an as-of day's: undated leads
    # beside dated ones (created after the as-of day, or filtered away) stay out of a window
    mixed = pd.concat([leads, status_leads().iloc[:1].assign(lead_id="late")])
    mixed.loc[mixed["lead_id"] == "late", "created_at"] = pd.Timestamp("2026-12-01")
    r = compute_reach(mixed, CLASSIC, as_of=AS_OF)
    assert r.n == 5 and r.dated_leads  # the late lead is after the as-of day
    assert r.created_between(AS_OF - pd.Timedelta(days=364), AS_OF).n == 0
    assert r.subset(np.ones(5, dtype=bool)).dated_leads


def test_a_lead_with_a_won_deal_takes_no_exit_from_its_record():
    """A contact marked 対象外 (or 失注) whose deal is won by the as-of day is a customer: it is
    counted at 受注 and not also among the disqualified or lost; before the deal closes, its
    record's exit stands."""
    leads = status_leads().assign(lead_status=["対象外", "失注", "SQL", "新規", "受注"])
    opps = report(
        [
            ("a", "email", "受注", "2026-02-01", "2026-04-01"),
            ("b", "id", "受注", "2026-02-01", "2026-04-01"),
            ("c", "id", "提案中", "2026-02-01", "2026-09-30"),  # open: c's record stands
        ]
    )
    det = {d: i for i, d in enumerate(DETOURS)}
    after = compute_reach(leads, CLASSIC, as_of=AS_OF, opportunities=opps)
    alone = compute_reach(leads, CLASSIC, as_of=AS_OF)
    assert alone.detour[0, det["disqualified"]] and alone.detour[1, det["lost"]]
    assert after.reached[:, WON].tolist() == [True, True, False, False, True]
    assert not after.detour[:2].any()  # won: no exit
    early = compute_reach(leads, CLASSIC, as_of=pd.Timestamp("2026-03-01"), opportunities=opps)
    assert early.detour[0, det["disqualified"]] and early.detour[1, det["lost"]]  # not won yet
