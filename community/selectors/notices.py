"""What the header badges of a signed-in member show, read in one query.

``pending``: match requests waiting for my answer; ``answers``: answers to my
requests (accepted, declined, cancelled or expired) I have not seen yet;
``requests``: both; ``unread_messages``: chat messages from others in my
conversations above my read watermark. The same keys everywhere: the page's
context (``member_badges``), the notification socket's ``counts`` frame and the
badges' ``data-badge`` names that static/js/notifications.js updates.

The header asks for these on every member page (and the badge socket on every
change), so the query is written out once per process from the models' table
and column names: building the same three scalar subqueries with the ORM costs
more than running them.
"""

from functools import cache

from django.db import connection

from community.models import MatchRequest, Message, Participant
from community.selectors.requests import ANSWERED_STATUSES
from config.prepared import execute

BADGES = ("pending", "answers", "requests", "unread_messages")


def header_counts(*, profile_id: int) -> dict[str, int]:
    """The member's header badges: ``pending``, ``answers``, ``requests`` and
    ``unread_messages``. One query, on the request and participant indexes by
    profile."""
    params = [
        profile_id,
        MatchRequest.Status.PENDING,
        profile_id,
        *ANSWERED_STATUSES,
        profile_id,
        profile_id,
    ]
    with connection.cursor() as cursor:
        execute(cursor, _header_counts_sql(), params)
        pending, answers, unread_messages = cursor.fetchone()
    return {
        "pending": pending,
        "answers": answers,
        "requests": pending + answers,
        "unread_messages": unread_messages,
    }


@cache
def _header_counts_sql() -> str:
    quote = connection.ops.quote_name
    request, message, participant = (
        MatchRequest._meta,
        Message._meta,
        Participant._meta,
    )

    def column(meta, name: str) -> str:
        return quote(meta.get_field(name).column)

    requests = quote(request.db_table)
    answered = ", ".join(["%s"] * len(ANSWERED_STATUSES))
    sender = f"m.{column(message, 'sender')}"
    # Only the models' own table and column names go into the text; the profile
    # id and the statuses are parameters. "Not sent by me" keeps messages
    # without a sender, as the ORM's ``exclude(sender_id=...)`` does.
    return (
        "SELECT "  # noqa: S608
        f"(SELECT COUNT(*) FROM {requests} "
        f"WHERE {column(request, 'recipient')} = %s "
        f"AND {column(request, 'status')} = %s), "
        f"(SELECT COUNT(*) FROM {requests} "
        f"WHERE {column(request, 'sender')} = %s "
        f"AND {column(request, 'sender_seen_at')} IS NULL "
        f"AND {column(request, 'status')} IN ({answered})), "
        f"(SELECT COUNT(*) FROM {quote(participant.db_table)} p "
        f"JOIN {quote(message.db_table)} m "
        f"ON m.{column(message, 'conversation')} "
        f"= p.{column(participant, 'conversation')} "
        f"WHERE p.{column(participant, 'profile')} = %s "
        f"AND m.{quote(message.pk.column)} > p.{column(participant, 'last_read_id')} "
        f"AND ({sender} <> %s OR {sender} IS NULL))"
    )
