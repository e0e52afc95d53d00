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
from textual.widgets import Button, Input, Label, Static, TextArea

from infoterm import templates
from infoterm.atomic import write_atomic
from infoterm.clock import Clock
from infoterm.dates import DateError, example_date, parse_when_explained
from infoterm.followup_policy import LABELS, day_time_text
from infoterm.outreach import DEFAULT_WORD_LIMIT
from infoterm.services.followups import Draft
from infoterm.textsafe import for_editor, from_editor
from infoterm.tui.screens import SCREENS_CSS, form_kit
from infoterm.tui.screens.confirm import ConfirmModal
from infoterm.tui.widgets.footer import Footer
from infoterm.tui.widgets.literal import literal, literal_lines
from infoterm.tui.widgets.outreach_check import OUTREACH_KINDS, OutreachCheck


def read_when(text: str, clock: Clock) -> tuple[datetime | None, str]:
    """(the instant, a preview line) or (None, what is wrong)."""
    if not text.strip():
        example = example_date(clock.local_now(), "14:30")
        return None, f'e.g. "tomorrow", "fri 3pm", "+3d", "in 2 weeks", "{example}"'
    try:
        when, note = parse_when_explained(text, clock.local_now())
    except DateError as exc:
        return None, str(exc)
    now = clock.local_now()
    if when <= now:
        return None, f"{day_time_text(when, now)} has already passed"
    return when, f"→ {note or day_time_text(when, now)}"


class DateModal(form_kit.FormModal[datetime | None]):
    """Type a date the way you would say it; enter accepts, esc cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="date-cancel")]

    def __init__(self, title: str, clock: Clock) -> None:
        super().__init__()
        self.title_text = title
        self.clock = clock

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(literal_lines(self.title_text), classes="question")
            yield Input(placeholder="e.g. tomorrow 9am", id="when")
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


class AddFollowUpModal(form_kit.FormModal[tuple[int, datetime, str] | None]):
    """Your own follow-up: who, when, what. ctrl+s or enter in the last field saves."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="add-save"),
        Binding("escape", "cancel", "Cancel", id="add-cancel"),
    ]

    def __init__(self, contacts: list[tuple[int, str]], who: str, clock: Clock) -> None:
        super().__init__()
        self.contacts = contacts
        self.who = who
        self.clock = clock
        # Opened on someone (the review's cursor, the hub): start at When.
        self.first_field = "add-when" if who else None

    def compose(self) -> ComposeResult:
        names = [name for _id, name in self.contacts]
        with VerticalScroll(classes="dialog form"):
            yield Label(Content.styled("Add a follow-up", "bold"), classes="form-title")
            with Horizontal(classes="field"):
                yield Label("Who", classes="field-label")
                yield Input(
                    self.who, id="add-who", suggester=SuggestFromList(names, case_sensitive=False)
                )
            yield Static("", id="add-who-error", classes="field-error")
            with Horizontal(classes="field"):
                yield Label("When", classes="field-label")
                yield Input(placeholder="e.g. fri 10am", id="add-when")
            yield Static("", id="add-when-error", classes="field-error")
            with Horizontal(classes="field"):
                yield Label("What", classes="field-label")
                yield Input(placeholder="e.g. send the article we talked about", id="add-note")
            yield Static("", id="add-note-error", classes="field-error")
            yield form_kit.buttons()

    def _contact(self, text: str) -> int | str:
        key = text.strip().lower()
        if not key:
            return "who is it for?"
        exact = [cid for cid, name in self.contacts if name.lower() == key]
        found = exact or [cid for cid, name in self.contacts if key in name.lower()]
        if len(found) == 1:
            return found[0]
        return f"no contact matches {text!r}" if not found else f"{text!r} matches several people"

    @on(Input.Changed)
    def _clear(self, event: Input.Changed) -> None:
        if event.input.id:
            self.show_error(event.input.id, "")

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        if event.input.id == "add-note":
            self.action_save()
        else:
            self.focus_next()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        contact = self._contact(self.query_one("#add-who", Input).value)
        if isinstance(contact, str):
            self.fail("add-who", contact)
            return
        when, said = read_when(self.query_one("#add-when", Input).value, self.clock)
        if when is None:
            self.fail("add-when", said)
            return
        note = self.query_one("#add-note", Input).value.strip()
        if not note:
            self.fail("add-note", "what is to be done?")
            return
        self.dismiss((contact, when, note))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class DraftModal(ModalScreen[str | None]):
    """A note drafted from a template, with the meeting's notes beside a thank-you, and
    a To: line when their address is known. c copies it (and saves it to a file, since a
    terminal may ignore the copy), e edits it ($VISUAL, $EDITOR, else a built-in editor;
    the edits are kept for this follow-up), r goes back to the template, d marks it done."""

    CSS_PATH = SCREENS_CSS

    BINDINGS = [
        Binding("c", "copy", "Copy", id="draft-copy"),
        Binding("e", "edit", "Edit", id="draft-edit"),
        Binding("r", "reset", "Back to template", id="draft-reset"),
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
        self.template_text = templates.addressed(text, draft.contact, draft.email)
        self.text = self._saved() or self.template_text
        self.template = templates.template_path(templates_dir, draft.kind)

    def _saved(self) -> str | None:
        try:
            return self.file.read_text(encoding="utf-8") if self.file.exists() else None
        except OSError:
            return None

    @property
    def edited(self) -> bool:
        return self.text != self.template_text

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.edited if action == "reset" else True  # r only for an edited draft

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
            yield Label(self._about(), id="draft-about", classes="help-intro")
        yield Footer()

    def _about(self) -> Content:
        editor = templates.editor_command()
        said = [
            "c copy · "
            + (f"e edit in {editor[0]}" if editor else "e edit")
            + (" · r back to the template" if self.edited else "")
            + " · d done · esc close"
        ]
        if self.edited:
            said.append("Your edited draft, kept for this follow-up.")
        if not self.draft.email.strip():
            said.append(f"No email address on file for {self.draft.contact}.")
        said.append(
            f"Template: templates/{self.template.name} in your data folder (infoterm where "
            "shows it)"
        )
        return Content("\n").join([literal(said[0]), *(literal(line, "dim") for line in said[1:])])

    def _outreach_check(self) -> OutreachCheck:
        settings = getattr(self.app, "settings", None)
        limit = getattr(settings, "outreach_word_limit", DEFAULT_WORD_LIMIT)
        names = [self.draft.values.get(k, "") for k in ("referrer_name", "referrer_first_name")]
        return OutreachCheck(self.text, limit, names)

    def _show(self, text: str) -> None:
        self.text = text
        self.query_one("#draft-text", Static).update(literal_lines(self.text))
        for panel in self.query(OutreachCheck):
            panel.check(self.text)
        self.query_one("#draft-about", Label).update(self._about())
        self.refresh_bindings()

    def _keep(self, text: str) -> str | None:
        """Show ``text`` and keep it in the draft's file; None, or why it was not saved."""
        self._show(text)
        try:
            write_atomic(self.file, text)
        except OSError as exc:
            return f"could not save it to {self.file}: {exc.strerror or exc}"
        return None

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.text)
        sent = "Sent to the terminal's clipboard (OSC 52; your terminal may ignore it)"
        problem = self._keep(self.text)
        if problem is None:
            self.notify(f"{sent} and saved to {self.file}", timeout=10)
        else:
            self.notify(f"{sent}; {problem}", severity="warning", timeout=10)

    def action_edit(self) -> None:
        command = templates.editor_command()
        if command is None:
            title = f"Edit the {LABELS[self.draft.kind]} for {self.draft.contact}"
            check = self._outreach_check() if self.draft.kind in OUTREACH_KINDS else None
            self.app.push_screen(DraftEditorModal(title, self.text, check), self._edited)
            return
        kept_before = self.edited  # the file is the editor's way in: it is written first
        try:
            write_atomic(self.file, self.text)
            with self.app.suspend():
                subprocess.run([*command, str(self.file)], check=False)
            text = self.file.read_text(encoding="utf-8")
            if text == self.text and not kept_before:
                self.file.unlink()  # left as it was: the template is still the draft
        except (OSError, SuspendNotSupported) as exc:
            self.notify(f"Could not open {command[0]}: {exc}", severity="error")
            return
        self._edited(text)

    def _edited(self, text: str | None) -> None:
        if text is None:
            return
        if text == self.text:
            self.notify("The draft is unchanged")
            return
        problem = self._keep(text)
        if problem is None:
            self.notify(f"Kept your draft in {self.file}")
        else:
            self.notify(f"Your draft is shown but {problem}", severity="warning", timeout=10)

    def action_reset(self) -> None:
        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.file.unlink(missing_ok=True)
            except OSError as exc:
                self.notify(f"Could not remove {self.file}: {exc}", severity="error")
                return
            self._show(self.template_text)
            self.notify("Back to the template's draft")

        self.app.push_screen(
            ConfirmModal("Throw away your edits and go back to the template?", "Back"), answered
        )

    def action_done(self) -> None:
        self.dismiss("done")

    def action_close(self) -> None:
        self.dismiss(None)


class DraftEditorModal(form_kit.FormModal[str | None]):
    """The built-in editor, when neither $VISUAL nor $EDITOR is set: ctrl+s keeps the
    text, esc cancels (asking first if you changed it)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="draft-editor-save"),
        Binding("escape", "cancel", "Cancel", id="draft-editor-cancel"),
    ]

    def __init__(self, title: str, text: str, check: OutreachCheck | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.text = text
        self.check = check  # an outreach note: the check beside it, live as you type

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog form draft-editor"):
            yield Label(literal(self.title_text, "bold"), classes="form-title")
            with Horizontal(id="draft-editor-body"):
                yield TextArea(for_editor(self.text, lines=True), id="draft-editor", soft_wrap=True)
                if self.check is not None:
                    yield self.check
            yield form_kit.buttons()

    @on(TextArea.Changed, "#draft-editor")
    def _recheck(self) -> None:
        if self.check is not None:
            self.check.check(self._typed())

    def _typed(self) -> str:
        return from_editor(self.query_one("#draft-editor", TextArea).text, self.text, lines=True)

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        self.dismiss(self._typed())

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        if self._typed() == self.text:
            self.dismiss(None)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(None)

        self.app.push_screen(ConfirmModal("Throw away your changes?", "Discard"), answered)
