"""QA-K: CSV exports write whole amounts without ``.0``; HubSpot's import file is UTF-8.

The target list's HubSpot company import and the cleaning CSVs wrote ``43323000000.0``: a
column of amounts with a blank cell is float, and pandas writes a float's ``.0``. HubSpot's
importer reads UTF-8, so its preset is written in UTF-8 with a BOM even when Shift_JIS
(CP932) is chosen; the other exports keep the chosen encoding.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from abm.export import (
    CSV_ENCODING,
    hubspot_company_import,
    readable,
    salesforce_account_import,
    to_csv_bytes,
)


def _lines(data: bytes, encoding: str = "utf-8-sig") -> list[str]:
    return data.decode(encoding).split("\r\n")


def _targets() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "account_id": ["5000024", "5000034", "5000079"],
            "account_name": ["東邦精機株式会社", "=Evil Corp", "三和電機株式会社"],
            "domain": ["toho-seiki.co.jp", None, "sanwa-denki.co.jp"],
            "industry": ["機械", "機械", None],
            "employees": pd.array([3200, None, 850], dtype="Int64"),
            "annual_revenue": pd.array([43323000000.0, None, 1234567.5], dtype="Float64"),
            "tier": pd.Categorical(["tier_1", "tier_2", "none"]),
            "score": [78.04, 31.0, 4.0],
        }
    )


def test_whole_numbers_of_float_columns_are_written_without_a_decimal_point():
    frame = pd.DataFrame(
        {
            "amount": [43323000000.0, 2.5, np.nan, -3.0, 0.1 + 0.2],
            "nullable": pd.array([1200.0, None, 0.0, 7.25, 1e20], dtype="Float64"),
            "count": [1, 2, 3, 4, 5],
        }
    )
    lines = _lines(to_csv_bytes(frame)[0])
    assert lines[:6] == [
        "amount,nullable,count",
        "43323000000,1200,1",
        "2.5,,2",  # a decimal is kept, a blank stays blank
        ",0,3",
        "-3,7.25,4",  # a real negative number is a number, not a formula: not quoted
        "0.30000000000000004,1e+20,5",  # past 10**15 a float keeps pandas' text
    ]


def test_the_hubspot_import_writes_amounts_whole_and_keeps_formulas_neutralised():
    h = hubspot_company_import(_targets())
    lines = _lines(to_csv_bytes(h)[0])
    assert lines[0] == (
        "Company name,Company Domain Name,Target Account,Ideal Customer Profile Tier,"
        "Number of Employees,Annual Revenue,Industry"
    )
    assert lines[1] == "東邦精機株式会社,toho-seiki.co.jp,true,tier_1,3200,43323000000,機械"
    assert lines[2] == "'=Evil Corp,,true,tier_2,,,機械"
    assert lines[3] == "三和電機株式会社,sanwa-denki.co.jp,false,,850,1234567.5,"


def test_the_hubspot_import_is_utf8_with_a_bom_even_when_shift_jis_is_chosen():
    h = hubspot_company_import(_targets())
    assert h.attrs[CSV_ENCODING] == "utf-8-sig"
    data, problems = to_csv_bytes(h, encoding="cp932")
    assert data.startswith(b"\xef\xbb\xbf")
    assert problems == []
    assert _lines(data)[1].startswith("東邦精機株式会社,")


def test_the_salesforce_import_keeps_the_chosen_shift_jis():
    s = salesforce_account_import(_targets())
    data, _ = to_csv_bytes(s, encoding="cp932")
    assert not data.startswith(b"\xef\xbb\xbf")
    text = data.decode("cp932")
    assert "東邦精機株式会社" in text
    assert "43323000000" in text and "43323000000.0" not in text


def test_a_readable_cleaning_export_writes_whole_numbers_without_the_decimal():
    frame = pd.DataFrame(
        {"company": ["東邦精機株式会社"], "annual_revenue": [93437000000.0], "score": [78.0]}
    )
    text = to_csv_bytes(readable(frame, "ja"), encoding="cp932")[0].decode("cp932")
    assert text.split("\r\n")[1] == "東邦精機株式会社,93437000000,78"
