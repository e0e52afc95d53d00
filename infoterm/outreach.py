"""The outreach check: Steve Dalton's rules for the note that asks for a conversation.

A note is read as a subject line (``Subject: ...``, optional), a greeting (``Hi Ana,``:
a first line of at most six words that starts with a greeting word or ends with a comma,
and does not end a sentence),
the body, and a sign-off (from the first short line after the body that ends with a comma
or starts with a closing word, ``Thank you,`` ``Best``, or from a ``--`` line; with none,
a bare name left at the end). A sign-off starts after a blank line or a finished sentence,
so a hard-wrapped body line ("with clients.") is never taken for one. A full stop after
an abbreviation (``Dr.``, ``e.g.``) or an initial does not end a sentence. The rules:

1. **Words**: the body has fewer than ``limit`` words (the setting
   ``outreach.word_limit``, 75). A word is anything between spaces holding a letter or a
   digit: ``day-to-day`` is one, a lone dash is none.
2. **No job words**: none of :data:`JOB_WORDS` anywhere in the note, subject and a P.S.
   after the sign-off included:
   whole words, any case, accents ignored (``résumé`` is ``resume``). ``role`` is allowed on
   purpose: asking how someone came to their role is what the conversation is for.
3. **Connection first**: the first sentence of the body says how you are connected. It
   names a connection you gave (the referrer's name, a school, an employer you share), or
   holds a connection word (:data:`CONNECTION_WORDS`: fellow, alum, referred, suggested,
   met, both, ...) or phrase (:data:`CONNECTION_PHRASES`: also worked, your name, ...).
   The contact's own organisation alone is not a connection; "I also worked at Acme" is.
4. **A question at the end**: the body's last sentence ends with a question mark.
5. **About them**: more you-words (you, your, yours, yourself, you're ...) than I-words
   (I, me, my, mine, myself, I'm ...) in the body.

Pure and headless: no I/O, no clock.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

DEFAULT_WORD_LIMIT = 75

JOB_WORDS: frozenset[str] = frozenset(
    {
        "job",
        "jobs",
        "position",
        "positions",
        "opening",
        "openings",
        "vacancy",
        "vacancies",
        "hiring",
        "hire",
        "resume",
        "resumes",
        "cv",
        "cvs",
        "apply",
        "applying",
        "application",
        "applications",
        "recruiter",
        "recruiters",
        "recruiting",
        "internship",
        "internships",
    }
)
CONNECTION_WORDS: frozenset[str] = frozenset(
    {
        "fellow",
        "alum",
        "alumna",
        "alumnae",
        "alumni",
        "alumnus",
        "classmate",
        "classmates",
        "colleague",
        "colleagues",
        "mutual",
        "referred",
        "suggested",
        "recommended",
        "introduced",
        "introduction",
        "mentioned",
        "met",
        "both",
    }
)
CONNECTION_PHRASES: tuple[str, ...] = (
    "also work",
    "also worked",
    "also study",
    "also studied",
    "also went",
    "also volunteer",
    "also volunteered",
    "same school",
    "same team",
    "same company",
    "your name",
)
YOU_WORDS = frozenset(
    {"you", "your", "yours", "yourself", "yourselves", "you're", "you've", "you'll", "you'd"}
)
I_WORDS = frozenset({"i", "me", "my", "mine", "myself", "i'm", "i've", "i'll", "i'd"})
GREETINGS = frozenset({"hi", "hello", "hey", "dear", "greetings", "good"})
CLOSINGS = frozenset(
    {
        "thank",
        "thanks",
        "best",
        "kind",
        "warm",
        "warmly",
        "regards",
        "cheers",
        "sincerely",
        "yours",
        "respectfully",
        "cordially",
        "many",
        "all",
        "with",
    }
)

_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]\u201d]*\s+")
_CLOSERS = "\"')]\u201d\u2019 "
# A full stop after these does not end a sentence ("Dr. Lee suggested I write").
ABBREVIATIONS = frozenset(
    {"dr", "mr", "mrs", "ms", "mx", "prof", "st", "jr", "sr", "vs", "etc", "e.g", "i.e", "no"}
)


@dataclass(frozen=True)
class RuleResult:
    key: str  # words | job-words | connection | question | about-them
    label: str  # what the rule asks, for a checklist
    passed: bool
    reason: str  # one line, with its figure


@dataclass(frozen=True)
class Note:
    subject: str
    body: str
    after: str = ""  # the sign-off and what follows it (a signature, a P.S.)


def count_words(text: str) -> int:
    return sum(1 for chunk in text.split() if any(c.isalnum() for c in chunk))


def tokens(text: str) -> list[str]:
    """Lower-case words, apostrophes kept (``you're``), accents kept."""
    return _TOKEN.findall(text.replace("\u2019", "'").lower())


def _plain(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def _bare_name(line: str) -> bool:
    return count_words(line) <= 3 and not re.search(r"[.!?]", line)


def _is_greeting(line: str) -> bool:
    words = tokens(line)
    if not words or count_words(line) > 6 or line.rstrip().endswith((".", "?")):
        return False  # "Hi, I am Sam, a fellow alum." is the first sentence, not a greeting
    return words[0] in GREETINGS or line.rstrip().endswith(",")


def _is_closing(line: str) -> bool:
    stripped = line.strip()
    if stripped in ("--", "-- ") or stripped.startswith("-- "):
        return True
    words = tokens(stripped)
    if not words or count_words(stripped) > 4 or stripped.endswith("?"):
        return False
    return stripped.endswith(",") or words[0] in CLOSINGS


def split_note(text: str) -> Note:
    """The subject line and the body (no greeting, no sign-off) of a note."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and lines[0].strip().lower().startswith(("to:", "cc:")):
        lines.pop(0)  # the address lines a draft carries are not the note
    subject = ""
    if lines and lines[0].strip().lower().startswith("subject:"):
        subject = lines.pop(0).strip()[len("subject:") :].strip()
    while lines and not lines[0].strip():
        lines.pop(0)
    if lines and _is_greeting(lines[0]):
        lines.pop(0)
    body: list[str] = []
    for index, line in enumerate(lines):
        if any(part.strip() for part in body) and _starts_a_block(body) and _is_closing(line):
            return Note(subject, "\n".join(body).strip(), "\n".join(lines[index:]).strip())
        body.append(line)
    # no sign-off: a bare name (a short line with no sentence in it) left at the end
    after: list[str] = []
    while len(body) > 1 and (not body[-1].strip() or _bare_name(body[-1])):
        after.insert(0, body.pop())
    return Note(subject, "\n".join(body).strip(), "\n".join(after).strip())


def _starts_a_block(before: list[str]) -> bool:
    """A sign-off follows a blank line or a finished sentence; a short line that goes on
    from an unfinished one ("...how your team works" / "with clients.") is the body."""
    last = before[-1].rstrip() if before else ""
    return not last or last.endswith((".", "!", "?", ":", ")", '"', "\u201d"))


def sentences(body: str) -> list[str]:
    flat = " ".join(body.split())
    found: list[str] = []
    for part in (s.strip() for s in _SENTENCE_END.split(flat)):
        if not part:
            continue
        if found and _ends_in_abbreviation(found[-1]):
            found[-1] = f"{found[-1]} {part}"
        else:
            found.append(part)
    return found


def _ends_in_abbreviation(text: str) -> bool:
    """ "... Dr." or "... J." (an initial): the full stop is not a sentence's end."""
    if not text.endswith("."):
        return False
    raw = text[:-1].rsplit(None, 1)[-1] if text[:-1].strip() else ""
    raw = raw.lstrip("\"'(\u201c")
    initial = len(raw) == 1 and raw.isupper() and raw != "I"
    return raw.lower() in ABBREVIATIONS or initial


def _contains(words: list[str], phrase: str) -> bool:
    wanted = tokens(phrase)
    if not wanted:
        return False
    n = len(wanted)
    return any(words[i : i + n] == wanted for i in range(len(words) - n + 1))


def _excerpt(text: str, width: int = 40) -> str:
    """The end of ``text`` in at most ``width`` characters, from a word's start."""
    if len(text) <= width:
        return text
    tail = text[-(width - 1) :]
    head, space, rest = tail.partition(" ")
    return "…" + (rest if space and rest else tail)


def check(
    text: str, limit: int = DEFAULT_WORD_LIMIT, connections: Iterable[str] = ()
) -> list[RuleResult]:
    """Each rule, passed or not, with a one-line reason (see the module's docstring)."""
    note = split_note(text)
    return [
        _words(note, limit),
        _job_words(note),
        _connection(note, connections),
        _question(note),
        _about_them(note),
    ]


def _words(note: Note, limit: int) -> RuleResult:
    n = count_words(note.body)
    label = f"Under {limit} words"
    if n < limit:
        return RuleResult("words", label, True, f"{n} words: under {limit}")
    return RuleResult("words", label, False, f"{n} words: keep it under {limit}")


def _job_words(note: Note) -> RuleResult:
    found: list[str] = []
    for word in tokens(f"{note.subject}\n{note.body}\n{note.after}"):  # a P.S. too
        if _plain(word) in JOB_WORDS and word not in found:
            found.append(word)
    label = "No job words"
    if not found:
        return RuleResult("job-words", label, True, "no job-seeking words")
    quoted = ", ".join(f'"{w}"' for w in found)
    return RuleResult(
        "job-words", label, False, f"job words {quoted}: ask for insight and advice, not a job"
    )


def _connection(note: Note, connections: Iterable[str]) -> RuleResult:
    label = "Connection in the first sentence"
    parts = sentences(note.body)
    words = tokens(parts[0]) if parts else []
    named = [" ".join(c.split()) for c in connections if c.strip() and _contains(words, c)]
    found = named or [w for w in words if w in CONNECTION_WORDS]
    found = found or [p for p in CONNECTION_PHRASES if _contains(words, p)]
    if found:
        return RuleResult("connection", label, True, f'connection: "{found[0]}"')
    return RuleResult(
        "connection",
        label,
        False,
        "no connection in the first sentence: say who suggested you write, where you met, "
        "or what you share (fellow, alum, also worked at…)",
    )


def _question(note: Note) -> RuleResult:
    label = "Ends with a question"
    parts = sentences(note.body)
    last = parts[-1].rstrip(_CLOSERS) if parts else ""
    if last.endswith("?"):
        return RuleResult("question", label, True, "ends with a question")
    if not last:
        return RuleResult("question", label, False, "the note is empty: end with a question")
    return RuleResult(
        "question",
        label,
        False,
        f'ends with "{_excerpt(last)}": end by asking a question',
    )


def _about_them(note: Note) -> RuleResult:
    words = tokens(note.body)
    you = sum(1 for w in words if w in YOU_WORDS)
    me = sum(1 for w in words if w in I_WORDS)
    label = "More you than I"
    figure = f"{you} you, {me} I"
    if you > me:
        return RuleResult("about-them", label, True, f"{figure}: about them")
    return RuleResult("about-them", label, False, f"{figure}: write more about them than about you")


def passed(results: Iterable[RuleResult]) -> bool:
    return all(r.passed for r in results)
