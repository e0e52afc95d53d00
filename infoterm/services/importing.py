"""Writing a planned import (``services.import_plan``) with bulk statements, so 10,000
rows take seconds: new organisations, then the people to add and those to fill in, each
with its "created" or "imported" event; the follow-up rules see each person who went
onto the board. The caller plans and writes inside one transaction.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from infoterm.pipeline import STAGE_TITLES
from infoterm.services.history import FollowUpChanges
from infoterm.services.import_match import Known
from infoterm.services.import_plan import FILL_FIELDS, ImportPlan, ImportPlanner
from infoterm.services.import_summary import ImportLine, ImportSummary
from infoterm.store.schema import Contact, Event, Organisation

__all__ = ["ImportLine", "ImportPlanner", "ImportSummary", "ImportWriter", "Progress"]

Progress = Callable[[int, int], None]
"""progress(done, total): called now and then while an import is stored."""

CHUNK = 500


class ImportWriter:
    """Writes one planned import in bulk."""

    def __init__(
        self,
        session: Session,
        plan: ImportPlan,
        *,
        source: str,
        label: str,
        now: datetime,
        on_added: Callable[[Session, Contact, datetime], FollowUpChanges] | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.session = session
        self.orgs = plan.orgs
        self.new_orgs = plan.new_orgs
        self.pending = plan.pending
        self.touched = plan.touched
        self.source = source
        self.label = label
        self.now = now
        self.on_added = on_added
        self.progress = progress

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

    def _insert(self, chunk: list[Known]) -> None:
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
            payload: dict[str, Any] = {"import": self.label, "line": k.line}
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
                    "summary": f"Imported {k.name} from {self.label} {where}",
                    "payload": json.dumps(payload),
                }
            )
        self.session.execute(insert(Event), events)

    def _update(self, chunk: list[Known]) -> None:
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
                    "summary": f"Updated from {self.label}: {', '.join(sorted(k.changed))}",
                    "payload": json.dumps({"import": self.label}),
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

    def _hooks(self, added: list[Known]) -> dict[int, FollowUpChanges]:
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
