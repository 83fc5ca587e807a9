"""The optional official registry (abm.resolve.registry): published layouts and what matching does with it."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import pytest

from abm.errors import MoriError
from abm.resolve import match_registry, read_registry, resolve_accounts
from abm.resolve.corpnum import check_digit

N1 = f"{check_digit('010001000006')}010001000006"
N2 = f"{check_digit('180001038906')}180001038906"
N3 = f"{check_digit('020001005862')}020001005862"


def _nta_row(seq: int, number: str, name: str, furigana: str, english: str, latest: str = "1"):
    row = [""] * 30
    row[0], row[1], row[2], row[3], row[4] = str(seq), number, "01", "0", "2024-01-05"
    row[6], row[8], row[9] = name, "301", "東京都"
    row[23], row[24], row[28] = latest, english, furigana
    return ",".join(f'"{v}"' for v in row)


def _nta(encoding: str = "utf-8") -> bytes:
    rows = [
        _nta_row(1, N1, "五洋建設株式会社", "ゴヨウケンセツ", "PENTA-OCEAN CONSTRUCTION CO.,LTD."),
        _nta_row(2, N2, "株式会社アルファ", "アルファ", ""),
        _nta_row(3, N3, "株式会社アルファ", "アルファ", ""),
        _nta_row(4, N2, "株式会社旧アルファ", "キュウアルファ", "", latest="0"),
    ]
    return ("\r\n".join(rows) + "\r\n").encode(encoding)


def test_reads_the_national_tax_agency_bulk_csv_in_both_editions_and_zipped():
    for data in (_nta("utf-8"), _nta("cp932")):
        reg = read_registry(data, file="13_tokyo_all.csv")
        assert list(reg.columns) == ["corporate_number", "name", "reading", "english_name"]
        assert reg["corporate_number"].tolist() == [N1, N2, N3]  # history rows dropped
        assert reg.loc[0, "english_name"] == "PENTA-OCEAN CONSTRUCTION CO.,LTD."
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("13_tokyo_all_20240131.csv", _nta())
    assert len(read_registry(buf.getvalue(), file="13_tokyo_all.zip")) == 3


def test_reads_the_edinet_code_list():
    text = (
        "ダウンロード実行日,2025年12月24日現在,件数,2件\r\n"
        "ＥＤＩＮＥＴコード,提出者種別,上場区分,連結の有無,資本金,決算日,提出者名,提出者名（英字）,"
        "提出者名（ヨミ）,所在地,提出者業種,証券コード,提出者法人番号\r\n"
        f"E00086,内国法人・組合,上場,有,30449,3月31日,五洋建設株式会社,"
        f'"PENTA-OCEAN CONSTRUCTION CO.,LTD.",ゴヨウケンセツカブシキガイシャ,東京都文京区,建設業,18930,{N1}\r\n'
    )
    reg = read_registry(text.encode("cp932"), file="EdinetcodeDlInfo.csv")
    assert reg.iloc[0].tolist() == [
        N1,
        "五洋建設株式会社",
        "ゴヨウケンセツカブシキガイシャ",
        "PENTA-OCEAN CONSTRUCTION CO.,LTD.",
    ]


@pytest.mark.parametrize(
    "data", [b"a,b\n1,2\n", "氏名,住所\n山田,東京\n".encode(), b"PK\x03\x04broken"]
)
def test_other_files_are_refused_with_a_message_naming_the_file(data):
    with pytest.raises(MoriError) as err:
        read_registry(data, file="x.csv")
    assert err.value.key.startswith("resolve.err.registry_")
    assert err.value.params["file"] == "x.csv"


def test_leads_get_the_registry_number_name_reading_and_english_name():
    reg = read_registry(_nta())
    leads = pd.DataFrame(
        {
            "company": [
                "五洋建設(株)",
                "Penta-Ocean Construction Co., Ltd.",
                "株式会社アルファ",
                "無名",
            ],
            "corporate_number": [None, None, None, None],
        }
    )
    out = match_registry(leads, reg)
    assert out["registry_corporate_number"].tolist()[:2] == [N1, N1]
    assert out.loc[0, "registry_reading"] == "ゴヨウケンセツ"
    assert out.loc[1, "registry_name"] == "五洋建設株式会社"
    assert pd.isna(out.loc[2, "registry_corporate_number"])  # two companies carry this name
    assert bool(out.loc[2, "registry_shared"]) is True
    assert pd.isna(out.loc[3, "registry_corporate_number"])
    assert list(leads.columns) == ["company", "corporate_number"]  # input untouched


def test_matching_uses_the_registry_and_never_merges_a_shared_name():
    reg = read_registry(_nta())
    leads = pd.DataFrame(
        {
            "company": [
                "五洋建設株式会社",
                "PENTA-OCEAN CONSTRUCTION",
                "株式会社アルファ",
                "アルファ(株)",
            ],
            "email": ["a@gmail.com", "b@gmail.com", "c@alpha.co.jp", None],
            "corporate_number": [None, None, None, N3],
        }
    )
    without = resolve_accounts(leads)
    assert without["account_id"].iloc[0] != without["account_id"].iloc[1]
    # without a registry, only the company's own domain tells that 五洋建設 is Penta-Ocean
    by_domain = resolve_accounts(leads.assign(email=["a@penta-ocean.co.jp", *leads["email"][1:]]))
    assert by_domain["account_id"].iloc[0] == by_domain["account_id"].iloc[1]
    assert by_domain["match_rule"].iloc[1] == "domain_name"
    out = resolve_accounts(leads, registry=reg)
    assert out["account_id"].iloc[0] == out["account_id"].iloc[1]
    assert out["match_rule"].iloc[1] == "corporate_number"
    # one アルファ known by its domain, the other by its number: the registry has two
    assert out["account_id"].iloc[2] != out["account_id"].iloc[3]


def _plain_registry(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    """A registry in the plain layout from ``(12 digits, name, furigana)`` rows."""
    lines = ["corporate_number,name,reading,english_name"]
    lines += [f"{check_digit(d)}{d},{name},{kana}," for d, name, kana in rows]
    return read_registry("\n".join(lines).encode(), file="registry.csv")


SLIP_REGISTRY = [
    ("010001000013", "住友電気工業株式会社", "スミトモデンキコウギョウカブシキガイシャ"),
    ("010001000021", "ジャニス工業株式会社", "ジャニスコウギョウカブシキガイシャ"),
    ("010001000039", "大和田建設株式会社", "オオワダケンセツカブシキガイシャ"),
    ("010001000047", "大和山建設株式会社", "ヤマトヤマケンセツカブシキガイシャ"),
    ("010001000055", "新光商事株式会社", "シンコウショウジカブシキガイシャ"),
    ("010001000063", "株式会社プレシジョンサイエンス", "プレシジョンサイエンス"),
    ("010001000071", "新光サービス株式会社", "シンコウサービスカブシキガイシャ"),
    ("010001000089", "株式会社アメイズ", "アメイズ"),
]


def test_a_name_no_registry_company_carries_is_read_as_a_slip_of_the_one_it_can_be():
    reg = _plain_registry(SLIP_REGISTRY)
    num = dict(zip(reg["name"], reg["corporate_number"], strict=True))
    leads = pd.DataFrame(
        {
            "company": [
                "住友気工業株式会社",  # one kanji of the name dropped
                "ジャニス興業(株)",  # a homophone the IME offered
                "株式会社プレシジョンサイエス",  # one kana dropped
                "大和建設株式会社",  # 大和田建設 or 大和山建設: two candidates
                "新商事株式会社",  # one distinctive character left: anyone's slip
                "住電気工業株式会社",  # 住 and the generic 電気工業: the same
                "新サービス株式会社",  # サービス is generic too, as skeletons spell it
                "友電気工業株式会社",  # the first character is never a slip
                "株式会社アメズ",  # a kana dropped from a short name: three are left
                "株式会社ジャニス工業",  # the registry's own name
            ]
        }
    )
    out = match_registry(leads, reg)
    assert out["registry_corporate_number"].tolist()[:3] == [
        num["住友電気工業株式会社"],
        num["ジャニス工業株式会社"],
        num["株式会社プレシジョンサイエンス"],
    ]
    assert out["registry_match"].tolist()[:3] == ["drop", "homophone", "drop"]
    assert out["registry_corporate_number"].iloc[3:9].isna().all()
    assert out["registry_match"].iloc[3:9].isna().all()
    assert not out["registry_shared"].iloc[3:9].any()  # no registry company carries them
    assert out.loc[9, "registry_match"] == "name"


def test_a_slip_found_in_the_registry_joins_its_company_whatever_its_evidence():
    reg = _plain_registry(SLIP_REGISTRY)
    leads = pd.DataFrame(
        {
            "company": ["ジャニス工業株式会社", "ジャニス興業株式会社", "ジャニス興業株式会社"],
            "email": [None, None, "u1@janis.jp"],
            "corporate_number": [None, None, None],
        }
    )
    out = resolve_accounts(leads, registry=reg)
    assert out["account_id"].nunique() == 1
    assert out["registry_match"].tolist() == ["name", "homophone", "homophone"]


def test_the_match_column_says_which_key_matched():
    reg = read_registry(_nta())
    leads = pd.DataFrame(
        {
            "company": ["何でも", "PENTA-OCEAN CONSTRUCTION", "五洋建設", "株式会社アルファ"],
            "corporate_number": [N1, None, None, None],
        }
    )
    out = match_registry(leads, reg)
    assert out["registry_match"].tolist()[:3] == ["number", "english", "name"]
    assert pd.isna(out.loc[3, "registry_match"])


def test_a_lead_with_its_own_number_is_matched_by_that_number_only():
    reg = _plain_registry(SLIP_REGISTRY)
    other = f"{check_digit('990001000017')}990001000017"  # valid, not in the registry
    leads = pd.DataFrame(
        {
            "company": ["ジャニス工業株式会社", "ジャニス興業株式会社", "ジャニス工業株式会社"],
            "corporate_number": [other, other, None],
        },
        index=[30, 10, 20],  # labels, not positions
    )
    out = match_registry(leads, reg)
    assert out["registry_corporate_number"].isna().tolist() == [True, True, False]
    assert out["registry_match"].tolist()[:2] == [pd.NA, pd.NA]
    assert out.loc[20, "registry_match"] == "name"


def test_matching_reads_a_registry_frame_whatever_its_index():
    reg = _plain_registry(SLIP_REGISTRY)
    doubled = pd.concat([reg.iloc[:3], reg.iloc[3:].set_axis(range(len(reg) - 3))])
    assert doubled.index.duplicated().any()
    leads = pd.DataFrame({"company": ["住友気工業株式会社", "ジャニス興業"]}, index=[5, 7])
    out = match_registry(leads, doubled)
    assert out["registry_match"].tolist() == ["drop", "homophone"]
    assert out.index.tolist() == [5, 7]


def test_a_homophone_is_found_whatever_size_the_furigana_write_small_kana_in():
    # furigana with small kana written large (ジヤニス, ギヨウ)
    reg = _plain_registry([("010001000013", "ジャニス工業株式会社", "ジヤニスコウギヨウ")])
    out = match_registry(pd.DataFrame({"company": ["ジャニス興業"]}), reg)
    assert out.loc[0, "registry_match"] == "homophone"
