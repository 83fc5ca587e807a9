"""Ingestion: bytes of an MA/CRM export → canonical tables.

``read_table`` (text cells, title rows skipped) → ``suggest_mapping``
(tool + report type from golden header sets — ``detect`` —, object prefixes,
alias vocabulary, fuzzy near-misses) →
``apply_mapping`` (typed by schema, every unparseable value reported) →
``build_dataset`` (files joined, activities/opportunities linked to leads).
``load_files`` does all four for a batch of uploads, file by file
(``build_batch`` for files already read): one bad file never sinks the batch.
"""

from abm.ingest.batch import BatchResult, build_batch, load_files
from abm.ingest.detect import Detection, detect
from abm.ingest.leftout import rows_left_out
from abm.ingest.limits import DEFAULT_LIMITS, Limits
from abm.ingest.load import apply_mapping, build_dataset
from abm.ingest.mapping import (
    ColumnMapping,
    detect_vendor,
    header_signature,
    infer_table,
    mappings_from_section,
    mappings_to_section,
    suggest_mapping,
)
from abm.ingest.read import ISSUE_COLUMNS, KEPT_COLUMN, RawTable, read_table
from abm.ingest.report import describe_issues
from abm.ingest.uploads import UploadResult, read_uploads

__all__ = [
    "DEFAULT_LIMITS",
    "ISSUE_COLUMNS",
    "KEPT_COLUMN",
    "BatchResult",
    "ColumnMapping",
    "Detection",
    "Limits",
    "RawTable",
    "UploadResult",
    "apply_mapping",
    "build_batch",
    "build_dataset",
    "describe_issues",
    "detect",
    "detect_vendor",
    "header_signature",
    "infer_table",
    "load_files",
    "mappings_from_section",
    "mappings_to_section",
    "read_table",
    "read_uploads",
    "rows_left_out",
    "suggest_mapping",
]
