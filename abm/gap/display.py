"""Translated tables shared by the gap page and the meeting report.

Numbers are formatted by :mod:`abm.core.format`, as on every other page.
"""

from __future__ import annotations

import pandas as pd

from abm.core.format import fmt_count, fmt_pct, fmt_yen_short
from abm.funnel.display import source_label
from abm.gap._common import UNKNOWN
from abm.gap.lenses import MarketingLens
from abm.gap.quadrant import QUADRANTS
from abm.gap.sources import SOURCE_COLUMNS
from abm.i18n import keys as K
from abm.i18n import t

__all__ = ["deals_note", "quadrant_table", "source_table", "web_visits_kpi"]


def web_visits_kpi(m: MarketingLens, lang: str = "ja") -> tuple[str, str]:
    """The "Web visits" KPI as the gap page and the meeting report show it: its value and
    what it counts.

    The MA tool's per-lead visit counts (``web_visits``) of the window's leads when the
    leads carry them, else the activity log's web visits in the window — of the people
    analysed and of visitors linked to nobody, never of people the cleaning excluded
    (:attr:`abm.gap.lenses.MarketingLens.web_activities`).

    Parameters
    ----------
    m : MarketingLens
    lang : {"ja", "en"}

    Returns
    -------
    (str, str)
        The formatted count and the help text.
    """
    if pd.notna(m.web_visits):
        return fmt_count(m.web_visits, lang), t("gap.m.web_visits_help_ma", lang)
    return fmt_count(m.web_activities, lang), t("gap.m.web_visits_help", lang)


def deals_note(sources: pd.DataFrame, lang: str = "ja") -> str:
    """Which source (or campaign) the source truth table counts a deal under, as the gap
    page's caption and the meeting report's note say it
    (:func:`abm.gap.sources.opportunity_groups`).

    Parameters
    ----------
    sources : pandas.DataFrame
        :func:`abm.gap.sources.source_truth_table` (its index name is the grouping).
    lang : {"ja", "en"}

    Returns
    -------
    str
    """
    if str(sources.index.name or "lead_source") == "campaign":
        return t("gap.src.deals_note_campaign", lang)
    return t("gap.src.deals_note_source", lang)


_MONEY = {"pipeline", "won_revenue", "cost"} | {c for c in SOURCE_COLUMNS if c.startswith("cost_")}


def source_table(sources: pd.DataFrame, lang: str = "ja", *, as_text: bool = False) -> pd.DataFrame:
    """The source truth table with translated headers (and formatted cells if ``as_text``).

    Columns that are entirely unknown (e.g. costs when none were entered)
    are dropped — but acceptance, which reads "—" when it is not measured
    (:class:`abm.gap.GapResult`), never as 100 %. Lead sources read as their channel's
    label in ``lang`` (:func:`abm.funnel.display.source_label`).
    """
    frame = sources.copy()
    frame = frame[[c for c in frame.columns if c == "sal_rate" or not frame[c].isna().all()]]
    by = str(sources.index.name or "lead_source")
    frame.index = pd.Index(
        [
            t("gap.src.unknown", lang)
            if v == UNKNOWN
            else source_label(v, lang)
            if by == "lead_source"
            else str(v)
            for v in frame.index
        ],
        name=t(K.SOURCE_COLUMN[by], lang),
    )
    if as_text:
        for c in frame.columns:
            f = fmt_yen_short if c in _MONEY else fmt_pct if c == "sal_rate" else fmt_count
            frame[c] = [f(v, lang) for v in frame[c]]
    frame.columns = [t(K.SOURCE_COLUMN[c], lang) for c in frame.columns]
    return frame


def _pct_not_zero(x: float, lang: str) -> str:
    """:func:`fmt_pct`, but a share above 0 that rounds to 0 % reads "<1%" / "1%未満"
    (QA-I: 8 of 2,389 leads read "0%")."""
    if 0 < x < 0.005:
        return t("gap.pct_below_one", lang)
    return fmt_pct(x, lang)


def quadrant_table(
    quadrant: pd.DataFrame, lang: str = "ja", *, as_text: bool = False
) -> pd.DataFrame:
    """The quadrant summary with translated labels."""
    cols = {
        "leads": "gap.q.leads",
        "share": "gap.q.share",
        "opportunity_rate": "gap.q.opp_rate",
        "won_rate": "gap.q.won_rate",
    }
    frame = quadrant[list(cols)].copy()
    if as_text:
        frame["leads"] = [fmt_count(v, lang) for v in frame["leads"]]
        for c in ("share", "opportunity_rate", "won_rate"):
            frame[c] = [_pct_not_zero(v, lang) for v in frame[c]]
    frame.index = pd.Index([t(K.QUADRANT[q], lang) for q in QUADRANTS], name="")
    frame.columns = [t(k, lang) for k in cols.values()]
    return frame
