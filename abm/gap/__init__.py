"""Marketing versus sales: two lenses on the same data, the hand-off, where they disagree.

Typical use::

    from abm.gap import compute_gap, generate_findings

    result = compute_gap(dataset, as_of=as_of, start=start, end=end)
    for finding in generate_findings(result):
        print(finding.text("en"), finding.metric, finding.value)
"""

from abm.gap.budget import budget_signal
from abm.gap.compute import GapResult, compute_gap, lead_scores, reach_for
from abm.gap.findings import (
    MAX_FINDINGS,
    Finding,
    finding_basis,
    generate_findings,
    metric_values,
    render_finding,
)
from abm.gap.fiscal import closable_this_quarter, fiscal_quarter, quarter_bounds, quarter_of
from abm.gap.handoff import Handoff, handoff_metrics
from abm.gap.lenses import (
    FIT_LETTERS,
    MarketingLens,
    SalesLens,
    fit_letters,
    marketing_lens,
    sales_lens,
)
from abm.gap.quadrant import (
    LIST_COLUMNS,
    QUADRANTS,
    quadrant_accounts,
    quadrant_labels,
    quadrant_members,
    quadrant_summary,
)
from abm.gap.settings import GapSettings
from abm.gap.sources import SOURCE_COLUMNS, opportunity_groups, source_truth_table

__all__ = [
    "FIT_LETTERS",
    "LIST_COLUMNS",
    "MAX_FINDINGS",
    "QUADRANTS",
    "SOURCE_COLUMNS",
    "Finding",
    "GapResult",
    "GapSettings",
    "Handoff",
    "MarketingLens",
    "SalesLens",
    "budget_signal",
    "closable_this_quarter",
    "compute_gap",
    "finding_basis",
    "fiscal_quarter",
    "fit_letters",
    "generate_findings",
    "handoff_metrics",
    "lead_scores",
    "marketing_lens",
    "metric_values",
    "opportunity_groups",
    "quadrant_accounts",
    "quadrant_labels",
    "quadrant_members",
    "quadrant_summary",
    "quarter_bounds",
    "quarter_of",
    "reach_for",
    "render_finding",
    "sales_lens",
    "source_truth_table",
]
