"""abm.core.keys: one e-mail, name, company and account key for every area (#14)."""

from __future__ import annotations

from unittest import mock

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from abm.core.keys import (
    account_key,
    company_account,
    email_key,
    id_positions,
    lead_positions,
    name_key,
    person_name_keys,
    positions,
)

#: raw address -> key (None: not an address)
EMAILS = [
    ("taro@alpha.co.jp", "taro@alpha.co.jp"),
    ("Taro@Alpha.CO.JP", "taro@alpha.co.jp"),
    ("  taro@alpha.co.jp\t", "taro@alpha.co.jp"),
    ("\u3000taro@alpha.co.jp\u3000", "taro@alpha.co.jp"),  # ideographic spaces
    ("ＴＡＲＯ＠ａｌｐｈａ．ｃｏ．ｊｐ", "taro@alpha.co.jp"),  # full width
    ("taro @alpha.co.jp", "taro@alpha.co.jp"),  # a space typed inside
    ("<taro@alpha.co.jp>", "taro@alpha.co.jp"),
    ('"taro@alpha.co.jp"', "taro@alpha.co.jp"),
    ("mailto:taro@alpha.co.jp", "taro@alpha.co.jp"),
    ("MAILTO:Taro@alpha.co.jp", "taro@alpha.co.jp"),
    ("taro+news@alpha.co.jp", "taro+news@alpha.co.jp"),  # sub-addresses are kept
    ("Straße@example.de", "straße@example.de"),  # lower case, not case-folding
    ("taro@", None),
    ("@alpha.co.jp", None),
    ("taro", None),
    ("a@b@c.jp", None),
    # one pass is not a fixed point: these are the keys of their own keys
    ("0@R\u00b8", "0@\u0157"),  # NFKC: ¸ is a space and a cedilla; the space gone, ŗ
    ("mailto:mailto:a@b.jp", "a@b.jp"),
    ("mailto:<a@b.jp>", "a@b.jp"),
    ("", None),
    ("   ", None),
    (None, None),
]


def test_golden_email_table():
    raw = pd.Series([r for r, _ in EMAILS], dtype="string")
    got = email_key(raw)
    assert got.dtype == "string"
    assert [None if pd.isna(v) else v for v in got] == [k for _, k in EMAILS]


@given(st.lists(st.text(max_size=30), max_size=20))
def test_email_key_is_idempotent(values):
    once = email_key(pd.Series(values, dtype="string"))
    assert once.equals(email_key(once))


def test_every_area_gets_the_same_email_key():
    """Funnel, accounts, gap, scoring, 名寄せ and ingest read the one key."""
    from abm.ingest import load as ingest_load
    from abm.resolve.normalise import normalise_email

    raw = pd.Series([r for r, _ in EMAILS], dtype="string")
    want = email_key(raw)
    assert normalise_email(raw).equals(want)
    assert not hasattr(ingest_load, "email_key")  # the old copy is gone
    leads = pd.DataFrame({"lead_id": [f"L{i}" for i in range(len(raw))], "email": raw})
    acts = pd.DataFrame(
        {
            "email": raw.iloc[::-1].reset_index(drop=True),
            "timestamp": pd.Timestamp("2026-01-01"),
            "activity_type": "page_view",
        }
    )
    from abm.accounts.engagement import lead_engagement
    from abm.gap._common import link_activities
    from abm.scoring.features import build_features

    expected = lead_positions(acts, leads)
    linked = expected[expected >= 0]
    # every address that is one finds its lead
    assert len(linked) == sum(key is not None for _, key in EMAILS)
    assert link_activities(leads, acts).tolist() == expected.tolist()
    as_of = pd.Timestamp("2026-02-01")
    eng = lead_engagement(leads, acts, as_of=as_of, half_life_days=30.0)
    assert eng.raw.tolist() == np.bincount(linked, minlength=len(leads)).astype(float).tolist()
    feats = build_features(leads, acts, as_of=as_of)
    assert sorted(feats.act_lead.tolist()) == sorted(linked.tolist())


NAMES = [
    ("山田　太郎", "山田太郎"),
    ("山田 太郎", "山田太郎"),
    (" 山田太郎 ", "山田太郎"),
    ("ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマダタロウ"),
    ("John Smith", "johnsmith"),
    ("JOHN  SMITH", "johnsmith"),
    ("J. Smith", "jsmith"),
    ("", None),
    (None, None),
]


def test_golden_name_table():
    got = name_key(pd.Series([r for r, _ in NAMES], dtype="string"))
    assert [None if pd.isna(v) else v for v in got] == [k for _, k in NAMES]


def test_a_person_is_found_by_either_name_order():
    people = pd.DataFrame(
        {"last_name": ["山田", "Smith"], "first_name": ["太郎", "John"], "full_name": [None, None]}
    )
    keys = person_name_keys(people)
    found = {k for s in keys for k in s.dropna()}
    assert {"山田太郎", "johnsmith", "smithjohn", "太郎山田"} <= found


def test_account_key_is_the_prepared_account_else_the_company():
    frame = pd.DataFrame(
        {
            "account_id": pd.array(["acc_1", None, " ", None], dtype="string"),
            "company": pd.array(["x", "株式会社アクメ", "アクメ(株)", None], dtype="string"),
        }
    )
    assert account_key(frame).tolist() == ["acc_1", "co:アクメ", "co:アクメ", pd.NA]
    assert account_key(frame.drop(columns="account_id")).tolist()[:2] == ["co:x", "co:アクメ"]
    assert company_account(pd.Series(["㈱アクメ"])).tolist() == ["co:アクメ"]


def test_positions_first_occurrence_and_missing():
    table = pd.Series(["a", "b", "a", None])
    got = positions(table, pd.Series(["a", "b", "c", None]))
    assert got.tolist() == [0, 1, -1, -1]
    assert positions(pd.Series([], dtype="string"), pd.Series(["a"])).tolist() == [-1]
    assert positions(pd.Series([None, None], dtype="string"), pd.Series(["a"])).tolist() == [-1]


def test_positions_are_the_same_whether_the_text_fits_narrow_offsets_or_not(monkeypatch):
    """Lookups run on Arrow ``string`` when the text fits its 32-bit offsets (faster), on
    ``large_string`` otherwise (forced here: no array counts as small): same positions."""
    import pyarrow as pa

    from abm.core import keys

    table = pd.Series(["L1", " L2", "L3", None, "L1"], dtype="string")
    wanted = pd.Series(["L3", "L1", None, "L9", " L2", "L2;L3"], dtype="string")
    narrow = keys._narrow(pa.array(table.array))
    assert narrow.type == pa.string() and narrow.to_pylist() == ["L1", " L2", "L3", None, "L1"]
    fast = (positions(table, wanted).tolist(), id_positions(table, wanted).tolist())
    monkeypatch.setattr(keys, "_SMALL_STRINGS", -1)
    assert keys._narrow(pa.array(table.array)).type == pa.large_string()
    assert (positions(table, wanted).tolist(), id_positions(table, wanted).tolist()) == fast
    assert fast == ([2, 0, -1, -1, 1, -1], [2, 0, -1, -1, 1, 1])


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [
        ("L2", 1),
        (" L2 ", 1),  # trimmed
        ("L9;L3", 2),  # a list: the first id that is found
        ("L9; L1 ;L3", 0),
        ("0035g00000AbCdE", 3),  # Salesforce 15-character form of an 18-character id
        ("0035g00000abcde", -1),  # ids are case-sensitive
        ("L9", -1),
        (None, -1),
    ],
)
def test_id_positions(wanted, expected):
    table = pd.Series(["L1", "L2", "L3", "0035g00000AbCdEAAZ"], dtype="string")
    got = id_positions(table, pd.Series([wanted], dtype="string"))
    assert got.tolist() == [expected]


def test_lead_positions_by_id_then_email():
    leads = pd.DataFrame({"lead_id": ["A", "B"], "email": ["x@y.jp", None]})
    frame = pd.DataFrame({"lead_id": ["B", None, "Q"], "email": [None, "X@Y.JP", "ｘ@y.jp"]})
    assert lead_positions(frame, leads).tolist() == [1, 0, 0]
    assert lead_positions(frame[["email"]], leads[["lead_id"]]).tolist() == [-1, -1, -1]


@given(st.lists(st.sampled_from(["a@x.jp", "A@X.JP", "b@x.jp", None, "nope"]), max_size=30))
def test_positions_always_point_at_an_equal_key(values):
    leads = pd.DataFrame({"email": pd.array(["a@x.jp", "b@x.jp", "a@x.jp"], dtype="string")})
    frame = pd.DataFrame({"email": pd.array(values, dtype="string")})
    pos = lead_positions(frame, leads)
    keys = email_key(leads["email"]).to_numpy(dtype=object, na_value=None)
    want = email_key(frame["email"]).to_numpy(dtype=object, na_value=None)
    for p, w in zip(pos, want, strict=True):
        assert (p < 0 and w not in set(keys)) or (p >= 0 and keys[p] == w)
    assert np.all(pos <= 1)  # first occurrence


# -- fast paths give what every step gives (#13: linking at 1M rows) -----------------------

#: Characters that exercise every step of the e-mail and name keys: case, full width,
#: ideographic and plain spaces, edge characters, ``mailto:``, several ``@``, dots, kana.
_KEY_CHARS = st.sampled_from(
    [*"aZ0._+-@@ <>\"';,()[]:ｍＡ＠．\u3000\t・･、。ﾀﾞ山田", "mailto:", "MAILTO:", "@x.jp"]
)
_TEXT = st.lists(_KEY_CHARS, max_size=8).map("".join)
#: Addresses near the edge of the fast path: one ``@``, upper or lower case, an edge
#: character, a space or full width on either side, sometimes.
_ADDRESS = st.builds(
    "{}{}@{}{}".format,
    st.sampled_from(["", "", " ", "<", "mailto:", "ｍ"]),
    st.text(alphabet="aZ0._+-", min_size=0, max_size=4),
    st.text(alphabet="aZ0.-_", min_size=0, max_size=4),
    st.sampled_from(["", "", ">", " ", "\u3000", "@"]),
)


def _tiled(values: list, n: int = 70) -> pd.Series:
    """``values`` repeated past the size where the fast paths start (64 values)."""
    out = (values * (n // max(len(values), 1) + 1))[:n] if values else []
    return pd.Series(out, dtype="string")


@given(st.lists(st.one_of(st.none(), _TEXT, _ADDRESS, st.emails()), min_size=1, max_size=25))
def test_email_key_fast_path_equals_every_step(values):
    """An address already in key form skips the steps; every other value takes them all."""
    import pyarrow as pa

    from abm.core.keys import _email_arrow, _email_steps

    arr = pa.array(_tiled(values).array)
    assert _email_arrow(arr).to_pylist() == _email_steps(arr).to_pylist()


@given(st.lists(st.one_of(st.none(), _TEXT), min_size=1, max_size=25))
def test_name_key_once_per_distinct_value_equals_per_value(values):
    many = _tiled(values)
    got = name_key(many).tolist()
    one_by_one = [name_key(pd.Series([v], dtype="string")).iloc[0] for v in many]
    assert [None if pd.isna(v) else v for v in got] == [
        None if pd.isna(v) else v for v in one_by_one
    ]


@given(
    st.lists(st.one_of(st.none(), st.sampled_from(["a@x.jp", "b@x.jp", "c@y.jp"])), max_size=6),
    st.lists(st.one_of(st.none(), _TEXT, st.sampled_from(["A@X.JP", "a@x.jp", "ｂ@x.jp"]))),
)
def test_email_positions_as_typed_equal_positions_of_the_keys(table, raw):
    import pyarrow as pa

    from abm.core.keys import email_positions

    keys = email_key(pd.Series(table, dtype="string"))
    wanted = pd.Series(raw, dtype="string")
    pos = email_positions(pa.array(keys.array), pa.array(wanted.array))
    assert pos.tolist() == positions(keys, email_key(wanted)).tolist()


@given(
    st.lists(st.sampled_from(["L1", "L2", " L3", "0035g00000AbCdEAAZ", None]), max_size=6),
    st.lists(
        st.one_of(
            st.none(),
            st.sampled_from(["L1", " L2 ", "L3", "x;L2", "L9; L1", "0035g00000AbCdE", "L9"]),
        ),
        max_size=80,
    ),
)
def test_id_positions_of_many_rows_equal_each_row_alone(table, wanted):
    t = pd.Series(table, dtype="string")
    got = id_positions(t, pd.Series(wanted, dtype="string")).tolist()
    alone = [id_positions(t, pd.Series([w], dtype="string"))[0] for w in wanted]
    assert got == alone


@given(
    st.lists(st.one_of(st.none(), st.sampled_from(["a@x.jp", "b@x.jp", "c@y.jp"])), max_size=6),
    st.lists(st.one_of(st.none(), _TEXT, st.sampled_from(["A@X.JP", "a@x.jp", "ｂ@x.jp"]))),
    st.integers(1, 5),
)
def test_lookups_in_slices_side_by_side_equal_one_piece(table, raw, least):
    # a long array is looked up in one slice per core, on threads: the same positions
    import pyarrow as pa

    from abm.core import arrow
    from abm.core.keys import email_positions

    keys = pa.array(email_key(pd.Series(table, dtype="string")).array)
    wanted = pa.array(pd.Series(raw, dtype="string").array)
    whole = email_positions(keys, wanted).tolist()
    ids = id_positions(pd.Series(table, dtype="string"), pd.Series(raw, dtype="string")).tolist()
    with (
        mock.patch.object(arrow, "SLICE_MIN_ROWS", least),
        mock.patch.object(arrow, "usable_cpus", lambda: 3),
    ):  # three slices whatever the machine
        assert email_positions(keys, wanted).tolist() == whole
        got = id_positions(pd.Series(table, dtype="string"), pd.Series(raw, dtype="string"))
        assert got.tolist() == ids


@given(
    st.lists(st.one_of(st.none(), st.sampled_from(["a", "b", "c", "d", " a"])), max_size=12),
    st.lists(st.one_of(st.none(), st.sampled_from(["a", "b", "c", "e", " a"])), max_size=5),
    st.integers(1, 4),
)
def test_a_long_table_scanned_against_few_values_gives_the_hash_lookups_positions(
    table, wanted, least
):
    # a table much longer than the values looked up in it is scanned against their hash
    # (each value's first row kept): the positions of the usual lookup, in slices or not
    from abm.core import arrow, keys

    t, w = pd.Series(table, dtype="string"), pd.Series(wanted, dtype="string")
    with mock.patch.object(keys, "_SCAN_MIN_ROWS", 10**9):
        hashed = positions(t, w).tolist()
    expected = [table.index(v) if v is not None and v in table else -1 for v in wanted]
    assert hashed == expected
    with (
        mock.patch.object(keys, "_SCAN_MIN_ROWS", 0),
        mock.patch.object(keys, "_SCAN_RATIO", 0),
        mock.patch.object(arrow, "SLICE_MIN_ROWS", least),
        mock.patch.object(arrow, "usable_cpus", lambda: 3),
    ):
        assert positions(t, w).tolist() == expected


def test_sliced_keeps_row_order_across_slices(monkeypatch):
    import pyarrow as pa

    from abm.core import arrow

    monkeypatch.setattr(arrow, "SLICE_MIN_ROWS", 2)
    monkeypatch.setattr(arrow, "usable_cpus", lambda: 64)
    seen = []

    def times_ten(part):
        seen.append(len(part))
        return np.asarray(part.to_pylist()) * 10

    values = pa.chunked_array([pa.array(range(5)), pa.array(range(5, 11))])
    out = arrow.sliced(times_ten, values)
    assert out.tolist() == [v * 10 for v in range(11)]
    assert len(seen) == arrow.SLICE_MAX and sum(seen) == 11  # at most SLICE_MAX threads


def test_distinct_codes_map_back_to_the_values():
    import pyarrow as pa

    from abm.core.keys import distinct_codes

    arr = pa.chunked_array([["b", None, "a"], ["b", "c"]], type=pa.large_string())
    codes, values = distinct_codes(arr)
    assert codes.tolist() == [0, -1, 1, 0, 2]
    assert values.to_pylist() == ["b", "a", "c"]  # first seen first
