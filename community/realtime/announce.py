"""Announcements on the channel layer: the group names, the shape of each
event, and sending them. The services call these on commit; they never raise.

Imports only asgiref, Channels and the standard library, so any module of ours
may import this one without a cycle.
"""

import asyncio
import logging
import os

from asgiref.sync import SyncToAsync, async_to_sync
from channels.layers import get_channel_layer

logger = logging.getLogger(__name__)


# --- Groups -------------------------------------------------------------------------


def conversation_group(conversation_id: int) -> str:
    return f"conversation.{conversation_id}"


def member_group(user_id: int) -> str:
    """Every socket of the member: told when a session or the account ends."""
    return f"member.{user_id}"


def badge_group(user_id: int) -> str:
    """The member's notification sockets only: told when a count changes."""
    return f"badges.{user_id}"


# --- Events (the consumers have a handler for each ``type``) -------------------------


def typing_event(*, profile_id: int) -> dict:
    """Sent by a chat socket itself (not on commit): "… is typing"."""
    return {"type": "chat.typing", "profile_id": profile_id}


COUNTS_CHANGED = {"type": "notify.counts"}


# --- Sending ------------------------------------------------------------------------


def _send(group: str, event: dict, *more: tuple[str, dict]) -> None:
    """Announce ``event`` to ``group`` (and each further (group, event) of
    ``more``, in order). From a worker thread of a running server (a socket's
    database call, a view under daphne) the sends are handed to the event loop
    in one call and the thread goes on at once; elsewhere (tests, commands)
    they are sent before returning."""
    layer = get_channel_layer()
    if layer is None:
        return
    sends = ((group, event), *more)
    loop = getattr(SyncToAsync.threadlocal, "main_event_loop", None)
    same_process = getattr(SyncToAsync.threadlocal, "main_event_loop_pid", 0)
    if loop is not None and loop.is_running() and same_process == os.getpid():
        asyncio.run_coroutine_threadsafe(_send_each(layer, sends), loop)
        return
    try:
        async_to_sync(_send_each)(layer, sends)
    except Exception:  # no way to run it here: the stored data stays the truth
        logger.exception("channel layer: could not announce to %s", group)


async def _send_each(layer, sends) -> None:
    """Each send on its own: one failing (the message is stored; clients catch
    up on their next ping or reconnect) neither stops the others nor fails the
    write."""
    for group, event in sends:
        try:
            await layer.group_send(group, event)
        except Exception:
            logger.exception("channel layer: could not announce to %s", group)


def message_stored(
    *, conversation_id: int, message: dict, previous_id: int, recipient_user_id: int
) -> None:
    _send(
        conversation_group(conversation_id),
        {"type": "chat.message", "message": message, "previous_id": previous_id},
        (badge_group(recipient_user_id), COUNTS_CHANGED),
    )


def read_moved(
    *, conversation_id: int, profile_id: int, up_to: int, user_id: int
) -> None:
    _send(
        conversation_group(conversation_id),
        {"type": "chat.read", "profile_id": profile_id, "up_to": up_to},
        (badge_group(user_id), COUNTS_CHANGED),
    )


def meeting_changed(*, conversation_id: int) -> None:
    """The pair suggested, agreed, declined or cancelled a meeting: the open
    conversation pages show its new state."""
    _send(conversation_group(conversation_id), {"type": "chat.meeting"})


def conversation_closed(*, conversation_id: int) -> None:
    _send(conversation_group(conversation_id), {"type": "chat.closed"})


def notices_changed(*, user_ids) -> None:
    """A request or match changed: the members' badges update."""
    for user_id in set(user_ids):
        _send(badge_group(user_id), COUNTS_CHANGED)


def sessions_end(*, user_id: int, session_key: str | None = None) -> None:
    """Close the member's sockets: those of one session (log-out) or all
    (deactivated or deleted account)."""
    _send(member_group(user_id), {"type": "session.end", "session_key": session_key})
