"""The review's modals: snooze to a typed date, add a follow-up, and a note draft."""

from __future__ import annotations

import subprocess
from datetime import datetime
from pathlib import Path

from textual import on
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Static

from infoterm import templates
from infoterm.atomic import write_atomic
from infoterm.clock import Clock
from infoterm.dates import DateError, parse_when_explained
from infoterm.followup_policy import LABELS, day_time_text
from infoterm.outreach import DEFAULT_WORD_LIMIT
from infoterm.screens import SCREENS_CSS
from infoterm.services.followups import Draft
from infoterm.widgets.literal import literal, literal_lines
from infoterm.widgets.outreach_check import OUTREACH_KINDS, OutreachCheck


def read_when(text: str, clock: Clock) -> tuple[datetime | None, str]:
    """(the instant, a preview line) or (None, what is wrong)."""
    if not text.strip():
        return None, 'e.g. "tomorrow", "fri 3pm", "+3d", "in 2 weeks", "2026-12-01 14:30"'
    try:
        when, note = parse_when_explained(text, clock.local_now())
    except DateError as exc:
        return None, str(exc)
    now = clock.local_now()
    if when <= now:
        return None, f"{day_time_text(when, now)} has already passed"
    return when, f"→ {note or day_time_text(when, now)}"


class DateModal(ModalScreen[datetime | None]):
    """Type a date the way you would say it; enter accepts, esc cancels."""

    CSS_PATH = SCREENS_CSS

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="date-cancel")]

    def __init__(self, title: str, clock: Clock) -> None:
        super().__init__()
        self.title_text = title
        self.clock = clock

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(literal_lines(self.title_text), classes="question")
            yield Input(placeholder="tomorrow 9am", id="when")
            yield Label(literal(read_when("", self.clock)[1]), id="when-preview", classes="preview")

    @on(Input.Changed, "#when")
    def _changed(self, event: Input.Changed) -> None:
        when, said = read_when(event.value, self.clock)
        preview = self.query_one("#when-preview", Label)
        preview.update(literal(said))
        preview.set_class(when is None and bool(event.value.strip()), "error")

    @on(Input.Submitted, "#when")
    def _submitted(self, event: Input.Submitted) -> None:
        when, _said = read_when(event.value, self.clock)
        if when is not None:
            self.dismiss(when)

    def action_cancel(self) -> None:
        self.dismiss(None)


class AddFollowUpModal(ModalScreen[tuple[int, datetime, str] | None]):
    """Your own follow-up: who, when, what. ctrl+s or enter in the last field saves."""

    CSS_PATH = SCREENS_CSS

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="add-save"),
        Binding("escape", "cancel", "Cancel", id="add-cancel"),
    ]

    def __init__(self, contacts: list[tuple[int, str]], who: str, clock: Clock) -> None:
        super().__init__()
        self.contacts = contacts
        self.who = who
        self.clock = clock

    def compose(self) -> ComposeResult:
        names = [name for _id, name in self.contacts]
        with Vertical(classes="dialog form"):
            yield Label(Content.styled("Add a follow-up", "bold"), classes="form-title")
            with Horizontal(classes="field"):
                yield Label("Who", classes="field-label")
                yield Input(
                    self.who, id="add-who", suggester=SuggestFromList(names, case_sensitive=False)
                )
            with Horizontal(classes="field"):
                yield Label("When", classes="field-label")
                yield Input(placeholder="fri 10am", id="add-when")
            with Horizontal(classes="field"):
                yield Label("What", classes="field-label")
                yield Input(placeholder="send the article we talked about", id="add-note")
            yield Label("", id="add-error", classes="field-error")

    def on_mount(self) -> None:
        self.query_one("#add-when" if self.who else "#add-who", Input).focus()

    def _contact(self, text: str) -> int | str:
        key = text.strip().lower()
        if not key:
            return "who is it for?"
        exact = [cid for cid, name in self.contacts if name.lower() == key]
        found = exact or [cid for cid, name in self.contacts if key in name.lower()]
        if len(found) == 1:
            return found[0]
        return f"no contact matches {text!r}" if not found else f"{text!r} matches several people"

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        if event.input.id == "add-note":
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        error = self.query_one("#add-error", Label)
        contact = self._contact(self.query_one("#add-who", Input).value)
        if isinstance(contact, str):
            error.update(literal(contact))
            return
        when, said = read_when(self.query_one("#add-when", Input).value, self.clock)
        if when is None:
            error.update(literal(f"when: {said}"))
            return
        note = self.query_one("#add-note", Input).value.strip()
        if not note:
            error.update("what is to be done?")
            return
        self.dismiss((contact, when, note))

    def action_cancel(self) -> None:
        self.dismiss(None)


class DraftModal(ModalScreen[str | None]):
    """A note drafted from a template, with the meeting's notes beside a thank-you.
    c copies it, e opens it in $EDITOR (your edits are kept), d marks the follow-up done."""

    CSS_PATH = SCREENS_CSS

    BINDINGS = [
        Binding("c", "copy", "Copy", id="draft-copy"),
        Binding("e", "edit", "Edit in $EDITOR", id="draft-edit"),
        Binding("d", "done", "Done", id="draft-done"),
        Binding("escape,q", "close", "Close", id="draft-close"),
    ]

    def __init__(
        self, followup_id: int, draft: Draft, text: str, drafts: Path, templates_dir: Path
    ) -> None:
        super().__init__()
        self.followup_id = followup_id
        self.draft = draft
        self.file = drafts / f"{followup_id}-{draft.kind}.txt"
        self.text = self._saved() or text
        self.template = templates.template_path(templates_dir, draft.kind)

    def _saved(self) -> str | None:
        try:
            return self.file.read_text(encoding="utf-8") if self.file.exists() else None
        except OSError:
            return None

    def compose(self) -> ComposeResult:
        title = f"{LABELS[self.draft.kind].capitalize()} for {self.draft.contact}"
        with Vertical(classes="dialog draft"):
            yield Label(literal(title, "bold"), classes="form-title")
            with Horizontal(id="draft-body"):
                with VerticalScroll(id="draft-text-box"):
                    yield Static(literal_lines(self.text), id="draft-text")
                if self.draft.kind == "thank-you":
                    notes = self.draft.notes.strip() or "No notes were taken in this meeting."
                    box = VerticalScroll(Static(literal_lines(notes)), id="draft-notes")
                    box.border_title = "Your notes: pick one specific point"
                    yield box
                if self.draft.kind in OUTREACH_KINDS:
                    yield self._outreach_check()
            yield Label(
                Content.assemble(
                    "c copy · e edit in $EDITOR · d done · esc close\n",
                    literal(
                        f"Template: templates/{self.template.name} in your data folder "
                        "(infoterm where shows it)",
                        "dim",
                    ),
                ),
                classes="help-intro",
            )

    def _outreach_check(self) -> OutreachCheck:
        settings = getattr(self.app, "settings", None)
        limit = getattr(settings, "outreach_word_limit", DEFAULT_WORD_LIMIT)
        names = [self.draft.values.get(k, "") for k in ("referrer_name", "referrer_first_name")]
        return OutreachCheck(self.text, limit, names)

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.text)
        self.notify("Copied the draft to the clipboard")

    def action_edit(self) -> None:
        command = templates.editor_command()
        if command is None:
            self.app.copy_to_clipboard(self.text)
            self.notify("Set $EDITOR to edit drafts here; copied it to the clipboard instead")
            return
        try:
            write_atomic(self.file, self.text)
            with self.app.suspend():
                subprocess.run([*command, str(self.file)], check=False)
            self.text = self.file.read_text(encoding="utf-8")
        except (OSError, SuspendNotSupported) as exc:
            self.notify(f"Could not open {command[0]}: {exc}", severity="error")
            return
        self.query_one("#draft-text", Static).update(literal_lines(self.text))
        for panel in self.query(OutreachCheck):
            panel.check(self.text)
        self.app.copy_to_clipboard(self.text)
        self.notify("Saved your draft and copied it to the clipboard")

    def action_done(self) -> None:
        self.dismiss("done")

    def action_close(self) -> None:
        self.dismiss(None)
