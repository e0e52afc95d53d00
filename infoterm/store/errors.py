"""The store's error: what the database layer raises for a file the user must fix.

Stdlib-only, so the CLI and the TUI can catch it without importing the store's engines.
"""

from __future__ import annotations


class StoreError(Exception):
    """A problem with the database file that the user must see, in plain words."""

    def __rich__(self) -> str:
        # Raised while the TUI runs (the file damaged or taken away under it), Textual
        # exits and shows this (Rich markup, hence the escaped brackets), not a traceback.
        return "infoterm: " + str(self).replace("[", "\\[")
