"""An optional official registry of companies, read offline from a file the user supplies.

Two published layouts are read, plus a plain table:

* the **National Tax Agency corporate-number bulk download** (法人番号公表サイト
  「全件データ」/ 都道府県別, CSV, Unicode or Shift_JIS edition, optionally
  still zipped): no header, 30 columns in the published order — 一連番号,
  法人番号, 処理区分, 訂正区分, 更新年月日, 変更年月日, 商号又は名称, …,
  最新履歴 (24th), 商号又は名称（英語表記） (25th), …, フリガナ (29th),
  検索対象除外 (30th). Only the latest record of each number is kept.
* the **EDINET code list** (EDINETコードリスト, Financial Services Agency,
  cp932): one line of download metadata, then a header with 提出者名,
  提出者名（英字）, 提出者名（ヨミ）, 提出者法人番号.
* a CSV with the columns :data:`REGISTRY_COLUMNS`.

:func:`match_registry` attaches each lead to at most one registry company —
by its valid corporate number, else by its normalised name, else (names in
Latin letters) by the English name or the romaji of the registry's
furigana, each only when exactly one registry company carries it, and last
by a Japanese name one typing slip from a registry name (``ー``, small kana,
濁点, old kanji forms: equal :func:`abm.resolve.typos.skeleton`) — and flags
names that several registry companies carry (then no weaker key is tried).
A Japanese name that no registry company carries, as it is or by its
skeleton, is then read as a slip of the one registry name it can be a slip
of: that name with one character (not the first) missing (住友電気工業 →
住友気工業, プレシジョンサイエンス → プレシジョンサイエス), or a name written the
same length, at most two characters apart, that reads as the registry's
furigana does (ジャニス興業 for ジャニス工業: :func:`abm.resolve.typos.slip` says
``homophone``). Without a registry a dropped kanji of a short name is refused
(松電機 may be a company of its own); a registry that carries no such name and
exactly one name it is a slip of (of these two kinds) settles it. A name left
with one distinctive character (新光商事 → 新商事, 新光サービス → 新サービス) is any
company's slip and is never matched so. Two candidates, or two ways to different
companies, match nothing. This reading assumes the registry knows the company
a lead is at — the National Tax Agency's national file does; with the EDINET
list (listed companies only) or one prefecture's file, an unlisted company whose
name looks like a slip of a listed one is attached to it: ``registry_match``
says ``drop`` or ``homophone`` for every such lead, and the Cleaning page counts
them. A lead with a valid corporate number of its own is matched by that number
only: its name never attaches it to another registry company.
``registry_match`` says which key matched. Matching
then uses the registry's number as evidence and never merges identical
names the registry shows to be different companies. Without a registry
everything works as before.
"""

from __future__ import annotations

import io
import zipfile

import numpy as np
import pandas as pd

from abm.errors import MoriError
from abm.resolve.corpnum import clean_corporate_number, is_valid_corporate_number
from abm.resolve.namekeys import name_keys
from abm.resolve.normalise import analyse_names, normalise_company
from abm.resolve.romanise import fold_romaji, kana_to_romaji, read_kana
from abm.resolve.typos import _KANJI, _KATA, _SMALL, distinctive, skeleton, slip

__all__ = [
    "MATCH_COLUMNS", "MATCH_KINDS", "REGISTRY_COLUMNS", "SLIP_KINDS", "match_registry",
    "read_registry",
]  # fmt: skip

#: Columns of a registry frame.
REGISTRY_COLUMNS = ("corporate_number", "name", "reading", "english_name")
#: Columns :func:`match_registry` adds to the leads.
MATCH_COLUMNS = (
    "registry_corporate_number",
    "registry_name",
    "registry_reading",
    "registry_english_name",
    "registry_shared",
    "registry_match",
)
#: What ``registry_match`` says, strongest first.
MATCH_KINDS = ("number", "name", "english", "reading", "skeleton", "drop", "homophone")
#: The kinds that read a name no registry company carries as a typing slip of one.
SLIP_KINDS = ("drop", "homophone")
#: Positions (0-based) in the NTA bulk CSV: number, name, latest, English name, furigana.
_NTA = {"corporate_number": 1, "name": 6, "latest": 23, "english_name": 24, "reading": 28}
_NTA_WIDTH = 30
_EDINET = {
    "提出者法人番号": "corporate_number",
    "提出者名": "name",
    "提出者名（ヨミ）": "reading",
    "提出者名（英字）": "english_name",
}
#: Small kana written large (as skeletons write them) and ``ー`` dropped: readings compared
#: as candidates only.
_FOLD = {**_SMALL, ord("ー"): None}
#: Furigana suffixes and prefixes that spell a legal form (カブシキガイシャ …).
_READ_FORMS = r"^(?:カブシキ|ユウゲン|ゴウドウ|ゴウシ|ゴウメイ)[ガカ]イシ[ャヤ]|(?:カブシキ|ユウゲン|ゴウドウ|ゴウシ|ゴウメイ)(?:[ガカ]イシ[ャヤ])?$"


def _text(data: bytes, file: str) -> str:
    if data[:2] == b"PK":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                members = [n for n in zf.namelist() if n.lower().endswith(".csv")]
                if not members:
                    raise MoriError("resolve.err.registry_layout", file=file)
                data = zf.read(members[0])
        except zipfile.BadZipFile as err:
            raise MoriError("resolve.err.registry_layout", file=file) from err
    for enc in ("utf-8-sig", "cp932"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise MoriError("resolve.err.registry_layout", file=file)


def _frame(text: str, *, header: int | None) -> pd.DataFrame:
    return pd.read_csv(
        io.StringIO(text), header=header, dtype=str, keep_default_na=False, on_bad_lines="skip"
    )


def read_registry(data: bytes, *, file: str = "registry") -> pd.DataFrame:
    """Read a registry file in one of the layouts of the module docstring.

    Parameters
    ----------
    data : bytes
        The file as uploaded (CSV, or a zip holding one).
    file : str
        Its name, for messages.

    Returns
    -------
    pandas.DataFrame
        :data:`REGISTRY_COLUMNS` (``string``), one row per valid corporate
        number; rows whose number fails its check digit are dropped.

    Raises
    ------
    MoriError
        ``resolve.err.registry_layout`` when the layout is none of these, or
        ``resolve.err.registry_empty`` when no row has a valid number.
    """
    text = _text(data, file)
    head = text.lstrip("\ufeff").split("\n", 2)
    if len(head) > 1 and "提出者法人番号" in head[1]:
        raw = _frame(text, header=1).rename(columns=lambda c: str(c).strip())
        out = raw.rename(columns=_EDINET).reindex(columns=list(REGISTRY_COLUMNS))
    elif "corporate_number" in head[0] and "name" in head[0]:
        out = _frame(text, header=0).reindex(columns=list(REGISTRY_COLUMNS))
    else:
        raw = _frame(text, header=None)
        if raw.shape[1] < _NTA_WIDTH - 2:
            raise MoriError("resolve.err.registry_layout", file=file)
        raw = raw.reindex(columns=range(_NTA_WIDTH))
        raw = raw[raw[_NTA["latest"]].fillna("1").isin(["1", ""])]
        out = pd.DataFrame({k: raw[v] for k, v in _NTA.items() if k != "latest"})
        out = out.reindex(columns=list(REGISTRY_COLUMNS))
    out = out.fillna("").astype("string")
    out["corporate_number"] = clean_corporate_number(out["corporate_number"])
    ok = is_valid_corporate_number(out["corporate_number"]).fillna(False).to_numpy(dtype=bool)
    out = out[ok].drop_duplicates("corporate_number", keep="last").reset_index(drop=True)
    if out.empty:
        raise MoriError("resolve.err.registry_empty", file=file)
    return out.astype("string")


def _unique(keys: pd.Series, numbers: pd.Series) -> tuple[pd.Series, set[str]]:
    """Key → number for keys that exactly one registry number carries; and the shared keys."""
    f = pd.DataFrame({"k": keys.to_numpy(dtype=object), "n": numbers.to_numpy(dtype=object)})
    f = f.dropna().drop_duplicates()
    f = f[f["k"].str.len() > 0]
    count = f.groupby("k")["n"].nunique()
    one = f[f["k"].map(count).to_numpy() == 1].drop_duplicates("k").set_index("k")["n"]
    return one, set(count.index[count.to_numpy() > 1])


def _skeletons(norms: pd.Series) -> pd.Series:
    """Typing-slip skeletons (:func:`abm.resolve.typos.skeleton`) of Japanese names, once each."""
    codes, uniq = pd.factorize(norms)
    out = np.array([*(None if u.isascii() else skeleton(u) for u in uniq), None], dtype=object)
    return pd.Series(out[codes], index=norms.index, dtype="string")


def _reading_core(readings: pd.Series) -> pd.Series:
    """Furigana without spaces, ``・`` and the legal form (カブシキガイシャ …)."""
    core = readings.fillna("").str.replace(r"[\s\u3000・]", "", regex=True)
    return core.str.replace(_READ_FORMS, "", regex=True)


def _roman_of_reading(core: pd.Series) -> pd.Series:
    return core.map(lambda r: fold_romaji(kana_to_romaji(r) or "") or None)


def _dropped(names: pd.Series, reg_skel: pd.Series, num: pd.Series) -> pd.DataFrame:
    """``name, number`` for each skeleton in ``names`` that a registry skeleton gives with
    one character, not its first, left out: a kanji, when two distinctive characters stay
    beside the generic words (:func:`abm.resolve.typos.distinctive`: 新光商事 → 新商事 is any
    新○商事's slip), or a kana, when the skeleton keeps four characters.

    A national registry is not spelt out: a registry name ``r`` one longer than a name
    ``u`` of length ``m`` that misses its character ``i >= 1`` starts with ``u[:h]``
    (when ``i >= h``) or starts with ``u[0]`` and ends with ``u[-(m - h + 1):]`` (when
    ``i < h``), ``h = (m + 1) // 2``: a few vectorised look-ups per length pick the
    candidates, and only those are spelt out."""
    want = set(names.tolist())
    known = reg_skel.notna().to_numpy(dtype=bool)
    rs, numbers = reg_skel[known], num.to_numpy(dtype=object)[known]
    size = rs.str.len().to_numpy()
    pick = np.zeros(len(rs), dtype=bool)
    for m in sorted({len(u) for u in want if len(u) >= 2}):
        h = (m + 1) // 2
        of_m = [u for u in want if len(u) == m]
        at = np.flatnonzero(size == m + 1)
        sub = rs.iloc[at]
        head = sub.str[:h].isin({u[:h] for u in of_m}).to_numpy(dtype=bool)
        tail = sub.str[-(m - h + 1) :].isin({u[-(m - h + 1) :] for u in of_m}).to_numpy(dtype=bool)
        first = sub.str[0].isin({u[0] for u in of_m}).to_numpy(dtype=bool)
        pick[at[head | (tail & first)]] = True
    found: list[tuple[str, str]] = []
    for r, n in zip(rs[pick].tolist(), numbers[pick].tolist(), strict=True):
        for i in range(1, len(r)):
            v = r[:i] + r[i + 1 :]
            if v not in want:
                continue
            if (_KATA.match(r[i]) and len(v) >= 4) or (_KANJI.match(r[i]) and distinctive(v) >= 2):
                found.append((v, n))
    return pd.DataFrame(found, columns=["name", "number"], dtype="string")


def _homophones(
    names: pd.Series, reg_norm: pd.Series, num: pd.Series, core: pd.Series
) -> pd.DataFrame:
    """``name, number`` for each kanji name that reads as exactly one registry company's
    furigana (small kana and ``ー`` aside) and is a homophone slip of its name
    (:func:`abm.resolve.typos.slip`: the same length, at most two characters apart)."""
    kanji = names[names.str.contains(_KANJI.pattern, regex=True).to_numpy(dtype=bool)]
    said = pd.Series(
        [(read_kana(s) or "").translate(_FOLD) or None for s in kanji.tolist()],
        index=kanji.to_numpy(dtype=object),
    ).dropna()
    if said.empty:
        return pd.DataFrame({"name": [], "number": []}, dtype="string")
    # furigana write small kana large or not (キヤノン): both sides folded, then the pool is
    # looked up against the few names; typos.slip judges each candidate on the names
    folded = core.str.translate(_FOLD)
    near = folded.isin(set(said.tolist())).to_numpy(dtype=bool)
    by_read, _ = _unique(folded[near], num[near])
    said = said.map(by_read).dropna()
    own = pd.Series(reg_norm.to_numpy(dtype=object), index=num.to_numpy(dtype=object))
    own = own.reindex(pd.unique(said.to_numpy(dtype=object)))
    ok = [
        slip(a, str(own[b])) == (True, "homophone") for a, b in zip(said.index, said, strict=True)
    ]
    return pd.DataFrame({"name": said.index[ok], "number": said[ok].to_numpy()}, dtype="string")


def _slips(
    norms: pd.Series, num: pd.Series, reg_norm: pd.Series, reg_skel: pd.Series, core: pd.Series
) -> pd.DataFrame:
    """Japanese names no registry company carries → the one registry company each is a
    slip of (index: the name; ``number``, ``how``): see the module docstring. ``core``:
    the registry's furigana as :func:`_reading_core` leaves them."""
    names = pd.Series(norms.dropna().unique(), dtype="string")
    skel = names.map(skeleton).astype("string")
    carried = set(reg_skel[reg_skel.isin(set(skel.tolist())).to_numpy(dtype=bool)].tolist())
    free = ~skel.isin(carried).to_numpy(dtype=bool)
    names, skel = names[free], skel[free]
    by_skel = pd.DataFrame({"name": names.to_numpy(), "skel": skel.to_numpy()})
    drops = _dropped(skel, reg_skel, num).merge(by_skel, left_on="name", right_on="skel")
    ways = pd.concat(
        [
            drops[["name_y", "number"]].set_axis(["name", "number"], axis=1).assign(how="drop"),
            _homophones(names, reg_norm, num, core).assign(how="homophone"),
        ],
        ignore_index=True,
    ).drop_duplicates(["name", "number"])
    one = ways.groupby("name")["number"].transform("nunique").to_numpy() == 1
    return ways[one].drop_duplicates("name").set_index("name")[["number", "how"]]


def match_registry(leads: pd.DataFrame, registry: pd.DataFrame) -> pd.DataFrame:
    """Attach leads to registry companies; see the module docstring.

    Parameters
    ----------
    leads : pandas.DataFrame
        ``company`` and optionally ``corporate_number``. Not modified.
    registry : pandas.DataFrame
        From :func:`read_registry`.

    Returns
    -------
    pandas.DataFrame
        A copy of ``leads`` with :data:`MATCH_COLUMNS`: the registry's number,
        official name, reading and English name (NA when no single company
        matches) and ``registry_shared`` (the name is carried by several
        registry companies: different companies) and ``registry_match``, which
        key matched (:data:`MATCH_KINDS`; NA when none).
    """
    reg = registry.astype("string")
    num = reg["corporate_number"]
    reg_norm = normalise_company(reg["name"])
    by_name, shared_name = _unique(reg_norm, num)
    reg_skel = _skeletons(reg_norm)
    by_skel, _ = _unique(reg_skel, num)
    by_en, shared_en = _unique(normalise_company(reg["english_name"]), num)
    read_core = _reading_core(reg["reading"])
    by_read, shared_read = _unique(_roman_of_reading(read_core), num)
    company = leads["company"].astype("string") if "company" in leads else None
    n = len(leads)
    found = pd.Series(pd.NA, index=leads.index, dtype="string")
    how = pd.Series(pd.NA, index=leads.index, dtype="string")
    shared = np.zeros(n, dtype=bool)
    numbered = np.zeros(n, dtype=bool)  # a valid number of its own: the lead's identity
    if "corporate_number" in leads:
        own = clean_corporate_number(leads["corporate_number"].astype("string"))
        numbered = is_valid_corporate_number(own).fillna(False).to_numpy(dtype=bool)
        found = own.where(numbered & own.isin(num).fillna(False).to_numpy(dtype=bool))
        how = how.where(found.isna(), "number")
    if company is not None:
        norm = normalise_company(company)
        codes, uniq = pd.factorize(company)
        spaced = analyse_names(pd.Series(uniq, dtype="string"))["spaced"]
        roman = np.array(
            [*(name_keys(str(s)).roman if pd.notna(s) else None for s in spaced), None]
        )
        roman = pd.Series(roman[codes], index=leads.index, dtype="string")
        latin = norm.str.isascii().fillna(False).to_numpy(dtype=bool) & ~numbered
        everyone = ~numbered
        # strongest first; a name several registry companies carry stops the weaker keys
        for kind, keys, table, many, who in (
            ("name", norm, by_name, shared_name, everyone),
            ("english", norm, by_en, shared_en, latin),
            ("reading", roman, by_read, shared_read, latin),
            ("skeleton", _skeletons(norm), by_skel, set(), everyone),
        ):
            hit = keys.map(table).astype("string").where(who & ~shared)
            how = how.where(found.notna() | hit.isna(), kind)
            found = found.fillna(hit)
            shared |= keys.isin(many).fillna(False).to_numpy(dtype=bool) & who
        japanese = ~norm.str.isascii().fillna(True).to_numpy(dtype=bool)
        rest = found.isna().to_numpy() & ~shared & ~numbered & japanese
        if rest.any():
            slips = _slips(norm[rest], num, reg_norm, reg_skel, read_core)
            hit = norm[rest].map(slips["number"]).astype("string")
            how[rest] = norm[rest].map(slips["how"]).astype("string").where(hit.notna())
            found[rest] = hit
    info = reg.set_index("corporate_number")
    out = leads.copy()
    out["registry_corporate_number"] = found.astype("string")
    for col in ("name", "reading", "english_name"):
        out[f"registry_{col}"] = found.map(info[col]).astype("string")
    out["registry_shared"] = pd.array(shared & found.isna().to_numpy(), dtype="boolean")
    out["registry_match"] = how  # set only where a number was found
    return out
