"""Opening the full-screen app (on the user's database, or on a throwaway demo)."""

from __future__ import annotations

import argparse
import gc
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from infoterm.cli.common import Context
from infoterm.tui.launch import LaunchOptions

if TYPE_CHECKING:
    from infoterm.store.database import Database
    from infoterm.tui.app import InfotermApp

# A write waits up to 30 s for another program's lock; after 2 s (Database.on_wait) the
# app's banner says "waiting for another program…".
TUI_LOCK_WAIT_MS = 30_000


def run(ctx: Context, args: argparse.Namespace, launch: LaunchOptions | None = None) -> int:
    # Start-up allocates a few hundred thousand long-lived objects (Textual, the CSS, the
    # first screen); the cyclic garbage collector would walk them again and again for
    # nothing. It is switched back on (with those objects frozen out of its way) once the
    # first frame is out and the services are imported: InfotermApp._import_services.
    # Measured (benchmarks/bench.py): first paint went from about 1.5x to 1.3x the floor app.
    gc.disable()
    # The app opens a read-only file read-only (with a badge) and checks the file's
    # integrity right after its first paint (before any write: Database.ensure_writable);
    # its writes wait for another program's: after 2 s it says so, and waits up to 30 s.
    ctx.write = False
    ctx.check = False
    ctx.lock_timeout_ms = TUI_LOCK_WAIT_MS
    if getattr(args, "demo", False):
        import tempfile  # here, not at the top: `infoterm due` must not pay for it

        with tempfile.TemporaryDirectory(prefix="infoterm-demo-") as folder:
            from infoterm.demo import seed_demo

            ctx.paths = type(ctx.paths)(
                ctx.paths.data_dir, ctx.paths.config_dir, str(Path(folder) / "demo.db")
            )
            seed_demo(ctx.database(), ctx.clock)
            return _run_app(ctx, replace(launch or LaunchOptions(), demo=True))
    return _run_app(ctx, launch or LaunchOptions())


def _run_app(ctx: Context, launch: LaunchOptions) -> int:
    app = build_app(ctx, launch)
    app.run()
    return int(app.return_code or 0)


def build_app(ctx: Context, launch: LaunchOptions) -> InfotermApp:
    """The app on the user's database. A database server that does not answer (down, the
    tunnel closed) opens the app anyway, on a screen that waits for it (app_server)."""
    from infoterm.cli.common import CommandError
    from infoterm.store.postgres import ServerUnreachable

    try:
        db = ctx.database()
    except CommandError as exc:
        if not isinstance(exc.__cause__, ServerUnreachable):
            raise
        from infoterm.store.database import Database

        db = Database(ctx.paths.db)  # not opened: the app opens it when the server answers
        launch = replace(launch, connect=_opener(ctx), server_away=str(exc))
    settings = ctx.settings
    from infoterm.tui.app import InfotermApp

    launch = replace(  # shown again as toasts in the app
        launch, warnings=tuple(ctx.settings_warnings), db_warnings=tuple(ctx.db_warnings)
    )
    return InfotermApp(db, ctx.clock, settings, paths=ctx.paths, launch=launch)


def _opener(ctx: Context) -> Callable[[], Database]:
    """Opens the database as the CLI does; its errors as StoreError (ServerUnreachable
    while the server does not answer), for the app to wait or to end with one line."""
    from infoterm.cli.common import CommandError
    from infoterm.store.errors import StoreError

    def connect() -> Database:
        try:
            return ctx.database()
        except CommandError as exc:
            cause = exc.__cause__
            raise cause if isinstance(cause, StoreError) else StoreError(str(exc)) from None

    return connect
