"""The meeting's notes: saved within a second of typing, never lost.

A save that fails (the server away, a lock) keeps the notes in memory and in a local
recovery file; another window's change to the same notes is merged, both texts kept.
The meeting screen (screens/meeting.py) is built on :class:`NotesKeeper`.
"""

from __future__ import annotations

import contextlib
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Any

from textual import on
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import TextArea

from infoterm.textsafe import for_editor, from_editor
from infoterm.tui.widgets.literal import literal
from infoterm.tui.widgets.notes_area import NotesArea

if TYPE_CHECKING:
    from infoterm.services.meetings import MeetingView
    from infoterm.tui.app import InfotermApp

SAVE_IDLE = 0.5  # save once typing pauses this long...
SAVE_AT_MOST = 0.75  # ...and never leave an edit unsaved longer than this


class NotesKeeper(Screen[None]):
    """Keeps the ``#notes`` editor of a meeting saved. The screen built on it sets
    ``view`` and says where the meeting is stored (``_stored_id``)."""

    app: InfotermApp

    def __init__(self) -> None:
        super().__init__()
        self.view: MeetingView | None = None
        self._saved_text = ""
        self._unsaved: str | None = None  # where notes a save could not store are kept
        self._text = ""  # the notes as in the editor (kept so they can be saved after unmount)
        self._dirty_since: float | None = None
        self._last_edit = 0.0
        self._notes_version: int | None = None  # the row's version the notes were read at

    def _stored_id(self) -> int | None:
        """The meeting's id, storing the meeting first if need be."""
        raise NotImplementedError

    @on(TextArea.Changed, "#notes")
    def _notes_changed(self, event: TextArea.Changed) -> None:
        self._text = event.text_area.text
        if self._typed() == self._saved_text:
            self._dirty_since = None
            return
        now = self.app.clock.monotonic()
        self._last_edit = now
        if self._dirty_since is None:
            self._dirty_since = now
            self.query_one("#notes", NotesArea).border_subtitle = "editing…"

    def _load_notes(self, notes: NotesArea, stored: str) -> None:
        """Show the stored notes, their controls written out (``\\x1b``): the editor never
        sends one to the terminal. Left as shown, they stay as stored; see _typed."""
        self._saved_text = stored
        self._text = for_editor(stored, lines=True)
        notes.load_text(self._text)

    def _typed(self) -> str:
        """The notes a save would store: the stored text while the editor still shows it
        as loaded, else the editor's text (a written-out control is ordinary text by then)."""
        return from_editor(self._text, self._saved_text, lines=True)

    def _maybe_save(self) -> None:
        if self._dirty_since is None:
            return
        now = self.app.clock.monotonic()
        if now - self._last_edit >= SAVE_IDLE or now - self._dirty_since >= SAVE_AT_MOST:
            self.flush_notes()

    def flush_notes(self) -> None:
        """Write the notes now if they changed since the last save."""
        text = self._typed()
        if self.view is None or text == self._saved_text:
            self._dirty_since = None
            return
        meeting_id = self._stored_id()
        if meeting_id is None:
            return
        saved = self._save_or_keep(meeting_id, text)
        if saved is None:
            return  # kept in memory and in the recovery file; tried again
        self._notes_version = saved.version
        self._saved_text = saved.text
        self._text = for_editor(saved.text, lines=True)
        self._dirty_since = None
        if saved.merged:
            self._show_merged(text, saved.text)
        self._show_saved()

    def _save_or_keep(self, meeting_id: int, text: str) -> Any:
        """Save; when that fails (the server away, a lock), keep the notes in memory and in
        a local recovery file, say so once, and say so again when they are saved."""
        from infoterm import notes_recovery
        from infoterm.services import ServiceError

        folder = self.app.recovery_dir
        try:
            saved = self._save_notes(meeting_id, text)
        except ServiceError as exc:
            kept = notes_recovery.keep(folder, meeting_id, text)
            where = f"kept here and in {kept}" if kept else "kept here"
            if self._unsaved is None:
                self.notify(
                    f"{exc} — your notes are {where}, and saved when it works again",
                    severity="error",
                    timeout=10,
                )
            self._unsaved = where
            with contextlib.suppress(NoMatches):
                self.query_one("#notes", NotesArea).border_subtitle = literal(
                    f"not saved yet: {where}"
                )
            return None
        if self._unsaved is not None:
            notes_recovery.forget(folder, meeting_id)
            self._unsaved = None
            self.notify("Your notes are saved now (the database is back)", timeout=6)
        return saved

    def _save_notes(self, meeting_id: int, text: str) -> Any:
        return self.app.services.meetings.save_notes(
            meeting_id, text, version=self._notes_version, base=self._saved_text
        )

    def _show_merged(self, typed: str, merged: str) -> None:
        """Another window changed these notes too: show both texts, kept and marked."""
        try:
            notes = self.query_one("#notes", NotesArea)
        except NoMatches:  # saved while the screen is being taken down: it is stored
            return
        row, column = notes.cursor_location
        blocks = SequenceMatcher(
            None, typed.split("\n"), merged.split("\n"), autojunk=False
        ).get_matching_blocks()
        row = next((b + row - a for a, b, size in blocks if a <= row < a + size), row)
        notes.load_text(for_editor(merged, lines=True))
        notes.move_cursor((row, column))
        self.notify(
            "These notes were changed in another window too: both texts are kept, "
            'theirs after the line "── changed in another window ──"',
            severity="warning",
            timeout=8,
        )

    def _show_saved(self) -> None:
        if self.view is None:
            return
        try:
            notes = self.query_one("#notes", NotesArea)
        except NoMatches:  # saved while the screen is being taken down
            return
        saved_at = self.view.notes_saved_at if self._saved_text == self.view.notes else None
        if saved_at is None and self._saved_text:
            saved_at = self.app.clock.now()
        notes.border_subtitle = literal(
            f"saved {self.app.clock.to_local(saved_at):%H:%M:%S}" if saved_at else ""
        )

    def on_screen_suspend(self) -> None:
        self.flush_notes()

    def on_unmount(self) -> None:
        self.flush_notes()
