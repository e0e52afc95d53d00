"""The organisations screen's Stages column never hides a stage without a sign, and the
rank column marks active (●) and exhausted (×) employers."""

from __future__ import annotations

from infoterm.services.targets import TargetRow
from infoterm.tui.screens.organisations import marker, stages_texts

ROWS = [
    {"identified": 1, "requested": 1, "stay-in-touch": 1},
    {"identified": 2, "met": 1},
]


def test_every_row_takes_the_longest_form_that_fits_them_all() -> None:
    assert [t.plain for t in stages_texts(ROWS, 50)] == [
        "1 identified, 1 requested, 1 stay in touch",
        "2 identified, 1 met",
    ]
    assert [t.plain for t in stages_texts(ROWS, 30)] == [
        "1 ident · 1 asked · 1 staying",
        "2 ident · 1 met",
    ]
    assert [t.plain for t in stages_texts(ROWS, 12)] == ["1i 1r 1s", "2i 1m"]


def test_too_narrow_even_for_initials_is_cut_with_an_ellipsis() -> None:
    [text] = stages_texts([ROWS[0]], 5)
    assert text.overflow == "ellipsis" and text.no_wrap


def test_the_rank_marker() -> None:
    row = TargetRow(id=1, name="Acme", advocacy=False, motivation=2, posting=1)
    assert marker(row) == " "
    row.exhausted = True
    assert marker(row) == "×"
    row.active = True
    assert marker(row) == "●"
