"""A meeting that has ended, read only: its notes, the questions asked, how the talk was
shared and how long it lasted against what you promised."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from infoterm.meeting import CHECKLIST
from infoterm.screens import SCREENS_CSS
from infoterm.textsafe import visible, visible_lines
from infoterm.widgets.footer import Footer

if TYPE_CHECKING:
    from infoterm.app import InfotermApp
    from infoterm.services.meeting_view import MeetingView


def length_line(view: MeetingView) -> str:
    """How long it lasted against the promise: "22 of 20 min, 2 min over"."""
    minutes, promised = view.minutes, view.promised_minutes
    if minutes is None:
        return f"{promised} min promised; its length was not recorded"
    if view.timer.started_at is None or view.ended_on_time is None:
        return f"{minutes} min (logged afterwards; {promised} promised)"
    if view.ended_on_time:
        return f"{minutes} of {promised} min: ended on time"
    over = max(round((view.overtime_seconds or 0) / 60), 1)
    return f"{minutes} of {promised} min: {over} min over"


def talk_line(view: MeetingView) -> str:
    me, them = view.talk.me_seconds, view.talk.them_seconds
    if me + them <= 0:
        return "not measured (no talk meter)"
    share = round(100 * me / (me + them))
    measured = max(round((me + them) / 60), 1)
    return f"you {share}%, them {100 - share}% (of {measured} min measured)"


class PastMeetingScreen(Screen[None]):
    """Read only: nothing here writes to the meeting."""

    CSS_PATH = SCREENS_CSS

    help_title = "A past meeting"
    help_text = (
        "What was said and how it went, as recorded when the meeting ended. Read only:\n"
        "the notes are yours as you left them."
    )

    BINDINGS = [
        Binding("escape,backspace,q", "back", "Back", id="past-meeting-back"),
    ]

    app: InfotermApp

    def __init__(self, meeting_id: int) -> None:
        super().__init__()
        self.meeting_id = meeting_id

    def compose(self) -> ComposeResult:
        with Horizontal(id="past-body"):
            with VerticalScroll(id="past-card"):
                yield Static(id="past-head")
                yield Static(id="past-facts")
                yield Static(id="past-asked")
            with VerticalScroll(id="past-notes-box"):
                yield Static(id="past-notes")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#past-notes-box").border_title = "Notes"
        view = self.app.run_guarded(self.app.services.meetings.get, self.meeting_id)
        if view is None:
            self.app.pop_screen()
            return
        local = self.app.clock.to_local
        when = view.timer.started_at or view.scheduled_at
        head = Content.assemble(("Meeting with ", "bold"), (visible(view.contact_name), "bold"))
        if view.organisation:
            head += Content(" · " + visible(view.organisation))
        head += Content("\n" + (f"{local(when):%A %d %B %Y, %H:%M}" if when else "time not set"))
        self.query_one("#past-head", Static).update(head)
        private = getattr(self.app, "privacy", False)
        facts = [
            ("Length", length_line(view)),
            ("Talk share", "•••" if private else talk_line(view)),
        ]
        if view.location:
            facts.append(("Where", view.location))
        if view.agenda:
            facts.append(("Agenda", " ".join(view.agenda.split())))
        if view.referrals:
            facts.append(("Referred", ", ".join(view.referrals)))
        lines = [Content.assemble((f"{label:<11}", "dim"), visible(text)) for label, text in facts]
        self.query_one("#past-facts", Static).update(Content("\n").join(lines))
        self.query_one("#past-asked", Static).update(self._asked(view))
        notes = view.notes.strip()
        self.query_one("#past-notes", Static).update(
            Content("•••")
            if private and notes
            else Content(visible_lines(notes))
            if notes
            else Content.assemble(("No notes were written in this meeting.", "dim italic"))
        )

    def _asked(self, view: MeetingView) -> Content:
        asked = [q for q in view.questions if q.asked]
        lines = [Content.assemble((f"Questions asked · {len(asked)}", "bold"))]
        lines += [Content("  ✓ " + visible(q.text)) for q in asked]
        if not asked:
            lines.append(Content.assemble(("  none ticked", "dim")))
        lines.append(Content.assemble(("Checklist", "bold")))
        for key, text in CHECKLIST:
            ticked = view.checklist.get(key, False)
            lines.append(
                Content("  ✓ " + text) if ticked else Content.assemble(("  · " + text, "dim"))
            )
        return Content("\n").join(lines)

    def action_back(self) -> None:
        self.app.pop_screen()
