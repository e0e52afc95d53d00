"""A list of things to tick off (questions asked, the closing checklist), under headings.

It shows the items it is given and posts :class:`TickList.Toggled` when the user ticks
one (space, enter or a click); the screen decides what that means and sends new items.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from infoterm.textsafe import visible


@dataclass(frozen=True)
class TickItem:
    key: str
    text: str
    ticked: bool = False
    note: str = ""  # a dim remark after the text ("asked 3 Nov")
    heading: bool = False  # a topic heading: shown, never ticked


class TickList(OptionList):
    BINDINGS = [Binding("space", "tick", "Tick", id="tick-item")]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "tick-list--heading",
        "tick-list--ticked",
        "tick-list--note",
    }

    class Toggled(Message):
        def __init__(self, tick_list: TickList, key: str) -> None:
            super().__init__()
            self.tick_list = tick_list
            self.key = key

        @property
        def control(self) -> TickList:
            return self.tick_list

    _items: list[TickItem] | None = None

    def notify_style_update(self) -> None:
        # The items carry the component styles read when they were shown: shown before
        # the stylesheet applied (how soon it does depends on the machine's speed), the
        # headings would stay unstyled. Show them again with the styles now in force.
        super().notify_style_update()
        if self._items is not None:
            self.show(self._items)

    def show(self, items: list[TickItem]) -> None:
        """Replace the items, keeping the cursor where it was."""
        self._items = items
        highlighted = self.highlighted
        heading = self.get_component_rich_style("tick-list--heading", partial=True)
        ticked = self.get_component_rich_style("tick-list--ticked", partial=True)
        note = self.get_component_rich_style("tick-list--note", partial=True)
        options: list[Option] = []
        for item in items:
            if item.heading:
                options.append(
                    Option(Text(visible(item.text), style=heading), id=item.key, disabled=True)
                )
                continue
            prompt = Text(no_wrap=False)
            prompt.append("[x] " if item.ticked else "[ ] ", ticked if item.ticked else "")
            prompt.append(visible(item.text), ticked if item.ticked else "")
            if item.note:
                prompt.append(f"  {visible(item.note)}", note)
            options.append(Option(prompt, id=item.key))
        self.clear_options()
        self.add_options(options)
        if options:
            target = highlighted if highlighted is not None else 0
            target = min(target, len(options) - 1)
            while target < len(options) - 1 and options[target].disabled:
                target += 1
            self.highlighted = target

    def action_tick(self) -> None:
        if self.highlighted is None:
            return
        option = self.get_option_at_index(self.highlighted)
        if option.id is not None and not option.disabled:
            self.post_message(self.Toggled(self, option.id))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Toggled(self, event.option.id))
