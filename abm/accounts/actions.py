"""Action lists for a joint marketing–sales meeting, from a scored roll-up."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

import numpy as np
import pandas as pd

from abm.core.config import Config, Spec

__all__ = ["ACTION_LISTS", "ActionSettings", "action_lists"]

#: Action list keys (translation keys ``accounts.action.<key>``), in display order.
ACTION_LISTS: tuple[str, ...] = ("whitespace", "engaged_no_sales", "stalled_pipeline", "expansion")


_Count = Annotated[int, Spec(min=0, max=1_000_000)]
_Days = Annotated[int, Spec(min=0, max=36_500)]


@dataclass(frozen=True)
class ActionSettings(Config):
    """Thresholds for the action lists.

    Parameters
    ----------
    whitespace_min_fit : float
        Fit (0–100) at or above which an account with no engagement is whitespace.
    engaged_min_contacts : int
        Engaged contacts for "engaged, no sales touch".
    stale_days : int
        Open pipeline with no activity for this many days is stalled.
    expansion_min_engaged : int
        Engaged contacts at a customer that signal expansion.
    expansion_recent_days : int
        A customer's last activity must be this recent to count.
    """

    whitespace_min_fit: Annotated[float, Spec(min=0, max=100)] = 60.0
    engaged_min_contacts: _Count = 1
    stale_days: _Days = 30
    expansion_min_engaged: _Count = 1
    expansion_recent_days: _Days = 60

    SECTION = "tier_rules"


def action_lists(
    scored: pd.DataFrame, *, as_of: pd.Timestamp, settings: ActionSettings = ActionSettings()
) -> dict[str, pd.DataFrame]:
    """Split accounts into the four sales action lists.

    Parameters
    ----------
    scored : pandas.DataFrame
        Output of :func:`~abm.accounts.tiers.score_accounts` (or a roll-up).
    as_of : pandas.Timestamp
        Reference date for "recent".
    settings : ActionSettings

    Returns
    -------
    dict of str to pandas.DataFrame
        Keys of :data:`ACTION_LISTS`:

        ``whitespace``: fit ≥ threshold, no engagement, no sales touch, not a customer, no
        open pipeline — sorted by fit;
        ``engaged_no_sales``: engaged contacts ≥ threshold, no sales touch,
        no open pipeline, not a customer — sorted by engagement;
        ``stalled_pipeline``: open pipeline and no activity within
        ``stale_days`` (or none at all) — sorted by pipeline;
        ``expansion``: customers with engaged contacts and a recent activity —
        sorted by engagement.
        An account the 営業対象外 rules excluded (``excluded``) is in no list.
    """
    as_of = pd.Timestamp(as_of)
    fit = scored["fit"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    engaged = scored["engaged_contacts"].to_numpy()
    customer = scored["is_customer"].to_numpy(dtype=bool)
    pipe = scored["open_pipeline"].to_numpy(dtype=float) > 0
    touched = scored["sales_touched"].to_numpy(dtype=bool)
    last = scored["last_activity_at"]
    age = ((as_of - last).dt.days).to_numpy(dtype=float, na_value=np.nan)
    masks = {
        "whitespace": (np.nan_to_num(fit, nan=-1) >= settings.whitespace_min_fit)
        & (scored["engagement"].to_numpy(dtype=float) <= 0)
        & ~touched  # sales met them already: not a first touch to plan
        & ~customer
        & ~pipe,
        "engaged_no_sales": (engaged >= max(settings.engaged_min_contacts, 1))
        & ~touched
        & ~pipe
        & ~customer,
        "stalled_pipeline": pipe & ~(age <= settings.stale_days),
        "expansion": customer
        & (engaged >= max(settings.expansion_min_engaged, 1))
        & (age <= settings.expansion_recent_days),
    }
    sort = {
        "whitespace": "fit",
        "engaged_no_sales": "engagement",
        "stalled_pipeline": "open_pipeline",
        "expansion": "engagement",
    }
    out: dict[str, pd.DataFrame] = {}
    allowed = ~scored.get("excluded", pd.Series(False, index=scored.index)).to_numpy(dtype=bool)
    for key in ACTION_LISTS:
        part = scored.loc[masks[key] & allowed]
        out[key] = part.sort_values(sort[key], ascending=False, kind="stable").reset_index(
            drop=True
        )
    return out
