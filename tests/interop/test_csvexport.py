from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from infoterm.interop.csvexport import restore_cell, safe_cell, write_rows


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        (
            '=HYPERLINK("http://evil.example","click")',
            '\'=HYPERLINK("http://evil.example","click")',
        ),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Ada Lovelace", "Ada Lovelace"),
        ("a=b", "a=b"),
        (" =1+1", " =1+1"),
        ("", ""),
        (None, ""),
        (-5, "-5"),
        (2.5, "2.5"),
        (Decimal("-1.50"), "-1.50"),
        (True, "true"),
        (date(2024, 3, 15), "2024-03-15"),
    ],
)
def test_safe_cell(value: object, expected: str) -> None:
    assert safe_cell(value) == expected


def test_write_rows_neutralises_every_cell_including_the_header() -> None:
    buffer = io.StringIO(newline="")
    count = write_rows(
        buffer,
        ["Name", "=Header"],
        [["=cmd|' /C calc'!A0", 'Ada, "the" Countess\nof Lovelace'], ["@x", None]],
    )
    assert count == 2
    text = buffer.getvalue()
    assert text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows == [
        ["Name", "'=Header"],
        ["'=cmd|' /C calc'!A0", 'Ada, "the" Countess\nof Lovelace'],
        ["'@x", ""],
    ]
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=40))
def test_safe_cells_never_start_a_formula_and_restore_exactly(value: str) -> None:
    cell = safe_cell(value)
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert restore_cell(cell) == value
