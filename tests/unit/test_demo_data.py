"""The bundled demo data: deterministic, committed = fresh run, realistic bands, formats."""

from __future__ import annotations

import filecmp
import io
import itertools
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from data import generate as gen
from data.text import (
    company_variant,
    corporate_number,
    is_valid_corporate_number,
    to_fullwidth,
    to_halfwidth_kana,
)
from data.vocab import FORBIDDEN

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
DATES = ["作成日", "MQL化日", "営業受入日", "SQL化日", "商談化日"]


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("demo_a")
    return out, gen.generate(out)


@pytest.fixture(scope="module")
def bownow(fresh) -> pd.DataFrame:
    path = fresh[0] / "demo" / gen.BOWNOW_FILE
    return pd.read_csv(path, encoding="cp932", skiprows=3, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def truth(fresh) -> pd.DataFrame:
    return pd.read_csv(
        fresh[0] / "demo_truth" / "leads_truth.csv", dtype=str, keep_default_na=False
    )


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.is_file())


def test_corporate_number_check_digit_hand_computed() -> None:
    # 国税庁 = 7000012050002: odd positions 2+0+5+2+0+0 = 9, even 2·(0+0+0+1+0+0) = 2,
    # 11 mod 9 = 2, 9 − 2 = 7.
    assert corporate_number("000012050002") == "7000012050002"
    assert is_valid_corporate_number("7000012050002")
    assert not is_valid_corporate_number("6000012050002")
    assert not is_valid_corporate_number("700001205000")


def test_width_helpers() -> None:
    assert to_fullwidth("IT 21") == "ＩＴ\u3000２１"
    assert to_halfwidth_kana("システム・ガバナンス") == "ｼｽﾃﾑ･ｶﾞﾊﾞﾅﾝｽ"
    assert to_halfwidth_kana("パートナー") == "ﾊﾟｰﾄﾅｰ"


def test_company_variant_kinds_keep_core() -> None:
    rng = np.random.default_rng(0)
    kinds = {}
    for _ in range(2000):
        name, kind = company_variant("大和電機", "株式会社", False, "DAIWA DENKI CO., LTD.", rng)
        kinds.setdefault(kind, name)
    assert kinds["official"] == "大和電機株式会社"
    assert kinds["form_swapped"] == "株式会社大和電機"
    assert kinds["abbreviated"] in ("大和電機(株)", "大和電機（株）", "大和電機㈱")
    assert kinds["no_form"] == "大和電機"
    assert kinds["english"] == "DAIWA DENKI CO., LTD."
    assert kinds["fullwidth_english"].startswith("ＤＡＩＷＡ")
    assert kinds["branch"].startswith("大和電機株式会社")
    assert len(kinds["typo"]) in (7, 8) and kinds["typo"] != "大和電機株式会社"


def _differ(a: Path, b: Path) -> list[str]:
    """Names of the files that differ between two runs' folders (a missing one included)."""
    names, others = _files(a), _files(b)
    if names != others:
        return sorted(set(names) ^ set(others))
    _, mismatch, errors = filecmp.cmpfiles(a, b, names, shallow=False)
    return mismatch + errors


def test_generator_is_deterministic(fresh, tmp_path: Path) -> None:
    """Two runs write the same bytes. The committed files are an earlier run in another
    process: a fresh run equal to them proves it without a third run; when they differ, a
    second run here tells a generator that is not deterministic from stale committed files
    (the next test's failure)."""
    if not any(_differ(fresh[0] / sub, DATA / sub) for sub in ("demo", "demo_truth")):
        return
    gen.generate(tmp_path)
    for sub in ("demo", "demo_truth"):
        assert _differ(fresh[0] / sub, tmp_path / sub) == []


def test_committed_files_equal_a_fresh_run(fresh) -> None:
    for sub in ("demo", "demo_truth"):
        assert _differ(fresh[0] / sub, DATA / sub) == [], "run `.venv/bin/python -m data.generate`"


def test_size_budget() -> None:
    total = sum(p.stat().st_size for p in DATA.rglob("*") if p.is_file())
    assert total < 12 * 1024 * 1024


def test_counts_in_bands(fresh) -> None:
    s = fresh[1]
    assert s["accounts"] == 400
    assert 3300 <= s["bownow_rows"] <= 3900
    assert 300 <= s["hubspot_rows"] <= 500
    assert 45_000 <= s["activities"] <= 55_000
    assert 500 <= s["opportunities"] <= 700
    assert s["accounts_xlsx_rows"] == 250
    assert 0.05 <= s["customers"] / s["accounts"] <= 0.12


def test_cp932_title_rows_and_crlf(fresh) -> None:
    raw = (fresh[0] / "demo" / gen.BOWNOW_FILE).read_bytes()
    text = raw.decode("cp932")  # strict: raises if anything is not CP932
    lines = text.split("\r\n")
    assert lines[0] == '"検索条件：すべてのリード"'
    assert lines[1] == '"出力日時：2026/09/30 18:00"'
    assert lines[2] == ""
    assert lines[3].startswith('"会社名","部署","役職","氏名","メールアドレス"')
    assert "\n" not in text.replace("\r\n", "")


def test_funnel_rates_from_bownow_dates(bownow, truth) -> None:
    t = truth[truth["file"] == gen.BOWNOW_FILE].reset_index(drop=True)
    rows = bownow[(t["is_duplicate"] == "0") & (t["is_test"] == "0")]
    n = {c: int((rows[c] != "").sum()) for c in [*DATES, "受注日", "失注日"]}
    assert 0.15 <= n["MQL化日"] / n["作成日"] <= 0.25
    assert 0.45 <= n["営業受入日"] / n["MQL化日"] <= 0.65
    assert 0.50 <= n["SQL化日"] / n["営業受入日"] <= 0.70
    assert 0.70 <= n["商談化日"] / n["SQL化日"] <= 0.90
    assert 0.15 <= n["受注日"] / (n["受注日"] + n["失注日"]) <= 0.32


def test_stage_dates_ordered_and_status_consistent(bownow) -> None:
    d = bownow[[*DATES, "受注日", "失注日"]].apply(
        lambda s: pd.to_datetime(s, format="%Y/%m/%d", errors="coerce")
    )
    assert d.min().min() >= pd.Timestamp("2024-10-01")
    assert d.max().max() <= pd.Timestamp("2026-09-30")
    for prev, nxt in itertools.pairwise(DATES):
        has = d[nxt].notna()
        assert d.loc[has, prev].notna().all()
        assert (d.loc[has, nxt] >= d.loc[has, prev]).all()
    closed = d["受注日"].fillna(d["失注日"])
    assert (closed[d["商談化日"].notna()].dropna() > d["商談化日"][closed.notna()]).all()
    st = bownow["ステータス"]
    assert ((st == "受注") == (bownow["受注日"] != "")).all()
    assert ((st == "失注") == (bownow["失注日"] != "")).all()
    assert ((st == "案件化") <= (bownow["商談化日"] != "")).all()
    assert set(st) <= {"潜在", "準顕在", "顕在化", "アポ獲得", "案件化", "受注", "失注", "対象外"}
    assert (bownow.loc[bownow["不受理理由"] != "", "営業受入日"] == "").all()


def test_scoring_has_signal(fresh, bownow, truth) -> None:
    t = truth[(truth["file"] == gen.BOWNOW_FILE) & (truth["is_duplicate"] == "0")]
    acc = pd.read_csv(fresh[0] / "demo_truth" / "accounts_truth.csv", dtype=str)
    assert set(t["company_id"]) - {""} <= set(acc["company_id"])
    b = bownow.loc[t.index]
    mql = b["MQL化日"] != ""
    by_seg = mql.groupby(t["segment"]).mean()
    assert by_seg["large"] > by_seg["smb"] > 0
    assert by_seg["large"] > 2 * by_seg["univ"]
    assert mql[t["is_free_mail"] == "1"].mean() < mql[t["is_free_mail"] == "0"].mean()
    assert mql[t["is_student"] == "1"].mean() < 0.05


def test_truth_rows_align_with_files(bownow, truth, fresh) -> None:
    hub = pd.read_csv(fresh[0] / "demo" / gen.HUBSPOT_FILE, dtype=str, keep_default_na=False)
    t_b = truth[truth["file"] == gen.BOWNOW_FILE]
    t_h = truth[truth["file"] == gen.HUBSPOT_FILE]
    assert len(t_b) == len(bownow) and len(t_h) == len(hub)
    assert t_b["line"].astype(int).tolist() == list(range(5, 5 + len(bownow)))
    # the 2nd row of a duplicate person has the same e-mail up to case
    dup = t_b[t_b["is_duplicate"] == "1"]
    assert 0.015 <= len(dup) / len(t_b) <= 0.045
    email = bownow["メールアドレス"].str.lower()
    first = t_b[t_b["is_duplicate"] == "0"].reset_index().set_index("person_id")["index"]
    for idx, pid in dup["person_id"].items():
        assert email[idx] == email[first[pid]]
    # test records are junk left for hygiene to find: never progressed; free mail ~12 %
    assert (t_b["is_test"] == "1").sum() == 8
    assert (bownow.loc[t_b["is_test"] == "1", "MQL化日"] == "").all()
    assert 0.08 <= (t_b["is_free_mail"] == "1").mean() <= 0.16
    # confusable names: two different 東邦システム accounts
    acc = pd.read_csv(DATA / "demo_truth" / "accounts_truth.csv", dtype=str)
    toho = acc[acc["core_name"] == "東邦システム"]
    assert len(toho) == 2
    assert toho["prefecture"].nunique() == 2 and toho["domain"].nunique() == 2
    assert toho["corporate_number"].nunique() == 2
    assert {"三和電機", "三和商事", "大和電機"} <= set(acc["core_name"])
    # the same person appears in HubSpot (English) and BowNow (Japanese), same e-mail
    both = set(hub["Email"].str.lower()) & set(email)
    assert 80 <= len(both) <= 140


def test_accounts_truth_names_and_numbers() -> None:
    acc = pd.read_csv(DATA / "demo_truth" / "accounts_truth.csv", dtype=str)
    assert acc["corporate_number"].map(is_valid_corporate_number).all()
    assert acc["corporate_number"].is_unique and acc["domain"].is_unique
    assert not acc["official_name"].map(lambda n: any(f in n for f in FORBIDDEN)).any()
    assert acc.loc[acc["segment"] == "univ", "domain"].str.endswith(".ac.jp").all()
    assert acc["segment"].value_counts().to_dict() == {
        "smb": 151, "mid": 140, "large": 60, "univ": 32, "competitor": 9, "partner": 8,
    }  # fmt: skip
    large = acc[acc["segment"] == "large"]
    rev = large["revenue_m"].astype(int)
    assert rev.between(10_000, 2_000_000).all()  # 100億–2兆円 in 百万円


def test_bownow_corporate_numbers_valid_and_sparse(bownow) -> None:
    nums = bownow.loc[bownow["法人番号"] != "", "法人番号"]
    assert nums.map(is_valid_corporate_number).all()
    assert 0.2 <= len(nums) / len(bownow) <= 0.4
    assert bownow["電話番号"].str.startswith("0").mean() > 0.85


def test_activities_file(fresh, bownow) -> None:
    raw = (fresh[0] / "demo" / gen.ACTIVITY_FILE).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    act = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(act.columns) == [
        "メールアドレス",
        "日時",
        "行動種別",
        "チャネル",
        "URL",
        "キャンペーン",
    ]
    ts = pd.to_datetime(act["日時"], format="%Y/%m/%d %H:%M:%S")
    assert ts.min() >= pd.Timestamp("2024-10-01") and ts.max() < pd.Timestamp("2026-10-01")
    known = set(bownow["メールアドレス"].str.lower())
    assert (~act["メールアドレス"].isin(known)).sum() > 0
    # converting leads look at pricing more often than the rest
    mql = set(bownow.loc[bownow["MQL化日"] != "", "メールアドレス"].str.lower())
    pricing = act[act["行動種別"] == "料金ページ閲覧"]["メールアドレス"].value_counts()
    rate_mql = pricing.reindex(sorted(mql)).fillna(0).mean()
    rest = sorted(known - mql - {""})
    assert rate_mql > 5 * pricing.reindex(rest).fillna(0).mean()


def test_salesforce_opportunities(fresh) -> None:
    sf = pd.read_csv(fresh[0] / "demo" / gen.SF_FILE, encoding="cp932", dtype=str,
                     keep_default_na=False)  # fmt: skip
    assert sf["商談ID"].is_unique and sf["商談ID"].str.len().eq(18).all()
    amount = sf["金額"].astype(int)
    assert amount.between(100_000, 150_000_000).all()
    won, closed = sf["受注"].astype(int), sf["完了"].astype(int)
    assert ((sf["フェーズ"] == "受注") == (won == 1)).all()
    assert (won <= closed).all()
    assert (
        sf.loc[closed == 0, "フェーズ"].isin(["見込み", "要件定義", "提案", "見積提示", "交渉"])
    ).all()
    close = pd.to_datetime(sf.loc[closed == 0, "完了予定日"], format="%Y/%m/%d")
    assert close.between(pd.Timestamp("2026-10-01"), pd.Timestamp("2026-12-31")).sum() > 20


def test_accounts_xlsx(fresh) -> None:
    wb = load_workbook(fresh[0] / "demo" / gen.XLSX_FILE)
    assert wb.sheetnames == ["取引先"]
    rows = list(wb["取引先"].iter_rows(values_only=True))
    assert rows[0] == ("会社名", "ドメイン", "法人番号", "業種", "従業員数", "売上高（百万円）",
                       "都道府県", "既存顧客", "ターゲット", "ティア")  # fmt: skip
    body = rows[1:]
    assert len(body) == 250
    assert not any(isinstance(v, str) and v.startswith("=") for r in body for v in r)
    assert {r[7] for r in body} == {"はい", "いいえ"}
    assert {r[8] for r in body} == {"○", None}
    assert {r[9] for r in body if r[8] is None} == {None}
    assert {r[9] for r in body if r[8] == "○"} == {1, 2, 3}
