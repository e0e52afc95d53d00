"""Opening the full-screen app (on the user's database, or on a throwaway demo)."""

from __future__ import annotations

import argparse
from pathlib import Path

from infoterm.cli.common import Context


def run(ctx: Context, args: argparse.Namespace, start: str | None = None, **options: object) -> int:
    if getattr(args, "demo", False):
        import tempfile  # here, not at the top: `infoterm due` must not pay for it

        with tempfile.TemporaryDirectory(prefix="infoterm-demo-") as folder:
            from infoterm.demo import seed_demo

            ctx.paths = type(ctx.paths)(
                ctx.paths.data_dir, ctx.paths.config_dir, str(Path(folder) / "demo.db")
            )
            seed_demo(ctx.database(), ctx.clock)
            return _run_app(ctx, start, {**options, "demo": True})
    return _run_app(ctx, start, options)


def _run_app(ctx: Context, start: str | None, options: dict[str, object]) -> int:
    db = ctx.database()
    settings = ctx.settings
    from infoterm.app import InfotermApp

    options.setdefault("warnings", ctx.settings_warnings)  # shown again as toasts in the app
    app = InfotermApp(db, ctx.clock, settings, paths=ctx.paths, start=start, **options)
    app.run()
    return int(app.return_code or 0)
