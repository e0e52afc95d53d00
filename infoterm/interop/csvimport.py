"""Import people from any CSV file with a header row.

Columns are matched to fields by header name, ignoring case, spaces, underscores
and punctuation, with common aliases (``Company`` and ``Employer`` both mean
organisation; see :data:`fields.ALIASES`). ``--map COLUMN=FIELD`` options,
parsed by :func:`parse_map_option`, override that per column; the pseudo-field
``ignore`` leaves a column out.

The header is the first of the opening rows that names a name column (``Name``,
or ``First Name``/``Last Name``), so a few lines of preamble before it are fine.
The delimiter is whichever of comma, semicolon and tab makes that header fit best.
Encodings, blank rows and per-row problems are handled as described in
:mod:`._tabular` and :mod:`.fields`.
"""

from __future__ import annotations

from pathlib import Path

from ._tabular import (
    Header,
    Text,
    decode,
    find_header,
    is_blank,
    is_zip,
    iter_rows,
    norm_key,
    read_bytes,
    zip_kind,
)
from .csvexport import restore_cell
from .fields import FIELDS, IGNORE, build_record, canonical_field, field_for
from .records import ImportFileError, ImportRecord, ParseResult, RowError

NAME_FIELDS = frozenset({"name", "first_name", "last_name"})
_VALID = ", ".join((*FIELDS, IGNORE))

Columns = dict[int, tuple[str, int]]
"""Column index -> (field, rank); lower rank wins when two columns feed one field."""


def parse_map_option(values: list[str]) -> dict[str, str]:
    """``["Employer Name=organisation", ...]`` -> ``{"Employer Name": "organisation"}``.

    Field names are checked and made canonical (``Company`` -> ``organisation``).
    """
    mapping: dict[str, str] = {}
    seen: set[str] = set()
    for raw in values:
        column, sep, field = raw.rpartition("=")
        column, field = column.strip(), field.strip()
        if not sep or not column or not field:
            raise ImportFileError(
                f'--map "{raw}": expected COLUMN=FIELD, for example "Employer Name=organisation"'
            )
        mapping[column] = _checked_field(field, column)
        if _column_key(column) in seen:
            raise ImportFileError(f'--map: column "{column}" is mapped more than once')
        seen.add(_column_key(column))
    return mapping


def _checked_field(field: str, column: str) -> str:
    canonical = canonical_field(field)
    if canonical is None:
        raise ImportFileError(
            f'--map "{column}={field}": "{field}" is not a field; valid fields are: {_VALID}'
        )
    return canonical


def _column_key(header: str) -> str:
    return norm_key(header) or header.strip()


def parse_csv(path: Path, mapping: dict[str, str] | None = None) -> ParseResult:
    """Read ``path`` into records; see the module docstring for the rules."""
    wanted = {_column_key(col): _checked_field(f, col) for col, f in (mapping or {}).items()}

    data = read_bytes(path)
    if is_zip(data):
        raise ImportFileError(
            f"{path}: is {zip_kind(data)}, not a CSV file; save or extract it as CSV first"
        )
    text = decode(data, str(path))

    def columns_of(cells: list[str]) -> Columns:
        columns: Columns = {}
        for index, cell in enumerate(cells):
            key = _column_key(cell)
            if key in wanted:
                columns[index] = (wanted[key], -1)
            elif (found := field_for(cell)) is not None:
                columns[index] = found
        return columns

    def score(cells: list[str]) -> int:
        fields = {field for field, _ in columns_of(cells).values()}
        return len(fields - {IGNORE}) if fields & NAME_FIELDS else 0

    header = find_header(text, score)
    if header is None:
        raise ImportFileError(
            f"{text.label}: no recognisable header row: need a column called Name, or "
            f"First Name and Last Name (the first row has: {_first_row(text)}); "
            "use --map COLUMN=name to say which column holds names"
        )
    present = {_column_key(cell) for cell in header.cells}
    for column in mapping or {}:
        if _column_key(column) not in present:
            raise ImportFileError(
                f'{text.label}: --map column "{column}" is not in the header on line '
                f"{header.line}; the columns are: {', '.join(c.strip() for c in header.cells)}"
            )
    return parse_table(text, header, columns_of(header.cells))


def _first_row(text: Text) -> str:
    for _, cells, _problem in iter_rows(text, ","):
        if cells and not is_blank(cells):
            shown = [cell.strip()[:30] for cell in cells[:8]]
            return ", ".join(shown) + (", ..." if len(cells) > 8 else "")
    return "nothing"


def parse_table(text: Text, header: Header, columns: Columns) -> ParseResult:
    """Records from every row after ``header``, reading ``columns``."""
    by_field: dict[str, list[int]] = {}
    for index in sorted(columns, key=lambda i: (columns[i][1], i)):
        field = columns[index][0]
        if field != IGNORE:
            by_field.setdefault(field, []).append(index)
    header_keys = [norm_key(cell) for cell in header.cells]

    records: list[ImportRecord] = []
    errors: list[RowError] = []
    blank = 0
    for line, cells, problem in iter_rows(text, header.delimiter):
        if line <= header.line:
            continue
        if problem:
            errors.append(RowError(line, problem))
            continue
        if is_blank(cells):
            blank += 1
            continue
        if cells[0] == header.cells[0] and [norm_key(c) for c in cells] == header_keys:
            continue  # the header again, e.g. two exports pasted together
        values: dict[str, str] = {}
        for field, indexes in by_field.items():
            for index in indexes:
                if index < len(cells) and cells[index].strip():
                    values[field] = restore_cell(cells[index].strip())
                    break
        record, problems = build_record(line, values)
        errors.extend(problems)
        if record is not None:
            records.append(record)
    return ParseResult(records, errors, blank, text.encoding)
