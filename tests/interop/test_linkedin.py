from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest

from infoterm.interop.linkedin import parse_linkedin
from infoterm.interop.records import ImportFileError

from .conftest import WriteFile
from .helpers import LINKEDIN_HEADER, LINKEDIN_PREAMBLE, linkedin_lines, zip_bytes

ADA = "Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace-1815,,Analytical Engines,Analyst,15 Mar 2024"
GRACE = (
    'Grace,Hopper,https://www.linkedin.com/in/ghopper,grace@navy.example,"US Navy, Reserve",'
    '"Rear Admiral, ""Amazing Grace""",01 Sep 2023'
)


def test_real_export_with_preamble(write_file: WriteFile) -> None:
    result = parse_linkedin(write_file("Connections.csv", linkedin_lines(ADA, GRACE)))

    assert result.errors == []
    assert result.skipped_blank == 0
    assert result.encoding == "utf-8"
    ada, grace = result.records
    # Preamble is 3 lines, header is line 4.
    assert (ada.line, grace.line) == (5, 6)
    assert ada.name == "Ada Lovelace"
    assert (ada.first_name, ada.last_name) == ("Ada", "Lovelace")
    assert ada.organisation == "Analytical Engines"
    assert ada.title == "Analyst"
    assert ada.email == ""
    assert ada.linkedin_url == "https://www.linkedin.com/in/ada-lovelace-1815"
    assert ada.connected_on == date(2024, 3, 15)
    assert grace.organisation == "US Navy, Reserve"
    assert grace.title == 'Rear Admiral, "Amazing Grace"'
    assert grace.email == "grace@navy.example"
    assert grace.connected_on == date(2023, 9, 1)


def test_bom_and_crlf(write_file: WriteFile) -> None:
    path = write_file(
        "Connections.csv", linkedin_lines(ADA, GRACE), newline="\r\n", encoding="utf-8-sig"
    )
    assert path.read_bytes().startswith(b"\xef\xbb\xbfNotes:\r\n")

    result = parse_linkedin(path)

    assert [r.name for r in result.records] == ["Ada Lovelace", "Grace Hopper"]
    assert [r.line for r in result.records] == [5, 6]
    assert result.records[0].connected_on == date(2024, 3, 15)


def test_header_found_without_preamble(write_file: WriteFile) -> None:
    result = parse_linkedin(write_file("c.csv", [LINKEDIN_HEADER, ADA]))
    assert [(r.line, r.name) for r in result.records] == [(2, "Ada Lovelace")]


def test_line_numbers_are_physical_across_multiline_values(write_file: WriteFile) -> None:
    multiline = 'Alan,Turing,,,"Bletchley\nPark","Code\nbreaker\n",23 Jun 2022'
    result = parse_linkedin(write_file("c.csv", linkedin_lines(multiline, ADA), newline="\r\n"))

    (ada,) = result.records
    # A line break in a one-line field is refused, on the row's first physical line.
    assert [(e.line, e.message) for e in result.errors] == [
        (5, "organisation: line break U+000A is not allowed")
    ]
    assert ada.line == 9


def test_older_export_without_url(write_file: WriteFile) -> None:
    header = "First Name,Last Name,Email Address,Company,Position,Connected On"
    row = "Ada,Lovelace,ada@example.org,Analytical Engines,Analyst,15 Mar 2019"
    result = parse_linkedin(write_file("c.csv", linkedin_lines(row, header=header)))

    (ada,) = result.records
    assert ada.linkedin_url == ""
    assert ada.email == "ada@example.org"
    assert ada.connected_on == date(2019, 3, 15)


def test_reordered_columns(write_file: WriteFile) -> None:
    header = "Connected On,Company,Last Name,Position,First Name,URL"
    row = "15 Mar 2024,Analytical Engines,Lovelace,Analyst,Ada,linkedin.com/in/ada"
    (ada,) = parse_linkedin(write_file("c.csv", linkedin_lines(row, header=header))).records
    assert (ada.first_name, ada.last_name, ada.title) == ("Ada", "Lovelace", "Analyst")
    assert ada.organisation == "Analytical Engines"
    assert ada.linkedin_url == "https://www.linkedin.com/in/ada"
    assert ada.connected_on == date(2024, 3, 15)


def test_blank_rows_are_counted(write_file: WriteFile) -> None:
    lines = linkedin_lines(ADA, "", ",,,,,,", "  ,  ,", GRACE, "", "")
    result = parse_linkedin(write_file("c.csv", lines))
    assert [r.line for r in result.records] == [5, 9]
    assert result.skipped_blank == 5
    assert result.errors == []


def test_bad_date_keeps_row_with_warning(write_file: WriteFile) -> None:
    row = "Bad,Date,,,Acme,,31 Foo 2024"
    result = parse_linkedin(
        write_file("c.csv", linkedin_lines(ADA, row, "Feb,Thirty,,,,,30 Feb 2024"))
    )

    assert [r.name for r in result.records] == ["Ada Lovelace", "Bad Date", "Feb Thirty"]
    assert result.records[1].connected_on is None
    assert result.records[1].organisation == "Acme"
    first, second = result.errors
    assert not first.skipped and not second.skipped
    assert str(first).startswith('line 6: "31 Foo 2024" is not a date like 15 Mar 2024')
    assert second.line == 7
    assert result.warnings == result.errors and result.skipped == []


def test_row_without_any_name_is_skipped(write_file: WriteFile) -> None:
    result = parse_linkedin(write_file("c.csv", linkedin_lines(",,,,Acme,CEO,", "Cher,,,,,,")))
    assert [r.name for r in result.records] == ["Cher"]
    (error,) = result.errors
    assert error.line == 5 and error.skipped
    assert "no name" in error.message


def test_every_month_parses_in_english(write_file: WriteFile) -> None:
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    rows = [f"P{i},Q,,,,,{i} {m} 2021" for i, m in enumerate(months, start=1)]
    result = parse_linkedin(write_file("c.csv", linkedin_lines(*rows)))
    assert [r.connected_on for r in result.records] == [date(2021, i, i) for i in range(1, 13)]


def test_linkedin_urls_are_normalised(write_file: WriteFile) -> None:
    row = "Ada,L,http://UK.LinkedIn.com/in/Ada-L/?trk=people#top,,,,"
    (ada,) = parse_linkedin(write_file("c.csv", linkedin_lines(row))).records
    assert ada.linkedin_url == "https://www.linkedin.com/in/Ada-L"


def test_no_header_names_the_file(write_file: WriteFile) -> None:
    path = write_file("contacts.csv", ["Name,Company", "Ada Lovelace,Analytical Engines"])
    with pytest.raises(ImportFileError, match="no recognisable header") as info:
        parse_linkedin(path)
    assert str(path) in str(info.value)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"\r\n\r\n  \n", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "not a text file"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), "not a text file"),
        (b"First Name,Last Name\n\x81\x8d\xff,\xfe\n", "neither UTF-8 nor Windows-1252"),
        (b'{"connections": []}', "no recognisable header"),
        (b"PK\x03\x04 definitely not a zip", "zip archive is damaged"),
    ],
)
def test_whole_file_problems(write_file: WriteFile, content: bytes, message: str) -> None:
    path = write_file("Connections.csv", content)
    with pytest.raises(ImportFileError, match=message) as info:
        parse_linkedin(path)
    assert str(path) in str(info.value)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="no such file"):
        parse_linkedin(tmp_path / "nope.csv")
    with pytest.raises(ImportFileError, match="folder"):
        parse_linkedin(tmp_path)


def test_windows_1252_resave_is_read(write_file: WriteFile) -> None:
    path = write_file(
        "c.csv", linkedin_lines("Zoë,Brontë,,,Café Ltd,,15 Mar 2024"), encoding="cp1252"
    )
    result = parse_linkedin(path)
    assert result.encoding == "cp1252"
    assert result.records[0].name == "Zoë Brontë"
    assert result.records[0].organisation == "Café Ltd"


def test_semicolon_resave_is_read(write_file: WriteFile) -> None:
    header = LINKEDIN_HEADER.replace(",", ";")
    row = "Ada;Lovelace;;;Engines, Analytical;Analyst;15 Mar 2024"
    (ada,) = parse_linkedin(write_file("c.csv", [header, row])).records
    assert ada.organisation == "Engines, Analytical"


def test_unclosed_quote_is_a_file_error(write_file: WriteFile) -> None:
    # Without this check the stray quote would swallow every later row into one value.
    lines = linkedin_lines(ADA, 'Bad,Quote,,,"Acme,CEO,15 Mar 2024', ADA, ADA)
    with pytest.raises(ImportFileError, match="line 6: a quoted value .* never closed"):
        parse_linkedin(write_file("c.csv", lines))


def test_stray_quote_costs_only_the_rows_it_touches(write_file: WriteFile) -> None:
    # The stray quote pairs up with one on the next line; both lines are reported.
    lines = linkedin_lines(ADA, 'Bad,Quote,,,"Acme,CEO,15 Mar 2024', GRACE, GRACE)
    result = parse_linkedin(write_file("c.csv", lines))
    assert [(r.line, r.name) for r in result.records] == [(5, "Ada Lovelace"), (8, "Grace Hopper")]
    (error,) = result.errors
    assert error.skipped and error.line == 6
    assert "badly quoted" in error.message and "lines 6-7 skipped" in error.message


def test_zip_archive(write_file: WriteFile) -> None:
    csv_bytes = ("\n".join(linkedin_lines(ADA, GRACE)) + "\n").encode("utf-8-sig")
    for member in ("Connections.csv", "Basic_LinkedInDataExport_03-15-2024/Connections.csv"):
        path = write_file("export.zip", zip_bytes({"Profile.csv": b"x,y\n", member: csv_bytes}))
        result = parse_linkedin(path)
        assert [(r.line, r.name) for r in result.records] == [
            (5, "Ada Lovelace"),
            (6, "Grace Hopper"),
        ]


def test_zip_made_on_windows_with_backslash_paths(write_file: WriteFile) -> None:
    data = zip_bytes({"export\\Connections.csv": f"{LINKEDIN_HEADER}\nAda,L,,,,,\n".encode()})
    (ada,) = parse_linkedin(write_file("export.zip", data)).records
    assert ada.name == "Ada L"


def test_zip_without_connections(write_file: WriteFile) -> None:
    path = write_file("export.zip", zip_bytes({"Profile.csv": b"First Name,Last Name\n"}))
    with pytest.raises(ImportFileError, match=r"no Connections\.csv") as info:
        parse_linkedin(path)
    assert str(path) in str(info.value)


def test_ten_thousand_rows_parse_quickly(write_file: WriteFile) -> None:
    rows = [
        f'First{i},Last{i},https://www.linkedin.com/in/person-{i},,"Company {i}, Inc",'
        f"Engineer,{i % 28 + 1} Mar 2020"
        for i in range(10_000)
    ]
    path = write_file("big.csv", [*LINKEDIN_PREAMBLE, LINKEDIN_HEADER, *rows], newline="\r\n")

    started = time.perf_counter()
    result = parse_linkedin(path)
    elapsed = time.perf_counter() - started

    assert len(result.records) == 10_000
    assert result.records[-1].line == 10_004
    assert elapsed < 1.0, f"took {elapsed:.2f}s"


def test_a_connection_date_outside_the_years_kept_says_out_of_range(
    write_file: WriteFile,
) -> None:
    row = "Far,Future,,,Acme,,31 Dec 9999"
    result = parse_linkedin(write_file("c.csv", linkedin_lines(ADA, row)))
    assert [r.name for r in result.records] == ["Ada Lovelace", "Far Future"]
    [warning] = result.warnings
    assert str(warning).startswith(
        'line 6: "31 Dec 9999" is out of range: dates run from 1900 to 2200'
    )
