"""The meeting report's "since last meeting" section (#18): counts only, never a name.

The numbers are :class:`abm.history.History`'s — the ones the gap page's
section shows for the same two snapshots and settings. Each value carries a
``data-metric`` attribute, so a reader (or a test) can find it.
"""

from __future__ import annotations

import html
import math

from abm.core.format import fmt_count, fmt_pct, fmt_yen_short
from abm.history import MIN_SHARED_PEOPLE, History
from abm.i18n import keys as K
from abm.i18n import t

__all__ = ["history_html", "not_compared_params", "other_rules_texts"]


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _kpis(items: list[tuple[str, str, str]]) -> str:
    cells = "".join(
        f'<div class="kpi" data-metric="{_e(m)}"><div class="l">{_e(label)}</div>'
        f'<div class="v">{_e(value)}</div></div>'
        for m, label, value in items
    )
    return f'<div class="kpis">{cells}</div>'


def _rows(head: list[str], rows: list[list[str]], metric: str) -> str:
    top = "".join(f"<th>{_e(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table data-metric="{_e(metric)}"><thead><tr>{top}</tr></thead><tbody>{body}</tbody></table>'


def not_compared_params(h: History, lang: str = "ja") -> dict[str, str]:
    """The numbers of ``workspace.history.different_people``: the share of the earlier
    snapshot's people found in the later one, rounded down (49.6% never reads as the 50%
    needed), and the share needed (:data:`abm.history.MIN_SHARED_PEOPLE`)."""
    share = h.shared_people
    floored = None if share is None else math.floor(share * 100) / 100
    return {"share": fmt_pct(floored, lang), "least": fmt_pct(MIN_SHARED_PEOPLE, lang)}


def other_rules_texts(h: History, lang: str = "ja") -> list[str]:
    """One sentence per snapshot cleaned with other exclusion rules than the pages'
    (notes ``other_rules_before`` / ``other_rules_after``): its figures are as they were."""
    out = []
    for note, side in (("other_rules_before", h.before), ("other_rules_after", h.after)):
        if note in h.notes:
            out.append(t("workspace.history.other_rules", lang, label=side.label,
                         as_of=f"{side.as_of:%Y-%m-%d}"))  # fmt: skip
    return out


def history_html(h: History, lang: str = "ja") -> str:
    """The section as HTML: moves of MQLs, deals, SLA and tiers, then the funnel per stage;
    for two snapshots of different people (:attr:`abm.history.History.comparable`), why
    they are not compared, and no move."""
    m, d, s, tiers = h.mqls, h.deals, h.sla, h.tiers
    caption = t("workspace.history.caption", lang, before=h.before.label,
                before_as_of=f"{h.before.as_of:%Y-%m-%d}", after=h.after.label,
                after_as_of=f"{h.after.as_of:%Y-%m-%d}")  # fmt: skip
    heading = t("workspace.history.title", lang)
    title = f"<h2>{_e(heading)}</h2>"
    if not h.comparable:  # QA-N: two companies' data, not a change since last time
        why = t("workspace.history.different_people", lang, **not_compared_params(h, lang))
        return (
            f'<div class="box" id="since-last-meeting">{title}<p class="meta">{_e(caption)}</p>'
            f'<p class="basis" data-metric="history.not_compared">{_e(why)}</p></div>'
        )
    kpis = _kpis([
        ("history.new_mql", t("workspace.history.new_mql", lang), fmt_count(len(m.new), lang)),
        ("history.fell_back", t("workspace.history.fell_back", lang),
         fmt_count(len(m.fell_back), lang)),
        ("history.gone_mql", t("workspace.history.gone_mql", lang), fmt_count(len(m.gone), lang)),
        ("history.deals_created", t("workspace.history.deals_created", lang),
         f"{fmt_count(d.created, lang)} / {fmt_yen_short(d.created_value, lang)}"),
        ("history.deals_won", t("workspace.history.deals_won", lang),
         f"{fmt_count(d.won, lang)} / {fmt_yen_short(d.won_value, lang)}"),
        ("history.deals_lost", t("workspace.history.deals_lost", lang),
         f"{fmt_count(d.lost, lang)} / {fmt_yen_short(d.lost_value, lang)}"),
        ("history.sla_new", t("workspace.history.sla_new", lang, days=s.sla_days),
         fmt_count(len(s.new), lang)),
        ("history.sla_resolved", t("workspace.history.sla_resolved", lang),
         fmt_count(len(s.resolved), lang)),
        ("history.tier_up", t("workspace.history.tier_up", lang), fmt_count(tiers.up, lang)),
        ("history.tier_down", t("workspace.history.tier_down", lang), fmt_count(tiers.down, lang)),
    ])  # fmt: skip
    f = h.funnel
    funnel = _rows(
        [t("workspace.history.stage", lang), t("workspace.history.before", lang),
         t("workspace.history.after", lang), t("workspace.history.change", lang),
         t("workspace.history.rate_before", lang), t("workspace.history.rate_after", lang)],
        [[str(lab), fmt_count(b, lang), fmt_count(a, lang), f"{c:+,}", fmt_pct(rb, lang),
          fmt_pct(ra, lang)]
         for lab, b, a, c, rb, ra in zip(f["label"], f["before"], f["after"], f["change"],
                                         f["rate_before"], f["rate_after"], strict=True)],
        "history.funnel",
    )  # fmt: skip
    c = tiers.counts
    counts = _rows(
        [t("workspace.history.tier_counts", lang), t("workspace.history.before", lang),
         t("workspace.history.after", lang), t("workspace.history.change", lang)],
        [[t(K.TIER[k], lang), fmt_count(b, lang), fmt_count(a, lang), f"{ch:+,}"]
         for k, b, a, ch in zip(c.index, c["before"], c["after"], c["change"], strict=True)],
        "history.tiers",
    )  # fmt: skip
    note = t("workspace.history.report_note", lang)
    order = (
        f'<p class="basis">{_e(t("workspace.history.order", lang))}</p>'
        if "as_of_order" in h.notes
        else ""
    )
    order += "".join(
        f'<p class="basis" data-metric="history.other_rules">{_e(x)}</p>'
        for x in other_rules_texts(h, lang)
    )
    return (
        f'<div class="box" id="since-last-meeting">{title}'
        f'<p class="meta">{_e(caption)}</p>{order}{kpis}<div class="cols">'
        f'<div class="col">{funnel}</div><div class="col">{counts}</div></div>'
        f'<p class="basis">{_e(note)}</p></div>'
    )
