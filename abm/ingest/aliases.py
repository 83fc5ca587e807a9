"""Vocabulary: header aliases per canonical column and per vendor (data only).

Aliases are written as a person sees them in an export; :mod:`abm.ingest.mapping`
normalises them (NFKC, case-folded, spaces/``_``/``-``/``.`` removed) before
lookup. ``COMMON`` applies to every vendor; ``VENDOR`` adds or overrides
entries for one tool; ``MARKERS`` are headers that give a tool away.
"""

from __future__ import annotations

__all__ = [
    "ACCESS_TIMES",
    "AMBIGUOUS_NAMES",
    "COMMON",
    "EXACT_ONLY",
    "FALLBACK",
    "FALLBACK_CONFIDENCE",
    "FOREIGN",
    "HEADER_UNITS",
    "LIFECYCLE_STAGE_DATES",
    "MARKERS",
    "OBJECTS",
    "OWN_OBJECT",
    "PARTNER_HEADERS",
    "PARTNER_PRIMARY",
    "PARTNER_ROLES",
    "PERSON_COLUMNS",
    "READINGS",
    "RECORD_COLUMNS",
    "VENDOR",
    "VENDORS",
]

#: Vendors known to the detector, most specific first.
VENDORS: tuple[str, ...] = (
    "bownow",
    "salesforce",
    "hubspot",
    "pardot",
    "marketo",
    "satori",
    "business_card",
    "generic_ja",
    "generic",
)

#: Time columns only a log of page visits has (BowNow's アクセスログ): with a URL they make
#: a file an activity log (a lead's 最終アクセス日時 is not one; a sales 訪問日時 neither).
ACCESS_TIMES: tuple[str, ...] = (
    "アクセス日時",
    "閲覧日時",
    "access date",
    "visit date",
    "visited at",
)

# fmt: off
_STAGE_DATES: dict[str, tuple[str, ...]] = {
    "inquiry_at": ("inquiry date", "問い合わせ日", "初回問い合わせ日", "問合せ日", "inquiry_at"),
    "aql_at": ("aql date", "aql化日", "aql日"),
    "mal_at": ("mal date", "mal化日", "mal日"),
    "mql_at": ("mql date", "mql化日", "mql日", "mql到達日", "mql_at"),
    "sal_at": ("sal date", "営業受入日", "sal日", "sal化日", "営業受け入れ日"),
    "sql_at": ("sql date", "sql化日", "sql日"),
    "opportunity_at": ("opportunity date", "商談化日", "案件化日"),
    "won_at": ("won date", "受注日", "closed won date"),
    "lost_at": ("lost date", "失注日", "closed lost date"),
    "recycled_at": ("recycled date", "リサイクル日"),
    "disqualified_at": ("disqualified date", "対象外日", "対象外判定日"),
}
# fmt: on

#: Amount columns already converted to the company's currency (HubSpot's ``Amount in
#: company currency``, Salesforce's ``Amount (converted)``): preferred to the deal
#: currency's ``Amount`` beside them.
CONVERTED_AMOUNTS: tuple[str, ...] = (
    "amount in company currency", "amount (converted)", "amount converted",
    "会社の通貨での金額", "金額 (換算)", "金額（換算）", "換算金額", "換算後金額",
)  # fmt: skip
#: A member's own status beside its campaign's (a campaign-member report may carry both).
MEMBER_STATUSES: tuple[str, ...] = (
    "member status", "メンバー状況", "program status", "プログラムステータス", "statusname",
)  # fmt: skip
#: Headers that win an equal match for their column (first the converted amount, the
#: member's status).
PREFERRED: tuple[str, ...] = (*CONVERTED_AMOUNTS, *MEMBER_STATUSES)
#: Plain status words any record has (a lead's Status, BowNow's ステータス): a deal's stage in a
#: deals file, but no sign that a file is one (:func:`abm.ingest.match.infer_table`).
PLAIN_STATUS: tuple[str, ...] = ("status", "ステータス", "進捗", "進捗状況")
#: A deal's close date as two columns (a hand-kept 案件管理表: 受注日 for the deals won,
#: 受注予定月 for the others): the one mapped to ``close_date`` is read, and the blanks of a
#: closed-date column are filled from a planned-date one (:mod:`abm.ingest.derive`).
CLOSED_DATES: tuple[str, ...] = ("受注日", "成約日", "契約日", "完了日", "closed date")
PLANNED_DATES: tuple[str, ...] = (
    "受注予定日", "受注予定月", "受注予定時期", "完了予定日", "完了予定月", "close date",
)  # fmt: skip
#: A deal currency column (ISO code or sign per row), read to flag amounts in another
#: currency when no converted amount is mapped.
CURRENCY_HEADERS: tuple[str, ...] = (
    "currency", "amount currency", "deal currency", "currency iso code", "currencyisocode",
    "通貨", "通貨コード", "金額 通貨", "金額通貨", "取引の通貨", "通貨 iso コード",
)  # fmt: skip

#: table -> canonical column -> aliases shared by all tools.
# fmt: off
COMMON: dict[str, dict[str, tuple[str, ...]]] = {
    "leads": {
        "lead_id": ("lead id", "リード id", "record id", "contact id", "prospect id", "id", "顧客id", "リード番号", "取引先責任者 id", "レコードid"),
        "email": ("email", "e-mail", "email address", "mail", "メール", "メールアドレス", "eメール", "eメールアドレス"),
        "full_name": ("name", "full name", "contact name", "氏名", "名前", "お名前", "担当者名", "氏名(漢字)", "氏名漢字", "フルネーム", "参加者氏名", "参加者名", "受講者名", "来場者名", "ご芳名", "attendee name", "registrant name"),
        "last_name": ("last name", "surname", "family name", "姓", "苗字", "名字"),
        "first_name": ("first name", "given name", "名"),
        "company": ("company", "company name", "account name", "organization", "会社名", "企業名", "取引先名", "会社", "法人名", "組織名", "取引先", "会社・組織名", "会社名・取引先", "company / account"),
        # a HubSpot contact's primary company (its record id in the companies export; the
        # export keeps the English label in the Japanese UI)
        "account_id": ("account id", "取引先 id", "company id", "associated company ids (primary)", "associated company id (primary)", "associated company id", "関連付けられた会社のid (プライマリー)", "関連付けられた会社id (プライマリー)"),
        # a converted lead's contact (Salesforce ConvertedContactId; "Converted Contact ID" is
        # the field reference's label, the Japanese one is inferred from the UI's 取引開始後の…)
        "converted_contact_id": ("convertedcontactid", "converted contact id", "取引開始後の取引先責任者 id"),
        "department": ("department", "部署", "部署名", "部門", "所属部署", "所属"),
        "title": ("title", "job title", "position", "役職", "役職名", "肩書き", "肩書"),
        # the role a CRM records (HubSpot's Buying Role, a team's own column): not the title
        # Salesforce's AccountContactRelation.Roles (a contacts export's ``Roles``) too
        "buying_role": ("buying role", "購買における役割", "購買役割", "購買の役割", "役割", "roles", "キーマン区分", "hs_buying_role"),
        "phone": ("phone", "phone number", "tel", "telephone", "電話番号", "電話", "tel番号", "携帯電話番号", "tel会社", "会社電話番号", "代表電話番号"),
        "industry": ("industry", "業種", "業界"),
        "employees": ("employees", "number of employees", "no of employees", "従業員数", "社員数", "従業員規模", "企業規模"),
        "annual_revenue": ("annual revenue", "revenue", "売上高", "年間売上", "年間売上高", "年商", "売上"),
        "country": ("country", "country/region", "mailing country", "国", "国名", "国(郵送先)", "国/地域"),
        "prefecture": ("prefecture", "state", "state/province", "state/region", "mailing state/province", "都道府県", "都道府県(郵送先)", "都道府県/地域"),
        "postal_code": ("postal code", "zip", "zip code", "zip/postal code", "mailing zip/postal code", "郵便番号", "郵便番号(郵送先)"),
        "address": ("address", "street", "street address", "mailing street", "住所", "所在地", "町名・番地(郵送先)"),
        "lead_source": ("lead source", "source", "original source", "リードソース", "流入元", "流入経路", "獲得経路", "リード獲得元", "元のソース", "オリジナルソース"),
        "campaign": ("campaign", "campaign name", "acquisition program", "キャンペーン", "キャンペーン名", "施策", "施策名"),
        "created_at": ("created date", "create date", "created", "created at", "date created", "作成日", "登録日", "作成日時", "登録日時", "獲得日", "リード獲得日", "名刺交換日", "registration date", "date registered"),
        "current_stage": ("lifecycle stage", "stage", "funnel stage", "ステージ", "ライフサイクルステージ", "revenue stage"),
        "lead_status": ("lead status", "status", "リード状況", "リードステータス", "ステータス", "状況", "対応状況"),
        **_STAGE_DATES,
        "last_activity_at": ("last activity", "last activity date", "last activity at", "last access", "last visit", "最終アクセス日", "最終アクセス日時", "最終活動日", "最終行動日", "最終アクティビティー日", "最終アクティビティ日"),
        "owner": ("owner", "lead owner", "contact owner", "所有者", "担当者", "担当営業", "営業担当", "担当", "リード所有者", "営業担当者", "コンタクト担当者", "コンタクト所有者", "名刺所有者"),
        "rejection_reason": ("rejection reason", "disqualification reason", "不受理理由", "却下理由", "対象外理由"),
        "score": ("score", "lead score", "スコア", "合計スコア"),
        "grade": ("grade", "グレード"),
        "page_views": ("page views", "pageviews", "number of pageviews", "pv", "pv数", "ページビュー", "ページビュー数", "閲覧数"),
        "web_visits": ("sessions", "visits", "number of sessions", "セッション数", "訪問数", "訪問回数", "website visits", "number of website visits", "ウェブサイトの訪問回数", "ウェブサイト訪問回数", "ウェブサイトの訪問数"),
        "conversions": ("conversions", "cv", "cv数", "コンバージョン数", "number of form submissions", "form submissions", "フォーム送信数", "フォームの送信数", "フォーム送信回数"),
        "budget": ("budget", "予算"),
        "unsubscribed": ("unsubscribed", "opted out", "email opt out", "unsubscribed from all email", "配信停止", "メール配信停止", "配信停止フラグ", "オプトアウト", "オプトアウト済み", "メールのオプトアウト", "eメールのオプトアウト", "メール送信除外", "do not email"),
        "bounced": ("bounced", "email bounced", "hard bounced", "email invalid", "メール不達", "不達", "バウンス"),
        "corporate_number": ("corporate number", "法人番号"),
        "domain": ("domain", "website", "website url", "company website", "url", "会社url", "企業url", "ドメイン", "webサイト", "ホームページ", "company domain name", "会社のドメイン名", "ウェブサイト", "ウェブサイトurl", "ウェブサイトのurl"),
    },
    "activities": {
        "lead_id": ("lead id", "リード id", "contact id", "record id", "prospect id", "取引先責任者 id", "associated contact ids", "関連付けられたコンタクトのid", "関連付けられているコンタクトのid"),
        "email": ("email", "email address", "メール", "メールアドレス", "eメール"),
        "contact_name": ("contact name", "contact full name", "取引先責任者名", "氏名", "associated contact", "関連付けられたコンタクト", "関連付けられているコンタクト", "名前"),
        "company": ("company", "company name", "account name", "会社名", "企業名", "取引先名", "会社・組織名", "associated company", "関連付けられた会社", "関連付けられている会社", "会社名 / 取引先", "company / account"),
        "account_id": ("account id", "取引先 id", "company id", "associated company ids", "関連付けられた会社のid", "関連付けられている会社のid"),
        "timestamp": ("日時", "timestamp", "activity date", "date", "datetime", "日付", "行動日時", "発生日時", *ACCESS_TIMES, "訪問日時", "アクション日時", "occurred at", "activity datetime", "アクティビティー日", "アクティビティ日", "期日", "due date", "活動日", "活動日時"),
        "activity_type": ("行動種別", "activity type", "type", "種別", "アクティビティ種別", "activity", "イベント種別", "event type", "アクション", "アクション種別", "ログ種別", "task type", "タスクの種類", "タスクのタイプ", "活動タイプ", "活動種別"),
        "channel": ("チャネル", "チャネル名", "channel", "medium", "媒体"),
        "url": ("url", "ページ", "page", "page url", "ページurl", "閲覧ページ", "アクセスurl"),
        "campaign": ("キャンペーン", "campaign", "campaign name", "program", "施策", "施策名", "キャンペーン名"),
        "subject": ("件名", "subject", "活動件名", "ページタイトル", "page title", "call title", "meeting name", "email subject", "task title", "通話のタイトル", "コールのタイトル", "ミーティング名", "ミーティングのタイトル", "eメールの件名", "メールの件名", "タスクのタイトル"),
        "status": ("状況", "status", "状態", "進捗状況", "task status", "タスクのステータス"),
        "result": ("結果", "result", "outcome", "call result", "call disposition", "通話結果", "架電結果", "活動結果", "call outcome", "meeting outcome", "通話の成果", "コールの成果", "ミーティングの成果", "通話の結果", "コールの結果", "ミーティングの結果"),
        "owner": ("任命先", "assigned", "assigned to", "owner", "所有者", "担当者", "担当営業", "活動担当者", "activity assigned to", "アクティビティーの割り当て先", "アクティビティの割り当て先", "アクティビティーの担当者", "アクティビティの担当者", "割り当て先"),
        "origin": ("origin", "活動区分"),
    },
    "opportunities": {
        "opportunity_id": ("商談id", "opportunity id", "deal id", "案件id", "record id", "レコードid"),
        "opportunity_name": ("商談名", "opportunity name", "deal name", "案件名", "取引名"),
        # a hand-kept Japanese sales sheet (案件管理表) names the customer 顧客名 / 得意先 (QA-Q)
        "company": ("取引先名", "取引先", "account name", "company", "company name", "会社名", "企業名", "associated company (primary)", "associated company", "関連付けられた会社", "関連付けられた会社 (プライマリー)", "顧客名", "顧客", "顧客企業名", "顧客会社名", "お客様名", "得意先", "得意先名", "社名", "customer", "customer name"),
        "account_id": ("取引先id", "account id", "company id", "associated company ids (primary)", "associated company ids", "関連付けられた会社のid", "関連付けられた会社のid (プライマリー)"),
        "lead_id": ("lead id", "リード id", "contact id", "associated contact ids", "関連付けられたコンタクトのid"),
        "contact_name": ("contact name", "contact full name", "取引先責任者名", "主担当者", "主担当者名", "associated contact", "関連付けられたコンタクト"),
        "email": ("主担当者メール", "主担当者のメール", "contact email", "email", "メールアドレス", "メール"),
        # a contact-role report's role of each contact (OpportunityContactRole.Role)
        "buying_role": ("役割", "role", "contact role", "取引先責任者の役割", "buying role", "購買における役割"),
        # ... and whether that contact is the deal's primary one (OpportunityContactRole.IsPrimary)
        "is_primary": ("primary", "is primary", "isprimary", "primary contact role", "主", "主担当", "プライマリ", "プライマリー"),
        "amount": ("金額", "amount", "受注金額", "商談金額", "見込金額", "deal amount", *CONVERTED_AMOUNTS),
        "stage": ("フェーズ", "stage", "stage name", "deal stage", "商談フェーズ", "ステージ", "取引ステージ", "ステータス", "案件ステータス", "商談ステータス", "進捗", "進捗状況", "status", "deal status"),
        "probability": ("確度(%)", "確度", "probability", "probability (%)", "受注確度", "deal probability", "取引の確度"),
        "created_at": ("作成日", "created date", "create date", "商談作成日", "登録日", "案件登録日", "起票日", "案件発生日", "受付日"),
        # the day a deal closed, else the day it is planned to (:data:`CLOSED_DATES`, :data:`PLANNED_DATES`)
        "close_date": ("完了予定日", "close date", "完了日", "受注予定日", "closed date", "クローズ日", "受注日", "成約日", "契約日", "受注予定月", "受注予定時期", "完了予定月"),
        "is_won": ("受注", "won", "is won", "closed won", "受注済", "is closed won"),
        "is_closed": ("完了", "closed", "is closed", "クローズ", "is deal closed?", "is deal closed"),
        "opportunity_type": ("種別", "type", "opportunity type", "deal type", "商談種別", "取引タイプ", "区分", "案件区分"),
        "pipeline": ("pipeline", "パイプライン"),
        "lead_source": ("リードソース", "lead source", "流入元", "original source", "元のソース"),
        "owner": ("所有者", "商談所有者", "opportunity owner", "deal owner", "owner", "担当者", "担当営業", "取引担当者"),
    },
    "accounts": {
        "account_id": ("取引先id", "account id", "company id", "record id", "企業id", "レコードid"),
        "company": ("会社名", "company", "company name", "企業名", "取引先名", "account name", "name", "法人名", "会社・組織名"),
        "domain": ("ドメイン", "domain", "company domain name", "website", "website url", "url", "会社url", "webサイト", "ホームページ", "会社のドメイン名", "ウェブサイト", "ウェブサイトurl", "ウェブサイトのurl"),
        "corporate_number": ("法人番号", "corporate number"),
        "industry": ("業種", "industry"),
        "employees": ("従業員数", "number of employees", "employees", "社員数"),
        "annual_revenue": ("売上高", "annual revenue", "revenue", "年商", "年間売上", "年間売上高"),
        "prefecture": ("都道府県", "prefecture", "state", "state/region", "都道府県/地域", "billing state/province"),
        "country": ("country", "country/region", "国", "国/地域", "billing country"),
        "is_customer": ("既存顧客", "customer", "is customer", "顧客フラグ"),
        "is_target": ("ターゲット", "ターゲット企業", "target account", "target", "is target", "ターゲットアカウント"),
        "tier": ("ティア", "tier", "ideal customer profile tier", "icp tier", "理想的な顧客プロファイルのティア"),
        "owner": ("担当者", "担当営業", "owner", "company owner", "account owner", "所有者", "会社担当者", "取引先所有者"),
    },
}
# fmt: on

#: table -> canonical column -> names that take the column only when no other header of the
#: export does (every tool; :data:`FALLBACK_CONFIDENCE`), and lose it silently to one that
#: does (no duplicate reported: the export names the same thing twice on purpose). A HubSpot
#: contact's associated company is its company when the export has no company name of the
#: contact's own; beside ``Company Name`` / ``会社名`` it is left unmapped.
# fmt: off
FALLBACK: dict[str, dict[str, tuple[str, ...]]] = {
    "leads": {
        "company": (
            "associated company (primary)", "associated company", "関連付けられた会社 (プライマリー)",
            "関連付けられた会社", "関連付けられている会社 (プライマリー)", "関連付けられている会社",
        ),
    },
}
# fmt: on
#: Confidence of a :data:`FALLBACK` name (below an exact alias's 1.0, so any exact one wins).
FALLBACK_CONFIDENCE = 0.9

#: vendor -> table -> {alias: canonical, ``(canonical, confidence)`` or None};
#: overrides ``COMMON``. A lower confidence lets a better column of the same
#: export win (Salesforce events: ``StartDateTime`` before ``ActivityDate``).
# fmt: off
VENDOR: dict[str, dict[str, dict[str, str | tuple[str, float] | None]]] = {
    "bownow": {"leads": {"ステータス": "current_stage", "最終アクセス日": "last_activity_at"}},
    "salesforce": {
        "leads": {
            "取引開始済み": None, "converted": None, "isconverted": None, "取引先責任者 id": "lead_id",
            "convertedaccountid": None, "convertedopportunityid": None, "取引開始後の取引先 id": None,
            "取引開始後の商談 id": None, "converted account id": None,
            "converted opportunity id": None,
            "年間売上": "annual_revenue", "ownerid": None, "accountid": "account_id",
            "mailingstate": "prefecture", "mailingpostalcode": "postal_code", "mailingcountry": "country",
            "mailingstreet": "address", "street": "address", "postalcode": "postal_code",
            "hasoptedoutofemail": "unsubscribed", "mobilephone": None, "masterrecordid": None,
            "createdbyid": None, "lastmodifiedbyid": None, "reportstoid": None,
        },
        "accounts": {
            "id": "account_id", "billingstate": "prefecture", "billingcountry": "country",
            "type": None, "ownerid": None, "createddate": None, "parentid": None,
        },
        "opportunities": {
            "id": "opportunity_id", "name": "opportunity_name", "stagename": "stage",
            "contactid": "lead_id", "type": "opportunity_type", "forecastcategoryname": None,
            "forecastcategory": None, "ownerid": None, "campaignid": None, "expectedrevenue": None,
        },
        "activities": {
            # campaign members: the response's date, the member's status (read in derive)
            "初回応答日": "timestamp", "最初の応答日": "timestamp", "first responded date": "timestamp",
            "メンバー状況": "status", "member status": "status", "応答済み": None, "responded": None,
            "メンバー種別": None, "member type": None, "会社名・取引先": "company",
            "company / account": "company", "リード id": "lead_id", "lead id": "lead_id",
            "取引先責任者 id": "lead_id", "contact id": "lead_id",
            "whoid": "lead_id", "accountid": "account_id", "whatid": None, "id": None,
            "startdatetime": "timestamp", "activitydatetime": "timestamp",
            "activitydate": ("timestamp", 0.9), "enddatetime": None, "tasksubtype": "channel",
            "eventsubtype": "channel", "calldisposition": "result", "ownerid": None,
            "createddate": None, "isclosed": None, "priority": None,
        },
    },
    "hubspot": {
        # the Japanese UI's HubSpotスコア and 関連付けられた会社ID (QA-R's contacts export: both
        # were left unmapped — the score unused, the company's record id lost)
        "leads": {
            "record id": "lead_id", "hubspot score": "score", "hubspotスコア": "score",
            "lead status": "lead_status", "関連付けられた会社id": "account_id",
            "関連付けられている会社id": "account_id",
        },
        "accounts": {
            "record id": "account_id", "company name": "company", "lifecycle stage": None,
            "ライフサイクルステージ": None,
        },
        # an engagement's Record ID is the call's or meeting's own id, not the contact's;
        # a task's date is its due date, an e-mail's send date its activity date (both
        # below the Activity date when a file has it)
        "activities": {
            "record id": None, "レコードid": None, "due date": ("timestamp", 0.9),
            "期日": ("timestamp", 0.9), "メールの送信日": ("timestamp", 0.9),
            "eメールの送信日": ("timestamp", 0.9),
        },
    },
    "pardot": {
        "leads": {
            "last activity": "last_activity_at",
            "assigned user": "owner",
            "source": "lead_source",
            "最終アクティビティ": "last_activity_at",
            "割り当てユーザー": "owner",
            "ソース": "lead_source",
            "レビュー済み": None,
            "スター付き": None,
            "salesforceid": None,
            "prospectaccountid": None,
            "assignedtoid": None,
        },
        "activities": {
            "id": None, "prospectid": "lead_id", "visitorid": None,
            # readable exports title the activity's name "Type" (the API's is a number; its
            # name is typeName, which wins where both are there)
            "type": ("activity_type", 0.9),
            "typename": "activity_type", "details": "url", "campaignid": "campaign",
            "createdat": "timestamp", "updatedat": None,
            "visitor activity id": None, "created date": "timestamp", "campaign": "campaign",
            # the Japanese UI's labels (QA-L: read as prospects, then unmapped as activities)
            "プロスペクト id": "lead_id", "ビジターアクティビティ id": None, "ビジター id": None,
            "種類": ("activity_type", 0.9), "種類名": "activity_type", "名前": "url",
            "詳細": "url", "作成日": "timestamp", "更新日": None, "キャンペーン": "campaign",
            # the Japanese UI's object and action (QA-S: タイプ left unmapped, アクティビティ
            # read as a date); the action is read beside the type in derive
            "タイプ": ("activity_type", 0.9), "アクティビティ": None,
        },
    },
    "marketo": {
        "leads": {
            "id": "lead_id",
            "behavior score": None,
            "demographic score": None,
            "lead status": "lead_status",
            # the Japanese UI's (QA-M's 更新日時; the others inferred from the English names):
            # the scores beside the lead score and the last update say nothing Mori reads
            "行動スコア": None,
            "属性スコア": None,
            "更新日時": None,
            "獲得プログラム": "campaign",
            "メール無効": "bounced",
        },
        "activities": {
            "marketoguid": None, "leadid": "lead_id", "activitydate": "timestamp",
            "activitytypeid": "activity_type", "campaignid": None,
            "primaryattributevalueid": None, "primaryattributevalue": "url", "attributes": None,
            # the same log's readable labels (Marketo's Activity Log tab, a Bulk Extract tool)
            "activity id": None, "lead id": "lead_id", "activity date": "timestamp",
            "date/time": "timestamp", "activity type": "activity_type",
            "primary attribute value": "url",
            "primary attribute value id": None, "detail": "url", "campaign": "campaign",
            "campaign name": "campaign", "campaign id": None,
            # program members: dated by success (else membership, read in derive), the
            # program's status and name; the member's id, success and acquisition read in derive
            "success date": "timestamp", "reached success date": "timestamp",
            "reachedsuccessdate": "timestamp", "program status": "status", "statusname": "status",
            "program name": "campaign", "program": "campaign", "program channel": "channel",
            "success": None, "reachedsuccess": None, "acquired by": None, "member date": None,
            "membership date": None, "programid": None, "id": None,
            # the log from the Japanese UI (QA-M: 活動日 and 活動タイプ stayed unmapped); the
            # primary attribute is the detail, 詳細 only without it
            "活動 id": None, "活動日": "timestamp", "活動日時": "timestamp",
            "活動タイプ": "activity_type", "活動タイプ id": None, "主な属性値": "url",
            "主な属性値 id": None, "副次的な属性値": None, "詳細": ("url", 0.9),
            "キャンペーン名": "campaign", "キャンペーン id": None,
        },
    },
    "satori": {
        "leads": {"カスタマーid": "lead_id", "最終アクセス日時": "last_activity_at", "名前": "first_name"},
        # the action log (アクション履歴) names its customer by the customers export's id;
        # its 苗字 / 名前 are the family and given name apart (no full name to link by), its
        # アクション内容 the page's title, the e-mail's subject or the form's name, its URL
        # the page the action was on (never the company's website)
        "activities": {
            "カスタマーid": "lead_id", "苗字": None, "名前": None, "アクション内容": "subject",
            "url": "url",
        },
    },
    "business_card": {"leads": {"tel部門": None, "tel直通": None, "携帯電話": None, "fax": None}},
}
# fmt: on

#: vendor -> headers that identify it (weight 1 each, normalised at lookup).
# fmt: off
MARKERS: dict[str, tuple[str, ...]] = {
    "bownow": ("pv数", "セッション数", "cv数", "最終アクセス日", "アクセス数", "企業ランク"),
    "salesforce": ("リード id", "取引開始済み", "リード状況", "リード所有者", "取引先責任者 id", "lead id", "lead owner", "converted", "商談 id", "フェーズ", "確度(%)", "完了予定日", "opportunity id", "probability (%)", "close date", "opportunity owner", "account name", "主担当者メール", "年間売上"),
    "hubspot": ("record id", "lifecycle stage", "hubspot score", "original source", "contact owner", "create date", "company domain name", "target account", "ideal customer profile tier", "company owner", "number of pageviews", "number of sessions",
                "associated contact", "associated company", "associated contact ids", "associated company ids",
                "associated company (primary)", "associated company ids (primary)", "関連付けられたコンタクト",
                "関連付けられた会社", "関連付けられたコンタクトのid", "関連付けられた会社のid",
                "関連付けられた会社 (プライマリー)", "ライフサイクルステージ", "会社のドメイン名", "コンタクト担当者",
                "会社担当者", "取引担当者", "取引ステージ", "hubspotスコア", "レコードid"),
    "pardot": ("grade", "last activity", "prospect id", "opted out", "assigned user", "is reviewed", "グレード", "最終アクティビティ", "割り当てユーザー", "プロスペクト id", "レビュー済み"),
    "marketo": ("behavior score", "demographic score", "revenue stage", "acquisition program", "lead score", "email invalid", "email address",
                "リードスコア", "行動スコア", "属性スコア", "獲得プログラム", "メール無効", "主な属性値", "主な属性値id"),
    "satori": ("最終アクセス日時", "登録日時", "スコア", "カスタマーid", "セイ", "メイ"),
    "business_card": ("名刺交換日", "tel会社", "tel部門", "tel直通"),
}
# fmt: on

#: HubSpot ``Date entered "<stage> (Lifecycle Stage Pipeline)"`` and
#: ``Became a <stage> Date`` columns: normalised stage phrase -> canonical.
#: ``(canonical, confidence)``: "lead" beats "subscriber" for ``inquiry_at``.
LIFECYCLE_STAGE_DATES: dict[str, tuple[str, float]] = {
    "subscriber": ("inquiry_at", 0.9),
    "lead": ("inquiry_at", 1.0),
    "marketingqualifiedlead": ("mql_at", 1.0),
    "salesqualifiedlead": ("sql_at", 1.0),
    "opportunity": ("opportunity_at", 1.0),
    "customer": ("won_at", 1.0),
    # the Japanese UI's labels (``「リード」になった日付``, ``…になった日``), normalised:
    # ・ and spaces dropped; quotes and a note in parentheses are dropped by
    # :func:`abm.ingest.detect.lifecycle_header` (``MQL（…）`` is ``mql``)
    "購読者": ("inquiry_at", 0.9),
    "サブスクライバー": ("inquiry_at", 0.9),
    "登録読者": ("inquiry_at", 0.9),
    "リード": ("inquiry_at", 1.0),
    "mql": ("mql_at", 1.0),
    "マーケティングクオリファイドリード": ("mql_at", 1.0),
    "sql": ("sql_at", 1.0),
    "セールスクオリファイドリード": ("sql_at", 1.0),
    "商談": ("opportunity_at", 1.0),
    "顧客": ("won_at", 1.0),
}


#: Units written in a header, e.g. ``売上高（百万円）``: money values are multiplied.
HEADER_UNITS: dict[str, float] = {
    "百万円": 1e6,
    "千円": 1e3,
    "万円": 1e4,
    "億円": 1e8,
    "円": 1.0,
    "¥": 1.0,
    "jpy": 1.0,
    "千": 1e3,
    "百万": 1e6,
    "万": 1e4,
    "億": 1e8,
}

#: Columns that only a person-level table has (used to tell leads from accounts).
PERSON_COLUMNS: tuple[str, ...] = ("email", "full_name", "last_name", "first_name")
#: Lead columns a company record carries as much as a person's (HubSpot's companies have a
#: create date, a last activity, a lifecycle stage and a lead status): they do not make a
#: file with no person column a person table.
RECORD_COLUMNS: tuple[str, ...] = ("created_at", "last_activity_at", "current_stage", "lead_status")

#: Object words that prefix a column of a related record: ``取引先責任者: メール``,
#: ``Contact: Email``, ``Opportunity.StageName``, ``取引先／取引先名``. Compared
#: after NFKC and case folding, spaces removed.
# fmt: off
OBJECTS: dict[str, tuple[str, ...]] = {
    "person": ("取引先責任者", "リード", "コンタクト", "見込み客", "プロスペクト", "contact", "lead", "prospect", "person", "who"),
    "account": ("取引先", "会社", "企業", "account", "company", "organization"),
    "opportunity": ("商談", "取引", "案件", "opportunity", "deal"),
    "activity": ("活動", "行動", "todo", "to-do", "行動/todo", "task", "event", "activity"),
}
# fmt: on

#: The object each canonical table is a row of.
OWN_OBJECT: dict[str, str] = {
    "leads": "person",
    "accounts": "account",
    "opportunities": "opportunity",
    "activities": "activity",
}

_EMAIL = ("email", "e-mail", "email address", "メール", "メールアドレス", "eメール")
_PERSON_NAME = ("full name", "name", "氏名", "名前", "contact name")
_PERSON_ID = ("id", "contact id", "lead id", "取引先責任者 id", "リード id", "record id")
_ACCOUNT_NAME = ("account name", "name", "company name", "取引先名", "会社名", "企業名")
_ACCOUNT_ID = ("id", "account id", "取引先 id", "company id", "record id")

#: table -> object -> canonical column -> aliases of a *related* object's field.
#: A column of a related object that is not listed here is ignored (never
#: fuzzy-matched into the table: ``取引先責任者: 役職`` on an opportunity is not
#: the opportunity's title). The table's own object uses :data:`COMMON`.
# fmt: off
FOREIGN: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {
    "leads": {
        "account": {
            "company": _ACCOUNT_NAME, "account_id": _ACCOUNT_ID,
            "industry": ("industry", "業種"), "employees": ("employees", "number of employees", "従業員数"),
            "annual_revenue": ("annual revenue", "年間売上", "売上高"),
            "domain": ("website", "web サイト", "url", "domain"),
        },
    },
    "accounts": {},
    "opportunities": {
        "person": {
            "email": _EMAIL, "contact_name": _PERSON_NAME, "lead_id": _PERSON_ID,
            "buying_role": ("役割", "role", "contact role", "buying role"),
            "is_primary": ("primary", "is primary", "isprimary", "主", "主担当"),
        },
        "account": {"company": _ACCOUNT_NAME, "account_id": _ACCOUNT_ID},
    },
    "activities": {
        "person": {"email": _EMAIL, "contact_name": _PERSON_NAME, "lead_id": _PERSON_ID},
        "account": {"company": _ACCOUNT_NAME, "account_id": _ACCOUNT_ID},
    },
}
# fmt: on

#: Bracketed words that mark a column as a name's reading (``苗字(ふりがな)``,
#: ``氏名（カナ）``): never the name itself, never mapped.
READINGS: tuple[str, ...] = (
    "ふりがな",
    "フリガナ",
    "よみがな",
    "ヨミガナ",
    "かな",
    "カナ",
    "読み",
    "よみ",
    "kana",
    "furigana",
    "reading",
)

#: A partner column (Salesforce's 「パートナー付き商談」 / "Opportunities with Partners"
#: report: Partner, Role, Primary; the PRM Partner Account): beside it, a bare role header
#: (:data:`PARTNER_ROLES`) is the partner's role on the deal (販売代理店, Distributor,
#: Consultant), not a contact's buying role, and is left unmapped
#: (:func:`abm.ingest.match.map_headers`).
PARTNER_HEADERS: tuple[str, ...] = (
    "partner", "partner name", "partner account", "partner account name", "partners",
    "パートナー", "パートナー名", "パートナー取引先", "パートナー取引先名",
)  # fmt: skip
#: Aliases a header must match exactly (never the target of a near-miss match): a bare
#: ``Role`` on a contact list is as often the job role (Engineering, Sales) as a buying
#: role, so it is not read as ``roles`` (Salesforce's AccountContactRelation.Roles).
EXACT_ONLY: tuple[str, ...] = ("roles",)
#: Role headers that beside a partner column (:data:`PARTNER_HEADERS`) are the partner's.
PARTNER_ROLES: tuple[str, ...] = ("role", "roles", "役割", "partner role", "パートナーの役割")
#: Primary-flag headers that beside a partner column are the partner's (the primary partner
#: of the deal), not a contact's.
PARTNER_PRIMARY: tuple[str, ...] = ("primary", "is primary", "isprimary", "主", "主担当")

#: Headers that name a person in a contact export but the record itself in an
#: object export (Salesforce ``Account.Name``): not evidence of a person table.
AMBIGUOUS_NAMES: tuple[str, ...] = ("name", "名前")
