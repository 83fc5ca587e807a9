"""Golden header sets: how each tool's exports are labelled (data only).

One :class:`Signature` per tool, report type and language: the columns that
export *can* carry, written from the tool's own documentation (field labels of
the default report types, API field names, the columns of the CSV download).
A real export carries a subset, in any order, plus the org's custom fields;
:mod:`abm.ingest.detect` scores an export against every set. Headers are
written as the tool writes them; they are normalised at lookup like every
alias (:func:`abm.ingest.headers.normalise_header`).

Sources, per tool: Salesforce — report type field labels (English and
Japanese UI), related-object columns labelled ``Object: Field``, the object
reference's API names for Data Loader exports; HubSpot — default contact /
company / deal properties (English and Japanese UI), export column names, the
default activity properties of the calls, meetings, e-mails, tasks and notes
exports (Japanese labels partly inferred: see the comment above them); Marketo —
lead field display names, Bulk Activity Extract columns; Account
Engagement — Export API v5 Prospect and Visitor Activity fields and the
classic prospect list export; BowNow — manual.bow-now.jp (CSV出力); SATORI —
satorihelp (カスタマーCSV); business cards — Eight's and Sansan's documented
data items. Headers not re-read from a page are marked in the fixture
catalogue (``tests/fixtures/exports/README.md``).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["KIND_HEADERS", "PLAIN_HEADERS", "REPORTS", "REPORT_KIND", "SIGNATURES", "Signature"]


@dataclass(frozen=True)
class Signature:
    """The columns one kind of export can carry.

    Parameters
    ----------
    vendor : str
        Tool (one of :data:`abm.ingest.aliases.VENDORS`).
    report : str
        Report type, ``"<vendor>.<kind>"`` (e.g. ``"salesforce.report_activities"``).
    table : str
        Canonical table its rows belong to.
    headers : tuple of str
        Column labels as the tool writes them.
    origin : str or None
        For activity exports: ``"sales"`` (a CRM's activity history: calls,
        visits, meetings logged by reps) or ``"marketing"`` (an MA tool's
        behaviour log).
    """

    vendor: str
    report: str
    table: str
    headers: tuple[str, ...]
    origin: str | None = None


def _s(report: str, table: str, headers: str, origin: str | None = None) -> Signature:
    vendor = report.split(".", 1)[0]
    return Signature(vendor, report, table, tuple(h.strip() for h in headers.split("|")), origin)


_SF_JA_PREFIXED = (
    "取引先: 取引先名|取引先: 取引先 ID|取引先責任者: 氏名|取引先責任者: メール|取引先責任者: 役職|"
    "取引先責任者: 電話|商談: 商談名"
)
_SF_EN_PREFIXED = (
    "Account: Account Name|Account: Account ID|Contact: Full Name|Contact: Email|Contact: Title|"
    "Contact: Phone|Opportunity: Opportunity Name"
)

# fmt: off
SIGNATURES: tuple[Signature, ...] = (
    # ---------------------------------------------------------------- Salesforce reports
    _s("salesforce.report_leads", "leads",
       "リード 所有者|リード ID|敬称|姓|名|氏名|会社名・取引先|会社名|役職|メール|電話|携帯|FAX|"
       "リードソース|リード状況|業種|従業員数|年間売上|評価|都道府県|市区郡|町名・番地|郵便番号|国|"
       "Web サイト|作成日|最終更新日|最終活動日|取引開始済み|取引開始日|未読|メール送信除外"),
    _s("salesforce.report_leads", "leads",
       "Lead Owner|Lead ID|Salutation|First Name|Last Name|Full Name|Title|Company / Account|Company|"
       "Email|Phone|Mobile|Fax|Lead Source|Lead Status|Industry|No. of Employees|Annual Revenue|"
       "Rating|Street|City|State/Province|Zip/Postal Code|Country|Website|Created Date|"
       "Last Modified Date|Last Activity|Converted|Converted Date|Unread By Owner|Email Opt Out"),
    _s("salesforce.report_contacts", "leads",
       "取引先責任者 所有者|取引先責任者 ID|敬称|姓|名|氏名|取引先名|役職|部署|メール|電話|携帯|FAX|"
       "リードソース|郵送先 都道府県|郵送先 市区郡|郵送先 郵便番号|郵送先 国|生年月日|作成日|"
       "最終更新日|最終活動日|メール送信除外|" + _SF_JA_PREFIXED),
    _s("salesforce.report_contacts", "leads",
       "Contact Owner|Contact ID|Salutation|First Name|Last Name|Full Name|Title|Department|"
       "Account Name|Email|Phone|Mobile|Fax|Lead Source|Mailing Street|Mailing City|"
       "Mailing State/Province|Mailing Zip/Postal Code|Mailing Country|Birthdate|Created Date|"
       "Last Modified Date|Last Activity|Email Opt Out|" + _SF_EN_PREFIXED),
    # an accounts (取引先) report: QA-L's (取引先名, Webサイト, 業種, 従業員数, 年間売上,
    # 都道府県) was read as leads
    _s("salesforce.report_accounts", "accounts",
       "取引先 所有者|取引先名|取引先 ID|取引先番号|種別|業種|従業員数|年間売上|電話|FAX|Webサイト|"
       "Web サイト|請求先 都道府県|請求先 市区郡|請求先 町名・番地|請求先 郵便番号|請求先 国|評価|"
       "親取引先|作成日|最終更新日|最終活動日|説明|都道府県"),
    _s("salesforce.report_accounts", "accounts",
       "Account Owner|Account Name|Account ID|Account Number|Type|Industry|Employees|"
       "Annual Revenue|Phone|Fax|Website|Billing Street|Billing City|Billing State/Province|"
       "Billing Zip/Postal Code|Billing Country|Rating|Parent Account|Created Date|"
       "Last Modified Date|Last Activity|Description"),
    _s("salesforce.report_opportunities", "opportunities",
       "商談 所有者|取引先名|商談名|フェーズ|金額|予想収益|確度 (%)|完了予定日|作成日|最終更新日|"
       "最終活動日|リードソース|種別|次のステップ|商談 ID|会計期間|経過日数|完了|受注|売上予測分類|"
       "商談: 商談名|商談: フェーズ|商談: 金額|商談: 確度 (%)|商談: 完了予定日|商談: 作成日|"
       "商談: 商談 所有者|商談: リードソース|商談: 種別|商談: 商談 ID|商談: 完了|商談: 受注|"
       "取引先: 取引先名|取引先責任者: 氏名|取引先責任者: メール|取引先責任者: 役職"),
    _s("salesforce.report_opportunities", "opportunities",
       "Opportunity Owner|Account Name|Opportunity Name|Stage|Amount|Expected Revenue|Probability (%)|"
       "Close Date|Created Date|Last Modified Date|Last Activity|Lead Source|Type|Next Step|"
       "Opportunity ID|Fiscal Period|Age|Closed|Won|Forecast Category|"
       "Opportunity: Opportunity ID|Opportunity: Opportunity Name|Opportunity: Account Name|"
       "Opportunity: Stage|Opportunity: Amount|Opportunity: Probability (%)|Opportunity: Close Date|"
       "Opportunity: Created Date|Opportunity: Won|Opportunity: Closed|Opportunity: Opportunity Owner|"
       "Opportunity: Lead Source|Opportunity: Type|Contact: Full Name|Contact: Email|Contact: Title"),
    _s("salesforce.report_activities", "activities",
       "件名|種別|状況|優先度|日付|期日|任命先|割り当て先|名前|関連先|取引先|会社名|会社名 / 取引先|"
       "コメント|作成日|完了|結果|ToDo|タスク|行動|活動 ID|" + _SF_JA_PREFIXED,
       origin="sales"),
    _s("salesforce.report_activities", "activities",
       "Subject|Type|Status|Priority|Date|Due Date|Assigned|Name|Related To|Account|Company|"
       "Company / Account|Comments|Created Date|Closed|Call Result|Call Type|"
       "Call Duration|Task|Event|Activity ID|"
       + _SF_EN_PREFIXED, origin="sales"),
    # Campaign members ("Campaigns with Campaign Members" report type): a person's response to
    # a campaign, one row per member. Read as marketing activities (the response, dated by
    # the first response) that link to the leads and contacts by id or e-mail; a member who
    # did not respond is no activity and is left out, said (abm.ingest.derive). English labels from
    # the report type's field list; the Japanese ones partly inferred (メンバー状況 / 状況,
    # 初回応答日 / 最初の応答日).
    _s("salesforce.campaign_members", "activities",
       "キャンペーン名|キャンペーン ID|種別|メンバー状況|状況|応答済み|初回応答日|最初の応答日|"
       "メンバー種別|取引先責任者 ID|リード ID|姓|名|氏名|会社名・取引先|役職|メール|電話|作成日|"
       "メンバー初回関連付け日", origin="marketing"),
    _s("salesforce.campaign_members", "activities",
       "Campaign Name|Campaign ID|Type|Member Status|Status|Responded|First Responded Date|"
       "Member Type|Contact ID|Lead ID|First Name|Last Name|Full Name|Company / Account|Title|"
       "Email|Phone|Created Date|Member First Associated Date", origin="marketing"),
    # ------------------------------------------------------- Salesforce data exports (API)
    _s("salesforce.api_lead", "leads",
       "Id|IsDeleted|MasterRecordId|LastName|FirstName|Salutation|Name|Title|Company|Street|City|"
       "State|PostalCode|Country|Phone|MobilePhone|Fax|Email|Website|Description|LeadSource|Status|"
       "Industry|Rating|AnnualRevenue|NumberOfEmployees|OwnerId|IsConverted|ConvertedDate|"
       "ConvertedAccountId|ConvertedContactId|ConvertedOpportunityId|IsUnreadByOwner|CreatedDate|"
       "CreatedById|LastModifiedDate|LastModifiedById|SystemModstamp|LastActivityDate|"
       "HasOptedOutOfEmail|EmailBouncedReason|EmailBouncedDate"),
    _s("salesforce.api_contact", "leads",
       "Id|IsDeleted|MasterRecordId|AccountId|LastName|FirstName|Salutation|Name|MailingStreet|"
       "MailingCity|MailingState|MailingPostalCode|MailingCountry|Phone|MobilePhone|Fax|Email|Title|"
       "Department|LeadSource|Birthdate|Description|OwnerId|ReportsToId|HasOptedOutOfEmail|"
       "CreatedDate|CreatedById|LastModifiedDate|LastModifiedById|SystemModstamp|LastActivityDate|"
       "EmailBouncedReason|EmailBouncedDate"),
    _s("salesforce.api_account", "accounts",
       "Id|IsDeleted|MasterRecordId|Name|Type|ParentId|BillingStreet|BillingCity|BillingState|"
       "BillingPostalCode|BillingCountry|ShippingStreet|ShippingCity|ShippingState|Phone|Fax|Website|"
       "Industry|AnnualRevenue|NumberOfEmployees|Ownership|Description|Rating|Site|AccountSource|"
       "OwnerId|CreatedDate|CreatedById|LastModifiedDate|LastModifiedById|SystemModstamp|"
       "LastActivityDate"),
    _s("salesforce.api_opportunity", "opportunities",
       "Id|IsDeleted|AccountId|ContactId|Name|Description|StageName|Amount|Probability|"
       "ExpectedRevenue|TotalOpportunityQuantity|CloseDate|Type|NextStep|LeadSource|IsClosed|IsWon|"
       "ForecastCategory|ForecastCategoryName|CampaignId|HasOpportunityLineItem|Pricebook2Id|OwnerId|"
       "CreatedDate|CreatedById|LastModifiedDate|LastModifiedById|SystemModstamp|LastActivityDate|"
       "FiscalQuarter|FiscalYear|Fiscal"),
    _s("salesforce.api_task", "activities",
       "Id|WhoId|WhatId|WhoCount|WhatCount|Subject|ActivityDate|Status|Priority|IsHighPriority|"
       "OwnerId|Description|Type|IsDeleted|AccountId|IsClosed|CreatedDate|CreatedById|"
       "LastModifiedDate|LastModifiedById|SystemModstamp|CallDurationInSeconds|CallType|"
       "CallDisposition|CallObject|ReminderDateTime|IsReminderSet|TaskSubtype|CompletedDateTime",
       origin="sales"),
    _s("salesforce.api_event", "activities",
       "Id|WhoId|WhatId|Subject|Location|IsAllDayEvent|ActivityDateTime|ActivityDate|"
       "DurationInMinutes|StartDateTime|EndDateTime|EndDate|Description|AccountId|OwnerId|Type|"
       "IsPrivate|ShowAs|IsDeleted|IsChild|IsGroupEvent|CreatedDate|CreatedById|LastModifiedDate|"
       "LastModifiedById|SystemModstamp|EventSubtype|IsReminderSet", origin="sales"),
    # ------------------------------------------------------------------------ HubSpot
    _s("hubspot.contacts", "leads",
       "Record ID|First Name|Last Name|Email|Phone Number|Mobile Phone Number|Company Name|Job Title|"
       "Lifecycle Stage|Lead Status|Contact owner|Create Date|Last Activity Date|Last Modified Date|"
       "Original Source|Original Source Drill-Down 1|Original Source Drill-Down 2|Latest Source|"
       "HubSpot Score|Associated Company (Primary)|Associated Company IDs (Primary)|Street Address|"
       "City|State/Region|Postal Code|Country/Region|Website URL|Industry|Number of Employees|"
       "Annual Revenue|Marketing contact status|Number of Pageviews|Number of Sessions|"
       "Number of Form Submissions|Unsubscribed from all email|Email hard bounce reason|"
       "hubspot:lifecycle-date"),
    # the Japanese UI's exports keep the association id columns' English labels (QA-K's
    # contacts and deals exports: Associated Company IDs (Primary) beside 関連付けられた会社
    # (プライマリー)); not re-read from a page
    _s("hubspot.contacts", "leads",
       "レコードID|名|姓|Eメール|電話番号|携帯電話番号|会社名|役職|ライフサイクルステージ|"
       "リードステータス|コンタクト担当者|作成日|最終アクティビティー日|最終更新日|元のソース|"
       "元のソースの詳細1|最新のソース|HubSpotスコア|関連付けられた会社|番地|市区町村|都道府県/地域|"
       "郵便番号|国/地域|ウェブサイトURL|業種|従業員数|年間売上高|マーケティングコンタクトステータス|"
       "ページビュー数|セッション数|フォーム送信数|関連付けられた会社 (プライマリー)|"
       "Associated Company IDs (Primary)"),
    _s("hubspot.companies", "accounts",
       "Record ID|Company name|Company Domain Name|Industry|Number of Employees|Annual Revenue|"
       "Total Revenue|State/Region|Country/Region|City|Phone Number|Company owner|Create Date|"
       "Last Activity Date|Last Modified Date|Lifecycle Stage|Lead Status|Target Account|"
       "Ideal Customer Profile Tier|Type|Number of Associated Contacts|Number of Associated Deals|"
       "Website URL|Time Zone|Description|LinkedIn Company Page|Year Founded"),
    _s("hubspot.companies", "accounts",
       "レコードID|会社名|会社のドメイン名|業種|従業員数|年間売上高|都道府県/地域|国/地域|市区町村|"
       "電話番号|会社担当者|作成日|最終アクティビティー日|最終更新日|ライフサイクルステージ|"
       "ターゲットアカウント|理想的な顧客プロファイルのティア|タイプ|関連付けられたコンタクトの数|"
       "関連付けられた取引の数|ウェブサイトURL|タイムゾーン|説明|設立年"),
    _s("hubspot.deals", "opportunities",
       "Record ID|Deal Name|Pipeline|Deal Stage|Amount|Amount in company currency|Close Date|"
       "Create Date|Deal owner|Deal probability|Deal Type|Forecast category|Is Deal Closed?|"
       "Is Closed Won|Closed Lost Reason|Closed Won Reason|Associated Company (Primary)|"
       "Associated Company IDs (Primary)|Associated Company|Associated Company IDs|"
       "Associated Contact|Associated Contact IDs|Last Activity Date|Last Modified Date|Priority"),
    _s("hubspot.deals", "opportunities",
       "レコードID|取引名|パイプライン|取引ステージ|金額|会社の通貨での金額|クローズ日|作成日|"
       "取引担当者|取引の確度|取引タイプ|売上予測カテゴリー|失注理由|成立理由|関連付けられた会社|"
       "関連付けられた会社のID|関連付けられたコンタクト|関連付けられたコンタクトのID|"
       "最終アクティビティー日|最終更新日|優先度|関連付けられた会社 (プライマリー)|"
       "Associated Company IDs (Primary)|Associated Company IDs|Associated Contact IDs"),
    # HubSpot engagements (the calls / meetings / e-mails / tasks / notes index pages'
    # export): one kind of activity per file, no type column but a task's (REPORT_KIND),
    # logged by sales. Tasks and notes: property labels of the default activity properties
    # page (Task Title, Task Type, Due date, Note body), not checked against an export.
    _s("hubspot.calls", "activities",
       "Record ID|Call Title|Activity date|Activity assigned to|Call outcome|Call direction|"
       "Call duration (HH:mm:ss)|Call notes|Call status|Associated Contact|Associated Company|"
       "Associated Deal|Associated Contact IDs|Associated Company IDs|Create Date|"
       "Last Modified Date", origin="sales"),
    _s("hubspot.meetings", "activities",
       "Record ID|Meeting name|Activity date|Activity assigned to|Meeting outcome|"
       "Meeting start time|Meeting end time|Meeting location|Meeting description|"
       "Associated Contact|Associated Company|Associated Deal|Associated Contact IDs|"
       "Associated Company IDs|Create Date|Last Modified Date", origin="sales"),
    _s("hubspot.emails", "activities",
       "Record ID|Email subject|Activity date|Activity assigned to|Email direction|"
       "Email send status|Email body|Associated Contact|Associated Company|Associated Deal|"
       "Associated Contact IDs|Associated Company IDs|Create Date|Last Modified Date",
       origin="sales"),
    _s("hubspot.tasks", "activities",
       "Record ID|Task Title|Task Type|Task Status|Task Priority|Due date|Assigned to|Queue|"
       "Associated Contact|Associated Company|Associated Deal|Associated Contact IDs|"
       "Associated Company IDs|Create Date|Last Modified Date", origin="sales"),
    _s("hubspot.notes", "activities",
       "Record ID|Note body|Activity date|Activity assigned to|Associated Contact|"
       "Associated Company|Associated Deal|Associated Contact IDs|Associated Company IDs|"
       "Create Date|Last Modified Date", origin="sales"),
    # the same exports from the Japanese UI. Documented (knowledge.hubspot.com/ja, default
    # activity properties): アクティビティー日, アクティビティーの割り当て先 (割り当て先 for
    # tasks), the kinds コール (通話 in the 2024 page), Eメール, ミーティング, メモ, タスク.
    # The kind-specific labels (ミーティング名, 通話の成果…), アクティビティーの担当者 and the
    # spellings without ー are inferred from the English labels and the UI's wording.
    _s("hubspot.calls", "activities",
       "レコードID|通話のタイトル|コールのタイトル|アクティビティー日|アクティビティ日|"
       "アクティビティーの割り当て先|アクティビティーの担当者|アクティビティの担当者|通話の成果|"
       "コールの成果|通話の方向|コールの方向|通話時間|通話時間 (HH:mm:ss)|コールの時間|通話メモ|"
       "通話のステータス|関連付けられたコンタクト|関連付けられた会社|関連付けられた取引|"
       "関連付けられたコンタクトのID|関連付けられた会社のID|作成日|最終更新日", origin="sales"),
    _s("hubspot.meetings", "activities",
       "レコードID|ミーティング名|ミーティングのタイトル|アクティビティー日|アクティビティ日|"
       "アクティビティーの割り当て先|アクティビティーの担当者|アクティビティの担当者|"
       "ミーティングの成果|ミーティングの開始時刻|ミーティングの終了時刻|ミーティングの場所|"
       "ミーティングの説明|関連付けられたコンタクト|関連付けられた会社|関連付けられた取引|"
       "関連付けられたコンタクトのID|関連付けられた会社のID|作成日|最終更新日", origin="sales"),
    _s("hubspot.emails", "activities",
       "レコードID|Eメールの件名|メールの件名|アクティビティー日|アクティビティ日|"
       "アクティビティーの割り当て先|アクティビティーの担当者|アクティビティの担当者|Eメールの方向|"
       "メールの方向|Eメールの送信ステータス|メールの送信ステータス|メールの送信日|Eメールの本文|"
       "関連付けられたコンタクト|関連付けられた会社|関連付けられた取引|関連付けられたコンタクトのID|"
       "関連付けられた会社のID|作成日|最終更新日", origin="sales"),
    _s("hubspot.tasks", "activities",
       "レコードID|タスクのタイトル|タスクの種類|タスクのタイプ|タスクのステータス|優先度|期日|"
       "割り当て先|アクティビティーの割り当て先|キュー|関連付けられたコンタクト|関連付けられた会社|"
       "関連付けられた取引|関連付けられたコンタクトのID|関連付けられた会社のID|作成日|最終更新日",
       origin="sales"),
    _s("hubspot.notes", "activities",
       "レコードID|メモの本文|メモ本文|アクティビティー日|アクティビティ日|"
       "アクティビティーの割り当て先|アクティビティーの担当者|アクティビティの担当者|"
       "関連付けられたコンタクト|関連付けられた会社|関連付けられた取引|関連付けられたコンタクトのID|"
       "関連付けられた会社のID|作成日|最終更新日", origin="sales"),
    # ------------------------------------------------------------------------- Marketo
    _s("marketo.leads", "leads",
       "Id|First Name|Last Name|Email Address|Company Name|Job Title|Department|Phone Number|"
       "Mobile Phone Number|Industry|Annual Revenue|Num Employees|Lead Score|Behavior Score|"
       "Demographic Score|Lead Status|Lead Source|Person Source|Original Source Type|"
       "Acquisition Program|Acquisition Date|Created At|Updated At|Unsubscribed|Email Invalid|"
       "Lead Owner First Name|Lead Owner Last Name|Lead Owner Email Address|Address|City|State|"
       "Postal Code|Country|Website|SFDC Type|Person Status|Revenue Stage"),
    # the same list from the Japanese UI (QA-M's smart list: ID, 名, 姓, メール アドレス, 会社名,
    # 役職, 部署, 電話番号, 業種, 従業員数, 年間売上, 都道府県, リード ソース, リード ステータス,
    # リード スコア, 作成日時, 更新日時, 配信停止 — read as Salesforce's). Like Account
    # Engagement's Japanese prospects, the labels most Japanese person lists share (名,
    # 電話番号, 都道府県, リード ソース, リード ステータス) are left out: listed here they weigh
    # less in the lists of the tools that hold them, and short exports of Salesforce,
    # BowNow and business-card tools were no longer told apart. 行動スコア, 属性スコア,
    # 獲得プログラム and メール無効 are inferred from the English field names.
    _s("marketo.leads", "leads",
       "ID|姓|メール アドレス|会社名|役職|部署|業種|従業員数|年間売上|リード スコア|行動スコア|"
       "属性スコア|獲得プログラム|作成日時|更新日時|配信停止|メール無効"),
    # Program members (a program's Members tab export; the Bulk Program Member Extract's API
    # names): a person's membership of one program, its status and success. Read as
    # marketing activities (the response, dated by its success, else its membership) that
    # link to the people export by id or e-mail; a member who did nothing (Invited, No Show,
    # Sent) is no activity and is left out, said (abm.ingest.derive). API names from the program
    # member describe (leadId, programId, statusName, reachedSuccess, reachedSuccessDate,
    # acquiredBy, membershipDate, nurtureCadence, isExhausted, attendanceLikelihood); the UI
    # labels (Program Status, Success, Success Date, Acquired By, Member Date) are inferred
    # from Marketo's field names and the exports QA received, not re-read from a page.
    _s("marketo.program_members", "activities",
       "Id|Lead Id|First Name|Last Name|Email Address|Company Name|Job Title|Program Name|"
       "Program|Channel|Program Status|Status|Success|Success Date|Reached Success Date|"
       "Acquired By|Member Date|Membership Date|Nurture Stream|Nurture Cadence|Exhausted|"
       "Status Reason", origin="marketing"),
    _s("marketo.program_members", "activities",
       "leadId|programId|program|statusName|reachedSuccess|reachedSuccessDate|acquiredBy|"
       "membershipDate|nurtureCadence|isExhausted|attendanceLikelihood|registrationLikelihood|"
       "statusReason", origin="marketing"),
    _s("marketo.activities", "activities",
       "marketoGUID|leadId|activityDate|activityTypeId|campaignId|primaryAttributeValueId|"
       "primaryAttributeValue|attributes|actionResult", origin="marketing"),
    # the same log with the labels of Marketo's UI (a person's Activity Log tab: Date/Time,
    # Activity Type, Detail, Campaign Name) and of tools that export the Bulk Activity
    # Extract with readable headers (Lead ID, Activity Date, Primary Attribute Value)
    _s("marketo.activities", "activities",
       "Activity ID|Lead ID|Activity Date|Activity Type|Activity Type ID|Primary Attribute Value|"
       "Primary Attribute Value ID|Campaign|Campaign ID|Campaign Name|Attributes|Date/Time|"
       "Detail", origin="marketing"),
    # the activity log from the Japanese UI (QA-M: 活動 ID, リード ID, 活動日, 活動タイプ,
    # 主な属性値, キャンペーン名 was read as 43,284 Salesforce leads). 活動 ID, キャンペーン名
    # and 詳細 are left out (Salesforce's activity and campaign-member reports and Account
    # Engagement's visitor activities hold them: short exports of those were no longer told
    # apart); 活動日時, 活動タイプ ID, 主な属性値 ID and 副次的な属性値 are inferred from the
    # English labels
    _s("marketo.activities", "activities",
       "リード ID|活動日|活動日時|活動タイプ|活動タイプ ID|主な属性値|主な属性値 ID|副次的な属性値",
       origin="marketing"),
    # ------------------------------------------------------------- Account Engagement
    _s("pardot.prospects", "leads",
       "id|email|firstName|lastName|salutation|company|jobTitle|department|phone|fax|industry|"
       "employees|annualRevenue|score|grade|createdAt|updatedAt|lastActivityAt|firstActivityAt|"
       "source|salesforceId|website|addressOne|addressTwo|city|state|zip|country|territory|"
       "yearsInBusiness|comments|notes|optedOut|isDoNotEmail|isDoNotCall|campaignId|assignedToId|"
       "prospectAccountId|recentInteraction|firstReferrerUrl|isReviewed|isStarred"),
    _s("pardot.prospects", "leads",
       "Email|First Name|Last Name|Company|Company / Account|Job Title|Department|Phone|Industry|"
       "Employees|Annual Revenue|Score|Grade|Created Date|Last Activity|Source|Assigned User|"
       "Opted Out|Is Reviewed|Is Starred|Prospect Id|Website|City|State|Country"),
    # the prospect list's CSV in the Japanese UI: the labels QA received from a customer's
    # export (最終アクティビティ and グレード as Salesforce's Japanese help names them; the
    # rest not re-read from a page). The columns it shares with Salesforce's Japanese
    # reports and SATORI (名, 姓, メール, 役職, 部署, 業種, 従業員数, 年間売上, スコア…) are
    # left out: listed here they would weigh half there, and a short Salesforce report
    # would no longer be told apart.
    _s("pardot.prospects", "leads",
       "ID|プロスペクト ID|会社|グレード|更新日|最終アクティビティ|ソース|キャンペーン|"
       "割り当てユーザー|オプトアウト|レビュー済み|スター付き"),
    _s("pardot.visitor_activities", "activities",
       "id|prospectId|visitorId|type|typeName|details|campaignId|createdAt|updatedAt|emailId|"
       "emailTemplateId|formId|formHandlerId|landingPageId|fileId|customRedirectId|listEmailId|"
       "multivariateTestVariationId|opportunityId|paidSearchAdId|siteSearchQueryId|visitId|"
       "visitorPageViewId", origin="marketing"),
    # the same table with readable labels (a CSV exported from the visitor activity table in
    # the app, or by a connector that titles the API's fields): QA-G's was read as prospects
    _s("pardot.visitor_activities", "activities",
       "Visitor Activity Id|Visitor Activity ID|Prospect Id|Prospect ID|Visitor Id|Visitor ID|"
       "Type|Type Name|Details|Campaign|Campaign Id|Created At|Created Date|Updated At|"
       "Email Id|Form Id|Landing Page Id|File Id|Custom Redirect Id|Visit Id",
       origin="marketing"),
    # the same table in the Japanese UI (QA-L: ID, プロスペクト ID, 種類, 名前, 作成日 was
    # read as prospects, its ID as the lead id)
    _s("pardot.visitor_activities", "activities",
       "ID|ビジターアクティビティ ID|プロスペクト ID|ビジター ID|種類|種類名|名前|詳細|キャンペーン|"
       "作成日|更新日", origin="marketing"),
    # ------------------------------------------------------------------ Japanese MA tools
    _s("bownow.leads", "leads",
       "メールアドレス|会社・組織名|部署名|役職|姓|名|セイ|メイ|電話番号|携帯電話番号|FAX番号|郵便番号|"
       "都道府県|市区町村|番地|ビル名|URL|業種|従業員数|売上高|担当者|ステータス|流入元|メモ|生年月日|"
       "旧メール配信グループ|メール配信停止|タグ|期間中のセッション数|期間中のPV数|期間中のCV数|"
       "セッション数|PV数|CV数|最終アクセス日|企業ランク|アクセス数"),
    # the access log (アクセスログ: one row per page a visitor opened, the company known from
    # a lead or from the visitor's IP address). BowNow's help describes the log, not its
    # download's columns: the labels are QA-Q's (アクセス日時, リードID, 会社・組織名, 氏名,
    # メールアドレス, ページタイトル, ページURL, 参照元, セッションID), beside the lead export's
    # own words. It has no kind column: every row is a page view (REPORT_KIND); QA-Q's was
    # said to be Salesforce's (リードID) with its kind "not mapped".
    _s("bownow.access_log", "activities",
       "アクセス日時|リードID|会社・組織名|氏名|メールアドレス|ページタイトル|ページURL|URL|参照元|"
       "リファラー|セッションID|IPアドレス|滞在時間", origin="marketing"),
    _s("satori.customers", "leads",
       "カスタマーID|苗字|名前|苗字(ふりがな)|名前(ふりがな)|メールアドレス|会社名|部署名|役職|電話番号|"
       "携帯電話番号|郵便番号|住所|URL|業種|従業員数|スコア|タグ|スター|登録日時|最終アクセス日時|"
       "流入元|メール配信停止"),
    # the action history (アクション履歴: a customer's Webアクセス, メール開封, フォーム送信…,
    # one row per action): QA-O's download (アクション日時, カスタマーID, メールアドレス, 苗字,
    # 名前, 会社名, アクション, アクション内容, URL) was read as 20,000 customers and its URL
    # as their company's website. SATORI's help names the log (最新アクション一覧, ウェブ
    # アクセス) but no page found lists the download's columns: the labels are QA-O's;
    # アクション種別, アクセスURL and ページタイトル are inferred (Mori's activity aliases).
    _s("satori.actions", "activities",
       "アクション日時|カスタマーID|メールアドレス|苗字|名前|会社名|アクション|アクション種別|"
       "アクション内容|URL|アクセスURL|ページタイトル",
       origin="marketing"),
    _s("business_card.cards", "leads",
       "会社名|部署名|役職|姓|名|氏名|e-mail|E-mail|郵便番号|住所|TEL会社|TEL部門|TEL直通|Fax|携帯電話|"
       "URL|名刺交換日|所有者|登録日|会社電話番号|部署電話番号|携帯電話番号|"
       # Sansan-style labels (QA-F: 名刺交換日 beside 部署 and メール read as Salesforce)
       "部署|メール|メールアドレス|氏名(カナ)|会社名(カナ)|電話番号|FAX|名刺所有者|交換日"),
)
# fmt: on

#: Everyday labels any export or hand-made sheet may carry (a date, a subject, a type, a
#: status, an owner…). A signature lists them where its tool writes them, so they explain a
#: file, but they never tell its tool apart (:mod:`abm.ingest.detect`): QA-K's activity log
#: ``日付, 種別, 件名, 関連付けられたコンタクト, 担当者`` was said to be Salesforce's only
#: because no other signature lists ``日付`` or ``件名``. Salesforce's API field names
#: ``Name``, ``Type`` and ``Description`` are not among them (a data export's own words).
# fmt: off
PLAIN_HEADERS: tuple[str, ...] = (
    "日付", "日時", "件名", "種別", "種類", "タイプ", "状況", "状態", "ステータス", "結果", "コメント",
    "メモ", "備考", "説明", "内容", "名前", "担当者", "作成日",
    "Date", "Datetime", "Subject", "Status", "Result", "Comments", "Notes", "Owner", "Created Date",
)
# fmt: on

#: Every report type, in :data:`SIGNATURES` order (``""`` = not recognised).
REPORTS: tuple[str, ...] = ("", *dict.fromkeys(s.report for s in SIGNATURES))

#: The activity a report's rows are when it exports one kind only and has no type column
#: (HubSpot's calls, meetings, e-mails, tasks and notes are five exports, not one log with
#: a type). A note is what a HubSpot activities report calls one (``Note``).
REPORT_KIND: dict[str, str] = {
    "hubspot.calls": "Call",
    "hubspot.meetings": "Meeting",
    "hubspot.emails": "Email",
    "hubspot.tasks": "Task",
    "hubspot.notes": "Note",
    "bownow.access_log": "Webアクセス",
}
#: Headers only that kind's export has (English and Japanese UI): without one, a file of
#: shared columns (Record ID, Activity date, Associated Contact…) says no kind.
# fmt: off
KIND_HEADERS: dict[str, tuple[str, ...]] = {
    "hubspot.calls": (
        "Call Title", "Call outcome", "Call direction", "Call duration (HH:mm:ss)",
        "通話のタイトル", "コールのタイトル", "通話の成果", "コールの成果", "通話の方向", "コールの方向",
        "通話時間", "通話時間 (HH:mm:ss)", "コールの時間",
    ),
    "hubspot.meetings": (
        "Meeting name", "Meeting outcome", "Meeting start time",
        "ミーティング名", "ミーティングのタイトル", "ミーティングの成果", "ミーティングの開始時刻",
        "ミーティングの終了時刻",
    ),
    "hubspot.emails": (
        "Email subject", "Email direction", "Email send status",
        "Eメールの件名", "メールの件名", "Eメールの方向", "メールの方向", "Eメールの送信ステータス",
        "メールの送信ステータス", "メールの送信日",
    ),
    "hubspot.tasks": (
        "Task Title", "Task Type", "Task Status",
        "タスクのタイトル", "タスクの種類", "タスクのタイプ", "タスクのステータス",
    ),
    "hubspot.notes": ("Note body", "メモの本文", "メモ本文"),
    "bownow.access_log": ("アクセス日時", "ページURL", "ページタイトル"),
}
# fmt: on
