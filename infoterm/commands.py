"""The command palette: every action of the current screen, and "jump to contact"."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.dom import DOMNode
from textual.markup import escape
from textual.screen import Screen

from infoterm.textsafe import visible

if TYPE_CHECKING:
    from infoterm.app import InfotermApp


def binding_groups(screen: Screen[Any]) -> list[tuple[DOMNode, Binding, str]]:
    """The bindings in force on a screen, one entry per action, with all its keys joined."""
    groups: dict[tuple[int, str], tuple[DOMNode, Binding, list[str]]] = {}
    app = screen.app
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.description or not active.enabled:
            continue
        key = (id(active.node), binding.action)
        display = app.get_key_display(binding)
        if key in groups:
            if display not in groups[key][2]:
                groups[key][2].append(display)
        else:
            groups[key] = (active.node, binding, [display])
    return [(node, binding, " ".join(keys)) for node, binding, keys in groups.values()]


class InfotermCommands(Provider):
    """Actions from the bindings in force (so it never drifts from the keys) and contacts."""

    def _actions(self) -> list[tuple[str, str, Callable[[], Any]]]:
        app = self.app
        screen = self.screen
        found: list[tuple[str, str, Callable[[], Any]]] = []
        for node, binding, keys in binding_groups(screen):
            if not binding.show:
                continue
            help_text = f"key: {keys}"
            found.append(
                (binding.description, help_text, partial(app.run_action, binding.action, node))
            )
        for title, help_text, action in getattr(screen, "palette_commands", lambda: [])():
            found.append((title, help_text, action))
        for title, help_text, action in getattr(screen, "network_commands", lambda: [])():
            found.append((title, help_text, action))
        titles = {title for title, _h, _a in found}
        for title, help_text, action in getattr(app, "palette_commands", lambda: [])():
            if title not in titles:  # the app's own, offered on every screen
                found.append((title, help_text, action))
        return found

    def _contacts(self) -> list[tuple[str, str, Callable[[], Any]]]:
        app: InfotermApp = self.app  # type: ignore[assignment]
        jump = getattr(app, "jump_to_contact", None)
        if jump is None:
            return []
        return [
            (f"Jump to {name}", f"{org} · {stage}" if org else stage, partial(jump, cid))
            for cid, name, org, stage in app.db.reader.contact_names()
        ]

    async def discover(self) -> Hits:
        for title, help_text, action in self._actions():
            yield DiscoveryHit(Content(visible(title)), action, help=_literal(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, action in [*self._actions(), *self._contacts()]:
            score = matcher.match(title)
            if score > 0:
                shown = visible(title)
                yield Hit(
                    score, matcher.highlight(shown), action, text=shown, help=_literal(help_text)
                )


def _literal(text: str) -> str:
    """Help text as the palette wants it (markup), holding data literally: "Acme [UK"."""
    return escape(visible(text))
