"""Chat across daphne processes: two servers share PostgreSQL and the Redis
channel layer; a message sent through one arrives live at a client of the other,
and a client whose server restarts catches up on reconnect.

Needs PostgreSQL and Redis (CI's second pass, ``DATABASE_URL`` and
``REDIS_URL``); with the in-memory layer a second process cannot hear the first.
"""

import asyncio
import json
import uuid

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from tests.factories import make_match, make_member
from tests.live import daphne_start, daphne_stop
from tests.live import run_async as run

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        "RedisPubSub" not in settings.CHANNEL_LAYERS["default"]["BACKEND"],
        reason="needs the Redis channel layer (REDIS_URL) and PostgreSQL",
    ),
]


@pytest.fixture
def two_servers(django_db_blocker):
    if connection.vendor != "postgresql":
        pytest.fail("the two-process test needs PostgreSQL (DATABASE_URL)")
    servers = [daphne_start(django_db_blocker) for _ in range(2)]
    yield servers
    for server in servers:
        daphne_stop(server)


def cookie_for(profile) -> str:
    client = Client()
    client.force_login(profile.user)
    return f"sessionid={client.cookies['sessionid'].value}"


def opener(port: int, cookie: str):
    from websockets.asyncio.client import connect

    def open_socket(path: str):
        return connect(
            f"ws://127.0.0.1:{port}{path}",
            additional_headers=[
                ("Cookie", cookie),
                ("Origin", f"http://127.0.0.1:{port}"),
            ],
            open_timeout=10,
        )

    return open_socket


async def until(socket, kind: str, timeout: float = 5) -> list[dict]:
    frames = []
    while True:
        frame = json.loads(await asyncio.wait_for(socket.recv(), timeout))
        frames.append(frame)
        if frame["type"] == kind:
            return frames


def test_a_message_through_one_process_arrives_live_at_the_other(two_servers):
    host = make_member(role="host", display_name="Hanne Host")
    newcomer = make_member(role="newcomer", display_name="Nadia Newcomer")
    match = make_match(newcomer, host)
    path = f"/ws/conversations/{match.conversation.pk}/"
    port_a, port_b = (server.port.value for server in two_servers)
    host_on_a = opener(port_a, cookie_for(host))
    newcomer_on_b = opener(port_b, cookie_for(newcomer))

    async def scenario():
        async with (
            host_on_a(path) as host_socket,
            newcomer_on_b(path) as newcomer_socket,
            newcomer_on_b("/ws/notifications/") as badges,
        ):
            await until(host_socket, "read")
            await until(newcomer_socket, "read")
            await until(badges, "counts")
            await host_socket.send(
                json.dumps(
                    {"type": "send", "client_id": str(uuid.uuid4()), "body": "Hej!"}
                )
            )
            ack = (await until(host_socket, "ack"))[-1]
            delivered = (await until(newcomer_socket, "message"))[-1]["message"]
            badge = (await until(badges, "counts"))[-1]
            await newcomer_socket.send(
                json.dumps(
                    {"type": "send", "client_id": str(uuid.uuid4()), "body": "Hej!!"}
                )
            )
            reply = (await until(host_socket, "message", timeout=5))[-1]
            while reply["message"]["sender_id"] != newcomer.pk:
                reply = (await until(host_socket, "message"))[-1]
            return ack, delivered, badge, reply["message"]

    ack, delivered, badge, reply = run(scenario)
    assert delivered["id"] == ack["id"]
    assert delivered["sender_id"] == host.pk
    assert badge["unread_messages"] == 1
    assert reply["html"] == "Hej!!"


def test_a_client_whose_server_restarts_catches_up_with_nothing_lost(
    two_servers, django_db_blocker
):
    host = make_member(role="host", display_name="Hanne Host")
    newcomer = make_member(role="newcomer", display_name="Nadia Newcomer")
    match = make_match(newcomer, host)
    path = f"/ws/conversations/{match.conversation.pk}/"
    server_a, server_b = two_servers
    host_on_a = opener(server_a.port.value, cookie_for(host))
    newcomer_cookie = cookie_for(newcomer)

    def send(body: str) -> str:
        return json.dumps(
            {"type": "send", "client_id": str(uuid.uuid4()), "body": body}
        )

    async def before_restart():
        async with (
            host_on_a(path) as host_socket,
            opener(server_b.port.value, newcomer_cookie)(path) as newcomer_socket,
        ):
            await until(host_socket, "read")
            await until(newcomer_socket, "read")
            await host_socket.send(send("before"))
            seen = (await until(newcomer_socket, "message"))[-1]["message"]["id"]
        return seen

    async def while_down_then_back(port):
        async with host_on_a(path) as host_socket:
            await until(host_socket, "read")
            for body in ("while down 1", "while down 2"):
                await host_socket.send(send(body))
                await until(host_socket, "ack")
        async with opener(port, newcomer_cookie)(
            f"{path}?after={seen}"
        ) as newcomer_socket:
            frames = await until(newcomer_socket, "read")
        return [f["message"]["html"] for f in frames if f["type"] == "message"]

    seen = run(before_restart)
    daphne_stop(server_b)
    restarted = daphne_start(django_db_blocker)
    two_servers[1] = restarted
    caught_up = run(lambda: while_down_then_back(restarted.port.value))
    assert caught_up == ["while down 1", "while down 2"]
