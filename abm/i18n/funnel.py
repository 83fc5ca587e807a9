"""Strings of the Demand Waterfall (funnel) page and library."""

STRINGS: dict[str, tuple[str, str]] = {
    "funnel.intro": (
        "リードが各ステージにどれだけ到達し、どこで止まり、どれだけ時間がかかっているかを示します。ステージの定義とステータスの対応はこの画面で変更でき、ワークスペース設定に保存されます。",
        "How many leads reach each stage, where they stop and how long it takes. The stage model and the status mapping can be changed here and are saved in the workspace settings.",
    ),
    # controls
    "funnel.model": ("ファネルモデル", "Funnel model"),
    "funnel.model_help": (
        "ステージの並びを選びます。失注・リサイクル・対象外はステージではなく「離脱（寄り道）」として扱います。",
        "Choose the stage order. Lost, recycled and disqualified are detours, not stages.",
    ),
    "funnel.model.classic": ("標準（SiriusDecisions）", "Classic (SiriusDecisions)"),
    "funnel.model.sd2012": ("2012年版（AQL/TQL）", "2012 (AQL/TQL)"),
    "funnel.model.the_model": ("The Model（MAL）", "The Model (MAL)"),
    "funnel.model.the_model_sal_after_sql": (
        "The Model（SQLの後にSAL）",
        "The Model (SAL after SQL)",
    ),
    "funnel.model.custom": ("カスタム", "Custom"),
    "funnel.custom_stages": ("ステージ（選んだ順）", "Stages (in the order chosen)"),
    "funnel.custom_stages_help": (
        "自社のファネルで使うステージを、上から順に選んでください。",
        "Pick the stages your organisation uses, first stage first.",
    ),
    "funnel.custom_need_two": ("ステージを2つ以上選んでください。", "Choose at least two stages."),
    "funnel.view": ("集計単位", "Count"),
    "funnel.view.leads": ("リード（人）", "Leads (people)"),
    "funnel.view.accounts": ("企業（アカウント）", "Accounts (companies)"),
    "funnel.strict": ("順序どおりのみ数える", "Strict order"),
    "funnel.strict_help": (
        "オンの場合、前のステージを通過したリードだけを次のステージで数えます（ステージを飛ばしたリードは数えません）。オフの場合、到達したステージはすべて数えます。",
        "On: a lead counts at a stage only if it also passed the previous stage (skips are not counted). Off: every stage a lead reached counts.",
    ),
    # sidebar filters
    "funnel.filters": ("絞り込み（ファネル）", "Filters (funnel)"),
    "funnel.filter_all": ("すべて", "All"),
    "funnel.line.period": ("作成日 {start}〜{end}", "Created {start} – {end}"),
    "funnel.line.no_filter": ("絞り込みなし", "No filter"),
    "funnel.filter_opps_unlinked": (
        "商談をリード・メール・企業（名寄せ）のいずれにも結び付けられないため、商談・受注の指標は絞り込みに関係なく全体の値です。",
        "No opportunity can be tied to a lead, an e-mail or a company (名寄せ), so the pipeline "
        "and won figures are for all opportunities, whatever the filters.",
    ),
    "funnel.filter_opps_some_unlinked": (
        "リード・メール・企業のいずれにも結び付かない商談 {n:,}件は、絞り込み時の商談・受注の指標に含まれません。",
        "{n:,} opportunities are tied to no lead, e-mail or company and are left out of the "
        "filtered pipeline and won figures.",
    ),
    "funnel.filter_opps_some_unlinked_one": (
        "リード・メール・企業のいずれにも結び付かない商談 {n:,}件は、絞り込み時の商談・受注の指標に含まれません。",
        "{n:,} opportunity is tied to no lead, e-mail or company and is left out of the "
        "filtered pipeline and won figures.",
    ),
    "funnel.period": ("リード作成日の期間", "Lead created between"),
    "funnel.period_no_dates": (
        "リードに作成日がないため、期間では絞り込まずに全件を表示しています。",
        "The leads have no creation date: the period does not filter them, every lead is shown.",
    ),
    "funnel.cohorts_no_dates": (
        "リードに作成日がないため、作成月別のコホートは表示できません。",
        "The leads have no creation date, so there are no monthly cohorts to show.",
    ),
    "funnel.period_help": (
        "この期間に作成されたリード（コホート）を集計します。前期間（同じ長さ）との差を指標に表示します。",
        "Leads created in this window (a cohort) are counted; KPIs compare with the previous window of the same length.",
    ),
    "funnel.dim.lead_source": ("リードソース", "Lead source"),
    "funnel.dim.campaign": ("キャンペーン", "Campaign"),
    "funnel.dim.industry": ("業種", "Industry"),
    "funnel.dim.size_band": ("従業員規模", "Company size"),
    "funnel.dim.owner": ("担当者", "Owner"),
    "funnel.no_leads": ("条件に合うリードがありません。", "No leads match these filters."),
    # method
    "funnel.method.dates": (
        "到達判定：ステージ日付の列から判定しました（{n:,}件）。ステージを飛ばしたリード：{skipped:,}件。",
        "Stage reached: from stage-date columns ({n:,} leads). Leads that skipped a stage: {skipped:,}.",
    ),
    "funnel.method.current_stage": (
        "到達判定：ステージ日付の列がないため、現在のステージから「到達した最高ステージ」を推定しました（{n:,}件）。それより前のステージは通過したものとみなします。",
        "Stage reached: no stage-date columns, so the highest stage reached was inferred from the current stage ({n:,} leads); earlier stages are assumed passed.",
    ),
    "funnel.method.mixed": (
        "到達判定：{dates:,}件はステージ日付から、{by_stage:,}件は現在のステージから推定しました。ステージを飛ばしたリード：{skipped:,}件。",
        "Stage reached: {dates:,} leads from stage dates, {by_stage:,} inferred from the current stage. Leads that skipped a stage: {skipped:,}.",
    ),
    "funnel.method.deals": (
        "表示中のリードのうち{n:,}件は、ひも付いた商談（商談ファイル）から「{opp}」以降に数えています。",
        "Of the leads shown, {n:,} are counted at {opp} or beyond from the deals linked to them (opportunity file).",
    ),
    "funnel.method.future": (
        "基準日より後に作成された{n:,}件は数えていません。",
        "{n:,} leads created after the as-of date are not counted.",
    ),
    "funnel.method.future_one": (
        "基準日より後に作成された{n:,}件は数えていません。",
        "{n:,} lead created after the as-of date is not counted.",
    ),
    # KPIs
    "funnel.kpi.leads": ("期間内のリード", "Leads in period"),
    "funnel.kpi.mql": ("MQL", "MQL"),
    "funnel.kpi.sal": ("SAL", "SAL"),
    "funnel.kpi.sql": ("SQL", "SQL"),
    # deals from the opportunity file: named as deals, never as the waterfall's 商談化・受注
    # (leads) beside them; the row's heading says they are the window's (QA-N: 「受注（全商談）
    # 123」 next to 受注 48 read as all deals: 123 of 171 won). Short: four tiles at 1280 px
    "funnel.kpi.opportunities": ("新規商談", "New deals"),  # not the account story's 商談数
    "funnel.kpi.won": ("受注した商談", "Won deals"),
    "funnel.kpi.win_rate": ("商談の受注率", "Deal win rate"),
    "funnel.kpi.pipeline_value": ("パイプライン金額", "Pipeline value"),
    "funnel.kpi.row_leads": ("期間内に作成されたリード", "Leads created in the period"),
    "funnel.kpi.row_deals": (
        "期間内に作成された商談（商談ファイル）",
        "Deals created in the period (opportunity file)",
    ),
    # no opportunity file: the same tiles count the window's leads, as the waterfall does
    "funnel.kpi.lead.opportunities": ("商談化したリード", "Leads to opportunity"),
    "funnel.kpi.lead.won": ("受注したリード", "Leads won"),
    "funnel.kpi.lead.win_rate": ("リードの受注率", "Lead win rate"),
    "funnel.kpi.help": (
        "前期間（{start}〜{end}）との差。リード系の指標は期間内に作成されたリードのうち各ステージに到達した数、受注率＝受注÷（受注＋失注）。",
        "Change vs the previous window ({start} – {end}). Lead figures count leads created in the window that reached each stage; win rate = won ÷ (won + lost).",
    ),
    "funnel.kpi.help_deals": (
        "商談ファイルの指標は、前期間の商談を同じだけ時間がたった時点（期間の長さだけ前の基準日 {then}）で数えます。",
        "Figures from the opportunity file read the previous window's deals as they stood as long after it as this window's stand now (the as-of date one window earlier, {then}).",
    ),
    "funnel.kpi.from_leads": (
        "リードファイル（{files}）から：期間内に作成されたリードのステージ到達数。",
        "From the lead files ({files}): leads created in the window reaching each stage.",
    ),
    "funnel.kpi.from_opportunities": (
        "商談ファイル（{files}）から：期間内に作成された商談。",
        "From the opportunity files ({files}): opportunities created in the window.",
    ),
    "funnel.kpi.why.no_closed": (
        "受注率「—」：この期間に作成された商談で、完了（受注・失注）したものがありません。",
        "Win rate “—”: none of the opportunities created in this window is closed (won or lost) yet.",
    ),
    "funnel.kpi.why.lost_unknown": (
        "受注率「—」：データに失注が一件もなく、失注を表す列（完了フラグ）やフェーズもありません。"
        "失注が分からないまま受注率を出すと100%に見えてしまうため表示しません。"
        "完了フラグを対応付けるか、データページのフェーズ表で失注のフェーズを指定してください。",
        "Win rate “—”: the data holds no lost outcome at all and no column (closed flag) or phase "
        "that could say lost, so a win rate would read 100%. Map the closed flag, or mark the lost "
        "phases in the phase table on the data page.",
    ),
    "funnel.kpi.sources": (
        "上段はリード（期間内に作成され各ステージに到達した人数）。下段は商談ファイルの、期間内に作成された"
        "商談だけの件数・受注・受注率・パイプライン金額です（それより前に作成された商談の受注は含みません）。"
        "下のファネルの「商談化」「受注」はリードの人数で、下段の商談の件数とは別の数です。",
        "Top row: leads (created in the window, reaching each stage). Bottom row: deals from the "
        "opportunity file, only those created in the window (deals created earlier and won in "
        "it are not counted). The waterfall below counts leads reaching Opportunity and Won, a "
        "different number from the deals.",
    ),
    # sections
    "funnel.section.funnel": ("ファネル", "Funnel"),
    "funnel.section.bench": ("参考レンジ（例示）", "Illustrative bands"),
    "funnel.section.cohorts": ("コホート（作成月別）", "Cohorts (by creation month)"),
    "funnel.section.velocity": ("ステージ間の日数", "Time in stage"),
    "funnel.section.stalled": ("停滞リード", "Stalled leads"),
    "funnel.section.breakdown": ("内訳", "Breakdown"),
    "funnel.section.records": ("該当レコード", "Records"),
    "funnel.section.period": ("月別の到達数", "Entries per month"),
    "funnel.section.stage_map": ("ステージ対応・SLA", "Stage map & SLA"),
    "funnel.section.accounts": ("企業単位のウォーターフォール", "Account waterfall"),
    # charts
    "funnel.chart.next": ("前段比", "next"),
    "funnel.chart.cum": ("累計", "cum."),
    "funnel.chart.rate": ("到達率", "Rate"),
    "funnel.chart.cohort": ("作成月", "Created"),
    "funnel.chart.days": ("日数", "Days"),
    "funnel.chart.entries": ("件数", "Leads"),
    "funnel.chart.select_hint": (
        "ファネルの棒をクリックすると、その段階のレコードを下の「該当レコード」で表示します。",
        "Click a funnel bar to list its records under “Records” below.",
    ),
    # benchmark bands
    "funnel.bench.caption": (
        "例示です。実務家の資料に見られるおおよその範囲で、情報源によって食い違います（MQL→SALの受入率は80%超が健全とする資料もあります）。目標値ではありません。",
        "Illustrative only: rough bands seen in practitioner sources, which conflict (some call MQL→SAL acceptance healthy only above 80%). Not targets.",
    ),
    "funnel.bench.step": ("区間", "Step"),
    "funnel.bench.rate": ("自社の率", "Your rate"),
    "funnel.bench.band": ("参考レンジ", "Band"),
    "funnel.bench.position": ("位置", "Position"),
    "funnel.bench.below": ("下回る", "below"),
    "funnel.bench.within": ("範囲内", "within"),
    "funnel.bench.above": ("上回る", "above"),
    "funnel.bench.none": ("該当する区間がありません。", "No banded step in this model."),
    "funnel.bench.implied": ("データなし", "not in the data"),
    "funnel.implied": (
        "{stages}には、そのステージ自身の日付・ステータス・商談がありません。後のステージに到達したリードを"
        "数えているだけなので、その前後の転換率（100%など）は何も示しません。",
        "{stages}: no date, status or deal of the stage itself is in the data. They count "
        "the leads that reached a later stage, so their conversions (100% and the like) "
        "say nothing.",
    ),
    # tables
    "funnel.col.stage": ("ステージ", "Stage"),
    "funnel.col.count": ("件数", "Count"),
    "funnel.col.next_rate": ("前段比", "From previous"),
    "funnel.col.cumulative_rate": ("累計率", "Cumulative"),
    "funnel.col.drop_off": ("離脱数", "Drop-off"),
    "funnel.col.from": ("前ステージ", "From"),
    "funnel.col.leads": ("リード数", "Leads"),
    "funnel.col.median": ("中央値（日）", "Median (days)"),
    "funnel.col.p75": ("75%点（日）", "75th pct (days)"),
    "funnel.col.p90": ("90%点（日）", "90th pct (days)"),
    "funnel.col.entered": ("ステージ到達日", "Entered stage"),
    "funnel.col.days_in_stage": ("滞留日数", "Days in stage"),
    "funnel.col.sla": ("SLA（日）", "SLA (days)"),
    "funnel.col.overall": ("最終到達率", "Overall rate"),
    "funnel.col.note": ("注意", "Note"),
    "funnel.empty.short.unmapped": ("未対応", "unmapped"),
    "funnel.empty.short.out_of_order": ("順序が逆", "out of order"),
    "funnel.empty.short.after_empty": ("前段0件", "after empty"),
    "funnel.empty.unmapped": (
        "「{stage}」: このステージには状態の値も日付の列も対応付けられていません。0件は「誰も到達しなかった」ではなく「データが届いていない」という意味です。",
        "“{stage}”: no status value or date column is mapped to this stage. 0 here means no data reaches it, not that no lead did.",
    ),
    "funnel.empty.out_of_order": (
        "「{stage}」: {seen:,}件のリードが到達していますが、どれも「{previous}」より前の日付です。順序どおりに数えると0件になります（モデルの順序か「順序どおりに数える」を見直してください）。",
        "“{stage}”: {seen:,} leads reached it, all dated before “{previous}”; counted in order that is 0 (check the model's order or turn off counting in order).",
    ),
    "funnel.empty.after_empty": (
        "「{stage}」: {seen:,}件のリードが到達していますが、前の「{previous}」が0件のため、順序どおりに数えると0件です。",
        "“{stage}”: {seen:,} leads reached it, but the stage before, “{previous}”, counts none, so counted in order it is 0.",
    ),
    "funnel.empty.open_map": ("ステージ対応表を開く", "Open the stage map"),
    "funnel.empty.go_data": ("データページで列を対応付ける", "Map columns on the Data page"),
    "funnel.cycle.title": ("商談の期間（作成 → 受注・失注）", "Deal cycle (created → won or lost)"),
    "funnel.cycle.outcome": ("結果", "Outcome"),
    "funnel.cycle.deals": ("商談数", "Deals"),
    "funnel.cycle.won": ("受注", "Won"),
    "funnel.cycle.lost": ("失注", "Lost"),
    "funnel.cycle.none": (
        "期間内に作成され基準日までに決着した商談で、作成日と完了日のそろうものはありません。",
        "No deal created in the period and closed by the as-of date has both its created and close dates.",
    ),
    "funnel.cycle.caption": (
        "期間内に作成され基準日までに受注・失注した商談の、作成日から完了日までの日数（中央値・75%・90%点）。"
        "ステージの日付がないリードでも、商談ファイルから営業サイクルが分かります。",
        "Days from creation to close of the deals created in the period and won or lost by the "
        "as-of date (median, 75th and 90th percentiles): the sales cycle from the deals' file, "
        "even where the leads carry no stage dates.",
    ),
    "funnel.velocity.none": (
        "ステージ日付がないため、ステージ間の日数は計算できません。",
        "No stage dates, so time between stages cannot be measured.",
    ),
    "funnel.stalled.caption": (
        "現在のステージにSLAの日数より長く留まっているリード（受注・離脱済みを除く）：{n:,}件",
        "Leads in their current stage longer than its SLA (won and detoured leads excluded): {n:,}",
    ),
    "funnel.breakdown.by": ("内訳の軸", "Break down by"),
    "funnel.breakdown.none": ("内訳に使える列がありません。", "No column to break down by."),
    "funnel.filter_lost": (
        "保存されていた選択のうち{n}件はこのデータの選択肢にないため、外しています。",
        "{n} saved choice(s) match no option in this data and are left out.",
    ),
    "funnel.breakdown.written_as": ("元データでの表記", "As written in the data"),
    "funnel.breakdown.written_help": (
        "同じチャネルをツールや言語ごとに別の表記で書いた値を1行にまとめています（例：Organic Search・自然検索・ORGANIC_SEARCH）。リードの一覧とダウンロードには元の値がそのまま残ります。",
        "Sources that tools and languages write differently for one channel are one row (e.g. Organic Search, 自然検索, ORGANIC_SEARCH). Lead lists and downloads keep the source as written.",
    ),
    "funnel.records.stage": ("ステージ", "Stage"),
    "funnel.records.mode": ("対象", "Which leads"),
    "funnel.records.mode.reached": ("到達した", "reached it"),
    "funnel.records.mode.current": ("現在そこにいる", "currently there"),
    "funnel.records.mode.dropped": ("前段から離脱", "dropped before it"),
    "funnel.records.count": ("{n:,}件", "{n:,} records"),
    "funnel.records.count_one": ("{n:,}件", "{n:,} record"),
    # two downloads on the page: each says what it holds (QA-N)
    "funnel.records.download": (
        "リード一覧（{stage}・{mode}）をCSVでダウンロード",
        "Download the lead list ({stage}, {mode}) as CSV",
    ),
    "funnel.stalled.download": (
        "停滞リード一覧をCSVでダウンロード",
        "Download the stalled leads as CSV",
    ),
    # stage map
    "funnel.map.caption": (
        "データ内のステージ・ステータスの値を、モデルのステージと離脱（失注・リサイクル・対象外）に対応付けます。自動で提案した値は修正できます。",
        "Each stage/status value found in the data is mapped to a stage and a detour (lost, recycled, disqualified). Suggestions can be corrected.",
    ),
    "funnel.map.value": ("データ内の値", "Value in data"),
    "funnel.map.leads": ("リード数", "Leads"),
    "funnel.map.stage": ("到達ステージ", "Stage reached"),
    "funnel.map.detour": ("離脱", "Detour"),
    "funnel.map.suggested": ("提案の確からしさ", "Suggestion confidence"),
    "funnel.map.none": (
        "「現在のステージ」「リード状況」の列がありません。",
        "No current-stage or lead-status column in the data.",
    ),
    "funnel.map.sla": (
        "SLA（ステージに留まってよい日数）",
        "SLA (days a lead may stay in a stage)",
    ),
    "funnel.map.save": ("設定を保存", "Save settings"),
    "funnel.map.saved": (
        "ファネル設定（モデル・ステージ対応・SLA・数え方）をワークスペースに保存しました。",
        "Funnel settings (model, stage map, SLA, counting) saved to the workspace.",
    ),
    "funnel.detour.lost": ("失注", "Lost"),
    "funnel.detour.recycled": ("リサイクル", "Recycled"),
    "funnel.detour.disqualified": ("対象外", "Disqualified"),
    # accounts
    "funnel.account.caption": (
        "企業単位で数えます（名寄せ結果の企業IDがあればそれを、なければ正規化した会社名を使用）。同じ企業からの5件の問い合わせは1社です。",
        "Counted per company (the matched account id (名寄せ) when present, else a normalised company name): five inquiries from one company are one account.",
    ),
    "funnel.account.deals_not_counted": (
        "商談のある{n:,}社は、MQAになっていないため「商談化」に数えていません（順序どおりのみ数える設定）。"
        "数えるには「順序どおりのみ数える」をオフにしてください。",
        "{n:,} accounts with a deal are not counted at Opportunity: they never became an MQA "
        "(strict order). Turn off “Strict order” to count them.",
    ),
    "funnel.account.deals_not_counted_one": (
        "商談のある{n:,}社は、MQAになっていないため「商談化」に数えていません（順序どおりのみ数える設定）。"
        "数えるには「順序どおりのみ数える」をオフにしてください。",
        "{n:,} account with a deal is not counted at Opportunity: it never became an MQA "
        "(strict order). Turn off “Strict order” to count it.",
    ),
    "funnel.account.mqa_min": ("MQAとみなすMQL人数", "MQLs needed for an MQA"),
    "funnel.account.engaged": ("接点あり", "Engaged"),
    "funnel.account.mqa": ("MQA", "MQA"),
    "funnel.account.opportunity": ("商談化", "Opportunity"),
    "funnel.account.won": ("受注", "Won"),
    "funnel.account.key": ("企業ID（名寄せ）", "Account id (名寄せ)"),
    "funnel.account.name": ("企業", "Account"),
    "funnel.account.unnamed": ("（会社名なし）", "(no company name)"),
    "funnel.account.pick_hint": (
        "行を選ぶと、その企業のストーリーを開けます。",
        "Select a row to open that account's story.",
    ),
    "funnel.account.mqa_leads": ("MQL以上の人数", "MQL+ people"),
}
