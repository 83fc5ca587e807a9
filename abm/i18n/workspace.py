"""Workspaces that persist (#18): snapshots, history between meetings, shared views, governance."""

STRINGS: dict[str, tuple[str, str]] = {
    "nav.workspace": ("ワークスペース", "Workspace"),
    # --- the sidebar ---------------------------------------------------------------------------
    "workspace.picker": ("ワークスペース", "Workspace"),
    "workspace.picker_help": (
        "クライアントやチームごとのワークスペースです。データと設定はこのコンピューターに保存され、次に開いたときもここから始まります。",
        "One workspace per client or team. Its data and settings are kept on this computer, "
        "and the app opens here next time.",
    ),
    "workspace.default_name": ("マイワークスペース", "My workspace"),
    "workspace.snapshot_line": (
        "スナップショット: {label}（{as_of} 時点）",
        "Snapshot: {label} (as of {as_of})",
    ),
    "workspace.not_saved_demo": (
        "デモデータはワークスペースに保存されません。",
        "The demo data is not saved in the workspace.",
    ),
    "workspace.saving": ("スナップショットを保存しています…", "Saving the snapshot…"),
    "workspace.saved_toast": (
        "スナップショットとして保存しました: {label}",
        "Saved as a snapshot: {label}",
    ),
    "workspace.reopened": (
        "前回のデータを開きました: {label}（{as_of} 時点）",
        "Reopened your last data: {label} (as of {as_of})",
    ),
    "workspace.share": ("この画面を共有", "Share this view"),
    "workspace.share_help": (
        "このページのフィルター、ファネルモデル、スコアリングの重みを、このスナップショットのデータでそのまま開くリンクです。開けるのはこのワークスペースのメンバーだけです。",
        "A link that opens this page with its filters, funnel model and scoring weights, "
        "on this snapshot's data. Only members of this workspace can open it.",
    ),
    "workspace.share_make": ("リンクを作成", "Create the link"),
    "workspace.share_needs_snapshot": (
        "共有するには、データをワークスペースに保存してください（アップロードすると自動で保存されます）。",
        "To share, save the data in the workspace first (an upload is saved automatically).",
    ),
    "workspace.view_opened": (
        "共有された画面を開きました（{who}、{at}）。",
        "Opened a shared view ({who}, {at}).",
    ),
    "workspace.view_missing": (
        "共有された画面が見つかりません。リンクが古いか、別のワークスペースのものです。",
        "The shared view was not found: the link is old or belongs to another workspace.",
    ),
    "workspace.view_settings": (
        "共有時の設定で表示しています（ワークスペースの設定は変わっていません）。",
        "Shown with the settings as shared (the workspace's own settings are unchanged).",
    ),
    "workspace.view_settings_reset": (
        "ワークスペースの現在の設定に戻す",
        "Back to the workspace's current settings",
    ),
    "workspace.persistence_off": (
        "このサーバーではワークスペースの保存が無効です（MORI_PERSIST=0）。データはこのブラウザーのセッションにだけあります。",
        "Saving workspaces is turned off on this server (MORI_PERSIST=0): "
        "data lives in this browser session only.",
    ),
    # --- the workspace page --------------------------------------------------------------------
    "workspace.title": ("ワークスペース", "Workspace"),
    "workspace.intro": (
        "読み込んだデータは日付つきのスナップショットとして残り、設定は変更のたびに保存されます。削除すると、このワークスペースのデータ・設定・メンバー・履歴がすべて消えます。",
        "Each load of data is kept as a dated snapshot and settings are saved with every change. "
        "Deleting the workspace removes all its data, settings, members and history.",
    ),
    "workspace.none_open": (
        "ワークスペースが開かれていません。作成するか、サイドバーから選んでください。",
        "No workspace is open. Create one or pick one in the sidebar.",
    ),
    "workspace.name": ("名前", "Name"),
    "workspace.rename": ("名前を変更", "Rename"),
    "workspace.renamed": ("名前を変更しました。", "Renamed."),
    "workspace.create": ("新しいワークスペース", "New workspace"),
    "workspace.create_button": ("作成して開く", "Create and open"),
    "workspace.created": (
        "ワークスペース「{name}」を作成しました。",
        "Created the workspace “{name}”.",
    ),
    "workspace.snapshots": ("スナップショット", "Snapshots"),
    "workspace.snapshots_none": (
        "まだスナップショットはありません。データをアップロードすると保存されます。",
        "No snapshot yet: upload data and it is saved here.",
    ),
    "workspace.col.label": ("内容", "Data"),
    "workspace.col.as_of": ("データの時点", "Data as of"),
    "workspace.col.saved_at": ("保存日時", "Saved"),
    "workspace.col.saved_by": ("保存した人", "Saved by"),
    "workspace.col.files": ("ファイル（行数）", "Files (rows)"),
    "workspace.col.people": ("人（名寄せ後）", "People (after cleaning)"),
    "workspace.col.open": ("表示中", "Open"),
    "workspace.file_rows": ("{file}（{rows}行）", "{file} ({rows} rows)"),
    "workspace.open_snapshot": ("このスナップショットを開く", "Open this snapshot"),
    "workspace.pick_snapshot": ("スナップショット", "Snapshot"),
    "workspace.opened_snapshot": (
        "スナップショットを開きました: {label}",
        "Opened the snapshot: {label}",
    ),
    "workspace.delete_snapshot": ("このスナップショットを削除", "Delete this snapshot"),
    "workspace.snapshot_deleted": ("スナップショットを削除しました。", "The snapshot was deleted."),
    "workspace.save_demo": (
        "デモデータをスナップショットとして保存",
        "Save the demo as a snapshot",
    ),
    "workspace.settings_refreshed": (
        "ほかのメンバーがこのワークスペースの設定を変更しました。最新の設定で表示しています。",
        "Another member changed this workspace's settings: the page shows the latest ones.",
    ),
    "workspace.audit": ("操作履歴", "Audit list"),
    "workspace.audit_help": (
        "誰がいつデータを読み込み、出力し、設定を変えたか。ファイル名と件数だけを記録し、データの値は記録しません。",
        "Who loaded, exported or changed what, and when: file names and counts only, "
        "never a value from the data.",
    ),
    "workspace.audit.col.at": ("日時（UTC）", "When (UTC)"),
    "workspace.audit.col.who": ("誰が", "Who"),
    "workspace.audit.col.action": ("操作", "Action"),
    "workspace.audit.col.detail": ("内容", "Details"),
    "workspace.audit.workspace.created": ("ワークスペースを作成", "Created the workspace"),
    "workspace.audit.workspace.renamed": ("名前を変更", "Renamed the workspace"),
    "workspace.audit.snapshot.saved": ("データを読み込み", "Loaded data"),
    "workspace.audit.snapshot.replaced": (
        "データを更新（項目対応・クレンジング）",
        "Updated the data (mapping, cleaning)",
    ),
    "workspace.audit.snapshot.deleted": ("スナップショットを削除", "Deleted a snapshot"),
    "workspace.audit.settings.changed": ("設定を変更", "Changed settings"),
    "workspace.audit.data.exported": ("データを出力", "Exported data"),
    "workspace.audit.view.shared": ("画面を共有", "Shared a view"),
    "workspace.audit.member.added": ("メンバーを追加・変更", "Added or changed a member"),
    "workspace.audit.member.removed": ("メンバーを削除", "Removed a member"),
    "workspace.local_user": ("このコンピューターの利用者", "the local user"),
    "workspace.danger": ("ワークスペースの削除", "Delete the workspace"),
    "workspace.delete_confirm": (
        "確認のため、ワークスペース名「{name}」を入力してください",
        "To confirm, type the workspace's name “{name}”",
    ),
    "workspace.delete_button": ("すべて削除する", "Delete everything"),
    "workspace.delete_mismatch": (
        "入力した名前がワークスペース名と一致しません。",
        "The name typed does not match the workspace's.",
    ),
    "workspace.deleted": (
        "ワークスペースを削除しました（{rows}行）。保存ファイルからも消去されています。",
        "The workspace was deleted ({rows} rows), and erased from the store file.",
    ),
    "workspace.owner_only": (
        "この操作はワークスペースのオーナーだけが行えます。",
        "Only an owner of the workspace can do this.",
    ),
    "workspace.store_line": ("保存先: {file}", "Stored in: {file}"),
    # --- since last meeting --------------------------------------------------------------------
    "workspace.history.title": ("前回ミーティングからの変化", "Since last meeting"),
    "workspace.history.need_two": (
        "比べるにはスナップショットが2つ必要です。次のエクスポートを読み込むと、前回からの変化がここに表示されます。",
        "Two snapshots are needed to compare: load the next export and what moved since "
        "the last one shows here.",
    ),
    "workspace.history.before": ("前回", "Before"),
    "workspace.history.after": ("今回", "After"),
    "workspace.history.caption": (
        "{before}（{before_as_of} 時点）→ {after}（{after_as_of} 時点）。各スナップショットを、このページの"
        "ファネルモデル・ステージ対応・SLA・ティア設定で、それぞれの時点までの全リードについて計算しています"
        "（このページの期間や絞り込みは使わないため、上の数字とは異なることがあります）。",
        "{before} (as of {before_as_of}) → {after} (as of {after_as_of}), each computed at its "
        "own as-of date with this page's funnel model, stage map, SLA and tier rules, over all "
        "leads up to that date — not this page's period or filters, so the counts may differ "
        "from the page's figures above.",
    ),
    "workspace.history.order": (
        "「今回」が「前回」より新しくありません。選んだとおりに比べています。",
        "“After” is not later than “before”: compared as chosen.",
    ),
    # a snapshot stored under earlier 営業対象外 rules: its figures are what they were then
    "workspace.history.other_rules": (
        "「{label}」（{as_of}時点）は、今のページとは別の除外ルール（営業対象外）で整理された"
        "データの数字です。当時のまま比べているため、ページの数字とは異なります"
        "（今のルールで数えるには、そのスナップショットを開き直してください）。",
        "“{label}” (as of {as_of}) was cleaned with other exclusion rules than the pages "
        "use now: its figures are as they were then, so they differ from the pages' "
        "(reopen that snapshot to count it under today's rules).",
    ),
    # QA-N: another company's exports were compared with the first one's snapshot
    "workspace.history.different_people": (
        "前回のデータと共通の人がほとんどいないため比較しません（前回の人のうち今回のデータにもいるのは"
        "{share}、比べるには{least}以上が必要です）。別の会社や別のエクスポートのデータとみられます。"
        "同じ出所のスナップショットを「前回」「今回」に選んでください。",
        "Not compared: the two snapshots share almost no people ({share} of the earlier "
        "snapshot's people are in the later one; at least {least} are needed). They look like "
        "another company's or another export's data. Pick two snapshots of the same source as "
        "“before” and “after”.",
    ),
    # the stage table counts people, the tiles count deals (QA-H: 受注 +9 beside 受注 10)
    "workspace.history.stage": ("ステージ（到達したリード数）", "Stage (leads reaching it)"),
    "workspace.history.change": ("増減", "Change"),
    "workspace.history.rate_before": ("転換率（前回）", "Conversion (before)"),
    "workspace.history.rate_after": ("転換率（今回）", "Conversion (after)"),
    "workspace.history.new_mql": ("新しいMQL", "New MQLs"),
    "workspace.history.fell_back": ("MQLから戻ったリード", "MQLs that fell back"),
    "workspace.history.gone_mql": ("データから消えたMQL", "MQLs no longer in the data"),
    "workspace.history.deals_created": ("新しい商談", "Deals created"),
    "workspace.history.deals_won": ("受注した商談", "Deals won"),
    "workspace.history.deals_lost": ("失注した商談", "Deals lost"),
    "workspace.history.open_pipeline": ("進行中パイプライン", "Open pipeline"),
    "workspace.history.sla_new": ("新たなSLA超過（{days}日）", "New SLA breaches ({days} days)"),
    "workspace.history.sla_resolved": ("解消したSLA超過", "SLA breaches resolved"),
    "workspace.history.tier_up": ("ティアが上がった企業", "Accounts up a tier"),
    "workspace.history.tier_down": ("ティアが下がった企業", "Accounts down a tier"),
    "workspace.history.tier_counts": ("ティア別の企業数", "Accounts per tier"),
    "workspace.history.tier_changes": ("ティアが変わった企業", "Accounts that changed tier"),
    "workspace.history.col.account": ("企業", "Account"),
    "workspace.history.col.tier_before": ("前回ティア", "Tier before"),
    "workspace.history.col.tier_after": ("今回ティア", "Tier after"),
    "workspace.history.col.direction": ("変化", "Move"),
    "workspace.history.col.score": ("スコア（前回→今回）", "Score (before → after)"),
    "workspace.history.col.moved": ("動いた要素", "What moved"),
    "workspace.history.col.why": ("今回の理由", "Why now"),
    "workspace.history.dir.up": ("上昇", "up"),
    "workspace.history.dir.down": ("下降", "down"),
    "workspace.history.dir.new": ("新規", "new"),
    "workspace.history.dir.gone": ("データから消えた", "gone"),
    "workspace.history.component.score_fit": ("適合度", "fit"),
    "workspace.history.component.score_engagement": ("エンゲージメント", "engagement"),
    "workspace.history.component.score_coverage": ("役職カバー", "coverage"),
    "workspace.history.component.score_pipeline": ("パイプライン", "pipeline"),
    "workspace.history.moved_part": ("{part} {delta}", "{part} {delta}"),
    # QA-R: 21 accounts changed tier with identical rows in both months ("engagement −17"):
    # nothing happened there, the engagement decayed as the as-of date moved on
    "workspace.history.engagement_aged": (
        "{moved}（新しい活動なし・時間の経過による減衰）",
        "{moved} (no new activity: decayed with time)",
    ),
    # ... and one that rose with nothing new: the others' engagement decayed faster
    "workspace.history.engagement_aged_up": (
        "{moved}（新しい活動なし・他社のエンゲージメントが時間の経過で減衰）",
        "{moved} (no new activity: the others' engagement decayed with time)",
    ),
    # QA-R: a renamed account is the same account (its people and domain), its name changed
    "workspace.history.renamed": ("{name}（旧: {before}）", "{name} (formerly {before})"),
    "workspace.history.col.company": ("会社", "Company"),
    "workspace.history.col.stage_after": ("今のステージ", "Stage now"),
    "workspace.history.report_note": (
        "人や企業の名前は含めていません（件数のみ）。",
        "No person or company names: counts only.",
    ),
    "workspace.history.cleaned_differently": (
        "2つのスナップショットは異なるクレンジング設定で名寄せされています。",
        "The two snapshots were cleaned with different cleaning settings.",
    ),
    # --- errors (never a value) --------------------------------------------------------------
    "workspace.err.id": (
        "ワークスペースのIDが正しくありません。",
        "That is not a valid workspace id.",
    ),
    "workspace.err.name": (
        "名前は1〜{max}文字で入力してください。",
        "A name needs 1 to {max} characters.",
    ),
    "workspace.err.exists": (
        "そのIDのワークスペースはすでにあります。",
        "A workspace with that id already exists.",
    ),
    "workspace.err.missing": (
        "このワークスペースはもうありません。",
        "This workspace no longer exists.",
    ),
    "workspace.err.not_saved": (
        "このデータをワークスペースに保存できませんでした。ページはこのまま使えます。"
        "もう一度読み込むと保存を試みます。",
        "This data could not be saved in the workspace. The pages work as they are; "
        "loading it again tries to save it again.",
    ),
    "workspace.err.store": (
        "ワークスペースの保存ファイルを開けませんでした: {reason} データは読み込まれていません。",
        "The workspace store could not be opened: {reason} Nothing was loaded.",
    ),
}
