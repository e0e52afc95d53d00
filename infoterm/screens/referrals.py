"""The referral tree: who led to whom, how far each got, and the chain that led to the job."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static, Tree
from textual.widgets.tree import TreeNode

from infoterm.pipeline import STAGE_TITLES
from infoterm.screens import SCREENS_CSS
from infoterm.textsafe import visible
from infoterm.widgets.db_banner import keeps_rows
from infoterm.widgets.footer import Footer
from infoterm.widgets.literal import cell, joined, literal

if TYPE_CHECKING:
    from infoterm.app import InfotermApp
    from infoterm.services.network import ReferralForest, ReferralNode

EMPTY = (
    "No referral chains yet.\n\n"
    "When someone you meet recommends people to talk to, add each of them with\n"
    "'Referred by' set (or type their names into the meeting's closing checklist):\n"
    "the chains grow here, from your first conversations to where you land."
)


class ReferralTree(Tree["ReferralNode | None"]):
    """A Tree whose labels show the stage, with the landed chain in the theme's colour."""

    COMPONENT_CLASSES: ClassVar[set[str]] = Tree.COMPONENT_CLASSES | {
        "referral-tree--landed",
        "referral-tree--stage",
        "referral-tree--archived",
    }

    def render_label(self, node: TreeNode[Any], base_style: Style, style: Style) -> Text:
        person: ReferralNode | None = node.data
        if person is None:
            return super().render_label(node, base_style, style)
        name_style = style
        if person.landed:
            name_style = style + self.get_component_rich_style("referral-tree--landed")
        elif person.archived:
            name_style = style + self.get_component_rich_style("referral-tree--archived")
        stage_style = style + self.get_component_rich_style("referral-tree--stage")
        prefix = ""
        if node.allow_expand:
            prefix = self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE
        parts: list[tuple[str, Style]] = [(prefix, base_style), (visible(person.name), name_style)]
        if person.organisation:
            parts.append((f" · {visible(person.organisation)}", style))
        where = STAGE_TITLES[person.stage] if person.on_board else "address book"
        if person.archived:
            where += ", archived"
        parts.append((f"  {where}", stage_style))
        if person.landed:
            parts.append(("  ★", name_style))
        return Text.assemble(*parts)


class ReferralsScreen(Screen[None]):
    CSS_PATH = SCREENS_CSS

    help_title = "Referral chains"
    help_text = (
        "Who led to whom: each person's referrals are below them, with the stage they reached.\n"
        "Once you have landed, the chain that led to the job is highlighted (★)."
    )

    BINDINGS = [
        Binding("escape", "back", "Back", id="referrals-back"),
        Binding("enter", "open", "Open contact", id="referrals-open"),
        Binding("a", "toggle_all", "All chains / this one", id="referrals-all"),
        Binding("j", "cursor(1)", "Down", show=False, id="referrals-down"),
        Binding("k", "cursor(-1)", "Up", show=False, id="referrals-up"),
    ]

    app: InfotermApp

    def __init__(self, contact_id: int | None = None, *, all_chains: bool = False) -> None:
        """Every chain (``all_chains``, or no contact) or the chain holding ``contact_id``;
        either way the cursor starts on that contact when it is in the tree."""
        super().__init__()
        self.contact_id = contact_id
        self.show_all = all_chains or contact_id is None
        self.forest: ReferralForest | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="referrals-title")
        tree = ReferralTree("Referral chains", id="referrals-tree")
        tree.show_root = False
        tree.guide_depth = 3
        tree.auto_expand = False
        yield tree
        yield Static(EMPTY, id="referrals-empty")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()

    def on_screen_resume(self) -> None:
        if self.forest is not None:
            self.reload()

    @keeps_rows
    def reload(self) -> None:
        from infoterm.services import NotFound

        network = self.app.services.network
        try:
            self.forest = forest = network.referrals(None if self.show_all else self.contact_id)
        except NotFound:
            self.show_all = True
            self.forest = forest = network.referrals(None)
        tree = self.query_one(ReferralTree)
        tree.clear()
        focus_node: TreeNode[Any] | None = None
        wanted = self.contact_id

        def add(parent: TreeNode[Any], person: ReferralNode) -> None:
            nonlocal focus_node
            node = parent.add(
                cell(person.name), data=person, expand=True, allow_expand=bool(person.children)
            )
            if person.id == wanted:
                focus_node = node
            for child in person.children:
                add(node, child)

        for root in forest.roots:
            add(tree.root, root)
        empty = not forest.roots
        tree.display = not empty
        self.query_one("#referrals-empty").display = empty
        self.query_one("#referrals-title", Static).update(self._title(forest))
        tree.focus()
        target = focus_node
        if empty:  # nothing to put the cursor on (a new campaign): the empty state says why
            return
        self.call_after_refresh(
            lambda: tree.move_cursor(target) if target is not None else tree.move_cursor_to_line(0)
        )

    def _title(self, forest: ReferralForest) -> Content:
        if self.show_all:
            count = len(forest.roots)
            parts = [
                Content.assemble(
                    ("Referral chains", "bold"), f"  {count} {'chain' if count == 1 else 'chains'}"
                )
            ]
            if forest.unlinked:
                parts.append(Content(f"{forest.unlinked} people in no chain"))
        else:
            root = forest.roots[0].name if forest.roots else ""
            parts = [
                Content.assemble(("Referral chain", "bold"), " starting with ", literal(root)),
                Content("a shows all chains"),
            ]
        if forest.landed_at:
            parts.append(literal(f"★ the chain that led to your job at {forest.landed_at}"))
        return joined(parts)

    def _person(self) -> ReferralNode | None:
        node = self.query_one(ReferralTree).cursor_node
        return node.data if node is not None else None

    def action_cursor(self, delta: int) -> None:
        tree = self.query_one(ReferralTree)
        tree.action_cursor_down() if delta > 0 else tree.action_cursor_up()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_open(self) -> None:
        person = self._person()
        if person is not None:
            self.app.open_contact(person.id)

    @on(Tree.NodeSelected)
    def _selected(self, event: Tree.NodeSelected[Any]) -> None:
        event.stop()
        self.action_open()

    def action_toggle_all(self) -> None:
        person = self._person()
        if person is not None:
            self.contact_id = person.id
        self.show_all = not self.show_all
        self.reload()
