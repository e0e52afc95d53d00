"""`infoterm org NAME --motivation/--posting/--advocacy` and `infoterm targets [--json]`."""

from __future__ import annotations

import json

import pytest

from tests.cli.test_cli import run


@pytest.fixture
def dbfile(db_target: str) -> str:
    return db_target


def test_set_the_values_and_list_the_targets(
    capsys: pytest.CaptureFixture[str], dbfile: str
) -> None:
    for name, org in (("Ann", "Acme"), ("Bo", "Beta"), ("Cy", "Acme")):
        assert run(capsys, "--db", dbfile, "add", name, "--org", org)[0] == 0
    code, out, _ = run(
        capsys, "--db", dbfile, "org", "acme", "--motivation", "3", "--posting", "2",
        "--advocacy", "yes",
    )  # fmt: skip
    assert code == 0
    assert "motivation 3 · posting 2 · advocacy yes · rank 1 of 2 · active" in out
    code, out, _ = run(capsys, "--db", dbfile, "targets", "--json")
    assert code == 0
    rows = json.loads(out)
    assert [set(r) for r in rows][0] == {
        "name", "advocacy", "motivation", "posting", "rank", "active", "exhausted",
        "contacts", "stages",
    }  # fmt: skip
    assert [(r["name"], r["rank"], r["active"], r["contacts"]) for r in rows] == [
        ("Acme", 1, True, 2),
        ("Beta", 2, False, 1),
    ]
    assert rows[0]["stages"]["identified"] == 2 and rows[0]["advocacy"] is True
    code, out, _ = run(capsys, "--db", dbfile, "targets")
    assert code == 0 and "active" in out.splitlines()[1] and "Acme" in out
    code, out, _ = run(capsys, "--db", dbfile, "org", "acme", "--json")
    assert json.loads(out)["motivation"] == 3 and json.loads(out)["rank"] == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--motivation", "4"), "motivation 4: use 0 to 3"),
        (("--posting", "0"), "posting 0: use 1 to 3"),
        (("--advocacy", "maybe"), "advocacy 'maybe': use yes or no"),
        (("--motivation", "x"), "invalid int value"),
    ],
)
def test_bad_values_are_one_line_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str], dbfile: str, args: tuple[str, ...], message: str
) -> None:
    run(capsys, "--db", dbfile, "add", "Ann", "--org", "Acme")
    code, out, err = run(capsys, "--db", dbfile, "org", "Acme", "--website", "acme.com", *args)
    assert code != 0 and message in err and len(err.strip().splitlines()) == 1
    code, out, _ = run(capsys, "--db", dbfile, "org", "Acme", "--json")
    found = json.loads(out)
    assert (found["website"], found["motivation"], found["posting"]) == ("", 0, 1)


def test_targets_on_an_empty_database(capsys: pytest.CaptureFixture[str], dbfile: str) -> None:
    assert run(capsys, "--db", dbfile, "targets", "--json")[1].strip() == "[]"
    assert "no organisations yet" in run(capsys, "--db", dbfile, "targets")[1]
