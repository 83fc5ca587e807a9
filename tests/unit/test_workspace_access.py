"""Who may sign in (allow-list, expiry) and what a role allows: golden tables (#18)."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from abm.errors import MoriError
from abm.workspace import (
    OWNER,
    VIEWER,
    LocalMembers,
    Members,
    TeamConfig,
    admit,
    can_edit,
    load_team_config,
    normalise_email,
)
from abm.workspace.access import (
    ALLOWED,
    EXPIRED,
    NO_EMAIL,
    NOT_LISTED,
    SIGNED_OUT,
    UNVERIFIED,
    check_role,
)

NOW = pd.Timestamp("2026-12-01 09:00", tz="UTC")
T = int(NOW.timestamp())
CONFIG = TeamConfig(
    domains=("example.co.jp", "*.group.example"),
    emails=("consultant@partner.example",),
    groups=("mori-users",),
    clock_skew_seconds=30,
    max_session_seconds=12 * 3600,
)


def claims(email="taro@example.co.jp", **extra):
    return {"is_logged_in": True, "email": email, "iat": T - 60, "exp": T + 3600, **extra}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("taro@example.co.jp", "taro@example.co.jp"),
        ("  Taro.Yamada@Example.CO.JP ", "taro.yamada@example.co.jp"),
        ("a+tag@example.co.jp", "a+tag@example.co.jp"),
        ("a@b@example.co.jp", None),
        ("@example.co.jp", None),
        ("taro@", None),
        ("taro", None),
        ("ta ro@example.co.jp", None),
        ("taro@example..co.jp", None),
        ("taro@.example.co.jp", None),
        ("taro@example.co.jp.", None),
        ("taro@exa\nmple.co.jp", None),
        ("", None),
        (None, None),
        (42, None),
        ("x" * 310 + "@example.co.jp", None),
    ],
)
def test_normalise_email(raw, expected):
    assert normalise_email(raw) == expected


@pytest.mark.parametrize(
    ("email", "extra", "verdict"),
    [
        # the allow-list: a listed domain, a sub-domain pattern, one address, a group
        ("taro@example.co.jp", {}, ALLOWED),
        ("TARO@EXAMPLE.CO.JP", {}, ALLOWED),
        ("hanako@tokyo.group.example", {}, ALLOWED),
        ("hanako@group.example", {}, NOT_LISTED),  # "*." is sub-domains only
        ("consultant@partner.example", {}, ALLOWED),
        ("other@partner.example", {}, NOT_LISTED),
        ("guest@gmail.com", {"groups": ["mori-users"]}, ALLOWED),
        ("guest@gmail.com", {"groups": "mori-users"}, ALLOWED),
        ("guest@gmail.com", {"groups": ["sales"]}, NOT_LISTED),
        ("guest@gmail.com", {"groups": [{"name": "mori-users"}]}, NOT_LISTED),
        ("guest@gmail.com", {}, NOT_LISTED),
        # look-alike domains are not the listed one
        ("taro@evil-example.co.jp", {}, NOT_LISTED),
        ("taro@example.co.jp.evil.com", {}, NOT_LISTED),
        ("taro@sub.example.co.jp", {}, NOT_LISTED),
        ("taro@example.co.jp@evil.com", {}, NO_EMAIL),
        ("taro@ｅxample.co.jp", {}, NOT_LISTED),  # full-width letter: not folded
        # the e-mail itself
        (None, {}, NO_EMAIL),
        ("not-an-address", {}, NO_EMAIL),
        ("taro@example.co.jp", {"email_verified": False}, UNVERIFIED),
        ("taro@example.co.jp", {"email_verified": "false"}, UNVERIFIED),
        ("taro@example.co.jp", {"email_verified": True}, ALLOWED),
        # expiry: exp honoured with the clock skew, iat bounds the session, both required
        ("taro@example.co.jp", {"exp": T - 31}, EXPIRED),
        ("taro@example.co.jp", {"exp": T - 29}, ALLOWED),
        ("taro@example.co.jp", {"exp": T}, ALLOWED),
        ("taro@example.co.jp", {"exp": None}, EXPIRED),
        ("taro@example.co.jp", {"exp": "9999999999"}, EXPIRED),
        ("taro@example.co.jp", {"exp": True}, EXPIRED),
        ("taro@example.co.jp", {"iat": T - 12 * 3600 - 31}, EXPIRED),
        ("taro@example.co.jp", {"iat": T - 12 * 3600}, ALLOWED),
        ("taro@example.co.jp", {"iat": None}, EXPIRED),
        # expired wins over not listed: signing in again is the first thing to do
        ("guest@gmail.com", {"exp": T - 3600}, EXPIRED),
    ],
)
def test_admit_golden_table(email, extra, verdict):
    c = claims(email, **extra)
    if email is None:
        del c["email"]
    assert admit(c, CONFIG, now=NOW).verdict == verdict


@pytest.mark.parametrize(
    "user",
    [{}, {"email": "taro@example.co.jp"}, {"is_logged_in": False}, {"is_logged_in": "true"}],
)
def test_not_signed_in(user):
    assert admit(user, CONFIG, now=NOW).verdict == SIGNED_OUT


def test_admission_carries_only_the_identity_it_needs():
    got = admit(claims("Taro@Example.co.jp", name="山田 太郎", groups=["a", 3]), CONFIG, now=NOW)
    assert got.allowed
    assert got.identity.email == "taro@example.co.jp"
    assert got.identity.name == "山田 太郎"
    assert got.identity.groups == ("a",)


def test_naive_now_is_utc():
    naive = NOW.tz_localize(None)
    for extra in ({"exp": T - 31}, {"exp": T + 10}):
        c = claims(**extra)
        assert admit(c, CONFIG, now=naive) == admit(c, CONFIG, now=NOW)
    tokyo = NOW.tz_convert("Asia/Tokyo")
    assert admit(claims(exp=T - 31), CONFIG, now=tokyo).verdict == EXPIRED


def test_switches_of_the_config():
    strict = TeamConfig(domains=("example.co.jp",), require_verified_email=True)
    assert admit(claims(), strict, now=NOW).verdict == UNVERIFIED
    assert admit(claims(email_verified=True), strict, now=NOW).verdict == ALLOWED
    lenient = TeamConfig(domains=("example.co.jp",), honour_token_expiry=False)
    assert admit(claims(exp=T - 3600), lenient, now=NOW).verdict == ALLOWED
    assert admit(claims(exp=T - 3600, iat=T - 13 * 3600), lenient, now=NOW).verdict == EXPIRED
    other_claim = TeamConfig(groups=("mori",), groups_claim="roles")
    assert admit(claims("x@y.example", roles=["mori"]), other_claim, now=NOW).allowed
    assert not admit(claims("x@y.example", groups=["mori"]), other_claim, now=NOW).allowed


@given(st.integers(min_value=-(10**6), max_value=10**6))
def test_expiry_is_monotone_in_time(offset):
    """Once a login is refused as expired, it stays refused later on."""
    c = claims()
    now = NOW + pd.Timedelta(offset, unit="s")
    later = now + pd.Timedelta(1, unit="s")
    if admit(c, CONFIG, now=now).verdict == EXPIRED:
        assert admit(c, CONFIG, now=later).verdict == EXPIRED


@pytest.mark.parametrize(
    ("data", "key"),
    [
        ({}, "domains"),  # nothing listed lets nobody in: refused at load
        ({"domains": ["Example.co.jp"]}, "domains"),
        ({"domains": ["example"]}, "domains"),
        ({"domains": ["*example.co.jp"]}, "domains"),
        ({"domains": ["example.co.jp", "example.co.jp"]}, "domains"),
        ({"emails": ["Taro@example.co.jp"]}, "emails"),
        ({"groups": [" "]}, "groups"),
        ({"domains": ["example.co.jp"], "max_session_seconds": 0}, "max_session_seconds"),
        ({"domains": ["example.co.jp"], "honour_token_expiry": "yes"}, "honour_token_expiry"),
        ({"domains": ["example.co.jp"], "allow_everyone": True}, "allow_everyone"),
    ],
)
def test_config_refuses_naming_the_key(data, key):
    with pytest.raises(MoriError) as info:
        TeamConfig.from_dict(data)
    assert info.value.params["key"] == key


def test_load_team_config(tmp_path):
    path = tmp_path / "team.toml"
    path.write_text('[team]\ndomains = ["example.co.jp"]\nstore = "data/mori.duckdb"\n')
    config = load_team_config(path)
    assert config.domains == ("example.co.jp",)
    assert config.store == str(tmp_path / "data" / "mori.duckdb")
    absolute = tmp_path / "elsewhere.duckdb"
    path.write_text(f'domains = ["example.co.jp"]\nstore = "{absolute}"\n')
    assert load_team_config(path).store == str(absolute)


@pytest.mark.parametrize(
    ("content", "key"),
    [
        (None, "auth.err.config_missing"),
        (b"domains = [", "auth.err.config_file"),
        (b"\xff\xfe", "auth.err.config_file"),
        (b'[team]\ndomains = ["secret-value.example"]\nwho = "x"\n', "config.err.unknown_key"),
    ],
)
def test_load_team_config_refuses(tmp_path, content, key):
    path = tmp_path / "team.toml"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(MoriError) as info:
        load_team_config(path)
    assert info.value.key == key
    assert info.value.params["file"] == "team.toml"
    assert "secret-value" not in str(info.value)


def test_roles():
    assert can_edit(OWNER)
    assert not can_edit(VIEWER)
    assert not can_edit(None)
    assert not can_edit("admin")
    assert check_role("viewer") == VIEWER
    with pytest.raises(MoriError, match="owner, viewer"):
        check_role("admin")


def test_local_mode_one_user_owns_everything():
    local = LocalMembers((("w2", "B"), ("w1", "A")))
    assert isinstance(local, Members)
    assert local.role_of("anything", "") == OWNER
    assert local.workspaces_of("") == [("w1", "A", OWNER), ("w2", "B", OWNER)]
    assert local.members_of("w1") == []
    assert local.forget_workspace("w1") == 0
    with pytest.raises(MoriError, match="Local mode"):
        local.add("w1", "a@example.co.jp", OWNER, added_by="a@example.co.jp", added_at=NOW)
    with pytest.raises(MoriError):
        local.remove("w1", "a@example.co.jp", removed_by="a@example.co.jp")
