"""Fit vocabularies as data: industry families, regions, free-mail domains.

Each classifier works once per distinct value and broadcasts the answer back
(:func:`abm.core.titles.classify`), so it stays fast on a million leads.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from abm.core import keys as core_keys
from abm.core.titles import classify
from abm.resolve.normalise import is_free_mail as resolve_free_mail

__all__ = [
    "INDUSTRIES",
    "INDUSTRY_RULES",
    "REGIONS",
    "REGION_RULES",
    "account_key",
    "company_key",
    "email_domain",
    "industry_of",
    "is_free_mail",
    "region_of",
]

_W = r"(?<![a-z])"
_E = r"(?![a-z])"

#: Industry families (``unknown`` for empty, ``other`` for unmatched text).
INDUSTRIES: tuple[str, ...] = (
    "manufacturing",
    "it_software",
    "telecom_media",
    "finance",
    "construction_real_estate",
    "retail_wholesale",
    "logistics",
    "healthcare",
    "services",
    "energy",
    "education",
    "public",
    "other",
    "unknown",
)

#: Ordered industry rules, first match wins (JSIC words and common English).
INDUSTRY_RULES: tuple[tuple[str, str], ...] = (
    (
        "it_software",
        r"情報通信|情報サービス|ソフトウェア|システム|インターネット|"
        + _W
        + r"(it|software|information technology|internet|computer|saas|it services)"
        + _E,
    ),
    (
        "telecom_media",
        r"通信|放送|出版|広告|新聞|メディア|"
        + _W
        + r"(telecom\w*|media|broadcast\w*|publishing|advertising)"
        + _E,
    ),
    (
        "finance",
        r"金融|銀行|保険|証券|リース|"
        + _W
        + r"(financ\w*|bank\w*|insurance|securities|leasing)"
        + _E,
    ),
    (
        "manufacturing",
        r"製造|メーカー|機械|電機|電気機器|化学|自動車|部品|素材|鉄鋼|食品|医薬品|"
        + _W
        + r"(manufactur\w*|industrial|machinery|electronics|chemicals?|automotive)"
        + _E,
    ),
    (
        "construction_real_estate",
        r"建設|建築|不動産|住宅|工事|"
        + _W
        + r"(construction|real estate|property|engineering & construction)"
        + _E,
    ),
    (
        "retail_wholesale",
        r"小売|卸売|商社|販売|流通|"
        + _W
        + r"(ec|retail|wholesale|trading|e-?commerce|distribution)"
        + _E,
    ),
    (
        "logistics",
        r"運輸|物流|倉庫|運送|" + _W + r"(logistics|transport\w*|shipping|warehous\w*)" + _E,
    ),
    (
        "healthcare",
        r"医療|福祉|病院|介護|製薬|"
        + _W
        + r"(health\w*|medical|hospital|pharma\w*|life sciences)"
        + _E,
    ),
    ("energy", r"電力|ガス|エネルギー|石油|" + _W + r"(energy|utilit\w*|oil|gas|power)" + _E),
    ("education", r"教育|学校|大学|学習|" + _W + r"(education|university|school|academ\w*)" + _E),
    (
        "public",
        r"官公庁|公務|自治体|団体|行政|"
        + _W
        + r"(government|public sector|non-?profit|association)"
        + _E,
    ),
    (
        "services",
        r"サービス|コンサル|人材|士業|"
        + _W
        + r"(services?|consult\w*|staffing|professional services)"
        + _E,
    ),
)

_REGION_PREFS: dict[str, tuple[str, ...]] = {
    "hokkaido": ("北海道", "hokkaido"),
    "tohoku": (
        "青森",
        "岩手",
        "宮城",
        "秋田",
        "山形",
        "福島",
        "aomori",
        "iwate",
        "miyagi",
        "akita",
        "yamagata",
        "fukushima",
    ),
    "kanto": (
        "東京",
        "神奈川",
        "埼玉",
        "千葉",
        "茨城",
        "栃木",
        "群馬",
        "tokyo",
        "kanagawa",
        "saitama",
        "chiba",
        "ibaraki",
        "tochigi",
        "gunma",
    ),
    "chubu": (
        "新潟",
        "富山",
        "石川",
        "福井",
        "山梨",
        "長野",
        "岐阜",
        "静岡",
        "愛知",
        "niigata",
        "toyama",
        "ishikawa",
        "fukui",
        "yamanashi",
        "nagano",
        "gifu",
        "shizuoka",
        "aichi",
    ),
    "kinki": (
        "大阪",
        "京都",
        "兵庫",
        "奈良",
        "和歌山",
        "滋賀",
        "三重",
        "osaka",
        "kyoto",
        "hyogo",
        "nara",
        "wakayama",
        "shiga",
        "mie",
    ),
    "chugoku": (
        "鳥取",
        "島根",
        "岡山",
        "広島",
        "山口",
        "tottori",
        "shimane",
        "okayama",
        "hiroshima",
        "yamaguchi",
    ),
    "shikoku": ("徳島", "香川", "愛媛", "高知", "tokushima", "kagawa", "ehime", "kochi"),
    "kyushu_okinawa": (
        "福岡",
        "佐賀",
        "長崎",
        "熊本",
        "大分",
        "宮崎",
        "鹿児島",
        "沖縄",
        "fukuoka",
        "saga",
        "nagasaki",
        "kumamoto",
        "oita",
        "miyazaki",
        "kagoshima",
        "okinawa",
    ),
}

#: Regions of Japan, then ``overseas`` (text that names no prefecture) and ``unknown``.
REGIONS: tuple[str, ...] = (*_REGION_PREFS, "overseas", "unknown")

REGION_RULES: tuple[tuple[str, str], ...] = tuple(
    (region, "|".join(re.escape(p) for p in prefs)) for region, prefs in _REGION_PREFS.items()
)


def industry_of(values: pd.Series) -> pd.Series:
    """Return the industry family of each raw industry text (see :data:`INDUSTRIES`)."""
    return classify(values, INDUSTRY_RULES, INDUSTRIES)


def region_of(prefectures: pd.Series) -> pd.Series:
    """Return the region of each prefecture text (see :data:`REGIONS`).

    Text naming no Japanese prefecture is ``overseas``; empty text is ``unknown``.
    """
    return classify(prefectures, REGION_RULES, REGIONS, other="overseas")


def email_domain(emails: pd.Series) -> pd.Series:
    """Return the domain of each address's e-mail key (:func:`abm.core.keys.email_domain`), ``""`` when none."""
    return core_keys.email_domain(emails).fillna("").astype("str")


def is_free_mail(emails: pd.Series) -> np.ndarray:
    """Return a boolean array: the address (or domain) is at a free-mail/carrier domain.

    名寄せ's rule (:func:`abm.resolve.normalise.is_free_mail`: the registrable
    domain in ``abm.resolve.vocab.FREE_MAIL_DOMAINS``), once per distinct domain.
    """
    return resolve_free_mail(emails).to_numpy(dtype=bool)


def company_key(companies: pd.Series) -> pd.Series:
    """Return :func:`abm.core.keys.company_key` as ``str`` (``""`` when nothing is left).

    Used to match competitor names (a set lookup on plain strings).

    Parameters
    ----------
    companies : pandas.Series
        Company names as entered.

    Returns
    -------
    pandas.Series
        ``str`` keys, same index.
    """
    return core_keys.company_key(companies).fillna("").astype("str")


def account_key(leads: pd.DataFrame) -> pd.Series:
    """Return a grouping key per lead so one company never spans CV folds.

    The lead's account (:func:`abm.core.keys.account_key`: 名寄せ's
    ``account_id``, else ``co:<company key>``), else its own position
    (``row:<i>``): one key scheme with every other page.

    Parameters
    ----------
    leads : pandas.DataFrame
        Canonical leads.

    Returns
    -------
    pandas.Series
        ``str`` keys, same index as ``leads``.
    """
    own = pd.Series([f"row:{i}" for i in range(len(leads))], index=leads.index, dtype="str")
    key = core_keys.account_key(leads)
    return key.astype("str").where(key.notna().to_numpy(dtype=bool), own).astype("str")
