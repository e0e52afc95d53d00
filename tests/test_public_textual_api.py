"""infoterm uses Textual and Rich through their public API only (issue 11, item 8).

A private name (one leading underscore) of Textual or Rich can change in any release
without notice. This scans the source of infoterm/ and fails on:

- a private module of textual or rich imported (``textual._x``, ``widgets._footer``),
  or a private name imported from them;
- ``obj._name`` where Textual or Rich define ``_name`` and infoterm never does (so it is
  theirs: ``app._thread_id``, ``self.app._handle_exception``);
- in a class that derives from a Textual or Rich class (or is mixed into one),
  ``self._name`` or ``def _name`` where one of those classes defines ``_name`` (using or
  overriding their private attribute, ``_fatal_error``), even if infoterm also does.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import textwrap
import types
from functools import cache
from pathlib import Path

import rich
import textual

import infoterm

PACKAGE = Path(infoterm.__file__).parent
LIBRARIES = ("textual", "rich")


def private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def defined_names(tree: ast.AST) -> set[str]:
    """Private names a source defines: methods, class attributes, ``self._x = ...``."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            found.add(node.name)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            found.add(node.attr)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            found.add(node.id)
    return {name for name in found if private(name)}


@cache
def library_private_names() -> frozenset[str]:
    """Every private name Textual and Rich define anywhere."""
    names: set[str] = set()
    for package in (textual, rich):
        assert package.__file__ is not None
        for path in Path(package.__file__).parent.rglob("*.py"):
            names |= defined_names(ast.parse(path.read_text(encoding="utf-8")))
    return frozenset(names)


@cache
def class_private_names(cls: type) -> frozenset[str]:
    """The private names one Textual or Rich class defines (its own source)."""
    try:
        source = textwrap.dedent(inspect.getsource(cls))
    except (OSError, TypeError):
        return frozenset()
    return frozenset(defined_names(ast.parse(source)))


def library_bases(cls: type) -> set[type]:
    """The Textual and Rich classes ``cls`` derives from, or that any class deriving from
    it does (a mixin's ``self`` is the App it is mixed into)."""
    found = {k for k in cls.__mro__ if k.__module__.split(".")[0] in LIBRARIES}
    sub: type
    for sub in cls.__subclasses__():
        found |= library_bases(sub)
    return found


def violations(tree: ast.Module, module: types.ModuleType, own: set[str]) -> list[str]:
    """What in ``tree`` (the source of ``module``) uses a private Textual or Rich name;
    ``own``: the private names infoterm itself defines."""
    theirs = library_private_names()
    found: list[str] = []

    def check(node: ast.AST, cls: type | None) -> None:
        inherited: frozenset[str] = frozenset()
        if cls is not None:
            inherited = frozenset().union(*map(class_private_names, library_bases(cls)))
        for child in ast.iter_child_nodes(node):
            where = f"line {getattr(child, 'lineno', '?')}"
            if isinstance(child, ast.ClassDef):
                inner = getattr(cls if cls is not None else module, child.name, None)
                check(child, inner if isinstance(inner, type) else None)
                continue
            if isinstance(child, ast.ImportFrom) and child.module:
                parts = child.module.split(".")
                if parts[0] in LIBRARIES:
                    if any(private(p) for p in parts):
                        found.append(f"{where}: imports private module {child.module}")
                    found.extend(
                        f"{where}: imports private {child.module}.{alias.name}"
                        for alias in child.names
                        if private(alias.name)
                    )
            if isinstance(child, ast.Import):
                for alias in child.names:
                    parts = alias.name.split(".")
                    if parts[0] in LIBRARIES and any(private(p) for p in parts):
                        found.append(f"{where}: imports private module {alias.name}")
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) and (
                child.name in inherited
            ):
                found.append(f"{where}: overrides private {child.name} of its base class")
            if isinstance(child, ast.Attribute) and private(child.attr):
                on_self = isinstance(child.value, ast.Name) and child.value.id == "self"
                if on_self and child.attr in inherited:
                    found.append(f"{where}: self.{child.attr} is its base class's")
                elif child.attr in theirs and child.attr not in own:
                    found.append(f"{where}: .{child.attr} is Textual's or Rich's")
            check(child, cls)

    check(tree, None)
    return found


def infoterm_sources() -> list[tuple[str, ast.Module]]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = ".".join(("infoterm", *path.relative_to(PACKAGE).with_suffix("").parts))
        name = name.removesuffix(".__init__")
        out.append((name, ast.parse(path.read_text(encoding="utf-8"))))
    return out


def test_infoterm_uses_no_private_textual_or_rich_name() -> None:
    sources = infoterm_sources()
    own = set().union(*(defined_names(tree) for _name, tree in sources))
    problems = []
    for name, tree in sources:
        if name == "infoterm.__main__":
            continue  # running it starts the app; it uses nothing of Textual's
        module = importlib.import_module(name)
        problems += [f"{name}: {problem}" for problem in violations(tree, module, own)]
    assert problems == []


PLANTED = """
from textual.app import App
from textual.widgets._footer import FooterKey
from textual.widget import Widget


class Planted(App):
    def _fatal_error(self):
        self._exit_renderables.append("x")

    def on_mount(self):
        self._mine = self._thread_id


class Board(Widget):
    def go(self):
        self.app._handle_exception(RuntimeError())
        self._mine = 1  # its own name: fine


def helper(app):
    return app._exception


class Mixin:
    def _fatal_error(self):
        pass


class Mixed(Mixin, App):
    pass
"""


def test_the_scan_finds_planted_private_uses() -> None:
    """The scan can fail: each private use in a planted module is found, once, and the
    module's own private names are not."""
    module = types.ModuleType("planted")
    exec(compile(PLANTED, "planted", "exec"), module.__dict__)  # noqa: S102 - fixed text
    tree = ast.parse(PLANTED)
    found = violations(tree, module, defined_names(tree))
    assert [line.split(":")[0] for line in found] == [
        "line 3",  # the private module textual.widgets._footer
        "line 8",  # def _fatal_error
        "line 9",  # self._exit_renderables
        "line 12",  # self._thread_id
        "line 17",  # .app._handle_exception
        "line 22",  # app._exception
        "line 26",  # def _fatal_error in a mixin of an App
    ], found
