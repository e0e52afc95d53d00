"""Done, snooze and dismiss on a list of follow-ups: the review's keys, shared with the
contact screen so the same keys do the same thing on the same rows wherever pressed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from infoterm import followup_policy as rules
from infoterm.dates import describe_due
from infoterm.pipeline import STAGE_TITLES
from infoterm.tui.widgets.followup_list import FollowUpList, ListItem

if TYPE_CHECKING:
    from infoterm.store.reader import DueRow
    from infoterm.tui.app import InfotermApp

T = TypeVar("T")


def followup_item(r: DueRow, now_local: datetime, level: str, *, org: str = "") -> ListItem:
    """One open follow-up as a list row, worded the same on the review and the hub."""
    when = describe_due(r.due, now_local)
    return ListItem(
        "followup",
        key=r.id,
        contact_id=r.contact_id,
        when=f"{when} ⏾" if r.snoozed else when,
        label=rules.LABELS.get(r.kind, r.kind),
        who=r.contact,
        org=org,
        why=r.reason,
        level=level,
        version=r.version,
    )


class _Host(Protocol):
    """What a screen using these actions has: its list, a reload and the app."""

    app: InfotermApp
    nothing_due: str

    @property
    def list(self) -> FollowUpList: ...

    def reload(self) -> None: ...

    def notify(self, message: str, *, severity: Any = ..., timeout: float | None = ...) -> Any: ...

    def _followup(self) -> ListItem | None: ...

    def _act(self, call: Callable[..., T], *args: Any) -> T | None: ...

    def _snoozed(self, item: ListItem, until: datetime | None) -> None: ...


class FollowUpActions:
    """Mixed into a screen with a ``list`` (a :class:`FollowUpList`) and ``reload``."""

    nothing_due = "Nothing due. Press a to add a follow-up."

    def _followup(self: _Host) -> ListItem | None:
        item = self.list.current
        if item is None:
            self.notify(self.nothing_due)
            return None
        if item.row != "followup" or item.key is None:
            self.notify("That is a meeting: enter opens it.", severity="warning")
            return None
        return item

    def _act(self: _Host, call: Callable[..., T], *args: Any) -> T | None:
        """Run a follow-up action with the version its row was read at. If another window
        (or a command) changed it since, nothing is done: a warning says what happened
        there and the list is read again."""
        from infoterm.services import ChangedElsewhere

        def guarded() -> T | None:
            try:
                return call(*args)
            except ChangedElsewhere as changed:
                self.notify(str(changed), severity="warning", timeout=8)
                self.reload()
                return None

        return self.app.run_guarded(guarded)  # any other error: its red toast

    def action_done(self: _Host) -> None:
        item = self._followup()
        if item is None or item.key is None:
            return
        outcome = self._act(self.app.services.followups.done, item.key, item.version)
        if outcome is None:
            return
        self.reload()
        parts = [outcome.summary]
        if outcome.moved_to:
            parts.append(f"moved to {STAGE_TITLES[outcome.moved_to]}")
        if outcome.archived:
            parts.append("archived as went cold")
        if outcome.next_kind and outcome.next_due:
            when = rules.day_text(
                self.app.clock.to_local(outcome.next_due), self.app.clock.local_now()
            )
            parts.append(f"next {rules.LABELS[outcome.next_kind]} {when}")
        self.notify(" · ".join(parts) + " — u undoes", timeout=4)

    def action_snooze_day(self: _Host) -> None:
        item = self._followup()
        if item is None or item.key is None:
            return
        until = self._act(
            self.app.services.followups.snooze_for, item.key, timedelta(days=1), item.version
        )
        self._snoozed(item, until)

    def action_snooze_to(self: _Host) -> None:
        item = self._followup()
        if item is None or item.key is None:
            return
        from infoterm.tui.screens.review_modals import DateModal

        key = item.key

        def chosen(when: datetime | None) -> None:
            if when is not None:
                self._snoozed(
                    item, self._act(self.app.services.followups.snooze, key, when, item.version)
                )

        self.app.push_screen(
            DateModal(f"Snooze {item.label} for {item.who} until…", self.app.clock), chosen
        )

    def _snoozed(self: _Host, item: ListItem, until: datetime | None) -> None:
        if until is None:
            return
        self.reload()
        when = rules.day_time_text(self.app.clock.to_local(until), self.app.clock.local_now())
        self.notify(f"Snoozed {item.label} for {item.who} until {when} — u undoes", timeout=4)

    def action_dismiss_followup(self: _Host) -> None:
        item = self._followup()
        if item is None or item.key is None:
            return
        said = self._act(self.app.services.followups.dismiss, item.key, item.version)
        if said is not None:
            self.reload()
            self.notify(f"{said} — u undoes", timeout=4)
