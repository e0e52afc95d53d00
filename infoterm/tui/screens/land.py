"""Landing (a modal): where, as what, from when, your new details for the tell-landed
notes, and what to do with the follow-ups still open. Nudges and reach-outs chase a search
that is over (dismissed unless you untick it); open thank-yous are kept unless you tick it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Checkbox, Input, Label, Static

from infoterm.dates import DateError, parse_date
from infoterm.followup_policy import LABELS
from infoterm.services.errors import ServiceError, ValidationFailed
from infoterm.tui.screens import form_kit
from infoterm.tui.widgets.literal import literal
from infoterm.tui.widgets.tick_box import TickBox

if TYPE_CHECKING:
    from infoterm.services.followups import FollowUpView
    from infoterm.tui.app import InfotermApp

FIELDS = [
    # id, label, placeholder, setting
    ("land-org", "Organisation *", "where you landed", ""),
    ("land-title", "Title *", "your new role", ""),
    ("land-start", "Start", "e.g. 4 jan (optional)", ""),
    ("land-email", "New email", "for the tell-landed notes", "me.new_email"),
    ("land-phone", "New phone", "optional", "me.new_phone"),
    ("land-linkedin", "LinkedIn", "optional", "me.new_linkedin"),
]


class LandModal(form_kit.FormModal[str | None]):
    """Records the landing; returns the line to show, or None when cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Record landing", id="land-save"),
        Binding("escape", "cancel", "Cancel", id="land-cancel"),
    ]

    app: InfotermApp

    def __init__(self, open_items: list[FollowUpView], chasing: tuple[str, ...]) -> None:
        super().__init__()
        self.chasing = [f for f in open_items if f.kind in chasing]
        self.thanks = [f for f in open_items if f.kind == "thank-you"]
        self.kinds = chasing

    def compose(self) -> ComposeResult:
        settings = self.app.settings
        with VerticalScroll(classes="dialog form land-form"):
            yield Label("You landed: congratulations", classes="form-title")
            for fid, label, placeholder, key in FIELDS:
                value = getattr(settings, key.replace(".", "_")) if key else ""
                with Horizontal(classes="field"):
                    yield Label(label, classes="field-label")
                    yield Input(value, placeholder=placeholder, id=fid)
                yield Static("", id=f"{fid}-error", classes="field-error")
            if self.chasing:
                yield TickBox(
                    literal(f"Dismiss the {len(self.chasing)} nudges and reach-outs still open"),
                    True,
                    id="land-dismiss",
                )
                yield Static(_listed(self.chasing), classes="land-list")
            if self.thanks:
                yield TickBox(
                    literal(f"Close the {len(self.thanks)} open thank-yous without sending them"),
                    False,
                    id="land-thanks",
                )
                yield Static(_listed(self.thanks), classes="land-list")
            yield form_kit.buttons("Record")

    def _value(self, fid: str) -> str:
        return self.query_one(f"#{fid}", Input).value

    @on(Input.Changed)
    def _clear(self, event: Input.Changed) -> None:
        if event.input.id:
            self.show_error(event.input.id, "")

    @on(Input.Submitted)
    def _next(self) -> None:
        self.focus_next()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        org, title = self._value("land-org").strip(), self._value("land-title").strip()
        if not org:
            self.fail("land-org", "say where you landed")
            return
        if not title:
            self.fail("land-title", "say what your new role is")
            return
        start = None
        if self._value("land-start").strip():
            try:
                start = parse_date(self._value("land-start"), self.app.clock.local_now())
            except DateError as exc:
                self.fail("land-start", str(exc))
                return
        for fid, _label, _placeholder, key in FIELDS:
            problem = self.app.remember(key, self._value(fid).strip()) if key else None
            if problem is not None:
                self.fail(fid, problem)
                return
        followups = self.app.services.followups
        try:
            _landing, people = followups.land(org, title, start)
        except ValidationFailed as exc:
            self.fail("land-org", "; ".join(exc.errors.values()))
            return
        except ServiceError as exc:
            self.notify(str(exc), severity="error", timeout=8)
            return
        said = [f"Recorded {title} at {org}: {people} to tell"]
        if self.chasing and self.query_one("#land-dismiss", Checkbox).value:
            said.append(f"dismissed {self.app.run_guarded(followups.dismiss_open, self.kinds)}")
        if self.thanks and self.query_one("#land-thanks", Checkbox).value:
            closed = self.app.run_guarded(followups.dismiss_open, ("thank-you",))
            said.append(f"closed {closed} thank-yous")
        self.dismiss(", ".join(said))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def _listed(items: list[FollowUpView]) -> Content:
    return Content("\n").join(literal(f"  {LABELS[f.kind]} for {f.contact}") for f in items)
