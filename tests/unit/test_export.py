"""Safe export: round trips, encodings, formula injection, CRM presets."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from abm.errors import MoriError
from abm.export import (
    REPLACEMENT_CHAR,
    Unencodable,
    hubspot_company_import,
    mori_target_list,
    neutralise_formulas,
    salesforce_account_import,
    to_csv_bytes,
    to_xlsx_bytes,
)


def _plain() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "company": pd.array(["𠮷野家", "㈱アクメ", "髙橋商事", None], dtype="string"),
            "employees": pd.array([1200, 30, None, 5], dtype="Int64"),
            "revenue": [1.5e10, 2.0e8, 0.0, -3.25],
        }
    )


def _read_xlsx(data: bytes) -> list[list[openpyxl.cell.cell.Cell]]:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    return [list(row) for row in wb.active.iter_rows()]


def test_csv_utf8_round_trip_keeps_rare_characters():
    data, problems = to_csv_bytes(_plain())
    assert data.startswith(b"\xef\xbb\xbf")  # BOM
    assert problems == []
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype={"company": "string"})
    assert back["company"].tolist()[:3] == ["𠮷野家", "㈱アクメ", "髙橋商事"]
    assert back["employees"].tolist()[:2] == [1200, 30]
    assert back["revenue"].tolist() == [1.5e10, 2.0e8, 0.0, -3.25]


def test_xlsx_round_trip_equal_and_no_formula_cells():
    frame = _plain()
    data = to_xlsx_bytes(frame, sheet="targets")
    back = pd.read_excel(io.BytesIO(data), sheet_name="targets", dtype={"company": "string"})
    assert back["company"].tolist()[:3] == ["𠮷野家", "㈱アクメ", "髙橋商事"]
    assert back["revenue"].tolist() == [1.5e10, 2.0e8, 0.0, -3.25]
    cells = [c for row in _read_xlsx(data) for c in row]
    assert all(c.data_type != "f" for c in cells)
    assert cells[3].value == "𠮷野家" and cells[3].data_type == "s"


def test_cp932_reports_unencodable_characters():
    data, problems = to_csv_bytes(_plain(), encoding="cp932")
    assert problems == [Unencodable(row=1, column="company", char="𠮷", codepoint="U+20BB7")]
    text = data.decode("cp932")
    assert f"{REPLACEMENT_CHAR}野家" in text
    assert "㈱アクメ" in text and "髙橋商事" in text  # IBM extensions exist in CP932
    assert "?" not in text


def test_cp932_writes_the_yen_sign_of_english_money_text_as_japanese_excel_shows_it():
    # English pages write ¥148,900,000; CP932 has no U+00A5 and would write 〓
    frame = pd.DataFrame({"reason": ["Open pipeline ¥148,900,000 — 2 deals"]})
    data, problems = to_csv_bytes(frame, encoding="cp932")
    assert problems == []
    assert "Open pipeline ￥148,900,000 ― 2 deals" in data.decode("cp932")


def test_cp932_writes_other_currencies_signs_it_lacks_as_their_codes():
    frame = pd.DataFrame({"reason": ["€1.2M · £3.4K · ₩5B · $6M"]})
    data, problems = to_csv_bytes(frame, encoding="cp932")
    assert problems == []
    assert "EUR1.2M ・ ￡3.4K ・ KRW5B ・ $6M" in data.decode("cp932")


def test_cp932_refuse_raises_without_the_value():
    with pytest.raises(MoriError) as err:
        to_csv_bytes(_plain(), encoding="cp932", unencodable="refuse")
    assert err.value.key == "export.err.unencodable"
    assert err.value.params == {"count": 1, "row": 1, "column": "company"}
    assert "𠮷" not in err.value.message("en")


# Table-driven formula injection: (text in, text written to CSV / xlsx)
INJECTION = [
    ("=1+1", "'=1+1"),
    ("+1+1", "'+1+1"),
    ("-1+1", "'-1+1"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
    ("\n=1", "'\n=1"),
    ("＝1+1", "'＝1+1"),
    ("＋1", "'＋1"),
    ("－1", "'－1"),
    ("＠x", "'＠x"),
    ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
    ("-5", "'-5"),  # text that looks like a number is still text
    ("+81 3-1234-5678", "'+81 3-1234-5678"),
    ("株式会社=テスト", "株式会社=テスト"),  # only the first character matters
    ("a-b", "a-b"),
    ("", ""),
]


@pytest.mark.parametrize(("raw", "safe"), INJECTION)
def test_neutralise_text_cells(raw, safe):
    frame = pd.DataFrame(
        {"text": pd.array([raw], dtype="string"), "obj": pd.Series([raw], dtype=object)}
    )
    out = neutralise_formulas(frame)
    assert out["text"].iloc[0] == safe
    assert out["obj"].iloc[0] == safe


@pytest.mark.parametrize(("raw", "safe"), INJECTION)
def test_csv_and_xlsx_escape(raw, safe):
    frame = pd.DataFrame({"text": pd.array([raw], dtype="string"), "n": [-5]})
    data, _ = to_csv_bytes(frame)
    back = pd.read_csv(
        io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False, dtype={"text": str}
    )
    assert back["text"].iloc[0] == safe
    assert back["n"].iloc[0] == -5  # numbers untouched
    rows = _read_xlsx(to_xlsx_bytes(frame))
    cell, number = rows[1]
    # a string cell is text whatever it starts with: written as is, never a formula (a
    # CRM import of the workbook must not get a quote prefix in a name or phone number)
    assert (cell.data_type == "s" or not raw) and number.data_type == "n"
    assert (cell.value or "") == raw.replace("\r", "\n")  # XML stores CR as LF
    assert number.value == -5
    escaped = _read_xlsx(to_xlsx_bytes(frame, neutralise=True))[1][0]
    assert (escaped.value or "") == safe.replace("\r", "\n")  # on request, as in CSV


def test_xlsx_has_no_formula_even_without_escaping():
    frame = pd.DataFrame({"x": ['=HYPERLINK("http://x","y")', "=1+1"]})
    rows = _read_xlsx(to_xlsx_bytes(frame, neutralise=False))
    assert [c.data_type for c in rows[1] + rows[2]] == ["s", "s"]
    assert rows[1][0].value == '=HYPERLINK("http://x","y")'


def test_negative_numbers_keep_numeric_dtype():
    frame = pd.DataFrame(
        {"a": [-5, 3], "b": pd.array([-1.5, None], dtype="Float64"), "c": ["-5", "x"]}
    )
    out = neutralise_formulas(frame)
    assert out["a"].dtype == frame["a"].dtype and out["a"].tolist() == [-5, 3]
    assert out["b"].dtype == frame["b"].dtype
    assert out["c"].tolist() == ["'-5", "x"]


def test_header_and_input_not_mutated():
    frame = pd.DataFrame({"=cmd": ["=1"]})
    before = frame.copy()
    out = neutralise_formulas(frame)
    assert list(out.columns) == ["'=cmd"]
    pd.testing.assert_frame_equal(frame, before)


def _targets() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "account_id": ["a", "b", "c"],
            "account_name": ["株式会社アクメ", "=Evil Corp", None],
            "domain": ["acme.example", None, "c.example"],
            "industry": ["製造業", "IT", None],
            "employees": pd.array([1200, 30, None], dtype="Int64"),
            "annual_revenue": pd.array([5e10, None, 1e9], dtype="Float64"),
            "tier": pd.Categorical(
                ["tier_1", "tier_3", "none"], categories=["tier_1", "tier_2", "tier_3", "none"]
            ),
            "score": [78.04, 31.0, 4.0],
        }
    )


def test_hubspot_preset():
    h = hubspot_company_import(_targets())
    assert list(h.columns) == [
        "Company name",
        "Company Domain Name",
        "Target Account",
        "Ideal Customer Profile Tier",
        "Number of Employees",
        "Annual Revenue",
        "Industry",
    ]
    assert h["Company name"].tolist() == ["株式会社アクメ", "=Evil Corp", "c"]
    assert h["Target Account"].tolist() == ["true", "true", "false"]
    assert h["Ideal Customer Profile Tier"].tolist() == ["tier_1", "tier_3", ""]
    data, _ = to_csv_bytes(h)
    assert "'=Evil Corp" in data.decode("utf-8-sig")


def test_salesforce_preset():
    s = salesforce_account_import(_targets())
    assert list(s.columns)[:5] == [
        "Account Name",
        "Website",
        "Industry",
        "NumberOfEmployees",
        "AnnualRevenue",
    ]
    assert s["Tier__c"].tolist() == ["Tier 1", "Tier 3", ""]
    assert s["Target_Account__c"].tolist() == ["TRUE", "TRUE", "FALSE"]
    assert s["ABM_Score__c"].tolist() == [78.0, 31.0, 4.0]
    xlsx = _read_xlsx(to_xlsx_bytes(s))
    assert xlsx[2][0].value == "=Evil Corp" and xlsx[2][0].data_type == "s"  # text, as named


@settings(max_examples=200)
@given(st.lists(st.text(max_size=8), min_size=1, max_size=5))
def test_neutralise_is_idempotent_and_leaves_no_formula(texts):
    frame = pd.DataFrame({"x": pd.array(texts, dtype="string")})
    once = neutralise_formulas(frame)
    assert not once["x"].str.match(r"^[=+\-@\t\r\n＝＋－＠]").any()
    pd.testing.assert_frame_equal(neutralise_formulas(once), once)


def test_categorical_text_is_escaped_too():
    frame = pd.DataFrame({"c": pd.Categorical(["=1+1", "ok", "=1+1"])})
    assert neutralise_formulas(frame)["c"].tolist() == ["'=1+1", "ok", "'=1+1"]
    data, _ = to_csv_bytes(frame)
    assert data.decode("utf-8-sig").splitlines() == ["c", "'=1+1", "ok", "'=1+1"]


def test_cp932_writes_em_dash_as_horizontal_bar_without_reporting():
    data, problems = to_csv_bytes(pd.DataFrame({"x": ["A—B", "〜"]}), encoding="cp932")
    assert problems == []
    assert data.decode("cp932").splitlines() == ["x", "A―B", "～"]


def test_csv_and_xlsx_read_back_equal():
    frame = _plain().assign(
        note=pd.array(["=SUM(A1)", "+81 3-1234-5678", "-5", "ok"], dtype="string")
    )
    csv, _ = to_csv_bytes(frame)
    from_csv = pd.read_csv(io.BytesIO(csv), encoding="utf-8-sig")
    from_xlsx = pd.read_excel(io.BytesIO(to_xlsx_bytes(frame, neutralise=True)))
    pd.testing.assert_frame_equal(from_csv, from_xlsx, check_dtype=False)
    assert from_csv["note"].tolist() == ["'=SUM(A1)", "'+81 3-1234-5678", "'-5", "ok"]
    assert from_csv["company"].tolist()[:2] == ["𠮷野家", "㈱アクメ"]


def test_mori_preset_keeps_codes_and_rounds():
    targets = _targets().assign(
        coverage=[0.6666, 0.2, 0.0],
        missing_roles=pd.Categorical(["procurement", "", ""]),
        why=["fit_high", "", ""],
        why_not=["", "score_below", "score_below"],
        engaged_contacts=[2, 0, 0],
        contacts=[3, 1, 0],
        open_pipeline=[0.0, 1e6, 0.0],
        won_revenue=[5e5, 0.0, 0.0],
    )
    m = mori_target_list(targets)
    assert list(m.columns)[:4] == ["account_id", "account_name", "domain", "tier"]
    assert m["tier"].tolist() == ["tier_1", "tier_3", "none"]
    assert m["score"].tolist() == [78.0, 31.0, 4.0]
    assert m["coverage"].tolist() == [0.667, 0.2, 0.0]
    assert m["missing_roles"].tolist() == ["procurement", "", ""]


def test_presets_never_write_an_excluded_account():
    targets = _targets().assign(
        excluded=[False, True, False],
        exclusion_reason=pd.array([None, "competitor", None], dtype="string"),
        coverage=0.0,
    )
    for preset in (hubspot_company_import, salesforce_account_import, mori_target_list):
        out = preset(targets)
        assert len(out) == 2, preset.__name__
        assert "=Evil Corp" not in out.iloc[:, :2].astype(str).to_numpy().ravel().tolist()
        assert out.attrs["excluded_left_out"] == 1
    assert hubspot_company_import(_targets()).attrs["excluded_left_out"] == 0


# --- readable exports: Japanese (or English) headers, words instead of codes (#19) --------


@pytest.fixture(scope="module")
def scored_demo():
    import abm.accounts as acc
    from abm.pipeline import prepare
    from tests.support.worlds import demo_world

    world = demo_world()
    ds = prepare(world.dataset).dataset
    rolled = acc.rollup_accounts(
        ds.leads,
        activities=ds.activities,
        opportunities=ds.opportunities,
        accounts=ds.accounts,
        as_of=world.as_of,
    )
    return acc.score_accounts(rolled, acc.TierRules()), acc.TierRules()


def test_target_list_names_the_workspaces_currency(scored_demo):
    from abm.core.format import use_currency
    from abm.export import target_list

    scored, rules = scored_demo
    top = scored.head(5)
    with use_currency("USD"):
        en, ja = target_list(top, "en", rules), target_list(top, "ja", rules)
    assert "Open pipeline (USD)" in en.columns and "Won revenue (USD)" in en.columns
    assert "進行中の商談額（ドル）" in ja.columns and "受注額（ドル）" in ja.columns
    assert not any("JPY" in c or "円" in c for c in [*en.columns, *ja.columns])
    # the reasons name the amounts in dollars too, never yen
    assert not en.astype("string").fillna("").apply(lambda c: c.str.contains("¥")).any().any()
    assert "Open pipeline (JPY)" in target_list(top, "en", rules).columns  # yen by default


def test_target_list_reads_in_japanese(scored_demo):
    from abm.export import TARGET_LIST_COLUMNS, target_list
    from abm.i18n import keys as K
    from abm.i18n import t

    scored, rules = scored_demo
    top = scored.head(40)
    out = target_list(top, "ja", rules)
    assert list(out.columns) == [t(k, "ja", unit="円") for k in TARGET_LIST_COLUMNS]
    assert "進行中の商談額（円）" in out.columns and "カバー率（%）" in out.columns
    assert set(out["Tier"]) <= {t(k, "ja") for k in K.TIER.values()}
    cells = " ".join(out.astype("string").fillna("").to_numpy().ravel().tolist())
    for code in ("tier_1", "tier_2", "none", "fit_high", "score_high", "|"):
        assert code not in cells, code
    # money in whole yen, coverage in whole percent: numbers a spreadsheet adds up
    assert out["進行中の商談額（円）"].tolist() == top["open_pipeline"].round().astype(int).tolist()
    assert out["カバー率（%）"].tolist() == (top["coverage"] * 100).round().astype(int).tolist()
    assert out["このTierの理由"].str.len().gt(0).all()
    csv, problems = to_csv_bytes(out, encoding="cp932")
    assert problems == [] and "148900000" in csv.decode("cp932")


def test_target_list_in_english_and_without_excluded(scored_demo):
    from abm.export import target_list

    scored, rules = scored_demo
    rows = scored.head(10).assign(excluded=[True] + [False] * 9)
    out = target_list(rows, "en", rules)
    assert len(out) == 9 and out.attrs["excluded_left_out"] == 1
    assert out.columns[:3].tolist() == ["Rank", "Account", "Tier"]
    assert out["Tier"].iloc[0].startswith("Tier ")


def test_readable_names_fields_and_codes_without_touching_the_input():
    from abm.export import readable

    frame = pd.DataFrame(
        {
            "company": ["アクメ", "ベータ"],
            "match_rule": pd.array(["exact_name", None], dtype="string"),
            "exclusion_reasons": ["student|free_mail", "someone_new"],
            "tier": pd.Categorical(["tier_1", "none"]),
            "my_own_column": [1, 2],
        }
    )
    before = frame.copy()
    out = readable(frame, "ja")
    pd.testing.assert_frame_equal(frame, before)
    assert list(out.columns) == [
        "会社名",
        "名寄せの根拠",
        "当てはまった除外理由",
        "ティア",
        "my_own_column",
    ]
    assert "exact_name" not in out["名寄せの根拠"].iloc[0] and pd.isna(out["名寄せの根拠"].iloc[1])
    assert "、" in out["当てはまった除外理由"].iloc[0]
    assert out["当てはまった除外理由"].iloc[1] == "someone_new"  # an unknown code stays as it is
    assert out["ティア"].tolist()[0].startswith("Tier 1")


@settings(max_examples=100)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(["exact_name", "fuzzy_name", "singleton", "manual"]),
            st.text(max_size=6),
            st.none(),
        ),
        max_size=8,
    )
)
def test_translate_codes_is_idempotent_and_keeps_rows(values):
    from abm.export import translate_codes

    frame = pd.DataFrame({"match_rule": pd.array(values, dtype="string")})
    once = translate_codes(frame, "ja")
    assert once.index.equals(frame.index)
    pd.testing.assert_frame_equal(translate_codes(once, "ja"), once)


def test_readable_says_how_each_lead_matched_the_registry_in_both_languages():
    from abm.export import readable

    frame = pd.DataFrame(
        {
            "registry_corporate_number": ["2010001000021", None],
            "registry_match": pd.array(["homophone", None], dtype="string"),
        }
    )
    ja, en = readable(frame, "ja"), readable(frame, "en")
    assert list(ja.columns) == ["レジストリの法人番号", "レジストリとの照合"]
    assert ja["レジストリとの照合"].iloc[0] == "同じ読みの漢字の打ち間違い"
    assert en["Registry match"].iloc[0] == "Typing slip: a kanji that reads the same"
    assert pd.isna(ja["レジストリとの照合"].iloc[1])


def test_readable_rounds_decimal_numbers_for_people_when_asked():
    # QA: a Gap list CSV wrote engagement as 29.113523483276367 beside a page showing 29
    from abm.export import readable

    frame = pd.DataFrame(
        {"company": ["A"], "engagement_score": [29.113523483276367], "employees": [120]}
    )
    out = readable(frame, "en", digits=1)
    assert out.iloc[0].tolist()[1:] == [29.1, 120]
    assert readable(frame, "en").iloc[0, 1] == 29.113523483276367  # unchanged unless asked


def test_a_lone_dash_placeholder_is_written_as_it_is():
    # QA-Q: the company placeholder "-" of individuals came out as "'-"; a lone dash runs
    # nothing, while a dash that starts anything longer is still quoted
    frame = pd.DataFrame({"company": ["-", "－", "--", "-1+1", "-x"]})
    assert neutralise_formulas(frame)["company"].tolist() == ["-", "－", "'--", "'-1+1", "'-x"]
