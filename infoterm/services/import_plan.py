"""Planning an import: match each record to someone already known, and work out what to
add and what to fill in, in memory (nothing is written here; ``services.importing``
writes the plan).

Matching, in order: LinkedIn URL, then email, then name + organisation. A row with an
organisation also matches the one person of that name who has none; a row without one
matches the only person of that name, and a row that could be several people is left
out with a message saying so. A different LinkedIn profile always means another person.
A match only fills in what is missing (empty fields, new tags, notes not yet there):
what the user typed in infoterm is never overwritten, and an email or profile that
belongs to someone else is not copied. People met twice in one file are merged.

Idempotence: rows are matched in file order, then the file is gone over again until
nothing more changes, so importing the same file a second time changes nothing. Each
pass makes new row values; the people planned (``Known``) are the database as it will
be, and are what a pass fills in.

Everything is planned from a few whole-table reads (no query per row); a dry run only
plans.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from infoterm.interop.records import ImportRecord, RowError
from infoterm.pipeline import (
    STAGE_TITLES,
    ContactFields,
    UnknownStage,
    parse_stage,
    validate_contact,
)
from infoterm.services.import_match import Ambiguous, Index, Known, organisation_key
from infoterm.services.import_summary import ImportLine, ImportSummary
from infoterm.store.schema import Contact, Organisation
from infoterm.textsafe import ONE_LINE_FIELDS, one_line_problem

FILL_FIELDS = ("title", "email", "phone", "linkedin_url", "connected_on")
MAX_PASSES = 5
"""Planning goes over a file at most this many more times (it settles in one or two)."""
# Where a row ends up in the summary.
ADDED, UPDATED, UNCHANGED = "added", "updated", "unchanged"


@dataclass(frozen=True, eq=False)
class _Row:
    """One readable row of the file, and what planning has made of it so far. Each pass
    makes a new one (``dataclasses.replace``); none is changed in place."""

    fields: ContactFields
    org_key: str
    values: dict[str, Any]
    tags: list[str]
    stage: str | None
    line: int
    outcome: str = UNCHANGED
    """Which of the summary's lists it goes in: added, updated or unchanged."""
    detail: str = ""
    created: Known | None = None

    def shown(self) -> ImportLine:
        return ImportLine(self.line, self.fields.name, self.fields.organisation, self.detail)


@dataclass
class ImportPlan:
    """What an import will write: organisations known and new (key -> id / name), the
    people to insert and the stored people to update."""

    orgs: dict[str, int]
    new_orgs: dict[str, str]
    pending: list[Known]
    touched: list[Known]


class ImportPlanner:
    """Plans one import inside the caller's transaction (reads only); see the module
    docstring."""

    def __init__(self, session: Session, summary: ImportSummary) -> None:
        self.session = session
        self.summary = summary
        self.index = Index()
        self.orgs: dict[str, int] = {}
        self.new_orgs: dict[str, str] = {}
        self.pending: list[Known] = []
        self.touched: list[Known] = []

    def load(self) -> None:
        """Read what is stored (organisations and people) into the index, once."""
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
            Contact.title,
            Contact.email,
            Contact.phone,
            Contact.linkedin_url,
            Contact.connected_on,
        )
        for row in s.execute(select(*columns).order_by(Contact.id)):
            cid, name, org_id, tags, notes, on_board, deleted_at, version, *fill = row
            org_name, org_key = org_names.get(org_id, ("", "")) if org_id else ("", "")
            self.index.add(
                Known(
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

    def plan(self, records: Iterable[ImportRecord], stage: str | None) -> ImportPlan:
        """Match every record and plan what the import writes; the summary says what it
        will do (or would, for a dry run)."""
        rows: list[_Row] = []
        for record in records:
            fields, problem = self._fields(record)
            if fields is None:
                self.summary.problems.append(RowError(record.line, problem))
                continue
            rows.append(
                _Row(
                    fields=fields,
                    org_key=organisation_key(fields.organisation),
                    values={
                        "title": fields.title,
                        "email": fields.email,
                        "phone": fields.phone,
                        "linkedin_url": fields.linkedin_url,
                        "connected_on": record.connected_on,
                    },
                    tags=[t for t in fields.tags.split(",") if t],
                    stage=stage or self._row_stage(record),
                    line=record.line,
                )
            )
        # Rows are matched in file order, so a row can miss a person that a later row
        # creates or fills in. Going over the file again until nothing changes settles
        # that, and is what makes a second import of the same file change nothing.
        rows = [self._plan_row(row, first=True)[0] for row in rows]
        for _ in range(MAX_PASSES):
            passed = [self._plan_row(row, first=False) for row in rows]  # every row, each pass
            rows = [row for row, _changed in passed]
            if not any(changed for _row, changed in passed):
                break

        listed = {
            ADDED: self.summary.added_rows,
            UPDATED: self.summary.updated_rows,
            UNCHANGED: self.summary.unchanged_rows,
        }
        for row in rows:
            listed[row.outcome].append(row.shown())
        self.summary.on_board = sum(1 for k in self.pending if k.on_board) + sum(
            1 for k in self.touched if k.new_stage
        )
        return ImportPlan(self.orgs, self.new_orgs, self.pending, self.touched)

    def _plan_row(self, row: _Row, *, first: bool) -> tuple[_Row, bool]:
        """Match one row and plan what it adds or fills in: the row as it now stands, and
        True if that changed anything."""
        known = self.index.find(row.fields, row.org_key)
        if isinstance(known, Ambiguous):
            if first:
                places = ", ".join(
                    sorted({k.org_name or "no organisation" for k in known.candidates})
                )
                row = replace(
                    row,
                    detail=f"{len(known.candidates)} people already have this name "
                    f"({places}); add an organisation to the row to pick one",
                )
            return row, False
        if known is None:
            fields = row.fields
            new = Known(
                id=None,
                name=fields.name,
                org_key=row.org_key,
                org_name=fields.organisation,
                values=dict(row.values),
                tags=list(row.tags),
                notes=fields.notes,
                on_board=row.stage is not None,
                deleted=False,
                line=row.line,
                new_stage=row.stage,
            )
            if row.org_key and row.org_key not in self.orgs:
                self.new_orgs.setdefault(row.org_key, fields.organisation)
            self.pending.append(new)
            self.index.add(new)
            return replace(row, created=new, outcome=ADDED, detail=""), True
        if known.deleted:
            if first:
                row = replace(row, detail="deleted earlier in infoterm; left deleted")
            return row, False
        changes = self._merge(known, row.fields, row.values, row.tags, row.stage)
        if row.created is None:  # a row that added someone stays "added", whatever it fills
            row = self._describe_match(row, known, changes, first)
        return row, bool(changes)

    def _describe_match(self, row: _Row, known: Known, changes: list[str], first: bool) -> _Row:
        """How a row that matched someone shows in the summary (later passes add to it)."""
        if known.id is None:
            return replace(row, detail=f"same person as line {known.line}")
        if changes:
            earlier = row.detail.split(", ") if row.outcome == UPDATED else []
            if not known.touched:
                known.touched = True
                self.touched.append(known)
            return replace(
                row, outcome=UPDATED, detail=", ".join(dict.fromkeys([*earlier, *changes]))
            )
        if first:
            return replace(row, detail="already up to date")
        return row

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
        known: Known,
        fields: ContactFields,
        values: dict[str, Any],
        tags: list[str],
        stage: str | None,
    ) -> list[str]:
        """Fill in what ``known`` lacks; returns the names of what changed."""
        changes: list[str] = []
        if fields.organisation and not known.org_key:
            known.org_key, known.org_name = (
                organisation_key(fields.organisation),
                fields.organisation,
            )
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
