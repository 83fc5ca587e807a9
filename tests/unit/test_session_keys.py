"""``abm/ui/state.py`` is the only place that spells a session key (#14).

Every other module — the rest of ``abm/``, ``app.py``, ``pages/``, ``bench/``
and ``tests/`` — reaches ``st.session_state`` (or an AppTest's
``at.session_state``) and gives widgets their ``key=`` through the
constants and :func:`abm.ui.state.widget_key`. Read with :mod:`ast`, a key is
*spelled* when it is a string literal, an f-string, a concatenation with a
literal, or a name this module bound to one of those (a module constant, a
loop over a tuple of literals, a parameter its own callers fill with a
literal; a name is looked up in the function that binds it, then outwards),
and it reaches:

* ``session_state[...]``, ``session_state.get / pop / setdefault (...)``,
  ``... in session_state``, ``del session_state[...]`` or the keys of
  ``session_state.update({...})``;
* the ``key=`` of any call (a widget, or AppTest's ``at.slider(key=...)``),
  except the message parameter ``key`` of ``MoriError`` and ``t`` / ``tr``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from abm.ui import state

ROOT = Path(__file__).resolve().parents[2]
STATE = ROOT / "abm" / "ui" / "state.py"
#: Calls whose ``key=`` is a message parameter, not a session key.
MESSAGE_CALLS = {"MoriError", "t", "tr", "tr_md"}
_STATE_METHODS = {"get", "pop", "setdefault", "__getitem__", "__setitem__", "__delitem__"}


def _sources() -> list[Path]:
    files = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]
    for folder in ("abm", "bench", "tests"):
        files += sorted((ROOT / folder).rglob("*.py"))
    return [f for f in files if f != STATE]


def _is_state(node: ast.AST) -> bool:
    """``st.session_state``, ``at.session_state``, ``session_state``."""
    return (isinstance(node, ast.Attribute) and node.attr == "session_state") or (
        isinstance(node, ast.Name) and node.id == "session_state"
    )


def _call_name(node: ast.Call) -> str:
    f = node.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""


_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef)


def _body(node: ast.AST) -> Iterator[ast.AST]:
    """Every node of ``node``'s own scope (nested functions are scopes of their own)."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, _SCOPES):
            yield from (d for d in child.decorator_list)
            continue
        yield child
        yield from _body(child)


def _nested(node: ast.AST) -> Iterator[ast.AST]:
    """The functions defined directly in ``node``'s scope."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, _SCOPES):
            yield child
        else:
            yield from _nested(child)


class _Scope:
    """Names a module or function binds, and which of them hold a spelled key.

    A name is looked up in the innermost scope that binds it, so a list of
    column names in one function does not make another function's ``shown``
    a key.
    """

    def __init__(self, node: ast.AST, parent: _Scope | None = None) -> None:
        self.parent = parent
        self.keys: set[str] = set()
        self.collections: set[str] = set()
        self.bound: set[str] = set()
        if isinstance(node, _SCOPES):
            args = node.args
            every = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
            self.bound |= {a.arg for a in every if a is not None}
        self.bound |= {f.name for f in _nested(node)}
        for sub in _body(node):
            if isinstance(sub, ast.Assign):
                for target in sub.targets:
                    self.bind(target, sub.value)
            elif isinstance(sub, ast.AnnAssign):
                self.bind(sub.target, sub.value)
            elif isinstance(sub, ast.For | ast.comprehension):
                self.bind_loop(sub.target, sub.iter)

    def _lookup(self, name: str) -> _Scope | None:
        scope: _Scope | None = self
        while scope is not None and name not in scope.bound:
            scope = scope.parent
        return scope

    def spelled(self, node: ast.AST | None) -> bool:
        """Whether ``node`` is a key spelled in this module (see the module docstring)."""
        if isinstance(node, ast.Constant):
            return isinstance(node.value, str)
        if isinstance(node, ast.JoinedStr):
            return True
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
            return self.spelled(node.left) or self.spelled(node.right)
        if isinstance(node, ast.Name):
            scope = self._lookup(node.id)
            return scope is not None and node.id in scope.keys
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):  # KEYS[0]
            scope = self._lookup(node.value.id)
            return scope is not None and node.value.id in scope.collections
        return False

    def _names(self, target: ast.AST) -> set[str]:
        return {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}

    def _items(self, node: ast.AST | None) -> list[ast.AST] | None:
        return list(node.elts) if isinstance(node, ast.Tuple | ast.List | ast.Set) else None

    def bind(self, target: ast.AST, value: ast.AST | None) -> None:
        self.bound |= self._names(target)
        items = self._items(value)
        if isinstance(target, ast.Name):
            if self.spelled(value):
                self.keys.add(target.id)
            elif items and any(self.spelled(v) for v in items):
                self.collections.add(target.id)
        elif isinstance(target, ast.Tuple | ast.List) and items is not None:
            for t, v in zip(target.elts, items, strict=False):
                self.bind(t, v)

    def bind_loop(self, target: ast.AST, iterable: ast.AST) -> None:
        """``for k in ("a", "b")``, ``for k in KEYS``, ``for c, (k, _) in zip(cols, rows)``."""
        self.bound |= self._names(target)
        if isinstance(iterable, ast.Name):
            scope = self._lookup(iterable.id)
            if (
                scope is not None
                and iterable.id in scope.collections
                and isinstance(target, ast.Name)
            ):
                self.keys.add(target.id)
            return
        if isinstance(iterable, ast.Call) and isinstance(target, ast.Tuple):
            name = _call_name(iterable)
            args = iterable.args[-1:] if name == "enumerate" else iterable.args
            elts = target.elts[-1:] if name == "enumerate" else target.elts
            if name in ("zip", "enumerate"):
                for t, a in zip(elts, args, strict=False):
                    self.bind_loop(t, a)
            return
        for item in self._items(iterable) or []:
            self.bind(target, item)


def _sinks(nodes: Iterator[ast.AST]) -> Iterator[tuple[ast.AST, str]]:
    """Every expression among ``nodes`` used as a session key, with what used it."""
    for node in nodes:
        if isinstance(node, ast.Subscript) and _is_state(node.value):
            yield node.slice, "session_state[...]"
        elif isinstance(node, ast.Call):
            f = node.func
            if isinstance(f, ast.Attribute) and _is_state(f.value):
                if f.attr in _STATE_METHODS and node.args:
                    yield node.args[0], f"session_state.{f.attr}"
                elif f.attr == "update":
                    for arg in node.args:
                        for k in getattr(arg, "keys", []):
                            yield k, "session_state.update"
            if _call_name(node) not in MESSAGE_CALLS:
                for kw in node.keywords:
                    if kw.arg == "key":
                        yield kw.value, f"{_call_name(node)}(key=...)"
        elif (
            isinstance(node, ast.Compare)
            and any(_is_state(c) for c in node.comparators)
            and any(isinstance(op, ast.In | ast.NotIn) for op in node.ops)
        ):
            yield node.left, "in session_state"


def _scopes(tree: ast.AST) -> list[tuple[ast.AST, _Scope]]:
    """The module and every function in it, each with its scope (parents first)."""
    out = [(tree, _Scope(tree))]
    for node, scope in out:  # grows while it is walked: nested functions follow their parent
        out += [(d, _Scope(d, scope)) for d in _nested(node)]
    return out


def spelled_keys(source: str) -> list[tuple[int, str]]:
    """``(line, how)`` of every session key ``source`` spells itself."""
    scopes = _scopes(ast.parse(source))
    found = []
    forwarders: dict[str, tuple[list[str], set[str]]] = {}
    for node, scope in scopes:
        sinks = list(_sinks(_body(node)))
        found += [(e.lineno, how) for e, how in sinks if scope.spelled(e)]
        if isinstance(node, _SCOPES):  # a function passing a parameter on as a key
            used = {e.id for e, _ in sinks if isinstance(e, ast.Name) and e.id in scope.bound}
            args = node.args
            params = [a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs]]
            if used & set(params):
                forwarders[node.name] = (params, used & set(params))
    for node, scope in scopes:
        for call in _body(node):
            if not isinstance(call, ast.Call) or _call_name(call) not in forwarders:
                continue
            params, used = forwarders[_call_name(call)]
            offset = 1 if params[:1] in (["self"], ["cls"]) else 0
            passed = {
                params[i + offset]: a for i, a in enumerate(call.args) if i + offset < len(params)
            }
            passed.update({kw.arg: kw.value for kw in call.keywords if kw.arg})
            for param in sorted(used & passed.keys()):
                if scope.spelled(passed[param]):
                    found.append((call.lineno, f"{_call_name(call)}({param}=...)"))
    return sorted(found)


@pytest.mark.parametrize(
    "source",
    [
        'st.session_state["mori.lang"] = "en"',
        'x = st.session_state.get("gap.store", {})',
        'st.session_state.pop(f"funnel.sla.{g}", None)',
        'if "mori.jobs" not in worker.session_state: pass',
        'del at.session_state["x"]',
        'st.session_state.update({"scoring.w.a": 1})',
        'st.slider("label", key="funnel.model")',
        'at.slider(key=W + "fit_threshold").set_value(1)',
        'K_FLASH = "scoring.flash"\nst.session_state[K_FLASH] = 1',
        'A, B = "a.x", "a.y"\nst.session_state[B] = 1',
        'KEYS = ("gap.period", "gap.sla")\nfor k in KEYS:\n    st.session_state.pop(k, None)',
        'for k, d in (("gap.sla", 7),):\n    st.session_state[k] = d',
        'def box(label, key):\n    st.slider(label, key=key)\nbox("x", "accounts.t1")',
        'ks = {k: c.slider("l", key=k) for c, (k, lo) in zip(cols, (("a.x", 1), ("a.y", 2)))}',
        'for i, k in enumerate(["a.x", "a.y"]):\n    st.session_state[k] = i',
        'KEY = "gap.sla"\ndef f():\n    def g():\n        return st.session_state[KEY]',
        'def f():\n    shown = ["a.x"]\n    return [st.session_state[k] for k in shown]',
    ],
)
def test_the_checker_sees_a_spelled_key(source):
    assert spelled_keys(source), source


@pytest.mark.parametrize(
    "source",
    [
        "st.session_state[state.K_LANG] = 'en'",
        'st.slider("label", key=state.widget_key("funnel", "model"))',
        'at.slider(key=widget_key("scoring", "w.fit_threshold"))',
        'raise MoriError("config.err.not_list", section="s", key="mappings")',
        'text = t("config.err.range", "ja", key="workers")',
        "def box(label, key):\n    st.slider(label, key=key)\nbox('x', widget_key('a', 'b'))",
        "for k, v in values.items():\n    st.session_state[k] = v",
        "sorted(xs, key=len)",
        'def a():\n    shown = ["x", "y"]\ndef b(shown):\n    return [st.session_state[k] for k in shown]',
    ],
)
def test_the_checker_leaves_keys_from_state_alone(source):
    assert spelled_keys(source) == [], source


def test_no_module_but_state_spells_a_session_key():
    offenders = [
        f"{path.relative_to(ROOT)}:{line} {how}"
        for path in _sources()
        for line, how in spelled_keys(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_state_constants_name_distinct_keys():
    keys = {
        name: value
        for name, value in vars(state).items()
        if name.startswith("K_") and isinstance(value, str)
    }
    assert len(set(keys.values())) == len(keys), keys


@pytest.mark.parametrize("area", state.WIDGET_AREAS)
def test_widget_keys_are_area_dot_name(area):
    assert state.widget_key(area, "filter.lead_source") == f"{area}.filter.lead_source"


@pytest.mark.parametrize(("area", "name"), [("fuunel", "model"), ("mori", "lang"), ("gap", "")])
def test_widget_key_refuses_an_unknown_area_or_no_name(area, name):
    with pytest.raises(ValueError):
        state.widget_key(area, name)
