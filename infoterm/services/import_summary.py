"""What an import did (or would do, for a dry run): one line per row, and the counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from infoterm.interop.records import RowError
from infoterm.pipeline import STAGE_TITLES


@dataclass
class ImportLine:
    """One row's outcome, for the dry-run listing and the summary."""

    line: int
    name: str
    organisation: str = ""
    detail: str = ""


@dataclass
class ImportSummary:
    source: str
    """"LinkedIn" or "CSV"."""
    path: str
    dry_run: bool
    stage: str | None
    added_rows: list[ImportLine] = field(default_factory=list)
    updated_rows: list[ImportLine] = field(default_factory=list)
    unchanged_rows: list[ImportLine] = field(default_factory=list)
    problems: list[RowError] = field(default_factory=list)
    """Rows skipped because they could not be read."""
    warnings: list[RowError] = field(default_factory=list)
    """Rows imported with one value set aside (in the notes)."""
    blank: int = 0
    seconds: float = 0.0
    on_board: int = 0
    """How many of the added (or updated) people went onto the board."""

    @property
    def added(self) -> int:
        return len(self.added_rows)

    @property
    def updated(self) -> int:
        return len(self.updated_rows)

    @property
    def skipped(self) -> int:
        return len(self.unchanged_rows) + len(self.problems)

    def describe(self) -> str:
        """One line: what happened (or would happen, for a dry run)."""
        verbs = ("would add", "would update", "would skip") if self.dry_run else None
        add, upd, skip = verbs or ("added", "updated", "skipped")
        where = ""
        if self.added and self.stage:
            where = f" to {STAGE_TITLES.get(self.stage, self.stage)}"
        elif self.added and not self.on_board:
            where = " to your address book"
        parts = [f"{add} {self.added:,}{where}", f"{upd} {self.updated:,}"]
        why = []
        if self.unchanged_rows:
            why.append(f"{len(self.unchanged_rows):,} already known")
        if self.problems:
            why.append(f"{len(self.problems)} bad {'row' if len(self.problems) == 1 else 'rows'}")
        parts.append(f"{skip} {self.skipped:,}" + (f" ({', '.join(why)})" if why else ""))
        text = f"{self.source} import: " + ", ".join(parts)
        if self.warnings:
            text += f"; {len(self.warnings)} with a value kept in the notes"
        return text

    def to_json(self) -> dict[str, Any]:
        def lines(rows: list[ImportLine]) -> list[dict[str, Any]]:
            return [vars(r) for r in rows]

        return {
            "source": self.source,
            "file": self.path,
            "dry_run": self.dry_run,
            "stage": self.stage,
            "added": lines(self.added_rows),
            "updated": lines(self.updated_rows),
            "unchanged": lines(self.unchanged_rows),
            "skipped": [{"line": e.line, "problem": e.message} for e in self.problems],
            "warnings": [{"line": e.line, "problem": e.message} for e in self.warnings],
            "blank_rows": self.blank,
            "seconds": round(self.seconds, 3),
        }
