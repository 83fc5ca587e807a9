"""Strings of the marketing-versus-sales gap view and the meeting report."""

STRINGS: dict[str, tuple[str, str]] = {
    # errors
    "gap.err.bad_settings": (
        "ギャップ分析の設定「{column}」が不正です。",
        "Gap view setting “{column}” is invalid.",
    ),
    # page
    "gap.title": ("マーケと営業のギャップ", "Marketing vs sales"),
    "gap.caption": (
        "同じデータ・同じ期間で、マーケティングの見方と営業の見方を並べます。",
        "Marketing's lens and sales' lens side by side, on the same data and period.",
    ),
    "gap.filters": ("期間と設定", "Period and settings"),
    "gap.period": ("リード作成期間", "Lead creation period"),
    "gap.fiscal_start": ("期首月", "Fiscal year starts in"),
    "gap.month": ("{m}月", "month {m}"),
    "gap.sla_days": ("MQL対応のSLA（日）", "MQL follow-up SLA (days)"),
    "gap.group_by": ("ソース表の軸", "Source table by"),
    "gap.volume_period": ("集計単位", "Volume by"),
    "gap.freq.W": ("週", "Week"),
    "gap.freq.M": ("月", "Month"),
    "gap.freq.Q": ("四半期", "Quarter"),
    "gap.costs": ("ソース別コスト", "Cost per source"),
    "gap.costs_help": (
        "表に金額を入れると、成果あたりのコストを計算します。",
        "Enter amounts to get the cost per outcome.",
    ),
    "gap.save_settings": ("設定をワークスペースに保存", "Save settings to the workspace"),
    "gap.saved": ("保存しました。", "Saved."),
    "gap.sla_line": ("SLA {days}日", "SLA {days} days"),
    "gap.sla_line_one": ("SLA {days}日", "SLA {days} day"),
    "gap.group_line": ("ソース表: {by}別", "Sources by {by}"),
    "gap.scoring_note": (
        "エンゲージメントと適合度はワークスペースに保存したスコアリングモデル（しきい値: 適合度 {fit:g}、"
        "エンゲージメント {eng:g}）で計算しています。リードスコアリングで動かして保存していないスライダーは使いません。",
        "Engagement and fit come from the scoring model saved in the workspace (thresholds: fit "
        "{fit:g}, engagement {eng:g}); slider moves on Lead scoring that are not saved are not used.",
    ),
    "gap.no_leads": (
        "この期間に作成されたリードはありません。",
        "No leads were created in this period.",
    ),
    # lenses
    "gap.lens.marketing": ("マーケティングの見方", "Marketing's lens"),
    "gap.lens.sales": ("営業の見方", "Sales' lens"),
    "gap.m.leads": ("期間内のリード", "Leads in period"),
    "gap.costs_none": (
        "リードに「{by}」の値がないため、コストは入力できません。",
        "The leads have no “{by}” values, so there are no costs to enter.",
    ),
    "gap.m.undated": (
        "作成日のないリード{count:,}人は、どの期間にも入らないため数えていません。",
        "{count:,} leads without a creation date are in no period and not counted here.",
    ),
    "gap.m.undated_one": (
        "作成日のないリード{count:,}人は、どの期間にも入らないため数えていません。",
        "{count:,} lead without a creation date is in no period and not counted here.",
    ),
    "gap.m.mql": ("MQL", "MQL"),
    "gap.m.engagement": ("平均エンゲージメント", "Mean engagement"),
    "gap.m.unmeasured_help": (
        "行動履歴のファイルがないため、反応は測れていません。",
        "Not measured: no activity log is loaded.",
    ),
    "gap.m.engaged": ("反応のあるリード", "Engaged leads"),
    "gap.m.nurture": ("育成プール", "Nurture pool"),
    "gap.m.nurture_help": (
        "将来の種: 反応はあるが、まだMQLになっていないリード（失注・対象外を除く）。",
        "Future seeds: engaged leads not yet sales-ready (not MQL, not lost or disqualified).",
    ),
    "gap.m.web_visits": ("Web訪問数", "Web visits"),
    "gap.m.web_visits_help": (
        "期間内の行動ログのWebアクセス件数。分析対象の人（名寄せ・除外の後）と、"
        "人に結びつかない訪問者（匿名のアクセス）の分を数え、"
        "営業対象外として除外した人（競合・自社・パートナー・学生など）の分は数えません。",
        "Web visits in the activity log within the period: those of the people analysed "
        "(after cleaning) and of visitors linked to no one (anonymous traffic); visits of "
        "people the cleaning excluded (competitors, own staff, partners, students…) are "
        "not counted.",
    ),
    "gap.m.web_visits_help_ma": (
        "期間内に作成された分析対象のリード（除外の後）について、MAツールの訪問数の合計。",
        "The MA tool's visit counts, summed over the period's leads analysed (after cleaning).",
    ),
    "gap.m.page_views": ("ページビュー", "Page views"),
    "gap.m.volume": ("期間・ソース別のリード数", "Leads by period and source"),
    "gap.s.target_share": ("ターゲット企業比率", "At target accounts"),
    "gap.s.high_fit_share": ("適合度の高いリード比率", "High-fit leads"),
    "gap.s.fit_mix": ("リードの質（適合度グレード）", "Lead quality (fit grade mix)"),
    "gap.s.budget": ("予算ありのリード比率", "Leads with a budget"),
    "gap.s.pipeline": ("パイプライン金額", "Pipeline value"),
    "gap.s.won": ("受注金額", "Won revenue"),
    "gap.s.closable": ("今期クローズ可能な商談", "Closable deals"),
    "gap.s.closable_value": ("今期クローズ可能額", "Closable value"),
    "gap.s.closable_help": (
        "完了予定日が今期（{quarter}）中の未完了商談。",
        "Open deals with a close date in this fiscal quarter ({quarter}).",
    ),
    "gap.s.quarter": ("FY{fy} 第{q}四半期（{months}）", "FY{fy} Q{q} ({months})"),
    # hand-off
    "gap.h.title": ("マーケ → 営業の引き渡し", "Marketing → sales hand-off"),
    "gap.h.mql": ("引き渡したMQL", "MQLs handed over"),
    "gap.h.mql_help": (
        "ファネルと同じ数え方のMQLです（ステージの日付、リードのステータス、またはより後のステージへの到達から）。"
        "スコアリング画面の「スコアMQL」（適合度とエンゲージメントのしきい値による）とは定義が異なります。",
        "MQLs as the funnel counts them (from stage dates, the lead status, or reaching a later stage). "
        "The Scoring page's score MQLs (fit and engagement thresholds) are another definition.",
    ),
    "gap.h.acceptance": ("営業受入率（MQL→SAL）", "Acceptance (MQL→SAL)"),
    "gap.h.rejection": ("不受理率", "Rejection rate"),
    "gap.h.touch_days": ("初回対応までの日数", "Days to first touch"),
    "gap.h.touch_help": (
        "中央値。MQLになった日から、営業が最初に対応した日まで。",
        "Median, from the day a lead became an MQL to sales' first touch.",
    ),
    "gap.h.never": ("未フォローのMQL", "MQLs never followed up"),
    "gap.h.sla": ("SLA超過（{days}日）", "SLA breaches ({days} days)"),
    "gap.h.sla_one": ("SLA超過（{days}日）", "SLA breaches ({days} day)"),
    "gap.h.never_list": ("未フォローのMQL一覧", "MQLs never followed up: list"),
    "gap.h.unassigned": ("担当者未設定のMQL", "MQLs without an owner"),
    "gap.h.reasons": ("不受理の理由", "Rejection reasons"),
    "gap.h.no_activities": (
        "営業活動の記録がないため、初回対応日はステージ日付から推定しています。",
        "No sales activities were found; first touches are dated from stage dates only.",
    ),
    # QA-N: 「初回対応までの日数 —」 beside 「SLA超過（7日） 0」 (no MQL date): both unknown
    "gap.h.sla_unknown": (
        "SLA超過「—」：MQLになった日付がわかり、初回対応の日付もわかる（または未対応の）MQLがないため、"
        "SLA（{days}日）を守れたか確かめられません。",
        "SLA breaches “—”: no MQL has a known MQL date and either a dated first touch or no "
        "follow-up yet, so the {days}-day SLA cannot be checked.",
    ),
    # quadrant
    "gap.q.title": (
        "意見の食い違い（エンゲージメント × 適合度）",
        "Where they disagree (engagement × fit)",
    ),
    "gap.q.both_hot": ("両方ホット", "Both hot"),
    "gap.q.marketing_hot": ("マーケはホット／営業はコールド", "Marketing-hot / sales-cold"),
    "gap.q.sales_hot": (
        "営業はホット／マーケはコールド（要アプローチ）",
        "Sales-hot / marketing-cold (engage these)",
    ),
    "gap.q.both_cold": ("両方コールド", "Both cold"),
    "gap.q.axis_fit": ("適合度（営業の見方）", "Fit (sales' view)"),
    "gap.q.axis_engagement": ("エンゲージメント（マーケの見方）", "Engagement (marketing's view)"),
    "gap.q.hot": ("高", "hot"),
    "gap.q.cold": ("低", "cold"),
    "gap.q.cell": ("{n}件<br>商談化 {rate}", "{n} leads<br>{rate} to opportunity"),
    "gap.q.cell_one": ("{n}件<br>商談化 {rate}", "{n} lead<br>{rate} to opportunity"),
    "gap.q.pick": ("一覧を表示する象限", "Show the list behind"),
    "gap.q.view": ("表示", "Show"),
    "gap.q.view_leads": ("リード", "Leads"),
    "gap.q.view_accounts": ("企業", "Companies"),
    "gap.q.leads": ("リード数", "Leads"),
    "gap.q.quadrant": ("象限", "Quadrant"),
    "gap.q.share": ("構成比", "Share"),
    "gap.pct_below_one": ("1%未満", "<1%"),
    # per lead of the quadrant: not the Funnel's win rate (won of decided deals; QA-H read
    # 62 % there beside 3 % here under one word)
    "gap.q.opp_rate": ("商談化したリードの割合（実績）", "Leads with a deal (history)"),
    "gap.q.won_rate": ("受注したリードの割合（実績）", "Leads won (history)"),
    "gap.q.download": ("この一覧をCSVでダウンロード", "Download this list (CSV)"),
    # source truth table
    "gap.src.title": (
        "ソース別の実態（マーケの報告 vs 営業の成果）",
        "Source truth table (what marketing reports vs what sales gets)",
    ),
    # which source a deal counts under (QA-R: the deals' own picklist beside the leads'
    # 元のソース left every marketing source at 0 deals)
    "gap.src.deals_note_source": (
        "商談・受注は、紐づくリード（取引先責任者）のソースで数えます。リードに紐づかない商談だけ、"
        "商談自身のリードソースで数えます。",
        "Deals and wins count under the source of the lead they are linked to; only a deal "
        "linked to no lead counts under its own lead source.",
    ),
    "gap.src.deals_note_campaign": (
        "商談・受注は、紐づくリード（取引先責任者）のキャンペーンで数えます。リードに紐づかない"
        "商談は（不明）です。",
        "Deals and wins count under the campaign of the lead they are linked to; a deal "
        "linked to no lead is (unknown).",
    ),
    "gap.src.lead_source": ("リードソース", "Lead source"),
    "gap.src.campaign": ("キャンペーン", "Campaign"),
    "gap.src.leads": ("リード", "Leads"),
    "gap.src.mql": ("MQL", "MQLs"),
    "gap.src.sal": ("SAL", "SALs"),
    "gap.src.sal_rate": ("受入率", "Acceptance"),
    "gap.src.opportunities": ("商談", "Opportunities"),
    "gap.src.pipeline": ("パイプライン", "Pipeline"),
    "gap.src.won": ("受注", "Won"),
    "gap.src.won_revenue": ("受注金額", "Won revenue"),
    "gap.src.cost": ("コスト", "Cost"),
    "gap.src.cost_per_lead": ("リード単価", "Cost / lead"),
    "gap.src.cost_per_mql": ("MQL単価", "Cost / MQL"),
    "gap.src.cost_per_sal": ("SAL単価", "Cost / SAL"),
    "gap.src.cost_per_opportunity": ("商談単価", "Cost / opportunity"),
    "gap.src.cost_per_won": ("受注単価", "Cost / won"),
    "gap.src.unknown": ("（不明）", "(unknown)"),
    "gap.src.other": ("上記以外のソース", "All other sources"),
    # findings
    "gap.findings": ("気づき", "Findings"),
    "gap.findings_basis": ("根拠: {metric} = {value}", "Based on: {metric} = {value}"),
    "gap.finding.acceptance": (
        "MQL→SALの受入率は{rate:.0%}です（MQL {mql:,}件中 {accepted:,}件）。",
        "MQL→SAL acceptance is {rate:.0%} ({accepted:,} of {mql:,} MQLs).",
    ),
    "gap.finding.acceptance_implied": (
        "MQL→SALの受入率は測れていません（MQL {mql:,}件のうち後のステージに到達したのは{accepted:,}件）。"
        "MQLかSALのステージ自身の日付・ステータスがデータになく、後のステージに到達したリードを"
        "数えているだけです。",
        "MQL→SAL acceptance is not measured ({accepted:,} of {mql:,} MQLs reached a later "
        "stage): the data has no date or status of the MQL or SAL stage itself, so it only "
        "counts leads that reached a later stage.",
    ),
    "gap.finding.acceptance_small": (
        "MQL→SALの受入率は{rate:.0%}です。不受理MQLの{share:.0%}は従業員{small}人未満の企業です。",
        "MQL→SAL acceptance is {rate:.0%}; {share:.0%} of rejected MQLs come from companies under {small} employees.",
    ),
    "gap.finding.never_followed": (
        "MQLのうち{n:,}件（{share:.0%}）は営業が一度もフォローしていません。",
        "MQLs never followed up by sales: {n:,} ({share:.0%}).",
    ),
    "gap.finding.sla": (
        "初回対応までの日数がわかるMQL {measurable:,}件のうち{n:,}件（{share:.0%}）が"
        "{days}日以内の初回対応SLAを超えています。",
        "{share:.0%} of the {measurable:,} MQLs whose first-touch timing is known ({n:,}) "
        "waited more than {days} days for a first sales touch (SLA breach).",
    ),
    "gap.finding.sla_one_day": (
        "初回対応までの日数がわかるMQL {measurable:,}件のうち{n:,}件（{share:.0%}）が"
        "{days}日以内の初回対応SLAを超えています。",
        "{share:.0%} of the {measurable:,} MQLs whose first-touch timing is known ({n:,}) "
        "waited more than {days} day for a first sales touch (SLA breach).",
    ),
    "gap.finding.touch_days": (
        "MQLから営業の初回対応までは中央値で{days:.0f}日です。",
        "Sales first touches an MQL after a median of {days:.0f} days.",
    ),
    "gap.finding.touch_days_one": (
        "MQLから営業の初回対応までは中央値で{days:.0f}日です。",
        "Sales first touches an MQL after a median of {days:.0f} day.",
    ),
    "gap.finding.sales_hot": (
        "適合度が高いのに反応の少ないリードが{n:,}件あります。まずこのリストにアプローチしましょう。",
        "Good-fit leads with little engagement: {n:,}. Engage these first.",
    ),
    "gap.finding.marketing_hot": (
        "反応の高いリードの{share:.0%}（{n:,}件）は適合度が低く、営業が追わない可能性があります。",
        "{share:.0%} of highly engaged leads ({n:,}) are a poor fit, so sales may not pursue them.",
    ),
    "gap.finding.marketing_hot_conv": (
        "反応の高いリードの{share:.0%}（{n:,}件）は適合度が低く、商談化率は{rate_mkt:.0%}です（両方ホットは{rate_hot:.0%}）。",
        "{share:.0%} of highly engaged leads ({n:,}) are a poor fit; they reach opportunity at {rate_mkt:.0%} versus {rate_hot:.0%} for both-hot leads.",
    ),
    "gap.finding.source_gap": (
        "「{source}」はMQLが{mql:,}件ありますが、受入率は{rate:.0%}で全体（{overall:.0%}）を下回ります。",
        "“{source}” produced {mql:,} MQLs but only {rate:.0%} were accepted (overall {overall:.0%}).",
    ),
    "gap.finding.closable": (
        "今期・{quarter}中にクローズ予定の商談は{n:,}件、合計{value}です。",
        "{n:,} open deals worth {value} are due to close this quarter, {quarter}.",
    ),
    "gap.finding.closable_one": (
        "今期・{quarter}中にクローズ予定の商談は{n:,}件、合計{value}です。",
        "{n:,} open deal worth {value} is due to close this quarter, {quarter}.",
    ),
    "gap.finding.engagement_unmeasured": (
        "反応（エンゲージメント）は測れていません。行動履歴のファイルがないため全リードの反応スコアが0です。"
        "反応に基づく判断（反応の少ない優良リードなど）はできません。MAツールの行動履歴も読み込んでください。",
        "Engagement is not measured: no activity log is loaded, so every lead's engagement "
        "score is 0 and nothing here can rest on it. Load the MA tool's activity export too.",
    ),
    "gap.finding.nurture": (
        "反応はあるがまだMQLでないリードが{n:,}件（{share:.0%}）あり、将来の種として育成対象です。",
        "{n:,} engaged leads ({share:.0%}) are not sales-ready yet: the nurture pool for the future.",
    ),
    "gap.finding.volume": (
        "この期間のリードは{leads:,}件、うちMQLは{mql:,}件です。",
        "This period produced {leads:,} leads and {mql:,} MQLs.",
    ),
    # metric names (for the basis of a finding)
    "gap.metric.handoff.acceptance_rate": ("営業受入率", "acceptance rate"),
    "gap.metric.handoff.never_followed_up": ("未フォローのMQL", "MQLs never followed up"),
    "gap.metric.handoff.sla_breach_rate": ("SLA超過率", "SLA breach rate"),
    "gap.metric.handoff.median_days_to_touch": (
        "初回対応日数（中央値）",
        "median days to first touch",
    ),
    "gap.metric.quadrant.sales_hot.leads": (
        "営業ホット／マーケコールドのリード",
        "sales-hot / marketing-cold leads",
    ),
    "gap.metric.quadrant.marketing_hot.leads": (
        "マーケホット／営業コールドのリード",
        "marketing-hot / sales-cold leads",
    ),
    "gap.metric.sources.sal_rate": ("ソース別受入率", "acceptance rate by source"),
    "gap.metric.sales.closable_value": ("今期クローズ可能な金額", "value closable this quarter"),
    "gap.metric.marketing.nurture_pool": ("育成プール", "nurture pool"),
    "gap.metric.marketing.leads": ("リード数", "leads"),
    "gap.metric.marketing.engaged": ("反応のあるリード", "engaged leads"),
    # report
    "gap.report.download": (
        "会議用レポート（HTML）をダウンロード",
        "Download the meeting report (HTML)",
    ),
    "gap.report.include_lists": (
        "レポートに象限の企業一覧を含める",
        "Include the quadrant company lists in the report",
    ),
    "gap.report.title": ("マーケ・営業 合同会議レポート", "Joint marketing–sales meeting report"),
    "gap.report.period": (
        "対象期間（リード作成日）: {start} 〜 {end}",
        "Period (lead created): {start} – {end}",
    ),
    "gap.report.as_of": ("基準日: {as_of}", "As of: {as_of}"),
    "gap.report.settings": ("使用した設定", "Settings used"),
    "gap.report.setting.fiscal_start": ("期首月: {m}月", "Fiscal year starts in month {m}"),
    "gap.report.setting.sla": ("MQL対応SLA: {days}日", "MQL follow-up SLA: {days} days"),
    "gap.report.setting.sla_one": ("MQL対応SLA: {days}日", "MQL follow-up SLA: {days} day"),
    "gap.report.setting.thresholds": (
        "しきい値: 適合度 {fit:g} ／ エンゲージメント {eng:g}",
        "Thresholds: fit {fit:g} / engagement {eng:g}",
    ),
    "gap.report.setting.funnel": ("ファネルモデル: {model}", "Funnel model: {model}"),
    "gap.report.setting.group_by": ("ソース表の軸: {by}", "Source table by: {by}"),
    "gap.report.companies": ("企業一覧: {quadrant}", "Companies: {quadrant}"),
    "gap.report.companies_note": (
        "企業ごとに、その象限に入った人数と、その人たちの適合度・エンゲージメントの最高値です。"
        "同じ企業の別の人が別の象限に入ると、その企業は両方の一覧に出て、数字も異なります。",
        "Per company: how many of its people fall in the quadrant, and the highest fit and "
        "engagement among them. A company whose people fall in several quadrants appears in "
        "each list, with different numbers.",
    ),
    "gap.report.footer": (
        "Mori（銛）で作成。個人情報（氏名・メール・電話番号）は含みません。",
        "Made with Mori (銛). Contains no personal data (names, e-mails, phone numbers).",
    ),
    "gap.report.open_start": ("（指定なし）", "(open)"),
}
