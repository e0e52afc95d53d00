"""CSV writing that spreadsheet programs cannot turn into formulas.

Excel, LibreOffice and Google Sheets evaluate a cell that starts with ``=``, ``+``,
``-`` or ``@`` (and, in some versions, a tab or carriage return followed by one)
as a formula, so a contact named ``=HYPERLINK(...)`` could run something when the
export is opened. :func:`safe_cell` puts a ``'`` in front of such text, which
spreadsheets show as a plain-text marker; :func:`restore_cell` undoes it, and the
CSV importer applies it so an export re-imports cleanly.

Real numbers (``int``, ``float``, ``Decimal``) are data, not text, and are written
as they are, so ``-5`` stays a number. Text that merely looks numeric, such as a
phone number ``+44 20 7946 0000``, does get the marker: there is no safe way to
tell it apart from a formula.

Open the file with ``newline=""`` (the csv module writes CRLF row endings itself);
use ``encoding="utf-8-sig"`` if Excel should detect UTF-8.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any, Protocol

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_MARK = "'"


class _Writable(Protocol):
    def write(self, s: str, /) -> Any: ...


def safe_cell(value: object) -> str:
    """``value`` as CSV cell text that a spreadsheet will not evaluate."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | Decimal):
        return str(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    text = str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return _MARK + text
    return text


def restore_cell(text: str) -> str:
    """Undo :func:`safe_cell`'s marker (only where safe_cell would have added it)."""
    if text.startswith(_MARK) and text[1:].startswith(FORMULA_TRIGGERS):
        return text[1:]
    return text


def write_rows(fp: _Writable, header: Iterable[object], rows: Iterable[Iterable[object]]) -> int:
    """Write a header and rows as CSV with every cell made safe; returns the row count."""
    writer = csv.writer(fp, lineterminator="\r\n")
    writer.writerow([safe_cell(cell) for cell in header])
    count = 0
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
        count += 1
    return count
