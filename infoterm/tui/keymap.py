"""Every key binding of the app, by id: what ``keys.<binding id>`` in config.toml can remap.

Read from the source of the app, its screens and widgets (the ``Binding(...)`` entries of
each class's ``BINDINGS``), without importing them: ``infoterm config keys`` and the
settings check stay headless and quick, and a new screen's keys appear here without a
list to keep up to date. tests/test_keymap.py checks this against the bindings Textual
sees when the UI is imported.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import cache
from pathlib import Path

UI_ROOT = Path(__file__).parent
UI_SOURCES = ("app.py", "screens", "widgets")
"""Where the bindings live, under the package folder (files, or folders of modules)."""


@dataclass(frozen=True)
class BindingInfo:
    id: str
    keys: str  # the default keys, comma separated, as in BINDINGS
    description: str
    where: str  # the screen or widget that has it


def _files() -> list[Path]:
    found: list[Path] = []
    for name in UI_SOURCES:
        path = UI_ROOT / name
        found.extend(sorted(path.glob("*.py")) if path.is_dir() else [path])
    return found


def where(class_name: str, help_title: str = "") -> str:
    """How the help and the settings name the place a binding works."""
    if help_title and help_title != "Keys":
        return help_title
    name = class_name
    for suffix in ("Screen", "Modal", "View"):
        if name.endswith(suffix) and name != suffix:
            name = name[: -len(suffix)]
    words = "".join(f" {c.lower()}" if c.isupper() else c for c in name).strip()
    return "everywhere" if words == "infoterm app" else words


def _constant(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _bindings(cls: ast.ClassDef) -> list[BindingInfo]:
    title = ""
    entries: list[ast.expr] = []
    for statement in cls.body:
        if isinstance(statement, ast.Assign | ast.AnnAssign):
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            names = {t.id for t in targets if isinstance(t, ast.Name)}
            if "help_title" in names:
                title = _constant(statement.value) or ""
            if "BINDINGS" in names and isinstance(statement.value, ast.List | ast.Tuple):
                entries = list(statement.value.elts)
    found = []
    for entry in entries:
        if not (isinstance(entry, ast.Call) and getattr(entry.func, "id", "") == "Binding"):
            continue
        args = [_constant(a) for a in entry.args]
        kwargs = {k.arg: _constant(k.value) for k in entry.keywords if k.arg}
        binding_id = kwargs.get("id")
        key = args[0] if args else kwargs.get("key")
        description = args[2] if len(args) > 2 else kwargs.get("description", "")
        if binding_id and key is not None:
            found.append(BindingInfo(binding_id, key, description or "", where(cls.name, title)))
    return found


@cache
def catalogue() -> dict[str, BindingInfo]:
    """Binding id -> its defaults, for every binding with an id."""
    found: dict[str, BindingInfo] = {}
    for path in _files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                for info in _bindings(node):
                    found.setdefault(info.id, info)
    return found


def unknown_ids(keys: dict[str, str]) -> list[str]:
    """The ids in a keymap that no binding has (typos in config.toml)."""
    known = catalogue()
    return sorted(bid for bid in keys if bid not in known)
