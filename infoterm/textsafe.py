"""Text from people and files, kept away from the terminal's control codes.

Two halves, both headless (the CLI, the importers and the screens share them):

- **Refusing** (:func:`one_line_problem`): a one-line field (name, organisation, title,
  email, phone, LinkedIn URL, source, tags) may not hold a C0 or C1 control character
  (ESC, BEL, CSI…), a line break, a bidi control (U+202E reorders the rest of a terminal
  line) or an invisible character (U+200B, U+2060, U+FEFF). Every way in (the form, the
  CLI, CSV, LinkedIn and JSON imports) asks this one function, so the message is the same
  everywhere: ``name: control character U+001B is not allowed``.
- **Showing** (:func:`visible`, :func:`visible_lines`): whatever is stored (also what an
  older version let in) reaches a terminal with its controls written out as ``\\x1b``
  (in one-line text and all the CLI prints, bidi controls too: ``\\u202e``), so an
  escape sequence in the data can never retitle the window, clear the screen or write
  the clipboard. Multi-line text (notes) keeps its newlines and tabs.
"""

from __future__ import annotations

import re

ONE_LINE_FIELDS: tuple[str, ...] = (
    "name",
    "organisation",
    "title",
    "email",
    "phone",
    "linkedin_url",
    "source",
    "tags",
)
LABELS = {"linkedin_url": "LinkedIn URL"}
"""How a field is named in a message, where its attribute name would not do."""

LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
# C0, DEL and C1 controls, and the two Unicode line and paragraph separators (which
# terminals and editors treat as line breaks).
_UNSAFE = "\x00-\x1f\x7f-\x9f\u2028\u2029"
# Bidi controls (embeddings, overrides, isolates, marks) reorder the rest of a terminal
# line; these invisible characters hide inside a name. Zero-width joiners (U+200C, U+200D)
# are kept: some scripts and emoji need them.
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_INVISIBLE = "\u200b\u2060\ufeff"
_BIDI_CHAR = re.compile(f"[{_BIDI}]")
_UNSAFE_CHAR = re.compile(f"[{_UNSAFE}{_BIDI}{_INVISIBLE}]")  # not in one-line text
_LINES_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")  # newline, tab kept
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
SPACES = re.compile(f"[^\\S{_UNSAFE}]+")
"""Runs of ordinary white space (spaces, no-break spaces…), never a control or a line break."""


def is_unsafe(char: str) -> bool:
    """A control character (C0, DEL, C1), a Unicode line/paragraph separator, a bidi
    control or an invisible character (zero-width space, word joiner, BOM)."""
    return _UNSAFE_CHAR.match(char) is not None


def one_line_problem(field: str, value: str) -> str | None:
    """Why ``value`` cannot be stored in the one-line field ``field``, or None if it can.

    The message names the field and the first offending character by its code point.
    """
    found = unsafe_char(value)
    if found is None:
        return None
    label = LABELS.get(field, field.replace("_", " "))
    return f"{label}: {found} is not allowed"


def unsafe_char(value: str, *, lines: bool = False) -> str | None:
    """The first character of ``value`` a text may not hold, named by its code point:
    ``control character U+001B``, ``line break U+000A``, ``bidi control U+202E``,
    ``invisible character U+200B``; None if there is none.

    One-line text holds no control, no line break, no bidi control and no invisible
    character; multi-line text (``lines``) may hold newlines (a CRLF among them) and tabs,
    no other control, and bidi and invisible characters (right-to-left notes need marks).
    """
    if lines:
        found = _LINES_UNSAFE.search(value.replace("\r\n", "\n"))
        return None if found is None else f"control character {code_point(found.group())}"
    found = _UNSAFE_CHAR.search(value)
    if found is None:
        return None
    char = found.group()
    if char in LINE_BREAKS:
        kind = "line break"
    elif _BIDI_CHAR.match(char):
        kind = "bidi control"
    elif char in _INVISIBLE:
        kind = "invisible character"
    else:
        kind = "control character"
    return f"{kind} {code_point(char)}"


def code_point(char: str) -> str:
    return f"U+{ord(char):04X}"


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    short = _SHORT.get(char)
    if short is not None:
        return short
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """One-line text for a terminal: every control, line break, bidi control and invisible
    character written out (``\\x1b``, ``\\n``, ``\\u202e``). Text without any comes back
    unchanged (and fast)."""
    if _UNSAFE_CHAR.search(text) is None:
        return text
    return _UNSAFE_CHAR.sub(_escape, text)


def visible_lines(text: str) -> str:
    """Multi-line text (notes) for a terminal: newlines and tabs kept (a CRLF counts as a
    newline), every other control written out."""
    if _LINES_UNSAFE.search(text) is None:
        return text
    return _LINES_UNSAFE.sub(_escape, text.replace("\r\n", "\n"))


def for_editor(stored: str, *, lines: bool = False) -> str:
    """What a form's input (``lines``: a text area) starts from: ``stored`` with its
    controls written out as on every screen (``\\x1b``), so an editor never hands one to
    the terminal. A text area keeps newlines and tabs."""
    return visible_lines(stored) if lines else visible(stored)


def from_editor(text: str, stored: str, *, lines: bool = False) -> str:
    """What a save takes from an editor that started from :func:`for_editor` (``stored``).

    Left as shown, it is ``stored`` itself: a stored control is neither lost nor quietly
    turned into text (notes keep it, still shown written out; a one-line field refuses it,
    naming the field and the character). Edited, it is the text as it is now, where a
    written-out control is four ordinary characters.
    """
    return stored if text == for_editor(stored, lines=lines) else text


_SURROGATES = re.compile("[\ud800-\udfff]")


def unstorable_problem(value: str) -> str | None:
    """Why ``value`` cannot be stored as text, or None: it holds a NUL (no typed text has
    one, and PostgreSQL's text cannot hold it) or an unpaired surrogate (no UTF-8 database
    or file can). A JSON file may spell either, ``"\\u0000"``, ``"\\ud800"``:
    ``control character U+0000 is not allowed``, ``contains an unpaired surrogate (\\ud800)``."""
    if "\x00" in value:
        return f"control character {code_point(chr(0))} is not allowed"
    found = _SURROGATES.search(value)
    if found is None:
        return None
    return f"contains an unpaired surrogate (\\u{ord(found.group()):04x})"


# What the CLI prints never reorders or hides: a bidi control or invisible character (also
# in notes) is written out, and so is a lone surrogate (a byte that was not UTF-8).
_OUTPUT_UNSAFE = re.compile(f"[{_BIDI}{_INVISIBLE}\ud800-\udfff]")


def visible_output(text: str) -> str:
    """What the CLI prints: like :func:`visible_lines`, with bidi controls and invisible
    characters written out too (``\\u202e``), and a byte that was not UTF-8 (a lone
    surrogate from the file system or the command line) shown as ``\\xff``."""
    text = visible_lines(text)
    if _OUTPUT_UNSAFE.search(text) is None:
        return text
    return _OUTPUT_UNSAFE.sub(
        lambda m: (
            f"\\x{ord(m.group()) - 0xDC00:02x}"
            if 0xDC80 <= ord(m.group()) <= 0xDCFF
            else f"\\u{ord(m.group()):04x}"
        ),
        text,
    )


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def json_visible(text: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``, which escapes only C0) with
    DEL, C1, the line separators and lone surrogates escaped too, as ``\\u009b``: still
    the same JSON, and nothing in it a terminal would act on."""
    if _JSON_UNSAFE.search(text) is None:
        return text
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


MAX_ROW_ID = 2**63 - 1  # the largest id SQLite (and PostgreSQL's bigint) can hold


def as_row_id(text: str) -> int | None:
    """``text`` as a row id when it is plain ASCII digits that fit a database integer.

    ``str.isdigit`` is also true for "²" and "٣", which ``int`` refuses or reads as
    another number, and a 20-digit id overflows SQLite's integer: both are not ids.
    """
    if not text.isascii() or not text.isdigit():
        return None
    value = int(text)
    return value if value <= MAX_ROW_ID else None
