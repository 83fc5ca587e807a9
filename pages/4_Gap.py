"""Marketing versus sales: both lenses, the hand-off, where they disagree, the meeting report."""

from abm.ui import get_as_of, page_setup, require_data
from abm.ui.views import gap_controls as controls
from abm.ui.views import gap_results as results
from abm.ui.views import history as since

lang = page_setup("gap", sidebar=controls.sidebar_state())
ds = require_data()
as_of = get_as_of()

inp = controls.inputs(ds, as_of, lang)
result = results.compute(ds, inp, as_of)
found = results.findings(result, lang)
results.lenses(ds, result, inp.font, lang)
results.quadrant(ds, result, inp.font, lang)
results.sources(result, lang)
since.section("gap", since.for_gap(inp), lang)  # since last meeting (#18)
results.report(ds, result, found, inp, as_of, lang)
