"""The hot read queries, written once in portable SQL with ``:name`` parameters.

Both the stdlib reader (SQLite, no SQLAlchemy import) and SQLAlchemy's ``text()`` run these
exact strings; tests/store checks that the two paths agree. The SQL runs on SQLite and on
PostgreSQL alike: booleans are compared with TRUE and FALSE (never 1 and 0), times are
UTC text compared as strings.
"""

from infoterm.followup_policy import effective_due_sql

# A follow-up's effective due time (a snooze replaces the due time), for the alias ``f``.
_DUE = effective_due_sql("f")

# What narrows the board: the filter text and whether archived cards show.
_BOARD_WHERE = """
    c.deleted_at IS NULL AND c.on_board = TRUE
    AND (:archived = 1 OR c.archived_at IS NULL)
    AND (:pattern = ''
         OR lower(c.name) LIKE :pattern
         OR lower(COALESCE(o.name, '')) LIKE :pattern
         OR lower(c.title) LIKE :pattern
         OR lower(c.tags) LIKE :pattern
         OR lower(c.source) LIKE :pattern)
"""

# Without a filter the organisation is not needed: counting stays cheap at 10,000 people.
BOARD_COUNTS_ALL = """
SELECT c.stage, COUNT(*)
FROM contacts c
WHERE c.deleted_at IS NULL AND c.on_board = TRUE AND (:archived = 1 OR c.archived_at IS NULL)
GROUP BY c.stage
"""

BOARD_COUNTS = f"""
SELECT c.stage, COUNT(*)
FROM contacts c LEFT JOIN organisations o ON o.id = c.organisation_id
WHERE {_BOARD_WHERE}
GROUP BY c.stage
"""

# A card's urgency: the effective due time (a snooze replaces the due time) of its most
# urgent open follow-up; a card with none sorts after every time ('9999' is later than any
# stored UTC text).
_URGENCY = f"""COALESCE((SELECT MIN({_DUE}) FROM followups f
    WHERE f.contact_id = c.id AND f.state = 'open'), '9999')"""

_BOARD_SELECT = f"""
SELECT c.id, c.name, COALESCE(o.name, ''), c.title, c.archived_at,
  (SELECT f.kind FROM followups f
    WHERE f.contact_id = c.id AND f.state = 'open'
    ORDER BY {_DUE}, f.id LIMIT 1),
  (SELECT MIN({_DUE}) FROM followups f
    WHERE f.contact_id = c.id AND f.state = 'open'),
  c.requested_at, c.replied_at,
  CASE WHEN c.requested_at IS NOT NULL
        AND (c.replied_at IS NULL OR c.replied_at < c.requested_at)
        AND EXISTS (SELECT 1 FROM followups f
          WHERE f.contact_id = c.id AND f.kind = 'nudge'
            AND f.state IN ('done', 'dismissed') AND f.created_at >= c.requested_at)
       THEN 1 ELSE 0 END
FROM contacts c LEFT JOIN organisations o ON o.id = c.organisation_id
WHERE c.stage = :stage AND {_BOARD_WHERE}
"""

# One page of a column, newest arrival in the stage first. The card's hint is its most
# urgent open follow-up (kind and effective due time); then what its responder type is
# worked out from: the latest request, the reply, and whether the nudge is over (done or
# dismissed, with no reply since the request).
BOARD_PAGE = f"""{_BOARD_SELECT}
ORDER BY c.stage_changed_at DESC, c.id DESC
LIMIT :limit OFFSET :offset
"""

# The same page ordered by urgency: most overdue follow-up first, then newest arrival.
BOARD_PAGE_URGENT = f"""{_BOARD_SELECT}
ORDER BY {_URGENCY}, c.stage_changed_at DESC, c.id DESC
LIMIT :limit OFFSET :offset
"""

# Where a card sits in its column (for keeping the cursor on it after a change).
BOARD_POSITION = f"""
SELECT COUNT(*)
FROM contacts c LEFT JOIN organisations o ON o.id = c.organisation_id
WHERE c.stage = :stage AND {_BOARD_WHERE}
  AND (c.stage_changed_at > :changed_at
       OR (c.stage_changed_at = :changed_at AND c.id > :id))
"""

# The same in a column ordered by urgency (:urgency is the card's own, from CARD_URGENCY).
BOARD_POSITION_URGENT = f"""
SELECT COUNT(*)
FROM contacts c LEFT JOIN organisations o ON o.id = c.organisation_id
WHERE c.stage = :stage AND {_BOARD_WHERE}
  AND ({_URGENCY} < :urgency
       OR ({_URGENCY} = :urgency
           AND (c.stage_changed_at > :changed_at
                OR (c.stage_changed_at = :changed_at AND c.id > :id))))
"""

CARD_URGENCY = f"""
SELECT {_URGENCY} FROM contacts c WHERE c.id = :id
"""

CARD_KEY = """
SELECT stage, stage_changed_at FROM contacts WHERE id = :id AND deleted_at IS NULL
"""

# Contacts for "jump to contact" and name look-ups.
CONTACT_NAMES = """
SELECT c.id, c.name, COALESCE(o.name, ''), c.stage
FROM contacts c LEFT JOIN organisations o ON o.id = c.organisation_id
WHERE c.deleted_at IS NULL AND c.on_board = TRUE
ORDER BY lower(c.name)
"""


def _unreadable(t: str) -> str:
    """SQL true for a time text not of the stored shape: not 19 characters, outside
    :earliest and :latest (see ``timefmt``), or no month. That is what another program or
    an older infoterm wrote ("999-06-01 09:00:00", "garbage", "2026-13-45 99:99:99").
    Portable, so a shape check, not a parse; kept to three tests (``infoterm due`` runs
    it on every open follow-up not yet due): a wrong day or hour passes it."""
    return f"""(length({t}) <> 19 OR {t} NOT BETWEEN :earliest AND :latest
        OR substr({t}, 6, 2) NOT BETWEEN '01' AND '12')"""


# Open follow-ups whose effective due time (a snooze replaces the due time) is at or
# before :until, most overdue first: `infoterm due` and the review screen both run this.
# One whose time cannot be read is listed too, whenever (shown as "unknown date"), never
# dropped. The row's version goes with it, so an action on it finds out if it changed.
DUE = f"""
SELECT f.id, f.kind, c.id, c.name, COALESCE(o.name, ''),
       {_DUE} AS due, f.reason,
       CASE WHEN f.snoozed_until IS NULL THEN 0 ELSE 1 END, f.version
FROM followups f
JOIN contacts c ON c.id = f.contact_id
LEFT JOIN organisations o ON o.id = c.organisation_id
WHERE f.state = 'open' AND c.deleted_at IS NULL AND c.archived_at IS NULL
  AND ({_DUE} <= :until
       OR {_unreadable(_DUE)})
ORDER BY due, f.id
"""

# Every open follow-up of one person, whenever due (the contact screen), the same columns.
CONTACT_OPEN = f"""
SELECT f.id, f.kind, c.id, c.name, COALESCE(o.name, ''),
       {_DUE} AS due, f.reason,
       CASE WHEN f.snoozed_until IS NULL THEN 0 ELSE 1 END, f.version
FROM followups f
JOIN contacts c ON c.id = f.contact_id
LEFT JOIN organisations o ON o.id = c.organisation_id
WHERE f.state = 'open' AND c.id = :contact
ORDER BY due, f.id
"""

# Meetings in a time range (the review's "today's meetings"), earliest first: when they
# began, or when they are planned to (one planned for Monday but held today is today's).
MEETINGS_BETWEEN = """
SELECT m.id, COALESCE(m.started_at, m.scheduled_at) AS at, m.promised_minutes, m.state,
       c.id, c.name, COALESCE(o.name, ''), m.location, m.duration_seconds
FROM meetings m
JOIN contacts c ON c.id = m.contact_id
LEFT JOIN organisations o ON o.id = c.organisation_id
WHERE COALESCE(m.started_at, m.scheduled_at) >= :start
  AND COALESCE(m.started_at, m.scheduled_at) < :end
  AND m.state NOT IN ('cancelled', 'canceled') AND c.deleted_at IS NULL
ORDER BY at, m.id
"""

# Whether the database has ever had a contact (deleted and archived ones count): the
# welcome screen shows only on a database that has none.
HAS_CONTACTS = """
SELECT EXISTS (SELECT 1 FROM contacts)
"""

ADDRESS_BOOK_COUNT = """
SELECT COUNT(*) FROM contacts WHERE on_board = FALSE AND deleted_at IS NULL
"""
