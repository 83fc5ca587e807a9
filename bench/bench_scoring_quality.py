"""Benchmark: does Mori's scoring learn a world it did not write, as well as a plain model?

Worlds come from :mod:`tests.support.scoring_world` (numpy only, no Mori
code): conversion within 90 days of each lead's prediction time (creation +
30 days) depends, with known coefficients and unobserved noise, on job
titles, industries and size bands as text, marketing activity by kind and
sales touches by kind and result, weighted by how recent they are. Activity
after the prediction time (more for converters, meetings around the deal) is
there to catch a scorer that looks past the cut.

Per world, leads are split by account (70 % train, 30 % test). On the test
leads, each scored at its prediction time:

* **Mori suggested** — :func:`abm.scoring.suggest_weights` on the training
  rows, turned into slider points, scored with :func:`rescore_rows`;
* **Mori default** — the shipped default model;
* **logistic regression** — scikit-learn, on identical inputs: the same rows,
  one-hot fit categories and ``log1p`` of the same activity counts at the cut;
* **gradient boosting** — ``HistGradientBoostingClassifier`` on the same
  inputs (categories as categorical features, raw counts);
* **oracle** — the world's own logit (the ceiling; noise keeps it below 1).

Each AUC has a bootstrap 95 % interval over test leads, and so do the
differences Mori − LR and Mori − HGB. Targets: within 0.02 of LR, within 0.04
of HGB, the default model clearly above chance (interval above 0.55), the
sign of every true coefficient recovered, and no better than the oracle
(which would mean a leak). Also: Mori's learning set equals the world's own
list of predictable leads, label for label.

Usage: ``python -m bench.bench_scoring_quality [--leads 20000] [--seeds 1,2,3] [--boot 500]``
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression

from abm.scoring import (
    ScoringModel,
    auc_score,
    build_features,
    counts_at,
    lead_outcomes,
    learning_set,
    rescore_rows,
    suggest_weights,
)
from abm.scoring.features import fit_codes
from bench.common import Figure, emit
from tests.support.scoring_world import GROUPS, TRUTH, make_world

#: Truth coefficients on activity, and the Mori engagement kinds whose points carry them.
ACTIVITY_SIGNS: dict[str, tuple[str, ...]] = {
    "act:pricing": ("pricing_page",),
    "act:download": ("download",),
    "act:webinar": ("webinar",),
    "act:demo": ("demo_request",),
    "act:careers": ("careers_page",),
    "act:unsubscribe": ("unsubscribe",),
    "sales:meeting": ("meeting",),
    "sales:visit": ("visit",),
    "call:appointment": ("call", "result_appointment"),
    "call:connected": ("call", "result_connected"),
    "call:no_answer": ("call", "result_no_answer"),
    "call:refused": ("call", "result_refused"),
}
#: Truth field -> Mori fit dimension.
FIELD_DIM = {"seniority": "seniority", "industry": "industry", "size": "employees"}
_REFERENCE = {"seniority": "staff", "industry": "finance", "size": "small"}


@dataclass
class Result:
    """One world's figures."""

    seed: int
    rows: int
    test_rows: int
    positives: float
    auc: dict[str, float]
    ci: dict[str, tuple[float, float]]
    signs: dict[str, bool]
    rows_match: bool
    seconds: float


def _plain_inputs(feats, model, lead, counts):
    """One-hot fit categories + log1p counts (LR), and codes + raw counts (HGB)."""
    blocks, codes = [], []
    for _, (c, _, cats) in fit_codes(feats, model).items():
        c = c[lead].astype(np.int64)
        blocks.append(
            sp.csr_matrix((np.ones(len(c)), (np.arange(len(c)), c)), shape=(len(c), len(cats)))
        )
        codes.append(c)
    lr_x = sp.hstack([*blocks, sp.csr_matrix(np.log1p(counts.astype(np.float64)))], format="csr")
    hgb_x = np.column_stack([*codes, counts.astype(np.float64)])
    return lr_x, hgb_x, len(codes)


def _bootstrap(y, scores: dict[str, np.ndarray], n_boot: int, seed: int):
    rng = np.random.default_rng(seed)
    draws = {k: [] for k in (*scores, "mori-lr", "mori-hgb")}
    n = len(y)
    for _ in range(n_boot):
        i = rng.integers(0, n, n)
        if y[i].all() or not y[i].any():
            continue
        a = {k: auc_score(y[i], s[i]) for k, s in scores.items()}
        for k, v in a.items():
            draws[k].append(v)
        draws["mori-lr"].append(a["mori"] - a["lr"])
        draws["mori-hgb"].append(a["mori"] - a["hgb"])
    return {
        k: (float(np.quantile(v, 0.025)), float(np.quantile(v, 0.975))) for k, v in draws.items()
    }


def _signs(world, feats, model) -> dict[str, bool]:
    """Whether each true coefficient's sign is the sign of the points Mori suggests for it."""
    out = {}
    dims = fit_codes(feats, model)
    for field, dim in FIELD_DIM.items():
        codes, pts, _ = dims[dim]
        per_lead = pts[codes]
        groups = world.truth[f"group_{field}"].to_numpy()
        ref = per_lead[groups == _REFERENCE[field]].mean()
        for g in GROUPS[field]:
            beta = TRUTH.get(f"{field}:{g}")
            if beta is None:
                continue
            diff = per_lead[groups == g].mean() - ref
            out[f"{field}:{g}"] = bool(np.sign(diff) == np.sign(beta))
    act = model.points("activity")
    for name, kinds in ACTIVITY_SIGNS.items():
        out[name] = bool(np.sign(sum(act[k] for k in kinds)) == np.sign(TRUTH[name]))
    return out


def run_world(n: int, seed: int, n_boot: int) -> Result:
    """Generate one world, learn on its training accounts, judge on its test accounts."""
    world = make_world(n, seed=seed)
    leads = world.leads
    feats = build_features(leads, world.activities, as_of=world.as_of)
    outcomes = lead_outcomes(leads, world.opportunities, as_of=world.as_of)
    model0 = ScoringModel()
    rows = learning_set(
        feats, leads, outcomes, task="converted", prediction_days=30, horizon_days=90
    )
    truth = world.truth
    want = np.flatnonzero(truth["eligible"].to_numpy())
    rows_match = bool(
        np.array_equal(rows.lead, want)
        and np.array_equal(rows.y, truth["converted"].to_numpy()[want])
    )
    counts = counts_at(feats, model0.half_life_days, rows)
    acc = pd.factorize(leads["account_id"])[0]
    test_acc = np.random.default_rng(seed).random(acc.max() + 1) < 0.3
    test = test_acc[acc[rows.lead]]
    train = ~test
    t0 = time.perf_counter()
    sug = suggest_weights(
        leads, feats, rows.take(train), current=model0, counts=counts[train], random_state=0
    )
    seconds = time.perf_counter() - t0
    y = rows.y[test]
    lead_te = rows.lead[test]
    mori = rescore_rows(feats, sug.model, lead_te, counts[test]).total
    default = rescore_rows(feats, model0, lead_te, counts[test]).total
    lr_x, hgb_x, n_cat = _plain_inputs(feats, model0, rows.lead, counts)
    lr = LogisticRegression(C=1.0, max_iter=5000, random_state=0).fit(lr_x[train], rows.y[train])
    hgb = HistGradientBoostingClassifier(
        categorical_features=list(range(n_cat)), random_state=0
    ).fit(hgb_x[train], rows.y[train])
    # timing: the same suggestion without decay (recent activity weighs no more than old)
    flat = replace(model0, half_life_days=0.0)
    flat_counts = counts_at(feats, 0.0, rows)
    sug_flat = suggest_weights(
        leads, feats, rows.take(train), current=flat, counts=flat_counts[train], random_state=0
    )
    scores = {
        "mori": mori,
        "default": default,
        "lr": lr.decision_function(lr_x[test]),
        "hgb": hgb.predict_proba(hgb_x[test])[:, 1],
        "oracle": truth["logit"].to_numpy()[lead_te],
        "mori_no_decay": rescore_rows(feats, sug_flat.model, lead_te, flat_counts[test]).total,
    }
    auc = {k: auc_score(y, s) for k, s in scores.items()}
    signs = _signs(world, feats, sug.model)
    signs["timing:recent_weighs_more"] = auc["mori"] > auc["mori_no_decay"]
    return Result(
        seed, rows.rows, int(test.sum()), float(y.mean()), auc,
        _bootstrap(y, scores, n_boot, seed), signs, rows_match, seconds,
    )  # fmt: skip


def _fmt(auc: float, ci: tuple[float, float]) -> str:
    return f"{auc:.3f} [{ci[0]:.3f}, {ci[1]:.3f}]"


def main(argv: list[str] | None = None) -> list[Result]:
    """Run the worlds and print one row per world and model."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--leads", type=int, default=20_000)
    ap.add_argument("--seeds", default="1,2,3")
    ap.add_argument("--boot", type=int, default=500)
    args = ap.parse_args(argv)
    results = [run_world(args.leads, int(s), args.boot) for s in args.seeds.split(",")]
    figures = []
    for r in results:
        a, ci = r.auc, r.ci
        lost = [k for k, ok in r.signs.items() if not ok]
        print(f"\nworld seed {r.seed}: {r.rows:,} leads at their prediction time "
              f"({r.test_rows:,} test, {r.positives:.1%} converted); learning set = world's: "
              f"{r.rows_match}; suggestion {r.seconds:.1f} s")  # fmt: skip
        for k in ("mori", "lr", "hgb", "default", "oracle", "mori_no_decay"):
            print(f"  {k:<14} AUC {_fmt(a[k], ci[k])}")
        print(
            f"  mori - lr     {a['mori'] - a['lr']:+.3f} [{ci['mori-lr'][0]:+.3f}, {ci['mori-lr'][1]:+.3f}]"
        )
        print(
            f"  mori - hgb    {a['mori'] - a['hgb']:+.3f} [{ci['mori-hgb'][0]:+.3f}, {ci['mori-hgb'][1]:+.3f}]"
        )
        print(f"  signs recovered: {sum(r.signs.values())}/{len(r.signs)}" + (f" (missed {lost})" if lost else ""))  # fmt: skip
        met = (
            a["mori"] >= a["lr"] - 0.02
            and a["mori"] >= a["hgb"] - 0.04
            and ci["default"][0] > 0.55
            and not lost
            and r.rows_match
            and a["mori"] <= a["oracle"] + 0.005
        )
        note = (
            f"Mori {_fmt(a['mori'], ci['mori'])}; LR {a['lr']:.3f}; HGB {a['hgb']:.3f}; "
            f"default {_fmt(a['default'], ci['default'])}; oracle {a['oracle']:.3f}; "
            f"signs {sum(r.signs.values())}/{len(r.signs)}"
        )
        figures.append(
            Figure(
                "scoring quality", f"suggested weights on a generated world (seed {r.seed}): "
                "test AUC at each lead's prediction time (suggestion seconds)", args.leads, r.seconds,
                1, note=note,
                target="≥ LR − 0.02, ≥ HGB − 0.04; default > chance; every sign", met=met,
            )
        )  # fmt: skip
    emit(figures)
    return results


if __name__ == "__main__":
    main()
