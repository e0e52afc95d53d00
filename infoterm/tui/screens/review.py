"""The daily review: what is owed to whom, cleared in one keyboard pass.

Open follow-ups grouped as Overdue, Today and Next 7 days (read with the same query as
``infoterm due``), with today's meetings on top. Acting on a row moves the cursor on to
the next one, so d d s x d clears a morning.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from infoterm import followup_policy as rules
from infoterm.store.reader import DueRow, MeetingRow
from infoterm.textsafe import visible
from infoterm.tui.screens import SCREENS_CSS
from infoterm.tui.screens.followup_actions import FollowUpActions, followup_item
from infoterm.tui.widgets.followup_list import FollowUpList, ListItem
from infoterm.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from infoterm.tui.app import InfotermApp

T = TypeVar("T")

POLL_SECONDS = 2.0
LOOK_AHEAD = timedelta(days=366)  # how far the done-for-today line looks for what is next
NOTHING = {
    "overdue": "Nothing overdue.",
    "today": "Nothing else due today.",
    "week": "Nothing due in the next 7 days.",
}


def done_for_today(rows: list[DueRow], meetings: list[MeetingRow], now_local: datetime) -> bool:
    """Nothing overdue, nothing else due today, and no meeting today still to be held."""
    group_of = rules.grouper(now_local)
    if any(group_of(r.due) in ("overdue", "today") for r in rows):
        return False
    return all(m.state == "ended" for m in meetings)


def done_text(upcoming: DueRow | None, now_local: datetime) -> str:
    """The calm line at the top of a day that is done, naming what comes next."""
    if upcoming is None:
        return "Done for today: nothing else is due. a adds a follow-up."
    item = followup_item(upcoming, now_local, "")
    return f"Done for today. Next: {item.label} · {item.who} · {item.when}."


def no_request_text(names: list[str]) -> str:
    """Nothing is due, but an active employer has nobody asked yet: the day is not done."""
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    return f"Nothing due, but no request out at {shown}: ask someone there (O: organisations)."


def build_items(
    rows: list[DueRow], meetings: list[MeetingRow], now_local: datetime, done: str = ""
) -> list[ListItem]:
    """The review's lines: the done-for-today line (when ``done``), today's meetings, then
    each group with its follow-ups."""
    items: list[ListItem] = [ListItem("note", done)] if done else []
    if meetings:
        items.append(ListItem("header", f"Today's meetings · {len(meetings)}"))
        for m in meetings:
            local = m.at.astimezone(now_local.tzinfo)
            state = "" if m.state == "scheduled" else f" ({m.state})"
            held = m.state == "ended" and m.duration_seconds is not None
            items.append(
                ListItem(
                    "meeting",
                    key=m.id,
                    contact_id=m.contact_id,
                    when=f"{local:%H:%M}{state}",
                    # held: how long it lasted; to come: the length you promised
                    label=f"{round((m.duration_seconds or 0) / 60)} min"
                    if held
                    else f"{m.promised_minutes} min",
                    who=m.contact,
                    org=m.organisation,
                    why=(f"held; you promised {m.promised_minutes} min" if held else "")
                    or m.location
                    or "you promised to keep it to the minute",
                )
            )
    group_of = rules.grouper(now_local)
    groups: dict[str, list[DueRow]] = {}
    for r in rows:
        groups.setdefault(group_of(r.due), []).append(r)
    for group, level in (("overdue", "late"), ("today", "soon"), ("week", "")):
        found = groups.get(group, [])
        title = f"{rules.GROUP_TITLES[group]} · {len(found)}"
        items.append(ListItem("header", title, level=level if found else ""))
        if not found:
            items.append(ListItem("note", NOTHING[group]))
        for r in found:
            items.append(followup_item(r, now_local, level, org=r.organisation))
    return items


class ReviewScreen(FollowUpActions, Screen[None]):
    CSS_PATH = SCREENS_CSS

    help_title = "The daily review"
    help_text = (
        "Everything owed, most overdue first. d marks done (and logs a touch), s snoozes a\n"
        "day, S to a date you type, x dismisses, w writes the note, u undoes the last one.\n"
        "⏾ marks a snoozed follow-up. `infoterm due` prints the same list in a shell."
    )

    BINDINGS = [
        Binding("d", "done", "Done", id="review-done"),
        Binding("s", "snooze_day", "Snooze 1 day", id="review-snooze"),
        Binding("S", "snooze_to", "Snooze to…", id="review-snooze-to"),
        Binding("x", "dismiss_followup", "Dismiss", id="review-dismiss"),
        Binding("w", "write", "Write note", id="review-write"),
        Binding("enter", "open", "Open", id="review-open"),
        Binding("a", "add", "Add", id="review-add"),
        Binding("u", "undo", "Undo", id="review-undo"),
        Binding("escape,t", "back", "Board", key_display="esc", id="review-back"),
    ]

    app: InfotermApp
    _version: int | None = None  # the change counter when last read; None: never read

    def compose(self) -> ComposeResult:
        yield Static(id="review-title")
        yield FollowUpList(id="review-list")
        yield Static(id="review-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.reload(first=True)
        self.set_interval(POLL_SECONDS, self._poll)
        self.set_interval(60, self.reload)  # "in 3h" becomes "in 2h", today becomes overdue
        self.query_one(FollowUpList).focus()

    @property
    def list(self) -> FollowUpList:
        return self.query_one(FollowUpList)

    # -- data ----------------------------------------------------------------------------

    def reload(self, first: bool = False) -> None:
        """Read the list again. With the database server away the list stays as it was
        (the app's banner says why; it calls this again when the server is back)."""
        try:
            self._read(first)
        except Exception as error:
            if not self.app.server_lost(error):
                raise
            if self._version is None:  # nothing read yet: say what the empty list means
                self.query_one("#review-title", Static).update(
                    Content.assemble(
                        ("Daily review", "bold"),
                        "  ·  waiting for the database server; the list shows when it is back",
                    )
                )

    def _read(self, first: bool) -> None:
        reader = self.app.reads
        now_local = self.app.clock.local_now()
        rows = reader.due(rules.review_until(now_local))
        meetings = reader.meetings_between(
            rules.start_of_day(now_local), rules.start_of_day(now_local, 1)
        )
        done = ""
        if done_for_today(rows, meetings, now_local):
            # Done only when every active employer has a request out (issue 13, item 7)
            missing = self.app.run_guarded(self.app.services.targets.without_request) or []
            if missing:
                done = no_request_text(missing)
            else:
                later = rows or reader.due(now_local + LOOK_AHEAD)  # soonest due first
                done = done_text(later[0] if later else None, now_local)
        items = build_items(rows, meetings, now_local, done)
        keep = None
        if first:  # start on the first follow-up, not on a meeting
            keep = next((i for i, item in enumerate(items) if item.row == "followup"), 0)
        self.list.show(items, keep)
        self._version = reader.data_version()
        counts = {g: 0 for g in ("overdue", "today", "week")}
        group_of = rules.grouper(now_local)
        for r in rows:
            counts[group_of(r.due)] += 1
        self.query_one("#review-title", Static).update(
            Content.assemble(
                ("Daily review", "bold"),
                f"  ·  {rules.day_text(now_local)}  ·  "
                f"{counts['overdue']} overdue  ·  {counts['today']} today  ·  "
                f"{counts['week']} in the next 7 days",
            )
        )

    def _poll(self) -> None:
        version = self.app.poll_version()  # None: the server is away (the app's banner)
        if version is not None and version != self._version:
            self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    @on(FollowUpList.Highlighted)
    def _highlighted(self, event: FollowUpList.Highlighted) -> None:
        item = event.item
        detail = self.query_one("#review-detail", Static)
        if item is None:
            detail.update("All clear. a adds a follow-up; esc goes back to the board.")
        elif item.row == "meeting":
            detail.update(
                Content.assemble(
                    (visible(item.who), "bold"), f" at {item.when}, {item.label} promised"
                )
            )
        else:
            org = f" · {visible(item.org)}" if item.org else ""
            detail.update(
                Content.assemble(
                    (visible(item.label), "bold"),
                    f" · {visible(item.who)}{org} — {visible(item.why)}",
                )
            )

    @on(FollowUpList.Chosen)
    def _chosen(self, event: FollowUpList.Chosen) -> None:
        self._open(event.item)

    # -- actions -------------------------------------------------------------------------

    def action_undo(self) -> None:
        if self.app.undo_and_say():
            self.reload()

    def action_open(self) -> None:
        item = self.list.current
        if item is not None:
            self._open(item)

    def _open(self, item: ListItem) -> None:
        open_meeting = getattr(self.app, "open_meeting", None)
        if item.row == "meeting" and open_meeting is not None:
            open_meeting(item.key)
        elif item.contact_id is not None:
            self.app.open_contact(item.contact_id)

    def action_write(self) -> None:
        item = self._followup()
        if item is None or item.key is None:
            return
        reads = self.app.reads
        view = reads.followup(item.key)
        if view.kind not in rules.WRITABLE:
            self.notify(f"No note to write for a {item.label} follow-up", severity="warning")
            return
        from infoterm import templates
        from infoterm.paths import drafts_dir, resolve_paths
        from infoterm.tui.screens.review_modals import DraftModal

        paths = self.app.paths or resolve_paths()
        draft = reads.draft(item.key)
        text = templates.render(draft.kind, draft.values, paths.templates_dir)
        key = item.key

        def closed(result: str | None) -> None:
            if result == "done":
                self._done_key(key)

        demo = self.app.demo is not None or self.app.launch.demo
        folder = drafts_dir(paths.data_dir, self.app.db.target, demo=demo)
        self.app.push_screen(DraftModal(key, draft, text, folder, paths.templates_dir), closed)

    def _done_key(self, key: int) -> None:
        for index, item in enumerate(self.list.items):
            if item.key == key and item.row == "followup":
                self.list.cursor = index
                self.action_done()
                return

    def action_add(self) -> None:
        from infoterm.tui.screens.review_modals import AddFollowUpModal

        current = self.list.current
        contacts = [(cid, name) for cid, name, _o, _s in self.app.reads.contact_names()]
        preset = current.who if current is not None else ""

        def added(result: tuple[int, datetime, str] | None) -> None:
            if result is None:
                return
            contact_id, due, note = result
            if self.app.run_guarded(self.app.services.followups.add, contact_id, due, note):
                self.reload()
                when = rules.day_time_text(self.app.clock.to_local(due), self.app.clock.local_now())
                self.notify(f"Added: {note} (due {when})")

        self.app.push_screen(AddFollowUpModal(contacts, preset, self.app.clock), added)

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        else:  # opened on its own: put the board underneath
            from infoterm.tui.screens.board import BoardScreen

            self.app.switch_screen(BoardScreen())
