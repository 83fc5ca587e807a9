"""Number formatting and translated tables shared by the gap page and the report."""

from __future__ import annotations

import math

import pandas as pd

from abm.gap._common import UNKNOWN
from abm.gap.quadrant import QUADRANTS
from abm.gap.sources import SOURCE_COLUMNS
from abm.i18n import t

__all__ = [
    "fmt_count",
    "fmt_days",
    "fmt_pct",
    "fmt_yen",
    "fmt_yen_short",
    "quadrant_table",
    "source_table",
]

_MONEY = {"pipeline", "won_revenue", "cost"} | {c for c in SOURCE_COLUMNS if c.startswith("cost_")}


def _bad(x: object) -> bool:
    return x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x))


def fmt_pct(x: float | None, lang: str = "ja") -> str:
    """``0.384`` -> ``"38%"`` (``"—"`` when unknown)."""
    return t("gap.na", lang) if _bad(x) else f"{float(x):.0%}"  # type: ignore[arg-type]


def fmt_count(x: float | None, lang: str = "ja") -> str:
    """``1234`` -> ``"1,234"`` (``"—"`` when unknown)."""
    return t("gap.na", lang) if _bad(x) else f"{float(x):,.0f}"  # type: ignore[arg-type]


def fmt_yen(x: float | None, lang: str = "ja") -> str:
    """Yen amount: ``"1,200,000円"`` / ``"¥1,200,000"`` (``"—"`` when unknown)."""
    if _bad(x):
        return t("gap.na", lang)
    v = float(x)  # type: ignore[arg-type]
    return f"{v:,.0f}円" if lang == "ja" else f"¥{v:,.0f}"


def fmt_yen_short(x: float | None, lang: str = "ja") -> str:
    """Compact yen for a metric tile: ``"33.8億円"`` / ``"¥3.38B"`` (``"—"`` when unknown)."""
    if _bad(x):
        return t("gap.na", lang)
    v = float(x)  # type: ignore[arg-type]
    if lang == "ja":
        for unit, div in (("兆円", 1e12), ("億円", 1e8), ("万円", 1e4)):
            if abs(v) >= div:
                return f"{v / div:,.3g}{unit}" if abs(v) < 1000 * div else f"{v / div:,.0f}{unit}"
        return f"{v:,.0f}円"
    for unit, div in (("T", 1e12), ("B", 1e9), ("M", 1e6), ("K", 1e3)):
        if abs(v) >= div:
            return f"¥{v / div:,.3g}{unit}" if abs(v) < 1000 * div else f"¥{v / div:,.0f}{unit}"
    return f"¥{v:,.0f}"


def fmt_days(x: float | None, lang: str = "ja") -> str:
    """Days: ``"2.5日"`` / ``"2.5 d"`` (``"—"`` when unknown)."""
    if _bad(x):
        return t("gap.na", lang)
    v = float(x)  # type: ignore[arg-type]
    return f"{v:g}日" if lang == "ja" else f"{v:g} d"


def source_table(sources: pd.DataFrame, lang: str = "ja", *, as_text: bool = False) -> pd.DataFrame:
    """The source truth table with translated headers (and formatted cells if ``as_text``).

    Columns that are entirely unknown (e.g. costs when none were entered)
    are dropped.
    """
    frame = sources.copy()
    frame = frame[[c for c in frame.columns if not frame[c].isna().all()]]
    by = str(sources.index.name or "lead_source")
    frame.index = pd.Index(
        [t("gap.src.unknown", lang) if v == UNKNOWN else str(v) for v in frame.index],
        name=t(f"gap.src.{by}", lang),
    )
    if as_text:
        for c in frame.columns:
            f = fmt_yen if c in _MONEY else fmt_pct if c == "sal_rate" else fmt_count
            frame[c] = [f(v, lang) for v in frame[c]]
    frame.columns = [t(f"gap.src.{c}", lang) for c in frame.columns]
    return frame


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
            frame[c] = [fmt_pct(v, lang) for v in frame[c]]
    frame.index = pd.Index([t(f"gap.q.{q}", lang) for q in QUADRANTS], name="")
    frame.columns = [t(k, lang) for k in cols.values()]
    return frame
