"""Team mode's gate in AppTest (#18): who sees a page, what a viewer may do, make serve's check.

The browser journeys against a real provider are tests/e2e/test_team_mode.py;
here ``at.user`` stands for the ID token's claims and ``at.secrets`` for the
``[auth]`` section, so every branch of :func:`abm.ui.auth.gate` is reached
quickly, on the home page and the data page.
"""

from __future__ import annotations

import time

import pandas as pd
import pytest

from abm.i18n import t
from abm.ui import auth, md, serve, state
from abm.workspace import OWNER, VIEWER, DuckDBMembers
from tests.support.team import AUTH, OUTSIDER, OWNER_EMAIL, VIEWER_EMAIL, team_file
from tests.ui.conftest import new_app, with_demo

LANG = "en"
WS = "acme-2026"


@pytest.fixture
def team(tmp_path, monkeypatch):
    path = team_file(tmp_path, tmp_path / "mori.duckdb", WS)
    monkeypatch.setenv(auth.TEAM_ENV, str(path))
    return path


def _session(email: str | None, *, ws: str | None = None, secrets=AUTH, **claims):
    at = new_app()
    at.session_state[state.K_LANG] = LANG
    if secrets:
        at.secrets = dict(secrets)
    now = int(time.time())
    at.user = (
        {"is_logged_in": False}
        if email is None
        else {"is_logged_in": True, "email": email, "iat": now - 10, "exp": now + 3600, **claims}
    )
    if ws:
        at.query_params[state.Q_WORKSPACE] = ws
    return at


def _only_the_screen(at) -> None:
    assert not at.exception
    assert len(at.sidebar) == 0
    assert not at.get("file_uploader")
    assert not at.get("page_link")


def test_local_mode_has_no_sign_in(monkeypatch):
    monkeypatch.delenv(auth.TEAM_ENV, raising=False)
    at = new_app().run()
    assert not at.exception
    assert at.get("file_uploader")
    assert not [b for b in at.button if b.label == t("auth.sign_in.button", LANG)]
    at.query_params[state.Q_WORKSPACE] = "anything"
    at.run()
    assert at.session_state[state.K_ROLE] == OWNER  # the one user owns everything
    assert at.get("file_uploader")


def test_signed_out_sees_the_sign_in_screen_only(team):
    at = _session(None).run()
    _only_the_screen(at)
    assert [b.label for b in at.button] == [t("auth.sign_in.button", LANG)]
    assert at.title[0].value == t("auth.sign_in.title", LANG)


def test_team_mode_without_auth_secrets_lets_nobody_in(team):
    at = _session(OWNER_EMAIL, secrets=None).run()
    _only_the_screen(at)
    assert at.error[0].value == t("auth.not_configured", LANG)
    assert not at.button


def test_an_invalid_team_file_lets_nobody_in(team):
    team.write_text("[team]\ndomains = []\n", encoding="utf-8")
    at = _session(OWNER_EMAIL).run()
    _only_the_screen(at)
    assert at.error[0].value == t("auth.not_configured", LANG)


@pytest.mark.parametrize(
    ("email", "claims", "key"),
    [
        (OWNER_EMAIL, {"exp": 1}, "auth.expired"),
        (OWNER_EMAIL, {"iat": 1}, "auth.expired"),
        (OWNER_EMAIL, {"email_verified": False}, "auth.unverified"),
        ("eve@gmail.com", {}, "auth.not_listed"),
        ("not an address", {}, "auth.no_email"),
    ],
)
def test_refused_logins(team, email, claims, key):
    at = _session(email, ws=WS, **claims).run()
    _only_the_screen(at)
    shown = [*(w.value for w in at.warning), *(e.value for e in at.error)]
    assert any(key == "auth.not_listed" or s == t(key, LANG) for s in shown), shown
    assert state.K_USER not in at.session_state
    assert state.K_OPEN_WORKSPACE not in at.session_state


def test_expiry_forgets_what_the_session_held(team):
    at = _session(OWNER_EMAIL, ws=WS).run()
    assert at.session_state[state.K_OPEN_WORKSPACE] == WS
    at.session_state[state.K_MEMO] = {"something": "of theirs"}
    at.user = {**at.user, "exp": 1}
    at.run()
    _only_the_screen(at)
    assert state.K_MEMO not in at.session_state
    assert state.K_OPEN_WORKSPACE not in at.session_state


@pytest.mark.parametrize("page", ["app.py", "pages/1_Data.py"])
def test_owner_uploads_viewer_does_not(team, page, demo_session_state):
    """With data loaded, the data page has its upload box, mapping and settings file."""
    sessions = {}
    for email in (OWNER_EMAIL, VIEWER_EMAIL):
        at = with_demo(_session(email, ws=WS), demo_session_state)
        if page != "app.py":
            at.run().switch_page(page)
        sessions[email] = at.run()
        assert not at.exception
    owner, viewer = sessions[OWNER_EMAIL], sessions[VIEWER_EMAIL]
    assert len(owner.get("file_uploader")) == (1 if page == "app.py" else 2)
    assert not [i for i in owner.info if i.value == t("auth.view_only", LANG)]
    assert viewer.session_state[state.K_ROLE] == VIEWER
    assert not viewer.get("file_uploader")  # neither data nor a settings file
    assert [i for i in viewer.info if i.value == t("auth.view_only", LANG)]
    if page != "app.py":
        apply = t("data.apply", LANG)
        assert [b for b in owner.button if b.label == apply]
        assert not [b for b in viewer.button if b.label == apply]  # no mapping change
        assert viewer.get("download_button")  # reading the settings is fine


def test_a_non_member_gets_one_refusal_for_any_workspace(team):
    answers = []
    for ws in (WS, "no-such-workspace"):
        at = _session(OUTSIDER, ws=ws).run()
        assert not at.exception
        assert at.error[0].value == t("auth.workspace_refused", LANG)
        assert not at.get("file_uploader")
        assert state.K_OPEN_WORKSPACE not in at.session_state
        texts = [e.value for e in at.error] + [c.value for c in at.caption]
        answers.append(texts)
    assert answers[0] == answers[1]


def test_a_member_removed_meanwhile_loses_the_workspace(team, tmp_path):
    at = _session(VIEWER_EMAIL, ws=WS).run()
    assert at.session_state[state.K_ROLE] == VIEWER
    DuckDBMembers(tmp_path / "mori.duckdb").remove(WS, VIEWER_EMAIL, removed_by=OWNER_EMAIL)
    at.query_params.clear()  # moving on inside the app, without the link
    at.run()
    assert at.error[0].value == t("auth.workspace_refused", LANG)
    assert state.K_OPEN_WORKSPACE not in at.session_state


def test_sidebar_lists_only_the_users_workspaces(team):
    at = _session(OWNER_EMAIL).run()
    assert not at.exception
    labels = [link.label for link in at.sidebar.get("page_link")]
    assert any(md(WS) in label for label in labels)  # no name table: the id is shown
    assert t("auth.sign_out", LANG) in [b.label for b in at.sidebar.button]
    outsider = _session(OUTSIDER).run()
    assert not any(md(WS) in link.label for link in outsider.sidebar.get("page_link"))


# --- make serve's check ------------------------------------------------------------------------


def _files(tmp_path, auth_text: str, *, mode: int = 0o600):
    team_file = tmp_path / "team.toml"
    team_file.write_text('domains = ["example.co.jp"]\n', encoding="utf-8")
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(auth_text, encoding="utf-8")
    secrets.chmod(mode)
    return str(team_file), str(secrets)


GOOD = (
    "[auth]\n"
    'redirect_uri = "https://mori.example.co.jp/oauth2callback"\n'
    f'cookie_secret = "{"k" * 32}"\n'
    'client_id = "c"\nclient_secret = "s"\n'
    'server_metadata_url = "https://idp.example/.well-known/openid-configuration"\n'
)


def test_preflight_accepts_a_complete_configuration(tmp_path):
    assert serve.preflight(*_files(tmp_path, GOOD), "127.0.0.1") == ([], [])
    loopback = GOOD.replace("https://mori.example.co.jp", "http://localhost:8501")
    assert serve.preflight(*_files(tmp_path, loopback), "127.0.0.1")[0] == []


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("", "auth.serve.no_auth"),
        ("[connections.x]\ntype = 'sql'\n", "auth.serve.no_auth"),
        (GOOD.replace('client_secret = "s"\n', ""), "auth.serve.missing_key"),
        (GOOD.replace("k" * 32, "short"), "auth.serve.short_secret"),
        (GOOD.replace("https://mori", "http://mori"), "auth.serve.redirect"),
        (GOOD.replace("/oauth2callback", "/callback"), "auth.serve.redirect"),
        ("[auth\n", "auth.serve.no_auth"),
    ],
)
def test_preflight_refuses_to_start_without_sign_in(tmp_path, text, key):
    errors, _ = serve.preflight(*_files(tmp_path, text), "127.0.0.1")
    expected = {
        "auth.serve.no_auth": t("auth.serve.no_auth", "en", file="secrets.toml"),
        "auth.serve.missing_key": t(
            "auth.serve.missing_key", "en", key="client_secret", file="secrets.toml"
        ),
        "auth.serve.short_secret": t(
            "auth.serve.short_secret", "en", file="secrets.toml", min=auth.MIN_SECRET
        ),
        "auth.serve.redirect": t("auth.serve.redirect", "en"),
    }[key]
    assert expected in errors
    assert "kkkk" not in " ".join(errors)  # a secret is never printed


def test_preflight_refuses_a_missing_allow_list(tmp_path):
    _, secrets = _files(tmp_path, GOOD)
    errors, _ = serve.preflight(str(tmp_path / "absent.toml"), secrets, "127.0.0.1")
    assert errors == [t("auth.err.config_missing", "en", file="absent.toml")]


def test_preflight_warns(tmp_path):
    errors, warnings = serve.preflight(*_files(tmp_path, GOOD, mode=0o644), "0.0.0.0")
    assert errors == []
    assert warnings == [
        t("auth.serve.readable", "en", file="secrets.toml"),
        t("auth.serve.not_loopback", "en", host="0.0.0.0"),
    ]


def test_serve_check_exit_code(tmp_path, monkeypatch, capsys):
    team_file, secrets = _files(tmp_path, GOOD)
    monkeypatch.setenv(auth.TEAM_ENV, team_file)
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert serve.main(["--secrets", secrets]) == 0
    assert "team mode" in capsys.readouterr().out
    assert serve.main(["--secrets", str(tmp_path / "none.toml")]) == 2
    assert "[auth]" in capsys.readouterr().err


# --- the members panel -------------------------------------------------------------------------


def _submit(at, label: str):
    return next(b for b in at.button if b.label == label)


def test_owner_adds_changes_and_removes_members(team, tmp_path):
    store = DuckDBMembers(tmp_path / "mori.duckdb")
    at = _session(OWNER_EMAIL, ws=WS).run()
    assert not at.exception
    rows = [c.value for c in at.sidebar.caption]
    assert any(md(VIEWER_EMAIL) in r and t("auth.role.viewer", LANG) in r for r in rows)
    at.text_input(key=state.widget_key("auth", "member_email")).input("Dan@Example.co.jp")
    _submit(at, t("auth.member_add", LANG)).click().run()
    assert not at.exception
    assert store.role_of(WS, "dan@example.co.jp") == VIEWER
    assert any(md("dan@example.co.jp") in c.value for c in at.sidebar.caption)

    at.text_input(key=state.widget_key("auth", "member_email")).input(VIEWER_EMAIL)
    role = state.widget_key("auth", "member_role")
    next(g for g in at.sidebar.get("button_group") if g.key == role).set_value(OWNER)
    _submit(at, t("auth.member_add", LANG)).click().run()
    assert store.role_of(WS, VIEWER_EMAIL) == OWNER

    remove = [b for b in at.sidebar.button if b.help == t("auth.member_remove", LANG)]
    assert len(remove) == 2  # Carol and Dan, never the owner herself
    remove[-1].click().run()
    assert [m.email for m in store.members_of(WS)] == [
        OWNER_EMAIL,
        VIEWER_EMAIL,
        "dan@example.co.jp",
    ]
    assert [w.value for w in at.sidebar.warning] == [
        t("auth.member_remove_ask", LANG, email=md("dan@example.co.jp"))
    ]
    _submit(at, t("auth.member_remove_confirm", LANG)).click().run()
    assert not at.exception
    assert [m.email for m in store.members_of(WS)] == [OWNER_EMAIL, VIEWER_EMAIL]
    assert not at.sidebar.warning


def test_removing_a_member_asks_first_and_can_be_cancelled(team, tmp_path):
    # outside testers: one click on the unlabelled icon removed a member, with no undo
    store = DuckDBMembers(tmp_path / "mori.duckdb")
    before = [(m.email, m.role) for m in store.members_of(WS)]
    at = _session(OWNER_EMAIL, ws=WS).run()
    remove = [b for b in at.sidebar.button if b.help == t("auth.member_remove", LANG)]
    assert len(remove) == 1  # Carol; never the owner herself
    remove[0].click().run()
    assert not at.exception
    assert [(m.email, m.role) for m in store.members_of(WS)] == before  # only asked
    asked = t("auth.member_remove_ask", LANG, email=md(VIEWER_EMAIL))
    assert [w.value for w in at.sidebar.warning] == [asked]
    _submit(at, t("auth.member_remove_cancel", LANG)).click().run()
    assert not at.sidebar.warning
    at.run()
    assert [(m.email, m.role) for m in store.members_of(WS)] == before
    assert t("auth.member_remove_confirm", LANG) not in [b.label for b in at.sidebar.button]


def test_a_confirmed_removal_is_still_checked_by_the_store(team, tmp_path):
    # Carol, made an owner, asks to remove Alice; Alice makes her a viewer again meanwhile:
    # the confirm is refused (only owners remove), says why, and Alice stays
    store = DuckDBMembers(tmp_path / "mori.duckdb")
    when = pd.Timestamp("2026-06-01", tz="UTC")
    store.add(WS, VIEWER_EMAIL, OWNER, added_by=OWNER_EMAIL, added_at=when)
    at = _session(VIEWER_EMAIL, ws=WS).run()
    next(b for b in at.sidebar.button if b.help == t("auth.member_remove", LANG)).click().run()
    assert [w.value for w in at.sidebar.warning] == [
        t("auth.member_remove_ask", LANG, email=md(OWNER_EMAIL))
    ]
    store.add(WS, VIEWER_EMAIL, VIEWER, added_by=OWNER_EMAIL, added_at=when)
    _submit(at, t("auth.member_remove_confirm", LANG)).click().run()
    assert not at.exception
    assert [e.value for e in at.sidebar.error] == [t("auth.err.not_owner", LANG)]
    assert store.role_of(WS, OWNER_EMAIL) == OWNER
    assert not at.sidebar.warning


def test_a_refused_change_says_why_and_never_echoes_the_address(team, tmp_path):
    at = _session(OWNER_EMAIL, ws=WS).run()
    at.text_input(key=state.widget_key("auth", "member_email")).input("not-an-address@")
    _submit(at, t("auth.member_add", LANG)).click().run()
    assert [e.value for e in at.sidebar.error] == [t("auth.err.email", LANG)]
    at.text_input(key=state.widget_key("auth", "member_email")).input(OWNER_EMAIL)
    _submit(at, t("auth.member_add", LANG)).click().run()  # the default role: viewer
    assert [e.value for e in at.sidebar.error] == [t("auth.err.last_owner", LANG)]
    assert DuckDBMembers(tmp_path / "mori.duckdb").role_of(WS, OWNER_EMAIL) == OWNER


def test_a_viewer_sees_the_members_and_changes_nothing(team):
    at = _session(VIEWER_EMAIL, ws=WS).run()
    assert not at.exception
    assert any(md(OWNER_EMAIL) in c.value for c in at.sidebar.caption)
    assert not at.sidebar.text_input
    assert not [b for b in at.sidebar.button if b.help == t("auth.member_remove", LANG)]
