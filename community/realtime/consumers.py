"""The two sockets: a conversation's chat, and the member's header badges.

Thin: each checks who you are and what you may join before ``group_add`` and
``accept()``s last, then answers frames by calling a selector
(community/selectors/messaging.py) or a service (community/services/messaging.py)
in a worker thread (``threads``). The protocol (frames, close codes, the rate
bucket) is in ``protocol``; the group names and events in ``announce``.
"""

import asyncio
import logging
import random
import time

from community.realtime.announce import (
    badge_group,
    conversation_group,
    member_group,
    typing_event,
)
from community.realtime.protocol import (
    CLOSE_ENDED,
    CLOSE_SIGNED_OUT,
    RETRY_SOON,
    FrameError,
    JsonSocket,
    after_from_query,
    non_negative_int,
)
from community.realtime.threads import in_thread
from community.selectors.messaging import (
    badge_profile,
    chat_access,
    messages_after,
    other_read,
    profile_badge_counts,
    session_alive,
    session_exists,
)
from community.services.errors import RuleBroken
from community.services.messaging import (
    RateLimited,
    conversation_mark_read,
    message_payload,
    message_send,
)

logger = logging.getLogger(__name__)

CATCH_UP_BATCH = 200
TYPING_EVERY = 2.0  # seconds between typing signals passed on per socket
CHECK_EVERY = 5.0  # seconds between database checks a chat ping may cause
# Seconds between a chat socket's looks at its session when sending: a log-out
# reaches the socket as ``session.end`` (and the tab that logged out has left
# the page); this only catches an event the layer lost.
SESSION_CHECK_EVERY = 60.0
# Seconds between a badge socket's checks of its session in the database (a
# ping in between is answered from memory; the events keep it current).
RECHECK_EVERY = 600.0
# Seconds a badge socket lets changes settle before counting again: a message
# and the read receipt that follows it, or a burst of messages, cost one count.
COUNTS_SETTLE = 1.0
READ_EVERY = 1.0  # seconds between read receipts written per socket
READ_GATHER = 0.05  # seconds the process gathers receipts to write them together


class ReadReceipts:
    """The read receipts of every chat socket of the process (one event loop),
    written together: the first one waiting starts a short gathering, then one
    worker-thread call moves all the watermarks, retried once on a dropped
    connection (moving a watermark forward again changes nothing). Each socket
    hears whether its own was written."""

    _of_loop: dict = {}

    def __init__(self) -> None:
        self.waiting: dict[tuple[int, int], tuple] = {}
        self.done: asyncio.Future | None = None

    @classmethod
    def of_this_loop(cls) -> "ReadReceipts":
        loop = asyncio.get_running_loop()
        if loop not in cls._of_loop:
            cls._of_loop = {
                other: r for other, r in cls._of_loop.items() if not other.is_closed()
            }
            cls._of_loop[loop] = cls()
        return cls._of_loop[loop]

    async def write(self, *, conversation_id: int, profile, up_to: int) -> None:
        key = (conversation_id, profile.pk)
        earlier = self.waiting.get(key)
        if earlier is None or earlier[2] < up_to:
            self.waiting[key] = (conversation_id, profile, up_to)
        if self.done is None:
            self.done = asyncio.get_running_loop().create_future()
            asyncio.ensure_future(self._write_waiting(self.done))
        await asyncio.shield(self.done)

    async def _write_waiting(self, done: asyncio.Future) -> None:
        await asyncio.sleep(READ_GATHER)
        batch, self.waiting, self.done = list(self.waiting.values()), {}, None
        try:
            await in_thread(_marks_write)(batch)
        except Exception as error:
            done.set_exception(error)
            done.exception()  # retrieved here: each socket logs its own
        else:
            done.set_result(None)


def _marks_write(batch: list[tuple]) -> None:
    for conversation_id, profile, up_to in batch:
        conversation_mark_read(
            conversation_id=conversation_id, profile=profile, up_to=up_to
        )


# --- The chat socket ------------------------------------------------------------------


class ConversationConsumer(JsonSocket):
    """One conversation, for one of its two members while the match is active.

    Client → server frames:
      ``{"type": "send", "client_id": "<uuid>", "body": "…"}`` → ``ack``
      ``{"type": "read", "up_to": <message id>}``
      ``{"type": "typing"}``
      ``{"type": "ping"}`` → ``pong`` (and anything missed; re-checks access)
    Server → client: ``message``, ``ack``, ``read``, ``typing``, ``meeting``
    (the pair's meetings changed: the page fetches their box again),
    ``closed``, ``pong``, ``error``.
    """

    conversation_id: int
    profile_id: int
    user_id: int
    last_sent_id: int = 0
    last_typing: float = 0.0
    last_check: float = 0.0  # when a ping last checked access in the database
    session_seen: float = 0.0  # when a send last found the session there
    read_written: float = 0.0
    read_pending: int = 0
    read_task: asyncio.Task | None = None

    async def connect(self) -> None:
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close()  # refused at the handshake
            return
        self.conversation_id = int(self.scope["url_route"]["kwargs"]["conversation_id"])
        after = after_from_query(self.scope.get("query_string", b""))
        access = await in_thread(self._access)(user.pk)
        if access is None:
            await self.close()
            return
        self.profile, self.user_id, open_ = access
        self.profile_id = self.profile.pk
        self.session_seen = time.monotonic()  # _access found it just now
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
        other = await in_thread(other_read)(
            conversation_id=self.conversation_id, profile_id=self.profile_id
        )
        await self.send_json(
            {"type": "read", "profile_id": other[0], "up_to": other[1]}
        )

    async def disconnect(self, code) -> None:
        if self.read_task is not None:
            self.read_task.cancel()
        if getattr(self, "user_id", None) is None:
            return
        await self.groups_leave(
            conversation_group(self.conversation_id), member_group(self.user_id)
        )

    # Who may be here -----------------------------------------------------------

    def _access(self, user_id: int) -> tuple | None:
        """(profile, user id, match active) if the user may be here."""
        if not session_alive(
            session=self.scope.get("session"), user=self.scope.get("user")
        ):
            return None
        access = chat_access(conversation_id=self.conversation_id, user_id=user_id)
        if access is None:
            return None
        return access.profile, user_id, access.is_open

    def _still_allowed(self) -> bool | str:
        """True, or why not: "signed_out" or "ended"."""
        if not session_alive(
            session=self.scope.get("session"), user=self.scope.get("user")
        ):
            return "signed_out"
        access = self._access(self.user_id)
        return True if access is not None and access[2] else "ended"

    # Frames from the client -------------------------------------------------------

    async def handle(self, frame: dict) -> None:
        kind = frame["type"]
        if kind == "send":
            await self._send_message(frame)
        elif kind == "read":
            up_to = non_negative_int(frame.get("up_to"), "up_to")
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
            result = await in_thread(self._store)(client_id, body)
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
        """``message_send``, its outcome as the answer frame's fields.

        A log-out reaches the socket as ``session.end``; should the layer have
        lost that event, the session is looked up again here at most every
        SESSION_CHECK_EVERY seconds (one cache read), not for every message."""
        now = time.monotonic()
        if now - self.session_seen >= SESSION_CHECK_EVERY:
            if not session_exists(session=self.scope.get("session")):
                return {
                    "ok": False,
                    "closed": "signed_out",
                    "message": "You are signed out.",
                }
            self.session_seen = now
        try:
            sent = message_send(
                conversation_id=self.conversation_id,
                sender=self.profile,
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
            await ReadReceipts.of_this_loop().write(
                conversation_id=self.conversation_id, profile=self.profile, up_to=up_to
            )

    async def _typing(self) -> None:
        now = time.monotonic()
        if now - self.last_typing < TYPING_EVERY:
            return
        self.last_typing = now
        try:
            await self.channel_layer.group_send(
                conversation_group(self.conversation_id),
                typing_event(profile_id=self.profile_id),
            )
        except Exception as error:  # "… is typing" is a courtesy, never a fault
            logger.warning("typing signal not passed on: %r", error)

    # Catching up from the database ---------------------------------------------------

    def _missed(self, after: int, clamp: bool) -> list[dict]:
        after, messages = messages_after(
            conversation_id=self.conversation_id,
            after=after,
            limit=CATCH_UP_BATCH,
            clamp=clamp,
        )
        if clamp:
            self.last_sent_id = after
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

    # Events from the channel layer (community/realtime/announce.py) ------------------

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

    async def chat_meeting(self, event: dict) -> None:
        await self.send_json({"type": "meeting"})

    async def chat_closed(self, event: dict) -> None:
        await self._close_for_access()


# --- The notification socket -----------------------------------------------------


class NotificationConsumer(JsonSocket):
    """The member's counts for the header badges (``badge_counts``: unread
    messages, requests waiting for an answer, answers not yet seen). Sent on
    connect and whenever they change; nothing is written through this socket
    except ``ping``.

    Every page of a signed-in member keeps one open, so an idle one costs
    nothing: a ping is answered with the counts the socket keeps (every change
    reaches it as ``notify.counts``), and a log-out, deactivation or deletion
    closes it through ``session.end``. Only every RECHECK_EVERY seconds (spread
    at random) does a ping check the session and the counts in the database, in
    case the channel layer dropped one of those events while Redis was away.
    Changes are counted COUNTS_SETTLE seconds after the first of them, once for
    all that arrive meanwhile: in a lively conversation every message and every
    read receipt would otherwise cost each open page of the member a query.
    """

    user_id: int | None = None
    profile_id: int | None = None
    recheck_at: float = 0.0
    counts: dict | None = None
    recount: asyncio.Task | None = None

    async def connect(self) -> None:
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close()
            return
        # The session was read and the user loaded (active, with the profile)
        # just now by the middleware (realtime/auth.py): one query for the counts.
        allowed, self.profile_id = badge_profile(user=user)
        if not allowed:
            await self.close()
            return
        self.user_id = user.pk
        # Joined before the counts are read, so no change falls in between.
        await asyncio.gather(
            *(
                self.channel_layer.group_add(group, self.channel_name)
                for group in (member_group(self.user_id), badge_group(self.user_id))
            )
        )
        await self.accept()
        self.recheck_at = time.monotonic() + RECHECK_EVERY * random.uniform(0.5, 1)
        self.counts = await in_thread(self._counts)()
        await self.send_json({"type": "counts", **self.counts})

    async def disconnect(self, code) -> None:
        if self.recount is not None:
            self.recount.cancel()
        if self.user_id is not None:
            await self.groups_leave(
                member_group(self.user_id), badge_group(self.user_id)
            )

    async def handle(self, frame: dict) -> None:
        if frame["type"] != "ping":
            raise FrameError(
                "unknown_type", f'Unknown frame type "{frame["type"][:40]}".'
            )
        now = time.monotonic()
        if now >= self.recheck_at:
            self.recheck_at = now + RECHECK_EVERY
            counts = await in_thread(self._recheck)()
            if counts is None:
                await self.close(code=CLOSE_SIGNED_OUT)
                return
            self.counts = counts
        await self.send_json({"type": "counts", **self.counts})

    def _recheck(self) -> dict | None:
        """The counts, or None when the session or the account has ended."""
        if not session_alive(
            session=self.scope.get("session"), user=self.scope.get("user")
        ):
            return None
        return self._counts()

    def _counts(self) -> dict:
        return profile_badge_counts(profile_id=self.profile_id)

    async def notify_counts(self, event: dict) -> None:
        if self.recount is None:
            self.recount = asyncio.create_task(self._recount_settled())

    async def _recount_settled(self) -> None:
        await asyncio.sleep(COUNTS_SETTLE)
        # A change arriving from here on starts the next count: this one may
        # read the database before that change is in it.
        self.recount = None
        try:
            self.counts = await in_thread(self._counts)()
            await self.send_json({"type": "counts", **self.counts})
        except Exception as error:  # the next change or ping counts again
            self.recheck_at = 0.0
            logger.warning("badge counts not sent: %r", error)
