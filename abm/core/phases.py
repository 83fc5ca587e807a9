"""Opportunity phases as data: what a stage/phase word says about the outcome.

CRM exports name the same outcome many ways: Salesforce's default Japanese
stages end in 成立 / 不成立 (English Closed Won / Closed Lost), customised
orgs use 受注 / 失注, HubSpot's default deal pipeline exports ``closedwon`` /
``closedlost`` or "Closed won" / "Closed lost". When a file carries no
won/closed flags, the phase text is the only evidence of the outcome.

Words are matched *whole* after :func:`abm.core.text.normalise_value`: a
phase such as 受注見込み (expected to win) is open, not won. Unknown phases
are open and counted, so the load report can ask the user to classify them;
the vocabulary is a frozen config saved in the workspace (section
``phases``) so a client's own stage names can be added.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Annotated, Any

import numpy as np
import pandas as pd

from abm.core.config import Config, Spec
from abm.core.text import normalise_value

__all__ = [
    "DEFAULT_LOST",
    "DEFAULT_OPEN",
    "DEFAULT_WON",
    "MAX_PHASES_LISTED",
    "MAX_PHASE_LEN",
    "OUTCOMES",
    "PhaseVocabulary",
]

#: Outcomes a phase can say, in display order.
OUTCOMES: tuple[str, ...] = ("open", "won", "lost")

#: Phases that mean the deal was won.
DEFAULT_WON: tuple[str, ...] = (
    "受注", "受注済", "受注済み", "受注確定", "成約", "成約済", "成約済み", "成立", "商談成立", "取引成立",
    "契約", "契約済", "契約済み", "契約締結", "導入決定", "Closed Won", "closedwon", "Won",
    "Closed - Won", "Deal Won", "Signed",
)  # fmt: skip
#: Phases that mean the deal was lost (or abandoned).
DEFAULT_LOST: tuple[str, ...] = (
    "失注", "失注確定", "不成立", "見送り", "見送", "辞退", "不採用", "他社決定", "ロスト",
    "中止", "案件消滅", "Closed Lost", "closedlost", "Lost", "Closed - Lost", "Deal Lost",
    "Dead", "Disqualified",
    # a renewal pipeline's lost deal: the customer left
    "解約", "解約済", "解約済み", "Churned", "Cancelled", "Canceled",
)  # fmt: skip
#: Phases known to be open (anything unknown is open too, but counted as unknown).
DEFAULT_OPEN: tuple[str, ...] = (
    # Salesforce default stages (Japanese and English; 価値提案 as a Japanese org exports
    # Value Proposition, QA-M; 選定 as one exports Qualification, QA-O's 19 deals read as an
    # unknown phase)
    "見込み", "見込み客", "評価", "選定", "ニーズ分析", "価値提案", "価値の提案", "意思決定者の特定", "認識分析",
    "提案/見積", "提案・見積", "交渉/検討", "交渉・検討", "交渉/レビュー", "Prospecting", "Qualification", "Needs Analysis",
    "Value Proposition", "Id. Decision Makers", "Perception Analysis", "Proposal/Price Quote",
    "Negotiation/Review",
    # HubSpot default deal pipeline (internal ids and labels)
    "appointmentscheduled", "qualifiedtobuy", "presentationscheduled",
    "decisionmakerboughtin", "contractsent", "Appointment Scheduled", "Qualified To Buy",
    "Presentation Scheduled", "Decision Maker Bought-In", "Contract Sent",
    "アポイント設定済み", "アポ設定済み", "購入見込みあり", "プレゼン予定", "プレゼン予定済み", "意思決定者の同意",
    "意思決定者の賛同獲得", "意思決定者の賛同", "契約書送付済み", "見込みあり", "購入見込み",
    # common Japanese phases
    "商談中", "商談化", "案件化", "提案", "提案中", "見積", "見積提出", "見積提示", "検討中",
    "交渉", "交渉中", "最終交渉", "要件定義", "稟議", "稟議中", "受注見込み", "ヒアリング", "初回訪問", "アポ獲得",
    "アポイント獲得", "デモ", "トライアル", "PoC", "保留", "Open", "In Progress", "On Hold",
    # a hand-kept sheet's forecast ranks (QA-Q's 見込A/B/C; ヨミ is sales' word for a forecast)
    "見込", "見込A", "見込B", "見込C", "見込みA", "見込みB", "見込みC", "A見込", "B見込", "C見込",
    "ヨミ", "Aヨミ", "Bヨミ", "Cヨミ",
)  # fmt: skip


#: What CRM administrators put around a stage name to sort or weigh it, after
#: :func:`abm.core.text.normalise_value`: an order number in front (``01_アポ獲得``,
#: ``3. 提案``) and a probability behind (``Closed Won (100%)``).
_ORDER = re.compile(r"^[0-9]{1,3}\.?(?=[^0-9])")
_PERCENT = re.compile(r"(?<=[^0-9])[0-9]{1,3}%$")
#: The probability a closed outcome's stage carries.
_SURE = {"won": "100%", "lost": "0%"}
#: A note an administrator adds after a closed stage's words, on the text as exported
#: (NFKC): a bracketed reason (``受注（新規）``, ``Closed Lost (No Decision)``) or a dash
#: and a kind (``Closed Won - Renewal``). A note with a digit is left alone (``受注
#: (50%)`` is a forecast).
_NOTE = re.compile(r"^(?P<word>.+?)\s*(?:[(\[【][^0-9()\[\]【】]*[)\]】]|\s[-–—]\s[^0-9]+)$")
#: A note that makes a closed word a forecast (``受注（予定）``, ``Closed Won - Pending``).
_FORECAST = re.compile(
    r"予定|見込|仮|内示|待ち|見通し|稟議|未確定|未締結|契約前|"
    r"\b(?:pending|expected|forecast|probable|unconfirmed|awaiting|tentative)\b",
    re.I,
)
#: The kind of deal written in front of a closed stage's words (``更新受注``, ``新規失注``).
_KIND = re.compile(r"^(?:更新|新規|追加|継続|既存|リピート|アップセル|クロスセル)(?=.)")
#: What a translated CRM writes around a closed stage's word: ``クローズした`` in front and
#: ``取引`` behind (HubSpot's Japanese UI as exported: ``クローズした不成立取引``, QA-G),
#: or ``済みの`` / ``案件`` / ``商談``.
_CLOSED_AROUND = re.compile(
    r"^(?:クローズ(?:した|済みの?|済)|完了した|確定した)(?P<closed>.+?)(?:した)?(?:取引|案件|商談)?$"
    r"|^(?P<word>.+?)(?:した)?(?:取引|案件)$"
)
#: Words a 商談 / 案件 after them leaves open without a "closed" in front (契約商談: a deal
#: being contracted; 受注商談: one aimed at an order).
_OPEN_BEFORE_DEAL = frozenset({"契約", "契約済", "契約済み"})


def _lookup(won: tuple[str, ...], lost: tuple[str, ...], open_: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for outcome, words in (("won", won), ("lost", lost), ("open", open_)):
        for word in words:
            out.setdefault(normalise_value(word), outcome)
    return out


#: Longest phase word (characters): a longer cell is not a phase name.
MAX_PHASE_LEN = 100
#: Most words in one list.
MAX_PHASE_WORDS = 1000
#: Most distinct phases a phase table lists (a column with more is not a phase column).
MAX_PHASES_LISTED = 200

_Words = Annotated[
    tuple[Annotated[str, Spec(min_len=1, max_len=MAX_PHASE_LEN)], ...],
    Spec(max_len=MAX_PHASE_WORDS),
]


@dataclass(frozen=True)
class PhaseVocabulary(Config):
    """Which phase words mean won, lost or open (matched whole, normalised).

    Stored as the workspace section ``phases``; only the lists that differ
    from the defaults are written (:meth:`to_dict`), so words added to the
    defaults later still reach a saved workspace that never edited that list.

    Parameters
    ----------
    won, lost, open : tuple of str
        Phase words (1–100 characters, at most 1,000 per list); a word listed
        twice keeps its first outcome (won before lost before open).
    """

    won: _Words = DEFAULT_WON
    lost: _Words = DEFAULT_LOST
    open: _Words = DEFAULT_OPEN

    SECTION = "phases"

    @functools.cached_property
    def _table(self) -> dict[str, str]:
        return _lookup(self.won, self.lost, self.open)

    def outcome_of(self, phase: object) -> str | None:
        """Outcome said by one phase word (``None`` when unknown or blank).

        A word not listed is looked up again without an order number in front
        or a probability behind (``05_受注``, ``Closed Won (100%)``): stages a
        CRM administrator numbered say what their words say; then, for a won or
        lost word only, without a note after it or a kind of deal in front
        (``受注（新規）``, ``失注（競合）``, ``Closed Lost (No Decision)``,
        ``Closed Won - Renewal``, ``更新受注``).
        """
        if phase is None:
            return None
        said = self._numbered(normalise_value(phase))
        if said is None:
            said = self._noted(str(phase))
        return said

    def _numbered(self, key: str) -> str | None:
        """The outcome of a normalised word, else of it without an order number and a
        probability (which must agree with a closed outcome)."""
        said = self._table.get(key)
        if said is None and key:
            bare = _ORDER.sub("", key, count=1)
            pct = _PERCENT.search(bare)
            if pct is not None:
                bare = bare[: pct.start()]
            said = self._table.get(bare) if bare != key else None
            # a probability must agree: 受注 50% is a forecast, not a win
            if pct is not None and said in _SURE and pct.group() != _SURE[said]:
                said = None
        return said

    def _noted(self, phase: str) -> str | None:
        """A closed stage with a note or a kind of deal around its words (``受注（新規）``,
        ``Closed Won - Renewal``, ``更新受注``): the words' outcome, when won or lost (an
        open stage's note is not read: it is open or unknown either way)."""
        if len(phase) > MAX_PHASE_LEN:  # not a phase name (and no regex sees a long cell)
            return None
        text = unicodedata.normalize("NFKC", phase).strip()
        note = _NOTE.match(text)
        if note is not None and _FORECAST.search(text[note.end("word") :]):
            return None  # 受注（予定）: expected, not won
        words = note.group("word") if note else text
        kind = _KIND.match(words)
        if kind is not None:
            words = words[kind.end() :]
        around = _CLOSED_AROUND.match(words)
        if around is not None:  # クローズした不成立取引: 不成立
            closed, word = around.group("closed"), around.group("word")
            if closed is not None:
                words = closed
            elif word not in _OPEN_BEFORE_DEAL:
                words = word
        if words == text:
            return None
        said = self._numbered(normalise_value(words))
        return said if said in _SURE else None

    def outcomes(self, phases: pd.Series) -> pd.Series:
        """Outcome said by each phase: ``"won"``, ``"lost"``, ``"open"`` or NA (unknown/blank).

        Parameters
        ----------
        phases : pandas.Series
            Raw phase/stage values.

        Returns
        -------
        pandas.Series
            ``string`` dtype, same index. Each distinct value is looked up once.
        """
        codes, uniques = pd.factorize(phases.astype("string"), use_na_sentinel=True)
        said = np.array([self.outcome_of(u) for u in uniques.tolist()] + [None])
        return pd.Series(said[codes], index=phases.index, dtype="string")

    def with_outcome(self, phase: str, outcome: str) -> PhaseVocabulary:
        """A copy where ``phase`` means ``outcome`` (its spellings leave the other lists).

        Parameters
        ----------
        phase : str
            A phase word as exported (1–100 characters after trimming).
        outcome : {"won", "lost", "open"}

        Raises
        ------
        ValueError
            An unknown outcome or an empty/too long phase (a programming error:
            the page offers only valid choices).
        """
        word = str(phase).strip()
        if outcome not in OUTCOMES or not 0 < len(word) <= MAX_PHASE_LEN:
            raise ValueError("invalid phase or outcome")
        key = normalise_value(word)
        lists = {
            k: tuple(w for w in getattr(self, k) if normalise_value(w) != key) for k in OUTCOMES
        }
        lists[outcome] = (*lists[outcome], word)
        return dataclasses.replace(self, **lists)

    def with_outcomes(self, changes: Iterable[tuple[str, str]]) -> PhaseVocabulary:
        """A copy with each ``(phase, outcome)`` applied (:meth:`with_outcome`).

        A phase shown cut (ending in ``…``: longer than :data:`MAX_PHASE_LEN`)
        or an outcome other than won/lost/open (e.g. ``unknown``) is skipped.
        """
        out = self
        for phase, outcome in changes:
            word = str(phase).strip()
            if outcome in OUTCOMES and not word.endswith("…") and 0 < len(word) <= MAX_PHASE_LEN:
                out = out.with_outcome(word, outcome)
        return out

    def phase_table(self, phases: pd.Series) -> pd.DataFrame:
        """Distinct phases of a column, what each says and on how many rows.

        Phase names are not personal data, but a cell can hold anything: a
        name is shown trimmed and cut at :data:`MAX_PHASE_LEN` characters
        (``…`` added), and at most :data:`MAX_PHASES_LISTED` phases are
        listed (most rows first; ``attrs["more"]`` counts the others).

        Returns
        -------
        pandas.DataFrame
            Columns ``phase`` (string), ``outcome`` (``won``/``lost``/``open``/
            ``unknown``), ``rows`` (int64).
        """
        text = phases.astype("string").str.strip()
        text = text.mask(text == "")
        counts = text.value_counts(sort=True, dropna=True)
        more = max(0, len(counts) - MAX_PHASES_LISTED)
        counts = counts.iloc[:MAX_PHASES_LISTED]
        names = [str(p) for p in counts.index]
        shown = [p if len(p) <= MAX_PHASE_LEN else p[:MAX_PHASE_LEN] + "…" for p in names]
        said = [self.outcome_of(p) or "unknown" for p in names]
        out = pd.DataFrame(
            {
                "phase": pd.array(shown, dtype="string"),
                "outcome": pd.array(said, dtype="string"),
                "rows": counts.to_numpy(dtype=np.int64),
            }
        )
        out.attrs["more"] = more
        return out

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict with only the lists that differ from the defaults."""
        default = PhaseVocabulary()
        return {
            k: list(getattr(self, k)) for k in OUTCOMES if getattr(self, k) != getattr(default, k)
        }
