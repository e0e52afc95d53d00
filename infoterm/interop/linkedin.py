"""Import LinkedIn's ``Connections.csv`` export.

What LinkedIn sends ("Get a copy of your data" -> Connections) is a zip archive
holding ``Connections.csv``, which looks like this::

    Notes:
    "When exporting your connection data, you may notice that some of the email ..."

    First Name,Last Name,URL,Email Address,Company,Position,Connected On
    Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace,,Analytical Engines,"Analyst, Numbers",15 Mar 2024

:func:`parse_linkedin` accepts the zip itself (``Connections.csv`` anywhere in it)
or the extracted CSV. The preamble is skipped by finding the header row by its
names (a row with First Name and Last Name), and columns are taken by name, so
older exports without URL or Email Address, reordered columns, and a file re-saved
by Excel (Windows-1252, or semicolons in some locales) all work.

Per-row decisions:

- a row with neither a first nor a last name is skipped and reported;
- a ``Connected On`` that is not a date like ``15 Mar 2024`` (or ``2024-03-15``)
  does not cost the row: it is imported with ``connected_on=None`` and a warning
  (``RowError.skipped`` is False);
- likewise an unusable URL or email goes into the notes with a warning;
- a row with broken quoting (``"abc"def``) is skipped and reported with the lines
  it covered; a quote still open at the end of the file is a whole-file error;
- blank rows are counted in ``skipped_blank``.
"""

from __future__ import annotations

from pathlib import Path

from ._tabular import decode, find_header, is_zip, read_bytes, zip_member
from .csvimport import Columns, parse_table
from .fields import field_for
from .records import ImportFileError, ParseResult

MEMBER = "Connections.csv"
EXPECTED_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"


def _columns(cells: list[str]) -> Columns:
    columns: Columns = {}
    for index, cell in enumerate(cells):
        found = field_for(cell)
        if found is not None:
            columns[index] = found
    return columns


def _score(cells: list[str]) -> int:
    fields = {field for field, _ in _columns(cells).values()}
    return len(fields) if {"first_name", "last_name"} <= fields else 0


def parse_linkedin(path: Path) -> ParseResult:
    """Read a LinkedIn connections export (``.csv`` or the ``.zip``) into records."""
    data = read_bytes(path)
    label = str(path)
    if is_zip(data):
        member, data = zip_member(path, data, MEMBER)
        label = f"{path} ({member})"
    text = decode(data, label)
    header = find_header(text, _score)
    if header is None:
        raise ImportFileError(
            f"{label}: no recognisable header: expected a row like {EXPECTED_HEADER} "
            "(is this LinkedIn's Connections.csv?)"
        )
    return parse_table(text, header, _columns(header.cells))
