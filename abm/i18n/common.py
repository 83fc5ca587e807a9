"""Shared strings: app shell, navigation, settings file, generic messages."""

STRINGS: dict[str, tuple[str, str]] = {
    # settings file
    "settings.err.too_big": (
        "設定ファイル「{file}」が大きすぎます。",
        "Settings file “{file}” is too large.",
    ),
    "settings.err.not_json": (
        "設定ファイル「{file}」はJSONとして読めません。",
        "Settings file “{file}” is not valid JSON.",
    ),
    "settings.err.not_workspace": (
        "「{file}」はMoriのワークスペース設定ファイルではありません。",
        "“{file}” is not a Mori workspace settings file.",
    ),
    "settings.err.bad_version": (
        "設定ファイル「{file}」のバージョンが不正です。何も適用していません。",
        "Settings file “{file}” has an invalid version. Nothing was applied.",
    ),
    "settings.err.newer_version": (
        "設定ファイル「{file}」はより新しいMori（バージョン{version}）で作られています。このMoriはバージョン{supported}までしか読めません。何も適用していません。",
        "Settings file “{file}” was written by a newer Mori (version {version}); this build reads up to version {supported}. Nothing was applied.",
    ),
    "settings.err.unknown_section": (
        "設定ファイル「{file}」に不明な項目があります（{section}）。何も適用していません。",
        "Settings file “{file}” has unknown sections ({section}). Nothing was applied.",
    ),
    "settings.err.bad_section": (
        "設定ファイル「{file}」の項目「{section}」が不正です。何も適用していません。",
        "Section “{section}” of settings file “{file}” is invalid. Nothing was applied.",
    ),
    "settings.err.too_deep": (
        "設定ファイル「{file}」は入れ子が深すぎて読めません。何も適用していません。",
        "Settings file “{file}” is nested too deeply to read. Nothing was applied.",
    ),
    "settings.partial": (
        "設定ファイル「{file}」を読み込みました。次の項目は不正なため適用せず、既定値のままです。",
        "Settings file “{file}” was loaded. The sections below are invalid: they were not applied and keep their defaults.",
    ),
    "settings.mappings_skipped": (
        "保存済みの列の対応付けのうち、次のものは不正なため使わずに読み込みました。",
        "Some saved column mappings are invalid; the files were read without them:",
    ),
    # one validator for every config (abm/core/config.py); never the value itself
    "config.err.not_object": (
        "設定「{section}」の「{key}」はオブジェクト（{{…}}）で指定してください。適用していません。",
        "Setting “{key}” in “{section}” must be an object ({{…}}). Not applied.",
    ),
    "config.err.not_list": (
        "設定「{section}」の「{key}」はリスト（[…]）で指定してください。適用していません。",
        "Setting “{key}” in “{section}” must be a list ([…]). Not applied.",
    ),
    "config.err.not_number": (
        "設定「{section}」の「{key}」は数値で指定してください。適用していません。",
        "Setting “{key}” in “{section}” must be a number. Not applied.",
    ),
    "config.err.not_integer": (
        "設定「{section}」の「{key}」は整数で指定してください。適用していません。",
        "Setting “{key}” in “{section}” must be a whole number. Not applied.",
    ),
    "config.err.not_bool": (
        "設定「{section}」の「{key}」は true か false で指定してください。適用していません。",
        "Setting “{key}” in “{section}” must be true or false. Not applied.",
    ),
    "config.err.not_text": (
        "設定「{section}」の「{key}」は文字列で指定してください。適用していません。",
        "Setting “{key}” in “{section}” must be text. Not applied.",
    ),
    "config.err.not_finite": (
        "設定「{section}」の「{key}」は有限の数値で指定してください（Infinity・NaN・桁あふれは不可）。適用していません。",
        "Setting “{key}” in “{section}” must be a finite number (not Infinity, NaN or an overflow). Not applied.",
    ),
    "config.err.number_too_long": (
        "設定「{section}」の「{key}」の数値が長すぎます。適用していません。",
        "Setting “{key}” in “{section}” is a number with too many digits. Not applied.",
    ),
    "config.err.range": (
        "設定「{section}」の「{key}」は{min}以上{max}以下で指定してください。適用していません。",
        "Setting “{key}” in “{section}” must be between {min} and {max}. Not applied.",
    ),
    "config.err.choice": (
        "設定「{section}」の「{key}」は次のいずれかで指定してください：{choices}。適用していません。",
        "Setting “{key}” in “{section}” must be one of: {choices}. Not applied.",
    ),
    "config.err.text_too_long": (
        "設定「{section}」の「{key}」が長すぎます（{limit}文字まで）。適用していません。",
        "Setting “{key}” in “{section}” is too long (at most {limit} characters). Not applied.",
    ),
    "config.err.text_empty": (
        "設定「{section}」の「{key}」が空です。適用していません。",
        "Setting “{key}” in “{section}” is empty. Not applied.",
    ),
    "config.err.too_many": (
        "設定「{section}」の「{key}」の件数が多すぎます（{limit}件まで）。適用していません。",
        "Setting “{key}” in “{section}” has too many items (at most {limit}). Not applied.",
    ),
    "config.err.too_few": (
        "設定「{section}」の「{key}」の件数が足りません（{limit}件以上）。適用していません。",
        "Setting “{key}” in “{section}” has too few items (at least {limit}). Not applied.",
    ),
    "config.err.length": (
        "設定「{section}」の「{key}」はちょうど{limit}件で指定してください。適用していません。",
        "Setting “{key}” in “{section}” must have exactly {limit} items. Not applied.",
    ),
    "config.err.ascending": (
        "設定「{section}」の「{key}」は小さい順（重複なし）で指定してください。適用していません。",
        "Setting “{key}” in “{section}” must be in ascending order without ties. Not applied.",
    ),
    "config.err.descending": (
        "設定「{section}」の「{key}」は大きい順（重複なし）で指定してください。適用していません。",
        "Setting “{key}” in “{section}” must be in descending order without ties. Not applied.",
    ),
    "config.err.duplicate": (
        "設定「{section}」の「{key}」に重複があります。適用していません。",
        "Setting “{key}” in “{section}” has duplicates. Not applied.",
    ),
    "config.err.unknown_key": (
        "設定「{section}」に不明な項目「{key}」があります。適用していません。",
        "Settings “{section}” have an unknown item “{key}”. Not applied.",
    ),
    "config.err.missing": (
        "設定「{section}」に必須の項目「{key}」がありません。適用していません。",
        "Settings “{section}” lack the required item “{key}”. Not applied.",
    ),
    "config.err.invalid": (
        "設定「{section}」の「{key}」が他の項目と矛盾しているか不正です。適用していません。",
        "Setting “{key}” in “{section}” is invalid or contradicts another setting. Not applied.",
    ),
    "config.err.section_not_object": (
        "設定「{section}」はオブジェクト（{{…}}）で指定してください。適用していません。",
        "Settings “{section}” must be an object ({{…}}). Not applied.",
    ),
    "config.err.section_invalid": (
        "設定「{section}」の項目どうしが矛盾しているか不正です。適用していません。",
        "Settings “{section}” are invalid or contradict each other. Not applied.",
    ),
    "config.err.unicode": (
        "設定「{section}」の「{key}」に不正な文字（対になっていないサロゲート）があります。適用していません。",
        "Setting “{key}” in “{section}” holds an invalid character (a lone surrogate). Not applied.",
    ),
    "config.err.too_deep": (
        "設定「{section}」の「{key}」は入れ子が深すぎます。適用していません。",
        "Setting “{key}” in “{section}” is nested too deeply. Not applied.",
    ),
    # navigation
    "nav.home": ("ホーム", "Home"),
    "nav.data": ("データと項目対応", "Data & mapping"),
    "nav.cleaning": ("名寄せ・クレンジング", "Cleaning & matching"),
    "nav.funnel": ("デマンドウォーターフォール", "Demand Waterfall"),
    "nav.gap": ("マーケと営業のギャップ", "Marketing vs sales"),
    "nav.scoring": ("リードスコアリング", "Lead scoring"),
    "nav.accounts": ("ターゲット企業", "Target accounts"),
    "nav.abm_fit": ("ABM適合診断", "ABM fit"),
    "nav.account": ("アカウントストーリー", "Account story"),
    # shell
    "shell.language": ("言語", "Language"),
    "shell.presentation": ("発表モード", "Presentation mode"),
    "shell.presentation_help": (
        "会議室のプロジェクター向け：サイドバーをたたみ、グラフの文字を大きくし、"
        "絞り込みを1行にまとめます。ページを移っても続きます。",
        "For a meeting-room projector: folds the sidebar away, enlarges chart text and "
        "sums the filters up in one line. Stays on when you change pages.",
    ),
    "shell.presentation_exit": ("終了", "End"),
    "shell.present_pages": ("ページ", "Pages"),
    "shell.presenting": ("発表モード", "Presentation mode"),
    "shell.present_as_of": ("基準日 {as_of}", "As of {as_of}"),
    "shell.upload.button": ("ファイルを選択", "Choose files"),
    "shell.upload.limit": ("1ファイル{mb}MBまで", "Up to {mb} MB per file"),
    "shell.upload.limit_kinds": (
        "{kinds}・1ファイル{mb}MBまで",
        "{kinds} · up to {mb} MB per file",
    ),
    "shell.upload.kinds_data": ("CSV・TSV・TXT・Excel", "CSV, TSV, TXT, Excel"),
    "shell.upload.kinds_zip": ("CSV・ZIP", "CSV, ZIP"),
    "shell.upload.kinds_json": ("JSON", "JSON"),
    "shell.upload.drop": ("ここにドロップ", "Drop here"),
    "shell.no_match": ("該当なし", "No match"),
    "widgets.table_empty": ("該当する行はありません。", "No rows."),
    "widgets.choose_one": ("選んでください", "Choose one"),
    "widgets.choose_many": ("選んでください（複数可）", "Choose one or more"),
    "shell.as_of": ("基準日", "As of"),
    "shell.as_of_help": (
        "集計の基準日です。これより後の日付のデータは数えません。既定は、データに起きたこととして記録された最も新しい日です。リードと商談の作成日・活動日と、受注・失注した商談の完了日（今日まで）を使います。進行中の商談の完了日は予定なので使いません。",
        "Reference date for every figure; later records are not counted. Defaults to the latest date the data records as having happened: lead and deal created dates, activity dates, and the close dates of deals won or lost (up to today). An open deal's close date is a plan and is not used.",
    ),
    "shell.as_of_outliers": (
        "既定の基準日には、ほかのデータより大きく後の日付や未来の日付（{count}件、入力ミスと見られます）を使っていません。",
        "The default as-of date leaves out {count} outlying dates (far after the rest of the data, or in the future; likely typos).",
    ),
    "shell.closed_after": (
        "この基準日の後に受注・失注した商談が{count}件あり（最後は{date}）、この日にはまだ"
        "進行中の商談として数えています。それらを受注・失注として数えるには基準日を移してください。",
        "{count} deals were won or lost after this as-of date (the last on {date}); on it "
        "they are still open pipeline. Move the as-of date to count them as won or lost.",
    ),
    "shell.loaded": ("読み込み済み：{label}", "Loaded: {label}"),
    "shell.old_rules": (
        ":material/history: 以前の読み込みルールで保存されたスナップショットです。",
        ":material/history: A snapshot stored under earlier reading rules.",
    ),
    "shell.old_rules_help": (
        "このスナップショットは、その後に改善された読み込み・クレンジングのルールより前に保存されました。"
        "数値は保存時のままです。現在のルールを適用するには「データと項目対応」で「この対応で読み直す」を押してください。",
        "This snapshot was stored before the reading and cleaning rules were last improved; "
        "its numbers are as stored. To apply today's rules, press “Apply this mapping” on "
        "the Data page.",
    ),
    "data.old_rules": (
        "このデータは以前のルール（{version}）で読み込み・クレンジングされたスナップショットです。"
        "数値は保存時のままです。「この対応で読み直す」で、保存された表を現在のルールで対応付け・"
        "クレンジングし直します（編集していないファイルの対応は提案し直し、新しいスナップショットとして"
        "保存）。ファイルの読み取り自体の改善（合計行など）は、ファイルをアップロードし直すと反映されます。",
        "This data is a snapshot read and cleaned by earlier rules ({version}); its numbers are "
        "as stored. “Apply this mapping” maps and cleans the stored tables again with today's "
        "rules (the mapping of each file you did not edit is suggested again; stored as a new "
        "snapshot). Improvements in reading the file itself (total rows…) need the file "
        "uploaded again.",
    ),
    "data.old_rules_unknown": ("2026-12-05以前", "before 2026-12-05"),
    "guard.no_data": (
        "まだデータがありません。データページでファイルをアップロードするか、デモデータを使ってください。",
        "No data yet. Upload your exports on the data page, or use the demo data.",
    ),
    "guard.go_data": ("データページへ", "Go to the data page"),
    "guard.all_excluded": (
        "読み込んだリード{n:,}件はすべてクレンジングで除外されました（営業対象外・重複）。"
        "理由は「名寄せ・クレンジング」ページで確認・変更できます。",
        "All {n:,} leads loaded were excluded in cleaning (not a sales target, or duplicates). "
        "The cleaning page lists the reasons, and the rules can be changed there.",
    ),
    "guard.go_cleaning": ("クレンジングページへ", "Go to the cleaning page"),
    "guard.needs_table": (
        "この分析には「{table}」のデータが必要です。データページで追加してください。",
        "This analysis needs “{table}” data. Add it on the data page.",
    ),
    "table.leads": ("リード", "Leads"),
    "table.activities": ("行動履歴", "Activities"),
    "table.opportunities": ("商談", "Opportunities"),
    "table.accounts": ("企業", "Accounts"),
    # home
    "home.title": (
        "Mori（銛）— BtoBマーケティングとABMのダッシュボード",
        "Mori (銛) — B2B marketing & ABM dashboard",
    ),
    "home.tagline": (
        "MA・CRMのエクスポート（BowNow、Account Engagement、Marketo、HubSpot、Salesforce、SATORI）をそのまま読み込み、名寄せ・営業対象外の除外を行い、マーケと営業が同じ数字で話せるようにします。",
        "Drop in the exports of your MA/CRM tools (BowNow, Account Engagement, Marketo, HubSpot, Salesforce, SATORI) as they are: Mori cleans them (one account per real company, non-targets excluded with reasons) so marketing and sales can talk about the same numbers.",
    ),
    "home.what.funnel": (
        "**デマンドウォーターフォール** — 問い合わせ→MQL→SAL→SQL→商談→受注の転換率・速度・コホート",
        "**Demand Waterfall** — Inquiry → MQL → SAL → SQL → Opportunity → Won, with conversion, velocity and cohorts",
    ),
    "home.what.gap": (
        "**マーケと営業のギャップ** — 同じデータを2つの視点で並べ、食い違いを示します",
        "**Marketing vs sales** — both lenses on the same data, and where they disagree",
    ),
    "home.what.scoring": (
        "**2軸スコアリング** — 属性×行動をスライダーで調整し、過去の受注・失注で検証",
        "**Two-axis scoring** — fit × engagement tuned live, back-tested against won/lost history",
    ),
    "home.what.accounts": (
        "**ターゲット企業とABM適合** — 企業単位の集計、購買関与者のカバー率、ティア、理由つきエクスポート",
        "**Target accounts & ABM fit** — account roll-up, buying-committee coverage, tiers with reasons, CRM-ready export",
    ),
    "home.start": ("はじめる", "Get started"),
    "home.upload": (
        "エクスポートファイルをアップロード（複数可：リード・行動履歴・商談・企業）",
        "Upload exports (several at once: leads, activities, opportunities, accounts)",
    ),
    "home.upload_help": (
        "CSV（UTF-8/Shift_JIS）、TSV、Excel（.xlsx）。データはこのブラウザのセッション内だけで扱われます。",
        "CSV (UTF-8/Shift_JIS), TSV or Excel (.xlsx). Your data stays in this browser session.",
    ),
    "home.demo": ("デモデータを使う", "Use demo data"),
    "home.demo_help": (
        "架空の日本のBtoB SaaS企業のデータ（約400社・4,000リード）を読み込みます。",
        "Loads a fictional Japanese B2B SaaS vendor's data (about 400 accounts, 4,000 leads).",
    ),
    "home.status": ("データの状態", "Data status"),
    # row counts of the files as loaded (before cleaning): a different quantity
    # from the leads an analysis page counts, so a different name
    "home.rows.leads": ("リードの行数", "Lead rows"),
    "home.rows.activities": ("行動履歴の行数", "Activity rows"),
    "home.rows.opportunities": ("商談の行数", "Opportunity rows"),
    "home.rows.accounts": ("企業の行数", "Account rows"),
    "home.status_none": ("まだ何も読み込まれていません。", "Nothing loaded yet."),
    "home.rows": ("{table}：{rows:,}行", "{table}: {rows:,} rows"),
    "home.file_row": (
        "{file} → {table}（{vendor}、{encoding}、{rows:,}行、項目対応の確からしさ {quality:.0%}）",
        "{file} → {table} ({vendor}, {encoding}, {rows:,} rows, mapping confidence {quality:.0%})",
    ),
    "home.review_mapping": ("項目の対応を確認・修正する", "Review or correct the column mapping"),
    "home.loaded_demo": ("デモデータを読み込みました。", "Demo data loaded."),
    "home.kept_previous": (
        "読み込めたファイルがないため、前に読み込んだデータ（{label}）のまま表示しています。",
        "No file of this upload could be read: the pages still show the data loaded before ({label}).",
    ),
    "home.loaded_files": ("{n}件のファイルを読み込みました。", "Loaded {n} file(s)."),
    "home.file_error": ("{message}", "{message}"),
    "home.next": ("次に見る", "Where to next"),
    "demo.label": ("デモデータ（架空）", "Demo data (fictional)"),
    "page.coming_soon": ("この画面は準備中です。", "This page is being built."),
    # data page
    "data.intro": (
        "読み込んだファイルごとに、どの列をどの項目として扱うかを確認・修正できます。修正した対応はワークスペース設定に保存され、同じツールの次回のエクスポートにそのまま使われます。",
        "For each file, check and correct which column means what. Corrections are saved in the workspace settings and re-applied to the next export of the same tool.",
    ),
    "data.file_header": (
        "{file} → {table}（{vendor}・{encoding}・{rows:,}行・見出し{header_row}行目）",
        "{file} → {table} ({vendor}, {encoding}, {rows:,} rows, header on line {header_row})",
    ),
    "data.table": ("このファイルの種類", "What this file holds"),
    "data.currency": ("金額の通貨", "Currency of the amounts"),
    "data.currency_help": (
        "商談額・受注額・コストなど、エクスポートの金額を数える通貨を選びます。すべての画面とダウンロードの金額表示に使われます。"
        "通貨の列で別の通貨と分かる商談は、下の為替レートで換算します。オーナーが選ぶとワークスペース設定に保存されます。",
        "The currency the exports' amounts (deal amounts, won revenue, costs) are counted in. "
        "Every page and download names the amounts in it. Deals a currency column puts in "
        "another currency are converted at the exchange rates below. An owner's choice is "
        "saved in the workspace settings.",
    ),
    "data.rates": ("為替レート（別の通貨の商談）", "Exchange rates (deals in other currencies)"),
    "data.rates_help": (
        "通貨の列によると、次の通貨の商談があります。1単位が何{currency}かを入力して「レートを適用」を押すと、"
        "その金額を{currency}に換算して数えます。レートのない通貨の金額はどの合計にも入れません（商談としては数えます）。",
        "Some deals are in the currencies below by their currency column. Type what one "
        "unit is worth in {currency} and apply: their amounts are then counted in "
        "{currency}. Amounts in a currency without a rate are left out of every sum (the "
        "deals are still counted).",
    ),
    "data.rates_missing": (
        "レートがないため、{codes}の金額は合計に入っていません。",
        "No rate yet: amounts in {codes} are left out of every sum.",
    ),
    "data.rate_of": ("1 {code} =（{currency}）・{n:,}件", "1 {code} in {currency} · {n:,} deals"),
    "data.rate_help": (
        "0はレートなし（その通貨の金額を合計に入れない）。会議の数字がぶれないよう、期末のレートなど決めた値を使ってください。",
        "0 means no rate (that currency's amounts stay out of sums). Use an agreed rate — "
        "the period-end rate, say — so the meeting's figures do not move.",
    ),
    "data.rates_apply": ("レートを適用", "Apply the rates"),
    # the tool a file was exported from, as detected (abm.ingest.aliases.VENDORS)
    "vendor.bownow": ("BowNow", "BowNow"),
    "vendor.salesforce": ("Salesforce", "Salesforce"),
    "vendor.hubspot": ("HubSpot", "HubSpot"),
    "vendor.pardot": ("Account Engagement（Pardot）", "Account Engagement (Pardot)"),
    "vendor.marketo": ("Marketo", "Marketo"),
    "vendor.satori": ("SATORI", "SATORI"),
    "vendor.business_card": ("名刺管理ツール", "Business-card tool"),
    "vendor.generic_ja": ("汎用・日本語の見出し", "generic, Japanese headers"),
    "vendor.generic": ("汎用", "generic"),
    "data.col_raw": ("元の列名", "Column in the file"),
    "data.col_canonical": ("Moriの項目", "Mori field"),
    "data.col_canonical_help": (
        "空欄にするとこの列は使いません。",
        "Leave empty to ignore this column.",
    ),
    "data.col_confidence": ("確からしさ", "Confidence"),
    "data.unused": ("（使わない）", "(not used)"),
    "data.missing_required": (
        "必須項目が対応づけられていません：{columns}",
        "Required fields are not mapped: {columns}",
    ),
    "data.read_issues": (
        "読み込み時の注意（値は表示しません）",
        "Notes from reading (values are never shown)",
    ),
    "data.apply": ("この対応で読み直す", "Apply this mapping"),
    "data.reread_loses": (
        "この対応で読み直すと、{table}が{before:,}行から{after:,}行に減ります。対応（ファイルの種類・列）を確認してください。",
        "Re-reading with this mapping would leave {table} with {after:,} rows instead of {before:,}. "
        "Check the file kind and the columns.",
    ),
    "data.reread_anyway": ("それでも読み直す", "Re-read anyway"),
    "data.reread_cancel": ("読み直さない", "Keep the data as it is"),
    "data.duplicate_target": (
        "「{file}」で複数の列が項目「{column}」に対応づけられています。1つにしてください。",
        "In “{file}”, several columns map to “{column}”. Keep only one.",
    ),
    "data.quality": ("データの検査結果", "Data checks"),
    "data.no_issues": ("問題は見つかりませんでした。", "No problems found."),
    # rows read but not loaded (#13: nothing lost without the user seeing it)
    "data.left_out.caption": (
        "データとして読み込まなかった行が{count}行あります（表の末尾の注記、小計・合計の行、未着手のタスク、"
        "同じ商談の2行目以降など。理由は上の検査結果のとおり）。ファイル名・行番号・理由と元のセルの内容を"
        "ダウンロードして確かめられます。",
        "{count} rows were read but not loaded as data (notes at the end of a report, subtotal and "
        "total rows, tasks not done yet, further rows of a deal… — why is said in the checks "
        "above). Download them with their file, line, reason and cells to check.",
    ),
    "data.left_out.download": (
        "読み込まなかった{count}行をダウンロード（CSV）",
        "Download the {count} rows not loaded (CSV)",
    ),
    "data.left_out.file": ("ファイル", "File"),
    "data.left_out.row": ("行", "Line"),
    "data.left_out.check": ("読み込まなかった理由", "Why not loaded"),
    "data.left_out.check.unreadable_lines": (
        "どの文字コードでも読めない行（内容は表示できません）",
        "A line no encoding reads (its content cannot be shown)",
    ),
    "data.left_out.check.footer_rows": ("表の末尾の注記行", "A note at the end of the report"),
    "data.left_out.check.summary_rows": ("集計行（小計・合計）", "A summary row (subtotal, total)"),
    "data.left_out.check.planned_tasks": (
        "未着手・延期のタスク（予定で、接触ではない）",
        "A task not started or deferred (a plan, not a touch)",
    ),
    "data.left_out.check.no_response": (
        "応答していないキャンペーンメンバー（行動ではない）",
        "A campaign member who did not respond (no activity)",
    ),
    "data.left_out.check.deal_rows_merged": (
        "上の行と同じ商談（1件にまとめ、取引先責任者は残しています）",
        "The same deal as a row above (counted once, its contact kept)",
    ),
    "data.left_out.check.superseded": (
        "後のファイルに同じ商談IDの行があり、そちらを使用",
        "A later file lists the same deal id; its row is used",
    ),
    "data.left_out.check.test_deal": (
        "商談名がテスト用（【テスト】・TEST_・ダミーなど）の商談（商談の数・金額に含めません）",
        "A deal named as a test ([TEST], TEST_, dummy…): not counted in any deal figure",
    ),
    "data.left_out.check.contact_roles": (
        "商談の取引先責任者（その商談に結び付け、商談としては数えません）",
        "A deal's contact (joined to that deal, not counted as a deal)",
    ),
    "data.left_out.check.deal_not_found": (
        "商談名・取引先名の合う商談がほかのファイルにない取引先責任者",
        "A contact of a deal no other file lists (deal and account names)",
    ),
    "data.preview": ("読み込んだデータ（先頭200行）", "Loaded data (first 200 rows)"),
    # links of activity and opportunity files to people (#13)
    "data.links": ("人・企業への結び付き", "Links to people and accounts"),
    "data.links_at_load": (
        "読み込み時の結び付き：リードID → メールアドレスの順。どちらでも見つからず会社の手がかりがある行は"
        "「名寄せ後に判定」です。名寄せが終わると、担当者の氏名＋名寄せ後の企業 → 企業だけ、の順に探します。",
        "As linked at load: lead id, then e-mail. A row neither finds that names a company is "
        "“after company matching”: once companies are matched it is looked up by contact name within the resolved "
        "account, else linked to the account alone.",
    ),
    "data.links_after": (
        "名寄せ後の結び付き：リードID → メールアドレス → 担当者の氏名＋名寄せ後の企業 → 企業だけ、の順に最初に見つかったもの。",
        "After company matching: lead id, then e-mail, then contact name + resolved account, then the account "
        "alone — the first that finds one.",
    ),
    "data.links.file": ("ファイル", "File"),
    "data.links.table": ("種類", "Kind"),
    "data.links.rows": ("行数", "Rows"),
    "data.links.id": ("ID", "By id"),
    "data.links.email": ("メール", "By e-mail"),
    "data.links.name_account": ("氏名＋会社", "By name + company"),
    "data.links.account": ("会社のみ", "Company only"),
    "data.links.pending": ("名寄せ後に判定", "After company matching"),
    "data.links.none": ("結び付かず", "Not linked"),
    "data.links.person_rate": ("人への結び付き率", "Linked to a person"),
    "data.links.account_rate": ("企業への結び付き率", "Linked to an account"),
    "data.links.nothing": (
        "「{file}」の行はどれも人にも企業にも結び付いていません。"
        "列の対応（メールアドレス・リードID・担当者の氏名・会社名）を確認してください。",
        "No row of “{file}” is linked to a person or an account. Check the column mapping "
        "(e-mail, lead id, contact name, company).",
    ),
    # phases of opportunity files -> won / lost / open (#13)
    "data.phases": ("商談フェーズの意味", "What the opportunity phases mean"),
    "data.phases_help": (
        "受注・失注・進行中は、受注／完了フラグの列があればそれで、なければフェーズの言葉で決まります。"
        "フェーズごとの意味を変えると保存され（ワークスペース設定「phases」）、データを読み直します。",
        "Won, lost and open come from the won/closed flag columns when a file has them, else from the "
        "phase word. Changing what a phase means saves it (workspace section “phases”) and re-reads the data.",
    ),
    "data.phases_unknown": (
        "意味の分からないフェーズが{n}種類・{rows}行あります（進行中として数えています）。下の表で分類してください。",
        "{n} phases ({rows} rows) are unknown and counted as open. Classify them in the table below.",
    ),
    "data.phases_blank": (
        "フェーズが空の行が{rows}行あります（進行中として数えています）。",
        "{rows} rows have no phase and are counted as open.",
    ),
    "data.phases_apply": ("フェーズの意味を保存して読み直す", "Save phase meanings and re-read"),
    "data.phases_cut": (
        "100文字を超えるフェーズは途中までしか表示せず、分類できません（フェーズの列か確認してください）。",
        "Phases longer than 100 characters are shown cut and cannot be classified (check that the "
        "column holds phases).",
    ),
    "data.phase.phase": ("フェーズ", "Phase"),
    "data.phase.rows": ("行数", "Rows"),
    "data.phase.files": ("ファイル数", "Files"),
    "data.phase.outcome": ("意味", "Means"),
    "data.phase.won": ("受注", "Won"),
    "data.phase.lost": ("失注", "Lost"),
    "data.phase.open": ("進行中", "Open"),
    "data.phase.unknown": ("不明（進行中扱い）", "Unknown (counted as open)"),
    "data.outcome.file": ("商談ファイル", "Opportunity file"),
    "data.outcome.won_flags": ("受注（フラグ）", "Won (flags)"),
    "data.outcome.won_phase": ("受注（フェーズ）", "Won (phase)"),
    "data.outcome.lost_flags": ("失注（フラグ）", "Lost (flags)"),
    "data.outcome.lost_phase": ("失注（フェーズ）", "Lost (phase)"),
    "data.outcome.open_flags": ("進行中（フラグ）", "Open (flags)"),
    "data.outcome.open_phase": ("進行中（フェーズ）", "Open (phase)"),
    "data.outcome.open_unknown": ("不明なフェーズ", "Unknown phase"),
    "data.workspace": ("ワークスペース設定", "Workspace settings"),
    "data.workspace_help": (
        "項目対応・ステージ対応・除外ルール・名寄せの判断・スコアリングモデル・ティアのルールを1つのJSONファイルに保存し、次回読み込めます（顧客ごとに1つ）。",
        "Column mapping, stage map, exclusion rules, company-matching decisions, scoring model and tier rules in one JSON file you can load next time (one per client).",
    ),
    "data.workspace_download": ("設定をダウンロード", "Download settings"),
    "data.workspace_upload": ("設定ファイルを読み込む", "Load a settings file"),
    "data.workspace_loaded": (
        "設定ファイル「{file}」を適用しました。",
        "Applied settings file “{file}”.",
    ),
    # issue tables
    "issues.where": ("ファイル・表", "File / table"),
    "issues.message": ("内容", "What was found"),
    "schema.check.missing_required": (
        "{table}：必須項目「{column}」がありません。",
        "{table}: required field “{column}” is missing.",
    ),
    "schema.check.missing_one_of": (
        "{table}：次のいずれかの項目が必要です：{column}",
        "{table}: one of these fields is needed: {column}",
    ),
    "schema.check.dtype": (
        "{table}：項目「{column}」の型が正しくありません。",
        "{table}: field “{column}” has the wrong type.",
    ),
    "schema.check.duplicate": (
        "{table}：項目「{column}」に重複が{count}件あります（最初は{row}行目）。",
        "{table}: field “{column}” has {count} duplicates (first: row {row}).",
    ),
    "schema.check.below_min": (
        "{table}：項目「{column}」に負の値が{count}件あります（最初は{row}行目）。",
        "{table}: field “{column}” has {count} negative values (first: row {row}).",
    ),
    "schema.check.unknown_column": (
        "{table}：項目「{column}」はMoriの項目ではありません。",
        "{table}: “{column}” is not a Mori field.",
    ),
    "schema.check.all_missing": (
        "{table}：項目「{column}」がすべて空欄です。",
        "{table}: field “{column}” is empty in every row.",
    ),
    "schema.check.missing_values": (
        "{table}：必須項目「{column}」が空欄の行が{count}行あります（最初は{row}行目）。",
        "{table}: required field “{column}” is blank in {count} rows (first: row {row}).",
    ),
    "shell.analysed": (
        "分析対象：{kept:,}人・{accounts:,}社（名寄せ・除外後）",
        "Analysed: {kept:,} people in {accounts:,} accounts (after cleaning)",
    ),
    "shell.cleaning_stopped": (
        "クレンジング・名寄せは中止されたか失敗しました。分析ページで再実行できます。",
        "Cleaning and company matching were stopped or failed; run them again from any analysis page.",
    ),
    "shell.cleaning_running": (
        "クレンジング・名寄せを実行中です…",
        "Cleaning and company matching in progress…",
    ),
    # Long work in a worker process (abm/ui/jobs.py, abm/progress.py)
    "jobs.title.clean": (
        "データをクレンジング中（重複の統合・営業対象外の除外・名寄せ）",
        "Cleaning the data (duplicates, exclusions, company matching)",
    ),
    "jobs.title.read": ("ファイルを読み込み中", "Reading the files"),
    "jobs.starting": ("開始しています…（{seconds}秒）", "Starting… ({seconds} s)"),
    "jobs.step": (
        "ステップ {n}/{of}：{step} — {done:,}行完了・残り{left:,}行（経過 {seconds}秒）",
        "Step {n} of {of}: {step} — {done:,} rows done, {left:,} left ({seconds} s)",
    ),
    "jobs.step_files": (
        "ステップ {n}/{of}：{step} — {done:,}ファイル完了・残り{left:,}ファイル（経過 {seconds}秒）",
        "Step {n} of {of}: {step} — {done:,} files done, {left:,} left ({seconds} s)",
    ),
    "jobs.cancel": ("中止", "Cancel"),
    "jobs.cancelled": (
        "処理を中止しました。結果は表示されません。",
        "Stopped. Nothing was changed.",
    ),
    "jobs.restart": ("もう一度実行", "Run again"),
    "jobs.err.memory": (
        "メモリが不足したため処理を完了できませんでした。ファイルを分けるか、より大きなマシンで実行してください。",
        "The work ran out of memory. Split the files or run Mori on a larger machine.",
    ),
    "jobs.err.failed": (
        "処理を完了できませんでした（{kind}）。データの値は記録していません。",
        "The work could not finish ({kind}). No data values were logged.",
    ),
    "progress.read": ("ファイルの読み込み", "reading the files"),
    "progress.persons": ("同一人物の統合", "merging duplicate people"),
    "progress.exclusions": ("営業対象外の判定", "営業対象外 exclusions"),
    "progress.match_keys": (
        "名寄せ（メールドメイン・法人番号）",
        "Company matching (domains, corporate numbers)",
    ),
    "progress.match_names": ("名寄せ（会社名の照合）", "Company matching (company names)"),
    "progress.link": ("活動・商談の紐付け", "linking activities and opportunities"),
    "progress.table": ("活動テーブルの作成", "building the activity table"),
    # lead-source channels (abm.core.channels): one row per channel, whatever wrote it
    "channel.organic_search": ("自然検索", "Organic search"),
    "channel.paid_search": ("検索連動広告", "Paid search"),
    "channel.advertising": ("広告（ディスプレイ・その他）", "Advertising (display, other)"),
    "channel.social_organic": ("SNS（オーガニック）", "Organic social"),
    "channel.social_paid": ("SNS広告", "Paid social"),
    "channel.email_marketing": ("メールマーケティング・メルマガ", "Email marketing"),
    "channel.web_referral": ("参照サイト", "Referring sites"),
    "channel.ai_referral": ("AI経由", "AI referrals"),
    "channel.direct": ("直接流入", "Direct traffic"),
    "channel.website": ("Webサイト", "Website"),
    "channel.inquiry": ("お問い合わせ", "Inquiries"),
    "channel.phone": ("電話", "Phone"),
    "channel.content": ("資料請求・コンテンツ", "Content & downloads"),
    "channel.webinar": ("ウェビナー・セミナー", "Webinars & seminars"),
    "channel.event": ("展示会・イベント", "Trade shows & events"),
    "channel.business_card": ("名刺交換", "Business cards"),
    "channel.referral": ("紹介・パートナー", "Referrals & partners"),
    "channel.existing_customer": (
        "既存顧客（アップセル・クロスセル）",
        "Existing customers (upsell, cross-sell)",
    ),
    "channel.purchased_list": ("購入リスト", "Purchased lists"),
    "channel.sales_outreach": ("営業開拓（テレアポ等）", "Sales outreach"),
    "channel.direct_mail": ("ダイレクトメール", "Direct mail"),
    "channel.offline": ("オフライン（インポート等）", "Offline (imports)"),
    "channel.other_campaigns": ("その他のキャンペーン", "Other campaigns"),
    "channel.other": ("その他", "Other"),
    # a source no channel knows, whose text is a channel's label: never shown as the channel
    "channel.as_written": ("{value}（記載のまま）", "{value} (as written)"),
}
