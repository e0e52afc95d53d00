"""Whom an imported row is: the people an import knows (stored, or planned by an earlier
row) and the lookups that match a row to one of them (LinkedIn URL, email, then name and
organisation; see ``services.import_plan``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from infoterm.interop.fields import normalise_linkedin_url
from infoterm.pipeline import ContactFields


@dataclass(eq=False)
class Known:
    """A contact as the matcher sees it: one already stored (id) or one planned (index)."""

    id: int | None
    name: str
    org_key: str
    org_name: str
    values: dict[str, Any]
    tags: list[str]
    notes: str
    on_board: bool
    deleted: bool
    line: int = 0
    version: int = 1
    """The stored row's version as loaded: the bulk UPDATE checks and bumps it."""
    changed: set[str] = field(default_factory=set)
    new_stage: str | None = None
    touched: bool = False


@dataclass
class Ambiguous:
    """A row naming, with no organisation, several known people of that name."""

    candidates: list[Known]


class Index:
    """Lookups over known people, kept in step with what the import will write.

    The index always describes the database as it will be once the rows planned so far
    are written, in the order a fresh load would see it (stored people by id, then new
    ones in the order they will be inserted), so that importing the same file again
    finds each row where the last pass put it.
    """

    def __init__(self) -> None:
        self.by_url: dict[str, Known] = {}
        self.by_email: dict[str, Known] = {}
        self.by_name: dict[str, list[Known]] = {}

    def add(self, known: Known) -> None:
        self.refile(known)
        self.by_name.setdefault(name_key(known.name), []).append(known)

    def refile(self, known: Known) -> None:
        """File ``known``'s addresses (again, after a merge filled some in)."""
        url = url_key(known.values.get("linkedin_url") or "")
        if url:
            self.by_url.setdefault(url, known)
        email = (known.values.get("email") or "").strip().lower()
        if email:
            self.by_email.setdefault(email, known)

    def owner(self, name: str, value: str) -> Known | None:
        """Who already has this LinkedIn URL or email (other fields belong to no one)."""
        if name == "linkedin_url":
            return self.by_url.get(url_key(value))
        if name == "email":
            return self.by_email.get(value.strip().lower())
        return None

    def find(self, fields: ContactFields, org_key: str) -> Known | Ambiguous | None:
        url = url_key(fields.linkedin_url)
        if url and url in self.by_url:
            return self.by_url[url]

        def fits(known: Known) -> bool:
            """False when ``known`` has a different LinkedIn profile: another person."""
            other = url_key(known.values.get("linkedin_url") or "")
            return not (url and other and other != url)

        email = fields.email.lower()
        if email and email in self.by_email:
            found = self.by_email[email]
            return found if fits(found) else None
        namesakes = [k for k in self.by_name.get(name_key(fields.name), []) if fits(k)]
        if org_key:
            same_org = [k for k in namesakes if k.org_key == org_key]
            if same_org:
                return same_org[0]
            # A row with an organisation matches the one namesake who has none.
            alone = [k for k in namesakes if not k.org_key]
            return alone[0] if len(alone) == 1 else None
        if len(namesakes) > 1:
            # A row without one could be any of them (one may have gained an
            # organisation since this row was first imported): pick none.
            return Ambiguous(namesakes)
        # ...and matches the only person of that name.
        return namesakes[0] if namesakes else None


def url_key(url: str) -> str:
    if not url:
        return ""
    return (normalise_linkedin_url(url) or url.strip()).rstrip("/").lower()


def name_key(name: str) -> str:
    return " ".join(name.casefold().split())


def organisation_key(name: str) -> str:
    return " ".join(name.split()).lower()
