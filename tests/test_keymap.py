"""The key catalogue, read from the source, is the one Textual sees."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import subprocess
import sys

from textual.binding import Binding
from textual.dom import DOMNode

from infoterm.tui import keymap


def imported_catalogue() -> dict[str, keymap.BindingInfo]:
    """The bindings of every imported app, screen and widget class (what Textual uses)."""
    import infoterm.tui.app
    import infoterm.tui.screens
    import infoterm.tui.widgets

    modules = [infoterm.tui.app]
    for package in (infoterm.tui.screens, infoterm.tui.widgets):
        for info in pkgutil.iter_modules(package.__path__):
            modules.append(importlib.import_module(f"{package.__name__}.{info.name}"))
    found: dict[str, keymap.BindingInfo] = {}
    for module in modules:
        for cls in vars(module).values():
            if not (
                inspect.isclass(cls)
                and issubclass(cls, DOMNode)
                and cls.__module__ == module.__name__
            ):
                continue
            title = cls.__dict__.get("help_title", "")
            for binding in cls.__dict__.get("BINDINGS", []):
                if isinstance(binding, Binding) and binding.id and binding.id not in found:
                    found[binding.id] = keymap.BindingInfo(
                        binding.id,
                        binding.key,
                        binding.description,
                        keymap.where(cls.__name__, title if isinstance(title, str) else ""),
                    )
    return found


def test_the_catalogue_read_from_source_is_the_one_textual_sees() -> None:
    from_source = keymap.catalogue()
    assert len(from_source) > 40
    assert from_source == imported_catalogue()


def test_reading_the_keys_imports_no_ui() -> None:
    code = (
        "import sys; from infoterm.tui import keymap; keymap.catalogue();"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'sqlalchemy')"
        " or m.startswith(('infoterm.tui.screens', 'infoterm.tui.widgets', 'infoterm.tui.app'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_extend_key_says_how_much_it_adds() -> None:
    from infoterm.meeting import EXTEND_MINUTES

    assert keymap.catalogue()["meeting-extend"].description == f"+{EXTEND_MINUTES} min"
