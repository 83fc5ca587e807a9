"""名寄せ across scripts (abm.resolve.across) and invariants of the whole matcher."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from abm.resolve import MATCH_RULES, resolve, resolve_accounts
from abm.resolve.corpnum import check_digit


def _leads(names, mails=None, numbers=None) -> pd.DataFrame:
    n = len(names)
    return pd.DataFrame(
        {
            "company": names,
            "email": mails or [None] * n,
            "corporate_number": numbers or [None] * n,
        }
    )


def _same(out: pd.DataFrame, i: int, j: int) -> bool:
    return out["account_id"].iloc[i] == out["account_id"].iloc[j]


def _number(body: str) -> str:
    """A valid corporate number: the check digit computed for ``body``."""
    return f"{check_digit(body)}{body}"


def test_english_and_romaji_spellings_join_the_japanese_name():
    out = resolve_accounts(
        _leads(
            ["株式会社三共", "SANKYO CO.,LTD.", "楽天銀行株式会社", "Rakuten Bank, Ltd.",
             "株式会社中京銀行", "CHUKYO GINKO", "ジェイエイシーリクルートメント(株)", "JAC Recruitment"],
            ["a@sankyo.co.jp", "b@gmail.com", None, "c@yahoo.co.jp", "d@chukyo-bank.co.jp",
             None, "e@jac.co.jp", None],
        )
    )  # fmt: skip
    for i in (0, 2, 4, 6):
        assert _same(out, i, i + 1), out.loc[[i, i + 1], "company"].tolist()
        assert out["match_rule"].iloc[i + 1] == "reading_name"
        assert out["match_confidence"].iloc[i + 1] < 0.9
    assert out["account_id"].nunique() == 4


def test_a_university_in_english_is_its_japanese_name():
    """University / 大学 and Institute of Technology / 工業大学 are words of the map, read in
    either order ("The University of Tokyo"); another school stays another account."""
    out = resolve_accounts(
        _leads(
            ["The University of Tokyo", "東京大学", "Kyoto University", "国立大学法人京都大学",
             "Nagoya Institute of Technology", "名古屋工業大学", "京都産業大学", "名古屋大学"],
        )
    )  # fmt: skip
    for i in (0, 2, 4):
        assert _same(out, i, i + 1), out.loc[[i, i + 1], "company"].tolist()
    assert out["account_id"].nunique() == 5
    # review: a company is never the school of its name (the school word must agree)
    out = resolve_accounts(_leads(["MEIJI CO., LTD.", "明治大学", "TOYO Corporation", "東洋大学"]))
    assert out["account_id"].nunique() == 4


def test_a_domain_that_spells_the_name_joins_it():
    out = resolve_accounts(
        _leads(
            ["五洋建設株式会社", "PENTA-OCEAN CONSTRUCTION CO.,LTD."],
            ["a@penta-ocean-construction.co.jp", "b@gmail.com"],
        )
    )
    assert _same(out, 0, 1)
    assert out["match_rule"].iloc[1] == "domain_name"


def test_a_domain_is_compared_with_the_latin_name_as_typed():
    # the romaji key respells English words (sheet -> shet); a domain spells them as typed
    out = resolve_accounts(
        _leads(
            ["丸藤シートパイル株式会社", "MARUFUJI SHEET PILING CO.,LTD.",
             "阪神内燃機工業株式会社", "The Hanshin Diesel Works, Ltd.",
             "株式会社日本出版貿易", "Japan Publications Trading"],
            ["a@marufujisheetpiling.co.jp", "b@outlook.jp", "c@hanshin-diesel-works.co.jp",
             "d@yahoo.co.jp", "e@japanpublicationstrading.co.jp", None],
        )
    )  # fmt: skip
    for i in (0, 2, 4):
        assert _same(out, i, i + 1), out.loc[[i, i + 1], "company"].tolist()
        assert out["match_rule"].iloc[i + 1] == "domain_name"
    assert out["account_id"].nunique() == 3


def test_a_domain_spelling_the_distinctive_words_needs_the_generic_words_to_agree():
    same = resolve_accounts(
        _leads(
            ["シンバイオ製薬株式会社", "symbio pharmaceuticals limited"], ["a@symbio.co.jp", None]
        )
    )
    assert _same(same, 0, 1) and same["match_rule"].iloc[1] == "domain_name"
    assert same["match_confidence"].iloc[1] < 0.8  # weaker than the whole name's domain
    # the generic words of the English name say another business: not this company
    other = resolve_accounts(
        _leads(["シンバイオ製薬株式会社", "Symbio Logistics Co., Ltd."], ["a@symbio.co.jp", None])
    )
    assert not _same(other, 0, 1)
    # a holding company is another legal entity than the one that holds the domain
    held = resolve_accounts(
        _leads(["シンバイオ製薬株式会社", "Symbio Holdings Inc."], ["a@symbio.co.jp", None])
    )
    assert not _same(held, 0, 1)


def test_a_domain_and_the_sound_of_the_name_beat_a_name_that_only_sounds_close():
    # キッズスター holds kids-star.co.jp and sounds exactly like KIDS STAR; キャスター
    # only sounds close: the domain's group is chosen, not sent to review
    out = resolve_accounts(
        _leads(
            ["株式会社キッズスター", "株式会社キャスター", "KIDS STAR Co. Ltd."],
            ["a@kids-star.co.jp", "b@caster.co.jp", None],
        )
    )
    assert _same(out, 0, 2) and not _same(out, 1, 2)


def test_a_name_that_several_companies_read_goes_to_review():
    res = resolve(
        _leads(
            ["東宝株式会社", "株式会社トーホー", "TOHO CO., LTD."],
            ["a@toho.co.jp", "b@to-ho.co.jp", None],
        )
    )
    out = res.leads
    assert not _same(out, 2, 0) and not _same(out, 2, 1)
    assert "ambiguous_reading" in set(res.review["reason"])
    assert {"reading_a", "reading_b"} <= set(res.review.columns)


def test_a_short_domain_of_a_longer_name_is_not_evidence_for_the_short_name():
    out = resolve_accounts(
        _leads(["東和ハイシステム株式会社", "TOWA Inc."], ["a@towa.co.jp", None])
    )
    assert not _same(out, 0, 1)


def test_spellings_that_differ_only_by_marks_join_without_evidence():
    # ー, 濁点, small kana and width: one name when enough distinctive characters remain
    out = resolve_accounts(
        _leads(
            ["井村屋グループ株式会社", "井村屋グルプ株式会社", "井村屋ｸﾙｰﾌﾟ株式会社",
             "井村屋グルーープ株式会社"],
            ["a@softbank.ne.jp", "b@hotmail.co.jp", None, "c@icloud.com"],
        )
    )  # fmt: skip
    assert out["account_id"].nunique() == 1
    assert set(out["match_rule"]) == {"exact_name"}


def test_a_name_as_typed_is_matched_before_its_slip_free_form():
    # サンデン and サンテン differ by one 濁点: a bare サンデン is サンデン's, not ambiguous
    out = resolve_accounts(
        _leads(
            ["株式会社サンデン", "株式会社サンテン", "サンデン", "株式会社ﾎﾝﾀﾞ", "ホンダ"],
            ["a@sanden.co.jp", "b@santen.co.jp", None, "c@honda.co.jp", None],
        )
    )
    assert _same(out, 0, 2) and not _same(out, 1, 2)
    assert _same(out, 3, 4)  # width and marks aside, ﾎﾝﾀﾞ is ホンダ


def test_electrical_construction_is_electric_work_not_a_builder():
    # 工事 reads as construction when generic words are compared, not as 建設's name
    out = resolve_accounts(
        _leads(
            ["東光電気工事株式会社", "Toko Electrical Construction Co. Ltd.", "東光建設株式会社"],
            [None, "b@nifty.com", None],
        )
    )
    assert _same(out, 0, 1) and not _same(out, 1, 2)


def test_identical_names_with_different_valid_corporate_numbers_never_merge():
    n1, n2 = (
        f"{check_digit('010001134761')}010001134761",
        f"{check_digit('010001231953')}010001231953",
    )
    out = resolve_accounts(
        _leads(
            ["岩崎電気株式会社", "岩崎電気（株）", "岩崎電気株式会社", "Iwasaki Electric"],
            ["a@iwasaki.co.jp", None, None, None],
            [n1, n2, None, None],
        )
    )
    assert not _same(out, 0, 1)


NAMES = ["株式会社三共", "SANKYO CO.,LTD.", "三共(株)", "楽天銀行", "Rakuten Bank", "ｸｵﾙｯｸ", "クオルテック株式会社",
         "東宝", "トーホー", "TOHO", "巴コーポーレション", "株式会社巴コーポレーション", "野村ホールディングス", None]  # fmt: skip
MAILS = [
    "a@sankyo.co.jp",
    "b@gmail.com",
    None,
    "c@rakuten-bank.co.jp",
    None,
    "d@qualtec.co.jp",
    None,
]
NUMBERS = [
    None,
    f"{check_digit('010001000006')}010001000006",
    f"{check_digit('180001038906')}180001038906",
]

rows = st.lists(
    st.tuples(st.sampled_from(NAMES), st.sampled_from(MAILS), st.sampled_from(NUMBERS)),
    min_size=1,
    max_size=14,
)


def _partition(out: pd.DataFrame) -> set[frozenset[int]]:
    return {frozenset(map(int, g)) for g in out.groupby("account_id").groups.values()}


@settings(max_examples=25)  # each example resolves twice with readings: 0.3 s
@given(rows, st.randoms(use_true_random=False))
def test_resolving_is_invariant_to_row_order(data, rnd):
    leads = pd.DataFrame(data, columns=["company", "email", "corporate_number"])
    order = list(range(len(leads)))
    rnd.shuffle(order)
    a = _partition(resolve_accounts(leads))
    b = _partition(resolve_accounts(leads.iloc[order]))
    assert a == b


@settings(max_examples=20)  # as above
@given(rows, st.randoms(use_true_random=False))
def test_account_ids_are_invariant_to_row_order(data, rnd):
    """Not only the same groups: the same ids (QA-R, an id is made of the account's most
    durable evidence, the value most rows carry, ties to the smallest)."""
    leads = pd.DataFrame(data, columns=["company", "email", "corporate_number"])
    order = list(range(len(leads)))
    rnd.shuffle(order)
    a = resolve_accounts(leads)["account_id"]
    b = resolve_accounts(leads.iloc[order])["account_id"].reindex(a.index)
    assert a.fillna("").tolist() == b.fillna("").tolist()


def _noisy(name: object, how: int) -> object:
    if not isinstance(name, str):
        return name
    import unicodedata

    if how == 0:  # full width
        return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in name)
    if how == 1:  # NFKC, spaces around
        return f"\u3000{unicodedata.normalize('NFKC', name)} "
    if how == 2 and "株式会社" in name:  # legal form moved and abbreviated
        return name.replace("株式会社", "") + "（株）"
    return name


@settings(max_examples=25)  # each example resolves twice with readings
@given(rows, st.lists(st.integers(0, 3), min_size=14, max_size=14))
def test_resolving_is_invariant_to_width_and_legal_form_noise(data, hows):
    leads = pd.DataFrame(data, columns=["company", "email", "corporate_number"])
    noisy = leads.assign(
        company=[_noisy(c, h) for c, h in zip(leads["company"], hows, strict=False)]
    )
    assert _partition(resolve_accounts(leads)) == _partition(resolve_accounts(noisy))


@settings(max_examples=25)  # as above: each example resolves with readings
@given(rows)
def test_no_account_holds_two_valid_corporate_numbers_and_rules_are_known(data):
    leads = pd.DataFrame(data, columns=["company", "email", "corporate_number"])
    out = resolve_accounts(leads)
    assert set(out["match_rule"]) <= set(MATCH_RULES)
    nums = out.loc[out["corporate_number_valid"].fillna(False).to_numpy(dtype=bool)]
    assert (nums.groupby("account_id")["corporate_number"].nunique() <= 1).all()
    assert np.array_equal(out.index, leads.index)


def test_english_spellings_of_katakana_names_join_by_sound():
    out = resolve_accounts(
        _leads(
            ["セコム株式会社", "Secom Co.,Ltd.", "株式会社ユナイテッドアローズ", "UNITED ARROWS LTD.",
             "株式会社トップカルチャー", "TOP CULTURE Co.,Ltd.", "イノテック株式会社", "Innotech Corporation"],
            ["a@gmail.com", "b@gmail.com", None, None, "c@yahoo.co.jp", None, None, None],
        )
    )  # fmt: skip
    for i in (0, 2, 4, 6):
        assert _same(out, i, i + 1), out.loc[[i, i + 1], "company"].tolist()
        assert out["match_rule"].iloc[i + 1] == "reading_name"
        assert out["match_confidence"].iloc[i + 1] <= 0.75
    assert out["account_id"].nunique() == 4


def test_a_latin_name_with_a_japanese_legal_form_is_not_a_translation():
    # ＴＯＷＡ株式会社 is registered in Latin letters: another company than 東和薬品 (towa)
    out = resolve_accounts(_leads(["ＴＯＷＡ株式会社", "東和薬品株式会社"], ["a@towa.jp", None]))
    assert not _same(out, 0, 1)


def test_a_name_that_sounds_like_two_companies_goes_to_review():
    res = resolve(
        _leads(
            ["株式会社タケイ", "株式会社タケエイ", "TAKEI LTD."], ["a@x.co.jp", "b@y.co.jp", None]
        )
    )
    out = res.leads
    assert not _same(out, 2, 0) and not _same(out, 2, 1)
    assert "ambiguous_reading" in set(res.review["reason"])


def test_letters_are_not_read_as_a_word():
    # ＮＣＳ is エヌシーエス: it does not sound like ニックス
    out = resolve_accounts(_leads(["NCS&A Co., Ltd.", "ニックス株式会社"], [None, "a@nix.com"]))
    assert not _same(out, 0, 1)


def test_an_english_name_may_leave_out_generic_words_not_distinctive_ones():
    out = resolve_accounts(
        _leads(
            ["キッセイ薬品工業株式会社", "Kissei Pharmaceutical Co Ltd",
             "株式会社天満屋ストア", "tenma inc.", "旭精機工業株式会社", "ASAHI-SEIKI MANUFACTURING CO.,LTD."],
            ["a@kissei.co.jp", None, "b@tenmaya-store.co.jp", None, None, None],
        )
    )  # fmt: skip
    assert _same(out, 0, 1)  # 工業 left out of the English name
    assert not _same(out, 2, 3)  # tenma is not tenmaya: a generic word is missing *and* a kana
    assert _same(out, 4, 5)  # manufacturing is how English says 工業 too


def test_a_name_one_consonant_off_in_a_long_skeleton_joins():
    # said whole, NIHON PARKERIZING and 日本パーカライジング differ in one consonant (s / j)
    out = resolve_accounts(
        _leads(
            ["日本パーカライジング株式会社", "NIHON PARKERIZING CO., LTD."],
            ["a@parker.co.jp", None],
        )
    )
    assert _same(out, 0, 1)
    assert out["match_rule"].iloc[1] == "reading_name"


def test_a_domain_of_an_unrelated_name_yields_to_the_name():
    # ソッツ (a misspelling) carries sockets.co.jp; the English name sounds like ソケッツ
    out = resolve_accounts(
        _leads(
            ["株式会社ソケッツ", "株式会社ソッツ", "SOCKETS INC."], [None, "a@sockets.co.jp", None]
        )
    )
    assert _same(out, 2, 0)


def test_a_latin_name_is_heard_against_a_japanese_name_not_another_latin_one():
    # Misumi (written in Latin letters, a Japanese legal form) is not MISUMI GROUP, which
    # is ミスミグループ本社 said in English: the sound rule only hears a Latin name against kana/kanji
    out = resolve_accounts(
        _leads(
            ["株式会社Ｍｉｓｕｍｉ", "株式会社 Misumi", "MISUMI GROUP LTD.", "株式会社ミスミグループ本社"],
            [None, None, "c@icloud.com", "d@misumi.co.jp"],
        )
    )  # fmt: skip
    assert _same(out, 0, 1) and _same(out, 2, 3)
    assert not _same(out, 1, 2)


def test_a_whole_name_that_sounds_alike_beats_distinctive_words_alone():
    # ORIX sounds like オリックス whole, and like オリックス銀行 only without its generic word
    leads = pd.DataFrame(
        {
            "company": ["オリックス株式会社", "オリックス銀行株式会社", "orix corporation"],
            "email": [None, "b@orixbank.co.jp", "c@gmail.com"],
        }
    )
    out = resolve_accounts(leads)
    assert _same(out, 2, 0) and not _same(out, 2, 1)


def test_distinctive_words_alone_that_sound_like_two_companies_go_to_review():
    # no whole name sounds like ORIX: オリックス銀行 or オリックス生命, nothing decides
    leads = pd.DataFrame(
        {
            "company": ["オリックス銀行株式会社", "オリックス生命保険株式会社", "orix corporation"],
            "email": ["b@orixbank.co.jp", "c@orixlife.co.jp", "d@gmail.com"],
        }
    )
    res = resolve(leads)
    assert res.leads["account_id"].nunique() == 3
    assert "ambiguous_reading" in set(res.review["reason"])


def test_a_latin_name_its_own_japanese_names_do_not_say_looks_for_the_group_that_does():
    # FUJITA KANKO and a misspelt 藤観光 share a number; 藤田観光 holds a domain only
    n = _number("010001100247")
    out = resolve_accounts(
        _leads(
            ["藤田観光株式会社", "藤田観光（株）", "FUJITA KANKO INC.", "藤観光株式会社"],
            ["a@fujita.jp", "b@fujita.jp", "c@nifty.com", None],
            [None, None, n, n],
        )
    )
    assert out["account_id"].nunique() == 1
    assert out["match_rule"].iloc[2] == "reading_name"


def test_a_latin_name_its_own_japanese_name_says_stays_home():
    # TOSOH is 東ソー on the same number: the sound-alike トーソー elsewhere is not it
    n = _number("010001008857")
    out = resolve_accounts(
        _leads(
            ["東ソー株式会社", "TOSOH CO.,LTD.", "株式会社トーソー", "株式会社トーソー"],
            [None, "a@gmail.com", "b@toso.co.jp", "c@toso.co.jp"],
            [n, n, None, None],
        )
    )
    assert _same(out, 0, 1) and not _same(out, 1, 2)


def test_names_registered_in_two_scripts_are_two_companies():
    # ＤＡＩＫＥＮ株式会社 and 株式会社ダイケン read alike, but each is a registered name
    out = resolve_accounts(
        _leads(
            ["ＤＡＩＫＥＮ株式会社", "(株)ＤＡＩＫＥＮ", "株式会社ダイケン", "ダイケン株式会社"],
            ["a@daiken.co.jp", "b@daiken.co.jp", "c@daiken.com", "d@daiken.com"],
        )
    )
    assert _same(out, 0, 1) and _same(out, 2, 3) and not _same(out, 0, 2)
    # an English spelling without a Japanese legal form is still a translation
    english = resolve_accounts(
        _leads(["株式会社ダイケン", "DAIKEN CO.,LTD."], ["c@daiken.com", None])
    )
    assert _same(english, 0, 1)


def test_a_name_spelled_as_read_beats_one_that_only_translates_alike():
    # Fuji Nihon is フジ日本 as read; ＦＵＪＩジャパン only translates to the same words
    out = resolve_accounts(
        _leads(
            ["フジ日本株式会社", "株式会社ＦＵＪＩジャパン", "Fuji Nihon Corporation"],
            ["a@fujinihon.co.jp", "b@fjcorp.co.jp", None],
        )
    )
    assert _same(out, 0, 2) and not _same(out, 1, 2)
    # a domain is no spelling: read as キョウワ, held by 共和コーポレーション — neither is sure
    res = resolve(
        _leads(
            ["キョウワ株式会社", "株式会社共和コーポレーション", "KYOUWA CORPORATION CO., LTD."],
            ["a@kyowa-net.co.jp", "b@kyowa.co.jp", None],
        )
    )
    assert not _same(res.leads, 2, 0) and not _same(res.leads, 2, 1)
    assert "ambiguous_reading" in set(res.review["reason"])


def test_estate_is_chisho():
    out = resolve_accounts(_leads(["三菱地所株式会社", "MITSUBISHI ESTATE"], ["a@mec.co.jp", None]))
    assert _same(out, 0, 1)


def test_a_group_with_a_japanese_name_links_its_latin_name_by_reading_or_words_only():
    # Secom sounds like セコム and spells its domain; beside セコモ (another name, the same
    # number) that is not enough: only a name read or translated alike moves such a group
    n = _number("010001008857")
    out = resolve_accounts(
        _leads(
            ["Secom Co.,Ltd.", "セコモ株式会社", "セコム株式会社"],
            ["a@gmail.com", None, "b@secom.co.jp"],
            [n, n, None],
        )
    )
    assert _same(out, 0, 1) and not _same(out, 0, 2)
    # a group with a domain of its own does not look elsewhere
    own = resolve_accounts(
        _leads(
            ["藤田観光株式会社", "FUJITA KANKO INC.", "藤観光株式会社"],
            ["a@fujita.jp", "c@fk-hotels.co.jp", None],
            [None, n, n],
        )
    )
    assert _same(own, 1, 2) and not _same(own, 0, 1)


def test_a_reading_of_its_own_kanji_name_keeps_a_latin_name_home():
    # DAIMATSU is a reading of 大松 (no dictionary gives it first): beside 大松産業 on one
    # number it says that name, and it never goes to another company read ダイマツ
    n = _number("010001008857")
    out = resolve_accounts(
        _leads(
            ["DAIMATSU INDUSTRIES CO., LTD.", "大松産業株式会社", "ダイマツ産業株式会社"],
            ["a@gmail.com", None, "b@daimatsu-s.co.jp"],
            [n, n, None],
        )
    )
    assert _same(out, 0, 1) and not _same(out, 0, 2)


def test_groups_that_choose_each_other_in_a_cycle_do_not_move():
    from abm.resolve.across import _in_cycles

    moves = pd.DataFrame({"lab_t": [2, 3, 1, 9, 4]}, index=[1, 2, 3, 4, 5])
    # 1→2→3→1 is a cycle; 4→9 and 5→4 are chains ending in a group that stays
    assert _in_cycles(moves).tolist() == [True, True, True, False, False]
    assert _in_cycles(pd.DataFrame({"lab_t": [6, 5]}, index=[5, 6])).tolist() == [True, True]


def test_a_domain_is_contested_whatever_other_queries_found_by_name():
    from abm.resolve.across import _choose

    # query 1 finds group 10 by its domain (and only sounds close to its name) and group 11
    # by its whole sound: contested. Query 2 spelling group 10's name says nothing of query
    # 1, which is decided as if alone.
    ok = pd.DataFrame(
        {
            "lab": [1, 1, 1, 2],
            "k": [1, 1, 1, 2],
            "way": ["domain", "sound", "spoken", "roman"],
            "lab_t": [10, 10, 11, 10],
            "k_t": [10, 10, 11, 10],
            "score": [100.0, 90.0, 100.0, 100.0],
            "tier": np.array([0, 1, 1, 0], dtype=np.int8),
        }
    )
    moves, amb = _choose(ok)
    alone, _ = _choose(ok[ok["lab"].eq(1)])
    assert moves["lab_t"].to_dict() == {2: 10}
    assert 1 not in alone.index and 1 in set(amb["lab"])


def test_a_latin_name_ending_in_its_place_spells_the_domain_without_it():
    # a foreign company's Japanese subsidiary: "<Name> Japan K.K." at <name>.co.jp
    out = resolve_accounts(
        _leads(
            ["ノルトヴィント・ジャパン株式会社", "Nordwind Japan K.K."], ["a@nordwind.co.jp", None]
        )
    )
    assert _same(out, 0, 1) and out["match_rule"].iloc[1] == "domain_name"
    # the place is a word of the name: the parent (no ジャパン) holding the domain is not it
    parent = resolve_accounts(
        _leads(["ノルトヴィント株式会社", "Nordwind Japan K.K."], ["a@nordwind.co.jp", None])
    )
    assert not _same(parent, 0, 1)
    # nor is a holding company of that name
    held = resolve_accounts(
        _leads(
            ["ノルトヴィント・ジャパン株式会社", "Nordwind Japan Holdings"],
            ["a@nordwind.co.jp", None],
        )
    )
    assert not _same(held, 0, 1)


@settings(max_examples=25)  # each example resolves twice with readings
@given(
    rows,
    st.lists(st.sampled_from([*NAMES[:-1], "Nordwind Japan K.K.", "TOHO CO., LTD."]), max_size=5),
)
def test_names_of_other_files_change_no_leads_account_and_join_only_a_leads_one(data, named):
    leads = pd.DataFrame(data, columns=["company", "email", "corporate_number"])
    alone = resolve(leads)
    beside = resolve(leads, named=pd.Series(named, dtype="string"))
    # the leads are resolved first, alone: the other files' names change nothing of them
    # (review: a name read like a lead's made that lead ambiguous, split it from its
    # account and sent a lead pair to review)
    pd.testing.assert_frame_equal(alone.leads, beside.leads)
    pd.testing.assert_frame_equal(alone.accounts, beside.accounts)
    pd.testing.assert_frame_equal(alone.review, beside.review)
    assert set(beside.named["account_id"]) <= set(beside.leads["account_id"].dropna())


def test_a_name_of_another_file_joins_the_account_its_script_says():
    leads = _leads(
        ["ノルトヴィント・ジャパン株式会社", "株式会社三共", "株式会社アザー"],
        ["a@nordwind.co.jp", "b@sankyo.co.jp", "c@other.co.jp"],
    )
    out = resolve(
        leads,
        named=pd.Series(["Nordwind Japan K.K.", "SANKYO CO.,LTD.", "Nobody Inc.", "三共(株)"]),
    )
    found = dict(zip(out.named["company"], out.named["account_id"], strict=True))
    assert found == {
        "Nordwind Japan K.K.": out.leads["account_id"].iloc[0],
        "SANKYO CO.,LTD.": out.leads["account_id"].iloc[1],
    }  # a name spelled as a lead's is that lead's already; an unknown one joins nothing
    assert len(out.accounts) == 3 and out.review.empty
    assert out.leads["match_rule"].tolist() == ["singleton"] * 3


def test_a_name_joins_the_account_a_lead_of_that_name_would_join_and_moves_no_lead():
    # review: 三協 (the same reading さんきょう as 三共) made SANKYO ambiguous when the names
    # took part in the leads' own matching; now the leads are matched first, alone
    leads = _leads(["SANKYO CO.,LTD.", "株式会社三共"], [None, "a@sankyo.co.jp"])
    alone = resolve(leads)
    beside = resolve(leads, named=pd.Series(["三協株式会社"]))
    pd.testing.assert_frame_equal(alone.leads, beside.leads)
    assert _same(beside.leads, 0, 1)
    # the name goes where a lead named so would go (the matcher's own reading of it)
    as_lead = resolve_accounts(
        _leads([*leads["company"], "三協株式会社"], [None, "a@sankyo.co.jp", None])
    )
    joined = dict(zip(beside.named["company"], beside.named["account_id"], strict=True))
    if _same(as_lead, 2, 1):
        assert joined == {"三協株式会社": alone.leads["account_id"][1]}
    else:
        assert joined == {}
