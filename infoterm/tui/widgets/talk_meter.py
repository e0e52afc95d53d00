"""The talk/listen meter: my share of the talking as a bar, with the 50/50 aim marked."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget


class TalkMeter(Widget):
    """Shows ``share`` (mine, 0..1, or None before anyone talked) and who has the floor."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "talk-meter--me",
        "talk-meter--them",
        "talk-meter--empty",
        "talk-meter--aim",
        "talk-meter--label",
    }

    share: reactive[float | None] = reactive(None)
    speaker: reactive[str | None] = reactive(None)
    talk_running: reactive[bool] = reactive(False)

    def render(self) -> Text:
        width = max(10, self.content_region.width)
        me = self.get_component_rich_style("talk-meter--me")
        them = self.get_component_rich_style("talk-meter--them")
        empty = self.get_component_rich_style("talk-meter--empty")
        aim = self.get_component_rich_style("talk-meter--aim")
        label = self.get_component_rich_style("talk-meter--label")
        middle = width // 2
        bar = Text(no_wrap=True, end="")
        mine = -1 if self.share is None else round(self.share * width)
        for cell in range(width):
            if cell == middle:
                bar.append("┃", aim)
            elif mine < 0:
                bar.append("─", empty)
            else:
                bar.append("█", me if cell < mine else them)
        if self.share is None:
            left, right = "me –", "– them"
        else:
            percent = round(self.share * 100)
            left, right = f"me {percent}%", f"{100 - percent}% them"
        if self.speaker is None:
            now = "t: who is talking?"
        elif not self.talk_running:
            now = "meter stopped"
        else:
            now = "▶ I am talking" if self.speaker == "me" else "▶ they are talking"
        gap = max(1, width - len(left) - len(right) - len(now))
        line = Text(no_wrap=True, end="")
        line.append(left, me if self.share is not None else label)
        line.append(" " * (gap // 2))
        line.append(now, label)
        line.append(" " * (gap - gap // 2))
        line.append(right, them if self.share is not None else label)
        return Text("\n", end="").join([bar, line])
