"""Reading delimited text files robustly: bytes, encodings, zips, rows, headers.

Shared by the LinkedIn and generic CSV importers. Every whole-file problem is
turned into :class:`ImportFileError` with a message that names the file.

Encoding policy: UTF-16 if the file starts with a UTF-16 byte-order mark (Excel's
"Unicode Text"); otherwise UTF-8 with or without a BOM; if that fails, Windows-1252
(what Excel on Windows writes for "CSV"). Files containing NUL bytes or many
control characters are rejected as binary rather than decoded as garbage.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from .records import MAX_IMPORT_BYTES, ImportFileError, read_input_file

MAX_BYTES = MAX_IMPORT_BYTES
"""Refuse files (or zip members) larger than this; contact lists are far smaller."""

HEADER_SCAN_ROWS = 50
"""How many non-blank rows to look through for the header row."""

DELIMITERS = (",", ";", "\t")

# Characters that do not occur in real text files; many of them means binary.
_CONTROLS = dict.fromkeys(c for c in [*range(0x20), 0x7F] if chr(c) not in "\t\n\r\v\f")
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_SAVE_AS_CSV = "if it is a spreadsheet, save it as CSV first"


@dataclass
class Text:
    text: str
    encoding: str
    label: str
    """How to name the file in messages, e.g. ``export.zip (Connections.csv)``."""


def read_bytes(path: Path) -> bytes:
    return read_input_file(path)


def is_zip(data: bytes) -> bool:
    return data.startswith(_ZIP_MAGIC)


def zip_member(path: Path, data: bytes, wanted: str) -> tuple[str, bytes]:
    """The bytes of the member called ``wanted`` (any folder, any case)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            matches = [
                info
                for info in archive.infolist()
                if not info.is_dir() and _basename(info.filename) == wanted.lower()
            ]
            if not matches:
                raise ImportFileError(f"{path}: the zip archive has no {wanted} inside")
            info = min(matches, key=lambda i: (i.filename.count("/"), i.filename))
            if info.file_size > MAX_BYTES:
                raise ImportFileError(f"{path}: {info.filename} inside the zip is too large")
            with archive.open(info) as member:
                content = member.read(MAX_BYTES + 1)
            if len(content) > MAX_BYTES:
                raise ImportFileError(f"{path}: {info.filename} inside the zip is too large")
            return info.filename, content
    except ImportFileError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
        raise ImportFileError(
            f"{path}: the zip archive is damaged or unsupported ({exc})"
        ) from None
    except (OSError, ValueError) as exc:
        raise ImportFileError(f"{path}: the zip archive cannot be read ({exc})") from None


def _basename(member: str) -> str:
    return PurePosixPath(member.replace("\\", "/")).name.lower()


def zip_kind(data: bytes) -> str:
    """A short description of what a zip archive probably is, for messages."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except Exception:
        return "a zip archive"
    if any(n.startswith("xl/") for n in names):
        return "an Excel workbook (.xlsx)"
    if "content.xml" in names:
        return "an OpenDocument spreadsheet (.ods)"
    return "a zip archive"


def decode(data: bytes, label: str) -> Text:
    """Bytes to text under the encoding policy in the module docstring."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _checked(data.decode("utf-16"), "utf-16", label)
        except UnicodeDecodeError:
            raise ImportFileError(f"{label}: is not valid UTF-16 text") from None
    if b"\x00" in data:
        raise ImportFileError(f"{label}: is not a text file ({_SAVE_AS_CSV})")
    try:
        return _checked(data.decode("utf-8-sig"), "utf-8", label)
    except UnicodeDecodeError:
        pass
    try:
        return _checked(data.removeprefix(codecs.BOM_UTF8).decode("cp1252"), "cp1252", label)
    except UnicodeDecodeError:
        raise ImportFileError(
            f"{label}: is neither UTF-8 nor Windows-1252 text; save it as UTF-8 CSV"
        ) from None


def _checked(text: str, encoding: str, label: str) -> Text:
    text = text.lstrip("\ufeff").rstrip("\x1a")  # stray BOM, DOS end-of-file marker
    controls = len(text) - len(text.translate(_CONTROLS))
    if "\x00" in text or (controls > 8 and controls * 50 > len(text)):
        raise ImportFileError(f"{label}: is not a text file ({_SAVE_AS_CSV})")
    if not text.strip():
        raise ImportFileError(f"{label}: is empty")
    return Text(text, encoding, label)


def is_blank(row: list[str]) -> bool:
    return all(not cell.strip() for cell in row)


def norm_key(header: str) -> str:
    """Header text compared case-, space-, underscore- and punctuation-insensitively."""
    return "".join(ch for ch in header.casefold() if ch.isalnum())


class _Lines:
    """Feeds physical lines to :mod:`csv`, counting them."""

    def __init__(self, text: str) -> None:
        self._source = io.StringIO(text, newline="")
        self.count = 0
        self.row_started = False
        self.ran_out_mid_row = False

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = self._source.readline()
        if not line:
            # csv only asks for another line mid-row when a quoted value is still open.
            self.ran_out_mid_row = self.row_started
            raise StopIteration
        self.count += 1
        self.row_started = True
        return line


class Row(NamedTuple):
    line: int
    """Physical line (1-based) where the row starts."""
    cells: list[str]
    problem: str | None = None
    """Why the row could not be read (then ``cells`` is empty)."""


def iter_rows(text: Text, delimiter: str) -> Iterator[Row]:
    """Every row, blank ones included, with the physical line it starts on.

    Parsing is strict about quotes, so a stray quote costs one reported row instead
    of silently gluing rows together. A quoted value still open at the end of the
    file is a whole-file error: it would otherwise swallow everything after it.
    """
    lines = _Lines(text.text)
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    while True:
        start = lines.count + 1
        lines.row_started = False
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if lines.ran_out_mid_row:
                raise ImportFileError(
                    f"{text.label}: line {start}: a quoted value in the row starting here "
                    'is never closed (look for a stray " on or before this line)'
                ) from None
            if lines.count < start:
                return
            span = f"line {start}" if lines.count == start else f"lines {start}-{lines.count}"
            yield Row(start, [], f"badly quoted value ({exc}); {span} skipped")
            continue
        yield Row(start, cells)


Scorer = Callable[[list[str]], int]


@dataclass
class Header:
    delimiter: str
    line: int
    cells: list[str]


def find_header(text: Text, score: Scorer) -> Header | None:
    """The best-scoring header row among the first rows, under each delimiter.

    ``score`` returns 0 for "not a header". Ties go to the earlier delimiter in
    :data:`DELIMITERS`, so comma wins unless another fits the header better.
    """
    best: tuple[int, Header] | None = None
    for delimiter in DELIMITERS:
        try:
            for line, cells in _first_rows(text, delimiter):
                points = score(cells)
                if points and (best is None or points > best[0]):
                    best = (points, Header(delimiter, line, cells))
                if points:
                    break
        except ImportFileError:
            continue
    return best[1] if best else None


def _first_rows(text: Text, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    seen = 0
    for line, cells, problem in iter_rows(text, delimiter):
        if problem or is_blank(cells):
            continue
        yield line, cells
        seen += 1
        if seen >= HEADER_SCAN_ROWS:
            return
