"""Activity kinds: one vocabulary for marketing behaviour and sales touches.

MA tools log behaviour (``ページ閲覧``, ``Visited Web Page``, ``Email Click``);
CRM activity reports log what sales did (種別 ``電話`` / ``メール`` / ``訪問`` /
``商談``, Salesforce ``Call`` / ``Meeting`` / ``Task``). The same word can mean
either: ``訪問`` is a web visit in an MA log and a sales visit in a CRM
activity report, ``メール`` a newsletter or a rep's e-mail. The activity's
``origin`` (``"sales"`` or ``"marketing"``, set per file by ingestion when the
export's tool and report type say so) decides; without it, unambiguous sales
words (電話, 架電, 商談, Call, Meeting…) are sales touches and the rest is
marketing.

Every area reads this module: the gap page's "first sales touch", the
accounts page's "sales touched", scoring's engagement by kind. Rules are
data (:data:`TYPE_RULES`, :data:`SALES_RULES`, :data:`URL_RULES`,
:data:`RESULT_RULES`); each runs once per distinct ``(type, url, origin)``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from types import MappingProxyType

import numpy as np
import pandas as pd

__all__ = [
    "ACTIVITY_KINDS",
    "DEFAULT_ACTIVITY_POINTS",
    "ENGAGEMENT_WEIGHTS",
    "MARKETING_KINDS",
    "NOT_A_SIGN_OF_LIFE",
    "ORIGINS",
    "RESULTS",
    "SALES_KINDS",
    "activity_kind_codes",
    "activity_kind_of",
    "activity_results",
    "campaign_response_types",
    "is_sales_touch",
    "member_status_classes",
    "named_form_types",
    "object_action_types",
    "task_not_done",
]

#: Marketing behaviour kinds, in slider order.
MARKETING_KINDS: tuple[str, ...] = (
    "page_view",
    "pricing_page",
    "download",
    "webinar",
    "event",
    "business_card",
    "email_open",
    "email_click",
    "form",
    "demo_request",
    "careers_page",
    "unsubscribe",
)
#: Sales touches, in slider order.
SALES_KINDS: tuple[str, ...] = ("call", "sales_email", "meeting", "web_meeting", "visit", "task")
#: Every kind; ``other`` (unrecognised) scores nothing by default.
ACTIVITY_KINDS: tuple[str, ...] = (*MARKETING_KINDS, *SALES_KINDS, "other")
#: Points a lead earns per activity of each kind: the scoring model's default engagement
#: sliders (:class:`abm.scoring.ScoringModel`, ``activity_points``) — what a pricing page or
#: a demo request says about intent against a page view. Kinds not listed earn 0: sales
#: touches (engagement is the person's own behaviour, not sales' effort), e-mail opens (an
#: image a mail client may fetch on its own), ``other`` (the tool's own doings). Read-only.
DEFAULT_ACTIVITY_POINTS: Mapping[str, float] = MappingProxyType(
    {
        "page_view": 2.0, "pricing_page": 10.0, "download": 15.0, "webinar": 20.0,
        "event": 20.0, "business_card": 15.0, "email_click": 3.0, "form": 25.0,
        "demo_request": 50.0, "careers_page": -10.0, "unsubscribe": -30.0,
    }
)  # fmt: skip
#: Each kind's weight in an account's engagement (aligned with :data:`ACTIVITY_KINDS`): its
#: default points over a page view's, so a page view counts 1, a pricing page 5, a demo
#: request 25. A kind scoring takes points away for (a careers page, an unsubscribe) weighs
#: 0 here: it adds nothing, and an account's engagement stays a sum of decaying positive
#: amounts (the decayed total never above the plain one). The roll-up, the account story,
#: the tier history and the engine all read this one table: an account is engaged by what
#: its people did, weighed as scoring weighs it (QA-S: 30 newsletters sent, or twenty people
#: reading support pages, outranked four people on the pricing page who asked for a demo).
ENGAGEMENT_WEIGHTS: tuple[float, ...] = tuple(
    max(DEFAULT_ACTIVITY_POINTS.get(k, 0.0), 0.0) / DEFAULT_ACTIVITY_POINTS["page_view"]
    for k in ACTIVITY_KINDS
)
#: Kinds that never date a person's last activity: the tool's own doings (``other``) and an
#: e-mail open (a mail client that fetches images by itself "opens" every newsletter: it
#: would make every stalled account look alive). A sales touch does: someone met them.
NOT_A_SIGN_OF_LIFE: frozenset[str] = frozenset({"other", "email_open"})
#: Values of the activities' ``origin`` column.
ORIGINS: tuple[str, ...] = ("sales", "marketing")
#: Outcomes of a sales touch (call results and the like).
RESULTS: tuple[str, ...] = ("appointment", "connected", "no_answer", "refused", "done")

#: Sales-touch rules, first match wins. Applied to every activity of sales
#: origin, and to any activity whose origin is unknown (these words are
#: unambiguous there).
SALES_RULES: tuple[tuple[str, str], ...] = (
    ("web_meeting", r"web会議|ウェブ会議|オンライン(商談|会議|面談|ミーティング)|zoom|teams|google ?meet|web ?meeting|online meeting|video call"),
    ("call", r"電話|架電|通話|コール|テレアポ|着信|発信|call|phone"),
    ("meeting", r"商談|面談|会議|打ち?合わ?せ|ミーティング|アポ|meeting|appointment"),
    ("visit", r"訪問|来社|往訪|visit"),
    ("sales_email", r"メール|e-?mail|mail"),
    ("task", r"タスク|todo|to-do|task|フォロー|follow ?up|その他|other"),
)  # fmt: skip
#: Words that mark a sales touch even when the origin is unknown (a subset:
#: 訪問 and メール are also marketing words, so they need a sales origin).
_SALES_ANYWHERE = re.compile(
    r"電話|架電|通話|コール|テレアポ|商談|面談|打ち?合わ?せ|web会議|オンライン商談|営業|"
    r"インサイドセールス|訪問済|(?<![a-z])(call|calls|called|phone|meeting|sales|task|"
    r"appointment|outreach|sdr|bdr)(?![a-z])(?! webhook)"  # Marketo's "Call Webhook": a system step
)
#: Activity types that are the tool's doing, not the person's: an e-mail sent, delivered or
#: bounced (the recipient did nothing), a data value, score, status or owner changed, a list,
#: campaign or nurture joined, a lead created, synced or merged, an interesting moment, a
#: webhook, an alert. Marketo's default activity types (Get Activity Types: Send Email, Email
#: Delivered, Email Bounced [Soft], Change Data Value, Change Score, Add to List, Sync Lead
#: to SFDC, New Lead, Interesting Moment, Change Status in Progression…) and their Japanese
#: UI names (メールを送信, メールを配信, メールがバウンス, データ値を変更, スコアを変更, リストに
#: 追加, 新規リード, 興味深い瞬間, 進行状況のステータスを変更…; QA-M's log, the rest
#: inferred), and the bare ``Sent`` / ``Bounced`` of other tools. They are kind ``other``,
#: which scores nothing: before, one with a detail (the e-mail's name) was a page view, so
#: every newsletter recipient earned page-view points (QA-M).
NOT_ENGAGEMENT = (
    # e-mails the tool sent: sent, delivered, bounced, forwarded to a friend, an alert
    r"(?<![a-z])(send|sends|sending) (an? )?(e-?mails?|alerts?|sales e-?mails?|sms|messages?)"
    r"|(e-?mails?|messages?|newsletters?) (was )?(sent|delivered|bounced?)"
    r"|^(sent|delivered|bounced?|soft bounced?|hard bounced?|spam complaint)$"
    r"|(?<![a-z])bounced? soft|forward(ed)? to (a )?friend|receive(d)? sales e-?mail"
    r"|(メール|メルマガ|ニュースレター|アラート)(を|が|の)?(送信|配信|バウンス|ソフトバウンス|不達)"
    r"|配信(済|完了)|バウンス|"
    # the record changed: a field, the score, a status, the owner, a stage
    r"(?<![a-z])change[ds]? (in )?(data value|score|owner|status|revenue stage|segment|nurture|"
    r"program|lead partition|account owner|crm user|custom object|attribute)"
    r"|(data value|score|status|owner) chang|compute data value|merge attributes"
    r"|(データ値|スコア|所有者|ステータス|収益ステージ|セグメント|パーティション|ナーチャリング|"
    r"ストリーム|トラック|カデンス|プログラムデータ|属性)(を|の)?(変更|更新|計算)|"
    # memberships: lists, campaigns, nurture, flows, opportunities
    r"(?<![a-z])(add(ed)?|remove(d)?) (to|from) (a )?(list|static list|nurture|sfdc campaign|"
    r"salesforce campaign|smart campaign|segment|opportunity|flow|engagement program)"
    r"|(リスト|キャンペーン|ナーチャリング|エンゲージメントプログラム|セグメント|商談|フロー)"
    r"(に|へ|から)(追加|削除|除外)|"
    # the person's record: created, converted, merged, synced, assigned, deleted
    r"(?<![a-z])new (lead|person|sfdc opportunity)|(convert|merge|delete|sync|push) (leads?|person)"
    r"|leads? (assigned|pruning|synced|merged|converted|created)|sfdc|sync(ed)? to|"
    r"新規リード|新しいリード|リード(を|の)?(作成|変換|コンバート|統合|マージ|削除|割り当て)|同期|"
    # a smart campaign's own steps and system notes
    r"interesting moment|興味深い(瞬間|モーメント)|注目(すべき|の)(瞬間|モーメント)"
    # a popup or a web push the tool showed or sent (SATORI's ポップアップ表示: QA-O's
    # 1,627 displays on /pricing/ were pricing-page views), a segment the tool matched
    r"|(ポップアップ|プッシュ通知|webプッシュ|ウェブプッシュ)(を|が|の)?(表示|配信|送信|受信)"
    r"|(pop-?ups?|web ?push|push notifications?) ?(view(ed)?|impressions?|display(ed)?|shown|"
    r"sent|delivered)|セグメント(に)?(該当|非該当)"
    r"|request(ed)? campaign|キャンペーン(を|の)リクエスト|webhook|enrich with|"
    r"capture [a-z ]{0,30}history|touch complete|update opportunity|nurture|revenue stage"
    r"|^wait$|run sub-?flow|activity pruning|field reparent|segmentation approval"
    r"|(schedule|decide|reward) test|resolve (conflicts|ruleset)|create task"
    r"|商談(を|の)?(更新|作成)"
    # what :func:`object_action_types` writes for a tool's step or a non-engagement
    r"|^(no engagement|エンゲージメントなし)$"
)
#: Marketing rules on the type text, first match wins.
TYPE_RULES: tuple[tuple[str, str], ...] = (
    ("unsubscribe", r"配信停止|購読解除|オプトアウト|unsubscrib|opt[ -]?out"),
    ("careers_page", r"採用ページ|求人|careers?|jobs? page|recruit"),
    ("pricing_page", r"料金|価格|プライシング|pricing|price"),
    ("demo_request", r"デモ|トライアル|問い?合わ?せ|見積|商談依頼|demo|trial|contact (us|sales)|quote|request a call"),
    ("webinar", r"ウェビナー|webinar|オンラインセミナー"),
    ("business_card", r"名刺交換|名刺|business card|card exchange"),
    ("event", r"展示会|セミナー|イベント|カンファレンス|来場|ブース|event|seminar|trade ?show|conference|booth|expo"),
    # Account Engagement's "File Access": a file (a white paper) opened from its link
    ("download", r"ダウンロード|資料請求|ホワイトペーパー|ファイルアクセス|download|whitepaper|"
                 r"white paper|ebook|e-book|file access"),
    ("form", r"フォーム|申込|申し込み|登録|form|sign ?up|registration|submission|submitted"),
    # what the tool did, not the person: e-mails sent, delivered or bounced, data changed
    # (:data:`NOT_ENGAGEMENT`); after the engagement rules, so no visit, form or event
    # that shares a word with them is lost
    ("other", NOT_ENGAGEMENT),
    # a link on a web page (Marketo's "Click Link", リンクをクリック; a shared link) is the
    # web, not an e-mail
    ("page_view", r"(?<!e-mail )(?<!email )(?<!mail )(?<!メール)(?<!メール内)(?<!メールの)"
                  r"(?<!メール内の)(click (shared )?link|link click|clicked link|リンククリック|"
                  r"リンクをクリック)"),
    ("email_click", r"メールクリック|クリック|email click|click"),
    # Marketo writes the verb first: "Open Email", "Click Email"
    ("email_open", r"メール開封|開封|e-?mail open|open (sales )?e-?mail|opened"),
    ("page_view", r"閲覧|ページビュー|pv|訪問|アクセス|page ?view|visit|web ?page|viewed"),
)  # fmt: skip
#: Rules on the URL of a page view (or of a row whose type says nothing): a view is refined
#: only into the view kinds intent reads (a pricing page, a careers page) or, when the URL
#: is a file (``.pdf``), the content fetched. A view of /contact, /demo, /download or
#: /webinar is a page view: the visitor may leave without sending the form (QA-O: 164 leads
#: whose top reason was "Demo request / contact" had only viewed /contact/).
URL_RULES: tuple[tuple[str, str], ...] = (
    ("pricing_page", r"/(pricing|price|plans?|ryokin|料金|価格)(?![a-z])"),
    ("careers_page", r"/(careers?|recruit\w*|jobs?|saiyo|採用)(?![a-z])"),
    ("download", r"\.pdf(\?|$)"),
)
#: Rules on the URL (or the form's name) of a form submission: a form sent on /contact or
#: /demo is a demo or contact request, on /download a content download, on /webinar a
#: registration to one.
FORM_URL_RULES: tuple[tuple[str, str], ...] = (
    ("demo_request", r"/(demo|trial|contact|inquiry|otoiawase)(?![a-z])"),
    ("download", r"\.pdf(\?|$)|/(download|whitepaper|documents?)(?![a-z])"),
    ("webinar", r"/webinars?(?![a-z])"),
)
#: A click on a web call-to-action the tool showed (a SATORI popup's or web push's
#: ``ポップアップクリック`` / ``プッシュ通知クリック``): the person acted on the web, not on an
#: e-mail. Read as a click on a link on a page (:data:`TYPE_RULES`' ``Click Link``): a page
#: view, whatever page the popup was shown on.
WEB_CTA_CLICK = (
    r"(?<!メール内)(?<!メールの)(?<!メール)(ポップアップ|プッシュ通知|webプッシュ|ウェブプッシュ|バナー)(の)?(クリック|タップ)"
    r"|(?<!email )(?<!e-mail )(pop-?ups?|web ?push|push notifications?|banner) ?(click|tap)"
)  # a banner inside an e-mail is the e-mail's link
#: A detail that is a page (a path, a URL, a page file): an activity of a type no rule knows
#: is a page view only with one. Marketo's primary attribute is the asset's name (an e-mail,
#: a program, a list) for most of its types, and such a row is no visit to a page.
_PAGE = re.compile(r"/|^(https?:|www\.)|\.(html?|php|aspx?|jsp)(?![a-z])")
#: Marketo's standard activity type ids and their names (Get Activity Types; the defaults
#: as public Marketo clients list them, not re-read from Adobe's page), which the type rules
#: read: the Bulk Activity Extract writes the id only (``activityTypeId``: its Send Email
#: was a page view too). Read for a marketing activity whose type is a bare number (only
#: Marketo's log gives one: a number under a loose name for the type is left unmapped,
#: :func:`abm.ingest.mapping.suggest_mapping`). An id not listed (a subscription's custom
#: activity) says nothing.
MARKETO_TYPE_IDS: dict[str, str] = {
    "1": "Visit Webpage", "2": "Fill Out Form", "3": "Click Link", "6": "Send Email",
    "7": "Email Delivered", "8": "Email Bounced", "9": "Unsubscribe Email", "10": "Open Email",
    "11": "Click Email", "12": "New Lead", "13": "Change Data Value", "19": "Sync Lead to SFDC",
    "21": "Convert Lead", "22": "Change Score", "23": "Change Owner", "24": "Add to List",
    "25": "Remove from List", "26": "SFDC Activity", "27": "Email Bounced Soft",
    "29": "Delete Lead from SFDC", "30": "SFDC Activity Updated", "32": "Merge Leads",
    "34": "Add to Opportunity", "35": "Remove from Opportunity", "36": "Update Opportunity",
    "37": "Delete Lead", "38": "Send Alert", "39": "Send Sales Email", "40": "Open Sales Email",
    "41": "Click Sales Email", "42": "Add to SFDC Campaign", "43": "Remove from SFDC Campaign",
    "44": "Change Status in SFDC Campaign", "45": "Receive Sales Email",
    "46": "Interesting Moment", "47": "Request Campaign", "48": "Sales Email Bounced",
    "100": "Change Lead Partition", "101": "Change Revenue Stage",
    "102": "Change Revenue Stage Manually", "104": "Change Status in Progression",
    "106": "Enrich with Data.com", "108": "Change Segment", "110": "Call Webhook",
    "111": "Sent Forward to Friend Email", "112": "Received Forward to Friend Email",
    "113": "Add to Nurture", "114": "Change Nurture Track", "115": "Change Nurture Cadence",
}  # fmt: skip
_DIGITS = re.compile(r"[0-9]{1,9}")
_WEB_CTA_CLICK = re.compile(WEB_CTA_CLICK)
#: Kinds a form submission is refined to by its name (Marketo's primary attribute).
_FORM_REFINED = frozenset({"demo_request", "download", "webinar"})
#: Results of a sales touch, first match wins.
RESULT_RULES: tuple[tuple[str, str], ...] = (
    ("appointment", r"アポ獲得|アポイント獲得|アポ取得|商談化|appointment set|meeting booked|booked"),
    ("refused", r"受付拒否|拒否|お断り|不要|(?<![a-z])ng(?![a-z])|refused|not interested|do not call"),
    ("no_answer", r"不在|留守|留守電|応答なし|つながらず|繋がらず|no answer|voicemail|left message|busy"),
    ("connected", r"接続|通話|担当者と話|本人と話|connected|reached|spoke"),
    ("done", r"完了|済|completed|done"),
)  # fmt: skip

#: A sales task's status saying it was not done (yet): Salesforce's and HubSpot's defaults
#: (``Not Started``, ``Deferred``) and their Japanese UI words (``未着手``, ``延期``). Such a
#: task is a plan, not a touch, whatever its date. In progress or waiting counts as done
#: something.
TASK_NOT_DONE = r"^(not[ _-]?started|deferred|未着手|未開始|延期|未実施)$"
_TASK_NOT_DONE = re.compile(TASK_NOT_DONE)

#: Longest text a rule looks at (keeps every pattern linear on any cell).
_MAX_TEXT = 200


def _norm(values: list[object]) -> list[str]:
    return [
        unicodedata.normalize("NFKC", str(v)[:_MAX_TEXT]).casefold().strip()
        if v is not None
        else ""
        for v in values
    ]


def _first(text: str, rules: list[tuple[str, re.Pattern[str]]]) -> str | None:
    for kind, rx in rules:
        if rx.search(text):
            return kind
    return None


_COMPILED = {
    name: [(k, re.compile(p)) for k, p in rules]
    for name, rules in (
        ("type", TYPE_RULES),
        ("sales", SALES_RULES),
        ("url", URL_RULES),
        ("form_url", FORM_URL_RULES),
        ("result", RESULT_RULES),
    )
}


def _kind(text: str, url: str, origin: str) -> str:
    """Kind of one distinct (type text, url, origin)."""
    if origin == "sales":
        return _first(text, _COMPILED["sales"]) or "task"
    if origin == "marketing" and _DIGITS.fullmatch(text):
        text = MARKETO_TYPE_IDS.get(text, text).casefold()  # the Bulk Extract's activityTypeId
    if origin != "marketing" and text and _SALES_ANYWHERE.search(text):
        return _first(text, _COMPILED["sales"]) or "task"
    if text and _WEB_CTA_CLICK.search(text):
        return "page_view"  # a popup's or push's call to action, not an e-mail's link
    kind = _first(text, _COMPILED["type"]) if text else None
    if kind in (None, "page_view") and url:
        by_url = _first(url, _COMPILED["url"])
        if by_url is not None:
            kind = by_url
        elif kind is None:
            # a type no rule knows is a page view only with a page: its detail may be an
            # e-mail's, a program's or a list's name (Marketo's primary attribute)
            kind = "page_view" if not text or _PAGE.search(url) else "other"
    elif kind == "form" and url:
        # a form's page (/demo), or its name where the log gives one (Marketo's primary
        # attribute: "LP - Request a Demo") read with the words of the type rules
        if "/" in url:
            kind = _first(url, _COMPILED["form_url"]) or kind
        else:
            rules = [(k, rx) for k, rx in _COMPILED["type"] if k in _FORM_REFINED]
            kind = _first(url, rules) or kind
    return kind or "other"


#: A campaign member's response by its campaign type when the type and name say no kind
#: (Salesforce's default types: メール / Email, Web, ダイレクトメール, その他…).
CAMPAIGN_RULES: tuple[tuple[str, str], ...] = (
    ("email_click", r"メール|メルマガ|e-?mail|newsletter|ニュースレター"),
    ("download", r"コンテンツ|content|資料|web"),
)  # fmt: skip
#: The type text written for a response of each kind (the type rules read it back).
_KIND_TEXT = {
    "webinar": "webinar", "event": "event", "download": "download", "email_click": "email click",
    "email_open": "email open", "form": "form", "demo_request": "demo request",
    "business_card": "business card",
}  # fmt: skip
#: … in a Japanese export, the words its own rows would use (each read back to its kind).
_KIND_TEXT_JA = {
    "webinar": "ウェビナー", "event": "イベント", "download": "資料ダウンロード",
    "email_click": "メールクリック", "email_open": "メール開封", "form": "フォーム登録",
    "demo_request": "デモ依頼", "business_card": "名刺交換",
}  # fmt: skip
#: Account Engagement's visitor activities say what an activity was on (the readable
#: export's ``Type`` / ``タイプ``: メール, ページビュー, フォーム, ファイル, ウェビナー…) and what
#: the person did (``Type Name`` / ``アクティビティ``: the API's ``type_name`` — Click, View,
#: Success, Open, Sent, Attended Webinar…; 開封, クリック, 表示, 成功, 出席 in the Japanese
#: UI). Objects, first match wins (Japanese UI words partly inferred from QA-S's export).
OBJECT_RULES: tuple[tuple[str, str], ...] = (
    ("landing_page", r"landing ?page|ランディングページ"),
    ("form", r"form|フォーム"),
    ("email", r"e-?mail|メール"),
    ("file", r"file|ファイル"),
    ("webinar", r"webinar|ウェビナー"),
    ("event", r"event|イベント|セミナー"),
    ("video", r"video|ビデオ|動画"),
    ("redirect", r"custom (redirect|url)|カスタムリダイレクト|カスタム url"),
    ("opportunity", r"opportunit|商談"),
    ("page", r"page|ページ|site|サイト|visit|訪問"),
)  # fmt: skip
#: What the person did, first match wins: ``none`` is the tool's doing or no engagement
#: (Sent, Bounced, Spam Complaint, Error, Invited to Webinar, a session, an opportunity).
ACTION_RULES: tuple[tuple[str, str], ...] = (
    ("unsubscribe", r"unsubscrib|opt[ -]?out|配信停止|購読解除|オプトアウト"),
    ("success", r"success|submi|成功|送信完了"),
    ("none", r"(?<![a-z])sent(?![a-z])|bounce|spam|error|invited|session|resubscri|"
             r"opportunity|送信|配信|バウンス|スパム|エラー|招待|セッション|商談"),
    ("open", r"open|開封"),
    ("click", r"click|クリック"),
    ("attended", r"attend|checked ?in|watched|出席|参加|視聴|チェックイン|来場"),
    ("registered", r"regist|登録|申込|申し込"),
    ("download", r"download|ダウンロード"),
    ("view", r"view|表示|閲覧|visit|訪問|search|検索"),
)  # fmt: skip
#: (object, action) → kind; ``*`` is any object (or one the rules do not know, as the
#: API's type number). A pair not listed keeps the file's own type.
OBJECT_ACTION_KINDS: dict[tuple[str, str], str] = {
    ("email", "open"): "email_open", ("email", "click"): "email_click",
    ("email", "view"): "email_open",  # the e-mail's web version
    ("page", "view"): "page_view", ("page", "click"): "page_view",
    ("landing_page", "view"): "page_view", ("form", "view"): "page_view",
    ("landing_page", "success"): "form", ("form", "success"): "form",
    ("file", "view"): "download", ("file", "click"): "download",
    ("file", "download"): "download", ("redirect", "click"): "page_view",
    ("video", "view"): "page_view", ("video", "attended"): "page_view",
    ("webinar", "attended"): "webinar", ("webinar", "view"): "webinar",
    ("webinar", "registered"): "form", ("event", "attended"): "event",
    ("event", "registered"): "form",
    ("*", "unsubscribe"): "unsubscribe", ("*", "none"): "other", ("*", "success"): "form",
    ("*", "registered"): "form", ("*", "download"): "download",
}  # fmt: skip
#: Kinds :func:`object_action_types` writes beyond :data:`_KIND_TEXT` (read back by the
#: type rules: ``other`` by :data:`NOT_ENGAGEMENT`).
_PAIR_TEXT = {"page_view": "page view", "unsubscribe": "unsubscribe", "other": "no engagement"}
_PAIR_TEXT_JA = {
    "page_view": "ページビュー",
    "unsubscribe": "配信停止",
    "other": "エンゲージメントなし",
}
_OBJECT_RULES = [(k, re.compile(p)) for k, p in OBJECT_RULES]
_ACTION_RULES = [(k, re.compile(p)) for k, p in ACTION_RULES]


def object_action_types(
    objects: pd.Series,
    actions: pd.Series,
    types: pd.Series | None = None,
    *,
    lang: str = "en",
) -> pd.Series:
    """The activity type of each row of a log that says the object and the action apart.

    Account Engagement's visitor activities write what an activity was on (``メール``,
    ``Form``) and what the person did (``開封``, ``Success``) in two columns; neither says
    the kind alone (an e-mail's ``クリック`` is no file's). The pair is read with
    :data:`OBJECT_RULES`, :data:`ACTION_RULES` and :data:`OBJECT_ACTION_KINDS` and the
    kind written as text the type rules read back (``メール開封``, ``email click``). A
    pair the table does not know keeps ``types`` (the mapped type), else the object and
    the action joined.

    Parameters
    ----------
    objects, actions : pandas.Series
        The object and the action per row, aligned.
    types : pandas.Series, optional
        The type the mapping gave each row (kept where the pair says nothing).
    lang : {"en", "ja"}
        The export's language: the type is written in it.

    Returns
    -------
    pandas.Series
        ``string``, aligned with ``objects``.

    Examples
    --------
    >>> o = pd.Series(["メール", "メール", "フォーム", "Email"])
    >>> a = pd.Series(["メール開封", "クリック", "成功", "Sent"])
    >>> object_action_types(o, a, lang="ja").tolist()
    ['メール開封', 'メールクリック', 'フォーム登録', 'エンゲージメントなし']
    """
    obj = objects.astype("string").fillna("").to_numpy(dtype=object)
    act = actions.astype("string").fillna("").to_numpy(dtype=object)
    own = (
        np.full(len(obj), None, dtype=object)
        if types is None
        else types.astype("string").to_numpy(dtype=object, na_value=None)
    )
    pairs = pd.MultiIndex.from_arrays([obj, act, own])
    codes, uniques = pd.factorize(pairs)
    words = {**_KIND_TEXT_JA, **_PAIR_TEXT_JA} if lang == "ja" else {**_KIND_TEXT, **_PAIR_TEXT}
    out: list[object] = []
    for o, a, t in uniques:  # one reading per distinct (object, action, type)
        o_kind = _first(_norm([o])[0], _OBJECT_RULES) if o else None
        a_kind = _first(_norm([a])[0], _ACTION_RULES) if a else None
        kind = OBJECT_ACTION_KINDS.get((o_kind or "", a_kind or "")) or OBJECT_ACTION_KINDS.get(
            ("*", a_kind or "")
        )
        if kind is not None:
            out.append(words[kind])
        elif pd.notna(t):
            out.append(t)
        else:
            out.append(f"{o} {a}".strip() or None)
    return pd.Series(np.asarray(out, dtype=object)[codes], index=objects.index, dtype="string")


#: What a campaign or program member's status says, first match wins: ``none`` (invited,
#: sent, no-show: no engagement), a registration (``form``), an e-mail opened or clicked,
#: a download, or an attendance (``attended``: a webinar or an event, by the campaign).
#: Salesforce's and Marketo's default statuses (Marketo's channels: Webinar, Live Event,
#: Email Send, Content) and their Japanese UI words; a status matching none says nothing.
MEMBER_STATUS_RULES: tuple[tuple[str, str], ...] = (
    ("none", r"not in program|not attended|did not attend|no[ -]?show|not responded|non-?respon|"
             r"invited|(?<![a-z])sent(?![a-z])|delivered|bounced|unsubscribed|excluded|cancel|"
             r"^member$|欠席|不参加|未参加|未出席|送信済|招待|未応答|キャンセル"),
    ("form", r"regist|rsvp|sign(ed)? ?up|filled|waitlist|登録|申込|申し込|エントリー"),
    ("email_click", r"click|クリック"),
    ("email_open", r"open|開封"),
    ("download", r"download|ダウンロード|資料請求"),
    ("attended", r"attend|visited|on-?demand|viewed|watched|participat|出席|参加|来場|視聴|来訪"),
)  # fmt: skip
#: An attendance only a webinar has (Marketo's ``Attended On-demand``): its campaign is one.
_ON_DEMAND = re.compile(r"on-?demand|オンデマンド|アーカイブ視聴")


def member_status_classes(statuses: pd.Series) -> pd.Series:
    """What each member status says (:data:`MEMBER_STATUS_RULES`), once per distinct status.

    Parameters
    ----------
    statuses : pandas.Series
        Member status per row (``Member Status``, ``Program Status``, ``メンバー状況``).

    Returns
    -------
    pandas.Series
        ``string``, same index: ``none``, ``form``, ``email_click``, ``email_open``,
        ``download``, ``attended``, or missing when the status says nothing.

    Examples
    --------
    >>> member_status_classes(pd.Series(["No Show", "Registered", "Attended On-demand", "x"])).tolist()
    ['none', 'form', 'attended', <NA>]
    """
    codes, uniques = pd.factorize(statuses.astype("string"), use_na_sentinel=True)
    rules = [(k, re.compile(rx)) for k, rx in MEMBER_STATUS_RULES]
    said = [_first(t, rules) for t in _norm(uniques.tolist())]
    table = np.array([*said, None], dtype=object)
    return pd.Series(table[codes], index=statuses.index, dtype="string")


def campaign_response_types(
    types: pd.Series,
    campaigns: pd.Series | None = None,
    statuses: pd.Series | None = None,
    *,
    lang: str = "en",
) -> pd.Series:
    """The activity type of each campaign or program member's response, as text the type
    rules read.

    A status that says what the member did comes first (:func:`member_status_classes`):
    a registration is a form, an e-mail opened or clicked is that, an attendance is the
    campaign's webinar or event (a campaign whose members attended on demand is a
    webinar; an attendance nothing calls a webinar is an event). Otherwise the campaign
    type and name together (``Web`` + ``ホワイトペーパー: …`` is a download, ``セミナー /
    カンファレンス`` an event, ``Web セミナー`` a webinar), then the type alone
    (:data:`CAMPAIGN_RULES`: an e-mail campaign's response is a click), else a form (a
    response to a campaign is at least a registration).

    Parameters
    ----------
    types : pandas.Series
        Campaign type or program channel per member (``種別`` / ``Type`` / ``Channel``).
    campaigns : pandas.Series, optional
        Campaign or program name per member (the whole file is one campaign without it).
    statuses : pandas.Series, optional
        Member status per member.
    lang : {"en", "ja"}
        The export's language: the type is written in it (``メールクリック``, not
        ``email click``, in a Japanese export's rows).

    Returns
    -------
    pandas.Series
        ``string``, aligned with ``types``.

    Examples
    --------
    >>> t = pd.Series(["セミナー / カンファレンス", "メール", "Web"])
    >>> campaign_response_types(t, pd.Series(["DXセミナー", "7月号", "ホワイトペーパー"])).tolist()
    ['event', 'email click', 'download']
    >>> s = pd.Series(["Registered", "Attended", "Attended On-demand"])
    >>> campaign_response_types(pd.Series([None] * 3), statuses=s).tolist()
    ['form', 'webinar', 'webinar']
    """
    n = len(types)
    blank = np.full(n, "", dtype=object)
    kind_type = types.astype("string").fillna("").to_numpy(dtype=object)
    name = (
        blank if campaigns is None else campaigns.astype("string").fillna("").to_numpy(dtype=object)
    )
    said = (
        blank
        if statuses is None
        else member_status_classes(statuses).fillna("").to_numpy(dtype=object)
    )
    webinars: set[object] = set()
    if statuses is not None:
        status = pd.Series(_norm(statuses.astype("string").fillna("").tolist()), dtype=object)
        on_demand = status.str.contains(_ON_DEMAND).to_numpy(dtype=bool)
        webinars = set(name[on_demand].tolist())  # campaigns with an on-demand attendance
    triples = pd.MultiIndex.from_arrays([kind_type, name, said])
    codes, uniques = pd.factorize(triples)
    rules = [(k, re.compile(rx)) for k, rx in CAMPAIGN_RULES]
    words = _KIND_TEXT_JA if lang == "ja" else _KIND_TEXT
    out = []
    for t, c, s in uniques:  # one classification per distinct (type, campaign, status)
        kind = _first(_norm([f"{t} {c}"])[0], _COMPILED["type"])
        if s in ("form", "email_click", "email_open", "download"):
            kind = s
        elif s == "attended" and kind not in ("webinar", "event"):
            kind = "webinar" if c in webinars else "event"
        elif kind not in _KIND_TEXT:
            kind = _first(_norm([t])[0], rules) or "form"
        out.append(words[kind])
    return pd.Series(np.asarray(out, dtype=object)[codes], index=types.index, dtype="string")


def _factorize(values: pd.Series | None, n: int) -> tuple[np.ndarray, list[object]]:
    """Codes (``-1`` for missing) and distinct values of one column (all missing if absent)."""
    if values is None:
        return np.full(n, -1, dtype=np.int64), []
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    return codes.astype(np.int64), list(uniques)


def activity_kind_codes(
    activity_type: pd.Series,
    url: pd.Series | None = None,
    origin: pd.Series | None = None,
) -> np.ndarray:
    """Kind of each activity as int8 codes into :data:`ACTIVITY_KINDS`.

    Parameters
    ----------
    activity_type : pandas.Series
        Raw activity type (``"資料ダウンロード"``, ``"電話"``, ``"Email Click"``).
    url : pandas.Series, optional
        URL or page path, same length: refines page views into the view kinds
        (``/pricing``: :data:`URL_RULES`) and forms (``/demo``: :data:`FORM_URL_RULES`),
        and classifies rows whose type is empty.
    origin : pandas.Series, optional
        ``"sales"`` / ``"marketing"`` per activity (see the module docstring).

    Returns
    -------
    numpy.ndarray
        int8 codes, one per row.
    """
    n = len(activity_type)
    if not n:
        return np.zeros(0, dtype=np.int8)
    parts = [_factorize(activity_type, n), _factorize(url, n), _factorize(origin, n)]
    # one int64 code per (type, url, origin) row, missing (-1) as 0: each size is at
    # most rows + 1, so the product stays far below 2**63 for any frame in memory
    sizes = [len(u) + 1 for _, u in parts]
    combined = (parts[0][0] + 1) * (sizes[1] * sizes[2]) + (parts[1][0] + 1) * sizes[2]
    combined += parts[2][0] + 1
    codes, uniques = pd.factorize(combined)
    t_i, rest = np.divmod(uniques.astype(np.int64), sizes[1] * sizes[2])
    u_i, o_i = np.divmod(rest, sizes[2])
    # position 0: missing. A type written as Mori's own code (page_view, email_open: an
    # export of Mori's, a hand-made log) reads as its words: its underscores are spaces
    texts = [["", *(t.replace("_", " ") for t in _norm(parts[0][1]))], ["", *_norm(parts[1][1])]]
    origins = ["", *(str(o).strip().lower() for o in parts[2][1])]
    kinds = [
        ACTIVITY_KINDS.index(_kind(texts[0][t_], texts[1][u_], origins[o_]))
        for t_, u_, o_ in zip(t_i.tolist(), u_i.tolist(), o_i.tolist(), strict=True)
    ]  # one classification per distinct (type, url, origin)
    return np.asarray(kinds, dtype=np.int8)[codes]


def named_form_types(
    activity_type: pd.Series,
    url: pd.Series | None,
    subject: pd.Series,
    origin: pd.Series | None = None,
) -> pd.Series | None:
    """Types of form submissions that name their form, with that name: ``フォーム送信: 資料請求``.

    SATORI's action history writes every form the same (``フォーム送信`` on ``/form/``) and the
    form's name in アクション内容 (the mapped ``subject``): ``資料請求フォーム``, ``無料トライアル
    申込``, ``ウェビナー申込フォーム``. A submission whose type and URL say only "a form" while
    its name says a download, a demo or contact request or a webinar registration (the kinds
    a form's name refines to, as Marketo's primary attribute does) gets the name beside its
    type, so that every page reads its kind from the type as usual. A name whose words would
    make the submission anything else (``料金表ダウンロード`` read first as a pricing page) is
    left out: the type is unchanged.

    Parameters
    ----------
    activity_type, url, subject, origin : pandas.Series
        The log's columns, aligned (``url`` and ``origin`` may be ``None``).

    Returns
    -------
    pandas.Series or None
        The new types (string dtype, aligned), or ``None`` when no row changes.

    Examples
    --------
    >>> t = pd.Series(["フォーム送信", "フォーム送信", "Webアクセス"])
    >>> named_form_types(t, None, pd.Series(["資料請求フォーム", "会員登録", "料金"])).tolist()
    ['フォーム送信: 資料請求フォーム', 'フォーム送信', 'Webアクセス']
    """
    form = activity_kind_codes(activity_type, url, origin) == ACTIVITY_KINDS.index("form")
    named = form & subject.notna().to_numpy(dtype=bool)
    if not named.any():
        return None
    types = activity_type.astype("string")
    joined = types[named] + ": " + subject[named].astype("string").str.strip()
    urls = None if url is None else url[named]
    origins = None if origin is None else origin[named]
    refined = np.asarray(ACTIVITY_KINDS)[activity_kind_codes(joined, urls, origins)]
    rules = [(k, rx) for k, rx in _COMPILED["type"] if k in _FORM_REFINED]
    names, codes = np.unique(_norm(subject[named].tolist()), return_inverse=True)
    said = np.asarray([_first(n, rules) or "" for n in names.tolist()], dtype=object)[codes]
    keep = (refined == said) & (said != "")
    if not keep.any():
        return None
    out = types.copy()
    rows = np.flatnonzero(named)[keep]
    out.iloc[rows] = joined.to_numpy(dtype=object)[keep]
    return out


def activity_kind_of(
    activity_type: pd.Series,
    url: pd.Series | None = None,
    origin: pd.Series | None = None,
) -> pd.Series:
    """Like :func:`activity_kind_codes`, as kind names aligned with ``activity_type``.

    Examples
    --------
    >>> activity_kind_of(pd.Series(["ページ閲覧", "デモ依頼"]), pd.Series(["/pricing", None])).tolist()
    ['pricing_page', 'demo_request']
    >>> activity_kind_of(pd.Series(["訪問", "訪問"]), origin=pd.Series(["sales", None])).tolist()
    ['visit', 'page_view']
    """
    codes = activity_kind_codes(activity_type, url, origin)
    names = np.asarray(ACTIVITY_KINDS, dtype=object)[codes]
    return pd.Series(names, index=activity_type.index, dtype="str")


_SALES_CODES = np.array([k in SALES_KINDS for k in ACTIVITY_KINDS])


def is_sales_touch(activities: pd.DataFrame) -> np.ndarray:
    """Whether each activity is a sales touch — the one rule every page uses.

    Parameters
    ----------
    activities : pandas.DataFrame
        Canonical activities (``activity_type``, optional ``url``, ``origin``).

    Returns
    -------
    numpy.ndarray of bool
    """
    if not len(activities):
        return np.zeros(0, dtype=bool)
    types = (
        activities["activity_type"]
        if "activity_type" in activities.columns
        else pd.Series(pd.NA, index=activities.index, dtype="string")
    )
    codes = activity_kind_codes(types, activities.get("url"), activities.get("origin"))
    return _SALES_CODES[codes]


def task_not_done(statuses: pd.Series) -> np.ndarray:
    """Whether each sales task's status says it was not done (:data:`TASK_NOT_DONE`).

    Parameters
    ----------
    statuses : pandas.Series
        A task's status (``状況``, ``Status``, ``Task Status``); blank says nothing.

    Returns
    -------
    numpy.ndarray of bool

    Examples
    --------
    >>> task_not_done(pd.Series(["未着手", "完了", "In Progress", "NOT_STARTED", None])).tolist()
    [True, False, False, True, False]
    """
    codes, uniques = pd.factorize(statuses.astype("string"), use_na_sentinel=True)
    said = [bool(_TASK_NOT_DONE.search(t)) for t in _norm(uniques.tolist())]
    return np.array([*said, False], dtype=bool)[codes]


def activity_results(results: pd.Series) -> pd.Series:
    """Outcome of each sales touch from its result text (``接続``, ``不在``, ``アポ獲得``…).

    Returns
    -------
    pandas.Series
        One of :data:`RESULTS` or NA, ``string`` dtype, same index.
    """
    codes, uniques = pd.factorize(results.astype("string"), use_na_sentinel=True)
    said = [_first(t, _COMPILED["result"]) for t in _norm(uniques.tolist())]
    table = np.array([*said, None], dtype=object)
    return pd.Series(table[codes], index=results.index, dtype="string")
