"""Lead-source channels: one vocabulary for what every tool writes as a lead's source.

The same channel reaches Mori under many names: HubSpot's *Original Source* exports its
internal values (``ORGANIC_SEARCH``) or its UI labels in English (``Organic Search``) or
Japanese (``オーガニック検索``); Salesforce's default *Lead Source* picklist reads ``Web``,
``Phone Inquiry``, ``Partner Referral``, ``Purchased List``, ``Other`` (Japanese UI:
``Web``, ``電話問い合わせ``, ``パートナー紹介``, ``購入リスト``, ``その他``); Account
Engagement writes a vendor and a type (``Google Natural Search``); Japanese teams type
``展示会``, ``ウェビナー``, ``資料請求``, ``自然検索``, ``名刺交換``. Grouped as written,
a joint marketing–sales meeting saw one channel on two or three rows.

:data:`CHANNEL_WORDS` maps the known words to a canonical channel (:data:`CHANNELS`);
:func:`channel_keys` gives each lead its group: the channel's key for a known word, the
value itself (trimmed, NFKC) for any other. An unknown source is never dropped and never
forced into ``other``: a client's own ``展示会2024春`` stays a row of its own, as written.
Words are matched whole after :func:`abm.core.text.normalise_value` (NFKC, case-fold,
spaces, underscores, hyphens, slashes and brackets dropped), once per distinct value.

Where a word could mean two channels, the vocabulary takes the reading a Japanese B2B
team means, or none:

- *Referrals*: HubSpot's internal ``REFERRALS`` and its Japanese label ``参照元`` (visits
  from other websites) are ``web_referral``; ``リファーラル`` and ``紹介`` (a person's or
  partner's introduction) are ``referral``. HubSpot's English label ``Referrals`` is the
  word Salesforce and Marketo users write for introductions too; a value alone cannot
  tell them apart, so it is shown as written (:data:`EXACT_WORDS`).
- *Forms*: a form submission is an inquiry: ``Web-to-Lead``, ``Web Form``,
  ``Webフォーム``, ``お問い合わせフォーム`` are ``inquiry``; Salesforce's bare ``Web``
  stays ``website``.
- *E-mail*: only explicit marketing words (``EMAIL_MARKETING``, ``Email Marketing``,
  ``メルマガ``, ``メール配信``, ``Newsletter``) are ``email_marketing``; a bare ``Email``
  or ``メール`` (in Japanese SFA picklists often an inquiry received by e-mail) is shown
  as written.
- *Phone*: ``電話問い合わせ`` / ``Phone Inquiry`` (Salesforce's default) are
  ``inquiry``, ``テレアポ`` / ``架電`` / ``Cold Call`` ``sales_outreach``; a bare ``電話`` /
  ``Phone`` (a CRM picklist's value) says neither direction and is ``phone``.
- *Customers*: ``既存顧客`` / ``Existing Customer`` / ``Upsell`` (a deal from a customer
  already won) is ``existing_customer``; ``既存顧客紹介`` / ``Customer Referral`` (a
  customer introducing someone else) stays ``referral``.
- *Search*: ``Google Ads`` and ``Google Ad`` are paid search; a ``<vendor> Paid Search``
  or ``Natural Search`` is read by its type only for a search engine's name
  (:data:`SEARCH_ENGINES`), never ``Non-Paid Search``.
- Plurals (``Webinars``, ``Trade Shows``, ``Inquiries``, ``Partners``, ``Ads``) are listed
  with their singulars.
- *Brackets*: a channel word followed by a bracketed name (``展示会（HR EXPO）``,
  ``ウェビナー【経費精算】``, ``Webinar (Q3)``), or a bracketed prefix followed by one
  (``【2024秋】展示会``), takes the word's channel (:data:`BRACKETED`); the value is still
  shown as written among the channel's spellings. A word with text after it and no
  bracket (``展示会2024春``) stays a row of its own.

A value shown as written whose text is a channel's label (``Inquiries``) is labelled
with an "as written" mark (:func:`abm.funnel.display.source_label`), never as the channel.

Each channel's label (Japanese and English) is in the i18n catalogue
(``abm.i18n.keys.CHANNEL``); :func:`abm.core.channels.is_channel` tells a channel key from
a value shown as written.

Sources of the words: HubSpot's knowledge base (traffic source values; Japanese labels of
2021–2025, e.g. 検索連動広告, オーガニックソーシャル, リファーラル, 他のキャンペーン,
直接トラフィック, オフラインソース, ソーシャル広告, and the older オーガニック検索,
ペイドサーチ, 参照元, ダイレクトトラフィック); Account Engagement's help on how a
prospect's Source is populated (``<vendor> Natural Search`` / ``Paid Search`` / ``Ad``);
Salesforce's default Lead Source values. Not re-read from a vendor page: the Japanese
Salesforce picklist labels and the Japanese label of HubSpot's AI referrals (both
inferred), the Marketo, BowNow and SATORI values (free text in those tools: the words
Japanese teams commonly type).
"""

from __future__ import annotations

import re
import unicodedata
import weakref
from collections.abc import Collection
from dataclasses import dataclass

import numpy as np
import pandas as pd

from abm.core.text import MAX_WORD, normalise_value

__all__ = [
    "BRACKETED",
    "CHANNELS",
    "CHANNEL_WORDS",
    "EXACT_WORDS",
    "RENAMED_CHANNELS",
    "SEARCH_ENGINES",
    "SUFFIX_WORDS",
    "channel_keys",
    "channel_lookup",
    "channel_of",
    "channel_written",
    "is_channel",
    "lead_channels",
    "renamed_channel",
]

#: Canonical channels, in display order (a filter lists them this way). Events and
#: webinars stay apart, as Japanese B2B teams budget them apart; HubSpot's ``REFERRALS``
#: (visits from other websites) are ``web_referral``, a person's or partner's
#: introduction (紹介, リファーラル, Partner Referral) is ``referral``.
CHANNELS: tuple[str, ...] = (
    "organic_search",
    "paid_search",
    "advertising",
    "social_organic",
    "social_paid",
    "email_marketing",
    "web_referral",
    "ai_referral",
    "direct",
    "website",
    "inquiry",
    "phone",
    "content",
    "webinar",
    "event",
    "business_card",
    "referral",
    "existing_customer",
    "purchased_list",
    "sales_outreach",
    "direct_mail",
    "offline",
    "other_campaigns",
    "other",
)

#: Channel keys renamed since a workspace, a shared view or a saved filter could store
#: them (old key → today's): costs and funnel filters saved under the old key are read
#: under the new one (:func:`renamed_channel`). ``email`` became ``email_marketing`` on
#: 2026-12-07 (a bare ``Email`` is now shown as written, see the module docstring).
RENAMED_CHANNELS: dict[str, str] = {"email": "email_marketing"}

#: The words of each channel, matched whole after :func:`abm.core.text.normalise_value`
#: (so ``ORGANIC_SEARCH``, ``Organic Search`` and ``organic-search`` are one word). Every
#: channel's own key is among its words. A word belongs to one channel only.
CHANNEL_WORDS: dict[str, tuple[str, ...]] = {
    "organic_search": (
        "organic_search", "Organic Search", "オーガニック検索", "自然検索", "オーガニック",
        "Organic", "SEO", "検索エンジン", "Search Engine", "Natural Search", "Google検索",
        "Yahoo!検索", "Yahoo検索", "Google Natural Search", "Yahoo Natural Search",
        "Yahoo! Natural Search", "Bing Natural Search", "MSN Natural Search",
    ),
    "paid_search": (
        "paid_search", "Paid Search", "検索連動広告", "検索連動型広告", "ペイドサーチ",
        "有料検索", "リスティング広告", "リスティング", "検索広告", "PPC", "SEM", "CPC",
        "Google Ads", "Google Ad", "Google広告", "Google AdWords", "AdWords",
        "Google Paid Search", "Yahoo!広告", "Yahoo広告", "Yahoo!検索広告", "Yahoo! Paid Search",
        "Bing Ads", "Bing Ad", "Bing Paid Search", "Microsoft Advertising", "Microsoft広告",
        "Microsoft Ads",
    ),
    "advertising": (
        "advertising", "広告", "Web広告", "ネット広告", "オンライン広告", "ディスプレイ広告",
        "バナー広告", "リターゲティング広告", "リマーケティング広告", "記事広告", "タイアップ広告",
        "純広告", "雑誌広告", "新聞広告", "交通広告", "Display", "Display Ads", "Display Ad",
        "Display Advertising", "Banner Ads", "Banner Ad", "Advertisement", "Advertisements",
        "Ads", "Online Ads", "Online Ad", "Native Ads", "Native Ad", "Paid Media",
        "Print Advertising", "Print Ads",
    ),
    "social_organic": (
        "social_organic", "SOCIAL_MEDIA", "Social Media", "Organic Social",
        "オーガニックソーシャル", "ソーシャルメディア", "ソーシャル", "Social", "SNS", "Facebook",
        "Twitter", "X (Twitter)", "LinkedIn", "Instagram", "YouTube",
    ),
    "social_paid": (
        "social_paid", "PAID_SOCIAL", "Paid Social", "ソーシャル広告", "有料ソーシャル",
        "SNS広告", "Social Ads", "Social Ad", "Facebook Ad", "Meta Ad", "LinkedIn Ad",
        "Facebook広告", "Facebook Ads", "Meta広告", "Meta Ads",
        "Instagram広告", "LinkedIn広告", "LinkedIn Ads", "Twitter広告", "X広告",
        "YouTube広告",
    ),
    "email_marketing": (
        "email_marketing", "Email Marketing", "E-mail Marketing", "Eメールマーケティング",
        "メールマーケティング", "メルマガ", "メールマガジン", "メール配信", "メールキャンペーン",
        "ニュースレター", "Newsletter", "Newsletters", "Email Campaign", "Email Campaigns",
        "E-mail Campaign", "Email Blast", "Eメール配信",
    ),
    "web_referral": (
        "web_referral", "参照元", "参照サイト", "参照元サイト", "Referring Sites",
        "Referring Site", "Referral Sites", "Web Referral", "Web Referrals", "外部サイト",
    ),
    "ai_referral": (
        "ai_referral", "AI_REFERRALS", "AI Referrals", "AIリファーラル", "AI参照", "AI検索",
        "生成AI", "ChatGPT",
    ),
    "direct": (
        "direct", "DIRECT_TRAFFIC", "Direct Traffic", "直接トラフィック", "ダイレクトトラフィック",
        "ダイレクト", "直接流入", "直接アクセス", "ノーリファラー",
    ),
    "website": (
        "website", "Web", "Web Site", "Webサイト", "ウェブサイト", "ホームページ", "HP", "自社サイト",
        "自社HP", "コーポレートサイト", "Websites",
    ),
    "inquiry": (
        "inquiry", "お問い合わせ", "問い合わせ", "お問合せ", "問合せ", "お問合わせ", "問合わせ",
        "Web問い合わせ", "Webお問い合わせ", "電話問い合わせ", "お問い合わせフォーム",
        "問い合わせフォーム", "Webフォーム", "フォーム", "Web Form", "Web Forms", "Web-to-Lead",
        "Form", "Forms", "Form Submission", "Form Submissions", "Inquiries", "Enquiry",
        "Enquiries", "Phone Inquiry", "Phone Inquiries", "Web Inquiry", "Web Inquiries",
        "Contact Us", "Contact Form", "Contact Forms", "インバウンド", "Inbound", "Inbound Call",
        "Inbound Calls", "デモ依頼", "Demo Request", "Demo Requests", "見積依頼", "見積もり依頼",
        "Quote Request", "Quote Requests", "電話問合せ", "電話お問い合わせ", "電話でのお問い合わせ",
    ),
    # a bare 電話 / Phone: a call, inbound or outbound — the value does not say which
    "phone": (
        "phone", "電話", "電話連絡", "Phone", "Phone Call", "Phone Calls", "Telephone", "TEL",
    ),
    "content": (
        "content", "資料請求", "資料ダウンロード", "お役立ち資料", "ホワイトペーパー", "White Paper",
        "White Papers", "Whitepaper", "Whitepapers", "eBook", "eBooks", "Content Download",
        "Content Downloads", "Content Syndication", "Download", "Downloads", "ダウンロード",
        "コンテンツ", "オウンドメディア", "ブログ", "Blog", "Blogs",
    ),
    "webinar": (
        "webinar", "ウェビナー", "オンラインセミナー", "Webセミナー", "セミナー", "自社セミナー",
        "共催セミナー", "オンデマンドセミナー", "Webinars", "Seminar", "Seminars", "Online Seminar",
        "Online Seminars", "Seminar - Internal", "Seminar - Partner",
    ),
    "event": (
        "event", "展示会", "イベント", "カンファレンス", "展示会出展", "オンライン展示会", "フォーラム",
        "Events", "Trade Show", "Trade Shows", "Tradeshow", "Tradeshows", "Exhibition",
        "Exhibitions", "Expo", "Expos", "Conference", "Conferences", "Live Event", "Live Events",
        "Virtual Event", "Virtual Events", "Forum", "Forums",
    ),
    "business_card": (
        "business_card", "名刺交換", "名刺", "名刺管理", "Business Card", "Business Cards",
        "Card Exchange",
        "Sansan", "Eight",
    ),
    "referral": (
        "referral", "紹介", "リファーラル", "パートナー紹介", "パートナー", "代理店", "販売代理店",
        "代理店紹介",
        "社員紹介", "従業員紹介", "顧客紹介", "お客様紹介", "既存顧客紹介", "取引先紹介", "知人紹介",
        "口コミ", "クチコミ", "Partner Referral", "Partner Referrals", "Partner", "Partners",
        "Reseller", "Resellers", "Employee Referral", "Employee Referrals", "Customer Referral",
        "Customer Referrals", "External Referral", "External Referrals", "Word of Mouth",
    ),
    # a deal or lead from a customer already won: upsell, cross-sell, repeat business
    "existing_customer": (
        "existing_customer", "既存顧客", "既存客", "既存取引先", "既存のお客様", "既存顧客深耕",
        "既存深耕", "アップセル", "クロスセル", "追加受注", "リピート", "リピート受注",
        "Existing Customer", "Existing Customers", "Existing Client", "Existing Clients",
        "Existing Business", "Existing Account", "Existing Accounts", "Upsell", "Up-sell",
        "Upsells", "Cross-sell", "Cross Sell", "Repeat Business", "Repeat Customer",
    ),
    "purchased_list": (
        "purchased_list", "Purchased List", "Purchased Lists", "購入リスト", "リスト購入", "購入データ", "データ購入",
        "List Purchase", "Data Purchase",
    ),
    "sales_outreach": (
        "sales_outreach", "テレアポ", "テレマーケティング", "アウトバウンド", "新規開拓", "営業開拓",
        "飛び込み", "飛び込み営業", "営業活動", "インサイドセールス", "フォーム営業", "営業",
        "架電", "電話営業",
        "Telemarketing", "Cold Call", "Cold Calls", "Cold Calling", "Outbound", "Inside Sales", "SDR",
        "BDR", "Sales Prospecting", "Sales Generated", "Sales",
    ),
    "direct_mail": (
        "direct_mail", "ダイレクトメール", "郵送DM", "FAX DM", "FAXDM", "手紙", "Direct Mail",
    ),
    "offline": (
        "offline", "Offline Sources", "オフラインソース", "オフライン", "インポート",
        "リストインポート", "Import", "List Import", "List Upload",
    ),
    "other_campaigns": (
        "other_campaigns", "OTHER_CAMPAIGNS", "Other Campaigns", "他のキャンペーン",
        "その他のキャンペーン",
    ),
    "other": ("other", "その他", "Others"),
}  # fmt: skip

#: Words matched by their exact case (NFKC, trimmed) before any folding. HubSpot's
#: internal ``REFERRALS`` (visits from other websites) is unambiguous; its English label
#: ``Referrals`` is not: Salesforce and Marketo users and Japanese sales teams write
#: ``Referrals`` for people's introductions, and a value alone cannot tell the two apart,
#: so ``Referrals`` (any case but all-caps) is shown as written rather than guessed.
EXACT_WORDS: dict[str, str] = {"REFERRALS": "web_referral"}

#: Account Engagement's ``<vendor> <type>`` sources (``Baidu Natural Search``): a word
#: not listed is read by its type at the end when what comes before it is a search
#: engine's name (:data:`SEARCH_ENGINES`); ``Non-Paid Search`` or ``Unpaid Search`` are
#: not paid search.
SUFFIX_WORDS: tuple[tuple[str, str], ...] = (
    ("naturalsearch", "organic_search"),
    ("paidsearch", "paid_search"),
)

#: Search engines whose name may precede a :data:`SUFFIX_WORDS` type (normalised).
SEARCH_ENGINES: frozenset[str] = frozenset(
    normalise_value(name)
    for name in (
        "Google", "Yahoo", "Yahoo!", "Yahoo Japan", "Yahoo! Japan", "Bing", "MSN",
        "Microsoft", "Baidu", "Yandex", "Naver", "Daum", "Seznam", "DuckDuckGo", "Ecosia",
        "Ask", "AOL", "goo", "Excite", "Biglobe", "Nifty", "Lycos", "Sogou", "Qwant",
    )
)  # fmt: skip


#: A lead source that is a word and bracketed notes (``展示会（HR EXPO）``; NFKC makes
#: （） ()), or a bracketed prefix and a word (``【2024秋】展示会``): the word is read
#: (:func:`channel_of`). Brackets: () [] 【】 〔〕 「」 『』.
BRACKETED = re.compile(
    r"^(?P<head>[^(\[【〔「『]+?)\s*(?:[(\[【〔「『][^)\]】〕」』]*[)\]】〕」』]\s*)+$"
    r"|^\s*[(\[【〔「『][^)\]】〕」』]*[)\]】〕」』]\s*(?P<tail>[^(\[【〔「『]+?)\s*$"
)

#: Words no channel lists, as they mean different channels to different tools and teams
#: (shown as written): ``Referrals`` (above), a bare ``Email`` / ``メール`` (in Japanese
#: SFA picklists often an inquiry received by e-mail, elsewhere e-mail marketing).
_AMBIGUOUS: frozenset[str] = frozenset(
    normalise_value(w) for w in ("Referrals", "Email", "Emails", "E-mail", "Eメール", "メール")
)


def _table() -> dict[str, str]:
    out: dict[str, str] = {}
    for channel, words in CHANNEL_WORDS.items():
        for word in words:
            key = normalise_value(word)
            if key in _AMBIGUOUS:
                raise ValueError(f"ambiguous word listed: {word!r}")
            if out.setdefault(key, channel) != channel:
                raise ValueError(f"channel word listed twice: {word!r}")
    return out


_WORDS: dict[str, str] = _table()


_CHANNEL_SET = frozenset(CHANNELS)


def is_channel(value: object) -> bool:
    """Whether ``value`` is a channel key (:data:`CHANNELS`), not a source shown as written."""
    return isinstance(value, str) and value in _CHANNEL_SET


def renamed_channel(key: str, groups: Collection[str] = ()) -> str:
    """A stored lead-source key as today's: a renamed channel's new key.

    A key of :data:`RENAMED_CHANNELS` may also be a value shown as written (``email``:
    a bare e-mail word is no channel now): when the data has a group of exactly that
    name (a lead source written ``email``), the key is that value, else the channel.

    Parameters
    ----------
    key : str
        A stored cost key or filter choice.
    groups : collection of str
        The data's lead-source groups (:func:`channel_keys` of its sources: channel keys
        and values as written).

    Returns
    -------
    str
        ``key``, or the channel it was renamed to.

    Examples
    --------
    >>> renamed_channel("email"), renamed_channel("email", {"email"}), renamed_channel("web")
    ('email_marketing', 'email', 'web')
    """
    new = RENAMED_CHANNELS.get(key)
    return key if new is None or key in groups else new


def channel_of(value: object) -> str | None:
    """The channel one lead-source value names, or ``None`` when no known word.

    Parameters
    ----------
    value : object
        A lead-source cell (any spelling: ``"ORGANIC_SEARCH"``, ``"自然検索"``).

    Returns
    -------
    str or None
        A key of :data:`CHANNELS`.

    Examples
    --------
    >>> channel_of("ORGANIC_SEARCH"), channel_of("自然検索"), channel_of("展示会2024")
    ('organic_search', 'organic_search', None)
    >>> channel_of("展示会（HR EXPO）"), channel_of("【2024秋】展示会")
    ('event', 'event')
    """
    if value is None or value is pd.NA:
        return None
    written = _written(str(value)[:MAX_WORD])
    said = _word_channel(value, written)
    if said is None:
        bracketed = BRACKETED.match(written)
        if bracketed is not None:  # 展示会（HR EXPO）, 【2024秋】展示会: the word's channel
            word = bracketed.group("head") or bracketed.group("tail")
            said = _word_channel(word, _written(word))
    return said


def _word_channel(value: object, written: str) -> str | None:
    """The channel of one whole word (:data:`EXACT_WORDS`, :data:`CHANNEL_WORDS`, a
    search engine's ``<vendor> <type>``)."""
    exact = EXACT_WORDS.get(written)
    if exact is not None:
        return exact
    key = normalise_value(value)
    said = _WORDS.get(key)
    if said is None and key:
        said = next(
            (
                c
                for suffix, c in SUFFIX_WORDS
                if key.endswith(suffix) and key[: -len(suffix)] in SEARCH_ENGINES
            ),
            None,
        )
    return said


def _written(value: str) -> str:
    """A source as it is shown when no channel is known: NFKC, trimmed."""
    return unicodedata.normalize("NFKC", value).strip()


def channel_keys(values: pd.Series) -> pd.Series:
    """The group of each lead source: its channel's key, else the value as written.

    Looked up once per distinct value (:func:`pandas.factorize`), so a million leads
    with a few dozen sources cost a few dozen lookups.

    Parameters
    ----------
    values : pandas.Series
        Lead-source cells (any dtype; read as text).

    Returns
    -------
    pandas.Series
        ``string`` dtype, same index: a key of :data:`CHANNELS` for a known word, the value
        NFKC-normalised and trimmed for any other; missing or blank stays missing.
    """
    text = values.astype("string")
    codes, uniques = pd.factorize(text, use_na_sentinel=True)
    groups = np.array([_group(str(u)) for u in uniques] + [None], dtype=object)
    out = groups[codes]  # the sentinel -1 reads the trailing None
    return pd.Series(out, index=values.index, dtype="string", name=values.name)


def _group(value: str) -> str | None:
    if len(value) > MAX_WORD:  # a long cell is no word: kept as written
        return _written(value) or None
    return channel_of(value) or _written(value) or None


@dataclass(frozen=True)
class _Factorized:
    """A column read once: its codes, distinct values (trimmed) and their groups."""

    codes: np.ndarray  # per row: index into ``written``/``groups``; -1 missing
    written: list[str]  # the distinct values, trimmed
    groups: np.ndarray  # object: the group of each distinct value (None: blank)
    keys: pd.Series  # channel_keys of the whole column (string dtype)


#: Columns already read (:func:`lead_channels`), by the identity of their array: a
#: dataset's leads are read once, not on every rerun and by every table of a page. An
#: entry leaves with its array; it is used only while the column still holds the same
#: Arrow data and length (a column set anew is read anew).
_READ: dict[int, tuple[weakref.ref, tuple[int, object], _Factorized]] = {}


def _stamp(values: pd.Series) -> tuple[int, object]:
    """What must not have changed for a column read before: its length and data."""
    arr = values.array
    return len(values), getattr(arr, "_pa_array", arr)


def _factorized(values: pd.Series) -> _Factorized:
    arr = values.array
    found = _READ.get(id(arr))
    if found is not None and found[0]() is arr:
        n, data = _stamp(values)
        if found[1][0] == n and found[1][1] is data:
            return found[2]
    text = values.astype("string")
    codes, uniques = pd.factorize(text, use_na_sentinel=True)
    written = [_written(str(u)) for u in uniques]
    groups = np.array([_group(str(u)) for u in uniques] + [None], dtype=object)
    keys = pd.Series(groups[codes], dtype="string")  # the sentinel -1 reads the trailing None
    out = _Factorized(np.asarray(codes), written, groups[:-1], keys)
    key = id(arr)
    try:
        ref = weakref.ref(arr, lambda _r, k=key: _READ.pop(k, None))
    except TypeError:  # an array that takes no weak reference: not kept
        return out
    _READ[key] = (ref, _stamp(values), out)
    return out


def lead_channels(values: pd.Series) -> pd.Series:
    """:func:`channel_keys` of a whole column, read once per column.

    A dataset's ``lead_source`` is grouped by every page and table that shows sources;
    read through here, the column is factorised and looked up once, and later calls
    (the next rerun, the Gap page's second table) take the result. Slice the result
    (``.iloc[rows]``) rather than the column: a slice is a new column.

    Parameters
    ----------
    values : pandas.Series
        A whole column (e.g. ``leads["lead_source"]``).

    Returns
    -------
    pandas.Series
        As :func:`channel_keys`: ``string`` dtype, same index and name.
    """
    keys = _factorized(values).keys
    return pd.Series(keys.array, index=values.index, name=values.name, copy=False)


def channel_lookup(values: pd.Series) -> pd.DataFrame:
    """The group of each distinct source, as a small table an engine joins on.

    Parameters
    ----------
    values : pandas.Series
        Distinct lead sources as the engine trims them (any repeats, missing values).

    Returns
    -------
    pandas.DataFrame
        One row per distinct non-missing value: ``source`` (the value) and ``channel``
        (:func:`channel_keys`; missing for a value that is blank once normalised).
    """
    distinct = pd.Series(values, dtype="string").dropna().drop_duplicates()
    return pd.DataFrame(
        {
            "source": distinct.to_numpy(dtype=object),
            "channel": channel_keys(distinct).to_numpy(dtype=object, na_value=None),
        }
    ).astype("string")


def channel_written(
    values: pd.Series, *, rows: np.ndarray | None = None, most: int = 5
) -> dict[str, list[str]]:
    """What the leads wrote for each channel (a table's "written as" column).

    Parameters
    ----------
    values : pandas.Series
        Lead-source cells: a whole column (read once per column, :func:`lead_channels`).
    rows : numpy.ndarray, optional
        Positions of the leads counted (a cohort); all by default.
    most : int
        Most spellings listed per channel (the most frequent first).

    Returns
    -------
    dict
        Channel key → the distinct values (trimmed) grouped into it, most leads first.
        Values shown as written are not listed (their row says them already).
    """
    f = _factorized(values)
    codes = f.codes if rows is None else f.codes[rows]
    counts = np.bincount(codes[codes >= 0], minlength=len(f.written))
    per: dict[tuple[str, str], int] = {}  # (channel, spelling) → leads
    for i in np.flatnonzero(counts):
        group, raw = f.groups[i], f.written[i]
        if group is not None and is_channel(group) and raw:
            per[(group, raw)] = per.get((group, raw), 0) + int(counts[i])
    out: dict[str, list[str]] = {}
    for (group, raw), _n in sorted(per.items(), key=lambda kv: -kv[1]):
        if len(out.setdefault(group, [])) < most:
            out[group].append(raw)
    return out
