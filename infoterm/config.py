"""The settings file (config.toml): reading, checking and writing it.

Reading uses the standard library (``tomllib``) and never fails: a file that is not valid
TOML, an unknown key or a bad value each give a warning that names the key, and that key
keeps its default; the app still starts. Writing (``set_values``) goes through ``tomlkit``
so a file edited by hand keeps its comments and layout; it checks every value first and
leaves the file untouched when one is bad.

The options are the fields of ``Settings`` (``infoterm.settings``), each with its help and
checker in its metadata; the checkers are ``infoterm.setting_checks``. Headless: no
textual or rich import.
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from infoterm.setting_checks import (
    BINDING_ID,
    DATE_STYLES,
    KEYS_TABLE,
    START_SCREENS,
    THEMES,
    as_is,
    check_keys,
)
from infoterm.settings import Settings


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


def _options() -> tuple[Option, ...]:
    """One option per Settings field that carries its metadata (``infoterm.settings``):
    the key is the attribute with its first ``_`` as a dot (``meeting_bell`` is
    ``meeting.bell``), so each key is written once, as the field's name."""
    return tuple(
        Option(
            f.name.replace("_", ".", 1),
            f.name,
            f.metadata["help"],
            f.metadata["check"],
            f.metadata["parse"],
        )
        for f in fields(Settings)
        if "help" in f.metadata
    )


OPTIONS: tuple[Option, ...] = _options()
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
        if not BINDING_ID.match(binding_id):
            raise ConfigError(f"{key}: {binding_id!r} is not a binding id")
        return Option(key, "keys", f"Key for {binding_id}", check_keys, as_is)
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
    "DATE_STYLES",
    "KEYS_TABLE",
    "OPTIONS",
    "START_SCREENS",
    "THEMES",
    "ConfigError",
    "Option",
    "apply",
    "check_keys",
    "get",
    "items",
    "load",
    "option",
    "parse_text",
    "save",
    "set_values",
    "to_text",
]
