"""TIARA tags in infoterm questions and infoterm stats --json."""

from __future__ import annotations

import json

import pytest

from tests.cli.test_cli import run


def test_questions_show_their_tag_and_a_tag_is_a_topic(
    capsys: pytest.CaptureFixture[str], db_path: object
) -> None:
    db = str(db_path)
    assert run(capsys, "--db", db, "questions", "add", "Trends", "What", "changes", "next?")[0] == 0
    code, out, _ = run(capsys, "--db", db, "questions")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "The work and its tasks (work)"
    assert lines[1].startswith("     1  Assignments  What does a normal week look like")
    assert lines[-4:] == [
        "Trends (trends)",
        "    30  Trends       What is changing in your field, and how is it changing your work?",
        "    31  Trends       Which skills will matter more here in three years, and which less?",
        "    32  Trends       What changes next?",
    ]
    rows = json.loads(run(capsys, "--db", db, "questions", "--json")[1])
    assert rows[0] == {
        "id": 1,
        "topic": "work",
        "tag": "assignments",
        "text": "What does a normal week look like for you, and where does most of the time go?",
        "removed": False,
    }
    assert run(capsys, "--db", db, "questions", "add", "Money", "Who", "sets", "pay?")[0] == 0
    rows = json.loads(run(capsys, "--db", db, "questions", "--json")[1])
    assert rows[-1]["tag"] is None and rows[-1]["topic"] == "Money"
    code, out, _ = run(capsys, "--db", db, "stats", "--json")
    assert json.loads(out)["asked_by_tag"] == {
        "trends": 0,
        "insights": 0,
        "advice": 0,
        "resources": 0,
        "assignments": 0,
        "other": 0,
    }
