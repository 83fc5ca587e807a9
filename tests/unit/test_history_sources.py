"""Since last meeting compares two snapshots of the same people only (QA-N).

Another company's exports loaded into a workspace were compared with the first
company's snapshot: "MQLs no longer in the data 1,929", "accounts down a tier 42",
inquiries 3,228 → 23,863. Two snapshots that share fewer than
:data:`abm.history.MIN_SHARED_PEOPLE` of the earlier one's people are not compared: the
library says so (:attr:`abm.history.History.comparable`), and the meeting report's
section says why instead of showing moves, in both languages.
"""

from __future__ import annotations

import functools

import pandas as pd
import pytest

from abm.dataset import Dataset
from abm.history import MIN_SHARED_PEOPLE, Side, compare, shared_people
from abm.i18n import t
from abm.ingest import read_uploads
from abm.pipeline import prepare
from abm.report.history import history_html
from tests.support.months import build_world, export_day

APRIL, MAY = "2026-04-30", "2026-05-31"


@functools.cache
def _side(seed: int, day: str, n_people: int = 120) -> Side:
    """One company's export at ``day`` (``seed``: which company), cleaned."""
    read = read_uploads(export_day(build_world(n_people, seed=seed), day))
    assert not read.refused
    ds = prepare(read.dataset).dataset
    return Side(ds, ds.as_of_default().date, f"{seed}:{day}")


def _people(ids: list[str | None], emails: list[str | None] | None = None) -> Side:
    leads = pd.DataFrame({"lead_id": pd.array(ids, dtype="string")})
    if emails is not None:
        leads["email"] = pd.array(emails, dtype="string")
    return Side(Dataset(leads=leads), pd.Timestamp("2026-05-31"))


def test_two_exports_of_one_company_are_compared():
    h = compare(_side(1, APRIL), _side(1, MAY))
    assert h.comparable and "different_people" not in h.notes
    assert h.shared_people == 1.0  # April's people are all still in May's export
    assert 'data-metric="history.new_mql"' in history_html(h, "en")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_another_companys_exports_are_not_compared(lang):
    """The two worlds number their people alike (the same lead ids): the e-mails tell
    them apart."""
    before, after = _side(1, APRIL), _side(2, MAY)
    assert set(before.dataset.leads["lead_id"]) & set(after.dataset.leads["lead_id"])
    h = compare(before, after)
    assert not h.comparable and "different_people" in h.notes
    assert h.shared_people is not None and h.shared_people < 0.05
    html = history_html(h, lang)
    section = html.split('id="since-last-meeting"')[1]
    assert 'data-metric="history.not_compared"' in section
    assert 'data-metric="history.' not in section.replace("history.not_compared", "")
    said = t("workspace.history.different_people", lang, share="§", least="¶")
    assert said.split("§")[0] in section  # the reason, not the moves
    assert f"{MIN_SHARED_PEOPLE:.0%}" in section


def test_the_share_is_of_the_earlier_snapshots_people():
    """A later export with many new people is the same source; a later one holding under
    half of the earlier one's people is not."""
    before = _people([str(i) for i in range(10)], [f"p{i}@a.co.jp" for i in range(10)])
    grown = _people([str(i) for i in range(5, 40)], [f"p{i}@a.co.jp" for i in range(5, 40)])
    assert shared_people(before, grown) == 0.5  # half of before's ten: compared
    assert shared_people(grown, before) == 5 / 35
    fewer = _people([str(i) for i in range(6, 40)], [f"p{i}@a.co.jp" for i in range(6, 40)])
    assert shared_people(before, fewer) == 0.4 < MIN_SHARED_PEOPLE


def test_people_are_found_by_email_then_by_lead_id():
    before = _people(["1", "2", "3", None], ["a@x.jp", None, "c@x.jp", "d@x.jp"])
    # a@x.jp by e-mail under another id; 2 (no e-mail before, one now) by its id; 3 is
    # known by its e-mail, which changed; d is gone
    after = _people(["9", "2", "3"], ["A@X.JP", "b@x.jp", "c-new@x.jp"])
    assert shared_people(before, after) == 0.5
    # an export without the e-mail column: looked up by lead id alone
    assert shared_people(before, _people(["1", "2", "3"])) == 1.0
    assert shared_people(_people([None, None]), after) is None  # nobody to look up


def test_the_same_lead_ids_of_another_company_are_not_the_same_people():
    before = _people(["1", "2", "3"], ["a@x.jp", "b@x.jp", "c@x.jp"])
    after = _people(["1", "2", "3"], ["a@y.jp", "b@y.jp", "c@y.jp"])
    assert shared_people(before, after) == 0.0


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_downloaded_meeting_report_says_why_and_shows_no_move(lang):
    from abm.gap.compute import compute_gap
    from abm.report import meeting_report_html

    before, after = _side(1, APRIL), _side(2, MAY)
    result = compute_gap(after.dataset, as_of=after.as_of)
    doc = meeting_report_html(result, lang=lang, history=compare(before, after, lang=lang))
    section = doc.split('id="since-last-meeting"')[1].split("</div>")[0]
    assert t("workspace.history.title", lang) in section
    assert 'data-metric="history.not_compared"' in section
    for metric in ("history.gone_mql", "history.tier_down", "history.funnel"):
        assert f'data-metric="{metric}"' not in doc
    same = meeting_report_html(
        result, lang=lang, history=compare(_side(2, APRIL), after, lang=lang)
    )
    assert 'data-metric="history.gone_mql"' in same
    assert "history.not_compared" not in same


def test_a_share_just_under_the_least_never_reads_as_the_least():
    from abm.report.history import not_compared_params

    h = compare(_side(1, APRIL), _side(2, MAY))
    near = type(h)(**{**h.__dict__, "shared_people": 0.496})
    assert not_compared_params(near, "en") == {"share": "49%", "least": "50%"}


def test_ids_the_load_made_up_do_not_count_as_people():
    """Review: a card list without ids, exported again under another file name: its people
    without an e-mail had ids made from the file name, so half of one database read as
    other people and the comparison was refused."""
    from abm.ingest import load_files

    rows = "".join(f"会社{i}社,山田 {i},{f'p{i}@c{i}.co.jp' if i % 2 else ''}\n" for i in range(40))
    data = ("会社名,氏名,メールアドレス\n" + rows).encode()
    april, _ = load_files([("cards_0430.csv", data)])
    may, _ = load_files([("cards_0531.csv", data)])
    before = Side(april, pd.Timestamp(APRIL))
    after = Side(may, pd.Timestamp(MAY))
    assert shared_people(before, after) == 1.0  # the 20 with an e-mail; the others unknown
    assert compare(before, after).comparable
