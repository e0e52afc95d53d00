"""Note drafts: a template per kind of follow-up, as editable files in the data folder.

The defaults are written to ``<data folder>/templates/<kind>.txt`` the first time a draft
is asked for; from then on the user's own versions are used. Placeholders are
``$first_name``-style (``string.Template``); an unknown or misspelt one is left as it is
rather than failing, so an edited template can never break the review. A paragraph is
one line (the mail program wraps it). Headless.
"""

from __future__ import annotations

import os
from pathlib import Path
from string import Template

DEFAULTS: dict[str, str] = {
    "thank-you": """\
Subject: Thank you, $first_name

Hi $first_name,

Thank you for making time to talk with me on $meeting_day. I came away with a much clearer picture of the work at $organisation, and I keep thinking about what you said about [one specific point from our conversation].

[What you will do with their advice, or whom you will contact next.]

I will let you know how it goes. Thanks again for your generosity.

Best wishes,
$my_name
$signature
""",
    "nudge": """\
Subject: Following up: $minutes minutes of your time?

Hi $first_name,

I wrote a little while ago to ask whether you might have $minutes minutes for a short conversation about your work at $organisation. I know how full inboxes get, so I am bringing it back to the top of yours.

If the timing is wrong, no problem at all; any week in the next month would suit me.

Thank you,
$my_name
$signature
""",
    "check-in": """\
Subject: A quick update

Hi $first_name,

It has been a while since we last spoke ($last_touch_day), and I wanted to tell you where my search has got to: [what has happened since].

[Something useful for them: an article, an event, or advice of theirs that worked.]

How are things at $organisation?

Best,
$my_name
$signature
""",
    "report-back": """\
Subject: I spoke with $about_name: thank you

Hi $first_name,

Thank you again for putting me in touch with $about_name. We spoke on $meeting_day, and [what you learned, or what happens next].

$advice

It made a real difference to hear it from someone doing the work. I am grateful you thought of me.

Best wishes,
$my_name
$signature
""",
    "tell-landed": """\
Subject: Some news: I am joining $landed_org

Hi $first_name,

I am very happy to tell you that I have accepted a role as $landed_title at $landed_org, starting $start_day.

Our conversation [on $meeting_day] helped me get here: [how it helped]. Thank you for your time and your advice.

I would love to stay in touch. My new details: $new_details.

With thanks,
$my_name
$signature
""",
    "reach-out": """\
Subject: $referrer_first_name suggested I get in touch

Hi $first_name,

$referrer_name suggested I contact you. I am exploring [the field or role], and I would be grateful for $minutes minutes of your time to hear how you came to your work at $organisation and what it is like day to day.

Would a short call in the next couple of weeks suit you?

Thank you,
$my_name
$signature
""",
    "second-contact": """\
Subject: $minutes minutes about your work at $organisation?

Hi $first_name,

[How you are connected: the school, team or group you share.] I am exploring [the field or role], and I would be grateful for $minutes minutes of your time to hear how you came to your work at $organisation and what you enjoy about it.

Would a short call in the next couple of weeks suit you?

Thank you,
$my_name
$signature
""",
}


def template_path(folder: Path, kind: str) -> Path:
    return folder / f"{kind}.txt"


def ensure_templates(folder: Path) -> list[Path]:
    """Write any missing default template (the user's edited ones are left alone)."""
    from infoterm.atomic import write_atomic

    written = []
    for kind, text in DEFAULTS.items():
        path = template_path(folder, kind)
        if not path.exists():
            write_atomic(path, text)
            written.append(path)
    return written


def render(kind: str, values: dict[str, str], folder: Path | None = None) -> str:
    """The draft for ``kind``: the user's template if there is one, else the default."""
    text = DEFAULTS.get(kind)
    if text is None:
        raise KeyError(kind)
    if folder is not None:
        try:
            ensure_templates(folder)
            text = template_path(folder, kind).read_text(encoding="utf-8")
        except OSError:
            pass  # an unreadable folder: the built-in template still works
    draft = Template(text).safe_substitute(values)
    # Tidy what empty values leave behind (no name or signature set yet).
    lines: list[str] = []
    for line in (line.rstrip() for line in draft.splitlines()):
        if line or (lines and lines[-1]):  # an empty value leaves one blank line, not two
            lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


def addressed(text: str, name: str, email: str) -> str:
    """The draft with a ``To:`` line first when the address is known (else as it is)."""
    email = email.strip()
    if not email:
        return text
    if any(c in name for c in ',;:<>@"()[]\\'):
        name = '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    to = f"{name} <{email}>" if name.strip() else email
    return f"To: {to}\n{text}"


def editor_command(env: dict[str, str] | None = None) -> list[str] | None:
    """$VISUAL or $EDITOR split into a command, or None when neither is set."""
    import shlex

    env = dict(os.environ) if env is None else env
    text = (env.get("VISUAL") or env.get("EDITOR") or "").strip()
    if not text:
        return None
    try:
        return shlex.split(text)
    except ValueError:
        return None
