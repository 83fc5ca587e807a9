"""Stage vocabulary as data: raw stage/status words → generic stage and detour.

Keys are normalised with :func:`normalise_value` (NFKC, case-folded, spaces,
hyphens and underscores removed). Each value is ``(generic_stage, detour)``
where ``generic_stage`` is a key of :data:`abm.funnel.models.GENERIC_STAGES`
(the highest stage the word implies the lead has reached, ``""`` if none) and
``detour`` is one of :data:`abm.funnel.models.DETOURS` or ``""``.
"""

from __future__ import annotations

from abm.core.text import normalise_value

__all__ = ["KEYWORDS", "VOCABULARY", "normalise_value"]

_RAW: dict[str, dict[str, tuple[str, str]]] = {
    "hubspot": {
        "Subscriber": ("inquiry", ""),
        "Lead": ("inquiry", ""),
        "Marketing Qualified Lead": ("mql", ""),
        "marketingqualifiedlead": ("mql", ""),
        "Sales Qualified Lead": ("sql", ""),
        "salesqualifiedlead": ("sql", ""),
        "Opportunity": ("opportunity", ""),
        "Customer": ("won", ""),
        "Evangelist": ("won", ""),
        "Other": ("", ""),
        "購読者": ("inquiry", ""),
        "マーケティング・クオリファイド・リード": ("mql", ""),
        "マーケティングクオリファイドリード": ("mql", ""),
        "セールス・クオリファイド・リード": ("sql", ""),
        "セールスクオリファイドリード": ("sql", ""),
        "顧客": ("won", ""),
        "エバンジェリスト": ("won", ""),
        "その他": ("", ""),
        # HubSpot lead status
        "New": ("inquiry", ""),
        "Open": ("inquiry", ""),
        "In Progress": ("sal", ""),
        "Open Deal": ("opportunity", ""),
        "Attempted to Contact": ("sal", ""),
        "Connected": ("sal", ""),
        "Bad Timing": ("", "recycled"),
        "Unqualified": ("", "disqualified"),
        # the same in HubSpot's Japanese UI (QA-K: サブスクライバー and these statuses were
        # words the funnel did not know)
        "サブスクライバー": ("inquiry", ""),
        "オープン": ("inquiry", ""),
        "進行中": ("sal", ""),
        "オープンな取引": ("opportunity", ""),
        "接触を試みた": ("sal", ""),
        "接続済み": ("sal", ""),
        "不適切なタイミング": ("", "recycled"),
    },
    "pardot": {
        "Visitor": ("", ""),
        "Prospect": ("inquiry", ""),
        "MQL": ("mql", ""),
        "SQL": ("sql", ""),
        "Won": ("won", ""),
        "Opportunity Won": ("won", ""),
        "Opportunity Lost": ("opportunity", "lost"),
    },
    "marketo": {
        "Anonymous": ("", ""),
        "Known": ("inquiry", ""),
        "Engaged": ("inquiry", ""),
        "Name": ("inquiry", ""),
        "Inquiry": ("inquiry", ""),
        "Lead": ("inquiry", ""),
        "Marketing Lead": ("mql", ""),
        "Marketing Qualified": ("mql", ""),
        "Sales Lead": ("sal", ""),
        "Sales Accepted": ("sal", ""),
        "Sales Accepted Lead": ("sal", ""),
        "Sales Qualified": ("sql", ""),
        "Opportunity": ("opportunity", ""),
        "Customer": ("won", ""),
        "Disqualified": ("", "disqualified"),
        "Inactive": ("", "recycled"),
        "Recycled": ("", "recycled"),
        "Nurture": ("", "recycled"),
        "Lost": ("opportunity", "lost"),
    },
    "salesforce": {
        "Open - Not Contacted": ("inquiry", ""),
        "Working - Contacted": ("sal", ""),
        "Closed - Converted": ("sql", ""),
        "Closed - Not Converted": ("", "disqualified"),
        "Qualified": ("sql", ""),
        "未対応": ("inquiry", ""),
        "未対応 - 未連絡": ("inquiry", ""),
        "対応中 - 連絡済み": ("sal", ""),
        "取引開始済み": ("sql", ""),
        "取引開始 - 済み": ("sql", ""),
        "クローズ - 取引開始済み": ("sql", ""),
        "クローズ - 取引開始なし": ("", "disqualified"),
        "不適格": ("", "disqualified"),
        "Closed Won": ("won", ""),
        "Closed Lost": ("opportunity", "lost"),
    },
    "bownow": {
        "潜在": ("inquiry", ""),
        "準顕在": ("mal", ""),
        "顕在化": ("mql", ""),
        "顕在": ("mql", ""),
        "アポ見込み": ("mql", ""),
        "アポ獲得": ("sal", ""),
        "アポ": ("sal", ""),
        "対応中": ("sal", ""),
        "訪問済": ("sql", ""),
        "訪問済み": ("sql", ""),
        "案件化": ("opportunity", ""),
        "受注": ("won", ""),
        "失注": ("opportunity", "lost"),
        "保留": ("", "recycled"),
        "対象外": ("", "disqualified"),
        "ターゲット外": ("", "disqualified"),
    },
    "japanese": {
        "問い合わせ": ("inquiry", ""),
        "問合せ": ("inquiry", ""),
        "お問い合わせ": ("inquiry", ""),
        "見込み客": ("inquiry", ""),
        "見込客": ("inquiry", ""),
        "リード": ("inquiry", ""),
        "新規": ("inquiry", ""),
        "MAL": ("mal", ""),
        "マーケ受入": ("mal", ""),
        "ホットリード": ("mql", ""),
        "営業受入": ("sal", ""),
        "営業受け入れ": ("sal", ""),
        "商談": ("opportunity", ""),
        "商談化": ("opportunity", ""),
        "案件": ("opportunity", ""),
        "成約": ("won", ""),
        "既存顧客": ("won", ""),
        "失注": ("opportunity", "lost"),
        "ナーチャリング": ("", "recycled"),
        "リサイクル": ("", "recycled"),
        "営業対象外": ("", "disqualified"),
        "競合": ("", "disqualified"),
    },
    "generic": {
        "AQL": ("aql", ""),
        "TQL": ("aql", ""),
        "TAL": ("aql", ""),
        "SAL": ("sal", ""),
        "SGL": ("sal", ""),
        "Won": ("won", ""),
        "Closed Won": ("won", ""),
        "Lost": ("opportunity", "lost"),
        "Disqualified": ("", "disqualified"),
        "Recycled": ("", "recycled"),
    },
}


def _build() -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for words in _RAW.values():
        for word, target in words.items():
            out.setdefault(normalise_value(word), target)
    return out


#: Normalised word → ``(generic_stage, detour)``.
VOCABULARY: dict[str, tuple[str, str]] = _build()

#: Fallback substring rules, tried in order on normalised values.
KEYWORDS: tuple[tuple[str, tuple[str, str]], ...] = (
    ("失注", ("opportunity", "lost")),
    ("closedlost", ("opportunity", "lost")),
    ("対象外", ("", "disqualified")),
    ("disqualif", ("", "disqualified")),
    ("unqualif", ("", "disqualified")),
    ("recycl", ("", "recycled")),
    ("受注", ("won", "")),
    ("closedwon", ("won", "")),
    ("customer", ("won", "")),
    ("商談", ("opportunity", "")),
    ("案件", ("opportunity", "")),
    ("opportunit", ("opportunity", "")),
    ("sql", ("sql", "")),
    ("salesqualified", ("sql", "")),
    ("sal", ("sal", "")),
    ("salesaccepted", ("sal", "")),
    ("アポ", ("sal", "")),
    ("mql", ("mql", "")),
    ("marketingqualified", ("mql", "")),
    ("mal", ("mal", "")),
    ("aql", ("aql", "")),
    ("問い合わせ", ("inquiry", "")),
    ("問合", ("inquiry", "")),
    ("inquir", ("inquiry", "")),
)
