"""Strings for accounts (roll-up, roles, tiers, actions, ABM fit) and safe export."""

STRINGS: dict[str, tuple[str, str]] = {
    # errors
    "export.err.unencodable": (
        "CP932で表せない文字が{count}個あります（最初: {row}行目・列「{column}」）。UTF-8で出力してください。",
        "{count} characters cannot be written in CP932 (first: row {row}, column “{column}”). Export as UTF-8 instead.",
    ),
    # roles
    "accounts.role.decision_maker": ("意思決定者", "Decision maker"),
    "accounts.role.budget_holder": ("予算責任者", "Budget holder"),
    "accounts.role.technical_evaluator": ("IT・技術評価者", "IT / technical evaluator"),
    "accounts.role.user_department": ("利用部門", "User department"),
    "accounts.role.procurement": ("購買・調達", "Procurement"),
    # tiers
    "accounts.tier.tier_1": ("Tier 1（1:1）", "Tier 1 (1:1)"),
    "accounts.tier.tier_2": ("Tier 2（1:少数）", "Tier 2 (1:few)"),
    "accounts.tier.tier_3": ("Tier 3（1:多数）", "Tier 3 (1:many)"),
    "accounts.tier.none": ("ティアなし", "No tier"),
    # the same tiers on a narrow tile (the engagement model goes to its help)
    "accounts.tier_short.tier_1": ("Tier 1", "Tier 1"),
    "accounts.tier_short.tier_2": ("Tier 2", "Tier 2"),
    "accounts.tier_short.tier_3": ("Tier 3", "Tier 3"),
    "accounts.tier_short.none": ("ティアなし", "No tier"),
    # reasons (params: the account's numbers and the thresholds)
    "accounts.reason.score_high": (
        "スコア{score:.0f}（Tier 1基準{tier1_score:.0f}以上）",
        "Score {score:.0f} (Tier 1 needs {tier1_score:.0f})",
    ),
    "accounts.reason.fit_high": ("適合度が高い（{fit:.0f}）", "Strong fit ({fit:.0f})"),
    "accounts.reason.engaged": (
        "反応している担当者{engaged}人（全{contacts}人）",
        "{engaged} engaged contacts (of {contacts})",
    ),
    "accounts.reason.coverage_good": (
        "購買関与者のカバー率{coverage:.0f}%",
        "Buying-committee coverage {coverage:.0f}%",
    ),
    "accounts.reason.pipeline_open": (
        "進行中の商談 {pipeline_text}",
        "Open pipeline {pipeline_text}",
    ),
    "accounts.reason.customer": ("既存顧客", "Existing customer"),
    "accounts.reason.score_below": (
        "スコア{score:.0f}が{target}の基準{target_score:.0f}未満",
        "Score {score:.0f} is below {target_score:.0f} needed for {target}",
    ),
    "accounts.reason.fit_unknown": (
        "従業員数・売上が不明で適合度を判定できない",
        "Fit unknown: no employee or revenue data",
    ),
    "accounts.reason.fit_below": (
        "適合度{fit:.0f}が{target}の基準{target_fit:.0f}未満",
        "Fit {fit:.0f} is below {target_fit:.0f} needed for {target}",
    ),
    "accounts.reason.coverage_below": (
        "カバー率{coverage:.0f}%が基準{target_coverage:.0f}%未満（不足: {missing}）",
        "Coverage {coverage:.0f}% is below {target_coverage:.0f}% (missing: {missing})",
    ),
    "accounts.reason.no_engagement": ("反応している担当者がいない", "No engaged contacts"),
    "accounts.reason.excluded": (
        "営業対象外（{reason}）のためターゲットにしない",
        "Excluded ({reason}): never a target",
    ),
    "accounts.reason.ranked": (
        "スコア順で{rank:,}位（ターゲットになりうる{rank_of:,}社中）、{tier}の枠{capacity:,}社以内",
        "Rank {rank:,} of {rank_of:,} targetable accounts by score, within the {capacity:,} places of {tier}",
    ),
    "accounts.reason.capacity_full": (
        "{target}の基準は満たすが、枠{target_capacity:,}社は上位の企業で埋まっている",
        "Meets the minimums of {target}, but its {target_capacity:,} places go to higher-ranked accounts",
    ),
    # actions
    "accounts.action.whitespace": (
        "未開拓（適合度が高いのに反応なし）",
        "Whitespace (high fit, no engagement)",
    ),
    "accounts.action.engaged_no_sales": ("反応ありだが営業未接触", "Engaged, no sales touch"),
    "accounts.action.stalled_pipeline": (
        "商談中だが最近の活動なし",
        "Open pipeline, no recent activity",
    ),
    "accounts.action.expansion": ("既存顧客の拡大シグナル", "Customers with expansion signals"),
    "accounts.action.whitespace.help": (
        "営業と一緒に最初の接点（紹介・イベント招待・役員向け手紙）を計画しましょう。",
        "Plan a first touch with sales: referral, event invitation, executive letter.",
    ),
    "accounts.action.engaged_no_sales.help": (
        "インサイドセールスに渡し、今週中に連絡しましょう。",
        "Hand to inside sales and call this week.",
    ),
    "accounts.action.stalled_pipeline.help": (
        "担当営業に次のステップを確認し、関係者向けのコンテンツで支援しましょう。",
        "Ask the owner for the next step; support with content for the committee.",
    ),
    "accounts.action.expansion.help": (
        "カスタマーサクセスと別部門・上位プランの提案を検討しましょう。",
        "Plan a cross-sell or upgrade with customer success.",
    ),
    # ABM fit: verdicts
    "accounts.fit.verdict.good": ("ABMに向いています", "ABM is a good fit"),
    "accounts.fit.verdict.partial": (
        "ABMは一部の顧客層に向いています",
        "ABM fits part of the business",
    ),
    "accounts.fit.verdict.poor": ("ABMは向いていません", "ABM is a poor fit"),
    "accounts.fit.verdict.insufficient": (
        "判定に必要なデータが足りません",
        "Not enough data for a verdict",
    ),
    # ABM fit: indicators
    "accounts.fit.ind.large_won_share": (
        "大企業からの受注額の割合",
        "Share of won revenue from large accounts",
    ),
    "accounts.fit.ind.large_pipeline_share": (
        "大企業からの商談額の割合",
        "Share of open pipeline from large accounts",
    ),
    # over customers and accounts with an open deal: an account whose deals were all lost is
    # no buyer (QA-N: 「商談・受注のある企業」 read as any deal, 78 beside 148 with a deal)
    "accounts.fit.ind.median_contacts": (
        "顧客・商談中の企業あたりの担当者数（中央値）",
        "Median contacts per customer or open-deal account",
    ),
    "accounts.fit.ind.median_departments": (
        "顧客・商談中の企業あたりの部署数（中央値）",
        "Median departments per customer or open-deal account",
    ),
    # no customer and no open deal in the data: over every account with contacts
    "accounts.fit.ind_all.median_contacts": (
        "担当者のいる企業あたりの担当者数（中央値）",
        "Median contacts per account with contacts",
    ),
    "accounts.fit.ind_all.median_departments": (
        "担当者のいる企業あたりの部署数（中央値）",
        "Median departments per account with contacts",
    ),
    "accounts.fit.ind.deal_spread": (
        "商談規模のばらつき（P90/P10）",
        "Deal-size spread (P90 / P10)",
    ),
    "accounts.fit.ind.small_buyer_share": (
        "中小企業・大学の顧客の割合",
        "Share of SMB and university buyers",
    ),
    "accounts.fit.status.good": ("良い", "Good"),
    "accounts.fit.status.partial": ("中間", "Partial"),
    "accounts.fit.status.poor": ("弱い", "Poor"),
    "accounts.fit.status.unknown": ("データなし", "No data"),
    "accounts.fit.band.large": ("大企業", "Large"),
    "accounts.fit.band.mid": ("中堅", "Mid-size"),
    "accounts.fit.band.smb": ("中小企業", "SMB"),
    "accounts.fit.band.university": ("大学・研究機関", "University / research"),
    "accounts.fit.band.unknown": ("規模不明", "Size unknown"),
    # ABM fit: next steps
    "accounts.fit.next.good": (
        "営業と一緒にTier 1の候補を{t1_lo}〜{t1_hi}社選び、購買関与者ごとの接点計画を作りましょう。"
        "Tier 2（1:少数）は{t2_lo}〜{t2_hi}社、Tier 3（1:多数）は{t3_lo:,}〜{t3_hi:,}社が目安です。",
        "Pick {t1_lo}–{t1_hi} Tier 1 candidates with sales and plan touches per buying-committee role; "
        "{t2_lo}–{t2_hi} accounts for Tier 2 (1:few) and {t3_lo:,}–{t3_hi:,} for Tier 3 (1:many) are typical.",
    ),
    "accounts.fit.next.partial": (
        "大企業の顧客層だけをABMの対象にし（Tier 1は{t1_lo}〜{t1_hi}社まで）、残りはデマンドジェネレーション（定置網）で続けましょう。",
        "Run ABM only for the large-account segment (Tier 1: {t1_lo}–{t1_hi} accounts at most); keep demand generation (the fixed net) for the rest.",
    ),
    "accounts.fit.next.poor": (
        "ABMより、リード獲得とスコアリングによるデマンドジェネレーションに投資しましょう。",
        "Invest in demand generation (lead capture and scoring) rather than ABM.",
    ),
    "accounts.fit.next.insufficient": (
        "商談データ（金額・受注）と企業規模（従業員数・売上）を読み込むと判定できます。",
        "Load opportunities (amount, won) and company size (employees, revenue) to get a verdict.",
    ),
    "accounts.fit.next.large_won_share": (
        "受注の多くが大企業以外から来ています。大企業の受注事例を作れるか営業と確認しましょう。",
        "Most won revenue comes from smaller accounts: check with sales whether large-account wins are realistic.",
    ),
    "accounts.fit.next.large_pipeline_share": (
        "大企業の商談が少ない状態です。ターゲット企業リストを作り、営業と共有しましょう。",
        "Little pipeline from large accounts: build a target account list with sales.",
    ),
    # a partial share is not "little" (QA-K)
    "accounts.fit.next.large_pipeline_share_partial": (
        "進行中の商談のうち、大企業のものは一部にとどまります。ターゲット企業リストを作り、営業と共有しましょう。",
        "Only part of the open pipeline is with large accounts: build a target account list with sales.",
    ),
    "accounts.fit.next.median_contacts": (
        "1社あたりの接点が少ないです。同じ会社の別の担当者にも届く施策を増やしましょう。",
        "Few contacts per account: add programmes that reach more people in the same company.",
    ),
    "accounts.fit.next.median_departments": (
        "関与部署が少ないです。情報システム・経理・購買など他部署の接点を作りましょう。",
        "Few departments per account: reach IT, finance and procurement as well.",
    ),
    # the spread as the page shows it: "nearly uniform" only up to 2.0× (fit.UNIFORM_SPREAD)
    "accounts.fit.next.deal_spread": (
        "商談規模がほぼ一定です（P90/P10 {deal_spread:.1f}×）。単一商品の取引ならABMの効果は限定的です。",
        "Deal sizes are nearly uniform (P90/P10 {deal_spread:.1f}×): for a single-product sale ABM adds little.",
    ),
    "accounts.fit.next.deal_spread_moderate": (
        "大きな商談は小さな商談の約{deal_spread:.1f}倍です（P90/P10）。"
        "大型案件を発注できる企業をTier 1に選びましょう。",
        "Large deals are about {deal_spread:.1f}× the small ones (P90/P10): "
        "pick Tier 1 from the accounts that can place the large ones.",
    ),
    "accounts.fit.next.small_buyer_share": (
        "中小企業や大学の顧客が多く、少人数で決まる市場です。ABMは大企業の一部に絞りましょう。",
        "Many SMB or university buyers decide with 1–3 people: keep ABM, if any, to a few large accounts.",
    ),
    # a partial share is not "many" (QA-K)
    "accounts.fit.next.small_buyer_share_partial": (
        "顧客の一部は中小企業や大学です。ABMは大企業に絞り、それ以外はデマンドジェネレーションで対応しましょう。",
        "Part of the buyers are SMBs or universities: keep ABM to the large accounts and serve the rest with demand generation.",
    ),
    # ABM fit: what the data shows, when the verdict is poor (no ABM advice beside it, QA-I)
    "accounts.fit.seen.large_won_share": (
        "受注額の多くは、大企業以外の企業からです。",
        "Most won revenue comes from smaller accounts.",
    ),
    "accounts.fit.seen.large_pipeline_share": (
        "進行中の商談のうち、大企業のものはわずかです。",
        "Little of the open pipeline is with large accounts.",
    ),
    "accounts.fit.seen.large_pipeline_share_partial": (
        "進行中の商談のうち、大企業のものは一部です。",
        "Part of the open pipeline is with large accounts.",
    ),
    "accounts.fit.seen.median_contacts": (
        "顧客・商談中の企業で把握できている担当者は、1社あたり少数です。",
        "Customers and accounts with an open deal have few known contacts each.",
    ),
    "accounts.fit.seen.median_departments": (
        "顧客・商談中の企業で関わっている部署は、1社あたり少数です。",
        "Few departments are involved per customer or open-deal account.",
    ),
    "accounts.fit.seen.deal_spread": (
        "商談規模はほぼ一定で（P90/P10 {deal_spread:.1f}×）、特に大きな案件はあまりありません。",
        "Deal sizes are nearly uniform (P90/P10 {deal_spread:.1f}×): there are few much larger deals to single out.",
    ),
    "accounts.fit.seen.deal_spread_moderate": (
        "大きな商談は小さな商談の約{deal_spread:.1f}倍で（P90/P10）、ばらつきは中程度です。",
        "Large deals are about {deal_spread:.1f}× the small ones (P90/P10): a moderate spread.",
    ),
    "accounts.fit.seen.small_buyer_share": (
        "顧客の多くは中小企業や大学で、1〜3人で購入が決まる市場です。",
        "Most buyers are SMBs or universities, where 1–3 people decide.",
    ),
    "accounts.fit.seen.small_buyer_share_partial": (
        "顧客の一部は中小企業や大学で、少人数で購入が決まります。",
        "Part of the buyers are SMBs or universities, where a few people decide.",
    ),
    # charts
    "accounts.chart.accounts": ("企業数", "Accounts"),
    "accounts.chart.covered": ("あり", "yes"),
    "accounts.chart.missing": ("なし", "no"),
    "accounts.chart.of_good": ("「良い」基準に対する割合", "Share of the ‘good’ threshold"),
    "accounts.chart.pipeline": ("進行中の商談額", "Open pipeline"),
    "accounts.chart.won": ("受注額", "Won revenue"),
    # engagement methods, presets, encodings
    "accounts.method.sum": ("合計", "Sum"),
    "accounts.method.decayed": ("減衰あり", "Decayed"),
    "accounts.method.breadth": ("広がり重視", "Breadth-weighted"),
    "accounts.preset.list": ("ターゲット一覧（日本語）", "Target list (readable)"),
    "accounts.preset.mori": ("Mori標準（コード）", "Mori (codes, all columns)"),
    "accounts.page.preset_help": (
        "「ターゲット一覧」は会議で読む形式（日本語の見出し・Tier名・理由の文章）。"
        "「Mori標準」は再読み込み用のコード形式。CRMインポート用は各CRMのインポート画面が"
        "対応付ける英語の列名のままです。",
        "“Target list” is the one to read in a meeting (tier names, reasons as sentences). "
        "“Mori” keeps codes for re-use. The CRM imports keep the English column names their "
        "import wizards map.",
    ),
    "accounts.export.rank": ("順位", "Rank"),
    "accounts.export.account": ("企業名", "Account"),
    "accounts.export.tier": ("Tier", "Tier"),
    "accounts.export.score": ("スコア", "Score"),
    "accounts.export.fit": ("適合度", "Fit"),
    "accounts.export.contacts": ("接点数（人）", "Contacts (people)"),
    "accounts.export.engaged": ("反応者数（人）", "Engaged (people)"),
    "accounts.export.coverage": ("カバー率（%）", "Coverage (%)"),
    "accounts.export.missing": ("不足している役割", "Missing roles"),
    "accounts.export.opportunities": ("商談数", "Opportunities"),
    "accounts.export.pipeline": ("進行中の商談額（{unit}）", "Open pipeline ({unit})"),
    "accounts.export.won": ("受注額（{unit}）", "Won revenue ({unit})"),
    "accounts.export.why": ("このTierの理由", "Why this tier"),
    "accounts.export.why_not": ("上のTierに届かない理由", "Why not the next tier"),
    "accounts.export.domain": ("ドメイン", "Domain"),
    "accounts.export.id": ("企業ID", "Account ID"),
    "accounts.preset.hubspot": ("HubSpot 会社インポート", "HubSpot company import"),
    "accounts.preset.salesforce": ("Salesforce 取引先インポート", "Salesforce account import"),
    "accounts.encoding.utf-8-sig": ("UTF-8（BOM付き）", "UTF-8 (with BOM)"),
    "accounts.encoding.cp932": ("Shift_JIS（CP932）", "Shift_JIS (CP932)"),
    # accounts page
    "accounts.page.intro": (
        "名寄せしたリードを企業単位にまとめ、適合度・反応・購買関与者のカバー率・商談からTierを決めます。理由はすべて表示します。",
        "Leads rolled up to accounts; tiers from fit, engagement, buying-committee coverage and pipeline — every tier with its reasons.",
    ),
    "accounts.page.key_existing": (
        "企業の単位: 読み込んだデータの企業ID。",
        "Accounts: the account id in the loaded data.",
    ),
    "accounts.page.key_resolved": (
        "企業の単位: 名寄せ（会社名・ドメイン・法人番号）の結果。",
        "Accounts: matched by company matching (名寄せ: company name, domain, corporate number).",
    ),
    "accounts.page.key_fallback": (
        "企業の単位: 会社名（法人格を除いた簡易キー）。名寄せを行うとより正確になります。",
        "Accounts: simple company-name key (legal forms removed). Run company matching (名寄せ) for better matching.",
    ),
    "accounts.page.unlinked": (
        "どのリードにも結び付かない行動 {activities:,}件、会社名のないリード {leads:,}件は集計に含めていません（企業だけに結び付いた行動は、その企業の最終活動日と営業接触には数えます）。",
        "{activities:,} activities matched no lead and {leads:,} leads have no company; they are not in the roll-up (an activity linked to an account alone still dates its last activity and counts as a sales touch).",
    ),
    "accounts.page.settings": ("集計とTierの設定", "Roll-up and tier settings"),
    "accounts.page.method": ("反応の集計方法", "Engagement roll-up"),
    "accounts.page.method_help": (
        "担当者の行動を種類ごとの重みで数えます。重みはリードスコアの既定の配点をWebページ閲覧の"
        "配点で割ったもの（{weights}）。営業の接触、メール開封、ツールが送ったメールなどは 0、"
        "スコアで減点する行動（採用ページ・配信停止）も 0 です。スコアリング画面で配点を動かしても"
        "この重みは変わりません。「減衰あり」は古い行動ほど半減期に従って軽く、「広がり重視」は"
        "反応している担当者が多い企業をさらに重くします。",
        "People's activities count by kind: each kind's default lead-score points over a page "
        "view's ({weights}). Sales touches, e-mail opens and e-mails the tool sent weigh 0, and "
        "so do the kinds the score takes points away for (careers page, unsubscribe). Moving "
        "the scoring page's sliders does not change these weights. “Decayed” weighs older "
        "activities less by the half-life; “Breadth-weighted” adds weight for each further "
        "engaged contact.",
    ),
    "accounts.page.half_life": ("半減期（日）", "Half-life (days)"),
    "accounts.page.required_roles": ("必要な購買関与者", "Required buying-committee roles"),
    "accounts.page.target_industries": ("対象業種（ICP）", "Target industries (ICP)"),
    "accounts.page.target_industries_all": (
        "業種で区別しない",
        "All industries alike",
    ),
    "accounts.page.target_industries_help": (
        "選んだ業種の企業は適合度をそのまま、ほかの業種の企業は右の係数を掛けた値にします"
        "（業種の分からない企業もほかの業種として扱います）。空欄なら業種では区別しません。"
        "業種の文字列は部分一致で比べます（「製造」は「製造業（電機）」にも当たります）。",
        "Accounts in the chosen industries keep their fit; the others' fit is multiplied by "
        "the factor on the right (an account of unknown industry counts as another). Empty: "
        "industry makes no difference. Industries match as parts of the text (“Manufacturing” "
        "also matches “Manufacturing (electronics)”).",
    ),
    "accounts.page.off_target_factor": ("対象外の業種の係数", "Other industries' factor"),
    "accounts.page.weights": ("スコアの重み", "Score weights"),
    "accounts.page.w_fit": ("適合度", "Fit"),
    "accounts.page.w_engagement": ("反応", "Engagement"),
    "accounts.page.w_coverage": ("カバー率", "Coverage"),
    "accounts.page.w_pipeline": ("商談", "Pipeline"),
    "accounts.page.thresholds": ("Tierの基準", "Tier thresholds"),
    "accounts.page.tier1_score": ("Tier 1 最低スコア", "Tier 1 minimum score"),
    "accounts.page.tier2_score": ("Tier 2 最低スコア", "Tier 2 minimum score"),
    "accounts.page.tier3_score": ("Tier 3 最低スコア", "Tier 3 minimum score"),
    "accounts.page.tier1_fit": ("Tier 1 最低適合度", "Tier 1 minimum fit"),
    "accounts.page.tier2_fit": ("Tier 2 最低適合度", "Tier 2 minimum fit"),
    "accounts.page.tier1_coverage": ("Tier 1 最低カバー率（%）", "Tier 1 minimum coverage (%)"),
    "accounts.page.capacity": (
        "対応できる企業数（Tierの枠）",
        "Accounts the team can work (tier capacity)",
    ),
    "accounts.page.capacity_caption": (
        "Tierは、各Tierの基準を満たす企業をスコア順に枠いっぱいまで選んで決まります。"
        "上のTierに入った企業は下のTierでは数えず、枠に入らなかった企業は下のTierへ回ります。",
        "Each tier takes the best-ranked accounts that meet its minimums, up to its capacity. "
        "An account a higher tier took is not counted again below; those a full tier cannot "
        "take move down.",
    ),
    "accounts.page.tier1_capacity": ("Tier 1（1:1）の企業数", "Tier 1 (1:1) accounts"),
    "accounts.page.tier2_capacity": ("Tier 2（1:少数）の企業数", "Tier 2 (1:few) accounts"),
    "accounts.page.tier3_capacity": ("Tier 3（1:多数）の企業数", "Tier 3 (1:many) accounts"),
    "accounts.capacity.below": (
        "ABM適合度の助言（{lo:,}〜{hi:,}社）より少ない",
        "fewer than the ABM-fit advice ({lo:,}–{hi:,})",
    ),
    "accounts.capacity.within": (
        "ABM適合度の助言（{lo:,}〜{hi:,}社）の範囲内",
        "within the ABM-fit advice ({lo:,}–{hi:,})",
    ),
    "accounts.capacity.above": (
        "ABM適合度の助言（{lo:,}〜{hi:,}社）より多い: 1社ずつの計画が手薄になります",
        "more than the ABM-fit advice ({lo:,}–{hi:,}): too many to plan one by one",
    ),
    # qualified = placed + moved down, on the line itself (QA-N: 1,818 qualified, 400 placed and
    # 939 moved down did not add up: accounts a higher tier took were among the qualified)
    "accounts.page.fill": (
        "{tier}: {placed:,}社／枠{capacity:,}社（基準を満たす企業{qualified:,}社＝"
        "このTierに{placed:,}社＋枠が足りず{below}へ{moved_down:,}社）",
        "{tier}: {placed:,} of {capacity:,} places (accounts meeting its minimums: {qualified:,} = "
        "{placed:,} placed + {moved_down:,} moved to {below} for want of room)",
    ),
    "accounts.page.fill_lower": (
        "{tier}: {placed:,}社／枠{capacity:,}社（基準を満たし、上のTierに入らなかった企業{qualified:,}社＝"
        "このTierに{placed:,}社＋枠が足りず{below}へ{moved_down:,}社）",
        "{tier}: {placed:,} of {capacity:,} places (accounts meeting its minimums and not in a "
        "higher tier: {qualified:,} = {placed:,} placed + {moved_down:,} moved to {below} for "
        "want of room)",
    ),
    "accounts.page.fill_below": ("下のTier", "a lower tier"),
    "accounts.page.fill_none": ("ティアなし", "no tier"),
    "accounts.kpi.tier_help": (
        "{tier}。枠{capacity:,}社（{status}）",
        "{tier}. Capacity {capacity:,} ({status})",
    ),
    "accounts.kpi.tier_help_poor": (
        "{tier}。枠{capacity:,}社（ABMが向いていないため、営業フォローの優先順位づけ用）",
        "{tier}. Capacity {capacity:,} (ABM is a poor fit: for prioritising sales follow-up)",
    ),
    "accounts.kpi.none_help": (
        "Tierの基準に届かない企業と、営業対象外の企業{excluded:,}社",
        "Accounts below every tier's minimums, and {excluded:,} excluded accounts",
    ),
    "accounts.page.excluded_rows": (
        "取引先データの{count:,}行は営業対象外としてクレンジングで除外済みです（内訳はクレンジングページ）。",
        "{count:,} rows of the accounts file were excluded while cleaning (see the Cleaning page).",
    ),
    "accounts.page.save": ("設定を保存", "Save settings"),
    "accounts.page.saved": (
        "ワークスペース設定に保存しました。",
        "Saved to the workspace settings.",
    ),
    "accounts.page.filters": ("企業の絞り込み", "Account filters"),
    "accounts.page.tiers": ("Tier", "Tiers"),
    "accounts.page.industry": ("業種", "Industry"),
    "accounts.page.min_fit": ("最低適合度", "Minimum fit"),
    "accounts.page.customers": ("顧客区分", "Customers"),
    "accounts.page.customers.all": ("すべて", "All"),
    "accounts.page.customers.prospects": ("見込み企業", "Prospects"),
    "accounts.page.customers.customers": ("既存顧客", "Customers"),
    "accounts.kpi.accounts": ("企業数", "Accounts"),
    "accounts.page.reconcile": (
        "企業数 {total:,} ＝ リードのいる企業 {with_people:,}（サイドバーの企業数と同じ）＋ "
        "取引先・商談データにだけある企業 {without:,}（リードはまだいない）。",
        "{total:,} accounts = {with_people:,} with people (the sidebar's count) + {without:,} "
        "only in the accounts or opportunity export (no leads yet).",
    ),
    "accounts.page.reconcile_as_of": (
        "企業数 {total:,} ＝ 基準日までにリードのいる企業 {with_people:,} ＋ "
        "取引先・商談データにだけある企業 {without:,}（リードはまだいない）。サイドバーの {sidebar:,} 社は"
        "基準日にかかわらず名寄せ後のすべての企業です。",
        "{total:,} accounts = {with_people:,} with people by the as-of date + {without:,} only in "
        "the accounts or opportunity export (no leads yet). The sidebar's {sidebar:,} are every "
        "account after cleaning, whatever the as-of date.",
    ),
    "accounts.kpi.coverage": ("カバー率", "Coverage"),
    "accounts.kpi.coverage_help": (
        "表示中（絞り込み後）の企業の購買関与者カバー率の平均。企業のカバー率は、必要な役割のうち"
        "担当者がいる役割の割合です。役割は、CRMに記録された役割（商談取引先責任者の役割・購買における役割）"
        "か、役職と部署から判定します（どちらかで担当とみなします）。",
        "Mean buying-committee coverage of the accounts shown (after the filters). An "
        "account's coverage is the share of the required roles someone there fills; a person "
        "fills a role when the CRM records it (opportunity contact role, Buying Role) or their "
        "job title and department say it (either counts).",
    ),
    "accounts.col.pipeline_unit": ("進行中の商談額（{unit}）", "Open pipeline ({unit})"),
    "accounts.col.won_unit": ("受注額（{unit}）", "Won revenue ({unit})"),
    "accounts.line.tiers": ("表示: {tiers}", "Showing {tiers}"),
    "accounts.page.industry_all": ("すべての業種", "All industries"),
    "accounts.line.industry": ("業種: {industry}", "Industry: {industry}"),
    "accounts.line.min_fit": ("適合度{min_fit}以上", "Fit ≥ {min_fit}"),
    "accounts.line.capacity": ("枠 {t1}／{t2}／{t3}社", "Places {t1} / {t2} / {t3}"),
    # what the ranks count is said: the targetable accounts, as the reasons and the story (QA-K)
    "accounts.page.hubspot_utf8": (
        "HubSpotのインポートはUTF-8で読むため、このファイルはUTF-8（BOM付き）で書き出します。",
        "HubSpot's import reads UTF-8: this file is written in UTF-8 (with a BOM).",
    ),
    "accounts.page.ranked": (
        "企業ランキング（{total:,}社を表示・順位は{rank_of:,}社中）",
        "Ranked accounts ({total:,} shown, ranked among {rank_of:,})",
    ),
    "accounts.page.ranked_top": (
        "企業ランキング（{total:,}社の上位{shown:,}社・順位は{rank_of:,}社中）",
        "Ranked accounts (top {shown:,} of {total:,}, ranked among {rank_of:,})",
    ),
    "accounts.page.ranked_none": (
        "企業ランキング（絞り込みに合う企業はありません）",
        "Ranked accounts (none match the filters)",
    ),
    "accounts.page.heatmap": (
        "購買関与者のカバー状況（上位30社）",
        "Buying-committee coverage (top 30)",
    ),
    "accounts.page.tier_chart": ("Tier別の企業数", "Accounts per tier"),
    "accounts.page.empty": ("条件に合う企業がありません。", "No account matches the filters."),
    "accounts.page.actions": ("営業との共有リスト", "Action lists for sales"),
    "accounts.page.export": ("ターゲットリストの出力", "Export the target list"),
    "accounts.page.preset": ("列の形式", "Column preset"),
    "accounts.page.encoding": ("CSVの文字コード", "CSV encoding"),
    "accounts.page.download_csv": (
        "CSVをダウンロード（{rows:,}行）",
        "Download CSV ({rows:,} rows)",
    ),
    "accounts.page.download_xlsx": (
        "Excelをダウンロード（{rows:,}行）",
        "Download Excel ({rows:,} rows)",
    ),
    "accounts.page.export_safe": (
        "表示中の絞り込み条件で出力します。CSVでは =、+、-、@ などで始まる文字列に、数式として実行されないよう先頭に ' を付けています（数値はそのまま）。Excel（xlsx）ではすべての文字列を文字列型で書くため、値はそのままで数式にはなりません。CRM（HubSpot・Salesforce）への取り込みには、社名が ' 付きで登録されないよう xlsx を使ってください。",
        "Exports the filtered accounts. In CSV, text starting with = + - @ (and similar) gets a leading ' so no spreadsheet runs it as a formula; numbers are untouched. In Excel (xlsx) every text is written as a text cell, so values stay as they are and none is a formula. To import into a CRM (HubSpot, Salesforce), use the xlsx file: a CRM would keep the ' as part of a name.",
    ),
    "accounts.page.unencodable": (
        "Shift_JIS（CP932）で表せない文字が{count}個あり、〓に置き換えました。正確に残すにはUTF-8を選んでください。",
        "{count} characters cannot be written in Shift_JIS (CP932) and were replaced by 〓. Choose UTF-8 to keep them.",
    ),
    "accounts.col.account": ("企業", "Account"),
    "accounts.col.tier": ("Tier", "Tier"),
    "accounts.col.score": ("スコア", "Score"),
    "accounts.col.fit": ("適合度", "Fit"),
    "accounts.col.engaged": ("反応者数", "Engaged"),
    "accounts.col.contacts": ("接点数", "Contacts"),
    "accounts.col.coverage": ("カバー率", "Coverage"),
    "accounts.col.missing": ("不足している役割", "Missing roles"),
    "accounts.col.pipeline": ("進行中の商談額", "Open pipeline"),
    "accounts.col.opportunities": ("商談数", "Opportunities"),
    "accounts.col.won": ("受注額", "Won revenue"),
    "accounts.page.pick_hint": (
        "行を選ぶと、その企業のストーリー（担当者・活動・商談・スコアの推移）を開けます。",
        "Select a row to open that account's story (people, activities, opportunities, score history).",
    ),
    # account story (pages/8_Account.py)
    "account.intro": (
        "1社の全体像: 担当者と役割、マーケティングと営業の活動、商談、スコアの推移、Tierの理由。数字はターゲット企業ページの表と同じ決め方です。",
        "One account on one screen: people and roles, marketing and sales activities, opportunities, score history and tier reasons, counted as on the target-accounts page.",
    ),
    "account.pick": ("企業", "Account"),
    "account.pick_help": (
        "ターゲット企業ページの順位順。URLの ?account= で企業を指定することもできます。",
        "In the target-accounts ranking order; the ?account= part of the address picks one too.",
    ),
    "account.option": ("{rank:,}. {name}（{tier}）", "{rank:,}. {name} ({tier})"),
    "account.option_excluded": ("– {name}（{tier}・営業対象外）", "– {name} ({tier}, excluded)"),
    "account.unknown_id": (
        "URLで指定された企業が、読み込んだデータに見つかりません。一覧の先頭の企業を表示しています。",
        "The account in the address is not in the loaded data; showing the first account instead.",
    ),
    "account.empty": ("表示できる企業がありません。", "There is no account to show."),
    "account.unnamed": ("（会社名なし）", "(no company name)"),
    # the tiles sit under the account's name: the scope is in their help
    "account.kpi.tier": ("Tier", "Tier"),
    "account.kpi.people": ("担当者数", "People"),
    "account.kpi.opportunities": ("商談数", "Opportunities"),
    "account.kpi.pipeline": ("進行中の商談額", "Open pipeline"),
    "account.kpi.won": ("受注額", "Won revenue"),
    "account.kpi.scope_help": (
        "この企業の数です。ターゲット企業ページの表と同じ数字です。",
        "This account's; the same number as the target-accounts table.",
    ),
    "account.kpi.money_help": (
        "この企業の金額。ターゲット企業ページの表と同じです。",
        "This account's; the same as the target-accounts table.",
    ),
    "account.kpi.rank_help_excluded": (
        "営業対象外の企業のため順位はありません（ターゲットになりうる{rank_of:,}社には含まれません）。",
        "Excluded from sales targets: no rank (not among the {rank_of:,} targetable accounts).",
    ),
    "account.kpi.rank_help": (
        "スコア順{rank:,}位（ターゲットになりうる{rank_of:,}社中。営業対象外の企業はこの{rank_of:,}社に"
        "含まれず、順位もありません）。ターゲット企業ページの表と同じ数字です。",
        "Rank {rank:,} of the {rank_of:,} targetable accounts by score (excluded accounts are "
        "not among them and have no rank); the same numbers as the target-accounts table.",
    ),
    "account.section.tier": ("Tierの理由", "Why this tier"),
    "account.section.people": ("担当者と役割", "People and roles"),
    "account.section.timeline": ("マーケティングと営業の活動", "Marketing and sales activities"),
    "account.section.opportunities": ("商談", "Opportunities"),
    "account.section.history": ("スコアの推移", "Score history"),
    "account.why_none": ("（なし）", "(none)"),
    "account.coverage": (
        "購買関与者のカバー率 {coverage}（必要な役割{required}つのうち{covered}つ）。不足: {missing}",
        "Buying-committee coverage {coverage} ({covered} of {required} required roles). Missing: {missing}",
    ),
    "account.coverage_full": (
        "購買関与者のカバー率 {coverage}: 必要な役割はすべて担当者がいます。",
        "Buying-committee coverage {coverage}: every required role has someone.",
    ),
    "account.no_people": (
        "この企業にはまだ担当者がいません（取引先・商談データにだけある企業です）。",
        "Nobody at this account yet (it is only in the accounts or opportunity export).",
    ),
    "account.col.name": ("氏名", "Name"),
    "account.col.title": ("役職", "Title"),
    "account.col.department": ("部署", "Department"),
    "account.col.roles": ("役割", "Roles"),
    "account.col.roles_help": (
        "購買関与者としての役割。（CRM）はCRMに記録された役割（商談取引先責任者の役割・"
        "購買における役割）、（役職）は役職と部署から判定した役割です。",
        "Buying-committee roles. (CRM): the role the CRM records (opportunity contact role, "
        "Buying Role); (title): read from the job title and department.",
    ),
    "account.role_from.crm": ("{role}（CRM）", "{role} (CRM)"),
    "account.role_from.title": ("{role}（役職）", "{role} (title)"),
    "account.role_from.both": ("{role}（CRM・役職）", "{role} (CRM, title)"),
    "account.col.status": ("状態", "Status"),
    "account.col.activities": ("活動数", "Activities"),
    "account.col.activities_help": (
        "この人のすべての行動の件数（ツールが送ったメールやメール開封も含みます）。",
        "Every activity of this person, counted (e-mails the tool sent and opens included).",
    ),
    "account.col.engaged_help": (
        "行動を種類ごとの重み（ターゲット企業ページの「反応の集計方法」）で数え、半減期で減衰させた"
        "値が基準以上の人。ツールが送ったメール、メール開封、営業の接触は数えません。",
        "Their activities, weighed by kind (the target-accounts page's engagement roll-up) and "
        "decayed by the half-life, reach the threshold. E-mails the tool sent, opens and sales "
        "touches do not count.",
    ),
    "account.col.sales_touches": ("営業接点", "Sales touches"),
    "account.col.last_activity": ("最終活動日", "Last activity"),
    "account.col.engaged": ("反応あり", "Engaged"),
    "account.col.date": ("日時", "When"),
    "account.col.person": ("担当者", "Person"),
    "account.col.kind": ("種類", "Kind"),
    "account.col.group": ("区分", "Group"),
    "account.col.type": ("元の値", "As exported"),
    "account.col.opportunity": ("商談名", "Opportunity"),
    "account.col.stage": ("フェーズ", "Phase"),
    "account.col.amount": ("金額", "Amount"),
    "account.col.created": ("作成日", "Created"),
    "account.col.close": ("完了予定日・完了日", "Close date"),
    "account.col.state": ("状態（基準日）", "State (as of)"),
    "account.on_account": ("（企業あて）", "(on the account)"),
    "account.timeline.caption": (
        "新しい順に{shown:,}件（全{total:,}件、担当者のいない企業あての活動{alone:,}件を含む）。基準日より後の{later:,}件は含みません。",
        "Newest first, {shown:,} of {total:,} (including {alone:,} logged on the account with no person); {later:,} dated after the as-of day are left out.",
    ),
    "account.timeline.none": (
        "この企業の活動はまだありません。",
        "No activity at this account yet.",
    ),
    "account.opps.none": (
        "この企業の商談はまだありません。",
        "No opportunity at this account yet.",
    ),
    "account.history.caption": (
        "今のスコアリングモデルで、各月末時点のこの企業の担当者を採点した推移です（当時表示されたスコアではありません）。スコアMQL＝モデルのしきい値を超えた人数で、ステータスのMQLとは別の数字です。",
        "This account's people scored by today's scoring model at each month end (not the scores shown at the time). Score-MQLs are people over the model's thresholds, not status MQLs.",
    ),
    "account.history.none": (
        "この企業には活動データがないため、スコアの推移は出せません。",
        "No activity data for this account, so there is no score history.",
    ),
    "account.history.engagement_max": ("反応スコア（最高）", "Engagement score (highest)"),
    "account.history.engagement_mean": ("反応スコア（平均）", "Engagement score (mean)"),
    "account.chart.activities": ("活動数", "Activities"),
    "account.chart.score_mql": ("スコアMQLの人数", "Score-MQLs"),
    "account.chart.engagement": ("反応スコア", "Engagement score"),
    "account.group.marketing": ("マーケティング", "Marketing"),
    "account.group.sales": ("営業", "Sales"),
    "account.group.other": ("その他", "Other"),
    "account.event.created": ("商談作成", "Opportunity created"),
    "account.event.won": ("受注", "Won"),
    "account.event.lost": ("失注", "Lost"),
    "account.state.open": ("進行中", "Open"),
    "account.state.won": ("受注", "Won"),
    "account.state.lost": ("失注", "Lost"),
    "account.open": ("{name} のストーリーを開く", "Open the story of {name}"),
    "account.open_help": (
        "担当者と役割、マーケティングと営業の活動、商談、スコアの推移、Tierの理由を1画面で",
        "People and roles, marketing and sales activities, opportunities, score history and tier reasons on one screen",
    ),
    "accounts.col.why": ("理由", "Why this tier"),
    "accounts.col.why_not": ("上のTierに届かない理由", "Why not the next tier"),
    "accounts.col.last_activity": ("最終活動日", "Last activity"),
    "accounts.col.row": ("行", "Row"),
    "accounts.col.column": ("列", "Column"),
    "accounts.col.char": ("文字", "Character"),
    "accounts.col.codepoint": ("コードポイント", "Code point"),
    # ABM-fit page
    "accounts.fitpage.intro": (
        "ABMは従業員数百人以上の大企業に、複数の部署・担当者を通じて売る事業に向いています。データからその度合いを判定します。",
        "ABM suits selling to large companies (a few hundred employees or more) through several departments and people. This page measures how far your data fits.",
    ),
    "accounts.fitpage.settings": ("判定の基準", "Thresholds"),
    "accounts.fitpage.large_employees": (
        "大企業とみなす従業員数",
        "Large account: employees at least",
    ),
    "accounts.fitpage.large_revenue": (
        "大企業とみなす売上（{unit}）",
        "Large account: revenue at least ({unit})",
    ),
    "accounts.fitpage.unit_oku": ("億円", "100M yen"),
    "accounts.fitpage.unit_million": ("百万{unit}", "millions {unit}"),
    "accounts.fitpage.smb_employees": (
        "中小企業とみなす従業員数（未満）",
        "SMB: fewer employees than",
    ),
    "accounts.fitpage.large_share_good": (
        "大企業の割合「良い」基準（%）",
        "Large-account share counted good (%)",
    ),
    "accounts.fitpage.contacts_good": ("接点数「良い」基準", "Contacts per account counted good"),
    "accounts.fitpage.small_share_poor": (
        "中小企業・大学の割合「向かない」基準（%）",
        "SMB/university share counted poor (%)",
    ),
    "accounts.fitpage.verdict": ("判定", "Verdict"),
    "accounts.fitpage.basis": (
        "{total}指標のうち{known}指標で判定（達成度 {score}）。",
        "Based on {known} of {total} indicators (fit score {score}).",
    ),
    "accounts.fitpage.indicators": ("根拠となる指標", "Evidence"),
    "accounts.fitpage.buyers_help": (
        "顧客（受注した企業・顧客フラグのある企業）と、金額のある進行中の商談がある企業{n:,}社の中央値。"
        "失注した商談しかない企業は含みません（ターゲット企業ページの「商談数」は失注も数えます）。",
        "Median over {n:,} accounts that are customers (a won deal or the customer flag) or have "
        "an open deal with an amount. Accounts whose deals were all lost are left out (the "
        "target-accounts page's “Opportunities” counts lost deals too).",
    ),
    "accounts.fitpage.all_accounts_help": (
        "データに顧客も進行中の商談もないため、担当者のいる企業{n:,}社すべての中央値です。",
        "No customer and no open deal in the data: the median over all {n:,} accounts with contacts.",
    ),
    "accounts.fitpage.indicator_note": (
        "{status} · 良い: {good} / 弱い: {poor} · 対象 {n:,}",
        "{status} · good: {good} / poor: {poor} · n = {n:,}",
    ),
    "accounts.fitpage.chart_indicators": ("指標の達成度", "Indicators against their thresholds"),
    "accounts.fitpage.chart_bands": (
        "企業規模別の受注額と商談額",
        "Won revenue and pipeline by company size",
    ),
    "accounts.fitpage.next": ("次にやること", "What to do next"),
    "accounts.fitpage.capacity": (
        "ターゲット企業ページのTierの枠: Tier 1は{t1:,}社（{s1}）、Tier 2は{t2:,}社（{s2}）、Tier 3は{t3:,}社（{s3}）。",
        "Tier capacities on the target-accounts page: Tier 1 {t1:,} ({s1}), Tier 2 {t2:,} ({s2}), Tier 3 {t3:,} ({s3}).",
    ),
    "accounts.fitpage.capacity_poor": (
        "ターゲット企業ページのTierの枠: Tier 1は{t1:,}社、Tier 2は{t2:,}社、Tier 3は{t3:,}社。"
        "ABMが向いていないため、Tierは営業がフォローする企業の優先順位づけに使いましょう（1社ずつのABM施策の枠ではありません）。",
        "Tier capacities on the target-accounts page: Tier 1 {t1:,}, Tier 2 {t2:,}, Tier 3 {t3:,}. "
        "ABM is a poor fit, so use the tiers to decide which accounts sales follows up first, "
        "not as places in 1:1 ABM programmes.",
    ),
    "accounts.page.poor_fit": (
        "ABM適合度の判定は「ABMは向いていません」でした。ここでのTierは、営業がフォローする企業の"
        "優先順位づけに使いましょう。1社ずつ個別の施策を組む1:1のABMには向きません。",
        "The ABM-fit check found ABM a poor fit for this business. Use these tiers to decide "
        "which accounts sales follows up first, not to run 1:1 ABM programmes.",
    ),
}
