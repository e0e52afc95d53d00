"""The meeting screen: the timer that keeps your promise, and notes that keep every word.

Time is never counted here: an interval asks ``timer.read(state, clock.now())`` again and
shows the answer. Every action goes through the meeting service, which writes it to the
database at once; the notes are saved within a second of typing (meeting_notes.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Static, TextArea

from infoterm import timer
from infoterm.meeting import (
    EXTEND_MINUTES,
    MeetingPlan,
    left_text,
    minutes_text,
    promise_text,
    share_text,
)
from infoterm.tui.screens import SCREENS_CSS
from infoterm.tui.screens.meeting_items import brief_content, checklist_items, question_items
from infoterm.tui.screens.meeting_notes import NotesKeeper
from infoterm.tui.widgets.big_clock import BigClock
from infoterm.tui.widgets.footer import Footer
from infoterm.tui.widgets.literal import literal
from infoterm.tui.widgets.meeting_brief import MeetingBrief
from infoterm.tui.widgets.notes_area import NotesArea, ReferralInput
from infoterm.tui.widgets.tick_list import TickList
from infoterm.tui.widgets.timer_panel import TimerFigures, TimerPanel

if TYPE_CHECKING:
    from infoterm.services.meetings import MeetingView
    from infoterm.tui.app import InfotermApp

TICK_SECONDS = 0.25  # how often the clock is re-read (and the notes checked)
SHORT_HEIGHT = 30  # below this many rows, questions and checklist take turns
# Actions of the timer keys; hidden from the footer while you type.
TIMER_ACTIONS = {"toggle_pause", "extend", "talk", "end", "focus_notes", "details", "back"}
LIVE_ACTIONS = {"toggle_pause", "extend", "talk", "talk_typing", "end", "details"}
CLOSING_PANES = {"checklist", "referrals"}
PANES = ("#timer-panel", "#notes", "#questions", "#checklist", "#referrals", "#brief")


class MeetingScreen(NotesKeeper):
    CSS_PATH = SCREENS_CSS

    help_title = "The meeting"
    help_text = (
        "Notes have the keys when the screen opens: type freely, ctrl+t switches who is "
        "talking. Escape hands the keys to the timer; enter or tab comes back to the notes.\n"
        "Wrap-up starts before the promise runs out (the lead is a setting); the closing "
        "checklist and the referral line are below the timer."
    )

    BINDINGS = [
        Binding("space", "toggle_pause", "Start/pause", id="meeting-pause"),
        Binding(
            "plus", "extend", "+5 min", key_display="+", id="meeting-extend"
        ),  # EXTEND_MINUTES (tests/test_keymap.py)
        Binding("t", "talk", "Who's talking", id="meeting-talk"),
        Binding("e", "end", "End", id="meeting-end"),
        Binding("s", "details", "Details", id="meeting-details"),
        Binding("enter", "focus_notes", "Notes", id="meeting-notes"),
        Binding("escape", "back", "Board", id="meeting-back"),
        Binding("tab", "cycle(1)", "Next pane", priority=True, id="meeting-next-pane"),
        Binding(
            "shift+tab", "cycle(-1)", "Previous pane", show=False, priority=True, id="meeting-prev"
        ),
    ]

    app: InfotermApp

    def __init__(self, contact_id: int, minutes: int | None = None) -> None:
        super().__init__()
        self.contact_id = contact_id
        self.minutes = minutes
        self._reading: timer.Reading | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="meeting-head")
        yield Static(id="meeting-banner")
        with Horizontal(id="meeting-body"):
            with Vertical(id="meeting-left"):
                yield TimerPanel(id="timer-panel")
                yield TickList(id="questions")
                with Vertical(id="checklist-box"):
                    yield TickList(id="checklist")
                    yield ReferralInput(
                        placeholder="Names they suggest: Ann Lee, Bo Chan ⏎",
                        id="referrals",
                    )
                    yield Static(id="referral-names")
            with Vertical(id="meeting-right"):
                yield MeetingBrief(id="brief")
                yield NotesArea(id="notes", soft_wrap=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#questions", TickList).border_title = "Questions"
        self.query_one("#checklist-box").border_title = "Closing checklist"
        self.query_one("#notes", NotesArea).border_title = "Notes"
        self.query_one("#brief", MeetingBrief).border_title = "Brief"
        view = self.app.run_guarded(self.app.reads.meeting_preview, self.contact_id, self.minutes)
        if view is None:
            self.app.pop_screen()
            return
        if self.minutes is not None and view.started and view.promised_minutes != self.minutes:
            self.notify(
                f"This meeting is already running with a {view.promised_minutes}-minute "
                "promise; --minutes was not applied",
                severity="warning",
            )
        notes = self.query_one("#notes", NotesArea)
        self._load_notes(notes, view.notes)
        self.show_view(view)
        self._show_saved()
        self.set_interval(TICK_SECONDS, self.tick)
        self.on_resize()
        notes.focus()
        notes.move_cursor(notes.document.end)

    # -- showing -------------------------------------------------------------------------

    def show_view(self, view: MeetingView) -> None:
        """Show a fresh meeting read from the service (the notes text is left alone)."""
        if self.view is None or self.view.ended != view.ended:
            self.refresh_bindings()
        if self.view is None or view.notes == self._saved_text:
            # Only a row whose notes are the ones shown vouches for them: otherwise the next
            # save must compare the texts (another window typed) and merge.
            self._notes_version = view.version
        self.view = view
        head = Content.assemble("Meeting with ", literal(view.contact_name, "bold"))
        who = ", ".join(p for p in (view.title, view.organisation) if p)
        if who:
            head += literal(f" · {who}")
        details = []
        if view.scheduled_at is not None:
            details.append(f"{self.app.clock.to_local(view.scheduled_at):%a %d %b %H:%M}")
        if view.location:
            details.append(view.location)
        if view.agenda:
            details.append(f"agenda: {' '.join(view.agenda.split())}")
        if details:
            head += Content("\n") + literal(" · ".join(details), "dim")
        self.query_one("#meeting-head", Static).update(head)
        self.query_one("#questions", TickList).show(question_items(view, self.app.clock))
        self.query_one("#checklist", TickList).show(checklist_items(view))
        if view.brief is not None:
            goal = self.app.settings.me_goal
            self.query_one("#brief", MeetingBrief).show(brief_content(view, goal, self.app.clock))
        names = ", ".join(view.referrals)
        named = self.query_one("#referral-names", Static)
        named.update(Content.assemble(("Referred:", "dim"), " ", literal(names)))
        named.display = bool(names)
        self.tick(force=True)

    def tick(self, force: bool = False) -> None:
        """Re-read the timer at the clock's now; act on a phase change; save notes if due."""
        view = self.view
        if view is None:
            return
        now = self.app.clock.now()
        reading = timer.read(view.timer, now)
        before = self._reading
        self._reading = reading
        self.query_one(TimerPanel).show(
            TimerFigures(
                reading=reading,
                promised_minutes=view.promised_minutes,
                extra_minutes=view.timer.extra_minutes,
                share=timer.my_share(view.talk, now),
                speaker=view.talk.speaker,
                talk_running=view.talk.since is not None,
            )
        )
        if (
            force
            or before is None
            or (before.phase, before.paused)
            != (
                reading.phase,
                reading.paused,
            )
            or reading.phase == "wrapup"  # the banner counts down the time actually left
        ):
            self._show_phase(reading)
        if before is not None and before.phase != reading.phase:
            self._phase_changed(before, reading)
        self._maybe_save()

    def _show_phase(self, reading: timer.Reading) -> None:
        for phase in ("ready", "running", "wrapup", "overtime", "ended"):
            self.set_class(reading.phase == phase, f"-{phase}")
        self.set_class(reading.paused, "-paused")
        self.set_class(reading.phase in ("wrapup", "overtime", "ended"), "-closing")
        banner = self.query_one("#meeting-banner", Static)
        view = self.view
        assert view is not None
        if reading.phase == "wrapup":
            banner.update(literal(f"{left_text(reading.remaining)} — start wrapping up"))
        elif reading.phase == "overtime":
            extra = view.timer.extra_minutes
            promise = (
                promise_text(view.promised_minutes, extra)
                if extra
                else minutes_text(view.promised_minutes)
            )
            banner.update(literal(f"Over time — you promised {promise}"))
        elif reading.phase == "ended":
            banner.update(literal(f"Meeting ended · {self._ended_summary(view)}"))
        elif reading.paused:
            banner.update("Paused — space resumes")
        else:
            banner.update("")

    def _ended_summary(self, view: MeetingView) -> str:
        verdict = "on time" if view.ended_on_time else "over time"
        share = share_text(timer.my_share(view.talk, self.app.clock.now()))
        length = timer.format_seconds(view.duration_seconds or 0)
        return " · ".join(p for p in (f"{length} of {self._promise(view)}", verdict, share) if p)

    @staticmethod
    def _promise(view: MeetingView) -> str:
        """ "3 min" or "3 + 5 min offered": on-time is judged against both."""
        return promise_text(view.promised_minutes, view.timer.extra_minutes)

    def _phase_changed(self, before: timer.Reading, after: timer.Reading) -> None:
        self.flush_notes()
        entering_wrapup = after.phase == "wrapup" and before.phase in ("ready", "running")
        if entering_wrapup and self.app.settings.meeting_bell:
            self.app.bell()

    def on_resize(self, event: Any = None) -> None:
        short = self.size.height < SHORT_HEIGHT
        self.set_class(short, "-short")
        self.query_one(BigClock).compact = short

    # -- keys ----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        typing = isinstance(self.focused, TextArea | Input)
        if typing and action in TIMER_ACTIONS:
            return False
        if action in LIVE_ACTIONS and self.view is not None and self.view.ended:
            return None  # shown dimmed: an ended meeting keeps only its notes and lists
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()
        focused = self.focused
        closing = focused is not None and focused.id in CLOSING_PANES
        # On a short screen the checklist box takes the questions' place while you are in it,
        # so the referral line is on the screen whenever it has the keys.
        self.set_class(closing, "-in-checklist")
        if closing and focused is not None:
            self.call_after_refresh(focused.scroll_visible, animate=False)

    def _panes(self) -> list[Widget]:
        chain = self.focus_chain
        return [
            w
            for selector in PANES
            if (w := self.query_one(selector)) in chain or w.id in CLOSING_PANES
        ]

    def action_cycle(self, delta: int) -> None:
        panes = self._panes()
        if not panes:
            return
        current = self.focused
        index = next((i for i, w in enumerate(panes) if current is w), -1)
        target = panes[(index + delta) % len(panes)]
        if target.id in CLOSING_PANES:
            self.add_class("-in-checklist")  # shown first: a hidden widget takes no focus
        self.set_focus(target)  # at once: keys may queue

    def action_timer_keys(self) -> None:
        self.flush_notes()
        self.set_focus(self.query_one(TimerPanel))

    def action_focus_notes(self) -> None:
        self.set_focus(self.query_one("#notes", NotesArea))

    def action_back(self) -> None:
        self.flush_notes()
        if self._reading is not None and self._reading.phase in ("running", "wrapup", "overtime"):
            self.notify("The meeting keeps running: m on their card brings it back", timeout=4)
        self.app.pop_screen()

    def _stored_id(self) -> int | None:
        """The meeting's id, storing it first if opening the screen has not (the screen
        stores nothing until the clock starts, it is scheduled or something is written)."""
        view = self.view
        if view is None:
            return None
        if view.stored:
            return view.id
        stored = self.app.run_guarded(
            self.app.services.meetings.open_for, view.contact_id, view.promised_minutes
        )
        if stored is None:
            return None
        self.view = stored
        # Another window may have stored this meeting, with notes, since the preview was
        # read: a version no row has makes the next save merge rather than overwrite.
        same = (stored.notes or "") == self._saved_text
        self._notes_version = stored.version if same else 0
        return stored.id

    def _call(self, method: Any, *args: Any) -> MeetingView | None:
        """Run a meeting service call and show the result."""
        view = self.app.run_guarded(method, *args)
        if view is not None:
            self.show_view(view)
        return view

    def action_toggle_pause(self) -> None:
        if self.view is None:
            return
        meetings = self.app.services.meetings
        if not self.view.started:
            meeting_id = self._stored_id()
            if meeting_id is not None:
                self._call(meetings.start, meeting_id)
        elif self.view.ended:
            self.notify("This meeting has ended", severity="warning")
        else:
            self._call(meetings.toggle_pause, self.view.id)

    def action_extend(self) -> None:
        if self.view is None:
            return
        meeting_id = self._stored_id()
        if meeting_id is None:
            return
        view = self._call(self.app.services.meetings.extend, meeting_id)
        if view is not None:
            total = view.promised_minutes + view.timer.extra_minutes
            self.notify(f"+{EXTEND_MINUTES} min: they offered more time (now {total} in all)")

    def action_talk_typing(self) -> None:
        self.action_talk()

    def action_talk(self) -> None:
        meeting_id = self._stored_id()
        if meeting_id is not None:
            self._call(self.app.services.meetings.talk_switch, meeting_id)

    @work
    async def action_end(self) -> None:
        view = self.view
        if view is None:
            return
        if not view.started or view.ended:
            message = "This meeting has ended" if view.ended else "The meeting has not started"
            self.notify(message, severity="warning")
            return
        from infoterm.tui.screens.confirm import ConfirmModal

        reading = timer.read(view.timer, self.app.clock.now())
        question = (
            f"End the meeting with {view.contact_name}?\n"
            f"{timer.format_seconds(int(reading.elapsed.total_seconds()))} so far of "
            f"{self._promise(view)}{'' if view.timer.extra_minutes else ' promised'}. "
            "The card moves to Met."
        )
        if not await self.app.push_screen_wait(ConfirmModal(question, yes="End")):
            return
        self.flush_notes()
        # Met: the end can leave an active employer exhausted (the toast says who is next).
        ended = self.app.run_watching_targets(self.app.services.meetings.end, view.id)
        if ended is None:
            return
        self.show_view(ended)
        self.notify(f"Ended: {self._ended_summary(ended)}. {view.contact_name} is in Met.")
        self.offer_debrief(ended.id, view.contact_name)

    def offer_debrief(self, meeting_id: int, name: str) -> None:
        """The short debrief, skippable with esc (the meeting is already recorded)."""
        from infoterm.tui.screens.debrief import DebriefModal, debrief_summary

        def done(result: Any) -> None:
            if result is None:
                return
            self.notify(debrief_summary(result), timeout=6)
            fresh = self.app.run_guarded(self.app.reads.meeting, meeting_id)
            if fresh is None:
                return
            if result.learned and fresh.notes != self._saved_text:
                self._load_notes(self.query_one("#notes", NotesArea), fresh.notes)
                self._notes_version = fresh.version
            self.show_view(fresh)

        self.app.push_screen(DebriefModal(meeting_id, name), done)

    def action_details(self) -> None:
        view = self.view
        if view is None:
            return
        if view.started:
            self.notify("The meeting has started; its details are set", severity="warning")
            return
        from infoterm.tui.screens.meeting_form import MeetingFormModal

        plan = MeetingPlan(view.promised_minutes, view.scheduled_at, view.location, view.agenda)

        def saved(result: MeetingPlan | None) -> None:
            if result is not None:
                self._call(self.app.services.meetings.schedule, view.contact_id, result)

        self.app.push_screen(MeetingFormModal(f"Meeting with {view.contact_name}", plan), saved)

    # -- lists ---------------------------------------------------------------------------

    @on(TickList.Toggled, "#questions")
    def _question_ticked(self, event: TickList.Toggled) -> None:
        if self.view is not None and event.key.startswith("q"):
            meeting_id = self._stored_id()
            if meeting_id is not None:
                self._call(self.app.services.meetings.tick_question, meeting_id, int(event.key[1:]))

    @on(TickList.Toggled, "#checklist")
    def _checklist_ticked(self, event: TickList.Toggled) -> None:
        meeting_id = self._stored_id()
        if meeting_id is not None:
            self._call(self.app.services.meetings.tick_checklist, meeting_id, event.key)

    @on(Input.Submitted, "#referrals")
    def _referrals(self, event: Input.Submitted) -> None:
        if self.view is None or not event.value.strip():
            return
        meeting_id = self._stored_id()
        if meeting_id is None:
            return
        result = self.app.run_guarded(
            self.app.services.meetings.add_referrals, meeting_id, event.value
        )
        if result is None:
            return
        event.input.value = ""
        self.show_view(result.view)
        said = []
        if result.added:
            said.append(
                f"Added {', '.join(result.added)} to Identified, "
                f"referred by {self.view.contact_name}"
            )
        if result.already_known:
            said.append(f"already on your board: {', '.join(result.already_known)}")
        self.notify("; ".join(said))
