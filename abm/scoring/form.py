"""A flat ``{widget key: value}`` view of a model, for a page full of sliders.

Pure (no Streamlit): the page writes :func:`model_to_form` into its widget
state and reads the model back with :func:`model_from_form`, which validates
through :meth:`ScoringModel.from_dict`.
"""

from __future__ import annotations

from collections.abc import Mapping

from abm.scoring.model import ScoringModel

__all__ = [
    "DEAL_TABLES",
    "FIT_TABLES",
    "PREDICTION",
    "SCALARS",
    "SLIDER_RANGES",
    "model_from_form",
    "model_to_form",
]

#: Fit point tables shown as slider groups.
FIT_TABLES: tuple[str, ...] = (
    "industry",
    "employees",
    "revenue",
    "seniority",
    "department",
    "region",
)

#: Opportunity-fact point tables (inputs for "which deal will be won").
DEAL_TABLES: tuple[str, ...] = ("deal_stage", "deal_age")

#: Slider range of each kind of point table: fit (and deal) points, points per
#: activity, caps. Suggested weights are rescaled into them.
SLIDER_RANGES: dict[str, tuple[float, float]] = {
    "fit": (-50, 50),
    "activity": (-100, 100),
    "cap": (0, 200),
}

#: Scalar widgets: key -> (model field, slider min, slider max).
SCALARS: dict[str, tuple[str, float, float]] = {
    "free_mail": ("free_mail_penalty", -100, 0),
    "competitor": ("competitor_penalty", -100, 0),
    "prior_win": ("prior_win_points", -50, 50),
    "half_life": ("half_life_days", 0, 180),
    "fit_threshold": ("fit_threshold", -50, 150),
    "engagement_threshold": ("engagement_threshold", -50, 300),
    "prediction_days": ("prediction_days", 0, 180),
    "horizon_days": ("horizon_days", 7, 365),
}
#: Choice widget of the prediction-time mode.
PREDICTION = "prediction"

_FIELD = {"employees": "employee_points", "activity": "activity_points", "cap": "activity_caps"}
_TABLES = (*FIT_TABLES, *DEAL_TABLES, "activity", "cap")


def model_to_form(model: ScoringModel, prefix: str) -> dict[str, object]:
    """Return every widget value of ``model``, keys prefixed with ``prefix``.

    Point tables give ``"<prefix><table>.<category>"``; scalars their
    :data:`SCALARS` key; cuts ``"<prefix><axis>_cut<i>"``; competitors one
    text (one per line).
    """
    vals: dict[str, object] = {}
    for table in _TABLES:
        for cat, pts in model.points(table).items():
            vals[f"{prefix}{table}.{cat}"] = pts
    for key, (field, *_) in SCALARS.items():
        vals[prefix + key] = float(getattr(model, field))
    vals[prefix + "letter_axis"] = model.letter_axis
    vals[prefix + PREDICTION] = model.prediction
    for axis in ("fit", "engagement"):
        for i, v in enumerate(getattr(model, f"{axis}_cuts")):
            vals[f"{prefix}{axis}_cut{i}"] = float(v)
    vals[prefix + "competitors"] = "\n".join(model.competitors)
    return vals


def model_from_form(
    values: Mapping[str, object], previous: ScoringModel, prefix: str, *, file: str = "form"
) -> ScoringModel:
    """Build a model from widget ``values`` (categories and edges of ``previous``).

    Raises
    ------
    MoriError
        ``config.err.*`` when the values are inconsistent (e.g. cuts
        not descending).
    """
    data: dict[str, object] = {}
    for table in _TABLES:
        name = _FIELD.get(table, f"{table}_points")
        data[name] = {c: values[f"{prefix}{table}.{c}"] for c in previous.points(table)}
    data.update({field: values[prefix + key] for key, (field, *_) in SCALARS.items()})
    data["letter_axis"] = values[prefix + "letter_axis"]
    data["prediction"] = values[prefix + PREDICTION]
    for axis in ("fit", "engagement"):
        data[f"{axis}_cuts"] = [values[f"{prefix}{axis}_cut{i}"] for i in range(3)]
    text = str(values[prefix + "competitors"] or "")
    data["competitors"] = [x.strip() for x in text.splitlines() if x.strip()]
    data["employee_edges"] = list(previous.employee_edges)
    data["revenue_edges"] = list(previous.revenue_edges)
    data["fitted_on"] = previous.fitted_on  # what the weights were fitted on: not a widget
    return ScoringModel.from_dict(data, file=file)
