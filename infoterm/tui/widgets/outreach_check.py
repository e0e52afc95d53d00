"""The outreach check beside a request draft: each of Dalton's rules with ✓ or ✗.

The rules and their reasons come from ``infoterm.outreach`` (the same as
``infoterm check-outreach``); the note's text is data, shown literally.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from infoterm.outreach import DEFAULT_WORD_LIMIT, RuleResult, check
from infoterm.tui.widgets.literal import literal

# The follow-ups whose note asks someone new for a conversation.
OUTREACH_KINDS = frozenset({"reach-out", "second-contact"})


class OutreachCheck(VerticalScroll):
    """Call :meth:`check` with the note's text whenever it changes."""

    DEFAULT_CSS = """
    OutreachCheck {
        width: 40%;
        max-width: 40;
        height: auto;
        max-height: 100%;
        margin-left: 1;
        padding: 0 1;
        border: round $panel-lighten-2;
        border-title-color: $text;
    }
    OutreachCheck.-passes { border: round $success; }
    """

    def __init__(
        self,
        text: str,
        limit: int = DEFAULT_WORD_LIMIT,
        connections: Iterable[str] = (),
        *,
        id: str | None = "outreach-check",  # noqa: A002 - Textual's name
    ) -> None:
        super().__init__(id=id)
        self.limit = limit
        self.connections = tuple(c for c in connections if c.strip())
        self.results: list[RuleResult] = []
        self.border_title = "Outreach check"
        self.rules = Static(classes="outreach-rules")
        self.check(text)

    def compose(self) -> ComposeResult:
        yield self.rules

    def check(self, text: str) -> None:
        self.results = check(text, self.limit, self.connections)
        passing = sum(r.passed for r in self.results)
        self.border_subtitle = literal(f"{passing} of {len(self.results)} pass")
        self.set_class(passing == len(self.results), "-passes")
        self.rules.update(rendered(self.results))


def rendered(results: list[RuleResult]) -> Content:
    """A line per rule: ✓ and what passed, or ✗, the rule and (dimmed) why it failed."""
    lines: list[Content] = []
    for result in results:
        if result.passed:
            said = result.reason[:1].upper() + result.reason[1:]
            lines.append(Content.assemble(Content.styled("✓ ", "$success"), literal(said)))
        else:
            lines.append(
                Content.assemble(
                    Content.styled("✗ ", "$error"),
                    literal(result.label, "bold"),
                    "\n",
                    literal(result.reason, "dim"),
                )
            )
    return Content("\n").join(lines)
