"""How the app ends when it did not choose to: a crash, a closed terminal, a kill.

A mixin for ``InfotermApp`` (it imports nothing of the UI at import time):

- **A crash prints no local variables.** Textual's crash report is a rich ``Traceback``
  with every frame's local variables, which here are the user's contacts, notes and
  organisations. Textual 8 has no setting for it, and no public hook between the error
  and its report; so :func:`hide_locals` makes every rich ``Traceback`` in the process
  leave the locals out (rich's public ``Traceback.extract`` with ``show_locals=False``).
  ``rich.traceback`` costs 10 ms to import (it loads pygments), which the first frame
  must not pay: while it is not imported, a finder on ``sys.meta_path`` (the import
  system's public hook) applies the same change the moment anything imports it.
- **Closing the terminal (SIGHUP) and a polite kill (SIGTERM) keep every word typed.**
  Both would end Python at once, losing the notes typed in the last half-second (the
  meeting screen saves when typing pauses). They now ask every screen that holds unsaved
  text to save it, then quit the app normally.
"""

from __future__ import annotations

import contextlib
import importlib.util
import signal
import sys
from types import ModuleType
from typing import Any

SAVE_SIGNALS = (signal.SIGHUP, signal.SIGTERM) if hasattr(signal, "SIGHUP") else (signal.SIGTERM,)


def hide_locals() -> None:
    """From now on, no rich ``Traceback`` made in this process shows local variables."""
    module = sys.modules.get("rich.traceback")
    if module is not None:
        _without_locals(module)
    elif not any(isinstance(finder, _HideLocalsOnImport) for finder in sys.meta_path):
        sys.meta_path.insert(0, _HideLocalsOnImport())


def _without_locals(module: ModuleType) -> None:
    original: Any = getattr(module, "Traceback")  # noqa: B009 - a module, not typed
    if getattr(original, "hides_locals", False):
        return

    class Traceback(original):  # type: ignore[misc]  # rich is loaded at run time only
        """rich's Traceback, never with the frames' local variables."""

        hides_locals = True

        @classmethod
        def extract(cls, *args: Any, **kwargs: Any) -> Any:
            kwargs["show_locals"] = False
            return super().extract(*args, **kwargs)

    setattr(module, "Traceback", Traceback)  # noqa: B010 - a module, not typed


class _HideLocalsOnImport:
    """Finds nothing itself: when ``rich.traceback`` is imported, it has the module loaded
    as usual, then applies :func:`_without_locals` before anyone can use it."""

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        if name != "rich.traceback":
            return None
        sys.meta_path.remove(self)  # once; and the lookup below must not find itself
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.loader is not None:
            spec.loader = _PatchingLoader(spec.loader)  # type: ignore[assignment]
        return spec


class _PatchingLoader:
    def __init__(self, loader: Any) -> None:
        self.loader = loader

    def create_module(self, spec: Any) -> Any:
        return self.loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        self.loader.exec_module(module)
        _without_locals(module)


class ExitSafely:
    """Mixed into the App: ``self`` is a textual ``App``."""

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
