"""abm.core.config: the one declarative validator behind every config's from_dict/to_dict.

Golden accept/refuse tables per type and constraint on a small config declared
here, then properties over every registered workspace section: whatever JSON
a section holds, only MoriError comes out, and a valid config round-trips.
"""

from __future__ import annotations

import json
import math
import typing
from dataclasses import dataclass, field
from typing import Annotated, Any, NamedTuple

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from abm.core.config import MAX_NUMBER, MAX_TEXT, Config, Invalid, Refused, Spec, fields_of
from abm.core.safejson import MAX_DEPTH, parse_json
from abm.errors import MoriError
from abm.i18n import catalog, t
from abm.settings import SECTIONS, Workspace, section_class


class Pair(NamedTuple):
    kind: Annotated[str, Spec(choices=("a", "b"))]
    name: str


@dataclass(frozen=True)
class Inner(Config):
    n: Annotated[int, Spec(min=1, max=8)] = 2


@dataclass(frozen=True)
class Toy(Config):
    """Every kind of field the validator knows."""

    flag: bool = True
    count: Annotated[int, Spec(min=0, max=10)] = 1
    share: Annotated[float, Spec(min=0, max=1)] = 0.5
    anything: float = 0.0
    mode: Annotated[str, Spec(choices=("x", "y"))] = "x"
    label: Annotated[str, Spec(min_len=1, max_len=5)] = "ok"
    names: Annotated[tuple[str, ...], Spec(max_len=3)] = ()
    edges: Annotated[tuple[float, ...], Spec(order="ascending", min=0, min_len=1)] = (1.0, 2.0)
    cuts: Annotated[tuple[float, float], Spec(order="descending")] = (2.0, 1.0)
    roles: Annotated[tuple[str, ...], Spec(choices=("p", "q", "r"), unique=True)] = ()
    points: Annotated[
        tuple[tuple[str, float], ...], Spec(table=True, merge=True, min=-10, max=10)
    ] = (("a", 1.0), ("b", 2.0))
    costs: Annotated[tuple[tuple[str, float], ...], Spec(table=True, min=0)] = ()
    days: Annotated[
        tuple[tuple[str, int], ...], Spec(table=True, merge=True, keys=("d1", "d2", "d3"))
    ] = (("d1", 1),)
    inner: Inner = field(default_factory=Inner)
    pairs: tuple[Pair, ...] = ()
    maybe: str | None = None

    SECTION = "toy"

    def _check(self) -> None:
        if self.count == 7 and self.flag:
            raise Invalid("count")


@dataclass(frozen=True)
class PairHolder(Config):
    pair: Pair


ACCEPT = [
    ({}, {}),
    ({"flag": False}, {"flag": False}),
    ({"count": 10}, {"count": 10}),
    ({"count": 4.0}, {"count": 4}),  # an integral float is an int
    ({"share": 1}, {"share": 1.0}),
    ({"anything": -1e15}, {"anything": -1e15}),
    ({"mode": "y"}, {"mode": "y"}),
    ({"label": "五文字です"}, {"label": "五文字です"}),
    ({"names": ["a", "b", "c"]}, {"names": ("a", "b", "c")}),
    ({"edges": [0, 0.5, 9]}, {"edges": (0.0, 0.5, 9.0)}),
    ({"cuts": [5, -5]}, {"cuts": (5.0, -5.0)}),
    ({"roles": ["q", "p"]}, {"roles": ("q", "p")}),
    ({"points": {"b": -10}}, {"points": (("a", 1.0), ("b", -10.0))}),
    ({"costs": {"展示会": 0, "web": 5}}, {"costs": (("展示会", 0.0), ("web", 5.0))}),
    ({"days": {"d3": 4}}, {"days": (("d1", 1), ("d3", 4))}),
    ({"inner": {"n": 8}}, {"inner": Inner(8)}),
    ({"inner": {}}, {"inner": Inner()}),
    ({"pairs": [{"kind": "b", "name": "z"}]}, {"pairs": (Pair("b", "z"),)}),
    ({"maybe": None}, {"maybe": None}),
    ({"maybe": "m"}, {"maybe": "m"}),
]


@pytest.mark.parametrize(("data", "expected"), ACCEPT)
def test_accepted_values(data, expected):
    got = Toy.from_dict(data)
    for name, value in expected.items():
        assert getattr(got, name) == value
        assert type(getattr(got, name)) is type(value)
    assert Toy.from_dict(got.to_dict()) == got
    json.dumps(got.to_dict())  # plain JSON types


REFUSE = [
    ({"flag": 1}, "not_bool", "flag"),
    ({"flag": "true"}, "not_bool", "flag"),
    ({"count": True}, "not_integer", "count"),  # bool is not a number
    ({"count": 1.5}, "not_integer", "count"),
    ({"count": "1"}, "not_integer", "count"),
    ({"count": 11}, "range", "count"),
    ({"count": -1}, "range", "count"),
    ({"count": 10**5000}, "range", "count"),  # no int() of 5,000 digits anywhere
    ({"share": False}, "not_number", "share"),
    ({"share": 1.01}, "range", "share"),
    ({"share": math.nan}, "not_finite", "share"),
    ({"share": math.inf}, "not_finite", "share"),
    ({"anything": 1e308}, "range", "anything"),  # the default bound: ±MAX_NUMBER
    ({"anything": [1]}, "not_number", "anything"),
    ({"mode": "z"}, "choice", "mode"),
    ({"mode": 1}, "not_text", "mode"),
    ({"label": ""}, "text_empty", "label"),
    ({"label": "123456"}, "text_too_long", "label"),
    ({"label": "a\ud800"}, "unicode", "label"),
    ({"names": "a"}, "not_list", "names"),
    ({"names": ["a", "b", "c", "d"]}, "too_many", "names"),
    ({"names": ["a", 1]}, "not_text", "names[2]"),
    ({"names": ["x" * (MAX_TEXT + 1)]}, "text_too_long", "names[1]"),
    ({"edges": []}, "too_few", "edges"),
    ({"edges": [2, 1]}, "ascending", "edges"),
    ({"edges": [1, 1]}, "ascending", "edges"),
    ({"edges": [-1, 1]}, "range", "edges[1]"),
    ({"cuts": [1, 2]}, "descending", "cuts"),
    ({"cuts": [3, 2, 1]}, "length", "cuts"),
    ({"roles": ["p", "s"]}, "choice", "roles[2]"),
    ({"roles": ["p", "p"]}, "duplicate", "roles"),
    ({"points": {"c": 1}}, "unknown_key", "points.c"),
    ({"points": {"a": 11}}, "range", "points.a"),
    ({"points": [["a", 1]]}, "not_object", "points"),
    ({"costs": {"web": -1}}, "range", "costs.web"),
    ({"costs": {"広告": "高い"}}, "not_number", "costs.[1]"),  # a user's key: its position
    ({"days": {"d4": 1}}, "unknown_key", "days.d4"),
    ({"inner": {"n": 0}}, "range", "inner.n"),
    ({"inner": {"m": 1}}, "unknown_key", "inner.m"),
    ({"inner": 3}, "not_object", "inner"),
    ({"pairs": [{"kind": "c", "name": "z"}]}, "choice", "pairs[1].kind"),
    ({"pairs": [{"kind": "a"}]}, "missing", "pairs[1].name"),
    ({"pairs": [{"kind": "a", "name": "z", "x": 1}]}, "unknown_key", "pairs[1].x"),
    ({"maybe": 5}, "not_text", "maybe"),
    ({"count": 7}, "invalid", "count"),  # the class's own cross-field rule
    ({"nope": 1}, "unknown_key", "nope"),
    ({"[x](javascript:alert(1))": 1}, "unknown_key", "xjavascriptalert1"),
    ({"ログイン": 1}, "unknown_key", "[1]"),
    ({"count": Refused("config.err.number_too_long")}, "number_too_long", "count"),
    ([1, 2], "section_not_object", "-"),
    ("text", "section_not_object", "-"),
]


@pytest.mark.parametrize(("data", "reason", "path"), REFUSE)
def test_refused_values(data, reason, path):
    with pytest.raises(MoriError) as err:
        Toy.from_dict(data, file="x.json")
    assert (err.value.key, err.value.params["key"]) == (f"config.err.{reason}", path)
    assert err.value.params["section"] == "x.json" and err.value.params["file"] == "x.json"
    for lang in ("ja", "en"):
        text = err.value.message(lang)
        assert text != err.value.key and "{" not in text.replace("{…}", "")
        assert path in text or path == "-"


def test_messages_never_hold_the_value():
    secrets = {"label": "秘密の値ですよ", "names": ["a", 9876543], "share": 123456.5}
    for key, value in secrets.items():
        with pytest.raises(MoriError) as err:
            Toy.from_dict({key: value})
        for lang in ("ja", "en"):
            text = err.value.message(lang)
            assert "秘密" not in text and "9876543" not in text and "123456" not in text


def test_none_gives_defaults_and_section_label_defaults_to_the_class():
    assert Toy.from_dict(None) == Toy()
    with pytest.raises(MoriError) as err:
        PairHolder.from_dict(None)
    assert (err.value.key, err.value.params["key"]) == ("config.err.missing", "pair")
    with pytest.raises(MoriError) as err:
        Toy.from_dict({"count": -1})
    assert err.value.params["section"] == "toy" and "file" not in err.value.params
    assert "toy" in t(err.value.key, "ja", **err.value.params)


def test_every_refusal_reason_is_translated():
    keys = {f"config.err.{reason}" for _, reason, _ in REFUSE}
    keys |= {"config.err.text_too_long", "config.err.too_deep", "config.err.not_object"}
    for key in keys:
        assert key in catalog(), key


def test_field_specs_are_readable():
    specs = {f.name: f for f in fields_of(Toy)}
    assert specs["count"].hint is int and specs["count"].spec.max == 10
    assert specs["edges"].spec.order == "ascending"
    assert not specs["count"].required


# --------------------------------------------------------- every section ---

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=12)
    | st.sampled_from(["\ud800", "x" * 40, "fit", "mql", "leads", "decayed"]),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)
section_names = st.sampled_from(SECTIONS)


def _only_mori_error(fn, *args, **kwargs) -> Any:
    try:
        return fn(*args, **kwargs)
    except MoriError as err:
        assert err.message("ja") and err.message("en")
        return None


@given(section_names, json_values)
def test_any_json_value_in_any_section_raises_only_mori_error(name, value):
    cls = section_class(name)
    _only_mori_error(cls.from_dict, value, section=name)
    doc = {"format": "mori-workspace", "version": 1, "sections": {name: value}}
    ws = _only_mori_error(Workspace.from_json, json.dumps(doc))
    if ws is not None and ws.section(name) is None and isinstance(value, dict):
        assert [p.params["section"] for p in ws.problems] == [name]


def _paths(data: Any, prefix: tuple = ()) -> list[tuple]:
    """Every place in a to_dict() value where a value can be swapped."""
    out = [prefix] if prefix else []
    if isinstance(data, dict):
        for k, v in data.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += _paths(v, (*prefix, i))
    return out


def _swap(data: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    copy = json.loads(json.dumps(data))
    node = copy
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return copy


@given(section_names, st.data(), json_values)
def test_one_swapped_value_is_refused_cleanly_or_round_trips(name, data, value):
    cls = section_class(name)
    valid = cls().to_dict()
    paths = _paths(valid)
    assume(paths)
    changed = _swap(valid, data.draw(st.sampled_from(paths)), value)
    got = _only_mori_error(cls.from_dict, changed, section=name)
    if got is not None:
        assert cls.from_dict(json.loads(json.dumps(got.to_dict()))) == got


def _scalar(hint: Any, spec: Spec) -> st.SearchStrategy | None:
    if spec.choices is not None:
        return st.sampled_from(spec.choices)
    if hint is bool:
        return st.booleans()
    if hint is int:
        lo = -MAX_NUMBER if spec.min is None else spec.min
        hi = MAX_NUMBER if spec.max is None else spec.max
        return st.integers(int(lo), int(hi))
    if hint is float:
        lo = -MAX_NUMBER if spec.min is None else spec.min
        hi = MAX_NUMBER if spec.max is None else spec.max
        return st.floats(lo, hi, allow_nan=False)
    if hint is str:
        return st.text(min_size=spec.min_len, max_size=spec.max_len or 20)
    return None


def _value(hint: Any, spec: Spec) -> st.SearchStrategy | None:
    """Valid JSON for a scalar field or a list of scalars (others keep their default)."""
    if typing.get_origin(hint) is not tuple or spec.table:
        return _scalar(hint, spec)
    args = typing.get_args(hint)
    each = _scalar(args[0], Spec(min=spec.min, max=spec.max, choices=spec.choices))
    if each is None or len(args) != 2 or args[1] is not Ellipsis:
        return None
    unique = spec.unique or spec.order is not None
    items = st.lists(each, min_size=spec.min_len, max_size=min(spec.max_len or 5, 5), unique=unique)
    if spec.order is not None:
        items = items.map(lambda xs: sorted(xs, reverse=spec.order == "descending"))
    return items


@st.composite
def valid_sections(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    name = draw(section_names)
    cls = section_class(name)
    data = {}
    for fd in fields_of(cls):
        strategy = _value(fd.hint, fd.spec)
        if strategy is not None and draw(st.booleans()):
            data[fd.name] = draw(strategy)
    return name, data


@given(valid_sections())
def test_valid_config_round_trips_through_json(section):
    name, data = section
    cls = section_class(name)
    try:
        got = cls.from_dict(data, section=name)
    except MoriError as err:  # only a class's own cross-field rule may refuse these
        assert err.key == "config.err.invalid", err.key
        return
    text = json.dumps(got.to_dict(), ensure_ascii=False)
    assert cls.from_dict(json.loads(text)) == got
    hash(got)  # a cache key


def test_registry_names_a_config_class_for_every_section():
    for name in SECTIONS:
        cls = section_class(name)
        assert name == cls.SECTION, name
        assert cls.from_dict(cls().to_dict()) == cls()


# ---------------------------------------------------------------- parsing ---


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"a": 1e400}', Refused("config.err.not_finite")),
        ('{"a": NaN}', Refused("config.err.not_finite")),
        ('{"a": -Infinity}', Refused("config.err.not_finite")),
        ('{"a": ' + "9" * 5000 + "}", Refused("config.err.number_too_long")),
        ('{"a": "\\ud800"}', Refused("config.err.unicode")),
        ('{"a": {"\\udfff": 1}}', Refused("config.err.unicode")),
        ('{"a": 12345678901234567890}', 12345678901234567890),
        ('{"a": "ok"}', "ok"),
    ],
)
def test_parse_json_keeps_only_what_can_be_kept(text, expected):
    assert parse_json(text, file="f.json", max_bytes=10**6)["a"] == expected


def test_parse_json_cuts_what_is_nested_too_deep():
    def innermost(n: int) -> Any:
        node = parse_json('{"a": ' + "[" * n + "]" * n + "}", file="f", max_bytes=10**6)["a"]
        while isinstance(node, list) and node:
            node = node[0]
        return node

    assert innermost(MAX_DEPTH - 1) == []  # the document is depth 1, "a" depth 2
    assert innermost(MAX_DEPTH) == Refused("config.err.too_deep")
    assert innermost(600) == Refused("config.err.too_deep")


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (b"x" * 101, "settings.err.too_big"),
        (b"\xff\xfe", "settings.err.not_json"),
        (b'{"a": }', "settings.err.not_json"),
        (b"[" * 100_000, "settings.err.too_deep"),
        ('"\ud800', "settings.err.not_json"),
    ],
)
def test_parse_json_refuses_the_whole_text(data, key):
    with pytest.raises(MoriError) as err:
        parse_json(data, file="f.json", max_bytes=100 if data == b"x" * 101 else 10**6)
    assert err.value.key == key and "f.json" in err.value.message("en")
