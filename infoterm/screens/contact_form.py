"""The contact form (a modal): add or edit a person, with inline, specific validation."""

from __future__ import annotations

import re

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from infoterm.pipeline import SOURCES, ContactFields, validate_contact
from infoterm.screens import form_kit
from infoterm.textsafe import for_editor, from_editor, visible
from infoterm.widgets.literal import literal

FIELDS: list[tuple[str, str, str]] = [
    # id, label, placeholder
    ("name", "Name *", "Full name"),
    ("organisation", "Organisation", "Picked or created as you type"),
    ("title", "Title", "What they do"),
    ("email", "Email", "name@example.org"),
    ("phone", "Phone", "+44 20 7946 0000"),
    ("linkedin_url", "LinkedIn", "https://www.linkedin.com/in/…"),
    ("referred_by", "Referred by", "Another contact's name"),
    ("tags", "Tags", "comma separated: design, health"),
]


class ContactFormModal(form_kit.FormModal[ContactFields | None]):
    """Returns the validated fields, or None when cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="form-save"),
        Binding("escape", "cancel", "Cancel", id="form-cancel"),
    ]

    def __init__(
        self,
        fields: ContactFields | None,
        organisations: list[str],
        contacts: list[tuple[int, str]],
        *,
        editing_id: int | None = None,
    ) -> None:
        super().__init__()
        self.fields = fields or ContactFields()
        self.organisations = organisations
        self.contacts = [(cid, name) for cid, name in contacts if cid != editing_id]
        self.editing = editing_id is not None

    def compose(self) -> ComposeResult:
        f = self.fields
        referrer = next((n for i, n in self.contacts if i == f.referred_by_id), "")
        # Stored controls are shown written out (\x1b); a field left as shown saves as stored.
        self._stored = values = {
            "name": f.name,
            "organisation": f.organisation,
            "title": f.title,
            "email": f.email,
            "phone": f.phone,
            "linkedin_url": f.linkedin_url,
            "referred_by": referrer,
            "tags": f.tags,
        }
        suggest = {
            "organisation": SuggestFromList(
                [visible(o) for o in self.organisations], case_sensitive=False
            ),
            "referred_by": SuggestFromList(
                [visible(n) for _, n in self.contacts], case_sensitive=False
            ),
        }
        with VerticalScroll(classes="dialog form"):
            yield Label("Edit contact" if self.editing else "New contact", classes="form-title")
            for field_id, label, placeholder in FIELDS:
                with Horizontal(classes="field"):
                    yield Label(label, classes="field-label")
                    yield Input(
                        for_editor(values[field_id]),
                        placeholder=placeholder,
                        id=field_id,
                        suggester=suggest.get(field_id),
                    )
                yield Static("", id=f"{field_id}-error", classes="field-error")
            with Horizontal(classes="field"):
                yield Label("Where found", classes="field-label")
                yield Select(
                    self._sources(f.source),
                    value=f.source or Select.NULL,
                    prompt="(not set)",
                    id="source",
                    allow_blank=True,
                )
            yield Static("", id="source-error", classes="field-error")
            yield Label("Notes", classes="field-label notes-label")
            yield TextArea(
                for_editor(f.notes, lines=True), id="notes", soft_wrap=True, classes="notes"
            )
            yield Static(
                "Hidden in privacy mode: * shows them again", id="notes-hidden", classes="private"
            )
            yield form_kit.buttons()

    def on_mount(self) -> None:
        self._apply_privacy(bool(getattr(self.app, "privacy", False)))

    def on_infoterm_app_privacy_changed(self, event: Message) -> None:
        self._apply_privacy(bool(getattr(event, "on", False)))

    @staticmethod
    def _sources(stored: str) -> list[tuple[Content, str]]:
        """The sources to pick from; one stored by an older version or another program
        that is none of them is offered too, as it is (saving asks for a known one)."""
        known = [(Content(s.capitalize()), s) for s in SOURCES]
        return known if not stored or stored in SOURCES else [*known, (literal(stored), stored)]

    def _apply_privacy(self, on: bool) -> None:
        """Privacy mode: email and phone show as dots, the notes are hidden (kept as typed)."""
        for field_id in ("email", "phone"):
            self.query_one(f"#{field_id}", Input).password = on
        self.query_one("#notes", TextArea).display = not on
        self.query_one("#notes-hidden", Static).display = on

    @on(Input.Changed)
    def _clear_error(self, event: Input.Changed) -> None:
        if event.input.id:
            self.show_error(event.input.id, "")

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        self.focus_next()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        fields, errors = self._read()
        for field_id, _label, _placeholder in [*FIELDS, ("source", "", "")]:
            self.show_error(field_id, errors.get(field_id, ""))
        if errors:
            first = next(iter(errors))
            self.fail(first, errors[first])
            return
        self.dismiss(fields)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def _value(self, field_id: str) -> str:
        return from_editor(self.query_one(f"#{field_id}", Input).value, self._stored[field_id])

    def _read(self) -> tuple[ContactFields, dict[str, str]]:
        source = self.query_one("#source", Select).value
        fields = ContactFields(
            name=self._value("name"),
            organisation=self._value("organisation"),
            title=self._value("title"),
            email=self._value("email"),
            phone=self._value("phone"),
            linkedin_url=self._value("linkedin_url"),
            source=source if isinstance(source, str) else "",
            tags=self._value("tags"),
            notes=from_editor(
                self.query_one("#notes", TextArea).text, self.fields.notes, lines=True
            ),
        )
        errors = validate_contact(fields.cleaned())
        referrer, problem = self._referrer(self._value("referred_by"))
        if problem:
            errors["referred_by"] = problem
        fields.referred_by_id = referrer
        return fields, errors

    def _referrer(self, text: str) -> tuple[int | None, str]:
        text = text.strip()
        if not text:
            return None, ""
        by_id = re.search(r"#(\d+)\)?$", text)
        if by_id:
            wanted = int(by_id.group(1))
            if any(cid == wanted for cid, _ in self.contacts):
                return wanted, ""
            return None, f"no contact with id #{wanted}"
        matches = [
            cid
            for cid, name in self.contacts
            if text.lower() in (name.lower(), visible(name).lower())
        ]
        if len(matches) == 1:
            return matches[0], ""
        if not matches:
            return None, f"no contact named {text!r}; add them first, or leave this empty"
        return (
            None,
            f"{len(matches)} contacts are named {text!r}; write e.g. {text} (#{matches[0]})",
        )
