"""The joint marketing–sales meeting report: one self-contained HTML page.

It opens offline: the plotly.js bundle is inlined once in ``<head>`` and
every figure is a ``<div>`` drawn by it; there is no external stylesheet,
script, font or image. Every dynamic value is HTML-escaped. The report
holds aggregates only — no e-mails, phone numbers or person names; company
names appear only in the quadrant lists the caller explicitly includes.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from abm.core.format import NA_TEXT, fmt_count, fmt_days, fmt_pct, fmt_yen_short
from abm.gap.charts import fit_mix_figure, quadrant_figure, reasons_figure, volume_figure
from abm.gap.compute import GapResult
from abm.gap.display import deals_note, quadrant_table, source_table, web_visits_kpi
from abm.gap.findings import Finding, finding_basis, generate_findings, metric_values
from abm.gap.fiscal import quarter_text
from abm.gap.handoff import Handoff, acceptance_figure, follow_up_figure, sla_figure
from abm.gap.lenses import MarketingLens, SalesLens
from abm.gap.quadrant import QUADRANTS, quadrant_accounts
from abm.history import History
from abm.i18n import keys as K
from abm.i18n import t
from abm.report.history import history_html

__all__ = ["meeting_report_html"]

# The page is as wide as an A4 sheet's printable area (210 mm less 2 x 10 mm margins is
# 718 px at 96 dpi), on screen as on paper: the charts are laid out once, at a width the
# printed page holds, so "print to PDF" cuts none of them.
_CSS = """
body{font-family:"Hiragino Sans","Noto Sans JP","Yu Gothic",Meiryo,system-ui,sans-serif;
margin:24px auto;max-width:700px;padding:0 8px;color:#222;font-size:14px;line-height:1.45}
h1{font-size:24px;margin:0 0 4px}
h2{font-size:18px;margin:4px 0 8px;border-bottom:2px solid #1f4e79;break-after:avoid}
.meta{color:#555;margin:2px 0}.cols{display:flex;gap:12px}.col{flex:1 1 0;min-width:0}
.plotly-graph-div{max-width:100%}
.box{border:1px solid #ccc;border-radius:8px;padding:10px 12px;margin:8px 0}
.kpis{display:flex;flex-wrap:wrap;gap:8px}.kpi{border:1px solid #ddd;border-radius:6px;padding:6px 10px;min-width:120px}
.kpi .l{font-size:12px;color:#555}.kpi .v{font-size:20px;font-weight:600}
table{border-collapse:collapse;font-size:13px;margin:6px 0;max-width:100%}
th,td{border:1px solid #ddd;padding:3px 8px}tbody th{overflow-wrap:anywhere}
thead{display:table-header-group}tr{break-inside:avoid}
td{text-align:right}th{background:#f3f6fa;text-align:left}.findings li{margin:4px 0}
.basis,.note{color:#666;font-size:12px}footer{margin-top:20px;color:#777;font-size:12px}
@page{size:A4 portrait;margin:10mm}
@media print{
body{margin:0 auto;padding:0;font-size:10.5pt;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.box,.kpi,.plotly-graph-div,.findings li{break-inside:avoid}
.box.list{break-inside:auto}
.box{margin:0 0 6px}h1{font-size:18pt}h2{font-size:13pt}
.kpi .l{font-size:9pt}.kpi .v{font-size:15pt}table{font-size:9.5pt}th,td{padding:2px 5px}
.basis,.note,footer{font-size:8.5pt}
}
"""

_CONFIG = {"displaylogo": False, "displayModeBar": False, "responsive": True}


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _fig(fig: go.Figure) -> str:
    height = fig.layout.height or 400
    return fig.to_html(
        full_html=False,
        include_plotlyjs=False,
        config=_CONFIG,
        default_height=f"{height}px",
        default_width="100%",
    )


def _untitled(fig: go.Figure) -> go.Figure:
    """``fig`` without its title and the room kept for it."""
    top = fig.layout.margin.t
    return fig.update_layout(title=None, margin={"t": min(top, 20) if top is not None else 20})


def _kpis(items: Iterable[tuple[str, ...]]) -> str:
    """KPI cells: ``(label, value)`` or ``(label, value, help)``, the help as the cell's tooltip."""
    cells = "".join(
        f'<div class="kpi"{_title(item)}><div class="l">{_e(item[0])}</div>'
        f'<div class="v">{_e(item[1])}</div></div>'
        for item in items
    )
    return f'<div class="kpis">{cells}</div>'


def _title(item: tuple[str, ...]) -> str:
    return f' title="{_e(item[2])}"' if len(item) > 2 and item[2] else ""


def _table(frame: pd.DataFrame) -> str:
    head = "".join(f"<th>{_e(c)}</th>" for c in [frame.index.name or "", *frame.columns])
    rows = []
    for idx, row in frame.iterrows():
        cells = "".join(f"<td>{_e(v)}</td>" for v in row.tolist())
        rows.append(f"<tr><th>{_e(idx)}</th>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _date(ts: pd.Timestamp | None, lang: str) -> str:
    return t("gap.report.open_start", lang) if ts is None else ts.strftime("%Y-%m-%d")


def _findings(findings: tuple[Finding, ...], lang: str) -> str:
    """The findings box: each finding with the basis of its number."""
    items = "".join(
        f'<li>{_e(f.text(lang))}<br><span class="basis" data-metric="{_e(f.metric)}">'
        f"{_e(finding_basis(f, lang))}</span></li>"
        for f in findings
    )
    return f'<div class="box findings"><h2>{_e(t("gap.findings", lang))}</h2><ul>{items}</ul></div>'


def _marketing_kpis(m: MarketingLens, lang: str) -> str:
    """KPI row of the marketing lens (web visits as the page counts them, with what they
    count: :func:`abm.gap.display.web_visits_kpi`)."""
    web, web_help = web_visits_kpi(m, lang)
    row = _kpis(
        [
            (t("gap.m.leads", lang), fmt_count(m.leads, lang)),
            (t("gap.m.mql", lang), fmt_count(m.mql, lang)),
            (
                t("gap.m.engagement", lang),
                fmt_count(m.engagement_mean if m.engagement_measured else None, lang),
            ),
            (t("gap.m.web_visits", lang), web, web_help),
            (
                t("gap.m.nurture", lang),
                fmt_count(m.nurture_pool if m.engagement_measured else None, lang),
            ),
        ]
    )
    return f'{row}<p class="note">{_e(web_help)}</p>'


def _sales_kpis(s: SalesLens, lang: str) -> str:
    """KPI row of the sales lens (closable deals of the current quarter)."""
    return _kpis(
        [
            (t("gap.s.target_share", lang), fmt_pct(s.target_share, lang)),
            (t("gap.s.high_fit_share", lang), fmt_pct(s.high_fit_share, lang)),
            (t("gap.s.budget", lang), fmt_pct(s.budget_share, lang)),
            (t("gap.s.pipeline", lang), fmt_yen_short(s.pipeline_value, lang)),
            (
                t("gap.s.closable", lang) + " · " + quarter_text(s.quarter, s.quarter_months, lang),
                f"{fmt_count(s.closable, lang)} / {fmt_yen_short(s.closable_value, lang)}",
            ),
        ]
    )


def _handoff_kpis(h: Handoff, lang: str) -> str:
    """KPI row of the hand-off."""
    return _kpis(
        [
            (t("gap.h.mql", lang), fmt_count(h.mql, lang)),
            (t("gap.h.acceptance", lang), acceptance_figure(h, fmt_pct(h.acceptance_rate, lang))),
            (t("gap.h.rejection", lang), acceptance_figure(h, fmt_pct(h.rejection_rate, lang))),
            (t("gap.h.touch_days", lang), fmt_days(h.median_days_to_touch, lang)),
            (t("gap.h.never", lang), follow_up_figure(h, fmt_count(h.never_followed_up, lang))),
            (
                t("gap.h.sla_one" if h.sla_days == 1 else "gap.h.sla", lang, days=h.sla_days),
                sla_figure(h, fmt_count(h.sla_breaches, lang)),
            ),
        ]
    )


def _head(r: GapResult, lang: str) -> list[str]:
    """Document head (inlined plotly.js), the title and the period line."""
    title = t("gap.report.title", lang)
    period = t("gap.report.period", lang, start=_date(r.start, lang), end=_date(r.end, lang))
    return [
        "<!DOCTYPE html>",
        f'<html lang="{_e(lang)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        f"<title>{_e(title)}</title><style>{_CSS}</style>",
        f"<script>{get_plotlyjs()}</script></head><body>",
        f"<h1>{_e(title)}</h1>",
        f'<p class="meta">{_e(period)}'
        f" · {_e(t('gap.report.as_of', lang, as_of=_date(r.as_of, lang)))}</p>",
    ]


def _lenses(r: GapResult, lang: str, font_size: int) -> list[str]:
    """Marketing and sales side by side, then the hand-off box (each kept whole on paper)."""
    m, s, h = r.marketing, r.sales, r.handoff
    parts = [
        '<div class="cols">',
        f'<div class="col box"><h2>{_e(t("gap.lens.marketing", lang))}</h2>'
        f"{_marketing_kpis(m, lang)}"
        f"{_fig(volume_figure(m.volume, lang, font_size=font_size))}</div>",
        f'<div class="col box"><h2>{_e(t("gap.lens.sales", lang))}</h2>{_sales_kpis(s, lang)}'
        f"{_fig(fit_mix_figure(s.fit_mix, lang, font_size=font_size))}</div>",
        "</div>",
        f'<div class="box"><h2>{_e(t("gap.h.title", lang))}</h2>',
    ]
    if len(h.reasons):  # the measures beside the reasons: one box, half the height
        parts += [
            f'<div class="cols"><div class="col">{_handoff_kpis(h, lang)}</div>',
            f'<div class="col">{_fig(reasons_figure(h.reasons, lang, font_size=font_size))}',
            "</div></div>",
        ]
    else:
        parts.append(_handoff_kpis(h, lang))
    parts.append("</div>")
    return parts


def _quadrant_and_sources(r: GapResult, lang: str, font_size: int) -> list[str]:
    """The fit × engagement quadrant (chart and table) and the source table."""
    return [  # the chart beside its table (an HTML table wraps the long quadrant names)
        f'<div class="box"><h2>{_e(t("gap.q.title", lang))}</h2><div class="cols">'
        f'<div class="col" style="flex:2 1 0">'
        # untitled: the box's heading names it, the chart's own title was cut (QA-H)
        f"{_fig(_untitled(quadrant_figure(r.quadrant, lang, font_size=font_size)))}</div>"
        # the table takes the wider part: its English headers and names need ~400 px on A4
        f'<div class="col" style="flex:3 1 0">'
        f"{_table(quadrant_table(r.quadrant, lang, as_text=True))}</div>"
        "</div></div>",
        f'<div class="box"><h2>{_e(t("gap.src.title", lang))}</h2>'
        f'<p class="note">{_e(deals_note(r.sources, lang))}</p>'
        f"{_table(source_table(r.sources, lang, as_text=True))}</div>",
    ]


def _company_lists(
    r: GapResult, leads: pd.DataFrame | None, include_companies: Iterable[str], lang: str
) -> list[str]:
    """Top 30 companies of each quadrant the user asked to include (none by default)."""
    wanted = [q for q in QUADRANTS if q in set(include_companies)]
    if not wanted or leads is None or "company" not in leads.columns:
        return []
    parts = []
    for n, quad in enumerate(wanted):
        acc = quadrant_accounts(leads, r.labels, r.scores, quad).head(30)
        frame = pd.DataFrame(
            {
                t("gap.q.leads", lang): [fmt_count(v, lang) for v in acc["leads"]],
                t("gap.q.axis_fit", lang): [fmt_count(v, lang) for v in acc["fit_score"]],
                t("gap.q.axis_engagement", lang): [
                    fmt_count(v, lang) for v in acc["engagement_score"]
                ],
            },
            index=pd.Index(acc["company"].astype(str).tolist(), name=""),
        )
        label = t("gap.report.companies", lang, quadrant=t(K.QUADRANT[quad], lang))
        # a company is listed in every quadrant one of its people is in: say so, once
        note = f'<p class="note">{_e(t("gap.report.companies_note", lang))}</p>' if n == 0 else ""
        # a long list may run over a page: its header row repeats on the next
        parts.append(f'<div class="box list"><h2>{_e(label)}</h2>{note}{_table(frame)}</div>')
    return parts


def _settings(r: GapResult, lang: str) -> str:
    """The settings the numbers were computed with."""
    key = getattr(r.funnel.model, "key", None)
    model = t(K.FUNNEL_MODEL[key], lang) if key in K.FUNNEL_MODEL else NA_TEXT  # never "classic"
    items = [
        t("gap.report.setting.fiscal_start", lang, m=r.settings.fiscal_start_month),
        t(
            "gap.report.setting.sla_one" if r.settings.sla_days == 1 else "gap.report.setting.sla",
            lang,
            days=r.settings.sla_days,
        ),
        t(
            "gap.report.setting.thresholds",
            lang,
            fit=r.model.fit_threshold,
            eng=r.model.engagement_threshold,
        ),
        t("gap.report.setting.funnel", lang, model=model),
        t("gap.report.setting.group_by", lang, by=t(K.SOURCE_COLUMN[r.settings.group_by], lang)),
    ]
    return (
        f'<div class="box"><h2>{_e(t("gap.report.settings", lang))}</h2><ul>'
        + "".join(f"<li>{_e(x)}</li>" for x in items)
        + "</ul></div>"
    )


def _footer(r: GapResult, lang: str) -> list[str]:
    """Footer (number of known metrics) and the closing tags."""
    n_metrics = sum(1 for v in metric_values(r).values() if v == v)
    return [
        f'<footer data-metrics="{n_metrics}">{_e(t("gap.report.footer", lang))}</footer>',
        # let responsive charts re-measure once the flex layout is final, and again for
        # the printed page (a browser window narrower than the page laid them out smaller)
        "<script>function moriFit(){window.dispatchEvent(new Event('resize'));}"
        "window.addEventListener('load',moriFit);"
        "window.addEventListener('beforeprint',moriFit);</script>",
        "</body></html>",
    ]


def meeting_report_html(
    result: GapResult,
    *,
    lang: str = "ja",
    findings: tuple[Finding, ...] | None = None,
    leads: pd.DataFrame | None = None,
    include_companies: Iterable[str] = (),
    font_size: int = 12,
    history: History | None = None,
) -> str:
    """Render the one-page meeting report.

    Parameters
    ----------
    result : GapResult
        From :func:`abm.gap.compute.compute_gap`.
    lang : {"ja", "en"}
    findings : tuple of Finding, optional
        Defaults to :func:`abm.gap.findings.generate_findings`.
    leads : pandas.DataFrame, optional
        The leads ``result`` was computed from; needed only for company lists.
    include_companies : iterable of str
        Quadrants (:data:`abm.gap.quadrant.QUADRANTS`) whose company list the
        user asked to include. Empty (the default): no company names at all.
    font_size : int
        Base chart font size.
    history : abm.history.History, optional
        What moved since the last meeting (two snapshots of the workspace):
        a section right after the findings, with counts only.

    Returns
    -------
    str
        A complete HTML document (UTF-8), openable offline.
    """
    findings = generate_findings(result) if findings is None else findings
    parts = [
        *_head(result, lang),
        _findings(findings, lang),
        history_html(history, lang) if history is not None else "",
        *_lenses(result, lang, font_size),
        *_quadrant_and_sources(result, lang, font_size),
        *_company_lists(result, leads, include_companies, lang),
        _settings(result, lang),
        *_footer(result, lang),
    ]
    return "\n".join(parts)
