from __future__ import annotations

import io
from datetime import date

import pytest

from infoterm.interop.csvexport import write_rows
from infoterm.interop.csvimport import parse_csv, parse_map_option
from infoterm.interop.records import ImportFileError

from .conftest import WriteFile
from .helpers import linkedin_lines, zip_bytes


def test_aliases_cover_every_field(write_file: WriteFile) -> None:
    header = (
        "Full Name,Organization,Job Title,E-mail,Mobile,LinkedIn URL,Labels,Stage,Comments,"
        "Connected On"
    )
    row = (
        "Ada Lovelace,Analytical Engines,Analyst,ada@example.org,+44 20 7946 0000,"
        'linkedin.com/in/ada,"mentor; math, history",Contacted,"Met at a talk.\nFollow up.",'
        "2024-03-15"
    )
    result = parse_csv(write_file("people.csv", [header, row]))

    assert result.errors == []
    (ada,) = result.records
    assert ada.line == 2
    assert ada.name == "Ada Lovelace"
    assert (ada.first_name, ada.last_name) == ("", "")  # full names are never split
    assert ada.organisation == "Analytical Engines"
    assert ada.title == "Analyst"
    assert ada.email == "ada@example.org"
    assert ada.phone == "+44 20 7946 0000"
    assert ada.linkedin_url == "https://www.linkedin.com/in/ada"
    assert ada.tags == ["mentor", "math", "history"]
    assert ada.stage == "Contacted"
    assert ada.notes == "Met at a talk.\nFollow up."
    assert ada.connected_on == date(2024, 3, 15)


@pytest.mark.parametrize(
    "header",
    [
        "FIRST_NAME,last_name,COMPANY,job_title",
        " First name , Surname ,Employer,Role",
        "given name,family-name,org,position",
    ],
)
def test_header_matching_ignores_case_spaces_underscores(
    write_file: WriteFile, header: str
) -> None:
    (ada,) = parse_csv(write_file("p.csv", [header, "Ada,Lovelace,Engines,Analyst"])).records
    assert (ada.name, ada.organisation, ada.title) == ("Ada Lovelace", "Engines", "Analyst")


def test_semicolon_delimiter_with_commas_in_values(write_file: WriteFile) -> None:
    lines = ["Name;Company;Notes", "Ada Lovelace;Engines, Ltd;likes maths, poetry"]
    (ada,) = parse_csv(write_file("p.csv", lines)).records
    assert ada.organisation == "Engines, Ltd"
    assert ada.notes == "likes maths, poetry"


def test_tab_delimiter_in_utf16(write_file: WriteFile) -> None:
    # Excel's "Unicode Text" export: UTF-16 with a BOM, tab-separated.
    path = write_file(
        "p.txt", ["Name\tCompany\tTags", "Zoë Brontë\tCafé, Ltd\ta;b"], encoding="utf-16"
    )
    result = parse_csv(path)
    assert result.encoding == "utf-16"
    (zoe,) = result.records
    assert (zoe.name, zoe.organisation, zoe.tags) == ("Zoë Brontë", "Café, Ltd", ["a", "b"])


def test_bom_crlf_and_blank_rows(write_file: WriteFile) -> None:
    lines = ["Name,Email", "", "Ada Lovelace,ada@example.org", ",", "Alan Turing,", "", ""]
    result = parse_csv(write_file("p.csv", lines, newline="\r\n", encoding="utf-8-sig"))
    assert [(r.line, r.name) for r in result.records] == [(3, "Ada Lovelace"), (5, "Alan Turing")]
    assert result.skipped_blank == 4


def test_name_column_wins_over_first_and_last(write_file: WriteFile) -> None:
    lines = ["First Name,Last Name,Name", "Ada,Lovelace,Countess Ada", "Alan,Turing,"]
    ada, alan = parse_csv(write_file("p.csv", lines)).records
    assert (ada.name, ada.first_name) == ("Countess Ada", "Ada")
    assert alan.name == "Alan Turing"


def test_linkedin_column_preferred_over_plain_url(write_file: WriteFile) -> None:
    lines = ["Name,URL,LinkedIn", "Ada,https://ada.example.org,linkedin.com/in/ada", "Bo,,"]
    ada, bo = parse_csv(write_file("p.csv", lines)).records
    assert ada.linkedin_url == "https://www.linkedin.com/in/ada"
    assert bo.linkedin_url == ""


def test_unusable_values_move_to_notes_with_a_warning(write_file: WriteFile) -> None:
    lines = ["Name,URL,Email,Notes", "Ada,https://ada.example.org,not-an-email,hi"]
    result = parse_csv(write_file("p.csv", lines))
    (ada,) = result.records
    assert ada.linkedin_url == "" and ada.email == ""
    assert ada.notes == "hi\nEmail: not-an-email\nLink: https://ada.example.org"
    assert [e.skipped for e in result.errors] == [False, False]
    assert all(e.line == 2 for e in result.errors)


def test_linkedin_export_through_the_generic_importer(write_file: WriteFile) -> None:
    row = "Ada,Lovelace,https://www.linkedin.com/in/ada,,Engines,Analyst,15 Mar 2024"
    (ada,) = parse_csv(write_file("Connections.csv", linkedin_lines(row))).records
    assert (ada.line, ada.name, ada.connected_on) == (5, "Ada Lovelace", date(2024, 3, 15))


def test_map_option_parsing() -> None:
    assert parse_map_option(["Employer Name=organisation", " Who = Name ", "x=y=company"]) == {
        "Employer Name": "organisation",
        "Who": "name",
        "x=y": "organisation",
    }
    assert parse_map_option(["Website=ignore"]) == {"Website": "ignore"}
    for bad in ["Employer", "=name", "Employer="]:
        with pytest.raises(ImportFileError, match="expected COLUMN=FIELD"):
            parse_map_option([bad])
    with pytest.raises(ImportFileError, match="valid fields are: name, first_name"):
        parse_map_option(["Employer=boss"])
    with pytest.raises(ImportFileError, match="more than once"):
        parse_map_option(["Who=name", "who=notes"])


def test_mapping_overrides_aliases(write_file: WriteFile) -> None:
    lines = ["Who,Employer Name,Company,URL", "Ada Lovelace,Engines,Ignored Inc,https://x.example"]
    mapping = parse_map_option(["Who=name", "employer_name=organisation", "URL=ignore"])
    result = parse_csv(write_file("p.csv", lines), mapping)
    (ada,) = result.records
    assert (ada.name, ada.organisation, ada.linkedin_url, ada.notes) == (
        "Ada Lovelace",
        "Engines",
        "",
        "",
    )
    assert result.errors == []


def test_mapping_errors_name_the_problem(write_file: WriteFile) -> None:
    path = write_file("p.csv", ["Name,Company", "Ada,Engines"])
    with pytest.raises(ImportFileError, match='"Employer" is not in the header.*Name, Company'):
        parse_csv(path, {"Employer": "organisation"})
    with pytest.raises(ImportFileError, match="valid fields are"):
        parse_csv(path, {"Company": "boss"})


def test_no_recognisable_header(write_file: WriteFile) -> None:
    path = write_file("p.csv", ["Who,Where", "Ada,London"])
    with pytest.raises(ImportFileError, match="no recognisable header") as info:
        parse_csv(path)
    assert str(path) in str(info.value)
    assert "Who, Where" in str(info.value)
    # ...which --map fixes.
    (ada,) = parse_csv(path, parse_map_option(["Who=name"])).records
    assert ada.name == "Ada"


def test_spreadsheet_workbook_is_refused_helpfully(write_file: WriteFile) -> None:
    xlsx = zip_bytes({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>"})
    with pytest.raises(ImportFileError, match=r"Excel workbook \(\.xlsx\).*save"):
        parse_csv(write_file("people.xlsx", xlsx))


def test_rows_without_a_name_are_reported(write_file: WriteFile) -> None:
    result = parse_csv(write_file("p.csv", ["Name,Company", ",Engines", "Ada,"]))
    assert [r.name for r in result.records] == ["Ada"]
    assert [(e.line, e.skipped) for e in result.errors] == [(2, True)]


def test_repeated_header_rows_are_ignored(write_file: WriteFile) -> None:
    lines = ["Name,Company", "Ada,Engines", "Name,Company", "Alan,Bletchley"]
    result = parse_csv(write_file("p.csv", lines))
    assert [r.name for r in result.records] == ["Ada", "Alan"]


def test_our_own_export_round_trips(write_file: WriteFile) -> None:
    awkward = ['=HYPERLINK("http://x")', "+44 20 7946 0000", "-inf", "@SUM(A1)", "tab\there"]
    buffer = io.StringIO(newline="")
    write_rows(buffer, ["Name", "Phone", "Title", "Company", "Notes"], [awkward])
    result = parse_csv(write_file("export.csv", buffer.getvalue().encode("utf-8")))
    (row,) = result.records
    assert (row.name, row.phone, row.title, row.organisation, row.notes) == tuple(awkward)


def test_control_characters_never_reach_the_terminal(write_file: WriteFile) -> None:
    lines = [
        "Name,Company,Notes",
        "Ada\x1b[31m Lovelace,Engines,",
        "Bo Chan,Engines\x07,",
        "Cy Diaz,Engines,line one\x0bline two\x9b2J",
    ]
    result = parse_csv(write_file("p.csv", lines))
    # A one-line field with a control character is refused, saying which and where...
    assert [(e.line, e.message) for e in result.errors] == [
        (2, "name: control character U+001B is not allowed"),
        (3, "organisation: control character U+0007 is not allowed"),
    ]
    # ...while the notes keep their lines and lose their other controls.
    (cy,) = result.records
    assert cy.notes == "line one\nline two2J"
