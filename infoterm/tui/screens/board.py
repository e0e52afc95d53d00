"""The board screen: the pipeline as six columns, and the keys that act on a card."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Input, Static

from infoterm.pipeline import ARCHIVE_REASONS, STAGE_TITLES, STAGES, step
from infoterm.store.reader import BoardQuery, Card
from infoterm.textsafe import visible
from infoterm.tui.board import BoardModel
from infoterm.tui.widgets.board_view import BoardView
from infoterm.tui.widgets.db_banner import keeps_rows
from infoterm.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from textual.timer import Timer

    from infoterm.tui.app import InfotermApp

EMPTY = (
    "No one on your board yet.\n\n"
    "Press n to add the first person you would like to talk to,\n"
    "or run  infoterm import linkedin Connections.csv  from your shell.\n\n"
    "? shows every key."
)
EMPTY_WITH_ADDRESS_BOOK = (
    "No one on your board yet.\n\n"
    "{count} waiting in your address book:\n"
    "press b to pick who goes on the board, or n to add someone new.\n\n"
    "? shows every key."
)
POLL_SECONDS = 2.0
FRAME_OUT = 0.001


class BoardScreen(Screen[None]):
    help_title = "The board"
    help_text = (
        "Each column is a stage: identified → requested → met → thanked → stay in touch → landed.\n"
        "Arrows or h j k l move the cursor; shift+arrows or H / L move the card."
    )

    BINDINGS = [
        Binding("n", "new", "New", id="new-contact"),
        Binding("e,enter", "open", "Open", id="open-contact"),
        Binding("L,shift+right", "move_card(1)", "Next stage", id="move-next"),
        Binding("H,shift+left", "move_card(-1)", "Back a stage", id="move-back"),
        Binding("m", "meeting", "Meeting", id="open-meeting"),
        Binding("r", "request", "Request", id="record-request"),
        Binding("s", "schedule", "Schedule", show=False, id="schedule-meeting"),
        Binding("y", "reply", "They replied", show=False, id="record-reply"),
        Binding("slash", "filter", "Filter", key_display="/", id="filter"),
        Binding("z", "toggle_order", "Sort column", show=False, id="sort-column"),
        Binding("a", "archive", "Archive", id="archive"),
        Binding("A", "toggle_archived", "Show archived", show=False, id="toggle-archived"),
        Binding("u", "undo", "Undo", id="undo"),
        Binding("t", "review", "Review", id="review"),
        Binding("d", "delete", "Delete", show=False, id="delete"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="clear-filter"),
        # Your network; kept out of the footer (it is full), listed in ? and the palette.
        Binding("b", "address_book", "Address book", show=False, id="address-book"),
        Binding("i", "import_file", "Import a file", show=False, id="import-file"),
        Binding("R", "referrals", "Referral chains", show=False, id="referrals"),
        Binding("o", "organisation", "Organisation of the card", show=False, id="organisation"),
        Binding("O", "organisations", "All organisations", show=False, id="organisations"),
        Binding("S", "stats", "Statistics", show=False, id="stats"),
    ]

    app: InfotermApp
    _writing = False
    _redraw_timer: Timer | None = None
    redraw_in = 60.0  # seconds until the relative times are drawn again

    def compose(self) -> ComposeResult:
        self.model = BoardModel(self.app.reads)
        self.model.on_lost = self._server_lost
        yield Static(self._title(), id="board-title")
        yield BoardView(self.model, self._hint, EMPTY, mark=self._mark, id="board")
        yield Footer()

    def on_mount(self) -> None:
        self._version = self.app.reads.data_version()
        self.set_interval(POLL_SECONDS, self._poll)
        self.call_after_refresh(self._redraw_later)  # once the board knows its height
        self.call_after_refresh(self._find_active)  # after the first paint, as the warm-up

    def _redraw_later(self) -> None:
        """Draw the relative times again in a minute, or when a card on screen falls due."""
        from infoterm.followup_policy import next_redraw

        shown = self.model.shown(self.board.visible_rows)
        dues = [card.due_at for card in shown if card.due_at is not None]
        if self._redraw_timer is not None:
            self._redraw_timer.stop()
        self.redraw_in = next_redraw(dues, self.app.clock.now())
        self._redraw_timer = self.set_timer(self.redraw_in, self._redraw)

    def _redraw(self) -> None:
        self.board.redraw()
        self._redraw_later()

    def _server_lost(self, error: Exception) -> None:
        """A page the server could not give (it is away): blank cards, and the app's
        banner (after this frame: the model is read while the board draws)."""
        self.app.call_later(self.app.server_lost, error)

    @property
    def board(self) -> BoardView:
        return self.query_one(BoardView)

    def _mark(self, card: Card) -> str:
        """The responder type's marker after the name: ★ booster, ☆ obligate, × curmudgeon
        (only cards with a request are asked; holidays load only once a reply is dated)."""
        from infoterm.responders import MARKS, responder_type

        if card.requested_at is None:
            return ""
        local = self.app.clock.to_local
        kind = responder_type(
            local(card.requested_at).date(),
            local(card.replied_at).date() if card.replied_at is not None else None,
            card.nudge_over,
            self.app.settings.followups_holidays or None,
        )
        return MARKS[kind]

    def _hint(self, card: Card) -> tuple[str, str]:
        """The card's most urgent follow-up: "thank-you due 5h", "check-in 3d overdue"."""
        if card.due_kind is None or card.due_at is None:
            return "", ""
        from infoterm.followup_policy import card_hint

        text, level = card_hint(card.due_kind, card.due_at, self.app.clock.now())
        if self.app.settings.ui_dates == "absolute":
            from infoterm.dates import format_when

            when = format_when(card.due_at, self.app.clock.local_now(), "absolute")
            text = f"{card.due_kind} {when}"
        return text, level

    def _show_model(self) -> None:
        """Show what the model now holds: the title (filter, archived), the board, and,
        when no one is on it, what to do next."""
        self.query_one("#board-title", Static).update(self._title())
        waiting = self.model.waiting
        people = "1 person is" if waiting == 1 else f"{waiting:,} people are"
        self.board.empty_message = (
            EMPTY_WITH_ADDRESS_BOOK.format(count=people) if waiting else EMPTY
        )
        self.board.changed()
        if self.is_mounted:
            self._redraw_later()  # a card now on screen may fall due sooner

    def _title(self) -> Content:
        parts = [Content.assemble(("infoterm", "bold"))]
        query = getattr(self, "model", None) and self.model.query
        if query and query.text:  # typed by the user: literal text, never markup
            parts.append(Content.assemble("filter: ", (visible(query.text), "bold")))
        if query and query.archived:
            parts.append(Content("showing archived"))
        return Content("  ·  ").join(parts)

    # -- keeping up to date --------------------------------------------------------------

    @keeps_rows
    def refresh_board(self, keep: int | None = None) -> None:
        current = self.model.current
        self.model.reload(keep if keep is not None else current.id if current else None)
        self._version = self.app.reads.data_version()
        self._show_model()
        self._find_active()

    @work(thread=True, exclusive=True, group="targets")
    def _find_active(self) -> None:
        """● on the cards of the target list's active employers. In a thread: the first
        paint never waits for it (nor for SQLAlchemy, which the services import)."""
        reads = self.app.reads
        try:
            with self.app.background_reads:
                names = frozenset(reads.target_names(reads.active_targets()))
        except Exception:  # a marker, not data: a failed look-up (the server away, a
            return  # bad followups.holidays) leaves the cards as they were
        self.app.call_from_thread(self._mark_active, names)

    def _mark_active(self, names: frozenset[str]) -> None:
        """The look-up ends after the screen has gone (the app closing, a test over):
        nothing to mark then."""
        if self.is_attached:
            with contextlib.suppress(NoMatches):
                self.board.mark_active(names)

    def _poll(self) -> None:
        """Another process (a CLI command, a second TUI) may have changed the database."""
        if self._writing:  # a card move shown, its write under way (action_move_card)
            return
        version = self.app.poll_version()  # None: the server is away (the app's banner)
        if version is not None and version != self._version:
            self.refresh_board()

    def on_screen_suspend(self) -> None:
        card = self.model.current
        self._left_on = card.id if card is not None else None

    def on_screen_resume(self) -> None:
        """Back on the board: the cursor follows the card you left on, wherever the
        screens on top moved it (a meeting ended: to Met; a thank-you done: to Thanked)."""
        self.refresh_board(keep=getattr(self, "_left_on", None))

    # -- actions -------------------------------------------------------------------------

    def _card(self) -> Card | None:
        card = self.model.current
        if card is None:
            self.notify("No card here. Press n to add a contact.", severity="warning")
        return card

    def action_new(self, typed: Any = None) -> None:
        """n: the new-contact form (again with what was ``typed`` when a save failed)."""
        from infoterm.tui.screens.contact_form import ContactFormModal

        services = self.app.services
        reads = self.app.reads
        names = self.app.run_guarded(reads.contact_names) or []
        form = ContactFormModal(
            typed,
            self.app.run_guarded(reads.organisation_names) or [],
            [(cid, name) for cid, name, _o, _s in names],
        )

        def saved(fields: Any) -> None:
            if fields is None:
                return
            new_id = self.app.run_guarded(services.contacts.add, fields)
            if new_id is None:  # not saved (the toast says why): nothing typed is lost
                self.action_new(fields)
                return
            if self.model.query.text:
                self.model.query = BoardQuery(archived=self.model.query.archived)
            self.refresh_board(keep=new_id)
            self.notify(f"Added {fields.name.strip()} to Identified")

        self.app.push_screen(form, saved)

    def action_open(self) -> None:
        card = self._card()
        if card is not None:
            self.app.open_contact(card.id)

    @on(BoardView.Opened)
    def _opened(self, event: BoardView.Opened) -> None:
        self.app.open_contact(event.contact_id)

    @on(BoardView.Dropped)
    def _dropped(self, event: BoardView.Dropped) -> None:
        """A card dragged to another column: the same move as the keys, same toast."""
        card = self.model.current  # the widget selects the card it picks up
        name = card.name if card is not None and card.id == event.contact_id else "the card"
        moved = self.app.run_watching_targets(
            self.app.services.contacts.move, event.contact_id, event.stage
        )
        if moved is None:
            return
        self.refresh_board(keep=event.contact_id)
        self.notify(f"Moved {name} to {STAGE_TITLES[event.stage]} — u to undo", timeout=3)

    async def action_move_card(self, delta: int) -> None:
        """Move the card a stage on. The move is painted first and written after the
        frame (the key's answer is one frame); keys wait meanwhile (the app handles one
        at a time). A write that fails puts the card back and the board is read again."""
        card = self._card()
        if card is None:
            return
        stage = self.model.columns[self.model.col].stage
        target = step(stage, delta)
        if delta > 0 and target == "requested":
            self.action_request()  # a request asks for the promised length
            return
        if target is None:
            self.notify(f"{card.name} is already in {STAGE_TITLES[stage]}", severity="warning")
            return
        old_col, new_col = self.model.col, STAGES.index(target)
        ahead = self.model.move_ahead(card, stage, target, self.board.visible_rows)
        if ahead is None:  # the columns could not be read ahead (the server away)
            moved = self.app.run_watching_targets(
                self.app.services.contacts.step, card.id, delta, stage
            )
            if moved is None:
                return
            self.model.moved(card.id, stage, target)
        else:
            self.board.columns_changed(old_col, new_col)
            self._writing = True  # the poll waits: the board shows what is not written yet
            try:
                await self.wait_for_refresh()
                # A moment without the GIL: Textual's output thread writes the frame now,
                # not when the write below (Python, mostly) lets it.
                await asyncio.sleep(FRAME_OUT)
                moved = self.app.run_watching_targets(
                    self.app.services.contacts.step, card.id, delta, stage
                )
            finally:
                self._writing = False
            if moved != target:  # not written (a toast says why), or moved from elsewhere
                self.model.move_back(ahead)
                self.board.columns_changed(old_col, new_col)
                self.refresh_board(keep=card.id)  # the truth, if it can be read
                if moved is None:
                    return
            else:
                self.model.arrived(card.id, target)
        self._version = self.app.reads.data_version()  # our own write: no need to poll it
        self.board.columns_changed(old_col, new_col, self.model.col)
        message = f"Moved {card.name} to {STAGE_TITLES[moved]} — u to undo"
        # the card's move is painted first; the toast follows in the next frame
        self.call_after_refresh(self.notify, message, timeout=3)

    def action_meeting(self) -> None:
        card = self._card()
        if card is not None:
            self.app.open_meeting(card.id)

    def action_request(self) -> None:
        """Record that you asked them for a conversation, and for how long."""
        card = self._card()
        if card is None:
            return
        from infoterm.tui.screens.plan_actions import ask_request

        ask_request(self.app, card.id, card.name, lambda: self.refresh_board(keep=card.id))

    def action_schedule(self) -> None:
        """Set or move the time of their next meeting."""
        card = self._card()
        if card is None:
            return
        from infoterm.tui.screens.plan_actions import ask_schedule

        ask_schedule(self.app, card.id, card.name, lambda: self.refresh_board(keep=card.id))

    def action_archive(self) -> None:
        card = self._card()
        if card is None:
            return
        services = self.app.services
        if card.archived:
            if self.app.run_watching_targets(services.contacts.set_archived, card.id, False):
                self.refresh_board(keep=card.id)
                self.notify(f"Restored {card.name} from the archive")
            return
        from infoterm.tui.screens.confirm import ChoiceModal

        def chosen(reason: str | None) -> None:
            if reason is None:
                return
            archive = services.contacts.set_archived
            if not self.app.run_watching_targets(archive, card.id, True, reason):
                return  # not saved: the toast says why
            self.refresh_board()
            self.notify(f"Archived {card.name} ({reason}) — u to undo, A shows archived")

        self.app.push_screen(
            ChoiceModal(f"Archive {card.name}: why?", list(ARCHIVE_REASONS)), chosen
        )

    def action_reply(self) -> None:
        """They answered your request, just now: the 3B7 follow-ups close and the card
        shows their responder type (booster within three business days)."""
        card = self._card()
        if card is None:
            return
        kind = self.app.run_watching_targets(self.app.services.contacts.record_reply, card.id)
        if kind is None:
            return
        self.refresh_board(keep=card.id)
        self.notify(f"{card.name} replied: {kind} — u to undo", timeout=4)

    def action_toggle_archived(self) -> None:
        query = self.model.query
        self.model.set_query(BoardQuery(query.text, not query.archived))
        self._show_model()

    def action_review(self) -> None:
        self.app.action_review()

    def action_toggle_order(self) -> None:
        """This column by urgency (most overdue follow-up first) or by arrival."""
        title = STAGE_TITLES[self.model.columns[self.model.col].stage]
        urgent = self.model.toggle_order()
        self.board.changed()
        order = "most overdue follow-up first" if urgent else "newest arrival first"
        self.notify(f"{title}: {order} — z to switch", timeout=3)

    def action_undo(self) -> None:
        if self.app.undo_and_say():
            self.refresh_board()

    @work
    async def action_delete(self) -> None:
        card = self._card()
        if card is None:
            return
        from infoterm.tui.screens.confirm import ConfirmModal

        question = f"Delete {card.name}?\nTheir history goes with them. u undoes."
        if await self.app.push_screen_wait(ConfirmModal(question, yes="Delete")):
            self.app.run_guarded(self.app.services.contacts.delete, card.id)
            self.refresh_board()
            self.notify(f"Deleted {card.name} — u to undo")

    # -- filter --------------------------------------------------------------------------

    def _filter_box(self) -> Input | None:
        found = self.query("#filter")
        return found.first(Input) if found else None

    def action_filter(self) -> None:
        box = self._filter_box()
        if box is None:  # mounted on first use: the first paint does not pay for it
            box = Input(
                placeholder=(
                    "Filter by name, organisation, title, tag or source"
                    " — enter keeps it, esc clears"
                ),
                id="filter",
            )
            self.mount(box, before=self.query_one(Footer))
        box.add_class("shown")
        box.focus()

    @on(Input.Changed, "#filter")
    @keeps_rows
    def _filter_changed(self, event: Input.Changed) -> None:
        self.model.set_query(BoardQuery(event.value, self.model.query.archived))
        self._show_model()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        box = self.query_one("#filter", Input)
        if not box.value:
            box.remove_class("shown")
        self.board.focus()

    def action_clear_filter(self) -> None:
        box = self._filter_box()
        if box is not None and (box.value or box.has_class("shown")):
            box.value = ""
            box.remove_class("shown")
            self.board.focus()

    def on_key(self, event: Any) -> None:
        box = self._filter_box()
        if event.key == "escape" and box is not None and box.has_focus:
            self.action_clear_filter()
            event.stop()

    def focus_contact(self, contact_id: int) -> bool:
        if not self.model.focus(contact_id):
            self.model.set_query(BoardQuery(archived=True))
            if not self.model.focus(contact_id):
                return False
        self.board.changed()
        return True

    # -- your network (address book, import, referrals, organisations, stats) ------------

    def network_commands(self) -> list[tuple[str, str, Callable[[], Any]]]:
        """Palette entries for the network keys (hidden from the footer)."""
        return [
            ("Address book: imported people not on the board", "key: b", self.action_address_book),
            ("Import people from a file (LinkedIn, CSV)", "key: i", self.action_import_file),
            ("Referral chains", "key: R", self.action_referrals),
            ("Organisation of the card", "key: o", self.action_organisation),
            ("Organisations", "key: O", self.action_organisations),
            ("Sort this column by urgency or by arrival", "key: z", self.action_toggle_order),
            ("Statistics", "key: S", self.action_stats),
        ]

    def action_address_book(self) -> None:
        from infoterm.tui.screens.address_book import AddressBookScreen

        self.app.push_screen(AddressBookScreen())

    @work
    async def action_import_file(self) -> None:
        from infoterm.tui.screens.import_file import ImportFileModal

        summary = await self.app.push_screen_wait(ImportFileModal())
        if summary is not None:
            self.refresh_board()
            self.notify(summary.describe(), timeout=6)

    def action_referrals(self) -> None:
        from infoterm.tui.screens.referrals import ReferralsScreen

        card = self.model.current
        self.app.push_screen(ReferralsScreen(card.id if card else None, all_chains=True))

    def action_organisation(self) -> None:
        card = self._card()
        if card is None:
            return
        org_id = self.app.run_guarded(self.app.reads.organisation_of, card.id)
        if org_id is None:
            self.notify(f"{card.name} has no organisation; press e to add one", severity="warning")
            return
        from infoterm.tui.screens.organisation import OrganisationScreen

        self.app.push_screen(OrganisationScreen(org_id))

    def action_organisations(self) -> None:
        self.app.action_organisations()

    def action_stats(self) -> None:
        from infoterm.tui.screens.stats import StatsScreen

        self.app.push_screen(StatsScreen())
