"""Commands: config path, list, get, set, unset, keys.

``set`` and ``unset`` check the value exactly as the app does when it reads the file; a bad
key or value is one clear line on stderr, exit 1, and the file is left as it was.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from infoterm.cli.common import CommandError, Context, print_json


def register(sub: Any) -> None:
    p = sub.add_parser("config", help="show or change settings (config.toml)")
    p.set_defaults(handler=list_settings, json=False)
    config_sub = p.add_subparsers(title="config commands", metavar="COMMAND")

    c = config_sub.add_parser("path", help="print where the settings file is")
    c.set_defaults(handler=path)

    c = config_sub.add_parser("list", help="every setting with its value")
    c.add_argument("--json", action="store_true")
    c.set_defaults(handler=list_settings)

    c = config_sub.add_parser("get", help="print one setting, e.g. meeting.default_minutes")
    c.add_argument("key", metavar="KEY")
    c.set_defaults(handler=get)

    c = config_sub.add_parser(
        "set", help="change one setting, e.g. theme nord, meeting.bell off, keys.new-contact N"
    )
    c.add_argument("key", metavar="KEY")
    c.add_argument("value", metavar="VALUE")
    c.set_defaults(handler=set_value)

    c = config_sub.add_parser("unset", help="put a setting back to its default")
    c.add_argument("key", metavar="KEY")
    c.set_defaults(handler=unset)

    c = config_sub.add_parser("keys", help="every key binding id, its key and what it does")
    c.set_defaults(handler=keys)


def path(ctx: Context, args: argparse.Namespace) -> int:
    print(ctx.paths.config_file)
    return 0


def list_settings(ctx: Context, args: argparse.Namespace) -> int:
    from infoterm import config

    rows = config.items(ctx.settings)
    if args.json:
        print_json(dict(rows))
        return 0
    width = max(len(key) for key, _ in rows)
    for key, value in rows:
        shown = json.dumps(value, ensure_ascii=False) if isinstance(value, str) else value
        print(f"{key:<{width}}  {config.to_text(shown)}")
    return 0


def _checked_key(key: str) -> str:
    from infoterm import config

    try:
        config.option(key)
    except config.ConfigError as exc:
        raise CommandError(f"{exc}; see: infoterm config list") from None
    if key.startswith(f"{config.KEYS_TABLE}."):
        from infoterm.tui.keymap import catalogue

        binding_id = key.partition(".")[2]
        if binding_id not in catalogue():
            import difflib

            close = difflib.get_close_matches(binding_id, list(catalogue()), n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            raise CommandError(
                f"{key}: no key binding has the id {binding_id!r}{hint}; see: infoterm config keys"
            )
    return key


def get(ctx: Context, args: argparse.Namespace) -> int:
    from infoterm import config

    key = _checked_key(args.key)
    value = config.get(ctx.settings, key)
    if value is None:  # a key binding not overridden: show its usual key
        from infoterm.tui.keymap import catalogue

        value = catalogue()[key.partition(".")[2]].keys
    print(config.to_text(value))
    return 0


def set_value(ctx: Context, args: argparse.Namespace) -> int:
    from infoterm import config

    key = _checked_key(args.key)
    try:
        value = config.parse_text(key, args.value)
        config.set_values(ctx.paths.config_file, {key: value})
    except config.ConfigError as exc:
        raise CommandError(str(exc)) from None
    except OSError as exc:
        raise CommandError(f"cannot write {ctx.paths.config_file}: {exc}") from None
    print(f"{key} = {config.to_text(value)}")
    return 0


def unset(ctx: Context, args: argparse.Namespace) -> int:
    from infoterm import config

    key = _checked_key(args.key)
    try:
        config.set_values(ctx.paths.config_file, {key: None})
    except config.ConfigError as exc:
        raise CommandError(str(exc)) from None
    except OSError as exc:
        raise CommandError(f"cannot write {ctx.paths.config_file}: {exc}") from None
    found = config.option(key)
    default = found.default if found.attr != "keys" else "its usual key"
    print(f"{key} is back to {config.to_text(default)}")
    return 0


def keys(ctx: Context, args: argparse.Namespace) -> int:
    from infoterm.tui.keymap import catalogue

    overrides = ctx.settings.keys
    rows = sorted(catalogue().values(), key=lambda b: (b.where != "everywhere", b.where, b.id))
    width = max(len(b.id) for b in rows)
    for b in rows:
        key = overrides.get(b.id, b.keys)
        mark = " (yours)" if b.id in overrides else ""
        print(f"{b.id:<{width}}  {key:<16} {b.description} — {b.where}{mark}")
    print("\nRemap one with:  infoterm config set keys.<id> KEY   (e.g. keys.new-contact N)")
    return 0
