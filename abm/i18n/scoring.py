"""Strings of the scoring area: errors, dimensions, categories, reasons, the page."""

STRINGS: dict[str, tuple[str, str]] = {
    # errors
    "scoring.err.bad_link_value": (
        "共有リンクのモデルの項目「{key}」が不正です。既定のモデルを表示しています。",
        "The model in the share link has an invalid item “{key}”. Showing the default model.",
    ),
    "scoring.err.bad_link": (
        "共有リンクのモデルを読めません。既定のモデルを表示しています。",
        "The model in the share link cannot be read. Showing the default model.",
    ),
    "scoring.err.no_outcome": (
        "成果の列「{column}」がないため、過去データでの検証ができません。",
        "There is no outcome column “{column}”, so the model cannot be checked against history.",
    ),
    "scoring.err.leakage": (
        "列「{column}」は成果の時点以降に書かれる値（{reason}）のため、学習に使えません。",
        "Column “{column}” is written at or after the outcome ({reason}), so it cannot be used for learning.",
    ),
    "scoring.err.not_feature": (
        "列「{column}」はスコアの入力（属性）ではありません。",
        "Column “{column}” is not a scoring input (fit attribute).",
    ),
    "scoring.err.too_few_positives": (
        "成果のあるリードが{positives}件しかなく、重みを提案できません（目安は{needed}件以上）。",
        "Only {positives} leads reached the outcome: too little history to suggest weights (aim for {needed} or more).",
    ),
    "scoring.warn.few_positives": (
        "成果のあるリードが{positives}件と少ないため、提案は参考程度にしてください（目安は{needed}件以上）。",
        "Only {positives} leads reached the outcome; treat the suggestion as a hint (aim for {needed} or more).",
    ),
    # leakage reasons
    "scoring.leak.feature": ("学習に使用", "Used for learning"),
    "scoring.leak.outcome": ("成果そのもの", "The outcome itself"),
    "scoring.leak.after_outcome": (
        "成果の時点以降のステージ日付",
        "Stage date at or after the outcome",
    ),
    "scoring.leak.current_state": (
        "現在の状態（成果の後に更新される）",
        "Current state (updated after the outcome)",
    ),
    "scoring.leak.window_total": (
        "期間全体の累計（成果後の行動を含む）",
        "Total over the whole window (includes what happened after the outcome)",
    ),
    "scoring.leak.converted": ("成約・ステージを表す列", "A converted / stage flag"),
    "scoring.leak.not_feature": ("識別子・属性ではない列", "Identifier or not a fit attribute"),
    # dimensions
    "scoring.dim.industry": ("業種", "Industry"),
    "scoring.dim.employees": ("従業員数", "Employees"),
    "scoring.dim.revenue": ("売上高", "Revenue"),
    "scoring.dim.seniority": ("役職レベル", "Seniority"),
    "scoring.dim.department": ("部門", "Department"),
    "scoring.dim.region": ("地域", "Region"),
    "scoring.dim.free_mail": ("フリーメール", "Free-mail address"),
    "scoring.dim.competitor": ("競合", "Competitor"),
    "scoring.dim.activity": ("行動", "Activity"),
    "scoring.dim.cap": ("上限", "Cap"),
    # industries
    "scoring.cat.manufacturing": ("製造業", "Manufacturing"),
    "scoring.cat.it_software": ("IT・ソフトウェア", "IT & software"),
    "scoring.cat.telecom_media": ("通信・メディア", "Telecom & media"),
    "scoring.cat.finance": ("金融・保険", "Finance & insurance"),
    "scoring.csv.fit_score": ("適合度スコア", "Fit score"),
    "scoring.csv.engagement_score": ("エンゲージメントスコア", "Engagement score"),
    "scoring.csv.deal_score": ("商談スコア", "Deal score"),
    "scoring.csv.grade": ("グレード", "Grade"),
    "scoring.csv.is_mql": ("スコアMQL", "Score MQL"),
    "scoring.csv.yes": ("はい", "yes"),
    "scoring.csv.no": ("いいえ", "no"),
    "scoring.csv.seniority": ("役職区分", "Seniority"),
    "scoring.csv.industry_group": ("業種区分", "Industry group"),
    "scoring.csv.top_positive": ("最大の加点理由", "Top reason for"),
    "scoring.csv.top_positive_points": ("その加点", "Its points"),
    "scoring.csv.top_negative": ("最大の減点理由", "Top reason against"),
    "scoring.csv.top_negative_points": ("その減点", "Its points against"),
    "scoring.cat.construction_real_estate": ("建設・不動産", "Construction & real estate"),
    "scoring.cat.retail_wholesale": ("卸売・小売", "Wholesale & retail"),
    "scoring.cat.logistics": ("運輸・物流", "Logistics"),
    "scoring.cat.healthcare": ("医療・福祉", "Healthcare"),
    "scoring.cat.services": ("サービス", "Services"),
    "scoring.cat.energy": ("エネルギー", "Energy"),
    "scoring.cat.education": ("教育", "Education"),
    "scoring.cat.public": ("官公庁・団体", "Public sector"),
    "scoring.cat.other": ("その他", "Other"),
    "scoring.cat.unknown": ("不明", "Unknown"),
    # seniority
    "scoring.cat.executive": ("経営者（代表取締役・CxO）", "Executive (CEO, CxO)"),
    "scoring.cat.officer": ("役員（取締役・執行役員・VP）", "Officer (board, VP)"),
    "scoring.cat.head": ("本部長・部長・Director", "Head of a function / Director"),
    "scoring.cat.manager": ("副部長・次長", "Deputy department head"),
    "scoring.cat.section_manager": ("課長・Manager", "Section manager"),
    "scoring.cat.supervisor": ("係長・主任", "Supervisor / lead"),
    "scoring.cat.staff": ("担当者", "Staff"),
    "scoring.cat.student": ("学生・インターン", "Student / intern"),
    # departments
    "scoring.cat.management": ("経営", "Management"),
    "scoring.cat.corporate_planning": ("経営企画", "Corporate planning"),
    "scoring.cat.it": ("情報システム", "IT"),
    "scoring.cat.engineering": ("開発・技術", "Engineering / R&D"),
    "scoring.cat.marketing": ("マーケティング・広報", "Marketing"),
    "scoring.cat.sales": ("営業", "Sales"),
    "scoring.cat.accounting": ("経理・財務", "Accounting & finance"),
    "scoring.cat.production": ("製造・生産・品質", "Production & quality"),
    "scoring.cat.procurement": ("購買・調達", "Procurement"),
    "scoring.cat.hr_admin": ("人事・総務", "HR & admin"),
    "scoring.cat.legal": ("法務", "Legal"),
    # regions
    "scoring.cat.hokkaido": ("北海道", "Hokkaido"),
    "scoring.cat.tohoku": ("東北", "Tohoku"),
    "scoring.cat.kanto": ("関東", "Kanto"),
    "scoring.cat.chubu": ("中部", "Chubu"),
    "scoring.cat.kinki": ("近畿", "Kinki"),
    "scoring.cat.chugoku": ("中国", "Chugoku"),
    "scoring.cat.shikoku": ("四国", "Shikoku"),
    "scoring.cat.kyushu_okinawa": ("九州・沖縄", "Kyushu & Okinawa"),
    "scoring.cat.overseas": ("海外", "Overseas"),
    # flags
    "scoring.cat.yes": ("該当", "Yes"),
    "scoring.cat.no": ("非該当", "No"),
    # activity kinds
    "scoring.cat.page_view": ("ページ閲覧", "Page view"),
    "scoring.cat.pricing_page": ("料金ページ閲覧", "Pricing page"),
    "scoring.cat.download": ("資料ダウンロード", "Download"),
    "scoring.cat.webinar": ("ウェビナー参加", "Webinar"),
    "scoring.cat.event": ("展示会・イベント来場", "Event / trade show"),
    "scoring.cat.email_open": ("メール開封", "Email open"),
    "scoring.cat.email_click": ("メールクリック", "Email click"),
    "scoring.cat.form": ("フォーム送信", "Form submission"),
    "scoring.cat.demo_request": ("デモ依頼・問い合わせ", "Demo request / contact"),
    "scoring.cat.careers_page": ("採用ページ閲覧", "Careers page"),
    "scoring.cat.unsubscribe": ("配信停止", "Unsubscribe"),
    "scoring.cat.business_card": ("名刺交換", "Business card exchange"),
    # sales touches (abm.core.activities.SALES_KINDS)
    "scoring.cat.call": ("電話（営業）", "Call (sales)"),
    "scoring.cat.sales_email": ("メール（営業）", "Email (sales)"),
    "scoring.cat.meeting": ("商談・面談", "Meeting"),
    "scoring.cat.web_meeting": ("Web会議", "Web meeting"),
    "scoring.cat.visit": ("訪問（営業）", "Visit (sales)"),
    "scoring.cat.task": ("タスク・その他（営業）", "Task / other (sales)"),
    # tasks, prediction time, the back-test's definition
    "scoring.task": ("予測する成果", "What the score predicts"),
    "scoring.task_help": (
        "「商談化」はリードが商談になるか（商談の情報は入力に使いません）。「受注か失注か」は決着した商談のうち受注したか（予測時点までの商談の情報も使えます）。",
        "“Becomes an opportunity” asks whether a lead turns into a deal (deal facts are never inputs); “Won vs lost” asks, among decided deals, which were won (deal facts known at the prediction time may be inputs).",
    ),
    "scoring.task.converted": ("商談化（リード → 商談）", "Becomes an opportunity (lead → deal)"),
    "scoring.task.won_vs_lost": ("受注か失注か（決着した商談）", "Won vs lost (decided deals)"),
    "scoring.no_outcome": (
        "検証できる成果がありません。商談データ（フェーズだけの商談レポートでも可）か、商談化日・受注日の列を読み込むと表示されます。",
        "Nothing to check against yet. Load opportunities (a report with only the phase is enough) or opportunity / won dates to see this.",
    ),
    "scoring.no_linked": (
        "商談データ {opportunities} 件は読み込まれていますが、どのリードにも結びつかないため（人に結びつくのはメール・ID・氏名＋会社）、リードの成果として検証できません。データ画面で結びつき率を確認してください。",
        "{opportunities} opportunities are loaded, but none is linked to a lead (people link by e-mail, id, or name + company), so they cannot be any lead's outcome. Check the link rates on the Data page.",
    ),
    "scoring.one_class": (
        "成果のあるリードとないリード（または受注と失注）の両方が必要です。今のデータでは片方しかありません。",
        "Checking needs leads with and without the outcome (or both won and lost deals); the data has only one side.",
    ),
    "scoring.mode.created": ("作成から一定日数後", "Days after creation"),
    "scoring.mode.monthly": ("毎月の時点", "Each monthly snapshot"),
    "scoring.prediction": ("予測時点", "Prediction time"),
    "scoring.prediction_mode": ("いつ採点するか", "When each lead is scored"),
    "scoring.prediction_help": (
        "検証と重みの提案は、各リードをこの時点で分かっていたことだけで採点し、その後に起きたことと比べます。それより後の行動・商談は使いません。",
        "The back-test and the suggestion score each lead on what was known at this time only, and compare with what followed; no later activity or deal is used.",
    ),
    "scoring.prediction_days": ("作成から何日後に採点するか", "Days after creation"),
    "scoring.horizon_days": ("何日以内の商談化を成果とするか", "Opportunity within (days)"),
    "scoring.matrix_cuts": ("マトリクスの区切り", "Matrix bands"),
    "scoring.def.text": (
        "AUC・成果率・捕捉率の定義 — 成果: {outcome}。対象: {when}に採点した {leads} 件のリード（{rows} 行、成果あり {positives} 行）。予測時点の期間: {start}〜{end}。",
        "Definition of AUC, precision and recall — outcome: {outcome}. Leads: {leads} ({rows} rows, {positives} with the outcome), each scored {when}. Prediction times: {start} to {end}.",
    ),
    "scoring.def.cut_created.converted": (
        "リード作成から{days}日後",
        "{days} days after the lead was created",
    ),
    "scoring.def.cut_created.won_vs_lost": (
        "商談作成から{days}日後",
        "{days} days after the deal was created",
    ),
    "scoring.def.cut_monthly": (
        "毎月の時点（{snapshots} 回）",
        "at each monthly snapshot ({snapshots})",
    ),
    "scoring.def.outcome.converted": (
        "予測時点から{horizon}日以内に商談化したか",
        "became an opportunity within {horizon} days after the prediction time",
    ),
    "scoring.def.outcome.won_vs_lost": (
        "決着した商談が受注か失注か（未決着は含まない）",
        "a decided deal was won rather than lost (open deals left out)",
    ),
    "scoring.def.excluded": ("対象外: {reasons}。", "Left out: {reasons}."),
    "scoring.excl.no_created": ("作成日がない {count} 件", "{count} with no creation date"),
    "scoring.excl.undated_outcome": (
        "商談の日付が不明な {count} 件",
        "{count} whose opportunity has no date",
    ),
    "scoring.excl.decided_before": (
        "予測時点までに決着済みの {count} 件",
        "{count} decided by the prediction time",
    ),
    "scoring.excl.too_recent": (
        "期間がまだ終わっていない {count} 件",
        "{count} whose window is not over yet",
    ),
    "scoring.excl.undecided": ("商談が未決着の {count} 件", "{count} whose deal is still open"),
    "scoring.excl.before_log": (
        "予測時点が活動ログの開始より前の {count} 件",
        "{count} whose prediction time is before the activity log starts",
    ),
    "scoring.log_start_note": (
        "活動ログは {start} からです。予測時点がそれより前のリード {count} 件は、エンゲージメントが"
        "必ず0点になるため、この検証と重みの提案から除いています。",
        "The activity log starts on {start}: {count} leads whose prediction time is earlier "
        "would score 0 engagement by construction, so they are left out of this back-test and "
        "of the weight suggestion.",
    ),
    "scoring.backtest_needs": (
        "検証できる成果を読み込むと表示されます。",
        "Shown once there is an outcome to check against.",
    ),
    "scoring.backtest_empty": (
        "この予測時点と期間では、成果のあるリードとないリードの両方がそろいません。予測時点や期間を変えてみてください。",
        "At this prediction time and window there are not both leads with and without the outcome. Try another prediction time or window.",
    ),
    "scoring.auc": ("AUC", "AUC"),
    "scoring.auc_help": (
        "予測時点で採点したAUC。成果のあったリードを、なかったリードより上位に並べられた確率（0.5 = ランダム、1 = 完全）。合計点（フィット＋エンゲージメント＋商談）で、下の定義のリードについて計算します。",
        "AUC scored at the prediction time: how often the total score (fit + engagement + deal) ranks a lead that reached the outcome above one that did not (0.5 = random, 1 = perfect), over the leads defined below.",
    ),
    # engagement groups, opportunity facts
    "scoring.engagement_help": (
        "左: 行動1回あたりの点数（減衰前）。右: その種類で加算・減点できる上限。営業活動と結果は既定で0点です（重みの提案で学習できます）。",
        "Left: points per activity (before decay). Right: the most points that kind can add or deduct. Sales touches and their results score 0 by default (the suggestion can learn them).",
    ),
    "scoring.group.marketing": ("マーケティング行動", "Marketing activity"),
    "scoring.group.sales": ("営業活動（種別）", "Sales touches (by kind)"),
    "scoring.group.results": ("営業活動の結果", "Sales touch results"),
    "scoring.cat.result_appointment": ("結果: アポ獲得", "Result: appointment set"),
    "scoring.cat.result_connected": ("結果: 接続", "Result: connected"),
    "scoring.cat.result_no_answer": ("結果: 不在", "Result: no answer"),
    "scoring.cat.result_refused": ("結果: 拒否", "Result: refused"),
    "scoring.cat.result_done": ("結果: 完了", "Result: done"),
    "scoring.tab.deal": ("商談", "Deal"),
    "scoring.deal_help": (
        "予測時点までに分かっていた商談の情報です。「受注か失注か」の予測と検証にだけ使い、「商談化」には使いません（成果そのものだからです）。合計点に加わり、MQLの判定には使いません。",
        "What was known about deals by the prediction time. Used only for “Won vs lost”, never for “Becomes an opportunity” (there it is the outcome itself). Adds to the total score, not to the MQL rule.",
    ),
    "scoring.dim.deal_stage": ("到達ステージ", "Stage reached"),
    "scoring.dim.deal_age": ("商談の経過日数", "Deal age"),
    "scoring.dim.prior_win": ("同じ会社の過去の受注", "Earlier win at the account"),
    "scoring.cat.stage_none": ("なし", "None"),
    "scoring.cat.stage_mql": ("MQL", "MQL"),
    "scoring.cat.stage_sal": ("SAL", "SAL"),
    "scoring.cat.stage_sql": ("SQL", "SQL"),
    "scoring.cat.stage_opportunity": ("商談あり", "Opportunity"),
    "scoring.cat.age_none": ("商談なし", "No deal"),
    "scoring.cat.age_lt_30": ("30日未満", "Under 30 days"),
    "scoring.cat.age_30_90": ("30〜90日", "30–90 days"),
    "scoring.cat.age_90_180": ("90〜180日", "90–180 days"),
    "scoring.cat.age_ge_180": ("180日以上", "180 days or more"),
    "scoring.axis.deal": ("商談", "Deal"),
    # suggestion
    "scoring.suggest_help": (
        "上の検証と同じリード・同じ予測時点・同じ成果で学習します（会社ごとにまとめた交差検証）。提案の点数は各項目の最も低いカテゴリを0点とし、スライダーの範囲に収まるよう換算します。しきい値は今のMQL件数を保つように引き直します。",
        "Learns on the back-test's leads, prediction times and outcome (cross-validated by company). Each dimension's lowest category gets 0 points and the points are scaled into the sliders' range; the thresholds are refitted to keep today's MQL count.",
    ),
    "scoring.families": ("学習に使う情報", "Learn from"),
    "scoring.family": ("情報", "Source"),
    "scoring.family.fit": ("属性（フィット）", "Fit fields"),
    "scoring.family.marketing": ("マーケティング行動", "Marketing activity"),
    "scoring.family.sales": ("営業活動", "Sales activity"),
    "scoring.family.opportunity": ("商談の情報", "Deal facts"),
    "scoring.families_refused": (
        "商談の情報は「商談化」の予測には使えません（成果そのものです）。",
        "Deal facts cannot predict “Becomes an opportunity”: they are the outcome itself.",
    ),
    "scoring.auc_cv": ("交差検証AUC", "CV AUC"),
    "scoring.auc_cv_help": (
        "今の重みはこの履歴から学習した提案です。同じ履歴で採点すると実力以上に高く出るため、"
        "学習に使わなかった分割で採点した値を示します。",
        "The current weights are a suggestion learned from this history: scored on the same "
        "history they look better than they are, so this is their score on the folds they "
        "were not learned from.",
    ),
    "scoring.auc_in_sample": (
        "この重みは下の履歴から学習したものです。同じ履歴での AUC は {auc} ですが、学習に使わなかった"
        "履歴では {cv} です。会議では {cv} を使ってください。",
        "These weights were learned from the history below: on that same history their AUC is "
        "{auc}, on history they were not learned from {cv}. Quote {cv}.",
    ),
    "scoring.auc_in_sample_label": ("学習内AUC", "In-sample AUC"),
    "scoring.auc_in_sample_help": (
        "今の重みは、この履歴から学習した提案を手直ししたものです。学習に使った履歴で採点しているため、"
        "実力以上に高く出ます。",
        "The current weights are a suggestion learned from this history, changed since: they "
        "are scored on the history they were learned from, so they look better than they are.",
    ),
    "scoring.auc_in_sample_moved": (
        "この重みは下の履歴から学習した提案を手直ししたものです。同じ履歴での AUC {auc} は高めに出ます。"
        "適用した提案の、学習に使わなかった履歴での AUC は {cv} でした。今の重みの値は"
        "「重みを提案する」の比較（今の重み）で確かめてください。",
        "These weights are a suggestion learned from the history below, changed since: their "
        "AUC of {auc} on that same history flatters them. The suggestion as applied scored "
        "{cv} on history it was not learned from; for the current weights see the "
        "suggestion's comparison (current weights) under Suggest weights.",
    ),
    "scoring.suggest_not_better": (
        "学習に使わなかった履歴では、提案の重み（{suggested}）は同じ交差検証での今の重み（{current}）を"
        "上回りません。今の重みのままにすることをお勧めします。",
        "On history they were not learned from, the suggested weights ({suggested}) do no "
        "better than the current ones (cross-validated the same way: {current}): keeping the "
        "current weights is advised.",
    ),
    "scoring.warn.backtest_few": (
        "この成果に達したのは {rows} 件中 {positives} 件だけです。この AUC は偶然で大きく動くため、"
        "判断には使わないでください（目安は {needed} 件以上）。ほかの成果を選べる場合は、"
        "そちらでも確かめてください。",
        "Only {positives} of {rows} rows reached this outcome: the AUC moves a lot by chance, "
        "do not decide on it (aim for {needed} or more). Check another outcome too if one is "
        "offered.",
    ),
    "scoring.auc_suggested": (
        "提案の重みの AUC（交差検証）",
        "AUC of the suggested weights (cross-validated)",
    ),
    "scoring.auc_suggested_help": (
        "同じ分割での今の重みは {current}。差は今の重みとの比較です。",
        "The current weights score {current} on the same folds; the delta compares with them.",
    ),
    "scoring.suggest_on": (
        "上の検証と同じ成果・リード・期間で比較しています（会社ごとにまとめた交差検証）。ここでのAUCは"
        "{folds}つの分割それぞれのAUCの平均なので、今の重みはここでは{current}、全リードをまとめて採点する"
        "上の検証では{overall}です。差は、提案の重みと今の重みを同じ分割どうしで比べたものです。",
        "Compared on the back-test's outcome, leads and period (cross-validated by company). "
        "Each AUC here is the mean over {folds} folds, so the current weights read {current} "
        "here and {overall} in the back-test above, which scores all its leads at once; the "
        "delta compares the suggested and the current weights on the same folds.",
    ),
    "scoring.auc_delta": (
        "{delta}（同じ分割での今の重み {current} との差）",
        "{delta} vs the current weights' {current} on the same folds",
    ),
    "scoring.preview": ("適用すると変わること", "What applying would change"),
    "scoring.preview.entered": ("提案でMQLになるリード", "Leads the suggestion makes MQL"),
    "scoring.preview.left": ("提案でMQLから外れるリード", "Leads the suggestion drops from MQL"),
    "scoring.preview.accounts": ("提案で影響を受ける会社", "Accounts the suggestion affects"),
    "scoring.preview_thresholds": (
        "提案のしきい値: フィット ≥ {fit}、エンゲージメント ≥ {eng}（MQL {before} 件 → {after} 件）",
        "Suggested thresholds: fit ≥ {fit}, engagement ≥ {eng} (MQLs {before} → {after})",
    ),
    "scoring.suggested_points": ("提案された点数", "Suggested points"),
    "scoring.rule": ("ルール", "Rule"),
    "scoring.support": ("該当行数", "Rows"),
    "scoring.learned": ("備考", "Note"),
    "scoring.few_rows": ("該当が少ないため0点", "Too few rows: 0 points"),
    "scoring.err.family_leak": (
        "商談の情報は「商談化」の予測には使えません（成果そのものです）。",
        "Deal facts cannot be inputs for “Becomes an opportunity”: they are the outcome itself.",
    ),
    "scoring.err.unknown_family": (
        "学習に使えない情報の種類です。",
        "That is not a kind of input the model learns from.",
    ),
    # one lead's breakdown
    "scoring.lead": ("リードごとの内訳", "One lead's points"),
    "scoring.lead_search": ("会社名・リードIDで絞り込み", "Filter by company or lead id"),
    "scoring.lead_pick": ("リード（合計点の高い順）", "Lead (highest total first)"),
    "scoring.lead_none": ("該当するリードがありません。", "No lead matches."),
    "scoring.lead_unnamed": ("（会社名なし）", "(no company)"),
    "scoring.lead_fit": ("フィット", "Fit"),
    "scoring.lead_engagement": ("エンゲージメント", "Engagement"),
    "scoring.lead_deal": ("商談点", "Deal points"),
    "scoring.lead_grade": ("ランク", "Grade"),
    "scoring.lead_metric_help": ("選んだリードの点数です。", "The picked lead's points."),
    "scoring.lead_axis": ("軸", "Axis"),
    "scoring.lead_count": ("回数（減衰後）", "Count (decayed)"),
    "scoring.lead_sum": (
        "各軸の点数の合計がその軸のスコアです。行動は「回数 × 1回の点数」を上限で打ち切った値です。",
        "Each axis's points add up to its score; an activity's points are count × points per activity, capped.",
    ),
    # without data
    "scoring.no_data": (
        "共有されたモデル（またはワークスペースのモデル）を表示しています。データを読み込むと、このモデルで採点します。",
        "Showing the shared (or saved) model. Load data to score leads with it.",
    ),
    "scoring.load_data": ("データを読み込む", "Load data"),
    # bands
    "scoring.band.lt": ("{value}未満", "under {value}"),
    "scoring.band.range": ("{low}〜{high}未満", "{low} to under {high}"),
    "scoring.band.ge": ("{value}以上", "{value} or more"),
    # page
    "scoring.intro": (
        "属性（フィット）と行動（エンゲージメント）を別々に採点し、両方が基準を超えたリードをスコアMQLとします（ファネルのMQLはエクスポートのステージから数えます）。スライダーを動かすとすぐに再計算し、各リードを予測時点で分かっていたことだけで採点して、その後の商談化・受注と比べます。",
        "Fit (who they are) and engagement (what they do) are scored separately; a lead is a score MQL when both clear their thresholds (the Funnel counts MQLs from your exports' stages). Every slider rescores instantly, and each lead is checked on what was known at its prediction time against the opportunities and wins that followed.",
    ),
    "scoring.sliders": ("配点ルール", "Scoring rules"),  # one line in the left column
    "scoring.tab.fit": ("フィット", "Fit"),
    "scoring.tab.engagement": ("行動", "Engagement"),  # 行動履歴: short enough for three tabs
    "scoring.tab.rules": ("ルール", "Rules"),  # thresholds, decay, prediction: four tabs fit
    "scoring.penalties": ("減点（フリーメール・競合）", "Penalties (free mail, competitors)"),
    "scoring.competitors": (
        "競合のドメインまたは社名（1行に1つ）",
        "Competitor domains or company names (one per line)",
    ),
    "scoring.competitors_help": (
        "メールのドメイン（例: rival.co.jp）または会社名。会社名は株式会社などを除いて照合します。",
        "Email domains (e.g. rival.co.jp) or company names; names are matched without legal forms such as 株式会社 or Inc.",
    ),
    "scoring.cap": ("上限", "Cap"),
    "scoring.half_life": ("半減期（日）", "Half-life (days)"),
    "scoring.half_life_help": (
        "行動の点数がこの日数ごとに半分になります。0 は減衰なし。",
        "An activity's points halve every this many days; 0 means no decay.",
    ),
    "scoring.fit_threshold": ("MQLのフィットしきい値", "MQL fit threshold"),
    "scoring.engagement_threshold": ("MQLのエンゲージメントしきい値", "MQL engagement threshold"),
    "scoring.letter_axis": ("マトリクスの文字（A〜D）にする軸", "Axis shown as the letter (A–D)"),
    "scoring.axis.fit": ("フィット", "Fit"),
    "scoring.axis.engagement": ("エンゲージメント", "Engagement"),
    "scoring.reset": ("既定値に戻す", "Reset to defaults"),
    "scoring.revert": ("保存済みに戻す", "Back to saved"),
    "scoring.mql_count": ("スコアMQL", "Score MQLs"),
    "scoring.mql_count_help": (
        "このスコアの両方のしきい値を超えるリードの数です。ファネルやギャップ画面のMQLは、エクスポートのステージ（ライフサイクル）から数えた別の数です。",
        "Leads over both of this score's thresholds. The MQLs of the Funnel and Gap pages are another count: from the stages (lifecycle) in your exports.",
    ),
    "scoring.mql_share": ("スコアMQL率", "Score-MQL share"),
    "scoring.leads": ("採点したリード", "Leads scored"),
    "scoring.linked_activities": ("採点した行動", "Activities scored"),
    "scoring.no_engagement": (
        "採点した{count}件の行動に、エンゲージメントの点がつくものがありません。営業の接点（電話・訪問・商談など）は"
        "初期設定で0点です（営業の働きかけを測ることになり、バックテストでは成果を先取りしてしまうため）。"
        "エンゲージメントはリード自身の行動（Web閲覧・フォーム・メール・イベント・名刺交換）で数えます。"
        "営業の接点も数えるなら「配点ルール」の「行動」で点をつけてください。",
        "None of the {count} activities scored earns engagement points. Sales touches (calls, "
        "visits, meetings…) score 0 by default: they measure sales' effort, and in the back-test "
        "they would give the outcome away. Engagement counts the lead's own behaviour (web "
        "visits, forms, e-mail, events, card exchanges); give sales touches points under the "
        "scoring rules' activities to count them.",
    ),
    "scoring.no_engagement_totals": (
        "リードのWeb訪問数・フォーム送信数は日付のない累計のため採点には使いません（施策の比較・企業ページで使います）。"
        "行動履歴（MAの行動ログ）を読み込むと採点できます。",
        "The visits and form submissions on the lead records are totals without dates, so they "
        "are not scored (the gap and accounts pages use them); load the activity history (the "
        "MA's activity log) to score them.",
    ),
    "scoring.line.thresholds": (
        "MQLしきい値: 適合度 {fit}／エンゲージメント {eng}",
        "MQL thresholds: fit {fit} / engagement {eng}",
    ),
    "scoring.unlinked": (
        "分析対象のリード（名寄せ・除外の後）に結びつかない行動 {count} 件は採点していません"
        "（営業対象外の人の行動を含むため、データ画面の「結びつかない行」より多いことがあります）。",
        "{count} activities match no lead analysed (after cleaning) and are not scored — "
        "excluded people's activities among them, so this may exceed the Data page's "
        "unlinked rows.",
    ),
    "scoring.outcome.opportunity": ("商談化", "Became an opportunity"),
    "scoring.outcome.won": ("受注", "Won"),
    "scoring.matrix": ("スコアマトリクス", "Score matrix"),
    "scoring.legend": (
        "凡例 — 文字 = {letters}（{lbands}）／数字 = {digits}（{dbands}）",
        "Legend — letter = {letters} ({lbands}); digit = {digits} ({dbands})",
    ),
    "scoring.best": ("最上位", "best"),
    "scoring.conv_short": ("成果率", "conv."),
    "scoring.threshold": ("しきい値", "threshold"),
    "scoring.points": ("点数", "Points"),
    "scoring.backtest": ("過去データでの検証", "Back-test against history"),
    "scoring.precision": ("MQLの成果率", "MQL precision"),
    "scoring.recall": ("成果の捕捉率", "Recall"),
    "scoring.lift": ("リフト", "Lift"),
    "scoring.decile": ("スコア十分位（1 = 上位10%）", "Score decile (1 = top 10%)"),
    "scoring.conversion": ("成果率", "Conversion"),
    "scoring.base_rate": ("全体平均", "base rate"),
    "scoring.capacity": ("営業が対応できるリード数（月）", "Leads sales can work per month"),
    "scoring.capacity_result": (
        "この件数に収まる最良のしきい値: フィット ≥ {fit}、エンゲージメント ≥ {eng}（月 {per_month} 件、成果率 {precision}、捕捉率 {recall}）",
        "Best thresholds within this capacity: fit ≥ {fit}, engagement ≥ {eng} ({per_month} a month, precision {precision}, recall {recall})",
    ),
    "scoring.capacity_help": (
        "既定値は、検証期間に今のしきい値で月に出たMQL数と、検証したリードの上位10%（月あたり）の"
        "多い方です。",
        "By default the larger of the MQLs a month the current thresholds gave over the "
        "back-test's period and the top tenth of the back-test's leads a month.",
    ),
    "scoring.capacity_too_few": (
        "この件数では、月1件以上・MQL {min_leads} 件以上・うち成果 {min_positives} 件以上になる"
        "しきい値がないため、提案しません。対応できる件数を増やすか、成果の多い期間で確かめてください。",
        "No thresholds within this capacity give at least one lead a month, {min_leads} MQLs "
        "and {min_positives} outcomes among them in the back-test: none is proposed. Raise the "
        "capacity, or check on a period with more outcomes.",
    ),
    "scoring.backtest_mqls": (
        "検証でMQLになったリード: {mql} 件（うち成果 {positives} 件、成果ありは全体で {all} 件）。"
        "成果率とリフトはこの {mql} 件で計算しています。",
        "Back-test leads that were MQLs: {mql} ({positives} reached the outcome, of {all} "
        "that did overall). Precision and lift are computed on these {mql}.",
    ),
    "scoring.mql_too_few": (
        "MQLの成果率とリフトは表示しません: 検証でMQLになったリードが {mql} 件（うち成果 {positives} 件）"
        "しかなく、1件で大きく変わるためです（目安: MQL {min_leads} 件以上、うち成果 {min_positives} 件以上）。",
        "MQL precision and lift are not shown: only {mql} back-test leads were MQLs ({positives} "
        "reached the outcome), so one lead swings them (they need {min_leads} MQLs with "
        "{min_positives} outcomes).",
    ),
    "scoring.capacity_exceeded": (
        "最も厳しいしきい値でも対応件数を超えます。",
        "Even the strictest thresholds exceed this capacity.",
    ),
    "scoring.apply_thresholds": ("このしきい値を適用", "Apply these thresholds"),
    "scoring.suggest": (
        "重みの提案（ロジスティック回帰）",
        "Suggested weights (logistic regression)",
    ),
    "scoring.suggest_run": ("重みを提案する", "Suggest weights"),
    "scoring.suggest_running": ("学習中…", "Learning…"),
    "scoring.apply_suggested": ("提案された重みを適用", "Apply suggested weights"),
    "scoring.excluded": (
        "学習に使わなかった列（{count}）",
        "Columns not used for learning ({count})",
    ),
    "scoring.column": ("列", "Column"),
    "scoring.reason": ("理由", "Reason"),
    "scoring.changed": ("保存済みモデルとの違い", "What changed vs the saved model"),
    "scoring.entered": ("MQLになったリード", "Leads entering MQL"),
    "scoring.left": ("MQLから外れたリード", "Leads leaving MQL"),
    "scoring.accounts_changed": ("影響を受けた会社", "Accounts affected"),
    "scoring.change": ("変化", "Change"),
    "scoring.col.company": ("会社名", "Company"),
    "scoring.col.title": ("役職", "Title"),
    "scoring.fit_before_after": ("フィット（前 → 後）", "Fit (before → after)"),
    "scoring.eng_before_after": ("エンゲージメント（前 → 後）", "Engagement (before → after)"),
    "scoring.reason_points": ("点数の変化", "Points change"),
    "scoring.no_change": (
        "保存済みモデルとMQLの顔ぶれは同じです。",
        "Same MQLs as the saved model.",
    ),
    "scoring.model_file": ("モデルの保存と共有", "Save and share the model"),
    "scoring.download": ("モデルをJSONで保存", "Download model (JSON)"),
    "scoring.save_baseline": ("基準として保存", "Save as baseline"),
    "scoring.save_help": (
        "ワークスペースの設定に保存し、「保存済みモデルとの違い」の比較基準にします。",
        "Stores the model in the workspace settings and makes it the baseline for “What changed”.",
    ),
    "scoring.saved": ("モデルをワークスペースに保存しました。", "Model saved to the workspace."),
    "scoring.upload": ("モデルのJSONを読み込む", "Load a model JSON"),
    "scoring.loaded": ("モデルを読み込みました。", "Model loaded."),
    "scoring.share_help": (
        "このリンクを開くと同じ重みで表示されます（既定値との差分だけをURLに入れています。データは含みません）。",
        "Opening this link shows the same weights (only the difference from the defaults is in the URL; no data).",
    ),
    "scoring.download_scores": ("スコア一覧をCSVで保存", "Download scores (CSV)"),
    "scoring.change.entered": ("MQLに追加", "Entered MQL"),
    "scoring.change.left": ("MQLから除外", "Left MQL"),
}
