"""No text built at run time is handed to a widget that parses markup (issue 9, item 1).

Textual reads a ``str`` given to ``Static``, ``Label``, ``Button``, an option, a border
title or ``update()`` as markup (and a ``DataTable`` cell as Rich markup). Text built from
data at run time (an f-string, a concatenation, a ``join``) must reach them as ``Content``
or ``Text`` instead, through ``infoterm.tui.widgets.literal``; only constant strings may be
markup. This reads the UI's source, so a new screen cannot slip back into the old way.
"""

from __future__ import annotations

import ast
from pathlib import Path

import infoterm

PACKAGE = Path(infoterm.__file__).parent


def _imports_ui(path: Path) -> bool:
    """The module imports textual or rich: it builds what reaches the screen."""
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        if any(name.split(".")[0] in {"textual", "rich"} for name in names):
            return True
    return False


# Every UI module (screens, widgets, the app, the palette's commands, the key map...),
# found by what it imports, so a new one is checked without being listed here.
UI_FILES = sorted(path for path in PACKAGE.rglob("*.py") if _imports_ui(path))
# Widgets (and methods) whose first argument Textual parses as markup.
MARKUP_CALLS = {"Static", "Label", "Button", "Option", "RadioButton", "Checkbox", "update"}
MARKUP_ATTRIBUTES = {"border_title", "border_subtitle", "label", "tooltip"}
CELL_CALLS = {"add_row", "add_column", "add_columns", "update_cell", "add", "add_leaf"}


def _built(node: ast.AST) -> bool:
    """An expression that builds a string at run time (a constant string is fine)."""
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(v, ast.FormattedValue) for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        return _stringish(node.left) or _stringish(node.right)
    if isinstance(node, ast.IfExp):
        return _built(node.body) or _built(node.orelse)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        owner = node.func.value
        return node.func.attr in {"join", "format"} and isinstance(owner, ast.Constant)
    return False


def _stringish(node: ast.AST) -> bool:
    return (isinstance(node, ast.Constant) and isinstance(node.value, str)) or _built(node)


def _name(func: ast.AST) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def offences(source: str, filename: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        where = f"{filename}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Call):
            name = _name(node.func)
            if name in MARKUP_CALLS and node.args and _built(node.args[0]):
                found.append(f"{where}: {name}() gets a string built at run time")
            if name in CELL_CALLS and any(_built(arg) for arg in node.args):
                found.append(f"{where}: {name}() gets a cell built at run time")
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if (
                    isinstance(target, ast.Attribute)
                    and target.attr in MARKUP_ATTRIBUTES
                    and _built(node.value)
                ):
                    found.append(f"{where}: .{target.attr} is set to a string built at run time")
        elif isinstance(node, ast.ImportFrom) and node.module in {"rich.markup", "textual.markup"}:
            found.append(f"{where}: escaping markup by hand; build Content or Text instead")
    return found


def test_the_ui_hands_built_text_to_widgets_only_as_content_or_text() -> None:
    found = [o for path in UI_FILES for o in offences(path.read_text(), path.name)]
    assert not found, "\n".join(found)


def test_every_ui_module_is_checked() -> None:
    names = {path.relative_to(PACKAGE).as_posix() for path in UI_FILES}
    assert {"tui/app.py", "tui/commands.py", "tui/screens/board.py"} <= names
    assert {"tui/widgets/literal.py", "tui/widgets/meeting_brief.py"} <= names
    assert "textsafe.py" not in names and "services/contacts.py" not in names  # headless


def test_the_check_sees_an_interpolated_name() -> None:
    bad = (
        "from rich.markup import escape\n"
        "Static(f'Meeting with [b]{name}[/b]')\n"
        "label.update('Referred: ' + names)\n"
        "box.border_title = f'{org} notes'\n"
        "table.add_row(when, f'{name} ({stage})')\n"
        "title.update('  ·  '.join(parts))\n"
    )
    assert len(offences(bad, "bad.py")) == 6
    good = "Static('[b]Settings[/b]')\nlabel.update(literal(f'Meeting with {name}'))\n"
    assert offences(good, "good.py") == []
