"""Big clock digits, readable from across a desk.

A 3x5 pixel font drawn two ways: "big" (each pixel two cells wide, five rows tall) and,
when the widget is too narrow, "compact" (half blocks, three rows). The colour comes from
the stylesheet, so the phase classes set it from the theme.
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

_FONT: dict[str, tuple[str, ...]] = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": ("##.", ".#.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", "###", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", "..#", "..#", "..#"),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    ":": (".", "#", ".", "#", "."),
    "+": ("...", ".#.", "###", ".#.", "..."),
    "-": ("...", "...", "###", "...", "..."),
    " ": ("..", "..", "..", "..", ".."),
}


def _glyphs(text: str) -> list[tuple[str, ...]]:
    return [_FONT[char] for char in text if char in _FONT]


def big_lines(text: str) -> list[str]:
    """Five rows; every pixel two cells wide, one blank column between glyphs."""
    glyphs = _glyphs(text)
    return [
        " ".join("".join("██" if p == "#" else "  " for p in glyph[row]) for glyph in glyphs)
        for row in range(5)
    ]


def compact_lines(text: str) -> list[str]:
    """Three rows of half blocks (two pixel rows per text row)."""
    glyphs = _glyphs(text)
    halves = {("#", "#"): "█", ("#", "."): "▀", (".", "#"): "▄", (".", "."): " "}
    lines = []
    for top in (0, 2, 4):
        lines.append(
            " ".join(
                "".join(
                    halves[(glyph[top][i], glyph[top + 1][i] if top < 4 else ".")]
                    for i in range(len(glyph[top]))
                )
                for glyph in glyphs
            )
        )
    return lines


class BigClock(Widget):
    """Shows ``text`` ("18:42", "+0:30") as large digits, as wide as fits."""

    text: reactive[str] = reactive("0:00")
    compact: reactive[bool] = reactive(False)  # three rows instead of five

    def __init__(self, text: str = "0:00", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(BigClock.text, text)

    def lines(self, width: int) -> list[str]:
        big = big_lines(self.text)
        if not self.compact and (width <= 0 or len(big[0]) <= width):
            return big
        compact = compact_lines(self.text)
        pad = [] if self.compact else [""]
        if width <= 0 or len(compact[0]) <= width:
            return [*pad, *compact, *pad]
        return [*pad, "", self.text, "", *pad]

    def render(self) -> Text:
        width = self.content_region.width
        rows = [line.rstrip().ljust(len(line)) for line in self.lines(width)]
        widest = max((len(row) for row in rows), default=0)
        return Text("\n".join(row.ljust(widest) for row in rows), no_wrap=True, end="")
