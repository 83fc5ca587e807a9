"""GapSettings: defaults, JSON round trip through the workspace, validation."""

from __future__ import annotations

import pytest

from abm.errors import MoriError
from abm.gap.settings import GapSettings
from abm.settings import Workspace


def test_defaults():
    s = GapSettings()
    assert (s.fiscal_start_month, s.sla_days, s.group_by, s.period) == (4, 7, "lead_source", "M")
    assert s.cost_map() == {}


def test_round_trip_through_workspace():
    s = GapSettings(fiscal_start_month=1, sla_days=3, costs=(("展示会", 1_200_000.0),))
    ws = Workspace().with_section("general", {"gap": s.to_dict()})
    back = GapSettings.from_dict(Workspace.from_json(ws.to_json()).section("general")["gap"])
    assert back == s
    assert back.cost_map() == {"展示会": 1_200_000.0}
    assert hash(back) == hash(s)


def test_partial_and_empty():
    assert GapSettings.from_dict(None) == GapSettings()
    assert GapSettings.from_dict({"sla_days": 10}) == GapSettings(sla_days=10)


@pytest.mark.parametrize(
    ("data", "key", "path"),
    [
        ({"fiscal_start_month": 0}, "config.err.range", "fiscal_start_month"),
        ({"fiscal_start_month": "4"}, "config.err.not_integer", "fiscal_start_month"),
        ({"fiscal_start_month": 4.5}, "config.err.not_integer", "fiscal_start_month"),
        ({"sla_days": -1}, "config.err.range", "sla_days"),
        ({"sla_days": True}, "config.err.not_integer", "sla_days"),
        ({"group_by": "owner"}, "config.err.choice", "group_by"),
        ({"period": "D"}, "config.err.choice", "period"),
        ({"costs": {"web": -5}}, "config.err.range", "costs.web"),
        ({"costs": {"展示会": float("inf")}}, "config.err.not_finite", "costs.[1]"),
        ({"costs": ["web"]}, "config.err.not_object", "costs"),
        ({"nope": 1}, "config.err.unknown_key", "nope"),
    ],
)
def test_invalid(data, key, path):
    with pytest.raises(MoriError) as err:
        GapSettings.from_dict(data)
    assert (err.value.key, err.value.params["key"]) == (key, path)
    assert err.value.params["section"] == "general"


def test_integral_float_is_an_int():
    assert GapSettings.from_dict({"sla_days": 3.0}).sla_days == 3


def test_the_workspace_currency_is_a_known_code_and_yen_by_default():
    from abm.errors import MoriError
    from abm.gap.settings import GeneralSettings

    assert GeneralSettings().currency == "JPY"
    assert GeneralSettings.from_dict({"currency": "USD"}).currency == "USD"
    with pytest.raises(MoriError):
        GeneralSettings.from_dict({"currency": "DOGE"})
