"""The shared test-support package (#14): tests never import ``bench/``; its helpers work."""

from __future__ import annotations

import ast
import socket
from pathlib import Path

import pandas as pd

from abm.dataset import Dataset
from abm.ui import state
from tests.support.apptest import install_dataset, new_app
from tests.support.protocol import SLIDER_KEY, shared_threshold
from tests.support.server import free_port

TESTS = Path(__file__).resolve().parents[1]


def _imported(source: str) -> set[str]:
    """Top-level package of every module ``source`` imports (at any depth of the file)."""
    out = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            out.add(node.module.split(".")[0])
    return out


def test_the_import_reader_sees_nested_and_aliased_imports():
    src = "def f():\n    import bench.load as l\n    from bench.common import emit\n"
    assert _imported(src) == {"bench"}
    assert _imported("from . import bench\nimport benchmarks") == {"benchmarks"}


def test_no_test_module_imports_bench():
    offenders = [
        str(p.relative_to(TESTS))
        for p in sorted(TESTS.rglob("*.py"))
        if "bench" in _imported(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_free_port_can_be_bound():
    port = free_port()
    with socket.socket() as s:
        s.bind(("127.0.0.1", port))  # free right after the OS said so


def test_install_dataset_sets_what_the_loader_sets():
    ds = Dataset(leads=pd.DataFrame({"lead_id": ["L1"], "email": ["a@b.example"]}))
    at = install_dataset(new_app(), ds, token="t1", label="x", parts=[], as_of=pd.Timestamp(0))
    assert at.session_state[state.K_DATASET] is ds
    assert at.session_state[state.K_TOKEN] == "t1"
    assert at.session_state[state.K_DATA_LABEL] == "x"
    assert at.session_state[state.K_MEMO] == {}
    assert at.session_state[state.K_PARTS] == []
    assert at.session_state[state.K_AS_OF] == pd.Timestamp(0)


def test_person_reads_the_share_link_like_the_page():
    from urllib.parse import urlencode

    from abm.scoring import ScoringModel, encode_model

    model = ScoringModel(engagement_threshold=42.0)
    assert shared_threshold(urlencode({"m": encode_model(model)})) == 42.0
    assert shared_threshold("") == ScoringModel().engagement_threshold


def test_the_simulated_slider_is_a_scoring_form_widget():
    assert SLIDER_KEY.startswith(state.K_SCORING_FORM)
