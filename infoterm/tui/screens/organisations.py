"""Every organisation in target-list rank (Dalton's LAMP list): the active five marked,
motivation, posting and advocacy, target flag, people, how far they got, the latest touch.

``/`` searches by name as you type; enter opens the organisation's own screen; m, p and a
set the three values of the one under the cursor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from infoterm.pipeline import STAGE_TITLES
from infoterm.textsafe import visible
from infoterm.tui.screens import SCREENS_CSS
from infoterm.tui.widgets.footer import Footer

if TYPE_CHECKING:
    from infoterm.services.network import OrganisationRow
    from infoterm.services.targets import TargetRow
    from infoterm.tui.app import InfotermApp

EMPTY = (
    "No organisations yet.\n\n"
    "An organisation appears here when you give someone one (e on their card), "
    "or when you import people who have one."
)


# Short names for the stages, for a Stages column too narrow for the full ones.
SHORT_STAGES = {
    "identified": "ident",
    "requested": "asked",
    "met": "met",
    "thanked": "thanked",
    "stay-in-touch": "staying",
    "landed": "landed",
}


def stage_count(stage: str, n: int, form: int) -> str:
    """'1 identified' (form 0), '1 ident' (1) or '1i' (2: the help gives the initials)."""
    if form == 0:
        return f"{n} {STAGE_TITLES[stage].lower()}"
    if form == 1:
        return f"{n} {SHORT_STAGES.get(stage, stage)}"
    return f"{n}{stage[0]}"


def stages_texts(rows: list[dict[str, int]], width: int) -> list[Text]:
    """Each row's people per stage, all in the longest form that fits every row in
    ``width``: full names, then short ones, then initials; cut with an ellipsis only when
    even initials do not fit, so no stage goes unseen without a sign."""
    said: list[str] = []
    for form, separator in enumerate((", ", " · ", " ")):
        said = [separator.join(stage_count(s, n, form) for s, n in row.items()) for row in rows]
        if all(len(text) <= width for text in said):
            break
    return [Text(text, no_wrap=True, overflow="ellipsis") for text in said]


def marker(row: TargetRow) -> str:
    """● an active employer, × an exhausted one, else a space."""
    return "●" if row.active else "×" if row.exhausted else " "


class OrganisationsScreen(Screen[None]):
    CSS_PATH = SCREENS_CSS

    help_title = "Organisations"
    help_text = (
        "Every organisation of the people you know, in target-list rank: motivation (0-3),\n"
        "then posting (1-3), then advocacy. ● marks the five active employers: the first\n"
        "rated ones not exhausted (everyone archived, or met without a quick reply);\n"
        "× marks the exhausted ones. A narrow Stages column shortens the stages, down to\n"
        "initials: i identified, r requested, m met, t thanked, s stay in touch, l landed.\n"
        "m cycles motivation, p posting, a toggles advocacy (an alumni or affinity contact).\n"
        "/ searches; enter opens one (its people, meetings held there, research notes)."
    )

    BINDINGS = [
        Binding("escape,backspace", "back", "Back", id="orgs-back"),
        Binding("enter", "open", "Open", id="orgs-open"),
        Binding("slash", "search", "Search", key_display="/", id="orgs-search"),
        Binding("m", "lamp('motivation')", "Motivation", id="orgs-motivation"),
        Binding("p", "lamp('posting')", "Posting", id="orgs-posting"),
        Binding("a", "lamp('advocacy')", "Advocacy", id="orgs-advocacy"),
        Binding("j", "cursor(1)", "Down", show=False, id="orgs-down"),
        Binding("k", "cursor(-1)", "Up", show=False, id="orgs-up"),
    ]

    app: InfotermApp

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[OrganisationRow] = []
        self.shown: list[OrganisationRow] = []
        self.lamp: dict[int, TargetRow] = {}

    def compose(self) -> ComposeResult:
        yield Static(id="orgs-title")
        yield Input(placeholder="Search organisations by name", id="orgs-search")
        table: DataTable[Any] = DataTable(id="orgs-table", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static(EMPTY, id="orgs-empty")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        # the stages take what the terminal has left (each column pads one cell each side)
        name = 28 if self.app.size.width >= 110 else 20
        stages = max(self.app.size.width - name - 4 - 5 - 6 - 6 - 11 - 2 * 7 - 2, 10)
        self.stages_width = stages
        table.add_column("Rank", key="rank", width=4)
        table.add_column("Organisation", key="name", width=name)
        table.add_column("M P A", key="lamp", width=5)
        table.add_column("Target", key="target", width=6)
        table.add_column("People", key="people", width=6)
        table.add_column("Stages", key="stages", width=stages)
        table.add_column("Last touch", key="touch", width=11)
        self.reload()
        table.focus()

    def on_screen_resume(self) -> None:
        self.reload()  # a target flag or a person may have changed on the organisation screen

    def reload(self) -> None:
        found = self.app.run_guarded(self.app.reads.organisations)
        ranked = self.app.run_guarded(self.app.reads.targets)
        self.lamp = {row.id: row for row in ranked or []}
        by_id = {row.id: row for row in found or []}
        # without a rank (its toast says why: a bad followups.holidays), as they come
        self.rows = (
            [by_id[r.id] for r in ranked if r.id in by_id] if ranked else list(by_id.values())
        )
        self._show()

    def _show(self) -> None:
        needle = self.query_one("#orgs-search", Input).value.strip().casefold()
        keep = self._current()
        self.shown = [r for r in self.rows if needle in r.name.casefold()]
        table = self.query_one(DataTable)
        table.clear()
        local = self.app.clock.to_local
        stages_column = stages_texts([row.stages for row in self.shown], self.stages_width)
        for row, stages in zip(self.shown, stages_column, strict=True):
            lamp = self.lamp.get(row.id)
            touch = f"{local(row.last_touch):%d %b %Y}" if row.last_touch else ""
            table.add_row(
                Text(f"{marker(lamp)}{lamp.rank:>3}" if lamp else ""),
                Text(visible(row.name)),
                Text(
                    f"{lamp.motivation} {lamp.posting} {'A' if lamp.advocacy else '-'}"
                    if lamp
                    else ""
                ),
                "★" if row.is_target else "",
                str(row.people),
                stages,
                touch,
                key=str(row.id),
            )
        if keep is not None and str(keep) in table.rows:
            table.move_cursor(row=table.get_row_index(str(keep)))
        empty = not self.rows
        self.query_one("#orgs-empty").display = empty
        table.display = not empty
        title = Content.assemble(("Organisations", "bold"), f" · {len(self.rows):,}")
        active = sum(row.active for row in self.lamp.values())
        title += Content(f" · {active} active" if active else " · m rates motivation")
        if needle:
            title += Content(f"  ·  {len(self.shown):,} matching ")
            title += Content.assemble((visible(needle), "bold"))
        self.query_one("#orgs-title", Static).update(title)

    def _current(self) -> int | None:
        table = self.query_one(DataTable)
        if not table.row_count or not 0 <= table.cursor_row < table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(key) if key is not None else None

    # -- actions -------------------------------------------------------------------------

    def action_back(self) -> None:
        box = self.query_one("#orgs-search", Input)
        if box.has_focus or box.value:
            box.value = ""
            self.query_one(DataTable).focus()
            return
        self.app.pop_screen()

    def action_cursor(self, delta: int) -> None:
        table = self.query_one(DataTable)
        table.move_cursor(row=max(0, table.cursor_row + delta))

    def action_lamp(self, which: str) -> None:
        """m, p, a: the next motivation (0-3) or posting (1-3), or advocacy flipped."""
        org_id = self._current()
        if org_id is None or org_id not in self.lamp:
            self.notify("No organisation here", severity="warning")
            return
        row = self.lamp[org_id]
        choices: dict[str, dict[str, Any]] = {
            "motivation": {"motivation": (row.motivation + 1) % 4},
            "posting": {"posting": row.posting % 3 + 1},
            "advocacy": {"advocacy": not row.advocacy},
        }
        targets = self.app.services.targets
        before = [i for i, r in self.lamp.items() if r.active]
        if self.app.run_guarded(lambda: targets.set_lamp(org_id, **choices[which])) is None:
            return
        self.reload()
        now = self.lamp.get(org_id)
        if now is None:
            return
        said = (
            f"{now.name}: motivation {now.motivation}, posting {now.posting}, advocacy"
            f" {'yes' if now.advocacy else 'no'} · rank {now.rank}"
            + (" · active" if now.active else "")
        )
        after = [i for i, r in sorted(self.lamp.items(), key=lambda x: x[1].rank) if r.active]
        moved = self.app.run_guarded(targets.others_moved, org_id, before, after) or []
        self.notify(" · ".join([said, *moved]), timeout=4)

    def action_search(self) -> None:
        self.query_one("#orgs-search", Input).focus()

    def action_open(self) -> None:
        org_id = self._current()
        if org_id is None:
            self.notify("No organisation here", severity="warning")
            return
        from infoterm.tui.screens.organisation import OrganisationScreen

        self.app.push_screen(OrganisationScreen(org_id))

    @on(DataTable.RowSelected, "#orgs-table")
    def _row_selected(self) -> None:
        self.action_open()

    @on(Input.Changed, "#orgs-search")
    def _search_changed(self) -> None:
        self._show()

    @on(Input.Submitted, "#orgs-search")
    def _search_done(self) -> None:
        self.query_one(DataTable).focus()
