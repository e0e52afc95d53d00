"""How each setting's value is checked and typed: the checkers and shell parsers that
``Settings``' fields name in their metadata (see ``infoterm.settings``).

Headless and stdlib-only: no textual or rich import (the theme names are listed here and a
test keeps the list in step with Textual's).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from infoterm.textsafe import unsafe_char

# Textual's built-in themes (tests/test_config.py checks this against the installed Textual).
THEMES: tuple[str, ...] = (
    "ansi-dark",
    "ansi-light",
    "atom-one-dark",
    "atom-one-light",
    "catppuccin-frappe",
    "catppuccin-latte",
    "catppuccin-macchiato",
    "catppuccin-mocha",
    "dracula",
    "flexoki",
    "gruvbox",
    "monokai",
    "nord",
    "rose-pine",
    "rose-pine-dawn",
    "rose-pine-moon",
    "solarized-dark",
    "solarized-light",
    "textual-dark",
    "textual-light",
    "tokyo-night",
)
START_SCREENS = ("board", "review")
DATE_STYLES = ("relative", "absolute")
KEYS_TABLE = "keys"
MODIFIERS = {"ctrl", "shift", "alt", "meta", "super", "hyper"}
KEY_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
BINDING_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


# -- checkers ----------------------------------------------------------------------------


def whole(low: int, high: int, unit: str) -> Callable[[Any], int]:
    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(
                f"expected a whole number of {unit} from {low} to {high}, got {value!r}"
            )
        if not low <= value <= high:
            raise ValueError(f"{value} is out of range: use {low} to {high} {unit}")
        return value

    return check


def minutes(low: float, high: float) -> Callable[[Any], float]:
    def check(value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(
                f"expected a number of minutes from {low:g} to {high:g}, got {value!r}"
            )
        if not low <= value <= high:
            raise ValueError(f"{value:g} is out of range: use {low:g} to {high:g} minutes")
        return float(value)

    return check


def boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {value!r}")
    return value


def one_of(choices: tuple[str, ...]) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if not isinstance(value, str) or value not in choices:
            raise ValueError(f"expected one of {', '.join(choices)}; got {value!r}")
        return value

    return check


def theme(value: Any) -> str:
    if not isinstance(value, str) or value not in THEMES:
        import difflib  # only for the message: settings load on `infoterm due`

        close = difflib.get_close_matches(str(value), THEMES, n=1)
        hint = f" (did you mean {close[0]}?)" if close else f"; themes: {', '.join(THEMES)}"
        raise ValueError(f"unknown theme {value!r}{hint}")
    return value


def text(limit: int, *, lines: bool = False) -> Callable[[Any], str]:
    """Text of at most ``limit`` characters; no control characters (an escape sequence
    would reach the terminal) and, unless it has ``lines``, no line breaks."""

    def check(value: Any) -> str:
        if not isinstance(value, str):
            raise ValueError(f"expected text in quotes, got {value!r}")
        if len(value) > limit:
            raise ValueError(f"too long ({len(value)} characters; at most {limit})")
        found = unsafe_char(value, lines=lines)
        if found is not None:
            raise ValueError(f"{found} is not allowed")
        return value

    return check


def email(value: Any) -> str:
    """Text that is empty or an email address (the contact form's rule)."""
    from infoterm.pipeline import email_problem

    found = text(320)(value).strip()
    problem = email_problem(found) if found else None
    if problem:
        raise ValueError(problem)
    return found


def check_keys(value: Any) -> str:
    """A key or comma-separated keys as Textual names them: ``n``, ``ctrl+n``, ``f2,N``."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f'expected a key such as "n", "ctrl+n" or "f2,N"; got {value!r}')
    parts = [part.strip() for part in value.split(",")]
    for part in parts:
        *modifiers, key = part.split("+") if len(part) > 1 else [part]
        bad = [m for m in modifiers if m.lower() not in MODIFIERS]
        if not part or bad or not key or (len(key) > 1 and not KEY_NAME.match(key.lower())):
            raise ValueError(
                f'{part!r} is not a key; write e.g. "n", "ctrl+n", "shift+right", "f2"'
            )
    return ",".join(parts)


def parse_int(text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise ValueError(f"expected a whole number, got {text!r}") from None


def parse_number(text: str) -> float | int:
    try:
        number = float(text.strip())
    except ValueError:
        raise ValueError(f"expected a number, got {text!r}") from None
    return int(number) if number.is_integer() else number


def parse_bool(text: str) -> bool:
    word = text.strip().lower()
    if word in {"true", "yes", "on", "1"}:
        return True
    if word in {"false", "no", "off", "0"}:
        return False
    raise ValueError(f"expected true or false (or on/off, yes/no), got {text!r}")


def as_is(text: str) -> str:
    return text


def lines(text: str) -> str:
    """Text typed in a shell with ``\\n`` for line breaks."""
    return text.replace("\\n", "\n")


_COUNTRY = re.compile(r"^[A-Z]{2,3}(-[A-Z0-9]{1,3})?$")


def country(value: Any) -> str:
    """An ISO country code's form ("" for none), checked without loading the holidays
    package: reading the file is on start-up's path. ``parse_country`` asks the package."""
    if not isinstance(value, str) or not _COUNTRY.match(value.strip().upper() or "XX"):
        raise ValueError(f'expected an ISO country code such as "US", "GB" or "DE"; got {value!r}')
    return value.strip().upper()


def parse_country(text: str) -> str:
    """A country typed in a shell or the settings screen: one the holidays package knows."""
    if not text.strip():
        return ""
    from infoterm.business_days import normalise_country

    return normalise_country(text)
