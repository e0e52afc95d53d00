"""Writing files so that a failure never leaves half a file, and nobody else can read it.

Every file infoterm writes (exports, backups, templates, config.toml, the copy kept before
a schema upgrade) goes through :func:`write_atomic`: the bytes go to a temporary file in
the target's folder (0600), are fsynced, and the file is renamed over the target, then the
folder is fsynced so the rename itself survives a power cut. Whatever goes wrong part-way
(a full disk, a file size limit, an exception, a kill), the previous file is intact.

On Linux the temporary file is made with ``O_TMPFILE``: it has no name until the moment
it is linked in just before the rename, so even ``kill -9`` leaves nothing behind. Where
that is not available (macOS, some file systems) a named ``.NAME.XXXX.tmp`` sibling is
used and removed on any error the process lives through.

Folders infoterm creates are 0700 (:func:`private_dirs`), every level of them.

Headless and stdlib only.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


class CopyError(Exception):
    """A database copy that could not be made or failed its check; ``str()`` says why."""


def private_dirs(folder: Path) -> None:
    """Create ``folder`` and any missing parent, each 0700 (existing ones are left as
    they are). Raises OSError."""
    missing: list[Path] = []
    current = folder
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for path in reversed(missing):
        with contextlib.suppress(FileExistsError):
            path.mkdir(mode=PRIVATE_DIR)
            os.chmod(path, PRIVATE_DIR)  # mkdir's mode is masked by the umask


def write_atomic(path: Path | str, data: bytes | str, *, encoding: str = "utf-8") -> None:
    """Replace ``path`` with ``data`` atomically; the new file is 0600. Raises OSError.

    A target that exists and is not a regular file (``-o /dev/stdout``, a FIFO) is
    written directly: there is no file to replace there.
    """
    path = Path(path)
    payload = data.encode(encoding) if isinstance(data, str) else data
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "is a folder", str(path))
        with open(path, "wb") as out:
            out.write(payload)
        return
    folder = path.parent
    private_dirs(folder)
    while True:
        fd, temp = _temp_file(folder, path.name)
        try:
            view = memoryview(payload)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
            if temp is None:  # O_TMPFILE: give it a name only now
                temp = _link_name(folder, path.name)
                if not _link_unnamed(fd, temp):
                    temp = None
                    _TMPFILE[0] = False  # this system cannot link one: use named files
                    continue
            os.replace(temp, path)
            temp = None
            break
        finally:
            os.close(fd)
            if temp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
    _fsync_dir(folder)


_TMPFILE = [True]  # O_TMPFILE files can be linked here (until found otherwise)
_AT_FDCWD = -100
_AT_EMPTY_PATH = 0x1000


def _link_unnamed(fd: int, name: str) -> bool:
    """Give the O_TMPFILE file ``fd`` the name ``name``; False if this system cannot."""
    try:
        os.link(f"/proc/self/fd/{fd}", name, follow_symlinks=True)
        return True
    except OSError as exc:
        if exc.errno not in (errno.EXDEV, errno.ENOENT, errno.EPERM, errno.EACCES):
            raise
    # Some systems refuse the /proc path but accept linkat(fd, "", AT_EMPTY_PATH).
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        linkat = libc.linkat
    except (OSError, AttributeError):
        return False
    if linkat(fd, b"", _AT_FDCWD, os.fsencode(name), _AT_EMPTY_PATH) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSPC, errno.EDQUOT, errno.EIO):
        raise OSError(code, os.strerror(code), name)
    return False


def _temp_file(folder: Path, name: str) -> tuple[int, str | None]:
    """An open 0600 file in ``folder``: (fd, None) if unnamed (O_TMPFILE), else its path."""
    tmpfile = getattr(os, "O_TMPFILE", 0)
    if tmpfile and _TMPFILE[0]:
        try:
            return os.open(folder, tmpfile | os.O_WRONLY, PRIVATE_FILE), None
        except OSError as exc:
            if exc.errno not in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL, errno.ENOENT):
                raise
    fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    return fd, temp


def _link_name(folder: Path, name: str) -> str:
    for _ in range(100):
        candidate = folder / f".{name}.{os.urandom(4).hex()}.tmp"
        if not candidate.exists():
            return str(candidate)
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(folder))


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return  # not possible on this platform; the rename is still atomic
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def tighten(path: Path) -> None:
    """Make an existing file of ours 0600 (a database created by hand as 0644)."""
    with contextlib.suppress(OSError):
        info = os.stat(path)
        if stat.S_ISREG(info.st_mode) and info.st_mode & 0o077 and info.st_uid == os.getuid():
            os.chmod(path, PRIVATE_FILE)


# -- copies of a live database -------------------------------------------------------------


@dataclass(frozen=True)
class Copy:
    path: Path
    size: int
    contacts: int


def copy_database(
    source: Path, target: Path, *, timeout: float = 10, source_uri: str | None = None
) -> Copy:
    """A consistent, checked copy of a live SQLite file, written atomically (0600).

    SQLite's online backup API copies into memory (safe while other processes use the
    file), ``PRAGMA quick_check`` runs on the copy, and only a copy that passes is written
    with :func:`write_atomic`; so a kill or a failure leaves no partial copy anywhere.
    Raises CopyError (sqlite problems, a failed check) or OSError (writing). With
    ``source_uri`` the source is opened by that URI (a read-only one for a database
    infoterm may not write: ``store.sqlite.readonly_uri``).
    """
    try:
        if source_uri:
            opened = sqlite3.connect(source_uri, uri=True, timeout=timeout)
        else:
            opened = sqlite3.connect(source, timeout=timeout)
        with (
            contextlib.closing(opened) as src,
            contextlib.closing(sqlite3.connect(":memory:")) as dest,
        ):
            src.backup(dest)
            check = dest.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise CopyError(f"the copy failed its integrity check ({check})")
            contacts = _contacts(dest)
            data = dest.serialize()
    except sqlite3.Error as exc:
        raise CopyError(str(exc)) from None
    write_atomic(target, data)
    return Copy(target, len(data), contacts)


def _contacts(conn: sqlite3.Connection) -> int:
    try:
        row = conn.execute("SELECT count(*) FROM contacts WHERE deleted_at IS NULL").fetchone()
    except sqlite3.Error:
        return 0  # not (yet) an infoterm schema
    return int(row[0])
