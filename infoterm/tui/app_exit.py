"""How the app ends when it did not choose to: a crash, a closed terminal, a kill.

A mixin for ``InfotermApp`` (it imports nothing of the UI at import time):

- **A crash prints no local variables.** Textual's crash report is a rich traceback with
  every frame's local variables, which here are the user's contacts, notes and
  organisations. Textual 8 has no setting for it, so ``_fatal_error`` (the
  method Textual calls for an unhandled exception; its only private name used here) is
  replaced by the same report without the locals, handed to the public ``panic``.
- **Closing the terminal (SIGHUP) and a polite kill (SIGTERM) keep every word typed.**
  Both would end Python at once, losing the notes typed in the last half-second (the
  meeting screen saves when typing pauses). They now ask every screen that holds unsaved
  text to save it, then quit the app normally.
"""

from __future__ import annotations

import contextlib
import signal
from typing import Any

SAVE_SIGNALS = (signal.SIGHUP, signal.SIGTERM) if hasattr(signal, "SIGHUP") else (signal.SIGTERM,)


class ExitSafely:
    """Mixed into the App: ``self`` is a textual ``App``."""

    def _fatal_error(self) -> None:
        """An unhandled exception: the traceback (code and message), never the locals."""
        import rich
        from rich.traceback import Traceback

        app: Any = self
        app.bell()
        app.panic(Traceback(show_locals=False, width=None, suppress=[rich]))

    def catch_exit_signals(self) -> None:
        """Save and quit on SIGHUP and SIGTERM (from the app's own event loop)."""
        import asyncio

        loop = asyncio.get_running_loop()
        for signum in SAVE_SIGNALS:
            # not the main thread, or a loop without signal support: the default stays
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(signum, self.save_and_quit, signum)

    def save_and_quit(self, signum: int = signal.SIGTERM) -> None:
        """Every screen with unsaved text (``flush_notes``) saves it; then the app quits."""
        app: Any = self
        for screen in reversed(app.screen_stack):
            flush = getattr(screen, "flush_notes", None)
            if callable(flush):
                flush()
        app.exit(return_code=128 + signum)
