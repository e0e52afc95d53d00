"""Turning raw cell text into :class:`ImportRecord` fields.

Shared by both importers: which header names mean which field, and how each
value is cleaned (names, LinkedIn URLs, tags, dates). Values that cannot be used
are not silently dropped: the row is kept, the value is moved into the notes,
and a warning (a :class:`RowError` with ``skipped=False``) says so.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

from infoterm.dates import MAX_YEAR, MIN_YEAR
from infoterm.textsafe import one_line_problem

from ._tabular import norm_key
from .records import ImportRecord, RowError

FIELDS = (
    "name",
    "first_name",
    "last_name",
    "organisation",
    "title",
    "email",
    "phone",
    "linkedin_url",
    "tags",
    "stage",
    "notes",
    "connected_on",
)
IGNORE = "ignore"
"""Pseudo-field for ``--map COLUMN=ignore``: leave that column out."""

# Header spellings per field, most specific first (earlier wins when a file has two
# columns for the same field and both are filled in). Compared after norm_key().
ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("name", "full name", "display name", "contact name"),
    "first_name": ("first name", "first", "given name", "forename"),
    "last_name": ("last name", "last", "surname", "family name"),
    "organisation": ("organisation", "organization", "company", "org", "employer"),
    "title": ("title", "job title", "position", "role"),
    "email": ("email", "e-mail", "email address", "e-mail address"),
    "phone": ("phone", "telephone", "mobile", "phone number", "tel"),
    "linkedin_url": ("linkedin", "linkedin url", "linkedin profile", "url", "profile"),
    "tags": ("tags", "labels", "tag", "label"),
    "stage": ("stage",),
    "notes": ("notes", "note", "comments", "comment"),
    "connected_on": ("connected on", "connected", "date connected"),
}

_ALIAS_RANK: dict[str, tuple[str, int]] = {
    norm_key(alias): (field, rank)
    for field, aliases in ALIASES.items()
    for rank, alias in enumerate(aliases)
}
for _field in FIELDS:
    _ALIAS_RANK.setdefault(norm_key(_field), (_field, 0))


def field_for(header: str) -> tuple[str, int] | None:
    """``(field, rank)`` for a header cell, or None if it means nothing to us."""
    return _ALIAS_RANK.get(norm_key(header))


def canonical_field(name: str) -> str | None:
    """A field name as typed in ``--map`` (``first_name``, ``First Name``, ``company``)."""
    key = norm_key(name)
    if key == IGNORE:
        return IGNORE
    found = _ALIAS_RANK.get(key)
    return found[0] if found else None


# --- dates ------------------------------------------------------------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[ -]+([A-Za-z]+)\.?,?[ -]+(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def parse_date(text: str) -> date | None:
    """``15 Mar 2024`` (LinkedIn; English month names whatever the locale) or ISO.

    Returns None for anything else, including impossible dates like 31 Feb and years
    outside MIN_YEAR..MAX_YEAR.
    """
    text = text.strip()
    try:
        if m := _DAY_MONTH_YEAR.fullmatch(text):
            month = _MONTHS.get(m[2].lower())
            found = date(int(m[3]), month, int(m[1])) if month else None
        elif m := _ISO.fullmatch(text):
            found = date(int(m[1]), int(m[2]), int(m[3]))
        else:
            return None
    except ValueError:
        return None
    if found is None or not MIN_YEAR <= found.year <= MAX_YEAR:
        return None
    return found


# --- LinkedIn URLs ------------------------------------------------------------

_PROFILE_KINDS = ("in", "pub")
_SPACE = re.compile(r"\s")


def normalise_linkedin_url(text: str) -> str | None:
    """``https://www.linkedin.com/in/<slug>`` for any spelling of a profile URL.

    Accepts missing scheme, http, country subdomains (``uk.linkedin.com``), query
    strings, fragments and trailing slashes. The slug's case is kept. Returns None
    if the text is not a LinkedIn profile URL.
    """
    text = text.strip()
    if not text or _SPACE.search(text):
        return None
    if "://" not in text:
        text = "https://" + text
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").lower()
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https"):
        return None
    if host != "linkedin.com" and not host.endswith(".linkedin.com"):
        return None
    segments = [s for s in parts.path.split("/") if s]
    if len(segments) < 2 or segments[0].lower() not in _PROFILE_KINDS:
        return None
    return "https://www.linkedin.com/" + segments[0].lower() + "/" + "/".join(segments[1:])


# --- records ------------------------------------------------------------------

ONE_LINE_CELLS = tuple(f for f in FIELDS if f != "notes")

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


# Control characters other than whitespace are dropped from every value: they have
# no business in a contact list, and escape sequences must never reach the terminal.
_CONTROLS = dict.fromkeys([*range(0x20), 0x7F, *range(0x80, 0xA0)])
for _keep in "\t\n\r\v\f":
    del _CONTROLS[ord(_keep)]


def _one_line(text: str) -> str:
    return " ".join(text.translate(_CONTROLS).split())


def _multi_line(text: str) -> str:
    text = text.translate(_CONTROLS).replace("\v", "\n").replace("\f", "\n")  # FileMaker
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


def _shown(value: str, limit: int = 60) -> str:
    """A value quoted for an error message, shortened if long."""
    return '"' + (value if len(value) <= limit else value[: limit - 3] + "...") + '"'


def split_tags(text: str) -> list[str]:
    tags: list[str] = []
    for piece in re.split(r"[;,]", text):
        tag = _one_line(piece)
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def build_record(line: int, values: dict[str, str]) -> tuple[ImportRecord | None, list[RowError]]:
    """An :class:`ImportRecord` from cleaned-up cell values keyed by field name.

    Returns ``(None, [error])`` if the row has no name at all.
    """

    def get(field: str) -> str:
        return _one_line(values.get(field, ""))

    # One-line fields holding a control character or a line break are refused, as on
    # every other way in (the notes may hold line breaks; their other controls go).
    for field in ONE_LINE_CELLS:
        problem = one_line_problem(field, values.get(field, "").strip())
        if problem:
            return None, [RowError(line, problem)]

    first, last = get("first_name"), get("last_name")
    name = get("name") or _one_line(f"{first} {last}")
    if not name:
        return None, [RowError(line, "no name (needs a name, first name or last name)")]
    errors: list[RowError] = []
    notes = [_multi_line(values.get("notes", ""))]

    def set_aside(label: str, value: str, why: str) -> None:
        errors.append(RowError(line, f"{why}; kept it in the notes", skipped=False))
        notes.append(f"{label}: {value}")

    email = get("email")
    email = email[len("mailto:") :] if email.lower().startswith("mailto:") else email
    if email and not _EMAIL.fullmatch(email):
        set_aside("Email", email, f"{_shown(email)} is not an email address")
        email = ""

    url = get("linkedin_url")
    linkedin = ""
    if url:
        normalised = normalise_linkedin_url(url)
        if normalised is None:
            set_aside("Link", url, f"{_shown(url)} is not a LinkedIn profile URL")
        else:
            linkedin = normalised

    connected_on = None
    raw_date = get("connected_on")
    if raw_date:
        connected_on = parse_date(raw_date)
        year = re.search(r"\b(\d{4,})\b", raw_date)
        if connected_on is None and year and not MIN_YEAR <= int(year[1]) <= MAX_YEAR:
            set_aside(
                "Connected on",
                raw_date,
                f"{_shown(raw_date)} is out of range: dates run from {MIN_YEAR} to {MAX_YEAR}",
            )
        elif connected_on is None:
            set_aside(
                "Connected on", raw_date, f"{_shown(raw_date)} is not a date like 15 Mar 2024"
            )

    record = ImportRecord(
        line=line,
        name=name,
        first_name=first,
        last_name=last,
        organisation=get("organisation"),
        title=get("title"),
        email=email,
        phone=get("phone"),
        linkedin_url=linkedin,
        tags=split_tags(values.get("tags", "")),
        stage=get("stage"),
        notes="\n".join(n for n in notes if n),
        connected_on=connected_on,
    )
    return record, errors
