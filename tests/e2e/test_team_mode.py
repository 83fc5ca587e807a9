"""Team mode in a real browser against a real OIDC provider on loopback (#18).

One server in team mode (a temporary ``secrets.toml`` with ``[auth]`` and an
allow-list file, as ``make serve`` starts it) and ``oidc-provider-mock`` in
this process. Users: Alice owns the workspace, Carol views it, Bob is allowed
in (by a group claim) but no member of it, Eve is not on the allow-list and
Dave's ID token has expired. Nothing a refused user sees may name the
workspace; each journey runs in a fresh browser context.
"""

from __future__ import annotations

import json
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from abm.i18n import t
from abm.workspace import OWNER, VIEWER, DuckDBMembers
from tests.e2e.conftest import (
    Server,
    assert_no_error,
    block_cdn,
    click_and_wait,
    oidc_provider,
    shot,
    wait_idle,
)
from tests.support.server import team_mode

LANG = "ja"
ALICE, BOB, CAROL = "alice@example.co.jp", "bob@partner.example", "carol@example.co.jp"
DAVE, EVE = "dave@example.co.jp", "eve@gmail.com"
USERS = {
    ALICE: {"email": ALICE, "email_verified": True, "name": "Alice"},
    BOB: {"email": BOB, "groups": ["mori-partners"]},
    CAROL: {"email": CAROL, "email_verified": True},
    DAVE: {"email": DAVE},
    EVE: {"email": EVE, "email_verified": True},
}
WS_ID, WS_NAME = "acme-2026", "アクメ商事 ABM 2026"
TEAM = """[team]
domains = ["example.co.jp"]
groups = ["mori-partners"]
clock_skew_seconds = 0
max_session_seconds = {max_age}
store = "{store}"
"""


@dataclass
class Team:
    url: str
    provider: str
    team_file: Path
    store: Path

    def allow_list(self, *, max_age: int = 3600) -> None:
        """The administrator rewrites the team file (the server re-reads it at the next run)."""
        self.team_file.write_text(TEAM.format(max_age=max_age, store=self.store), encoding="utf-8")


def _seed(store: Path) -> None:
    when = pd.Timestamp("2026-12-01 09:00", tz="UTC")
    members = DuckDBMembers(store)
    members.add(WS_ID, ALICE, OWNER, added_by=ALICE, added_at=when)
    members.add(WS_ID, CAROL, VIEWER, added_by=ALICE, added_at=when)
    con = duckdb.connect(str(store))
    con.execute("CREATE TABLE mori_workspaces (workspace_id VARCHAR PRIMARY KEY, name VARCHAR)")
    con.execute("INSERT INTO mori_workspaces VALUES (?, ?)", [WS_ID, WS_NAME])
    con.close()


@pytest.fixture(scope="module")
def team(tmp_path_factory) -> Iterator[Team]:
    folder = tmp_path_factory.mktemp("team")
    store = folder / "mori.duckdb"
    _seed(store)
    with oidc_provider(USERS) as provider:
        args, env = team_mode(
            folder,
            metadata_url=provider + "/.well-known/openid-configuration",
            team=TEAM.format(max_age=3600, store=store),
        )
        srv = Server(list(args), name="team", env=env)
        try:
            yield Team(srv.url, provider, folder / "team.toml", store)
        finally:
            srv.stop()


@pytest.fixture
def fresh(browser):
    """A fresh browser (no cookie) in Japanese."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="ja-JP")
    pg = ctx.new_page()
    pg.set_default_timeout(60_000)
    block_cdn(pg)
    yield pg
    ctx.close()


def _text(page) -> str:
    """Everything the page shows, the sidebar included, and its HTML (attributes, titles)."""
    return page.locator("body").inner_text() + page.content()


def _assert_only_sign_in(page, *, message: str | None = None) -> None:
    """The sign-in screen and nothing else: no navigation, no sidebar, no workspace."""
    page.get_by_role("button", name=t("auth.sign_in.button", LANG)).wait_for()
    if message:
        page.get_by_text(message).wait_for()
    assert page.locator('[data-testid="stSidebar"]').count() == 0
    assert page.locator('[data-testid="stPageLink"]').count() == 0
    assert page.locator('[data-testid="stFileUploader"]').count() == 0
    assert WS_NAME not in _text(page) and WS_ID not in page.locator("body").inner_text()


def _sign_in(page, team: Team, who: str) -> None:
    """Sign in at the app's home page as ``who`` (a button on the provider's page)."""
    page.goto(team.url + "/")
    wait_idle(page)
    page.get_by_role("button", name=t("auth.sign_in.button", LANG)).click()
    page.locator(f'button[name="sub"][value="{who}"]').click()
    page.wait_for_url(team.url + "/")
    wait_idle(page)


def _sidebar(page):
    return page.locator('[data-testid="stSidebar"]')


def test_signed_out_sees_only_the_sign_in_screen(team, fresh):
    for path in ("/", f"/?ws={WS_ID}", "/Data", "/Scoring?m=abc"):
        fresh.goto(team.url + path)
        wait_idle(fresh)
        _assert_only_sign_in(fresh, message=t("auth.sign_in.body", LANG))
    shot(fresh, "team-sign-in")


def test_member_sees_the_workspace_and_signs_out(team, fresh):
    page = fresh
    _sign_in(page, team, ALICE)
    sidebar = _sidebar(page)
    sidebar.get_by_text(t("auth.signed_in_as", LANG, email=ALICE)).wait_for()
    link = sidebar.get_by_role("link", name=WS_NAME)
    assert t("auth.role.owner", LANG) in link.inner_text()
    assert "folder_shared" in link.inner_text()  # its icon: not open yet
    click_and_wait(page, link)
    assert "check_circle" in _sidebar(page).get_by_role("link", name=WS_NAME).inner_text()
    page.get_by_test_id("stFileUploader").first.wait_for()  # an owner uploads
    assert page.get_by_text(t("auth.view_only", LANG)).count() == 0
    assert_no_error(page, "owner in the workspace")
    shot(page, "team-owner")

    sidebar.get_by_role("button", name=t("auth.sign_out", LANG)).click()
    page.get_by_role("button", name="End session").click()  # the provider's own page
    page.wait_for_url(team.url + "/")
    wait_idle(page)
    _assert_only_sign_in(page)
    page.goto(team.url + f"/?ws={WS_ID}")  # the cookie is gone: a link opens nothing
    wait_idle(page)
    _assert_only_sign_in(page)


def test_signing_out_in_one_tab_ends_the_others(team, fresh):
    # QA-J: after signing out in tab 2, tab 1 of the same browser still showed the workspace
    # at the next click, and saved a scoring weight into it
    first = fresh
    _sign_in(first, team, ALICE)
    first.goto(team.url + f"/?ws={WS_ID}")
    wait_idle(first)
    second = first.context.new_page()  # the same browser: the same identity cookie
    second.set_default_timeout(60_000)
    second.goto(team.url + "/Funnel")
    wait_idle(second)
    _sidebar(second).get_by_role("button", name=t("auth.sign_out", LANG)).click()
    second.get_by_role("button", name="End session").click()
    second.wait_for_url(team.url + "/")
    wait_idle(second)
    _assert_only_sign_in(second)
    click_and_wait(first, _sidebar(first).get_by_role("link", name=t("nav.funnel", LANG)))
    # the next click in the forgotten tab: the sign-in screen (the session's sidebar stays,
    # emptied: nothing of the session is left in it)
    first.get_by_role("button", name=t("auth.sign_in.button", LANG)).wait_for()
    shot(first, "team-other-tab-signed-out")
    assert first.locator('[data-testid="stPageLink"]').count() == 0
    assert first.locator('[data-testid="stFileUploader"]').count() == 0
    assert not _sidebar(first).count() or _sidebar(first).inner_text().strip() in (
        "",
        "keyboard_double_arrow_left",
    )
    assert ALICE not in _text(first) and WS_NAME not in _text(first)
    _sign_in(first, team, ALICE)  # and a new sign-in there is a new login
    _sidebar(first).get_by_text(t("auth.signed_in_as", LANG, email=ALICE)).wait_for()
    second.close()


def test_viewer_sees_the_workspace_but_cannot_upload(team, fresh):
    page = fresh
    _sign_in(page, team, CAROL)
    page.goto(team.url + f"/?ws={WS_ID}")
    wait_idle(page)
    link = _sidebar(page).get_by_role("link", name=WS_NAME)
    assert t("auth.role.viewer", LANG) in link.inner_text()
    page.get_by_text(t("auth.view_only", LANG)).first.wait_for()
    assert page.get_by_test_id("stFileUploader").count() == 0
    click_and_wait(page, _sidebar(page).get_by_role("link", name=t("nav.data", LANG)))
    page.get_by_text(t("auth.view_only", LANG)).first.wait_for()
    assert page.get_by_test_id("stFileUploader").count() == 0  # nor the settings file
    shot(page, "team-viewer")


def test_non_member_is_refused_and_learns_nothing(team, fresh):
    page = fresh
    _sign_in(page, team, BOB)
    sidebar = _sidebar(page)
    sidebar.get_by_text(t("auth.signed_in_as", LANG, email=BOB)).wait_for()
    sidebar.get_by_text(t("auth.no_workspaces", LANG)).wait_for()
    assert WS_NAME not in _text(page)
    seen = []
    for ws in (WS_ID, "no-such-workspace"):  # existing or not: the same answer
        page.goto(team.url + f"/?ws={ws}")
        wait_idle(page)
        page.get_by_text(t("auth.workspace_refused", LANG)).wait_for()
        body = page.locator('[data-testid="stMain"]').inner_text()
        assert WS_NAME not in _text(page)
        assert page.get_by_test_id("stFileUploader").count() == 0
        seen.append(body.replace(ws, "<id>"))
    assert seen[0] == seen[1]
    shot(page, "team-non-member")


def test_a_user_not_on_the_allow_list_is_refused(team, fresh):
    page = fresh
    _sign_in(page, team, EVE)
    page.get_by_text(t("auth.not_listed", LANG, email=EVE)).wait_for()
    page.get_by_role("button", name=t("auth.other_account", LANG)).wait_for()
    assert page.locator('[data-testid="stSidebar"]').count() == 0
    page.goto(team.url + f"/?ws={WS_ID}")
    wait_idle(page)
    page.get_by_text(t("auth.not_listed", LANG, email=EVE)).wait_for()
    assert WS_NAME not in _text(page)


def test_an_expired_id_token_is_refused(team, fresh):
    """The provider issues Dave a token that expired a minute ago (within Authlib's leeway)."""
    claims = {**USERS[DAVE], "exp": int(time.time()) - 60}
    request = urllib.request.Request(
        f"{team.provider}/users/{DAVE}",
        data=json.dumps(claims).encode(),
        method="PUT",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        assert answer.status == 204
    page = fresh
    _sign_in(page, team, DAVE)
    _assert_only_sign_in(page, message=t("auth.expired", LANG))
    page.goto(team.url + f"/?ws={WS_ID}")
    wait_idle(page)
    _assert_only_sign_in(page, message=t("auth.expired", LANG))
    shot(page, "team-expired")


def test_a_login_older_than_the_maximum_session_age_is_refused(team, fresh):
    """The administrator shortens the maximum session age: a signed-in member must sign in again."""
    page = fresh
    _sign_in(page, team, ALICE)
    page.goto(team.url + f"/?ws={WS_ID}")
    wait_idle(page)
    _sidebar(page).get_by_role("link", name=WS_NAME).wait_for()
    try:
        team.allow_list(max_age=1)
        time.sleep(2.1)  # the ID token's iat is now more than a second old
        page.reload()
        wait_idle(page)
        _assert_only_sign_in(page, message=t("auth.expired", LANG))
    finally:
        team.allow_list()
    page.reload()  # the same cookie is good again under the administrator's usual age
    wait_idle(page)
    _sidebar(page).get_by_text(t("auth.signed_in_as", LANG, email=ALICE)).wait_for()


def test_a_link_opened_signed_out_opens_after_signing_in(team, fresh):
    """Streamlit's sign-in returns to the home page; the workspace link is followed after it."""
    page = fresh
    page.goto(team.url + f"/Data?ws={WS_ID}")
    wait_idle(page)
    _assert_only_sign_in(page)
    page.get_by_role("button", name=t("auth.sign_in.button", LANG)).click()
    page.locator(f'button[name="sub"][value="{CAROL}"]').click()
    page.wait_for_url(f"**/Data?ws={WS_ID}")
    wait_idle(page)
    assert "check_circle" in _sidebar(page).get_by_role("link", name=WS_NAME).inner_text()
    page.get_by_role("heading", name=t("nav.data", LANG)).wait_for()
    page.reload()  # followed once: a reload stays where it is
    wait_idle(page)
    assert page.url.endswith(f"/Data?ws={WS_ID}")
