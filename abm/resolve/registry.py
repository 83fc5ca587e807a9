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
names that several registry companies carry (then no weaker key is tried). Matching
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
from abm.resolve.romanise import fold_romaji, kana_to_romaji
from abm.resolve.typos import skeleton

__all__ = ["MATCH_COLUMNS", "REGISTRY_COLUMNS", "match_registry", "read_registry"]

#: Columns of a registry frame.
REGISTRY_COLUMNS = ("corporate_number", "name", "reading", "english_name")
#: Columns :func:`match_registry` adds to the leads.
MATCH_COLUMNS = (
    "registry_corporate_number",
    "registry_name",
    "registry_reading",
    "registry_english_name",
    "registry_shared",
)
#: Positions (0-based) in the NTA bulk CSV: number, name, latest, English name, furigana.
_NTA = {"corporate_number": 1, "name": 6, "latest": 23, "english_name": 24, "reading": 28}
_NTA_WIDTH = 30
_EDINET = {
    "提出者法人番号": "corporate_number",
    "提出者名": "name",
    "提出者名（ヨミ）": "reading",
    "提出者名（英字）": "english_name",
}
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


def _roman_of_reading(readings: pd.Series) -> pd.Series:
    core = readings.fillna("").str.replace(r"[\s\u3000・]", "", regex=True)
    core = core.str.replace(_READ_FORMS, "", regex=True)
    return core.map(lambda r: fold_romaji(kana_to_romaji(r) or "") or None)


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
        registry companies: different companies).
    """
    reg = registry.astype("string")
    num = reg["corporate_number"]
    reg_norm = normalise_company(reg["name"])
    by_name, shared_name = _unique(reg_norm, num)
    by_skel, _ = _unique(_skeletons(reg_norm), num)
    by_en, shared_en = _unique(normalise_company(reg["english_name"]), num)
    by_read, shared_read = _unique(_roman_of_reading(reg["reading"]), num)
    company = leads["company"].astype("string") if "company" in leads else None
    n = len(leads)
    found = pd.Series(pd.NA, index=leads.index, dtype="string")
    shared = np.zeros(n, dtype=bool)
    if "corporate_number" in leads:
        own = clean_corporate_number(leads["corporate_number"].astype("string"))
        own = own.where(is_valid_corporate_number(own).fillna(False).to_numpy(dtype=bool))
        found = own.where(own.isin(num).fillna(False).to_numpy(dtype=bool))
    if company is not None:
        norm = normalise_company(company)
        codes, uniq = pd.factorize(company)
        spaced = analyse_names(pd.Series(uniq, dtype="string"))["spaced"]
        roman = np.array(
            [*(name_keys(str(s)).roman if pd.notna(s) else None for s in spaced), None]
        )
        roman = pd.Series(roman[codes], index=leads.index, dtype="string")
        latin = norm.str.isascii().fillna(False).to_numpy(dtype=bool)
        everyone = np.ones(n, dtype=bool)
        # strongest first; a name several registry companies carry stops the weaker keys
        for keys, table, many, who in (
            (norm, by_name, shared_name, everyone),
            (norm, by_en, shared_en, latin),
            (roman, by_read, shared_read, latin),
            (_skeletons(norm), by_skel, set(), everyone),
        ):
            hit = keys.map(table).astype("string").where(who & ~shared)
            found = found.fillna(hit)
            shared |= keys.isin(many).fillna(False).to_numpy(dtype=bool) & who
    info = reg.set_index("corporate_number")
    out = leads.copy()
    out["registry_corporate_number"] = found.astype("string")
    for col in ("name", "reading", "english_name"):
        out[f"registry_{col}"] = found.map(info[col]).astype("string")
    out["registry_shared"] = pd.array(shared & found.isna().to_numpy(), dtype="boolean")
    return out
