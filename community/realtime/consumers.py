"""Everything live, in one module: the chat and notification sockets, and the
announcements the services make on commit.

The database is the source of truth; the channel layer only says "there is
something new". Each chat socket remembers the last message id it sent
(``last_sent_id``). An announcement carries the message and the id of the one
before it in the conversation: if that is the socket's ``last_sent_id`` the
message goes straight out, otherwise the socket reads what it missed from the
database first. So a message the layer dropped (it promises at most once) is
sent with the next one, on the client's next ping, or on reconnect, where the
client sends the last id it showed. Nothing is sent twice: ids at or below
``last_sent_id`` are skipped.

Sockets: ``/ws/conversations/<id>/?after=<last id shown>`` and
``/ws/notifications/``. Frames are JSON objects with a ``type``; see
``ConversationConsumer.receive``.

Faults are normal: Redis, a database connection or this process can go away at
any moment. A consumer never crashes on them. Every ``send`` gets an ``ack``
(stored) or an ``error`` with its ``client_id`` and ``retry``: true when the
server could not store it now (the page sends it again, same id, until it is
stored) or false when it never will be (too long, match ended). Publishing
through the layer happens after the commit and its failure never undoes a
stored message; the other member then catches up on the next ping.
A flood costs little: each socket checks the database for a ping at most
every ``CHECK_EVERY`` seconds, writes its read receipt at most every
``READ_EVERY`` seconds, and passes on a typing signal every ``TYPING_EVERY``.
"""

import asyncio
import json
import logging
import os
import time
from functools import partial, wraps
from typing import Any
from urllib.parse import parse_qs

from asgiref.sync import SyncToAsync, async_to_sync, sync_to_async
from channels.exceptions import DenyConnection, StopConsumer
from channels.generic.websocket import AsyncWebsocketConsumer
from channels.layers import get_channel_layer
from django.db import (
    InterfaceError,
    OperationalError,
    close_old_connections,
    transaction,
)

logger = logging.getLogger(__name__)

MAX_FRAME_BYTES = 64 * 1024
CATCH_UP_BATCH = 200
TYPING_EVERY = 2.0  # seconds between typing signals passed on per socket
CHECK_EVERY = 5.0  # seconds between database checks a ping may cause
READ_EVERY = 1.0  # seconds between read receipts written per socket
# A socket's frames: a bucket of FRAME_BURST that refills FRAME_RATE a second.
# The page sends far less (at most two messages, three receipts and a typing
# signal a second); past it frames are refused cheaply.
FRAME_RATE = 10.0
FRAME_BURST = 40.0
RETRY_SOON = 1  # seconds: the page's first retry after a send not stored

# Close codes the client understands (it does not reconnect after these).
CLOSE_SIGNED_OUT = 4401
CLOSE_FORBIDDEN = 4403
CLOSE_ENDED = 4409
CLOSE_TOO_BIG = 4413
# The server could not open the socket now (a fault); the page tries again.
CLOSE_TRY_AGAIN = 4503


def conversation_group(conversation_id: int) -> str:
    return f"conversation.{conversation_id}"


def member_group(user_id: int) -> str:
    """Every socket of the member: told when a session or the account ends."""
    return f"member.{user_id}"


def badge_group(user_id: int) -> str:
    """The member's notification sockets only: told when a count changes."""
    return f"badges.{user_id}"


# Database work runs in a thread pool, not Channels' single shared thread, so
# one slow query does not hold up every socket of the process. Each socket still
# handles its frames one at a time, in order. Connections are closed (returned
# to the pool) inside the call's own context: asgiref runs the function in a
# copy of the context, where Django keeps the connection it opened.
def in_thread(function):
    @wraps(function)
    def closing(*args, **kwargs):
        close_old_connections()
        try:
            return function(*args, **kwargs)
        finally:
            close_old_connections()

    return sync_to_async(closing, thread_sensitive=False)


def in_thread_retrying(function):
    """``in_thread`` for idempotent work (a send with its ``client_id``, a read
    watermark): a connection the database dropped under it is given back and the
    work runs once more on a fresh one before the frame fails."""

    @wraps(function)
    def retrying(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except (OperationalError, InterfaceError):
            logger.warning("database connection lost; trying once more")
            _connections_discard()
            return function(*args, **kwargs)

    return in_thread(retrying)


def _connections_discard() -> None:
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        try:
            connection.close()
        except Exception:  # a broken connection may fail to close: it is gone
            logger.debug("closing a broken connection failed", exc_info=True)


# --- Announcements (called by the services on commit; never raise) ----------------


def _send(group: str, event: dict) -> None:
    """Announce ``event`` to ``group``. From a worker thread of a running server
    (a socket's database call, a view under daphne) the send is handed to the
    event loop and the thread goes on at once; elsewhere (tests, commands) it
    is sent before returning."""
    layer = get_channel_layer()
    if layer is None:
        return
    loop = getattr(SyncToAsync.threadlocal, "main_event_loop", None)
    same_process = getattr(SyncToAsync.threadlocal, "main_event_loop_pid", 0)
    if loop is not None and loop.is_running() and same_process == os.getpid():
        future = asyncio.run_coroutine_threadsafe(layer.group_send(group, event), loop)
        future.add_done_callback(partial(_log_failure, group))
        return
    try:
        async_to_sync(layer.group_send)(group, event)
    except Exception:
        # The message is stored; clients catch up on their next ping or
        # reconnect. A layer outage must not fail the write.
        logger.exception("channel layer: could not announce to %s", group)


def _log_failure(group: str, future) -> None:
    if not future.cancelled() and future.exception() is not None:
        logger.error(
            "channel layer: could not announce to %s",
            group,
            exc_info=future.exception(),
        )


def message_stored(
    *, conversation_id: int, message: dict, previous_id: int, recipient_user_id: int
) -> None:
    _send(
        conversation_group(conversation_id),
        {"type": "chat.message", "message": message, "previous_id": previous_id},
    )
    _send(badge_group(recipient_user_id), {"type": "notify.counts"})


def read_moved(*, conversation_id: int, profile_id: int, up_to: int, user_id: int):
    _send(
        conversation_group(conversation_id),
        {"type": "chat.read", "profile_id": profile_id, "up_to": up_to},
    )
    _send(badge_group(user_id), {"type": "notify.counts"})


def conversation_closed(*, conversation_id: int) -> None:
    _send(conversation_group(conversation_id), {"type": "chat.closed"})


def notices_changed(*, user_ids) -> None:
    """A request or match changed: the members' badges update."""
    for user_id in set(user_ids):
        _send(badge_group(user_id), {"type": "notify.counts"})


def sessions_end(*, user_id: int, session_key: str | None = None) -> None:
    """Close the member's sockets: those of one session (log-out) or all
    (deactivated or deleted account)."""
    _send(member_group(user_id), {"type": "session.end", "session_key": session_key})


def on_logged_out(sender, request, user, **kwargs) -> None:
    """Signal receiver: the sockets of the session that logged out close."""
    session = getattr(request, "session", None)
    if user is not None and session is not None and session.session_key:
        key = session.session_key
        transaction.on_commit(lambda: sessions_end(user_id=user.pk, session_key=key))


def on_user_saved(sender, instance, **kwargs) -> None:
    """Signal receiver: a deactivated user's sockets all close."""
    if not instance.is_active and instance.pk:
        user_id = instance.pk
        transaction.on_commit(lambda: sessions_end(user_id=user_id))


# --- Checks shared by both sockets ----------------------------------------------------


def _session_alive(scope) -> bool:
    """The socket's session still exists and still belongs to an active user."""
    from django.contrib.sessions.backends.base import SessionBase

    session: SessionBase | None = scope.get("session")
    user = scope.get("user")
    if session is None or user is None or not user.is_authenticated:
        return False
    if not session.session_key or not session.exists(session.session_key):
        return False
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(pk=user.pk, is_active=True)
        .exclude(profile__is_deleted=True)
        .exists()
    )


def _session_exists(scope) -> bool:
    """The socket's session is still there (not logged out). One cache read;
    the services check the account itself."""
    session = scope.get("session")
    key = getattr(session, "session_key", None)
    return bool(key) and session.exists(key)


class FrameError(Exception):
    def __init__(self, code: str, message: str, **extra: Any):
        super().__init__(message)
        self.code, self.message, self.extra = code, message, extra


def _parse(text_data: str | None, bytes_data: bytes | None) -> dict:
    if bytes_data is not None and text_data is None:
        raise FrameError("binary", "Binary frames are not supported; send JSON text.")
    try:
        frame = json.loads(text_data or "")
    except ValueError as error:
        raise FrameError("bad_json", "The frame is not valid JSON.") from error
    if not isinstance(frame, dict) or not isinstance(frame.get("type"), str):
        raise FrameError("bad_frame", 'A frame is a JSON object with a "type".')
    return frame


def _non_negative_int(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise FrameError("bad_frame", f'"{name}" must be a whole number, 0 or more.')
    return value


class _JsonConsumer(AsyncWebsocketConsumer):
    """Shared by both sockets: sends JSON, checks frame size and rate, and never
    crashes: not on a frame, not on a layer event, not on a fault."""

    tokens: float = FRAME_BURST
    refilled: float = 0.0
    refused_told: float = 0.0

    async def __call__(self, scope, receive, send) -> None:
        # Channels makes the socket's layer channel before any handler runs: with
        # Redis away that fails, and the page is told to try again.
        try:
            await super().__call__(scope, receive, send)
        except Exception as error:
            logger.warning("socket ended by a fault: %r", error)
            try:
                await send({"type": "websocket.close", "code": CLOSE_TRY_AGAIN})
            except Exception:  # already closed
                logger.debug("closing after a fault failed", exc_info=True)

    async def dispatch(self, message: dict) -> None:
        try:
            await super().dispatch(message)
        except (StopConsumer, DenyConnection):
            raise
        except Exception as error:
            # A layer event or a connect the fault interrupted: the database
            # keeps the truth, and the next ping or reconnect catches up.
            kind = message.get("type")
            logger.warning("socket event %s failed: %r", kind, error)
            if kind == "websocket.connect":
                await self.close(code=CLOSE_TRY_AGAIN)
            elif kind == "websocket.disconnect":
                raise StopConsumer() from error

    async def send_json(self, content: dict) -> None:
        await self.send(text_data=json.dumps(content, separators=(",", ":")))

    async def send_error(self, code: str, message: str, **extra: Any) -> None:
        await self.send_json(
            {"type": "error", "code": code, "message": message, **extra}
        )

    def _frame_allowed(self) -> bool:
        now = time.monotonic()
        self.tokens = min(FRAME_BURST, self.tokens + (now - self.refilled) * FRAME_RATE)
        self.refilled = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True

    async def receive(self, text_data=None, bytes_data=None) -> None:
        size = len(bytes_data or b"") + len(text_data or "")
        if size > MAX_FRAME_BYTES or (
            text_data
            and len(text_data.encode("utf-8", "surrogatepass")) > MAX_FRAME_BYTES
        ):
            await self.send_error("too_big", "Frames may be at most 64 KB.")
            await self.close(code=CLOSE_TOO_BIG)
            return
        try:
            frame = _parse(text_data, bytes_data)
            if not self._frame_allowed():
                await self.refuse(frame)
                return
            await self.handle(frame)
        except FrameError as error:
            await self.send_error(error.code, error.message, **error.extra)
        except Exception:
            logger.exception("socket frame failed")
            await self.send_error("server_error", "Something went wrong; try again.")

    async def refuse(self, frame: dict) -> None:
        """Too many frames: one error a second at most, so a flood is not
        answered with a flood."""
        now = time.monotonic()
        if now - self.refused_told >= 1.0:
            self.refused_told = now
            await self.send_error(
                "too_many_frames",
                "Too many frames; slow down.",
                retry_after=RETRY_SOON,
            )

    async def handle(self, frame: dict) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    async def session_end(self, event: dict) -> None:
        key = event.get("session_key")
        if key is None or key == self.session_key:
            await self.close(code=CLOSE_SIGNED_OUT)

    @property
    def session_key(self) -> str | None:
        session = self.scope.get("session")
        return getattr(session, "session_key", None)


# --- The chat socket ------------------------------------------------------------------


class ConversationConsumer(_JsonConsumer):
    """One conversation, for one of its two members while the match is active.

    Client → server frames:
      ``{"type": "send", "client_id": "<uuid>", "body": "…"}`` → ``ack``
      ``{"type": "read", "up_to": <message id>}``
      ``{"type": "typing"}``
      ``{"type": "ping"}`` → ``pong`` (and anything missed; re-checks access)
    Server → client: ``message``, ``ack``, ``read``, ``typing``, ``closed``,
    ``pong``, ``error``.
    """

    conversation_id: int
    profile_id: int
    user_id: int
    last_sent_id: int = 0
    last_typing: float = 0.0
    last_check: float = 0.0  # when a ping last checked access in the database
    read_written: float = 0.0
    read_pending: int = 0
    read_task: asyncio.Task | None = None

    async def connect(self) -> None:
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close()  # refused at the handshake
            return
        self.conversation_id = int(self.scope["url_route"]["kwargs"]["conversation_id"])
        after = _after_from_query(self.scope.get("query_string", b""))
        access = await in_thread(self._access)(user.pk)
        if access is None:
            await self.close()
            return
        self.profile, self.user_id, open_ = access
        self.profile_id = self.profile.pk
        if not open_:
            await self.close()
            return
        await self.channel_layer.group_add(
            conversation_group(self.conversation_id), self.channel_name
        )
        await self.channel_layer.group_add(
            member_group(self.user_id), self.channel_name
        )
        await self.accept()
        self.last_sent_id = after
        await self._catch_up(clamp=True)
        other_read = await in_thread(self._other_read)()
        await self.send_json(
            {"type": "read", "profile_id": other_read[0], "up_to": other_read[1]}
        )

    async def disconnect(self, code) -> None:
        if self.read_task is not None:
            self.read_task.cancel()
        if getattr(self, "user_id", None) is None:
            return
        await _groups_leave(
            self,
            conversation_group(self.conversation_id),
            member_group(self.user_id),
        )

    # Who may be here -----------------------------------------------------------

    def _access(self, user_id: int) -> tuple | None:
        """(profile, user id, match active) if the user may be here."""
        from community.selectors_messaging import chat_access

        if not _session_alive(self.scope):
            return None
        access = chat_access(conversation_id=self.conversation_id, user_id=user_id)
        if access is None:
            return None
        return access.profile, user_id, access.is_open

    def _still_allowed(self) -> bool | str:
        """True, or why not: "signed_out" or "ended"."""
        if not _session_alive(self.scope):
            return "signed_out"
        access = self._access(self.user_id)
        return True if access is not None and access[2] else "ended"

    def _other_read(self) -> tuple[int, int]:
        from community.models import Participant

        row = (
            Participant.objects.filter(conversation_id=self.conversation_id)
            .exclude(profile_id=self.profile_id)
            .values_list("profile_id", "last_read_id")
            .first()
        )
        return row or (0, 0)

    # Frames from the client -------------------------------------------------------

    async def handle(self, frame: dict) -> None:
        kind = frame["type"]
        if kind == "send":
            await self._send_message(frame)
        elif kind == "read":
            up_to = _non_negative_int(frame.get("up_to"), "up_to")
            await self._read(up_to)
        elif kind == "typing":
            await self._typing()
        elif kind == "ping":
            await self._ping()
        else:
            raise FrameError("unknown_type", f'Unknown frame type "{kind[:40]}".')

    async def refuse(self, frame: dict) -> None:
        client_id = frame.get("client_id")
        if frame["type"] == "send" and isinstance(client_id, str):
            # A send always hears back, so the page keeps it and tries again.
            await self.send_error(
                "too_many_frames",
                "Too many frames; slow down.",
                client_id=client_id[:64],
                retry=True,
                retry_after=RETRY_SOON,
            )
            return
        await super().refuse(frame)

    async def _ping(self) -> None:
        """Re-check access and catch up, at most every CHECK_EVERY seconds;
        a ping in between is answered from what the socket knows."""
        now = time.monotonic()
        if now - self.last_check >= CHECK_EVERY:
            self.last_check = now
            allowed = await in_thread(self._still_allowed)()
            if allowed is not True:
                await self._close_for_access(allowed)
                return
            await self._catch_up()
        await self.send_json({"type": "pong", "last_id": self.last_sent_id})

    async def _send_message(self, frame: dict) -> None:
        client_id = frame.get("client_id")
        if not isinstance(client_id, str) or len(client_id) > 64:
            raise FrameError("bad_frame", 'A message needs a "client_id".')
        echo = {"client_id": client_id}
        body = frame.get("body")
        if not isinstance(body, str):
            raise FrameError(
                "bad_frame", 'A message needs a text "body".', **echo, retry=False
            )
        try:
            result = await in_thread_retrying(self._store)(client_id, body)
        except Exception as error:
            # Not stored (the database is away): the page keeps the message and
            # sends it again with the same client_id, so it is stored once.
            logger.warning("message not stored, the page will retry: %r", error)
            await self.send_error(
                "not_stored",
                "Not sent yet; trying again.",
                **echo,
                retry=True,
                retry_after=RETRY_SOON,
            )
            return
        if result["ok"]:
            await self.send_json(
                {"type": "ack", "client_id": client_id, **result["ack"]}
            )
            return
        if result.get("closed"):
            await self.send_error("closed", result["message"], **echo, retry=False)
            await self._close_for_access(result["closed"])
            return
        extra = (
            {"retry": True, "retry_after": result["retry_after"]}
            if "retry_after" in result
            else {"retry": False}
        )
        await self.send_error(result["code"], result["message"], **echo, **extra)

    def _store(self, client_id: str, body: str) -> dict:
        from community.services.errors import RuleBroken
        from community.services.messaging import RateLimited, message_send

        if not _session_exists(self.scope):
            return {
                "ok": False,
                "closed": "signed_out",
                "message": "You are signed out.",
            }
        sender = self.profile
        try:
            sent = message_send(
                conversation_id=self.conversation_id,
                sender=sender,
                body=body,
                client_id=client_id,
            )
        except RateLimited as limited:
            return {
                "ok": False,
                "code": "rate_limited",
                "message": limited.message,
                "retry_after": limited.retry_after,
            }
        except RuleBroken as broken:
            if broken.field in ("body", "client_id"):
                return {"ok": False, "code": "invalid", "message": broken.message}
            return {"ok": False, "closed": "ended", "message": broken.message}
        return {
            "ok": True,
            "ack": {
                "id": sent.message.pk,
                "created_at": sent.message.created_at.isoformat(),
                "duplicate": not sent.created,
            },
        }

    def _mark_read(self, up_to: int) -> None:
        from community.services.messaging import conversation_mark_read

        conversation_mark_read(
            conversation_id=self.conversation_id, profile=self.profile, up_to=up_to
        )

    async def _read(self, up_to: int) -> None:
        """Write the read watermark at most every READ_EVERY seconds; receipts
        in between wait and go as one (only the highest matters)."""
        self.read_pending = max(self.read_pending, up_to)
        if self.read_task is not None:
            return
        wait = self.read_written + READ_EVERY - time.monotonic()
        if wait <= 0:
            await self._read_write()
        else:
            self.read_task = asyncio.create_task(self._read_later(wait))

    async def _read_later(self, wait: float) -> None:
        await asyncio.sleep(wait)
        self.read_task = None
        try:
            await self._read_write()
        except Exception as error:  # a receipt is redone by the page's next one
            logger.warning("read receipt not written: %r", error)

    async def _read_write(self) -> None:
        up_to, self.read_pending = self.read_pending, 0
        self.read_written = time.monotonic()
        if up_to:
            await in_thread_retrying(self._mark_read)(up_to)

    async def _typing(self) -> None:
        now = time.monotonic()
        if now - self.last_typing < TYPING_EVERY:
            return
        self.last_typing = now
        try:
            await self.channel_layer.group_send(
                conversation_group(self.conversation_id),
                {"type": "chat.typing", "profile_id": self.profile_id},
            )
        except Exception as error:  # "… is typing" is a courtesy, never a fault
            logger.warning("typing signal not passed on: %r", error)

    # Catching up from the database ---------------------------------------------------

    def _missed(self, after: int, clamp: bool) -> list[dict]:
        from community.models import Conversation, Message
        from community.services.messaging import message_payload

        if clamp:
            newest = (
                Conversation.objects.filter(pk=self.conversation_id)
                .values_list("last_message_id", flat=True)
                .first()
            ) or 0
            after = min(after, newest)
            self.last_sent_id = after
        messages = Message.objects.filter(
            conversation_id=self.conversation_id, id__gt=after
        ).order_by("id")[:CATCH_UP_BATCH]
        return [message_payload(message) for message in messages]

    async def _catch_up(self, clamp: bool = False) -> None:
        while True:
            missed = await in_thread(self._missed)(self.last_sent_id, clamp)
            clamp = False
            for message in missed:
                await self._deliver(message)
            if len(missed) < CATCH_UP_BATCH:
                return

    async def _deliver(self, message: dict) -> None:
        if message["id"] <= self.last_sent_id:
            return
        self.last_sent_id = message["id"]
        await self.send_json({"type": "message", "message": message})

    async def _close_for_access(self, reason: str = "ended") -> None:
        """The member may no longer write here: the match ended, or they are
        signed out. The client shows why and does not reconnect."""
        await self.send_json({"type": "closed", "reason": reason})
        await self.close(
            code=CLOSE_SIGNED_OUT if reason == "signed_out" else CLOSE_ENDED
        )

    # Events from the channel layer ---------------------------------------------

    async def chat_message(self, event: dict) -> None:
        message = event["message"]
        if message["id"] <= self.last_sent_id:
            return
        if event.get("previous_id") == self.last_sent_id:
            await self._deliver(message)
        else:
            await self._catch_up()

    async def chat_read(self, event: dict) -> None:
        if event["profile_id"] == self.profile_id:
            return  # my own reading: nothing to show me
        await self.send_json(
            {"type": "read", "profile_id": event["profile_id"], "up_to": event["up_to"]}
        )

    async def chat_typing(self, event: dict) -> None:
        if event["profile_id"] != self.profile_id:
            await self.send_json({"type": "typing", "profile_id": event["profile_id"]})

    async def chat_closed(self, event: dict) -> None:
        await self._close_for_access()


async def _groups_leave(consumer: AsyncWebsocketConsumer, *groups: str) -> None:
    """Leave the groups; with Redis away the subscription goes with the
    connection anyway, so a failure here is only logged."""
    for group in groups:
        try:
            await consumer.channel_layer.group_discard(group, consumer.channel_name)
        except Exception as error:
            logger.warning("could not leave %s: %r", group, error)


def _after_from_query(query_string: bytes) -> int:
    values = parse_qs(query_string.decode("latin-1")).get("after", ["0"])
    try:
        after = int(values[-1])
    except ValueError:
        return 0
    return max(after, 0)


# --- The notification socket -----------------------------------------------------


class NotificationConsumer(_JsonConsumer):
    """The member's counts for the header badges: unread messages, requests
    waiting for an answer, answers not yet seen. Sent on connect and whenever
    they change; nothing is written through this socket except ``ping``."""

    user_id: int | None = None
    last_check: float = 0.0
    counts: dict | None = None

    async def connect(self) -> None:
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close()
            return
        if not await in_thread(_session_alive)(self.scope):
            await self.close()
            return
        self.user_id = user.pk
        for group in (member_group(self.user_id), badge_group(self.user_id)):
            await self.channel_layer.group_add(group, self.channel_name)
        await self.accept()
        await self._send_counts()

    async def disconnect(self, code) -> None:
        if self.user_id is not None:
            await _groups_leave(
                self, member_group(self.user_id), badge_group(self.user_id)
            )

    async def handle(self, frame: dict) -> None:
        if frame["type"] != "ping":
            raise FrameError(
                "unknown_type", f'Unknown frame type "{frame["type"][:40]}".'
            )
        # At most one database check every CHECK_EVERY seconds per socket; a
        # ping in between gets the counts the socket last sent.
        now = time.monotonic()
        if self.counts is not None and now - self.last_check < CHECK_EVERY:
            await self.send_json({"type": "counts", **self.counts})
            return
        self.last_check = now
        if not await in_thread(_session_alive)(self.scope):
            await self.close(code=CLOSE_SIGNED_OUT)
            return
        await self._send_counts()

    def _counts(self) -> dict:
        from community.selectors_messaging import badge_counts

        return badge_counts(user_id=self.user_id)

    async def _send_counts(self) -> None:
        self.counts = await in_thread(self._counts)()
        await self.send_json({"type": "counts", **self.counts})

    async def notify_counts(self, event: dict) -> None:
        await self._send_counts()
