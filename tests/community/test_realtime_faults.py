"""The sockets under faults and floods (community/realtime/): a send the
server could not store says so with its client_id and "retry"; the cache being
away never fails a send; a dropped database connection is retried; a fault at
connect closes with "try again" instead of crashing; floods of pings, read
receipts and frames cost little and every frame gets a defined answer.
"""

import asyncio
import json
import logging
import uuid

import pytest
from channels.db import database_sync_to_async
from channels.layers import channel_layers
from django.db import OperationalError
from django.test import Client, override_settings

from community.models import Message, Participant
from community.realtime import announce, consumers, protocol
from tests.community.test_realtime import (
    chat_path,
    connected,
    next_of,
    send_frame,
)
from tests.live import run_async as run
from tests.sockets import session_cookie, socket

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("fresh_channel_layer"),
]


@pytest.fixture
def no_crash(caplog):
    """Fails the test if a socket logged an error (an uncaught consumer
    exception, a frame that failed)."""
    caplog.set_level(logging.WARNING)
    yield caplog
    errors = [
        record.getMessage()
        for record in caplog.records
        if record.levelno >= logging.ERROR
    ]
    assert errors == []


async def opened(match, cookie):
    communicator = await connected(chat_path(match), cookie)
    await next_of(communicator, "read")
    return communicator


def counting(monkeypatch, owner, name: str) -> list:
    calls = []
    original = getattr(owner, name)

    def counted(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


# --- Nothing lost --------------------------------------------------------------------

REDIS_AWAY = {
    "default": {
        "BACKEND": "config.cache.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
    }
}


def test_a_send_is_stored_and_acknowledged_while_the_cache_is_away(
    matched_pair, no_crash
):
    host, newcomer, match = matched_pair
    with override_settings(CACHES=REDIS_AWAY):
        cookie = session_cookie(host.user)  # the session lives on in the database

        async def scenario():
            communicator = await opened(match, cookie)
            await communicator.send_json_to(send_frame("Still there?"))
            ack = await next_of(communicator, "ack")
            await communicator.disconnect()
            return ack

        ack = run(scenario)
    assert Message.objects.get().pk == ack["id"]


def test_a_send_the_database_could_not_store_says_so_with_its_id_and_retry(
    matched_pair, monkeypatch, no_crash
):
    host, newcomer, match = matched_pair
    cookie = session_cookie(host.user)
    original = consumers.message_send
    failures = []

    def away_twice(**kwargs):
        if len(failures) < 2:  # the first try and the server's own retry
            failures.append(1)
            raise OperationalError("server closed the connection unexpectedly")
        return original(**kwargs)

    # The service as the socket calls it.
    monkeypatch.setattr(consumers, "message_send", away_twice)
    frame = send_frame("Hello after the fault")

    async def scenario():
        communicator = await opened(match, cookie)
        await communicator.send_json_to(frame)
        error = await next_of(communicator, "error")
        await communicator.send_json_to(frame)  # the page sends it again
        ack = await next_of(communicator, "ack")
        await communicator.disconnect()
        return error, ack

    error, ack = run(scenario)
    assert error["code"] == "not_stored"
    assert error["client_id"] == frame["client_id"]
    assert error["retry"] is True and error["retry_after"] >= 1
    assert ack["client_id"] == frame["client_id"] and not ack["duplicate"]
    assert Message.objects.count() == 1


def test_a_dropped_database_connection_is_replaced_before_the_send_fails(
    matched_pair, monkeypatch, no_crash
):
    host, newcomer, match = matched_pair
    cookie = session_cookie(host.user)
    original = consumers.message_send
    dropped = []

    def dropped_once(**kwargs):
        if not dropped:
            dropped.append(1)
            raise OperationalError("terminating connection due to administrator")
        return original(**kwargs)

    # The service as the socket calls it.
    monkeypatch.setattr(consumers, "message_send", dropped_once)

    async def scenario():
        communicator = await opened(match, cookie)
        await communicator.send_json_to(send_frame())
        ack = await next_of(communicator, "ack")
        await communicator.disconnect()
        return ack

    assert run(scenario)["id"] == Message.objects.get().pk


def test_a_rule_that_never_passes_says_not_to_retry(matched_pair, no_crash):
    host, newcomer, match = matched_pair
    cookie = session_cookie(host.user)

    async def scenario():
        communicator = await opened(match, cookie)
        await communicator.send_json_to(send_frame("x" * 4001))
        error = await next_of(communicator, "error")
        await communicator.disconnect()
        return error

    error = run(scenario)
    assert error["code"] == "invalid" and error["retry"] is False


# --- Never a crash -------------------------------------------------------------------


def test_a_fault_at_connect_closes_with_try_again_instead_of_crashing(
    matched_pair, monkeypatch, no_crash
):
    host, newcomer, match = matched_pair
    cookie = session_cookie(host.user)

    async def layer_away(group, channel):
        raise ConnectionError("Error 111 connecting to redis")

    async def scenario():
        from channels.layers import get_channel_layer

        # The layer the consumers will use (in memory or Redis), unable to add.
        get_channel_layer().group_add = layer_away
        results = []
        for path in (chat_path(match), "/ws/notifications/"):
            communicator = socket(path, cookie)
            results.append(await communicator.connect())
        return results

    assert run(scenario) == [(False, 4503), (False, 4503)]


def test_a_layer_event_that_fails_leaves_the_socket_working(
    matched_pair, monkeypatch, no_crash
):
    host, newcomer, match = matched_pair
    cookie = session_cookie(host.user)
    original = consumers.ConversationConsumer._missed
    failed = []

    def away_once(self, after, clamp):
        if not clamp and not failed:
            failed.append(1)
            raise OperationalError("the database went away")
        return original(self, after, clamp)

    monkeypatch.setattr(consumers.ConversationConsumer, "_missed", away_once)

    async def scenario():
        communicator = await opened(match, cookie)
        layer = channel_layers["default"]
        # An announcement with a gap makes the socket read the database.
        await layer.group_send(
            announce.conversation_group(match.conversation.pk),
            {"type": "chat.message", "message": {"id": 99}, "previous_id": 98},
        )
        await asyncio.sleep(0.2)
        await communicator.send_json_to({"type": "ping"})
        pong = await next_of(communicator, "pong")
        await communicator.disconnect()
        return pong

    assert run(scenario)["type"] == "pong"
    assert failed == [1]


# --- Floods cost little --------------------------------------------------------------


def test_a_ping_flood_checks_the_database_once_and_every_ping_is_answered(
    matched_pair, monkeypatch, no_crash
):
    host, newcomer, match = matched_pair
    cookie = session_cookie(host.user)
    checks = counting(monkeypatch, consumers.ConversationConsumer, "_still_allowed")

    async def scenario():
        communicator = await opened(match, cookie)
        for _ in range(30):
            await communicator.send_json_to({"type": "ping"})
        frames = [await communicator.receive_json_from(timeout=3) for _ in range(30)]
        await communicator.disconnect()
        return frames

    frames = run(scenario)
    assert [frame["type"] for frame in frames] == ["pong"] * 30
    assert len(checks) <= 1


def test_a_frame_flood_is_refused_cheaply_and_sends_keep_their_id(
    matched_pair, monkeypatch, no_crash
):
    host, newcomer, match = matched_pair
    cookie = session_cookie(host.user)
    checks = counting(monkeypatch, consumers.ConversationConsumer, "_still_allowed")
    flood = protocol.FRAME_BURST + 200

    async def scenario():
        communicator = await opened(match, cookie)
        for _ in range(int(flood)):
            await communicator.send_json_to({"type": "typing"})
        await communicator.send_json_to(send_frame(client_id=None))
        frames = []
        while not await communicator.receive_nothing(timeout=0.5):
            frames.append(await communicator.receive_json_from())
        await asyncio.sleep(1.1)  # the bucket refills: the socket works again
        await communicator.send_json_to({"type": "ping"})
        pong = await next_of(communicator, "pong")
        await communicator.disconnect()
        return frames, pong

    frames, pong = run(scenario)
    refusals = [frame for frame in frames if frame.get("code") == "too_many_frames"]
    assert 1 <= len(refusals) <= 3  # told, not flooded back
    send_refusal = refusals[-1]
    assert send_refusal["client_id"] and send_refusal["retry"] is True
    assert pong["type"] == "pong"
    assert not Message.objects.exists()
    assert len(checks) <= 1


def test_read_receipts_in_a_flood_are_written_at_most_once_a_second(
    matched_pair, monkeypatch, no_crash
):
    from community.services.messaging import message_send

    host, newcomer, match = matched_pair
    conversation_id = match.conversation.pk
    ids = [
        message_send(
            conversation_id=conversation_id,
            sender=newcomer,
            body=f"Message {n}",
            client_id=f"00000000-0000-4000-8000-{n:012d}",
        ).message.pk
        for n in range(20)
    ]
    cookie = session_cookie(host.user)
    # The receipts of all sockets are written together (consumers.ReadReceipts).
    writes = counting(monkeypatch, consumers, "_marks_write")

    async def scenario():
        communicator = await opened(match, cookie)
        for message_id in ids:
            await communicator.send_json_to({"type": "read", "up_to": message_id})
        await asyncio.sleep(consumers.READ_EVERY + 0.5)
        await communicator.disconnect()

    run(scenario)
    assert len(writes) <= 2
    watermark = Participant.objects.get(
        conversation_id=conversation_id, profile=host
    ).last_read_id
    assert watermark == ids[-1]


def test_a_notification_ping_flood_never_reaches_the_database(
    matched_pair, monkeypatch, no_crash
):
    host, newcomer, match = matched_pair
    cookie = session_cookie(host.user)
    counts = counting(monkeypatch, consumers.NotificationConsumer, "_counts")
    rechecks = counting(monkeypatch, consumers, "session_alive")

    async def scenario():
        communicator = await connected("/ws/notifications/", cookie)
        first = await next_of(communicator, "counts")
        for _ in range(20):
            await communicator.send_json_to({"type": "ping"})
        frames = [await communicator.receive_json_from(timeout=3) for _ in range(20)]
        await communicator.disconnect()
        return first, frames

    first, frames = run(scenario)
    assert all(frame == first for frame in frames)
    assert len(counts) == 1  # at connect only: pings answer from memory
    assert rechecks == []


# --- An idle badge socket answers from what it knows ---------------------------------


def test_frames_and_events_do_not_wait_for_the_shared_sync_thread(
    matched_pair, monkeypatch, no_crash
):
    """Channels' dispatch sends every message through the process's one sync
    thread first (``aclose_old_connections``); ours does not."""
    import channels.consumer

    host, newcomer, match = matched_pair
    cookie = session_cookie(host.user)
    hops = []

    async def counted():
        hops.append(1)

    monkeypatch.setattr(channels.consumer, "aclose_old_connections", counted)

    async def scenario():
        badges = await connected("/ws/notifications/", cookie)
        chat = await opened(match, cookie)
        await next_of(badges, "counts")
        for _ in range(5):
            await badges.send_json_to({"type": "ping"})
            await next_of(badges, "counts")
        await chat.send_json_to({"type": "ping"})
        await next_of(chat, "pong")
        await badges.disconnect()
        await chat.disconnect()

    run(scenario)
    assert hops == []


def test_badge_counts_in_a_ping_answer_follow_the_events(
    matched_pair, monkeypatch, no_crash
):
    """Each change reaches the socket as an event; a ping then answers with the
    new counts without a query of its own."""
    from community.services.messaging import conversation_mark_read, message_send

    host, newcomer, match = matched_pair
    cookie = session_cookie(newcomer.user)
    counts = counting(monkeypatch, consumers.NotificationConsumer, "_counts")
    conversation_id = match.conversation.pk

    def host_writes() -> int:
        return message_send(
            conversation_id=conversation_id,
            sender=host,
            body="Coffee on Friday?",
            client_id=str(uuid.uuid4()),
        ).message.pk

    async def ping(communicator) -> dict:
        await communicator.send_json_to({"type": "ping"})
        return await next_of(communicator, "counts")

    async def scenario():
        communicator = await connected("/ws/notifications/", cookie)
        seen = [await next_of(communicator, "counts")]
        message_id = await database_sync_to_async(host_writes)()
        await next_of(communicator, "counts")  # the event
        seen.append(await ping(communicator))
        await database_sync_to_async(conversation_mark_read)(
            conversation_id=conversation_id, profile=newcomer, up_to=message_id
        )
        await next_of(communicator, "counts")
        seen.append(await ping(communicator))
        await communicator.disconnect()
        return seen

    seen = run(scenario)
    assert [frame["unread_messages"] for frame in seen] == [0, 1, 0]
    assert len(counts) == 3  # connect and the two events; no ping queried


def test_logging_out_closes_the_badge_socket_and_a_ping_after_it_is_not_answered(
    matched_pair, no_crash
):
    host, newcomer, match = matched_pair
    browser = Client()
    browser.force_login(newcomer.user)
    cookie = f"sessionid={browser.cookies['sessionid'].value}".encode()

    async def scenario():
        communicator = await connected("/ws/notifications/", cookie)
        await next_of(communicator, "counts")
        await database_sync_to_async(browser.logout)()
        closed = await communicator.receive_output(timeout=1)
        return closed

    closed = run(scenario)
    assert closed == {"type": "websocket.close", "code": protocol.CLOSE_SIGNED_OUT}


def test_blocking_updates_the_badge_socket_and_ending_the_account_closes_it(
    matched_pair, no_crash
):
    from community.services.safety import member_block

    host, newcomer, match = matched_pair
    cookie = session_cookie(newcomer.user)

    def deactivate():
        newcomer.user.is_active = False
        newcomer.user.save()

    async def scenario():
        communicator = await connected("/ws/notifications/", cookie)
        await next_of(communicator, "counts")
        await database_sync_to_async(member_block)(blocker=host, blocked=newcomer)
        await communicator.send_json_to({"type": "ping"})
        alive = await next_of(communicator, "counts")
        await database_sync_to_async(deactivate)()
        closed = await communicator.receive_output(timeout=1)
        return alive, closed

    alive, closed = run(scenario)
    assert alive["type"] == "counts"
    assert closed == {"type": "websocket.close", "code": protocol.CLOSE_SIGNED_OUT}


def test_a_session_ended_while_its_event_was_lost_is_caught_by_the_recheck(
    matched_pair, monkeypatch, no_crash
):
    """The layer promises at most once: a log-out whose ``session.end`` never
    arrived closes the socket at the first ping after RECHECK_EVERY."""
    from django.contrib.sessions.backends.cached_db import SessionStore

    host, newcomer, match = matched_pair
    cookie = session_cookie(newcomer.user)
    key = cookie.decode().split("=", 1)[1]
    monkeypatch.setattr(consumers, "RECHECK_EVERY", 0.0)  # every ping rechecks

    def session_gone():  # what a log-out does, without the announcement
        SessionStore(session_key=key).delete()

    async def scenario():
        communicator = await connected("/ws/notifications/", cookie)
        await next_of(communicator, "counts")
        await communicator.send_json_to({"type": "ping"})
        alive = await next_of(communicator, "counts")
        await database_sync_to_async(session_gone)()
        await communicator.send_json_to({"type": "ping"})
        closed = await communicator.receive_output(timeout=3)
        return alive, closed

    alive, closed = run(scenario)
    assert alive["type"] == "counts"
    assert closed == {"type": "websocket.close", "code": protocol.CLOSE_SIGNED_OUT}


def test_a_send_after_a_lost_log_out_event_is_refused_at_the_next_check(
    matched_pair, monkeypatch, no_crash
):
    """A chat socket looks its session up again at most every
    SESSION_CHECK_EVERY seconds when sending (a log-out normally arrives as
    ``session.end``): the first send after that, from a session gone without
    its event, is refused and stores nothing."""
    from django.contrib.sessions.backends.cached_db import SessionStore

    host, newcomer, match = matched_pair
    cookie = session_cookie(newcomer.user)
    key = cookie.decode().split("=", 1)[1]
    monkeypatch.setattr(consumers, "SESSION_CHECK_EVERY", 0.0)

    async def scenario():
        communicator = await connected(chat_path(match), cookie)
        await communicator.send_json_to(send_frame("Before"))
        stored = await next_of(communicator, "ack")
        await database_sync_to_async(SessionStore(session_key=key).delete)()
        await communicator.send_json_to(send_frame("After"))
        refused = await next_of(communicator, "error")
        told = await next_of(communicator, "closed")
        closed = await communicator.receive_output(timeout=3)
        return stored, refused, told, closed

    stored, refused, told, closed = run(scenario)
    assert stored["type"] == "ack"
    assert refused["code"] == "closed"
    assert told["reason"] == "signed_out"
    assert closed == {"type": "websocket.close", "code": protocol.CLOSE_SIGNED_OUT}
    assert list(Message.objects.values_list("body", flat=True)) == ["Before"]


def test_a_session_from_before_a_password_change_is_refused_at_the_handshake(
    matched_pair, no_crash
):
    """The socket's user is verified as a page's is (active, session hash)."""
    from tests.sockets import opens

    host, newcomer, match = matched_pair
    cookie = session_cookie(newcomer.user)

    def password_change():
        newcomer.user.set_password("a-new-password-9876")
        newcomer.user.save()

    async def scenario():
        before = await opens("/ws/notifications/", cookie)
        await database_sync_to_async(password_change)()
        after = [
            await opens("/ws/notifications/", cookie),
            await opens(chat_path(match), cookie),
        ]
        return before, after

    before, after = run(scenario)
    assert before and after == [False, False]


# --- Every frame ends in a defined answer --------------------------------------------

HOSTILE_FRAMES = [
    ("not json", "bad_json"),
    ("", "bad_json"),
    ("[]", "bad_frame"),
    ("null", "bad_frame"),
    ('"ping"', "bad_frame"),
    ("{}", "bad_frame"),
    ('{"type": 5}', "bad_frame"),
    ('{"type": "x' + "y" * 5000 + '"}', "unknown_type"),
    ('{"type": "send"}', "bad_frame"),
    ('{"type": "send", "client_id": 7, "body": "hi"}', "bad_frame"),
    ('{"type": "send", "client_id": "' + "a" * 65 + '", "body": "hi"}', "bad_frame"),
    ('{"type": "send", "client_id": "not-a-uuid", "body": "hi"}', "invalid"),
    (
        '{"type": "send", "client_id": "6c7c2a1e-5a3b-4c3d-9e2f-1a2b3c4d5e6f"}',
        "bad_frame",
    ),
    (
        '{"type": "send", "client_id": "6c7c2a1e-5a3b-4c3d-9e2f-1a2b3c4d5e6f", '
        '"body": ["a"]}',
        "bad_frame",
    ),
    (
        '{"type": "send", "client_id": "6c7c2a1e-5a3b-4c3d-9e2f-1a2b3c4d5e6f", '
        '"body": "   "}',
        "invalid",
    ),
    (
        '{"type": "send", "client_id": "6c7c2a1e-5a3b-4c3d-9e2f-1a2b3c4d5e6f", '
        '"body": "\\u0000"}',
        "invalid",
    ),
    ('{"type": "read"}', "bad_frame"),
    ('{"type": "read", "up_to": -1}', "bad_frame"),
    ('{"type": "read", "up_to": "5"}', "bad_frame"),
    ('{"type": "read", "up_to": true}', "bad_frame"),
    ('{"type": "read", "up_to": 1.5}', "bad_frame"),
    ('{"type": "read", "up_to": 99999999999999999999999}', None),
    ('{"type": "typing", "extra": {"deep": [1, 2, 3]}}', None),
    ('{"type": "ping", "after": "x"}', "pong"),
    ("\ud800", "bad_json"),
]


@pytest.mark.parametrize(("raw", "answer"), HOSTILE_FRAMES)
def test_every_hostile_chat_frame_gets_a_defined_answer(
    matched_pair, raw, answer, no_crash
):
    host, newcomer, match = matched_pair
    cookie = session_cookie(host.user)

    async def scenario():
        communicator = await opened(match, cookie)
        await communicator.send_input({"type": "websocket.receive", "text": raw})
        frames = []
        while not await communicator.receive_nothing(timeout=0.3):
            frames.append(await communicator.receive_json_from())
        await communicator.send_json_to({"type": "ping"})
        alive = await next_of(communicator, "pong")
        await communicator.disconnect()
        return frames, alive

    frames, alive = run(scenario)
    if answer is None:
        assert [f for f in frames if f["type"] == "error"] == []
    elif answer == "pong":
        assert frames[-1]["type"] == "pong"
    else:
        assert [f.get("code") for f in frames if f["type"] == "error"] == [answer]
    assert alive["type"] == "pong"  # and the socket is still up
    assert not Message.objects.exists()


@pytest.mark.parametrize(
    "raw",
    ["nope", "{}", '{"type": "send", "body": "hi"}', '{"type": "read", "up_to": 1}'],
)
def test_every_hostile_notification_frame_gets_an_error(matched_pair, raw, no_crash):
    host, newcomer, match = matched_pair
    cookie = session_cookie(host.user)

    async def scenario():
        communicator = await connected("/ws/notifications/", cookie)
        await next_of(communicator, "counts")
        await communicator.send_to(text_data=raw)
        error = await next_of(communicator, "error")
        await communicator.send_json_to({"type": "ping"})
        alive = await next_of(communicator, "counts")
        await communicator.disconnect()
        return error, alive

    error, alive = run(scenario)
    assert error["code"] in {"bad_json", "bad_frame", "unknown_type"}
    assert alive["type"] == "counts"


def test_binary_and_oversized_frames_on_the_notification_socket(matched_pair, no_crash):
    host, newcomer, match = matched_pair
    cookie = session_cookie(host.user)

    async def scenario():
        communicator = await connected("/ws/notifications/", cookie)
        await next_of(communicator, "counts")
        await communicator.send_to(bytes_data=b"\x00\x01")
        binary = await next_of(communicator, "error")
        await communicator.send_to(text_data=json.dumps({"type": "x" * 70_000}))
        too_big = await next_of(communicator, "error")
        closed = await communicator.receive_output(timeout=3)
        return binary, too_big, closed

    binary, too_big, closed = run(scenario)
    assert binary["code"] == "binary" and too_big["code"] == "too_big"
    assert closed == {"type": "websocket.close", "code": protocol.CLOSE_TOO_BIG}
