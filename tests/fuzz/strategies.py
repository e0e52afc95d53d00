"""Hostile inputs for the fuzz tests: text, dates, and files."""

from __future__ import annotations

import json

from hypothesis import strategies as st

# Text that has broken terminals, markup and parsers before.
NASTY = [
    "[",
    "]",
    "[bold]",
    "[/]",
    "Acme [UK",
    "Lead [interim",
    "[link=http://x]y[/link]",
    "\\[",
    "$",
    "{",
    "%s",
    "\x1b[2J",
    "\x1b]0;pwned\x07",
    "\x1b]52;c;aGk=\x07",
    "\r",
    "\n",
    "\r\n",
    "\t",
    "\x00",
    "\x7f",
    "\x85",
    "\x9b",
    "\u200b",
    "\u202e",
    "\ufeff",
    "e\u0301",
    "界",
    "🚀",
    "👩‍👩‍👧",
    "'",
    '"',
    ",",
    ";",
    "=cmd|' /C calc'!A0",
    "--",
    "-",
    "#1",
    "#",
    "%",
    "_",
    " ",
]
_controls = st.characters(min_codepoint=0, max_codepoint=0x9F)
_chunk = st.sampled_from(NASTY) | st.text(max_size=4) | st.text(_controls, max_size=3)

hostile_text = st.one_of(
    st.lists(_chunk, max_size=6).map("".join),
    st.sampled_from(["x" * 100_000, "[" * 10_000, "\x1b" * 5_000, "Ada " * 20_000]),
)
"""Any text, short or huge; may hold NUL (a file or the database can, argv cannot)."""

argv_text = hostile_text.map(lambda s: s.replace("\x00", ""))
"""Text a real command line can carry: no NUL; lone surrogates stand for non-UTF-8 bytes."""
argv_text = argv_text | st.sampled_from(["\udcff", "Ad\udce9le", "\udc80\udc81"])

_phrases = st.sampled_from(
    [
        "tomorrow",
        "today",
        "yesterday",
        "fri 3pm",
        "next monday",
        "+3d",
        "+2w",
        "-5d",
        "+0d",
        "+99999d",
        "+9999999999999999999d",
        "-99999w",
        "in 3 days",
        "3pm",
        "25:99",
        "noon",
        "0999-06-01",
        "0001-01-01",
        "1899-12-31",
        "1900-01-01",
        "2200-12-31",
        "2200-12-31 23:30",
        "1900-01-01 00:30",
        "2201-01-01",
        "9999-12-31",
        "10000-01-01",
        "2026-02-30",
        "2026-13-01",
        "2026-12-01T25:00",
        "2026-12-01 09:00",
        "2026-12-01T09:00:00+14:00",
        "2026-12-01T09:00:00-23:59",
        "1e9",
        "nan",
        "",
        " ",
        "fri 3pm 3pm",
    ]
)
_iso = st.datetimes().map(lambda d: d.isoformat()) | st.datetimes().map(lambda d: d.isoformat(" "))
_iso_date = st.dates().map(lambda d: d.isoformat())
dates = st.one_of(
    _phrases, _iso, _iso_date, _iso_date.map(lambda s: s.replace("-", "/")), argv_text
)
"""A date as a user might type one: phrases, ISO strings far in the past or future, junk."""

numbers = st.one_of(
    st.integers(-(10**20), 10**20).map(str),
    st.sampled_from(["0", "-1", "1e3", "twenty", "nan", "inf", "0x10", " 5", "5 ", "١٢"]),
    argv_text,
)

# -- files --------------------------------------------------------------------------------

raw_bytes = st.one_of(
    st.binary(max_size=2_000),
    st.sampled_from(
        [
            b"",
            b"\xff\xfe\x00\x00",
            b"\xef\xbb\xbf",
            b"\x00" * 5_000,
            b"PK\x03\x04" + b"\x00" * 100,
            b"SQLite format 3\x00" + b"\x00" * 200,
        ]
    ),
)


def _csv_cell(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


_header = st.lists(
    st.sampled_from(
        [
            "name",
            "Name",
            "First Name",
            "Last Name",
            "organisation",
            "Company",
            "title",
            "Position",
            "email",
            "Email Address",
            "phone",
            "linkedin",
            "URL",
            "tags",
            "stage",
            "notes",
            "Connected On",
            "x",
            "",
        ]
    ),
    min_size=1,
    max_size=8,
)


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    header = draw(_header)
    rows = draw(st.lists(st.lists(hostile_text, min_size=0, max_size=len(header) + 2), max_size=6))
    text = "\n".join(",".join(_csv_cell(c) for c in row) for row in [header, *rows])
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1", "broken"]))
    if encoding == "broken":
        return text.encode("utf-8", "surrogatepass") + b"\xff\xfe\x80"
    return text.encode(encoding, "replace")


_json_leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    hostile_text,
    dates,
)
_json_any = st.recursive(
    _json_leaf,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)


@st.composite
def json_exports(draw: st.DrawFn, export: dict) -> bytes:  # type: ignore[type-arg]
    """A real export with values swapped, dropped or added at random places."""
    document = json.loads(json.dumps(export))
    for _ in range(draw(st.integers(1, 6))):
        node = document
        path = []
        while isinstance(node, dict | list) and node and draw(st.booleans()):
            key = draw(st.sampled_from(list(node) if isinstance(node, dict) else range(len(node))))
            path.append(key)
            if not isinstance(node[key], dict | list):
                break
            node = node[key]
        if isinstance(node, dict) and node:
            key = draw(st.sampled_from(list(node)))
            action = draw(st.sampled_from(["set", "drop", "add"]))
            if action == "set":
                node[key] = draw(_json_any)
            elif action == "drop":
                del node[key]
            else:
                node[draw(st.text(max_size=8))] = draw(_json_any)
        elif isinstance(node, list) and node:
            index = draw(st.integers(0, len(node) - 1))
            node[index] = draw(_json_any)
    if draw(st.integers(0, 9)) == 0:  # deep nesting
        depth = draw(st.integers(50, 100_000))
        return ("[" * depth + "]" * depth).encode()
    text = json.dumps(document, ensure_ascii=draw(st.booleans()))
    if draw(st.integers(0, 9)) == 0:  # cut short
        text = text[: draw(st.integers(0, len(text)))]
    return text.encode("utf-8", "surrogatepass")
