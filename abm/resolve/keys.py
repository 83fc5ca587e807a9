"""Stage 1 of 名寄せ: reduce lead rows to distinct evidence keys.

A key is ``(normalised name, evidence domain, valid corporate number, Japanese
legal form written)``.
Everything after this stage works on keys, never on rows: a million leads
usually hold far fewer distinct keys. Row-level work is integer codes only;
text work runs once per distinct value.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from abm.core.parallel import map_split
from abm.resolve import vocab
from abm.resolve.corpnum import clean_corporate_number, is_valid_corporate_number
from abm.resolve.namekeys import NameKeys, name_keys
from abm.resolve.normalise import analyse_names, domain_stem, email_domain, org_domain
from abm.resolve.typos import skeleton
from abm.schema import text_column

__all__ = ["build_keys", "stems_agree"]


def stems_agree(a: set[str] | frozenset[str], b: set[str] | frozenset[str]) -> bool:
    """Two sets of e-mail domain stems name one company: a stem is shared or one extends another.

    A stem extends another when it is that stem (four characters at least) plus a
    word of three letters or more that is not only digits: ``daiwaunyuglobal``
    (daiwa-unyu-global.com) extends ``daiwaunyu`` (daiwa-unyu.co.jp), but
    ``alpha2`` is another domain than ``alpha`` and ``fujikoh`` another stem than
    ``fujiko``.

    Parameters
    ----------
    a, b
        Domain stems of two groups (:func:`abm.resolve.normalise.domain_stem`).

    Returns
    -------
    bool
        ``False`` when either set is empty.
    """
    if a & b:
        return True
    return any(_extends(x, y) or _extends(y, x) for x in a for y in b)


def _extends(x: str, y: str) -> bool:
    rest = x[len(y) :]
    return len(y) >= 4 and x.startswith(y) and len(rest) >= 3 and not rest.isdigit()


def _codes(values: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """Integer codes (-1 = missing) and the distinct values as a string Series."""
    codes, uniq = pd.factorize(values)
    return np.asarray(codes, dtype=np.int64), pd.Series(
        np.asarray(uniq, dtype=object), dtype="string"
    )


def _remap(codes: np.ndarray, per_unique: np.ndarray) -> np.ndarray:
    """Map row codes through a per-unique code table (-1 stays -1)."""
    table = np.append(per_unique, -1)
    return table[codes]


def _domains(leads: pd.DataFrame, bad: frozenset[str]) -> tuple[np.ndarray, pd.Series]:
    """Row code of the evidence domain (email first, then website) and the domain values."""
    mail_c, mail_u = _codes(email_domain(text_column(leads, "email")))
    web_c, web_u = _codes(text_column(leads, "domain"))
    pool = pd.concat([mail_u, web_u], ignore_index=True)
    org = org_domain(pool)
    org = org.where(~org.isin(bad).fillna(True).to_numpy(dtype=bool))
    dom_code_u, dom_values = _codes(org)
    mail = _remap(mail_c, dom_code_u[: len(mail_u)])
    web = _remap(web_c, dom_code_u[len(mail_u) :])
    return np.where(mail >= 0, mail, web), dom_values


def _keys_of(names: list[str]) -> list[NameKeys]:
    return [name_keys(n) for n in names]


def _readings(spaced: np.ndarray, *, workers: int = 1) -> pd.DataFrame:
    """Cross-script keys of each name (:func:`abm.resolve.namekeys.name_keys`), once per name
    (the distinct names shared out to ``workers`` processes: :func:`abm.core.parallel.map_split`)."""
    codes, uniq = pd.factorize(pd.Series(spaced, dtype=object))
    rows = map_split(_keys_of, [str(u) for u in uniq], workers=workers)
    rows.append(NameKeys(None, None, None, "", None))
    table = pd.DataFrame(rows, columns=list(NameKeys._fields))
    out = table.iloc[codes].reset_index(drop=True)
    out = out.rename(columns={"core": "lcore", "generic": "lgeneric"})
    out = out.astype({c: "string" for c in out.columns})
    out["lgeneric"] = out["lgeneric"].fillna("")
    # the holding-company word is one token in every script (normalise.HOLDINGS_TOKEN)
    bare = pd.Series(spaced, dtype="string").str.replace(vocab.HOLDINGS_TOKEN, "", regex=False)
    out["latin"] = bare.str.isascii().fillna(False).to_numpy(dtype=bool)
    return out


def build_keys(
    leads: pd.DataFrame,
    *,
    use_domain: bool = True,
    use_corporate_number: bool = True,
    shared_domain_min_names: int = 5,
    shared_domain_top_share: float = 0.5,
    extra_free_mail: frozenset[str] = frozenset(),
    workers: int = 1,
    analysis: pd.DataFrame | None = None,
) -> tuple[np.ndarray, pd.DataFrame, pd.DataFrame]:
    """Compute the table of distinct keys and each row's key.

    ``workers`` processes may share the per-name work (normalisation and readings of the
    distinct names, :func:`abm.core.parallel.map_split`); the result does not depend on it.
    ``analysis``: the names' analysis when already made
    (:func:`abm.resolve.normalise.analyse_distinct`), not made again.

    Returns
    -------
    row_key : numpy.ndarray
        Key position for each row (``-1``: no name and no evidence).
    keys : pandas.DataFrame
        One row per key: ``norm, core, signature, dom, stem, corp, rows,
        sample`` (the first raw company name), ``form`` (legal-form bits written),
        ``dkey`` (``norm|dom``, the stable key review decisions use); the
        cross-script keys ``roman, concept, lcore, lgeneric, reading, written``
        (:func:`abm.resolve.namekeys.name_keys`) and ``latin`` (the name is
        written in Latin letters only), ``shared`` (a registry shows several
        companies of this name).
    rows : pandas.DataFrame
        Per row: ``company_code`` (code of the raw company text, -1 missing),
        ``corp_valid``; plus ``companies`` in ``attrs`` (the distinct raw names).
    """
    n = len(leads)
    comp_c, comp_u = _codes(text_column(leads, "company"))
    info = analyse_names(comp_u, workers=workers, known=analysis)
    norm_code_u, norm_values = _codes(info["norm"])
    first_u = pd.Series(np.arange(len(info))).groupby(norm_code_u).first()  # a unique per norm
    first_u = first_u[first_u.index >= 0]
    norm = _remap(comp_c, norm_code_u)

    raw_corp = text_column(leads, "corporate_number")
    valid = is_valid_corporate_number(raw_corp)
    number = clean_corporate_number(raw_corp).where(valid.fillna(False).to_numpy(dtype=bool))
    # a number found in the user's registry (abm.resolve.registry) where the lead has none
    number = number.fillna(text_column(leads, "registry_corporate_number"))
    corp_c, corp_u = _codes(number)
    if not use_corporate_number:
        corp_c = np.full(n, -1, dtype=np.int64)

    bad = vocab.FREE_MAIL_DOMAINS | vocab.SHARED_DOMAINS | vocab.TEST_DOMAINS | extra_free_mail
    dom, dom_values = _domains(leads, bad)
    if not use_domain:
        dom = np.full(n, -1, dtype=np.int64)

    # A domain used by many unrelated names (ISP, group portal) or by several
    # valid corporate numbers is not evidence.
    has = dom >= 0
    if has.any():
        f = pd.DataFrame({"dom": dom[has], "norm": norm[has], "corp": corp_c[has]})
        f = f.replace({"norm": {-1: np.nan}, "corp": {-1: np.nan}})
        stats = f.groupby("dom").agg(
            names=("norm", "nunique"), corps=("corp", "nunique"), rows=("dom", "size")
        )
        top = (
            f.groupby(["dom", "norm"]).size().groupby(level=0).max().reindex(stats.index).fillna(0)
        )
        share = top / stats["rows"]
        shared = stats.index[
            ((stats["names"] >= shared_domain_min_names) & (share < shared_domain_top_share))
            | (stats["corps"] > 1)
        ].to_numpy()
        dom = np.where(np.isin(dom, shared), -1, dom)

    present = (norm >= 0) | (dom >= 0) | (corp_c >= 0)
    nd, nc = len(dom_values) + 1, len(corp_u) + 1
    row_form = np.append(info["form"].to_numpy(dtype=np.int64), 0)[comp_c]
    # Two stages keep the combined integer far from overflow.
    stage = pd.factorize((norm + 1) * nd + (dom + 1))[0].astype(np.int64)
    combo = (stage * nc + (corp_c + 1)) * 8 + row_form
    row_key = np.full(n, -1, dtype=np.int64)
    row_key[present] = pd.factorize(combo[present])[0]
    k = int(row_key.max()) + 1 if len(row_key) else 0
    sel = row_key >= 0
    pos = np.full(k, 0, dtype=np.int64)
    pos[row_key[sel][::-1]] = np.flatnonzero(sel)[::-1]  # first row of each key
    k_norm, k_dom, k_corp = norm[pos], dom[pos], corp_c[pos]

    def pick(values: pd.Series, codes: np.ndarray) -> np.ndarray:
        arr = np.append(values.to_numpy(dtype=object, na_value=None), None)
        return arr[codes]

    u_of_norm = np.append(first_u.reindex(np.arange(len(norm_values))).to_numpy(dtype=np.int64), -1)
    ku = u_of_norm[k_norm]
    keys = pd.DataFrame(
        {
            "norm": pick(norm_values, k_norm),
            "core": pick(info["core"], ku),
            "signature": pick(info["signature"], ku),
            "dom": pick(dom_values, k_dom),
            "corp": pick(corp_u, k_corp),
            "sample": pick(comp_u, comp_c[pos]),
            "rows": np.bincount(row_key[sel], minlength=k),
        }
    ).astype({c: "string" for c in ("norm", "core", "signature", "dom", "corp", "sample")})
    keys["signature"] = keys["signature"].fillna("")
    keys = keys.join(_readings(pick(info["spaced"], ku), workers=workers))
    keys["form"] = row_form[pos].astype(np.int8)
    keys["stem"] = domain_stem(keys["dom"])
    shared = (
        leads["registry_shared"].astype("boolean").fillna(False).to_numpy(dtype=bool)
        if "registry_shared" in leads.columns
        else np.zeros(len(leads), dtype=bool)
    )
    keys["shared"] = np.bincount(row_key[sel], weights=shared[sel], minlength=k) > 0
    keys["dkey"] = keys["norm"].fillna("") + "|" + keys["dom"].fillna("")
    # the name as typing slips leave it (ー, small kana, 濁点, old kanji forms: typos.skeleton)
    s_codes, s_uniq = pd.factorize(keys["norm"])
    skel = np.array([skeleton(str(u)) for u in s_uniq.tolist()] + [None], dtype=object)
    keys["skel"] = pd.array(skel[s_codes], dtype="string")
    rows = pd.DataFrame({"company_code": comp_c, "corp_valid": valid.to_numpy()}, index=leads.index)
    rows["corp_valid"] = rows["corp_valid"].astype("boolean")
    rows.attrs["companies"] = comp_u
    return row_key, keys, rows
