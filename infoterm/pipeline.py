"""The six pipeline stages, where people are found, and what a contact must look like."""

from __future__ import annotations

import re
from dataclasses import dataclass

from infoterm.textsafe import ONE_LINE_FIELDS, SPACES, one_line_problem

STAGES: tuple[str, ...] = ("identified", "requested", "met", "thanked", "stay-in-touch", "landed")
STAGE_TITLES: dict[str, str] = {
    "identified": "Identified",
    "requested": "Requested",
    "met": "Met",
    "thanked": "Thanked",
    "stay-in-touch": "Stay in touch",
    "landed": "Landed",
}
STAGE_MEANINGS: dict[str, str] = {
    "identified": "someone you would like to talk to",
    "requested": "you have asked them for a short conversation",
    "met": "the conversation has happened",
    "thanked": "your thank-you note has gone out",
    "stay-in-touch": "an ongoing relationship, with check-ins now and then",
    "landed": "they know where you landed",
}

SOURCES: tuple[str, ...] = (
    "own network",
    "linkedin",
    "alumni",
    "association",
    "target company",
    "referral",
    "other",
)

ARCHIVE_REASONS: tuple[str, ...] = ("declined", "went cold", "no longer relevant", "other")


class UnknownStage(ValueError):
    pass


def parse_stage(text: str) -> str:
    """Accept 'met', 'Stay in touch', 'stay_in_touch', 'stay', a unique prefix..."""
    key = re.sub(r"[\s_]+", "-", text.strip().lower())
    if key in STAGES:
        return key
    matches = [s for s in STAGES if s.startswith(key)] if key else []
    if len(matches) == 1:
        return matches[0]
    raise UnknownStage(f"unknown stage {text!r}; stages are: {', '.join(STAGES)}")


def parse_source(text: str) -> str:
    key = text.strip().lower().replace("_", " ").replace("-", " ")
    if key in SOURCES:
        return key
    matches = [s for s in SOURCES if s.startswith(key)] if key else []
    if len(matches) == 1:
        return matches[0]
    raise ValueError(f"unknown source {text!r}; sources are: {', '.join(SOURCES)}")


def step(stage: str, delta: int) -> str | None:
    """The stage ``delta`` steps away, or None past either end."""
    index = STAGES.index(stage) + delta
    if 0 <= index < len(STAGES):
        return STAGES[index]
    return None


def split_tags(text: str) -> list[str]:
    seen: list[str] = []
    # Split on commas, semicolons and white space, but never on a control or a line
    # break: those stay in the tag, so that validation refuses them (and says so).
    for raw in re.split(r"[,;]+|" + SPACES.pattern, text):
        tag = raw.strip().lstrip("#").lower()
        if tag and tag not in seen:
            seen.append(tag)
    return seen


@dataclass
class ContactFields:
    """What the form and the CLI send in; validated before anything is stored."""

    name: str = ""
    organisation: str = ""
    title: str = ""
    email: str = ""
    phone: str = ""
    linkedin_url: str = ""
    source: str = ""
    referred_by_id: int | None = None
    tags: str = ""
    notes: str = ""

    def cleaned(self) -> ContactFields:
        return ContactFields(
            name=_squash(self.name),
            organisation=_squash(self.organisation),
            title=self.title.strip(),
            email=self.email.strip(),
            phone=self.phone.strip(),
            linkedin_url=self.linkedin_url.strip(),
            source=self.source.strip().lower(),
            referred_by_id=self.referred_by_id,
            tags=",".join(split_tags(self.tags)),
            notes=self.notes.rstrip(),
        )


def _squash(text: str) -> str:
    """Trimmed, with runs of spaces made one. A control character or a line break inside
    is kept (not turned into a space), so validation can refuse it by name."""
    return SPACES.sub(" ", text.strip())


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def email_problem(email: str) -> str | None:
    """Why ``email`` is not an email address, or None (empty is for the caller to judge)."""
    if "@" not in email:
        return "email must contain @"
    if not _EMAIL.match(email):
        return "email should look like name@example.org"
    return None


_PHONE = re.compile(r"^[0-9+()./\- x]{3,40}$")


def validate_contact(fields: ContactFields) -> dict[str, str]:
    """Field name -> a specific message. Empty when the contact can be saved."""
    errors: dict[str, str] = {}
    for name in ONE_LINE_FIELDS:
        problem = one_line_problem(name, getattr(fields, name))
        if problem:
            errors[name] = problem
    if "name" in errors:
        pass
    elif not fields.name.strip():
        errors["name"] = "name is required"
    elif len(fields.name) > 200:
        errors["name"] = "name is longer than 200 characters"
    if fields.email and "email" not in errors:
        problem = email_problem(fields.email)
        if problem:
            errors["email"] = problem
    if fields.phone and "phone" not in errors and not _PHONE.match(fields.phone):
        errors["phone"] = "phone may hold digits, spaces and + ( ) - . / x only"
    if (
        fields.linkedin_url
        and "linkedin_url" not in errors
        and "linkedin.com/" not in fields.linkedin_url.lower()
    ):
        errors["linkedin_url"] = "LinkedIn URL should contain linkedin.com/"
    if fields.source and "source" not in errors:
        try:
            parse_source(fields.source)
        except ValueError as exc:
            errors["source"] = str(exc)
    return errors


def first_name(name: str) -> str:
    parts = name.split()
    return parts[0] if parts else name
