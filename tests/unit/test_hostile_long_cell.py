"""One very long cell does not make its file unreadable (QA-P).

Python's :mod:`csv` stops at fields of 131,072 characters; the exact structure scan
(quoted newlines, line numbers) used it, so a 300,000-character Job Title refused the
whole file with the message that blames the encoding. The file loads; the cell checks
blank the value and the note names the file, row and column — never the value.
"""

from __future__ import annotations

import pytest

from abm.i18n import t
from abm.ingest import describe_issues, load_files, read_table

HEAD = "Id,Email Address,Company Name,Job Title\r\n"


def _file(chars: int, *, quoted_newline: bool) -> bytes:
    second = '"Multi\nLine Corp"' if quoted_newline else "Kubota"
    body = (
        HEAD
        + "1,a@toyota.co.jp,Toyota,Manager\r\n"
        + f'2,huge@omron.co.jp,Omron,"{"X" * chars}"\r\n'
        + f"3,b@kubota.co.jp,{second},部長\r\n"
    )
    return body.encode("utf-8")


@pytest.mark.parametrize("chars", [100_000, 300_000, 2_000_000])
@pytest.mark.parametrize("quoted_newline", [False, True])
def test_a_long_cell_is_blanked_and_the_file_loads(chars: int, quoted_newline: bool) -> None:
    raw = read_table(_file(chars, quoted_newline=quoted_newline), "huge.csv")
    assert len(raw.frame) == 3
    assert raw.frame["Company Name"].tolist()[0] == "Toyota"
    # every line accounted for: the row after the long one is on line 4
    assert list(raw.source_rows) == [2, 3, 4]
    dataset, errors = load_files([("huge.csv", _file(chars, quoted_newline=quoted_newline))])
    assert errors == ()
    assert len(dataset.leads) == 3
    title = dataset.leads["title"].astype("string")
    assert title.isna().iloc[1] or title.iloc[1] == ""  # blanked, not kept
    assert title.str.len().max() < 100
    issues = dataset.sources[0].issues
    long_ = issues[issues["message_key"] == "ingest.issue.too_long_value"]
    assert long_[["file", "row", "column"]].values.tolist() == [["huge.csv", 3, "Job Title"]]
    said = describe_issues(long_, "en")["message"].tolist()
    assert said == [t("ingest.issue.too_long_value", "en", column="Job Title", count=1, row=3)]
    assert not any("XXXX" in m for m in describe_issues(issues, "en")["message"])


def test_a_long_cell_is_never_called_an_encoding_problem() -> None:
    encoding = t("ingest.err.unreadable", "en", file="huge.csv")
    _, errors = load_files([("huge.csv", _file(300_000, quoted_newline=True))])
    assert all(str(err) != encoding for _, err in errors)
