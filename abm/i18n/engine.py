"""Engine strings: backends, sources besides uploads, the stored dataset (abm.engine)."""

STRINGS: dict[str, tuple[str, str]] = {
    # configuration (written by an administrator)
    "engine.err.config_missing": (
        "エンジン設定ファイル「{file}」が見つかりません。",
        "Engine settings file “{file}” was not found.",
    ),
    "engine.err.config_file": (
        "エンジン設定ファイル「{file}」を読めません（TOMLまたはJSONで、1MB以下にしてください）。",
        "Engine settings file “{file}” cannot be read (it must be TOML or JSON, at most 1 MB).",
    ),
    "engine.err.secrets_missing": (
        "秘密情報ファイル「{file}」に接続「{name}」がありません。管理者が [connections.{name}] を設定してください。",
        "Secrets file “{file}” has no connection “{name}”. An administrator must add [connections.{name}].",
    ),
    "engine.err.backend_missing": (
        "エンジン「{backend}」のドライバーがインストールされていません。管理者が追加パッケージ「{extra}」を入れてください（pip install 'mori-abm[{extra}]'）。",
        "The driver for engine “{backend}” is not installed. An administrator must install the “{extra}” extra (pip install 'mori-abm[{extra}]').",
    ),
    "engine.err.java_missing": (
        "Sparkを使うにはJava実行環境が必要ですが、見つかりません。Java 17以上を入れるか、JAVA_HOME を設定してください（Debian: apt-get install default-jre-headless）。",
        "Spark needs a Java runtime and none was found. Install Java 17 or later or set JAVA_HOME (Debian: apt-get install default-jre-headless).",
    ),
    # running a step
    "engine.err.memory": (
        "「{step}」の途中でエンジン（{backend}）のメモリが足りなくなりました（上限: {limit}）。エンジン設定の memory_limit を上げるか、temp_directory に空きのあるディスク上のフォルダを指定してください。Sparkではexecutorのメモリを増やしてください。",
        "The engine ({backend}) ran out of memory during “{step}” (limit: {limit}). Raise memory_limit in the engine settings or point temp_directory at a folder on a disk with free space; on Spark, give the executors more memory.",
    ),
    "engine.err.unreachable": (
        "エンジン（{backend}）に接続できません（「{step}」）。接続先が動いているか、ネットワークと権限を管理者に確認してください。",
        "Cannot reach the engine ({backend}) during “{step}”. Ask an administrator to check that it is running, the network and the permissions.",
    ),
    "engine.err.table_missing": (
        "エンジン（{backend}）にテーブル「{table}」がありません。データソース設定のテーブル名を確認してください。",
        "The engine ({backend}) has no table “{table}”. Check the table names in the data source settings.",
    ),
    "engine.err.query_table_missing": (
        "「{step}」で使うテーブルがエンジン（{backend}）にありません。データソース設定を確認してください。",
        "A table needed for “{step}” is missing in the engine ({backend}). Check the data source settings.",
    ),
    "engine.err.query_column_missing": (
        "「{step}」で使う列がエンジン（{backend}）のテーブルにありません。列の対応付けを確認してください。",
        "A column needed for “{step}” is missing in the engine's ({backend}) table. Check the column mapping.",
    ),
    "engine.err.failed": (
        "エンジン（{backend}）で「{step}」を実行できませんでした。管理者はサーバーのログで詳細を確認できます。",
        "The engine ({backend}) could not run “{step}”. An administrator can find the details in the server log.",
    ),
    # sources besides uploads
    "engine.source.err.no_source": (
        "データソースが設定されていません（kind を folder・duckdb・warehouse のいずれかにしてください）。",
        "No data source is configured (set kind to folder, duckdb or warehouse).",
    ),
    "engine.source.err.path_missing": (
        "データソースの場所「{path}」が見つかりません。",
        "Data source location “{path}” was not found.",
    ),
    "engine.source.err.no_files": (
        "テーブル「{table}」のファイル「{pattern}」が見つかりません。",
        "No files match “{pattern}” for table “{table}”.",
    ),
    "engine.source.err.no_leads": (
        "データソースにリードのテーブルがありません。tables に leads を指定してください。",
        "The data source has no leads table. Name one under tables.leads.",
    ),
    "engine.source.err.column_missing": (
        "テーブル「{table}」に列「{column}」がありません（列の対応付けで指定された列です）。",
        "Table “{table}” has no column “{column}” (named in its column mapping).",
    ),
    "engine.source.err.required": (
        "テーブル「{table}」に必須の列「{column}」が対応付けられていません。",
        "Table “{table}” has no column mapped to the required “{column}”.",
    ),
    "engine.source.kind.upload": ("アップロード", "Upload"),
    "engine.source.kind.folder": ("ファイルのフォルダ", "Folder of files"),
    "engine.source.kind.duckdb": ("DuckDBデータベース", "DuckDB database"),
    "engine.source.kind.warehouse": ("データウェアハウス", "Warehouse"),
    # the app (abm.ui.sources): the Data page's source box and what the pages show meanwhile
    "engine.ui.title": ("データソース", "Data source"),
    "engine.ui.opening": (
        "管理者が設定したデータソースを開いています…",
        "Opening the data source an administrator configured…",
    ),
    "engine.ui.ahead": (
        "サーバーがデータソースを準備しています（全員のために1回・完了すると保存され、次からはすぐ開きます）",
        "The server is preparing the data source (once for everyone; stored when done, so it opens at once from then on)",
    ),
    "engine.ui.ahead_short": (
        "サーバーがデータソースを準備中（{percent}%）— 完了するとこのページが開きます",
        "The server is preparing the data source ({percent}%) — this page opens it when done",
    ),
    "engine.ui.newer_short": (
        "新しいデータをサーバーが準備中（{percent}%）— 表示中は前回準備したデータです",
        "The server is preparing newer data ({percent}%) — shown: the data as last prepared",
    ),
    "engine.ui.newer_ready": (
        "新しいデータの準備ができました。",
        "Newer data is ready.",
    ),
    "engine.ui.newer_open": ("新しいデータを開く", "Open the newer data"),
    "engine.ui.newer_failed": (
        "サーバーが新しいデータを準備できませんでした。表示中は前回準備したデータです（管理者にご連絡ください）。",
        "The server could not prepare the newer data; shown: the data as last prepared (tell an administrator).",
    ),
    "engine.ui.label": ("{kind}（管理者の設定）", "{kind} (configured by an administrator)"),
    "engine.ui.in_use": (
        "使用中: **{kind}**（管理者の設定ファイル「{file}」）。アップロードすると、このセッションではそのファイルに置き換わります。",
        "In use: **{kind}** (the administrator's file “{file}”). An upload replaces it for this session.",
    ),
    "engine.ui.col.table": ("テーブル", "Table"),
    "engine.ui.col.location": ("場所", "Location"),
    "engine.ui.col.rows": ("行数", "Rows"),
    "engine.ui.upload": (
        "使用中: **{label}**（{kind}、読み込んだファイル {files}件）。",
        "In use: **{label}** ({kind}, {files} files read).",
    ),
    "engine.ui.none": (
        "データはまだありません。ファイルをアップロードするか、管理者にデータソースの設定を依頼してください。",
        "No data yet. Upload files, or ask an administrator to configure a data source.",
    ),
    "engine.ui.reopened": (
        "{when} に準備（クレンジング・名寄せ・集計）して保存したデータを開きました。再計算はしていません。",
        "Reopened the data prepared (cleaned, companies matched, aggregated) and stored at {when}; nothing was recomputed.",
    ),
    "engine.ui.stored": (
        "準備したデータを保存しました。次に開くときは再計算せずに開きます。",
        "The prepared data is stored: the next opening reopens it without recomputing.",
    ),
    "engine.ui.reread": ("データソースを読み直す", "Read the data source again"),
    "engine.ui.building": (
        "活動ログをエンジンで集計しています（データごとに1回）…",
        "Aggregating the activity log on the engine (once per dataset)…",
    ),
    "engine.ui.storing": (
        "準備したデータをバックグラウンドで保存しています。ページはそのままお使いいただけます（次回はすぐ開けます）…",
        "Storing the prepared data in the background; the pages can be used meanwhile (the next opening is quick)…",
    ),
    # the stored dataset
    "engine.store.err.corrupt": (
        "「{file}」はDuckDBのデータベースとして読めません（壊れているか別の種類のファイルです）。何も読み込んでいません。",
        "“{file}” cannot be read as a DuckDB database (it is damaged or another kind of file). Nothing was loaded.",
    ),
    "engine.store.err.foreign": (
        "「{file}」はMoriの保存データではありません。何も読み込んでいません。",
        "“{file}” is not a Mori data store. Nothing was loaded.",
    ),
    "engine.store.err.newer": (
        "「{file}」はより新しいMori（形式{version}）で保存されています。このMoriは形式{supported}までしか読めません。何も読み込んでいません。",
        "“{file}” was written by a newer Mori (format {version}); this build reads up to format {supported}. Nothing was loaded.",
    ),
    "engine.store.err.damaged": (
        "「{file}」の保存データが不完全です（テーブル「{table}」）。何も読み込んでいません。もう一度保存してください。",
        "The stored data in “{file}” is incomplete (table “{table}”). Nothing was loaded; save it again.",
    ),
    "engine.store.err.no_snapshot": (
        "「{file}」にこのワークスペースの保存データがありません。",
        "“{file}” holds no stored data for this workspace.",
    ),
    "engine.store.err.failed": (
        "準備したデータを「{file}」に保存できませんでした。ページはそのまま使えますが、次回は再計算します。",
        "The prepared data could not be stored in “{file}”. The pages work as they are; the next opening computes again.",
    ),
    "engine.store.err.locked": (
        "「{file}」は別のプロセスが使用中です。しばらくしてからもう一度お試しください。",
        "“{file}” is in use by another process. Try again in a moment.",
    ),
}
