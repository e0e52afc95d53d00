"""The meeting brief: who they are, who sent you, your research, your goal, the agenda,
and the notes of earlier meetings (folded). It shows what it is given; all text is literal.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Collapsible, Static

from infoterm.textsafe import SPACES
from infoterm.tui.widgets.literal import literal, literal_lines


@dataclass(frozen=True)
class BriefPart:
    """One heading and its text (empty text: the hint says what to put there)."""

    heading: str
    text: str
    hint: str = ""


@dataclass(frozen=True)
class EarlierNotes:
    title: str  # e.g. "Tue 03 Nov · 25 min" (no data in it: dates and figures only)
    notes: str


@dataclass(frozen=True)
class BriefContent:
    parts: tuple[BriefPart, ...]
    earlier: tuple[EarlierNotes, ...] = ()


def part_text(part: BriefPart) -> Content:
    """The heading, then the text as literal Content with its controls written out."""
    text = part.text.strip()
    if "\n" in text:
        shown = literal_lines(text)
    elif text:
        # One line: runs of spaces and tabs as one space; any control written out.
        shown = literal(SPACES.sub(" ", text.replace("\t", " ")))
    else:
        shown = Content.styled(part.hint or "—", "dim italic")
    return Content.assemble(Content.styled(f"{part.heading} ", "bold"), shown)


class MeetingBrief(VerticalScroll, can_focus=True):
    """Scrolls with the arrow keys when focused (tab reaches it on the meeting screen);
    f unfolds (or folds) the notes of earlier meetings."""

    BINDINGS = [Binding("f", "toggle_folds", "Fold/unfold earlier notes", id="brief-folds")]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.content: BriefContent | None = None

    def compose(self) -> ComposeResult:
        yield from ()

    def show(self, content: BriefContent) -> None:
        """Show ``content``; the same content again changes nothing (folds stay as set)."""
        if content == self.content:
            return
        self.content = content
        self.remove_children()
        widgets: list[Static | Collapsible] = [
            Static(part_text(part), classes="brief-part") for part in content.parts
        ]
        if content.earlier:
            widgets.append(Static(Content.styled("Earlier meetings", "bold"), classes="brief-part"))
        widgets += [_folded(item) for item in content.earlier]
        self.mount_all(widgets)

    def action_toggle_folds(self) -> None:
        folds = list(self.query(Collapsible))
        if not folds:
            self.notify("No earlier meetings with them")
            return
        unfold = any(f.collapsed for f in folds)
        for fold in folds:
            fold.collapsed = not unfold


def earlier_text(item: EarlierNotes) -> Content:
    """An earlier meeting's notes as literal Content, their controls written out."""
    notes = item.notes.strip()
    return literal_lines(notes) if notes else Content.styled("No notes were taken.", "dim italic")


def _folded(item: EarlierNotes) -> Collapsible:
    return Collapsible(Static(earlier_text(item), classes="brief-earlier-notes"), title=item.title)


def brief_parts(
    *,
    who: str,
    referred_by: str,
    org_notes: str,
    person_notes: str,
    goal: str,
    agenda: str,
) -> tuple[BriefPart, ...]:
    """The parts in the order you read them before the call."""
    parts: list[BriefPart] = [BriefPart("Who", who)]
    if referred_by:
        parts.append(BriefPart("Referred by", referred_by))
    parts += [
        BriefPart("Research", org_notes, "no notes on the organisation yet (o on their card)"),
        BriefPart("About them", person_notes, "no notes on them yet (edit their card)"),
        BriefPart("Your goal", goal, "set me.goal in settings (ctrl+s): what you want to learn"),
        BriefPart("Agenda", agenda, "none set (s sets the details)"),
    ]
    return tuple(parts)
