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
    ("data", "column"),
    [
        ({"fiscal_start_month": 0}, "fiscal_start_month"),
        ({"fiscal_start_month": "4"}, "fiscal_start_month"),
        ({"sla_days": -1}, "sla_days"),
        ({"sla_days": True}, "sla_days"),
        ({"group_by": "owner"}, "group_by"),
        ({"period": "D"}, "period"),
        ({"costs": {"web": -5}}, "costs"),
        ({"costs": ["web"]}, "costs"),
        ({"nope": 1}, "nope"),
    ],
)
def test_invalid(data, column):
    with pytest.raises(MoriError) as err:
        GapSettings.from_dict(data)
    assert err.value.key == "gap.err.bad_settings"
    assert err.value.params["column"] == column
