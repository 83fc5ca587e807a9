"""QA-K item 3: a school where kept people work is no exclusion.

学校法人桜ヶ丘学園's six staff (事務局長, 経理課長, 教務部長…) were kept as leads and counted
in its account, while its row of the companies file was excluded by the default rule
「学校・大学の取引先（顧客以外）」 and the account, judged again at scoring, could never be a
target. The account-level rule now reads like the person-level one: staff of a school are
buyers, so a school is excluded only when it is no customer and nobody kept works there.
"""

from __future__ import annotations

import pandas as pd

from abm.accounts import rollup_accounts, score_accounts
from abm.dataset import Dataset
from abm.pipeline import prepare
from abm.resolve import ExclusionRules, apply_exclusions
from abm.resolve.hygiene import people_at

SCHOOL = "学校法人桜ヶ丘学園"
AS_OF = pd.Timestamp("2025-06-02")


def _s(values) -> pd.array:
    return pd.array(values, dtype="string")


def test_the_account_rule_spares_a_school_where_kept_people_work():
    rows = pd.DataFrame(
        {
            "company": _s([SCHOOL, "晴海大学", "湊大学", "株式会社アクメ"]),
            "is_customer": pd.array([False, False, True, False], dtype="boolean"),
            "contacts": [6, 0, 0, 0],
        }
    )
    flagged = apply_exclusions(rows, table="accounts")
    assert flagged["exclusion_reason"].fillna("-").tolist() == ["-", "school", "-", "-"]
    without = apply_exclusions(rows.drop(columns="contacts"), table="accounts")  # none known
    assert without["exclusion_reason"].fillna("-").tolist() == ["school", "school", "-", "-"]


def test_people_are_found_at_a_row_by_company_or_mail_domain():
    rows = pd.DataFrame(
        {"company": _s([SCHOOL, "晴海大学"]), "domain": _s(["sakuragaoka.ac.jp", "harumi-u.ac.jp"])}
    )
    persons = pd.DataFrame(
        {
            "company": _s([SCHOOL, "学校法人 桜ヶ丘学園", "桜ヶ丘学園事務局", None]),
            "email": _s(
                [
                    "daisuke.endo@sakuragaoka.ac.jp",
                    None,
                    "saori.maeda@sakuragaoka.ac.jp",
                    "x@example.co.jp",
                ]
            ),
        }
    )
    assert people_at(rows, persons).tolist() == [2, 0]  # by name: 2, by domain: 2


def _dataset() -> Dataset:
    titles = ["事務局長", "経理課長", "事務局 主任", "教務部長", "課長", "施設管理課 係長"]
    n = len(titles)
    leads = pd.DataFrame(
        {
            "lead_id": _s([f"S{i}" for i in range(n)] + ["U1", "A1", "A2"]),
            "company": _s([SCHOOL] * n + ["晴海大学", "株式会社アクメ", "株式会社アクメ"]),
            "email": _s(
                [f"staff{i}@sakuragaoka.ac.jp" for i in range(n)]
                + ["s1234567@st.harumi-u.ac.jp", "bucho@acme.co.jp", "kacho@acme.co.jp"]
            ),
            "title": _s([*titles, "学生", "部長", "購買課長"]),
            "created_at": pd.to_datetime(["2024-01-10"] * (n + 3)),
        }
    )
    accounts = pd.DataFrame(
        {
            "account_id": _s(["5010277", "5010300", "5000001"]),
            "company": _s([SCHOOL, "晴海大学", "株式会社アクメ"]),
            "domain": _s(["sakuragaoka.ac.jp", "harumi-u.ac.jp", "acme.co.jp"]),
            "industry": _s(["教育", "教育", "機械"]),
            "employees": pd.array([600, 3000, 1200], dtype="Int64"),
            "annual_revenue": pd.array([4.183e10, 2e10, 5e10], dtype="Float64"),
        }
    )
    return Dataset(leads=leads, accounts=accounts)


def test_a_school_with_kept_staff_keeps_its_row_and_may_be_a_target():
    prepared = prepare(_dataset())
    clean = prepared.clean
    assert set(clean.kept.loc[clean.kept["company"] == SCHOOL, "lead_id"]) == {
        f"S{i}" for i in range(6)
    }  # the person rule: staff are kept
    excluded = clean.excluded_accounts.set_index("company")["exclusion_reason"].to_dict()
    assert excluded == {"晴海大学": "school"}  # its only person is a student
    assert SCHOOL in set(clean.account_rows["company"])
    ds = prepared.dataset
    rolled = rollup_accounts(ds.leads, accounts=ds.accounts, as_of=AS_OF)
    scored = score_accounts(rolled, exclusions=ExclusionRules()).set_index("account_name")
    school = scored.loc[SCHOOL]
    assert school["contacts"] == 6 and school["employees"] == 600  # the companies file's row
    assert not school["excluded"] and pd.isna(school["exclusion_reason"])
    assert school["tier"] != "none" or "excluded" not in str(school["why_not"])
    assert "晴海大学" not in scored.index or scored.loc["晴海大学", "excluded"]


def test_with_the_change_off_the_school_would_still_be_excluded():
    """Control: the school rule itself still excludes a school nobody kept works at."""
    ds = _dataset()
    ds = Dataset(leads=ds.leads[~ds.leads["company"].eq(SCHOOL)], accounts=ds.accounts)
    excluded = prepare(ds).clean.excluded_accounts.set_index("company")["exclusion_reason"]
    assert excluded.to_dict() == {SCHOOL: "school", "晴海大学": "school"}


def test_people_sent_to_review_do_not_spare_a_schools_row():
    # review: a university whose only leads have no title (no evidence of staff or student:
    # they go to review) kept its companies-file row as if staff worked there
    leads = pd.DataFrame(
        {
            "lead_id": _s(["U1", "U2", "A1"]),
            "company": _s(["晴海大学", "晴海大学", "株式会社アクメ"]),
            "email": _s(["taro@harumi-u.ac.jp", "hanako@harumi-u.ac.jp", "bucho@acme.co.jp"]),
            "title": _s([None, None, "部長"]),
            "created_at": pd.to_datetime(["2024-01-10"] * 3),
        }
    )
    accounts = pd.DataFrame(
        {
            "account_id": _s(["5010300", "5000001"]),
            "company": _s(["晴海大学", "株式会社アクメ"]),
            "domain": _s(["harumi-u.ac.jp", "acme.co.jp"]),
        }
    )
    clean = prepare(Dataset(leads=leads, accounts=accounts)).clean
    assert set(clean.hygiene_review["lead_id"]) == {"U1", "U2"}
    assert clean.excluded_accounts["company"].tolist() == ["晴海大学"]
