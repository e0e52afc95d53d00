"""An organisation: its people and their stages, meetings held there, target flag, notes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, DataTable, Input, Label, Static, TextArea

from infoterm.pipeline import STAGE_TITLES, STAGES
from infoterm.screens import SCREENS_CSS, form_kit
from infoterm.textsafe import for_editor, from_editor, visible, visible_lines
from infoterm.widgets.db_banner import keeps_rows
from infoterm.widgets.footer import Footer
from infoterm.widgets.literal import cell

if TYPE_CHECKING:
    from infoterm.app import InfotermApp
    from infoterm.services.network import OrganisationDetail


class OrgNotesModal(form_kit.FormModal["tuple[str, str] | None"]):
    """Edit an organisation's website and research notes; ctrl+s saves, escape cancels."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="org-notes-save"),
        Binding("escape", "cancel", "Cancel", id="org-notes-cancel"),
    ]

    def __init__(self, name: str, website: str, notes: str) -> None:
        super().__init__()
        self.org_name = name
        self.website = website
        self.notes = notes

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog form org-notes"):
            yield Label(
                Content.assemble((visible(self.org_name), "bold"), ": research notes"),
                classes="form-title",
            )
            # The notes first: e ("Notes") opens this form for them.
            yield Label("Notes (what they do, recent news, questions to ask)")
            yield TextArea(for_editor(self.notes, lines=True), id="org-notes-text")
            with Horizontal(classes="field notes-label"):
                yield Label("Website", classes="field-label")
                yield Input(for_editor(self.website), placeholder="example.org", id="org-website")
            yield form_kit.buttons()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_save(self) -> None:
        # Left as shown (stored controls written out), a field saves as it was stored.
        website = from_editor(self.query_one("#org-website", Input).value, self.website)
        notes = from_editor(self.query_one(TextArea).text, self.notes, lines=True)
        self.dismiss((website, notes))

    def action_cancel(self) -> None:
        self.dismiss(None)


class OrganisationScreen(Screen[None]):
    CSS_PATH = SCREENS_CSS

    help_title = "An organisation"
    help_text = (
        "Its people and how far each got, the meetings you held there, and your research\n"
        "notes. Mark the organisations you most want to work for as targets."
    )

    BINDINGS = [
        Binding("escape,backspace", "back", "Back", id="org-back"),
        Binding("t", "toggle_target", "Target on/off", id="org-target"),
        Binding("e", "edit_notes", "Notes", id="org-notes"),
        Binding("enter", "open", "Open person", show=False, id="org-open"),
    ]

    app: InfotermApp

    def __init__(self, org_id: int) -> None:
        super().__init__()
        self.org_id = org_id
        self.detail: OrganisationDetail | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="org-body"):
            with VerticalScroll(id="org-card"):
                yield Static(id="org-head")
                yield Static(id="org-stages")
                yield Static(id="org-notes")
            with Vertical(id="org-lists"):
                people: DataTable[Any] = DataTable(id="org-people", cursor_type="row")
                yield people
                meetings: DataTable[Any] = DataTable(id="org-meetings", cursor_type="row")
                yield meetings
        yield Footer()

    def on_mount(self) -> None:
        people = self.query_one("#org-people", DataTable)
        people.add_columns("Name", "Title", "Stage")
        people.border_title = "People"
        meetings = self.query_one("#org-meetings", DataTable)
        meetings.add_columns("When", "With", "Length", "State")
        meetings.border_title = "Meetings held there"
        self.reload()
        people.focus()

    def on_screen_resume(self) -> None:
        if self.detail is not None:
            self.reload()

    @keeps_rows
    def reload(self) -> None:
        from infoterm.services import NotFound

        try:
            self.detail = d = self.app.services.network.organisation(self.org_id)
        except NotFound:
            self.app.notify("That organisation no longer exists", severity="warning")
            self.app.pop_screen()
            return
        head = Content.assemble((visible(d.name), "bold"))
        if d.is_target:
            head += Content.assemble("  ", ("★ target", "bold"))
        if d.website:
            head += Content("\n" + visible(d.website))
        if d.landed:
            head += Content.assemble(("\nYou landed here.", "bold"))
        self.query_one("#org-head", Static).update(head)
        counts = d.stage_counts()
        stages = [
            Content.assemble((f"{STAGE_TITLES[s]:<14}", "dim"), str(counts[s]))
            for s in STAGES
            if counts[s]
        ]
        waiting = sum(1 for p in d.people if not p.on_board)
        if waiting:
            stages.append(Content.assemble((f"{'Address book':<14}", "dim"), str(waiting)))
        self.query_one("#org-stages", Static).update(Content("\n").join(stages))
        private = getattr(self.app, "privacy", False)
        notes = "•••" if private and d.notes else visible_lines(d.notes)
        self.query_one("#org-notes", Static).update(
            Content.assemble(("Notes\n", "dim"))
            + (
                Content(notes)
                if notes
                else Content.assemble(("None yet — press e to add research notes.", "dim"))
            )
        )
        people = self.query_one("#org-people", DataTable)
        people.clear()
        for p in d.people:
            where = STAGE_TITLES[p.stage] if p.on_board else "address book"
            if p.archived:
                where += " (archived)"
            people.add_row(cell(p.name), cell(p.title), cell(where), key=str(p.id))
        meetings = self.query_one("#org-meetings", DataTable)
        meetings.clear()
        local = self.app.clock.to_local
        for m in d.meetings:
            when = f"{local(m.when):%a %d %b %Y %H:%M}" if m.when else "not set"
            meetings.add_row(
                cell(when), cell(m.contact), cell(f"{m.minutes} min"), cell(m.state), key=str(m.id)
            )
        if not d.meetings:
            meetings.add_row("", cell("No meetings here yet"), "", "")

    # -- actions -------------------------------------------------------------------------

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_toggle_target(self) -> None:
        if self.detail is None:
            return
        flag = not self.detail.is_target
        self.app.run_guarded(self.app.services.network.set_target, self.org_id, flag)
        self.reload()
        self.notify(f"{self.detail.name} is {'now' if flag else 'no longer'} a target")

    def action_edit_notes(
        self, mine: tuple[str, str] | None = None, version: int | None = None, loaded: Any = None
    ) -> None:
        if self.detail is None:
            return
        d = self.detail
        # What the dialog starts from: the save checks the row is unchanged since.
        version = d.version if version is None else version
        loaded = (d.website, d.notes) if loaded is None else loaded
        website, notes = mine or (d.website, d.notes)

        def saved(result: tuple[str, str] | None) -> None:
            if result is not None:
                self._save_research(result, version, loaded)

        self.app.push_screen(OrgNotesModal(d.name, website, notes), saved)

    def _save_research(self, mine: tuple[str, str], version: int | None, loaded: Any) -> None:
        from infoterm.screens.changed import ChangedElsewhereModal
        from infoterm.services import ChangedElsewhere, ServiceError

        network = self.app.services.network
        try:
            network.save_research(self.org_id, *mine, version=version, loaded=loaded)
        except ChangedElsewhere as error:
            conflict = error  # kept past the except block for the dialog's answer

            def chosen(choice: str | None) -> None:
                if choice == "mine":
                    self._save_research(mine, conflict.found, conflict.theirs)
                elif choice == "theirs":
                    self.reload()
                    self.notify("Kept the notes saved elsewhere; yours were not saved")
                else:
                    self.reload()
                    self.action_edit_notes(mine, conflict.found, conflict.theirs)

            self.app.push_screen(ChangedElsewhereModal(conflict), chosen)
            return
        except ServiceError as exc:
            self.notify(str(exc), severity="error", timeout=8)
        self.reload()

    def action_open(self) -> None:
        table = self.query_one("#org-people", DataTable)
        if self.detail is None or not self.detail.people or not table.has_focus:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        if key is not None:
            self.app.open_contact(int(key))

    @on(DataTable.RowSelected, "#org-people")
    def _person_selected(self) -> None:
        self.action_open()
