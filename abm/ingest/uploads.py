"""A batch of uploads read, mapped and built — the work behind the upload box.

:func:`read_uploads` is what the app does with the files a user drops:
read each file, suggest (or re-apply a saved) mapping, and build the
dataset file by file (:func:`abm.ingest.batch.build_batch`). A file that
fails at any step is reported with a translated message naming it and the
others load. Pure, so it can run in a worker process (:mod:`abm.ui.jobs`):
its result and its errors cross back by pickle.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from abm.core.money import ExchangeRates
from abm.core.phases import PhaseVocabulary
from abm.dataset import Dataset
from abm.errors import MoriError
from abm.ingest.batch import build_batch, read_mapped
from abm.ingest.mapping import ColumnMapping
from abm.ingest.read import RawTable
from abm.progress import Progress, ProgressFn

__all__ = ["UploadResult", "read_uploads"]


@dataclass(frozen=True)
class UploadResult:
    """What a batch of uploads gave.

    Attributes
    ----------
    dataset : Dataset or None
        The dataset of the files that loaded (None when none did).
    parts : tuple of (RawTable, ColumnMapping)
        Those files, for the data page's mapping editor.
    refused : tuple of (str, MoriError)
        Each refused file's name and message.
    """

    dataset: Dataset | None
    parts: tuple[tuple[RawTable, ColumnMapping], ...]
    refused: tuple[tuple[str, MoriError], ...]


def read_uploads(
    files: Sequence[tuple[str, bytes]],
    *,
    saved: Sequence[ColumnMapping] = (),
    progress: ProgressFn | None = None,
    phases: PhaseVocabulary | None = None,
    rates: ExchangeRates | None = None,
) -> UploadResult:
    """Read, map and build a batch of uploads; a bad file never stops the others.

    Parameters
    ----------
    files : sequence of (str, bytes)
        File name and content of each upload.
    saved : sequence of ColumnMapping
        Confirmed mappings to re-apply.
    progress : callable, optional
        ``progress("read", files_done, files)`` (:mod:`abm.progress`).
    phases : PhaseVocabulary, optional
        Phase words for opportunities' outcomes (workspace section ``phases``).
    rates : ExchangeRates, optional
        The workspace's currency and exchange rates (:mod:`abm.core.money`).

    Returns
    -------
    UploadResult
    """
    good: list[tuple[RawTable, ColumnMapping]] = []
    refused: list[tuple[str, MoriError]] = []
    with Progress(progress).step("read", len(files)) as tick:
        for i, (name, data) in enumerate(files):
            tick(i)
            got = read_mapped(name, data, saved)
            if isinstance(got, MoriError):
                refused.append((name, got))
            else:
                good.append(got)
        if not good:
            return UploadResult(None, (), tuple(refused))
        result = build_batch(good, phases=phases, rates=rates)
    return UploadResult(
        result.dataset if result.parts else None,
        tuple(result.parts),
        tuple(refused) + tuple(result.errors),
    )
