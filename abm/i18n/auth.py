"""Team mode (#18): sign-in, allow-list, members and roles, ``make serve``'s checks."""

STRINGS: dict[str, tuple[str, str]] = {
    # --- sign-in screens (nothing else is drawn on them) -------------------------------------
    "auth.sign_in.title": ("サインイン", "Sign in"),
    "auth.sign_in.body": (
        "この Mori はチームで共有されています。組織のアカウントでサインインしてください。",
        "This Mori is shared by a team. Sign in with your organisation's account.",
    ),
    "auth.sign_in.button": ("サインイン", "Sign in"),
    "auth.expired": (
        "サインインの有効期限が切れました。もう一度サインインしてください。",
        "Your sign-in has expired. Please sign in again.",
    ),
    "auth.no_email": (
        "ID プロバイダーからメールアドレスが届きませんでした。管理者に連絡してください。",
        "Your identity provider did not send an e-mail address. Please contact your administrator.",
    ),
    "auth.unverified": (
        "このメールアドレスは ID プロバイダーで確認されていません。確認済みのアカウントでサインインしてください。",
        "This e-mail address is not verified by your identity provider. "
        "Please sign in with a verified account.",
    ),
    "auth.not_listed": (
        "{email} にはこの Mori の利用が許可されていません。別のアカウントでサインインするか、管理者に連絡してください。",
        "{email} is not allowed to use this Mori. "
        "Sign in with another account or contact your administrator.",
    ),
    "auth.not_configured": (
        "チームモードの設定が不完全なため、この Mori は利用できません。管理者に連絡してください。",
        "This Mori cannot be used: its team mode is not fully configured. "
        "Please contact your administrator.",
    ),
    "auth.sign_out": ("サインアウト", "Sign out"),
    "auth.other_account": ("別のアカウントでサインイン", "Sign in with another account"),
    "auth.signed_in_as": ("サインイン中: {email}", "Signed in as {email}"),
    # --- workspaces in the sidebar -------------------------------------------------------------
    "auth.workspaces": ("ワークスペース", "Workspaces"),
    "auth.no_workspaces": (
        "参加しているワークスペースはありません。オーナーに招待を依頼してください。",
        "You are not a member of any workspace. Ask an owner to invite you.",
    ),
    "auth.role.owner": ("オーナー", "owner"),
    "auth.role.viewer": ("閲覧者", "viewer"),
    "auth.workspace_label": ("{name}（{role}）", "{name} ({role})"),
    "auth.workspace_refused": (
        "このワークスペースは開けません。存在しないか、あなたがメンバーではありません。"
        "開く必要がある場合は、共有した人に招待を依頼してください。",
        "This workspace cannot be opened: it does not exist or you are not a member. "
        "If you need it, ask the person who shared the link to invite you.",
    ),
    "auth.members": ("メンバー", "Members"),
    "auth.member_row": ("{email}（{role}）", "{email} ({role})"),
    "auth.member_remove": ("メンバーから外す", "Remove from the workspace"),
    "auth.member_remove_ask": (
        "{email} をこのワークスペースのメンバーから外しますか？"
        "外された人は、次にクリックした時点でこのワークスペースを開けなくなります。",
        "Remove {email} from the workspace? They lose access to it at their next click.",
    ),
    "auth.member_remove_confirm": ("外す", "Remove"),
    "auth.member_remove_cancel": ("キャンセル", "Cancel"),
    "auth.member_email": ("メールアドレス", "E-mail address"),
    "auth.member_role": ("役割", "Role"),
    "auth.member_add": ("追加・変更", "Add or change"),
    "auth.go_home": ("ホームへ", "Go to the home page"),
    "auth.kept_in_session": (
        "閲覧者のため、この変更はあなたの画面だけに反映され、ワークスペースには保存されていません。チームの設定を変えるにはオーナーに依頼してください。",
        "You are a viewer: this change shows in your session only and was not saved to the workspace. Ask an owner to change the team's settings.",
    ),
    "auth.view_only_short": ("閲覧者（変更は保存されません）", "Viewer (changes are not saved)"),
    "auth.view_only": (
        "このワークスペースでは閲覧者です。データの読み込みや設定の変更はオーナーが行います。",
        "You are a viewer of this workspace: its owners load data and change settings.",
    ),
    # --- errors (never an address or a name: they are personal data) ---------------------------
    "auth.err.config_missing": (
        "チーム設定ファイル {file} が見つかりません。",
        "The team configuration file {file} was not found.",
    ),
    "auth.err.config_file": (
        "チーム設定ファイル {file} を TOML として読めません。",
        "The team configuration file {file} is not valid TOML.",
    ),
    "auth.err.role": (
        "役割は {roles} のいずれかです。",
        "A role is one of {roles}.",
    ),
    "auth.err.email": ("メールアドレスの形式ではありません。", "That is not an e-mail address."),
    "auth.err.workspace_id": (
        "ワークスペース ID が空か長すぎます。",
        "The workspace id is empty or too long.",
    ),
    "auth.err.not_owner": (
        "メンバーを追加・変更・削除できるのはワークスペースのオーナーだけです。",
        "Only an owner of the workspace can add, change or remove members.",
    ),
    "auth.err.last_owner": (
        "最後のオーナーは削除・降格できません。先に別のオーナーを追加してください。",
        "The last owner cannot be removed or made a viewer. Add another owner first.",
    ),
    "auth.err.local_mode": (
        "ローカルモード（make run）にはメンバーがいません。チームモードは make serve で起動します。",
        "Local mode (make run) has no members. Team mode is started with make serve.",
    ),
    # --- make serve's checks before starting ---------------------------------------------------
    "auth.serve.ok": (
        "チームモードで起動します（{host}:{port}、許可リスト {file}）。",
        "Starting in team mode ({host}:{port}, allow-list {file}).",
    ),
    "auth.serve.no_auth": (
        "{file} に [auth] セクションがありません。チームモードはサインインなしでは起動しません（README「チームで使う」）。",
        "{file} has no [auth] section. Team mode does not start without sign-in "
        "(README, 'Running it for a team').",
    ),
    "auth.serve.missing_key": (
        "{file} の [auth] に {key} がありません。",
        "[auth] in {file} has no {key}.",
    ),
    "auth.serve.short_secret": (
        "{file} の cookie_secret が短すぎます（{min} 文字以上のランダムな文字列にしてください）。",
        "cookie_secret in {file} is too short (use a random string of at least {min} characters).",
    ),
    "auth.serve.redirect": (
        "redirect_uri は https:// で始まり /oauth2callback で終わる必要があります（ループバックでの試用を除く）。",
        "redirect_uri must start with https:// and end with /oauth2callback "
        "(except on loopback, for a trial).",
    ),
    "auth.serve.no_authlib": (
        "サインインに必要な Authlib がインストールされていません（pip install -e .）。",
        "Authlib, needed for sign-in, is not installed (pip install -e .).",
    ),
    "auth.serve.readable": (
        "注意: {file} を他のユーザーが読めます（chmod 600 を推奨）。",
        "Warning: other users can read {file} (chmod 600 recommended).",
    ),
    "auth.serve.not_loopback": (
        "注意: {host} で待ち受けます。TLS リバースプロキシの内側以外では使わないでください。",
        "Warning: listening on {host}. Do not use it other than behind a TLS reverse proxy.",
    ),
}
