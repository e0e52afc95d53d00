"""The default question bank: what to ask in an informational interview, by topic.

Seeded into the ``questions`` table the first time the bank is used; from then on the
table is the user's to edit (``infoterm questions``). Headless and stdlib-only.

Every question also has a TIARA tag (Steve Dalton's order for the conversation: Trends,
Insights, Advice, Resources, Assignments). The tag is not stored; :func:`tag_of` derives
it, so banks seeded before tags existed have them too:

1. a default question (found by its text, spacing and case aside) has the tag it is
   listed with below;
2. otherwise a question filed under a topic named after a tag (``infoterm questions add
   trends ...``, or ``edit ID --topic resources``) has that tag;
3. otherwise the built-in topic decides (:data:`TOPIC_TAGS`: the work is assignments, the
   path, people, culture and joys are insights, advice is advice, the closing asks are
   resources); a topic of the user's own has no tag ("Other questions").
"""

from __future__ import annotations

# topic key -> heading, in the order a conversation usually runs
TOPICS: dict[str, str] = {
    "work": "The work and its tasks",
    "path": "Their path into it",
    "people": "The people they serve and work with",
    "culture": "Culture and environment",
    "joys": "Joys and frustrations",
    "advice": "Advice for me",
    "closing": "The closing asks",
}

# TIARA tag key -> heading, in Dalton's order for the conversation
TAGS: dict[str, str] = {
    "trends": "Trends",
    "insights": "Insights",
    "advice": "Advice",
    "resources": "Resources",
    "assignments": "Assignments",
}
UNTAGGED = ""  # a question of the user's own topic
UNTAGGED_TITLE = "Other questions"
# the tag of a built-in topic's questions that are not (or no longer) default ones
TOPIC_TAGS: dict[str, str] = {
    "work": "assignments",
    "path": "insights",
    "people": "insights",
    "culture": "insights",
    "joys": "insights",
    "advice": "advice",
    "closing": "resources",
}

# topic -> (TIARA tag, question) in the order asked
DEFAULT_QUESTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "work": (
        (
            "assignments",
            "What does a normal week look like for you, and where does most of the time go?",
        ),
        ("assignments", "Which problems end up on your desk because nobody else can solve them?"),
        ("insights", "What do you rely on every day that a job advert would never mention?"),
        ("insights", "How do you tell that a piece of your work went well?"),
        ("assignments", "What would I need to be comfortable with from my first day?"),
    ),
    "path": (
        ("insights", "How did you come to this role: a plan, or a series of turns?"),
        ("insights", "What from your earlier jobs turned out to be most useful here?"),
        ("advice", "If you were starting again today, which way in would you choose?"),
        ("insights", "Where do people in your position usually go next?"),
    ),
    "people": (
        ("assignments", "Who is your work ultimately for?"),
        ("assignments", "Which teams or roles do you work with most closely?"),
        ("insights", "What makes someone a colleague you are glad to have?"),
        ("assignments", "Who decides what you work on, and who signs it off?"),
    ),
    "culture": (
        ("insights", "How does your team make decisions when people disagree?"),
        ("insights", "What surprised you most in your first months here?"),
        ("resources", "How does the organisation help people learn new things?"),
        ("insights", "What kind of person does well here, and who finds it hard?"),
    ),
    "joys": (
        ("insights", "What part of the work gives you the most satisfaction?"),
        ("insights", "What frustrates you, and what would you change if you could?"),
        ("insights", "Tell me about a recent day you went home pleased."),
        ("insights", "What do people outside the field get wrong about it?"),
    ),
    "advice": (
        ("advice", "Looking at my background, which gap would you close first?"),
        ("resources", "Is there a course, community or newsletter you would point me to?"),
        ("advice", "How would you describe my experience to someone hiring for this?"),
        ("advice", "What would you avoid doing if you were in my place?"),
    ),
    "closing": (
        (
            "resources",
            "Have you heard of any current or upcoming openings that fit what I am aiming for?",
        ),
        (
            "resources",
            "Could you suggest two or three other people I might talk with? May I mention you?",
        ),
        ("resources", "Would you be happy to connect on LinkedIn?"),
        ("resources", "May I leave my resume with you, just for future reference?"),
    ),
    # after the built-in topics, so a bank seeded before them keeps its order
    "trends": (
        ("trends", "What is changing in your field, and how is it changing your work?"),
        ("trends", "Which skills will matter more here in three years, and which less?"),
    ),
}


def topic_title(topic: str) -> str:
    """The heading for a topic key; a topic the user made up is its own heading."""
    return TOPICS.get(topic) or TAGS.get(topic) or topic


def _topic_keys() -> list[str]:
    return [*TOPICS, *(tag for tag in TAGS if tag not in TOPICS)]


def topic_order(topic: str) -> int:
    """Built-in topics in conversation order, then the tag-named ones, the user's own last."""
    keys = _topic_keys()
    return keys.index(topic) if topic in keys else len(keys)


def parse_topic(text: str) -> str:
    """A topic key from a key ("work"), a heading in any case, or a unique start of either
    (a TIARA tag's name is a topic too); anything else is a new topic of the user's own
    (its tidied text)."""
    cleaned = " ".join(text.split())
    if not cleaned:
        raise ValueError("a question needs a topic, e.g. work, path, people, advice, trends")
    lowered = cleaned.lower()
    titles = {key: topic_title(key) for key in _topic_keys()}
    for key, title in titles.items():
        if lowered in (key, title.lower()):
            return key
    starts = [
        k for k, t in titles.items() if k.startswith(lowered) or t.lower().startswith(lowered)
    ]
    if len(starts) == 1:
        return starts[0]
    return cleaned


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


_DEFAULT_TAGS: dict[str, str] = {
    _normal(text): tag for rows in DEFAULT_QUESTIONS.values() for tag, text in rows
}


def tag_of(topic: str, text: str) -> str:
    """A question's TIARA tag key, or UNTAGGED (see the module's docstring for the rule)."""
    found = _DEFAULT_TAGS.get(_normal(text))
    if found is not None:
        return found
    if topic in TAGS:
        return topic
    return TOPIC_TAGS.get(topic, UNTAGGED)


def tag_title(tag: str) -> str:
    return TAGS.get(tag, UNTAGGED_TITLE)


def tag_order(tag: str) -> int:
    """TIARA order; untagged questions last."""
    keys = list(TAGS)
    return keys.index(tag) if tag in keys else len(keys)


def default_rows() -> list[tuple[str, str, int]]:
    """(topic, text, position) for every default question."""
    return [
        (topic, text, position)
        for topic, rows in DEFAULT_QUESTIONS.items()
        for position, (_tag, text) in enumerate(rows)
    ]
