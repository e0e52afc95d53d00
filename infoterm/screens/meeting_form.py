"""The meeting form (a modal): record a request, or set when, where and the agenda.

Minutes are checked as you type; the date line says what it understood ("→ Fri 27 Nov
14:00") or exactly what it did not, and nothing is saved until both are right.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Static, TextArea

from infoterm.dates import DateError, format_when, parse_when_explained
from infoterm.meeting import MeetingPlan, parse_minutes
from infoterm.screens import form_kit
from infoterm.textsafe import for_editor, from_editor
from infoterm.widgets.literal import literal, literal_lines

if TYPE_CHECKING:
    from infoterm.app import InfotermApp

PAST_HINT = "a meeting that happened is logged (infoterm log NAME met --at WHEN)"
CHANNELS = ["email", "LinkedIn message", "phone", "in person", "a friend's introduction"]


class MeetingFormModal(form_kit.FormModal[MeetingPlan | None]):
    """Returns the plan, or None when cancelled. ``request=True`` asks only what a
    request needs (the promise and how you asked); otherwise the meeting's details."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="meeting-form-save"),
        Binding("escape", "cancel", "Cancel", id="meeting-form-cancel"),
    ]

    app: InfotermApp

    def __init__(self, title: str, plan: MeetingPlan, *, request: bool = False) -> None:
        super().__init__()
        self.title_text = title
        self.plan = plan
        self.request = request

    def compose(self) -> ComposeResult:
        plan = self.plan
        with VerticalScroll(classes="dialog form meeting-form"):
            yield Label(literal_lines(self.title_text), classes="form-title")
            if not self.request:  # scheduling: when comes first
                with Horizontal(classes="field"):
                    yield Label("When", classes="field-label")
                    yield Input(
                        self._when_text(plan.when),
                        placeholder="e.g. tomorrow 3pm, fri 14:00, +3d",
                        id="when",
                    )
                yield Static("", id="when-error", classes="field-error hint shown")
            with Horizontal(classes="field"):
                yield Label("Promised min", classes="field-label")
                yield Input(str(plan.promised_minutes), placeholder="1 to 240", id="minutes")
            yield Static("", id="minutes-error", classes="field-error")
            if self.request:
                with Horizontal(classes="field"):
                    yield Label("Asked via", classes="field-label")
                    yield Input(
                        for_editor(plan.channel),
                        placeholder="email, LinkedIn message, phone… (optional)",
                        id="channel",
                        suggester=SuggestFromList(CHANNELS, case_sensitive=False),
                    )
            else:
                with Horizontal(classes="field"):
                    yield Label("Where / how", classes="field-label")
                    yield Input(
                        for_editor(plan.location),
                        placeholder="phone, a video link, a place",
                        id="location",
                    )
                yield Label("Agenda", classes="field-label notes-label")
                yield TextArea(for_editor(plan.agenda, lines=True), id="agenda", soft_wrap=True)
            yield form_kit.buttons()

    def on_mount(self) -> None:
        if not self.request:
            self._check_when()

    def _when_text(self, when: datetime | None) -> str:
        if when is None:
            return ""
        return f"{self.app.clock.to_local(when):%Y-%m-%d %H:%M}"

    # -- checking as you type ------------------------------------------------------------

    def _check_minutes(self) -> int | None:
        try:
            minutes = parse_minutes(self.query_one("#minutes", Input).value)
        except ValueError as exc:
            self.show_error("minutes", str(exc))
            return None
        self.show_error("minutes", "")
        return minutes

    def _check_when(self) -> tuple[bool, datetime | None]:
        text = self.query_one("#when", Input).value.strip()
        line = self.query_one("#when-error", Static)
        if not text:
            line.update("not set yet")
            line.add_class("hint")
            return True, None
        now = self.app.clock.local_now()
        try:
            when, note = parse_when_explained(text, now)
        except DateError as exc:
            line.update(literal(str(exc)))
            line.remove_class("hint")
            return False, None
        if when < now and when != self.plan.when:
            line.update(literal(f"{format_when(when, now, 'absolute')} has passed: {PAST_HINT}"))
            line.remove_class("hint")
            return False, None
        line.update(literal(f"→ {note or format_when(when, now, 'absolute')}"))
        line.add_class("hint")
        return True, when

    @on(Input.Changed, "#minutes")
    def _minutes_changed(self) -> None:
        self._check_minutes()

    @on(Input.Changed, "#when")
    def _when_changed(self) -> None:
        self._check_when()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if self.request or event.input.id == "location":
            self.action_save()
        else:
            self.focus_next()

    # -- result --------------------------------------------------------------------------

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        minutes = self._check_minutes()
        if self.request:
            if minutes is not None:
                channel = self._typed("#channel", self.plan.channel)
                self.dismiss(MeetingPlan(minutes, channel=channel))
            else:
                form_kit.focus_at_end(self.query_one("#minutes", Input))
            return
        when_ok, when = self._check_when()
        if not when_ok or minutes is None:
            form_kit.focus_at_end(self.query_one("#when" if not when_ok else "#minutes", Input))
            return
        self.dismiss(
            MeetingPlan(
                minutes,
                when,
                self._typed("#location", self.plan.location),
                self._typed("#agenda", self.plan.agenda),
            )
        )

    def _typed(self, selector: str, stored: str) -> str:
        """A field's text; left as shown (stored controls written out), as it was stored."""
        field = self.query_one(selector)
        if isinstance(field, TextArea):
            return from_editor(field.text, stored, lines=True).strip()
        assert isinstance(field, Input)
        return from_editor(field.value, stored).strip()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
