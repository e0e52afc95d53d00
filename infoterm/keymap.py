"""Every key binding of the app, by id: what ``keys.<binding id>`` in config.toml can remap.

Found by importing the app, its screens and widgets and reading their ``BINDINGS``, so a
new screen's keys appear here without a list to keep up to date. (UI side: imports Textual.)
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from dataclasses import dataclass
from types import ModuleType

from textual.binding import Binding
from textual.dom import DOMNode


@dataclass(frozen=True)
class BindingInfo:
    id: str
    keys: str  # the default keys, comma separated, as in BINDINGS
    description: str
    where: str  # the screen or widget that has it


def _modules() -> list[ModuleType]:
    import infoterm.app
    import infoterm.screens
    import infoterm.widgets

    found: list[ModuleType] = [infoterm.app]
    for package in (infoterm.screens, infoterm.widgets):
        for info in pkgutil.iter_modules(package.__path__):
            try:
                found.append(importlib.import_module(f"{package.__name__}.{info.name}"))
            except Exception:  # a broken module must not hide the others' keys
                continue
    return found


def _where(cls: type) -> str:
    title = getattr(cls, "help_title", "")
    if isinstance(title, str) and title and title != "Keys":
        return title
    name = cls.__name__
    for suffix in ("Screen", "Modal", "View"):
        if name.endswith(suffix) and name != suffix:
            name = name[: -len(suffix)]
    words = "".join(f" {c.lower()}" if c.isupper() else c for c in name).strip()
    return "everywhere" if words == "infoterm app" else words


def catalogue() -> dict[str, BindingInfo]:
    """Binding id -> its defaults, for every binding with an id."""
    found: dict[str, BindingInfo] = {}
    for module in _modules():
        for cls in vars(module).values():
            if not (
                inspect.isclass(cls)
                and issubclass(cls, DOMNode)
                and cls.__module__ == module.__name__
            ):
                continue
            for binding in cls.__dict__.get("BINDINGS", []):
                if isinstance(binding, Binding) and binding.id and binding.id not in found:
                    found[binding.id] = BindingInfo(
                        binding.id, binding.key, binding.description, _where(cls)
                    )
    return found


def unknown_ids(keys: dict[str, str]) -> list[str]:
    """The ids in a keymap that no binding has (typos in config.toml)."""
    known = catalogue()
    return sorted(bid for bid in keys if bid not in known)
