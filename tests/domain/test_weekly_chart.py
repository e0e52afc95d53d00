"""The "Meetings per week" chart against known data (issue 11, item 9).

Week N's bar is in cells 4 + 3N and 5 + 3N of every chart line, its count is printed
under it, and its height in eighths of a cell is proportional to its count.
"""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any

from infoterm.statsview import COLUMN, weekly

HEIGHT = 6


def chart(counts: list[int]) -> list[str]:
    monday = date(2026, 9, 7)
    stats: Any = SimpleNamespace(
        weeks=[(monday + timedelta(weeks=i), n) for i, n in enumerate(counts)]
    )
    return weekly(stats, HEIGHT).lines


def eighths(lines: list[str], week: int) -> int:
    """How tall week ``week``'s bar is, in eighths of a cell, read from its own cells."""
    total = 0
    for line in lines[:HEIGHT]:
        cells = line.ljust(6 + 3 * week)[4 + 3 * week : 6 + 3 * week]
        assert cells[0] == cells[1], f"week {week}: a bar is two equal cells, not {cells!r}"
        total += COLUMN.index(cells[0])
    return total


def test_each_week_is_drawn_in_its_own_column_at_its_height() -> None:
    counts = [0, 0, 0, 1, 2, 1, 2, 2, 2, 2, 3, 0]  # the demo's weeks (13 meetings)
    lines = chart(counts)
    assert len(lines) == HEIGHT + 2
    assert lines[0].startswith("  3 ")  # the busiest week's count, at the top
    for week, n in enumerate(counts):
        assert eighths(lines, week) == round(n / 3 * HEIGHT * 8), week
        label = lines[HEIGHT][4 + 3 * week : 7 + 3 * week].strip()
        assert label == str(n), (week, label)
    # between two bars, a blank cell
    for line in lines[:HEIGHT]:
        assert all(line.ljust(40)[6 + 3 * week] == " " for week in range(len(counts)))
    assert lines[-1] == "    weeks of 07 Sep to 23 Nov"


def test_one_bar_alone_sits_in_its_week_not_at_the_left() -> None:
    lines = chart([0] * 10 + [13, 0])
    assert eighths(lines, 10) == HEIGHT * 8
    assert all(eighths(lines, week) == 0 for week in range(12) if week != 10)
    assert lines[1] == " " * 34 + "██"


def test_a_week_with_one_meeting_shows_next_to_a_busy_one() -> None:
    """1 of 100 rounds to no eighth at all; a week with a meeting still shows one."""
    lines = chart([100, 1, 0])
    assert eighths(lines, 0) == HEIGHT * 8
    assert eighths(lines, 1) == 1
    assert eighths(lines, 2) == 0
