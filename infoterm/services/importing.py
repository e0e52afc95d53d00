"""Storing imported people: match each record to someone already known, then write in bulk.

Matching, in order: LinkedIn URL, then email, then name + organisation. A row with an
organisation also matches the one person of that name who has none; a row without one
matches the only person of that name, and a row that could be several people is left
out with a message saying so. A different LinkedIn profile always means another person.
A match only fills in what is missing (empty fields, new tags, notes not yet there):
what the user typed in infoterm is never overwritten, and an email or profile that
belongs to someone else is not copied. People met twice in one file are merged.

Idempotence: rows are matched in file order, then the file is gone over again until
nothing more changes, so importing the same file a second time changes nothing.

Everything is planned in memory from a few whole-table reads (no query per row), then
written with bulk statements, so 10,000 rows take seconds. The caller runs plan and
write inside one transaction; a dry run only plans.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from infoterm.interop.fields import normalise_linkedin_url
from infoterm.interop.records import ImportRecord, RowError
from infoterm.pipeline import (
    STAGE_TITLES,
    ContactFields,
    UnknownStage,
    parse_stage,
    validate_contact,
)
from infoterm.services.history import FollowUpChanges
from infoterm.store.schema import Contact, Event, Organisation
from infoterm.textsafe import ONE_LINE_FIELDS, one_line_problem

Progress = Callable[[int, int], None]
"""progress(done, total): called now and then while an import is stored."""

CHUNK = 500
FILL_FIELDS = ("title", "email", "phone", "linkedin_url", "connected_on")
MAX_PASSES = 5
"""Planning goes over a file at most this many more times (it settles in one or two)."""


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


@dataclass(eq=False)
class _Known:
    """A contact as the matcher sees it: one already stored (id) or one planned (index)."""

    id: int | None
    name: str
    org_key: str
    org_name: str
    values: dict[str, Any]
    tags: list[str]
    notes: str
    on_board: bool
    deleted: bool
    line: int = 0
    version: int = 1
    """The stored row's version as loaded: the bulk UPDATE checks and bumps it."""
    changed: set[str] = field(default_factory=set)
    new_stage: str | None = None
    touched: bool = False


@dataclass(eq=False)
class _Row:
    """One readable row of the file, and what planning has made of it so far."""

    fields: ContactFields
    org_key: str
    values: dict[str, Any]
    tags: list[str]
    stage: str | None
    shown: ImportLine
    outcome: str = "unchanged"
    """Which of the summary's lists it goes in: added, updated or unchanged."""
    created: _Known | None = None


@dataclass
class _Ambiguous:
    """A row naming, with no organisation, several known people of that name."""

    candidates: list[_Known]


class _Index:
    """Lookups over known people, kept in step with what the import will write.

    The index always describes the database as it will be once the rows planned so far
    are written, in the order a fresh load would see it (stored people by id, then new
    ones in the order they will be inserted), so that importing the same file again
    finds each row where the last pass put it.
    """

    def __init__(self) -> None:
        self.by_url: dict[str, _Known] = {}
        self.by_email: dict[str, _Known] = {}
        self.by_name: dict[str, list[_Known]] = {}

    def add(self, known: _Known) -> None:
        self.refile(known)
        self.by_name.setdefault(_name_key(known.name), []).append(known)

    def refile(self, known: _Known) -> None:
        """File ``known``'s addresses (again, after a merge filled some in)."""
        url = _url_key(known.values.get("linkedin_url") or "")
        if url:
            self.by_url.setdefault(url, known)
        email = (known.values.get("email") or "").strip().lower()
        if email:
            self.by_email.setdefault(email, known)

    def owner(self, name: str, value: str) -> _Known | None:
        """Who already has this LinkedIn URL or email (other fields belong to no one)."""
        if name == "linkedin_url":
            return self.by_url.get(_url_key(value))
        if name == "email":
            return self.by_email.get(value.strip().lower())
        return None

    def find(self, fields: ContactFields, org_key: str) -> _Known | _Ambiguous | None:
        url = _url_key(fields.linkedin_url)
        if url and url in self.by_url:
            return self.by_url[url]

        def fits(known: _Known) -> bool:
            """False when ``known`` has a different LinkedIn profile: another person."""
            other = _url_key(known.values.get("linkedin_url") or "")
            return not (url and other and other != url)

        email = fields.email.lower()
        if email and email in self.by_email:
            found = self.by_email[email]
            return found if fits(found) else None
        namesakes = [k for k in self.by_name.get(_name_key(fields.name), []) if fits(k)]
        if org_key:
            same_org = [k for k in namesakes if k.org_key == org_key]
            if same_org:
                return same_org[0]
            # A row with an organisation matches the one namesake who has none.
            alone = [k for k in namesakes if not k.org_key]
            return alone[0] if len(alone) == 1 else None
        if len(namesakes) > 1:
            # A row without one could be any of them (one may have gained an
            # organisation since this row was first imported): pick none.
            return _Ambiguous(namesakes)
        # ...and matches the only person of that name.
        return namesakes[0] if namesakes else None


def _url_key(url: str) -> str:
    if not url:
        return ""
    return (normalise_linkedin_url(url) or url.strip()).rstrip("/").lower()


def _name_key(name: str) -> str:
    return " ".join(name.casefold().split())


def _org_key(name: str) -> str:
    return " ".join(name.split()).lower()


class Importer:
    """Plans and writes one import; see the module docstring."""

    def __init__(
        self,
        session: Session,
        summary: ImportSummary,
        *,
        source: str,
        now: datetime,
        on_added: Callable[[Session, Contact, datetime], FollowUpChanges] | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.session = session
        self.summary = summary
        self.source = source
        self.now = now
        self.on_added = on_added
        self.progress = progress
        self.index = _Index()
        self.orgs: dict[str, int] = {}
        self.new_orgs: dict[str, str] = {}
        self.pending: list[_Known] = []
        self.touched: list[_Known] = []

    # -- planning ----------------------------------------------------------------------

    def load(self) -> None:
        s = self.session
        org_names: dict[int, tuple[str, str]] = {}
        for oid, name, key in s.execute(
            select(Organisation.id, Organisation.name, Organisation.name_key)
        ):
            self.orgs[key] = oid
            org_names[oid] = (name, key)
        columns = (
            Contact.id,
            Contact.name,
            Contact.organisation_id,
            Contact.tags,
            Contact.notes,
            Contact.on_board,
            Contact.deleted_at,
            Contact.version,
            *(getattr(Contact, f) for f in FILL_FIELDS),
        )
        for row in s.execute(select(*columns).order_by(Contact.id)):
            cid, name, org_id, tags, notes, on_board, deleted_at, version, *fill = row
            org_name, org_key = org_names.get(org_id, ("", "")) if org_id else ("", "")
            self.index.add(
                _Known(
                    id=cid,
                    name=name,
                    org_key=org_key,
                    org_name=org_name,
                    values=dict(zip(FILL_FIELDS, fill, strict=True)),
                    tags=[t for t in (tags or "").split(",") if t],
                    notes=notes or "",
                    on_board=bool(on_board),
                    deleted=deleted_at is not None,
                    version=int(version or 1),
                )
            )

    def plan(self, records: Iterable[ImportRecord], stage: str | None) -> None:
        rows: list[_Row] = []
        for record in records:
            fields, problem = self._fields(record)
            if fields is None:
                self.summary.problems.append(RowError(record.line, problem))
                continue
            rows.append(
                _Row(
                    fields=fields,
                    org_key=_org_key(fields.organisation),
                    values={
                        "title": fields.title,
                        "email": fields.email,
                        "phone": fields.phone,
                        "linkedin_url": fields.linkedin_url,
                        "connected_on": record.connected_on,
                    },
                    tags=[t for t in fields.tags.split(",") if t],
                    stage=stage or self._row_stage(record),
                    shown=ImportLine(record.line, fields.name, fields.organisation),
                )
            )
        # Rows are matched in file order, so a row can miss a person that a later row
        # creates or fills in. Going over the file again until nothing changes settles
        # that, and is what makes a second import of the same file change nothing.
        for row in rows:
            self._plan_row(row, first=True)
        for _ in range(MAX_PASSES):
            changed = [self._plan_row(row, first=False) for row in rows]  # every row, each pass
            if not any(changed):
                break

        for row in rows:
            getattr(self.summary, f"{row.outcome}_rows").append(row.shown)
        self.summary.on_board = sum(1 for k in self.pending if k.on_board) + sum(
            1 for k in self.touched if k.new_stage
        )

    def _plan_row(self, row: _Row, *, first: bool) -> bool:
        """Match one row and plan what it adds or fills in; True if that changed anything."""
        known = self.index.find(row.fields, row.org_key)
        if isinstance(known, _Ambiguous):
            if first:
                places = ", ".join(
                    sorted({k.org_name or "no organisation" for k in known.candidates})
                )
                row.shown.detail = (
                    f"{len(known.candidates)} people already have this name ({places}); "
                    "add an organisation to the row to pick one"
                )
            return False
        if known is None:
            fields = row.fields
            new = _Known(
                id=None,
                name=fields.name,
                org_key=row.org_key,
                org_name=fields.organisation,
                values=dict(row.values),
                tags=list(row.tags),
                notes=fields.notes,
                on_board=row.stage is not None,
                deleted=False,
                line=row.shown.line,
                new_stage=row.stage,
            )
            if row.org_key and row.org_key not in self.orgs:
                self.new_orgs.setdefault(row.org_key, fields.organisation)
            self.pending.append(new)
            self.index.add(new)
            row.created, row.outcome, row.shown.detail = new, "added", ""
            return True
        if known.deleted:
            if first:
                row.shown.detail = "deleted earlier in infoterm; left deleted"
            return False
        changes = self._merge(known, row.fields, row.values, row.tags, row.stage)
        if row.created is None:  # a row that added someone stays "added", whatever it fills
            self._describe_match(row, known, changes, first)
        return bool(changes)

    def _describe_match(self, row: _Row, known: _Known, changes: list[str], first: bool) -> None:
        """How a row that matched someone shows in the summary (later passes add to it)."""
        if known.id is None:
            row.shown.detail = f"same person as line {known.line}"
        elif changes:
            earlier = row.shown.detail.split(", ") if row.outcome == "updated" else []
            row.outcome = "updated"
            row.shown.detail = ", ".join(dict.fromkeys([*earlier, *changes]))
            if not known.touched:
                known.touched = True
                self.touched.append(known)
        elif first:
            row.shown.detail = "already up to date"

    def _fields(self, record: ImportRecord) -> tuple[ContactFields | None, str]:
        fields = ContactFields(
            name=record.name,
            organisation=record.organisation,
            title=record.title,
            email=record.email,
            phone=record.phone,
            linkedin_url=record.linkedin_url,
            tags=",".join(record.tags),
            notes=record.notes,
        ).cleaned()
        errors = validate_contact(fields)
        refused = [p for f in ONE_LINE_FIELDS if (p := one_line_problem(f, getattr(fields, f)))]
        if refused:  # a control character or a line break: never set aside, never stored
            return None, refused[0]
        if "name" in errors:
            return None, errors["name"]
        aside: list[str] = []
        for name, label in (("email", "Email"), ("phone", "Phone"), ("linkedin_url", "Link")):
            if name in errors:
                value = getattr(fields, name)
                self.summary.warnings.append(
                    RowError(record.line, f"{errors[name]}; kept it in the notes", skipped=False)
                )
                aside.append(f"{label}: {value}")
                setattr(fields, name, "")
        if aside:
            fields.notes = "\n".join(n for n in (fields.notes, *aside) if n)
        return fields, ""

    def _row_stage(self, record: ImportRecord) -> str | None:
        if not record.stage:
            return None
        try:
            return parse_stage(record.stage)
        except UnknownStage as exc:
            self.summary.warnings.append(
                RowError(record.line, f"{exc}; put in the address book instead", skipped=False)
            )
            return None

    def _merge(
        self,
        known: _Known,
        fields: ContactFields,
        values: dict[str, Any],
        tags: list[str],
        stage: str | None,
    ) -> list[str]:
        """Fill in what ``known`` lacks; returns the names of what changed."""
        changes: list[str] = []
        if fields.organisation and not known.org_key:
            known.org_key, known.org_name = _org_key(fields.organisation), fields.organisation
            if known.org_key not in self.orgs:
                self.new_orgs.setdefault(known.org_key, fields.organisation)
            changes.append("organisation")
        for name in FILL_FIELDS:
            if values[name] and not known.values.get(name):
                if self.index.owner(name, values[name]) not in (None, known):
                    continue  # that address is someone else's already
                known.values[name] = values[name]
                changes.append(name.replace("_url", "").replace("_", " "))
        new_tags = [t for t in tags if t not in known.tags]
        if new_tags:
            known.tags += new_tags
            changes.append("tags")
        if fields.notes and fields.notes not in known.notes:
            known.notes = f"{known.notes}\n{fields.notes}" if known.notes else fields.notes
            changes.append("notes")
        if stage and not known.on_board:
            known.on_board, known.new_stage = True, stage
            changes.append(f"put on the board in {STAGE_TITLES[stage]}")
        known.changed.update(changes)
        self.index.refile(known)
        return changes

    # -- writing -----------------------------------------------------------------------

    def write(self) -> None:
        total = len(self.pending) + len(self.touched)
        done = 0
        self._write_orgs()
        for start in range(0, len(self.pending), CHUNK):
            chunk = self.pending[start : start + CHUNK]
            self._insert(chunk)
            done += len(chunk)
            self._report(done, total)
        for start in range(0, len(self.touched), CHUNK):
            chunk = self.touched[start : start + CHUNK]
            self._update(chunk)
            done += len(chunk)
            self._report(done, total)

    def _report(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(done, total)

    def _write_orgs(self) -> None:
        if not self.new_orgs:
            return
        rows = [
            {"name": name, "name_key": key, "created_at": self.now}
            for key, name in self.new_orgs.items()
        ]
        ids = self.session.scalars(
            insert(Organisation).returning(Organisation.id, sort_by_parameter_order=True), rows
        ).all()
        self.orgs.update(zip(self.new_orgs, ids, strict=True))

    def _insert(self, chunk: list[_Known]) -> None:
        now = self.now
        rows = [
            {
                "name": k.name,
                "organisation_id": self.orgs.get(k.org_key) if k.org_key else None,
                "title": k.values["title"] or "",
                "email": k.values["email"] or "",
                "phone": k.values["phone"] or "",
                "linkedin_url": k.values["linkedin_url"] or "",
                "connected_on": k.values["connected_on"],
                "source": self.source,
                "referred_by_id": None,
                "tags": ",".join(k.tags),
                "notes": k.notes,
                "stage": k.new_stage or "identified",
                "stage_changed_at": now,
                "on_board": k.on_board,
                "archive_reason": "",
                "created_at": now,
                "updated_at": now,
            }
            for k in chunk
        ]
        ids = self.session.scalars(
            insert(Contact).returning(Contact.id, sort_by_parameter_order=True), rows
        ).all()
        for known, cid in zip(chunk, ids, strict=True):
            known.id = cid
        created = self._hooks([k for k in chunk if k.on_board])
        events = []
        for k in chunk:
            where = f"into {STAGE_TITLES[k.new_stage]}" if k.new_stage else "into the address book"
            payload: dict[str, Any] = {"import": self.summary.source, "line": k.line}
            changes = created.get(k.id or 0)
            if changes is not None and changes.created:
                payload["created_followups"] = changes.created
            if changes is not None and changes.closed:
                payload["closed_followups"] = changes.closed
            events.append(
                {
                    "contact_id": k.id,
                    "at": now,
                    "kind": "created",
                    "summary": f"Imported {k.name} from {self.summary.source} {where}",
                    "payload": json.dumps(payload),
                }
            )
        self.session.execute(insert(Event), events)

    def _update(self, chunk: list[_Known]) -> None:
        now = self.now
        rows = []
        events = []
        for k in chunk:
            row: dict[str, Any] = {
                "id": k.id,
                # The version as loaded: the ORM's bulk UPDATE matches it and bumps it, so
                # a window that loaded this contact before the import sees it changed.
                "version": k.version,
                "organisation_id": self.orgs.get(k.org_key) if k.org_key else None,
                "tags": ",".join(k.tags),
                "notes": k.notes,
                "on_board": k.on_board,
                "updated_at": now,
                **{name: k.values[name] or _empty(name) for name in FILL_FIELDS},
            }
            if k.new_stage:
                row |= {"stage": k.new_stage, "stage_changed_at": now}
            rows.append(row)
            events.append(
                {
                    "contact_id": k.id,
                    "at": now,
                    "kind": "imported",
                    "summary": f"Updated from {self.summary.source}: {', '.join(sorted(k.changed))}",
                    "payload": json.dumps({"import": self.summary.source}),
                }
            )
        # Two shapes (with and without a stage) so each bulk UPDATE has uniform keys.
        for group in (
            [r for r in rows if "stage" in r],
            [r for r in rows if "stage" not in r],
        ):
            if group:
                self.session.execute(update(Contact), group)
        self._hooks([k for k in chunk if k.new_stage])
        self.session.execute(insert(Event), events)

    def _hooks(self, added: list[_Known]) -> dict[int, FollowUpChanges]:
        """Let the follow-up rules see each person who went onto the board."""
        if self.on_added is None or not added:
            return {}
        ids = [k.id for k in added]
        return {
            contact.id: self.on_added(self.session, contact, self.now)
            for contact in self.session.scalars(select(Contact).where(Contact.id.in_(ids)))
        }


def _empty(name: str) -> Any:
    return None if name == "connected_on" else ""
