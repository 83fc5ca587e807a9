"""Golden tables and properties for company-name and email normalisation."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from abm.resolve import core_name, email_domain, is_free_mail, normalise_company, vocab
from abm.resolve.normalise import (
    analyse_distinct,
    analyse_names,
    domain_stem,
    generic_signature,
    norm_of,
    org_domain,
)

# (raw, expected normalised key)
GOLDEN = [
    # 前株 / 後株 and every bracket form of 株式会社
    ("株式会社サカタのタネ", "サカタノタネ"),
    ("サカタのタネ株式会社", "サカタノタネ"),
    ("(株)サカタのタネ", "サカタノタネ"),
    ("（株）サカタのタネ", "サカタノタネ"),
    ("㈱サカタのタネ", "サカタノタネ"),
    ("サカタのタネ㈱", "サカタノタネ"),
    ("サカタのタネ（株）", "サカタノタネ"),
    ("( 株 )サカタのタネ", "サカタノタネ"),
    # half-width kana, U+3000 and ASCII spaces
    ("㈱ｻｶﾀﾉﾀﾈ", "サカタノタネ"),
    ("株式会社\u3000サカタのタネ", "サカタノタネ"),
    ("株式会社 サカタ の タネ", "サカタノタネ"),
    # other Japanese legal forms
    ("有限会社山田工務店", "山田工務店"),
    ("(有)山田工務店", "山田工務店"),
    ("㈲山田工務店", "山田工務店"),
    ("山田工務店有限会社", "山田工務店"),
    ("合同会社DMM.com", "dmmcom"),
    ("合資会社丸八", "丸八"),
    ("合名会社丸八", "丸八"),
    ("一般社団法人日本能率協会", "日本能率協会"),
    ("(一社)日本能率協会", "日本能率協会"),
    ("一般財団法人日本品質保証機構", "日本品質保証機構"),
    ("公益財団法人日本財団", "日本財団"),
    ("学校法人早稲田大学", "早稲田大学"),
    ("医療法人社団健康会", "健康会"),
    ("社会福祉法人こぶし会", "コブシ会"),
    ("特定非営利活動法人フローレンス", "フローレンス"),
    ("NPO法人フローレンス", "フローレンス"),
    ("独立行政法人国際協力機構", "国際協力機構"),
    # English legal forms and full-width letters
    ("SAKATA SEED CORPORATION", "sakataseed"),
    ("Sakata Seed Corp.", "sakataseed"),
    ("Toyota Motor Co., Ltd.", "toyotamotor"),
    ("Ｔｏｙｏｔａ　Ｍｏｔｏｒ　Ｃｏ．，Ｌｔｄ．", "toyotamotor"),
    ("TOYOTA MOTOR CO.,LTD.", "toyotamotor"),
    ("Toyota Motor Company Limited", "toyotamotor"),
    ("Foo Inc.", "foo"),
    ("Foo, Incorporated", "foo"),
    ("Foo K.K.", "foo"),
    ("K.K. Foo", "foo"),
    ("Foo Kabushiki Kaisha", "foo"),
    ("Foo LLC", "foo"),
    ("Foo GK", "foo"),
    # English legal forms typed without a space or a stop
    ("TOSNETCORPORATION", "tosnet"),
    ("SintokogioLtd", "sintokogio"),
    ("gmo pepabo coltd", "gmopepabo"),
    ("Toa Oil Companylimited", "toaoil"),
    ("Nabtesco Ltd.", "nabtesco"),
    ("visionaryholdings coltd", "visionaryホールディングス"),
    ("altplusinc.", "altplus"),
    ("SOFT99corporation K.K.", "soft99"),  # glued form under another form
    ("Zinc Inc.", "zinc"),  # a short word ending in "inc" is not a glued form
    # holdings kept, unified
    ("ABC Holdings, Inc.", "abcホールディングス"),
    ("ABCホールディングス株式会社", "abcホールディングス"),
    ("ABC HD", "abcホールディングス"),
    # punctuation ・ ･ - ’ .
    ("アイ・エム・ジェイ株式会社", "アイエムジェイ"),
    ("ｱｲ･ｴﾑ･ｼﾞｪｲ", "アイエムジェイ"),
    ("Dell-Technologies Inc.", "delltechnologies"),
    ("McDonald’s Japan", "mcdonaldsjapan"),
    ("A.B.C. Co., Ltd.", "abc"),
    # branches
    ("株式会社NTTデータ 東京支店", "nttデータ"),
    ("三和電機株式会社　大阪支店", "三和電機"),
    ("三和電機株式会社大阪支店", "三和電機"),
    # a space before a word that only ends like a branch keeps the word (研究所 is part of it)
    ("株式会社 放電精密 加工研究所", "放電精密加工研究所"),
    ("三和電機株式会社 研究所", "三和電機"),
    ("三和電機(株) 本社", "三和電機"),
    ("Foo Co., Ltd. Osaka Branch", "foo"),
    # a site written after the name's legal form, in brackets or after a space (QA-Q's
    # sales workbook): the site goes, the company stays
    ("東邦繊維株式会社\u3000川崎工場", "東邦繊維"),
    ("北辰金属株式会社　第二工場", "北辰金属"),
    ("東邦繊維株式会社\u3000横浜事業所", "東邦繊維"),
    ("株式会社武蔵野ビルサービス\u3000第二工場", "武蔵野ビルサービス"),
    ("株式会社東洋鋼材 第二工場", "東洋鋼材"),
    ("双葉商事 川崎工場", "双葉商事"),
    ("株式会社明星食品\u3000本社", "明星食品"),
    ("山陽精機（工場）", "山陽精機"),
    ("株式会社山陽精機（本社）", "山陽精機"),
    ("株式会社ABC (東京支店)", "abc"),
    ("株式会社ABC【開発センター】", "abc"),
    ("ABC株式会社 物流センター", "abc"),
    ("ABC株式会社 中央研究所", "abc"),
    ("株式会社ABC 第2研究所", "abc"),
    ("株式会社ABC 産業機器事業部", "abc"),
    ("株式会社ABC 技術本部", "abc"),
    # …but a site word that is the company's own name stays
    ("東京センター株式会社", "東京センター"),
    ("日本工場株式会社", "日本工場"),
    ("株式会社三和研究所", "三和研究所"),
    ("株式会社野村総合研究所", "野村総合研究所"),
    ("株式会社翻訳センター", "翻訳センター"),
    ("株式会社 世界貿易センタービルディング", "世界貿易センタービルディング"),
    ("株式会社野村 総合研究所", "野村総合研究所"),  # a space typed inside the name
    ("株式会社翻訳 センター", "翻訳センター"),
    ("株式会社キャリアデザイン センター", "キャリアデザインセンター"),
    ("札幌臨床検査センター株式会社", "札幌臨床検査センター"),
    # a legal form that holds a shorter one (一般社団法人 ⊃ 社団法人) is not a name before a site
    ("一般社団法人日本ABC研究所", "日本abc研究所"),
    ("公益財団法人日本ABCセンター", "日本abcセンター"),
    ("社会医療法人ABC本部", "abc本部"),
    ("一般社団法人日本ABC研究所\u3000東京支店", "日本abc研究所"),
    # honorifics at the end go (hiragana さま only); look-alike words stay
    ("双葉商事様", "双葉商事"),
    ("北辰金属 様", "北辰金属"),
    ("株式会社大洋ホテルズ御中", "大洋ホテルズ"),
    ("ABC株式会社 殿", "abc"),
    ("大洋ホテルズさま", "大洋ホテルズ"),
    ("ABC株式会社 営業部各位", "abc"),
    ("株式会社明星食品　本社 御中", "明星食品"),
    ("様式会社", "様式会社"),
    ("殿村商店", "殿村商店"),
    ("株式会社御殿", "御殿"),
    ("株式会社王様", "王様"),
    ("株式会社おひさま", "オヒサマ"),
    ("カサマ株式会社", "カサマ"),
    ("株式会社様", None),
    # kana/kanji variants and long vowel kept
    ("株式会社髙島屋", "高島屋"),
    ("ヶ丘商店", "ケ丘商店"),
    ("ソニー株式会社", "ソニー"),
    ("ｿﾆｰ(株)", "ソニー"),
    # nothing left / missing
    ("株式会社", None),
    ("   ", None),
    ("", None),
    (None, None),
]


def test_golden_table_has_enough_rows() -> None:
    assert len(GOLDEN) >= 40


@pytest.mark.parametrize(("raw", "expected"), GOLDEN)
def test_normalise_company_golden(raw: str | None, expected: str | None) -> None:
    out = normalise_company(pd.Series([raw], dtype="string")).iloc[0]
    if expected is None:
        assert pd.isna(out)
    else:
        assert out == expected


def test_normalise_keeps_index_and_dtype() -> None:
    s = pd.Series(["㈱A", "B(株)"], index=[10, 20], dtype="string", name="company")
    out = normalise_company(s)
    assert list(out.index) == [10, 20]
    assert out.name == "company"
    assert str(out.dtype) == "string"
    assert out.tolist() == ["a", "b"]


@settings(max_examples=300)
@given(
    st.lists(
        st.text(
            alphabet=st.sampled_from(
                list("株式会社(株)㈱有限ｶﾀタたAbc .,・-　01Co.Ltd支店大阪Inc")
            ),
            max_size=14,
        ),
        max_size=8,
    )
)
def test_normalise_is_idempotent(values: list[str]) -> None:
    s = pd.Series(values, dtype="string")
    once = normalise_company(s)
    twice = normalise_company(once)
    assert once.fillna("<NA>").tolist() == twice.fillna("<NA>").tolist()


@settings(max_examples=100)
@given(st.lists(st.text(max_size=12), max_size=6))
def test_normalise_is_idempotent_on_any_text(values: list[str]) -> None:
    s = pd.Series(values, dtype="string")
    once = normalise_company(s)
    assert once.fillna("<NA>").tolist() == normalise_company(once).fillna("<NA>").tolist()


def test_core_name_and_signature_separate_similar_companies() -> None:
    s = pd.Series(
        ["三和電機株式会社", "三和商事(株)", "大和電機㈱", "ABCソリューションズ"], dtype="string"
    )
    assert core_name(s).tolist() == ["三和", "三和", "大和", "abc"]
    assert generic_signature(s).tolist() == ["電機", "商事", "電機", "ソリューションズ"]


def test_core_falls_back_to_name_when_all_generic() -> None:
    out = analyse_names(pd.Series(["株式会社システム"], dtype="string"))
    assert out["norm"].iloc[0] == "システム"
    assert out["core"].iloc[0] == "システム"


def test_a_group_word_typed_onto_the_name_is_a_word() -> None:
    assert analyse_names(pd.Series(["FTGROUP CORPORATION"]))["spaced"].tolist() == ["ft group"]


def test_a_camel_case_name_is_read_as_its_words() -> None:
    # PeptiDream is "pepti dream": the capital starts a word (the name itself is unchanged)
    info = analyse_names(pd.Series(["PeptiDream Inc.", "StemCell", "PEPTIDREAM", "peptidream"]))
    assert info["spaced"].tolist() == ["pepti dream", "stem cell", "peptidream", "peptidream"]
    assert info["norm"].tolist() == ["peptidream", "stemcell", "peptidream", "peptidream"]
    # a capital after one or two small letters starts no word: the name does not depend on it
    info = analyse_names(pd.Series(["McKinsey", "MCKINSEY", "AbcInc", "ABCINC"]))
    assert info["spaced"].tolist() == ["mckinsey", "mckinsey", "abcinc", "abcinc"]


def test_english_generic_words_need_word_boundaries() -> None:
    s = pd.Series(["Biotechnica Inc.", "Foo Solutions Inc."], dtype="string")
    assert core_name(s).tolist() == ["biotechnica", "foo"]


def test_email_domain() -> None:
    s = pd.Series(
        [
            "Foo@Gmail.COM",
            "ｂａｒ＠ｅｘａｍｐｌｅ．ｃｏ．ｊｐ",
            "no-at-sign",
            None,
            " x@mail.sakata.co.jp ",
        ],
        dtype="string",
    )
    assert email_domain(s).fillna("-").tolist() == [
        "gmail.com",
        "example.co.jp",
        "-",
        "-",
        "mail.sakata.co.jp",
    ]


def test_org_domain_and_stem() -> None:
    s = pd.Series(
        [
            "mail.sakata.co.jp",
            "https://www.x.com/a",
            "i.softbank.jp",
            "abc.ocn.ne.jp",
            "sakata-seed.com",
        ],
        dtype="string",
    )
    org = org_domain(s)
    assert org.tolist() == [
        "sakata.co.jp",
        "x.com",
        "i.softbank.jp",
        "ocn.ne.jp",
        "sakata-seed.com",
    ]
    assert domain_stem(
        pd.Series(["sakata-seed.co.jp", "sakataseed.com"], dtype="string")
    ).tolist() == ["sakataseed", "sakataseed"]


@pytest.mark.parametrize(
    ("value", "free"),
    [
        ("a@gmail.com", True), ("a@googlemail.com", True), ("a@yahoo.co.jp", True),
        ("a@ymail.ne.jp", True), ("a@outlook.jp", True), ("a@hotmail.co.jp", True),
        ("a@icloud.com", True), ("a@docomo.ne.jp", True), ("a@ezweb.ne.jp", True),
        ("a@i.softbank.jp", True), ("a@softbank.ne.jp", True), ("a@nifty.com", True),
        ("a@xyz.ocn.ne.jp", True), ("a@so-net.ne.jp", True), ("a@plala.or.jp", True),
        ("a@sakataseed.co.jp", False), ("a@softbank.co.jp", False), ("sakataseed.co.jp", False),
    ],
)  # fmt: skip
def test_is_free_mail(value: str, free: bool) -> None:
    assert bool(is_free_mail(pd.Series([value], dtype="string")).iloc[0]) is free


def test_is_free_mail_missing_is_false() -> None:
    assert is_free_mail(pd.Series([None], dtype="string")).tolist() == [False]


_NAMES = st.lists(
    st.one_of(
        st.none(),
        st.text(
            alphabet=st.sampled_from(
                list("株式会社(株)㈱有限ｶﾀタたAbc .,・-　01Co.Ltd支店大阪Inc")
            ),
            max_size=14,
        ),
    ),
    max_size=12,
)


@given(names=_NAMES, extra=_NAMES, data=st.data())
def test_an_analysis_made_once_is_the_analysis(names: list, extra: list, data) -> None:
    """The cleaning analyses the names once (``analyse_distinct``) for 営業対象外 and 名寄せ:
    what ``known`` gives, and what ``norm_of`` reads from it, equal a fresh analysis — for
    names the table holds, names it lacks, and names only it holds."""
    series = pd.Series(names, dtype="string", index=[f"r{i}" for i in range(len(names))])
    some = data.draw(st.lists(st.sampled_from(names), max_size=len(names))) if names else []
    known = analyse_distinct(pd.Series(some + extra, dtype="string"))
    fresh = analyse_names(series)
    pd.testing.assert_frame_equal(analyse_names(series, known=known), fresh)
    pd.testing.assert_frame_equal(analyse_names(series, known=known.iloc[:0]), fresh)
    pd.testing.assert_series_equal(norm_of(series, known), normalise_company(series))
    assert known.index.is_unique
    assert str(analyse_names(series, known=known)["form"].dtype) == "int8"


@pytest.mark.parametrize("word", vocab.SITE_WORDS)
def test_every_site_word_goes_after_a_legal_form_or_in_brackets(word: str) -> None:
    names = [
        f"三和電機株式会社\u3000横浜{word}",
        f"三和電機（{word}）",
        f"(株)三和電機 (川崎{word})",
    ]
    assert normalise_company(pd.Series(names)).tolist() == ["三和電機"] * 3


@pytest.mark.parametrize("word", vocab.SITE_WORDS_AFTER_SPACE)
def test_a_site_word_after_a_space_goes_with_its_place(word: str) -> None:
    names = [f"株式会社三和電機 川崎{word}", f"三和電機 {word}"]
    assert normalise_company(pd.Series(names)).tolist() == ["三和電機"] * 2


@pytest.mark.parametrize("honorific", vocab.HONORIFICS)
def test_every_honorific_goes_at_the_end(honorific: str) -> None:
    names = [f"三和電機{honorific}", f"三和電機株式会社 {honorific}"]
    assert normalise_company(pd.Series(names)).tolist() == ["三和電機"] * 2


@pytest.mark.parametrize("word", vocab.HONORIFIC_LOOKALIKES)
def test_a_word_that_only_ends_like_an_honorific_stays(word: str) -> None:
    out = normalise_company(pd.Series([f"株式会社{word}"])).iloc[0]
    assert out == normalise_company(pd.Series([word])).iloc[0]
    assert len(out) == len(word)
