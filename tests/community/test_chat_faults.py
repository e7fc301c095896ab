"""No message lost through faults: two matched pairs chat through two real
daphne processes that share PostgreSQL and a Redis of the test's own, while
Redis is killed (kill -9) and started again, every database connection is
terminated twice, and one daphne process is killed and started again. The
clients behave as the page does (tests/chaos.py). Afterwards every message
written is stored once and reached the other member once, and no consumer
crashed (the servers' logs say so).

Needs PostgreSQL and Redis, and ``redis-server`` on the PATH (CI's second pass).
"""

from functools import partial

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from community.models import Message
from tests import chaos
from tests.factories import make_match, make_member
from tests.live import close_database_connections, run_async

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        "RedisPubSub" not in settings.CHANNEL_LAYERS["default"]["BACKEND"],
        reason="needs PostgreSQL and Redis (DATABASE_URL, REDIS_URL)",
    ),
]


def cookie_for(profile) -> str:
    client = Client()
    client.force_login(profile.user)
    return f"sessionid={client.cookies['sessionid'].value}"


def database_dsn(name: str | None = None) -> str:
    params = connection.settings_dict
    user = params.get("USER") or "postgres"
    password = f":{params['PASSWORD']}" if params.get("PASSWORD") else ""
    host = params.get("HOST") or "127.0.0.1"
    port = params.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{name or params['NAME']}"


@pytest.fixture
def cluster(tmp_path):
    """A Redis of our own and two daphne processes on the test database."""
    if connection.vendor != "postgresql":
        pytest.fail("the fault test needs PostgreSQL (DATABASE_URL)")
    redis = chaos.RedisServer(tmp_path).start()
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_dsn(),
        "REDIS_URL": redis.url,
    }
    close_database_connections()
    servers = [chaos.DaphneServer(env, tmp_path, label) for label in "ab"]
    try:
        for server in servers:
            server.start()
        yield redis, servers
    finally:
        for server in servers:
            server.stop()
        redis.stop()
        close_database_connections()


def pairs_chatting(servers, count: int, tally: chaos.Tally):
    ports = [server.port for server in servers]
    clients = []
    for n in range(count):
        host = make_member(role="host", display_name=f"Host {n}")
        newcomer = make_member(role="newcomer", display_name=f"Newcomer {n}")
        conversation_id = make_match(newcomer, host).conversation.pk
        for me, partner, index in ((host, newcomer, 0), (newcomer, host, 1)):
            client = chaos.PageClient(
                profile_id=me.pk,
                partner_id=partner.pk,
                conversation_id=conversation_id,
                cookie=cookie_for(me),
                ports=ports,
                tally=tally,
            )
            client.port_index = index  # the two members on different servers
            clients.append(client)
    return clients


def test_no_message_is_lost_or_doubled_through_redis_database_and_daphne_faults(
    cluster,
):
    redis, (server_a, server_b) = cluster
    tally = chaos.Tally()
    clients = pairs_chatting((server_a, server_b), 2, tally)
    close_database_connections()
    database = connection.settings_dict["NAME"]
    maintenance = database_dsn("postgres")
    cut = []

    def terminate() -> None:
        cut.append(chaos.database_connections_terminate(maintenance, database))

    faults = [
        (5, redis.kill),  # Redis gone for five seconds
        (10, redis.start),
        (16, terminate),  # every connection to the database cut, twice
        (21, terminate),
        (27, server_a.kill),  # one daphne process killed, started again
        (30, server_a.start),
    ]
    # In a thread of its own: the browser tests leave a loop in this one.
    run_async(
        partial(chaos.converse, clients, seconds=36, interval=1.0, faults=faults),
        timeout=180,
    )
    close_database_connections()

    stored = list(
        Message.objects.filter(
            conversation_id__in={client.conversation_id for client in clients}
        ).values_list("client_id", "sender_id")
    )
    stored_ids = [str(client_id) for client_id, _sender in stored]
    sent = tally.sent
    seen = (
        f"sent={len(sent)} stored={len(stored_ids)} delivered="
        f"{len(tally.delivered)} dup={tally.duplicates} errors={dict(tally.errors)} "
        f"closes={dict(tally.closes)} refused={tally.handshake_failures}"
    )
    assert len(sent) >= 120, seen
    assert not tally.failed
    assert sorted(stored_ids) == sorted(sent), seen  # stored, once each
    assert {str(c): s for c, s in stored} == sent  # by its sender
    assert set(tally.delivered) == set(sent), seen  # reached the partner
    assert all(tally.delivered[c] != sender for c, sender in sent.items())
    assert tally.duplicates == 0
    assert all(cut), "the database faults cut the servers' connections"
    assert tally.closes or tally.handshake_failures  # the faults were felt
    for server in (server_a, server_b):
        assert server.crashes() == [], server.log()[-4000:]
