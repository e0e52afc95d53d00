"""Import (LinkedIn, CSV, JSON), export (JSON, CSV, iCalendar) and backup.

Each import is one transaction: good rows are stored even when some rows are bad (those
are reported by line), and a failure half-way stores nothing. ``dry_run`` plans the same
import and reports it without writing.
"""

from __future__ import annotations

import io
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from infoterm.atomic import CopyError, copy_database, private_dirs, write_atomic
from infoterm.followup_policy import effective_due
from infoterm.interop.records import ImportFileError, ImportRecord, ParseResult
from infoterm.meeting import minutes_text
from infoterm.pipeline import UnknownStage, parse_stage
from infoterm.services import jsondump
from infoterm.services.errors import ServiceError
from infoterm.services.import_plan import ImportPlanner
from infoterm.services.import_summary import ImportSummary
from infoterm.services.importing import ImportWriter, Progress
from infoterm.store.schema import Contact, FollowUp, Meeting, Organisation
from infoterm.textsafe import unstorable_problem

if TYPE_CHECKING:
    from infoterm.services import Services

CSV_COLUMNS = (
    "id",
    "name",
    "organisation",
    "title",
    "email",
    "phone",
    "linkedin",
    "source",
    "stage",
    "archived",
    "referred by",
    "tags",
    "notes",
    "connected on",
    "added",
    "stage since",
)
FOLLOWUP_TITLES = {
    "nudge": "Nudge {name}",
    "let-go": "Let go of {name}?",
    "prepare": "Prepare for {name}",
    "thank-you": "Thank {name}",
    "reach-out": "Reach out to {name}",
    "report-back": "Report back to {name}",
    "check-in": "Check in with {name}",
    "tell-landed": "Tell {name} where you landed",
}
SKIPPED_MEETING_STATES = frozenset({"cancelled", "canceled"})


@dataclass
class JsonRestore:
    rows: dict[str, int]
    config: str
    """What happened to the config file: "restored", "unchanged", "kept yours (saved the
    export's beside it as PATH)", or "" when the export had none."""

    def describe(self) -> str:
        parts = [f"{n} {name.replace('_', ' ')}" for name, n in self.rows.items() if n]
        text = "restored " + (", ".join(parts) if parts else "an empty campaign")
        return text + (f"; config: {self.config}" if self.config else "")


@dataclass
class BackupResult:
    path: Path
    size: int
    contacts: int
    kind: str = "sqlite"  # or "json": a server database's JSON export


class InteropService:
    def __init__(self, services: Services) -> None:
        self.services = services

    # -- import ------------------------------------------------------------------------

    def import_linkedin(
        self,
        path: Path,
        *,
        stage: str | None = None,
        dry_run: bool = False,
        progress: Progress | None = None,
    ) -> ImportSummary:
        from infoterm.interop.linkedin import parse_linkedin

        return self._import(
            "LinkedIn", "linkedin", path, lambda: parse_linkedin(path), stage, dry_run, progress
        )

    def import_csv(
        self,
        path: Path,
        mapping: dict[str, str] | None = None,
        *,
        stage: str | None = None,
        dry_run: bool = False,
        progress: Progress | None = None,
    ) -> ImportSummary:
        from infoterm.interop.csvimport import parse_csv

        return self._import(
            "CSV", "", path, lambda: parse_csv(path, mapping), stage, dry_run, progress
        )

    def import_records(
        self,
        records: list[ImportRecord],
        *,
        label: str = "LinkedIn",
        source: str = "linkedin",
        stage: str | None = None,
        dry_run: bool = False,
    ) -> ImportSummary:
        """Store records already read (the demo data; other importers)."""
        parsed = ParseResult(records, [], 0)
        return self._import(label, source, Path("-"), lambda: parsed, stage, dry_run, None)

    def _import(
        self,
        label: str,
        source: str,
        path: Path,
        parse: Callable[[], ParseResult],
        stage: str | None,
        dry_run: bool,
        progress: Progress | None,
    ) -> ImportSummary:
        started = time.perf_counter()
        if stage is not None:
            try:
                stage = parse_stage(stage)
            except UnknownStage as exc:
                raise ServiceError(str(exc)) from None
        try:
            parsed = parse()
        except ImportFileError as exc:
            raise ServiceError(str(exc)) from None
        summary = ImportSummary(label, str(path), dry_run, stage, blank=parsed.skipped_blank)
        summary.problems.extend(parsed.skipped)
        summary.warnings.extend(parsed.warnings)
        now = self.services.clock.now()
        with self.services.transaction() as session:
            planner = ImportPlanner(session, summary)
            planner.load()
            plan = planner.plan(parsed.records, stage)
            if not dry_run:
                ImportWriter(
                    session,
                    plan,
                    source=source,
                    label=summary.source,
                    now=now,
                    on_added=self.services.followup_effects.on_contact_added,
                    progress=progress,
                ).write()
        summary.problems.sort(key=lambda e: e.line)
        summary.warnings.sort(key=lambda e: e.line)
        summary.seconds = time.perf_counter() - started
        return summary

    def import_json(self, path: Path, config_file: Path | None = None) -> JsonRestore:
        """Restore an export into this (empty) database, and its config file if given."""
        from infoterm.interop.records import read_input_file

        try:
            document = json.loads(read_input_file(Path(path)).decode("utf-8-sig"))
        except ImportFileError as exc:
            raise ServiceError(str(exc)) from None
        except UnicodeDecodeError as exc:
            raise ServiceError(f"{path}: cannot be read ({exc})") from None
        except RecursionError:
            raise ServiceError(f"{path}: is nested too deeply to be an infoterm export") from None
        except json.JSONDecodeError as exc:
            raise ServiceError(
                f"{path}: is not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
            ) from None
        except ValueError:  # not a JSONDecodeError: an integer past Python's digit limit
            raise ServiceError(f"{path}: is not JSON (a number is too long)") from None
        found = jsondump.check(document, str(path))
        problems = self._check_config(document.get("config"), str(path))
        with self.services.transaction() as session:
            rows = jsondump.restore(session, found, str(path), self.services.clock.now())
        config = self._restore_config(document.get("config"), config_file, problems)
        return JsonRestore(rows, config)

    @staticmethod
    def _check_config(text: Any, label: str) -> list[str]:
        """The export's config, checked exactly as config.toml is read: what is wrong."""
        if text is None:
            return []
        if not isinstance(text, str) or len(text) > 1_000_000:
            raise ServiceError(f"{label}: config: is not the text of a config.toml")
        unstorable = unstorable_problem(text)
        if unstorable is not None:  # no file can hold it: refused before anything is written
            raise ServiceError(f"{label}: config: {unstorable}")
        from infoterm import config

        return config.check_text(text, "config")

    @staticmethod
    def _restore_config(text: Any, config_file: Path | None, problems: list[str]) -> str:
        if not isinstance(text, str) or config_file is None:
            return ""
        if problems:  # never installed unchecked: kept beside for the user to look at
            beside = config_file.with_name(config_file.name + ".from-export")
            write_atomic(beside, text)
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            return f"not restored, {problems[0]}{more}; the export's is saved as {beside}"
        if config_file.exists():
            if config_file.read_text(encoding="utf-8") == text:
                return "unchanged"
            beside = config_file.with_name(config_file.name + ".from-export")
            write_atomic(beside, text)
            return f"kept yours; the export's is saved as {beside}"
        write_atomic(config_file, text)
        return f"restored {config_file}"

    # -- export ------------------------------------------------------------------------

    def export_json(self, config_file: Path | None = None) -> dict[str, Any]:
        text = None
        if config_file is not None and config_file.is_file():
            text = config_file.read_text(encoding="utf-8")
        with self.services.read() as session:
            return jsondump.dump(session, self.services.clock.now(), text)

    def export_csv(self) -> str:
        """One row per contact (deleted ones left out), safe to open in a spreadsheet."""
        from infoterm.interop.csvexport import write_rows

        with self.services.read() as session:
            orgs = {i: n for i, n in session.execute(select(Organisation.id, Organisation.name))}
            contacts = session.scalars(
                select(Contact).where(Contact.deleted_at.is_(None)).order_by(Contact.id)
            ).all()
            names = {c.id: c.name for c in contacts}
            rows = [
                (
                    c.id,
                    c.name,
                    orgs.get(c.organisation_id or 0, ""),
                    c.title,
                    c.email,
                    c.phone,
                    c.linkedin_url,
                    c.source,
                    c.stage if c.on_board else "",
                    (c.archive_reason or "archived") if c.archived_at else "",
                    names.get(c.referred_by_id or 0, ""),
                    c.tags,
                    c.notes,
                    c.connected_on,
                    self._local(c.created_at),
                    self._local(c.stage_changed_at) if c.on_board else "",
                )
                for c in contacts
            ]
        buffer = io.StringIO(newline="")
        write_rows(buffer, CSV_COLUMNS, rows)
        return buffer.getvalue()

    def _local(self, moment: datetime) -> str:
        return f"{self.services.clock.to_local(moment):%Y-%m-%d %H:%M}"

    def export_ics(self) -> str:
        """Meetings as events and open follow-ups as to-dos, with stable UIDs."""
        from infoterm.interop.ics import IcsEvent, IcsTodo, write_calendar

        now = self.services.clock.now()
        events: list[IcsEvent] = []
        todos: list[IcsTodo] = []
        with self.services.read() as session:
            people = {
                c.id: (c.name, c.organisation.name if c.organisation else "")
                for c in session.scalars(select(Contact).where(Contact.deleted_at.is_(None)))
            }
            for m in session.scalars(select(Meeting).order_by(Meeting.id)):
                start = m.started_at or m.scheduled_at
                if m.contact_id not in people or start is None:
                    continue
                if m.state in SKIPPED_MEETING_STATES:
                    continue
                name, org = people[m.contact_id]
                lines = [f"Informational interview with {name}" + (f" ({org})" if org else "")]
                lines.append(f"You asked for {minutes_text(m.promised_minutes)}.")
                if m.agenda:
                    lines += ["", m.agenda]
                events.append(
                    IcsEvent(
                        uid=f"meeting-{m.id}@infoterm",
                        start=start,
                        minutes=max(0, m.promised_minutes),
                        summary=f"Meet {name}" + (f" · {org}" if org else ""),
                        location=m.location,
                        description="\n".join(lines),
                        stamp=now,
                    )
                )
            for f in session.scalars(
                select(FollowUp).where(FollowUp.state == "open").order_by(FollowUp.id)
            ):
                if f.contact_id not in people:
                    continue
                name, _org = people[f.contact_id]
                title = FOLLOWUP_TITLES.get(f.kind, "{kind}: {name}")
                due = effective_due(f.due_at, f.snoozed_until)
                todos.append(
                    IcsTodo(
                        uid=f"followup-{f.id}@infoterm",
                        due=self.services.clock.to_local(due).date(),
                        summary=title.format(name=name, kind=f.kind.replace("-", " ").title()),
                        description="\n".join(t for t in (f.reason, f.note) if t),
                        stamp=now,
                    )
                )
        return write_calendar(events, todos)

    # -- backup ------------------------------------------------------------------------

    def backup(self, path: Path | str) -> BackupResult:
        """A consistent copy of the live SQLite file (SQLite's online backup API); on a
        server database, a JSON export of it (one transaction, so consistent too), which
        ``import json`` restores into an empty database of either engine.

        Safe while the TUI (or anything else) has the database open. ``path`` may be a
        folder, in which case a dated file name is chosen inside it. An existing file is
        never overwritten. A ``path`` ending in ``/`` is a folder: created (0700) if missing.
        A server database's backup is JSON: a SQLite-like name (``.db``) is refused.
        """
        source_path = self.services.db.sqlite_path
        as_folder = str(path).endswith(("/", os.sep))
        path = Path(path).expanduser()
        if as_folder:
            _make_folder(path)
        elif source_path is None and path.suffix.lower() in SQLITE_SUFFIXES:
            raise ServiceError(
                f"a server database is backed up as a JSON export, not a SQLite file: name"
                f" it {path.with_suffix('.json')} (or give a folder); nothing was written"
            )
        if path.is_dir():
            suffix = ".db" if source_path else ".json"
            path = path / default_backup_name(self.services.clock.local_now(), suffix, source_path)
        if path.exists():
            raise ServiceError(f"{path} already exists; choose another name")
        if source_path is None:
            return self._backup_json(path)
        if path.exists():
            raise ServiceError(f"{path} already exists; choose another name")
        if path.resolve() == source_path.resolve():
            raise ServiceError("the backup must go to another file than the database itself")
        from infoterm.store.sqlite import readonly_uri

        # a read-only database (file, folder or filesystem) is read as such: SQLite could
        # not open it otherwise, and reading commands, backup among them, work on it
        uri = readonly_uri(source_path) if self.services.db.read_only else None
        try:
            copy = copy_database(source_path, path, source_uri=uri)
        except CopyError as exc:
            lowered = str(exc).lower()
            again = "; try again in a moment" if "locked" in lowered or "busy" in lowered else ""
            raise ServiceError(f"backup to {path} failed: {exc}{again}") from None
        except OSError as exc:
            raise ServiceError(f"backup to {path} failed: {exc.strerror or exc}") from None
        return BackupResult(copy.path, copy.size, copy.contacts)

    def _backup_json(self, path: Path) -> BackupResult:
        """A server database's backup: the JSON export, written atomically and privately."""
        data = self.export_json()
        text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
        try:
            private_dirs(path.parent)
            write_atomic(path, text)
        except OSError as exc:
            raise ServiceError(f"backup to {path} failed: {exc.strerror or exc}") from None
        contacts = len(data["tables"].get("contacts", []))
        return BackupResult(path, len(text.encode("utf-8")), contacts, kind="json")


SQLITE_SUFFIXES = (".db", ".sqlite", ".sqlite3")


def _make_folder(path: Path) -> None:
    """The folder a backup named with a trailing ``/`` goes into, made 0700 if missing."""
    try:
        private_dirs(path)
    except OSError as exc:
        raise ServiceError(f"cannot create the folder {path}: {exc.strerror or exc}") from None
    if not path.is_dir():
        raise ServiceError(f"{path} is not a folder; nothing was written")


def default_backup_name(
    local_now: datetime, suffix: str = ".db", source: Path | None = None
) -> str:
    """``work-20261120-090000.db`` for a backup of work.db (see ``store.database``)."""
    from infoterm.store.database import backup_name

    return backup_name(source, local_now, suffix)
