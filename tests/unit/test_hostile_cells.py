"""Hostile cells (issue #20): every parser answers with a value or a counted failure.

Property tests feed each cell parser pathological strings — long runs of
whitespace, digits, brackets and separators, ``年年年…``, full-width forms,
control characters, lone surrogates — and assert the *result*. The timeouts
only catch a hang (the quadratic date pattern took minutes on 30 cells); no
test reads a clock.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from abm.i18n import t
from abm.ingest import load_files
from abm.ingest.cells import MAX_URL_CHARS, MAX_VALUE_CHARS
from abm.ingest.convert import Converted, convert_cells
from abm.ingest.report import describe_issues
from tests.support.hostile import hostile_csv

PIECES = [
    " ", "\t", "\n", "\u3000", "\xa0", "0", "1", "9", "１", "９", ".", "/", "-", ":", ",",
    "(", ")", "（", "）", "[", "]", "年", "月", "日", "時", "分", "万", "億", "兆", "千", "百",
    "令和", "平成", "R", "e", "E", "+", "△", "▲", "−", "~", "〜", "円", "名", "%", "@",
    "http://", "www.", "T", "Z", "JST", "inf", "nan", "元", "金", "Fri", "\x00", "\x1f",
    "\u200b", "\ufeff", "a", "é", "例",
]  # fmt: skip

# A cell: a few pieces, each repeated up to 20,000 times (runs are what hurt).
runs = st.tuples(st.sampled_from(PIECES), st.integers(min_value=0, max_value=20_000))
cells = st.lists(runs, min_size=1, max_size=4).map(lambda rs: "".join(p * n for p, n in rs))
columns = st.lists(st.one_of(st.none(), cells, st.text(max_size=30)), min_size=1, max_size=6)

KINDS = [
    ("int", {"min_value": 0.0}),
    ("float", {}),
    ("money", {"scale": 1e6, "min_value": 0.0}),
    ("datetime", {}),
    ("bool", {}),
    ("string", {"domain": True}),
    ("string", {}),
]


def _check(c: Converted, s: pd.Series, kind: str) -> None:
    """The invariants every conversion keeps, whatever the cells hold."""
    n = len(s)
    assert len(c.values) == n and list(c.values.index) == list(s.index)
    masks = np.vstack([m.to_numpy(dtype=bool) for m in (c.unparseable, c.too_long, c.implausible)])
    assert (masks.sum(axis=0) <= 1).all()  # one reason per failed cell
    failed = masks.any(axis=0)
    has_value = c.values.notna().to_numpy(dtype=bool)
    assert not (failed & has_value).any()
    missing = s.isna().to_numpy(dtype=bool)
    assert not (failed & missing).any() and not (has_value & missing).any()
    if kind in ("int", "float", "money"):
        vals = c.values.dropna().to_numpy(dtype=float)
        assert np.isfinite(vals).all()
        assert (np.abs(vals) < 1e15).all()
    if c.kind == "text":  # plain text is only trimmed: nothing to cap
        assert not c.too_long.any() and not c.implausible.any()
        return
    cap = MAX_URL_CHARS if c.kind == "string" else MAX_VALUE_CHARS
    for text, long_ in zip(s, c.too_long, strict=True):
        if isinstance(text, str) and len(text.strip()) > cap:
            assert long_


@pytest.mark.timeout(600)
@pytest.mark.parametrize(("kind", "opts"), KINDS)
@settings(max_examples=60)
@given(values=columns)
def test_every_parser_answers_every_pathological_cell(kind, opts, values) -> None:
    s = pd.Series(values, dtype="str")
    c = convert_cells(s, kind, **opts)
    _check(c, s, kind)


@pytest.mark.timeout(300)
@pytest.mark.parametrize(("kind", "opts"), KINDS)
@settings(max_examples=30)
@given(values=st.lists(st.one_of(st.none(), st.text(max_size=40)), min_size=1, max_size=8))
def test_lone_surrogates_and_objects_never_raise(kind, opts, values) -> None:
    s = pd.Series([*values, "\ud800", "a\udcff1", 12, 3.5], dtype=object)
    c = convert_cells(s, kind, **opts)
    _check(c, s.astype(object).where(s.notna()), kind)
    assert c.unparseable.iloc[-4] and c.unparseable.iloc[-3]  # surrogates: counted


# --- golden: each case the issue names ---------------------------------------------------


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    ("kind", "text", "reason"),
    [
        ("datetime", "令和" + "9" * 5000 + "年", "too_long"),
        ("datetime", "令和" + "9" * 90 + "年", "unparseable"),
        ("datetime", "2024/01/05" + " " * 32_000 + "(x", "too_long"),
        ("datetime", "(" + " \t" * 16_000 + "金)", "too_long"),
        ("datetime", "年" * 10_000, "too_long"),
        ("datetime", "2024/01/05\x07", "unparseable"),
        ("int", "9" * 5000, "too_long"),
        ("int", "-500", "implausible"),
        ("int", "△1200", "implausible"),
        ("int", "▲1200", "implausible"),
        ("float", "Infinity", "implausible"),
        ("float", "NaN", "unparseable"),
        ("money", "1e308", "implausible"),
        ("money", "1e305", "implausible"),  # × 百万円 → infinity
        ("money", "-1,000", "implausible"),
        ("bool", "はい" * 1000, "too_long"),
        ("string", "http://" + "a" * 3000 + ".jp", "too_long"),
    ],
)
def test_each_hostile_cell_is_counted_under_its_reason(kind, text, reason) -> None:
    opts = {"domain": True} if kind == "string" else {}
    if kind in ("int", "money"):
        opts["min_value"] = 0.0
    if kind == "money":
        opts["scale"] = 1e6
    good = {"int": "12", "float": "1.5", "money": "3", "datetime": "2024/01/05"}
    good_text = good.get(kind, "yes" if kind == "bool" else "example.jp")
    c = convert_cells(pd.Series([good_text, text, None], dtype="str"), kind, **opts)
    assert c.values.notna().tolist() == [True, False, False]
    assert getattr(c, reason).tolist() == [False, True, False]
    assert int(c.bad.sum()) == 1


@pytest.mark.timeout(120)
def test_hostile_csv_loads_with_every_failure_counted_and_every_good_row_kept() -> None:
    data, expect = hostile_csv()
    good = "メールアドレス,会社名,作成日\nok@example.jp,Good,2024/03/01\n".encode()
    ds, errors = load_files([("hostile.csv", data), ("good.csv", good)])
    assert errors == ()
    leads = ds.leads
    assert len(leads) == 200 + 30 + 5 + 6 + 1  # nothing lost
    ok = leads[leads["email"].str.startswith("u")].reset_index(drop=True)
    assert len(ok) == 200
    assert ok["created_at"].notna().all() and ok["employees"].tolist() == list(range(100, 300))
    assert ok["annual_revenue"].tolist() == [(i + 1) * 1e6 for i in range(200)]
    assert leads.loc[leads["email"] == "ok@example.jp", "created_at"].iloc[0] == pd.Timestamp(
        "2024-03-01"
    )
    e6 = leads[leads["email"] == "e6@example.co.jp"].iloc[0]
    assert e6["created_at"] == pd.Timestamp("2024-02-01") and e6["annual_revenue"] == 1.2e9
    rev = leads["annual_revenue"].dropna()
    assert np.isfinite(rev.to_numpy(dtype=float)).all() and (rev >= 0).all()
    assert (leads["employees"].dropna() >= 0).all()

    issues = {r.file: r for r in ds.sources}["hostile.csv"].issues
    got = {
        (r.column, r.check): int(r.count)
        for r in issues.itertuples()
        if r.check in ("unparseable", "too_long", "implausible")
    }
    assert got == expect
    first = issues.set_index(["column", "check"])["row"]
    assert first[("作成日", "too_long")] == 202  # header is line 1, the attack starts at 202
    for lang in ("ja", "en"):
        text = describe_issues(issues, lang)["message"].str.cat(sep="\n")
        for value in ("1e305", "Infinity", "△1200", "-500", "2199", "99999"):
            assert value not in text  # never a cell value
        assert t("ingest.issue.too_long_value", lang, column="作成日", count=31, row=202) in text
    # the 2199 typo does not become the default as-of date
    found = ds.as_of_default()
    assert found.date == pd.Timestamp("2024-03-01") and found.ignored == 1


@pytest.mark.timeout(120)
def test_hostile_header_cells_are_read_in_linear_time() -> None:
    # header cells reach patterns too (unit brackets, e-mail look-alikes): each of
    # these took 6-40 s before (quadratic backtracking), 30 of them an hour
    from abm.ingest.headers import looks_headerless
    from abm.ingest.load import header_scale

    dots = "a@" + "." * 30_000 + "@"
    assert looks_headerless([dots, "x"]) is False
    assert header_scale("売上高" + "（" * 30_000) == 1.0
    assert header_scale("売上高" + "（" * 30_000 + "（百万円）") == 1e6
    header = ["メールアドレス", *(f"売上高{i}" + "(" * 30_000 for i in range(10)), dots]
    data = (",".join(header) + "\n" + ",".join(["u@example.jp", *"1" * 11]) + "\n").encode()
    ds, errors = load_files([("h.csv", data)])
    assert errors == () and ds.leads["email"].tolist() == ["u@example.jp"]


def test_every_reason_key_a_conversion_can_emit_is_translated() -> None:
    from abm.i18n import catalog

    keys = catalog()
    everything = pd.Series(["x" * 3000, "abc", "-1", "\ud800"], dtype=object)
    for kind, opts in KINDS:
        c = convert_cells(everything, kind, **opts)
        for issue in c.issues("f.csv", "col", np.arange(4)):
            assert issue[-1] in keys, issue
            assert all(
                t(issue[-1], lang, file="f.csv", row=1, column="col", count=1)
                for lang in ("ja", "en")
            )
