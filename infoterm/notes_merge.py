"""Merging two versions of a meeting's notes so that neither side's text is dropped.

A line-based three-way merge: changes that touch different lines are combined; where both
sides changed the same place, both texts are kept, the other window's after a marked line.
"""

from __future__ import annotations

from difflib import SequenceMatcher


def _matches(base: list[str], other: list[str]) -> dict[int, int]:
    found: dict[int, int] = {}
    for a, b, size in SequenceMatcher(None, base, other, autojunk=False).get_matching_blocks():
        for i in range(size):
            found[a + i] = b + i
    return found


def merge_notes(base: str, mine: str, theirs: str, marker: str) -> str:
    """``mine`` and ``theirs`` both grew from ``base``; ``marker`` heads their text where
    the two changed the same place."""
    b, m, t = base.split("\n"), mine.split("\n"), theirs.split("\n")
    to_m, to_t = _matches(b, m), _matches(b, t)
    out: list[str] = []
    i = j = k = 0

    def chunk(bc: list[str], mc: list[str], tc: list[str]) -> None:
        if mc == tc or tc == bc:
            out.extend(mc)
        elif mc == bc:
            out.extend(tc)
        else:
            out.extend([*mc, marker, *tc])

    for stable in sorted(set(to_m) & set(to_t)):
        if stable < i or to_m[stable] < j or to_t[stable] < k:
            continue
        chunk(b[i:stable], m[j : to_m[stable]], t[k : to_t[stable]])
        out.append(b[stable])
        i, j, k = stable + 1, to_m[stable] + 1, to_t[stable] + 1
    chunk(b[i:], m[j:], t[k:])
    return "\n".join(out)
