"""Typing slips (abm.resolve.typos) and what they do in 名寄せ: golden tables and vetoes."""

from __future__ import annotations

import pandas as pd
import pytest

from abm.resolve import normalise_company, resolve_accounts
from abm.resolve.typos import OLD_FORMS, skeleton, slip


def _norm(*names: str) -> list[str]:
    return normalise_company(pd.Series(list(names), dtype="string")).tolist()


# (typed, official, kind of slip)
SLIPS = [
    ("ｸｵﾙｯｸ", "クオルテック", "drop"),
    ("巴コーポーレション", "巴コーポレーション", "kana_marks"),
    ("ハマリ化成グループ", "ハリマ化成グループ", "swap"),
    ("メディカネルット", "メディカルネット", "swap"),
    ("理研ビダミン", "理研ビタミン", "kana_marks"),
    ("ゴメリ", "コメリ", "kana_marks"),
    ("サイポウズ", "サイボウズ", "kana_marks"),
    ("株式会社グローバルウエイ", "株式会社グローバルウェイ", "kana_marks"),
    ("關西電力", "関西電力", "kana_marks"),
    ("アクサ生命保健", "アクサ生命保険", "homophone"),
    ("ジャニス興業", "ジャニス工業", "homophone"),
    ("八洲電気", "八洲電機", "homophone"),  # the whole reads two ways; 電気/電機 read デンキ
    ("不二精", "不二精機", "drop"),
    ("三カ月工業", "三ケ月工業", "homophone"),  # ケ written for カ reads the same here
    # ヴ with a small vowel is the loanword spelling of バ行: one sound
    ("株式会社ヴァルカー", "株式会社バルカー", "kana_marks"),
    ("ｿﾌﾄｳﾞｧﾝｸｸﾞﾙｰﾌﾟ株式会社", "ソフトバンクグループ株式会社", "kana_marks"),
    ("アイフリークモヴァーイル", "アイフリークモバイル", "kana_marks"),
    ("ウァルカー", "ヴァルカー", "kana_marks"),  # ヴ typed without its 濁点 still
    ("ヴィッツ", "ビッツ", "kana_marks"),
]


@pytest.mark.parametrize(("typed", "official", "kind"), SLIPS)
def test_typing_slips_are_recognised(typed, official, kind):
    a, b = _norm(typed, official)
    assert slip(a, b) == (True, kind)


# different companies one character apart: (a, b, veto reason)
VETOED = [
    ("野村ホールディングス", "村田ホールディングス", "kanji"),
    ("ヤマトホールディングス", "ヤマウホールディングス", "kana"),
    ("南日本銀行", "北日本銀行", "kanji"),
    ("ＯＭＴホールディングス", "ＭＩＴホールディングス", "latin"),
    ("Ｊトスト", "トラスト", "latin"),
    ("第一工業2号", "第一工業3号", "digits"),
    ("千福商事", "福千商事", "kanji"),  # an IME never swaps kanji
    ("松電機", "松全電機", "kanji"),  # a kanji of a short core is the name
    # one distinctive character left is anyone's slip: 三機工業 or 三洋工業
    ("三工業", "三機工業", "kanji"),
    ("新サービス", "新光サービス", "kanji"),  # サービス is generic: 新 is the name
    ("松サービス", "松全サービス", "kanji"),  # a short core beside a katakana generic word
    ("光通信", "晃通信", "kanji"),  # 光通 and 晃通 are not one word read alike
    ("イオン", "ライオン", "distance"),  # the first character is not dropped by a slip
    ("スビー食品", "エスビー食品", "distance"),  # nor the first kana of a longer name
    ("オリエント", "リオリエント", "distance"),
    ("ヴァルカ", "バルカン", "distance"),  # ヴァ as バ, and a kana dropped from a short name
]


@pytest.mark.parametrize(("a", "b", "why"), VETOED)
def test_different_characters_are_not_slips(a, b, why):
    na, nb = _norm(a, b)
    assert slip(na, nb) == (False, why)


def test_only_the_typed_name_misses_a_character():
    a, b = _norm("クオルテック", "ｸｵﾙｯｸ")
    assert slip(a, b)[0] is False


def test_skeleton_folds_what_a_slip_changes():
    assert skeleton("ヴァーチャル") == skeleton("ヴァチャル")
    assert skeleton("ビーイング") == skeleton("ヒイング")
    assert skeleton("髙島屋") == "高島屋"
    assert all(len(k) == len(v) == 1 for k, v in OLD_FORMS.items())


def _same(out: pd.DataFrame, i: int, j: int) -> bool:
    return out["account_id"].iloc[i] == out["account_id"].iloc[j]


def test_typo_records_join_their_company():
    leads = pd.DataFrame(
        {
            "company": [
                "クオルテック株式会社",
                "ｸｵﾙｯｸ株式会社",
                "巴コーポーレション",
                "株式会社巴コーポレーション",
            ],
            "email": ["a@qualtec.co.jp", "b@gmail.com", None, "c@tomoe-corp.co.jp"],
        }
    )
    out = resolve_accounts(leads)
    assert _same(out, 0, 1) and _same(out, 2, 3)
    assert not _same(out, 0, 2)
    assert out["match_rule"].iloc[1] == "fuzzy_name"
    assert out["match_confidence"].iloc[1] < 0.9


def test_look_alike_companies_stay_apart():
    leads = pd.DataFrame(
        {
            "company": ["野村ホールディングス", "村田ホールディングス", "ヤマトホールディングス",
                        "ヤマウホールディングス", "ＯＭＴホールディングス", "ＭＩＴホールディングス"],
            "email": ["a@nomura.co.jp", None, "b@yamato-hd.co.jp", None, "c@omt.co.jp", None],
        }
    )  # fmt: skip
    out = resolve_accounts(leads)
    assert out["account_id"].nunique() == 6


def test_garbled_legal_forms_are_legal_forms():
    names = [
        "株式社会サトウ食品",
        "式株会社サトウ食品",
        "サトウ食品株式会",
        "（）株サトウ食品",
        "サトウ食品株式会社",
    ]
    assert set(_norm(*names)) == {"サトウ食品"}


def test_evidence_groups_whose_names_differ_by_marks_only_join():
    # one record known by its corporate number, the other by its domain: the names
    # differ only by ー and half-width kana, as one name typed twice
    from abm.resolve.corpnum import check_digit

    n1 = f"{check_digit('012401020392')}012401020392"
    n2 = f"{check_digit('110001013962')}110001013962"
    leads = pd.DataFrame(
        {
            "company": ["株式会社ホンダファイナンス", "株式会社ﾎﾝﾀﾞﾌｧｲﾅﾝｰｽ", "株式会社オーシャンシステム",
                        "株式会社オーシヤンシステム"],
            "email": ["a@honda-finance.com", None, "b@ocean.co.jp", None],
            "corporate_number": [None, n1, None, n2],
        }
    )  # fmt: skip
    out = resolve_accounts(leads)
    assert _same(out, 0, 1) and _same(out, 2, 3)
    assert not _same(out, 0, 2)


def test_two_corporate_numbers_keep_names_alike_apart():
    from abm.resolve.corpnum import check_digit

    n1, n2 = (f"{check_digit(x)}{x}" for x in ("012401020392", "010001134761"))
    leads = pd.DataFrame(
        {
            "company": ["株式会社ホンダファイナンス", "株式会社ﾎﾝﾀﾞﾌｧｲﾅﾝｰｽ"],
            "email": ["a@honda-finance.com", "b@honda-fin.co.jp"],
            "corporate_number": [n1, n2],
        }
    )
    out = resolve_accounts(leads)
    assert not _same(out, 0, 1)


def test_a_slip_that_changes_no_letter_beats_a_dropped_kana():
    # エーヌアイデイ: ー added to エヌアイデイ (marks only), or a kana dropped from
    # エーアイテイー (another company): the marks win
    leads = pd.DataFrame(
        {
            "company": ["株式会社エヌアイデイ", "株式会社エーアイテイー", "株式会社エーヌアイデイ"],
            "email": ["a@nid.co.jp", "b@ait.jp", None],
        }
    )
    out = resolve_accounts(leads)
    assert _same(out, 2, 0) and not _same(out, 2, 1)


def test_short_names_and_one_way_slips_join():
    leads = pd.DataFrame(
        {
            "company": [
                "コクヨ株式会社",
                "コヨク株式会社",
                "株式会社オプティム",
                "株式会社オプイム",
            ],
            "email": ["a@kokuyo.co.jp", None, None, None],
        }
    )
    out = resolve_accounts(leads)
    assert _same(out, 0, 1)
    assert _same(out, 2, 3)  # オプイム misses a kana of オプティム; both without evidence
    assert out["account_id"].nunique() == 2


def test_the_full_name_without_evidence_joins_its_misspelling_with_evidence():
    # the typed record (a kanji dropped) carries the domain; the registered one nothing
    leads = pd.DataFrame(
        {
            "company": ["株式会社東京一番フーズ", "株式会社東京番フーズ", "日信工業株式会社", "日信工株式会社"],
            "email": [None, "a@tokyoichibanfoods.com", "b@gmail.com", "c@nissin-kogyo.co.jp"],
        }
    )  # fmt: skip
    out = resolve_accounts(leads)
    assert _same(out, 0, 1) and _same(out, 2, 3)
    assert out["account_id"].nunique() == 2


def test_a_misspelling_whose_evidence_links_to_nothing_joins_the_name_with_evidence():
    # the typed record carries a number (or a domain) no other record carries; the
    # registered name is known by its domain: the name decides
    from abm.resolve.corpnum import check_digit

    num = f"{check_digit('021001006269')}021001006269"
    leads = pd.DataFrame(
        {
            "company": ["河西工業株式会社", "河西工株式会社", "株式会社ワキタ", "株式会社キワタ"],
            "email": ["a@kasai.co.jp", "b@nifty.com", "c@wakita.co.jp", "d@wakita-group.jp"],
            "corporate_number": [None, num, None, None],
        }
    )
    out = resolve_accounts(leads)
    assert _same(out, 0, 1)
    assert _same(out, 2, 3)  # wakita-group extends wakita: the domains agree
    assert out["account_id"].nunique() == 2


def test_a_misspelling_with_evidence_never_joins_a_name_with_other_evidence():
    # two numbers, or two domains that disagree: two companies, and no review pair
    from abm.resolve import review_queue
    from abm.resolve.corpnum import check_digit

    n1, n2 = (f"{check_digit(x)}{x}" for x in ("021001006269", "010001134761"))
    leads = pd.DataFrame(
        {
            "company": ["河西工業株式会社", "河西工株式会社", "株式会社ワキタ", "株式会社キワタ"],
            "email": ["a@gmail.com", None, "c@wakita.co.jp", "d@kiwata.co.jp"],
            "corporate_number": [n1, n2, None, None],
        }
    )
    out = resolve_accounts(leads)
    assert not _same(out, 0, 1) and not _same(out, 2, 3)
    assert review_queue(leads).empty


def test_a_domain_that_spells_the_other_name_joins_names_a_short_slip_apart():
    # short names a kana or two apart are refused alone (ヤマト/ヤマウ); a record's own
    # domain that spells the other name (romaji, translated words, sound) is the evidence
    leads = pd.DataFrame(
        {
            "company": [
                "株式会社オカムラ", "株式会社オカム",  # a kana dropped, three left
                "株式会社西京銀行", "株式会社西銀行",  # a kanji dropped from a short core
                "株式会社スマレジ", "株式会社スマレ",  # by the domain's sound: smaregi
            ],
            "email": [
                None, "a@okamura.co.jp", None, "b@saikyobank.co.jp", "c@gmail.com",
                "d@smaregi.jp",
            ],
        }
    )  # fmt: skip
    out = resolve_accounts(leads)
    assert _same(out, 0, 1) and _same(out, 2, 3) and _same(out, 4, 5)
    assert out["account_id"].nunique() == 3
    assert set(out["match_rule"].iloc[[0, 2, 4]]) == {"domain_name"}


def test_a_domain_that_says_its_own_name_as_well_tells_nothing():
    # wills.jp sounds like ウィズ as much as like its own ウィルズ; nor does a domain
    # speak for names further apart, or for a different kanji more than one away
    leads = pd.DataFrame(
        {
            "company": [
                "株式会社ウィズ", "ウィルズ株式会社", "株式会社スマレジ", "株式会社スマ",
                "野村ホールディングス", "村田ホールディングス",
            ],
            "email": [
                None, "a@wills.jp", None, "b@smaregi.jp", None, "c@nomuraholdings.com",
            ],
        }
    )  # fmt: skip
    out = resolve_accounts(leads)
    assert not _same(out, 0, 1)
    assert not _same(out, 2, 3)
    assert not _same(out, 4, 5)


def test_without_its_domain_a_short_slip_stays_apart():
    leads = pd.DataFrame(
        {
            "company": ["株式会社オカムラ", "株式会社オカム", "株式会社スマレジ", "株式会社スマレ"],
            "email": [None, "a@gmail.com", None, None],
        }
    )  # fmt: skip
    out = resolve_accounts(leads)
    assert not _same(out, 0, 1) and not _same(out, 2, 3)


def test_domain_spelling_refuses_a_word_added_and_a_domain_that_says_both_names():
    # the rule itself, pair by pair: オカム of okamura.co.jp spells オカムラ; a parent's
    # domain on the subsidiary's record (デンソーテン at denso.com) says nothing of デンソー;
    # smaregi.jp says スマーレジ as much as its own スマレジ (five sounds or more: compared)
    import numpy as np

    from abm.resolve.fuzzy import _domain_spells
    from abm.resolve.keys import build_keys

    leads = pd.DataFrame(
        {
            "company": [
                "株式会社デンソー", "株式会社デンソーテン", "株式会社オカム", "株式会社オカムラ",
                "株式会社スマレジ", "株式会社スマーレジ",
            ],
            "email": [None, "a@denso.com", "b@okamura.co.jp", None, "c@smaregi.jp", None],
        },
        dtype="string",
    )  # fmt: skip
    _rows, keys, _ = build_keys(leads)
    at = {name: i for i, name in enumerate(keys["norm"])}
    q = np.array([at["デンソー"], at["オカム"], at["スマーレジ"], at["オカムラ"]])
    c = np.array([at["デンソーテン"], at["オカムラ"], at["スマレジ"], at["オカム"]])
    assert _domain_spells(keys, q, c, np.arange(4)).tolist() == [1, 3]  # either way round


def test_a_homophone_kanji_needs_a_shared_domain_not_one_that_extends_the_other():
    # QA-K: 三和電器 (sanwa-denki-ind.co.jp) joined 三和電機 (sanwa-denki.co.jp) as a slip:
    # another kanji of the same sound, each with a domain of its own, is two companies
    # for a match on the name alone; a kana slip's domain may still extend the other's
    from abm.resolve.across import _agree

    ind, plain = frozenset({"sanwadenkiind"}), frozenset({"sanwadenki"})
    assert _agree(ind, plain) and not _agree(ind, plain, strict=True)
    assert _agree(plain, plain, strict=True) and _agree(frozenset(), plain, strict=True)


def test_two_homophones_with_their_own_domains_do_not_meet_through_a_third_spelling():
    # review: 三和電器 (sanwa-denki-ind) and 三和電機 (sanwa-denki) both joined 三和電気,
    # a spelling without a domain, and so became one account
    leads = pd.DataFrame(
        {
            "company": ["三和電器株式会社", "三和電機株式会社", *["三和電気株式会社"] * 3],
            "email": ["a@sanwa-denki-ind.co.jp", "b@sanwa-denki.co.jp", None, None, None],
        }
    )
    out = resolve_accounts(leads)
    assert not _same(out, 0, 1)
