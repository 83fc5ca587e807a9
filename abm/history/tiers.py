"""Accounts between two snapshots: which changed tier, which way, and what moved their score."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from abm.accounts import TIERS, RollupSettings, TierRules, rollup_accounts, score_accounts
from abm.core.dates import day_end
from abm.core.keys import company_key
from abm.history.people import _id_keys, _real, person_keys
from abm.history.side import Side
from abm.i18n import keys as K
from abm.i18n import t
from abm.resolve import ExclusionRules
from abm.resolve.normalise import is_free_mail, org_domain

__all__ = [
    "COMPONENTS",
    "MATCHED_BY",
    "TierMoves",
    "moved_text",
    "people_of",
    "renamed_text",
    "scored_accounts",
    "tier_moves",
]

#: Score components (columns of :func:`abm.accounts.score_accounts`) compared.
COMPONENTS = ("score", "score_fit", "score_engagement", "score_coverage", "score_pipeline")
_RANK = {t: i for i, t in enumerate(TIERS)}


@dataclass(frozen=True, eq=False)
class TierMoves:
    """Accounts whose tier changed.

    Attributes
    ----------
    changed : pandas.DataFrame
        One row per account whose tier differs (an account on one side only
        counts when it is in a tier there): ``account_id, account_name,
        account_name_before`` (its name in the earlier snapshot: a rename shows),
        ``tier_before, tier_after, direction`` (``up``, ``down``, ``new``,
        ``gone``), ``matched_by`` (:data:`MATCHED_BY`, ``""`` for new and gone),
        ``no_new_activity`` (the same activities and none dated after the earlier
        snapshot: an engagement move is time alone, :func:`moved_text`), the
        :data:`COMPONENTS` before and after (``<c>_before``, ``<c>_after``) and
        ``delta_<c>``; ordered up first, then by score after.
    after_rows, before_rows : pandas.DataFrame
        The :func:`abm.accounts.score_accounts` rows of the changed accounts
        on each side (for :func:`abm.accounts.reasons_text`), aligned with
        ``changed`` (all-NA rows where the account is absent).
    counts : pandas.DataFrame
        Accounts per tier (index :data:`abm.accounts.TIERS`): ``before``,
        ``after``, ``change``.
    """

    changed: pd.DataFrame
    after_rows: pd.DataFrame
    before_rows: pd.DataFrame
    counts: pd.DataFrame

    @property
    def up(self) -> int:
        """Accounts that moved to a better tier."""
        return int((self.changed["direction"] == "up").sum())

    @property
    def down(self) -> int:
        """Accounts that moved to a worse tier (out of every tier included)."""
        return int((self.changed["direction"] == "down").sum())


def scored_accounts(
    side: Side, rules: TierRules, rollup: RollupSettings, exclusions: ExclusionRules | None
) -> pd.DataFrame:
    """The accounts page's table of one snapshot (roll-up, then tiers)."""
    ds = side.dataset
    rolled = rollup_accounts(ds.leads, activities=ds.activities, opportunities=ds.opportunities,
                             accounts=ds.accounts, as_of=pd.Timestamp(side.as_of).normalize(),
                             settings=rollup, table=side.activity_table)  # fmt: skip
    return score_accounts(rolled, rules, exclusions=exclusions).reset_index(drop=True)


#: How an account of the later snapshot was found in the earlier one (``matched_by`` of
#: :attr:`TierMoves.changed`), in the order tried: its ``account_id``; ``people`` (most of
#: one account's people are the other's: e-mail, else lead id); its company ``domain``;
#: its ``name``. ``""``: not found (new or gone).
MATCHED_BY: tuple[str, ...] = ("id", "people", "domain", "name")


def _match(
    a: pd.DataFrame, b: pd.DataFrame, before: Side | None = None, after: Side | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """For each row of ``b``, its row in ``a`` (-1 if none) and how it was found
    (:data:`MATCHED_BY`; ``""`` when not).

    By account id; then, for the accounts left on both sides, by their people
    (:func:`_by_people`, the people of ``before``/``after``: read only when some account
    has no id match, :func:`people_of`); then by
    their company domain where one account on each side has it; then by name. A
    snapshot stored before account ids were made of durable evidence (QA-R) carries other
    ids: without these steps every account read as gone and new, and a rename
    (株式会社豊橋精密工業 → 株式会社ニューテック豊橋, same people, same domain) as a company
    leaving and another arriving.
    """
    how = np.full(len(b), "", dtype=object)
    pos = pd.Series(np.arange(len(a)), index=a["account_id"].astype("string"))
    pos = pos[~pos.index.duplicated(keep="first")]
    out = b["account_id"].astype("string").map(pos).fillna(-1).to_numpy(np.int64)
    how[out >= 0] = "id"
    steps = [("people", lambda fa, fb: _by_people(a, b, fa, fb, before, after))]
    steps += [
        ("domain", lambda fa, fb: _by_key(_domain_key(a, fa), _domain_key(b, fb), fa, fb)),
        ("name", lambda fa, fb: _by_key(_name_key(a, fa), _name_key(b, fb), fa, fb)),
    ]
    for name, step in steps:
        free_b = np.flatnonzero(out < 0)
        free_a = np.setdiff1d(np.arange(len(a)), out[out >= 0])
        if not len(free_a) or not len(free_b):
            break
        found = step(free_a, free_b)
        hit = found >= 0
        out[free_b[hit]] = found[hit]
        how[free_b[hit]] = name
    return out, how


def _name_key(frame: pd.DataFrame, rows: np.ndarray) -> pd.Series:
    if "account_name" not in frame.columns:
        return pd.Series(pd.NA, index=range(len(rows)), dtype="string")
    key = company_key(frame["account_name"].iloc[rows].astype("string"))
    return pd.Series(key.to_numpy(dtype=object), dtype="string")


def _domain_key(frame: pd.DataFrame, rows: np.ndarray) -> pd.Series:
    """The account's company domain (organisation level; free mail is none)."""
    if "domain" not in frame.columns:
        return pd.Series(pd.NA, index=range(len(rows)), dtype="string")
    dom = frame["domain"].iloc[rows].astype("string").reset_index(drop=True)
    org = org_domain(dom)
    return org.mask(is_free_mail(org).fillna(True).to_numpy(dtype=bool)).astype("string")


def _by_key(
    key_a: pd.Series, key_b: pd.Series, free_a: np.ndarray, free_b: np.ndarray
) -> np.ndarray:
    """Rows of ``b`` (``free_b``) found in ``a`` (``free_a``) by a key one row on each side
    holds (a key two accounts share says nothing)."""
    by = pd.Series(free_a, index=key_a.to_numpy(dtype=object))
    by = by[by.index.notna() & ~by.index.duplicated(keep=False)]
    once_b = ~key_b.duplicated(keep=False).to_numpy(dtype=bool)
    found = key_b.map(by).fillna(-1).to_numpy(np.int64)
    return np.where(once_b, found, -1)


def people_of(side: Side) -> pd.DataFrame:
    """Each person of ``side`` with an account: ``person`` (:func:`abm.history.person_keys`:
    ``e:<e-mail>``, else ``id:<lead id>``), ``id`` (``id:<lead id>``), ``account_id``; a lead
    id the load made up is none (it names a line of a file, not a person)."""
    leads = side.dataset.leads
    empty = pd.DataFrame({"person": pd.Series(dtype="string"), "id": pd.Series(dtype="string"),
                          "account_id": pd.Series(dtype="string")})  # fmt: skip
    if leads is None or "account_id" not in leads.columns or not len(leads):
        return empty
    return pd.DataFrame(
        {
            "person": _real(person_keys(leads), leads).to_numpy(dtype=object),
            "id": _real(_id_keys(leads), leads).to_numpy(dtype=object),
            "account_id": leads["account_id"].astype("string").to_numpy(dtype=object),
        }
    ).dropna(subset=["account_id"])


def _by_people(
    a: pd.DataFrame,
    b: pd.DataFrame,
    free_a: np.ndarray,
    free_b: np.ndarray,
    before: Side | None,
    after: Side | None,
) -> np.ndarray:
    """Rows of ``b`` found in ``a`` by their people: a pair where more than half of one
    account's people are the other's (e-mail, else lead id), the pair sharing most people
    first, each account once."""
    found = np.full(len(free_b), -1, dtype=np.int64)
    if before is None or after is None:
        return found
    people_a, people_b = people_of(before), people_of(after)
    if not len(people_a) or not len(people_b):
        return found
    ids_a = a["account_id"].astype("string").to_numpy(dtype=object)[free_a]
    ids_b = b["account_id"].astype("string").to_numpy(dtype=object)[free_b]
    pa_ = people_a[people_a["account_id"].isin(ids_a).to_numpy(dtype=bool)]
    pb_ = people_b[people_b["account_id"].isin(ids_b).to_numpy(dtype=bool)]
    if not len(pa_) or not len(pb_):
        return found
    # each earlier person's later account: by e-mail (or id) key, else by lead id
    by_person = pb_.dropna(subset=["person"]).drop_duplicates("person")
    by_id = pb_.dropna(subset=["id"]).drop_duplicates("id")
    later = pa_["person"].map(by_person.set_index("person")["account_id"])
    later = later.fillna(pa_["id"].map(by_id.set_index("id")["account_id"]))
    pairs = pd.DataFrame({"a": pa_["account_id"].to_numpy(), "b": later.to_numpy(dtype=object)})
    pairs = pairs.dropna().value_counts().reset_index(name="shared")
    if not len(pairs):
        return found
    size_a = pa_["account_id"].value_counts()
    size_b = pb_["account_id"].value_counts()
    most = (2 * pairs["shared"].to_numpy() > size_a.reindex(pairs["a"]).to_numpy()) | (
        2 * pairs["shared"].to_numpy() > size_b.reindex(pairs["b"]).to_numpy()
    )
    pairs = pairs[most].sort_values(
        ["shared", "a", "b"], ascending=[False, True, True], kind="stable"
    )
    row_a = dict(zip(ids_a.tolist(), free_a.tolist(), strict=True))
    at_b = {v: i for i, v in enumerate(ids_b.tolist())}
    used_a: set[str] = set()
    for acc_a, acc_b in zip(pairs["a"].tolist(), pairs["b"].tolist(), strict=True):
        i = at_b[acc_b]
        if acc_a in used_a or found[i] >= 0:
            continue
        found[i] = row_a[acc_a]
        used_a.add(acc_a)
    return found


def _no_new_activity(pa: pd.DataFrame, pb: pd.DataFrame, since: pd.Timestamp) -> np.ndarray:
    """Whether each account (both sides present) had no new activity after ``since``: its
    activities weighed undecayed are the same (``engagement_sum``) and none is dated after
    ``since`` (``last_activity_at``: a sales touch, which weighs nothing, still dates it). Its engagement then moved with time alone (QA-R: 21 accounts
    changed tier with identical rows in both months, their engagement decayed as the
    as-of date moved 30 days)."""
    n = len(pa)
    if not {"engagement_sum", "last_activity_at"} <= set(pa.columns) & set(pb.columns):
        return np.zeros(n, dtype=bool)
    sum_a = pd.to_numeric(pa["engagement_sum"], errors="coerce").to_numpy(dtype=float)
    sum_b = pd.to_numeric(pb["engagement_sum"], errors="coerce").to_numpy(dtype=float)
    last = pd.to_datetime(pb["last_activity_at"], errors="coerce")
    if getattr(last.dt, "tz", None) is not None:
        last = last.dt.tz_localize(None)
    later = (last >= day_end(since).tz_localize(None)).fillna(False).to_numpy(dtype=bool)
    same = np.isclose(sum_a, sum_b) & ~np.isnan(sum_a) & ~np.isnan(sum_b)
    return same & ~later


def moved_text(row: pd.Series, lang: str = "ja") -> str:
    """What moved an account's score, as the since-last-meeting table says it: each
    component that moved a point or more (:data:`COMPONENTS`), the largest first
    (``engagement −17, coverage +8``). An engagement that moved with no new activity
    (``no_new_activity``) says so: it decayed with time, nothing happened at the account
    (or, up, the others' decayed more: the engagement score is a percentile).

    Parameters
    ----------
    row : pandas.Series
        A row of :attr:`TierMoves.changed`.
    lang : {"ja", "en"}

    Returns
    -------
    str
    """
    parts = []
    flag = row.get("no_new_activity", False)
    quiet = False if flag is None or pd.isna(flag) else bool(flag)
    for comp, key in K.HISTORY_COMPONENT.items():
        delta = row.get(f"delta_{comp}")
        if delta is None or pd.isna(delta) or abs(float(delta)) < 1:
            continue
        text = t(key, lang) + f" {float(delta):+.0f}"
        if comp == "score_engagement" and quiet and float(delta) < 0:
            text = t("workspace.history.engagement_aged", lang, moved=text)
        elif comp == "score_engagement" and quiet:  # a percentile: the others fell
            text = t("workspace.history.engagement_aged_up", lang, moved=text)
        parts.append((abs(float(delta)), text))
    return ", ".join(p for _, p in sorted(parts, reverse=True))


def renamed_text(row: pd.Series, lang: str = "ja") -> str:
    """An account's name in the since-last-meeting table: its name now, with the earlier one
    where the account was renamed (``株式会社ニューテック豊橋（旧: 株式会社豊橋精密工業）``).

    Parameters
    ----------
    row : pandas.Series
        A row of :attr:`TierMoves.changed`.
    lang : {"ja", "en"}

    Returns
    -------
    str
    """
    name, before = row.get("account_name"), row.get("account_name_before")
    if name is None or pd.isna(name):
        return "" if before is None or pd.isna(before) else str(before)
    if before is None or pd.isna(before) or str(before) == str(name):
        return str(name)
    return t("workspace.history.renamed", lang, name=str(name), before=str(before))


def _pick(frame: pd.DataFrame, rows: np.ndarray) -> pd.DataFrame:
    """Rows ``rows`` of ``frame`` (-1 gives an all-NA row)."""
    ext = pd.concat([frame, frame.iloc[:0].reindex([len(frame)])])
    return ext.iloc[np.where(rows >= 0, rows, len(frame))].reset_index(drop=True)


def tier_moves(
    before: Side, after: Side, *, rules: TierRules | None = None,
    rollup: RollupSettings | None = None, exclusions: ExclusionRules | None = None,
) -> TierMoves:  # fmt: skip
    """Accounts whose tier changed between the snapshots (see :class:`TierMoves`)."""
    rules, rollup = rules or TierRules(), rollup or RollupSettings()
    a = scored_accounts(before, rules, rollup, exclusions)
    b = scored_accounts(after, rules, rollup, exclusions)
    in_a, how = _match(a, b, before, after)
    gone_rows = np.setdiff1d(np.arange(len(a)), in_a[in_a >= 0])
    rows_b = np.concatenate([np.arange(len(b)), np.full(len(gone_rows), -1)])
    rows_a = np.concatenate([in_a, gone_rows])
    pa, pb = _pick(a, rows_a), _pick(b, rows_b)
    tier_a = pa["tier"].astype("string").fillna("none")
    tier_b = pb["tier"].astype("string").fillna("none")
    rank_a, rank_b = tier_a.map(_RANK).to_numpy(), tier_b.map(_RANK).to_numpy()
    direction = np.select(
        [rows_a < 0, rows_b < 0, rank_b < rank_a], ["new", "gone", "up"], "down"
    ).astype(object)
    keep = (tier_a != tier_b).to_numpy(bool)
    changed = pd.DataFrame(
        {
            "account_id": pb["account_id"].fillna(pa["account_id"]).astype("string"),
            "account_name": pb["account_name"].fillna(pa["account_name"]).astype("string"),
            "account_name_before": pa["account_name"].astype("string"),
            "tier_before": tier_a, "tier_after": tier_b, "direction": direction,
            "matched_by": np.concatenate([how, np.full(len(gone_rows), "", dtype=object)]),
            "no_new_activity": _no_new_activity(pa, pb, before.as_of),
        }
    )  # fmt: skip
    for c in COMPONENTS:
        changed[f"{c}_before"] = pd.to_numeric(pa[c], errors="coerce").astype("Float64")
        changed[f"{c}_after"] = pd.to_numeric(pb[c], errors="coerce").astype("Float64")
        changed[f"delta_{c}"] = changed[f"{c}_after"] - changed[f"{c}_before"]
    order = np.lexsort((-changed["score_after"].fillna(-1).to_numpy(float), direction != "up"))
    order = order[keep[order]]
    counts = pd.DataFrame(
        {
            "before": a["tier"].astype("string").value_counts().reindex(TIERS, fill_value=0),
            "after": b["tier"].astype("string").value_counts().reindex(TIERS, fill_value=0),
        }
    ).astype(np.int64)
    counts["change"] = counts["after"] - counts["before"]
    return TierMoves(
        changed=changed.iloc[order].reset_index(drop=True),
        after_rows=pb.iloc[order].reset_index(drop=True),
        before_rows=pa.iloc[order].reset_index(drop=True),
        counts=counts,
    )
