"""Raw activity types and URLs mapped onto canonical activity kinds.

MA tools name the same behaviour differently (``ページ閲覧``, ``Page View``,
``Visited Web Page``); the URL often says more than the type (a page view of
``/pricing`` is a pricing-page view). Rules are data; the mapping runs once
per distinct ``(activity_type, url)`` pair.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from abm.scoring.titles import normalise_text

__all__ = [
    "ACTIVITY_KINDS",
    "TYPE_RULES",
    "URL_RULES",
    "activity_kind_codes",
    "activity_kind_of",
]

#: Canonical activity kinds, in slider order; ``other`` scores nothing by default.
ACTIVITY_KINDS: tuple[str, ...] = (
    "page_view",
    "pricing_page",
    "download",
    "webinar",
    "event",
    "email_open",
    "email_click",
    "form",
    "demo_request",
    "careers_page",
    "unsubscribe",
    "other",
)

#: Ordered rules on the activity type text, first match wins.
TYPE_RULES: tuple[tuple[str, str], ...] = (
    ("unsubscribe", r"配信停止|購読解除|オプトアウト|unsubscrib|opt[ -]?out"),
    ("careers_page", r"採用ページ|求人|careers?|jobs? page|recruit"),
    ("pricing_page", r"料金|価格|プライシング|pricing|price"),
    (
        "demo_request",
        r"デモ|トライアル|問い?合わ?せ|見積|商談依頼|demo|trial|contact (us|sales)|quote|request a call",
    ),
    ("webinar", r"ウェビナー|webinar|オンラインセミナー"),
    (
        "event",
        r"展示会|セミナー|イベント|カンファレンス|来場|ブース|event|seminar|trade ?show|conference|booth|expo",
    ),
    (
        "download",
        r"ダウンロード|資料請求|ホワイトペーパー|download|whitepaper|white paper|ebook|e-book",
    ),
    ("form", r"フォーム|申込|申し込み|登録|form|sign ?up|registration|submission|submitted"),
    ("email_click", r"メールクリック|クリック|email click|click"),
    ("email_open", r"メール開封|開封|email open|opened"),
    ("page_view", r"閲覧|ページビュー|pv|訪問|アクセス|page ?view|visit|web ?page|viewed"),
)

#: Rules on the URL, applied when the type says only "page view" (or nothing).
URL_RULES: tuple[tuple[str, str], ...] = (
    ("pricing_page", r"/(pricing|price|plans?|ryokin|料金|価格)(?![a-z])"),
    ("careers_page", r"/(careers?|recruit\w*|jobs?|saiyo|採用)(?![a-z])"),
    ("demo_request", r"/(demo|trial|contact)(?![a-z])"),
    ("download", r"\.pdf(\?|$)|/(download|whitepaper|documents?)(?![a-z])"),
    ("webinar", r"/webinars?(?![a-z])"),
)


#: Kinds a form submission is refined to by its URL (a form on /demo is a demo request).
_FORM_REFINED = frozenset({"demo_request", "download", "webinar"})


def _first(text: str, rules: list[tuple[str, re.Pattern[str]]]) -> str | None:
    for kind, rx in rules:
        if rx.search(text):
            return kind
    return None


def activity_kind_of(activity_type: pd.Series, url: pd.Series | None = None) -> pd.Series:
    """Return the canonical activity kind of each activity.

    Parameters
    ----------
    activity_type : pandas.Series
        Raw activity type (``"資料ダウンロード"``, ``"Email Click"``).
    url : pandas.Series, optional
        URL or page path, same index. It refines page views
        (``/pricing`` → ``pricing_page``, ``/careers`` → ``careers_page``),
        forms (``/demo`` → ``demo_request``) and classifies rows whose type
        is empty or unknown.

    Returns
    -------
    pandas.Series
        One of :data:`ACTIVITY_KINDS` per row, same index.

    Examples
    --------
    >>> activity_kind_of(pd.Series(["ページ閲覧", "デモ依頼"]), pd.Series(["/pricing", None])).tolist()
    ['pricing_page', 'demo_request']
    """
    codes = activity_kind_codes(activity_type, url)
    return pd.Series(
        np.asarray(ACTIVITY_KINDS, dtype=object)[codes], index=activity_type.index, dtype="str"
    )


def activity_kind_codes(activity_type: pd.Series, url: pd.Series | None = None) -> np.ndarray:
    """Like :func:`activity_kind_of` but return int8 codes into :data:`ACTIVITY_KINDS`."""
    t_codes, t_uniq = pd.factorize(activity_type, use_na_sentinel=True)
    t_text = [*normalise_text(pd.Series(t_uniq, dtype="object")).tolist(), ""]
    if url is None:
        u_codes, u_text = np.full(len(t_codes), -1, dtype=np.int64), [""]
    else:
        u_codes, u_uniq = pd.factorize(url, use_na_sentinel=True)
        u_text = [*normalise_text(pd.Series(u_uniq, dtype="object")).tolist(), ""]
    # -1 (missing) indexes the trailing "" of each list
    pair = t_codes.astype(np.int64) * (len(u_text) + 1) + u_codes.astype(np.int64)
    codes, uniques = pd.factorize(pair)
    type_rules = [(k, re.compile(p)) for k, p in TYPE_RULES]
    url_rules = [(k, re.compile(p)) for k, p in URL_RULES]
    form_rules = [(k, rx) for k, rx in url_rules if k in _FORM_REFINED]
    kinds: list[int] = []
    for p in uniques.tolist():  # one pass per distinct (type, url) pair
        tc, uc = divmod(p, len(u_text) + 1)
        if uc == len(u_text):  # divmod of a negative url code wraps around
            tc, uc = tc + 1, -1
        t, u = t_text[tc], u_text[uc]
        kind = _first(t, type_rules) if t else None
        if kind in (None, "page_view") and u:
            kind = _first(u, url_rules) or kind or "page_view"
        elif kind == "form" and u:
            kind = _first(u, form_rules) or kind
        kinds.append(ACTIVITY_KINDS.index(kind or "other"))
    return np.array(kinds, dtype=np.int8)[codes]
