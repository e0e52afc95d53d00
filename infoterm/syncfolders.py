"""Is a file inside a folder that a file-sync tool copies between machines?

Dropbox, Syncthing, iCloud Drive and OneDrive copy a file while it is written and merge
copies made on two machines: a live SQLite database (its -wal and -shm files beside it)
is corrupted that way (SQLite's "How To Corrupt An SQLite Database File" says so). Found
by the folders' names and by the marker files the tools leave: standard library only, a
few ``stat`` calls (``infoterm due`` pays for it).
"""

from __future__ import annotations

import os
from pathlib import Path

# a folder marker -> the tool
MARKERS = {
    ".stfolder": "Syncthing",
    ".dropbox": "Dropbox",
    ".dropbox.cache": "Dropbox",
    ".dropbox.attr": "Dropbox",
}


def _by_name(name: str) -> str | None:
    lowered = name.casefold()
    if lowered == "dropbox" or lowered.startswith("dropbox ("):
        return "Dropbox"
    if lowered == "onedrive" or lowered.startswith("onedrive - "):
        return "OneDrive"
    if lowered in ("icloud drive", "icloudrive", "mobile documents", "com~apple~clouddocs"):
        return "iCloud"
    return None


def sync_tool(path: Path) -> tuple[str, Path] | None:
    """The tool and the synced folder that holds ``path``, or None: looked for along the
    path as given and along the real one (a symlink into a synced folder is synced too)."""
    folders: list[Path] = []
    for resolve in (os.path.abspath, os.path.realpath):
        try:
            folder = Path(resolve(path)).parent
        except (OSError, ValueError):
            continue
        if folder not in folders:
            folders.append(folder)
    for folder in folders:
        found = _synced(folder)
        if found:
            return found
    return None


def _synced(folder: Path) -> tuple[str, Path] | None:
    for current in (folder, *folder.parents):
        tool = _by_name(current.name)
        if tool:
            return tool, current
        for marker, tool in MARKERS.items():
            try:
                if os.path.lexists(current / marker):
                    return tool, current
            except (OSError, ValueError):
                continue
    return None


def sync_warning(path: Path) -> str | None:
    """One line for a database inside a synced folder, or None."""
    found = sync_tool(path)
    if found is None:
        return None
    tool, folder = found
    return (
        f"{path} is inside a {tool} folder ({folder}): syncing a live database file can"
        " corrupt it; move it out, and use one PostgreSQL server for two machines"
        " (README: two machines, one campaign)"
    )
