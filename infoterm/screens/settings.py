"""The settings screen (ctrl+s, or "Settings" in the palette).

Every change is checked as config.toml checks it, applied at once (the theme live) and
written to the file, with a toast to confirm; a bad value is named under its field and
nothing is written. Key overrides: pick a binding, press the new key.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import DataTable, Input, Label, Select, Static, Switch, TextArea

from infoterm import config
from infoterm.screens import SCREENS_CSS
from infoterm.textsafe import for_editor, from_editor
from infoterm.widgets.footer import Footer
from infoterm.widgets.literal import cell, literal, literal_lines

if TYPE_CHECKING:
    from infoterm.app import InfotermApp
    from infoterm.keymap import BindingInfo

# (section, [(dotted key, label, kind)]): kind is select, input or switch; the field's id is
# the key with dots made underscores.
SECTIONS: list[tuple[str, list[tuple[str, str, str]]]] = [
    (
        "Appearance",
        [
            ("theme", "Theme", "select"),
            ("ui.dates", "Dates", "select"),
            ("ui.start_screen", "Open on", "select"),
        ],
    ),
    (
        "Meetings",
        [
            ("meeting.default_minutes", "Promised length (minutes)", "input"),
            ("meeting.wrapup_lead_minutes", "Wrap up (minutes before end)", "input"),
            ("meeting.bell", "Bell at wrap-up", "switch"),
        ],
    ),
    (
        "Follow-ups",
        [
            ("followups.checkin_weeks", "Check in every (weeks)", "input"),
            ("followups.nudge_days", "Nudge after (days)", "input"),
        ],
    ),
    (
        "About you (for note templates)",
        [
            ("me.name", "Your name", "input"),
            ("me.signature", "Signature", "textarea"),
            ("me.goal", "Your goal", "textarea"),
            ("me.new_email", "New email", "input"),
            ("me.new_phone", "New phone", "input"),
            ("me.new_linkedin", "LinkedIn", "input"),
        ],
    ),
]
CHOICES: dict[str, list[tuple[str, str]]] = {
    "theme": [(name, name) for name in config.THEMES],
    "ui.dates": [("relative: in 3 days", "relative"), ("absolute: Thu 26 Nov 09:00", "absolute")],
    "ui.start_screen": [("the board", "board"), ("today's review", "review")],
}


def field_id(key: str) -> str:
    return key.replace(".", "_")


class SettingsScreen(Screen[None]):
    CSS_PATH = SCREENS_CSS

    help_title = "Settings"
    help_text = (
        "Changes apply at once and are saved to config.toml (shown at the top), which you can\n"
        "also edit by hand. Text fields save on enter or when you leave them. In the key table,\n"
        "enter on a row asks for a new key; delete puts the usual key back."
    )

    # Below 100 columns the notes beside the fields are hidden (the labels say enough).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    BINDINGS = [
        Binding("escape", "back", "Back", id="settings-back"),
        Binding("delete", "reset_key", "Usual key", id="settings-reset-key"),
    ]

    app: InfotermApp

    def compose(self) -> ComposeResult:
        settings = self.app.settings
        file = self.app.config_file
        where = f"Saved in {file}" if file else "Changes last for this session (no settings file)"
        with VerticalScroll(id="settings-body"):
            yield Static(Content.styled("Settings", "bold"), classes="settings-section")
            yield Static(literal(where), id="settings-file")
            for section, rows in SECTIONS:
                yield Static(section, classes="settings-section")
                for key, label, kind in rows:
                    value = config.get(settings, key)
                    with Horizontal(classes=f"setting setting-{kind}"):
                        yield Label(label, classes="setting-label")
                        yield self._field(key, kind, value)
                        yield Static(config.option(key).help, classes="setting-note")
                    yield Static("", id=f"{field_id(key)}-error", classes="setting-error")
            yield Static("Keys", classes="settings-section")
            yield Static(
                "enter: set a new key for the highlighted action · delete: back to its usual key",
                classes="setting-note",
            )
            table: DataTable[Any] = DataTable(id="settings-keys", cursor_type="row")
            yield table
        yield Footer()

    def _field(self, key: str, kind: str, value: Any) -> Widget:
        fid = field_id(key)
        if kind == "select":
            return Select(CHOICES[key], value=value, allow_blank=False, id=fid, compact=True)
        if kind == "switch":
            return Switch(bool(value), id=fid)
        # A control kept by an older version is shown written out (\x1b), never raw.
        if kind == "textarea":
            shown = for_editor(str(value), lines=True)
            return TextArea(shown, id=fid, soft_wrap=True, compact=True)
        shown = for_editor(config.to_text(value))
        return Input(shown, id=fid, select_on_focus=False, compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#settings-keys", DataTable)
        table.add_columns("Action", "Key", "Where", "Binding id")
        self._fill_keys()
        self.query_one("#theme", Select).focus()

    def _fill_keys(self) -> None:
        from infoterm.keymap import catalogue

        table = self.query_one("#settings-keys", DataTable)
        row = table.cursor_row
        table.clear()
        self.bindings_by_row: list[BindingInfo] = sorted(
            catalogue().values(), key=lambda b: (b.where != "everywhere", b.where, b.id)
        )
        overrides = self.app.settings.keys
        for info in self.bindings_by_row:
            key = overrides.get(info.id)
            shown = f"{self._display(key)}  (yours)" if key else self._display(info.keys)
            table.add_row(
                cell(info.description), cell(shown), cell(info.where), cell(info.id), key=info.id
            )
        if row:
            table.move_cursor(row=row)

    def _display(self, keys: str) -> str:
        return " ".join(self.app.get_key_display(Binding(k.strip(), "")) for k in keys.split(","))

    # -- saving -----------------------------------------------------------------------------

    def _save(self, key: str, value: Any, *, quiet: bool = False) -> bool:
        found = self.query(f"#{field_id(key)}-error")
        error = found.first(Static) if found else None
        current = config.get(self.app.settings, key)
        problem = None
        if value != current:
            problem = self.app.remember(key, value)
        if error is not None:
            self._show_error(error, problem or "")
        if problem is None and value != current and not quiet:
            self.notify(f"Saved {key} = {config.to_text(value)}", timeout=3)
        return problem is None

    @staticmethod
    def _show_error(error: Static, text: str) -> None:
        error.update(literal_lines(text))
        error.set_class(bool(text), "shown")

    def _save_text(self, key: str, text: str) -> bool:
        current = config.get(self.app.settings, key)
        if text == for_editor(config.to_text(current)):
            return self._save(key, current)  # as shown: nothing to save (its error goes)
        try:
            value = config.parse_text(key, text)
        except config.ConfigError as exc:
            self._show_error(self.query_one(f"#{field_id(key)}-error", Static), str(exc))
            return False
        return self._save(key, value)

    def _save_lines(self, key: str, text: str) -> bool:
        """A multi-line setting (signature, goal) as typed; left as shown, as it was."""
        return self._save(key, from_editor(text, config.get(self.app.settings, key), lines=True))

    @on(Select.Changed)
    def _select_changed(self, event: Select.Changed) -> None:
        key = self._key_of(event.select)
        if key and isinstance(event.value, str):
            self._save(key, event.value)

    @on(Switch.Changed)
    def _switch_changed(self, event: Switch.Changed) -> None:
        key = self._key_of(event.switch)
        if key:
            self._save(key, event.value)

    @on(Input.Submitted)
    def _input_submitted(self, event: Input.Submitted) -> None:
        key = self._key_of(event.input)
        if key and self._save_text(key, event.value):
            self.focus_next()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        key = self._key_of(event.widget)
        if key is None:
            return
        if isinstance(event.widget, Input):
            self._save_text(key, event.widget.value)
        elif isinstance(event.widget, TextArea):
            self._save_lines(key, event.widget.text)

    def _key_of(self, widget: Widget) -> str | None:
        for _section, rows in SECTIONS:
            for key, _label, _kind in rows:
                if widget.id == field_id(key):
                    return key
        return None

    def action_back(self) -> None:
        """Save what is typed; a value that cannot be saved is put back, with a warning."""
        for _section, rows in SECTIONS:
            for key, _label, kind in rows:
                widget = self.query_one(f"#{field_id(key)}")
                if kind == "input" and isinstance(widget, Input):
                    if not self._save_text(key, widget.value):
                        self.notify(
                            f"{key} not saved; it stays {config.to_text(config.get(self.app.settings, key))}",
                            severity="warning",
                        )
                elif isinstance(widget, TextArea):
                    self._save_lines(key, widget.text)
        self.app.pop_screen()

    # -- keys ------------------------------------------------------------------------------

    @on(DataTable.RowSelected, "#settings-keys")
    def _pick_key(self, event: DataTable.RowSelected) -> None:
        info = self.bindings_by_row[event.cursor_row]

        def chosen(key: str | None) -> None:
            if key is None:
                return
            if self._save(f"keys.{info.id}", key, quiet=True):
                self.notify(f"{info.description} ({info.where}) is now on {key}", timeout=4)
            else:
                self.notify(f"{key} cannot be used as a key", severity="error")
            self._fill_keys()

        self.app.push_screen(KeyCaptureModal(info), chosen)

    def action_reset_key(self) -> None:
        table = self.query_one("#settings-keys", DataTable)
        if not table.has_focus or not self.bindings_by_row:
            return
        info = self.bindings_by_row[table.cursor_row]
        if info.id not in self.app.settings.keys:
            self.notify(f"{info.description} already has its usual key ({info.keys})")
            return
        self.app.remember(f"keys.{info.id}", None)
        self._fill_keys()
        self.notify(f"{info.description} is back on {info.keys}", timeout=4)


class KeyCaptureModal(ModalScreen[str | None]):
    """Press the key to use; escape cancels."""

    CSS_PATH = SCREENS_CSS

    def __init__(self, info: BindingInfo) -> None:
        super().__init__()
        self.info = info

    def compose(self) -> ComposeResult:
        from textual.containers import Vertical

        with Vertical(classes="dialog"):
            yield Label(
                Content.assemble(
                    literal(self.info.description, "bold"),
                    literal(f" ({self.info.where}) — now {self.info.keys}"),
                    "\n\nPress the new key (with ctrl, alt or shift if you like). esc cancels.",
                ),
                classes="question",
            )

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        if event.key == "escape":
            self.dismiss(None)
        else:
            self.dismiss(event.key)
