"""Meeting notes that could not be saved (the server away, the file locked) are kept in a
local recovery file, private and written atomically, until a save goes through.

One file per meeting, ``DATA/recovery/meeting-ID.txt``; it is removed once the notes are
stored. Nothing here imports the UI.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from infoterm.atomic import private_dirs, write_atomic


def recovery_file(folder: Path, meeting_id: int) -> Path:
    return folder / f"meeting-{int(meeting_id)}.txt"


def keep(folder: Path, meeting_id: int, text: str) -> Path | None:
    """Write the unsaved notes; the file, or None if even that failed (they stay in memory)."""
    path = recovery_file(folder, meeting_id)
    try:
        private_dirs(folder)
        write_atomic(path, text)
    except OSError:
        return None
    return path


def forget(folder: Path, meeting_id: int) -> None:
    with contextlib.suppress(OSError):
        recovery_file(folder, meeting_id).unlink(missing_ok=True)
