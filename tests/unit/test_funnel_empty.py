"""Empty funnel stages explained (#19 item 3) and accounts named as on the accounts page (item 5)."""

from __future__ import annotations

import pandas as pd

from abm.funnel import (
    StageMap,
    account_names,
    account_reach,
    compute_reach,
    empty_stages,
    get_model,
    suggest_stage_map,
)

AS_OF = pd.Timestamp("2026-03-31")


def _status_leads() -> pd.DataFrame:
    status = ["潜在"] * 4 + ["準顕在"] * 2 + ["顕在化"] * 2 + ["アポ獲得", "案件化", "受注", "失注"]
    return pd.DataFrame(
        {
            "lead_id": [f"L{i}" for i in range(len(status))],
            "current_stage": pd.array(status, dtype="string"),
            "created_at": pd.to_datetime(["2026-01-10"] * len(status)),
        }
    )


def _gaps(leads: pd.DataFrame, model: str, smap: StageMap | None = None, strict: bool = True):
    smap = smap if smap is not None else suggest_stage_map(leads["current_stage"])
    reach = compute_reach(leads, get_model(model), as_of=AS_OF, stage_map=smap, strict=strict)
    return empty_stages(reach, leads, smap).set_index("stage")


def test_a_stage_nothing_is_mapped_to_is_called_unmapped():
    gaps = _gaps(_status_leads(), "sd2012")
    assert gaps.loc["aql", "count"] == 0
    assert gaps.loc["aql", "cause"] == "unmapped"  # no status value, no aql_at column
    assert gaps.loc["mql", "count"] > 0 and gaps.loc["mql", "cause"] == ""
    assert gaps.loc["mql", "mapped_values"] == 1  # 顕在化
    assert (gaps["cause"] != "").sum() == 1


def test_mapping_a_value_to_the_stage_clears_the_note():
    leads = _status_leads()
    smap = StageMap((*suggest_stage_map(leads["current_stage"]).entries, ("準顕在", "aql", "")))
    gaps = _gaps(leads, "sd2012", smap)
    assert gaps.loc["aql", "count"] == 2 and gaps.loc["aql", "cause"] == ""


def test_out_of_order_and_after_an_empty_stage_are_told_apart():
    """SAL dated before SQL: in "The Model (SAL after SQL)" SAL is out of order and the
    stages after it are empty because of it — a mapping is not what is missing."""
    leads = pd.DataFrame(
        {
            "lead_id": ["A", "B", "C"],
            "created_at": pd.to_datetime(["2026-01-01"] * 3),
            "mql_at": pd.to_datetime(["2026-01-05"] * 3),
            "sal_at": pd.to_datetime(["2026-01-10", "2026-01-10", None]),
            "sql_at": pd.to_datetime(["2026-01-20", "2026-01-20", "2026-01-20"]),
            "opportunity_at": pd.to_datetime(["2026-02-01", None, None]),
        }
    )
    gaps = _gaps(leads.assign(current_stage=pd.NA), "the_model_sal_after_sql", StageMap())
    assert gaps.loc["sql", "count"] == 3 and gaps.loc["sql", "cause"] == ""
    assert gaps.loc["sal", ["count", "seen", "cause"]].tolist() == [0, 2, "out_of_order"]
    assert gaps.loc["opportunity", ["count", "seen", "cause"]].tolist() == [0, 1, "after_empty"]
    assert gaps.loc["opportunity", "previous"] == "sal"
    assert gaps.loc["won", "cause"] == "unmapped"  # no won_at column, no status: nothing says won
    classic = _gaps(leads.assign(current_stage=pd.NA), "classic", StageMap())
    # in the classic order the same dates are fine; only 受注 has no source at all
    assert classic["cause"].to_dict() == {s: "" for s in classic.index} | {"won": "unmapped"}
    loose = _gaps(leads.assign(current_stage=pd.NA), "the_model_sal_after_sql", StageMap(), False)
    assert loose.loc["sal", "count"] == 2 and loose.loc["sal", "cause"] == ""


def test_a_mapped_stage_nobody_reached_is_not_a_mapping_gap():
    leads = _status_leads().assign(won_at=pd.NaT)
    leads["current_stage"] = leads["current_stage"].replace("受注", "案件化")
    gaps = _gaps(leads, "classic")
    assert gaps.loc["won", "count"] == 0
    assert gaps.loc["won", "cause"] == ""  # a won_at column exists: nobody won yet


def test_accounts_go_by_the_accounts_page_names():
    leads = pd.DataFrame(
        {
            "lead_id": ["L1", "L2", "L3"],
            "account_id": ["acc_a", "acc_a", "acc_b"],
            "account_name": ["株式会社アクメ", "株式会社アクメ", pd.NA],
            "company": ["アクメ", "ACME", "ベータ商事"],
            "created_at": pd.to_datetime(["2026-01-01"] * 3),
        }
    ).astype({"account_name": "string"})
    accounts = pd.DataFrame({"account_id": ["acc_a"], "company": ["株式会社アクメ（本社）"]})
    opps = pd.DataFrame({"account_id": ["acc_c"], "company": ["ガンマ工業"]})
    names = account_names(
        pd.Index(["acc_a", "acc_b", "acc_c", "acc_x"]), leads, accounts=accounts, opportunities=opps
    )
    assert names.tolist()[:3] == ["株式会社アクメ（本社）", "ベータ商事", "ガンマ工業"]
    assert pd.isna(names.iloc[3])
    reach = compute_reach(leads, get_model("classic"), as_of=AS_OF, stage_map=StageMap())
    acc = account_reach(reach, leads, accounts=accounts)
    assert acc.loc["acc_a", "account_name"] == "株式会社アクメ（本社）"
    assert acc.loc["acc_b", "account_name"] == "ベータ商事"  # no 名寄せ name: the company


def test_funnel_names_equal_the_roll_up_names_on_the_demo():
    """The funnel's account view and the accounts page call every account the same."""
    from abm.accounts import rollup_accounts
    from abm.pipeline import prepare
    from tests.support.worlds import demo_world

    world = demo_world()
    ds = prepare(world.dataset).dataset
    rolled = rollup_accounts(
        ds.leads,
        activities=ds.activities,
        opportunities=ds.opportunities,
        accounts=ds.accounts,
        as_of=world.as_of,
    ).set_index("account_id")
    smap = suggest_stage_map(ds.leads["current_stage"])
    reach = compute_reach(ds.leads, get_model("classic"), as_of=world.as_of, stage_map=smap)
    acc = account_reach(reach, ds.leads, ds.opportunities, accounts=ds.accounts)
    shared = acc.index.intersection(rolled.index)
    assert len(shared) == len(acc) > 100
    pd.testing.assert_series_equal(
        acc.loc[shared, "account_name"].astype("string"),
        rolled.loc[shared, "account_name"].astype("string"),
        check_names=False,
        check_index_type=False,
    )
    assert not acc["account_name"].astype("string").str.startswith(("id:", "acc_")).any()
