"""Strings of the 名寄せ / cleaning area."""

STRINGS: dict[str, tuple[str, str]] = {
    # errors
    "resolve.err.no_company": (
        "会社名の列（{column}）がありません。名寄せできません。",
        "There is no company column ({column}); accounts cannot be resolved.",
    ),
    "resolve.err.bad_decisions": (
        "レビュー判断のファイルが不正です。何も適用していません。",
        "The review decisions file is invalid. Nothing was applied.",
    ),
    "resolve.err.cleaning_fallback": (
        "保存された名寄せ・除外の設定ではクレンジングを完了できなかったため、既定の設定でクレンジングしています。設定を見直してください。",
        "Cleaning with the saved matching and exclusion settings failed, so the defaults are used. Please review the settings.",
    ),
    # match rules
    "resolve.rule.manual": ("手動（レビュー判断）", "Manual (review decision)"),
    "resolve.rule.corporate_number": ("法人番号", "Corporate number"),
    "resolve.rule.email_domain": ("メール・Webドメイン", "Email / website domain"),
    "resolve.rule.exact_name": ("会社名の完全一致（正規化後）", "Exact normalised name"),
    "resolve.rule.reading_name": (
        "社名の読み・英訳が一致（ローマ字↔日本語）",
        "Same name across scripts (romaji / English ↔ Japanese)",
    ),
    "resolve.rule.domain_name": (
        "ローマ字社名とドメインが一致",
        "Romanised name matches the domain",
    ),
    "resolve.rule.fuzzy_name": ("会社名のあいまい一致（弱い）", "Fuzzy name (weak)"),
    "resolve.rule.singleton": ("単独（一致なし）", "Singleton (no match)"),
    "resolve.rule.crm_account": (
        "CRMの取引先ID（会社名・企業ドメインなし）",
        "CRM account id (no company name or domain)",
    ),
    "resolve.rule.no_company": (
        "企業不明（会社名・企業ドメイン・法人番号なし）",
        "No company (no name, company domain or corporate number)",
    ),
    # exclusion reasons
    "resolve.reason.test": ("テスト・ダミー", "Test / dummy"),
    "resolve.reason.internal": ("自社・グループ会社", "Own company / group"),
    "resolve.reason.competitor": ("競合", "Competitor"),
    "resolve.reason.partner": ("パートナー", "Partner"),
    "resolve.reason.customer": ("既存顧客", "Existing customer"),
    "resolve.reason.student": ("学生（本人の役職・所属から）", "Student (by their own title)"),
    "resolve.reason.school": (
        "学校・大学の取引先（顧客でなく、担当者もいない）",
        "School / university account (not a customer, no kept people)",
    ),
    "resolve.reason.free_mail": ("フリーメールの個人", "Free-mail individual"),
    "resolve.reason.unsubscribed": ("配信停止", "Unsubscribed"),
    "resolve.reason.bounced": ("メール不達", "Bounced"),
    # review reasons
    "resolve.review.ambiguous_name": (
        "同名の会社が複数あり、どれか決められない",
        "Several companies carry this exact name",
    ),
    "resolve.review.weak_score": ("名前の類似度が閾値未満", "Name similarity below the threshold"),
    "resolve.review.short_name": (
        "名前が短すぎて自動判定しない",
        "Name too short to merge automatically",
    ),
    "resolve.review.digit_conflict": ("名前の数字が異なる", "Digits in the names differ"),
    "resolve.review.generic_word_conflict": (
        "業種語が異なる（例：電機と商事）",
        "Business words differ (e.g. Electric vs Trading)",
    ),
    "resolve.review.legal_form_conflict": (
        "法人格が異なる（株式会社と有限会社など）",
        "Legal forms differ (株式会社 vs 有限会社)",
    ),
    "resolve.review.ambiguous_match": (
        "似た候補が複数ある",
        "Several similar candidates",
    ),
    "resolve.review.ambiguous_reading": (
        "英字・ローマ字の社名が複数の会社の読みや英訳に一致する",
        "The English or romaji name matches several companies",
    ),
    "resolve.review.distinct_character": (
        "社名の漢字・かな・英字が違う（別の会社かもしれない）",
        "A different kanji, kana or letter in the name (maybe another company)",
    ),
    "resolve.col.company_a": ("会社名A", "Company A"),
    "resolve.col.company_b": ("会社名B", "Company B"),
    "resolve.col.reading_a": ("読みA", "Reading A"),
    "resolve.col.reading_b": ("読みB", "Reading B"),
    "resolve.col.evidence_a": (
        "根拠A（ドメイン・法人番号）",
        "Evidence A (domain, corporate number)",
    ),
    "resolve.col.evidence_b": (
        "根拠B（ドメイン・法人番号）",
        "Evidence B (domain, corporate number)",
    ),
    "resolve.col.score": ("名前の類似度", "Name similarity"),
    "resolve.col.pair_reason": ("確認が必要な理由", "Why it needs a look"),
    "resolve.registry.title": (
        "公式の法人レジストリ（任意）",
        "Official company registry (optional)",
    ),
    "resolve.registry.help": (
        "国税庁 法人番号公表サイトの全件データ・都道府県別データ（CSV、ZIPのままでも可）またはEDINETコードリストを読み込むと、社名が一致したリードに法人番号・正式名称・フリガナ・英語表記を付け、名寄せに使います。ファイルはこのセッションの中だけで使います。",
        "Load the National Tax Agency corporate-number download (all or one prefecture; CSV, zipped or not) or the EDINET code list: leads whose name matches get the corporate number, official name, reading and English name, and company matching (名寄せ) uses them. The file stays in this session.",
    ),
    "resolve.registry.upload": ("レジストリのファイル", "Registry file"),
    "resolve.registry.loaded": (
        "レジストリ（{rows}社）を読み込み済み：{matched}件のリードに法人番号が付きました。",
        "Registry of {rows} companies loaded: {matched} leads got a corporate number.",
    ),
    "resolve.registry.slips": (
        "うち{slips}件は、登録名の打ち間違い（1字抜け、同じ読みの漢字）として照合しました。レジストリが全国の全件データでないときは、確かめてください。どの照合かは、ダウンロードの「残したリード」の列「{column}」にあります。",
        '{slips} of them as a typing slip of a registered name (one character missing, or a kanji that reads the same): check them when the registry is not the national file. The "{column}" column of the kept rows\' download says how each lead matched.',
    ),
    "resolve.registry.match.number": ("法人番号が一致", "Corporate number"),
    "resolve.registry.match.name": ("社名が一致", "Name"),
    "resolve.registry.match.english": ("英語表記が一致", "English name"),
    "resolve.registry.match.reading": ("ローマ字がフリガナと一致", "Romaji of the reading"),
    "resolve.registry.match.skeleton": (
        "表記ゆれ（ー・小書き・濁点・旧字）",
        "Spelling variant (ー, small kana, 濁点, old kanji)",
    ),
    "resolve.registry.match.drop": ("1字抜けの打ち間違い", "Typing slip: one character missing"),
    "resolve.registry.match.homophone": (
        "同じ読みの漢字の打ち間違い",
        "Typing slip: a kanji that reads the same",
    ),
    "resolve.err.registry_layout": (
        "{file} は法人番号公表サイトのCSVでもEDINETコードリストでもありません。",
        "{file} is neither the corporate-number CSV nor the EDINET code list.",
    ),
    "resolve.err.registry_empty": (
        "{file} に有効な法人番号の行がありません。",
        "{file} has no row with a valid corporate number.",
    ),
    "resolve.action.confirm": ("同じ会社として統合", "Same company: merge"),
    "resolve.action.split": ("別の会社として分離", "Different companies: keep apart"),
    "resolve.action.merge": ("統合", "Merge"),
    "resolve.action.none": ("（未判断）", "(not decided)"),
    "resolve.survivorship": (
        "同じメールアドレス、同じリード・取引先責任者IDと同じ氏名、取引を開始したリードとその取引先責任者（取引開始後の取引先責任者ID）、またはメールアドレスのない行（名刺など）と同じ会社の同じ氏名の人（その氏名でメールアドレスの違う人が2人以上いる会社を除く）は同一人物として統合します。作成日が最新の行を残し（取引開始済みのリードより取引先責任者を残します）、各項目は作成日が最新の空でない値を採用します。ただしステージ（ライフサイクルステージ・リード状況）は到達した最も先のステージ、作成日と各ステージの日付は最も古い日付です。配信停止・不達はどれか1行でも該当すれば該当とします。",
        "The same email address, the same lead / contact id and name, a converted lead and the contact it became (its converted contact id), or a row without an e-mail (a business card…) and the person of the same full name at the same company (unless two people of that name there have different addresses) is one person. The latest row by created date survives (a contact over its converted lead); each field takes the latest non-empty value, except the stage (lifecycle stage, lead status: the furthest reached) and the created and stage dates (the earliest); unsubscribed/bounced are true if any row says so.",
    ),
    # cleaning page
    "resolve.page.intro": (
        "同じ会社を1つの取引先にまとめ（名寄せ）、営業対象外を理由つきで除外します。すべての行が「残す・統合・除外」のどれかに必ず入ります。",
        "Match every lead to one account per real company (名寄せ) and set aside non-targets with a reason. Every row ends up kept, merged or excluded.",
    ),
    "resolve.page.no_company": (
        "会社名の列が割り当てられていません。データページで「会社名」を割り当ててください。",
        "No column is mapped to the company name. Map “Company” on the data page.",
    ),
    "resolve.page.threshold": (
        "あいまい一致の厳しさ（閾値）",
        "Fuzzy-match strictness (threshold)",
    ),
    "resolve.page.threshold_help": (
        "会社名の類似度がこの値以上で、他の条件（業種語・数字・長さ）も合うときだけ自動で統合します。上げるほど統合が減ります。",
        "Names merge automatically only at or above this similarity and when business words, digits and length agree. Higher merges less.",
    ),
    "resolve.page.sensitivity": (
        "閾値{threshold}では取引先{accounts:,}件（標準{base_threshold}との差：{delta:+,d}件）",
        "At threshold {threshold}: {accounts:,} accounts ({delta:+,d} vs the default {base_threshold})",
    ),
    "resolve.kpi.leads_in": ("取り込んだリード", "Leads in"),
    "resolve.kpi.persons": ("重複除去後の人数", "Persons after de-dup"),
    "resolve.kpi.accounts": ("取引先（会社）", "Accounts found"),
    "resolve.kpi.review": ("要確認の弱い一致", "Weak matches to review"),
    "resolve.kpi.excluded": ("営業対象外（行）", "Excluded (rows)"),
    "resolve.kpi.persons_help": (
        "重複行をまとめた後の人数で、営業対象外の人も含みます：残す{kept:,}人 + 営業対象外{excluded:,}人。",
        "People after merging duplicate rows, excluded people included: {kept:,} kept + "
        "{excluded:,} excluded.",
    ),
    "resolve.kpi.excluded_help": (
        "営業対象外の人の入力行数（{persons:,}人分。重複行も含む）。理由別の内訳は「除外理由別」タブ。",
        "Input rows of the excluded people ({persons:,} people, their duplicate rows "
        "included); by reason in the “Exclusions by reason” tab.",
    ),
    "resolve.kpi.merged": ("統合した重複行", "Duplicate rows merged"),
    "resolve.kpi.kept": ("残したリード", "Leads kept"),
    "resolve.ledger": (
        "入力{rows_in:,}行 = 残す{kept:,}行 + 統合{merged:,}行 + 除外{excluded:,}行",
        "{rows_in:,} rows in = {kept:,} kept + {merged:,} merged + {excluded:,} excluded",
    ),
    # the ledger counts rows, the persons tile people: the excluded rows are fewer people (QA-N:
    # 3,832 persons ≠ 3,443 kept + 396 excluded, because the 396 rows were 389 people)
    "resolve.ledger_persons": (
        "除外{excluded:,}行＝{excluded_persons:,}人（同じ人の重複行を含む）。"
        "重複除去後の人数{persons:,}人＝残す{kept:,}人＋除外{excluded_persons:,}人",
        "{excluded:,} excluded rows = {excluded_persons:,} people (one person's duplicate rows "
        "included); {persons:,} persons after de-dup = {kept:,} kept + {excluded_persons:,} excluded",
    ),
    "resolve.tab.rules": ("一致ルール別", "Match rate by rule"),
    "resolve.tab.exclusions": ("除外理由別", "Exclusions by reason"),
    "resolve.tab.review": ("レビュー", "Review queue"),
    "resolve.tab.accounts": ("取引先一覧", "Accounts"),
    "resolve.tab.downloads": ("ダウンロード", "Downloads"),
    "resolve.col.rule": ("一致ルール", "Match rule"),
    "resolve.col.reason": ("除外理由", "Reason"),
    "resolve.col.rows": ("行数", "Rows"),
    "resolve.col.share": ("割合", "Share"),
    "resolve.col.decision": ("判断", "Decision"),
    "resolve.col.company": ("会社名", "Company"),
    "resolve.col.account": ("企業", "Account"),
    "resolve.col.min_confidence": ("最低の確からしさ", "Lowest confidence"),
    "resolve.rules.title": ("営業対象外ルール", "Exclusion rules"),
    "resolve.rules.own_names": (
        "自社・グループ会社の会社名（1行に1社）",
        "Your own company and group companies (one per line)",
    ),
    "resolve.rules.own_domains": (
        "自社・グループ会社のドメイン（1行に1つ）",
        "Your own domains (one per line)",
    ),
    "resolve.rules.competitor_names": (
        "競合の会社名（1行に1社）",
        "Competitor names (one per line)",
    ),
    "resolve.rules.competitor_domains": (
        "競合のドメイン（1行に1つ）",
        "Competitor domains (one per line)",
    ),
    "resolve.rules.partner_names": (
        "パートナーの会社名（1行に1社）",
        "Partner names (one per line)",
    ),
    "resolve.rules.partner_domains": (
        "パートナーのドメイン（1行に1つ）",
        "Partner domains (one per line)",
    ),
    "resolve.rules.customer_names": (
        "既存顧客の会社名（1行に1社）",
        "Customer names (one per line)",
    ),
    "resolve.rules.customer_domains": (
        "既存顧客のドメイン（1行に1つ）",
        "Customer domains (one per line)",
    ),
    "resolve.rules.free_mail_all": (
        "フリーメールはすべて除外（オフ：会社名が空・「個人」などのときだけ）",
        "Exclude every free-mail address (off: only when the company is blank or says “individual”)",
    ),
    "resolve.rules.save": ("ルールを保存", "Save rules"),
    "resolve.rules.saved": ("ルールを保存しました。", "Rules saved."),
    "resolve.page.threshold_saved": (
        "名寄せのしきい値を保存しました。",
        "Matching threshold saved.",
    ),
    "resolve.review.help": (
        "同じ会社なら「統合」、別の会社なら「分離」を選んで適用してください。判断は保存され、次のアップロードにも自動で適用されます。",
        "Choose “merge” if it is one company or “keep apart” if not, then apply. Decisions are saved and re-applied to the next upload automatically.",
    ),
    "resolve.review.empty": ("確認が必要な一致はありません。", "Nothing to review."),
    "resolve.review.apply": ("判断を適用", "Apply decisions"),
    "resolve.review.applied": ("{count}件の判断を適用しました。", "{count} decisions applied."),
    "resolve.review.count": ("保存済みの判断：{count}件", "Saved decisions: {count}"),
    "resolve.review.clear": ("判断をすべて消す", "Clear all decisions"),
    "resolve.decisions.download": ("判断をJSONで保存", "Download decisions (JSON)"),
    "resolve.decisions.upload": ("判断のJSONを読み込む", "Load decisions (JSON)"),
    "resolve.decisions.loaded": ("{count}件の判断を読み込みました。", "{count} decisions loaded."),
    "resolve.download.kept": ("残したリード（CSV）", "Kept leads (CSV)"),
    "resolve.download.merged": ("統合した重複行（CSV）", "Merged duplicates (CSV)"),
    "resolve.download.excluded": ("除外した行と理由（CSV）", "Excluded rows with reasons (CSV)"),
    "resolve.download.accounts": ("取引先一覧（CSV）", "Accounts (CSV)"),
    "resolve.download.excluded_accounts": (
        "除外した取引先ファイルの行と理由（CSV）",
        "Excluded accounts-file rows with reasons (CSV)",
    ),
    "resolve.download.hygiene_review": (
        "学生か職員か要確認の人（CSV）",
        "People to check: student or staff (CSV)",
    ),
    # accounts-file rows judged by the exclusion rules (#13)
    "resolve.accounts_file.title": ("取引先ファイルから除外した行", "Accounts-file rows excluded"),
    "resolve.accounts_file.help": (
        "取引先ファイルの行にもリードと同じ除外ルールを適用します。除外した会社はターゲット・ホワイトスペース・CRM出力に入りません（商談の金額は引き続き集計します）。",
        "The accounts file faces the same exclusion rules as the leads. An excluded company never becomes a target, a whitespace account or a CRM export row (its deals still count).",
    ),
    "resolve.accounts_file.count": (
        "取引先ファイル{rows_in}行のうち{excluded}行を除外しました。",
        "{excluded} of the accounts file's {rows_in} rows were excluded.",
    ),
    "resolve.accounts_file.none": (
        "取引先ファイルに除外対象の行はありません。",
        "No row of the accounts file is excluded.",
    ),
    # kept persons a hygiene rule could not decide
    "resolve.hygiene_review.title": (
        "学生か職員か判断できない人",
        "Student or staff? Undecided people",
    ),
    "resolve.hygiene_review.help": (
        "学校法人・大学などの所属で、役職・部署・アドレスに学生とも職員とも判断できる手がかりがない人です。除外せず残しています。学生であれば元データの役職を直してください。",
        "People at a school corporation or university whose title, department and address say neither student nor staff. They are kept, not excluded; correct their title in the source if they are students.",
    ),
    "resolve.hygiene_review.count": ("要確認：{count}人", "To check: {count} people"),
    "resolve.merged_by.email": ("同じメールアドレス", "the same e-mail address"),
    "resolve.merged_by.record_id": (
        "同じリード・取引先責任者IDと同じ氏名",
        "the same lead / contact id and name",
    ),
    "resolve.merged_by.name_company": (
        "メールアドレスのない行で、同じ会社の同じ氏名",
        "a row without an e-mail: the same full name at the same company",
    ),
    "resolve.merged_by.converted_lead": (
        "取引を開始したリードと、その取引先責任者",
        "a converted lead and the contact it became",
    ),
    "resolve.hygiene_review.school_corporation": (
        "学校法人・大学の所属で、学生か職員か判断できない",
        "At a school corporation or university; neither student nor staff evidence",
    ),
    "resolve.col.review_reason": ("確認理由", "Why to check"),
    "resolve.shown_rows": (
        "表示は先頭{shown}行までです（全{total}行はダウンロードに含まれます）。",
        "Showing the first {shown} rows (all {total} rows are in the download).",
    ),
    "resolve.fix.title": ("取引先を分割・統合する", "Split or merge accounts"),
    "resolve.fix.account": ("取引先", "Account"),
    "resolve.fix.split_keys": (
        "この取引先から切り離す名前（正規化名|ドメイン）",
        "Names to take out of this account (normalised name|domain)",
    ),
    "resolve.fix.split": ("切り離す", "Split off"),
    "resolve.fix.merge_with": ("統合する相手の取引先", "Merge with account"),
    "resolve.fix.merge": ("統合する", "Merge"),
    "resolve.fix.done": ("判断を保存しました。", "Decision saved."),
    "resolve.page.save_threshold": ("閾値を保存", "Save threshold"),
    "resolve.page.preview": (
        "保存前の設定によるプレビューです。保存すると全ページの分析に反映されます。",
        "Preview of unsaved settings. Save them to use them on every analysis page.",
    ),
}
