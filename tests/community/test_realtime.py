"""The chat and notification sockets (community/realtime/), driven through the
whole ASGI application of config/asgi.py with Channels' WebsocketCommunicator:
origin and session checks, who may connect, every bad frame, the rate limit,
duplicate client ids, order and catch-up, closing when access ends.

The consumers do their database work in a thread pool, so these tests commit
for real (transactional, with the migrations' data restored).
"""

import asyncio
import json
import uuid

import pytest
from channels.db import database_sync_to_async
from channels.layers import channel_layers
from channels.testing import WebsocketCommunicator
from django.test import Client

from community.models import Message, Participant
from community.realtime import announce, protocol
from community.services.messaging import (
    RATE_LIMIT_MESSAGES,
    conversation_mark_read,
    message_send,
)
from community.services.requests import match_end
from community.services.safety import member_block
from tests.factories import make_match, make_member
from tests.live import run_async as run
from tests.sockets import opens, session_cookie, socket

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _fresh_layer():
    """Each scenario runs in a new event loop: give it a new channel layer."""
    channel_layers.backends.clear()
    yield
    channel_layers.backends.clear()


@pytest.fixture
def pair():
    host = make_member(role="host", display_name="Hanne Host", capacity=2)
    newcomer = make_member(role="newcomer", display_name="Nadia Newcomer")
    match = make_match(newcomer, host)
    return host, newcomer, match


def chat_path(match, after: int = 0) -> str:
    return f"/ws/conversations/{match.conversation.pk}/?after={after}"


async def connected(path, cookie) -> WebsocketCommunicator:
    communicator = socket(path, cookie)
    ok, _ = await communicator.connect()
    assert ok, f"could not connect to {path}"
    return communicator


async def both_connected(match, cookies) -> tuple:
    """The host's and the newcomer's sockets, past their opening frames."""
    sockets = []
    for cookie in cookies:
        communicator = await connected(chat_path(match), cookie)
        await next_of(communicator, "read")
        sockets.append(communicator)
    return tuple(sockets)


async def frames_until(communicator, kind: str, timeout: float = 3) -> list[dict]:
    """Frames received up to and including the first of ``kind``."""
    seen = []
    while True:
        frame = await communicator.receive_json_from(timeout=timeout)
        seen.append(frame)
        if frame["type"] == kind:
            return seen


async def next_of(communicator, kind: str, timeout: float = 3) -> dict:
    return (await frames_until(communicator, kind, timeout))[-1]


async def nothing_more(communicator) -> bool:
    return await communicator.receive_nothing(timeout=0.3)


def send_frame(body="Hello there!", client_id=None) -> dict:
    return {"type": "send", "client_id": client_id or str(uuid.uuid4()), "body": body}


# --- Who may connect -----------------------------------------------------------------


def test_signed_out_and_cross_origin_connections_are_refused(pair):
    host, newcomer, match = pair
    cookie = session_cookie(host.user)

    async def scenario():
        return [
            await opens(chat_path(match), None),
            await opens(
                chat_path(match), cookie, origin=(b"origin", b"http://evil.test")
            ),
            await opens(chat_path(match), cookie, origin=None),
            await opens("/ws/notifications/", None),
            await opens(
                "/ws/notifications/", cookie, origin=(b"origin", b"http://x.test")
            ),
        ]

    assert run(scenario) == [False, False, False, False, False]


def test_only_the_two_members_of_an_active_match_may_connect(pair):
    host, newcomer, match = pair
    stranger = make_member(role="host", display_name="Stig Stranger")
    other_pair = make_match(make_member(role="newcomer"), stranger)
    cookies = {p: session_cookie(p.user) for p in (host, newcomer, stranger)}

    async def scenario():
        outcome = {}
        for name, cookie, path in (
            ("host", cookies[host], chat_path(match)),
            ("newcomer", cookies[newcomer], chat_path(match)),
            ("stranger", cookies[stranger], chat_path(match)),
            ("host elsewhere", cookies[host], chat_path(other_pair)),
            ("no such", cookies[host], "/ws/conversations/999999/"),
        ):
            outcome[name] = await opens(path, cookie)
        return outcome

    assert run(scenario) == {
        "host": True,
        "newcomer": True,
        "stranger": False,
        "host elsewhere": False,
        "no such": False,
    }


def test_an_ended_match_refuses_the_socket(pair):
    host, newcomer, match = pair
    match_end(match=match, by=host, reason="We live too far apart.")
    cookie = session_cookie(newcomer.user)

    assert run(opens, chat_path(match), cookie) is False


# --- Sending -------------------------------------------------------------------------


def test_a_message_is_stored_acknowledged_and_delivered_to_both(pair):
    host, newcomer, match = pair
    cookies = session_cookie(host.user), session_cookie(newcomer.user)

    async def scenario():
        sender, receiver = await both_connected(match, cookies)
        frame = send_frame("Hej Nadia! <b>Coffee</b> at https://example.org/café?")
        await sender.send_json_to(frame)
        sent = await frames_until(sender, "ack")
        delivered = await next_of(receiver, "message")
        own_copy = (
            [f for f in sent if f["type"] == "message"]
            or [await next_of(sender, "message")]
        )[0]
        await sender.disconnect()
        await receiver.disconnect()
        return sent[-1], delivered, own_copy

    ack, delivered, own_copy = run(scenario)
    stored = Message.objects.get()
    assert ack == {
        "type": "ack",
        "client_id": str(stored.client_id),
        "id": stored.pk,
        "created_at": stored.created_at.isoformat(),
        "duplicate": False,
    }
    assert delivered["message"]["id"] == stored.pk == own_copy["message"]["id"]
    assert delivered["message"]["sender_id"] == host.pk
    html = delivered["message"]["html"]
    assert "&lt;b&gt;Coffee&lt;/b&gt;" in html
    assert 'href="https://example.org/café"' in html
    assert 'rel="nofollow noopener"' in html
    assert stored.body == "Hej Nadia! <b>Coffee</b> at https://example.org/café?"


def test_a_retried_client_id_is_stored_once_and_delivered_once(pair):
    host, newcomer, match = pair
    cookies = session_cookie(host.user), session_cookie(newcomer.user)

    async def scenario():
        sender = await connected(chat_path(match), cookies[0])
        receiver = await connected(chat_path(match), cookies[1])
        await next_of(receiver, "read")
        frame = send_frame("Only once, please.")
        await sender.send_json_to(frame)
        first = await next_of(sender, "ack")
        await sender.send_json_to(frame)
        second = await next_of(sender, "ack")
        delivered = await next_of(receiver, "message")
        quiet = await nothing_more(receiver)
        await sender.disconnect()
        await receiver.disconnect()
        return first, second, delivered, quiet

    first, second, delivered, quiet = run(scenario)
    assert first["id"] == second["id"] == delivered["message"]["id"]
    assert (first["duplicate"], second["duplicate"]) == (False, True)
    assert quiet
    assert Message.objects.count() == 1


BAD_FRAMES = [
    ("not json", "bad_json"),
    ("[1, 2, 3]", "bad_frame"),
    ('{"body": "no type"}', "bad_frame"),
    ('{"type": 7}', "bad_frame"),
    ('{"type": "dance"}', "unknown_type"),
    ('{"type": "send", "body": "no id"}', "bad_frame"),
    ('{"type": "send", "client_id": "abc", "body": "bad id"}', "invalid"),
    (json.dumps({"type": "send", "client_id": str(uuid.uuid4())}), "bad_frame"),
    (
        json.dumps({"type": "send", "client_id": str(uuid.uuid4()), "body": 5}),
        "bad_frame",
    ),
    (json.dumps(send_frame("   \n\t  ")), "invalid"),
    (json.dumps(send_frame("x" * 4001)), "invalid"),
    ('{"type": "read", "up_to": "ten"}', "bad_frame"),
    ('{"type": "read", "up_to": -1}', "bad_frame"),
    ('{"type": "read", "up_to": true}', "bad_frame"),
]


def test_bad_frames_get_an_error_and_the_socket_stays_up(pair):
    host, newcomer, match = pair
    cookie = session_cookie(host.user)

    async def scenario():
        communicator = await connected(chat_path(match), cookie)
        await next_of(communicator, "read")
        codes = []
        for text, _expected in BAD_FRAMES:
            await communicator.send_to(text_data=text)
            codes.append((await next_of(communicator, "error"))["code"])
        await communicator.send_to(bytes_data=b"\x00\x01binary")
        codes.append((await next_of(communicator, "error"))["code"])
        # Still connected and working:
        await communicator.send_json_to(send_frame("Still here."))
        ack = await next_of(communicator, "ack")
        await communicator.disconnect()
        return codes, ack

    codes, ack = run(scenario)
    assert codes == [expected for _text, expected in BAD_FRAMES] + ["binary"]
    assert list(Message.objects.values_list("body", flat=True)) == ["Still here."]
    assert ack["id"] == Message.objects.get().pk


def test_a_frame_over_64_kb_closes_the_socket_with_an_application_code(pair):
    """4413, not 1009: daphne may send only 1000 or 3000-4999 itself (1009 made
    it raise), and the page treats 4413 as final with a clear message."""
    host, newcomer, match = pair
    cookie = session_cookie(host.user)

    async def scenario():
        communicator = await connected(chat_path(match), cookie)
        await next_of(communicator, "read")
        await communicator.send_to(text_data=json.dumps(send_frame("ø" * 40_000)))
        error = await next_of(communicator, "error")
        closed = await communicator.receive_output(timeout=3)
        return error, closed

    error, closed = run(scenario)
    assert error["code"] == "too_big"
    assert closed == {"type": "websocket.close", "code": 4413}
    assert not Message.objects.exists()


def test_the_rate_limit_answers_with_when_to_retry(pair):
    host, newcomer, match = pair
    cookie = session_cookie(host.user)

    async def scenario():
        communicator = await connected(chat_path(match), cookie)
        await next_of(communicator, "read")
        answers = []
        for number in range(RATE_LIMIT_MESSAGES + 2):
            await communicator.send_json_to(send_frame(f"Message {number}"))
            while True:
                frame = await communicator.receive_json_from(timeout=3)
                if frame["type"] in ("ack", "error"):
                    answers.append(frame)
                    break
        await communicator.disconnect()
        return answers

    answers = run(scenario)
    # The window is fixed (10 s), so a run that straddles its edge may get a
    # fresh count part-way: at least 20 pass, and any refusal says when to retry.
    acks = [a for a in answers if a["type"] == "ack"]
    refusals = [a for a in answers if a["type"] == "error"]
    assert len(acks) >= RATE_LIMIT_MESSAGES
    assert Message.objects.count() == len(acks)
    if len(acks) < len(answers):
        assert refusals[0]["code"] == "rate_limited"
        assert 1 <= refusals[0]["retry_after"] <= 10
        assert "wait" in refusals[0]["message"]


# --- Order, catch-up and lost announcements ------------------------------------------


def test_a_reconnecting_client_gets_everything_after_its_last_id_in_order(pair):
    host, newcomer, match = pair
    cookies = session_cookie(host.user), session_cookie(newcomer.user)

    async def scenario():
        sender = await connected(chat_path(match), cookies[0])
        receiver = await connected(chat_path(match), cookies[1])
        await next_of(receiver, "read")
        await sender.send_json_to(send_frame("one"))
        await next_of(sender, "ack")
        first = (await next_of(receiver, "message"))["message"]["id"]
        await receiver.disconnect()  # the train goes into a tunnel
        for body in ("two", "three", "four"):
            await sender.send_json_to(send_frame(body))
            await next_of(sender, "ack")
        back = await connected(chat_path(match, after=first), cookies[1])
        caught_up = [f["message"] for f in (await frames_until(back, "read"))[:-1]]
        await sender.send_json_to(send_frame("five"))
        live = (await next_of(back, "message"))["message"]
        quiet = await nothing_more(back)
        await sender.disconnect()
        await back.disconnect()
        return caught_up, live, quiet

    caught_up, live, quiet = run(scenario)
    stored = {m.body: m.pk for m in Message.objects.all()}
    assert [m["id"] for m in caught_up] == [
        stored["two"],
        stored["three"],
        stored["four"],
    ]
    assert live["id"] == stored["five"]
    assert quiet


def test_a_message_the_layer_lost_is_sent_with_the_next_one(pair, monkeypatch):
    host, newcomer, match = pair
    cookie = session_cookie(newcomer.user)
    conversation_id = match.conversation.pk

    def send_quietly(body):
        # As if the channel layer dropped the announcement (it may, by design).
        with monkeypatch.context() as patched:
            patched.setattr(announce, "message_stored", lambda **kwargs: None)
            message_send(
                conversation_id=conversation_id,
                sender=host,
                body=body,
                client_id=uuid.uuid4(),
            )

    def send_loudly(body):
        message_send(
            conversation_id=conversation_id,
            sender=host,
            body=body,
            client_id=uuid.uuid4(),
        )

    async def scenario():
        receiver = await connected(chat_path(match), cookie)
        await next_of(receiver, "read")
        await database_sync_to_async(send_quietly)("lost in the layer")
        await database_sync_to_async(send_loudly)("announced")
        got = [(await next_of(receiver, "message"))["message"] for _ in range(2)]
        # A lost last message comes with the next ping.
        await database_sync_to_async(send_quietly)("lost at the end")
        await receiver.send_json_to({"type": "ping"})
        after_ping = await frames_until(receiver, "pong")
        await receiver.disconnect()
        return got, after_ping

    got, after_ping = run(scenario)
    bodies = list(Message.objects.values_list("pk", flat=True).order_by("pk"))
    assert [m["id"] for m in got] == bodies[:2]
    assert [f["message"]["id"] for f in after_ping if f["type"] == "message"] == [
        bodies[2]
    ]


# --- Read receipts and typing --------------------------------------------------------


def test_reading_moves_the_watermark_and_tells_the_sender(pair):
    host, newcomer, match = pair
    cookies = session_cookie(host.user), session_cookie(newcomer.user)

    async def scenario():
        sender, receiver = await both_connected(match, cookies)
        await sender.send_json_to(send_frame("Did you see this?"))
        message_id = (await next_of(receiver, "message"))["message"]["id"]
        await receiver.send_json_to({"type": "typing"})
        typing = await next_of(sender, "typing")
        await receiver.send_json_to({"type": "read", "up_to": message_id + 1000})
        receipt = await next_of(sender, "read")
        await sender.disconnect()
        await receiver.disconnect()
        return message_id, typing, receipt

    message_id, typing, receipt = run(scenario)
    assert typing == {"type": "typing", "profile_id": newcomer.pk}
    # Never past the newest message.
    assert receipt == {"type": "read", "profile_id": newcomer.pk, "up_to": message_id}
    assert Participant.objects.get(profile=newcomer).last_read_id == message_id


# --- Access ends: the socket closes --------------------------------------------------


def _closes_within_a_second(pair, end_access):
    host, newcomer, match = pair
    cookie = session_cookie(newcomer.user)

    async def scenario():
        communicator = await connected(chat_path(match), cookie)
        await next_of(communicator, "read")
        await database_sync_to_async(end_access)()
        loop = asyncio.get_running_loop()
        started = loop.time()
        frames = []
        while True:
            output = await communicator.receive_output(timeout=1)
            if output["type"] == "websocket.close":
                return frames, output["code"], loop.time() - started
            frames.append(json.loads(output["text"]))

    return run(scenario)


def test_ending_the_match_closes_open_sockets(pair):
    host, newcomer, match = pair
    frames, code, seconds = _closes_within_a_second(
        pair, lambda: match_end(match=match, by=host, reason="It did not work out.")
    )
    assert {"type": "closed", "reason": "ended"} in frames
    assert code == protocol.CLOSE_ENDED
    assert seconds < 1


def test_blocking_closes_open_sockets(pair):
    host, newcomer, match = pair
    frames, code, _ = _closes_within_a_second(
        pair, lambda: member_block(blocker=host, blocked=newcomer)
    )
    assert code == protocol.CLOSE_ENDED


def test_deactivating_the_account_closes_its_sockets(pair):
    host, newcomer, match = pair

    def deactivate():
        newcomer.user.is_active = False
        newcomer.user.save()

    _frames, code, _ = _closes_within_a_second(pair, deactivate)
    assert code == protocol.CLOSE_SIGNED_OUT


def test_logging_out_closes_that_sessions_sockets_only(pair):
    host, newcomer, match = pair
    browser_one, browser_two = Client(), Client()
    browser_one.force_login(newcomer.user)
    browser_two.force_login(newcomer.user)
    cookie_one = f"sessionid={browser_one.cookies['sessionid'].value}".encode()
    cookie_two = f"sessionid={browser_two.cookies['sessionid'].value}".encode()

    async def scenario():
        one = await connected(chat_path(match), cookie_one)
        two = await connected(chat_path(match), cookie_two)
        await next_of(one, "read")
        await next_of(two, "read")
        await database_sync_to_async(browser_one.logout)()
        closed = await one.receive_output(timeout=1)
        still_open = await nothing_more(two)
        await two.send_json_to({"type": "ping"})
        pong = await next_of(two, "pong")
        await two.disconnect()
        return closed, still_open, pong

    closed, still_open, pong = run(scenario)
    assert closed == {"type": "websocket.close", "code": protocol.CLOSE_SIGNED_OUT}
    assert still_open and pong["type"] == "pong"


# --- The notification socket ---------------------------------------------------------


def test_the_notification_socket_counts_unread_messages_and_requests(pair):
    host, newcomer, match = pair
    cookie = session_cookie(newcomer.user)
    conversation_id = match.conversation.pk
    someone = make_member(role="host", display_name="Birgit")

    def host_writes():
        return message_send(
            conversation_id=conversation_id,
            sender=host,
            body="Are you free on Saturday?",
            client_id=uuid.uuid4(),
        ).message.pk

    def someone_asks():
        from tests.factories import make_request

        make_request(someone, newcomer)

    async def scenario():
        badges = await connected("/ws/notifications/", cookie)
        counts = [await next_of(badges, "counts")]
        message_id = await database_sync_to_async(host_writes)()
        counts.append(await next_of(badges, "counts"))
        await database_sync_to_async(conversation_mark_read)(
            conversation_id=conversation_id, profile=newcomer, up_to=message_id
        )
        counts.append(await next_of(badges, "counts"))
        await database_sync_to_async(someone_asks)()
        counts.append(await next_of(badges, "counts"))
        await badges.send_to(text_data="nonsense")
        error = await next_of(badges, "error")
        await badges.disconnect()
        return counts, error

    counts, error = run(scenario)
    # The newcomer asked and the host accepted: one answer not yet seen.
    assert [(c["unread_messages"], c["requests"]) for c in counts] == [
        (0, 1),
        (1, 1),
        (0, 1),
        (0, 2),
    ]
    assert error["code"] == "bad_json"


def test_changes_arriving_together_are_counted_once(pair, monkeypatch):
    """Two messages and the read receipt after them, within the settling time:
    one count, with the figures after all three, and the socket stays quiet."""
    from community.realtime import consumers

    monkeypatch.setattr(consumers, "COUNTS_SETTLE", 0.5)
    host, newcomer, match = pair
    conversation_id = match.conversation.pk
    queries = []
    counted = consumers.NotificationConsumer._counts
    monkeypatch.setattr(
        consumers.NotificationConsumer,
        "_counts",
        lambda socket: queries.append(1) or counted(socket),
    )

    def host_writes(body):
        return message_send(
            conversation_id=conversation_id,
            sender=host,
            body=body,
            client_id=uuid.uuid4(),
        ).message.pk

    cookie = session_cookie(newcomer.user)

    async def scenario():
        badges = await connected("/ws/notifications/", cookie)
        first = await next_of(badges, "counts")
        await database_sync_to_async(host_writes)("Hello!")
        last_id = await database_sync_to_async(host_writes)("Saturday?")
        await database_sync_to_async(conversation_mark_read)(
            conversation_id=conversation_id, profile=newcomer, up_to=last_id
        )
        settled = await next_of(badges, "counts")
        quiet = await nothing_more(badges)
        await badges.disconnect()
        return first, settled, quiet

    first, settled, quiet = run(scenario)
    assert first["unread_messages"] == settled["unread_messages"] == 0
    assert quiet
    assert len(queries) == 2  # on connect, then once for the three changes


def test_a_failed_count_is_retried_at_the_next_ping(pair, monkeypatch):
    """The database is away when the changes settle: the socket stays open and
    its next ping counts again."""
    from community.realtime import consumers

    monkeypatch.setattr(consumers, "COUNTS_SETTLE", 0.05)
    host, newcomer, match = pair
    counted = consumers.NotificationConsumer._counts
    failures = [RuntimeError("database away")]

    def counts_or_fail(socket):
        if failures and socket.counts is not None:
            raise failures.pop()
        return counted(socket)

    monkeypatch.setattr(consumers.NotificationConsumer, "_counts", counts_or_fail)

    conversation_id = match.conversation.pk
    cookie = session_cookie(newcomer.user)

    def host_writes():
        message_send(
            conversation_id=conversation_id,
            sender=host,
            body="Hello!",
            client_id=uuid.uuid4(),
        )

    async def scenario():
        badges = await connected("/ws/notifications/", cookie)
        await next_of(badges, "counts")
        await database_sync_to_async(host_writes)()
        quiet = await nothing_more(badges)  # the count failed: nothing sent
        await badges.send_json_to({"type": "ping"})
        after_ping = await next_of(badges, "counts")
        await badges.disconnect()
        return quiet, after_ping

    quiet, after_ping = run(scenario)
    assert quiet and not failures
    assert after_ping["unread_messages"] == 1


def test_read_receipts_of_many_sockets_are_written_together(monkeypatch):
    """Receipts from several conversations arriving within the gathering time
    are written by one worker-thread call; each watermark moves."""
    from community.realtime import consumers

    pairs = []
    for n in range(3):
        host = make_member(role="host", display_name=f"Host {n}", capacity=2)
        newcomer = make_member(role="newcomer", display_name=f"Newcomer {n}")
        match = make_match(newcomer, host)
        message = message_send(
            conversation_id=match.conversation.pk,
            sender=host,
            body="Hej",
            client_id=uuid.uuid4(),
        ).message
        pairs.append((match.conversation.pk, newcomer, message.pk))
    calls = []
    original = consumers._marks_write

    def counted(batch):
        calls.append(len(batch))
        return original(batch)

    monkeypatch.setattr(consumers, "_marks_write", counted)

    async def scenario():
        receipts = consumers.ReadReceipts.of_this_loop()
        await asyncio.gather(
            *(
                receipts.write(conversation_id=c, profile=p, up_to=up_to)
                for c, p, up_to in pairs
            )
        )

    run(scenario)
    assert calls == [3]
    for conversation_id, newcomer, up_to in pairs:
        assert (
            Participant.objects.get(
                conversation_id=conversation_id, profile=newcomer
            ).last_read_id
            == up_to
        )


def test_frames_and_events_are_handled_one_at_a_time_in_the_order_they_came():
    """A socket's frames and its layer events go to ``dispatch`` in arrival
    order, never two at once, however long one takes; ``StopConsumer`` ends it,
    nothing is handled after it, and neither source is waited on any more."""
    from channels.exceptions import StopConsumer

    async def scenario():
        frames, events = asyncio.Queue(), asyncio.Queue()
        handled, running, waiting = [], [], set()

        def source(queue, name):
            async def receive():
                waiting.add(name)
                try:
                    return await queue.get()
                finally:
                    waiting.discard(name)

            return receive

        async def dispatch(message):
            running.append(message)
            assert len(running) == 1, "two messages handled at once"
            if message == "stop":
                events.put_nowait("after the end")  # must never be handled
                await asyncio.sleep(0.01)
                raise StopConsumer()
            await asyncio.sleep(0.01)  # a slow one: the others queue behind it
            handled.append(message)
            running.remove(message)

        task = asyncio.ensure_future(
            protocol.dispatch_in_order(
                [source(frames, "frames"), source(events, "events")], dispatch
            )
        )
        await asyncio.sleep(0.01)  # both sources are being waited on
        for n in range(6):
            (frames if n % 2 else events).put_nowait(n)
            await asyncio.sleep(0)
        frames.put_nowait("stop")
        with pytest.raises(StopConsumer):
            await asyncio.wait_for(task, 5)
        return handled, waiting

    handled, still_waiting = run(scenario)
    assert handled == [0, 1, 2, 3, 4, 5]
    assert not still_waiting  # the layer may forget the socket's channel


def test_a_failing_source_ends_the_dispatch_with_its_error():
    """The layer losing Redis under a socket ends it with that error (the
    socket then closes with 4503 and the page reconnects), as Channels' way
    did."""

    async def scenario():
        frames = asyncio.Queue()

        async def broken():
            await asyncio.sleep(0.01)
            raise ConnectionError("Redis went away")

        async def dispatch(message):
            pass

        with pytest.raises(ConnectionError, match="Redis went away"):
            await asyncio.wait_for(
                protocol.dispatch_in_order([frames.get, broken], dispatch), 5
            )
        return True

    assert run(scenario)
