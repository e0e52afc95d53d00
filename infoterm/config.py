"""The settings file (config.toml): reading, checking and writing it.

Reading uses the standard library (``tomllib``) and never fails: a file that is not valid
TOML, an unknown key or a bad value each give a warning that names the key, and that key
keeps its default; the app still starts. Writing (``set_values``) goes through ``tomlkit``
so a file edited by hand keeps its comments and layout; it checks every value first and
leaves the file untouched when one is bad.

Headless: no textual or rich import (the theme names are listed here and a test keeps the
list in step with Textual's).
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from infoterm.settings import Settings
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
_MODIFIERS = {"ctrl", "shift", "alt", "meta", "super", "hyper"}
_KEY_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_BINDING_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


class ConfigError(ValueError):
    """A bad key or value, with a message for the user that names the key."""


@dataclass(frozen=True)
class Option:
    """One setting: its dotted key in the file, its Settings attribute, how to check it."""

    key: str
    attr: str
    help: str
    check: Callable[[Any], Any]  # value as read from TOML -> clean value, or ValueError
    parse: Callable[[str], Any]  # text typed in a shell -> TOML value, or ValueError

    @property
    def default(self) -> Any:
        return getattr(Settings(), self.attr)

    def clean(self, value: Any) -> Any:
        try:
            return self.check(value)
        except (ValueError, TypeError) as exc:
            raise ConfigError(f"{self.key}: {exc}") from None


# -- checkers ----------------------------------------------------------------------------


def _whole(low: int, high: int, unit: str) -> Callable[[Any], int]:
    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(
                f"expected a whole number of {unit} from {low} to {high}, got {value!r}"
            )
        if not low <= value <= high:
            raise ValueError(f"{value} is out of range: use {low} to {high} {unit}")
        return value

    return check


def _minutes(low: float, high: float) -> Callable[[Any], float]:
    def check(value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(
                f"expected a number of minutes from {low:g} to {high:g}, got {value!r}"
            )
        if not low <= value <= high:
            raise ValueError(f"{value:g} is out of range: use {low:g} to {high:g} minutes")
        return float(value)

    return check


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {value!r}")
    return value


def _one_of(choices: tuple[str, ...]) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if not isinstance(value, str) or value not in choices:
            raise ValueError(f"expected one of {', '.join(choices)}; got {value!r}")
        return value

    return check


def _theme(value: Any) -> str:
    if not isinstance(value, str) or value not in THEMES:
        close = difflib.get_close_matches(str(value), THEMES, n=1)
        hint = f" (did you mean {close[0]}?)" if close else f"; themes: {', '.join(THEMES)}"
        raise ValueError(f"unknown theme {value!r}{hint}")
    return value


def _text(limit: int, *, lines: bool = False) -> Callable[[Any], str]:
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


def check_keys(value: Any) -> str:
    """A key or comma-separated keys as Textual names them: ``n``, ``ctrl+n``, ``f2,N``."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f'expected a key such as "n", "ctrl+n" or "f2,N"; got {value!r}')
    parts = [part.strip() for part in value.split(",")]
    for part in parts:
        *modifiers, key = part.split("+") if len(part) > 1 else [part]
        bad = [m for m in modifiers if m.lower() not in _MODIFIERS]
        if not part or bad or not key or (len(key) > 1 and not _KEY_NAME.match(key.lower())):
            raise ValueError(
                f'{part!r} is not a key; write e.g. "n", "ctrl+n", "shift+right", "f2"'
            )
    return ",".join(parts)


def _parse_int(text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise ValueError(f"expected a whole number, got {text!r}") from None


def _parse_number(text: str) -> float | int:
    try:
        number = float(text.strip())
    except ValueError:
        raise ValueError(f"expected a number, got {text!r}") from None
    return int(number) if number.is_integer() else number


def _parse_bool(text: str) -> bool:
    word = text.strip().lower()
    if word in {"true", "yes", "on", "1"}:
        return True
    if word in {"false", "no", "off", "0"}:
        return False
    raise ValueError(f"expected true or false (or on/off, yes/no), got {text!r}")


def _as_is(text: str) -> str:
    return text


_COUNTRY = re.compile(r"^[A-Z]{2,3}(-[A-Z0-9]{1,3})?$")


def _country(value: Any) -> str:
    """An ISO country code's form ("" for none), checked without loading the holidays
    package: reading the file is on start-up's path. ``_parse_country`` asks the package."""
    if not isinstance(value, str) or not _COUNTRY.match(value.strip().upper() or "XX"):
        raise ValueError(f'expected an ISO country code such as "US", "GB" or "DE"; got {value!r}')
    return value.strip().upper()


def _parse_country(text: str) -> str:
    """A country typed in a shell or the settings screen: one the holidays package knows."""
    if not text.strip():
        return ""
    from infoterm.business_days import normalise_country

    return normalise_country(text)


OPTIONS: tuple[Option, ...] = (
    Option("theme", "theme", "Colour theme (any of Textual's themes)", _theme, _as_is),
    Option(
        "meeting.default_minutes",
        "meeting_default_minutes",
        "Meeting length you promise by default, in minutes",
        # What a meeting accepts: infoterm.meeting.MIN_MINUTES/MAX_MINUTES, not imported
        # because it would bring the timer into start-up (~10 ms); a test keeps them equal.
        _whole(1, 240, "minutes"),
        _parse_int,
    ),
    Option(
        "meeting.wrapup_lead_minutes",
        "meeting_wrapup_lead_minutes",
        "Start wrapping up this many minutes before the end",
        _minutes(0, 30),
        _parse_number,
    ),
    Option(
        "meeting.bell",
        "meeting_bell",
        "Ring the terminal bell at wrap-up",
        _boolean,
        _parse_bool,
    ),
    Option(
        "followups.checkin_weeks",
        "followups_checkin_weeks",
        "Stay-in-touch cadence, in weeks",
        _whole(1, 52, "weeks"),
        _parse_int,
    ),
    Option(
        "followups.nudge_days",
        "followups_nudge_days",
        "Nudge an unanswered request after this many days",
        _whole(1, 60, "days"),
        _parse_int,
    ),
    Option(
        "followups.business_days",
        "followups_business_days",
        "Count the nudge (and the second contact's 3 days) in business days; off: calendar days",
        _boolean,
        _parse_bool,
    ),
    Option(
        "followups.holidays",
        "followups_holidays",
        "Country whose public holidays are not business days (US, GB-ENG, DE-BY; empty: none)",
        _country,
        _parse_country,
    ),
    Option(
        "ui.start_screen",
        "ui_start_screen",
        "Screen to open on: board or review",
        _one_of(START_SCREENS),
        _as_is,
    ),
    Option(
        "ui.dates",
        "ui_dates",
        "Dates as relative (in 3 days) or absolute (Thu 26 Nov 09:00)",
        _one_of(DATE_STYLES),
        _as_is,
    ),
    Option("me.name", "me_name", "Your name, for note templates", _text(200), _as_is),
    Option(
        "me.signature",
        "me_signature",
        "Your signature, for note templates",
        _text(2000, lines=True),
        lambda text: text.replace("\\n", "\n"),
    ),
    Option(
        "me.goal",
        "me_goal",
        "What you are exploring and want to learn (shown in the meeting brief)",
        _text(2000, lines=True),
        lambda text: text.replace("\\n", "\n"),
    ),
    Option(
        "me.new_email",
        "me_new_email",
        "Your email after landing, for the tell-landed note",
        _text(320),
        _as_is,
    ),
    Option(
        "me.new_phone",
        "me_new_phone",
        "Your phone after landing, for the tell-landed note",
        _text(40),
        _as_is,
    ),
    Option(
        "me.new_linkedin",
        "me_new_linkedin",
        "Your LinkedIn address, for the tell-landed note",
        _text(500),
        _as_is,
    ),
    Option(
        "outreach.word_limit",
        "outreach_word_limit",
        "An outreach note must have fewer words than this (infoterm check-outreach)",
        # infoterm.outreach.DEFAULT_WORD_LIMIT is the default; a test keeps them equal.
        _whole(10, 500, "words"),
        _parse_int,
    ),
)
BY_KEY: dict[str, Option] = {option.key: option for option in OPTIONS}
# The tables of the file ([meeting], [keys], ...) and how deep a key may go.
TABLES = frozenset({o.key.rpartition(".")[0] for o in OPTIONS if "." in o.key} | {KEYS_TABLE})
MAX_DEPTH = 3


def option(key: str) -> Option:
    """The option for a dotted key (``keys.<binding id>`` included), or a ConfigError."""
    if key in BY_KEY:
        return BY_KEY[key]
    table, _, binding_id = key.partition(".")
    if table == KEYS_TABLE and binding_id:
        if not _BINDING_ID.match(binding_id):
            raise ConfigError(f"{key}: {binding_id!r} is not a binding id")
        return Option(key, "keys", f"Key for {binding_id}", check_keys, _as_is)
    close = difflib.get_close_matches(key, [*BY_KEY, "keys.<binding id>"], n=1)
    hint = f" (did you mean {close[0]}?)" if close else ""
    raise ConfigError(f"unknown setting {key!r}{hint}")


# -- reading -----------------------------------------------------------------------------


def load(path: Path) -> tuple[Settings, list[str]]:
    """Settings from ``path`` (defaults when it does not exist) and warnings to show."""
    try:
        # utf-8-sig: a file saved by an editor that writes a BOM reads the same.
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        return Settings(), []
    except (OSError, UnicodeDecodeError) as exc:
        return Settings(), [f"cannot read {path} ({exc}); using the default settings"]
    except tomllib.TOMLDecodeError as exc:
        return Settings(), [f"{path} is not valid TOML ({exc}); using the default settings"]
    except RecursionError:
        return Settings(), [f"{path} is nested too deeply; using the default settings"]
    return from_mapping(data, source=str(path))


def check_text(text: str, source: str) -> list[str]:
    """What :func:`load` would warn about if ``text`` were the config file."""
    try:
        data = tomllib.loads(text.removeprefix("\ufeff"))
    except tomllib.TOMLDecodeError as exc:
        return [f"{source}: is not valid TOML ({exc})"]
    except RecursionError:
        return [f"{source}: is nested too deeply"]
    return from_mapping(data, source=source)[1]


def from_mapping(data: Mapping[str, Any], source: str = "config") -> tuple[Settings, list[str]]:
    """Settings from parsed TOML: each bad or unknown key is a warning, the rest apply."""
    values: dict[str, Any] = {}
    keys: dict[str, str] = {}
    warnings: list[str] = []
    for dotted, value in _flatten(data):
        if dotted in TABLES and not isinstance(value, Mapping):
            warnings.append(
                f"{source}: {dotted}: expected a table ([{dotted}]), got {value!r}; "
                f"using the defaults of {dotted}.*"
            )
            continue
        try:
            found = option(dotted)
            clean = found.clean(value)
        except ConfigError as exc:
            default = _default_text(dotted)
            warnings.append(f"{source}: {exc}{default}")
            continue
        if found.attr == "keys":
            keys[dotted.partition(".")[2]] = clean
        else:
            values[found.attr] = clean
    return replace(Settings(), **values, keys=keys), warnings


def _default_text(dotted: str) -> str:
    if dotted in BY_KEY:
        return f"; using the default ({to_text(BY_KEY[dotted].default)})"
    if dotted.startswith(f"{KEYS_TABLE}."):
        return "; keeping the usual key"
    return "; ignored"


def _flatten(data: Mapping[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []
    for key, value in data.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, Mapping):
            if prefix.count(".") >= MAX_DEPTH - 1:  # no setting is deeper than table.key
                found.append((dotted, "(a table nested too deeply)"))
                continue
            found.extend(_flatten(value, f"{dotted}."))
        else:
            found.append((dotted, value))
    return found


def get(settings: Settings, key: str) -> Any:
    """The value of a dotted key in ``settings`` (a ``keys.`` key not set: None)."""
    found = option(key)
    if found.attr == "keys":
        return settings.keys.get(key.partition(".")[2])
    return getattr(settings, found.attr)


def items(settings: Settings) -> list[tuple[str, Any]]:
    """Every setting as (dotted key, value), key overrides last."""
    rows = [(o.key, getattr(settings, o.attr)) for o in OPTIONS]
    rows += [(f"{KEYS_TABLE}.{bid}", key) for bid, key in sorted(settings.keys.items())]
    return rows


def to_text(value: Any) -> str:
    """A value as TOML would write it (for messages and ``config get``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, str):
        return value
    return str(value)


def parse_text(key: str, text: str) -> Any:
    """A value typed in a shell for ``key``, checked; raises ConfigError naming the key."""
    found = option(key)
    try:
        return found.clean(found.parse(text))
    except ValueError as exc:
        if isinstance(exc, ConfigError):
            raise
        raise ConfigError(f"{key}: {exc}") from None


# -- writing -----------------------------------------------------------------------------

TEMPLATE = """\
# infoterm settings. Edit by hand, in the app (ctrl+s), or with
#   infoterm config set KEY VALUE
# A bad value is reported by name when infoterm starts and that setting keeps its default.
# Settings left out use their defaults:
#   theme = "textual-dark"
#   [meeting]    default_minutes = 20, wrapup_lead_minutes = 2, bell = true
#   [followups]  checkin_weeks = 6, nudge_days = 7, business_days = true,
#                holidays = "" (or "US", "GB", ...)
#   [ui]         start_screen = "board" (or "review"), dates = "relative" (or "absolute")
#   [me]         name = "", signature = ""
#   [outreach]   word_limit = 75
#   [keys]       <binding id> = "key"   (ids: infoterm config keys)
"""


def set_values(path: Path, values: Mapping[str, Any]) -> None:
    """Check and write ``values`` (dotted key -> value; None removes the key) into the file.

    Comments and layout of a hand-edited file are kept. Every value is checked before the
    file is touched; a bad one raises ConfigError and nothing is written.
    """
    cleaned: dict[str, Any] = {}
    for key, value in values.items():
        found = option(key)
        cleaned[key] = None if value is None else found.clean(value)
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        text = TEMPLATE
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from None
    try:
        document = tomlkit.parse(text)
    except RecursionError:
        raise ConfigError(
            f"{path} is nested too deeply; fix it by hand first, it was left unchanged"
        ) from None
    except TOMLKitError as exc:
        raise ConfigError(
            f"{path} is not valid TOML ({exc}); fix it by hand first, it was left unchanged"
        ) from None
    for key, value in cleaned.items():
        table_name, _, name = key.rpartition(".")
        container: Any = document
        if table_name:
            if table_name in document and not isinstance(document[table_name], Mapping):
                # e.g. meeting = "x": reported (and ignored) on reading; now made a table.
                document.pop(table_name)
            if table_name not in document:
                if value is None:
                    continue
                document.add(table_name, tomlkit.table())
            container = document[table_name]
        if value is None:
            container.pop(name, None)
        else:
            container[name] = value
    _write_atomically(path, tomlkit.dumps(document))


def save(path: Path, settings: Settings) -> None:
    """Write every setting that differs from its default (and every key override);
    settings back at their default leave the file."""
    defaults = Settings()
    changed: dict[str, Any] = {
        o.key: None
        if getattr(settings, o.attr) == getattr(defaults, o.attr)
        else getattr(settings, o.attr)
        for o in OPTIONS
    }
    on_file = load(path)[0].keys
    changed |= {f"{KEYS_TABLE}.{bid}": None for bid in on_file if bid not in settings.keys}
    changed |= {f"{KEYS_TABLE}.{bid}": key for bid, key in settings.keys.items()}
    set_values(path, changed)


def _write_atomically(path: Path, text: str) -> None:
    from infoterm.atomic import write_atomic

    try:
        write_atomic(path, text)
    except OSError as exc:
        raise ConfigError(
            f"cannot write {path}: {exc.strerror or exc}; it was left unchanged"
        ) from None


def apply(settings: Settings, key: str, value: Any) -> None:
    """Set a checked value on a live Settings object (None removes a key override)."""
    found = option(key)
    if found.attr == "keys":
        binding_id = key.partition(".")[2]
        if value is None:
            settings.keys.pop(binding_id, None)
        else:
            settings.keys[binding_id] = found.clean(value)
        return
    setattr(settings, found.attr, found.default if value is None else found.clean(value))


__all__ = [
    "OPTIONS",
    "THEMES",
    "ConfigError",
    "Option",
    "apply",
    "get",
    "items",
    "load",
    "option",
    "parse_text",
    "save",
    "set_values",
    "to_text",
]
