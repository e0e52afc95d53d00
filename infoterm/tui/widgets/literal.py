"""Data on screen: literal text, never markup, its control characters written out.

Textual parses a plain ``str`` given to ``Static``, ``Label``, ``Button``, an
``OptionList`` option or a border title as markup, and a ``DataTable`` cell, a ``Tree``
label or a rich ``Table`` cell as Rich markup: a name like ``Eve [/b]`` or ``Acme [UK``
would crash the screen or change its look. Every string that holds data (a name, an
organisation, a path, a message that quotes what was typed) goes through one of these,
and styled pieces are assembled around it, never interpolated into a markup string:

    Content.assemble(("Meeting with ", ""), literal(name, "bold"))
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from infoterm.textsafe import visible, visible_lines


def literal(text: str, style: str = "") -> Content:
    """One line of data as Textual ``Content``: never markup, controls written out."""
    return Content.styled(visible(text), style) if style else Content(visible(text))


def literal_lines(text: str, style: str = "") -> Content:
    """Multi-line data (notes, messages): newlines and tabs kept, other controls written out."""
    shown = visible_lines(text)
    return Content.styled(shown, style) if style else Content(shown)


def cell(text: str, style: str = "") -> Text:
    """Data as a rich ``Text``, for the widgets that take Rich renderables (``DataTable``
    cells, ``Tree`` labels, rich ``Table`` cells): never markup, controls written out."""
    return Text(visible(text), style=style)


def cell_lines(text: str, style: str = "") -> Text:
    """Multi-line data (notes) as a rich ``Text``: newlines and tabs kept."""
    return Text(visible_lines(text), style=style)


def joined(parts: list[Content], separator: str = "  ·  ") -> Content:
    """Pieces of a title line joined by a plain separator."""
    return Content(separator).join(parts)
