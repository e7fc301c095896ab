"""What the sockets speak: JSON frames with a ``type``, the close codes the page
understands, the frame rate bucket, and the base socket that sends JSON and
never crashes (not on a frame, not on a layer event, not on a fault)."""

import asyncio
import contextlib
import json
import logging
import time
from functools import partial
from typing import Any
from urllib.parse import parse_qs

from channels.consumer import get_handler_name
from channels.exceptions import DenyConnection, StopConsumer
from channels.generic.websocket import AsyncWebsocketConsumer
from channels.layers import get_channel_layer

logger = logging.getLogger(__name__)

MAX_FRAME_BYTES = 64 * 1024
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


class FrameError(Exception):
    def __init__(self, code: str, message: str, **extra: Any):
        super().__init__(message)
        self.code, self.message, self.extra = code, message, extra


def frame_parse(text_data: str | None, bytes_data: bytes | None) -> dict:
    if bytes_data is not None and text_data is None:
        raise FrameError("binary", "Binary frames are not supported; send JSON text.")
    try:
        frame = json.loads(text_data or "")
    except ValueError as error:
        raise FrameError("bad_json", "The frame is not valid JSON.") from error
    if not isinstance(frame, dict) or not isinstance(frame.get("type"), str):
        raise FrameError("bad_frame", 'A frame is a JSON object with a "type".')
    return frame


def non_negative_int(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise FrameError("bad_frame", f'"{name}" must be a whole number, 0 or more.')
    return value


def after_from_query(query_string: bytes) -> int:
    """The ``after`` of ``?after=<last id shown>``; 0 if missing or not a number."""
    values = parse_qs(query_string.decode("latin-1")).get("after", ["0"])
    try:
        after = int(values[-1])
    except ValueError:
        return 0
    return max(after, 0)


class FrameBucket:
    """FRAME_BURST frames at once, refilled at FRAME_RATE a second."""

    def __init__(self) -> None:
        self.tokens = FRAME_BURST
        self.refilled = 0.0

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(FRAME_BURST, self.tokens + (now - self.refilled) * FRAME_RATE)
        self.refilled = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


async def dispatch_in_order(sources, dispatch) -> None:
    """Pass every message from any of ``sources`` (``receive`` callables: the
    client's frames, the layer's events) to ``dispatch``, one at a time, in the
    order they arrived, until ``dispatch`` raises (``StopConsumer`` ends it) or
    a source fails (its error is raised here).

    Channels' ``await_many_dispatch`` does the same with ``asyncio.wait`` over
    one task per source and a new task for every message: about twice the
    event loop's work per frame and per event. Here each source has one task
    for the socket's life, which dispatches what it receives itself, taking
    turns (an ``asyncio.Lock`` serves its waiters first come, first served).
    Cancelling them on the way out lets the layer forget the socket's channel,
    as Channels' way does."""
    turn = asyncio.Lock()
    ended = False

    async def pump(source) -> None:
        nonlocal ended
        while True:
            message = await source()
            async with turn:
                if ended:  # the other source's last message ended the socket
                    return
                try:
                    await dispatch(message)
                except BaseException:
                    ended = True
                    raise

    pumps = [asyncio.ensure_future(pump(source)) for source in sources]
    try:
        # A pump ends when ``dispatch`` raised (StopConsumer) or its source
        # failed, which is raised here; any other after it ends quietly.
        finished, _ = await asyncio.wait(pumps, return_when=asyncio.FIRST_COMPLETED)
        for task in finished:
            task.result()
    finally:
        for task in pumps:
            task.cancel()
        await asyncio.gather(*pumps, return_exceptions=True)


class JsonSocket(AsyncWebsocketConsumer):
    """Shared by both sockets: sends JSON, checks frame size and rate, and never
    crashes: not on a frame, not on a layer event, not on a fault. Subclasses
    implement ``handle(frame)``."""

    refused_told: float = 0.0

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.bucket = FrameBucket()

    async def __call__(self, scope, receive, send) -> None:
        # Channels makes the socket's layer channel before any handler runs: with
        # Redis away that fails, and the page is told to try again.
        try:
            await self._serve(scope, receive, send)
        except Exception as error:
            logger.warning("socket ended by a fault: %r", error)
            try:
                await send({"type": "websocket.close", "code": CLOSE_TRY_AGAIN})
            except Exception:  # already closed
                logger.debug("closing after a fault failed", exc_info=True)

    async def _serve(self, scope, receive, send) -> None:
        """Channels' ``AsyncConsumer.__call__``, dispatching with
        ``dispatch_in_order``."""
        self.scope = scope
        sources = [receive]
        self.channel_layer = get_channel_layer(self.channel_layer_alias)
        if self.channel_layer is not None:
            self.channel_name = await self.channel_layer.new_channel()
            self.channel_receive = partial(
                self.channel_layer.receive, self.channel_name
            )
            sources.append(self.channel_receive)
        self.base_send = send
        with contextlib.suppress(StopConsumer):  # the socket's normal end
            await dispatch_in_order(sources, self.dispatch)

    async def dispatch(self, message: dict) -> None:
        try:
            await self._handle_message(message)
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

    async def _handle_message(self, message: dict) -> None:
        """Channels' ``dispatch`` without its ``aclose_old_connections()``, a
        hop to the process's one shared sync thread before every frame, ping
        and layer event: an idle socket's whole cost, and the queue a reconnect
        storm's handshakes timed out in. The database work here runs in
        ``threads.in_thread``, which looks after its own connections."""
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    async def send_json(self, content: dict) -> None:
        await self.send(text_data=json.dumps(content, separators=(",", ":")))

    async def send_error(self, code: str, message: str, **extra: Any) -> None:
        await self.send_json(
            {"type": "error", "code": code, "message": message, **extra}
        )

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
            frame = frame_parse(text_data, bytes_data)
            if not self.bucket.take():
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

    async def groups_leave(self, *groups: str) -> None:
        """Leave the groups; with Redis away the subscription goes with the
        connection anyway, so a failure here is only logged."""
        for group in groups:
            try:
                await self.channel_layer.group_discard(group, self.channel_name)
            except Exception as error:
                logger.warning("could not leave %s: %r", group, error)
