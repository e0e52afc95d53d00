"""The command palette: every action of the current screen, and "jump to contact"."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.dom import DOMNode
from textual.fuzzy import Matcher
from textual.screen import Screen

from infoterm.textsafe import visible
from infoterm.tui.widgets.literal import literal

if TYPE_CHECKING:
    from infoterm.tui.app import InfotermApp


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
            for cid, name, org, stage in app.reads.contact_names()
        ]

    async def discover(self) -> Hits:
        for title, help_text, action in self._actions():
            yield DiscoveryHit(literal(title), action, text=visible(title), help=_help(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, action in [*self._actions(), *self._contacts()]:
            shown = visible(title)
            score = matcher.match(shown)
            if score > 0:
                yield Hit(
                    score, highlighted(matcher, shown), action, text=shown, help=_help(help_text)
                )


def highlighted(matcher: Matcher, shown: str) -> Content:
    """``shown`` as literal Content with the letters the query matched highlighted.

    ``Matcher.highlight`` does the same but reads its text as markup: "Eve [/b]" raised a
    MarkupError that ended the search, so she and every contact after her were missing,
    and "[b]Eve[/b] Bold" lost its brackets.
    """
    content = Content(shown)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, shown)
    for offset in offsets:
        if not shown[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


def _help(text: str) -> str:
    """Help text (it holds organisations: "Acme [UK") as literal Content. ``Hit.help`` is
    typed ``str``, but the palette reads it with ``Content.from_markup``, which takes a
    Content as it is (Textual 8.2.8, command.py)."""
    return cast(str, literal(text))
