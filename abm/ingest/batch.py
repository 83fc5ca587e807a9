"""Load a batch of uploads file by file: one bad file never sinks the others.

Each file is read, mapped and converted on its own; a file that fails at any
step — a :class:`~abm.errors.MoriError` or any unexpected exception — is
reported with a translated message naming it, and the others load. Combining
the files (concatenation, generated ids, links by e-mail) is tried on the
whole batch first; if that fails, files are added one at a time and the ones
that break the combination are reported instead.

An unexpected exception's message may quote a cell value, so it is never
shown nor logged: the log gets the file name and the exception type only.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from abm.core.money import ExchangeRates
from abm.core.phases import PhaseVocabulary
from abm.dataset import Dataset
from abm.errors import MoriError
from abm.ingest.limits import DEFAULT_LIMITS, Limits
from abm.ingest.load import _assemble, _Part, apply_mapping
from abm.ingest.mapping import ColumnMapping, suggest_mapping
from abm.ingest.read import RawTable, read_table

__all__ = ["BatchResult", "build_batch", "load_files", "read_mapped", "refusal"]

_log = logging.getLogger(__name__)


def refusal(file: str, exc: BaseException, key: str = "ingest.err.unreadable") -> MoriError:
    """The user-facing error for a file that failed with ``exc``.

    Parameters
    ----------
    file : str
        File name.
    exc : BaseException
        What was raised.
    key : str
        Message key for an unexpected exception.

    Returns
    -------
    MoriError
        ``exc`` itself when it is a :class:`~abm.errors.MoriError` (it never
        holds a value); otherwise ``MoriError(key, file=file)``, after logging
        the file name and the exception *type* — never its message.
    """
    if isinstance(exc, MoriError):
        return exc
    _log.warning("ingest: file %r failed with %s", file, type(exc).__name__)
    return MoriError(key, file=file)


@dataclass(frozen=True)
class BatchResult:
    """What a batch of files became.

    Attributes
    ----------
    dataset : abm.Dataset
        The files that loaded, combined.
    parts : tuple of (RawTable, ColumnMapping)
        The files that are in ``dataset``, in upload order.
    errors : tuple of (str, MoriError)
        File name and error of each file that is not.
    """

    dataset: Dataset
    parts: tuple[tuple[RawTable, ColumnMapping], ...]
    errors: tuple[tuple[str, MoriError], ...]


def _combine(
    applied: list[_Part], phases: PhaseVocabulary | None, rates: ExchangeRates | None = None
) -> tuple[Dataset, list[_Part], list[tuple[str, MoriError]]]:
    try:
        return _assemble(applied, phases, rates), applied, []
    except Exception:  # find below which file breaks the combination
        pass
    good: list[_Part] = []
    bad: list[tuple[str, MoriError]] = []
    for part in applied:
        try:
            _assemble([*good, part], phases, rates)
        except Exception as exc:
            bad.append((part.raw.file, refusal(part.raw.file, exc, "ingest.err.convert_failed")))
            continue
        good.append(part)
    return _assemble(good, phases, rates), good, bad


def _apply(
    parts: Sequence[tuple[RawTable, ColumnMapping]],
) -> tuple[list[_Part], list[tuple[str, MoriError]]]:
    applied: list[_Part] = []
    errors: list[tuple[str, MoriError]] = []
    for raw, mapping in parts:
        try:
            applied.append(_Part(raw, mapping, *apply_mapping(raw, mapping)))
        except Exception as exc:
            errors.append((raw.file, refusal(raw.file, exc, "ingest.err.convert_failed")))
    return applied, errors


def build_batch(
    parts: Sequence[tuple[RawTable, ColumnMapping]],
    *,
    phases: PhaseVocabulary | None = None,
    rates: ExchangeRates | None = None,
) -> BatchResult:
    """Like :func:`~abm.ingest.build_dataset`, but a file that fails is left out and reported.

    Parameters
    ----------
    parts : sequence of (RawTable, ColumnMapping)
    phases : PhaseVocabulary, optional
        Phase words for opportunities' outcomes (workspace section ``phases``).
    rates : ExchangeRates, optional
        The workspace's currency and exchange rates (:mod:`abm.core.money`).

    Returns
    -------
    BatchResult
        The dataset of the files that could be converted and combined, those
        files, and the error of each other file (``ingest.err.convert_failed``
        for an unexpected exception).
    """
    applied, errors = _apply(parts)
    dataset, good, more = _combine(applied, phases, rates)
    kept = tuple((p.raw, p.mapping) for p in good)
    return BatchResult(dataset, kept, tuple(errors + more))


def read_mapped(
    name: str, data: bytes, saved: Sequence[ColumnMapping], limits: Limits = DEFAULT_LIMITS
) -> tuple[RawTable, ColumnMapping] | MoriError:
    """One upload read and mapped, or the refusal that names its file (never a value).

    Parameters
    ----------
    name : str
        The file's name.
    data : bytes
        Its content (workbooks: first sheet).
    saved : sequence of ColumnMapping
        Confirmed mappings to re-apply.
    limits : Limits
        Size limits.

    Returns
    -------
    (RawTable, ColumnMapping) or MoriError
        The table and its mapping; or, whatever failed, the translated
        refusal — a file with no column mapped is refused too.
    """
    try:
        raw = read_table(data, name, limits=limits)
    except Exception as exc:  # never a traceback; the message names the file only
        return refusal(name, exc)
    try:
        mapping = suggest_mapping(raw, saved=saved)
        if not any(c for _, c in mapping.columns):
            raise MoriError("ingest.err.nothing_mapped", file=name)
    except Exception as exc:
        return refusal(name, exc, "ingest.err.convert_failed")
    return raw, mapping


def load_files(
    files: Sequence[tuple[str, bytes]],
    *,
    saved: Sequence[ColumnMapping] = (),
    limits: Limits = DEFAULT_LIMITS,
    phases: PhaseVocabulary | None = None,
    rates: ExchangeRates | None = None,
) -> tuple[Dataset, tuple[tuple[str, MoriError], ...]]:
    """Read, map and join several uploads; a bad file does not stop the others.

    Parameters
    ----------
    files : sequence of (str, bytes)
        File name and content of each upload (workbooks: first sheet).
    saved : sequence of ColumnMapping
        Confirmed mappings to re-apply (see :func:`~abm.ingest.suggest_mapping`).
    limits : Limits
        Size limits.
    phases : PhaseVocabulary, optional
        Phase words for opportunities' outcomes (workspace section ``phases``).
    rates : ExchangeRates, optional
        The workspace's currency and exchange rates (:mod:`abm.core.money`).

    Returns
    -------
    (abm.Dataset, tuple of (str, MoriError))
        The dataset of the files that loaded, and the error of each file that
        did not — whatever failed, at whichever step, with a message naming
        the file and never a value.
    """
    parts: list[tuple[RawTable, ColumnMapping]] = []
    errors: list[tuple[str, MoriError]] = []
    for name, data in files:
        got = read_mapped(name, data, saved, limits)
        if isinstance(got, MoriError):
            errors.append((name, got))
        else:
            parts.append(got)
    result = build_batch(parts, phases=phases, rates=rates)
    return result.dataset, tuple(errors) + result.errors
