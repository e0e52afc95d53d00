"""Request and schedule from any screen: the form, the service call and the toast.

The board and the contact screen share these, so the two keys (r, s) do the same thing
wherever they are pressed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from infoterm.meeting import MeetingPlan

if TYPE_CHECKING:
    from infoterm.tui.app import InfotermApp


def ask_request(app: InfotermApp, contact_id: int, name: str, done: Callable[[], None]) -> None:
    """Record that you asked them for a conversation, and for how long."""
    from infoterm.tui.screens.meeting_form import MeetingFormModal

    services = app.services
    current = app.run_guarded(app.reads.meeting_preview, contact_id)
    if current is None:
        return
    plan = MeetingPlan(current.promised_minutes)

    def asked(result: MeetingPlan | None) -> None:
        if result is None:
            return
        view = app.run_guarded(
            services.meetings.record_request, contact_id, result.promised_minutes, result.channel
        )
        if view is not None:
            done()
            app.notify(
                f"Recorded your request to {name}: "
                f"{result.promised_minutes} minutes promised — u to undo the move"
            )

    title = f"You asked {name} for a conversation"
    app.push_screen(MeetingFormModal(title, plan, request=True), asked)


def ask_schedule(app: InfotermApp, contact_id: int, name: str, done: Callable[[], None]) -> None:
    """Set or move the time of the next meeting (they said yes)."""
    from infoterm.tui.screens.meeting_form import MeetingFormModal

    services = app.services
    current = app.run_guarded(app.reads.meeting_preview, contact_id)
    if current is None:
        return
    if current.started:
        app.notify(f"The meeting with {name} has started; its time is set", severity="warning")
        return
    plan = MeetingPlan(
        current.promised_minutes, current.scheduled_at, current.location, current.agenda
    )

    def saved(result: MeetingPlan | None) -> None:
        if result is None:
            return
        view = app.run_guarded(services.meetings.schedule, contact_id, result)
        if view is None:
            return
        done()
        if view.scheduled_at is not None:
            when = app.clock.to_local(view.scheduled_at)
            app.notify(f"Meeting with {name} {when:%a %d %b %H:%M}; prepare the day before")
        else:
            app.notify(f"The meeting with {name} has no time now")

    app.push_screen(MeetingFormModal(f"Meeting with {name}", plan), saved)
