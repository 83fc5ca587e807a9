"""Company-name and email normalisation: pure ``Series -> Series`` functions.

The normalised name is the exact-match key: NFKC (full/half width, half-width
kana, U+3000), lower case, hiragana folded to katakana, legal forms removed
wherever they stand (前株/後株, ``(株)``/``（株）``/``㈱``, ``Co., Ltd.``…),
branch suffixes removed (``大阪支店``), a site after the name removed
(``東邦繊維株式会社　川崎工場``, ``山陽精機（工場）``: :data:`vocab.SITE_WORDS`), an
honorific at the end removed (``双葉商事様``: :data:`vocab.HONORIFICS`), punctuation and
spaces removed.
Holding-company words are kept (unified to one token) because a holding
company is a different legal entity from its operating company.

The *core* name additionally drops generic business words (電機, 商事,
ソリューションズ…); the removed words form the *generic signature*, which
must agree before two names may merge on a fuzzy score (三和電機 ≠ 三和商事).

Work is done once per distinct value and mapped back, so a million rows with
a hundred thousand distinct names cost a hundred thousand normalisations.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from abm.core.keys import email_domain  # the one e-mail domain (#14)
from abm.core.keys import email_key as normalise_email  # the one e-mail key (#14)
from abm.core.parallel import map_split
from abm.resolve import vocab
from abm.resolve.confusables import FOLD

__all__ = [
    "analyse_distinct",
    "analyse_names",
    "core_name",
    "digit_signature",
    "domain_stem",
    "email_domain",
    "fold_confusables",
    "generic_signature",
    "is_free_mail",
    "norm_of",
    "normalise_company",
    "normalise_email",
    "org_domain",
    "without_site",
]

_KANA = {c: c + 0x60 for c in range(0x3041, 0x3097)}
_KANA.update({ord("ヶ"): "ケ", ord("ヵ"): "カ"})
_KANA.update({ord(k): v for k, v in vocab.KANJI_VARIANTS.items()})

_ABBR = "|".join(re.escape(a[1:-1]) for a in vocab.JA_LEGAL_ABBREVIATIONS)
_RE_JA_FORMS = re.compile(
    "|".join(re.escape(f.lower()) for f in sorted(vocab.JA_LEGAL_FORMS, key=len, reverse=True))
)
_A = r"(?<![a-z0-9])"
_Z = r"(?![a-z0-9])"
_EN_FORMS = "|".join(f.replace(" ", r"\s") for f in vocab.EN_LEGAL_FORMS)
_RE_EN_END = re.compile(rf"\s({_EN_FORMS})$")
_RE_EN_START = re.compile(r"^(kabushiki\skaisha|kabushikigaisha|kk|k\sk)\s")
_RE_HOLD = re.compile(rf"{_A}(?:holdings|hldgs|hd){_Z}")
#: English legal forms and the holding word typed without a space (``TOSNETCORPORATION``,
#: ``SintokogioLtd``, ``visionaryholdings``).
_RE_EN_GLUED = re.compile(
    r"(?<=[a-z0-9]{3})(?:coltd|companyltd|companylimited|corporation|ltd|limited)$"
    r"|(?<=[a-z0-9]{4})inc$"
)
_RE_HOLD_GLUED = re.compile(r"(?<=[a-z]{3})holdings(?![a-z])")
#: ``FTGROUP``: the group word typed onto the name.
_RE_GROUP_GLUED = re.compile(r"(?<=[a-z0-9]{2})group(?![a-z])")
_BR_ALL = "|".join(re.escape(w) for w in vocab.BRANCH_WORDS)
_BR_EN = "|".join(w.replace(" ", r"\s") for w in vocab.EN_BRANCH_WORDS)
_PLACES = "|".join(re.escape(p) for p in vocab.PLACES)
_RE_BR_SPACE = re.compile(rf"(?<=\S)\s+(?:{_PLACES})?(?:{_BR_ALL})$")
_RE_BR_EN = re.compile(rf"(?<=\S)\s+(?:(?:{_PLACES})\s)?(?:{_BR_EN})$")
_RE_BR_PLACE = re.compile(rf"(?<=\S)(?:{_PLACES})(?:{_BR_ALL})$")
_RE_BR_BARE = re.compile(rf"(?<=\S)(?:{'|'.join(vocab.BRANCH_WORDS_BARE)})$")
_GEN_JA = sorted((w for w in vocab.GENERIC_WORDS if not w.isascii()), key=len, reverse=True)
_GEN_EN = sorted((w for w in vocab.GENERIC_WORDS if w.isascii()), key=len, reverse=True)
_RE_GENERIC = re.compile(
    "|".join([*(re.escape(w) for w in _GEN_JA), *(rf"{_A}{re.escape(w)}{_Z}" for w in _GEN_EN)])
)


_RE_STRIP = re.compile(rf"\(\s*(?:{_ABBR})\s*\)|{_RE_JA_FORMS.pattern}|(?:[^\w\sー]|[_\s])+")
_RE_TAIL = re.compile(
    rf"(?:{_BR_ALL}|{_BR_EN}|{'|'.join(vocab.BRANCH_WORDS_BARE)})$|\s(?:{_EN_FORMS})$"
    r"|^(?:kabushiki|kk\s|k\sk\s)"
)


#: Legal forms typed wrongly (``株式社会``, ``式株会社``, ``株式会``, ``株式界社``; ``（）株``):
#: a run of 3–4 of these characters with both 株 and 式, at either end of the name.
_GARBLE_CHARS = "株式会社界"
_GARBLE = rf"(?=[{_GARBLE_CHARS}]{{0,3}}株)(?=[{_GARBLE_CHARS}]{{0,3}}式)[{_GARBLE_CHARS}]{{3,4}}"
_RE_GARBLED = re.compile(rf"^\s*{_GARBLE}|{_GARBLE}\s*$|\(\s*\)\s*株|株\s*\(\s*\)")


#: Honorifics at the end of a name (``双葉商事様``, ``X 御中``; :data:`vocab.HONORIFICS`).
_RE_HONORIFIC = re.compile(rf"(?<=\S)\s*(?:{'|'.join(re.escape(h) for h in vocab.HONORIFICS)})\s*$")
_HONORIFIC_ENDS = tuple(h[-1] for h in vocab.HONORIFICS)
#: as written and kana-folded (a normalised ``オ日様`` is normalised again)
_HONORIFIC_KEPT = tuple(
    form
    for w in vocab.HONORIFIC_LOOKALIKES
    for form in (
        unicodedata.normalize("NFKC", w),
        unicodedata.normalize("NFKC", w).translate(_KANA),
    )
)


def _drop_honorific(text: str) -> str:
    """``text`` (NFKC) without an honorific at its end, unless the end is a word of a
    name that only looks like one (``御殿``, ``王様``)."""
    end = text.rstrip()
    if not end.endswith(_HONORIFIC_ENDS) or end.endswith(_HONORIFIC_KEPT):
        return text
    m = _RE_HONORIFIC.search(end)
    return end[: m.start()] if m else text


#: A site, branch or department after the name (:data:`vocab.SITE_WORDS`): after the
#: legal form that closes the name (kept, for the legal-form rules), in brackets, or after
#: a space (the words of :data:`vocab.SITE_WORDS_AFTER_SPACE`, or any site word after
#: an ordinal or a place). Read on prepared text (NFKC, lower case).
_SITE_ALL = "|".join(re.escape(w) for w in vocab.SITE_WORDS)
_SITE_SPACE = "|".join(re.escape(w) for w in vocab.SITE_WORDS_AFTER_SPACE)
_SITE_PRE = r"[^\s()\[\]【】「」]{0,12}?"
_RE_SITE = re.compile(
    rf"(?<=\S)(?:(?P<form>\(\s*(?:{_ABBR})\s*\)|{_RE_JA_FORMS.pattern})\s*{_SITE_PRE}(?:{_SITE_ALL})"
    rf"|\s*[(\[【「]\s*{_SITE_PRE}(?:{_SITE_ALL})\s*[)\]】」]"
    rf"|\s+{_SITE_PRE}(?:{_SITE_SPACE})"
    rf"|\s+(?:{vocab.SITE_ORDINAL}|{_PLACES})(?:{_SITE_ALL}))\s*$"
)
_SITE_ENDS = (*vocab.SITE_WORDS, ")", "]", "】", "」")


def _drop_site(s: str) -> str:
    """Prepared ``s`` without a site part after its name (``x株式会社 川崎工場`` →
    ``x株式会社``; ``山陽精機(工場)`` → ``山陽精機``)."""
    if not s.rstrip().endswith(_SITE_ENDS):
        return s
    cut = _site_cut(s, _RE_SITE)
    return s if cut is None else cut


def _site_cut(s: str, pattern: re.Pattern[str]) -> str | None:
    """``s`` up to the first site part ``pattern`` finds that leaves a name before it (not
    a legal form alone: ``一般社団法人日本X研究所`` is no 社団法人 with a site), or None."""
    pos = 0
    while (m := pattern.search(s, pos)) is not None:
        kept = s[: m.start()] + (m.group("form") or "")
        if _RE_STRIP.sub("", kept.lower()):
            return kept
        pos = m.start() + 1
    return None


_RE_SITE_SHOWN = re.compile(_RE_SITE.pattern, re.IGNORECASE)
#: A branch after a space that the normalised name drops too (``株式会社明星食品 本社``);
#: not 研究所 or 工場 alone (``株式会社 野村 研究所`` is shown as typed).
_RE_BR_SPACE_SHOWN = re.compile(
    rf"(?<=\S)\s+(?:{_PLACES})?(?:{'|'.join(vocab.BRANCH_WORDS_BARE)})$", re.IGNORECASE
)


def without_site(name: str) -> str:
    """A company name as it may be shown: without an honorific at its end or a site part
    after it (the rules :func:`normalise_company` applies: :data:`vocab.HONORIFICS`,
    :data:`vocab.SITE_WORDS`).

    Parameters
    ----------
    name : str
        A company name as written.

    Returns
    -------
    str
        ``name`` NFKC'd with its spaces collapsed, then without the honorific and the site
        part (``東邦繊維株式会社　川崎工場`` → ``東邦繊維株式会社``, ``山陽精機（工場）`` →
        ``山陽精機``, ``大洋ホテルズ様`` → ``大洋ホテルズ``, ``株式会社明星食品　本社`` →
        ``株式会社明星食品``); the legal form stays. A name
        that would be left empty is returned whole.
    """
    written = " ".join(unicodedata.normalize("NFKC", name).split())
    text = _drop_honorific(written).rstrip()
    if text.endswith(_SITE_ENDS):
        text = (_site_cut(text, _RE_SITE_SHOWN) or text).rstrip()
    if text.endswith(vocab.BRANCH_WORDS_BARE):  # 株式会社明星食品 本社, X 大阪支店: as normalised
        text = _RE_BR_SPACE_SHOWN.sub("", text)
    return text or written


#: A word written in camel case (``PeptiDream``, ``StemCell``): a word starts at a capital
#: after three small letters (``McKinsey`` and ``AbcInc`` stay one word).
_RE_CAMEL = re.compile(r"(?<=[a-z]{3})(?=[A-Z][a-z])")


def _prep(text: str) -> str:
    text = _drop_honorific(unicodedata.normalize("NFKC", text))
    if not text.islower() and not text.isupper():
        text = _RE_CAMEL.sub(" ", text)
    return text.lower().translate(_KANA)


def _unglue(s: str) -> str:
    """An English legal form typed onto the name's last word (``altplusinc``,
    ``SOFT99corporation K.K.`` once ``K.K.`` is gone) taken off."""
    if s[-3:].isascii() and s[-3:].isalpha():
        return _RE_EN_GLUED.sub("", s)
    return s


def _spaced_once(s: str) -> str:
    """One pass over an already prepared (NFKC, lower, kana-folded) string."""
    s = _drop_site(s)
    if "株" in s:
        s = _RE_GARBLED.sub(" ", s)
    s = " ".join(_RE_STRIP.sub(" ", s).split())
    s = _unglue(s)
    if "group" in s:
        s = _RE_GROUP_GLUED.sub(" group", s)
    if "h" in s:
        if "holdings" in s:
            s = _RE_HOLD_GLUED.sub(" holdings", s)
        s = _RE_HOLD.sub(vocab.HOLDINGS_TOKEN, s)
    for _ in range(3):
        if not _RE_TAIL.search(s):
            break
        before = s
        s = _unglue(_RE_EN_END.sub("", s).strip())
        s = _RE_EN_START.sub("", s).strip()
        s = _RE_BR_EN.sub("", s)
        s = _RE_BR_SPACE.sub("", s)
        s = _RE_BR_PLACE.sub("", s)
        s = _RE_BR_BARE.sub("", s)
        if s == before:
            break
    return s


_RE_FORM_KK = re.compile(rf"株式会社|\(\s*株\s*\)|{_RE_GARBLED.pattern}")
_RE_FORM_YK = re.compile(r"有限会社|\(\s*有\s*\)")
_RE_FORM_GK = re.compile(r"合同会社|\(\s*同\s*\)")


def _form_bits(prepped: str) -> int:
    """Japanese legal form written in the name: 1 株式会社, 2 有限会社, 4 合同会社."""
    return (
        (1 if _RE_FORM_KK.search(prepped) else 0)
        | (2 if _RE_FORM_YK.search(prepped) else 0)
        | (4 if _RE_FORM_GK.search(prepped) else 0)
    )


def _analyse_one(text: str, *, prepared: bool = False) -> tuple[str, str]:
    """Return ``(spaced, norm)``; ``norm`` is a fixed point of the normaliser."""
    spaced = _spaced_once(text if prepared else _prep(text))
    return spaced, _settle(spaced.replace(" ", ""))


@functools.lru_cache(maxsize=1 << 20)
def _settle(norm: str) -> str:
    """Normalise ``norm`` again until nothing changes (many spellings of a name share it:
    once per distinct result)."""
    for _ in range(6):
        nxt = _spaced_once(_prep(norm)).replace(" ", "")
        if nxt == norm:
            break
        norm = nxt
    return norm


def _generic_words(spaced: str) -> tuple[list[str], str]:
    """The generic business words of a spaced name, sorted, and the name without them
    (spaces dropped): one scan of :data:`_RE_GENERIC` (what ``findall`` and ``sub`` find)."""
    found, parts, last = [], [], 0
    for m in _RE_GENERIC.finditer(spaced):
        found.append(m.group())
        parts.append(spaced[last : m.start()])
        last = m.end()
    parts.append(spaced[last:])
    return sorted(found), "".join(parts).replace(" ", "")


def _one(text: str) -> str:
    return _analyse_one(text)[1]


def _by_unique(values: pd.Series, func: Callable[[str], str]) -> pd.Series:
    """Apply ``func`` once per distinct non-missing value; empty results become NA."""
    codes, uniques = pd.factorize(values)
    out = np.array([func(str(u)) or None for u in uniques.tolist()] + [None], dtype=object)
    return pd.Series(out[codes], index=values.index, dtype="string", name=values.name)


def digit_signature(values: pd.Series) -> np.ndarray:
    """The digits of each text, in order, as one string (``"第2工場 3号"`` → ``"2,3"``).

    Two names may only merge when their digits agree (三和1号 ≠ 三和2号).

    Parameters
    ----------
    values : pandas.Series
        Names (no missing values).

    Returns
    -------
    numpy.ndarray
        ``object`` array of strings, ``""`` for a name without digits.
    """
    return values.str.findall(r"\d+").str.join(",").to_numpy(dtype=object)


def normalise_company(names: pd.Series) -> pd.Series:
    """Return the exact-match key of each company name.

    Parameters
    ----------
    names : pandas.Series
        Company names as entered.

    Returns
    -------
    pandas.Series
        ``string`` dtype, same index; NA where nothing is left (missing,
        blank, or a name made only of a legal form). Idempotent.

    Examples
    --------
    ``株式会社サカタのタネ``, ``サカタのタネ(株)``, ``㈱ｻｶﾀﾉﾀﾈ`` all give ``サカタノタネ``.
    """
    return _by_unique(names, _one)


_Row = tuple[str | None, str | None, str, str | None, int]


def _analyse_chunk(uniques: list[str]) -> list[_Row]:
    """``(norm, core, signature, spaced, form)`` of each distinct name."""
    out: list[_Row] = []
    # many raw spellings share one prepared text, and many of those one spaced name
    cache: dict[str, _Row] = {}
    by_spaced: dict[str, tuple[str | None, str | None, str, str | None]] = {}
    for u in uniques:
        prepped = _prep(u)
        hit = cache.get(prepped)
        if hit is None:
            spaced, norm = _analyse_one(prepped, prepared=True)
            row = by_spaced.get(spaced)
            if row is None:
                found, core = _generic_words(spaced)
                row = (norm or None, (core or norm) or None, "+".join(found), spaced or None)
                by_spaced[spaced] = row
            hit = cache[prepped] = (*row, _form_bits(prepped))
        out.append(hit)
    return out


_ANALYSIS = ("norm", "core", "signature", "spaced", "form")


def _per_name(
    texts: list[str],
    workers: int,
    known: pd.DataFrame | None,
    columns: tuple[str, ...] = _ANALYSIS,
) -> list[list]:
    """The ``columns`` (of :data:`_ANALYSIS`) of each distinct name: taken from ``known``
    where it has the name, computed (:func:`_analyse_chunk`, shared out by ``map_split``)
    elsewhere."""
    picks = [_ANALYSIS.index(c) for c in columns]
    if known is None or not len(known):
        rows = map_split(_analyse_chunk, texts, workers=workers)
        return [[r[j] for r in rows] for j in picks]
    at = known.index.get_indexer(pd.Index(texts, dtype=object))
    todo = np.flatnonzero(at < 0)
    rows = map_split(_analyse_chunk, [texts[i] for i in todo], workers=workers)
    found = np.flatnonzero(at >= 0)
    cols = []
    for j in picks:
        col = np.empty(len(texts), dtype=object)
        values = known[_ANALYSIS[j]].to_numpy(dtype=object, na_value=None)
        col[found] = values[at[found]]
        col[todo] = [r[j] for r in rows]
        cols.append(col.tolist())
    return cols


def analyse_names(
    names: pd.Series, *, workers: int = 1, known: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Return ``norm``, ``core`` and ``signature`` for each name.

    Parameters
    ----------
    names : pandas.Series
        Company names as entered.
    workers : int
        Processes that may share the distinct names (:func:`abm.core.parallel.map_split`).
    known : pandas.DataFrame, optional
        An analysis already made (:func:`analyse_distinct`: indexed by the name):
        names found there are not analysed again.

    Returns
    -------
    pandas.DataFrame
        Same index. ``norm`` is :func:`normalise_company`; ``core`` is the
        name with generic business words removed (``norm`` when nothing would
        be left); ``signature`` is the sorted removed words joined by ``+``;
        ``form`` the Japanese legal form written (bits: 1 株式会社, 2 有限会社,
        4 合同会社; 0 none or English); ``spaced`` the normalised name with
        its word spaces kept (what :func:`abm.resolve.namekeys.name_keys` reads).
    """
    codes, uniques = pd.factorize(names)
    # Python strings: iterating Arrow-backed values is ~3x slower
    cols = _per_name([str(u) for u in uniques.tolist()], workers, known)
    frame = pd.DataFrame(
        {
            "norm": np.array([*cols[0], None], dtype=object)[codes],
            "core": np.array([*cols[1], None], dtype=object)[codes],
            "signature": np.array([*cols[2], ""], dtype=object)[codes],
            "spaced": np.array([*cols[3], None], dtype=object)[codes],
        },
        index=names.index,
    ).astype("string")
    frame["form"] = np.array([*cols[4], 0], dtype=np.int8)[codes]
    return frame


def analyse_distinct(names: pd.Series, *, workers: int = 1) -> pd.DataFrame:
    """:func:`analyse_names` of each distinct name, indexed by the name.

    For ``known=`` (:func:`analyse_names`) and :func:`norm_of`: the cleaning
    analyses the names once for 営業対象外 and 名寄せ.

    Parameters
    ----------
    names : pandas.Series
        Company names as entered (repeated and missing values allowed).
    workers : int
        Processes that may share the names (:func:`abm.core.parallel.map_split`).

    Returns
    -------
    pandas.DataFrame
        One row per distinct non-missing name, indexed by it (unique, ``object``),
        with the columns of :func:`analyse_names`.
    """
    uniq = pd.unique(names.astype("string").dropna())
    return analyse_names(pd.Series(uniq, index=pd.Index(uniq, dtype=object)), workers=workers)


def norm_of(names: pd.Series, analysis: pd.DataFrame) -> pd.Series:
    """:func:`normalise_company` of each name, read from :func:`analyse_distinct`'s table.

    Parameters
    ----------
    names : pandas.Series
        Company names as entered.
    analysis : pandas.DataFrame
        :func:`analyse_distinct` of some names; a name it lacks is normalised here.

    Returns
    -------
    pandas.Series
        ``string``, same index and name as ``names``: what
        :func:`normalise_company` returns for them.
    """
    codes, uniques = pd.factorize(names.astype("string"))
    (norm,) = _per_name([str(u) for u in uniques.tolist()], 1, analysis, ("norm",))
    return pd.Series(
        np.array([*norm, None], dtype=object)[codes],
        index=names.index,
        dtype="string",
        name=names.name,
    )


def core_name(names: pd.Series) -> pd.Series:
    """Return the core of each company name (generic and branch words removed).

    Parameters
    ----------
    names : pandas.Series
        Company names as entered (they are normalised first).

    Returns
    -------
    pandas.Series
        ``string`` dtype; ``三和電機株式会社 大阪支店`` gives ``三和``.
    """
    return analyse_names(names)["core"].rename(names.name)


def generic_signature(names: pd.Series) -> pd.Series:
    """Return the generic business words of each name, sorted, joined by ``+``."""
    return analyse_names(names)["signature"].rename(names.name)


def org_domain(domains: pd.Series) -> pd.Series:
    """Reduce host names or URLs to their registrable domain.

    ``mail.jp.sakata.co.jp`` → ``sakata.co.jp``; ``https://www.x.com/a`` →
    ``x.com``. Known multi-label suffixes (``co.jp``, ``i.softbank.jp``…)
    are kept whole so free-mail lookups still work.
    """

    def one(text: str) -> str:
        s = unicodedata.normalize("NFKC", text).strip().lower()
        s = re.sub(r"^[a-z]+://", "", s).split("/")[0].split("@")[-1].split(":")[0]
        s = s.strip(".").removeprefix("www.")
        labels = [p for p in s.split(".") if p]
        if len(labels) < 2 or not re.fullmatch(r"[a-z0-9.\-]+", ".".join(labels)):
            return ""
        for n in (4, 3):  # whole free-mail / shared names first
            cand = ".".join(labels[-n:])
            if len(labels) >= n and (
                cand in vocab.FREE_MAIL_DOMAINS or cand in vocab.SHARED_DOMAINS
            ):
                return cand
        keep = 2
        if len(labels) >= 3 and (
            labels[-2] in vocab.SECOND_LEVEL or labels[-2] in vocab.GEO_LABELS
        ):
            keep = 3
        return ".".join(labels[-keep:])

    return _by_unique(domains, one)


def domain_stem(domains: pd.Series) -> pd.Series:
    """Return the distinctive label of a registrable domain, hyphens removed.

    ``sakata-seed.co.jp`` and ``sakataseed.com`` both give ``sakataseed``: two
    domains of one company are compatible when their stems agree.
    """
    return domains.str.split(".").str[0].str.replace("-", "", regex=False).astype("string")


def is_free_mail(domains: pd.Series, extra: frozenset[str] = frozenset()) -> pd.Series:
    """Whether each (email) domain is a free-mail or consumer ISP domain.

    Parameters
    ----------
    domains : pandas.Series
        Domains or full email addresses.
    extra : frozenset of str
        Additional free-mail domains from the user's rules.

    Returns
    -------
    pandas.Series
        ``boolean``; False where the domain is missing.
    """
    known = vocab.FREE_MAIL_DOMAINS | extra
    codes, uniques = pd.factorize(domains.astype("string"))
    free = np.zeros(len(uniques) + 1, dtype=bool)  # the last one: missing
    # only a value naming a known domain somewhere can be one (an Arrow scan of every
    # distinct value); those few go through org_domain's per-value rules
    folded = pc.utf8_lower(pc.utf8_normalize(pa.array(uniques.tolist(), pa.string()), "NFKC"))
    maybe = np.flatnonzero(
        pc.fill_null(pc.match_substring_regex(folded, _any_of(known)), False).to_numpy(
            zero_copy_only=False
        )
    )
    if maybe.size:
        hosts = pd.Series(uniques.take(maybe), dtype="string").str.split("@").str[-1]
        free[maybe] = org_domain(hosts.astype("string")).isin(known).fillna(False).to_numpy(bool)
    return pd.Series(free[codes], index=domains.index, dtype="boolean", name=domains.name)


@functools.lru_cache(maxsize=8)
def _any_of(known: frozenset[str]) -> str:
    """A regular expression matching any of ``known`` inside a text (RE2: linear time)."""
    return "|".join(re.escape(d) for d in sorted(known, key=len, reverse=True))


#: Any character :data:`~abm.resolve.confusables.FOLD` changes (a linear-time class).
_FOLDABLE = "[" + "".join(re.escape(chr(c)) for c in sorted(FOLD)) + "]"
_RE_PUNY = re.compile(r"(?<![a-z0-9\-])xn--([a-z0-9\-]{1,59})(?![a-z0-9\-])", re.IGNORECASE)


def _puny(m: re.Match[str]) -> str:
    try:
        return m.group(1).encode("ascii").decode("punycode")
    except (UnicodeError, ValueError):
        return m.group(0)


def _fold_one(text: str, domains: bool) -> str:
    if domains:
        text = _RE_PUNY.sub(_puny, text)  # labels of at most 59 characters: bounded
    s = unicodedata.normalize("NFKC", text).translate(FOLD)
    s = s.lower().translate(FOLD)  # lower-casing can make a foldable letter (Ꭺ → ꭺ)
    return s.replace("\u3002", ".") if domains else s


def fold_confusables(values: pd.Series, *, domains: bool = False) -> pd.Series:
    """Fold characters that imitate ASCII to the ASCII they imitate (Unicode confusables).

    Compare domains and names after this fold, not only after NFKC: a Cyrillic
    ``а`` in ``exаmple.com`` is the Latin ``a`` to a reader, and to this
    function (data: :mod:`abm.resolve.confusables`, from UTS #39).

    Parameters
    ----------
    values : pandas.Series
        Domains, e-mail addresses or URLs as entered (``domains=True``), or
        company-name keys already normalised by :func:`normalise_company`.
    domains : bool
        Also decode punycode labels (``xn--…``, as a browser shows them) and
        read the ideographic full stop ``。`` as a dot.

    Returns
    -------
    pandas.Series
        ``string`` dtype, same index. Domains in plain ASCII without ``xn--``,
        and name keys without a foldable character, are returned unchanged;
        the others are NFKC'd, folded and lower-cased. Japanese text is never
        folded. Linear time: a vectorised test, then ``str.translate`` once
        per distinct value that needs it.

    Examples
    --------
    ``exаmple.com`` (Cyrillic ``а``) → ``example.com``;
    ``xn--80ak6aa92e.com`` (``аррӏе.com`` in Cyrillic) → ``apple.com``.
    """
    s = values.astype("string")
    if domains:
        need = ~s.str.isascii().fillna(True)
        need |= s.str.lower().str.contains("xn--", regex=False).fillna(False)
    else:
        need = s.str.contains(_FOLDABLE, regex=True).fillna(False)
    mask = need.to_numpy(dtype=bool)
    if not mask.any():
        return s.rename(values.name)
    codes, uniques = pd.factorize(s[mask])
    folded = np.array([_fold_one(str(u), domains) for u in uniques], dtype=object)
    out = s.to_numpy(dtype=object, na_value=pd.NA).copy()
    out[mask] = folded[codes]
    return pd.Series(out, index=values.index, dtype="string", name=values.name)
