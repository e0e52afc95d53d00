"""Whatever bytes a user points the importers at, the only failure is ImportFileError."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from infoterm.interop.csvimport import parse_csv, parse_map_option
from infoterm.interop.linkedin import parse_linkedin
from infoterm.interop.records import ImportFileError, ParseResult

from .helpers import LINKEDIN_HEADER, LINKEDIN_PREAMBLE, zip_bytes

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
Parser = Callable[[Path], ParseResult]
PARSERS = [pytest.param(parse_linkedin, id="linkedin"), pytest.param(parse_csv, id="csv")]

# Characters that matter to CSV, encodings and our field parsing, plus some ordinary ones.
_tricky = st.sampled_from(
    [
        ",",
        ";",
        "\t",
        '"',
        "\r",
        "\n",
        "\r\n",
        "\ufeff",
        " ",
        "\x1a",
        "\x1b",
        "é",
        "🚀",
        "Mar",
        "2024",
        "15",
        "@",
        "=",
        "linkedin.com/in/x",
        "http://",
        "First Name",
        "Name",
    ]
)
_cell_text = st.lists(_tricky | st.text(max_size=2), max_size=5).map("".join)
_BODY_TOKENS = st.sampled_from([",", ",", ";", "\t", "\n", "\r\n", "Ada", "Lovelace"])


def _physical_lines(data: bytes) -> int:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return max(1, len(io.StringIO(text, newline="").readlines()))


def _check(parser: Parser, path: Path, data: bytes) -> None:
    path.write_bytes(data)
    try:
        result = parser(path)
    except ImportFileError as exc:
        assert str(exc)
        return
    last = _physical_lines(data)
    lines = [record.line for record in result.records]
    assert lines == sorted(set(lines))
    assert all(1 <= line <= last for line in lines)
    assert all(1 <= error.line <= last and error.message for error in result.errors)
    assert all(record.name.strip() for record in result.records)
    assert result.skipped_blank >= 0


@pytest.mark.parametrize("parser", PARSERS)
@FUZZ
@given(data=st.binary(max_size=400))
@example(data=b"")
@example(data=b"\xef\xbb\xbf")
@example(data=b"PK\x03\x04")
@example(data=b'First Name,Last Name\n"')
def test_random_bytes(parser: Parser, tmp_path: Path, data: bytes) -> None:
    _check(parser, tmp_path / "input.csv", data)


@pytest.mark.parametrize("parser", PARSERS)
@FUZZ
@given(
    body=st.lists(_BODY_TOKENS | _tricky | st.text(max_size=2), max_size=60).map("".join),
    delimiter=st.sampled_from([",", ";", "\t"]),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
)
def test_realistic_shapes(
    parser: Parser, tmp_path: Path, body: str, delimiter: str, newline: str, encoding: str
) -> None:
    header = LINKEDIN_HEADER.replace(",", delimiter)
    text = newline.join([*LINKEDIN_PREAMBLE, header, body])
    data = text.encode(encoding, errors="replace")
    _check(parser, tmp_path / "input.csv", data)


@FUZZ
@given(content=st.binary(max_size=300), folder=st.sampled_from(["", "export/", "a/b/"]))
def test_zip_with_random_connections(tmp_path: Path, content: bytes, folder: str) -> None:
    data = zip_bytes({folder + "Connections.csv": content})
    with contextlib.suppress(ImportFileError):
        parse_linkedin(_write(tmp_path, data))


@FUZZ
@given(data=st.binary(max_size=200))
def test_truncated_zip(tmp_path: Path, data: bytes) -> None:
    whole = zip_bytes({"Connections.csv": LINKEDIN_HEADER.encode() + b"\nAda,L\n" + data})
    with contextlib.suppress(ImportFileError):
        parse_linkedin(_write(tmp_path, whole[: len(whole) // 2] + data))


@FUZZ
@given(
    values=st.lists(st.text(max_size=20), max_size=4),
    body=st.lists(_cell_text, min_size=1, max_size=4),
)
def test_map_options_and_mapping(tmp_path: Path, values: list[str], body: list[str]) -> None:
    try:
        mapping = parse_map_option(values)
    except ImportFileError:
        mapping = {value: "notes" for value in values}
    path = _write(tmp_path, "\n".join(["Name,Company", *body]).encode())
    with contextlib.suppress(ImportFileError):
        parse_csv(path, mapping)


def _write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "input.bin"
    path.write_bytes(data)
    return path
