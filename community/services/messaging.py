"""Chat between the two members of a match: start, send, read, report, e-mail.

Persist, then deliver: a message is stored inside a transaction that holds the
conversation's row lock (so ids grow in commit order within a conversation) and
announced through community/realtime/announce.py only on commit. A retried send with the
same ``client_id`` returns the message already stored. Who may write is checked
on every send, here, whatever the caller (socket or form).
"""

import logging
import re
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from community.models import (
    MAX_MESSAGE_LENGTH,
    Conversation,
    Match,
    Message,
    Participant,
    Profile,
    Report,
)
from community.realtime import announce
from community.services.claims import claim_each
from community.services.emails import (
    email_send,
    member_language,
    member_url,
    one_line,
)
from community.services.errors import RuleBroken
from community.services.safety import report_coordinators_tell
from community.text import is_visible, without_hidden
from config.cache import count_up
from config.prepared import execute

logger = logging.getLogger(__name__)

RATE_LIMIT_MESSAGES = 20
RATE_LIMIT_WINDOW = 10  # seconds
UNREAD_EMAIL_AFTER = timedelta(minutes=15)
MAX_REPORT_REASON = 2000


class RateLimited(RuleBroken):
    """Too many messages in a short time; ``retry_after`` is in seconds."""

    def __init__(self, retry_after: int):
        super().__init__(
            ngettext(
                "You are sending messages very fast. Please wait %(n)d second.",
                "You are sending messages very fast. Please wait %(n)d seconds.",
                retry_after,
            )
            % {"n": retry_after},
            field="body",
        )
        self.retry_after = retry_after


@dataclass(frozen=True)
class Sent:
    message: Message
    created: bool


# --- Sending ----------------------------------------------------------------------


def message_body_clean(body: object) -> str:
    """The text as it will be stored: line endings unified, outer white space
    trimmed. Empty or over 4,000 characters is a RuleBroken."""
    if not isinstance(body, str):
        raise RuleBroken(_("A message must be text."), field="body")
    text = without_hidden(
        body.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    ).strip()
    if not is_visible(text):
        raise RuleBroken(_("Write something before you send."), field="body")
    if len(text) > MAX_MESSAGE_LENGTH:
        raise RuleBroken(
            _("A message can have at most %(max)d characters (this one has %(n)d).")
            % {"max": MAX_MESSAGE_LENGTH, "n": len(text)},
            field="body",
        )
    return text


def _rate_limit_check(profile_id: int, now: float | None = None) -> None:
    """At most 20 messages in a 10-second window per member, counted in the cache
    (Redis with several processes), so every socket and form shares one count."""
    now = time.time() if now is None else now
    window = int(now // RATE_LIMIT_WINDOW)
    key = f"chat-rate:{profile_id}:{window}"
    try:
        count = count_up(cache, key, timeout=RATE_LIMIT_WINDOW * 2)
    except Exception:
        # The cache (Redis) is away: let the message through rather than lose
        # it; the limit is a courtesy, the database is what matters.
        logger.warning("chat rate limit skipped: the cache is unreachable")
        return
    if count > RATE_LIMIT_MESSAGES:
        retry_after = max(1, int((window + 1) * RATE_LIMIT_WINDOW - now + 0.999))
        raise RateLimited(retry_after)


@dataclass(frozen=True)
class _Writable:
    conversation_id: int
    last_message_id: int
    recipient_user_id: int


_WRITABLE_FIELDS = (
    "last_message_id",
    "match__status",
    "match__host_id",
    "match__host__is_deleted",
    "match__host__user__is_active",
    "match__host__user_id",
    "match__newcomer__is_deleted",
    "match__newcomer__user__is_active",
    "match__newcomer__user_id",
)


def _writable_conversation(conversation_id: int, sender: Profile) -> _Writable:
    """Lock the conversation if ``sender`` may write in it now. One narrow
    query: the account and the match are read fresh here, not trusted from the
    caller's copy (a socket keeps its profile for hours)."""
    row = (
        Conversation.objects.select_for_update(of=("self",))
        .filter(pk=conversation_id, participants__profile_id=sender.pk)
        .values_list(*_WRITABLE_FIELDS)
        .first()
    )
    return _writable_check(conversation_id, sender, row)


def _writable_check(conversation_id: int, sender: Profile, row) -> _Writable:
    """The rules of writing, on a row of ``_WRITABLE_FIELDS`` (or None: not
    a participant). Shared by the ORM and the one-statement send."""
    if row is None:
        raise RuleBroken(_("You are not part of this conversation."))
    fields = dict(zip(_WRITABLE_FIELDS, row, strict=True))
    if fields["match__status"] != Match.Status.ACTIVE:
        raise RuleBroken(
            _("This match has ended, so the conversation can no longer be written to.")
        )
    mine, theirs = (
        ("match__host", "match__newcomer")
        if fields["match__host_id"] == sender.pk
        else ("match__newcomer", "match__host")
    )
    if fields[f"{mine}__is_deleted"] or not fields[f"{mine}__user__is_active"]:
        raise RuleBroken(_("Your account is closed."))
    return _Writable(
        conversation_id=conversation_id,
        last_message_id=fields["last_message_id"] or 0,
        recipient_user_id=fields[f"{theirs}__user_id"],
    )


def message_send(
    *, conversation_id: int, sender: Profile, body: object, client_id: object
) -> Sent:
    """Store a message from ``sender`` and announce it on commit.

    A ``client_id`` the sender already used for this conversation returns that
    message (``created=False``), so retries never make a second one."""
    try:
        client_uuid = uuid.UUID(str(client_id))
    except (TypeError, ValueError) as error:
        raise RuleBroken(
            _("The message has no valid id."), field="client_id"
        ) from error
    text = message_body_clean(body)
    _rate_limit_check(sender.pk)
    store = _store_in_one_statement if connection.vendor == "postgresql" else _store
    writable, message = store(conversation_id, sender, client_uuid, text)
    if message is None:
        # This client id was stored before (a retry): answer with that message.
        existing = Message.objects.filter(sender=sender, client_id=client_uuid).first()
        if existing is None:  # pragma: no cover - the constraint said it exists
            raise RuleBroken(_("The message has no valid id."), field="client_id")
        if existing.conversation_id != conversation_id:
            raise RuleBroken(_("The message has no valid id."), field="client_id")
        return Sent(existing, created=False)
    transaction.on_commit(
        partial(
            announce.message_stored,
            conversation_id=conversation_id,
            message=message_payload(message),
            previous_id=writable.last_message_id,
            recipient_user_id=writable.recipient_user_id,
        )
    )
    return Sent(message, created=True)


def _store(
    conversation_id: int, sender: Profile, client_uuid: uuid.UUID, text: str
) -> tuple[_Writable | None, Message | None]:
    """Lock, check, insert and move the conversation's last message, through
    the ORM. The message (and the lock's answer) is None when ``client_uuid``
    was used before."""
    try:
        with transaction.atomic():
            writable = _writable_conversation(conversation_id, sender)
            message = Message.objects.create(
                conversation_id=conversation_id,
                sender_id=sender.pk,
                client_id=client_uuid,
                body=text,
            )
            Conversation.objects.filter(pk=conversation_id).update(
                last_message=message, last_message_at=message.created_at
            )
    except IntegrityError:
        if not Message.objects.filter(sender=sender, client_id=client_uuid).exists():
            raise
        return None, None
    return writable, message


# ``_store`` in one statement and one round trip (PostgreSQL), its own
# transaction when no atomic block is open. The conversation row is locked
# (``writable``) before the insert takes its id, so ids still grow in commit
# order; the rules are checked on the locked row, in SQL for the insert and in
# Python (``_writable_check``) for the answer. A client id used before inserts
# nothing (ON CONFLICT) and the message comes back None, as from ``_store``.
# tests/community/test_messaging.py runs both on the same cases.
_STORE_SQL = """
WITH writable AS (
    SELECT c.last_message_id, m.status, m.host_id,
           hp.is_deleted AS host_deleted, hu.is_active AS host_active,
           hp.user_id AS host_user_id,
           np.is_deleted AS newcomer_deleted, nu.is_active AS newcomer_active,
           np.user_id AS newcomer_user_id
    FROM community_conversation c
    JOIN community_participant p
      ON p.conversation_id = c.id AND p.profile_id = %(sender)s
    JOIN community_match m ON m.id = c.match_id
    JOIN community_profile hp ON hp.id = m.host_id
    JOIN auth_user hu ON hu.id = hp.user_id
    JOIN community_profile np ON np.id = m.newcomer_id
    JOIN auth_user nu ON nu.id = np.user_id
    WHERE c.id = %(conversation)s
    FOR UPDATE OF c
), inserted AS (
    INSERT INTO community_message (conversation_id, sender_id, client_id, body,
                                   created_at)
    SELECT %(conversation)s::bigint, %(sender)s::bigint, %(client)s::uuid,
           %(body)s::text, clock_timestamp()
    FROM writable w
    WHERE w.status = %(active)s
      AND CASE WHEN w.host_id = %(sender)s
               THEN NOT w.host_deleted AND w.host_active
               ELSE NOT w.newcomer_deleted AND w.newcomer_active END
    ON CONFLICT (sender_id, client_id) DO NOTHING
    RETURNING id, created_at
), moved AS (
    UPDATE community_conversation c
    SET last_message_id = i.id, last_message_at = i.created_at
    FROM inserted i
    WHERE c.id = %(conversation)s
)
SELECT w.last_message_id, w.status, w.host_id, w.host_deleted, w.host_active,
       w.host_user_id, w.newcomer_deleted, w.newcomer_active, w.newcomer_user_id,
       i.id, i.created_at
FROM writable w LEFT JOIN inserted i ON TRUE
"""


def _store_in_one_statement(
    conversation_id: int, sender: Profile, client_uuid: uuid.UUID, text: str
) -> tuple[_Writable, Message | None]:
    with connection.cursor() as cursor:
        execute(
            cursor,
            _STORE_SQL,
            {
                "conversation": conversation_id,
                "sender": sender.pk,
                "client": client_uuid,
                "body": text,
                "active": Match.Status.ACTIVE.value,
            },
        )
        row = cursor.fetchone()
    writable = _writable_check(conversation_id, sender, row and row[:9])
    if row[9] is None:
        return writable, None
    message = Message(
        pk=row[9],
        conversation_id=conversation_id,
        sender_id=sender.pk,
        client_id=client_uuid,
        body=text,
        created_at=row[10],
    )
    message._state.adding = False
    message._state.db = connection.alias
    return writable, message


# --- Showing ----------------------------------------------------------------------

URL_PATTERN = re.compile(r"""\bhttps?://[^\s<>"'`]+""", re.IGNORECASE)
TRAILING_PUNCTUATION = ".,;:!?)]}'\""


def message_html(body: str) -> str:
    """The body as safe HTML: everything escaped, line breaks kept, and http(s)
    links made clickable with ``rel="nofollow noopener"``. The one place chat
    text becomes HTML, for pages and sockets alike."""
    from django.utils.html import escape

    parts: list[str] = []
    position = 0
    for found in URL_PATTERN.finditer(body):
        url = found.group(0)
        trimmed = url.rstrip(TRAILING_PUNCTUATION)
        # Keep a closing bracket that belongs to the link, as in Wikipedia URLs.
        while (
            trimmed.count("(") > trimmed.count(")") and url[len(trimmed) :][:1] == ")"
        ):
            trimmed += ")"
        end = found.start() + len(trimmed)
        parts.append(escape(body[position : found.start()]))
        parts.append(
            f'<a href="{escape(trimmed)}" rel="nofollow noopener" target="_blank">'
            f"{escape(trimmed)}</a>"
        )
        position = end
    parts.append(escape(body[position:]))
    return "".join(parts).replace("\n", "<br>")


def message_payload(message: Message) -> dict:
    """A message as the sockets send it (JSON-ready)."""
    return {
        "id": message.pk,
        "client_id": str(message.client_id),
        "sender_id": message.sender_id,
        "html": message_html(message.body),
        "created_at": message.created_at.isoformat(),
    }


# --- Reading ----------------------------------------------------------------------


# The watermark moved in one statement (PostgreSQL and SQLite alike): clamped to
# the conversation's newest message, only forward, the new value returned.
_MARK_READ_SQL = """
UPDATE community_participant
SET last_read_id = clamped.up_to, last_read_at = %s
FROM (
    SELECT CASE WHEN COALESCE(last_message_id, 0) < %s
                THEN COALESCE(last_message_id, 0) ELSE %s END AS up_to
    FROM community_conversation WHERE id = %s
) AS clamped
WHERE conversation_id = %s AND profile_id = %s AND last_read_id < clamped.up_to
RETURNING last_read_id
"""


LARGEST_ID = 2**63 - 1


def conversation_mark_read(
    *, conversation_id: int, profile: Profile, up_to: int
) -> int:
    """Move ``profile``'s read watermark forward to ``up_to`` (never back, never
    past the newest message). Returns the watermark; tells the other member's
    sockets ("Seen") and the member's own badge on commit."""
    # Past the newest message means the newest; beyond a 64-bit id the database
    # would refuse the number itself.
    up_to = min(max(int(up_to), 0), LARGEST_ID)
    with connection.cursor() as cursor:
        execute(
            cursor,
            _MARK_READ_SQL,
            [
                connection.ops.adapt_datetimefield_value(timezone.now()),
                up_to,
                up_to,
                conversation_id,
                conversation_id,
                profile.pk,
            ],
        )
        moved = cursor.fetchone()
    if moved:
        up_to = moved[0]
        transaction.on_commit(
            partial(
                announce.read_moved,
                conversation_id=conversation_id,
                profile_id=profile.pk,
                up_to=up_to,
                user_id=profile.user_id,
            )
        )
        return up_to
    return (
        Participant.objects.filter(conversation_id=conversation_id, profile=profile)
        .values_list("last_read_id", flat=True)
        .first()
        or 0
    )


def unread_email_preference_set(*, profile: Profile, enabled: bool) -> Profile:
    Profile.objects.filter(pk=profile.pk).update(email_on_unread=enabled)
    profile.email_on_unread = enabled
    return profile


# --- Reporting --------------------------------------------------------------------


def message_report(*, reporter: Profile, message: Message, reason: str) -> Report:
    """Tell the coordinators about a message the other member wrote. The report
    keeps a copy of the text."""
    if message.sender_id == reporter.pk:
        raise RuleBroken(_("You cannot report your own message."))
    if not Participant.objects.filter(
        conversation_id=message.conversation_id, profile=reporter
    ).exists():
        raise RuleBroken(_("You are not part of this conversation."))
    reason = (reason or "").strip()
    if not reason:
        raise RuleBroken(_("Please tell us what is wrong."), field="reason")
    if len(reason) > MAX_REPORT_REASON:
        raise RuleBroken(
            _("Please keep it under %(max)d characters.") % {"max": MAX_REPORT_REASON},
            field="reason",
        )
    with transaction.atomic():
        report = Report.objects.create(
            reporter=reporter,
            reported_id=message.sender_id,
            reason=reason,
            message=message,
            quoted_message=message.body,
        )
        report_coordinators_tell(report)
    return report


# --- Unread e-mails (a scheduled job) ------------------------------------------------


def _unread_waiting(now: datetime):
    """Participants with a message from the other member unread for 15 minutes
    and no e-mail since they last read."""
    old_unread = Message.objects.filter(
        conversation_id=OuterRef("conversation_id"),
        id__gt=OuterRef("last_read_id"),
        created_at__lte=now - UNREAD_EMAIL_AFTER,
    ).exclude(sender_id=OuterRef("profile_id"))
    return Participant.objects.filter(
        Exists(old_unread),
        emailed_up_to_id__lte=F("last_read_id"),
        profile__email_on_unread=True,
        profile__is_deleted=False,
        profile__user__is_active=True,
    )


def unread_message_emails_send(*, now: datetime | None = None) -> int:
    """One e-mail per conversation with messages waiting 15 minutes, until the
    member reads it. Each participant is claimed under a row lock (skipped if
    another run holds it), so two runs never send the same e-mail; a crash before
    commit leaves the row to the next run. Returns the number sent."""
    now = now or timezone.now()

    def email(participant: Participant) -> bool:
        unread = list(
            Message.objects.filter(
                conversation_id=participant.conversation_id,
                id__gt=participant.last_read_id,
            )
            .exclude(sender_id=participant.profile_id)
            .select_related("sender")
            .order_by("-id")[:50]
        )
        if not unread:
            return False
        Participant.objects.filter(pk=participant.pk).update(
            emailed_up_to_id=unread[0].pk
        )
        _email_unread(participant, unread)
        return True

    return claim_each(_unread_waiting(now), email)


def _email_unread(participant: Participant, unread: list[Message]) -> None:
    member = Profile.objects.select_related("user").get(pk=participant.profile_id)
    other = unread[0].sender
    count = len(unread)
    with member_language(member):
        subject = ngettext(
            "%(name)s sent you a message",
            "%(name)s sent you %(count)d messages",
            count,
        ) % {"name": one_line(other.public_name), "count": count}
        email_send(
            to=[member.user.email],
            template="unread_messages",
            subject=subject,
            context={
                "member": member,
                "other": other,
                "count": count,
                "latest": list(reversed(unread[:3])),
                "conversation_url": member_url(
                    "conversation", participant.conversation_id
                ),
                "settings_url": member_url("conversations"),
            },
        )
