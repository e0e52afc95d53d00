"""The debrief (a modal), offered once a meeting has ended: what you learned, action items
with natural dates ("read the SRE book by fri"), and the names they suggested
(``Ann Lee @ Acme``). esc skips it; the meeting is already recorded."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, Static, TextArea

from infoterm.followup_policy import day_time_text
from infoterm.services.errors import ServiceError, ValidationFailed
from infoterm.tui.screens import form_kit
from infoterm.tui.widgets.literal import literal, literal_lines

if TYPE_CHECKING:
    from infoterm.services.debrief import DebriefResult
    from infoterm.tui.app import InfotermApp

ERRORS = {"actions": "actions", "names": "referrals", "note": "actions"}


class DebriefModal(form_kit.FormModal["DebriefResult | None"]):
    """Stores the debrief and returns what it made, or None when skipped."""

    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]

    BINDINGS = [
        Binding("ctrl+s", "save", "Save debrief", id="debrief-save"),
        Binding("escape", "skip", "Skip", id="debrief-skip"),
    ]

    app: InfotermApp

    def __init__(self, meeting_id: int, name: str) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.name_text = name

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog form debrief-form"):
            yield Label(
                Content.assemble("Debrief: ", literal(self.name_text, "bold")), classes="form-title"
            )
            yield Label("What you learned (added to the meeting's notes)", classes="field-label")
            yield TextArea(id="learned", soft_wrap=True)
            yield Label(
                "Action items, one a line; a date after by/on/before (else in a week)",
                classes="field-label notes-label",
            )
            yield TextArea(id="actions", soft_wrap=True, placeholder="read the SRE book by fri")
            yield Static("", id="actions-preview", classes="field-error hint shown")
            yield Static("", id="actions-error", classes="field-error")
            with Horizontal(classes="field notes-label"):
                yield Label("Names", classes="field-label")
                yield Input(
                    placeholder="e.g. Ann Lee @ Acme, Bo Chan",
                    id="referrals",
                )
            yield Static("", id="referrals-error", classes="field-error")
            yield form_kit.buttons(cancel="Skip")

    @on(TextArea.Changed, "#actions")
    def _preview(self, event: TextArea.Changed) -> None:
        self.show_error("actions", "")
        preview = self.query_one("#actions-preview", Static)
        try:
            items = self.app.services.debrief.actions(event.text_area.text)
        except ValidationFailed as exc:
            preview.update(literal_lines(next(iter(exc.errors.values()))))
            return
        now = self.app.clock.local_now()
        lines = [
            f"→ {item.text}: {day_time_text(self.app.clock.to_local(item.due), now)}"
            + ("" if item.dated else " (no date given)")
            for item in items
        ]
        preview.update(Content("\n").join(literal(line) for line in lines))

    @on(Input.Changed, "#referrals")
    def _names_changed(self) -> None:
        self.show_error("referrals", "")

    @on(Input.Submitted, "#referrals")
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        try:
            result = self.app.services.debrief.record(
                self.meeting_id,
                self.query_one("#learned", TextArea).text,
                self.query_one("#actions", TextArea).text,
                self.query_one("#referrals", Input).value,
            )
        except ValidationFailed as exc:
            first = None
            for key, message in exc.errors.items():
                field_id = ERRORS.get(key, "actions")
                self.show_error(field_id, message)
                first = first or field_id
            if first is not None:
                form_kit.focus_at_end(self.query_one(f"#{first}"))
            return
        except ServiceError as exc:
            self.notify(str(exc), severity="error", timeout=8)
            return
        self.dismiss(result)

    @on(Button.Pressed, "#cancel")
    def action_skip(self) -> None:
        self.dismiss(None)


def debrief_summary(result: DebriefResult) -> str:
    """One line for a toast: what the debrief made."""
    said = []
    if result.learned:
        said.append("what you learned is in the notes")
    if result.followups:
        count = len(result.followups)
        said.append(f"{count} follow-up{'s' if count != 1 else ''} added")
    if result.added:
        said.append(f"added {', '.join(result.added)} to Identified")
    if result.already_known:
        said.append(f"already on your board: {', '.join(result.already_known)}")
    return ("Debrief saved: " + "; ".join(said)) if said else "Debrief: nothing to save"
