"""The default question bank: what to ask in an informational interview, by topic.

Seeded into the ``questions`` table the first time the bank is used; from then on the
table is the user's to edit (``infoterm questions``). Headless and stdlib-only.
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

DEFAULT_QUESTIONS: dict[str, tuple[str, ...]] = {
    "work": (
        "What does a normal week look like for you, and where does most of the time go?",
        "Which problems end up on your desk because nobody else can solve them?",
        "What do you rely on every day that a job advert would never mention?",
        "How do you tell that a piece of your work went well?",
        "What would I need to be comfortable with from my first day?",
    ),
    "path": (
        "How did you come to this role: a plan, or a series of turns?",
        "What from your earlier jobs turned out to be most useful here?",
        "If you were starting again today, which way in would you choose?",
        "Where do people in your position usually go next?",
    ),
    "people": (
        "Who is your work ultimately for?",
        "Which teams or roles do you work with most closely?",
        "What makes someone a colleague you are glad to have?",
        "Who decides what you work on, and who signs it off?",
    ),
    "culture": (
        "How does your team make decisions when people disagree?",
        "What surprised you most in your first months here?",
        "How does the organisation help people learn new things?",
        "What kind of person does well here, and who finds it hard?",
    ),
    "joys": (
        "What part of the work gives you the most satisfaction?",
        "What frustrates you, and what would you change if you could?",
        "Tell me about a recent day you went home pleased.",
        "What do people outside the field get wrong about it?",
    ),
    "advice": (
        "Looking at my background, which gap would you close first?",
        "Is there a course, community or newsletter you would point me to?",
        "How would you describe my experience to someone hiring for this?",
        "What would you avoid doing if you were in my place?",
    ),
    "closing": (
        "Have you heard of any current or upcoming openings that fit what I am aiming for?",
        "Could you suggest two or three other people I might talk with? May I mention you?",
        "Would you be happy to connect on LinkedIn?",
        "May I leave my resume with you, just for future reference?",
    ),
}


def topic_title(topic: str) -> str:
    """The heading for a topic key; a topic the user made up is its own heading."""
    return TOPICS.get(topic, topic)


def topic_order(topic: str) -> int:
    """Built-in topics in conversation order, the user's own after them."""
    keys = list(TOPICS)
    return keys.index(topic) if topic in TOPICS else len(keys)


def parse_topic(text: str) -> str:
    """A topic key from a key ("work"), a heading in any case, or a unique start of either;
    anything else is a new topic of the user's own (its tidied text)."""
    cleaned = " ".join(text.split())
    if not cleaned:
        raise ValueError("a question needs a topic, e.g. work, path, people, advice")
    lowered = cleaned.lower()
    for key, title in TOPICS.items():
        if lowered in (key, title.lower()):
            return key
    starts = [
        k for k, t in TOPICS.items() if k.startswith(lowered) or t.lower().startswith(lowered)
    ]
    if len(starts) == 1:
        return starts[0]
    return cleaned


def default_rows() -> list[tuple[str, str, int]]:
    """(topic, text, position) for every default question."""
    return [
        (topic, text, position)
        for topic, texts in DEFAULT_QUESTIONS.items()
        for position, text in enumerate(texts)
    ]
