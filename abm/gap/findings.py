"""Findings: 3–6 short sentences from plain rules over the numbers.

No external service. Each :class:`Finding` is a translation key plus
parameters and names the metric it rests on (id + value), so the UI and the
meeting report can show or link the number behind every sentence. Rules run
in priority order; the first six that apply are kept.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from abm.core.format import fmt_count, fmt_days, fmt_pct, fmt_yen_short
from abm.funnel.display import source_label
from abm.gap._common import UNKNOWN
from abm.gap.compute import GapResult
from abm.gap.fiscal import quarter_text
from abm.i18n import keys as K
from abm.i18n import t

__all__ = [
    "MAX_FINDINGS",
    "Finding",
    "finding_basis",
    "generate_findings",
    "metric_values",
    "render_finding",
]

#: Most findings shown.
MAX_FINDINGS = 6


@dataclass(frozen=True)
class Finding:
    """One sentence and the number it is based on.

    Attributes
    ----------
    key : str
        Translation key (``"gap.finding.acceptance"``).
    params : tuple of (str, object)
        Placeholder values (numbers stay numbers; the catalog formats them).
    metric : str
        Id of the metric the sentence rests on (a key of :func:`metric_values`).
    value : float
        That metric's value.
    """

    key: str
    params: tuple[tuple[str, Any], ...] = field(default=())
    metric: str = ""
    value: float = float("nan")

    def text(self, lang: str = "ja") -> str:
        """The sentence in ``lang``."""
        return render_finding(self, lang)


#: Findings whose English needs the singular: key → (the count, written as the sentence
#: writes it, that reads "1", and the sentence for it). The finding keeps its key.
_ONE = {
    "gap.finding.sla": ("days", "{}", "gap.finding.sla_one_day"),
    "gap.finding.touch_days": ("days", "{:.0f}", "gap.finding.touch_days_one"),
    "gap.finding.closable": ("n", "{}", "gap.finding.closable_one"),
}


def render_finding(finding: Finding, lang: str = "ja") -> str:
    """Translate a finding into ``lang`` (an amount of money written as the tiles write it:
    4,240万円 / ¥42.4M; "1 day", not "1 days")."""
    params = dict(finding.params)
    key = finding.key
    if key in _ONE:
        name, written, one = _ONE[key]
        if name in params and written.format(params[name]) == "1":
            key = one
    if finding.metric.partition(":")[0].endswith("value") and "value" in params:
        params["value"] = fmt_yen_short(params["value"], lang)
    if params.get("by") == "lead_source" and "source" in params:  # a channel's label
        params["source"] = source_label(params["source"], lang)
    if "first_month" in params:  # a fiscal quarter, with the months it runs through
        months = (int(params["first_month"]), int(params["last_month"]))
        params["quarter"] = quarter_text((int(params["fy"]), int(params["q"])), months, lang)
    return t(key, lang, **params)


def finding_basis(finding: Finding, lang: str = "ja") -> str:
    """The number behind a finding as a sentence: ``"Based on: acceptance rate = 29%"``."""
    base, _, detail = finding.metric.partition(":")
    name = t(K.GAP_METRIC[base], lang)
    if detail:
        if dict(finding.params).get("by") == "lead_source":
            detail = source_label(detail, lang)
        name = f"{name} ({detail})"
    v = finding.value
    if base.endswith(("rate", "share")):
        value = fmt_pct(v, lang)
    elif base.endswith("value"):
        value = fmt_yen_short(v, lang)
    elif "days" in base:
        value = fmt_days(v, lang)
    else:
        value = fmt_count(v, lang)
    return t("gap.findings_basis", lang, metric=name, value=value)


def _ok(x: float | int | None) -> bool:
    return x is not None and not (isinstance(x, float) and math.isnan(x))


def metric_values(result: GapResult) -> dict[str, float]:
    """Every headline number of the gap view by metric id (NaN when unknown).

    Ids are stable: ``marketing.*``, ``sales.*``, ``handoff.*``,
    ``quadrant.<quadrant>.leads`` / ``.opportunity_rate``.
    """
    m, s, h = result.marketing, result.sales, result.handoff
    nan = float("nan")
    out: dict[str, float] = {
        "marketing.leads": m.leads,
        "marketing.mql": m.mql,
        "marketing.engagement_mean": m.engagement_mean if m.engagement_measured else nan,
        "marketing.engaged": m.engaged if m.engagement_measured else nan,
        "marketing.nurture_pool": m.nurture_pool if m.engagement_measured else nan,
        "marketing.web_visits": m.web_visits,
        "marketing.page_views": m.page_views,
        "marketing.web_activities": nan if m.web_activities is None else m.web_activities,
        "sales.target_share": s.target_share,
        "sales.high_fit_share": s.high_fit_share,
        "sales.budget_share": s.budget_share,
        "sales.pipeline_value": s.pipeline_value,
        "sales.won_value": s.won_value,
        "sales.win_rate": s.win_rate,
        "sales.closable": s.closable,
        "sales.closable_value": s.closable_value,
        "handoff.mql": h.mql,
        "handoff.accepted": h.accepted,
        "handoff.acceptance_rate": h.acceptance_rate if h.acceptance_measured else math.nan,
        "handoff.rejection_rate": h.rejection_rate if h.acceptance_measured else math.nan,
        "handoff.rejected_small_share": h.rejected_small_share,
        "handoff.median_days_to_touch": h.median_days_to_touch,
        "handoff.never_followed_up": h.never_followed_up,
        "handoff.sla_breaches": h.sla_breaches if h.sla_measured else nan,  # as the tile: —
        "handoff.sla_breach_rate": h.sla_breach_rate,
    }
    for name, rate_ in result.sources["sal_rate"].items():
        out[f"sources.sal_rate:{name}"] = rate_
    for q, row in result.quadrant.iterrows():
        out[f"quadrant.{q}.leads"] = float(row["leads"])
        out[f"quadrant.{q}.opportunity_rate"] = float(row["opportunity_rate"])
    return {k: float(v) for k, v in out.items()}


def _acceptance(r: GapResult) -> Finding | None:
    h = r.handoff
    if h.mql == 0:
        return None
    if h.implied:  # MQL or SAL counted from later stages only: the rate measures nothing
        params = (("mql", h.mql), ("accepted", h.accepted))  # no rate: none is measured
        return Finding(
            "gap.finding.acceptance_implied", params, "handoff.acceptance_rate", float("nan")
        )
    share = h.rejected_small_share
    if h.rejected >= 2 and _ok(share) and share >= 0.5:
        params = (("rate", h.acceptance_rate), ("share", share), ("small", h.small_company))
        return Finding(
            "gap.finding.acceptance_small", params, "handoff.acceptance_rate", h.acceptance_rate
        )
    params = (("rate", h.acceptance_rate), ("mql", h.mql), ("accepted", h.accepted))
    return Finding("gap.finding.acceptance", params, "handoff.acceptance_rate", h.acceptance_rate)


def _never(r: GapResult) -> Finding | None:
    h = r.handoff
    if h.never_followed_up == 0 or h.mql == 0 or not h.follow_up_measured:
        return None
    params = (("n", h.never_followed_up), ("share", h.never_followed_up / h.mql))
    return Finding(
        "gap.finding.never_followed", params, "handoff.never_followed_up", h.never_followed_up
    )


def _sla(r: GapResult) -> Finding | None:
    h = r.handoff
    if not h.follow_up_measured:  # nothing says what sales did
        return None
    if h.sla_breaches > 0:
        params = (
            ("n", h.sla_breaches),
            ("measurable", h.sla_measurable),  # the rate's denominator, named on screen (#14)
            ("share", h.sla_breach_rate),
            ("days", h.sla_days),
        )
        return Finding("gap.finding.sla", params, "handoff.sla_breach_rate", h.sla_breach_rate)
    if _ok(h.median_days_to_touch):
        params = (("days", h.median_days_to_touch),)
        return Finding(
            "gap.finding.touch_days", params, "handoff.median_days_to_touch", h.median_days_to_touch
        )
    return None


def _unmeasured(r: GapResult) -> Finding | None:
    """No activity log: every lead's engagement is 0, so no finding may rest on it (QA-R:
    "587 good-fit leads with little engagement — engage these first" beside 0 engaged)."""
    if r.marketing.engagement_measured:
        return None
    return Finding("gap.finding.engagement_unmeasured", (), "marketing.engaged", float("nan"))


def _sales_hot(r: GapResult) -> Finding | None:
    if not r.marketing.engagement_measured:
        return None
    q = r.quadrant
    n = int(q.loc["sales_hot", "leads"])
    if n == 0:
        return None
    return Finding("gap.finding.sales_hot", (("n", n),), "quadrant.sales_hot.leads", float(n))


def _marketing_hot(r: GapResult) -> Finding | None:
    if not r.marketing.engagement_measured:
        return None
    q = r.quadrant
    hot = int(q.loc["both_hot", "leads"] + q.loc["marketing_hot", "leads"])
    n = int(q.loc["marketing_hot", "leads"])
    if n == 0 or hot == 0:
        return None
    a, b = q.loc["both_hot", "opportunity_rate"], q.loc["marketing_hot", "opportunity_rate"]
    if _ok(a) and _ok(b) and q.loc["both_hot", "leads"] > 0:
        params = (("n", n), ("share", n / hot), ("rate_hot", a), ("rate_mkt", b))
        return Finding(
            "gap.finding.marketing_hot_conv", params, "quadrant.marketing_hot.leads", float(n)
        )
    params = (("n", n), ("share", n / hot))
    return Finding("gap.finding.marketing_hot", params, "quadrant.marketing_hot.leads", float(n))


def _source(r: GapResult) -> Finding | None:
    src = r.sources
    if src.empty or int(src["mql"].sum()) == 0 or r.handoff.implied:
        return None  # acceptance by source is the acceptance rate: not measured when implied
    overall = src["sal"].sum() / src["mql"].sum()
    known = src.index.to_series() != UNKNOWN
    cand = src[known.to_numpy() & (src["mql"] >= 3) & (src["sal_rate"] < overall)]
    if cand.empty:
        return None
    name = str(cand["mql"].idxmax())
    row = cand.loc[name]
    params = (
        ("source", name),
        ("by", str(src.index.name or "lead_source")),  # a lead source reads as its channel
        ("mql", int(row["mql"])),
        ("rate", float(row["sal_rate"])),
        ("overall", float(overall)),
    )
    return Finding(
        "gap.finding.source_gap", params, f"sources.sal_rate:{name}", float(row["sal_rate"])
    )


def _closable(r: GapResult) -> Finding | None:
    s = r.sales
    if s.closable == 0:
        return None
    fy, q = s.quarter
    first, last = s.quarter_months
    params = (
        ("n", s.closable),
        ("value", s.closable_value),
        ("fy", fy),
        ("q", q),
        ("first_month", first),
        ("last_month", last),
    )
    return Finding("gap.finding.closable", params, "sales.closable_value", s.closable_value)


def _nurture(r: GapResult) -> Finding | None:
    m = r.marketing
    if m.nurture_pool == 0 or not m.engagement_measured:
        return None
    params = (("n", m.nurture_pool), ("share", m.nurture_pool / m.leads if m.leads else np.nan))
    return Finding("gap.finding.nurture", params, "marketing.nurture_pool", float(m.nurture_pool))


def _volume(r: GapResult) -> Finding | None:
    m = r.marketing
    params = (("leads", m.leads), ("mql", m.mql))
    return Finding("gap.finding.volume", params, "marketing.leads", float(m.leads))


_RULES = (
    _unmeasured, _acceptance, _never, _sla, _sales_hot, _marketing_hot, _source, _closable,
    _nurture,
)  # fmt: skip


def generate_findings(result: GapResult, *, limit: int = MAX_FINDINGS) -> tuple[Finding, ...]:
    """Apply the rules in priority order and keep the first ``limit`` findings.

    When fewer than three rules apply, a lead-volume sentence is added so
    the box is never empty.

    Returns
    -------
    tuple of Finding
    """
    out: list[Finding] = []
    for rule in _RULES:
        f = rule(result)
        if f is not None:
            out.append(f)
        if len(out) >= limit:
            break
    if len(out) < 3:
        out.append(_volume(result))
    return tuple(out[:limit])
