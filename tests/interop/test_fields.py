from __future__ import annotations

from datetime import date

import pytest

from infoterm.interop.fields import normalise_linkedin_url, parse_date, split_tags


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15 Mar 2024", date(2024, 3, 15)),
        ("5 sept 2023", date(2023, 9, 5)),
        ("01 December 2020", date(2020, 12, 1)),
        ("2024-03-15", date(2024, 3, 15)),
        ("  7 May 2021 ", date(2021, 5, 7)),
        ("31 Foo 2024", None),
        ("30 Feb 2024", None),
        ("03/15/2024", None),
        ("15 Mär 2024", None),
        ("", None),
    ],
)
def test_parse_date(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://www.linkedin.com/in/ada-lovelace", "https://www.linkedin.com/in/ada-lovelace"),
        ("http://LinkedIn.com/in/Ada/", "https://www.linkedin.com/in/Ada"),
        ("www.linkedin.com/in/ada?trk=public#x", "https://www.linkedin.com/in/ada"),
        ("https://uk.linkedin.com/in/ada-l-12ab", "https://www.linkedin.com/in/ada-l-12ab"),
        ("https://www.linkedin.com/in/zo%C3%AB", "https://www.linkedin.com/in/zo%C3%AB"),
        ("https://www.linkedin.com/pub/ada/1/2/3", "https://www.linkedin.com/pub/ada/1/2/3"),
        ("https://www.linkedin.com/company/acme", None),
        ("https://www.linkedin.com/in/", None),
        ("https://evil.example/linkedin.com/in/ada", None),
        ("https://notlinkedin.com/in/ada", None),
        ("ftp://www.linkedin.com/in/ada", None),
        ("ada lovelace", None),
        ("http://[::1", None),
    ],
)
def test_normalise_linkedin_url(text: str, expected: str | None) -> None:
    assert normalise_linkedin_url(text) == expected


def test_split_tags() -> None:
    assert split_tags(" mentor ; math,  history ,,mentor;") == ["mentor", "math", "history"]


@pytest.mark.parametrize("text", ["15 Mar 0999", "0999-03-15", "1 Jan 2201", "1899-12-31"])
def test_parse_date_refuses_years_out_of_bounds(text: str) -> None:
    assert parse_date(text) is None
