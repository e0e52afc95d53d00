"""One person's hub: their details, open follow-ups (acted on as in the review), meetings
past and planned, the timeline, and keys to request, schedule, meet, log a touch and add
a follow-up."""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Input, Label, Static

from infoterm import followup_policy as rules
from infoterm.meeting import promise_text
from infoterm.pipeline import ARCHIVE_REASONS, STAGE_TITLES, step
from infoterm.store.reader import DueRow
from infoterm.textsafe import visible, visible_lines
from infoterm.tui.screens import SCREENS_CSS
from infoterm.tui.screens.followup_actions import FollowUpActions, followup_item
from infoterm.tui.widgets.db_banner import keeps_rows
from infoterm.tui.widgets.followup_list import FollowUpList, ListItem
from infoterm.tui.widgets.footer import Footer
from infoterm.tui.widgets.literal import literal

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from infoterm.services.contacts import ContactDetail
    from infoterm.services.meeting_view import MeetingView
    from infoterm.tui.app import InfotermApp

FOLLOWUP_ROWS = 5  # open follow-ups shown before the list scrolls


def followup_items(rows: list[DueRow], now_local: datetime) -> list[ListItem]:
    """One person's open follow-ups as list rows, overdue ones marked late."""
    if not rows:
        return [ListItem("note", "None open. f adds one; t logs a touch.")]
    group_of = rules.grouper(now_local)
    items = []
    for r in rows:
        group = group_of(r.due)
        level = "late" if group == "overdue" else "soon" if group == "today" else ""
        items.append(followup_item(r, now_local, level))
    return items


class ContactScreen(FollowUpActions, Screen[None]):
    CSS_PATH = SCREENS_CSS

    help_title = "A contact"
    help_text = (
        "Details on the left; on the right their open follow-ups (d done, S snooze to a date,\n"
        "x dismiss, as in the review), meetings past and planned (enter opens one) and the\n"
        "timeline. tab moves between the three lists."
    )
    nothing_due = "Nothing open for them. f adds a follow-up."

    BINDINGS = [
        Binding("escape,backspace", "back", "Back", id="contact-back"),
        Binding("d", "done", "Done", id="contact-followup-done"),
        Binding("S", "snooze_to", "Snooze", id="contact-followup-snooze"),
        Binding("x", "dismiss_followup", "Dismiss", id="contact-followup-dismiss"),
        Binding("t", "touch", "Touch", id="contact-touch"),
        Binding("f", "add_followup", "Follow-up", id="contact-add-followup"),
        Binding("r", "request", "Request", id="contact-request"),
        Binding("y", "reply", "They replied", show=False, id="contact-reply"),
        Binding("s", "schedule", "Schedule", id="contact-schedule"),
        Binding("m", "meeting", "Meet", id="contact-meeting"),
        Binding("e", "edit", "Edit", id="contact-edit"),
        Binding("L,shift+right", "move(1)", "Next stage", id="contact-move-next"),
        Binding("H,shift+left", "move(-1)", "Back a stage", id="contact-move-back"),
        Binding("a", "archive", "Archive", id="contact-archive"),
        Binding("u", "undo", "Undo", id="contact-undo"),
        Binding("R", "referrals", "Referral chain", show=False, id="contact-referrals"),
        Binding("o", "organisation", "Organisation", show=False, id="contact-organisation"),
    ]

    app: InfotermApp

    def __init__(self, contact_id: int) -> None:
        super().__init__()
        self.contact_id = contact_id
        self.detail: ContactDetail | None = None
        self.meetings: dict[str, MeetingView] = {}

    @property
    def list(self) -> FollowUpList:
        return self.query_one("#contact-followups", FollowUpList)

    def compose(self) -> ComposeResult:
        with Horizontal(id="contact-body"):
            with VerticalScroll(id="contact-card"):
                yield Static(id="contact-head")
                yield Static(id="contact-fields")
            with Vertical(id="contact-right"):
                yield FollowUpList(compact=True, id="contact-followups")
                meetings: DataTable[Any] = DataTable(id="contact-meetings", cursor_type="row")
                yield meetings
                table: DataTable[Any] = DataTable(
                    id="timeline", cursor_type="row", zebra_stripes=True
                )
                yield table
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#timeline", DataTable)
        table.add_columns("When", "What")
        table.border_title = "Timeline"
        meetings = self.query_one("#contact-meetings", DataTable)
        meetings.add_columns("When", "Meeting", "Where")
        meetings.border_title = "Meetings"
        self.list.border_title = "Open follow-ups"
        self.reload()
        self.list.focus()

    def on_infoterm_app_privacy_changed(self) -> None:
        """Privacy mode switched: show or hide the email, phone and notes at once."""
        if self.detail is not None:
            self.query_one("#contact-fields", Static).update(self._fields(self.detail))

    @keeps_rows
    def reload(self) -> None:
        from infoterm.services import NotFound

        try:
            self.detail = detail = self.app.reads.contact(self.contact_id)
        except NotFound:
            self.app.notify("That contact no longer exists", severity="warning")
            self.app.pop_screen()
            return
        head = Content.assemble((visible(detail.name), "bold"))
        if detail.organisation:
            head += Content(" · " + visible(detail.organisation))
        head += Content("\n" + visible(detail.title) + "\nStage: ")
        head += Content.assemble((STAGE_TITLES[detail.stage], "bold"))
        if detail.archived:
            reason = visible(detail.archive_reason or "no reason")
            head += Content.assemble(("  (archived: " + reason + ")", "italic"))
        head += responder_line(detail, self.app.clock.to_local)
        self.query_one("#contact-head", Static).update(head)
        self.query_one("#contact-fields", Static).update(self._fields(detail))
        local = self.app.clock.to_local
        self._show_followups()
        self._show_meetings()
        table = self.query_one("#timeline", DataTable)
        table.clear()
        for entry in detail.timeline:
            summary = (
                Text.assemble((visible(entry.summary), "strike"), " (undone)")
                if entry.undone
                else Text(visible(entry.summary))
            )
            table.add_row(Text(f"{local(entry.at):%a %d %b %Y %H:%M}"), summary)

    def _show_followups(self) -> None:
        rows = self.app.reads.open_followups(self.contact_id)
        items = followup_items(rows, self.app.clock.local_now())
        followups = self.list
        followups.show(items)
        followups.styles.height = min(len(items), FOLLOWUP_ROWS) + 2
        followups.border_subtitle = literal(f"{len(rows)} open") if rows else ""

    def _show_meetings(self) -> None:
        """Planned meetings first, then the ones held (newest first), from the service."""
        table = self.query_one("#contact-meetings", DataTable)
        table.clear()
        found = self.app.run_guarded(self.app.reads.meetings_with, self.contact_id)
        self.meetings = {str(m.id): m for m in found or []}
        local = self.app.clock.to_local
        for m in found or []:
            when = m.timer.started_at or m.scheduled_at
            day = f"{local(when):%a %d %b %Y %H:%M}" if when is not None else "time not set"
            if m.ended:
                promise = promise_text(m.promised_minutes, m.timer.extra_minutes)
                what = f"held: {m.minutes} of {promise} · enter opens"
            elif m.started:
                what = f"running ({m.promised_minutes} min promised)"
            else:
                what = f"planned: {m.promised_minutes} min"
            table.add_row(day, what, Text(visible(m.location)), key=str(m.id))
        if not found:
            table.add_row("", Text("None yet: r request, s schedule"), "")

    def _fields(self, d: ContactDetail) -> Content:
        """Data as literal text (never markup), its control characters written out."""
        private = getattr(self.app, "privacy", False)
        rows: list[tuple[str, str]] = [
            ("Email", "•••" if private and d.email else d.email),
            ("Phone", "•••" if private and d.phone else d.phone),
            ("LinkedIn", d.linkedin_url),
            ("Found via", d.source),
            ("Tags", ", ".join(d.tags)),
            ("Referred by", d.referred_by[1] if d.referred_by else ""),
        ]
        lines = [
            Content.assemble((f"{label:<12}", "dim"), visible(value))
            for label, value in rows
            if value
        ]
        if d.referrals:
            lines.append(Content.assemble(("Referred", "dim")))
            lines += [
                Content.assemble("  " + visible(name) + " ", (f"({STAGE_TITLES[stage]})", "dim"))
                for _i, name, stage in d.referrals
            ]
        if d.notes:
            lines += [
                Content(""),
                Content.assemble(("Notes", "dim")),
                Content("•••" if private else visible_lines(d.notes)),
            ]
        if not lines:
            return Content.assemble(("No details yet — press e to edit.", "dim"))
        return Content("\n").join(lines)

    # -- actions -------------------------------------------------------------------------

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_edit(
        self,
        fields: Any = None,
        version: int | None = None,
        loaded: Any = None,
    ) -> None:
        if self.detail is None:
            return
        from infoterm.tui.screens.contact_form import ContactFormModal

        # The version and fields the form starts from: a save checks the row is unchanged.
        version = self.detail.version if version is None else version
        loaded = self.detail.fields() if loaded is None else loaded
        reads = self.app.reads
        names = self.app.run_guarded(reads.contact_names) or []
        form = ContactFormModal(
            fields or self.detail.fields(),
            self.app.run_guarded(reads.organisation_names) or [],
            [(cid, name) for cid, name, _o, _s in names],
            editing_id=self.contact_id,
        )

        def saved(result: Any) -> None:
            if result is not None:
                self._save(result, version, loaded)

        self.app.push_screen(form, saved)

    def _save(self, fields: Any, version: int, loaded: Any) -> None:
        from infoterm.services import ChangedElsewhere

        services = self.app.services
        conflicts: list[ChangedElsewhere] = []

        def update() -> bool:
            try:
                services.contacts.update(self.contact_id, fields, version=version, loaded=loaded)
            except ChangedElsewhere as conflict:
                conflicts.append(conflict)
            return True

        if self.app.run_guarded(update) is None:  # not saved (the toast says why)
            self.action_edit(fields, version, loaded)  # the form again, as typed
            return
        if conflicts:
            self._changed_elsewhere(conflicts[0], fields)
            return
        self.reload()

    def _changed_elsewhere(self, conflict: Any, fields: Any) -> None:
        from infoterm.tui.screens.changed import ChangedElsewhereModal

        def chosen(choice: str | None) -> None:
            if choice == "mine":  # your changes; what only they changed stays theirs
                self._save(conflict.merged or fields, conflict.found, conflict.theirs)
            elif choice == "theirs":
                self.reload()
                self.notify("Kept the version saved elsewhere; yours was not saved")
            else:
                self.reload()
                self.action_edit(conflict.merged or fields, conflict.found, conflict.theirs)

        self.app.push_screen(ChangedElsewhereModal(conflict), chosen)

    def action_request(self) -> None:
        if self.detail is not None:
            from infoterm.tui.screens.plan_actions import ask_request

            ask_request(self.app, self.contact_id, self.detail.name, self.reload)

    def action_schedule(self) -> None:
        if self.detail is not None:
            from infoterm.tui.screens.plan_actions import ask_schedule

            ask_schedule(self.app, self.contact_id, self.detail.name, self.reload)

    def action_meeting(self) -> None:
        self.app.open_meeting(self.contact_id)

    @on(DataTable.RowSelected, "#contact-meetings")
    def _meeting_chosen(self, event: DataTable.RowSelected) -> None:
        """enter on a meeting: a past one opens read only, a planned one the meeting screen."""
        meeting = self.meetings.get(str(event.row_key.value))
        if meeting is None:
            return
        if meeting.ended:
            from infoterm.tui.screens.past_meeting import PastMeetingScreen

            self.app.push_screen(PastMeetingScreen(meeting.id))
        else:
            self.app.open_meeting(self.contact_id)

    def action_touch(self) -> None:
        """Log a message, call or chat you had with them (it resets the check-in clock)."""
        if self.detail is None:
            return
        name = self.detail.name

        def logged(note: str | None) -> None:
            if note is None:
                return
            services = self.app.services
            next_due = self.app.run_guarded(services.followups.log_touch, self.contact_id, note)
            if next_due is None:
                return
            self.reload()
            clock = self.app.clock
            said = f"Logged a touch with {name}"
            if next_due > clock.now():
                said += f"; next check-in {rules.day_text(clock.to_local(next_due))}"
            self.notify(said + " — u undoes", timeout=4)

        self.app.push_screen(TouchModal(name), logged)

    def action_reply(self) -> None:
        """They answered your request, just now (``infoterm reply --at`` for earlier)."""
        if self.detail is None:
            return
        name = self.detail.name
        services = self.app.services
        kind = self.app.run_watching_targets(services.contacts.record_reply, self.contact_id)
        if kind is None:
            return
        self.reload()
        self.notify(f"{name} replied: {kind} — u undoes", timeout=4)

    def action_add_followup(self) -> None:
        """Your own follow-up for them: when, and what is to be done."""
        if self.detail is None:
            return
        from infoterm.tui.screens.review_modals import AddFollowUpModal

        contacts = [(cid, name) for cid, name, _o, _s in self.app.reads.contact_names()]
        if all(cid != self.contact_id for cid, _n in contacts):
            contacts.append((self.contact_id, self.detail.name))

        def added(result: tuple[int, datetime, str] | None) -> None:
            if result is None:
                return
            contact_id, due, note = result
            if self.app.run_guarded(self.app.services.followups.add, contact_id, due, note):
                self.reload()
                when = rules.day_time_text(self.app.clock.to_local(due), self.app.clock.local_now())
                self.notify(f"Added: {note} (due {when})")

        self.app.push_screen(AddFollowUpModal(contacts, self.detail.name, self.app.clock), added)

    def on_screen_resume(self) -> None:
        if self.detail is not None:
            self.reload()

    def action_move(self, delta: int) -> None:
        if self.detail is None or step(self.detail.stage, delta) is None:
            return
        services = self.app.services
        self.app.run_watching_targets(
            services.contacts.step, self.contact_id, delta, self.detail.stage
        )
        self.reload()

    def action_archive(self) -> None:
        if self.detail is None:
            return
        services = self.app.services
        if self.detail.archived:
            self.app.run_watching_targets(services.contacts.set_archived, self.contact_id, False)
            self.reload()
            return
        from infoterm.tui.screens.confirm import ChoiceModal

        def chosen(reason: str | None) -> None:
            if reason is not None:
                self.app.run_watching_targets(
                    services.contacts.set_archived, self.contact_id, True, reason
                )
                self.reload()

        self.app.push_screen(ChoiceModal("Archive: why?", list(ARCHIVE_REASONS)), chosen)

    def action_undo(self) -> None:
        self.app.undo_and_say(self.contact_id, nothing="Nothing to undo for this contact")
        self.reload()

    # -- their network ---------------------------------------------------------------------

    def network_commands(self) -> builtins.list[tuple[str, str, Any]]:
        return [
            ("Referral chain of this contact", "key: R", self.action_referrals),
            ("Organisation of this contact", "key: o", self.action_organisation),
        ]

    def action_referrals(self) -> None:
        from infoterm.tui.screens.referrals import ReferralsScreen

        self.app.push_screen(ReferralsScreen(self.contact_id))

    def action_organisation(self) -> None:
        org_id = self.app.run_guarded(self.app.reads.organisation_of, self.contact_id)
        if org_id is None:
            self.notify("No organisation yet: press e to add one", severity="warning")
            return
        from infoterm.tui.screens.organisation import OrganisationScreen

        self.app.push_screen(OrganisationScreen(org_id))


class TouchModal(ModalScreen["str | None"]):
    """What you talked about (optional); enter logs it now, esc cancels."""

    CSS_PATH = SCREENS_CSS

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="touch-cancel")]

    def __init__(self, name: str) -> None:
        super().__init__()
        self.person = name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(
                Content.assemble("A touch with ", (visible(self.person), "bold"), " (now)"),
                classes="question",
            )
            yield Input(placeholder="what about (optional)", id="touch-note")
            yield Label("enter logs it · esc cancels", classes="preview")

    @on(Input.Submitted, "#touch-note")
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


def responder_line(detail: ContactDetail, local: Callable[[datetime], datetime]) -> Content:
    """'Responder: ★ booster (replied Sun 22 Nov by email)', or nothing before a request."""
    from infoterm.responders import MARKS, NONE

    if detail.requested_at is None:
        return Content("")
    if detail.responder == NONE:
        when = rules.day_text(local(detail.requested_at))
        return Content("\nResponder: ") + Content.assemble((f"asked {when}, waiting", "dim"))
    line = Content("\nResponder: ") + Content.assemble(
        (f"{MARKS[detail.responder]} {detail.responder}", "bold")
    )
    if detail.replied_at is not None and detail.responder != "curmudgeon":
        via = " by " + visible(detail.reply_via) if detail.reply_via else ""
        line += Content(f" (replied {rules.day_text(local(detail.replied_at))}{via})")
    return line
