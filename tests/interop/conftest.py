"""Fixtures for the interop tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

WriteFile = Callable[..., Path]


@pytest.fixture
def write_file(tmp_path: Path) -> WriteFile:
    """write_file(name, lines_or_bytes, newline="\\n", encoding="utf-8") -> Path."""

    def write(
        name: str,
        content: list[str] | bytes,
        *,
        newline: str = "\n",
        encoding: str = "utf-8",
    ) -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes((newline.join(content) + newline).encode(encoding))
        return path

    return write
