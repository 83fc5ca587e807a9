"""Scoring page: MQL precision and lift say how many back-test MQLs they rest on, and are not
shown on too few; the monthly capacity starts at a number the data supports and its
recommendation never rests on too few leads (QA-S: "100.0 %", "26.81×" and "0 a month" from
one lead, with the capacity box at 1)."""

from __future__ import annotations

import re

from abm import scoring as sc
from abm.i18n import t
from tests.ui.test_page_scoring import _metric, _open, _tab, form, w


def test_precision_and_lift_say_their_count_and_hide_below_the_minimum(demo_session_state):
    at = _open(demo_session_state, lang="en")
    said = [c.value for c in at.caption if c.value.startswith("Back-test leads that were MQLs")]
    assert len(said) == 1 and "Precision and lift are computed on these" in said[0]
    mqls = int(re.search(r"MQLs: ([\d,]+)", said[0]).group(1).replace(",", ""))
    assert mqls >= sc.MIN_MQL_LEADS
    assert _metric(at, "scoring.precision", "en") != "—"
    _tab(at, "rules", "en")  # thresholds no back-test lead reaches
    at.slider(key=form("fit_threshold")).set_value(100.0).run()
    at.slider(key=form("engagement_threshold")).set_value(100.0).run()
    assert not at.exception
    assert _metric(at, "scoring.precision", "en") == "—"
    assert _metric(at, "scoring.lift", "en") == "—"
    assert any(c.value.startswith("MQL precision and lift are not shown") for c in at.caption)


def test_capacity_starts_from_the_data_and_never_proposes_an_empty_month(demo_session_state):
    at = _open(demo_session_state, lang="en")
    box = at.number_input(key=w("capacity"))
    assert box.value > 1  # the demo's back-test: a tenth of its leads a month at least
    box.set_value(1).run()
    assert not at.exception
    text = " ".join(m.value for m in at.markdown) + " ".join(i.value for i in at.info)
    proposed = re.search(r"\(([\d,.]+) a month", text)
    if proposed:
        assert float(proposed.group(1).replace(",", "")) >= 1
    else:
        assert t("scoring.capacity_too_few", "en", min_leads=10, min_positives=3) in text


def test_back_test_rates_and_auc_labels_fit_their_columns_at_1280_px():
    """QA-S: "MQLの成果率" read "100.…" at 1280×720; "AUC（交差…" too once labelled."""
    from abm.ui.views.scoring_backtest import _pct

    assert (_pct(1.0), _pct(0.571), _pct(0.008)) == ("100%", "57.1%", "0.8%")
    for key in ("scoring.auc_cv", "scoring.auc_in_sample_label"):
        assert len(t(key, "ja")) <= 7 and len(t(key, "en")) <= 14
