"""Join keys, defined once: e-mail, person name, company and account.

Every area compares people and companies through these functions, so a row
that links on one page links on every page:

* :func:`email_key` — an e-mail address as a join key (one spelling of it);
* :func:`name_key` — a person's name as typed in a CRM report;
* :func:`company_key` — 名寄せ's exact-match company key
  (:func:`abm.resolve.normalise_company`);
* :func:`account_key` — the account of a row: the ``account_id`` that
  :func:`abm.pipeline.prepare` wrote (名寄せ's account, ``crm:<id>`` or
  ``co:<company>``); a frame that was never prepared falls back to
  ``co:<company key>``, the same key ``prepare`` gives a company no lead has;
* :func:`positions` / :func:`lead_positions` — where each row's key is found
  in another table (first occurrence), e.g. the lead of each activity.

Work is done once per distinct value and broadcast back (factorize), so a
million activities with a hundred thousand addresses cost a hundred
thousand normalisations.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pandas as pd

__all__ = [
    "COMPANY_PREFIX",
    "account_key",
    "company_account",
    "company_key",
    "email_key",
    "id_positions",
    "lead_positions",
    "name_key",
    "person_name_keys",
    "positions",
]

#: Prefix of the account of a company that no kept lead and no account row has.
COMPANY_PREFIX = "co:"

_EMAIL_EDGES = "<>\"'`;,()[]"
_SPACE = re.compile(r"\s+")
#: A Salesforce record id: 15 case-sensitive characters, or 18 with a checksum suffix.
_SF_ID = re.compile(r"[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?")


def _by_unique(values: pd.Series, fn: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """Apply a vectorised ``Series -> Series`` to the distinct values only; NA stays NA."""
    codes, uniques = pd.factorize(values.astype("string"), use_na_sentinel=True)
    done = fn(pd.Series(uniques, dtype="string")).astype("string")
    table = np.append(done.to_numpy(dtype=object, na_value=None), None)
    return pd.Series(table[codes], index=values.index, dtype="string", name=values.name)


def _email(u: pd.Series) -> pd.Series:
    s = u.str.normalize("NFKC").str.replace(_SPACE, "", regex=True).str.lower()
    s = s.str.strip(_EMAIL_EDGES).str.removeprefix("mailto:")
    ok = (s.str.count("@") == 1) & ~s.str.startswith("@") & ~s.str.endswith("@")
    return s.where(ok.fillna(False).to_numpy(dtype=bool))


def email_key(emails: pd.Series) -> pd.Series:
    """An e-mail address as a join key: the one spelling every area compares.

    NFKC (full-width ``ＴＡＲＯ`` → ``taro``), every whitespace removed (incl.
    U+3000), lower case, surrounding ``<>"'`` and a ``mailto:`` prefix
    stripped. A value without exactly one ``@`` with text on both sides is no
    address: ``NA``. Lower case, not case-folding: ``ß`` stays ``ß``.

    Parameters
    ----------
    emails : pandas.Series
        Addresses as exported.

    Returns
    -------
    pandas.Series
        ``string`` dtype, same index and name.

    Examples
    --------
    >>> email_key(pd.Series([" Taro@Alpha.co.jp", "mailto:x@y.jp", "no-address"])).tolist()
    ['taro@alpha.co.jp', 'x@y.jp', <NA>]
    """
    return _by_unique(emails, _email)


def _name(u: pd.Series) -> pd.Series:
    s = u.str.normalize("NFKC").str.replace(_SPACE, "", regex=True).str.casefold()
    s = s.str.replace(r"[・･.,、。]", "", regex=True)
    return s.mask(s == "")


def name_key(names: pd.Series) -> pd.Series:
    """A person's name as a join key: NFKC, every space (incl. U+3000) and dot removed, case-folded.

    ``山田　太郎``, ``山田 太郎`` and ``山田太郎`` give one key; so do ``John
    Smith`` and ``JOHN SMITH``. The order of the parts is kept (see
    :func:`person_name_keys` for both orders).

    Returns
    -------
    pandas.Series
        ``string`` dtype, same index; ``NA`` for missing or blank names.
    """
    return _by_unique(names, _name)


def person_name_keys(people: pd.DataFrame) -> list[pd.Series]:
    """The name keys a person can be found by: full name, family + given, given + family.

    Japanese exports write 姓 then 名, English ones First then Last; a report's
    ``Contact: Full Name`` follows the locale. Each present spelling is a key.

    Parameters
    ----------
    people : pandas.DataFrame
        Canonical leads (``full_name``, ``last_name``, ``first_name``; any may be absent).

    Returns
    -------
    list of pandas.Series
        ``string`` keys aligned with ``people`` (possibly empty list).
    """
    out = []
    if "full_name" in people.columns:
        out.append(name_key(people["full_name"]))
    if "last_name" in people.columns and "first_name" in people.columns:
        last = people["last_name"].astype("string")
        first = people["first_name"].astype("string")
        out.append(name_key(last + first))
        out.append(name_key(first + last))
    return out


def company_key(companies: pd.Series) -> pd.Series:
    """名寄せ's exact-match key of a company name (:func:`abm.resolve.normalise_company`).

    Legal forms anywhere (株式会社, (株), ㈱, Co., Ltd.…), width, case and
    spaces do not matter; ``NA`` when nothing is left.

    Returns
    -------
    pandas.Series
        ``string`` dtype, same index.
    """
    from abm.resolve.normalise import normalise_company  # resolve sits above core

    return normalise_company(companies.astype("string")).astype("string")


def company_account(companies: pd.Series) -> pd.Series:
    """The account of a company that 名寄せ did not see: ``"co:" + company_key``."""
    return (COMPANY_PREFIX + company_key(companies)).astype("string")


def account_key(frame: pd.DataFrame) -> pd.Series:
    """The account of each row: its ``account_id``, else ``co:<company key>``.

    After :func:`abm.pipeline.prepare` every lead, opportunity, activity and
    account row carries ``account_id`` (名寄せ's); the fallback only serves
    frames that were never prepared and gives the key ``prepare`` would give
    a company with no kept lead.

    Returns
    -------
    pandas.Series
        ``string`` dtype, same index; ``NA`` when neither is known.
    """
    key = pd.Series(pd.NA, index=frame.index, dtype="string")
    if "account_id" in frame.columns:
        ids = frame["account_id"].astype("string")
        key = ids.mask(ids.str.strip() == "")
    if "company" in frame.columns and bool(key.isna().any()):
        todo = key.isna().to_numpy(dtype=bool)
        fill = company_account(frame.loc[todo, "company"])
        key = key.copy()
        key[todo] = fill.to_numpy(dtype=object, na_value=None)
    return key.rename("account_id")


def positions(table: pd.Series, wanted: pd.Series) -> np.ndarray:
    """Position of each wanted key in ``table`` (its first occurrence), ``-1`` if absent.

    Missing keys never match. Both are compared as given (normalise first).

    Returns
    -------
    numpy.ndarray
        ``int64``, aligned with ``wanted``.
    """
    if len(table) == 0 or len(wanted) == 0:
        return np.full(len(wanted), -1, dtype=np.int64)
    t = table.astype("string")
    keep = (t.notna() & ~t.duplicated(keep="first")).to_numpy(dtype=bool)
    if not keep.any():
        return np.full(len(wanted), -1, dtype=np.int64)
    index = pd.Index(t[keep].to_numpy(dtype=object))
    rows = np.flatnonzero(keep)
    codes, uniques = pd.factorize(wanted.astype("string"), use_na_sentinel=True)
    found = index.get_indexer(np.asarray(uniques, dtype=object))
    found = np.append(np.where(found >= 0, rows[np.maximum(found, 0)], -1), -1)
    return found[codes].astype(np.int64)


def _sf15(ids: pd.Series) -> pd.Series:
    s = ids.astype("string").str.strip()
    ok = s.str.fullmatch(_SF_ID).fillna(False) & s.str.contains(r"[A-Za-z]", regex=True).fillna(
        False
    )
    return s.str.slice(0, 15).where(ok.to_numpy(dtype=bool))


def id_positions(table: pd.Series, wanted: pd.Series, *, separator: str = ";") -> np.ndarray:
    """Position of each wanted record id in ``table``, ``-1`` if absent.

    Ids match exactly after trimming; a cell listing several ids
    (``"101;205"``, HubSpot's associated contacts) takes the first listed id
    that is found; a Salesforce id matches in its 15- or 18-character form.

    Parameters
    ----------
    table : pandas.Series
        Ids of the target rows (e.g. ``leads["lead_id"]``).
    wanted : pandas.Series
        Ids written on the rows to link.
    separator : str
        Separator of id lists.

    Returns
    -------
    numpy.ndarray
        ``int64``, aligned with ``wanted``.
    """
    t = table.astype("string").str.strip()
    w = wanted.astype("string").str.strip()
    out = positions(t, w)
    listed = (out < 0) & w.str.contains(separator, regex=False).fillna(False).to_numpy(dtype=bool)
    if listed.any():
        parts = w[listed].str.split(separator).explode().str.strip()
        hit = positions(t, parts.astype("string"))
        found = pd.DataFrame({"row": parts.index.to_numpy(), "pos": hit})
        found = found[found["pos"] >= 0].drop_duplicates("row", keep="first")
        where = pd.Index(w.index).get_indexer(found["row"].to_numpy())
        out[where] = found["pos"].to_numpy()
    todo = out < 0
    if todo.any():
        t15 = _sf15(t)
        if bool(t15.notna().any()):
            hit = positions(t15, _sf15(w[todo]))
            out[np.flatnonzero(todo)] = hit
    return out


def lead_positions(frame: pd.DataFrame, leads: pd.DataFrame) -> np.ndarray:
    """Position (``iloc``) in ``leads`` of each row's person: by ``lead_id``, else e-mail.

    After :func:`abm.pipeline.prepare` linked rows carry their kept lead's
    ``lead_id``; the e-mail step serves frames that were never prepared.

    Parameters
    ----------
    frame : pandas.DataFrame
        Activities or opportunities.
    leads : pandas.DataFrame
        Canonical leads.

    Returns
    -------
    numpy.ndarray
        ``int64`` positions, ``-1`` for rows with no person.
    """
    pos = np.full(len(frame), -1, dtype=np.int64)
    if "lead_id" in frame.columns and "lead_id" in leads.columns:
        pos = id_positions(leads["lead_id"], frame["lead_id"])
    todo = pos < 0
    if "email" in frame.columns and "email" in leads.columns and todo.any():
        by_mail = positions(email_key(leads["email"]), email_key(frame["email"].loc[todo]))
        pos[np.flatnonzero(todo)] = by_mail
    return pos
