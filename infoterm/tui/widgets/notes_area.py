"""Where you type in a meeting: the notes, and the referral line. Both keep the meeting's
keys within reach while typing."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input, TextArea


class NotesArea(TextArea):
    """Letters type; ctrl+t switches who is talking; escape hands the keys to the timer."""

    BINDINGS = [
        Binding("ctrl+t", "screen.talk_typing", "Who's talking", id="meeting-talk-typing"),
        Binding("escape", "screen.timer_keys", "Timer keys", id="meeting-leave-notes"),
    ]


class ReferralInput(Input):
    """The referral line: enter adds the names; escape hands the keys to the timer."""

    BINDINGS = [Binding("escape", "screen.timer_keys", "Timer keys", id="meeting-leave-referrals")]
