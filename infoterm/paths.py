"""Where infoterm keeps its files. The only caller of platformdirs.

Precedence for the database: ``--db`` > ``INFOTERM_DB`` > ``<data folder>/infoterm.db``.
``INFOTERM_HOME`` moves the whole data folder (and the config file with it).
A database target containing ``://`` is a SQLAlchemy URL; anything else is a file path.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "infoterm"
DB_FILENAME = "infoterm.db"


@dataclass(frozen=True)
class Paths:
    data_dir: Path
    config_dir: Path
    db: str  # a filesystem path or a SQLAlchemy URL

    @property
    def db_is_url(self) -> bool:
        return "://" in self.db

    @property
    def sqlite_path(self) -> Path | None:
        """The SQLite file behind ``db``, or None for a non-SQLite URL."""
        return sqlite_file(self.db)

    @property
    def config_file(self) -> Path:
        return self.config_dir / "config.toml"

    @property
    def templates_dir(self) -> Path:
        return self.data_dir / "templates"

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"


def sqlite_file(target: str) -> Path | None:
    if "://" not in target:
        return Path(target).expanduser()
    scheme, _, rest = target.partition("://")
    if not scheme.startswith("sqlite"):
        return None
    # sqlite:///relative.db, sqlite:////abs/path.db; drop any ?query
    path = rest[1:] if rest.startswith("/") else rest
    path = path.split("?", 1)[0]
    if not path or path == ":memory:":
        return None
    return Path(path).expanduser()


def drafts_dir(data_dir: Path, database: str, *, demo: bool = False) -> Path:
    """The folder of one database's note drafts. A draft is named after its follow-up's
    id, and ids are per database: the default database keeps ``drafts/``, any other has
    a folder of its own (its file's name and a short hash of where it is), and the demo's
    live and go with its throwaway folder."""
    file = sqlite_file(database)
    if demo and file is not None:
        return file.parent / "drafts"
    if file is not None and file.resolve() == (data_dir / DB_FILENAME).resolve():
        return data_dir / "drafts"
    import hashlib

    if file is not None:
        where = str(file.resolve())
    else:  # a server: the same folder whatever the password or driver
        from urllib.parse import urlsplit

        url = urlsplit(database)
        where = f"{url.hostname}:{url.port}{url.path}"
    digest = hashlib.sha256(where.encode("utf-8")).hexdigest()[:8]
    return data_dir / "drafts" / f"{file.stem if file is not None else 'server'}-{digest}"


def resolve_paths(db: str | None = None, env: Mapping[str, str] | None = None) -> Paths:
    env = os.environ if env is None else env
    home = env.get("INFOTERM_HOME")
    if home:
        data_dir = Path(home).expanduser()
        config_dir = data_dir
    else:
        import platformdirs

        data_dir = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
        config_dir = Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
    target = db or env.get("INFOTERM_DB") or str(data_dir / DB_FILENAME)
    return Paths(data_dir=data_dir, config_dir=config_dir, db=target)


def ensure_private_dir(path: Path) -> None:
    """Create a folder readable by its owner only (it holds other people's details)."""
    from infoterm.atomic import private_dirs

    private_dirs(path)
