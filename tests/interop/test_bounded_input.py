"""Imports read regular files of bounded size only: no hang on a FIFO, no endless read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from infoterm.interop import records
from infoterm.interop.records import ImportFileError, read_input_file
from infoterm.services import Services
from infoterm.services.errors import ServiceError


def importers(services: Services):
    interop = services.interop
    return {
        "csv": interop.import_csv,
        "linkedin": interop.import_linkedin,
        "json": interop.import_json,
    }


@pytest.mark.parametrize("kind", ["csv", "linkedin", "json"])
@pytest.mark.parametrize("target", ["/dev/zero", "fifo", "folder"])
def test_non_regular_files_are_refused_at_once(
    services: Services, tmp_path: Path, kind: str, target: str
) -> None:
    if target == "fifo":
        path = tmp_path / "pipe"
        os.mkfifo(path)  # nobody writes: reading it would hang
    elif target == "folder":
        path = tmp_path
    else:
        path = Path(target)
    what = {"fifo": r"a pipe \(FIFO\)", "folder": "a folder", "/dev/zero": "a device"}[target]
    with pytest.raises(ServiceError, match=f"is {what}, not a file"):
        importers(services)[kind](path)


@pytest.mark.parametrize("kind", ["csv", "linkedin", "json"])
def test_files_over_the_limit_are_refused(
    services: Services, tmp_path: Path, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big"
    path.write_bytes(b"name\n" + b"x" * 2000)
    monkeypatch.setattr(records, "MAX_IMPORT_BYTES", 1000)
    monkeypatch.setattr(read_input_file, "__defaults__", (1000,))
    with pytest.raises(ServiceError, match="too large to import.*the limit is 0 MB"):
        importers(services)[kind](path)


def test_the_limit_is_50_mb() -> None:
    assert records.MAX_IMPORT_BYTES == 50 * 1024 * 1024
    with pytest.raises(ImportFileError, match="no such file"):
        read_input_file(Path("/nonexistent/file.csv"))
