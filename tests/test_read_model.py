"""Screens read through one object (app.reads) and write through the services."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import infoterm
from infoterm.tui import read_model
from infoterm.tui.read_model import CardSource, ReadModel

ROOT = Path(infoterm.__file__).parent / "tui"
UI = [path for path in sorted(ROOT.rglob("*.py")) if path.name != "read_model.py"]


def delegated() -> set[tuple[str, str]]:
    """(service, method) pairs the read model answers for, read from its source."""
    found = set()
    for node in ast.walk(ast.parse(inspect.getsource(read_model))):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Attribute)
            and isinstance(node.value.value, ast.Call)
        ):
            found.add((node.value.attr, node.attr))
    return found


def test_the_read_model_answers_for_the_services_read_methods() -> None:
    assert ("contacts", "detail") in delegated()
    assert ("meetings", "get") in delegated()
    assert len(delegated()) >= 15


def offences(text: str) -> list[str]:
    """Reads in ``text`` that go past the read model."""
    found = ["db.reader"] if "db.reader" in text else []
    for service, method in sorted(delegated()):
        if re.search(rf"services\.{service}\.{method}\b", text):
            found.append(f"services.{service}.{method}")
    return found


def test_no_screen_reads_past_the_read_model() -> None:
    assert {
        path.name: offences(path.read_text()) for path in UI if offences(path.read_text())
    } == {}


def test_the_check_catches_a_screen_that_reads_the_store() -> None:
    planted = "n = self.app.db.reader.has_contacts()\nv = self.app.services.meetings.get(1)\n"
    assert offences(planted) == ["db.reader", "services.meetings.get"]


def test_the_read_model_is_a_card_source() -> None:
    members = {"counts", "page", "position", "address_book_count"}
    assert members <= set(dir(CardSource))
    for name in members:
        assert callable(getattr(ReadModel, name))
