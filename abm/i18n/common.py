"""Shared strings: app shell, navigation, settings file, generic messages."""

STRINGS: dict[str, tuple[str, str]] = {
    # settings file
    "settings.err.too_big": ("設定ファイル「{file}」が大きすぎます。", "Settings file “{file}” is too large."),
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
}
