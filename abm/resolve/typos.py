"""Typing slips in Japanese company names: a kana-aware distance with vetoes.

People mistype katakana in ways an edit distance over characters scores as
badly as a different name: ``ｸｵﾙｯｸ`` (half-width, small ッ) for クオルテック,
``コーポーレション`` for コーポレーション, ``ハマリ`` for ハリマ (two kana swapped).
And they mistype kanji through the IME: a homophone (工業/興業, 保険/保健), an
old or variant glyph (關/関, 髙/高), or one kanji of a long name dropped.

:func:`skeleton` folds what a slip changes without changing the name (``ー``,
small and large kana, 濁点 and 半濁点, ヴ/ブ, old kanji forms); :func:`slip`
then accepts two names only when their skeletons are equal or one slip apart
by a *typing* operation — two neighbouring characters swapped, or one kana
(or one kanji of a long name, not its first) inserted or dropped — and never
when a different character stands in the name: 野村/村田, ヤマト/ヤマウ,
南日本/北日本 stay apart. Kanji that differ are accepted only when the two
names read the same (homophones), and digits and Latin letters must agree.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from rapidfuzz.distance import OSA, Levenshtein

from abm.resolve.normalise import _A, _GEN_EN, _GEN_JA, _Z
from abm.resolve.romanise import read_kana

__all__ = ["OLD_FORMS", "distinctive", "skeleton", "slip"]

#: Old (旧字体) and variant forms of kanji, folded to the everyday form. Data, not
#: code: extend freely (each pair is one character and its common form).
OLD_FORMS: dict[str, str] = dict(
    zip(
        "髙﨑嵜邊邉澤廣濱國櫻藝錢淺壽德圓龍眞鐵關曾條來惠榮增齋齊藏豐應學會實寳舘槇冨"
        "濵塚德斎嶋埜峯冨萬與廳聲賣發氣黑團擴佛將乘拂寶戰圖縣體變當廢瀧龜禮顯驛",
        "高崎崎辺辺沢広浜国桜芸銭浅寿徳円竜真鉄関曽条来恵栄増斎斉蔵豊応学会実宝館槙富"
        "浜塚徳斉島野峰富万与庁声売発気黒団拡仏将乗払宝戦図県体変当廃滝亀礼顕駅",
        strict=True,
    )
)
_OLD = str.maketrans(OLD_FORMS)
_SMALL = str.maketrans("ァィゥェォッャュョヮヵヶ", "アイウエオツヤユヨワカケ")
_KATA = re.compile(r"[ァ-ヺ]")
_KANJI_CLASS = r"[\u3400-\u9fff\uf900-\ufaff々]"
_KANJI = re.compile(_KANJI_CLASS)
_KANJI_ONLY = re.compile(_KANJI_CLASS + "+")
_MARKS = {"\u3099", "\u309a"}
#: The one kana pair a dictionary may read alike: ケ written for カ (三ケ月, 三カ月: サンカゲツ).
_KE = {"ケカ", "カケ"}
_DIGITS = re.compile(r"\d+")
_LATIN = re.compile(r"[a-z]+")


@functools.lru_cache(maxsize=262_144)
def skeleton(norm: str) -> str:
    """What is left of a normalised name once typing slips cannot change it.

    ``ー`` and 濁点/半濁点 removed, small kana written large, ヴ as ウ, old
    kanji forms as the everyday ones: ``バーチャル`` and ``パーチヤル`` both give
    ``ハチヤル``, ``ヴァーチャル`` gives ``ウアチヤル`` (only for comparison;
    :func:`slip` also compares the names with ヴ spelled as バ行, :func:`_vu_skeleton`).
    """
    s = norm.translate(_OLD).translate(_SMALL).replace("ー", "")
    s = unicodedata.normalize("NFD", s)
    return unicodedata.normalize("NFC", "".join(c for c in s if c not in _MARKS))


#: ヴ and a small vowel are the loanword spelling of a バ行 sound (ヴァイオリン = バイオリン,
#: ソフトヴァンク for ソフトバンク): one sound, two spellings. Longest first.
_VU = (("ヴァ", "バ"), ("ヴィ", "ビ"), ("ヴェ", "ベ"), ("ヴォ", "ボ"), ("ヴ", "ブ"))


def _vu_skeleton(norm: str) -> str | None:
    """The skeleton of a name with ヴ spelled as バ行 (``ヴァルカー`` → ``ハルカ``, as
    ``バルカー``); ``None`` when the name has no ヴ.

    Not folded into :func:`skeleton` itself: there ヴ stays ウ, so that a ヴ typed
    without its 濁点 (``ウァルカー``) is still the same skeleton as ``ヴァルカー``.
    """
    if "ヴ" not in norm:
        return None
    for vu, ba in _VU:
        norm = norm.replace(vu, ba)
    return skeleton(norm)


#: The generic business words as skeletons spell them (サービス → サヒス): the words of
#: :data:`abm.resolve.vocab.GENERIC_WORDS`, longest first.
_GENERIC = re.compile(
    "|".join(
        [
            *(re.escape(w) for w in sorted({skeleton(w) for w in _GEN_JA}, key=len, reverse=True)),
            *(rf"{_A}{re.escape(w)}{_Z}" for w in _GEN_EN),
        ]
    )
)


def distinctive(skel: str) -> int:
    """How many characters of a skeleton are not generic business words (新光サービス: 2)."""
    return len(_GENERIC.sub("", skel))


def _marks_only(a: str, b: str) -> bool:
    return skeleton(a) == skeleton(b)


@functools.lru_cache(maxsize=262_144)
def _kanji_bag(skel: str) -> tuple[str, ...]:
    """The kanji of a skeleton, sorted (a name meets many others: once per name)."""
    return tuple(sorted(_KANJI.findall(skel)))


@functools.lru_cache(maxsize=262_144)
def _marks_of(norm: str) -> tuple[tuple[str, ...], bool, tuple[str, ...]]:
    """The digits, whether the name is all ASCII, and its Latin words (once per name)."""
    return tuple(_DIGITS.findall(norm)), norm.isascii(), tuple(_LATIN.findall(norm))


def _further(sa: str, sb: str) -> str:
    """Why two skeletons more than a slip apart differ: ``"kanji"`` when their kanji
    differ (野村/村田: a different company), else ``"distance"``."""
    return "kanji" if _kanji_bag(sa) != _kanji_bag(sb) else "distance"


def _reads_alike(sa: str, sb: str) -> bool:
    """Two names of equal length, at most two characters apart, read the same: as a
    whole, or the kanji word around the difference (八洲電気 / 八洲電機: デンキ), the
    way an IME offers either."""
    diff = [i for i, (x, y) in enumerate(zip(sa, sb, strict=True)) if x != y]
    if not diff or len(diff) > 2:
        return False
    if not any(_KANJI.match(sa[i]) or _KANJI.match(sb[i]) or sa[i] + sb[i] in _KE for i in diff):
        return False  # kana read as written: another kana reads otherwise (but 三ケ月/三カ月)
    ra = read_kana(sa)
    if ra and ra == read_kana(sb):
        return True
    lo, hi = diff[0], diff[-1] + 1
    if hi - lo > 2:
        return False
    for left, right in ((1, 0), (0, 1)):
        x, y = sa[max(0, lo - left) : hi + right], sb[max(0, lo - left) : hi + right]
        if len(x) < 2 or not _KANJI_ONLY.fullmatch(x + y):
            continue
        rx = read_kana(x)
        if rx and rx == read_kana(y):
            return True
    return False


def _droppable(name: str, i: int) -> bool:
    """A kanji at ``i`` of a skeleton may be missing by a slip: it belongs to a generic
    business word (不二精機 → 不二精), or the name's distinctive core is four characters or
    more. In a short core every kanji names the company (松全電機 ≠ 松電機), and a name left
    with one distinctive character is any company's slip (三工業: 三機工業 or 三洋工業)."""
    if distinctive(name[:i] + name[i + 1 :]) < 2:
        return False
    if any(lo <= i < hi for lo, hi in (m.span() for m in _GENERIC.finditer(name))):
        return True
    return distinctive(name) >= 4


def slip(a: str, b: str) -> tuple[bool, str]:
    """Whether two normalised names are one typing slip apart, and which.

    Parameters
    ----------
    a, b : str
        Names as :func:`abm.resolve.normalise.normalise_company` leaves them.

    Returns
    -------
    (bool, str)
        ``(True, kind)`` with kind ``"kana_marks"`` (only ``ー``, small kana,
        濁点/半濁点, old glyphs differ), ``"swap"`` (two neighbours swapped),
        ``"drop"`` (``a`` misses one kana of ``b`` — four left at least — or
        one kanji that is not the first and that :func:`_droppable` allows) or ``"homophone"``
        (kanji that read the same); ``(False, reason)`` otherwise, reason
        ``"digits"``, ``"latin"`` (the Latin letters of a Japanese name
        differ), ``"kanji"`` (a different kanji), ``"kana"`` (a different
        kana) or ``"distance"`` (further apart; also every pair of names
        written in Latin letters only).
    """
    digits_a, ascii_a, latin_a = _marks_of(a)
    digits_b, ascii_b, latin_b = _marks_of(b)
    if digits_a != digits_b:
        return False, "digits"
    if ascii_a and ascii_b:
        return False, "distance"  # Latin names: the fuzzy score decides
    if latin_a != latin_b:
        return False, "latin"
    sa, sb = skeleton(a), skeleton(b)
    if sa == sb:
        return True, "kana_marks"
    va, vb = _vu_skeleton(a), _vu_skeleton(b)
    if va is not None or vb is not None:  # ヴァ for バ (or バ for ヴァ), then the rules below
        said = _slip_of_skeletons(a, b, va or sa, vb or sb)
        if said[0]:
            return said
    return _slip_of_skeletons(a, b, sa, sb)


def _slip_of_skeletons(a: str, b: str, sa: str, sb: str) -> tuple[bool, str]:
    """:func:`slip` of two names (digits and Latin letters agreed) by their skeletons."""
    if sa == sb:
        return True, "kana_marks"
    same_len = len(sa) == len(sb) and _KANJI.search(sa)
    if same_len and Levenshtein.distance(sa, sb) <= 2 and _reads_alike(sa, sb):
        return True, "homophone"
    if OSA.distance(sa, sb) != 1:
        return False, _further(sa, sb)
    if len(sa) == len(sb):
        diff = [i for i in range(len(sa)) if sa[i] != sb[i]]
        if len(diff) == 2 and diff[1] == diff[0] + 1 and sa[diff[0]] == sb[diff[1]]:
            swapped = sa[diff[0]] + sa[diff[1]]
            if _KANJI.search(swapped):  # an IME does not swap kanji: 千福 ≠ 福千
                return False, "kanji"
            return True, "swap"
        ch = sa[diff[0]] + sb[diff[0]]
        return False, "kanji" if _KANJI.search(ch) else "kana"
    short, long_ = (sa, sb) if len(sa) < len(sb) else (sb, sa)
    i = next((k for k in range(len(short)) if short[k] != long_[k]), len(short))
    gone = long_[i]
    if len(a) > len(b):
        return False, _further(sa, sb)  # only the first name may miss a character
    if _KATA.match(gone) and len(short) >= 4 and i > 0:
        return True, "drop"
    if _KANJI.match(gone) and i > 0 and _droppable(long_, i):
        return True, "drop"
    return False, "kanji" if _KANJI.match(gone) else _further(sa, sb)
