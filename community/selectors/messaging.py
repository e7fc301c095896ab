"""Reads for chat: my conversations, one conversation's history, unread counts.

Unread is counted from each participant's read watermark: the other member's
messages with an id above ``last_read_id``.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.base import SessionBase
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from community.models import Conversation, Message, Participant, Profile
from community.selectors.notices import BADGES, header_counts
from community.selectors.visibility import blocks_between

HISTORY_PAGE = 50


def _unread_messages(profile_id_ref, last_read_ref):
    return (
        Message.objects.filter(
            conversation_id=OuterRef("conversation_id"), id__gt=OuterRef(last_read_ref)
        )
        .exclude(sender_id=OuterRef(profile_id_ref))
        .order_by()
        .values("conversation_id")
        .annotate(n=Count("pk"))
        .values("n")
    )


def badge_counts(*, user_id: int) -> dict[str, int]:
    """What the header badges show (``header_counts``), for the member with
    ``user_id``; zeros if they have no profile. Two queries: the profile id,
    then ``header_counts``."""
    profile_id = (
        Profile.objects.filter(user_id=user_id).values_list("pk", flat=True).first()
    )
    if profile_id is None:
        return dict.fromkeys(BADGES, 0)
    return header_counts(profile_id=profile_id)


def badge_profile(*, user) -> tuple[bool, int | None]:
    """(may the member have a badge socket, their profile id) for a user just
    loaded from their session by the auth backends, which load the profile with
    the user: no query. Not for an inactive account or a deleted profile."""
    if not user.is_authenticated or not user.is_active:
        return False, None
    profile = getattr(user, "profile", None)
    if profile is None:
        return True, None
    return not profile.is_deleted, profile.pk


def profile_badge_counts(*, profile_id: int | None) -> dict[str, int]:
    """``badge_counts`` when the profile id is known: one query (none and zeros
    without a profile)."""
    if profile_id is None:
        return dict.fromkeys(BADGES, 0)
    return header_counts(profile_id=profile_id)


@dataclass
class ConversationRow:
    conversation: Conversation
    other: Profile
    unread: int
    is_open: bool


def conversations_for(*, profile: Profile) -> list[ConversationRow]:
    """My conversations, newest activity first, with the other member, my unread
    count and the last message. One query."""
    participants = (
        Participant.objects.filter(profile=profile)
        .select_related(
            "conversation__match__host",
            "conversation__match__newcomer",
            "conversation__last_message",
        )
        .annotate(
            unread=Coalesce(
                Subquery(_unread_messages("profile_id", "last_read_id")), 0
            ),
            activity=Coalesce(
                "conversation__last_message_at", "conversation__created_at"
            ),
        )
        .order_by("-activity", "-conversation_id")
    )
    return [
        ConversationRow(
            conversation=row.conversation,
            other=row.conversation.match.other(profile),
            unread=row.unread,
            is_open=row.conversation.match.status == "active",
        )
        for row in participants
    ]


@dataclass
class ConversationView:
    conversation: Conversation
    me: Participant
    other: Profile
    other_last_read_id: int
    is_open: bool


def conversation_for(*, profile: Profile, pk: int) -> ConversationView | None:
    """One of my conversations, or None if it is not mine."""
    participants = list(
        Participant.objects.filter(conversation_id=pk).select_related(
            "conversation__match__host__municipality",
            "conversation__match__newcomer__municipality",
        )
    )
    mine = next((p for p in participants if p.profile_id == profile.pk), None)
    if mine is None:
        return None
    others = [p for p in participants if p.profile_id != profile.pk]
    match = mine.conversation.match
    return ConversationView(
        conversation=mine.conversation,
        me=mine,
        other=match.other(profile),
        other_last_read_id=others[0].last_read_id if others else 0,
        is_open=match.status == "active",
    )


def conversation_id_for_match(*, match_id: int) -> int | None:
    """The pair's conversation, or None (a match always has one once started)."""
    return (
        Conversation.objects.filter(match_id=match_id)
        .values_list("pk", flat=True)
        .first()
    )


def history(*, conversation_id: int, before: int | None = None) -> dict:
    """A page of messages, oldest first: the newest 50, or the 50 before message
    ``before``. ``older`` is the id to ask for the page before, or None."""
    messages = Message.objects.filter(conversation_id=conversation_id)
    if before:
        messages = messages.filter(id__lt=before)
    page = list(messages.order_by("-id")[: HISTORY_PAGE + 1])
    older = page[HISTORY_PAGE - 1].pk if len(page) > HISTORY_PAGE else None
    page = page[:HISTORY_PAGE]
    page.reverse()
    return {"messages": page, "older": older}


def message_in_conversation(*, profile: Profile, pk: int) -> Message | None:
    """A message in one of my conversations, or None."""
    return (
        Message.objects.filter(pk=pk, conversation__participants__profile=profile)
        .select_related("sender", "conversation")
        .first()
    )


@dataclass(frozen=True)
class ChatAccess:
    profile: Profile
    is_open: bool  # the match is active: the member may write


def chat_access(*, conversation_id: int, user_id: int) -> ChatAccess | None:
    """Whether the member with ``user_id`` may use this conversation's socket:
    one of its two participants, both accounts still there and no block either
    way (the rule of community/selectors/visibility.py; a member address about
    the other answers 404 then, and so does the socket). None: refused."""
    participants = list(
        Participant.objects.filter(conversation_id=conversation_id).select_related(
            "profile__user", "conversation__match"
        )
    )
    mine = next((p for p in participants if p.profile.user_id == user_id), None)
    other = next((p for p in participants if p is not mine), None)
    if mine is None or other is None or mine.profile.is_deleted:
        return None
    if other.profile.is_deleted or not other.profile.user.is_active:
        return None
    if blocks_between(mine.profile_id, other.profile_id).exists():
        return None
    match = mine.conversation.match
    return ChatAccess(profile=mine.profile, is_open=match.status == "active")


# --- For the sockets (community/realtime/consumers.py) -------------------------------


def session_exists(*, session: SessionBase | None) -> bool:
    """The socket's session is still there (not logged out). One cache read;
    the services check the account itself."""
    key = getattr(session, "session_key", None)
    return bool(key) and session.exists(key)


def session_alive(*, session: SessionBase | None, user) -> bool:
    """The socket's session still exists and still belongs to an active user
    whose account is not deleted."""
    if session is None or user is None or not user.is_authenticated:
        return False
    if not session_exists(session=session):
        return False
    return (
        get_user_model()
        .objects.filter(pk=user.pk, is_active=True)
        .exclude(profile__is_deleted=True)
        .exists()
    )


def other_read(*, conversation_id: int, profile_id: int) -> tuple[int, int]:
    """(profile id, read watermark) of the other member of the conversation;
    (0, 0) if there is none."""
    row = (
        Participant.objects.filter(conversation_id=conversation_id)
        .exclude(profile_id=profile_id)
        .values_list("profile_id", "last_read_id")
        .first()
    )
    return row or (0, 0)


def messages_after(
    *, conversation_id: int, after: int, limit: int, clamp: bool = False
) -> tuple[int, list[Message]]:
    """Up to ``limit`` messages with an id above ``after``, oldest first, and
    the ``after`` used. With ``clamp``, an ``after`` past the newest message (a
    page from before the database was restored) is brought back to it."""
    if clamp:
        newest = (
            Conversation.objects.filter(pk=conversation_id)
            .values_list("last_message_id", flat=True)
            .first()
        ) or 0
        after = min(after, newest)
    messages = Message.objects.filter(
        conversation_id=conversation_id, id__gt=after
    ).order_by("id")[:limit]
    return after, list(messages)
