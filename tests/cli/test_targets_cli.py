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
    from infoterm.store.database import open_database

    open_database(dbfile).close()  # made, with nothing in it
    assert run(capsys, "--db", dbfile, "targets", "--json")[1].strip() == "[]"
    assert "no organisations yet" in run(capsys, "--db", dbfile, "targets")[1]


def test_a_command_that_exhausts_an_employer_says_who_is_next_and_undo_says_who_is_back(
    capsys: pytest.CaptureFixture[str], dbfile: str
) -> None:
    for i in range(6):
        assert run(capsys, "--db", dbfile, "add", f"P{i}", "--org", f"Org{i}")[0] == 0
        assert run(capsys, "--db", dbfile, "org", f"Org{i}", "--motivation", "3")[0] == 0
        assert run(capsys, "--db", dbfile, "request", f"P{i}", "--at", "-14d")[0] == 0
    code, out, _ = run(capsys, "--db", dbfile, "move", "P1", "met")  # a late reply
    assert code == 0
    assert out.splitlines() == [
        "moved P1 from requested to met (infoterm undo moves them back)",
        "Org1 is exhausted: Org5 is now an active employer",
    ]
    code, out, _ = run(capsys, "--db", dbfile, "undo")
    assert code == 0
    assert out.splitlines()[-1] == "Org1 is an active employer again: Org5 waits its turn"
    code, out, _ = run(capsys, "--db", dbfile, "move", "P2", "identified")  # no change there
    assert code == 0 and len(out.splitlines()) == 1


def test_rating_an_organisation_says_which_others_moved_in_or_out(
    capsys: pytest.CaptureFixture[str], dbfile: str
) -> None:
    for i in range(6):
        assert run(capsys, "--db", dbfile, "add", f"P{i}", "--org", f"Org{i}")[0] == 0
        assert run(capsys, "--db", dbfile, "org", f"Org{i}", "--motivation", "3")[0] == 0
    code, out, _ = run(capsys, "--db", dbfile, "org", "Org5", "--posting", "3")
    assert code == 0
    assert "  no longer active: Org4" in out.splitlines()
    code, out, _ = run(capsys, "--db", dbfile, "org", "Org5", "--motivation", "0")
    assert code == 0
    assert "  now active too: Org4" in out.splitlines()
    code, out, _ = run(capsys, "--db", dbfile, "org", "Org5", "--posting", "1")  # unrated
    assert code == 0 and not any("active" in line for line in out.splitlines()[2:])
