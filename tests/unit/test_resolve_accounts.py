"""名寄せ guards: what must join, what must stay apart, and reviews that re-apply."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from abm.resolve import (
    MATCH_RULES,
    ResolveConfig,
    ReviewDecisions,
    resolve,
    resolve_accounts,
    review_queue,
)
from abm.resolve.keys import stems_agree


def frame(
    companies: list[str | None],
    emails: list[str | None] | None = None,
    corp: list[str | None] | None = None,
) -> pd.DataFrame:
    data: dict[str, list] = {"company": companies}
    if emails is not None:
        data["email"] = emails
    if corp is not None:
        data["corporate_number"] = corp
    return pd.DataFrame(data, dtype="string")


def same(out: pd.DataFrame, i: int, j: int) -> bool:
    return out["account_id"].iloc[i] == out["account_id"].iloc[j]


def test_same_rows_same_index_input_untouched() -> None:
    leads = frame(["㈱A商会", "A商会(株)", "B"], ["x@a.co.jp", None, None])
    leads.index = pd.Index([7, 3, 9])
    before = leads.copy()
    out = resolve_accounts(leads)
    pd.testing.assert_frame_equal(leads, before)
    assert list(out.index) == [7, 3, 9]
    for col in ("account_id", "account_name", "match_rule", "match_confidence"):
        assert col in out.columns
    assert set(out["match_rule"]) <= set(MATCH_RULES)
    assert out["match_confidence"].between(0, 1).all()


def test_spellings_of_one_company_join() -> None:
    leads = frame(
        ["株式会社サカタのタネ", "サカタのタネ(株)", "㈱ｻｶﾀﾉﾀﾈ", "（株）サカタのタネ　東京支店"]
    )
    out = resolve_accounts(leads)
    assert out["account_id"].nunique() == 1
    assert (out["match_rule"] == "exact_name").all()
    # the account table counts the spellings as written (QA-F: it read 1, once normalised)
    assert resolve(leads).accounts["names"].tolist() == [4]


def test_english_and_japanese_join_only_with_domain_evidence() -> None:
    with_domain = frame(
        ["株式会社サカタのタネ", "SAKATA SEED CORPORATION"],
        ["a@sakataseed.co.jp", "b@sakataseed.co.jp"],
    )
    out = resolve_accounts(with_domain)
    assert same(out, 0, 1)
    assert out["match_rule"].tolist() == ["email_domain", "email_domain"]
    without = frame(
        ["株式会社サカタのタネ", "SAKATA SEED CORPORATION"], ["a@gmail.com", "b@gmail.com"]
    )
    assert not same(resolve_accounts(without), 0, 1)


def test_corporate_number_joins_different_spellings() -> None:
    out = resolve_accounts(
        frame(
            ["トヨタ自動車株式会社", "Toyota Motor Corporation"],
            None,
            ["1180301018771", "1180301018771"],
        )
    )
    assert same(out, 0, 1)
    assert out["match_rule"].tolist() == ["corporate_number", "corporate_number"]
    assert out["match_confidence"].tolist() == [1.0, 1.0]


def test_invalid_corporate_number_is_flagged_not_trusted() -> None:
    out = resolve_accounts(frame(["X社", "Y社"], None, ["1180301018772", "1180301018772"]))
    assert not same(out, 0, 1)
    assert out["corporate_number_valid"].tolist() == [False, False]


def test_free_mail_never_joins_companies() -> None:
    leads = frame(
        ["三和電機", "大和商事", "Foo Inc.", "サカタのタネ"],
        ["a@gmail.com", "b@gmail.com", "c@gmail.com", "d@yahoo.co.jp"],
    )
    out = resolve_accounts(leads)
    assert out["account_id"].nunique() == 4


def test_similar_but_different_companies_stay_apart() -> None:
    leads = frame(
        ["三和電機株式会社", "三和商事株式会社", "大和電機株式会社", "三和電機(株)"],
        [None, None, None, None],
    )
    out = resolve_accounts(leads)
    assert out["account_id"].nunique() == 3
    assert same(out, 0, 3)


def test_identical_names_with_conflicting_corporate_numbers_stay_apart() -> None:
    leads = frame(["株式会社三和", "株式会社三和"], None, ["7000012050002", "1180301018771"])
    out = resolve_accounts(leads)
    assert not same(out, 0, 1)


def test_a_name_two_companies_carry_joins_neither_on_a_domain_stem() -> None:
    # 光通信 of two corporate numbers; a third record with only a domain whose stem
    # is the name's could be either company: it joins neither
    leads = frame(
        ["株式会社光通信", "光通信株式会社", "㈱光通信", "株式会社光通信"],
        ["a@hikaritsushin.co.jp", None, "c@hikaritsushin.com", "d@hikaritsushin.co.jp"],
        ["9013301019047", "2010001143423", None, None],
    )
    out = resolve_accounts(leads)
    assert same(out, 0, 3)  # one domain: one company
    assert not same(out, 0, 1) and not same(out, 0, 2) and not same(out, 1, 2)


def test_identical_names_with_conflicting_domains_stay_apart_and_go_to_review() -> None:
    leads = frame(
        ["三和電機", "三和電機", "三和電機"], ["a@sanwa-denki.co.jp", "b@sanwa-elec.co.jp", None]
    )
    res = resolve(leads)
    out = res.leads
    assert out["account_id"].nunique() == 3  # the one without evidence is ambiguous
    assert set(res.review["reason"]) == {"ambiguous_name"}
    assert len(res.review) == 2


def test_two_domains_with_the_same_stem_are_compatible() -> None:
    leads = frame(["三和電機", "三和電機"], ["a@sanwa-denki.co.jp", "b@sanwadenki.com"])
    assert same(resolve_accounts(leads), 0, 1)


def test_global_domain_extending_the_main_one_is_compatible() -> None:
    leads = frame(
        ["株式会社大和運輸", "Daiwa Transport Inc.", "Daiwa Transport Inc."],
        ["a@daiwa-unyu.co.jp", "b@daiwa-unyu.co.jp", "c@daiwa-unyu-global.com"],
    )
    assert resolve_accounts(leads)["account_id"].nunique() == 1


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        ({"daiwaunyuglobal"}, {"daiwaunyu"}, True),  # the main stem plus a word
        ({"sanwadenki"}, {"sanwadenki", "sanwa"}, True),
        ({"alpha2"}, {"alpha"}, False),  # digits only: another domain
        ({"fujikoh"}, {"fujiko"}, False),  # one letter more: another stem
        ({"abcx"}, {"abc"}, False),  # stems under four letters must be equal
        (set(), {"abc"}, False),
    ],
)
def test_domain_stems_agree_when_shared_or_extended_by_a_word(a, b, agree) -> None:
    assert stems_agree(a, b) is agree
    assert stems_agree(b, a) is agree


def test_one_name_on_stems_one_letter_apart_is_two_companies() -> None:
    # フジコー on fujikoh.co.jp and フジコー on fujiko.co.jp: two companies of one name
    leads = frame(["㈱フジコー", "フジコー(株)"], ["a@fujikoh.co.jp", "b@fujiko.co.jp"])
    assert resolve_accounts(leads)["account_id"].nunique() == 2


def test_same_name_different_legal_form_and_domain_stay_apart() -> None:
    leads = frame(
        ["東邦システム株式会社", "東邦システム 有限会社"],
        ["a@toho-system.co.jp", "b@toho-system.com"],
    )
    assert resolve_accounts(leads)["account_id"].nunique() == 2


def test_shared_domain_is_not_evidence() -> None:
    names = [
        "アルファ商事",
        "ベータ工業",
        "ガンマ電機",
        "デルタ建設",
        "イプシロン食品",
        "ゼータ物産",
    ]
    leads = frame(names, [f"u{i}@portal-group.jp" for i in range(len(names))])
    assert resolve_accounts(leads)["account_id"].nunique() == len(names)


def test_domain_with_few_names_is_evidence() -> None:
    leads = frame(["アルファ商事", "Alpha Trading"], ["a@alpha.co.jp", "b@alpha.co.jp"])
    assert resolve_accounts(leads)["account_id"].nunique() == 1


def test_free_mail_typo_attaches_to_anchored_account_by_fuzzy_name() -> None:
    leads = frame(
        ["株式会社ミライテクノロジア", "ミライテクノロジア", "ミライテクノロジャ"],
        ["a@mirai.co.jp", "b@mirai.co.jp", "c@gmail.com"],
    )
    out = resolve_accounts(leads)
    assert out["account_id"].nunique() == 1
    assert out["match_rule"].iloc[2] == "fuzzy_name"
    assert out["match_confidence"].iloc[2] < 0.9


def test_weak_links_do_not_chain() -> None:
    # Each neighbour differs by one character; A and C are two edits apart.
    leads = frame(
        ["アイウエオカキクケ", "アイウエオカキクコ", "アイウエオカキサコ"], [None, None, None]
    )
    out = resolve_accounts(leads)
    assert not same(out, 0, 2)


def test_threshold_controls_merging() -> None:
    leads = frame(["ミライテクノロジア", "ミライテクノロジャ"], ["a@mirai.co.jp", None])
    assert resolve_accounts(leads, config=ResolveConfig(threshold=85))["account_id"].nunique() == 1
    assert resolve_accounts(leads, config=ResolveConfig(threshold=95))["account_id"].nunique() == 2


def test_review_decisions_reapply_to_next_upload() -> None:
    first = frame(
        ["三和電機", "三和電機", "三和電機"], ["a@sanwa-denki.co.jp", "b@sanwa-elec.co.jp", None]
    )
    queue = review_queue(first)
    assert sorted(zip(queue["key_a"], queue["key_b"], strict=True)) == [
        ("三和電機|sanwa-denki.co.jp", "三和電機|"),
        ("三和電機|sanwa-elec.co.jp", "三和電機|"),
    ]
    decisions = ReviewDecisions().add("confirm", "三和電機|sanwa-denki.co.jp", "三和電機|")
    decisions = ReviewDecisions.from_dict(decisions.to_dict())  # saved and loaded again
    # Next upload: other rows and spellings, same keys, plus a new company.
    nxt = frame(
        ["新会社", "㈱三和電機", "三和電機 株式会社", "三和電機"],
        [None, "x@sanwa-denki.co.jp", "y@gmail.com", "z@sanwa-elec.co.jp"],
    )
    res = resolve(nxt, decisions=decisions)
    assert same(res.leads, 1, 2)
    assert not same(res.leads, 2, 3)
    assert res.leads["match_rule"].iloc[2] == "manual"
    assert res.review.empty


def test_resolve_key_is_the_decision_key() -> None:
    out = resolve_accounts(frame(["㈱三和電機", "三和電機", None], ["a@sanwa.co.jp", None, None]))
    assert out["resolve_key"].fillna("-").tolist() == ["三和電機|sanwa.co.jp", "三和電機|", "-"]


def test_split_decision_keeps_keys_apart() -> None:
    leads = frame(["三和電機", "三和電機"], ["a@sanwa.co.jp", None])
    assert same(resolve_accounts(leads), 0, 1)
    d = ReviewDecisions().add("split", "三和電機|sanwa.co.jp", "三和電機|")
    out = resolve_accounts(leads, decisions=d)
    assert not same(out, 0, 1)
    assert out["match_rule"].iloc[1] == "manual"


def test_merge_decision_joins_unrelated_names() -> None:
    leads = frame(["日本電気", "NEC"], [None, None])
    d = ReviewDecisions().add("merge", "日本電気|", "nec|")
    assert same(resolve_accounts(leads, decisions=d), 0, 1)


def test_latest_decision_on_a_pair_wins() -> None:
    d = ReviewDecisions().add("split", "a|", "b|").add("merge", "b|", "a|")
    assert d.decisions == (("merge", "b|", "a|"),)


def test_config_round_trip() -> None:
    cfg = ResolveConfig(threshold=91.0, extra_free_mail=("example-isp.jp",))
    assert ResolveConfig.from_dict(cfg.to_dict()) == cfg


def test_decisions_from_bad_dict_raises() -> None:
    from abm.errors import MoriError

    with pytest.raises(MoriError):
        ReviewDecisions.from_dict({"decisions": [{"action": "explode", "a": "x", "b": "y"}]})


def test_account_name_is_commonest_spelling() -> None:
    out = resolve_accounts(frame(["㈱サカタのタネ", "㈱サカタのタネ", "サカタのタネ"]))
    assert out["account_name"].iloc[0] == "株式会社サカタのタネ"  # QA-M: ㈱ written out


def test_rows_without_name_or_evidence_have_no_account() -> None:
    """A lead with no company, company domain or corporate number is not an account of its
    own (three such leads were three nameless accounts, and 0 'without a company')."""
    out = resolve_accounts(frame([None, None, "北斗システムズ"], [None, "x@gmail.com", None]))
    assert out["account_id"].isna().tolist() == [True, True, False]
    assert out["account_name"].isna().tolist() == [True, True, False]
    assert out["match_rule"].tolist() == ["no_company", "no_company", "singleton"]


def test_a_contact_with_only_a_crm_account_id_joins_that_ids_people() -> None:
    """Salesforce ``Contact.csv`` without ``Account.csv``: the ``AccountId`` is the evidence.
    A contact with no name or domain joins the account its CRM id's other contacts are
    at; an id no one else carries is ``crm:<id>`` (what an opportunity of it is given)."""
    leads = frame([None, None, None, None], ["a@hokuto-sys.co.jp", None, None, None])
    leads["crm_account_id"] = pd.array(["0011", " 0011", "0012", None], dtype="string")
    out = resolve_accounts(leads)
    assert out["account_id"].iloc[1] == out["account_id"].iloc[0]
    assert out["account_id"].iloc[2] == "crm:0012"
    assert pd.isna(out["account_id"].iloc[3])
    assert out["match_rule"].tolist() == ["singleton", "crm_account", "crm_account", "no_company"]
    # the accounts table lists every account a lead is at, with its people counted
    table = resolve(leads).accounts.set_index("account_id")
    assert table.loc[out["account_id"].iloc[0], "leads"] == 2
    assert table.loc[out["account_id"].iloc[0], "weakest_rule"] == "crm_account"
    assert table.loc["crm:0012", "leads"] == 1 and pd.isna(table.loc["crm:0012", "account_name"])
    assert set(table.index) == set(out["account_id"].dropna())


def test_bare_key_with_another_legal_form_is_not_attached() -> None:
    leads = frame(
        ["株式会社寿森", "寿森株式会社", "有限会社寿森"], ["a@kotobuki.co.jp", None, "x@gmail.com"]
    )
    res = resolve(leads)
    assert same(res.leads, 0, 1)
    assert not same(res.leads, 0, 2)
    assert res.review["reason"].tolist() == ["legal_form_conflict"]


def test_latin_names_must_start_alike_to_merge_fuzzily() -> None:
    anchored = ["Rukeneru Industry K.K.", "Rukeneru Industry Inc."]
    mails = ["a@rukeneru.co.jp", "b@rukeneru.co.jp", "c@gmail.com"]
    out = resolve_accounts(frame([*anchored, "Warukeneru Industry Corp."], mails))
    assert not same(out, 0, 2)
    out = resolve_accounts(frame([*anchored, "Rukeneruu Industry Corp."], mails))
    assert same(out, 0, 2)
    assert out["match_rule"].iloc[2] == "fuzzy_name"


def test_fuzzy_attach_moves_every_spelling_of_the_name() -> None:
    leads = frame(
        ["ミライテクノロジア", "ミライテクノロジャ", "株式会社ミライテクノロジャ"],
        ["a@mirai.co.jp", "b@gmail.com", None],
    )
    out = resolve_accounts(leads)
    assert out["account_id"].nunique() == 1
    assert out["match_rule"].tolist()[1:] == ["fuzzy_name", "fuzzy_name"]


NAMES = [
    "㈱サカタのタネ",
    "サカタのタネ",
    "SAKATA SEED",
    "三和電機",
    "三和商事",
    "大和電機",
    "有限会社三和電機",
    None,
    "",
]
MAILS = [
    "a@sakataseed.co.jp",
    "b@gmail.com",
    "c@sanwa.co.jp",
    "d@sanwa-elec.co.jp",
    None,
    "e@daiwa.co.jp",
]


def _shared_mails(rows: list[tuple[int, int]]) -> set[int]:
    """The addresses whose domain is no evidence: used by at least ``shared_domain_min_names``
    normalised names, none of them on ``shared_domain_top_share`` of its rows (an ISP, a
    group portal: :func:`abm.resolve.keys.build_keys`)."""
    from collections import Counter

    from abm.resolve import normalise_company

    config = ResolveConfig()
    norm = normalise_company(pd.Series([NAMES[n] for n, _ in rows], dtype="string"))
    by: dict[int, list] = {}
    for (_, m), name in zip(rows, norm, strict=True):
        if MAILS[m] not in (None, "b@gmail.com"):
            by.setdefault(m, []).append(None if pd.isna(name) else name)
    shared = set()
    for m, names in by.items():
        named = Counter(x for x in names if x is not None)
        top = max(named.values(), default=0)
        if len(named) >= config.shared_domain_min_names and (
            top / len(names) < config.shared_domain_top_share
        ):
            shared.add(m)
    return shared


@settings(max_examples=30)  # each example resolves up to 30 rows: ~0.3 s of CPU
@example(rows=[(3, 0), (3, 1), (4, 0), (4, 1)])  # one domain on both names (found in a run)
@example(rows=[(0, 2), (2, 2), (3, 2), (4, 2), (5, 2), (7, 2)])  # a shared domain (found in a run)
@example(rows=[(3, 1), (4, 0), (4, 1), (6, 0)])  # a legal form on the evidence (found in a run)
@given(
    st.lists(
        st.tuples(st.integers(0, len(NAMES) - 1), st.integers(0, len(MAILS) - 1)),
        min_size=1,
        max_size=30,
    )
)
def test_resolution_properties(rows: list[tuple[int, int]]) -> None:
    leads = frame([NAMES[n] for n, _ in rows], [MAILS[m] for _, m in rows])
    out = resolve_accounts(leads)
    assert len(out) == len(leads)
    no_evidence = {MAILS.index(None), MAILS.index("b@gmail.com")} | _shared_mails(rows)
    nameless = [NAMES[n] in (None, "") and m in no_evidence for n, m in rows]
    # a row with neither a name nor evidence has no account, every other row has one (an
    # address on a domain five different names share is no evidence: found in a run)
    assert out["account_id"].isna().tolist() == nameless
    assert (out["match_rule"] == "no_company").tolist() == nameless
    assert out["match_confidence"].dropna().between(0, 1).all()
    assert out["match_confidence"].isna().tolist() == nameless
    assert set(out["match_rule"]) <= set(MATCH_RULES)
    # identical inputs always land in the same account
    ided = out.assign(n=[n for n, _ in rows], m=[m for _, m in rows])[
        ~pd.Series(nameless).to_numpy()
    ]
    assert (ided.groupby(["n", "m"])["account_id"].nunique() == 1).all()
    # free mail never joins different normalised names by itself: two names meet in one
    # account only where rows of both with a corporate address (or a number) already are
    # (one domain on 三和電機 and 三和商事 makes them one company; their free-mail rows follow)
    # (compared as normalised names: 有限会社三和電機 with a corporate address is evidence
    # for 三和電機 — a random run found 三和電機 on free mail joining the account where
    # 有限会社三和電機 shares a domain with 三和商事)
    from abm.resolve import normalise_company

    norm = normalise_company(out["company"].astype("string")).to_numpy(dtype=object)
    pair = set(normalise_company(pd.Series(["三和電機", "三和商事"], dtype="string")))
    sanwa = [x in pair for x in norm]
    on_free = [MAILS[m] == "b@gmail.com" for _, m in rows]
    free = out.assign(norm=norm)[[a and b for a, b in zip(sanwa, on_free, strict=True)]]
    evidence = out.assign(norm=norm)[
        [a and MAILS[m] not in (None, "b@gmail.com") for a, (_, m) in zip(sanwa, rows, strict=True)]
    ]
    for acc, names in free.groupby("account_id")["norm"]:
        if names.nunique() > 1:
            assert set(names) <= set(evidence.loc[evidence["account_id"] == acc, "norm"])


def test_empty_input_gives_empty_frames_with_columns() -> None:
    from abm.resolve.resolve import ACCOUNT_COLUMNS, REVIEW_COLUMNS

    res = resolve(frame([], []))
    assert res.leads.empty
    assert tuple(res.accounts.columns) == ACCOUNT_COLUMNS
    assert tuple(res.review.columns) == REVIEW_COLUMNS


def test_a_group_with_two_corporate_numbers_is_split_back_into_its_evidence() -> None:
    # a hard veto after every stage: however keys were chained, two valid numbers
    # never end in one account; keys without a number follow their name or stay together
    import numpy as np

    from abm.resolve.cluster import split_numbers

    keys = pd.DataFrame(
        {
            "corp": pd.array(["9013301019047", None, "2010001143423", None, None], "string"),
            "skel": pd.array(["光通信", "光通信グループ", "光通信", "光通信", "ひかり"], "string"),
        }
    )
    lab = split_numbers(keys, np.zeros(5, dtype=np.int64), np.array([0, 0, 1, 2, 3]))
    assert lab[0] == lab[1] and lab[0] != lab[2]  # the domain's group keeps its key
    assert lab[3] not in (lab[0], lab[2])  # 光通信 is both numbers' name: neither
    assert lab[3] == lab[4]  # the keys left stay together
    one = np.array([0, 0, 0, 1, 1])
    assert split_numbers(keys.assign(corp=pd.array([None] * 5, "string")), one, one) is one


def test_numbered_names_never_meet_but_a_typo_with_the_same_digits_still_merges() -> None:
    """会社1 … 会社400 (numbered branches, funds or a generator's companies) differ only by
    digits: the digit veto refuses every such pair, so none is scored and none fills the
    review queue; the typing slip 第2サンプル工業 / 第2サンブル工業 still merges."""
    names = [f"会社{i}" for i in range(400)] + [
        "第2サンプル工業",
        "第2サンプル工業",
        "第2サンブル工業",
    ]
    res = resolve(frame(names, [None] * len(names)))
    out = res.leads
    assert out["account_id"].iloc[:400].nunique() == 400
    assert same(out, 400, 402)
    assert "digit_conflict" not in set(res.review["reason"])


def test_an_accounts_name_is_its_commonest_spelling_and_of_equals_the_most_formal():
    # QA: ㈱相模精機 and 株式会社 桜井金属工業 (a space) went to a CRM export while most rows
    # said 株式会社相模精機 / 株式会社桜井金属工業
    from abm.resolve import clean_leads

    leads = pd.DataFrame(
        {
            "lead_id": ["a", "b", "c", "d", "e", "f", "g", "h"],
            "email": ["a@sagami.co.jp", "b@sagami.co.jp", "c@sagami.co.jp", "d@sakurai.co.jp",
                      "e@sakurai.co.jp", "E@SAKURAI.CO.JP", "g@mori.co.jp", "h@mori.co.jp"],
            "company": ["㈱相模精機", "株式会社相模精機", "株式会社　相模精機", "株式会社 桜井金属工業",
                        "株式会社桜井金属工業", "株式会社桜井金属工業", "森産業(株)", "森産業(株)"],
        }
    )  # fmt: skip
    kept = clean_leads(leads).kept.set_index("lead_id")
    assert kept.loc["a", "account_name"] == "株式会社相模精機"  # a tie: the legal form in full
    # e's two rows are one person standing for both: its spelling counts twice
    assert kept.loc["d", "account_name"] == "株式会社桜井金属工業"
    # the only spelling, its legal form written out (QA-M: (株) made a second account in the CRM)
    assert kept.loc["g", "account_name"] == "森産業株式会社"


def test_two_names_that_choose_each_other_join_one_way_not_swap() -> None:
    # 瀧上工業 has its romaji spelling beside it (joined by its corporate number's key),
    # 瀧上興業 is its homophone typed through the IME: each is the other's one slip. Both
    # moving would swap their labels and leave them apart; only the typo moves.
    leads = frame(
        ["瀧上工業株式会社", "Takigami Kogyo Co., Ltd.", "瀧上興業株式会社"],
        [None, None, "c@gmail.com"],
        [None, "8013401000626", None],
    )
    out = resolve_accounts(leads)
    assert same(out, 0, 2)
    assert out["match_rule"].iloc[2] == "fuzzy_name"


def test_a_name_with_a_number_only_it_carries_joins_its_one_slip_without_evidence() -> None:
    # 新橋演場 and 新橋演舞 (one kanji of 新橋演舞場 dropped) each carry evidence nobody
    # else carries (a corporate number, a domain); the company's own records have none,
    # and two slips of it leave its own best match open: each slip still joins it.
    leads = frame(
        ["新橋演舞場株式会社", "新橋演舞場（株）", "新橋演場株式会社", "新橋演舞株式会社"],
        [None, None, "a@gmail.com", "b@shinbashi.co.jp"],
        [None, None, "8013401000626", None],
    )
    out = resolve_accounts(leads)
    assert out["account_id"].nunique() == 1
    assert out["match_rule"].iloc[2] == "fuzzy_name"


def test_the_old_form_of_the_legal_form_is_a_legal_form() -> None:
    out = resolve_accounts(frame(["パーク二四株式會社", "パーク二四株式会社"]))
    assert same(out, 0, 1)
    assert out["match_rule"].iloc[0] != "fuzzy_name"


def test_of_equally_common_latin_spellings_the_name_is_not_the_one_in_capitals():
    # QA-I: 43 of 500 target accounts read in capitals, 14 of them on a tie
    for order in ([0, 1], [1, 0]):
        names = ["ACME LOGISTICS LLC", "Acme Logistics LLC"]
        leads = frame([names[i] for i in order], ["a@acme-logistics.com", "b@acme-logistics.com"])
        out = resolve_accounts(leads)
        assert out["account_name"].unique().tolist() == ["Acme Logistics LLC"]
    three = frame(["ACME LLC", "ACME LLC", "Acme LLC"], ["a@acme.com", "b@acme.com", "c@acme.com"])
    assert resolve_accounts(three)["account_name"].iloc[0] == "ACME LLC"  # the commonest wins


def test_two_names_with_disagreeing_domains_do_not_both_join_one_name_without_evidence():
    # review: each slip of 新橋演舞場 with a domain of its own could join it in one pass,
    # and the two domains (two companies) became one account
    leads = frame(
        ["新橋演舞場株式会社", "新橋演舞場（株）", "新橋演場株式会社", "新橋演舞株式会社"],
        [None, None, "a@enjo.co.jp", "b@shinbashi.co.jp"],
    )
    out = resolve_accounts(leads)
    assert not same(out, 2, 3)
    assert same(out, 0, 1)


def test_a_site_or_an_honorific_after_the_name_joins_the_company() -> None:
    # QA-Q: a sales sheet's 「東邦繊維株式会社　川崎工場」 and 「北辰金属様」, and a free-mail
    # person's 「株式会社東洋鋼材 第二工場」, had become accounts of their own
    leads = frame(
        [
            "東邦繊維株式会社",
            "東邦繊維株式会社\u3000川崎工場",
            "北辰金属株式会社",
            "北辰金属様",
            "北辰金属（工場）",
            "株式会社東洋鋼材",
            "株式会社東洋鋼材 第二工場",
        ],
        ["a@toho.co.jp", None, "b@hokushin.co.jp", None, None, "c@toyo.co.jp", "d@gmail.com"],
    )
    out = resolve_accounts(leads)
    assert same(out, 0, 1)
    assert same(out, 2, 3) and same(out, 2, 4)
    assert same(out, 5, 6)
    assert out["account_id"].nunique() == 3


def test_a_site_word_of_a_company_s_own_name_keeps_it_apart() -> None:
    leads = frame(["東京センター株式会社", "株式会社東京", "日本工場株式会社", "株式会社日本"])
    out = resolve_accounts(leads)
    assert out["account_id"].nunique() == 4
