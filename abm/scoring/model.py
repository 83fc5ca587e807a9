"""The scoring model: a frozen, hashable, JSON-serialisable config.

Two axes are scored separately: **fit** (属性: industry, size, revenue,
seniority, department, region, free-mail and competitor penalties) and
**engagement** (行動: points per activity kind, decayed by a half-life,
capped per kind). A lead is an MQL when both axes reach their thresholds
(AND rule); the matrix grade is a letter A–D and a digit 1–4, with the user
choosing which axis is the letter.

Every point table is a tuple of ``(category, points)`` pairs so the model is
hashable (a cache key) and its JSON form is a plain ``{category: points}``.
"""

from __future__ import annotations

import base64
import binascii
import itertools
import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Annotated, Any

from abm.core.activities import ACTIVITY_KINDS, DEFAULT_ACTIVITY_POINTS, RESULTS
from abm.core.config import Config, Spec
from abm.core.format import CURRENCIES, sized_defaults
from abm.core.safejson import parse_json
from abm.core.titles import DEPARTMENTS, SENIORITIES
from abm.errors import MoriError
from abm.scoring.vocab import INDUSTRIES, REGIONS

__all__ = [
    "DEAL_AGES",
    "DEAL_DIMENSIONS",
    "DEAL_STAGES",
    "ENGAGEMENT_KINDS",
    "FIT_DIMENSIONS",
    "POINT_TABLES",
    "PREDICTION_MODES",
    "ScoringModel",
    "band_labels",
    "decode_model",
    "encode_model",
    "in_currency",
]

Points = tuple[tuple[str, float], ...]

#: Fit dimensions in display order.
FIT_DIMENSIONS: tuple[str, ...] = (
    "industry",
    "employees",
    "revenue",
    "seniority",
    "department",
    "region",
    "free_mail",
    "competitor",
)

#: Engagement columns: every activity kind, then each sales-touch result
#: (``result_appointment``…: a call that got an appointment counts for ``call``
#: and for ``result_appointment``).
ENGAGEMENT_KINDS: tuple[str, ...] = (*ACTIVITY_KINDS, *(f"result_{r}" for r in RESULTS))

#: Opportunity facts known at a prediction time (inputs only where the task allows them).
DEAL_DIMENSIONS: tuple[str, ...] = ("deal_stage", "deal_age", "prior_win")
#: Furthest stage a lead had reached by the prediction time (dated stages only).
DEAL_STAGES: tuple[str, ...] = (
    "stage_none",
    "stage_mql",
    "stage_sal",
    "stage_sql",
    "stage_opportunity",
)
#: Age of the lead's latest opportunity at the prediction time (days).
DEAL_AGES: tuple[str, ...] = ("age_none", "age_lt_30", "age_30_90", "age_90_180", "age_ge_180")
#: How each lead's prediction time is set (:mod:`abm.scoring.timing`).
PREDICTION_MODES: tuple[str, ...] = ("created", "monthly")

#: Model field holding the point table of each table-valued dimension.
POINT_TABLES: dict[str, str] = {
    "industry": "industry_points",
    "employees": "employee_points",
    "revenue": "revenue_points",
    "seniority": "seniority_points",
    "department": "department_points",
    "region": "region_points",
    "activity": "activity_points",
    "cap": "activity_caps",
    "deal_stage": "deal_stage_points",
    "deal_age": "deal_age_points",
}

_LIMIT = 1000.0
#: Longest share-link payload accepted (characters).
MAX_SHARE_CHARS = 8000


def band_labels(edges: tuple[float, ...]) -> tuple[str, ...]:
    """Return band labels for ascending ``edges`` plus ``"unknown"``.

    ``(50, 300)`` gives ``("lt_50", "50_300", "ge_300", "unknown")``; a band
    ``a_b`` holds values ``a <= x < b``.
    """
    e = [f"{v:g}" for v in edges]
    mids = [f"{a}_{b}" for a, b in itertools.pairwise(e)]
    return (f"lt_{e[0]}", *mids, f"ge_{e[-1]}", "unknown")


def _pts(cats: tuple[str, ...], values: Mapping[str, float]) -> Points:
    return tuple((c, float(values.get(c, 0.0))) for c in cats)


_EMP_EDGES = (50.0, 300.0, 1000.0, 5000.0)
_REV_EDGES = (1e9, 1e10, 1e11)  # 10億, 100億, 1000億 yen

_DEFAULTS: dict[str, Points] = {
    "industry_points": _pts(
        INDUSTRIES,
        {"manufacturing": 15, "it_software": 15, "telecom_media": 10, "finance": 10,
         "construction_real_estate": 8, "retail_wholesale": 6, "logistics": 6, "healthcare": 6,
         "services": 5, "energy": 8, "other": 2},
    ),
    "employee_points": _pts(band_labels(_EMP_EDGES), {"50_300": 5, "300_1000": 15, "1000_5000": 20, "ge_5000": 20}),
    "revenue_points": _pts(band_labels(_REV_EDGES), {"1e+09_1e+10": 5, "1e+10_1e+11": 15, "ge_1e+11": 20}),
    "seniority_points": _pts(
        SENIORITIES,
        {"executive": 15, "officer": 15, "head": 15, "manager": 12, "section_manager": 10,
         "supervisor": 5, "staff": 2, "student": -20},
    ),
    "department_points": _pts(
        DEPARTMENTS,
        {"management": 10, "corporate_planning": 10, "it": 10, "engineering": 5, "marketing": 8,
         "sales": 5, "accounting": 5, "procurement": 5, "hr_admin": 2, "legal": 2, "production": 5},
    ),
    "region_points": _pts(
        REGIONS,
        {"kanto": 5, "kinki": 5, "chubu": 5, "hokkaido": 3, "tohoku": 3, "chugoku": 3,
         "shikoku": 3, "kyushu_okinawa": 3},
    ),
    # Sales touches (call … task) score 0 by default: engagement is the lead's own
    # behaviour, the MQL is marketing's hand-off, and a rep's calls and meetings
    # would make the score measure sales' effort and leak the outcome into the
    # back-test. Their caps apply once a user gives them points.
    # the accounts' engagement weighs kinds by the same table (ENGAGEMENT_WEIGHTS)
    "activity_points": _pts(ENGAGEMENT_KINDS, DEFAULT_ACTIVITY_POINTS),
    "activity_caps": _pts(
        ENGAGEMENT_KINDS,
        {"page_view": 20, "pricing_page": 30, "download": 45, "webinar": 40, "event": 40,
         "business_card": 30, "email_open": 10, "email_click": 15, "form": 50,
         "demo_request": 100, "careers_page": 20, "unsubscribe": 30, "call": 20,
         "sales_email": 10, "meeting": 60, "web_meeting": 60, "visit": 60, "task": 10,
         "other": 10, "result_appointment": 60, "result_connected": 20,
         "result_no_answer": 10, "result_refused": 30, "result_done": 10},
    ),
    # Opportunity facts score 0 by default: they are inputs only for a task
    # where they are known before the outcome ("which opportunity will close").
    "deal_stage_points": _pts(DEAL_STAGES, {}),
    "deal_age_points": _pts(DEAL_AGES, {}),
}  # fmt: skip


#: The default revenue bands of each currency (:func:`abm.core.format.sized_defaults`).
_CURRENCY_REV_EDGES = frozenset(sized_defaults(c.size, _REV_EDGES) for c in CURRENCIES.values())


def _banded(edges: tuple[float, ...], table: str) -> Points:
    """The default points of ``table`` re-cut to the bands of ``edges`` (new bands 0); the
    default revenue bands of another currency keep the default points in order."""
    labels = band_labels(edges)
    if table == "revenue_points" and tuple(edges) in _CURRENCY_REV_EDGES:
        return tuple((c, p) for c, (_, p) in zip(labels, _DEFAULTS[table], strict=True))
    default = dict(_DEFAULTS[table])
    return tuple((c, default.get(c, 0.0)) for c in labels)


def _employee_bands(parsed: Mapping[str, Any]) -> Points:
    return _banded(parsed["employee_edges"], "employee_points")


def _revenue_bands(parsed: Mapping[str, Any]) -> Points:
    return _banded(parsed["revenue_edges"], "revenue_points")


def in_currency(model: ScoringModel, size: float) -> ScoringModel:
    """``model`` with its revenue bands in a currency of ``size``
    (:func:`abm.core.format.money_size`) where they are the default (yen) bands.

    Revenue is never converted, so bands written in yen (10億, 100億, 1000億) put every
    company of a dollar-counting workspace in the lowest band (QA-I). A model with the
    default bands — the default model, one saved while the workspace counted in yen — gets
    this currency's, each band keeping its points in order. Other bands are kept as they
    are, even another currency's defaults (review: they may be a user's own — 5000万 / 5億 /
    50億円 are the yuan defaults — and are never silently changed).

    Parameters
    ----------
    model : ScoringModel
    size : float
        :attr:`abm.core.format.Currency.size` of the workspace's currency.

    Returns
    -------
    ScoringModel
        ``model`` itself when nothing changes.
    """
    edges = sized_defaults(size, _REV_EDGES)
    if model.revenue_edges == edges or model.revenue_edges != _REV_EDGES:
        return model
    points = tuple(
        (c, p) for c, (_, p) in zip(band_labels(edges), model.revenue_points, strict=True)
    )
    return replace(model, revenue_edges=edges, revenue_points=points)


# Declared constraints (abm.core.config): points within ±1000; a point table is
# stored as {category: points}, may be partial, and names only known categories.
_Points = Annotated[Points, Spec(table=True, merge=True, min=-_LIMIT, max=_LIMIT)]
_Number = Annotated[float, Spec(min=-_LIMIT, max=_LIMIT)]
_Cuts = Annotated[tuple[float, float, float], Spec(order="descending", min=-_LIMIT, max=_LIMIT)]
_Edges = Annotated[tuple[float, ...], Spec(order="ascending", min=0, min_len=1, max_len=20)]


@dataclass(frozen=True)
class ScoringModel(Config):
    """Fit and engagement rules, thresholds and matrix orientation.

    Parameters
    ----------
    industry_points, seniority_points, department_points, region_points : tuple of (str, float)
        Points per category (see :mod:`abm.scoring.vocab`, :mod:`abm.core.titles`).
    employee_edges, revenue_edges : tuple of float
        Ascending band edges (employees; revenue in yen).
    employee_points, revenue_points : tuple of (str, float)
        Points per band (labels from :func:`band_labels`).
    free_mail_penalty, competitor_penalty : float
        Points added (normally negative) for a free-mail address / a competitor.
    competitors : tuple of str
        Competitor email domains or company names (matched after normalisation).
    activity_points : tuple of (str, float)
        Points per (undecayed) activity of each kind and per sales-touch
        result (:data:`ENGAGEMENT_KINDS`); negative for careers page views,
        unsubscribes; 0 for sales touches and results by default.
    activity_caps : tuple of (str, float)
        Largest absolute points one kind can contribute to a lead.
    half_life_days : float
        An activity's weight halves every ``half_life_days``; ``0`` = no decay.
    fit_threshold, engagement_threshold : float
        MQL when fit >= fit_threshold AND engagement >= engagement_threshold.
    fit_cuts, engagement_cuts : tuple of 3 floats, descending
        Matrix bands: band 0 (A or 1) at or above the first cut, and so on.
    letter_axis : {"fit", "engagement"}
        Which axis gives the letter (A–D); the other gives the digit (1–4).
    deal_stage_points, deal_age_points : tuple of (str, float)
        Points per opportunity fact at the prediction time (:data:`DEAL_STAGES`,
        :data:`DEAL_AGES`); they add to the total (the ranking), not to either
        MQL axis, and count only for tasks that allow them (0 by default).
    prior_win_points : float
        Points when the lead's account had won a deal before the prediction time.
    prediction : {"created", "monthly"}
        Each lead's prediction time: its creation + ``prediction_days``, or
        every monthly snapshot while it is undecided (:mod:`abm.scoring.timing`).
    prediction_days : float
        Days after creation (of the lead; of the deal for "which deal will be won").
    horizon_days : float
        An outcome counts when it happens within this many days after the
        prediction time ("converted within 90 days").
    fitted_on : str
        Empty, or which task and rows the weights were fitted on, a digest of those
        weights and their cross-validated AUC (:func:`abm.scoring.fitted.mark_fitted`):
        saved with the model, so a later session still knows its back-test on those
        rows is in-sample.
    """

    industry_points: _Points = _DEFAULTS["industry_points"]
    employee_edges: _Edges = _EMP_EDGES
    employee_points: Annotated[_Points, Spec(base=_employee_bands)] = _DEFAULTS["employee_points"]
    revenue_edges: _Edges = _REV_EDGES
    revenue_points: Annotated[_Points, Spec(base=_revenue_bands)] = _DEFAULTS["revenue_points"]
    seniority_points: _Points = _DEFAULTS["seniority_points"]
    department_points: _Points = _DEFAULTS["department_points"]
    region_points: _Points = _DEFAULTS["region_points"]
    free_mail_penalty: _Number = -15.0
    competitor_penalty: _Number = -50.0
    competitors: tuple[str, ...] = field(default=())
    activity_points: _Points = _DEFAULTS["activity_points"]
    activity_caps: Annotated[_Points, Spec(min=0)] = _DEFAULTS["activity_caps"]
    half_life_days: Annotated[float, Spec(min=0, max=_LIMIT)] = 30.0
    fit_threshold: _Number = 40.0
    engagement_threshold: _Number = 30.0
    fit_cuts: _Cuts = (60.0, 40.0, 20.0)
    engagement_cuts: _Cuts = (60.0, 30.0, 10.0)
    letter_axis: Annotated[str, Spec(choices=("fit", "engagement"))] = "fit"
    deal_stage_points: _Points = _DEFAULTS["deal_stage_points"]
    deal_age_points: _Points = _DEFAULTS["deal_age_points"]
    prior_win_points: _Number = 0.0
    prediction: Annotated[str, Spec(choices=PREDICTION_MODES)] = "created"
    prediction_days: Annotated[float, Spec(min=0, max=_LIMIT)] = 30.0
    horizon_days: Annotated[float, Spec(min=1, max=_LIMIT)] = 90.0
    fitted_on: Annotated[str, Spec(max_len=200)] = ""

    SECTION = "scoring_model"

    # ------------------------------------------------------------------ access
    def points(self, table: str) -> dict[str, float]:
        """Return a point table (``"seniority"``, ``"activity"``, ``"cap"``…) as a dict."""
        return dict(getattr(self, POINT_TABLES[table]))

    def with_points(self, table: str, category: str, value: float) -> ScoringModel:
        """Return a copy with one category of one point table changed.

        Raises
        ------
        KeyError
            If ``category`` is not in the table (a programming error).
        """
        name = POINT_TABLES[table]
        current = getattr(self, name)
        if category not in dict(current):
            raise KeyError(category)
        new = tuple((c, float(value) if c == category else p) for c, p in current)
        return replace(self, **{name: new})

    # ------------------------------------------------------------ serialising
    def diff(self, base: ScoringModel | None = None) -> dict[str, Any]:
        """Return only what differs from ``base`` (default model), in :meth:`to_dict` form."""
        mine, theirs = self.to_dict(), (base or ScoringModel()).to_dict()
        out: dict[str, Any] = {}
        for k, v in mine.items():
            if isinstance(v, dict):
                changed = {c: p for c, p in v.items() if theirs[k].get(c) != p}
                if changed:
                    out[k] = changed
            elif v != theirs[k]:
                out[k] = v
        return out


def encode_model(model: ScoringModel, base: ScoringModel | None = None) -> str:
    """Encode a model for a URL query string: base64url JSON of its diff vs ``base`` (the
    default model; the workspace currency's, :func:`in_currency`, in the app).

    ``base`` itself encodes to ``""``.
    """
    diff = model.diff(base)
    if not diff:
        return ""
    raw = json.dumps(diff, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_model(text: str, base: ScoringModel | None = None) -> ScoringModel:
    """Decode :func:`encode_model` output made against ``base`` (``""`` gives ``base``, by
    default the default model).

    The JSON inside goes through the same guards and validator as a settings
    file (:func:`abm.core.safejson.parse_json`, :meth:`ScoringModel.from_dict`).

    Raises
    ------
    MoriError
        ``scoring.err.bad_link`` when the text is too long, not a valid
        encoding or not JSON; ``scoring.err.bad_link_value`` naming the key
        whose value is invalid. Nothing else, whatever the text.
    """
    if not text:
        return base or ScoringModel()
    if len(text) > MAX_SHARE_CHARS:
        raise MoriError("scoring.err.bad_link")
    try:
        raw = base64.urlsafe_b64decode(text.encode("ascii") + b"=" * (-len(text) % 4))
        data = parse_json(raw, file="link", max_bytes=MAX_SHARE_CHARS)
    except (binascii.Error, ValueError, MoriError):  # UnicodeEncodeError is a ValueError
        raise MoriError("scoring.err.bad_link") from None
    if base is not None and isinstance(data, dict):  # the diff laid over base, table by table
        whole = base.to_dict()
        for k, v in data.items():
            whole[k] = (
                {**whole[k], **v} if isinstance(v, dict) and isinstance(whole.get(k), dict) else v
            )
        data = whole
    try:
        return ScoringModel.from_dict(data, section="link")
    except MoriError as err:
        raise MoriError("scoring.err.bad_link_value", key=err.params.get("key", "-")) from None
