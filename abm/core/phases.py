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

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from abm.core.text import normalise_value

__all__ = ["DEFAULT_LOST", "DEFAULT_OPEN", "DEFAULT_WON", "OUTCOMES", "PhaseVocabulary"]

#: Outcomes a phase can say, in display order.
OUTCOMES: tuple[str, ...] = ("open", "won", "lost")

#: Phases that mean the deal was won.
DEFAULT_WON: tuple[str, ...] = (
    "受注", "受注済", "受注済み", "受注確定", "成約", "成約済", "成約済み", "成立", "商談成立",
    "契約", "契約済", "契約済み", "契約締結", "導入決定", "Closed Won", "closedwon", "Won",
    "Closed - Won", "Deal Won", "Signed",
)  # fmt: skip
#: Phases that mean the deal was lost (or abandoned).
DEFAULT_LOST: tuple[str, ...] = (
    "失注", "失注確定", "不成立", "見送り", "見送", "辞退", "不採用", "他社決定", "ロスト",
    "中止", "案件消滅", "Closed Lost", "closedlost", "Lost", "Closed - Lost", "Deal Lost",
    "Dead", "Disqualified",
)  # fmt: skip
#: Phases known to be open (anything unknown is open too, but counted as unknown).
DEFAULT_OPEN: tuple[str, ...] = (
    # Salesforce default stages (Japanese and English)
    "見込み客", "評価", "ニーズ分析", "価値の提案", "意思決定者の特定", "認識分析", "提案/見積",
    "提案・見積", "交渉/検討", "交渉・検討", "Prospecting", "Qualification", "Needs Analysis",
    "Value Proposition", "Id. Decision Makers", "Perception Analysis", "Proposal/Price Quote",
    "Negotiation/Review",
    # HubSpot default deal pipeline (internal ids and labels)
    "appointmentscheduled", "qualifiedtobuy", "presentationscheduled",
    "decisionmakerboughtin", "contractsent", "Appointment Scheduled", "Qualified To Buy",
    "Presentation Scheduled", "Decision Maker Bought-In", "Contract Sent",
    "アポイント設定済み", "購入見込みあり", "プレゼン予定", "意思決定者の同意", "契約書送付済み",
    # common Japanese phases
    "商談中", "商談化", "案件化", "提案", "提案中", "見積", "見積提出", "見積提示", "検討中",
    "交渉", "交渉中", "稟議", "稟議中", "受注見込み", "ヒアリング", "初回訪問", "デモ", "トライアル",
    "PoC", "Open", "In Progress",
)  # fmt: skip


def _lookup(won: tuple[str, ...], lost: tuple[str, ...], open_: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for outcome, words in (("won", won), ("lost", lost), ("open", open_)):
        for word in words:
            out.setdefault(normalise_value(word), outcome)
    return out


@dataclass(frozen=True)
class PhaseVocabulary:
    """Which phase words mean won, lost or open (matched whole, normalised).

    Parameters
    ----------
    won, lost, open : tuple of str
        Phase words; a word listed twice keeps its first outcome
        (won before lost before open).
    """

    won: tuple[str, ...] = DEFAULT_WON
    lost: tuple[str, ...] = DEFAULT_LOST
    open: tuple[str, ...] = DEFAULT_OPEN

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
        table = _lookup(self.won, self.lost, self.open)
        codes, uniques = pd.factorize(phases.astype("string"), use_na_sentinel=True)
        said = np.array([table.get(normalise_value(u)) for u in uniques.tolist()] + [None])
        return pd.Series(said[codes], index=phases.index, dtype="string")

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (only the lists that differ from the defaults)."""
        default = PhaseVocabulary()
        return {
            k: list(getattr(self, k))
            for k in ("won", "lost", "open")
            if getattr(self, k) != getattr(default, k)
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> PhaseVocabulary:
        """Build from :meth:`to_dict` output; missing lists keep the defaults.

        Raises
        ------
        MoriError
            ``settings.err.bad_section`` naming ``phases`` when a list
            is not a list of at most 500 short strings.
        """
        from abm.errors import MoriError

        kwargs: dict[str, tuple[str, ...]] = {}
        for key in ("won", "lost", "open"):
            if not data or key not in data:
                continue
            words = data[key]
            if (
                not isinstance(words, list | tuple)
                or len(words) > 500
                or not all(isinstance(w, str) and 0 < len(w) <= 100 for w in words)
            ):
                raise MoriError("settings.err.bad_section", section="phases")
            kwargs[key] = tuple(words)
        return cls(**kwargs)
