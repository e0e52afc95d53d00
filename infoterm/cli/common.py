"""What every command shares: paths, clock, settings, the database, and error output."""

from __future__ import annotations

import argparse
import functools
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NoReturn

from infoterm.clock import Clock, SystemClock
from infoterm.paths import Paths, resolve_paths
from infoterm.settings import Settings
from infoterm.textsafe import json_visible, visible_output

if TYPE_CHECKING:
    from infoterm.services import Services
    from infoterm.store.database import Database


class CommandError(Exception):
    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def fail(message: str, code: int = 1) -> NoReturn:
    print(
        f"infoterm: {message}" if not message.startswith("infoterm") else message, file=sys.stderr
    )
    raise SystemExit(code)


def print_json(value: Any) -> None:
    import json  # only when asked for: the fast commands do not pay for it

    print(json_visible(json.dumps(value, indent=2, ensure_ascii=False, default=str)))


class EscapingStream:
    """Wraps stdout or stderr for the headless commands: whatever they print shows its
    control characters written out (``\x1b``), so data never drives the terminal.
    ``unescaped`` is the stream itself, for writing a file's exact bytes to a pipe."""

    def __init__(self, stream: Any) -> None:
        self.unescaped = stream

    def write(self, text: str) -> int:
        self.unescaped.write(visible_output(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.unescaped, name)


def not_utf8(argv: Sequence[str]) -> str | None:
    """A one-line complaint about the first argument that is not valid UTF-8, or None."""
    for index, arg in enumerate(argv, start=1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            raw = os.fsencode(arg)
            return f"argument {index} is not valid UTF-8: {raw!r}"
    return None


LOCK_WAIT_MS = 30_000  # a command waits this long for another program's write to finish


@dataclass
class Context:
    paths: Paths
    clock: Clock = field(default_factory=SystemClock)
    _settings: Settings | None = None
    _db: Database | None = None
    _services: Services | None = None
    settings_warnings: list[str] = field(default_factory=list)
    db_warnings: list[str] = field(default_factory=list)  # also the TUI's toasts
    # How the database is opened (see open_database): a command that only reads neither
    # takes the write lock nor minds a read-only file; ``due`` skips the integrity check.
    write: bool = True
    check: bool = True
    lock_timeout_ms: int = LOCK_WAIT_MS

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Context:
        return cls(paths=resolve_paths(getattr(args, "db", None)))

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings(self)
        return self._settings

    def database(self, create: bool = True) -> Database:
        """Open (and if needed create or upgrade) the database, or fail with a clear message."""
        if self._db is None:
            from infoterm.store.database import open_database
            from infoterm.store.errors import StoreError

            self.no_new_database_for_a_read()
            try:
                self._db = open_database(
                    self.paths.db,
                    create=create,
                    write=self.write,
                    check=self.check,
                    lock_timeout_ms=self.lock_timeout_ms,
                    backup_folders=[self.paths.backups_dir],
                )
            except StoreError as exc:
                raise CommandError(str(exc)) from exc
            if self._db.sqlite_path is not None:
                from infoterm.syncfolders import sync_warning

                warning = sync_warning(self._db.sqlite_path)
                if warning:
                    self.db_warnings.append(warning)
                    print(f"infoterm: warning: {warning}", file=sys.stderr)
            if self._db.backup_made:
                print(
                    f"infoterm: upgraded the database; a copy of the old one is at {self._db.backup_made}",
                    file=sys.stderr,
                )
        return self._db

    def no_new_database_for_a_read(self) -> None:
        """A command that only reads, given a file that is not there (a typo in --db or
        INFOTERM_DB): say so, rather than make the folders and an empty database and
        answer "nothing due". The default database is made as ever (a first run)."""
        from infoterm.paths import DB_FILENAME

        path = self.paths.sqlite_path
        if self.write or path is None or path.exists():
            return
        if path.resolve() == (self.paths.data_dir / DB_FILENAME).resolve():
            return
        raise CommandError(
            f"no database at {path}: check the path (the first command that writes, such "
            "as infoterm add, makes a new one there)"
        )

    @property
    def services(self) -> Services:
        if self._services is None:
            from infoterm.services import Services

            self._services = Services(self.database(), self.clock, self.settings)
        return self._services

    def close(self) -> None:
        if self._db is not None:
            self._db.close()


def load_settings(ctx: Context) -> Settings:
    """Settings from the config file, warnings to stderr (the config module, when present)."""
    from infoterm import config

    settings, warnings = config.load(ctx.paths.config_file)
    ctx.settings_warnings = warnings
    for warning in warnings:
        print(f"infoterm: {warning}", file=sys.stderr)
    return settings


def run_service(call: Any, *args: Any, **kwargs: Any) -> Any:
    """Run a service call, turning its user-facing errors into a one-line CommandError."""
    from infoterm.services.errors import ServiceError

    try:
        return call(*args, **kwargs)
    except ServiceError as exc:
        raise CommandError(str(exc)) from exc


Handler = Callable[[Context, argparse.Namespace], int]


def watches_targets(handler: Handler) -> Handler:
    """A command that can change the active employers (a move, an archive, a reply, an
    undo...): after its own output, one line says who was promoted or came back."""

    @functools.wraps(handler)
    def run(ctx: Context, args: argparse.Namespace) -> int:
        targets = ctx.services.targets
        before = run_service(targets.active_ids)
        code = handler(ctx, args)
        if before:
            message = run_service(targets.promotion_message, before, targets.active_ids())
            if message:
                print(message)
        return code

    return run
